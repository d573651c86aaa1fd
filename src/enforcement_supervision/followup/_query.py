"""Finding queries with the follow-through filters: category and overdue."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import or_, select

from enforcement_supervision.followup._common import as_day, stored_from_row
from enforcement_supervision.statutory_time import to_local_date
from enforcement_supervision.store import FindingStatus, Store, StoredFinding
from enforcement_supervision.store._findings import _filtered
from enforcement_supervision.store._internal import findings
from enforcement_supervision.store._schema import finding_followup

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
    query = _filtered(
        select(findings),
        statuses=statuses,
        active=active,
        rules=rules,
        severities=severities,
        agency_id=agency_id,
        subject=None,
    )
    if categories:
        conditions = []
        for category in sorted({str(c).strip().lower() for c in categories}):
            conditions += [
                findings.c.categories == category,
                findings.c.categories.like(f"{category},%"),
                findings.c.categories.like(f"%,{category}"),
                findings.c.categories.like(f"%,{category},%"),
            ]
        query = query.where(or_(*conditions))
    if overdue is not None and overdue is not False:
        day = to_local_date(datetime.now().astimezone()) if overdue is True else as_day(overdue)
        query = (
            query.join(finding_followup, finding_followup.c.fingerprint == findings.c.fingerprint)
            .where(findings.c.status == FindingStatus.NOTIFIED.value)
            .where(finding_followup.c.rectified_on.is_(None))
            .where(finding_followup.c.rectification_due < day)
        )
    query = query.order_by(
        findings.c.severity,
        findings.c.rule_id,
        findings.c.subject_type,
        findings.c.subject_id,
        findings.c.fingerprint,
    )
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as connection:
        return [stored_from_row(row) for row in connection.execute(query)]


def overdue_findings(
    store: Store, as_of: date | datetime | str | None = None, *, limit: int | None = None
) -> list[StoredFinding]:
    """Notified findings whose rectification deadline passed (before ``as_of``, default
    today) without a recorded rectification."""
    return list_findings(store, overdue=True if as_of is None else as_of, limit=limit)
