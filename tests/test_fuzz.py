"""Property-based fuzzing (Hypothesis) of the check: whatever a source file holds, the check
answers with problems, never with an exception, and quickly.

Each example writes one generated file into a copy of the tiny test edition
(tests/fixtures/mini) and runs the check in-process, as `python -m edition check --format json`
runs it: the only allowed outcome is an exit code (0, 1, or 2 when edition.yml cannot be used)
and a list of problems, each with a path, a line and a known rule id, printed as UTF-8 JSON,
within a second of CPU time.
Every kind of source file is fuzzed: a note, a glossary entry, mentions.yml, edition.yml,
bibliography.json and the changelog, with

- arbitrary bytes, and the file's own bytes mutated (inserted, deleted, replaced, cut);
- arbitrary YAML (or JSON) structures, generated as Python values and dumped, over the real
  file's fields, so that generated values reach the schemas and the cross-checks;
- text mutations of the dumped YAML: indentation, tabs, anchors and aliases, duplicated lines.

Reproducible: examples are derandomized and no database is kept, so CI always runs the same
examples. `EDITION_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py` fuzzes longer, with fresh
random examples each run (a failure prints the example to turn into a regression test in
tests/test_hardening.py).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import time
from datetime import timedelta
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.__main__ import main
from edition.rules import RULES
from edition.timelimit import OutOfTime, can_limit, time_limit
from edition_testing import least_cpu

MINI = Path(__file__).parent / "fixtures" / "mini"
NOTE = "texts/lighthouse-accord/notes/la-p1-signing.md"
ENTRY = "glossary/lighthouse-accord.md"
MENTIONS = "texts/lighthouse-accord/mentions.yml"
CONFIG = "edition.yml"
BIB = "bibliography.json"
CHANGELOG = "CHANGELOG.md"
KINDS = {"note": NOTE, "entry": ENTRY, "mentions": MENTIONS, "config": CONFIG, "bibliography": BIB,
         "changelog": CHANGELOG}

CPU_LIMIT = 1.0
"""Most CPU seconds one example may use. The check takes ~15 ms of CPU for the tiny edition; the
alias bomb this guards against took minutes. CPU time, unlike the wall clock, does not grow when
other jobs share the machine, so the bound can be tight and still never flaky."""
DEADLINE = timedelta(seconds=10)
"""Hypothesis's deadline, in wall-clock time: the same bound for a machine stalled by other work
(on a shared two-core machine a 15 ms example was seen to take 4.7 s of wall-clock time)."""
HARD_LIMIT = 60.0
"""Seconds after which a stalled example is interrupted (the deadline is measured only once an
example returns: this turns a hang into a failure instead of a stalled test run)."""

_LONG = int(os.environ.get("EDITION_FUZZ_EXAMPLES", "0") or 0)
FUZZ = settings(
    max_examples=_LONG or 30,
    deadline=DEADLINE,
    derandomize=not _LONG,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


# ---------------------------------------------------------------- running the check

class Stalled(Exception):
    """An example ran past HARD_LIMIT."""


@contextlib.contextmanager
def hard_limit(seconds: float) -> Iterator[None]:
    """The package's own time limit (the one a build puts on WeasyPrint), as this harness's Stalled."""
    try:
        with time_limit(seconds):
            yield
    except OutOfTime:
        raise Stalled(f"the check ran for more than {seconds} s") from None


def run_check(project: Path) -> tuple[int, list[dict[str, Any]]]:
    """`python -m edition check --format json`, in-process, with real stdout/stderr encodings:
    strict UTF-8 for stdout (as when piped), backslashreplace for stderr (Python's default)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), hard_limit(HARD_LIMIT):
        code = main(["check", str(project / CONFIG), "--format", "json"])
    out.flush()
    report = json.loads(out.buffer.getvalue().decode("utf-8"))
    return code, report["problems"]


def assert_only_problems(project: Path) -> None:
    """The property: an exit code and well-formed, located problems with known rule ids."""
    code, problems = run_check(project)
    assert code in (0, 1, 2), code
    assert (code == 0) == (problems == []), (code, problems)
    if code == 2:
        # edition.yml (or its changelog) unusable: its problems alone, nothing else checked
        assert problems and len({problem["path"] for problem in problems}) == 1, problems
    for problem in problems:
        assert isinstance(problem["path"], str) and problem["path"], problem
        assert isinstance(problem["line"], int) and problem["line"] >= 1, problem
        assert problem["rule"] in RULES, problem
        assert isinstance(problem["message"], str) and problem["message"].strip(), problem


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the tiny edition, warmed up: the schemas' reference validator is imported and
    compiled once here, not inside the first timed example."""
    root = tmp_path_factory.mktemp("fuzz") / "mini"
    shutil.copytree(MINI, root)
    for path, broken in ((NOTE, "---\nid: 5\n---\n"), (ENTRY, "---\nid: 5\n---\n"), (MENTIONS, "- 5\n"),
                         (BIB, "[5]\n")):
        with planted(root, path, broken.encode()):
            run_check(root)
    return root


@contextlib.contextmanager
def planted(project: Path, path: str, data: bytes) -> Iterator[None]:
    """`data` in place of one file of the project for the duration, then the original back."""
    file = project / path
    original = file.read_bytes()
    file.write_bytes(data)
    try:
        yield
    finally:
        file.write_bytes(original)


def check_with(project: Path, path: str, data: bytes) -> None:
    """The property for one generated file, within CPU_LIMIT (the least of two runs if the first
    exceeds it: a collection of a large heap can land in any one run)."""
    with planted(project, path, data):
        used = least_cpu(lambda: assert_only_problems(project), tries=2, enough=CPU_LIMIT)
    assert used < CPU_LIMIT, f"the check used {used:.2f} s of CPU time for one file"


def original(path: str) -> bytes:
    return (MINI / path).read_bytes()


# ---------------------------------------------------------------- strategies: bytes

INTERESTING_BYTES = [b"\x00", b"\xff", b"\xef\xbb\xbf", b"\xfe\xff", b"\r", b"\r\n", b"\t", b"---\n", b"\n---\n",
                     b": ", b"- ", b"&a ", b"*a", b"<<: *a", b"[", b"{", b"\"", b"'", b"#", b"!!binary ",
                     b"%YAML 1.1\n", b"\xe2\x80\xae", b"\xc3", b"\xed\xa0\x80", b"\\ud800", b"<script>", b"]", b"}",
                     b",", b"\\"]
"""Bytes that mean something to a decoder, the front matter splitter or a YAML or JSON parser."""


@st.composite
def mutated_bytes(draw: st.DrawFn, source: bytes) -> bytes:
    """`source` after a few random edits at random places."""
    data = bytearray(source)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["insert", "delete", "replace", "cut", "repeat"]))
        if operation == "insert":
            data[position:position] = draw(st.sampled_from(INTERESTING_BYTES) | st.binary(min_size=1, max_size=8))
        elif operation == "delete":
            del data[position:position + draw(st.integers(1, 40))]
        elif operation == "replace" and position < len(data):
            data[position] = draw(st.integers(0, 255))
        elif operation == "cut":
            del data[position:]
        elif operation == "repeat":
            data[position:position] = data[position:position + draw(st.integers(1, 80))]
    return bytes(data)


def any_bytes(path: str) -> st.SearchStrategy[bytes]:
    return st.binary(max_size=400) | mutated_bytes(original(path))


# ---------------------------------------------------------------- strategies: YAML and JSON values

FIELD_NAMES = ["id", "title", "target", "paragraph", "exact", "prefix", "suffix", "type", "verdict", "authors",
               "name", "url", "orcid", "date", "dates", "label", "in_text", "sources", "key", "locator", "quote",
               "kind", "aliases", "summary", "related", "parties", "background", "sentence", "wikidata", "entry",
               "texts", "source", "sha256", "page", "notes", "notes_url", "mentions", "original", "container",
               "issued", "glossary", "glossary_url", "version", "editors", "family", "given", "literal",
               "apparatus", "word_limits", "require_evidence", "disallowed_domains", "retired_notes", "pages",
               "bibliography", "URL", "container-title", "date-parts", "accessed", "author", "genre"]
WORDS = ["", " ", "TODO", "index", "northland", "lighthouse-accord", "la-p1-signing", "kl-p1-wages", "Northland",
         "Accord", "fact-check", "context", "actor", "agreement", "state", "treaty", "accurate", "1", "9",
         "headline", "byline", "author-note", "2024-01-01", "2024-02-30", "https://example.org/a", "https://[::1/",
         "javascript:alert(1)", "<img src=x onerror=alert(1)>", "&lt;b&gt;", "{: .x}", "glossary:northland",
         "note:la-p2-gold", "para:3", "../../etc/passwd", "/etc", ".", "..", "a\u202eb", "a\x07b", "\u200b",
         "harbour-gazette-2021-03-03-the-accord-at-one", "signed the Lighthouse Accord", "0.1.0", "Q1",
         "webpage", "article-newspaper"]

keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=12)
scalars = (st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=40) | st.sampled_from(WORDS))


def _containers(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4)


yaml_values = st.recursive(scalars, _containers, max_leaves=16)
json_scalars = (st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False)
                | st.text(max_size=40) | st.sampled_from(WORDS))
json_values = st.recursive(json_scalars, _containers, max_leaves=16)


def _front_matter(path: str) -> tuple[dict[str, Any], str]:
    text = original(path).decode("utf-8")
    _, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta), body


@st.composite
def changed_mapping(draw: st.DrawFn, mapping: dict[str, Any], values: st.SearchStrategy) -> dict[str, Any]:
    """`mapping` with some fields replaced or added (generated values) and some removed."""
    changed, names = dict(mapping), sorted(mapping)
    if names:
        for key in draw(st.lists(st.sampled_from(names), max_size=2)):
            changed.pop(key, None)
    for key in draw(st.lists(st.sampled_from(names) | keys if names else keys, min_size=1, max_size=3)):
        current = changed.get(key)
        if isinstance(current, dict) and draw(st.booleans()):
            changed[key] = draw(changed_mapping(current, values))
        elif isinstance(current, list) and current and isinstance(current[0], dict) and draw(st.booleans()):
            changed[key] = [draw(changed_mapping(current[0], values)), *current[1:]]
        else:
            changed[key] = draw(values)
    return changed


def dump_yaml(draw: st.DrawFn, value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=draw(st.booleans()), sort_keys=False,
                          default_flow_style=draw(st.sampled_from([False, True, None])),
                          width=draw(st.sampled_from([80, 20, 10**6])))


@st.composite
def yaml_mutations(draw: st.DrawFn, text: str) -> str:
    """Line edits a hand-editing contributor makes: indentation, tabs, anchors and aliases,
    repeated and dropped lines, stray colons and quotes."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        line = lines[index] if lines else ""
        operation = draw(st.sampled_from(["indent", "dedent", "tab", "anchor", "alias", "repeat", "drop",
                                          "colon", "quote", "merge", "document"]))
        if operation == "indent":
            line = " " * draw(st.integers(1, 5)) + line
        elif operation == "dedent":
            line = line.lstrip(" ")
        elif operation == "tab":
            line = "\t" + line.lstrip(" ")
        elif operation == "anchor" and ": " in line:
            line = line.replace(": ", f": &{draw(st.sampled_from('ab'))} ", 1)
        elif operation == "alias" and ": " in line:
            line = line.split(": ", 1)[0] + f": *{draw(st.sampled_from('ab'))}"
        elif operation == "repeat":
            lines.insert(index, line)
        elif operation == "drop" and lines:
            del lines[index]
            continue
        elif operation == "colon":
            line += ": x"
        elif operation == "quote":
            line += draw(st.sampled_from(['"', "'", '"x" y']))
        elif operation == "merge":
            line = "<<: *" + draw(st.sampled_from("ab")) if draw(st.booleans()) else line + " &a"
        elif operation == "document":
            line = draw(st.sampled_from(["---", "...", "%YAML 1.2", "? complex", "!!python/name:os.system"]))
        if lines:
            lines[index] = line
    return "\n".join(lines)


BODY_FRAGMENTS = ["[x](glossary:northland)", "[x](note:nowhere)", "[x](para:99)", "[x](javascript:alert(1))",
                  "<b>", "&#60;script&#62;", "{style=x}", "![i](https://example.org/i.png)", "TODO", "\x00", "\u202e",
                  "[x][r]\n\n[r]: javascript:x", "```\n<script>\n```", "<https://example.org>", "\\", "`", "*", "_",
                  "\n---\n", "[", "](", "<!-- edition:counts -->", "<", "&"]


@st.composite
def bodies(draw: st.DrawFn, body: str) -> str:
    if draw(st.booleans()):
        return draw(st.text(max_size=200))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(body)))
        body = body[:position] + draw(st.sampled_from(BODY_FRAGMENTS) | st.text(max_size=10)) + body[position:]
    return body


