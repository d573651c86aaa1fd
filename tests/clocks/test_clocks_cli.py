"""``esup clocks list|show`` on the sample township checked day by day up to 2025-10-20."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from enforcement_supervision.cli import main

from .conftest import LATE_CASE, LICENCE

D = dt.date


def esup(database: Path, township_dir: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main,
        ["--config", str(township_dir / "esup.toml"), "--db", str(database), *args],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_list_yellow_json_lists_exactly_the_expected_clocks(
    database: Path, township_dir: Path
) -> None:
    data = json.loads(
        esup(
            database,
            township_dir,
            "clocks",
            "list",
            "--light",
            "yellow",
            "--as-of",
            "2025-10-20",
            "--json",
        )
    )
    assert [(c["subject_id"], c["rule_id"], c["due_date"], c["left"]) for c in data["clocks"]] == [
        (LATE_CASE, "PEN-DECISION-90D", "2025-10-22", 2),
        (LICENCE, "LIC-DECISION-20WD", "2025-10-24", 4),
    ]
    assert {c["light"] for c in data["clocks"]} == {"yellow"}
    licence = data["clocks"][1]
    assert licence["started_by"] == "受理"
    assert licence["unit"] == "WD"
    assert "2025-10-20 起黄灯：剩余 4 个工作日" in licence["lights_zh"]


def test_within_agency_and_rule_filters(database: Path, township_dir: Path) -> None:
    def ids(*args: str) -> list[str]:
        out = esup(
            database, township_dir, "clocks", "list", "--as-of", "2025-10-20", "--json", *args
        )
        return [c["subject_id"] for c in json.loads(out)["clocks"]]

    # Two working days from Monday 10-20 reach Wednesday 10-22; two calendar days too.
    assert ids("--within", "2wd") == [LATE_CASE]
    assert ids("--within", "4d") == [LATE_CASE, LICENCE]
    assert ids("--rule", "LIC-DECISION-20WD", "--light", "yellow") == [LICENCE]
    assert LICENCE not in ids("--agency", "AG-QHZ")


def test_text_list_and_show_are_in_chinese(database: Path, township_dir: Path) -> None:
    out = esup(
        database, township_dir, "clocks", "list", "--light", "yellow", "--as-of", "2025-10-20"
    )
    lines = out.strip().splitlines()
    assert len(lines) == 2
    fields = lines[1].split("\t")
    assert fields[1:4] == ["黄灯", "2025-10-24", "剩余 4 个工作日"]
    assert fields[5] == f"licence-application/{LICENCE}"
    clock_id = lines[1].split("\t")[0]
    shown = esup(database, township_dir, "clocks", "show", clock_id, "--as-of", "2025-10-20")
    assert "受理: 2025-09-22" in shown
    assert "2025-10-25 起红灯：已超过期限 2025-10-24" in shown
    data = json.loads(
        esup(
            database,
            township_dir,
            "clocks",
            "show",
            clock_id[:8],
            "--as-of",
            "2025-10-25",
            "--json",
        )
    )
    assert (data["light"], data["left"]) == ("red", -1)


def test_unknown_clock_is_one_line_and_status_2(database: Path, township_dir: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "--config",
            str(township_dir / "esup.toml"),
            "--db",
            str(database),
            "clocks",
            "show",
            "ffffffffffff",
        ],
    )
    assert result.exit_code == 2
    assert "没有编号为 ffffffffffff 的期限时钟" in result.output


def test_the_default_day_is_the_latest_check(database: Path, township_dir: Path) -> None:
    # The store was last checked as of 2025-10-20: the same two yellow clocks.
    data = json.loads(esup(database, township_dir, "clocks", "list", "--light", "yellow", "--json"))
    assert data["as_of"] == "2025-10-20"
    assert [c["subject_id"] for c in data["clocks"]] == [LATE_CASE, LICENCE]
