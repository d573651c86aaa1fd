"""The store's tables (SQLAlchemy Core).

The schema changes only through Alembic migrations in ``migrations/versions``; a test checks
that the migrated database and these definitions agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from enforcement_supervision.store._types import UtcDateTime

__all__ = [
    "finding_events",
    "findings",
    "metadata",
    "records",
    "rule_state",
    "runs",
]

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# BigInteger ids autoincrement everywhere except SQLite, which only autoincrements INTEGER.
_BigId = BigInteger().with_variant(Integer(), "sqlite")

#: Every version of every imported record. ``row_id`` grows with each stored version, so
#: "what changed since run N" is a range scan on it.
records = Table(
    "records",
    metadata,
    Column("row_id", _BigId, primary_key=True, autoincrement=True),
    Column("record_type", String(40), nullable=False),
    Column("record_id", String(128), nullable=False),
    Column("version", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("agency_id", String(128), nullable=True),
    Column("is_current", Boolean, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("imported_at", UtcDateTime, nullable=False),
    Column("source", String(255), nullable=True),
    UniqueConstraint("record_type", "record_id", "version"),
    Index(None, "record_type", "is_current", "record_id"),
    Index(None, "agency_id"),
)

#: One row per finding, identified by its fingerprint; its history is in ``finding_events``.
findings = Table(
    "findings",
    metadata,
    Column("fingerprint", String(64), primary_key=True),
    Column("rule_id", String(64), nullable=False),
    Column("rule_version", String(32), nullable=False),
    Column("plugin", String(128), nullable=True),
    Column("subject_type", String(40), nullable=False),
    Column("subject_id", String(128), nullable=False),
    Column("agency_id", String(128), nullable=True),
    Column("severity", String(2), nullable=False),
    Column("categories", String(128), nullable=False),
    Column("status", String(16), nullable=False),
    Column("message_zh", Text, nullable=False),
    Column("message_en", Text, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("due_date", Date, nullable=True),
    Column("first_seen_run", String(36), nullable=True),
    Column("last_seen_run", String(36), nullable=True),
    Column("opened_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("resolved_at", UtcDateTime, nullable=True),
    Column("in_baseline", Boolean, nullable=False, default=False),
    Index(None, "rule_id"),
    Index(None, "status"),
    Index(None, "agency_id"),
    Index(None, "subject_type", "subject_id"),
)

#: Append-only log of finding transitions; each event's hash chains to the previous one.
finding_events = Table(
    "finding_events",
    metadata,
    Column("event_id", _BigId, primary_key=True, autoincrement=True),
    Column("fingerprint", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(128), nullable=True),
    Column("reason", Text, nullable=True),
    Column("run_id", String(36), nullable=True),
    Column("data", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=True),
    Column("hash", String(64), nullable=False),
    Index(None, "fingerprint"),
)

#: One row per check run.
runs = Table(
    "runs",
    metadata,
    Column("run_id", String(36), primary_key=True),
    Column("started_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime, nullable=True),
    Column("as_of", UtcDateTime, nullable=False),
    Column("mode", String(16), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("schedule", String(128), nullable=True),
    Column("slot", UtcDateTime, nullable=True),
    Column("record_watermark", BigInteger, nullable=True),
    Column("counts", JSON, nullable=False),
    Column("rule_timings", JSON, nullable=False),
    Column("errors", JSON, nullable=False),
    Index(None, "started_at"),
)

#: The engine's memory per (rule, subject): what it last evaluated and when the answer can
#: next change without any new data (the recheck time).
rule_state = Table(
    "rule_state",
    metadata,
    Column("rule_id", String(64), primary_key=True),
    Column("subject_key", String(256), primary_key=True),
    Column("rule_version", String(32), nullable=False),
    Column("input_hash", String(64), nullable=False),
    Column("recheck_at", UtcDateTime, nullable=True),
    Column("evaluated_at", UtcDateTime, nullable=False),
    Index(None, "recheck_at"),
)
