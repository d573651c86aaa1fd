"""calendar_from_config, plugin schedules and the November warning."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from enforcement_supervision.errors import ConfigurationError
from enforcement_supervision.statutory_time import (
    HolidaySchedule,
    ScheduleError,
    ScheduleSource,
    StatutoryCalendar,
    calendar_from_config,
    default_calendar,
    is_provisional,
    missing_next_year_warning,
)

D = date

FILE_2027 = """
year = 2027
[source]
title = "国务院办公厅关于2027年部分节假日安排的通知"
issued = 2026-11-05
[[holidays]]
name = "元旦"
rest = ["2027-01-01..2027-01-04"]
"""


def _inline(year: int, title: str, rest: list[str]) -> dict[str, Any]:
    return {"year": year, "source": {"title": title}, "rest_days": rest}


def test_empty_table_gives_the_bundled_strict_calendar(tmp_path: Path) -> None:
    calendar = calendar_from_config({}, base_dir=tmp_path)
    assert calendar.years == default_calendar().years
    assert not calendar.provisional


def test_schedule_files_are_resolved_against_base_dir(tmp_path: Path) -> None:
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "2027.toml").write_text(FILE_2027, encoding="utf-8")
    calendar = calendar_from_config({"schedule_files": ["calendar/2027.toml"]}, base_dir=tmp_path)
    assert 2027 in calendar.years
    assert calendar.add_working_days(D(2026, 12, 30), 3) == D(2027, 1, 6)
    assert calendar.schedule(2027).origin == str(tmp_path / "calendar" / "2027.toml")


def test_inline_years_and_replacement_of_a_bundled_year(tmp_path: Path) -> None:
    table = {"years": [_inline(2026, "local correction", ["2026-01-01"])]}
    calendar = calendar_from_config(table, base_dir=tmp_path)
    assert calendar.schedule(2026).source.title == "local correction"
    assert calendar.is_workday(D(2026, 2, 20))


def test_configuration_wins_over_plugins(tmp_path: Path) -> None:
    plugin = HolidaySchedule(
        year=2027,
        rest_days=frozenset({D(2027, 1, 1)}),
        makeup_workdays=frozenset(),
        source=ScheduleSource(title="from a plugin"),
        origin="plugin",
    )
    only_plugin = calendar_from_config({}, base_dir=tmp_path, plugin_schedules=[plugin])
    assert only_plugin.schedule(2027).source.title == "from a plugin"
    as_mapping = calendar_from_config(
        {}, base_dir=tmp_path, plugin_schedules=[_inline(2027, "mapping plugin", ["2027-01-01"])]
    )
    assert as_mapping.schedule(2027).source.title == "mapping plugin"
    both = calendar_from_config(
        {"years": [_inline(2027, "from config", ["2027-01-01"])]},
        base_dir=tmp_path,
        plugin_schedules=[plugin],
    )
    assert both.schedule(2027).source.title == "from config"


def test_two_configured_schedules_for_one_year_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "2027.toml").write_text(FILE_2027, encoding="utf-8")
    table = {
        "schedule_files": ["2027.toml"],
        "years": [_inline(2027, "inline", ["2027-01-01"])],
    }
    with pytest.raises(ScheduleError) as caught:
        calendar_from_config(table, base_dir=tmp_path)
    assert caught.value.year == 2027


def test_provisional_from_table_or_argument(tmp_path: Path) -> None:
    assert calendar_from_config({"provisional": True}, base_dir=tmp_path).provisional
    calendar = calendar_from_config({}, base_dir=tmp_path, provisional=True)
    assert is_provisional(calendar.add_working_days(D(2026, 12, 30), 3))


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ({"files": []}, "unknown key(s) in [calendar]: files"),
        ({"schedule_files": "2027.toml"}, "schedule_files must be a list"),
        ({"years": {"year": 2027}}, "years must be an array of tables"),
        ({"provisional": "yes"}, "provisional must be true or false"),
    ],
)
def test_bad_tables(tmp_path: Path, table: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        calendar_from_config(table, base_dir=tmp_path)
    assert fragment in caught.value.message_en


def test_missing_file_is_a_schedule_error(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="cannot read"):
        calendar_from_config({"schedule_files": ["absent.toml"]}, base_dir=tmp_path)


def test_invalid_plugin_result(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="invalid type"):
        calendar_from_config({}, base_dir=tmp_path, plugin_schedules=[42])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("today", "warns"),
    [
        (D(2026, 10, 31), False),
        (D(2026, 11, 1), True),
        (D(2026, 12, 31), True),
        (D(2025, 11, 20), False),  # 2026 is bundled
        (datetime(2026, 10, 31, 16, 30, tzinfo=UTC), True),  # already 11-01 in Shanghai
    ],
)
def test_missing_next_year_warning(
    cal: StatutoryCalendar, today: date | datetime, warns: bool
) -> None:
    text = missing_next_year_warning(cal, today)
    assert (text is not None) is warns
    if text is not None:
        assert "2027" in text
        english = missing_next_year_warning(cal, today, lang="en")
        assert english is not None
        assert "2027 holiday schedule is not loaded" in english


def test_no_warning_once_next_year_is_supplied(tmp_path: Path) -> None:
    (tmp_path / "2027.toml").write_text(FILE_2027, encoding="utf-8")
    calendar = calendar_from_config({"schedule_files": ["2027.toml"]}, base_dir=tmp_path)
    assert missing_next_year_warning(calendar, D(2026, 11, 20)) is None


def test_first_plugin_schedule_for_a_year_wins(tmp_path: Path) -> None:
    calendar = calendar_from_config(
        {},
        base_dir=tmp_path,
        plugin_schedules=[
            _inline(2027, "first plugin", ["2027-01-01"]),
            _inline(2027, "second plugin", ["2027-01-01", "2027-01-04"]),
        ],
    )
    assert calendar.schedule(2027).source.title == "first plugin"
    assert calendar.is_workday(D(2027, 1, 4))
