"""The article read as a book (#25): following a marker, the two ends of a note, the keyboard,
the first screen of a phone, the measure of the lines, a glossary entry on touch, and every note
readable and every marker working whichever script fails to load."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from browser_support import ServedSite, note_files, open_article

pytestmark = pytest.mark.browser

SCREENS = {"1440": (1440, 900), "1920": (1920, 1080), "1024": (1024, 768), "390": (390, 844), "320": (320, 640)}
PHONES = ("390", "320")


def new_page(browser: Browser, served_site: ServedSite, screen: str, *, mode: str | None = None, **options) -> tuple[BrowserContext, Page, list[str]]:
    width, height = SCREENS[screen]
    phone = screen in PHONES
    context = browser.new_context(base_url=served_site.url, viewport={"width": width, "height": height},
                                  has_touch=phone, is_mobile=phone, **options)
    if mode:
        context.add_init_script(f"localStorage.setItem('edition.reading', '{mode}')")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


@pytest.fixture
def wide(browser: Browser, served_site: ServedSite) -> Iterator[Page]:
    context, page, errors = new_page(browser, served_site, "1440")
    page.mouse.move(0, 0)
    open_article(page)
    yield page
    context.close()
    assert not errors, errors


# --- Following a marker on a wide screen --------------------------------------------------------

@pytest.mark.parametrize("screen", ["1440", "1920"])
def test_following_a_marker_brings_its_note_beside_it_and_never_scrolls_it_away(
        browser: Browser, served_site: ServedSite, screen: str):
    context, page, errors = new_page(browser, served_site, screen)
    try:
        open_article(page)
        for note_id in ("p1-quarter-century", "p4-visit-date", "p4-khawaja-asif-visit", "p7-cpec", "p8-sco-full-membership"):
            link = page.locator(f"#noteref-{note_id} a.edition-marker__link")
            link.scroll_into_view_if_needed()
            link.click()
            note = page.locator(f"#note-{note_id}")
            expect(note).to_have_class(re.compile(r"\bis-expanded\b"))
            expect(note).to_have_class(re.compile(r"\bis-current\b"))
            expect(note).to_be_focused()
            expect(note.locator(".edition-note__body")).to_be_visible()
            expect(link).to_be_in_viewport()
            marker_top = link.evaluate("e => e.getBoundingClientRect().top")
            note_top = note.evaluate("e => e.getBoundingClientRect().top")
            assert abs(note_top - marker_top) <= 30, f"{note_id}: the note starts {note_top - marker_top:.0f} px from its marker"
            assert page.evaluate("() => location.hash") == "", "following the marker navigated"
            # Escape collapses it and gives the focus back to the marker.
            page.keyboard.press("Escape")
            expect(note).not_to_have_class(re.compile(r"\bis-expanded\b"))
            expect(link).to_be_focused()
        assert not errors, errors
    finally:
        context.close()


def test_hovering_or_focusing_either_end_highlights_the_other(wide: Page):
    page = wide
    note_id = "p4-visit-date"
    link = page.locator(f"#noteref-{note_id} a.edition-marker__link")
    note = page.locator(f"#note-{note_id}")
    words = page.locator(f'.edition-quote[data-note="{note_id}"]').first
    link.hover()
    expect(note).to_have_class(re.compile(r"\bis-active\b"))
    expect(words).to_have_class(re.compile(r"\bis-active\b"))
    page.mouse.move(0, 0)
    expect(note).not_to_have_class(re.compile(r"\bis-active\b"))
    note.locator(".edition-note__title").hover()
    expect(page.locator(f"#noteref-{note_id}")).to_have_class(re.compile(r"\bis-active\b"))
    expect(words).to_have_class(re.compile(r"\bis-active\b"))
    page.mouse.move(0, 0)
    note.locator(".edition-note__toggle").focus()
    expect(page.locator(f"#noteref-{note_id}")).to_have_class(re.compile(r"\bis-active\b"))


# --- The keyboard ---------------------------------------------------------------------------------

FOCUSED = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
  const collapsed = e.closest('.edition-sidenotes li.edition-note:not(.is-expanded) .edition-note__detail');
  return {tag: e.tagName, cls: e.className, w: r.width, h: r.height, top: r.top, bottom: r.bottom,
          vh: innerHeight, collapsed: !!collapsed}; }"""


