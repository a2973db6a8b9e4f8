"""Hostile input, round two (#23): the bibliography, what pandoc reads, edition.yml and the
outputs nobody reviews.

Each class of the issue is a case here: the changed project, the exact problem line the
check must print (path, line, rule), and the CPU time the check may take (a second). The
scanners that read contributed text are also timed on adversarial strings of growing length,
and their growth compared: linear code takes about four times as long for four times the
text, backtracking or rescanning code sixteen times or more.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from edition import bibliography, citeproc, frontmatter, hygiene, markup
from edition.problems import Located, ProblemList
from edition_testing import ROOT, Run, check_in_process, copy_sources, least_cpu, replaced


def config_line(start: str) -> int:
    """1-based line of the first line of the real edition.yml that starts with `start`."""
    lines = (ROOT / "edition.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, start=1) if text.startswith(start))

TEXT = "texts/rekindled-pak-russia-relations"
NOTE = f"{TEXT}/notes/p4-visit-date.md"
BIB = "bibliography.json"
CONFIG = "edition.yml"

Change = Callable[[Path], None]


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


def bibliography_item(**fields: object) -> Change:
    """The first item of bibliography.json with `fields` set (as JSON, two spaces an indent)."""
    def change(project: Path) -> None:
        items = json.loads((project / BIB).read_text(encoding="utf-8"))
        items[0].update(fields)
        (project / BIB).write_text(json.dumps(items, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return change


def first_item_line(field: str) -> Callable[[Path], int]:
    """The line of `field` in the first item of a changed bibliography.json."""
    def line(project: Path) -> int:
        lines = (project / BIB).read_text(encoding="utf-8").split("\n")
        return next(number for number, text in enumerate(lines, 1) if text.startswith(f'    "{field}":'))
    return line


def many_notes_on_the_same_words(count: int) -> Change:
    """`count` copies of one note, each with an id of its own, all on the same words."""
    def change(project: Path) -> None:
        text = (project / NOTE).read_text(encoding="utf-8")
        for number in range(count):
            note_id = f"p4-visit-date-{number:04d}"
            (project / NOTE).with_name(f"{note_id}.md").write_text(
                text.replace("id: p4-visit-date\n", f"id: {note_id}\n"), encoding="utf-8")
    return change


def write(path: str, text: str) -> Change:
    def change(project: Path) -> None:
        (project / path).write_text(text, encoding="utf-8")
    return change


def replace(path: str, old: str, new: str) -> Change:
    def change(project: Path) -> None:
        text = (project / path).read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path}"
        (project / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


@dataclass(frozen=True)
class Case:
    """One hostile file and the problem line the check must print for it."""

    id: str
    change: Change
    expected: str
    """The exact problem line; '{line}' in it stands for `line` of the changed project."""
    line: Callable[[Path], int] | None = None
    cpu: float = 1.0
    """CPU seconds the check may take: a second for each file the case writes."""

    @property
    def rule(self) -> str:
        return self.expected.rsplit("[", 1)[1].rstrip("]")

    def expected_line(self, project: Path) -> str:
        return self.expected.replace("{line}", str(self.line(project))) if self.line else self.expected


MANY_ITEMS = "[\n" + ",\n".join(json.dumps({"id": f"i{n}", "type": "book"}, separators=(",", ":")) for n in range(100_000)) + "\n]\n"
NESTED_QUOTES = "".join("“a ‘b " for _ in range(8)) + "c" + "’ d” e" * 8
FIELD_HINT = "the limit is 2,000 characters: a title, a name or a quotation is shorter"


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
    Case("a-thousand-notes-on-the-same-words", many_notes_on_the_same_words(1000),
         f"{TEXT}/notes/p4-visit-date-0999.md:7: more than 64 notes on the same words: 'in December 2014' (merge the "
         "notes on these words into one, or anchor each to the words it is about) [quote-crowded]", cpu=1000.0),
    # ------------------------------------------------------------ the bibliography
    Case("a-hundred-thousand-items", write(BIB, MANY_ITEMS),
         f"{BIB}:2002: the bibliography has too many items: 'more than 2,000' (an edition cites a few hundred "
         "sources at most: remove the items no note cites) [bibliography-too-large]"),
    Case("a-megabyte-author-name", bibliography_item(author=[{"family": "M" * 1_000_000}]),
         f"{BIB}:{{line}}: field is too long: '{'M' * 40}…' (1,000,000 characters) ({FIELD_HINT}) [field-too-long]",
         first_item_line("author")),
    Case("quotation-marks-nested-sixteen-deep", bibliography_item(title=NESTED_QUOTES),
         f"{BIB}:{{line}}: quotation marks nested more than 3 deep: '{NESTED_QUOTES[:60]}' (a title quotes a title "
         "at most: remove the outer marks) [csl-quotes-too-deep]", first_item_line("title")),
    Case("note-sets-a-url", bibliography_item(note="Seen online.\nURL: http://127.0.0.1/tracker"),
         f"{BIB}:{{line}}: a note cannot set CSL variables: 'URL: http://127.0.0.1/tracker' (citeproc reads "
         "'key: value' lines of a note as fields: give each field as a field of the item, or reword the line) "
         "[csl-note-variable]", first_item_line("note")),
    Case("note-sets-a-date", bibliography_item(note="issued: 1999"),
         f"{BIB}:{{line}}: a note cannot set CSL variables: 'issued: 1999' (citeproc reads 'key: value' lines of a "
         "note as fields: give each field as a field of the item, or reword the line) [csl-note-variable]",
         first_item_line("note")),
    Case("note-sets-a-container-in-braces", bibliography_item(note="Seen {:container-title:Evil}"),
         f"{BIB}:{{line}}: a note cannot set CSL variables: '{{:container-title:Evil}}' (citeproc reads 'key: "
         "value' lines of a note as fields: give each field as a field of the item, or reword the line) "
         "[csl-note-variable]", first_item_line("note")),
    Case("ipv4-short-form", bibliography_item(URL="http://127.1/story"),
         f"{BIB}:{{line}}: URL host is an IP address, not the publisher's site: '127.1' (cite the page at its "
         "publisher's own address) [url-host]", first_item_line("URL")),
    Case("ipv4-as-one-number", bibliography_item(URL="https://2130706433/story"),
         f"{BIB}:{{line}}: URL host is an IP address, not the publisher's site: '2130706433' (cite the page at its "
         "publisher's own address) [url-host]", first_item_line("URL")),
    Case("february-the-thirtieth", bibliography_item(issued={"date-parts": [[2016, 2, 30]]}),
         f"{BIB}:{{line}}: date is not a real calendar day (day is out of range for month): '2016-02-30' (correct "
         "the date, or give only the year and month) [date-invalid]", first_item_line("issued")),
    Case("a-five-thousand-digit-number-in-json", replace(BIB, '"type": "', '"volume": ' + "9" * 5000 + ', "type": "'),
         f"{BIB}:4: number is too long: '99999999999999999999…' (5,000 digits) (no value needs more than 100 digits: "
         "write the number CSL-JSON expects) [number-too-large]"),
    Case("a-five-thousand-digit-number-in-yaml", replace(NOTE, "  paragraph: 4\n", "  paragraph: " + "4" * 5000 + "\n"),
         f"{NOTE}:6: number is too long: '44444444444444444444…' (5,000 characters) (no value needs more than 100 "
         "digits; if this is text, put it in quotes) [number-too-large]"),
    # ------------------------------------------------------------ edition.yml is a source like the others
    Case("config-url-javascript", replace(CONFIG, "url: https://pak-russia-edition.github.io/rekindled-pak-russia-relations/",
                                          'url: "javascript:alert(document.domain)//"'),
         f"{CONFIG}:{config_line('url: ')}: this address is not an http(s) URL: 'javascript:alert(document.domain)//' [schema-pattern]"),
    Case("config-license-data-url", replace(CONFIG, "license: https://creativecommons.org/licenses/by/4.0/",
                                            'license: "data:text/html,<script>alert(1)</script>"'),
         f"{CONFIG}:{config_line('license: ')}: this address is not an http(s) URL: 'data:text/html,<script>alert(1)</script>' "
         "[schema-pattern]"),
    Case("config-page-outside-the-docs-folder", replace(CONFIG, "bibliography: bibliography.json\n",
                                                        "bibliography: bibliography.json\npages:\n  claims: /abs/x.md\n"),
         f"{CONFIG}:{config_line('bibliography: ') + 2}: a page is a path inside the docs folder, relative, ending in .md (letters, digits, '-', '_', "
         "'.', '/'): '/abs/x.md' [schema-pattern]"),
    Case("config-page-climbing-out", replace(CONFIG, "    page: index.md\n", "    page: ../../x.md\n"),
         f"{CONFIG}:{config_line('    page: index.md')}: a page is a path inside the docs folder, relative, ending in .md (letters, digits, '-', '_', "
         "'.', '/'): '../../x.md' [schema-pattern]"),
    Case("config-notes-in-etc", replace(CONFIG, "    notes: texts/rekindled-pak-russia-relations/notes\n",
                                        "    notes: /etc\n"),
         f"{CONFIG}:{config_line('    notes: ')}: 'notes' names a path outside the project: '/etc' (sources must live inside the repository: "
         "give a path relative to edition.yml, without '..') [path-outside]"),
    Case("config-short-title-markup", replace(CONFIG, "short_title: Rekindled Pak-Russia Relations",
                                              'short_title: "Rekindled<img src=x onerror=alert(1)>"'),
         f"{CONFIG}:{config_line('short_title: ')}: HTML is not allowed here: '<img src=x onerror=alert(1)>' (front matter is plain text: remove "
         "the tag) [markup]"),
    Case("config-title-with-a-control-character", replace(CONFIG, "short_title: Rekindled Pak-Russia Relations",
                                                          'short_title: "Rekindled\\x1b[2J"'),
         f"{CONFIG}:{config_line('short_title: ')}: control character U+001B at character 10: 'Rekindled<U+001B>[2J' (delete it: it is invisible "
         "and breaks pages) [control-character]"),
    Case("config-impossible-date", replace(CONFIG, 'issued: "2016-08-09"', 'issued: "2016-02-30"'),
         f"{CONFIG}:{config_line('      issued: ')}: date is not a real calendar day (day is out of range for month): '2016-02-30' [date-invalid]"),
    Case("config-date-not-iso", replace(CONFIG, 'issued: "2016-08-09"', 'issued: "9 August 2016"'),
         f"{CONFIG}:{config_line('      issued: ')}: a date is YYYY-MM-DD, YYYY-MM or YYYY: '9 August 2016' [schema-pattern]"),
]


def _problem_lines(result: Run) -> list[str]:
    return [text for text in result.output.splitlines() if not text.startswith("edition check:")]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_check_reports_within_a_second(case: Case, tmp_path: Path):
    project = copy_sources(tmp_path / "project")
    case.change(project)
    check_in_process(project)  # the first check of a process reads its schemas and templates
    results: list[Run] = []
    spent = least_cpu(lambda: results.append(check_in_process(project)), tries=2, enough=case.cpu)
    result = results[0]
    assert "Traceback" not in result.output
    assert result.returncode == (2 if case.expected.startswith(f"{CONFIG}:") else 1), result.output
    assert case.expected_line(project) in _problem_lines(result), result.output
    assert spent < case.cpu, f"{case.id}: the check took {spent:.2f} s of CPU"


def test_the_cases_are_distinct():
    assert len({case.id for case in CASES}) == len(CASES)


# ---------------------------------------------------------------- linear growth

def _seconds(function: Callable[[str], object], text: str) -> float:
    return least_cpu(lambda: function(text), tries=3)


def _yaml(text: str) -> object:
    try:
        return frontmatter.load_yaml("title: " + json.dumps(text) + "\nsize: " + "9" * len(text))
    except Located as error:
        return error


def _check_body(text: str) -> object:
    return markup.unsafe_markup(text), hygiene.body_findings(text)


_RENDERER = markup.MarkdownRenderer()

def _bibliography(text: str) -> object:
    """The check of a bibliography whose items each hold `text` as their title."""
    items = [{"id": f"i{n}", "type": "book", "title": text[:100]} for n in range(len(text) // 100)]
    return bibliography.examine_bibliography.__wrapped__(json.dumps(items, indent=2), ())


SCANNERS: dict[str, Callable[[str], object]] = {
    "bibliography": _bibliography,
    "quote_nesting": bibliography.quote_nesting,
    "url_problems": lambda text: bibliography.url_problems("https://example.org/" + text),
    "note_variables": lambda text: bibliography.check_csl_fields({"note": text}, 1, {}, Path(), ProblemList(Path())),
    "yaml_scan": lambda text: _yaml(text),
    "attribute_lists": lambda text: list(markup.attribute_lists(text)),
    "markup_lines": hygiene.markup_lines,
    "check_body": _check_body,
    "render": _RENDERER.render,
}
ADVERSARIAL = ["“", "‘a ", '"', "a: ", "{:a:", "127.", "a.", "/a.", "%",  "{a=", "{ {:", "{.", "[", "[a](", "(", "\\\\", "<a", "<!--", "&lt;a", "- ", "> ", "1. ", "*a", "_",
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


# ---------------------------------------------------------------- what pandoc reads

def _citation_items() -> list[dict[str, object]]:
    return [{"id": "masood", "type": "article-newspaper", "title": "Rekindled Pak-Russia relations",
             "author": [{"family": "Masood", "given": "Yasir"}], "container-title": "The Express Tribune",
             "issued": {"date-parts": [[2016, 8, 9]]}},
            {"id": "other", "type": "book", "title": "Another book", "author": [{"family": "Other"}]}]


INJECTED_LOCATOR = "para. 2\n:::\n\n::: {#c0}\nInjected citation\n:::\n\n::: {#x}\n[@other]"


@pytest.mark.parametrize("style", ["chicago", "apa"])
def test_a_locator_is_data_not_pandoc_markdown(style: str):
    """A locator with a line break, ':::' and a div id (which replaced ¶1's citation when the
    document was Markdown) is printed as the words it is, and the other citation is untouched."""
    requests = [citeproc.CiteRequest("p1", "masood", "para. 1"), citeproc.CiteRequest("p2", "masood", INJECTED_LOCATOR)]
    formatted = citeproc.format_batch(_citation_items(), style, requests, [])
    clean = citeproc.format_batch(_citation_items(), style, requests[:1], [])
    assert formatted.citations["p1"] == clean.citations["p1"]
    assert "Injected" not in formatted.citations["p1"] and "Another" not in formatted.citations["p1"]
    assert "::: {#c0} Injected citation :::" in citeproc.plain(formatted.citations["p2"])
    assert "other" not in formatted.references


def test_pandoc_out_of_time_is_a_located_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The build's pandoc runs have a time limit; running out of it names the bibliography and a rule."""
    from edition.build import SiteBuild
    from edition.config import load_config
    from edition.load import load_edition

    citeproc._api_version()   # asked once per process, before the limit is lowered
    monkeypatch.setattr(citeproc, "PANDOC_SECONDS", 0.001)
    monkeypatch.setattr(citeproc, "_cache", {})
    monkeypatch.setattr(citeproc.cache, "read", lambda *args: None)
    project = copy_sources(tmp_path / "project")
    edition = load_edition(load_config(project / CONFIG))
    with pytest.raises(citeproc.CiteprocError) as raised:
        list(SiteBuild(edition).pages())
    assert str(raised.value).startswith(f"{BIB}:1: pandoc's citeproc did not finish within 0.001 seconds formatting ")
    assert str(raised.value).endswith(" [citeproc-timeout]")


