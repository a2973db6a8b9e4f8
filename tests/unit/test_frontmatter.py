"""YAML with the line of every key and item; Markdown front matter split from its body."""

from __future__ import annotations

import pytest

from edition.frontmatter import MAX_DEPTH, MAX_VALUES, LocatedDict, LocatedList, load_yaml, split_front_matter
from edition.problems import Located
from edition.reading import decode

NOTE = """\
---
id: p4-visit
target:
  paragraph: 4
  exact: "paid an official visit"
authors:
  - name: The editors
  - name: A. Reader
    url: https://example.org
date: 2014-11-20
sources: []
---
The body starts here.

Second paragraph.
"""


def test_key_lines_are_file_lines():
    document = split_front_matter(NOTE)
    meta = document.meta
    assert isinstance(meta, LocatedDict)
    assert meta.line == 2
    assert {key: meta.line_of(key) for key in meta} == {
        "id": 2, "target": 3, "authors": 6, "date": 10, "sources": 11}
    assert meta["target"].line == 4
    assert meta["target"].line_of("paragraph") == 4
    assert meta["target"].line_of("exact") == 5


def test_list_item_lines_are_file_lines():
    authors = split_front_matter(NOTE).meta["authors"]
    assert isinstance(authors, LocatedList)
    assert authors.item_lines == [7, 8]
    assert authors.line_of(0) == 7 and authors.line_of(1) == 8
    assert authors[1].line_of("url") == 9
    # An index out of range falls back to the list's own line.
    assert authors.line_of(5) == authors.line


def test_missing_key_falls_back_to_the_mapping_line():
    meta = split_front_matter(NOTE).meta
    assert meta.line_of("verdict") == meta.line == 2


def test_body_and_body_line():
    document = split_front_matter(NOTE)
    assert document.body == "The body starts here.\n\nSecond paragraph.\n"
    assert document.body_line == 13
    assert NOTE.splitlines()[document.body_line - 1] == "The body starts here."


@pytest.mark.parametrize(("yaml_text", "expected"), [
    ("date: 2014-11-20", "2014-11-20"),
    ("date: 2014-11-20T10:00:00Z", "2014-11-20T10:00:00Z"),
    ("date: 2014-11-20 10:00:00", "2014-11-20 10:00:00"),
    ('date: "2014-11"', "2014-11"),
    ("date: 2015", 2015),
])
def test_timestamps_stay_strings(yaml_text: str, expected: object):
    value = load_yaml(yaml_text).value["date"]
    assert value == expected and type(value) is type(expected)


def test_other_scalars_keep_their_yaml_types():
    value = load_yaml("a: 4\nb: true\nc: null\nd: 1.5\ne: text").value
    assert value == {"a": 4, "b": True, "c": None, "d": 1.5, "e": "text"}


def test_duplicate_keys_are_reported_with_their_lines():
    document = split_front_matter("---\nid: a\ntype: context\ntarget:\n  exact: x\n  exact: y\ntype: fact-check\n---\n")
    assert document.duplicate_keys == (("exact", 6), ("type", 7))
    # The later value wins, as in PyYAML, but the duplicate is not silent.
    assert document.meta["type"] == "fact-check"


def test_clean_front_matter_has_no_duplicates():
    assert split_front_matter(NOTE).duplicate_keys == ()


def test_line_offset_shifts_every_line():
    value = load_yaml("a: 1\nb:\n  - x\n", line_offset=10).value
    assert value.line == 11 and value.line_of("b") == 12 and value["b"].item_lines == [13]


