"""The schedule tables: per-schedule state and lease, per-slot run records and leases.

Every statement is plain SQLAlchemy Core that behaves the same on SQLite, PostgreSQL and
MySQL/MariaDB: a claim is an ``INSERT`` of the slot's primary key ``(schedule, slot)`` that
either succeeds or fails with an integrity error; taking over a dead run or a schedule is a
compare-and-set ``UPDATE … WHERE lease_until < now`` whose row count says who won.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import attrs
from sqlalchemy import Table, or_, select, update
from sqlalchemy.exc import IntegrityError

from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import metadata

__all__ = [
    "ScheduleState",
    "SlotOutcome",
    "SlotRow",
    "runs_table",
    "state_table",
]


def state_table() -> Table:
    """``schedule_state``: one row per schedule (defined in the store's schema)."""
    return metadata.tables["schedule_state"]


def runs_table() -> Table:
    """``schedule_runs``: one row per (schedule, slot), the idempotent run key."""
    return metadata.tables["schedule_runs"]


class SlotOutcome:
    """Values of ``schedule_runs.outcome``."""

    #: Claimed; a run is in progress (or its process died: see ``lease_until``).
    RUNNING = "running"
    #: The check ran; every rule was evaluated without error.
    OK = "ok"
    #: The check ran; some rule, plugin or hook failed (the others' findings are stored).
    ERRORS = "errors"
    #: The check raised, or its process died ``max_attempts`` times.
    FAILED = "failed"
    #: Not run: later than the grace period, and the catch-up policy does not run it.
    MISSED = "missed"
    #: Not run: a later slot of the same schedule, due at the same call, ran instead.
    COALESCED = "coalesced"

    #: Never stored: the calendar cannot tell whether the slot's day is a working day.
    BLOCKED = "blocked"

    FINISHED = frozenset({OK, ERRORS, FAILED})
    NOT_RUN = frozenset({MISSED, COALESCED})


@attrs.frozen(kw_only=True)
class ScheduleState:
    """What the database knows about one schedule.

    ``since``: slots after this instant are due (set when the schedule is first seen or
    enabled again); ``last_slot``: the latest slot handled (run, missed or coalesced);
    ``owner``/``lease_until``: the process handling the schedule right now, if any.
    """

    schedule: str
    since: datetime
    last_slot: datetime | None
    enabled: bool
    owner: str | None
    lease_until: datetime | None
    updated_at: datetime

    @property
    def cursor(self) -> datetime:
        """Every slot at or before this instant has been handled or was never due."""
        if self.last_slot is None:
            return self.since
        return max(self.since, self.last_slot)


@attrs.frozen(kw_only=True)
class SlotRow:
    """One row of ``schedule_runs``."""

    schedule: str
    slot: datetime
    outcome: str
    owner: str | None
    attempt: int
    lease_until: datetime | None
    as_of: datetime
    late: bool
    started_at: datetime | None
    finished_at: datetime | None
    run_id: str | None
    opened: int | None
    resolved: int | None
    reopened: int | None
    rule_errors: int | None
    duration: float | None
    error: str | None


def _state(row: Any) -> ScheduleState:
    return ScheduleState(
        schedule=row.schedule,
        since=row.since,
        last_slot=row.last_slot,
        enabled=bool(row.enabled),
        owner=row.owner,
        lease_until=row.lease_until,
        updated_at=row.updated_at,
    )


def _slot_row(row: Any) -> SlotRow:
    return SlotRow(
        schedule=row.schedule,
        slot=row.slot,
        outcome=row.outcome,
        owner=row.owner,
        attempt=int(row.attempt),
        lease_until=row.lease_until,
        as_of=row.as_of,
        late=bool(row.late),
        started_at=row.started_at,
        finished_at=row.finished_at,
        run_id=row.run_id,
        opened=row.opened,
        resolved=row.resolved,
        reopened=row.reopened,
        rule_errors=row.rule_errors,
        duration=row.duration,
        error=row.error,
    )


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


# --------------------------------------------------------------------------------------------
# schedule_state


def get_state(store: Store, name: str) -> ScheduleState | None:
    table = state_table()
    with store.engine.connect() as connection:
        row = connection.execute(select(table).where(table.c.schedule == name)).first()
    return None if row is None else _state(row)


def all_states(store: Store) -> dict[str, ScheduleState]:
    table = state_table()
    with store.engine.connect() as connection:
        return {row.schedule: _state(row) for row in connection.execute(select(table))}


def ensure_state(
    store: Store, name: str, *, enabled: bool, since: datetime, now: datetime
) -> ScheduleState:
    """The schedule's state row, created on first sight with ``since``. A schedule seen
    disabled and now enabled again starts over at ``since``: slots that passed while it was
    disabled are not missed, they were switched off."""
    table = state_table()
    current = get_state(store, name)
    if current is None:
        try:
            with store.engine.begin() as connection:
                connection.execute(
                    table.insert().values(
                        schedule=name,
                        since=_utc(since),
                        last_slot=None,
                        enabled=enabled,
                        owner=None,
                        lease_until=None,
                        updated_at=_utc(now),
                    )
                )
        except IntegrityError:
            pass  # another process created it first
    elif current.enabled != enabled:
        values: dict[str, Any] = {"enabled": enabled, "updated_at": _utc(now)}
        if enabled:
            values["since"] = _utc(since)
        with store.engine.begin() as connection:
            connection.execute(
                update(table)
                .where(table.c.schedule == name, table.c.enabled == current.enabled)
                .values(**values)
            )
    state = get_state(store, name)
    assert state is not None
    return state


def acquire_schedule(
    store: Store, name: str, *, owner: str, until: datetime, now: datetime
) -> bool:
    """Take the schedule's lease if it is free, expired or already ours."""
    table = state_table()
    with store.engine.begin() as connection:
        result = connection.execute(
            update(table)
            .where(
                table.c.schedule == name,
                or_(
                    table.c.owner.is_(None),
                    table.c.lease_until.is_(None),
                    table.c.lease_until < _utc(now),
                    table.c.owner == owner,
                ),
            )
            .values(owner=owner, lease_until=_utc(until), updated_at=_utc(now))
        )
    return bool(result.rowcount == 1)


def renew_schedule(store: Store, name: str, *, owner: str, until: datetime) -> bool:
    table = state_table()
    with store.engine.begin() as connection:
        result = connection.execute(
            update(table)
            .where(table.c.schedule == name, table.c.owner == owner)
            .values(lease_until=_utc(until))
        )
    return bool(result.rowcount == 1)


def release_schedule(store: Store, name: str, *, owner: str) -> None:
    table = state_table()
    with store.engine.begin() as connection:
        connection.execute(
            update(table)
            .where(table.c.schedule == name, table.c.owner == owner)
            .values(owner=None, lease_until=None)
        )


def advance(store: Store, name: str, slot: datetime, *, now: datetime) -> None:
    """Record ``slot`` as handled: ``last_slot`` only ever moves forward."""
    table = state_table()
    with store.engine.begin() as connection:
        connection.execute(
            update(table)
            .where(
                table.c.schedule == name,
                or_(table.c.last_slot.is_(None), table.c.last_slot < _utc(slot)),
            )
            .values(last_slot=_utc(slot), updated_at=_utc(now))
        )


# --------------------------------------------------------------------------------------------
# schedule_runs


def get_slot(store: Store, name: str, slot: datetime) -> SlotRow | None:
    table = runs_table()
    with store.engine.connect() as connection:
        row = connection.execute(
            select(table).where(table.c.schedule == name, table.c.slot == _utc(slot))
        ).first()
    return None if row is None else _slot_row(row)


def running_slots(store: Store, name: str) -> list[SlotRow]:
    """Claimed slots of the schedule that never finished (running, or their process died)."""
    table = runs_table()
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(table)
            .where(table.c.schedule == name, table.c.outcome == SlotOutcome.RUNNING)
            .order_by(table.c.slot)
        )
        return [_slot_row(row) for row in rows]


