"""The house style of the apparatus, as far as a machine can check it (CONTRIBUTING.md, "House style").

Three rules, each looking only at the editors' own words: whatever stands between double
quotation marks ("…" or “…”) is a quotation and stays verbatim, so it is never examined.

- `style-date-format`: dates are written "9 August 2016": not "August 9, 2016", and no ordinals.
- `style-spelling`: a small table of variants the edition does not use, with the form it does.
- `style-later-development`: a sentence of a body that dates something after the text's
  publication begins "Later:", or stands in a paragraph that opens "Later:" or "**Later.**".
  Dates inside brackets (in-text references such as "(Dawn, 8 August 2018)", link addresses)
  are not facts of the sentence, and dates after "by", "until", "till" or "due" are deadlines
  set at the time: both are left alone.

Every pattern is a fixed alternation or a bounded run of digits, and the text is scanned once:
the check stays linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_MONTH = "(?P<month>" + "|".join(MONTHS) + ")"
_ORDINAL = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)"

# "August 9, 2016" / "August 9 2016" / "August 9" (American order), and ordinals either way.
_AMERICAN = re.compile(rf"\b{_MONTH} (?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,? (?P<year>\d{{4}}))?\b")
_ORDINAL_FIRST = re.compile(rf"\b{_ORDINAL}(?: of)? {_MONTH}(?: (?P<year>\d{{4}}))?\b")

class HouseStyle(NamedTuple):
    """What of the house style the check enforces (`apparatus.house_style` in edition.yml); nothing by default."""

    dates: bool = False
    """Dates written day, month, year, without ordinals ('9 August 2016')."""
    spelling: tuple[tuple[str, str], ...] = ()
    """(variant, the edition's form) pairs: words the edition writes otherwise, outside quotations."""
    mark_later: bool = False
    """A sentence that dates something after the text's publication begins 'Later:'."""


@lru_cache(maxsize=16)
def _spelling_pattern(spelling: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    """One alternation of fixed words (no backtracking beyond the words themselves)."""
    if not spelling:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(word) for word, _ in spelling) + r")\b")

# Dates that can place a fact after the text: "24 September 2016", "September 2016", "2017".
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>[0-3]?\d) {_MONTH} (?P<year>(?:19|20)\d\d)\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH} (?P<year>(?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<![\d/.:-])(?P<year>(?:19|20)\d\d)(?![\d/-]|\.\d)")
_SENTENCE_END = re.compile(r"[.?!][*_\"”’)\]]*(?=\s)")
_MARKER = re.compile(r"[\s*_>#-]*Later:")
_PARAGRAPH_MARKER = re.compile(r"[\s>#-]*(?:\*\*[^*\n]{1,40}\*\*\s*)?(?:Later:|\*\*Later[.:]\*\*)")
"""A paragraph that opens "Later:" or "**Later.**" (after an optional bold label such as
"**Status.**") marks every sentence in it."""
_PROSPECTIVE = ("by ", "until ", "till ", "due ")
"""Words before a date that make it a deadline or a term set at the time ("due by December
2017", "secured until 2042"), not a development: such dates are left alone."""


class StyleFinding(NamedTuple):
    """A departure from the house style."""

    line: int
    """1-based line in the text examined."""
    rule: str
    message: str
    hint: str


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every double-quoted stretch of `text`, quotation marks included.

    Straight quotes pair up in order; curly quotes open with “ and close with ”. A quotation
    left open at the end runs to the end of the text (nothing after it is examined)."""
    spans: list[tuple[int, int]] = []
    start = -1
    closer = ""
    for index, char in enumerate(text):
        if start < 0:
            if char == '"' or char == "“":
                start, closer = index, ('"' if char == '"' else "”")
        elif char == closer:
            spans.append((start, index + 1))
            start = -1
    if start >= 0:
        spans.append((start, len(text)))
    return spans


def bracketed_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every outermost (…) stretch of `text` (in-text references, link addresses)."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, -1
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    return spans


class _Spans:
    """Sorted, non-overlapping spans, asked whether they contain an offset (binary search)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in spans]
        self.spans = spans

    def contain(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and self.spans[index][0] <= offset < self.spans[index][1]


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer("\n", text)]


def wording_findings(text: str, style: HouseStyle) -> list[StyleFinding]:
    """Dates and spellings outside quotations that the house style writes otherwise."""
    quoted = _Spans(quoted_spans(text))
    lines = _line_starts(text)
    found: list[StyleFinding] = []
    for pattern in (_AMERICAN, _ORDINAL_FIRST) if style.dates else ():
        for match in pattern.finditer(text):
            if quoted.contain(match.start()):
                continue
            day = int(match["day"])
            if not 1 <= day <= 31:
                continue
            better = f"{day} {match['month']}" + (f" {match['year']}" if match["year"] else "")
            found.append(StyleFinding(_line_of(lines, match.start()), "style-date-format",
                                      f"date not in the house style: '{match.group()}'",
                                      f"did you mean '{better}'? Dates are written day, month, year, "
                                      "without ordinals"))
    spelling = _spelling_pattern(style.spelling)
    preferred = dict(style.spelling)
    for match in spelling.finditer(text) if spelling else ():
        if quoted.contain(match.start()):
            continue
        word = match.group()
        found.append(StyleFinding(_line_of(lines, match.start()), "style-spelling",
                                  f"spelling the edition does not use: '{word}'",
                                  f"did you mean '{preferred[word]}'? Quotations keep their own spelling: "
                                  "put quoted words in quotation marks"))
    found.sort(key=lambda finding: finding.line)
    return found


