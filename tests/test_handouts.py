"""Pages that gather the edition: timeline, print edition and handout PDF, claims, changelog, About."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from browser_support import note_files
from edition.config import load_config
from edition_testing import ROOT, soup

pytestmark = pytest.mark.slow

CONFIG = load_config(ROOT / "edition.yml")
SCREEN_ONLY = ("Print it from the browser", "Back to the text", "Note page", "Copy Chicago", "Cite ¶",
               "Download the handout", "Read the whole note", "Show", "Fact-checks only")


def test_timeline_merges_days_and_marks_the_texts_own_events(site: Path):
    page = soup(site / "timeline" / "index.html")
    days = page.select("ol.edition-timeline > li.edition-timeline__day")
    dates = [day.time["datetime"] for day in days]
    assert dates == sorted(dates) and len(dates) == len(set(dates)), "one row a day, oldest first"
    hrefs = [a["href"] for a in page.select(".edition-timeline__source")]
    assert "../#note-p4-visit-date" in hrefs                     # a note's event
    assert any(href.startswith("../glossary/") for href in hrefs)  # an entry's event
    publication = page.select_one("li.edition-timeline__publication")
    assert publication.find_parent("li").time["datetime"] == "2016-08-09"
    assert publication.select_one("a")["href"] == "../"
    own = page.select("li.edition-timeline__event--in-text")
    assert len(own) >= 5 and all("In the text" in event.get_text() for event in own)
    # Every label says who did what: it starts with a capital, never a bare verb phrase.
    for label in page.select(".edition-timeline__label"):
        text = label.get_text()
        assert text[0].isupper() or text[0].isdigit() or text[0] in "“\"", text
        assert not re.match(r"^(Signed|Founded|Merged|Joined|Named|Admitted|Held|Becomes)\b", text), text


def test_timeline_charts_are_accessible_inline_svg(site: Path):
    page = soup(site / "timeline" / "index.html")
    charts = page.select("figure.edition-timeline-chart svg")
    assert len(charts) == 2
    for svg in charts:
        assert svg["role"] == "img"
        title, desc = (page.find(id=part) for part in svg["aria-labelledby"].split())
        assert title.name == "title" and desc.name == "desc" and "events" in desc.get_text()
        assert svg.select("rect.edition-chart__in-text") or svg.select("circle.edition-chart__background")
    assert page.select("script[src]") == [s for s in page.select("script[src]") if "d3" not in s["src"]]


def test_print_page_is_the_handout_with_a_range_chooser(site: Path):
    page = soup(site / "print" / "index.html")
    assert [p["id"] for p in page.select(".handout-para")] == [f"hp{n}" for n in range(1, 10)]
    assert [int(p["data-paragraph"]) for p in page.select(".handout-para")] == list(range(1, 10))
    assert page.select("details.edition-cite") == []
    notes = page.select("li.handout-note")
    assert len(notes) == len(soup(site / "index.html").select("li.edition-note"))
    assert all(note.get("data-paragraph", "").isdigit() for note in notes)
    chooser = page.select_one("form.edition-print-range")
    assert chooser.has_attr("data-needs-js") and {s["name"] for s in chooser.select("select")} == {"from", "to"}
    assert [radio["value"] for radio in chooser.select('input[name="notes"]')] == ["full", "short", "none"]
    assert chooser.select_one('input[name="margins"][type="checkbox"]') is not None
    assert "Save as PDF" in chooser.get_text()
    assert page.select_one('a[href$="handout.pdf"]') is not None
    for mention in page.select(".handout a[href^='#g-']"):
        assert page.select_one(mention["href"]) is not None


def _pdf(site: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(site / "handout.pdf")


def test_handout_pdf_fits_in_a_few_pages(site: Path):
    assert len(_pdf(site).pages) <= 12


def test_handout_pdf_sets_the_text_at_a_reading_measure(site: Path):
    """60–80 characters a line for the base text (issue #25), counted on the lines pypdf reads
    from the pages that carry the text: every line of a paragraph but its last is a full one."""
    reader = _pdf(site)
    transcript = (ROOT / "texts" / "rekindled-pak-russia-relations" / "source.txt").read_text(encoding="utf-8")
    words = set(re.findall(r"[A-Za-z]{6,}", transcript))
    lengths = []
    for page in reader.pages[:4]:
        for line in page.extract_text().splitlines():
            line = " ".join(re.sub(r"\d+[✓≈?✗]?", "", line).split())  # without note markers
            if len(line) > 30 and len(set(re.findall(r"[A-Za-z]{6,}", line)) & words) >= 3:
                lengths.append(len(line))
    lengths.sort()
    assert len(lengths) > 40
    median = lengths[len(lengths) // 2]
    assert 60 <= median <= 80, f"median {median} characters a line"


def test_handout_pdf_first_page_carries_version_address_and_citation(site: Path):
    first = " ".join(_pdf(site).pages[0].extract_text().split())
    assert f"version {CONFIG.version}" in first
    assert CONFIG.url.replace("https://", "")[:30] in first.replace(" ", "")
    assert "Cite this edition:" in first and "Masood, Yasir" in first
    assert "CC BY 4.0" in first


def test_handout_pdf_has_every_paragraph_every_note_and_page_numbers(site: Path):
    reader = _pdf(site)
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    text = " ".join(pages)
    for number in range(1, 10):
        assert f"¶{number}" in text
    squeezed = re.sub(r"\s+", "", text)
    for note in soup(site / "index.html").select("li.edition-note"):
        title = note.select_one(".edition-note__title").get_text()
        assert re.sub(r"\s+", "", title) in squeezed, title
    for index, page in enumerate(pages, start=1):
        assert f"page {index} of {len(pages)}" in page
        assert f"version {CONFIG.version}" in page


def test_handout_pdf_has_no_screen_only_text(site: Path):
    text = " ".join(" ".join(page.extract_text().split()) for page in _pdf(site).pages)
    for words in SCREEN_ONLY:
        assert words not in text, words


def _structure(node, found: list) -> None:  # noqa: ANN001
    """Every structure element under `node` of a PDF's structure tree, in reading order: (role, element)."""
    node = node.get_object()
    if isinstance(node, pypdf.generic.ArrayObject):
        for kid in node:
            _structure(kid, found)
    elif isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            found.append((str(node["/S"]), node))
        if "/K" in node:
            _structure(node["/K"], found)


def test_handout_pdf_is_tagged_for_screen_readers(site: Path):
    reader = _pdf(site)
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])  # the title, not the file name
    assert "pdfuaid" in catalog["/Metadata"].get_object().get_data().decode("utf-8")  # declares PDF/UA
    elements: list = []
    _structure(catalog["/StructTreeRoot"], elements)
    roles = [role for role, _ in elements]
    # Headings, lists, paragraphs and links, in the reading order of the handout.
    assert roles.count("/H1") == 1 and roles.count("/H2") == 2, roles.count("/H2")
    assert roles.index("/H1") < roles.index("/H2")
    assert roles.count("/L") >= 1 and roles.count("/LI") >= 38 and roles.count("/Link") >= 38
    assert roles.count("/P") >= 9 + 38
    # Each heading's tag holds its words.
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Notes" in text and "Glossary" in text
    # Images, if the handout ever has any, carry a text alternative.
    assert all("/Alt" in element for role, element in elements if role == "/Figure")


