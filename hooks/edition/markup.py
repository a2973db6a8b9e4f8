"""Contributed Markdown: checked for active content, rendered safely, links resolved.

Two defences, on purpose. At check time `unsafe_markup` rejects raw HTML (found by an HTML
tokenizer, entity-encoded markup included), attribute lists and non-http(s) links with a
message, so a contributor learns what is wrong. At render time the Markdown instance cannot
emit raw HTML at all (`EditionExtension` removes its HTML processors) and the result passes
nh3's allowlist sanitiser, so nothing active reaches a reader even if a check were skipped.
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable, Iterator, NamedTuple
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.treeprocessors import Treeprocessor

from .hygiene import markup_lines

INTERNAL_SCHEMES = ("glossary", "note", "para")
"""Edition-internal link schemes: [text](glossary:id), [text](note:id), [text](para:4)."""
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})

MAX_NESTING = 16
"""Deepest nesting of block containers (list items, block quotes) and of open '[' brackets in a
contributed body: a real note needs two or three. Python-Markdown parses nested blocks
recursively (a few hundred levels end in RecursionError) and scans from each open '[' to its
closing bracket (thousands of unclosed ones take minutes), so deeper text is refused before
it is parsed."""
MAX_PARAGRAPH = 4000
"""Most characters in one paragraph (a block between blank lines) of a contributed body: some
600 words, where a note has at most a few hundred. Python-Markdown's inline processing costs
the paragraph's length for every link, emphasis or escape in it, so this bounds a body's cost
by its length."""
_MALFORMED_URL = re.compile(r"[\s\"'<>`]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")

_HEADINGS = {"h1": "h3", "h2": "h4", "h3": "h5", "h4": "h6", "h5": "h6"}

SANITISER_TAGS = {"p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "br", "hr",
                  "sup", "sub", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}


class MarkupProblem(NamedTuple):
    """Something unsafe or unresolved in contributed text, at a line of that text."""

    line: int
    """1-based line within the checked text."""
    message: str
    hint: str = ""
    rule: str = ""
    unknown_target: tuple[str, str] | None = None
    """(scheme, target) of an internal link to nothing, so the caller can suggest a near match."""


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _LineCounter:
    """Line numbers of increasing offsets in one text, counted in one pass over it."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.line = text, 0, 1

    def line_of(self, offset: int) -> int:
        if offset < self.offset:
            self.offset, self.line = 0, 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def link_scheme(url: str) -> str:
    """The scheme of a URL as a browser reads it (control characters and spaces dropped)."""
    match = _SCHEME.match(_CONTROL.sub("", html.unescape(url)))
    return match.group(1).lower() if match else ""


