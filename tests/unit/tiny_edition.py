"""A tiny, valid, invented edition written into a temporary folder, for validation tests.

Each test starts from the clean edition and replaces one file with a faulty version, so
that every message can be asserted exactly, with its path and line. The texts are
invented (Northland, Southland and their Lighthouse Accord do not exist).
"""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

from edition.config import load_config
from edition.load import load_edition
from edition.model import Edition

TRANSCRIPT = """\
## **The Lighthouse Accord**

Ada Quill | The Harbour Gazette, Port Imaginary | March 03, 2021 https://example.org/gazette/lighthouse-accord

The writer is an invented columnist who covers invented harbours.

The Lighthouse Accord was signed by Northland and Southland in 1911. Northland kept the lamp lit.

Southland paid \\$3 million for the oil. Northland agreed, and Northland sent keepers.

The Accord still stands, and Northland and Southland meet each spring.
"""

SECOND_TRANSCRIPT = """\
## **Keepers of the Lamp**

Ben Ledger | The Harbour Gazette, Port Imaginary | April 14, 2021

The writer is a second invented columnist.

Southland trains the keepers. The Lighthouse Accord pays them.

Each keeper serves three winters on the rock.

Northland inspects the lamp every autumn.
"""

SOURCE = """\
  - key: harbour-gazette-2021-03-03-accord
    quote: "The Accord was signed in 1911."
"""

BIBLIOGRAPHY = """\
[
  {
    "id": "harbour-gazette-2021-03-03-accord",
    "type": "article-newspaper",
    "title": "The Accord in the Harbour Gazette",
    "container-title": "The Harbour Gazette",
    "issued": {"date-parts": [[2021, 3, 3]]},
    "URL": "https://example.org/gazette/accord",
    "accessed": {"date-parts": [[2024, 1, 2]]}
  }
]
"""

ENTRIES = {
    "northland": """\
---
id: northland
title: Northland
kind: actor
type: state
aliases:
  - Northland
summary: An invented northern state that keeps the lamp.
sources:
""" + SOURCE + """\
---
Northland signed the [Lighthouse Accord](glossary:lighthouse-accord) in 1911 ([¶1](para:1)).
""",
    "southland": """\
---
id: southland
title: Southland
kind: actor
type: state
aliases:
  - Southland
summary: An invented southern state that pays for the oil.
sources:
""" + SOURCE + """\
---
Southland pays for the oil.
""",
    "lighthouse-accord": """\
---
id: lighthouse-accord
title: Lighthouse Accord
kind: agreement
type: treaty
aliases:
  - Lighthouse Accord
summary: An invented treaty of 1911 on keeping one lighthouse lit.
dates:
  - date: "1911-05-02"
    label: Signed
parties: [northland, southland]
sources:
""" + SOURCE + """\
---
See [the note on the signing](note:p1-signing).
""",
}

NOTES = {
    "p1-signing": """\
---
id: p1-signing
target:
  paragraph: 1
  exact: "signed by Northland and Southland in 1911"
type: fact-check
verdict: accurate
authors:
  - name: The editors
date: "2024-01-02"
sources:
""" + SOURCE + """\
---
The Accord was signed in 1911.
""",
    "p2-oil": """\
---
id: p2-oil
target:
  paragraph: 2
  exact: "$3 million"
type: context
authors:
  - name: The editors
date: "2024-01-02"
---
The price of the oil.
""",
}

# A third note, not part of the tiny edition: a fact-check note nothing links to, so a test that
# adds it (or breaks it) affects only itself.
SPRING = """\
---
id: p3-spring
target:
  paragraph: 3
  exact: "meet each spring"
type: fact-check
verdict: unverified
authors:
  - name: The editors
date: "2024-01-04"
sources:
  - key: harbour-gazette-2021-03-03-accord
    quote: "The Accord was signed in 1911."
---
No record of the spring meetings was found.
"""

MENTIONS = """\
- {paragraph: 1, exact: Lighthouse Accord, entry: lighthouse-accord}
- {paragraph: 1, exact: Northland, prefix: "by ", entry: northland}
- {paragraph: 1, exact: Southland, entry: southland}
"""

SECOND_MENTIONS = """\
- {paragraph: 1, exact: Southland, entry: southland}
- {paragraph: 1, exact: Lighthouse Accord, entry: lighthouse-accord}
- {paragraph: 3, exact: Northland, entry: northland}
"""

