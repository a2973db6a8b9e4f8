"""Everything one site build adds: generated pages, exports, directive expansion, head tags."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from . import directives
from .citation import bibtex, csl_json, head_tags, ris
from .exports import annotation_collection, glossary_json
from .handouts import changelog_page, print_page, timeline_page
from .model import Edition
from .pages import (GeneratedPage, Site, article_page, claims_page, entry_page, glossary_index_page,
                    mentions_by_entry, note_page, notes_by_entry)
from .problems import Problem


class SiteBuild:
    """The edition as one site: what MkDocs should add and how to fill hand-written pages."""

    def __init__(self, edition: Edition, site_url: str, docs_dir: Path | None = None):
        self.edition = edition
        self.site = Site(edition, site_url if site_url.endswith("/") else site_url + "/")
        self.docs_dir = docs_dir

    def pages(self) -> Iterator[GeneratedPage]:
        site, edition = self.site, self.edition
        for text in edition.texts:
            yield article_page(site, text)
            for note in text.notes:
                yield note_page(site, text, note)
        mentions, discussed = mentions_by_entry(edition), notes_by_entry(edition)
        for entry in edition.glossary.values():
            yield entry_page(site, entry, mentions.get(entry.id, []), discussed.get(entry.id, []))
        yield glossary_index_page(site)
        yield claims_page(site)
        yield timeline_page(site)
        yield print_page(site)
        if edition.config.changelog.is_file():
            yield changelog_page(site, edition.config.changelog.read_text(encoding="utf-8"))

    def exports(self) -> Iterator[tuple[str, str]]:
        yield "annotations.jsonld", annotation_collection(self.site)
        yield "glossary.json", glossary_json(self.site)
        for text in self.edition.texts:
            citable = self.site.citable(text)
            stem = f"cite/{text.config.id}"
            yield f"{stem}.bib", bibtex(citable)
            yield f"{stem}.ris", ris(citable)
            yield f"{stem}.json", csl_json(citable)

    def expand_directives(self, markdown: str, src: str) -> tuple[str, list[Problem]]:
        return directives.expand(markdown, src, self.site, self.docs_dir)

    def head_tags(self, src: str) -> str:
        for text in self.edition.texts:
            if text.config.page == src:
                return head_tags(self.site.citable(text))
        return ""
