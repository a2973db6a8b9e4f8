"""A catalogue of invalid contributions, each rejected by `make check` and by the strict build.

Every case starts from a copy of the real project plus one valid contribution (a glossary
entry, a mention of it and a fact-check note, written below), changes one thing, and asserts
the exact problem line, `path:line: message (hint)`, in the output of `python -m edition
check` (what `make check` runs) and among the warnings of `mkdocs build --strict`. Neither
command may write into the project: every run is bracketed by a hash of the whole tree.

The check runs are fast; the build runs (one per case, ~3 s each) are marked `slow`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from edition.frontmatter import load_yaml
from edition_testing import ROOT, Run, copy_project, run_build, run_check, warnings_of

TEXT = "texts/rekindled-pak-russia-relations"
ENTRY_PATH = "glossary/test-fixture-lahore.md"
NOTE_PATH = f"{TEXT}/notes/p4-test-fixture-route.md"
MENTIONS = f"{TEXT}/mentions.yml"
SOURCE = f"{TEXT}/source.txt"

# The valid contribution every case starts from. Ids say "test-fixture" so they can never
# collide with a real entry or note; the alias "Lahore" is guarded in `test_the_fixture_is_free`.
ENTRY = """\
---
# yaml-language-server: $schema=../hooks/edition/schemas/glossary-entry.schema.json
id: test-fixture-lahore
title: Lahore
kind: actor
type: region
aliases:
  - Lahore
summary: >-
  Capital of Punjab province, named in the text as one end of the North–South gas pipeline.
dates:
  - date: "2015-10-16"
    label: Named as an end point of the North–South gas pipeline
related: [pakistan, north-south-gas-pipeline-agreement]
sources:
  - title: "Pakistan, Russia sign gas pipeline agreement"
    publisher: The Express Tribune (AFP)
    date: "2015-10-16"
    url: https://tribune.com.pk/story/973895/pakistan-russia-sign-gas-pipeline-agreement
---
Lahore is the capital of [Pakistan](glossary:pakistan)'s Punjab province. [¶4](para:4)
names it as one end of the [North–South pipeline](glossary:north-south-gas-pipeline-agreement).
"""

NOTE = """\
---
# yaml-language-server: $schema=../../../hooks/edition/schemas/annotation.schema.json
id: p4-test-fixture-route
target:
  paragraph: 4
  exact: "from Lahore to Karachi"
type: fact-check
verdict: imprecise
authors:
  - name: The editors
date: "2026-11-26"
sources:
  - title: "Pakistan, Russia sign gas pipeline agreement"
    publisher: The Express Tribune (AFP)
    date: "2015-10-16"
    url: https://tribune.com.pk/story/973895/pakistan-russia-sign-gas-pipeline-agreement
