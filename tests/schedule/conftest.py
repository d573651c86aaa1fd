"""Fixtures of the scheduling tests: real SQLite files, the test rules as a plugin (in this
process and, through a fake distribution on disk, in ``esup`` child processes), and helpers
that start ``esup`` processes at the same instant."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from enforcement_supervision._host import PluginManager, load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.engine import RunResult, run_check
from enforcement_supervision.store import Store

from . import sched_rules

REPO = Path(__file__).resolve().parents[2]
SH = ZoneInfo("Asia/Shanghai")
#: The plugin name of the test rules in child processes (``[plugins] allow``).
PLUGIN = "sched"


def at(text: str) -> datetime:
    """``"2026-03-05 07:05"`` in Asia/Shanghai."""
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def schedules_config(*schedules: Mapping[str, Any], **sections: Any) -> Config:
    return Config(data={"schedules": [dict(s) for s in schedules], **sections})


def make_manager(config: Config | None = None) -> PluginManager:
    manager = load_plugins(config or Config(), entry_points=False)
    manager.register(sched_rules, PLUGIN)
    return manager


class CountingRunner:
    """``run_check`` that remembers each call's (schedule, as-of)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, datetime]] = []

    def __call__(self, store: Store, **kwargs: Any) -> RunResult:
        self.calls.append((kwargs["schedule"], kwargs["as_of"]))
        return run_check(store, **kwargs)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        opened.put_records(sched_rules.seed_leads())
        yield opened


@pytest.fixture
def manager() -> PluginManager:
    return make_manager()


@pytest.fixture
def plugin_site(tmp_path: Path) -> Path:
    """A folder with a fake ``esup-sched-test`` distribution whose entry point is the test
    rules module; put it on ``PYTHONPATH`` of a child process."""
    site = tmp_path / "site"
    info = site / "esup_sched_test-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: esup-sched-test\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[enforcement_supervision]\n{PLUGIN} = tests.schedule.sched_rules\n", encoding="utf-8"
    )
    return site


def write_config(path: Path, body: str) -> Path:
    """A configuration file that loads only the test rules."""
    path.write_text(
        f'[plugins]\nallow = ["{PLUGIN}"]\n\n' + textwrap.dedent(body), encoding="utf-8"
    )
    return path


def child_env(site: Path, config: Path, db: str, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ESUP_", "PYTEST_", "COV_"))
    }
    env.update(
        PYTHONPATH=os.pathsep.join([str(REPO), str(site)]),
        ESUP_CONFIG=str(config),
        ESUP_DB=db,
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


#: Imports everything first, waits for the start file, then runs ``esup`` with the
#: remaining arguments: processes started this way begin their work at the same instant.
_AT_THE_SIGNAL = """
import os, sys, time
import enforcement_supervision.cli, enforcement_supervision.schedule, enforcement_supervision.engine
from enforcement_supervision.cli import main
start = sys.argv[1]
open(f"{start}.ready.{os.getpid()}", "w").close()
while not os.path.exists(start):
    time.sleep(0.0005)
main(sys.argv[2:], prog_name="esup")
"""


def spawn_esup(
    args: Sequence[str], env: Mapping[str, str], *, barrier: Path | None = None
) -> subprocess.Popen[str]:
    """Start ``esup ARGS`` (after ``barrier`` appears, when given)."""
    if barrier is None:
        command = [sys.executable, "-m", "enforcement_supervision", *args]
    else:
        command = [sys.executable, "-c", _AT_THE_SIGNAL, str(barrier), *args]
    return subprocess.Popen(
        command,
        env=dict(env),
        cwd=str(REPO),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def release(barrier: Path, processes: Sequence[subprocess.Popen[str]]) -> None:
    """Wait until every process is ready at ``barrier`` (or has died), then let them go."""

    def ready() -> bool:
        waiting = len(list(barrier.parent.glob(f"{barrier.name}.ready.*")))
        return waiting + sum(p.poll() is not None for p in processes) >= len(processes)

    wait_for(ready, what="the processes to reach the start line")
    barrier.touch()


def wait_for(condition: Callable[[], bool], *, timeout: float = 60.0, what: str = "") -> None:
    """Poll ``condition`` until it holds (a generous bound, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what or condition}")
        time.sleep(0.02)