def test_weasyprint_out_of_time_is_a_located_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The handout's layout has a time limit in a build; running out of it names the text and a rule."""
    from edition.build import SiteBuild
    from edition.config import load_config
    from edition.load import load_edition
    from edition.render import handout

    monkeypatch.setattr(handout, "HANDOUT_SECONDS", 0.001)
    monkeypatch.setattr(handout.cache, "read", lambda *args: None)
    project = copy_sources(tmp_path / "project")
    edition = load_edition(load_config(project / CONFIG))
    build = SiteBuild(edition)
    with pytest.raises(handout.HandoutError) as raised:
        [made() for _, made in build.handouts()]
    assert str(raised.value) == (
        "texts/rekindled-pak-russia-relations/source.txt:1: WeasyPrint did not lay out the handout of "
        "'rekindled-pak-russia-relations' within 0.001 seconds (look for an unusual note or entry added since the "
        "last build: the check refuses what is known to be slow) [handout-timeout]")


RULES_TESTED_HERE = {case.rule for case in CASES} | {"citeproc-timeout", "handout-timeout"}
"""Every rule this module asserts (tests/test_hardening.py checks that every rule is asserted somewhere)."""


# ---------------------------------------------------------------- the job summary

def test_the_job_summary_prints_values_as_text(tmp_path: Path):
    """A file name that writes a heading, a message with an image to a tracker: in the job summary
    (rendered by GitHub as Markdown with HTML) they stay text, in their cells."""
    import markdown
    from bs4 import BeautifulSoup

    from edition.__main__ import _summary_markdown
    from edition.problems import Problem

    hostile = [Problem("x\n### Edition check: no problems\n.md", 3, "bad value: '<img src=https://tracker.example/t.png>'",
                       "see [here](https://tracker.example) or ![x](https://tracker.example/i.png) *now* | `x`",
                       "markup"),
               Problem("<script>alert(1)</script>.md", 1, "&lt;b&gt; \\| a | b", "", "markup")]
    rendered = markdown.markdown(_summary_markdown(hostile, "1 note"), extensions=["tables"])
    page = BeautifulSoup(rendered, "html.parser")
    assert [h.get_text() for h in page.find_all(["h1", "h2", "h3", "h4"])] == ["Edition check: 2 problem(s)"]
    assert page.find_all(["img", "a", "script", "em", "strong"]) == []
    rows = page.select("tbody tr")
    assert len(rows) == 2 and all(len(row.find_all("td")) == 4 for row in rows)
    for row, problem in zip(rows, hostile, strict=True):
        cells = [cell.get_text().replace("\\", "") for cell in row.find_all("td")]
        expected = [f"{problem.path}:{problem.line}", problem.message, problem.hint, problem.rule]
        assert cells == [value.replace("\n", "n").replace("\\", "") for value in expected]


