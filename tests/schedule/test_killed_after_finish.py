"""A slot whose check finished just before its process died is not run again (issue 19,
"every slot ran exactly once"; found by ``make fuzz``: one kill -9 of ``esup schedule run-due``
in 20 trials on PostgreSQL left a slot with two finished engine runs).

The engine records its run as finished in one transaction, the schedule records the slot as
finished in the next: a kill between the two left the slot ``running`` with a finished engine
run, and the retry ran the check again. The retry now adopts the finished engine run instead.
Here the kill is an interrupt raised by the runner right after the check returned.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from enforcement_supervision._host import PluginManager
from enforcement_supervision.engine import RunResult, run_check
from enforcement_supervision.schedule import run_due
from enforcement_supervision.schedule._ledger import get_slot
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import runs

from .conftest import at, schedules_config

DAILY = {"name": "daily", "cron": "0 7 * * *", "grace": "1h"}


def _finished_runs(store: Store) -> list[str]:
    with store.engine.connect() as connection:
        return [
            str(row.run_id)
            for row in connection.execute(
                select(runs.c.run_id).where(runs.c.outcome.in_(("ok", "errors")))
            )
        ]


def test_a_slot_whose_check_finished_before_its_process_died_is_not_run_again(
    store: Store, manager: PluginManager
) -> None:
    config = schedules_config(DAILY)

    def finished_then_killed(store: Store, **kwargs: Any) -> RunResult:
        run_check(store, **kwargs)
        raise KeyboardInterrupt  # the process dies before the slot is recorded finished

    with pytest.raises(KeyboardInterrupt):
        run_due(
            store,
            at("2026-03-05 07:05"),
            config=config,
            manager=manager,
            runner=finished_then_killed,
        )
    (engine_run,) = _finished_runs(store)
    row = get_slot(store, "daily", at("2026-03-05 07:00"))
    assert row is not None
    assert row.outcome == "running"

    done = run_due(store, at("2026-03-05 07:06"), config=config, manager=manager)
    assert [(item.outcome, item.run_id) for item in done] == [("ok", engine_run)]
    assert _finished_runs(store) == [engine_run]  # the check ran once
    row = get_slot(store, "daily", at("2026-03-05 07:00"))
    assert row is not None
    assert (row.outcome, row.run_id) == ("ok", engine_run)
    # Handled: a later call does nothing more for the slot.
    assert run_due(store, at("2026-03-05 07:30"), config=config, manager=manager) == []
