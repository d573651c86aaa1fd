"""Import: read, validate, store in batches, and account for every input row.

Guarantees:

* a bad row never aborts the import — valid rows are stored, bad ones go to the rejects file
  (``<input>.rejects.jsonl`` next to the input) with their line number and reasons; a line
  that is not valid UTF-8, not JSON, nested too deeply, or holds text that is not valid
  Unicode is a reject like any other; so is a CSV line that does not decode, one the csv
  reader cannot read, or one with more cells than the header;
* nothing is dropped silently — ``stored + unchanged + rejected`` equals the rows read;
* importing the same file twice stores nothing new (content hashes);
* a crash loses nothing that was stored — each batch is its own transaction (on SQLite it
  commits with ``synchronous=NORMAL``: a power failure may undo the last batches, never
  corrupt the database; see ``Store.put_prepared``);
* a problem with the file as a whole (missing, unknown format, a first line that does not
  decode, no header row, unknown columns) is an :class:`ImportFileError` before anything is
  stored.

Each row is validated on the fast path (:mod:`._fast`: msgspec, in C) or, for anything the
fast path does not take, by the model's reference path (``structure_record``), which reports
every problem; both give the same stored form (canonical JSON) and content hash. With
``workers`` the validation (and the mapping of CSV and sheet rows) runs in forked worker
processes, which hand back finished rows; this process stores them in input order. Memory is
bounded by the blocks in flight and the batch.
"""

from __future__ import annotations

import codecs
import gc
import hashlib
import itertools
import json
import multiprocessing
import os
import queue
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, TypeVar

import attrs

from enforcement_supervision._logging import get_logger
from enforcement_supervision.ingest._columns import (
    ColumnMapping,
    default_column_map,
    load_mapping,
)
from enforcement_supervision.ingest._fast import convert_row, decode_row
from enforcement_supervision.ingest._readers import (
    ImportFileError,
    RawRow,
    SheetItem,
    SheetRows,
    csv_rows,
    read_jsonl,
    sheet_rows,
)
from enforcement_supervision.model import (
    RECORD_TYPES,
    FieldErrorRecord,
    RecordValidationError,
)
from enforcement_supervision.model._convert import canonical_json, structure_with_payload
from enforcement_supervision.model._errors import record_type_hint
from enforcement_supervision.store import PutResult, Store
from enforcement_supervision.store._internal import (
    PreparedRecord,
    bulk_connection,
    put_prepared_in,
)

