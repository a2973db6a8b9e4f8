"""`check_citations`: unknown keys, repeated citations and missing evidence, with the
"did you mean" search done once per unknown key across the notes of one check."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition import bibliography
from edition.references import Bibliography, Citation, Reference

ROOT = Path("/edition")
NOTE = ROOT / "texts/a/notes/n.md"


def bib(*keys: str) -> Bibliography:
    return Bibliography(ROOT / "bibliography.json",
                        {key: Reference(key, {"id": key, "type": "book"}, n + 2, {}) for n, key in enumerate(keys)})


def messages(problems: list) -> list[tuple[int, str, str, str]]:
    return [(p.line, p.rule, p.message, p.hint) for p in problems]


def test_each_kind_of_problem_is_located() -> None:
    found = bibliography.check_citations(
        [Citation("tass2014", quote="x", line=4), Citation("tass-2014", quote="y", line=6),
         Citation("tass-2014", quote="z", line=8), Citation("dawn", line=10)],
        bib("tass-2014", "dawn"), NOTE, ROOT, require_evidence=True)
    assert messages(found) == [
        (4, "citation-unknown-key", "unknown bibliography key: 'tass2014'", "did you mean 'tass-2014'?"),
        (8, "citation-duplicate", "source cited twice: 'tass-2014'", "also cited on line 6: keep one citation"),
        (10, "citation-no-evidence", "citation gives no supporting sentence: 'dawn'",
         "add quote: the sentence of the source that supports the statement, copied exactly"),
    ]


def test_an_unknown_key_far_from_every_key_says_how_to_add_it() -> None:
    [problem] = bibliography.check_citations([Citation("zzz", quote="q")], bib("tass-2014"), NOTE, ROOT, True)
    assert problem.hint == "add the source to bibliography.json first"


def test_the_suggestion_for_a_key_is_searched_once_across_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[str] = []
    real = bibliography.did_you_mean

    def counting(value: str, candidates: object) -> str:
        searched.append(value)
        return real(value, candidates)  # type: ignore[arg-type]

    monkeypatch.setattr(bibliography, "did_you_mean", counting)
    suggestions: dict[str, str] = {}
    for line in (3, 5, 7):
        [problem] = bibliography.check_citations([Citation("tass2014", quote="q", line=line)], bib("tass-2014"),
                                                 NOTE, ROOT, True, suggestions)
        assert (problem.line, problem.hint) == (line, "did you mean 'tass-2014'?")
    assert searched == ["tass2014"]
