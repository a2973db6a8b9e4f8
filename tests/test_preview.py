"""The fast preview (`mkdocs serve --dirty`, what `make serve` runs): a rebuild after a saved note
or entry renders only the pages that change, and the site it leaves is the site a full build
makes of the same sources, file for file (edition.preview; the adapter's dirty-build events).

The integration tests run MkDocs' own `build(config, dirty=True)` as `mkdocs serve --dirty` does
on each change, in a subprocess (MkDocs keeps plugin instances for the life of a process, as
the server does), and compare the result with `mkdocs build` of the edited project.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from edition.preview import Preview, fingerprint, front_matter, page_of
from edition.render.environment import VisibleFilesLoader
from edition_testing import ROOT, copy_project, run_build

NOTE = "texts/rekindled-pak-russia-relations/notes/p9-people-to-people.md"
ENTRY = "glossary/china.md"

# --- edition.preview, alone ---------------------------------------------------------------------


def test_a_generated_page_is_written_again_only_when_it_changed(tmp_path: Path) -> None:
    preview = Preview(tmp_path / "pages")
    preview.start("one", tmp_path / "site")
    path = preview.source("notes/a.md", "# A\n")
    written = path.stat().st_mtime_ns
    assert path.read_text() == "# A\n" and preview.changed == ["notes/a.md"]

    preview.start("one", tmp_path / "site")
    assert preview.source("notes/a.md", "# A\n") == path
    assert path.stat().st_mtime_ns == written and preview.changed == [] and not preview.full

    preview.source("notes/a.md", "# A, changed\n")
    assert path.read_text() == "# A, changed\n" and preview.changed == ["notes/a.md"]


def test_a_new_fingerprint_empties_the_site_and_starts_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "notes").mkdir(parents=True)
    (site / "notes" / "index.html").write_text("old")
    (site / ".git").mkdir()
    preview = Preview(tmp_path / "pages")
    assert preview.start("one", site) is True
    assert sorted(child.name for child in site.iterdir()) == [".git"]  # dot names stay, as MkDocs keeps them
    preview.source("a.md", "A")
    (site / "index.html").write_text("built")
    assert preview.start("one", site) is False and (site / "index.html").exists()
    assert preview.start("two", site) is True and not (site / "index.html").exists()
    assert preview.source("a.md", "A").exists() and preview.changed == ["a.md"]  # written again


def test_a_hand_written_page_is_rebuilt_when_its_directives_expand_differently(tmp_path: Path) -> None:
    preview = Preview(tmp_path)
    assert preview.expansion_changed("teaching.md", "Notes: 32") is True
    assert preview.expansion_changed("teaching.md", "Notes: 32") is False
    assert preview.expansion_changed("teaching.md", "Notes: 33") is True


def test_the_search_index_keeps_the_pages_not_rebuilt(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    full = {"config": {"lang": ["en"]}, "docs": [
        {"location": "", "title": "Text", "text": "old"},
        {"location": "#p4", "title": "¶4", "text": "old"},
        {"location": "glossary/china/", "title": "China", "text": "China"},
    ]}
    index.write_text(json.dumps(full))
    preview = Preview(tmp_path)
    preview.merge_search_index(index, {"", "glossary/china/"})  # a full build: kept as written
    assert json.loads(index.read_text()) == full

    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": [{"location": "", "title": "Text", "text": "new"}]}))
    preview.merge_search_index(index, {""})
    merged = json.loads(index.read_text())
    assert merged["config"] == {"lang": ["en"]}
    assert sorted((doc["location"], doc["text"]) for doc in merged["docs"]) == [("", "new"), ("glossary/china/", "China")]


def test_helpers() -> None:
    assert front_matter("---\ntitle: A\n---\n\nBody") == "---\ntitle: A\n---\n"
    assert front_matter("# No front matter") == ""
    assert page_of("notes/p4/#finding") == "notes/p4/" and page_of("") == ""
    assert fingerprint(["ab", "c"]) != fingerprint(["a", "bc"])  # parts are delimited


def test_the_theme_listing_leaves_out_hidden_folders(tmp_path: Path) -> None:
    for name in ("main.html", "assets/app.js", ".icons/a/b.svg", "assets/.cache/x", ".hidden.css"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    other = tmp_path.parent / f"{tmp_path.name}-other"
    (other / "assets").mkdir(parents=True)
    (other / "assets" / "app.js").write_text("y")
    (other / "extra.css").write_text("y")
    loader = VisibleFilesLoader([str(tmp_path), str(other)])
    assert loader.list_templates() == ["assets/app.js", "extra.css", "main.html"]
    assert jinja2.Environment(loader=loader).get_template("main.html").render() == "x"


def test_the_theme_gives_mkdocs_the_same_static_files() -> None:
    """With the loader, MkDocs finds the same static files in Material and the package's overrides
    as with Jinja's own (what MkDocs drops from the listing is what the loader leaves out)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config = load_config(str(ROOT / "mkdocs.yml"))
    found = {}
    for name, loader in (("jinja", jinja2.FileSystemLoader), ("visible", VisibleFilesLoader)):
        env = jinja2.Environment(loader=loader(config.theme.dirs))
        files = Files([])
        files.add_files_from_theme(env, config)
        found[name] = sorted(file.src_uri for file in files)
    assert len(found["jinja"]) > 20 and found["visible"] == found["jinja"]


