"""The changelog: versions and dates read from CHANGELOG.md headings ('## 1.0.0 — 2026-11-26')."""

from __future__ import annotations

import re
from typing import NamedTuple

_HEADING = re.compile(r"^##\s+(?P<version>\d+\.\d+\.\d+)\s+[—–-]\s+(?P<date>\d{4}-\d{2}-\d{2})\s*$")


class Release(NamedTuple):
    """One version in the changelog."""

    version: str
    date: str
    line: int


def parse_releases(text: str) -> list[Release]:
    """Releases in file order (newest first, by convention)."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADING.match(line)
        if match:
            found.append(Release(match["version"], match["date"], number))
    return found
