"""A note's finding: its `finding:` field when it has one, else the first sentence of its body."""

from __future__ import annotations

from edition.config import load_config
from edition.findings import first_sentence, note_finding
from edition.load import load_edition
from edition_testing import ROOT


def test_a_written_finding_is_used_as_written():
    edition = load_edition(load_config(ROOT / "edition.yml"))
    note = edition.note("p4-visit-date")
    assert note is not None and note[1].finding
    assert note_finding(note[1], "<p>Imprecise: something else entirely. More.</p>") == (note[1].finding, False)


def test_without_a_finding_the_first_sentence_of_the_body_is_derived():
    edition = load_edition(load_config(ROOT / "edition.yml"))
    note = edition.note("p4-visit-date")
    assert note is not None
    bare = note[1]._replace(finding="")
    assert note_finding(bare, "<p>Accurate. The <em>visit</em> was on 20 Nov. 2014. More.</p>") == (
        "Accurate. The visit was on 20 Nov. 2014.", True)


def test_first_sentence_keeps_abbreviations_and_short_openings():
    assert first_sentence("It was on 20 Nov. 2014, not in December. Dawn said so.") == \
        "It was on 20 Nov. 2014, not in December."
    assert first_sentence("Accurate. The deal was signed in 2015. More.") == "Accurate. The deal was signed in 2015."
    assert first_sentence("One sentence only") == "One sentence only"
