"""The check's guarantees beyond what a contribution can break.

1. Rules a contribution cannot trigger (they guard the maintainers' files, or the machine the
   check runs on): a source outside the repository, a path that is a folder or a pipe, a file
   that cannot be read, edition.yml missing or wrong, the bibliography missing or not CSL-JSON,
   the transcript and the changelog. Each case breaks a copy of the real project and asserts
   the exact problem line printed by `python -m edition check` (what `make check` runs).
2. Regressions of what fuzzing (tests/test_fuzz.py) found: each was an exception, now a problem.
3. Every rule of `edition.rules.RULES` is triggered by at least one case, here or in
   tests/test_bad_input.py and tests/test_hostile_input.py: a rule added without a test fails.
4. `make check` and `make build` never create, modify or delete a file of the project, on valid
   and on invalid input, as `git status` and a hash of every file see it.
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

import test_bad_input
import test_hostile_input
import test_hostile_round_two
from edition.config import ConfigError, load_config
from edition.load import load_edition
from edition.rules import RULES
from edition_testing import ROOT, Run, check_in_process, copy_project, copy_sources, run_check, same_output

TEXT = "texts/rekindled-pak-russia-relations"
NOTE = f"{TEXT}/notes/p4-visit-date.md"
MENTIONS = f"{TEXT}/mentions.yml"
SOURCE = f"{TEXT}/source.txt"
BIB = "bibliography.json"
CONFIG = "edition.yml"

Change = Callable[[Path], None]


def _text(project: Path, path: str) -> str:
    return (project / path).read_text(encoding="utf-8")


def replace(path: str, old: str, new: str) -> Change:
    """Replace `old` (which must occur exactly once) by `new` in one file of the project."""
    def change(project: Path) -> None:
        text = _text(project, path)
        assert text.count(old) == 1, f"{path}: {old!r} occurs {text.count(old)} times"
        (project / path).write_text(text.replace(old, new), encoding="utf-8")
    return change


def replace_first(path: str, old: str, new: str) -> Change:
    """Replace the first occurrence of `old` by `new` in one file of the project."""
    def change(project: Path) -> None:
        text = _text(project, path)
        assert old in text, f"{path}: {old!r} does not occur"
        (project / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def write(path: str, text: str | bytes) -> Change:
    def change(project: Path) -> None:
        file = project / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return change


def delete(path: str) -> Change:
    def change(project: Path) -> None:
        (project / path).unlink()
    return change


def both(*changes: Change) -> Change:
    def change(project: Path) -> None:
        for one in changes:
            one(project)
    return change


def config_line(start: str) -> int:
    """1-based line of the real edition.yml that starts with `start` (exactly one)."""
    found = [n for n, text in enumerate((ROOT / CONFIG).read_text(encoding="utf-8").splitlines(), start=1)
             if text.startswith(start)]
    assert len(found) == 1, f"{len(found)} lines of edition.yml start with {start!r}"
    return found[0]


def note_line(start: str) -> int:
    found = [n for n, text in enumerate((ROOT / NOTE).read_text(encoding="utf-8").splitlines(), start=1)
             if text.startswith(start)]
    assert len(found) == 1, f"{len(found)} lines of {NOTE} start with {start!r}"
    return found[0]


def _config_version() -> str:
    match = re.search(r"^version: (\S+)$", (ROOT / CONFIG).read_text(encoding="utf-8"), re.MULTILINE)
    assert match, "edition.yml has no version line"
    return match.group(1)


def _newest_release_line() -> int:
    lines = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, start=1) if text.startswith("## "))


def bib_line(project: Path, needle: str) -> int:
    """Line of the changed bibliography that contains `needle` (exactly one)."""
    found = [n for n, text in enumerate(_text(project, BIB).splitlines(), start=1) if needle in text]
    assert len(found) == 1, f"{len(found)} lines of {BIB} contain {needle!r}"
    return found[0]


VERSION = _config_version()
RELEASE_LINE = _newest_release_line()
A_NOTE_ID = "p4-visit-date"
LAST_QUOTE = note_line('    quote: "The two countries')


@dataclass(frozen=True)
class Case:
    """One broken maintainers' file and the problem line the check must print for it."""

    id: str
    change: Change
    expected: str | Callable[[Path], str]
    """The exact problem line, or a function of the changed project that computes it."""
    returncode: int = 1
    """1: problems found; 2: the configuration cannot be used, nothing else was checked."""
    only: bool = False
    """The expected line is the only problem reported (one mistake, one message)."""
    rule_of_computed: str = ""
    """For an expected line computed from the project: the rule it names (checked when it runs)."""

    def expected_line(self, project: Path) -> str:
        return self.expected if isinstance(self.expected, str) else self.expected(project)

    @property
    def rule(self) -> str:
        if not isinstance(self.expected, str):
            return self.rule_of_computed
        match = re.search(r"\[([a-z-]+)\]$", self.expected)
        return match.group(1) if match else ""


def _outside(project: Path, name: str) -> Path:
    """A file beside the project (outside it), as a maintainer's stray path would reach."""
    return project.parent / name


