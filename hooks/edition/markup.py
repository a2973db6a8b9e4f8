"""Contributed Markdown: checked for active content, rendered safely, links resolved.

Two defences, on purpose. At check time `unsafe_markup` rejects raw HTML (also
entity-encoded), attribute lists and non-http(s) links with a message, so a contributor
learns what is wrong. At render time the Markdown instance cannot emit raw HTML at all
(its HTML processors are removed) and the result passes nh3's allowlist sanitiser, so
nothing active reaches a reader even if a check were skipped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator, NamedTuple
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions.sane_lists import SaneListExtension
from markdown.treeprocessors import Treeprocessor

INTERNAL_SCHEMES = ("glossary", "note", "para")
"""Edition-internal link schemes: [text](glossary:id), [text](note:id), [text](para:4)."""
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})

_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>")
_AUTOLINK = re.compile(r"<https?://[^\s<>]+>")
_ATTR_LIST = re.compile(r"\{\s*:|\{[^}\n]*\bon[a-z]+\s*=", re.IGNORECASE)
_MALFORMED_URL = re.compile(r"[\s\"'<>`]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data|file):", re.IGNORECASE)

_HEADINGS = {"h1": "h3", "h2": "h4", "h3": "h5", "h4": "h6", "h5": "h6"}

SANITISER_TAGS = {"p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "br", "hr",
                  "sup", "sub", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}


class MarkupProblem(NamedTuple):
    """Something unsafe or unresolved in contributed text, at a line of that text."""

    line: int
    """1-based line within the checked text."""
    message: str
    hint: str = ""
    unknown_target: tuple[str, str] | None = None
    """(scheme, target) of an internal link to nothing, so the caller can suggest a near match."""


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def link_scheme(url: str) -> str:
    """The scheme of a URL as a browser reads it (control characters and spaces dropped)."""
    match = _SCHEME.match(_CONTROL.sub("", html.unescape(url)))
    return match.group(1).lower() if match else ""


def unsafe_string(value: str) -> str:
    """Why a plain front-matter string is unsafe to show, or '' when it is fine."""
    if "<" not in value and "&" not in value and ":" not in value:
        return ""  # no tag, no entity, no scheme: nothing below can match
    decoded = html.unescape(value)
    if _TAG.search(_AUTOLINK.sub("", decoded)):
        return "HTML is not allowed here" if decoded == value else "entity-encoded HTML is not allowed here"
    if _DANGEROUS_SCHEME.match(_CONTROL.sub("", decoded)):
        return "a script or data URL is not allowed here"
    return ""


def unsafe_markup(text: str) -> list[MarkupProblem]:
    """Active content in Markdown source: raw or encoded HTML, attribute lists."""
    problems = []
    scrubbed = _AUTOLINK.sub(lambda m: " " * len(m.group()), text)
    for match in _TAG.finditer(scrubbed):
        problems.append(MarkupProblem(_line_of(text, match.start()),
                                      f"raw HTML is not allowed in contributed Markdown: '{match.group()[:60]}'",
                                      "write plain Markdown: *emphasis*, [text](https://…), lists"))
    for match in re.finditer(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", scrubbed, re.IGNORECASE):
        decoded = html.unescape(match.group())
        if decoded in "<>" and decoded:
            rest = html.unescape(scrubbed[match.start():match.start() + 80])
            if _TAG.match(rest):
                problems.append(MarkupProblem(_line_of(text, match.start()),
                                              f"entity-encoded HTML is not allowed: '{rest.split('>')[0][:60]}>'",
                                              "write plain Markdown; to show a '<' in prose, write it as it is"))
    for match in _ATTR_LIST.finditer(text):
        problems.append(MarkupProblem(_line_of(text, match.start()),
                                      f"attribute lists are not allowed in contributed Markdown: '{match.group()}'",
                                      "remove the {…} block"))
    return problems


@dataclass
class RenderedMarkup:
    """HTML from contributed Markdown plus what was wrong with its links."""

    html: str
    problems: list[MarkupProblem] = field(default_factory=list)


LINK_TOKEN_PREFIX = "__edition__/"
_LINK_TOKEN = re.compile(r'href="__edition__/(glossary|note|para)/([^"]*)"')


def link_token(scheme: str, target: str) -> str:
    """A placeholder href for an internal link, resolved per page by `resolve_link_tokens`."""
    return f"{LINK_TOKEN_PREFIX}{scheme}/{target}"


def resolve_link_tokens(rendered: str, resolver: "LinkResolver") -> str:
    """Replace placeholder hrefs with what `resolver` returns (the attribute goes if it returns None)."""
    def replace(match: re.Match[str]) -> str:
        href = resolver(match.group(1), html.unescape(match.group(2)))
        return f'href="{html.escape(href, quote=True)}"' if href is not None else 'data-unresolved=""'
    return _LINK_TOKEN.sub(replace, rendered)


LinkResolver = Callable[[str, str], "str | None"]
"""(scheme, target) -> href for an internal link, or None if the target is unknown."""


class _LinkTreeprocessor(Treeprocessor):
    """Resolve internal links and record disallowed links and images (runs after inline)."""

    resolver: LinkResolver | None = None
    found: list[tuple[str, str, str]]

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


class _InlinePatternChooser(Treeprocessor):
    """Before inline processing, give it only the patterns that can match in this document.

    Runs after block parsing, so it sees exactly the text the inline processor will see and
    knows the document's reference definitions. Patterns it has no rule for are always kept.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._all = md.inlinePatterns
        self._subsets: dict[tuple[str, ...], markdown.util.Registry] = {}

    def run(self, root: Element) -> None:
        text = "".join(chunk for element in root.iter() for chunk in (element.text, element.tail) if chunk)
        refs = bool(self.md.references)
        names = tuple(item.name for item in self._all._priority
                      if item.name not in _PATTERN_NEEDS or _PATTERN_NEEDS[item.name](text, refs))
        subset = self._subsets.get(names)
        if subset is None:
            subset = self._subsets[names] = markdown.util.Registry()
            for item in self._all._priority:
                if item.name in names:
                    subset.register(self._all[item.name], item.name, item.priority)
        self.md.treeprocessors["inline"].inlinePatterns = subset


