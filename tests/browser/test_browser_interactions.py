"""The article page in a real browser: tooltips, notes, paragraph links, citations, search, keyboard, no JS."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import BrowserContext, Locator, Page, expect

from browser_support import ServedSite
from edition_testing import ROOT

pytestmark = pytest.mark.browser

MENTION_ENTRY = "oleg-salyukov"
NOTE = "p4-salyukov-title"


def front_matter(path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("\n---", 2)[0].removeprefix("---\n"))


def glossary_summary(entry: str) -> str:
    return " ".join(front_matter(ROOT / "glossary" / f"{entry}.md")["summary"].split())


def open_article(page: Page, fragment: str = "") -> None:
    page.goto("./" + fragment)
    # Material mounts its components (tooltips among them) once its bundle has run.
    page.wait_for_function("() => window.document$ !== undefined")


def open_tooltip(page: Page) -> Locator:
    """The one tooltip Material shows, once it has faded in."""
    tooltip = page.locator(".md-tooltip2.md-tooltip2--active")
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
    page.mouse.move(0, 0)
    expect(page.locator(".md-tooltip2")).to_have_count(0)


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

def marker(page: Page) -> Locator:
    return page.locator(f"sup.edition-marker#noteref-{NOTE} a.footnote-ref")


def note_text(page: Page) -> str:
    return words(page.locator(f"#note-{NOTE}").inner_text())


def test_note_marker_shows_the_note_on_hover_and_highlights_its_words(page: Page):
    open_article(page)
    quoted = page.locator(f'.edition-quote[data-note="{NOTE}"]')
    assert quoted.count() >= 1
    marker(page).hover()
    tooltip = open_tooltip(page)
    assert tooltip.get_attribute("role") == "dialog"
    expect(tooltip).to_have_attribute("aria-label", marker(page).get_attribute("aria-label"))
    assert words(tooltip.inner_text()) == note_text(page)
    for index in range(quoted.count()):
        expect(quoted.nth(index)).to_have_class(re.compile(r"\bis-active\b"))
    page.mouse.move(0, 0)
    for index in range(quoted.count()):
        expect(quoted.nth(index)).not_to_have_class(re.compile(r"\bis-active\b"))
    expect(page.locator(".md-tooltip2")).to_have_count(0)


def test_note_marker_shows_the_note_on_focus_and_escape_dismisses_it(page: Page):
    open_article(page)
    marker(page).focus()
    tooltip = open_tooltip(page)
    assert words(tooltip.inner_text()) == note_text(page)
    expect(page.locator(f'.edition-quote[data-note="{NOTE}"]').first).to_have_class(re.compile(r"\bis-active\b"))
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    expect(marker(page)).to_be_focused()


def in_viewport_near_top(page: Page, selector: str) -> float:
    """The element's distance from the top of the viewport; asserts it is in the top third."""
    top = page.locator(selector).evaluate("element => element.getBoundingClientRect().top")
    height = page.viewport_size["height"]
    assert 0 <= top <= height / 3, f"{selector} is {top:.0f}px from the top of a {height}px viewport"
    return top


def test_marker_jumps_to_the_note_and_back_to_the_text(page: Page, served_site: ServedSite):
    open_article(page)
    marker(page).click()
    expect(page).to_have_url(f"{served_site.url}#note-{NOTE}")
    in_viewport_near_top(page, f"#note-{NOTE}")
    expect(page.locator(f'.edition-quote[data-note="{NOTE}"]').first).to_have_class(re.compile(r"\bis-target\b"))
    page.mouse.move(0, 0)
    page.locator(f"#note-{NOTE} a.edition-note__back").click()
    expect(page).to_have_url(f"{served_site.url}#noteref-{NOTE}")
    top = page.locator(f"#noteref-{NOTE}").evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top <= page.viewport_size["height"], f"the marker is off screen ({top:.0f}px) after going back"


# --- Paragraph links and citations -----------------------------------------------------------

def test_paragraph_url_lands_on_the_paragraph(page: Page):
    open_article(page, "#p4")
    top = in_viewport_near_top(page, "#p4")
    header = page.locator(".md-header").evaluate("element => element.getBoundingClientRect().bottom")
    assert top >= header - 1, f"¶4 ({top:.0f}px) is hidden under the header (bottom {header:.0f}px)"
    assert page.locator("#p4 .edition-para__text").evaluate("e => getComputedStyle(e).backgroundColor") \
        != "rgba(0, 0, 0, 0)", "the target paragraph is not highlighted"


def expected_chicago(site_url: str, paragraph: int) -> str:
    config = yaml.safe_load((ROOT / "edition.yml").read_text(encoding="utf-8"))
    return (f"Masood, Yasir. “Rekindled Pak-Russia Relations.” The Express Tribune (Karachi), "
            f"August 9, 2016, ¶{paragraph}. In {config['title']}, version {config['version']}. "
            f"{site_url}#p{paragraph}.")


def test_copy_chicago_puts_the_paragraph_citation_on_the_clipboard(page: Page, context: BrowserContext,
                                                                   served_site: ServedSite):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.url.rstrip("/"))
    open_article(page)
    cite = page.locator("#p4 details.edition-cite")
    copy = cite.locator("button.edition-copy", has_text="Copy Chicago")
    cite.locator("summary", has_text="Cite ¶4").click()
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
    assert copied == expected_chicago(served_site.url, 4)
    shown = cite.locator(".edition-cite__row", has_text="Chicago").locator(".edition-cite__text")
    assert words(shown.inner_text()) == copied, "the copied citation differs from the one shown"
    expect(copy).to_have_text("Copy Chicago", timeout=5000)


def test_escape_closes_the_cite_panel_and_returns_focus(page: Page):
    open_article(page)
    cite = page.locator("#p4 details.edition-cite")
    summary = cite.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(cite).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('details.edition-cite') !== null"), \
        "Tab after opening the panel does not move into it"
    page.keyboard.press("Escape")
    expect(cite).not_to_have_attribute("open", "")
    expect(summary).to_be_focused()


# --- Search -----------------------------------------------------------------------------------

def test_search_for_a_surname_finds_the_glossary_entry(page: Page, served_site: ServedSite):
    open_article(page)
    page.locator("input.md-search__input").click()
    page.keyboard.type("Salyukov")
    entry = page.locator(".md-search-result__item > a.md-search-result__link",
                         has=page.locator("h1", has_text="Oleg Salyukov"))
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
                         ".edition-text details.edition-cite > summary")
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
        cite = page.locator("#p4 details.edition-cite")
        chicago = cite.locator(".edition-cite__row", has_text="Chicago").locator(".edition-cite__text")
        expect(chicago).to_be_hidden()
        cite.locator("summary").click()
        expect(chicago).to_be_visible()
        assert words(chicago.inner_text()) == expected_chicago(served_site.url, 4)
        expect(cite.locator("button.edition-copy").first).to_be_hidden()
        link.click()
        expect(page).to_have_url(f"{served_site.url}glossary/{MENTION_ENTRY}/")
        expect(page.locator("article h1")).to_have_text("Oleg Salyukov")
    finally:
        context.close()
