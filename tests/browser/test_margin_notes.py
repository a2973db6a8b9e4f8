"""Notes where the reader is: in the margin on a wide screen, opened in place on a phone."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_support import ServedSite, note_files, open_article

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}








@pytest.fixture
def phone_page(browser: Browser, served_site: ServedSite) -> Iterator[Page]:
    """A phone (touch, 390 x 844); the test fails on any uncaught JavaScript error."""
    context = browser.new_context(base_url=served_site.url, viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


# Every note: where it is, where its marker and paragraph are, and whether it can be read.
NOTE_GEOMETRY = """() => {
  const box = (e) => { const r = e.getBoundingClientRect();
                       return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right,
                               width: r.width, height: r.height}; };
  const text = document.querySelector('.edition-text[data-text]');
  return Array.from(document.querySelectorAll('li.edition-note')).map((note) => {
    const id = note.id.replace(/^note-/, '');
    const marker = document.getElementById('noteref-' + id);
    const block = marker.closest('[data-block]');
    const title = note.querySelector('.edition-note__title');
    const firstLine = note.querySelector('.edition-note__body > :first-child');
    const style = getComputedStyle(note);
    return {
      id, list: note.parentElement.className, note: box(note), marker: box(marker), block: box(block),
      text: box(text), display: style.display, visibility: style.visibility, opacity: style.opacity,
      title: title ? title.textContent.trim() : '', titleBox: title ? box(title) : null,
      firstLine: firstLine ? firstLine.innerText.trim() : '', firstLineBox: firstLine ? box(firstLine) : null,
      clientWidth: document.documentElement.clientWidth,
    };
  });
}"""


def check_margin_layout(notes: list[dict]) -> list[str]:
    """What is wrong with the margin notes' layout (an empty list if nothing)."""
    problems = []
    previous = None
    for note in sorted(notes, key=lambda n: n["note"]["top"]):
        box, block = note["note"], note["block"]
        name = note["id"]
        if note["list"] != "edition-sidenotes":
            problems.append(f"{name} is not in the margin (in {note['list']!r})")
        if box["left"] < note["text"]["right"]:
            problems.append(f"{name} overlaps the text column (left {box['left']:.0f} < {note['text']['right']:.0f})")
        if box["left"] < 0 or box["right"] > note["clientWidth"]:
            problems.append(f"{name} overflows the viewport ({box['left']:.0f}..{box['right']:.0f} "
                            f"of {note['clientWidth']})")
        if box["top"] < block["top"] - 8:
            problems.append(f"{name} starts above its paragraph ({box['top']:.0f} < {block['top']:.0f})")
        beside = box["top"] <= block["bottom"]
        pushed = previous is not None and 0 <= box["top"] - previous["note"]["bottom"] <= 16
        if not (beside or pushed):
            problems.append(f"{name} is neither beside its paragraph ({block['top']:.0f}..{block['bottom']:.0f}) "
                            f"nor just after the note above it (top {box['top']:.0f})")
        if previous is not None and box["top"] < previous["note"]["bottom"]:
            problems.append(f"{name} overlaps {previous['id']} ({box['top']:.0f} < {previous['note']['bottom']:.0f})")
        previous = note
    return problems


SCREENS = {"1440": {"width": 1440, "height": 900}, "1920": {"width": 1920, "height": 1080}}


def marker_to_note(notes: list[dict]) -> list[float]:
    """The vertical distance from each shown note's marker to the note's top, in px."""
    return sorted(abs(note["note"]["top"] - note["marker"]["top"]) for note in notes if note["display"] != "none")