def test_no_tab_stop_hides_inside_a_collapsed_note(wide: Page):
    """Every Tab from the top of the article to its end lands on something drawn on the screen;
    none inside a collapsed note's body."""
    page = wide
    page.locator("#headline").evaluate("e => { e.tabIndex = -1; e.focus(); }")
    problems, stops = [], 0
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "BODY" or "edition-cite__row" in focused["cls"] or page.evaluate(
                "() => !document.activeElement.closest('.edition-text')"):
            break
        stops += 1
        if focused["collapsed"] or focused["w"] < 1 or focused["h"] < 1 or focused["bottom"] < 0 or focused["top"] > focused["vh"]:
            problems.append(focused)
    assert stops > 38, stops
    assert not problems, problems[:5]


def test_from_a_note_one_link_returns_to_its_marker(wide: Page, served_site: ServedSite):
    page = wide
    note_id = "p7-cpec"
    page.locator(f"#note-{note_id} a.edition-note__number").click()
    expect(page).to_have_url(f"{served_site.url}#noteref-{note_id}")
    expect(page.locator(f"#noteref-{note_id}")).to_be_in_viewport()


def test_the_citation_panel_keeps_the_focus_inside_while_open(wide: Page):
    page = wide
    opener = page.locator("#p4 a.edition-cite__open")
    opener.click()
    expect(page.locator("#cite")).to_be_visible()
    for key in ["Tab"] * 15 + ["Shift+Tab"] * 15:
        page.keyboard.press(key)
        assert page.evaluate("() => !!document.activeElement.closest('#cite')"), f"{key} left the panel"
    page.keyboard.press("Escape")
    expect(page.locator("#cite")).to_be_hidden()
    expect(opener).to_be_focused()


# --- Phones ---------------------------------------------------------------------------------------

FIRST_SCREEN = """() => {
  const r = (s) => document.querySelector(s).getBoundingClientRect();
  const text = r('#p1 .edition-para__text'), number = r('#p1 .edition-para__number');
  const url = document.querySelector('#byline a.edition-url');
  return {p1: text.top, textLeft: text.left, textWidth: text.width, numberRight: number.right,
          numberLeft: number.left, contentWidth: r('.edition-text').width,
          modes: r('.edition-reading__modes').height, legendShown: document.querySelector('.edition-reading .edition-legend').checkVisibility(),
          sourceWidth: url.getBoundingClientRect().width, sourceName: url.getAttribute('aria-label'),
          sourceText: getComputedStyle(url, '::after').content};
}"""


