"""run_due on real SQLite files with the real engine: exactly once per slot, catch-up after
downtime, working days, leases and retries, history."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from enforcement_supervision._host import PluginManager
from enforcement_supervision.engine import RunResult, get_run, run_check
from enforcement_supervision.rules import LegalBasis, rule
from enforcement_supervision.schedule import (
    SlotOutcome,
    SlotRun,
    UnknownScheduleError,
    history,
    run_due,
    run_key,
    schedule_states,
)
from enforcement_supervision.schedule._ledger import acquire_schedule, claim, get_slot
from enforcement_supervision.store import RunOutcome, Store
from enforcement_supervision.store._internal import create_run, runs

from .conftest import SH, CountingRunner, at, schedules_config

DAILY = {"name": "daily", "cron": "0 7 * * *", "grace": "1h"}


def outcomes(items: list[SlotRun]) -> list[tuple[str, str]]:
    return [(item.slot.astimezone(SH).strftime("%m-%d %H:%M"), item.outcome) for item in items]


def ran(runner: CountingRunner) -> list[str]:
    return [as_of.astimezone(SH).strftime("%m-%d %H:%M") for _, as_of in runner.calls]


def engine_runs(store: Store) -> list[Any]:
    with store.engine.connect() as connection:
        return list(connection.execute(select(runs).order_by(runs.c.started_at)))


class TestExactlyOnce:
    def test_the_slot_runs_once_and_is_recorded_with_its_engine_run(
        self, store: Store, manager: PluginManager
    ) -> None:
        config = schedules_config(DAILY)
        runner = CountingRunner()
        done = run_due(store, at("2026-03-05 07:05"), config=config, manager=manager, runner=runner)
        assert outcomes(done) == [("03-05 07:00", "ok")]
        slot = done[0]
        assert (
            slot.run_key == "daily@2026-03-04T23:00:00Z" == run_key("daily", at("2026-03-05 07:00"))
        )
        assert (slot.attempt, slot.late, slot.as_of) == (1, False, at("2026-03-05 07:00"))
        # 6 of the 12 leads mention 违法, 4 belong to AG-2.
        assert (slot.opened, slot.resolved, slot.reopened, slot.rule_errors) == (10, 0, 0, 0)
        assert slot.result is not None
        assert slot.result.opened == 10
        engine_run = get_run(store, slot.run_id or "")
        assert engine_run.schedule == "daily"
        assert engine_run.slot == at("2026-03-05 07:00")
        assert engine_run.as_of == at("2026-03-05 07:00")
        # Calling again, at the same instant or later the same morning, runs nothing.
        for when in ("2026-03-05 07:05", "2026-03-05 07:30", "2026-03-05 23:59"):
            assert run_due(store, at(when), config=config, manager=manager, runner=runner) == []
        assert ran(runner) == ["03-05 07:00"]
        assert len(engine_runs(store)) == 1
        [stored] = history(store)
        assert stored.outcome == "ok"
        assert stored.run_id == slot.run_id
        assert stored.started_at is not None
        assert stored.finished_at is not None
        assert stored.duration is not None
        assert stored.duration >= 0
        assert stored.opened == 10
        state = schedule_states(store)["daily"]
        assert state.last_slot == at("2026-03-05 07:00")
        assert state.owner is None  # the schedule's lease is released after the call

    def test_each_slot_evaluates_as_of_its_own_instant(
        self, store: Store, manager: PluginManager
    ) -> None:
        config = schedules_config({**DAILY, "catch_up": "all"})
        run_due(store, at("2026-03-05 07:05"), config=config, manager=manager)
        done = run_due(store, at("2026-03-07 07:20"), config=config, manager=manager)
        assert [get_run(store, d.run_id or "").as_of for d in done] == [
            at("2026-03-06 07:00"),
            at("2026-03-07 07:00"),
        ]

    def test_a_new_schedule_does_not_count_earlier_slots_as_missed(
        self, store: Store, manager: PluginManager
    ) -> None:
        config = schedules_config({**DAILY, "catch_up": "all"})
        assert run_due(store, at("2026-03-05 09:00"), config=config, manager=manager) == []
        assert history(store) == []
        assert schedule_states(store)["daily"].since == at("2026-03-05 08:00")
        done = run_due(store, at("2026-03-06 07:10"), config=config, manager=manager)
        assert outcomes(done) == [("03-06 07:00", "ok")]


class TestOutageOverAWeekend:
    """Thursday's slot runs; the server is down from Friday 06:00 to Monday 09:30."""

    @pytest.mark.parametrize(
        ("policy", "expected_runs", "expected_rows"),
        [
            (
                "skip",
                [],
                [("03-06 07:00", "missed"), ("03-07 07:00", "missed"), ("03-08 07:00", "missed"),
                 ("03-09 07:00", "missed")],
            ),
            (
                "latest",
                ["03-09 07:00"],
                [("03-06 07:00", "missed"), ("03-07 07:00", "missed"), ("03-08 07:00", "missed"),
                 ("03-09 07:00", "ok")],
            ),
            (
                "all",
                ["03-06 07:00", "03-07 07:00", "03-08 07:00", "03-09 07:00"],
                [("03-06 07:00", "ok"), ("03-07 07:00", "ok"), ("03-08 07:00", "ok"),
                 ("03-09 07:00", "ok")],
            ),
        ],
    )  # fmt: skip
    def test_each_policy_after_three_days_down(
        self,
        store: Store,
        manager: PluginManager,
        policy: str,
        expected_runs: list[str],
        expected_rows: list[tuple[str, str]],
    ) -> None:
        config = schedules_config({**DAILY, "catch_up": policy})
        runner = CountingRunner()
        run_due(store, at("2026-03-05 07:05"), config=config, manager=manager, runner=runner)
        done = run_due(store, at("2026-03-09 09:30"), config=config, manager=manager, runner=runner)
        assert ran(runner)[1:] == expected_runs
        assert outcomes(done) == expected_rows
        assert all(item.late for item in done)  # all more than an hour late
        # The outage is handled once: a later call that morning does nothing more.
        assert run_due(store, at("2026-03-09 10:00"), config=config, manager=manager) == []
        # Tuesday is back to normal under every policy.
        tuesday = run_due(
            store, at("2026-03-10 07:05"), config=config, manager=manager, runner=runner
        )
        assert outcomes(tuesday) == [("03-10 07:00", "ok")]
        assert not tuesday[0].late
        rows = sorted(outcomes(history(store)))
        assert rows == [("03-05 07:00", "ok"), *expected_rows, ("03-10 07:00", "ok")]

    def test_skip_still_runs_a_slot_within_its_grace_period(
        self, store: Store, manager: PluginManager
    ) -> None:
        config = schedules_config({**DAILY, "catch_up": "skip"})
        runner = CountingRunner()
        run_due(store, at("2026-03-05 07:05"), config=config, manager=manager, runner=runner)
        done = run_due(store, at("2026-03-09 07:30"), config=config, manager=manager, runner=runner)
        assert outcomes(done) == [
            ("03-06 07:00", "missed"),
            ("03-07 07:00", "missed"),
            ("03-08 07:00", "missed"),
            ("03-09 07:00", "ok"),
        ]
        assert not done[-1].late

    @pytest.mark.parametrize(
        ("policy", "expected"),
        [
            ("skip", [("03-06 07:00", "missed"), ("03-09 07:00", "missed")]),
            ("latest", [("03-06 07:00", "missed"), ("03-09 07:00", "ok")]),
            ("all", [("03-06 07:00", "ok"), ("03-09 07:00", "ok")]),
        ],
    )
    def test_working_days_only_the_weekend_has_no_slots_to_miss(
        self, store: Store, manager: PluginManager, policy: str, expected: list[tuple[str, str]]
    ) -> None:
        config = schedules_config({**DAILY, "catch_up": policy, "working_days_only": True})
        run_due(store, at("2026-03-05 07:05"), config=config, manager=manager)
        done = run_due(store, at("2026-03-09 09:30"), config=config, manager=manager)
        assert outcomes(done) == expected