def known_slots(store: Store, name: str, after: datetime, until: datetime) -> set[datetime]:
    """Slots in ``(after, until]`` that already have a row (in UTC)."""
    table = runs_table()
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(table.c.slot).where(
                table.c.schedule == name, table.c.slot > _utc(after), table.c.slot <= _utc(until)
            )
        )
        return {row.slot for row in rows}


def claim(
    store: Store,
    name: str,
    slot: datetime,
    *,
    owner: str,
    until: datetime,
    as_of: datetime,
    late: bool,
    now: datetime,
) -> bool:
    """Insert the slot's row as ``running`` with our lease; ``False`` when the row exists
    (another process has claimed or handled the slot)."""
    table = runs_table()
    try:
        with store.engine.begin() as connection:
            connection.execute(
                table.insert().values(
                    schedule=name,
                    slot=_utc(slot),
                    outcome=SlotOutcome.RUNNING,
                    owner=owner,
                    attempt=1,
                    lease_until=_utc(until),
                    as_of=_utc(as_of),
                    late=late,
                    started_at=_utc(now),
                )
            )
    except IntegrityError:
        return False
    return True


def record_not_run(
    store: Store,
    name: str,
    slot: datetime,
    *,
    outcome: str,
    owner: str,
    as_of: datetime,
    late: bool,
    now: datetime,
) -> bool:
    """Insert a ``missed`` or ``coalesced`` row; ``False`` when the row already exists."""
    table = runs_table()
    try:
        with store.engine.begin() as connection:
            connection.execute(
                table.insert().values(
                    schedule=name,
                    slot=_utc(slot),
                    outcome=outcome,
                    owner=owner,
                    attempt=0,
                    lease_until=None,
                    as_of=_utc(as_of),
                    late=late,
                    finished_at=_utc(now),
                )
            )
    except IntegrityError:
        return False
    return True


