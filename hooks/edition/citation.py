"""One bibliographic record, many outputs: citation strings, BibTeX, RIS, CSL-JSON, meta tags, JSON-LD.

Everything is derived from `edition.yml` (the original's record and the edition's own
fields) plus the site URL, so a citation is never typed twice.
"""

from __future__ import annotations

import datetime
import html
import json
from typing import NamedTuple

from .config import EditionConfig, TextConfig

STYLES = ("Chicago", "MLA", "APA")
MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
"""MLA 9 abbreviates months longer than four letters."""
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class Citable(NamedTuple):
    """What a citation needs: the original, the edition, where in it."""

    edition: EditionConfig
    text: TextConfig
    site_url: str
    """Absolute URL of the site root, ending in '/'."""
    page_url: str
    """Site-relative URL of the article page."""

    @property
    def url(self) -> str:
        return self.site_url + self.page_url

    @property
    def released(self) -> str:
        """ISO date of the edition's current version, or ''."""
        return self.edition.released

    @property
    def issued(self) -> datetime.date:
        return datetime.date.fromisoformat(self.text.original.issued)


def _names(citable: Citable, style: str) -> str:
    people = citable.text.original.authors
    if not people:
        return ""
    first = people[0]
    if style == "APA":
        return f"{first.family}, {first.given[:1]}."
    if style == "Chicago-note":
        return f"{first.given} {first.family}"
    return f"{first.family}, {first.given}"


def citation(citable: Citable, style: str, paragraph: int | None = None, *, markup: bool = False) -> str:
    """A citation of the article (or of one paragraph) as read in this edition."""
    original, edition = citable.text.original, citable.edition
    italic = (lambda s: f"<i>{html.escape(s)}</i>") if markup else (lambda s: s)
    esc = html.escape if markup else (lambda s: s)
    url = citable.url + (f"#p{paragraph}" if paragraph else "")
    link = f'<a href="{html.escape(url)}">{html.escape(url)}</a>' if markup else url
    day = citable.issued
    where = f", ¶{paragraph}" if paragraph else ""
    if style == "Chicago":
        return (f"{esc(_names(citable, style))}. “{esc(original.title)}.” {italic(original.container)} "
                f"({esc(original.place)}), {day:%B} {day.day}, {day.year}{esc(where)}. "
                f"In {italic(edition.title)}, version {esc(edition.version)}. {link}.")
    if style == "MLA":
        where = f", par. {paragraph}" if paragraph else ""
        return (f"{esc(_names(citable, style))}. “{esc(original.title)}.” {italic(original.container)}, "
                f"{day.day} {MLA_MONTHS[day.month - 1]} {day.year}{where}. {italic(edition.title)}, "
                f"version {esc(edition.version)}, {link}.")
    if style == "APA":
        where = f", para. {paragraph}" if paragraph else ""
        return (f"{esc(_names(citable, style))} ({day.year}, {day:%B} {day.day}). {esc(original.title)}. "
                f"{italic(original.container)}. In {italic(edition.title)} (Version {esc(edition.version)}{where}). "
                f"{link}")
    raise ValueError(f"unknown citation style: {style!r}")


def bibtex(citable: Citable) -> str:
    """BibTeX for the original article and for the edition."""
    original, edition = citable.text.original, citable.edition
    authors = " and ".join(f"{p.family}, {p.given}" for p in original.authors)
    day = citable.issued
    key = f"{original.authors[0].family.lower() if original.authors else 'anon'}{day.year}"
    return (f"@article{{{key},\n  author = {{{authors}}},\n  title = {{{original.title}}},\n"
            f"  journal = {{{original.container}}},\n  address = {{{original.place}}},\n"
            f"  year = {{{day.year}}},\n  month = {BIBTEX_MONTHS[day.month - 1]},\n  date = {{{day.isoformat()}}},\n"
            f"  url = {{{original.url}}}\n}}\n\n"
            f"@online{{{key}edition,\n  title = {{{edition.title}}},\n  version = {{{edition.version}}},\n"
            + (f"  date = {{{citable.released}}},\n  year = {{{citable.released[:4]}}},\n" if citable.released else "")
            + f"  publisher = {{{edition.publisher}}},\n  url = {{{citable.url}}},\n"
            f"  related = {{{key}}},\n  note = {{Annotated edition of {original.title}, {original.container}, "
            f"{day.day} {day:%B} {day.year}}}\n}}\n")