def _after(day: int | None, month: int | None, year: int, published: tuple[int, int, int]) -> bool:
    """Whether a date given to the day, the month or the year lies wholly after `published`."""
    if year != published[0]:
        return year > published[0]
    if month is None:
        return False
    if month != published[1]:
        return month > published[1]
    return day is not None and day > published[2]


def later_findings(text: str, published: str) -> list[StyleFinding]:
    """Sentences dating something after `published` (YYYY-MM-DD) that do not begin "Later:"."""
    try:
        pub = tuple(int(part) for part in published.split("-")[:3])
    except ValueError:
        return []
    if len(pub) != 3:
        return []
    quoted = _Spans(quoted_spans(text))
    bracketed = _Spans(bracketed_spans(text))
    lines = _line_starts(text)
    # A sentence starts after a full stop (not one closing an initial, as in "U.S."), at a blank
    # line, or at a list item.
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        if match.start() and not text[match.start() - 1].isupper():
            starts.append(match.end())
    starts.extend(match.end() for match in re.finditer(r"\n\s*\n|\n\s*[-*] ", text))
    starts.sort()
    paragraphs = [0] + [match.end() for match in re.finditer(r"\n[ \t]*\n", text)]
    taken: set[int] = set()
    found: list[StyleFinding] = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_YEAR, _YEAR):
        for match in pattern.finditer(text):
            year_at = match.start("year")
            if year_at in taken:
                continue
            taken.add(year_at)
            if quoted.contain(match.start()) or bracketed.contain(match.start()):
                continue
            if " ".join(text[max(0, match.start() - 8):match.start()].split() + [""]).endswith(_PROSPECTIVE):
                continue
            groups = match.groupdict()
            month = MONTHS.index(groups["month"]) + 1 if groups.get("month") else None
            day = int(groups["day"]) if groups.get("day") else None
            if not _after(day, month, int(match["year"]), pub):
                continue
            sentence = starts[bisect.bisect_right(starts, match.start()) - 1]
            paragraph = paragraphs[bisect.bisect_right(paragraphs, match.start()) - 1]
            if _MARKER.match(text, sentence) or _PARAGRAPH_MARKER.match(text, paragraph):
                continue
            found.append(StyleFinding(_line_of(lines, match.start()), "style-later-development",
                                      f"a development after the text's publication ({published}) is not marked: "
                                      f"'{match.group()}'",
                                      "begin the sentence, or its paragraph, with 'Later:': the author could "
                                      "not know it"))
    found.sort(key=lambda finding: finding.line)
    return found


PROSE_FIELDS = ("title", "summary")
"""Front-matter fields written in the editors' words (aliases, quotations and `exact` are the
text's or the source's words and are never examined)."""


def file_findings(meta: object, body: str, body_line: int, published: str, style: HouseStyle) -> list[StyleFinding]:
    """The house-style findings of one note or entry, with lines of the whole file: its prose
    fields and date labels, then its body."""
    found: list[StyleFinding] = []
    line_of = getattr(meta, "line_of", None)
    if isinstance(meta, dict) and line_of is not None:
        fields: list[tuple[int, str]] = [(line_of(key), meta[key]) for key in PROSE_FIELDS
                                         if isinstance(meta.get(key), str)]
        dates = meta.get("dates")
        if isinstance(dates, list):
            for event in dates:
                if isinstance(event, dict) and isinstance(event.get("label"), str) and hasattr(event, "line_of"):
                    fields.append((event.line_of("label"), event["label"]))
        for line, value in fields:
            found.extend(finding._replace(line=line) for finding in _wording(" ".join(value.split()), style))
    later = _later(body, published) if style.mark_later else ()
    for finding in _wording(body, style) + later:
        found.append(finding._replace(line=body_line + finding.line - 1))
    return found


# The findings of a text depend on the text alone: a process that checks again (each rebuild of
# `mkdocs serve`) scans only what changed.
@lru_cache(maxsize=8192)
def _wording(text: str, style: HouseStyle) -> tuple[StyleFinding, ...]:
    return tuple(wording_findings(text, style))


@lru_cache(maxsize=8192)
def _later(text: str, published: str) -> tuple[StyleFinding, ...]:
    return tuple(later_findings(text, published))
