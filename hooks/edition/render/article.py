"""The article page: the base text with numbered paragraphs, mentions, note markers, endnotes."""

from __future__ import annotations

import re
from typing import Any, Callable

from markupsafe import Markup

from ..basetext import Block
from ..findings import note_finding
from ..inline import InlineLink, Marker, QuoteMark, draw, inline_nodes
from ..model import TextEdition
from ..urls import relative_url
from ..vocabulary import NOTE_TYPES, VERDICTS
from .environment import GeneratedPage, Renderer

_URL_IN_TEXT = re.compile(r"https?://\S+")


def block_anchor(block: Block) -> str:
    """The fragment of a block on the article page: 'p4', 'byline'."""
    return f"p{block.number}" if block.number else block.key


def block_html(renderer: Renderer, text: TextEdition, block: Block, from_url: str,
               entry_href: Callable[[str], str] | None = None,
               marker_template: str = "partials/marker.html") -> Markup:
    """One block of the base text with its mentions, quotation marks and note markers.

    Mentions link to the entry's page, or to `entry_href(id)` (the print edition's own sections).
    """
    urls, glossary = renderer.urls, renderer.edition.glossary
    href = entry_href or (lambda entry_id: relative_url(from_url, urls.entry(entry_id)))
    links = [InlineLink(m.span.start, m.span.end, href(m.entry), glossary[m.entry].summary, "edition-mention", m.entry)
             for m in text.mentions if m.span.block == block.key]
    for match in _URL_IN_TEXT.finditer(block.text):
        links.append(InlineLink(match.start(), match.end(), match.group(), "", "edition-url"))
    notes = [note for note in text.notes if note.span.block == block.key]
    quotes = [QuoteMark(note.span.start, note.span.end, note.id) for note in notes]
    marker = renderer.env.get_template(marker_template)
    markers = [Marker(note.span.end, marker.render(note=note, page_url=from_url)) for note in notes]
    # The template's macros, made once (they need nothing of the page: links arrive relative).
    macros: Any = renderer.env.get_template("partials/inline.html").module   # its macros: link, quote
    return draw(inline_nodes(block.text, links, quotes, markers), macros.link, macros.quote)


def text_context(renderer: Renderer, text: TextEdition, page_url: str, *, cite: bool = True,
                 entry_href: Callable[[str], str] | None = None,
                 paragraphs: tuple[int, int] | None = None) -> dict:
    """What `partials/text.html` shows: every block as HTML, and each paragraph's citations."""
    base = text.base
    shown = [block for block in base.paragraphs
             if paragraphs is None or paragraphs[0] <= (block.number or 0) <= paragraphs[1]]
    return {
        "text": text,
        "controls": cite,
        "headline": block_html(renderer, text, base.headline, page_url, entry_href),
        "byline": block_html(renderer, text, base.byline, page_url, entry_href) if base.byline else "",
        "author_note": block_html(renderer, text, base.author_note, page_url, entry_href) if base.author_note else "",
        "paragraphs": [{"number": block.number, "html": block_html(renderer, text, block, page_url, entry_href)}
                       for block in shown],
        "cite": cite_context(renderer, text, shown) if cite else None,
    }


def cite_context(renderer: Renderer, text: TextEdition, blocks: list[Block]) -> dict:
    """What the one citation panel of a text shows (`partials/cite_panel.html`): the article's
    reference in each style, and each paragraph's citations with its locator."""
    citations = renderer.citations
    by_style = {number: {c.style: c for c in citations.paragraph(text.id, number)}
                for number in (block.number or 0 for block in blocks)}
    first = next(iter(by_style.values()), {})
    return {
        "references": [{"style": c.style, "reference": c.reference, "plain": c.plain} for c in first.values()],
        "styles": list(first),
        "rows": [{"number": number, "cells": styles} for number, styles in by_style.items()],
        "address": (renderer.canonical_url + renderer.urls.article(text.id)) if renderer.canonical_url else "",
    }


def note_items(renderer: Renderer, text: TextEdition, page_url: str, notes=None) -> list[dict]:  # noqa: ANN001
    """The endnotes of a text (or the given notes of it), as `partials/endnotes.html` shows them."""
    items = []
    for note in text.notes if notes is None else notes:
        block = text.block_of(note.span)
        body = renderer.body(note.body, page_url, text)
        finding, derived = note_finding(note, body)
        items.append({"note": note, "block": block, "anchor": block_anchor(block), "body": body,
                      "finding": finding, "finding_derived": derived,
                      "page": renderer.urls.note(text.id, note.id)})
    return items


def suggest_context(renderer: Renderer, text: TextEdition) -> dict:
    """What the page's "Suggest a note" needs to write a note file the check accepts."""
    config = renderer.edition.config
    edit = renderer.edit_uri.strip("/").split("/")
    return {
        "notes": text.config.notes.relative_to(config.root).as_posix(),
        # The schema as the site publishes it (the plugin adds schemas/), for editors that check
        # fields as one types; none when the edition has no address yet.
        "schema": f"{renderer.canonical_url}schemas/annotation.schema.json" if renderer.canonical_url else "",
        "repo": renderer.repo_url, "branch": edit[1] if len(edit) >= 2 and edit[0] in ("edit", "blob") else "main",
        "types": [{"value": key, "label": term.label, "description": term.description}
                  for key, term in NOTE_TYPES.items()],
        "verdicts": list(VERDICTS),
        # For readers' suggestions without GitHub: the editors to write to (those with an e-mail).
        "editors": [{"name": person.display, "email": person.email} for person in config.editors],
        "title": text.base.headline.text, "address": renderer.citable(text).url,
        "ids": sorted(note.id for t in renderer.edition.texts for note in t.notes)
        + sorted(config.retired_notes),
    }


def article_page(renderer: Renderer, text: TextEdition) -> GeneratedPage:
    src = renderer.urls.article_src(text.id)
    url = renderer.urls.url(src)
    return renderer.page(src, "pages/article.md",
                         {"title": text.base.headline.text, "edition_page": "article", "edition_text": text.id,
                          # The margin holds the notes; a table of contents would list one entry.
                          "hide": ["toc"]},
                         **text_context(renderer, text, url), notes=note_items(renderer, text, url),
                         suggest=suggest_context(renderer, text))
