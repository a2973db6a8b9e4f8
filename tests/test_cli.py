"""`python -m edition check` as contributors and CI see it: its three formats and its exit codes.

Each test runs the command as a subprocess, as `make check` and the pull-request workflow do, on a
copy of the edition broken in known ways:

- a mention names an entry that does not exist (a root cause), so that entry's page is mentioned
  nowhere (a knock-on problem that must come after its cause and name it);
- a note's quotation carries '%', a carriage return and a line feed (what GitHub's workflow
  commands must escape in a message);
- a note whose file name holds ',' and ':' (what they must escape in a property) has a YAML
  mistake, which the check locates to a line and a column.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from edition.rules import RULES
from edition_testing import ROOT, copy_project, run_check

TEXT = "texts/rekindled-pak-russia-relations"
MENTIONS = f"{TEXT}/mentions.yml"
NOTE = f"{TEXT}/notes/p4-visit-date.md"
ODD_NOTE = f"{TEXT}/notes/p4,odd:name.md"
BAD_QUOTE = "100% in Dec\r\n2014"


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    (number,) = [number for number, line in enumerate(lines, start=1) if needle in line]
    return number


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("cli") / "project")
    mentions = project / MENTIONS
    text = mentions.read_text(encoding="utf-8")
    assert text.count("entry: khawaja-asif}") == 1
    mentions.write_text(text.replace("entry: khawaja-asif}", "entry: khawaja-asiff}"), encoding="utf-8")
    note = project / NOTE
    text = note.read_text(encoding="utf-8")
    assert text.count('exact: "in December 2014"') == 1
    note.write_text(text.replace('exact: "in December 2014"', 'exact: "100% in Dec\\r\\n2014"'), encoding="utf-8")
    (project / ODD_NOTE).write_text("---\nid: p4-odd\ntitle: @scholar\n---\nBody.\n", encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def reported(broken: Path) -> list[dict]:
    """The problems as the JSON format reports them (the other formats are compared with it)."""
    result = run_check(broken, "--format", "json")
    assert result.returncode == 1, result.output
    return json.loads(result.stdout)["problems"]


# ---------------------------------------------------------------- text (the default)

TEXT_LINE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?:(?P<column>\d+):)? (?P<message>.+?)"
                       r"(?: \((?P<hint>.+)\))? \[(?P<rule>[a-z0-9-]+)\]$")


def test_text_prints_each_problem_on_one_line_with_its_hint_and_rule(broken: Path, reported: list[dict]):
    result = run_check(broken)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1].startswith(f"edition check: {len(reported)} problem(s); ")
    problem_lines = [line for line in lines[:-1] if not line.startswith("    ↳ follows from ")]
    assert len(problem_lines) == len(reported)
    for line, problem in zip(problem_lines, reported, strict=True):
        where = f"{problem['path']}:{problem['line']}:" + (f"{problem['column']}:" if problem["column"] else "")
        message = problem["message"].replace("\r", "\\r").replace("\n", "\\n")
        hint = f" ({problem['hint']})" if problem["hint"] else ""
        assert line == f"{where} {message}{hint} [{problem['rule']}]"
    mention_line = _line_of(broken / MENTIONS, "khawaja-asiff")
    assert (f"{MENTIONS}:{mention_line}: unknown glossary entry: 'khawaja-asiff' (did you mean 'khawaja-asif'?) "
            "[mention-unknown-entry]") in lines
    assert f"{ODD_NOTE}:3:8: line 3: a value cannot start with '@' in YAML: 'title: @scholar' " \
           "(put the whole value in double quotes) [yaml-reserved-character]" in lines
    assert result.stdout == ""


def test_text_writes_a_values_line_breaks_out_instead_of_breaking_the_line(broken: Path):
    lines = run_check(broken).stderr.splitlines()
    (quote,) = [line for line in lines if line.endswith("[quote-not-found]")]
    assert quote.startswith(f"{NOTE}:{_line_of(broken / NOTE, 'exact:')}: quotation not found in ¶4: "
                            "'100% in Dec\\r\\n2014'")


def test_text_puts_a_knock_on_problem_after_its_cause_and_names_it(broken: Path):
    lines = run_check(broken).stderr.splitlines()
    mention_line = _line_of(broken / MENTIONS, "khawaja-asiff")
    cause = next(i for i, line in enumerate(lines) if line.startswith(f"{MENTIONS}:{mention_line}:"))
    knock_on = next(i for i, line in enumerate(lines) if line.endswith("[entry-unmentioned]"))
    assert lines[knock_on].startswith("glossary/khawaja-asif.md:")
    assert knock_on > cause
    assert lines[knock_on + 1] == f"    ↳ follows from {MENTIONS}:{mention_line}"


def test_clean_edition_says_so_on_stdout_and_exits_0():
    result = run_check(ROOT)
    assert result.returncode == 0, result.output
    assert result.stderr == ""
    assert re.fullmatch(r"edition check: no problems; \d+ glossary entries, \d+ notes, \d+ mentions, \d+ sources, "
                        r"1 text; \d+\.\d\ds\n", result.stdout), result.stdout


# ---------------------------------------------------------------- GitHub workflow commands

def _escape_data(text: str) -> str:
    """GitHub's rules for a workflow command's message (actions/toolkit, `escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """… and for a property value (`escapeProperty`): also ':' and ','."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(problem: dict) -> str:
    properties = [f"file={_escape_property(problem['path'])}", f"line={problem['line']}"]
    if problem["column"]:
        properties.append(f"col={problem['column']}")
    properties.append(f"title={_escape_property(problem['rule'])}")
    message = problem["message"] + (f" ({problem['hint']})" if problem["hint"] else "")
    if problem["cause"]:
        message += f" — follows from {problem['cause']}"
    return f"::error {','.join(properties)}::{_escape_data(message)}"


def test_github_prints_one_escaped_error_command_per_problem(broken: Path, reported: list[dict]):
    result = run_check(broken, "--format", "github")
    assert result.returncode == 1
    commands = result.stdout.splitlines()
    assert commands == [_annotation(problem) for problem in reported]
    # What the escaping is for: one physical line per problem, and properties that split cleanly.
    for command in commands:
        match = re.fullmatch(r"::error (?P<properties>[^:]+)::(?P<message>[^\r\n]+)", command)
        assert match, command
        assert all(re.fullmatch(r"(file|line|col|title)=[^,]+", part) for part in match["properties"].split(","))
    assert any("file=texts/rekindled-pak-russia-relations/notes/p4%2Codd%3Aname.md,line=3,col=8,"
               "title=yaml-reserved-character::" in command for command in commands)
    assert any("'100%25 in Dec%0D%0A2014'" in command for command in commands)


def test_github_actions_picks_the_github_format_and_writes_the_job_summary(broken: Path, reported: list[dict],
                                                                           tmp_path: Path):
    summary = tmp_path / "summary.md"
    summary.write_text("## An earlier step\n\n", encoding="utf-8")
    result = run_check(broken, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [_annotation(problem) for problem in reported]
    markdown = summary.read_text(encoding="utf-8")
    assert markdown.startswith("## An earlier step\n\n")  # appended, as GitHub expects, never overwritten
    assert f"### Edition check: {len(reported)} problem(s)" in markdown
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and not line.startswith(("| where", "| ---"))]
    assert len(rows) == len(reported)
    for row, problem in zip(rows, reported, strict=True):
        # File names are contributors' text: Markdown's punctuation in them escaped (#23).
        where = re.sub(r"([\\`*_{}\[\]()#+\-.!|~])", r"\\\1", f"{problem['path']}:{problem['line']}")
        assert row.startswith(f"| {where} | ")
        assert row.endswith(f" | `{problem['rule']}` |")
        assert row.count(" | ") == 3, row  # a '|' or a line break in a value would add cells or rows


def test_format_option_overrides_github_actions(broken: Path, tmp_path: Path):
    summary = tmp_path / "summary.md"
    result = run_check(broken, "--format", "text", GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 1
    assert "::error" not in result.output and TEXT_LINE.match(result.stderr.splitlines()[0])
    assert not summary.exists()


def test_github_summary_of_a_clean_edition(tmp_path: Path):
    summary = tmp_path / "summary.md"
    result = run_check(ROOT, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 0, result.output
    assert "::error" not in result.stdout
    assert summary.read_text(encoding="utf-8").startswith("### Edition check: no problems\n")


# ---------------------------------------------------------------- JSON

FIELDS = {"path", "line", "column", "rule", "message", "hint", "cause", "severity", "rule_title"}


def test_json_is_one_document_with_every_field_and_a_summary(broken: Path):
    result = run_check(broken, "--format", "json")
    assert result.returncode == 1
    assert result.stderr == ""
    document = json.loads(result.stdout)
    problems = document["problems"]
    assert all(set(problem) == FIELDS for problem in problems)
    for problem in problems:
        assert isinstance(problem["path"], str) and isinstance(problem["line"], int) and problem["line"] >= 1
        assert problem["column"] is None or problem["column"] >= 1
        assert problem["rule"] in RULES and problem["rule_title"] == RULES[problem["rule"]].title
        assert problem["severity"] == "error"
    by_rule = {problem["rule"]: problem for problem in problems}
    mention_line = _line_of(broken / MENTIONS, "khawaja-asiff")
    assert by_rule["mention-unknown-entry"] == {
        "path": MENTIONS, "line": mention_line, "column": None, "rule": "mention-unknown-entry",
        "message": "unknown glossary entry: 'khawaja-asiff'", "hint": "did you mean 'khawaja-asif'?", "cause": None,
        "severity": "error", "rule_title": RULES["mention-unknown-entry"].title}
    assert by_rule["entry-unmentioned"]["cause"] == f"{MENTIONS}:{mention_line}"
    assert by_rule["quote-not-found"]["message"] == f"quotation not found in ¶4: '{BAD_QUOTE}'"
    assert (by_rule["yaml-reserved-character"]["path"], by_rule["yaml-reserved-character"]["column"]) == (ODD_NOTE, 8)
    summary = document["summary"]
    assert summary["problems"] == len(problems)
    assert set(summary) == {"problems", "glossary_entries", "notes", "mentions", "sources", "texts"}
    assert summary["texts"] == 1 and summary["sources"] > 100
    assert isinstance(document["seconds"], float)


def test_json_of_a_clean_edition_has_no_problems():
    result = run_check(ROOT, "--format", "json")
    assert result.returncode == 0, result.output
    document = json.loads(result.stdout)
    assert document["problems"] == [] and document["summary"]["problems"] == 0


# ---------------------------------------------------------------- exit codes

@pytest.mark.parametrize("args", [("--format", "xml"), ("--no-such-option",)], ids=["unknown format", "unknown option"])
def test_wrong_usage_exits_2_with_the_usage(args: tuple[str, ...]):
    result = run_check(ROOT, *args)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: python -m edition")
    assert result.stdout == ""


def test_a_missing_edition_yml_is_located_and_exits_2(tmp_path: Path):
    shutil.copytree(ROOT / "hooks", tmp_path / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    result = run_check(tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "edition.yml:1: edition configuration not found [config-missing]"
    json_result = run_check(tmp_path, "--format", "json")
    assert json_result.returncode == 2
    (problem,) = json.loads(json_result.stdout)["problems"]
    assert (problem["path"], problem["rule"]) == ("edition.yml", "config-missing")


# ---------------------------------------------------------------- YAML mistakes, end to end

def test_a_tab_in_mentions_yml_is_reported_in_plain_words(tmp_path: Path):
    """The unit tests cover each YAML message (tests/unit/test_frontmatter.py); this one shows that
    the command prints them with the file's own line, and that a file that cannot be read brings
    no knock-on "entry is mentioned nowhere" for every entry."""
    project = copy_project(tmp_path / "project")
    mentions = project / MENTIONS
    lines = mentions.read_text(encoding="utf-8").splitlines(keepends=True)
    number = _line_of(mentions, "exact: USSR")
    lines[number - 1] = "\t" + lines[number - 1]
    mentions.write_text("".join(lines), encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{MENTIONS}:{number}: line {number} is indented with a tab: 'use spaces' "
        "(YAML allows only spaces for indentation; replace the tab by spaces) [yaml-tab]",
        result.stderr.splitlines()[-1]]
    assert result.stderr.splitlines()[-1].startswith("edition check: 1 problem(s); ")