---
The pipeline was planned to carry imported gas north from Karachi to
[Lahore](glossary:test-fixture-lahore); see [the pipeline deal](glossary:north-south-gas-pipeline-agreement).
"""

MENTION = "- {paragraph: 4, exact: Lahore, entry: test-fixture-lahore}\n"

SOURCE_SUMMARY = ("summary: >-\n  Capital of Punjab province, named in the text as one end of the "
                  "North–South gas pipeline.\n")
ENTRY_SOURCE_URL = "    url: https://tribune.com.pk/story/973895/pakistan-russia-sign-gas-pipeline-agreement\n"
NOTE_SOURCES = NOTE[NOTE.index("sources:\n"):NOTE.index("---\nThe pipeline")]


def line(text: str, start: str) -> int:
    """1-based number of the one line of `text` that starts with `start`."""
    numbers = [number for number, content in enumerate(text.splitlines(), start=1) if content.startswith(start)]
    assert len(numbers) == 1, f"{len(numbers)} fixture lines start with {start!r}"
    return numbers[0]


def _mentions_end() -> int:
    """Lines in the real mentions.yml: the fixture mention goes on the next line."""
    return len((ROOT / MENTIONS).read_text(encoding="utf-8").splitlines())


FIXTURE_MENTION_LINE = _mentions_end() + 1
NEXT_MENTION_LINE = FIXTURE_MENTION_LINE + 1
HINT_DOLLAR = "write '$' rather than '\\$': quotations match the printed text, not the Markdown export"


# ---------------------------------------------------------------- building a case

Change = Callable[[Path], None]


def replace(path: str, old: str, new: str) -> Change:
    """Replace `old` (which must occur exactly once) by `new` in one file of the project."""
    def change(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{path}: {old!r} occurs {text.count(old)} times"
        file.write_text(text.replace(old, new), encoding="utf-8")
    return change


def write(path: str, text: str) -> Change:
    def change(project: Path) -> None:
        (project / path).write_text(text, encoding="utf-8")
    return change


def append(path: str, text: str) -> Change:
    def change(project: Path) -> None:
        file = project / path
        file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")
    return change


def both(*changes: Change) -> Change:
    def change(project: Path) -> None:
        for one in changes:
            one(project)
    return change


def contribution(destination: Path) -> Path:
    """A copy of the project with the valid fixture contribution added."""
    project = copy_project(destination)
    (project / ENTRY_PATH).write_text(ENTRY, encoding="utf-8")
    (project / NOTE_PATH).write_text(NOTE, encoding="utf-8")
    mentions = (project / MENTIONS).read_text(encoding="utf-8")
    assert mentions.endswith("\n")
    (project / MENTIONS).write_text(mentions + MENTION, encoding="utf-8")
    return project


def _base_text_changed(project: Path) -> str:
    recorded = load_yaml((ROOT / "edition.yml").read_text(encoding="utf-8")).value["texts"][0]["sha256"]
    actual = hashlib.sha256((project / SOURCE).read_bytes()).hexdigest()
    return (f"{SOURCE}:1: the base text differs from the transcript (SHA-256 {actual[:12]}…, recorded "
            f"{recorded[:12]}…): 'source.txt' (never edit the author's text: restore it with "
            f"'git checkout -- {SOURCE}' and put disagreements in a note)")


def _first_mention_line(paragraph: int, entry: str) -> int:
    """Line of the first mention of `entry` in `paragraph` in the real mentions.yml."""
    items = load_yaml((ROOT / MENTIONS).read_text(encoding="utf-8")).value
    for index, item in enumerate(items):
        if item["paragraph"] == paragraph and item["entry"] == entry:
            return items.line_of(index)
    raise AssertionError(f"mentions.yml no longer links {entry} in ¶{paragraph}")


def _second_mention_in_paragraph(project: Path) -> str:
    return (f"{MENTIONS}:{NEXT_MENTION_LINE}: entry already linked in ¶1 by the mention on line "
            f"{_first_mention_line(1, 'russia')}: 'russia' (link only the first mention of an entry in each paragraph)")


@dataclass(frozen=True)
class Case:
    """One invalid contribution and the problem line it must produce."""

    id: str
    change: Change
    expected: str | Callable[[Path], str]
    """The exact problem line, or a function of the changed project that computes it."""

    def expected_line(self, project: Path) -> str:
        return self.expected if isinstance(self.expected, str) else self.expected(project)


E, N = ENTRY_PATH, NOTE_PATH

CATALOGUE = [
    # ------------------------------------------------------------ glossary entries
    Case("entry-kind-unknown", replace(E, "kind: actor", "kind: actr"),
         f"{E}:{line(ENTRY, 'kind:')}: kind is not one of the allowed values: 'actr' (did you mean 'actor'?)"),
    Case("entry-field-missing", replace(E, SOURCE_SUMMARY, ""),
         f"{E}:3: missing required field: 'summary'"),
    Case("entry-summary-empty", replace(E, SOURCE_SUMMARY, 'summary: ""\n'),
         f"{E}:{line(ENTRY, 'summary:')}: empty required field: 'summary'"),
    Case("entry-field-unknown", replace(E, "related:", "relatd:"),
         f"{E}:{line(ENTRY, 'related:')}: unknown field: 'relatd' (did you mean 'related'?)"),
    Case("entry-party-unknown",
         replace(E, "kind: actor\ntype: region\n", "kind: agreement\ntype: deal\nparties: [russia, pakistn]\n"),
         f"{E}:{line(ENTRY, 'type:') + 1}: unknown glossary entry in parties: 'pakistn' (did you mean 'pakistan'?)"),
    Case("entry-party-is-an-agreement",
         replace(E, "kind: actor\ntype: region\n",
                 "kind: agreement\ntype: deal\nparties: [russia, mi-35m-helicopter-deal]\n"),
         f"{E}:{line(ENTRY, 'type:') + 1}: parties must be actors, but this is an agreement: "
         "'mi-35m-helicopter-deal' (list the actors that signed or joined it)"),
    Case("entry-related-unknown", replace(E, "related: [pakistan,", "related: [pakistn,"),
         f"{E}:{line(ENTRY, 'related:')}: unknown glossary entry in related: 'pakistn' (did you mean 'pakistan'?)"),
    Case("entry-alias-claimed-twice", replace(E, "  - Lahore\n", "  - Lahore\n  - China\n"),
         f"{E}:{line(ENTRY, 'aliases:')}: alias claimed by two entries: 'China' "
         "(also claimed by glossary/china.md: keep it in one entry)"),
    Case("entry-id-not-file-name", replace(E, "id: test-fixture-lahore", "id: test-fixture-lahore-city"),
         f"{E}:3: id does not match the file name 'test-fixture-lahore.md': 'test-fixture-lahore-city' "
         "(rename the file to 'test-fixture-lahore-city.md' or set id: test-fixture-lahore)"),
    Case("entry-id-duplicate", write("glossary/test-fixture-lahore2.md", ENTRY),
         "glossary/test-fixture-lahore2.md:3: duplicate glossary id: 'test-fixture-lahore' "
         f"(also used by {E})"),
    Case("entry-yaml-malformed", replace(E, "title: Lahore\n", "title: Lahore: the city\n"),
         f"{E}:{line(ENTRY, 'title:')}: malformed YAML front matter: mapping values are not allowed here "
         "(check indentation and quoting; values containing ': ' need quotes)"),
    Case("entry-front-matter-unclosed", replace(E, "---\nLahore is", "\nLahore is"),
         f"{E}:1: malformed YAML front matter: the YAML front matter opened on line 1 is never closed "
         "with a '---' line (add a line '---' after the last field)"),
    Case("entry-date-not-iso", replace(E, '- date: "2015-10-16"', '- date: "16 October 2015"'),
         f"{E}:{line(ENTRY, '  - date:')}: date is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD): '16 October 2015'"),
    Case("entry-date-impossible", replace(E, '- date: "2015-10-16"', '- date: "2016-02-30"'),
         f"{E}:{line(ENTRY, '  - date:')}: date is not a real calendar day (day is out of range for month): "
         "'2016-02-30'"),
    Case("entry-source-url-not-http", replace(E, "url: https://tribune", "url: ftp://tribune"),
         f"{E}:{line(ENTRY, '    url:')}: source URL is not an http(s) URL: "
         "'ftp://tribune.com.pk/story/973895/pakistan-russia-sign-gas-pipeline-agreement'"),
    Case("entry-source-without-url", replace(E, ENTRY_SOURCE_URL, ""),
         f"{E}:{line(ENTRY, '  - title:')}: missing required field in sources[1]: 'url'"),
    Case("entry-body-unknown-glossary-link", replace(E, "(glossary:pakistan)'s", "(glossary:pakistn)'s"),
         f"{E}:{line(ENTRY, 'Lahore is the capital')}: unknown glossary entry in link: 'glossary:pakistn' "
         "(did you mean 'pakistan'?)"),
    Case("entry-mentioned-nowhere", replace(MENTIONS, MENTION, ""),
         f"{E}:3: entry is mentioned nowhere in the text: 'test-fixture-lahore' (mark a mention in the "
         "text's mentions.yml, or add background: {paragraph, sentence} naming the sentence it explains)"),
    # ------------------------------------------------------------ annotations
    Case("note-fact-check-without-verdict", replace(N, "verdict: imprecise\n", ""),
         f"{N}:3: missing required field: 'verdict'"),
    Case("note-fact-check-without-sources", replace(N, NOTE_SOURCES, ""),
         f"{N}:3: missing required field: 'sources'"),
    Case("note-verdict-on-context-note", replace(N, "type: fact-check", "type: context"),
         f"{N}:{line(NOTE, 'verdict:')}: only fact-check notes have a verdict: 'imprecise' "
         "(remove the verdict or make the note a fact-check)"),
    Case("note-verdict-unknown", replace(N, "verdict: imprecise", "verdict: imprecize"),
         f"{N}:{line(NOTE, 'verdict:')}: unknown verdict: 'imprecize' (did you mean 'imprecise'?)"),
    Case("note-quotation-in-another-paragraph", replace(N, "paragraph: 4", "paragraph: 2"),
         f"{N}:{line(NOTE, '  exact:')}: quotation not found in ¶2: 'from Lahore to Karachi' "
         "(it occurs in ¶4: change the target paragraph)"),
    Case("note-quotation-ambiguous", replace(N, 'exact: "from Lahore to Karachi"', 'exact: "Pakistan"'),
         f"{N}:{line(NOTE, '  exact:')}: quotation occurs 4 times in ¶4: 'Pakistan' "
         "(add a prefix or suffix (the words just before or after it) to pick one)"),
    Case("note-paragraph-out-of-range", replace(N, "paragraph: 4", "paragraph: 12"),
         f"{N}:{line(NOTE, '  exact:')}: target paragraph out of range: '12' "
         "(the text has paragraphs 1–9, or headline, byline, author-note)"),
    Case("note-quotation-escaped-dollar", replace(N, 'exact: "from Lahore to Karachi"', "exact: '\\$2 billion'"),
         f"{N}:{line(NOTE, '  exact:')}: quotation not found in ¶4: '\\$2 billion' ({HINT_DOLLAR})"),
    # ------------------------------------------------------------ mentions
    Case("mention-entry-unknown", replace(MENTIONS, MENTION, MENTION.replace("entry: test-fixture-lahore",
                                                                             "entry: test-fixture-lahor")),
         f"{MENTIONS}:{FIXTURE_MENTION_LINE}: unknown glossary entry: 'test-fixture-lahor' "
         "(did you mean 'test-fixture-lahore'?)"),
    Case("mention-overlap",
         both(replace(E, "  - Lahore\n", "  - Lahore\n  - Lahore to Karachi\n"),
              append(MENTIONS, "- {paragraph: 4, exact: Lahore to Karachi, entry: test-fixture-lahore}\n")),
         f"{MENTIONS}:{NEXT_MENTION_LINE}: mention overlaps the mention on line {FIXTURE_MENTION_LINE}: "
         "'Lahore to Karachi' (mentions cannot overlap; link the shorter or the longer form, not both)"),
    Case("mention-not-an-alias", replace(MENTIONS, MENTION, MENTION.replace("exact: Lahore", "exact: from Lahore")),
         f"{MENTIONS}:{FIXTURE_MENTION_LINE}: mention is not one of the aliases of 'test-fixture-lahore': "
         f"'from Lahore' (add it to aliases in {E} or quote an alias)"),
    # The editorial rule "first mention of an entry in each paragraph only" (CONTRIBUTING.md).
    Case("mention-second-in-paragraph",
         append(MENTIONS, '- {paragraph: 1, exact: Russia, prefix: "Pakistan and ", entry: russia}\n'),
         _second_mention_in_paragraph),
    # ------------------------------------------------------------ the base text
    Case("base-text-word-changed", replace(SOURCE, "quarter of a century", "quarter of a centry"),
         _base_text_changed),
]


# ---------------------------------------------------------------- helpers

def tree_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under `root`. Python's own bytecode caches are left out: the
    interpreter writes them when it imports the hooks, and they are not edition files."""
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file() and "__pycache__" not in path.parts}


