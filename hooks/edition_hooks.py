"""MkDocs hooks: a thin adapter from MkDocs events to the `edition` package.

Event order relied on: `on_startup` says whether this is a build or `mkdocs serve`; `on_config` loads and validates the sources once per build (also on
every `mkdocs serve` rebuild) and sets the site's canonical address from edition.yml;
`on_files` adds the generated pages and exports, with URLs from MkDocs' own `File` objects;
`on_page_markdown` expands `<!-- edition:… -->` directives in hand-written pages and puts
citation metadata into the article's page meta for `overrides/main.html`; `on_post_build`
minifies the edition's own scripts and styles in the built site (never in the sources).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from edition.assets import minify_site
from edition.build import SiteBuild
from edition.citeproc import CiteprocError
from edition.render.handout import HandoutError
from edition.config import ConfigError, deployment_problem, load_config
from edition.load import load_edition
from edition.urls import UrlStyle

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
_build: SiteBuild | None = None
_command = "build"


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path).parent
    try:
        edition_config = load_config(root / config.extra.get("edition_config", "edition.yml"))
    except ConfigError as error:
        raise PluginError(str(error)) from None
    docs_dir = Path(config.docs_dir)
    edition = load_edition(edition_config, docs_dir=docs_dir, url_style=UrlStyle(config.use_directory_urls))
    deployment = deployment_problem(edition_config, os.environ.get("SITE_URL", ""))
    problems = [*edition.problems, *([deployment] if deployment is not None else [])]
    for problem in problems:
        log.warning(str(problem))
    if problems and config.strict and _command == "build":
        # Every problem is reported above; rendering a site that strict mode will refuse only
        # makes the contributor wait. (`mkdocs serve` goes on, so a typo does not stop it.)
        raise Abort(f"Aborted with {len(problems)} problem(s) in the edition's sources in strict mode!")
    canonical = edition_config.url
    # Citations, canonical links, the sitemap and the exports name the published address,
    # wherever this build is served from (a local `mkdocs serve` included).
    if canonical:
        config.site_url = canonical

    @lru_cache(maxsize=None)
    def page_url(src: str) -> str:
        return File.generated(config, src, content="").url

    custom_dir = config.theme.custom_dir
    _build = SiteBuild(edition, canonical_url=canonical, page_url=page_url, docs_dir=docs_dir,
                       override_dir=Path(custom_dir) / "edition" if custom_dir else None,
                       repo_url=config.repo_url or "", edit_uri=config.edit_uri or "")
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    assert _build is not None
    try:
        for page in _build.pages():
            if files.get_file_from_path(page.src) is not None:
                log.warning(f"{page.src}: a generated page would replace the hand-written page "
                            f"'{page.src}' [id-page-collision]")
                continue
            file = File.generated(config, page.src, content=page.content)
            # Generated pages edit their own source file ("edit this page"), not a docs/ file.
            file.edit_uri = f"../{page.edit_path}" if page.edit_path and config.edit_uri else None
            files.append(file)
        for path, content in _build.exports():
            files.append(File.generated(config, path, content=content))
    except CiteprocError as error:
        raise PluginError(f"citations could not be formatted: {error}") from None
    except HandoutError as error:
        raise PluginError(f"the handout (PDF) could not be made: {error}") from None
    return files


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    expanded, problems = _build.expand_directives(markdown, page.file.src_uri)
    for problem in problems:
        log.warning(str(problem))
    page.meta["edition_head"] = _build.head(page.file.src_uri)
    return expanded


def on_post_build(*, config: MkDocsConfig) -> None:
    minify_site(Path(config.site_dir))
