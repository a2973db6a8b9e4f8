"""Suggest a note from a selection: a plain form for every reader (GitHub, e-mail or copy), and for
editors the note file, anchored where the check finds it."""

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
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, expect

from browser_support import NOTES, ServedSite, front_matter, open_article, serve
from edition_testing import ROOT, copy_project, run_build

pytestmark = pytest.mark.browser

PYTHON = Path(sys.executable)  # the interpreter running the tests, with the edition installed
REPO_URL = "https://github.com/example-org/rekindled-edition"
EDITOR_EMAIL = "editors@example.org"  # set in the repo_site build only: no real address is invented
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
    """The edition built with repo_url set (REPO_URL, as CI sets it) and an editor's e-mail address
    in edition.yml, served; yields its address."""
    config = project / "edition.yml"
    text = config.read_text(encoding="utf-8")
    with_email = text.replace("  - literal: Rekindled Edition Project editorial team\n",
                              f"  - literal: Rekindled Edition Project editorial team\n    email: {EDITOR_EMAIL}\n")
    assert with_email != text
    config.write_text(with_email, encoding="utf-8")
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
    # The plain form comes first, its first question focused; the note file is behind "For editors".
    expect(dialog.get_by_label("What should readers know about these words?")).to_be_focused()
    file = dialog.locator("textarea.edition-suggest-dialog__file")
    expect(file).to_be_hidden()
    dialog.get_by_text("For editors: the note file").click()
    expect(file).to_be_visible()
    content = file.input_value()
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
    dialog.get_by_text("For editors: the note file").click()
    file = dialog.locator("textarea.edition-suggest-dialog__file")
    assert "verdict:" in file.input_value() and "\nsources:" in file.input_value()
    # The file's place in the repository and the guide are named.
    expect(dialog.locator(".edition-suggest-dialog__editors code")).to_have_text(f"{NOTES}/{front_matter(file.input_value())['id']}.md")
    expect(dialog.get_by_role("link", name="the contributing guide")).to_have_attribute("href", re.compile(r"/contributing/$"))
    dialog.locator('select[name="type"]').select_option("context")
    meta = front_matter(file.input_value())
    assert meta["type"] == "context" and "verdict" not in meta
    dialog.locator('input[name="id"]').fill("p8-my-own-id")
    assert front_matter(file.input_value())["id"] == "p8-my-own-id"
    expect(dialog.locator(".edition-suggest-dialog__editors code")).to_have_text(f"{NOTES}/p8-my-own-id.md")
    expect(dialog.locator("a", has_text="Download")).to_have_attribute("download", "p8-my-own-id.md")
    # No repo_url in this build: no GitHub link.
    expect(dialog.locator("a", has_text="Open on GitHub")).to_have_count(0)
    expect(dialog.locator("a", has_text="Suggest on GitHub")).to_have_count(0)
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()


