"""Suggest a note from a selection: the note file the page writes is anchored where the check finds it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from browser_support import NOTES, ServedSite, front_matter, open_article, serve
from edition_testing import ROOT, copy_project, run_build

pytestmark = pytest.mark.browser

PYTHON = Path(sys.executable)  # the interpreter running the tests, with the edition installed
REPO_URL = "https://github.com/example-org/rekindled-edition"
ANCHORING_RULES = {"quote-not-found", "quote-context-mismatch", "quote-ambiguous", "quote-paragraph-unknown"}

# Selects words of a block's text (apparatus left out) with a Range over its text nodes: the
# `nth` occurrence of `phrase`, up to the end of `until` if given. Returns what was selected.
SELECT = """([selector, phrase, nth, until]) => {
  const block = document.querySelector(selector);
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {acceptNode: (n) =>
      n.parentElement.closest('[data-apparatus]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const nodes = []; let text = '';
  for (let node; (node = walker.nextNode());) { nodes.push([node, text.length]); text += node.data; }
  let start = -1;
  for (let i = 0; i <= nth; i++) { start = text.indexOf(phrase, start + 1); if (start < 0) throw new Error(phrase); }
  const end = until ? text.indexOf(until, start) + until.length : start + phrase.length;
  const at = (offset, isEnd) => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const [node, from] = nodes[i];
      if (offset > from || (offset === from && !isEnd) || i === 0) return [node, offset - from];
    }
  };
  const range = document.createRange();
  range.setStart(...at(start, false));
  range.setEnd(...at(end, true));
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the whole repository, for the check to read suggested notes in."""
    return copy_project(tmp_path_factory.mktemp("suggest") / "edition")


@pytest.fixture(scope="module")
def repo_site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The edition built with repo_url set (REPO_URL, as CI sets it), served; yields its address."""
    site = tmp_path_factory.mktemp("suggest-site")
    result = run_build(project, site, REPO_URL=REPO_URL)
    assert result.returncode == 0, result.output
    with serve(site) as url:
        yield url


def watch_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors




def select(page: Page, selector: str, phrase: str, nth: int = 0, until: str | None = None) -> str:
    return page.evaluate(SELECT, [selector, phrase, nth, until])




def filled_in(content: str) -> str:
    """The suggested file with every field the contributor must write (its TODOs) written."""
    source = front_matter((ROOT / NOTES / "p4-visit-date.md").read_text(encoding="utf-8"))["sources"][0]
    writes = [
        (r'^title: "TODO:[^"\n]*"$', 'title: "A note suggested in a browser test"'),
        (r"^verdict: TODO-verdict\b.*$", "verdict: accurate"),
        (r'^  - name: "TODO:[^"\n]*"$', '  - name: "Test Contributor"'),
        (r"^  - key: TODO-bibliography-key$", f"  - key: {source['key']}"),
        (r'^    quote: "TODO:[^"\n]*"$', f"    quote: {json.dumps(source['quote'], ensure_ascii=False)}"),
        (r"^TODO: the note, in Markdown\..*$", "Accurate: the sources say so, as this test's note reports."),
    ]
    for pattern, value in writes:
        content, count = re.subn(pattern, lambda _match, value=value: value, content, flags=re.MULTILINE)
        assert count == 1, f"the suggested file has no field {pattern!r} to write:\n{content}"
    left = [line for line in content.splitlines() if "TODO" in line and not line.lstrip().startswith("#")]
    assert not left, f"TODOs are left that this test does not know: {left}"
    return content


def check_problems(project: Path, note_id: str, content: str) -> list[dict]:
    """The check's problems with the note file `content` written as `note_id`.md into `project`."""
    path = project / NOTES / f"{note_id}.md"
    path.write_text(content, encoding="utf-8")
    try:
        env = {k: v for k, v in os.environ.items() if k not in {"REPO_URL", "SITE_URL", "GITHUB_ACTIONS"}}
        env["PYTHONPATH"] = "hooks"
        result = subprocess.run([str(PYTHON), "-m", "edition", "check", "edition.yml", "--format", "json"],
                                cwd=project, env=env, capture_output=True, text=True, timeout=120)
    finally:
        path.unlink()
    report = json.loads(result.stdout)
    return [problem for problem in report["problems"] if problem["path"] == f"{NOTES}/{note_id}.md"]


def open_suggestion(page: Page) -> tuple[str, dict]:
    """Activates "Suggest a note" from the keyboard; returns the note file and its front matter."""
    button = page.locator("button.edition-suggest")
    expect(button).to_be_visible()
    expect(button).to_have_text("Suggest a note")
    assert button.evaluate("b => b.tabIndex >= 0 && !b.disabled"), "the button is not in the tab order"
    # It follows the selection's paragraph in the tab order: Tab from the paragraph's last link.
    last = button.evaluate_handle("""b => {
        const links = b.previousElementSibling.querySelectorAll('a[href], button');
        return links[links.length - 1];
    }""")
    last.as_element().focus()
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.edition-suggest-dialog")
    expect(dialog).to_be_visible()
    assert dialog.evaluate("d => d.open && d.matches(':modal')")
    title = page.locator("#" + dialog.get_attribute("aria-labelledby"))
    expect(title).to_contain_text("Suggest a note on")
    content = dialog.locator("textarea.edition-suggest-dialog__file").input_value()
    return content, front_matter(content)


# What a field still holding the template's TODO may produce: its own placeholder problem and, for
# the bibliography key, the unknown key that TODO-bibliography-key is.
PLACEHOLDER_RULES = {"placeholder", "citation-unknown-key"}

CASES = {
    # words found once in their paragraph: no prefix or suffix
    "once": ("#p3 .edition-para__text", "strategic motif", 0, None, "3", "strategic motif", None),
    # the second of two "Afghanistan" in ¶6: told apart by the words before it
    "twice": ("#p6 .edition-para__text", "Afghanistan", 1, None, "6", "Afghanistan", "from "),
    # across a glossary link and a note marker
    "across a link": ("#p4 .edition-para__text", "four Mi-35M", 0, "and welcomed", "4",
                      "four Mi-35M helicopters to Pakistan and welcomed", None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_suggested_file_is_anchored_where_the_check_finds_it(page: Page, project: Path, case: str):
    selector, phrase, nth, until, paragraph, exact, prefix = CASES[case]
    open_article(page)
    selected = select(page, selector, phrase, nth, until)
    if case == "across a link":
        assert page.evaluate("""() => { const r = getSelection().getRangeAt(0).cloneContents();
            return !!r.querySelector('a.edition-mention') && !!r.querySelector('sup.edition-marker'); }"""), \
            "the selection does not span a glossary link and a marker"
        assert selected != exact  # the marker's number and symbol are in the selection, not in the quotation
    content, meta = open_suggestion(page)
    target = meta["target"]
    assert str(target["paragraph"]) == paragraph
    assert target["exact"] == exact
    assert target.get("prefix") == prefix
    assert "suffix" not in target
    assert meta["type"] == "fact-check"
    note_id = meta["id"]
    assert re.fullmatch(r"p\d-[a-z0-9-]+", note_id) and note_id.startswith(f"p{paragraph}-")
    assert page.locator('input[name="id"]').input_value() == note_id
    # As produced, the check flags only the fields still to write (each a placeholder), never the anchor.
    as_produced = check_problems(project, note_id, content)
    assert as_produced and {p["rule"] for p in as_produced} <= PLACEHOLDER_RULES, as_produced
    problems = check_problems(project, note_id, filled_in(content))
    assert not problems, f"the check finds problems with the suggested note: {problems}"
    if prefix:
        # The prefix is what picks the occurrence: without it the check says the words are ambiguous.
        without = re.sub(r"^  prefix: .*\n", "", filled_in(content), flags=re.MULTILINE)
        assert {p["rule"] for p in check_problems(project, note_id, without)} & ANCHORING_RULES == {"quote-ambiguous"}


def test_the_type_changes_the_file_and_alt_n_opens_it(page: Page):
    open_article(page)
    select(page, "#p8 .edition-para__text", "bitterness")
    page.keyboard.press("Alt+n")
    dialog = page.locator("dialog.edition-suggest-dialog")
    expect(dialog).to_be_visible()
    file = dialog.locator("textarea.edition-suggest-dialog__file")
    assert "verdict:" in file.input_value() and "\nsources:" in file.input_value()
    dialog.locator('select[name="type"]').select_option("context")
    meta = front_matter(file.input_value())
    assert meta["type"] == "context" and "verdict" not in meta
    dialog.locator('input[name="id"]').fill("p8-my-own-id")
    assert front_matter(file.input_value())["id"] == "p8-my-own-id"
    expect(dialog.locator("a", has_text="Download")).to_have_attribute("download", "p8-my-own-id.md")
    # No repo_url in this build: no GitHub link.
    expect(dialog.locator("a", has_text="Open on GitHub")).to_have_count(0)
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()


def test_no_button_outside_the_text_or_without_a_selection(page: Page):
    open_article(page)
    button = page.locator("button.edition-suggest")
    select(page, "#p3 .edition-para__text", "strategic motif")
    expect(button).to_be_visible()
    # Just below the selection's last line, near its end.
    place = page.evaluate("""() => { const rects = getSelection().getRangeAt(0).getClientRects();
        const last = rects[rects.length - 1]; const b = document.querySelector('button.edition-suggest')
        .getBoundingClientRect(); return {gap: b.top - last.bottom, left: b.left, right: b.right,
                                         selLeft: last.left, selRight: last.right}; }""")
    assert 0 <= place["gap"] <= 30, place
    assert place["left"] <= place["selRight"] + 8 and place["right"] >= place["selLeft"] - 8, place
    page.evaluate("() => getSelection().removeAllRanges()")
    expect(button).to_be_hidden()
    select(page, "h2#notes", "Notes")  # outside every block of the text
    page.wait_for_timeout(300)
    expect(button).to_be_hidden()
    page.keyboard.press("Alt+n")
    expect(page.locator("dialog.edition-suggest-dialog")).to_have_count(0)


def test_copy_download_and_github_link(browser: Browser, repo_site: str):
    context = browser.new_context(base_url=repo_site, viewport={"width": 1280, "height": 800}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=repo_site.rstrip("/"))
    try:
        page = context.new_page()
        errors = watch_errors(page)
        open_article(page)
        select(page, "#p6 .edition-para__text", "Afghanistan", 0)
        content, meta = open_suggestion(page)
        dialog = page.locator("dialog.edition-suggest-dialog")
        copy = dialog.locator(".edition-suggest-dialog__actions button").first
        expect(copy).to_have_text("Copy")
        copy.click()
        expect(copy).to_have_text("Copied")
        assert page.evaluate("() => navigator.clipboard.readText()") == content
        download_link = dialog.locator("a", has_text="Download")
        expect(download_link).to_have_attribute("download", f"{meta['id']}.md")
        with page.expect_download() as info:
            download_link.click()
        download = info.value
        assert download.suggested_filename == f"{meta['id']}.md"
        assert Path(download.path()).read_text(encoding="utf-8") == content
        github = dialog.locator("a", has_text="Open on GitHub")
        expect(github).to_have_count(1)
        url = urllib.parse.urlsplit(github.get_attribute("href"))
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO_URL}/new/main/{NOTES}"
        query = urllib.parse.parse_qs(url.query)
        assert query["filename"] == [f"{meta['id']}.md"]
        assert query["value"] == [content]
        assert not errors, errors
    finally:
        context.close()


def test_without_javascript_nothing_of_this_appears(browser: Browser, served_site: ServedSite):
    context: BrowserContext = browser.new_context(base_url=served_site.url, java_script_enabled=False,
                                                  viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("response", lambda response: problems.append(f"{response.status} {response.url}")
                if response.status >= 400 else None)
        page.goto("./")
        expect(page.locator("#p3 .edition-para__text")).to_contain_text("The Russian renaissance")
        page.keyboard.press("Control+a")  # a selection over the whole text (the mouse needs scripts here)
        page.keyboard.press("Alt+n")
        page.wait_for_timeout(300)
        expect(page.locator("button.edition-suggest, dialog.edition-suggest-dialog")).to_have_count(0)
        expect(page.locator(".edition-reading")).to_be_hidden()
        expect(page.get_by_text("Suggest a note")).to_have_count(0)
        assert not problems, problems
    finally:
        context.close()
