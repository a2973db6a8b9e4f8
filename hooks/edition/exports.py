"""Machine-readable exports: the notes as a W3C Web Annotation collection, the glossary as JSON."""

from __future__ import annotations

import json
from typing import Any

from .model import Note, TextEdition
from .pages import Site

CONTEXT_CHARS = 32
"""Characters of context given as the TextQuoteSelector's prefix and suffix."""

MOTIVATIONS = {"fact-check": "assessing", "context": "commenting", "definition": "describing",
               "cross-reference": "linking", "translation-or-terminology": "describing"}


def _selector(text: TextEdition, note: Note) -> dict[str, str]:
    block = text.base.block(note.span.block)
    return {"type": "TextQuoteSelector", "exact": block.text[note.span.start:note.span.end],
            "prefix": block.text[max(0, note.span.start - CONTEXT_CHARS):note.span.start],
            "suffix": block.text[note.span.end:note.span.end + CONTEXT_CHARS]}


def annotation(site: Site, text: TextEdition, note: Note) -> dict[str, Any]:
    """One note as a W3C Web Annotation."""
    url = site.site_url + site.note_url(text, note)
    bodies: list[dict[str, Any]] = [{
        "type": "TextualBody", "purpose": MOTIVATIONS[note.type], "format": "text/html", "language": "en",
        "value": site.render_body(note.body, site.note_url(text, note), text),
    }]
    bodies.append({"type": "TextualBody", "purpose": "classifying", "value": note.type})
    if note.verdict:
        bodies.append({"type": "TextualBody", "purpose": "tagging", "value": f"verdict:{note.verdict}"})
    # A cited source is a linking body; with a purpose it must be a SpecificResource (model 3.3.5).
    bodies.extend({"type": "SpecificResource", "purpose": "linking",
                   "source": {"id": source.url, "type": "Text", "title": source.title}}
                  for source in note.sources)
    creators = []
    for author in note.authors:
        agent: dict[str, Any] = {"type": "Person", "name": author.name}
        if author.orcid:
            agent["id"] = f"https://orcid.org/{author.orcid}"
        elif author.url:
            agent["homepage"] = author.url
        creators.append(agent)
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": url,
        "type": "Annotation",
        "motivation": MOTIVATIONS[note.type],
        "created": f"{note.date}T00:00:00Z",
        "creator": creators if len(creators) > 1 else creators[0],
        "body": bodies,
        "target": {"source": site.site_url + site.text_url(text), "selector": _selector(text, note)},
    }


def annotation_collection(site: Site) -> str:
    """All notes as one AnnotationCollection with a single embedded AnnotationPage."""
    items = [annotation(site, text, note) for text in site.edition.texts for note in text.notes]
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": site.site_url + "annotations.jsonld",
        "type": "AnnotationCollection",
        "label": f"Notes of {site.edition.config.title}",
        "total": len(items),
        "first": {"id": site.site_url + "annotations.jsonld#page1", "type": "AnnotationPage",
                  "startIndex": 0, "items": items},
    }
    return json.dumps(collection, ensure_ascii=False) + "\n"


def glossary_json(site: Site) -> str:
    """The glossary as plain JSON, with each entry's URL and mentions."""
    edition = site.edition
    mentions: dict[str, list[dict[str, Any]]] = {}
    for text in edition.texts:
        for mention in text.mentions:
            block = text.base.block(mention.span.block)
            mentions.setdefault(mention.entry, []).append(
                {"text": text.config.id, "paragraph": block.number if block.number else block.key,
                 "exact": mention.quote.exact})
    entries = []
    for entry in sorted(edition.glossary.values(), key=lambda e: e.id):
        entries.append({
            "id": entry.id, "url": site.site_url + site.entry_url(entry.id), "title": entry.title,
            "kind": entry.kind, "type": entry.type, "aliases": list(entry.aliases), "summary": entry.summary,
            "dates": [{"date": d.date, "label": d.label} for d in entry.dates],
            "parties": list(entry.parties), "related": list(entry.related),
            "sources": [{"title": s.title, "publisher": s.publisher, "date": s.date, "url": s.url}
                        for s in entry.sources],
            "wikidata": entry.wikidata or None,
            "mentions": mentions.get(entry.id, []),
        })
    document = {"edition": edition.config.title, "version": edition.config.version, "entries": entries}
    return json.dumps(document, ensure_ascii=False) + "\n"
