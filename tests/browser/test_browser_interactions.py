"""The article page in a real browser: tooltips, notes, paragraph links, citations, search, keyboard, no JS."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from browser_support import ServedSite, front_matter, note_files, open_article
from edition_testing import ROOT

pytestmark = pytest.mark.browser

MENTION_ENTRY = "oleg-salyukov"
NOTE = "p4-mountain-drills"




def glossary_summary(entry: str) -> str:
    return " ".join(front_matter((ROOT / "glossary" / f"{entry}.md").read_text(encoding="utf-8"))["summary"].split())




def open_tooltip(page: Page) -> Locator:
    """The one tooltip (hooks/edition/browser/tooltips.js), once it has faded in."""
    tooltip = page.locator("#edition-tooltip.edition-tooltip--active")
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_css("opacity", "1")
    return tooltip


def words(text: str) -> str:
    return " ".join(text.split())


# --- Glossary mentions ------------------------------------------------------------------------

def mention(page: Page) -> Locator:
    return page.locator(f'#p4 a.edition-mention[data-entry="{MENTION_ENTRY}"]')


def test_mention_tooltip_shows_the_entry_summary_on_hover(page: Page):
    open_article(page)
    mention(page).hover()
    tooltip = open_tooltip(page)
    assert tooltip.get_attribute("role") == "tooltip"
    assert words(tooltip.inner_text()) == glossary_summary(MENTION_ENTRY)
    expect(mention(page)).to_have_attribute("aria-describedby", tooltip.get_attribute("id"))
    # The title is set aside while the tooltip shows it (no second, native tooltip) and comes back.
    expect(mention(page)).not_to_have_attribute("title", re.compile("."))
    # The tooltip is hoverable: the pointer can move onto it without it closing.
    tooltip.hover()
    page.wait_for_timeout(400)
    expect(tooltip).to_be_visible()
    page.mouse.move(0, 0)
    expect(page.locator("#edition-tooltip")).to_be_hidden()
    expect(mention(page)).to_have_attribute("title", glossary_summary(MENTION_ENTRY))
    expect(mention(page)).not_to_have_attribute("aria-describedby", re.compile("."))


def test_mention_tooltip_shows_on_keyboard_focus_and_escape_dismisses_it(page: Page):
    open_article(page)
    mention(page).focus()
    tooltip = open_tooltip(page)
    assert words(tooltip.inner_text()) == glossary_summary(MENTION_ENTRY)
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    expect(mention(page)).to_be_focused()
    # Moving on and back shows it again.
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(mention(page)).to_be_focused()
    open_tooltip(page)


# --- Note markers -----------------------------------------------------------------------------
# On a wide screen the notes stand in the margin (tests/browser/test_margin_notes.py); a marker
# highlights its words and leads to its note. On a phone it opens the note in place.

def marker(page: Page) -> Locator:
    return page.locator(f"sup.edition-marker#noteref-{NOTE} a.edition-marker__link")


def quoted(page: Page) -> Locator:
    return page.locator(f'.edition-quote[data-note="{NOTE}"]')


ACTIVE = re.compile(r"\bis-active\b")


def test_note_marker_highlights_its_words_on_hover_and_focus(page: Page):
    open_article(page)
    assert quoted(page).count() >= 1
    marker(page).hover()
    for index in range(quoted(page).count()):
        expect(quoted(page).nth(index)).to_have_class(ACTIVE)
    page.mouse.move(0, 0)
    for index in range(quoted(page).count()):
        expect(quoted(page).nth(index)).not_to_have_class(ACTIVE)
    marker(page).focus()
    expect(quoted(page).first).to_have_class(ACTIVE)
    page.keyboard.press("Tab")
    expect(quoted(page).first).not_to_have_class(ACTIVE)


def test_marker_label_names_the_note_and_its_verdict(page: Page):
    open_article(page)
    note = note_files()[NOTE]
    label = marker(page).get_attribute("aria-label")
    assert re.fullmatch(rf"Note \d+, fact-check, {note['verdict']}: .+", label), label
    assert marker(page).locator(".edition-marker__verdict").get_attribute("aria-hidden") == "true"


def in_viewport_near_top(page: Page, selector: str) -> float:
    """The element's distance from the top of the viewport; asserts it is in the top third."""
    top = page.locator(selector).evaluate("element => element.getBoundingClientRect().top")
    height = page.viewport_size["height"]
    assert 0 <= top <= height / 3, f"{selector} is {top:.0f}px from the top of a {height}px viewport"
    return top


