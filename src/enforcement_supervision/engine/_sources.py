"""Pulling records from source plugins into the store before a check."""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from typing import Any

import attrs

from enforcement_supervision._host import PluginManager, RecordSource
from enforcement_supervision.model import (
    RECORD_TYPES,
    Record,
    RecordValidationError,
    structure_record,
)
from enforcement_supervision.store import PutResult, Store

__all__ = ["SourceSync", "sync_sources"]


@attrs.frozen(kw_only=True)
class SourceSync:
    """What reading the source plugins did: records stored, records rejected (with the
    field and the reason, never the value: it may be personal data) and source failures."""

    put: PutResult = attrs.field(factory=PutResult)
    read: int = 0
    rejects: tuple[dict[str, Any], ...] = ()
    failures: tuple[dict[str, Any], ...] = ()


def _reject(source: str, record_type: str, error: RecordValidationError) -> dict[str, Any]:
    return {
        "kind": "record-rejected",
        "source": source,
        "record_type": record_type,
        "record_id": error.record_id,
        "fields": [problem.field for problem in error.errors],
        "message_zh": "；".join(problem.message("zh") for problem in error.errors),
        "message_en": "; ".join(problem.message("en") for problem in error.errors),
    }


def sync_sources(store: Store, manager: PluginManager, *, batch_size: int = 2000) -> SourceSync:
    """Read every source plugin's records and store them like an import (unchanged records
    store nothing; a changed record gets a new version). A bad record is reported, never
    dropped silently; a source that raises is reported and the others are still read."""
    put = PutResult()
    read = 0
    rejects: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    for source in manager.record_sources():
        put, read = _sync_one(store, source, batch_size, put, read, rejects, failures)
    return SourceSync(put=put, read=read, rejects=tuple(rejects), failures=tuple(failures))


def _sync_one(
    store: Store,
    source: RecordSource,
    batch_size: int,
    put: PutResult,
    read: int,
    rejects: list[dict[str, Any]],
    failures: list[dict[str, Any]],
) -> tuple[PutResult, int]:
    name = str(getattr(source, "name", type(source).__name__))
    try:
        record_types = list(source.record_types)
    except Exception as exc:
        failures.append(_failure(name, None, exc))
        return put, read
    for record_type in record_types:
        if record_type not in RECORD_TYPES:
            failures.append(
                {
                    "source": name,
                    "record_type": record_type,
                    "error_type": "UnknownRecordType",
                    "message": f"source {name} offers unknown record type {record_type!r}",
                    "traceback": "",
                }
            )
            continue
        batch: list[Record] = []
        seen: set[str] = set()
        try:
            for item in source.iter_records(record_type):
                read += 1
                if isinstance(item, Mapping):
                    data = dict(item)
                    if data.get("record_type") == record_type:
                        del data["record_type"]
                    try:
                        record = structure_record(record_type, data)
                    except RecordValidationError as error:
                        rejects.append(_reject(name, record_type, error))
                        continue
                else:
                    record = item
                if record.id in seen or len(batch) >= batch_size:
                    # Same id twice: store the first as a version rather than lose it.
                    put = put + store.put_records(batch, source=name)
                    batch, seen = [], set()
                batch.append(record)
                seen.add(record.id)
        except Exception as exc:
            failures.append(_failure(name, record_type, exc))
        if batch:
            put = put + store.put_records(batch, source=name)
    return put, read


def _failure(name: str, record_type: str | None, exc: Exception) -> dict[str, Any]:
    return {
        "source": name,
        "record_type": record_type,
        "error_type": type(exc).__name__,
        "message": str(exc),
        "traceback": "".join(traceback.format_exception(exc)),
    }
