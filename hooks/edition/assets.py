"""The edition's own scripts and styles, minified in the built site.

The files under docs/assets/ and overrides/assets/ are written to be read (each rule and each
function says why it is there); readers' browsers need none of that. After a build, every
script and style sheet in the site that is not already minified (Material's files are named
`*.min.js`, `*.min.css`) is replaced *in the site folder* by its minified form, made by rjsmin
and rcssmin. Sources are never touched.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minify(text: str, suffix: str) -> str:
    """`text` of a file with `suffix` ('.js' or '.css'), minified."""
    return MINIFIERS[suffix](text)


def unminified(site_dir: Path) -> list[Path]:
    """The scripts and style sheets in a built site that are not minified yet."""
    return sorted(path for path in site_dir.rglob("*") if path.suffix in MINIFIERS and path.is_file()
                  and not path.name.endswith((".min.js", ".min.css")) and not path.is_symlink())


def minify_site(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Minify the site's own scripts and styles in place; size before and after, by path."""
    sizes = {}
    for path in unminified(site_dir):
        text = path.read_text(encoding="utf-8")
        small = minify(text, path.suffix)
        path.write_text(small, encoding="utf-8")
        sizes[path.relative_to(site_dir).as_posix()] = (len(text.encode()), len(small.encode()))
    return sizes
