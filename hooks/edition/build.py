"""Everything one site build adds: generated pages, exports, directive expansion, head tags.

The MkDocs plugin (`hooks/mkdocs_scholarly_edition.py`) creates one `SiteBuild` per build, after
loading; nothing here knows MkDocs. URLs come from the `page_url` function the adapter passes
(MkDocs' own), so the edition links correctly with either `use_directory_urls` setting.
"""

from __future__ import annotations

import functools
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Callable, Iterator

from . import directives
from .citation import bibtex, csl_json, head_tags, ris
from .exports import annotation_collection, glossary_json
from .model import Edition
from .pages import PAGE_KINDS, PageKind, Per
from .problems import Problem
from .render import GeneratedPage, Renderer
from .render.handout import handout_pdf
from .urls import Urls


@cache
def renderer_of(kind: PageKind) -> Callable[..., GeneratedPage]:
    """The function that renders pages of `kind` ('notes:claims_page' is
    `edition.render.notes.claims_page`)."""
    module, _, function = kind.render.partition(":")
    return getattr(import_module(f"{__package__}.render.{module}"), function)


class SiteBuild:
    """The edition as one site: what MkDocs should add and how to fill hand-written pages."""

    def __init__(self, edition: Edition, *, canonical_url: str = "", page_url: Callable[[str], str] | None = None,
                 docs_dir: Path | None = None, override_dir: Path | None = None, repo_url: str = "",
                 edit_uri: str = ""):
        self.edition = edition
        self.urls = Urls(edition.config, page_url)
        self.canonical_url = canonical_url
        self.docs_dir = docs_dir
        self.renderer = Renderer(edition, self.urls, canonical_url=canonical_url, override_dir=override_dir,
                                 repo_url=repo_url, edit_uri=edit_uri, docs_dir=docs_dir)

    def pages(self) -> Iterator[GeneratedPage]:
        """Every generated page: one per instance of each kind in the registry (`pages.py`)."""
        for kind in PAGE_KINDS:
            if kind.made(self.edition.config):
                render = renderer_of(kind)
                for arguments in self._instances(kind.per):
                    yield render(self.renderer, *arguments)

    def _instances(self, per: Per) -> Iterator[tuple]:
        """What the renderer of a kind made `per` … is called with, after the Renderer, once per page."""
        edition = self.edition
        if per is Per.EDITION:
            yield ()
        elif per is Per.TEXT:
            yield from ((text,) for text in edition.texts)
        elif per is Per.NOTE:
            yield from ((text, note) for text in edition.texts for note in text.notes)
        elif per is Per.RETIRED_NOTE:
            for retired, covering in edition.config.retired_notes.items():
                found = edition.note(covering)
                if found and edition.note(retired) is None:
                    yield retired, found[0], found[1]
        elif per is Per.ENTRY:
            yield from ((entry,) for entry in edition.glossary.values())

    def exports(self, *, handouts: bool = True) -> Iterator[tuple[str, str | bytes]]:
        """(site path, content) of every export file; without the handout PDFs if `handouts` is
        false (`mkdocs serve` makes them after the pages, see `handouts`)."""
        base = self.canonical_url
        renderer = self.renderer
        yield "annotations.jsonld", annotation_collection(renderer, base)
        yield "glossary.json", glossary_json(renderer, base)
        yield "bibliography.json", self.edition.config.bibliography.read_text(encoding="utf-8")
        for text in self.edition.texts:
            citable = renderer.citable(text)
            stem = f"cite/{text.id}"
            yield f"{stem}.bib", bibtex(citable)
            yield f"{stem}.ris", ris(citable)
            yield f"{stem}.json", csl_json(citable)
            if handouts:
                yield self.urls.handout_path(text.id), handout_pdf(renderer, text)

    def handouts(self) -> list[tuple[str, Callable[[], bytes]]]:
        """(site path, a function that makes it) of each handout PDF: the slow part of a build
        (WeasyPrint lays out a few pages in seconds), which `mkdocs serve` does after the pages."""
        return [(self.urls.handout_path(text.id), functools.partial(handout_pdf, self.renderer, text))
                for text in self.edition.texts]

    def expand_directives(self, markdown: str, src: str) -> tuple[str, list[Problem]]:
        label = self.docs_dir.name if self.docs_dir else "docs"
        return directives.expand(markdown, src, self.renderer, self.docs_dir, label)

    def head(self, src: str) -> str:
        """Citation metadata for the head of the page made from `src` ('' for most pages)."""
        for text in self.edition.texts:
            if self.urls.article_src(text.id) == src:
                return self.renderer.render("partials/head.html", self.urls.url(src),
                                            **head_tags(self.renderer.citable(text)))
        return ""
