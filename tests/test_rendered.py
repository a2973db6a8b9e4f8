"""Golden and structural tests of the real built site.

Golden files (tests/golden/) hold a few whole rendered fragments; a difference fails with
a unified diff. When a change is intended, rewrite them with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_rendered.py

and review the diff of tests/golden/ before committing. The structural tests check
properties every page must have, whatever the notes and entries say.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from edition_testing import ROOT, soup

pytestmark = pytest.mark.slow

GOLDEN = Path(__file__).resolve().parent / "golden"
NOTE_TYPE_LABELS = {"Fact-check", "Context", "Definition", "Cross-reference", "Terminology"}
VERDICT_LABELS = {"Accurate", "Inaccurate", "Imprecise", "Unverified", "Disputed"}


# ------------------------------------------------------------------ helpers

def fragment_html(element: Tag) -> str:
    """A stable, line-per-tag serialisation of one element, for golden files and readable diffs."""
    return element.prettify(formatter="minimal")


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>; UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path.relative_to(ROOT)}: run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                            f"tests/golden/{name}", "built site"))
        pytest.fail(f"rendered fragment differs from tests/golden/{name}:\n{diff}\n"
                    "If the change is intended, run with UPDATE_GOLDEN=1 and review the golden diff.", pytrace=False)


def page_url(site: Path, path: Path) -> str:
    url = path.relative_to(site).as_posix()
    return url[: -len("index.html")] if url.endswith("index.html") else url


def resolve(from_url: str, href: str) -> tuple[str, str]:
    """Where a relative link on the page at `from_url` leads: (site URL, fragment)."""
    path, _, fragment = href.partition("#")
    if not path:
        return from_url, fragment
    url = posixpath.normpath(posixpath.join("/" + from_url, path)).lstrip("/")
    if path.endswith("/") and url:
        url += "/"
    return ("" if url == "." else url), fragment


def target_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url.endswith("/") or not url else site / url


def ids_of(path: Path) -> set[str]:
    return {element["id"] for element in soup(path).select("[id]")}


def section(page: BeautifulSoup, heading_id: str) -> list[Tag]:
    """The elements after the h2 with this id, up to the next h2."""
    heading = page.select_one(f"h2#{heading_id}")
    assert heading is not None, f"no h2#{heading_id}"
    elements = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        elements.append(sibling)
    return elements


def glossary_sources() -> dict[str, dict]:
    """Each glossary entry's front matter, read with plain PyYAML (independently of the edition code)."""
    entries = {}
    for path in sorted((ROOT / "glossary").glob("*.md")):
        if path.name.startswith("_"):
            continue
        entries[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return entries


@pytest.fixture(scope="module")
def article(site: Path) -> BeautifulSoup:
    return soup(site / "index.html")


@pytest.fixture(scope="module")
def notes(article: BeautifulSoup) -> list[Tag]:
    items = article.select("ol.edition-notes > li.edition-note")
    assert items, "the article has no notes"
    return items


# ------------------------------------------------------------------ golden fragments

def test_golden_paragraph_4(article: BeautifulSoup):
    assert_golden("paragraph-p4.html", fragment_html(article.select_one("#p4")))


def test_golden_note_item(article: BeautifulSoup):
    note = article.select_one("li#note-p4-gas-pipeline")
    assert note is not None, "the golden note 'p4-gas-pipeline' is gone: choose another and update"
    assert_golden("note-p4-gas-pipeline.html", fragment_html(note))


def test_golden_glossary_mentioned_in(site: Path):
    page = soup(site / "glossary" / "shanghai-cooperation-organisation" / "index.html")
    heading = page.select_one("h2#mentioned-in")
    fragment = "".join(fragment_html(element) for element in [heading, *section(page, "mentioned-in")])
    assert_golden("glossary-sco-mentioned-in.html", fragment)


def test_assert_golden_fails_with_a_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The golden check itself: a changed fragment fails and shows what changed."""
    monkeypatch.setattr(f"{__name__}.GOLDEN", tmp_path)
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    (tmp_path / "x.html").write_text("<p>\n old\n</p>\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception) as failed:
        assert_golden("x.html", "<p>\n new\n</p>\n")
    assert "- old" in str(failed.value) and "+ new" in str(failed.value)
    assert_golden("x.html", "<p>\n old\n</p>\n")


# ------------------------------------------------------------------ mentions

def test_every_mention_link_has_its_entry_summary_and_reaches_its_entry(site: Path):
    """Everywhere: the link leads to the entry's page (or, on a page that contains the glossary,
    such as the print edition, to the entry's section there) and its title is the entry's summary."""
    summaries = {entry_id: " ".join(str(meta["summary"]).split()) for entry_id, meta in glossary_sources().items()}
    problems, checked = [], 0
    for path in sorted(site.rglob("*.html")):
        url = page_url(site, path)
        page = soup(path)
        for link in page.select("a.edition-mention"):
            checked += 1
            target_url, fragment = resolve(url, link["href"])
            # The Print page's handout links mentions to its own short glossary (#g-<id>).
            on_page = re.fullmatch(r"(?:entry|g)-([a-z0-9-]+)", fragment) if target_url == url else None
            to_page = re.fullmatch(r"glossary/([a-z0-9-]+)/", target_url)
            if on_page and page.find(id=fragment) is not None:
                entry_id = on_page.group(1)
            elif to_page and target_file(site, target_url).is_file():
                entry_id = to_page.group(1)
            else:
                problems.append(f"{url}: {link['href']} reaches no glossary entry")
                continue
            if link.get("title") != summaries.get(entry_id):
                problems.append(f"{url}: title of {link['href']} is {link.get('title')!r}")
            if link.has_attr("data-entry") and link["data-entry"] != entry_id:
                problems.append(f"{url}: data-entry {link['data-entry']} but href {link['href']}")
    assert problems == []
    assert checked > 100


def test_article_mentions_name_only_existing_entries(article: BeautifulSoup):
    mentioned = {link["data-entry"] for link in article.select("[data-block] a.edition-mention")}
    assert mentioned and mentioned <= set(glossary_sources())


# ------------------------------------------------------------------ note markers

def test_every_note_marker_is_apparatus_with_a_working_footnote_link(article: BeautifulSoup):
    ids = {element["id"] for element in article.select("[id]")}
    markers = article.select(".edition-marker")
    assert markers
    for marker in markers:
        assert marker.name == "sup" and marker.has_attr("data-apparatus"), marker
        links = marker.select("a.edition-marker__link")
        assert len(links) == 1, marker
        href = links[0]["href"]
        assert href.startswith("#note-") and href[1:] in ids, href
        assert marker["id"] == "noteref-" + href[len("#note-"):]
    # No footnote link outside a marker in the text.
    for link in article.select("[data-block] a.edition-marker__link"):
        assert link.find_parent("sup", class_="edition-marker") is not None


def test_markers_are_numbered_one_to_n_in_reading_order(article: BeautifulSoup, notes: list[Tag]):
    numbers = [marker.a.find(string=True, recursive=False) for marker in article.select("[data-block] sup.edition-marker")]
    assert numbers == [str(n) for n in range(1, len(notes) + 1)]
    # The endnotes come in the same order, with the same numbers.
    assert [note["value"] for note in notes] == numbers
    marker_targets = [a["href"][1:] for a in article.select("[data-block] sup.edition-marker a.edition-marker__link")]
    assert marker_targets == [note["id"] for note in notes]


# ------------------------------------------------------------------ the endnotes

def test_each_note_has_type_verdict_sources_and_a_way_back(site: Path, article: BeautifulSoup, notes: list[Tag]):
    ids = {element["id"] for element in article.select("[id]")}
    for note in notes:
        note_id = note["id"][len("note-"):]
        label = note.select_one(".edition-note__type")
        assert label is not None and label.get_text(strip=True) in NOTE_TYPE_LABELS, note_id
        is_fact_check = "edition-note--fact-check" in note["class"]
        verdict = note.select_one(".edition-verdict")
        if is_fact_check:
            assert verdict is not None, note_id
            assert verdict.get_text(strip=True).lstrip("✓≈✗±?").removeprefix("Verdict: ") in VERDICT_LABELS, note_id
            assert note.select(".edition-note__sources a.edition-source-short"), f"{note_id}: no sources"
        else:
            assert verdict is None, note_id
        # On the article each source is a short note linking to its full entry in the Bibliography;
        # the note's own page gives the full references with the sentence of each source.
        for source in note.select("a.edition-source-short"):
            assert source.get_text(strip=True), note_id
            assert source["href"].startswith("bibliography/#source-"), note_id
            assert (site / "bibliography" / "index.html").exists()
        if note.select("a.edition-source-short"):
            evidence = note.select_one("a.edition-note__evidence")
            assert evidence["href"] == f"notes/{note_id}/#sources", note_id
            page = soup(site / "notes" / note_id / "index.html")
            assert len(page.select(".edition-sources li q.edition-source__quote")) == len(
                note.select("a.edition-source-short")), f"{note_id}: each source on the note page has its sentence"
        back = note.select_one("a.edition-note__back")
        assert back is not None and back.get_text() == "Back to the text", note_id
        assert back["href"] == f"#noteref-{note_id}" and back["href"][1:] in ids
        quote_link = note.select_one(".edition-note__meta a")
        assert quote_link["href"][1:] in ids, note_id


def test_source_dates_end_with_one_full_stop(site: Path):
    """'n.d.' is followed by the separator, not doubled into 'n.d..'."""
    doubled = []
    for path in sorted(site.rglob("*.html")):
        for item in soup(path).select(".edition-sources li"):
            if ".." in item.get_text().replace("...", ""):
                doubled.append(f"{page_url(site, path)}: {item.get_text(' ', strip=True)[:90]}")
    assert doubled == []
    # The article's short notes are joined by ';' without their final stop, but 'n.d.' keeps its own.
    shorts = [a.get_text() for a in soup(site / "index.html").select("a.edition-source-short")]
    wrong = [text for text in shorts if text.endswith(("n.d", ".”")) or (text.endswith(".") and not text.endswith("n.d."))]
    assert shorts and not wrong, wrong


def test_note_pages_exist_for_every_note(site: Path, notes: list[Tag]):
    for note in notes:
        permalink = note.select_one("a.edition-note__permalink")
        url, _ = resolve("", permalink["href"])
        assert target_file(site, url).is_file(), permalink["href"]


# ------------------------------------------------------------------ claims page

def test_claims_page_lists_every_fact_check(site: Path, notes: list[Tag]):
    def verdict(element: Tag) -> str:
        """The verdict in words (the mark before it is hidden from screen readers)."""
        return element.get_text(strip=True).lstrip("✓≈✗±?").removeprefix("Verdict: ")

    fact_checks = {note["id"]: verdict(note.select_one(".edition-verdict"))
                   for note in notes if "edition-note--fact-check" in note["class"]}
    rows = soup(site / "claims" / "index.html").select("table.edition-claims tbody tr")
    listed = {}
    for row in rows:
        note_url, fragment = resolve("claims/", row.select("td")[-1].a["href"])
        assert note_url == "", note_url
        listed[fragment] = verdict(row.select_one(".edition-verdict"))
    assert listed == fact_checks


def test_claims_table_gives_each_claims_finding(site: Path, article: BeautifulSoup):
    """A column says what is true: the note's own `finding`, or its first sentence."""
    table = soup(site / "claims" / "index.html").select_one("table.edition-claims")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["¶", "Claim", "Verdict", "Finding", "Note"]
    findings = {}
    for row in table.select("tbody tr"):
        cell = row.select_one("td.edition-claims__finding")
        text = cell.get_text(" ", strip=True)
        assert text and text[-1] in ".!?" and len(text) <= 300, text
        findings[row.select("td")[-1].a["href"].rsplit("#note-", 1)[-1]] = text
    assert findings["p4-visit-date"] == "The visit took place on Thursday 20 November 2014, not in December."
    # The same sentence heads the note on the article page.
    for note_id, finding in findings.items():
        assert article.select_one(f"#note-{note_id} .edition-note__finding").get_text(" ", strip=True) == finding


def test_first_sentence_of_a_note():
    from edition.findings import first_sentence as first_of_text
    from edition.markup import plain_text

    def first_sentence(body_html: str) -> str:
        return first_of_text(plain_text(body_html))

    assert first_sentence("<p>It was on 20 Nov. 2014, not in December. Dawn said so.</p><p>More.</p>") \
        == "It was on 20 Nov. 2014, not in December."
    assert first_sentence("<p>Accurate: <a href='x'>Dawn</a> &amp; others agree. “Quote.” Then.</p>") \
        == "Accurate: Dawn & others agree."
    assert first_sentence("<p>One sentence only</p>") == "One sentence only"
    assert first_sentence("<p>Accurate. The deal was signed in 2015. More.</p>") == "Accurate. The deal was signed in 2015."


def test_notes_are_elements_in_the_page_not_text_for_a_script(site: Path, article: BeautifulSoup, notes: list[Tag]):
    """Every note is in the article once, as elements: number (a link back to its marker), title,
    finding, body and a way back, with no <noscript> copy."""
    raw = (site / "index.html").read_text(encoding="utf-8")
    assert "<noscript" not in raw
    ids = [note["id"] for note in notes]
    assert len(ids) == len(set(ids)) == raw.count('<li id="note-')
    for note in notes:
        note_id = note["id"].removeprefix("note-")
        number = note.select_one(".edition-note__head a.edition-note__number")
        assert number["href"] == f"#noteref-{note_id}" and number.get_text() == note["value"], note_id
        assert note.select_one(".edition-note__title").get_text(strip=True), note_id
        assert note.select_one(".edition-note__finding").get_text(strip=True), note_id
        assert note.select_one(".edition-note__detail .edition-note__body").get_text(strip=True), note_id
        if "edition-note--fact-check" in note["class"]:
            assert note.select_one(".edition-note__head .edition-note__chip .edition-verdict__label"), note_id


# ------------------------------------------------------------------ glossary index

def test_glossary_index_groups_by_kind_and_type_and_has_an_a_to_z(site: Path):
    entries = glossary_sources()
    page = soup(site / "glossary" / "index.html")
    grouped: dict[str, tuple[str, str]] = {}
    for kind in ("actor", "agreement"):
        elements = section(page, f"{kind}s")
        for heading in (element for element in elements if element.name == "h3"):
            match = re.fullmatch(rf"{kind}-([a-z-]+)", heading["id"])
            assert match, heading
            for link in heading.find_next_sibling("ul").select("a.edition-mention"):
                entry_id = resolve("glossary/", link["href"])[0].split("/")[1]
                assert entry_id not in grouped, f"{entry_id} listed twice"
                grouped[entry_id] = (kind, match.group(1))
    assert grouped == {entry_id: (meta["kind"], meta["type"]) for entry_id, meta in entries.items()}

    az = section(page, "a-z")
    nav = az[0]
    assert "edition-az-nav" in nav["class"]
    letters = [element for element in az if element.name == "h3"]
    assert [a["href"] for a in nav.select("a")] == [f"#{h['id']}" for h in letters]
    in_az = []
    for heading in letters:
        for term in heading.find_next_sibling("dl", class_="edition-az").select("dt"):
            assert term.get_text(strip=True)[:1].upper() == heading.get_text(strip=True)
            in_az.append(resolve("glossary/", term.a["href"])[0].split("/")[1])
    assert sorted(in_az) == sorted(entries)
    titles = [entries[entry_id]["title"].lower() for entry_id in in_az]
    assert titles == sorted(titles)


# ------------------------------------------------------------------ glossary entry pages

def test_each_entry_page_says_where_the_text_mentions_it(site: Path, article: BeautifulSoup):
    article_ids = {element["id"] for element in article.select("[id]")}
    for entry_id, meta in glossary_sources().items():
        url = f"glossary/{entry_id}/"
        page = soup(site / url / "index.html")
        heading = page.select_one("h2#mentioned-in")
        assert heading is not None, f"{entry_id}: no 'Mentioned in' section"
        if meta.get("background"):
            assert heading.get_text(strip=True) == "Background to", entry_id
            links = section(page, "mentioned-in")[0].select("a")
        else:
            assert heading.get_text(strip=True) == "Mentioned in", entry_id
            links = section(page, "mentioned-in")[0].select("ul.edition-backlinks a, a")
        assert links, entry_id
        for link in links:
            target, fragment = resolve(url, link["href"])
            assert target == "" and fragment in article_ids, (entry_id, link["href"])
            assert re.fullmatch(r"p\d+|headline|byline|author-note", fragment), (entry_id, fragment)


def test_paragraph_backlinks_match_the_mentions_in_the_text(site: Path, article: BeautifulSoup):
    """An entry page lists exactly the blocks whose text links to it."""
    in_text: dict[str, set[str]] = {}
    for block in article.select("[data-block]"):
        anchor = block["id"]
        for link in block.select("a.edition-mention"):
            in_text.setdefault(link["data-entry"], set()).add(anchor)
    for entry_id, anchors in in_text.items():
        page = soup(site / "glossary" / entry_id / "index.html")
        listed = {resolve(f"glossary/{entry_id}/", a["href"])[1] for a in page.select("ul.edition-backlinks a")}
        assert listed == anchors, entry_id


def test_search_finds_each_note_once_on_its_own_page(site: Path):
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    notes = sorted(p.stem for p in (ROOT / "texts/rekindled-pak-russia-relations/notes").glob("*.md")
                   if not p.name.startswith("_"))
    retired = sorted(p.parent.name for p in (site / "notes").glob("*/index.html") if p.parent.name not in notes)
    assert len(notes) > 30 and retired, (notes, retired)
    pages = {doc["location"] for doc in docs}
    assert {f"notes/{note}/" for note in notes} <= pages
    # A retired note's page only forwards to the note that covers it: search finds that one.
    assert not {f"notes/{note}/" for note in retired} & pages
    # The article indexes its text, not its endnotes or the citation panels of each paragraph.
    article = " ".join(doc["text"] for doc in docs if doc["location"].startswith("#") or doc["location"] == "")
    assert "Oleg Salyukov" in article
    assert "presidential decree No. 291" not in article  # from the note on Salyukov's title
    for panel_text in ("Cite ¶4", "Chicago", "APA", "MLA", "Copy", "Short note", "para. 4"):
        assert panel_text not in article, panel_text
