"""Records shared by glossary entries and notes: sources, dates, authors."""

from __future__ import annotations

import datetime
from functools import lru_cache
from typing import NamedTuple


class DatedEvent(NamedTuple):
    """A labelled date in a glossary entry or note."""

    date: str
    """ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD."""
    label: str
    line: int
    in_text: bool = False
    """The text itself mentions this event (rather than it being background)."""


class Author(NamedTuple):
    """Who wrote a note."""

    name: str
    url: str = ""
    orcid: str = ""


def calendar_error(value: str) -> str:
    """'' if an ISO 8601 string of the allowed shapes names a real day, else why not."""
    parts = value.split("-")
    if len(parts) == 3:
        try:
            datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError as error:
            return str(error)
    return ""


@lru_cache(maxsize=4096)  # the same dates recur on many pages
def format_date(value: str) -> str:
    """'2014-11-20' -> '20 November 2014'; '2015-10' -> 'October 2015'; 'n.d.' stays."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            day = datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{day.day} {day:%B %Y}"
        if len(parts) == 2:
            return f"{datetime.date(int(parts[0]), int(parts[1]), 1):%B %Y}"
    except ValueError:
        pass
    return value
