"""build.py, exports.py and directives.py on the tiny edition in memory (tiny_site.py): the
pages one build adds (every page of the registry, once), the export files and what they say,
and the directives of hand-written pages."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from edition import build as build_module
from edition.build import SiteBuild
from edition.directives import DIRECTIVES
from edition.exports import CONTEXT_CHARS, MarkupInExport, annotation, plain
from edition.pages import PAGE_KINDS, Per
from edition.vocabulary import NOTE_TYPES

from .tiny_site import SITE_URL, tiny_site


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    return tiny_site(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="module")
def exports(tiny: SiteBuild) -> dict[str, str | bytes]:
    """Every export of the build, the handout PDF stubbed (tests/test_handouts.py makes it)."""
    patch = pytest.MonkeyPatch()
    patch.setattr(build_module, "handout_pdf", lambda renderer, text: b"%PDF stub of " + text.id.encode())
    try:
        files = list(tiny.exports())
    finally:
        patch.undo()
    assert len(files) == len(dict(files)), "an export path given twice"
    return dict(files)


# ---------------------------------------------------------------- build.py: the pages

PAGES = ["index.md", "notes/p1-signing.md", "notes/p2-oil.md", "notes/p2-keepers.md", "notes/p3-spring.md",
         "notes/p1-old.md", "glossary/lighthouse-accord.md", "glossary/northland.md", "glossary/southland.md",
         "glossary/index.md", "claims.md", "timeline.md", "print.md", "bibliography.md", "changelog.md"]


def test_the_build_adds_every_page_of_the_registry_once(tiny: SiteBuild):
    pages = list(tiny.pages())
    assert [page.src for page in pages] == PAGES
    # The same pages the check plans for its collision test, from the same registry.
    edition = tiny.edition
    planned = tiny.urls.planned({entry_id: ("", 1) for entry_id in edition.glossary},
                                {text.id: {note.id: ("", 1) for note in text.notes} for text in edition.texts})
    assert sorted(page.src for page in planned) == sorted(PAGES)
    # Every kind made its pages (the tiny edition has some of each), each rendered.
    example = {Per.EDITION: ("", ""), Per.TEXT: ("lighthouse", ""), Per.NOTE: ("lighthouse", "p2-oil"),
               Per.RETIRED_NOTE: ("lighthouse", "p1-old"), Per.ENTRY: ("", "northland")}
    assert all(tiny.urls.src(kind, *example[kind.per]) in PAGES for kind in PAGE_KINDS)
    assert all(page.content.startswith("---\n") and page.content.split("\n---\n", 1)[1].strip() for page in pages)


def test_a_page_the_edition_has_nothing_for_is_not_made(tiny: SiteBuild):
    edition = tiny.edition
    plain_edition = dataclasses.replace(edition, config=edition.config._replace(changelog_text="", retired_notes={}))
    srcs = [page.src for page in SiteBuild(plain_edition, page_url=tiny.urls.url).pages()]
    assert srcs == [src for src in PAGES if src not in ("changelog.md", "notes/p1-old.md")]


def test_pages_moved_in_edition_yml_are_made_where_they_were_moved(tiny: SiteBuild):
    edition = tiny.edition
    moved = dataclasses.replace(edition, config=edition.config._replace(
        pages={**edition.config.pages, "claims": "checks/all.md", "glossary": "glossary/all.md"}))
    pages = {page.src: page for page in SiteBuild(moved).pages()}
    assert "checks/all.md" in pages and "glossary/all.md" in pages
    assert "claims.md" not in pages and "glossary/index.md" not in pages
    # Links to the moved pages follow them.
    assert 'href="checks/all/"' in pages["index.md"].whole


def test_the_article_alone_has_citation_metadata_in_its_head(tiny: SiteBuild):
    head = tiny.head("index.md")
    assert '<meta name="citation_title" content="The Lighthouse Accord">' in head
    assert f'<meta name="citation_public_url" content="{SITE_URL}">' in head
    assert [tiny.head(src) for src in PAGES if src != "index.md"] == [""] * (len(PAGES) - 1)


# ---------------------------------------------------------------- build.py and exports.py: the exports

def test_the_exports(exports: dict[str, str | bytes]):
    assert list(exports) == ["annotations.jsonld", "glossary.json", "bibliography.json", "cite/lighthouse.bib",
                             "cite/lighthouse.ris", "cite/lighthouse.json", "handout.pdf"]
    assert exports["handout.pdf"] == b"%PDF stub of lighthouse"
    bib, ris = str(exports["cite/lighthouse.bib"]), str(exports["cite/lighthouse.ris"])
    assert bib.startswith("@article{original-lighthouse,") and "@book{edition-lighthouse," in bib
    assert ris.splitlines()[0] == "TY  - NEWS" and ris.count("ER  - ") == 2
    assert [item["id"] for item in json.loads(exports["cite/lighthouse.json"])] \
        == ["original-lighthouse", "edition-lighthouse"]
    assert [item["id"] for item in json.loads(exports["bibliography.json"])] == ["harbour-gazette-2021-03-03-accord"]


def test_the_annotations_are_one_web_annotation_per_note(tiny: SiteBuild, exports: dict[str, str | bytes]):
    collection = json.loads(exports["annotations.jsonld"])
    assert (collection["type"], collection["id"]) == ("AnnotationCollection", SITE_URL + "annotations.jsonld")
    items = collection["first"]["items"]
    text = tiny.edition.texts[0]
    assert collection["total"] == len(items) == len(text.notes)
    for item, note in zip(items, text.notes, strict=True):
        assert item["id"] == f"{SITE_URL}notes/{note.id}/"
        assert item["motivation"] == NOTE_TYPES[note.type].motivation
        assert item["target"]["source"] == SITE_URL
        selector = item["target"]["selector"]
        assert selector["exact"] == note.quote.exact
        assert len(selector["prefix"]) <= CONTEXT_CHARS and len(selector["suffix"]) <= CONTEXT_CHARS
        assert selector["prefix"] + selector["exact"] + selector["suffix"] in text.block_of(note.span).text
        tags = [body["value"] for body in item["body"] if body.get("purpose") == "tagging"]
        assert tags == ([f"verdict:{note.verdict}"] if note.verdict else [])
        assert item["creator"] == {"type": "Person", "name": "The editors"}
    signing = items[0]
    assert signing["body"][0]["value"] == "<p>The Accord was signed in 1911.</p>"
    assert [body["source"]["id"] for body in signing["body"] if body["type"] == "SpecificResource"] \
        == ["https://example.org/gazette/accord"]


def test_the_glossary_export_lists_every_entry_with_its_mentions(tiny: SiteBuild, exports: dict[str, str | bytes]):
    document = json.loads(exports["glossary.json"])
    assert (document["edition"], document["version"]) == ("A tiny invented edition", "0.1.0")
    entries = {entry["id"]: entry for entry in document["entries"]}
    assert list(entries) == sorted(tiny.edition.glossary)
    accord = entries["lighthouse-accord"]
    assert accord["url"] == SITE_URL + "glossary/lighthouse-accord/"
    assert accord["parties"] == ["northland", "southland"]
    assert accord["dates"] == [{"date": "1911-05-02", "label": "Signed", "in_text": False}]
    assert entries["northland"]["mentions"] == [{"text": "lighthouse", "paragraph": 1, "exact": "Northland"}]
    assert accord["sources"][0]["key"] == "harbour-gazette-2021-03-03-accord"


@pytest.mark.parametrize("value", ["<b>bold</b>", "a <script>x</script>", "<img src=x onerror=y>"])
def test_an_export_refuses_markup(value: str):
    with pytest.raises(MarkupInExport):
        plain(value)


def test_an_export_keeps_plain_text():
    assert plain("Northland & Southland, 1 < 2") == "Northland & Southland, 1 < 2"


def test_an_annotation_without_a_canonical_address_is_site_relative(tiny: SiteBuild):
    text = tiny.edition.texts[0]
    item = annotation(tiny.renderer, text, text.notes[1], "")
    assert (item["id"], item["target"]["source"]) == ("notes/p2-oil/", "")
    assert [body["purpose"] for body in item["body"]] == ["commenting", "classifying"]


# ---------------------------------------------------------------- directives.py

ARGUMENTS = {"worksheet": " teaching.md"}
"""What a directive that needs one is given here."""


@pytest.mark.parametrize("name", DIRECTIVES)
def test_every_directive_expands(tiny: SiteBuild, name: str):
    directive = f"<!-- edition:{name}{ARGUMENTS.get(name, '')} -->"
    expanded, problems = tiny.expand_directives(f"Before.\n\n{directive}\n\nAfter.\n", "about.md")
    assert problems == []
    assert directive not in expanded and expanded.startswith("Before.\n\n") and expanded.endswith("\n\nAfter.\n")


def test_the_worksheet_has_the_reading_questions_of_its_page(tiny: SiteBuild):
    expanded, problems = tiny.expand_directives("<!-- edition:worksheet teaching.md -->", "worksheet.md")
    assert problems == []
    assert "Who signed the Lighthouse Accord?" in expanded and "Who pays for the oil?" in expanded
    assert "Discuss." not in expanded


@pytest.mark.parametrize(("name", "expected"), [
    ("version", "0.1.0"),
    ("counts", "3 glossary entries, 4 notes and 1 source"),
    ("last-changed", "1 January 2024"),
])
def test_a_directive_gives_the_fact_it_names(tiny: SiteBuild, name: str, expected: str):
    assert tiny.expand_directives(f"<!-- edition:{name} -->", "about.md") == (expected, [])


def test_an_unknown_directive_is_a_problem_at_its_line_in_the_file(tiny: SiteBuild):
    raw = (tiny.docs_dir / "about.md").read_text(encoding="utf-8")
    markdown = raw.split("---\n", 2)[2]  # as MkDocs passes it: without the front matter
    expanded, problems = tiny.expand_directives(markdown, "about.md")
    assert "This is version 0.1.0." in expanded
    assert "<!-- edition:verison -->" in expanded  # left as written, never silently dropped
    assert [str(problem) for problem in problems] == [
        "docs/about.md:8: unknown edition directive: 'verison' (did you mean 'version'?) [directive-unknown]"]
    assert raw.splitlines()[7] == "<!-- edition:verison -->"


def test_an_argument_to_a_directive_that_takes_none_is_a_problem(tiny: SiteBuild):
    expanded, problems = tiny.expand_directives("# Page\n\n<!-- edition:version teaching.md -->\n", "page.md")
    assert expanded == "# Page\n\n\n"
    assert [(p.line, p.message, p.rule) for p in problems] == [
        (3, "'version' takes no argument: 'teaching.md'", "directive-unknown")]


def test_the_worksheet_without_its_page_is_a_problem(tiny: SiteBuild):
    _, problems = tiny.expand_directives("<!-- edition:worksheet -->\n", "page.md")
    assert [(p.line, p.rule) for p in problems] == [(1, "directive-unknown")]
    assert "needs the page its questions come from" in problems[0].message


def test_each_unknown_directive_is_reported_at_its_own_line(tiny: SiteBuild):
    markdown = "# Page\n\n<!-- edition:nothing -->\n\ntext\n\n<!-- edition:nothing -->\n"
    _, problems = tiny.expand_directives(markdown, "not-a-file.md")
    assert [(problem.path, problem.line, problem.rule) for problem in problems] == [
        ("docs/not-a-file.md", 3, "directive-unknown"), ("docs/not-a-file.md", 7, "directive-unknown")]
    assert problems[0].hint.startswith("known: provenance, how-to-cite, version")


def test_an_unknown_directive_in_a_file_is_located_by_occurrence(tiny: SiteBuild, tmp_path: Path):
    docs = tmp_path / "pages"
    docs.mkdir()
    raw = "---\ntitle: T\n---\n<!-- edition:nothing -->\n\n<!-- edition:nothing -->\n"
    (docs / "t.md").write_text(raw, encoding="utf-8")
    site = SiteBuild(tiny.edition, docs_dir=docs)
    _, problems = site.expand_directives(raw.split("---\n", 2)[2], "t.md")
    assert [str(problem).split(": unknown")[0] for problem in problems] == ["pages/t.md:4", "pages/t.md:6"]
