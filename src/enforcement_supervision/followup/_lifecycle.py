"""Transitions of a finding's follow-through: notify, extend, rectify, close, reopen.

Each transition checks the finding's current status, changes it and appends one
hash-chained event (who, when, why and what) in the same transaction, which holds the chain
lock from its first statement. The engine never overwrites these statuses (it flips
``detected`` instead), so a person's decision stands until a person changes it.

=============  ========================================  ============  ==============
action         allowed from                              new status    event kind
=============  ========================================  ============  ==============
notify         open, reopened                            notified      ``notified``
extend         notified                                  notified      ``extended``
rectify        notified                                  rectified     ``rectified``
close          rectified (by someone else)               closed        ``closed``
reopen         notified, rectified, closed, waived       reopened      ``reopened``
=============  ========================================  ============  ==============

Waivers are in :mod:`._waivers`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import attrs
from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from enforcement_supervision.followup._common import (
    as_day,
    locked,
    moment,
    require_actor,
    resolve,
    row_of,
)
from enforcement_supervision.followup._errors import FollowupError, TransitionError
from enforcement_supervision.statutory_time import to_local_date
from enforcement_supervision.store import FindingEvent, FindingStatus, Store
from enforcement_supervision.store._internal import (
    NewEvent,
    append_events,
    finding_followup,
    finding_waivers,
    findings,
)

__all__ = [
    "FollowupState",
    "close",
    "extend",
    "followup_state",
    "notify",
    "rectify",
    "reopen",
]

S = FindingStatus

NOTIFIABLE = (S.OPEN.value, S.REOPENED.value)
REOPENABLE = (S.NOTIFIED.value, S.RECTIFIED.value, S.CLOSED.value, S.WAIVED.value)


@attrs.frozen(kw_only=True)
class FollowupState:
    """What the follow-through of one finding says so far (derived from its events)."""

    fingerprint: str
    notice_number: str | None = None
    notified_on: date | None = None
    rectification_due: date | None = None
    rectified_on: date | None = None
    rectified_by: str | None = None
    closed_on: date | None = None
    closed_by: str | None = None

    def overdue(self, day: date) -> bool:
        """Notified, not rectified, and the rectification deadline is before ``day``."""
        return (
            self.rectification_due is not None
            and self.rectified_on is None
            and self.rectification_due < day
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            name: value.isoformat() if isinstance(value, date) else value
            for name, value in attrs.asdict(self).items()
        }


def _state_from_row(row: Any) -> FollowupState:
    return FollowupState(
        fingerprint=row.fingerprint,
        notice_number=row.notice_number,
        notified_on=row.notified_on,
        rectification_due=row.rectification_due,
        rectified_on=row.rectified_on,
        rectified_by=row.rectified_by,
        closed_on=row.closed_on,
        closed_by=row.closed_by,
    )


def followup_state(store: Store, fingerprint: str) -> FollowupState:
    """The follow-through state of a finding (empty when it was never notified)."""
    full = resolve(store, fingerprint)
    with store.engine.connect() as connection:
        row = connection.execute(
            select(finding_followup).where(finding_followup.c.fingerprint == full)
        ).first()
    return FollowupState(fingerprint=full) if row is None else _state_from_row(row)


def _require(row: Any, action: str, allowed: Sequence[str]) -> None:
    if row.status not in allowed:
        raise TransitionError(
            fingerprint=row.fingerprint,
            rule_id=row.rule_id,
            status=row.status,
            action=action,
            allowed_from=tuple(allowed),
        )


def _write_followup(connection: Connection, fingerprint: str, at: datetime, **values: Any) -> None:
    result = connection.execute(
        update(finding_followup)
        .where(finding_followup.c.fingerprint == fingerprint)
        .values(**values, updated_at=at)
    )
    if result.rowcount == 0:
        connection.execute(
            finding_followup.insert().values(fingerprint=fingerprint, updated_at=at, **values)
        )


def _followup_row(connection: Connection, fingerprint: str) -> Any:
    return connection.execute(
        select(finding_followup).where(finding_followup.c.fingerprint == fingerprint)
    ).first()


def set_status(
    connection: Connection,
    row: Any,
    status: str,
    at: datetime,
    events: Sequence[NewEvent],
    **extra: Any,
) -> list[FindingEvent]:
    """Change the finding's status (and ``extra`` columns) and append ``events``."""
    connection.execute(
        update(findings)
        .where(findings.c.fingerprint == row.fingerprint)
        .values(status=status, updated_at=at, **extra)
    )
    return append_events(connection, events)


