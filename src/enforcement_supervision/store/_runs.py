"""Check runs and the engine's memory between runs.

The run history (``runs``) and what the incremental engine needs to decide cheaply what to
evaluate: per-rule checkpoints (digest and records watermark), per-(rule, subject) state
(recheck time), the records each subject looked up, and group membership. Everything here
reads keys, row ids and content hashes only; payloads are fetched for the subjects that are
due, in chunks.

Plain SQLAlchemy Core: the same statements run on SQLite, PostgreSQL and MySQL/MariaDB.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import attrs
from sqlalchemy import ColumnElement, Table, bindparam, delete, func, or_, select, update
from sqlalchemy.engine import Connection

from enforcement_supervision.errors import EsupError
from enforcement_supervision.store._keys import fit_key
from enforcement_supervision.store._schema import (
    group_members,
    records,
    rule_checkpoints,
    rule_dependencies,
    rule_state,
    runs,
)
from enforcement_supervision.store._store import Store

__all__ = [
    "RETROSPECTIVE",
    "RecordRow",
    "RuleCheckpoint",
    "RunNotFoundError",
    "RunOutcome",
    "RunRecord",
    "add_memberships",
    "changed_records",
    "create_run",
    "delete_checkpoints",
    "dependents",
    "describe_subjects",
    "due_subjects",
    "existing_pairs",
    "fetch_records",
    "finish_run",
    "fitted_lookups",
    "get_run",
    "group_counts",
    "group_keys",
    "group_member_keys",
    "latest_check_as_of",
    "list_runs",
    "load_checkpoints",
    "mark_due",
    "previous_lookups",
    "record_key",
    "replace_memberships",
    "save_checkpoints",
    "scan_records",
    "split_key",
    "stale_subjects",
    "state_counts",
    "update_memberships",
]

# Well under SQLite's bound-parameter limit and MySQL's packet limit.
_CHUNK = 900
#: The key columns of the engine's state (``subject_key``, ``dep_key``, ``group_key``).
_KEY_COLUMN = 256
#: ``recheck_at`` of a subject that must be evaluated at the next run whatever its instant.
_ALWAYS_DUE = datetime(1970, 1, 1, tzinfo=UTC)


def record_key(record_type: str, record_id: str) -> str:
    """``"penalty-case/PC-1"``: the one-string key of a record or group subject."""
    return f"{record_type}/{record_id}"


def split_key(key: str) -> tuple[str, str]:
    """The inverse of :func:`record_key` (types never contain ``/``; ids may)."""
    head, _, tail = key.partition("/")
    return head, tail


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --------------------------------------------------------------------------------------------
# Runs


class RunOutcome:
    """Values of ``runs.outcome``."""

    RUNNING = "running"
    #: Every selected rule was evaluated without error.
    OK = "ok"
    #: The run finished, but some rule or plugin failed (their findings are incomplete).
    ERRORS = "errors"
    #: The run stopped on an unexpected error; batches written before it are kept.
    FAILED = "failed"
    #: Its process was killed or got stuck: its lease on the check lock lapsed without a
    #: finish (see ``store/_locks.py``). Batches written before it are kept.
    ABANDONED = "abandoned"


class RunNotFoundError(EsupError):
    """No run (or more than one) matches the given id or prefix."""


@attrs.frozen(kw_only=True)
class RunRecord:
    """One check run as stored: what was asked, what happened, how long it took.

    The run hooks receive a :class:`~enforcement_supervision._host.RunInfo` made from it.
    ``counts``, ``rule_timings``, ``errors`` and ``notes`` are JSON-ready.
    """

    run_id: str
    started_at: datetime
    as_of: datetime
    mode: str
    outcome: str
    finished_at: datetime | None = None
    schedule: str | None = None
    slot: datetime | None = None
    record_watermark: int | None = None
    counts: Mapping[str, Any] = attrs.field(factory=dict)
    rule_timings: Mapping[str, Any] = attrs.field(factory=dict)
    errors: Sequence[Mapping[str, Any]] = ()
    notes: Sequence[Mapping[str, Any]] = ()
    rules: Sequence[str] | None = None

    @property
    def duration(self) -> float | None:
        """Seconds from start to finish (``None`` while running)."""
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "started_at": self.started_at.isoformat(),
            "finished_at": None if self.finished_at is None else self.finished_at.isoformat(),
            "duration": self.duration,
            "as_of": self.as_of.isoformat(),
            "mode": self.mode,
            "outcome": self.outcome,
            "schedule": self.schedule,
            "slot": None if self.slot is None else self.slot.isoformat(),
            "record_watermark": self.record_watermark,
            "rules": None if self.rules is None else list(self.rules),
            "counts": dict(self.counts),
            "rule_timings": dict(self.rule_timings),
            "errors": [dict(error) for error in self.errors],
            "notes": [dict(note) for note in self.notes],
        }


def _run_from_row(row: Any) -> RunRecord:
    return RunRecord(
        run_id=row.run_id,
        started_at=row.started_at,
        finished_at=row.finished_at,
        as_of=row.as_of,
        mode=row.mode,
        outcome=row.outcome,
        schedule=row.schedule,
        slot=row.slot,
        record_watermark=row.record_watermark,
        counts=row.counts or {},
        rule_timings=row.rule_timings or {},
        errors=tuple(row.errors or ()),
        notes=tuple(row.notes or ()),
        rules=None if row.rules is None else tuple(row.rules),
    )


def create_run(
    store: Store,
    *,
    run_id: str,
    as_of: datetime,
    mode: str,
    started_at: datetime,
    rules: Sequence[str] | None = None,
    schedule: str | None = None,
    slot: datetime | None = None,
) -> RunRecord:
    """Store a new run with outcome ``running``."""
    record = RunRecord(
        run_id=run_id,
        started_at=started_at,
        as_of=as_of,
        mode=mode,
        outcome=RunOutcome.RUNNING,
        schedule=schedule,
        slot=slot,
        rules=None if rules is None else tuple(rules),
    )
    with store.engine.begin() as connection:
        connection.execute(
            runs.insert().values(
                run_id=run_id,
                started_at=started_at,
                finished_at=None,
                as_of=as_of,
                mode=mode,
                outcome=RunOutcome.RUNNING,
                schedule=schedule,
                slot=slot,
                record_watermark=None,
                counts={},
                rule_timings={},
                errors=[],
                notes=[],
                rules=None if rules is None else list(rules),
            )
        )
    return record


def finish_run(
    store: Store,
    run_id: str,
    *,
    outcome: str,
    finished_at: datetime,
    record_watermark: int | None,
    counts: Mapping[str, Any],
    rule_timings: Mapping[str, Any],
    errors: Sequence[Mapping[str, Any]],
    notes: Sequence[Mapping[str, Any]],
) -> RunRecord:
    """Record how a run ended and return the stored run. A run another check marked
    ``abandoned`` (its lease lapsed) keeps that outcome."""
    with store.engine.begin() as connection:
        connection.execute(
            update(runs)
            .where(runs.c.run_id == run_id, runs.c.outcome != RunOutcome.ABANDONED)
            .values(
                outcome=outcome,
                finished_at=finished_at,
                record_watermark=record_watermark,
                counts=dict(counts),
                rule_timings=dict(rule_timings),
                errors=[dict(error) for error in errors],
                notes=[dict(note) for note in notes],
            )
        )
    return get_run(store, run_id)


#: The mode of a check run for an instant before the store's latest check: it reports and
#: writes nothing but its own run row (see ``docs/guide/checks.md``).
RETROSPECTIVE = "retrospective"


def latest_check_as_of(store: Store) -> datetime | None:
    """The latest instant a check brought the store to: the greatest ``as_of`` of the runs
    that write findings (any outcome, running ones included; retrospectives excluded).
    ``None`` before the first check."""
    with store.engine.connect() as connection:
        value = connection.execute(
            select(func.max(runs.c.as_of)).where(runs.c.mode != RETROSPECTIVE)
        ).scalar()
    if value is None:
        return None
    if isinstance(value, str):  # SQLite may hand back text for an aggregate
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


_RUN_ID = re.compile(r"^[0-9a-fA-F-]{1,36}$")


def get_run(store: Store, run_id: str) -> RunRecord:
    """The run ``run_id``, or the one run whose id starts with it."""
    if not _RUN_ID.match(run_id):
        raise RunNotFoundError(f"无效的运行编号：{run_id}", f"not a run id: {run_id!r}")
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(runs).where(runs.c.run_id.like(f"{run_id.lower()}%")).limit(2)
        ).all()
    exact = [row for row in rows if row.run_id == run_id.lower()]
    if exact:
        return _run_from_row(exact[0])
    if not rows:
        raise RunNotFoundError(f"没有编号为 {run_id} 的运行", f"no run {run_id}")
    if len(rows) > 1:
        raise RunNotFoundError(
            f"编号前缀 {run_id} 对应多次运行，请写得更长",
            f"run id prefix {run_id} is ambiguous; give more characters",
        )
    return _run_from_row(rows[0])


def list_runs(store: Store, *, limit: int | None = 20) -> list[RunRecord]:
    """The latest runs, newest first."""
    query = select(runs).order_by(runs.c.started_at.desc(), runs.c.run_id.desc())
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as connection:
        return [_run_from_row(row) for row in connection.execute(query)]


# --------------------------------------------------------------------------------------------
# Records, read cheaply


@attrs.frozen
class RecordRow:
    """A current record version without its payload."""

    row_id: int
    record_type: str
    record_id: str
    content_hash: str

    @property
    def key(self) -> str:
        return record_key(self.record_type, self.record_id)


def scan_records(
    store: Store,
    record_types: Collection[str],
    *,
    with_payload: bool = False,
    after_row_id: int = 0,
    up_to_row_id: int | None = None,
    batch_size: int = 2000,
) -> Iterator[list[tuple[RecordRow, dict[str, Any] | None]]]:
    """Current versions of ``record_types`` in batches ordered by ``row_id`` (keyset paging,
    so each batch is one short query). Payloads only when asked for."""
    if not record_types:
        return
    columns = [records.c.row_id, records.c.record_type, records.c.record_id, records.c.content_hash]
    if with_payload:
        columns.append(records.c.payload)
    query = (
        select(*columns)
        .where(records.c.is_current.is_(True))
        .where(records.c.record_type.in_(sorted(record_types)))
    )
    if up_to_row_id is not None:
        query = query.where(records.c.row_id <= up_to_row_id)
    last = after_row_id
    while True:
        with store.engine.connect() as connection:
            rows = connection.execute(
                query.where(records.c.row_id > last).order_by(records.c.row_id).limit(batch_size)
            ).all()
        if not rows:
            return
        yield [
            (
                RecordRow(
                    row_id=row.row_id,
                    record_type=row.record_type,
                    record_id=row.record_id,
                    content_hash=row.content_hash,
                ),
                row.payload if with_payload else None,
            )
            for row in rows
        ]
        last = rows[-1].row_id


def changed_records(
    store: Store, *, after_row_id: int, up_to_row_id: int, batch_size: int = 5000
) -> Iterator[RecordRow]:
    """Every current record (of any type) whose version was stored after ``after_row_id``."""
    query = (
        select(records.c.row_id, records.c.record_type, records.c.record_id, records.c.content_hash)
        .where(records.c.is_current.is_(True))
        .where(records.c.row_id <= up_to_row_id)
    )
    last = after_row_id
    while True:
        with store.engine.connect() as connection:
            rows = connection.execute(
                query.where(records.c.row_id > last).order_by(records.c.row_id).limit(batch_size)
            ).all()
        if not rows:
            return
        for row in rows:
            yield RecordRow(
                row_id=row.row_id,
                record_type=row.record_type,
                record_id=row.record_id,
                content_hash=row.content_hash,
            )
        last = rows[-1].row_id


def fetch_records(store: Store, keys: Iterable[str]) -> dict[str, tuple[RecordRow, dict[str, Any]]]:
    """The current version (row and payload) of each record key that exists."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        record_type, record_id = split_key(key)
        by_type[record_type].append(record_id)
    found: dict[str, tuple[RecordRow, dict[str, Any]]] = {}
    with store.engine.connect() as connection:
        for record_type, ids in sorted(by_type.items()):
            for chunk in _chunks(sorted(set(ids))):
                rows = connection.execute(
                    select(
                        records.c.row_id,
                        records.c.record_type,
                        records.c.record_id,
                        records.c.content_hash,
                        records.c.payload,
                    )
                    .where(records.c.record_type == record_type)
                    .where(records.c.is_current.is_(True))
                    .where(records.c.record_id.in_(chunk))
                )
                for row in rows:
                    record_row = RecordRow(
                        row_id=row.row_id,
                        record_type=row.record_type,
                        record_id=row.record_id,
                        content_hash=row.content_hash,
                    )
                    found[record_row.key] = (record_row, row.payload)
    return found