def test_the_code_is_fetched_on_the_first_selection_in_the_text(page: Page):
    """suggest.js is not part of a page's load: the first selection in the text fetches it once."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if request.url.endswith("/suggest.js") else None)
    open_article(page)
    page.wait_for_load_state("networkidle")
    select(page, "h2#notes", "Notes")  # outside the text
    page.wait_for_timeout(300)
    assert fetched == []
    select(page, "#p3 .edition-para__text", "strategic motif")
    expect(page.locator("button.edition-suggest")).to_be_visible()
    select(page, "#p5 .edition-para__text", "new era of friendship")
    expect(page.locator("button.edition-suggest")).to_be_visible()
    assert len(fetched) == 1 and fetched[0].endswith("/assets/edition/suggest.js"), fetched


def test_a_failed_fetch_leaves_the_page_as_it_was(page: Page):
    """suggest.js blocked: a selection and Alt+N show nothing, throw nothing, and stay on the page."""
    page.route("**/assets/edition/suggest.js", lambda route: route.abort())
    open_article(page)
    address = page.url
    select(page, "#p3 .edition-para__text", "strategic motif")
    page.wait_for_timeout(300)
    page.keyboard.press("Alt+n")
    page.wait_for_timeout(300)
    expect(page.locator("button.edition-suggest")).to_have_count(0)
    expect(page.locator("dialog.edition-suggest-dialog")).to_have_count(0)
    assert page.url == address


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
        copy = dialog.locator(".edition-suggest-dialog__editors .edition-suggest-dialog__actions button").first
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


# ---------------------------------------------------------------- the plain form, for every reader

FORM = {item["id"]: item for item in yaml.safe_load(
    (ROOT / ".github/ISSUE_TEMPLATE/suggest-a-note.yml").read_text(encoding="utf-8"))["body"] if "id" in item}
WHAT = "The visit was in November 2014, as Dawn reported on the day."
SOURCE = "https://www.dawn.com/news/1145759 (Dawn, 20 November 2014)"
CREDIT = "A. Student"

# Everything in the dialog lies inside it, the dialog inside the screen; fields have a visible
# border; controls are at least 24 px tall (WCAG 2.5.8; a link inside a sentence is exempt).
FIT = """() => {
  const dialog = document.querySelector('dialog.edition-suggest-dialog');
  const box = dialog.getBoundingClientRect();
  const outside = [...dialog.querySelectorAll('*')].filter(e => {
      const r = e.getBoundingClientRect(); return r.width && (r.left < box.left - 0.5 || r.right > box.right + 0.5); })
    .map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
  const fields = [...dialog.querySelectorAll('input[type=text], textarea, select')].filter(e => e.getClientRects().length);
  const borderless = fields.filter(e => { const s = getComputedStyle(e);
      return parseFloat(s.borderTopWidth) < 1 || s.borderTopStyle === 'none' || s.borderTopColor === 'rgba(0, 0, 0, 0)'; })
    .map(e => e.name);
  const small = [...dialog.querySelectorAll('button, a.md-button, input, select, textarea, summary')]
    .filter(e => e.getClientRects().length && e.getBoundingClientRect().height < 24).map(e => e.outerHTML.slice(0, 60));
  return {left: box.left, right: box.right, width: innerWidth, scroll: document.documentElement.scrollWidth,
          outside, borderless, small, fields: fields.length};
}"""


def open_plain(browser: Browser, url: str, width: int) -> tuple[BrowserContext, Page, list[str]]:
    phone = width < 500
    context = browser.new_context(base_url=url, viewport={"width": width, "height": 740 if phone else 900},
                                  is_mobile=phone, has_touch=phone)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page = context.new_page()
    errors = watch_errors(page)
    open_article(page)
    select(page, "#p4 .edition-para__text", "in December 2014")
    page.keyboard.press("Alt+n")
    expect(page.locator("dialog.edition-suggest-dialog")).to_be_visible()
    return context, page, errors


def check_fit(page: Page, width: int) -> None:
    dialog = page.locator("dialog.edition-suggest-dialog")
    for state in ("closed", "open"):
        if state == "open":
            dialog.get_by_text("For editors: the note file").click()
        fit = page.evaluate(FIT)
        assert fit["left"] >= 0 and fit["right"] <= width, fit
        assert not fit["outside"], f"at {width} px, {state}: sticking out of the dialog: {fit['outside']}"
        assert not fit["borderless"], f"fields without a border: {fit['borderless']}"
        assert not fit["small"], f"targets under 24 px: {fit['small']}"
        assert fit["fields"] >= (3 if state == "closed" else 5)
    dialog.get_by_text("For editors: the note file").click()


def fill_plain(page: Page) -> None:
    dialog = page.locator("dialog.edition-suggest-dialog")
    dialog.get_by_label("What should readers know about these words?").fill(WHAT)
    dialog.get_by_label("A source").fill(SOURCE)
    dialog.get_by_label("Your name, to credit you (optional)").fill(CREDIT)


@pytest.mark.parametrize("width", [320, 1440])
def test_without_repo_url_or_email_the_reader_copies_the_text(browser: Browser, served_site: ServedSite, width: int):
    context, page, errors = open_plain(browser, served_site.url, width)
    try:
        dialog = page.locator("dialog.edition-suggest-dialog")
        check_fit(page, width)
        # No GitHub and no e-mail in this build, and the dialog says so and names the editors.
        expect(dialog.locator("a", has_text="Suggest on GitHub")).to_have_count(0)
        expect(dialog.locator('a[href^="mailto:"]')).to_have_count(0)
        expect(dialog).to_contain_text("no public issue tracker or e-mail address")
        expect(dialog).to_contain_text("Rekindled Edition Project editorial team")
        copy = dialog.locator(".edition-suggest-dialog__form ~ .edition-suggest-dialog__actions button").first
        expect(copy).to_have_text("Copy the text")
        # Nothing written: the page says, in words, what is missing, and marks the fields.
        copy.click()
        status = dialog.locator(".edition-suggest-dialog__status").first
        expect(status).to_contain_text("Say what readers should know about these words.")
        expect(status).to_contain_text("Give a source")
        expect(dialog.get_by_label("What should readers know about these words?")).to_have_attribute("aria-invalid", "true")
        expect(dialog.get_by_label("What should readers know about these words?")).to_be_focused()
        fill_plain(page)
        copy.click()
        expect(copy).to_have_text("Copied")
        copied = page.evaluate("() => navigator.clipboard.readText()")
        for words in ("¶4", "“in December 2014”", WHAT, SOURCE, CREDIT, "Rekindled Pak-Russia Relations"):
            assert words in copied, (words, copied)
        assert "#p4" in copied  # where the words are, at the edition's address
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 1440])
def test_with_repo_url_the_reader_opens_a_prefilled_issue_or_writes_an_email(browser: Browser, repo_site: str, width: int):
    context, page, errors = open_plain(browser, repo_site, width)
    try:
        dialog = page.locator("dialog.edition-suggest-dialog")
        check_fit(page, width)
        github = dialog.locator("a", has_text="Suggest on GitHub")
        expect(github).to_have_count(1)
        expect(dialog).to_contain_text("free GitHub account")
        # Pressed with the form empty, it goes nowhere and says why.
        github.click()
        expect(dialog.locator(".edition-suggest-dialog__status").first).to_contain_text("Say what readers should know")
        assert len(context.pages) == 1
        fill_plain(page)
        url = urllib.parse.urlsplit(github.get_attribute("href"))
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO_URL}/issues/new"
        query = {key: values[0] for key, values in urllib.parse.parse_qs(url.query).items()}
        assert query.pop("template") == "suggest-a-note.yml"
        assert query.pop("title") == "Note on ¶4: “in December 2014”"
        assert query == {"paragraph": "4", "quotation": "in December 2014", "note": WHAT, "sources": SOURCE,
                         "credit": CREDIT}
        # Each prefilled name is a field of the issue form that a query can fill.
        assert all(FORM[key]["type"] in ("input", "textarea") for key in query)
        assert (github.get_attribute("target"), github.get_attribute("rel")) == ("_blank", "noopener")
        # E-mail to the editors with an address in edition.yml: the same text, no account needed.
        email = dialog.locator('a[href^="mailto:"]')
        expect(email).to_have_text("Send by e-mail")
        mail = urllib.parse.urlsplit(email.get_attribute("href"))
        assert urllib.parse.unquote(mail.path) == EDITOR_EMAIL
        fields = {key: values[0] for key, values in urllib.parse.parse_qs(mail.query).items()}
        assert fields["subject"] == "Note on ¶4: “in December 2014”"
        assert WHAT in fields["body"] and SOURCE in fields["body"] and CREDIT in fields["body"]
        # The words that pick the occurrence go along when the same words occur twice.
        dialog.get_by_role("button", name="Close").click()
        select(page, "#p6 .edition-para__text", "Afghanistan", 1)
        page.keyboard.press("Alt+n")
        fill_plain(page)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(github.get_attribute("href")).query)
        assert query["quotation"] == ["Afghanistan"] and query["context"] == ["after “from”"]
        assert not errors, errors
    finally:
        context.close()


def test_the_contributing_page_says_what_each_way_needs(browser: Browser, served_site: ServedSite, repo_site: str):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        # Built without a repository or an editor's e-mail: copying is the way, and the page says so.
        page.goto(served_site.url + "contributing/")
        table = page.locator("article table").first
        expect(table).to_contain_text("Copy the text")
        expect(table).to_contain_text("nothing: no account, no software")
        expect(table).not_to_contain_text("GitHub account")
        expect(page.locator("article")).to_contain_text("does not name its repository")
        expect(page.locator("article")).to_contain_text("published no e-mail address")
        expect(page.locator('article a[href^="mailto:"]')).to_have_count(0)
        # With both: the issue forms (a GitHub account) and e-mail (no account).
        page.goto(repo_site + "contributing/")
        table = page.locator("article table").first
        expect(table.locator("tr", has_text="Suggest on GitHub")).to_contain_text("a free GitHub account")
        expect(table.locator(f'a[href="{REPO_URL}/issues/new?template=suggest-a-note.yml"]')).to_have_count(1)
        expect(table.locator("tr", has_text="Send by e-mail")).to_contain_text("no account")
        expect(table.locator(f'a[href="mailto:{EDITOR_EMAIL}"]')).to_have_count(1)
        expect(page.locator("article")).not_to_contain_text("does not name its repository")
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 1440])
def test_the_open_dialog_passes_axe(browser: Browser, served_site: ServedSite, width: int):
    from test_browser_accessibility import report, run_axe  # the suite's one way to run axe

    context, page, errors = open_plain(browser, served_site.url, width)
    try:
        dialog = page.locator("dialog.edition-suggest-dialog")
        dialog.get_by_role("button", name="Copy the text").click()  # the errors shown, fields marked
        expect(dialog.locator(".edition-suggest-dialog__status").first).to_contain_text("Give a source")
        dialog.get_by_text("For editors: the note file").click()
        violations = run_axe(page, f"suggest dialog at {width} px", include=("dialog.edition-suggest-dialog",))
        assert not violations, report(violations)
        assert not errors, errors
    finally:
        context.close()
