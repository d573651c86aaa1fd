"""The clock a rule's deadline call leaves: derived from the deadline, overridable in the same
call, none for "before" deadlines, a Chinese name for an unnamed deadline, none that changes
what the rule decides."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from enforcement_supervision._host import Evaluator, Outcome, build_record
from enforcement_supervision.rules import Context, LegalBasis, Message, rule
from enforcement_supervision.statutory_time import SHANGHAI

from .conftest import CALENDAR

BASIS = LegalBasis(instrument="测试规定", instrument_en="test provisions", article="1")


def evaluate(body: Any, when: date, **fields: Any) -> Outcome:
    checked = rule(
        id="T-CLOCK",
        title_zh="期限",
        title_en="Deadline",
        category="inaction, procedure",
        severity="S2",
        legal_basis=BASIS,
        applies_to="penalty-case",
        messages={"late": Message(zh="逾期", en="late")},
    )(body)
    case = build_record("penalty-case", id="PC-1", agency_id="AG-1", **fields)
    moment = datetime(when.year, when.month, when.day, tzinfo=SHANGHAI)
    return Evaluator(as_of=moment, calendar=CALENDAR).evaluate(checked, case, catch=False)


def test_the_clock_is_the_deadline_the_rule_computed() -> None:
    def body(case: Any, ctx: Context) -> None:
        deadline = ctx.deadline(case.filed_date, 90, "CD+R", start_label="立案")
        if ctx.late(deadline, None, label="九十日办案期限 / 90-day limit"):
            ctx.finding("late", key="90d")

    open_ = evaluate(body, date(2025, 10, 9), filed_date=date(2025, 7, 3))
    [clock] = open_.clocks
    # Day 90 is 10-01 (National Day), rolled over to Thursday 10-09.
    assert (clock.strict_date, clock.rolled_date, clock.due_date) == (
        date(2025, 10, 1),
        date(2025, 10, 9),
        date(2025, 10, 9),
    )
    assert (clock.started_by, clock.start_date, clock.unit, clock.period) == (
        "立案",
        date(2025, 7, 3),
        "CD",
        90,
    )
    assert (clock.agency_id, clock.category, clock.passed) == ("AG-1", "inaction,procedure", False)
    assert clock.trace_zh.startswith("立案 2025-07-03 起算 90 日")
    assert open_.recheck_at is not None
    late = evaluate(body, date(2025, 10, 10), filed_date=date(2025, 7, 3))
    [red] = late.clocks
    assert red.passed
    assert red.id == clock.id
    assert [f.key for f in late.findings] == ["90d"]


def test_the_same_call_can_say_what_the_deadline_cannot() -> None:
    def body(case: Any, ctx: Context) -> None:
        deadline = ctx.deadline(case.filed_date, 10, "WD")
        ctx.deadline_passed(
            deadline,
            label="送达期限 / service",
            started_by="送达",
            started_by_en="served",
            start_date=date(2025, 9, 26),
        )

    [clock] = evaluate(body, date(2025, 9, 29), filed_date=date(2025, 9, 26)).clocks
    assert (clock.started_by, clock.started_by_en, clock.unit) == ("送达", "served", "WD")
    # 09-28 (make-up Sunday), 09-29, 09-30, 10-09, 10-10, 10-11 (make-up Saturday),
    # 10-13 … 10-16: the tenth working day.
    assert clock.due_date == date(2025, 10, 16)
    assert clock.period == 10


def test_unnamed_and_before_deadlines() -> None:
    def body(case: Any, ctx: Context) -> None:
        ctx.deadline_passed(ctx.deadline(case.filed_date, 5, "WD", start_label="受理"))
        ctx.deadline_passed(ctx.deadline(case.filed_date, 3, "WD", before=True))

    [clock] = evaluate(body, date(2025, 9, 1), filed_date=date(2025, 9, 1)).clocks
    assert clock.label == "受理起5个工作日期限 / 5 working days from 受理"
    assert "deadline-" not in clock.label