class TestWorkingDays:
    def test_fires_on_the_make_up_saturday_not_in_the_spring_festival(
        self, store: Store, manager: PluginManager
    ) -> None:
        config = schedules_config({**DAILY, "working_days_only": True, "catch_up": "all"})
        runner = CountingRunner()
        calls = {
            when: run_due(store, at(when), config=config, manager=manager, runner=runner)
            for when in (
                "2026-02-13 07:05",
                "2026-02-14 07:05",
                "2026-02-15 07:05",
                "2026-02-16 07:05",
                "2026-02-24 07:05",
            )
        }
        assert outcomes(calls["2026-02-14 07:05"]) == [("02-14 07:00", "ok")]
        assert calls["2026-02-16 07:05"] == []
        assert calls["2026-02-15 07:05"] == []
        # Nothing was missed in the holiday: 02-15 … 02-23 are not slots at all.
        assert outcomes(calls["2026-02-24 07:05"]) == [("02-24 07:00", "ok")]
        assert ran(runner) == ["02-13 07:00", "02-14 07:00", "02-24 07:00"]

    def test_a_day_the_calendar_cannot_classify_blocks_the_schedule(
        self, store: Store, manager: PluginManager
    ) -> None:
        config = schedules_config({**DAILY, "working_days_only": True, "catch_up": "all"})
        run_due(store, at("2026-12-31 07:05"), config=config, manager=manager)
        done = run_due(store, at("2027-01-04 07:30"), config=config, manager=manager)
        assert outcomes(done) == [("01-01 07:00", "blocked")]
        assert done[0].needs_attention
        assert not done[0].recorded
        assert "working day" in (done[0].error or "")
        assert [h.outcome for h in history(store)] == ["ok"]  # nothing recorded for 2027
        # Once the 2027 schedule is configured, the slots run.
        year_2027 = {
            "year": 2027,
            "source": {"title": "测试安排", "issued": "2026-11-01"},
            "rest_days": ["2027-01-01..2027-01-03"],
            "makeup_workdays": [],
        }
        config = schedules_config(
            {**DAILY, "working_days_only": True, "catch_up": "all"},
            calendar={"years": [year_2027]},
        )
        done = run_due(store, at("2027-01-04 07:30"), config=config, manager=manager)
        assert outcomes(done) == [("01-04 07:00", "ok")]


