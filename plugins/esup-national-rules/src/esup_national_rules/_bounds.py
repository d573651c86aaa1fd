"""Working-day periods that reach into a year without an official holiday schedule.

``ctx.deadline(start, n, "WD")`` cannot be counted through a year whose State Council notice
has not been loaded: strict mode raises :class:`CalendarUnavailable`, provisional mode gives a
provisional date on which no S1/S2 finding may rest. Yet many answers do not depend on the
missing schedule. Whatever a notice says, every working day is a distinct day, so the N-th
working day after a day is never earlier than the date reached by counting the known working
days and then **every** day of a year without a schedule as a working day; counted backwards
("N working days before an event") the same count gives a day that is never later than the
real one. An act on the right side of that bound breaches the period whatever 2027's notice
will hold — a decision two working days into a five-day hearing window (行政处罚法 Art. 64,
Art. 85) is premature even if the rest of the window falls in a year not yet announced.

:func:`wd_deadline_or_bound` gives the real deadline when the calendar can count it, and the
bound when only the bound can and it is decisive for the rule's finding; otherwise the
calendar's own answer (an error, or a provisional deadline) stands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from enforcement_supervision.rules import Context
from enforcement_supervision.statutory_time import (
    CalendarUnavailable,
    Deadline,
    TimeUnit,
    TraceStep,
)

__all__ = ["is_bound", "nth_working_day_or_none", "wd_deadline_or_bound", "working_days_bound"]


def is_bound(deadline: Deadline) -> bool:
    """Whether ``deadline`` is a bound from :func:`working_days_bound`, not the real day."""
    return any(step.kind == "bound" for step in deadline.trace)


def working_days_bound(
    ctx: Context,
    start: dt.date,
    amount: int,
    *,
    before: bool = False,
    start_label: str | None = None,
    start_label_en: str | None = None,
) -> Deadline:
    """The earliest day ``amount`` working days after ``start`` can be (``before``: the
    latest day ``amount`` working days before ``start`` can be), counting every day of a year
    without an official schedule as a working day. Not provisional: the real deadline can
    only be later (``before``: earlier)."""
    calendar = ctx.calendar
    official = set(calendar.years)
    step = dt.timedelta(days=-1 if before else 1)
    day, counted, unknown = start, 0, set()
    while counted < amount:
        day += step
        if day.year in official:
            counted += calendar.is_workday(day)
        else:
            unknown.add(day.year)
            counted += 1
    years = "、".join(str(year) for year in sorted(unknown))
    years_en = ", ".join(str(year) for year in sorted(unknown))
    label_zh = f"{start_label} " if start_label else ""
    label_en = f"{start_label_en or start_label} " if (start_label_en or start_label) else ""
    if before:
        first = TraceStep(
            kind="start",
            zh=f"{label_zh}{start.isoformat()} 前 {amount} 个工作日",
            en=f"{amount} working days before {label_en}{start.isoformat()}",
        )
        bound = TraceStep(
            kind="bound",
            zh=f"不晚于 {day.isoformat()}（{years} 年尚无官方节假日安排：按每日均为工作日推算，"
            "实际日期只会更早）",
            en=f"{day.isoformat()} at the latest (no official holiday schedule for {years_en}: "
            "every day counted as a working day, the real day can only be earlier)",
            day=day,
        )
    else:
        first = TraceStep(
            kind="start",
            zh=f"{label_zh}{start.isoformat()} 起算 {amount} 个工作日",
            en=f"{label_en}{start.isoformat()}: {amount} working days counted",
        )
        bound = TraceStep(
            kind="bound",
            zh=f"不早于 {day.isoformat()}（{years} 年尚无官方节假日安排：按每日均为工作日推算，"
            "实际届满日只会更晚）",
            en=f"{day.isoformat()} at the earliest (no official holiday schedule for {years_en}: "
            "every day counted as a working day, the real last day can only be later)",
            day=day,
        )
    return Deadline(
        start=start,
        start_instant=None,
        amount=amount,
        unit=TimeUnit.WORKING_DAYS,
        before=before,
        rollover=False,
        strict_date=day,
        rolled_date=day,
        due_date=day,
        due_instant=None,
        provisional=False,
        extensions_counted=(),
        extensions_ignored=(),
        excluded=0,
        trace=(first, bound),
        start_label=start_label,
        start_label_en=start_label_en,
    )


def wd_deadline_or_bound(
    ctx: Context,
    start: dt.date,
    amount: int,
    decisive: Callable[[dt.date], bool],
    *,
    before: bool = False,
    start_label: str | None = None,
    start_label_en: str | None = None,
) -> Deadline:
    """``ctx.deadline(start, amount, "WD")``; when that needs a year without an official
    schedule, the bound of :func:`working_days_bound` if ``decisive(bound_day)`` — the rule's
    finding (or its premise) holds on the bound, so it holds on the real day too, which can
    only be later (``before``: earlier). Otherwise the calendar's answer stands: the
    :class:`CalendarUnavailable` error, or the provisional deadline."""
    unavailable: CalendarUnavailable | None = None
    deadline: Deadline | None = None
    try:
        deadline = ctx.deadline(
            start,
            amount,
            "WD",
            before=before,
            start_label=start_label,
            start_label_en=start_label_en,
        )
    except CalendarUnavailable as error:
        unavailable = error
    if deadline is None or deadline.provisional:
        bound = working_days_bound(
            ctx,
            start,
            amount,
            before=before,
            start_label=start_label,
            start_label_en=start_label_en,
        )
        if decisive(bound.due_date):
            return bound
    if unavailable is not None:
        raise unavailable
    assert deadline is not None
    return deadline


def nth_working_day_or_none(ctx: Context, start: dt.date, amount: int) -> dt.date | None:
    """``add_wd(start, amount)`` for a fact shown beside a finding that does not depend on
    it, or ``None`` when it falls in a year without an official schedule (the finding still
    stands: the count that decided it was made on known days)."""
    try:
        return ctx.calendar.add_working_days(start, amount)
    except CalendarUnavailable:
        return None
