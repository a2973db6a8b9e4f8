"""Generated pages: the article, one page per note and per glossary entry, and the indexes.

Each function returns Markdown whose content is mostly raw HTML built here (escaped, with
contributed Markdown already rendered and sanitised), plus plain Markdown headings so the
table of contents and search sections work. Links are relative, computed from page URLs.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable, NamedTuple


from .basetext import Block
from .citation import STYLES, Citable, citation
from .inline import InlineLink, Marker, QuoteMark, render_inline
from .markup import MarkdownRenderer, link_scheme, link_token, resolve_link_tokens
from .model import (NOTE_TYPE_LABELS, TYPE_LABELS, VERDICT_LABELS, Edition, GlossaryEntry, Mention, Note,
                    TextEdition)
from .records import Source, format_date
from .urls import page_url, relative_url

esc = lru_cache(maxsize=16384)(html.escape)
"""`html.escape`, remembered: titles, summaries and labels are escaped on page after page."""
_URL_IN_TEXT = re.compile(r"https?://\S+")


class GeneratedPage(NamedTuple):
    """A page the build adds to the site."""

    src: str
    """Docs-relative path, e.g. 'glossary/sco.md'."""
    content: str
    """Markdown source."""
    edit_path: str = ""
    """Repository path of the file a reader would edit to change the page ('' for none)."""


@dataclass
class Site:
    """URLs of everything, so renderers can link without knowing MkDocs."""

    edition: Edition
    site_url: str = "http://127.0.0.1:8000/"
    renderer: MarkdownRenderer | None = None
    """For bodies not rendered at load time; made on first need."""

    @cached_property
    def _agreements_by_party(self) -> dict[str, list[GlossaryEntry]]:
        index: dict[str, list[GlossaryEntry]] = {}
        for agreement in self.edition.glossary.values():
            for party in dict.fromkeys(agreement.parties):
                index.setdefault(party, []).append(agreement)
        return index

    def party_to(self, entry_id: str) -> list[GlossaryEntry]:
        """The agreements that list `entry_id` among their parties."""
        return self._agreements_by_party.get(entry_id, [])

    def text_url(self, text: TextEdition) -> str:
        return page_url(text.config.page)

    def note_src(self, text: TextEdition, note: Note) -> str:
        return f"{text.config.notes_url}/{note.id}.md"

    def note_url(self, text: TextEdition, note: Note) -> str:
        return page_url(self.note_src(text, note))

    def note_anchor_url(self, text: TextEdition, note: Note) -> str:
        return f"{self.text_url(text)}#note-{note.id}"

    def entry_src(self, entry_id: str) -> str:
        return f"{self.edition.config.glossary_url}/{entry_id}.md"

    def entry_url(self, entry_id: str) -> str:
        return page_url(self.entry_src(entry_id))

    def glossary_url(self) -> str:
        return page_url(f"{self.edition.config.glossary_url}/index.md")

    def citable(self, text: TextEdition) -> Citable:
        return Citable(self.edition.config, text.config, self.site_url, self.text_url(text))

    def render_body(self, body: str, from_url: str, text: TextEdition | None) -> str:
        """Contributed Markdown as safe HTML, internal links made relative to `from_url`."""
        edition = self.edition

        def resolve(scheme: str, target: str) -> str | None:
            if scheme == "glossary" and target in edition.glossary:
                return relative_url(from_url, self.entry_url(target))
            if scheme == "note" and (found := edition.note(target)):
                return relative_url(from_url, self.note_anchor_url(*found))
            if scheme == "para":
                owner = text or (edition.texts[0] if edition.texts else None)
                if owner and owner.base.block(target):
                    anchor = f"p{target}" if target.isdigit() else target
                    return relative_url(from_url, f"{self.text_url(owner)}#{anchor}")
            return None

        # Each body is rendered once (at load time) with placeholder links; only the cheap
        # substitution of relative URLs happens per page.
        if body not in edition.rendered:
            if self.renderer is None:
                self.renderer = MarkdownRenderer()
            edition.rendered[body] = self.renderer.render(body, link_token).html
        return resolve_link_tokens(edition.rendered[body], resolve)


def front_matter(**fields: object) -> str:
    """YAML front matter for a generated page. JSON is YAML, and much faster to write."""
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())
    return f"---\n{lines}---\n\n"


def _url_html(url: str, text: str | None = None) -> str:
    """A link for an http(s) URL; anything else is shown as text, never as a live link."""
    label = esc(text if text is not None else url)
    if link_scheme(url) in ("http", "https"):
        return f'<a class="edition-url" href="{esc(url, quote=True)}">{label}</a>'
    return f'<span class="edition-url">{label}</span>'


@lru_cache(maxsize=4096)  # a note's or entry's sources appear on several pages
def sources_html(sources: tuple[Source, ...]) -> str:
    items = []
    for source in sources:
        date = "n.d." if source.date == "n.d." else format_date(source.date) + "."
        items.append(f'<li><cite>{esc(source.title)}</cite>, {esc(source.publisher)}, {esc(date)} '
                     f'{_url_html(source.url)}</li>')
    return f'<ul class="edition-sources">{"".join(items)}</ul>' if items else ""


# ---------------------------------------------------------------- the article

def _block_html(site: Site, text: TextEdition, block: Block, from_url: str,
                entry_href: Callable[[str], str] | None = None) -> str:
    """One block of the base text with its mentions, quotation marks and note markers.

    Mentions link to the entry's page, or to `entry_href(id)` (the print edition's own sections).
    """
    href = entry_href or (lambda entry_id: relative_url(from_url, site.entry_url(entry_id)))
    links = [InlineLink(m.span.start, m.span.end, href(m.entry),
                        site.edition.glossary[m.entry].summary, "edition-mention", m.entry)
             for m in text.mentions if m.span.block == block.key]
    for match in _URL_IN_TEXT.finditer(block.text):
        links.append(InlineLink(match.start(), match.end(), match.group(), "", "edition-url"))
    notes = [note for note in text.notes if note.span.block == block.key]
    quotes = [QuoteMark(note.span.start, note.span.end, note.id) for note in notes]
    markers = [Marker(note.span.end,
                      f'<sup class="edition-marker" id="noteref-{note.id}" data-apparatus>'
                      f'<a class="footnote-ref" href="#note-{note.id}" data-note="{note.id}" '
                      f'aria-label="Note {note.number}: {esc(NOTE_TYPE_LABELS[note.type])}">{note.number}</a></sup>')
               for note in notes]
    return render_inline(block.text, links, quotes, markers)


def _cite_html(site: Site, text: TextEdition, number: int) -> str:
    citable = site.citable(text)
    rows = []
    for style in STYLES:
        plain = citation(citable, style, number)
        rows.append(f'<div class="edition-cite__row"><span class="edition-cite__style">{style}</span>'
                    f'<p class="edition-cite__text">{citation(citable, style, number, markup=True)}</p>'
                    f'<button type="button" class="edition-copy md-button" data-copy="{esc(plain, quote=True)}"'
                    f' hidden>Copy {style}</button></div>')
    return (f'<details class="edition-cite"><summary>Cite ¶{number}</summary>'
            f'<div class="edition-cite__body">{"".join(rows)}</div></details>')


def article_html(site: Site, text: TextEdition, url: str, *, cite: bool = True,
                 entry_href: Callable[[str], str] | None = None) -> str:
    """The base text: headline, byline, author's note, numbered paragraphs."""
    base = text.base

    def block_html(block: Block) -> str:
        return _block_html(site, text, block, url, entry_href)

    # A <div>, not an <article>: Material already wraps the page content in one.
    parts = [f'<div class="edition-text" data-text="{esc(text.config.id)}">',
             f'<h1 id="headline" data-block="headline">{block_html(base.headline)}</h1>',
             f'<p class="edition-byline" id="byline" data-block="byline">{block_html(base.byline)}</p>',
             f'<p class="edition-author-note" id="author-note" data-block="author-note">'
             f'{block_html(base.author_note)}</p>']
    for block in base.paragraphs:
        n = block.number
        parts.append(
            f'<div class="edition-para" id="p{n}" data-block="{n}">'
            f'<div class="edition-para__apparatus" data-apparatus data-search-exclude>'
            f'<a class="edition-para__number" href="#p{n}" title="Link to paragraph {n}" '
            f'aria-label="Paragraph {n}: permalink">¶{n}</a>{_cite_html(site, text, n) if cite else ""}</div>'
            f'<p class="edition-para__text">{block_html(block)}</p></div>')
    parts.append("</div>")
    return "\n".join(parts)


