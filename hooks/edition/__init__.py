"""The edition's own logic: sources, model, validation and rendering.

Nothing in this package imports MkDocs. `hooks/edition_hooks.py` adapts MkDocs events
to these functions; `python -m edition check` runs the same validation without MkDocs.
"""
