"""Load an edition from its sources and validate every cross-reference.

`load_edition` never stops at the first problem and never writes: it returns the model
(no HTML in it) with the full list of problems, each located to a file and line and named
by a rule id. Problems come out ordered by file and line; a knock-on problem names its
cause and follows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from . import schemas
from .anchoring import Span, context_hint, occurrences, quotation_hint
from .basetext import BaseText, BaseTextError, parse_transcript
from .bibliography import citations_in, load_bibliography
from .config import EditionConfig, TextConfig
from .crosschecks import CrossChecks
from .frontmatter import LocatedDict, LocatedList, load_yaml
from .markup import MarkdownRenderer
from .mkdocs_yml import mkdocs_settings
from .model import Background, Edition, GlossaryEntry, Link, Mention, Note, Quote, TextEdition
from .problems import Located, Problem, ProblemList, did_you_mean, order_problems
from .reading import is_dir, read_source
from .records import Author, DatedEvent
from .sourcefile import SourceFile, check_strings, read_source_file
from .urls import Urls, UrlStyle

BLOCK_NAMES = ("headline", "byline", "author-note")


MAX_NOTES_ON_WORDS = 64
"""Most notes whose quotations cover one word of the text: their highlights nest on the page (a
thousand ended the build in a RecursionError). Generous: the hostile-input catalogue anchors
its dozens of notes to one quotation."""


def source_files(folder: Path) -> list[Path]:
    """The Markdown sources in a folder, in name order; `_*.md` (templates) are skipped."""
    if not is_dir(folder):
        return []
    return sorted(path for path in folder.glob("*.md") if not path.name.startswith("_"))


def _block_key(value: Any) -> str:
    return str(value).strip().lower() if isinstance(value, str) else str(value)


def _quote(target: LocatedDict) -> Quote:
    return Quote(_block_key(target.get("paragraph")), str(target.get("exact", "")),
                 str(target.get("prefix", "") or ""), str(target.get("suffix", "") or ""))


def _dates(meta: LocatedDict) -> tuple[DatedEvent, ...]:
    return tuple(DatedEvent(item["date"], item["label"], meta["dates"].line_of(index), bool(item.get("in_text")))
                 for index, item in enumerate(meta.get("dates") or []))


class _Loader(CrossChecks):
    """One loading of one edition: the problem list lives here, not in every signature."""

    def __init__(self, config: EditionConfig, renderer: MarkdownRenderer | None,
                 docs_dir: Path | None, url_style: UrlStyle):
        self.config = config
        self.root = config.root
        self.problems = ProblemList(config.root)
        self.renderer = renderer
        """A renderer of the caller's, or None: the edition's own, whose results are kept (`_checked_body`)."""
        self.docs_dir = docs_dir
        self.url_style = url_style
        self.parsed: list[SourceFile] = []
        """Every file that parsed, valid or not, so its body is checked too."""
        self.links: dict[Path, tuple[Link, ...]] = {}
        self.missing: set[Path] = set()
        """Sources that `read` found missing (not merely unusable: those are reported as such)."""

    def add(self, path: Path | str, line: int | None, message: str, hint: str = "", *,
            rule: str, cause: str = "") -> Problem:
        return self.problems.add(path, line, message, hint, rule=rule, cause=cause)

    # ------------------------------------------------------------ quotations

    def resolve_quote(self, quote: Quote, base: BaseText, path: Path, line: int,
                      what: str = "quotation") -> Span | None:
        """Resolve a quotation against its block, reporting why it fails."""
        block = base.block(quote.block)
        if block is None:
            self.add(path, line, f"target paragraph out of range: '{quote.block}'",
                     f"the text has paragraphs 1–{len(base.paragraphs)}, or {', '.join(BLOCK_NAMES)}",
                     rule="quote-paragraph-unknown")
            return None
        found = occurrences(block.text, quote.exact, quote.prefix, quote.suffix)
        if len(found) == 1:
            return Span(block.key, found[0], found[0] + len(quote.exact))
        if not found:
            elsewhere = [other.label for other in base.blocks
                         if other.key != block.key and occurrences(other.text, quote.exact, quote.prefix, quote.suffix)]
            if (quote.prefix or quote.suffix) and quote.exact in block.text:
                self.add(path, line, f"{what} not found in {block.label} with the given prefix/suffix: "
                                     f"'{quote.exact}'", context_hint(block.text, quote.exact),
                         rule="quote-context-mismatch")
            else:
                self.add(path, line, f"{what} not found in {block.label}: '{quote.exact}'",
                         quotation_hint(block.text, quote.exact, elsewhere), rule="quote-not-found")
            return None
        self.add(path, line, f"{what} occurs {len(found)} times in {block.label}: '{quote.exact}'",
                 "add a prefix or suffix (the words just before or after it) to pick one", rule="quote-ambiguous")
        return None

    # ------------------------------------------------------------ files

    def read(self, path: Path, kind: str) -> str | None:
        """A whole source file's text, or None (reported) when it is missing or unusable."""
        try:
            return read_source(path, self.root, kind)
        except FileNotFoundError:
            self.missing.add(path)
            return None
        except Located as error:
            self.problems.add_located(path, error)
            return None

    def claimed_files(self, folder: Path, kind: str, schema: str,
                      claimed: dict[str, tuple[Path, int]]) -> Iterator[tuple[str, SourceFile]]:
        """Parse each source file of a folder and claim its id, reporting a mismatch with the
        file name or a duplicate; yields (id, file) for the files whose id is theirs. Every
        file's id goes into `claimed` (so references to a broken file are not also "unknown")."""
        for path in source_files(folder):
            source, problems = read_source_file(path, self.root, "note" if kind == "note" else "entry", schema)
            self.problems.extend(problems)
            if source is None:
                claimed.setdefault(path.stem, (path, 1))
                continue
            self.parsed.append(source)
            meta = source.meta
            claimed_id = str(meta.get("id", path.stem))
            line = meta.line_of("id")
            if claimed_id != path.stem and "id" in meta:
                self.add(path, line, f"id does not match the file name '{path.stem}.md': '{claimed_id}'",
                         f"rename the file to '{claimed_id}.md' or set id: {path.stem}", rule="id-file-mismatch")
            if claimed_id in claimed:
                self.add(path, line, f"duplicate {kind} id: '{claimed_id}'",
                         f"also used by {self.problems.relative(claimed[claimed_id][0])}", rule="id-duplicate")
                continue
            claimed[claimed_id] = (path, line)
            yield claimed_id, source

    # ------------------------------------------------------------ the glossary

    def load_glossary(self) -> tuple[dict[str, GlossaryEntry], dict[str, tuple[Path, int]]]:
        entries: dict[str, GlossaryEntry] = {}
        known: dict[str, tuple[Path, int]] = {}
        if not is_dir(self.config.glossary):
            self.add(self.config.path, 1, f"glossary folder not found: '{self.config.glossary.name}'",
                     "create it, or correct 'glossary' in edition.yml", rule="config-missing")
        kinds = {kind: tuple(spec.types) for kind, spec in self.config.glossary_kinds.items()}
        for entry_id, source in self.claimed_files(self.config.glossary, "glossary", schemas.entry_schema(kinds), known):
            if not source.valid:
                continue
            meta = source.meta
            background = meta.get("background")
            entries[entry_id] = GlossaryEntry(
                id=entry_id, title=meta["title"], kind=meta["kind"], type=meta["type"],
                aliases=tuple(meta.get("aliases") or ()), summary=" ".join(str(meta["summary"]).split()),
                dates=_dates(meta), parties=tuple(meta.get("parties") or ()), related=tuple(meta.get("related") or ()),
                sources=citations_in(meta.get("sources")), wikidata=str(meta.get("wikidata", "")),
                # Resolved against the texts once they are loaded (`check_coverage`).
                background=Background("", Span(_block_key(background["paragraph"]), 0, 0), background["sentence"],
                                      meta.line_of("background")) if background else None,
                body=source.body, path=source.path, body_line=source.body_line, field_lines=dict(meta.key_lines),
            )
        return entries, known

    # ------------------------------------------------------------ texts, notes, mentions

    def load_text(self, config: TextConfig) -> BaseText | None:
        """Parse a transcript after checking it against its recorded checksum."""
        raw = self.read(config.source, "transcript")
        if raw is None:
            if config.source in self.missing:
                self.add(config.source, 1, f"base text not found: '{config.source.name}'",
                         "copy the transcript there, or correct the text's `source:` path in edition.yml",
                         rule="basetext-missing")
            return None
        try:
            base = parse_transcript(config.source, raw, config.preamble)
        except BaseTextError as error:
            self.add(config.source, error.line, error.message, rule="basetext-shape")
            return None
        if base.sha256 != config.sha256:
            self.add(config.source, 1, f"the transcript's SHA-256 is {base.sha256}, but edition.yml records "
                                       f"{config.sha256 or 'none'}: '{config.source.name}'",
                     "the published text is never corrected: put it back as published and put disagreements in "
                     "a note; for a new or corrected transcript, record its checksum with "
                     f"'edition accept {config.id}'", rule="basetext-checksum")
        return base

    def load_notes(self, config: TextConfig, base: BaseText,
                   claimed: dict[str, tuple[Path, int]]) -> tuple[Note, ...]:
        """Load, anchor and number the notes of one text."""
        notes = []
        crowding: dict[str, list[tuple[int, int]]] = {}
        for note_id, source in self.claimed_files(config.notes, "note", "annotation", claimed):
            meta = source.meta
            target = meta.get("target")
            if not isinstance(target, LocatedDict) or "exact" not in target or "paragraph" not in target:
                continue
            quote = _quote(target)
            span = self.resolve_quote(quote, base, source.path, target.line_of("exact"))
            if span is None or not source.valid:
                continue
            if self._crowded(span, crowding):
                self.add(source.path, target.line_of("exact"),
                         f"more than {MAX_NOTES_ON_WORDS} notes on the same words: '{quote.exact[:60]}'",
                         "merge the notes on these words into one, or anchor each to the words it is about",
                         rule="quote-crowded")
                continue
            notes.append(Note(
                id=note_id, text_id=config.id, title=" ".join(str(meta.get("title") or f"“{quote.exact}”").split()),
                quote=quote, type=meta["type"], verdict=meta.get("verdict"),
                authors=tuple(Author(a["name"], a.get("url", ""), a.get("orcid", "")) for a in meta["authors"]),
                date=meta["date"], sources=citations_in(meta.get("sources")), body=source.body, path=source.path,
                body_line=source.body_line, span=span, dates=_dates(meta),
                finding=" ".join(str(meta.get("finding") or "").split()),
            ))
        # Reading order: block, then where the marker goes (quotation end), then start; ties by id,
        # so two notes on the same words always come out in the same order.
        notes.sort(key=lambda note: (base.block_order(note.span.block), note.span.end, note.span.start, note.id))
        return tuple(note._replace(number=index) for index, note in enumerate(notes, start=1))

    @staticmethod
    def _crowded(span: Span, crowding: dict[str, list[tuple[int, int]]]) -> bool:
        """Whether `MAX_NOTES_ON_WORDS` notes already kept cover some word of `span`; if not, it is
        kept. The highlights of overlapping notes nest, one inside the other, on the page: a
        thousand notes on the same words nested a thousand deep and ended the build in a
        RecursionError. Notes are taken in the order of their files' names."""
        kept = crowding.setdefault(span.block, [])
        points = [span.start] + [start for start, _ in kept if span.start < start < span.end]
        for point in points:
            if sum(1 for start, end in kept if start <= point < end) >= MAX_NOTES_ON_WORDS:
                return True
        kept.append((span.start, span.end))
        return False

    def load_mentions(self, config: TextConfig, base: BaseText, entries: dict[str, GlossaryEntry],
                      known: dict[str, tuple[Path, int]]) -> tuple[tuple[Mention, ...], dict[str, Problem]] | None:
        """The text's mentions in reading order, and the problems of mentions whose entry id is
        unknown by the entry it was probably meant for; None if the file is unusable."""
        path = config.mentions
        raw = self.read(path, "mentions")
        if raw is None:
            if path in self.missing:
                self.add(path, 1, f"mentions file not found: '{path.name}'", "create it (it may be an empty list: [])",
                         rule="mentions-missing")
            return None
        try:
            parsed = load_yaml(raw)
        except Located as error:
            self.problems.add_located(path, error)
            return None
        data = parsed.value if parsed.value is not None else LocatedList()
        for key, line in parsed.duplicate_keys:
            self.add(path, line, f"duplicate key in a mention: '{key}'", "keep one of them", rule="yaml-duplicate-key")
        for problem in schemas.check("mentions", data, whole="the mentions file", item="mention"):
            self.add(path, problem.line, problem.message, problem.hint, rule=problem.rule)
        check_strings(data, self.problems, path)
        if not isinstance(data, LocatedList):
            return None
        mentions = []
        meant: dict[str, Problem] = {}
        for index, item in enumerate(data):
            if not isinstance(item, LocatedDict) or not {"paragraph", "exact", "entry"} <= set(item):
                continue
            line = data.line_of(index)
            entry_id = str(item["entry"])
            if entry_id not in known:
                hint = did_you_mean(entry_id, known)
                reported = self.add(path, item.line_of("entry"), f"unknown glossary entry: '{entry_id}'",
                                    hint or "add the entry to glossary/ first", rule="mention-unknown-entry")
                if hint:
                    meant.setdefault(hint.split("'")[1], reported)
                continue
            quote = _quote(item)
            span = self.resolve_quote(quote, base, path, line, "mention")
            if span is None or entry_id not in entries:
                continue
            if quote.exact not in entries[entry_id].aliases:
                self.add(path, item.line_of("exact"), f"mention is not one of the aliases of '{entry_id}': "
                                                     f"'{quote.exact}'",
                         f"add it to aliases in {self.problems.relative(entries[entry_id].path)} or quote an alias",
                         rule="mention-not-alias")
            mentions.append(Mention(entry_id, quote, span, path, line))
        mentions.sort(key=lambda m: (base.block_order(m.span.block), m.span.start, m.span.end))
        first: dict[tuple[str, str], Mention] = {}
        for before, after in zip([None, *mentions], mentions, strict=False):
            earlier = first.setdefault((after.span.block, after.entry), after)
            if before and before.span.block == after.span.block and after.span.start < before.span.end:
                self.add(path, after.line, f"mention overlaps the mention on line {before.line}: '{after.quote.exact}'",
                         "mentions cannot overlap; link the shorter or the longer form, not both", rule="mention-overlap")
            elif earlier is not after:
                block = base.block(after.span.block)
                where = block.label if block else after.span.block
                self.add(path, after.line, f"entry already linked in {where} by the mention on line "
                                           f"{earlier.line}: '{after.entry}'",
                         "link only the first mention of an entry in each paragraph", rule="mention-repeated")
        return tuple(mentions), meant

    # ------------------------------------------------------------ the edition as a whole

    def load(self) -> Edition:
        config = self.config
        self.check_changelog()
        text = self.read(config.bibliography, "bibliography")
        if text is None and config.bibliography in self.missing:
            self.add(config.bibliography, 1, f"bibliography not found: '{config.bibliography.name}'",
                     "create it as a JSON array of CSL-JSON items ([] when empty)", rule="bibliography-missing")
        bibliography, problems = load_bibliography(config.bibliography, text or "[]", self.root,
                                                   config.policy.disallowed_domains)
        self.problems.extend(problems)
        # With a missing or unreadable bibliography every citation would look unknown: one
        # mistake, one message.
        self.bibliography_usable = text is not None and not any(p.rule == "bibliography-syntax" for p in problems)
        entries, known = self.load_glossary()
        self.check_entry_references(entries, known)
        texts: list[TextEdition] = []
        claimed_notes: dict[str, tuple[Path, int]] = {}
        notes_by_text: dict[str, dict[str, tuple[Path, int]]] = {}
        meant: dict[str, Problem] = {}
        mentions_usable = True
        for text_config in config.texts:
            base = self.load_text(text_config)
            if base is None:
                continue
            before = set(claimed_notes)
            notes = self.load_notes(text_config, base, claimed_notes)
            notes_by_text[text_config.id] = {k: v for k, v in claimed_notes.items() if k not in before}
            loaded = self.load_mentions(text_config, base, entries, known)
            if loaded is None:
                mentions_usable = False
                mentions: tuple[Mention, ...] = ()
            else:
                mentions, unknown = loaded
                meant.update(unknown)
            texts.append(TextEdition(text_config, base, notes, mentions))
        if mentions_usable:
            # With a broken mentions file every entry would look unmentioned: one mistake, one message.
            entries = self.check_coverage(entries, texts, meant)
        paragraphs = {key for text in texts for key in text.base.keys}
        self.check_bodies(set(known), set(claimed_notes), paragraphs)
        self.check_sources(bibliography)
        self.check_retired(set(claimed_notes))
        self.check_pages(Urls(config, self.url_style.page_url), known, notes_by_text)
        links = self.links
        texts = [text._replace(notes=tuple(note._replace(links=links.get(note.path, ())) for note in text.notes))
                 for text in texts]
        entries = {key: entry._replace(links=links.get(entry.path, ())) for key, entry in entries.items()}
        return Edition(config, tuple(texts), entries, bibliography, tuple(order_problems(self.problems)))


def load_edition(config: EditionConfig, renderer: MarkdownRenderer | None = None, *,
                 docs_dir: Path | None = None, url_style: UrlStyle | None = None) -> Edition:
    """Load and validate everything the configuration names.

    `docs_dir` and `url_style` say where hand-written pages live and how MkDocs names output
    files; by default they are read from the mkdocs.yml beside edition.yml.
    """
    if docs_dir is None or url_style is None:
        found_docs, found_style = mkdocs_settings(config)
        docs_dir = docs_dir or found_docs
        url_style = url_style or found_style
    return _Loader(config, renderer, docs_dir, url_style).load()

