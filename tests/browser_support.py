"""What the browser tests share: where Chromium is, how it is launched, and the served site."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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
