"""The docs build refuses catalog references that do not resolve (docs/_ext/catalog_refs.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "catalog_refs", ROOT / "docs" / "_ext" / "catalog_refs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("catalog_refs", module)
    spec.loader.exec_module(module)
    return module


def _tree(tmp_path: Path, code: str) -> Path:
    (tmp_path / "docs" / "catalog").mkdir(parents=True)
    (tmp_path / "docs" / "catalog" / "rules.md").write_text(
        "# Rule catalog\n\n(penalties)=\n## Penalties\n\n"
        '| <span id="pen-notice"></span>PEN-NOTICE |\n',
        encoding="utf-8",
    )
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "mod.py").write_text(code, encoding="utf-8")
    return tmp_path


def test_resolving_references_pass(tmp_path: Path) -> None:
    refs = _module()
    root = _tree(
        tmp_path,
        "# docs/catalog/rules.md#pen-notice, docs/catalog/rules.md#penalties, "
        "docs/catalog/rules.md\n",
    )
    assert refs.check_references(root) == []


def test_missing_anchor_page_and_old_catalog_are_reported(tmp_path: Path) -> None:
    refs = _module()
    root = _tree(
        tmp_path,
        "# docs/catalog/rules.md#pen-nothing\n# docs/catalog/counting.md\n"
        "# see rules.md §1.12.3\n# writing-rules.md is a guide, not the catalog\n",
    )
    problems = refs.check_references(root)
    assert [(rel, line) for rel, line, _ in problems] == [
        ("src/mod.py", 1),
        ("src/mod.py", 2),
        ("src/mod.py", 3),
    ]
    assert "#pen-nothing" in problems[0][2]
    assert "counting.md" in problems[1][2]
    assert "rules.md" in problems[2][2]


def test_the_project_itself_resolves() -> None:
    refs = _module()
    assert refs.check_references(ROOT) == []


def test_every_reading_of_the_first_party_packs_is_documented() -> None:
    """Each interpretation option (a parameter with ``reading=True``) of a first-party rule has
    an entry, anchored by its name, on docs/catalog/interpretations.md."""
    from enforcement_supervision._host import load_plugins
    from enforcement_supervision.config import Config

    refs = _module()
    page = (ROOT / "docs" / "catalog" / "interpretations.md").read_text(encoding="utf-8")
    anchors = refs.anchors_of(page)
    missing = []
    for rule in load_plugins(Config()).rules():
        if rule.plugin is None or not rule.plugin.startswith(("national", "supervision")):
            continue
        declared = rule.parameters
        parameters = declared.values() if isinstance(declared, dict) else declared
        for parameter in parameters:
            anchor = parameter.name.replace("_", "-")
            if getattr(parameter, "reading", False) and anchor not in anchors:
                missing.append(f"{rule.id}.{parameter.name}")
    assert missing == [], (
        "add an entry (with the anchor `(<name-with-hyphens>)=`) for each of these options to "
        f"docs/catalog/interpretations.md: {missing}"
    )
