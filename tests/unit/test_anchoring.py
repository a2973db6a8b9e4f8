"""Quotation matching (TextQuoteSelector) and the hints given when a quotation fails."""

from __future__ import annotations

import pytest

from edition.anchoring import closest_passage, occurrences, quotation_hint

TEXT = "Moscow agreed to sell four Mi-35M helicopters to Pakistan and welcomed Islamabad. Moscow paid."
SECOND_MOSCOW = TEXT.rindex("Moscow")


@pytest.mark.parametrize(("text", "exact", "prefix", "suffix", "expected"), [
    (TEXT, "Moscow", "", "", [0, SECOND_MOSCOW]),
    (TEXT, "Moscow", "", " agreed", [0]),
    (TEXT, "Moscow", ". ", "", [SECOND_MOSCOW]),
    (TEXT, "Moscow", ". ", " paid", [SECOND_MOSCOW]),
    (TEXT, "Moscow", ". ", " agreed", []),
    # A prefix longer than the text before the match cannot match.
    (TEXT, "Moscow", "In ", "", []),
    # A suffix running past the end cannot match.
    (TEXT, "paid", "", ". And", []),
    (TEXT, "paid.", "Moscow ", "", [TEXT.index("paid.")]),
    (TEXT, "Pakistan", "", "", [TEXT.index("Pakistan")]),
    (TEXT, "Beijing", "", "", []),
    # Case matters: matching is literal.
    (TEXT, "moscow", "", "", []),
    # Overlapping occurrences are all found.
    ("aaaa", "aa", "", "", [0, 1, 2]),
    ("abababa", "aba", "", "", [0, 2, 4]),
    ("abababa", "aba", "b", "", [2, 4]),
    ("abababa", "aba", "", "b", [0, 2]),
    # Empty quotation selects nothing (never everything).
    (TEXT, "", "", "", []),
    ("", "x", "", "", []),
    ("", "", "", "", []),
    # Whole text.
    ("abc", "abc", "", "", [0]),
    # Non-ASCII characters count as one offset each.
    ("“Quoted” — here", "here", "— ", "", [11]),
], ids=lambda value: repr(value)[:20] if isinstance(value, str) else None)
def test_occurrences(text: str, exact: str, prefix: str, suffix: str, expected: list[int]):
    assert occurrences(text, exact, prefix, suffix) == expected


def test_occurrences_offsets_select_the_quotation():
    for start in occurrences(TEXT, "Moscow"):
        assert TEXT[start:start + len("Moscow")] == "Moscow"


PARAGRAPH = 'Another landmark was achieved with a $2 billion deal and "mutual special drills" began.'


@pytest.mark.parametrize(("exact", "elsewhere", "hint"), [
    ("\\$2 billion deal", [], "write '$' rather than '\\$': quotations match the printed text, not the Markdown export"),
    ("\\$2 billion deal", ["¶5"], "write '$' rather than '\\$': quotations match the printed text, not the Markdown export"),
    ("landmark was reached", ["¶5"], "it occurs in ¶5: change the target paragraph"),
    ("landmark was reached", ["¶5", "the byline"], "it occurs in ¶5, the byline: change the target paragraph"),
    ("landmark was achieve", [], "did you mean 'landmark was achieved'?"),
    ("\u201cmutual special drills\u201d", [], "check quotation marks and dashes; did you mean "
                                              "'\"mutual special drills\"'?"),
    ("zzzz qqqq", [], "copy the words exactly from the paragraph"),
])
def test_quotation_hint(exact: str, elsewhere: list[str], hint: str):
    assert quotation_hint(PARAGRAPH, exact, elsewhere) == hint


@pytest.mark.parametrize(("exact", "passage"), [
    ("a $2 bilion deal", "a $2 billion deal"),
    ("Another landmark", "Another landmark"),
    ("nothing like it at all here", ""),
])
def test_closest_passage(exact: str, passage: str):
    assert closest_passage(PARAGRAPH, exact) == passage