# --------------------------------------------------------------------------------------------
# Checkpoints


@attrs.frozen(kw_only=True)
class RuleCheckpoint:
    """How far a rule has been brought up to date: with which settings/calendar ``digest``
    and up to which records ``watermark`` (the highest ``records.row_id`` seen)."""

    rule_id: str
    rule_version: str
    digest: str
    watermark: int
    run_id: str | None
    updated_at: datetime
    #: The instant of the rule's last full evaluation (``None``: unknown, written by an
    #: older release).
    full_as_of: datetime | None = None
    #: What the rule's subjects are: ``"records:TYPE[,TYPE…]"`` (the current records of those
    #: types), ``"anchors:NAME:TYPE"`` (one group ``NAME/id`` per record of TYPE) or
    #: ``"groups"`` (the groups with members in ``group_members``); ``None``: unknown.
    subjects: str | None = None


def describe_subjects(rule: Any) -> str:
    """The :attr:`RuleCheckpoint.subjects` description of ``rule`` (a
    :class:`~enforcement_supervision.rules.Rule`: its ``applies_to`` and ``group_by``)."""
    group_by = rule.group_by
    if group_by is None:
        return "records:" + ",".join(rule.applies_to)
    if group_by.anchor is not None:
        return f"anchors:{group_by.name}:{group_by.anchor}"
    return "groups"