@pytest.mark.parametrize("mode", ["all", "fact-checks"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_note_stands_beside_its_marker(page: Page, screen: str, mode: str):
    """Tufte's rule, measured: each margin note starts on (or next to) its marker's line: the
    median distance within 30 px, the worst within 120 px, no two notes overlapping; each
    collapsed note is one line (number, verdict, title)."""
    page.set_viewport_size(SCREENS[screen])
    page.add_init_script(f"localStorage.setItem('edition.reading', '{mode}')")
    page.mouse.move(0, 0)
    open_article(page)
    expect(page.locator("html")).to_have_class(re.compile(r"\bedition-has-sidenotes\b"))
    notes = [note for note in page.evaluate(NOTE_GEOMETRY) if note["display"] != "none"]
    expected = {key: value for key, value in note_files().items() if mode == "all" or value["type"] == "fact-check"}
    assert sorted(note["id"] for note in notes) == sorted(expected), "the margin does not hold every shown note once"
    problems = check_margin_layout(notes)
    for note in notes:
        if note["visibility"] != "visible" or float(note["opacity"]) < 1:
            problems.append(f"{note['id']} is not shown ({note['display']}, {note['visibility']}, {note['opacity']})")
        if note["title"] != " ".join(expected[note["id"]]["title"].split()):
            problems.append(f"{note['id']} shows the title {note['title']!r}")
        if not note["titleBox"] or not 8 <= note["titleBox"]["height"] <= 24:
            problems.append(f"{note['id']}: its title is not drawn on one line ({note['titleBox']})")
    distances = marker_to_note(notes)
    median, worst = distances[len(distances) // 2], distances[-1]
    assert median <= 30 and worst <= 120, f"marker to note: median {median:.0f} px, worst {worst:.0f} px"
    assert not problems, "\n".join(problems)
    expect(page.locator(".edition-endnotes .edition-endnotes__moved")).to_be_visible()


def test_collapsed_notes_show_their_finding_where_there_is_room(page: Page):
    page.set_viewport_size(WIDE)
    open_article(page)
    # ¶9's one note has the margin to itself: its finding shows, up to three lines.
    finding = page.locator("#note-p9-people-to-people .edition-note__finding")
    expect(finding).to_be_visible()
    assert finding.evaluate("e => e.getBoundingClientRect().height") > 12
    # No preview runs into the next note.
    problems = check_margin_layout(page.evaluate(NOTE_GEOMETRY))
    assert not problems, "\n".join(problems)


def test_expanding_a_margin_note_pushes_the_next_ones_down(page: Page):
    page.set_viewport_size(WIDE)
    open_article(page)
    note = page.locator("#note-p4-visit-date")
    following = page.locator("#note-p4-gas-pipeline")
    before_height = note.evaluate("e => e.getBoundingClientRect().height")
    before_next = following.evaluate("e => e.getBoundingClientRect().top + scrollY")
    toggle = note.locator("button.edition-note__toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(note.locator(".edition-note__sources")).to_be_visible()
    assert note.evaluate("e => e.getBoundingClientRect().height") > before_height + 20
    page.wait_for_function("(y) => document.getElementById('note-p4-gas-pipeline').getBoundingClientRect().top"
                           " + scrollY > y + 20", arg=before_next)
    problems = check_margin_layout(page.evaluate(NOTE_GEOMETRY))
    assert not problems, "\n".join(problems)
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(note.locator(".edition-note__sources")).to_be_hidden()


def test_notes_are_endnotes_on_a_phone(phone_page: Page):
    page = phone_page
    open_article(page)
    assert "edition-has-sidenotes" not in (page.locator("html").get_attribute("class") or "")
    expect(page.locator(".edition-sidenotes")).to_have_count(0)
    endnotes = page.locator(".edition-endnotes ol.edition-notes > li.edition-note")
    expect(endnotes).to_have_count(len(note_files()))
    last_paragraph = page.locator(".edition-para").last.evaluate("e => e.getBoundingClientRect().bottom")
    first_note = endnotes.first.evaluate("e => e.getBoundingClientRect().top")
    assert first_note > last_paragraph, "the endnotes are not after the text"
    expect(page.locator(".edition-endnotes__moved")).to_have_count(0)


def open_in_place(page: Page, note_id: str, *, tap: bool) -> tuple[float, float]:
    """Open a note from its marker; returns (scrollY, marker's top) from just before."""
    link = page.locator(f"#noteref-{note_id} a.edition-marker__link")
    link.scroll_into_view_if_needed()
    page.evaluate("() => window.scrollBy(0, -200)")  # the marker in mid-screen, not at an edge
    scroll = page.evaluate("() => window.scrollY")
    top = link.evaluate("e => e.getBoundingClientRect().top")
    if tap:
        link.tap()
    else:
        link.click()
    return scroll, top


# Where the sheet, the marker and its highlighted words are on the screen.
SHEET_GEOMETRY = """(id) => {
  const sheet = document.getElementById('edition-note-popover').getBoundingClientRect();
  const marker = document.getElementById('noteref-' + id).getBoundingClientRect();
  const quotes = Array.from(document.querySelectorAll(`.edition-quote[data-note="${id}"]`));
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const inside = Array.from(document.querySelectorAll('#edition-note-popover *'))
    .filter(e => e.getClientRects().length)
    .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
  return {sheet: {top: sheet.top, bottom: sheet.bottom, left: sheet.left, right: sheet.right, height: sheet.height},
          marker: {top: marker.top, bottom: marker.bottom}, header, height: innerHeight,
          width: document.documentElement.clientWidth,
          quotesTop: Math.min(...quotes.map(q => q.getBoundingClientRect().top)),
          quotesActive: quotes.every(q => q.matches('.is-active, .is-target')),
          overflow: inside.filter(r => r.left < -0.5 || r.right > document.documentElement.clientWidth + 0.5).length};
}"""


def check_popover_shows(page: Page, note_id: str, scroll: float) -> None:
    """The note is in a sheet sized to its summary (head, verdict, finding, "Read the whole note"),
    below its marker and highlighted words, which stay on the screen; nothing runs off it."""
    popover = page.locator("#edition-note-popover")
    expect(popover).to_be_visible()
    assert popover.evaluate("e => e.matches(':popover-open')")
    expect(popover).to_have_attribute("role", "dialog")
    label = page.locator(f"#noteref-{note_id} a.edition-marker__link").get_attribute("aria-label")
    expect(popover).to_have_attribute("aria-label", label)
    note = note_files()[note_id]
    expect(popover.locator(f"#note-{note_id}")).to_have_count(1)
    expect(popover.locator(".edition-note__title")).to_have_text(" ".join(note["title"].split()))
    expect(popover.locator(".edition-note__finding")).to_be_visible()
    assert popover.locator(".edition-note__finding").inner_text().strip(), "the note's finding is empty"
    if note.get("verdict"):
        expect(popover.locator(".edition-note__chip")).to_be_visible()
    expect(popover.locator(".edition-note__detail")).to_be_hidden()
    expect(popover.get_by_role("button", name="Read the whole note")).to_be_visible()
    expect(popover.locator(".edition-note-popover__close")).to_be_focused()
    assert page.evaluate("() => location.hash") == "", "opening the note navigated away"
    geometry = page.evaluate(SHEET_GEOMETRY, note_id)
    assert geometry["sheet"]["height"] <= 0.5 * geometry["height"], f"the sheet is not sized to a summary: {geometry}"
    assert geometry["marker"]["bottom"] <= geometry["sheet"]["top"], f"the sheet covers the marker: {geometry}"
    assert geometry["quotesTop"] >= geometry["header"] - 1, f"the highlighted words left the screen: {geometry}"
    assert geometry["quotesActive"], "the note's words are not highlighted"
    assert geometry["sheet"]["left"] >= 0 and geometry["sheet"]["right"] <= geometry["width"] + 0.5
    assert geometry["overflow"] == 0, "something in the sheet runs off the screen"


def check_closed(page: Page, note_id: str, scroll: float, top: float) -> None:
    popover = page.locator("#edition-note-popover")
    expect(popover).to_be_hidden()
    link = page.locator(f"#noteref-{note_id} a.edition-marker__link")
    expect(link).to_be_focused()
    assert abs(page.evaluate("() => window.scrollY") - scroll) <= 1, "closing the note moved the page"
    assert abs(link.evaluate("e => e.getBoundingClientRect().top") - top) <= 1
    # The note is back among the endnotes, in its place.
    assert page.evaluate("""(id) => {
        const note = document.getElementById('note-' + id);
        const list = note.parentElement;
        const values = Array.from(list.children).map(li => li.value);
        return list.matches('.edition-endnotes ol.edition-notes')
            && values.every((v, i) => i === 0 || v > values[i - 1]);
    }""", note_id), "the note did not return to its place among the endnotes"


@pytest.mark.parametrize(("note_id", "tap", "close"), [
    ("p4-mountain-drills", True, "the × button, tapped"),
    ("p7-cpec", False, "Escape"),
])
def test_a_note_opened_in_place_closes_and_the_next_marker_opens_its_own(phone_page: Page, note_id: str, tap: bool,
                                                                         close: str):
    page = phone_page
    open_article(page)
    open_in_place(page, note_id, tap=tap)
    scroll = page.evaluate("() => window.scrollY")
    top = page.locator(f"#noteref-{note_id} a.edition-marker__link").evaluate("e => e.getBoundingClientRect().top")
    check_popover_shows(page, note_id, scroll)
    if close == "Escape":
        page.keyboard.press("Escape")
    else:
        page.locator(".edition-note-popover__close").tap()
    check_closed(page, note_id, scroll, top)
    # Another marker after that opens its own note, not the previous one.
    scroll, _ = open_in_place(page, "p4-visit-date", tap=True)
    check_popover_shows(page, "p4-visit-date", scroll)
    expect(page.locator("#edition-note-popover li.edition-note")).to_have_count(1)


def test_note_address_lands_on_the_note_at_phone_width(phone_page: Page):
    page = phone_page
    note_id = "p7-multipolar-world"
    page.goto(f"./#note-{note_id}")
    page.wait_for_function("() => window.document$ !== undefined")
    header = page.locator(".md-header").evaluate("e => e.getBoundingClientRect().bottom")
    # Waits until the note is at the top of the screen, under the header (the notes are built first).
    page.wait_for_function("""([id, header]) => {
        const note = document.getElementById('note-' + id);
        if (!note) return false;
        const top = note.getBoundingClientRect().top;
        return top >= header - 1 && top <= innerHeight / 3;
    }""", arg=[note_id, header], timeout=5000)
    note = page.locator(f"#note-{note_id}")
    expect(note).to_be_visible()
    assert note.evaluate("e => e.matches(':target')"), "the note is not the URL's target"
    expect(note.locator(".edition-note__title")).to_have_text(" ".join(note_files()[note_id]["title"].split()))
    expect(page.locator(f'.edition-quote[data-note="{note_id}"]').first).to_have_class(
        re.compile(r"\bis-target\b"))


@pytest.mark.parametrize("width", [390, 320])
def test_a_note_opened_from_the_lower_half_keeps_its_marker_in_sight(browser: Browser, served_site: ServedSite,
                                                                      width: int):
    """A marker near the bottom of a phone's screen: the page scrolls so that the marker and its
    words stand above the sheet; "Read the whole note" shows the rest, within the screen."""
    context = browser.new_context(base_url=served_site.url, viewport={"width": width, "height": 844 if width == 390 else 640},
                                  has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        open_article(page)
        for note_id in ("p4-visit-date", "p7-cpec", "p8-sco-full-membership"):
            link = page.locator(f"#noteref-{note_id} a.edition-marker__link")
            link.scroll_into_view_if_needed()
            # The marker in the lower quarter of the screen.
            page.evaluate("(id) => { const r = document.getElementById('noteref-' + id).getBoundingClientRect();"
                          " window.scrollBy(0, r.top - innerHeight * 0.8); }", note_id)
            assert link.evaluate("e => e.getBoundingClientRect().top") > page.viewport_size["height"] * 0.6
            link.tap()
            check_popover_shows(page, note_id, 0)
            page.get_by_role("button", name="Read the whole note").tap()
            expect(page.locator(f"#edition-note-popover #note-{note_id} .edition-note__body")).to_be_visible()
            geometry = page.evaluate(SHEET_GEOMETRY, note_id)
            assert geometry["sheet"]["top"] >= geometry["header"] - 1 and geometry["sheet"]["bottom"] <= geometry["height"] + 0.5
            assert geometry["overflow"] == 0, "something in the whole note runs off the screen"
            page.keyboard.press("Escape")
            expect(page.locator("#edition-note-popover")).to_be_hidden()
            expect(link).to_be_focused()
    finally:
        context.close()
