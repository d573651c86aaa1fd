"""Fault test (issue 19): ``kill -9`` of ``esup check`` and of ``esup schedule run-due`` at
random points, on SQLite, PostgreSQL and MariaDB. Afterwards, once the work is done again:

* ``esup findings verify`` passes (chain intact, findings table = what the chain replays to);
* the findings equal those of an uninterrupted run;
* no run is left ``running`` (``esup runs list``: a killed one is ``abandoned``);
* every scheduled slot ran exactly once (one finished engine run per slot).

``ESUP_FAULT_TRIALS`` trials per kind and database (default 2; ``make fuzz`` runs 10) at
kill points drawn from ``ESUP_FAULT_SEED`` (default: fixed, so a failure can be replayed).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import findings, runs
from tests.schedule.conftest import REPO, child_env, spawn_esup

from . import harden_rules
from .conftest import write_config

pytestmark = pytest.mark.slow

TRIALS = int(os.environ.get("ESUP_FAULT_TRIALS", "2"))
SEED = int(os.environ.get("ESUP_FAULT_SEED", "19"))
LEADS = 300
CONFIG = """
[engine]
batch_size = 40

[[schedules]]
name = "daily"
cron = "0 7 * * *"
grace = "1h"
catch_up = "all"
"""
CHECK = ["check", "--as-of", "2026-03-01", "--fail-on", "none", "--full"]
#: Four daily slots (2026-03-02 … 03-05 07:00) are due at this instant.
RUN_DUE = ["schedule", "run-due", "--as-of", "2026-03-05T07:05", "--json"]
RUN_DUE += ["--lease-seconds", "2"]
DELAY = "0.002"


def _esup(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "enforcement_supervision", *args],
        env=env,
        cwd=str(REPO),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _seed(url: str) -> None:
    with Store.open(url) as store:
        store.put_records(harden_rules.seed_leads(LEADS, agencies=13))


def _findings(url: str) -> set[tuple[str, str, bool, str]]:
    with Store.open(url) as store, store.engine.connect() as connection:
        return {
            (row.fingerprint, row.status, bool(row.detected), row.message_zh)
            for row in connection.execute(
                select(
                    findings.c.fingerprint,
                    findings.c.status,
                    findings.c.detected,
                    findings.c.message_zh,
                )
            )
        }


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Uninterrupted runs on SQLite: their findings, and how long each command took."""
    folder = tmp_path_factory.mktemp("reference")
    site = _site(folder)
    config = write_config(folder / "esup.toml", CONFIG)
    result: dict[str, Any] = {}
    for kind, args in (("check", CHECK), ("run-due", RUN_DUE)):
        url = f"sqlite:///{folder / f'{kind}.sqlite'}"
        _seed(url)
        _prime(url, site, config, kind)
        env = child_env(site, config, url, ESUP_TEST_DELAY=DELAY)
        started = time.monotonic()
        done = _esup(args, env)
        assert done.returncode == 0, done.stderr
        result[kind] = (_findings(url), time.monotonic() - started)
    return result


def _site(folder: Path) -> Path:
    site = folder / "site"
    info = site / "esup_harden_test-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: esup-harden-test\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[enforcement_supervision]\nharden = tests.hardening.harden_rules\n", encoding="utf-8"
    )
    return site


def _prime(url: str, site: Path, config: Path, kind: str) -> None:
    """Before a run-due: a first call a day earlier records the schedule (its slots from
    then on are due), and runs the slot of that morning."""
    if kind != "run-due":
        return
    env = child_env(site, config, url)
    done = _esup([*RUN_DUE[:3], "2026-03-01T07:05", *RUN_DUE[4:]], env)
    assert done.returncode == 0, done.stderr


def _kill_at_random(args: list[str], env: dict[str, str], seconds: float) -> None:
    child = spawn_esup(args, env)
    try:
        child.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()


def _no_run_left_running(env: dict[str, str]) -> list[dict[str, Any]]:
    listed = _esup(["runs", "list", "--json", "--limit", "1000"], env)
    assert listed.returncode == 0, listed.stderr
    everything: list[dict[str, Any]] = json.loads(listed.stdout)
    assert [run["run_id"] for run in everything if run["outcome"] == "running"] == []
    return everything


def _verified(env: dict[str, str]) -> None:
    done = _esup(["findings", "verify"], env)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("trial", range(TRIALS))
def test_kill_9_of_esup_check(
    trial: int, db_url: str, tmp_path: Path, reference: dict[str, Any]
) -> None:
    expected, took = reference["check"]
    site = _site(tmp_path)
    config = write_config(tmp_path / "esup.toml", CONFIG)
    _seed(db_url)
    rng = random.Random(f"{SEED}-check-{trial}-{db_url.split(':')[0]}")
    _kill_at_random(CHECK, child_env(site, config, db_url, ESUP_TEST_DELAY=DELAY),
                    rng.uniform(0.8, took))  # fmt: skip
    env = child_env(site, config, db_url)
    _verified(env)  # consistent even right after the kill
    again = _esup(CHECK, env)
    assert again.returncode == 0, again.stderr
    assert _findings(db_url) == expected
    _verified(env)
    everything = _no_run_left_running(env)
    assert Counter(run["outcome"] for run in everything)["ok"] >= 1


@pytest.mark.parametrize("trial", range(TRIALS))
def test_kill_9_of_schedule_run_due(
    trial: int, db_url: str, tmp_path: Path, reference: dict[str, Any]
) -> None:
    expected, took = reference["run-due"]
    site = _site(tmp_path)
    config = write_config(tmp_path / "esup.toml", CONFIG)
    _seed(db_url)
    _prime(db_url, site, config, "run-due")
    rng = random.Random(f"{SEED}-run-due-{trial}-{db_url.split(':')[0]}")
    _kill_at_random(RUN_DUE, child_env(site, config, db_url, ESUP_TEST_DELAY=DELAY),
                    rng.uniform(0.8, took))  # fmt: skip
    env = child_env(site, config, db_url)
    _verified(env)
    # Call again until every slot is handled (a killed slot's lease lapses after 2 s).
    deadline = time.monotonic() + 120
    while True:
        done = _esup(RUN_DUE, env)
        assert done.returncode == 0, done.stderr
        with Store.open(db_url) as store, store.engine.connect() as connection:
            rows = connection.execute(select(runs.c.slot, runs.c.outcome)).all()
        finished = Counter(row.slot for row in rows if row.outcome in ("ok", "errors"))
        if len(finished) == 5:  # the primed slot and the four due ones
            break
        assert time.monotonic() < deadline, finished
        time.sleep(0.5)
    assert set(finished.values()) == {1}  # every slot ran exactly once
    assert _findings(db_url) == expected
    _verified(env)
    _no_run_left_running(env)
