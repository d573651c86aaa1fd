"""Shared helpers: instants, the locked transaction and reading one finding row in it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from enforcement_supervision.followup._errors import FollowupError
from enforcement_supervision.statutory_time import to_local_date
from enforcement_supervision.store import FindingNotFoundError, Store, chain_lock, get_finding
from enforcement_supervision.store._internal import findings, stored_finding_from_row

__all__ = ["as_day", "locked", "moment", "require_actor", "resolve", "row_of", "stored_from_row"]


def moment(at: datetime | None) -> datetime:
    """``at`` (aware) or now, in UTC to the second (what the event log keeps)."""
    if at is None:
        return datetime.now(UTC).replace(microsecond=0)
    if at.tzinfo is None:
        raise FollowupError(f"时间 {at} 缺少时区", f"naive datetime {at!r}: give a time zone")
    return at.astimezone(UTC).replace(microsecond=0)


def as_day(value: date | datetime | str) -> date:
    """A calendar day from a date, an aware datetime (its Shanghai date) or ISO text."""
    if isinstance(value, datetime):
        return to_local_date(value)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise FollowupError(f"无效的日期：{value}", f"not a date (YYYY-MM-DD): {value!r}") from None


def require_actor(actor: str | None, what_zh: str, what_en: str) -> str:
    """``actor`` stripped; every transition must say who made it."""
    text = (actor or "").strip()
    if not text:
        raise FollowupError(f"必须写明{what_zh}", f"{what_en} is required")
    return text


@contextmanager
def locked(store: Store) -> Iterator[Connection]:
    """A transaction holding the event-chain lock from its first statement, so the status
    read in it cannot change before the event and the new status are written."""
    with chain_lock(store) as connection:
        yield connection


def resolve(store: Store, fingerprint: str) -> str:
    """The full fingerprint of the finding ``fingerprint`` (or unique prefix) names."""
    return get_finding(store, fingerprint).fingerprint


def row_of(connection: Connection, full: str) -> Any:
    """The finding row with fingerprint ``full``, read inside the transaction."""
    row = connection.execute(select(findings).where(findings.c.fingerprint == full)).first()
    if row is None:  # deleted between the two reads
        raise FindingNotFoundError(f"没有指纹为 {full} 的发现", f"no finding {full}")
    return row


stored_from_row = stored_finding_from_row
