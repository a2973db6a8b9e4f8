"""Hostile input, round two (#23): the bibliography, what pandoc reads, edition.yml and the
outputs nobody reviews.

Each class of the issue is a case here: the changed project, the exact problem line the
check must print (path, line, rule), and the CPU time the check may take (a second). The
scanners that read contributed text are also timed on adversarial strings of growing length,
and their growth compared: linear code takes about four times as long for four times the
text, backtracking or rescanning code sixteen times or more.
"""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from edition import hygiene, markup
from edition_testing import ROOT, Run, check_in_process, copy_sources

TEXT = "texts/rekindled-pak-russia-relations"
NOTE = f"{TEXT}/notes/p4-visit-date.md"
BIB = "bibliography.json"
CONFIG = "edition.yml"

Change = Callable[[Path], None]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def note_body(body: str) -> Change:
    """The note's front matter with `body` as its text."""
    def change(project: Path) -> None:
        path = project / NOTE
        text = path.read_text(encoding="utf-8")
        front, _ = text.rsplit("---\n", 1)
        path.write_text(front + "---\n" + body, encoding="utf-8")
    return change


BODY_LINE = (ROOT / NOTE).read_text(encoding="utf-8").split("\n").index("---", 1) + 2
"""The line of a note's first body line."""


@dataclass(frozen=True)
class Case:
    """One hostile file and the problem line the check must print for it."""

    id: str
    change: Change
    expected: str

    @property
    def rule(self) -> str:
        return self.expected.rsplit("[", 1)[1].rstrip("]")


CASES = [
    # ------------------------------------------------------------ stalls and recursion in Markdown
    # Not an attribute list (no closing brace): nothing to report, and no minute of backtracking.
    Case("attribute-list-pattern-backtracks", note_body("{a=" * 6000 + "}\n"),
         f"{NOTE}:{BODY_LINE}: attribute lists are not allowed in contributed Markdown: '{{a={{a={{a={{a={{a={{a={{a={{a="
         "{a={a={a={a={a={a={a={a={a={a={a={a=' (remove the {…} block: contributed Markdown cannot style the page) "
         "[markup-attribute-list]"),
    Case("ten-thousand-open-brackets", note_body("[" * 20000 + "\n"),
         f"{NOTE}:{BODY_LINE}: too many '[' brackets open at once: 'more than 16' (close each one, or write a bracket "
         "that is text as \\[) [markdown-too-deep]"),
    Case("links-never-closed", note_body("[a](" * 3000 + "\n"),
         f"{NOTE}:{BODY_LINE}: too many '(' brackets open at once: 'more than 16' (close each one, or write a bracket "
         "that is text as \\() [markdown-too-deep]"),
    Case("nested-list-markers", note_body("- " * 1000 + "x\n"),
         f"{NOTE}:{BODY_LINE}: Markdown is nested too deeply: 'more than 16 levels of lists or quotes' (a note needs a "
         "list inside a list at most; write the text out flat) [markdown-too-deep]"),
    Case("nested-numbered-lists", note_body("1. " * 700 + "x\n"),
         f"{NOTE}:{BODY_LINE}: Markdown is nested too deeply: 'more than 16 levels of lists or quotes' (a note needs a "
         "list inside a list at most; write the text out flat) [markdown-too-deep]"),
    Case("nested-quotes-and-lists-by-indentation",
         note_body("".join("    " * level + "- > x\n" for level in range(20))),
         f"{NOTE}:{BODY_LINE + 15}: Markdown is nested too deeply: 'more than 16 levels of lists or quotes' (a note "
         "needs a list inside a list at most; write the text out flat) [markdown-too-deep]"),
    Case("paragraph-of-escapes", note_body("\\\\" * 16000 + "\n"),
         f"{NOTE}:{BODY_LINE}: paragraph is too long: 'more than 4,000 characters' (split it with blank lines: a "
         "note's paragraph is a few sentences) [paragraph-too-long]"),
    Case("open-tags", note_body("<a" * 16000 + "\n"),
         f"{NOTE}:{BODY_LINE}: paragraph is too long: 'more than 4,000 characters' (split it with blank lines: a "
         "note's paragraph is a few sentences) [paragraph-too-long]"),
]


def _problem_lines(result: Run) -> list[str]:
    return [text for text in result.output.splitlines() if not text.startswith("edition check:")]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_check_reports_within_a_second(case: Case, tmp_path: Path):
    project = copy_sources(tmp_path / "project")
    case.change(project)
    check_in_process(project)  # the first check of a process reads its schemas and templates
    started = _cpu()
    result = check_in_process(project)
    spent = _cpu() - started
    assert "Traceback" not in result.output
    assert result.returncode == 1, result.output
    assert case.expected in _problem_lines(result), result.output
    assert spent < 1.0, f"{case.id}: the check took {spent:.2f} s of CPU"


def test_the_cases_are_distinct():
    assert len({case.id for case in CASES}) == len(CASES)


# ---------------------------------------------------------------- linear growth

def _seconds(function: Callable[[str], object], text: str) -> float:
    """The least CPU time of three runs (the least is the one others' work disturbed least)."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        function(text)
        best = min(best, time.process_time() - started)
    return best


def _check_body(text: str) -> object:
    return markup.unsafe_markup(text), hygiene.body_findings(text)


_RENDERER = markup.MarkdownRenderer()

SCANNERS: dict[str, Callable[[str], object]] = {
    "attribute_lists": lambda text: list(markup.attribute_lists(text)),
    "markup_lines": hygiene.markup_lines,
    "check_body": _check_body,
    "render": _RENDERER.render,
}
ADVERSARIAL = ["{a=", "{ {:", "{.", "[", "[a](", "(", "\\\\", "<a", "<!--", "&lt;a", "- ", "> ", "1. ", "*a", "_",
               "`", "![", "{a=}", "\n\n{a=", "    ", "\t- "]
"""Units repeated to make the hostile strings: each the start of something a scanner looks for,
never finished."""
GROWTH = 4
"""The longer text is this many times the shorter: a linear scanner takes about this many times
as long, a quadratic one the square."""


@pytest.mark.parametrize("scanner", SCANNERS, ids=str)
@pytest.mark.parametrize("unit", ADVERSARIAL, ids=repr)
def test_scanners_grow_linearly(scanner: str, unit: str):
    function = SCANNERS[scanner]
    short = unit * (8_000 // len(unit))
    long = unit * (GROWTH * 8_000 // len(unit))
    small, large = _seconds(function, short), _seconds(function, long)
    # Twice the linear growth, plus 20 ms for timer resolution and caches: a quadratic scanner
    # (16 times) or worse fails; a linear one passes however busy the machine.
    assert large <= 2 * GROWTH * small + 0.02, f"{scanner} on {unit!r}: {small:.4f} s -> {large:.4f} s"