# --- a dirty rebuild against a full build -------------------------------------------------------

DRIVER = r"""
import json, logging, sys
from pathlib import Path
from typing import Any
from mkdocs.commands.build import build
from mkdocs.config import load_config

site, edits = sys.argv[1], json.loads(sys.argv[2])
logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)

def built():
    config = load_config("mkdocs.yml", site_dir=site)
    build(config, dirty=True)
    pages = {str(path.relative_to(site)): path.stat().st_mtime_ns for path in Path(site).rglob("*.html")}
    print("BUILT " + json.dumps(pages), flush=True)
    return config

config = load_config("mkdocs.yml", site_dir=site)
config.plugins.on_startup(command="serve", dirty=True)
built()
for path, old, new in edits:
    source = Path(path)
    text = source.read_text(encoding="utf-8")
    assert old in text, (path, old)
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    config = built()
# In serve, the handout PDFs follow the pages, in the background, after a pause.
timer = config.plugins["scholarly-edition"].handout_timer
if timer is not None:
    timer.join(300)
print("PDF " + json.dumps(sorted(str(path.relative_to(site)) for path in Path(site).rglob("*.pdf"))), flush=True)
config.plugins.on_shutdown()
"""


def dirty_builds(project: Path, site: Path, edits: list[tuple[str, str, str]]) -> tuple[list[dict[str, int]], str]:
    """Build `project` as `mkdocs serve --dirty` does, once and then after each edit; the mtimes
    of the HTML pages after each build, and what was logged."""
    done = subprocess.run([sys.executable, "-c", DRIVER, str(site), json.dumps(edits)], cwd=project,
                          capture_output=True, text=True, timeout=600,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1",
                               "HOME": str(project)})
    assert done.returncode == 0, done.stdout + done.stderr
    builds = [json.loads(line[6:]) for line in done.stdout.splitlines() if line.startswith("BUILT ")]
    # MkDocs renders its theme's 404 page on every build, dirty or not.
    for built in builds:
        del built["404.html"]
    log = "\n".join(line for line in done.stdout.splitlines() if not line.startswith("BUILT "))
    return builds, log


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site except the handout PDFs (made in the background in serve) and
    the compressed sitemap (gzip records when it was made)."""
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and path.suffix != ".pdf" and path.name != "sitemap.xml.gz"}


def search_docs(files: dict[str, bytes]) -> list[tuple[str, str, str]]:
    docs = json.loads(files.pop("search/search_index.json"))["docs"]
    return sorted((doc["location"], doc["title"], doc["text"]) for doc in docs)


@pytest.mark.slow
def test_a_dirty_rebuild_renders_only_what_changed_and_equals_a_full_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    edits = [
        (NOTE, "ties between societies rather than governments", "ties between two societies rather than governments"),
        (ENTRY, "China is named once", "China is named just once"),
    ]
    builds, log = dirty_builds(project, tmp_path / "preview", edits)
    first, after_note, after_entry = builds
    assert set(first) == set(after_note) == set(after_entry)

    rebuilt = sorted(page for page in after_note if after_note[page] != first[page])
    assert rebuilt == ["index.html", "notes/p9-people-to-people/index.html", "print/index.html"], log
    rebuilt = sorted(page for page in after_entry if after_entry[page] != after_note[page])
    assert "glossary/china/index.html" in rebuilt and "notes/p9-people-to-people/index.html" not in rebuilt, log
    assert len(rebuilt) < 10, rebuilt

    full = tmp_path / "full"
    done = run_build(project, full)
    assert done.returncode == 0, done.output
    expected, actual = site_files(full), site_files(tmp_path / "preview")
    assert search_docs(actual) == search_docs(expected)
    assert sorted(actual) == sorted(expected)
    different = [name for name in expected if actual[name] != expected[name]]
    assert different == [], different
    assert b"ties between two societies" in actual["index.html"]
    assert b"China is named just once" in actual["glossary/china/index.html"]


@pytest.mark.slow
def test_a_change_to_edition_yml_or_a_hand_written_page_rebuilds_everything(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    edits = [
        ("docs/about.md", "\n", "\n\n"),
        ("edition.yml", "short_title: Rekindled Pak-Russia Relations", "short_title: Rekindled Pak–Russia Relations"),
    ]
    builds, log = dirty_builds(project, tmp_path / "preview", edits)
    first, after_page, after_config = builds
    assert all(after_page[page] != first[page] for page in first), log
    assert all(after_config[page] != after_page[page] for page in first), log
    assert log.count("fast preview: a full rebuild") == 3
    assert "A 'dirty' build is being performed" not in log
    assert 'PDF ["handout.pdf"]' in log.splitlines()  # made after the last rebuild


COMPILES = r"""
import json, sys
import jinja2
from mkdocs.config import load_config

