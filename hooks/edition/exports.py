"""Machine-readable exports: the notes as a W3C Web Annotation collection, the glossary as JSON.

Every string these exports carry is plain text by construction: it comes from a field the
check proved free of markup, and `plain` refuses anything a browser would parse as HTML (a
consumer that inserts a summary with innerHTML gets text). The one deliberate exception is
each annotation's rendered body, declared `"format": "text/html"` and sanitised.
"""

from __future__ import annotations

import json
from typing import Any

from .hygiene import markup_in
from .model import Note, TextEdition
from .render import Renderer
from .vocabulary import NOTE_TYPES

CONTEXT_CHARS = 32
"""Characters of context given as the TextQuoteSelector's prefix and suffix."""


class MarkupInExport(ValueError):
    """A string headed for an export contains markup (the check should have stopped it)."""


def plain(value: str) -> str:
    """`value`, guaranteed free of HTML markup, for a JSON export."""
    found = markup_in(value)
    if found:
        raise MarkupInExport(f"markup in an exported string: {found!r} in {value[:60]!r}")
    return value


def _selector(text: TextEdition, note: Note) -> dict[str, str]:
    block = text.block_of(note.span)
    return {"type": "TextQuoteSelector", "exact": plain(block.text[note.span.start:note.span.end]),
            "prefix": plain(block.text[max(0, note.span.start - CONTEXT_CHARS):note.span.start]),
            "suffix": plain(block.text[note.span.end:note.span.end + CONTEXT_CHARS])}


def annotation(renderer: Renderer, text: TextEdition, note: Note, site_url: str) -> dict[str, Any]:
    """One note as a W3C Web Annotation."""
    urls = renderer.urls
    motivation = NOTE_TYPES[note.type].motivation
    bodies: list[dict[str, Any]] = [{
        "type": "TextualBody", "purpose": motivation, "format": "text/html", "language": "en",
        "value": str(renderer.body(note.body, urls.note(text.id, note.id), text)),
    }]
    bodies.append({"type": "TextualBody", "purpose": "classifying", "value": note.type})
    if note.verdict:
        bodies.append({"type": "TextualBody", "purpose": "tagging", "value": f"verdict:{note.verdict}"})
    # A cited source is a linking body; with a purpose it must be a SpecificResource (model 3.3.5).
    for citation in note.sources:
        reference = renderer.edition.bibliography.get(citation.key)
        if reference is None or not reference.valid or not reference.url:
            continue
        bodies.append({"type": "SpecificResource", "purpose": "linking",
                       "source": {"id": plain(reference.url), "type": "Text", "title": plain(reference.title)}})
    creators = []
    for author in note.authors:
        agent: dict[str, Any] = {"type": "Person", "name": plain(author.name)}
        if author.orcid:
            agent["id"] = f"https://orcid.org/{author.orcid}"
        elif author.url:
            agent["homepage"] = plain(author.url)
        creators.append(agent)
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": site_url + urls.note(text.id, note.id),
        "type": "Annotation",
        "motivation": motivation,
        "created": f"{note.date}T00:00:00Z",
        "creator": creators if len(creators) > 1 else creators[0],
        "body": bodies,
        "target": {"source": site_url + urls.article(text.id), "selector": _selector(text, note)},
    }


def annotation_collection(renderer: Renderer, site_url: str) -> str:
    """All notes as one AnnotationCollection with a single embedded AnnotationPage."""
    items = [annotation(renderer, text, note, site_url) for text in renderer.edition.texts for note in text.notes]
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": site_url + "annotations.jsonld",
        "type": "AnnotationCollection",
        "label": plain(f"Notes of {renderer.edition.config.title}"),
        "total": len(items),
        "first": {"id": site_url + "annotations.jsonld#page1", "type": "AnnotationPage",
                  "startIndex": 0, "items": items},
    }
    return json.dumps(collection, ensure_ascii=False) + "\n"


def glossary_json(renderer: Renderer, site_url: str) -> str:
    """The glossary as plain JSON, with each entry's URL and mentions."""
    edition, urls = renderer.edition, renderer.urls
    entries = []
    for entry in sorted(edition.glossary.values(), key=lambda e: e.id):
        mentions = []
        for text, mention in edition.mentions_by_entry.get(entry.id, ()):
            block = text.block_of(mention.span)
            mentions.append({"text": text.id, "paragraph": block.number if block.number else block.key,
                             "exact": plain(mention.quote.exact)})
        sources = []
        for citation in entry.sources:
            reference = edition.bibliography.get(citation.key)
            if reference is not None and not reference.valid:
                reference = None  # an item with problems of its own is not exported
            sources.append({"key": citation.key, "title": plain(reference.title) if reference else None,
                            "url": plain(reference.url) if reference and reference.url else None,
                            "issued": reference.issued or None if reference else None,
                            "quote": plain(citation.quote) or None})
        entries.append({
            "id": entry.id, "url": site_url + urls.entry(entry.id), "title": plain(entry.title),
            "kind": entry.kind, "type": entry.type, "aliases": [plain(a) for a in entry.aliases],
            "summary": plain(entry.summary),
            "dates": [{"date": d.date, "label": plain(d.label), "in_text": d.in_text} for d in entry.dates],
            "parties": list(entry.parties), "related": list(entry.related), "sources": sources,
            "wikidata": entry.wikidata or None, "mentions": mentions,
        })
    document = {"edition": plain(edition.config.title), "version": edition.config.version,
                "license": edition.config.license, "entries": entries}
    return json.dumps(document, ensure_ascii=False) + "\n"
