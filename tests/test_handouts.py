"""Pages that gather the edition: timeline, print edition, claims, changelog, About."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition_testing import ROOT, soup

pytestmark = pytest.mark.slow


def test_timeline_draws_on_entries_notes_and_the_publication(site: Path):
    page = soup(site / "timeline" / "index.html")
    items = page.select("ul.edition-timeline > li")
    dates = [item.time["datetime"] for item in items]
    assert dates == sorted(dates)
    hrefs = [item.select_one("a")["href"] for item in items]
    assert "../#note-p4-visit-date" in hrefs                     # a note's event
    assert "../glossary/oleg-salyukov/" in hrefs                 # an entry's event
    publication = page.select_one("li.edition-timeline__publication")
    assert publication.time["datetime"] == "2016-08-09" and publication.a["href"] == "../"


def test_print_edition_joins_text_notes_and_glossary(site: Path):
    page = soup(site / "print" / "index.html")
    assert [p["id"] for p in page.select(".edition-para")] == [f"p{n}" for n in range(1, 10)]
    assert page.select("details.edition-cite") == []
    notes = page.select("li.edition-note")
    assert len(notes) == len(soup(site / "index.html").select("li.edition-note"))
    sections = page.select("section.edition-print-entry")
    assert len(sections) == len(list((ROOT / "glossary").glob("[!_]*.md")))
    for mention in page.select("a.edition-mention"):
        assert mention["href"].startswith("#entry-") and page.select_one(mention["href"]) is not None


def test_claims_table_lists_every_fact_check(site: Path):
    rows = soup(site / "claims" / "index.html").select("table.edition-claims tbody tr")
    fact_checks = soup(site / "index.html").select("li.edition-note--fact-check")
    assert len(rows) == len(fact_checks) > 20
    verdicts = {row.select_one(".edition-verdict").get_text() for row in rows}
    assert verdicts <= {"Accurate", "Inaccurate", "Imprecise", "Unverified", "Disputed"}
    assert "Inaccurate" in verdicts


def test_about_shows_version_last_change_and_checksum(site: Path):
    text = soup(site / "about" / "index.html").get_text()
    assert "version 1.0.1 (last changed 27 November 2026" in text
    assert "c7b760681921bb66d394abc1e11aa9d70ae979a612069140990b8d7c3199c8cc" in text
    assert "<!-- edition:" not in (site / "about" / "index.html").read_text(encoding="utf-8")
    changelog = soup(site / "changelog" / "index.html").get_text()
    assert "1.0.1 — 2026-11-27" in changelog and "1.0.0 — 2026-11-26" in changelog
