"""What a slot run is, as returned by ``run_due`` and read back as history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import attrs

from enforcement_supervision.engine import RunResult
from enforcement_supervision.schedule._ledger import (
    ScheduleState,
    SlotOutcome,
    SlotRow,
    all_states,
    history_rows,
)
from enforcement_supervision.store import Store

__all__ = ["SlotRun", "history", "run_key", "schedule_states"]


def run_key(schedule: str, slot: datetime) -> str:
    """The idempotent key of a slot: ``"daily@2026-02-13T23:00:00Z"`` (the slot in UTC).
    ``schedule_runs`` holds at most one row per key."""
    return f"{schedule}@{slot.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}"


@attrs.frozen(kw_only=True)
class SlotRun:
    """One (schedule, slot) handled by :func:`run_due`, or read back by :func:`history`.

    ``outcome`` is ``ok`` or ``errors`` (the check ran; ``errors``: some rule, plugin or
    hook failed), ``failed`` (the check raised, or its process died too often), ``missed``
    (later than the grace period and not run under the catch-up policy), ``coalesced`` (a
    later slot due at the same call ran instead), ``running`` (in history: in progress, or
    its process died and the lease has not expired yet) or ``blocked`` (not stored: the
    statutory calendar cannot tell whether the slot's day is a working day).

    ``late``: the slot started more than ``grace`` after its time (a catch-up run).
    ``attempt``: 1 for a first run, more when a dead run was retried. ``run_id`` links to
    the engine's run (``esup runs show``); ``opened``/``resolved``/``reopened`` and
    ``rule_errors`` (failing (plugin, rule) pairs) are its counts; ``duration`` is in
    seconds. ``result`` is the engine's full result (only on what ``run_due`` returns).
    """

    schedule: str
    slot: datetime
    outcome: str
    as_of: datetime | None = None
    late: bool = False
    attempt: int = 0
    owner: str | None = None
    run_id: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    opened: int | None = None
    resolved: int | None = None
    reopened: int | None = None
    rule_errors: int | None = None
    duration: float | None = None
    error: str | None = None
    recorded: bool = True
    result: RunResult | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def run_key(self) -> str:
        """The slot's idempotent key (see :func:`run_key`)."""
        return run_key(self.schedule, self.slot)

    @property
    def ran(self) -> bool:
        """A check was run for this slot (whatever its outcome)."""
        return self.outcome in SlotOutcome.FINISHED or self.outcome == SlotOutcome.RUNNING

    @property
    def needs_attention(self) -> bool:
        """``errors``, ``failed`` or ``blocked``: the CLI exits with status 3."""
        return self.outcome in (SlotOutcome.ERRORS, SlotOutcome.FAILED, SlotOutcome.BLOCKED)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (``--json`` of ``esup schedule run-due`` and ``history``)."""

        def iso(value: datetime | None) -> str | None:
            return None if value is None else value.isoformat()

        return {
            "schedule": self.schedule,
            "slot": self.slot.isoformat(),
            "run_key": self.run_key,
            "outcome": self.outcome,
            "as_of": iso(self.as_of),
            "late": self.late,
            "attempt": self.attempt,
            "owner": self.owner,
            "run_id": self.run_id,
            "started_at": iso(self.started_at),
            "finished_at": iso(self.finished_at),
            "opened": self.opened,
            "resolved": self.resolved,
            "reopened": self.reopened,
            "rule_errors": self.rule_errors,
            "duration": self.duration,
            "error": self.error,
            "recorded": self.recorded,
        }

    @classmethod
    def from_row(cls, row: SlotRow, *, result: RunResult | None = None) -> SlotRun:
        """From a stored ``schedule_runs`` row."""
        return cls(
            schedule=row.schedule,
            slot=row.slot,
            outcome=row.outcome,
            as_of=row.as_of,
            late=row.late,
            attempt=row.attempt,
            owner=row.owner,
            run_id=row.run_id,
            started_at=row.started_at,
            finished_at=row.finished_at,
            opened=row.opened,
            resolved=row.resolved,
            reopened=row.reopened,
            rule_errors=row.rule_errors,
            duration=row.duration,
            error=row.error,
            result=result,
        )


def history(
    store: Store,
    schedule: str | None = None,
    *,
    outcomes: Sequence[str] | None = None,
    limit: int | None = 50,
) -> list[SlotRun]:
    """Recorded slots, newest slot first (of ``schedule`` when given; only ``outcomes``
    when given). Slot instants are in UTC."""
    return [
        SlotRun.from_row(row)
        for row in history_rows(store, schedule=schedule, outcomes=outcomes, limit=limit)
    ]


def schedule_states(store: Store) -> dict[str, ScheduleState]:
    """What the database knows about each schedule it has seen, by name."""
    return all_states(store)
