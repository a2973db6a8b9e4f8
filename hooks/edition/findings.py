"""What a note finds, in one sentence: its `finding:` field, or else the first sentence of its body.

The claims table, the margin and the phone sheet show it, and the Print page's short notes.
The fallback is read from the body's text (`markup.plain_text` of the rendered body, in which links
and emphasis are their words); a first sentence of a word or two ("Accurate.") says too little
alone, and the next sentence is added to it.
"""

from __future__ import annotations

import re

from .markup import plain_text
from .model import Note

# The end of a sentence: a full stop, question or exclamation mark (and any closing quotation
# mark or bracket) followed by a space and a capital, a digit or an opening quotation mark.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z0-9“‘\"(])")
_ABBREVIATIONS = ("e.g.", "i.e.", "Mr.", "Mrs.", "Dr.", "St.", "No.", "vs.", "cf.", "Nov.", "Dec.", "Jan.", "Feb.",
                  "Aug.", "Sept.", "Oct.", "U.S.", "U.N.")
"""Abbreviations after which a full stop ends no sentence."""


def first_sentence(text: str) -> str:
    """The first sentence of plain `text` (with the next one when the first has three words or fewer)."""
    text = " ".join(text.split())
    for match in _SENTENCE_END.finditer(text):
        candidate = text[:match.start()].rstrip("\"”’)")
        if any(candidate.endswith(abbreviation) for abbreviation in _ABBREVIATIONS):
            continue
        if len(text[:match.start()].split()) > 3:
            return text[:match.start()].strip()
    return text.strip()


def note_finding(note: Note, body_html: str) -> tuple[str, bool]:
    """What `note` finds in one sentence, and whether it was derived from the body (no `finding:`)."""
    if note.finding:
        return note.finding, False
    return first_sentence(plain_text(str(body_html))), True