_LOGGED = re.compile(r"^WARNING\s+-\s+(?:[\w./-]+: )?")


def logged_problems(output: str) -> list[str]:
    """The problem lines a build logged, without the 'WARNING -  logger: ' prefix."""
    return [_LOGGED.sub("", warning) for warning in warnings_of(output)]


def checked(project: Path) -> Run:
    """`run_check`, asserting that it leaves every file of the project as it was."""
    before = tree_hashes(project)
    result = run_check(project)
    assert tree_hashes(project) == before, "the check modified the project"
    return result


def built(project: Path, site: Path) -> Run:
    """`run_build` (strict), asserting that it leaves every file of the project as it was."""
    before = tree_hashes(project)
    result = run_build(project, site)
    assert tree_hashes(project) == before, "the build modified the project"
    return result


def broken(case: Case, tmp_path: Path) -> Path:
    project = contribution(tmp_path / "project")
    case.change(project)
    return project


# ---------------------------------------------------------------- the catalogue

def test_catalogue_has_at_least_thirty_distinct_cases():
    assert len(CATALOGUE) >= 30
    assert len({case.id for case in CATALOGUE}) == len(CATALOGUE)
    assert len({case.expected if isinstance(case.expected, str) else case.id for case in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda case: case.id)
def test_check_rejects(case: Case, tmp_path: Path):
    project = broken(case, tmp_path)
    result = checked(project)
    assert result.returncode == 1, result.output
    assert case.expected_line(project) in result.output.splitlines(), result.output


@pytest.mark.slow
@pytest.mark.parametrize("case", CATALOGUE, ids=lambda case: case.id)
def test_strict_build_rejects(case: Case, tmp_path: Path):
    project = broken(case, tmp_path)
    result = built(project, tmp_path / "site")
    assert result.returncode != 0, result.output
    assert case.expected_line(project) in logged_problems(result.output), result.output


# ---------------------------------------------------------------- clean input

def test_the_fixture_is_free():
    """The fixture's alias and words are not taken by the real edition (else pick another fixture)."""
    assert not (ROOT / ENTRY_PATH).exists() and not (ROOT / NOTE_PATH).exists()
    claimed = [path.name for path in (ROOT / "glossary").glob("*.md")
               if re.search(r"^\s*- ['\"]?Lahore\b", path.read_text(encoding="utf-8"), re.MULTILINE)]
    assert claimed == [], f"'Lahore' is now a real alias ({claimed}): choose another fixture in {__name__}"


def test_clean_project_and_valid_contribution_check_without_problems(tmp_path: Path):
    for name, project in (("clean", copy_project(tmp_path / "clean")),
                          ("with the fixture", contribution(tmp_path / "contribution"))):
        result = checked(project)
        assert result.returncode == 0, f"{name}:\n{result.output}"
        assert result.output.startswith("edition check: no problems;"), f"{name}:\n{result.output}"


@pytest.mark.slow
def test_clean_project_builds_without_warnings(build: tuple[Path, Run]):
    """The session's strict build of the real project (shared with the other build tests)."""
    _, result = build
    assert result.returncode == 0, result.output
    assert warnings_of(result.output) == []


@pytest.mark.slow
def test_valid_contribution_builds_without_warnings(tmp_path: Path):
    project = contribution(tmp_path / "project")
    result = built(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert warnings_of(result.output) == []
    assert (tmp_path / "site" / "glossary" / "test-fixture-lahore" / "index.html").is_file()
    assert (tmp_path / "site" / "notes" / "p4-test-fixture-route" / "index.html").is_file()


# ---------------------------------------------------------------- several problems at once

SEVERAL_ENTRY = (ENTRY.replace("kind: actor", "kind: actr")
                 .replace('- date: "2015-10-16"', '- date: "2016-02-30"')
                 .replace("related:", "relatd:")
                 .replace("url: https://tribune", "url: ftp://tribune")
                 .replace("(glossary:pakistan)'s", "(glossary:pakistn)'s"))
SEVERAL_NOTE = (NOTE.replace("verdict: imprecise", "verdict: imprecize")
                .replace('date: "2026-11-26"', 'date: "26/11/2026"')
                .replace('exact: "from Lahore to Karachi"', 'exact: "from Lahore to Karachii"')
                .replace("(glossary:north-south-gas-pipeline-agreement)", "(note:p4-no-such-note)"))
SEVERAL_EXPECTED = [
    f"{E}:{line(ENTRY, 'kind:')}: kind is not one of the allowed values: 'actr' (did you mean 'actor'?)",
    f"{E}:{line(ENTRY, '  - date:')}: date is not a real calendar day (day is out of range for month): '2016-02-30'",
    f"{E}:{line(ENTRY, 'related:')}: unknown field: 'relatd' (did you mean 'related'?)",
    f"{E}:{line(ENTRY, '    url:')}: source URL is not an http(s) URL: "
    "'ftp://tribune.com.pk/story/973895/pakistan-russia-sign-gas-pipeline-agreement'",
    f"{E}:{line(ENTRY, 'Lahore is the capital')}: unknown glossary entry in link: 'glossary:pakistn' "
    "(did you mean 'pakistan'?)",
    f"{N}:{line(NOTE, '  exact:')}: quotation not found in ¶4: 'from Lahore to Karachii' "
    "(did you mean 'from Lahore to Karachi'?)",
    f"{N}:{line(NOTE, 'verdict:')}: unknown verdict: 'imprecize' (did you mean 'imprecise'?)",
    f"{N}:{line(NOTE, 'date:')}: note date is not an ISO 8601 day (YYYY-MM-DD): '26/11/2026'",
    f"{N}:{line(NOTE, '[Lahore](glossary:')}: unknown note in link: 'note:p4-no-such-note'",
]


def several_problems(tmp_path: Path) -> Path:
    project = contribution(tmp_path / "project")
    write(ENTRY_PATH, SEVERAL_ENTRY)(project)
    write(NOTE_PATH, SEVERAL_NOTE)(project)
    return project


def test_check_reports_every_problem_of_a_file_in_one_run(tmp_path: Path):
    result = checked(several_problems(tmp_path))
    assert result.returncode == 1
    reported = result.output.splitlines()
    missing = [expected for expected in SEVERAL_EXPECTED if expected not in reported]
    assert missing == [], result.output


@pytest.mark.slow
def test_build_reports_every_problem_of_a_file_in_one_run(tmp_path: Path):
    result = built(several_problems(tmp_path), tmp_path / "site")
    assert result.returncode != 0
    logged = logged_problems(result.output)
    missing = [expected for expected in SEVERAL_EXPECTED if expected not in logged]
    assert missing == [], result.output


# ---------------------------------------------------------------- one mistake, one message

ONE_MISTAKE = [
    # A broken entry is left out of the site, but it exists: links to it are not "unknown".
    Case("entry-kind-unknown-while-a-note-links-to-it", replace(E, "kind: actor", "kind: actr"),
         f"{E}:{line(ENTRY, 'kind:')}: kind is not one of the allowed values: 'actr' (did you mean 'actor'?)"),
    # A typo in the type is one mistake, not also "only fact-check notes have a verdict".
    Case("note-type-unknown", replace(N, "type: fact-check", "type: fact-chek"),
         f"{N}:{line(NOTE, 'type:')}: unknown note type: 'fact-chek' (did you mean 'fact-check'?)"),
    # An unreadable mentions.yml does not make every entry "mentioned nowhere".
    Case("mentions-yaml-malformed", replace(MENTIONS, MENTION, MENTION.replace("}\n", "\n")),
         f"{MENTIONS}:{FIXTURE_MENTION_LINE + 1}: malformed YAML: expected ',' or '}}', but got '<stream end>' "
         "(while parsing a flow mapping) (each line is '- {paragraph: 4, exact: Moscow, entry: russia}')"),
]


@pytest.mark.parametrize("case", ONE_MISTAKE, ids=lambda case: case.id)
def test_one_mistake_gives_one_message(case: Case, tmp_path: Path):
    """A contributor who makes one mistake is told about that mistake only, not its echoes."""
    project = broken(case, tmp_path)
    result = checked(project)
    assert result.returncode == 1
    problems = [text for text in result.output.splitlines() if not text.startswith("edition check:")]
    assert problems == [case.expected_line(project)]