def load_checkpoints(store: Store) -> dict[str, RuleCheckpoint]:
    """Every rule's checkpoint, by rule id."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(rule_checkpoints)).all()
    return {
        row.rule_id: RuleCheckpoint(
            rule_id=row.rule_id,
            rule_version=row.rule_version,
            digest=row.digest,
            watermark=int(row.watermark),
            run_id=row.run_id,
            updated_at=row.updated_at,
            full_as_of=row.full_as_of,
            subjects=row.subjects,
        )
        for row in rows
    }


def save_checkpoints(store: Store, checkpoints: Sequence[RuleCheckpoint]) -> None:
    """Store (replace) rules' checkpoints, in one transaction."""
    if not checkpoints:
        return
    with store.engine.begin() as connection:
        for chunk in _chunks(sorted(checkpoint.rule_id for checkpoint in checkpoints)):
            connection.execute(
                delete(rule_checkpoints).where(rule_checkpoints.c.rule_id.in_(chunk))
            )
        connection.execute(
            rule_checkpoints.insert(),
            [
                {
                    "rule_id": checkpoint.rule_id,
                    "rule_version": checkpoint.rule_version,
                    "digest": checkpoint.digest,
                    "watermark": checkpoint.watermark,
                    "run_id": checkpoint.run_id,
                    "updated_at": checkpoint.updated_at,
                    "full_as_of": checkpoint.full_as_of,
                    "subjects": checkpoint.subjects,
                }
                for checkpoint in checkpoints
            ],
        )


