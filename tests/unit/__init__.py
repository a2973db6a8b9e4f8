"""Unit and structural tests of the pure `edition` package (no MkDocs, no build)."""
