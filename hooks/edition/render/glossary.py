"""Glossary entry pages and the glossary index."""

from __future__ import annotations

from collections import defaultdict

from ..model import GlossaryEntry
from .article import block_anchor
from .environment import GeneratedPage, Renderer


def entry_page(renderer: Renderer, entry: GlossaryEntry) -> GeneratedPage:
    """An entry: summary, body, key dates, parties or "party to", related entries, where the
    text mentions it ("Mentioned in ¶n" backlinks), the notes that discuss it, its sources."""
    edition, urls = renderer.edition, renderer.urls
    glossary = edition.glossary
    src = urls.entry_src(entry.id)
    url = urls.url(src)
    mentioned, seen = [], set()
    for text, mention in edition.mentions_by_entry.get(entry.id, ()):
        block = text.block_of(mention.span)
        if (text.id, block.key) in seen:
            continue
        seen.add((text.id, block.key))
        label = block.label if len(edition.texts) == 1 else f"{text.base.headline.text}, {block.label}"
        mentioned.append({"href": urls.article(text.id, block_anchor(block)), "label": label,
                          "exact": mention.quote.exact})
    background = None
    if entry.background and not mentioned:
        found = edition.text(entry.background.text_id)
        if found is not None:
            block = found.block_of(entry.background.span)
            background = {"href": urls.article(found.id, block_anchor(block)), "label": block.label,
                          "sentence": entry.background.sentence}
    discussed = [{"href": urls.note_in_text(text.id, note.id), "note": note, "label": text.block_of(note.span).label}
                 for text, note in edition.notes_by_entry.get(entry.id, ())]
    parties = [glossary[p] for p in entry.parties if p in glossary] if entry.kind == "agreement" else []
    party_to = sorted(edition.agreements_by_party.get(entry.id, ()), key=lambda e: e.title) \
        if entry.kind == "actor" else []
    return renderer.page(
        src, "pages/entry.md", {"title": entry.title, "edition_page": "entry"},
        edit_path=entry.path.relative_to(edition.config.root).as_posix(),
        entry=entry, body=renderer.body(entry.body, url, None), dates=sorted(entry.dates, key=lambda d: d.date),
        parties=parties, party_to=party_to, related=[glossary[r] for r in entry.related if r in glossary],
        mentioned=mentioned, background=background, discussed=discussed)


def glossary_index_page(renderer: Renderer) -> GeneratedPage:
    entries = sorted(renderer.edition.glossary.values(), key=lambda e: e.title.lower())
    kinds = []
    for kind, spec in renderer.edition.config.glossary_kinds.items():
        by_type = defaultdict(list)
        for entry in entries:
            if entry.kind == kind:
                by_type[entry.type].append(entry)
        groups = [(entry_type, spec.types.get(entry_type, entry_type), by_type[entry_type])
                  for entry_type in sorted(by_type, key=lambda t: spec.types.get(t, t))]
        if groups:
            kinds.append((kind, spec.plural, groups))
    by_letter = defaultdict(list)
    for entry in entries:
        by_letter[entry.title[:1].upper()].append(entry)
    return renderer.page(renderer.urls.glossary_src(), "pages/glossary.md",
                         {"title": "Glossary", "edition_page": "glossary"},
                         entries=entries, kinds=kinds, letters=sorted(by_letter.items()),
                         kinds_named=_and([spec.label.lower() for spec in renderer.edition.config.glossary_kinds.values()]))


def _and(words: list[str]) -> str:
    """'actor', 'actor and agreement', 'actor, event and place'."""
    return " and ".join(part for part in (", ".join(words[:-1]), words[-1] if words else "") if part)
