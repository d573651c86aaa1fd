"""The statutory calendar: working days, rest days and the counting primitives.

Lookups are O(1): for every loaded year the calendar precomputes the kind of each day, the
ordinals of its working days and a running count of working days, so adding N working days
is an index computation (plus one step per year boundary crossed), never a day-by-day loop.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import enum
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import ClassVar

from enforcement_supervision._logging import get_logger
from enforcement_supervision.statutory_time._errors import CalendarUnavailable, ScheduleError
from enforcement_supervision.statutory_time._schedule import (
    Holiday,
    HolidaySchedule,
    provisional_schedule,
    provisional_years,
)
from enforcement_supervision.statutory_time._tz import to_shanghai

__all__ = ["DayKind", "ProvisionalDate", "StatutoryCalendar", "is_provisional"]

_log = get_logger(__name__)

WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class DayKind(enum.Enum):
    """What a day is under the official calendar."""

    def __str__(self) -> str:
        # The value, as in reports and JSON: f"{Severity.S1}" is "S1", not "Severity.S1".
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    #: An ordinary Monday to Friday.
    WORKDAY = "workday"
    #: A Saturday or Sunday announced as a working day (调休上班日).
    MAKEUP_WORKDAY = "makeup_workday"
    #: An ordinary Saturday or Sunday.
    WEEKEND = "weekend"
    #: A day inside an announced holiday block (放假), whatever its weekday.
    HOLIDAY = "holiday"

    @property
    def is_workday(self) -> bool:
        """True for working days (make-up working days included)."""
        return self in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


_KINDS = tuple(DayKind)
_KIND_CODE = {kind: code for code, kind in enumerate(_KINDS)}
_WORKDAY_CODES = frozenset(_KIND_CODE[kind] for kind in DayKind if kind.is_workday)


class ProvisionalDate(date):
    """A date computed through a year that has no official schedule (provisional mode).

    It is a :class:`datetime.date` in every respect (equal to the plain date, same hash), and
    says ``provisional = True`` so that rules can refuse to raise S1/S2 findings on it. Use
    :func:`is_provisional` to test any date.
    """

    provisional: ClassVar[bool] = True

    def __repr__(self) -> str:
        return f"ProvisionalDate({self.year}, {self.month}, {self.day})"


def is_provisional(value: date) -> bool:
    """True when ``value`` was computed through a provisional (unofficial) year."""
    return isinstance(value, ProvisionalDate)


def _mark(day: date, provisional: bool) -> date:
    if provisional:
        return (
            day if type(day) is ProvisionalDate else ProvisionalDate(day.year, day.month, day.day)
        )
    return day if type(day) is date else date(day.year, day.month, day.day)


class _YearIndex:
    """Precomputed lookups for one year."""

    __slots__ = (
        "count",
        "cumulative",
        "kinds",
        "names",
        "provisional",
        "schedule",
        "start",
        "workdays",
        "year",
    )

    def __init__(
        self,
        schedule: HolidaySchedule,
        rest: dict[date, Holiday | None],
        makeup: dict[date, Holiday | None],
        *,
        provisional: bool,
    ) -> None:
        year = schedule.year
        self.year = year
        self.schedule = schedule
        self.provisional = provisional
        self.start = date(year, 1, 1).toordinal()
        ndays = date(year + 1, 1, 1).toordinal() - self.start
        kinds = bytearray(ndays)
        cumulative: list[int] = [0] * ndays
        workdays: list[int] = []
        names: dict[int, Holiday] = {}
        for offset in range(ndays):
            ordinal = self.start + offset
            day = date.fromordinal(ordinal)
            if day in makeup:
                kind = DayKind.MAKEUP_WORKDAY
                holiday = makeup[day]
            elif day in rest:
                kind = DayKind.HOLIDAY
                holiday = rest[day]
            else:
                kind = DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY
                holiday = None
            if holiday is not None:
                names[ordinal] = holiday
            kinds[offset] = _KIND_CODE[kind]
            if kind.is_workday:
                workdays.append(ordinal)
            cumulative[offset] = len(workdays)
        self.kinds = bytes(kinds)
        self.cumulative = cumulative
        self.workdays = workdays
        self.count = len(workdays)
        self.names = names


class StatutoryCalendar:
    """Working days and rest days under the official State Council schedules.

    Immutable: build one with :func:`default_calendar`, :func:`calendar_from_config` or
    ``StatutoryCalendar(schedules, provisional=...)``, and derive others with
    :meth:`with_schedules`.

    *Strict mode* (the default): any lookup that touches a year with no loaded schedule raises
    :class:`CalendarUnavailable` naming the year. *Provisional mode*: a year with no schedule
    but inside :func:`provisional_years` is computed as weekends plus the statutory holidays
    of 国务院令第795号, and every date computed through such a year is a
    :class:`ProvisionalDate`.

    Counting follows docs/catalog/counting.md: the start day is never counted; make-up working days
    count as working days; every day of an announced holiday block is a rest day.
    """

    __slots__ = ("_indexes", "_provisional", "_schedules")

    def __init__(self, schedules: Iterable[HolidaySchedule], *, provisional: bool = False) -> None:
        official: dict[int, HolidaySchedule] = {}
        for schedule in schedules:
            if schedule.year in official:
                raise ScheduleError(
                    f"同一年份有两份安排（{official[schedule.year].origin}；{schedule.origin}）",
                    f"two schedules for the same year ({official[schedule.year].origin}; "
                    f"{schedule.origin})",
                    year=schedule.year,
                )
            official[schedule.year] = schedule
        self._schedules = dict(sorted(official.items()))
        self._provisional = provisional
        rest, makeup = _overlay(self._schedules.values())
        indexes = {
            year: _YearIndex(schedule, rest, makeup, provisional=False)
            for year, schedule in self._schedules.items()
        }
        if provisional:
            for year in provisional_years():
                if year not in indexes:
                    guess = provisional_schedule(year)
                    # Days that an official notice of an adjacent year settles win over the guess.
                    prov_rest = {day: guess.holiday_for(day) for day in guess.rest_days}
                    prov_rest.update(rest)
                    indexes[year] = _YearIndex(guess, prov_rest, makeup, provisional=True)
        self._indexes = indexes

    # --- what is loaded --------------------------------------------------------------------

    @property
    def provisional(self) -> bool:
        """True when years without a schedule are computed provisionally."""
        return self._provisional

    @property
    def years(self) -> tuple[int, ...]:
        """The years with an official (bundled or supplied) schedule, in order."""
        return tuple(self._schedules)

    @property
    def provisional_years(self) -> tuple[int, ...]:
        """The years this calendar computes provisionally (empty in strict mode)."""
        return tuple(year for year, index in sorted(self._indexes.items()) if index.provisional)

    @property
    def schedules(self) -> tuple[HolidaySchedule, ...]:
        """The official schedules, in year order."""
        return tuple(self._schedules.values())

    def schedule(self, year: int) -> HolidaySchedule:
        """The schedule used for ``year`` (official, or provisional in provisional mode)."""
        return self._index(year).schedule

    def is_provisional_year(self, year: int) -> bool:
        """True when ``year`` is computed provisionally; raises if it cannot be computed."""
        return self._index(year).provisional

    def provisional_between(self, first: date, last: date) -> bool:
        """True when any year from ``first`` to ``last`` (either order) is provisional."""
        low, high = sorted((first.year, last.year))
        return any(self._index(year).provisional for year in range(low, high + 1))

    def with_schedules(self, extra: Iterable[HolidaySchedule]) -> StatutoryCalendar:
        """A new calendar with ``extra`` added; a supplied year replaces the loaded one."""
        supplied: dict[int, HolidaySchedule] = {}
        for schedule in extra:
            if schedule.year in supplied:
                raise ScheduleError(
                    f"同一年份提供了两份安排（{supplied[schedule.year].origin}；{schedule.origin}）",
                    f"two schedules were supplied for the same year "
                    f"({supplied[schedule.year].origin}; {schedule.origin})",
                    year=schedule.year,
                )
            supplied[schedule.year] = schedule
            replaced = self._schedules.get(schedule.year)
            if replaced is not None and replaced != schedule:
                _log.info(
                    "holiday_schedule_replaced",
                    year=schedule.year,
                    replaced_origin=replaced.origin,
                    origin=schedule.origin,
                )
        merged = {**self._schedules, **supplied}
        return StatutoryCalendar(merged.values(), provisional=self._provisional)

    # --- lookups ---------------------------------------------------------------------------

    def _index(self, year: int) -> _YearIndex:
        index = self._indexes.get(year)
        if index is None:
            raise CalendarUnavailable(year, provisional_mode=self._provisional)
        return index

    def day_kind(self, day: date) -> DayKind:
        """The kind of ``day``: ordinary workday, make-up workday, weekend or holiday."""
        index = self._index(day.year)
        return _KINDS[index.kinds[day.toordinal() - index.start]]

    def is_workday(self, day: date) -> bool:
        """True on working days: Monday–Friday outside holiday blocks, and make-up days."""
        index = self._index(day.year)
        return index.kinds[day.toordinal() - index.start] in _WORKDAY_CODES

    def is_rest_day(self, day: date) -> bool:
        """True on official rest days: weekends and every day of a holiday block.

        A make-up working day is not a rest day. This is the "法定休假日" used for rollover
        (docs/catalog/interpretations.md, first choice).
        """
        return not self.is_workday(day)

    def holiday(self, day: date) -> Holiday | None:
        """The named holiday whose block or make-up days contain ``day``, if any."""
        index = self._index(day.year)
        return index.names.get(day.toordinal())

    def describe_day(self, day: date, lang: str = "zh") -> str:
        """Weekday and kind of ``day`` for traces, e.g. ``星期日，休息日``.

        Never raises: for a year the calendar cannot compute, only the weekday is given.
        """
        weekday = (WEEKDAYS_EN if lang == "en" else WEEKDAYS_ZH)[day.weekday()]
        index = self._indexes.get(day.year)
        if index is None:
            return weekday
        kind = _KINDS[index.kinds[day.toordinal() - index.start]]
        holiday = index.names.get(day.toordinal())
        if lang == "en":
            parts = [weekday, _KIND_EN[kind]]
            if holiday is not None:
                parts.append(holiday.name_en or holiday.name)
            if index.provisional:
                parts.append("provisional")
            return ", ".join(parts)
        parts = [weekday, _KIND_ZH[kind]]
        if holiday is not None:
            parts.append(holiday.name)
        if index.provisional:
            parts.append("暂定")
        return "，".join(parts)

    def working_days_in_year(self, year: int) -> int:
        """The number of working days in ``year``."""
        return self._index(year).count

    # --- counting --------------------------------------------------------------------------

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after ``day`` (the start day is not counted).

        ``n == 0`` returns ``day``; a negative ``n`` counts backwards like
        :meth:`sub_working_days`.
        """
        if n < 0:
            return self.sub_working_days(day, -n)
        index = self._index(day.year)
        provisional = index.provisional or isinstance(day, ProvisionalDate)
        if n == 0:
            return _mark(day, provisional)
        position = index.cumulative[day.toordinal() - index.start] + n
        year = day.year
        while position > index.count:
            position -= index.count
            year += 1
            index = self._index(year)
            provisional = provisional or index.provisional
        return _mark(date.fromordinal(index.workdays[position - 1]), provisional)

    def sub_working_days(self, day: date, n: int) -> date:
        """The n-th working day before ``day`` (``day`` itself is not counted)."""
        if n < 0:
            return self.add_working_days(day, -n)
        index = self._index(day.year)
        provisional = index.provisional or isinstance(day, ProvisionalDate)
        if n == 0:
            return _mark(day, provisional)
        offset = day.toordinal() - index.start
        before = index.cumulative[offset] - (index.kinds[offset] in _WORKDAY_CODES)
        position = before - n + 1
        year = day.year
        while position < 1:
            year -= 1
            index = self._index(year)
            provisional = provisional or index.provisional
            position += index.count
        return _mark(date.fromordinal(index.workdays[position - 1]), provisional)

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days x with ``start < x <= end``.

        So ``working_days_between(d, add_working_days(d, n)) == n``. Negative when ``end`` is
        before ``start``.
        """
        if end < start:
            return -self.working_days_between(end, start)
        first = self._index(start.year)
        last = self._index(end.year)
        count_end = last.cumulative[end.toordinal() - last.start]
        count_start = first.cumulative[start.toordinal() - first.start]
        if start.year == end.year:
            return count_end - count_start
        middle = sum(self._index(year).count for year in range(start.year + 1, end.year))
        return first.count - count_start + middle + count_end

    def working_days_in(self, first: date, last: date) -> int:
        """The number of working days in the closed interval ``first..last``."""
        if last < first:
            return 0
        return self.working_days_between(first - timedelta(days=1), last)

    def roll_forward(self, day: date) -> date:
        """The first working day on or after ``day`` (rollover of a last day, 民法典 Art. 203)."""
        index = self._index(day.year)
        if index.kinds[day.toordinal() - index.start] in _WORKDAY_CODES:
            return _mark(day, index.provisional or isinstance(day, ProvisionalDate))
        return self.add_working_days(day, 1)

    def add_calendar_days(self, day: date, n: int) -> date:
        """``day`` plus ``n`` days; the start day is not counted (code CD)."""
        return _mark(day + timedelta(days=n), isinstance(day, ProvisionalDate))

    def add_months(self, day: date, months: int) -> date:
        """The corresponding day ``months`` later, or the month's last day (民法典 Art. 202)."""
        total = day.month - 1 + months
        year, month = day.year + total // 12, total % 12 + 1
        last = _stdlib_calendar.monthrange(year, month)[1]
        return _mark(date(year, month, min(day.day, last)), isinstance(day, ProvisionalDate))

    def add_years(self, day: date, years: int) -> date:
        """The corresponding day ``years`` later; 02-29 becomes 02-28 (民法典 Art. 202)."""
        return self.add_months(day, 12 * years)

    def add_hours(self, moment: datetime, hours: float) -> datetime:
        """``moment`` plus ``hours``, in Asia/Shanghai; counted from the clock time (Art. 201)."""
        return to_shanghai(moment) + timedelta(hours=hours)

    def __repr__(self) -> str:
        years = self.years
        span = f"{years[0]}–{years[-1]}" if years else "none"
        mode = "provisional" if self._provisional else "strict"
        return f"<StatutoryCalendar years={span} mode={mode}>"


