"""One contributed source file (a note or a glossary entry): read, parsed and checked.

Everything that can be said about a file on its own is said here: how it reads (encoding,
size, location), its YAML, its schema, the hygiene of every string, and active content in
its Markdown body. Cross-references between files are the loader's business.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from . import schemas
from .frontmatter import LocatedDict, LocatedList, split_front_matter
from .hygiene import body_findings, string_findings
from .markup import unsafe_markup
from .problems import Located, Problem, ProblemList
from .reading import read_source
from .records import calendar_error

_URL_WHOLE = re.compile(r"\Ahttps?://[^\s/$.?#][^\s]*\Z")
URL_KEYS = frozenset({"url", "URL", "archive_location", "license"})
MAX_FIELD = 2000
"""Most characters in one field of a note, an entry, a bibliography item or edition.yml (the
longest quotation of a source is under a thousand). A body is limited by its file's size and
its paragraphs' length instead."""


class SourceFile(NamedTuple):
    """A parsed source file."""

    path: Path
    meta: LocatedDict
    body: str
    body_line: int
    valid: bool
    """False when the file has problems of its own: its id is known, but it is not published."""


def strings(node: Any, line: int, key: str = "",
            lines: dict[str, int] | None = None) -> Iterator[tuple[int, str, str]]:
    """Every string in a YAML or JSON value with its line and the key it is (or is an item of).

    Located YAML containers know their lines; for plain (JSON) mappings `lines` gives the
    line of each top-level key."""
    if isinstance(node, str):
        yield line, node, key
    elif isinstance(node, LocatedDict):
        for child_key, value in node.items():
            yield from strings(value, node.line_of(child_key), child_key)
    elif isinstance(node, dict):
        for child_key, value in node.items():
            yield from strings(value, (lines or {}).get(child_key, line), str(child_key))
    elif isinstance(node, LocatedList):
        for index, value in enumerate(node):
            yield from strings(value, node.line_of(index), key)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value, line, key)


def check_strings(document: Any, problems: ProblemList, path: Path, first_line: int = 1,
                  lines: dict[str, int] | None = None) -> None:
    """Hygiene of every string of a document: characters, markup, URLs, dates, placeholders."""
    for line, value, key in strings(document, getattr(document, "line", first_line), lines=lines):
        if len(value) > MAX_FIELD:
            # Nothing else is looked for in it: it is refused, and examining it costs its length.
            problems.add(path, line, f"field is too long: '{value[:40]}…' ({len(value):,} characters)",
                         f"the limit is {MAX_FIELD:,} characters: a title, a name or a quotation is shorter",
                         rule="field-too-long")
            continue
        is_url = key in URL_KEYS
        for finding in string_findings(value):
            if is_url and finding.rule == "script-url":
                continue  # the schema's URL pattern reports a URL that is not http(s): one message
            hint = finding.hint
            if finding.rule == "placeholder":
                hint = f"write '{key}': every TODO of the template must be replaced" if key else hint
            problems.add(path, line, finding.message, hint, rule=finding.rule)
        # The schemas' URL patterns end in '$', which (in Python, and in jsonschema) also matches
        # before a final newline: a URL that starts right but is not whole is reported here.
        if key in ("url", "archive_location") and value.startswith(("http://", "https://")) \
                and not _URL_WHOLE.match(value):
            problems.add(path, line, f"URL is not a whole http(s) address: {value!r}",
                         "write the address alone, starting https://, with nothing before or after it",
                         rule="url-form")
        reason = calendar_error(value) if key == "date" else ""
        if reason:
            problems.add(path, line, f"date is not a real calendar day ({reason}): '{value}'", rule="date-invalid")


def read_source_file(path: Path, root: Path, kind: str, schema: str) -> tuple[SourceFile | None, list[Problem]]:
    """Parse and check one file; every problem found; None if it cannot be read at all."""
    problems = ProblemList(root)
    try:
        text = read_source(path, root, kind)
    except Located as error:
        problems.add_located(path, error)
        return None, problems
    parsed, found = examine(text, schema)
    problems.extend_at(path, found)
    if parsed is None:
        return None, problems
    meta, body, body_line = parsed
    return SourceFile(path, meta, body, body_line, not found), problems


@lru_cache(maxsize=4096)
def examine(text: str, schema: str) -> tuple[tuple[LocatedDict, str, int] | None, tuple[Problem, ...]]:
    """Everything that can be said about a file's text on its own, checked against `schema`:
    (front matter, body, first line of the body), or None when it has no usable front matter;
    and the problems, each with an empty path for the caller to fill in.

    The result depends on the text alone, so it is kept: a `mkdocs serve` rebuild, or a second
    check in the same process, examines only the files that changed. The front matter returned
    is shared between callers, and nothing may change it.
    """
    problems = ProblemList(Path())
    try:
        document = split_front_matter(text)
    except Located as error:
        problems.add_located("", error)
        return None, tuple(problems)
    meta = document.meta
    if not isinstance(meta, LocatedDict):
        shown = ("nothing" if meta is None else "a list" if isinstance(meta, list)
                 else "text" if isinstance(meta, str) else type(meta).__name__)
        problems.add("", 2, f"front matter must be a mapping of fields, not {shown}: '{str(meta)[:40]}'",
                     "write 'field: value' lines between the '---' fences", rule="frontmatter-shape")
        return None, tuple(problems)
    for key, line in document.duplicate_keys:
        problems.add("", line, f"duplicate field in front matter: '{key}'", "keep one of them",
                     rule="yaml-duplicate-key")
    for problem in schemas.check(schema, meta):
        problems.add("", problem.line, problem.message, problem.hint, rule=problem.rule)
    check_strings(meta, problems, Path())
    for line, finding in body_findings(document.body):
        problems.add("", document.body_line + line - 1, finding.message, finding.hint, rule=finding.rule)
    for unsafe in unsafe_markup(document.body):
        problems.add("", document.body_line + unsafe.line - 1, unsafe.message, unsafe.hint, rule=unsafe.rule)
    # A template placeholder left in a field is the one thing to say about that line: the same
    # value also fails its pattern or list of allowed values, which would only repeat it.
    placeholder_lines = {problem.line for problem in problems if problem.rule == "placeholder"}
    kept = tuple(problem for problem in problems
                 if problem.line not in placeholder_lines or problem.rule == "placeholder"
                 or not problem.rule.startswith("schema"))
    return (meta, document.body, document.body_line), kept