def delete_checkpoints(store: Store, rule_ids: Collection[str]) -> None:
    """Forget rules' checkpoints: their next run evaluates every subject."""
    if not rule_ids:
        return
    with store.engine.begin() as connection:
        for chunk in _chunks(sorted(rule_ids)):
            connection.execute(
                delete(rule_checkpoints).where(rule_checkpoints.c.rule_id.in_(chunk))
            )


# --------------------------------------------------------------------------------------------
# Subject state


def due_subjects(store: Store, rule_id: str, as_of: datetime) -> set[str]:
    """Subjects of ``rule_id`` whose stored answer may not hold at ``as_of``: the recheck
    time has come, or the answer was computed for a later instant (time went backwards)."""
    found: set[str] = set()
    with store.engine.connect() as connection:
        for condition in (rule_state.c.recheck_at <= as_of, rule_state.c.as_of > as_of):
            rows = connection.execute(
                select(rule_state.c.subject_key)
                .where(rule_state.c.rule_id == rule_id)
                .where(condition)
            )
            found.update(row.subject_key for row in rows)
    return found


def stale_subjects(store: Store, rule_id: str, run_id: str) -> list[str]:
    """Subjects of ``rule_id`` with stored state that run ``run_id`` did not evaluate."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(rule_state.c.subject_key)
            .where(rule_state.c.rule_id == rule_id)
            .where(or_(rule_state.c.run_id.is_(None), rule_state.c.run_id != run_id))
        )
        return sorted(row.subject_key for row in rows)


def state_counts(store: Store) -> dict[str, int]:
    """How many subjects each rule has state for."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(rule_state.c.rule_id, func.count()).group_by(rule_state.c.rule_id)
        )
        return {str(row[0]): int(row[1]) for row in rows}


