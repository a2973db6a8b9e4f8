"""`edition new` writes an edition that checks and builds strictly from the installed package,
with nothing copied from this repository; `edition accept` records a transcript's checksum.

The build test installs the package as a wheel (not the editable install this repository
uses) into a folder of its own and builds the new edition with it, from a folder outside the
repository: what someone who installs the package from PyPI gets.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from edition.scaffold import SAMPLE_TEXT, ScaffoldError, accept_transcript, new_edition
from edition_testing import ROOT, build_in_process, check_in_process

EDITION = [sys.executable, "-m", "edition"]


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


def test_new_writes_a_complete_edition_that_checks(tmp_path: Path):
    folder = tmp_path / "speech"
    result = run([*EDITION, "new", str(folder)], tmp_path)
    assert result.returncode == 0, result.stderr
    names = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    assert names == [".gitignore", "CHANGELOG.md", "bibliography.json", "docs/about.md", "edition.yml",
                     "glossary/_TEMPLATE.md", "glossary/american-civil-war.md", "mkdocs.yml",
                     f"texts/{SAMPLE_TEXT}/mentions.yml", f"texts/{SAMPLE_TEXT}/notes/_TEMPLATE.md",
                     f"texts/{SAMPLE_TEXT}/notes/p2-battlefield.md", f"texts/{SAMPLE_TEXT}/source.txt"]
    digest = hashlib.sha256((folder / "texts" / SAMPLE_TEXT / "source.txt").read_bytes()).hexdigest()
    assert f"sha256: {digest}\n" in (folder / "edition.yml").read_text(encoding="utf-8")
    checked = run([*EDITION, "check"], folder)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("edition check: no problems; 1 glossary entry, 1 note, 1 mention, 1 source, 1 text;")
    # mkdocs.yml names the plugin and nothing else of the machinery.
    mkdocs = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- scholarly-edition" in mkdocs and "hooks" not in mkdocs and "custom_dir" not in mkdocs
    assert "extra_css" not in mkdocs and "extra_javascript" not in mkdocs


SECOND_INAUGURAL = """Second Inaugural Address

Fellow-Countrymen:

At this second appearing to take the oath of the Presidential office there is less occasion for an
extended address than there was at the first.
"""


def readme_step(number: int) -> str:
    """The shell block of step `number` of the README's "Start your own edition"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Start your own edition", 1)[1].split("\n### ", 1)[0]
    step = re.split(r"\n\d\. \*\*", section)[number]
    (block,) = re.findall(r"```sh\n(.*?)```", step, flags=re.S)
    return "\n".join(line.strip() for line in block.splitlines())


def test_the_readme_recipe_makes_an_edition_of_another_text(tmp_path: Path):
    """Step 3 of "Start your own edition", as written: the sample's folder renamed, its note, entry,
    mentions and source removed, a new transcript in (a speech whose salutation is a block of its
    own, so ¶1), edition.yml pointed at it and its checksum accepted; it checks and builds strictly."""
    folder = tmp_path / "speech"
    new_edition(folder)
    shell = run(["bash", "-euc", readme_step(3)], folder)
    assert shell.returncode == 0, shell.stderr
    text = folder / "texts" / "second-inaugural"
    assert sorted(path.name for path in (text / "notes").iterdir()) == ["_TEMPLATE.md"]
    (text / "source.txt").write_text(SECOND_INAUGURAL, encoding="utf-8")
    config = folder / "edition.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(SAMPLE_TEXT, "second-inaugural"), encoding="utf-8")
    refused = check_in_process(folder)
    assert refused.returncode == 1 and "edition accept second-inaugural" in refused.output
    accept_transcript(config, "second-inaugural")
    checked = check_in_process(folder)
    assert checked.returncode == 0, checked.output
    built = build_in_process(folder, tmp_path / "site")
    assert built.returncode == 0, built.output
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    first = page.split('id="p1"', 1)[1].split('id="p2"', 1)[0]
    assert "Fellow-Countrymen:" in first and "second appearing" not in first


def test_the_summary_counts_a_note_with_a_problem_apart(tmp_path: Path):
    """A note the check sets aside for a problem is not silently missing from the counts."""
    folder = tmp_path / "speech"
    new_edition(folder)
    note = folder / "texts" / SAMPLE_TEXT / "notes" / "p2-battlefield.md"
    note.write_text(note.read_text(encoding="utf-8").replace("great battle-field", "great battlefield"), encoding="utf-8")
    checked = check_in_process(folder)
    assert checked.returncode == 1
    assert "; 1 glossary entry, 0 notes (and 1 with problems), 1 mention" in checked.output, checked.output