def _bibliography_outside(project: Path) -> None:
    shutil.copy2(project / BIB, _outside(project, "elsewhere.json"))
    (project / BIB).unlink()
    replace(CONFIG, "bibliography: bibliography.json", "bibliography: ../elsewhere.json")(project)


def _glossary_entry_outside(project: Path) -> None:
    outside = _outside(project, "shared-glossary")
    outside.mkdir()
    shutil.copy2(project / "glossary/russia.md", outside / "russia.md")
    replace(CONFIG, "glossary: glossary\n", "glossary: ../shared-glossary\n")(project)


def _folder_named_like_a_note(project: Path) -> None:
    (project / f"{TEXT}/notes/p9-drafts.md").mkdir()
    (project / f"{TEXT}/notes/p9-drafts.md/draft.txt").write_text("a draft\n", encoding="utf-8")


def _mentions_is_a_pipe(project: Path) -> None:
    (project / MENTIONS).unlink()
    os.mkfifo(project / MENTIONS)


NOTE_TEXT = (ROOT / NOTE).read_text(encoding="utf-8")
CASES = [
    # ------------------------------------------------------------ where sources are
    # edition.yml names them: the problem is its own (#23), and nothing else is checked.
    Case("bibliography-outside-the-project", _bibliography_outside,
         f"{CONFIG}:{config_line('bibliography:')}: 'bibliography' names a path outside the project: "
         "'../elsewhere.json' (sources must live inside the repository: give a path relative to edition.yml, "
         "without '..') [path-outside]", returncode=2, only=True),
    Case("glossary-folder-outside-the-project", _glossary_entry_outside,
         f"{CONFIG}:{config_line('glossary:')}: 'glossary' names a path outside the project: '../shared-glossary' "
         "(sources must live inside the repository: give a path relative to edition.yml, without '..') "
         "[path-outside]", returncode=2, only=True),
    Case("folder-named-like-a-note", _folder_named_like_a_note,
         f"{TEXT}/notes/p9-drafts.md:1: not a regular file: 'p9-drafts.md' (sources are plain text files) "
         "[path-not-file]", only=True),
    Case("mentions-is-a-named-pipe", _mentions_is_a_pipe,
         f"{MENTIONS}:1: not a regular file: 'mentions.yml' (sources are plain text files) [path-not-file]",
         only=True),
    Case("bibliography-is-a-folder", both(delete(BIB), lambda project: (project / BIB).mkdir()),
         f"{BIB}:1: not a regular file: 'bibliography.json' (sources are plain text files) [path-not-file]",
         only=True),
    # ------------------------------------------------------------ edition.yml
    Case("config-missing", delete(CONFIG),
         f"{CONFIG}:1: edition configuration not found [config-missing]", returncode=2, only=True),
    Case("config-version-missing", replace(CONFIG, f"version: {VERSION}\n", ""),
         f"{CONFIG}:{config_line('title:')}: missing required setting: 'version' [config-missing]", returncode=2,
         only=True),
    Case("config-glossary-folder-missing", replace(CONFIG, "glossary: glossary\n", "glossary: glosary\n"),
         f"{CONFIG}:1: glossary folder not found: 'glosary' (create it, or correct 'glossary' in edition.yml) "
         "[config-missing]"),
    Case("config-a-list", write(CONFIG, "- title: x\n"),
         f"{CONFIG}:1: the configuration must be a mapping [config-value]", returncode=2, only=True),
    Case("config-texts-not-a-list", replace(CONFIG, "texts:\n", "texts: rekindled\ntexts_old:\n"),
         f"{CONFIG}:{config_line('texts:')}: 'texts' must be a list of texts [config-value]", returncode=2,
         only=True),
    Case("config-apparatus-a-list", replace(CONFIG, "apparatus:\n", "apparatus: [strict]\napparatus_old:\n"),
         f"{CONFIG}:{config_line('apparatus:')}: 'apparatus' must be a mapping: '['strict']' [config-value]",
         returncode=2, only=True),
    Case("config-person-without-a-name", replace(CONFIG, "  - literal: Rekindled Edition Project editorial team\n",
                                                 "  - role: editors\n"),
         f"{CONFIG}:{config_line('editors:') + 1}: a person needs 'family' (and 'given') or 'literal': "
         "'{'role': 'editors'}' [config-value]", returncode=2, only=True),
    Case("config-not-utf8", lambda project: (project / CONFIG).write_bytes(
        (ROOT / CONFIG).read_bytes().replace(b"Rekindled Edition Project editorial", b"R\xe9kindled editorial")),
         f"{CONFIG}:{config_line('  - literal:')}: the file is not UTF-8 text: byte 0xe9 at line "
         f"{config_line('  - literal:')}, column 15: '  - literal: R\\xe9kindled ' (save it as UTF-8 (the "
         "edition's only encoding)) [encoding]", returncode=2, only=True),
    Case("retired-note-still-exists", replace(CONFIG, "retired_notes:\n", f"retired_notes:\n  {A_NOTE_ID}: "
                                                                          "p4-gas-pipeline\n"),
         f"{CONFIG}:1: a retired note still exists: '{A_NOTE_ID}' (remove it from retired_notes in edition.yml, or "
         "delete the note) [retired-note-exists]", only=True),
    Case("retired-note-forwards-nowhere", replace(CONFIG, "retired_notes:\n", "retired_notes:\n  p4-old-note: "
                                                                              "p4-visit-dates\n"),
         f"{CONFIG}:1: retired note 'p4-old-note' forwards to an unknown note: 'p4-visit-dates' (did you mean "
         f"'{A_NOTE_ID}'?) [retired-note-unknown]", only=True),
    # ------------------------------------------------------------ the changelog
    Case("changelog-behind-the-version", replace(CONFIG, f"version: {VERSION}\n", "version: 99.0.0\n"),
         f"CHANGELOG.md:{RELEASE_LINE}: newest changelog version differs from edition.yml's version '99.0.0': "
         f"'{VERSION}' (add a changelog entry for the new version, or correct edition.yml) [changelog-release]",
         only=True),
    Case("changelog-without-releases", write("CHANGELOG.md", "# Changelog\n\nNothing yet.\n"),
         "CHANGELOG.md:1: no release heading like '## 1.0.0 — 2026-11-26' in the changelog: 'CHANGELOG.md' "
         "(add one for the version in edition.yml) [changelog-release]", only=True),
    # ------------------------------------------------------------ the bibliography
    Case("bibliography-missing", delete(BIB),
         f"{BIB}:1: bibliography not found: 'bibliography.json' (create it as a JSON array of CSL-JSON items ([] "
         "when empty)) [bibliography-missing]", only=True),
    # The excerpt stops at the end of the line: one problem, one line of output.
    Case("bibliography-an-object", write(BIB, '{"items": []}\n'),
         f"{BIB}:1: the bibliography must be a JSON array of CSL-JSON items: '{{\"items\": []}}' (start the file "
         "with '[' (Zotero: export as CSL JSON)) [bibliography-syntax]", only=True),
    Case("bibliography-item-not-an-object", write(BIB, '[\n  "dawn-2014-11-20"\n]\n'),
         f"{BIB}:2: bibliography item must be a mapping (key: value): 'dawn-2014-11-20' [schema-type]"),
    Case("bibliography-item-without-id", write(BIB, '[\n  {"type": "webpage", "title": "A page"}\n]\n'),
         f"{BIB}:2: missing required field: 'id' [schema-required]"),
    # A schema violation with no message of its own is still located and named.
    Case("bibliography-month-thirteen", replace(BIB, "[[2015, 9, 28]]", "[[2015, 13, 28]]"),
         lambda project: f"{BIB}:{bib_line(project, '[[2015, 13, 28]]')}: issued.date-parts[1][2] must be a month "
                         "(1-12), as a number or as digits: '13' [schema-type]", rule_of_computed="schema-type"),
    # A schema constraint with no wording of its own gets the validator's message and the rule 'schema'.
    Case("bibliography-three-dates", replace(BIB, "[[2015, 9, 28]]", "[[2015, 9, 28], [2015, 9, 29], [2015, 9, 30]]"),
         lambda project: f"{BIB}:{bib_line(project, '[[2015, 9, 28], [2015, 9, 29]')}: issued.date-parts: "
                         "[[2015, 9, 28], [2015, 9, 29], [2015, 9, 30]] is too long [schema]", rule_of_computed="schema"),
    # Nested as no CSL-JSON item is, and as YAML sources may not be either (the same limit): the
    # schema validator and the hygiene walk recurse, and Python's JSON decoder stops at ~1,000.
    Case("json-nested-forty-deep",
         replace_first(BIB, '    "URL": "http://news.bbc.co.uk/', '    "abstract": ' + "[" * 40 + "]" * 40
                 + ',\n    "URL": "http://news.bbc.co.uk/'),
         f"{BIB}:2: JSON is nested too deeply: 'more than 32 levels' (a CSL-JSON item needs a few levels of lists "
         "and mappings) [bibliography-syntax]"),
    # ------------------------------------------------------------ the transcript
    Case("base-text-missing", delete(SOURCE),
         f"{SOURCE}:1: base text not found: 'source.txt' (copy the transcript there, or correct the text's `source:` path in edition.yml) "
         "[basetext-missing]"),
    Case("base-text-too-few-blocks", write(SOURCE, "## **Rekindled Pak-Russia Relations**\n\nYasir Masood\n"),
         f"{SOURCE}:1: the transcript needs a headline, a byline, an author's note and at least one paragraph, "
         "separated by blank lines; found 2 block(s) [basetext-shape]"),
    Case("mentions-missing", delete(MENTIONS),
         f"{MENTIONS}:1: mentions file not found: 'mentions.yml' (create it (it may be an empty list: [])) "
         "[mentions-missing]", only=True),
    # ------------------------------------------------------------ YAML a contribution rarely gets this wrong
    Case("yaml-quote-never-closed", replace(NOTE, "signed in Nov 2014.\"\n", "signed in Nov 2014.\n"),
         f"{NOTE}:{LAST_QUOTE}: the quotation mark opened on line {LAST_QUOTE} is never closed: "
         "'quote: \"The two countries have a defence cooperati' (end the value with the same quotation mark it "
         "starts with) [yaml-unclosed-quote]", only=True),
    Case("yaml-text-after-the-closing-quote", replace(NOTE, 'date: "2026-12-07"\n', 'date: "2026-12-07" (revised)\n'),
         f"{NOTE}:{note_line('date:')}:20: line {note_line('date:')}: text after the closing quotation mark: "
         "'date: \"2026-12-07\" (revised)' (put the whole value inside the quotation marks) [yaml-unclosed-quote]",
         only=True),
    Case("yaml-bracket-never-closed", replace(NOTE, "  paragraph: 4\n", "  paragraph: [4\n"),
         f"{NOTE}:{note_line('  paragraph:')}: the list opened with '[' on line {note_line('  paragraph:')} is not "
         "closed on that line: 'paragraph: [4' (close it with ']', and quote items that contain ', ' or ': ') "
         "[yaml-unclosed-bracket]", only=True),
    Case("yaml-value-starts-with-at", replace(NOTE, "  - name: The editors\n", "  - name: @editors\n"),
         f"{NOTE}:{note_line('  - name:')}:11: line {note_line('  - name:')}: a value cannot start with '@' in YAML: "
         "'- name: @editors' (put the whole value in double quotes) [yaml-reserved-character]", only=True),
    Case("yaml-undefined-alias", replace(NOTE, "type: fact-check\n", "type: *fact-check\n"),
         f"{NOTE}:{note_line('type:')}:7: line {note_line('type:')}: found undefined alias 'fact-check': "
         "'type: *fact-check' (write the value out instead of using anchors (&name) and aliases (*name)) "
         "[yaml-syntax]", only=True),
]