def mark_due(connection: Connection, rule_id: str, subject_keys: Collection[str]) -> None:
    """Make subjects due at the next run whatever its instant (on ``connection``, so it
    commits together with the change that made them due)."""
    keys = sorted(set(subject_keys))
    now = datetime.now(UTC)
    for chunk in _chunks(keys):
        existing = {
            row.subject_key
            for row in connection.execute(
                select(rule_state.c.subject_key)
                .where(rule_state.c.rule_id == rule_id)
                .where(rule_state.c.subject_key.in_(chunk))
            )
        }
        if existing:
            connection.execute(
                update(rule_state)
                .where(rule_state.c.rule_id == rule_id)
                .where(rule_state.c.subject_key.in_(sorted(existing)))
                .values(recheck_at=_ALWAYS_DUE)
            )
        missing = [key for key in chunk if key not in existing]
        if missing:
            connection.execute(
                rule_state.insert(),
                [
                    {
                        "rule_id": rule_id,
                        "subject_key": key,
                        "rule_version": "",
                        "input_hash": "",
                        "recheck_at": _ALWAYS_DUE,
                        "evaluated_at": now,
                        "as_of": None,
                        "run_id": None,
                    }
                    for key in missing
                ],
            )


#: Rule ids and subject keys per query of :func:`existing_pairs` (their product is probed).
_PAIR_RULES = 100
_PAIR_KEYS = 700


def _marker(connection: Connection) -> str | None:
    """The DB-API placeholder of the connection's driver for positional parameters, or
    ``None`` when raw statements are not written for it."""
    style = connection.dialect.paramstyle
    if style == "qmark":
        return "?"
    if style in ("format", "pyformat"):
        return "%s"
    return None


def existing_pairs(
    connection: Connection,
    table: Table,
    pairs: Collection[tuple[str, str]],
    *extra: ColumnElement[Any],
) -> list[tuple[Any, ...]]:
    """The rows of ``table`` (keyed by ``rule_id`` and ``subject_key`` first) whose
    ``(rule_id, subject_key)`` is one of ``pairs``, with ``extra`` columns.

    One query per chunk of rule ids and subject keys (``rule_id IN (...) AND subject_key IN
    (...)``, which the primary key answers), instead of one per rule: a batch of results
    spans many rules, and a query per rule and chunk was most of a run's round trips.

    The statement is written as driver SQL with positional parameters: SQLAlchemy renders an
    expanding ``IN`` afresh for every execution, at a cost per value that was a large part
    of writing a batch of results (the columns read are plain texts, no type processing is
    lost)."""
    if not pairs:
        return []
    rule_ids = sorted({rule_id for rule_id, _ in pairs})
    keys = sorted({key for _, key in pairs})
    wanted = pairs if isinstance(pairs, set | frozenset) else set(pairs)
    found: list[tuple[Any, ...]] = []
    mark = _marker(connection)
    if mark is None:  # a driver whose placeholders are not positional: SQLAlchemy's IN
        for rule_chunk in _chunks(rule_ids, _PAIR_RULES):
            for key_chunk in _chunks(keys, _PAIR_KEYS):
                rows = connection.execute(
                    select(table.c.rule_id, table.c.subject_key, *extra)
                    .where(table.c.rule_id.in_(rule_chunk))
                    .where(table.c.subject_key.in_(key_chunk))
                )
                found.extend(tuple(row) for row in rows if (row[0], row[1]) in wanted)
        return found
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(
        quote(column.name) for column in (table.c.rule_id, table.c.subject_key, *extra)
    )
    head = f"SELECT {names} FROM {quote(table.name)} WHERE {quote('rule_id')} IN "
    middle = f" AND {quote('subject_key')} IN "
    for rule_chunk in _chunks(rule_ids, _PAIR_RULES):
        for key_chunk in _chunks(keys, _PAIR_KEYS):
            statement = (
                f"{head}({', '.join([mark] * len(rule_chunk))}){middle}"
                f"({', '.join([mark] * len(key_chunk))})"
            )
            rows = connection.exec_driver_sql(statement, (*rule_chunk, *key_chunk))
            found.extend(tuple(row) for row in rows if (row[0], row[1]) in wanted)
    return found


