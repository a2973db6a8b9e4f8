"""Every internal link and fragment in the built site resolves; external links are well-formed."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

# Where a built page is pretended to live while resolving its links. The site's own site_url
# (read from the canonical link of the home page) is treated as this same origin.
ORIGIN = "http://site.invalid/"
LINK_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src",
                   "source": "src", "iframe": "src", "form": "action"}
HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$",
                      re.IGNORECASE)
"""A DNS name; the top-level domain may be an internationalised one in punycode (.рф is xn--p1ai)."""


@dataclass(frozen=True)
class Link:
    """One link in one built page."""

    page: str
    """The page's path in the site ('glossary/russia/index.html')."""
    line: int
    """The line of the element in that page."""
    target: str
    """The link as written (href, src or action)."""

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.target!r}"


@dataclass(frozen=True)
class Page:
    """A built page: its links and the ids its fragments can point at."""

    links: tuple[Link, ...]
    ids: frozenset[str]


def read_page(site: Path, path: Path) -> Page:
    document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    name = path.relative_to(site).as_posix()
    links = tuple(Link(name, element.sourceline or 0, element[attribute])
                  for tag, attribute in LINK_ATTRIBUTES.items()
                  for element in document.find_all(tag) if element.has_attr(attribute))
    ids = {element["id"] for element in document.find_all(id=True)}
    ids |= {element["name"] for element in document.find_all("a", attrs={"name": True})}
    return Page(links, frozenset(ids))


def page_url(page: str, site_url: str = ORIGIN) -> str:
    """The URL a page is served at, for a site served at `site_url` with use_directory_urls."""
    return urljoin(site_url, page.removesuffix("index.html"))


def resolve(page: str, target: str, site_url: str = ORIGIN) -> tuple[str, str] | None:
    """The site file (relative path) and fragment `target` points at from `page`, or None if external.

    The site is served where its canonical address says (a sub-path on GitHub Pages): relative
    links resolve from there, and absolute ones under `site_url` (citations, canonical links,
    the 404 page's assets) are internal too.
    """
    url = urljoin(page_url(page, site_url), target)
    if not url.startswith(site_url.rstrip("/")):
        return None
    parts = urlsplit(url)
    base_path = urlsplit(site_url).path
    path = unquote(parts.path)[len(base_path):] if unquote(parts.path).startswith(base_path) else unquote(parts.path)
    path = path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path, unquote(parts.fragment)


def is_well_formed_external(target: str) -> bool:
    url = urlsplit(target)
    if url.scheme == "mailto":
        return bool(re.fullmatch(r"[^@\s]+@[^@\s]+", url.path))
    try:
        _ = url.port  # raises ValueError on a malformed port
    except ValueError:
        return False
    return (url.scheme in {"http", "https"} and url.hostname is not None and is_host(url.hostname)
            and not re.search(r"\s", target) and url.username is None)


def is_host(name: str) -> bool:
    """A DNS name with a top-level domain, or an IP address."""
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return HOSTNAME.match(name) is not None
    return True


def broken_links(site: Path, site_url: str) -> list[str]:
    """Every link of the site at `site` that does not resolve, as 'page:line: target: why'."""
    pages = {path.relative_to(site).as_posix(): read_page(site, path) for path in sorted(site.rglob("*.html"))}
    problems = []
    for page in pages.values():
        for link in page.links:
            resolved = resolve(link.page, link.target, site_url)
            if resolved is None:
                if not is_well_formed_external(link.target):
                    problems.append(f"{link}: not a well-formed external link")
                continue
            path, fragment = resolved
            if not (site / path).is_file():
                problems.append(f"{link}: no file {path} in the site")
            elif fragment and path.endswith(".html") and fragment not in pages[path].ids:
                problems.append(f"{link}: no id {fragment!r} in {path}")
    return problems


def site_url_of(site: Path) -> str:
    canonical = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser") \
        .find("link", rel="canonical")
    assert canonical is not None, "the home page has no canonical link to learn site_url from"
    return canonical["href"].removesuffix("index.html")


@pytest.mark.parametrize(("page", "target", "expected"), [
    ("index.html", "glossary/russia/", ("glossary/russia/index.html", "")),
    ("index.html", "#p4", ("index.html", "p4")),
    ("index.html", "", ("index.html", "")),
    ("index.html", ".", ("index.html", "")),
    ("glossary/russia/index.html", "../../#p4", ("index.html", "p4")),
    ("glossary/russia/index.html", "../india/#mentioned-in", ("glossary/india/index.html", "mentioned-in")),
    ("glossary/russia/index.html", "../../assets/edition.css", ("assets/edition.css", "")),
    ("notes/p4-visit-date/index.html", "../../#note-p4-visit-date", ("index.html", "note-p4-visit-date")),
    ("404.html", "/assets/x.js", ("assets/x.js", "")),
    ("404.html", "/edition/assets/x.js", ("edition/assets/x.js", "")),
    ("index.html", "glossary/caf%C3%A9/", ("glossary/café/index.html", "")),
    ("index.html", "http://127.0.0.1:8000/#p1", ("index.html", "p1")),
    ("glossary/russia/index.html", "http://127.0.0.1:8000/glossary/", ("glossary/index.html", "")),
    ("index.html", "https://tribune.com.pk/story/1159081/x", None),
    ("index.html", "http://127.0.0.1:9999/#p1", None),
])
def test_resolve(page: str, target: str, expected: tuple[str, str] | None):
    assert resolve(page, target, "http://127.0.0.1:8000/") == expected


