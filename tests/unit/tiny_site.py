"""The tiny edition (tiny_edition.py) with a little more to render, as one `SiteBuild`: for the
unit tests of render/, build.py, exports.py and directives.py, without MkDocs.

Beyond the tiny edition: a second fact-check (p3-spring, unverified), a second note on ¶2 with
dated events written out of order (one the text refers to), a retired note, hand-written
docs/about.md and docs/teaching.md (its reading questions), and the edition's canonical address.
"""

from __future__ import annotations

from pathlib import Path

from edition.build import SiteBuild
from edition.config import load_config
from edition.load import load_edition
from edition.urls import UrlStyle

from .tiny_edition import SPRING, TinyEdition

SITE_URL = "https://editions.example.org/harbour/"

KEEPERS = """\
---
id: p2-keepers
target:
  paragraph: 2
  exact: "Northland sent keepers"
type: context
authors:
  - name: The editors
date: "2024-01-03"
dates:
  - date: "1955-07-01"
    label: The first keepers are sent
    in_text: true
  - date: "1800"
    label: The rock is charted
---
Keepers were sent from 1955.
"""

ABOUT = """\
---
title: About
---
# About

This is version <!-- edition:version -->.

<!-- edition:verison -->
"""

TEACHING = """\
# Teaching

## Reading questions

Who signed the [Lighthouse Accord](../glossary/lighthouse-accord/)?

Who pays for the oil?

## After reading

Discuss.
"""


def tiny_site(root: Path) -> SiteBuild:
    """Write the edition into `root` and load it (without problems) as one site."""
    tiny = TinyEdition(root)
    tiny.note("p3-spring", SPRING)
    tiny.write("texts/lighthouse/notes/p2-keepers.md", KEEPERS)
    tiny.write("docs/about.md", ABOUT)
    tiny.write("docs/teaching.md", TEACHING)
    config = root / "edition.yml"
    config.write_text(config.read_text(encoding="utf-8") + "retired_notes:\n  p1-old: p1-signing\n", encoding="utf-8")
    edition = load_edition(load_config(config), docs_dir=root / "docs")
    assert edition.problems == (), [str(problem) for problem in edition.problems]
    return SiteBuild(edition, canonical_url=SITE_URL, page_url=UrlStyle(True).page_url, docs_dir=root / "docs")