def article_page(site: Site, text: TextEdition) -> GeneratedPage:
    """The base text with numbered paragraphs, mentions, note markers and the endnotes."""
    url = site.text_url(text)
    base = text.base
    parts = [article_html(site, text, url)]
    notes_html = notes_list_html(site, text, url)
    title = base.headline.text
    return GeneratedPage(text.config.page, front_matter(title=esc(title), edition_page="article",
                                                        edition_text=text.config.id)
                         + "\n".join(parts) + "\n\n## Notes {#notes}\n\n" + notes_html + "\n",
                         edit_path="")


def note_meta_html(note: Note, block_label: str, paragraph_href: str) -> str:
    verdict = (f' <span class="edition-verdict edition-verdict--{note.verdict}">'
               f'Verdict: {VERDICT_LABELS[note.verdict]}</span>') if note.verdict else ""
    return (f'<p class="edition-note__meta"><span class="edition-note__type edition-note__type--{note.type}">'
            f'{esc(NOTE_TYPE_LABELS[note.type])}</span>{verdict} '
            f'<a href="{esc(paragraph_href)}">{esc(block_label)}</a>: '
            f'<q class="edition-note__quote">{esc(note.quote.exact)}</q></p>')


def _authors_html(note: Note) -> str:
    names = []
    for author in note.authors:
        name = esc(author.name)
        if author.url:
            name = _url_html(author.url, author.name)
        if author.orcid:
            name += f' (ORCID <a href="https://orcid.org/{esc(author.orcid)}">{esc(author.orcid)}</a>)'
        names.append(name)
    return ", ".join(names)


