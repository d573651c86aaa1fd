"""Real ``esup`` processes: two ``run-due`` at the same instant run each slot once; a killed
run leaves no half-written findings and is completed once its lease expires; ``serve``
stops cleanly; the progress bar shows on a terminal only. SQLite files, and a smoke test on
PostgreSQL and MariaDB when they are reachable."""

from __future__ import annotations

import json
import os
import pty
import select as select_module
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from enforcement_supervision.config import load_config
from enforcement_supervision.engine import get_run, run_check
from enforcement_supervision.schedule import history, run_due
from enforcement_supervision.schedule._ledger import get_slot
from enforcement_supervision.store import Store, verify_event_chain
from enforcement_supervision.store._internal import finding_events, findings, runs

from . import sched_rules
from .conftest import (
    REPO,
    at,
    child_env,
    make_manager,
    release,
    spawn_esup,
    wait_for,
    write_config,
)

#: Child processes: seconds each, not milliseconds (``-m "not slow"`` leaves them out).
pytestmark = pytest.mark.slow

TWO_SCHEDULES = """
[[schedules]]
name = "a"
cron = "0 7 * * *"
rules = ["T-SCHED-SUMMARY"]
catch_up = "all"

[[schedules]]
name = "b"
cron = "0 7 * * *"
rules = ["T-SCHED-AGENCY"]
catch_up = "all"
"""


def _slot_key(item: dict[str, Any]) -> tuple[str, str]:
    moment = datetime.fromisoformat(item["slot"]).astimezone(UTC)
    return item["schedule"], moment.strftime("%Y-%m-%d %H:%M")


def _race(
    tmp_path: Path, env: dict[str, str], as_of: str, label: str, processes: int = 2
) -> list[list[dict[str, Any]]]:
    """Start ``processes`` ``esup schedule run-due`` at the same instant; their JSON."""
    barrier = tmp_path / f"go-{label}"
    args = ["schedule", "run-due", "--as-of", as_of, "--json", "--lease-seconds", "30"]
    children = [spawn_esup(args, env, barrier=barrier) for _ in range(processes)]
    release(barrier, children)
    outputs: list[list[dict[str, Any]]] = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        outputs.append(json.loads(out))
    return outputs


def _expected(days: list[str]) -> set[tuple[str, str]]:
    """Slots ``07:00`` Shanghai (23:00 UTC the day before) of schedules a and b."""
    keys = set()
    for day in days:
        moment = at(f"{day} 07:00").astimezone(UTC).strftime("%Y-%m-%d %H:%M")
        keys |= {("a", moment), ("b", moment)}
    return keys


def _engine_runs_per_slot(store: Store) -> Counter[tuple[str, str]]:
    with store.engine.connect() as connection:
        rows = connection.execute(select(runs.c.schedule, runs.c.slot, runs.c.outcome))
        return Counter(
            (row.schedule, row.slot.strftime("%Y-%m-%d %H:%M"))
            for row in rows
            if row.outcome not in ("failed", "abandoned")
        )


def _check_exactly_once(
    store: Store, outputs: list[list[dict[str, Any]]], expected: set[tuple[str, str]], log: Path
) -> list[int]:
    ran = [
        [_slot_key(item) for item in output if item["outcome"] in ("ok", "errors")]
        for output in outputs
    ]
    everything = Counter(key for keys in ran for key in keys)
    assert set(everything) == expected
    assert all(count == 1 for count in everything.values()), everything
    # The engine ran each slot once, in whichever process claimed it …
    per_slot = _engine_runs_per_slot(store)
    assert {key: per_slot[key] for key in expected} == dict.fromkeys(expected, 1)
    # … and the run hook fired once per slot across the processes.
    started = Counter(
        (schedule, datetime.fromisoformat(slot).strftime("%Y-%m-%d %H:%M"))
        for _, schedule, slot in (line.split() for line in log.read_text().splitlines())
    )
    assert {key: started[key] for key in expected} == dict.fromkeys(expected, 1)
    assert all(count == 1 for count in started.values()), started
    return [len(keys) for keys in ran]


