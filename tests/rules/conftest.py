"""Rules used by the rule-API tests: small, but written like real ones."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from enforcement_supervision.rules import Context, LegalBasis, Parameter, Rule, rule

PENALTY_LAW = LegalBasis(
    instrument="行政处罚法", instrument_en="Administrative Penalty Law", article="60"
)


@rule(
    id="TEST-DECISION-90D",
    title_zh="超期作出处罚决定",
    title_en="Decision not made within 90 days",
    category="inaction",
    severity="S2",
    legal_basis=PENALTY_LAW,
    applies_to="penalty-case",
    facts_date="filed_date",
    parameters=[
        Parameter(
            name="agency_deadline_rollover",
            default=True,
            reading=True,
            doc="roll a last day that is a rest day over to the next working day",
        )
    ],
)
def decision_90d(case: Any, ctx: Context) -> None:
    """Flags a penalty case not decided within 90 days of filing."""
    if case.filed_date is None:
        return
    deadline = ctx.deadline(
        case.filed_date,
        90,
        "CD",
        rollover=ctx.reading("agency_deadline_rollover"),
        start_label="立案",
        start_label_en="filed",
    )
    decided = case.decision.decision_date if case.decision else None
    if ctx.late(deadline, decided, label="decision"):
        ctx.finding(
            key="decision",
            message_zh="超期未作出处罚决定",
            message_en="decision overdue",
            facts={"filed_date": case.filed_date, "decision_date": decided},
        )


@rule(
    id="TEST-SUMMARY-LIMIT",
    title_zh="简易程序适用范围",
    title_en="Summary-procedure limits",
    category="abuse, procedure",
    severity="S1",
    legal_basis=LegalBasis(instrument="行政处罚法", article="51"),
    applies_to="penalty-case",
    facts_date=lambda case: case.decision.decision_date if case.decision else None,
    parameters=[
        Parameter(
            name="natural_person_max",
            default=Decimal("50"),
            values={date(2021, 7, 15): Decimal("200")},
            unit="yuan",
            doc="cap for individuals",
        ),
        Parameter(
            name="organisation_max",
            default=Decimal("1000"),
            values={date(2021, 7, 15): Decimal("3000")},
            unit="yuan",
            doc="cap for organisations",
        ),
    ],
)
def summary_limit(case: Any, ctx: Context) -> None:
    """Flags a summary-procedure fine above the cap in force on the decision date."""
    decision = case.decision
    if decision is None or decision.procedure != "summary" or decision.fine_amount is None:
        return
    name = "natural_person_max" if case.party.type == "natural_person" else "organisation_max"
    cap = ctx.param(name)
    if decision.fine_amount > cap:
        ctx.finding(
            key="fine",
            message_zh=f"简易程序罚款 {decision.fine_amount} 元超过 {cap} 元",
            message_en=f"summary fine {decision.fine_amount} above {cap} yuan",
            facts={"fine_amount": decision.fine_amount, "decision_date": decision.decision_date},
        )


@pytest.fixture
def decision_rule() -> Rule:
    return decision_90d


@pytest.fixture
def summary_rule() -> Rule:
    return summary_limit