def _problem_lines(result: Run) -> list[str]:
    return [text for text in result.output.splitlines() if not text.startswith("edition check:")]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_check_reports(case: Case, tmp_path: Path):
    """Run through the command's entry point in this process (see edition_testing); the cases of
    `RUN_AS_A_COMMAND` are compared with the command itself below."""
    project = copy_sources(tmp_path / "project")
    case.change(project)
    result = check_in_process(project)
    assert result.returncode == case.returncode, result.output
    problems = _problem_lines(result)
    expected = case.expected_line(project)
    assert expected.endswith(f" [{case.rule}]"), f"{case.id}: the expected line does not name rule {case.rule!r}"
    assert (problems == [expected]) if case.only else (expected in problems), result.output
    assert "Traceback" not in result.output


# What reaches the output from the file system itself (a named pipe, a folder), bytes that are
# not UTF-8, and JSON nested past the depth limit.
RUN_AS_A_COMMAND = ("mentions-is-a-named-pipe", "bibliography-is-a-folder", "config-not-utf8",
                    "json-nested-forty-deep")


@pytest.mark.parametrize("case", [case for case in CASES if case.id in RUN_AS_A_COMMAND], ids=lambda case: case.id)
def test_the_command_prints_what_its_entry_point_prints(case: Case, tmp_path: Path):
    project = copy_project(tmp_path / "project")
    case.change(project)
    command, here = run_check(project), check_in_process(project)
    assert same_output(here, command), f"as a command:\n{command.output}\nin this process:\n{here.output}"
    assert case.expected_line(project) in _problem_lines(command)


