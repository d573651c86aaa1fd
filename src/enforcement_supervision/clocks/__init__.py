"""Early warning (红黄灯预警): every open statutory period with the time it has left.

A deadline rule's ``ctx.deadline_passed``/``ctx.late`` over an open duty leaves a
:class:`Clock` (rule, subject, agency, what started it and when, the due dates, the counting,
extensions and excluded periods so far); each check stores them, and this package gives them
their lights::

    from enforcement_supervision.clocks import list_clocks
    from enforcement_supervision.store import Store

    with Store.open("esup.sqlite") as store:
        for clock in list_clocks(store, as_of=date(2025, 10, 20), light="yellow"):
            print(clock.rule_id, clock.subject_id, clock.due_date, clock.left)

Thresholds come from the ``[clocks]`` configuration (:class:`ClockSettings`); the days each
light changes are counted on the official calendar (``docs/guide/early-warning.md``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from enforcement_supervision.clocks._lights import (
    GREEN,
    LIGHTS,
    RED,
    YELLOW,
    LightDays,
    light_days,
    light_label,
    light_on,
    light_trace,
    time_left,
)
from enforcement_supervision.clocks._settings import ClockSettings, Thresholds
from enforcement_supervision.clocks._store import (
    OPEN,
    OVERDUE,
    ClockNotFoundError,
    StoredClock,
    advance_lights,
    clock_updates,
    drop_other_rules,
    get_clock,
    list_clocks,
    mark_sent,
    refresh_thresholds,
    stored_pairs,
    unsent,
    write_clocks,
)
from enforcement_supervision.errors import EsupError
from enforcement_supervision.rules._clock import Clock, clock_id
from enforcement_supervision.statutory_time import StatutoryCalendar

__all__ = [
    "GREEN",
    "LIGHTS",
    "OPEN",
    "OVERDUE",
    "RED",
    "YELLOW",
    "Clock",
    "ClockNotFoundError",
    "ClockSettings",
    "LightDays",
    "StoredClock",
    "Thresholds",
    "Within",
    "WithinError",
    "advance_lights",
    "clock_id",
    "clock_updates",
    "drop_other_rules",
    "get_clock",
    "light_days",
    "light_label",
    "light_on",
    "light_trace",
    "list_clocks",
    "mark_sent",
    "parse_within",
    "refresh_thresholds",
    "stored_pairs",
    "time_left",
    "unsent",
    "write_clocks",
]


class WithinError(EsupError):
    """A ``--within`` value that is not ``N wd`` or ``N d``."""


class Within:
    """A horizon: ``5wd`` (five working days) or ``10d`` (ten calendar days) from a day."""

    def __init__(self, amount: int, working_days: bool) -> None:
        self.amount = amount
        self.working_days = working_days

    def last_day(self, day: date, calendar: StatutoryCalendar) -> date:
        """The last due date inside the horizon that starts on ``day``."""
        if self.working_days:
            return calendar.add_working_days(day, self.amount)
        return day + timedelta(days=self.amount)

    def __repr__(self) -> str:
        return f"Within({self.amount}{'wd' if self.working_days else 'd'})"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Within) and (self.amount, self.working_days) == (
            other.amount,
            other.working_days,
        )

    def __hash__(self) -> int:
        return hash((self.amount, self.working_days))


_WITHIN = re.compile(r"^\s*(\d+)\s*(wd|d|工作日|日|天)\s*$", re.IGNORECASE)


def parse_within(text: str) -> Within:
    """``"5wd"`` → five working days, ``"10d"`` → ten calendar days."""
    match = _WITHIN.match(text)
    if match is None:
        raise WithinError(
            f"无法理解期限范围 {text!r}：应为 5wd（工作日）或 10d（自然日）",
            f"cannot read the horizon {text!r}: write 5wd (working days) or 10d (calendar days)",
        )
    unit = match.group(2).lower()
    return Within(int(match.group(1)), working_days=unit in ("wd", "工作日"))
