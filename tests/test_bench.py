"""The benchmark's side-by-side comparison measures what it says it measures (`make bench`)."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import yaml

import bench_pages
from bench_pages import Latencies, LighthouseRun, SideBySide, Transfer

ROOT = Path(__file__).resolve().parent.parent


def test_plain_page_is_the_base_text_with_the_editions_theme_and_nothing_of_the_edition(tmp_path: Path) -> None:
    project = bench_pages.make_plain_project(ROOT, tmp_path)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    edition = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=bench_pages._TolerantLoader)  # noqa: S506

    assert (project / "docs" / "index.md").read_text(encoding="utf-8") == (
        ROOT / "texts" / bench_pages.TEXT / "source.txt").read_text(encoding="utf-8")
    assert [path.name for path in (project / "docs").iterdir()] == ["index.md"]
    assert config["theme"]["name"] == "material"
    assert config["theme"]["palette"] == edition["theme"]["palette"], "the same palette, toggle included"
    assert config["theme"]["font"] == edition["theme"]["font"]
    assert config["plugins"] == ["search"]
    for edition_only in ("hooks", "extra_css", "extra_javascript", "markdown_extensions", "nav"):
        assert edition_only not in config
    assert "custom_dir" not in config["theme"] and "features" not in config["theme"]


def test_the_server_sends_text_gzip_compressed_as_github_pages_does(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>" + "words " * 500 + "</p>", encoding="utf-8")
    (tmp_path / "favicon.png").write_bytes(b"\x89PNG" + bytes(200))
    with bench_pages.served(tmp_path) as url:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:  # noqa: S310 - a local server
            body = response.read()
            assert response.headers["Content-Encoding"] == "gzip"
            assert int(response.headers["Content-Length"]) == len(body) < 3000 / 2
            assert gzip.decompress(body).decode() == (tmp_path / "index.html").read_text(encoding="utf-8")
        with urllib.request.urlopen(urllib.request.Request(url + "favicon.png", headers={"Accept-Encoding": "gzip"})) as response:  # noqa: S310
            assert response.headers.get("Content-Encoding") is None, "images are sent as they are"


def _runs(edition: dict[str, int], plain: dict[str, int], shift: float = 0.0) -> dict[tuple[str, str], list[LighthouseRun]]:
    scores = {"accessibility": 100, "best-practices": 100, "seo": 100}
    return {(page, profile): [LighthouseRun({"performance": value, **scores}, {"CLS": shift}) for value in values]
            for page, values_by_profile in (("edition", edition), ("plain", plain))
            for profile, values in values_by_profile.items()}


def _result(edition_wire: int, plain_wire: int, runs, latencies: Latencies) -> SideBySide:  # noqa: ANN001
    return SideBySide([Transfer("(the page)", "document", edition_wire * 4, edition_wire)],
                      [Transfer("(the page)", "document", plain_wire * 4, plain_wire)], runs, latencies)


def test_targets_are_judged_side_by_side_on_medians() -> None:
    # Mobile 97 against 99: within the 2 points Lantern's noise is allowed.
    runs = _runs({"mobile": [96, 97, 100], "desktop": [100, 100, 99]}, {"mobile": [100, 99, 98], "desktop": [100] * 3})
    verdicts = dict(bench_pages.check_targets(_result(150, 100, runs, Latencies([20, 30], [25], [40]))))
    assert all(verdicts.values()), verdicts


def test_each_missed_target_is_reported() -> None:
    runs = _runs({"mobile": [96, 97, 99], "desktop": [98, 99, 99]}, {"mobile": [100, 100, 99], "desktop": [100] * 3},
                 shift=0.014)
    verdicts = bench_pages.check_targets(_result(170, 100, runs, Latencies([20, 30], [30], [80, 90])))
    missed = [text for text, ok in verdicts if not ok]
    assert any(text.startswith("bytes at load") and "(1.70x)" in text for text in missed)
    assert any(text.startswith("mobile performance") and "(97 vs 100)" in text for text in missed)
    assert any(text.startswith("desktop performance") for text in missed)
    assert any(text.startswith("layout shift") and "(worst run 0.014)" in text for text in missed)
    assert any(text.startswith("tooltip and note") for text in missed)
    assert len(missed) == 5, missed


def test_tooltip_latency_is_the_75th_percentile_of_every_interaction() -> None:
    assert Latencies([10, 20, 30], [40]).p75() == 32.5
    assert Latencies([10, 20], [30], [40]).p75() == 32.5, "a note opened in its sheet counts as one more"
    assert Latencies([], []).p75() == float("inf"), "no measurement is no pass"


def test_synthetic_material_of_the_scale_runs_passes_the_check(tmp_path: Path) -> None:
    """The scale runs time a valid edition: the material they add passes the check as it stands."""
    import bench
    from edition_testing import copy_project, run_check

    project = copy_project(tmp_path / "project")
    real_notes = len(list((project / "texts" / bench.TEXT / "notes").glob("[!_]*.md")))
    real_entries = len(list((project / "glossary").glob("[!_]*.md")))
    notes, entries = bench.add_synthetic_material(project, 2)
    assert (notes, entries) == (2 * real_notes, 2 * real_entries)
    result = run_check(project)
    assert result.returncode == 0, result.output
    assert f"{entries} glossary entries, {notes} notes" in result.output, result.output
