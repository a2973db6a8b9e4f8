"""A catalogue of invalid contributions, each rejected by `make check` and by the strict build.

Every case starts from a copy of the real project plus one valid contribution (a glossary
entry, a mention of it, a fact-check note and the bibliography item they cite, written
below), changes one thing, and asserts the exact problem line, `path:line: message (hint)
[rule]`, in the output of `python -m edition check` (what `make check` runs) and among the
warnings of `mkdocs build --strict`. Neither command may write into the project: every run is
bracketed by a hash of the whole tree. Every rule of the check (edition/rules.py) that a
contribution can break has a case here.

The catalogue runs both commands through their own entry points in the test's process
(`check_in_process`, `build_in_process`), as the subprocess would, which saves starting Python,
MkDocs and Material a hundred times; the clean and several-problem runs, and
`test_in_process_runs_print_what_the_commands_print`, run the real commands. The build runs are
marked `slow`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from edition.frontmatter import load_yaml
from edition.rules import RULES
from edition_testing import (
    ROOT,
    ProcessState,
    Run,
    build_in_process,
    check_in_process,
    copy_project,
    copy_sources,
    run_build,
    run_check,
    same_output,
    warnings_of,
)

TEXT = "texts/rekindled-pak-russia-relations"
ENTRY_PATH = "glossary/test-fixture-lahore.md"
NOTE_PATH = f"{TEXT}/notes/p4-test-fixture-route.md"
MENTIONS = f"{TEXT}/mentions.yml"
SOURCE = f"{TEXT}/source.txt"
BIB = "bibliography.json"
KEY = "test-fixture-2015-10-16-pipeline"

# The valid contribution every case starts from. Ids say "test-fixture" so they can never
# collide with a real entry or note; the alias "Lahore" is guarded in `test_the_fixture_is_free`.
ENTRY = f"""\
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
    label: Pakistan and Russia name Lahore as an end point of the North–South gas pipeline
related: [pakistan, north-south-gas-pipeline-agreement]
sources:
  - key: {KEY}
    quote: "The pipeline will run from Karachi to Lahore."
---
Lahore is the capital of [Pakistan](glossary:pakistan)'s Punjab province. [¶4](para:4)
names it as one end of the [North–South pipeline](glossary:north-south-gas-pipeline-agreement).
"""

NOTE = f"""\
---
# yaml-language-server: $schema=../../../hooks/edition/schemas/annotation.schema.json
id: p4-test-fixture-route
title: Direction of the pipeline
target:
  paragraph: 4
  exact: "from Lahore to Karachi"
type: fact-check
verdict: imprecise
authors:
  - name: The editors
date: "2026-12-02"
sources:
  - key: {KEY}
    locator: para. 2
    quote: "The pipeline will run from Karachi to Lahore."
---
The pipeline was planned to carry imported gas north from Karachi to
[Lahore](glossary:test-fixture-lahore); see [the pipeline deal](glossary:north-south-gas-pipeline-agreement).
"""

BIB_ITEM = f"""\
  {{
    "id": "{KEY}",
    "type": "article-newspaper",
    "title": "An invented report on the pipeline",
    "container-title": "The Test Fixture Gazette",
    "issued": {{"date-parts": [[2015, 10, 16]]}},
    "URL": "https://example.org/test-fixture/2015/10/16/pipeline",
    "accessed": {{"date-parts": [[2026, 12, 2]]}}
  }}"""

MENTION = "- {paragraph: 4, exact: Lahore, entry: test-fixture-lahore}\n"
SUMMARY = ("summary: >-\n  Capital of Punjab province, named in the text as one end of the "
           "North–South gas pipeline.\n")
QUOTE = '    quote: "The pipeline will run from Karachi to Lahore."\n'


def line(text: str, start: str) -> int:
    """1-based number of the one line of `text` that starts with `start`."""
    numbers = [number for number, content in enumerate(text.splitlines(), start=1) if content.startswith(start)]
    assert len(numbers) == 1, f"{len(numbers)} fixture lines start with {start!r}"
    return numbers[0]


def _lines(path: str) -> int:
    return len((ROOT / path).read_text(encoding="utf-8").splitlines())


FIXTURE_MENTION_LINE = _lines(MENTIONS) + 1
NEXT_MENTION_LINE = FIXTURE_MENTION_LINE + 1
BIB_ITEM_LINE = _lines(BIB)  # the item replaces the closing ']' line, which moves below it


def bib_line(start: str) -> int:
    """Line in the contributed bibliography.json of the fixture item's line starting with `start`."""
    return BIB_ITEM_LINE + line(BIB_ITEM, start) - 1


URL_LINE, TITLE_LINE, TYPE_LINE, ISSUED_LINE = (bib_line(f'    "{field}"') for field in ("URL", "title", "type", "issued"))
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


def write_bytes(path: str, data: bytes) -> Change:
    def change(project: Path) -> None:
        (project / path).write_bytes(data)
    return change


def append(path: str, text: str) -> Change:
    def change(project: Path) -> None:
        file = project / path
        file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")
    return change


def append_bytes(path: str, data: bytes) -> Change:
    def change(project: Path) -> None:
        file = project / path
        file.write_bytes(file.read_bytes() + data)
    return change


def both(*changes: Change) -> Change:
    def change(project: Path) -> None:
        for one in changes:
            one(project)
    return change


def contribution(destination: Path, copy: Callable[[Path], Path] = copy_project) -> Path:
    """A copy of the project with the valid fixture contribution added (`copy_sources` makes a
    copy without the edition's package, for runs in this process)."""
    project = copy(destination)
    (project / ENTRY_PATH).write_text(ENTRY, encoding="utf-8")
    (project / NOTE_PATH).write_text(NOTE, encoding="utf-8")
    mentions = (project / MENTIONS).read_text(encoding="utf-8")
    assert mentions.endswith("\n")
    (project / MENTIONS).write_text(mentions + MENTION, encoding="utf-8")
    bibliography = (project / BIB).read_text(encoding="utf-8")
    assert bibliography.endswith("}\n]\n")
    (project / BIB).write_text(bibliography[:-3] + ",\n" + BIB_ITEM + "\n]\n", encoding="utf-8")
    return project


