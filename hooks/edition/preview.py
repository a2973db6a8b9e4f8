"""The fast preview: after a change, `mkdocs serve --dirty` rebuilds only the pages it touched.

MkDocs' `--dirty` skips a page whose output is newer than its source file. A generated page has
no source file, so MkDocs rebuilds it every time; and the edition generates most of its pages
(the article, one per note, one per glossary entry…). `Preview` gives each generated page a file
of its own in a folder of the session's, written only when the page's Markdown changed, so that
MkDocs' own comparison rebuilds exactly the pages a saved note, entry or source changed.

What a dirty build would otherwise get wrong is made right here, so the preview matches a full
build (`tests/test_preview.py` compares the two):

- a change that can alter every page (mkdocs.yml, edition.yml, a hand-written page, a template,
  the set of pages or the front matter of one, which holds its title) empties the site folder,
  and the build that follows is a full one;
- a hand-written page that expands `<!-- edition:… -->` directives is rebuilt when what they
  expand to changes (the adapter removes its output);
- the search index keeps the entries of every page not rebuilt and takes the rebuilt pages'
  entries from this build.

Nothing here knows MkDocs; the adapter (`mkdocs_scholarly_edition.py`) decides what to ask.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any, Iterable


def front_matter(markdown: str) -> str:
    """The YAML front matter of a page's Markdown ('' if it has none): where a generated page
    keeps its title."""
    if not markdown.startswith("---\n"):
        return ""
    end = markdown.find("\n---\n", 3)
    return markdown[: end + 5] if end >= 0 else ""


def fingerprint(parts: Iterable[str | bytes]) -> str:
    """A digest of everything whose change calls for a full rebuild."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def empty_folder(folder: Path) -> None:
    """Remove what `folder` holds, except names starting with a dot (as MkDocs cleans a site)."""
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.name.startswith("."):
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def page_of(location: str) -> str:
    """The page a search entry belongs to: 'notes/p4/#finding' → 'notes/p4/'."""
    return location.partition("#")[0]


class Preview:
    """What one `--dirty` session keeps between rebuilds. `folder` holds the generated pages'
    Markdown (a temporary folder of the session's: never the edition's sources)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fingerprint: str | None = None
        self._written: dict[str, str] = {}
        """Digest of each generated page's Markdown as last written."""
        self._expanded: dict[str, str] = {}
        """Digest of each hand-written page's expanded directives, as last built."""
        self._search_docs: list[dict[str, Any]] | None = None
        self.changed: list[str] = []
        """The generated pages (docs-relative paths) whose Markdown changed in this build."""
        self.full = True
        """Whether this build rebuilds everything."""

    def start(self, digest: str, site_dir: Path) -> bool:
        """Begin a build whose full-rebuild fingerprint is `digest`. If it differs from the last
        build's, empty `site_dir` (so every page is built again) and forget what was written;
        return whether this build is a full one."""
        self.changed = []
        self.full = digest != self._fingerprint
        if self.full:
            self._fingerprint = digest
            empty_folder(site_dir)
            empty_folder(self.folder)
            self._written.clear()
            self._expanded.clear()
            self._search_docs = None
        return self.full

    def source(self, src: str, markdown: str) -> Path:
        """The file MkDocs reads the generated page `src` from: rewritten (so newer than the
        page's output, which MkDocs then builds again) only when `markdown` changed."""
        path = self.folder / src
        digest = hashlib.sha256(markdown.encode("utf-8")).hexdigest()
        if self._written.get(src) != digest or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8")
            self._written[src] = digest
            self.changed.append(src)
        return path

    def expansion_changed(self, src: str, expanded: str) -> bool:
        """Whether the hand-written page `src`, its directives expanded to `expanded`, differs
        from the last build's (the adapter then removes its output, so MkDocs builds it)."""
        digest = hashlib.sha256(expanded.encode("utf-8")).hexdigest()
        changed = self._expanded.get(src) != digest
        self._expanded[src] = digest
        return changed

    def merge_search_index(self, path: Path, rebuilt: set[str]) -> None:
        """Complete the search index a dirty build wrote at `path`, which holds only the pages it
        rebuilt (their URLs: `rebuilt`; the adapter stops Material's search plugin from merging it
        itself): the other pages' entries come from the last index."""
        if not path.is_file():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        docs = data.get("docs")
        if not isinstance(docs, list):
            return
        if self._search_docs is not None:
            kept = [doc for doc in self._search_docs if page_of(str(doc.get("location", ""))) not in rebuilt]
            docs = kept + docs
            data["docs"] = docs
            path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        self._search_docs = docs
