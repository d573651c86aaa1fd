"""Sphinx configuration (MyST Markdown, furo theme). Built with warnings as errors by make test."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

from enforcement_supervision import __version__  # noqa: E402

project = "enforcement-supervision"
author = "enforcement-supervision developers"
copyright = "2026, enforcement-supervision developers"  # noqa: A001
release = __version__
version = __version__

extensions = ["myst_parser", "sphinx_click", "sphinx.ext.autodoc", "rule_catalog", "catalog_refs"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
html_theme = "furo"
html_title = "enforcement-supervision 行政执法监督"
language = "en"
autodoc_typehints = "description"
nitpicky = False
suppress_warnings = ["myst.xref_missing"]

# Files still being moved off the old catalog references (emptied when that work lands).
catalog_refs_skip: list[str] = []
