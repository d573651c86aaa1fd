"""Waivers (four eyes, non-waivable rules, expiry, stale) and the baseline (only shrinks)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from enforcement_supervision import followup
from enforcement_supervision._host import PluginManager
from enforcement_supervision.engine import run_check
from enforcement_supervision.followup import WaiverError
from enforcement_supervision.store import Store, get_finding, verify_event_chain
from tests.engine.rules_for_tests import lead

from .conftest import AS_OF, fingerprint_of

AT = datetime(2025, 4, 2, 1, 0, tzinfo=UTC)


def test_a_waiver_requested_and_approved_by_the_same_person_is_refused(
    checked: Store, manager: PluginManager
) -> None:
    fingerprint = fingerprint_of(checked, "T-LEAD-15D", "L-01")
    with pytest.raises(WaiverError, match="requester"):
        followup.waive(
            checked,
            fingerprint,
            requested_by="王科长",
            approved_by="王科长",
            reason_category="accepted",
            justification="x",
            expires="2025-12-31",
            manager=manager,
            at=AT,
        )
    assert followup.list_waivers(checked) == []
    # Two steps: the request waits; its requester cannot approve it.
    waiver = followup.request_waiver(
        checked,
        fingerprint,
        requested_by="王科长",
        reason_category="legal_exception",
        justification="法定不予立案情形",
        expires="2025-12-31",
        manager=manager,
        at=AT,
    )
    assert waiver.state == "pending"
    assert get_finding(checked, fingerprint).status == "open"
    with pytest.raises(WaiverError, match="requester"):
        followup.approve_waiver(checked, waiver.waiver_id, approved_by="王科长", at=AT)
    followup.approve_waiver(checked, waiver.waiver_id, approved_by="赵局长", at=AT)
    assert get_finding(checked, fingerprint).status == "waived"
    waived = followup.history(checked, fingerprint)[-1]
    assert waived.kind == "waived"
    assert waived.actor == "赵局长"
    assert waived.data["requested_by"] == "王科长"
    assert waived.data["reason_category"] == "legal_exception"
    assert waived.data["expires"] == "2025-12-31"
    assert verify_event_chain(checked) is None


def test_a_non_waivable_rule_refuses_waivers(checked: Store, manager: PluginManager) -> None:
    fingerprint = fingerprint_of(checked, "T-LEAD-SUMMARY", "L-03")
    with pytest.raises(WaiverError, match="not waivable"):
        followup.request_waiver(
            checked,
            fingerprint,
            requested_by="甲",
            reason_category="false_positive",
            justification="x",
            expires="2025-12-31",
            manager=manager,
            at=AT,
        )
    assert followup.list_waivers(checked) == []
    assert followup.rule_waivable("T-LEAD-15D", manager=manager)


def test_an_expired_waiver_resurfaces_the_finding(checked: Store, manager: PluginManager) -> None:
    fingerprint = fingerprint_of(checked, "T-LEAD-15D", "L-01")
    followup.waive(
        checked,
        fingerprint,
        requested_by="甲",
        approved_by="乙",
        reason_category="accepted",
        justification="暂缓",
        expires="2025-04-30",
        manager=manager,
        at=AT,
    )
    assert followup.expire_waivers(checked, "2025-04-30") == []  # the last day still holds
    expired = followup.expire_waivers(checked, "2025-05-01")
    assert [(e.waiver.fingerprint, e.status) for e in expired] == [(fingerprint, "reopened")]
    stored = get_finding(checked, fingerprint)
    assert stored.status == "reopened"
    assert stored.active
    assert followup.history(checked, fingerprint)[-1].kind == "waiver_expired"
    assert followup.list_waivers(checked, states=["expired"])[0].waiver_id == 1
    # The engine keeps it open on the next run.
    run_check(checked, as_of=AS_OF, manager=manager, mode="full")
    assert get_finding(checked, fingerprint).status == "reopened"
    assert verify_event_chain(checked) is None


def test_a_stale_waiver_is_reported(checked: Store, manager: PluginManager) -> None:
    fingerprint = fingerprint_of(checked, "T-LEAD-15D", "L-02")
    followup.waive(
        checked,
        fingerprint,
        requested_by="甲",
        approved_by="乙",
        reason_category="false_positive",
        justification="实际已立案",
        expires="2025-12-31",
        manager=manager,
        at=AT,
    )
    assert followup.stale_waivers(checked) == []
    checked.put_records([lead("L-02", summary="有摘要", filing_decision_date="2025-03-05")])
    run_check(checked, as_of=AS_OF, manager=manager)
    stale = followup.stale_waivers(checked)
    assert [w.fingerprint for w in stale] == [fingerprint]
    report = followup.after_check(checked, AS_OF)
    assert [w.waiver_id for w in report.stale] == [stale[0].waiver_id]
    assert any("no longer detected" in line for line in report.describe("en"))
    # When it expires, it ends; the finding is resolved rather than reopened.
    expired = followup.expire_waivers(checked, "2026-01-01")
    assert [e.status for e in expired] == ["resolved"]
    assert followup.stale_waivers(checked) == []


def test_reopening_a_waived_finding_revokes_the_waiver(
    checked: Store, manager: PluginManager
) -> None:
    fingerprint = fingerprint_of(checked, "T-LEAD-15D", "L-03")
    followup.waive(
        checked,
        fingerprint,
        requested_by="甲",
        approved_by="乙",
        reason_category="accepted",
        justification="x",
        expires="2025-12-31",
        manager=manager,
        at=AT,
    )
    followup.reopen(checked, fingerprint, actor="丙", reason="豁免理由不成立", at=AT)
    assert [e.kind for e in followup.history(checked, fingerprint)][-2:] == [
        "unwaived",
        "reopened",
    ]
    assert followup.list_waivers(checked, states=["revoked"])[0].fingerprint == fingerprint


def test_the_baseline_only_shrinks(checked: Store, manager: PluginManager) -> None:
    info = followup.create_baseline(checked, actor="王科长", note="上线前存量", at=AT)
    assert info.created
    assert info.initial_size == info.current_size == 4
    in_baseline = {s.fingerprint for s in followup.list_findings(checked) if s.in_baseline}
    assert len(in_baseline) == 4
    # A new finding does not enter it, not even when the baseline is created again.
    checked.put_records([lead("L-04", summary="有摘要")])
    run_check(checked, as_of=AS_OF, manager=manager)
    again = followup.create_baseline(checked, actor="王科长", at=AT)
    assert not again.created
    assert again.current_size == 4
    new = fingerprint_of(checked, "T-LEAD-15D", "L-04")
    assert not get_finding(checked, new).in_baseline
    # Resolved by the engine: it leaves (at the next check or baseline call).
    checked.put_records([lead("L-01", summary="有摘要", filing_decision_date="2025-03-05")])
    run_check(checked, as_of=AS_OF, manager=manager)
    assert followup.shrink_baseline(checked) == 1
    # Closed by people: it leaves at once.
    closed = fingerprint_of(checked, "T-LEAD-15D", "L-02")
    followup.notify(
        checked, closed, actor="甲", document_number="N", rectification_due="2025-05-01", at=AT
    )
    followup.rectify(checked, closed, actor="乙", description="改了", at=AT)
    followup.close(checked, closed, actor="甲", at=AT)
    assert not get_finding(checked, closed).in_baseline
    # Reopened by the engine: it does not come back.
    checked.put_records([lead("L-01", summary="有摘要")])
    run_check(checked, as_of=AS_OF, manager=manager)
    info = followup.create_baseline(checked, at=AT)
    assert info.initial_size == 4
    assert info.current_size == 2
    baseline_info = followup.baseline_info(checked)
    assert baseline_info is not None
    assert baseline_info.current_size == 2
    assert not get_finding(checked, fingerprint_of(checked, "T-LEAD-15D", "L-01")).in_baseline
    assert verify_event_chain(checked) is None
