"""Schedule file format, loading and validation of supplied schedules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from enforcement_supervision.statutory_time import (
    HolidaySchedule,
    ScheduleError,
    ScheduleSource,
    load_schedule_file,
    schedules_from_mapping,
)

D = date

VALID_2027_TOML = """
year = 2027

[source]
title = "国务院办公厅关于2027年部分节假日安排的通知"
document_number = "国办发明电〔2026〕99号"
issued = 2026-11-05
url = "https://example.org/2027"

[[holidays]]
name = "元旦"
name_en = "New Year's Day"
rest = ["2027-01-01..2027-01-03"]

[[holidays]]
name = "春节"
rest = ["2027-02-05..2027-02-12"]
makeup = [2027-01-31, "2027-02-20"]
"""


def _mapping(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "year": 2027,
        "source": {"title": "国务院办公厅关于2027年部分节假日安排的通知", "issued": "2026-11-05"},
        "rest_days": ["2027-01-01..2027-01-03"],
        "makeup_workdays": [],
    }
    base.update(changes)
    return base


def test_load_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "2027.toml"
    path.write_text(VALID_2027_TOML, encoding="utf-8")
    [schedule] = load_schedule_file(path)
    assert schedule.year == 2027
    assert schedule.origin == str(path)
    assert schedule.source.document_number == "国办发明电〔2026〕99号"
    assert schedule.source.issued == D(2026, 11, 5)
    assert D(2027, 2, 12) in schedule.rest_days
    assert schedule.makeup_workdays == {D(2027, 1, 31), D(2027, 2, 20)}
    holiday = schedule.holiday_for(D(2027, 1, 31))
    assert holiday is not None
    assert holiday.name == "春节"
    assert schedule.source.citation() == (
        "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕99号，2026-11-05）"
    )


def test_load_json_file_with_several_years(tmp_path: Path) -> None:
    path = tmp_path / "schedules.json"
    second = _mapping(year=2028, rest_days=["2028-01-01"])
    second["source"] = {"title": "2028 notice"}
    path.write_text(json.dumps({"schedules": [_mapping(), second]}), encoding="utf-8")
    schedules = load_schedule_file(path)
    assert [s.year for s in schedules] == [2027, 2028]
    assert schedules[0].rest_days == {D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 3)}


def test_the_bundled_format_round_trips_through_json(tmp_path: Path) -> None:
    toml_path = tmp_path / "2027.toml"
    toml_path.write_text(VALID_2027_TOML, encoding="utf-8")
    [from_toml] = load_schedule_file(toml_path)
    as_json = {
        "year": 2027,
        "source": {
            "title": from_toml.source.title,
            "document_number": from_toml.source.document_number,
            "issued": "2026-11-05",
            "url": from_toml.source.url,
        },
        "holidays": [
            {"name": "元旦", "name_en": "New Year's Day", "rest": ["2027-01-01..2027-01-03"]},
            {
                "name": "春节",
                "rest": ["2027-02-05..2027-02-12"],
                "makeup": ["2027-01-31", "2027-02-20"],
            },
        ],
    }
    [from_json] = schedules_from_mapping(as_json)
    assert from_json == from_toml


@pytest.mark.parametrize(
    ("changes", "day", "fragment"),
    [
        ({"makeup_workdays": ["2027-01-04"]}, D(2027, 1, 4), "Saturday or Sunday"),
        ({"makeup_workdays": ["2027-01-02"]}, D(2027, 1, 2), "both as a rest day"),
        ({"rest_days": ["2027-01-01", "2028-02-01"]}, D(2028, 2, 1), "outside 2027"),
        ({"rest_days": ["2027-01-01", "2025-12-31"]}, D(2025, 12, 31), "outside 2027"),
        ({"rest_days": ["2027-02-10..2027-02-01"]}, D(2027, 2, 10), "ends before it starts"),
        ({"rest_days": ["2027-01-01..2027-03-01"]}, D(2027, 1, 1), "longer than 31 days"),
    ],
)
def test_invalid_days_name_year_day_and_reason(
    changes: dict[str, Any], day: D, fragment: str
) -> None:
    with pytest.raises(ScheduleError) as caught:
        schedules_from_mapping(_mapping(**changes), origin="my-2027.json")
    error = caught.value
    assert error.year == 2027
    assert error.day == day
    assert fragment in error.message_en
    assert "2027" in error.message_zh
    assert day.isoformat() in error.message_zh
    assert "my-2027.json" in str(error)


def test_adjacent_december_and_january_are_allowed() -> None:
    [schedule] = schedules_from_mapping(
        _mapping(rest_days=["2026-12-31..2027-01-02"], makeup_workdays=["2026-12-26"])
    )
    assert D(2026, 12, 31) in schedule.rest_days
    assert D(2026, 12, 26) in schedule.makeup_workdays


@pytest.mark.parametrize(
    ("mapping", "fragment"),
    [
        ({**_mapping(), "makeup_days": []}, "unknown key(s) in schedule: makeup_days"),
        ({k: v for k, v in _mapping().items() if k != "year"}, "year"),
        (_mapping(year="2027"), "year"),
        (_mapping(year=1800), "1949 to 2200"),
        ({k: v for k, v in _mapping().items() if k != "source"}, "source notice is missing"),
        (_mapping(source={"title": " "}), "no title"),
        (_mapping(source={"title": "x", "issued": "5 Nov 2026"}), "not a YYYY-MM-DD date"),
        (_mapping(source={"title": "x", "publisher": "国务院"}), "unknown key(s) in source"),
        (_mapping(rest_days=[]), "no rest days"),
        (_mapping(rest_days="2027-01-01"), "must be a list of dates"),
        (_mapping(rest_days=["2027-1-1"]), "not a YYYY-MM-DD date"),
        (_mapping(rest_days=["2027-02-30"]), "not a YYYY-MM-DD date"),
        (_mapping(holidays=[{"rest": ["2027-01-01"]}]), "has no name"),
        (_mapping(holidays=[{"name": "元旦", "days": []}]), "unknown key(s) in holidays[0]"),
    ],
)
def test_invalid_structure_is_reported_clearly(mapping: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        schedules_from_mapping(mapping)
    assert fragment in caught.value.message_en


def test_toml_datetimes_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "2027.toml"
    path.write_text(VALID_2027_TOML.replace("[2027-01-31,", "[2027-01-31T09:00:00,"), "utf-8")
    with pytest.raises(ScheduleError, match="has a time"):
        load_schedule_file(path)


def test_keys_after_a_table_header_get_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "2027.toml"
    path.write_text(
        'year = 2027\n[source]\ntitle = "x"\nrest_days = ["2027-01-01"]\n', encoding="utf-8"
    )
    with pytest.raises(ScheduleError) as caught:
        load_schedule_file(path)
    assert "unknown key(s) in source: rest_days" in caught.value.message_en
    assert "move them above [source]" in caught.value.message_en


def test_two_schedules_for_one_year_in_one_document() -> None:
    with pytest.raises(ScheduleError) as caught:
        schedules_from_mapping({"schedules": [_mapping(), _mapping()]})
    assert caught.value.year == 2027


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("2027.yaml", "year: 2027", ".toml or .json"),
        ("2027.toml", "year = ", "not valid TOML"),
        ("2027.json", "{", "not valid JSON"),
        ("2027.json", "[1, 2]", "top level"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: str, fragment: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ScheduleError) as caught:
        load_schedule_file(path)
    assert fragment in caught.value.message_en
    assert str(path) in caught.value.message_en


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="cannot read"):
        load_schedule_file(tmp_path / "absent.toml")


def test_schedules_built_in_code_are_validated_too() -> None:
    with pytest.raises(ScheduleError, match="Saturday or Sunday"):
        HolidaySchedule(
            year=2027,
            rest_days=frozenset({D(2027, 1, 1)}),
            makeup_workdays=frozenset({D(2027, 1, 4)}),
            source=ScheduleSource(title="plugin"),
            origin="plugin",
        )


def test_from_toml_for_plugins(tmp_path: Path) -> None:
    path = tmp_path / "2027.toml"
    path.write_text(VALID_2027_TOML, encoding="utf-8")
    schedule = HolidaySchedule.from_toml(path)
    assert schedule.year == 2027
    assert HolidaySchedule.from_toml(str(path)) == schedule
    several = tmp_path / "several.toml"
    several.write_text(
        '[[schedules]]\nyear = 2027\nrest_days = ["2027-01-01"]\nsource = { title = "a" }\n'
        '[[schedules]]\nyear = 2028\nrest_days = ["2028-01-01"]\nsource = { title = "b" }\n',
        encoding="utf-8",
    )
    with pytest.raises(ScheduleError, match="exactly one"):
        HolidaySchedule.from_toml(several)
    assert [s.year for s in load_schedule_file(several)] == [2027, 2028]