@st.composite
def front_matter_files(draw: st.DrawFn, path: str, mutate: bool) -> bytes:
    meta, body = _front_matter(path)
    value = draw(changed_mapping(meta, yaml_values) | yaml_values) if draw(st.integers(0, 4)) else draw(yaml_values)
    text = dump_yaml(draw, value)
    if mutate:
        text = draw(yaml_mutations(text))
    return f"---\n{text}---\n{draw(bodies(body))}".encode("utf-8")


@st.composite
def mentions_files(draw: st.DrawFn, mutate: bool) -> bytes:
    items = yaml.safe_load(original(MENTIONS))
    shape = draw(st.integers(0, 3))
    if shape == 0:
        value = draw(yaml_values)
    else:
        index = draw(st.integers(0, len(items) - 1))
        items[index] = draw(changed_mapping(items[index], yaml_values))
        value = items + draw(st.lists(yaml_values, max_size=2))
    text = dump_yaml(draw, value)
    return (draw(yaml_mutations(text)) if mutate else text).encode("utf-8")


@st.composite
def config_files(draw: st.DrawFn, mutate: bool) -> bytes:
    config = yaml.safe_load(original(CONFIG))
    where = draw(st.sampled_from(["top", "text", "original", "apparatus", "whole"]))
    if where == "whole":
        config = draw(yaml_values)
    elif where == "top":
        config = draw(changed_mapping(config, yaml_values))
    elif where == "apparatus":
        config["apparatus"] = draw(changed_mapping(config.get("apparatus") or {"word_limits": {"context": 10}},
                                                   yaml_values))
    else:
        text = config["texts"][draw(st.integers(0, len(config["texts"]) - 1))]
        if where == "text":
            text.update(draw(changed_mapping(text, yaml_values)))
        else:
            text["original"] = draw(changed_mapping(text["original"], yaml_values))
    dumped = dump_yaml(draw, config)
    return (draw(yaml_mutations(dumped)) if mutate else dumped).encode("utf-8")


