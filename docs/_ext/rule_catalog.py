"""Sphinx extension: write the rule catalog pages (docs/rules/) from the installed plugins.

The pages are generated at the start of every build from the rules' own metadata, so the
catalog cannot drift from the code; they are not kept in git.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from enforcement_supervision._host import load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.rules._catalog_docs import render_rule_catalog


def _generate(app: Any) -> None:
    manager = load_plugins(Config())
    out = Path(app.srcdir) / "rules"
    out.mkdir(exist_ok=True)
    pages = render_rule_catalog(manager.rules())
    for stale in out.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    for name, text in pages.items():
        target = out / name
        # Rewriting unchanged pages would make Sphinx rebuild them every time.
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
