"""axe-core finds no WCAG 2.2 AA or best-practice violation: on every page in the light scheme, on
every kind of page in the dark scheme (margin notes shown, at 1280 px), on the article at each
width and reading mode, and on the article page with a tooltip, a note opened in place (on a
phone, its summary and the whole note), a margin note followed from its marker, a glossary entry
in a sheet, the verdict marks, the citation panel or search results open, in both schemes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from browser_support import VIEWPORT, ServedSite, open_article

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Violation:
    """One axe rule broken by one or more elements of one page."""

    where: str
    """The page (and state) checked."""
    rule: str
    """The axe rule id, e.g. 'color-contrast'."""
    impact: str
    """axe's impact: minor, moderate, serious or critical."""
    elements: tuple[str, ...]
    """Each offending element's selector and axe's summary of what to fix."""

    def __str__(self) -> str:
        return f"{self.where}: {self.rule} ({self.impact})\n" + "\n".join(f"    {e}" for e in self.elements)


def run_axe(page: Page, where: str, include: tuple[str, ...] = (), rules: tuple[str, ...] = ()) -> list[Violation]:
    """axe's violations on the page as it is now.

    `include`: check only the elements these selectors match (axe then skips its page-level rules,
    such as region); `rules`: run only these rules instead of AXE_OPTIONS' tags.
    """
    # axe misjudges what the browser has not rendered yet (content-visibility: auto, as the
    # endnotes have; dequelabs/axe-core#2768): everything is rendered first, as for a reader who
    # has scrolled through the page.
    page.add_style_tag(content="* { content-visibility: visible !important; }")
    page.evaluate(Axe().axe_script)
    context = {"include": [[selector] for selector in include]} if include else None
    options = AXE_OPTIONS | {"runOnly": {"type": "rule", "values": list(rules)}} if rules else AXE_OPTIONS
    violations = page.evaluate("([context, options]) => axe.run(context || document, options)"
                               ".then(results => results.violations)", [context, options])
    return [Violation(where, v["id"], v["impact"] or "",
                      tuple(f"{', '.join(map(str, node['target']))}: "
                            f"{' '.join(node.get('failureSummary', '').split())}" for node in v["nodes"]))
            for v in violations]


def check_pages(page: Page, paths: list[str], scheme: str) -> list[Violation]:
    violations: list[Violation] = []
    for path in paths:
        open_article(page, "./" + path)
        violations += run_axe(page, f"/{path} ({scheme})")
    return violations


def report(violations: list[Violation]) -> str:
    return f"{len(violations)} axe violations:\n" + "\n".join(map(str, violations))


def dark_scheme_sample(paths: list[str], sizes: dict[str, int], per_collection: int = 3) -> list[str]:
    """Every page, except that of a folder of many pages (folder/name/) only the largest few.

    The pages of such a collection (glossary entries, note pages) come from one template, so in the
    dark scheme its largest members show every colour the others do; the article and print pages
    carry every note's markup. axe takes about 0.6 s a page on two cores: checking all of them
    twice would double the longest test for no colour not already checked.
    """
    collections: dict[str, list[str]] = {}
    for path in paths:
        parts = path.split("/")
        if len(parts) == 3 and parts[2] == "":
            collections.setdefault(parts[0], []).append(path)
    sampled = {folder: members for folder, members in collections.items() if len(members) > per_collection}
    skipped = {path for members in sampled.values() for path in members}
    return [path for path in paths if path not in skipped] + [
        path for members in sampled.values()
        for path in sorted(members, key=lambda member: (-sizes[member], member))[:per_collection]]


@pytest.mark.parametrize(("paths", "expected"), [
    (["", "about/", "glossary/", "glossary/a/", "glossary/b/", "404.html"],
     ["", "about/", "glossary/", "glossary/a/", "glossary/b/", "404.html"]),
    (["", "glossary/", "glossary/a/", "glossary/b/", "glossary/c/", "glossary/d/", "notes/x/"],
     ["", "glossary/", "notes/x/", "glossary/a/", "glossary/c/", "glossary/d/"]),
])
def test_dark_scheme_sample(paths: list[str], expected: list[str]):
    sizes = {path: len(path) for path in paths} | {"glossary/a/": 50, "glossary/b/": 5}
    assert dark_scheme_sample(paths, sizes) == expected


