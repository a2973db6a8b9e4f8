"""The edition's configuration as records: what `edition.yml` says, once it has been read.

These types sit at the bottom of the package (they import nothing of it but the changelog's
`Release`, the house style's `HouseStyle` and the page registry's defaults), so the model and
every renderer can name them without depending on the reader and checker in `config.py`,
which builds them.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .changelog import Release
from .style import HouseStyle


class Person(NamedTuple):
    """An author or editor in a bibliographic record (CSL name: family and given, or a literal)."""

    family: str
    given: str = ""
    literal: str = ""
    email: str = ""
    """An editor's address for readers' suggestions (optional; never part of a citation)."""

    @property
    def display(self) -> str:
        """'Yasir Masood', or the literal name."""
        return self.literal or f"{self.given} {self.family}".strip()

    def csl(self) -> dict[str, str]:
        return {"literal": self.literal} if self.literal else {"family": self.family, "given": self.given}


PERIODICALS = ("article-newspaper", "article-magazine", "article-journal")
"""CSL types of an original published in a periodical, which need its `container`."""

ORIGINAL_TYPES = (*PERIODICALS, "speech", "chapter", "book", "webpage", "post-weblog", "letter", "interview",
                  "manuscript", "report", "legislation", "treaty", "document")
"""The CSL types an original may have (CSL 1.0.2 item types)."""


class OriginalRecord(NamedTuple):
    """Bibliographic record of the published original (CSL's fields, by its CSL type)."""

    title: str
    authors: tuple[Person, ...]
    container: str
    """The newspaper, magazine, journal or book it appeared in ('' for a speech, a letter…)."""
    place: str
    """Where it was published (or, for a speech, given)."""
    issued: str
    """ISO 8601 date of publication or delivery: '2016-08-09', '1864-03' or '1863'."""
    url: str
    """Where the original can be read ('' if nowhere)."""
    type: str = "article-newspaper"
    """Its CSL type: article-newspaper, speech, chapter, webpage, letter… (ORIGINAL_TYPES)."""
    genre: str = ""
    """CSL genre: 'opinion' for an op-ed, 'address' for a speech…"""
    publisher: str = ""
    """The publisher of a book, report or web site."""
    event: str = ""
    """The occasion of a speech: 'Dedication of the Soldiers' National Cemetery'."""
    rights: str = "copyright"
    """'copyright' (reproduced for criticism, review and teaching) or 'public-domain'."""
    rights_holder: str = ""
    """Whose copyright the text is ('' means the container, else the publisher, else the authors)."""

    @property
    def public_domain(self) -> bool:
        return self.rights == "public-domain"

    @property
    def holder(self) -> str:
        """Who holds the text's copyright, as readers are told."""
        return (self.rights_holder or self.container or self.publisher
                or ", ".join(person.display for person in self.authors))

    @property
    def rights_statement(self) -> str:
        """One sentence on the base text's rights, for the licence notice, the footer and the handout."""
        if self.public_domain:
            return "The text is in the public domain."
        return f"The text © {self.holder}, reproduced for criticism, review and teaching."


class TextConfig(NamedTuple):
    """One base text of the edition."""

    id: str
    source: Path
    sha256: str
    page: str
    """Docs-relative path of the generated article page, e.g. 'index.md'."""
    notes: Path
    mentions: Path
    notes_url: str
    """Docs-relative folder of the notes' own pages, e.g. 'notes'."""
    original: OriginalRecord
    line: int
    preamble: tuple[str, ...] = ()
    """The blocks between the headline and the first paragraph: 'byline', 'author-note' (see basetext)."""


class GlossaryKind(NamedTuple):
    """A kind of glossary entry (`glossary_kinds:` in edition.yml): actor, agreement, event…"""

    label: str
    """Shown to readers: 'Actor'; its plural heads the glossary index's section."""
    plural: str
    """'Actors'."""
    description: str
    """One sentence, for the contributing guide."""
    types: dict[str, str]
    """Its entry types (`type:` of an entry), each with its plural heading: {'person': 'People'}."""


DEFAULT_GLOSSARY_KINDS: dict[str, GlossaryKind] = {
    "actor": GlossaryKind("Actor", "Actors", "A person, state, organisation, alliance, armed group or region.",
                          {"person": "People", "state": "States", "organisation": "Organisations",
                           "alliance": "Alliances", "armed-group": "Armed groups", "region": "Regions"}),
    "agreement": GlossaryKind("Agreement", "Agreements",
                              "A treaty, agreement, deal, programme, project, exercise, membership or mission.",
                              {"treaty": "Treaties", "agreement": "Agreements", "deal": "Deals and sales",
                               "programme": "Programmes", "project": "Projects", "exercise": "Exercises",
                               "membership": "Memberships", "mission": "Missions"}),
}
"""The glossary's kinds when edition.yml names none: every actor and agreement the text names."""


class ApparatusPolicy(NamedTuple):
    """The editors' rules for notes and sources, enforced by the check (`apparatus:` in edition.yml)."""

    word_limits: dict[str, int]
    """Most words in a body, by note type, and 'glossary-entry' for entries (types not named have no limit)."""
    disallowed_domains: dict[str, str]
    """Domains not accepted as sources, each with the reason (mirror, tertiary, listicle…)."""
    require_evidence: bool
    """Every citation quotes the sentence of its source that supports the statement."""
    house_style: HouseStyle = HouseStyle()
    """What of the house style the check enforces (`house_style:`; nothing by default)."""


class EditionConfig(NamedTuple):
    """The whole edition."""

    path: Path
    root: Path
    title: str
    short_title: str
    version: str
    editors: tuple[Person, ...]
    publisher: str
    url: str
    """The edition's canonical address (where it is published), ending in '/'; '' if unset."""
    glossary: Path
    glossary_url: str
    texts: tuple[TextConfig, ...]
    releases: tuple[Release, ...]
    """The versions in CHANGELOG.md beside edition.yml, newest first (none if it has none)."""
    bibliography: Path
    """The CSL-JSON file of every source (bibliography.json)."""
    policy: ApparatusPolicy
    pages: dict[str, str]
    """Docs-relative path of each gathering page, by role (defaults: `pages.PAGE_DEFAULTS`)."""
    retired_notes: dict[str, str]
    """Ids of notes that were merged into others, with the note that now covers each."""
    license: str
    """URL of the apparatus's licence."""
    changelog_text: str = ""
    glossary_kinds: dict[str, GlossaryKind] = DEFAULT_GLOSSARY_KINDS
    """The kinds of glossary entry, in the order the glossary index shows them."""

    def entry_type_label(self, kind: str, entry_type: str) -> str:
        """'Actor · Person', 'Event · Battle'."""
        found = self.glossary_kinds.get(kind)
        return f"{found.label if found else kind.capitalize()} · {entry_type.replace('-', ' ').capitalize()}"

    def type_heading(self, entry_type: str) -> str:
        """'People', 'Treaties': the glossary index's heading for an entry type."""
        for kind in self.glossary_kinds.values():
            if entry_type in kind.types:
                return kind.types[entry_type]
        return entry_type.replace("-", " ").capitalize()

    @property
    def changelog(self) -> Path:
        return self.root / "CHANGELOG.md"

    @property
    def released(self) -> str:
        """ISO date of the newest release ('' if none)."""
        return self.releases[0].date if self.releases else ""
