"""axe-core finds no WCAG 2.2 AA or best-practice violation: on every page in the light scheme, on
every kind of page in the dark scheme, and on the article page with a tooltip, a note, a citation
panel or search results open, in both schemes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from browser_support import VIEWPORT, ServedSite

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
        page.goto("./" + path)
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

TOOLTIP_AND_HOST = (".md-tooltip2", '[aria-describedby^="__tooltip2"], [aria-controls^="__tooltip2"]')


def wait_for_tooltip(page: Page) -> None:
    tooltip = page.locator(".md-tooltip2.md-tooltip2--active")
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_have_css("opacity", "1")  # faded in: axe measures contrast as drawn


def mention_tooltip(page: Page) -> tuple[str, ...]:
    page.locator("#p4 a.edition-mention").first.focus()
    wait_for_tooltip(page)
    return TOOLTIP_AND_HOST


def note_tooltip(page: Page) -> tuple[str, ...]:
    page.locator("#p4 sup.edition-marker a").first.focus()
    wait_for_tooltip(page)
    return TOOLTIP_AND_HOST


def cite_panel(page: Page) -> tuple[str, ...]:
    cite = page.locator("#p4 details.edition-cite")
    cite.locator("summary").click()
    expect(cite.locator("button.edition-copy").first).to_be_visible()
    return ("#p4 details.edition-cite",)


def search_results(page: Page) -> tuple[str, ...]:
    page.locator("input.md-search__input").click()
    page.keyboard.type("Pakistan Russia")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    # Results are redrawn as each typed letter's search returns; let the last one land.
    page.wait_for_timeout(500)
    return (".md-search",)


STATES: dict[str, Callable[[Page], tuple[str, ...]]] = {
    "a glossary tooltip": mention_tooltip,
    "a note tooltip": note_tooltip,
    "a citation panel": cite_panel,
    "search results": search_results,
}


def test_article_page_with_each_popup_open(scheme_pages: dict[str, Page]):
    violations = []
    for scheme, page in scheme_pages.items():
        for state, open_popup in STATES.items():
            page.goto("./")
            page.wait_for_function("() => window.document$ !== undefined")
            violations += run_axe(page, f"/ with {state} ({scheme})", open_popup(page))
            violations += run_axe(page, f"/ with {state} ({scheme})", rules=PAGE_LEVEL_RULES)
    assert not violations, report(violations)


def test_popup_check_sees_the_popup(scheme_pages: dict[str, Page]):
    """The narrowed check looks at the tooltip: an unreadable tooltip is reported."""
    page = scheme_pages["light"]
    page.goto("./")
    include = mention_tooltip(page)
    page.add_style_tag(content=".md-tooltip2__inner { color: #ddd !important; background: #fff !important; }")
    assert "color-contrast" in [v.rule for v in run_axe(page, "canary", include)]


@pytest.mark.parametrize(("open_popup", "rule"), [(mention_tooltip, "region"), (note_tooltip, "aria-dialog-name")])
def test_without_the_tooltip_fixes_axe_fails(browser: Browser, served_site: ServedSite,
                                              open_popup: Callable[[Page], tuple[str, ...]], rule: str):
    """What overrides/assets/javascripts/tooltips.js is for, and proof that the popup check can fail."""
    context = browser.new_context(base_url=served_site.url, viewport=VIEWPORT)
    try:
        context.route("**/assets/javascripts/tooltips.js", lambda route: route.abort())
        page = context.new_page()
        page.goto("./")
        page.wait_for_function("() => window.document$ !== undefined")
        include = open_popup(page)
        rules = {v.rule for v in run_axe(page, "without tooltips.js", include)
                 + run_axe(page, "without tooltips.js", rules=PAGE_LEVEL_RULES)}
        assert rule in rules, rules
    finally:
        context.close()
