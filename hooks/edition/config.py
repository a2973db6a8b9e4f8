"""The edition's configuration (`edition.yml`): which texts, their notes, the glossary.

Nothing in the code names this article: a second text joins by adding an item to
`texts:` with its own transcript, notes folder, mentions file and bibliographic record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from .changelog import Release, parse_releases
from .frontmatter import LocatedDict, load_yaml
from .problems import Located
from .reading import read_source


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


class OriginalRecord(NamedTuple):
    """Bibliographic record of the published original."""

    title: str
    authors: tuple[Person, ...]
    container: str
    """The newspaper."""
    place: str
    issued: str
    """ISO 8601 publication date."""
    url: str


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


class ApparatusPolicy(NamedTuple):
    """The editors' rules for notes and sources, enforced by the check (`apparatus:` in edition.yml)."""

    word_limits: dict[str, int]
    """Most words in a body, by note type, and 'glossary-entry' for entries (types not named have no limit)."""
    disallowed_domains: dict[str, str]
    """Domains not accepted as sources, each with the reason (mirror, tertiary, listicle…)."""
    require_evidence: bool
    """Every citation quotes the sentence of its source that supports the statement."""


PAGE_DEFAULTS = {
    "claims": "claims.md",
    "timeline": "timeline.md",
    "print": "print.md",
    "bibliography": "bibliography.md",
    "changelog": "changelog.md",
}
"""Docs-relative paths of the generated pages that gather the edition; `pages:` in edition.yml
may move them."""


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
    """Docs-relative path of each gathering page, by role (see PAGE_DEFAULTS)."""
    retired_notes: dict[str, str]
    """Ids of notes that were merged into others, with the note that now covers each."""
    license: str
    """URL of the apparatus's licence."""
    changelog_text: str = ""

    @property
    def changelog(self) -> Path:
        return self.root / "CHANGELOG.md"

    @property
    def released(self) -> str:
        """ISO date of the newest release ('' if none)."""
        return self.releases[0].date if self.releases else ""

    @property
    def glossary_index(self) -> str:
        return f"{self.glossary_url}/index.md"


class ConfigError(Exception):
    """A configuration that cannot be used, located."""

    def __init__(self, path: Path, line: int, message: str, hint: str = "", rule: str = "config"):
        text = f"{path}:{line}: {message}" + (f" ({hint})" if hint else "") + f" [{rule}]"
        super().__init__(text)
        self.path, self.line, self.message, self.hint, self.rule = path, line, message, hint, rule


def _people(items: Any, path: Path, line: int = 1) -> tuple[Person, ...]:
    people = []
    if items is not None and not isinstance(items, list):
        raise ConfigError(path, line, f"a list of people is expected: '{str(items)[:40]}'",
                          "write '- {family: …, given: …}' lines", rule="config-value")
    for item in items or []:
        if not isinstance(item, dict) or not (item.get("family") or item.get("literal")):
            raise ConfigError(path, getattr(items, "line", 1), f"a person needs 'family' (and 'given') or 'literal': "
                              f"'{item}'", rule="config-value")
        people.append(Person(str(item.get("family", "")), str(item.get("given", "")), str(item.get("literal", "")),
                             str(item.get("email", ""))))
    return tuple(people)


def _require(mapping: Any, key: str, path: Path) -> Any:
    if not isinstance(mapping, LocatedDict):
        raise ConfigError(path, getattr(mapping, "line", 1), f"expected a mapping of settings: '{str(mapping)[:40]}'",
                          rule="config-value")
    if key not in mapping or mapping[key] in (None, ""):
        raise ConfigError(path, mapping.line, f"missing required setting: '{key}'", rule="config-missing")
    return mapping[key]


def _path(mapping: Any, key: str, path: Path) -> str:
    """A required setting that names a file or folder: text."""
    value = _require(mapping, key, path)
    if not isinstance(value, str):
        raise ConfigError(path, mapping.line_of(key), f"'{key}' must be a path, as text: '{str(value)[:40]}'",
                          rule="config-value")
    return value


def _mapping(value: Any, key: str, path: Path, line: int) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(path, line, f"'{key}' must be a mapping: '{str(value)[:40]}'", rule="config-value")
    return value


