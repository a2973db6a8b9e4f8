"""The registry of generated pages (edition/pages.py): every kind's renderer exists, its path is
the one the URL book gives, and `pages:` in edition.yml moves a page of the edition."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from edition.build import renderer_of
from edition.config import PAGE_DEFAULTS as CONFIG_DEFAULTS
from edition.config import load_config
from edition.pages import KINDS, PAGE_DEFAULTS, PAGE_KINDS, Per, fill
from edition.urls import Urls

from .tiny_edition import TinyEdition

ARGUMENTS = {Per.EDITION: 1, Per.TEXT: 2, Per.NOTE: 3, Per.RETIRED_NOTE: 4, Per.ENTRY: 2}
"""How many arguments the renderer of a kind made per … takes (the Renderer first)."""


@pytest.mark.parametrize("kind", PAGE_KINDS, ids=lambda kind: kind.name)
def test_every_kind_names_a_renderer_that_takes_what_its_pages_are_made_for(kind):
    render = renderer_of(kind)
    assert callable(render) and render.__module__ == f"edition.render.{kind.render.partition(':')[0]}"
    parameters = inspect.signature(render).parameters.values()
    required = [p for p in parameters if p.default is inspect.Parameter.empty]
    assert len(required) == ARGUMENTS[kind.per]


def test_names_are_unique_and_the_defaults_of_pages_come_from_the_registry():
    assert len(KINDS) == len(PAGE_KINDS)
    assert CONFIG_DEFAULTS is PAGE_DEFAULTS
    assert PAGE_DEFAULTS == {"glossary": "{glossary_url}/index.md", "claims": "claims.md", "timeline": "timeline.md",
                             "print": "print.md", "bibliography": "bibliography.md", "changelog": "changelog.md"}


@pytest.mark.parametrize(("pattern", "fields", "path"), [
    ("{notes_url}/{id}.md", {"notes_url": "second/notes", "id": "p2-oil"}, "second/notes/p2-oil.md"),
    ("{glossary_url}/index.md", {"glossary_url": "terms"}, "terms/index.md"),
    ("{page}", {"page": "index.md"}, "index.md"),
    # Only the registry's fields are fields: a brace a site wrote stays, a field not given stays.
    ("odd/{name}.md", {"id": "x"}, "odd/{name}.md"),
    ("{id}.md", {}, "{id}.md"),
])
def test_fill(pattern: str, fields: dict[str, str], path: str):
    assert fill(pattern, **fields) == path


def test_the_url_book_gives_each_kind_its_path(tmp_path: Path):
    tiny = TinyEdition(tmp_path, second_text=True)
    urls = Urls(load_config(tiny.root / "edition.yml"))
    assert urls.article_src("lighthouse") == "index.md" and urls.article_src("keepers") == "second.md"
    assert urls.note_src("keepers", "keepers-three-winters") == "second/notes/keepers-three-winters.md"
    assert urls.entry_src("northland") == "glossary/northland.md"
    assert urls.glossary_src() == "glossary/index.md"
    assert {role: urls.page_src(role) for role in ("claims", "timeline", "print", "bibliography", "changelog")} \
        == {"claims": "claims.md", "timeline": "timeline.md", "print": "print.md",
            "bibliography": "bibliography.md", "changelog": "changelog.md"}


def test_pages_in_edition_yml_move_a_page_of_the_edition(tmp_path: Path):
    tiny = TinyEdition(tmp_path)
    config = tiny.root / "edition.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("glossary: glossary\n", "glossary: glossary\n"
                      "glossary_url: terms\npages:\n  claims: checked/claims.md\n  glossary: terms/all.md\n"),
                      encoding="utf-8")
    urls = Urls(load_config(config))
    assert urls.page_src("claims") == "checked/claims.md" and urls.page("claims") == "checked/claims/"
    assert urls.glossary_src() == "terms/all.md" and urls.entry_src("northland") == "terms/northland.md"
    assert urls.page_src("timeline") == "timeline.md"


def test_the_plan_has_one_page_per_instance_of_every_kind(tmp_path: Path):
    tiny = TinyEdition(tmp_path, second_text=True)
    config = tiny.root / "edition.yml"
    config.write_text(config.read_text(encoding="utf-8") + "retired_notes:\n  p1-old: p1-signing\n", encoding="utf-8")
    urls = Urls(load_config(config))
    planned = urls.planned({"northland": ("glossary/northland.md", 2)},
                           {"lighthouse": {"p1-signing": ("texts/lighthouse/notes/p1-signing.md", 2)}})
    assert sorted((page.src, page.what, page.path, page.line) for page in planned) == sorted([
        ("index.md", "the text 'lighthouse'", "", 1),
        ("second.md", "the text 'keepers'", "", 1),
        ("notes/p1-signing.md", "note texts/lighthouse/notes/p1-signing.md", "texts/lighthouse/notes/p1-signing.md", 2),
        # Before loading, a retired note's address is kept in every text.
        ("notes/p1-old.md", "the forwarding page of retired note 'p1-old'", "", 1),
        ("second/notes/p1-old.md", "the forwarding page of retired note 'p1-old'", "", 1),
        ("glossary/northland.md", "glossary entry glossary/northland.md", "glossary/northland.md", 2),
        ("glossary/index.md", "the glossary index", "", 1),
        ("claims.md", "the claims page", "", 1),
        ("timeline.md", "the timeline page", "", 1),
        ("print.md", "the print page", "", 1),
        ("bibliography.md", "the bibliography page", "", 1),
        ("changelog.md", "the changelog page", "", 1),
    ])


def test_no_changelog_no_changelog_page(tmp_path: Path):
    tiny = TinyEdition(tmp_path)
    tiny.remove("CHANGELOG.md")
    urls = Urls(load_config(tiny.root / "edition.yml"))
    assert "changelog.md" not in [page.src for page in urls.planned({}, {})]
    assert not KINDS["changelog"].made(urls.config) and KINDS["claims"].made(urls.config)