def ris(citable: Citable) -> str:
    """RIS for the original article and for the edition."""
    original, edition = citable.text.original, citable.edition
    day = citable.issued
    lines = ["TY  - NEWS"] + [f"AU  - {p.family}, {p.given}" for p in original.authors] + [
        f"TI  - {original.title}", f"T2  - {original.container}", f"CY  - {original.place}",
        f"PY  - {day.year}", f"DA  - {day:%Y/%m/%d}", f"UR  - {original.url}", "ER  - ", "",
        "TY  - ELEC", f"TI  - {edition.title}",
        *([f"PY  - {citable.released[:4]}", f"DA  - {citable.released.replace('-', '/')}"] if citable.released else []),
        f"PB  - {edition.publisher}", f"ET  - {edition.version}",
        f"UR  - {citable.url}", f"N1  - Annotated edition of “{original.title}”, {original.container}, "
        f"{day.day} {day:%B} {day.year}.", "ER  - ", ""]
    return "\r\n".join(lines)


def csl_json(citable: Citable) -> str:
    """CSL-JSON (as Zotero and citeproc read it) for the original and the edition."""
    original, edition = citable.text.original, citable.edition
    day = citable.issued
    items = [
        {"id": "original", "type": "article-newspaper", "title": original.title,
         "author": [{"family": p.family, "given": p.given} for p in original.authors],
         "container-title": original.container, "publisher-place": original.place,
         "issued": {"date-parts": [[day.year, day.month, day.day]]}, "URL": original.url},
        {"id": "edition", "type": "webpage", "title": edition.title, "version": edition.version,
         **({"issued": {"date-parts": [[int(part) for part in citable.released.split("-")]]}}
            if citable.released else {}),
         "publisher": edition.publisher, "URL": citable.url,
         "note": f"Annotated edition of “{original.title}”, {original.container}, {day.day} {day:%B} {day.year}"},
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def head_tags(citable: Citable) -> str:
    """Highwire Press, Dublin Core and schema.org JSON-LD for the article page's <head>."""
    original, edition = citable.text.original, citable.edition
    day = citable.issued
    meta = [("citation_title", original.title)]
    meta += [("citation_author", f"{p.family}, {p.given}") for p in original.authors]
    meta += [("citation_publication_date", f"{day:%Y/%m/%d}"), ("citation_journal_title", original.container),
             ("citation_public_url", citable.url), ("citation_fulltext_html_url", citable.url),
             ("DC.title", original.title)]
    meta += [("DC.creator", f"{p.family}, {p.given}") for p in original.authors]
    meta += [("DC.date", original.issued), ("DC.publisher", original.container), ("DC.type", "Text"),
             ("DC.source", original.url), ("DC.identifier", citable.url), ("DC.relation.isPartOf", edition.title)]
    tags = [f'<meta name="{name}" content="{html.escape(value, quote=True)}">' for name, value in meta]
    tags.insert(0, '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">')
    graph = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": edition.title, "version": edition.version, "url": citable.url,
        "publisher": {"@type": "Organization", "name": edition.publisher},
        "isBasedOn": {
            "@type": "OpinionNewsArticle", "headline": original.title, "url": original.url,
            "datePublished": original.issued,
            "author": [{"@type": "Person", "name": f"{p.given} {p.family}"} for p in original.authors],
            "publisher": {"@type": "Organization", "name": original.container},
        },
    }
    script = json.dumps(graph, ensure_ascii=False).replace("<", "\\u003c")
    tags.append(f'<script type="application/ld+json">{script}</script>')
    return "\n".join(tags)
