"""Import: read, validate, store in batches, and account for every input row.

Guarantees:

* a bad row never aborts the import — valid rows are stored, bad ones go to the rejects file
  (``<input>.rejects.jsonl`` next to the input) with their line number and reasons;
* nothing is dropped silently — ``stored + unchanged + rejected`` equals the rows read;
* importing the same file twice stores nothing new (content hashes);
* a crash loses nothing that was stored — each batch is its own transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from enforcement_supervision._logging import get_logger
from enforcement_supervision.errors import EsupError
from enforcement_supervision.ingest._columns import FieldKind, default_column_map, load_column_map
from enforcement_supervision.ingest._readers import RawRow, read_csv, read_jsonl, read_xlsx
from enforcement_supervision.model import (
    RECORD_TYPES,
    FieldError,
    Record,
    RecordValidationError,
)
from enforcement_supervision.model._convert import structure_with_payload
from enforcement_supervision.store import PutResult, Store

__all__ = [
    "ImportError_",
    "ImportReport",
    "Reject",
    "import_file",
    "import_rows",
    "rejects_path_for",
]

_log = get_logger(__name__)
BATCH_SIZE = 2000


class ImportError_(EsupError):
    """The input as a whole cannot be imported (unreadable file, unknown format or type)."""


@attrs.frozen(kw_only=True)
class Reject:
    """One input row that was not stored, and why."""

    line: int
    record_type: str | None
    record_id: str | None
    errors: tuple[FieldError, ...]
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "record_type": self.record_type,
            "record_id": self.record_id,
            "errors": [
                {
                    "field": e.field,
                    "value": e.value if _json_safe(e.value) else repr(e.value),
                    "reason_zh": e.reason_zh,
                    "reason_en": e.reason_en,
                }
                for e in self.errors
            ],
            "input": self.text,
        }

    def summary(self, lang: str = "zh") -> str:
        """One line per reject: where, which record, which field, what value, why."""
        where = f"line {self.line}" if lang == "en" else f"第 {self.line} 行"
        who = f"{self.record_type or '?'}:{self.record_id or '?'}"
        parts = []
        for e in self.errors:
            reason = e.reason_en if lang == "en" else e.reason_zh
            parts.append(f"{e.field or '-'}={e.value!r}: {reason}")
        return f"{where} {who} — " + "; ".join(parts)


def _json_safe(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


@attrs.frozen(kw_only=True)
class ImportReport:
    """The outcome of one import."""

    source: str
    rows_read: int
    put: PutResult
    rejects: tuple[Reject, ...]
    rejects_path: Path | None
    by_type: Mapping[str, int]

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    @property
    def accounted(self) -> bool:
        """Every row read was stored as a new version, found unchanged, or rejected."""
        return (
            self.put.inserted + self.put.updated + self.put.unchanged + self.rejected
            == self.rows_read
        )


def rejects_path_for(path: Path) -> Path:
    """Where the rejects of ``path`` are written: ``<name>.rejects.jsonl`` beside it."""
    return path.with_name(path.name + ".rejects.jsonl")


def _validate(row: RawRow, default_type: str | None) -> tuple[Record, dict[str, Any]] | Reject:
    """The row's record and its stored form (``unstructure_record``), or why it is rejected."""
    if row.data is None:
        return Reject(
            line=row.line,
            record_type=default_type,
            record_id=None,
            errors=(
                FieldError(
                    field="",
                    value=row.text[:200],
                    reason_zh=row.problem_zh or "",
                    reason_en=row.problem_en or "",
                ),
            ),
            text=row.text,
        )
    data = dict(row.data)
    record_type = data.pop("record_type", None) or default_type
    raw_id = data.get("id")
    record_id = raw_id if isinstance(raw_id, str) else None
    if record_type is None:
        return Reject(
            line=row.line,
            record_type=None,
            record_id=record_id,
            errors=(
                FieldError(
                    field="record_type",
                    value=None,
                    reason_zh="缺少记录类型（在行中写 record_type，或用 --type 指定）",
                    reason_en="no record type (give record_type in the row or --type)",
                ),
            ),
            text=row.text,
        )
    if record_type not in RECORD_TYPES:
        return Reject(
            line=row.line,
            record_type=str(record_type),
            record_id=record_id,
            errors=(
                FieldError(
                    field="record_type",
                    value=record_type,
                    reason_zh=f"未知的记录类型；可用：{', '.join(sorted(RECORD_TYPES))}",
                    reason_en=f"unknown record type; known: {', '.join(sorted(RECORD_TYPES))}",
                ),
            ),
            text=row.text,
        )
    try:
        # Validates exactly as structure_record, and gives the payload to store and hash in
        # the same pass.
        return structure_with_payload(record_type, data)
    except RecordValidationError as error:
        return Reject(
            line=row.line,
            record_type=record_type,
            record_id=error.record_id or record_id,
            errors=tuple(error.errors),
            text=row.text,
        )


