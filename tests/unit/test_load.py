"""`load_edition` on tiny editions in tmp_path: every validation rule, its exact message and line.

Each case starts from the clean tiny edition (tests/unit/tiny_edition.py), breaks one
thing, and compares the complete list of problems, as printed ('path:line: message (hint)'),
so that a rule which also produces unrelated follow-on messages fails too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

import pytest

from edition.config import load_config
from edition.load import load_edition
from edition_testing import ROOT

from .tiny_edition import ENTRIES, MENTIONS, NOTES, SECOND_MENTIONS, SECOND_NOTES, SPRING, TRANSCRIPT, TinyEdition

SOUTHLAND, ACCORD, OIL = ENTRIES["southland"], ENTRIES["lighthouse-accord"], NOTES["p2-oil"]
SOURCE_URL = "    url: https://example.org/gazette/accord\n"
NOWHERE_HINT = ("mark a mention in the text's mentions.yml, or add background: {paragraph, sentence} naming the "
                "words it explains")
YAML_HINT = "check indentation and quoting; values containing ': ' need quotes"



def spring(content: str) -> Callable[[TinyEdition], object]:
    return lambda edition: edition.write("texts/lighthouse/notes/p3-spring.md", content)


def oil(content: str) -> Callable[[TinyEdition], object]:
    return lambda edition: edition.write("texts/lighthouse/notes/p2-oil.md", content)


def southland(content: str) -> Callable[[TinyEdition], object]:
    return lambda edition: edition.write("glossary/southland.md", content)


def mentions(content: str) -> Callable[[TinyEdition], object]:
    return lambda edition: edition.write("texts/lighthouse/mentions.yml", content)


def without_southland_mention(edition: TinyEdition) -> None:
    edition.write("texts/lighthouse/mentions.yml", MENTIONS.replace("- {paragraph: 1, exact: Southland, entry: southland}\n", ""))


def southland_background(paragraph: int, sentence: str) -> Callable[[TinyEdition], object]:
    def change(edition: TinyEdition) -> None:
        without_southland_mention(edition)
        edition.write("glossary/southland.md", SOUTHLAND.replace(
            "sources:", f"background:\n  paragraph: {paragraph}\n  sentence: {sentence}\nsources:"))
    return change


def test_clean_edition_has_no_problems(tmp_path: Path):
    edition = TinyEdition(tmp_path)
    loaded = edition.load()
    assert loaded.problems == ()
    assert [note.id for note in loaded.texts[0].notes] == ["p1-signing", "p2-oil"]
    assert sorted(loaded.glossary) == ["lighthouse-accord", "northland", "southland"]


def test_clean_two_text_edition_has_no_problems(tmp_path: Path):
    edition = TinyEdition(tmp_path, second_text=True)
    loaded = edition.load()
    assert loaded.problems == ()
    assert [text.config.id for text in loaded.texts] == ["lighthouse", "keepers"]
    assert [note.id for note in loaded.texts[1].notes] == ["keepers-three-winters"]
    assert [mention.entry for mention in loaded.texts[1].mentions] == ["southland", "lighthouse-accord", "northland"]


def test_a_valid_extra_fact_check_is_clean(tmp_path: Path):
    edition = TinyEdition(tmp_path)
    spring(SPRING)(edition)
    assert edition.problems() == []


CASES = [
    # ---------------------------------------------------------------- references
    pytest.param(mentions(MENTIONS + "- {paragraph: 2, exact: Southland, entry: southlnd}\n"),
                 ["texts/lighthouse/mentions.yml:4: unknown glossary entry: 'southlnd' (did you mean 'southland'?)"],
                 id="unknown entry referenced from the text"),
    pytest.param(southland(SOUTHLAND.replace("sources:", "related: [northlnd, nowhere]\nsources:")),
                 ["glossary/southland.md:9: unknown glossary entry in related: 'northlnd' (did you mean 'northland'?)",
                  "glossary/southland.md:9: unknown glossary entry in related: 'nowhere' "
                  "(add the entry to glossary/ first)"],
                 id="unknown entry referenced from another entry"),
    pytest.param(lambda e: e.write("glossary/lighthouse-accord.md",
                                   ACCORD.replace("[northland, southland]", "[northland, southlandd]")),
                 ["glossary/lighthouse-accord.md:12: unknown glossary entry in parties: 'southlandd' "
                  "(did you mean 'southland'?)"],
                 id="parties naming an unknown entry"),
    pytest.param(lambda e: e.write("glossary/lighthouse-accord.md",
                                   ACCORD.replace("[northland, southland]", "[northland, lighthouse-accord]")),
                 ["glossary/lighthouse-accord.md:12: an entry cannot be a party to itself: 'lighthouse-accord' "
                  "(remove 'lighthouse-accord' from parties)"],
                 id="agreement party to itself"),
    pytest.param(lambda e: (e.write("glossary/lighthouse-accord.md",
                                    ACCORD.replace("[northland, southland]", "[northland, lamp-tax]")),
                            e.write("glossary/lamp-tax.md", ACCORD.replace("lighthouse-accord", "lamp-tax")
                                    .replace("Lighthouse Accord", "Lamp Tax").replace("type: treaty", "type: agreement")
                                    .replace("- Lamp Tax", "[]").replace("aliases:\n  []", "aliases: []")
                                    .replace("sources:", "background:\n  paragraph: 2\n  sentence: \"for the oil\"\n"
                                             "sources:"))),
                 ["glossary/lighthouse-accord.md:12: parties must be actors, but this is an agreement: "
                  "'lamp-tax' (list the actors that signed or joined it)"],
                 id="parties naming a non-actor"),
    pytest.param(southland(SOUTHLAND.replace("sources:", "related: [southland, northland, northland]\nsources:")),
                 ["glossary/southland.md:9: an entry cannot be related to itself: 'southland' "
                  "(remove 'southland' from related)",
                  "glossary/southland.md:9: listed twice in related: 'northland' (keep one)"],
                 id="related to itself, and twice"),
    pytest.param(southland(SOUTHLAND + "\nSee [the north](glossary:northlan).\n"),
                 ["glossary/southland.md:15: unknown glossary entry in link: 'glossary:northlan' "
                  "(did you mean 'northland'?)"],
                 id="unknown entry linked from a body"),
    pytest.param(oil(OIL + "See [x](note:p1-signin) and [y](para:9).\n"),
                 ["texts/lighthouse/notes/p2-oil.md:12: unknown note in link: 'note:p1-signin' "
                  "(did you mean 'p1-signing'?)",
                  "texts/lighthouse/notes/p2-oil.md:12: unknown paragraph in link: 'para:9'"],
                 id="unknown note and paragraph linked from a body"),
    # ---------------------------------------------------------------- ids
    pytest.param(lambda e: e.write("glossary/a-southland.md", SOUTHLAND),
                 ["glossary/a-southland.md:2: id does not match the file name 'a-southland.md': 'southland' "
                  "(rename the file to 'southland.md' or set id: a-southland)",
                  "glossary/southland.md:2: duplicate glossary id: 'southland' (also used by glossary/a-southland.md)"],
                 id="duplicate glossary id"),
    pytest.param(lambda e: e.write("texts/lighthouse/notes/p2-oil-copy.md", OIL),
                 ["texts/lighthouse/notes/p2-oil-copy.md:2: id does not match the file name 'p2-oil-copy.md': "
                  "'p2-oil' (rename the file to 'p2-oil.md' or set id: p2-oil-copy)",
                  "texts/lighthouse/notes/p2-oil.md:2: duplicate note id: 'p2-oil' "
                  "(also used by texts/lighthouse/notes/p2-oil-copy.md)"],
                 id="duplicate note id"),
    pytest.param(oil(OIL.replace("id: p2-oil", "id: p2-oil-price")),
                 ["texts/lighthouse/notes/p2-oil.md:2: id does not match the file name 'p2-oil.md': 'p2-oil-price' "
                  "(rename the file to 'p2-oil-price.md' or set id: p2-oil)"],
                 id="note id is not the file name"),
    pytest.param(southland(SOUTHLAND.replace("  - Southland\n", "  - Southland\n  - Northland\n")),
                 ["glossary/southland.md:6: alias claimed by two entries: 'Northland' "
                  "(also claimed by glossary/northland.md: keep it in one entry)"],
                 id="alias claimed twice"),
    # ---------------------------------------------------------------- required fields, kinds, types
    pytest.param(southland(SOUTHLAND.replace("summary: An invented southern state that pays for the oil.\n", "")),
                 ["glossary/southland.md:2: missing required field: 'summary'"], id="missing required field"),
    pytest.param(southland(SOUTHLAND.replace("summary: An invented southern state that pays for the oil.",
                                             "summary:")),
                 ["glossary/southland.md:8: empty required field: 'summary'"], id="empty required field"),
    pytest.param(southland(SOUTHLAND.replace("title: Southland", 'title: ""')),
                 ["glossary/southland.md:3: empty required field: 'title'"], id="empty string field"),
    pytest.param(southland(SOUTHLAND.replace("kind: actor", "kind: actr")),
                 ["glossary/southland.md:4: kind is not one of the allowed values: 'actr' (did you mean 'actor'?)"],
                 id="unknown kind"),
    pytest.param(southland(SOUTHLAND.replace("type: state", "type: treaty")),
                 ["glossary/southland.md:5: unknown type for an actor: 'treaty' "
                  "(use one of: person, state, organisation, alliance, armed-group, region)"],
                 id="unknown type"),
    # ---------------------------------------------------------------- YAML and front matter
    pytest.param(southland(SOUTHLAND.replace("title: Southland", "title: [Southland")),
                 ["glossary/southland.md:3: the list opened with '[' on line 3 is not closed on that line: "
                  "'title: [Southland' (close it with ']', and quote items that contain ', ' or ': ')"],
                 id="malformed YAML"),
    pytest.param(oil("Just a body.\n"),
                 ["texts/lighthouse/notes/p2-oil.md:1: the file does not start with a '---' line opening the YAML "
                  "front matter: 'Just a body.' (start the file with a line '---', the fields, then another '---')"],
                 id="missing front matter"),
    pytest.param(oil("---\nid: p2-oil\n"),
                 ["texts/lighthouse/notes/p2-oil.md:1: the YAML front matter opened on line 1 is never closed: '---' "
                  "(add a line '---' after the last field)"],
                 id="unclosed front matter"),
    pytest.param(oil(OIL.replace("type: context", "type: context\ntype: definition")),
                 ["texts/lighthouse/notes/p2-oil.md:7: duplicate field in front matter: 'type' (keep one of them)"],
                 id="duplicate field"),
    # ---------------------------------------------------------------- dates and sources
    pytest.param(southland(SOUTHLAND.replace("sources:", 'dates:\n  - date: "2 May 1911"\n    label: Founded\nsources:')),
                 ["glossary/southland.md:10: date is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD): '2 May 1911'"],
                 id="non-ISO entry date"),
    pytest.param(southland(SOUTHLAND.replace("sources:", 'dates:\n  - date: "1911-02-30"\n    label: Founded\nsources:')),
                 ["glossary/southland.md:10: date is not a real calendar day (day is out of range for month): "
                  "'1911-02-30'"],
                 id="impossible entry date"),
    pytest.param(oil(OIL.replace('"2024-01-02"', '"02/01/2024"')),
                 ["texts/lighthouse/notes/p2-oil.md:9: note date is not an ISO 8601 day (YYYY-MM-DD): '02/01/2024'"],
                 id="non-ISO note date"),
    pytest.param(southland(SOUTHLAND.replace("harbour-gazette-2021-03-03-accord", "harbour-gazette-2021-03-03-acord")),
                 ["glossary/southland.md:10: unknown bibliography key: 'harbour-gazette-2021-03-03-acord' "
                  "(did you mean 'harbour-gazette-2021-03-03-accord'?)"],
                 id="unknown bibliography key"),
    pytest.param(southland(SOUTHLAND.replace('    quote: "The Accord was signed in 1911."\n', "")),
                 ["glossary/southland.md:10: citation gives no supporting sentence: 'harbour-gazette-2021-03-03-accord' "
                  "(add quote: the sentence of the source that supports the statement, copied exactly)"],
                 id="citation without its evidence"),
    pytest.param(southland(SOUTHLAND.replace('    quote: "The Accord was signed in 1911."\n',
                                             '    quote: "The Accord was signed in 1911."\n'
                                             "  - key: harbour-gazette-2021-03-03-accord\n    quote: again\n")),
                 ["glossary/southland.md:12: source cited twice: 'harbour-gazette-2021-03-03-accord' "
                  "(also cited on line 10: keep one citation)"],
                 id="the same source twice"),
    # ---------------------------------------------------------------- coverage
    pytest.param(without_southland_mention,
                 [f"glossary/southland.md:2: entry is mentioned nowhere in the text: 'southland' ({NOWHERE_HINT})"],
                 id="entry mentioned nowhere"),
    pytest.param(southland_background(2, "Southland paid $3 million for the oil."), [],
                 id="background instead of a mention"),
    pytest.param(southland_background(3, "Southland paid $3 million for the oil."),
                 ["glossary/southland.md:9: background sentence not found in ¶3: "
                  "'Southland paid $3 million for the oil.' (it occurs in ¶2: change the target paragraph)"],
                 id="background sentence not found"),
    # ---------------------------------------------------------------- quotations
    pytest.param(oil(OIL.replace("paragraph: 2", "paragraph: 3")),
                 ["texts/lighthouse/notes/p2-oil.md:5: quotation not found in ¶3: '$3 million' "
                  "(it occurs in ¶2: change the target paragraph)"],
                 id="quotation in another paragraph"),
    pytest.param(oil(OIL.replace('"$3 million"', '"$4 million"')),
                 ["texts/lighthouse/notes/p2-oil.md:5: quotation not found in ¶2: '$4 million' "
                  "(did you mean '$3 million'?)"],
                 id="quotation not found"),
    pytest.param(oil(OIL.replace('"$3 million"', "'\\$3 million'")),
                 ["texts/lighthouse/notes/p2-oil.md:5: quotation not found in ¶2: '\\$3 million' "
                  "(write '$' rather than '\\$': quotations match the printed text, not the Markdown export)"],
                 id="quotation with a Markdown escape"),
    pytest.param(oil(OIL.replace('"$3 million"', '"Northland"')),
                 ["texts/lighthouse/notes/p2-oil.md:5: quotation occurs 2 times in ¶2: 'Northland' "
                  "(add a prefix or suffix (the words just before or after it) to pick one)"],
                 id="quotation found twice"),
    pytest.param(oil(OIL.replace('"$3 million"', '"Northland"\n  prefix: "and "')), [],
                 id="quotation disambiguated by prefix"),
    pytest.param(oil(OIL.replace('"$3 million"', '"Northland"\n  suffix: " sent"')), [],
                 id="quotation disambiguated by suffix"),
    pytest.param(oil(OIL.replace("paragraph: 2", "paragraph: 7")),
                 ["texts/lighthouse/notes/p2-oil.md:5: target paragraph out of range: '7' "
                  "(the text has paragraphs 1–3, or headline, byline, author-note)"],
                 id="paragraph out of range"),
    pytest.param(oil(OIL.replace("paragraph: 2", "paragraph: preface")),
                 ["texts/lighthouse/notes/p2-oil.md:5: target paragraph out of range: 'preface' "
                  "(the text has paragraphs 1–3, or headline, byline, author-note)"],
                 id="unknown block name"),
    pytest.param(oil(OIL.replace("paragraph: 2", "paragraph: Byline").replace('"$3 million"', '"Ada Quill"')), [],
                 id="block names are case-insensitive"),
    # ---------------------------------------------------------------- note types and verdicts
    pytest.param(oil(OIL.replace("type: context", "type: contxt")),
                 ["texts/lighthouse/notes/p2-oil.md:6: unknown note type: 'contxt' (did you mean 'context'?)"],
                 id="unknown note type"),
    pytest.param(spring(SPRING.replace("verdict: unverified", "verdict: true")),
                 ["texts/lighthouse/notes/p3-spring.md:7: unknown verdict: 'true' "
                  "(use one of: accurate, imprecise, inaccurate, disputed, unverified)"],
                 id="unknown verdict"),
    pytest.param(spring(SPRING.replace("verdict: unverified\n", "")),
                 ["texts/lighthouse/notes/p3-spring.md:2: missing required field: 'verdict'"],
                 id="fact-check without verdict"),
    pytest.param(spring(SPRING.split("sources:")[0] + "---\nNo sources.\n"),
                 ["texts/lighthouse/notes/p3-spring.md:2: missing required field: 'sources'"],
                 id="fact-check without sources"),
    pytest.param(spring(SPRING.split("sources:")[0] + "sources: []\n---\nNo sources.\n"),
                 ["texts/lighthouse/notes/p3-spring.md:11: empty required field: 'sources' (give at least one item)"],
                 id="fact-check with an empty source list"),
    pytest.param(oil(OIL.replace("type: context", "type: context\nverdict: accurate")),
                 ["texts/lighthouse/notes/p2-oil.md:7: only fact-check notes have a verdict: 'accurate' "
                  "(remove the verdict or make the note a fact-check)"],
                 id="verdict on a context note"),
    # ---------------------------------------------------------------- mentions
    pytest.param(mentions(MENTIONS + "- {paragraph: 2, exact: oil, entry: southland}\n"),
                 ["texts/lighthouse/mentions.yml:4: mention is not one of the aliases of 'southland': 'oil' "
                  "(add it to aliases in glossary/southland.md or quote an alias)"],
                 id="mention is not an alias"),
    pytest.param(mentions(MENTIONS + "- {paragraph: 2, exact: Northland, entry: northland}\n"),
                 ["texts/lighthouse/mentions.yml:4: mention occurs 2 times in ¶2: 'Northland' "
                  "(add a prefix or suffix (the words just before or after it) to pick one)"],
                 id="mention found twice"),
    pytest.param(mentions(MENTIONS + "- {paragraph: 1, exact: Northland, prefix: 'by ', entry: northland}\n"),
                 ["texts/lighthouse/mentions.yml:4: mention overlaps the mention on line 2: 'Northland' "
                  "(mentions cannot overlap; link the shorter or the longer form, not both)"],
                 id="mentions overlap"),
    # ---------------------------------------------------------------- contributed markup
    pytest.param(oil(OIL + "<script>alert(1)</script>\n"),
                 # In the order they stand in the line.
                 ["texts/lighthouse/notes/p2-oil.md:12: raw HTML is not allowed in contributed Markdown: '<script>' "
                  "(write plain Markdown: *emphasis*, [text](https://…), lists)",
                  "texts/lighthouse/notes/p2-oil.md:12: raw HTML is not allowed in contributed Markdown: '</script>' "
                  "(write plain Markdown: *emphasis*, [text](https://…), lists)"],
                 id="raw HTML in a body"),
    pytest.param(southland(SOUTHLAND.replace("summary: An invented southern state that pays for the oil.",
                                             "summary: An invented southern state that pays for the <b>oil</b>.")),
                 ["glossary/southland.md:8: HTML is not allowed here: '<b>' (front matter is plain text: remove the tag)"],
                 id="HTML in a front-matter string"),
    # ---------------------------------------------------------------- the base text
    pytest.param(lambda e: e.write("texts/lighthouse/source.txt", TRANSCRIPT.replace("Ada Quill", "Ada Quil")),
                 ["texts/lighthouse/source.txt:1: the transcript's SHA-256 is {actual}, but edition.yml records "
                  "{recorded}: 'source.txt' (the published text is never corrected: put it back as published and "
                  "put disagreements in a note; for a new or corrected transcript, record its checksum with "
                  "'edition accept lighthouse')"],
                 id="changed transcript"),
]


@pytest.mark.parametrize(("change", "expected"), CASES)
def test_validation_rule(tmp_path: Path, change: Callable[[TinyEdition], object], expected: list[str]):
    edition = TinyEdition(tmp_path)
    recorded = _sha256(tmp_path / "texts/lighthouse/source.txt")
    change(edition)
    actual = _sha256(tmp_path / "texts/lighthouse/source.txt")
    expected = [line.replace("{actual}", actual).replace("{recorded}", recorded) for line in expected]
    assert edition.problems() == expected


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_duplicate_note_id_across_texts(tmp_path: Path):
    edition = TinyEdition(tmp_path, second_text=True)
    edition.write("texts/keepers/notes/p2-oil.md", SECOND_NOTES["keepers-three-winters"].replace(
        "id: keepers-three-winters", "id: p2-oil"))
    assert edition.problems() == ["texts/keepers/notes/p2-oil.md:2: duplicate note id: 'p2-oil' "
                                  "(also used by texts/lighthouse/notes/p2-oil.md)"]


def test_malformed_mentions_file_is_reported_at_its_line(tmp_path: Path):
    edition = TinyEdition(tmp_path)
    mentions(MENTIONS + "- {paragraph: 2, exact: [x\n")(edition)
    assert edition.problems() == ["texts/lighthouse/mentions.yml:4: the list opened with '[' on line 4 is not closed "
                                  "on that line: '- {paragraph: 2, exact: [x' (close it with ']', and quote items "
                                  "that contain ', ' or ': ')"]


def test_glossary_id_that_is_not_the_file_name(tmp_path: Path):
    edition = TinyEdition(tmp_path)
    southland(SOUTHLAND.replace("id: southland", "id: south-land"))(edition)
    assert ("glossary/southland.md:2: id does not match the file name 'southland.md': 'south-land' "
            "(rename the file to 'south-land.md' or set id: southland)") in edition.problems()


def test_every_problem_is_reported_in_one_run(tmp_path: Path):
    """Faults in five files at once: nothing stops at the first, and each message is the one of its case."""
    edition = TinyEdition(tmp_path)
    changes = [case.values for case in CASES if case.id in {
        "unknown entry referenced from the text", "alias claimed twice", "quotation found twice",
        "fact-check without verdict", "parties naming a non-actor"}]
    assert len(changes) == 5
    expected = []
    for change, messages in changes:
        change(edition)
        expected += messages
    assert edition.problems() == sorted(expected)


# ---------------------------------------------------------------- follow-on messages

def test_an_invalid_entry_is_not_also_reported_as_an_unknown_link_target(tmp_path: Path):
    """The entry file exists; only its own fault is reported, not every link to it as 'unknown'."""
    edition = TinyEdition(tmp_path)
    edition.write("glossary/lighthouse-accord.md", ACCORD.replace('"1911-05-02"', '"1911-02-30"'))
    assert edition.problems() == ["glossary/lighthouse-accord.md:10: date is not a real calendar day "
                                  "(day is out of range for month): '1911-02-30'"]


def test_an_invalid_note_is_not_also_reported_as_an_unknown_link_target(tmp_path: Path):
    edition = TinyEdition(tmp_path)
    edition.write("texts/lighthouse/notes/p1-signing.md", NOTES["p1-signing"].replace("verdict: accurate",
                                                                                     "verdict: right"))
    assert edition.problems() == ["texts/lighthouse/notes/p1-signing.md:7: unknown verdict: 'right' "
                                  "(use one of: accurate, imprecise, inaccurate, disputed, unverified)"]


# ---------------------------------------------------------------- several texts

def test_background_sentence_of_one_text_is_valid_in_a_two_text_edition(tmp_path: Path):
    """A background sentence is found in the text that contains it; other texts do not make it an error."""
    edition = TinyEdition(tmp_path, second_text=True)
    without_southland_mention(edition)
    edition.write("texts/keepers/mentions.yml",
                  SECOND_MENTIONS.replace("- {paragraph: 1, exact: Southland, entry: southland}\n", ""))
    edition.write("glossary/southland.md", SOUTHLAND.replace(
        "sources:", "background:\n  paragraph: 2\n  sentence: Southland paid $3 million for the oil.\nsources:"))
    assert edition.problems() == []


def test_a_mention_in_either_text_covers_an_entry(tmp_path: Path):
    edition = TinyEdition(tmp_path, second_text=True)
    without_southland_mention(edition)  # still mentioned in the second text
    assert edition.problems() == []


# ---------------------------------------------------------------- numbering and the base text

SAME_WORDS = """\
---
id: {id}
target:
  paragraph: 1
  exact: "Northland kept the lamp lit"
