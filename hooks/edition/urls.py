"""Page URLs as MkDocs makes them with `use_directory_urls: true`, and relative links between them.

Links inside generated raw HTML are not rewritten by MkDocs, so the edition computes
relative URLs itself; relative links keep the site working under any sub-path.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache


@lru_cache(maxsize=65536)
def page_url(src: str) -> str:
    """'index.md' -> '', 'about.md' -> 'about/', 'glossary/index.md' -> 'glossary/'."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _relpath(target: str, base: str) -> str:
    """`posixpath.relpath` for site-relative paths, without its trip through the file system."""
    to_parts = [part for part in target.split("/") if part and part != "."]
    from_parts = [part for part in base.split("/") if part and part != "."]
    common = 0
    while common < min(len(to_parts), len(from_parts)) and to_parts[common] == from_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."


def relative_url(from_url: str, to_url: str) -> str:
    """Relative link from page URL `from_url` to URL `to_url` (both site-relative).

    `to_url` may carry a fragment ('glossary/sco/#x') and may be a file ('cite/x.bib').
    """
    path, _, fragment = to_url.partition("#")
    base = posixpath.dirname(from_url.rstrip("/")) if not from_url.endswith("/") else from_url.rstrip("/")
    if path == from_url and fragment:
        return "#" + fragment
    relative = _relpath(path.rstrip("/"), base)
    if path.endswith("/") or path == "":
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{fragment}" if fragment else "")