@pytest.mark.slow
def test_a_thousand_notes_on_the_same_words_do_not_crash_the_build(tmp_path: Path):
    """A lenient build (which renders what the strict one would refuse) reports the problem and
    finishes: the page nests eight highlights at most, not a thousand (RecursionError)."""
    from test_hostile_input import _lenient_build

    project = copy_sources(tmp_path / "project")
    shutil.copytree(ROOT / "hooks" / "edition", project / "hooks" / "edition",
                    ignore=shutil.ignore_patterns("__pycache__"))
    many_notes_on_the_same_words(1000)(project)
    result = _lenient_build(project, tmp_path / "site")
    assert "RecursionError" not in result.output and "Traceback" not in result.output
    assert result.returncode == 0, "\n".join(line for line in result.output.splitlines()[-40:]
                                              if "[quote-crowded]" not in line)
    assert "p4-visit-date-0999.md:7: more than 64 notes on the same words" in result.output


# ---------------------------------------------------------------- what the build leaves in its outputs

THEME = Path(__import__("material").__file__).parent / "templates"
"""Material's own templates and assets, which the build copies into the site."""


def pdf_links(pdf: bytes) -> list[str]:
    """The address of every link annotation of a PDF."""
    import io

    from pypdf import PdfReader

    links = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                links.append(str(action["/URI"]))
    return links