@st.composite
def bibliography_files(draw: st.DrawFn) -> bytes:
    items = json.loads(original(BIB))
    shape = draw(st.integers(0, 4))
    if shape == 0:
        value = draw(json_values)
    else:
        index = draw(st.integers(0, len(items) - 1))
        items[index] = draw(changed_mapping(items[index], json_values))
        value = items + draw(st.lists(json_values, max_size=2))
    return json.dumps(value, indent=draw(st.sampled_from([None, 2])), ensure_ascii=draw(st.booleans())).encode("utf-8")


VERSIONS = st.sampled_from(["0.1.0", "0.2.0", "1.0.0", "0.1", "v0.1.0", "00.1.0", "99999999999999999999.0.0"])
DATES = st.sampled_from(["2024-01-01", "2024-13-45", "0000-00-00", "2024-1-1", ""]) | st.text(max_size=12)


@st.composite
def changelog_files(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            dash = draw(st.sampled_from(["—", "–", "-", "", "—\u202e"]))
            lines.append(f"## {draw(VERSIONS)} {dash} {draw(DATES)}")
        elif kind == 1:
            lines.append(draw(st.sampled_from(["# Changelog", "", "- a change", "###", "## ", "<script>"])))
        else:
            lines.append(draw(st.text(max_size=60)))
    return "\n".join(lines).encode("utf-8")


# ---------------------------------------------------------------- strategies: hostile shapes (#23)

PUNCTUATION_UNITS = ["{a=", "[", "(", "[a](", "\\", "<a", "&lt;a", "*", "_", "`", "![", "{:", "- ", "> ", "1. ",
                     "    - ", "“", "‘", '"', "a: ", "{:a:", "127.", "9"]
"""Units whose long repetition stalled or crashed a parser (backtracking, rescanning, recursion)."""


@st.composite
def repeated(draw: st.DrawFn, largest: int) -> str:
    """A unit of `PUNCTUATION_UNITS` (or two interleaved) repeated up to `largest` characters."""
    unit = draw(st.sampled_from(PUNCTUATION_UNITS))
    if draw(st.booleans()):
        unit += draw(st.sampled_from(PUNCTUATION_UNITS))
    return unit * (draw(st.integers(1, largest)) // len(unit) + 1)


@st.composite
def deep_markdown(draw: st.DrawFn) -> str:
    """Markdown nested deeply: list markers, quotes and indentation, on one line or many."""
    markers = st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "> ", "    ", "\t"])
    if draw(st.booleans()):
        return "".join(draw(st.lists(markers, min_size=1, max_size=60))) * draw(st.integers(1, 30)) + "x\n"
    return "".join(draw(markers) * level + "- x\n" for level in range(draw(st.integers(1, 40))))


