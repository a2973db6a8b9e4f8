"""What the browser tests share: where Chromium is, how it is launched, and the served site."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Debian's Chromium by default; CHROMIUM_PATH points elsewhere (e.g. macOS, see the README).
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
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
