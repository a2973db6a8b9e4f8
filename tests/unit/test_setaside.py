"""HTML set aside from Markdown (edition.setaside): placeholders, putting back, anchors."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition.build import SiteBuild
from edition.render.article import article_page
from edition.setaside import PLACEHOLDER, anchor_ids, placeholders, put_back, set_aside

from .tiny_site import tiny_site


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    return tiny_site(tmp_path_factory.mktemp("tiny"))


def test_a_placeholder_names_the_digest_of_what_it_stands_for() -> None:
    kept: dict[str, str] = {}
    first = set_aside("\n<section id='a'>one</section>\n", kept)
    second = set_aside("<section id='a'>two</section>", kept)
    assert first.startswith("\n\n") and first.endswith("\n\n") and first != second
    assert placeholders(first + second) == list(kept)
    assert sorted(kept.values()) == ["<section id='a'>one</section>", "<section id='a'>two</section>"]
    # The same HTML, the same placeholder: the Markdown changes only when the HTML does.
    assert set_aside("<section id='a'>one</section>", {}) == first


def test_putting_back_replaces_every_placeholder_and_reports_unknown_ones() -> None:
    kept: dict[str, str] = {}
    content = "<p>a</p>" + set_aside("<div>b</div>", kept) + "<p>c</p>"
    assert put_back(content, kept) == ("<p>a</p>\n\n<div>b</div>\n\n<p>c</p>", [])
    unknown = PLACEHOLDER.format("0" * 64)
    assert put_back(content + unknown, kept) == ("<p>a</p>\n\n<div>b</div>\n\n<p>c</p>" + unknown, ["0" * 64])
    assert put_back("<!-- scholarly-edition html short -->", kept) == ("<!-- scholarly-edition html short -->", [])


def test_html_the_search_does_not_index_is_put_back_after_the_rest() -> None:
    kept: dict[str, str] = {}
    content = set_aside("<div>text</div>", kept) + set_aside("<section data-search-exclude>notes</section>", kept,
                                                              searched=False)
    assert placeholders(content) == list(kept)
    unknown = "<!-- scholarly-edition unsearched html " + "0" * 64 + " -->"
    first, missing = put_back(content + unknown, kept, searched=True)
    assert missing == [] and first.startswith("\n\n<div>text</div>") and "unsearched html" in first
    assert "<section" not in first
    second, missing = put_back(first, kept, searched=False)
    assert missing == ["0" * 64]
    assert second == "\n\n<div>text</div>\n\n\n\n<section data-search-exclude>notes</section>\n\n" + unknown
    assert put_back(content, kept) == (second.removesuffix(unknown), [])


TRICKY = ("<section id=\"notes\" class='x'><a name=\"old\" href=\"#n\">n</a><span name=\"not-an-anchor\">"
          "<li data-id=\"no\" id='b&amp;c'><p title=\"id=&quot;no&quot;\" ID=\"upper\"><img id=x alt=''>"
          "<!-- <a id=\"commented\"> --><p>text id=\"in-text\"</p><br id=\"void\"/>")


def mkdocs_anchors(finished: str) -> set[str]:
    """What MkDocs itself collects from raw HTML (its handler, used for link validation)."""
    from mkdocs.structure.pages import _HTMLHandler

    handler = _HTMLHandler()
    handler.feed(finished)
    handler.close()
    return handler.present_anchor_ids - {None}  # an `id` without a value: no anchor


def test_anchors_are_those_mkdocs_collects_from_raw_html(tiny: SiteBuild) -> None:
    assert anchor_ids(TRICKY) == mkdocs_anchors(TRICKY) == {"notes", "old", "b&c", "upper", "x", "void"}
    page = article_page(tiny.renderer, tiny.edition.texts[0])
    for _, finished in page.html:
        assert anchor_ids(finished) == mkdocs_anchors(finished)


# Pieces of HTML, as the templates write them and otherwise: quoting of every kind, entities,
# markup characters in values, comments, raw-text elements, `id=` in text and in other values.
_NAMES = st.sampled_from(["a", "A", "p", "li", "section", "span", "img", "br", "script", "style", "textarea", "title"])
_ATTRIBUTE_NAMES = st.sampled_from(["id", "ID", "name", "Name", "class", "href", "data-id", "title", "x-name"])
_VALUES = st.lists(st.sampled_from(list("ab-1 &;<>\"'=/#\n") + ["&amp;", "&quot;", "&lt;", " id=", "x"]),
                   max_size=6).map("".join)


def _attribute(key: str, value: str, quoting: str) -> str:
    """` key="value"` quoted as `quoting` says: double, single, none, or after a slash."""
    if quoting == "bare":
        return f" {key}"
    if quoting == "double":
        return f' {key}="{value.replace(chr(34), "")}"'
    if quoting == "single":
        return f" {key}='{value.replace(chr(39), '')}'"
    bare = "".join(value.split()) or "v"
    return f" {key}={bare}" if quoting == "none" else f"/{key}={bare}"


_ATTRIBUTES = st.lists(st.builds(_attribute, _ATTRIBUTE_NAMES, _VALUES,
                                 st.sampled_from(["double", "double", "single", "none", "slash", "bare"])), max_size=3)


@st.composite
def _html(draw: st.DrawFn) -> str:
    out = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["tag", "tag", "tag", "end", "text", "comment"]))
        if kind == "tag":
            out.append(f"<{draw(_NAMES)}{''.join(draw(_ATTRIBUTES))}{draw(st.sampled_from(['', ' ', '/']))}>")
        elif kind == "end":
            out.append(f"</{draw(_NAMES)}>")
        elif kind == "text":
            out.append(draw(_VALUES))
        else:
            out.append(f"<!-- {draw(_VALUES)} -->")
    return "".join(out)


@settings(max_examples=500, deadline=None)
@given(_html())
def test_anchors_are_those_mkdocs_collects_from_any_html(finished: str) -> None:
    assert anchor_ids.__wrapped__(finished) == mkdocs_anchors(finished)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_NAMES.filter(lambda name: name.lower() in ("a", "p", "li", "span", "img")),
                          st.lists(st.builds(_attribute, _ATTRIBUTE_NAMES, _VALUES.map(lambda v: v.replace("<", "&lt;")
                                                                                           .replace(">", "&gt;")),
                                             st.just("double")), max_size=3),
                          st.sampled_from(["", " ", "/", " /"]), _VALUES.map(lambda v: v.replace("<", "&lt;"))),
                max_size=6))
def test_anchors_of_html_as_the_templates_write_it(pieces: list[tuple[str, list[str], str, str]]) -> None:
    """Every value double-quoted and no comment: the quick reading, which must agree with MkDocs."""
    finished = "".join(f"<{name}{''.join(attributes)}{end}>{text}</{name}>" for name, attributes, end, text in pieces)
    assert anchor_ids.__wrapped__(finished) == mkdocs_anchors(finished)


def test_an_article_converted_with_its_html_set_aside_is_the_article_converted_whole(tiny: SiteBuild) -> None:
    page = article_page(tiny.renderer, tiny.edition.texts[0])
    assert len(page.html) == 2, "the text and its endnotes are set aside"
    assert len(page.content) < len(page.whole) / 2

    def converted(source: str) -> str:
        body = source.split("\n---\n", 1)[1]
        return markdown.Markdown(extensions=["attr_list", "toc", "tables"]).convert(body)

    def spaced(html: str) -> str:
        return re.sub(r">\s+<", "><", html)

    put, missing = put_back(converted(page.content), dict(page.html))
    assert missing == [] and spaced(put) == spaced(converted(page.whole))
    ids = set().union(*(anchor_ids(finished) for _, finished in page.html))
    assert {"p1", "p2", "p3", "headline"} <= ids
    assert {f"note-{note.id}" for note in tiny.edition.texts[0].notes} <= ids