@pytest.mark.slow
def test_the_build_leaves_no_path_of_the_machine_in_any_output(tmp_path: Path):
    """The unmodified edition, checked and built: no file:// address and no folder of the
    machine that built it, in any page, export or link of the handout PDF (WeasyPrint resolved
    the handout's relative links against the project's folder: 93 file:/// links)."""
    from edition_testing import build_in_process

    project = copy_sources(tmp_path / "project")
    site = tmp_path / "site"
    checked = check_in_process(project)
    assert checked.returncode == 0, checked.output
    result = build_in_process(project, site)
    assert result.returncode == 0, result.output
    machine = [str(project), str(project.resolve()), str(ROOT), str(tmp_path)]
    found = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        text = data.decode("utf-8", "replace")
        # Material's own files, copied unchanged, may mention file:// in their code (its source
        # map does): what the edition writes may not, and nothing may hold the machine's folders.
        vendored = (THEME / path.relative_to(site)).is_file() and (THEME / path.relative_to(site)).read_bytes() == data
        hits = [needle for needle in ([] if vendored else ["file://"]) + machine if needle in text]
        if path.suffix == ".pdf":
            links = pdf_links(data)
            assert links, "the handout has no links: the inspection sees nothing"
            hits += [link for link in links if link.startswith("file:") or not link.startswith(("http", "#"))]
        if hits:
            found[path.relative_to(site).as_posix()] = hits
    assert found == {}
    # What the commands print (MkDocs names the site folder it writes into, which is no source).
    for output in (checked.output, result.output):
        assert not any(needle in output for needle in ["file://", str(project), str(ROOT)]), output


