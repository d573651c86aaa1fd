"""``esup deadline`` and ``esup calendar`` through click's CliRunner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_supervision.cli import main


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    # An empty working directory, so no ./esup.toml from elsewhere is picked up.
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ESUP_CONFIG", raising=False)
    return CliRunner()


def test_working_days(run: CliRunner) -> None:
    result = run.invoke(main, ["deadline", "2025-09-22", "--working-days", "20"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "2025-10-24\n"


def test_rollover_explain_shows_the_sunday_and_the_rollover(run: CliRunner) -> None:
    result = run.invoke(main, ["deadline", "2024-09-09", "--days", "90", "--rollover", "--explain"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "2024-12-09"
    assert lines[1] == "2024-09-09 起算 90 日 → 2024-12-08（星期日，休息日）→ 顺延至 2024-12-09"


def test_without_rollover_and_in_english(run: CliRunner) -> None:
    result = run.invoke(
        main, ["--lang", "en", "deadline", "2024-09-09", "--days", "90", "--explain"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "2024-12-08",
        "2024-09-09: 90 days counted → 2024-12-08 (Sunday, rest day) → not rolled over "
        "(rollover would give 2024-12-09)",
    ]


def test_months_years_and_before(run: CliRunner) -> None:
    assert run.invoke(main, ["deadline", "2025-03-03", "--months", "6"]).stdout == "2025-09-03\n"
    assert run.invoke(main, ["deadline", "2024-02-29", "--years", "1"]).stdout == "2025-02-28\n"
    before = run.invoke(main, ["deadline", "2025-10-13", "--working-days", "7", "--before"])
    assert before.stdout == "2025-09-27\n"


def test_unknown_year_exits_non_zero_with_the_error(run: CliRunner) -> None:
    result = run.invoke(main, ["deadline", "2026-12-30", "--working-days", "3"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "2027" in result.stderr
    assert "没有 2027 年的官方节假日安排" in result.stderr


def test_provisional_result_is_marked(run: CliRunner) -> None:
    result = run.invoke(
        main, ["deadline", "2026-12-30", "--working-days", "3", "--provisional", "--explain"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "2027-01-05"
    assert "暂定" in result.stdout
    assert "暂定结果" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["deadline", "2025-09-22"],
        ["deadline", "2025-09-22", "--days", "3", "--working-days", "3"],
        ["deadline", "2025-09-22", "--months", "3", "--before"],
        ["deadline", "22/09/2025", "--days", "3"],
        ["deadline", "2025-09-22", "--days", "-1"],
    ],
)
def test_usage_errors(run: CliRunner, args: list[str]) -> None:
    result = run.invoke(main, args)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_calendar_2026_lists_rest_days_make_up_days_and_source(run: CliRunner) -> None:
    result = run.invoke(main, ["calendar", "2026"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "国务院办公厅关于2026年部分节假日安排的通知" in out
    assert "2025-11-04" in out
    assert "春节    2026-02-15 至 2026-02-23（9 天）" in out
    assert "国庆节  2026-10-01 至 2026-10-07（7 天）" in out
    for makeup in ("2026-01-04（星期日", "2026-02-14（星期六", "2026-02-28（星期六", "2026-10-10"):
        assert makeup in out
    assert "全年工作日：248 天" in out


def test_calendar_english_with_amendment(run: CliRunner) -> None:
    result = run.invoke(main, ["--lang", "en", "calendar", "2020"])
    assert result.exit_code == 0, result.output
    assert (
        "Amended by: 国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号"
        in result.stdout
    )
    assert re.search(
        r"^  Spring Festival +2020-01-24 to 2020-02-02 \(10 days\)$", result.stdout, re.M
    )
    assert "2020-02-01" not in result.stdout.split("Make-up working days:")[1]


def test_calendar_unknown_year(run: CliRunner) -> None:
    result = run.invoke(main, ["calendar", "2027"])
    assert result.exit_code == 2
    assert "2027" in result.stderr
    provisional = run.invoke(main, ["calendar", "2027", "--provisional"])
    assert provisional.exit_code == 0
    assert "2027 年暂定节假日（无官方安排）" in provisional.stdout
    assert "春节    2027-02-05 至 2027-02-08（4 天）" in provisional.stdout


def test_schedule_from_the_configuration_file(run: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "2027.toml").write_text(
        'year = 2027\nrest_days = ["2027-01-01..2027-01-04"]\n'
        '[source]\ntitle = "国务院办公厅关于2027年部分节假日安排的通知"\n',
        encoding="utf-8",
    )
    (tmp_path / "esup.toml").write_text('[calendar]\nschedule_files = ["2027.toml"]\n', "utf-8")
    result = run.invoke(main, ["deadline", "2026-12-30", "--working-days", "3"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "2027-01-06\n"
    assert run.invoke(main, ["calendar", "2027"]).exit_code == 0


def test_invalid_supplied_schedule_is_one_clear_error(run: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "2027.toml").write_text(
        'year = 2027\nrest_days = ["2027-01-01"]\nmakeup_workdays = ["2027-01-04"]\n'
        '[source]\ntitle = "x"\n',
        encoding="utf-8",
    )
    (tmp_path / "esup.toml").write_text('[calendar]\nschedule_files = ["2027.toml"]\n', "utf-8")
    result = run.invoke(main, ["--lang", "en", "deadline", "2025-01-02", "--days", "3"])
    assert result.exit_code == 2
    assert "2027-01-04" in result.stderr
    assert "Saturday or Sunday" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