def _block_anchor(block: Block) -> str:
    return f"p{block.number}" if block.number else block.key


def notes_list_html(site: Site, text: TextEdition, from_url: str) -> str:
    items = []
    for note in text.notes:
        block = text.base.block(note.span.block)
        items.append(
            f'<li id="note-{note.id}" class="edition-note edition-note--{note.type}" value="{note.number}">'
            + note_meta_html(note, block.label, f"#{_block_anchor(block)}")
            + f'<div class="edition-note__body">{site.render_body(note.body, from_url, text)}</div>'
            + (f'<div class="edition-note__sources"><p>Sources</p>{sources_html(note.sources)}</div>'
               if note.sources else "")
            + f'<p class="edition-note__byline">{_authors_html(note)}, {esc(format_date(note.date))}. '
            f'<a class="edition-note__back" href="#noteref-{note.id}">Back to the text</a> · '
            f'<a class="edition-note__permalink" href="{esc(relative_url(from_url, site.note_url(text, note)))}">'
            f'Note page</a></p></li>')
    # Each note has a page of its own, which search finds; indexed here too, every note would
    # be found twice, the second time inside one long "Notes" section.
    return (f'<ol class="edition-notes" data-search-exclude>{"".join(items)}</ol>' if items
            else "<p>No notes yet.</p>")


def note_page(site: Site, text: TextEdition, note: Note) -> GeneratedPage:
    """A citable page of one note."""
    url = site.note_url(text, note)
    block = text.base.block(note.span.block)
    to_text = relative_url(url, f"{site.text_url(text)}#{_block_anchor(block)}")
    to_marker = relative_url(url, f"{site.text_url(text)}#noteref-{note.id}")
    title = f"Note {note.number}: {NOTE_TYPE_LABELS[note.type]} on {block.label}"
    body = (f'<h1 id="note-{note.id}">{esc(title)}</h1>'
            + note_meta_html(note, block.label, to_text)
            + f'<div class="edition-note__body">{site.render_body(note.body, url, text)}</div>'
            + (f'<h2 id="sources">Sources</h2>{sources_html(note.sources)}' if note.sources else "")
            + f'<p class="edition-note__byline">{_authors_html(note)}, {esc(format_date(note.date))}. '
            f'<a href="{esc(to_marker)}">Read it in the text</a>.</p>')
    return GeneratedPage(site.note_src(text, note),
                         front_matter(title=esc(title), edition_page="note") + body + "\n",
                         edit_path=note.path.relative_to(site.edition.config.root).as_posix())


