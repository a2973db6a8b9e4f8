"""A freshly built site served over HTTP on 127.0.0.1, and Debian's Chromium driven by Playwright.

The site is built exactly as `make build` builds it (no SITE_URL): its citations and canonical links
name the edition's published address, and every link between its pages is relative, so it works
from whatever address it is served at.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from browser_support import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, ServedSite, serve
from edition_testing import ROOT, run_build


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("served-site")
    result = run_build(ROOT, root)
    if result.returncode != 0:
        pytest.fail(f"strict build for the browser tests failed:\n{result.output}")
    with serve(root) as url:
        yield ServedSite(root, url)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing; the browser tests drive Debian's Chromium. Install it with "
                    "`sudo apt-get install chromium` (Debian/Ubuntu), or run `.ci/run`, which installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser, served_site: ServedSite) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=served_site.url, viewport=VIEWPORT)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A fresh page; the test fails if the page throws an uncaught JavaScript error."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"JavaScript errors on {page.url}: {errors}"
