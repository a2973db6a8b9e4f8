"""A second edition of two invented texts, built with the real hooks: texts join by configuration.

tests/fixtures/mini/ has its own mkdocs.yml and edition.yml naming two texts, each with
notes and mentions, and three glossary entries (one known only by a background sentence
in the second text). Building it strictly, with no warning, and finding every page and
link in place shows that nothing in hooks/ assumes the real article.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from edition_testing import ROOT, Run, extract_base_text, run_build, soup, transcript_text, warnings_of

pytestmark = pytest.mark.slow

MINI = ROOT / "tests" / "fixtures" / "mini"
TEXTS = {
    # text id: (page folder in the site, notes folder in the site, note ids in reading order)
    "lighthouse-accord": ("", "notes", ["la-p1-signing", "la-p2-gold"]),
    "keepers-of-the-lamp": ("second", "second/notes", ["kl-p1-wages", "kl-p2-three-winters"]),
}


@pytest.fixture(scope="module")
def mini_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    site = tmp_path_factory.mktemp("mini-site")
    return site, run_build(MINI, site)


@pytest.fixture(scope="module")
def mini(mini_build: tuple[Path, Run]) -> Path:
    site, result = mini_build
    assert result.returncode == 0, f"strict build of the mini edition failed:\n{result.output}"
    return site


def article(site: Path, folder: str) -> Path:
    return site / folder / "index.html" if folder else site / "index.html"


def test_mini_edition_builds_strictly_without_warnings(mini_build: tuple[Path, Run]):
    _, result = mini_build
    assert result.returncode == 0, result.output
    assert warnings_of(result.output) == []


def test_the_fixture_does_not_reuse_the_real_article():
    real = (ROOT / "edition.yml").read_text(encoding="utf-8")
    fixture = (MINI / "edition.yml").read_text(encoding="utf-8")
    assert "rekindled-pak-russia-relations" in real and "rekindled" not in fixture.lower()
    # Its hooks come from the installed package, not from a path into this repository.
    assert "../" not in (MINI / "mkdocs.yml").read_text(encoding="utf-8")
    # The plugin is named by its entry point; nothing of the machinery is copied into the fixture.
    assert "- scholarly-edition" in (MINI / "mkdocs.yml").read_text(encoding="utf-8")
    assert sorted(path.name for path in MINI.iterdir() if path.suffix == ".py") == []


def test_the_fixture_builds_from_the_installed_package():
    """What a second edition repository does: depend on the distribution, import it by name."""
    import subprocess
    import sys
    from importlib.metadata import distribution

    dist = distribution("mkdocs-scholarly-edition")
    assert dist.metadata["Name"] == "mkdocs-scholarly-edition"
    found = subprocess.run([sys.executable, "-c", "import edition, mkdocs_scholarly_edition; print(edition.__file__)"],
                           cwd=MINI, env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert (MINI / "hooks").exists() is False  # nothing in the fixture supplies the package


@pytest.mark.parametrize("text_id", TEXTS)
def test_both_articles_reproduce_their_transcripts(mini: Path, text_id: str):
    folder, _, _ = TEXTS[text_id]
    expected = transcript_text((MINI / "texts" / text_id / "source.txt").read_text(encoding="utf-8"))
    assert extract_base_text(soup(article(mini, folder))) == expected


@pytest.mark.parametrize("text_id", TEXTS)
def test_both_articles_have_numbered_paragraphs_and_their_own_notes(mini: Path, text_id: str):
    folder, _, note_ids = TEXTS[text_id]
    page = soup(article(mini, folder))
    assert page.select_one("div.edition-text")["data-text"] == text_id
    assert [p["id"] for p in page.select(".edition-para")] == ["p1", "p2", "p3"]
    markers = page.select("sup.edition-marker[data-apparatus]")
    # The number is the link's own text; a fact-check's verdict mark follows it, hidden from
    # screen readers (the link's name says the verdict in words).
    assert [(m.a.find(string=True, recursive=False), m.a["href"]) for m in markers] == [
        (str(n), f"#note-{note_id}") for n, note_id in enumerate(note_ids, start=1)]
    for marker in markers:
        mark = marker.select_one(".edition-marker__verdict")
        assert (mark is not None) == ("edition-marker--fact-check" in marker["class"])
        assert mark is None or mark["aria-hidden"] == "true"
    assert [li["id"] for li in page.select("ol.edition-notes > li")] == [f"note-{i}" for i in note_ids]


@pytest.mark.parametrize("text_id", TEXTS)
def test_each_note_has_its_own_page_under_its_texts_notes_url(mini: Path, text_id: str):
    folder, notes_url, note_ids = TEXTS[text_id]
    for note_id in note_ids:
        page = soup(mini / notes_url / note_id / "index.html")
        heading = page.select_one(f"h1#note-{note_id}")
        # A note page is titled by what it is about (here, the quoted words: no title is given),
        # never by its number, which changes when a note is added earlier in the text.
        assert heading is not None and heading.get_text().startswith("“") and "Note" not in heading.get_text()
        back = page.find("a", string="Read it in the text")
        assert resolve(f"{notes_url}/{note_id}/", back["href"]) == (f"{folder}/" if folder else "",
                                                                    f"noteref-{note_id}")
    # No note page of one text lands in the other's folder.
    other = [ids for key, (_, _, ids) in TEXTS.items() if key != text_id][0]
    assert not any((mini / notes_url / note_id).exists() for note_id in other)


def test_mentions_link_to_glossary_entries_from_both_articles(mini: Path):
    for text_id, (folder, _, _) in TEXTS.items():
        page = soup(article(mini, folder))
        mentions = page.select("a.edition-mention")
        assert {m["data-entry"] for m in mentions} == {"northland", "lighthouse-accord"}, text_id
        for mention in mentions:
            assert resolve(f"{folder}/" if folder else "", mention["href"]) == (
                f"glossary/{mention['data-entry']}/", "")


@pytest.mark.parametrize("entry_id", ["northland", "lighthouse-accord"])
def test_glossary_backlinks_reach_paragraphs_of_both_texts(mini: Path, entry_id: str):
    page = soup(mini / "glossary" / entry_id / "index.html")
    heading = page.select_one("h2#mentioned-in")
    assert heading is not None and heading.get_text(strip=True) == "Mentioned in"
    links = heading.find_next_sibling("ul", class_="edition-backlinks").select("a")
    targets = [resolve(f"glossary/{entry_id}/", link["href"]) for link in links]
    assert targets == [("", "p1"), ("", "p3"), ("second/", "p1")]


def test_background_entry_links_to_the_text_that_contains_its_sentence(mini: Path):
    """The sentence is in the second text's ¶3, so the link must go there, not to the first text."""
    page = soup(mini / "glossary" / "harbour-guild" / "index.html")
    heading = page.select_one("h2#mentioned-in")
    assert heading is not None and heading.get_text(strip=True) == "Background to"
    link = heading.find_next_sibling("p").a
    assert resolve("glossary/harbour-guild/", link["href"]) == ("second/", "p3")


