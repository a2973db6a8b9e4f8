"""The benchmark's page variants: what `make bench` measures must be what it says it measures."""

from __future__ import annotations

from pathlib import Path

import pytest

import bench

PAGE = ('<html><head><script>window.early = 1</script><link rel="stylesheet" href="a.css"></head>'
        '<body><p>Text.</p><script id="__config" type="application/json">{}</script>'
        '<script src="assets/bundle.js"></script><script src="assets/edition.js"></script></body></html>')


def test_without_scripts_removes_every_script_file_and_keeps_the_rest(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "assets" / "bundle.js").write_text("run()", encoding="utf-8")

    copy = bench.without_scripts(site, tmp_path / "bare")

    html = (copy / "index.html").read_text(encoding="utf-8")
    assert "<script src" not in html
    assert html == PAGE.replace('<script src="assets/bundle.js"></script>', "").replace(
        '<script src="assets/edition.js"></script>', "")
    assert (copy / "assets" / "bundle.js").read_text(encoding="utf-8") == "run()"
    assert (site / "index.html").read_text(encoding="utf-8") == PAGE, "the measured site is not modified"


def test_without_scripts_refuses_a_page_with_no_script_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>No scripts.</p>", encoding="utf-8")
    with pytest.raises(RuntimeError, match="no <script src>"):
        bench.without_scripts(site, tmp_path / "bare")
