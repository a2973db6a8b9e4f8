"""The bibliography as records: each source (`Reference`), a citation of one (`Citation`), and
the whole file (`Bibliography`), once `bibliography.py` has read and checked them.

At the bottom of the package (nothing of it is imported here), so that the model and the
renderers can name them without depending on the reader and checker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple


class Reference(NamedTuple):
    """One item of the bibliography."""

    id: str
    csl: dict[str, Any]
    """The CSL-JSON item as written."""
    line: int
    """Line of the item's opening brace in bibliography.json."""
    field_lines: dict[str, int]
    valid: bool = True
    """False when the item has problems of its own (it is not formatted)."""

    @property
    def url(self) -> str:
        return str(self.csl.get("URL", ""))

    @property
    def title(self) -> str:
        """The title, or for an untitled page its description (`genre`)."""
        return str(self.csl.get("title") or self.csl.get("genre") or "")

    @property
    def issued(self) -> str:
        """ISO form of the publication date ('2014-11-20', '2015-10', '2016') or ''."""
        return date_iso(self.csl.get("issued"))


class Citation(NamedTuple):
    """A note's or entry's reference to a bibliography item."""

    key: str
    locator: str = ""
    """Where in the source, e.g. 'para. 4' (CSL locator with its label)."""
    quote: str = ""
    """The sentence of the source that supports the statement, verbatim."""
    line: int = 1


class Bibliography(NamedTuple):
    """Everything in bibliography.json that could be read."""

    path: Path
    references: dict[str, Reference]

    def get(self, key: str) -> Reference | None:
        return self.references.get(key)


def date_iso(value: Any) -> str:
    """A CSL date ({'date-parts': [[2014, 11, 20]]}) as ISO text; '' when absent or odd."""
    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts")
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]):
        return ""
    first = parts[0]
    if not all(isinstance(part, int) or (isinstance(part, str) and part.isdecimal()) for part in first):
        return ""
    numbers = [int(part) for part in first[:3]]
    return "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])