class TestEnabling:
    def test_slots_while_disabled_are_not_replayed_when_enabled_again(
        self, store: Store, manager: PluginManager
    ) -> None:
        on = schedules_config({**DAILY, "catch_up": "all"})
        off = schedules_config({**DAILY, "catch_up": "all", "enabled": False})
        run_due(store, at("2026-03-05 07:05"), config=on, manager=manager)
        assert run_due(store, at("2026-03-06 07:05"), config=off, manager=manager) == []
        assert schedule_states(store)["daily"].enabled is False
        done = run_due(store, at("2026-03-09 07:05"), config=on, manager=manager)
        assert outcomes(done) == [("03-09 07:00", "ok")]

    def test_only_the_named_schedules_run(self, store: Store, manager: PluginManager) -> None:
        config = schedules_config(DAILY, {**DAILY, "name": "other"})
        done = run_due(
            store, at("2026-03-05 07:05"), config=config, manager=manager, schedules=["other"]
        )
        assert [d.schedule for d in done] == ["other"]
        with pytest.raises(UnknownScheduleError, match="nope"):
            run_due(store, at("2026-03-05 07:05"), config=config, schedules=["nope"])


class TestLeases:
    def _dead_claim(self, store: Store, *, attempt_clock: datetime, lease: float) -> datetime:
        """A slot claimed by a process that then died (its engine run left ``running``)."""
        slot = at("2026-03-05 07:00")
        assert claim(
            store,
            "daily",
            slot,
            owner="host:1:dead",
            until=attempt_clock + timedelta(seconds=lease),
            as_of=slot,
            late=False,
            now=attempt_clock,
        )
        create_run(
            store,
            run_id="00000000-0000-0000-0000-00000000dead",
            as_of=slot,
            mode="incremental",
            started_at=attempt_clock,
            schedule="daily",
            slot=slot,
        )
        return slot

    def test_a_live_claim_is_left_alone_and_a_dead_one_is_retried_after_its_lease(
        self, store: Store, manager: PluginManager
    ) -> None:
        config = schedules_config(DAILY)
        t0 = datetime(2026, 3, 4, 23, 1, tzinfo=UTC)
        slot = self._dead_claim(store, attempt_clock=t0, lease=60)
        as_of = at("2026-03-05 07:05")
        for seconds in (0, 30, 59):  # the lease has not expired yet
            frozen = functools.partial(lambda moment: moment, t0 + timedelta(seconds=seconds))
            assert run_due(store, as_of, config=config, manager=manager, clock=frozen) == []
        row = get_slot(store, "daily", slot)
        assert row is not None
        assert (row.outcome, row.attempt) == ("running", 1)
        later = t0 + timedelta(seconds=61)
        done = run_due(store, as_of, config=config, manager=manager, clock=lambda: later)
        assert outcomes(done) == [("03-05 07:00", "ok")]
        assert done[0].attempt == 2
        assert done[0].owner != "host:1:dead"
        abandoned = get_run(store, "00000000-0000-0000-0000-00000000dead")
        assert abandoned.outcome == RunOutcome.ABANDONED
        assert abandoned.errors[0]["error_type"] == "Abandoned"
        [stored] = history(store)
        assert (stored.outcome, stored.attempt, stored.opened) == ("ok", 2, 10)

    def test_a_slot_whose_process_keeps_dying_is_given_up(
        self, store: Store, manager: PluginManager
    ) -> None:
        config = schedules_config({**DAILY, "catch_up": "all"})
        t0 = datetime(2026, 3, 4, 23, 1, tzinfo=UTC)
        self._dead_claim(store, attempt_clock=t0, lease=60)
        later = t0 + timedelta(seconds=61)
        done = run_due(
            store,
            at("2026-03-06 07:05"),
            config=config,
            manager=manager,
            clock=lambda: later,
            max_attempts=1,
        )
        assert outcomes(done) == [("03-05 07:00", "failed"), ("03-06 07:00", "ok")]
        assert "gave up after 1 attempt" in (done[0].error or "")
        assert get_run(store, "00000000-0000-0000-0000-00000000dead").outcome == "abandoned"

    def test_a_schedule_held_by_a_live_process_is_skipped(
        self, store: Store, manager: PluginManager
    ) -> None:
        config = schedules_config(DAILY)
        now = datetime(2026, 3, 4, 23, 5, tzinfo=UTC)
        run_due(store, at("2026-03-04 07:05"), config=config, manager=manager, clock=lambda: now)
        assert acquire_schedule(
            store, "daily", owner="other", until=now + timedelta(seconds=60), now=now
        )
        busy = run_due(
            store, at("2026-03-05 07:05"), config=config, manager=manager, clock=lambda: now
        )
        assert busy == []
        free = now + timedelta(seconds=61)
        done = run_due(
            store, at("2026-03-05 07:05"), config=config, manager=manager, clock=lambda: free
        )
        assert outcomes(done) == [("03-05 07:00", "ok")]

    def test_an_interrupted_run_lets_its_lease_lapse_and_is_retried_at_once(
        self, store: Store, manager: PluginManager
    ) -> None:
        config = schedules_config(DAILY)

        def interrupted(store: Store, **kwargs: Any) -> RunResult:
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            run_due(
                store, at("2026-03-05 07:05"), config=config, manager=manager, runner=interrupted
            )
        row = get_slot(store, "daily", at("2026-03-05 07:00"))
        assert row is not None
        assert row.outcome == "running"
        done = run_due(store, at("2026-03-05 07:06"), config=config, manager=manager)
        assert outcomes(done) == [("03-05 07:00", "ok")]
        assert done[0].attempt == 2


