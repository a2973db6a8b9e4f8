"""Templates can be overridden from a site's `overrides/edition/`, and every one is documented.

hooks/edition/templates/README.md is the list of override points: each template file has its
section there, and each section names every variable the template uses (read from the
template by Jinja's own parser), so the documentation cannot fall behind the templates. An
override is proved twice: rendered in-process (it replaces the template wherever another
includes it), and in a real strict build of the two-text fixture edition with the README's
worked example.
"""

from __future__ import annotations

import glob
import re
import shutil
import tomllib
from pathlib import Path

import jinja2
import pytest
from jinja2 import meta

from edition.build import SiteBuild
from edition.config import load_config
from edition.load import load_edition
from edition.render.environment import TEMPLATES, template_environment
from edition.render.glossary import glossary_index_page
from edition.render.notes import claims_page
from edition.urls import UrlStyle
from edition_testing import ROOT, extract_base_text, run_build, soup, transcript_text, warnings_of

README = TEMPLATES / "README.md"
MINI = ROOT / "tests" / "fixtures" / "mini"


def template_names() -> list[str]:
    return sorted(path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*")
                  if path.is_file() and path != README and "__pycache__" not in path.parts)


def readme_sections() -> dict[str, str]:
    """The text under each '#### `path`' heading of the README, by path."""
    text = README.read_text(encoding="utf-8")
    parts = re.split(r"^#{3,4} (.*)$", text, flags=re.M)
    sections = {}
    for heading, body in zip(parts[1::2], parts[2::2], strict=False):
        found = re.fullmatch(r"`([^`]+)`", heading.strip())
        if found:
            sections[found.group(1)] = body
    return sections


def documented_globals() -> set[str]:
    """The names listed under '**Globals**' in the README."""
    text = README.read_text(encoding="utf-8")
    block = text.split("- **Globals**:", 1)[1].split("\n\n", 1)[0]
    return set(re.findall(r"^  - `(\w+)`", block, flags=re.M))


def backticked_names(text: str) -> set[str]:
    return {name for span in re.findall(r"`([^`]+)`", text) for name in re.findall(r"[A-Za-z_]\w*", span)}


def mini_build(override_dir: Path | None) -> SiteBuild:
    config = load_config(MINI / "edition.yml")
    edition = load_edition(config, docs_dir=MINI / "docs", url_style=UrlStyle(True))
    assert edition.problems == ()
    return SiteBuild(edition, page_url=UrlStyle(True).page_url, docs_dir=MINI / "docs", override_dir=override_dir)


# ------------------------------------------------------------------ the README is complete

def test_every_template_has_a_section_in_the_readme():
    sections = readme_sections()
    assert len(template_names()) > 30  # the folder is read, not empty
    missing = [name for name in template_names() if name not in sections]
    assert missing == [], f"templates without a section in {README.relative_to(ROOT)}: {missing}"


def test_the_readme_names_no_template_that_does_not_exist():
    assert sorted(set(readme_sections()) - set(template_names())) == []


@pytest.mark.parametrize("name", template_names())
def test_the_readme_names_every_variable_the_template_uses(name: str):
    env = template_environment()
    used = meta.find_undeclared_variables(env.parse((TEMPLATES / name).read_text(encoding="utf-8")))
    undocumented = sorted(used - documented_globals() - {"page_url"} - backticked_names(readme_sections()[name]))
    assert undocumented == [], f"{name} uses variables its README section does not name: {undocumented}"


