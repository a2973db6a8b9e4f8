"""`<!-- edition:NAME -->` in hand-written pages, replaced by generated Markdown.

Hand-written pages (About, the teaching guide, the contributors' page) need facts that live
elsewhere (the checksum, the version, citations, the rules of the check). A directive keeps
them in one place; an unknown directive is reported with its page and line, never left
silently in the output.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from .problems import Problem, did_you_mean
from .records import format_date
from .render import Renderer
from .rules import rules_markdown
from .vocabulary import counted

# `<!-- edition:NAME -->` or `<!-- edition:NAME ARGUMENT -->`; possessive, so that no run of
# spaces is tried two ways.
_DIRECTIVE = re.compile(r"<!--[ \t]*+edition:([a-z-]++)(?:[ \t]++([A-Za-z0-9_./-]++))?[ \t]*+-->")


def _provenance(renderer: Renderer, src: str) -> str:
    return renderer.render("directives/provenance.md", renderer.urls.url(src), root=renderer.edition.config.root)


def _how_to_cite(renderer: Renderer, src: str) -> str:
    texts = [{"text": text, "styles": renderer.citations.text(text.id),
              "stem": f"cite/{text.id}"} for text in renderer.edition.texts]
    return renderer.render("directives/how_to_cite.md", renderer.urls.url(src), texts=texts)


def _version(renderer: Renderer, src: str) -> str:
    return renderer.edition.config.version


def _last_changed(renderer: Renderer, src: str) -> str:
    released = renderer.edition.config.released
    return format_date(released) if released else "unknown"


def _counts(renderer: Renderer, src: str) -> str:
    edition = renderer.edition
    notes = sum(len(text.notes) for text in edition.texts)
    return (f"{counted(len(edition.glossary), 'glossary entry', 'glossary entries')}, {counted(notes, 'note')} and "
            f"{counted(len(edition.citations_by_key), 'source')}")


def _rules(renderer: Renderer, src: str) -> str:
    return rules_markdown()


def _contribute_links(renderer: Renderer, src: str) -> str:
    return renderer.render("directives/contribute_links.md", renderer.urls.url(src), repo_url=renderer.repo_url)


def _licence(renderer: Renderer, src: str) -> str:
    return renderer.render("directives/licence.md", renderer.urls.url(src))


def _handouts(renderer: Renderer, src: str) -> str:
    return renderer.render("directives/handouts.md", renderer.urls.url(src), texts=renderer.edition.texts)


_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


class DirectiveError(Exception):
    """A directive that cannot be expanded as written (its message says why)."""


def _worksheet(renderer: Renderer, src: str, guide_src: str = "") -> str:
    """The reading questions of the page `guide_src` (the section '## Reading questions' of the
    teaching guide, their one source), each with room for an answer."""
    docs = renderer.docs_dir
    if not guide_src:
        raise DirectiveError("the worksheet needs the page its questions come from: "
                             "'<!-- edition:worksheet teaching.md -->'")
    page = (docs / guide_src) if docs else None
    if page is None or not page.is_file() or ".." in Path(guide_src).parts:
        raise DirectiveError(f"the worksheet's page is not in the docs folder: '{guide_src}'")
    guide = page.read_text(encoding="utf-8")
    if "\n## Reading questions" not in guide:
        raise DirectiveError(f"the worksheet's page has no section '## Reading questions': '{guide_src}'")
    section = guide.split("\n## Reading questions", 1)[1].split("\n## ", 1)[0] if "\n## Reading questions" in guide else ""
    questions = [" ".join(_LINK.sub(r"\1", block).split()) for block in section.strip().split("\n\n") if block.strip()]
    return renderer.render("directives/worksheet.md", renderer.urls.url(src), questions=questions)


DIRECTIVES: dict[str, Callable[..., str]] = {
    "provenance": _provenance,
    "how-to-cite": _how_to_cite,
    "version": _version,
    "counts": _counts,
    "last-changed": _last_changed,
    "rules": _rules,
    "contribute-links": _contribute_links,
    "licence": _licence,
    "handouts": _handouts,
    "worksheet": _worksheet,
}

TAKES_ARGUMENT = frozenset({_worksheet})
"""The directives written `<!-- edition:NAME ARGUMENT -->`; the others take none."""


def _line_in_source(docs_dir: Path | None, src: str, markdown: str, match: re.Match[str]) -> int:
    """Line of the directive in the file as written (MkDocs has removed its front matter)."""
    line = markdown.count("\n", 0, match.start()) + 1
    if docs_dir and (docs_dir / src).is_file():
        raw = (docs_dir / src).read_text(encoding="utf-8")
        nth = markdown.count(match.group(0), 0, match.start())
        position = -1
        for _ in range(nth + 1):
            position = raw.find(match.group(0), position + 1)
        if position >= 0:
            line = raw.count("\n", 0, position) + 1
    return line


def expand(markdown: str, src: str, renderer: Renderer, docs_dir: Path | None,
           docs_label: str = "docs") -> tuple[str, list[Problem]]:
    """Replace every directive; report unknown ones as problems located in <docs_label>/<src>."""
    problems: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        name, argument = match.group(1), match.group(2)
        if name in DIRECTIVES:
            directive = DIRECTIVES[name]
            try:
                if argument and directive not in TAKES_ARGUMENT:
                    raise DirectiveError(f"'{name}' takes no argument: '{argument}'")
                return directive(renderer, src, argument) if argument else directive(renderer, src)
            except DirectiveError as error:
                line = _line_in_source(docs_dir, src, markdown, match)
                problems.append(Problem(f"{docs_label}/{src}", line, str(error), "", "directive-unknown"))
                return ""
        line = _line_in_source(docs_dir, src, markdown, match)
        problems.append(Problem(f"{docs_label}/{src}", line, f"unknown edition directive: '{name}'",
                                did_you_mean(name, DIRECTIVES) or f"known: {', '.join(DIRECTIVES)}",
                                "directive-unknown"))
        return match.group(0)

    return _DIRECTIVE.sub(replace, markdown), problems
