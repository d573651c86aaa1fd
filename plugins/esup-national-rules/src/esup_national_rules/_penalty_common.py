"""Helpers shared by the 行政处罚 rules of :mod:`esup_national_rules.penalty`.

The facts-date functions the rules declare, stable keys for enforcement acts, and the test of
whether the right to a hearing (Art. 63) applies — used by PEN-HEARING-RIGHT,
PEN-HEARING-WINDOW and PEN-NOTICE, which read the same **pack parameters** (the hearing
thresholds, set once for the pack in ``[packs."national"]``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from enforcement_supervision.model import (
    EnforcementAct,
    PartyType,
    PenaltyCase,
    PenaltyType,
)
from enforcement_supervision.rules import Context, Parameter, Text, pack_parameter
from enforcement_supervision.statutory_time import CalendarUnavailable, Deadline, at_least

__all__ = [
    "HEARING_THRESHOLDS",
    "HEAVY_PENALTY_TYPES",
    "act_keys",
    "case_date",
    "deadline_unless_decided",
    "decision_date",
    "hearing_right_grounds",
    "is_natural_person",
    "latest_act_date",
    "payment_date",
]

#: Penalties that always carry the right to a hearing (Art. 63(1)(3)–(4), V).
HEAVY_PENALTY_TYPES: frozenset[PenaltyType] = frozenset(
    {
        PenaltyType.QUALIFICATION_DOWNGRADE,
        PenaltyType.LICENCE_REVOCATION,
        PenaltyType.SUSPENSION_OF_PRODUCTION,
        PenaltyType.CLOSURE,
        PenaltyType.EMPLOYMENT_RESTRICTION,
    }
)


# --------------------------------------------------------------------------------------------
# Facts dates


def decision_date(case: PenaltyCase) -> dt.date | None:
    """The date printed on the 决定书 (Art. 59(6)), or ``None`` while the case is open."""
    return case.decision.decision_date if case.decision is not None else None


def latest_act_date(case: PenaltyCase) -> dt.date | None:
    """The date of the latest enforcement act of the case (``None`` without acts)."""
    return max((act.date for act in case.acts), default=None)


def case_date(case: PenaltyCase) -> dt.date | None:
    """The facts date of a case: the decision date, else the filing date, else its latest act."""
    return decision_date(case) or case.filed_date or latest_act_date(case)


def payment_date(case: PenaltyCase) -> dt.date | None:
    """The facts date of a payment: cash collected on the spot, paid, or the decision date."""
    payment = case.payment
    if payment is not None:
        day = payment.collected_date or payment.paid_date
        if day is not None:
            return day
    return case_date(case)


# --------------------------------------------------------------------------------------------
# Acts


def act_keys(acts: Sequence[EnforcementAct]) -> list[tuple[str, EnforcementAct]]:
    """Each act with a stable finding key: its document number, else ``kind@date``; a second
    act of the same kind on the same day without a number gets ``#2`` and so on."""
    seen: dict[str, int] = {}
    keyed: list[tuple[str, EnforcementAct]] = []
    for act in acts:
        base = act.document_number or f"{act.kind.value}@{act.date.isoformat()}"
        seen[base] = seen.get(base, 0) + 1
        keyed.append((base if seen[base] == 1 else f"{base}#{seen[base]}", act))
    return keyed


# --------------------------------------------------------------------------------------------
# The right to a hearing (Art. 63)


def is_natural_person(case: PenaltyCase) -> bool:
    """The party is a natural person (公民) rather than a legal person or other organisation."""
    return case.party.type is PartyType.NATURAL_PERSON


