"""JSON Schema violations turned into located, readable messages: one case per message form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edition.frontmatter import load_yaml
from edition.schemas import SCHEMA_DIR, SchemaProblem, check

NOTE = """\
id: p4-visit
target: {paragraph: 4, exact: paid a visit}
type: context
authors: [{name: The editors}]
date: "2024-01-02"
"""
FACT_CHECK = """\
id: p4-visit
target: {paragraph: 4, exact: paid a visit}
type: fact-check
verdict: accurate
authors: [{name: The editors}]
date: "2024-01-02"
sources:
  - {key: gazette-2021-t, quote: "The sentence that supports it."}
"""
ACTOR = """\
id: northland
title: Northland
kind: actor
type: state
aliases: [Northland]
summary: An invented state.
sources:
  - gazette-2021-t
"""
AGREEMENT = """\
id: accord
title: Accord
kind: agreement
type: treaty
aliases: [Accord]
summary: An invented treaty.
parties: [northland]
sources:
  - {key: gazette-2021-t, locator: para. 2}
"""


def problems(schema: str, text: str) -> list[tuple[int, str, str]]:
    return [(p.line, p.message, p.hint) for p in check(schema, load_yaml(text).value)]


@pytest.mark.parametrize(("schema", "text"), [
    ("annotation", NOTE), ("annotation", FACT_CHECK), ("glossary-entry", ACTOR), ("glossary-entry", AGREEMENT),
    ("mentions", "- {paragraph: 1, exact: Northland, entry: northland}\n- {paragraph: byline, exact: A, entry: a, "
                 "prefix: x, suffix: y}\n"),
    ("mentions", "[]\n"),
])
def test_valid_documents_have_no_problems(schema: str, text: str):
    assert problems(schema, text) == []


@pytest.mark.parametrize(("schema", "text", "expected"), [
    # required, at the top and nested
    pytest.param("annotation", NOTE.replace('date: "2024-01-02"\n', ""),
                 [(1, "missing required field: 'date'", "")], id="required"),
    pytest.param("annotation", NOTE.replace("target: {paragraph: 4, exact: paid a visit}", "target:\n  paragraph: 4"),
                 [(2, "missing required field in target: 'exact'", "")], id="required nested"),
    pytest.param("annotation", FACT_CHECK.replace("verdict: accurate\n", ""),
                 [(1, "missing required field: 'verdict'", "")], id="required by fact-check"),
    pytest.param("annotation", FACT_CHECK.split("sources:")[0],
                 [(1, "missing required field: 'sources'", "")], id="sources required by fact-check"),
    pytest.param("mentions", "- {paragraph: 1, exact: A, entry: a}\n- {paragraph: 1, entry: a}\n",
                 [(2, "missing required field in [2]: 'exact'", "")], id="required in list item"),
    # unknown fields, with a did-you-mean or the allowed list
    pytest.param("annotation", NOTE + "verdic: accurate\n",
                 [(6, "unknown field: 'verdic'", "did you mean 'verdict'?")], id="unknown field, close"),
    pytest.param("annotation", NOTE + "zzz: 1\n",
                 [(6, "unknown field: 'zzz'", "allowed fields: " + ", ".join(
                     json.loads((SCHEMA_DIR / "annotation.schema.json").read_text())["properties"]))],
                 id="unknown field, far"),
    pytest.param("annotation", NOTE.replace("exact: paid a visit", "exact: paid a visit, sufix: x"),
                 [(2, "unknown field in target: 'sufix'", "did you mean 'suffix'?")], id="unknown nested field"),
    pytest.param("glossary-entry", ACTOR + "titel: x\nsumary: y\n",
                 [(9, "unknown field: 'titel'", "did you mean 'title'?"),
                  (10, "unknown field: 'sumary'", "did you mean 'summary'?")], id="two unknown fields"),
    # empty values
    pytest.param("glossary-entry", ACTOR.replace("summary: An invented state.", "summary:"),
                 [(6, "empty required field: 'summary'", "")], id="null value"),
    pytest.param("glossary-entry", ACTOR.replace("title: Northland", 'title: ""'),
                 [(2, "empty required field: 'title'", "")], id="empty string"),
    pytest.param("annotation", NOTE.replace("exact: paid a visit", 'exact: ""'),
                 [(2, "empty required field: 'target.exact'", "")], id="empty nested string"),
    pytest.param("annotation", NOTE.replace("authors: [{name: The editors}]", "authors: []"),
                 [(4, "empty required field: 'authors'", "give at least one item")], id="empty list"),
    pytest.param("annotation", FACT_CHECK.split("sources:")[0] + "sources: []\n",
                 [(7, "empty required field: 'sources'", "give at least one item")], id="fact-check without sources"),
    # enumerations
    pytest.param("annotation", NOTE.replace("type: context", "type: contxt"),
                 [(3, "unknown note type: 'contxt'", "did you mean 'context'?")], id="enum, close"),
    pytest.param("annotation", NOTE.replace("type: context", "type: opinion"),
                 [(3, "unknown note type: 'opinion'", "use one of: fact-check, context, definition, cross-reference, "
                                                      "translation-or-terminology")], id="enum, far"),
    pytest.param("annotation", FACT_CHECK.replace("verdict: accurate", "verdict: true"),
                 [(4, "unknown verdict: 'true'", "use one of: accurate, imprecise, inaccurate, disputed, unverified")],
                 id="verdict not a word"),
    pytest.param("glossary-entry", ACTOR.replace("kind: actor", "kind: actr"),
                 [(3, "kind is not one of the allowed values: 'actr'", "did you mean 'actor'?")], id="enum without x-message"),
    pytest.param("glossary-entry", ACTOR.replace("type: state", "type: treaty"),
                 [(4, "unknown type for an actor: 'treaty'",
                   "use one of: person, state, organisation, alliance, armed-group, region")], id="type depends on kind"),
    pytest.param("glossary-entry", AGREEMENT.replace("type: treaty", "type: state"),
                 [(4, "unknown type for an agreement: 'state'", "use one of: treaty, agreement, deal, programme, "
                                                               "project, exercise, membership, mission")],
                 id="agreement type"),
    # patterns, worded by x-message
    pytest.param("annotation", NOTE.replace("id: p4-visit", "id: P4_visit"),
                 [(1, "id is not a slug (lower-case letters, digits and single hyphens): 'P4_visit'", "")], id="slug"),
    pytest.param("annotation", NOTE.replace('"2024-01-02"', '"2024-1-2"'),
                 [(5, "note date is not an ISO 8601 day (YYYY-MM-DD): '2024-1-2'", "")], id="note date"),
    pytest.param("glossary-entry", ACTOR.replace("  - gazette-2021-t", "  - Gazette 2021"),
                 [(8, "a citation is a bibliography key (a slug): 'Gazette 2021'", "")], id="citation key"),
    pytest.param("annotation", FACT_CHECK.replace("{key: gazette-2021-t,", "{key: gazette-2021-t, page: 4,"),
                 [(8, "unknown field in sources[1]: 'page'", "allowed fields: key, locator, quote")],
                 id="citation field"),
    pytest.param("annotation", FACT_CHECK.replace("{key: gazette-2021-t,", "{"),
                 [(8, "missing required field in sources[1]: 'key'", "")], id="citation without key"),
    pytest.param("glossary-entry", ACTOR + 'dates:\n  - {date: "21 May", label: x}\n',
                 [(10, "date is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD): '21 May'", "")], id="entry date"),
    pytest.param("glossary-entry", ACTOR + "wikidata: X12\n",
                 [(9, "wikidata is not a Q-id such as 'Q843': 'X12'", "")], id="wikidata"),
    pytest.param("annotation", NOTE.replace("{name: The editors}", "{name: A, orcid: '1234', url: 'ftp://x'}"),
                 [(4, "author URL is not an http(s) URL: 'ftp://x'", ""),
                  (4, "ORCID is not of the form 0000-0000-0000-0000: '1234'", "")], id="author url and orcid"),
    # conditional rules
    pytest.param("annotation", NOTE + "verdict: accurate\n",
                 [(6, "only fact-check notes have a verdict: 'accurate'",
                   "remove the verdict or make the note a fact-check")], id="verdict on a context note"),
    pytest.param("glossary-entry", ACTOR + "parties: [southland]\n",
                 [(9, "only agreements have parties: 'parties'", "remove the field")], id="parties on an actor"),
    pytest.param("glossary-entry", AGREEMENT.replace("parties: [northland]\n", ""),
                 [(1, "missing required field: 'parties'", "")], id="agreement without parties"),
    pytest.param("glossary-entry", AGREEMENT.replace("parties: [northland]", "parties: []"),
                 [(7, "empty required field: 'parties'", "give at least one item")], id="agreement, empty parties"),
    # wrong types
    pytest.param("glossary-entry", ACTOR.replace("aliases: [Northland]", "aliases: Northland"),
                 [(5, "aliases must be a list: 'Northland'", "")], id="list expected"),
    pytest.param("annotation", NOTE.replace("authors: [{name: The editors}]", "authors: {name: The editors}"),
                 [(4, "authors must be a list: '{\"name\": \"The editors\"}'", "")], id="list expected, mapping given"),
    pytest.param("annotation", NOTE.replace("paragraph: 4", "paragraph: [4]"),
                 [(2, "target.paragraph must be a number or name: '[4]'", "")], id="number or name"),
    pytest.param("annotation", NOTE.replace("target: {paragraph: 4, exact: paid a visit}", "target: 4"),
                 [(2, "target must be a mapping (key: value): '4'", "")], id="mapping expected"),
    pytest.param("glossary-entry", ACTOR.replace("aliases: [Northland]", "aliases: [Northland, [x]]"),
                 [(5, "aliases[2] must be text: '[\"x\"]'", "")], id="text expected in list"),
])
def test_message_forms(schema: str, text: str, expected: list[tuple[int, str, str]]):
    assert problems(schema, text) == expected


def test_problems_are_sorted_by_line_and_all_reported():
    text = (NOTE.replace("id: p4-visit", "id: Bad Id").replace("type: context", "type: opinion")
            .replace('"2024-01-02"', '"yesterday"') + "extra: 1\n")
    assert [line for line, _, _ in problems("annotation", text)] == [1, 3, 5, 6]


def test_a_very_long_value_is_shortened_in_the_message():
    long = "x" * 200
    [(_, message, _)] = problems("annotation", NOTE.replace('"2024-01-02"', long))
    assert message == f"note date is not an ISO 8601 day (YYYY-MM-DD): '{'x' * 77}…'"


def test_every_schema_is_a_valid_draft_2020_12_schema():
    from jsonschema import Draft202012Validator
    for path in sorted(Path(SCHEMA_DIR).glob("*.schema.json")):
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def test_schema_problem_is_a_plain_record():
    assert SchemaProblem(3, "m") == SchemaProblem(3, "m", "", "schema")


# --- The fast validator (jsonschema-rs) and the reference validator (jsonschema) agree ------

ROOT = Path(__file__).resolve().parents[2]
_ODD_VALUES = [None, 0, 4, -1, 2.5, True, "", " ", "x", "Bad Id", "2016-08-09", "n.d.", "https://example.org/",
               "javascript:alert(1)", [], ["x"], [{}], {}, {"x": 1}]


def _documents() -> list[tuple[str, object]]:
    """Every front matter and mentions file of the edition and of the test fixtures."""
    from edition.frontmatter import split_front_matter
    from edition.problems import Located

    found: list[tuple[str, object]] = []
    for root in (ROOT, *sorted((ROOT / "tests" / "fixtures").iterdir())):
        for kind, pattern in (("glossary-entry", "glossary/*.md"), ("annotation", "texts/*/notes/*.md")):
            for path in sorted(root.glob(pattern)):
                try:
                    found.append((kind, split_front_matter(path.read_text(encoding="utf-8")).meta))
                except Located:
                    continue
        found.extend(("mentions", load_yaml(path.read_text(encoding="utf-8")).value)
                     for path in sorted(root.glob("texts/*/mentions.yml")))
        if (root / "bibliography.json").is_file():
            found.extend(("bibliography-item", item)
                         for item in json.loads((root / "bibliography.json").read_text(encoding="utf-8"))[:40])
    return found


def _mutations(document: object) -> list[object]:
    """The document with one value replaced, one key dropped or one key added, everywhere."""
    out: list[object] = []
    if isinstance(document, dict):
        for key, value in document.items():
            out.append({k: v for k, v in document.items() if k != key})
            out.extend({**document, key: odd} for odd in _ODD_VALUES)
            out.extend({**document, key: mutated} for mutated in _mutations(value))
        out.append({**document, "unexpected": "x"})
    elif isinstance(document, list):
        for index, value in enumerate(document[:2]):
            out.extend([*document[:index], odd, *document[index + 1:]] for odd in _ODD_VALUES)
            out.extend([*document[:index], mutated, *document[index + 1:]] for mutated in _mutations(value))
        out.append([])
    return out


def _shape(value: object) -> object:
    """A document's keys, its values' types, and its lists' lengths up to three."""
    if isinstance(value, dict):
        return tuple(sorted((str(key), _shape(item)) for key, item in value.items()))
    if isinstance(value, list):
        return "list", min(len(value), 3), tuple(sorted({repr(_shape(item)) for item in value}))
    return type(value).__name__


