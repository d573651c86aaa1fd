"""Waivers: requested by one person, approved by another, until an expiry date.

A waiver request (``waiver_requested`` event) leaves the finding's status alone; the
approval (``waived`` event, by a different person) sets it to ``waived``. On the day after
the expiry date the waiver ends (``waiver_expired`` event) and the finding resurfaces:
``reopened`` when the latest check still produces it, else ``resolved``. Waivers whose
finding is no longer produced are *stale*. Rules marked ``waivable=False`` refuse waivers.
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

import attrs
from sqlalchemy import or_, select, update

from enforcement_supervision._host import PluginManager, UnknownRuleError, load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.followup._common import (
    as_day,
    locked,
    moment,
    require_actor,
    resolve,
    row_of,
)
from enforcement_supervision.followup._errors import TransitionError, WaiverError
from enforcement_supervision.followup._lifecycle import event_data, set_status
from enforcement_supervision.statutory_time import to_local_date
from enforcement_supervision.store import FindingEvent, FindingStatus, Store
from enforcement_supervision.store._internal import NewEvent, finding_waivers, findings

__all__ = [
    "WAIVABLE_STATUSES",
    "ExpiredWaiver",
    "WaiverReason",
    "WaiverRecord",
    "approve_waiver",
    "expire_waivers",
    "list_waivers",
    "request_waiver",
    "rule_waivable",
    "stale_waivers",
    "waive",
]

S = FindingStatus

#: A waiver can be requested (and approved) while the finding is in one of these statuses.
WAIVABLE_STATUSES = (
    S.OPEN.value,
    S.REOPENED.value,
    S.NOTIFIED.value,
    S.RECTIFIED.value,
)


class WaiverReason(enum.StrEnum):
    """Why a finding is waived."""

    FALSE_POSITIVE = "false_positive"
    LEGAL_EXCEPTION = "legal_exception"
    ACCEPTED = "accepted"

    def label(self, lang: str = "zh") -> str:
        zh = {"false_positive": "误报", "legal_exception": "法定例外", "accepted": "接受风险"}
        return self.value.replace("_", " ") if lang == "en" else zh[self.value]


@attrs.frozen(kw_only=True)
class WaiverRecord:
    """One waiver: ``state`` is pending, active, expired, revoked (by a reopen) or
    superseded (the finding was closed)."""

    waiver_id: int
    fingerprint: str
    state: str
    reason_category: str
    justification: str
    requested_by: str
    requested_at: datetime
    approved_by: str | None
    approved_at: datetime | None
    expires: date
    ended_at: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            name: value.isoformat() if isinstance(value, date | datetime) else value
            for name, value in attrs.asdict(self).items()
        }


@attrs.frozen(kw_only=True)
class ExpiredWaiver:
    """A waiver :func:`expire_waivers` ended, and the status its finding resurfaced in."""

    waiver: WaiverRecord
    status: str


def _waiver_from_row(row: Any) -> WaiverRecord:
    return WaiverRecord(
        waiver_id=int(row.waiver_id),
        fingerprint=row.fingerprint,
        state=row.state,
        reason_category=row.reason_category,
        justification=row.justification,
        requested_by=row.requested_by,
        requested_at=row.requested_at,
        approved_by=row.approved_by,
        approved_at=row.approved_at,
        expires=row.expires,
        ended_at=row.ended_at,
    )


def rule_waivable(
    rule_id: str, *, manager: PluginManager | None = None, config: Config | None = None
) -> bool:
    """Whether ``rule_id`` accepts waivers (``Rule.waivable``; a rule no plugin provides any
    more is taken as waivable)."""
    plugins = manager if manager is not None else load_plugins(config or Config())
    try:
        return plugins.rule(rule_id).waivable
    except UnknownRuleError:
        return True


def request_waiver(
    store: Store,
    fingerprint: str,
    *,
    requested_by: str,
    reason_category: WaiverReason | str,
    justification: str,
    expires: date | str,
    waivable: bool | None = None,
    manager: PluginManager | None = None,
    config: Config | None = None,
    at: datetime | None = None,
) -> WaiverRecord:
    """Ask for a waiver of a finding until ``expires`` (inclusive). It takes effect when a
    different person approves it (:func:`approve_waiver`). ``waivable`` overrides the
    lookup of the rule's ``waivable`` flag in ``manager`` (default: the installed plugins)."""
    who = require_actor(requested_by, "申请人（--by）", "the requester (--by)")
    why = require_actor(justification, "豁免理由（--reason）", "the justification (--reason)")
    try:
        category = WaiverReason(str(reason_category))
    except ValueError:
        raise WaiverError(
            f"未知的豁免理由类别 {reason_category}（{', '.join(WaiverReason)}）",
            f"unknown waiver reason category {reason_category!r} "
            f"(one of {', '.join(WaiverReason)})",
        ) from None
    until = as_day(expires)
    when = moment(at)
    if until < to_local_date(when):
        raise WaiverError(
            f"豁免到期日 {until} 已经过去", f"the waiver's expiry date {until} is in the past"
        )
    full = resolve(store, fingerprint)
    with store.engine.connect() as connection:
        rule_id = connection.execute(
            select(findings.c.rule_id).where(findings.c.fingerprint == full)
        ).scalar_one()
    allowed = waivable
    if allowed is None:
        allowed = rule_waivable(rule_id, manager=manager, config=config)
    if not allowed:
        raise WaiverError(
            f"规则 {rule_id} 不允许豁免（发现 {full[:12]}）",
            f"rule {rule_id} is not waivable (finding {full[:12]})",
        )
    with locked(store) as connection:
        row = row_of(connection, full)
        _require_waivable(row, "waive / 申请豁免")
        existing = connection.execute(
            select(finding_waivers.c.waiver_id)
            .where(finding_waivers.c.fingerprint == full)
            .where(finding_waivers.c.state.in_(["pending", "active"]))
        ).first()
        if existing is not None:
            raise WaiverError(
                f"发现 {full[:12]} 已有待批或有效的豁免 #{existing.waiver_id}",
                f"finding {full[:12]} already has a pending or active waiver #{existing.waiver_id}",
            )
        values: dict[str, Any] = {
            "fingerprint": full,
            "state": "pending",
            "reason_category": category.value,
            "justification": why,
            "requested_by": who,
            "requested_at": when,
            "expires": until,
        }
        inserted = connection.execute(finding_waivers.insert().values(**values))
        key = inserted.inserted_primary_key
        assert key is not None
        waiver_id = int(key[0])
        event = NewEvent(
            fingerprint=full,
            kind="waiver_requested",
            at=when,
            actor=who,
            reason=why,
            data=event_data(
                row,
                row.status,
                waiver_id=waiver_id,
                reason_category=category.value,
                requested_by=who,
                expires=until.isoformat(),
            ),
        )
        set_status(connection, row, row.status, when, [event])
        return WaiverRecord(
            waiver_id=waiver_id, approved_by=None, approved_at=None, ended_at=None, **values
        )