_KIND_ZH = {
    DayKind.WORKDAY: "工作日",
    DayKind.MAKEUP_WORKDAY: "调休上班日",
    DayKind.WEEKEND: "休息日",
    DayKind.HOLIDAY: "休息日",
}
_KIND_EN = {
    DayKind.WORKDAY: "working day",
    DayKind.MAKEUP_WORKDAY: "make-up working day",
    DayKind.WEEKEND: "rest day",
    DayKind.HOLIDAY: "rest day",
}


def _overlay(
    schedules: Iterable[HolidaySchedule],
) -> tuple[dict[date, Holiday | None], dict[date, Holiday | None]]:
    """Every announced rest day and make-up day of all schedules, with its holiday name.

    Notices reach into adjacent years, so a day's status may come from another year's
    schedule; two schedules that disagree about a day are an error.
    """
    rest: dict[date, Holiday | None] = {}
    makeup: dict[date, Holiday | None] = {}
    owner: dict[date, HolidaySchedule] = {}
    for schedule in schedules:
        for day in schedule.rest_days | schedule.makeup_workdays:
            is_makeup = day in schedule.makeup_workdays
            other = owner.get(day)
            if other is not None and (day in other.makeup_workdays) != is_makeup:
                raise ScheduleError(
                    f"{other.year} 年与 {schedule.year} 年的安排对这一天说法相反"
                    "（一个是放假日，一个是调休上班日）",
                    f"the {other.year} and {schedule.year} schedules disagree about this day "
                    "(rest day in one, make-up working day in the other)",
                    year=schedule.year,
                    day=day,
                    origin=schedule.origin,
                )
            owner.setdefault(day, schedule)
            (makeup if is_makeup else rest).setdefault(day, schedule.holiday_for(day))
    return rest, makeup
