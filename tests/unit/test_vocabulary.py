"""The vocabulary is defined once (edition/vocabulary.py); the JSON Schemas editors use agree with it."""

from __future__ import annotations

import json

import pytest

from edition import schemas, vocabulary
from edition.config import DEFAULT_GLOSSARY_KINDS
from edition.schemas import SCHEMA_DIR, entry_schema


def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def test_note_types_in_the_schema_are_the_vocabularys():
    schema = _schema("annotation")
    assert schema["properties"]["type"]["enum"] == list(vocabulary.NOTE_TYPES)
    # The conditional rules name every type: fact-check requires a verdict, the others forbid it.
    conditions = schema["allOf"]
    assert conditions[0]["if"]["properties"]["type"]["const"] == "fact-check"
    assert set(conditions[1]["if"]["properties"]["type"]["enum"]) == set(vocabulary.NOTE_TYPES) - {"fact-check"}


def test_verdicts_in_the_schema_are_the_vocabularys():
    assert _schema("annotation")["properties"]["verdict"]["enum"] == list(vocabulary.VERDICTS)


def test_entry_kinds_and_types_in_the_schema_are_the_default_kinds():
    schema = _schema("glossary-entry")
    assert schema["properties"]["kind"]["enum"] == list(DEFAULT_GLOSSARY_KINDS)
    by_kind = {rule["if"]["properties"]["kind"]["const"]: rule["then"]["properties"]["type"]["enum"]
               for rule in schema["allOf"]}
    assert by_kind == {kind: list(spec.types) for kind, spec in DEFAULT_GLOSSARY_KINDS.items()}
    # The schema the check uses for the default kinds is the shipped file itself.
    assert entry_schema({kind: tuple(spec.types) for kind, spec in DEFAULT_GLOSSARY_KINDS.items()}) == "glossary-entry"


def test_an_editions_own_kinds_get_a_schema_of_their_own():
    name = entry_schema({"actor": ("person",), "event": ("battle", "speech")})
    assert name != "glossary-entry"
    derived = schemas.schema(name)
    assert derived["properties"]["kind"]["enum"] == ["actor", "event"]
    entry = {"id": "gettysburg", "title": "Battle of Gettysburg", "kind": "event", "type": "battle", "aliases": [],
             "summary": "A battle.", "sources": [{"key": "k", "quote": "q"}]}
    assert schemas.is_valid(name, entry)
    assert not schemas.is_valid(name, {**entry, "type": "treaty"})
    assert not schemas.is_valid(name, {**entry, "kind": "agreement"})
    assert not schemas.is_valid("glossary-entry", entry)


@pytest.mark.parametrize("term", [*vocabulary.NOTE_TYPES.values(), *vocabulary.VERDICTS.values()])
def test_every_term_has_a_label_and_a_description(term: vocabulary.Term):
    assert term.label and term.description.endswith(".")


def test_every_verdict_has_a_distinct_symbol_and_every_note_type_a_motivation():
    symbols = [term.symbol for term in vocabulary.VERDICTS.values()]
    assert all(symbols) and len(set(symbols)) == len(symbols)
    assert all(term.motivation for term in vocabulary.NOTE_TYPES.values())


def test_labels_are_used_from_the_vocabulary_only():
    """No module spells a label map of its own (the five places the vocabulary used to live)."""
    import pathlib

    package = pathlib.Path(vocabulary.__file__).parent
    for path in package.rglob("*.py"):
        if path.name == "vocabulary.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert '"Fact-check"' not in text and '"Imprecise"' not in text, path
