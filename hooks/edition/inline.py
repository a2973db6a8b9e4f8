"""Turn one block of base text into HTML with links, quotation highlights and note markers.

The block's characters are copied unchanged (HTML-escaped); everything the edition adds
that is visible text (note markers) is an element carrying `data-apparatus`, so removing
those elements gives back the base text exactly.
"""

from __future__ import annotations

import html
from typing import NamedTuple


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


def _attrs(**values: str) -> str:
    return "".join(f' {name.rstrip("_").replace("_", "-")}="{html.escape(value, quote=True)}"'
                   for name, value in values.items() if value)


def render_inline(text: str, links: list[InlineLink], quotes: list[QuoteMark], markers: list[Marker]) -> str:
    """HTML for `text`. Links must not overlap; quotes may overlap anything; markers that
    fall inside a link move to its end (a link cannot contain a link)."""
    links = sorted(links, key=lambda link: link.start)
    moved = []
    for marker in markers:
        position = marker.position
        for link in links:
            if link.start < position < link.end:
                position = link.end
        moved.append(Marker(position, marker.html))
    cuts = sorted({0, len(text), *(l.start for l in links), *(l.end for l in links),
                   *(q.start for q in quotes), *(q.end for q in quotes), *(m.position for m in moved)})
    starts = {link.start: link for link in links}
    ends = {link.end for link in links}
    at = {}
    for marker in moved:
        at.setdefault(marker.position, []).append(marker.html)
    # The quotes covering each piece, kept as the cuts advance (every quote starts and ends
    # at a cut, so a piece lies wholly inside or outside each quote): linear, not pieces x quotes.
    opening: dict[int, list[QuoteMark]] = {}
    closing: dict[int, list[QuoteMark]] = {}
    for quote in quotes:
        if quote.start < quote.end:
            opening.setdefault(quote.start, []).append(quote)
            closing.setdefault(quote.end, []).append(quote)
    active: dict[int, QuoteMark] = {}
    out: list[str] = []
    open_link = False
    for index, cut in enumerate(cuts):
        for quote in closing.get(cut, ()):
            active.pop(id(quote), None)
        for quote in opening.get(cut, ()):
            active[id(quote)] = quote
        if open_link and cut in ends:
            out.append("</a>")
            open_link = False
        out.extend(at.get(cut, []))
        if cut >= len(text):
            break
        if cut in starts:
            link = starts[cut]
            out.append(f"<a{_attrs(href=link.href, class_=link.css_class, title=link.title, data_entry=link.entry)}>")
            open_link = True
        end = cuts[index + 1]
        piece = html.escape(text[cut:end], quote=False)
        for quote in sorted(active.values(), key=lambda q: q.note_id):
            piece = f'<span class="edition-quote" data-note="{html.escape(quote.note_id)}">{piece}</span>'
        out.append(piece)
    return "".join(out)