def attribute_lists(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each attribute list: '{' then, before the next '}' on its line, either
    ':', '#' or '.' after optional spaces, or an '='.

    A hand-written scanner, linear in the text: each line is cut at its '}' characters, and in
    each piece the leftmost '{' that qualifies is the one reported (what a leftmost regular
    expression match would find, without its backtracking, which took minutes on '{a=' * 4000).
    """
    for line_start, line in _lines_with_offsets(text):
        start = 0
        while True:
            close = line.find("}", start)
            if close < 0:
                break
            piece = line[start:close]
            last_equals = piece.rfind("=")
            opening = piece.find("{")
            while opening >= 0:
                after = piece[opening + 1:].lstrip(" \t\r\f\v")[:1]
                if after in (":", "#", ".") and after or last_equals > opening:
                    yield line_start + start + opening, line[start + opening:close + 1]
                    break
                opening = piece.find("{", opening + 1)
            start = close + 1


def _lines_with_offsets(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
"""One block container's marker at the start of what is left of a line (anchored: `match` only)."""


def nesting_problems(text: str) -> list[MarkupProblem]:
    """Bodies nested more deeply than `MAX_NESTING`: block containers on one line (list markers,
    '>', and indentation, four columns a level), or '[' or '(' brackets still open in one
    paragraph; and paragraphs longer than `MAX_PARAGRAPH`. One linear pass; at most one problem
    of each kind."""
    problems: list[MarkupProblem] = []
    containers_found = brackets_found = long_found = False
    open_brackets = {"[": 0, "(": 0}
    paragraph, paragraph_line = 0, 1
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            # A blank line ends the paragraph, and with it every open bracket.
            open_brackets = {"[": 0, "(": 0}
            paragraph = 0
            continue
        if not paragraph:
            paragraph_line = number
        paragraph += len(line) + 1
        if paragraph > MAX_PARAGRAPH and not long_found:
            long_found = True
            problems.append(MarkupProblem(
                paragraph_line, f"paragraph is too long: 'more than {MAX_PARAGRAPH:,} characters'",
                "split it with blank lines: a note's paragraph is a few sentences", "paragraph-too-long"))
        if not containers_found:
            expanded = line.expandtabs(4)
            depth = (len(expanded) - len(expanded.lstrip(" "))) // 4
            position = 0
            while depth <= MAX_NESTING:
                match = _CONTAINER.match(line, position)
                if not match:
                    break
                depth, position = depth + 1, match.end()
            if depth > MAX_NESTING:
                containers_found = True
                problems.append(MarkupProblem(
                    number, f"Markdown is nested too deeply: 'more than {MAX_NESTING} levels of lists or quotes'",
                    "a note needs a list inside a list at most; write the text out flat", "markdown-too-deep"))
        if not brackets_found:
            escaped = False
            for char in line:
                if escaped:
                    escaped = False
                elif char == "\\":
                    escaped = True
                elif char in "[(":
                    open_brackets[char] += 1
                    if open_brackets[char] > MAX_NESTING:
                        brackets_found = True
                        problems.append(MarkupProblem(
                            number, f"too many '{char}' brackets open at once: 'more than {MAX_NESTING}'",
                            f"close each one, or write a bracket that is text as \\{char}", "markdown-too-deep"))
                        break
                elif char in "])":
                    opening = "[" if char == "]" else "("
                    open_brackets[opening] = max(0, open_brackets[opening] - 1)
        if containers_found and brackets_found and long_found:
            break
    return problems


def unsafe_markup(text: str) -> list[MarkupProblem]:
    """Active content in Markdown source (raw or encoded HTML, attribute lists), and nesting that
    Python-Markdown could not parse in time (see `MAX_NESTING`)."""
    problems = nesting_problems(text)
    for line, what in markup_lines(text):
        if what.startswith("encoded:"):
            problems.append(MarkupProblem(line, f"entity-encoded HTML is not allowed: '{what[8:]}'",
                                          "write plain Markdown; to show a '<' in prose, write it as it is",
                                          "markup"))
        else:
            problems.append(MarkupProblem(line, f"raw HTML is not allowed in contributed Markdown: '{what[:60]}'",
                                          "write plain Markdown: *emphasis*, [text](https://…), lists", "markup"))
    lines = _LineCounter(text)
    for offset, found in attribute_lists(text):
        problems.append(MarkupProblem(lines.line_of(offset),
                                      f"attribute lists are not allowed in contributed Markdown: '{found[:60]}'",
                                      "remove the {…} block: contributed Markdown cannot style the page",
                                      "markup-attribute-list"))
    return problems


LINK_TOKEN_PREFIX = "__edition__/"
_LINK_TOKEN = re.compile(r'href="__edition__/(glossary|note|para)/([^"]*)"')


def link_token(scheme: str, target: str) -> str:
    """A placeholder href for an internal link, resolved per page by `resolve_link_tokens`."""
    return f"{LINK_TOKEN_PREFIX}{scheme}/{target}"


LinkResolver = Callable[[str, str], "str | None"]
"""(scheme, target) -> href for an internal link, or None if the target is unknown."""


def resolve_link_tokens(rendered: str, resolver: LinkResolver) -> str:
    """Replace placeholder hrefs with what `resolver` returns (the attribute goes if it returns None)."""
    def replace(match: re.Match[str]) -> str:
        href = resolver(match.group(1), html.unescape(match.group(2)))
        return f'href="{html.escape(href, quote=True)}"' if href is not None else 'data-unresolved=""'
    return _LINK_TOKEN.sub(replace, rendered)


class LinkTreeprocessor(Treeprocessor):
    """Resolve internal links, demote headings and record disallowed links and images."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.resolver: LinkResolver | None = None
        self.found: list[tuple[str, str, str]] = []

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag in _HEADINGS:
                # A body sits under the page's own h1/h2: its headings start at h3.
                element.tag = _HEADINGS[element.tag]
            elif element.tag == "img":
                self.found.append(("image", element.get("src", ""), ""))
                element.tag, element.attrib, element.text = "span", {}, element.get("alt", "")
            elif element.tag == "a":
                self._link(element)

    def _link(self, element: Element) -> None:
        href = element.get("href", "")
        scheme = link_scheme(href)
        if _MALFORMED_URL.search(href):
            self.found.append(("malformed", href, scheme))
            element.attrib.pop("href")
        elif scheme in INTERNAL_SCHEMES:
            target = href.split(":", 1)[1]
            resolved = self.resolver(scheme, target) if self.resolver else None
            if resolved is None:
                self.found.append(("unknown", href, scheme))
                element.attrib.pop("href")
            else:
                element.set("href", resolved)
                element.set("class", f"edition-link edition-link--{scheme}")
        elif scheme and scheme not in EXTERNAL_SCHEMES:
            self.found.append(("scheme", href, scheme))
            element.attrib.pop("href")
        elif not scheme and href and not href.startswith("#"):
            self.found.append(("relative", href, ""))
            element.attrib.pop("href")


INLINE_PATTERN_PRIORITIES = {
    "backtick": 190, "escape": 180, "reference": 170, "link": 160, "image_link": 150, "image_reference": 140,
    "short_reference": 130, "short_image_ref": 125, "autolink": 120, "automail": 110, "linebreak": 100,
    "entity": 80, "em_strong": 60,
}
"""Python-Markdown's inline patterns at the priorities its documentation gives them ("html", at
90, is removed by `EditionExtension`). `tests/unit/test_markup.py` checks that the installed
Markdown orders its patterns this way."""

# When an inline pattern can match anything at all, given the text it will see and whether the
# document defines reference links. Python-Markdown tries every pattern on every text node; a
# pattern whose opening character is absent costs time and, provably, changes nothing. (The
# reference patterns do match bracketed text, but leave it alone unless it names a definition.)
_PATTERN_NEEDS: dict[str, Callable[[str, bool], bool]] = {
    "backtick": lambda text, refs: "`" in text,
    "escape": lambda text, refs: "\\" in text,
    "reference": lambda text, refs: refs and "[" in text,
    "link": lambda text, refs: "[" in text,
    "image_link": lambda text, refs: "![" in text,
    "image_reference": lambda text, refs: refs and "![" in text,
    "short_reference": lambda text, refs: refs and "[" in text,
    "short_image_ref": lambda text, refs: refs and "![" in text,
    "autolink": lambda text, refs: "<" in text,
    "automail": lambda text, refs: "<" in text,
    "linebreak": lambda text, refs: "  \n" in text,
    "entity": lambda text, refs: "&" in text,
    "em_strong": lambda text, refs: "*" in text or "_" in text,
}


class InlinePatternChooser(Treeprocessor):
    """Before inline processing, give it only the patterns that can match in this document.

    Runs after block parsing (priority 25, above "inline" at 20), so it sees exactly the text
    the inline processor will see and knows the document's reference definitions. Each subset
    is a registry of its own, built through the public `Registry.register` at the documented
    priorities, and kept for the next document that needs the same subset.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._full = md.inlinePatterns
        self._subsets: dict[tuple[str, ...], markdown.util.Registry] = {}

    def run(self, root: Element) -> None:
        text = "".join(chunk for element in root.iter() for chunk in (element.text, element.tail) if chunk)
        refs = bool(self.md.references)
        names = tuple(name for name in INLINE_PATTERN_PRIORITIES
                      if name in self._full and _PATTERN_NEEDS[name](text, refs))
        subset = self._subsets.get(names)
        if subset is None:
            subset = self._subsets[names] = markdown.util.Registry()
            for name in names:
                subset.register(self._full[name], name, INLINE_PATTERN_PRIORITIES[name])
        inline: Any = self.md.treeprocessors["inline"]   # an InlineProcessor, typed as any Treeprocessor
        inline.inlinePatterns = subset


