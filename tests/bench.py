"""Benchmark (`make bench`): how the edition scales, and what the article page costs a reader.

Not a test: it prints measurements next to their targets. For the real project (1x) and for
copies with 10x and 100x as many notes and glossary entries (synthetic notes anchored to real
quotations of the text, synthetic entries explaining a real sentence through `background`) it
measures:

- a clean strict build, run in a fresh interpreter (`--build-one`), and the part of it spent in
  the edition's own code: importing the hook module (the `edition` package and the libraries
  only it uses), and the hooks' on_config / on_files / on_page_markdown, which call everything
  in hooks/edition/, wrapped with timers. Python byte-code of hooks/ is compiled first, as a
  second build or an installed package would find it (PYTHONDONTWRITEBYTECODE or not);
- `python -m edition check edition.yml` (what `make check` runs);

then the fast preview (tests/bench_preview.py: from saving a note under `mkdocs serve --dirty`
to the article showing it in Chromium), then the article page side by side with a plain Material page of the same text (tests/bench_pages.py):
bytes at load, Lighthouse 12 alternately on both (mobile and desktop), and tooltip latency under a
4x CPU slowdown, with the ratios and the targets of issue #17.

Exit status 1 when a synthetic project fails to build or check (the numbers would mean nothing);
0 otherwise, also when a target is missed: the targets are printed for people to judge.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]

from edition_testing import copy_project, run_check  # noqa: E402

SCALES = (1, 10, 100)
TEXT = "rekindled-pak-russia-relations"
import bench_pages  # noqa: E402
import bench_preview  # noqa: E402
from browser_support import CHROMIUM  # noqa: E402

# Targets (README): what the numbers are judged against.
TARGET_EDITION_SHARE_1X = 0.10
TARGET_RATIO_10_TO_100 = 12.0
TARGET_CHECK_1X = 1.0
TARGET_CHECK_100X = 5.0


def build_env(project: Path) -> dict[str, str]:
    """The environment `make build` gives MkDocs, without CI's SITE_URL/REPO_URL/EDIT_URI."""
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "REPO_URL", "EDIT_URI"}}
    return env | {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks")}


# --- Synthetic scale ------------------------------------------------------------------------

def quotation_candidates(project: Path, rng: random.Random) -> list[tuple[str, str]]:
    """(paragraph, words) pairs: runs of 3-8 words that occur exactly once in their paragraph."""
    from edition.basetext import parse_transcript

    path = project / "texts" / TEXT / "source.txt"
    base = parse_transcript(path, path.read_text(encoding="utf-8"), ("byline", "author-note"))
    candidates = []
    for block in base.paragraphs:
        spans = [match.span() for match in re.finditer(r"\S+", block.text)]
        for length in range(3, 9):
            for first in range(len(spans) - length + 1):
                words = block.text[spans[first][0]:spans[first + length - 1][1]]
                if block.text.count(words) == 1:
                    candidates.append((block.key, words))
    rng.shuffle(candidates)
    return candidates


def front_matter(fields: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"


def add_synthetic_material(project: Path, factor: int) -> tuple[int, int]:
    """Make `project` hold `factor` times its notes and glossary entries; returns their numbers."""
    notes_dir = project / "texts" / TEXT / "notes"
    glossary_dir = project / "glossary"
    real_notes = [p for p in notes_dir.glob("*.md") if not p.name.startswith("_")]
    real_entries = [p for p in glossary_dir.glob("*.md") if not p.name.startswith("_")]
    extra_notes = (factor - 1) * len(real_notes)
    extra_entries = (factor - 1) * len(real_entries)
    rng = random.Random(factor)
    candidates = quotation_candidates(project, rng)
    entry_ids = sorted(p.stem for p in real_entries)
    # Synthetic material cites a real source, with a stand-in for the supporting sentence.
    source = [{"key": json.loads((project / "bibliography.json").read_text(encoding="utf-8"))[0]["id"],
               "quote": "A sentence of the source, for the benchmark."}]
    for number in range(extra_notes):
        paragraph, words = candidates[number % len(candidates)]
        note_id = f"p{paragraph}-bench-{number:05d}"
        linked = entry_ids[number % len(entry_ids)]
        (notes_dir / f"{note_id}.md").write_text(front_matter({
            "id": note_id,
            "title": f"Benchmark note {number}",
            "target": {"paragraph": int(paragraph), "exact": words},
            "type": "context",
            "authors": [{"name": "The benchmark"}],
            "date": "2026-01-01",
            "sources": source,
        }, f"Synthetic note {number} on [¶{paragraph}](para:{paragraph}), about *{words}*; "
           f"see [the entry](glossary:{linked}).\n\nA second paragraph, with a "
           f"[link](https://example.org/{number})."), encoding="utf-8")
    for number in range(extra_entries):
        paragraph, words = candidates[(number * 7) % len(candidates)]
        entry_id = f"bench-entry-{number:05d}"
        (glossary_dir / f"{entry_id}.md").write_text(front_matter({
            "id": entry_id,
            "title": f"Benchmark entry {number}",
            "kind": "actor",
            "type": "organisation",
            "aliases": [],
            "summary": f"A synthetic organisation, number {number}, that explains a sentence of the text.",
            "dates": [{"date": "2016-08-09", "label": "Named in the benchmark"}],
            "related": [entry_ids[number % len(entry_ids)]],
            "sources": source,
            "background": {"paragraph": int(paragraph), "sentence": words},
        }, f"Benchmark entry {number}, related to [an entry](glossary:{entry_ids[number % len(entry_ids)]}) "
           f"and to [¶{paragraph}](para:{paragraph})."), encoding="utf-8")
    return len(real_notes) + extra_notes, len(real_entries) + extra_entries


# --- One build, in a fresh interpreter --------------------------------------------------------

def build_one(project: Path, site: Path) -> dict[str, float]:
    """Build `project` into `site` strictly; the seconds spent in all, and in the edition's hooks."""
    # MkDocs' own modules, which any build imports: not the edition's cost, and not timed.
    import mkdocs.config.defaults  # noqa: F401
    import mkdocs.plugins  # noqa: F401
    import mkdocs.structure.files  # noqa: F401
    import mkdocs.structure.pages  # noqa: F401
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    hooks_dir = (project / "hooks").resolve()
    start = time.perf_counter()
    # The edition's modules and the libraries only it uses (jsonschema-rs, nh3), imported
    # the way MkDocs' hook loader would: counted as the edition's time.
    sys.path.insert(0, str(hooks_dir))
    import mkdocs_scholarly_edition  # noqa: F401
    seconds: dict[str, float] = {"import": time.perf_counter() - start}
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=True)

    def timed(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[function.__name__] = seconds.get(function.__name__, 0.0) + time.perf_counter() - began
        return wrapper

    wrapped = 0
    for callbacks in config.plugins.events.values():
        for index, callback in enumerate(callbacks):
            module = sys.modules.get(getattr(callback, "__module__", ""), None)
            source = Path(getattr(module, "__file__", "") or "/").resolve()
            if source.is_relative_to(hooks_dir):
                callbacks[index] = timed(callback)
                wrapped += 1
    if wrapped == 0:
        raise SystemExit(f"no hook of {hooks_dir} found to time")
    try:
        build(config)
    except Abort as error:
        raise SystemExit(f"build failed: {error}") from None
    return {"total": time.perf_counter() - start, "edition": sum(seconds.values()), "hooks": seconds}


@dataclass(frozen=True)
class BuildTime:
    """One clean build at one scale."""

    scale: int
    notes: int
    entries: int
    pages: int
    total: float
    """Seconds for loading the configuration and building (in-process)."""
    edition: float
    """Seconds of that spent inside the edition's hooks."""
    check: float
    """Seconds for `python -m edition check edition.yml` (a fresh interpreter)."""
    hooks: dict[str, float]
    """Seconds in each part (import, on_config, on_files, on_page_markdown)."""
    runs: int = 1
    """Builds and checks made; the build with the median share and the median check are reported."""

    @property
    def share(self) -> float:
        return self.edition / self.total


RUNS = {1: 5, 10: 3, 100: 1}
"""Clean builds (and checks) per scale; the median run is reported, since a 1-second build on a
shared machine varies by 10-20 %."""


def measure_scale(scale: int, work: Path, runs: int) -> BuildTime:
    project = copy_project(work / f"project-{scale}x")
    notes, entries = add_synthetic_material(project, scale)
    # Byte-code as every build after the first finds it (this machine sets PYTHONDONTWRITEBYTECODE).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(project / "hooks")], check=True)
    checks, builds = [], []
    for _ in range(runs):
        check_start = time.perf_counter()
        check = run_check(project)
        checks.append(time.perf_counter() - check_start)
        if check.returncode != 0:
            raise SystemExit(f"{scale}x: the check failed, the synthetic material is wrong:\n{check.output[-3000:]}")
        site = work / f"site-{scale}x"
        shutil.rmtree(site, ignore_errors=True)
        # A temporary folder of its own: nothing kept by an earlier build (edition.cache) is found.
        fresh = Path(tempfile.mkdtemp(prefix="bench-tmp-", dir=work))
        result = subprocess.run([sys.executable, __file__, "--build-one", str(project), str(site)],
                                cwd=project, env=build_env(project) | {"TMPDIR": str(fresh)}, capture_output=True,
                                text=True, timeout=3600)
        if result.returncode != 0:
            raise SystemExit(f"{scale}x: the build failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
        builds.append(json.loads(result.stdout.strip().splitlines()[-1]))
    pages = sum(1 for _ in site.rglob("*.html"))
    times = sorted(builds, key=lambda run: run["edition"] / run["total"])[len(builds) // 2]
    return BuildTime(scale, notes, entries, pages, times["total"], times["edition"], statistics.median(checks),
                     times["hooks"], runs)


# --- Report -----------------------------------------------------------------------------------

def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def kib(size: float) -> str:
    return f"{size / 1024:.1f} KiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-one", nargs=2, metavar=("PROJECT", "SITE"), help=argparse.SUPPRESS)
    parser.add_argument("--scales", default=",".join(map(str, SCALES)), help="e.g. 1,10 (default 1,10,100)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page and profile (default 3)")
    parser.add_argument("--no-pages", action="store_true", help="skip the page comparison (scales only)")
    parser.add_argument("--runs", type=int, default=0, help="builds per scale (default 5 at 1x, 3 at 10x, 1 at 100x)")
    parser.add_argument("--no-preview", action="store_true", help="skip the fast preview (mkdocs serve --dirty)")
    arguments = parser.parse_args()
    if arguments.build_one:
        print(json.dumps(build_one(Path(arguments.build_one[0]), Path(arguments.build_one[1]))))
        return 0

    scales = [int(s) for s in arguments.scales.split(",") if s.strip()]
    print(f"Benchmark on {os.cpu_count()} CPUs, Python {sys.version.split()[0]}\n")
    results: dict[int, BuildTime] = {}
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as temporary:
        work = Path(temporary)
        print(f"{'scale':>5} {'notes':>6} {'entries':>7} {'pages':>6} {'build s':>8} {'edition s':>9} "
              f"{'share':>6} {'check s':>8} {'runs':>4}   edition s by part")
        for scale in scales:
            result = measure_scale(scale, work, arguments.runs or RUNS.get(scale, 1))
            results[scale] = result
            print(f"{scale:>4}x {result.notes:>6} {result.entries:>7} {result.pages:>6} {result.total:>8.2f} "
                  f"{result.edition:>9.3f} {result.share:>6.1%} {result.check:>8.2f} {result.runs:>4}   "
                  + ", ".join(f"{name} {value:.3f}" for name, value in sorted(result.hooks.items())), flush=True)

        print("\nTargets")
        if 1 in results:
            one = results[1]
            print(f"  edition code at 1x: {one.share:.1%} of the build (target <= "
                  f"{TARGET_EDITION_SHARE_1X:.0%}): {verdict(one.share <= TARGET_EDITION_SHARE_1X)}")
            print(f"  check at 1x: {one.check:.2f} s (target < {TARGET_CHECK_1X:.0f} s): "
                  f"{verdict(one.check < TARGET_CHECK_1X)}")
        ordered = sorted(results)
        for low, high in zip(ordered, ordered[1:], strict=False):
            build_ratio = results[high].total / results[low].total
            edition_ratio = results[high].edition / results[low].edition
            check_ratio = results[high].check / results[low].check
            line = (f"  {low}x -> {high}x ({high // low}x the material): build {build_ratio:.1f}x, "
                    f"edition code {edition_ratio:.1f}x, check {check_ratio:.1f}x")
            if (low, high) == (10, 100):
                worst = max(build_ratio, edition_ratio)
                line += f" (target <= {TARGET_RATIO_10_TO_100:.0f}x): {verdict(worst <= TARGET_RATIO_10_TO_100)}"
            print(line)
        if 100 in results:
            hundred = results[100]
            print(f"  check at 100x: {hundred.check:.2f} s (target < {TARGET_CHECK_100X:.0f} s): "
                  f"{verdict(hundred.check < TARGET_CHECK_100X)}")

    if not arguments.no_preview and CHROMIUM.exists():
        # Issue #24: a saved note in the browser within 1 s of `make serve`.
        print("\n--- The fast preview: a saved note, seen in the browser ---\n", flush=True)
        times = bench_preview.measure(edits=8)
        print(bench_preview.report(times)[0])
        print("  each: " + " ".join(f"{seconds:.2f}" for seconds in times))

    if arguments.no_pages:
        return 0
    # The article page side by side with plain Material (issue #17).
    print("\n--- The article page against a plain Material page of the same text ---\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="edition-bench-pages-") as temporary:
        if not CHROMIUM.exists():
            print(f"{CHROMIUM} is missing (apt-get install chromium); pages not measured")
            return 0
        result = bench_pages.run(Path(temporary), runs=arguments.lighthouse_runs,
                                 use_lighthouse=not arguments.no_lighthouse)
        bench_pages.report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