@pytest.mark.parametrize(("target", "expected"), [
    ("https://tribune.com.pk/story/1159081/rekindled-pak-russia-relations", True),
    ("https://www.aa.com.tr/en/politics/x/509513", True),
    ("http://example.org:8080/a?b=c#d", True),
    ("https://en.wikipedia.org/wiki/Pakistanis_in_Russia", True),
    ("http://62.67.10.19:8025/story/459106/x", True),
    ("http://[2001:db8::1]/x", True),
    ("http://999.1.1.1.1/x", False),
    ("mailto:editors@example.org", True),
    ("https://tribune.com.pk/story/ x", False),
    ("https:/tribune.com.pk/story", False),
    ("https://tribune", False),
    ("https://xn--80aejgga1bqhq2b.xn--90anlfbebar6i.xn--p1ai/news/more.htm?id=1", True),
    ("https://example.org:port/", False),
    ("htp://example.org/", False),
    ("javascript:void(0)", False),
])
def test_is_well_formed_external(target: str, expected: bool):
    assert is_well_formed_external(target) is expected


def test_checker_reports_a_missing_page_a_missing_fragment_and_a_malformed_url(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="here"><a href="a/#there">ok</a> <a href="#here">ok</a> <a href="b/">missing page</a>\n'
        '<a href="a/#nowhere">missing id</a> <a href="https://exa mple.org/">bad</a></p>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="there">There</h2><a href="../#here">ok</a>',
                                               encoding="utf-8")
    assert broken_links(tmp_path, "http://127.0.0.1:8000/") == [
        "index.html:1: 'b/': no file b/index.html in the site",
        "index.html:2: 'a/#nowhere': no id 'nowhere' in a/index.html",
        "index.html:2: 'https://exa mple.org/': not a well-formed external link",
    ]


@pytest.mark.slow
def test_every_internal_link_and_fragment_resolves(site: Path):
    site_url = site_url_of(site)
    assert site_url.startswith("http") and site_url.endswith("/"), site_url
    links = sum(len(read_page(site, path).links) for path in site.rglob("*.html"))
    assert links > 1000, f"only {links} links found: is the site complete?"
    problems = broken_links(site, site_url)
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems)


@pytest.mark.slow
def test_every_link_resolves_with_use_directory_urls_false(tmp_path: Path):
    """The edition takes its URLs from MkDocs, so the other URL style links correctly too."""
    from edition_testing import copy_project, run_build

    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "use_directory_urls: true" in text
    config.write_text(text.replace("use_directory_urls: true", "use_directory_urls: false"), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.output
    assert (site / "glossary" / "russia.html").is_file() and (site / "notes" / "p4-visit-date.html").is_file()
    problems = broken_links(site, site_url_of(site))
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems)


@pytest.mark.slow
def test_links_into_the_set_aside_html_of_the_article_are_validated(tmp_path: Path):
    """The article's text and endnotes skip the Markdown conversion (edition.setaside): MkDocs
    still knows their anchors, so a link from a hand-written page to a paragraph or a note is
    checked, and a link to one that does not exist fails the strict build."""
    from edition_testing import copy_project, run_build, warnings_of

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "teaching.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n[¶4](index.md#p4), [its note](index.md#note-p4-visit-date), [¶99](index.md#p99)\n",
                    encoding="utf-8")
    done = run_build(project, tmp_path / "site")
    assert done.returncode != 0
    assert [line for line in warnings_of(done.output) if "anchor" in line] == [
        "WARNING -  Doc file 'teaching.md' contains a link 'index.md#p99', but the doc 'index.md' does not "
        "contain an anchor '#p99'."], done.output


@pytest.mark.slow
def test_the_search_reads_the_article_without_the_html_it_does_not_index(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch):
    """The endnotes (data-search-exclude) are put back after Material's search has read the page:
    it parses a third of the article, and the page and the index are what they were."""
    from material.plugins.search.plugin import SearchIndex

    from edition_testing import build_in_process, copy_project

    read: dict[str, str] = {}
    index_page = SearchIndex.add_entry_from_context

    def spy(self: SearchIndex, page: object) -> None:
        read[page.url] = page.content  # type: ignore[attr-defined]
        index_page(self, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", spy)
    project = copy_project(tmp_path / "project")
    done = build_in_process(project, tmp_path / "site")
    assert done.returncode == 0, done.output
    article = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="edition-endnotes"' not in read[""] and 'class="edition-endnotes"' in article
    assert 'id="p9"' in read[""] and "scholarly-edition" not in article
    assert len(read[""]) < len(article) / 2


@pytest.mark.slow
@pytest.mark.parametrize("form", ["html", "unsearched html"])
def test_a_copied_placeholder_of_set_aside_html_is_reported_where_it_is(tmp_path: Path, form: str):
    from edition_testing import copy_project, run_build, warnings_of

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "teaching.md"
    source = page.read_text(encoding="utf-8")
    placeholder = f"<!-- scholarly-edition {form} " + "0" * 64 + " -->"
    page.write_text(f"{source}\n{placeholder}\n", encoding="utf-8")
    line = f"{source}\n{placeholder}\n".splitlines().index(placeholder) + 1
    done = run_build(project, tmp_path / "site")
    assert done.returncode != 0
    assert warnings_of(done.output) == [
        f"WARNING -  mkdocs_scholarly_edition: docs/teaching.md:{line}: a placeholder for HTML that no template set aside: '{placeholder}' "
        "(the edition's page templates write it through the `set_aside` filter; remove it from the page)"], done.output
