"""The follow-through lifecycle: notify → rectify → close, reopen, invalid transitions, the
hash chain covering every transition, and the engine leaving human statuses alone."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest

from enforcement_supervision import followup
from enforcement_supervision._host import PluginManager
from enforcement_supervision.engine import run_check
from enforcement_supervision.followup import FollowupError, TransitionError
from enforcement_supervision.store import (
    Store,
    chain_lock,
    count_finding_events,
    get_finding,
    iter_chain,
    query_findings,
    verify_event_chain,
)
from tests.engine.rules_for_tests import lead

from .conftest import AS_OF, fingerprint_of

AT = datetime(2025, 4, 2, 1, 0, tzinfo=UTC)


def at(day: int) -> datetime:
    return datetime(2025, 4, day, 1, 0, tzinfo=UTC)


def walk_to_closed(store: Store, fingerprint: str) -> None:
    followup.notify(
        store,
        fingerprint,
        actor="王科长",
        document_number="清河执监〔2025〕1号",
        rectification_due="2025-04-20",
        reason="逾期未立案，限期整改",
        at=at(2),
    )
    followup.rectify(
        store,
        fingerprint,
        actor="李所长",
        description="已补作立案决定",
        evidence=["立案审批表.pdf", "lead/L-01"],
        rectified_on="2025-04-10",
        at=at(10),
    )
    followup.close(store, fingerprint, actor="王科长", reason="核验案卷属实", at=at(12))


def test_notify_rectify_close_shows_the_whole_history_with_actors(checked: Store) -> None:
    fingerprint = fingerprint_of(checked, "T-LEAD-15D", "L-01")
    walk_to_closed(checked, fingerprint)
    stored = get_finding(checked, fingerprint)
    assert stored.status == "closed"
    assert not stored.active
    events = followup.history(checked, fingerprint[:10])
    assert [(e.kind, e.actor) for e in events] == [
        ("opened", None),
        ("notified", "王科长"),
        ("rectified", "李所长"),
        ("closed", "王科长"),
    ]
    notified, rectified, closed = events[1:]
    assert notified.data["notice_number"] == "清河执监〔2025〕1号"
    assert notified.data["rectification_due"] == "2025-04-20"
    assert notified.reason == "逾期未立案，限期整改"
    assert rectified.reason == "已补作立案决定"
    assert rectified.data["evidence"] == ["立案审批表.pdf", "lead/L-01"]
    assert closed.data["verified_by"] == "王科长"
    assert closed.data["rectified_by"] == "李所长"
    state = followup.followup_state(checked, fingerprint)
    assert state.rectified_on is not None
    assert state.rectified_on.isoformat() == "2025-04-10"
    assert state.closed_by == "王科长"
    # Every transition is in the one chain, and the chain verifies.
    chain = list(iter_chain(checked))
    for before, after in itertools.pairwise(chain):
        assert after.prev_hash == before.hash
    assert verify_event_chain(checked) is None


def test_the_rectifier_cannot_close_their_own_rectification(checked: Store) -> None:
    fingerprint = fingerprint_of(checked, "T-LEAD-15D", "L-01")
    followup.notify(
        checked,
        fingerprint,
        actor="王科长",
        document_number="N-1",
        rectification_due="2025-05-01",
        at=AT,
    )
    followup.rectify(checked, fingerprint, actor="李所长", description="已整改", at=AT)
    with pytest.raises(TransitionError) as caught:
        followup.close(checked, fingerprint, actor="李所长", at=AT)
    assert "李所长" in caught.value.message_zh
    assert fingerprint[:12] in caught.value.message_en
    assert get_finding(checked, fingerprint).status == "rectified"


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("rectify", "open"),
        ("close", "open"),
        ("reopen", "open"),
        ("notify", "notified"),
        ("close", "notified"),
        ("notify", "closed"),
        ("rectify", "closed"),
    ],
)
def test_invalid_transitions_are_refused_with_a_clear_error(
    checked: Store, action: str, status: str
) -> None:
    fingerprint = fingerprint_of(checked, "T-LEAD-15D", "L-01")
    if status in ("notified", "closed"):
        followup.notify(
            checked,
            fingerprint,
            actor="甲",
            document_number="N-1",
            rectification_due="2025-05-01",
            at=AT,
        )
    if status == "closed":
        followup.rectify(checked, fingerprint, actor="乙", description="改了", at=AT)
        followup.close(checked, fingerprint, actor="甲", at=AT)
    before = len(followup.history(checked, fingerprint))
    calls = {
        "notify": lambda: followup.notify(
            checked,
            fingerprint,
            actor="甲",
            document_number="N-2",
            rectification_due="2025-06-01",
            at=AT,
        ),
        "rectify": lambda: followup.rectify(checked, fingerprint, actor="乙", description="x"),
        "close": lambda: followup.close(checked, fingerprint, actor="丙"),
        "reopen": lambda: followup.reopen(checked, fingerprint, actor="甲", reason="x"),
    }
    with pytest.raises(TransitionError) as caught:
        calls[action]()
    error = caught.value
    assert error.status == status
    assert fingerprint[:12] in error.message_en
    assert "T-LEAD-15D" in error.message_en
    assert f"is {status}" in error.message_en
    assert f"cannot {action}" in error.message_en
    assert f"当前状态为 {status}" in error.message_zh
    # Nothing was written.
    assert len(followup.history(checked, fingerprint)) == before
    assert get_finding(checked, fingerprint).status == status


def test_transitions_need_an_actor_and_a_sane_deadline(checked: Store) -> None:
    fingerprint = fingerprint_of(checked, "T-LEAD-15D", "L-01")
    with pytest.raises(FollowupError):
        followup.notify(
            checked, fingerprint, actor=" ", document_number="N", rectification_due="2025-05-01"
        )
    with pytest.raises(FollowupError):
        followup.notify(
            checked,
            fingerprint,
            actor="甲",
            document_number="N",
            rectification_due="2025-03-01",
            at=AT,
        )


def test_reopen_after_close_and_extend(checked: Store) -> None:
    fingerprint = fingerprint_of(checked, "T-LEAD-15D", "L-02")
    walk_to_closed(checked, fingerprint)
    followup.reopen(checked, fingerprint, actor="王科长", reason="复查发现仍未立案", at=at(15))
    assert get_finding(checked, fingerprint).status == "reopened"
    followup.notify(
        checked,
        fingerprint,
        actor="王科长",
        document_number="N-2",
        rectification_due="2025-04-25",
        at=at(16),
    )
    followup.extend(
        checked,
        fingerprint,
        actor="王科长",
        rectification_due="2025-05-10",
        reason="节假日",
        at=at(17),
    )
    assert followup.followup_state(checked, fingerprint).rectification_due is not None
    kinds = [e.kind for e in followup.history(checked, fingerprint)]
    assert kinds[-3:] == ["reopened", "notified", "extended"]


def test_the_engine_does_not_clobber_human_statuses(checked: Store, manager: PluginManager) -> None:
    notified = fingerprint_of(checked, "T-LEAD-15D", "L-01")
    followup.notify(
        checked,
        notified,
        actor="王科长",
        document_number="N-1",
        rectification_due="2025-05-01",
        at=AT,
    )
    run_check(checked, as_of=AS_OF, manager=manager, mode="full")
    assert get_finding(checked, notified).status == "notified"
    # The agency fixes the record: the finding is no longer produced, the status stays and
    # the engine records that it is undetected.
    checked.put_records([lead("L-01", summary="有摘要", filing_decision_date="2025-03-05")])
    run_check(checked, as_of=AS_OF, manager=manager)
    stored = get_finding(checked, notified)
    assert stored.status == "notified"
    assert not stored.detected
    assert followup.history(checked, notified)[-1].kind == "undetected"
    # A finding no longer produced cannot be reopened by hand.
    with pytest.raises(TransitionError, match="no longer produces"):
        followup.reopen(checked, notified, actor="王科长", reason="x")
    assert verify_event_chain(checked) is None


def test_overdue_filter(checked: Store) -> None:
    late = fingerprint_of(checked, "T-LEAD-15D", "L-01")
    on_time = fingerprint_of(checked, "T-LEAD-15D", "L-02")
    done = fingerprint_of(checked, "T-LEAD-15D", "L-03")
    for fingerprint, due in ((late, "2025-04-10"), (on_time, "2025-05-10"), (done, "2025-04-10")):
        followup.notify(
            checked, fingerprint, actor="甲", document_number="N", rectification_due=due, at=AT
        )
    followup.rectify(checked, done, actor="乙", description="改了", at=at(5))
    overdue = followup.overdue_findings(checked, "2025-04-15")
    assert [s.fingerprint for s in overdue] == [late]
    assert followup.overdue_findings(checked, "2025-04-10") == []
    assert followup.list_findings(checked, overdue="2025-05-11", rules=["T-LEAD-*"]) != []
    # The same query is the store's own (embedders need no follow-through module for it).
    from_store = query_findings(checked, overdue_on=date(2025, 4, 15))
    assert [s.fingerprint for s in from_store] == [late]
    assert query_findings(checked, overdue_on="2025-04-10") == []
    assert query_findings(checked, overdue_on=datetime(2025, 4, 15, 1, tzinfo=UTC)) == from_store


def test_the_public_chain_lock_holds_the_event_chain(checked: Store) -> None:
    events = count_finding_events(checked)
    fingerprint = fingerprint_of(checked, "T-LEAD-15D", "L-01")
    with chain_lock(checked) as connection:
        assert connection.in_transaction()
    followup.notify(
        checked, fingerprint, actor="甲", document_number="N", rectification_due="2025-04-10", at=AT
    )
    assert count_finding_events(checked) == events + 1
    assert verify_event_chain(checked) is None


def test_list_findings_filters_by_category_agency_and_severity(checked: Store) -> None:
    procedure = followup.list_findings(checked, categories=["procedure"])
    assert {s.finding.rule_id for s in procedure} == {"T-LEAD-SUMMARY"}
    inaction = followup.list_findings(checked, categories=["inaction"], severities=["S2"])
    assert {s.finding.rule_id for s in inaction} == {"T-LEAD-15D"}
    assert followup.list_findings(checked, agency_id="AG-9") == []
    assert len(followup.list_findings(checked, agency_id="AG-1", statuses=["open"])) == 4


def test_a_notice_issued_earlier_is_recorded_with_its_own_day(checked: Store) -> None:
    fingerprint = fingerprint_of(checked, "T-LEAD-15D", "L-01")
    with pytest.raises(FollowupError, match="before the notice"):
        followup.notify(
            checked,
            fingerprint,
            actor="甲",
            document_number="N",
            rectification_due="2025-04-01",
            notified_on="2025-04-05",
        )
    event = followup.notify(
        checked,
        fingerprint,
        actor="甲",
        document_number="N",
        rectification_due="2025-04-20",
        notified_on="2025-04-05",
    )
    assert event.data["notified_on"] == "2025-04-05"
    state = followup.followup_state(checked, fingerprint)
    assert state.notified_on is not None
    assert state.notified_on.isoformat() == "2025-04-05"
    assert state.overdue(date(2025, 4, 21))
    assert not state.overdue(date(2025, 4, 20))
