"""Every citation one build shows, formatted in one batch per style by pandoc's citeproc.

- the bibliography entry of each cited source, in the house style (Chicago), for the source
  lists under notes and entries and for the Bibliography page;
- the reference of each text's original article and of the edition, in every style;
- for each paragraph, the in-text citation with its locator (APA `(Masood, 2016, para. 4)`,
  MLA `(Masood, par. 4)`) or, for Chicago, the full and the short note;
- for each source a note cites, its short note in the house style with the note's locator
  (Chicago's shortened note: `Voice of America, "Musharraf to Visit Moscow," para. 3.`), which
  the article's notes show, linked to the full entry on the Bibliography page.
"""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from ..citation import EDITION, ORIGINAL, Citable, csl_items
from ..citeproc import HOUSE_STYLE, STYLES, CiteprocError, CiteRequest, Formatted, format_jobs, plain
from ..model import Edition


class ParagraphCitation(NamedTuple):
    """How to cite one paragraph in one style."""

    style: str
    """'Chicago', 'APA', 'MLA'."""
    reference: Markup
    """The article's full reference."""
    in_text: Markup
    """The in-text citation (or full note) with the paragraph locator."""
    short: Markup
    """The short form (Chicago's shortened note; the in-text form again otherwise)."""
    edition: Markup
    """The edition's reference (where the paragraph numbers come from)."""

    @property
    def plain(self) -> str:
        return plain(self.reference)


def paragraph_locator(number: int) -> str:
    return f"para. {number}"


def source_handle(key: str, locator: str = "") -> str:
    """The request handle of a source's short citation at a locator."""
    return f"source/{key}/{locator}"


class EditionCitations:
    """The formatted citations of one build, looked up by key or by paragraph."""

    def __init__(self, formatted: dict[str, Formatted], citables: list[Citable]):
        self._formatted = formatted
        self._citables = {citable.text.id: citable for citable in citables}

    @classmethod
    def format(cls, edition: Edition, citables: list[Citable]) -> "EditionCitations":
        items = [reference.csl for reference in edition.bibliography.references.values() if reference.valid]
        originals, editions = [], []
        requests: list[CiteRequest] = []
        for citable in citables:
            items.extend(csl_items(citable))
            originals.append(citable.key(ORIGINAL))
            editions.append(citable.key(EDITION))
            text = edition.text(citable.text.id)
            for block in text.base.paragraphs if text else ():
                number = block.number or 0   # paragraphs are numbered
                requests.append(CiteRequest(f"{citable.text.id}/{number}", citable.key(ORIGINAL),
                                            paragraph_locator(number)))
        cited = [key for key in edition.citations_by_key if key in edition.bibliography.references
                 and edition.bibliography.references[key].valid]
        # The short form of each source as a note cites it (with its locator), in the house style.
        shorts = {source_handle(c.key, c.locator): CiteRequest(source_handle(c.key, c.locator), c.key, c.locator)
                  for text in edition.texts for note in text.notes for c in note.sources if c.key in cited}
        # The edition's own item is formatted apart: cited beside the article by the same author,
        # it would make styles disambiguate the article's in-text form ("Masood, “Title,” par. 4").
        jobs = {style: (style, requests + (list(shorts.values()) if style == HOUSE_STYLE else []),
                        originals + (cited if style == HOUSE_STYLE else [])) for style in STYLES}
        jobs.update({f"{style}/edition": (style, [], editions) for style in STYLES})
        try:
            formatted = format_jobs(items, jobs)
        except CiteprocError as error:
            # Located at the bibliography, whose items pandoc was formatting.
            path = edition.bibliography.path
            where = path.relative_to(edition.config.root).as_posix() if path.is_relative_to(edition.config.root) \
                else path.name
            raise CiteprocError(f"{where}:1: {error.message}", error.hint, error.rule) from None
        merged = {style: formatted[style]._replace(references={**formatted[style].references,
                                                               **formatted[f"{style}/edition"].references})
                  for style in STYLES}
        return cls(merged, citables)

    def source(self, key: str) -> Markup:
        """A bibliography item's entry in the house style."""
        return Markup(self._formatted[HOUSE_STYLE].references.get(key, ""))

    def short_source(self, key: str, locator: str = "") -> Markup:
        """A source's shortened note in the house style, at `locator` (as a note cites it)."""
        return Markup(self._formatted[HOUSE_STYLE].short.get(source_handle(key, locator), ""))

    def sources_in_order(self) -> list[str]:
        """Keys of the cited sources in the house style's bibliography order."""
        own = {citable.key(which) for citable in self._citables.values() for which in (ORIGINAL, EDITION)}
        return [key for key in self._formatted[HOUSE_STYLE].references if key not in own]

    def reference(self, style: str, text_id: str, which: str) -> Markup:
        return Markup(self._formatted[style].references.get(self._citables[text_id].key(which), ""))

    def paragraph(self, text_id: str, number: int) -> list[ParagraphCitation]:
        handle = f"{text_id}/{number}"
        return [ParagraphCitation(STYLES[style].name, self.reference(style, text_id, ORIGINAL),
                                  Markup(formatted.citations.get(handle, "")), Markup(formatted.short.get(handle, "")),
                                  self.reference(style, text_id, EDITION))
                for style, formatted in self._formatted.items()]

    def text(self, text_id: str) -> list[tuple[str, Markup, Markup]]:
        """(style, the article's reference, the edition's reference) for each style."""
        return [(STYLES[style].name, self.reference(style, text_id, ORIGINAL), self.reference(style, text_id, EDITION))
                for style in self._formatted]