# ---------------------------------------------------------------- strings in CSS

BREAKOUTS = ['Title"; } @page { background: url(file:///etc/passwd) } x { content: "',
             "Title\\\"; color: red", "Title\n} body { display: none", "Title</style><script>alert(1)</script>",
             "Title'); background: url('file:///etc/hostname", "Title\\", "Title /* comment", "Title\u2028\u0000",
             "Rekindled Pak-Russia Relations · an annotated edition · version 1.1.0"]


@pytest.mark.parametrize("value", BREAKOUTS, ids=range(len(BREAKOUTS)))
def test_css_string_is_one_string_token_of_the_value(value: str):
    """Whatever a short title holds, the stylesheet reads one string, whose value is the title."""
    import tinycss2

    from edition.render.environment import css_string

    declaration = f"content: {css_string(value)}; color: #444"
    tokens = [token for token in tinycss2.parse_component_value_list(declaration)
              if token.type not in ("whitespace", "comment")]
    assert [token.type for token in tokens] == ["ident", "literal", "string", "literal", "ident", "literal", "hash"]
    expected = value.replace("\0", "\ufffd")  # CSS reads NUL as the replacement character
    assert tokens[2].value == expected
    assert "<" not in css_string(value) and "\n" not in css_string(value)


def test_the_handout_stylesheet_escapes_the_short_title():
    """The handout's CSS holds the short title as one escaped string, never HTML-escaped ('&#34;')."""
    from edition.build import SiteBuild
    from edition.config import load_config
    from edition.load import load_edition
    from edition.render.handout import handout_document

    edition = load_edition(load_config(ROOT / CONFIG))
    title = 'Rekindled"; } @page { background: url(file:///etc/passwd) } a{b:"'
    edition = replaced(edition, config=edition.config._replace(short_title=title))
    build = SiteBuild(edition)
    document = handout_document(build.renderer, edition.texts[0])
    css = document.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "url(file" not in css and "&#34;" not in css
    assert '"Rekindled\\22 \\3b  \\7d  \\40 page' in css


