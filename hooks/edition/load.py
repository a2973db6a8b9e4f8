"""Load an edition from its sources and validate every cross-reference.

`load_edition` never stops at the first problem and never writes: it returns whatever it
could load plus the full list of problems, each located to a file and line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Iterator

from .anchoring import Span, context_hint, occurrences, quotation_hint
from .basetext import BaseText, BaseTextError, parse_transcript
from .config import EditionConfig, TextConfig
from .frontmatter import LocatedDict, LocatedList, YamlError, load_yaml, read_text
from .markup import MarkdownRenderer, link_token
from .model import Background, Edition, GlossaryEntry, Mention, Note, Quote, TextEdition
from .problems import ProblemList, did_you_mean
from . import schemas
from .bibliography import Bibliography, Citation, check_citations, citation_from_yaml, load_bibliography
from .records import Author, DatedEvent
from .sources import SourceFile, load_source_file

BLOCK_NAMES = ("headline", "byline", "author-note")


def source_files(folder: Path) -> list[Path]:
    """The Markdown sources in a folder, in name order; `_*.md` (templates) are skipped."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*.md") if not path.name.startswith("_"))


def _block_key(value: Any) -> str:
    return str(value).strip().lower() if isinstance(value, str) else str(value)


def resolve_quote(quote: Quote, base: BaseText, problems: ProblemList, path: Path, line: int,
                  what: str = "quotation") -> Span | None:
    """Resolve a quotation against its block, adding a problem when it fails."""
    block = base.block(quote.block)
    if block is None:
        count = len(base.paragraphs)
        problems.add(path, line, f"target paragraph out of range: '{quote.block}'",
                     f"the text has paragraphs 1–{count}, or {', '.join(BLOCK_NAMES)}")
        return None
    found = occurrences(block.text, quote.exact, quote.prefix, quote.suffix)
    if len(found) == 1:
        return Span(block.key, found[0], found[0] + len(quote.exact))
    if not found:
        elsewhere = [other.label for other in base.blocks
                     if other.key != block.key and occurrences(other.text, quote.exact, quote.prefix, quote.suffix)]
        if (quote.prefix or quote.suffix) and quote.exact in block.text:
            problems.add(path, line, f"{what} not found in {block.label} with the given prefix/suffix: "
                                     f"'{quote.exact}'", context_hint(block.text, quote.exact))
        else:
            problems.add(path, line, f"{what} not found in {block.label}: '{quote.exact}'",
                         quotation_hint(block.text, quote.exact, elsewhere))
        return None
    problems.add(path, line, f"{what} occurs {len(found)} times in {block.label}: '{quote.exact}'",
                 "add a prefix or suffix (the words just before or after it) to pick one")
    return None


def _quote(target: LocatedDict) -> Quote:
    return Quote(_block_key(target.get("paragraph")), str(target.get("exact", "")),
                 str(target.get("prefix", "") or ""), str(target.get("suffix", "") or ""))


def _citations(items: Any) -> tuple[Citation, ...]:
    if not isinstance(items, LocatedList):
        return ()
    found = (citation_from_yaml(item, items.line_of(index)) for index, item in enumerate(items))
    return tuple(citation for citation in found if citation is not None)


def _dates(meta: LocatedDict) -> tuple[DatedEvent, ...]:
    return tuple(DatedEvent(item["date"], item["label"], meta["dates"].line_of(index), bool(item.get("in_text")))
                 for index, item in enumerate(meta.get("dates") or []))


def load_text(config: TextConfig, problems: ProblemList) -> BaseText | None:
    """Parse a transcript after checking it against its recorded checksum."""
    if not config.source.is_file():
        problems.add(config.source, 1, f"base text not found: '{config.source}'",
                     "copy the transcript into the project; see edition.yml")
        return None
    try:
        base = parse_transcript(config.source)
    except BaseTextError as error:
        problems.add(config.source, error.line, error.message)
        return None
    if base.sha256 != config.sha256:
        problems.add(config.source, 1, f"the base text differs from the transcript (SHA-256 {base.sha256[:12]}…, "
                                       f"recorded {config.sha256[:12]}…): '{config.source.name}'",
                     "never edit the author's text: restore it with 'git checkout -- "
                     f"{problems.relative(config.source)}' and put disagreements in a note")
    return base