def _base_text_changed(project: Path) -> str:
    recorded = load_yaml((ROOT / "edition.yml").read_text(encoding="utf-8")).value["texts"][0]["sha256"]
    actual = hashlib.sha256((project / SOURCE).read_bytes()).hexdigest()
    return (f"{SOURCE}:1: the transcript's SHA-256 is {actual}, but edition.yml records {recorded}: 'source.txt' "
            "(the published text is never corrected: put it back as published and put disagreements in a note; "
            "for a new or corrected transcript, record its checksum with "
            "'edition accept rekindled-pak-russia-relations') [basetext-checksum]")


def _first_mention_line(paragraph: int, entry: str) -> int:
    """Line of the first mention of `entry` in `paragraph` in the real mentions.yml."""
    items = load_yaml((ROOT / MENTIONS).read_text(encoding="utf-8")).value
    for index, item in enumerate(items):
        if item["paragraph"] == paragraph and item["entry"] == entry:
            return items.line_of(index)
    raise AssertionError(f"mentions.yml no longer links {entry} in ¶{paragraph}")


def _second_mention_in_paragraph(project: Path) -> str:
    return (f"{MENTIONS}:{NEXT_MENTION_LINE}: entry already linked in ¶1 by the mention on line "
            f"{_first_mention_line(1, 'russia')}: 'russia' (link only the first mention of an entry in each "
            "paragraph) [mention-repeated]")


@dataclass(frozen=True)
class Case:
    """One invalid contribution and the problem line it must produce."""

    id: str
    change: Change
    expected: str | Callable[[Path], str]
    """The exact problem line, or a function of the changed project that computes it."""

    def expected_line(self, project: Path) -> str:
        return self.expected if isinstance(self.expected, str) else self.expected(project)

    @property
    def rule(self) -> str:
        text = self.expected if isinstance(self.expected, str) else ""
        match = re.search(r"\[([a-z-]+)\]$", text)
        return match.group(1) if match else ""


E, N = ENTRY_PATH, NOTE_PATH
PLACEHOLDER_SUMMARY = "summary: >-\n  TODO: one plain sentence saying who or what it is.\n"