def test_two_run_due_processes_at_the_same_instant_run_each_slot_once(
    tmp_path: Path, plugin_site: Path
) -> None:
    db = tmp_path / "esup.sqlite"
    config = write_config(tmp_path / "esup.toml", TWO_SCHEDULES)
    log = tmp_path / "runs.log"
    with Store.open(db) as store:
        store.put_records(sched_rules.seed_leads())
    env = child_env(plugin_site, config, str(db), ESUP_TEST_RUNLOG=str(log))
    # First sight of both schedules: the 03-02 slots, run by one process.
    first = subprocess.run(
        [sys.executable, "-m", "enforcement_supervision", "schedule", "run-due",
         "--as-of", "2026-03-02T07:05", "--json"],
        env=env, cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert {_slot_key(item) for item in json.loads(first.stdout)} == _expected(["2026-03-02"])
    expected = _expected(["2026-03-02"])
    shares: list[list[int]] = []
    rounds = [
        ("2026-03-06T07:05", ["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]),
        ("2026-03-07T07:05", ["2026-03-07"]),  # one contested slot per schedule
        ("2026-03-11T07:05", ["2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11"]),
    ]
    with Store.open(db) as store:
        for label, (as_of, days) in enumerate(rounds):
            outputs = _race(tmp_path, env, as_of, str(label))
            shares.append(_check_exactly_once(store, outputs, _expected(days), log))
            expected |= _expected(days)
        rows = history(store, limit=None)
        assert Counter((r.schedule, r.slot.strftime("%Y-%m-%d %H:%M")) for r in rows) == (
            dict.fromkeys(expected, 1)
        )
        assert {r.outcome for r in rows} == {"ok"}
        assert all(r.attempt == 1 for r in rows)
        # Each run of schedule a opened its findings once: one "opened" event per finding.
        with store.engine.connect() as connection:
            opened = connection.execute(
                select(finding_events.c.fingerprint, func.count())
                .where(finding_events.c.kind == "opened")
                .group_by(finding_events.c.fingerprint)
            ).all()
        assert opened
        assert all(count == 1 for _, count in opened)
        assert verify_event_chain(store) is None
    print("slots run per process and round:", shares)


def test_a_killed_run_leaves_no_half_written_findings_and_is_completed_after_its_lease(
    tmp_path: Path, plugin_site: Path
) -> None:
    db = tmp_path / "esup.sqlite"
    config = write_config(
        tmp_path / "esup.toml",
        """
        [engine]
        batch_size = 2

        [[schedules]]
        name = "daily"
        cron = "0 7 * * *"
        """,
    )
    trace, gate = tmp_path / "trace.log", tmp_path / "gate"
    leads = sched_rules.seed_leads()
    with Store.open(db) as store:
        store.put_records(leads)
    with Store.open(tmp_path / "reference.sqlite") as reference:
        reference.put_records(leads)
        run_check(reference, as_of=at("2026-03-05 07:00"), manager=make_manager())
        expected = _fingerprints(reference)
    assert len(expected) == 10
    env = child_env(
        plugin_site,
        config,
        str(db),
        ESUP_TEST_TRACE=str(trace),
        ESUP_TEST_GATE=str(gate),
        ESUP_TEST_GATE_AT="9",
    )
    args = ["schedule", "run-due", "--as-of", "2026-03-05T07:05", "--lease-seconds", "1"]
    child = spawn_esup(args, env)
    try:
        wait_for(lambda: trace.exists() and "waiting" in trace.read_text(), what="the gate")
        slot = at("2026-03-05 07:00")
        with Store.open(db) as store:
            row = get_slot(store, "daily", slot)
            assert row is not None
            assert row.outcome == "running"
            assert row.attempt == 1
            # The child is alive (stuck in a rule) and renews its lease: even well after one
            # lease length, another caller leaves the slot alone.
            claimed = row.started_at
            assert claimed is not None
            wait_for(lambda: (datetime.now(UTC) - claimed).total_seconds() > 3, what="3 s")
            other = run_due(
                store, at("2026-03-05 07:05"), config=load_config(config), manager=make_manager()
            )
            assert other == []
            row = get_slot(store, "daily", slot)
            assert row is not None
            assert (row.outcome, row.attempt) == ("running", 1)
            partial = _fingerprints(store)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    with Store.open(db) as store:
        # Killed mid-way: some batches were written, each finding whole, the chain intact.
        assert 0 < len(partial) < len(expected)
        assert _fingerprints(store) == partial <= expected
        _assert_consistent(store)
        [dead_run] = [r for r in _runs(store) if r.outcome == "running"]
        row = get_slot(store, "daily", at("2026-03-05 07:00"))
        assert row is not None
        assert row.lease_until is not None
        lease_end = row.lease_until
        wait_for(lambda: datetime.now(UTC) > lease_end, what="the lease to expire")
    retry_env = child_env(plugin_site, config, str(db))
    done = subprocess.run(
        [sys.executable, "-m", "enforcement_supervision", "schedule", "run-due",
         "--as-of", "2026-03-05T07:10", "--json", "--lease-seconds", "1"],
        env=retry_env, cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    [item] = json.loads(done.stdout)
    assert (item["outcome"], item["attempt"], item["opened"]) == ("ok", 2, len(expected - partial))
    with Store.open(db) as store:
        assert _fingerprints(store) == expected
        _assert_consistent(store)
        assert get_run(store, dead_run.run_id).outcome == "abandoned"
        assert get_run(store, item["run_id"]).outcome == "ok"
        [recorded] = history(store)
        assert (recorded.outcome, recorded.attempt, recorded.run_id) == ("ok", 2, item["run_id"])


def _fingerprints(store: Store) -> set[str]:
    with store.engine.connect() as connection:
        return {row.fingerprint for row in connection.execute(select(findings.c.fingerprint))}


def _runs(store: Store) -> list[Any]:
    with store.engine.connect() as connection:
        return list(connection.execute(select(runs)))


def _assert_consistent(store: Store) -> None:
    """Every finding has exactly one ``opened`` event; every event belongs to a finding;
    the hash chain checks out."""
    with store.engine.connect() as connection:
        events = Counter(
            row.fingerprint
            for row in connection.execute(
                select(finding_events.c.fingerprint).where(finding_events.c.kind == "opened")
            )
        )
    assert set(events) == _fingerprints(store)
    assert all(count == 1 for count in events.values())
    assert verify_event_chain(store) is None


SERVE_CONFIG = """
[[schedules]]
name = "every-minute"
cron = "* * * * *"
grace = "2m"
catch_up = "latest"
rules = ["T-SCHED-SUMMARY"]
"""


def test_serve_finishes_the_check_in_progress_and_stops_on_sigterm(
    tmp_path: Path, plugin_site: Path
) -> None:
    db = tmp_path / "esup.sqlite"
    config = write_config(tmp_path / "esup.toml", SERVE_CONFIG)
    trace = tmp_path / "trace.log"
    with Store.open(db) as store:
        store.put_records(sched_rules.seed_leads(6))
    env = child_env(plugin_site, config, str(db), ESUP_TEST_TRACE=str(trace), ESUP_TEST_DELAY="0.2")
    child = spawn_esup(["schedule", "serve", "--max-sleep", "1"], env)
    try:
        wait_for(lambda: trace.exists() and trace.read_text().strip() != "", what="a check")
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    assert "已停止" in err
    with Store.open(db) as store:
        rows = history(store)
        ran = [row for row in rows if row.outcome != "coalesced"]
        # The check that was running when SIGTERM came was completed and recorded.
        assert [row.outcome for row in ran] == ["ok"]
        assert ran[0].opened == 3
    assert "every-minute" in out
    assert "完成" in out


def test_serve_stops_on_sigint_while_sleeping(tmp_path: Path, plugin_site: Path) -> None:
    db = tmp_path / "esup.sqlite"
    config = write_config(tmp_path / "esup.toml", SERVE_CONFIG)
    with Store.open(db) as store:
        store.put_records(sched_rules.seed_leads(2))
    env = child_env(plugin_site, config, str(db))
    child = spawn_esup(["--lang", "en", "schedule", "serve"], env)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        while line and "  ok" not in line:  # earlier slots of the grace period: coalesced
            line = child.stdout.readline()
        assert line.startswith("every-minute  ")  # the newest slot ran; the loop now sleeps
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    assert "stopped" in err


def _read_pty(master: int, child: subprocess.Popen[str]) -> str:
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select_module.select([master], [], [], 0.1)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif child.poll() is not None:
            break
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("json_logs", [False, True])
def test_a_progress_bar_on_a_terminal_and_none_in_json_log_mode(
    tmp_path: Path, plugin_site: Path, json_logs: bool
) -> None:
    db = tmp_path / "esup.sqlite"
    config = write_config(tmp_path / "esup.toml", TWO_SCHEDULES)
    with Store.open(db) as store:
        store.put_records(sched_rules.seed_leads())
    env = child_env(plugin_site, config, str(db))
    master, follower = pty.openpty()
    args = ["--json-logs", "-v"] if json_logs else []
    child = subprocess.Popen(
        [sys.executable, "-m", "enforcement_supervision", *args, "schedule", "run-due",
         "--as-of", "2026-03-05T07:05"],
        env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=follower, text=True,
    )  # fmt: skip
    os.close(follower)
    try:
        terminal = _read_pty(master, child)
        out, _ = child.communicate(timeout=120)
    finally:
        os.close(master)
    assert child.returncode == 0, terminal
    assert "a  2026-03-05 07:00" in out
    bar = "a 03-05 07:00"
    if json_logs:
        assert bar not in terminal
        lines = [line for line in terminal.splitlines() if line.strip()]
        assert lines
        assert all(line.lstrip().startswith("{") for line in lines)
    else:
        assert bar in terminal
        assert "12/12" in terminal


# --------------------------------------------------------------------------------------------
# PostgreSQL and MariaDB


# ``server_db`` (tests/_backends.py): the session's database on each server, emptied
# before the test; skipped when the server is unreachable (failed with
# ESUP_REQUIRE_DB_BACKENDS=1).


def test_two_processes_run_each_slot_once_on_a_database_server(
    tmp_path: Path, plugin_site: Path, server_db: str
) -> None:
    config = write_config(tmp_path / "esup.toml", TWO_SCHEDULES)
    log = tmp_path / "runs.log"
    with Store.open(server_db) as store:
        store.put_records(sched_rules.seed_leads())
        first = run_due(
            store, at("2026-03-02 07:05"), config=load_config(config), manager=make_manager()
        )
        assert len(first) == 2
    env = child_env(plugin_site, config, server_db, ESUP_TEST_RUNLOG=str(log))
    days = ["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]
    outputs = _race(tmp_path, env, "2026-03-06T07:05", "server", processes=3)
    with Store.open(server_db) as store:
        _check_exactly_once(store, outputs, _expected(days), log)
        rows = history(store, limit=None)
        assert len(rows) == 10
        assert {r.outcome for r in rows} == {"ok"}
        assert verify_event_chain(store) is None
        store.close()


# --------------------------------------------------------------------------------------------
# The primitives alone, without the schedule lease: many processes, the same slots


_CONTENDER = """
import json, os, sys, time
from datetime import UTC, datetime, timedelta
from enforcement_supervision.store import Store
from enforcement_supervision.schedule._ledger import claim, take_over
url, start, owner, mode = sys.argv[1:5]
store = Store.open(url, migrate=False)
slots = [datetime(2026, 3, 1, tzinfo=UTC) + timedelta(minutes=i) for i in range(40)]
open(f"{start}.ready.{os.getpid()}", "w").close()
while not os.path.exists(start):
    time.sleep(0.0005)
now = datetime.now(UTC)
until = now + timedelta(seconds=60)
won = []
for slot in slots:
    if mode == "claim":
        ok = claim(store, "race", slot, owner=owner, until=until, as_of=slot, late=False, now=now)
    else:
        ok = take_over(store, "race", slot, seen_attempt=1, owner=owner, until=until,
                       as_of=slot, late=False, now=now)
    if ok:
        won.append(slot.isoformat())
print(json.dumps(won))
"""


def _contend(url: str, tmp_path: Path, mode: str, processes: int = 4) -> list[list[str]]:
    barrier = tmp_path / f"contend-{mode}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESUP_")}
    env["PYTHONPATH"] = str(REPO)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CONTENDER, url, str(barrier), f"p{index}", mode],
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for index in range(processes)
    ]
    release(barrier, children)
    results = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        results.append(json.loads(out))
    return results


def _assert_each_slot_won_once(results: list[list[str]]) -> None:
    won = Counter(slot for result in results for slot in result)
    assert len(won) == 40
    assert set(won.values()) == {1}


def _key_race(url: str, tmp_path: Path) -> None:
    _assert_each_slot_won_once(_contend(url, tmp_path, "claim"))
    # Every row is now running with a live lease; let the leases lapse, then race again to
    # take the "dead" runs over: the compare-and-set lets exactly one process win each.
    with Store.open(url) as store, store.engine.begin() as connection:
        from enforcement_supervision.schedule._ledger import runs_table

        table = runs_table()
        connection.execute(table.update().values(lease_until=datetime(2000, 1, 1, tzinfo=UTC)))
    _assert_each_slot_won_once(_contend(url, tmp_path, "take_over"))
    with Store.open(url) as store:
        rows = history(store, "race", limit=None)
        assert len(rows) == 40
        assert {row.attempt for row in rows} == {2}


def test_many_processes_claiming_the_same_slots_each_slot_goes_to_one(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'race.sqlite'}"
    Store.open(url).close()
    _key_race(url, tmp_path)


def test_many_processes_claiming_the_same_slots_on_a_database_server(
    tmp_path: Path, server_db: str
) -> None:
    Store.open(server_db).close()
    _key_race(server_db, tmp_path)