def test_every_case_run_as_a_command_is_a_case():
    assert set(RUN_AS_A_COMMAND) <= {case.id for case in CASES}


def test_the_cases_are_distinct():
    assert len({case.id for case in CASES}) == len(CASES)
    assert all(case.rule in RULES for case in CASES), [(case.id, case.rule) for case in CASES if case.rule not in RULES]


# ---------------------------------------------------------------- a file that cannot be read

def _make_unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Take away every permission on `path`. Where that does not stop reading (the tests run as
    root, or with CAP_DAC_OVERRIDE), opening it is made to fail as the system would refuse it.
    Returns True when the refusal had to be simulated."""
    path.chmod(0)
    try:
        with open(path, "rb"):
            pass
    except PermissionError:
        return False
    import edition.reading

    target = os.path.abspath(path)

    def refusing_open(file, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        if os.path.abspath(file) == target:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return builtins.open(file, *args, **kwargs)

    # reading.py opens every source with the builtin `open`; a module global shadows it there only.
    monkeypatch.setattr(edition.reading, "open", refusing_open, raising=False)
    return True


UNREADABLE_NOTE = (f"{NOTE}:1: file cannot be read: '{os.strerror(errno.EACCES)}' (check its permissions) "
                   "[path-unreadable]")
UNREADABLE_CONFIG = (f"{CONFIG}:1: file cannot be read: '{os.strerror(errno.EACCES)}' (check its permissions) "
                     "[path-unreadable]")


def test_an_unreadable_note_is_a_problem_of_that_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = copy_project(tmp_path / "project")
    simulated = _make_unreadable(project / NOTE, monkeypatch)
    try:
        edition = load_edition(load_config(project / CONFIG))
    finally:
        (project / NOTE).chmod(0o644)
    problems = [str(problem) for problem in edition.problems]
    # Links to the unreadable note are not also "unknown": its id is still claimed.
    assert problems == [UNREADABLE_NOTE], (simulated, problems)


def test_an_unreadable_configuration_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = copy_project(tmp_path / "project")
    simulated = _make_unreadable(project / CONFIG, monkeypatch)
    try:
        with pytest.raises(ConfigError) as raised:
            load_config(project / CONFIG)
    finally:
        (project / CONFIG).chmod(0o644)
    error = raised.value
    shown = f"{Path(error.path).name}:{error.line}: {error.message} ({error.hint}) [{error.rule}]"
    assert shown == UNREADABLE_CONFIG, simulated


def test_the_unreadable_simulation_refuses_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The stand-in for a permission the system does not enforce must not hide other files."""
    import edition.reading

    target, other = tmp_path / "target.md", tmp_path / "other.md"
    target.write_text("---\n---\n", encoding="utf-8")
    other.write_text("---\n---\n", encoding="utf-8")
    _make_unreadable(target, monkeypatch)
    with pytest.raises(edition.reading.Located) as raised:
        edition.reading.read_source(target, tmp_path, "note")
    assert raised.value.rule == "path-unreadable"
    assert edition.reading.read_source(other, tmp_path, "note") == "---\n---\n"
    target.chmod(0o644)