@pytest.mark.parametrize("screen", PHONES)
def test_the_first_phone_screen_reaches_the_text(browser: Browser, served_site: ServedSite, screen: str):
    context, page, errors = new_page(browser, served_site, screen)
    try:
        open_article(page)
        first = page.evaluate(FIRST_SCREEN)
        height = SCREENS[screen][1]
        if screen == "390":
            assert first["p1"] <= 0.5 * height, f"¶1 starts {first['p1']:.0f} px down a {height} px screen"
        assert first["modes"] <= 32, "the reading controls take more than one row"
        assert not first["legendShown"], "the verdict legend is not behind its button"
        page.get_by_text("Verdict marks").click()
        expect(page.locator(".edition-reading .edition-legend")).to_be_visible()
        page.keyboard.press("Escape")
        expect(page.locator(".edition-reading .edition-legend")).to_be_hidden()
        expect(page.locator(".edition-legend-box > summary")).to_be_focused()
        assert first["sourceText"] == '"Source"' and first["sourceWidth"] < 80, first
        assert first["sourceName"].startswith("Source: https://"), first
        # The ¶ number hangs in the margin: the text keeps the column's whole width.
        assert first["numberRight"] <= first["textLeft"] + 0.5 and first["numberLeft"] >= 0, first
        assert first["textWidth"] >= first["contentWidth"] - 1, first
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), "the page scrolls sideways"
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize("screen", PHONES)
def test_a_tap_on_a_glossary_mention_opens_its_summary_in_a_sheet(browser: Browser, served_site: ServedSite,
                                                                  screen: str):
    context, page, errors = new_page(browser, served_site, screen)
    try:
        open_article(page)
        mention = page.locator("#p6 a.edition-mention").first
        mention.scroll_into_view_if_needed()
        page.evaluate("() => { const r = document.querySelector('#p6 a.edition-mention').getBoundingClientRect();"
                      " window.scrollBy(0, r.top - innerHeight * 0.85); }")
        summary, href = mention.get_attribute("title"), mention.get_attribute("href")
        address = page.url
        mention.tap()
        sheet = page.locator("#edition-entry-sheet")
        expect(sheet).to_be_visible()
        expect(sheet).to_have_attribute("role", "dialog")
        expect(sheet.locator(".edition-sheet__summary")).to_have_text(summary)
        link = sheet.get_by_role("link", name=re.compile("Read the entry"))
        assert link.get_attribute("href").endswith(href.lstrip("./")), (link.get_attribute("href"), href)
        assert page.url == address, "the tap left the article"
        box, top = mention.bounding_box(), sheet.evaluate("e => e.getBoundingClientRect().top")
        header = page.locator(".md-header").evaluate("e => e.getBoundingClientRect().bottom")
        assert box["y"] >= header - 1 and box["y"] + box["height"] <= top, "the sheet covers the mention"
        page.keyboard.press("Escape")
        expect(sheet).to_be_hidden()
        expect(mention).to_be_focused()
        assert not errors, errors
    finally:
        context.close()


# --- The measure ------------------------------------------------------------------------------------

# Characters on each full line of every paragraph (the last line of each left out), as drawn.
LINE_LENGTHS = """() => {
  const counts = [];
  document.querySelectorAll('.edition-para__text').forEach((p) => {
    const lines = new Map();
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let node;
    while ((node = walker.nextNode())) {
      if (node.parentElement.closest('[data-apparatus]')) continue;
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const key = Math.round(rect.bottom / 4);
        lines.set(key, (lines.get(key) || 0) + 1);
      }
    }
    const ordered = [...lines.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    ordered.pop();
    counts.push(...ordered);
  });
  return counts.sort((a, b) => a - b);
}"""


