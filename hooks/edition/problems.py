"""Problems: what validation returns instead of printing or raising.

One type for every problem the edition reports, whatever found it (the YAML reader, a
schema, the anchoring of a quotation, the bibliography). Each carries a stable rule id,
printed at the end of its message as linters do (`[quote-not-found]`), documented once in
`rules.py` with an example and the fix.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Iterable, NamedTuple


class Problem(NamedTuple):
    """One thing wrong with one source file, located to a line (and a column where known)."""

    path: str
    """Path of the offending file, relative to the project root where possible."""
    line: int
    """1-based line number in that file (1 when the whole file is at fault)."""
    message: str
    """What is wrong, ending with the offending value in quotes."""
    hint: str = ""
    """How to fix it ("did you mean …"), or empty."""
    rule: str = ""
    """Stable rule id, e.g. 'quote-not-found' (see `rules.RULES`)."""
    column: int = 0
    """1-based column, or 0 when only the line is known."""
    cause: str = ""
    """For a knock-on problem: the problem it follows from, as printed."""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{f'{self.column}:' if self.column else ''} {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        if self.rule:
            text += f" [{self.rule}]"
        return text

    @property
    def sort_key(self) -> tuple[str, int, int, int]:
        """By file, then line and column (sorting is stable: problems of one place keep the order
        they were found in); a problem with a cause after the root cause on the same line."""
        return (self.path, self.line, self.column, 1 if self.cause else 0)


class Located(Exception):
    """An error raised where a problem cannot be returned (a file that cannot be read at all).

    Readers raise it; the loader turns it into a `Problem` for the file it was reading.
    """

    def __init__(self, line: int, message: str, hint: str = "", rule: str = "", column: int = 0):
        super().__init__(message)
        self.line, self.message, self.hint, self.rule, self.column = line, message, hint, rule, column

    def problem(self, path: str) -> Problem:
        return Problem(path, self.line, self.message, self.hint, self.rule, self.column)


class ProblemList(list):
    """Problems found while loading one edition; paths are kept relative to its root."""

    def __init__(self, root: Path):
        super().__init__()
        self.root = root

    def add(self, path: Path | str, line: int | None, message: str, hint: str = "", *,
            rule: str = "", column: int = 0, cause: str = "") -> Problem:
        problem = Problem(printable(self.relative(path)), line or 1, printable(message), printable(hint), rule, column,
                          cause)
        self.append(problem)
        return problem

    def add_located(self, path: Path | str, error: Located, line_offset: int = 0) -> Problem:
        problem = error.problem(printable(self.relative(path)))
        problem = problem._replace(line=problem.line + line_offset, message=printable(problem.message),
                                   hint=printable(problem.hint))
        self.append(problem)
        return problem

    def extend_at(self, path: Path | str, found: Iterable[Problem]) -> None:
        """Problems found without a file (in a text examined on its own), as problems of `path`."""
        where = printable(self.relative(path))
        self.extend(problem._replace(path=where) for problem in found)

    def relative(self, path: Path | str) -> str:
        path = Path(path)
        try:
            return path.absolute().relative_to(self.root.absolute()).as_posix()
        except ValueError:
            return path.as_posix()


def printable(text: str) -> str:
    """`text` as UTF-8 can hold it: a lone surrogate (from a `\\ud800` escape) quoted as `\\ud800`,
    so that a message about a bad value can always be printed, logged and written as JSON."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def with_article(word: str) -> str:
    """'an agreement', 'a battle': a kind of thing named in a message."""
    return f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """A "did you mean …" hint for the closest candidate, or an empty string."""
    matches = difflib.get_close_matches(str(value), sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


def order_problems(problems: list[Problem]) -> list[Problem]:
    """By file and line; each knock-on problem right after the problem it follows from."""
    roots = sorted((p for p in problems if not p.cause), key=lambda p: p.sort_key)
    knock_ons: dict[str, list[Problem]] = {}
    orphans = []
    locations = {f"{p.path}:{p.line}" for p in roots}
    for problem in sorted((p for p in problems if p.cause), key=lambda p: p.sort_key):
        if problem.cause in locations:
            knock_ons.setdefault(problem.cause, []).append(problem)
        else:
            orphans.append(problem)
    ordered: list[Problem] = []
    emitted: set[str] = set()
    for problem in roots:
        ordered.append(problem)
        location = f"{problem.path}:{problem.line}"
        if location not in emitted:
            emitted.add(location)
            ordered.extend(knock_ons.get(location, ()))
    seen: set[Problem] = set()
    unique = []
    for problem in ordered + orphans:
        if problem not in seen:
            seen.add(problem)
            unique.append(problem)
    return unique
