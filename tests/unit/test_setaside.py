"""HTML set aside from Markdown (edition.setaside): placeholders, putting back, anchors."""

from __future__ import annotations

import re

import markdown
import pytest

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


TRICKY = ("<section id=\"notes\" class='x'><a name=\"old\" href=\"#n\">n</a><span name=\"not-an-anchor\">"
          "<li data-id=\"no\" id='b&amp;c'><p title=\"id=&quot;no&quot;\" ID=\"upper\"><img id=x alt=''>"
          "<!-- <a id=\"commented\"> --><p>text id=\"in-text\"</p><br id=\"void\"/>")


def mkdocs_anchors(finished: str) -> set[str]:
    """What MkDocs itself collects from raw HTML (its handler, used for link validation)."""
    from mkdocs.structure.pages import _HTMLHandler

    handler = _HTMLHandler()
    handler.feed(finished)
    handler.close()
    return handler.present_anchor_ids


def test_anchors_are_those_mkdocs_collects_from_raw_html(tiny: SiteBuild) -> None:
    assert anchor_ids(TRICKY) == mkdocs_anchors(TRICKY) == {"notes", "old", "b&c", "upper", "x", "void"}
    page = article_page(tiny.renderer, tiny.edition.texts[0])
    for _, finished in page.html:
        assert anchor_ids(finished) == mkdocs_anchors(finished)


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
