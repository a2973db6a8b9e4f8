"""One block of base text rendered with links, quotation highlights and note markers.

`edition.inline` makes the block's tree and the macros of `partials/inline.html` draw its
elements; the tests render both together, as the article page does. The fixed cases pin the exact HTML; the randomised
cases (a seeded generator rather than hypothesis, which is not a dependency) check the
invariants on many inputs: the base text comes back exactly when apparatus is removed, tags
nest, links never nest, every character is inside exactly the links and quotations that cover
it, and every marker sits where it should.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from edition.inline import InlineLink, Marker, QuoteMark, draw, inline_nodes
from edition.render.environment import template_environment

_MACROS = template_environment().get_template("partials/inline.html").module


def render_inline(text: str, links: list[InlineLink], quotes: list[QuoteMark], markers: list[Marker]) -> str:
    return str(draw(inline_nodes(text, links, quotes, markers), _MACROS.link, _MACROS.quote))


def marker(label: str, position: int) -> Marker:
    return Marker(position, f'<sup data-apparatus data-marker="{label}">{label}</sup>')


# ------------------------------------------------------------------ exact HTML

@pytest.mark.parametrize(("text", "links", "quotes", "markers", "expected"), [
    pytest.param("plain text", [], [], [], "plain text", id="plain"),
    pytest.param("a < b & c > d", [], [], [], "a &lt; b &amp; c &gt; d", id="escapes <&>"),
    pytest.param('He said "mutual drills" and it\'s done', [], [], [],
                 'He said "mutual drills" and it\'s done', id="quotes in text stay"),
    pytest.param("&amp; is already escaped", [], [], [], "&amp;amp; is already escaped", id="no double meaning"),
    pytest.param("", [], [], [], "", id="empty"),
    pytest.param("Visit Moscow now", [InlineLink(6, 12, "glossary/russia/", 'The "Russian" state', "edition-mention",
                                                 "russia")], [], [],
                 'Visit <a href="glossary/russia/" class="edition-mention" title="The &#34;Russian&#34; state" '
                 'data-entry="russia">Moscow</a> now', id="mention link, title escaped"),
    pytest.param("it's here", [InlineLink(0, 4, "glossary/x/", "Pakistan's <b> & co", "edition-mention", "x")], [], [],
                 '<a href="glossary/x/" class="edition-mention" title="Pakistan&#39;s &lt;b&gt; &amp; co" '
                 'data-entry="x">it\'s</a> here', id="title escaped, apostrophe of the text kept"),
    pytest.param("see https://x.org/?a=1&b=2 here", [InlineLink(4, 26, "https://x.org/?a=1&b=2", "", "edition-url")],
                 [], [], 'see <a href="https://x.org/?a=1&amp;b=2" class="edition-url" aria-label="Source: '
                 'https://x.org/?a=1&amp;b=2">https://x.org/?a=1&amp;b=2</a> here', id="url link, no empty attributes"),
    pytest.param("abcdef", [InlineLink(0, 3, "h"), InlineLink(3, 6, "i")], [], [],
                 '<a href="h">abc</a><a href="i">def</a>', id="adjacent links"),
    pytest.param("abcdef", [InlineLink(3, 6, "i"), InlineLink(0, 3, "h")], [], [],
                 '<a href="h">abc</a><a href="i">def</a>', id="links given out of order"),
    pytest.param("the quoted words here", [], [QuoteMark(4, 16, "n1")], [],
                 'the <span class="edition-quote" data-note="n1">quoted words</span> here', id="quote"),
    pytest.param("abcdef", [], [QuoteMark(0, 4, "a"), QuoteMark(2, 6, "b")], [],
                 '<span class="edition-quote" data-note="a">ab</span>'
                 '<span class="edition-quote" data-note="b"><span class="edition-quote" data-note="a">cd</span></span>'
                 '<span class="edition-quote" data-note="b">ef</span>', id="overlapping quotes split and nest"),
    pytest.param("abcdef", [InlineLink(1, 5, "h")], [QuoteMark(3, 6, "q")], [],
                 'a<a href="h">bc<span class="edition-quote" data-note="q">de</span></a>'
                 '<span class="edition-quote" data-note="q">f</span>', id="quote crossing a link end"),
    pytest.param("abcdef", [], [QuoteMark(0, 3, "q")], [marker("1", 3)],
                 '<span class="edition-quote" data-note="q">abc</span><sup data-apparatus data-marker="1">1</sup>def',
                 id="marker after quotation"),
    pytest.param("abcdef", [InlineLink(1, 5, "h")], [], [marker("1", 3)],
                 'a<a href="h">bcde</a><sup data-apparatus data-marker="1">1</sup>f', id="marker inside link moves to end"),
    pytest.param("abcdef", [InlineLink(1, 5, "h")], [], [marker("1", 1)],
                 'a<sup data-apparatus data-marker="1">1</sup><a href="h">bcde</a>f', id="marker at link start stays"),
    pytest.param("abcdef", [InlineLink(1, 5, "h")], [], [marker("1", 5)],
                 'a<a href="h">bcde</a><sup data-apparatus data-marker="1">1</sup>f', id="marker at link end"),
    pytest.param("abc", [], [], [marker("1", 3), marker("2", 3)],
                 'abc<sup data-apparatus data-marker="1">1</sup><sup data-apparatus data-marker="2">2</sup>',
                 id="two markers at the end keep their order"),
    pytest.param("abc", [InlineLink(0, 3, "h")], [], [marker("1", 2), marker("2", 3)],
                 '<a href="h">abc</a><sup data-apparatus data-marker="1">1</sup>'
                 '<sup data-apparatus data-marker="2">2</sup>', id="moved marker keeps reading order"),
    pytest.param("", [], [], [marker("1", 0)], '<sup data-apparatus data-marker="1">1</sup>', id="marker on empty"),
])
def test_render_inline(text: str, links: list[InlineLink], quotes: list[QuoteMark], markers: list[Marker],
                       expected: str):
    assert render_inline(text, links, quotes, markers) == expected


# ------------------------------------------------------------------ invariants

@dataclass
class Reading:
    """What a browser would make of the rendered HTML, character by character."""

    text: str = ""
    links: list[str | None] = field(default_factory=list)
    """href of the link around each base-text character, or None."""
    notes: list[frozenset[str]] = field(default_factory=list)
    """Quotation highlights around each base-text character."""
    markers: dict[str, int] = field(default_factory=dict)
    """Base-text offset at which each marker appears."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.reading = Reading()
        self.stack: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a":
            assert all(open_tag != "a" for open_tag, _ in self.stack), "a link inside a link"
        if "data-apparatus" in attributes and "data-marker" in attributes:
            assert attributes["data-marker"] not in self.reading.markers, "marker rendered twice"
            self.reading.markers[attributes["data-marker"]] = len(self.reading.text)
        self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> does not close {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if any("data-apparatus" in attributes for _, attributes in self.stack):
            return
        href = next((attributes.get("href") for tag, attributes in self.stack if tag == "a"), None)
        notes = frozenset(attributes["data-note"] for tag, attributes in self.stack
                          if tag == "span" and "data-note" in attributes)
        self.reading.text += data
        self.reading.links += [href] * len(data)
        self.reading.notes += [notes] * len(data)


def read(rendered: str) -> Reading:
    reader = _Reader()
    reader.feed(rendered)
    reader.close()
    assert reader.stack == [], f"unclosed elements: {reader.stack}"
    return reader.reading


ALPHABET = "ab <>&\"'—“”$\\"


def random_case(rng: random.Random) -> tuple[str, list[InlineLink], list[QuoteMark], list[Marker]]:
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
    cuts = sorted(rng.sample(range(len(text) + 1), k=min(len(text) + 1, 2 * rng.randint(0, 3))))
    links = [InlineLink(start, end, f"#l{index}&x", f'title "{index}" <x>', "edition-mention", f"e{index}")
             for index, (start, end) in enumerate(zip(cuts[::2], cuts[1::2], strict=False)) if start < end]
    rng.shuffle(links)
    quotes = []
    for index in range(rng.randint(0, 4)):
        start = rng.randint(0, len(text))
        quotes.append(QuoteMark(start, rng.randint(start, len(text)), f"n{index}"))
    markers = [marker(f"m{index}", rng.randint(0, len(text))) for index in range(rng.randint(0, 4))]
    return text, links, quotes, markers


@pytest.mark.parametrize("seed", range(300))
def test_render_inline_invariants(seed: int):
    text, links, quotes, markers = random_case(random.Random(seed))
    reading = read(render_inline(text, links, quotes, markers))
    # The base text, exactly, once apparatus is removed and entities decoded.
    assert reading.text == text
    for offset in range(len(text)):
        covering = [link.href for link in links if link.start <= offset < link.end]
        assert reading.links[offset] == (covering[0] if covering else None), offset
        assert reading.notes[offset] == frozenset(q.note_id for q in quotes if q.start <= offset < q.end), offset
    # Every marker once, at its position or, inside a link, at the link's end.
    expected_positions = {}
    for mark in markers:
        inside = [link for link in links if link.start < mark.position < link.end]
        expected_positions[mark.html.split('"')[1]] = inside[0].end if inside else mark.position
    assert reading.markers == expected_positions
