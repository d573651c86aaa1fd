"""run_check on real SQLite files: findings stored with reasons, incremental runs, recheck
times, reconciliation with events, errors that do not stop the run, budgets, warnings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, update

from enforcement_supervision._host import PluginManager, PluginStatus, load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.engine import (
    EngineSettings,
    EngineUsageError,
    Progress,
    RunResult,
    finding_history,
    get_finding,
    get_run,
    list_runs,
    open_findings,
    parse_as_of,
    run_check,
    select_rules,
)
from enforcement_supervision.rules import RuleConfigurationError, hookimpl
from enforcement_supervision.statutory_time import SHANGHAI, HolidaySchedule, provisional_schedule
from enforcement_supervision.store import FindingStatus, Store, query_findings
from enforcement_supervision.store._internal import findings, rule_checkpoints

from .conftest import TEST_RULES_MODULE, MakeDist, make_manager
from .rules_for_tests import (
    CORE_RULES,
    agency,
    agency_leads,
    boom,
    lead,
    lead_agency,
    lead_deadline,
    summary_rule,
)


def active(store: Store) -> dict[str, tuple[str, str]]:
    """Active findings as ``{subject key + rule: (status, message_en)}``."""
    return {
        f"{s.finding.rule_id} {s.finding.subject.key}": (s.status, s.finding.message_en)
        for s in open_findings(store)
    }


def seed(store: Store) -> None:
    store.put_records([agency("AG-1"), agency("AG-2", inspection_subject_confirmed=False)])
    store.put_records(
        [
            lead("L-01", received_date="2025-03-03"),  # 15 days → 03-18, passes 03-19 00:00
            lead("L-02", received_date="2025-03-05"),  # → 03-20, passes 03-21 00:00
            lead("L-03", received_date="2025-03-03", filing_decision_date="2025-03-10"),
            lead("L-04", agency_id="AG-2", received_date="2025-03-10"),
        ]
    )


class TestFirstAndSecondRun:
    def test_a_check_stores_findings_with_reasons_and_the_run(
        self, store: Store, manager: PluginManager
    ) -> None:
        seed(store)
        result = run_check(store, as_of="2025-03-19", manager=manager)
        assert result.outcome == "ok"
        assert result.errors == ()
        assert result.evaluated == 4 + 4 + 2 + 1  # two one-record rules, two groups
        assert active(store) == {
            "T-LEAD-15D lead/L-01": ("open", "lead L-01: no filing decision in time"),
            "T-LEAD-AGENCY lead/L-04": ("open", "lead L-04: agency AG-2 not confirmed"),
            "T-AGENCY-LEADS agency/AG-2": ("open", "agency AG-2: 1 lead(s)"),
        }
        assert (result.opened, result.active) == (3, 3)
        assert result.active_by_severity == {"S2": 1, "S3": 2}
        assert result.active_by_category == {
            "inaction": 1,
            "personnel": 1,
            "supervision-mechanism": 1,
        }
        # 30 days after the first leads, the source backlog rule's recheck time comes.
        later = run_check(store, as_of="2025-04-05", manager=manager)
        assert later.rule_timings["T-SOURCE-BACKLOG"]["evaluated"] == 1
        assert "T-SOURCE-BACKLOG lead-source/complaint" in active(store)

        late = next(s for s in open_findings(store, rules=["T-LEAD-15D"]))
        reasons = late.finding.reasons
        assert reasons.facts == {"received_date": "2025-03-03", "filing_decision_date": None}
        assert reasons.deadlines[0].due_date.isoformat() == "2025-03-18"
        assert "2025-03-03" in reasons.deadlines[0].trace_zh
        assert reasons.parameters == {"days": 15}
        assert late.first_seen_run == result.run_id
        assert "期限" in late.finding.statement("zh")

        stored = get_run(store, result.run_id[:8])
        assert stored.outcome == "ok"
        assert stored.counts["opened"] == 3
        assert set(stored.rule_timings) == {r.id for r in CORE_RULES}
        assert RunResult.from_record(stored).active_by_severity == result.active_by_severity

    def test_a_second_run_without_changes_evaluates_nothing_and_reports_the_same(
        self, store: Store, manager: PluginManager
    ) -> None:
        seed(store)
        first = run_check(store, as_of="2025-03-19T09:00", manager=manager)
        before = active(store)
        second = run_check(store, as_of="2025-03-19T09:00", manager=manager)
        assert second.evaluated == 0
        assert second.skipped == first.evaluated
        assert (second.opened, second.resolved, second.reopened) == (0, 0, 0)
        assert second.active == first.active == second.still_open
        assert active(store) == before
        assert [r.run_id for r in list_runs(store)] == [second.run_id, first.run_id]

    def test_advancing_as_of_flags_exactly_the_records_whose_deadline_passed(
        self, store: Store, manager: PluginManager
    ) -> None:
        seed(store)
        run_check(store, as_of="2025-03-18T23:59", manager=manager)
        assert "T-LEAD-15D lead/L-01" not in active(store)
        # 03-19 00:00: L-01's deadline (03-18) has passed; L-02's (03-20) has not.
        result = run_check(store, as_of="2025-03-19", manager=manager)
        assert result.evaluated == 1  # only L-01's recheck time came
        assert result.opened == 1
        flagged = {k for k in active(store) if k.startswith("T-LEAD-15D")}
        assert flagged == {"T-LEAD-15D lead/L-01"}
        run_check(store, as_of="2025-03-25", manager=manager)  # L-04's last day is 03-25
        flagged = {k for k in active(store) if k.startswith("T-LEAD-15D")}
        assert flagged == {"T-LEAD-15D lead/L-01", "T-LEAD-15D lead/L-02"}
        run_check(store, as_of="2025-03-26", manager=manager)
        flagged = {k for k in active(store) if k.startswith("T-LEAD-15D")}
        assert flagged == {"T-LEAD-15D lead/L-01", "T-LEAD-15D lead/L-02", "T-LEAD-15D lead/L-04"}

    def test_as_of_going_backwards_is_a_retrospective_that_changes_nothing(
        self, store: Store, manager: PluginManager
    ) -> None:
        seed(store)
        run_check(store, as_of="2025-03-26", manager=manager)
        before = active(store)
        assert "T-LEAD-15D lead/L-04" in before
        back = run_check(store, as_of="2025-03-19", manager=manager)
        # The store moves forward only: the earlier instant reports, and resolves nothing.
        assert back.retrospective
        assert (back.opened, back.resolved, back.reopened) == (0, 0, 0)
        assert active(store) == before
        # What a check on 03-19 finds: L-02 and L-04 were not late yet.
        late = {f.subject.key for f in back.findings if f.rule_id == "T-LEAD-15D"}
        assert late == {"lead/L-01"}
        assert back.active == len(back.findings)
        # A later instant is a normal check again.
        assert not run_check(store, as_of="2025-03-27", manager=manager).retrospective

    def test_a_schedule_slot_caught_up_after_a_later_check_is_a_retrospective_of_that_slot(
        self, store: Store, manager: PluginManager
    ) -> None:
        # Two processes catching up slots may finish the later one first; the earlier slot
        # then only reports, and its run row still says which slot it ran for.
        seed(store)
        run_check(store, as_of="2025-03-26", manager=manager, schedule="daily")
        slot = datetime(2025, 3, 18, 23, 0, tzinfo=UTC)
        back = run_check(store, as_of=slot, manager=manager, schedule="daily", slot=slot)
        assert back.retrospective
        stored = get_run(store, back.run_id)
        assert (stored.mode, stored.schedule, stored.slot) == ("retrospective", "daily", slot)

    def test_run_hooks_fire_for_a_retrospective_and_finding_hooks_do_not(
        self, store: Store
    ) -> None:
        seen: list[tuple[str, str]] = []

        class Listener:
            @hookimpl
            def esup_run_started(self, run: Any) -> None:
                seen.append(("started", run.mode))

            @hookimpl
            def esup_run_finished(self, run: Any) -> None:
                seen.append(("finished", run.mode))

            @hookimpl
            def esup_finding_opened(self, finding: Any, run: Any) -> None:
                seen.append(("opened", run.mode))

        manager = make_manager(lead_deadline)
        manager.register(Listener(), "listener")
        seed(store)
        run_check(store, as_of="2025-03-26", manager=manager)
        seen.clear()
        assert run_check(store, as_of="2025-03-19", manager=manager).retrospective
        assert seen == [("started", "retrospective"), ("finished", "retrospective")]


class TestReconciliation:
    def test_resolved_when_fixed_reopened_when_broken_again_with_events_and_hooks(
        self, store: Store
    ) -> None:
        seen: list[tuple[str, str]] = []

        class Listener:
            @hookimpl
            def esup_finding_opened(self, finding: Any, run: Any) -> None:
                seen.append(("opened", finding.subject.key))

            @hookimpl
            def esup_finding_resolved(self, finding: Any, run: Any) -> None:
                seen.append(("resolved", finding.subject.key))

            @hookimpl
            def esup_finding_reopened(self, finding: Any, run: Any) -> None:
                seen.append(("reopened", finding.subject.key))

        manager = make_manager(lead_deadline)
        manager.register(Listener(), "listener")
        store.put_records([lead("L-01")])
        first = run_check(store, as_of="2025-04-01", manager=manager)
        fp = open_findings(store)[0].fingerprint

        store.put_records([lead("L-01", filing_decision_date="2025-03-10")])
        fixed = run_check(store, as_of="2025-04-01", manager=manager)
        assert (fixed.evaluated, fixed.resolved, fixed.active) == (1, 1, 0)
        assert get_finding(store, fp[:10]).status == FindingStatus.RESOLVED

        store.put_records([lead("L-01", filing_decision_date="2025-03-30")])  # late after all
        broken = run_check(store, as_of="2025-04-01", manager=manager)
        assert (broken.reopened, broken.active) == (1, 1)
        stored = get_finding(store, fp)
        assert (stored.status, stored.detected, stored.resolved_at) == ("reopened", True, None)
        assert stored.finding.reasons.facts["filing_decision_date"] == "2025-03-30"

        history = finding_history(store, fp[:12])
        assert [e.kind for e in history] == ["opened", "resolved", "reopened"]
        assert [e.run_id for e in history] == [first.run_id, fixed.run_id, broken.run_id]
        assert seen == [
            ("opened", "lead/L-01"),
            ("resolved", "lead/L-01"),
            ("reopened", "lead/L-01"),
        ]

    def test_statuses_set_by_people_are_never_clobbered(self, store: Store) -> None:
        manager = make_manager(lead_deadline)
        store.put_records([lead("L-01")])
        run_check(store, as_of="2025-04-01", manager=manager)
        fp = open_findings(store)[0].fingerprint
        with store.engine.begin() as connection:  # what issue 6's `notify` verb will do
            connection.execute(
                update(findings).where(findings.c.fingerprint == fp).values(status="notified")
            )
        store.put_records([lead("L-01", filing_decision_date="2025-03-10")])
        result = run_check(store, as_of="2025-04-01", manager=manager)
        assert (result.resolved, result.undetected) == (0, 1)
        stored = get_finding(store, fp)
        assert (stored.status, stored.detected, stored.active) == ("notified", False, False)

        store.put_records([lead("L-01")])
        result = run_check(store, as_of="2025-04-01", manager=manager)
        assert (result.reopened, result.redetected) == (0, 1)
        stored = get_finding(store, fp)
        assert (stored.status, stored.detected) == ("notified", True)
        assert [e.kind for e in finding_history(store, fp)] == [
            "opened",
            "undetected",
            "redetected",
        ]

    def test_a_changed_dependency_re_evaluates_the_subjects_that_looked_it_up(
        self, store: Store
    ) -> None:
        manager = make_manager(lead_agency)
        store.put_records([agency("AG-1", inspection_subject_confirmed=False)])
        store.put_records([lead("L-01"), lead("L-02"), lead("L-09", agency_id="AG-9")])
        run_check(store, as_of="2025-04-01", manager=manager)
        assert len(active(store)) == 3
        store.put_records([agency("AG-1")])  # confirmed now
        result = run_check(store, as_of="2025-04-01", manager=manager)
        assert (result.evaluated, result.resolved) == (2, 2)
        store.put_records([agency("AG-9")])  # an agency that did not exist appears
        result = run_check(store, as_of="2025-04-01", manager=manager)
        assert (result.evaluated, result.resolved) == (1, 1)
        assert active(store) == {}

    def test_a_record_moving_between_groups_re_evaluates_both_groups(self, store: Store) -> None:
        manager = make_manager(agency_leads)
        store.put_records([agency("AG-1"), agency("AG-2")])
        store.put_records([lead("L-01"), lead("L-02"), lead("L-03", agency_id="AG-2")])
        run_check(store, as_of="2025-04-01", manager=manager)
        assert set(active(store)) == {"T-AGENCY-LEADS agency/AG-2"}
        store.put_records([lead("L-01", agency_id="AG-2")])
        result = run_check(store, as_of="2025-04-01", manager=manager)
        assert result.evaluated == 2
        assert set(active(store)) == {"T-AGENCY-LEADS agency/AG-1"}
        full = run_check(store, as_of="2025-04-01", manager=manager, mode="full")
        assert (full.opened, full.resolved) == (0, 0)

    def test_a_changed_parameter_re_evaluates_every_subject_of_that_rule_only(
        self, store: Store
    ) -> None:
        seed(store)
        run_check(store, as_of="2025-03-19", manager=make_manager(*CORE_RULES))
        config = Config(data={"rules": {"T-LEAD-15D": {"days": 30}}})
        result = run_check(
            store, as_of="2025-03-19", manager=make_manager(*CORE_RULES, config=config)
        )
        assert result.rule_timings["T-LEAD-15D"]["evaluated"] == 4
        assert result.rule_timings["T-LEAD-15D"]["full"] is True
        assert result.rule_timings["T-LEAD-AGENCY"]["evaluated"] == 0
        assert result.resolved == 1  # L-01 is within 30 days

    def test_a_newly_loaded_holiday_schedule_starts_every_rule_over(self, store: Store) -> None:
        seed(store)
        manager = make_manager(lead_deadline)
        run_check(store, as_of="2025-03-19", manager=manager)
        schedule = provisional_schedule(2027)  # stands in for next year's official notice

        class Calendar:
            @hookimpl
            def esup_holiday_schedules(self) -> list[HolidaySchedule]:
                return [schedule]

        manager.register(Calendar(), "calendar-2027")
        result = run_check(store, as_of="2025-03-19", manager=manager)
        assert result.evaluated == 4


class TestErrors:
    def test_a_raising_rule_and_a_broken_plugin_are_errors_while_other_findings_are_stored(
        self, store: Store, fake_dist: MakeDist
    ) -> None:
        fake_dist(
            "esup-fake-broken",
            {"fake_broken": "raise ImportError('driver missing')\n"},
            {"fake-broken": "fake_broken"},
        )
        fake_dist(
            "esup-fake-rules", {"fake_rules": TEST_RULES_MODULE}, {"fake-rules": "fake_rules"}
        )
        notified: list[str] = []

        class Alerts:
            @hookimpl
            def esup_rule_error(self, rule_id: str, plugin: str | None, error: Any) -> None:
                notified.append(f"{plugin}/{rule_id}: {error.message}")

        manager = load_plugins(
            Config(data={"plugins": {"allow": ["fake-broken", "fake-rules", "alerts"]}})
        )
        manager.register(Alerts(), "alerts")
        assert manager.plugin("fake-broken").status is PluginStatus.ERROR
        seed(store)
        store.put_records([lead("L-05", summary="boom"), lead("L-06", summary="boom")])
        result = run_check(store, as_of="2025-03-19", manager=manager)

        assert result.outcome == "errors"
        assert result.exit_status("S1") == 3
        errors = {(e.kind, e.plugin, e.rule_id): e for e in result.errors}
        assert set(errors) == {("plugin", "fake-broken", None), ("rule", "fake-rules", "T-BOOM")}
        assert "driver missing" in errors[("plugin", "fake-broken", None)].message
        rule_error = errors[("rule", "fake-rules", "T-BOOM")]
        assert (rule_error.count, rule_error.error_type) == (2, "RuntimeError")
        assert rule_error.subjects == ("lead/L-05", "lead/L-06")
        assert "the rule broke" in rule_error.traceback
        assert notified == ["fake-rules/T-BOOM: the rule broke on this lead"]
        # Every other rule's findings are stored.
        assert "T-LEAD-15D lead/L-01" in active(store)
        assert "T-AGENCY-LEADS agency/AG-2" in active(store)
        stored = get_run(store, result.run_id)
        assert stored.outcome == "errors"
        assert {e["kind"] for e in stored.errors} == {"plugin", "rule"}
        # A failed subject is evaluated again at the next run, and fails again.
        again = run_check(store, as_of="2025-03-19", manager=manager)
        assert again.rule_timings["T-BOOM"]["evaluated"] == 2
        assert again.exit_status() == 3

    def test_a_failing_group_key_is_an_error_and_the_member_keeps_its_group(
        self, store: Store
    ) -> None:
        from enforcement_supervision.rules import GroupBy, rule

        from .rules_for_tests import BASIS

        def key(record: Any) -> str:
            if record.summary == "bad key":
                raise ValueError("cannot group this lead")
            return str(record.agency_id)

        @rule(
            id="T-PER-AGENCY",
            title_zh="分组",
            title_en="grouped",
            category="procedure",
            severity="S4",
            legal_basis=BASIS,
            applies_to="lead",
            group_by=GroupBy(key=key, name="agency"),
        )
        def per_agency(group: Any, ctx: Any) -> None:
            ctx.finding(message_zh="组", message_en=f"{len(group)} lead(s)")

        manager = make_manager(per_agency)
        store.put_records([lead("L-01"), lead("L-02"), lead("L-03", agency_id="AG-2")])
        run_check(store, as_of="2025-04-01", manager=manager)
        store.put_records([lead("L-01", summary="bad key", agency_id="AG-2")])
        result = run_check(store, as_of="2025-04-01", manager=manager)
        (error,) = result.errors
        assert (error.kind, error.rule_id, error.subject) == ("rule", "T-PER-AGENCY", "lead/L-01")
        assert "group key failed" in error.message
        # L-01 stays a member of its old group until its key can be computed again.
        assert active(store)["T-PER-AGENCY agency/AG-1"][1] == "2 lead(s)"
        store.put_records([lead("L-01", agency_id="AG-2")])
        result = run_check(store, as_of="2025-04-01", manager=manager)
        assert result.errors == ()
        assert active(store) == {
            "T-PER-AGENCY agency/AG-1": ("open", "1 lead(s)"),
            "T-PER-AGENCY agency/AG-2": ("open", "2 lead(s)"),
        }

    def test_undecided_becomes_a_run_note_and_keeps_earlier_findings(self, store: Store) -> None:
        manager = make_manager(summary_rule)
        store.put_records([lead("L-01", summary="涉嫌违法"), lead("L-02")])
        result = run_check(store, as_of="2025-04-01", manager=manager)
        assert result.note_counts == {"undecided": 1}
        assert result.notes[0]["subject_id"] == "L-02"
        assert set(active(store)) == {"T-SUMMARY lead/L-01"}
        assert get_run(store, result.run_id).notes[0]["kind"] == "undecided"
        # The summary is lost: the rule cannot decide, so the open finding is not resolved.
        store.put_records([lead("L-01")])
        result = run_check(store, as_of="2025-04-01", manager=manager)
        assert result.resolved == 0
        assert set(active(store)) == {"T-SUMMARY lead/L-01"}

    def test_a_call_over_its_time_budget_is_stopped_and_the_run_goes_on(self, store: Store) -> None:
        import time

        from enforcement_supervision.rules import rule

        from .rules_for_tests import BASIS

        @rule(
            id="T-SLOW",
            title_zh="慢",
            title_en="slow",
            category="procedure",
            severity="S3",
            legal_basis=BASIS,
            applies_to="lead",
        )
        def slow(record: Any, ctx: Any) -> None:
            if record.summary == "slow":
                time.sleep(5)

        manager = make_manager(slow, lead_deadline)
        store.put_records([lead("L-01", summary="slow"), lead("L-02")])
        settings = EngineSettings(rule_timeout=0.2, rule_budget=None)
        started = time.perf_counter()
        result = run_check(store, as_of="2025-04-01", manager=manager, settings=settings)
        assert time.perf_counter() - started < 4
        (error,) = result.errors
        assert (error.kind, error.rule_id, error.error_type) == ("timeout", "T-SLOW", "RuleTimeout")
        assert error.subject == "lead/L-01"
        assert len(active(store)) == 2  # T-LEAD-15D's findings are stored

    def test_a_rule_over_its_cumulative_budget_stops_and_catches_up_next_run(
        self, store: Store
    ) -> None:
        import time

        from enforcement_supervision.rules import rule

        from .rules_for_tests import BASIS

        @rule(
            id="T-SLUGGISH",
            title_zh="较慢",
            title_en="sluggish",
            category="procedure",
            severity="S3",
            legal_basis=BASIS,
            applies_to="lead",
        )
        def sluggish(record: Any, ctx: Any) -> None:
            time.sleep(0.06)
            ctx.finding(message_zh="慢", message_en="slow")

        manager = make_manager(sluggish)
        store.put_records([lead(f"L-{i:02d}") for i in range(6)])
        tight = EngineSettings(rule_timeout=None, rule_budget=0.1, batch_size=2)
        result = run_check(store, as_of="2025-04-01", manager=manager, settings=tight)
        (error,) = result.errors
        assert (error.kind, error.error_type) == ("budget", "RuleBudgetExceeded")
        assert result.evaluated < 6
        with store.engine.connect() as connection:
            assert connection.execute(select(rule_checkpoints)).all() == []
        result = run_check(store, as_of="2025-04-01", manager=manager)
        assert result.errors == ()
        assert len(active(store)) == 6

    def test_a_killed_run_leaves_consistent_batches_and_the_next_run_completes(
        self, store: Store, tmp_path: Any
    ) -> None:
        from enforcement_supervision.rules import rule

        from .rules_for_tests import BASIS

        @rule(
            id="T-KILL",
            title_zh="中断",
            title_en="interrupt",
            category="procedure",
            severity="S3",
            legal_basis=BASIS,
            applies_to="lead",
        )
        def interrupt(record: Any, ctx: Any) -> None:
            if record.summary == "kill":
                raise KeyboardInterrupt  # like a SIGINT in the middle of the run

        leads = [lead(f"L-{i:02d}") for i in range(10)]
        store.put_records(leads)
        store.put_records([lead("L-07", summary="kill")])
        manager = make_manager(lead_deadline, interrupt)
        small = EngineSettings(batch_size=3)
        with pytest.raises(KeyboardInterrupt):
            run_check(store, as_of="2025-04-01", manager=manager, settings=small)
        (failed,) = list_runs(store)
        assert failed.outcome == "failed"
        assert failed.errors[0]["error_type"] == "KeyboardInterrupt"
        partial = len(active(store))
        assert 0 < partial < 10
        events = {
            s.fingerprint: finding_history(store, s.fingerprint) for s in open_findings(store)
        }
        assert all([e.kind for e in history] == ["opened"] for history in events.values())

        store.put_records([lead("L-07")])
        done = run_check(store, as_of="2025-04-01", manager=manager, settings=small)
        assert done.outcome == "ok"
        reference = Store.open(tmp_path / "reference.sqlite")
        reference.put_records(leads)
        run_check(reference, as_of="2025-04-01", manager=manager, mode="full")
        assert active(store) == active(reference)


class TestSelectionAndConfiguration:
    def test_rules_are_selected_by_id_glob_category_and_plugin(self) -> None:
        manager = make_manager(*CORE_RULES, boom)
        ids = lambda *p: [r.id for r in select_rules(manager, p)]  # noqa: E731
        assert ids("T-LEAD-15D") == ["T-LEAD-15D"]
        assert ids("t-lead-*") == ["T-LEAD-15D", "T-LEAD-AGENCY"]
        assert ids("inaction") == ["T-LEAD-15D", "T-SOURCE-BACKLOG"]
        assert ids("test-rules") == sorted(r.id for r in (*CORE_RULES, boom))
        assert ids("T-BOOM,personnel") == ["T-BOOM", "T-LEAD-AGENCY"]
        with pytest.raises(EngineUsageError, match="no rule matches"):
            select_rules(manager, ["T-NOPE"])

    def test_a_partial_check_touches_only_the_selected_rules(
        self, store: Store, manager: PluginManager
    ) -> None:
        seed(store)
        result = run_check(store, as_of="2025-03-19", manager=manager, rules=["T-LEAD-*"])
        assert result.rules == ("T-LEAD-15D", "T-LEAD-AGENCY")
        assert {k.split()[0] for k in active(store)} == {"T-LEAD-15D", "T-LEAD-AGENCY"}

    def test_disabled_rules_are_skipped_and_bad_parameters_stop_before_anything(
        self, store: Store
    ) -> None:
        seed(store)
        config = Config(data={"rules": {"T-LEAD-15D": {"enabled": False}}})
        result = run_check(
            store, as_of="2025-03-19", manager=make_manager(*CORE_RULES, config=config)
        )
        assert "T-LEAD-15D" not in result.rules
        bad = Config(data={"rules": {"T-LEAD-15D": {"dayz": 3}}})
        with pytest.raises(RuleConfigurationError, match="dayz"):
            run_check(store, as_of="2025-03-19", manager=make_manager(*CORE_RULES, config=bad))
        assert len(list_runs(store)) == 1

    def test_engine_settings_come_from_the_engine_section(self) -> None:
        settings = EngineSettings.from_config(
            Config(data={"engine": {"rule_timeout": 0, "rule_budget": 30, "fail_on": "none"}})
        )
        assert (settings.rule_timeout, settings.rule_budget, settings.fail_on) == (None, 30.0, None)
        assert EngineSettings.from_config(Config()).fail_on is not None
        from enforcement_supervision.errors import ConfigurationError

        with pytest.raises(ConfigurationError, match="unknown key"):
            EngineSettings.from_config(Config(data={"engine": {"timeout": 3}}))

    def test_as_of_a_bare_date_is_midnight_in_shanghai(self) -> None:
        assert parse_as_of("2025-03-19") == datetime(2025, 3, 19, tzinfo=SHANGHAI)
        assert parse_as_of("2025-03-19T09:30") == datetime(2025, 3, 19, 9, 30, tzinfo=SHANGHAI)
        assert parse_as_of("2025-03-19T01:30:00Z").utcoffset().total_seconds() == 0  # type: ignore[union-attr]
        with pytest.raises(EngineUsageError):
            parse_as_of("yesterday")

    def test_from_november_a_missing_next_year_calendar_is_a_warning_on_the_run(
        self, store: Store, manager: PluginManager
    ) -> None:
        seed(store)
        result = run_check(store, as_of="2026-11-20", manager=manager)
        assert any("2027" in w["message_en"] for w in result.warnings)
        assert any(n["kind"] == "warning" for n in get_run(store, result.run_id).notes)
        quiet = run_check(store, as_of="2026-10-20", manager=manager)
        assert quiet.warnings == ()


class TestSources:
    def test_records_from_a_source_plugin_are_stored_and_checked(self, store: Store) -> None:
        class TownshipDb:
            name = "township-db"
            record_types = ("lead",)

            def iter_records(self, record_type: str) -> Any:
                yield {
                    "id": "L-01",
                    "agency_id": "AG-1",
                    "received_date": "2025-03-03",
                    "source": "complaint",
                }
                yield lead("L-02", received_date="2025-03-20")
                yield {
                    "id": "L-03",
                    "agency_id": "AG-1",
                    "received_date": "not a date",
                    "source": "complaint",
                }

        class SourcePlugin:
            @hookimpl
            def esup_record_sources(self) -> list[Any]:
                return [TownshipDb()]

        manager = make_manager(lead_deadline)
        manager.register(SourcePlugin(), "township-db")
        result = run_check(store, as_of="2025-04-01", manager=manager)
        assert result.records_synced == 2
        assert result.note_counts == {"record-rejected": 1}
        rejected = result.notes[0]
        assert (rejected["record_id"], rejected["fields"]) == ("L-03", ["received_date"])
        assert "not a date" not in str(rejected)  # values may be personal data: never stored
        assert set(active(store)) == {"T-LEAD-15D lead/L-01"}
        again = run_check(store, as_of="2025-04-01", manager=manager)
        assert (again.records_synced, again.evaluated) == (0, 0)


def test_query_findings_filters(store: Store, manager: PluginManager) -> None:
    seed(store)
    run_check(store, as_of="2025-03-19", manager=manager)
    assert len(query_findings(store, severities=["S3"])) == 2
    assert len(query_findings(store, rules=["T-*-LEADS"])) == 1
    assert len(query_findings(store, agency_id="AG-2")) == 2
    assert len(open_findings(store, min_severity="S2")) == 1
    assert len(query_findings(store, statuses=["resolved"])) == 0


def test_progress_is_reported_and_reaches_the_total(store: Store, manager: PluginManager) -> None:
    seed(store)
    seen: list[Progress] = []
    run_check(
        store,
        as_of="2025-03-19",
        manager=manager,
        progress=seen.append,
        settings=EngineSettings(batch_size=2),
    )
    assert seen
    assert all(p.done <= p.total for p in seen)
    assert max(p.done for p in seen) == 11
    assert [p.done for p in seen] == sorted(p.done for p in seen)
