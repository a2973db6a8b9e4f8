"""Read YAML (whole files or Markdown front matter) keeping the line of every value.

Validation messages must name the line of the offending value, so the loader builds
`Located*` containers that remember where each key and item started. Timestamps stay
strings: dates are validated as ISO 8601 text, never silently turned into objects.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, NamedTuple

import yaml


class LocatedDict(dict):
    """A mapping from YAML that remembers its own line and each key's line."""

    line: int = 1
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A sequence from YAML that remembers its own line and each item's line."""

    line: int = 1
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


def _without_timestamps(resolvers: dict) -> dict:
    # Drop the implicit timestamp resolver: "2014-11-20" must stay a string.
    return {first: [(tag, regexp) for tag, regexp in entries if tag != "tag:yaml.org,2002:timestamp"]
            for first, entries in resolvers.items()}


class _Loader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver, building located containers.

    Pure Python: used to explain a parse error, since its messages are the clearer ones."""


_Loader.yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml's parser when PyYAML has it (about ten times faster)."""


_FastLoader.yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)


def _located_mapping(loader: _Loader, node: yaml.MappingNode, child: Callable[[yaml.Node], Any]) -> LocatedDict:
    """A mapping node as a LocatedDict, its keys and values made by `child`; keys become text."""
    offset = 1 + loader.line_offset
    result = LocatedDict()
    result.line = node.start_mark.line + offset
    result.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = child(key_node)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            loader.duplicate_keys.append((key, key_node.start_mark.line + offset))
        result[key] = child(value_node)
        result.key_lines[key] = key_node.start_mark.line + offset
    return result


def _located_sequence(loader: _Loader, node: yaml.SequenceNode, child: Callable[[yaml.Node], Any]) -> LocatedList:
    """A sequence node as a LocatedList, its items made by `child`."""
    offset = 1 + loader.line_offset
    result = LocatedList(child(item) for item in node.value)
    result.line = node.start_mark.line + offset
    result.item_lines = [item.start_mark.line + offset for item in node.value]
    return result


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    return _located_mapping(loader, node, lambda child: loader.construct_object(child, deep=True))


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    return _located_sequence(loader, node, lambda child: loader.construct_object(child, deep=True))


# PyYAML's own construction makes located containers too: it builds what `_build` hands it
# (explicitly tagged nodes), and whatever those contain.
for _loader_class in (_Loader, _FastLoader):
    _loader_class.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader_class.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlError(Exception):
    """YAML that cannot be parsed, with the 1-based line of the fault and what to do about it."""

    def __init__(self, line: int, message: str,
                 hint: str = "check indentation and quoting; values containing ': ' need quotes"):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


class YamlResult(NamedTuple):
    """Parsed YAML plus the duplicate keys the parser saw (YAML forbids them)."""

    value: Any
    duplicate_keys: tuple[tuple[str, int], ...]


def load_yaml(text: str, line_offset: int = 0) -> YamlResult:
    """Parse `text`; lines are reported as `line_offset` + the line within `text`."""
    try:
        return _load(_FastLoader, text, line_offset)
    except YamlError:
        return _load(_Loader, text, line_offset)  # raises again, with the clearer message


_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ_TAG = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG


def _build(loader: _Loader, node: yaml.Node, done: dict[int, Any], building: set[int]) -> Any:
    """The value of a composed node, as the constructors above would make it, but faster.

    Plain strings, mappings and sequences, nearly all of what front matter holds, are built
    here directly; any other node (numbers, booleans, null, explicit tags) goes to PyYAML's own
    constructor, which also rejects unknown tags. Aliases yield the same object, as in PyYAML;
    an alias to a node that contains it is refused.
    """
    key = id(node)
    if key in done:
        return done[key]
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == _STR_TAG else loader.construct_object(node, deep=True)
    if key in building:
        raise yaml.constructor.ConstructorError(None, None, "found unconstructable recursive node",
                                                node.start_mark)
    building.add(key)

    def child(item: yaml.Node) -> Any:
        return _build(loader, item, done, building)

    result: Any
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
        result = _located_mapping(loader, node, child)
    elif isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
        result = _located_sequence(loader, node, child)
    else:
        result = loader.construct_object(node, deep=True)
    building.discard(key)
    done[key] = result
    return result


def _load(loader_class: type, text: str, line_offset: int) -> YamlResult:
    loader = loader_class(text)
    loader.line_offset = line_offset
    loader.duplicate_keys = []
    try:
        node = loader.get_single_node()
        value = None if node is None else _build(loader, node, {}, set())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        raise YamlError(line, f"{error.problem or 'invalid YAML'}"
                        + (f" ({error.context})" if error.context else "")) from None
    except yaml.YAMLError as error:
        raise YamlError(1 + line_offset, str(error)) from None
    finally:
        loader.dispose()
    return YamlResult(value, tuple(loader.duplicate_keys))


_FENCE = re.compile(r"^---[ \t]*$")


class FrontMatterDocument(NamedTuple):
    """A Markdown file split into its YAML front matter and its body."""

    meta: Any
    """The parsed front matter (a LocatedDict when well-formed)."""
    body: str
    """The Markdown after the closing fence."""
    body_line: int
    """Line number of the body's first line in the file."""
    duplicate_keys: tuple[tuple[str, int], ...]


def split_front_matter(text: str) -> FrontMatterDocument:
    """Split `---`-fenced front matter from a Markdown body; raise YamlError if absent or broken."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        raise YamlError(1, "the file does not start with a '---' line opening the YAML front matter",
                        "start the file with a line '---', the fields, then another '---'")
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")):
            parsed = load_yaml("".join(lines[1:index]), line_offset=1)
            return FrontMatterDocument(parsed.value, "".join(lines[index + 1:]), index + 2,
                                       parsed.duplicate_keys)
    raise YamlError(1, "the YAML front matter opened on line 1 is never closed with a '---' line",
                    "add a line '---' after the last field")


def read_text(path: Path) -> str:
    """Read a source file as UTF-8 (newlines kept as written)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()
