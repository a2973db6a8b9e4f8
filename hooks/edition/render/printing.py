"""The print edition: article, notes and glossary on one page, for printing from the browser."""

from __future__ import annotations

from .article import note_items, text_context
from .environment import GeneratedPage, Renderer


def print_page(renderer: Renderer) -> GeneratedPage:
    urls = renderer.urls
    src = urls.page_src("print")
    url = urls.url(src)
    texts = [{"context": text_context(renderer, text, url, cite=False, entry_href=lambda entry_id: f"#entry-{entry_id}"),
              "notes": note_items(renderer, text, url), "text": text} for text in renderer.edition.texts]
    entries = [{"entry": entry, "body": renderer.body(entry.body, url, None)}
               for entry in sorted(renderer.edition.glossary.values(), key=lambda e: e.title.lower())]
    # Everything here is also on its own page: search leads there, not into this compilation.
    return renderer.page(src, "pages/print.md", {"title": "Print edition", "edition_page": "print",
                                                  "search": {"exclude": True}}, texts=texts, entries=entries)