def _claimed_files(folder: Path, schema: str, kind: str, claimed: dict[str, Path],
                   parsed: list[SourceFile], problems: ProblemList) -> Iterator[tuple[str, SourceFile]]:
    """Parse each source file of a folder and claim its id, reporting a mismatch with the file
    name or a duplicate; yields (id, file) for the files whose id is theirs. Every file's id
    goes into `claimed` (so references to a broken file are not also "unknown"), every parsed file
    into `parsed`."""
    for path in source_files(folder):
        source = load_source_file(path, schema, problems)
        if source is None:
            claimed.setdefault(path.stem, path)
            continue
        parsed.append(source)
        meta = source.meta
        claimed_id = str(meta.get("id", path.stem))
        if claimed_id != path.stem and "id" in meta:
            problems.add(path, meta.line_of("id"), f"id does not match the file name '{path.stem}.md': '{claimed_id}'",
                         f"rename the file to '{claimed_id}.md' or set id: {path.stem}")
        if claimed_id in claimed:
            problems.add(path, meta.line_of("id"), f"duplicate {kind} id: '{claimed_id}'",
                         f"also used by {problems.relative(claimed[claimed_id])}")
            continue
        claimed[claimed_id] = path
        yield claimed_id, source


def load_glossary(folder: Path, problems: ProblemList,
                  parsed: list[SourceFile]) -> tuple[dict[str, GlossaryEntry], set[str]]:
    """Entries that validated, and the ids of every entry file (valid or not).

    Every file that parsed, valid or not, is appended to `parsed` so its body is checked too.
    """
    entries: dict[str, GlossaryEntry] = {}
    known: dict[str, Path] = {}
    for entry_id, source in _claimed_files(folder, "glossary-entry", "glossary", known, parsed, problems):
        if not source.valid:
            continue
        path, meta = source.path, source.meta
        background = meta.get("background")
        entries[entry_id] = GlossaryEntry(
            id=entry_id, title=meta["title"], kind=meta["kind"], type=meta["type"],
            aliases=tuple(meta.get("aliases") or ()), summary=" ".join(str(meta["summary"]).split()),
            dates=_dates(meta),
            parties=tuple(meta.get("parties") or ()), related=tuple(meta.get("related") or ()),
            sources=_citations(meta.get("sources")), wikidata=str(meta.get("wikidata", "")),
            background=Background(_block_key(background["paragraph"]), background["sentence"],
                                  meta.line_of("background")) if background else None,
            body=source.body, path=path, body_line=source.body_line,
            field_lines=dict(meta.key_lines),
        )
    return entries, set(known)


def _check_entry_references(entries: dict[str, GlossaryEntry], known: set[str], problems: ProblemList) -> None:
    aliases: dict[str, GlossaryEntry] = {}
    for entry in entries.values():
        for alias in entry.aliases:
            owner = aliases.setdefault(alias, entry)
            if owner is not entry:
                problems.add(entry.path, entry.field_lines.get("aliases", 1),
                             f"alias claimed by two entries: '{alias}'",
                             f"also claimed by {problems.relative(owner.path)}: keep it in one entry")
        for field in ("parties", "related"):
            for value in getattr(entry, field):
                line = entry.field_lines.get(field, 1)
                if value not in known:
                    problems.add(entry.path, line, f"unknown glossary entry in {field}: '{value}'",
                                 did_you_mean(value, known) or "add the entry to glossary/ first")
                elif field == "parties" and value in entries and entries[value].kind != "actor":
                    problems.add(entry.path, line, f"parties must be actors, but this is an {entries[value].kind}: "
                                                   f"'{value}'", "list the actors that signed or joined it")


def load_notes(text: TextEdition, problems: ProblemList, seen: dict[str, Path],
               parsed: list[SourceFile]) -> None:
    """Load, anchor and number the notes of one text (parsed files are appended to `parsed`)."""
    notes = []
    for note_id, source in _claimed_files(text.config.notes, "annotation", "note", seen, parsed, problems):
        path, meta = source.path, source.meta
        target = meta.get("target")
        if not isinstance(target, LocatedDict) or "exact" not in target or "paragraph" not in target:
            continue
        quote = _quote(target)
        span = resolve_quote(quote, text.base, problems, path, target.line_of("exact"))
        if span is None or not source.valid:
            continue
        notes.append(Note(
            id=note_id, text_id=text.config.id, title=str(meta.get("title") or quote.exact), quote=quote, type=meta["type"], verdict=meta.get("verdict"),
            authors=tuple(Author(a["name"], a.get("url", ""), a.get("orcid", "")) for a in meta["authors"]),
            date=meta["date"], sources=_citations(meta.get("sources")), body=source.body, path=path,
            body_line=source.body_line, span=span, dates=_dates(meta),
        ))
    # Reading order: block, then where the marker goes (quotation end), then start; ties by id,
    # so two notes on the same words always come out in the same order.
    notes.sort(key=lambda note: (text.base.block_order(note.span.block), note.span.end, note.span.start, note.id))
    text.notes = [note._replace(number=index) for index, note in enumerate(notes, start=1)]