def take_over(
    store: Store,
    name: str,
    slot: datetime,
    *,
    seen_attempt: int,
    owner: str,
    until: datetime,
    as_of: datetime,
    late: bool,
    now: datetime,
) -> bool:
    """Take a dead run's slot (still ``running``, lease expired, attempt unchanged)."""
    table = runs_table()
    with store.engine.begin() as connection:
        result = connection.execute(
            update(table)
            .where(
                table.c.schedule == name,
                table.c.slot == _utc(slot),
                table.c.outcome == SlotOutcome.RUNNING,
                table.c.attempt == seen_attempt,
                or_(table.c.lease_until.is_(None), table.c.lease_until < _utc(now)),
            )
            .values(
                owner=owner,
                attempt=seen_attempt + 1,
                lease_until=_utc(until),
                as_of=_utc(as_of),
                late=late,
                started_at=_utc(now),
                run_id=None,
                error=None,
            )
        )
    return bool(result.rowcount == 1)


def renew_slot(
    store: Store, name: str, slot: datetime, *, owner: str, attempt: int, until: datetime
) -> bool:
    table = runs_table()
    with store.engine.begin() as connection:
        result = connection.execute(
            update(table)
            .where(
                table.c.schedule == name,
                table.c.slot == _utc(slot),
                table.c.owner == owner,
                table.c.attempt == attempt,
                table.c.outcome == SlotOutcome.RUNNING,
            )
            .values(lease_until=_utc(until))
        )
    return bool(result.rowcount == 1)


def release_slot(
    store: Store, name: str, slot: datetime, *, owner: str, attempt: int, now: datetime
) -> None:
    """Let the lease lapse now (the run was interrupted): the next call retries at once."""
    table = runs_table()
    with store.engine.begin() as connection:
        connection.execute(
            update(table)
            .where(
                table.c.schedule == name,
                table.c.slot == _utc(slot),
                table.c.owner == owner,
                table.c.attempt == attempt,
                table.c.outcome == SlotOutcome.RUNNING,
            )
            .values(lease_until=_utc(now))
        )


def finish_slot(
    store: Store,
    name: str,
    slot: datetime,
    *,
    owner: str,
    attempt: int | None,
    values: Mapping[str, Any],
) -> bool:
    """Record how the slot's run ended; only the current lease holder may (``attempt``
    ``None``: whoever holds it, for giving up on a dead run)."""
    table = runs_table()
    conditions = [
        table.c.schedule == name,
        table.c.slot == _utc(slot),
        table.c.outcome == SlotOutcome.RUNNING,
    ]
    if attempt is not None:
        conditions += [table.c.owner == owner, table.c.attempt == attempt]
    with store.engine.begin() as connection:
        result = connection.execute(
            update(table).where(*conditions).values(lease_until=None, **values)
        )
    return bool(result.rowcount == 1)


def history_rows(
    store: Store,
    *,
    schedule: str | None = None,
    outcomes: Sequence[str] | None = None,
    limit: int | None = 50,
) -> list[SlotRow]:
    """Rows newest slot first."""
    table = runs_table()
    query = select(table).order_by(table.c.slot.desc(), table.c.schedule)
    if schedule is not None:
        query = query.where(table.c.schedule == schedule)
    if outcomes:
        query = query.where(table.c.outcome.in_(list(outcomes)))
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as connection:
        return [_slot_row(row) for row in connection.execute(query)]
