"""A slot whose check fails is retried with backoff up to a limit, then reported (issue 19
item 7): a check that declined because another held the check lock, or hit a passing
database error, is not left ``failed`` after one try. The real engine on each backend."""

from __future__ import annotations

from typing import Any

from enforcement_supervision._host import PluginManager
from enforcement_supervision.engine import RunResult, run_check
from enforcement_supervision.schedule import history, run_due
from enforcement_supervision.store import CheckLockedError, Store
from tests.schedule.conftest import at, make_manager, schedules_config

DAILY = {"name": "daily", "cron": "0 7 * * *", "grace": "1h"}


class FailingFirst:
    """``run_check`` that declines like a locked check ``failures`` times first."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls = 0

    def __call__(self, store: Store, **kwargs: Any) -> RunResult:
        self.calls += 1
        if self.calls <= self.failures:
            raise CheckLockedError("另一次检查正在进行", "another check holds the check lock")
        return run_check(store, **kwargs)


def _store(url: str) -> Store:
    from tests.schedule import sched_rules

    store = Store.open(url)
    store.put_records(sched_rules.seed_leads())
    return store


def test_a_failed_slot_is_retried_until_it_runs(db_url: str) -> None:
    manager: PluginManager = make_manager()
    runner = FailingFirst(2)
    with _store(db_url) as store:
        done = run_due(
            store,
            at("2026-03-05 07:05"),
            config=schedules_config(DAILY),
            manager=manager,
            runner=runner,
            retry_backoff=0.01,
        )
        assert [item.outcome for item in done] == ["ok"]
        assert runner.calls == 3
        [stored] = history(store)
        assert stored.outcome == "ok"


def test_a_slot_failing_every_try_is_reported_failed(db_url: str) -> None:
    manager = make_manager()
    runner = FailingFirst(10)
    with _store(db_url) as store:
        done = run_due(
            store,
            at("2026-03-05 07:05"),
            config=schedules_config(DAILY),
            manager=manager,
            runner=runner,
            retry_backoff=0.01,
            max_attempts=3,
        )
        assert runner.calls == 3
        [item] = done
        assert item.outcome == "failed"
        assert item.error is not None
        assert "3 tries" in item.error
        assert "CheckLockedError" in item.error
        [stored] = history(store)
        assert stored.outcome == "failed"
        # Reported once, not retried again by the next call.
        assert (
            run_due(
                store,
                at("2026-03-05 07:30"),
                config=schedules_config(DAILY),
                manager=manager,
                runner=runner,
                retry_backoff=0.01,
            )
            == []
        )