def _one_of_each_shape(documents: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """The first document of each kind and shape: the mutations of two documents of the same
    shape reach the same parts of the schema."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for kind, document in documents:
        shape = (kind, repr(_shape(document)))
        if shape not in seen:
            seen.add(shape)
            kept.append((kind, document))
    return kept


def test_the_two_validators_agree_on_real_and_mutated_documents():
    from edition.schemas import fast_validator, validator

    documents = _one_of_each_shape(_documents())
    kinds = {kind for kind, _ in documents}
    assert kinds == {"annotation", "glossary-entry", "mentions", "bibliography-item"} and len(documents) > 40
    compared = 0
    for kind, document in documents:
        for candidate in [document, *_mutations(document)]:
            plain = json.loads(json.dumps(candidate))
            reference = not any(True for _ in validator(kind).iter_errors(plain))
            assert fast_validator(kind).is_valid(plain) == reference, (kind, plain)
            compared += 1
    assert compared > 15_000


@pytest.mark.parametrize(("value", "expected"), [
    ("!!binary aGVsbG8=", """date must be text: '"b'hello'"'"""),
    ("!!set {a}", """date must be text: '"{'a'}"'"""),
    (".inf", "date must be text: 'Infinity'"),
])
def test_values_json_cannot_hold_are_reported_not_passed(value: str, expected: str):
    assert problems("annotation", NOTE.replace('"2024-01-02"', value)) == [(5, expected, "")]


# --- Dates in bibliography items: numbers, or digits as Zotero writes them ---------------------

def _item(issued: list) -> dict:
    return {"id": "dawn-2014-11-20-x", "type": "article-newspaper", "title": "A headline",
            "container-title": "Dawn", "URL": "https://www.dawn.com/news/1", "issued": {"date-parts": [issued]}}


@pytest.mark.parametrize("issued", [[2014, 11, 20], ["2014", 11, 20], ["2014", "11", "20"], ["2014"], [2014, "05"]])
def test_a_date_part_may_be_a_number_or_digits(issued: list):
    assert check("bibliography-item", _item(issued), whole="the item") == []


@pytest.mark.parametrize(("issued", "message"), [
    (["20x4", 11, 20], "issued.date-parts[1][1] must be a year, as a number or as digits: '20x4'"),
    ([2014, "13"], "issued.date-parts[1][2] must be a month (1-12), as a number or as digits: '13'"),
    ([2014, 2, 32], "issued.date-parts[1][3] must be a day (1-31), as a number or as digits: '32'"),
])
def test_a_wrong_date_part_gets_one_message_in_plain_words(issued: list, message: str):
    assert [p.message for p in check("bibliography-item", _item(issued), whole="the item")] == [message]