def write_states(
    connection: Connection,
    rows: Sequence[Mapping[str, Any]],
    cleared: Collection[tuple[str, str]] = (),
    absent: Collection[tuple[str, str]] = (),
) -> None:
    """Replace the state rows of the given (rule, subject) pairs; forget the state of the
    ``cleared`` pairs (evaluated, and nothing about them is worth remembering). ``absent``
    pairs are known to have no stored state (nothing to look for)."""
    pairs = {(row["rule_id"], row["subject_key"]) for row in rows} | set(cleared)
    if absent:
        pairs -= set(absent)
    if not pairs and not rows:
        return
    old = existing_pairs(connection, rule_state, pairs) if pairs else []
    if old:
        connection.execute(
            delete(rule_state)
            .where(rule_state.c.rule_id == bindparam("b_rule_id"))
            .where(rule_state.c.subject_key == bindparam("b_subject_key")),
            [{"b_rule_id": row[0], "b_subject_key": row[1]} for row in old],
        )
    if rows:
        connection.execute(rule_state.insert(), [dict(row) for row in rows])


def delete_states(connection: Connection, pairs: Iterable[tuple[str, str]]) -> None:
    """Forget the state and the dependencies of (rule, subject) pairs."""
    by_rule: dict[str, list[str]] = defaultdict(list)
    for rule_id, key in pairs:
        by_rule[rule_id].append(key)
    for rule_id, keys in by_rule.items():
        for chunk in _chunks(sorted(set(keys))):
            for table in (rule_state, rule_dependencies):
                connection.execute(
                    delete(table)
                    .where(table.c.rule_id == rule_id)
                    .where(table.c.subject_key.in_(chunk))
                )


def _by_second_column(
    connection: Connection,
    table: Table,
    index: str,
    column: ColumnElement[Any],
    rule_id: str,
    by: ColumnElement[Any],
    values: Sequence[str],
    *extra: ColumnElement[Any],
) -> Sequence[Any]:
    """``column`` (and ``extra``) of the rows of ``table`` with ``rule_id`` whose ``by`` is one
    of ``values``, read through ``index`` (on ``rule_id, by``).

    SQLite, which keeps no statistics here, answers ``rule_id = ? AND by IN (...)`` from the
    primary key instead, because that index holds every column read (no visit to the table):
    but it can use only the key's ``rule_id`` prefix, and so walks every row of the rule. That
    cost grows with the store, not with the day's changes (at 20,000 cases 30 times that of
    the index, for each rule of an incremental check). ``INDEXED BY`` makes it take the index
    the query is for; the other databases choose it from their statistics."""
    if connection.dialect.name != "sqlite":
        return connection.execute(
            select(column, *extra).where(table.c.rule_id == rule_id).where(by.in_(values))
        ).all()
    names = ", ".join(f'"{item.name}"' for item in (column, *extra))
    marks = ", ".join("?" * len(values))
    return connection.exec_driver_sql(
        f'SELECT {names} FROM "{table.name}" INDEXED BY "{index}" '
        f'WHERE "rule_id" = ? AND "{by.name}" IN ({marks})',
        (rule_id, *values),
    ).all()


