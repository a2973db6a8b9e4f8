"""Shared test support: real builds into temporary folders, and reading built pages."""

from __future__ import annotations

import difflib
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import warnings
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SOURCE_TREE = ("mkdocs.yml", "edition.yml", "CHANGELOG.md", "bibliography.json", "docs", "glossary", "texts", "hooks")
TRANSCRIPT = ROOT / "texts" / "rekindled-pak-russia-relations" / "source.txt"


@dataclass(frozen=True)
class Run:
    """A finished command: exit code and what it printed."""

    returncode: int
    output: str
    """stdout and stderr together."""
    stdout: str = ""
    stderr: str = ""


# What would change a run's output: the deployment's addresses, and GitHub Actions (where the check
# switches to its `::error` format and writes a job summary), so that tests behave alike in CI.
_OUTSIDE_SETTINGS = {"SITE_URL", "REPO_URL", "EDIT_URI", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"}


def _env(project: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _OUTSIDE_SETTINGS}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONPATH"] = str(project / "hooks")
    return env


def run_build(project: Path, site_dir: Path, **extra_env: str) -> Run:
    """`mkdocs build --strict` of `project` into `site_dir` (never into the project)."""
    env = _env(project) | extra_env
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                             "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site_dir)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return Run(result.returncode, result.stdout + result.stderr)


def run_check(project: Path, *args: str, **extra_env: str) -> Run:
    """`python -m edition check edition.yml` in `project` (what `make check` runs), with `args` added.

    `extra_env` sets environment variables (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY) for this run only.
    """
    result = subprocess.run([sys.executable, "-m", "edition", "check", "edition.yml", *args], cwd=project,
                            env=_env(project) | extra_env, capture_output=True, text=True, timeout=120)
    return Run(result.returncode, result.stdout + result.stderr, result.stdout, result.stderr)


# ---------------------------------------------------------------- the same commands, without a new Python
#
# A catalogue of a hundred mistakes needs a hundred runs of the check and of the strict build;
# starting Python, MkDocs and Material for each is most of their cost. These run the commands'
# own entry points (`edition.__main__.main`, MkDocs' click command) in this process, as the
# subprocess would: in the project's folder, with the same environment, with stdout and stderr
# as strict and lenient UTF-8 pipes. Everything a command changes globally (the environment, the
# working folder, MkDocs' loggers and warning display) is put back afterwards. The subprocess
# runners above stay the proof that the commands themselves work: the tests that run chosen
# cases both ways compare the outputs with `same_output`.

# The loggers MkDocs' command line configures (a handler per run, a duplicate filter, no propagation).
_MKDOCS_LOGGERS = ("mkdocs", "mkdocs.commands.build")


@dataclass(frozen=True)
class ProcessState:
    """What a command run in this process may change globally, to be put back afterwards."""

    environment: dict[str, str]
    folder: str
    showwarning: object
    loggers: tuple[tuple[str, tuple, tuple, bool, int], ...]
    """Each of `_MKDOCS_LOGGERS`: name, handlers, filters, propagate, level."""

    @classmethod
    def now(cls) -> ProcessState:
        loggers = tuple((name, tuple(logger.handlers), tuple(logger.filters), logger.propagate, logger.level)
                        for name, logger in ((name, logging.getLogger(name)) for name in _MKDOCS_LOGGERS))
        return cls(dict(os.environ), os.getcwd(), warnings.showwarning, loggers)

    def restore(self) -> None:
        os.chdir(self.folder)
        os.environ.clear()
        os.environ.update(self.environment)
        warnings.showwarning = self.showwarning  # type: ignore[assignment]
        for name, handlers, filters, propagate, level in self.loggers:
            logger = logging.getLogger(name)
            logger.handlers[:], logger.filters[:] = handlers, filters
            logger.propagate, logger.level = propagate, level


@contextmanager
def _as_a_subprocess(project: Path, extra_env: dict[str, str]) -> Iterator[tuple[io.TextIOWrapper, io.TextIOWrapper]]:
    saved = ProcessState.now()
    # What Python gives a child whose output is piped: strict UTF-8 on stdout, backslashes for
    # what cannot be encoded on stderr.
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="\n")
    stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace", newline="\n")
    os.environ.clear()
    os.environ.update(_env(project) | extra_env)
    os.chdir(project)
    try:
        with redirect_stdout(stdout), redirect_stderr(stderr):
            yield stdout, stderr
    finally:
        saved.restore()