@pytest.fixture
def scheme_pages(browser: Browser, served_site: ServedSite) -> Iterator[dict[str, Page]]:
    """A page in each colour scheme (Material follows prefers-color-scheme)."""
    contexts = {scheme: browser.new_context(base_url=served_site.url, viewport=VIEWPORT, color_scheme=scheme)
                for scheme in SCHEMES}
    yield {scheme: context.new_page() for scheme, context in contexts.items()}
    for context in contexts.values():
        context.close()


def test_axe_reports_a_known_violation(scheme_pages: dict[str, Page]):
    """The harness works: axe runs with these options and its findings come back."""
    page = scheme_pages["light"]
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    assert "image-alt" in [v.rule for v in run_axe(page, "canary")]


def test_dark_scheme_is_applied(scheme_pages: dict[str, Page]):
    for scheme, expected in (("light", "default"), ("dark", "slate")):
        page = scheme_pages[scheme]
        page.goto("./")
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected


def test_every_page_in_the_light_scheme(scheme_pages: dict[str, Page], served_site: ServedSite):
    paths = served_site.pages()
    assert "" in paths and "glossary/" in paths and len(paths) > 50, paths
    violations = check_pages(scheme_pages["light"], paths, "light")
    assert not violations, report(violations)


def test_every_kind_of_page_in_the_dark_scheme(scheme_pages: dict[str, Page], served_site: ServedSite):
    paths = served_site.pages()
    sizes = {path: (served_site.root / (path + "index.html" if path.endswith("/") or not path else path))
             .stat().st_size for path in paths}
    sample = dark_scheme_sample(paths, sizes)
    assert {"", "glossary/"} <= set(sample) and any(path.startswith("notes/") for path in sample), sample
    violations = check_pages(scheme_pages["dark"], sample, "dark")
    assert not violations, report(violations)


# --- The article page with something open ------------------------------------------------------
# Each popup is checked with its host, which is quick; the rest of the page is as in the tests
# above, except for where the popup sits among the landmarks, which axe's page-level rule checks.
PAGE_LEVEL_RULES = ("region",)

TOOLTIP_AND_HOST = ("#edition-tooltip", '[aria-describedby="edition-tooltip"]')
PHONE = {"width": 390, "height": 844}


def wait_for_tooltip(page: Page) -> None:
    tooltip = page.locator("#edition-tooltip.edition-tooltip--active")
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_have_css("opacity", "1")  # faded in: axe measures contrast as drawn




def mention_tooltip(page: Page) -> tuple[str, ...]:
    page.locator("#p4 a.edition-mention").first.focus()
    wait_for_tooltip(page)
    return TOOLTIP_AND_HOST


def note_in_place(page: Page) -> tuple[str, ...]:
    """On a phone a marker opens its note over the text."""
    page.set_viewport_size(PHONE)
    page.locator("#p4 sup.edition-marker a").first.click()
    expect(page.locator("#edition-note-popover")).to_be_visible()
    return ("#edition-note-popover", "#p4 sup.edition-marker")


def cite_panel(page: Page) -> tuple[str, ...]:
    page.locator("#p4 a.edition-cite__open").click()
    expect(page.locator("#cite-p4")).to_be_visible()
    return ("#cite",)


def search_results(page: Page) -> tuple[str, ...]:
    page.locator("input.md-search__input").click()
    page.keyboard.type("Pakistan Russia")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    # Results are redrawn as each typed letter's search returns; let the last one land.
    page.wait_for_timeout(500)
    return (".md-search",)


def margin_note_followed(page: Page) -> tuple[str, ...]:
    """On a wide screen a marker expands its note beside it."""
    page.locator("#noteref-p4-visit-date a").click()
    expect(page.locator("#note-p4-visit-date .edition-note__body")).to_be_visible()
    return ("#p4 + .edition-sidenotes", "#p4 sup.edition-marker")


def whole_note_in_the_sheet(page: Page) -> tuple[str, ...]:
    """On a phone, the sheet's "Read the whole note"."""
    note_in_place(page)
    page.get_by_role("button", name="Read the whole note").click()
    expect(page.locator("#edition-note-popover .edition-note__body")).to_be_visible()
    return ("#edition-note-popover",)


