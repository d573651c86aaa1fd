"""Readers turn an input file into numbered raw rows (``dict``) before validation.

Keeping reading apart from validation means every format gets the same errors, the same
rejects file and the same "nothing dropped silently" guarantee.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from enforcement_supervision.ingest._columns import FieldKind

__all__ = ["RawRow", "read_csv", "read_jsonl", "read_xlsx", "rows_from_cells"]

_TRUE = frozenset({"true", "1", "yes", "y", "是", "有", "√"})
_FALSE = frozenset({"false", "0", "no", "n", "否", "无", "×"})


@attrs.frozen
class RawRow:
    """One input row: its line (or spreadsheet row) number, its data, or why it is unreadable."""

    line: int
    data: dict[str, Any] | None
    text: str
    problem_zh: str | None = None
    problem_en: str | None = None


def read_jsonl(path: Path) -> Iterator[RawRow]:
    """JSON Lines: one object per line; blank lines are skipped."""
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.rstrip("\n")
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except json.JSONDecodeError as error:
                yield RawRow(
                    number,
                    None,
                    text,
                    f"不是有效的 JSON：{error.msg}（第 {error.colno} 列）",
                    f"not valid JSON: {error.msg} (column {error.colno})",
                )
                continue
            if not isinstance(value, dict):
                yield RawRow(
                    number,
                    None,
                    text,
                    "每行必须是一个 JSON 对象",
                    "each line must be a JSON object",
                )
                continue
            yield RawRow(number, value, text)


def _cell_value(raw: Any, kind: FieldKind) -> Any:
    if isinstance(raw, str):
        raw = raw.strip()
        if raw == "":
            return None
    if raw is None:
        return None
    if kind.kind == "bool" and isinstance(raw, str):
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        return raw  # left as text so validation reports it with its value
    if kind.kind == "scalar-list" and isinstance(raw, str):
        parts = [part.strip() for part in raw.replace("；", ";").split(";") if part.strip()]
        return [kind.labels.get(part, part) for part in parts]
    if kind.labels and isinstance(raw, str):
        return kind.labels.get(raw, raw)
    if kind.kind == "json" and isinstance(raw, str):
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return raw
    if hasattr(raw, "isoformat"):
        return raw.isoformat()
    return raw


def _set_path(target: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def rows_from_cells(
    header: list[str], cells: list[Any], line: int, columns: Mapping[str, FieldKind], text: str
) -> RawRow:
    """Map one spreadsheet row through the column map into a nested dict."""
    data: dict[str, Any] = {}
    unknown = [h for h in header if h and h not in columns and h != "record_type"]
    if unknown:
        return RawRow(
            line,
            None,
            text,
            f"未知列：{', '.join(unknown)}（请检查列映射）",
            f"unknown columns: {', '.join(unknown)} (check the column map)",
        )
    for head, raw in zip(header, cells, strict=False):
        if not head:
            continue
        if head == "record_type":
            if raw:
                data["record_type"] = str(raw).strip()
            continue
        kind = columns[head]
        value = _cell_value(raw, kind)
        if value is not None:
            _set_path(data, kind.path, value)
    return RawRow(line, data, text)


def read_csv(path: Path, columns: Mapping[str, FieldKind]) -> Iterator[RawRow]:
    """CSV (UTF-8, with or without BOM) whose first row holds the headers."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            yield rows_from_cells(header, cells, reader.line_num, columns, ",".join(cells))


def read_xlsx(path: Path, columns: Mapping[str, FieldKind], sheet: str | None) -> Iterator[RawRow]:
    """An XLSX sheet (the first, or ``sheet``) whose first row holds the headers."""
    try:
        import openpyxl
    except ImportError as error:  # pragma: no cover - depends on the installed extras
        from enforcement_supervision.errors import EsupError

        raise EsupError(
            "读取 XLSX 需要安装 openpyxl：pip install 'enforcement-supervision[xlsx]'",
            "reading XLSX needs openpyxl: pip install 'enforcement-supervision[xlsx]'",
        ) from error
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        rows = worksheet.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        for number, cells in enumerate(rows, start=2):
            values = list(cells)
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            text = json.dumps(values, ensure_ascii=False, default=str)
            yield rows_from_cells(header, values, number, columns, text)
    finally:
        workbook.close()
