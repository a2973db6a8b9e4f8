"""The edition's configuration (`edition.yml`): which texts, their notes, the glossary.

Nothing in the code names this article: a second text joins by adding an item to
`texts:` with its own transcript, notes folder, mentions file and bibliographic record.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import schemas
from .changelog import parse_releases
from .frontmatter import LocatedDict, load_yaml
from .pages import PAGE_DEFAULTS
from .problems import Located, Problem, ProblemList
from .reading import read_source
from .records import calendar_error
from .settings import (  # noqa: F401 (re-exported)
    DEFAULT_GLOSSARY_KINDS,
    ORIGINAL_TYPES,
    PERIODICALS,
    ApparatusPolicy,
    EditionConfig,
    GlossaryKind,
    OriginalRecord,
    Person,
    TextConfig,
)
from .sourcefile import check_strings
from .style import HouseStyle


class ConfigError(Exception):
    """A configuration that cannot be used, located; `more` holds the problems found with it."""

    def __init__(self, path: Path, line: int, message: str, hint: str = "", rule: str = "config",
                 more: tuple[Problem, ...] = ()):
        text = f"{path}:{line}: {message}" + (f" ({hint})" if hint else "") + f" [{rule}]"
        super().__init__(text)
        self.path, self.line, self.message, self.hint, self.rule = path, line, message, hint, rule
        self.more = more

    @property
    def problems(self) -> list[Problem]:
        """Every problem of the configuration: this one and the others found with it."""
        where = str(self.path)
        return [Problem(where, self.line, self.message, self.hint, self.rule),
                *(problem._replace(path=where) for problem in self.more)]


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


def _original(original: Any, path: Path) -> OriginalRecord:
    """A text's `original:`: its bibliographic record, by its CSL type."""
    kind = str(original.get("type", "article-newspaper")) if isinstance(original, LocatedDict) else ""
    if kind not in ORIGINAL_TYPES:
        raise ConfigError(path, original.line_of("type"), f"unknown type of original: '{kind}'",
                          f"one of {', '.join(ORIGINAL_TYPES)} (CSL item types)", rule="config-value")
    rights = str(original.get("rights", "copyright"))
    if rights not in ("copyright", "public-domain"):
        raise ConfigError(path, original.line_of("rights"), f"rights must be 'copyright' or 'public-domain': '{rights}'",
                          rule="config-value")
    container = str(_require(original, "container", path)) if kind in PERIODICALS else str(original.get("container", ""))
    return OriginalRecord(
        title=str(_require(original, "title", path)),
        authors=_people(_require(original, "authors", path), path, original.line_of("authors")),
        container=container,
        place=str(original.get("place", "")),
        issued=str(_require(original, "issued", path)),
        url=str(original.get("url", "")),
        type=kind,
        genre=str(original.get("genre", "")),
        publisher=str(original.get("publisher", "")),
        event=str(original.get("event", "")),
        rights=rights,
        rights_holder=str(original.get("rights_holder", "")),
    )


def _glossary_kinds(value: Any, path: Path, line: int) -> dict[str, GlossaryKind]:
    """`glossary_kinds:`: kind → {label, plural, description, types: {type: plural heading}}."""
    if value is None:
        return DEFAULT_GLOSSARY_KINDS
    if not isinstance(value, dict) or not value:
        raise ConfigError(path, line, f"glossary_kinds must be a mapping of kinds: '{str(value)[:40]}'",
                          "e.g. event: {label: Event, types: {battle: Battles}}", rule="config-value")
    kinds = {}
    for kind, spec in value.items():
        spec_line = value.line_of(kind) if hasattr(value, "line_of") else line
        if not isinstance(spec, dict) or not isinstance(spec.get("types", {}), dict):
            raise ConfigError(path, spec_line, f"a glossary kind needs a label and its types: '{kind}'",
                              "e.g. event: {label: Event, types: {battle: Battles}}", rule="config-value")
        label = str(spec.get("label") or str(kind).replace("-", " ").capitalize())
        kinds[str(kind)] = GlossaryKind(label, str(spec.get("plural") or label + "s"), str(spec.get("description", "")),
                                        {str(k): str(v) for k, v in (spec.get("types") or {}).items()})
    return kinds


