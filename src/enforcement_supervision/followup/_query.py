"""Finding queries with the follow-through filters: category and overdue (the store's
:func:`~enforcement_supervision.store.query_findings` does the work)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from enforcement_supervision.followup._common import as_day
from enforcement_supervision.statutory_time import to_local_date
from enforcement_supervision.store import Store, StoredFinding, query_findings

__all__ = ["list_findings", "overdue_findings"]


def list_findings(
    store: Store,
    *,
    statuses: Collection[str] | None = None,
    active: bool | None = None,
    rules: Collection[str] | None = None,
    severities: Collection[str] | None = None,
    categories: Collection[str] | None = None,
    agency_id: str | None = None,
    overdue: date | datetime | str | bool | None = None,
    limit: int | None = None,
) -> list[StoredFinding]:
    """Stored findings matching every filter, most serious first.

    Besides the filters of :func:`~enforcement_supervision.store.query_findings`:
    ``categories`` (any of them) and ``overdue`` — a day (or ``True`` for today in Shanghai):
    notified findings whose rectification deadline is before that day and that were not
    rectified.
    """
    overdue_on: date | None = None
    if overdue is not None and overdue is not False:
        overdue_on = (
            to_local_date(datetime.now().astimezone()) if overdue is True else as_day(overdue)
        )
    return query_findings(
        store,
        statuses=statuses,
        active=active,
        rules=rules,
        severities=severities,
        categories=categories,
        agency_id=agency_id,
        overdue_on=overdue_on,
        limit=limit,
    )


def overdue_findings(
    store: Store, as_of: date | datetime | str | None = None, *, limit: int | None = None
) -> list[StoredFinding]:
    """Notified findings whose rectification deadline passed (before ``as_of``, default
    today) without a recorded rectification."""
    return list_findings(store, overdue=True if as_of is None else as_of, limit=limit)
