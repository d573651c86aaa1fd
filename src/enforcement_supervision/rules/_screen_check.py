"""Checking a rule's screen against an evaluation (``esup rules test``, verification): a
finding or statutory clock on a subject the screen leaves out means the screen selects too
little."""

from __future__ import annotations

from datetime import date
from typing import Any

from enforcement_supervision.rules._meta import Rule

__all__ = ["screen_miss"]


def screen_miss(rule: Rule, subject: Any, outcome: Any, as_of_day: date) -> str | None:
    """Why ``outcome`` (the evaluation of ``rule`` on the record ``subject``) contradicts the
    rule's screen, or ``None`` when it does not (no screen, selected, or nothing reported)."""
    if rule.screen is None or rule.is_group_rule:
        return None
    if not (outcome.findings or outcome.clocks):
        return None
    record_type = getattr(subject, "record_type", None)
    bound = None if record_type is None else rule.bound_screen(record_type)
    if bound is None:
        return None
    from enforcement_supervision.model._convert import unstructure_record

    payload = unstructure_record(subject)
    if bound.selects(payload, as_of_day):
        return None
    recheck = bound.recheck(payload, as_of_day)
    if recheck is not None and recheck <= as_of_day:
        return None  # its recheck day has come: the engine evaluates it
    what = f"{len(outcome.findings)} finding(s)" if outcome.findings else "a statutory clock"
    return (
        f"the rule's screen leaves out {record_type}/{subject.id} as of {as_of_day}, but the "
        f"rule gave {what}; the screen's reason: {rule.screen.reason}"
    )