def test_nothing_of_this_edition_is_in_the_sample():
    text = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "hooks" / "edition" / "scaffold").rglob("*")
                     if path.is_file())
    for word in ("Russia", "Pakistan", "Masood", "Tribune", "Dawn", "make check", "CONTRIBUTING", "hooks/"):
        assert word not in text, word


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="is not an empty folder"):
        new_edition(tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]
    result = run([*EDITION, "new", str(tmp_path)], tmp_path)
    assert result.returncode == 2 and "is not an empty folder" in result.stderr


def test_accept_records_the_full_checksum_and_changes_nothing_else(tmp_path: Path):
    new_edition(tmp_path / "e")
    config = tmp_path / "e" / "edition.yml"
    before = config.read_text(encoding="utf-8")
    source = tmp_path / "e" / "texts" / SAMPLE_TEXT / "source.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("Four score", "Fourscore"), encoding="utf-8")
    failed = run([*EDITION, "check"], tmp_path / "e")
    assert failed.returncode == 1
    new = hashlib.sha256(source.read_bytes()).hexdigest()
    assert f"the transcript's SHA-256 is {new}, but edition.yml records" in failed.stderr
    assert f"'edition accept {SAMPLE_TEXT}'" in failed.stderr and "[basetext-checksum]" in failed.stderr
    result = run([*EDITION, "accept", SAMPLE_TEXT], tmp_path / "e")
    assert result.returncode == 0, result.stderr
    assert f"now {new}" in result.stdout
    after = config.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].endswith(f"sha256: {new}")
    assert run([*EDITION, "check"], tmp_path / "e").returncode == 0


def test_accept_names_the_texts_when_the_id_is_unknown(tmp_path: Path):
    new_edition(tmp_path / "e")
    with pytest.raises(ScaffoldError, match=f"no text with id 'gettysburg' \\(texts: {SAMPLE_TEXT}\\)"):
        accept_transcript(tmp_path / "e" / "edition.yml", "gettysburg")


def test_accept_adds_a_missing_checksum_after_the_source(tmp_path: Path):
    new_edition(tmp_path / "e")
    config = tmp_path / "e" / "edition.yml"
    lines = [line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
             if not line.strip().startswith("sha256:")]
    config.write_text("".join(lines), encoding="utf-8")
    accepted = accept_transcript(config, SAMPLE_TEXT)
    assert accepted.previous == ""
    text = config.read_text(encoding="utf-8")
    assert f"    source: texts/{SAMPLE_TEXT}/source.txt\n    sha256: {accepted.sha256}\n" in text


@pytest.mark.slow
def test_the_new_edition_builds_strictly_from_the_installed_wheel(tmp_path: Path):
    """pip wheel of this checkout, installed into a folder of its own; the new edition built with it
    from outside the repository, with no file of this repository on the path."""
    checkout = tmp_path / "checkout"   # the build writes beside its sources: never into this repository
    checkout.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, checkout / name)
    shutil.copytree(ROOT / "hooks", checkout / "hooks", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    wheels = tmp_path / "wheels"
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels),
                 str(checkout)], tmp_path)
    assert built.returncode == 0, built.stderr
    target = tmp_path / "installed"
    (wheel,) = wheels.glob("mkdocs_scholarly_edition-*.whl")
    installed = run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                    tmp_path)
    assert installed.returncode == 0, installed.stderr
    folder = tmp_path / "speech"
    env = {**os.environ, "PYTHONPATH": str(target), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    assert run([sys.executable, "-m", "edition", "new", str(folder)], tmp_path, env).returncode == 0
    where = run([sys.executable, "-c", "import edition, mkdocs_scholarly_edition as p; print(edition.__file__); "
                 "print(p.__file__)"], folder, env)
    assert all(line.startswith(str(target)) for line in where.stdout.split()), where.stdout
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], folder, env)
    assert result.returncode == 0, result.stderr
    site = folder / "site"
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="assets/edition/edition.css"' in page and 'src="assets/edition/edition.js"' in page
    assert 'id="note-p2-battlefield"' in page  # the note itself, as an element of the page
    for asset in ("assets/edition/edition.js", "assets/edition/edition.css", "assets/edition/tooltips.js",
                  "schemas/annotation.schema.json", "handout.pdf", "glossary/american-civil-war/index.html"):
        assert (site / asset).is_file(), asset
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "is in the public domain" in about and "Normalisations applied: none." in about
    # A speech: every style cites it (Chicago, which keeps unpublished speeches out of its
    # bibliography, by its full note), with its date; the timeline says it was given.
    rows = re.findall(r'<p class="edition-cite__text">(.*?)</p>', page)
    assert len(rows) == 3 and all("1863" in row for row in rows), rows
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "Abraham Lincoln gives “Address delivered at the dedication of the cemetery at Gettysburg”" in timeline
    assert "1 dated event on 1 day," in timeline and "Events by decade, 1860s." in timeline
    assert "(0 claims)" in (site / "claims" / "index.html").read_text(encoding="utf-8")
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "1 entry: every actor and event the text names" in glossary  # the edition's own kinds