__all__ = [
    "FORMATS",
    "WORKER_CHUNK",
    "ImportFileError",
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
#: A batch also ends once its payloads reach about this many bytes (2,000 penalty cases are
#: 8 MB): the last batches, stored after the last rows are validated, stay short.
BATCH_BYTES = 4 << 20
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
    errors: tuple[FieldErrorRecord, ...]
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


def rejects_path_for(path: str | os.PathLike[str]) -> Path:
    """Where the rejects of ``path`` are written: ``<name>.rejects.jsonl`` beside it."""
    path = Path(path)
    return path.with_name(path.name + ".rejects.jsonl")


# --- one row ----------------------------------------------------------------------------------


def _reject(row: RawRow, record_type: str | None, zh: str, en: str, value: Any = None) -> Reject:
    return Reject(
        line=row.line,
        record_type=record_type,
        record_id=row.record_id,
        errors=(
            FieldErrorRecord(
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
                FieldErrorRecord(
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
                FieldErrorRecord(
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
                FieldErrorRecord(
                    field=field,
                    value=value.encode("utf-8", "backslashreplace").decode("utf-8"),
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
        fast = decode_row(data, default_type)
        if fast is not None:
            return PreparedRecord(*fast)
        return _slow_line(row, data, default_type)
    record_type = data.get("record_type") or default_type
    if isinstance(record_type, str):
        fast = convert_row(record_type, data)
        if fast is not None:
            return PreparedRecord(*fast)
    return _reference(row, data, default_type)


def _slow_line(row: RawRow, data: bytes, default_type: str | None) -> PreparedRecord | Reject:
    """A JSON Lines row the fast path did not take: decoded by the standard library and
    validated by the reference path, which says what is wrong."""
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


# --- many rows --------------------------------------------------------------------------------

#: A validated row in its stored form, as a plain tuple: the fields of :class:`PreparedRecord`
#: in their order (plain tuples pickle, travel back from a worker and unpickle without Python
#: code per row; the store takes them as they are).
_Row = tuple[str, str, str | None, bytes, str]
#: What one step of validation hands on: the valid rows and the rejects of a run of input
#: rows, each in input order.
_Chunk = tuple[list[_Row], list[Reject]]
_TYPE_OF = itemgetter(0)
_ID_OF = itemgetter(1)
_PAYLOAD_OF = itemgetter(3)


def _keys_of(rows: list[_Row]) -> list[tuple[str, str]]:
    return list(zip(map(_TYPE_OF, rows), map(_ID_OF, rows), strict=True))


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
    batch: dict[tuple[str, str], _Row] = attrs.field(factory=dict)
    #: Payload bytes in :attr:`batch`: a batch also ends at :data:`BATCH_BYTES`.
    batch_bytes: int = 0
    seen: dict[tuple[str, str], str] = attrs.field(factory=dict)
    handle: IO[str] | None = None
    # Batches are stored by a writer thread while the next batch is validated (the database
    # drivers release the GIL while they write); at most two batches wait (a checkpoint's
    # disk sync in the writer does not stop the validation at once).
    pending: queue.Queue[list[_Row] | None] | None = None
    writer: threading.Thread | None = None
    failure: BaseException | None = None

    def reject(self, reject: Reject) -> None:
        self.rejected += 1
        self.by_reason[reject.reason] += 1
        if len(self.kept) < REJECTS_KEPT:
            self.kept.append(reject)
        if self.rejects_out is not None:
            if self.handle is None:
                # A rejected line may hold a lone surrogate (the reason it was rejected):
                # written as its JSON escape (\udXXX), so the rejects file stays UTF-8 JSON.
                self.handle = self.rejects_out.open(
                    "w", encoding="utf-8", errors="backslashreplace"
                )
            self.handle.write(json.dumps(reject.to_dict(), ensure_ascii=False, default=str) + "\n")

    def take(self, chunk: _Chunk) -> None:
        """Account for a chunk of validated rows: rejects written, valid rows batched."""
        rows, rejects = chunk
        self.total += len(rows) + len(rejects)
        for reject in rejects:
            self.reject(reject)
        if len(rows) <= self.batch_size:
            self.add_rows(rows)
            return
        for start in range(0, len(rows), self.batch_size):
            self.add_rows(rows[start : start + self.batch_size])

    def add_rows(self, rows: list[_Row]) -> None:
        """Add valid rows (input order) to the batch. Rows with distinct keys, none already in
        the batch, go in at once (the keys and counts are built in C); otherwise row by row,
        so that a second row for the same record becomes its next version."""
        if not rows:
            return
        keys = _keys_of(rows)
        fresh = dict(zip(keys, rows, strict=True))
        if len(fresh) != len(rows) or not self.batch.keys().isdisjoint(fresh.keys()):
            for key, row in zip(keys, rows, strict=True):
                self.add(key, row)
            return
        self.by_type.update(map(_TYPE_OF, rows))
        size = sum(map(len, map(_PAYLOAD_OF, rows)))
        if self.batch and (
            len(self.batch) + len(fresh) > self.batch_size or self.batch_bytes + size > BATCH_BYTES
        ):
            self.flush()
        self.batch.update(fresh)
        self.batch_bytes += size

    def add(self, key: tuple[str, str], row: _Row) -> None:
        self.by_type[row[0]] += 1
        if (
            key in self.batch
            or len(self.batch) >= self.batch_size
            or (self.batch and self.batch_bytes + len(row[3]) > BATCH_BYTES)
        ):
            # A second row for the same record becomes its next version rather than silently
            # replacing the first inside one batch.
            self.flush()
        self.batch[key] = row
        self.batch_bytes += len(row[3])

    def flush(self) -> None:
        if not self.batch:
            return
        items = list(self.batch.values())
        self.batch = {}
        self.batch_bytes = 0
        if not self.dry_run:
            self._write(items)
            return
        # A dry run counts what would happen: against this run's earlier rows, then the store.
        current = self.store.current_versions(_keys_of(items)) if self.store is not None else {}
        inserted = updated = unchanged = 0
        for item in items:
            key = (item[0], item[1])
            before = self.seen.get(key)
            if before is None and key in current:
                before = current[key][1]
            if before is None:
                inserted += 1
            elif before == item[4]:
                unchanged += 1
            else:
                updated += 1
            self.seen[key] = item[4]
        self.put = self.put + PutResult(inserted=inserted, updated=updated, unchanged=unchanged)

    def _write(self, items: list[_Row]) -> None:
        if self.pending is None:
            self.pending = queue.Queue(maxsize=2)
            self.writer = threading.Thread(target=self._writer, name="esup-import-writer")
            self.writer.start()
        if self.failure is not None:
            raise self.failure
        self.pending.put(items)

    def _writer(self) -> None:
        """Store the batches, each in its own transaction, on one connection held for the
        whole import (:func:`bulk_connection`). After a failure the batches are drained
        unstored: the import stops at the next batch."""
        assert self.pending is not None
        assert self.store is not None
        drained = False
        try:
            with bulk_connection(self.store) as connection:
                while (items := self.pending.get()) is not None:
                    if self.failure is not None:
                        continue
                    try:
                        with connection.begin():
                            put = put_prepared_in(connection, items, source=self.source)
                    except BaseException as error:
                        self.failure = error
                        continue
                    self.put = self.put + put
                drained = True
        except BaseException as error:
            if self.failure is None:
                self.failure = error
            if not drained:
                while self.pending.get() is not None:
                    pass

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


#: Rows handed to a worker process at a time (CSV and spreadsheet rows).
WORKER_CHUNK = 500
#: JSON Lines are validated a block of whole lines at a time: about this many bytes.
BLOCK_BYTES = 1 << 20
#: A JSON Lines file smaller than this is validated in this process even with ``workers``:
#: forking the workers would cost more than they save.
WORKER_MIN_BYTES = 2 * BLOCK_BYTES
#: Tasks in flight per worker process: enough to keep each busy, few enough that memory is
#: bounded by the blocks in flight and the batch, whatever the size of the file.
_IN_FLIGHT = 2

_T = TypeVar("_T")
_R = TypeVar("_R")


def _chunk_of(results: Iterable[PreparedRecord | Reject]) -> _Chunk:
    rows: list[_Row] = []
    rejects: list[Reject] = []
    for result in results:
        if isinstance(result, Reject):
            rejects.append(result)
        else:
            rows.append(tuple(result))  # type: ignore[arg-type]  # a plain tuple
    return rows, rejects


def _validate_chunk(task: tuple[list[RawRow], str | None]) -> _Chunk:
    """Validate rows (in a worker process, or here)."""
    rows, record_type = task
    return _chunk_of(validate_row(row, record_type) for row in rows)


def _validate_block(task: tuple[int, bytes, str | None]) -> _Chunk:
    """Validate a block of whole JSON Lines: ``(number of its first line, bytes, default
    type)``. Lines are split and numbered as :func:`read_jsonl` does (blank lines skipped), and
    each goes to the fast path first, then to the reference path, as :func:`validate_row`."""
    number, block, record_type = task
    rows: list[_Row] = []
    rejects: list[Reject] = []
    append = rows.append
    for offset, line in enumerate(block.split(b"\n")):
        if not line.strip():
            continue
        data = line.rstrip(b"\r")
        fast = decode_row(data, record_type)
        if fast is not None:
            append(fast)
            continue
        slow = _slow_line(RawRow(number + offset, data, ""), data, record_type)
        if isinstance(slow, Reject):
            rejects.append(slow)
        else:
            append(tuple(slow))  # type: ignore[arg-type]  # a plain tuple
    return rows, rejects


def _jsonl_ranges(path: Path, size: int = BLOCK_BYTES) -> Iterator[tuple[int, int]]:
    """A JSON Lines file as byte ranges ``[start, end)`` of whole lines, about ``size`` bytes
    each (a longer line is a range of its own). Only the ends of the ranges are read here:
    each range is read where it is validated (:func:`_validate_range`, in a worker)."""
    total = path.stat().st_size
    start = 0
    with path.open("rb") as handle:
        while start < total:
            end = start + size
            if end >= total:
                yield start, total
                return
            handle.seek(end)
            while True:
                chunk = handle.read(1 << 16)
                if not chunk:
                    end = total
                    break
                cut = chunk.find(b"\n")
                if cut >= 0:
                    end += cut + 1
                    break
                end += len(chunk)
            yield start, end
            start = end


def _validate_range(task: tuple[str, int, int, str | None]) -> tuple[int, _Chunk]:
    """Read and validate one range of :func:`_jsonl_ranges` (a leading UTF-8 mark skipped),
    its lines numbered from 1: the number of line ends in it (where the next range's numbers
    start) and its results."""
    name, start, end, record_type = task
    with open(name, "rb") as handle:
        handle.seek(start)
        block = handle.read(end - start)
    if start == 0 and block.startswith(codecs.BOM_UTF8):
        block = block[len(codecs.BOM_UTF8) :]
    return block.count(b"\n"), _validate_block((1, block, record_type))


#: The task function of this worker process (installed when the pool forks: a closure, such
#: as a compiled row mapping, need not be pickled).
_TASK: Callable[[Any], Any] | None = None


def _install(function: Callable[[Any], Any]) -> None:
    global _TASK
    _TASK = function
    # The objects inherited from the parent are never garbage here: moved out of the
    # collector's sight, so that no collection walks them (nor copies their pages, which
    # walking them would do after the fork). Collections (off in the parent while it
    # imports) are on again: they only walk this worker's own objects.
    gc.freeze()
    gc.enable()


def _run_installed(task: Any) -> Any:
    assert _TASK is not None
    return _TASK(task)


def _in_workers(function: Callable[[_T], _R], tasks: Iterable[_T], workers: int) -> Iterator[_R]:
    """``map(function, tasks)``, in ``workers`` forked processes when more than one, in order.
    At most ``workers × _IN_FLIGHT`` tasks are in flight (``Pool.imap`` would read every task
    ahead: a whole file in memory)."""
    if workers <= 1:
        yield from map(function, tasks)
        return
    # Forked workers only validate: they never touch the store's connections. A worker that
    # dies (killed, out of memory) fails the import (BrokenProcessPool) instead of hanging it.
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_install,
        initargs=(function,),
    ) as pool:
        pending: deque[Future[_R]] = deque()
        for task in tasks:
            pending.append(pool.submit(_run_installed, task))
            if len(pending) >= workers * _IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _validated(rows: Iterable[RawRow], record_type: str | None, workers: int) -> Iterator[_Chunk]:
    iterator = iter(rows)
    chunks = iter(lambda: list(itertools.islice(iterator, WORKER_CHUNK)), [])
    return _in_workers(_validate_chunk, ((c, record_type) for c in chunks), workers)


def _validated_jsonl(path: Path, record_type: str | None, workers: int) -> Iterator[_Chunk]:
    if workers > 1 and path.stat().st_size < WORKER_MIN_BYTES:
        workers = 1
    tasks = ((str(path), start, end, record_type) for start, end in _jsonl_ranges(path))
    before = 0  # lines in the ranges before this one
    for lines, (rows, rejects) in _in_workers(_validate_range, tasks, workers):
        if before and rejects:
            rejects = [attrs.evolve(r, line=r.line + before) for r in rejects]
        yield rows, rejects
        before += lines


def _sheet_validator(
    rows: SheetRows, record_type: str | None
) -> Callable[[list[tuple[int, SheetItem]]], _Chunk]:
    """Map and validate a chunk of CSV or sheet rows (in a worker process, or here). A row is
    mapped without its text, which only a reject shows: a rejected row is mapped again with
    it."""

    def validate(chunk: list[tuple[int, SheetItem]]) -> _Chunk:
        valid: list[_Row] = []
        rejects: list[Reject] = []
        for line, item in chunk:
            row = rows.row(line, item, with_text=False)
            if row is None:
                continue
            data = row.data
            if data.__class__ is dict:
                # The fast path straight away (validate_row's first step, without building
                # a record object for the row).
                named = data.get("record_type") or record_type
                fast = convert_row(named, data) if named.__class__ is str else None
                if fast is not None:
                    valid.append(fast)
                    continue
            result = validate_row(row, record_type)
            if isinstance(result, Reject):
                again = rows.row(line, item)
                assert again is not None
                result = validate_row(again, record_type)
                if isinstance(result, Reject):
                    rejects.append(result)
                    continue
            valid.append(tuple(result))  # type: ignore[arg-type]  # a plain tuple
        return valid, rejects

    return validate


#: Rows of a sheet held in memory that a worker reads and validates per task.
SHEET_TASK_ROWS = 1000


def _sheet_range_validator(
    rows: SheetRows, record_type: str | None
) -> Callable[[tuple[int, int | None]], _Chunk]:
    """Read rows ``[start, end)`` (``end`` ``None``: to the last) of a sheet held in memory
    (:attr:`SheetRows.restart`) and validate them, in a forked worker process: the worker
    reads the sheet it inherited, so the rows' cells are never pickled and sent. Each worker
    keeps its place: tasks come in order, so it only walks past the rows the other workers
    took."""
    validate = _sheet_validator(rows, record_type)
    restart = rows.restart
    assert restart is not None
    place: list[Any] = [None, 0]  # this process's iterator over the rows, and its position

    def validate_range(task: tuple[int, int | None]) -> _Chunk:
        start, end = task
        iterator, position = place
        if iterator is None or start < position:
            iterator, position = restart(), 0
        if start > position:
            next(itertools.islice(iterator, start - position, start - position), None)
        chunk = list(itertools.islice(iterator, None if end is None else end - start))
        place[:] = [iterator, start + len(chunk)]
        return validate(chunk)

    return validate_range


def _sheet_slice_validator(
    rows: SheetRows, record_type: str | None
) -> Callable[[tuple[int, int]], _Chunk]:
    """Read the ``<row>`` elements ``[lo, hi)`` of an XLSX sheet (:attr:`SheetRows.split`) and
    validate them, in a forked worker process: calamine parses only these rows, here."""
    validate = _sheet_validator(rows, record_type)
    assert rows.split is not None
    read = rows.split[0].rows

    def validate_slice(task: tuple[int, int]) -> _Chunk:
        return validate(read(*task))  # type: ignore[arg-type]  # (cells are lists)

    return validate_slice


def _validated_sheet(rows: SheetRows, record_type: str | None, workers: int) -> Iterator[_Chunk]:
    if workers > 1 and rows.split is not None:
        # An XLSX sheet not read whole: each worker parses the rows of its tasks.
        plan, header = rows.split
        return _in_workers(
            _sheet_slice_validator(rows, record_type),
            plan.tasks(header, SHEET_TASK_ROWS),
            workers,
        )
    if workers > 1 and rows.restart is not None and rows.count is not None:
        # A sheet held in memory: the workers read the rows themselves.
        count = rows.count
        # The last task takes every row left, should the sheet hold more than it said.
        tasks = (
            (start, start + SHEET_TASK_ROWS if start + SHEET_TASK_ROWS < count else None)
            for start in range(0, count, SHEET_TASK_ROWS)
        )
        return _in_workers(_sheet_range_validator(rows, record_type), tasks, workers)
    chunks = iter(lambda: list(itertools.islice(rows.rows, WORKER_CHUNK)), [])
    return _in_workers(_sheet_validator(rows, record_type), chunks, workers)


def _run_rows(run: _Run, rows: Iterable[RawRow], record_type: str | None, workers: int = 1) -> None:
    _run_results(run, _validated(rows, record_type, workers))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector's automatic collections off while rows stream through.

    An import allocates a few small objects per row, nearly all freed by reference counting
    at once, but each allocation counts towards the next collection, and every tenth young
    collection and every so often a full one walks the whole heap of the process (hundreds of
    thousands of objects once the database layer is loaded): a fifth of the import's own
    time. So collections are paused for the run, and the young generations (what the run
    itself made since) are collected after each chunk of validated rows (a block of about
    1 MB of JSON Lines, or 500 rows), which keeps any cyclic garbage bounded by a chunk; the
    collector is left as it was found."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _run_results(run: _Run, chunks: Iterable[_Chunk]) -> None:
    with _collector_paused():
        try:
            for chunk in chunks:
                run.take(chunk)
                gc.collect(1)
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


def detect_format(path: str | os.PathLike[str]) -> str:
    """``jsonl``, ``csv`` or ``xlsx`` (every spreadsheet) from the file name."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        return "xlsx"
    raise ImportFileError(
        f"无法从文件名判断格式：{path.name}（请用 --format）",
        f"cannot tell the format of {path.name} from its name (use --format)",
    )


def _mapping_for(record_type: str | None, mapping: str | Path | None) -> ColumnMapping:
    if mapping is not None:
        return load_mapping(mapping, record_type)
    if record_type is None:
        raise ImportFileError(
            "CSV/XLSX 导入需要用 --type 指定记录类型（或用 --mapping 指定列映射）",
            "CSV/XLSX import needs the record type (--type) or a mapping (--mapping)",
        )
    return default_column_map(record_type)


def _sheet_rows_for(
    path: Path,
    fmt: str,
    mapping: ColumnMapping,
    *,
    sheet: str | None,
    encoding: str | None,
    header_row: int | None,
    workers: int,
) -> SheetRows | None:
    if fmt == "csv":
        return csv_rows(path, mapping, encoding=encoding, header_row=header_row)
    # With workers, an XLSX sheet is parsed by them, a slice of rows each (not whole, here).
    return sheet_rows(path, mapping, sheet=sheet, header_row=header_row, split=workers > 1)


def import_file(
    store: Store | None,
    path: str | os.PathLike[str],
    *,
    record_type: str | None = None,
    fmt: str | None = None,
    column_map: str | os.PathLike[str] | None = None,
    mapping: str | os.PathLike[str] | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    header_row: int | None = None,
    rejects_path: str | os.PathLike[str] | None = None,
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
    written all the same. Paths may be given as text or path objects.
    """
    path = Path(path)
    column_map = None if column_map is None else Path(column_map)
    rejects_path = None if rejects_path is None else Path(rejects_path)
    if mapping is not None and not isinstance(mapping, str):
        mapping = Path(mapping)
    if not path.is_file():
        raise ImportFileError(f"找不到输入文件：{path}", f"input file not found: {path}")
    if record_type is not None and record_type not in RECORD_TYPES:
        raise ImportFileError(
            f"未知的记录类型 {record_type}；可用：{', '.join(sorted(RECORD_TYPES))}",
            f"unknown record type {record_type}; known: {', '.join(sorted(RECORD_TYPES))}",
        )
    if store is None and not dry_run:
        raise ValueError("import_file: a store is needed unless dry_run")
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise ImportFileError(f"未知的格式 {fmt}", f"unknown format {fmt}")
    chosen = mapping if mapping is not None else column_map
    column_mapping = None if fmt == "jsonl" else _mapping_for(record_type, chosen)
    if column_mapping is not None:
        record_type = column_mapping.record_type
    if workers > 1 and os.name != "posix":
        workers = 1  # worker processes are forked
    target = rejects_path or rejects_path_for(path)
    results: Iterable[_Chunk]
    if fmt == "jsonl" and _plain_utf8(encoding):
        # Blocks of lines straight to the validation (in workers, with ``workers``): no
        # object per line on the way. Nothing about such a file as a whole can be refused.
        results = _validated_jsonl(path, record_type, workers)
    elif fmt == "jsonl":
        rows = read_jsonl(path, encoding)
        # Read ahead to the first row, so that a problem with the file as a whole is raised
        # before the rejects file of an earlier import is touched.
        first = next(rows, None)
        results = _validated([] if first is None else _chain(first, rows), record_type, workers)
    else:
        assert column_mapping is not None
        # Reads the header: a problem with the file as a whole (encoding, header) is raised
        # here, before the rejects file of an earlier import is touched.
        sheet_rows_ = _sheet_rows_for(
            path,
            fmt,
            column_mapping,
            sheet=sheet,
            encoding=encoding,
            header_row=header_row,
            workers=workers,
        )
        results = [] if sheet_rows_ is None else _validated_sheet(sheet_rows_, record_type, workers)
    if target.exists():
        # A stale rejects file from an earlier import would be mistaken for this one's.
        target.unlink()
    run = _Run(store, path.name, dry_run, batch_size, target)
    _run_results(run, results)
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


def _plain_utf8(encoding: str | None) -> bool:
    return encoding is None or encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig")


def _chain(first: RawRow, rest: Iterator[RawRow]) -> Iterator[RawRow]:
    yield first
    yield from rest
