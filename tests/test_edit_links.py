"""'Edit this page' points at each generated page's own source file."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.config import load_config
from edition_testing import ROOT, run_build, soup, warnings_of

pytestmark = pytest.mark.slow

REPO = "https://github.com/example-org/rekindled-edition"
CANONICAL = load_config(ROOT / "edition.yml").url


@pytest.fixture(scope="module")
def site_with_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site-repo")
    # As the Pages workflow builds it: SITE_URL is the address Pages deploys to.
    result = run_build(ROOT, site, REPO_URL=REPO, EDIT_URI="edit/main/docs/", SITE_URL=CANONICAL)
    assert result.returncode == 0, result.output
    return site


def _edit_href(page: Path) -> str | None:
    link = soup(page).select_one("a.md-content__button[href*='/edit/']")
    return link["href"] if link else None


@pytest.mark.parametrize(("page", "source"), [
    ("glossary/oleg-salyukov/index.html", "glossary/oleg-salyukov.md"),
    ("glossary/shanghai-cooperation-organisation/index.html", "glossary/shanghai-cooperation-organisation.md"),
    ("notes/p4-visit-date/index.html", "texts/rekindled-pak-russia-relations/notes/p4-visit-date.md"),
    ("about/index.html", "docs/about.md"),
    ("changelog/index.html", "CHANGELOG.md"),
])
def test_edit_link_points_at_the_source_file(site_with_repo: Path, page: str, source: str):
    assert _edit_href(site_with_repo / page) == f"{REPO}/edit/main/{source}"


def test_the_canonical_address_reaches_citations(site_with_repo: Path):
    page = soup(site_with_repo / "index.html")
    assert page.select_one('meta[name="citation_public_url"]')["content"] == CANONICAL
    assert page.select_one('link[rel="canonical"]')["href"] == CANONICAL
    # The one citation panel names the text's address, to which "#p" and a number are added.
    how = page.select_one("#cite .edition-cite__how a")
    assert how["href"] == CANONICAL and how.get_text() == CANONICAL


def test_deploying_to_another_address_is_refused(tmp_path: Path):
    """A Pages deployment whose address is not edition.yml's url would publish wrong citations."""
    result = run_build(ROOT, tmp_path / "site", SITE_URL="https://someone-else.github.io/fork/")
    assert result.returncode != 0
    # Refused before any page is rendered: nothing is written.
    assert "Aborted with 1 problem(s) in the edition's sources in strict mode!" in result.output, result.output
    assert not (tmp_path / "site" / "index.html").exists()
    assert any("the site is being deployed to another address than the edition's canonical url: "
               "'https://someone-else.github.io/fork/'" in line for line in warnings_of(result.output)), result.output
