"""The edition's records: glossary entries, notes, mentions, and a loaded edition.

Immutable records throughout the package are `NamedTuple`s rather than frozen dataclasses:
on Python 3.11 a frozen dataclass costs about half a millisecond to define (each generated
method is compiled separately), which made importing the package a quarter of the edition's
share of a build. Change a record with `record._replace(field=value)`. Only the containers
that are filled while loading (`TextEdition`, `Edition`) are mutable dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal, NamedTuple

from .anchoring import Span
from .basetext import BaseText
from .config import EditionConfig, TextConfig
from .problems import Problem
from .bibliography import Bibliography, Citation
from .records import Author, DatedEvent

EntryKind = Literal["actor", "agreement"]
NoteType = Literal["fact-check", "context", "definition", "cross-reference", "translation-or-terminology"]
Verdict = Literal["accurate", "inaccurate", "imprecise", "unverified", "disputed"]

NOTE_TYPE_LABELS: dict[str, str] = {
    "fact-check": "Fact-check", "context": "Context", "definition": "Definition",
    "cross-reference": "Cross-reference", "translation-or-terminology": "Terminology",
}
VERDICT_LABELS: dict[str, str] = {
    "accurate": "Accurate", "inaccurate": "Inaccurate", "imprecise": "Imprecise",
    "unverified": "Unverified", "disputed": "Disputed",
}
TYPE_LABELS: dict[str, str] = {
    "person": "People", "state": "States", "organisation": "Organisations", "alliance": "Alliances",
    "armed-group": "Armed groups", "region": "Regions", "treaty": "Treaties", "agreement": "Agreements",
    "deal": "Deals and sales", "programme": "Programmes", "project": "Projects", "exercise": "Exercises",
    "membership": "Memberships", "mission": "Missions",
}


class Quote(NamedTuple):
    """A TextQuoteSelector: words of one block, with optional context."""

    block: str
    """Block key: '4', 'headline', 'byline', 'author-note'."""
    exact: str
    prefix: str = ""
    suffix: str = ""


class Background(NamedTuple):
    """Why an entry the text never names is in the glossary."""

    block: str
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


class Note(NamedTuple):
    """One annotation anchored to a quotation."""

    id: str
    text_id: str
    title: str
    """What the note is about (its own title, or the words it anchors)."""
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
    """Position in reading order within its text, from 1."""


class Mention(NamedTuple):
    """Words of the text that link to a glossary entry."""

    entry: str
    quote: Quote
    span: Span
    path: Path
    line: int


@dataclass
class TextEdition:
    """One base text with its apparatus."""

    config: TextConfig
    base: BaseText
    notes: list[Note]
    """In reading order (numbered)."""
    mentions: list[Mention]
    """In reading order."""


@dataclass
class Edition:
    """Everything loaded, plus every problem found on the way."""

    config: EditionConfig
    texts: list[TextEdition]
    glossary: dict[str, GlossaryEntry]
    problems: list[Problem]
    bibliography: Bibliography | None = None
    rendered: dict[str, str] = field(default_factory=dict)
    """Body Markdown -> sanitised HTML whose internal links are `link_token`s, rendered once at
    load time; pages substitute each token with a URL relative to themselves."""

    @cached_property
    def _notes_by_id(self) -> dict[str, tuple[TextEdition, Note]]:
        return {note.id: (text, note) for text in self.texts for note in text.notes}

    def note(self, note_id: str) -> tuple[TextEdition, Note] | None:
        """The note with this id and its text (indexed on first use, after loading)."""
        return self._notes_by_id.get(note_id)
