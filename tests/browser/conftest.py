"""A freshly built site served over HTTP on 127.0.0.1, and Debian's Chromium driven by Playwright.

The site is built exactly as `make build` builds it (no SITE_URL): its citations and canonical links
name the edition's published address, and every link between its pages is relative, so it works
from whatever address it is served at.
"""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.parse
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from browser_support import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, ServedSite
from edition_testing import ROOT, run_build


# The path of the edition's published address ('/rekindled-pak-russia-relations/'): the 404 page,
# which a host serves at any missing address, links to its assets from there, as on GitHub Pages.
PUBLISHED_PATH = urllib.parse.urlsplit(
    yaml.safe_load((ROOT / "edition.yml").read_text(encoding="utf-8"))["url"]).path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site at the server's root and, like its host, at its published path."""

    def translate_path(self, path: str) -> str:
        if PUBLISHED_PATH != "/" and path.startswith(PUBLISHED_PATH):
            path = "/" + path.removeprefix(PUBLISHED_PATH)
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("served-site")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_QuietHandler, directory=str(root)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = run_build(ROOT, root)
    if result.returncode != 0:
        server.server_close()
        pytest.fail(f"strict build for the browser tests failed:\n{result.output}")
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield ServedSite(root, url)
    server.shutdown()
    server.server_close()
    thread.join()


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
