"""The timeline: every dated event of the entries and notes, and the texts' publication."""

from __future__ import annotations

from typing import NamedTuple

from .environment import GeneratedPage, Renderer


class TimelineEvent(NamedTuple):
    """A dated event and where it comes from."""

    date: str
    label: str
    href: str
    """Site-relative URL of the entry or note that states it."""
    source_label: str
    kind: str
    """'entry', 'note' or 'publication'."""
    in_text: bool = False
    """The text itself refers to the event."""


def timeline_events(renderer: Renderer) -> list[TimelineEvent]:
    """Every dated event in glossary entries, notes and the texts' publication records."""
    edition, urls = renderer.edition, renderer.urls
    events = []
    for entry in edition.glossary.values():
        for dated in entry.dates:
            events.append(TimelineEvent(dated.date, dated.label, urls.entry(entry.id), entry.title, "entry",
                                        dated.in_text))
    for text in edition.texts:
        original = text.config.original
        events.append(TimelineEvent(original.issued, f"“{original.title}” published in {original.container}",
                                    urls.article(text.id), "The text", "publication", True))
        for note in text.notes:
            for dated in note.dates:
                events.append(TimelineEvent(dated.date, dated.label, urls.note_in_text(text.id, note.id),
                                            note.title, "note", dated.in_text))
    # Chronological; same date: publication first, then by label, so the order never flickers.
    return sorted(events, key=lambda e: (e.date, e.kind != "publication", e.label, e.href))


def timeline_page(renderer: Renderer) -> GeneratedPage:
    events = timeline_events(renderer)
    decades: list[tuple[str, list[TimelineEvent]]] = []
    for event in events:
        decade = event.date[:3] + "0"
        if not decades or decades[-1][0] != decade:
            decades.append((decade, []))
        decades[-1][1].append(event)
    return renderer.page(renderer.urls.page_src("timeline"), "pages/timeline.md",
                         {"title": "Timeline", "edition_page": "timeline"}, events=events, decades=decades)
