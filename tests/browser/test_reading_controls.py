"""The reading controls: all notes, fact-checks only, clean text; the text itself never changes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from browser_support import open_article

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 900}
LABELS = {"all": "All notes", "fact-checks": "Fact-checks only", "clean": "Clean text"}




def choose(page: Page, mode: str) -> None:
    radio = page.get_by_role("radio", name=LABELS[mode])
    if mode == "all" and radio.is_checked() and page.locator("html").get_attribute("data-edition-reading") is None:
        return  # the default, never chosen yet
    radio.check()
    expect(page.locator("html")).to_have_attribute("data-edition-reading", mode)


# What the reader sees of the apparatus, measured as drawn (not as marked up).
SHOWN = """() => {
  const drawn = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const markers = Array.from(document.querySelectorAll('.edition-text sup.edition-marker'));
  const notes = Array.from(document.querySelectorAll('li.edition-note'));
  return {
    markers: markers.map(m => ({id: m.id.slice(8), factCheck: m.classList.contains('edition-marker--fact-check'),
                                shown: drawn(m)})),
    notes: notes.map(n => ({id: n.id.slice(5), factCheck: n.classList.contains('edition-note--fact-check'),
                            shown: drawn(n), margin: !!n.closest('.edition-sidenotes')})),
    notesHeading: drawn(document.getElementById('notes')),
  };
}"""

# Every paragraph's text as drawn (innerText), without the note markers.
PARAGRAPH_TEXT = """() => {
  const style = document.createElement('style');
  style.textContent = 'sup.edition-marker { display: none !important; }';
  document.head.appendChild(style);
  const texts = Array.from(document.querySelectorAll('.edition-para__text')).map(p => p.innerText);
  style.remove();
  return texts;
}"""

MENTION_STYLE = """() => {
  const link = document.querySelector('#p4 a.edition-mention');
  const text = link.closest('.edition-para__text');
  const s = getComputedStyle(link);
  return {color: s.color, textColor: getComputedStyle(text).color, decoration: s.textDecorationLine};
}"""


def test_fact_checks_only_hides_every_other_marker_and_note(page: Page):
    page.set_viewport_size(WIDE)
    open_article(page)
    before = page.evaluate(SHOWN)
    assert all(m["shown"] for m in before["markers"]) and all(n["shown"] for n in before["notes"])
    assert any(not m["factCheck"] for m in before["markers"]), "no other note to hide: the test proves nothing"
    choose(page, "fact-checks")
    shown = page.evaluate(SHOWN)
    wrong = [m["id"] for m in shown["markers"] if m["shown"] != m["factCheck"]]
    wrong += [n["id"] for n in shown["notes"] if n["shown"] != n["factCheck"]]
    assert not wrong, f"shown although not a fact-check, or hidden although one: {wrong}"
    assert all(n["margin"] for n in shown["notes"]), "the fact-checks left the margin"
    # The margin notes that remain do not overlap.
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('.edition-sidenotes > li.edition-note'))
        .filter(n => n.getClientRects().length).map(n => { const r = n.getBoundingClientRect();
                                                           return [n.id, r.top, r.bottom]; })""")
    boxes.sort(key=lambda box: box[1])
    overlaps = [(a[0], b[0]) for a, b in zip(boxes, boxes[1:], strict=False) if b[1] < a[2]]
    assert not overlaps, f"margin notes overlap in fact-checks mode: {overlaps}"
    # The verdict marks are behind their button, which opens them.
    page.get_by_text("Verdict marks").click()
    expect(page.locator(".edition-reading .edition-legend")).to_be_visible()


def test_clean_text_hides_all_markers_notes_and_link_styling(page: Page):
    page.set_viewport_size(WIDE)
    open_article(page)
    styled = page.evaluate(MENTION_STYLE)
    assert styled["color"] != styled["textColor"] or styled["decoration"] != "none", \
        "glossary links are not styled in the first place: the test proves nothing"
    choose(page, "clean")
    shown = page.evaluate(SHOWN)
    visible = [m["id"] for m in shown["markers"] if m["shown"]] + [n["id"] for n in shown["notes"] if n["shown"]]
    assert not visible, f"markers or notes still shown in clean text: {visible}"
    assert not shown["notesHeading"], "the Notes heading is shown in clean text"
    # (Material fades a link's colour: wait for the fade to end.)
    try:
        page.wait_for_function(f"() => {{ const s = ({MENTION_STYLE})(); "
                               "return s.color === s.textColor && s.decoration === 'none'; }", timeout=3000)
    except Exception:
        pytest.fail(f"glossary links keep their styling in clean text: {page.evaluate(MENTION_STYLE)}")
    assert "edition-has-sidenotes" not in (page.locator("html").get_attribute("class") or ""), \
        "clean text keeps the room for margin notes"
    choose(page, "all")
    assert all(m["shown"] for m in page.evaluate(SHOWN)["markers"])