def _require_waivable(row: Any, action: str) -> None:
    if row.status not in WAIVABLE_STATUSES:
        raise TransitionError(
            fingerprint=row.fingerprint,
            rule_id=row.rule_id,
            status=row.status,
            action=action,
            allowed_from=WAIVABLE_STATUSES,
        )


def approve_waiver(
    store: Store,
    waiver: int | str,
    *,
    approved_by: str,
    at: datetime | None = None,
) -> FindingEvent:
    """Approve a pending waiver (by its id, or the fingerprint of a finding with one pending
    waiver): the finding becomes ``waived``. The approver must not be the requester."""
    who = require_actor(approved_by, "审批人（--by）", "the approver (--by)")
    when = moment(at)
    with store.engine.connect() as connection:
        pending = _pending_waiver(connection, store, waiver)
    if pending.requested_by.casefold() == who.casefold():
        raise WaiverError(
            f"豁免 #{pending.waiver_id}（发现 {pending.fingerprint[:12]}）的申请人和审批人"
            f"不能是同一人（{who}）",
            f"waiver #{pending.waiver_id} (finding {pending.fingerprint[:12]}) must be approved "
            f"by someone other than its requester ({who})",
        )
    if pending.expires < to_local_date(when):
        raise WaiverError(
            f"豁免 #{pending.waiver_id} 的到期日 {pending.expires} 已经过去",
            f"waiver #{pending.waiver_id} expired on {pending.expires}",
        )
    with locked(store) as connection:
        row = row_of(connection, pending.fingerprint)
        _require_waivable(row, "approve waiver / 批准豁免")
        result = connection.execute(
            update(finding_waivers)
            .where(finding_waivers.c.waiver_id == pending.waiver_id)
            .where(finding_waivers.c.state == "pending")
            .values(state="active", approved_by=who, approved_at=when)
        )
        if result.rowcount != 1:
            raise WaiverError(
                f"豁免 #{pending.waiver_id} 已不是待批状态",
                f"waiver #{pending.waiver_id} is no longer pending",
            )
        event = NewEvent(
            fingerprint=pending.fingerprint,
            kind="waived",
            at=when,
            actor=who,
            reason=pending.justification,
            data=event_data(
                row,
                row.status,
                waiver_id=pending.waiver_id,
                reason_category=pending.reason_category,
                requested_by=pending.requested_by,
                approved_by=who,
                expires=pending.expires.isoformat(),
            ),
        )
        return set_status(connection, row, S.WAIVED.value, when, [event])[0]


def _pending_waiver(connection: Any, store: Store, waiver: int | str) -> WaiverRecord:
    text = str(waiver).strip().lstrip("#")
    query = select(finding_waivers).where(finding_waivers.c.state == "pending")
    if text.isdigit() and len(text) < 10:
        query = query.where(finding_waivers.c.waiver_id == int(text))
    else:
        query = query.where(finding_waivers.c.fingerprint == resolve(store, text))
    rows = connection.execute(query).all()
    if len(rows) != 1:
        raise WaiverError(
            f"没有待批的豁免 {waiver}", f"no pending waiver {waiver} (give the waiver id)"
        )
    return _waiver_from_row(rows[0])


