"""Rendering: the loaded edition as pages, from Jinja2 templates.

Rendering reads the model and never changes it. Python decides what each page shows (the
contexts built in this package's modules); the templates in `edition/templates/` decide how
it looks, and any of them can be overridden by a file of the same name in the theme's
`overrides/edition/` folder, the way Material's partials are (see `templates/README.md`).
"""

from __future__ import annotations

from .environment import GeneratedPage, Renderer

__all__ = ["GeneratedPage", "Renderer"]
