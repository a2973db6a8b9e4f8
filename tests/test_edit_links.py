"""'Edit this page' points at each generated page's own source file."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition_testing import ROOT, run_build, soup

pytestmark = pytest.mark.slow

REPO = "https://github.com/example-org/rekindled-edition"


@pytest.fixture(scope="module")
def site_with_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site-repo")
    result = run_build(ROOT, site, REPO_URL=REPO, EDIT_URI="edit/main/docs/",
                       SITE_URL="https://example-org.github.io/rekindled-edition/")
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


def test_site_url_reaches_citations(site_with_repo: Path):
    page = soup(site_with_repo / "index.html")
    assert page.select_one('meta[name="citation_public_url"]')["content"] == \
        "https://example-org.github.io/rekindled-edition/"
    cite = page.select_one("#p4 .edition-cite__text").get_text()
    assert "https://example-org.github.io/rekindled-edition/#p4" in cite
