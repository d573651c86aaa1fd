"""One plugin per section of the pack, each behind its own entry point.

``national.penalty = "esup_national_rules._sections:penalty"`` and so on: loading an entry
point imports only its section module, so a section that fails to import is reported on its
own (``esup plugins list`` names it and the error) and the other sections' rules still load.
The rules of every section belong to the pack ``national`` (``[packs."national"]``).
"""

from __future__ import annotations

import importlib
from typing import Any

from enforcement_supervision.rules import Rule, hookimpl

#: The sections, in catalog order (docs/catalog/rules.md).
SECTIONS = (
    "penalty",
    "penalty_limits",
    "licensing",
    "coercive",
    "inspection",
    "publicity",
    "personnel",
    "petitions",
    "reconsideration",
    "litigation",
    "major_decisions",
    "normative",
)

__all__ = ["SECTIONS", "Section"]


class Section:
    """The plugin of one section: contributes that section's rules."""

    #: The hook API the pack was written for.
    ESUP_HOOK_API = 1

    def __init__(self, name: str) -> None:
        self.__name__ = f"esup_national_rules.{name}"
        self.__version__ = "0.1.0"
        self.section = name
        # The import happens here, inside the entry point's load: a broken section fails
        # its own entry point and no other.
        self._rules: tuple[Rule, ...] = tuple(importlib.import_module(self.__name__).RULES)

    @hookimpl
    def esup_rules(self) -> tuple[Rule, ...]:
        """Contribute this section's rules."""
        return self._rules


def __getattr__(name: str) -> Any:
    if name not in SECTIONS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return Section(name)
