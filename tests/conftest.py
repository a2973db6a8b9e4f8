"""Session fixtures: one strict build of the real project into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition_testing import ROOT, Run, run_build


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    site = tmp_path_factory.mktemp("site")
    return site, run_build(ROOT, site)


@pytest.fixture(scope="session")
def site(build: tuple[Path, Run]) -> Path:
    """The built site of the real edition; fails every dependent test if the build failed."""
    site_dir, result = build
    assert result.returncode == 0, f"strict build failed:\n{result.output}"
    return site_dir