type: context
authors:
  - name: The editors
date: "2024-01-05"
---
A note on the lamp.
"""


def _numbering(root: Path, order: list[str]) -> list[tuple[str, int]]:
    edition = TinyEdition(root)
    for note_id in order:
        edition.note(note_id, SAME_WORDS.format(id=note_id))
    loaded = edition.load()
    assert loaded.problems == ()
    return [(note.id, note.number) for note in loaded.texts[0].notes]


def test_notes_on_the_same_words_are_numbered_by_id_whatever_the_file_order(tmp_path: Path):
    first = _numbering(tmp_path / "one", ["lamp-b", "lamp-a", "lamp-c"])
    second = _numbering(tmp_path / "two", ["lamp-c", "lamp-a", "lamp-b"])
    assert first == second == [("p1-signing", 1), ("lamp-a", 2), ("lamp-b", 3), ("lamp-c", 4), ("p2-oil", 5)]


def test_loading_twice_gives_the_same_numbering(tmp_path: Path):
    """The numbers themselves, not only their agreement: the real edition's notes are numbered
    1..N in document order, each time it is loaded; two notes on the same words by id."""
    real = [load_edition(load_config(ROOT / "edition.yml")).texts[0] for _ in range(2)]
    once, twice = ([(note.id, note.number) for note in text.notes] for text in real)
    assert once == twice
    text = real[0]
    # Document order, read independently of the loader: the block's line in the transcript, then
    # where the note's marker stands in it (the end of its quotation).
    in_document_order = sorted(text.notes, key=lambda note: (text.block_of(note.span).line, note.span.end))
    assert [note.number for note in in_document_order] == list(range(1, len(text.notes) + 1))
    assert [note.number for note in text.notes] == list(range(1, len(text.notes) + 1))

    def numbers_in(paragraph: int) -> list[int]:
        return [note.number for note in text.notes if text.block_of(note.span).number == paragraph]

    before_the_paragraphs = sum(1 for note in text.notes if text.block_of(note.span).number is None)
    assert before_the_paragraphs and numbers_in(1) and numbers_in(2)
    assert min(numbers_in(1)) == before_the_paragraphs + 1
    assert max(numbers_in(1)) < min(numbers_in(2))
    assert [note.id for note in text.notes[:2]] == ["byline-newspaper", "byline-publication-details"]

    tiny = TinyEdition(tmp_path)
    for note_id in ("lamp-b", "lamp-a"):
        tiny.note(note_id, SAME_WORDS.format(id=note_id))
    for _ in range(2):
        assert [(n.id, n.number) for n in tiny.load().texts[0].notes] == [
            ("p1-signing", 1), ("lamp-a", 2), ("lamp-b", 3), ("p2-oil", 4)]


def test_notes_are_numbered_in_reading_order(tmp_path: Path):
    edition = TinyEdition(tmp_path)
    edition.note("byline-date", """\
        ---
        id: byline-date
        target:
          paragraph: byline
          exact: "March 03, 2021"
        type: context
        authors:
          - name: The editors
        date: "2024-01-05"
        ---
        The date.
        """)
    edition.note("a-late-in-p1", SAME_WORDS.format(id="a-late-in-p1"))
    loaded = edition.load()
    assert loaded.problems == ()
    assert [(n.id, n.number) for n in loaded.texts[0].notes] == [
        ("byline-date", 1), ("p1-signing", 2), ("a-late-in-p1", 3), ("p2-oil", 4)]


def test_notes_never_change_the_base_text(tmp_path: Path):
    edition = TinyEdition(tmp_path)
    before = edition.load().texts[0].base.plain_text()
    edition.note("lamp-a", SAME_WORDS.format(id="lamp-a"))
    with_more = edition.load().texts[0].base.plain_text()
    for note_id in ("lamp-a", "p1-signing", "p2-oil"):
        edition.remove(f"texts/lighthouse/notes/{note_id}.md")
    edition.write("glossary/lighthouse-accord.md", ACCORD.replace("See [the note on the signing](note:p1-signing).",
                                                                  "No note."))
    loaded = edition.load()
    assert loaded.problems == () and loaded.texts[0].notes == ()
    assert before == with_more == loaded.texts[0].base.plain_text()
    assert before.startswith("The Lighthouse Accord\n\nAda Quill | The Harbour Gazette")
    assert "Southland paid $3 million for the oil." in before
