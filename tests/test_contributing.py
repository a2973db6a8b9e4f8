"""What a contributor is given works: templates, the worked example, the hooks, the forms.

- Each template, filled in by following its own comments, passes the check; its
  `yaml-language-server` modeline names a schema that exists.
- The worked example in CONTRIBUTING.md passes the check, and the error it shows is the
  one the check prints.
- The pre-commit hook runs `make check`; the GitHub issue forms have what GitHub requires.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from edition.rules import RULES, rules_markdown
from edition.schemas import SCHEMA_DIR
from edition_testing import ROOT, Run, copy_project, run_check

TEXT = "texts/rekindled-pak-russia-relations"
GLOSSARY_TEMPLATE = ROOT / "glossary" / "_TEMPLATE.md"
NOTE_TEMPLATE = ROOT / TEXT / "notes" / "_TEMPLATE.md"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")

SOURCE = {
    "TODO-bibliography-key": "express-tribune-2015-10-16-pakistan-russia-sign",
}
QUOTE = "The pipeline will be built from Karachi to Lahore."


def fill(template: str, values: dict[str, str], body: str) -> str:
    """Replace each placeholder (which must be in the template) and the body; no TODO may remain."""
    front, _ = template.split("\n---\n", 1)
    for placeholder, value in values.items():
        assert placeholder in front, f"the template no longer has {placeholder!r}"
        front = front.replace(placeholder, value)
    filled = f"{front}\n---\n{body}"
    left = [line for line in filled.splitlines() if "TODO" in line and not line.lstrip().startswith("#")]
    assert left == [], f"placeholders left unfilled: {left}"
    return filled


def uncomment(text: str, *starts: str) -> str:
    """Remove the leading '# ' of the commented-out lines starting with `starts`, as the comments say."""
    for start in starts:
        commented = [line for line in text.splitlines() if line.lstrip().startswith(start)]
        assert len(commented) == 1, f"expected one commented line {start!r}, found {commented}"
        line = commented[0]
        indent = line[:len(line) - len(line.lstrip())]
        text = text.replace(line, indent + line.lstrip()[2:], 1)
    return text


def checked_with(tmp_path: Path, files: dict[str, str], mentions: str = "") -> Run:
    project = copy_project(tmp_path / "project")
    for path, content in files.items():
        (project / path).write_text(content, encoding="utf-8")
    if mentions:
        file = project / TEXT / "mentions.yml"
        file.write_text(file.read_text(encoding="utf-8") + mentions, encoding="utf-8")
    return run_check(project)


def assert_clean(result: Run) -> None:
    assert result.returncode == 0, result.output
    assert result.output.startswith("edition check: no problems;"), result.output


# ---------------------------------------------------------------- templates

@pytest.mark.parametrize(("template", "schema"), [(GLOSSARY_TEMPLATE, "glossary-entry.schema.json"),
                                                  (NOTE_TEMPLATE, "annotation.schema.json")],
                         ids=["glossary", "note"])
def test_template_modeline_names_its_schema(template: Path, schema: str):
    lines = template.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "---"
    match = MODELINE.match(lines[1])
    assert match, f"line 2 of {template.name} is not a yaml-language-server modeline: {lines[1]!r}"
    target = (template.parent / match["path"]).resolve()
    assert target.is_file(), f"{match['path']} does not exist"
    assert target == (SCHEMA_DIR / schema).resolve()


def test_every_modeline_in_the_sources_names_an_existing_schema():
    """Copies of the templates keep their modeline: each must still point at a schema."""
    sources = [*(ROOT / "glossary").glob("*.md"), *(ROOT / TEXT / "notes").glob("*.md"), ROOT / TEXT / "mentions.yml"]
    broken = []
    for path in sources:
        for line in path.read_text(encoding="utf-8").splitlines()[:3]:
            match = MODELINE.match(line)
            if match and not (path.parent / match["path"]).resolve().is_file():
                broken.append(f"{path.relative_to(ROOT)}: {match['path']}")
    assert broken == []


def test_templates_are_not_loaded_as_sources():
    result = run_check(ROOT)
    assert "_TEMPLATE" not in result.output


GLOSSARY_ACTOR = {
    "TODO-entry-id": "test-template-lahore",
    '"TODO: full name"': '"Lahore"',
    "TODO-actor-or-agreement": "actor",
    "TODO-type": "region",
    '"TODO: words of the text"': '"Lahore"',
    "TODO: one plain sentence saying who or what it is and why the text names it.":
        "Capital of Punjab province, named in the text as one end of the North–South gas pipeline.",
    '"TODO-YYYY-MM-DD"': '"2015-10-16"',
    '"TODO: who did what on that date"': '"Pakistan and Russia name Lahore as an end of the gas pipeline"',
    "TODO-related-entry-id": "pakistan",
    '"TODO: the sentence of the source that supports the entry, copied exactly"': f'"{QUOTE}"',
    **SOURCE,
}
GLOSSARY_BODY = ("Lahore is the capital of [Pakistan](glossary:pakistan)'s Punjab province; [¶4](para:4) names it\n"
                 "as one end of the [North–South pipeline](glossary:north-south-gas-pipeline-agreement).\n")


def test_filled_glossary_template_passes_the_check(tmp_path: Path):
    entry = fill(GLOSSARY_TEMPLATE.read_text(encoding="utf-8"), GLOSSARY_ACTOR, GLOSSARY_BODY)
    assert_clean(checked_with(tmp_path, {"glossary/test-template-lahore.md": entry},
                              mentions="- {paragraph: 4, exact: Lahore, entry: test-template-lahore}\n"))


def test_glossary_template_optional_fields_pass_the_check_once_uncommented(tmp_path: Path):
    """An agreement the text never names: parties, wikidata and background, as the template shows them."""
    template = uncomment(GLOSSARY_TEMPLATE.read_text(encoding="utf-8"),
                         "# parties:", "# wikidata:", "# background:", "#   paragraph:", "#   sentence:")
    values = {**GLOSSARY_ACTOR, "TODO-entry-id": "test-template-agreement", '"TODO: full name"': '"An agreement"',
              "TODO-actor-or-agreement": "agreement", "TODO-type": "treaty",
              '"TODO: words of the text"': '"Test template agreement"'}
    entry = fill(template, values, GLOSSARY_BODY)
    assert_clean(checked_with(tmp_path, {"glossary/test-template-agreement.md": entry}))


NOTE_FACT_CHECK = {
    "TODO-note-id": "p4-test-template-route",
    '"TODO: what the note is about"': '"Direction of the pipeline"',
    "TODO-paragraph": "4",
    '"TODO: words copied from the paragraph"': '"from Lahore to Karachi"',
    "TODO-note-type": "fact-check",
    "TODO-verdict": "imprecise",
    '"TODO: your name as it should be printed"': '"A. Contributor"',
    '"TODO-YYYY-MM-DD"': '"2015-10-16"',
    '"TODO: the sentence of the source that supports the note, copied exactly"': f'"{QUOTE}"',
    **SOURCE,
}
NOTE_BODY = ("The pipeline was planned to carry imported gas north from Karachi to Lahore; see\n"
             "[the pipeline deal](glossary:north-south-gas-pipeline-agreement) and [¶4](para:4).\n")


def test_filled_note_template_passes_the_check(tmp_path: Path):
    note = fill(NOTE_TEMPLATE.read_text(encoding="utf-8"), NOTE_FACT_CHECK, NOTE_BODY)
    assert_clean(checked_with(tmp_path, {f"{TEXT}/notes/p4-test-template-route.md": note}))


def test_note_template_optional_fields_pass_the_check_once_uncommented(tmp_path: Path):
    """A context note: the verdict line deleted, prefix, suffix, url and orcid used, as the comments say."""
    template = NOTE_TEMPLATE.read_text(encoding="utf-8")
    verdict = [line for line in template.splitlines() if line.startswith("verdict:")]
    assert len(verdict) == 1
    template = template.replace(verdict[0] + "\n", "")
    template = uncomment(template, "# prefix:", "# suffix:", "# url:", "# orcid:", "# locator:")
    values = {**NOTE_FACT_CHECK, "TODO-note-id": "p4-test-template-context", "TODO-note-type": "context",
              '"TODO: words just before "': '"gas pipeline "', '" TODO: words just after"': '" in October 2015"'}
    del values["TODO-verdict"]
    note = fill(template, values, NOTE_BODY)
    assert_clean(checked_with(tmp_path, {f"{TEXT}/notes/p4-test-template-context.md": note}))


# ---------------------------------------------------------------- the worked example

FENCE = re.compile(r'^```(?P<lang>\w+)(?: title="(?P<title>[^"]+)")?\n(?P<content>.*?)^```$', re.MULTILINE | re.DOTALL)


SUGGESTED = f"{TEXT}/notes/p8-language-barriers.md"
ZOTERO = "exported from Zotero"


def _example_blocks() -> dict[str, str]:
    blocks = {m["title"]: m["content"] for m in FENCE.finditer(CONTRIBUTING.read_text(encoding="utf-8"))
              if m["title"]}
    assert set(blocks) == {"bibliography.json", "glossary/khawaja-asif.md", f"{TEXT}/mentions.yml",
                           f"{TEXT}/notes/p4-visit-date.md", SUGGESTED, ZOTERO}, set(blocks)
    return blocks


def _shown_lines(page: Path, start: str) -> list[str]:
    """The lines of the page's ```text blocks (what the check printed) that start with `start`."""
    return [line for m in FENCE.finditer(page.read_text(encoding="utf-8")) if m["lang"] == "text"
            for line in m["content"].splitlines() if line.startswith(start)]