def load_mentions(text: TextEdition, entries: dict[str, GlossaryEntry], known: set[str],
                  problems: ProblemList) -> bool:
    """Load the text's mention list and anchor each mention; False if the file is unusable."""
    path = text.config.mentions
    if not path.is_file():
        problems.add(path, 1, f"mentions file not found: '{path.name}'", "create it (it may be an empty list: [])")
        return False
    try:
        data = load_yaml(read_text(path)).value
    except YamlError as error:
        problems.add(path, error.line, f"malformed YAML: {error.message}",
                     "each line is '- {paragraph: 4, exact: Moscow, entry: russia}'")
        return False
    data = data if data is not None else LocatedList()
    for problem in schemas.check("mentions", data, whole="the mentions file", item="mention"):
        problems.add(path, problem.line, problem.message, problem.hint)
    if not isinstance(data, LocatedList):
        return False
    mentions = []
    for index, item in enumerate(data):
        if not isinstance(item, LocatedDict) or not {"paragraph", "exact", "entry"} <= set(item):
            continue
        line = data.line_of(index)
        entry_id = str(item["entry"])
        if entry_id not in known:
            problems.add(path, item.line_of("entry"), f"unknown glossary entry: '{entry_id}'",
                         did_you_mean(entry_id, known) or "add the entry to glossary/ first")
            continue
        quote = _quote(item)
        span = resolve_quote(quote, text.base, problems, path, line, "mention")
        if span is None or entry_id not in entries:
            continue
        if quote.exact not in entries[entry_id].aliases:
            problems.add(path, item.line_of("exact"), f"mention is not one of the aliases of '{entry_id}': "
                                                     f"'{quote.exact}'",
                         f"add it to aliases in {problems.relative(entries[entry_id].path)} or quote an alias")
        mentions.append(Mention(entry_id, quote, span, path, line))
    mentions.sort(key=lambda m: (text.base.block_order(m.span.block), m.span.start, m.span.end))
    first: dict[tuple[str, str], Mention] = {}
    for before, after in zip([None, *mentions], mentions):
        earlier = first.setdefault((after.span.block, after.entry), after)
        if before and before.span.block == after.span.block and after.span.start < before.span.end:
            problems.add(path, after.line, f"mention overlaps the mention on line {before.line}: '{after.quote.exact}'",
                         "mentions cannot overlap; link the shorter or the longer form, not both")
        elif earlier is not after:
            block = text.base.block(after.span.block)
            problems.add(path, after.line, f"entry already linked in {block.label} by the mention on line "
                                           f"{earlier.line}: '{after.entry}'",
                         "link only the first mention of an entry in each paragraph")
    text.mentions = mentions
    return True


def _check_coverage(edition: Edition, problems: ProblemList) -> None:
    """Every entry is mentioned somewhere, or says which sentence it is background to."""
    mentioned = {mention.entry for text in edition.texts for mention in text.mentions}
    for entry in edition.glossary.values():
        if entry.background:
            # The sentence must be in one of the texts; report against the first if in none.
            quote = Quote(entry.background.block, entry.background.sentence)
            bases = [text.base for text in edition.texts]
            if bases and not any(len(occurrences(b.block(quote.block).text, quote.exact)) == 1
                                 for b in bases if b.block(quote.block)):
                resolve_quote(quote, bases[0], problems, entry.path, entry.background.line, "background sentence")
        elif entry.id not in mentioned:
            problems.add(entry.path, entry.field_lines.get("id", 1), f"entry is mentioned nowhere in the text: "
                                                                     f"'{entry.id}'",
                         "mark a mention in the text's mentions.yml, or add background: {paragraph, sentence} "
                         "naming the sentence it explains")