@st.composite
def hostile_bodies(draw: st.DrawFn) -> bytes:
    meta, _ = _front_matter(NOTE)
    body = draw(deep_markdown() | repeated(40_000))
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n{body}\n".encode("utf-8")


HUGE_NUMBER = st.integers(90, 6000).map(lambda digits: "9" * digits)


@st.composite
def hostile_front_matter(draw: st.DrawFn) -> bytes:
    """A note's front matter with a huge unquoted number, a very long field, or repeated punctuation."""
    meta, body = _front_matter(NOTE)
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    lines = text.split("\n")
    index = draw(st.integers(0, len(lines) - 2))
    value = draw(HUGE_NUMBER | repeated(3000) | st.integers(1900, 5000).map(lambda n: "x" * n))
    if ": " in lines[index]:
        lines[index] = lines[index].split(": ", 1)[0] + ": " + (value if value.isdigit() else json.dumps(value))
    return f"---\n{chr(10).join(lines)}---\n{body}".encode("utf-8")


CSL_NOTES = st.sampled_from(["URL: http://127.0.0.1/x", "issued: 1999", "container-title: X", "{:title:Y}",
                             "Seen.\nURL: http://127.1/", "  author: Z", "A plain note."])
CSL_DATES = st.lists(st.integers(-10, 10_000) | st.text(max_size=5) | HUGE_NUMBER, min_size=1, max_size=4)


