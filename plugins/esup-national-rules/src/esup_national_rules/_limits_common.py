"""Helpers shared by the rules of ``penalty_limits`` (行政处罚法; docs/catalog/rules.md#penalties).

Everything here uses only the public API. Three groups of helpers:

* facts of a penalty case: whether a penalty was imposed, whether the decision still stands,
  the date of the facts;
* PEN-PAY-15D, the party's payment deadline, which PEN-LATE-FEE and the advisory rule
  PEN-PAY-15D both compute through :func:`payment_deadline`;
* finding the lists and benchmarks that apply to an agency. :meth:`Context.lookup` finds a
  record only by type and id, and the model links neither an agency to its matter lists nor
  a matter to its benchmark, so the rules find them through a documented id convention
  (``<agency id>:<list kind>``, ``<agency id>:<matter code>``) or an explicit table
  parameter (agency id → record ids). Each lookup records the dependency, so a list that is
  added or changed later makes the engine evaluate the case again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from enforcement_supervision.model import (
    DecisionChangeKind,
    DiscretionBenchmark,
    MatterList,
    MatterListKind,
    PenaltyCase,
    PenaltyDecision,
)
from enforcement_supervision.model import Extension as ModelExtension
from enforcement_supervision.rules import Context
from enforcement_supervision.statutory_time import Deadline, Extension
from esup_national_rules._penalty_common import decision_date

__all__ = [
    "applicable_benchmarks",
    "applicable_lists",
    "decision_date",
    "decision_stands",
    "in_force_on",
    "list_codes",
    "payment_deadline",
    "payment_deferred",
    "penalty_imposed",
    "statutory_extensions",
]


# -- facts of a case ----------------------------------------------------------------------------


def decision_stands(decision: PenaltyDecision) -> bool:
    """False when the decision was later revoked or confirmed void (it no longer exists)."""
    change = decision.change
    return change is None or change.kind not in (
        DecisionChangeKind.REVOKED,
        DecisionChangeKind.CONFIRMED_VOID,
    )


def penalty_imposed(decision: PenaltyDecision | None) -> bool:
    """Whether ``decision`` imposes a penalty: any penalty type, a fine or a confiscation."""
    if decision is None:
        return False
    return bool(
        decision.penalty_types
        or (decision.fine_amount is not None and decision.fine_amount > 0)
        or (decision.confiscation_value is not None and decision.confiscation_value > 0)
    )


def in_force_on(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    """``valid_from <= day <= valid_to`` (an open end when ``valid_to`` is ``None``)."""
    return valid_from <= day and (valid_to is None or day <= valid_to)


def statutory_extensions(
    extensions: Iterable[ModelExtension], *, cap: int | None = None
) -> list[Extension]:
    """The model's approved extensions as calendar extensions, ``cap`` units at most in all.

    An extension counts only with an approval date (the calendar then checks it was approved
    before the deadline it extends) and not when it is recorded as *not* approved by the
    head of the agency. Missing approval data never lengthens a deadline.
    """
    result: list[Extension] = []
    left = cap
    for extension in sorted(extensions, key=lambda e: e.approved_date or dt.date.max):
        if extension.approved_date is None or extension.approved_by_head is False:
            continue
        amount = extension.days if left is None else min(extension.days, left)
        if amount <= 0:
            continue
        result.append(Extension(amount=amount, approved_on=extension.approved_date))
        if left is not None:
            left -= amount
    return result


# -- PEN-PAY-15D ----------------------------------------------------------------------------------


def payment_deferred(case: PenaltyCase) -> bool:
    """Deferred payment or payment by instalments was approved (Art. 66(2))."""
    payment = case.payment
    return payment is not None and (
        payment.deferral_approved_date is not None or payment.instalments_approved_date is not None
    )


def payment_deadline(ctx: Context, case: PenaltyCase) -> Deadline | None:
    """PEN-PAY-15D: the party's deadline to pay the fine (Art. 67(3)).

    Fifteen days from the day the 决定书 was served, ``CD+R``: the start day is not counted
    and a last day that is a rest day moves to the next working day (a party-side period,
    民事诉讼法 Art. 85 by analogy). ``None`` when there is no fine, no service date, or the
    decision no longer stands. Deferral or instalments are the caller's to check
    (:func:`payment_deferred`): the model holds no new due date for them.
    """
    decision = case.decision
    if decision is None or not decision_stands(decision):
        return None
    if decision.fine_amount is None or decision.fine_amount <= 0:
        return None
    served = case.delivery.served_date if case.delivery is not None else None
    if served is None:
        return None
    return ctx.deadline(
        served,
        15,
        "CD+R",
        start_label="决定书送达",
        start_label_en="decision served",
    )


# -- lists and benchmarks that apply to an agency -------------------------------------------------


def _ids_for(table: Mapping[str, Any], agency_id: str, fallback: str) -> list[str]:
    value = table.get(agency_id)
    if value is None:
        return [fallback]
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def applicable_lists(
    ctx: Context,
    agency_id: str,
    kind: MatterListKind,
    day: dt.date,
    *,
    table_param: str = "matter_list_ids",
) -> list[MatterList]:
    """The matter lists of ``kind`` that apply to ``agency_id`` on ``day``.

    The candidates are the ids the parameter ``table_param`` gives for the agency (a table:
    agency id → list of matter-list ids), or, when it gives none, the conventional id
    ``"<agency id>:<kind>"`` (e.g. ``AG-TOWN:township_delegated_powers``). Candidates of
    another kind or not in force on ``day`` are ignored.
    """
    table = ctx.param(table_param)
    found: list[MatterList] = []
    for record_id in _ids_for(table, agency_id, f"{agency_id}:{kind.value}"):
        record = ctx.lookup("matter-list", record_id)
        if (
            isinstance(record, MatterList)
            and record.kind == kind
            and in_force_on(record.valid_from, record.valid_to, day)
        ):
            found.append(record)
    return found


def list_codes(lists: Sequence[MatterList]) -> set[str]:
    """Every matter code on ``lists``."""
    return {item.code for matter_list in lists for item in matter_list.items}


def applicable_benchmarks(
    ctx: Context,
    agency_id: str,
    matter_code: str,
    day: dt.date,
    *,
    table_param: str = "benchmark_ids",
) -> list[DiscretionBenchmark]:
    """The discretion benchmarks for ``matter_code`` that apply to ``agency_id`` on ``day``.

    Candidates: the ids the table parameter gives for the agency (agency id → list of
    benchmark ids, for instance a county bureau's benchmarks that a township applies), or
    the conventional id ``"<agency id>:<matter code>"``.
    """
    table = ctx.param(table_param)
    found: list[DiscretionBenchmark] = []
    for record_id in _ids_for(table, agency_id, f"{agency_id}:{matter_code}"):
        record = ctx.lookup("discretion-benchmark", record_id)
        if (
            isinstance(record, DiscretionBenchmark)
            and record.matter_code == matter_code
            and in_force_on(record.valid_from, record.valid_to, day)
        ):
            found.append(record)
    return found