@pytest.mark.parametrize(("text", "line", "message", "rule"), [
    ("", 1, "the file does not start with a '---' line opening the YAML front matter: ''", "frontmatter-missing"),
    ("id: x\n---\n", 1, "the file does not start with a '---' line opening the YAML front matter: 'id: x'",
     "frontmatter-missing"),
    ("\n---\nid: x\n---\n", 1, "the file does not start with a '---' line opening the YAML front matter: ''",
     "frontmatter-missing"),
    ("---\nid: x\ntype: context\n", 1, "the YAML front matter opened on line 1 is never closed: '---'",
     "frontmatter-unclosed"),
    ("---\nid: x\n--\n", 1, "the YAML front matter opened on line 1 is never closed: '---'", "frontmatter-unclosed"),
    ("---\nid: x\ntitle: [unclosed\ntype: context\n---\nbody\n", 3,
     "the list opened with '[' on line 3 is not closed on that line: 'title: [unclosed'", "yaml-unclosed-bracket"),
    ("---\nid: x\n  type: context\n---\n", 3, "line 3: this key is indented more than the one above it: 'type'",
     "yaml-indentation"),
])
def test_front_matter_errors_are_located(text: str, line: int, message: str, rule: str):
    with pytest.raises(Located) as raised:
        split_front_matter(text)
    assert (raised.value.line, raised.value.message, raised.value.rule) == (line, message, rule)


# ------------------------------------------------------------------ YAML mistakes in plain words

@pytest.mark.parametrize(("text", "line", "message", "hint", "rule"), [
    ("id: x\ntarget:\n\tparagraph: 4\n", 3, "line 3 is indented with a tab: 'use spaces'",
     "YAML allows only spaces for indentation; replace the tab by spaces", "yaml-tab"),
    ("id: x\ntitle: y\n  type: context\n", 3, "line 3: this key is indented more than the one above it: 'type'",
     "line it up with 'title' on line 2, or give the line above no value if this belongs under it", "yaml-indentation"),
    ("target:\n    paragraph: 4\n  exact: foo\n", 3,
     "line 3: this key is indented less than the one above it: 'exact'",
     "line it up with 'paragraph' on line 2, or with the keys of the level it belongs to", "yaml-indentation"),
    ("title: Pakistan: a history\n", 1, "line 1: the value contains ': ', which YAML reads as a new key: "
     "'title: Pakistan: a history'", "put the whole value in double quotes", "yaml-unquoted-colon"),
    ('title: "Pakistan\nid: x\n', 1, "the quotation mark opened on line 1 is never closed: 'title: \"Pakistan'",
     "end the value with the same quotation mark it starts with", "yaml-unclosed-quote"),
    ('title: "a" b\n', 1, "line 1: text after the closing quotation mark: 'title: \"a\" b'",
     "put the whole value inside the quotation marks", "yaml-unclosed-quote"),
    ("sources:\n- key: a\n  quote: b\n - key: c\n", 4,
     "line 4: this list item is not lined up with the key or items above it: '- key: c'",
     "indent every '- ' item of a list by the same number of spaces", "yaml-indentation"),
    ("title: @scholar\n", 1, "line 1: a value cannot start with '@' in YAML: 'title: @scholar'",
     "put the whole value in double quotes", "yaml-reserved-character"),
])
def test_yaml_mistakes_are_explained_with_the_fix(text: str, line: int, message: str, hint: str, rule: str):
    with pytest.raises(Located) as raised:
        load_yaml(text)
    error = raised.value
    assert (error.line, error.message, error.hint, error.rule) == (line, message, hint, rule)
    assert "block end" not in error.message and "token" not in error.message  # no parser jargon


def test_yaml_errors_in_front_matter_name_file_lines():
    with pytest.raises(Located) as raised:
        split_front_matter("---\nid: x\ntitle: y\n  type: context\n---\nbody\n")
    assert raised.value.line == 4 and raised.value.hint.endswith("or give the line above no value if this belongs under it")
    assert "on line 3" in raised.value.hint


def test_fences_with_trailing_spaces_and_crlf():
    document = split_front_matter("---  \r\nid: x\r\n---\t\r\nbody\r\n")
    assert document.meta == {"id": "x"} and document.body == "body\r\n" and document.body_line == 4


def test_empty_front_matter_is_not_a_mapping():
    assert split_front_matter("---\n---\nbody\n").meta is None


