"""The two settings of an edition's mkdocs.yml that the check needs, read without MkDocs:
where the hand-written pages are (`docs_dir`) and how pages are named (`use_directory_urls`)."""

from __future__ import annotations

from pathlib import Path

from .problems import Located
from .reading import read_source
from .settings import EditionConfig
from .urls import UrlStyle


def mkdocs_settings(config: EditionConfig) -> tuple[Path | None, UrlStyle]:
    """docs_dir and URL style from the mkdocs.yml beside edition.yml, read without MkDocs."""
    path = config.root / "mkdocs.yml"
    try:
        text = read_source(path, config.root, "config")
    except (FileNotFoundError, Located):
        return None, UrlStyle()
    import yaml

    class _Tolerant(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        """libyaml where it is installed (as for the sources); MkDocs' !ENV and !!python tags read as nothing."""

    _Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    _Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        data = yaml.load(text, Loader=_Tolerant) or {}
    except yaml.YAMLError:
        return None, UrlStyle()
    if not isinstance(data, dict):
        return None, UrlStyle()
    docs = config.root / str(data.get("docs_dir") or "docs")
    return docs, UrlStyle(bool(data.get("use_directory_urls", True)))