def _example_project(tmp_path: Path) -> Path:
    """The project with the example's entry, note and mention in place of the real ones."""
    blocks = _example_blocks()
    project = copy_project(tmp_path / "project")
    for path in ("glossary/khawaja-asif.md", f"{TEXT}/notes/p4-visit-date.md"):
        (project / path).write_text(blocks[path], encoding="utf-8")
    mentions = project / TEXT / "mentions.yml"
    kept = [line for line in mentions.read_text(encoding="utf-8").splitlines(keepends=True)
            if "entry: khawaja-asif}" not in line]
    mentions.write_text("".join(kept) + blocks[f"{TEXT}/mentions.yml"], encoding="utf-8")
    return project


def test_worked_example_passes_the_check(tmp_path: Path):
    assert_clean(run_check(_example_project(tmp_path)))


def test_worked_example_error_is_what_the_check_prints(tmp_path: Path):
    shown = _shown_lines(CONTRIBUTING, f"{TEXT}/notes/p4-visit-date.md:")
    assert len(shown) == 1
    project = _example_project(tmp_path)
    note = project / TEXT / "notes" / "p4-visit-date.md"
    note.write_text(note.read_text(encoding="utf-8").replace('exact: "in December 2014"', 'exact: "in Dec 2014"'),
                    encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert shown[0] in result.output.splitlines(), result.output


def test_suggested_note_is_anchored_and_only_its_todo_fields_are_reported(tmp_path: Path):
    """The file the page's "Suggest a note" writes, as the guide shows it: the check accepts its
    quotation and reports each field left to write, and only those, as the guide says it does."""
    project = copy_project(tmp_path / "project")
    (project / SUGGESTED).write_text(_example_blocks()[SUGGESTED], encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    reported = [line for line in result.output.splitlines() if line.startswith(f"{SUGGESTED}:")]
    assert reported, result.output
    assert all(line.endswith("[placeholder]") for line in reported), reported
    assert reported == _shown_lines(CONTRIBUTING, f"{SUGGESTED}:")
    assert len(reported) == len(result.output.splitlines()) - 1, "other files are reported too"


def _bibliography() -> dict[str, dict]:
    return {item["id"]: item for item in json.loads((ROOT / "bibliography.json").read_text(encoding="utf-8"))}


def test_bibliography_items_shown_are_those_of_bibliography_json():
    items = _bibliography()
    shown = [_example_blocks()["bibliography.json"]]
    formats = (ROOT / "docs" / "contributing" / "formats.md").read_text(encoding="utf-8")
    shown += [m["content"] for m in FENCE.finditer(formats) if m["lang"] == "json"]
    assert len(shown) == 2
    for block in shown:
        item = json.loads(block)
        assert item == items[item["id"]]


def test_every_key_the_guides_cite_is_in_bibliography_json():
    items = _bibliography()
    for page in (CONTRIBUTING, ROOT / "docs" / "contributing" / "formats.md"):
        keys = re.findall(r"^\s*-? ?key: ([a-z0-9-]+)", page.read_text(encoding="utf-8"), re.MULTILINE)
        assert keys, page.name
        assert [key for key in keys if key not in items and "todo" not in key.lower()] == [], page.name


def test_zotero_export_passes_as_exported_and_a_misspelt_field_is_reported_as_shown(tmp_path: Path):
    """The guide's Zotero item (years as text, Zotero's own `source` and `citation-key`), put in
    place of the item it exports, passes the check unchanged; the same item with a misspelt field
    gets the message the guide shows (line numbers aside: they are those of the reader's file)."""
    exported = json.loads(_example_blocks()[ZOTERO])
    key = exported["id"]
    assert isinstance(exported["issued"]["date-parts"][0][0], str), "the example keeps Zotero's text years"
    project = copy_project(tmp_path / "project")
    bibliography = project / "bibliography.json"

    def write(item: dict) -> None:
        items = [dict(other, **item) if other["id"] == key else other for other in json.loads(
            (ROOT / "bibliography.json").read_text(encoding="utf-8"))]
        assert any(other["id"] == key for other in items), key
        bibliography.write_text(json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8")

    write(exported)
    assert_clean(run_check(project))

    write({**exported, "abstrat": "A misspelt field."})
    result = run_check(project)
    assert result.returncode == 1
    reported = [re.sub(r"^bibliography\.json:\d+: ", "", line) for line in result.output.splitlines()
                if line.startswith("bibliography.json:")]
    shown = [re.sub(r"^bibliography\.json:\d+: ", "", line) for line in _shown_lines(CONTRIBUTING, "bibliography.json:")
             if "abstrat" in line]
    assert shown and reported == shown, result.output


RULES_START = "<!-- rules: the output of `python -m edition rules` -->\n"
RULES_END = "<!-- end of rules -->"


def test_contributing_lists_every_rule_of_the_check():
    section = CONTRIBUTING.read_text(encoding="utf-8").split("\n## Every rule of the check\n", 1)[1]
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE))
    assert sorted(set(RULES) - listed) == [], "CONTRIBUTING.md does not list these rules"
    assert sorted(listed - set(RULES)) == [], "CONTRIBUTING.md lists rules the check does not have"


def test_contributing_rules_table_is_the_catalogue():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert text.count(RULES_START) == 1 and text.count(RULES_END) == 1
    table = text.split(RULES_START, 1)[1].split(RULES_END, 1)[0]
    assert table == rules_markdown(), ("the rules table in CONTRIBUTING.md differs from hooks/edition/rules.py: "
                                       "replace it by the output of `python -m edition rules`")


def _github_slug(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_contributing_links_resolve():
    """Relative links point at files of the repository, #anchors at headings (code is skipped)."""
    text = re.sub(r"`[^`\n]*`", "", FENCE.sub("", CONTRIBUTING.read_text(encoding="utf-8")))
    anchors = {_github_slug(m[1]) for m in re.finditer(r"^#+ (.+)$", text, re.MULTILINE)}
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if target.startswith(("http://", "https://")):
            continue
        if target.startswith("#"):
            if target[1:] not in anchors:
                broken.append(target)
        elif not (ROOT / target.split("#")[0]).exists():
            broken.append(target)
    assert broken == []


def test_contributing_names_files_that_exist():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    for path in ("glossary/_TEMPLATE.md", f"{TEXT}/notes/_TEMPLATE.md", "docs/contributing/formats.md",
                 ".pre-commit-config.yaml", ".pre-commit-hooks.yaml", "CHANGELOG.md"):
        assert path in text, f"CONTRIBUTING.md does not mention {path}"
        assert (ROOT / path).is_file(), path


# ---------------------------------------------------------------- pre-commit

def _make_check_hook(hook: dict) -> None:
    assert hook["id"] == "edition-check"
    assert hook["entry"] == "make check"
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    assert hook["name"]


def test_pre_commit_manifest_offers_make_check():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    _make_check_hook(hooks[0])


def test_pre_commit_config_runs_make_check_on_source_changes():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    _make_check_hook(hook)
    files = re.compile(hook.get("files", ""))
    for path in ("glossary/russia.md", f"{TEXT}/notes/p4-visit-date.md", f"{TEXT}/mentions.yml", "edition.yml",
                 "hooks/edition/schemas/annotation.schema.json"):
        assert files.search(path), f"the hook would not run when {path} changes"


def test_make_check_runs_the_checker():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^check:.*\n\t(.+)$", makefile, re.MULTILINE)
    assert recipe and "-m edition check" in recipe[1]


# ---------------------------------------------------------------- GitHub templates

FORMS = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
FORM_TYPES = {"markdown", "textarea", "input", "dropdown", "checkboxes"}


def test_issue_forms_exist():
    names = {path.name for path in FORMS}
    assert {"suggest-a-note.yml", "report-an-error.yml", "config.yml"} <= names


@pytest.mark.parametrize("path", [p for p in FORMS if p.name != "config.yml"], ids=lambda path: path.name)
def test_issue_form_has_what_github_requires(path: Path):
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("name", "description"):
        assert isinstance(form.get(key), str) and form[key].strip(), f"{path.name}: no {key}"
    body = form.get("body")
    assert isinstance(body, list) and body, f"{path.name}: no body"
    ids, labels = [], []
    for index, item in enumerate(body, start=1):
        where = f"{path.name} body item {index}"
        assert item.get("type") in FORM_TYPES, f"{where}: type {item.get('type')!r}"
        attributes = item.get("attributes")
        assert isinstance(attributes, dict), f"{where}: no attributes"
        if item["type"] == "markdown":
            assert isinstance(attributes.get("value"), str) and attributes["value"].strip(), where
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", str(item.get("id", ""))), f"{where}: id {item.get('id')!r}"
        assert isinstance(attributes.get("label"), str) and attributes["label"].strip(), f"{where}: no label"
        ids.append(item["id"])
        labels.append(attributes["label"])
        if item["type"] in ("dropdown", "checkboxes"):
            options = attributes.get("options")
            assert isinstance(options, list) and options, f"{where}: no options"
            if item["type"] == "dropdown":
                assert all(isinstance(o, str) and o.strip() for o in options), where
                assert len(set(options)) == len(options) and "None" not in options, where
            else:
                assert all(isinstance(o, dict) and str(o.get("label", "")).strip() for o in options), where
    assert len(set(ids)) == len(ids), f"{path.name}: duplicate ids"
    assert len(set(labels)) == len(labels), f"{path.name}: duplicate labels"


def test_suggest_a_note_asks_for_paragraph_quotation_and_sources():
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/suggest-a-note.yml").read_text(encoding="utf-8"))
    items = {item.get("id"): item for item in form["body"]}
    assert {"paragraph", "quotation", "context", "note-type", "verdict", "note", "sources", "credit"} <= set(items)
    for required in ("paragraph", "quotation", "note", "sources"):
        assert items[required]["validations"]["required"] is True
    # What the page's "Suggest a note" fills in (from the address): fields a query can fill, not dropdowns.
    for prefilled in ("paragraph", "quotation", "context", "note", "sources", "credit"):
        assert items[prefilled]["type"] in ("input", "textarea"), prefilled
    # A reader who knows no vocabulary may leave the type and the verdict to the editors.
    for optional in ("note-type", "verdict", "credit", "context"):
        assert not items[optional].get("validations", {}).get("required"), optional
    assert items["note"]["attributes"]["label"] == "What should readers know about these words?"


def test_report_an_error_asks_for_location_quotation_and_sources():
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/report-an-error.yml").read_text(encoding="utf-8"))
    items = {item.get("id"): item for item in form["body"]}
    assert {"where", "location", "quotation", "correction", "sources"} <= set(items)


def test_issue_chooser_config_is_valid():
    config = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/config.yml").read_text(encoding="utf-8"))
    assert isinstance(config.get("blank_issues_enabled"), bool)
    for link in config.get("contact_links", []):
        assert {"name", "url", "about"} <= set(link) and link["url"].startswith("https://")


def test_pull_request_template_is_a_short_checklist():
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] .+$", text, re.MULTILINE)
    assert 3 <= len(items) <= 10
    assert any("make check" in item for item in items)
    assert any("source.txt" in item for item in items)


def test_formats_page_shows_real_messages(tmp_path: Path):
    """The sample output on the Source formats page is what the check prints for those mistakes."""
    page = (ROOT / "docs" / "contributing" / "formats.md").read_text(encoding="utf-8")
    shown = [line for m in FENCE.finditer(page) if m["lang"] == "text" for line in m["content"].splitlines()]
    assert len(shown) == 2
    project = _example_project(tmp_path)
    for path, old, new in (("glossary/khawaja-asif.md", "type: person", "type: politician"),
                           (f"{TEXT}/notes/p4-visit-date.md", 'exact: "in December 2014"', 'exact: "in Dec 2014"')):
        file = project / path
        assert file.read_text(encoding="utf-8").count(old) == 1
        file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    reported = run_check(project).output.splitlines()
    assert [line for line in shown if line not in reported] == []


# ---------------------------------------------------------------- the guide and the site's page agree

SITE_GUIDE = ROOT / "docs" / "contributing" / "index.md"
SUGGEST_JS = ROOT / "hooks" / "edition" / "browser" / "suggest.js"
SUGGEST_KEY_JS = ROOT / "hooks" / "edition" / "browser" / "suggest-start.js"
"""Where Alt+N is recognised (edition.isSuggestKey), for suggest.js and before it is loaded."""
# What both guides must tell a contributor: the one command, the route from a selection (its
# button, its key and the dialog's buttons), the bibliography and Zotero, the preview, the rules.
BOTH_GUIDES = ("make check", "Suggest a note", "<kbd>Alt</kbd>+<kbd>N</kbd>", "**Copy**", "**Download**",
               "**Open on GitHub**", "**Suggest on GitHub**", "**Send by e-mail**", "**Copy the text**",
               "**For editors: the note file**", "GitHub account", "`TODO`", "bibliography.json", "CSL JSON", "Citation Key", "quote:",
               "locator:", "site-preview", "make test")


@pytest.mark.parametrize("guide", [CONTRIBUTING, SITE_GUIDE], ids=["CONTRIBUTING.md", "site page"])
def test_both_guides_tell_the_same_route(guide: Path):
    text = guide.read_text(encoding="utf-8")
    assert [phrase for phrase in BOTH_GUIDES if phrase not in text] == []


def test_the_buttons_the_guides_name_are_the_pages_buttons():
    script = SUGGEST_JS.read_text(encoding="utf-8")
    for label in ("Suggest a note", "Copy", "Download", "Open on GitHub", "Suggest on GitHub", "Send by e-mail",
                  "Copy the text", "For editors: the note file"):
        assert re.search(rf'(textContent = |button\(|link\()"{re.escape(label)}"', script), label
    assert 'setAttribute("aria-keyshortcuts", "Alt+N")' in script
    assert "edition.isSuggestKey(event)" in script
    key = SUGGEST_KEY_JS.read_text(encoding="utf-8")
    assert "event.altKey" in key and '"KeyN"' in key