def claims_page(site: Site) -> GeneratedPage:
    """Every fact-checked claim in one table."""
    src = "claims.md"
    url = page_url(src)
    rows = []
    for text in site.edition.texts:
        for note in text.notes:
            if note.type != "fact-check":
                continue
            block = text.base.block(note.span.block)
            rows.append(
                f'<tr><td><a href="{esc(relative_url(url, site.text_url(text) + "#" + _block_anchor(block)))}">'
                f'{esc(block.label)}</a></td><td><q>{esc(note.quote.exact)}</q></td>'
                f'<td><span class="edition-verdict edition-verdict--{note.verdict}">{VERDICT_LABELS[note.verdict]}'
                f'</span></td><td><a href="{esc(relative_url(url, site.note_anchor_url(text, note)))}">'
                f'Note {note.number}</a></td></tr>')
    counts = defaultdict(int)
    for text in site.edition.texts:
        for note in text.notes:
            if note.verdict:
                counts[note.verdict] += 1
    summary = ", ".join(f"{counts[v]} {VERDICT_LABELS[v].lower()}" for v in VERDICT_LABELS if counts[v])
    table = ('<table class="edition-claims"><thead><tr><th scope="col">¶</th><th scope="col">Claim</th>'
             '<th scope="col">Verdict</th><th scope="col">Note</th></tr></thead><tbody>'
             + "".join(rows) + "</tbody></table>")
    intro = (f"<p>Every checkable claim of the text that a fact-check note examines ({len(rows)} claims: "
             f"{esc(summary)}). A verdict rests on the sources listed in its note.</p>")
    return GeneratedPage(src, front_matter(title="Claims") + '<h1 id="claims">Claims</h1>' + intro + table + "\n")


# ---------------------------------------------------------------- the glossary

def type_label(entry: GlossaryEntry) -> str:
    """'Actor · Person', 'Agreement · Exercise'."""
    kind = "Actor" if entry.kind == "actor" else "Agreement"
    return f"{kind} · {entry.type.replace('-', ' ').capitalize()}"


def _entry_link(site: Site, from_url: str, entry: GlossaryEntry) -> str:
    return (f'<a class="edition-mention" href="{esc(relative_url(from_url, site.entry_url(entry.id)))}" '
            f'title="{esc(entry.summary, quote=True)}">{esc(entry.title)}</a>')


def mentions_by_entry(edition: Edition) -> dict[str, list[tuple[TextEdition, Mention]]]:
    found: dict[str, list[tuple[TextEdition, Mention]]] = defaultdict(list)
    for text in edition.texts:
        for mention in text.mentions:
            found[mention.entry].append((text, mention))
    return found


_LINKED_ENTRY = re.compile(r"\]\(glossary:([a-z0-9-]+)\)")


def notes_by_entry(edition: Edition) -> dict[str, list[tuple[TextEdition, Note]]]:
    """Notes whose body links an entry: 'discussed in' backlinks."""
    found: dict[str, list[tuple[TextEdition, Note]]] = defaultdict(list)
    for text in edition.texts:
        for note in text.notes:
            for entry_id in dict.fromkeys(_LINKED_ENTRY.findall(note.body)):
                found[entry_id].append((text, note))
    return found


