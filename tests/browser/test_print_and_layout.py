"""Printing from the browser, the Print page's range of paragraphs, and phone widths without sideways scrolling."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pypdf
import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from browser_support import NOTES, ServedSite, note_files, open_article, serve
from edition_testing import ROOT, copy_project, run_build

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
    # The note is near its word limit; the four words added are the test's, not the editors'.
    config = project / "edition.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("fact-check: 180", "fact-check: 400"), encoding="utf-8")
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
    expect(form.locator(".edition-print-range__status")).to_have_text("Prints ¶3–¶5, with notes.")
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


# ---------------------------------------------------------------- on paper: Chromium's own PDF, A4

ADDRESS = yaml.safe_load((ROOT / "edition.yml").read_text(encoding="utf-8"))["url"]
# Words that only the screen shows: controls, links to elsewhere, the Print page's own chooser.
SCREEN_WORDS = ("Cite ¶", "Suggest a note", "Back to the text", "Note page", "Handout (PDF)", "Fact-checks only",
                "Full references and the sources", "Print what you assign", "Print edition", "Save as PDF",
                "Type to start searching", "Skip to content", "Wide margins")


class Printed:
    """A page as Chromium prints it to PDF on A4: its pages' text and the families of its fonts."""

    def __init__(self, pdf: bytes):
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        self.pages = [" ".join(page.extract_text().split()) for page in reader.pages]
        self.text = " ".join(self.pages)
        self.fonts: set[str] = set()
        for page in reader.pages:
            for font in page["/Resources"].get("/Font", {}).values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor") or (font.get("/DescendantFonts") or [{}])[0].get_object() \
                    .get("/FontDescriptor")
                name = str(font.get("/BaseFont") or descriptor.get_object().get("/FontName"))
                self.fonts.add(re.sub(r"^/?[A-Z]{6}\+", "", name))

    def serif(self) -> bool:
        """Set in EB Garamond (the handout's face), as the body text."""
        return any(name.startswith("EBGaramond") for name in self.fonts)


def print_pdf(page: Page) -> Printed:
    return Printed(page.pdf(format="A4"))


def check_paper(printed: Printed, address: str) -> None:
    """What every printed page has: its number and the edition's address in the margin, the
    handout's face, no screen controls."""
    assert printed.serif(), f"not set in EB Garamond: {sorted(printed.fonts)}"
    assert not any(name.startswith(("Roboto", "Helvetica", "Arial", "Liberation")) for name in printed.fonts), \
        sorted(printed.fonts)
    for number, text in enumerate(printed.pages, start=1):
        assert f"page {number} of {len(printed.pages)}" in text, text[:200]
        assert address in text.replace(" ", ""), f"page {number} has no address {address}: {text[:200]}"
    shown = [words for words in SCREEN_WORDS if words in printed.text]
    assert not shown, f"screen-only words on paper: {shown}"


def test_the_article_prints_like_the_handout(page: Page):
    open_article(page)
    page.emulate_media(media="print")
    # No dotted underlines (nor any other) on paper.
    decorations = page.locator(".edition-text a").evaluate_all(
        "els => [...new Set(els.map(e => getComputedStyle(e).textDecorationLine))]")
    assert decorations == ["none"], decorations
    printed = print_pdf(page)
    assert len(printed.pages) <= 14, f"the article prints on {len(printed.pages)} A4 pages"
    check_paper(printed, ADDRESS)
    # Every paragraph with its number, every note with its number, title and verdict spelt out.
    squeezed = re.sub(r"\s+", "", printed.text)
    for number in range(1, 10):
        assert f"¶{number}" in printed.text
    notes = note_files()
    assert len(notes) > 30
    for meta in notes.values():
        assert re.sub(r"\s+", "", meta["title"]) in squeezed, meta["title"]
    for verdict in {meta["verdict"] for meta in note_files().values() if meta.get("verdict")}:
        assert f"Verdict: {verdict.capitalize()}" in printed.text, verdict
    # The notes' byline ("… · Note page") is screen furniture: no stray middle dot ends a note.
    assert not re.search(r"\s·\s*(?=\d+\s)", printed.text), "a stray '·' after a note"
    # The first page is full: the text runs on past ¶4 (no half-empty first page).
    assert "¶5" in printed.pages[0], printed.pages[0][-300:]


