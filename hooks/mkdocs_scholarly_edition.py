"""The `scholarly-edition` MkDocs plugin: a thin adapter from MkDocs events to the `edition` package.

An edition's mkdocs.yml needs only

    plugins:
      - search
      - scholarly-edition

and, optionally, `config:` (the edition's configuration file, default `edition.yml`, relative
to mkdocs.yml) and `minify:` (default true). The plugin brings everything else: the theme's
template overrides (searched after the site's own `custom_dir`), the browser scripts and styles,
the generated pages and exports, and the folders `mkdocs serve` watches.

Event order relied on: `on_startup` says whether this is a build or `mkdocs serve`;
`on_config` loads and validates the sources once per build (also on every `mkdocs serve`
rebuild), logs every problem (a strict build stops there) and sets the site's canonical
address from edition.yml; `on_files` adds the generated pages, the exports and the bundled
scripts and styles, with URLs from MkDocs' own `File` objects; `on_page_markdown` expands
`<!-- edition:… -->` directives in hand-written pages and puts citation metadata into the
article's page meta for the theme's main.html.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File

from edition.assets import BROWSER, BUNDLES, SCRIPTS, STYLESHEETS, THEME, bundle
from edition.build import SiteBuild
from edition.citeproc import CiteprocError
from edition.config import ConfigError, EditionConfig, deployment_problem, load_config
from edition.load import load_edition
from edition.preview import Preview, fingerprint, front_matter
from edition.render.environment import CompiledTemplates, VisibleFilesLoader
from edition.render.handout import HandoutError
from edition.schemas import SCHEMA_DIR
from edition.serving import cached_files
from edition.setaside import PLACEHOLDER, UNSEARCHED_PLACEHOLDER, anchor_ids, placeholders, put_back
from edition.urls import UrlStyle
from edition.vocabulary import counted

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

REQUIRED_EXTENSIONS = ("attr_list", "toc", "tables", "admonition", "pymdownx.superfences", "pymdownx.details")
"""Markdown extensions the generated pages use (ids of headings, tables, collapsible sections)."""


HANDOUT_DELAY = 2.0
"""Seconds `mkdocs serve` waits after a rebuild before it makes the handout PDFs."""

SOURCE_POLLING = 0.1
"""Seconds between two looks at the edition's sources in `mkdocs serve` (MkDocs' own: 0.5)."""


class PluginConfig(base.Config):
    """The plugin's options in mkdocs.yml."""

    config = c.Type(str, default="edition.yml")
    """The edition's configuration file, relative to mkdocs.yml."""
    minify = c.Type(bool, default=True)
    """Serve the edition's scripts and styles minified (false: as written, for debugging)."""


