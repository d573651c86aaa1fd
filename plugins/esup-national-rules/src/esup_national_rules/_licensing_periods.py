"""Helpers of the licensing rules: acceptance, extensions and excluded periods (行政许可法).

Kept apart from :mod:`esup_national_rules.licensing` so that LIC-ONE-TIME-NOTICE and
LIC-DECISION-20WD judge the one-time notice and the effective date of acceptance in exactly
the same way (Art. 32(1)(4): "逾期不告知的，自收到申请材料之日起即为受理"). The extension and
excluded-period helpers are shared with :mod:`esup_national_rules.coercive` (查封扣押、冻结).

Every text these helpers give (why an extension or a period was not counted, the make-up
working days inside a count) is a template or a :class:`Text` declared here, in both
languages; :func:`pair` and :func:`text` render one for a finding's notes or facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from enforcement_supervision.model import (
    ExcludedPeriod as RecordedPeriod,
)
from enforcement_supervision.model import (
    ExcludedPeriodKind,
    LicenceApplication,
)
from enforcement_supervision.model import (
    Extension as RecordedExtension,
)
from enforcement_supervision.rules import Context, Message, Text
from enforcement_supervision.statutory_time import (
    CalendarUnavailable,
    DayKind,
    Deadline,
    ExcludedPeriod,
    Extension,
)

__all__ = [
    "ART45_KINDS",
    "Acceptance",
    "Extensions",
    "effective_acceptance",
    "excluded_periods",
    "extensions",
    "materials_incomplete",
    "notice_deadline",
    "notice_late",
    "pair",
    "refusal_notes",
    "text",
    "working_day_notes",
]

#: Periods Art. 45 leaves out of the licensing deadlines: 听证、招标、拍卖、检验、检测、检疫、
#: 鉴定和专家评审. Suspensions and other periods are not in the list.
ART45_KINDS = frozenset(
    {
        ExcludedPeriodKind.HEARING,
        ExcludedPeriodKind.TENDER,
        ExcludedPeriodKind.AUCTION,
        ExcludedPeriodKind.INSPECTION_TEST,
        ExcludedPeriodKind.TESTING,
        ExcludedPeriodKind.QUARANTINE,
        ExcludedPeriodKind.APPRAISAL,
        ExcludedPeriodKind.EXPERT_REVIEW,
    }
)


# Texts (declarative: each in its own language).
_NOT_APPROVED = Text(zh="未经行政机关负责人批准", en="not approved by the agency head")
_NOT_TOLD_IN_WRITING = Text(zh="未书面告知当事人", en="the party was not told in writing")
_REASON_NOT_TOLD = Text(zh="未告知申请人延长理由", en="the applicant was not told the reason")
_APPROVAL_UNKNOWN = Text(zh="批准日期不明", en="approval date unknown")
_PERIOD_NOT_NOTIFIED = Text(zh="未书面告知当事人", en="the party was not notified in writing")
_KIND_NOT_EXCLUDED = Message(
    zh="“{kind}”期间依法不扣除", en="a {kind} period is not excluded by law"
)
_EXTENSION_NOT_COUNTED = Message(zh="延长未计入：{reason}", en="extension not counted: {reason}")
_PERIOD_NOT_EXCLUDED = Message(zh="期间未扣除：{reason}", en="period not excluded: {reason}")
_MAKEUP_COUNTED = Message(zh="计入的调休上班日：{days}", en="make-up working days counted: {days}")
_HOLIDAYS_LEFT_OUT = Message(
    zh="不计入的放假工作日：{count} 日", en="weekdays of holiday blocks not counted: {count}"
)


def pair(message: Message, **facts: Any) -> tuple[str, str]:
    """``message`` rendered in Chinese and in English (a note of a finding)."""
    return message.render(facts, "zh"), message.render(facts, "en")


def text(message: Message, **facts: Any) -> Text:
    """``message`` rendered as a fact value that reads in each language."""
    return Text(zh=message.render(facts, "zh"), en=message.render(facts, "en"))


def materials_incomplete(app: LicenceApplication) -> bool:
    """The materials were incomplete when received.

    Recorded as such, or not recorded but a correction notice was sent (a notice of missing
    materials only exists for incomplete materials).
    """
    if app.materials_complete is None:
        return bool(app.correction_notices)
    return app.materials_complete is False


def notice_deadline(app: LicenceApplication, ctx: Context) -> Deadline:
    """Art. 32(1)(4): the one-time notice is due within 5 working days of receipt (Art. 82)."""
    return ctx.deadline(
        app.received_date,
        5,
        "WD",
        start_label="收到申请材料",
        start_label_en="materials received",
    )


def notice_late(app: LicenceApplication, ctx: Context, deadline: Deadline) -> bool:
    """The one-time notice of missing materials was not given within 5 working days.

    A notice after the deadline is late. With no notice at all, the agency is late once the
    deadline has passed, unless it decided on acceptance (accepting or refusing) in time,
    which makes the notice moot.
    """
    first = min((notice.date for notice in app.correction_notices), default=None)
    if first is not None:
        return not ctx.deadline_met(deadline, first, label="补正告知期限")
    if app.acceptance is not None:
        return not ctx.deadline_met(deadline, app.acceptance.date, label="补正告知期限")
    return ctx.deadline_passed(deadline, label="补正告知期限")


@attrs.frozen(kw_only=True)
class Acceptance:
    """The effective date of acceptance of an application, and how it was found.

    ``day`` is ``None`` when it cannot be told (no acceptance recorded, or the notice period
    is still running); ``refused`` when the agency refused to accept in time; ``deemed`` when
    the law deems the application accepted on receipt because the notice was late.
    """

    day: dt.date | None
    deemed: bool = False
    refused: bool = False
    notice: Deadline | None = None


def effective_acceptance(app: LicenceApplication, ctx: Context) -> Acceptance:
    """The date from which the decision deadline runs (LIC-ONE-TIME-NOTICE → LIC-DECISION-20WD)."""
    notice: Deadline | None = None
    if materials_incomplete(app):
        notice = notice_deadline(app, ctx)
        if notice_late(app, ctx, notice):
            return Acceptance(day=app.received_date, deemed=True, notice=notice)
    acceptance = app.acceptance
    if acceptance is None:
        return Acceptance(day=None, notice=notice)
    if not acceptance.accepted:
        return Acceptance(day=None, refused=True, notice=notice)
    return Acceptance(day=acceptance.date, notice=notice)


@attrs.frozen(kw_only=True)
class Extensions:
    """The recorded extensions of a period, sorted out.

    ``counted`` go to the deadline (capped); ``refused`` did not count, each with the reason;
    ``excess`` is the number of days recorded beyond the cap and ``exceeded_on`` the approval
    date of the extension that went over it (the date of the facts of an "extended too long"
    finding).
    """

    counted: tuple[Extension, ...] = ()
    refused: tuple[tuple[RecordedExtension, Text], ...] = ()
    excess: int = 0
    exceeded_on: dt.date | None = None


def extensions(
    recorded: Iterable[RecordedExtension],
    *,
    cap: int | None,
    written: bool,
    label: str = "延长",
    label_en: str = "extension",
) -> Extensions:
    """The recorded extensions that may count, as calendar extensions.

    An extension may count only when it was approved by the agency head and the party was
    told of it (in writing when ``written``); its approval date is the recorded one or, when
    missing, the date the party was told (an extension is told after it is approved). Its
    days are capped so that all extensions together stay within ``cap`` (``None``: no cap).
    Whether it was approved before the deadline it extends is checked by the deadline itself
    (an approval on the last day of the period in force still counts: the period has not
    ended).
    """
    counted: list[Extension] = []
    refused: list[tuple[RecordedExtension, Text]] = []
    remaining = cap
    excess = 0
    exceeded_on: dt.date | None = None
    for item in sorted(recorded, key=lambda e: e.approved_date or e.notified_date or dt.date.max):
        approved_on = item.approved_date or item.notified_date
        # 行政许可法 Art. 42 asks to tell the applicant, not necessarily in writing.
        notified = item.notified_in_writing is True or (
            not written and item.notified_date is not None
        )
        if item.approved_by_head is not True:
            refused.append((item, _NOT_APPROVED))
            continue
        if not notified:
            refused.append((item, _NOT_TOLD_IN_WRITING if written else _REASON_NOT_TOLD))
            continue
        if approved_on is None:
            refused.append((item, _APPROVAL_UNKNOWN))
            continue
        days = item.days
        if remaining is not None:
            if days > remaining:
                excess += days - remaining
                exceeded_on = exceeded_on or approved_on
                days = remaining
            remaining -= days
        if days <= 0:
            continue
        counted.append(
            Extension(amount=days, approved_on=approved_on, label=label, label_en=label_en)
        )
    return Extensions(
        counted=tuple(counted), refused=tuple(refused), excess=excess, exceeded_on=exceeded_on
    )


def excluded_periods(
    recorded: Iterable[RecordedPeriod],
    *,
    kinds: frozenset[ExcludedPeriodKind],
    open_end: dt.date,
) -> tuple[list[ExcludedPeriod], list[tuple[RecordedPeriod, Text]]]:
    """The recorded periods that are left out of a deadline, as calendar periods.

    A period counts only when its kind is one the law excludes and the party was notified in
    writing (行政许可法 Art. 45; 行政强制法 Art. 25(3)). A period still running ends, for the
    count, on ``open_end`` (the day the act was done, or the evaluation day).
    """
    counted: list[ExcludedPeriod] = []
    refused: list[tuple[RecordedPeriod, Text]] = []
    for period in recorded:
        if period.kind not in kinds:
            refused.append((period, text(_KIND_NOT_EXCLUDED, kind=period.kind)))
            continue
        if period.notified_in_writing is not True:
            refused.append((period, _PERIOD_NOT_NOTIFIED))
            continue
        end = period.end_date if period.end_date is not None else max(open_end, period.start_date)
        counted.append(
            ExcludedPeriod(
                start=period.start_date,
                end=end,
                label=period.kind.label_zh,
                label_en=period.kind.value.replace("_", " "),
            )
        )
    return counted, refused


def working_day_notes(ctx: Context, deadline: Deadline) -> list[tuple[str, str]]:
    """Notes naming the make-up working days (调休上班日) and holiday days inside a working-day
    count, so a reader sees why a weekday count would be wrong
    (docs/catalog/changes.md#main-findings)."""
    makeup: list[dt.date] = []
    holidays = 0
    day = deadline.start
    while day < deadline.due_date:
        day += dt.timedelta(days=1)
        try:
            kind = ctx.calendar.day_kind(day)
        except CalendarUnavailable:
            return []
        if kind is DayKind.MAKEUP_WORKDAY:
            makeup.append(day)
        elif kind is DayKind.HOLIDAY and day.weekday() < 5:
            holidays += 1
    notes: list[tuple[str, str]] = []
    if makeup:
        notes.append(pair(_MAKEUP_COUNTED, days=makeup))
    if holidays:
        notes.append(pair(_HOLIDAYS_LEFT_OUT, count=holidays))
    return notes


def refusal_notes(
    refused_extensions: Iterable[tuple[RecordedExtension, Text]],
    refused_periods: Iterable[tuple[RecordedPeriod, Text]] = (),
) -> list[tuple[str, str]]:
    """Notes saying which recorded extensions and excluded periods did not count, and why."""
    notes = [pair(_EXTENSION_NOT_COUNTED, reason=why) for _, why in refused_extensions]
    notes += [pair(_PERIOD_NOT_EXCLUDED, reason=why) for _, why in refused_periods]
    return notes
