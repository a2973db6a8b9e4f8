"""The edition's own record, as CSL-JSON, and everything made from it.

Two items describe what a reader cites: the published original (of the CSL type edition.yml
gives it: a newspaper article, a speech, a book chapter…) and this edition (the text edited,
with a version and editors). Both are derived from `edition.yml`;
CSL styles format them (`citeproc`), pandoc writes the BibLaTeX download, rispy the RIS one,
and the page head gets Highwire Press, Dublin Core and schema.org metadata.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

import rispy

from .citeproc import to_biblatex
from .settings import PERIODICALS, EditionConfig, OriginalRecord, TextConfig

ORIGINAL = "original"
EDITION = "edition"


class Citable(NamedTuple):
    """What a citation of one text in this edition needs."""

    edition: EditionConfig
    text: TextConfig
    url: str
    """Canonical absolute URL of the text's page in the edition ('' if the edition has no address)."""

    def key(self, which: str) -> str:
        """The CSL id of the original or the edition item of this text."""
        return f"{which}-{self.text.id}"


def _date(iso: str) -> dict[str, list[list[int]]]:
    """CSL's date of an ISO 8601 date, day or month or year: '1864-03' -> [[1864, 3]]."""
    return {"date-parts": [[int(part) for part in iso.split("-")]]}


RIS_TYPES = {"article-newspaper": "NEWS", "article-magazine": "MGZN", "article-journal": "JOUR", "speech": "GEN",
             "chapter": "CHAP", "book": "BOOK", "webpage": "ELEC", "post-weblog": "BLOG", "letter": "PCOMM",
             "interview": "PCOMM", "manuscript": "MANSCPT", "report": "RPRT", "legislation": "STAT",
             "treaty": "GEN", "document": "GEN"}
"""RIS reference type of each CSL type an original may have."""

SCHEMA_ORG_TYPES = {"article-newspaper": "NewsArticle", "article-magazine": "Article",
                    "article-journal": "ScholarlyArticle", "chapter": "Chapter", "book": "Book",
                    "webpage": "WebPage", "post-weblog": "BlogPosting", "report": "Report",
                    "legislation": "Legislation"}
"""schema.org type of an original (CreativeWork for the others); an op-ed (genre 'opinion') is an
OpinionNewsArticle."""


def schema_org_type(original: OriginalRecord) -> str:
    if original.type == "article-newspaper" and original.genre == "opinion":
        return "OpinionNewsArticle"
    return SCHEMA_ORG_TYPES.get(original.type, "CreativeWork")


def sentence_case(title: str) -> str:
    """A title in the sentence case CSL data stores ('Rekindled Pak-Russia Relations: an
    annotated edition' -> 'Rekindled Pak-Russia relations: An annotated edition').

    Each part (before and after a colon) written in Title Case is lowered, but for its first word
    and words with an internal capital or all capitals (Pak-Russia, SCO, CPEC); a part already in
    sentence case, with a lower-case word of four letters or more ('Address delivered at the
    dedication of the cemetery at Gettysburg'), keeps its capitals, proper nouns included. The
    first word of each part is capitalised. Used for the edition's own two titles; sources in
    bibliography.json are stored in sentence case by their editors.
    """
    out = []
    for index, part in enumerate(re.split(r"(:\s+)", title)):
        if index % 2:
            out.append(part)
            continue
        words = part.split(" ")
        cores = [word.strip("“”\"'()") for word in words]
        written = any(len(core) >= 4 and core[:1].islower() for core in cores)
        for position, (word, core) in enumerate(zip(words, cores, strict=True)):
            if position == 0:
                words[position] = word[:1].upper() + word[1:]
            elif not written and not (any(ch.isupper() for ch in core[1:]) or (core.isupper() and len(core) > 1)):
                words[position] = word.lower()
        out.append(" ".join(words))
    return "".join(out)


