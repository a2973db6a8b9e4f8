"""A second edition, made by `edition new`, in the browser: the plugin brings its scripts, styles and
theme, so its note stands beside the text on a wide screen, and with every script blocked its
note is still there, reached from its marker and leading back."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_support import serve
from edition_testing import ROOT

pytestmark = pytest.mark.browser

NOTE = "p2-battlefield"


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("new-edition") / "speech"
    made = subprocess.run([sys.executable, "-m", "edition", "new", str(folder)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    site = folder / "site"
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                           cwd=folder, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1",
                                                                            "PATH": "/usr/bin:/bin"})
    assert built.returncode == 0, built.stderr
    assert not (Path(folder) / "hooks").exists() and ROOT not in Path(folder).parents
    with serve(site) as url:
        yield url


def open_page(browser: Browser, url: str, *, scripts: bool) -> Page:
    context = browser.new_context(base_url=url, viewport={"width": 1440, "height": 900})
    page = context.new_page()
    if not scripts:
        page.route("**/*.js", lambda route: route.abort())
    loaded: list[str] = []
    page.on("response", lambda response: loaded.append(response.url) if response.ok else None)
    page.goto("./")
    page.wait_for_load_state("load")
    page.loaded = loaded  # type: ignore[attr-defined]
    return page


def test_its_scripts_and_styles_load_and_the_note_stands_beside_its_words(browser: Browser, new_site: str):
    page = open_page(browser, new_site, scripts=True)
    try:
        loaded = page.loaded  # type: ignore[attr-defined]
        for asset in ("assets/edition/edition.js", "assets/edition/edition.css", "assets/edition/tooltips.js"):
            assert any(url.endswith(asset) for url in loaded), asset
        expect(page.locator("html")).to_have_class(re.compile(r"\bedition-has-sidenotes\b"))
        note = page.locator(f"#note-{NOTE}")
        expect(note).to_be_visible()
        marker = page.locator(f"#noteref-{NOTE}")
        text = page.locator(".edition-para__text").first
        note_box, marker_box, text_box = note.bounding_box(), marker.bounding_box(), text.bounding_box()
        assert note_box and marker_box and text_box
        assert note_box["x"] > text_box["x"] + text_box["width"], "the note is in the margin, right of the text"
        assert abs(note_box["y"] - marker_box["y"]) < 120, (note_box, marker_box)
        # The glossary mention is a link to the entry of a kind the edition defined itself.
        page.get_by_role("link", name="great civil war").click()
        expect(page.locator(".edition-entry__kind")).to_have_text("Event · War")
    finally:
        page.context.close()


def test_with_every_script_blocked_the_note_is_readable_and_linked(browser: Browser, new_site: str):
    page = open_page(browser, new_site, scripts=False)
    try:
        note = page.locator(f"#note-{NOTE}")
        expect(note).to_be_visible()
        expect(note).to_contain_text("Lincoln spoke at the dedication of the National cemetery")
        page.locator(f"a[href='#note-{NOTE}']").first.click()
        assert page.url.endswith(f"#note-{NOTE}")
        note.locator(f"a[href='#noteref-{NOTE}']").first.click()
        assert page.url.endswith(f"#noteref-{NOTE}")
    finally:
        page.context.close()
