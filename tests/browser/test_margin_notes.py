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


def test_every_note_stands_readable_in_the_margin_beside_its_paragraph(page: Page):
    page.set_viewport_size(WIDE)
    page.mouse.move(0, 0)
    open_article(page)
    expect(page.locator("html")).to_have_class(re.compile(r"\bedition-has-sidenotes\b"))
    notes = page.evaluate(NOTE_GEOMETRY)
    expected = note_files()
    assert sorted(note["id"] for note in notes) == sorted(expected), "the margin does not hold every note once"
    problems = check_margin_layout(notes)
    for note in notes:
        # Readable without hovering: shown, its title and its opening line drawn with some size.
        if note["display"] == "none" or note["visibility"] != "visible" or float(note["opacity"]) < 1:
            problems.append(f"{note['id']} is not shown ({note['display']}, {note['visibility']}, {note['opacity']})")
        if note["title"] != " ".join(expected[note["id"]]["title"].split()):
            problems.append(f"{note['id']} shows the title {note['title']!r}")
        if not note["titleBox"] or note["titleBox"]["height"] < 8:
            problems.append(f"{note['id']}: its title is not drawn")
        if not note["firstLine"] or not note["firstLineBox"] or note["firstLineBox"]["height"] < 8:
            problems.append(f"{note['id']}: its opening line is not drawn")
    assert not problems, "\n".join(problems)
    expect(page.locator(".edition-endnotes .edition-endnotes__moved")).to_be_visible()


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


def check_popover_shows(page: Page, note_id: str, scroll: float) -> None:
    popover = page.locator("#edition-note-popover")
    expect(popover).to_be_visible()
    assert popover.evaluate("e => e.matches(':popover-open')")
    expect(popover).to_have_attribute("role", "dialog")
    label = page.locator(f"#noteref-{note_id} a.edition-marker__link").get_attribute("aria-label")
    expect(popover).to_have_attribute("aria-label", label)
    title = " ".join(note_files()[note_id]["title"].split())
    expect(popover.locator(f"#note-{note_id}")).to_have_count(1)
    expect(popover.locator(".edition-note__title")).to_have_text(title)
    expect(popover.locator(".edition-note__body")).to_be_visible()
    assert popover.locator(".edition-note__body").inner_text().strip(), "the note's body is empty"
    expect(popover.locator(".edition-note-popover__close")).to_be_focused()
    assert page.evaluate("() => location.hash") == "", "opening the note navigated away"
    assert abs(page.evaluate("() => window.scrollY") - scroll) <= 1, "opening the note scrolled the page"


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
    scroll, top = open_in_place(page, note_id, tap=tap)
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
