"""The edition's bibliography: every source once, in CSL-JSON, cited by key.

`bibliography.json` is a CSL-JSON array (what Zotero exports and Pandoc's citeproc reads).
Notes and glossary entries cite an item by its `id`, optionally with a locator and the
sentence of the source that supports what they say. This module reads the file with the
line of every item, and checks what a careful editor would: the schema, one item per id
and per URL, URL hygiene, stand-in titles, dates that the URL contradicts, domains the
edition does not accept as sources.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import SplitResult, parse_qsl, urlsplit

from . import schemas
from .frontmatter import MAX_DEPTH, LocatedList
from .problems import Problem, ProblemList, did_you_mean
from .references import Bibliography, Citation, Reference, date_iso  # noqa: F401 (re-exported)
from .sourcefile import check_strings

TRACKING_PARAMETERS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_[a-z]+|sphrase_id|_ga|"
                                 r"igshid|ref_src|cmpid|ocid|amp)$", re.IGNORECASE)
"""Query parameters that say who sent the reader, not what the page is."""
DEVELOPMENT_HOST = re.compile(r"(^|[.-])(dev|staging|stage|test|local|localhost|preview)([.-]|$)", re.IGNORECASE)
_HOST_IN_PATH = re.compile(r"(?:^|/)((?:[a-z0-9-]+\.)+(?:com|org|net|info|io|co|pk|ru|in|uk|cn|tj|kz))(?:/|$)",
                           re.IGNORECASE)
_DATE_IN_URL = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[/-])(?P<m>0[1-9]|1[0-2])(?P=sep)"
                          r"(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")
_STAND_IN = re.compile(r"^\s*\[|headline not shown|not shown in the stored copy|untitled|title unknown",
                       re.IGNORECASE)
_URL_WHOLE = re.compile(r"\Ahttps?://[^\s/$.?#][^\s]*\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?")
"""A \\u escape of a high or low surrogate, with the low half that may follow it."""


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _duplicate_checking_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            result.setdefault("\x00duplicates", []).append(key)
        result[key] = value
    return result


MAX_ITEMS = 2000
"""Most items in bibliography.json: ten times the edition's sources. Each item is checked on
its own (its schema, its strings, its URL), so the check's time grows with their number: 2,000
items take about a quarter of a second."""
MAX_DIGITS = 100
"""Longest number in a JSON or YAML source (Python refuses to read a decimal number of more
than 4,300 digits; no CSL-JSON value needs more than a few)."""


class NumberTooLong(ValueError):
    """A number with more than `MAX_DIGITS` digits, met while decoding JSON."""

    def __init__(self, digits: str):
        super().__init__(digits)
        self.digits = digits


def _int(digits: str) -> int:
    if len(digits) > MAX_DIGITS:
        raise NumberTooLong(digits)
    return int(digits)


def _float(digits: str) -> float:
    if len(digits) > MAX_DIGITS:
        raise NumberTooLong(digits)
    return float(digits)


def read_items(path: Path, text: str, problems: ProblemList) -> list[tuple[int, dict[str, Any], str]]:
    """The items of a CSL-JSON array with the line where each starts and its own text.

    Lines are counted in one pass, each newline once (counting from the start of the file for
    every item took a minute for 100,000 items)."""
    decoder = json.JSONDecoder(object_pairs_hook=_duplicate_checking_pairs, parse_int=_int, parse_float=_float)
    counted, line_at_counted = 0, 1

    def _line(_text: str, offset: int) -> int:
        nonlocal counted, line_at_counted
        if offset < counted:
            return _text.count("\n", 0, offset) + 1
        line_at_counted += _text.count("\n", counted, offset)
        counted = offset
        return line_at_counted

    position = len(text) - len(text.lstrip())
    if not text[position:position + 1] == "[":
        start = text[position:position + 20].split("\n")[0]
        problems.add(path, _line(text, position), f"the bibliography must be a JSON array of CSL-JSON items: '{start}'",
                     "start the file with '[' (Zotero: export as CSL JSON)", rule="bibliography-syntax")
        return []
    position += 1
    items: list[tuple[int, dict[str, Any], str]] = []
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text):
            problems.add(path, _line(text, position), "the bibliography's array is never closed: ']'",
                         "end the file with ']'", rule="bibliography-syntax")
            return items
        if text[position] == "]":
            return items
        try:
            item, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            problems.add(path, error.lineno, f"malformed JSON in the bibliography: {error.msg}",
                         "check commas and quotes near this line (a JSON linter shows the exact place)",
                         rule="bibliography-syntax", column=error.colno)
            return items
        except NumberTooLong as error:
            found = text.find(error.digits[:40], position)
            problems.add(path, _line(text, max(found, position)),
                         f"number is too long: '{error.digits[:20]}…' ({len(error.digits):,} digits)",
                         f"no value needs more than {MAX_DIGITS} digits: write the number CSL-JSON expects",
                         rule="number-too-large")
            return items
        except RecursionError:
            problems.add(path, _line(text, position), f"JSON is nested too deeply: 'more than {MAX_DEPTH} levels'",
                         "a CSL-JSON item needs a few levels of lists and mappings", rule="bibliography-syntax")
            return items
        line = _line(text, position)
        position, item_text = end, text[position:end]
        if _depth(item) > MAX_DEPTH:
            problems.add(path, line, f"JSON is nested too deeply: 'more than {MAX_DEPTH} levels'",
                         "a CSL-JSON item needs a few levels of lists and mappings", rule="bibliography-syntax")
            continue
        if "\\u" in item_text and _SURROGATE.search(json.dumps(item, ensure_ascii=False)):
            offset, code = _lone_surrogate(item_text)
            where = line + item_text.count("\n", 0, offset)
            line_start = item_text.rfind("\n", 0, offset) + 1
            excerpt = item_text[line_start:offset + 6].strip()[-60:]
            problems.add(path, where, f"an escape names half a character (unpaired surrogate U+{code:04X}): "
                                      f"'{excerpt}'",
                         "write the character itself (the file is UTF-8), or both halves of its \\u escape",
                         rule="encoding")
            continue
        if len(items) == MAX_ITEMS:
            problems.add(path, line, f"the bibliography has too many items: 'more than {MAX_ITEMS:,}'",
                         "an edition cites a few hundred sources at most: remove the items no note cites",
                         rule="bibliography-too-large")
            return items
        items.append((line, item, item_text))


def _lone_surrogate(item_text: str) -> tuple[int, int]:
    """Offset and code point of the first escape in `item_text` that makes half a character."""
    for match in _SURROGATE_ESCAPE.finditer(item_text):
        found = _SURROGATE.search(json.loads(f'"{match.group()}"'))
        if found:
            return match.start(), ord(found.group())
    return 0, 0xFFFD


def _depth(value: Any) -> int:
    """How deeply lists and mappings nest in a decoded JSON value (iteratively: no recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            if depth <= MAX_DEPTH:
                stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def _field_lines(item_text: str, first_line: int, item: dict[str, Any]) -> dict[str, int]:
    lines = {}
    for key in item:
        found = item_text.find(json.dumps(key) + ":")
        if found < 0:
            found = item_text.find(json.dumps(key))
        lines[key] = first_line + (item_text.count("\n", 0, found) if found >= 0 else 0)
    return lines


def _split(url: str) -> SplitResult | None:
    """The parts of a URL, or None for one that cannot be split (an unclosed '[' of an IPv6 host)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def normalised_url(url: str) -> str:
    """The URL as two citations of the same page would share it (scheme, www. and '/' aside)."""
    parts = _split(url.strip())
    if parts is None:
        return url
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    query = "&".join(f"{k}={v}" for k, v in parse_qsl(parts.query) if not TRACKING_PARAMETERS.match(k))
    return f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


def url_problems(url: str) -> list[tuple[str, str, str]]:
    """What is wrong with a source URL: (rule, message, hint) for each fault."""
    if not url.startswith(("http://", "https://")):
        return []  # the schema's pattern reports it ("source URL is not an http(s) URL")
    if not _URL_WHOLE.match(url):
        return [("url-form", f"URL is not a whole http(s) address: {url!r}",
                 "write the address alone, starting https://, with no spaces, line breaks or text after it")]
    found = []
    parts = _split(url)
    if parts is None:
        return [("url-form", f"URL cannot be read as an address: {url!r}",
                 "copy the page's address again (an IPv6 host needs its closing ']')")]
    host = parts.hostname or ""
    if is_ip_host(host):
        found.append(("url-host", f"URL host is an IP address, not the publisher's site: '{host}'",
                      "cite the page at its publisher's own address"))
    else:
        if DEVELOPMENT_HOST.search(host.split(".")[0]) or host.endswith((".local", ".test", ".localhost")):
            found.append(("url-host", f"URL host is a development or staging server: '{host}'",
                          "cite the page at its public address"))
    tracking = [key for key, _ in parse_qsl(parts.query, keep_blank_values=True) if TRACKING_PARAMETERS.match(key)]
    if tracking:
        found.append(("url-tracking", f"URL carries tracking parameters: '{', '.join(tracking)}'",
                      "remove them: they say who sent the reader, not which page it is"))
    match = _HOST_IN_PATH.search(parts.path)
    if match and match.group(1).lower() != host.lower():
        found.append(("url-host-in-path", f"URL has a host name inside its path: '{match.group(1)}'",
                      "this is usually a scraping artefact: open the page and copy its address again"))
    if re.search(r"[,;]\w", parts.path + parts.query) and re.search(r"[,;](Accessed|Retrieved)", url, re.I):
        found.append(("url-form", f"URL has text glued to it: '{url[-30:]}'", "cut the address where it ends"))
    return found


_NUMERIC_LABEL = re.compile(r"\A(?:0x[0-9a-f]*|[0-9]+)\Z", re.IGNORECASE)


def is_ip_host(host: str) -> bool:
    """Whether a browser reads `host` as an IP address: the standard forms, and also IPv4's short
    and numeric ones ('127.1', '2130706433', '0x7f.1'), in which every label is a number."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        labels = host.rstrip(".").split(".")
        return bool(host) and len(labels) <= 4 and all(_NUMERIC_LABEL.match(label) for label in labels)


CSL_DATE_FIELDS = ("issued", "accessed", "original-date", "event-date", "available-date", "submitted")
_NOTE_VARIABLE = re.compile(r"^\s*[A-Za-z][A-Za-z_-]*\s*:|\{:", re.MULTILINE)
"""What pandoc's citeproc reads in a CSL `note` as a variable: a 'key: value' line or '{:key:value}'."""
MAX_QUOTE_NESTING = 3
"""Deepest nesting of quotation marks in a CSL field: a title quoting a title quoting a phrase.
Pandoc's citeproc takes time exponential in the nesting (sixteen pairs: over two minutes)."""
_OPENING_QUOTES = "“‘«‹„‚"
_CLOSING_QUOTES = "”’»›“‘"


def quote_nesting(value: str) -> int:
    """How deeply quotation marks nest in `value`: typographic marks open and close, a straight
    '"' closes the innermost '"' still open or opens one; an apostrophe is not counted."""
    depth = deepest = 0
    stack: list[str] = []
    for index, char in enumerate(value):
        if char == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append(char)
        elif char in _OPENING_QUOTES and (char not in _CLOSING_QUOTES or not stack or stack[-1] == '"'
                                          or index == 0 or not value[index - 1].isalnum()):
            stack.append(char)
        elif char in "”»›" and stack:
            stack.pop()
        depth = len(stack)
        deepest = max(deepest, depth)
    return deepest


def date_problems(value: Any) -> list[str]:
    """What is wrong with the days a CSL date names (each part list [year, month, day])."""
    if not isinstance(value, dict) or not isinstance(value.get("date-parts"), list):
        return []
    found = []
    for parts in value["date-parts"]:
        if not (isinstance(parts, list) and len(parts) == 3):
            continue
        try:
            datetime.date(*(int(part) for part in parts))
        except (TypeError, ValueError) as error:
            year, month, day = (str(part) for part in parts)
            found.append(f"date is not a real calendar day ({error}): '{year:0>4}-{month:0>2}-{day:0>2}'")
    return found


def check_csl_fields(csl: dict[str, Any], line: int, field_lines: dict[str, int], path: Path,
                     problems: ProblemList) -> None:
    """What citeproc would read otherwise than as data: variables in a note, impossible dates,
    quotation marks nested past `MAX_QUOTE_NESTING`."""
    line_of = field_lines.get
    note = csl.get("note")
    if isinstance(note, str):
        found = _NOTE_VARIABLE.search(note)
        if found:
            shown = note[found.start():].lstrip().split("\n")[0][:60]
            problems.add(path, line_of("note", line), f"a note cannot set CSL variables: '{shown}'",
                         "citeproc reads 'key: value' lines of a note as fields: give each field as a field of "
                         "the item, or reword the line", rule="csl-note-variable")
    for field in CSL_DATE_FIELDS:
        for message in date_problems(csl.get(field)):
            problems.add(path, line_of(field, line), message, "correct the date, or give only the year and month",
                         rule="date-invalid")
    for field, value in csl.items():
        if isinstance(value, str) and quote_nesting(value) > MAX_QUOTE_NESTING:
            problems.add(path, line_of(field, line),
                         f"quotation marks nested more than {MAX_QUOTE_NESTING} deep: '{value[:60]}'",
                         "a title quotes a title at most: remove the outer marks", rule="csl-quotes-too-deep")


def check_reference(reference: Reference, path: Path, problems: ProblemList,
                    disallowed: dict[str, str]) -> None:
    """Checks of one item beyond its schema."""
    line_of = reference.field_lines.get
    check_csl_fields(reference.csl, reference.line, reference.field_lines, path, problems)
    url = reference.url
    split = _split(url)
    if url:
        for rule, message, hint in url_problems(url):
            problems.add(path, line_of("URL", reference.line), message, hint, rule=rule)
    if url and split:
        host = (split.hostname or "").lower()
        for domain, reason in disallowed.items():
            if host == domain or host.endswith("." + domain):
                problems.add(path, line_of("URL", reference.line),
                             f"source from a domain the edition does not accept ({reason}): '{host}'",
                             "cite a newspaper of record, an official document or scholarship instead",
                             rule="source-disallowed")
                break
        issued = reference.issued
        for match in _DATE_IN_URL.finditer(split.path):
            in_url = f"{match['y']}-{match['m']}-{match['d']}"
            if issued and not in_url.startswith(issued) and not issued.startswith(in_url):
                problems.add(path, line_of("issued", reference.line),
                             f"issued date {issued} differs from the date in the URL: '{in_url}'",
                             "give the date the page itself shows; omit 'issued' (n.d.) if it shows none",
                             rule="date-contradicts-url")
    title = str(reference.csl.get("title", ""))
    if _STAND_IN.search(title):
        problems.add(path, line_of("title", reference.line), f"stand-in title: '{title[:70]}'",
                     "give the page's real headline; if it shows none, leave out title and describe the item in genre",
                     rule="title-stand-in")
    elif title.rstrip().endswith(("…", "...")):
        problems.add(path, line_of("title", reference.line), f"title looks cut off: '{title[-40:]}'",
                     "copy the whole headline", rule="title-truncated")


def load_bibliography(path: Path, text: str, root: Path,
                      disallowed: dict[str, str] | None = None) -> tuple[Bibliography, list[Problem]]:
    """Read and check bibliography.json (its text already read safely)."""
    references, found = examine_bibliography(text, tuple(sorted((disallowed or {}).items())))
    problems = ProblemList(root)
    problems.extend_at(path, found)
    return Bibliography(path, dict(references)), problems


@lru_cache(maxsize=16)
def examine_bibliography(text: str, disallowed: tuple[tuple[str, str], ...]
                         ) -> tuple[dict[str, Reference], tuple[Problem, ...]]:
    """The references of a bibliography's text and its problems (with an empty path), given the
    domains the edition does not accept as sources.

    Kept for the rest of the process, as `sourcefile.examine` is: a rebuild reads an unchanged
    bibliography once. Callers get their own dictionary; nothing may change the items in it.
    """
    path = Path()
    problems = ProblemList(path)
    references: dict[str, Reference] = {}
    urls: dict[str, Reference] = {}
    for line, item, item_text in read_items(path, text, problems):
        duplicates = item.pop("\x00duplicates", []) if isinstance(item, dict) else []
        field_lines = _field_lines(item_text, line, item) if isinstance(item, dict) else {}
        for key in duplicates:
            problems.add(path, field_lines.get(key, line), f"duplicate field in a bibliography item: '{key}'",
                         "keep one of them", rule="yaml-duplicate-key")
        valid = True
        for problem in schemas.check("bibliography-item", item, whole="bibliography item", key_lines=field_lines):
            valid = False
            problems.add(path, problem.line or line, problem.message, problem.hint, rule=problem.rule or "schema")
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        reference = Reference(item["id"], item, line, field_lines, valid)
        if reference.id in references:
            problems.add(path, line, f"duplicate bibliography id: '{reference.id}'",
                         f"also the id of the item on line {references[reference.id].line}", rule="bibliography-duplicate-id")
            continue
        before = len(problems)
        check_strings(item, problems, path, line, field_lines)
        check_reference(reference, path, problems, dict(disallowed))
        references[reference.id] = reference._replace(valid=valid and len(problems) == before)
        if not valid:
            continue
        if reference.url:
            same = urls.setdefault(normalised_url(reference.url), reference)
            if same is not reference:
                problems.add(path, field_lines.get("URL", line), f"two bibliography items for one page: "
                             f"'{reference.id}' and '{same.id}'",
                             f"merge them into one item and cite '{same.id}' (same URL as line {same.line})",
                             rule="bibliography-duplicate-url")
    return references, tuple(problems)


def citation_from_yaml(item: Any, line: int) -> Citation | None:
    """A `sources:` item of a note or entry: a key, or {key, locator, quote}."""
    if isinstance(item, str):
        return Citation(item, line=line)
    if isinstance(item, dict) and isinstance(item.get("key"), str):
        return Citation(item["key"], str(item.get("locator", "") or ""), " ".join(str(item.get("quote", "") or "").split()),
                        line)
    return None


def citations_in(items: Any) -> tuple[Citation, ...]:
    """The citations of a note's or entry's `sources:` (those that can be read as one)."""
    if not isinstance(items, LocatedList):
        return ()
    found = (citation_from_yaml(item, items.line_of(index)) for index, item in enumerate(items))
    return tuple(citation for citation in found if citation is not None)


def check_citations(citations: Iterable[Citation], bibliography: Bibliography, path: Path, root: Path,
                    require_evidence: bool, suggestions: dict[str, str] | None = None) -> list[Problem]:
    """Every cited key exists, none is cited twice, each says what in the source supports it.

    `suggestions` keeps each unknown key's "did you mean" across calls: an edition cites a key
    from many notes, and each search compares it with every key of the bibliography."""
    problems = ProblemList(root)
    suggestions = {} if suggestions is None else suggestions
    seen: dict[str, Citation] = {}
    for citation in citations:
        if "TODO" in citation.key:
            continue  # the template's placeholder, reported as such
        if bibliography.get(citation.key) is None:
            if citation.key not in suggestions:
                suggestions[citation.key] = did_you_mean(citation.key, bibliography.references)
            problems.add(path, citation.line, f"unknown bibliography key: '{citation.key}'",
                         suggestions[citation.key] or "add the source to bibliography.json first",
                         rule="citation-unknown-key")
            continue
        if citation.key in seen:
            problems.add(path, citation.line, f"source cited twice: '{citation.key}'",
                         f"also cited on line {seen[citation.key].line}: keep one citation", rule="citation-duplicate")
            continue
        seen[citation.key] = citation
        if require_evidence and not citation.quote:
            problems.add(path, citation.line, f"citation gives no supporting sentence: '{citation.key}'",
                         "add quote: the sentence of the source that supports the statement, copied exactly",
                         rule="citation-no-evidence")
    return problems