# --------------------------------------------------------------------------------------------
# Dependencies (records looked up)


def dependents(store: Store, rule_id: str, dep_keys: Collection[str]) -> set[str]:
    """Subjects of ``rule_id`` that looked up any of ``dep_keys``."""
    found: set[str] = set()
    keys = sorted(set(dep_keys))
    with store.engine.connect() as connection:
        for chunk in _chunks(keys):
            rows = _by_second_column(
                connection,
                rule_dependencies,
                "ix_rule_dependencies_rule_id_dep_key",
                rule_dependencies.c.subject_key,
                rule_id,
                rule_dependencies.c.dep_key,
                chunk,
            )
            found.update(row[0] for row in rows)
    return found


def previous_lookups(store: Store, pairs: Collection[tuple[str, str]]) -> set[str]:
    """The record keys that the last evaluations of ``(rule_id, subject_key)`` pairs looked
    up: what their next evaluation will most likely look up again (to read them in bulk)."""
    with store.engine.connect() as connection:
        return {
            row[2]
            for row in existing_pairs(
                connection, rule_dependencies, set(pairs), rule_dependencies.c.dep_key
            )
        }


def fitted_lookups(deps: Collection[str]) -> Collection[str]:
    """``deps`` as the dependency table keeps them (a too-long key fitted)."""
    # A lookup by an id from the data may be longer than the column (#19): no record has
    # such an id (ids are bounded at import), so its fitted form never matches one either.
    # (The engine's keys always fit: a record type and a fitted id.)
    if any(len(dep) > _KEY_COLUMN for dep in deps):
        return {fit_key(dep, _KEY_COLUMN) for dep in deps}
    return deps


def write_dependencies(
    connection: Connection,
    items: Sequence[tuple[str, str, Collection[str], bool]],
) -> None:
    """Store the lookups of evaluated subjects: ``(rule_id, subject_key, dep_keys, replace)``.
    With ``replace`` the stored set becomes ``dep_keys``; without, ``dep_keys`` are added
    (an evaluation that stopped early saw only part of what the subject depends on)."""
    wanted: dict[tuple[str, str], tuple[Collection[str], bool]] = {}
    for rule_id, key, deps, replace in items:
        wanted[(rule_id, key)] = (fitted_lookups(deps), replace)
    if not wanted:
        return
    existing: dict[tuple[str, str], set[str]] = {}
    for row in existing_pairs(
        connection, rule_dependencies, set(wanted), rule_dependencies.c.dep_key
    ):
        pair = (row[0], row[1])
        known = existing.get(pair)
        if known is None:
            existing[pair] = {row[2]}
        else:
            known.add(row[2])
    deletes: list[dict[str, str]] = []
    inserts: list[dict[str, str]] = []
    empty: frozenset[str] = frozenset()
    for (rule_id, key), (deps, replace) in wanted.items():
        old = existing.get((rule_id, key), empty)
        if old == deps if isinstance(deps, set | frozenset) else old == set(deps):
            continue  # the usual case: the same lookups as last time
        new = deps if isinstance(deps, set | frozenset) else set(deps)
        if replace:
            deletes.extend(
                {"b_rule_id": rule_id, "b_subject_key": key, "b_dep_key": dep}
                for dep in sorted(old - new)
            )
        inserts.extend(
            {"rule_id": rule_id, "subject_key": key, "dep_key": dep} for dep in sorted(new - old)
        )
    if deletes:
        connection.execute(
            delete(rule_dependencies)
            .where(rule_dependencies.c.rule_id == bindparam("b_rule_id"))
            .where(rule_dependencies.c.subject_key == bindparam("b_subject_key"))
            .where(rule_dependencies.c.dep_key == bindparam("b_dep_key")),
            deletes,
        )
    if inserts:
        connection.execute(rule_dependencies.insert(), inserts)


# --------------------------------------------------------------------------------------------
# Group membership


