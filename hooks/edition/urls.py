"""Page URLs as MkDocs makes them with `use_directory_urls: true`, and relative links between them.

Links inside generated raw HTML are not rewritten by MkDocs, so the edition computes
relative URLs itself; relative links keep the site working under any sub-path.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache


def page_url(src: str) -> str:
    """'index.md' -> '', 'about.md' -> 'about/', 'glossary/index.md' -> 'glossary/'."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@lru_cache(maxsize=65536)  # pages link the same targets over and over; relpath is slow
def relative_url(from_url: str, to_url: str) -> str:
    """Relative link from page URL `from_url` to URL `to_url` (both site-relative).

    `to_url` may carry a fragment ('glossary/sco/#x') and may be a file ('cite/x.bib').
    """
    path, _, fragment = to_url.partition("#")
    base = posixpath.dirname(from_url.rstrip("/")) if not from_url.endswith("/") else from_url.rstrip("/")
    if path == from_url and fragment:
        return "#" + fragment
    target = path.rstrip("/")
    relative = posixpath.relpath(target or ".", base or ".")
    if path.endswith("/") or path == "":
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{fragment}" if fragment else "")