def test_decoding_keeps_newlines():
    assert decode("a\r\nb\n".encode("utf-8")) == "a\r\nb\n"


# ------------------------------------------------------------------ the fast builder agrees with PyYAML

YAML_SHAPES = [
    "a: 1\nb: [x, 2, true, null, 2.5]\nc: {d: e}\n",
    "date: 2016-08-09\nwhen: 2016-08-09 10:00:00\nn: .inf\nbig: 99999999999999999999\n",
    "base: &base {x: 1, y: 2}\nderived:\n  <<: *base\n  y: 3\n",
    "list: &l [1, 2]\nsame: *l\n",
    "merge: {<<: [{a: 1}, {b: 2}], c: 3}\n",
    "1: one\n2.5: two\nnull: three\ntrue: four\n",
    "set: !!set {a, b}\nomap: !!omap [{a: 1}, {b: 2}]\nbin: !!binary aGVsbG8=\n",
    "s: !!str 123\ni: !!int '7'\n",
    "- a\n- - b\n  - c\n- {d: [e, {f: g}]}\n",
    "text: |\n  two\n  lines\nfolded: >-\n  one\n  line\n",
    "",
    "just a string\n",
]


@pytest.mark.parametrize("text", YAML_SHAPES)
def test_the_fast_builder_builds_what_the_located_constructors_build(text: str):
    from edition.frontmatter import _FastLoader, _Loader

    def located(node: object) -> object:
        """Values with their lines, so that lines are compared too."""
        if isinstance(node, LocatedDict):
            return ("map", node.line, {k: (node.line_of(k), located(v)) for k, v in node.items()})
        if isinstance(node, LocatedList):
            return ("seq", node.line, [(node.line_of(i), located(v)) for i, v in enumerate(node)])
        return node

    for loader_class in (_Loader, _FastLoader):
        loader = loader_class(text)  # PyYAML's own construction, through the located constructors
        loader.line_offset, loader.duplicate_keys = 0, []
        assert located(load_yaml(text).value) == located(loader.get_single_data())


def test_aliases_share_one_object_and_keep_their_lines():
    value = load_yaml("first: &x [a, b]\nsecond: *x\n").value
    assert value["first"] is value["second"]
    assert (value.line_of("first"), value.line_of("second"), value["first"].line_of(1)) == (1, 2, 1)


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "&a [x, {y: *a}]\n"])
def test_a_recursive_alias_is_an_error_not_a_hang(text: str):
    with pytest.raises(Located, match="recursive"):
        load_yaml(text)


def test_an_unknown_tag_is_an_error():
    with pytest.raises(Located, match="could not determine a constructor"):
        load_yaml("a: !python/object:os.system echo\n")


def test_a_few_aliases_are_fine_and_share_objects():
    levels = ["l0: &l0 [x, x, x]"] + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 3)}]" for i in range(1, 4)]
    value = load_yaml("\n".join(levels) + "\n").value
    assert value["l3"][0] is value["l2"]


def test_an_alias_bomb_is_refused_at_once():
    """"Billion laughs": each level refers to the previous one ten times (10^9 values)."""
    levels = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(Located) as raised:
        load_yaml("\n".join(levels) + "\n")
    assert raised.value.rule == "yaml-too-large"
    assert raised.value.message == f"YAML expands to too many values: 'more than {MAX_VALUES:,}'"
    assert raised.value.line == 5  # the level where the expansion passes the limit


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}")])
def test_deep_nesting_is_refused_not_a_recursion_error(opening: str, closing: str):
    text = "a: " + opening * 3000 + "x" + closing * 3000 + "\n"
    with pytest.raises(Located) as raised:
        load_yaml(text)
    assert raised.value.rule == "yaml-too-deep"
    assert raised.value.message == f"YAML is nested too deeply: 'more than {MAX_DEPTH} levels'"


def test_nesting_within_the_limit_is_read():
    depth = MAX_DEPTH - 1  # the top-level mapping is one level
    assert load_yaml("a: " + "[" * depth + "x" + "]" * depth + "\n").value is not None