def test_handout_verdict_marks_are_legible_on_paper():
    css = (ROOT / "hooks/edition/templates/handout/handout.css").read_text(encoding="utf-8")
    for selector in (".handout-marker__verdict", ".handout-note__mark"):
        rule = re.search(re.escape(selector) + r"[^{]*\{([^}]*)\}", css).group(1)
        size = float(re.search(r"(?:font-size:|font:[^;]*?)\s*([\d.]+)pt", rule).group(1))
        assert size >= 8.5, f"{selector}: {size} pt"


def test_print_page_notes_have_a_one_sentence_finding(site: Path):
    page = soup(site / "print" / "index.html")
    notes = page.select("li.handout-note")
    findings = {note["id"]: note.select_one(".handout-note__finding").get_text() for note in notes}
    assert len(findings) == len(notes) > 30
    assert findings["hn-p4-visit-date"] == "The visit took place on Thursday 20 November 2014, not in December."
    written = {f"hn-{note_id}": meta.get("finding") for note_id, meta in note_files().items()}
    for note_id, finding in findings.items():
        body = " ".join(page.select_one(f"#{note_id} .handout-note__body").get_text().split())
        # The note's own `finding:` where it has one, else the first sentence of its body.
        assert finding == written[note_id] if written[note_id] else body.startswith(finding), (note_id, finding)
        assert 30 <= len(finding) <= 300 and finding[-1] in ".!?”\")", (note_id, finding)


