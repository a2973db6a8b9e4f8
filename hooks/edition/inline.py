"""One block of base text as a tree of its words, links, quotation highlights and note markers.

The block's characters are kept unchanged (HTML-escaped, the only HTML made here); the
elements around them are drawn by the macros of the template `partials/inline.html`. Everything the edition
adds that is visible text (note markers) is an element carrying `data-apparatus`, so removing
those elements gives back the base text exactly.
"""

from __future__ import annotations

import html
from typing import Callable, NamedTuple

from markupsafe import Markup


class InlineLink(NamedTuple):
    """A link over words of the text (a glossary mention, or a URL printed in the text)."""

    start: int
    end: int
    href: str
    title: str = ""
    css_class: str = ""
    entry: str = ""
    """Glossary id, for mentions."""


class QuoteMark(NamedTuple):
    """Words a note is anchored to: highlighted while the note is open."""

    start: int
    end: int
    note_id: str


class Marker(NamedTuple):
    """Apparatus HTML inserted at a point (a note's superscript number)."""

    position: int
    html: str


class Text(NamedTuple):
    """Characters of the base text."""

    html: Markup
    """The characters, HTML-escaped (quotation marks stay as they are)."""


class LinkNode(NamedTuple):
    """A link and what it covers (text and highlights; never a marker or another link)."""

    link: InlineLink
    children: tuple[Node, ...]


class QuoteNode(NamedTuple):
    """The highlight of the words one note is anchored to, around one stretch of them."""

    quote: QuoteMark
    children: tuple[Node, ...]


class MarkerNode(NamedTuple):
    """A note marker, already rendered."""

    html: Markup


Node = Text | LinkNode | QuoteNode | MarkerNode


def inline_nodes(text: str, links: list[InlineLink], quotes: list[QuoteMark], markers: list[Marker]) -> list[Node]:
    """The tree of `text`, in reading order. Links must not overlap; quotes may overlap anything
    (a quote crossing a link's edge is split there, overlapping quotes nest, in order of note id);
    markers that fall inside a link move to its end (a link cannot contain a link)."""
    links = sorted(links, key=lambda link: link.start)
    moved = []
    for marker in markers:
        position = marker.position
        for link in links:
            if link.start < position < link.end:
                position = link.end
        moved.append(Marker(position, marker.html))
    cuts = sorted({0, len(text), *(each.start for each in links), *(each.end for each in links),
                   *(q.start for q in quotes), *(q.end for q in quotes), *(m.position for m in moved)})
    starts = {link.start: link for link in links}
    ends = {link.end for link in links}
    at: dict[int, list[Node]] = {}
    for marker in moved:
        at.setdefault(marker.position, []).append(MarkerNode(Markup(marker.html)))
    # The quotes covering each piece, kept as the cuts advance (every quote starts and ends
    # at a cut, so a piece lies wholly inside or outside each quote): linear, not pieces x quotes.
    opening: dict[int, list[QuoteMark]] = {}
    closing: dict[int, list[QuoteMark]] = {}
    for quote in quotes:
        if quote.start < quote.end:
            opening.setdefault(quote.start, []).append(quote)
            closing.setdefault(quote.end, []).append(quote)
    active: dict[int, QuoteMark] = {}
    top: list[Node] = []
    out = top
    open_link: InlineLink | None = None
    for index, cut in enumerate(cuts):
        for quote in closing.get(cut, ()):
            active.pop(id(quote), None)
        for quote in opening.get(cut, ()):
            active[id(quote)] = quote
        if open_link is not None and cut in ends:
            top.append(LinkNode(open_link, tuple(out)))
            out, open_link = top, None
        out.extend(at.get(cut, []))
        if cut >= len(text):
            break
        if cut in starts:
            open_link, out = starts[cut], []
        end = cuts[index + 1]
        piece: Node = Text(Markup(html.escape(text[cut:end], quote=False)))
        for quote in sorted(active.values(), key=lambda q: q.note_id):
            piece = QuoteNode(quote, (piece,))
        out.append(piece)
    return top


def draw(nodes: list[Node] | tuple[Node, ...], link: Callable[[InlineLink, Markup], str],
         quote: Callable[[QuoteMark, Markup], str]) -> Markup:
    """The HTML of a tree: text and markers as they are, each link and highlight drawn around
    its content by `link` and `quote` (the macros of `partials/inline.html`)."""
    out = []
    for node in nodes:
        if isinstance(node, LinkNode):
            out.append(link(node.link, draw(node.children, link, quote)))
        elif isinstance(node, QuoteNode):
            out.append(quote(node.quote, draw(node.children, link, quote)))
        else:
            out.append(node.html)
    return Markup("".join(out))
