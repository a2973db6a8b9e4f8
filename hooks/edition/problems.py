"""Problem records: what validation returns instead of printing or raising."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Iterable, NamedTuple


class Problem(NamedTuple):
    """One thing wrong with one source file, located to a line."""

    path: str
    """Path of the offending file, relative to the project root where possible."""
    line: int
    """1-based line number in that file (1 when the whole file is at fault)."""
    message: str
    """What is wrong, ending with the offending value in quotes."""
    hint: str = ""
    """How to fix it ("did you mean …"), or empty."""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ProblemList(list):
    """A list of problems that knows the project root, for short relative paths."""

    def __init__(self, root: Path):
        super().__init__()
        self.root = root

    def add(self, path: Path | str, line: int | None, message: str, hint: str = "") -> None:
        self.append(Problem(self.relative(path), line or 1, message, hint))

    def relative(self, path: Path | str) -> str:
        path = Path(path)
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """A "did you mean …" hint for the closest candidate, or an empty string."""
    matches = difflib.get_close_matches(str(value), sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""