def check_bodies(edition: Edition, problems: ProblemList, renderer: MarkdownRenderer,
                 entry_ids: set[str], note_ids: set[str], parsed: list[SourceFile]) -> None:
    """Render every body once in check mode so unknown internal links are reported.

    `entry_ids` and `note_ids` name every source file, valid or not: a link to a file that has
    problems of its own is not also reported as a link to nothing.
    """
    paragraphs = {key for text in edition.texts for key in text.base.keys}
    candidates = {"glossary": entry_ids, "note": note_ids, "para": paragraphs}

    def exists(scheme: str, target: str) -> str | None:
        return link_token(scheme, target) if target in candidates[scheme] else None

    for item in parsed:
        result = renderer.render(item.body, exists)
        edition.rendered[item.body] = result.html
        for problem in result.problems:
            hint = problem.hint
            if problem.unknown_target:
                scheme, target = problem.unknown_target
                hint = did_you_mean(target, candidates[scheme])
            problems.add(item.path, item.body_line + problem.line - 1, problem.message, hint)


def _check_changelog(config: EditionConfig, problems: ProblemList) -> None:
    """The version in edition.yml is the newest release in CHANGELOG.md."""
    path, found = config.changelog, config.releases
    if not found:
        problems.add(path, 1, "no release heading like '## 1.0.0 — 2026-11-26' in the changelog: "
                              f"'{path.name}'", "add one for the version in edition.yml")
    elif found[0].version != config.version:
        problems.add(path, found[0].line, f"newest changelog version differs from edition.yml's version "
                                          f"'{config.version}': '{found[0].version}'",
                     "add a changelog entry for the new version, or correct edition.yml")


def _check_sources(edition: Edition, parsed: list[SourceFile], problems: ProblemList) -> None:
    """Citations resolve; every bibliography item is cited; bodies keep to the word limits."""
    bibliography = edition.bibliography
    policy = edition.config.policy
    cited: set[str] = set()
    for item in parsed:
        citations = _citations(item.meta.get("sources"))
        cited.update(citation.key for citation in citations)
        if bibliography is not None:
            check_citations(citations, bibliography, item.path, problems, policy.require_evidence)
        note_type = item.meta.get("type") if "target" in item.meta else None
        limit = policy.word_limits.get(str(note_type)) if note_type else policy.word_limits.get("glossary-entry")
        if limit:
            words = len(re.sub(r"\]\([^)]*\)", "]", item.body).split())
            if words > limit:
                problems.add(item.path, item.body_line, f"{'note' if note_type else 'entry'} body is longer than "
                             f"the {limit} words allowed for {note_type or 'a glossary entry'}: '{words} words'",
                             "keep to the claim and its evidence; move background to a glossary entry",
                             rule="note-too-long")
    if bibliography is not None:
        for reference in bibliography.references.values():
            if reference.id not in cited:
                problems.add(bibliography.path, reference.line, f"bibliography item cited nowhere: '{reference.id}'",
                             "cite it from a note or entry, or remove it", rule="bibliography-unused")


def load_edition(config: EditionConfig, renderer: MarkdownRenderer | None = None) -> Edition:
    """Load and validate everything the configuration names."""
    problems = ProblemList(config.root)
    _check_changelog(config, problems)
    try:
        bibliography_text: str | None = read_text(config.bibliography)
    except FileNotFoundError:
        bibliography_text = None
    bibliography = load_bibliography(config.bibliography, bibliography_text, problems,
                                     config.policy.disallowed_domains)
    parsed: list[SourceFile] = []
    entries, known = load_glossary(config.glossary, problems, parsed)
    _check_entry_references(entries, known, problems)
    edition = Edition(config, [], entries, problems, bibliography)
    seen_notes: dict[str, Path] = {}
    mentions_usable = True
    for text_config in config.texts:
        base = load_text(text_config, problems)
        if base is None:
            continue
        text = TextEdition(text_config, base, [], [])
        load_notes(text, problems, seen_notes, parsed)
        mentions_usable = load_mentions(text, entries, known, problems) and mentions_usable
        edition.texts.append(text)
    if mentions_usable:
        # With a broken mentions file every entry would look unmentioned: one mistake, one message.
        _check_coverage(edition, problems)
    check_bodies(edition, problems, renderer or MarkdownRenderer(), known, set(seen_notes), parsed)
    _check_sources(edition, parsed, problems)
    problems.sort()
    return edition