def entry_page(site: Site, entry: GlossaryEntry, mentions: list[tuple[TextEdition, Mention]],
               discussed: list[tuple[TextEdition, Note]]) -> GeneratedPage:
    src = site.entry_src(entry.id)
    url = page_url(src)
    glossary = site.edition.glossary
    parts = [f'<h1 id="{esc(entry.id)}">{esc(entry.title)}</h1>',
             f'<p class="edition-entry__kind">{esc(type_label(entry))}'
             + (f' · Wikidata <a href="https://www.wikidata.org/wiki/{esc(entry.wikidata)}">{esc(entry.wikidata)}</a>'
                if entry.wikidata else "") + "</p>",
             f'<p class="edition-entry__summary">{esc(entry.summary)}</p>',
             f'<div class="edition-entry__body">{site.render_body(entry.body, url, None)}</div>']
    sections: list[tuple[str, str, str]] = []
    if entry.dates:
        items = "".join(f'<li><time datetime="{esc(d.date)}">{esc(format_date(d.date))}</time>: {esc(d.label)}</li>'
                        for d in sorted(entry.dates, key=lambda d: d.date))
        sections.append(("dates", "Key dates", f"<ul>{items}</ul>"))
    if entry.kind == "agreement":
        items = "".join(f"<li>{_entry_link(site, url, glossary[p])}</li>" for p in entry.parties if p in glossary)
        sections.append(("parties", "Parties", f"<ul>{items}</ul>"))
    else:
        agreements = site.party_to(entry.id)
        if agreements:
            items = "".join(f"<li>{_entry_link(site, url, other)}</li>"
                            for other in sorted(agreements, key=lambda e: e.title))
            sections.append(("agreements", "Party to", f"<ul>{items}</ul>"))
    related = [glossary[r] for r in entry.related if r in glossary]
    if related:
        items = "".join(f"<li>{_entry_link(site, url, other)}</li>" for other in related)
        sections.append(("related", "Related entries", f"<ul>{items}</ul>"))
    if mentions:
        seen, items = set(), []
        for text, mention in mentions:
            block = text.base.block(mention.span.block)
            if (text.config.id, block.key) in seen:
                continue
            seen.add((text.config.id, block.key))
            href = relative_url(url, f"{site.text_url(text)}#{_block_anchor(block)}")
            label = block.label if len(site.edition.texts) == 1 else f"{text.base.headline.text}, {block.label}"
            items.append(f'<li><a href="{esc(href)}">{esc(label)}</a>: '
                         f'<q>{esc(mention.quote.exact)}</q></li>')
        sections.append(("mentioned-in", "Mentioned in", f'<ul class="edition-backlinks">{"".join(items)}</ul>'))
    elif entry.background:
        text = next((t for t in site.edition.texts if t.base.block(entry.background.block)
                     and entry.background.sentence in t.base.block(entry.background.block).text),
                    site.edition.texts[0])
        block = text.base.block(entry.background.block)
        href = relative_url(url, f"{site.text_url(text)}#{_block_anchor(block)}") if block else "#"
        sections.append(("mentioned-in", "Background to",
                         f'<p>Not named in the text; it explains <a href="{esc(href)}">'
                         f'{esc(block.label if block else entry.background.block)}</a>: '
                         f'<q>{esc(entry.background.sentence)}</q></p>'))
    if discussed:
        items = "".join(f'<li><a href="{esc(relative_url(url, site.note_anchor_url(t, n)))}">Note {n.number}</a> '
                        f'({esc(NOTE_TYPE_LABELS[n.type])}, {esc(t.base.block(n.span.block).label)})</li>'
                        for t, n in discussed)
        sections.append(("notes", "Discussed in notes", f"<ul>{items}</ul>"))
    sections.append(("sources", "Sources", sources_html(entry.sources)))
    body = "\n\n".join(parts)
    for anchor, heading, content in sections:
        body += f"\n\n## {heading} {{#{anchor}}}\n\n{content}"
    return GeneratedPage(src, front_matter(title=esc(entry.title), edition_page="entry")
                         + body + "\n", edit_path=entry.path.relative_to(site.edition.config.root).as_posix())


def glossary_index_page(site: Site) -> GeneratedPage:
    src = f"{site.edition.config.glossary_url}/index.md"
    url = page_url(src)
    entries = sorted(site.edition.glossary.values(), key=lambda e: e.title.lower())
    body = ['<h1 id="glossary">Glossary</h1>',
            f"<p>{len(entries)} entries: every actor and agreement the text names or alludes to. "
            "Hover or focus a linked name in the text to see its summary; each entry lists where the text "
            "mentions it.</p>"]
    for kind, heading in (("actor", "Actors"), ("agreement", "Agreements")):
        body.append(f"\n\n## {heading} {{#{kind}s}}\n")
        by_type: dict[str, list[GlossaryEntry]] = defaultdict(list)
        for entry in entries:
            if entry.kind == kind:
                by_type[entry.type].append(entry)
        for entry_type in sorted(by_type, key=lambda t: TYPE_LABELS.get(t, t)):
            items = "".join(f"<li>{_entry_link(site, url, e)}</li>" for e in by_type[entry_type])
            body.append(f'\n### {TYPE_LABELS.get(entry_type, entry_type)} {{#{kind}-{entry_type}}}\n\n'
                        f'<ul class="edition-glossary-list">{items}</ul>\n')
    body.append("\n\n## A–Z {#a-z}\n")
    by_letter: dict[str, list[GlossaryEntry]] = defaultdict(list)
    for entry in entries:
        by_letter[entry.title[:1].upper()].append(entry)
    nav = " ".join(f'<a href="#letter-{letter.lower()}">{letter}</a>' for letter in sorted(by_letter))
    body.append(f'\n<p class="edition-az-nav">{nav}</p>\n')
    for letter in sorted(by_letter):
        items = "".join(f'<dt>{_entry_link(site, url, e)}</dt><dd>{esc(e.summary)}</dd>' for e in by_letter[letter])
        body.append(f'\n<h3 id="letter-{letter.lower()}">{esc(letter)}</h3>\n<dl class="edition-az">{items}</dl>\n')
    return GeneratedPage(src, front_matter(title="Glossary", edition_page="glossary") + "\n".join(body) + "\n")