def event_data(row: Any, previous: str, **data: Any) -> dict[str, Any]:
    """The event's data: what the transition recorded plus the finding's identity."""
    return {
        "rule_id": row.rule_id,
        "subject": f"{row.subject_type}/{row.subject_id}",
        "previous_status": previous,
        **{name: value for name, value in data.items() if value is not None},
    }


def notify(
    store: Store,
    fingerprint: str,
    *,
    actor: str,
    document_number: str,
    rectification_due: date | str,
    reason: str | None = None,
    notified_on: date | str | None = None,
    at: datetime | None = None,
) -> FindingEvent:
    """Record that a supervision opinion or rectification notice (``document_number``) was
    issued to the agency on ``notified_on`` (default: the day of ``at``, i.e. today), with
    the rectification deadline: open/reopened → notified."""
    who = require_actor(actor, "签发人（--by）", "the actor (--by)")
    number = require_actor(document_number, "文书编号", "the document number")
    due = as_day(rectification_due)
    when = moment(at)
    issued = to_local_date(when) if notified_on is None else as_day(notified_on)
    if due < issued:
        raise FollowupError(
            f"整改期限 {due} 早于通知日期 {issued}",
            f"rectification deadline {due} is before the notice ({issued})",
        )
    full = resolve(store, fingerprint)
    with locked(store) as connection:
        row = row_of(connection, full)
        _require(row, "notify / 通知整改", NOTIFIABLE)
        _write_followup(
            connection,
            full,
            when,
            notice_number=number,
            notified_on=issued,
            rectification_due=due,
            rectified_on=None,
            rectified_by=None,
            closed_on=None,
            closed_by=None,
        )
        data = event_data(
            row,
            row.status,
            notice_number=number,
            document_number=number,
            notified_on=issued.isoformat(),
            rectification_due=due.isoformat(),
        )
        event = NewEvent(
            fingerprint=full, kind="notified", at=when, actor=who, reason=reason, data=data
        )
        return set_status(connection, row, S.NOTIFIED.value, when, [event])[0]


def extend(
    store: Store,
    fingerprint: str,
    *,
    actor: str,
    rectification_due: date | str,
    reason: str,
    at: datetime | None = None,
) -> FindingEvent:
    """Move the rectification deadline of a notified finding (status unchanged)."""
    who = require_actor(actor, "批准人（--by）", "the actor (--by)")
    why = require_actor(reason, "延期理由（--reason）", "the reason (--reason)")
    due = as_day(rectification_due)
    when = moment(at)
    full = resolve(store, fingerprint)
    with locked(store) as connection:
        row = row_of(connection, full)
        _require(row, "extend / 延长整改期限", (S.NOTIFIED.value,))
        previous = _followup_row(connection, full)
        old_due = None if previous is None else previous.rectification_due
        _write_followup(connection, full, when, rectification_due=due)
        data = event_data(
            row,
            row.status,
            rectification_due=due.isoformat(),
            previous_due=None if old_due is None else old_due.isoformat(),
        )
        event = NewEvent(
            fingerprint=full, kind="extended", at=when, actor=who, reason=why, data=data
        )
        return set_status(connection, row, row.status, when, [event])[0]


def rectify(
    store: Store,
    fingerprint: str,
    *,
    actor: str,
    description: str,
    evidence: Sequence[str] = (),
    rectified_on: date | str | None = None,
    at: datetime | None = None,
) -> FindingEvent:
    """Record what the agency did to rectify (``description``) and the ``evidence`` (file
    names, document numbers, record ids): notified → rectified. ``actor`` is whoever at
    the agency reports it; a different person must close the finding."""
    who = require_actor(actor, "整改人（--by）", "the actor (--by)")
    what = require_actor(description, "整改情况（--description）", "what was done (--description)")
    when = moment(at)
    day = to_local_date(when) if rectified_on is None else as_day(rectified_on)
    full = resolve(store, fingerprint)
    with locked(store) as connection:
        row = row_of(connection, full)
        _require(row, "rectify / 登记整改", (S.NOTIFIED.value,))
        _write_followup(connection, full, when, rectified_on=day, rectified_by=who)
        data = event_data(
            row,
            row.status,
            rectified_on=day.isoformat(),
            evidence=[str(item) for item in evidence],
        )
        event = NewEvent(
            fingerprint=full, kind="rectified", at=when, actor=who, reason=what, data=data
        )
        return set_status(connection, row, S.RECTIFIED.value, when, [event])[0]


