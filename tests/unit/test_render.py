"""The renderers of render/, one by one, on the tiny edition in memory (tiny_site.py): the
structure of what each page shows, read with BeautifulSoup, not its exact markup (the golden
files of tests/golden/ hold that for the real edition)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from edition.build import SiteBuild
from edition.render import GeneratedPage
from edition.render.article import article_page
from edition.render.bibliography import bibliography_page
from edition.render.changelog import changelog_page
from edition.render.glossary import entry_page, glossary_index_page
from edition.render.handout import print_page
from edition.render.notes import claims_page, note_page, retired_note_page
from edition.render.timeline import timeline_page
from edition.vocabulary import VERDICTS

from .tiny_site import tiny_site


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    return tiny_site(tmp_path_factory.mktemp("tiny"))


def front_matter(page: GeneratedPage) -> str:
    assert page.content.startswith("---\n")
    return page.content.split("\n---\n", 1)[0]


def html(page: GeneratedPage) -> BeautifulSoup:
    """The page's body (Markdown with raw HTML) as HTML; Python's parser reads <noscript>'s
    content as elements, as a browser without scripts does."""
    return BeautifulSoup(page.whole.split("\n---\n", 1)[1], "html.parser")


def texts(elements: list[Tag]) -> list[str]:
    return [element.get_text(" ", strip=True) for element in elements]


def without_apparatus(element: Tag) -> str:
    """What a block shows of the base text: everything the edition inserted removed."""
    copy = BeautifulSoup(str(element), "html.parser")
    for inserted in copy.select("[data-apparatus]"):
        inserted.decompose()
    return copy.get_text()


# ---------------------------------------------------------------- the article

def test_the_article_has_one_element_per_paragraph_holding_the_text_as_written(tiny: SiteBuild):
    text = tiny.edition.texts[0]
    page = article_page(tiny.renderer, text)
    assert page.src == "index.md" and 'title: "The Lighthouse Accord"' in front_matter(page)
    soup = html(page)
    paragraphs = soup.select("[data-block]:not(h1, .edition-byline, .edition-author-note)")
    assert [p["id"] for p in paragraphs] == ["p1", "p2", "p3"]
    assert [p["data-block"] for p in paragraphs] == ["1", "2", "3"]
    for element, block in zip(paragraphs, text.base.paragraphs, strict=True):
        assert without_apparatus(element).strip() == block.text
    assert without_apparatus(soup.find(id="headline")) == text.base.headline.text
    assert without_apparatus(soup.find(id="byline")) == text.base.byline.text


def test_each_note_marker_sits_in_its_paragraph_and_links_to_its_note(tiny: SiteBuild):
    text = tiny.edition.texts[0]
    soup = html(article_page(tiny.renderer, text))
    markers = soup.select("[id^=noteref-]")
    assert [marker["id"] for marker in markers] == [f"noteref-{note.id}" for note in text.notes]
    for note, marker in zip(text.notes, markers, strict=True):
        assert marker.find_parent(id=f"p{text.block_of(note.span).number}") is not None
        assert marker.has_attr("data-apparatus")
        link = marker.find("a")
        assert link["href"] == f"#note-{note.id}"
        assert link.get_text().startswith(str(note.number))
        # The note it links to is on the page, numbered the same, and leads back to the marker.
        target = soup.find(id=f"note-{note.id}")
        assert target is not None and target.get("value") == str(note.number)
        assert target.find("a", href=f"#noteref-{note.id}") is not None
    assert [marker.find("a").get_text()[0] for marker in markers] == ["1", "2", "3", "4"]


def test_the_quoted_words_and_the_mentions_of_the_article(tiny: SiteBuild):
    soup = html(article_page(tiny.renderer, tiny.edition.texts[0]))
    quoted = {note: "".join(span.get_text() for span in soup.select(f"span[data-note={note}]"))
              for note in ("p1-signing", "p2-oil", "p2-keepers", "p3-spring")}
    assert quoted == {"p1-signing": "signed by Northland and Southland in 1911", "p2-oil": "$3 million",
                      "p2-keepers": "Northland sent keepers", "p3-spring": "meet each spring"}
    mentions = [(a["data-entry"], a["href"], a.get_text()) for a in soup.select("a[data-entry]")]
    assert mentions == [("lighthouse-accord", "glossary/lighthouse-accord/", "Lighthouse Accord"),
                        ("northland", "glossary/northland/", "Northland"),
                        ("southland", "glossary/southland/", "Southland")]
    assert all(a.find_parent(id="p1") for a in soup.select("a[data-entry]"))


# ---------------------------------------------------------------- notes and claims

def test_a_note_page_shows_its_sentence_with_the_quotation_and_links_back(tiny: SiteBuild):
    text = tiny.edition.texts[0]
    note = next(note for note in text.notes if note.id == "p2-keepers")
    page = note_page(tiny.renderer, text, note)
    assert page.src == "notes/p2-keepers.md" and page.edit_path == "texts/lighthouse/notes/p2-keepers.md"
    soup = html(page)
    assert soup.find("h1")["id"] == "note-p2-keepers"
    assert soup.find("mark").get_text() == "Northland sent keepers"
    assert soup.find("blockquote").get_text() == "Northland agreed, and Northland sent keepers."
    assert soup.find("a", href="../../#noteref-p2-keepers") is not None
    assert "Keepers were sent from 1955." in soup.get_text()


def test_a_retired_note_leads_to_the_note_that_covers_it(tiny: SiteBuild):
    text = tiny.edition.texts[0]
    covering = text.notes[0]
    page = retired_note_page(tiny.renderer, "p1-old", text, covering)
    assert page.src == "notes/p1-old.md" and "search" in front_matter(page)
    soup = html(page)
    assert soup.find("h1")["id"] == "note-p1-old"
    assert [a["href"] for a in soup.find_all("a")] == ["../p1-signing/"]


def test_the_claims_table_has_one_row_per_fact_check_with_its_verdict(tiny: SiteBuild):
    page = claims_page(tiny.renderer)
    assert page.src == "claims.md"
    soup = html(page)
    rows = soup.select("table tbody tr")
    fact_checks = [note for note in tiny.edition.texts[0].notes if note.type == "fact-check"]
    assert len(rows) == len(fact_checks) == 2
    for row, note in zip(rows, fact_checks, strict=True):
        cells = row.find_all("td")
        assert row["data-verdict"] == note.verdict
        assert VERDICTS[note.verdict].label in cells[2].get_text()
        assert cells[1].get_text() == note.quote.exact
        paragraph = tiny.edition.texts[0].block_of(note.span).number
        assert cells[0].find("a")["href"] == f"../#p{paragraph}"
        assert cells[3].get_text().strip(), "the finding column states what the note found"
        assert cells[4].find("a")["href"] == f"../#note-{note.id}"
    assert "2 claims: 1 accurate, 1 unverified" in soup.get_text()


# ---------------------------------------------------------------- glossary

def test_the_glossary_index_lists_every_entry_by_kind_and_from_a_to_z(tiny: SiteBuild):
    page = glossary_index_page(tiny.renderer)
    assert page.src == "glossary/index.md"
    soup = html(page)
    entries = sorted(tiny.edition.glossary.values(), key=lambda entry: entry.title)
    expected = [(entry.title, f"{entry.id}/") for entry in entries]
    assert soup.find("p").get_text().startswith("3 entries:")
    az = soup.select("dl dt a")
    assert [(a.get_text(), a["href"]) for a in az] == expected
    by_kind = soup.select("ul li a")
    assert sorted((a.get_text(), a["href"]) for a in by_kind) == expected
    assert [a["href"] for a in soup.find_all("a", href=lambda href: href.startswith("#letter-"))] \
        == ["#letter-l", "#letter-n", "#letter-s"]


def test_an_entry_page_links_where_the_text_mentions_it_and_its_parties(tiny: SiteBuild):
    glossary = tiny.edition.glossary
    accord = html(entry_page(tiny.renderer, glossary["lighthouse-accord"]))
    assert accord.find("h1")["id"] == "lighthouse-accord"
    links = {a.get_text(): a["href"] for a in accord.find_all("a")}
    assert links["Northland"] == "../northland/" and links["Southland"] == "../southland/"
    assert links["¶1"] == "../../#p1"
    assert [time["datetime"] for time in accord.find_all("time")] == ["1911-05-02"]
    # The note the entry's body links to resolves to the note in the text.
    assert links["the note on the signing"] == "../../#note-p1-signing"
    northland = entry_page(tiny.renderer, glossary["northland"])
    assert northland.edit_path == "glossary/northland.md"
    assert {a.get_text(): a["href"] for a in html(northland).find_all("a")}["Lighthouse Accord"] \
        == "../lighthouse-accord/"


# ---------------------------------------------------------------- bibliography, timeline, changelog

def test_the_bibliography_lists_each_source_once_with_what_cites_it(tiny: SiteBuild):
    page = bibliography_page(tiny.renderer)
    assert page.src == "bibliography.md"
    soup = html(page)
    items = soup.select("ol > li")
    assert [item["id"] for item in items] == ["source-harbour-gazette-2021-03-03-accord"]
    assert "The Accord in the Harbour Gazette" in items[0].get_text()
    cited_in = [a["href"] for a in items[0].find_all("a") if not a["href"].startswith("https:")]
    assert cited_in == ["../notes/p1-signing/", "../notes/p3-spring/", "../glossary/lighthouse-accord/",
                        "../glossary/northland/", "../glossary/southland/"]


def test_the_timeline_lists_every_event_in_date_order(tiny: SiteBuild):
    page = timeline_page(tiny.renderer)
    assert page.src == "timeline.md"
    soup = html(page)
    days = soup.select("ol li time")
    assert [time["datetime"] for time in days] == ["1800", "1911-05-02", "1955-07-01", "2021-03-03"]
    events = [(time["datetime"], event.find("a")["href"]) for time in days
              for event in time.find_parent("li").select("ul li")]
    assert events == [("1800", "../#note-p2-keepers"), ("1911-05-02", "../glossary/lighthouse-accord/"),
                      ("1955-07-01", "../#note-p2-keepers"), ("2021-03-03", "../")]
    # The events the text refers to (a note's in_text date, the publication) are marked.
    marked = [time["datetime"] for time in days if "--in-text" in " ".join(time.find_parent("li")["class"])]
    assert marked == ["1955-07-01", "2021-03-03"]
    assert [h2 for h2 in page.content.splitlines() if h2.startswith("## ")] \
        == ["## 1800s { #d1800 }", "## 1910s { #d1910 }", "## 1950s { #d1950 }", "## 2020s { #d2020 }"]


def test_the_changelog_page_is_the_changelog(tiny: SiteBuild):
    page = changelog_page(tiny.renderer)
    assert (page.src, page.edit_path) == ("changelog.md", "CHANGELOG.md")
    assert 'title: "Changelog"' in front_matter(page)
    assert page.content.endswith(tiny.edition.config.changelog_text)


# ---------------------------------------------------------------- the print page

def test_the_print_page_has_the_handout_of_each_text(tiny: SiteBuild):
    page = print_page(tiny.renderer)
    assert page.src == "print.md"
    soup = html(page)
    handouts = soup.select("[data-text]")
    assert [handout["data-text"] for handout in handouts] == ["lighthouse"]
    handout = handouts[0]
    text = tiny.edition.texts[0]
    paragraphs = handout.select("[data-paragraph]:not(li)")
    assert [p["data-paragraph"] for p in paragraphs] == ["1", "2", "3"]
    for element, block in zip(paragraphs, text.base.paragraphs, strict=True):
        assert without_apparatus(element).strip() == block.text
    notes = handout.select("li[id^=hn-]")
    assert [(li["id"], li["value"], li["data-paragraph"]) for li in notes] == [
        ("hn-p1-signing", "1", "1"), ("hn-p2-oil", "2", "2"), ("hn-p2-keepers", "3", "2"), ("hn-p3-spring", "4", "3")]
    # Markers link to the handout's own notes, mentions to its own glossary.
    assert [a["href"] for a in handout.select("[data-paragraph] sup a")] == [f"#hn-{note.id}" for note in text.notes]
    glossary = handout.select("[id^=g-]")
    assert [(item["id"], item["data-paragraphs"]) for item in glossary] == [
        ("g-lighthouse-accord", "1"), ("g-northland", "1"), ("g-southland", "1")]
    assert {a["href"] for a in handout.select("a[data-entry]")} == {"#g-lighthouse-accord", "#g-northland",
                                                                    "#g-southland"}
    # The chooser offers every paragraph, and the PDF is linked.
    assert texts(soup.select("select[name=from] option")) == ["¶1", "¶2", "¶3"]
    assert soup.find("a", href="../handout.pdf") is not None


def test_every_renderer_is_tested_here():
    """A renderer added to the registry gets a test in this file."""
    from edition.pages import PAGE_KINDS

    source = Path(__file__).read_text(encoding="utf-8")
    for kind in PAGE_KINDS:
        assert f"{kind.render.partition(':')[2]}(tiny.renderer" in source, kind.name


def test_a_body_is_converted_once_per_process_and_linked_per_page(tmp_path: Path):
    """A contributed body's HTML depends on its Markdown alone: a second build (each rebuild of
    `mkdocs serve`) converts only the bodies that changed; links are still made for each page."""
    from edition.render import environment

    first = tiny_site(tmp_path / "one")
    list(first.pages())
    before = environment._body_html.cache_info()
    second = tiny_site(tmp_path / "two")
    pages = {page.src: page.content for page in second.pages()}
    after = environment._body_html.cache_info()
    assert after.misses == before.misses and after.hits > before.hits
    assert pages == {page.src: page.content for page in first.pages()}