@pytest.mark.parametrize("mode", ["all", "fact-checks", "clean"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_lines_hold_a_comfortable_measure(browser: Browser, served_site: ServedSite, screen: str, mode: str):
    """60 to 80 characters a line from 1024 px up (median within, nine lines in ten at most 80),
    at least 40 on a 390 px phone; no page scrolls sideways."""
    context, page, errors = new_page(browser, served_site, screen, mode=mode)
    try:
        open_article(page)
        counts = page.evaluate(LINE_LENGTHS)
        median, ninth = counts[len(counts) // 2], counts[int(len(counts) * 0.9)]
        if screen in PHONES:
            if screen == "390":
                assert median >= 40, f"{median} characters a line"
        else:
            assert 60 <= median <= 80 and ninth <= 80, f"median {median}, 90th percentile {ninth}: {counts}"
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), "the page scrolls sideways"
        assert not errors, errors
    finally:
        context.close()


# --- Verdicts ---------------------------------------------------------------------------------------

def test_verdict_marks_are_large_and_every_view_has_a_chip(wide: Page):
    page = wide
    sizes = page.evaluate("() => Array.from(document.querySelectorAll('.edition-marker__verdict'))"
                          ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 15, f"verdict marks in the text are {min(sizes)} px"
    fact_checks = [key for key, value in note_files().items() if value.get("verdict")]
    for note_id in fact_checks:
        chip = page.locator(f"#note-{note_id} .edition-note__head .edition-note__chip")
        expect(chip).to_be_visible()
        assert chip.locator(".edition-verdict__mark").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 12


def test_clean_text_hides_the_verdict_legend(browser: Browser, served_site: ServedSite):
    context, page, errors = new_page(browser, served_site, "1024", mode="clean")
    try:
        open_article(page)
        expect(page.locator(".edition-legend-box")).to_be_hidden()
        expect(page.locator(".edition-legend").first).to_be_hidden()
    finally:
        context.close()


# --- Scripts that fail to load --------------------------------------------------------------------

BLOCKED = {
    "edition.js": "**/assets/edition/edition.js",
    "tooltips.js": "**/assets/edition/tooltips.js",
    "Material's bundle": "**/assets/javascripts/bundle.*.js",
    "every script": "**/*.js",
}

NOTES_DRAWN = """() => Array.from(document.querySelectorAll('li.edition-note')).filter((n) => {
  const r = n.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(n).visibility === 'visible'
    && n.querySelector('.edition-note__body').getClientRects().length > 0;
}).length"""


@pytest.mark.parametrize("screen", ["1440", "390"])
@pytest.mark.parametrize("blocked", [*BLOCKED, "JavaScript off"])
def test_every_note_is_readable_and_every_marker_works_whichever_script_fails(
        browser: Browser, served_site: ServedSite, blocked: str, screen: str):
    options = {"java_script_enabled": False} if blocked == "JavaScript off" else {}
    context, page, _ = new_page(browser, served_site, screen, **options)
    try:
        if blocked in BLOCKED:
            context.route(BLOCKED[blocked], lambda route: route.abort())
        page.goto("./")
        page.wait_for_load_state("load")
        if blocked not in ("edition.js", "every script", "JavaScript off"):
            page.wait_for_selector("html[data-edition-notes=ready]", state="attached")
        total = len(note_files())
        if blocked in ("edition.js", "every script", "JavaScript off") or screen in PHONES:
            # Endnotes: each complete and drawn.
            assert page.evaluate(NOTES_DRAWN) == total
        else:
            # Margin notes: each drawn (its body expands on demand).
            assert page.locator(".edition-sidenotes > li.edition-note").count() == total
        for note_id in ("p1-quarter-century", "p4-visit-date", "p9-people-to-people"):
            link = page.locator(f"#noteref-{note_id} a.edition-marker__link")
            link.scroll_into_view_if_needed()
            link.click()
            note = page.locator(f"#note-{note_id}")
            expect(note).to_be_visible()
            expect(note.locator(".edition-note__title")).to_be_in_viewport()
            back = note.locator("a.edition-note__number")
            back.click()
            expect(page.locator(f"#noteref-{note_id}")).to_be_in_viewport()
            page.keyboard.press("Escape")
    finally:
        context.close()


@pytest.mark.parametrize("screen", ["1440", "390"])
def test_the_reading_controls_work_even_if_edition_js_fails(browser: Browser, served_site: ServedSite, screen: str):
    """The choice of notes applies by CSS alone (the script only remembers it)."""
    context, page, _ = new_page(browser, served_site, screen)
    try:
        context.route(BLOCKED["edition.js"], lambda route: route.abort())
        page.goto("./")
        page.wait_for_load_state("load")
        markers = page.locator(".edition-text sup.edition-marker")
        others = page.locator(".edition-text sup.edition-marker:not(.edition-marker--fact-check)")
        expect(markers.first).to_be_visible()
        page.get_by_text("Clean text").click()
        assert markers.evaluate_all("ms => ms.every(m => !m.checkVisibility())"), "clean text shows markers"
        expect(page.locator(".edition-endnotes")).to_be_hidden()
        page.get_by_text("Fact-checks only").click()
        assert others.evaluate_all("ms => ms.every(m => !m.checkVisibility())")
        expect(page.locator(".edition-text sup.edition-marker--fact-check").first).to_be_visible()
        page.get_by_text("All notes").click()
        assert markers.evaluate_all("ms => ms.every(m => m.checkVisibility())")
    finally:
        context.close()


def test_a_remembered_choice_gives_way_to_a_new_one_without_edition_js(browser: Browser, served_site: ServedSite):
    context, page, _ = new_page(browser, served_site, "1024", mode="clean")
    try:
        context.route(BLOCKED["edition.js"], lambda route: route.abort())
        page.goto("./")
        page.wait_for_load_state("load")
        expect(page.locator(".edition-text sup.edition-marker").first).to_be_hidden()
        page.get_by_text("All notes").click()
        expect(page.locator(".edition-text sup.edition-marker").first).to_be_visible()
    finally:
        context.close()
