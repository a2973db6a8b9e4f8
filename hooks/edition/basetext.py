"""The base text: a transcript parsed into a headline, an optional preamble and paragraphs.

A transcript is plain text, its blocks separated by blank lines (a block may run over several
lines): first the headline, then the blocks of the preamble that the text's `preamble:` in
edition.yml names, in that order (a newspaper article's byline and author's note; a speech or
a chapter has none), then the paragraphs, numbered from 1. The headline may be written plainly,
as a Markdown heading (`# Title`), or in the export form `## **Title**`.

The transcript is the authority. Parsing never changes a word: it only removes the
heading markup around the headline and reads Markdown backslash escapes (`\\$` is `$`),
and it records each such normalisation so the About page can list them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Literal, NamedTuple

BlockKind = Literal["headline", "byline", "author-note", "paragraph"]
PreambleKind = Literal["byline", "author-note"]
PREAMBLE_KINDS: tuple[PreambleKind, ...] = ("byline", "author-note")
"""The blocks a text may have between its headline and its first paragraph."""

# A Markdown heading ('# Title'), possibly bold throughout ('## **Title**'); the bold part is
# matched without backtracking: the whole rest of the line, its '**' ends checked by hand.
_HEADING = re.compile(r"(?P<hashes>#{1,6})(?:[ \t]+(?P<rest>.*))?")
# CommonMark: a backslash before ASCII punctuation is an escape for that character.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


class Block(NamedTuple):
    """One block of the base text as a reader sees it."""

    key: str
    """Stable name used by targets: 'headline', 'byline', 'author-note' or the paragraph number."""
    kind: BlockKind
    """What the block is."""
    number: int | None
    """Paragraph number (1-based) for body paragraphs, else None."""
    text: str
    """The block's text, normalised (escapes read), exactly as the edition prints it."""
    line: int
    """Line of the block in the transcript file."""

    @property
    def label(self) -> str:
        """How the edition names the block to readers: '¶4', 'the byline'."""
        if self.number is not None:
            return f"¶{self.number}"
        return {"headline": "the headline", "byline": "the byline",
                "author-note": "the author's note"}[self.kind]


class Normalisation(NamedTuple):
    """A change between the transcript's characters and the printed text."""

    line: int
    """Line in the transcript."""
    description: str
    """What was done, for the About page."""


class BaseText(NamedTuple):
    """A parsed transcript."""

    path: Path
    """The transcript file."""
    sha256: str
    """SHA-256 of the file's bytes."""
    blocks: tuple[Block, ...]
    """Headline, byline, author's note, then the paragraphs, in reading order."""
    normalisations: tuple[Normalisation, ...]
    """Every normalisation applied."""

    @property
    def headline(self) -> Block:
        return self.blocks[0]

    @property
    def byline(self) -> Block | None:
        return self.block("byline")

    @property
    def author_note(self) -> Block | None:
        return self.block("author-note")

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.kind == "paragraph")

    def block(self, key: str | int) -> Block | None:
        """The block with this key ('headline', 'author-note', '4' or 4), or None."""
        key = str(key)
        return next((block for block in self.blocks if block.key == key), None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(block.key for block in self.blocks)

    def block_order(self, key: str) -> int:
        return self.keys.index(key)

    def plain_text(self) -> str:
        """All blocks joined by blank lines: what the fidelity test compares with."""
        return "\n\n".join(block.text for block in self.blocks)


class BaseTextError(Exception):
    """A transcript that does not have the expected shape."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _headline(lines: list[str]) -> tuple[str, str]:
    """The headline's text, and the markup removed from around it ('' if none): '## **…**'."""
    text = " ".join(part.strip() for part in lines)
    match = _HEADING.fullmatch(text)
    if not match:
        return text, ""
    hashes = match["hashes"]
    title = (match["rest"] or "").strip().rstrip("#").strip()
    if len(title) >= 4 and title.startswith("**") and title.endswith("**"):
        return title[2:-2].strip(), f"{hashes} **…**"
    return title, f"{hashes} …"


def parse_transcript(path: Path, raw: str, preamble: tuple[str, ...] = ()) -> BaseText:
    """Parse a transcript (its text, read from `path`) whose headline is followed by the blocks
    `preamble` names (each 'byline' or 'author-note'), then the paragraphs."""
    groups: list[tuple[int, list[str]]] = []
    for number, content in enumerate(raw.splitlines(), start=1):
        if not content.strip():
            continue
        if groups and groups[-1][0] + len(groups[-1][1]) == number:
            groups[-1][1].append(content)
        else:
            groups.append((number, [content]))
    needed = ["a headline", *(("a byline" if kind == "byline" else "an author's note") for kind in preamble),
              "at least one paragraph"]
    if len(groups) < len(needed):
        described = ", ".join(needed[:-1]) + " and " + needed[-1]
        raise BaseTextError(1, f"the transcript needs {described}, separated by blank lines; "
                               f"found {len(groups)} block(s)")
    normalisations: list[Normalisation] = []
    headline_line, headline_lines = groups[0]
    title, markup = _headline(headline_lines)
    if not title:
        raise BaseTextError(headline_line, f"the headline is empty: '{headline_lines[0]}'")
    if markup:
        normalisations.append(Normalisation(headline_line, f"export markup '{markup}' around the headline removed"))
    blocks = [Block("headline", "headline", None, title, headline_line)]
    kinds: list[tuple[str, BlockKind]] = [(kind, kind) for kind in preamble]  # type: ignore[misc]
    for index, (line, lines) in enumerate(groups[1:]):
        text = " ".join(part.strip() for part in lines)
        escapes = _ESCAPE.findall(text)
        if escapes:
            for char in sorted(set(escapes)):
                times = escapes.count(char)
                normalisations.append(Normalisation(
                    line, f"Markdown escape '\\{char}' read as '{char}'"
                    + (f" ({times} times)" if times > 1 else "")))
            text = _ESCAPE.sub(r"\1", text)
        if index < len(kinds):
            key, kind = kinds[index]
            blocks.append(Block(key, kind, None, text, line))
        else:
            number = index - len(kinds) + 1
            blocks.append(Block(str(number), "paragraph", number, text, line))
    return BaseText(path, hashlib.sha256(raw.encode("utf-8")).hexdigest(), tuple(blocks), tuple(normalisations))
