"""Day-by-day cross-check of every bundled year against `holidays` and `chinese_calendar`.

Both packages are test-only dependencies; the library never imports them. A disagreement at
the working-day level must be listed in KNOWN_DISAGREEMENTS with the official source that
settles it (and in docs/guide/statutory-time.md). For 2015–2026 there is none: both packages
agree with the bundled notices on every day. The differences that do exist are for years
without a notice, tested at the bottom.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from enforcement_supervision.statutory_time import (
    StatutoryCalendar,
    bundled_schedules,
    provisional_schedule,
    provisional_years,
)

holidays = pytest.importorskip("holidays")
chinese_calendar = pytest.importorskip("chinese_calendar")

#: day -> (working day under the official notice, the notice that settles it)
KNOWN_DISAGREEMENTS: dict[date, tuple[bool, str]] = {}

BUNDLED_YEARS = [schedule.year for schedule in bundled_schedules()]


def _days(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


def _holidays_workdays(years: range) -> tuple[set[date], set[date]]:
    """Rest days and make-up working days according to the `holidays` package."""
    table = holidays.China(years=years, language="en_US")
    makeup: set[date] = set()
    for name in table.values():
        # "Day off (substituted from 01/26/2025)": the date in brackets is a make-up day.
        for found in re.findall(r"\d{2}/\d{2}/\d{4}", name):
            makeup.add(datetime.strptime(found, "%m/%d/%Y").date())
    return set(table), makeup


@pytest.mark.parametrize("year", BUNDLED_YEARS)
def test_bundled_year_matches_holidays_package(cal: StatutoryCalendar, year: int) -> None:
    rest, makeup = _holidays_workdays(range(year - 1, year + 2))
    mismatches = {}
    for day in _days(year):
        theirs = day in makeup or (day.weekday() < 5 and day not in rest)
        if cal.is_workday(day) != theirs:
            mismatches[day] = cal.is_workday(day)
    expected = {d: ok for d, (ok, _) in KNOWN_DISAGREEMENTS.items() if d.year == year}
    assert mismatches == expected


@pytest.mark.parametrize("year", BUNDLED_YEARS)
def test_bundled_year_matches_chinese_calendar(cal: StatutoryCalendar, year: int) -> None:
    mismatches = {
        day: cal.is_workday(day)
        for day in _days(year)
        if cal.is_workday(day) != chinese_calendar.is_workday(day)
    }
    expected = {d: ok for d, (ok, _) in KNOWN_DISAGREEMENTS.items() if d.year == year}
    assert mismatches == expected


def test_chinese_calendar_has_no_2027() -> None:
    # Confirms that 2027 really has no published schedule in the reference data either.
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(2027, 1, 4))


def test_holidays_package_guesses_2027_where_provisional_mode_does_not(
    pcal: StatutoryCalendar,
) -> None:
    """`holidays` invents 补假 (observed) days for 2027; provisional mode does not guess.

    These are the documented disagreements for a year with no notice: `holidays` says rest,
    provisional mode says working day, and strict mode refuses to answer at all.
    """
    table = holidays.China(years=2027, language="en_US")
    guessed = sorted(day for day, name in table.items() if "observed" in name)
    assert guessed == [
        date(2027, 2, 9),
        date(2027, 2, 10),
        date(2027, 5, 3),
        date(2027, 5, 4),
        date(2027, 10, 4),
        date(2027, 10, 5),
    ]
    for day in guessed:
        assert pcal.is_workday(day)
    statutory = {day for day, name in table.items() if "observed" not in name}
    assert statutory == set(provisional_schedule(2027).rest_days)


@pytest.mark.parametrize("year", provisional_years())
def test_provisional_table_matches_the_reference_packages(year: int) -> None:
    table = holidays.China(years=year, language="en_US")
    by_name: dict[str, set[date]] = {}
    for day, names in table.items():
        for name in names.split("; "):
            by_name.setdefault(name, set()).add(day)
    schedule = provisional_schedule(year)
    named = {holiday.name: holiday.rest_days for holiday in schedule.holidays}
    assert min(named["春节"]) in by_name["Chinese New Year's Eve"]
    assert named["清明节"] <= by_name["Tomb-Sweeping Day"]
    assert named["端午节"] <= by_name["Dragon Boat Festival"]
    assert named["中秋节"] <= by_name["Mid-Autumn Festival"]
    qingming = [
        day
        for day, term in chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
        if "清明" in str(term)
    ]
    assert set(qingming) == named["清明节"]
