"""The engine's per-subject state: kept by a full run only where it carries information, by an
incremental run for every subject it evaluated; the checkpoint says what the rule covers."""

from __future__ import annotations

from sqlalchemy import select

from enforcement_supervision.engine import open_findings, run_check
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import load_checkpoints, rule_state

from .conftest import make_manager
from .rules_for_tests import CORE_RULES, agency, lead


def state_rows(store: Store, rule_id: str) -> dict[str, object]:
    with store.engine.connect() as connection:
        return {
            row.subject_key: row.recheck_at
            for row in connection.execute(
                select(rule_state.c.subject_key, rule_state.c.recheck_at).where(
                    rule_state.c.rule_id == rule_id
                )
            )
        }


def test_full_runs_keep_state_only_where_it_carries_information(db_url: str) -> None:
    manager = make_manager(*CORE_RULES)
    with Store.open(db_url) as store:
        store.put_records(
            [
                agency("AG-1"),
                # decided in time: no finding, no recheck time → no state row
                lead("L-DONE", received_date="2025-01-02", filing_decision_date="2025-01-05"),
                # open, deadline not yet passed on the check day → a recheck time
                lead("L-WAIT", received_date="2025-02-25"),
                # open, deadline passed → a finding
                lead("L-LATE", received_date="2025-01-02"),
            ]
        )
        run_check(store, as_of="2025-03-01", manager=manager, mode="full")
        rows = state_rows(store, "T-LEAD-15D")
        assert set(rows) == {"lead/L-WAIT", "lead/L-LATE"}
        assert rows["lead/L-WAIT"] is not None  # due again when its deadline passes
        checkpoints = load_checkpoints(store)
        assert checkpoints["T-LEAD-15D"].subjects == "records:lead"
        assert checkpoints["T-AGENCY-LEADS"].subjects == "anchors:agency:agency"
        assert checkpoints["T-LEAD-15D"].full_as_of is not None

        # An incremental run remembers every subject it evaluated (for earlier instants).
        store.put_records(
            [lead("L-DONE", received_date="2025-01-02", filing_decision_date="2025-01-06")]
        )
        again = run_check(store, as_of="2025-03-02", manager=manager)
        assert again.evaluated >= 1
        assert "lead/L-DONE" in state_rows(store, "T-LEAD-15D")
        # ... and the next full run forgets it again.
        run_check(store, as_of="2025-03-03", manager=manager, mode="full")
        assert "lead/L-DONE" not in state_rows(store, "T-LEAD-15D")


def test_a_vanished_group_with_findings_is_resolved_by_a_full_run(db_url: str) -> None:
    """Subjects with findings keep state, so a full run notices when they are gone."""
    manager = make_manager(*CORE_RULES)
    leads = [lead(f"L-{n}", received_date="2025-01-02", source="referral") for n in (1, 2)]
    with Store.open(db_url) as store:
        store.put_records([agency("AG-1"), *leads])
        run_check(store, as_of="2025-03-01", manager=manager, mode="full")
        assert "lead-source/referral" in state_rows(store, "T-SOURCE-BACKLOG")
        assert [
            f.finding.subject.key for f in open_findings(store, rules=["T-SOURCE-BACKLOG"])
        ] == ["lead-source/referral"]
        # Both referral leads turn out to be complaints: the "referral" group is gone.
        store.put_records(
            [lead(f"L-{n}", received_date="2025-01-02", source="complaint") for n in (1, 2)]
        )
        result = run_check(store, as_of="2025-03-01", manager=manager, mode="full")
        assert "lead-source/referral" not in state_rows(store, "T-SOURCE-BACKLOG")
        assert [
            f.finding.subject.key for f in open_findings(store, rules=["T-SOURCE-BACKLOG"])
        ] == ["lead-source/complaint"]
        assert result.resolved == 1
        assert result.opened == 1
