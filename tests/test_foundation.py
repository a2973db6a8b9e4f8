"""The edition builds: the exact base text, numbered paragraphs, a strict, clean, repeatable build."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from edition_testing import ROOT, TRANSCRIPT, Run, extract_base_text, readable_diff, run_build, soup, transcript_text, warnings_of

pytestmark = pytest.mark.slow

SHARED_TRANSCRIPT_SHA256 = "c7b760681921bb66d394abc1e11aa9d70ae979a612069140990b8d7c3199c8cc"


def test_transcript_copy_matches_the_recorded_checksum():
    assert hashlib.sha256(TRANSCRIPT.read_bytes()).hexdigest() == SHARED_TRANSCRIPT_SHA256


def test_built_page_reproduces_the_transcript_exactly(site: Path):
    expected = transcript_text(TRANSCRIPT.read_text(encoding="utf-8"))
    actual = extract_base_text(soup(site / "index.html"))
    assert actual == expected, "built text differs from the transcript:\n" + readable_diff(expected, actual)


def test_fidelity_check_catches_a_changed_character(site: Path):
    """The extraction is sensitive: one altered character in the page makes it differ."""
    page = (site / "index.html").read_text(encoding="utf-8").replace("quarter of a century", "quarter of a centry")
    from bs4 import BeautifulSoup
    altered = extract_base_text(BeautifulSoup(page, "html.parser"))
    assert altered != transcript_text(TRANSCRIPT.read_text(encoding="utf-8"))


def test_paragraph_anchors_are_present_unique_in_order_and_visible(site: Path):
    page = soup(site / "index.html")
    ids = [element["id"] for element in page.select("[id]")]
    paragraphs = [element["id"] for element in page.select(".edition-para")]
    assert paragraphs == [f"p{n}" for n in range(1, 10)]
    for anchor in paragraphs:
        assert ids.count(anchor) == 1, f"#{anchor} is not unique"
        number = page.select_one(f"#{anchor} .edition-para__number")
        assert number.get_text() == f"¶{anchor[1:]}" and number["href"] == f"#{anchor}"
        assert number.find_parent(attrs={"data-apparatus": True}) is not None


def test_headline_byline_and_author_note_are_shown(site: Path):
    page = soup(site / "index.html")
    assert page.select_one("h1[data-block=headline]").get_text() == "Rekindled Pak-Russia Relations"
    byline = page.select_one("[data-block=byline]")
    assert "Yasir Masood" in byline.get_text() and "August 09, 2016" in byline.get_text()
    link = byline.select_one("a.edition-url")
    assert link["href"] == "https://tribune.com.pk/story/1159081/rekindled-pak-russia-relations"
    assert "Strategic Vision Institute" in page.select_one("[data-block=author-note]").get_text()


def test_strict_build_emits_no_warning(build: tuple[Path, Run]):
    _, result = build
    assert result.returncode == 0, result.output
    assert warnings_of(result.output) == []


def _tree_hashes(root: Path) -> dict[str, str]:
    hashes = {}
    for folder in ("docs", "glossary", "texts", "hooks"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                hashes[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    for name in ("mkdocs.yml", "edition.yml", "CHANGELOG.md"):
        hashes[name] = hashlib.sha256((root / name).read_bytes()).hexdigest()
    return hashes


def _html_files(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(site.rglob("*.html"))}


def test_a_second_build_writes_nothing_into_the_sources_and_the_same_html(site: Path, tmp_path: Path):
    """Built again after the session's build: the sources are untouched and every page is the same."""
    before = _tree_hashes(ROOT)
    result = run_build(ROOT, tmp_path / "again")
    assert result.returncode == 0, result.output
    assert _tree_hashes(ROOT) == before
    one, two = _html_files(site), _html_files(tmp_path / "again")
    assert one.keys() == two.keys()
    different = [name for name in one if one[name] != two[name]]
    assert different == []


def test_no_page_loads_anything_from_another_host(site: Path):
    """No third-party request when a page loads: scripts, styles, fonts, images are local."""
    external = []
    for path in site.rglob("*.html"):
        page = soup(path)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                               ("source", "src"), ("video", "src"), ("audio", "src")):
            for element in page.find_all(tag):
                value = element.get(attribute, "")
                if tag == "link" and element.get("rel") and not {"stylesheet", "preload", "icon", "modulepreload",
                                                                  "manifest"} & set(element["rel"]):
                    continue
                if re.match(r"^(https?:)?//", value):
                    external.append(f"{path.relative_to(site)}: <{tag} {attribute}={value}>")
    for path in list(site.rglob("*.css")):
        for url in re.findall(r"url\(([^)]+)\)", path.read_text(encoding="utf-8", errors="replace")):
            if re.match(r"^['\"]?(https?:)?//", url):
                external.append(f"{path.relative_to(site)}: url({url})")
    assert external == []


def test_links_are_relative_so_the_site_works_under_a_sub_path(site: Path):
    """No root-relative URL ('/assets/…') outside the 404 page, which Material builds from site_url."""
    rooted = []
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue
        for element in soup(path).find_all(href=True) + soup(path).find_all(src=True):
            value = element.get("href") or element.get("src")
            if value.startswith("/") and not value.startswith("//"):
                rooted.append(f"{path.relative_to(site)}: {value}")
    assert rooted == []
