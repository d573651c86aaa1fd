"""Helpers the supervision rules share: parameters, scope, terms, and the keys of groups.

No function here holds text: labels of deadlines are passed in by the rules, and messages are
the rules' own templates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from enforcement_supervision.model import (
    AgencyLevel,
    FeedbackSourceKind,
    LiaisonPointStatus,
    SupervisionCheckType,
    SupervisorStatus,
)
from enforcement_supervision.rules import Context, Message, Parameter
from enforcement_supervision.statutory_time import Deadline

__all__ = [
    "CheckedAgency",
    "FeedbackSource",
    "agency_levels",
    "day_after",
    "described",
    "enum_list",
    "in_scope",
    "point_active",
    "point_end",
    "supervisor_active",
    "term_end",
    "term_months",
]

#: Start labels of terms (the calendar's trace, "zh / en").
DESIGNATED = ("确定为联系点", "designated")
APPOINTED = ("聘任", "appointed")


def day_after(day: date) -> date:
    """The first day past a period's last day (the date of the facts of a duty not done)."""
    return day + timedelta(days=1)


def described(message: Message) -> str:
    """An evidence description, in both languages ("zh / en") as the pack has always given."""
    return f"{message.render({}, 'zh')} / {message.render({}, 'en')}"


def enum_list(enum: type[StrEnum]) -> Callable[[Any], tuple[str, ...]]:
    """A converter for a configured list of enumeration values (``["township", "county"]``)."""

    def convert(value: Any) -> tuple[str, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            raise TypeError("expected a list")
        allowed = {member.value for member in enum}
        items = tuple(str(item) for item in value)
        unknown = [item for item in items if item not in allowed]
        if unknown:
            raise ValueError(f"unknown value(s) {unknown} (one of: {', '.join(sorted(allowed))})")
        return items

    return convert


def agency_levels() -> Parameter:
    return Parameter(
        name="agency_levels",
        default=("township",),
        reading=True,
        converter=enum_list(AgencyLevel),
        unit="levels",
        doc="哪些层级的执法主体应建立本机制（默认乡镇）/ agency levels expected to run the "
        "mechanism: the seed report describes a township's (U)",
    )


#: The documentation of ``term_months`` (a parameter of two rules).
_TERM_DOC = (
    "社会监督员未载明聘期时的默认聘期（建始县2年，揭阳市5年）/ term of a social "
    "supervisor whose record states none: Jianshi 2 years, Jieyang 5 years (U, "
    "docs/catalog/interpretations.md#unverified "
    "item 9)"
)
_TERM_DOC_OTHER = _TERM_DOC + "; keep it equal to SUP-SUPERVISOR-TERM's"


def term_months(rule_id: str) -> Parameter:
    doc = _TERM_DOC if rule_id == "SUP-SUPERVISOR-TERM" else _TERM_DOC_OTHER
    return Parameter(name="term_months", default=24, unit="months", doc=doc)


def in_scope(agency: Any, ctx: Context) -> bool:
    """The agency is at a level expected to run the mechanism."""
    levels: tuple[str, ...] = ctx.reading("agency_levels")
    return str(agency.level) in levels


def term_end(
    ctx: Context,
    start: date,
    months: int | None,
    explicit_end: date | None,
    labels: tuple[str, str],
) -> tuple[date | None, Deadline | None]:
    """The last day of a term: the explicit end date, or ``start`` plus ``months`` counted
    as months (民法典 Art. 202, code ``M``); ``(None, None)`` when neither is known."""
    if explicit_end is not None:
        return explicit_end, None
    if months is None or months <= 0:
        return None, None
    deadline = ctx.deadline(start, months, "M", start_label=labels[0], start_label_en=labels[1])
    return deadline.due_date, deadline


def point_end(point: Any, ctx: Context) -> date | None:
    """The last day of a liaison point's term (``None``: open-ended)."""
    end, _ = term_end(
        ctx, point.designation_date, point.term_months, point.term_end_date, DESIGNATED
    )
    return end


def point_active(point: Any, ctx: Context) -> bool:
    """An active liaison point at ``as_of``: status active, designated, term not over (a term
    includes its last day)."""
    if point.status != LiaisonPointStatus.ACTIVE or not ctx.reached(point.designation_date):
        return False
    end = point_end(point, ctx)
    return end is None or not ctx.ended(end)


def supervisor_active(supervisor: Any, ctx: Context, default_months: int) -> bool:
    """A serving social supervisor at ``as_of``: status active, appointed, term not over, no
    record that bars the person from serving."""
    if supervisor.status != SupervisorStatus.ACTIVE or supervisor.disqualifications:
        return False
    if not ctx.reached(supervisor.appointed_date):
        return False
    months = supervisor.term_months if supervisor.term_months is not None else default_months
    end, _ = term_end(ctx, supervisor.appointed_date, months, supervisor.term_end_date, APPOINTED)
    return end is None or not ctx.ended(end)


class CheckedAgency:
    """Group key of a supervision check of one type: the agency it checked.

    A check that names no supervised agency is the supervising body's check of its own
    enforcement (the township checking itself). A check naming several agencies can only
    join one group (the first named): record one check per agency.
    """

    def __init__(self, check_type: SupervisionCheckType) -> None:
        self.check_type = check_type

    def __call__(self, check: Any) -> str | None:
        if check.type != self.check_type:
            return None
        ids: tuple[str, ...] = check.supervised_agency_ids
        return ids[0] if ids else str(check.agency_id)

    def __repr__(self) -> str:
        return f"supervised agency of {self.check_type.value} checks"


class FeedbackSource:
    """Group key of a feedback record from one kind of source: the source's id."""

    def __init__(self, kind: FeedbackSourceKind) -> None:
        self.kind = kind

    def __call__(self, feedback: Any) -> str | None:
        if feedback.source_kind != self.kind or not feedback.source_id:
            return None
        return str(feedback.source_id)

    def __repr__(self) -> str:
        return f"source_id of feedback from a {self.kind.value}"