# ---------------------------------------------------------------- hand-written pages

DIRECTIVE_LINE = 3  # of the changed about.md


def test_an_unknown_directive_in_a_hand_written_page(tmp_path: Path):
    """Directives are expanded as MkDocs renders a page: the build reports an unknown one, located
    in the page as written."""
    from edition.build import SiteBuild

    project = copy_project(tmp_path / "project")
    about = project / "docs/about.md"
    lines = about.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(DIRECTIVE_LINE - 1, "<!-- edition:provenanse -->\n")
    about.write_text("".join(lines), encoding="utf-8")
    edition = load_edition(load_config(project / CONFIG))
    assert edition.problems == ()
    site = SiteBuild(edition, canonical_url="https://example.org/", docs_dir=project / "docs")
    expanded, problems = site.expand_directives(about.read_text(encoding="utf-8"), "about.md")
    assert [str(problem) for problem in problems] == [UNKNOWN_DIRECTIVE]
    assert "<!-- edition:provenanse -->" in expanded  # left as written, for the reader to see nothing


UNKNOWN_DIRECTIVE = (f"docs/about.md:{DIRECTIVE_LINE}: unknown edition directive: 'provenanse' (did you mean "
                     "'provenance'?) [directive-unknown]")


# ---------------------------------------------------------------- deployed to another address

URL_LINE = next(n for n, text in enumerate((ROOT / CONFIG).read_text(encoding="utf-8").splitlines(), start=1)
                if text.startswith("url:"))
CANONICAL = next(text.split(":", 1)[1].strip() for text in (ROOT / CONFIG).read_text(encoding="utf-8").splitlines()
                 if text.startswith("url:"))
DEPLOYED_ELSEWHERE = (f"{CONFIG}:{URL_LINE}: the site is being deployed to another address than the edition's "
                      "canonical url: 'https://someone-else.github.io/fork/' (set url: "
                      f"https://someone-else.github.io/fork/ in edition.yml, or deploy to {CANONICAL}) [config-url]")


def test_a_deployment_to_another_address_is_a_problem_for_the_check_too(tmp_path: Path):
    """CI sets SITE_URL for the Pages build; the check, which runs first, already says it is wrong."""
    project = copy_project(tmp_path / "project")
    result = run_check(project, SITE_URL="https://someone-else.github.io/fork/")
    assert result.returncode == 1 and _problem_lines(result) == [DEPLOYED_ELSEWHERE], result.output
    for same in (CANONICAL, CANONICAL.rstrip("/")):
        result = run_check(project, SITE_URL=same)
        assert result.returncode == 0 and result.output.startswith("edition check: no problems;"), result.output


# ---------------------------------------------------------------- regressions found by fuzzing

def _json_check(project: Path) -> tuple[int, list[str]]:
    """`python -m edition check --format json` with its output piped (stdout strict UTF-8)."""
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "REPO_URL", "EDIT_URI", "PYTHONIOENCODING"}}
    env |= {"PYTHONPATH": str(project / "hooks"), "PYTHONUTF8": "1"}
    result = subprocess.run([sys.executable, "-m", "edition", "check", "edition.yml", "--format", "json"],
                            cwd=project, env=env, capture_output=True, timeout=120)
    assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
    report = json.loads(result.stdout.decode("utf-8"))
    return result.returncode, [f"{p['path']}:{p['line']}:{str(p['column']) + ':' if p['column'] else ''} "
                               f"{p['message']}{' (' + p['hint'] + ')' if p['hint'] else ''} [{p['rule']}]"
                               for p in report["problems"]]


