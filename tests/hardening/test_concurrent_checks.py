"""Two checks at once (issue 19 item 7): real ``esup check`` processes on SQLite, PostgreSQL
and MariaDB. They used to collide on ``group_members`` (an ``IntegrityError``, a traceback
and a ``failed`` run); now the second waits for the first, or declines with exit status 6
when told not to wait, and nothing is left ``running`` or ``failed``."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from enforcement_supervision.store import Store, verify_event_chain
from enforcement_supervision.store._internal import runs
from tests.schedule.conftest import child_env, release, spawn_esup, wait_for

from .conftest import write_config

pytestmark = pytest.mark.slow

CHECK = ["check", "--as-of", "2026-03-01", "--fail-on", "none", "--format", "json"]


def _outcomes(url: str) -> Counter[str]:
    with Store.open(url) as store, store.engine.connect() as connection:
        return Counter(row.outcome for row in connection.execute(select(runs.c.outcome)))


def test_two_checks_at_once_both_finish(seeded: str, plugin_site: Path, tmp_path: Path) -> None:
    config = write_config(tmp_path / "esup.toml")
    env = child_env(plugin_site, config, seeded, ESUP_TEST_DELAY="0.002")
    barrier = tmp_path / "go"
    children = [spawn_esup([*CHECK, "--full"], env, barrier=barrier) for _ in range(3)]
    release(barrier, children)
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        assert "Traceback" not in err
        assert json.loads(out)["outcome"] == "ok"
    assert _outcomes(seeded) == {"ok": 3}
    with Store.open(seeded) as store:
        assert verify_event_chain(store) is None


def test_a_second_check_declines_or_waits(seeded: str, plugin_site: Path, tmp_path: Path) -> None:
    config = write_config(tmp_path / "esup.toml")
    gate, trace = tmp_path / "gate", tmp_path / "trace"
    first = spawn_esup(
        CHECK,
        child_env(
            plugin_site,
            config,
            seeded,
            ESUP_TEST_GATE=str(gate),
            ESUP_TEST_GATE_AT="5",
            ESUP_TEST_TRACE=str(trace),
        ),
    )
    try:
        wait_for(trace.exists, what="the first check to hold the lock")
        env = child_env(plugin_site, config, seeded)
        declined = spawn_esup([*CHECK, "--wait", "0"], env)
        out, err = declined.communicate(timeout=120)
        assert declined.returncode == 6, err
        assert out == ""
        assert err.startswith("esup: ")
        assert len(err.strip().splitlines()) == 1
        assert "Traceback" not in err
        waiting = spawn_esup([*CHECK, "--wait", "120"], env)
        gate.touch()
        for child in (first, waiting):
            out, err = child.communicate(timeout=300)
            assert child.returncode == 0, err
    finally:
        gate.touch()
        first.kill()
    assert _outcomes(seeded) == {"ok": 2}


SCHEDULES = "".join(
    f"""
[[schedules]]
name = "s{index}"
cron = "0 7 * * *"
grace = "1h"
catch_up = "all"
"""
    for index in range(4)
)


def test_schedules_running_at_once_never_fail_a_slot(
    seeded: str, plugin_site: Path, tmp_path: Path
) -> None:
    config = write_config(tmp_path / "esup.toml", SCHEDULES)
    env = child_env(plugin_site, config, seeded, ESUP_TEST_DELAY="0.001")
    first = ["schedule", "run-due", "--as-of", "2026-03-01T07:05", "--json"]
    done = spawn_esup(first, env)
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    # Four schedules, three days of slots each, four processes at the same instant: every
    # check of a slot either runs or waits for the check lock; none fails.
    barrier = tmp_path / "go"
    args = ["schedule", "run-due", "--as-of", "2026-03-04T07:05", "--json"]
    children = [spawn_esup(args, env, barrier=barrier) for _ in range(4)]
    release(barrier, children)
    ran: Counter[tuple[str, str]] = Counter()
    for child in children:
        out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err
        assert "Traceback" not in err
        for item in json.loads(out):
            assert item["outcome"] == "ok", item
            ran[(item["schedule"], item["slot"])] += 1
    assert len(ran) == 4 * 3
    assert set(ran.values()) == {1}
    assert _outcomes(seeded) == {"ok": 4 + 4 * 3}