def test_claims_page_lists_the_fact_checks_of_both_texts(mini: Path):
    rows = soup(mini / "claims" / "index.html").select("table.edition-claims tbody tr")
    found = []
    for row in rows:
        paragraph_link, note_link = row.select("td a")[0], row.select("td a")[-1]
        found.append((resolve("claims/", paragraph_link["href"]), resolve("claims/", note_link["href"])))
    assert found == [(("", "p1"), ("", "note-la-p1-signing")),
                     (("second/", "p1"), ("second/", "note-kl-p1-wages"))]


def test_glossary_index_lists_the_three_entries(mini: Path):
    page = soup(mini / "glossary" / "index.html")
    listed = {a["href"] for a in page.select(".edition-az a.edition-mention")}
    assert listed == {"northland/", "lighthouse-accord/", "harbour-guild/"}


def test_about_page_directives_cover_both_texts(mini: Path):
    text = soup(mini / "about" / "index.html").get_text()
    assert "<!-- edition:" not in (mini / "about" / "index.html").read_text(encoding="utf-8")
    for title, checksum in (("The Lighthouse Accord at One Hundred",
                             "6b04a07d7b588789d7478546a2e98428d26b90f4fa2473215cb4b4ab9fa1b16f"),
                            ("Keepers of the Lamp", "bfca462ebab933adbdb8f2e65697ede4c4defadf5b6146f3a042116e82149eef")):
        assert title in text and checksum in text
    assert "3 glossary entries, 4 notes and 2 sources" in text


@pytest.mark.parametrize("text_id", TEXTS)
def test_each_text_has_its_citation_exports(mini: Path, text_id: str):
    for extension in ("bib", "ris", "json"):
        assert (mini / "cite" / f"{text_id}.{extension}").is_file()


def test_every_internal_link_of_every_page_resolves(mini: Path):
    """Relative links in generated HTML are not checked by MkDocs: check them all here."""
    broken, checked = [], 0
    for path in sorted(mini.rglob("*.html")):
        url = path.relative_to(mini).as_posix()
        url = url[: -len("index.html")] if url.endswith("index.html") else url
        page = soup(path)
        for anchor in page.select("a[href]"):
            href = anchor["href"]
            if urlsplit(href).scheme or href.startswith("//") or path.name == "404.html":
                continue
            checked += 1
            target_url, fragment = resolve(url, href)
            target = mini / target_url / "index.html" if target_url.endswith("/") or not target_url else mini / target_url
            if not target.is_file():
                broken.append(f"{url}: {href} (no {target.relative_to(mini)})")
            elif fragment and target.suffix == ".html" and not _has_id(target, fragment):
                broken.append(f"{url}: {href} (no #{fragment})")
    assert broken == []
    assert checked > 100, "the link check found suspiciously few links"


_IDS: dict[Path, set[str]] = {}


def _has_id(path: Path, fragment: str) -> bool:
    if path not in _IDS:
        _IDS[path] = set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))
    return unquote(fragment) in _IDS[path]


def resolve(from_url: str, href: str) -> tuple[str, str]:
    """Where a relative link on the page at `from_url` leads: (site URL, fragment)."""
    path, _, fragment = href.partition("#")
    if not path:
        return from_url, fragment
    joined = posixpath.normpath(posixpath.join("/" + from_url, path))
    url = joined.lstrip("/")
    if path.endswith("/") and url:
        url += "/"
    return ("" if url == "." else url), fragment


def test_resolve_helper():
    assert resolve("glossary/sco/", "../../#p4") == ("", "p4")
    assert resolve("glossary/sco/", "../../second/#p1") == ("second/", "p1")
    assert resolve("second/notes/k/", "../../#p1") == ("second/", "p1")
    assert resolve("", "#p2") == ("", "p2")
    assert resolve("", "glossary/x/") == ("glossary/x/", "")
    assert resolve("about/", "../cite/a.bib") == ("cite/a.bib", "")
    assert resolve("about/", "./") == ("about/", "")
