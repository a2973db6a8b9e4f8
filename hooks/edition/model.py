"""The edition's records: glossary entries, notes, mentions, and a loaded edition.

Loading builds these once and never changes them; nothing here holds HTML. Records are
`NamedTuple`s rather than frozen dataclasses: on Python 3.11 a frozen dataclass costs about
half a millisecond to define, which made importing the package a visible share of a build.
Change a record with `record._replace(field=value)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from .anchoring import Span
from .basetext import BaseText, Block
from .problems import Problem
from .records import Author, DatedEvent
from .references import Bibliography, Citation
from .settings import EditionConfig, TextConfig
from .vocabulary import EntryKind, NoteType, Verdict


class Quote(NamedTuple):
    """A TextQuoteSelector: words of one block, with optional context."""

    block: str
    """Block key: '4', 'headline', 'byline', 'author-note'."""
    exact: str
    prefix: str = ""
    suffix: str = ""


class Link(NamedTuple):
    """An internal link in a body: [text](glossary:russia) is ('glossary', 'russia')."""

    scheme: str
    target: str


class Background(NamedTuple):
    """Why an entry the text never names is in the glossary: the words it explains, resolved."""

    text_id: str
    span: Span
    sentence: str
    line: int


class GlossaryEntry(NamedTuple):
    """One actor or agreement."""

    id: str
    title: str
    kind: EntryKind
    type: str
    aliases: tuple[str, ...]
    summary: str
    dates: tuple[DatedEvent, ...]
    parties: tuple[str, ...]
    related: tuple[str, ...]
    sources: tuple[Citation, ...]
    wikidata: str
    background: Background | None
    body: str
    path: Path
    body_line: int
    field_lines: dict[str, int]
    """Line of each front-matter field, for cross-reference messages."""
    links: tuple[Link, ...] = ()
    """Internal links of the body, in order."""


class Note(NamedTuple):
    """One annotation anchored to a quotation."""

    id: str
    text_id: str
    title: str
    """What the note is about (its own `title`, or the words it anchors)."""
    quote: Quote
    type: NoteType
    verdict: Verdict | None
    authors: tuple[Author, ...]
    date: str
    sources: tuple[Citation, ...]
    body: str
    path: Path
    body_line: int
    span: Span
    dates: tuple[DatedEvent, ...] = ()
    """Dated events the note establishes (for the timeline)."""
    number: int = 0
    """Position in reading order within its text, from 1: a label on the article page only."""
    links: tuple[Link, ...] = ()
    finding: str = ""
    """What the note finds, in one sentence of plain text (front matter `finding`), or ''."""


class Mention(NamedTuple):
    """Words of the text that link to a glossary entry."""

    entry: str
    quote: Quote
    span: Span
    path: Path
    line: int


class TextEdition(NamedTuple):
    """One base text with its apparatus."""

    config: TextConfig
    base: BaseText
    notes: tuple[Note, ...]
    """In reading order (numbered)."""
    mentions: tuple[Mention, ...]
    """In reading order."""

    @property
    def id(self) -> str:
        return self.config.id

    def block_of(self, span: Span) -> Block:
        block = self.base.block(span.block)
        assert block is not None, span
        return block

    def sentence_of(self, span: Span) -> str:
        """The sentence of its block that contains the span (all of them if it crosses one)."""
        text = self.block_of(span).text
        start = max(text.rfind(". ", 0, span.start), text.rfind("? ", 0, span.start),
                    text.rfind("! ", 0, span.start))
        start = 0 if start < 0 else start + 2
        ends = [found for mark in (". ", "? ", "! ") if (found := text.find(mark, span.end)) >= 0]
        end = min(ends) + 1 if ends else len(text)
        return text[start:end]


@dataclass
class Edition:
    """Everything loaded, plus every problem found on the way. Not changed after loading."""

    config: EditionConfig
    texts: tuple[TextEdition, ...]
    glossary: dict[str, GlossaryEntry]
    bibliography: Bibliography
    problems: tuple[Problem, ...] = field(default=())

    @cached_property
    def _notes_by_id(self) -> dict[str, tuple[TextEdition, Note]]:
        return {note.id: (text, note) for text in self.texts for note in text.notes}

    def note(self, note_id: str) -> tuple[TextEdition, Note] | None:
        """The note with this id and its text."""
        return self._notes_by_id.get(note_id)

    def text(self, text_id: str) -> TextEdition | None:
        return next((text for text in self.texts if text.id == text_id), None)

    @cached_property
    def mentions_by_entry(self) -> dict[str, tuple[tuple[TextEdition, Mention], ...]]:
        found: dict[str, list[tuple[TextEdition, Mention]]] = {}
        for text in self.texts:
            for mention in text.mentions:
                found.setdefault(mention.entry, []).append((text, mention))
        return {key: tuple(value) for key, value in found.items()}

    @cached_property
    def notes_by_entry(self) -> dict[str, tuple[tuple[TextEdition, Note], ...]]:
        """Notes whose body links an entry: the entry's "discussed in" backlinks."""
        found: dict[str, list[tuple[TextEdition, Note]]] = {}
        for text in self.texts:
            for note in text.notes:
                for entry_id in dict.fromkeys(link.target for link in note.links if link.scheme == "glossary"):
                    found.setdefault(entry_id, []).append((text, note))
        return {key: tuple(value) for key, value in found.items()}

    @cached_property
    def agreements_by_party(self) -> dict[str, tuple[GlossaryEntry, ...]]:
        index: dict[str, list[GlossaryEntry]] = {}
        for agreement in self.glossary.values():
            for party in dict.fromkeys(agreement.parties):
                index.setdefault(party, []).append(agreement)
        return {key: tuple(value) for key, value in index.items()}

    @cached_property
    def citations_by_key(self) -> dict[str, tuple[GlossaryEntry | Note, ...]]:
        """Which notes and entries cite each bibliography item (for the Bibliography page)."""
        found: dict[str, list[GlossaryEntry | Note]] = {}
        for text in self.texts:
            for note in text.notes:
                for citation in note.sources:
                    found.setdefault(citation.key, []).append(note)
        for entry in self.glossary.values():
            for citation in entry.sources:
                found.setdefault(citation.key, []).append(entry)
        return {key: tuple(value) for key, value in found.items()}
