"""The finding-event hash chain under concurrent writers, on every backend."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from enforcement_supervision.store import Store, verify_event_chain
from enforcement_supervision.store._internal import NewEvent, append_events, finding_events

AT = datetime(2026, 3, 5, 1, 2, 3, tzinfo=UTC)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


def _event(fingerprint: str) -> NewEvent:
    return NewEvent(fingerprint=fingerprint, kind="opened", at=AT, data={"n": fingerprint})


def test_a_writer_whose_transaction_read_before_another_writer_committed_chains_to_it(
    store: Store,
) -> None:
    with store.engine.begin() as connection:
        append_events(connection, [_event("a" * 64)])
    with store.engine.connect() as late:
        transaction = late.begin()
        # The late writer's transaction reads first (on MySQL/MariaDB this fixes its
        # REPEATABLE READ snapshot) …
        assert late.execute(select(func.count()).select_from(finding_events)).scalar() == 1
        # … another writer appends and commits in the meantime …
        with store.engine.begin() as other:
            append_events(other, [_event("b" * 64)])
        # … and the late writer must chain to that writer's event, not to the one it saw.
        [appended] = append_events(late, [_event("c" * 64)])
        transaction.commit()
    assert appended.event_id == 3
    assert verify_event_chain(store) is None