def load_config(path: Path) -> EditionConfig:
    """Read `edition.yml`; paths in it are relative to its folder."""
    path = Path(path)
    root = path.parent
    try:
        data = load_yaml(read_source(path, root, "config")).value
    except Located as error:
        raise ConfigError(path, error.line, error.message, error.hint, error.rule) from None
    except FileNotFoundError:
        raise ConfigError(path, 1, "edition configuration not found", rule="config-missing") from None
    if not isinstance(data, LocatedDict):
        raise ConfigError(path, 1, "the configuration must be a mapping", rule="config-value")
    texts = []
    items = _require(data, "texts", path)
    if not isinstance(items, list):
        raise ConfigError(path, data.line_of("texts"), "'texts' must be a list of texts", rule="config-value")
    for item in items:
        original = _require(item, "original", path)
        text_id = str(_require(item, "id", path))
        texts.append(TextConfig(
            id=text_id,
            source=root / _path(item, "source", path),
            sha256=str(_require(item, "sha256", path)).lower(),
            page=str(item.get("page", f"{text_id}.md")),
            notes=root / _path(item, "notes", path),
            mentions=root / _path(item, "mentions", path),
            notes_url=str(item.get("notes_url", "notes")).strip("/"),
            original=OriginalRecord(
                title=str(_require(original, "title", path)),
                authors=_people(_require(original, "authors", path), path, original.line_of("authors")),
                container=str(_require(original, "container", path)),
                place=str(original.get("place", "")),
                issued=str(_require(original, "issued", path)),
                url=str(_require(original, "url", path)),
            ),
            line=item.line,
        ))
    changelog = root / "CHANGELOG.md"
    try:
        changelog_text = read_source(changelog, root, "changelog")
    except FileNotFoundError:
        changelog_text = ""
    except Located as error:
        raise ConfigError(changelog, error.line, error.message, error.hint, error.rule) from None
    url = str(data.get("url") or "")
    pages = dict(PAGE_DEFAULTS)
    pages.update({str(k): str(v) for k, v in _mapping(data.get("pages"), "pages", path, data.line_of("pages")).items()})
    return EditionConfig(
        path=path, root=root,
        title=str(_require(data, "title", path)),
        short_title=str(data.get("short_title", data["title"])),
        version=str(_require(data, "version", path)),
        editors=_people(data.get("editors"), path, data.line_of("editors")),
        publisher=str(data.get("publisher", "")),
        url=url if not url or url.endswith("/") else url + "/",
        glossary=root / _path(data, "glossary", path),
        glossary_url=str(data.get("glossary_url", "glossary")).strip("/"),
        texts=tuple(texts),
        releases=tuple(parse_releases(changelog_text)),
        bibliography=root / (_path(data, "bibliography", path) if "bibliography" in data else "bibliography.json"),
        policy=_policy(_mapping(data.get("apparatus"), "apparatus", path, data.line_of("apparatus")), path),
        pages=pages,
        retired_notes={str(k): str(v) for k, v in
                       _mapping(data.get("retired_notes"), "retired_notes", path, data.line_of("retired_notes")).items()},
        license=str(data.get("license", "https://creativecommons.org/licenses/by/4.0/")),
        changelog_text=changelog_text,
    )


def _policy(data: dict, path: Path) -> ApparatusPolicy:
    line_of = getattr(data, "line_of", lambda key: 1)
    limits = _mapping(data.get("word_limits"), "word_limits", path, line_of("word_limits"))
    domains = _mapping(data.get("disallowed_domains"), "disallowed_domains", path, line_of("disallowed_domains"))
    for key, value in limits.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(path, getattr(limits, "line_of", line_of)(key),
                              f"word limit of '{key}' must be a whole number of words: '{str(value)[:40]}'",
                              rule="config-value")
    return ApparatusPolicy(
        word_limits={str(key): value for key, value in limits.items()},
        disallowed_domains={str(key).lower(): str(value) for key, value in domains.items()},
        require_evidence=bool(data.get("require_evidence", False)),
    )


def deployment_problem(config: EditionConfig, deployed: str) -> "Problem | None":
    """The problem of deploying the site to `deployed` (CI's SITE_URL) when edition.yml's `url`
    names another address: every citation, canonical link and export would name the wrong one."""
    from .problems import Problem

    canonical = config.url
    if not (deployed and canonical) or deployed.rstrip("/") == canonical.rstrip("/"):
        return None
    line = 1
    try:
        for number, text in enumerate(config.path.read_text(encoding="utf-8").splitlines(), 1):
            if text.startswith("url:"):
                line = number
                break
    except (OSError, UnicodeDecodeError):
        pass
    return Problem(config.path.name, line,
                   f"the site is being deployed to another address than the edition's canonical url: '{deployed}'",
                   f"set url: {deployed} in edition.yml, or deploy to {canonical}", "config-url")