FIRST_BIB_TITLE = next(n for n, text in enumerate((ROOT / BIB).read_text(encoding="utf-8").splitlines(), start=1)
                       if text.startswith('    "title": '))
FOUND_BY_FUZZING = [
    # A "\ud800" escape in YAML makes half a character, which no file can hold: it reached the
    # pages (and stopped the JSON output with UnicodeEncodeError) unreported.
    Case("yaml-escape-of-half-a-character", replace(NOTE, "title: The Russian defence minister's visit of 2014 and the military cooperation pact\n",
                                                    'title: "Date of the visit \\ud800"\n'),
         f"{NOTE}:{note_line('title:')}: line {note_line('title:')}: an escape names half a character (unpaired "
         "surrogate U+D800): 'Date of the visit <U+D800>' (write the character itself (the files are UTF-8), or "
         "one \\U00XXXXXX escape) [encoding]", only=True),
    Case("json-escape-of-half-a-character",
         lambda project: (project / BIB).write_text(
             _text(project, BIB).replace('    "title": "', '    "title": "\\udc00', 1), encoding="utf-8"),
         f"{BIB}:{FIRST_BIB_TITLE}: an escape names half a character (unpaired surrogate U+DC00): "
         "'\"title\": \"\\udc00' (write the character itself (the file is UTF-8), or both halves of its \\u "
         "escape) [encoding]"),
    # urlsplit raises ValueError for an unclosed IPv6 bracket: the check ended in a traceback.
    Case("url-with-an-unclosed-ipv6-bracket",
         replace_first(BIB, '"URL": "http://news.bbc.co.uk/', '"URL": "https://[::1/'),
         lambda project: f"{BIB}:{bib_line(project, 'https://[::1/')}: URL cannot be read as an address: "
                         f"'https://[::1/onthisday/hi/dates/stories/april/14/newsid_4419000/4419833.stm' (copy the "
                         "page's address again (an IPv6 host needs its closing ']')) [url-form]",
         rule_of_computed="url-form"),
    # Python's JSON decoder raises RecursionError about a thousand levels down.
    Case("json-nested-a-hundred-thousand-deep",
         replace_first(BIB, '    "URL": "http://news.bbc.co.uk/', '    "abstract": ' + "[" * 100_000 + "]" * 100_000
                 + ',\n    "URL": "http://news.bbc.co.uk/'),
         f"{BIB}:2: JSON is nested too deeply: 'more than 32 levels' (a CSL-JSON item needs a few levels of lists "
         "and mappings) [bibliography-syntax]"),
    # int() of the value raised ValueError (or TypeError for null, AttributeError for a list).
    Case("config-word-limit-not-a-number", replace(CONFIG, "    context: 150\n", "    context: many\n"),
         f"{CONFIG}:{config_line('    context:')}: word limit of 'context' must be a whole number of words: 'many' "
         "[config-value]", returncode=2, only=True),
    Case("config-word-limits-a-list", replace(CONFIG, "  word_limits:\n", "  word_limits: [150]\n  old_limits:\n"),
         f"{CONFIG}:{config_line('  word_limits:')}: 'word_limits' must be a mapping: '[150]' [config-value]",
         returncode=2, only=True),
    Case("config-editors-a-number", replace(CONFIG, "editors:\n", "editors: 5\nold_editors:\n"),
         f"{CONFIG}:{config_line('editors:')}: a list of people is expected: '5' (write '- {{family: …, given: …}}' "
         "lines) [config-value]", returncode=2, only=True),
    # A mapping where a path belongs became a file name longer than the system allows: OSError.
    Case("config-notes-folder-a-mapping", replace(CONFIG, f"    notes: {TEXT}/notes\n", "    notes: {folder: notes}\n"),
         f"{CONFIG}:{config_line('    notes:')}: 'notes' must be a path, as text: '{{'folder': 'notes'}}' "
         "[config-value]", returncode=2, only=True),
    Case("config-path-too-long-for-the-system", replace(CONFIG, f"    mentions: {TEXT}/mentions.yml\n",
                                                        f"    mentions: {TEXT}/{'m' * 300}.yml\n"),
         f"{TEXT}/{'m' * 300}.yml:1: file cannot be read: '{os.strerror(errno.ENAMETOOLONG)}' (check the path in "
         "edition.yml) [path-unreadable]", only=True),
]


@pytest.mark.parametrize("case", FOUND_BY_FUZZING, ids=lambda case: case.id)
def test_check_reports_what_fuzzing_found(case: Case, tmp_path: Path):
    project = copy_project(tmp_path / "project")
    case.change(project)
    result = check_in_process(project)
    assert result.returncode == case.returncode, result.output
    problems = _problem_lines(result)
    expected = case.expected_line(project)
    assert expected.endswith(f" [{case.rule}]")
    assert (problems == [expected]) if case.only else (expected in problems), result.output
    assert "Traceback" not in result.output
    # The same, written as JSON to a pipe (strict UTF-8): where the lone surrogates broke output.
    returncode, json_problems = _json_check(project)
    assert returncode == case.returncode
    assert expected in json_problems


