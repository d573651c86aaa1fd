"""``esup schedule list|run-due|history`` in this process (click's test runner), with the
test rules found through a fake distribution's entry point."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_supervision.cli import main
from enforcement_supervision.store import Store

from . import sched_rules
from .conftest import write_config

#: ``esup(*args, config=...)`` → (exit status, output).
Esup = Callable[..., tuple[int, str]]

CONFIG = """
[[schedules]]
name = "daily"
cron = "0 7 * * *"
rules = ["T-SCHED-SUMMARY"]
catch_up = "latest"

[[schedules]]
name = "broken"
cron = "0 7 * * *"
rules = ["NO-SUCH-RULE"]
enabled = false
"""


@pytest.fixture
def esup(tmp_path: Path, plugin_site: Path, monkeypatch: pytest.MonkeyPatch, db_url: str) -> Esup:
    monkeypatch.syspath_prepend(str(plugin_site))
    importlib.invalidate_caches()
    monkeypatch.delenv("ESUP_DB", raising=False)
    monkeypatch.delenv("ESUP_CONFIG", raising=False)
    db = db_url
    with Store.open(db) as store:
        store.put_records(sched_rules.seed_leads())

    def run(*args: str, config: str = CONFIG) -> tuple[int, str]:
        path = write_config(tmp_path / "esup.toml", config)
        result = CliRunner().invoke(main, ["--config", str(path), "--db", str(db), *args])
        # Logs go to stderr; the error line of a usage error too.
        return result.exit_code, result.stdout if result.exit_code == 0 else result.output

    return run


def test_list_shows_the_schedules_their_next_and_last_slot(esup: Esup) -> None:
    code, output = esup("--lang", "en", "schedule", "list", "--as-of", "2026-03-05T06:00")
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0] == "daily  0 7 * * *  Asia/Shanghai  catch_up=latest  grace=1h  incremental"
    assert lines[1] == "  rules: T-SCHED-SUMMARY"
    assert lines[2] == "  next: 2026-03-05 07:00 Thu"
    assert lines[3].startswith("broken  0 7 * * *")
    assert lines[3].endswith("disabled")
    esup("schedule", "run-due", "--as-of", "2026-03-05T07:05")
    code, output = esup("schedule", "list", "--as-of", "2026-03-05T08:00", "--json")
    daily, broken = json.loads(output)
    assert daily["next_slot"] == "2026-03-06T07:00:00+08:00"
    assert (daily["last"]["outcome"], daily["last"]["opened"]) == ("ok", 6)
    assert broken["enabled"] is False
    assert broken["next_slot"] is None


def test_run_due_prints_each_slot_then_nothing_and_history_records_it(esup: Esup) -> None:
    code, output = esup("schedule", "run-due", "--as-of", "2026-03-05T07:05")
    assert code == 0, output
    [line] = output.splitlines()
    assert line.startswith("daily  2026-03-05 07:00 星期四  完成  +6 -0 ↺0  错误 0  ")
    code, output = esup("--lang", "en", "schedule", "run-due", "--as-of", "2026-03-05T07:30")
    assert (code, output) == (0, "nothing was due\n")
    code, output = esup("schedule", "run-due", "--as-of", "2026-03-08T09:00", "--json")
    assert code == 0
    assert [(i["slot"], i["outcome"]) for i in json.loads(output)] == [
        ("2026-03-06T07:00:00+08:00", "missed"),
        ("2026-03-07T07:00:00+08:00", "missed"),
        ("2026-03-08T07:00:00+08:00", "ok"),
    ]
    code, output = esup("--lang", "en", "schedule", "history", "daily", "--limit", "2")
    assert code == 0
    first, second = output.splitlines()
    assert first.startswith("daily  2026-03-08 07:00 Sun  ok  late  +0 -0 ↺0  errors 0  ")
    assert second == "daily  2026-03-07 07:00 Sat  missed"
    code, output = esup("schedule", "history", "--json")
    records = json.loads(output)
    assert [r["outcome"] for r in records] == ["ok", "missed", "missed", "ok"]
    assert records[-1]["run_key"] == "daily@2026-03-04T23:00:00Z"
    assert records[-1]["run_id"]
    assert records[-1]["opened"] == 6


def test_a_failing_slot_exits_with_status_3_and_an_unknown_name_with_2(esup: Esup) -> None:
    enabled = CONFIG.replace("enabled = false", "enabled = true")
    code, output = esup(
        "--lang", "en", "schedule", "run-due", "--as-of", "2026-03-05T07:05", config=enabled
    )
    assert code == 3
    assert "broken  2026-03-05 07:00 Thu  failed" in output
    assert "EngineUsageError" in output
    code, output = esup("--lang", "en", "schedule", "run-due", "--schedule", "nope")
    assert code == 2
    assert "no such schedule(s) in the configuration: nope" in output


def test_no_schedules_declared(esup: Esup) -> None:
    code, output = esup("--lang", "en", "schedule", "list", config="")
    assert (code, output) == (0, "no schedules declared ([[schedules]] in the configuration)\n")
    code, output = esup("--lang", "en", "schedule", "run-due", config="")
    assert (code, output) == (0, "nothing was due\n")
