"""HTML set aside from Markdown: finished HTML that a generated page carries past the Markdown
conversion, and that is put back in the page's HTML afterwards.

A generated page is Markdown with raw HTML, and most of the article is finished HTML: the text
and its endnotes, made by the templates from sources that were checked and rendered already.
Python-Markdown parses raw HTML to find where it ends, and MkDocs parses it again to collect its
anchors: 85 ms for the article, 38 of them without its endnotes, on every build and after every
save in the preview. A template marks such HTML with the `set_aside` filter:

    {% filter set_aside %}{% include "partials/endnotes.html" %}{% endfilter %}

The page's Markdown then holds a placeholder, an HTML comment naming the digest of the HTML
(so the Markdown changes whenever the HTML does, and the preview sees it); after the conversion
`put_back` replaces each placeholder with its HTML, and `anchor_ids` gives MkDocs the anchors
it did not see, so links into the set-aside HTML are still validated.

HTML that the site's search does not index (`set_aside(searched=false)`, the article's
endnotes) gets a placeholder of its own and is put back only after the search has read the page.
Nothing here knows MkDocs; the adapter calls `put_back` in `on_page_content` (for the HTML the
search reads) and in `on_page_context`, after the search plugin (for the rest).
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache
from typing import Mapping, MutableMapping

# Python-Markdown's copy of html.parser, with which MkDocs collects anchors.
from markdown.htmlparser import htmlparser  # type: ignore[attr-defined]

PLACEHOLDER = "<!-- scholarly-edition html {} -->"
UNSEARCHED_PLACEHOLDER = "<!-- scholarly-edition unsearched html {} -->"
"""For HTML the site's search does not index (it carries `data-search-exclude`): the page is
read for the search index with this placeholder, and the HTML is put back after that."""
_PLACEHOLDER = re.compile(r"<!-- scholarly-edition (unsearched )?html ([0-9a-f]{64}) -->")


def set_aside(finished: str, kept: MutableMapping[str, str], *, searched: bool = True) -> str:
    """The placeholder that stands for `finished` in a page's Markdown, a raw HTML block of its
    own; `finished` is kept in `kept` under its digest. `searched=False` for HTML the search does
    not index, which then need not be read for it (the article's endnotes: 40 ms of Material's
    search on every build of the article, 11 without them)."""
    finished = finished.strip()  # as Python-Markdown keeps a raw HTML block
    digest = hashlib.sha256(finished.encode("utf-8")).hexdigest()
    kept[digest] = finished
    return "\n\n" + (PLACEHOLDER if searched else UNSEARCHED_PLACEHOLDER).format(digest) + "\n\n"


def placeholders(content: str) -> list[str]:
    """The digests named by the placeholders in `content`, in order."""
    return [match.group(2) for match in _PLACEHOLDER.finditer(content)]


def put_back(content: str, kept: Mapping[str, str], *, searched: bool | None = None) -> tuple[str, list[str]]:
    """`content` with each placeholder replaced by the HTML it stands for, and the digests of
    the placeholders whose HTML is not in `kept` (left as they are). `searched=True` puts back
    only the HTML the search indexes, `searched=False` only the rest (each placeholder is then
    left, or reported, once)."""
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        if searched is not None and searched == bool(match.group(1)):
            return match.group(0)
        finished = kept.get(match.group(2))
        if finished is None:
            missing.append(match.group(2))
            return match.group(0)
        return finished

    return _PLACEHOLDER.sub(replace, content), missing


class _Anchors(htmlparser.HTMLParser):
    """The anchors of raw HTML, collected as MkDocs collects them (its `_HTMLHandler`)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value is not None and (key == "id" or (key == "name" and tag == "a")):
                self.found.add(value)


# HTML as the templates write it: attribute values in double quotes, with `"`, `<` and `>`
# escaped, and nothing that an HTML parser reads other than as tags and text (comments, scripts,
# styles, CDATA). In such HTML a tag runs from `<` to the next `>`, and its attributes can be
# read one after the other. Anything else, however unlikely, is read by the parser.
_NOT_PLAIN = re.compile(r"<[!?]|<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b"
                        r"|[\"'/](?:id|name)\s*=|=\s*\"[^\"]*[<>]|=\s*'|<[a-zA-Z][^<>]*<", re.I)
_ANCHOR_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)([^<>]*?\s(?:id|name)\s*=[^<>]*)>", re.I)
_ATTRIBUTE = re.compile(r"[\s/]+([^\s/>\"'=]+)(?:\s*=\s*\"([^\"]*)\")?")
_TAG_END = re.compile(r"[\s/]*")


def _quick_anchor_ids(finished: str) -> frozenset[str] | None:
    """The anchors of HTML as the templates write it, or None for any other HTML."""
    found = set()
    for tag in _ANCHOR_TAG.finditer(finished):
        attributes, at = tag.group(2), 0
        while (attribute := _ATTRIBUTE.match(attributes, at)) is not None:
            at = attribute.end()
            name, value = attribute.group(1).lower(), attribute.group(2)
            if value is None:
                if attributes[at:].lstrip().startswith("="):
                    return None  # a value without quotes
            elif name == "id" or (name == "name" and tag.group(1).lower() == "a"):
                found.add(html.unescape(value))
        if _TAG_END.fullmatch(attributes, at) is None:
            return None
    return frozenset(found)


@lru_cache(maxsize=64)
def anchor_ids(finished: str) -> frozenset[str]:
    """The anchors MkDocs would collect from `finished` as raw HTML: every `id`, and the `name`
    of an `<a>`. Kept for the HTML that did not change since the last build (in the preview,
    the article's text when a note changed).

    HTML as the templates write it is read with regular expressions (about 3 ms for the
    article's endnotes, against 20 with a parser); any other HTML with the parser MkDocs uses."""
    quick = None if _NOT_PLAIN.search(finished) else _quick_anchor_ids(finished)
    if quick is not None:
        return quick
    parser = _Anchors()
    parser.feed(finished)
    parser.close()
    return frozenset(parser.found)
