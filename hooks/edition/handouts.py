"""Pages that gather the edition for a purpose: the timeline, the print edition, the changelog."""

from __future__ import annotations

from typing import NamedTuple

from .model import NOTE_TYPE_LABELS
from .pages import (GeneratedPage, Site, article_html, esc, front_matter, notes_list_html, sources_html,
                    type_label)
from .records import format_date
from .urls import page_url, relative_url


class TimelineEvent(NamedTuple):
    """A dated event and where it comes from."""

    date: str
    label: str
    href: str
    """Site-relative URL of the entry or note that states it."""
    source_label: str
    kind: str
    """'entry', 'note' or 'publication'."""


def timeline_events(site: Site) -> list[TimelineEvent]:
    """Every dated event in glossary entries, notes and the texts' publication records."""
    events = []
    for entry in site.edition.glossary.values():
        for dated in entry.dates:
            events.append(TimelineEvent(dated.date, dated.label, site.entry_url(entry.id), entry.title, "entry"))
    for text in site.edition.texts:
        original = text.config.original
        events.append(TimelineEvent(original.issued, f"“{original.title}” published in {original.container}",
                                    site.text_url(text), "The text", "publication"))
        for note in text.notes:
            for dated in note.dates:
                events.append(TimelineEvent(dated.date, dated.label, site.note_anchor_url(text, note),
                                            f"Note {note.number} ({NOTE_TYPE_LABELS[note.type]})", "note"))
    # Chronological; same date: publication first, then by label, so the order never flickers.
    return sorted(events, key=lambda e: (e.date, e.kind != "publication", e.label, e.href))


def timeline_page(site: Site) -> GeneratedPage:
    src = "timeline.md"
    url = page_url(src)
    events = timeline_events(site)
    body = ['<h1 id="timeline">Timeline</h1>',
            f"<p>{len(events)} dated events from the glossary entries and notes, oldest first. "
            "Each links to the entry or note that states it and its sources.</p>"]
    decade = None
    for event in events:
        if event.date[:3] != decade:
            if decade is not None:
                body.append("</ul>")
            decade = event.date[:3]
            body.append(f'\n\n## {decade}0s {{#d{decade}0}}\n\n<ul class="edition-timeline">')
        marker = ' class="edition-timeline__publication"' if event.kind == "publication" else ""
        body.append(f'<li{marker}><time datetime="{esc(event.date)}">{esc(format_date(event.date))}</time> '
                    f'<span class="edition-timeline__label">{esc(event.label)}</span> '
                    f'<a class="edition-timeline__source" href="{esc(relative_url(url, event.href))}">'
                    f'{esc(event.source_label)}</a></li>')
    if decade is not None:
        body.append("</ul>")
    return GeneratedPage(src, front_matter(title="Timeline", edition_page="timeline") + "\n".join(body) + "\n")


def print_page(site: Site) -> GeneratedPage:
    """Article, notes and glossary in one page, for a full handout."""
    src = "print.md"
    url = page_url(src)
    body = ['<h1 id="print-edition">Print edition</h1>',
            '<p class="edition-print-help">The text, its notes and the glossary on one page. Print it from the '
            'browser (Ctrl+P or ⌘P): paragraph numbers, endnotes and source URLs are kept; navigation is '
            'left out.</p>']
    for text in site.edition.texts:
        body.append(article_html(site, text, url, cite=False, entry_href=lambda entry_id: f"#entry-{entry_id}"))
        body.append(f'\n\n## Notes {{#notes-{text.config.id}}}\n\n{notes_list_html(site, text, url)}')
    body.append("\n\n## Glossary {#glossary}\n")
    for entry in sorted(site.edition.glossary.values(), key=lambda e: e.title.lower()):
        body.append(
            f'<section class="edition-print-entry" id="entry-{esc(entry.id)}">'
            f'<h3>{esc(entry.title)}</h3>'
            f'<p class="edition-entry__kind">{esc(type_label(entry))}</p>'
            f'<p class="edition-entry__summary">{esc(entry.summary)}</p>'
            f'{site.render_body(entry.body, url, None)}'
            f'<p class="edition-print-entry__sources">Sources</p>{sources_html(entry.sources)}</section>')
    # Everything here is also on its own page: search leads there, not into this compilation.
    head = front_matter(title="Print edition", edition_page="print", search={"exclude": True})
    return GeneratedPage(src, head + "\n".join(body) + "\n")


def changelog_page(site: Site, markdown: str) -> GeneratedPage:
    """CHANGELOG.md as a page (maintainers' file, trusted Markdown)."""
    return GeneratedPage("changelog.md", front_matter(title="Changelog") + markdown, edit_path="CHANGELOG.md")
