"""Verdicts at a glance: each fact-check marker carries its verdict's symbol, and the legend explains it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from browser_support import note_files

pytestmark = pytest.mark.browser

TYPE_WORDS = {"fact-check": "fact-check", "context": "context", "definition": "definition",
              "cross-reference": "cross-reference", "translation-or-terminology": "terminology"}




MARKERS = """() => Array.from(document.querySelectorAll('.edition-text sup.edition-marker')).map((sup) => {
  const link = sup.querySelector('a.edition-marker__link');
  const verdict = link.querySelector('.edition-marker__verdict');
  const number = Array.from(link.childNodes).filter(n => n.nodeType === 3).map(n => n.data).join('').trim();
  return {
    id: link.dataset.note, classes: Array.from(sup.classList), label: link.getAttribute('aria-label'),
    number, symbol: verdict ? verdict.textContent : null,
    symbolHidden: verdict ? verdict.getAttribute('aria-hidden') : null,
    symbolWidth: verdict ? verdict.getBoundingClientRect().width : 0,
    symbolDisplay: verdict ? getComputedStyle(verdict).display : null,
  };
})"""

LEGENDS = """() => Array.from(document.querySelectorAll('.edition-legend')).map((legend) => ({
  visible: legend.getBoundingClientRect().height > 0,
  items: Array.from(legend.querySelectorAll('.edition-legend__item')).map((item) => ({
    mark: item.querySelector('.edition-legend__mark').textContent.trim(),
    word: item.textContent.replace(item.querySelector('.edition-legend__mark').textContent, '').trim(),
  })),
}))"""


@pytest.fixture
def article(page: Page) -> Page:
    page.goto("./")
    page.wait_for_function("() => window.document$ !== undefined")
    page.wait_for_function("() => document.documentElement.dataset.editionNotes === 'ready'")
    return page


def test_every_fact_check_marker_shows_and_names_its_verdict(article: Page):
    notes = note_files()
    markers = {marker["id"]: marker for marker in article.evaluate(MARKERS)}
    assert sorted(markers) == sorted(notes), "the markers in the text are not the notes' markers"
    problems = []
    for note_id, meta in notes.items():
        marker = markers[note_id]
        title = " ".join(meta["title"].split())
        kind = meta["type"]
        if kind == "fact-check":
            verdict = meta["verdict"]
            for cls in ("edition-marker--fact-check", f"edition-marker--{verdict}"):
                if cls not in marker["classes"]:
                    problems.append(f"{note_id}: marker lacks class {cls}")
            if not marker["symbol"] or not marker["symbol"].strip():
                problems.append(f"{note_id}: fact-check marker without a verdict symbol")
            elif marker["symbolHidden"] != "true" or marker["symbolDisplay"] == "none" or marker["symbolWidth"] < 2:
                problems.append(f"{note_id}: verdict symbol not shown, or not aria-hidden: {marker}")
            expected = f"Note {marker['number']}, fact-check, {verdict}: {title}"
        else:
            if marker["symbol"] is not None:
                problems.append(f"{note_id}: a {kind} note's marker has a verdict symbol {marker['symbol']!r}")
            if "edition-marker--fact-check" in marker["classes"]:
                problems.append(f"{note_id}: a {kind} note's marker is marked as a fact-check")
            expected = f"Note {marker['number']}, {TYPE_WORDS[kind]}: {title}"
        if marker["label"] != expected:
            problems.append(f"{note_id}: aria-label {marker['label']!r}, expected {expected!r}")
        if not re.fullmatch(r"\d+", marker["number"]):
            problems.append(f"{note_id}: marker number {marker['number']!r}")
    assert not problems, "\n".join(problems)


def test_each_verdict_has_one_symbol_of_its_own_and_the_legend_gives_it(article: Page):
    notes = note_files()
    markers = article.evaluate(MARKERS)
    by_verdict: dict[str, set[str]] = {}
    for marker in markers:
        verdict = notes[marker["id"]].get("verdict")
        if verdict:
            by_verdict.setdefault(verdict, set()).add(marker["symbol"])
    used = {note["verdict"] for note in notes.values() if note["type"] == "fact-check"}
    assert set(by_verdict) == used and len(used) >= 3
    assert all(len(symbols) == 1 for symbols in by_verdict.values()), f"a verdict with two symbols: {by_verdict}"
    symbol = {verdict: next(iter(symbols)) for verdict, symbols in by_verdict.items()}
    assert len(set(symbol.values())) == len(symbol), f"two verdicts share a symbol: {symbol}"

    legends = article.evaluate(LEGENDS)
    assert legends, "no legend of the verdicts on the article"
    assert any(legend["visible"] for legend in legends), "no legend is shown"
    for legend in legends:
        items = {item["word"]: item["mark"] for item in legend["items"]}
        for verdict in sorted(used):
            assert items.get(verdict) == symbol[verdict], \
                f"the legend gives {verdict!r} as {items.get(verdict)!r}, the markers as {symbol[verdict]!r}"
        assert len(set(items.values())) == len(items), f"the legend repeats a symbol: {items}"

    # The note's verdict chip, at its head, repeats the marker's symbol.
    marks = article.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('li.edition-note'))
        .map(n => [n.id.slice(5), (n.querySelector('.edition-note__head .edition-verdict__mark') || {}).textContent || null]))""")
    wrong = {note_id: mark for note_id, mark in marks.items()
             if notes[note_id]["type"] == "fact-check" and mark != symbol[notes[note_id]["verdict"]]}
    assert not wrong, f"notes whose mark differs from their marker's: {wrong}"
