"""The fast preview, timed as an editor lives it (`make bench`; `python tests/bench_preview.py`).

In a copy of the project, `mkdocs serve --dirty` (what `make serve` runs) serves the site; Chromium
opens the article, with MkDocs' live-reload script connected. Then, `--edits` times over, one note's
body is changed on disk (a word appended to its first sentence, then taken away again) and the
clock runs from the moment the file is written to the moment the article, reloaded by the
server, shows the change in the page. Issue #24's target: within 1 s on this machine.

Between edits the bench waits until the server has finished everything it does after a save (the
handout PDF is made in the background after the pages), as an editor who reads the change before
typing the next one would.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from edition_testing import copy_project  # noqa: E402

TARGET_SECONDS = 1.0
NOTE = "texts/rekindled-pak-russia-relations/notes/p9-people-to-people.md"
WORDS = "ties between societies rather than governments"
"""A phrase of the note's body, shown in the article's note ¶9."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def preview_server(project: Path, dirty: bool = True) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`mkdocs serve --dirty` in `project`, as `make serve` starts it (without `--dirty` if
    `dirty` is false: every page rebuilt); its address once it serves."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *(["--dirty"] if dirty else []), "--strict",
         "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if "Serving on" in line:
                break
        else:
            raise RuntimeError("mkdocs serve ended before it served")
        yield f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()


def wait_until_quiet(process: subprocess.Popen[str], seconds: float = 1.5) -> None:
    """Until the server has been all but idle (under 10% of a core) for `seconds`: its background
    work (the handout PDF) is done. An idle `mkdocs serve` still wakes a few times a second."""
    ticks = os.sysconf("SC_CLK_TCK")

    def cpu() -> float:
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (float(fields[11]) + float(fields[12])) / ticks
    while True:
        before = cpu()
        time.sleep(seconds)
        if cpu() - before < 0.1 * seconds:
            return


def measure(edits: int, dirty: bool = True) -> list[float]:
    """Seconds from saving the note to the article showing the change, once per edit."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-preview-") as work:
        project = copy_project(Path(work) / "project")
        note = project / NOTE
        original = note.read_text(encoding="utf-8")
        assert WORDS in original, f"{NOTE} no longer says {WORDS!r}: update bench_preview.WORDS"
        with preview_server(project, dirty) as (address, process), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(address, wait_until="load")
            times = []
            for edit in range(edits):
                wait_until_quiet(process)
                marker = f"preview{edit}x"
                changed = original.replace(WORDS, f"{WORDS} {marker}", 1) if edit % 2 == 0 else original
                expected = marker if edit % 2 == 0 else None
                start = time.monotonic()
                note.write_text(changed, encoding="utf-8")
                if expected:
                    page.wait_for_function("m => document.body && document.body.textContent.includes(m)",
                                           arg=expected, timeout=30_000, polling="raf")
                else:
                    page.wait_for_function(
                        "m => document.body && document.readyState !== 'loading' && !document.body.textContent.includes(m)",
                        arg=f"preview{edit - 1}x", timeout=30_000, polling="raf")
                times.append(time.monotonic() - start)
            browser.close()
        note.write_text(original, encoding="utf-8")
    return times


def report(times: list[float]) -> tuple[str, bool]:
    """One line of the bench's report, and whether the target is met (the median within it)."""
    median = statistics.median(times)
    ok = median <= TARGET_SECONDS
    line = (f"preview: note saved → article shows it: median {median:.2f} s, "
            f"{min(times):.2f}–{max(times):.2f} s over {len(times)} edits (target ≤ {TARGET_SECONDS:.0f} s) "
            f"{'OK' if ok else 'MISSED'}")
    return line, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=8)
    parser.add_argument("--full", action="store_true", help="plain `mkdocs serve` (every page rebuilt), to compare")
    arguments = parser.parse_args()
    times = measure(arguments.edits, dirty=not arguments.full)
    print(report(times)[0])
    print("each:", " ".join(f"{seconds:.2f}" for seconds in times))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

