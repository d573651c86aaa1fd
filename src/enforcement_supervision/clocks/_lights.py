"""Lights of a clock: green, yellow, red, and the days they change.

Counted on the official calendar (``docs/guide/early-warning.md``):

* **time left** on day D is counted like a period starting on D (the day itself not counted,
  民法典 Art. 201): the working days after D up to and including the due date for a clock in
  working days, the calendar days after D up to the due date otherwise;
* **yellow** from the first *working day* on which at most ``yellow_percent`` % of the period
  or at most ``yellow_working_days`` working days are left, whichever comes first: an office
  acts on working days, so no clock turns yellow over a holiday block in which no working day
  passes (the reminder is for the first working day after it);
* **red** from the day after the due date (the deadline that applies, rolled over where the
  rule rolls it): the day the duty is late, whatever kind of day it is.
"""

from __future__ import annotations

import functools
import math
from datetime import date, timedelta

import attrs

from enforcement_supervision.clocks._settings import Thresholds
from enforcement_supervision.statutory_time import CalendarUnavailable, StatutoryCalendar

__all__ = ["GREEN", "LIGHTS", "RED", "YELLOW", "LightDays", "light_days", "light_on", "time_left"]

GREEN = "green"
YELLOW = "yellow"
RED = "red"
LIGHTS = (GREEN, YELLOW, RED)

_WD = "WD"
_LIGHT_ZH = {GREEN: "绿灯", YELLOW: "黄灯", RED: "红灯"}


@attrs.frozen(kw_only=True)
class LightDays:
    """The days a clock's light changes: yellow from ``yellow_from``, red from ``red_from``."""

    yellow_from: date
    red_from: date


def _plain(day: date) -> date:
    return date(day.year, day.month, day.day)


@functools.lru_cache(maxsize=4)
def _provisional(calendar: StatutoryCalendar) -> StatutoryCalendar:
    return StatutoryCalendar(calendar.schedules, provisional=True)


def _working_days_between(calendar: StatutoryCalendar, day: date, due_date: date) -> int:
    try:
        return calendar.working_days_between(day, due_date)
    except CalendarUnavailable:
        pass
    # A year without an official schedule between the two days (in December, the next year's
    # notice is often not out yet): the provisional schedule (the statutory holidays, no
    # make-up days) gives an estimate in the clock's own unit; the clock's due date is then
    # provisional too. Calendar days here would be shown as "working days".
    try:
        return _provisional(calendar).working_days_between(day, due_date)
    except CalendarUnavailable:
        low, high = sorted((day, due_date))
        weekdays = sum(
            1 for n in range(1, (high - low).days + 1) if (low + timedelta(days=n)).weekday() < 5
        )
        return weekdays if due_date >= day else -weekdays


def time_left(unit: str, due_date: date, day: date, calendar: StatutoryCalendar) -> int:
    """The time left on ``day`` in the clock's own unit: working days for ``WD`` clocks,
    calendar days otherwise. Once the due date has passed it is negative: how late, at least
    one (a rest day after the due date is late although no working day has passed). Working
    days through a year without an official schedule are counted on the provisional one."""
    left = (due_date - day).days
    if unit == _WD:
        left = _working_days_between(calendar, day, due_date)
    if day > due_date:
        return min(left, -1)
    return left


def light_days(
    *,
    unit: str,
    period: int,
    start_date: date,
    due_date: date,
    calendar: StatutoryCalendar,
    thresholds: Thresholds,
) -> LightDays:
    """When a clock counted ``period`` units (``unit``) from ``start_date`` to ``due_date``
    turns yellow and red under ``thresholds``."""
    red_from = due_date + timedelta(days=1)
    share = math.floor(period * thresholds.yellow_percent / 100)
    candidates: list[date] = []
    try:
        # The first day with at most n working days left is the (n+1)-th working day counted
        # back from the due date, the due date included (always a working day).
        candidates.append(
            _plain(calendar.sub_working_days(red_from, thresholds.yellow_working_days + 1))
        )
        if unit == _WD:
            candidates.append(_plain(calendar.sub_working_days(red_from, share + 1)))
        else:
            first = due_date - timedelta(days=share)
            candidates.append(_plain(calendar.roll_forward(first)) if first <= due_date else first)
    except CalendarUnavailable:
        # A year without a schedule around the due date: calendar days only.
        candidates.append(due_date - timedelta(days=max(share, thresholds.yellow_working_days)))
    yellow_from = max(min(min(candidates), due_date), start_date)
    return LightDays(yellow_from=yellow_from, red_from=red_from)


def light_on(days: LightDays, day: date) -> str:
    """The light on ``day``."""
    if day >= days.red_from:
        return RED
    if day >= days.yellow_from:
        return YELLOW
    return GREEN


def describe_left(unit: str, left: int, lang: str = "zh") -> str:
    """``剩余 3 个工作日`` / ``3 working days left``."""
    if unit == _WD:
        return f"剩余 {left} 个工作日" if lang != "en" else f"{left} working days left"
    return f"剩余 {left} 日" if lang != "en" else f"{left} days left"


def light_trace(
    *,
    unit: str,
    start_date: date,
    due_date: date,
    days: LightDays,
    calendar: StatutoryCalendar,
    lang: str = "zh",
) -> list[str]:
    """The days each light changes, one line each: ``2026-10-09 起黄灯：剩余 3 个工作日``."""
    green_left = time_left(unit, due_date, start_date, calendar)
    yellow_left = time_left(unit, due_date, days.yellow_from, calendar)
    if lang == "en":
        lines = [f"green from {start_date.isoformat()}: {describe_left(unit, green_left, 'en')}"]
        if days.yellow_from > start_date:
            lines.append(
                f"yellow from {days.yellow_from.isoformat()}: "
                f"{describe_left(unit, yellow_left, 'en')}"
            )
        else:
            lines[0] = f"yellow from {start_date.isoformat()}: " + describe_left(
                unit, green_left, "en"
            )
        lines.append(
            f"red from {days.red_from.isoformat()}: past the due date {due_date.isoformat()}"
        )
        return lines
    lines = [f"{start_date.isoformat()} 起绿灯：{describe_left(unit, green_left)}"]
    if days.yellow_from > start_date:
        lines.append(f"{days.yellow_from.isoformat()} 起黄灯：{describe_left(unit, yellow_left)}")
    else:
        lines[0] = f"{start_date.isoformat()} 起黄灯：{describe_left(unit, green_left)}"
    lines.append(f"{days.red_from.isoformat()} 起红灯：已超过期限 {due_date.isoformat()}")
    return lines


def light_label(light: str, lang: str = "zh") -> str:
    """绿灯 / 黄灯 / 红灯, or the light's name in English."""
    return light if lang == "en" else _LIGHT_ZH.get(light, light)
