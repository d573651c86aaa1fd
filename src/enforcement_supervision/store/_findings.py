"""Stored findings, their append-only event log with a hash chain, and reconciliation.

Statuses. The engine manages ``open``, ``resolved`` and ``reopened``. Statuses people set
(``notified``, ``rectified``, ``closed``, ``waived``: the follow-through) are never changed by
the engine; when such a finding stops (or starts again) being produced, the engine flips its
``detected`` flag and appends a ``undetected`` (or ``redetected``) event instead.

Events. Every transition appends a row to ``finding_events`` in the same transaction as the
change to the finding. Each event's ``hash`` is SHA-256 over the previous event's hash and
the canonical JSON of the event's fields, in one chain across all findings; the chain head
(``finding_chain``) is updated with it. :func:`verify_event_chain` walks the chain and
returns the first broken link. Write events only through :func:`append_events`, which takes
the chain head first and so serialises writers on every backend.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import attrs
from sqlalchemy import Select, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.engine import Connection

from enforcement_supervision._host import Reasons, Subject
from enforcement_supervision.errors import EsupError
from enforcement_supervision.rules import Category, Finding, Severity
from enforcement_supervision.rules._finding import stored_evidence
from enforcement_supervision.statutory_time import to_local_date
from enforcement_supervision.store._runs import (
    _chunks,
    delete_states,
    existing_pairs,
    fitted_lookups,
    write_dependencies,
    write_states,
)
from enforcement_supervision.store._schema import (
    finding_chain,
    finding_events,
    finding_followup,
    finding_sources,
    findings,
    rule_dependencies,
    rule_state,
)
from enforcement_supervision.store._store import Store, StoreError

__all__ = [
    "ACTIVE_EXCLUDED_STATUSES",
    "ENGINE_STATUSES",
    "ChainBreak",
    "EventKind",
    "FindingEvent",
    "FindingNotFoundError",
    "FindingStatus",
    "NewEvent",
    "StoredFinding",
    "SubjectResult",
    "Transition",
    "active_finding_counts",
    "append_events",
    "chain_lock",
    "count_finding_events",
    "event_hash",
    "finding_events_of",
    "get_finding",
    "iter_chain",
    "iter_findings",
    "query_findings",
    "record_results",
    "settle_results",
    "stored_finding_from_row",
    "verify_event_chain",
]


class FindingStatus(enum.StrEnum):
    """Where a finding is in its life."""

    OPEN = "open"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    NOTIFIED = "notified"
    RECTIFIED = "rectified"
    CLOSED = "closed"
    WAIVED = "waived"


#: The statuses the engine sets; every other status belongs to people.
ENGINE_STATUSES = frozenset({FindingStatus.OPEN, FindingStatus.RESOLVED, FindingStatus.REOPENED})
#: A detected finding counts as an unresolved problem unless it has one of these statuses.
ACTIVE_EXCLUDED_STATUSES = frozenset({FindingStatus.CLOSED, FindingStatus.WAIVED})


class EventKind(enum.StrEnum):
    """The kinds of event the engine appends (issue-6 verbs add their own)."""

    OPENED = "opened"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    #: A finding in a status people set is no longer produced (status unchanged).
    UNDETECTED = "undetected"
    #: ... and is produced again.
    REDETECTED = "redetected"


class FindingNotFoundError(EsupError):
    """No finding (or more than one) matches the given fingerprint or prefix."""


# --------------------------------------------------------------------------------------------
# Reading


@attrs.frozen(kw_only=True)
class StoredFinding:
    """A finding as stored, with its status and bookkeeping."""

    finding: Finding
    status: str
    detected: bool
    plugin: str | None
    first_seen_run: str | None
    last_seen_run: str | None
    opened_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    in_baseline: bool

    @property
    def fingerprint(self) -> str:
        return self.finding.fingerprint

    @property
    def active(self) -> bool:
        """Still produced and neither closed nor waived: a problem someone must act on."""
        return self.detected and self.status not in ACTIVE_EXCLUDED_STATUSES

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.finding.to_dict(),
            "status": self.status,
            "detected": self.detected,
            "active": self.active,
            "plugin": self.plugin,
            "first_seen_run": self.first_seen_run,
            "last_seen_run": self.last_seen_run,
            "opened_at": self.opened_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "resolved_at": None if self.resolved_at is None else self.resolved_at.isoformat(),
            "in_baseline": self.in_baseline,
        }


def _finding_from_row(row: Any) -> Finding:
    # The row was written by record_results from a validated Finding: rebuild it without
    # converting, validating and hashing again (Finding.trusted; the fingerprint is the key).
    due = row.due_date
    fact = row.fact_date
    return Finding.trusted(
        rule_id=row.rule_id,
        rule_version=row.rule_version,
        subject=Subject(record_type=row.subject_type, record_id=row.subject_id),
        severity=Severity.parse(row.severity),
        # parse_many splits the stored "a,b" text itself and remembers the texts it has seen.
        categories=Category.parse_many(row.categories),
        message_zh=row.message_zh,
        message_en=row.message_en,
        reasons=Reasons.trusted_from_dict(row.reasons or {}),
        evidence=tuple(stored_evidence(item) for item in row.evidence or ()),
        key=row.finding_key,
        agency_id=row.agency_id,
        due=None if due is None else date(due.year, due.month, due.day),
        fact_date=None if fact is None else date(fact.year, fact.month, fact.day),
        fingerprint=row.fingerprint,
    )


def _stored_from_row(row: Any) -> StoredFinding:
    return StoredFinding(
        finding=_finding_from_row(row),
        status=row.status,
        detected=bool(row.detected),
        plugin=row.plugin,
        first_seen_run=row.first_seen_run,
        last_seen_run=row.last_seen_run,
        opened_at=row.opened_at,
        updated_at=row.updated_at,
        resolved_at=row.resolved_at,
        in_baseline=bool(row.in_baseline),
    )


def _like_pattern(pattern: str) -> str:
    escaped = pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%").replace("?", "_")


def _filtered(
    query: Select[Any],
    *,
    statuses: Collection[str] | None,
    active: bool | None,
    rules: Collection[str] | None,
    severities: Collection[str] | None,
    agency_id: str | None,
    subject: Subject | None,
    categories: Collection[str] | None = None,
    overdue_on: date | None = None,
) -> Select[Any]:
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
    if overdue_on is not None:
        query = (
            query.join(finding_followup, finding_followup.c.fingerprint == findings.c.fingerprint)
            .where(findings.c.status == FindingStatus.NOTIFIED.value)
            .where(finding_followup.c.rectified_on.is_(None))
            .where(finding_followup.c.rectification_due < overdue_on)
        )
    if statuses:
        query = query.where(findings.c.status.in_(sorted(statuses)))
    if active is not None:
        condition = and_(
            findings.c.detected.is_(True),
            findings.c.status.notin_(sorted(ACTIVE_EXCLUDED_STATUSES)),
        )
        query = query.where(condition if active else ~condition)
    if rules:
        exact = sorted(rule.upper() for rule in rules if "*" not in rule and "?" not in rule)
        globs = [rule.upper() for rule in rules if "*" in rule or "?" in rule]
        conditions = [findings.c.rule_id.in_(exact)] if exact else []
        conditions += [findings.c.rule_id.like(_like_pattern(g), escape="\\") for g in globs]
        query = query.where(or_(*conditions))
    if severities:
        query = query.where(findings.c.severity.in_(sorted(s.upper() for s in severities)))
    if agency_id is not None:
        query = query.where(findings.c.agency_id == agency_id)
    if subject is not None:
        query = query.where(findings.c.subject_type == subject.record_type).where(
            findings.c.subject_id == subject.record_id
        )
    return query


def query_findings(
    store: Store,
    *,
    statuses: Collection[str] | None = None,
    active: bool | None = None,
    rules: Collection[str] | None = None,
    severities: Collection[str] | None = None,
    agency_id: str | None = None,
    subject: Subject | None = None,
    categories: Collection[str] | None = None,
    overdue_on: date | datetime | str | None = None,
    limit: int | None = None,
) -> list[StoredFinding]:
    """Stored findings matching every filter given, most serious first.

    ``rules`` are rule ids or shell-style globs (``PEN-*``); ``active=True`` keeps findings
    still produced and neither closed nor waived; ``categories`` keeps findings of any of
    them; ``overdue_on`` (a day, an aware date-time — its Asia/Shanghai day — or ISO text)
    keeps notified findings whose rectification deadline is before that day and that were
    not rectified (the follow-through's overdue list).
    """
    query = _filtered(
        select(findings),
        statuses=statuses,
        active=active,
        rules=rules,
        severities=severities,
        agency_id=agency_id,
        subject=subject,
        categories=categories,
        overdue_on=None if overdue_on is None else _as_day(overdue_on),
    ).order_by(
        findings.c.severity,
        findings.c.rule_id,
        findings.c.subject_type,
        findings.c.subject_id,
        findings.c.fingerprint,
    )
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as connection:
        return [_stored_from_row(row) for row in connection.execute(query)]


#: Orders :func:`iter_findings` reads in: most serious first, or one agency's and one
#: subject's findings together.
_ORDERS = {
    "severity": (
        findings.c.severity,
        findings.c.rule_id,
        findings.c.subject_type,
        findings.c.subject_id,
        findings.c.fingerprint,
    ),
    "subject": (
        findings.c.agency_id,
        findings.c.subject_type,
        findings.c.subject_id,
        findings.c.severity,
        findings.c.rule_id,
        findings.c.fingerprint,
    ),
    "rule": (
        findings.c.rule_id,
        findings.c.subject_type,
        findings.c.subject_id,
        findings.c.fingerprint,
    ),
}


def iter_findings(
    store: Store,
    *,
    agency_id: str | None = None,
    unassigned: bool = False,
    fingerprints: Collection[str] | None = None,
    order: str = "severity",
    batch_size: int = 1000,
) -> Iterator[list[StoredFinding]]:
    """Stored findings in batches of ``batch_size``, read with one streamed query (memory
    holds one batch, whatever the number of findings). ``order`` is ``severity`` (as
    :func:`query_findings`), ``subject`` (by agency, then subject) or ``rule``;
    ``unassigned`` keeps the findings without an agency; ``fingerprints`` only those."""
    query = _filtered(
        select(findings),
        statuses=None,
        active=None,
        rules=None,
        severities=None,
        agency_id=agency_id,
        subject=None,
    )
    if unassigned:
        query = query.where(findings.c.agency_id.is_(None))
    if fingerprints is not None:
        wanted = sorted(set(fingerprints))
        for chunk in _chunks(wanted):
            with store.engine.connect() as connection:
                rows = connection.execute(
                    query.where(findings.c.fingerprint.in_(chunk)).order_by(*_ORDERS[order])
                )
                batch = [_stored_from_row(row) for row in rows]
            for start in range(0, len(batch), batch_size):
                yield batch[start : start + batch_size]
        return
    query = query.order_by(*_ORDERS[order])
    with store.engine.connect() as connection:
        result = connection.execution_options(yield_per=batch_size).execute(query)
        for partition in result.partitions():
            yield [_stored_from_row(row) for row in partition]


def active_finding_counts(
    store: Store, *, rules: Collection[str] | None = None
) -> list[tuple[str, tuple[str, ...], int]]:
    """``(severity, categories, count)`` of active findings (of ``rules`` when given)."""
    query = _filtered(
        select(findings.c.severity, findings.c.categories, func.count()),
        statuses=None,
        active=True,
        rules=None,
        severities=None,
        agency_id=None,
        subject=None,
    ).group_by(findings.c.severity, findings.c.categories)
    out: list[tuple[str, tuple[str, ...], int]] = []
    with store.engine.connect() as connection:
        if rules is not None:
            for chunk in _chunks(sorted(set(rules))):
                for row in connection.execute(query.where(findings.c.rule_id.in_(chunk))):
                    out.append((row[0], tuple(p for p in row[1].split(",") if p), int(row[2])))
        else:
            for row in connection.execute(query):
                out.append((row[0], tuple(p for p in row[1].split(",") if p), int(row[2])))
    return out


_HEX = re.compile(r"^[0-9a-f]{1,64}$")


def get_finding(store: Store, fingerprint: str) -> StoredFinding:
    """The finding with this fingerprint, or the only one whose fingerprint starts with it."""
    wanted = fingerprint.strip().lower()
    if not _HEX.match(wanted):
        raise FindingNotFoundError(
            f"无效的指纹：{fingerprint}", f"not a fingerprint (hex digits): {fingerprint!r}"
        )
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(findings).where(findings.c.fingerprint.like(f"{wanted}%")).limit(2)
        ).all()
    exact = [row for row in rows if row.fingerprint == wanted]
    if exact:
        return _stored_from_row(exact[0])
    if not rows:
        raise FindingNotFoundError(f"没有指纹为 {wanted} 的发现", f"no finding {wanted}")
    if len(rows) > 1:
        raise FindingNotFoundError(
            f"指纹前缀 {wanted} 对应多条发现，请写得更长",
            f"fingerprint prefix {wanted} is ambiguous; give more characters",
        )
    return _stored_from_row(rows[0])


# --------------------------------------------------------------------------------------------
# Events and the hash chain


@attrs.frozen(kw_only=True)
class NewEvent:
    """An event to append. ``at`` is kept to whole seconds (MySQL's ``DATETIME`` drops
    fractions, and the hash must survive the round trip)."""

    fingerprint: str
    kind: str
    at: datetime
    actor: str | None = None
    reason: str | None = None
    run_id: str | None = None
    data: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class FindingEvent:
    """One stored event of a finding's history."""

    event_id: int
    fingerprint: str
    kind: str
    at: datetime
    actor: str | None
    reason: str | None
    run_id: str | None
    data: Mapping[str, Any]
    prev_hash: str | None
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "fingerprint": self.fingerprint,
            "kind": self.kind,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "reason": self.reason,
            "run_id": self.run_id,
            "data": dict(self.data),
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def _whole_seconds(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r} for an event")
    return moment.astimezone(UTC).replace(microsecond=0)


def event_hash(
    prev_hash: str | None,
    *,
    fingerprint: str,
    kind: str,
    at: datetime,
    actor: str | None,
    reason: str | None,
    run_id: str | None,
    data: Mapping[str, Any],
) -> str:
    """SHA-256 (hex) over the previous hash and the canonical JSON of the event's fields
    (sorted keys, no whitespace, UTF-8; ``at`` in UTC to the second)."""
    fields = {
        "fingerprint": fingerprint,
        "kind": kind,
        "at": _whole_seconds(at).isoformat(),
        "actor": actor,
        "reason": reason,
        "run_id": run_id,
        "data": data,
    }
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(((prev_hash or "") + canonical).encode("utf-8")).hexdigest()


def _as_day(value: date | datetime | str) -> date:
    if isinstance(value, datetime):
        return to_local_date(value)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise StoreError(f"无效的日期：{value}", f"not a date (YYYY-MM-DD): {value!r}") from None


@contextmanager
def chain_lock(store: Store) -> Iterator[Connection]:
    """A transaction that holds the event-chain lock from its first statement.

    Whoever changes a finding's status and appends its event does both in this transaction
    (:func:`append_events` on the connection it yields): the status read in it cannot change
    before the event and the new status are written, and two writers cannot fork the hash
    chain. The transaction commits when the block ends and rolls back if it raises.
    """
    with store.engine.begin() as connection:
        _lock_chain(connection)
        yield connection


def count_finding_events(store: Store) -> int:
    """How many events the finding event log holds."""
    with store.engine.connect() as connection:
        return int(
            connection.execute(select(func.count()).select_from(finding_events)).scalar_one()
        )


def stored_finding_from_row(row: Any) -> StoredFinding:
    """A :class:`StoredFinding` from a row of the ``findings`` table (host code that reads
    the row inside its own transaction)."""
    return _stored_from_row(row)


def _lock_chain(connection: Connection) -> tuple[int | None, str | None]:
    # The no-op UPDATE comes first on purpose: it takes the write lock (SQLite) or the row
    # lock (PostgreSQL, MySQL) before anything is read, so two writers cannot fork the chain.
    result = connection.execute(
        update(finding_chain).where(finding_chain.c.id == 1).values(id=finding_chain.c.id)
    )
    if result.rowcount == 0:
        head = connection.execute(select(finding_chain).where(finding_chain.c.id == 1)).first()
        if head is None:
            connection.execute(
                finding_chain.insert().values(id=1, last_event_id=None, last_hash=None)
            )
    # A locking read: under REPEATABLE READ (MySQL/MariaDB's default) a plain SELECT would
    # return the transaction's snapshot, older than the head another writer just committed.
    head = connection.execute(
        select(finding_chain.c.last_event_id, finding_chain.c.last_hash)
        .where(finding_chain.c.id == 1)
        .with_for_update()
    ).one()
    return head.last_event_id, head.last_hash


def append_events(connection: Connection, events: Sequence[NewEvent]) -> list[FindingEvent]:
    """Append ``events`` to the log, chained, on ``connection`` (inside the caller's
    transaction, together with the status change they record)."""
    if not events:
        return []
    _, prev = _lock_chain(connection)
    rows: list[dict[str, Any]] = []
    for event in events:
        at = _whole_seconds(event.at)
        data = dict(event.data)
        digest = event_hash(
            prev,
            fingerprint=event.fingerprint,
            kind=event.kind,
            at=at,
            actor=event.actor,
            reason=event.reason,
            run_id=event.run_id,
            data=data,
        )
        rows.append(
            {
                "fingerprint": event.fingerprint,
                "kind": event.kind,
                "at": at,
                "actor": event.actor,
                "reason": event.reason,
                "run_id": event.run_id,
                "data": data,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    connection.execute(finding_events.insert(), rows)
    # We hold the chain lock, so the highest id is ours.
    last_id = connection.execute(select(func.max(finding_events.c.event_id))).scalar_one()
    connection.execute(
        update(finding_chain)
        .where(finding_chain.c.id == 1)
        .values(last_event_id=last_id, last_hash=prev)
    )
    first_id = int(last_id) - len(rows) + 1
    return [
        FindingEvent(event_id=first_id + index, **row)  # ids are consecutive under the lock
        for index, row in enumerate(rows)
    ]


def _event_from_row(row: Any) -> FindingEvent:
    return FindingEvent(
        event_id=int(row.event_id),
        fingerprint=row.fingerprint,
        kind=row.kind,
        at=row.at,
        actor=row.actor,
        reason=row.reason,
        run_id=row.run_id,
        data=row.data or {},
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def finding_events_of(store: Store, fingerprint: str) -> list[FindingEvent]:
    """The history of one finding, oldest first."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(finding_events)
            .where(finding_events.c.fingerprint == fingerprint)
            .order_by(finding_events.c.event_id)
        )
        return [_event_from_row(row) for row in rows]


@attrs.frozen(kw_only=True)
class ChainBreak:
    """The first broken link of the event chain: the event (``None`` when events were cut
    off the end of the chain) and what is wrong with it."""

    event: FindingEvent | None
    event_id: int | None
    reason: str


def verify_event_chain(store: Store, *, batch_size: int = 5000) -> ChainBreak | None:
    """Walk the whole event log in order; ``None`` when every hash and link checks out,
    else the first broken link (an edited, inserted, reordered or deleted event)."""
    prev: str | None = None
    last_id: int | None = None
    after = 0
    while True:
        with store.engine.connect() as connection:
            rows = connection.execute(
                select(finding_events)
                .where(finding_events.c.event_id > after)
                .order_by(finding_events.c.event_id)
                .limit(batch_size)
            ).all()
        if not rows:
            break
        for row in rows:
            event = _event_from_row(row)
            if event.prev_hash != prev:
                return ChainBreak(
                    event=event,
                    event_id=event.event_id,
                    reason="prev_hash does not match the hash of the event before it "
                    "(an event was removed, inserted or reordered)",
                )
            expected = event_hash(
                prev,
                fingerprint=event.fingerprint,
                kind=event.kind,
                at=event.at,
                actor=event.actor,
                reason=event.reason,
                run_id=event.run_id,
                data=event.data,
            )
            if expected != event.hash:
                return ChainBreak(
                    event=event,
                    event_id=event.event_id,
                    reason="the event's content does not match its hash (it was edited)",
                )
            prev = event.hash
            last_id = event.event_id
        after = int(rows[-1].event_id)
    with store.engine.connect() as connection:
        head = connection.execute(select(finding_chain).where(finding_chain.c.id == 1)).first()
    head_hash = None if head is None else head.last_hash
    head_id = None if head is None else head.last_event_id
    if head_hash != prev or (head_id is not None and head_id != last_id):
        return ChainBreak(
            event=None,
            event_id=None if head_id is None else int(head_id),
            reason="the chain head names an event that is not the last one "
            "(events were removed from the end)",
        )
    return None


# --------------------------------------------------------------------------------------------
# Reconciliation


@attrs.frozen(kw_only=True)
class SubjectResult:
    """What one evaluation of one rule over one subject means for the store.

    ``complete=False`` (the rule stopped early or raised) keeps the subject's findings that
    were not produced; ``vanished=True`` (the subject no longer exists: a group lost its
    last member) resolves them and drops the subject's state. ``lookups`` are the record
    keys the rule looked up. ``recheck_at``/``as_of`` bound the instants for which the stored
    answer holds.
    """

    rule_id: str
    rule_version: str
    plugin: str | None
    subject_key: str
    findings: tuple[Finding, ...] = ()
    complete: bool = True
    vanished: bool = False
    input_hash: str = ""
    recheck_at: datetime | None = None
    as_of: datetime | None = None
    lookups: frozenset[str] = frozenset()
    #: Keep the subject's state row even when it carries no finding, recheck time or
    #: unfinished evaluation (the engine asks for it in incremental runs).
    keep_state: bool = True
    #: The statutory clocks the evaluation reported (``None``: not evaluated, leave the
    #: stored clocks alone); written by :func:`enforcement_supervision.clocks.write_clocks`.
    clocks: tuple[Any, ...] | None = None
    #: Known, when the result was made, to need no change to the stored lookups (``lookups``
    #: is then left empty): see :func:`settle_results`.
    lookups_settled: bool = False
    #: Known, when the result was made, to have no stored state row.
    stateless: bool = False

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Worker processes hand results over by the hundred thousand: a plain tuple of the
        # field values pickles in half the time and size of attrs' default state dict.
        return _subject_result, tuple(getattr(self, name) for name in _RESULT_FIELDS)

    @property
    def remembered(self) -> bool:
        """Whether the subject keeps a state row: asked for, or it carries information (a
        finding, a recheck time, an unfinished evaluation)."""
        return (
            self.keep_state
            or bool(self.findings)
            or self.recheck_at is not None
            or not self.complete
        )


_RESULT_FIELDS = tuple(field.name for field in attrs.fields(SubjectResult))


def _subject_result(*values: Any) -> SubjectResult:
    return SubjectResult(**dict(zip(_RESULT_FIELDS, values, strict=True)))


def settle_results(
    store: Store,
    results: Sequence[SubjectResult],
    clock_pairs: Collection[tuple[str, str]],
) -> list[SubjectResult | str]:
    """``results`` with what a worker process can tell the writing process in advance, so
    that it reads and compares only the rest. Sound because each (rule, subject) pair is
    written once per run, by that process alone, after the worker read it.

    A result that needs no change to its stored lookups gets ``lookups_settled`` (and travels
    without them); one with no stored state gets ``stateless``. A result that changes nothing
    at all — no finding produced and none stored for it, no state to keep or forget, the same
    lookups, no clock reported and none stored (``clock_pairs``: the pairs with clocks) — is
    handed over as its rule id alone: it still counts towards the batch it falls in (batches
    decide the order of events), but there is nothing to write for it.
    """
    pairs = {(r.rule_id, r.subject_key): r for r in results if not r.vanished}
    if not pairs:
        return list(results)
    stored: dict[tuple[str, str], set[str]] = {}
    wanted = set(pairs)
    with store.engine.connect() as connection:
        for row in existing_pairs(
            connection, rule_dependencies, wanted, rule_dependencies.c.dep_key
        ):
            stored.setdefault((row[0], row[1]), set()).add(row[2])
        with_state = {(row[0], row[1]) for row in existing_pairs(connection, rule_state, wanted)}
        with_sources = {
            (row[0], row[1]) for row in existing_pairs(connection, finding_sources, wanted)
        }
    empty: frozenset[str] = frozenset()
    settled: list[SubjectResult | str] = []
    for result in results:
        if result.vanished:
            settled.append(result)
            continue
        pair = (result.rule_id, result.subject_key)
        old = stored.get(pair, empty)
        deps = fitted_lookups(result.lookups)
        new = deps if isinstance(deps, set | frozenset) else set(deps)
        same = old == new or (not result.complete and new <= old)
        stateless = pair not in with_state
        if (
            same
            and stateless
            and not result.remembered
            and not result.findings
            and pair not in with_sources
            and not result.clocks
            and pair not in clock_pairs
        ):
            settled.append(result.rule_id)
            continue
        if same or stateless:
            result = attrs.evolve(
                result,
                lookups=frozenset() if same else result.lookups,
                lookups_settled=same,
                stateless=stateless,
            )
        settled.append(result)
    return settled


@attrs.frozen(kw_only=True)
class Transition:
    """A change to a finding made by :func:`record_results` (one event each)."""

    kind: str
    finding: Finding
    status: str

    @property
    def fingerprint(self) -> str:
        return self.finding.fingerprint


_CONTENT_COLUMNS = (
    "rule_id",
    "rule_version",
    "plugin",
    "subject_type",
    "subject_id",
    "agency_id",
    "severity",
    "categories",
    "message_zh",
    "message_en",
    "reasons",
    "evidence",
    "due_date",
    "finding_key",
    "fact_date",
)


def _content(finding: Finding, plugin: str | None) -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "rule_version": finding.rule_version,
        "plugin": plugin,
        "subject_type": finding.subject.record_type,
        "subject_id": finding.subject.record_id,
        "agency_id": finding.agency_id,
        "severity": finding.severity.value,
        "categories": ",".join(category.value for category in finding.categories),
        "message_zh": finding.message_zh,
        "message_en": finding.message_en,
        "reasons": finding.reasons.to_dict(),
        "evidence": [item.to_dict() for item in finding.evidence],
        "due_date": finding.due,
        "finding_key": finding.key,
        "fact_date": finding.fact_date,
    }


def _event_data(finding: Finding) -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "rule_version": finding.rule_version,
        "subject": finding.subject.key,
        "severity": finding.severity.value,
    }


def record_results(
    store: Store,
    results: Sequence[SubjectResult],
    *,
    run_id: str | None,
    at: datetime,
) -> list[Transition]:
    """Reconcile a batch of evaluations with the stored findings, in one transaction.

    New fingerprints are opened; open findings whose every source stopped producing them are
    resolved; resolved ones produced again are reopened; findings in statuses people set get
    ``undetected``/``redetected`` events instead. The subjects' state and dependencies are
    written in the same transaction, so a run killed between batches leaves every batch
    either fully written or not at all. Results a worker settled (:func:`settle_results`)
    skip what it found needs no reading.
    """
    if not results:
        return []
    transitions: list[Transition] = []
    with store.engine.begin() as connection:
        _lock_chain(connection)
        old_sources: dict[tuple[str, str], set[str]] = defaultdict(set)
        for source in existing_pairs(
            connection,
            finding_sources,
            {(result.rule_id, result.subject_key) for result in results},
            finding_sources.c.fingerprint,
        ):
            old_sources[(source[0], source[1])].add(source[2])
        produced: dict[str, tuple[Finding, str | None]] = {}
        dropped: set[str] = set()
        source_deletes: dict[tuple[str, str], set[str]] = {}
        source_inserts: list[dict[str, str]] = []
        no_sources: set[str] = set()
        for result in results:
            pair = (result.rule_id, result.subject_key)
            old = old_sources.get(pair, no_sources)
            if not old and not result.findings:
                continue  # the usual case: nothing produced, nothing to release
            new: dict[str, Finding] = {finding.fingerprint: finding for finding in result.findings}
            for fingerprint, finding in new.items():
                produced[fingerprint] = (finding, result.plugin)
            if result.complete or result.vanished:
                gone = old - set(new)
                if gone:
                    source_deletes[pair] = gone
                    dropped.update(gone)
            source_inserts.extend(
                {"rule_id": pair[0], "subject_key": pair[1], "fingerprint": fingerprint}
                for fingerprint in sorted(set(new) - old)
            )
        if source_deletes:
            connection.execute(
                delete(finding_sources)
                .where(finding_sources.c.rule_id == bindparam("b_rule_id"))
                .where(finding_sources.c.subject_key == bindparam("b_subject_key"))
                .where(finding_sources.c.fingerprint == bindparam("b_fingerprint")),
                [
                    {"b_rule_id": rule_id, "b_subject_key": key, "b_fingerprint": fingerprint}
                    for (rule_id, key), gone in source_deletes.items()
                    for fingerprint in sorted(gone)
                ],
            )
        if source_inserts:
            connection.execute(finding_sources.insert(), source_inserts)

        # A dropped fingerprint stays produced while any other subject still produces it.
        candidates = sorted(dropped - set(produced))
        still_sourced: set[str] = set()
        for chunk in _chunks(candidates):
            rows = connection.execute(
                select(finding_sources.c.fingerprint)
                .where(finding_sources.c.fingerprint.in_(chunk))
                .distinct()
            )
            still_sourced.update(row.fingerprint for row in rows)
        to_release = [fp for fp in candidates if fp not in still_sourced]

        affected = sorted(set(produced) | set(to_release))
        existing: dict[str, Any] = {}
        for chunk in _chunks(affected):
            for found in connection.execute(
                select(findings).where(findings.c.fingerprint.in_(chunk))
            ):
                existing[found.fingerprint] = found

        inserts: list[dict[str, Any]] = []
        full_updates: list[dict[str, Any]] = []
        seen_updates: list[dict[str, Any]] = []
        events: list[NewEvent] = []

        def emit(kind: str, finding: Finding, status: str) -> None:
            transitions.append(Transition(kind=kind, finding=finding, status=status))
            events.append(
                NewEvent(
                    fingerprint=finding.fingerprint,
                    kind=kind,
                    at=at,
                    run_id=run_id,
                    data=_event_data(finding),
                )
            )

        for fingerprint in sorted(produced):
            finding, plugin = produced[fingerprint]
            content = _content(finding, plugin)
            row = existing.get(fingerprint)
            if row is None:
                inserts.append(
                    {
                        "fingerprint": fingerprint,
                        **content,
                        "status": FindingStatus.OPEN.value,
                        "detected": True,
                        "first_seen_run": run_id,
                        "last_seen_run": run_id,
                        "opened_at": at,
                        "updated_at": at,
                        "resolved_at": None,
                        "in_baseline": False,
                    }
                )
                emit(EventKind.OPENED, finding, FindingStatus.OPEN)
                continue
            status = row.status
            changes: dict[str, Any] = {
                name: value for name, value in content.items() if getattr(row, name) != value
            }
            if status == FindingStatus.RESOLVED:
                changes.update(status=FindingStatus.REOPENED.value, detected=True, resolved_at=None)
                emit(EventKind.REOPENED, finding, FindingStatus.REOPENED)
            elif status not in ENGINE_STATUSES and not row.detected:
                changes["detected"] = True
                emit(EventKind.REDETECTED, finding, status)
            if changes:
                full_updates.append(
                    {
                        "b_fingerprint": fingerprint,
                        **{
                            name: getattr(row, name)
                            for name in (*_CONTENT_COLUMNS, "status", "detected", "resolved_at")
                        },
                        **changes,
                        "last_seen_run": run_id,
                        "updated_at": at,
                    }
                )
            elif row.last_seen_run != run_id:
                seen_updates.append({"b_fingerprint": fingerprint, "last_seen_run": run_id})

        for fingerprint in to_release:
            row = existing.get(fingerprint)
            if row is None:
                continue
            finding = _finding_from_row(row)
            if row.status in (FindingStatus.OPEN, FindingStatus.REOPENED):
                full_updates.append(
                    {
                        "b_fingerprint": fingerprint,
                        **{name: getattr(row, name) for name in _CONTENT_COLUMNS},
                        "status": FindingStatus.RESOLVED.value,
                        "detected": False,
                        "resolved_at": at,
                        "last_seen_run": row.last_seen_run,
                        "updated_at": at,
                    }
                )
                emit(EventKind.RESOLVED, finding, FindingStatus.RESOLVED)
            elif row.status not in ENGINE_STATUSES and row.detected:
                full_updates.append(
                    {
                        "b_fingerprint": fingerprint,
                        **{name: getattr(row, name) for name in _CONTENT_COLUMNS},
                        "status": row.status,
                        "detected": False,
                        "resolved_at": row.resolved_at,
                        "last_seen_run": row.last_seen_run,
                        "updated_at": at,
                    }
                )
                emit(EventKind.UNDETECTED, finding, row.status)

        if inserts:
            connection.execute(findings.insert(), inserts)
        # executemany: the SET clause comes from the keys of the parameter sets.
        by_fingerprint = findings.c.fingerprint == bindparam("b_fingerprint")
        if full_updates:
            connection.execute(update(findings).where(by_fingerprint), full_updates)
        if seen_updates:
            connection.execute(update(findings).where(by_fingerprint), seen_updates)

        vanished = [(r.rule_id, r.subject_key) for r in results if r.vanished]
        if vanished:
            delete_states(connection, vanished)
        # A full run keeps state only where it carries information: most subjects have no
        # finding and no recheck time, and their next evaluation is triggered by a changed
        # record alone. Subjects with findings keep a row so that a full run notices when
        # they vanish.
        states: list[dict[str, Any]] = []
        cleared: list[tuple[str, str]] = []
        absent: list[tuple[str, str]] = []
        lookups: list[tuple[str, str, frozenset[str], bool]] = []
        for result in results:
            if result.vanished:
                continue
            if result.stateless:
                absent.append((result.rule_id, result.subject_key))
            if result.remembered:
                states.append(
                    {
                        "rule_id": result.rule_id,
                        "subject_key": result.subject_key,
                        "rule_version": result.rule_version,
                        "input_hash": result.input_hash,
                        "recheck_at": result.recheck_at,
                        "evaluated_at": at,
                        "as_of": result.as_of,
                        "run_id": run_id,
                    }
                )
            elif not result.stateless:
                cleared.append((result.rule_id, result.subject_key))
            if not result.lookups_settled:
                lookups.append(
                    (result.rule_id, result.subject_key, result.lookups, result.complete)
                )
        write_states(connection, states, cleared=cleared, absent=absent)
        write_dependencies(connection, lookups)
        append_events(connection, events)
    return transitions


def iter_chain(store: Store, *, batch_size: int = 5000) -> Iterator[FindingEvent]:
    """Every event in chain order (for exports and audits)."""
    after = 0
    while True:
        with store.engine.connect() as connection:
            rows = connection.execute(
                select(finding_events)
                .where(finding_events.c.event_id > after)
                .order_by(finding_events.c.event_id)
                .limit(batch_size)
            ).all()
        if not rows:
            return
        for row in rows:
            yield _event_from_row(row)
        after = int(rows[-1].event_id)
