"""Every kind of page the edition generates, in one registry.

One `PageKind` per kind of page: its name, what it is made for (the edition, each text, each
note, each retired note, each glossary entry), its default source path and its renderer. The
build (`build.py`, `SiteBuild.pages`) makes one page per instance of every kind; the URL book
(`urls.py`) takes every page's path from here, and plans every page from here for the check's
collision test; `config.py` takes the defaults of `pages:` in edition.yml from here. Adding a
page is one entry in `PAGE_KINDS` and a renderer in `render/`.

This module imports nothing from the edition: `config.py`, `urls.py` and `load.py` (which
`make check` runs, and which the renderers themselves need) read it, so it names each renderer
as 'module:function' under `edition/render/`, the way packaging's entry points name a plugin,
and only the build imports the renderers (`build.renderer_of`).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple


class Per(Enum):
    """What a kind of page is made for, and so what its renderer is called with."""

    EDITION = "edition"
    """One page: `render(renderer)`."""
    TEXT = "text"
    """One page per text: `render(renderer, text)`."""
    NOTE = "note"
    """One page per note of a text: `render(renderer, text, note)`."""
    RETIRED_NOTE = "retired note"
    """One page per retired note (`retired_notes:` in edition.yml), in the text of the note that
    now covers it: `render(renderer, retired_id, text, covering_note)`."""
    ENTRY = "entry"
    """One page per glossary entry: `render(renderer, entry)`."""


class PageKind(NamedTuple):
    """One kind of generated page."""

    name: str
    """'article', 'claims': the kind's name; for a page of the edition, its key under `pages:`
    in edition.yml, which may move it."""
    per: Per
    """What one page is made for."""
    path: str
    """Default docs-relative source path, a pattern: `{glossary_url}`; for a page of a text, note
    or retired note `{page}` and `{notes_url}` (the text's settings); `{id}` (the note's, the
    entry's or the text's id)."""
    render: str
    """The renderer, 'module:function' under `edition/render/` (called as `per` says)."""
    what: str
    """How a collision message names a page of this kind: a pattern with `{id}` and `{path}`
    (the source file of the note or entry)."""
    only_with: str = ""
    """A setting of `EditionConfig` the page is made only with ('changelog_text': no
    CHANGELOG.md, no changelog page); '' for always."""

    def made(self, config: object) -> bool:
        """Whether an edition with this configuration has pages of this kind."""
        return not self.only_with or bool(getattr(config, self.only_with))


PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind("article", Per.TEXT, "{page}", "article:article_page", "the text '{id}'"),
    PageKind("note", Per.NOTE, "{notes_url}/{id}.md", "notes:note_page", "note {path}"),
    PageKind("retired-note", Per.RETIRED_NOTE, "{notes_url}/{id}.md", "notes:retired_note_page",
             "the forwarding page of retired note '{id}'"),
    PageKind("entry", Per.ENTRY, "{glossary_url}/{id}.md", "glossary:entry_page", "glossary entry {path}"),
    PageKind("glossary", Per.EDITION, "{glossary_url}/index.md", "glossary:glossary_index_page",
             "the glossary index"),
    PageKind("claims", Per.EDITION, "claims.md", "notes:claims_page", "the claims page"),
    PageKind("timeline", Per.EDITION, "timeline.md", "timeline:timeline_page", "the timeline page"),
    PageKind("print", Per.EDITION, "print.md", "handout:print_page", "the print page"),
    PageKind("bibliography", Per.EDITION, "bibliography.md", "bibliography:bibliography_page",
             "the bibliography page"),
    PageKind("changelog", Per.EDITION, "changelog.md", "changelog:changelog_page", "the changelog page",
             only_with="changelog_text"),
)
"""Every kind of page, in the order the build adds them."""

KINDS = {kind.name: kind for kind in PAGE_KINDS}

PAGE_DEFAULTS = {kind.name: kind.path for kind in PAGE_KINDS if kind.per is Per.EDITION}
"""Docs-relative paths of the generated pages that gather the edition (patterns, as `path`);
`pages:` in edition.yml may move them."""

_FIELD = re.compile(r"\{(glossary_url|page|notes_url|id)\}")


def fill(pattern: str, **fields: str) -> str:
    """A path pattern with its fields filled in. Only the fields named in `PageKind.path` are
    fields: any other brace in a path a site chose (`pages:`) stays as written."""
    return _FIELD.sub(lambda match: fields.get(match.group(1), match.group(0)), pattern)