def test_handout_pdf_metadata(site: Path):
    metadata = _pdf(site).metadata
    assert "Rekindled Pak-Russia Relations" in metadata.title and CONFIG.version in metadata.title
    assert metadata.author == "Yasir Masood"


def test_handout_is_linked_from_the_article_the_guide_and_the_print_page(site: Path):
    for page, href in (("index.html", "handout.pdf"), ("teaching/index.html", "../handout.pdf"),
                       ("print/index.html", "../handout.pdf")):
        assert soup(site / page).select_one(f'a[href="{href}"]') is not None, page


def test_each_assignment_links_to_its_ready_range_on_the_print_page(site: Path):
    guide = (ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
    assignments = re.split(r"\n### ", guide.split("\n## Assignments", 1)[1].split("\n## ", 1)[0])[1:]
    assert len(assignments) == 3
    for section in assignments:
        named = {int(n) for n in re.findall(r"\[¶(\d)\]\(index\.md#p\d\)", section)}
        ranges = re.findall(r"\(print\.md\?from=(\d)&to=(\d)(?:&notes=(full|short|none))?\)", section)
        assert ranges, f"no ready range in {section[:40]!r}"
        printed = {n for low, high, _ in ranges for n in range(int(low), int(high) + 1)}
        # The ranges print exactly the paragraphs the assignment names.
        assert printed == named, (section[:40], named, printed)
    # In the built guide they lead to the Print page with the range in its address.
    hrefs = [a["href"] for a in soup(site / "teaching" / "index.html").select('a[href*="print/?from="]')]
    assert "../print/?from=4&to=4" in hrefs and "../print/?from=7&to=8&notes=short" in hrefs, hrefs


def test_worksheet_lists_every_reading_question_of_the_guide(site: Path):
    guide = (ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
    section = guide.split("\n## Reading questions", 1)[1].split("\n## ", 1)[0]
    questions = [block for block in section.strip().split("\n\n") if block.strip()]
    page = soup(site / "teaching" / "worksheet" / "index.html")
    items = page.select(".edition-worksheet__question")
    assert len(items) == len(questions) >= 8
    assert all(item.select_one(".edition-worksheet__answer") for item in items)


def test_claims_table_lists_every_fact_check_with_a_filter(site: Path):
    page = soup(site / "claims" / "index.html")
    rows = page.select("table.edition-claims tbody tr")
    fact_checks = soup(site / "index.html").select("li.edition-note--fact-check")
    notes = [note for note in note_files().values() if note["type"] == "fact-check"]
    assert len(rows) == len(fact_checks) == len(notes) > 0  # counted from the notes' front matter
    verdicts = {row["data-verdict"] for row in rows}
    assert verdicts <= {"accurate", "inaccurate", "imprecise", "unverified", "disputed"}
    assert verdicts == {note["verdict"] for note in notes}  # likewise, not a fixed list
    titles = {note.select_one(".edition-note__title").get_text() for note in fact_checks}
    assert {row.select("td")[4].get_text() for row in rows} == titles  # notes named by title, not number
    findings = {note_files()[row.select_one("td a[href*='#note-']")["href"].split("#note-")[1]].get("finding")
                for row in rows}
    assert {row.select("td")[3].get_text() for row in rows} == findings  # each note's finding, as written
    assert page.select_one("fieldset.edition-claims__filter")


def test_about_shows_version_last_change_checksum_and_licence(site: Path):
    text = " ".join(soup(site / "about" / "index.html").get_text().split())
    assert f"version {CONFIG.version} (last changed" in text
    assert "c7b760681921bb66d394abc1e11aa9d70ae979a612069140990b8d7c3199c8cc" in text
    assert "CC BY 4.0" in text and "MIT" in text and "remains the copyright of The Express Tribune" in text
    assert "<!-- edition:" not in (site / "about" / "index.html").read_text(encoding="utf-8")
    changelog = soup(site / "changelog" / "index.html").get_text()
    assert f"{CONFIG.version} — {CONFIG.released}" in changelog and "1.0.0 — 2026-11-26" in changelog
    assert "Corrections" in changelog


def test_footer_names_the_licences(site: Path):
    footer = soup(site / "glossary" / "index.html").select_one(".md-copyright").get_text()
    assert "CC BY 4.0" in footer and "MIT" in footer
