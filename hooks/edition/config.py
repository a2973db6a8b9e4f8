"""The edition's configuration (`edition.yml`): which texts, their notes, the glossary.

Nothing in the code names this article: a second text joins by adding an item to
`texts:` with its own transcript, notes folder, mentions file and bibliographic record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from .changelog import Release, releases
from .frontmatter import LocatedDict, YamlError, load_yaml, read_text


class Person(NamedTuple):
    """An author or editor in a bibliographic record."""

    family: str
    given: str


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


class EditionConfig(NamedTuple):
    """The whole edition."""

    path: Path
    root: Path
    title: str
    short_title: str
    version: str
    editors: tuple[Person, ...]
    publisher: str
    glossary: Path
    glossary_url: str
    texts: tuple[TextConfig, ...]
    releases: tuple[Release, ...]
    """The versions in CHANGELOG.md beside edition.yml, newest first (none if it has none)."""
    bibliography: Path
    """The CSL-JSON file of every source (bibliography.json)."""
    policy: "ApparatusPolicy"

    @property
    def changelog(self) -> Path:
        return self.root / "CHANGELOG.md"

    @property
    def released(self) -> str:
        """ISO date of the newest release ('' if none)."""
        return self.releases[0].date if self.releases else ""


class ApparatusPolicy(NamedTuple):
    """The editors' rules for notes and sources, enforced by the check (`apparatus:` in edition.yml)."""

    word_limits: dict[str, int]
    """Most words in a note's body, by note type (types not named have no limit)."""
    disallowed_domains: dict[str, str]
    """Domains not accepted as sources, each with the reason (mirror, tertiary, listicle…)."""
    require_evidence: bool
    """Every citation quotes the sentence of its source that supports the statement."""


class ConfigError(Exception):
    """A configuration that cannot be used, located."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def _people(items: Any) -> tuple[Person, ...]:
    return tuple(Person(str(item.get("family", "")), str(item.get("given", ""))) for item in items or [])


def _require(mapping: LocatedDict, key: str, path: Path) -> Any:
    if key not in mapping or mapping[key] in (None, ""):
        raise ConfigError(path, mapping.line, f"missing required setting: '{key}'")
    return mapping[key]


def load_config(path: Path) -> EditionConfig:
    """Read `edition.yml`; paths in it are relative to its folder."""
    path = Path(path)
    root = path.parent
    try:
        data = load_yaml(read_text(path)).value
    except YamlError as error:
        raise ConfigError(path, error.line, f"malformed YAML: {error.message}") from None
    except FileNotFoundError:
        raise ConfigError(path, 1, "edition configuration not found") from None
    if not isinstance(data, LocatedDict):
        raise ConfigError(path, 1, "the configuration must be a mapping")
    texts = []
    for item in _require(data, "texts", path):
        original = _require(item, "original", path)
        texts.append(TextConfig(
            id=str(_require(item, "id", path)),
            source=root / _require(item, "source", path),
            sha256=str(_require(item, "sha256", path)).lower(),
            page=str(item.get("page", f"{item['id']}.md")),
            notes=root / _require(item, "notes", path),
            mentions=root / _require(item, "mentions", path),
            notes_url=str(item.get("notes_url", "notes")).strip("/"),
            original=OriginalRecord(
                title=str(_require(original, "title", path)),
                authors=_people(_require(original, "authors", path)),
                container=str(_require(original, "container", path)),
                place=str(original.get("place", "")),
                issued=str(_require(original, "issued", path)),
                url=str(_require(original, "url", path)),
            ),
            line=item.line,
        ))
    return EditionConfig(
        path=path, root=root,
        title=str(_require(data, "title", path)),
        short_title=str(data.get("short_title", data["title"])),
        version=str(_require(data, "version", path)),
        editors=_people(data.get("editors")),
        publisher=str(data.get("publisher", "")),
        glossary=root / _require(data, "glossary", path),
        glossary_url=str(data.get("glossary_url", "glossary")).strip("/"),
        texts=tuple(texts),
        releases=tuple(releases(root / "CHANGELOG.md")),
        bibliography=root / str(data.get("bibliography", "bibliography.json")),
        policy=_policy(data.get("apparatus") or {}),
    )


def _policy(data: Any) -> ApparatusPolicy:
    limits = data.get("word_limits") or {}
    domains = data.get("disallowed_domains") or {}
    return ApparatusPolicy(
        word_limits={str(key): int(value) for key, value in limits.items()},
        disallowed_domains={str(key).lower(): str(value) for key, value in domains.items()},
        require_evidence=bool(data.get("require_evidence", False)),
    )
