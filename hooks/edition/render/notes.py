"""Note pages, forwarding pages of retired notes, and the claims table."""

from __future__ import annotations

from collections import Counter

from ..findings import note_finding
from ..model import Note, TextEdition
from ..vocabulary import VERDICTS
from .article import block_anchor
from .environment import GeneratedPage, Renderer


def note_page(renderer: Renderer, text: TextEdition, note: Note) -> GeneratedPage:
    """A citable page of one note: its title, the sentence it sits in, the note and its sources."""
    urls = renderer.urls
    src = urls.note_src(text.id, note.id)
    url = urls.url(src)
    block = text.block_of(note.span)
    sentence = text.sentence_of(note.span)
    block_text = block.text
    start = block_text.find(sentence)
    quote_start, quote_end = note.span.start - start, note.span.end - start
    return renderer.page(
        src, "pages/note.md", {"title": note.title, "edition_page": "note"},
        edit_path=note.path.relative_to(renderer.edition.config.root).as_posix(),
        note=note, text=text, block=block, body=renderer.body(note.body, url, text),
        to_paragraph=urls.article(text.id, block_anchor(block)), to_marker=urls.article(text.id, f"noteref-{note.id}"),
        sentence_before=sentence[:quote_start], sentence_quote=sentence[quote_start:quote_end],
        sentence_after=sentence[quote_end:])


def retired_note_page(renderer: Renderer, note_id: str, text: TextEdition, covering: Note) -> GeneratedPage:
    """The page at a retired note's address: where its content went (citations stay valid)."""
    src = renderer.urls.note_src(text.id, note_id)
    return renderer.page(src, "pages/retired_note.md",
                         {"title": f"Merged into: {covering.title}", "edition_page": "note", "search": {"exclude": True}},
                         note_id=note_id, covering=covering, to=renderer.urls.note(text.id, covering.id))


def claims_page(renderer: Renderer) -> GeneratedPage:
    """Every fact-checked claim in one table."""
    rows = []
    counts: Counter[str] = Counter()
    for text in renderer.edition.texts:
        for note in text.notes:
            if note.type != "fact-check":
                continue
            counts[note.verdict or ""] += 1
            block = text.block_of(note.span)
            finding, _ = note_finding(note, renderer.body(note.body, renderer.urls.page("claims"), text))
            rows.append({"note": note, "text": text, "block": block, "finding": finding,
                         "paragraph": renderer.urls.article(text.id, block_anchor(block)),
                         "in_text": renderer.urls.note_in_text(text.id, note.id),
                         "page": renderer.urls.note(text.id, note.id)})
    summary = ", ".join(f"{counts[v]} {VERDICTS[v].label.lower()}" for v in VERDICTS if counts[v])
    return renderer.page(renderer.urls.page_src("claims"), "pages/claims.md", {"title": "Claims"},
                         rows=rows, summary=summary, counts=counts)
