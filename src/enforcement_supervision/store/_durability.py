"""How hard SQLite syncs while a check writes its results.

A check commits a transaction per batch of results (and a few more: the check lock, clocks,
group memberships). With SQLite's default ``synchronous=FULL`` every commit waits for the
write-ahead log to reach the disk: a few milliseconds each, thousands per full check, which
on this project's machines was seconds of a check's time spent waiting, not computing.

:func:`relaxed_sync` makes every connection the store hands out while it lasts use
``synchronous=NORMAL`` (and gives back ``FULL``, or what the connection had, when the
connection is returned). In WAL mode NORMAL syncs at checkpoints instead of at every commit.
It is safe (SQLite's documentation of ``synchronous``): an application crash loses nothing;
a power loss may undo the last transactions committed before it, never corrupt the database
or leave half a transaction. The log keeps its order, so what survives is the check as it
stood at some earlier batch: its run is then ``running`` without a lease (marked
``abandoned`` by the next check), its rules' checkpoints were not saved, and the next check
evaluates again what the lost batches held — the same state as a check killed at that
batch. Other databases are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from enforcement_supervision.store._store import Store

__all__ = ["relaxed_sync"]

_BEFORE = "esup_synchronous_before"


def _relax(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        before = cursor.execute("PRAGMA synchronous").fetchone()
        record.info[_BEFORE] = int(before[0]) if before else 2
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _restore(dbapi_connection: Any, record: Any) -> None:
    before = record.info.pop(_BEFORE, None)
    if before is None or dbapi_connection is None:
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA synchronous={int(before)}")
    finally:
        cursor.close()


@contextmanager
def relaxed_sync(store: Store) -> Iterator[None]:
    """While it lasts, the store's SQLite connections commit with ``synchronous=NORMAL``
    (see the module's documentation); nothing changes on other databases."""
    engine = store.engine
    if engine.dialect.name != "sqlite":
        yield
        return
    event.listen(engine, "checkout", _relax)
    event.listen(engine, "checkin", _restore)
    try:
        yield
    finally:
        event.remove(engine, "checkout", _relax)
        event.remove(engine, "checkin", _restore)
