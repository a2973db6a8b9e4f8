"""The shape of the code, read from its source with `ast`: what issue #13 asked to keep.

- The core (`hooks/edition/`) imports nothing from MkDocs; `hooks/mkdocs_scholarly_edition.py`,
  the plugin, is the only module that does.
- The core has no import cycles.
- Markup lives in templates: no HTML tag in a Python string of the core beyond a few trivial
  inline elements. Strings are read with a real HTML tokenizer (html.parser); docstrings and
  regular expressions (patterns that read HTML, such as pandoc's output) are not markup.

(The vocabulary's agreement with the JSON Schemas is tests/unit/test_vocabulary.py.)
Each checker is also run on a small source that breaks its rule, so none can pass by
finding nothing.
"""

from __future__ import annotations

import ast
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator, NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
CORE = HOOKS / "edition"
ADAPTER = HOOKS / "mkdocs_scholarly_edition.py"


def core_modules() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def module_name(path: Path) -> str:
    """'edition.render.article' for hooks/edition/render/article.py ('edition' for its __init__)."""
    parts = list(path.relative_to(HOOKS).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


# ------------------------------------------------------------------ MkDocs stays in the adapter

_DYNAMIC_IMPORTS = {"import_module", "__import__", "find_spec"}


def _is_mkdocs(name: str | None) -> bool:
    return bool(name) and (name == "mkdocs" or name.startswith("mkdocs."))  # type: ignore[union-attr]


def mkdocs_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import of MkDocs in `source`: statements, and module names given
    as strings to importlib.import_module, __import__ or importlib.util.find_spec."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if _is_mkdocs(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and _is_mkdocs(node.module):
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in _DYNAMIC_IMPORTS and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str) and _is_mkdocs(node.args[0].value):
                found.append((node.lineno, node.args[0].value))
    return sorted(found)


@pytest.mark.parametrize(("source", "expected"), [
    ("import mkdocs\n", [(1, "mkdocs")]),
    ("import os, mkdocs.config as c\n", [(1, "mkdocs.config")]),
    ("from mkdocs.structure.files import File\n", [(1, "mkdocs.structure.files")]),
    ("def f():\n    from mkdocs import plugins\n", [(2, "mkdocs")]),
    ("if TYPE_CHECKING:\n    from mkdocs.config.defaults import MkDocsConfig\n", [(2, "mkdocs.config.defaults")]),
    ("import importlib\nimportlib.import_module('mkdocs.plugins')\n", [(2, "mkdocs.plugins")]),
    ("from importlib import import_module\nimport_module('mkdocs')\n", [(2, "mkdocs")]),
    ("__import__('mkdocs.utils')\n", [(1, "mkdocs.utils")]),
    ("import importlib.util\nimportlib.util.find_spec('mkdocs')\n", [(2, "mkdocs")]),
    # Not MkDocs: a package whose name only starts the same way, a relative module, a plain string.
    ("import mkdocs_material_extras\nfrom .mkdocs import x\nNAME = 'mkdocs.plugins'\n", []),
])
def test_the_mkdocs_import_finder(source: str, expected: list[tuple[int, str]]):
    assert mkdocs_imports(source) == expected


def test_the_core_imports_nothing_from_mkdocs():
    offenders = [f"{path.relative_to(ROOT).as_posix()}:{line}: imports '{module}'"
                 for path in core_modules() for line, module in mkdocs_imports(path.read_text(encoding="utf-8"))]
    assert offenders == [], "the edition package must not import MkDocs (only hooks/mkdocs_scholarly_edition.py does):\n" \
        + "\n".join(offenders)


def test_the_adapter_is_the_only_module_that_imports_mkdocs():
    importing = sorted(path.relative_to(ROOT).as_posix() for path in HOOKS.rglob("*.py")
                       if mkdocs_imports(path.read_text(encoding="utf-8")))
    assert importing == [ADAPTER.relative_to(ROOT).as_posix()]


# ------------------------------------------------------------------ no import cycles

