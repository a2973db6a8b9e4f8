"""Loading one front-matter Markdown source file: parse, schema, safety, all problems kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, NamedTuple

from . import schemas
from .frontmatter import LocatedDict, LocatedList, YamlError, read_text, split_front_matter
from .markup import unsafe_markup, unsafe_string
from .problems import ProblemList
from .records import calendar_error


class SourceFile(NamedTuple):
    """A parsed source file whose front matter passed its schema."""

    path: Path
    meta: LocatedDict
    body: str
    body_line: int
    valid: bool
    """False when the file has problems: its id is known, but it is not rendered."""


def _strings(node: Any, line: int, key: str = "") -> Iterator[tuple[int, str, str]]:
    """Every string in a YAML value with its line and the key it is (or is an item of)."""
    if isinstance(node, str):
        yield line, node, key
    elif isinstance(node, LocatedDict):
        for child_key, value in node.items():
            yield from _strings(value, node.line_of(child_key), child_key)
    elif isinstance(node, LocatedList):
        for index, value in enumerate(node):
            yield from _strings(value, node.line_of(index), key)


def load_source_file(path: Path, schema: str, problems: ProblemList) -> SourceFile | None:
    """Parse and check one file; add every problem found; None if it cannot be read at all."""
    try:
        document = split_front_matter(read_text(path))
    except YamlError as error:
        problems.add(path, error.line, f"malformed YAML front matter: {error.message}", error.hint)
        return None
    except UnicodeDecodeError as error:
        problems.add(path, 1, f"the file is not UTF-8 text: '{error.reason}'", "save it as UTF-8")
        return None
    meta = document.meta
    if not isinstance(meta, LocatedDict):
        problems.add(path, 2, f"front matter must be a mapping of fields, not {type(meta).__name__}: "
                              f"'{str(meta)[:40]}'", "write 'field: value' lines between the '---' fences")
        return None
    for key, line in document.duplicate_keys:
        problems.add(path, line, f"duplicate field in front matter: '{key}'", "keep one of them")
    before = len(problems)
    for problem in schemas.check(schema, meta):
        problems.add(path, problem.line, problem.message, problem.hint)
    for line, value, key in _strings(meta, meta.line):
        reason = unsafe_string(value)
        if reason:
            problems.add(path, line, f"{reason}: '{value[:60]}'", "front matter is plain text")
        reason = calendar_error(value) if key == "date" else ""
        if reason:
            problems.add(path, line, f"date is not a real calendar day ({reason}): '{value}'")
    for problem in unsafe_markup(document.body):
        problems.add(path, document.body_line + problem.line - 1, problem.message, problem.hint)
    return SourceFile(path, meta, document.body, document.body_line, len(problems) == before)
