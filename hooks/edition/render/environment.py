"""What every page renderer shares: templates, URLs, rendered bodies and formatted citations."""

from __future__ import annotations

import html
import json
import os
import re
import threading
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from .. import vocabulary
from ..citation import Citable
from ..markup import MarkdownRenderer, link_token, resolve_link_tokens
from ..model import Edition, TextEdition
from ..records import format_date
from ..setaside import put_back, set_aside
from ..urls import Urls, relative_url
from .citations import EditionCitations

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_WEB_URL = re.compile(r"\Ahttps?://[^\s\"'<>]+\Z")
"""What a template may turn into a link: a whole http(s) URL, nothing else."""


class GeneratedPage(NamedTuple):
    """A page the build adds to the site."""

    src: str
    """Docs-relative path, e.g. 'glossary/sco.md'."""
    content: str
    """Markdown source (with the raw HTML the templates produce)."""
    edit_path: str = ""
    """Repository path of the file a reader would edit to change the page ('' for none)."""
    html: tuple[tuple[str, str], ...] = ()
    """The finished HTML the page's templates set aside from Markdown (`set_aside` filter), as
    (digest, HTML): the build puts it back where its placeholder is (`edition.setaside`)."""

    @property
    def whole(self) -> str:
        """The Markdown with the set-aside HTML in its place: the page as one document, for a
        reader of the page that does not convert it (a test, another site generator)."""
        return put_back(self.content, dict(self.html))[0]


def front_matter(**fields: object) -> str:
    """YAML front matter for a generated page. JSON is YAML, and much faster to write."""
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())
    return f"---\n{lines}---\n\n"


@jinja2.pass_context
def _relative(context: jinja2.runtime.Context, to_url: str) -> str:
    """A site-relative URL made relative to the page being rendered (`page_url` in the context)."""
    return relative_url(context["page_url"], to_url)


def _unlink(fragment: str) -> Markup:
    """Formatted HTML without its links (to be wrapped in a link of its own), and without the
    attribute-less <span>s pandoc wraps quoted titles in (they carry nothing a reader sees)."""
    return Markup(re.sub(r"</?a\b[^>]*>|<span>|</span>", "", str(fragment)))


def _no_final_stop(fragment: str) -> Markup:
    """A formatted citation without its final full stop (to be joined with others by ';')."""
    # Not the full stop of an abbreviation that ends the citation ("n.d."); a stop inside the
    # closing quotation mark goes too (the semicolon that follows stands outside it).
    return Markup(re.sub(r"(?<!\bn\.d)\.([”’]?(?:\s*</[a-z]+>)*)\s*$", r"\1", str(fragment)))


def css_string(value: object) -> Markup:
    """`value` as one quoted CSS string that nothing in it can end or change: every character
    but letters, digits, spaces and a few harmless marks is written as a CSS escape ('\\22 ' for
    '"'), so no quotation mark, backslash, semicolon, brace, line break or 'url(' in it is read as
    CSS. Marked safe: HTML escaping would print '&#34;' instead of the character."""
    text = str(value)
    escaped = "".join(char if (char.isalnum() and char.isascii()) or char in _CSS_PLAIN
                      else f"\\{ord(char):x} " for char in text)
    return Markup(f'"{escaped}"')


_CSS_PLAIN = frozenset(" ,.:/-·–—'’")
"""Characters written as they are in a CSS string: none of them ends or escapes one."""


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, each under its file's name and
    checked against a checksum of its source: Jinja compiles a template again when its file
    changed. A `mkdocs serve` session (and any process that builds more than once) compiles each
    template once rather than on every rebuild. Compiled code depends on the environment's
    options, so one instance serves environments made alike: `template_environment`'s here, and
    the MkDocs plugin keeps another for the theme's."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = CompiledTemplates()


class VisibleFilesLoader(jinja2.FileSystemLoader):
    """A `FileSystemLoader` whose listing leaves out hidden folders and their files.

    MkDocs lists a theme's templates to find its static files, and drops every path that is
    hidden or lies in a hidden folder; Material keeps its 14,000 icons in `.icons/`, so listing
    them and then dropping them took 0.15 s of every build. This listing prunes them during the
    walk: the files MkDocs keeps are the same. Loading a template by name is unchanged."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            root = Path(searchpath)
            for folder, folders, files in os.walk(root, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                prefix = Path(folder).relative_to(root).as_posix()
                found.update(name if prefix == "." else f"{prefix}/{name}"
                             for name in files if not name.startswith("."))
        return sorted(found)


def template_environment(override_dir: Path | None = None) -> jinja2.Environment:
    """The edition's templates, each looked for first in `override_dir` (a theme's
    `overrides/edition/`) and then among those the package ships; with the filters and tests
    every template may use. The edition's own globals are added by `Renderer`."""
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None and override_dir.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(override_dir)))
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
                             bytecode_cache=_COMPILED)
    env.filters.update(date=format_date, rel=_relative, unlink=_unlink, no_final_stop=_no_final_stop,
                       css_string=css_string, set_aside=_set_aside, counted=vocabulary.counted)
    env.tests["web_url"] = lambda value: bool(_WEB_URL.match(str(value)))
    return env