def import_rows(
    store: Store,
    rows: Iterable[RawRow],
    *,
    source: str,
    record_type: str | None = None,
    batch_size: int = BATCH_SIZE,
) -> tuple[int, PutResult, list[Reject], dict[str, int]]:
    """Validate and store ``rows``.

    Returns (rows read, what was stored, rejects, counts of valid rows by record type).
    """
    total = 0
    put = PutResult()
    rejects: list[Reject] = []
    by_type: dict[str, int] = {}
    batch: list[Record] = []
    payloads: list[dict[str, Any]] = []
    in_batch: set[tuple[str, str]] = set()
    for row in rows:
        total += 1
        result = _validate(row, record_type)
        if isinstance(result, Reject):
            rejects.append(result)
            continue
        record, payload = result
        kind = record.record_type
        by_type[kind] = by_type.get(kind, 0) + 1
        key = (kind, record.id)
        if key in in_batch or len(batch) >= batch_size:
            # A second row for the same record becomes its next version rather than silently
            # replacing the first inside one batch.
            put = put + store.put_records(batch, source=source, payloads=payloads)
            batch, payloads, in_batch = [], [], set()
        batch.append(record)
        payloads.append(payload)
        in_batch.add(key)
    if batch:
        put = put + store.put_records(batch, source=source, payloads=payloads)
    return total, put, rejects, by_type


def _rows_for(
    path: Path, fmt: str, record_type: str | None, column_map: Path | None, sheet: str | None
) -> Iterator[RawRow]:
    if fmt == "jsonl":
        return read_jsonl(path)
    if record_type is None:
        raise ImportError_(
            "CSV/XLSX 导入需要用 --type 指定记录类型",
            "CSV/XLSX import needs the record type (--type)",
        )
    columns: Mapping[str, FieldKind] = (
        load_column_map(column_map, record_type)
        if column_map is not None
        else default_column_map(record_type)
    )
    if fmt == "csv":
        return read_csv(path, columns)
    return read_xlsx(path, columns, sheet)


def detect_format(path: Path) -> str:
    """``jsonl``, ``csv`` or ``xlsx`` from the file name."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    raise ImportError_(
        f"无法从文件名判断格式：{path.name}（请用 --format）",
        f"cannot tell the format of {path.name} from its name (use --format)",
    )


def import_file(
    store: Store,
    path: Path,
    *,
    record_type: str | None = None,
    fmt: str | None = None,
    column_map: Path | None = None,
    sheet: str | None = None,
    rejects_path: Path | None = None,
) -> ImportReport:
    """Import one file into ``store``; see the module docstring for the guarantees."""
    if not path.is_file():
        raise ImportError_(f"找不到输入文件：{path}", f"input file not found: {path}")
    if record_type is not None and record_type not in RECORD_TYPES:
        raise ImportError_(
            f"未知的记录类型 {record_type}；可用：{', '.join(sorted(RECORD_TYPES))}",
            f"unknown record type {record_type}; known: {', '.join(sorted(RECORD_TYPES))}",
        )
    fmt = fmt or detect_format(path)
    rows = _rows_for(path, fmt, record_type, column_map, sheet)
    total, put, rejects, by_type = import_rows(
        store, rows, source=path.name, record_type=record_type
    )
    target = rejects_path or rejects_path_for(path)
    if rejects:
        with target.open("w", encoding="utf-8") as handle:
            for reject in rejects:
                handle.write(json.dumps(reject.to_dict(), ensure_ascii=False, default=str) + "\n")
    elif target.exists():
        # A stale rejects file from an earlier import would be mistaken for this one's.
        target.unlink()
    _log.info(
        "import.finished",
        source=path.name,
        rows=total,
        inserted=put.inserted,
        updated=put.updated,
        unchanged=put.unchanged,
        rejected=len(rejects),
    )
    return ImportReport(
        source=str(path),
        rows_read=total,
        put=put,
        rejects=tuple(rejects),
        rejects_path=target if rejects else None,
        by_type=by_type,
    )
