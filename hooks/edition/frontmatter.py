"""Read YAML (whole files or Markdown front matter) keeping the line of every value.

Validation messages must name the line of the offending value, so the loader builds
`Located*` containers that remember where each key and item started. Timestamps stay
strings: dates are validated as ISO 8601 text, never silently turned into objects.

YAML from contributors is untrusted: before anything is built, the event stream is scanned
once (linearly) to bound nesting depth and the size of the document once its aliases are
expanded, so neither a deeply nested list nor a "billion laughs" alias bomb can stall or
crash the check. Parse errors are explained in plain words with the fix (`explain`).
"""

from __future__ import annotations

import re
from typing import Any, Callable, NamedTuple

import yaml

from .problems import Located

MAX_DEPTH = 32
"""Deepest nesting of mappings and lists accepted (the edition's files need five)."""
MAX_DIGITS = 100
"""Longest unquoted number (Python refuses to read a decimal number of more than 4,300 digits)."""
_NUMBER = re.compile(r"[-+]?[0-9][0-9_:.eE+-]*\Z")
"""What YAML may read as a number (decimal, sexagesimal or float), checked only on long values."""
MAX_VALUES = 20_000
"""Most values in one document with its aliases expanded (the largest real file has a few hundred)."""


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
    """SafeLoader without the timestamp resolver (pure Python: used to explain a parse error)."""


_Loader.yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml's parser when PyYAML has it (about ten times faster)."""


_FastLoader.yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)

