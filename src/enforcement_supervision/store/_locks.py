"""The check lock: one check that writes findings per scope at a time, and abandoned runs.

Two checks evaluating the same rules at once used to race on ``group_members`` (an
``IntegrityError`` and a ``failed`` run). A check now inserts its row in ``check_locks``
first (the primary key makes the insert a compare-and-set on every backend); a second check
waits for it, up to a timeout, or declines with :class:`CheckLockedError`.

The lease is pushed forward by the run itself as it makes progress (never by a background
thread): a killed run, or one stuck in a rule, stops renewing, and once its lease has
lapsed the next check takes the lock over and marks that run ``abandoned``. A run whose
owner is a process on this host that no longer exists is taken over at once.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import attrs
from sqlalchemy import and_, delete, exists, select, update
from sqlalchemy.exc import IntegrityError

from enforcement_supervision.errors import EsupError
from enforcement_supervision.store._runs import RunOutcome
from enforcement_supervision.store._schema import check_locks, runs
from enforcement_supervision.store._store import Store

__all__ = [
    "CHECK_SCOPE",
    "EXIT_LOCKED",
    "CheckLock",
    "CheckLockLostError",
    "CheckLockedError",
    "acquire_check_lock",
    "check_lock_owner",
    "get_check_lock",
    "release_check_lock",
    "renew_check_lock",
    "sweep_abandoned_runs",
]

#: The scope of every check that writes findings: the whole store. Findings, their event
#: chain and the engine's state are shared by every rule selection, so two writing checks
#: never run at once on one database.
CHECK_SCOPE = "store"
#: The exit status of ``esup check`` (and ``esup schedule run-due``) when the lock stayed
#: taken for the whole wait (docs/guide/checks.md).
EXIT_LOCKED = 6
ABANDONED = RunOutcome.ABANDONED
_RUNNING = RunOutcome.RUNNING


class CheckLockedError(EsupError):
    """Another check holds the check lock and did not release it within the wait."""

    exit_status = EXIT_LOCKED


class CheckLockLostError(EsupError):
    """This run's lease lapsed and another check took the lock over: it stops writing."""


@attrs.frozen
class CheckLock:
    scope: str
    run_id: str
    owner: str
    acquired_at: datetime
    lease_until: datetime


_OWNER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def check_lock_owner() -> str:
    """``host:pid:token`` of this process (the pid is that of the process that imported
    the store, refreshed after a fork)."""
    global _OWNER
    pid = _OWNER.rsplit(":", 2)[1]
    if int(pid) != os.getpid():
        _OWNER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    return _OWNER


