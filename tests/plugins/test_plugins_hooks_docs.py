"""Every hookspec is documented: in its docstring and on docs/reference/hooks.md."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from enforcement_supervision.rules import hookspecs

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "reference" / "hooks.md"
SPEC_SOURCE = Path(hookspecs.__file__)


def _specs() -> dict[str, tuple[list[str], str]]:
    """Hook name → (argument names, docstring), read from the module's source."""
    tree = ast.parse(SPEC_SOURCE.read_text(encoding="utf-8"))
    found: dict[str, tuple[list[str], str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        decorators = [
            d.id if isinstance(d, ast.Name) else ast.unparse(d) for d in node.decorator_list
        ]
        if not any(d.startswith("hookspec") for d in decorators):
            continue
        found[node.name] = ([a.arg for a in node.args.args], ast.get_docstring(node) or "")
    return found


SPECS = _specs()


def test_the_module_has_the_required_hooks() -> None:
    required = {
        "esup_rules",
        "esup_holiday_schedules",
        "esup_record_sources",
        "esup_run_started",
        "esup_run_finished",
        "esup_finding_opened",
        "esup_finding_resolved",
        "esup_finding_reopened",
        "esup_configure",
    }
    assert required <= set(SPECS)
    # and they are the hooks pluggy sees
    import pluggy

    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    assert set(SPECS) == {name for name in vars(manager.hook) if not name.startswith("_")}


@pytest.mark.parametrize("name", sorted(SPECS))
def test_docstring_says_when_what_and_returns(name: str) -> None:
    _, docstring = SPECS[name]
    for part in ("**When:**", "**Receives:**", "**Returns:**", "Example::"):
        assert part in docstring, f"{name}: docstring lacks {part}"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_documented_on_the_hooks_page(name: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    arguments, _ = SPECS[name]
    assert f"### `{name}`" in text, f"docs/reference/hooks.md has no section for {name}"
    section = text.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
    signature = f"{name}({', '.join(arguments)})"
    assert f"Signature: `{signature}`" in section, f"{name}: signature {signature} not documented"
    for part in ("**When:**", "**Receives:**", "**Returns:**", "@hookimpl"):
        assert part in section, f"{name}: the docs section lacks {part}"


def test_no_stale_sections() -> None:
    documented = set(re.findall(r"^### `(esup_\w+)`", DOCS.read_text(encoding="utf-8"), re.M))
    assert documented == set(SPECS)