def test_every_template_ships_with_the_package():
    """pyproject's package-data puts every template (and schema) into the distribution: an edition
    that installs the package from a wheel would otherwise miss the file at build time."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["edition"]
    package = TEMPLATES.parent
    shipped = {Path(found).as_posix() for pattern in patterns
               for found in glob.glob(pattern, root_dir=package, recursive=True)}
    wanted = {f"templates/{name}" for name in template_names()} | {
        path.relative_to(package).as_posix() for path in (package / "schemas").glob("*.json")}
    assert sorted(wanted - shipped) == []


def test_a_template_is_compiled_once_per_process_and_again_when_its_file_changes(tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch):
    """`mkdocs serve` rebuilds reuse compiled templates, but an edited override is never served stale."""
    compiled: list[str | None] = []
    compile_source = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):  # noqa: ANN001
        compiled.append(name)
        return compile_source(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    override = tmp_path / "edition"
    override.mkdir()
    (override / "greeting.html").write_text("one {{ 1 + 1 }}", encoding="utf-8")
    assert template_environment(override).get_template("greeting.html").render() == "one 2"
    assert template_environment(override).get_template("greeting.html").render() == "one 2"
    assert compiled == ["greeting.html"]
    (override / "greeting.html").write_text("two {{ 1 + 2 }}", encoding="utf-8")
    assert template_environment(override).get_template("greeting.html").render() == "two 3"
    assert compiled == ["greeting.html", "greeting.html"]


def test_the_documented_globals_are_the_environments():
    renderer = mini_build(None).renderer
    jinja_defaults = set(jinja2.Environment().globals)
    assert documented_globals() == set(renderer.env.globals) - jinja_defaults


# ------------------------------------------------------------------ an override takes effect

LEGEND = '<p class="edition-legend" data-test-override>Marks: {{ verdicts | length }} verdicts.</p>\n'


def test_an_override_replaces_a_template_everywhere_it_is_included(tmp_path: Path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "legend.html").write_text(LEGEND, encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "glossary.md").write_text("<h1>Index</h1>\n<p>{{ entries | length }} entries</p>\n",
                                                    encoding="utf-8")
    shipped, overridden = mini_build(None).renderer, mini_build(tmp_path).renderer
    assert "data-test-override" not in claims_page(shipped).content
    assert "data-test-override" in claims_page(overridden).content
    assert "Marks: 5 verdicts." in claims_page(overridden).content
    assert glossary_index_page(overridden).content.endswith("<h1>Index</h1>\n<p>3 entries</p>\n")
    # A template the site does not override still comes from the package.
    assert "edition-claims" in claims_page(overridden).content


def test_a_missing_override_folder_changes_nothing(tmp_path: Path):
    assert claims_page(mini_build(tmp_path / "absent").renderer).content == claims_page(mini_build(None).renderer).content


@pytest.mark.slow
def test_a_site_built_with_the_readmes_worked_example_uses_it(tmp_path: Path):
    """The README's example, in a strict build: markers read [1], [2✓]; the handout's do not."""
    project = tmp_path / "mini"
    shutil.copytree(MINI, project, ignore=shutil.ignore_patterns("__pycache__"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("  name: material\n") == 1
    (project / "mkdocs.yml").write_text(config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
                                        encoding="utf-8")
    marker = (TEMPLATES / "partials" / "marker.html").read_text(encoding="utf-8")
    opening, closing = '">{{ note.number }}{% if verdict %}', "{% endif %}</a></sup>"
    assert marker.count(opening) == 1 and marker.count(closing) == 1
    override = project / "overrides" / "edition" / "partials" / "marker.html"
    override.parent.mkdir(parents=True)
    override.write_text(marker.replace(opening, '">[{{ note.number }}{% if verdict %}')
                        .replace(closing, "{% endif %}]</a></sup>"), encoding="utf-8")

    site = tmp_path / "site"
    # This checkout's package, not whichever one is installed.
    result = run_build(project, site, PYTHONPATH=str(ROOT / "hooks"))
    assert result.returncode == 0, result.output
    assert warnings_of(result.output) == []

    page = soup(site / "index.html")
    markers = [sup.get_text() for sup in page.select("sup.edition-marker")]
    assert markers and all(re.fullmatch(r"\[\d+\S?\]", text) for text in markers), markers
    handout_markers = [sup.get_text() for sup in soup(site / "print" / "index.html").select("sup.handout-marker")]
    assert handout_markers and not any(text.startswith("[") for text in handout_markers), handout_markers
    # The markers are apparatus: the page still gives back the transcript exactly.
    source = (project / "texts" / "lighthouse-accord" / "source.txt").read_text(encoding="utf-8")
    assert extract_base_text(page) == transcript_text(source)
    # The override is a template, not a static file of the theme: it is not published.
    assert not (site / "edition").exists()
