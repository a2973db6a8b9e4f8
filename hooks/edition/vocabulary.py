"""The edition's vocabulary, defined once: note types and verdicts.

The JSON Schemas in `schemas/` spell the same values for editors; `tests/unit/test_vocabulary.py`
checks that they agree with this module, and templates, exports and the check take their
labels from here.
"""

from __future__ import annotations

from typing import Literal, NamedTuple


class Term(NamedTuple):
    """One value of the vocabulary and how readers see it."""

    label: str
    """Shown to readers: 'Fact-check', 'Accurate'."""
    description: str
    """One sentence, for the legend and the contributing guide."""
    symbol: str = ""
    """A verdict's mark beside the note number (shape, not colour, carries it)."""
    motivation: str = ""
    """A note type's W3C Web Annotation motivation."""


NoteType = Literal["fact-check", "context", "definition", "cross-reference", "translation-or-terminology"]
Verdict = Literal["accurate", "imprecise", "inaccurate", "disputed", "unverified"]
EntryKind = str
"""A kind of glossary entry: one of the kinds edition.yml defines (actor and agreement by default;
see `config.GlossaryKind`)."""

NOTE_TYPES: dict[str, Term] = {
    "fact-check": Term("Fact-check", "Tests a checkable claim of the text against sources, with a verdict.",
                       motivation="assessing"),
    "context": Term("Context", "Explains what a reader needs to know to understand the words.", motivation="commenting"),
    "definition": Term("Definition", "Says what a term or phrase of the text means.", motivation="describing"),
    "cross-reference": Term("Cross-reference", "Points to another place in the text or edition.",
                            motivation="linking"),
    "translation-or-terminology": Term("Terminology", "Explains a name, title or translation.",
                                       motivation="describing"),
}

VERDICTS: dict[str, Term] = {
    "accurate": Term("Accurate", "True as stated.", "✓"),
    "imprecise": Term("Imprecise", "True in substance but loose or slightly off (a date, a number, a title).", "≈"),
    "inaccurate": Term("Inaccurate", "False as stated.", "✗"),
    "disputed": Term("Disputed", "Reliable sources disagree.", "±"),
    "unverified": Term("Unverified", "No source found either way.", "?"),
}


def counted(number: int, singular: str, plural: str = "") -> str:
    """'1 day', '2 days', '0 claims': a number with its noun (`plural` for an irregular one)."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
