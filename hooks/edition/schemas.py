"""Validate front matter against the JSON Schemas in `schemas/`, one source of truth.

The same schema files serve editors (via the `yaml-language-server` modeline in the
templates) and this validator. Errors are turned into readable problems located at the
line of the offending value; a schema may override the wording with `x-message`.

Two validators, one schema. Every document is first put to jsonschema-rs (compiled, fast);
only a document it does not pass (or cannot take, such as an unquoted YAML date) goes to
the `jsonschema` reference implementation, whose error tree the messages are made from.
A valid corpus, the usual case, therefore costs one fast call per file, and an invalid one
still gets every problem, located. `tests/unit/test_schemas.py` checks that the two agree.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

import jsonschema_rs

from .frontmatter import LocatedDict, LocatedList
from .problems import did_you_mean, with_article

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

SCHEMA_DIR = Path(__file__).parent / "schemas"


def _inline_refs(node: Any) -> Any:
    """Replace each `{"$ref": "<file>.schema.json"}` by that file's schema.

    The files on disk stay separate (editors resolve the refs themselves); inlining them once
    here spares jsonschema a registry lookup per validated value.
    """
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.endswith(".schema.json") and len(node) == 1:
            target = json.loads((SCHEMA_DIR / ref).read_text(encoding="utf-8"))
            return _inline_refs({k: v for k, v in target.items() if k not in ("$schema", "$id")})
        return {key: _inline_refs(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline_refs(item) for item in node]
    return node


_DERIVED: dict[str, dict[str, Any]] = {}
"""Schemas made for one edition (see `entry_schema`), by name."""


@lru_cache(maxsize=None)
def schema(name: str) -> dict[str, Any]:
    """`schemas/<name>.schema.json` with its references to sibling files inlined (or a derived schema)."""
    if name in _DERIVED:
        return _DERIVED[name]
    return _inline_refs(json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")))


def entry_schema(kinds: dict[str, tuple[str, ...]]) -> str:
    """The name of the glossary-entry schema for an edition whose kinds of entry (`glossary_kinds:`
    in edition.yml) have these types: the shipped file's for the default kinds (actor, agreement),
    else one derived from it. Only agreements have parties."""
    base = schema("glossary-entry")
    shipped = {rule["if"]["properties"]["kind"]["const"]: tuple(rule["then"]["properties"]["type"]["enum"])
               for rule in base["allOf"]}
    if shipped == kinds and list(kinds) == base["properties"]["kind"]["enum"]:
        return "glossary-entry"
    derived = json.loads(json.dumps(base))
    derived["properties"]["kind"] = {"enum": list(kinds), "description": "One of the kinds edition.yml defines."}
    rules = []
    for kind, types in kinds.items():
        then: dict[str, Any] = {"properties": {"type": {"enum": list(types),
                                                         "x-message": f"unknown type for {with_article(kind)}"}}}
        if kind == "agreement":
            then["required"] = ["parties"]
            then["properties"]["parties"] = {"minItems": 1}
        else:
            then["properties"]["parties"] = {"maxItems": 0, "x-message": "only agreements have parties"}
        rules.append({"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": then})
    derived["allOf"] = rules
    name = "glossary-entry+" + hashlib.sha256(json.dumps(derived, sort_keys=True).encode()).hexdigest()[:12]
    _DERIVED[name] = derived
    return name


@lru_cache(maxsize=None)
def fast_validator(name: str) -> jsonschema_rs.Draft202012Validator:
    """The compiled validator: answers only "valid or not", quickly."""
    return jsonschema_rs.Draft202012Validator(schema(name), validate_formats=False)


@lru_cache(maxsize=None)
def validator(name: str) -> Any:
    """The reference validator (`jsonschema`), imported only when a document is invalid."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name))


def is_valid(name: str, document: Any) -> bool:
    """Whether `document` passes the schema, by the fast validator where it can take it."""
    try:
        return fast_validator(name).is_valid(document)
    except (ValueError, TypeError, OverflowError):
        # Values JSON has no type for (dates, binary, odd keys): the reference validator
        # decides, and explains.
        return not any(True for _ in validator(name).iter_errors(document))


class SchemaProblem(NamedTuple):
    """A schema violation, located."""

    line: int
    message: str
    hint: str = ""
    rule: str = "schema"


def _line_at(document: Any, path: list[Any], key_lines: dict[str, int] | None = None) -> int:
    """Line of the value at `path` inside located YAML containers (or, for a plain JSON
    mapping, the line of its top-level key from `key_lines`)."""
    if key_lines is not None and not isinstance(document, LocatedDict):
        return key_lines.get(path[0], 0) if path and isinstance(path[0], str) else 0
    node, line = document, getattr(document, "line", 1)
    for part in path:
        if isinstance(node, LocatedDict) and part in node:
            line = node.line_of(part)
            node = node[part]
        elif isinstance(node, LocatedList) and isinstance(part, int) and part < len(node):
            line = node.line_of(part)
            node = node[part]
        else:
            break
    return line