def update_memberships(
    store: Store, rule_id: str, new_groups: Mapping[str, str | None]
) -> set[str]:
    """Move changed member records to their new group (``member_key → group_key``, ``None``:
    in no group) and return every group that gained or lost a member. Those groups are
    marked due in the same transaction, so a run that dies right after still re-evaluates
    them."""
    touched: set[str] = set()
    members = sorted(new_groups)
    if not members:
        return touched
    with store.engine.begin() as connection:
        old: dict[str, set[str]] = defaultdict(set)
        for chunk in _chunks(members):
            rows = _by_second_column(
                connection,
                group_members,
                "ix_group_members_rule_id_member_key",
                group_members.c.member_key,
                rule_id,
                group_members.c.member_key,
                chunk,
                group_members.c.group_key,
            )
            for row in rows:
                old[row[0]].add(row[1])
        moved: list[str] = []
        inserts: list[dict[str, str]] = []
        for member in members:
            group = new_groups[member]
            previous = old.get(member, set())
            if previous == ({group} if group is not None else set()):
                continue
            moved.append(member)
            touched.update(previous)
            if group is not None:
                touched.add(group)
                inserts.append({"rule_id": rule_id, "group_key": group, "member_key": member})
        for chunk in _chunks(moved):
            connection.execute(
                delete(group_members)
                .where(group_members.c.rule_id == rule_id)
                .where(group_members.c.member_key.in_(chunk))
            )
        if inserts:
            connection.execute(group_members.insert(), inserts)
        mark_due(connection, rule_id, touched)
    return touched


def replace_memberships(
    store: Store, rule_id: str, batches: Iterable[Sequence[tuple[str, str]]]
) -> None:
    """Rebuild a rule's whole membership table from ``(group_key, member_key)`` batches."""
    with store.engine.begin() as connection:
        connection.execute(delete(group_members).where(group_members.c.rule_id == rule_id))
    for batch in batches:
        if not batch:
            continue
        with store.engine.begin() as connection:
            connection.execute(
                group_members.insert(),
                [
                    {"rule_id": rule_id, "group_key": group, "member_key": member}
                    for group, member in batch
                ],
            )


def add_memberships(store: Store, pairs: Mapping[str, Sequence[tuple[str, str]]]) -> None:
    """Add ``(group_key, member_key)`` pairs to the membership of each rule (by rule id), in
    one transaction (after :func:`replace_memberships` with no batches cleared them): lets
    one scan of a record type build the membership of every group rule over it."""
    rows = [
        {"rule_id": rule_id, "group_key": group, "member_key": member}
        for rule_id, items in pairs.items()
        for group, member in items
    ]
    if not rows:
        return
    with store.engine.begin() as connection:
        connection.execute(group_members.insert(), rows)


def group_keys(store: Store, rule_id: str, *, batch_size: int = 2000) -> Iterator[list[str]]:
    """The distinct group keys with members, in order, in batches."""
    last = ""
    while True:
        with store.engine.connect() as connection:
            rows = connection.execute(
                select(group_members.c.group_key)
                .where(group_members.c.rule_id == rule_id)
                .where(group_members.c.group_key > last)
                .group_by(group_members.c.group_key)
                .order_by(group_members.c.group_key)
                .limit(batch_size)
            ).all()
        if not rows:
            return
        yield [row.group_key for row in rows]
        last = rows[-1].group_key


def group_counts(store: Store) -> dict[str, int]:
    """How many groups (distinct group keys with members) each group rule has."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(
                group_members.c.rule_id, func.count(func.distinct(group_members.c.group_key))
            ).group_by(group_members.c.rule_id)
        )
        return {str(row[0]): int(row[1]) for row in rows}


def group_member_keys(
    store: Store, rule_id: str, group_keys: Collection[str]
) -> dict[str, list[str]]:
    """The member record keys of each group."""
    found: dict[str, list[str]] = {key: [] for key in group_keys}
    with store.engine.connect() as connection:
        for chunk in _chunks(sorted(found)):
            rows = connection.execute(
                select(group_members.c.group_key, group_members.c.member_key)
                .where(group_members.c.rule_id == rule_id)
                .where(group_members.c.group_key.in_(chunk))
            )
            for row in rows:
                found[row.group_key].append(row.member_key)
    return found
