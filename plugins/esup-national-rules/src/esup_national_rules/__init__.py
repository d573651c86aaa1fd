"""National statutory rules for enforcement supervision (行政执法监督).

Each module holds the rules of one section of the catalog; :data:`RULES` gathers them and the
``esup_rules`` hook contributes them. Only the public rule API is used.
"""

from __future__ import annotations

from enforcement_supervision.rules import Rule, hookimpl

__version__ = "0.1.0"
#: The hook API this plugin was written for.
ESUP_HOOK_API = 1


def _collect() -> tuple[Rule, ...]:
    # Section modules are imported here so that one module's import error names itself in the
    # plugin list instead of hiding the others' rules behind a bare ImportError.
    from esup_national_rules import (
        coercive,
        inspection,
        licensing,
        litigation,
        major_decisions,
        normative,
        penalty,
        penalty_limits,
        personnel,
        petitions,
        publicity,
        reconsideration,
    )

    rules: list[Rule] = []
    for module in (penalty, penalty_limits, licensing, coercive, inspection, publicity, personnel):
        rules.extend(module.RULES)
    # Catalog sections 1.8-1.11: petitions, reconsideration and litigation, major decisions,
    # normative documents and contracts.
    for module in (petitions, reconsideration, litigation, major_decisions, normative):
        rules.extend(module.RULES)
    return tuple(rules)


RULES: tuple[Rule, ...] = _collect()


@hookimpl
def esup_rules() -> tuple[Rule, ...]:
    """Contribute the national statutory rules."""
    return RULES
