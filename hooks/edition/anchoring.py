"""Anchoring by quotation, as in the W3C Web Annotation TextQuoteSelector.

A quotation (`exact`, with optional `prefix` and `suffix`) selects the places in a block
where `exact` occurs with `prefix` immediately before and `suffix` immediately after.
Matching is literal and linear in the block's length per quotation.
"""

from __future__ import annotations

import difflib
from typing import NamedTuple


class Span(NamedTuple):
    """A resolved quotation: character offsets into one block's text."""

    block: str
    """Key of the block ('4', 'author-note', …)."""
    start: int
    """Offset of the first quoted character."""
    end: int
    """Offset just after the last quoted character."""


def occurrences(text: str, exact: str, prefix: str = "", suffix: str = "") -> list[int]:
    """Start offsets of every occurrence of `exact` in `text` with the given context."""
    if not exact:
        return []
    found = []
    start = text.find(exact)
    while start != -1:
        end = start + len(exact)
        if text[max(0, start - len(prefix)):start] == prefix and text[end:end + len(suffix)] == suffix:
            found.append(start)
        start = text.find(exact, start + 1)
    return found


def closest_passage(text: str, exact: str) -> str:
    """The run of words in `text` most like `exact`, for a "did you mean" hint."""
    words = text.split()
    size = max(1, len(exact.split()))
    windows = [" ".join(words[i:i + size]) for i in range(0, max(1, len(words) - size + 1))]
    matches = difflib.get_close_matches(exact, windows, n=1, cutoff=0.5)
    if not matches:
        return ""
    # Trim punctuation the window caught at its edges unless the quotation has it too.
    passage = matches[0]
    if exact[-1:] not in ".,;:!?":
        passage = passage.rstrip(".,;:!?")
    return passage


def quotation_hint(text: str, exact: str, elsewhere: list[str]) -> str:
    """Explain why a quotation may have failed to match, most specific cause first."""
    if "\\$" in exact or "\\" in exact:
        return "write '$' rather than '\\$': quotations match the printed text, not the Markdown export"
    if elsewhere:
        return f"it occurs in {', '.join(elsewhere)}: change the target paragraph"
    straight = exact.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    if straight != exact or any(ch in exact for ch in "\"'"):
        curly = closest_passage(text, exact)
        if curly:
            return f"check quotation marks and dashes; did you mean '{curly}'?"
    passage = closest_passage(text, exact)
    return f"did you mean '{passage}'?" if passage else "copy the words exactly from the paragraph"


def context_hint(text: str, exact: str, width: int = 24) -> str:
    """Show the words around each occurrence, for a prefix/suffix that does not match."""
    shown = []
    for start in occurrences(text, exact)[:3]:
        end = start + len(exact)
        shown.append(f"'…{text[max(0, start - width):start]}[{exact}]{text[end:end + width]}…'")
    return ("prefix must be the text just before and suffix the text just after; it occurs as "
            + " and as ".join(shown))