def _dead_here(owner: str) -> bool:
    """Whether ``owner`` is a process on this host that no longer exists."""
    try:
        host, pid, _ = owner.rsplit(":", 2)
        number = int(pid)
    except ValueError:
        return False
    if host != socket.gethostname() or number == os.getpid():
        return False
    try:
        os.kill(number, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, owned by someone else
        return False
    return False


def _row(row: object) -> CheckLock:
    return CheckLock(
        scope=row.scope,  # type: ignore[attr-defined]
        run_id=row.run_id,  # type: ignore[attr-defined]
        owner=row.owner,  # type: ignore[attr-defined]
        acquired_at=row.acquired_at,  # type: ignore[attr-defined]
        lease_until=row.lease_until,  # type: ignore[attr-defined]
    )


def get_check_lock(store: Store, scope: str = CHECK_SCOPE) -> CheckLock | None:
    with store.engine.connect() as connection:
        row = connection.execute(select(check_locks).where(check_locks.c.scope == scope)).first()
    return None if row is None else _row(row)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def acquire_check_lock(
    store: Store,
    *,
    run_id: str,
    lease: timedelta,
    wait: float,
    scope: str = CHECK_SCOPE,
    owner: str | None = None,
    poll: float = 0.2,
    clock: Callable[[], datetime] = _utcnow,
) -> list[str]:
    """Take the lock of ``scope`` for ``run_id``, waiting up to ``wait`` seconds while a
    live run holds it. Returns the runs marked ``abandoned`` on the way (the holder whose
    lease lapsed or whose process is gone, and any other ``running`` run without a lease).
    Raises :class:`CheckLockedError` when the wait ends first."""
    owner = owner or check_lock_owner()
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        now = clock()
        try:
            with store.engine.begin() as connection:
                connection.execute(
                    check_locks.insert().values(
                        scope=scope,
                        run_id=run_id,
                        owner=owner,
                        acquired_at=now,
                        lease_until=now + lease,
                    )
                )
            return sweep_abandoned_runs(store, now=now)
        except IntegrityError:
            pass
        holder = get_check_lock(store, scope)
        if holder is not None and (holder.lease_until < now or _dead_here(holder.owner)):
            with store.engine.begin() as connection:
                taken = connection.execute(
                    update(check_locks)
                    .where(
                        check_locks.c.scope == scope,
                        check_locks.c.run_id == holder.run_id,
                        check_locks.c.owner == holder.owner,
                    )
                    .values(run_id=run_id, owner=owner, acquired_at=now, lease_until=now + lease)
                ).rowcount
            if taken == 1:
                return sweep_abandoned_runs(store, now=now)
            continue
        if holder is None:
            continue  # released between the insert and the read: try again at once
        if time.monotonic() >= deadline:
            since = holder.acquired_at.isoformat(timespec="seconds")
            raise CheckLockedError(
                f"另一次检查（运行 {holder.run_id[:8]}，{since} 起）正在进行，"
                f"等待 {wait:g} 秒后仍未结束；请稍后再试",
                f"another check (run {holder.run_id[:8]}, since {since} UTC) holds the check "
                f"lock and did not finish within {wait:g} s; try again later",
            )
        time.sleep(min(poll, max(deadline - time.monotonic(), 0.01)))


def renew_check_lock(
    store: Store,
    *,
    run_id: str,
    lease: timedelta,
    scope: str = CHECK_SCOPE,
    clock: Callable[[], datetime] = _utcnow,
) -> bool:
    """Push the lease forward; ``False`` when the lock is no longer this run's."""
    with store.engine.begin() as connection:
        result = connection.execute(
            update(check_locks)
            .where(check_locks.c.scope == scope, check_locks.c.run_id == run_id)
            .values(lease_until=clock() + lease)
        )
    return bool(result.rowcount == 1)


def release_check_lock(store: Store, *, run_id: str, scope: str = CHECK_SCOPE) -> None:
    with store.engine.begin() as connection:
        connection.execute(
            delete(check_locks).where(check_locks.c.scope == scope, check_locks.c.run_id == run_id)
        )


def sweep_abandoned_runs(
    store: Store, *, now: datetime | None = None, message: str | None = None
) -> list[str]:
    """Mark ``abandoned`` every ``running`` run that holds no live lease (its process was
    killed, or got stuck past its lease). Returns their ids."""
    now = now or _utcnow()
    live = exists().where(
        and_(check_locks.c.run_id == runs.c.run_id, check_locks.c.lease_until >= now)
    )
    with store.engine.begin() as connection:
        candidates = [
            str(row.run_id)
            for row in connection.execute(
                select(runs.c.run_id).where(runs.c.outcome == _RUNNING, ~live)
            )
        ]
        # A lease held by a process on this host that is gone is no lease either.
        dead = {
            row.run_id
            for row in connection.execute(select(check_locks.c.run_id, check_locks.c.owner))
            if _dead_here(row.owner)
        }
        running_dead = [
            str(row.run_id)
            for row in connection.execute(select(runs.c.run_id).where(runs.c.outcome == _RUNNING))
            if row.run_id in dead
        ]
        abandoned = sorted(set(candidates) | set(running_dead))
        for run_id in abandoned:
            connection.execute(
                update(runs)
                .where(runs.c.run_id == run_id, runs.c.outcome == _RUNNING)
                .values(
                    outcome=ABANDONED,
                    finished_at=now,
                    errors=[
                        {
                            "kind": "engine",
                            "plugin": None,
                            "rule_id": None,
                            "error_type": "Abandoned",
                            "message": message
                            or "the process running this check was killed or got stuck: its "
                            "lease lapsed without a finish. Batches it wrote are kept; the "
                            "next check evaluates the rest",
                            "traceback": "",
                            "subject": None,
                            "count": 1,
                            "subjects": [],
                        }
                    ],
                )
            )
        # Their lapsed leases go too: should such a run move again, its next renewal fails
        # and it stops (CheckLockLostError) instead of writing under an "abandoned" run.
        gone = sorted(dead | set(abandoned))
        if gone:
            connection.execute(delete(check_locks).where(check_locks.c.run_id.in_(gone)))
    return abandoned