def csl_items(citable: Citable) -> list[dict[str, Any]]:
    """The original article and the edition as CSL-JSON items."""
    original, edition = citable.text.original, citable.edition
    authors = [person.csl() for person in original.authors]
    original_item: dict[str, Any] = {
        "id": citable.key(ORIGINAL), "type": original.type, "title": sentence_case(original.title),
        "author": authors, "issued": _date(original.issued), "language": "en",
    }
    # (`genre` is not given to the styles: Chicago prints it, "Opinion.", before the newspaper.)
    for field, value in (("container-title", original.container), ("publisher", original.publisher),
                         ("URL", original.url)):
        if value:
            original_item[field] = value
    if original.type == "speech":
        original_item |= {"event-title": original.event} if original.event else {}
        original_item |= {"event-place": original.place} if original.place else {}
    elif original.place:
        original_item["publisher-place"] = original.place
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
    first: dict[str, Any] = {"type_of_reference": RIS_TYPES.get(original.type, "GEN"), "authors": names,
                             "title": original.title, "year": original.issued[:4],
                             "date": original.issued.replace("-", "/")}
    for field, value in (("secondary_title", original.container), ("place_published", original.place),
                         ("publisher", original.publisher)):
        if value:
            first[field] = value
    if original.url:
        first["urls"] = [original.url]
    records = [
        first,
        {"type_of_reference": "EBOOK", "authors": names, "title": edition.title,
         "secondary_authors": [p.literal or f"{p.family}, {p.given}" for p in edition.editors],
         "publisher": edition.publisher, "edition": edition.version,
         **({"year": edition.released[:4], "date": edition.released.replace("-", "/")} if edition.released else {}),
         **({"urls": [citable.url]} if citable.url else {}),
         "notes": [f"Annotated edition of “{original.title}”, "
                   f"{original.container or original.event or original.publisher or original.place}, "
                   f"{original.issued}.".replace(", , ", ", ")]},
    ]
    return rispy.dumps(records, implementation=_RisWriter).replace("\n", "\r\n")


def head_tags(citable: Citable) -> dict[str, Any]:
    """Highwire Press and Dublin Core meta tags and schema.org JSON-LD for the article page's head
    (rendered by the `partials/head.html` template)."""
    original, edition = citable.text.original, citable.edition
    meta = [("citation_title", original.title)]
    meta += [("citation_author", p.literal or f"{p.family}, {p.given}") for p in original.authors]
    meta += [("citation_publication_date", original.issued.replace("-", "/"))]
    if original.type in PERIODICALS and original.container:
        meta.append(("citation_journal_title", original.container))
    if citable.url:
        meta += [("citation_public_url", citable.url), ("citation_fulltext_html_url", citable.url)]
    meta += [("DC.title", original.title)]
    meta += [("DC.creator", p.literal or f"{p.family}, {p.given}") for p in original.authors]
    meta += [("DC.contributor", p.display) for p in edition.editors]
    publisher = original.container or original.publisher
    meta += [("DC.date", original.issued), *([("DC.publisher", publisher)] if publisher else []), ("DC.type", "Text"),
             *([("DC.source", original.url)] if original.url else []), ("DC.relation.isPartOf", edition.title),
             ("DC.rights", edition.license)]
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
            "@type": schema_org_type(original), "headline": original.title, "datePublished": original.issued,
            "author": [{"@type": "Person", "name": p.display} for p in original.authors],
        },
    }
    based_on = graph["isBasedOn"]
    if original.url:
        based_on["url"] = original.url
    if publisher:
        based_on["publisher"] = {"@type": "Organization", "name": publisher}
    if original.public_domain:
        based_on["copyrightNotice"] = "Public domain"
    else:
        based_on["copyrightHolder"] = {"@type": "Organization", "name": original.holder}
    if citable.url:
        graph["url"] = citable.url
    return {"meta": meta, "json_ld": json.dumps(graph, ensure_ascii=False).replace("<", "\\u003c")}


