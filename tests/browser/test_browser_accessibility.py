"""axe-core finds no WCAG 2.2 AA or best-practice violation on any page, in either colour scheme,
nor on the article page with a tooltip, a note, a citation panel or search results open."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from conftest import VIEWPORT, ServedSite

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


def start_axe(page: Page) -> None:
    """Start axe on the page without waiting, so that pages in other contexts can run meanwhile."""
    page.evaluate(Axe().axe_script)
    page.evaluate("options => { window.axeRun = axe.run(document, options); }", AXE_OPTIONS)


def finish_axe(page: Page, where: str) -> list[Violation]:
    violations = page.evaluate("() => window.axeRun.then(results => results.violations)")
    return [Violation(where, v["id"], v["impact"] or "",
                      tuple(f"{', '.join(map(str, node['target']))}: "
                            f"{' '.join(node.get('failureSummary', '').split())}" for node in v["nodes"]))
            for v in violations]


def report(violations: list[Violation]) -> str:
    return f"{len(violations)} axe violations:\n" + "\n".join(map(str, violations))


@pytest.fixture
def scheme_pages(browser: Browser, served_site: ServedSite) -> Iterator[dict[str, Page]]:
    """One page per colour scheme, each in its own context (and so its own renderer process)."""
    contexts = {scheme: browser.new_context(base_url=served_site.url, viewport=VIEWPORT, color_scheme=scheme)
                for scheme in SCHEMES}
    yield {scheme: context.new_page() for scheme, context in contexts.items()}
    for context in contexts.values():
        context.close()


def test_axe_reports_a_known_violation(scheme_pages: dict[str, Page]):
    """The harness works: axe runs with these options and its findings come back."""
    page = scheme_pages["light"]
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    start_axe(page)
    assert "image-alt" in [v.rule for v in finish_axe(page, "canary")]


def test_every_page_in_both_colour_schemes(scheme_pages: dict[str, Page], served_site: ServedSite):
    paths = served_site.pages()
    assert "" in paths and "glossary/" in paths and len(paths) > 50, paths
    violations: list[Violation] = []
    for path in paths:
        for scheme, page in scheme_pages.items():
            page.goto("./" + path)
            start_axe(page)
        for scheme, page in scheme_pages.items():
            violations += finish_axe(page, f"/{path} ({scheme})")
    assert not violations, report(violations)


# --- The article page with something open ------------------------------------------------------

def wait_for_tooltip(page: Page) -> None:
    tooltip = page.locator(".md-tooltip2.md-tooltip2--active")
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_have_css("opacity", "1")  # faded in: axe measures contrast as drawn


def mention_tooltip(page: Page) -> None:
    page.locator("#p4 a.edition-mention").first.focus()
    wait_for_tooltip(page)


def note_tooltip(page: Page) -> None:
    page.locator("#p4 sup.edition-marker a").first.focus()
    wait_for_tooltip(page)


def cite_panel(page: Page) -> None:
    cite = page.locator("#p4 details.edition-cite")
    cite.locator("summary").click()
    expect(cite.locator("button.edition-copy").first).to_be_visible()


def search_results(page: Page) -> None:
    page.locator("input.md-search__input").click()
    page.keyboard.type("Pakistan")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)


STATES: dict[str, Callable[[Page], None]] = {
    "a glossary tooltip": mention_tooltip,
    "a note tooltip": note_tooltip,
    "a citation panel": cite_panel,
    "search results": search_results,
}


@pytest.mark.parametrize("state", list(STATES))
def test_article_page_with_popup_open(scheme_pages: dict[str, Page], state: str):
    for page in scheme_pages.values():
        page.goto("./")
        page.wait_for_function("() => window.document$ !== undefined")
        STATES[state](page)
        start_axe(page)
    violations = [v for scheme, page in scheme_pages.items() for v in finish_axe(page, f"/ with {state} ({scheme})")]
    assert not violations, report(violations)