def _preamble(item: Any, path: Path) -> tuple[str, ...]:
    """A text's `preamble:`, a list of distinct block kinds in reading order."""
    from .basetext import PREAMBLE_KINDS
    value = item.get("preamble", [])
    line = item.line_of("preamble") if hasattr(item, "line_of") and "preamble" in item else item.line
    if not isinstance(value, list) or any(kind not in PREAMBLE_KINDS for kind in value) or len(set(value)) < len(value):
        raise ConfigError(path, line, f"preamble must be a list of distinct blocks among {', '.join(PREAMBLE_KINDS)}: "
                                      f"'{value}'", "for a text with neither, leave preamble out", rule="config-value")
    return tuple(str(kind) for kind in value)


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
    config = _read_config(path, root, data)
    _validate(config, data)
    return config


def _validate(config: EditionConfig, data: LocatedDict) -> None:
    """edition.yml as every other source is checked: its schema (web addresses, pages inside the
    docs folder, dates), the hygiene of every string, and every file and folder inside the
    project. Raises ConfigError with all the problems found, the first (by line) as its own."""
    path = config.path
    problems = ProblemList(config.root)
    for problem in schemas.check("edition", data, whole="edition.yml"):
        problems.add(path, problem.line, problem.message, problem.hint, rule=problem.rule)
    check_strings(data, problems, path)
    for key, where, line in _paths(config, data):
        try:
            Path(os.path.abspath(where)).relative_to(os.path.abspath(config.root))
        except ValueError:
            problems.add(path, line, f"'{key}' names a path outside the project: '{_shown_path(where, config.root)}'",
                         "sources must live inside the repository: give a path relative to edition.yml, "
                         "without '..'", rule="path-outside")
    issued = [(text.original.issued, text) for text in config.texts]
    for value, text in issued:
        reason = calendar_error(value)
        if reason:
            item = next(item for item in data["texts"] if isinstance(item, LocatedDict) and item.get("id") == text.id)
            problems.add(path, item["original"].line_of("issued"),
                         f"date is not a real calendar day ({reason}): '{value}'", rule="date-invalid")
    if problems:
        first, *more = sorted(problems, key=lambda problem: problem.sort_key)
        raise ConfigError(path, first.line, first.message, first.hint, first.rule, tuple(more))


def _shown_path(where: Path, root: Path) -> str:
    return os.path.relpath(where, root) if not os.path.isabs(str(where)) else str(where)


def _paths(config: EditionConfig, data: LocatedDict) -> list[tuple[str, Path, int]]:
    """(setting, path, line) of every file and folder edition.yml names."""
    found = [("glossary", config.glossary, data.line_of("glossary")),
             ("bibliography", config.bibliography, data.line_of("bibliography"))]
    items = [item for item in data["texts"] if isinstance(item, LocatedDict)]
    for text, item in zip(config.texts, items, strict=False):
        found += [("source", text.source, item.line_of("source")), ("notes", text.notes, item.line_of("notes")),
                  ("mentions", text.mentions, item.line_of("mentions"))]
    return found


def _read_config(path: Path, root: Path, data: LocatedDict) -> EditionConfig:
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
            original=_original(original, path),
            line=item.line,
            preamble=_preamble(item, path),
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
        glossary_kinds=_glossary_kinds(data.get("glossary_kinds"), path, data.line_of("glossary_kinds")),
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
    style = _mapping(data.get("house_style"), "house_style", path, line_of("house_style"))
    spelling = _mapping(style.get("spelling"), "spelling", path, getattr(style, "line_of", line_of)("spelling"))
    return ApparatusPolicy(
        word_limits={str(key): value for key, value in limits.items()},
        disallowed_domains={str(key).lower(): str(value) for key, value in domains.items()},
        require_evidence=bool(data.get("require_evidence", False)),
        house_style=HouseStyle(dates=style.get("dates") == "day-month-year",
                               spelling=tuple((str(k), str(v)) for k, v in spelling.items()),
                               mark_later=bool(style.get("mark_later", False))),
    )


def deployment_problem(config: EditionConfig, deployed: str) -> Problem | None:
    """The problem of deploying the site to `deployed` (CI's SITE_URL) when edition.yml's `url`
    names another address: every citation, canonical link and export would name the wrong one."""
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