def test_a_file_name_that_is_not_utf8_is_reported_not_a_crash(tmp_path: Path):
    """A file name with a byte that is not UTF-8 reaches Python as a lone surrogate; printing it
    as JSON raised UnicodeEncodeError."""
    project = copy_project(tmp_path / "project")
    name = os.fsdecode(b"sergei-sho\xffgu.md")
    try:
        shutil.copy2(project / "glossary/sergei-shoigu.md", project / "glossary" / name)
    except (OSError, UnicodeEncodeError) as error:  # a file system that refuses such names (APFS)
        pytest.skip(f"this file system cannot hold a file name that is not UTF-8: {error}")
    returncode, problems = _json_check(project)
    assert returncode == 1
    assert ("glossary/sergei-sho\\udcffgu.md:3: id does not match the file name 'sergei-sho\\udcffgu.md': "
            "'sergei-shoigu' (rename the file to 'sergei-shoigu.md' or set id: sergei-sho\\udcffgu) "
            "[id-file-mismatch]") in problems, problems


# ---------------------------------------------------------------- every rule has a test

def _rule_of(line: str) -> str:
    match = re.search(r" \[([a-z-]+)\]$", line)
    return match.group(1) if match else ""


def rules_triggered() -> dict[str, set[str]]:
    """The rule ids each test module asserts in an exact problem line."""
    hostile = {_rule_of(vector.message) for vector in test_hostile_input.BODY_VECTORS + test_hostile_input.FIELD_VECTORS
               if vector.message}
    here = ({case.rule for case in CASES + FOUND_BY_FUZZING}
            | {_rule_of(line) for line in (UNREADABLE_NOTE, UNREADABLE_CONFIG, UNKNOWN_DIRECTIVE, DEPLOYED_ELSEWHERE)})
    return {"tests/test_bad_input.py": set(test_bad_input.CATALOGUE_RULES) - {""}
            | {case.rule for case in test_bad_input.ONE_MISTAKE},
            "tests/test_hostile_input.py": hostile - {""}, "tests/test_hardening.py": here - {""},
            "tests/test_hostile_round_two.py": test_hostile_round_two.RULES_TESTED_HERE}


def test_every_rule_is_triggered_by_a_test():
    """Adding a rule to edition/rules.py without a case that triggers it fails here."""
    triggered = rules_triggered()
    untested = set(RULES) - set().union(*triggered.values())
    assert untested == set(), f"rules no test triggers: {sorted(untested)}"
    unknown = {module: sorted(rules - set(RULES)) for module, rules in triggered.items() if rules - set(RULES)}
    assert unknown == {}, f"tests assert rule ids that rules.py does not have: {unknown}"


def test_rules_said_to_be_tested_here_are():
    """tests/test_bad_input.py names, for each rule a contribution cannot break, where it is tested."""
    said = {rule for rule, module in test_bad_input.NOT_FROM_A_CONTRIBUTION.items()
            if module == "tests/test_hardening.py"}
    assert said, "the map names no rule as tested here"
    assert said - rules_triggered()["tests/test_hardening.py"] == set()


# ---------------------------------------------------------------- make check and make build write nothing

MAKE_FILES = ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml", ".gitignore")
"""Besides the sources: what `make` reads, and the ignore rules `git status` applies."""
ALLOWED_NEW = re.compile(r"^!! hooks/(?:[\w.-]+/)*__pycache__/[\w.-]+\.pyc$")
"""The only thing a run may add: Python's bytecode cache of the hooks it imports (PYTHONPATH=hooks),
written by the interpreter for any import, ignored by .gitignore, never read as a source. The
site goes to a folder outside the project (SITE=…), so nothing else is allowed: no site/, no
cache, no lock file, no changed or deleted file, tracked or untracked."""
GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Test",
           "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org"}


def _git(project: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | GIT_ENV
    return subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True, text=True).stdout


def git_project(destination: Path) -> Path:
    """A copy of the project with its Makefile, made a git repository with everything committed."""
    project = copy_project(destination)
    for name in MAKE_FILES:
        shutil.copy2(ROOT / name, project / name)
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "The edition as it is")
    assert _git(project, "status", "--porcelain", "--ignored") == ""
    return project


