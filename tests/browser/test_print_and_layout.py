"""Printing from the browser, the Print page's range of paragraphs, and phone widths without sideways scrolling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_support import NOTES, ServedSite, note_files, open_article, serve
from edition_testing import copy_project, run_build

pytestmark = pytest.mark.browser

EXTERNAL = "https://example.org/report-on-the-visit"




def after_content(page: Page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("els => els.map(e => getComputedStyle(e, '::after').content)")


def test_printed_article_has_no_controls_and_keeps_its_notes(page: Page):
    open_article(page)
    # The "Suggest a note" button, shown on screen for a selection.
    page.evaluate("""() => { const p = document.querySelector('#p3 .edition-para__text');
        const r = document.createRange(); r.selectNodeContents(p.firstChild);
        getSelection().removeAllRanges(); getSelection().addRange(r); }""")
    expect(page.locator("button.edition-suggest")).to_be_visible()
    on_screen = {".edition-reading": 1, "a.edition-cite__open": 9, ".md-header": 1, "button.edition-suggest": 1}
    for selector, least in on_screen.items():
        visible = page.locator(selector).evaluate_all("els => els.filter(e => e.getClientRects().length).length")
        assert visible >= least, f"{selector} is not on screen in the first place"
    page.emulate_media(media="print")
    for selector in (".edition-reading", ".edition-legend", "a.edition-cite__open", ".md-header", ".md-search",
                     ".md-sidebar", ".md-footer", "button.edition-suggest", ".edition-tools", ".md-content__button"):
        shown = page.locator(selector).evaluate_all(
            "els => els.filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')"
            ".map(e => e.outerHTML.slice(0, 80))")
        if selector == ".edition-legend":
            # The legend under the Notes heading explains the printed marks; the controls' copy goes.
            assert len(shown) == 1, f"print shows {len(shown)} verdict legends: {shown}"
            continue
        assert not shown, f"print shows {selector}: {shown}"
    expect(page.locator("#p9 .edition-para__text")).to_be_visible()
    notes = page.locator("li.edition-note")
    assert notes.count() > 30
    hidden = notes.evaluate_all("els => els.filter(e => !e.getClientRects().length).map(e => e.id)")
    assert not hidden, f"notes missing from print: {hidden}"
    expect(page.locator("sup.edition-marker").first).to_be_visible()


@pytest.fixture(scope="module")
def site_with_a_web_link(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The edition with a link to a web page in the body of one note, as the template shows it."""
    project = copy_project(tmp_path_factory.mktemp("print") / "edition")
    note = project / NOTES / "p4-visit-date.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.rstrip("\n") + f"\n\nSee also [the report]({EXTERNAL}).\n", encoding="utf-8")
    site = tmp_path_factory.mktemp("print-site")
    result = run_build(project, site)
    assert result.returncode == 0, result.output
    with serve(site) as url:
        yield url


def test_web_links_in_notes_print_their_address(browser: Browser, site_with_a_web_link: str):
    context = browser.new_context(base_url=site_with_a_web_link, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        open_article(page)
        link = f'#note-p4-visit-date .edition-note__body a[href="{EXTERNAL}"]'
        expect(page.locator(link)).to_have_count(1)
        assert after_content(page, link) in (["none"], ['""'], ["normal"]), "the address shows on screen"
        page.emulate_media(media="print")
        assert after_content(page, link) == [f'" <" "{EXTERNAL}" ">"'] or \
            EXTERNAL in after_content(page, link)[0], after_content(page, link)
        # A link within the site prints as its text only; the byline's address is printed once.
        internal = "#note-p4-visit-date .edition-note__body a.edition-link--glossary"
        assert all(content in ("none", "normal") for content in after_content(page, internal))
        assert all(content in ("none", "normal") for content in after_content(page, "#byline a.edition-url"))
        # And on the note's own page.
        page.emulate_media(media="screen")
        page.goto("./notes/p4-visit-date/")
        page.emulate_media(media="print")
        assert EXTERNAL in after_content(page, f'article a[href="{EXTERNAL}"]')[0]
        # Its sources print their address as their link text, once.
        assert all(content in ("none", "normal")
                   for content in after_content(page, "article .edition-source a[href^='http']"))
    finally:
        context.close()


def notes_by_paragraph() -> dict[str, str]:
    return {note_id: str(meta["target"]["paragraph"]) for note_id, meta in note_files().items()}


def test_print_page_range_prints_only_those_paragraphs_and_their_notes(page: Page, served_site: ServedSite):
    page.goto("./print/")
    page.wait_for_function("() => window.document$ !== undefined")
    form = page.locator("form.edition-print-range")
    expect(form).to_be_visible()
    form.locator('select[name="from"]').select_option("3")
    form.locator('select[name="to"]').select_option("5")
    expect(form.locator(".edition-print-range__status")).to_have_text("¶3–¶5 and its notes.")
    assert page.url == f"{served_site.url}print/?from=3&to=5"
    expected_notes = sorted(f"hn-{note}" for note, paragraph in notes_by_paragraph().items() if paragraph in "345")
    assert expected_notes, "no notes on ¶3–5: the test proves nothing"

    def printed(media_page: Page) -> tuple[list[str], list[str]]:
        paragraphs = media_page.locator(".handout .handout-para").evaluate_all(
            "els => els.filter(e => e.getClientRects().length).map(e => e.dataset.paragraph)")
        notes = media_page.locator(".handout li.handout-note").evaluate_all(
            "els => els.filter(e => e.getClientRects().length).map(e => e.id)")
        return paragraphs, sorted(notes)

    page.emulate_media(media="print")
    assert printed(page) == (["3", "4", "5"], expected_notes)
    for selector in (".handout-byline", ".handout-author-note", "form.edition-print-range", ".md-header"):
        expect(page.locator(selector).first).to_be_hidden()
    glossary = page.locator(".handout-glossary__item").evaluate_all(
        "els => els.filter(e => e.getClientRects().length).map(e => e.dataset.paragraphs.split(' '))")
    assert glossary and all(set(paragraphs) & {"3", "4", "5"} for paragraphs in glossary)
    # The address keeps the range: opened again, it prints the same.
    page.emulate_media(media="screen")
    page.reload()
    page.wait_for_function("() => window.document$ !== undefined")
    expect(form.locator('select[name="from"]')).to_have_value("3")
    page.emulate_media(media="print")
    assert printed(page) == (["3", "4", "5"], expected_notes)


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_on_a_phone(browser: Browser, served_site: ServedSite, width: int):
    context = browser.new_context(base_url=served_site.url, viewport={"width": width, "height": 844},
                                  is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        offenders = []
        pages = served_site.pages()
        assert len(pages) > 50
        for path in pages:
            page.goto("./" + path, wait_until="load")
            page.wait_for_function("() => window.document$ !== undefined")
            if path == "":
                page.wait_for_function("() => document.documentElement.dataset.editionNotes === 'ready'")
            widths = page.evaluate("""() => {
                const root = document.documentElement;
                const widest = Array.from(document.querySelectorAll('body *'))
                    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
                    .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
                    .slice(0, 2).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'));
                return {scroll: root.scrollWidth, client: root.clientWidth, widest};
            }""")
            if widths["scroll"] > widths["client"] + 1:
                offenders.append(f"{path or './'}: {widths['scroll']} > {widths['client']} ({widths['widest']})")
        assert not offenders, f"pages that scroll sideways at {width} px:\n" + "\n".join(offenders)
    finally:
        context.close()