def test_marker_leads_to_the_note_beside_the_text_on_a_wide_screen(page: Page, served_site: ServedSite):
    open_article(page)
    marker(page).click()
    # The note comes to the reader: expanded beside its marker, which stays where it was.
    expect(page).to_have_url(served_site.url)
    note = page.locator(f"#note-{NOTE}")
    expect(note).to_be_in_viewport()
    expect(note).to_have_class(re.compile(r"\bis-expanded\b"))
    expect(marker(page)).to_be_in_viewport()
    expect(quoted(page).first).to_have_class(re.compile(r"\bis-target\b"))
    # The note is beside its paragraph, not at the end of the page.
    note_box, para_box = note.bounding_box(), page.locator("#p4").bounding_box()
    assert note_box["x"] >= para_box["x"] + para_box["width"] - 1, (note_box, para_box)


def test_note_page_url_at_phone_width_lands_on_the_endnote(browser, served_site: ServedSite):
    """An address naming a note (#note-…) works although the notes are built after load."""
    context = browser.new_context(base_url=served_site.url, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"./#note-{NOTE}")
        expect(page.locator(f"#note-{NOTE}")).to_be_in_viewport()
        in_viewport_near_top(page, f"#note-{NOTE}")
        page.locator(f"#note-{NOTE} a.edition-note__back").click()
        expect(page).to_have_url(f"{served_site.url}#noteref-{NOTE}")
        expect(page.locator(f"#noteref-{NOTE}")).to_be_in_viewport()
    finally:
        context.close()


# --- Paragraph links and citations -----------------------------------------------------------

def test_skip_link_leads_to_the_start_of_the_text(page: Page, served_site: ServedSite):
    """The first Tab reaches "Skip to content", which leads to the article, before the headline."""
    open_article(page)
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    skip.press("Enter")
    expect(page).to_have_url(f"{served_site.url}#content")
    expect(page.locator("#content")).to_be_focused()
    assert page.locator("#content").evaluate("e => e.contains(document.getElementById('headline'))")
    # The next Tab goes into the text's header, not past the whole text to the notes.
    page.keyboard.press("Tab")
    assert page.evaluate("""() => document.activeElement.compareDocumentPosition(
        document.getElementById('p1')) & Node.DOCUMENT_POSITION_FOLLOWING"""), "Tab went past ¶1"


def test_paragraph_url_lands_on_the_paragraph(page: Page):
    open_article(page, "./#p4")
    top = in_viewport_near_top(page, "#p4")
    header = page.locator(".md-header").evaluate("element => element.getBoundingClientRect().bottom")
    assert top >= header - 1, f"¶4 ({top:.0f}px) is hidden under the header (bottom {header:.0f}px)"
    assert page.locator("#p4 .edition-para__text").evaluate("e => getComputedStyle(e).backgroundColor") \
        != "rgba(0, 0, 0, 0)", "the target paragraph is not highlighted"


def cite_link(page: Page, paragraph: int = 4) -> Locator:
    return page.locator(f"#p{paragraph} a.edition-cite__open")


def test_copy_chicago_puts_the_paragraph_citation_on_the_clipboard(page: Page, context: BrowserContext,
                                                                   served_site: ServedSite):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.url.rstrip("/"))
    open_article(page)
    cite_link(page).click()
    panel = page.locator("#cite")
    expect(panel).to_be_visible()
    expect(panel).to_have_attribute("aria-label", "Cite paragraph 4")
    row = page.locator("#cite-p4")
    expect(row).to_have_class(re.compile(r"\bis-current\b"))
    expect(page.locator("#cite tr.is-current")).to_have_count(1)
    copy = panel.locator("button.edition-copy", has_text="Copy Chicago")
    expect(copy).to_be_visible()
    # The button says "Copied" for two seconds, which Playwright's click can outlast: record its labels.
    copy.evaluate("""button => {
        window.labels = [];
        new MutationObserver(() => window.labels.push(button.textContent))
            .observe(button, {childList: true, characterData: true, subtree: true});
    }""")
    copy.click()
    page.wait_for_function("() => window.labels.includes('Copied')")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    shown = panel.locator(".edition-cite__row", has_text="Chicago").locator(".edition-cite__text").first
    assert words(shown.inner_text()) == words(copied), "the copied citation differs from the one shown"
    assert copied == ("Masood, Yasir. “Rekindled Pak-Russia Relations.” The Express Tribune (Karachi), "
                      "August 9, 2016. https://tribune.com.pk/story/1159081/rekindled-pak-russia-relations."), copied
    expect(copy).to_have_text("Copy Chicago", timeout=5000)
    # The paragraph's own row names ¶4 in each style.
    assert "para. 4" in row.inner_text() and "par. 4" in row.inner_text(), row.inner_text()