# ---------------------------------------------------------------- partial dates in edition.yml

@pytest.mark.parametrize(("issued", "shown"), [("1864-03", "March 1864"), ("1864", "1864")])
def test_a_partial_date_of_the_original_is_accepted_and_rendered(issued: str, shown: str, tmp_path: Path):
    from edition.build import SiteBuild
    from edition.citation import head_tags
    from edition.config import load_config
    from edition.load import load_edition
    from edition.records import format_date

    project = copy_sources(tmp_path / "project")
    replace(CONFIG, 'issued: "2016-08-09"', f'issued: "{issued}"')(project)
    result = check_in_process(project)
    assert "Traceback" not in result.output and f"{CONFIG}:" not in result.output, result.output
    edition = load_edition(load_config(project / CONFIG))
    build = SiteBuild(edition)
    pages = {page.src: page.content for page in build.pages()}  # no "Invalid isoformat string"
    assert pages
    citable = build.renderer.citable(edition.texts[0])
    meta = dict(head_tags(citable)["meta"])
    assert meta["citation_publication_date"] == issued.replace("-", "/")
    assert format_date(issued) == shown


# ---------------------------------------------------------------- the limits, as CONTRIBUTING states them

def test_contributing_states_the_limits_the_check_enforces():
    from edition import load, reading, sourcefile

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text.split("<!-- limits: checked against the code by tests/test_hostile_round_two.py -->", 1)[1]
    table = table.split("<!-- end of limits -->", 1)[0]
    kib = reading.KiB
    stated = [f"| a note or a glossary entry | {reading.SIZE_LIMITS['note'] // kib} KiB |",
              f"| `mentions.yml` | {reading.SIZE_LIMITS['mentions'] // kib} KiB |",
              (f"| `bibliography.json` | {reading.SIZE_LIMITS['bibliography'] // kib // kib} MiB, and "
               f"{bibliography.MAX_ITEMS:,} items |"),
              f"| `edition.yml` | {reading.SIZE_LIMITS['config'] // kib} KiB |",
              f"| `CHANGELOG.md` | {reading.SIZE_LIMITS['changelog'] // kib} KiB |",
              f"| one field (a title, a name, a quotation) | {sourcefile.MAX_FIELD:,} characters |",
              f"| a number | {bibliography.MAX_DIGITS} digits |",
              f"| one paragraph of a body | {markup.MAX_PARAGRAPH:,} characters |",
              f"`(` open in one paragraph | {markup.MAX_NESTING} levels |",
              f"| lists and mappings in YAML or JSON | {frontmatter.MAX_DEPTH} levels |",
              f"in a bibliography field | {bibliography.MAX_QUOTE_NESTING} levels |",
              f"| notes on the same words | {load.MAX_NOTES_ON_WORDS} |"]
    assert [line for line in stated if line not in table] == []
    assert reading.SIZE_LIMITS["note"] == reading.SIZE_LIMITS["entry"]
    assert frontmatter.MAX_DIGITS == bibliography.MAX_DIGITS
