"""The engine-state reads of an incremental check answer from the rows asked for, on every
backend, and on SQLite through the index made for them (issue 17: a read that walked every
row of a rule made the incremental check's cost grow with the store)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import dependents, update_memberships
from enforcement_supervision.store._runs import add_memberships, write_dependencies


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


def _statements(store: Store) -> tuple[list[tuple[str, Any]], Any]:
    seen: list[tuple[str, Any]] = []

    def listen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", listen)
    return seen, listen


def _plans(store: Store, seen: list[tuple[str, Any]], table: str) -> list[str]:
    plans: list[str] = []
    with store.engine.connect() as connection:
        for statement, parameters in seen:
            if statement.startswith("SELECT") and table in statement.split("WHERE")[0]:
                rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
                plans.append(" ".join(str(row[-1]) for row in rows))
    return plans


def test_dependents_are_the_subjects_that_looked_up_the_keys(store: Store) -> None:
    with store.engine.begin() as connection:
        write_dependencies(
            connection,
            [
                ("R-1", f"penalty-case/C{i}", {f"officer/O{i % 7}", "matter-list/ML"}, True)
                for i in range(50)
            ]
            + [("R-2", "penalty-case/C1", {"officer/O1"}, True)],
        )
    seen, listen = _statements(store)
    try:
        found = dependents(store, "R-1", ["officer/O3", "officer/none"])
    finally:
        event.remove(store.engine, "before_cursor_execute", listen)
    assert found == {f"penalty-case/C{i}" for i in range(50) if i % 7 == 3}
    assert dependents(store, "R-2", ["officer/O1", "officer/O3"]) == {"penalty-case/C1"}
    assert dependents(store, "R-3", ["officer/O1"]) == set()
    if store.engine.dialect.name == "sqlite":
        plans = _plans(store, seen, "rule_dependencies")
        assert plans
        assert all("ix_rule_dependencies_rule_id_dep_key" in p for p in plans), plans


def test_membership_moves_read_the_members_asked_for(store: Store) -> None:
    add_memberships(store, {"G-1": [(f"group/{i % 5}", f"inspection/I{i}") for i in range(40)]})
    seen, listen = _statements(store)
    try:
        touched = update_memberships(
            store, "G-1", {"inspection/I3": "group/0", "inspection/I4": "group/4"}
        )
    finally:
        event.remove(store.engine, "before_cursor_execute", listen)
    assert touched == {"group/3", "group/0"}  # I3 moved from 3 to 0; I4 stayed in 4
    if store.engine.dialect.name == "sqlite":
        plans = _plans(store, seen, "group_members")
        assert any("ix_group_members_rule_id_member_key" in p for p in plans), plans