def test_the_text_is_the_same_in_every_mode(page: Page):
    open_article(page)
    texts = {}
    for mode in ("all", "fact-checks", "clean"):
        choose(page, mode)
        texts[mode] = page.evaluate(PARAGRAPH_TEXT)
    assert len(texts["all"]) >= 9 and "During the Cold War epoch" in texts["all"][0]
    assert not any(ch.isdigit() for ch in texts["all"][0][:40]), "marker numbers leak into the text"
    for mode in ("fact-checks", "clean"):
        for number, (expected, actual) in enumerate(zip(texts["all"], texts[mode], strict=True), start=1):
            assert actual == expected, f"¶{number} reads differently in {mode!r} mode"
    # And with the markers shown (not removed by the measurement), the numbers are extra, not substitutes.
    choose(page, "all")
    raw = page.locator("#p1 .edition-para__text").inner_text()
    assert raw != texts["all"][0] and len(raw) > len(texts["all"][0])


def test_the_controls_work_from_the_keyboard(page: Page):
    open_article(page)
    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name === 'edition-reading'"):
            break
    else:
        pytest.fail("Tab never reaches the reading controls")
    expect(page.get_by_role("radio", name="All notes")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.locator("html")).to_have_attribute("data-edition-reading", "fact-checks")
    expect(page.get_by_role("radio", name="Fact-checks only")).to_be_checked()
    page.keyboard.press("ArrowRight")
    expect(page.locator("html")).to_have_attribute("data-edition-reading", "clean")
    expect(page.locator("sup.edition-marker").first).to_be_hidden()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("html")).to_have_attribute("data-edition-reading", "fact-checks")
    # The focused control shows a focus ring.
    outline = page.evaluate("() => getComputedStyle(document.activeElement.closest('label')).outlineStyle")
    assert outline != "none", "the focused reading control has no visible focus indicator"


# Recorded when <body> first appears, before anything of the page is drawn.
AT_FIRST_PAINT = """
new MutationObserver((records, observer) => {
  if (!document.body) return;
  window.__atBody = {reading: document.documentElement.getAttribute('data-edition-reading'),
                     classes: document.documentElement.className};
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});
"""


def test_the_choice_is_remembered_across_pages_and_applies_before_first_paint(page: Page):
    page.set_viewport_size(WIDE)
    page.add_init_script(AT_FIRST_PAINT)
    open_article(page)
    early = page.evaluate("() => window.__atBody")
    assert early["reading"] is None and "edition-has-sidenotes" in early["classes"].split()
    choose(page, "clean")
    page.goto("./about/")
    early = page.evaluate("() => window.__atBody")
    assert early["reading"] == "clean", f"another page forgot the choice: {early}"
    page.go_back()
    page.wait_for_function("() => window.document$ !== undefined")
    early = page.evaluate("() => window.__atBody")
    assert early["reading"] == "clean", f"back on the text, the choice was not applied at once: {early}"
    assert "edition-has-sidenotes" not in early["classes"].split(), "room for margin notes made in clean text"
    expect(page.get_by_role("radio", name="Clean text")).to_be_checked()
    expect(page.locator("sup.edition-marker").first).to_be_hidden()
    choose(page, "fact-checks")
    page.reload()
    page.wait_for_function("() => window.document$ !== undefined")
    assert page.evaluate("() => window.__atBody")["reading"] == "fact-checks"
    expect(page.get_by_role("radio", name="Fact-checks only")).to_be_checked()


def test_the_remembered_mode_hides_markers_before_the_script_runs(page: Page):
    """With edition.js held back, the head script and the stylesheet alone apply the choice: no flash."""
    page.goto("./about/")
    page.evaluate("() => localStorage.setItem('edition.reading', 'clean')")
    page.route("**/assets/edition/edition.js", lambda route: route.abort())
    page.goto("./")
    expect(page.locator("html")).to_have_attribute("data-edition-reading", "clean")
    expect(page.locator("#p1 .edition-para__text")).to_contain_text("During the Cold War epoch")
    marker = page.locator("#p1 sup.edition-marker").first
    expect(marker).to_be_attached()
    expect(marker).to_be_hidden()
