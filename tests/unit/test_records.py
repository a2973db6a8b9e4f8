"""Dates in sources, entries and notes: calendar checks and how they are printed."""

from __future__ import annotations

import pytest

from edition.records import calendar_error, format_date


@pytest.mark.parametrize(("value", "error"), [
    ("2014-11-20", ""),
    ("2016-02-29", ""),
    ("2000-02-29", ""),
    ("2015-02-29", "day is out of range for month"),
    ("1900-02-29", "day is out of range for month"),
    ("2014-11-31", "day is out of range for month"),
    ("2014-04-31", "day is out of range for month"),
    ("2014-13-01", "month must be in 1..12"),
    ("2014-00-10", "month must be in 1..12"),
    ("2014-01-00", "day is out of range for month"),
    # Shapes other than a full day are left to the schema's pattern.
    ("2014", ""),
    ("2014-11", ""),
    ("n.d.", ""),
])
def test_calendar_error(value: str, error: str):
    assert calendar_error(value) == error


def test_calendar_error_of_non_numbers_is_a_reason_not_a_crash():
    assert calendar_error("20a4-11-20").startswith("invalid literal for int()")


@pytest.mark.parametrize(("value", "printed"), [
    ("2014-11-20", "20 November 2014"),
    ("2016-08-09", "9 August 2016"),
    ("2015-01-05", "5 January 2015"),
    ("2015-10", "October 2015"),
    ("2015-05", "May 2015"),
    ("2015", "2015"),
    ("n.d.", "n.d."),
    # Impossible dates are printed as written (validation reports them).
    ("2015-02-30", "2015-02-30"),
    ("2015-13", "2015-13"),
    ("", ""),
])
def test_format_date(value: str, printed: str):
    assert format_date(value) == printed
