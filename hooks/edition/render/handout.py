"""The handout: the text with its notes and a short glossary, as a PDF and as the Print page.

One body (`handout/body.html`) serves both. The build renders it into a standalone document
with its own print stylesheet (`handout/document.html`, `handout/handout.css`) and has
WeasyPrint lay it out as `handout.pdf`: A4, running footer with title, version and "page x of
y", the edition's address and suggested citation on the first page. The Print page shows the
same body, with a chooser (edition.js) that narrows it to a range of paragraphs for the
browser's print.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from .. import cache
from ..citeproc import plain
from ..findings import note_finding
from ..model import GlossaryEntry, TextEdition
from ..records import format_date
from ..timelimit import OutOfTime, time_limit
from .article import block_anchor, block_html
from .environment import GeneratedPage, Renderer

PDF_VARIANT = "pdf/ua-1"
"""The handout is a tagged PDF (PDF/UA-1): headings, lists, paragraphs and links in reading order,
its language and title, the running heads as artifacts, so that a screen reader gets its structure."""


class HandoutError(Exception):
    """The PDF cannot be made (WeasyPrint or the system libraries it needs are missing, or its
    layout ran out of time)."""


HANDOUT_SECONDS = 120.0
"""Most seconds WeasyPrint may take to lay out one handout (a few pages take a few seconds); a
build's limit (`timelimit`: the serve-time layout in a thread of its own has none)."""


def short_source(renderer: Renderer, key: str) -> str:
    """'Dawn, 20 November 2014': container (or author) and date, for a handout's source line."""
    reference = renderer.edition.bibliography.get(key)
    if reference is None:
        return key
    csl = reference.csl
    who = csl.get("container-title") or csl.get("publisher") or ""
    if not who and csl.get("author"):
        first = csl["author"][0]
        who = first.get("literal") or first.get("family", "")
    date = format_date(reference.issued) if reference.issued else "n.d."
    return f"{who}, {date}" if who else date


# A sentence ends at . ! or ? (after a closing quotation mark or bracket, if any) followed by a
# space and a capital, a digit or an opening quotation mark; never after an initial ("U.S.",
# "Sergei K.") or a common abbreviation.
def _paragraph_of(text: TextEdition, block_key: str) -> int:
    block = text.base.block(block_key)
    return block.number if block and block.number else 0


def handout_context(renderer: Renderer, text: TextEdition, page_url: str) -> dict:
    """What `handout/body.html` shows for one text."""
    edition = renderer.edition
    base = text.base
    marker = "handout/marker.html"

    def html(block):  # noqa: ANN001, ANN202
        return block_html(renderer, text, block, page_url, entry_href=lambda entry_id: f"#g-{entry_id}",
                          marker_template=marker)

    notes = []
    for note in text.notes:
        block = text.block_of(note.span)
        body = renderer.body(note.body, page_url, text)
        notes.append({"note": note, "block": block, "paragraph": _paragraph_of(text, block.key),
                      "body": body, "finding": note_finding(note, body)[0], "finding_derived": note_finding(note, body)[1],
                      "sources": [short_source(renderer, citation.key) for citation in note.sources]})
    where: dict[str, set[int]] = {}
    for mention in text.mentions:
        where.setdefault(mention.entry, set()).add(_paragraph_of(text, mention.span.block))
    for entry in edition.glossary.values():
        if entry.background and entry.background.text_id == text.id:
            where.setdefault(entry.id, set()).add(_paragraph_of(text, entry.background.span.block))
    entries: list[tuple[GlossaryEntry, list[int]]] = sorted(
        ((edition.glossary[entry_id], sorted(paragraphs)) for entry_id, paragraphs in where.items()
         if entry_id in edition.glossary), key=lambda pair: pair[0].title.lower())
    citable = renderer.citable(text)
    chicago = renderer.citations.text(text.id)[0][2]  # Chicago: the edition's own reference
    return {
        "text": text, "headline": html(base.headline), "byline": html(base.byline) if base.byline else "",
        "author_note": html(base.author_note) if base.author_note else "",
        "paragraphs": [{"number": block.number, "anchor": block_anchor(block), "html": html(block)}
                       for block in base.paragraphs],
        "notes": notes, "entries": entries, "address": citable.url, "citation": chicago,
        "citation_plain": plain(chicago), "handout_url": renderer.urls.handout_path(text.id),
        "released": format_date(edition.config.released) if edition.config.released else "",
    }


def print_page(renderer: Renderer) -> GeneratedPage:
    """The Print page: the handout of each text, with a chooser of paragraphs."""
    urls = renderer.urls
    src = urls.page_src("print")
    url = urls.url(src)
    handouts = [handout_context(renderer, text, url) for text in renderer.edition.texts]
    # Everything here is also on its own page: search leads there, not into this compilation.
    return renderer.page(src, "pages/print.md", {"title": "Print edition", "edition_page": "print",
                                                  "search": {"exclude": True}}, handouts=handouts)


def handout_document(renderer: Renderer, text: TextEdition) -> str:
    """The standalone HTML that WeasyPrint lays out."""
    path = renderer.urls.handout_path(text.id)
    context = handout_context(renderer, text, path)
    css = renderer.render("handout/handout.css", path, **context)
    return renderer.render("handout/document.html", path, css=css, **context)


PACKAGE = Path(__file__).resolve().parent.parent
"""The edition's package: the only place the handout may load anything from (its templates and
styles; its fonts are the system's, found by name)."""


@lru_cache(maxsize=1)
def _package_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses every address outside the package: no network, no
    file of the machine (a stylesheet's url() can otherwise embed any file in the PDF)."""
    from weasyprint.urls import URLFetcher

    class PackageOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:"):
                try:
                    Path(url2pathname(urlsplit(url).path)).resolve().relative_to(PACKAGE)
                    return super().fetch(url, headers)
                except ValueError:
                    pass
            raise ValueError(f"the handout loads nothing from outside the edition's package: '{url[:80]}'")

    return PackageOnlyFetcher()


def handout_pdf(renderer: Renderer, text: TextEdition) -> bytes:
    """The handout as PDF (cached by its source, so an unchanged handout is not laid out again)."""
    document = handout_document(renderer, text)
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise HandoutError(
            f"WeasyPrint cannot run ({error}). It needs Pango: on Debian/Ubuntu `sudo apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0 fonts-ebgaramond`, on macOS `brew install pango`; then "
            "`pip install -r requirements.txt`.") from None
    # Relative links (a note's link to a glossary entry's page) point into the published site,
    # or, for an edition without an address, nowhere: never to a file of the machine that built
    # it, as resolving them against the project's folder did (file:///home/…).
    site = renderer.edition.config.url
    base_url = site + renderer.urls.handout_path(text.id) if site else None
    key = hashlib.sha256("\0".join((weasyprint.__version__, PDF_VARIANT, base_url or "", document)).encode("utf-8")
                         ).hexdigest() + ".pdf"
    kept = cache.read("handout", key)
    if kept is not None:
        return kept
    try:
        with time_limit(HANDOUT_SECONDS):
            pdf = weasyprint.HTML(string=document, base_url=base_url, url_fetcher=_package_fetcher()).write_pdf(
                pdf_variant=PDF_VARIANT)
    except OutOfTime:
        where = text.config.source.relative_to(renderer.edition.config.root).as_posix()
        raise HandoutError(f"{where}:1: WeasyPrint did not lay out the handout of '{text.id}' within "
                           f"{HANDOUT_SECONDS:g} seconds (look for an unusual note or entry added since the last "
                           "build: the check refuses what is known to be slow) [handout-timeout]") from None
    cache.write("handout", key, pdf)
    return pdf
