"""The check lock's rules on every database, in one process: a lapsed lease makes its run
``abandoned`` (and the run cannot renew it afterwards), a live one makes a second check
wait and decline, a lock held by a process of this host that is gone is taken at once."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from enforcement_supervision.store import CheckLockedError, Store, get_run
from enforcement_supervision.store._internal import (
    acquire_check_lock,
    create_run,
    get_check_lock,
    renew_check_lock,
    sweep_abandoned_runs,
)

RUN = "00000000-0000-0000-0000-0000000000a1"
OTHER = "00000000-0000-0000-0000-0000000000b2"


def _run(store: Store, run_id: str) -> None:
    now = datetime.now(UTC)
    create_run(store, run_id=run_id, as_of=now, mode="incremental", started_at=now)


def test_a_lapsed_lease_abandons_its_run_for_good(db_url: str) -> None:
    with Store.open(db_url) as store:
        acquire_check_lock(store, run_id=RUN, lease=timedelta(seconds=0.2), wait=0)
        _run(store, RUN)
        assert sweep_abandoned_runs(store) == []  # alive
        time.sleep(0.3)
        assert sweep_abandoned_runs(store) == [RUN]
        assert get_run(store, RUN).outcome == "abandoned"
        assert not renew_check_lock(store, run_id=RUN, lease=timedelta(seconds=60))
        assert get_check_lock(store) is None


def test_a_live_lock_makes_the_next_check_decline(db_url: str) -> None:
    with Store.open(db_url) as store:
        acquire_check_lock(store, run_id=RUN, lease=timedelta(seconds=60), wait=0)
        with pytest.raises(CheckLockedError) as caught:
            acquire_check_lock(store, run_id=OTHER, lease=timedelta(seconds=60), wait=0.3)
        assert caught.value.exit_status == 6
        lock = get_check_lock(store)
        assert lock is not None
        assert lock.run_id == RUN


def test_a_lock_of_a_gone_process_here_is_taken_at_once(db_url: str) -> None:
    import socket

    with Store.open(db_url) as store:
        gone = f"{socket.gethostname()}:999999999:dead"
        acquire_check_lock(store, run_id=RUN, lease=timedelta(hours=1), wait=0, owner=gone)
        _run(store, RUN)
        abandoned = acquire_check_lock(store, run_id=OTHER, lease=timedelta(seconds=60), wait=0)
        assert abandoned == [RUN]
        lock = get_check_lock(store)
        assert lock is not None
        assert lock.run_id == OTHER