CATALOGUE = [
    # ------------------------------------------------------------ glossary entries
    Case("entry-kind-unknown", replace(E, "kind: actor", "kind: actr"),
         f"{E}:{line(ENTRY, 'kind:')}: kind is not one of the allowed values: 'actr' (did you mean 'actor'?) "
         "[schema-enum]"),
    Case("entry-field-missing", replace(E, SUMMARY, ""),
         f"{E}:3: missing required field: 'summary' [schema-required]"),
    Case("entry-summary-empty", replace(E, SUMMARY, 'summary: ""\n'),
         f"{E}:{line(ENTRY, 'summary:')}: empty required field: 'summary' [schema-empty]"),
    Case("entry-field-unknown", replace(E, "related:", "relatd:"),
         f"{E}:{line(ENTRY, 'related:')}: unknown field: 'relatd' (did you mean 'related'?) [schema-unknown-field]"),
    Case("entry-aliases-not-a-list", replace(E, "aliases:\n  - Lahore\n", "aliases: Lahore\n"),
         f"{E}:{line(ENTRY, 'aliases:')}: aliases must be a list: 'Lahore' [schema-type]"),
    Case("entry-wikidata-form", replace(E, "related:", "wikidata: L12\nrelated:"),
         f"{E}:{line(ENTRY, 'related:')}: wikidata is not a Q-id such as 'Q843': 'L12' [schema-pattern]"),
    Case("entry-parties-on-an-actor", replace(E, "related:", "parties: [pakistan]\nrelated:"),
         f"{E}:{line(ENTRY, 'related:')}: only agreements have parties: 'parties' (remove the field) "
         "[schema-not-allowed]"),
    Case("entry-party-unknown",
         replace(E, "kind: actor\ntype: region\n", "kind: agreement\ntype: deal\nparties: [russia, pakistn]\n"),
         f"{E}:{line(ENTRY, 'type:') + 1}: unknown glossary entry in parties: 'pakistn' (did you mean 'pakistan'?) "
         "[reference-unknown]"),
    Case("entry-party-is-an-agreement",
         replace(E, "kind: actor\ntype: region\n",
                 "kind: agreement\ntype: deal\nparties: [russia, mi-35m-helicopter-deal]\n"),
         f"{E}:{line(ENTRY, 'type:') + 1}: parties must be actors, but this is an agreement: "
         "'mi-35m-helicopter-deal' (list the actors that signed or joined it) [party-not-actor]"),
    Case("entry-related-unknown", replace(E, "related: [pakistan,", "related: [pakistn,"),
         f"{E}:{line(ENTRY, 'related:')}: unknown glossary entry in related: 'pakistn' (did you mean 'pakistan'?) "
         "[reference-unknown]"),
    Case("entry-related-to-itself", replace(E, "related: [pakistan,", "related: [test-fixture-lahore, pakistan,"),
         f"{E}:{line(ENTRY, 'related:')}: an entry cannot be related to itself: 'test-fixture-lahore' "
         "(remove 'test-fixture-lahore' from related) [reference-self]"),
    Case("entry-related-twice", replace(E, "related: [pakistan,", "related: [pakistan, pakistan,"),
         f"{E}:{line(ENTRY, 'related:')}: listed twice in related: 'pakistan' (keep one) [reference-duplicate]"),
    Case("entry-alias-claimed-twice", replace(E, "  - Lahore\n", "  - Lahore\n  - China\n"),
         f"{E}:{line(ENTRY, 'aliases:')}: alias claimed by two entries: 'China' "
         "(also claimed by glossary/china.md: keep it in one entry) [alias-duplicate]"),
    Case("entry-id-not-file-name", replace(E, "id: test-fixture-lahore", "id: test-fixture-lahore-city"),
         f"{E}:3: id does not match the file name 'test-fixture-lahore.md': 'test-fixture-lahore-city' "
         "(rename the file to 'test-fixture-lahore-city.md' or set id: test-fixture-lahore) [id-file-mismatch]"),
    Case("entry-id-duplicate", write("glossary/test-fixture-lahore2.md", ENTRY),
         "glossary/test-fixture-lahore2.md:3: duplicate glossary id: 'test-fixture-lahore' "
         f"(also used by {E}) [id-duplicate]"),
    Case("entry-id-overwrites-the-glossary-index",
         both(write("glossary/index.md", ENTRY.replace("id: test-fixture-lahore", "id: index")),
              replace(MENTIONS, MENTION, "")),
         "glossary/index.md:3: this id's page 'glossary/index.md' would overwrite the glossary index: 'index' "
         "(choose another id (and rename the file to match)) [id-page-collision]"),
    Case("entry-yaml-unquoted-colon", replace(E, "title: Lahore\n", "title: Lahore: the city\n"),
         f"{E}:{line(ENTRY, 'title:')}:14: line {line(ENTRY, 'title:')}: the value contains ': ', which YAML reads "
         "as a new key: 'title: Lahore: the city' (put the whole value in double quotes) [yaml-unquoted-colon]"),
    Case("entry-yaml-tab", replace(E, "  - Lahore\n", "\t- Lahore\n"),
         f"{E}:{line(ENTRY, '  - Lahore')}: line {line(ENTRY, '  - Lahore')} is indented with a tab: 'use spaces' "
         "(YAML allows only spaces for indentation; replace the tab by spaces) [yaml-tab]"),
    Case("entry-yaml-indented-key", replace(E, "type: region\n", "  type: region\n"),
         f"{E}:{line(ENTRY, 'type:')}: line {line(ENTRY, 'type:')}: this key is indented more than the one above "
         f"it: 'type' (line it up with 'kind' on line {line(ENTRY, 'kind:')}, or give the line above no value if "
         "this belongs under it) [yaml-indentation]"),
    Case("entry-yaml-duplicate-key", replace(E, "type: region\n", "type: region\ntype: state\n"),
         f"{E}:{line(ENTRY, 'type:') + 1}: duplicate field in front matter: 'type' (keep one of them) "
         "[yaml-duplicate-key]"),
    Case("entry-front-matter-unclosed", replace(E, "---\nLahore is", "\nLahore is"),
         f"{E}:1: the YAML front matter opened on line 1 is never closed: '---' (add a line '---' after the last "
         "field) [frontmatter-unclosed]"),
    Case("entry-front-matter-missing", replace(E, "---\n# yaml-language-server", "# yaml-language-server"),
         f"{E}:1: the file does not start with a '---' line opening the YAML front matter: '# yaml-language-server: "
         "$schema=../hooks' (start the file with a line '---', the fields, then another '---') [frontmatter-missing]"),
    Case("entry-front-matter-a-list", write(E, "---\n- a\n- b\n---\nBody.\n"),
         f"{E}:2: front matter must be a mapping of fields, not a list: '['a', 'b']' "
         "(write 'field: value' lines between the '---' fences) [frontmatter-shape]"),
    Case("entry-date-not-iso", replace(E, '- date: "2015-10-16"', '- date: "16 October 2015"'),
         f"{E}:{line(ENTRY, '  - date:')}: date is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD): '16 October 2015' "
         "[schema-pattern]"),
    Case("entry-date-impossible", replace(E, '- date: "2015-10-16"', '- date: "2016-02-30"'),
         f"{E}:{line(ENTRY, '  - date:')}: date is not a real calendar day (day is out of range for month): "
         "'2016-02-30' [date-invalid]"),
    Case("entry-body-unknown-glossary-link", replace(E, "(glossary:pakistan)'s", "(glossary:pakistn)'s"),
         f"{E}:{line(ENTRY, 'Lahore is the capital')}: unknown glossary entry in link: 'glossary:pakistn' "
         "(did you mean 'pakistan'?) [link-unknown-target]"),
    Case("entry-mentioned-nowhere", replace(MENTIONS, MENTION, ""),
         f"{E}:3: entry is mentioned nowhere in the text: 'test-fixture-lahore' (mark a mention in the "
         "text's mentions.yml, or add background: {paragraph, sentence} naming the words it explains) "
         "[entry-unmentioned]"),
    Case("entry-summary-placeholder", replace(E, SUMMARY, PLACEHOLDER_SUMMARY),
         f"{E}:{line(ENTRY, 'summary:')}: the template's placeholder is still here: 'TODO: one plain sentence "
         "saying who or what it is.' (write 'summary': every TODO of the template must be replaced) [placeholder]"),
    Case("entry-body-placeholder", replace(E, "Lahore is the capital", "TODO: the body. Lahore is the capital"),
         f"{E}:{line(ENTRY, 'Lahore is the capital')}: the template's placeholder is still here: 'TODO: the body. "
         "Lahore is the capital of [Pakistan](glossary' (write the note or entry in place of the TODO "
         "text) [placeholder]"),
    Case("entry-title-control-character", replace(E, "title: Lahore\n", 'title: "La\\ahore"\n'),
         f"{E}:{line(ENTRY, 'title:')}: control character U+0007 at character 3: 'La<U+0007>hore' "
         "(delete it: it is invisible and breaks pages) [control-character]"),
    Case("entry-title-bidi-override", replace(E, "title: Lahore\n", "title: \u202eLahore\n"),
         f"{E}:{line(ENTRY, 'title:')}: bidirectional override U+202E RIGHT-TO-LEFT OVERRIDE at character 1: "
         "'<U+202E>Lahore' (delete it: it makes the text display in a different order than it reads) [bidi-control]"),
    Case("entry-title-zero-width-space", replace(E, "title: Lahore\n", "title: La\u200bhore\n"),
         f"{E}:{line(ENTRY, 'title:')}: invisible character U+200B ZERO WIDTH SPACE at character 3: "
         "'La<U+200B>hore' (delete it) [invisible-character]"),
    Case("entry-summary-img-onerror", replace(E, SUMMARY, "summary: <img src=x onerror=alert(1)//<>\n"),
         f"{E}:{line(ENTRY, 'summary:')}: HTML is not allowed here: '<img src=x onerror=alert(1)//<>' "
         "(front matter is plain text: remove the tag) [markup]"),
    Case("entry-summary-script-url", replace(E, SUMMARY, "summary: javascript:alert(1)\n"),
         f"{E}:{line(ENTRY, 'summary:')}: a script or data URL is not allowed here: 'javascript:alert(1)' "
         "(use an https:// address) [script-url]"),
    Case("entry-body-too-long", append(E, "\n" + "word " * 210 + "\n"),
         f"{E}:{line(ENTRY, 'Lahore is the capital')}: entry is longer than the 200 words allowed for an entry: "
         "'228 words' (keep to the claim and its evidence; the limit is set in edition.yml (apparatus: "
         "word_limits)) [note-too-long]"),
    Case("entry-file-too-large", append(E, "x" * (70 * 1024) + "\n"),
         f"{E}:1: file is too large: '71 KiB' (the limit for this kind of file is 64 KiB; split it or shorten it) "
         "[file-too-large]"),
    Case("entry-not-utf8", write_bytes(E, ENTRY.encode("utf-8").replace(b"Punjab", b"Pa\xf1jab")),
         f"{E}:{line(ENTRY, '  Capital of Punjab')}:16: the file is not UTF-8 text: byte 0xf1 at line "
         f"{line(ENTRY, '  Capital of Punjab')}, column 16: '  Capital of Pa\\xf1jab prov' (save it as UTF-8 (the "
         "edition's only encoding)) [encoding]"),
    Case("entry-with-a-bom", write_bytes(E, b"\xef\xbb\xbf" + ENTRY.encode("utf-8")),
         f"{E}:1: file starts with a UTF-8 byte-order mark (BOM): 'ef bb bf' (save it as UTF-8 without BOM (most "
         "editors: 'UTF-8' rather than 'UTF-8 with BOM')) [encoding]"),
    # ------------------------------------------------------------ annotations
    # The house style (CONTRIBUTING.md, "House style"), outside quotation marks.
    Case("note-body-american-date", replace(N, "The pipeline was planned", "On August 9, 2016 the pipeline was planned"),
         f"{N}:{line(NOTE, 'The pipeline was planned')}: date not in the house style: 'August 9, 2016' (did you "
         "mean '9 August 2016'? Dates are written day, month, year, without ordinals) [style-date-format]"),
    Case("entry-title-hyphenated-intergovernmental", replace(E, "title: Lahore", "title: Lahore and the Inter-Governmental deal"),
         f"{E}:{line(ENTRY, 'title:')}: spelling the edition does not use: 'Inter-Governmental' (did you mean "
         "'Intergovernmental'? Quotations keep their own spelling: put quoted words in quotation marks) "
         "[style-spelling]"),
    Case("note-body-later-development-unmarked", replace(N, "The pipeline was planned", "In 2019 the pipeline was planned"),
         f"{N}:{line(NOTE, 'The pipeline was planned')}: a development after the text's publication (2016-08-09) is "
         "not marked: '2019' (begin the sentence, or its paragraph, with 'Later:': the author could not know it) "
         "[style-later-development]"),
    Case("note-fact-check-without-verdict", replace(N, "verdict: imprecise\n", ""),
         f"{N}:3: missing required field: 'verdict' [schema-required]"),
    Case("note-verdict-on-context-note", replace(N, "type: fact-check", "type: context"),
         f"{N}:{line(NOTE, 'verdict:')}: only fact-check notes have a verdict: 'imprecise' "
         "(remove the verdict or make the note a fact-check) [schema-not-allowed]"),
    Case("note-verdict-unknown", replace(N, "verdict: imprecise", "verdict: imprecize"),
         f"{N}:{line(NOTE, 'verdict:')}: unknown verdict: 'imprecize' (did you mean 'imprecise'?) [schema-enum]"),
    Case("note-quotation-in-another-paragraph", replace(N, "paragraph: 4", "paragraph: 2"),
         f"{N}:{line(NOTE, '  exact:')}: quotation not found in ¶2: 'from Lahore to Karachi' "
         "(it occurs in ¶4: change the target paragraph) [quote-not-found]"),
    Case("note-quotation-misspelt", replace(N, 'exact: "from Lahore to Karachi"', 'exact: "from Lahore to Karachii"'),
         f"{N}:{line(NOTE, '  exact:')}: quotation not found in ¶4: 'from Lahore to Karachii' "
         "(did you mean 'from Lahore to Karachi'?) [quote-not-found]"),
    Case("note-quotation-ambiguous", replace(N, 'exact: "from Lahore to Karachi"', 'exact: "Pakistan"'),
         f"{N}:{line(NOTE, '  exact:')}: quotation occurs 4 times in ¶4: 'Pakistan' "
         "(add a prefix or suffix (the words just before or after it) to pick one) [quote-ambiguous]"),
    Case("note-quotation-wrong-prefix", replace(N, 'exact: "from Lahore to Karachi"',
                                               'exact: "from Lahore to Karachi"\n  prefix: "pipe "'),
         f"{N}:{line(NOTE, '  exact:')}: quotation not found in ¶4 with the given prefix/suffix: "
         "'from Lahore to Karachi' (prefix must be the text just before and suffix the text just after; it occurs "
         "as '…ction of a gas pipeline [from Lahore to Karachi] in October 2015. In the…') "
         "[quote-context-mismatch]"),
    Case("note-paragraph-out-of-range", replace(N, "paragraph: 4", "paragraph: 12"),
         f"{N}:{line(NOTE, '  exact:')}: target paragraph out of range: '12' "
         "(the text has paragraphs 1–9, or headline, byline, author-note) [quote-paragraph-unknown]"),
    Case("note-quotation-escaped-dollar", replace(N, 'exact: "from Lahore to Karachi"', "exact: '\\$2 billion'"),
         f"{N}:{line(NOTE, '  exact:')}: quotation not found in ¶4: '\\$2 billion' ({HINT_DOLLAR}) [quote-not-found]"),
    Case("note-raw-html", append(N, "See <b>this</b>.\n"),
         f"{N}:{len(NOTE.splitlines()) + 1}: raw HTML is not allowed in contributed Markdown: '<b>' (write plain "
         "Markdown: *emphasis*, [text](https://…), lists) [markup]"),
    Case("note-style-attribute", append(N, "A paragraph.\n{style=color:red}\n"),
         f"{N}:{len(NOTE.splitlines()) + 2}: attribute lists are not allowed in contributed Markdown: "
         "'{style=color:red}' (remove the {…} block: contributed Markdown cannot style the page) "
         "[markup-attribute-list]"),
    Case("note-image", append(N, "![map](https://example.org/m.png)\n"),
         f"{N}:{len(NOTE.splitlines()) + 1}: images are not allowed in contributed Markdown: "
         "'https://example.org/m.png' (link to the image instead: [description](https://…)) [markup-image]"),
    Case("note-link-javascript", append(N, "[x](javascript:alert(1))\n"),
         f"{N}:{len(NOTE.splitlines()) + 1}: link URL scheme is not allowed: 'javascript:alert(1)' (use an "
         "https:// URL or glossary:, note:, para: links) [link-scheme]"),
    Case("note-link-relative", append(N, "[x](../about/)\n"),
         f"{N}:{len(NOTE.splitlines()) + 1}: relative link is not allowed: '../about/' (use glossary:<id>, "
         "note:<id>, para:<n> or a full https:// URL) [link-relative]"),
    Case("note-link-malformed", append(N, '[x](https://example.org/a"b)\n'),
         f"{N}:{len(NOTE.splitlines()) + 1}: malformed link URL (spaces, quotes or angle brackets): "
         "'https://example.org/a\"b' (write [text](https://…) or [text](https://… \"title\") with nothing else "
         "inside) [link-malformed]"),
    Case("note-body-control-character", append(N, "A bell\x07 rings.\n"),
         f"{N}:{len(NOTE.splitlines()) + 1}: control character U+0007 in the text: 'A bell<U+0007> rings.' "
         "(delete it) [control-character]"),
    Case("note-author-url-with-a-newline", replace(N, "  - name: The editors\n",
                                                   '  - name: The editors\n    url: "https://example.org/\\n"\n'),
         f"{N}:{line(NOTE, '  - name:') + 1}: URL is not a whole http(s) address: 'https://example.org/\\n' (write "
         "the address alone, starting https://, with nothing before or after it) [url-form]"),
    Case("note-author-orcid-form", replace(N, "  - name: The editors\n", "  - name: The editors\n    orcid: '1234'\n"),
         f"{N}:{line(NOTE, '  - name:') + 1}: ORCID is not of the form 0000-0000-0000-0000: '1234' [schema-pattern]"),
    Case("note-too-long", append(N, "\n" + "word " * 190 + "\n"),
         f"{N}:{line(NOTE, 'The pipeline was planned')}: note is longer than the 180 words allowed for a fact-check: "
         "'207 words' (keep to the claim and its evidence; the limit is set in edition.yml (apparatus: "
         "word_limits)) [note-too-long]"),
    Case("note-is-a-symbolic-link", lambda project: ((project / N).unlink(),
                                                     (project / N).symlink_to("/etc/hostname")),
         f"{N}:1: symbolic link not allowed: '{N}' -> '/etc/hostname' (replace the link by the file itself: the "
         "edition publishes only files in the repository) [path-symlink]"),
    Case("note-alias-bomb", replace(N, "authors:\n", "bomb: &b0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"bomb{i}: &b{i} [{', '.join([f'*b{i - 1}'] * 10)}]\n" for i in range(1, 9)) + "authors:\n"),
         f"{N}:{line(NOTE, 'authors:') + 4}: YAML expands to too many values: 'more than 20,000' (aliases (*name) "
         "that repeat large blocks make the file huge; write the values out) [yaml-too-large]"),
    Case("note-deeply-nested", replace(N, "authors:\n", "deep: " + "[" * 3000 + "]" * 3000 + "\nauthors:\n"),
         f"{N}:{line(NOTE, 'authors:')}: YAML is nested too deeply: 'more than 32 levels' (the edition's files need "
         "a few levels of lists and mappings) [yaml-too-deep]"),
    # ------------------------------------------------------------ citations and the bibliography
    Case("note-fact-check-without-sources", replace(N, NOTE[NOTE.index("sources:\n"):NOTE.index("---\nThe pipe")], ""),
         f"{N}:3: missing required field: 'sources' [schema-required]"),
    Case("note-citation-key-unknown", replace(N, f"  - key: {KEY}", f"  - key: {KEY}x"),
         f"{N}:{line(NOTE, '  - key:')}: unknown bibliography key: '{KEY}x' (did you mean '{KEY}'?) "
         "[citation-unknown-key]"),
    Case("note-citation-without-quote", replace(N, QUOTE, ""),
         f"{N}:{line(NOTE, '  - key:')}: citation gives no supporting sentence: '{KEY}' (add quote: the sentence of "
         "the source that supports the statement, copied exactly) [citation-no-evidence]"),
    Case("note-same-source-twice", replace(N, QUOTE, QUOTE + f"  - key: {KEY}\n    quote: Again.\n"),
         f"{N}:{line(NOTE, '    quote:') + 1}: source cited twice: '{KEY}' (also cited on line "
         f"{line(NOTE, '  - key:')}: keep one citation) [citation-duplicate]"),
    Case("bibliography-tracking-parameters", replace(BIB, "/2015/10/16/pipeline\"", "/2015/10/16/pipeline?utm_source=x\""),
         f"{BIB}:{URL_LINE}: URL carries tracking parameters: 'utm_source' (remove them: they say who "
         "sent the reader, not which page it is) [url-tracking]"),
    Case("bibliography-ip-address-host", replace(BIB, "https://example.org/test-fixture/", "http://62.67.10.19:8025/"),
         f"{BIB}:{URL_LINE}: URL host is an IP address, not the publisher's site: '62.67.10.19' "
         "(cite the page at its publisher's own address) [url-host]"),
    Case("bibliography-development-host", replace(BIB, "https://example.org/test-fixture/", "https://magazine-dev.example.org/"),
         f"{BIB}:{URL_LINE}: URL host is a development or staging server: 'magazine-dev.example.org' "
         "(cite the page at its public address) [url-host]"),
    Case("bibliography-host-in-path", replace(BIB, "/2015/10/16/pipeline\"", "/2015/10/16/pipeline/cdnjs.cloudflare.com\""),
         f"{BIB}:{URL_LINE}: URL has a host name inside its path: 'cdnjs.cloudflare.com' (this is "
         "usually a scraping artefact: open the page and copy its address again) [url-host-in-path]"),
    Case("bibliography-url-newline", replace(BIB, "/2015/10/16/pipeline\"", "/2015/10/16/pipeline\\n\""),
         f"{BIB}:{URL_LINE}: URL is not a whole http(s) address: "
         "'https://example.org/test-fixture/2015/10/16/pipeline\\n' (write the address alone, starting https://, "
         "with no spaces, line breaks or text after it) [url-form]"),
    Case("bibliography-date-contradicts-url", replace(BIB, '[[2015, 10, 16]]},\n    "URL": "https://example.org/test',
                                                      '[[2017, 11, 10]]},\n    "URL": "https://example.org/test'),
         f"{BIB}:{ISSUED_LINE}: issued date 2017-11-10 differs from the date in the URL: "
         "'2015-10-16' (give the date the page itself shows; omit 'issued' (n.d.) if it shows none) "
         "[date-contradicts-url]"),
    Case("bibliography-stand-in-title", replace(BIB, "An invented report on the pipeline",
                                                "[Report on the pipeline; headline not shown in the stored copy]"),
         f"{BIB}:{TITLE_LINE}: stand-in title: '[Report on the pipeline; headline not shown in the "
         "stored copy]' (give the page's real headline; if it shows none, leave out title and describe the item in "
         "genre) [title-stand-in]"),
    Case("bibliography-truncated-title", replace(BIB, "An invented report on the pipeline", "An invented report on…"),
         f"{BIB}:{TITLE_LINE}: title looks cut off: 'An invented report on…' (copy the whole headline) "
         "[title-truncated]"),
    Case("bibliography-disallowed-domain", replace(BIB, "https://example.org/test-fixture/", "https://en.wikipedia.org/"),
         f"{BIB}:{URL_LINE}: source from a domain the edition does not accept (tertiary encyclopedia): "
         "'en.wikipedia.org' (cite a newspaper of record, an official document or scholarship instead) "
         "[source-disallowed]"),
    Case("bibliography-same-page-twice", replace(BIB, BIB_ITEM, BIB_ITEM + ",\n" + BIB_ITEM.replace(KEY, KEY + "-copy")
                                                 .replace("/pipeline\"", "/pipeline/\"")),
         f"{BIB}:{URL_LINE + len(BIB_ITEM.splitlines())}: two bibliography items for one page: "
         f"'{KEY}-copy' and '{KEY}' (merge them into one item and cite '{KEY}' (same URL as line {BIB_ITEM_LINE})) "
         "[bibliography-duplicate-url]"),
    Case("bibliography-same-id-twice", replace(BIB, BIB_ITEM, BIB_ITEM + ",\n" + BIB_ITEM.replace("/pipeline\"", "/x\"")),
         f"{BIB}:{BIB_ITEM_LINE + len(BIB_ITEM.splitlines())}: duplicate bibliography id: '{KEY}' (also the id of the "
         f"item on line {BIB_ITEM_LINE}) [bibliography-duplicate-id]"),
    Case("bibliography-unused-item", replace(BIB, BIB_ITEM, BIB_ITEM + ",\n" + BIB_ITEM.replace(KEY, KEY + "-spare")
                                             .replace("/pipeline\"", "/spare\"")),
         f"{BIB}:{BIB_ITEM_LINE + len(BIB_ITEM.splitlines())}: bibliography item cited nowhere: '{KEY}-spare' "
         "(cite it from a note or entry, or remove it) [bibliography-unused]"),
    Case("bibliography-malformed-json", replace(BIB, '"type": "article-newspaper",\n    "title": "An invented',
                                                '"type": "article-newspaper"\n    "title": "An invented'),
         f"{BIB}:{TITLE_LINE}:5: malformed JSON in the bibliography: Expecting ',' delimiter (check "
         "commas and quotes near this line (a JSON linter shows the exact place)) [bibliography-syntax]"),
    Case("bibliography-unknown-item-type", replace(BIB, '"type": "article-newspaper",\n    "title": "An invented',
                                                   '"type": "newspaper",\n    "title": "An invented'),
         f"{BIB}:{TYPE_LINE}: unknown CSL item type: 'newspaper' (did you mean 'article-newspaper'?) "
         "[schema-enum]"),
    # ------------------------------------------------------------ mentions
    Case("mention-entry-unknown", replace(MENTIONS, MENTION, MENTION.replace("entry: test-fixture-lahore",
                                                                             "entry: test-fixture-lahor")),
         f"{MENTIONS}:{FIXTURE_MENTION_LINE}: unknown glossary entry: 'test-fixture-lahor' "
         "(did you mean 'test-fixture-lahore'?) [mention-unknown-entry]"),
    Case("mention-overlap",
         both(replace(E, "  - Lahore\n", "  - Lahore\n  - Lahore to Karachi\n"),
              append(MENTIONS, "- {paragraph: 4, exact: Lahore to Karachi, entry: test-fixture-lahore}\n")),
         f"{MENTIONS}:{NEXT_MENTION_LINE}: mention overlaps the mention on line {FIXTURE_MENTION_LINE}: "
         "'Lahore to Karachi' (mentions cannot overlap; link the shorter or the longer form, not both) "
         "[mention-overlap]"),
    Case("mention-not-an-alias", replace(MENTIONS, MENTION, MENTION.replace("exact: Lahore", "exact: from Lahore")),
         f"{MENTIONS}:{FIXTURE_MENTION_LINE}: mention is not one of the aliases of 'test-fixture-lahore': "
         f"'from Lahore' (add it to aliases in {E} or quote an alias) [mention-not-alias]"),
    # The editorial rule "first mention of an entry in each paragraph only" (CONTRIBUTING.md).
    Case("mention-second-in-paragraph",
         append(MENTIONS, '- {paragraph: 1, exact: Russia, prefix: "Pakistan and ", entry: russia}\n'),
         _second_mention_in_paragraph),
    Case("mentions-duplicate-key", replace(MENTIONS, MENTION, MENTION.replace("}", ", entry: russia}")),
         f"{MENTIONS}:{FIXTURE_MENTION_LINE}: duplicate key in a mention: 'entry' (keep one of them) "
         "[yaml-duplicate-key]"),
    Case("mentions-not-utf8", append_bytes(MENTIONS, b"# caf\xe9\n"),
         f"{MENTIONS}:{FIXTURE_MENTION_LINE + 1}:6: the file is not UTF-8 text: byte 0xe9 at line "
         f"{FIXTURE_MENTION_LINE + 1}, column 6: '# caf\\xe9' (save it as UTF-8 (the edition's only encoding)) "
         "[encoding]"),
    # ------------------------------------------------------------ the base text
    Case("base-text-word-changed", replace(SOURCE, "quarter of a century", "quarter of a centry"),
         _base_text_changed),
]
CATALOGUE_RULES = {case.rule for case in CATALOGUE} | {"basetext-checksum", "mention-repeated"}

NOT_FROM_A_CONTRIBUTION = {
    # Rules that guard the maintainers' files or the tool itself, each with the module that
    # triggers it (tests/test_hardening.py checks that every rule of rules.py is triggered).
    "path-outside": "tests/test_hardening.py", "path-not-file": "tests/test_hardening.py",
    "path-unreadable": "tests/test_hardening.py", "basetext-missing": "tests/test_hardening.py",
    "basetext-shape": "tests/test_hardening.py", "changelog-release": "tests/test_hardening.py",
    "config-missing": "tests/test_hardening.py", "config-value": "tests/test_hardening.py", "config-url": "tests/test_hardening.py",
    "mentions-missing": "tests/test_hardening.py", "bibliography-missing": "tests/test_hardening.py",
    "directive-unknown": "tests/test_hardening.py", "retired-note-exists": "tests/test_hardening.py",
    "retired-note-unknown": "tests/test_hardening.py", "schema": "tests/test_hardening.py",
    "yaml-unclosed-quote": "tests/test_hardening.py", "yaml-unclosed-bracket": "tests/test_hardening.py",
    "yaml-reserved-character": "tests/test_hardening.py", "yaml-syntax": "tests/test_hardening.py",
    # Hostile input, round two (#23): shapes no honest contribution has.
    **dict.fromkeys(("markdown-too-deep", "paragraph-too-long", "field-too-long", "number-too-large",
                    "bibliography-too-large", "csl-note-variable", "csl-quotes-too-deep", "citeproc-timeout", "quote-crowded",
                    "handout-timeout"),
                   "tests/test_hostile_round_two.py"),
}


# ---------------------------------------------------------------- helpers

def tree_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under `root` (and the target of every link). Python's own bytecode
    caches are left out: the interpreter writes them when it imports the hooks."""
    found = {}
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts:
            continue
        if path.is_symlink():
            found[path.relative_to(root).as_posix()] = "-> " + str(path.readlink())
        elif path.is_file():
            found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


_LOGGED = re.compile(r"^WARNING\s+-\s+(?:[\w./-]+: )?")


def logged_problems(output: str) -> list[str]:
    """The problem lines a build logged, without the 'WARNING -  logger: ' prefix."""
    return [_LOGGED.sub("", warning) for warning in warnings_of(output)]


def checked(project: Path, run: Callable[[Path], Run] = check_in_process) -> Run:
    """The check (in this process unless `run` says otherwise), asserting that it leaves every
    file of the project as it was."""
    before = tree_hashes(project)
    result = run(project)
    assert tree_hashes(project) == before, "the check modified the project"
    return result


def built(project: Path, site: Path, run: Callable[[Path, Path], Run] = build_in_process) -> Run:
    """The strict build (in this process unless `run` says otherwise), asserting that it leaves
    every file of the project as it was."""
    before = tree_hashes(project)
    result = run(project, site)
    assert tree_hashes(project) == before, "the build modified the project"
    return result


def broken(case: Case, tmp_path: Path, copy: Callable[[Path], Path] = copy_sources) -> Path:
    """The fixture contribution with the case's mistake, in a copy for runs in this process
    unless `copy` says otherwise."""
    project = contribution(tmp_path / "project", copy)
    case.change(project)
    return project


# ---------------------------------------------------------------- the catalogue

def test_catalogue_is_large_and_distinct():
    assert len(CATALOGUE) >= 70
    assert len({case.id for case in CATALOGUE}) == len(CATALOGUE)
    assert len({case.expected if isinstance(case.expected, str) else case.id for case in CATALOGUE}) == len(CATALOGUE)


def test_every_rule_has_a_case_or_says_where_it_is_tested():
    uncovered = set(RULES) - CATALOGUE_RULES - set(NOT_FROM_A_CONTRIBUTION)
    assert uncovered == set(), f"rules with no case in the catalogue: {sorted(uncovered)}"
    assert CATALOGUE_RULES - {""} <= set(RULES), CATALOGUE_RULES - set(RULES)


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda case: case.id)
def test_check_rejects(case: Case, tmp_path: Path):
    project = broken(case, tmp_path)
    result = checked(project)
    assert result.returncode == 1, result.output
    assert case.expected_line(project) in result.output.splitlines(), result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.parametrize("case", CATALOGUE, ids=lambda case: case.id)
def test_strict_build_rejects(case: Case, tmp_path: Path):
    project = broken(case, tmp_path)
    result = built(project, tmp_path / "site")
    assert result.returncode != 0, result.output
    assert case.expected_line(project) in logged_problems(result.output), result.output
    assert "Traceback" not in result.output


# One case of each kind of file, and of each way a file can be unreadable.
BY_BOTH_WAYS = ("entry-not-utf8", "note-is-a-symbolic-link",
                "bibliography-malformed-json", "mention-entry-unknown", "base-text-word-changed")


@pytest.mark.slow
@pytest.mark.parametrize("case", [case for case in CATALOGUE if case.id in BY_BOTH_WAYS], ids=lambda case: case.id)
def test_in_process_runs_print_what_the_commands_print(case: Case, tmp_path: Path):
    """The catalogue's shortcut is faithful: `python -m edition check` and `mkdocs build --strict`
    started as commands print what their entry points print when called in the test's process."""
    project = broken(case, tmp_path, copy_project)
    command, here = run_check(project), checked(project)
    assert same_output(here, command), f"as a command:\n{command.output}\nin this process:\n{here.output}"
    command, here = run_build(project, tmp_path / "site"), built(project, tmp_path / "site-here")
    assert here.returncode == command.returncode != 0
    assert logged_problems(here.output) == logged_problems(command.output) != []


def test_every_case_run_both_ways_is_in_the_catalogue():
    assert set(BY_BOTH_WAYS) <= {case.id for case in CATALOGUE}


def test_the_in_process_run_leaves_nothing_behind(tmp_path: Path):
    """Environment, working folder, warning display and MkDocs' loggers are as they were after a
    run in the test's process (a build adds a handler and a filter to MkDocs' loggers, and
    changes how warnings are shown)."""
    before = ProcessState.now()
    project = broken(CATALOGUE[0], tmp_path)
    assert checked(project).returncode == 1
    assert built(project, tmp_path / "site").returncode == 1
    assert ProcessState.now() == before


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
        result = checked(project, run_check)
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
    result = built(project, tmp_path / "site", run_build)
    assert result.returncode == 0, result.output
    assert warnings_of(result.output) == []
    assert (tmp_path / "site" / "glossary" / "test-fixture-lahore" / "index.html").is_file()
    assert (tmp_path / "site" / "notes" / "p4-test-fixture-route" / "index.html").is_file()


# ---------------------------------------------------------------- several problems at once

SEVERAL_ENTRY = (ENTRY.replace("kind: actor", "kind: actr")
                 .replace('- date: "2015-10-16"', '- date: "2016-02-30"')
                 .replace("related:", "relatd:")
                 .replace("(glossary:pakistan)'s", "(glossary:pakistn)'s"))
SEVERAL_NOTE = (NOTE.replace("verdict: imprecise", "verdict: imprecize")
                .replace('date: "2026-12-02"', 'date: "26/11/2026"')
                .replace('exact: "from Lahore to Karachi"', 'exact: "from Lahore to Karachii"')
                .replace("(glossary:north-south-gas-pipeline-agreement)", "(note:p4-no-such-note)"))
SEVERAL_EXPECTED = [
    f"{E}:{line(ENTRY, 'kind:')}: kind is not one of the allowed values: 'actr' (did you mean 'actor'?) [schema-enum]",
    f"{E}:{line(ENTRY, '  - date:')}: date is not a real calendar day (day is out of range for month): '2016-02-30' "
    "[date-invalid]",
    f"{E}:{line(ENTRY, 'related:')}: unknown field: 'relatd' (did you mean 'related'?) [schema-unknown-field]",
    f"{E}:{line(ENTRY, 'Lahore is the capital')}: unknown glossary entry in link: 'glossary:pakistn' "
    "(did you mean 'pakistan'?) [link-unknown-target]",
    f"{N}:{line(NOTE, '  exact:')}: quotation not found in ¶4: 'from Lahore to Karachii' "
    "(did you mean 'from Lahore to Karachi'?) [quote-not-found]",
    f"{N}:{line(NOTE, 'verdict:')}: unknown verdict: 'imprecize' (did you mean 'imprecise'?) [schema-enum]",
    f"{N}:{line(NOTE, 'date:')}: note date is not an ISO 8601 day (YYYY-MM-DD): '26/11/2026' [schema-pattern]",
    f"{N}:{line(NOTE, '[Lahore](glossary:')}: unknown note in link: 'note:p4-no-such-note' [link-unknown-target]",
]


def several_problems(tmp_path: Path) -> Path:
    project = contribution(tmp_path / "project")
    write(ENTRY_PATH, SEVERAL_ENTRY)(project)
    write(NOTE_PATH, SEVERAL_NOTE)(project)
    return project


def test_check_reports_every_problem_of_a_file_in_one_run(tmp_path: Path):
    result = checked(several_problems(tmp_path), run_check)
    assert result.returncode == 1
    reported = result.output.splitlines()
    missing = [expected for expected in SEVERAL_EXPECTED if expected not in reported]
    assert missing == [], result.output


@pytest.mark.slow
def test_build_reports_every_problem_of_a_file_in_one_run(tmp_path: Path):
    result = built(several_problems(tmp_path), tmp_path / "site", run_build)
    assert result.returncode != 0
    logged = logged_problems(result.output)
    missing = [expected for expected in SEVERAL_EXPECTED if expected not in logged]
    assert missing == [], result.output


# ---------------------------------------------------------------- one mistake, one message

ONE_MISTAKE = [
    # A broken entry is left out of the site, but it exists: links to it are not "unknown".
    Case("entry-kind-unknown-while-a-note-links-to-it", replace(E, "kind: actor", "kind: actr"),
         f"{E}:{line(ENTRY, 'kind:')}: kind is not one of the allowed values: 'actr' (did you mean 'actor'?) "
         "[schema-enum]"),
    # A typo in the type is one mistake, not also "only fact-check notes have a verdict".
    Case("note-type-unknown", replace(N, "type: fact-check", "type: fact-chek"),
         f"{N}:{line(NOTE, 'type:')}: unknown note type: 'fact-chek' (did you mean 'fact-check'?) [schema-enum]"),
    # An unreadable mentions.yml does not make every entry "mentioned nowhere".
    Case("mentions-yaml-malformed", replace(MENTIONS, MENTION, MENTION.replace("}\n", "\n")),
         f"{MENTIONS}:{FIXTURE_MENTION_LINE}: the mapping opened with '{{' on line {FIXTURE_MENTION_LINE} is not closed "
         "on that line: '- {paragraph: 4, exact: Lahore, entry: test-fixture-lahore' (close it with '}', and quote "
         "items that contain ', ' or ': ') [yaml-unclosed-bracket]"),
    # An unreadable bibliography does not make every citation "unknown".
    Case("bibliography-missing-bracket", replace(BIB, BIB_ITEM + "\n]\n", BIB_ITEM + "\n"),
         f"{BIB}:{BIB_ITEM_LINE + len(BIB_ITEM.splitlines())}: the bibliography's array is never closed: ']' "
         "(end the file with ']') [bibliography-syntax]"),
]


@pytest.mark.parametrize("case", ONE_MISTAKE, ids=lambda case: case.id)
def test_one_mistake_gives_one_message(case: Case, tmp_path: Path):
    """A contributor who makes one mistake is told about that mistake only, not its echoes."""
    project = broken(case, tmp_path)
    result = checked(project)
    assert result.returncode == 1
    problems = [text for text in result.output.splitlines() if not text.startswith("edition check:")]
    assert problems == [case.expected_line(project)]


def test_a_knock_on_problem_follows_its_cause_and_names_it(tmp_path: Path):
    """A mistyped id in mentions.yml leaves the entry unmentioned: the entry's problem (in a
    file the contributor never touched) comes after its cause and says what it follows from."""
    project = contribution(tmp_path / "project", copy_sources)
    replace(MENTIONS, MENTION, MENTION.replace("entry: test-fixture-lahore", "entry: test-fixture-lahor"))(project)
    result = checked(project)
    lines = [text for text in result.output.splitlines() if not text.startswith("edition check:")]
    cause = f"{MENTIONS}:{FIXTURE_MENTION_LINE}"
    assert lines[0].startswith(f"{cause}: unknown glossary entry: 'test-fixture-lahor'")
    assert lines[1].startswith(f"{E}:3: entry is mentioned nowhere in the text: 'test-fixture-lahore'")
    assert lines[2] == f"    ↳ follows from {cause}"