def _penalty_type_values(value: Any) -> tuple[str, ...]:
    """A configured list of penalty types, checked against :class:`PenaltyType`."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise TypeError("expected a list of penalty types")
    return tuple(PenaltyType(str(item)).value for item in value)


#: The local numbers of Art. 63: what is a 较大数额 fine or confiscation, per party type, and
#: which other penalties a deployment treats as 其他较重的行政处罚. Pack parameters: declared
#: once, read by PEN-HEARING-RIGHT, PEN-HEARING-WINDOW and PEN-NOTICE, set once in
#: ``[packs."national"]`` so that the three rules can never disagree.
HEARING_THRESHOLDS: tuple[Parameter, ...] = (
    pack_parameter(
        "hearing_fine_threshold_person",
        Decimal("5000"),
        unit="yuan",
        doc="较大数额罚款（公民）：罚款达到此数额（含本数，“以上”）应告知听证权。数额由省级或部门"
        "规定（U，见 docs/catalog/interpretations.md，示例 5,000 元）/ fine that carries the "
        "right to a hearing for a natural person (inclusive; set locally, U)",
    ),
    pack_parameter(
        "hearing_fine_threshold_org",
        Decimal("100000"),
        unit="yuan",
        doc="较大数额罚款（法人或其他组织）（U，示例 100,000 元）/ fine that carries the right to "
        "a hearing for a legal person or other organisation (inclusive; U)",
    ),
    pack_parameter(
        "hearing_confiscation_threshold_person",
        Decimal("5000"),
        unit="yuan",
        doc="没收较大数额违法所得、较大价值非法财物（公民）（U）/ confiscation value that carries "
        "the right to a hearing for a natural person (inclusive; U)",
    ),
    pack_parameter(
        "hearing_confiscation_threshold_org",
        Decimal("100000"),
        unit="yuan",
        doc="没收较大数额违法所得、较大价值非法财物（法人或其他组织）（U）/ confiscation value "
        "that carries the right to a hearing for an organisation (inclusive; U)",
    ),
    pack_parameter(
        "other_heavy_penalty_types",
        (),
        converter=_penalty_type_values,
        doc="其他较重的行政处罚（第63条第1款第5、6项）：另行认定须告知听证权的处罚种类，取值为 "
        "PenaltyType 的英文值，如 business_restriction / further penalty types (PenaltyType "
        "values) treated as heavy penalties under Art. 63(1)(5)-(6)",
    ),
)


def _amount_grounds(
    label_zh: str,
    label_en: str,
    amounts: Iterable[Decimal | None],
    threshold: Decimal,
) -> list[Text]:
    for amount in amounts:
        if amount is not None and at_least(amount, threshold):
            return [
                Text(
                    zh=f"{label_zh} {amount} 元达到较大数额 {threshold} 元",
                    en=f"{label_en} of {amount} yuan reaches the threshold of {threshold} yuan",
                )
            ]
    return []


def hearing_right_grounds(case: PenaltyCase, ctx: Context) -> list[Text]:
    """Why the right to a hearing (Art. 63) applies to ``case``, empty if it does not. Both
    the decision and the penalty proposed in the prior notice are looked at: a right that
    existed when the party was notified must have been stated.

    ``ctx`` must belong to a rule that declares :data:`HEARING_THRESHOLDS`.
    """
    person = is_natural_person(case)
    suffix = "person" if person else "org"
    fine_threshold: Decimal = ctx.param(f"hearing_fine_threshold_{suffix}")
    confiscation_threshold: Decimal = ctx.param(f"hearing_confiscation_threshold_{suffix}")
    extra: tuple[str, ...] = tuple(str(v) for v in ctx.param("other_heavy_penalty_types"))
    decision = case.decision
    notice = case.prior_notice
    fines = [
        decision.fine_amount if decision is not None else None,
        notice.proposed_fine_amount if notice is not None else None,
    ]
    types: list[PenaltyType] = []
    if decision is not None:
        types.extend(decision.penalty_types)
    if notice is not None:
        types.extend(notice.proposed_penalty_types)
    grounds = _amount_grounds("罚款", "fine", fines, fine_threshold)
    grounds += _amount_grounds(
        "没收",
        "confiscation",
        [decision.confiscation_value if decision is not None else None],
        confiscation_threshold,
    )
    heavy = sorted(
        {t for t in types if t in HEAVY_PENALTY_TYPES or t.value in extra},
        key=lambda t: t.value,
    )
    if heavy:
        grounds.append(
            Text(
                zh="处罚种类：" + "、".join(t.label_zh for t in heavy),
                en="penalty type: " + ", ".join(t.value.replace("_", " ") for t in heavy),
            )
        )
    return grounds


# --------------------------------------------------------------------------------------------
# Deadlines that reach into a year without an official schedule


def deadline_unless_decided(
    ctx: Context,
    done_on: dt.date | None,
    build: Callable[[], Deadline],
    lower_bound: Callable[[], Deadline],
) -> Deadline | None:
    """The deadline ``build()`` gives, or ``None`` when the calendar cannot count it but the
    answer does not depend on it.

    When ``build()`` raises :class:`CalendarUnavailable` (a year without an official
    schedule), ``lower_bound()`` — a deadline that can only be earlier or the same, counted
    without the missing schedule (the strict day instead of the rolled one; N calendar days
    instead of N working days) — decides the easy cases: an act done on or before it was in
    time; a missing act whose lower bound has not passed is not late yet (and the subject is
    rechecked when the bound passes). Otherwise the error propagates and the evaluator
    records that the rule could not decide.
    """
    try:
        return build()
    except CalendarUnavailable:
        bound = lower_bound()
        if done_on is not None:
            if ctx.deadline_met(bound, done_on):
                return None
        elif not ctx.deadline_passed(bound):
            return None
        raise
