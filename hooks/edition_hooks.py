"""MkDocs hooks: a thin adapter from MkDocs events to the `edition` package.

Event order relied on: `on_config` loads and validates the sources once per build (also
on every `mkdocs serve` rebuild); `on_files` adds the generated pages and exports;
`on_page_markdown` expands `<!-- edition:… -->` directives in hand-written pages and puts
citation metadata into the article's page meta for `overrides/main.html`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from edition.build import SiteBuild
from edition.config import ConfigError, load_config
from edition.load import load_edition

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
_build: SiteBuild | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path).parent
    try:
        edition_config = load_config(root / config.extra.get("edition_config", "edition.yml"))
    except ConfigError as error:
        raise PluginError(str(error)) from None
    edition = load_edition(edition_config)
    for problem in edition.problems:
        log.warning(str(problem))
    _build = SiteBuild(edition, config.site_url or "http://127.0.0.1:8000/", docs_dir=Path(config.docs_dir))
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    assert _build is not None
    for page in _build.pages():
        file = File.generated(config, page.src, content=page.content)
        # Generated pages edit their own source file ("edit this page"), not a docs/ file.
        file.edit_uri = f"../{page.edit_path}" if page.edit_path and config.edit_uri else None
        files.append(file)
    for path, content in _build.exports():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    expanded, problems = _build.expand_directives(markdown, page.file.src_uri)
    for problem in problems:
        log.warning(str(problem))
    page.meta["edition_head"] = _build.head_tags(page.file.src_uri)
    return expanded
