"""What the browser tests share: where Chromium is, how it is launched, and the served site."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from edition_testing import ROOT

NOTES = "texts/rekindled-pak-russia-relations/notes"
"""The article's notes folder, relative to the project."""

def find_chromium() -> Path | None:
    """The browser the tests drive: CHROMIUM_PATH if set, else Debian's Chromium, else a Chromium
    that Playwright downloaded itself (where that was possible), else None."""
    if os.environ.get("CHROMIUM_PATH"):
        path = Path(os.environ["CHROMIUM_PATH"])
        return path if path.exists() else None
    if Path("/usr/bin/chromium").exists():
        return Path("/usr/bin/chromium")
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache" / "ms-playwright"))
    found = sorted(cache.glob("chromium-*/chrome-linux/chrome")) + sorted(
        cache.glob("chromium-*/chrome-mac/Chromium.app/Contents/MacOS/Chromium"))
    return found[-1] if found else None


# Debian's Chromium by default; CHROMIUM_PATH points elsewhere (e.g. macOS, see the README).
CHROMIUM = find_chromium() or Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 800}


@dataclass(frozen=True)
class ServedSite:
    """A built site and the address it is served from."""

    root: Path
    """The folder the site was built into."""
    url: str
    """The site's address, ending in '/' (also its site_url)."""

    def pages(self) -> list[str]:
        """Every built HTML page as a URL path relative to `url` ('', 'glossary/', '404.html')."""
        paths = []
        for file in sorted(self.root.rglob("*.html")):
            relative = file.relative_to(self.root).as_posix()
            paths.append(relative.removesuffix("index.html"))
        return paths


# The path of the edition's published address ('/rekindled-pak-russia-relations/'): the 404 page,
# which a host serves at any missing address, links to its assets from there, as on GitHub Pages.
PUBLISHED_PATH = urllib.parse.urlsplit(
    yaml.safe_load((ROOT / "edition.yml").read_text(encoding="utf-8"))["url"]).path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a site at the server's root and, like its host, at its published path; logs nothing."""

    def translate_path(self, path: str) -> str:
        if PUBLISHED_PATH != "/" and path.startswith(PUBLISHED_PATH):
            path = "/" + path.removeprefix(PUBLISHED_PATH)
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(root: Path, handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serves the folder `root` on 127.0.0.1 in a thread; yields its address (ending in '/')."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def front_matter(text: str) -> dict:
    """The YAML front matter of a note or glossary entry's text."""
    assert text.startswith("---\n"), text[:80]
    return yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---\n"))


def note_files() -> dict[str, dict]:
    """Each note of the article (not its template): id -> front matter."""
    return {path.stem: front_matter(path.read_text(encoding="utf-8"))
            for path in sorted((ROOT / NOTES).glob("*.md")) if not path.name.startswith("_")}


def open_article(page, address: str = "./", notes: bool = True) -> None:
    """Opens the article (or `address`) and waits until Material's bundle has run and, with `notes`,
    until edition.js has built the notes (one per idle task after load; margin notes on a wide
    screen, which can scroll the page a little)."""
    page.goto(address)
    page.wait_for_function("() => window.document$ !== undefined")
    if notes:
        page.wait_for_selector("html[data-edition-notes=ready]", state="attached")
