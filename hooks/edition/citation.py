"""The edition's own record, as CSL-JSON, and everything made from it.

Two items describe what a reader cites: the published original (a newspaper article) and this
edition (the article edited, with a version and editors). Both are derived from `edition.yml`;
CSL styles format them (`citeproc`), pandoc writes the BibLaTeX download, rispy the RIS one,
and the page head gets Highwire Press, Dublin Core and schema.org metadata.
"""

from __future__ import annotations

import html
import json
from typing import Any, NamedTuple

import rispy

from .citeproc import to_biblatex
from .config import EditionConfig, TextConfig

ORIGINAL = "original"
EDITION = "edition"


class Citable(NamedTuple):
    """What a citation of one text in this edition needs."""

    edition: EditionConfig
    text: TextConfig
    url: str
    """Canonical absolute URL of the text's page in the edition ('' if the edition has no address)."""

    @property
    def issued(self) -> str:
        """The original's publication date as Highwire Press writes it: '2016/08/09', '1864/03' or
        '1864' (edition.yml may give only the year, or the year and month)."""
        return self.text.original.issued.replace("-", "/")

    def key(self, which: str) -> str:
        """The CSL id of the original or the edition item of this text."""
        return f"{which}-{self.text.id}"


def _date(iso: str) -> dict[str, list[list[int]]]:
    return {"date-parts": [[int(part) for part in iso.split("-")]]}


def sentence_case(title: str) -> str:
    """A headline in the sentence case CSL data stores ('Rekindled Pak-Russia Relations: an
    annotated edition' -> 'Rekindled Pak-Russia relations: An annotated edition').

    Words written with an internal capital or all capitals (Pak-Russia, SCO, CPEC) and the first
    word of each part after a colon keep their capitals; other capitalised words are lowered.
    Used only for the edition's own two titles; sources in bibliography.json are stored in
    sentence case by their editors.
    """
    out = []
    start = True
    for word in title.split(" "):
        core = word.strip("“”\"'()")
        keep = start or any(ch.isupper() for ch in core[1:]) or (core.isupper() and len(core) > 1)
        if keep:
            out.append(word[:1].upper() + word[1:] if start else word)
        else:
            out.append(word.lower())
        start = word.endswith(":")
    return " ".join(out)


def csl_items(citable: Citable) -> list[dict[str, Any]]:
    """The original article and the edition as CSL-JSON items."""
    original, edition = citable.text.original, citable.edition
    authors = [person.csl() for person in original.authors]
    original_item: dict[str, Any] = {
        "id": citable.key(ORIGINAL), "type": "article-newspaper", "title": sentence_case(original.title),
        "author": authors, "container-title": original.container, "publisher-place": original.place,
        "issued": _date(original.issued), "URL": original.url, "language": "en",
    }
    edition_item: dict[str, Any] = {
        "id": citable.key(EDITION), "type": "book", "title": sentence_case(edition.title), "author": authors,
        "editor": [person.csl() for person in edition.editors], "version": edition.version,
        "publisher": edition.publisher, "original-date": _date(original.issued), "language": "en",
    }
    if edition.released:
        edition_item["issued"] = _date(edition.released)
    if citable.url:
        edition_item["URL"] = citable.url
    return [original_item, edition_item]


def csl_json(citable: Citable) -> str:
    """The CSL-JSON download (what Zotero imports)."""
    return json.dumps(csl_items(citable), ensure_ascii=False, indent=2) + "\n"


def bibtex(citable: Citable) -> str:
    """The BibLaTeX download, converted from the CSL items by pandoc."""
    return to_biblatex(csl_items(citable))


class _RisWriter(rispy.RisWriter):
    """RIS without rispy's numbered header line before each record."""

    def set_header(self, count: int) -> str:
        return ""


def ris(citable: Citable) -> str:
    """The RIS download (EndNote, Zotero, Mendeley), written by rispy."""
    original, edition = citable.text.original, citable.edition
    names = [p.literal or f"{p.family}, {p.given}" for p in original.authors]
    records = [
        {"type_of_reference": "NEWS", "authors": names, "title": original.title,
         "secondary_title": original.container, "place_published": original.place,
         "year": original.issued[:4], "date": original.issued.replace("-", "/"), "urls": [original.url]},
        {"type_of_reference": "EBOOK", "authors": names, "title": edition.title,
         "secondary_authors": [p.literal or f"{p.family}, {p.given}" for p in edition.editors],
         "publisher": edition.publisher, "edition": edition.version,
         **({"year": edition.released[:4], "date": edition.released.replace("-", "/")} if edition.released else {}),
         **({"urls": [citable.url]} if citable.url else {}),
         "notes": [f"Annotated edition of “{original.title}”, {original.container}, {original.issued}."]},
    ]
    return rispy.dumps(records, implementation=_RisWriter).replace("\n", "\r\n")


def head_tags(citable: Citable) -> dict[str, Any]:
    """Highwire Press and Dublin Core meta tags and schema.org JSON-LD for the article page's head
    (rendered by the `partials/head.html` template)."""
    original, edition = citable.text.original, citable.edition
    meta = [("citation_title", original.title)]
    meta += [("citation_author", p.literal or f"{p.family}, {p.given}") for p in original.authors]
    meta += [("citation_publication_date", citable.issued), ("citation_journal_title", original.container)]
    if citable.url:
        meta += [("citation_public_url", citable.url), ("citation_fulltext_html_url", citable.url)]
    meta += [("DC.title", original.title)]
    meta += [("DC.creator", p.literal or f"{p.family}, {p.given}") for p in original.authors]
    meta += [("DC.contributor", p.display) for p in edition.editors]
    meta += [("DC.date", original.issued), ("DC.publisher", original.container), ("DC.type", "Text"),
             ("DC.source", original.url), ("DC.relation.isPartOf", edition.title), ("DC.rights", edition.license)]
    if citable.url:
        meta.append(("DC.identifier", citable.url))
    graph: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": edition.title, "version": edition.version,
        "editor": [{"@type": "Person" if not p.literal else "Organization", "name": p.display} for p in edition.editors],
        "publisher": {"@type": "Organization", "name": edition.publisher},
        "license": edition.license,
        "isBasedOn": {
            "@type": "OpinionNewsArticle", "headline": original.title, "url": original.url,
            "datePublished": original.issued,
            "author": [{"@type": "Person", "name": p.display} for p in original.authors],
            "publisher": {"@type": "Organization", "name": original.container},
            "copyrightHolder": {"@type": "Organization", "name": original.container},
        },
    }
    if citable.url:
        graph["url"] = citable.url
    return {"meta": meta, "json_ld": json.dumps(graph, ensure_ascii=False).replace("<", "\\u003c")}


