"""`<!-- edition:NAME -->` in hand-written pages, replaced by generated Markdown.

Hand-written pages (About, the teaching guide) need facts that live elsewhere (the
checksum, the version, citations). A directive keeps them in one place; an unknown
directive is reported with its page and line, never left silently in the output.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Callable

from .citation import STYLES, citation
from .pages import Site
from .problems import Problem, did_you_mean
from .records import format_date
from .urls import page_url, relative_url

_DIRECTIVE = re.compile(r"<!--\s*edition:([a-z-]+)\s*-->")


def _provenance(site: Site, src: str) -> str:
    rows = []
    for text in site.edition.texts:
        base = text.base
        rel = base.path.relative_to(site.edition.config.root).as_posix()
        changes = "".join(f"\n    - line {n.line}: {html.escape(n.description)}" for n in base.normalisations)
        rows.append(f"- **{html.escape(base.headline.text)}**: transcript `{rel}`, SHA-256 "
                    f"`{base.sha256}`; {len(base.paragraphs)} paragraphs. Normalisations applied:{changes}")
    return "\n".join(rows)


def _how_to_cite(site: Site, src: str) -> str:
    out = []
    for text in site.edition.texts:
        citable = site.citable(text)
        original = text.config.original
        out.append("**The edition** (cite the paragraph you quote with its ¶ number):\n")
        for style in STYLES:
            out.append(f"- {style}: {citation(citable, style, markup=True)}")
        authors = ", ".join(f"{p.given} {p.family}" for p in original.authors)
        out.append(f"\n**The original article**: {html.escape(authors)}, “{html.escape(original.title)},” "
                   f"<i>{html.escape(original.container)}</i> ({html.escape(original.place)}), "
                   f"{html.escape(original.issued)}, <{original.url}>.\n")
        url = page_url(src)
        stem = f"cite/{text.config.id}"
        out.append("Downloads: " + ", ".join(
            f'<a href="{relative_url(url, f"{stem}.{ext}")}" download>{label}</a>'
            for ext, label in (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))) + ".")
    return "\n".join(out)


def _version(site: Site, src: str) -> str:
    return html.escape(site.edition.config.version)


def _last_changed(site: Site, src: str) -> str:
    released = site.edition.config.released
    return format_date(released) if released else "unknown"


def _counts(site: Site, src: str) -> str:
    notes = sum(len(t.notes) for t in site.edition.texts)
    return f"{len(site.edition.glossary)} glossary entries and {notes} notes"


DIRECTIVES: dict[str, Callable[[Site, str], str]] = {
    "provenance": _provenance,
    "how-to-cite": _how_to_cite,
    "version": _version,
    "counts": _counts,
    "last-changed": _last_changed,
}


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


def expand(markdown: str, src: str, site: Site, docs_dir: Path | None) -> tuple[str, list[Problem]]:
    """Replace every directive; report unknown ones as problems located in docs/<src>."""
    problems: list[Problem] = []
    path = f"docs/{src}"

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in DIRECTIVES:
            return DIRECTIVES[name](site, src)
        line = _line_in_source(docs_dir, src, markdown, match)
        problems.append(Problem(path, line, f"unknown edition directive: '{name}'",
                                did_you_mean(name, DIRECTIVES) or f"known: {', '.join(DIRECTIVES)}"))
        return match.group(0)

    return _DIRECTIVE.sub(replace, markdown), problems
