"""Page URLs in both of MkDocs' styles, checked against MkDocs itself, and the relative links generated pages use."""

from __future__ import annotations

import posixpath

import pytest

from edition.urls import UrlStyle, relative_url

page_url = UrlStyle(use_directory_urls=True).page_url


@pytest.mark.parametrize(("src", "url"), [
    ("index.md", ""),
    ("about.md", "about/"),
    ("claims.md", "claims/"),
    ("second.md", "second/"),
    ("glossary/index.md", "glossary/"),
    ("glossary/sco.md", "glossary/sco/"),
    ("notes/p4-gas-pipeline.md", "notes/p4-gas-pipeline/"),
    ("second/notes/keepers.md", "second/notes/keepers/"),
    ("a/b/index.md", "a/b/"),
    ("a/b/c.md", "a/b/c/"),
    # Only a whole path segment named 'index' is an index page.
    ("reindex.md", "reindex/"),
    ("glossary/reindex.md", "glossary/reindex/"),
])
def test_page_url(src: str, url: str):
    assert page_url(src) == url


SOURCES = ["index.md", "about.md", "glossary/index.md", "glossary/sco.md", "notes/p4-x.md", "a/b/c.md",
           "second/notes/keepers.md", "reindex.md", "README.md", "glossary/README.md"]


@pytest.mark.parametrize("use_directory_urls", [True, False])
@pytest.mark.parametrize("src", SOURCES)
def test_url_style_agrees_with_mkdocs(src: str, use_directory_urls: bool):
    """Without MkDocs (make check) the edition names pages exactly as MkDocs' File does."""
    from mkdocs.structure.files import File

    file = File(src, "/docs", "/site", use_directory_urls)
    style = UrlStyle(use_directory_urls)
    expected_url = "" if file.url == "./" else file.url
    assert style.page_url(src) == expected_url
    assert style.dest_path(src) == file.dest_uri


@pytest.mark.parametrize(("from_url", "to_url", "expected"), [
    ("about.html", "glossary/sco.html", "glossary/sco.html"),
    ("glossary/sco.html", "index.html#p4", "../index.html#p4"),
    ("glossary/sco.html", "glossary/russia.html", "russia.html"),
    ("notes/p4-x.html", "notes/p4-x.html#sources", "#sources"),
    ("index.html", "cite/a.bib", "cite/a.bib"),
])
def test_relative_url_between_file_urls(from_url: str, to_url: str, expected: str):
    """With use_directory_urls: false, pages are files: links are relative to their folder."""
    assert relative_url(from_url, to_url) == expected


@pytest.mark.parametrize(("from_url", "to_url", "expected"), [
    # From the article (site root).
    ("", "glossary/sco/", "glossary/sco/"),
    ("", "glossary/", "glossary/"),
    ("", "#p4", "#p4"),
    ("", "", "./"),
    ("", "cite/text.bib", "cite/text.bib"),
    ("", "notes/p4-x/", "notes/p4-x/"),
    # Towards the article from deeper pages.
    ("glossary/sco/", "", "../../"),
    ("glossary/sco/", "#p4", "../../#p4"),
    ("glossary/", "#p4", "../#p4"),
    ("notes/p4-x/", "#noteref-p4-x", "../../#noteref-p4-x"),
    ("about/", "#p1", "../#p1"),
    # Same page: only the fragment.
    ("glossary/sco/", "glossary/sco/#dates", "#dates"),
    ("second/", "second/#p2", "#p2"),
    # Same page without a fragment: a link to the folder itself.
    ("about/", "about/", "./"),
    # Siblings and cousins.
    ("glossary/sco/", "glossary/russia/", "../russia/"),
    ("glossary/sco/", "glossary/russia/#mentioned-in", "../russia/#mentioned-in"),
    ("notes/a/", "notes/b/", "../b/"),
    ("glossary/sco/", "notes/p4-x/", "../../notes/p4-x/"),
    ("second/notes/k/", "second/#p2", "../../#p2"),
    ("second/notes/k/", "#p2", "../../../#p2"),
    ("second/notes/k/", "glossary/sco/", "../../../glossary/sco/"),
    ("glossary/", "glossary/sco/", "sco/"),
    ("glossary/sco/", "glossary/", "../"),
    # Files (exports) are not folders: no trailing slash added.
    ("about/", "cite/text.bib", "../cite/text.bib"),
    ("glossary/sco/", "cite/text.json", "../../cite/text.json"),
    # From a file-like URL the base is its folder.
    ("cite/text.bib", "glossary/sco/", "../glossary/sco/"),
])
def test_relative_url(from_url: str, to_url: str, expected: str):
    assert relative_url(from_url, to_url) == expected


@pytest.mark.parametrize("from_url", ["", "about/", "glossary/", "glossary/sco/", "second/notes/k/"])
@pytest.mark.parametrize("to_url", ["", "glossary/sco/", "glossary/russia/#dates", "cite/a.bib", "second/#p2"])
def test_relative_url_resolves_back_to_the_target(from_url: str, to_url: str):
    """Resolving the relative link against the page's folder lands on the target (as a browser does)."""
    link = relative_url(from_url, to_url)
    path, _, fragment = link.partition("#")
    target, _, target_fragment = to_url.partition("#")
    resolved = posixpath.normpath(posixpath.join("/" + from_url, path)) if path else "/" + from_url.rstrip("/")
    assert resolved.strip("/") == target.strip("/")
    assert fragment == target_fragment


def test_relative_paths_match_posixpath_relpath():
    import itertools
    import posixpath

    from edition.urls import _relpath

    paths = ["", "a", "a/b", "a/b/c", "a/c", "b", "glossary", "glossary/sco", "notes/p4-visit", "cite/x.bib",
             "a/b/c/d"]
    for target, base in itertools.product(paths, repeat=2):
        assert _relpath(target, base) == posixpath.relpath(target or ".", base or "."), (target, base)
