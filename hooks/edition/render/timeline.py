"""The timeline: every dated event of the entries and notes, and the texts' publication.

Events of one day are merged under that day; the events the text itself refers to (`in_text`)
are marked as such, and a compact chart of events by year, drawn here as inline SVG (no
script), sits above the list.
"""

from __future__ import annotations

from typing import NamedTuple

from ..records import format_date
from ..settings import OriginalRecord
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


class Day(NamedTuple):
    """One date of the timeline and its events."""

    date: str
    events: tuple[TimelineEvent, ...]

    @property
    def in_text(self) -> bool:
        return any(event.in_text for event in self.events)


def _first_appearance(original: OriginalRecord, authors: str) -> str:
    """The text's first appearance, as the timeline says it: a newspaper publishes an article,
    a speaker gives a speech, an author writes a letter; anything else is published."""
    title = f"“{original.title}”"
    if original.type == "speech":
        return f"{authors or 'The speaker'} gives {title}" + (f" ({original.event})" if original.event else "")
    if original.type in ("letter", "personal_communication", "manuscript"):
        return f"{authors or 'The author'} writes {title}"
    publisher = original.container or original.publisher
    if publisher:
        return f"{publisher} publishes {title}" + (f" by {authors}" if authors else "")
    return f"{title} is published" + (f", by {authors}" if authors else "")


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
        authors = ", ".join(person.display for person in original.authors)
        events.append(TimelineEvent(original.issued, _first_appearance(original, authors),
                                    urls.article(text.id), "The text", "publication", True))
        for note in text.notes:
            for dated in note.dates:
                events.append(TimelineEvent(dated.date, dated.label, urls.note_in_text(text.id, note.id),
                                            note.title, "note", dated.in_text))
    # Chronological; same date: publication first, then by label, so the order never flickers.
    return sorted(events, key=lambda e: (e.date, e.kind != "publication", e.label, e.href))


def days(events: list[TimelineEvent]) -> list[Day]:
    grouped: dict[str, list[TimelineEvent]] = {}
    for event in events:
        grouped.setdefault(event.date, []).append(event)
    return [Day(date, tuple(items)) for date, items in grouped.items()]


class Column(NamedTuple):
    """One column of a chart: its label and the marks stacked in it."""

    x: float
    label: str
    background: tuple[tuple[float, float], ...]
    """(x, y) of each background event's mark."""
    in_text: tuple[tuple[float, float], ...]
    """(x, y) of each mark of an event the text refers to."""

    @property
    def events(self) -> int:
        """How many events the column counts."""
        return len(self.background) + len(self.in_text)


class Chart(NamedTuple):
    """Events counted in columns (decades, or months), laid out for `partials/timeline_chart.html`."""

    id: str
    title: str
    width: int
    height: int
    axis_y: float
    columns: tuple[Column, ...]
    ticks: tuple[tuple[float, str], ...]
    publication: tuple[float, str] | None
    total: int
    total_in_text: int


def _columns(keys: list[str], events_by_key: dict[str, list[TimelineEvent]], width: int, step: float,
             per_row: int = 1) -> tuple[list[Column], float, float]:
    """Marks stacked above each column, `per_row` side by side; filled marks (the text's own
    events) at the bottom."""
    left, right = 20, width - 12
    pitch = (right - left) / max(1, len(keys))
    tallest = max((-(-len(events_by_key.get(key, ())) // per_row) for key in keys), default=0)
    axis_y = 12 + max(1, tallest) * step
    columns = []
    for index, key in enumerate(keys):
        x = left + (index + 0.5) * pitch
        marks = sorted(events_by_key.get(key, ()), key=lambda e: (not e.in_text, e.date))
        points = [(round(x + (n % per_row - (per_row - 1) / 2) * step, 1),
                   round(axis_y - step / 2 - 1 - (n // per_row) * step, 1)) for n in range(len(marks))]
        columns.append(Column(round(x, 1), key, tuple(p for p, e in zip(points, marks, strict=True) if not e.in_text),
                              tuple(p for p, e in zip(points, marks, strict=True) if e.in_text)))
    return columns, axis_y, pitch


def decade_chart(events: list[TimelineEvent], width: int = 720) -> Chart | None:
    """Every event in its decade."""
    if not events:
        return None
    by_decade: dict[str, list[TimelineEvent]] = {}
    for event in events:
        by_decade.setdefault(event.date[:3] + "0s", []).append(event)
    first, last = int(min(by_decade)[:4]), int(max(by_decade)[:4])
    keys = [f"{decade}s" for decade in range(first, last + 1, 10)]
    columns, axis_y, _ = _columns(keys, by_decade, width, 7.0, per_row=5)
    ticks = tuple((column.x, column.label) for column in columns)
    span = keys[0] if len(keys) == 1 else f"{keys[0]}–{keys[-1]}"
    return Chart("timeline-decades", f"Events by decade, {span}", width, int(axis_y + 22), axis_y,
                 tuple(columns), ticks, None, len(events), sum(e.in_text for e in events))


def month_chart(events: list[TimelineEvent], published: str, width: int = 720) -> Chart | None:
    """The three calendar years up to the text's publication, month by month: where its events are."""
    if not published:
        return None
    end = int(published[:4])
    months = [f"{year}-{month:02d}" for year in range(end - 2, end + 1) for month in range(1, 13)]
    window = [e for e in events if len(e.date) >= 7 and e.date[:7] in months]
    if not window:
        return None
    by_month: dict[str, list[TimelineEvent]] = {}
    for event in window:
        by_month.setdefault(event.date[:7], []).append(event)
    columns, axis_y, pitch = _columns(months, by_month, width, 8.0)
    ticks = tuple((column.x - pitch / 2, column.label[:4]) for column in columns if column.label.endswith("-01"))
    x_of = {column.label: column.x for column in columns}
    publication = (x_of[published[:7]], format_date(published)) if published[:7] in x_of else None
    return Chart("timeline-months", f"Events month by month, {end - 2}–{end}", width, int(axis_y + 22), axis_y,
                 tuple(columns), ticks, publication, len(window), sum(e.in_text for e in window))


def timeline_page(renderer: Renderer) -> GeneratedPage:
    events = timeline_events(renderer)
    grouped = days(events)
    decades: list[tuple[str, list[Day]]] = []
    for day in grouped:
        decade = day.date[:3] + "0"
        if not decades or decades[-1][0] != decade:
            decades.append((decade, []))
        decades[-1][1].append(day)
    return renderer.page(renderer.urls.page_src("timeline"), "pages/timeline.md",
                         {"title": "Timeline", "edition_page": "timeline"}, events=events, days=grouped,
                         decades=decades,
                         charts=[c for c in (decade_chart(events), month_chart(events, _published(renderer))) if c])


def _published(renderer: Renderer) -> str:
    texts = renderer.edition.texts
    return texts[0].config.original.issued if texts else ""