class MarkdownRenderer:
    """A reusable, HTML-free Markdown renderer for notes and glossary bodies."""

    def __init__(self) -> None:
        # The extension as a class, not a name: naming it makes Markdown scan every installed
        # package's entry points (tens of milliseconds).
        self._md = markdown.Markdown(extensions=[SaneListExtension()], output_format="html")
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._links = _LinkTreeprocessor(self._md)
        self._md.treeprocessors.register(self._links, "edition_links", 5)
        self._md.treeprocessors.register(_InlinePatternChooser(self._md), "edition_inline_patterns", 25)

    def render(self, text: str, resolver: LinkResolver | None = None) -> RenderedMarkup:
        """Render `text`; internal links go through `resolver` (None: check only)."""
        self._links.resolver = resolver
        self._links.found = []
        self._md.reset()
        rendered = self._md.convert(text)
        problems = list(self._link_problems(text))
        clean = nh3.clean(rendered, tags=SANITISER_TAGS,
                          attributes={"a": {"href", "class", "title"}, "th": {"align"}, "td": {"align"}},
                          url_schemes=set(EXTERNAL_SCHEMES), link_rel="noopener")
        return RenderedMarkup(clean, problems)

    def _link_problems(self, text: str) -> Iterator[MarkupProblem]:
        for kind, href, scheme in self._links.found:
            line = _line_of(text, max(0, text.find(href))) if href else 1
            if kind == "image":
                yield MarkupProblem(line, f"images are not allowed in contributed Markdown: '{href}'",
                                    "link to the image instead: [description](https://…)")
            elif kind == "unknown":
                yield MarkupProblem(line, f"unknown {_TARGET_NAMES[scheme]} in link: '{href}'", "",
                                    (scheme, href.split(":", 1)[1]))
            elif kind == "malformed":
                yield MarkupProblem(
                    line, f"malformed link URL (spaces, quotes or angle brackets): '{href[:60]}'",
                    "write [text](https://…) or [text](https://… \"title\") with nothing else inside")
            elif kind == "scheme":
                yield MarkupProblem(line, f"link URL scheme is not allowed: '{href[:60]}'",
                                    "use an https:// URL or glossary:, note:, para: links")
            else:
                yield MarkupProblem(line, f"relative link is not allowed: '{href}'",
                                    "use glossary:<id>, note:<id>, para:<n> or a full https:// URL")


_TARGET_NAMES = {"glossary": "glossary entry", "note": "note", "para": "paragraph"}