def entry_sheet(page: Page) -> tuple[str, ...]:
    """On a phone, a tap on a glossary mention opens the entry's summary in a sheet."""
    page.set_viewport_size(PHONE)
    mention = page.locator("#p4 a.edition-mention").first
    mention.evaluate("e => e.dispatchEvent(new PointerEvent('pointerdown', {pointerType: 'touch', bubbles: true}))")
    mention.dispatch_event("click")
    expect(page.locator("#edition-entry-sheet")).to_be_visible()
    return ("#edition-entry-sheet", "#p4 a.edition-mention")


def verdict_legend(page: Page) -> tuple[str, ...]:
    page.get_by_text("Verdict marks").click()
    expect(page.locator(".edition-reading .edition-legend")).to_be_visible()
    return (".edition-reading",)


STATES: dict[str, Callable[[Page], tuple[str, ...]]] = {
    "a glossary tooltip": mention_tooltip,
    "a note opened in place": note_in_place,
    "a margin note followed from its marker": margin_note_followed,
    "a whole note in the sheet": whole_note_in_the_sheet,
    "a glossary entry in a sheet": entry_sheet,
    "the verdict marks": verdict_legend,
    "a citation panel": cite_panel,
    "search results": search_results,
}


def test_article_page_with_each_popup_open(scheme_pages: dict[str, Page]):
    violations = []
    for scheme, page in scheme_pages.items():
        for state, open_popup in STATES.items():
            page.set_viewport_size(VIEWPORT)
            open_article(page)
            violations += run_axe(page, f"/ with {state} ({scheme})", open_popup(page))
            violations += run_axe(page, f"/ with {state} ({scheme})", rules=PAGE_LEVEL_RULES)
    assert not violations, report(violations)


def test_tooltip_is_drawn_in_the_page_colours(scheme_pages: dict[str, Page]):
    """axe cannot judge the tooltip's contrast (it overlaps the text, so axe reports its background as
    undetermined, not as a violation): the tooltip is drawn in the page's own text and background
    colours, whose contrast the whole-page checks above do judge."""
    for scheme, page in scheme_pages.items():
        open_article(page)
        mention_tooltip(page)
        tooltip, body = page.evaluate("""() => {
            const style = (element) => { const s = getComputedStyle(element); return [s.color, s.backgroundColor]; };
            return [style(document.querySelector('#edition-tooltip .edition-tooltip__inner')),
                    style(document.querySelector('.md-main'))
                        .map((value, index) => index ? getComputedStyle(document.body).backgroundColor : value)];
        }""")
        assert tooltip == body, (scheme, tooltip, body)


@pytest.mark.parametrize("open_popup", [note_in_place, cite_panel], ids=lambda f: f.__name__)
def test_popup_check_sees_the_popup(scheme_pages: dict[str, Page], open_popup: Callable[[Page], tuple[str, ...]]):
    """The narrowed check looks at the popup itself: an unreadable popup is reported."""
    page = scheme_pages["light"]
    page.set_viewport_size(VIEWPORT)
    open_article(page)
    include = open_popup(page)
    page.add_style_tag(content="#edition-tooltip *, #edition-note-popover *, #cite * "
                               "{ color: #ddd !important; background: #fff !important; }")
    assert "color-contrast" in [v.rule for v in run_axe(page, "canary", include)]


@pytest.mark.parametrize(("width", "mode"), [(1440, "all"), (1920, "fact-checks"), (1024, "clean"), (390, "all"),
                                             (320, "fact-checks"), (1440, "clean")])
def test_the_article_at_each_width_and_reading_mode(scheme_pages: dict[str, Page], width: int, mode: str):
    """The whole article, as laid out at each width (margin notes, endnotes, phone) and in each
    reading mode, in both schemes."""
    violations = []
    for scheme, page in scheme_pages.items():
        page.set_viewport_size({"width": width, "height": 900 if width > 500 else 700})
        page.goto("./")
        page.evaluate(f"localStorage.setItem('edition.reading', '{mode}')")
        open_article(page)
        assert page.locator("html").get_attribute("data-edition-reading") == mode
        violations += run_axe(page, f"/ at {width} px, {mode} ({scheme})")
    assert not violations, report(violations)
