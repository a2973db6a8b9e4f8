"""Everything one site build adds: generated pages, exports, directive expansion, head tags.

The MkDocs adapter (`hooks/edition_hooks.py`) creates one `SiteBuild` per build, after
loading; nothing here knows MkDocs. URLs come from the `page_url` function the adapter passes
(MkDocs' own), so the edition links correctly with either `use_directory_urls` setting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from . import directives
from .citation import bibtex, csl_json, head_tags, ris
from .exports import annotation_collection, glossary_json
from .model import Edition
from .problems import Problem
from .render import GeneratedPage, Renderer
from .render.article import article_page
from .render.bibliography import bibliography_page
from .render.changelog import changelog_page
from .render.glossary import entry_page, glossary_index_page
from .render.notes import claims_page, note_page, retired_note_page
from .render.handout import handout_pdf, print_page
from .render.timeline import timeline_page
from .urls import Urls


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

    def page_sources(self) -> list[str]:
        """Docs-relative paths of every generated page, before any is rendered."""
        return [page.src for page in self.urls.planned(
            {entry_id: ("", 1) for entry_id in self.edition.glossary},
            {text.id: {note.id: ("", 1) for note in text.notes} for text in self.edition.texts})]

    def pages(self) -> Iterator[GeneratedPage]:
        renderer, edition = self.renderer, self.edition
        for text in edition.texts:
            yield article_page(renderer, text)
            for note in text.notes:
                yield note_page(renderer, text, note)
        for retired, covering in edition.config.retired_notes.items():
            found = edition.note(covering)
            if found and edition.note(retired) is None:
                yield retired_note_page(renderer, retired, found[0], found[1])
        for entry in edition.glossary.values():
            yield entry_page(renderer, entry)
        yield glossary_index_page(renderer)
        yield claims_page(renderer)
        yield timeline_page(renderer)
        yield print_page(renderer)
        yield bibliography_page(renderer)
        if edition.config.changelog_text:
            yield changelog_page(renderer)

    def exports(self) -> Iterator[tuple[str, str | bytes]]:
        """(site path, content) of every export file."""
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
            yield self.urls.handout_path(text.id), handout_pdf(renderer, text)

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
