"""The changelog page: CHANGELOG.md (a maintainers' file, trusted Markdown) as a page."""

from __future__ import annotations

from .environment import GeneratedPage, Renderer, front_matter


def changelog_page(renderer: Renderer) -> GeneratedPage:
    return GeneratedPage(renderer.urls.page_src("changelog"),
                         front_matter(title="Changelog") + renderer.edition.config.changelog_text,
                         edit_path="CHANGELOG.md")
