"""Rules of the catalog section for coercive (filled in by the rule-pack work)."""

from __future__ import annotations

from enforcement_supervision.rules import Rule

RULES: tuple[Rule, ...] = ()
