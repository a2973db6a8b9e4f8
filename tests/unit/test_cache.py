"""Results kept between builds (`edition.cache`): only in the user's own folder, written whole,
and found again only for the same input."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from edition import cache, citeproc


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder the cache is made in, for this test alone."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _base(temporary: Path) -> Path:
    return temporary / f"mkdocs-scholarly-edition-{os.getuid()}"


def test_the_folder_is_the_users_own_and_closed_to_others(temporary: Path):
    folder = cache.private_folder("citeproc")
    assert folder == _base(temporary) / "citeproc"
    for path in (folder, folder.parent):
        found = path.lstat()
        assert found.st_uid == os.getuid() and stat.S_IMODE(found.st_mode) == 0o700


def test_what_is_written_is_read_back_whole(temporary: Path):
    cache.write("handout", "key.pdf", b"%PDF-1.7 whole")
    assert cache.read("handout", "key.pdf") == b"%PDF-1.7 whole"
    assert cache.read("handout", "other.pdf") is None
    assert [path.name for path in (_base(temporary) / "handout").iterdir()] == ["key.pdf"]  # no half-written file


@pytest.mark.parametrize("open_to", [stat.S_IWOTH, stat.S_IWGRP])
def test_a_folder_others_can_write_to_is_never_read(temporary: Path, open_to: int):
    """Someone else could have put the file there for the build to publish."""
    cache.write("handout", "key.pdf", b"planted")
    base = _base(temporary)
    base.chmod(0o700 | open_to)
    assert cache.private_folder("handout") is None
    assert cache.read("handout", "key.pdf") is None
    cache.write("handout", "key.pdf", b"new")  # nothing is written either
    assert (base / "handout" / "key.pdf").read_bytes() == b"planted"


def test_a_symbolic_link_in_place_of_the_folder_is_never_followed(temporary: Path):
    elsewhere = temporary / "elsewhere"
    (elsewhere / "citeproc").mkdir(parents=True, mode=0o700)
    elsewhere.chmod(0o700)
    (elsewhere / "citeproc" / "key.html").write_bytes(b"planted")
    _base(temporary).symlink_to(elsewhere)
    assert cache.private_folder("citeproc") is None
    assert cache.read("citeproc", "key.html") is None


def test_a_file_where_the_folder_should_be_means_no_cache(temporary: Path):
    _base(temporary).write_text("not a folder", encoding="utf-8")
    assert cache.private_folder("citeproc") is None
    cache.write("citeproc", "key.html", b"x")  # and no error
    assert cache.read("citeproc", "key.html") is None


def test_citeproc_runs_pandoc_once_for_the_same_input(temporary: Path, monkeypatch: pytest.MonkeyPatch):
    runs: list[str] = []
    pandoc = citeproc._pandoc

    def counting(items_json: str, style: str, document: str) -> str:
        runs.append(document)
        return pandoc(items_json, style, document)

    monkeypatch.setattr(citeproc, "_pandoc", counting)
    items = '[{"id": "a", "type": "book", "title": "A Book", "issued": {"date-parts": [[2016]]}}]'
    document = citeproc._document([citeproc.CiteRequest("a", "a")], [], note=False)
    first = citeproc._run(items, "apa", document)
    assert "A Book" in first and len(runs) == 1
    assert citeproc._run(items, "apa", document) == first and len(runs) == 1  # as another build would
    assert "A Book" in citeproc._run(items, "mla", document) and len(runs) == 2  # another style
    assert "Other" in citeproc._run(items.replace("A Book", "Other"), "apa", document) and len(runs) == 3


def test_deleting_the_folder_between_builds_only_costs_the_work_again(temporary: Path,
                                                                      monkeypatch: pytest.MonkeyPatch):
    """As when the system cleans the temporary folder during a long `mkdocs serve`."""
    import shutil

    runs: list[str] = []
    pandoc = citeproc._pandoc
    monkeypatch.setattr(citeproc, "_pandoc", lambda *args: runs.append(args[2]) or pandoc(*args))
    items = '[{"id": "b", "type": "book", "title": "B Book"}]'
    document = citeproc._document([citeproc.CiteRequest("b", "b")], [], note=False)
    first = citeproc._run(items, "chicago", document)
    shutil.rmtree(_base(temporary))
    assert citeproc._run(items, "chicago", document) == first and len(runs) == 2
    assert (_base(temporary) / "citeproc").is_dir()
