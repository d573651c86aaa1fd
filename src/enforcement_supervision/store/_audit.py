"""What the event chain proves about the findings table, and anchors kept outside it.

:func:`~._findings.verify_event_chain` proves the event log was not edited, reordered or cut
short — but the findings table beside it could be changed freely (``UPDATE findings SET
status = 'closed'`` passed), and a writer with database access could rewrite the chain's tail
consistently, recomputing every hash. Two checks close those gaps:

* :func:`verify_findings` replays the chain: every finding the events name must exist, with
  the status, detection and baseline membership its events lead to and the rule and subject
  they name; every stored finding must have its events. What the chain does *not* cover is
  listed in ``docs/guide/security.md`` (the message text, reasons and evidence are rewritten
  by later evaluations without an event, so only their rule and subject are checked).
* An **anchor** (:func:`chain_anchor`) is the number of events and the hash of the last one,
  printed to be kept outside the database (the supervision office's records, a signed
  notice). :func:`verify_anchor` checks that the chain still passes through it: any rewrite
  of an event up to the anchor changes that hash.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs
from sqlalchemy import func, select

from enforcement_supervision.errors import EsupError
from enforcement_supervision.store._findings import iter_chain
from enforcement_supervision.store._schema import finding_chain, finding_events, findings
from enforcement_supervision.store._store import Store

__all__ = [
    "Anchor",
    "AnchorError",
    "FindingMismatch",
    "chain_anchor",
    "parse_anchor",
    "verify_anchor",
    "verify_findings",
]

#: The status each event kind leads to (kinds not listed keep the status).
_STATUS = {
    "opened": "open",
    "resolved": "resolved",
    "reopened": "reopened",
    "notified": "notified",
    "rectified": "rectified",
    "closed": "closed",
    "waived": "waived",
}
#: Whether the latest check produces the finding, after each event kind.
_DETECTED = {
    "opened": True,
    "reopened": True,
    "redetected": True,
    "resolved": False,
    "undetected": False,
}
_BASELINE = {"baselined": True, "left_baseline": False}


@attrs.define
class _Replayed:
    status: str | None = None
    detected: bool = True
    in_baseline: bool = False
    rule_id: str | None = None
    subject: str | None = None


@attrs.frozen
class FindingMismatch:
    """A finding whose stored row is not what its events say."""

    fingerprint: str
    problem: str


def _replay(store: Store) -> dict[str, _Replayed]:
    state: dict[str, _Replayed] = {}
    for event in iter_chain(store):
        item = state.setdefault(event.fingerprint, _Replayed())
        kind = event.kind
        if kind == "waiver_expired":
            item.status = str(event.data.get("resurfaced_as", item.status))
        elif kind in _STATUS:
            item.status = _STATUS[kind]
        if kind in _DETECTED:
            item.detected = _DETECTED[kind]
        if kind in _BASELINE:
            item.in_baseline = _BASELINE[kind]
        if item.rule_id is None and "rule_id" in event.data:
            item.rule_id = str(event.data["rule_id"])
        if item.subject is None and "subject" in event.data:
            item.subject = str(event.data["subject"])
    return state


def _rows(store: Store, batch_size: int = 5000) -> Iterator[Any]:
    after = ""
    columns = (
        findings.c.fingerprint,
        findings.c.status,
        findings.c.detected,
        findings.c.in_baseline,
        findings.c.rule_id,
        findings.c.subject_type,
        findings.c.subject_id,
    )
    while True:
        with store.engine.connect() as connection:
            rows = connection.execute(
                select(*columns)
                .where(findings.c.fingerprint > after)
                .order_by(findings.c.fingerprint)
                .limit(batch_size)
            ).all()
        if not rows:
            return
        yield from rows
        after = rows[-1].fingerprint


def verify_findings(store: Store, *, limit: int = 20) -> list[FindingMismatch]:
    """The stored findings that differ from what the event chain replays to (at most
    ``limit``): changed status, detection or baseline membership, another rule or subject,
    a row without events (inserted behind the library's back) or events without a row
    (a deleted finding)."""
    replayed = _replay(store)
    found: list[FindingMismatch] = []

    def add(fingerprint: str, problem: str) -> bool:
        found.append(FindingMismatch(fingerprint, problem))
        return len(found) >= limit

    for row in _rows(store):
        item = replayed.pop(row.fingerprint, None)
        if item is None:
            if add(row.fingerprint, "stored without any event (inserted outside the library)"):
                return found
            continue
        checks = (
            ("status", row.status, item.status),
            ("detected", bool(row.detected), item.detected),
            ("in_baseline", bool(row.in_baseline), item.in_baseline),
            ("rule_id", row.rule_id, item.rule_id or row.rule_id),
            (
                "subject",
                f"{row.subject_type}/{row.subject_id}",
                item.subject or f"{row.subject_type}/{row.subject_id}",
            ),
        )
        for name, stored, expected in checks:
            if stored != expected and add(
                row.fingerprint, f"{name} is {stored!r}, its events say {expected!r}"
            ):
                return found
    for fingerprint in sorted(replayed):
        if add(fingerprint, "has events but no stored finding (the finding was deleted)"):
            return found
    return found


class AnchorError(EsupError):
    """An anchor that cannot be read (not printed by ``esup findings anchor``)."""


_ANCHOR = re.compile(r"^esup-anchor:1:(\d+):([0-9a-f]{64})$")


@attrs.frozen
class Anchor:
    """The chain at one moment: how many events it had and the hash of the last one."""

    events: int
    hash: str
    last_event_id: int | None = None

    @property
    def text(self) -> str:
        return f"esup-anchor:1:{self.events}:{self.hash}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "anchor": self.text,
            "events": self.events,
            "hash": self.hash,
            "last_event_id": self.last_event_id,
        }


def parse_anchor(text: str) -> Anchor:
    match = _ANCHOR.match(text.strip())
    if match is None:
        raise AnchorError(
            f"无法识别的锚点：{text!r}（应为 esup findings anchor 输出的 esup-anchor:1:… ）",
            f"not an anchor: {text!r} (expected esup-anchor:1:… as printed by "
            "esup findings anchor)",
        )
    return Anchor(events=int(match.group(1)), hash=match.group(2))


def chain_anchor(store: Store) -> Anchor:
    """The anchor of the chain as it is now (the empty chain: 0 events, hash of zeros)."""
    with store.engine.connect() as connection:
        count = int(
            connection.execute(select(func.count()).select_from(finding_events)).scalar_one()
        )
        head = connection.execute(select(finding_chain).where(finding_chain.c.id == 1)).first()
    if head is None or head.last_hash is None:
        return Anchor(events=int(count), hash="0" * 64)
    return Anchor(events=int(count), hash=head.last_hash, last_event_id=head.last_event_id)


def verify_anchor(store: Store, anchor: Anchor) -> str | None:
    """``None`` when the chain's ``anchor.events``-th event has the anchor's hash (the
    chain still passes through the anchor), else what is wrong."""
    if anchor.events == 0:
        return None
    for position, event in enumerate(iter_chain(store), start=1):
        if position == anchor.events:
            if event.hash == anchor.hash:
                return None
            return (
                f"event {position} of the chain (#{event.event_id}) has another hash than the "
                "anchor: events up to the anchor were rewritten"
            )
    return f"the chain has fewer than the anchor's {anchor.events} events: events were removed"
