"""Petition periods: days that bind the agency, with the catalog's counting readings.

信访工作条例 writes "15日/60日/30日" without saying calendar or working days, and whether a last
day that is a rest day rolls over for a deadline binding the agency is unsettled
(docs/catalog/interpretations.md#petition-calendar-days and #agency-deadline-rollover). The
petition rules share the three readings declared here and the one way of judging such a
period: both the strict and the rolled deadline are computed; a finding comes only after the
deadline that applies (the rolled one by default); an act between the two gets the S4
advisory of ``strict_deadline_advisory`` (a note by default, or an S4 finding).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from enforcement_supervision.rules import Context, Parameter
from enforcement_supervision.statutory_time import Deadline, ExcludedPeriod, Extension
from esup_national_rules._bridge import Message, Text, report, report_note
from esup_national_rules._penalty_common import deadline_unless_decided

__all__ = [
    "ADVISORY_KEY",
    "ADVISORY_MESSAGE",
    "agency_deadline",
    "agency_parameters",
    "deadline_facts",
    "strict_advisory",
]

ADVISORY_KEY = "past-strict-deadline"

ADVISORY_MESSAGE = Message(
    zh="{act}于 {done_date} 完成，已超过严格期限 {strict_deadline}（{strict_day}），"
    "按顺延后的期限 {rolled_deadline} 未认定超期（S4 提示）",
    en="{act} done on {done_date}, past the strict deadline {strict_deadline} "
    "({strict_day}); not late under rollover to {rolled_deadline} (S4 advisory)",
    severity="S4",
)


def agency_parameters() -> list[Parameter]:
    """The readings of a petition period: whether it counts calendar or working days, whether
    its last day rolls over, and how the S4 advisory is kept."""
    return [
        Parameter(
            name="agency_deadline_rollover",
            default=True,
            reading=True,
            doc="约束机关的期限末日为休息日时是否顺延至下一个工作日（U，民法典第203条类推；"
            "docs/catalog/interpretations.md#agency-deadline-rollover）。为 true 时严格期限与"
            "顺延期限之间完成只作 S4 提示 / roll a last day on a rest day over to the next "
            "working day for this agency-side period (U); between the strict and the rolled "
            "deadline only an S4 advisory",
        ),
        Parameter(
            name="strict_deadline_advisory",
            default="note",
            choices=("note", "finding"),
            reading=True,
            doc="严格期限与顺延期限之间完成时的提示方式：note 为检查记录中的 S4 提示（默认），"
            "finding 为 S4 提示性问题发现（键 past-strict-deadline）/ how the S4 advisory "
            "between the strict and the rolled deadline is kept: a run note (default) or an S4 "
            "finding (key past-strict-deadline)",
        ),
        Parameter(
            name="petition_period_unit",
            default="CD",
            choices=("CD", "WD"),
            reading=True,
            doc="信访工作条例“15日、60日、30日”的计算单位：CD 日历日（默认，U，"
            "docs/catalog/interpretations.md#petition-period-unit）或 WD 工作日；第23条第3款"
            "的“5个工作日”不受影响 / whether the regulation's 15/60/30 days are calendar "
            "days (default, U) or working days; the 5 working days of Art. 23(3) stay",
        ),
    ]


def agency_deadline(
    ctx: Context,
    start: dt.date,
    amount: int,
    done_on: dt.date | None,
    *,
    start_label: str,
    start_label_en: str,
    extensions: Iterable[Extension] = (),
    excluded_periods: Iterable[ExcludedPeriod] = (),
) -> Deadline | None:
    """The deadline ``amount`` days after ``start`` under the rule's readings, or ``None``
    when the calendar cannot count it but the answer does not depend on it (the act was done
    by the strict day, or the strict day has not passed)."""
    unit = str(ctx.reading("petition_period_unit"))
    rollover = bool(ctx.reading("agency_deadline_rollover")) and unit == "CD"
    extended = tuple(extensions)
    excluded = tuple(excluded_periods)

    def build(roll: bool, counting: str) -> Deadline:
        return ctx.deadline(
            start,
            amount,
            counting,
            rollover=roll,
            extensions=extended,
            excluded_periods=excluded,
            start_label=start_label,
            start_label_en=start_label_en,
        )

    return deadline_unless_decided(
        ctx, done_on, lambda: build(rollover, unit), lambda: build(False, "CD")
    )


def deadline_facts(deadline: Deadline) -> dict[str, Any]:
    """The strict, rolled and applicable last days of ``deadline``, for a finding's facts."""
    return {
        "strict_deadline": deadline.strict_date,
        "rolled_deadline": deadline.rolled_date,
        "deadline": deadline.due_date,
    }


def strict_advisory(
    ctx: Context,
    messages: Mapping[str, Message],
    deadline: Deadline,
    done_on: dt.date | None,
    *,
    act: Text,
    facts: Mapping[str, Any],
) -> None:
    """The S4 advisory for an act done after the strict deadline but by the rolled one."""
    rolled = deadline.rolled_date
    if done_on is None or not deadline.rollover or rolled is None:
        return
    if not deadline.is_met_only_by_rollover(done_on):
        return
    strict = deadline.strict_date
    advisory = {
        **facts,
        "act": act,
        "done_date": done_on,
        "strict_day": Text(
            zh=ctx.calendar.describe_day(strict, "zh"), en=ctx.calendar.describe_day(strict, "en")
        ),
        **deadline_facts(deadline),
    }
    if ctx.reading("strict_deadline_advisory") == "note":
        report_note(
            ctx,
            messages[ADVISORY_KEY],
            advisory,
            kind="advisory",
            severity="S4",
            strict_deadline=strict,
            rolled_deadline=rolled,
        )
        return
    report(ctx, messages, ADVISORY_KEY, key=ADVISORY_KEY, facts=advisory)
