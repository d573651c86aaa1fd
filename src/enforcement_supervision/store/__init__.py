"""The store: SQLAlchemy Core tables and Alembic migrations (SQLite, PostgreSQL, MySQL)."""

from enforcement_supervision.store._schema import (
    finding_events,
    findings,
    metadata,
    records,
    rule_state,
    runs,
)
from enforcement_supervision.store._store import (
    PutResult,
    Store,
    StoredRecord,
    StoreError,
    resolve_db_url,
)

__all__ = [
    "PutResult",
    "Store",
    "StoreError",
    "StoredRecord",
    "finding_events",
    "findings",
    "metadata",
    "records",
    "resolve_db_url",
    "rule_state",
    "runs",
]