def close(
    store: Store,
    fingerprint: str,
    *,
    actor: str,
    reason: str | None = None,
    at: datetime | None = None,
) -> FindingEvent:
    """Close a rectified finding after verifying the rectification: rectified → closed.

    ``actor`` is the verifier and must not be the person who recorded the rectification.
    A closed finding leaves the baseline."""
    who = require_actor(actor, "核验人（--by）", "the verifier (--by)")
    when = moment(at)
    full = resolve(store, fingerprint)
    with locked(store) as connection:
        row = row_of(connection, full)
        _require(row, "close / 核验销号", (S.RECTIFIED.value,))
        state = _followup_row(connection, full)
        rectified_by = None if state is None else state.rectified_by
        if rectified_by is not None and rectified_by.casefold() == who.casefold():
            raise TransitionError(
                fingerprint=full,
                rule_id=row.rule_id,
                status=row.status,
                action="close / 核验销号",
                allowed_from=(S.RECTIFIED.value,),
                detail_zh=f"核验人不能是登记整改的 {rectified_by} 本人",
                detail_en=f"the verifier must not be {rectified_by}, who recorded the "
                "rectification",
            )
        _write_followup(connection, full, when, closed_on=to_local_date(when), closed_by=who)
        data = event_data(
            row,
            row.status,
            closed_on=to_local_date(when).isoformat(),
            verified_by=who,
            rectified_by=rectified_by,
        )
        events = [
            NewEvent(fingerprint=full, kind="closed", at=when, actor=who, reason=reason, data=data)
        ]
        extra: dict[str, Any] = {}
        if row.in_baseline:
            extra["in_baseline"] = False
            events.append(
                NewEvent(
                    fingerprint=full,
                    kind="left_baseline",
                    at=when,
                    actor=who,
                    data={"rule_id": row.rule_id, "status": S.CLOSED.value},
                )
            )
        return set_status(connection, row, S.CLOSED.value, when, events, **extra)[0]


def reopen(
    store: Store,
    fingerprint: str,
    *,
    actor: str,
    reason: str,
    at: datetime | None = None,
) -> FindingEvent:
    """Reopen a finding in the follow-through (a failed verification, a revoked waiver, a
    closed finding that recurred): notified/rectified/closed/waived → reopened. An active
    waiver is revoked (an ``unwaived`` event first). A finding the latest check no longer
    produces cannot be reopened."""
    who = require_actor(actor, "操作人（--by）", "the actor (--by)")
    why = require_actor(reason, "重新打开的理由（--reason）", "the reason (--reason)")
    when = moment(at)
    full = resolve(store, fingerprint)
    with locked(store) as connection:
        row = row_of(connection, full)
        _require(row, "reopen / 重新打开", REOPENABLE)
        if not row.detected:
            raise TransitionError(
                fingerprint=full,
                rule_id=row.rule_id,
                status=row.status,
                action="reopen / 重新打开",
                allowed_from=REOPENABLE,
                detail_zh="最近一次检查已不再检出该问题",
                detail_en="the latest check no longer produces it",
            )
        events: list[NewEvent] = []
        if row.status == S.WAIVED.value:
            revoked = _end_active_waivers(connection, full, "revoked", when)
            events.append(
                NewEvent(
                    fingerprint=full,
                    kind="unwaived",
                    at=when,
                    actor=who,
                    reason=why,
                    data=event_data(row, row.status, waiver_ids=revoked, ended="revoked"),
                )
            )
        events.append(
            NewEvent(
                fingerprint=full,
                kind="reopened",
                at=when,
                actor=who,
                reason=why,
                data=event_data(row, row.status),
            )
        )
        written = set_status(connection, row, S.REOPENED.value, when, events, resolved_at=None)
        return written[-1]


def _end_active_waivers(
    connection: Connection, fingerprint: str, state: str, at: datetime
) -> list[int]:
    ids = [
        int(found.waiver_id)
        for found in connection.execute(
            select(finding_waivers.c.waiver_id)
            .where(finding_waivers.c.fingerprint == fingerprint)
            .where(finding_waivers.c.state.in_(["active", "pending"]))
        )
    ]
    if ids:
        connection.execute(
            update(finding_waivers)
            .where(finding_waivers.c.waiver_id.in_(ids))
            .values(state=state, ended_at=at)
        )
    return ids


def followup_states(store: Store, fingerprints: Sequence[str]) -> Mapping[str, FollowupState]:
    """The follow-through states of many findings (those never notified are missing)."""
    out: dict[str, FollowupState] = {}
    with store.engine.connect() as connection:
        for start in range(0, len(fingerprints), 500):
            chunk = list(fingerprints[start : start + 500])
            for row in connection.execute(
                select(finding_followup).where(finding_followup.c.fingerprint.in_(chunk))
            ):
                out[row.fingerprint] = _state_from_row(row)
    return out