def imported_modules(source: str, name: str, package: bool, known: set[str]) -> set[str]:
    """The modules of `known` that the module `name` imports (at any level of its code).

    `from . import x` imports the module `x` when there is one, else the package itself;
    `from .a import b` imports `a` (and `a.b` when that is a module).
    """
    base_parts = name.split(".") if package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base_parts[:len(base_parts) - (node.level - 1)]
                module = ".".join(parts + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            submodules = [f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in known]
            targets = submodules if len(submodules) == len(node.names) else [module, *submodules]
        else:
            continue
        for target in targets:
            if target in known:
                found.add(target)
    found.discard(name)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each as a path a → … → a."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(_path_through(sorted(group), graph))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _path_through(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """One cycle inside a strongly connected group, from its first member back to it."""
    members, start = set(group), group[0]
    path, seen = [start], {start}
    while True:
        here = path[-1]
        following = sorted(graph[here] & members)
        if start in following and len(path) > 1:
            return path + [start]
        step = next((m for m in following if m not in seen), None)
        if step is None:
            return path + [start]
        path.append(step)
        seen.add(step)


def core_import_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in core_modules()}
    known = set(modules)
    return {name: imported_modules(path.read_text(encoding="utf-8"), name, is_package(path), known)
            for name, path in modules.items()}


def test_the_import_graph_reader():
    known = {"edition", "edition.a", "edition.b", "edition.render", "edition.render.c", "edition.render.d"}
    source = ("from . import a\nfrom .render import c\nfrom ..x import y\nimport edition.b\n"
              "def f():\n    from .render.d import thing\n")
    assert imported_modules(source, "edition.z", False, known) == {"edition.a", "edition.render.c", "edition.render.d",
                                                                   "edition.b"}
    # A name that is not a module comes from the package's __init__.
    assert imported_modules("from .render import Renderer, c\n", "edition.z", False, known) \
        == {"edition.render", "edition.render.c"}
    # Inside a subpackage, '..' is the package above; in an __init__, '.' is the package itself.
    assert imported_modules("from ..a import x\nfrom .d import y\n", "edition.render.c", False, known) \
        == {"edition.a", "edition.render.d"}
    assert imported_modules("from .c import x\n", "edition.render", True, known) == {"edition.render.c"}


def test_the_cycle_finder():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}) == [["a", "b", "a"], ["c", "d", "c"]]


def test_the_core_has_no_import_cycles():
    graph = core_import_graph()
    # The graph is read, not empty: the loader and the renderer depend on the model.
    assert "edition.model" in graph["edition.load"] and "edition.model" in graph["edition.render.environment"]
    assert cycles(graph) == [], "import cycles in hooks/edition/:\n" + "\n".join(
        " → ".join(cycle) for cycle in cycles(graph))


# ------------------------------------------------------------------ markup lives in templates

ALLOWED_TAGS = frozenset({"em", "strong", "code", "br"})
"""Trivial inline elements a Python string may still contain (none does today)."""

HTML_ELEMENTS = frozenset("""
a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col
colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2
h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark menu meta
meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script
search section select slot small source span strong style sub summary sup table tbody td template textarea tfoot
th thead time title tr track u ul var video wbr
svg g path circle rect line polyline polygon ellipse text tspan defs use symbol desc foreignobject
""".split())
"""HTML's elements and SVG's common ones: what a browser would build from a tag. Other names in
angle brackets are prose ("expected <block end>", "<U+0007>", "glossary:<id>")."""

_REGEX_FUNCTIONS = {"compile", "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer"}
_PLACEHOLDER = " \x00 "
"""Stands for each {…} of an f-string: keeps `<a href="{x}">` a tag and makes `<{tag}>` none."""


class MarkupInPython(NamedTuple):
    line: int
    tag: str
    """'<span>' or '</a>'."""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.found.append((self.getpos()[0], f"<{tag}>"))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.found.append((self.getpos()[0], f"<{tag}>"))

    def handle_endtag(self, tag: str) -> None:
        self.found.append((self.getpos()[0], f"</{tag}>"))


def _not_markup(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are not output: docstrings (any string statement) and the
    pattern argument of a `re` function."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, (ast.Constant, ast.JoinedStr)):
            skipped.add(id(node.value))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" \
                and node.func.attr in _REGEX_FUNCTIONS and node.args:
            skipped.add(id(node.args[0]))
    return skipped


def _strings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(first line, text) of every string literal; an f-string with a placeholder per {…}."""
    skipped = _not_markup(tree)
    parts = {id(value) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for value in node.values}
    for node in ast.walk(tree):
        if id(node) in skipped or id(node) in parts:
            continue
        if isinstance(node, ast.JoinedStr):
            yield node.lineno, "".join(value.value if isinstance(value, ast.Constant) else _PLACEHOLDER
                                       for value in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def markup_in_python(source: str) -> list[MarkupInPython]:
    """Every HTML tag, other than ALLOWED_TAGS, in a string literal of `source`."""
    found = []
    for line, text in _strings(ast.parse(source)):
        if "<" not in text:
            continue
        tokenizer = _Tags()
        tokenizer.feed(text.replace("<!", "&lt;!"))  # comments and declarations are not elements
        tokenizer.close()
        for offset, tag in tokenizer.found:
            name = tag.strip("</>")
            if name in HTML_ELEMENTS and name not in ALLOWED_TAGS:
                found.append(MarkupInPython(line + offset - 1, tag))
    return sorted(found, key=lambda markup: markup.line)


@pytest.mark.parametrize(("source", "expected"), [
    ('X = \'<span class="edition-quote">\'\n', [(1, "<span>")]),
    ("def f(href):\n    return f'<a href=\"{href}\">link</a>'\n", [(2, "<a>"), (2, "</a>")]),
    ("X = f\"<a{attrs}>\" + '</a>'\n", [(1, "<a>"), (1, "</a>")]),
    ("X = ('<p>'\n     '<img src=x>')\n", [(1, "<p>"), (1, "<img>")]),
    ('X = """\n<div>\n"""\n', [(2, "<div>")]),
    ("def f():\n    out.append('<sup data-apparatus>1</sup>')\n", [(2, "<sup>"), (2, "</sup>")]),
    # Not markup: the allowed inline elements, docstrings, regular expressions, prose in brackets,
    # a tag whose name is a placeholder, comparisons.
    ("X = '<em>a</em> and <code>b</code><br>'\n", []),
    ('def f():\n    """Wraps it in a <span>."""\n', []),
    ("import re\nP = re.compile(r'<div id=\"(c|s)\">\\s*<p>(.*?)</p>')\nQ = re.sub(r'<span>(.*)</span>', '', x)\n", []),
    ("M = 'expected <block end>'\nN = f'<U+{c:04X}>'\nO = f'<{tag}>'\nP = f'</{tag}>'\nQ = 'use glossary:<id>'\n", []),
    ("X = a < b > c\nY = 'a < b and c > d'\n", []),
])
def test_the_markup_finder(source: str, expected: list[tuple[int, str]]):
    assert markup_in_python(source) == expected


def test_no_markup_in_python_strings():
    offenders = [f"{path.relative_to(ROOT).as_posix()}:{found.line}: {found.tag} in a Python string "
                 "(move the markup into a template under hooks/edition/templates/)"
                 for path in core_modules() for found in markup_in_python(path.read_text(encoding="utf-8"))]
    assert offenders == [], "\n".join(offenders)
