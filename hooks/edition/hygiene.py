"""Field hygiene: what no string of a contributed file may contain.

Applied to every string of every YAML document and to Markdown bodies: control characters,
bidirectional overrides, invisible characters, markup (found by a real HTML tokenizer, not a
regular expression), script URLs, and the templates' TODO placeholders.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from typing import NamedTuple

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 control characters (tab and line feed aside) and DEL."""
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates: they reorder what readers see (CVE-2021-42574)."""
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad\u180e\u2061-\u2064]")
"""Zero-width space, word joiner, BOM, soft hyphen and invisible operators. (ZWJ and ZWNJ, which
Urdu and Persian spelling need, and the left-to-right and right-to-left marks are allowed.)"""
_PLACEHOLDER = re.compile(r"\bTODO\b")
_SCHEME_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data|file):", re.IGNORECASE)
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]+>")
_TAG_START = re.compile(r"<[A-Za-z!/?]")
"""Where an HTML tokenizer starts a tag (a '<' before a space or a digit is text)."""


class Finding(NamedTuple):
    """Something a string must not contain."""

    rule: str
    message: str
    hint: str
    offset: int
    """Character offset of the finding in the string."""


def _codepoint(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


class _TagFinder(HTMLParser):
    """Records the first thing an HTML parser would treat as markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.all: list[tuple[int, str]] = []
        """(line, what) of every piece of markup, in order."""

    @property
    def found(self) -> tuple[int, str] | None:
        return self.all[0] if self.all else None

    def _record(self, what: str) -> None:
        line, column = self.getpos()
        self.all.append((line, what))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._record(self.get_starttag_text() or f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._record(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        self._record(f"</{tag}>")

    def handle_comment(self, data: str) -> None:
        self._record(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._record(f"<!{decl[:10]}")

    def handle_pi(self, data: str) -> None:
        self._record(f"<?{data[:10]}")

    def unknown_decl(self, data: str) -> None:
        self._record(f"<![{data[:10]}")


def markup_in(text: str) -> str:
    """The first piece of HTML markup in `text` as a browser's tokenizer would see it, or ''.

    Entity-encoded markup counts too (decoded once first), and so does a tag left open at the
    end of the text, which a browser completes when the text is placed before other markup.
    Autolinks (<https://…>) are Markdown, not HTML.
    """
    if "<" not in text and "&" not in text:
        return ""
    for candidate in (text, html.unescape(text)):
        candidate = _AUTOLINK.sub(" ", candidate)
        if "<" not in candidate:
            continue
        finder = _TagFinder()
        try:
            finder.feed(candidate)
            finder.close()
        except Exception:  # the stdlib tokenizer is lenient; anything it chokes on is suspect
            return candidate[candidate.find("<"):][:40]
        if finder.found:
            return finder.found[1]
        # A tag left open at the end ("<img src=x onerror=…") is dropped by a browser only
        # while nothing follows it; placed before other markup it becomes a tag.
        match = _TAG_START.search(candidate)
        if match:
            return candidate[match.start():match.start() + 40]
    return ""


def markup_lines(text: str) -> list[tuple[int, str]]:
    """Every piece of HTML markup in a Markdown body, (1-based line, what), encoded markup included."""
    found: list[tuple[int, str]] = []
    scrubbed = _AUTOLINK.sub(lambda match: " " * len(match.group()), text)
    if "<" in scrubbed:
        # Paragraph by paragraph (Markdown ends an HTML block at a blank line), each cut at
        # `MAX_TOKENIZED` characters: the standard library's tokenizer reads the rest of its
        # input again at each '<' it cannot close, which made a body of '<a' repeated take
        # seconds. A longer paragraph is reported as such by `markup.nesting_problems`.
        for first_line, block in _paragraphs(scrubbed):
            if "<" not in block:
                continue
            block = block[:MAX_TOKENIZED]
            finder = _TagFinder()
            try:
                finder.feed(block)
                finder.close()
            except Exception:
                found.append((first_line + block.count("\n", 0, block.find("<")), "<"))
                continue
            found.extend((first_line + line - 1, what) for line, what in finder.all)
            if not finder.all:
                match = _TAG_START.search(block)
                if match:
                    found.append((first_line + block.count("\n", 0, match.start()),
                                  block[match.start():match.start() + 40]))
    line, counted, encoded = 1, 0, 0
    for match in re.finditer(r"&(#\d+|#x[0-9a-f]+|lt|gt|LT|GT);", scrubbed):
        decoded = html.unescape(scrubbed[match.start():match.start() + 80])
        if _TAG_START.match(decoded) and markup_in(decoded.split("\n")[0]):
            line += scrubbed.count("\n", counted, match.start())
            counted = match.start()
            found.append((line, "encoded:" + decoded.split(">")[0][:40] + ">"))
            encoded += 1
            if encoded == MAX_ENCODED:
                break
    return found


MAX_ENCODED = 100
"""Most pieces of entity-encoded markup reported in one body (each is looked at with the HTML
tokenizer; a body of thousands says nothing more than the first hundred)."""
MAX_TOKENIZED = 4000
"""Most characters of one paragraph given to the HTML tokenizer (see `markup_lines`)."""
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each run of lines between blank lines, in one pass."""
    found, line, start = [], 1, 0
    for match in _BLANK_LINE.finditer(text):
        found.append((line, text[start:match.start()]))
        line += text.count("\n", start, match.end())
        start = match.end()
    found.append((line, text[start:]))
    return found


def string_findings(value: str, *, url: bool = False) -> list[Finding]:
    """Everything wrong with one plain-text string from a source file."""
    found = []
    for pattern, rule, what, hint in (
            (_CONTROL, "control-character", "control character", "delete it: it is invisible and breaks pages"),
            (_BIDI, "bidi-control", "bidirectional override",
             "delete it: it makes the text display in a different order than it reads"),
            (_INVISIBLE, "invisible-character", "invisible character", "delete it")):
        match = pattern.search(value)
        if match:
            found.append(Finding(rule, f"{what} {_codepoint(match.group())} at character {match.start() + 1}: "
                                       f"'{_visible(value)[:60]}'", hint, match.start()))
    tag = markup_in(value)
    if tag:
        encoded = tag not in value
        found.append(Finding("markup", f"{'entity-encoded ' if encoded else ''}HTML is not allowed here: '{tag}'",
                             "front matter is plain text: remove the tag", value.find("<")))
    if _DANGEROUS_SCHEME.match(_SCHEME_CONTROL.sub("", html.unescape(value))):
        found.append(Finding("script-url", f"a script or data URL is not allowed here: '{value[:40]}'",
                             "use an https:// address", 0))
    placeholder = _PLACEHOLDER.search(value)
    if placeholder:
        found.append(Finding("placeholder", f"the template's placeholder is still here: '{value[:60]}'",
                             "write this field (every TODO of the template must be replaced)", placeholder.start()))
    return found


def _visible(value: str) -> str:
    """The string with invisible characters shown as their code points."""
    return "".join(f"<U+{ord(c):04X}>" if _CONTROL.match(c) or _BIDI.match(c) or _INVISIBLE.match(c) else c
                   for c in value)


def body_findings(text: str) -> list[tuple[int, Finding]]:
    """Characters a Markdown body must not contain, with the 1-based line of each."""
    found = []
    for line_number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        for pattern, rule, what in ((_CONTROL, "control-character", "control character"),
                                    (_BIDI, "bidi-control", "bidirectional override"),
                                    (_INVISIBLE, "invisible-character", "invisible character")):
            match = pattern.search(line.replace("\t", " "))
            if match:
                found.append((line_number, Finding(rule, f"{what} {_codepoint(match.group())} in the text: "
                                                         f"'{_visible(line.strip())[:60]}'", "delete it",
                                                   match.start())))
        placeholder = _PLACEHOLDER.search(line)
        if placeholder:
            found.append((line_number, Finding("placeholder", f"the template's placeholder is still here: "
                                                              f"'{line.strip()[:60]}'",
                                               "write the note or entry in place of the TODO text",
                                               placeholder.start())))
    return found
