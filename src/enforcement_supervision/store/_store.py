"""Opening a store, migrating it, and keeping versioned records."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs
from sqlalchemy import Engine, bindparam, create_engine, event, func, select, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from enforcement_supervision._logging import get_logger
from enforcement_supervision.errors import EsupError
from enforcement_supervision.model import (
    Record,
    structure_record,
    unstructure_record,
)
from enforcement_supervision.model._convert import canonical_json
from enforcement_supervision.store._deliveries import DeliveryLedger
from enforcement_supervision.store._json import json_loads
from enforcement_supervision.store._keys import fit_key
from enforcement_supervision.store._schema import records

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

__all__ = [
    "PreparedRecord",
    "PutResult",
    "Store",
    "StoreError",
    "StoredRecord",
    "bulk_connection",
    "put_prepared_in",
    "resolve_db_url",
]

_log = get_logger(__name__)
_MIGRATIONS = Path(__file__).with_name("migrations")
# Chunk size for IN (...) lists: well under SQLite's 32,766 bound-parameter limit and
# MySQL's packet limits, large enough to keep round trips few.
_CHUNK = 900
#: ``records.source`` holds 255 characters.
_SOURCE_LENGTH = 255


class StoreError(EsupError):
    """The database cannot be opened, migrated or used."""


def resolve_db_url(value: str | Path | None, config_url: str | None = None) -> str:
    """Turn a ``--db`` value (URL or SQLite file path) into a SQLAlchemy URL.

    Order: the explicit value, ``$ESUP_DB``, the configuration's ``[store] url``, then the
    embedded default ``./esup.sqlite``.
    """
    raw = value if value is not None else os.environ.get("ESUP_DB") or config_url
    if raw is None:
        raw = Path("esup.sqlite")
    text = str(raw)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


@attrs.frozen(kw_only=True)
class StoredRecord:
    """One stored version of a record, with its bookkeeping."""

    record: Record
    version: int
    content_hash: str
    row_id: int
    is_current: bool
    imported_at: datetime
    source: str | None


class PreparedRecord(NamedTuple):
    """A validated record in its stored form, ready for :meth:`Store.put_prepared`.

    ``payload`` is the record's canonical JSON (:func:`~enforcement_supervision.model.
    canonical_json`: sorted keys, no whitespace, UTF-8) and ``content_hash`` its SHA-256.
    A named tuple: import hands the store plain tuples of these five fields, in this order,
    without building an object per row.
    """

    record_type: str
    record_id: str
    agency_id: str | None
    payload: bytes
    content_hash: str


@attrs.frozen(kw_only=True)
class PutResult:
    """What :meth:`Store.put_records` did with a batch."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: PutResult) -> PutResult:
        return PutResult(
            inserted=self.inserted + other.inserted,
            updated=self.updated + other.updated,
            unchanged=self.unchanged + other.unchanged,
        )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # A new database file gets 16 kB pages (SQLite's default is 4 kB): a stored record's
    # payload (a penalty case is about 4 kB of JSON) then fits in one page instead of spilling
    # into overflow pages, and a bulk import writes a third fewer pages (measured: SQLite's own
    # work for 58,000 records 0.85 -> 0.5 CPU s). An existing file keeps its page size (in WAL
    # mode it cannot change), so this only takes effect before the first table is created.
    cursor.execute("PRAGMA page_size=16384")
    # WAL lets readers run beside the one writer; a busy timeout makes concurrent writers wait
    # instead of failing at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _has_records_of_type(connection: Connection, record_type: str) -> bool:
    """Whether any version of any record of ``record_type`` is stored (one index probe)."""
    found = connection.execute(
        select(records.c.row_id).where(records.c.record_type == record_type).limit(1)
    ).first()
    return found is not None


#: The columns an insert of new record versions writes, in the order of its values: the
#: fields of a prepared row (:class:`PreparedRecord`), the version, then the values that are
#: the same for every row of a batch.
_INSERT_COLUMNS = (
    "record_type",
    "record_id",
    "agency_id",
    "payload",
    "content_hash",
    "version",
    "is_current",
    "imported_at",
    "source",
)
#: Where the payload is in a row of :data:`_INSERT_COLUMNS`.
_PAYLOAD_AT = _INSERT_COLUMNS.index("payload")

#: A prepared row as a plain tuple: the fields of :class:`PreparedRecord`, in their order.
PreparedRow = tuple[str, str, str | None, bytes, str]
_TYPE_OF = itemgetter(0)
_ID_OF = itemgetter(1)


def _keys_of(rows: Sequence[PreparedRow]) -> list[tuple[str, str]]:
    """The ``(record_type, record_id)`` keys of prepared rows (no Python code per row)."""
    return list(zip(map(_TYPE_OF, rows), map(_ID_OF, rows), strict=True))


def _insert_rows(
    connection: Connection,
    rows: Sequence[PreparedRow],
    versions: Sequence[int] | None,
    stamp: datetime,
    source: str | None,
) -> None:
    """Insert new record versions with one ``executemany`` of the driver.

    ``versions`` are the rows' versions (``None``: every row is a first version). The
    statement is SQLAlchemy's own (compiled for the dialect, with its casts); the values that
    need the column types' processing (``is_current``, ``imported_at``, ``source``) are the
    same for every row and processed once; the payload is already its JSON text (UTF-8). So
    each row's parameters are the prepared row with a tail appended (one tuple concatenation,
    no Python code per value). On SQLite the statement is written here instead: the payload's
    bytes are bound as they are and stored as text by ``CAST(? AS TEXT)`` (the same text
    value, without decoding it in Python and encoding it again in the driver).
    """
    dialect = connection.dialect
    fixed: list[Any] = []
    for name, value in (("is_current", True), ("imported_at", stamp), ("source", source)):
        processor = records.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        fixed.append(processor(value) if processor is not None and value is not None else value)
    tail = tuple(fixed)
    parameters: list[Any]
    if versions is None:
        first = (1, *tail)
        parameters = [row + first for row in rows]
    else:
        parameters = [(*row, version, *tail) for row, version in zip(rows, versions, strict=True)]
    if dialect.name == "sqlite":
        marks = ", ".join(
            "CAST(? AS TEXT)" if name == "payload" else "?" for name in _INSERT_COLUMNS
        )
        connection.exec_driver_sql(
            f"INSERT INTO {records.name} ({', '.join(_INSERT_COLUMNS)}) VALUES ({marks})",
            parameters,
        )
        return
    compiled = records.insert().compile(dialect=dialect, column_keys=list(_INSERT_COLUMNS))
    order = list(compiled.positiontup or ()) if compiled.positional else list(_INSERT_COLUMNS)
    picks = [_INSERT_COLUMNS.index(name) for name in order]
    # The payload as text for the other drivers.
    texts = [
        (*row[:_PAYLOAD_AT], row[_PAYLOAD_AT].decode("utf-8"), *row[_PAYLOAD_AT + 1 :])
        for row in parameters
    ]
    if compiled.positional:
        parameters = [tuple(row[i] for i in picks) for row in texts]
    else:
        parameters = [{name: row[i] for name, i in zip(order, picks, strict=True)} for row in texts]
    connection.exec_driver_sql(str(compiled), parameters)


#: The current version and hash of records of one type among some ids: compiled once, the
#: ids expanded at execution.
_CURRENT_OF = (
    select(records.c.record_id, records.c.version, records.c.content_hash)
    .where(records.c.record_type == bindparam("record_type"))
    .where(records.c.is_current.is_(True))
    .where(records.c.record_id.in_(bindparam("ids", expanding=True)))
)


@contextmanager
def _bulk_sync(connection: Connection) -> Iterator[None]:
    """On SQLite, ``PRAGMA synchronous=NORMAL`` for one bulk write, then the setting it had.

    In WAL mode NORMAL syncs at checkpoints instead of at every commit. It is safe: a power
    loss may undo the last transactions committed before it, never corrupt the database or
    leave half a batch (a batch is one transaction); an application crash loses nothing
    (SQLite's own documentation of ``synchronous``). The import reports what it stored, and
    importing the file again stores what was lost, as ``unchanged`` for the rest.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA synchronous").scalar()
    connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
    connection.commit()
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA synchronous={int(before or 2)}")
        connection.commit()


def _current_versions(
    connection: Connection, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], tuple[int, str]]:
    """(version, content hash) of the current version of each stored key among ``keys``."""
    current: dict[tuple[str, str], tuple[int, str]] = {}
    # A first import of a type has no current versions to compare with (one index probe per
    # type, and no Python code per key).
    stored_types = {t for t in set(map(_TYPE_OF, keys)) if _has_records_of_type(connection, t)}
    if not stored_types:
        return current
    by_type: dict[str, list[str]] = defaultdict(list)
    for record_type, record_id in keys:
        if record_type in stored_types:
            by_type[record_type].append(record_id)
    for record_type, ids in by_type.items():
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            if connection.dialect.name == "sqlite":
                # The driver's own statement: SQLAlchemy's expansion of the IN list names each
                # of the 900 parameters, which costs more than the query.
                rows: Any = connection.exec_driver_sql(
                    f"SELECT record_id, version, content_hash FROM {records.name} "
                    f"WHERE record_type = ? AND is_current = 1 "
                    f"AND record_id IN ({', '.join('?' * len(chunk))})",
                    (record_type, *chunk),
                )
            else:
                rows = connection.execute(_CURRENT_OF, {"record_type": record_type, "ids": chunk})
            for record_id, version, digest in rows:
                current[(record_type, record_id)] = (version, digest)
    return current


def put_prepared_in(
    connection: Connection,
    batch: Sequence[PreparedRow],
    *,
    source: str | None = None,
    now: datetime | None = None,
) -> PutResult:
    """:meth:`Store.put_prepared` on a connection the caller holds, in the transaction the
    caller began (and commits)."""
    stamp = now or datetime.now(UTC)
    # The source is a file path, which may be longer than its column (#19).
    source = None if source is None else fit_key(source, _SOURCE_LENGTH)
    # The last occurrence of each (type, id) wins; the keys are built without Python code
    # per row.
    latest = dict(zip(_keys_of(batch), batch, strict=True))
    inserted = updated = unchanged = 0
    current = _current_versions(connection, list(latest))
    if not current:
        # None of these records is stored yet: every row is a first version.
        if latest:
            _insert_rows(connection, list(latest.values()), None, stamp, source)
        return PutResult(inserted=len(latest))
    new_rows: list[PreparedRow] = []
    versions: list[int] = []
    retire: dict[str, list[str]] = defaultdict(list)
    for key, item in latest.items():
        previous = current.get(key)
        if previous is None:
            inserted += 1
            versions.append(1)
        elif previous[1] == item[4]:
            unchanged += 1
            continue
        else:
            updated += 1
            versions.append(previous[0] + 1)
            retire[key[0]].append(key[1])
        new_rows.append(item)
    for record_type, ids in retire.items():
        for start in range(0, len(ids), _CHUNK):
            connection.execute(
                update(records)
                .where(records.c.record_type == record_type)
                .where(records.c.record_id.in_(ids[start : start + _CHUNK]))
                .where(records.c.is_current.is_(True))
                .values(is_current=False)
            )
    if new_rows:
        _insert_rows(connection, new_rows, versions, stamp, source)
    return PutResult(inserted=inserted, updated=updated, unchanged=unchanged)


@contextmanager
def bulk_connection(store: Store) -> Iterator[Connection]:
    """One connection for the batches of one import (each batch its own transaction, through
    :func:`put_prepared_in`): on SQLite ``synchronous=NORMAL`` is set once for all of them
    (:func:`_bulk_sync`: what that risks) and restored at the end, instead of around every
    batch."""
    with store.engine.connect() as connection, _bulk_sync(connection):
        yield connection


class Store:
    """The database behind the library: records, findings, events and runs.

    Open it with :meth:`open`; the schema is migrated to the latest version on open (pass
    ``migrate=False`` to refuse instead, e.g. for a read-only reporting replica).
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str | Path | None = None, *, migrate: bool = True) -> Store:
        """Open (and by default create or migrate) the store at ``url``.

        ``url`` is a SQLAlchemy URL (``postgresql+psycopg://…``, ``mysql+pymysql://…``) or a
        SQLite file path; ``None`` means ``$ESUP_DB`` or ``./esup.sqlite``.
        """
        resolved = resolve_db_url(url)
        try:
            parsed = make_url(resolved)
            # hide_parameters: an error never carries the values being written (party
            # names) into a message, a traceback or a log.
            engine = create_engine(
                parsed, pool_pre_ping=True, hide_parameters=True, json_deserializer=json_loads
            )
        except (ArgumentError, NoSuchModuleError, ImportError) as error:
            raise StoreError(
                f"无法识别的数据库地址或缺少驱动：{resolved}（{error}）",
                f"unrecognised database URL or missing driver: {resolved} ({error})",
            ) from error
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        if parsed.get_backend_name() == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        try:
            if migrate:
                store.migrate()
            elif store.current_revision() != store.head_revision():
                raise StoreError(
                    "数据库结构不是最新版本，请运行 esup init",
                    "the database schema is not at the latest version; run `esup init`",
                )
        except OperationalError as error:
            raise StoreError(
                f"无法打开数据库 {parsed.render_as_string(hide_password=True)}：{error.orig}",
                f"cannot open database {parsed.render_as_string(hide_password=True)}: {error.orig}",
            ) from error
        except Exception as error:
            # Alembic raises its own errors when the database was written by a newer release
            # (a revision this library does not know): say so instead of a traceback.
            if type(error).__module__.startswith("alembic"):
                raise StoreError(
                    f"数据库结构版本无法识别（可能由更新版本的程序创建）：{error}",
                    f"the database schema revision is unknown to this version of the library "
                    f"(written by a newer release?): {error}",
                ) from error
            raise
        return store

    @property
    def url(self) -> str:
        """The database URL with any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def delivery_ledger(self) -> DeliveryLedger:
        """The clocks' delivery ledger: which channel sent which light."""
        return DeliveryLedger(self.engine)

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------

    # Alembic is imported where it is used: most commands never migrate, and importing it
    # costs start-up time and log noise.
    def _alembic_config(self, connection: Connection) -> AlembicConfig:
        from alembic.config import Config as AlembicConfig

        config = AlembicConfig()
        config.set_main_option("script_location", str(_MIGRATIONS))
        config.attributes["connection"] = connection
        return config

    def migrate(self, revision: str = "head") -> None:
        """Upgrade the schema to ``revision`` (default: the latest)."""
        from alembic import command as alembic_command

        with self.engine.begin() as connection:
            alembic_command.upgrade(self._alembic_config(connection), revision)

    def downgrade(self, revision: str) -> None:
        """Downgrade the schema to ``revision`` (``"base"`` removes every table)."""
        from alembic import command as alembic_command

        with self.engine.begin() as connection:
            alembic_command.downgrade(self._alembic_config(connection), revision)

    def current_revision(self) -> str | None:
        """The schema revision the database is at (``None`` for an empty database)."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def head_revision(self) -> str | None:
        """The latest schema revision this version of the library knows."""
        from alembic.config import Config as AlembicConfig
        from alembic.script import ScriptDirectory

        config = AlembicConfig()
        config.set_main_option("script_location", str(_MIGRATIONS))
        return ScriptDirectory.from_config(config).get_current_head()

    # -- records --------------------------------------------------------------------------

    def put_records(
        self,
        batch: Sequence[Record],
        *,
        source: str | None = None,
        now: datetime | None = None,
        payloads: Sequence[Mapping[str, Any]] | None = None,
    ) -> PutResult:
        """Store a batch of records in one transaction.

        A record whose content hash equals its current version's is left alone; a changed
        record gets the next version and the old version stays for history. Within a batch
        the last occurrence of an id wins.

        ``payloads``, if given, are the records' ``unstructure_record`` forms, in the order of
        ``batch``; they are stored and hashed instead of unstructuring each record again.
        """
        if payloads is not None and len(payloads) != len(batch):
            raise ValueError("put_records: one payload per record is needed")
        prepared = []
        for index, record in enumerate(batch):
            payload = unstructure_record(record) if payloads is None else payloads[index]
            text = canonical_json(payload)
            prepared.append(
                PreparedRecord(
                    record.record_type,
                    record.id,
                    getattr(record, "agency_id", None),
                    text,
                    hashlib.sha256(text).hexdigest(),
                )
            )
        return self.put_prepared(prepared, source=source, now=now)

    def put_prepared(
        self,
        batch: Sequence[PreparedRow],
        *,
        source: str | None = None,
        now: datetime | None = None,
    ) -> PutResult:
        """Store a batch of records already in their stored form, in one transaction.

        As :meth:`put_records`. ``batch`` holds :class:`PreparedRecord` tuples (or plain
        tuples of the same five fields). The payload text is stored as given, so
        ``content_hash`` is the SHA-256 of the stored text.
        """
        with self.engine.connect() as connection, _bulk_sync(connection), connection.begin():
            return put_prepared_in(connection, batch, source=source, now=now)

    def current_versions(
        self, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], tuple[int, str]]:
        """(version, content hash) of the current version of each stored (type, id) key."""
        with self.engine.connect() as connection:
            return _current_versions(connection, keys)

    def _to_stored(self, row: Any) -> StoredRecord:
        return StoredRecord(
            record=structure_record(row.record_type, row.payload),
            version=row.version,
            content_hash=row.content_hash,
            row_id=row.row_id,
            is_current=row.is_current,
            imported_at=row.imported_at,
            source=row.source,
        )

    def iter_records(
        self,
        record_type: str | None = None,
        *,
        agency_id: str | None = None,
        batch_size: int = 5000,
    ) -> Iterator[StoredRecord]:
        """Current versions of stored records, streamed in batches (memory stays bounded)."""
        query = select(records).where(records.c.is_current.is_(True))
        if record_type is not None:
            query = query.where(records.c.record_type == record_type)
        if agency_id is not None:
            query = query.where(records.c.agency_id == agency_id)
        last = 0
        while True:
            with self.engine.connect() as connection:
                rows = connection.execute(
                    query.where(records.c.row_id > last)
                    .order_by(records.c.row_id)
                    .limit(batch_size)
                ).all()
            if not rows:
                return
            for row in rows:
                yield self._to_stored(row)
            last = rows[-1].row_id

    def get_record(
        self, record_type: str, record_id: str, *, version: int | None = None
    ) -> StoredRecord | None:
        """The current (or the given) version of one record, or ``None``."""
        query = select(records).where(
            records.c.record_type == record_type, records.c.record_id == record_id
        )
        query = (
            query.where(records.c.version == version)
            if version is not None
            else query.where(records.c.is_current.is_(True))
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        return None if row is None else self._to_stored(row)

    def record_history(self, record_type: str, record_id: str) -> list[StoredRecord]:
        """Every stored version of one record, oldest first."""
        query = (
            select(records)
            .where(records.c.record_type == record_type, records.c.record_id == record_id)
            .order_by(records.c.version)
        )
        with self.engine.connect() as connection:
            return [self._to_stored(row) for row in connection.execute(query)]

    def count_records(self, *, current_only: bool = True) -> Mapping[str, int]:
        """How many records of each type the store holds."""
        query = select(records.c.record_type, func.count()).group_by(records.c.record_type)
        if current_only:
            query = query.where(records.c.is_current.is_(True))
        with self.engine.connect() as connection:
            return {str(row[0]): int(row[1]) for row in connection.execute(query)}

    def record_watermark(self) -> int:
        """The highest ``row_id`` stored so far (0 when empty)."""
        with self.engine.connect() as connection:
            value = connection.execute(select(func.max(records.c.row_id))).scalar()
        return int(value or 0)
