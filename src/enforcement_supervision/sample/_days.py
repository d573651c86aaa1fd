"""Date arithmetic for the generator, on the official calendar.

Every deadline the generator keeps (or breaks on purpose) is computed here through
:mod:`enforcement_supervision.statutory_time`, never by weekday arithmetic, so that the
sample's clean records are clean under the same calendar the rules use.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random

from enforcement_supervision.statutory_time import SHANGHAI, StatutoryCalendar

__all__ = ["Days"]


class Days:
    """Working-day helpers for one sample year.

    ``calendar`` must have an official schedule for ``year``; dates after the year may be
    provisional (they are only used to decide what is still pending at year end).
    """

    def __init__(self, calendar: StatutoryCalendar, year: int) -> None:
        self.calendar = calendar
        self.year = year
        self.first = dt.date(year, 1, 1)
        self.last = dt.date(year, 12, 31)
        day = self.first
        workdays: list[dt.date] = []
        while day <= self.last:
            if calendar.is_workday(day):
                workdays.append(day)
            day += dt.timedelta(days=1)
        self.workdays = tuple(workdays)

    # --- counting (start day not counted, docs/catalog/counting.md#functions)
    # ----------------------------------

    def add_wd(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day``."""
        return _plain(self.calendar.add_working_days(day, n))

    def sub_wd(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day before ``day``."""
        return _plain(self.calendar.sub_working_days(day, n))

    def roll(self, day: dt.date) -> dt.date:
        """The first working day on or after ``day``."""
        return _plain(self.calendar.roll_forward(day))

    def roll_back(self, day: dt.date) -> dt.date:
        """The last working day on or before ``day``."""
        return day if self.is_workday(day) else self.sub_wd(day, 1)

    def add_cd_r(self, day: dt.date, n: int) -> dt.date:
        """``day`` + n calendar days, rolled to a working day (code CD+R)."""
        return self.roll(day + dt.timedelta(days=n))

    def add_months(self, day: dt.date, months: int) -> dt.date:
        """The corresponding day ``months`` later (民法典 Art. 202)."""
        return _plain(self.calendar.add_months(day, months))

    def is_workday(self, day: dt.date) -> bool:
        """True on working days, including make-up working days."""
        return self.calendar.is_workday(day)

    def wd_between(self, start: dt.date, end: dt.date) -> int:
        """Working days x with ``start < x <= end``."""
        return self.calendar.working_days_between(start, end)

    # --- drawing --------------------------------------------------------------------------

    def pick(self, rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
        """A random working day of the year in ``first..last`` (inclusive)."""
        lo = bisect.bisect_left(self.workdays, first)
        hi = bisect.bisect_right(self.workdays, last)
        if lo >= hi:
            raise ValueError(f"no working day between {first} and {last}")
        return self.workdays[rng.randrange(lo, hi)]

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        """``day`` at ``hour:minute`` Asia/Shanghai (aware)."""
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)

    def md(self, month: int, day: int) -> dt.date:
        """The date ``month``-``day`` in the sample year."""
        return dt.date(self.year, month, day)


def _plain(day: dt.date) -> dt.date:
    # The calendar marks provisional dates with a date subclass; records hold plain dates.
    return dt.date(day.year, day.month, day.day)