@st.composite
def hostile_bibliographies(draw: st.DrawFn) -> bytes:
    """bibliography.json with hostile CSL fields: notes that set variables, impossible dates, short
    forms of IP addresses, deeply nested quotation marks, huge numbers, many items."""
    items = json.loads(original(BIB))
    index = draw(st.integers(0, len(items) - 1))
    field = draw(st.sampled_from(["note", "issued", "URL", "title", "author", "volume", "items"]))
    if field == "note":
        items[index]["note"] = draw(CSL_NOTES)
    elif field == "issued":
        items[index]["issued"] = {"date-parts": [draw(CSL_DATES)]}
    elif field == "URL":
        host = draw(st.sampled_from(["127.1", "0x7f.1", "2130706433", "127.0.0.1", "[::1]", "0177.0.0.1", "10.1"]))
        items[index]["URL"] = f"http://{host}/story"
    elif field == "title":
        depth = draw(st.integers(1, 20))
        items[index]["title"] = "“a ‘b " * depth + "c" + "’ d” e" * depth
    elif field == "author":
        items[index]["author"] = [{"family": draw(repeated(100_000))}]
    elif field == "volume":
        text = json.dumps(items)
        return text.replace('"type": ', f'"volume": {draw(HUGE_NUMBER)}, "type": ', 1).encode("utf-8")
    else:
        count = draw(st.integers(1000, 60_000))
        return ("[" + ",".join(f'{{"id":"i{n}","type":"book"}}' for n in range(count)) + "]").encode("utf-8")
    return json.dumps(items, indent=2, ensure_ascii=False).encode("utf-8")


@st.composite
def hostile_configs(draw: st.DrawFn) -> bytes:
    """edition.yml with script URLs, paths out of the project, markup, CSS breakouts and dates."""
    config = yaml.safe_load(original(CONFIG))
    field = draw(st.sampled_from(["url", "license", "short_title", "pages", "notes", "glossary", "issued", "page"]))
    value = draw(st.sampled_from(["javascript:alert(1)", "/etc", "../..", "/abs/x.md", "../x.md", "x\"; } a{b:url(",
                                  "file:///etc/passwd", "<img src=x>", "1864-03", "1864", "2016-02-30", "2016-13",
                                  "\x1b[2J", "9" * 5000]))
    text = config["texts"][0]
    if field in ("notes", "page"):
        text[field] = value
    elif field == "issued":
        text["original"]["issued"] = value
    elif field == "pages":
        config["pages"] = {"claims": value}
    else:
        config[field] = value
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode("utf-8")


# ---------------------------------------------------------------- the properties