_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair: what a double-quoted "\\ud800" escape makes, and no text can hold."""

YAML_HINT = "check indentation and quoting; values containing ': ' need quotes"


class YamlResult(NamedTuple):
    """Parsed YAML plus the duplicate keys the parser saw (YAML forbids them)."""

    value: Any
    duplicate_keys: tuple[tuple[str, int], ...]


# ---------------------------------------------------------------- limits, before building

def _scan_limits(loader_class: type, text: str, line_offset: int) -> None:
    """Bound depth and expanded size using the event stream (no node is built)."""
    depth = 0
    sizes: list[int] = [0]
    anchors: dict[str, int] = {}
    open_anchors: list[str | None] = []
    for event in yaml.parse(text, Loader=loader_class):
        # Every event the parser yields carries its start mark.
        at = (event.start_mark.line if event.start_mark is not None else 0) + 1 + line_offset
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise Located(at,
                              f"YAML is nested too deeply: 'more than {MAX_DEPTH} levels'",
                              "the edition's files need a few levels of lists and mappings", "yaml-too-deep")
            sizes.append(1)
            open_anchors.append(event.anchor)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            size = sizes.pop()
            anchor = open_anchors.pop()
            if anchor:
                anchors[anchor] = size
            sizes[-1] += size
        elif isinstance(event, yaml.ScalarEvent):
            sizes[-1] += 1
            if not event.style and len(event.value) > MAX_DIGITS and _NUMBER.match(event.value):
                raise Located(at,
                              f"number is too long: '{event.value[:20]}…' ({len(event.value):,} characters)",
                              f"no value needs more than {MAX_DIGITS} digits; if this is text, put it in quotes",
                              "number-too-large")
            if event.anchor:
                anchors[event.anchor] = 1
            surrogate = _SURROGATE.search(event.value)
            if surrogate:
                line = at
                raise Located(line, f"line {line}: an escape names half a character (unpaired surrogate "
                                    f"U+{ord(surrogate.group()):04X}): "
                                    f"'{event.value[:surrogate.start()][-30:]}<U+{ord(surrogate.group()):04X}>'",
                              "write the character itself (the files are UTF-8), or one \\U00XXXXXX escape",
                              "encoding")
        elif isinstance(event, yaml.AliasEvent):
            sizes[-1] += anchors.get(event.anchor or "", 1)
        if sizes[-1] > MAX_VALUES or sum(sizes) > MAX_VALUES:
            raise Located(at,
                          f"YAML expands to too many values: 'more than {MAX_VALUES:,}'",
                          "aliases (*name) that repeat large blocks make the file huge; write the values out",
                          "yaml-too-large")


# ---------------------------------------------------------------- building located values

def _located_mapping(loader: Any, node: yaml.MappingNode, child: Callable[[yaml.Node], Any]) -> LocatedDict:
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


def _located_sequence(loader: Any, node: yaml.SequenceNode, child: Callable[[yaml.Node], Any]) -> LocatedList:
    """A sequence node as a LocatedList, its items made by `child`."""
    offset = 1 + loader.line_offset
    result = LocatedList(child(item) for item in node.value)
    result.line = node.start_mark.line + offset
    result.item_lines = [item.start_mark.line + offset for item in node.value]
    return result


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LocatedDict:
    return _located_mapping(loader, node, lambda child: loader.construct_object(child, deep=True))


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LocatedList:
    return _located_sequence(loader, node, lambda child: loader.construct_object(child, deep=True))


# PyYAML's own construction makes located containers too: it builds what `_build` hands it
# (explicitly tagged nodes), and whatever those contain.
for _loader_class in (_Loader, _FastLoader):
    _loader_class.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader_class.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)

_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ_TAG = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG


def _build(loader: Any, node: yaml.Node, done: dict[int, Any], building: set[int]) -> Any:
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
    _scan_limits(loader_class, text, line_offset)
    loader = loader_class(text)
    loader.line_offset = line_offset
    loader.duplicate_keys = []
    try:
        node = loader.get_single_node()
        value = None if node is None else _build(loader, node, {}, set())
    finally:
        loader.dispose()
    return YamlResult(value, tuple(loader.duplicate_keys))


def load_yaml(text: str, line_offset: int = 0) -> YamlResult:
    """Parse `text`; lines are reported as `line_offset` + the line within `text`.

    Raises `Located` (rule `yaml-…`) for YAML that cannot be read, explained in plain words.
    """
    tab = _tab_indentation(text)
    if tab:
        raise Located(tab + line_offset, f"line {tab + line_offset} is indented with a tab: 'use spaces'",
                      "YAML allows only spaces for indentation; replace the tab by spaces", "yaml-tab")
    try:
        return _load(_FastLoader, text, line_offset)
    except yaml.YAMLError:
        pass  # explained from the pure-Python parser, whose messages are the clearer ones
    except (RecursionError, MemoryError):
        raise Located(1 + line_offset, "YAML is too complex to read: 'nesting or aliases'",
                      "write the values out plainly", "yaml-too-large") from None
    try:
        return _load(_Loader, text, line_offset)
    except yaml.MarkedYAMLError as error:
        raise explain(text, error, line_offset) from None
    except yaml.YAMLError as error:
        raise Located(1 + line_offset, f"malformed YAML: {error}", YAML_HINT, "yaml-syntax") from None
    except (RecursionError, MemoryError):
        raise Located(1 + line_offset, "YAML is too complex to read: 'nesting or aliases'",
                      "write the values out plainly", "yaml-too-large") from None


# ---------------------------------------------------------------- plain-words errors

def _tab_indentation(text: str) -> int:
    """Line (1-based) of the first line indented with a tab, or 0."""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t") and stripped.strip():
            return number
    return 0


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_of(line: str) -> str:
    match = re.match(r"\s*(?:-\s+)?([^:#]+?)\s*:(\s|$)", line)
    return match.group(1) if match else line.strip()[:30]


def _previous_content_line(lines: list[str], index: int) -> int:
    """Index of the nearest earlier line that is neither blank nor a comment, or -1."""
    for earlier in range(index - 1, -1, -1):
        stripped = lines[earlier].strip()
        if stripped and not stripped.startswith("#"):
            return earlier
    return -1


def explain(text: str, error: yaml.MarkedYAMLError, line_offset: int = 0) -> Located:
    """A parse error in plain words, with the fix, located to the line that needs it."""
    lines = text.split("\n")
    mark = error.problem_mark or error.context_mark
    index = mark.line if mark else 0
    line_no = index + 1 + line_offset
    column = (mark.column + 1) if mark else 0
    here = lines[index] if index < len(lines) else ""
    problem = error.problem or ""
    context = error.context or ""
    context_line = (error.context_mark.line + 1 + line_offset) if error.context_mark else line_no

    def located(message: str, hint: str, rule: str, line: int = line_no, col: int = column) -> Located:
        return Located(line, message, hint, rule, col)

    if "quoted scalar" in context and "end of stream" in problem:
        index = context_line - 1 - line_offset
        opened = lines[index].strip()[:50] if 0 <= index < len(lines) else ""
        return located(f"the quotation mark opened on line {context_line} is never closed: '{opened}'",
                       "end the value with the same quotation mark it starts with", "yaml-unclosed-quote",
                       context_line, 0)
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        index = context_line - 1 - line_offset
        opened = lines[index] if 0 <= index < len(lines) else here
        what = "list" if bracket == "[" else "mapping"
        return located(f"the {what} opened with '{bracket}' on line {context_line} is not closed on that line: "
                       f"'{opened.strip()[:70]}'",
                       f"close it with '{']' if bracket == '[' else '}'}', and quote items that contain ', ' or ': '",
                       "yaml-unclosed-bracket", context_line, 0)
    if "cannot start any token" in problem:
        char = here[mark.column] if mark and mark.column < len(here) else "?"
        return located(f"line {line_no}: a value cannot start with '{char}' in YAML: '{here.strip()[:50]}'",
                       "put the whole value in double quotes", "yaml-reserved-character")
    if "mapping values are not allowed" in problem:
        previous = _previous_content_line(lines, index)
        before = lines[previous] if previous >= 0 else ""
        key_line = re.match(r"\s*[^:#\s][^:#]*:\s", here + " ")
        if key_line and previous >= 0 and _indent(here) > _indent(before) and not before.rstrip().endswith(":"):
            return located(f"line {line_no}: this key is indented more than the one above it: '{_key_of(here)}'",
                           f"line it up with '{_key_of(before)}' on line {previous + 1 + line_offset}, "
                           "or give the line above no value if this belongs under it", "yaml-indentation", col=0)
        return located(f"line {line_no}: the value contains ': ', which YAML reads as a new key: "
                       f"'{here.strip()[:50]}'", "put the whole value in double quotes", "yaml-unquoted-colon")
    if "block mapping" in context and ("expected <block end>" in problem or "expected key" in problem):
        previous = _previous_content_line(lines, index)
        before = lines[previous] if previous >= 0 else ""
        if "'<scalar>'" in problem and re.search(r"[\"']\s+\S", here):
            return located(f"line {line_no}: text after the closing quotation mark: '{here.strip()[:50]}'",
                           "put the whole value inside the quotation marks", "yaml-unclosed-quote")
        if here.lstrip().startswith("-"):
            return located(f"line {line_no}: this list item is not lined up with the key or items above it: "
                           f"'{here.strip()[:50]}'",
                           "indent every '- ' item of a list by the same number of spaces", "yaml-indentation",
                           col=0)
        if previous >= 0 and _indent(here) < _indent(before):
            return located(f"line {line_no}: this key is indented less than the one above it: '{_key_of(here)}'",
                           f"line it up with '{_key_of(before)}' on line {previous + 1 + line_offset}, "
                           "or with the keys of the level it belongs to", "yaml-indentation", col=0)
        return located(f"line {line_no}: this line does not fit the indentation of the lines above it: "
                       f"'{here.strip()[:50]}'", "indent keys of one level by the same number of spaces",
                       "yaml-indentation", col=0)
    if "block sequence" in context:
        return located(f"line {line_no}: this line does not continue the list above it: '{here.strip()[:50]}'",
                       "each item starts with '- ' at the same indentation", "yaml-indentation", col=0)
    if "found undefined alias" in problem or "found duplicate anchor" in problem:
        return located(f"line {line_no}: {problem}: '{here.strip()[:50]}'",
                       "write the value out instead of using anchors (&name) and aliases (*name)", "yaml-syntax")
    message = f"{problem or 'invalid YAML'}" + (f" ({context})" if context else "")
    return located(f"malformed YAML: {message}", YAML_HINT, "yaml-syntax")


# ---------------------------------------------------------------- front matter

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
    """Split `---`-fenced front matter from a Markdown body; raise `Located` if absent or broken."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        raise Located(1, f"the file does not start with a '---' line opening the YAML front matter: "
                         f"'{lines[0].strip()[:40] if lines else ''}'",
                      "start the file with a line '---', the fields, then another '---'", "frontmatter-missing")
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")):
            parsed = load_yaml("".join(lines[1:index]), line_offset=1)
            return FrontMatterDocument(parsed.value, "".join(lines[index + 1:]), index + 2,
                                       parsed.duplicate_keys)
    raise Located(1, "the YAML front matter opened on line 1 is never closed: '---'",
                  "add a line '---' after the last field", "frontmatter-unclosed")
