"""What the loader finds in a file's text is kept for the rest of the process (`examine` for
notes and entries, `examine_bibliography`): a kept result must never name the wrong file, miss
a change, or be changed by its users."""

from __future__ import annotations

import copy
from pathlib import Path

from edition.bibliography import load_bibliography
from edition.frontmatter import split_front_matter
from edition.sourcefile import examine, read_source_file

from .tiny_edition import BIBLIOGRAPHY, ENTRIES, SPRING, TinyEdition

SCHEMA = "glossary-entry"


def test_the_same_text_in_two_files_gives_each_file_its_own_problems(tmp_path: Path):
    broken = ENTRIES["southland"].replace("kind: actor", "kind: actr")
    first, second = tmp_path / "glossary" / "a.md", tmp_path / "glossary" / "b.md"
    first.parent.mkdir()
    for path in (first, second):
        path.write_text(broken, encoding="utf-8")
    (_, one), (_, two) = (read_source_file(path, tmp_path, "entry", SCHEMA) for path in (first, second))
    assert [problem.path for problem in one] == ["glossary/a.md"]
    assert [problem.path for problem in two] == ["glossary/b.md"]
    assert [problem._replace(path="") for problem in one] == [problem._replace(path="") for problem in two]


def test_a_changed_file_is_examined_again(tmp_path: Path):
    path = tmp_path / "entry.md"
    path.write_text(ENTRIES["southland"], encoding="utf-8")
    source, problems = read_source_file(path, tmp_path, "entry", SCHEMA)
    assert source is not None and source.valid and problems == []
    path.write_text(ENTRIES["southland"].replace("kind: actor", "kind: actr"), encoding="utf-8")
    source, problems = read_source_file(path, tmp_path, "entry", SCHEMA)
    assert source is not None and not source.valid
    assert [problem.rule for problem in problems] == ["schema-enum"]
    path.write_text(ENTRIES["southland"], encoding="utf-8")
    source, problems = read_source_file(path, tmp_path, "entry", SCHEMA)
    assert source is not None and source.valid and problems == []


def test_the_text_is_examined_once_and_the_result_is_not_changed_by_loading(tmp_path: Path):
    edition = TinyEdition(tmp_path)
    texts = {path: path.read_text(encoding="utf-8") for path in sorted(tmp_path.rglob("*.md"))
             if path.parent.name in ("glossary", "notes")}
    schemas = {path: "annotation" if path.parent.name == "notes" else SCHEMA for path in texts}
    kept = {path: copy.deepcopy(examine(text, schemas[path])) for path, text in texts.items()}
    hits = examine.cache_info().hits
    assert edition.load().problems == ()
    assert examine.cache_info().hits >= hits + len(texts)  # each file's text was found, not parsed again
    for path, text in texts.items():
        meta, body, body_line = examine(text, schemas[path])[0]
        assert (meta, body, body_line) == kept[path][0], f"{path.name}: the kept front matter was changed"
        assert meta == split_front_matter(text).meta


def test_one_bibliography_text_at_two_paths_names_each_path(tmp_path: Path):
    text = BIBLIOGRAPHY.replace('"title": "The Accord in the Harbour Gazette"', '"title": "[Untitled]"')
    one = load_bibliography(tmp_path / "a" / "bibliography.json", text, tmp_path)[1]
    two = load_bibliography(tmp_path / "b" / "bibliography.json", text, tmp_path)[1]
    assert [(problem.path, problem.rule) for problem in one] == [("a/bibliography.json", "title-stand-in")]
    assert [(problem.path, problem.rule) for problem in two] == [("b/bibliography.json", "title-stand-in")]


def test_the_bibliography_is_examined_again_for_other_text_or_other_disallowed_domains(tmp_path: Path):
    path = tmp_path / "bibliography.json"
    assert load_bibliography(path, BIBLIOGRAPHY, tmp_path)[1] == []
    refused = load_bibliography(path, BIBLIOGRAPHY, tmp_path, {"example.org": "not a source"})[1]
    assert [problem.rule for problem in refused] == ["source-disallowed"]
    assert load_bibliography(path, BIBLIOGRAPHY, tmp_path)[1] == []
    changed = BIBLIOGRAPHY.replace("https://example.org/gazette/accord", "https://example.org/a?utm_source=x")
    assert [problem.rule for problem in load_bibliography(path, changed, tmp_path)[1]] == ["url-tracking"]


def test_each_caller_gets_its_own_dictionary_of_references(tmp_path: Path):
    path = tmp_path / "bibliography.json"
    first, _ = load_bibliography(path, BIBLIOGRAPHY, tmp_path)
    first.references.clear()
    second, _ = load_bibliography(path, BIBLIOGRAPHY, tmp_path)
    assert list(second.references) == ["harbour-gazette-2021-03-03-accord"]




def test_a_kept_body_check_follows_the_ids_that_exist(tmp_path: Path):
    """A link to a note that does not exist yet is reported; once the note is written, it is not."""
    from edition.config import load_config
    from edition.load import load_edition
    from edition.markup import MarkdownRenderer

    edition = TinyEdition(tmp_path)
    oil = tmp_path / "texts" / "lighthouse" / "notes" / "p2-oil.md"
    oil.write_text(oil.read_text(encoding="utf-8").replace("The price of the oil.",
                                                           "The price of the oil; see [spring](note:p3-spring)."),
                   encoding="utf-8")
    assert [problem.rule for problem in edition.load().problems] == ["link-unknown-target"]
    edition.note("p3-spring", SPRING)
    loaded = edition.load()
    assert loaded.problems == ()
    # The same with a renderer of the caller's, which is never kept.
    assert load_edition(load_config(tmp_path / "edition.yml"), MarkdownRenderer()).problems == ()
    (tmp_path / "texts" / "lighthouse" / "notes" / "p3-spring.md").unlink()
    assert [problem.rule for problem in edition.load().problems] == ["link-unknown-target"]
