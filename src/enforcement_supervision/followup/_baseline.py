"""The baseline for gradual adoption: today's active findings, set aside so reports can show
what is new since. Membership is ``findings.in_baseline``; it only ever shrinks. A finding
leaves the baseline when it is resolved, no longer produced or closed (a ``left_baseline``
event); creating the baseline again never adds a finding."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs
from sqlalchemy import func, or_, select, update

from enforcement_supervision.followup._common import locked, moment
from enforcement_supervision.store import FindingStatus, Store
from enforcement_supervision.store._internal import (
    ACTIVE_EXCLUDED_STATUSES,
    NewEvent,
    append_events,
    finding_baselines,
    findings,
)

__all__ = ["BaselineInfo", "baseline_info", "create_baseline", "shrink_baseline"]


@attrs.frozen(kw_only=True)
class BaselineInfo:
    """The baseline: when and by whom it was recorded, how many findings entered it and how
    many are still in it; ``created`` is true when this call recorded it."""

    created_at: datetime
    created_by: str | None
    note: str | None
    initial_size: int
    current_size: int
    left: int = 0
    created: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "note": self.note,
            "initial_size": self.initial_size,
            "current_size": self.current_size,
            "left_now": self.left,
            "created": self.created,
        }


def _info(connection: Any, *, left: int = 0, created: bool = False) -> BaselineInfo | None:
    head = connection.execute(
        select(finding_baselines).order_by(finding_baselines.c.baseline_id).limit(1)
    ).first()
    if head is None:
        return None
    size = connection.execute(
        select(func.count()).select_from(findings).where(findings.c.in_baseline.is_(True))
    ).scalar_one()
    return BaselineInfo(
        created_at=head.created_at,
        created_by=head.created_by,
        note=head.note,
        initial_size=int(head.size),
        current_size=int(size),
        left=left,
        created=created,
    )


def _shrink(connection: Any, when: datetime) -> int:
    leaving = connection.execute(
        select(findings.c.fingerprint, findings.c.rule_id, findings.c.status, findings.c.detected)
        .where(findings.c.in_baseline.is_(True))
        .where(
            or_(
                findings.c.detected.is_(False),
                findings.c.status.in_([FindingStatus.RESOLVED.value, FindingStatus.CLOSED.value]),
            )
        )
    ).all()
    if not leaving:
        return 0
    fingerprints = [row.fingerprint for row in leaving]
    for start in range(0, len(fingerprints), 500):
        connection.execute(
            update(findings)
            .where(findings.c.fingerprint.in_(fingerprints[start : start + 500]))
            .values(in_baseline=False)
        )
    append_events(
        connection,
        [
            NewEvent(
                fingerprint=row.fingerprint,
                kind="left_baseline",
                at=when,
                actor="esup",
                data={"rule_id": row.rule_id, "status": row.status, "detected": row.detected},
            )
            for row in leaving
        ],
    )
    return len(leaving)


def shrink_baseline(store: Store, *, at: datetime | None = None) -> int:
    """Take resolved, no-longer-produced and closed findings out of the baseline; how many
    left. ``esup check`` calls it after each run."""
    with locked(store) as connection:
        return _shrink(connection, moment(at))


def baseline_info(store: Store) -> BaselineInfo | None:
    """The baseline, or ``None`` when none was recorded."""
    with store.engine.connect() as connection:
        return _info(connection)


def create_baseline(
    store: Store, *, actor: str | None = None, note: str | None = None, at: datetime | None = None
) -> BaselineInfo:
    """Record the active findings as the baseline (once). When a baseline exists nothing is
    added: it only shrinks (the findings resolved or closed since leave it)."""
    when = moment(at)
    with locked(store) as connection:
        left = _shrink(connection, when)
        existing = _info(connection, left=left)
        if existing is not None:
            return existing
        members = connection.execute(
            select(findings.c.fingerprint, findings.c.rule_id, findings.c.status)
            .where(findings.c.detected.is_(True))
            .where(findings.c.status.notin_(sorted(ACTIVE_EXCLUDED_STATUSES)))
            .where(findings.c.status != FindingStatus.RESOLVED.value)
            .order_by(findings.c.fingerprint)
        ).all()
        fingerprints = [row.fingerprint for row in members]
        for start in range(0, len(fingerprints), 500):
            connection.execute(
                update(findings)
                .where(findings.c.fingerprint.in_(fingerprints[start : start + 500]))
                .values(in_baseline=True)
            )
        connection.execute(
            finding_baselines.insert().values(
                created_at=when, created_by=actor, note=note, size=len(fingerprints)
            )
        )
        append_events(
            connection,
            [
                NewEvent(
                    fingerprint=row.fingerprint,
                    kind="baselined",
                    at=when,
                    actor=actor,
                    reason=note,
                    data={"rule_id": row.rule_id, "status": row.status},
                )
                for row in members
            ],
        )
        info = _info(connection, left=left, created=True)
        assert info is not None
        return info