def fake_venv(folder: Path) -> Path:
    """What the Makefile runs as `$(VENV)/bin/python` and `$(VENV)/bin/mkdocs`: this interpreter,
    outside the project. `.runtime` is newer than the requirements, and `make -o` says so too, so
    make never creates or installs into a virtual environment here."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(parents=True)
    for name, command in (("python", f'exec "{sys.executable}" "$@"'),
                          ("mkdocs", f'exec "{sys.executable}" -m mkdocs "$@"')):
        script = bin_dir / name
        script.write_text(f"#!/bin/sh\n{command}\n", encoding="utf-8")
        script.chmod(0o755)
    (folder / ".runtime").touch()
    return folder


def run_make(project: Path, venv: Path, site: Path, target: str) -> Run:
    make = shutil.which("make")
    assert make, "make is not installed: the Makefile is how the edition is checked and built"
    # As on a contributor's machine: no deployment settings, and bytecode written (the allowance above).
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "REPO_URL", "EDIT_URI", "PYTHONPATH",
                                                           "MAKEFLAGS", "MFLAGS", "PYTHONDONTWRITEBYTECODE"}}
    result = subprocess.run([make, "--no-print-directory", "-o", f"{venv}/.runtime", f"VENV={venv}",
                             f"SITE={site}", target], cwd=project, env=env, capture_output=True, text=True,
                            timeout=600)
    return Run(result.returncode, result.stdout + result.stderr)


def state(project: Path) -> tuple[list[str], dict[str, str]]:
    """What git sees (tracked changes, untracked and ignored files) and every file's hash."""
    status = _git(project, "status", "--porcelain", "--ignored", "--untracked-files=all").splitlines()
    hashes = {}
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project)
        if relative.parts[0] == ".git" or "__pycache__" in relative.parts:
            continue
        if path.is_symlink():
            hashes[relative.as_posix()] = "-> " + os.readlink(path)
        elif path.is_file():
            hashes[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return status, hashes


def assert_unchanged(project: Path, before: tuple[list[str], dict[str, str]], what: str) -> list[str]:
    """Assert that nothing but the allowed cache changed; return the allowed new entries."""
    status, hashes = state(project)
    assert hashes == before[1], f"{what} changed, created or deleted a file of the project"
    gone = [line for line in before[0] if line not in status]
    added = [line for line in status if line not in before[0] and not ALLOWED_NEW.match(line)]
    assert (gone, added) == ([], []), f"{what} changed what git sees"
    return [line for line in status if line not in before[0]]


def test_the_allowed_cache_is_ignored_by_git():
    """The allowance above holds only while .gitignore ignores bytecode caches."""
    assert "__pycache__/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def _break_the_project(project: Path, outside: Path) -> list[str]:
    """Several broken files at once, tracked and untracked; returns a rule each must produce."""
    outside.write_text("secret\n", encoding="utf-8")
    note = project / NOTE
    note.write_text(note.read_text(encoding="utf-8").replace("  paragraph: 4\n", "  paragraph: [4\n"), encoding="utf-8")
    (project / MENTIONS).write_bytes((project / MENTIONS).read_bytes() + b"# caf\xe9\n")
    bib = project / BIB
    bib.write_text(bib.read_text(encoding="utf-8").replace('"type": ', '"type" ', 1), encoding="utf-8")
    (project / "glossary/index.md").write_text((project / "glossary/russia.md").read_text(encoding="utf-8")
                                               .replace("id: russia", "id: index"), encoding="utf-8")
    (project / f"{TEXT}/notes/p4-linked.md").symlink_to(outside)
    (project / f"{TEXT}/notes/p9-drafts.md").mkdir()
    (project / f"{TEXT}/notes/p9-drafts.md/draft.txt").write_text("a draft\n", encoding="utf-8")
    (project / "glossary/_draft.md").write_text("not yet an entry\n", encoding="utf-8")  # untracked, skipped
    return ["yaml-unclosed-bracket", "encoding", "bibliography-syntax", "id-page-collision", "path-symlink",
            "path-not-file"]


@pytest.mark.parametrize("input_kind", ["valid", "invalid"])
def test_make_check_and_make_build_write_nothing_into_the_project(input_kind: str, tmp_path: Path):
    project = git_project(tmp_path / "project")
    venv, outside = fake_venv(tmp_path / "venv"), tmp_path / "outside.txt"
    # An untracked draft beside the committed files: it must survive as it is, too.
    (project / f"{TEXT}/notes/_draft.md").write_text("---\nid: draft\n---\nNot yet.\n", encoding="utf-8")
    rules = _break_the_project(project, outside) if input_kind == "invalid" else []
    before = state(project)
    assert any(line.startswith("?? ") for line in before[0])
    if rules:
        assert any(line.startswith(" M ") for line in before[0])

    checked = run_make(project, venv, tmp_path / "site", "check")
    cached = assert_unchanged(project, before, "make check")
    built = run_make(project, venv, tmp_path / "site", "build")
    assert_unchanged(project, before, "make build")
    # The allowance is what it claims to be: the check imported the hooks, and Python cached them.
    assert any("hooks/edition/__pycache__/load." in line for line in cached), cached
    if rules:  # the file outside that a note links to is left alone as well
        assert outside.read_text(encoding="utf-8") == "secret\n"

    # The runs did what they are for (a test that cannot fail is no test).
    assert "Traceback" not in checked.output + built.output
    if input_kind == "valid":
        assert checked.returncode == 0 and "edition check: no problems" in checked.output, checked.output
        assert built.returncode == 0, built.output
        assert (tmp_path / "site" / "index.html").is_file()
    else:
        assert checked.returncode != 0 and built.returncode != 0, checked.output + built.output
        for output in (checked.output, built.output):
            reported = {_rule_of(line) for line in output.splitlines()}
            assert set(rules) <= reported, (sorted(set(rules) - reported), output)
