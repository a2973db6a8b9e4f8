"""The edition's browser code and styles, as the built site serves them.

The sources under `edition/browser/` are written to be read: one file a feature, each rule and
each function saying why it is there. A site gets each bundle below as one file, the sources
joined in order and (unless the plugin is told otherwise) minified with rjsmin and rcssmin.
The sources are never changed. Package data, so an edition installed from PyPI has them too.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import rcssmin
import rjsmin

BROWSER = Path(__file__).parent / "browser"
"""The sources of the browser code and styles."""

THEME = Path(__file__).parent / "theme"
"""Theme overrides (Material's templates and partials), searched after a site's own custom_dir."""

BUNDLES: dict[str, tuple[str, ...]] = {
    # core.js first: it defines window.edition, which each feature uses.
    "assets/edition/edition.js": ("core.js", "reading.js", "notes.js", "cite.js", "filters.js",
                                  "print-range.js", "suggest-start.js"),
    # Fetched by suggest-start.js when a reader first selects words in the text.
    "assets/edition/suggest.js": ("suggest.js",),
    # Loaded after Material's own bundle, by the theme's main.html.
    "assets/edition/tooltips.js": ("tooltips.js",),
    # edition.css: the text, notes, glossary, claims, timeline and tooltips; print-page.css: the
    # Print page on screen; suggest.css: suggest a note; print.css: every page on paper;
    # fixes.css last: accessibility fixes to Material's styles.
    "assets/edition/edition.css": ("edition.css", "print-page.css", "suggest.css", "print.css", "fixes.css"),
}
"""Site path of each bundle → its sources in `BROWSER`, in the order they are joined."""

STYLESHEETS = tuple(path for path in BUNDLES if path.endswith(".css"))
"""What a page links as style sheets (after the theme's own)."""

SCRIPTS = ("assets/edition/edition.js",)
"""What a page loads as scripts (after the theme's own); tooltips.js is loaded by main.html."""

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minify(text: str, suffix: str) -> str:
    """`text` of a file with `suffix` ('.js' or '.css'), minified."""
    return MINIFIERS[suffix](text)


@cache
def bundle(path: str, minified: bool = True) -> str:
    """The content of the bundle served at `path` (a key of `BUNDLES`)."""
    sources = BUNDLES[path]
    text = "\n".join((BROWSER / name).read_text(encoding="utf-8") for name in sources)
    return minify(text, Path(path).suffix) if minified else text
