"""Export: the current version of every stored record as JSON Lines (re-importable)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from enforcement_supervision.model import unstructure_record
from enforcement_supervision.store import Store

__all__ = ["export_jsonl"]


def export_jsonl(
    store: Store,
    out: IO[str] | Path,
    *,
    record_type: str | None = None,
    agency_id: str | None = None,
) -> int:
    """Write current records as JSON Lines with a ``record_type`` key; returns the count."""
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8") as handle:
            return export_jsonl(store, handle, record_type=record_type, agency_id=agency_id)
    count = 0
    for stored in store.iter_records(record_type, agency_id=agency_id):
        data = {"record_type": stored.record.record_type, **unstructure_record(stored.record)}
        out.write(json.dumps(data, ensure_ascii=False, sort_keys=False) + "\n")
        count += 1
    return count

EXPORT_FORMATS = ("jsonl",)


def export_records(store: Store, out: Path, *, fmt: str = "jsonl", **options: object) -> int:
    """Placeholder until the office formats land."""
    return export_jsonl(store, out)