class EditionExtension(Extension):
    """What the edition changes in Python-Markdown for contributed bodies.

    - removes the raw-HTML block preprocessor ("html_block") and inline pattern ("html"), so
      no HTML written in a body can pass through;
    - registers `InlinePatternChooser` at priority 25 (just before "inline", 20);
    - registers `LinkTreeprocessor` at priority 5 (after "inline" made the links, before
      "prettify", 10 is irrelevant to it since it only rewrites attributes).
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        self.links = LinkTreeprocessor(md)
        md.treeprocessors.register(InlinePatternChooser(md), "edition_inline_patterns", 25)
        md.treeprocessors.register(self.links, "edition_links", 5)


class RenderedMarkup(NamedTuple):
    """HTML from contributed Markdown plus what was wrong with its links."""

    html: str
    problems: tuple[MarkupProblem, ...] = ()


class MarkdownRenderer:
    """A reusable, HTML-free Markdown renderer for notes and glossary bodies."""

    def __init__(self) -> None:
        # Extensions as instances, not names: naming one makes Markdown scan every installed
        # package's entry points (tens of milliseconds).
        self._extension = EditionExtension()
        self._md = markdown.Markdown(extensions=[SaneListExtension(), self._extension], output_format="html")

    def render(self, text: str, resolver: LinkResolver | None = None) -> RenderedMarkup:
        """Render `text`; internal links go through `resolver` (None: check only)."""
        links = self._extension.links
        links.resolver = resolver
        links.found = []
        self._md.reset()
        too_deep = nesting_problems(text)
        if too_deep:
            # Never parsed (see MAX_NESTING): shown as the text it is, for a build that goes on
            # after the check has reported it.
            return RenderedMarkup(html.escape(text), tuple(too_deep))
        rendered = self._md.convert(text)
        problems = tuple(self._link_problems(text, links.found))
        clean = nh3.clean(rendered, tags=SANITISER_TAGS,
                          attributes={"a": {"href", "class", "title"}, "th": {"align"}, "td": {"align"}},
                          url_schemes=set(EXTERNAL_SCHEMES), link_rel="noopener")
        return RenderedMarkup(clean, problems)

    @staticmethod
    def _link_problems(text: str, found: list[tuple[str, str, str]]) -> Iterator[MarkupProblem]:
        for kind, href, scheme in found:
            line = _line_of(text, max(0, text.find(href))) if href else 1
            if kind == "image":
                yield MarkupProblem(line, f"images are not allowed in contributed Markdown: '{href}'",
                                    "link to the image instead: [description](https://…)", "markup-image")
            elif kind == "unknown":
                yield MarkupProblem(line, f"unknown {_TARGET_NAMES[scheme]} in link: '{href}'", "",
                                    "link-unknown-target", (scheme, href.split(":", 1)[1]))
            elif kind == "malformed":
                yield MarkupProblem(
                    line, f"malformed link URL (spaces, quotes or angle brackets): '{href[:60]}'",
                    "write [text](https://…) or [text](https://… \"title\") with nothing else inside", "link-malformed")
            elif kind == "scheme":
                yield MarkupProblem(line, f"link URL scheme is not allowed: '{href[:60]}'",
                                    "use an https:// URL or glossary:, note:, para: links", "link-scheme")
            else:
                yield MarkupProblem(line, f"relative link is not allowed: '{href}'",
                                    "use glossary:<id>, note:<id>, para:<n> or a full https:// URL", "link-relative")


_TARGET_NAMES = {"glossary": "glossary entry", "note": "note", "para": "paragraph"}


_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|blockquote|br|div|h[1-6])\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")


def plain_text(rendered_html: str) -> str:
    """The text of rendered HTML, entities decoded: blocks apart, inline elements (links, emphasis)
    as their words, so that "<a>Dawn</a>," reads "Dawn," (for word counts and findings)."""
    return " ".join(html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", rendered_html))).split())
