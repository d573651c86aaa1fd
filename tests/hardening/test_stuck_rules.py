"""A timeout holds whatever the rule does (issue 19 item 9): a rule with a bare ``except:``
that never returns. Real ``esup`` processes on SQLite, PostgreSQL and MariaDB.

* With ``[engine] isolate`` the call's process is killed: the check finishes, the stuck
  call is the rule's ``timeout`` error on that subject, every other finding is stored.
* Without it, the stuck check stops renewing its check lock: once ``lock_lease`` has
  passed, another check takes over and marks it ``abandoned``; inside ``schedule
  run-due`` the schedule's leases lapse with it and another process runs the slot.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from enforcement_supervision.schedule import history
from enforcement_supervision.store import Store, query_findings
from enforcement_supervision.store._internal import runs
from tests.schedule.conftest import child_env, spawn_esup, wait_for

from .conftest import write_config

pytestmark = pytest.mark.slow

CHECK = ["check", "--as-of", "2026-03-01", "--fail-on", "none", "--format", "json"]
STUCK = "L-0004"  # mentions 违法: a finding a finished evaluation would have made


def _finish(child: subprocess.Popen[str], timeout: float = 240) -> tuple[str, str]:
    try:
        return child.communicate(timeout=timeout)
    finally:
        child.kill()


def _runs(url: str) -> list[tuple[str, str]]:
    with Store.open(url) as store, store.engine.connect() as connection:
        rows = connection.execute(select(runs.c.run_id, runs.c.outcome).order_by(runs.c.started_at))
        return [(row.run_id, row.outcome) for row in rows]


def test_isolated_evaluation_kills_the_stuck_call(
    seeded: str, plugin_site: Path, tmp_path: Path
) -> None:
    config = write_config(tmp_path / "esup.toml", "[engine]\nisolate = true\nrule_timeout = 0.5\n")
    child = spawn_esup(CHECK, child_env(plugin_site, config, seeded, ESUP_TEST_HANG=STUCK))
    out, err = _finish(child)
    assert child.returncode == 3, err  # a rule error; the check itself worked
    result = json.loads(out)
    assert result["outcome"] == "errors"
    (error,) = result["errors"]
    assert (error["kind"], error["rule_id"], error["error_type"]) == (
        "timeout",
        "T-H-SUMMARY",
        "RuleTimeout",
    )
    assert error["subjects"] == [f"lead/{STUCK}"]
    with Store.open(seeded) as store:
        summary = {
            item.finding.subject.record_id
            for item in query_findings(store)
            if item.finding.rule_id == "T-H-SUMMARY"
        }
    # Every other lead mentioning 违法 was flagged; the stuck one could not be decided.
    assert summary == {f"L-{index:04d}" for index in range(0, 60, 2)} - {STUCK}
    assert _runs(seeded)[-1][1] == "errors"


def test_a_stuck_check_loses_its_lock_to_the_next_one(
    seeded: str, plugin_site: Path, tmp_path: Path
) -> None:
    config = write_config(tmp_path / "esup.toml", "[engine]\nrule_timeout = 0.5\nlock_lease = 2\n")
    stuck = spawn_esup(CHECK, child_env(plugin_site, config, seeded, ESUP_TEST_HANG=STUCK))
    try:
        wait_for(lambda: bool(_runs(seeded)), what="the stuck check to start")
        second = spawn_esup([*CHECK, "--wait", "120"], child_env(plugin_site, config, seeded))
        _, err = _finish(second)
        assert second.returncode == 0, err
        assert stuck.poll() is None  # still stuck: the lease did not wait for it
    finally:
        stuck.kill()
        stuck.communicate()
    assert [outcome for _, outcome in _runs(seeded)] == ["abandoned", "ok"]


SCHEDULE = """
[[schedules]]
name = "daily"
cron = "0 7 * * *"
grace = "1h"
"""


def test_a_stuck_scheduled_check_lets_its_leases_lapse(
    seeded: str, plugin_site: Path, tmp_path: Path
) -> None:
    config = write_config(
        tmp_path / "esup.toml",
        "[engine]\nrule_timeout = 0.5\nlock_lease = 2\n" + SCHEDULE,
    )
    args = ["schedule", "run-due", "--as-of", "2026-03-05T07:05", "--json"]
    args += ["--lease-seconds", "3"]
    stuck = spawn_esup(args, child_env(plugin_site, config, seeded, ESUP_TEST_HANG=STUCK))
    try:
        wait_for(lambda: bool(_runs(seeded)), what="the stuck slot to start")
        env = child_env(plugin_site, config, seeded)

        def taken_over() -> bool:
            second = spawn_esup(args, env)
            out, err = _finish(second)
            assert second.returncode == 0, err
            return any(item["outcome"] == "ok" for item in json.loads(out))

        wait_for(taken_over, timeout=120, what="another process to run the slot")
        assert stuck.poll() is None
    finally:
        stuck.kill()
        stuck.communicate()
    with Store.open(seeded) as store:
        [slot] = history(store)
    assert (slot.outcome, slot.attempt) == ("ok", 2)
    assert [outcome for _, outcome in _runs(seeded)] == ["abandoned", "ok"]
