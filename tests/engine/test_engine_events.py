"""The finding-event log: append-only, hash-chained, and checked by verify_event_chain."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update

from enforcement_supervision.engine import run_check, verify_event_chain
from enforcement_supervision.store import Store, iter_chain
from enforcement_supervision.store._internal import (
    NewEvent,
    append_events,
    event_hash,
    finding_events,
)

from .conftest import make_manager
from .rules_for_tests import lead, lead_deadline


def checked_store(store: Store) -> Store:
    """A store with a history: opened, resolved, reopened events over two leads."""
    manager = make_manager(lead_deadline)
    store.put_records([lead("L-01"), lead("L-02")])
    run_check(store, as_of="2025-04-01", manager=manager)
    store.put_records([lead("L-01", filing_decision_date="2025-03-05")])
    run_check(store, as_of="2025-04-01", manager=manager)
    store.put_records([lead("L-01")])
    run_check(store, as_of="2025-04-01", manager=manager)
    return store


def test_events_are_chained_and_verify(store: Store) -> None:
    checked_store(store)
    events = list(iter_chain(store))
    assert [e.kind for e in events] == ["opened", "opened", "resolved", "reopened"]
    assert events[0].prev_hash is None
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    first = events[0]
    assert first.hash == event_hash(
        None,
        fingerprint=first.fingerprint,
        kind=first.kind,
        at=first.at,
        actor=first.actor,
        reason=first.reason,
        run_id=first.run_id,
        data=first.data,
    )
    assert first.at.microsecond == 0  # whole seconds survive MySQL's DATETIME
    assert verify_event_chain(store) is None


def test_an_edited_event_is_detected_and_named(store: Store) -> None:
    checked_store(store)
    target = list(iter_chain(store))[2]
    with store.engine.begin() as connection:
        connection.execute(
            update(finding_events)
            .where(finding_events.c.event_id == target.event_id)
            .values(kind="opened")
        )
    broken = verify_event_chain(store)
    assert broken is not None
    assert broken.event_id == target.event_id
    assert broken.event is not None
    assert broken.event.kind == "opened"
    assert "edited" in broken.reason


def test_a_rehashed_event_breaks_the_next_link(store: Store) -> None:
    checked_store(store)
    events = list(iter_chain(store))
    target = events[1]
    forged = event_hash(
        target.prev_hash,
        fingerprint=target.fingerprint,
        kind="resolved",
        at=target.at,
        actor=target.actor,
        reason=target.reason,
        run_id=target.run_id,
        data=target.data,
    )
    with store.engine.begin() as connection:
        connection.execute(
            update(finding_events)
            .where(finding_events.c.event_id == target.event_id)
            .values(kind="resolved", hash=forged)
        )
    broken = verify_event_chain(store)
    assert broken is not None
    assert broken.event_id == events[2].event_id
    assert "prev_hash" in broken.reason


def test_deleted_events_are_detected_in_the_middle_and_at_the_end(store: Store) -> None:
    checked_store(store)
    events = list(iter_chain(store))
    with store.engine.begin() as connection:
        connection.execute(
            delete(finding_events).where(finding_events.c.event_id == events[-1].event_id)
        )
    broken = verify_event_chain(store)
    assert broken is not None
    assert broken.event is None
    assert "removed from the end" in broken.reason
    with store.engine.begin() as connection:
        connection.execute(
            delete(finding_events).where(finding_events.c.event_id == events[1].event_id)
        )
    broken = verify_event_chain(store)
    assert broken is not None
    assert broken.event_id == events[2].event_id


def test_other_writers_append_to_the_same_chain(store: Store) -> None:
    """What the follow-through verbs (notify, rectify, close) will do: append an event with
    an actor and a reason in their own transaction."""
    checked_store(store)
    fingerprint = next(iter_chain(store)).fingerprint
    with store.engine.begin() as connection:
        (event,) = append_events(
            connection,
            [
                NewEvent(
                    fingerprint=fingerprint,
                    kind="notified",
                    at=datetime(2025, 4, 2, 9, 30, 15, 123456, tzinfo=UTC),
                    actor="司法所 张三",
                    reason="监督意见书 2025-07",
                    data={"due": "2025-04-30"},
                )
            ],
        )
    with store.engine.connect() as connection:
        last = connection.execute(select(func.max(finding_events.c.event_id))).scalar_one()
    assert event.event_id == last
    assert event.at == datetime(2025, 4, 2, 9, 30, 15, tzinfo=UTC)
    assert verify_event_chain(store) is None
    run_check(store, as_of="2025-04-03", manager=make_manager(lead_deadline))
    assert verify_event_chain(store) is None
