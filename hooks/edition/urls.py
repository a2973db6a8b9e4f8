"""Where every page of the edition lives: its source path, its URL, links between pages.

One module owns the URL scheme. The docs-relative source path of each generated page is
decided here (`Urls.article_src`, `note_src`, …); the URL of a source path comes from a
`page_url` function. In a build that function is MkDocs' own (`File.url` of the generated
file, so `use_directory_urls` and everything else MkDocs decides is honoured); without MkDocs
(`make check`, unit tests) `UrlStyle` reproduces MkDocs' two styles, and
`tests/unit/test_urls.py` checks it against MkDocs' `File`.

Links inside generated HTML are not rewritten by MkDocs, so the edition computes relative
URLs itself; relative links keep the site working under any sub-path.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import Callable, NamedTuple

from .pages import KINDS, PAGE_KINDS, PageKind, Per, fill
from .settings import EditionConfig


class UrlStyle(NamedTuple):
    """MkDocs' mapping from a docs-relative source path to a page URL and an output file."""

    use_directory_urls: bool = True

    def _stem(self, src: str) -> tuple[str, bool]:
        stem = src[:-3] if src.endswith(".md") else src
        directory, _, name = stem.rpartition("/")
        is_index = name in ("index", "README")
        return (directory if is_index else stem), is_index

    def page_url(self, src: str) -> str:
        """'index.md' -> '', 'about.md' -> 'about/' (or 'about.html'), 'glossary/index.md' -> 'glossary/'."""
        stem, is_index = self._stem(src)
        if is_index:
            if self.use_directory_urls:
                return f"{stem}/" if stem else ""
            return f"{stem}/index.html" if stem else "index.html"
        return f"{stem}/" if self.use_directory_urls else f"{stem}.html"

    def dest_path(self, src: str) -> str:
        """The output file MkDocs writes for a page: two sources with one dest overwrite each other."""
        stem, is_index = self._stem(src)
        if is_index or self.use_directory_urls:
            return f"{stem}/index.html" if stem else "index.html"
        return f"{stem}.html"


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

    `to_url` may carry a fragment ('glossary/sco/#x') and may be a file ('cite/x.bib'). A page
    URL either ends in '/' (a folder) or names a file ('about.html').
    """
    path, _, fragment = to_url.partition("#")
    if path == from_url and fragment:
        return "#" + fragment
    base = from_url.rstrip("/") if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    relative = _relpath(path.rstrip("/"), base)
    if path.endswith("/") or path == "":
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{fragment}" if fragment else "")


class PlannedPage(NamedTuple):
    """A page the edition will generate, and what it is, for collision messages."""

    src: str
    what: str
    """'glossary entry glossary/x.md', 'the claims page'."""
    path: str
    """Source file to report against ('' for pages made from the configuration)."""
    line: int = 1


class Urls:
    """Source paths and URLs of every page of one edition."""

    def __init__(self, config: EditionConfig, page_url: Callable[[str], str] | None = None):
        self.config = config
        self._page_url = lru_cache(maxsize=None)(page_url or UrlStyle().page_url)

    # -- where each generated page's source goes (docs-relative), from the registry in pages.py
    def src(self, kind: PageKind | str, text_id: str = "", item_id: str = "") -> str:
        """The source path of the page of `kind` made for text `text_id` and note or entry
        `item_id` (as the kind needs: nothing for a page of the edition)."""
        kind = KINDS[kind] if isinstance(kind, str) else kind
        pattern = self.config.pages.get(kind.name, kind.path) if kind.per is Per.EDITION else kind.path
        fields = {"glossary_url": self.config.glossary_url}
        if text_id:
            text = self._text(text_id)
            fields.update(page=text.page, notes_url=text.notes_url, id=text_id)
        if item_id:
            fields["id"] = item_id
        return fill(pattern, **fields)

    def article_src(self, text_id: str) -> str:
        return self.src("article", text_id)

    def note_src(self, text_id: str, note_id: str) -> str:
        return self.src("note", text_id, note_id)

    def entry_src(self, entry_id: str) -> str:
        return self.src("entry", item_id=entry_id)

    def glossary_src(self) -> str:
        return self.src("glossary")

    def page_src(self, role: str) -> str:
        """'claims', 'timeline', 'print', 'bibliography', 'changelog': a page of the edition."""
        return self.src(role)

    def handout_path(self, text_id: str) -> str:
        only = len(self.config.texts) == 1
        return "handout.pdf" if only else f"handout-{text_id}.pdf"

    def _text(self, text_id: str):  # noqa: ANN202
        return next(text for text in self.config.texts if text.id == text_id)

    # -- URLs
    def url(self, src: str) -> str:
        """Site-relative URL of the page made from docs-relative `src` ('' for the home page:
        MkDocs calls it './')."""
        url = self._page_url(src)
        return url[2:] if url.startswith("./") else url

    def article(self, text_id: str, fragment: str = "") -> str:
        return self.url(self.article_src(text_id)) + (f"#{fragment}" if fragment else "")

    def note(self, text_id: str, note_id: str) -> str:
        return self.url(self.note_src(text_id, note_id))

    def note_in_text(self, text_id: str, note_id: str) -> str:
        return self.article(text_id, f"note-{note_id}")

    def entry(self, entry_id: str) -> str:
        return self.url(self.entry_src(entry_id))

    def glossary(self) -> str:
        return self.url(self.glossary_src())

    def page(self, role: str) -> str:
        return self.url(self.page_src(role))

    # -- the plan, for collision checks
    def planned(self, entries: dict[str, tuple[str, int]],
                notes: dict[str, dict[str, tuple[str, int]]]) -> list[PlannedPage]:
        """Every page the edition generates, one kind after another (`PAGE_KINDS`). `entries`:
        id -> (file, line of its id); `notes`: text id -> note id -> (file, line)."""
        pages = []
        for kind in PAGE_KINDS:
            if kind.made(self.config):
                pages += self._planned(kind, entries, notes)
        return pages

    def _planned(self, kind: PageKind, entries: dict[str, tuple[str, int]],
                 notes: dict[str, dict[str, tuple[str, int]]]) -> list[PlannedPage]:
        def page(text_id: str, item_id: str, path: str = "", line: int = 1) -> PlannedPage:
            return PlannedPage(self.src(kind, text_id, item_id), kind.what.format(id=item_id or text_id, path=path),
                               path, line)

        texts = [text.id for text in self.config.texts]
        if kind.per is Per.EDITION:
            return [page("", "")]
        if kind.per is Per.TEXT:
            return [page(text_id, "") for text_id in texts]
        if kind.per is Per.NOTE:
            return [page(text_id, note_id, path, line)
                    for text_id in texts for note_id, (path, line) in notes.get(text_id, {}).items()]
        if kind.per is Per.RETIRED_NOTE:
            # Before loading, the text of the covering note is not known: its address is kept free
            # in every text that has no note of that id.
            return [page(text_id, note_id) for text_id in texts
                    for note_id in self.config.retired_notes if note_id not in notes.get(text_id, {})]
        return [page("", entry_id, path, line) for entry_id, (path, line) in entries.items()]