compiled = []
compile_ = jinja2.Environment.compile

def spy(self, source, name=None, *args, **kwargs):
    compiled.append(name)
    return compile_(self, source, name, *args, **kwargs)

jinja2.Environment.compile = spy
for _ in range(2):
    compiled.clear()
    config = load_config(sys.argv[1])
    config.plugins.on_config(config)
    config.theme.get_env().get_template("main.html")
    print(json.dumps(compiled), flush=True)
"""


def test_the_search_plugin_reads_its_translations_from_compiled_templates() -> None:
    """The theme's environments are set up before any plugin makes one (the search plugin makes
    three per build to read its translations): in a process's second build, as in each rebuild
    of `mkdocs serve`, no template is compiled again."""
    done = subprocess.run([sys.executable, "-c", COMPILES, str(ROOT / "mkdocs.yml")], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "hooks"),
                                                       "NO_MKDOCS_2_WARNING": "1", "HOME": str(ROOT)})
    assert done.returncode == 0, done.stdout + done.stderr
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert "partials/language.html" in first and "main.html" in first
    assert second == []


@pytest.mark.slow
def test_the_preview_server_watches_the_sources_and_lets_the_browser_cache(tmp_path: Path) -> None:
    """`mkdocs serve --dirty` (`make serve`) rebuilds when a note is saved, and tells the browser
    what it may keep: Material's assets (named by their content) for good, the edition's own
    files until they change (an unchanged one is answered "304 Not Modified")."""
    import re
    import time
    import urllib.error
    import urllib.request

    from bench_preview import preview_server

    project = copy_project(tmp_path / "project")
    with preview_server(project) as (address, _process):
        def get(path: str, **headers: str) -> tuple[int, dict[str, str], str]:
            request = urllib.request.Request(address + path, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - a local address
                    return response.status, dict(response.headers), response.read().decode("utf-8")
            except urllib.error.HTTPError as error:
                return error.code, dict(error.headers), ""

        status, headers, page = get("")
        assert status == 200 and "ETag" not in headers and "livereload" in page
        bundle = re.search(r'src="(assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"', page)
        assert bundle is not None, "no Material bundle in the page"
        status, headers, _ = get(bundle[1])
        assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"

        status, headers, css = get("assets/edition/edition.css")
        assert status == 200 and css and headers["Cache-Control"] == "no-cache"
        status, again, body = get("assets/edition/edition.css", **{"If-None-Match": headers["ETag"]})
        assert (status, body) == (304, "")

        note = project / NOTE
        note.write_text(note.read_text(encoding="utf-8").replace(
            "ties between societies rather than governments", "ties between two societies rather than governments", 1),
            encoding="utf-8")
        deadline = time.monotonic() + 60
        while "ties between two societies" not in get("")[2]:
            assert time.monotonic() < deadline, "the saved note never reached the article"
            time.sleep(0.2)
