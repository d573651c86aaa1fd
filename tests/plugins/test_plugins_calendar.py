"""A plugin can supply next year's official schedule before a release ships it."""

from __future__ import annotations

from click.testing import CliRunner

from enforcement_supervision.cli import main

from .conftest import MakeDist

SCHEDULE_PLUGIN = """
from datetime import date
from enforcement_supervision.rules import hookimpl
from enforcement_supervision.statutory_time import HolidaySchedule, ScheduleSource

@hookimpl
def esup_holiday_schedules():
    # A made-up 2027 notice for the test: New Year's Day block 2027-01-01..03.
    return [
        HolidaySchedule(
            year=2027,
            rest_days=frozenset({date(2027, 1, 1)}),
            makeup_workdays=frozenset(),
            source=ScheduleSource(title="test notice for 2027", issued=date(2026, 11, 20)),
        )
    ]
"""


def test_without_the_plugin_2027_is_unknown() -> None:
    result = CliRunner().invoke(main, ["deadline", "2026-12-30", "--working-days", "3"])
    assert result.exit_code == 2
    assert "2027" in result.stderr


def test_a_plugin_schedule_is_used_by_esup_deadline(fake_dist: MakeDist) -> None:
    fake_dist("esup-fake-calendar", {"fake_calendar": SCHEDULE_PLUGIN}, {"cal": "fake_calendar"})
    result = CliRunner().invoke(main, ["deadline", "2026-12-30", "--working-days", "3"])
    assert result.exit_code == 0, result.output
    # 12-31 (1), 2027-01-01 rest, 01-02/03 weekend, 01-04 (2), 01-05 (3)
    assert result.stdout.strip() == "2027-01-05"