def _printed(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


def check_in_process(project: Path, *args: str, **extra_env: str) -> Run:
    """`run_check`, by calling the command's `main` in this process."""
    from edition.__main__ import main

    with _as_a_subprocess(project, extra_env) as (stdout, stderr):
        returncode = main(["check", "edition.yml", *args])
    out, err = _printed(stdout), _printed(stderr)
    return Run(returncode, out + err, out, err)


def build_in_process(project: Path, site_dir: Path, **extra_env: str) -> Run:
    """`run_build`, by invoking MkDocs' click command in this process."""
    import click
    from mkdocs.__main__ import cli

    with _as_a_subprocess(project, extra_env) as (stdout, stderr):
        try:
            cli.main(["build", "--strict", "--clean", "--config-file", str(project / "mkdocs.yml"),
                      "--site-dir", str(site_dir)], prog_name="mkdocs", standalone_mode=False)
            returncode = 0
        except click.ClickException as error:  # what standalone mode prints, and its exit status
            error.show()
            returncode = error.exit_code
        except SystemExit as error:
            returncode = error.code if isinstance(error.code, int) else 1
    out, err = _printed(stdout), _printed(stderr)
    return Run(returncode, out + err, out, err)


_TIMING = re.compile(r"; [0-9.]+s$", re.MULTILINE)
"""The seconds at the end of the check's summary line, which differ from run to run."""


def same_output(here: Run, command: Run) -> bool:
    """A run in this process printed what the command printed: exit status, stdout, and stderr
    but for the check's timing."""
    return ((here.returncode, here.stdout, _TIMING.sub("", here.stderr))
            == (command.returncode, command.stdout, _TIMING.sub("", command.stderr)))


def copy_sources(destination: Path) -> Path:
    """A throwaway copy of the project without the edition's package (`hooks/edition/`), for
    runs in this process (`check_in_process`, `build_in_process`), which use the package this
    process imported from the repository (the plugin, named by its entry point in mkdocs.yml, is
    the installed one). Half the files of `copy_project`, for catalogues of
    hundreds of cases."""
    copy_project(destination, names=tuple(name for name in SOURCE_TREE if name != "hooks"))
    return destination


def copy_project(destination: Path, names: tuple[str, ...] = SOURCE_TREE) -> Path:
    """A throwaway copy of the project's sources, for tests that change them."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = ROOT / name
        if source.is_dir():
            # Not what Python and pip write beside the sources (bytecode, the editable install's egg-info).
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def warnings_of(output: str) -> list[str]:
    """The WARNING lines of a MkDocs run."""
    return [line for line in output.splitlines() if line.startswith("WARNING")]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def extract_base_text(page: BeautifulSoup) -> str:
    """The text of every base-text block, with everything marked data-apparatus removed."""
    blocks = []
    for element in page.select("[data-block]"):
        copy = BeautifulSoup(str(element), "html.parser")
        for apparatus in copy.select("[data-apparatus]"):
            apparatus.decompose()
        blocks.append(copy.get_text())
    return "\n\n".join(blocks)


def transcript_text(raw: str) -> str:
    """The transcript as readers should see it: only the documented normalisations applied.

    Written independently of the edition's parser so that the fidelity test checks it.
    """
    lines = raw.split("\n")
    assert lines[0].startswith("## **") and lines[0].endswith("**"), lines[0]
    lines[0] = lines[0][len("## **"):-len("**")]
    blocks, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return "\n\n".join(block.replace("\\$", "$") for block in blocks)


def readable_diff(expected: str, actual: str) -> str:
    """A unified diff, one sentence per line, with invisible characters made visible."""
    def lines(text: str) -> list[str]:
        return [repr(part) for part in text.replace(". ", ".\n").split("\n")]
    return "\n".join(difflib.unified_diff(lines(expected), lines(actual), "transcript", "built page", lineterm=""))


def replaced(record, **changes):
    """A copy of an edition record (a NamedTuple, or one of the few mutable dataclasses) with `changes`."""
    import dataclasses

    return record._replace(**changes) if hasattr(record, "_replace") else dataclasses.replace(record, **changes)


def least_cpu(run: Callable[[], object], tries: int, enough: float = 0.0) -> float:
    """The least CPU time of up to `tries` runs of `run`, counted for this thread only (a pytest
    worker's other threads, such as a test server, are not the code's; the wall clock also counts
    other processes). It stops at the first run that takes at most `enough` seconds: a bound is
    judged on the run that others' work disturbed least, and code that is really slow is slow
    every time."""
    best = float("inf")
    for _ in range(tries):
        started = time.thread_time()
        run()
        best = min(best, time.thread_time() - started)
        if best <= enough:
            break
    return best
