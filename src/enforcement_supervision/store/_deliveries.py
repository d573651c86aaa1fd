"""The delivery ledger of the clocks: which channel sent which light of which clock.

It is the one thing a run hook records (a digest that mails the clocks turning yellow must not
mail them twice), so it is reachable from the read-only :class:`StoreReader` a hook holds as
well as from the :class:`Store`, and it writes nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

from sqlalchemy import Engine, Row, insert, select
from sqlalchemy.engine import Connection

from enforcement_supervision.store._schema import clock_notices, clocks

__all__ = ["DeliveryLedger"]

# Ids per IN (...) list: under every backend's limit of bound parameters.
_CHUNK = 500


class DeliveryLedger:
    """Reads the clocks a channel has not sent for a light, and records what it sent."""

    __slots__ = ("_engine",)

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def __repr__(self) -> str:
        return "DeliveryLedger()"  # never the URL: it may hold a password

    def unsent(self, *, light: str, channel: str) -> list[Row[tuple[object, ...]]]:
        """The stored clock rows whose light is ``light`` and that ``channel`` has not sent for
        that light, by agency, due date and id."""
        sent = select(clock_notices.c.clock_id).where(
            clock_notices.c.light == light, clock_notices.c.channel == channel
        )
        query = (
            select(clocks)
            .where(clocks.c.light == light, clocks.c.clock_id.not_in(sent))
            .order_by(clocks.c.agency_id, clocks.c.due_date, clocks.c.clock_id)
        )
        with self._engine.connect() as connection:
            return list(connection.execute(query).all())

    def mark_sent(self, clock_ids: Iterable[str], *, light: str, channel: str, on: date) -> int:
        """Record that ``channel`` sent ``light`` for these clocks, each once: the number of
        rows newly recorded (a clock already recorded for that light and channel is kept)."""
        ids = sorted(set(clock_ids))
        if not ids:
            return 0
        at = datetime.now(UTC)
        with self._engine.begin() as connection:
            known = _already_sent(connection, ids, light=light, channel=channel)
            rows = [
                {
                    "clock_id": clock_id,
                    "light": light,
                    "channel": channel,
                    "sent_on": on,
                    "sent_at": at,
                }
                for clock_id in ids
                if clock_id not in known
            ]
            if rows:
                connection.execute(insert(clock_notices), rows)
        return len(rows)


def _already_sent(
    connection: Connection, ids: Sequence[str], *, light: str, channel: str
) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        known.update(
            str(row[0])
            for row in connection.execute(
                select(clock_notices.c.clock_id).where(
                    clock_notices.c.light == light,
                    clock_notices.c.channel == channel,
                    clock_notices.c.clock_id.in_(chunk),
                )
            )
        )
    return known