class TestFailures:
    def test_a_check_that_raises_is_recorded_failed_and_the_other_schedules_run(
        self, store: Store, manager: PluginManager
    ) -> None:
        config = schedules_config(
            {**DAILY, "name": "broken", "rules": ["NO-SUCH-RULE"]}, {**DAILY, "name": "fine"}
        )
        done = run_due(store, at("2026-03-05 07:05"), config=config, manager=manager)
        assert outcomes(done) == [("03-05 07:00", "failed"), ("03-05 07:00", "ok")]
        assert "EngineUsageError" in (done[0].error or "")
        assert done[0].needs_attention
        assert not done[1].needs_attention
        assert [h.outcome for h in history(store, "broken")] == ["failed"]
        # A failed slot is handled: it is not run again.
        assert run_due(store, at("2026-03-05 07:30"), config=config, manager=manager) == []

    def test_rule_errors_are_counted_and_the_slot_outcome_is_errors(
        self, store: Store, manager: PluginManager
    ) -> None:
        @rule(
            id="T-SCHED-BOOM",
            title_zh="出错",
            title_en="Raises",
            category="procedure",
            severity="S3",
            legal_basis=LegalBasis(instrument="测试", instrument_en="test", article="1"),
            applies_to="lead",
        )
        def boom(lead: Any, ctx: Any) -> None:
            raise RuntimeError("broken rule")

        manager.register_rules(boom, name="boom")
        done = run_due(
            store, at("2026-03-05 07:05"), config=schedules_config(DAILY), manager=manager
        )
        assert outcomes(done) == [("03-05 07:00", "errors")]
        assert done[0].rule_errors == 1
        assert done[0].opened == 10
        assert history(store)[0].rule_errors == 1

    def test_should_stop_is_asked_between_slots(self, store: Store, manager: PluginManager) -> None:
        config = schedules_config({**DAILY, "catch_up": "all"})
        run_due(store, at("2026-03-05 07:05"), config=config, manager=manager)
        calls = CountingRunner()
        done = run_due(
            store,
            at("2026-03-08 07:05"),
            config=config,
            manager=manager,
            runner=calls,
            should_stop=lambda: len(calls.calls) >= 1,
        )
        assert outcomes(done) == [("03-06 07:00", "ok")]
        rest = run_due(store, at("2026-03-08 07:05"), config=config, manager=manager)
        assert outcomes(rest) == [("03-07 07:00", "ok"), ("03-08 07:00", "ok")]

    def test_the_same_findings_as_a_direct_check(
        self, store: Store, manager: PluginManager, tmp_path: Any
    ) -> None:
        run_due(store, at("2026-03-05 07:05"), config=schedules_config(DAILY), manager=manager)
        with Store.open(tmp_path / "direct.sqlite") as direct:
            from . import sched_rules

            direct.put_records(sched_rules.seed_leads())
            run_check(direct, as_of=at("2026-03-05 07:00"), manager=manager)
            assert _fingerprints(direct) == _fingerprints(store)


def _fingerprints(store: Store) -> set[str]:
    from enforcement_supervision.store._internal import findings

    with store.engine.connect() as connection:
        return {row.fingerprint for row in connection.execute(select(findings.c.fingerprint))}


def test_history_filters(store: Store, manager: PluginManager) -> None:
    config = schedules_config({**DAILY, "catch_up": "latest"}, {**DAILY, "name": "b"})
    run_due(store, at("2026-03-05 07:05"), config=config, manager=manager)
    run_due(store, at("2026-03-08 09:00"), config=config, manager=manager)
    assert len(history(store)) == 8
    assert [h.outcome for h in history(store, "daily", limit=2)] == ["ok", "missed"]
    assert len(history(store, outcomes=[SlotOutcome.MISSED])) == 4
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(runs)).scalar() == 4