@pytest.mark.parametrize("kind", sorted(KINDS))
@FUZZ
@given(data=st.data())
def test_arbitrary_bytes_give_problems(project: Path, kind: str, data: st.DataObject):
    path = KINDS[kind]
    check_with(project, path, data.draw(any_bytes(path), label="bytes"))


@pytest.mark.parametrize("kind", ["note", "entry"])
@pytest.mark.parametrize("mutate", [False, True], ids=["dumped", "mutated"])
@FUZZ
@given(data=st.data())
def test_front_matter_structures_give_problems(project: Path, kind: str, mutate: bool, data: st.DataObject):
    path = KINDS[kind]
    check_with(project, path, data.draw(front_matter_files(path, mutate), label=kind))


@pytest.mark.parametrize("mutate", [False, True], ids=["dumped", "mutated"])
@FUZZ
@given(data=st.data())
def test_mentions_structures_give_problems(project: Path, mutate: bool, data: st.DataObject):
    check_with(project, MENTIONS, data.draw(mentions_files(mutate), label="mentions.yml"))


@pytest.mark.parametrize("mutate", [False, True], ids=["dumped", "mutated"])
@FUZZ
@given(data=st.data())
def test_config_structures_give_problems(project: Path, mutate: bool, data: st.DataObject):
    check_with(project, CONFIG, data.draw(config_files(mutate), label="edition.yml"))


@FUZZ
@given(data=st.data())
def test_bibliography_structures_give_problems(project: Path, data: st.DataObject):
    check_with(project, BIB, data.draw(bibliography_files(), label="bibliography.json"))


@FUZZ
@given(data=st.data())
def test_changelog_text_gives_problems(project: Path, data: st.DataObject):
    check_with(project, CHANGELOG, data.draw(changelog_files(), label="CHANGELOG.md"))


@FUZZ
@given(data=st.data())
def test_hostile_bodies_give_problems(project: Path, data: st.DataObject):
    check_with(project, NOTE, data.draw(hostile_bodies(), label="note"))


@FUZZ
@given(data=st.data())
def test_hostile_front_matter_gives_problems(project: Path, data: st.DataObject):
    check_with(project, NOTE, data.draw(hostile_front_matter(), label="note"))


@FUZZ
@given(data=st.data())
def test_hostile_bibliographies_give_problems(project: Path, data: st.DataObject):
    check_with(project, BIB, data.draw(hostile_bibliographies(), label="bibliography.json"))


@FUZZ
@given(data=st.data())
def test_hostile_configs_give_problems(project: Path, data: st.DataObject):
    check_with(project, CONFIG, data.draw(hostile_configs(), label="edition.yml"))


# ---------------------------------------------------------------- the harness itself

def test_the_harness_sees_problems_and_restores_the_file(project: Path):
    """A generated file is seen by the check (a broken note is reported) and then put back."""
    before = (project / NOTE).read_bytes()
    with planted(project, NOTE, b"no front matter\n"):
        code, problems = run_check(project)
    assert code == 1
    assert [(p["path"], p["rule"]) for p in problems] == [(NOTE, "frontmatter-missing")]
    assert (project / NOTE).read_bytes() == before
    assert run_check(project) == (0, [])


def test_the_harness_fails_on_an_exception(project: Path, monkeypatch: pytest.MonkeyPatch):
    """An exception inside the loader is not swallowed by the harness."""
    import edition.__main__ as cli

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(cli, "load_edition", broken)
    with pytest.raises(ZeroDivisionError):
        assert_only_problems(project)


@pytest.mark.skipif(not can_limit(), reason="no interval timer on this platform")
def test_the_hard_limit_interrupts_a_stall():
    started = time.perf_counter()
    with pytest.raises(Stalled):
        with hard_limit(0.2):
            while time.perf_counter() - started < 5:
                pass
    assert time.perf_counter() - started < 2


def test_the_cpu_bound_fails_a_slow_check(project: Path, monkeypatch: pytest.MonkeyPatch):
    """A check that burns more CPU than the bound fails the example (the bound is not decoration)."""
    import edition.__main__ as cli

    real = cli.load_edition

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003
        started = time.thread_time()
        while time.thread_time() - started < CPU_LIMIT + 0.1:
            pass
        return real(*args, **kwargs)

    monkeypatch.setattr(cli, "load_edition", slow)
    with pytest.raises(AssertionError, match="s of CPU time for one file"):
        check_with(project, NOTE, original(NOTE))