# (notes setting, most A4 pages for ¶3–¶5, what the document is called)
NOTES_SETTINGS = {"full": (3, "with notes"), "short": (2, "with short notes"), "none": (1, "without notes")}


@pytest.mark.parametrize("notes", list(NOTES_SETTINGS))
def test_the_print_page_prints_the_range_in_each_notes_setting(page: Page, served_site: ServedSite, notes: str):
    most, called = NOTES_SETTINGS[notes]
    page.goto("./print/")
    page.wait_for_function("() => window.document$ !== undefined")
    form = page.locator("form.edition-print-range")
    form.locator('select[name="from"]').select_option("3")
    form.locator('select[name="to"]').select_option("5")
    form.locator(f'input[name="notes"][value="{notes}"]').check()
    expected = f"{served_site.url}print/?from=3&to=5" + ("" if notes == "full" else f"&notes={notes}")
    assert page.url == expected
    title = f"Rekindled Pak-Russia Relations, ¶3–¶5, {called}"
    assert page.title() == title
    printed = print_pdf(page)
    assert len(printed.pages) <= most, f"¶3–¶5 with {notes} notes prints on {len(printed.pages)} A4 pages"
    check_paper(printed, ADDRESS.replace("https://", "") + "print/?from=3&to=5")
    assert f"¶3–¶5, {called}" in printed.pages[0]
    assert {"¶3", "¶4", "¶5"} <= set(re.findall(r"¶\d\b", printed.text))
    # The text's numbered paragraphs (before the notes, which cite other paragraphs) are ¶3–¶5.
    text = re.split(r"Notes Verdicts of the fact-checks|Glossary", printed.text)[0]
    assert sorted(re.findall(r"¶\d\b", text.replace("¶3–¶5", "").replace("(¶4)", ""))) == ["¶3", "¶4", "¶5"]
    assert "During the Cold War epoch" not in printed.text and "Both countries also believe" not in printed.text
    assert "The Russian renaissance in global political affairs" in printed.text
    squeezed = re.sub(r"\s+", "", printed.text)
    in_range = [meta for meta in note_files().values() if str(meta["target"]["paragraph"]) in "345"]
    outside = [meta for meta in note_files().values() if str(meta["target"]["paragraph"]) not in "345"]
    visit = "The visit took place on Thursday 20 November 2014, not in December."  # ¶4's finding
    body = "Dawn announced that morning"  # from the same note's body
    if notes == "none":
        assert "Notes" not in printed.text.split("Glossary")[0].split("Cite this edition")[0]
        assert not any(re.sub(r"\s+", "", meta["title"]) in squeezed for meta in in_range)
        assert visit not in printed.text
        return
    assert all(re.sub(r"\s+", "", meta["title"]) in squeezed for meta in in_range)
    assert not any(re.sub(r"\s+", "", meta["title"]) in squeezed for meta in outside)
    assert re.sub(r"\s+", "", visit) in squeezed
    assert (re.sub(r"\s+", "", body) in squeezed) is (notes == "full")
    assert ("Sources:" in printed.text) is (notes == "full")


def test_wide_margins_leave_room_for_students_notes(page: Page):
    page.goto("./print/?from=3&to=5&margins=wide")
    page.wait_for_function("() => window.document$ !== undefined")
    expect(page.get_by_label("Wide margins for your own notes")).to_be_checked()
    page.emulate_media(media="print")
    width = page.evaluate("() => document.querySelector('.md-content').getBoundingClientRect().width")
    text = page.evaluate("() => document.querySelector('#hp4').getBoundingClientRect().right")
    left = page.evaluate("() => document.querySelector('.md-content').getBoundingClientRect().left")
    # At least 5 cm (about 189 CSS px) of the page's width is left blank beside the text.
    assert left + width - text >= 189, (left, width, text)
    printed = print_pdf(page)
    check_paper(printed, ADDRESS.replace("https://", "") + "print/?from=3&to=5&margins=wide")


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
