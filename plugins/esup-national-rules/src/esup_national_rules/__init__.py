"""National statutory rules for enforcement supervision (行政执法监督).

Each module holds the rules of one section of the catalog and is a plugin of its own (one
entry point per section, :mod:`esup_national_rules._sections`), so one section that fails to
import hides only its own rules. :data:`RULES` gathers every section's rules for tests and
tools. Only the public rule API is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from enforcement_supervision.rules import Rule

__version__ = "0.1.0"
#: The hook API this plugin was written for.
ESUP_HOOK_API = 1

__all__ = ["ESUP_HOOK_API", "RULES"]


def _collect() -> tuple[Rule, ...]:
    from esup_national_rules._sections import SECTIONS

    rules: list[Rule] = []
    for section in SECTIONS:
        rules.extend(importlib.import_module(f"esup_national_rules.{section}").RULES)
    return tuple(rules)


def __getattr__(name: str) -> Any:
    # Lazy: importing the package (as every section's entry point does) must not import the
    # other sections.
    if name == "RULES":
        rules = _collect()
        globals()["RULES"] = rules
        return rules
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