SECOND_NOTES = {
    "keepers-three-winters": """\
---
id: keepers-three-winters
target:
  paragraph: 2
  exact: "three winters"
type: definition
authors:
  - name: The editors
date: "2024-01-03"
---
A winter is one season of service.
""",
}

TEXT_CONFIG = """\
  - id: {id}
    source: texts/{id}/source.txt
    sha256: {sha256}
    page: {page}
    notes: texts/{id}/notes
    notes_url: {notes_url}
    mentions: texts/{id}/mentions.yml
    preamble: [byline, author-note]
    original:
      title: {title}
      authors:
        - {{family: {family}, given: {given}}}
      container: The Harbour Gazette
      place: Port Imaginary
      issued: "{issued}"
      url: https://example.org/gazette/{id}
"""


class TinyEdition:
    """A throwaway edition in `root`: one text (or two), three entries, two notes."""

    def __init__(self, root: Path, *, second_text: bool = False):
        self.root = root
        self.texts = [dict(id="lighthouse", page="index.md", notes_url="notes", title="The Lighthouse Accord",
                           family="Quill", given="Ada", issued="2021-03-03")]
        self.write(self.source_path(), TRANSCRIPT)
        self.write("texts/lighthouse/mentions.yml", MENTIONS)
        for note_id, content in NOTES.items():
            self.write(f"texts/lighthouse/notes/{note_id}.md", content)
        for entry_id, content in ENTRIES.items():
            self.write(f"glossary/{entry_id}.md", content)
        if second_text:
            self.texts.append(dict(id="keepers", page="second.md", notes_url="second/notes",
                                   title="Keepers of the Lamp", family="Ledger", given="Ben", issued="2021-04-14"))
            self.write(self.source_path("keepers"), SECOND_TRANSCRIPT)
            self.write("texts/keepers/mentions.yml", SECOND_MENTIONS)
            for note_id, content in SECOND_NOTES.items():
                self.write(f"texts/keepers/notes/{note_id}.md", content)
        self.write("bibliography.json", BIBLIOGRAPHY)
        # load_edition checks that edition.yml's version is the newest release here.
        self.write("CHANGELOG.md", "# Changelog\n\n## 0.1.0 — 2024-01-01\n\n- First version.\n")
        self.write_config()

    @staticmethod
    def source_path(text_id: str = "lighthouse") -> str:
        return f"texts/{text_id}/source.txt"

    def write(self, relative: str, content: str) -> Path:
        """Write a file of the edition (as UTF-8, newlines as given) and return its path."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))
        return path

    def note(self, note_id: str, content: str, text_id: str = "lighthouse") -> Path:
        return self.write(f"texts/{text_id}/notes/{note_id}.md", textwrap.dedent(content))

    def entry(self, entry_id: str, content: str) -> Path:
        return self.write(f"glossary/{entry_id}.md", textwrap.dedent(content))

    def remove(self, relative: str) -> None:
        (self.root / relative).unlink()

    def write_config(self) -> None:
        items = []
        for text in self.texts:
            digest = hashlib.sha256((self.root / self.source_path(text["id"])).read_bytes()).hexdigest()
            items.append(TEXT_CONFIG.format(sha256=digest, **text))
        self.write("edition.yml", "title: A tiny invented edition\nversion: 0.1.0\npublisher: Test editors\n"
                                  "editors:\n  - literal: Harbour Editors\n"
                                  "url: https://editions.example.org/harbour/\n"
                                  "apparatus:\n  require_evidence: true\n"
                                  "glossary: glossary\ntexts:\n" + "".join(items))

    def load(self) -> Edition:
        return load_edition(load_config(self.root / "edition.yml"))

    def problems(self) -> list[str]:
        """Every problem of the edition as printed, 'path:line: message (hint)', without the rule
        id (each rule's id is asserted by tests/test_bad_input.py, end to end); every problem must
        name a documented rule."""
        from edition.rules import RULES

        problems = self.load().problems
        assert all(problem.rule in RULES for problem in problems), [p for p in problems if p.rule not in RULES]
        return [str(problem._replace(rule="", cause="")) for problem in problems]


def line_of(content: str, needle: str) -> int:
    """1-based line of the first line of `content` containing `needle` (after dedenting)."""
    for number, line in enumerate(textwrap.dedent(content).splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the test file")
