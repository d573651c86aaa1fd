"""Schedules from the configuration, their slots (working days, DST) and the preview."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from enforcement_supervision.cli import main
from enforcement_supervision.config import Config
from enforcement_supervision.errors import ConfigurationError
from enforcement_supervision.schedule import (
    CatchUp,
    Schedule,
    UnknownScheduleError,
    UnknownWorkingDay,
    get_schedule,
    iter_slots,
    load_schedules,
    parse_duration,
    plan_slots,
    preview,
    schedule_calendar,
    slots_between,
)
from enforcement_supervision.statutory_time import default_calendar

from .conftest import SH, at, schedules_config

CALENDAR = default_calendar()


class TestConfiguration:
    def test_a_schedules_table_with_every_key(self) -> None:
        config = schedules_config(
            {
                "name": "working-mornings",
                "cron": "0 7 * * mon-fri",
                "timezone": "Asia/Urumqi",
                "working_days_only": True,
                "rules": ["PEN-*", "inaction, SUP-RECTIFY"],
                "catch_up": "ALL",
                "grace": "1h30m",
                "enabled": False,
                "mode": "full",
                "description": "早班检查",
            },
            {"name": "month-end", "cron": "30  17 28-31 * *"},
        )
        first, second = load_schedules(config)
        assert first.rules == ("PEN-*", "inaction", "SUP-RECTIFY")
        assert first.catch_up is CatchUp.ALL
        assert first.grace == timedelta(hours=1, minutes=30)
        assert (first.enabled, first.mode, first.working_days_only) == (False, "full", True)
        assert first.zone == ZoneInfo("Asia/Urumqi")
        # Defaults: Shanghai, all rules, latest, one hour, enabled, incremental.
        assert second.cron == "30 17 28-31 * *"
        assert (second.timezone, second.rules, second.catch_up) == ("Asia/Shanghai", (), "latest")
        assert (second.grace, second.enabled, second.mode) == (
            timedelta(hours=1),
            True,
            "incremental",
        )
        assert get_schedule(config, "month-end") == second

    @pytest.mark.parametrize(
        ("table", "message"),
        [
            ({"name": "x", "cron": "0 7 * *"}, "invalid cron expression"),
            ({"name": "x", "cron": "0 7 * * * *"}, "five fields"),
            ({"name": "x", "cron": "0 25 * * *"}, "invalid cron expression"),
            ({"name": "x", "cron": "0 7 * * *", "timezone": "Mars/Olympus"}, "unknown time zone"),
            ({"name": "x", "cron": "0 7 * * *", "catch_up": "twice"}, "skip, latest or all"),
            ({"name": "x", "cron": "0 7 * * *", "grace": "soon"}, "unreadable duration"),
            ({"name": "x", "cron": "0 7 * * *", "grace": -5}, "unreadable duration"),
            ({"name": "x", "cron": "0 7 * * *", "mode": "fast"}, "unknown check mode"),
            ({"name": "x", "cron": "0 7 * * *", "working_days_only": "yes"}, "true or false"),
            ({"name": "x", "cron": "0 7 * * *", "every": "day"}, "unknown key(s): every"),
            ({"name": "has space", "cron": "0 7 * * *"}, "invalid schedule name"),
            ({"cron": "0 7 * * *"}, "name is required"),
            ({"name": "x", "cron": "0 7 * * *", "rules": 5}, "must be a list of strings"),
        ],
    )
    def test_bad_tables_are_configuration_errors(
        self, table: dict[str, object], message: str
    ) -> None:
        with pytest.raises(ConfigurationError) as caught:
            load_schedules(schedules_config(table))
        assert message in caught.value.message("en")
        assert caught.value.message("zh")

    def test_duplicate_names_and_a_non_array_are_errors(self) -> None:
        twice = {"name": "a", "cron": "0 7 * * *"}
        with pytest.raises(ConfigurationError, match="used twice"):
            load_schedules(schedules_config(twice, twice))
        with pytest.raises(ConfigurationError, match=r"\[\[schedules\]\]"):
            load_schedules(Config(data={"schedules": {"name": "a"}}))
        with pytest.raises(UnknownScheduleError, match="known: a"):
            get_schedule(schedules_config(twice), "b")

    @pytest.mark.parametrize(
        ("text", "seconds"),
        [
            (0, 0),
            (90, 90),
            ("0", 0),
            ("90s", 90),
            ("15m", 900),
            ("2h", 7200),
            ("1d", 86400),
            ("1h30m", 5400),
            ("1h 30m", 5400),
            ("PT2H", 7200),
            ("P1DT30M", 88200),
        ],
    )
    def test_durations(self, text: object, seconds: int) -> None:
        assert parse_duration(text) == timedelta(seconds=seconds)


def _daily(**fields: object) -> Schedule:
    return Schedule(name="daily", cron=fields.pop("cron", "0 7 * * *"), **fields)  # type: ignore[arg-type]


class TestWorkingDays:
    def test_spring_festival_2026_no_slot_on_the_16th_a_slot_on_the_make_up_saturday(
        self,
    ) -> None:
        schedule = _daily(working_days_only=True)
        slots, dropped = slots_between(
            schedule, at("2026-02-12 08:00"), at("2026-02-28 23:59"), CALENDAR, limit=100
        )
        days = [slot.date().isoformat() for slot in slots]
        assert dropped == 0
        assert "2026-02-14" in days  # Saturday, a make-up working day
        assert "2026-02-16" not in days  # Monday inside the Spring Festival holiday
        assert days == ["2026-02-13", "2026-02-14", "2026-02-24", "2026-02-25", "2026-02-26",
                        "2026-02-27", "2026-02-28"]  # fmt: skip
        assert all(slot.hour == 7 and slot.tzinfo == SH for slot in slots)

    def test_weekday_field_and_calendar_both_apply(self) -> None:
        schedule = _daily(cron="0 7 * * mon-fri", working_days_only=True)
        slots, _ = slots_between(
            schedule, at("2026-02-12 08:00"), at("2026-02-28 23:59"), CALENDAR, limit=100
        )
        days = [slot.date().isoformat() for slot in slots]
        assert "2026-02-14" not in days  # mon-fri excludes the make-up Saturday
        assert days[:2] == ["2026-02-13", "2026-02-24"]

    def test_without_working_days_only_every_cron_match_is_a_slot(self) -> None:
        slots, _ = slots_between(
            _daily(), at("2026-02-14 08:00"), at("2026-02-17 08:00"), None, limit=100
        )
        assert [s.date().day for s in slots] == [15, 16, 17]

    def test_a_year_without_an_official_schedule_blocks_instead_of_guessing(self) -> None:
        schedule = _daily(working_days_only=True)
        with pytest.raises(UnknownWorkingDay) as caught:
            slots_between(
                schedule, at("2026-12-30 08:00"), at("2027-01-05 08:00"), CALENDAR, limit=100
            )
        assert caught.value.slot == at("2027-01-01 07:00")
        assert [s.date().isoformat() for s in caught.value.found] == ["2026-12-31"]

    def test_the_configured_calendar_and_plugin_years_are_used(self) -> None:
        config = Config(
            data={
                "calendar": {
                    "years": [
                        {
                            "year": 2027,
                            "source": {"title": "测试安排", "issued": "2026-11-01"},
                            "rest_days": ["2027-01-01..2027-01-03"],
                            "makeup_workdays": [],
                        }
                    ]
                }
            }
        )
        calendar = schedule_calendar(config)
        slots, _ = slots_between(
            _daily(working_days_only=True),
            at("2026-12-31 08:00"),
            at("2027-01-05 08:00"),
            calendar,
            limit=10,
        )
        assert [s.date().isoformat() for s in slots] == ["2027-01-04", "2027-01-05"]


class TestDaylightSavingPolicy:
    """Asia/Shanghai has no DST; the policy matters for other zones."""

    NEW_YORK = ZoneInfo("America/New_York")

    def _slots(self, cron: str, start: str, end: str) -> list[datetime]:
        schedule = Schedule(name="ny", cron=cron, timezone="America/New_York")
        first = datetime.fromisoformat(start).replace(tzinfo=self.NEW_YORK)
        last = datetime.fromisoformat(end).replace(tzinfo=self.NEW_YORK)
        return slots_between(schedule, first, last, None, limit=100)[0]

    def test_a_skipped_wall_time_is_shifted_forward_by_the_gap(self) -> None:
        # 2026-03-08: 02:00 EST → 03:00 EDT; 02:30 does not exist that night.
        slots = self._slots("30 2 * * *", "2026-03-07 00:00", "2026-03-09 23:00")
        assert [s.strftime("%m-%d %H:%M %Z") for s in slots] == [
            "03-07 02:30 EST",
            "03-08 03:30 EDT",
            "03-09 02:30 EDT",
        ]

    def test_a_repeated_wall_time_fires_once_at_its_first_occurrence(self) -> None:
        # 2026-11-01: 02:00 EDT → 01:00 EST; 01:30 happens twice.
        slots = self._slots("30 1 * * *", "2026-10-31 00:00", "2026-11-02 23:00")
        assert [s.astimezone(UTC).strftime("%m-%d %H:%M") for s in slots] == [
            "10-31 05:30",
            "11-01 05:30",  # 01:30 EDT, the first occurrence; not 06:30 UTC as well
            "11-02 06:30",
        ]

    def test_a_shifted_slot_equal_to_another_slot_is_one_slot(self) -> None:
        slots = self._slots("30 2,3 * * *", "2026-03-08 00:00", "2026-03-08 23:00")
        assert [s.strftime("%H:%M %Z") for s in slots] == ["03:30 EDT"]

    def test_iteration_is_strictly_increasing_across_the_repeated_hour(self) -> None:
        schedule = Schedule(name="ny", cron="*/20 * * * *", timezone="America/New_York")
        start = datetime(2026, 11, 1, 0, 50, tzinfo=self.NEW_YORK)
        slots = [s for _, s in zip(range(12), iter_slots(schedule, start, None), strict=False)]
        instants = [s.astimezone(UTC) for s in slots]
        assert instants == sorted(set(instants))


class TestCatchUpPlan:
    SLOTS = (at("2026-03-06 07:00"), at("2026-03-07 07:00"), at("2026-03-08 07:00"),
             at("2026-03-09 07:00"))  # fmt: skip

    def test_all_runs_every_slot(self) -> None:
        plan = plan_slots(CatchUp.ALL, self.SLOTS, at("2026-03-09 09:30"), timedelta(hours=1))
        assert [action for _, action in plan] == ["run"] * 4

    def test_latest_runs_the_newest_however_late(self) -> None:
        plan = plan_slots(CatchUp.LATEST, self.SLOTS, at("2026-03-09 09:30"), timedelta(hours=1))
        assert [action for _, action in plan] == ["missed", "missed", "missed", "run"]

    def test_skip_runs_nothing_late_and_the_newest_when_on_time(self) -> None:
        late = plan_slots(CatchUp.SKIP, self.SLOTS, at("2026-03-09 09:30"), timedelta(hours=1))
        assert [action for _, action in late] == ["missed"] * 4
        on_time = plan_slots(CatchUp.SKIP, self.SLOTS, at("2026-03-09 07:30"), timedelta(hours=1))
        assert [action for _, action in on_time] == ["missed", "missed", "missed", "run"]

    def test_slots_within_grace_that_are_not_run_are_coalesced(self) -> None:
        slots = [at("2026-03-09 07:00"), at("2026-03-09 07:10"), at("2026-03-09 07:20")]
        plan = plan_slots(CatchUp.SKIP, slots, at("2026-03-09 07:25"), timedelta(hours=1))
        assert [action for _, action in plan] == ["coalesced", "coalesced", "run"]


class TestPreview:
    CONFIG = """
