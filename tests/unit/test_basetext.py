"""Parsing a transcript: blocks, line numbers, escapes read and every normalisation recorded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from edition.basetext import BaseText, BaseTextError, Normalisation, parse_transcript
from edition_testing import TRANSCRIPT, transcript_text


def parse(path: Path) -> BaseText:
    """A transcript parsed from its file, as the loader reads it (UTF-8 bytes, newlines kept)."""
    return parse_transcript(path, path.read_bytes().decode("utf-8"), ("byline", "author-note"))

TRANSCRIPT_TEXT = """\
## **A Harbour Story**



Ada Quill | The Harbour Gazette | March 03, 2021 https://example.org/a

The writer is invented.

First paragraph, which
wraps over two lines.

Second costs \\$3 and \\$4 \\*not emphasis\\* and keeps \\d and a \\\\ backslash.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "source.txt"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_blocks_keys_kinds_lines_and_text(tmp_path: Path):
    base = parse(write(tmp_path, TRANSCRIPT_TEXT))
    assert [(b.key, b.kind, b.number, b.line) for b in base.blocks] == [
        ("headline", "headline", None, 1), ("byline", "byline", None, 5), ("author-note", "author-note", None, 7),
        ("1", "paragraph", 1, 9), ("2", "paragraph", 2, 12)]
    assert base.headline.text == "A Harbour Story"
    assert base.byline.text == "Ada Quill | The Harbour Gazette | March 03, 2021 https://example.org/a"
    assert base.author_note.text == "The writer is invented."
    # Lines of one block are joined with one space; nothing else changes.
    assert base.block(1).text == "First paragraph, which wraps over two lines."
    assert base.block("2").text == "Second costs $3 and $4 *not emphasis* and keeps \\d and a \\ backslash."
    assert [b.label for b in base.blocks] == ["the headline", "the byline", "the author's note", "¶1", "¶2"]
    assert base.paragraphs == base.blocks[3:]
    assert base.keys == ("headline", "byline", "author-note", "1", "2")
    assert base.block("3") is None and base.block("preface") is None
    assert base.block_order("1") == 3


def test_every_normalisation_is_recorded_with_its_line(tmp_path: Path):
    base = parse(write(tmp_path, TRANSCRIPT_TEXT))
    assert base.normalisations == (
        Normalisation(1, "export markup '## **…**' around the headline removed"),
        Normalisation(12, "Markdown escape '\\$' read as '$' (2 times)"),
        Normalisation(12, "Markdown escape '\\*' read as '*' (2 times)"),
        Normalisation(12, "Markdown escape '\\\\' read as '\\'"),
    )


def test_checksum_is_of_the_file_bytes(tmp_path: Path):
    path = write(tmp_path, TRANSCRIPT_TEXT)
    assert parse(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_plain_text_joins_blocks_with_blank_lines(tmp_path: Path):
    base = parse(write(tmp_path, TRANSCRIPT_TEXT))
    assert base.plain_text().split("\n\n") == [block.text for block in base.blocks]


def test_crlf_transcript_parses_like_lf(tmp_path: Path):
    lf = parse(write(tmp_path, TRANSCRIPT_TEXT))
    crlf_path = tmp_path / "crlf.txt"
    crlf_path.write_bytes(TRANSCRIPT_TEXT.replace("\n", "\r\n").encode("utf-8"))
    crlf = parse(crlf_path)
    assert [(b.key, b.text, b.line) for b in crlf.blocks] == [(b.key, b.text, b.line) for b in lf.blocks]


def test_the_real_transcript_matches_the_independent_reading():
    """The parser and the fidelity test's own reading of the export format agree."""
    base = parse(TRANSCRIPT)
    assert base.plain_text() == transcript_text(TRANSCRIPT.read_text(encoding="utf-8"))
    assert len(base.paragraphs) == 9
    assert [n.description for n in base.normalisations] == [
        "export markup '## **…**' around the headline removed", "Markdown escape '\\$' read as '$'"]


@pytest.mark.parametrize(("text", "line", "message"), [
    ("##\n\nBy\n\nNote\n\nP1\n", 1, "the headline is empty: '##'"),
    ("\n\n\n## ****\n\nBy\n\nNote\n\nP1\n", 4, "the headline is empty: '## ****'"),
    ("## **Title**\n\nBy\n\nNote\n", 1, "the transcript needs a headline, a byline, an author's note and at least "
                                        "one paragraph, separated by blank lines; found 3 block(s)"),
    ("", 1, "the transcript needs a headline, a byline, an author's note and at least one paragraph, separated by "
            "blank lines; found 0 block(s)"),
])
def test_malformed_transcripts_are_located(tmp_path: Path, text: str, line: int, message: str):
    with pytest.raises(BaseTextError) as raised:
        parse(write(tmp_path, text))
    assert (raised.value.line, raised.value.message) == (line, message)


# ---------------------------------------------------------------- texts other than newspaper articles

SPEECH = "# A Speech at the Harbour\n\nFriends, we are met here.\n\nWe cannot dedicate this rock.\n"


def test_a_text_without_preamble_has_only_a_headline_and_paragraphs(tmp_path: Path):
    base = parse_transcript(tmp_path / "s.txt", SPEECH)
    assert [(b.key, b.kind) for b in base.blocks] == [("headline", "headline"), ("1", "paragraph"), ("2", "paragraph")]
    assert base.byline is None and base.author_note is None
    assert base.headline.text == "A Speech at the Harbour"
    assert base.normalisations == (Normalisation(1, "export markup '# …' around the headline removed"),)


def test_a_plain_headline_is_kept_as_written(tmp_path: Path):
    base = parse_transcript(tmp_path / "s.txt", "The Harbour Speech\n\nFriends.\n")
    assert base.headline.text == "The Harbour Speech" and base.normalisations == ()


def test_a_preamble_of_a_byline_only(tmp_path: Path):
    base = parse_transcript(tmp_path / "s.txt", "Title\n\nBy Ada Quill\n\nFirst.\n\nSecond.\n", ("byline",))
    assert base.keys == ("headline", "byline", "1", "2")
    assert base.author_note is None


def test_too_few_blocks_for_the_declared_preamble_says_what_is_needed(tmp_path: Path):
    with pytest.raises(BaseTextError) as raised:
        parse_transcript(tmp_path / "s.txt", "Title\n\nBy Ada Quill\n", ("byline", "author-note"))
    assert raised.value.message == ("the transcript needs a headline, a byline, an author's note and at least "
                                    "one paragraph, separated by blank lines; found 2 block(s)")