class ScholarlyEditionPlugin(BasePlugin[PluginConfig]):
    """Builds an annotated edition from the sources its edition.yml names."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.build: SiteBuild | None = None
        self.edition_config: EditionConfig | None = None
        self.preview: Preview | None = None
        """In a `--dirty` build or serve: what the fast preview keeps between rebuilds."""
        self.rebuilt: set[str] = set()
        """URLs of the pages this build rendered (all of them, unless it is a dirty one)."""
        self.theme_templates = CompiledTemplates()
        """The theme's compiled templates, kept across the rebuilds of `mkdocs serve`."""
        self.set_aside: dict[str, str] = {}
        """This build's finished HTML set aside from the generated pages' Markdown, by digest."""
        self.expansions: dict[str, tuple[str, str, list[Any]]] = {}
        """Directives a dirty build expanded in `on_files`, by page: (Markdown, expansion, problems)."""
        self.handout_timer: threading.Timer | None = None
        self.handout_round = 0
        """Counts the handouts `mkdocs serve` has started making: only the newest are written."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        if dirty and self.preview is None:
            self.preview = Preview(Path(tempfile.mkdtemp(prefix="edition-preview-")))
            # The preview keeps a dirty build's pages, links and search index complete (see
            # `edition.preview`), so MkDocs' warning that they may not be does not apply; in
            # `mkdocs serve --dirty --strict` it would also count as a problem on every rebuild.
            logging.getLogger("mkdocs.commands.build").addFilter(_dirty_build_warning)

    def on_shutdown(self) -> None:
        if self.handout_timer is not None:
            self.handout_timer.cancel()
        if self.preview is not None:
            shutil.rmtree(self.preview.folder, ignore_errors=True)
            logging.getLogger("mkdocs.commands.build").removeFilter(_dirty_build_warning)
            self.preview = None

    @event_priority(100)  # before the search plugin, which makes the theme's environments too
    def _theme_first(self, config: MkDocsConfig) -> MkDocsConfig:
        self._theme_environments(config)
        return config

    def _edition(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        try:
            edition_config = load_config(root / self.config.config)
        except ConfigError as error:
            raise PluginError(str(error)) from None
        self.edition_config = edition_config
        docs_dir = Path(config.docs_dir)
        edition = load_edition(edition_config, docs_dir=docs_dir, url_style=UrlStyle(config.use_directory_urls))
        deployment = deployment_problem(edition_config, os.environ.get("SITE_URL", ""))
        problems = [*edition.problems, *([deployment] if deployment is not None else [])]
        for problem in problems:
            log.warning(str(problem))
        if problems and config.strict and self.command == "build":
            # Every problem is reported above; rendering a site that strict mode will refuse only
            # makes the contributor wait. (`mkdocs serve` goes on, so a typo does not stop it.)
            raise Abort(f"Aborted with {len(problems)} problem(s) in the edition's sources in strict mode!")
        canonical = edition_config.url
        # Citations, canonical links, the sitemap and the exports name the published address,
        # wherever this build is served from (a local `mkdocs serve` included).
        if canonical:
            config.site_url = canonical
        self._add_theme(config)
        self._add_markdown_extensions(config)

        @lru_cache(maxsize=None)
        def page_url(src: str) -> str:
            return File.generated(config, src, content="").url

        custom_dir = config.theme.custom_dir
        self.build = SiteBuild(edition, canonical_url=canonical, page_url=page_url, docs_dir=docs_dir,
                               override_dir=Path(custom_dir) / "edition" if custom_dir else None,
                               repo_url=config.repo_url or "", edit_uri=config.edit_uri or "")
        return config

    on_config = CombinedEvent(_theme_first, _edition)

    @staticmethod
    def _add_markdown_extensions(config: MkDocsConfig) -> None:
        """The Markdown extensions the generated pages are written for, where the site has not
        named them itself (its own settings for them are kept)."""
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)

    def _theme_environments(self, config: MkDocsConfig) -> None:
        """Every environment the theme makes (MkDocs' for the build, and those Material's search
        plugin makes to read its translations) with a loader that does not list hidden folders
        (see `VisibleFilesLoader`: the same static files, 0.15 s sooner on every build) and the
        templates compiled once per process, not once per environment and rebuild."""
        theme = config.theme
        make_env = type(theme).get_env
        compiled = self.theme_templates

        def get_env() -> jinja2.Environment:
            env = make_env(theme)
            if type(env.loader) is jinja2.FileSystemLoader:  # as MkDocs 1.6 makes it
                env.loader = VisibleFilesLoader(env.loader.searchpath, followlinks=env.loader.followlinks)
            env.bytecode_cache = compiled
            return env
        theme.get_env = get_env  # type: ignore[method-assign]

    @staticmethod
    def _add_theme(config: MkDocsConfig) -> None:
        """The package's template overrides, after the site's own custom_dir and before the
        theme's; its scripts and styles after the theme's and the site's own."""
        dirs = config.theme.dirs
        if str(THEME) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        for path in STYLESHEETS:
            if path not in config.extra_css:
                config.extra_css.append(path)
        scripts = {str(script) for script in config.extra_javascript}
        for path in SCRIPTS:
            if path not in scripts:
                config.extra_javascript.append(path)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        for path in BUNDLES:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=bundle(path, self.config.minify)))
        # The JSON Schemas of the sources, for editors that check a note's fields as one types
        # (a note file's `# yaml-language-server: $schema=<site>/schemas/annotation.schema.json`).
        for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
            files.append(File.generated(config, f"schemas/{schema.name}", abs_src_path=str(schema)))
        try:
            pages = list(self.build.pages())
            self.set_aside = {digest: finished for page in pages for digest, finished in page.html}
            if self.preview is not None:
                self._start_preview(self.preview, pages, files, config)
            for page in pages:
                if files.get_file_from_path(page.src) is not None:
                    log.warning(f"{page.src}: a generated page would replace the hand-written page "
                                f"'{page.src}' [id-page-collision]")
                    continue
                if self.preview is not None:
                    # A file of its own, rewritten only when the page changed: MkDocs' --dirty
                    # then skips the page if its output is newer.
                    source = self.preview.source(page.src, page.content)
                    file = File.generated(config, page.src, abs_src_path=str(source))
                else:
                    file = File.generated(config, page.src, content=page.content)
                # Generated pages edit their own source file ("edit this page"), not a docs/ file.
                file.edit_uri = f"../{page.edit_path}" if page.edit_path and config.edit_uri else None
                files.append(file)
            # A build makes everything before it is done; `mkdocs serve` makes the handout PDFs
            # after the pages (on_post_build), so that a saved note shows in the browser at once.
            for path, content in self.build.exports(handouts=self.command != "serve"):
                files.append(File.generated(config, path, content=content))
        except CiteprocError as error:
            raise PluginError(f"citations could not be formatted: {error}") from None
        except HandoutError as error:
            raise PluginError(f"the handout (PDF) could not be made: {error}") from None
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The finished HTML a generated page set aside from Markdown, back in its place (see
        `edition.setaside`), with its anchors added to those MkDocs validates links against."""
        named = placeholders(html)
        if not named:
            return html
        # HTML the search does not index waits for `_put_back_unsearched`, after the search.
        html, missing = put_back(html, self.set_aside, searched=True)
        if missing:
            self._report_placeholders(missing, page, config)
        if page.present_anchor_ids is not None:
            for digest in named:
                if digest in self.set_aside:
                    page.present_anchor_ids |= anchor_ids(self.set_aside[digest])
        return html

    @staticmethod
    def _report_placeholders(missing: list[str], page: Page, config: MkDocsConfig, form: str = PLACEHOLDER) -> None:
        """A placeholder no template of this build wrote (copied into a hand-written page), with
        its file and line."""
        source = page.file.abs_src_path
        lines = (Path(source).read_text(encoding="utf-8") if source and Path(source).is_file()
                 else page.markdown or "").splitlines()
        where = page.file.src_path if page.file.generated_by else f"{Path(config.docs_dir).name}/{page.file.src_path}"
        for digest in missing:
            line = next((number for number, text in enumerate(lines, 1) if digest in text), None)
            log.warning(f"{where}{f':{line}' if line else ''}: a placeholder for HTML that no template set aside: "
                        f"'{form.format(digest)}' (the edition's page templates write it through the "
                        "`set_aside` filter; remove it from the page)")

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.build is not None
        kept = self.expansions.pop(page.file.src_uri, None)
        if kept is not None and kept[0] == markdown:  # expanded in `_start_preview`, this build
            expanded, problems = kept[1], kept[2]
        else:
            expanded, problems = self.build.expand_directives(markdown, page.file.src_uri)
        for problem in problems:
            log.warning(str(problem))
        page.meta["edition_head"] = self.build.head(page.file.src_uri)
        return expanded

    def _start_preview(self, preview: Preview, pages: list[Any], files: Files, config: MkDocsConfig) -> None:
        """Begin a dirty build: a full one if anything that can change every page changed (see
        `edition.preview`); otherwise remove the output of each hand-written page whose
        directives now expand differently, so that MkDocs builds it again."""
        assert self.build is not None and self.edition_config is not None
        docs_dir = Path(config.docs_dir)
        hand_written = [file for file in files if not file.generated_by and file.abs_src_path
                        and Path(file.abs_src_path).is_relative_to(docs_dir)]
        watched_dirs = [THEME, BROWSER, *([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])]
        parts: list[str | bytes] = [Path(config.config_file_path).read_bytes(), self.edition_config.path.read_bytes()]
        parts += [f"{file.src_uri} {os.stat(file.abs_src_path).st_mtime_ns}" for file in hand_written]  # type: ignore[arg-type]
        parts += [f"{path} {path.stat().st_mtime_ns}" for folder in watched_dirs if folder.is_dir()
                  for path in sorted(folder.rglob("*")) if path.is_file()]
        parts += [f"{page.src}\n{front_matter(page.content)}" for page in pages]
        if preview.start(fingerprint(parts), Path(config.site_dir)):
            log.info("fast preview: a full rebuild")
        for file in hand_written:
            if not file.is_documentation_page():
                continue
            markdown = Path(file.abs_src_path).read_text(encoding="utf-8")  # type: ignore[arg-type]
            if "<!-- edition:" not in markdown:
                continue
            expanded, problems = self.build.expand_directives(markdown, file.src_uri)
            self.expansions[file.src_uri] = (markdown, expanded, problems)
            if preview.expansion_changed(file.src_uri, expanded) and not preview.full:
                Path(file.abs_dest_path).unlink(missing_ok=True)
        # Material's search plugin merges a dirty build's index on the assumption that one page
        # was rebuilt; `on_post_build` below merges it for any number, from this build's entries.
        for plugin in config.plugins.values():
            if hasattr(plugin, "search_index_prev"):
                plugin.search_index_prev = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.rebuilt = set()
        self.expansions = {}
        if self.handout_timer is not None:
            self.handout_timer.cancel()  # this build's handouts replace the last one's

    def _record_rebuilt(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        self.rebuilt.add(page.url)
        return context

    def _put_back_unsearched(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """The set-aside HTML that the site's search does not index, back in its place once the
        search plugin has read the page (see `edition.setaside`), before the theme renders it."""
        if page.content and UNSEARCHED_PLACEHOLDER.partition("{}")[0] in page.content:
            page.content, missing = put_back(page.content, self.set_aside, searched=False)
            if missing:
                self._report_placeholders(missing, page, config, UNSEARCHED_PLACEHOLDER)
        return context

    on_page_context = CombinedEvent(_record_rebuilt, event_priority(-100)(_put_back_unsearched))

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """In a dirty build, the search index completed (see `edition.preview`). In `mkdocs
        serve`, the handout PDFs, made in the background into the served folder: the page reloads
        first, the PDF follows a few seconds later (never in `mkdocs build`)."""
        site = Path(config.site_dir)
        preview = self.preview
        if preview is not None:
            preview.merge_search_index(site / "search" / "search_index.json", self.rebuilt)
            rebuilt = len(self.rebuilt)
            if not preview.full:
                log.info(f"fast preview: {counted(rebuilt, 'page')} rebuilt "
                         f"({', '.join(preview.changed) or 'no generated page changed'})")
        if self.command != "serve" or self.build is None:
            return
        if preview is not None and not preview.full and not preview.changed:
            return  # nothing the handouts are made from changed, as no generated page did
        jobs = self.build.handouts()
        self.handout_round += 1
        round_ = self.handout_round

        def make() -> None:
            for path, made in jobs:
                try:
                    pdf = made()
                except (HandoutError, OSError) as error:
                    log.warning(f"the handout (PDF) could not be made: {error}")
                    continue
                if round_ != self.handout_round:
                    return  # a later rebuild makes its own
                target = site / path
                target.parent.mkdir(parents=True, exist_ok=True)
                temporary = target.with_name(f".{target.name}.part")
                temporary.write_bytes(pdf)
                temporary.replace(target)

        # Started once the browser has had time to reload the page: the layout holds the
        # interpreter for seconds, and the server answers the reload from the same interpreter.
        self.handout_timer = threading.Timer(HANDOUT_DELAY, make)
        self.handout_timer.name = "edition-handouts"
        self.handout_timer.daemon = True
        self.handout_timer.start()

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """`mkdocs serve` rebuilds when any of the edition's sources changes, not only docs/."""
        edition = self.edition_config
        # MkDocs' server polls what it watches (0.5 s apart): the sources added below, a few
        # dozen small files, are looked at more often, so that a saved note is seen at once.
        observer = getattr(server, "observer", None)
        if isinstance(getattr(observer, "_timeout", None), (int, float)):
            observer._timeout = min(observer._timeout, SOURCE_POLLING)  # type: ignore[union-attr]
        # MkDocs waits 0.1 s after a change for more to come. The polling observer reports what
        # one look found together, so a save is one event; a change spread over two looks makes
        # two quick rebuilds, the second with all of it.
        server.build_delay = min(server.build_delay, 0.02)
        # A reload after a save fetches only what changed (edition/serving.py).
        app = server.get_app()
        if app is not None:
            server.set_app(cached_files(app, root=server.root, mount_path=server.mount_path))
        if edition is not None:
            watched = {edition.path, edition.glossary, edition.bibliography, edition.changelog}
            for text in edition.texts:
                watched |= {text.source, text.notes, text.mentions}
            for path in sorted(watched):
                if path.exists():
                    server.watch(str(path))
        return server


def _dirty_build_warning(record: logging.LogRecord) -> bool:
    """False for MkDocs' warning that a dirty build may be inaccurate (see `on_startup`)."""
    return not str(record.msg).startswith("A 'dirty' build is being performed")