def _field(path: list[Any], whole: str = "front matter", item: str = "") -> str:
    """A readable field path: 'sources[2].url'; `whole` names the document itself and `item`
    its top-level list items ('mention 5')."""
    text = ""
    for index, part in enumerate(path):
        if index == 0 and item and isinstance(part, int):
            text = f"{item} {part + 1}"
        else:
            text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or whole


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "…"


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """The most specific errors: descend into if/then/allOf wrappers."""
    if error.context and isinstance(error.schema, dict) and "x-message" in error.schema:
        # A choice that says in its own words what is wanted (a year as a number or as digits):
        # one message, not one per branch.
        yield error
    elif error.context:
        children = error.context
        if error.validator == "oneOf":
            # One branch per shape (a key, or a mapping): report only the branches of the
            # value's own shape, not "must be text" for a mapping.
            children = [c for c in children if not (c.validator == "type" and len(c.relative_schema_path) == 2)]
        for child in children:
            yield from _leaves(child)
    else:
        yield error


def _describe(error: ValidationError, whole: str, item: str) -> SchemaProblem | _Many | None:
    path = list(error.absolute_path)
    field = _field(path, whole, item)
    # jsonschema types these attributes as possibly unset; an error from iter_errors has them all.
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    custom = schema.get("x-message")
    value = error.instance
    kind = str(error.validator)
    validator_value: Any = error.validator_value
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        where = f" in {field}" if path else ""
        return SchemaProblem(0, f"missing required field{where}: '{missing}'", rule="schema-required")
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extras = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        problems = []
        for extra in extras:
            hint = did_you_mean(extra, allowed) or f"allowed fields: {', '.join(allowed)}"
            line = value.line_of(extra) if isinstance(value, LocatedDict) else 0
            problems.append(SchemaProblem(line, f"unknown field{' in ' + field if path else ''}: '{extra}'", hint,
                                          "schema-unknown-field"))
        return problems[0] if len(problems) == 1 else _Many(problems)
    if kind == "minLength" or (kind == "type" and value is None):
        return SchemaProblem(0, f"empty required field: '{field}'", rule="schema-empty")
    if kind == "enum":
        options = [str(option) for option in validator_value]
        message = custom or f"{field} is not one of the allowed values"
        return SchemaProblem(0, f"{message}: '{_short(value)}'",
                             did_you_mean(str(value), options) or f"use one of: {', '.join(options)}",
                             "schema-enum")
    if kind == "pattern":
        return SchemaProblem(0, f"{custom or field + ' has the wrong form'}: '{_short(value)}'", rule="schema-pattern")
    if kind == "minItems":
        if validator_value == 1 and not value:
            return SchemaProblem(0, f"empty required field: '{field}'", "give at least one item", "schema-empty")
    if kind == "maxItems" and custom:
        return SchemaProblem(0, f"{custom}: '{field}'", "remove the field", "schema-not-allowed")
    if kind == "not" and custom:
        line = value.line_of("verdict") if isinstance(value, LocatedDict) else 0
        return SchemaProblem(line, f"{custom}: '{_short(value.get('verdict') if isinstance(value, dict) else value)}'",
                             "remove the verdict or make the note a fact-check", "schema-not-allowed")
    if kind in ("anyOf", "oneOf") and custom:
        return SchemaProblem(0, f"{field} {custom}: '{_short(value)}'", rule="schema-type")
    if kind == "type":
        expected = validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else str(expected)
        names = {"array": "a list", "object": "a mapping (key: value)", "string": "text",
                 "integer": "a whole number", "integer or string": "a number or name"}
        return SchemaProblem(0, f"{field} must be {names.get(expected, expected)}: '{_short(value)}'", rule="schema-type")
    return SchemaProblem(0, f"{field}: {error.message}")


class _Many(list):
    """Several problems from one schema error (several unknown fields)."""


def check(name: str, document: Any, whole: str = "front matter", item: str = "",
          key_lines: dict[str, int] | None = None) -> list[SchemaProblem]:
    """All schema problems of `document` against `schemas/<name>.schema.json`, located.

    `whole` is how messages name the document itself ('front matter', 'the mentions file').
    """
    if is_valid(name, document):
        return []
    problems: list[SchemaProblem] = []
    seen: set[tuple[int, str]] = set()
    for top in validator(name).iter_errors(document):
        for error in _leaves(top):
            described = _describe(error, whole, item)
            for problem in (described if isinstance(described, list) else [described]):
                if problem is None:
                    continue
                line = problem.line or _line_at(document, list(error.absolute_path), key_lines)
                key = (line, problem.message)
                if key not in seen:
                    seen.add(key)
                    problems.append(problem._replace(line=line))
    return sorted(problems, key=lambda problem: problem.line)
