"""The CI that contributors meet: the GitHub workflows and `.ci/run`.

GitHub runs these files, not the test suite, so a mistake in them shows only on the next pull
request. These tests read them: valid YAML of the shape GitHub requires, the pull-request job
running what CONTRIBUTING.md says it runs, in that order, with the preview linked from the job
summary, and the Pages build installing what `.ci/run` installs for WeasyPrint and the handout.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from edition_testing import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CI_RUN = ROOT / ".ci" / "run"
# What a build needs besides Python (WeasyPrint's Pango, the handout's typeface).
BUILD_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-ebgaramond")


def _load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(workflow, dict), path.name
    # YAML 1.1, which PyYAML reads, takes the key `on` for the boolean true; GitHub reads "on".
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def _steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def _index(steps: list[dict], predicate) -> int:
    found = [i for i, step in enumerate(steps) if predicate(step)]
    assert len(found) == 1, f"expected one such step, found {len(found)}"
    return found[0]


def _runs(command: str):
    return lambda step: re.search(rf"(^|\n)\s*{re.escape(command)}\s*($|\n)", step.get("run", "")) is not None


def test_there_are_the_two_workflows():
    assert {path.name for path in WORKFLOWS} == {"ci.yml", "pages.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_is_valid_yaml_of_the_shape_github_requires(path: Path):
    workflow = _load(path)
    assert isinstance(workflow.get("name"), str) and workflow["name"]
    assert workflow.get("on"), f"{path.name}: no trigger"
    assert isinstance(workflow.get("jobs"), dict) and workflow["jobs"]
    for name, job in workflow["jobs"].items():
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name), name
        assert isinstance(job.get("runs-on"), str), f"{path.name}: job {name} has no runs-on"
        assert isinstance(job.get("steps"), list) and job["steps"], f"{path.name}: job {name} has no steps"
        ids = []
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{path.name}: a step needs exactly one of uses and run: {step}"
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", step["uses"]), step["uses"]
            if "id" in step:
                ids.append(step["id"])
        assert len(ids) == len(set(ids)), f"{path.name}: duplicate step ids"
        # Every `steps.<id>` an expression names is a step of this job.
        for reference in re.findall(r"steps\.([\w-]+)\.outputs", yaml.safe_dump(job)):
            assert reference in ids, f"{path.name}: job {name} refers to an unknown step '{reference}'"


def test_pull_request_job_checks_tests_builds_and_links_the_preview():
    workflow = _load(ROOT / ".github" / "workflows" / "ci.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    steps = _steps(workflow, "test")
    check = _index(steps, _runs("make check"))
    tests = _index(steps, _runs("bash .ci/run"))
    build = _index(steps, _runs("make build"))
    upload = _index(steps, lambda step: step.get("uses", "").startswith("actions/upload-artifact@"))
    assert steps[upload]["uses"] == "actions/upload-artifact@v4"  # v4 gives the artifact-url output
    assert steps[upload]["with"]["path"].rstrip("/") == "site"
    assert check < tests < build < upload, "make check first (quick annotations), the preview last"
    # The check itself must not be given a format: under GitHub Actions it picks `github`.
    assert "--format" not in steps[check]["run"]
    upload_id = steps[upload]["id"]
    summary = steps[upload + 1]
    text = yaml.safe_dump(summary)
    assert f"steps.{upload_id}.outputs.artifact-url" in text
    assert "$GITHUB_STEP_SUMMARY" in summary["run"]
    # The URL comes in through the environment, never pasted into the script by the expression.
    assert "${{" not in summary["run"]


def test_make_check_leaves_the_format_to_the_environment():
    recipe = re.search(r"^check:.*\n\t(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert recipe and "--format" not in recipe[1]


def test_pages_build_installs_what_a_build_needs():
    workflow = _load(ROOT / ".github" / "workflows" / "pages.yml")
    steps = _steps(workflow, "build")
    install = _index(steps, lambda step: "apt-get install" in step.get("run", ""))
    build = _index(steps, _runs("make build"))
    assert install < build
    for package in BUILD_PACKAGES:
        assert re.search(rf"(?<![\w.-]){re.escape(package)}(?![\w.-])", steps[install]["run"]), package


def test_ci_run_installs_what_the_tests_and_the_build_need():
    script = CI_RUN.read_text(encoding="utf-8")
    installed = set()
    for names in re.findall(r"need_apt\+=\(([^)]*)\)", script):
        installed.update(names.split())
    assert {*BUILD_PACKAGES, "chromium", "default-jre-headless", "make", "python3-venv"} <= installed
    assert script.rstrip().splitlines()[-1] == "make test"


def test_ci_run_is_valid_bash():
    result = subprocess.run(["bash", "-n", str(CI_RUN)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_readme_gives_the_install_commands_for_every_package_ci_installs():
    """The README's requirements name, in its apt-get commands, what .ci/run installs (fontconfig
    aside: it provides `fc-list`, which .ci/run uses to look for the font, and comes with any
    desktop)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    apt_lines = [line for line in readme.splitlines() if line.startswith("sudo apt-get install")]
    named = {word for line in apt_lines for word in line.split("#")[0].split()[3:]}
    installed = set()
    for names in re.findall(r"need_apt\+=\(([^)]*)\)", CI_RUN.read_text(encoding="utf-8")):
        installed.update(names.split())
    assert sorted(installed - {"fontconfig"} - named) == []
    for formula in ("pango", "--cask font-eb-garamond", "--cask chromium", "openjdk"):
        assert re.search(rf"^brew install .*{re.escape(formula)}", readme, re.MULTILINE), formula
