"""Contributed Markdown: hostile-input checks, safe rendering, internal link resolution."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from edition.hygiene import string_findings
from edition.markup import INLINE_PATTERN_PRIORITIES, SANITISER_TAGS, MarkdownRenderer, MarkupProblem, link_scheme, unsafe_markup

RAW_HINT = "write plain Markdown: *emphasis*, [text](https://…), lists"
ENCODED_HINT = "write plain Markdown; to show a '<' in prose, write it as it is"


def raw(line: int, tag: str) -> MarkupProblem:
    return MarkupProblem(line, f"raw HTML is not allowed in contributed Markdown: '{tag}'", RAW_HINT, "markup")


def encoded(line: int, tag: str) -> MarkupProblem:
    return MarkupProblem(line, f"entity-encoded HTML is not allowed: '{tag}'", ENCODED_HINT, "markup")


def attribute_list(line: int, text: str) -> MarkupProblem:
    return MarkupProblem(line, f"attribute lists are not allowed in contributed Markdown: '{text}'",
                         "remove the {…} block: contributed Markdown cannot style the page", "markup-attribute-list")


# ------------------------------------------------------------------ unsafe_markup

@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("<script>alert(1)</script>", [raw(1, "<script>"), raw(1, "</script>")], id="script"),
    pytest.param("Fine.\n\nSee <b>this</b>.", [raw(3, "<b>"), raw(3, "</b>")], id="inline tags, line 3"),
    pytest.param('x <img src=x onerror="alert(1)">', [raw(1, '<img src=x onerror="alert(1)">')], id="img onerror"),
    pytest.param("x\n\n<div>\nok</div>", [raw(3, "<div>"), raw(4, "</div>")], id="block html"),
    pytest.param("<!-- hidden -->", [raw(1, "<!-- hidden -->")], id="comment"),
    pytest.param("&lt;script&gt;alert(1)", [encoded(1, "<script>")], id="named entities"),
    pytest.param("a\n&#60;b&#62;x", [encoded(2, "<b>")], id="decimal entities"),
    pytest.param("&#x3c;img src=x onerror=y&#x3e;", [encoded(1, "<img src=x onerror=y>")], id="hex entities"),
    pytest.param("Title\n{: .big }", [attribute_list(2, "{: .big }")], id="attr list"),
    pytest.param('[x](https://a.org){ onclick="y" }', [attribute_list(1, '{ onclick="y" }')], id="event attribute"),
    pytest.param("A paragraph.\n{style=color:red}", [attribute_list(2, "{style=color:red}")], id="style attribute"),
    pytest.param("x <img src=x onerror=alert(1)//<>", [raw(1, "<img src=x onerror=alert(1)//<>")],
                 id="tag that a regular expression misses"),
    pytest.param("an open tag at the end <img src=x onerror=alert(1)", [raw(1, "<img src=x onerror=alert(1)")],
                 id="unclosed tag"),
])
def test_unsafe_markup_reports(text: str, expected: list[MarkupProblem]):
    assert unsafe_markup(text) == expected


@pytest.mark.parametrize("text", [
    pytest.param("Plain *Markdown* with [a link](https://example.org) and `code`.", id="markdown"),
    pytest.param("An autolink <https://example.org/a?b=c>.", id="autolink"),
    pytest.param("Fish &amp; chips, 3 < 4, x &lt; 3.", id="entities and numbers"),
    pytest.param("A set {a, b} in braces.", id="braces"),
    pytest.param("", id="empty"),
    # The hint tells contributors to write '<' as it is in prose; a '<' followed by a space
    # never starts a tag (HTML or CommonMark), so it must not be reported.
    pytest.param("India's share < Russia's share", id="less-than before a word"),
])
def test_unsafe_markup_accepts(text: str):
    assert unsafe_markup(text) == []


# ------------------------------------------------------------------ plain-text fields and link_scheme

@pytest.mark.parametrize(("value", "rule"), [
    ("Pakistan & Russia", ""),
    ("https://example.org/a?b=1&c=2", ""),
    ("mailto:editors@example.org", ""),
    ("<https://example.org>", ""),
    ("An <b>bold</b> claim", "markup"),
    ("a<b", "markup"),
    ("a < b", ""),
    ("3 <4", ""),
    ("x &lt;b&gt; y", "markup"),
    ("<img src=x onerror=alert(1)//<>", "markup"),
    ("javascript:alert(1)", "script-url"),
    ("JavaScript:alert(1)", "script-url"),
    (" java\tscript:alert(1)", "script-url"),
    ("javascript&#58;alert(1)", "script-url"),
    ("&#106;avascript:alert(1)", "script-url"),
    ("DATA:text/plain,x", "script-url"),
    ("vbscript:x", "script-url"),
    ("file:///etc/passwd", "script-url"),
    ("Shoi\x07gu", "control-character"),
    ("\x1b[31mred", "control-character"),
    ("nul\x00byte", "control-character"),
    ("\u202eevil", "bidi-control"),
    ("zero\u200bwidth", "invisible-character"),
    ("اردو\u200cمیں", ""),  # ZWNJ belongs to Urdu spelling
    ("TODO: one plain sentence", "placeholder"),
    ("TODO-entry-id", "placeholder"),
    ("Mastodon", ""),
])
def test_plain_text_fields(value: str, rule: str):
    assert [finding.rule for finding in string_findings(value)][:1] == ([rule] if rule else [])


@pytest.mark.parametrize(("url", "scheme"), [
    ("https://x.org", "https"), ("HTTP://x.org", "http"), ("mailto:a@b", "mailto"),
    ("glossary:sco", "glossary"), ("note:p4-x", "note"), ("para:4", "para"),
    (" java\tscript:x", "javascript"), ("&#106;avascript:x", "javascript"), ("java\nscript:x", "javascript"),
    ("#p4", ""), ("../x.md", ""), ("x.md", ""), ("", ""),
])
def test_link_scheme(url: str, scheme: str):
    assert link_scheme(url) == scheme


# ------------------------------------------------------------------ rendering

TARGETS = {"glossary": {"sco": "../sco/"}, "note": {"p4-x": "../../#note-p4-x"}, "para": {"4": "../../#p4"}}


def resolve(scheme: str, target: str) -> str | None:
    return TARGETS[scheme].get(target)


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer()


@pytest.mark.parametrize(("source", "html"), [
    pytest.param("See [SCO](glossary:sco).",
                 '<p>See <a class="edition-link edition-link--glossary" href="../sco/" rel="noopener">SCO</a>.</p>',
                 id="glossary link"),
    pytest.param("[the note](note:p4-x)",
                 '<p><a class="edition-link edition-link--note" href="../../#note-p4-x" rel="noopener">the note</a></p>',
                 id="note link"),
    pytest.param("[¶4](para:4)",
                 '<p><a class="edition-link edition-link--para" href="../../#p4" rel="noopener">¶4</a></p>',
                 id="paragraph link"),
    pytest.param('[src](https://x.org/?a=1&b=2 "T")',
                 '<p><a href="https://x.org/?a=1&amp;b=2" title="T" rel="noopener">src</a></p>', id="external link"),
    pytest.param("<https://x.org>", '<p><a href="https://x.org" rel="noopener">https://x.org</a></p>', id="autolink"),
    pytest.param("[top](#p4)", '<p><a href="#p4" rel="noopener">top</a></p>', id="fragment"),
    pytest.param("*em* **strong** `a <b> c`", "<p><em>em</em> <strong>strong</strong> <code>a &lt;b&gt; c</code></p>",
                 id="inline markup"),
    pytest.param("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>", id="list"),
    # Raw HTML never reaches the page, even when the check was skipped: it is shown as text.
    pytest.param("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", id="script as text"),
    pytest.param("<div onclick=x>hi</div>", "<p>&lt;div onclick=x&gt;hi&lt;/div&gt;</p>", id="block html as text"),
    pytest.param("x &amp; y < z", "<p>x &amp; y &lt; z</p>", id="entities"),
])
def test_render(renderer: MarkdownRenderer, source: str, html: str):
    rendered = renderer.render(source, resolve)
    assert rendered.html == html
    assert rendered.problems == ()


LINK_HINT = "use an https:// URL or glossary:, note:, para: links"


@pytest.mark.parametrize(("source", "html", "problems"), [
    pytest.param("[x](glossary:nope)", '<p><a rel="noopener">x</a></p>',
                 [MarkupProblem(1, "unknown glossary entry in link: 'glossary:nope'", "", "link-unknown-target", ("glossary", "nope"))], id="unknown entry"),
    pytest.param("a\n\n[x](note:nope)", '<p>a</p>\n<p><a rel="noopener">x</a></p>',
                 [MarkupProblem(3, "unknown note in link: 'note:nope'", "", "link-unknown-target", ("note", "nope"))], id="unknown note, line 3"),
    pytest.param("[x](para:12)", '<p><a rel="noopener">x</a></p>',
                 [MarkupProblem(1, "unknown paragraph in link: 'para:12'", "", "link-unknown-target", ("para", "12"))], id="unknown paragraph"),
    pytest.param("[x](javascript:alert(1))", '<p><a rel="noopener">x</a></p>',
                 [MarkupProblem(1, "link URL scheme is not allowed: 'javascript:alert(1)'", LINK_HINT, "link-scheme")], id="javascript"),
    pytest.param("[x](JaVaScRiPt&#58;alert(1))", '<p><a rel="noopener">x</a></p>',
                 [MarkupProblem(1, "link URL scheme is not allowed: 'JaVaScRiPt&#58;alert(1)'", LINK_HINT, "link-scheme")],
                 id="encoded javascript"),
    pytest.param("[x](data:text/html,hi)", '<p><a rel="noopener">x</a></p>',
                 [MarkupProblem(1, "link URL scheme is not allowed: 'data:text/html,hi'", LINK_HINT, "link-scheme")], id="data"),
    pytest.param("[x](../other.md)", '<p><a rel="noopener">x</a></p>',
                 [MarkupProblem(1, "relative link is not allowed: '../other.md'",
                                "use glossary:<id>, note:<id>, para:<n> or a full https:// URL", "link-relative")],
                 id="relative"),
    pytest.param("![map](https://x.org/m.png)", "<p>map</p>",
                 [MarkupProblem(1, "images are not allowed in contributed Markdown: 'https://x.org/m.png'",
                                "link to the image instead: [description](https://…)", "markup-image")], id="image"),
])
def test_render_reports_bad_links(renderer: MarkdownRenderer, source: str, html: str,
                                  problems: list[MarkupProblem]):
    rendered = renderer.render(source, resolve)
    assert rendered.html == html
    assert list(rendered.problems) == problems


def test_render_without_resolver_reports_every_internal_link(renderer: MarkdownRenderer):
    rendered = renderer.render("[a](glossary:sco) [b](para:4)")
    assert [p.message for p in rendered.problems] == ["unknown glossary entry in link: 'glossary:sco'",
                                                      "unknown paragraph in link: 'para:4'"]


def test_renderer_is_reusable_without_leaking_state(renderer: MarkdownRenderer):
    assert renderer.render("[x](glossary:nope)", resolve).problems
    assert renderer.render("[x](glossary:sco)", resolve).problems == ()
    # Footnote-like reference state from one body does not leak into the next.
    renderer.render("[ref]: https://x.org\n\n[a][ref]", resolve)
    assert renderer.render("[a][ref]", resolve).html == "<p>[a][ref]</p>"


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>",
    '[x](https://x.org "a\\" onmouseover=\\"alert(1)")', '<a href="javascript:x">y</a>', "<iframe src=x></iframe>",
    "&lt;script&gt;", "[x](java\tscript:alert(1))", "<svg onload=alert(1)>", "[x](<javascript:alert(1)>)",
    "[x][r]\n\n[r]: javascript:alert(1)", "<javascript:alert(1)>",
])
def test_no_active_content_reaches_the_html(renderer: MarkdownRenderer, source: str):
    parser = _Elements()
    parser.feed(renderer.render(source, resolve).html)
    for tag, attributes in parser.elements:
        assert tag in SANITISER_TAGS, tag
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src"):
                assert link_scheme(value or "") in ("", "http", "https", "mailto"), (tag, value)


# ------------------------------------------------------------------ inline patterns chosen per document

FRAGMENTS = [
    "plain words", "`code`", "``co`de``", "\\`not code\\`", "\\*not em\\*", "\\\\", "a \\$5 sum",
    "[link](https://example.org/)", "[link](https://example.org/ \"title\")", "[x]", "[x][]", "[x] [y]",
    "[ref][r]\n\n[r]: https://example.org/r", "[r]\n\n[r]: https://example.org/r",
    "![image](https://example.org/i.png)", "![alt][r]\n\n[r]: https://example.org/i.png", "![a]",
    "<https://example.org/auto>", "<someone@example.org>", "a < b > c", "line  \nbreak", "tab\t\nbreak",
    "&amp; &copy; &#60; &#x3c; &nosuch;", "& alone", "*em* **strong** ***both***", "_em_ __strong__ snake_case_word",
    "* item\n* item", "1. one\n2. two", "> quoted *em*", "# Heading `x`", "    indented code *x*",
    "[glossary](glossary:russia)", "[note](note:p4-visit)", "[para](para:4)", "[bad](javascript:alert(1))",
    "[rel](../x)", "**[bold link](https://example.org/)**", "[*em link*](https://example.org/)",
    "<script>alert(1)</script>", "a_b*c`d[e]f<g>h&i\\j", "",
]


def _full_renderer() -> MarkdownRenderer:
    renderer = MarkdownRenderer()
    renderer._md.treeprocessors.deregister("edition_inline_patterns")
    return renderer


def _bodies() -> list[str]:
    """The body of every note and glossary entry, of the edition and the fixtures."""
    from pathlib import Path

    from edition.frontmatter import split_front_matter

    root = Path(__file__).resolve().parents[2]
    paths = [*root.glob("glossary/*.md"), *root.glob("texts/*/notes/*.md"),
             *root.glob("tests/fixtures/*/glossary/*.md"), *root.glob("tests/fixtures/*/texts/*/notes/*.md")]
    return [split_front_matter(path.read_text(encoding="utf-8")).body for path in sorted(paths)]


def test_choosing_inline_patterns_per_document_changes_no_output():
    chosen, full = MarkdownRenderer(), _full_renderer()

    def resolve(scheme: str, target: str) -> str | None:
        return None if target == "unknown" else f"/{scheme}/{target}/"

    documents = _bodies() + [f"{a} {b}\n\n{b}\n{a}" for a in FRAGMENTS for b in FRAGMENTS]
    assert len(documents) > len(FRAGMENTS) ** 2
    for document in documents:
        assert chosen.render(document, resolve) == full.render(document, resolve), document


def _chosen(renderer: MarkdownRenderer) -> list[str]:
    registry = renderer._md.treeprocessors["inline"].inlinePatterns
    return [name for name in INLINE_PATTERN_PRIORITIES if name in registry]


def test_the_chooser_leaves_out_patterns_that_cannot_match():
    renderer = MarkdownRenderer()
    renderer.render("Plain words only.")
    assert _chosen(renderer) == []
    renderer.render("A [link](https://example.org/) and *em*.")
    assert _chosen(renderer) == ["link", "em_strong"]


def test_documented_pattern_priorities_match_the_installed_markdown():
    """The chooser registers patterns at Python-Markdown's documented priorities; the installed
    version must order its own patterns the same way (only public API is used)."""
    import markdown

    registry = markdown.Markdown().inlinePatterns
    installed = [name for name in INLINE_PATTERN_PRIORITIES if name in registry]
    assert installed == sorted(installed, key=registry.get_index_for_name)
    ours = MarkdownRenderer()._md.inlinePatterns
    assert "html" not in ours
    # Every pattern of the renderer is one the chooser knows, so none is dropped by it.
    assert len(ours) == sum(name in ours for name in INLINE_PATTERN_PRIORITIES)


def test_the_extension_uses_no_private_registry_api():
    import inspect

    from edition import markup

    assert "_priority" not in inspect.getsource(markup)
