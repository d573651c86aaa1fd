"""Deadline clocks: a start, a duration in a unit, extensions, tolling, rollover, and a trace.

Rule authors build a :class:`Deadline` with one of the ``deadline_in_*`` functions (or
:func:`build_deadline` with a :class:`TimeUnit`), then ask it whether an act was done in time
(:meth:`Deadline.is_met_by`) or whether it has passed (:meth:`Deadline.has_passed`). Every
deadline carries a trace a person can read in Chinese or English.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import attrs

from enforcement_supervision.statutory_time._calendar import (
    ProvisionalDate,
    StatutoryCalendar,
    _mark,
    is_provisional,
)
from enforcement_supervision.statutory_time._errors import CalendarUnavailable
from enforcement_supervision.statutory_time._tz import (
    SHANGHAI,
    end_of_day,
    to_local_date,
    to_shanghai,
)

__all__ = [
    "Deadline",
    "ExcludedPeriod",
    "Extension",
    "TimeUnit",
    "TraceStep",
    "build_deadline",
    "calendar_days_before",
    "deadline_in_calendar_days",
    "deadline_in_hours",
    "deadline_in_months",
    "deadline_in_working_days",
    "deadline_in_years",
    "working_days_before",
]


class TimeUnit(enum.Enum):
    """The unit of a period; the values are the counting codes of
    docs/catalog/rules.md#conventions."""

    def __str__(self) -> str:
        # The value, as in reports and JSON: f"{Severity.S1}" is "S1", not "Severity.S1".
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    #: Calendar days (CD; with ``rollover`` CD+R).
    CALENDAR_DAYS = "CD"
    #: Working days under the official calendar (WD).
    WORKING_DAYS = "WD"
    #: Months, ending on the corresponding day (M).
    MONTHS = "M"
    #: Years, ending on the corresponding day (Y).
    YEARS = "Y"
    #: Hours from the clock time of the event (H).
    HOURS = "H"


_ROLLABLE = frozenset({TimeUnit.CALENDAR_DAYS, TimeUnit.MONTHS, TimeUnit.YEARS})


def _amount_zh(amount: int, unit: TimeUnit) -> str:
    suffix = {
        TimeUnit.CALENDAR_DAYS: "日",
        TimeUnit.WORKING_DAYS: "个工作日",
        TimeUnit.MONTHS: "个月",
        TimeUnit.YEARS: "年",
        TimeUnit.HOURS: "小时",
    }[unit]
    return f"{amount} {suffix}"


def _amount_en(amount: int, unit: TimeUnit) -> str:
    noun = {
        TimeUnit.CALENDAR_DAYS: "day",
        TimeUnit.WORKING_DAYS: "working day",
        TimeUnit.MONTHS: "month",
        TimeUnit.YEARS: "year",
        TimeUnit.HOURS: "hour",
    }[unit]
    return f"{amount} {noun}{'' if amount == 1 else 's'}"


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{attribute.name} must be a positive integer, not {value!r}")


@attrs.frozen(kw_only=True)
class Extension:
    """An approved extension of ``amount`` units (the deadline's own unit).

    It counts only if ``approved_on`` is on or before the deadline it extends (the deadline
    in force at that moment, rolled over when rollover is chosen).
    """

    amount: int = attrs.field(validator=_positive)
    approved_on: date = attrs.field(converter=to_local_date)
    label: str = "延长"
    label_en: str = "extension"


def _end_not_before_start(
    instance: ExcludedPeriod, _attribute: attrs.Attribute[date], value: date
) -> None:
    if value < instance.start:
        raise ValueError(f"excluded period ends ({value}) before it starts ({instance.start})")


@attrs.frozen(kw_only=True)
class ExcludedPeriod:
    """A period that does not count (中止, 听证, 公告, 检测, 鉴定 …), both ends included.

    It adds its calendar days to calendar-day, month and year deadlines, the working days
    inside it to working-day deadlines, and 24 hours per day to hour deadlines. Only periods
    that begin on or before the deadline in force at that moment count. Whether the law
    required a written notice of the exclusion, and whether it was given, is for the caller to
    check before passing the period (docs/catalog/interpretations.md).
    """

    start: date = attrs.field(converter=to_local_date)
    end: date = attrs.field(converter=to_local_date, validator=_end_not_before_start)
    label: str = ""
    label_en: str = ""


