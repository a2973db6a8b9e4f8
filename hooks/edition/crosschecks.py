"""The cross-checks of a loaded edition: what one file cannot tell on its own.

Each check looks across files once they are loaded: glossary entries that name each other
(parties, related), every entry mentioned in a text, the links in every body, the sources
cited, the pages the site will have, retired notes and the changelog. `load.py` reads the
sources into the model and runs these checks through its loader, which mixes them in; both
add their problems to one `ProblemList`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .anchoring import Span, occurrences
from .basetext import BaseText
from .bibliography import Bibliography, check_citations, citations_in
from .markup import MarkdownRenderer, MarkupProblem, link_token, plain_text
from .model import Background, GlossaryEntry, Link, Quote, TextEdition
from .problems import Problem, ProblemList, did_you_mean, with_article
from .reading import is_dir
from .settings import EditionConfig
from .sourcefile import SourceFile
from .style import file_findings
from .urls import PlannedPage, Urls, UrlStyle


class CrossChecks:
    """The checks across files, as methods of the loader (`load._Loader`), which holds the state
    they read: the configuration, the parsed files and their links, and the problem list."""

    config: EditionConfig
    root: Path
    problems: ProblemList
    renderer: MarkdownRenderer | None
    docs_dir: Path | None
    url_style: UrlStyle
    parsed: list[SourceFile]
    links: dict[Path, tuple[Link, ...]]
    bibliography_usable: bool

    def add(self, path: Path | str, line: int | None, message: str, hint: str = "", *,
            rule: str, cause: str = "") -> Problem:
        raise NotImplementedError

    def resolve_quote(self, quote: Quote, base: BaseText, path: Path, line: int,
                      what: str = "quotation") -> Span | None:
        raise NotImplementedError

    def check_entry_references(self, entries: dict[str, GlossaryEntry], known: dict[str, tuple[Path, int]]) -> None:
        aliases: dict[str, GlossaryEntry] = {}
        for entry in entries.values():
            for alias in entry.aliases:
                owner = aliases.setdefault(alias, entry)
                if owner is not entry:
                    self.add(entry.path, entry.field_lines.get("aliases", 1), f"alias claimed by two entries: '{alias}'",
                             f"also claimed by {self.problems.relative(owner.path)}: keep it in one entry",
                             rule="alias-duplicate")
            for field in ("parties", "related"):
                values = getattr(entry, field)
                line = entry.field_lines.get(field, 1)
                for index, value in enumerate(values):
                    if value == entry.id:
                        self.add(entry.path, line, f"an entry cannot be {'a party to' if field == 'parties' else 'related to'} "
                                                   f"itself: '{value}'", f"remove '{value}' from {field}",
                                 rule="reference-self")
                    elif value in values[:index]:
                        self.add(entry.path, line, f"listed twice in {field}: '{value}'", "keep one",
                                 rule="reference-duplicate")
                    elif value not in known:
                        self.add(entry.path, line, f"unknown glossary entry in {field}: '{value}'",
                                 did_you_mean(value, known) or "add the entry to glossary/ first",
                                 rule="reference-unknown")
                    elif field == "parties" and value in entries and entries[value].kind != "actor":
                        self.add(entry.path, line, f"parties must be actors, but this is {with_article(entries[value].kind)}: "
                                                   f"'{value}'", "list the actors that signed or joined it",
                                 rule="party-not-actor")

    def check_coverage(self, entries: dict[str, GlossaryEntry], texts: list[TextEdition],
                       meant: dict[str, Problem]) -> dict[str, GlossaryEntry]:
        """Every entry is mentioned somewhere, or says which words it is background to; returns
        the entries with their background resolved to a text."""
        mentioned = {mention.entry for text in texts for mention in text.mentions}
        resolved = dict(entries)
        for entry in entries.values():
            if entry.background:
                background = entry.background
                key, sentence = background.span.block, background.sentence
                found = [(text, start) for text in texts for block in [text.base.block(key)] if block
                         for start in occurrences(block.text, sentence)]
                if len(found) == 1:
                    text, start = found[0]
                    resolved[entry.id] = entry._replace(background=Background(
                        text.id, Span(key, start, start + len(sentence)), sentence, background.line))
                elif texts:
                    text = found[0][0] if found else texts[0]
                    self.resolve_quote(Quote(key, sentence), text.base, entry.path, background.line,
                                       "background sentence")
                    resolved.pop(entry.id)
            elif entry.id not in mentioned:
                cause = meant.get(entry.id)
                self.add(entry.path, entry.field_lines.get("id", 1),
                         f"entry is mentioned nowhere in the text: '{entry.id}'",
                         "mark a mention in the text's mentions.yml, or add background: {paragraph, sentence} "
                         "naming the words it explains", rule="entry-unmentioned",
                         cause=f"{cause.path}:{cause.line}" if cause else "")
        return resolved

    def check_bodies(self, entry_ids: set[str], note_ids: set[str], paragraphs: set[str]) -> None:
        """Render every body once in check mode: unknown internal links are reported, and the
        links of each body are recorded for backlinks. Nothing rendered is kept.

        `entry_ids` and `note_ids` name every source file, valid or not: a link to a file that
        has problems of its own is not also reported as a link to nothing.
        """
        retired = set(self.config.retired_notes)
        candidates = {"glossary": entry_ids, "note": note_ids | retired, "para": paragraphs}
        known = tuple((scheme, frozenset(ids)) for scheme, ids in candidates.items())
        policy = self.config.policy
        # The house style marks what happened after the (earliest) text appeared.
        published = min((text.original.issued for text in self.config.texts), default="")
        for item in self.parsed:
            if self.renderer is None:
                problems, found, words = _checked_body(item.body, known)
            else:
                problems, found, words = _check_body(self.renderer, item.body, known)
            self.links[item.path] = found
            for problem in problems:
                hint = problem.hint
                if problem.unknown_target:
                    scheme, target = problem.unknown_target
                    hint = did_you_mean(target, candidates[scheme])
                    if scheme == "note" and target in retired:
                        hint = f"that note was merged into '{self.config.retired_notes[target]}': link that one"
                self.add(item.path, item.body_line + problem.line - 1, problem.message, hint, rule=problem.rule)
            is_note = "target" in item.meta
            kind = str(item.meta.get("type")) if is_note else "glossary-entry"
            limit = policy.word_limits.get(kind)
            if limit:
                if words > limit:
                    self.add(item.path, item.body_line, f"{'note' if is_note else 'entry'} is longer than the "
                                                        f"{limit} words allowed for {'a ' + kind if is_note else 'an entry'}: "
                                                        f"'{words} words'",
                             "keep to the claim and its evidence; the limit is set in edition.yml (apparatus: word_limits)",
                             rule="note-too-long")
            for finding in file_findings(item.meta, item.body, item.body_line, published, policy.house_style):
                self.add(item.path, finding.line, finding.message, finding.hint, rule=finding.rule)

    def check_sources(self, bibliography: Bibliography) -> None:
        """Citations resolve and carry their evidence; every bibliography item is cited."""
        cited: set[str] = set()
        suggestions: dict[str, str] = {}
        for item in self.parsed:
            citations = citations_in(item.meta.get("sources"))
            cited.update(citation.key for citation in citations)
            if not self.bibliography_usable:
                continue
            for problem in check_citations(citations, bibliography, item.path, self.root,
                                           self.config.policy.require_evidence, suggestions):
                self.problems.append(problem)
        for reference in bibliography.references.values():
            if reference.id not in cited:
                self.add(bibliography.path, reference.line, f"bibliography item cited nowhere: '{reference.id}'",
                         "cite it from a note or entry, or remove it", rule="bibliography-unused")

    def check_pages(self, urls: Urls, known_entries: dict[str, tuple[Path, int]],
                    known_notes: dict[str, dict[str, tuple[Path, int]]]) -> None:
        """No two pages write the same file: an id that would overwrite another page is an error
        naming both (generated pages and the hand-written pages of docs/)."""
        planned = urls.planned({k: (self.problems.relative(p), line) for k, (p, line) in known_entries.items()},
                               {t: {k: (self.problems.relative(p), line) for k, (p, line) in notes.items()}
                                for t, notes in known_notes.items()})
        written: dict[str, PlannedPage] = {}
        if self.docs_dir and is_dir(self.docs_dir):
            for path in sorted(self.docs_dir.rglob("*.md")):
                src = path.relative_to(self.docs_dir).as_posix()
                written[self.url_style.dest_path(src)] = PlannedPage(src, f"the hand-written page docs/{src}",
                                                                     f"docs/{src}")
        for page in sorted(planned, key=lambda page: (bool(page.path), page.src)):
            dest = self.url_style.dest_path(page.src)
            other = written.setdefault(dest, page)
            if other is page:
                continue
            if page.path:
                self.add(page.path, page.line, f"this id's page '{page.src}' would overwrite {other.what}: "
                                               f"'{Path(page.src).stem}'",
                         "choose another id (and rename the file to match)", rule="id-page-collision")
            else:
                self.add(self.config.path, 1, f"{page.what} '{page.src}' would overwrite {other.what}: "
                                              f"'{page.src}'", "move one of them (pages: in edition.yml)",
                         rule="id-page-collision")

    def check_retired(self, note_ids: set[str]) -> None:
        for retired, covering in self.config.retired_notes.items():
            if retired in note_ids:
                self.add(self.config.path, 1, f"a retired note still exists: '{retired}'",
                         "remove it from retired_notes in edition.yml, or delete the note", rule="retired-note-exists")
            elif covering not in note_ids:
                self.add(self.config.path, 1, f"retired note '{retired}' forwards to an unknown note: '{covering}'",
                         did_you_mean(covering, note_ids) or "name the note that now covers it",
                         rule="retired-note-unknown")

    def check_changelog(self) -> None:
        """The version in edition.yml is the newest release in CHANGELOG.md."""
        config = self.config
        path, found = config.changelog, config.releases
        if not found:
            self.add(path, 1, "no release heading like '## 1.0.0 — 2026-11-26' in the changelog: "
                              f"'{path.name}'", "add one for the version in edition.yml", rule="changelog-release")
        elif found[0].version != config.version:
            self.add(path, found[0].line, f"newest changelog version differs from edition.yml's version "
                                          f"'{config.version}': '{found[0].version}'",
                     "add a changelog entry for the new version, or correct edition.yml", rule="changelog-release")


Known = tuple[tuple[str, frozenset[str]], ...]
"""The ids that exist, by link scheme: (('glossary', …), ('note', …), ('para', …))."""


def _check_body(renderer: MarkdownRenderer, body: str, known: Known
                ) -> tuple[tuple[MarkupProblem, ...], tuple[Link, ...], int]:
    """A body rendered in check mode, given the ids that exist: its link problems, the internal
    links it makes, and its length in words."""
    candidates = dict(known)
    found: list[Link] = []

    def exists(scheme: str, target: str) -> str | None:
        if target not in candidates[scheme]:
            return None
        found.append(Link(scheme, target))
        return link_token(scheme, target)

    result = renderer.render(body, exists)
    return result.problems, tuple(found), len(plain_text(result.html).split())


@lru_cache(maxsize=1)
def _own_renderer() -> MarkdownRenderer:
    return MarkdownRenderer()


@lru_cache(maxsize=4096)
def _checked_body(body: str, known: Known) -> tuple[tuple[MarkupProblem, ...], tuple[Link, ...], int]:
    """`_check_body` with the edition's own renderer, kept for the rest of the process: what a
    body says depends only on its text and on which ids exist, so a `mkdocs serve` rebuild (or a
    second check) renders only the bodies that changed."""
    return _check_body(_own_renderer(), body, known)
