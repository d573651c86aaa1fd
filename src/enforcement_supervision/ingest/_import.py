"""Import: read, validate, store in batches, and account for every input row.

Guarantees:

* a bad row never aborts the import — valid rows are stored, bad ones go to the rejects file
  (``<input>.rejects.jsonl`` next to the input) with their line number and reasons; a line
  that is not valid UTF-8, not JSON, nested too deeply, or holds text that is not valid
  Unicode is a reject like any other;
* nothing is dropped silently — ``stored + unchanged + rejected`` equals the rows read;
* importing the same file twice stores nothing new (content hashes);
* a crash loses nothing that was stored — each batch is its own transaction;
* a problem with the file as a whole (missing, unknown format, undecodable, no header row,
  unknown columns) is an :class:`ImportError_` before anything is stored.

Each row is validated on the fast path (:mod:`._fast`: msgspec, in C) or, for anything the
fast path does not take, by the model's reference path (``structure_record``), which reports
every problem; both give the same stored form (canonical JSON) and content hash.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import os
import queue
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import attrs

from enforcement_supervision._logging import get_logger
from enforcement_supervision.ingest._columns import (
    ColumnMapping,
    default_column_map,
    load_mapping,
)
from enforcement_supervision.ingest._fast import decode_line, from_mapping
from enforcement_supervision.ingest._readers import (
    ImportError_,
    RawRow,
    read_csv,
    read_jsonl,
    read_sheet,
)
from enforcement_supervision.model import (
    RECORD_TYPES,
    FieldError,
    RecordValidationError,
)
from enforcement_supervision.model._convert import canonical_json, structure_with_payload
from enforcement_supervision.model._errors import record_type_hint
from enforcement_supervision.store import PreparedRecord, PutResult, Store

__all__ = [
    "FORMATS",
    "WORKER_CHUNK",
    "ImportError_",
    "ImportReport",
    "Reject",
    "detect_format",
    "import_file",
    "import_rows",
    "rejects_path_for",
    "validate_row",
]

_log = get_logger(__name__)
BATCH_SIZE = 2000
#: How many rejects an :class:`ImportReport` keeps in memory (all are in the rejects file).
REJECTS_KEPT = 1000
#: Input formats by name.
FORMATS = ("jsonl", "csv", "xlsx")


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
            value = (
                e.value
                if not isinstance(e.value, str) or len(e.value) <= 80
                else (e.value[:80] + "…")
            )
            parts.append(f"{e.field or '-'}={value!r}: {reason}")
        return f"{where} {who} — " + "; ".join(parts)

    @property
    def reason(self) -> str:
        """The (English) reason of its first error: the key of ``rejected_by_reason``."""
        return self.errors[0].reason_en if self.errors else "unknown"


def _json_safe(value: Any) -> bool:
    try:
        json.dumps(value).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return False
    return True


@attrs.frozen(kw_only=True)
class ImportReport:
    """The outcome of one import (or, with ``dry_run``, of validating without storing)."""

    source: str
    rows_read: int
    #: What was stored (``dry_run``: what would have been).
    put: PutResult
    rejected: int
    #: The first :data:`REJECTS_KEPT` rejects; the rejects file has all of them.
    rejects: tuple[Reject, ...]
    rejects_path: Path | None
    by_type: Mapping[str, int]
    rejected_by_reason: Mapping[str, int] = attrs.field(factory=dict)
    dry_run: bool = False
    details: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def stored(self) -> int:
        """New records and new versions (``dry_run``: that would be stored)."""
        return self.put.inserted + self.put.updated

    @property
    def accounted(self) -> bool:
        """Every row read was stored as a new version, found unchanged, or rejected."""
        return self.stored + self.put.unchanged + self.rejected == self.rows_read

    def to_dict(self) -> dict[str, Any]:
        """The summary as ``esup import --json`` prints it."""
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "read": self.rows_read,
            "stored": self.stored,
            "new": self.put.inserted,
            "updated": self.put.updated,
            "unchanged": self.put.unchanged,
            "rejected": self.rejected,
            "rejected_by_reason": dict(self.rejected_by_reason),
            "rejects_file": str(self.rejects_path) if self.rejects_path is not None else None,
            "by_type": dict(self.by_type),
            **dict(self.details),
        }


def rejects_path_for(path: Path) -> Path:
    """Where the rejects of ``path`` are written: ``<name>.rejects.jsonl`` beside it."""
    return path.with_name(path.name + ".rejects.jsonl")


# --- one row ----------------------------------------------------------------------------------


def _reject(row: RawRow, record_type: str | None, zh: str, en: str, value: Any = None) -> Reject:
    return Reject(
        line=row.line,
        record_type=record_type,
        record_id=row.record_id,
        errors=(
            FieldError(
                field="",
                value=value if value is not None else row.text[:200],
                reason_zh=zh,
                reason_en=en,
            ),
        ),
        text=row.text,
    )


def _surrogate_path(value: Any, path: str = "") -> tuple[str, str] | None:
    """The field path and text of the first string holding a lone surrogate."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path, value
        return None
    if isinstance(value, Mapping):
        for key, item in value.items():
            found = _surrogate_path(item, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = _surrogate_path(item, f"{path}[{index}]")
            if found is not None:
                return found
    return None


def _reference(
    row: RawRow, data: dict[str, Any], default_type: str | None
) -> PreparedRecord | Reject:
    """The model's reference path: validate with ``structure_record`` and report every
    problem, or give the stored form."""
    data = dict(data)
    record_type = data.pop("record_type", None) or default_type
    raw_id = data.get("id")
    record_id = raw_id if isinstance(raw_id, str) else row.record_id
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
    if not isinstance(record_type, str) or record_type not in RECORD_TYPES:
        hint_zh, hint_en = record_type_hint(record_type, RECORD_TYPES)
        return Reject(
            line=row.line,
            record_type=str(record_type),
            record_id=record_id,
            errors=(
                FieldError(
                    field="record_type",
                    value=record_type,
                    reason_zh=f"未知的记录类型{hint_zh}；可用：{', '.join(sorted(RECORD_TYPES))}",
                    reason_en=f"unknown record type{hint_en}; "
                    f"known: {', '.join(sorted(RECORD_TYPES))}",
                ),
            ),
            text=row.text,
        )
    try:
        record, payload = structure_with_payload(record_type, data)
    except RecordValidationError as error:
        return Reject(
            line=row.line,
            record_type=record_type,
            record_id=error.record_id or record_id,
            errors=tuple(error.errors),
            text=row.text,
        )
    except RecursionError:
        return _reject(row, record_type, "嵌套层次过深", "nested too deeply")
    try:
        text = canonical_json(payload)
    except UnicodeEncodeError:
        field, value = _surrogate_path(payload) or ("", "")
        return Reject(
            line=row.line,
            record_type=record_type,
            record_id=record_id,
            errors=(
                FieldError(
                    field=field,
                    value=value.encode("utf-8", "backslashreplace").decode("ascii"),
                    reason_zh="文本含有不成对的代理码位（不是有效的 Unicode 文本）",
                    reason_en="text holds a lone surrogate (not valid Unicode)",
                ),
            ),
            text=row.text,
        )
    return PreparedRecord(
        record_type,
        record.id,
        getattr(record, "agency_id", None),
        text,
        hashlib.sha256(text).hexdigest(),
    )


def validate_row(row: RawRow, default_type: str | None) -> PreparedRecord | Reject:
    """One raw row validated: its stored form, or why it is rejected."""
    data = row.data
    if data is None:
        if row.errors:
            return Reject(
                line=row.line,
                record_type=default_type,
                record_id=row.record_id,
                errors=row.errors,
                text=row.text,
            )
        return _reject(row, default_type, row.problem_zh or "", row.problem_en or "")
    if isinstance(data, bytes):
        fast = decode_line(data, default_type)
        if fast is not None:
            return PreparedRecord(
                fast.record_type, fast.record_id, fast.agency_id, fast.payload, fast.content_hash
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            shown = data.decode("utf-8", "backslashreplace")
            row = attrs.evolve(row, text=shown)
            return _reject(
                row,
                default_type,
                f"不是有效的 UTF-8：本行第 {error.start} 字节（0x{data[error.start]:02x}）；"
                f"JSON Lines 文件应为 UTF-8 编码（或用 --encoding 指定）",
                f"not valid UTF-8: byte {error.start} of the line (0x{data[error.start]:02x}); "
                f"JSON Lines files are UTF-8 (or give --encoding)",
                value=shown[:200],
            )
        row = attrs.evolve(row, text=text)
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            return _reject(
                row,
                default_type,
                f"不是有效的 JSON：{error.msg}（第 {error.colno} 列）",
                f"not valid JSON: {error.msg} (column {error.colno})",
            )
        except RecursionError:
            return _reject(
                row, default_type, "JSON 嵌套层次过深", "JSON nested too deeply", row.text[:200]
            )
        if not isinstance(value, dict):
            return _reject(
                row, default_type, "每行必须是一个 JSON 对象", "each line must be a JSON object"
            )
        return _reference(row, value, default_type)
    record_type = data.get("record_type") or default_type
    if isinstance(record_type, str):
        fast = from_mapping(record_type, data)
        if fast is not None:
            return PreparedRecord(
                fast.record_type, fast.record_id, fast.agency_id, fast.payload, fast.content_hash
            )
    return _reference(row, data, default_type)


# --- many rows --------------------------------------------------------------------------------


@attrs.define
class _Run:
    """The state of one import: counts, the batch being filled, the rejects written so far."""

    store: Store | None
    source: str
    dry_run: bool
    batch_size: int
    rejects_out: Path | None
    total: int = 0
    put: PutResult = attrs.field(factory=PutResult)
    rejected: int = 0
    kept: list[Reject] = attrs.field(factory=list)
    by_reason: Counter[str] = attrs.field(factory=Counter)
    by_type: Counter[str] = attrs.field(factory=Counter)
    batch: dict[tuple[str, str], PreparedRecord] = attrs.field(factory=dict)
    seen: dict[tuple[str, str], str] = attrs.field(factory=dict)
    handle: IO[str] | None = None
    # Batches are stored by a writer thread while the next batch is validated (the database
    # drivers release the GIL while they write); at most one batch waits.
    pending: queue.Queue[list[PreparedRecord] | None] | None = None
    writer: threading.Thread | None = None
    failure: BaseException | None = None

    def reject(self, reject: Reject) -> None:
        self.rejected += 1
        self.by_reason[reject.reason] += 1
        if len(self.kept) < REJECTS_KEPT:
            self.kept.append(reject)
        if self.rejects_out is not None:
            if self.handle is None:
                self.handle = self.rejects_out.open("w", encoding="utf-8")
            self.handle.write(json.dumps(reject.to_dict(), ensure_ascii=False, default=str) + "\n")

    def add(self, item: PreparedRecord) -> None:
        self.by_type[item.record_type] += 1
        key = (item.record_type, item.record_id)
        if key in self.batch or len(self.batch) >= self.batch_size:
            # A second row for the same record becomes its next version rather than silently
            # replacing the first inside one batch.
            self.flush()
        self.batch[key] = item

    def flush(self) -> None:
        if not self.batch:
            return
        items = list(self.batch.values())
        self.batch = {}
        if not self.dry_run:
            self._write(items)
            return
        # A dry run counts what would happen: against this run's earlier rows, then the store.
        current = (
            self.store.current_versions([(i.record_type, i.record_id) for i in items])
            if self.store is not None
            else {}
        )
        inserted = updated = unchanged = 0
        for item in items:
            key = (item.record_type, item.record_id)
            before = self.seen.get(key)
            if before is None and key in current:
                before = current[key][1]
            if before is None:
                inserted += 1
            elif before == item.content_hash:
                unchanged += 1
            else:
                updated += 1
            self.seen[key] = item.content_hash
        self.put = self.put + PutResult(inserted=inserted, updated=updated, unchanged=unchanged)

    def _write(self, items: list[PreparedRecord]) -> None:
        if self.pending is None:
            self.pending = queue.Queue(maxsize=1)
            self.writer = threading.Thread(target=self._writer, name="esup-import-writer")
            self.writer.start()
        if self.failure is not None:
            raise self.failure
        self.pending.put(items)

    def _writer(self) -> None:
        assert self.pending is not None
        assert self.store is not None
        while (items := self.pending.get()) is not None:
            if self.failure is not None:
                continue  # drain: the import stops at the next batch
            try:
                self.put = self.put + self.store.put_prepared(items, source=self.source)
            except BaseException as error:
                self.failure = error

    def finish(self) -> None:
        """Wait for the writer; re-raise what it failed with."""
        if self.pending is not None and self.writer is not None:
            self.pending.put(None)
            self.writer.join()
            self.pending = self.writer = None
        if self.failure is not None:
            failure, self.failure = self.failure, None
            raise failure

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


#: Rows handed to a worker process at a time.
WORKER_CHUNK = 500


def _validate_chunk(
    task: tuple[list[RawRow], str | None],
) -> list[tuple[str, str, str | None, bytes, str] | Reject]:
    """Validate rows in a worker process (plain tuples travel back faster than objects)."""
    rows, record_type = task
    out: list[tuple[str, str, str | None, bytes, str] | Reject] = []
    for row in rows:
        result = validate_row(row, record_type)
        out.append(result if isinstance(result, Reject) else attrs.astuple(result, recurse=False))
    return out


def _validated(
    rows: Iterable[RawRow], record_type: str | None, workers: int
) -> Iterator[PreparedRecord | Reject]:
    if workers <= 1:
        for row in rows:
            yield validate_row(row, record_type)
        return
    iterator = iter(rows)
    chunks = iter(lambda: list(itertools.islice(iterator, WORKER_CHUNK)), [])
    # Forked workers only validate: they never touch the store's connections.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for results in pool.imap(_validate_chunk, ((c, record_type) for c in chunks)):
            for result in results:
                yield result if isinstance(result, Reject) else PreparedRecord(*result)


def _run_rows(run: _Run, rows: Iterable[RawRow], record_type: str | None, workers: int = 1) -> None:
    try:
        for result in _validated(rows, record_type, workers):
            run.total += 1
            if isinstance(result, Reject):
                run.reject(result)
            else:
                run.add(result)
        run.flush()
    finally:
        try:
            run.finish()
        finally:
            run.close()


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
    run = _Run(store, source, False, batch_size, None)
    _run_rows(run, rows, record_type)
    return run.total, run.put, run.kept, dict(run.by_type)


def detect_format(path: Path) -> str:
    """``jsonl``, ``csv`` or ``xlsx`` (every spreadsheet) from the file name."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        return "xlsx"
    raise ImportError_(
        f"无法从文件名判断格式：{path.name}（请用 --format）",
        f"cannot tell the format of {path.name} from its name (use --format)",
    )


def _mapping_for(record_type: str | None, mapping: str | Path | None) -> ColumnMapping:
    if mapping is not None:
        return load_mapping(mapping, record_type)
    if record_type is None:
        raise ImportError_(
            "CSV/XLSX 导入需要用 --type 指定记录类型（或用 --mapping 指定列映射）",
            "CSV/XLSX import needs the record type (--type) or a mapping (--mapping)",
        )
    return default_column_map(record_type)


def _rows_for(
    path: Path,
    fmt: str,
    mapping: ColumnMapping | None,
    *,
    sheet: str | None,
    encoding: str | None,
    header_row: int | None,
) -> Iterator[RawRow]:
    if fmt == "jsonl":
        return read_jsonl(path, encoding)
    assert mapping is not None
    if fmt == "csv":
        return read_csv(path, mapping, encoding=encoding, header_row=header_row)
    return read_sheet(path, mapping, sheet=sheet, header_row=header_row)


def import_file(
    store: Store | None,
    path: Path,
    *,
    record_type: str | None = None,
    fmt: str | None = None,
    column_map: Path | None = None,
    mapping: str | Path | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    header_row: int | None = None,
    rejects_path: Path | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
) -> ImportReport:
    """Import one file into ``store``; see the module docstring for the guarantees.

    ``mapping`` is a first-party mapping name (``penalty-ledger``) or a mapping file
    (``column_map`` is its older name); ``sheet`` a sheet name or 1-based number;
    ``encoding`` forces the text encoding; ``header_row`` (1-based) says where the headers
    are. ``workers`` > 1 validates in that many worker processes (forked; the store is
    written by this process, in input order). With ``dry_run`` nothing is stored
    (``store`` may be ``None``: every valid row then counts as new); the rejects file is
    written all the same.
    """
    if not path.is_file():
        raise ImportError_(f"找不到输入文件：{path}", f"input file not found: {path}")
    if record_type is not None and record_type not in RECORD_TYPES:
        raise ImportError_(
            f"未知的记录类型 {record_type}；可用：{', '.join(sorted(RECORD_TYPES))}",
            f"unknown record type {record_type}; known: {', '.join(sorted(RECORD_TYPES))}",
        )
    if store is None and not dry_run:
        raise ValueError("import_file: a store is needed unless dry_run")
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise ImportError_(f"未知的格式 {fmt}", f"unknown format {fmt}")
    chosen = mapping if mapping is not None else column_map
    column_mapping = None if fmt == "jsonl" else _mapping_for(record_type, chosen)
    if column_mapping is not None:
        record_type = column_mapping.record_type
    rows = _rows_for(
        path, fmt, column_mapping, sheet=sheet, encoding=encoding, header_row=header_row
    )
    target = rejects_path or rejects_path_for(path)
    # Read ahead to the first row, so that a problem with the file as a whole (encoding,
    # header) is raised before the rejects file of an earlier import is touched.
    first = next(rows, None)
    if target.exists():
        # A stale rejects file from an earlier import would be mistaken for this one's.
        target.unlink()
    run = _Run(store, path.name, dry_run, batch_size, target)
    if workers > 1 and os.name != "posix":
        workers = 1  # worker processes are forked
    _run_rows(run, [] if first is None else _chain(first, rows), record_type, workers)
    _log.info(
        "import.finished",
        source=path.name,
        rows=run.total,
        inserted=run.put.inserted,
        updated=run.put.updated,
        unchanged=run.put.unchanged,
        rejected=run.rejected,
        dry_run=dry_run,
    )
    details: dict[str, Any] = {"format": fmt}
    if column_mapping is not None:
        details["mapping"] = column_mapping.source
    return ImportReport(
        source=str(path),
        rows_read=run.total,
        put=run.put,
        rejected=run.rejected,
        rejects=tuple(run.kept),
        rejects_path=target if run.rejected else None,
        by_type=dict(run.by_type),
        rejected_by_reason=dict(run.by_reason),
        dry_run=dry_run,
        details=details,
    )


def _chain(first: RawRow, rest: Iterator[RawRow]) -> Iterator[RawRow]:
    yield first
    yield from rest
