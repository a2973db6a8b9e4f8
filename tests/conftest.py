"""Session fixtures (one strict build of the real project), and a check of what the browser and
HTML-validity tests need, made before any test runs so a missing program is reported in seconds."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from browser_support import find_chromium
from edition_testing import ROOT, Run, run_build

INSTALL = {
    "chromium": ("Chromium (for the browser tests)",
                 "Debian/Ubuntu: sudo apt-get install chromium   |   macOS: brew install --cask chromium, then "
                 "export CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium   |   or a browser "
                 "Playwright installed itself (python -m playwright install chromium)"),
    "java": ("Java (for the Nu HTML Checker)",
             "Debian/Ubuntu: sudo apt-get install default-jre-headless   |   macOS: brew install openjdk"),
}


def pytest_sessionstart(session: pytest.Session) -> None:
    """Fail at once, with the install command, when a program the selected tests need is missing."""
    if hasattr(session.config, "workerinput"):
        return  # xdist workers: the controller has checked
    expression = session.config.getoption("markexpr") or ""
    if "not browser" in expression or "not slow" in expression:
        return  # `make test-fast`: neither browser nor build tests
    missing = []
    if find_chromium() is None:
        missing.append("chromium")
    if shutil.which("java") is None:
        missing.append("java")
    if missing:
        lines = [f"  - {INSTALL[name][0]}: {INSTALL[name][1]}" for name in missing]
        pytest.exit("the test suite needs programs that are not installed:\n" + "\n".join(lines)
                    + "\n(`make test-fast` runs everything that does not need them.)", returncode=3)


@pytest.fixture(scope="session", autouse=True)
def own_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The run's own temporary folder, for every build and check it starts: what builds keep
    between them (edition.cache) starts empty, as on a fresh machine, and no test sees what an
    earlier run or the user's own builds kept."""
    folder = tmp_path_factory.mktemp("tmp")
    patch = pytest.MonkeyPatch()
    patch.setenv("TMPDIR", str(folder))
    patch.setattr(tempfile, "tempdir", None)  # gettempdir() looks again
    yield folder
    patch.undo()


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
