"""Export: the current version of every stored record, as JSON Lines or as offices read it.

* ``jsonl`` — one JSON object per line with a ``record_type`` key (re-importable as is);
* ``xlsx`` — one sheet per record type, Chinese headers (the default mapping's labels), real
  date and date-time cells, numbers as numbers, yes/no as 是/否, enumerations by their Chinese
  labels, lists of values joined with ``;``, nested lists of objects as JSON text; every text
  cell is written as text (never a formula). Written in write-only (streaming) mode;
* ``csv`` — the same columns for one record type, in GB18030 by default (what Chinese Excel
  opens), text that Excel would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) is
  prefixed with ``'``, which the CSV reader removes again.

Importing an XLSX or CSV export with the default mapping (``--type``) gives the very records
that were exported (same payload, same content hash).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from enforcement_supervision.ingest._columns import FieldKind, default_column_map
from enforcement_supervision.model import RECORD_TYPES, record_class, unstructure_record
from enforcement_supervision.model._convert import SHANGHAI
from enforcement_supervision.store import Store

__all__ = ["EXPORT_FORMATS", "FORMULA_PREFIXES", "export_columns", "export_jsonl", "export_records"]

EXPORT_FORMATS = ("jsonl", "xlsx", "csv")
#: A text cell starting with one of these would be run by a spreadsheet as a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Significant digits a spreadsheet number keeps exactly.
_NUMBER_DIGITS = 15


def export_jsonl(
    store: Store,
    out: IO[str] | str | os.PathLike[str],
    *,
    record_type: str | None = None,
    agency_id: str | None = None,
) -> int:
    """Write current records as JSON Lines with a ``record_type`` key (to an open text file
    or a path); returns the count."""
    if isinstance(out, str | os.PathLike):
        with Path(out).open("w", encoding="utf-8") as handle:
            return export_jsonl(store, handle, record_type=record_type, agency_id=agency_id)
    count = 0
    for stored in store.iter_records(record_type, agency_id=agency_id):
        data = {"record_type": stored.record.record_type, **unstructure_record(stored.record)}
        out.write(json.dumps(data, ensure_ascii=False, sort_keys=False) + "\n")
        count += 1
    return count


def export_columns(record_type: str) -> list[tuple[str, FieldKind]]:
    """(Chinese header, field) of every column of a record type's export, in model order."""
    mapping = default_column_map(record_type)
    chinese = {
        column.field.path: header
        for header, column in mapping.columns.items()
        if header != column.field.path
    }
    columns: list[tuple[str, FieldKind]] = []
    for header, column in mapping.columns.items():
        kind = column.field
        if header != kind.path:
            continue
        # A Chinese label shared by two fields reads back as one of them only: the other
        # keeps its English path as header.
        columns.append((chinese.get(kind.path, kind.path), kind))
    return columns


def _get(payload: dict[str, Any], path: str) -> Any:
    node: Any = payload
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _enum_label(kind: FieldKind, value: str) -> str:
    for label, member in kind.labels.items():
        if member == value:
            return label
    return value


def _cell(kind: FieldKind, value: Any) -> Any:
    """A stored (canonical) value as the cell a spreadsheet holds: date, number, text."""
    if value is None:
        return None
    if kind.kind == "date":
        return dt.date.fromisoformat(value)
    if kind.kind == "datetime":
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(SHANGHAI)
        local = moment.replace(tzinfo=None)
        if local.microsecond or moment.utcoffset() != dt.timedelta(hours=8):
            return moment.isoformat()  # kept exact as text
        return local
    if kind.kind == "bool":
        return "是" if value else "否"
    if kind.kind == "amount":
        amount = Decimal(value)
        if len(amount.as_tuple().digits) <= _NUMBER_DIGITS:
            return float(amount)
        return value
    if kind.kind == "enum":
        return _enum_label(kind, value)
    if kind.kind == "list":
        items = [_enum_label(kind, v) if kind.item == "enum" else v for v in value]
        plain = kind.item in ("str", "enum") and not any(
            ";" in v or "；" in v or v.startswith("[") for v in items
        )
        return ";".join(items) if plain else json.dumps(items, ensure_ascii=False)
    if kind.kind == "json":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _rows(
    store: Store, record_type: str, columns: list[tuple[str, FieldKind]], agency_id: str | None
) -> Iterator[list[Any]]:
    for stored in store.iter_records(record_type, agency_id=agency_id):
        payload = unstructure_record(stored.record)
        yield [_cell(kind, _get(payload, kind.path)) for _, kind in columns]


def _types(store: Store, record_type: str | None) -> list[str]:
    if record_type is not None:
        return [record_type]
    counts = store.count_records()
    return [name for name in RECORD_TYPES if counts.get(name)]


def _export_xlsx(store: Store, out: Path, record_types: list[str], agency_id: str | None) -> int:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    workbook = openpyxl.Workbook(write_only=True)
    count = 0
    for record_type in record_types:
        sheet = workbook.create_sheet(title=record_class(record_type).label_zh[:31])
        columns = export_columns(record_type)
        sheet.append([header for header, _ in columns])
        for values in _rows(store, record_type, columns, agency_id):
            cells = []
            for (_, kind), value in zip(columns, values, strict=True):
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text from data is text, never a formula
                elif isinstance(value, dt.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm:ss"
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                elif kind.kind == "amount":
                    cell.number_format = "0.00"
                cells.append(cell)
            sheet.append(cells)
            count += 1
    workbook.save(out)
    return count


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES) or (text.startswith("'") and text[1:2] in "=+-@\t\r'"):
        return "'" + text
    return text


def _export_csv(
    store: Store, out: Path, record_type: str, agency_id: str | None, encoding: str
) -> int:
    columns = export_columns(record_type)
    count = 0
    with out.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([header for header, _ in columns])
        for values in _rows(store, record_type, columns, agency_id):
            writer.writerow([_csv_text(v) for v in values])
            count += 1
    return count


def export_records(
    store: Store,
    out: str | os.PathLike[str],
    *,
    fmt: str = "jsonl",
    record_type: str | None = None,
    agency_id: str | None = None,
    encoding: str = "gb18030",
) -> int:
    """Export current records to ``out`` as ``jsonl``, ``xlsx`` (a sheet per record type) or
    ``csv`` (one record type, ``encoding`` GB18030 by default); returns the count."""
    out = Path(out)
    if fmt == "jsonl":
        return export_jsonl(store, out, record_type=record_type, agency_id=agency_id)
    if fmt == "xlsx":
        return _export_xlsx(store, out, _types(store, record_type), agency_id)
    if fmt == "csv":
        types = _types(store, record_type)
        if len(types) != 1:
            from enforcement_supervision.ingest._readers import ImportFileError

            raise ImportFileError(
                "CSV 只能容纳一种记录类型：请用 --type 指定",
                "a CSV file holds one record type: give --type",
            )
        return _export_csv(store, out, types[0], agency_id, encoding)
    raise ValueError(f"unknown export format {fmt!r}")