@jinja2.pass_context
def _set_aside(context: jinja2.runtime.Context, finished: str, searched: bool = True) -> Markup:
    """Finished HTML carried past the Markdown conversion of the page being rendered (see
    `edition.setaside`); where no page is being rendered (a handout), the HTML itself.
    `searched=false` for HTML the site's search does not index (`data-search-exclude`)."""
    kept = context.get("set_aside_html")
    if kept is None:
        return Markup(finished)
    return Markup(set_aside(str(finished), kept, searched=searched))


_MARKDOWN_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _markdown_renderer() -> MarkdownRenderer:
    return MarkdownRenderer()


@lru_cache(maxsize=16384)
def _body_html(markdown: str) -> str:
    """A contributed body's HTML with placeholder links: it depends on the Markdown alone, so it
    is kept for the life of the process (a `mkdocs serve` session renders again only the bodies
    that changed). One Markdown converter serves every call, one call at a time: `mkdocs serve`
    makes the handout in a thread of its own."""
    with _MARKDOWN_LOCK:
        return _markdown_renderer().render(markdown, link_token).html


class Renderer:
    """Renders the pages of one loaded edition."""

    def __init__(self, edition: Edition, urls: Urls, *, canonical_url: str = "",
                 override_dir: Path | None = None, repo_url: str = "", edit_uri: str = "",
                 docs_dir: Path | None = None):
        self.edition = edition
        self.docs_dir = docs_dir
        """The hand-written pages (for directives that read them, such as the worksheet)."""
        self.urls = urls
        self.canonical_url = canonical_url
        """The edition's published address, ending in '/', or ''."""
        self.repo_url = repo_url.rstrip("/")
        self.edit_uri = edit_uri
        self.env = template_environment(override_dir)
        self.env.globals.update(vocabulary=vocabulary, note_types=vocabulary.NOTE_TYPES,
                                verdicts=vocabulary.VERDICTS, edition=edition, config=edition.config, urls=urls,
                                entry_type_label=edition.config.entry_type_label,
                                type_heading=edition.config.type_heading,
                                renderer=self)

    # ------------------------------------------------------------ templates

    def render(self, template: str, page_url: str, **context: Any) -> str:
        """A template rendered for the page at `page_url` (relative links are computed from it)."""
        return self.env.get_template(template).render(page_url=page_url, **context)

    def page(self, src: str, template: str, meta: dict[str, Any], edit_path: str = "", **context: Any) -> GeneratedPage:
        # MkDocs and Material print a page's title into <title> and the navigation without
        # escaping it: the front matter carries it escaped.
        meta = {**meta, "title": html.escape(meta["title"], quote=False)} if "title" in meta else meta
        kept: dict[str, str] = {}
        content = self.render(template, self.urls.url(src), set_aside_html=kept, **context)
        return GeneratedPage(src, front_matter(**meta) + content, edit_path, tuple(kept.items()))

    # ------------------------------------------------------------ contributed bodies

    def body(self, markdown: str, from_url: str, text: TextEdition | None) -> Markup:
        """A note's or entry's Markdown as safe HTML, internal links relative to `from_url`.

        Each body is rendered once, with placeholder links (`_body_html`); only the cheap
        substitution of relative URLs happens per page.
        """
        edition, urls = self.edition, self.urls

        def resolve(scheme: str, target: str) -> str | None:
            if scheme == "glossary" and target in edition.glossary:
                return relative_url(from_url, urls.entry(target))
            if scheme == "note":
                target = edition.config.retired_notes.get(target, target)
                found = edition.note(target)
                if found:
                    return relative_url(from_url, urls.note_in_text(found[0].id, found[1].id))
            if scheme == "para":
                owner = text or (edition.texts[0] if edition.texts else None)
                if owner and owner.base.block(target):
                    anchor = f"p{target}" if target.isdigit() else target
                    return relative_url(from_url, urls.article(owner.id, anchor))
            return None

        return Markup(resolve_link_tokens(_body_html(markdown), resolve))

    # ------------------------------------------------------------ citations

    def citable(self, text: TextEdition) -> Citable:
        url = self.canonical_url + self.urls.article(text.id) if self.canonical_url else ""
        return Citable(self.edition.config, text.config, url)

    @cached_property
    def citations(self) -> EditionCitations:
        """Every citation of the build, formatted by pandoc's citeproc (one call per style)."""
        return EditionCitations.format(self.edition, [self.citable(text) for text in self.edition.texts])