[[schedules]]
name = "working-mornings"
cron = "0 7 * * *"
working_days_only = true

[[schedules]]
name = "month-end"
cron = "30 17 28-31 * *"
timezone = "Asia/Shanghai"
"""

    def _run(self, tmp_path: object, *args: str) -> tuple[int, str]:
        from pathlib import Path

        path = Path(str(tmp_path)) / "esup.toml"
        path.write_text(self.CONFIG, encoding="utf-8")
        result = CliRunner().invoke(main, ["--config", str(path), *args])
        return result.exit_code, result.output

    def test_next_slots_with_dates_weekdays_and_the_working_day_option(
        self, tmp_path: object
    ) -> None:
        code, output = self._run(
            tmp_path, "schedule", "preview", "working-mornings", "--next", "4", "--from",
            "2026-02-12T08:00",
        )  # fmt: skip
        assert code == 0, output
        assert output.splitlines() == [
            "working-mornings: 0 7 * * * (Asia/Shanghai，仅工作日)",
            "  2026-02-13 07:00  星期五，工作日",
            "  2026-02-14 07:00  星期六，调休上班日，春节",
            "  2026-02-24 07:00  星期二，工作日",
            "  2026-02-25 07:00  星期三，工作日",
        ]

    def test_explain_lists_the_days_left_out_in_english(self, tmp_path: object) -> None:
        code, output = self._run(
            tmp_path, "--lang", "en", "schedule", "preview", "working-mornings", "--next", "2",
            "--from", "2026-02-14T08:00", "--explain",
        )  # fmt: skip
        assert code == 0, output
        lines = output.splitlines()
        assert lines[1] == (
            "  ✗ 2026-02-15 07:00  Sunday, rest day, Spring Festival — not a working day, skipped"
        )
        assert lines[2].startswith("  ✗ 2026-02-16 07:00  Monday, rest day, Spring Festival")
        assert lines[-2:] == [
            "  2026-02-24 07:00  Tuesday, working day",
            "  2026-02-25 07:00  Wednesday, working day",
        ]

    def test_json_and_a_note_when_the_calendar_runs_out(self, tmp_path: object) -> None:
        import json

        code, output = self._run(
            tmp_path, "schedule", "preview", "working-mornings", "--next", "5", "--from",
            "2026-12-29", "--json",
        )  # fmt: skip
        assert code == 0, output
        data = json.loads(output)
        assert [slot["date"] for slot in data["slots"]] == [
            "2026-12-29",
            "2026-12-30",
            "2026-12-31",
        ]
        assert data["slots"][0]["weekday"] == "Tuesday"
        assert "2027" in data["note"]

    def test_an_unknown_name_is_a_usage_error(self, tmp_path: object) -> None:
        code, output = self._run(tmp_path, "--lang", "en", "schedule", "preview", "nope")
        assert code == 2
        assert "no schedule named 'nope'" in output

    def test_the_preview_function_honours_working_days(self) -> None:
        result = preview(_daily(working_days_only=True), at("2026-02-13 08:00"), 2, CALENDAR)
        assert [(s.at.date().isoformat(), s.kind) for s in result.slots] == [
            ("2026-02-14", "makeup_workday"),
            ("2026-02-24", "workday"),
        ]