def waive(
    store: Store,
    fingerprint: str,
    *,
    requested_by: str,
    approved_by: str,
    reason_category: WaiverReason | str,
    justification: str,
    expires: date | str,
    waivable: bool | None = None,
    manager: PluginManager | None = None,
    config: Config | None = None,
    at: datetime | None = None,
) -> WaiverRecord:
    """Request and approve a waiver at once (two different people); the finding becomes
    ``waived``. Refused, and nothing stored, when the requester approves their own request."""
    if requested_by.strip().casefold() == approved_by.strip().casefold():
        raise WaiverError(
            f"发现 {fingerprint[:12]} 的豁免申请人和审批人不能是同一人（{approved_by}）",
            f"a waiver of finding {fingerprint[:12]} must be approved by someone other than "
            f"its requester ({approved_by})",
        )
    record = request_waiver(
        store,
        fingerprint,
        requested_by=requested_by,
        reason_category=reason_category,
        justification=justification,
        expires=expires,
        waivable=waivable,
        manager=manager,
        config=config,
        at=at,
    )
    approve_waiver(store, record.waiver_id, approved_by=approved_by, at=at)
    return list_waivers(store, fingerprint=record.fingerprint, waiver_id=record.waiver_id)[0]


def list_waivers(
    store: Store,
    *,
    states: Collection[str] | None = None,
    fingerprint: str | None = None,
    waiver_id: int | None = None,
) -> list[WaiverRecord]:
    """Waivers (of one finding, in some states), oldest first."""
    query = select(finding_waivers).order_by(finding_waivers.c.waiver_id)
    if states:
        query = query.where(finding_waivers.c.state.in_(sorted(states)))
    if fingerprint is not None:
        query = query.where(finding_waivers.c.fingerprint == resolve(store, fingerprint))
    if waiver_id is not None:
        query = query.where(finding_waivers.c.waiver_id == waiver_id)
    with store.engine.connect() as connection:
        return [_waiver_from_row(row) for row in connection.execute(query)]


def stale_waivers(store: Store) -> list[WaiverRecord]:
    """Pending or active waivers that no longer match anything: their finding is not
    produced by the latest check any more (or was resolved)."""
    query = (
        select(finding_waivers)
        .join(findings, findings.c.fingerprint == finding_waivers.c.fingerprint)
        .where(finding_waivers.c.state.in_(["pending", "active"]))
        .where(or_(findings.c.detected.is_(False), findings.c.status == S.RESOLVED.value))
        .order_by(finding_waivers.c.waiver_id)
    )
    with store.engine.connect() as connection:
        return [_waiver_from_row(row) for row in connection.execute(query)]


def expire_waivers(
    store: Store, as_of: date | datetime | str | None = None, *, at: datetime | None = None
) -> list[ExpiredWaiver]:
    """End the active waivers whose expiry date is before ``as_of`` (a day; default today in
    Shanghai) and let their findings resurface: ``reopened`` when still produced, else
    ``resolved``; pending requests past their expiry lapse. ``esup check`` calls this after
    each run; call it yourself after :func:`~enforcement_supervision.engine.run_check`."""
    when = moment(at)
    day = to_local_date(when) if as_of is None else as_day(as_of)
    out: list[ExpiredWaiver] = []
    with locked(store) as connection:
        rows = connection.execute(
            select(finding_waivers)
            .where(finding_waivers.c.state.in_(["active", "pending"]))
            .where(finding_waivers.c.expires < day)
            .order_by(finding_waivers.c.waiver_id)
        ).all()
        for waiver_row in rows:
            waiver = _waiver_from_row(waiver_row)
            connection.execute(
                update(finding_waivers)
                .where(finding_waivers.c.waiver_id == waiver.waiver_id)
                .values(state="expired", ended_at=when)
            )
            row = row_of(connection, waiver.fingerprint)
            data = event_data(
                row, row.status, waiver_id=waiver.waiver_id, expires=waiver.expires.isoformat()
            )
            if waiver.state == "pending" or row.status != S.WAIVED.value:
                event = NewEvent(
                    fingerprint=waiver.fingerprint,
                    kind="waiver_lapsed",
                    at=when,
                    actor="esup",
                    reason="waiver request expired before approval",
                    data=data,
                )
                set_status(connection, row, row.status, when, [event])
                out.append(ExpiredWaiver(waiver=waiver, status=row.status))
                continue
            status = S.REOPENED.value if row.detected else S.RESOLVED.value
            extra: dict[str, Any] = {"resolved_at": None if row.detected else when}
            event = NewEvent(
                fingerprint=waiver.fingerprint,
                kind="waiver_expired",
                at=when,
                actor="esup",
                reason=f"waiver #{waiver.waiver_id} expired on {waiver.expires}",
                data={**data, "resurfaced_as": status},
            )
            set_status(connection, row, status, when, [event], **extra)
            out.append(ExpiredWaiver(waiver=waiver, status=status))
    return out