def test_escape_closes_the_cite_panel_and_returns_focus(page: Page):
    open_article(page)
    link = cite_link(page)
    link.focus()
    page.keyboard.press("Enter")
    panel = page.locator("#cite")
    expect(panel).to_be_visible()
    assert panel.evaluate("element => element.matches(':popover-open')")
    expect(panel.locator("button.edition-cite__close")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('cite').contains(document.activeElement)"), \
        "Tab after opening the panel does not move within it"
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(link).to_be_focused()
    # The close button closes it too, and another paragraph's link shows that paragraph's row.
    cite_link(page, 2).click()
    expect(page.locator("#cite-p2")).to_have_class(re.compile(r"\bis-current\b"))
    expect(page.locator("#cite-p4")).not_to_have_class(re.compile(r"\bis-current\b"))
    panel.locator("button.edition-cite__close").click()
    expect(panel).to_be_hidden()
    expect(cite_link(page, 2)).to_be_focused()


# --- Search -----------------------------------------------------------------------------------

def test_search_for_a_surname_finds_the_glossary_entry(page: Page, served_site: ServedSite):
    open_article(page)
    page.locator("input.md-search__input").click()
    page.keyboard.type("Salyukov")
    entry = page.locator(".md-search-result__item > a.md-search-result__link",
                         has=page.locator("h1", has_text=re.compile(r"^\s*Oleg Salyukov\s*$")))
    expect(entry).to_have_count(1, timeout=15_000)
    assert entry.get_attribute("href").split("?")[0] == f"{served_site.url}glossary/oleg-salyukov/"
    entry.click()
    expect(page.locator("article h1")).to_have_text("Oleg Salyukov")
    page.locator("input.md-search__input").click()
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(page.locator("input.md-search__input")).not_to_be_focused()


# --- Keyboard ---------------------------------------------------------------------------------

def test_every_tooltip_and_popup_host_in_the_text_is_reachable_by_tab(page: Page):
    open_article(page)
    hosts = page.locator(".edition-text a.edition-mention, .edition-text sup.edition-marker a, "
                         ".edition-text a.edition-cite__open")
    count = hosts.count()
    assert count > 40
    hosts.evaluate_all("(elements) => elements.forEach((element, index) => element.dataset.host = index)")
    page.evaluate("""() => {
        window.reached = new Set();
        document.addEventListener("focusin", (event) => {
            if (event.target.dataset && event.target.dataset.host) window.reached.add(event.target.dataset.host);
        });
    }""")
    page.locator("body").focus()
    for _ in range(count * 3):
        page.keyboard.press("Tab")
        if page.evaluate("(count) => window.reached.size === count", count):
            break
    reached = set(page.evaluate("() => Array.from(window.reached)"))
    missing = [hosts.nth(int(index)).evaluate("e => e.outerHTML.slice(0, 120)")
               for index in map(str, range(count)) if index not in reached]
    assert not missing, f"{len(missing)} of {count} hosts are not reached by Tab: {missing[:5]}"


# --- Without JavaScript -----------------------------------------------------------------------

def test_text_notes_glossary_and_citation_are_readable_without_javascript(browser, served_site: ServedSite):
    context = browser.new_context(base_url=served_site.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("./")
        expect(page.locator("#p1 .edition-para__text")).to_contain_text("During the Cold War epoch")
        notes = [path for path in (ROOT / "texts" / "rekindled-pak-russia-relations" / "notes").glob("*.md")
                 if not path.name.startswith("_")]
        expect(page.locator("ol.edition-notes > li.edition-note")).to_have_count(len(notes))
        expect(page.locator(f"#note-{NOTE}")).to_contain_text("Salyukov")
        link = mention(page)
        expect(link).to_be_visible()
        expect(link).to_have_attribute("title", glossary_summary(MENTION_ENTRY))
        # "Cite ¶4" is a plain link to ¶4's row of the citation table.
        cite_link(page).click()
        expect(page).to_have_url(f"{served_site.url}#cite-p4")
        row = page.locator("#cite-p4")
        expect(row).to_be_in_viewport()
        expect(row).to_contain_text("para. 4")
        expect(page.locator("#cite button.edition-copy").first).to_be_hidden()
        page.goto("./")
        link.click()
        expect(page).to_have_url(f"{served_site.url}glossary/{MENTION_ENTRY}/")
        expect(page.locator("article h1")).to_have_text("Oleg Salyukov")
    finally:
        context.close()


# --- Palette ----------------------------------------------------------------------------------

def test_palette_toggle_switches_the_scheme_and_is_remembered(page: Page):
    open_article(page)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator('label[for="__palette_1"]').click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    # The margin notes and tooltips follow the scheme: the tooltip is drawn in the page's colours.
    mention(page).focus()
    tooltip = open_tooltip(page)
    assert tooltip.locator(".edition-tooltip__inner").evaluate("e => getComputedStyle(e).backgroundColor") \
        == page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.locator('label[for="__palette_0"]').click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