@attrs.frozen(kw_only=True)
class TraceStep:
    """One step of a deadline's trace, in both languages."""

    kind: str
    zh: str
    en: str
    day: date | None = None

    def text(self, lang: str = "zh") -> str:
        """The step in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.en if lang == "en" else self.zh


@attrs.frozen(kw_only=True)
class Deadline:
    """A computed deadline with both the strict and the rolled-over last day.

    ``strict_date`` is the last day by pure counting; ``rolled_date`` is that day moved to the
    next working day when it is a rest day (``None`` only when rollover was not chosen and the
    calendar cannot say, e.g. a year with no schedule in strict mode); ``due_date`` is the one
    that applies under the chosen ``rollover`` option. For ``before`` deadlines ("N days before
    an event") ``due_date`` is the latest day on which the act is still in time.

    ``provisional`` is true when ``due_date`` depends on a year computed in provisional mode;
    rules must not raise S1/S2 findings on such a deadline.

    The other attributes record how the date was reached: ``start`` (the local start date) and
    ``start_instant`` (hour periods), ``amount`` and ``unit``, ``before``, whether ``rollover``
    applied, ``due_instant`` (hour periods), the extensions that counted and those ignored as
    approved too late, ``excluded`` (days, or working days for WD periods, added for excluded
    periods) and the ``trace`` steps.
    """

    start: date
    start_instant: datetime | None
    amount: int
    unit: TimeUnit
    before: bool
    rollover: bool
    strict_date: date
    rolled_date: date | None
    due_date: date
    due_instant: datetime | None
    provisional: bool
    extensions_counted: tuple[Extension, ...]
    extensions_ignored: tuple[Extension, ...]
    excluded: int
    trace: tuple[TraceStep, ...]
    #: What started the count, as the trace names it (``"立案"``, ``"受理"``), when known.
    start_label: str | None = None
    start_label_en: str | None = None

    def trace_text(self, lang: str = "zh") -> str:
        """The trace as one line in ``lang`` (``"zh"`` or ``"en"``), for example::

        立案 2024-09-09 起算 90 日 → 2024-12-08（星期日，休息日）→ 顺延至 2024-12-09
        """
        parts = [step.text(lang) for step in self.trace]
        text = parts[0] if parts else ""
        for part in parts[1:]:
            # Chinese typesetting: no space between a full-width bracket and the arrow.
            text += ("→ " if text.endswith("）") else " → ") + part
        return text

    @property
    def passes_at(self) -> datetime:
        """The instant (Asia/Shanghai) from which :meth:`has_passed` is true.

        For day-based periods, 24:00 of the due date (民法典 Art. 203(2)); for hour periods,
        the end instant. A rule engine records it as the time to check the record again.
        """
        if self.due_instant is not None:
            return self.due_instant
        return end_of_day(self.due_date)

    def is_met_by(self, done: date | datetime) -> bool:
        """True when an act done at ``done`` is in time (on or before the due date).

        For hour periods a datetime is compared with the end instant itself.
        """
        if self.due_instant is not None and isinstance(done, datetime):
            return to_shanghai(done) <= self.due_instant
        return to_local_date(done) <= self.due_date

    def has_passed(self, as_of: date | datetime) -> bool:
        """True when the period is over as of ``as_of``.

        A date means "during that day": the period has passed when the day is after the due
        date. A datetime (naive ones are Asia/Shanghai time) is compared with
        :attr:`passes_at`.
        """
        if isinstance(as_of, datetime):
            return to_shanghai(as_of) >= self.passes_at
        return to_local_date(as_of) > self.due_date

    def is_met_only_by_rollover(self, done: date | datetime) -> bool:
        """True when ``done`` is after the strict date but on or before the rolled date.

        This is the band where docs/catalog/interpretations.md asks for an S4 note rather than an
        S2 finding.
        """
        day = to_local_date(done)
        return self.rolled_date is not None and self.strict_date < day <= self.rolled_date


def _describe(calendar: StatutoryCalendar, day: date, lang: str) -> str:
    return calendar.describe_day(day, lang)


def _day_step(
    calendar: StatutoryCalendar, day: date, *, clamped: bool = False, moment: datetime | None = None
) -> TraceStep:
    shown = moment.strftime("%Y-%m-%d %H:%M") if moment is not None else day.isoformat()
    extra_zh = "；无对应日，取月末" if clamped else ""
    extra_en = "; no corresponding day, last day of the month" if clamped else ""
    return TraceStep(
        kind="day",
        zh=f"{shown}（{_describe(calendar, day, 'zh')}{extra_zh}）",
        en=f"{shown} ({_describe(calendar, day, 'en')}{extra_en})",
        day=_plain(day),
    )


def _plain(day: date) -> date:
    return date(day.year, day.month, day.day)


def _merge_periods(periods: Iterable[ExcludedPeriod]) -> list[ExcludedPeriod]:
    # Overlapping suspensions must not be counted twice.
    merged: list[ExcludedPeriod] = []
    for period in sorted(periods, key=lambda p: (p.start, p.end)):
        if merged and period.start <= merged[-1].end + timedelta(days=1):
            last = merged[-1]
            merged[-1] = ExcludedPeriod(
                start=last.start,
                end=max(last.end, period.end),
                label="、".join(filter(None, (last.label, period.label))),
                label_en=", ".join(filter(None, (last.label_en, period.label_en))),
            )
        else:
            merged.append(period)
    return merged


def _start_step(
    start_text: str,
    amount: int,
    unit: TimeUnit,
    label: str | None,
    label_en: str | None,
    before: bool,
) -> TraceStep:
    label_zh = f"{label} " if label else ""
    label_english = f"{label_en or label} " if (label_en or label) else ""
    if before:
        return TraceStep(
            kind="start",
            zh=f"{label_zh}{start_text} 前 {_amount_zh(amount, unit)}",
            en=f"{_amount_en(amount, unit)} before {label_english}{start_text}",
        )
    return TraceStep(
        kind="start",
        zh=f"{label_zh}{start_text} 起算 {_amount_zh(amount, unit)}",
        en=f"{label_english}{start_text}: {_amount_en(amount, unit)} counted",
    )


def _provisional_step(calendar: StatutoryCalendar, first: date, last: date) -> TraceStep:
    low, high = sorted((first.year, last.year))
    years = [str(y) for y in calendar.provisional_years if low <= y <= high]
    if not years:
        return TraceStep(
            kind="provisional",
            zh="暂定结果：起算日本身是暂定日期",
            en="provisional: the start date itself is provisional",
        )
    joined = "、".join(years)
    return TraceStep(
        kind="provisional",
        zh=f"暂定结果：{joined} 年无官方节假日安排，按周末和法定节日推算",
        en=f"provisional: no official holiday schedule for {', '.join(years)}; "
        "weekends and statutory holidays assumed",
    )


def build_deadline(
    start: date | datetime,
    amount: int,
    unit: TimeUnit,
    calendar: StatutoryCalendar,
    *,
    rollover: bool = True,
    before: bool = False,
    extensions: Iterable[Extension] = (),
    excluded_periods: Iterable[ExcludedPeriod] = (),
    start_label: str | None = None,
    start_label_en: str | None = None,
) -> Deadline:
    """A deadline ``amount`` units after (or, with ``before``, before) ``start``.

    The start day is not counted (民法典 Art. 201). ``rollover`` (default on, the agency-side
    option of docs/catalog/interpretations.md) moves a last day that is a rest day to the next
    working day;
    it applies to calendar days, months and years. ``before`` gives the latest day for an act
    that must come ``amount`` calendar or working days before the event at ``start``, checked
    as ``add(done, amount) <= event`` (docs/catalog/interpretations.md). ``start_label`` names the
    start
    event in the trace (e.g. ``"立案"``).

    Raises :class:`CalendarUnavailable` when the count needs a year the calendar cannot
    compute, and :class:`ValueError` on an invalid amount or combination.
    """
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ValueError(f"amount must be a non-negative integer, not {amount!r}")
    extensions = tuple(extensions)
    periods = _merge_periods(excluded_periods)
    if before:
        if extensions or periods:
            raise ValueError("extensions and excluded periods do not apply to 'before' deadlines")
        return _before(start, amount, unit, calendar, start_label, start_label_en)

    touched = isinstance(start, ProvisionalDate)
    start_instant: datetime | None = None
    if unit is TimeUnit.HOURS:
        start_instant = (
            to_shanghai(start)
            if isinstance(start, datetime)
            else datetime(start.year, start.month, start.day, tzinfo=SHANGHAI)
        )
        start_day = to_local_date(start_instant)
        start_text = start_instant.strftime("%Y-%m-%d %H:%M")
    else:
        start_day = to_local_date(start)
        start_text = start_day.isoformat()

    total = amount
    excluded = 0

    def strict_end() -> tuple[date, datetime | None, bool]:
        """The last day by counting, the end instant (hours), and whether it was clamped."""
        if unit is TimeUnit.CALENDAR_DAYS:
            return start_day + timedelta(days=total + excluded), None, False
        if unit is TimeUnit.WORKING_DAYS:
            return calendar.add_working_days(start_day, total + excluded), None, False
        if unit is TimeUnit.HOURS:
            assert start_instant is not None
            moment = start_instant + timedelta(hours=total + 24 * excluded)
            return to_local_date(moment), moment, False
        months = total if unit is TimeUnit.MONTHS else 12 * total
        corresponding = calendar.add_months(start_day, months)
        return corresponding + timedelta(days=excluded), None, corresponding.day != start_day.day

    def in_force(day: date) -> date:
        nonlocal touched
        if rollover and unit in _ROLLABLE:
            rolled = calendar.roll_forward(day)
            touched = touched or is_provisional(rolled)
            return rolled
        touched = touched or is_provisional(day)
        return day

    steps = [_start_step(start_text, amount, unit, start_label, start_label_en, before=False)]
    day, moment, clamped = strict_end()
    steps.append(_day_step(calendar, day, clamped=clamped, moment=moment))

    counted: list[Extension] = []
    ignored: list[Extension] = []
    events: list[tuple[date, int, ExcludedPeriod | Extension]] = [
        (period.start, 0, period) for period in periods
    ]
    events += [(extension.approved_on, 1, extension) for extension in extensions]
    for _when, _order, event in sorted(events, key=lambda item: (item[0], item[1])):
        current = in_force(day)
        if isinstance(event, ExcludedPeriod):
            label = f"{event.label} " if event.label else ""
            label_en = (
                f"{event.label_en or event.label} " if (event.label_en or event.label) else ""
            )
            span_zh = f"{label}{event.start} 至 {event.end}"
            span_en = f"{label_en}{event.start} to {event.end}"
            if event.start > current:
                steps.append(
                    TraceStep(
                        kind="excluded-ignored",
                        zh=f"扣除期间 {span_zh} 开始于期限 {current} 之后，不计",
                        en=f"excluded period {span_en} starts after the deadline {current}; "
                        "not counted",
                    )
                )
                continue
            if unit is TimeUnit.WORKING_DAYS:
                days = calendar.working_days_in(event.start, event.end)
                touched = touched or calendar.provisional_between(event.start, event.end)
                size_zh, size_en = f"{days} 个工作日", _amount_en(days, TimeUnit.WORKING_DAYS)
            else:
                days = (event.end - event.start).days + 1
                size_zh, size_en = f"{days} 日", _amount_en(days, TimeUnit.CALENDAR_DAYS)
            excluded += days
            steps.append(
                TraceStep(
                    kind="excluded",
                    zh=f"扣除 {span_zh} 共 {size_zh}",
                    en=f"excluded {span_en}: {size_en}",
                )
            )
        else:
            if event.approved_on > current:
                ignored.append(event)
                steps.append(
                    TraceStep(
                        kind="extension-ignored",
                        zh=f"{event.label} {_amount_zh(event.amount, unit)}（{event.approved_on} "
                        f"批准，晚于当时的期限 {current}，不计）",
                        en=f"{event.label_en} of {_amount_en(event.amount, unit)} (approved "
                        f"{event.approved_on}, after the deadline then in force {current}; "
                        "not counted)",
                    )
                )
                continue
            counted.append(event)
            total += event.amount
            steps.append(
                TraceStep(
                    kind="extension",
                    zh=f"{event.label} {_amount_zh(event.amount, unit)}"
                    f"（{event.approved_on} 批准）",
                    en=f"{event.label_en} of {_amount_en(event.amount, unit)} "
                    f"(approved {event.approved_on})",
                )
            )
        day, moment, clamped = strict_end()
        steps.append(_day_step(calendar, day, clamped=clamped, moment=moment))

    strict = day
    rolled: date | None
    if unit in _ROLLABLE:
        try:
            rolled = calendar.roll_forward(strict)
        except CalendarUnavailable:
            if rollover:
                raise
            rolled = None
    else:
        rolled = strict
    if unit is TimeUnit.WORKING_DAYS:
        touched = touched or is_provisional(strict)

    if rollover and unit in _ROLLABLE:
        assert rolled is not None
        due = rolled
        touched = touched or is_provisional(rolled)
        if rolled != strict:
            steps.append(
                TraceStep(
                    kind="rollover",
                    zh=f"顺延至 {rolled.isoformat()}",
                    en=f"rolled over to {rolled.isoformat()}",
                    day=_plain(rolled),
                )
            )
    else:
        due = strict
        if unit in _ROLLABLE and rolled is not None and rolled != strict:
            steps.append(
                TraceStep(
                    kind="no-rollover",
                    zh=f"不顺延（如顺延则为 {rolled.isoformat()}）",
                    en=f"not rolled over (rollover would give {rolled.isoformat()})",
                )
            )
    if touched:
        steps.append(_provisional_step(calendar, start_day, due))
    return Deadline(
        start=start_day,
        start_instant=start_instant,
        amount=amount,
        unit=unit,
        before=False,
        rollover=rollover and unit in _ROLLABLE,
        strict_date=strict,
        rolled_date=rolled,
        due_date=_mark(due, touched),
        due_instant=moment,
        provisional=touched,
        extensions_counted=tuple(counted),
        extensions_ignored=tuple(ignored),
        excluded=excluded,
        trace=tuple(steps),
        start_label=start_label,
        start_label_en=start_label_en,
    )


def _before(
    event: date | datetime,
    amount: int,
    unit: TimeUnit,
    calendar: StatutoryCalendar,
    label: str | None,
    label_en: str | None,
) -> Deadline:
    event_day = to_local_date(event)
    touched = isinstance(event, ProvisionalDate)
    if unit is TimeUnit.CALENDAR_DAYS:
        due = event_day - timedelta(days=amount)
    elif unit is TimeUnit.WORKING_DAYS:
        if amount == 0:
            due = event_day
        else:
            # The latest x with add_working_days(x, n) <= event is the day before the n-th
            # working day counted back from the event, the event day included if it is one.
            back = amount - 1 if calendar.is_workday(event_day) else amount
            nth = calendar.sub_working_days(event_day, back)
            touched = touched or is_provisional(nth)
            due = nth - timedelta(days=1)
    else:
        raise ValueError("'before' deadlines are counted in calendar days or working days")
    steps = [
        _start_step(event_day.isoformat(), amount, unit, label, label_en, before=True),
        TraceStep(
            kind="latest",
            zh=f"最迟 {due.isoformat()}（{calendar.describe_day(due, 'zh')}）",
            en=f"latest {due.isoformat()} ({calendar.describe_day(due, 'en')})",
            day=_plain(due),
        ),
    ]
    if touched:
        steps.append(_provisional_step(calendar, due, event_day))
    plain_due = _plain(due)
    return Deadline(
        start=event_day,
        start_instant=None,
        amount=amount,
        unit=unit,
        before=True,
        rollover=False,
        strict_date=plain_due,
        rolled_date=plain_due,
        due_date=_mark(plain_due, touched),
        due_instant=None,
        provisional=touched,
        extensions_counted=(),
        extensions_ignored=(),
        excluded=0,
        trace=tuple(steps),
        start_label=label,
        start_label_en=label_en,
    )


def deadline_in_calendar_days(
    start: date | datetime,
    n: int,
    calendar: StatutoryCalendar,
    *,
    rollover: bool,
    extensions: Iterable[Extension] = (),
    excluded_periods: Iterable[ExcludedPeriod] = (),
    start_label: str | None = None,
    start_label_en: str | None = None,
) -> Deadline:
    """``n`` calendar days after ``start`` (code CD; with ``rollover=True`` CD+R)."""
    return build_deadline(
        start,
        n,
        TimeUnit.CALENDAR_DAYS,
        calendar,
        rollover=rollover,
        extensions=extensions,
        excluded_periods=excluded_periods,
        start_label=start_label,
        start_label_en=start_label_en,
    )


def deadline_in_working_days(
    start: date | datetime,
    n: int,
    calendar: StatutoryCalendar,
    *,
    extensions: Iterable[Extension] = (),
    excluded_periods: Iterable[ExcludedPeriod] = (),
    start_label: str | None = None,
    start_label_en: str | None = None,
) -> Deadline:
    """``n`` working days after ``start`` (code WD); the last day is always a working day."""
    return build_deadline(
        start,
        n,
        TimeUnit.WORKING_DAYS,
        calendar,
        rollover=False,
        extensions=extensions,
        excluded_periods=excluded_periods,
        start_label=start_label,
        start_label_en=start_label_en,
    )


def deadline_in_months(
    start: date | datetime,
    n: int,
    calendar: StatutoryCalendar,
    *,
    rollover: bool,
    extensions: Iterable[Extension] = (),
    excluded_periods: Iterable[ExcludedPeriod] = (),
    start_label: str | None = None,
    start_label_en: str | None = None,
) -> Deadline:
    """``n`` months after ``start``, ending on the corresponding day or the month's end (M)."""
    return build_deadline(
        start,
        n,
        TimeUnit.MONTHS,
        calendar,
        rollover=rollover,
        extensions=extensions,
        excluded_periods=excluded_periods,
        start_label=start_label,
        start_label_en=start_label_en,
    )


def deadline_in_years(
    start: date | datetime,
    n: int,
    calendar: StatutoryCalendar,
    *,
    rollover: bool,
    extensions: Iterable[Extension] = (),
    excluded_periods: Iterable[ExcludedPeriod] = (),
    start_label: str | None = None,
    start_label_en: str | None = None,
) -> Deadline:
    """``n`` years after ``start``, ending on the corresponding day (Y; 02-29 → 02-28)."""
    return build_deadline(
        start,
        n,
        TimeUnit.YEARS,
        calendar,
        rollover=rollover,
        extensions=extensions,
        excluded_periods=excluded_periods,
        start_label=start_label,
        start_label_en=start_label_en,
    )


def deadline_in_hours(
    start: datetime,
    n: int,
    calendar: StatutoryCalendar,
    *,
    extensions: Iterable[Extension] = (),
    excluded_periods: Iterable[ExcludedPeriod] = (),
    start_label: str | None = None,
    start_label_en: str | None = None,
) -> Deadline:
    """``n`` hours after the clock time ``start`` (code H; 民法典 Art. 201(2)); no rollover."""
    return build_deadline(
        start,
        n,
        TimeUnit.HOURS,
        calendar,
        rollover=False,
        extensions=extensions,
        excluded_periods=excluded_periods,
        start_label=start_label,
        start_label_en=start_label_en,
    )


def working_days_before(
    event: date | datetime,
    n: int,
    calendar: StatutoryCalendar,
    *,
    event_label: str | None = None,
    event_label_en: str | None = None,
) -> Deadline:
    """The latest day to act so that ``n`` working days remain before ``event``.

    ``is_met_by(x)`` is exactly ``add_working_days(x, n) <= event``
    (docs/catalog/interpretations.md, e.g.
    the hearing notice of 行政处罚法 Art. 64(2)).
    """
    return build_deadline(
        event,
        n,
        TimeUnit.WORKING_DAYS,
        calendar,
        before=True,
        start_label=event_label,
        start_label_en=event_label_en,
    )


def calendar_days_before(
    event: date | datetime,
    n: int,
    calendar: StatutoryCalendar,
    *,
    event_label: str | None = None,
    event_label_en: str | None = None,
) -> Deadline:
    """The latest day to act so that ``n`` calendar days remain before ``event``."""
    return build_deadline(
        event,
        n,
        TimeUnit.CALENDAR_DAYS,
        calendar,
        before=True,
        start_label=event_label,
        start_label_en=event_label_en,
    )
