"""The Bibliography page: every source once, in the house style, with what cites it."""

from __future__ import annotations

from ..model import GlossaryEntry
from .environment import GeneratedPage, Renderer


def bibliography_page(renderer: Renderer) -> GeneratedPage:
    edition, urls = renderer.edition, renderer.urls
    items = []
    for key in renderer.citations.sources_in_order():
        citing = []
        for owner in edition.citations_by_key.get(key, ()):
            if isinstance(owner, GlossaryEntry):
                citing.append({"href": urls.entry(owner.id), "label": owner.title, "kind": "Glossary"})
            else:
                citing.append({"href": urls.note(owner.text_id, owner.id), "label": owner.title, "kind": "Note"})
        items.append({"key": key, "entry": renderer.citations.source(key), "citing": citing})
    return renderer.page(urls.page_src("bibliography"), "pages/bibliography.md",
                         {"title": "Bibliography", "edition_page": "bibliography", "search": {"exclude": True}},
                         items=items)
