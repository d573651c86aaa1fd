"""Readers turn an input file into numbered raw rows before validation.

Keeping reading apart from validation means every format gets the same errors, the same
rejects file and the same "nothing dropped silently" guarantee. JSON Lines rows stay bytes
(the fast path decodes and validates them in one step); CSV and spreadsheet rows are read as
cells (:class:`SheetRows`) and mapped through a
:class:`~enforcement_supervision.ingest.ColumnMapping` into nested dicts where they are
validated (in the worker processes with ``--workers``), by a mapping compiled once per header
(:func:`compile_row_mapper`; :func:`map_row` is its reference).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import itertools
import json
import math
import re
import weakref
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from enforcement_supervision.errors import EsupError
from enforcement_supervision.ingest._columns import (
    FALSE_LABELS,
    TRUE_LABELS,
    Column,
    ColumnMapping,
    FieldKind,
)
from enforcement_supervision.model import FieldError
from enforcement_supervision.model._convert import (
    OfficeValueError,
    parse_office_date,
    parse_office_datetime,
)

__all__ = [
    "HEADER_SEARCH_ROWS",
    "ImportError_",
    "InputError",
    "RawRow",
    "SheetItem",
    "SheetRows",
    "compile_row_mapper",
    "csv_rows",
    "detect_encoding",
    "detect_encoding_of",
    "read_csv",
    "read_jsonl",
    "read_sheet",
    "sheet_rows",
]

#: How many rows from the top are searched for the header row.
HEADER_SEARCH_ROWS = 30
_CHUNK = 1 << 20


class ImportError_(EsupError):
    """The input as a whole cannot be imported (missing or unreadable file, unknown format or
    type, undecodable text, no header row, unknown columns): nothing was stored."""


InputError = ImportError_


@attrs.frozen
class RawRow:
    """One input row: its line (or spreadsheet row) number, its data, or why it is unreadable.

    ``data`` is a dict (CSV, spreadsheets), the raw bytes of a JSON Lines row, or ``None``
    when the row cannot be read (``problem_zh``/``problem_en`` say why, or ``errors`` list the
    cells that cannot be read).
    """

    line: int
    data: dict[str, Any] | bytes | None
    text: str
    problem_zh: str | None = None
    problem_en: str | None = None
    errors: tuple[FieldError, ...] = ()
    record_id: str | None = None


# --- encodings --------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: What ``--encoding`` names are read as (GBK and GB2312 are subsets of GB18030).
_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "utf8": "utf-8"}


def _check_decodes(path: Path, encoding: str, skip: int = 0) -> int | None:
    """The byte offset of the first byte ``encoding`` cannot decode, or ``None``."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = skip
    with path.open("rb") as handle:
        handle.seek(skip)
        while True:
            chunk = handle.read(_CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                # The decoder's buffer holds at most a few bytes of the previous chunk.
                pending = len(decoder.getstate()[0]) if hasattr(decoder, "getstate") else 0
                return max(skip, offset - pending + error.start)
            if not chunk:
                return None
            offset += len(chunk)


def _first_line_end(path: Path) -> int:
    """The byte offset of the end of the first line (of the first megabyte)."""
    with path.open("rb") as handle:
        head = handle.read(_CHUNK)
    end = head.find(b"\n")
    return len(head) if end < 0 else end


def detect_encoding(path: Path, forced: str | None = None) -> str:
    """The encoding of a text file, by a strict order that cannot mistake one for another;
    see :func:`detect_encoding_of` for the rules."""
    return detect_encoding_of(path, forced)[0]


def detect_encoding_of(path: Path, forced: str | None = None) -> tuple[str, int | None]:
    """The encoding of a text file, and the offset of its first byte that does not decode
    (``None``: every byte does), by a strict order that cannot mistake one for another.

    1. A byte-order mark decides: UTF-8 (``utf-8-sig``), UTF-16 or UTF-32 (Excel's "Unicode
       text" is UTF-16 with a mark).
    2. Otherwise strict UTF-8, when the whole file decodes as UTF-8. Text in GBK/GB18030 with
       any Chinese character practically never does: its two-byte characters start with a
       byte that UTF-8 only allows inside a sequence.
    3. Otherwise strict GB18030 (which includes GBK and GB2312), when the whole file decodes.
    4. Otherwise the one of the two that decodes the longer start of the file: a UTF-8 file
       with a few lines pasted from a GBK one, or the other way round. The lines that do not
       decode are rejected one by one, with their byte offsets; the others are imported.

    A file whose first line does not decode (the encoding cannot be told, or ``forced`` is
    wrong) is :class:`InputError` naming the file and the byte offset; so is one that decodes
    but holds NUL characters (UTF-16 without a mark). ``forced`` (the ``--encoding``
    option) skips the detection but not the check.
    """
    if forced is not None:
        name = _ALIASES.get(forced.lower().replace("_", "-"), forced)
        try:
            codecs.lookup(name)
        except LookupError:
            raise InputError(f"未知的编码：{forced}", f"unknown encoding: {forced}") from None
        bad = _check_decodes(path, name)
        if bad is not None and bad <= _first_line_end(path):
            raise InputError(
                f"{path}：按 {forced} 无法解码，第 {bad} 字节（从 0 计）处出错",
                f"{path}: cannot be decoded as {forced}: bad byte at offset {bad}",
            )
        return name, bad
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK\x03\x04"):
        raise InputError(
            f"{path}：这是 XLSX/ODS（ZIP）文件，不是文本；请用 .xlsx/.ods 文件名或 --format xlsx",
            f"{path}: this is an XLSX/ODS (ZIP) file, not text; name it .xlsx/.ods or use "
            f"--format xlsx",
        )
    for bom, name in _BOMS:
        if head.startswith(bom):
            bad = _check_decodes(path, name)
            if bad is not None and bad <= _first_line_end(path):
                raise InputError(
                    f"{path}：带 {name} 字节顺序标记，但第 {bad} 字节处无法解码",
                    f"{path}: starts with a {name} byte-order mark but cannot be decoded: "
                    f"bad byte at offset {bad}",
                )
            return name, bad
    bad = bad_utf8 = _check_decodes(path, "utf-8")
    name = "utf-8"
    if bad_utf8 is not None:
        bad_gb = _check_decodes(path, "gb18030")
        if bad_gb is None or bad_gb > bad_utf8:
            name, bad = "gb18030", bad_gb
        if bad is not None and bad <= _first_line_end(path):
            raise InputError(
                f"{path}：无法识别编码（不是 UTF-8：第 {bad_utf8} 字节；也不是 GB18030/GBK："
                f"第 {bad_gb} 字节）；请用 --encoding 指定",
                f"{path}: cannot tell the encoding (not UTF-8: bad byte at offset {bad_utf8}; "
                f"not GB18030/GBK: bad byte at offset {bad_gb}); give --encoding",
            )
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            if b"\x00" in chunk:
                raise InputError(
                    f"{path}：含有 NUL 字节（可能是没有字节顺序标记的 UTF-16）；请用 --encoding "
                    f"utf-16-le 等指定",
                    f"{path}: contains NUL bytes (UTF-16 without a byte-order mark?); give "
                    f"--encoding, e.g. utf-16-le",
                )
    return name, bad


# --- JSON Lines -------------------------------------------------------------------------------


def read_jsonl(path: Path, encoding: str | None = None) -> Iterator[RawRow]:
    """JSON Lines: one object per line (UTF-8, a leading byte-order mark is skipped, or
    ``encoding``); blank lines are skipped. Rows stay bytes; a line that is not valid text is
    kept as bytes too, and rejected with its byte offset by validation."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[3:]
            if encoding is not None and encoding not in ("utf-8", "utf-8-sig"):
                try:
                    line = line.decode(encoding).encode("utf-8", "surrogatepass")
                except UnicodeDecodeError as error:
                    yield RawRow(
                        number,
                        None,
                        line.decode(encoding, "replace"),
                        f"按 {encoding} 无法解码：本行第 {error.start} 字节",
                        f"cannot be decoded as {encoding}: bad byte at offset {error.start} "
                        f"of the line",
                    )
                    continue
            if not line.strip():
                continue
            yield RawRow(number, line.rstrip(b"\r\n"), "")


# --- cells ------------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read as its field's kind, with reasons in both languages."""

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason_zh = reason_zh
        self.reason_en = reason_en


_EXCEL_SHORTENED = re.compile(r"[0-9](\.[0-9]+)?[eE]\+[0-9]+")
_GROUPED_AMOUNT = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_INTEGER = re.compile(r"[0-9]+")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
#: Integers up to this many digits survive a spreadsheet's number cell (Excel keeps 15
#: significant digits; a double holds every integer below 2**53).
_SAFE_DIGITS = 15


def _number_as_text(value: float | int) -> str:
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            text = repr(value)
            if "e" in text or "n" in text:
                raise CellError(
                    f"数值 {value!r} 不能作为文本读取；请把此列设置为“文本”格式后重新录入",
                    f"the number {value!r} cannot be read as text; format the column as "
                    f"text and enter the values again",
                )
            return text
        value = int(value)
    if len(str(abs(value))) > _SAFE_DIGITS:
        raise CellError(
            f"以数值保存的号码 {value} 已丢失数字（电子表格数值只保留 15 位）；请把此列"
            f"设置为“文本”格式后重新录入（如身份证号码、统一社会信用代码）",
            f"an identifier stored as a number ({value}) has lost digits (spreadsheet "
            f"numbers keep 15); format the column as text and enter the values again "
            f"(ID numbers, credit codes)",
        )
    return str(value)


def _scalar(raw: Any, kind: str, labels: dict[str, str] | Any) -> Any:
    """One cell (not empty) read as a value of ``kind``."""
    if kind == "date":
        if isinstance(raw, dt.datetime):
            if raw.time() != dt.time(0) or raw.tzinfo is not None:
                raise CellError(
                    f"日期字段中是带时间的日期时间 {raw.isoformat(sep=' ')}（不会截去时间）；"
                    f"请只填日期",
                    f"a date-time {raw.isoformat(sep=' ')} in a date field (the time is not "
                    f"cut off); enter the date only",
                )
            return raw.date().isoformat()
        if isinstance(raw, dt.date):
            return raw.isoformat()
        if isinstance(raw, str):
            try:
                return parse_office_date(raw)
            except OfficeValueError as error:
                raise CellError(error.reason_zh, error.reason_en) from None
        raise CellError(
            f"日期列中是数值 {raw!r}；请把此列设置为“日期”格式，或写作 2025-06-01",
            f"a number ({raw!r}) in a date column; format the column as date or write 2025-06-01",
        )
    if kind == "datetime":
        if isinstance(raw, dt.datetime):
            return raw.isoformat()
        if isinstance(raw, str):
            try:
                return parse_office_datetime(raw)
            except OfficeValueError as error:
                raise CellError(error.reason_zh, error.reason_en) from None
        raise CellError(
            f"时间列中是 {raw!r}，应为日期和时间，如 2025-06-01 10:30",
            f"{raw!r} in a date-time column; expected a date and time such as 2025-06-01 10:30",
        )
    if isinstance(raw, bool):
        if kind == "bool":
            return raw
        raise CellError(f"此列应为{kind}，不是是/否", f"expected {kind}, not a yes/no value")
    if isinstance(raw, dt.date | dt.time | dt.timedelta):
        raise CellError(
            "此列不是日期列，但单元格是日期或时间格式；请把此列设置为“文本”或“常规”格式",
            "this is not a date column, but the cell is formatted as a date or time; format "
            "the column as text",
        )
    if kind == "bool":
        text = str(raw).strip().lower() if not isinstance(raw, float) else _number_as_text(raw)
        if text in TRUE_LABELS:
            return True
        if text in FALSE_LABELS:
            return False
        raise CellError(
            "应为 是/否（也可写 true/false、1/0）", "expected 是/否 (or true/false, 1/0)"
        )
    if kind == "enum":
        text = _number_as_text(raw) if not isinstance(raw, str) else raw
        return labels.get(text, text)
    if kind == "str":
        if isinstance(raw, str):
            if _EXCEL_SHORTENED.fullmatch(raw):
                raise CellError(
                    f"“{raw}”像是被电子表格缩写成科学计数法的号码，数字已丢失；请把此列设置为"
                    f"“文本”格式后重新录入",
                    f"{raw!r} looks like a number a spreadsheet wrote in exponent form: its "
                    f"digits are lost; format the column as text and enter the values again",
                )
            return raw
        return _number_as_text(raw)
    if kind == "int":
        if isinstance(raw, str):
            if _INTEGER.fullmatch(raw):
                return int(raw)
            raise CellError("应为整数", "expected a whole number")
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        return raw
    if kind == "float":
        if isinstance(raw, str):
            if _NUMBER.fullmatch(raw):
                return float(raw)
            raise CellError("应为数字", "expected a number")
        return float(raw)
    if kind == "amount":
        if isinstance(raw, str) and _GROUPED_AMOUNT.fullmatch(raw):
            return raw.replace(",", "")
        return raw
    return raw


def cell_value(raw: Any, column: Column) -> Any:
    """A cell read as its column's field, or ``None`` for an empty cell; :class:`CellError`
    when it cannot be read."""
    if raw.__class__ is str:
        raw = raw.strip()
        if not raw:
            return None
    elif raw is None:
        return None
    field = column.field
    if field.kind == "str" and raw.__class__ is str and not column.values:
        if _EXCEL_SHORTENED.fullmatch(raw):
            return _scalar(raw, "str", None)
        return raw
    if column.values and isinstance(raw, str) and raw in column.values and field.kind != "list":
        return column.values[raw]
    if field.kind == "list":
        if not isinstance(raw, str):
            raw = _number_as_text(raw) if isinstance(raw, int | float) else str(raw)
        parts: list[Any]
        if raw.startswith("["):
            # A JSON array (as the export writes a list whose items hold a separator).
            try:
                parts = json.loads(raw)
            except (json.JSONDecodeError, RecursionError):
                raise CellError(
                    "以 [ 开头的列表应为 JSON 数组", "a list starting with [ must be a JSON array"
                ) from None
            if not isinstance(parts, list):
                raise CellError("应为 JSON 数组", "expected a JSON array")
            return [
                _scalar(p, field.item or "str", field.labels) if isinstance(p, str) else p
                for p in parts
            ]
        parts = [p.strip() for p in re.split(f"[{re.escape(column.split)}]", raw) if p.strip()]
        out = []
        for part in parts:
            if column.values and part in column.values:
                out.append(column.values[part])
            else:
                out.append(_scalar(part, field.item or "str", field.labels))
        return out
    if field.kind == "json":
        if isinstance(raw, str):
            try:
                return json.loads(raw)
            except (json.JSONDecodeError, RecursionError):
                raise CellError(
                    "此列应为 JSON（对象或数组）", "this column holds JSON (an object or array)"
                ) from None
        raise CellError("此列应为 JSON 文本", "this column holds JSON text")
    return _scalar(raw, field.kind, field.labels)


_PATH_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[([0-9]+)\])?")


@functools.cache
def _path_parts(path: str) -> tuple[tuple[str, str | None], ...]:
    parts = []
    for part in path.split("."):
        match = _PATH_PART.fullmatch(part)
        assert match is not None  # paths were checked when the mapping was read
        parts.append((match.group(1), match.group(2)))
    return tuple(parts)


def _set_path(target: dict[str, Any], path: str, value: Any) -> None:
    parts = _path_parts(path)
    if len(parts) == 1 and parts[0][1] is None:
        target[path] = value
        return
    node: Any = target
    for number, (name, index) in enumerate(parts):
        last = number == len(parts) - 1
        if index is None:
            if last:
                node[name] = value
            else:
                node = node.setdefault(name, {})
            continue
        items = node.setdefault(name, {})
        if not isinstance(items, dict):
            return
        if last:
            items[int(index)] = value
        else:
            node = items.setdefault(int(index), {})


def _finish(value: Any) -> Any:
    """Turn ``{1: a, 2: b}`` (indexed items) into lists, leaving out empty items."""
    if isinstance(value, dict):
        if value and all(isinstance(key, int) for key in value):
            items = [_finish(value[key]) for key in sorted(value)]
            return [item for item in items if item not in (None, {}, [])]
        return {key: _finish(item) for key, item in value.items()}
    return value


def _has(data: dict[str, Any], path: str) -> bool:
    node: Any = data
    for part in path.split("."):
        match = _PATH_PART.fullmatch(part)
        if match is None or not isinstance(node, dict) or match.group(1) not in node:
            return False
        node = node[match.group(1)]
        if match.group(2) is not None:
            if not isinstance(node, dict) or int(match.group(2)) not in node:
                return False
            node = node[int(match.group(2))]
    return True


def _fixed_value(kind: FieldKind, value: Any) -> Any:
    return cell_value(value, Column("", kind)) if not isinstance(value, bool | list) else value


def map_row(
    columns: Sequence[Column | None],
    cells: Sequence[Any],
    line: int,
    mapping: ColumnMapping,
    text: str,
) -> RawRow:
    """One spreadsheet row through the mapping into a nested dict (or the cells' errors)."""
    data: dict[str, Any] = {}
    errors: list[FieldError] = []
    if len(cells) > len(columns) and any(
        not (c is None or (isinstance(c, str) and not c.strip())) for c in cells[len(columns) :]
    ):
        return RawRow(
            line,
            None,
            text,
            f"本行有 {len(cells)} 个单元格，多于表头的 {len(columns)} 列",
            f"the row has {len(cells)} cells, more than the {len(columns)} columns of the header",
        )
    for column, raw in zip(columns, cells, strict=False):
        if column is None:
            if not (raw is None or (isinstance(raw, str) and not raw.strip())):
                errors.append(
                    FieldError(
                        field="",
                        value=raw,
                        reason_zh="此单元格所在的列没有表头",
                        reason_en="a value in a column that has no header",
                    )
                )
            continue
        if column.field is _IGNORED:
            continue
        if column is _RECORD_TYPE_COLUMN:
            if isinstance(raw, str) and raw.strip():
                data["record_type"] = raw.strip()
            continue
        try:
            value = cell_value(raw, column)
        except CellError as error:
            errors.append(
                FieldError(
                    field=column.field.path,
                    value=raw if isinstance(raw, str | int | float | bool) else str(raw),
                    reason_zh=f"列“{column.header}”：{error.reason_zh}",
                    reason_en=f"column {column.header!r}: {error.reason_en}",
                )
            )
            continue
        if value is not None:
            _set_path(data, column.field.path, value)
    for path, (kind, value) in mapping.constants.items():
        _set_path(data, path, _fixed_value(kind, value))
    for path, (kind, value) in mapping.defaults.items():
        if not _has(data, path):
            _set_path(data, path, _fixed_value(kind, value))
    raw_id = data.get("id")
    record_id = raw_id if isinstance(raw_id, str) else None
    if errors:
        return RawRow(line, None, text, errors=tuple(errors), record_id=record_id)
    return RawRow(line, _finish(data), text, record_id=record_id)


# --- compiled row mapping ---------------------------------------------------------------------

#: Cells of a scalar kind whose reading is remembered per column (the same dates, labels and
#: yes/no values recur on every page of a ledger); at most this many texts per column, so the
#: memory stays bounded whatever the file.
_MEMO_SIZE = 4096
_MEMO_KINDS = frozenset({"date", "datetime", "enum", "bool", "int", "float", "amount", "str"})
_MISSING = object()
#: The converters of plain text columns, and the memory of each remembering converter: the
#: generated row mapping (:func:`_straight`) reads both inline.
_TEXT_CELLS: weakref.WeakSet[Callable[[Any], Any]] = weakref.WeakSet()
_MEMOS: weakref.WeakKeyDictionary[Callable[[Any], Any], dict[Any, Any]] = (
    weakref.WeakKeyDictionary()
)
#: Typed cells remembered by class and value (a spreadsheet's dates, numbers, yes/no).
_PLAIN_CELLS = frozenset({int, float, bool, dt.date})
_SCALARS = frozenset({str, int, float, bool})


def _converter(column: Column) -> Callable[[Any], Any]:
    """:func:`cell_value` for one column, specialised once: the same value or
    :class:`CellError` for every cell, without deciding the column's kind again per cell."""
    field = column.field
    if field.kind == "str" and not column.values:
        shortened = _EXCEL_SHORTENED.fullmatch

        def text_cell(raw: Any) -> Any:
            if raw.__class__ is str:
                raw = raw.strip()
                if not raw:
                    return None
                if shortened(raw):
                    return _scalar(raw, "str", None)  # raises: the digits are lost
                return raw
            return None if raw is None else cell_value(raw, column)

        _TEXT_CELLS.add(text_cell)
        return text_cell
    if field.kind == "list":
        lists: dict[str, Any] = {}

        def list_cell(raw: Any) -> Any:
            if raw.__class__ is not str:
                return cell_value(raw, column)
            found = lists.get(raw, _MISSING)
            if found is _MISSING:
                value = cell_value(raw, column)
                # Lists of scalars only: each row gets its own list of the same items.
                if len(lists) < _MEMO_SIZE and (
                    value is None or all(item.__class__ in _SCALARS for item in value)
                ):
                    lists[raw] = None if value is None else tuple(value)
                return value
            return None if found is None else list(found)

        return list_cell
    if field.kind in _MEMO_KINDS:
        memo: dict[Any, Any] = {}

        def remembered(raw: Any) -> Any:
            kind = raw.__class__
            if kind is str:
                key = raw
            elif kind in _PLAIN_CELLS or (kind is dt.datetime and raw.tzinfo is None):
                # By class too: 1, 1.0 and True are equal keys but not the same cell.
                key = (kind, raw)
            else:
                return cell_value(raw, column)
            found = memo.get(key, _MISSING)
            if found is _MISSING:
                found = cell_value(raw, column)  # a CellError is not remembered
                if len(memo) < _MEMO_SIZE:
                    memo[key] = found
            return found

        _MEMOS[remembered] = memo
        return remembered
    return functools.partial(_cell_value_of, column)


def _cell_value_of(column: Column, raw: Any) -> Any:
    return cell_value(raw, column)


def _setter(path: str) -> Callable[[dict[str, Any], Any], None]:
    """Sets ``path`` in a row's dict, as :func:`_set_path` does."""
    parts = _path_parts(path)
    if all(index is None for _, index in parts):
        names = [name for name, _ in parts]
        if len(names) == 1:
            key = names[0]

            def set_top(data: dict[str, Any], value: Any) -> None:
                data[key] = value

            return set_top
        if len(names) == 2:
            outer, inner = names

            def set_nested(data: dict[str, Any], value: Any) -> None:
                data.setdefault(outer, {})[inner] = value

            return set_nested
    return functools.partial(_set_path_of, path)


def _set_path_of(path: str, data: dict[str, Any], value: Any) -> None:
    _set_path(data, path, value)


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


_NO_HEADER, _RECORD_TYPE, _FIELD = 0, 1, 2


def compile_row_mapper(
    columns: Sequence[Column | None], mapping: ColumnMapping
) -> Callable[[Sequence[Any], int, str], RawRow]:
    """:func:`map_row` for one header, compiled once: each column's reading
    (:func:`_converter`) and place in the row (:func:`_setter`) decided before the first row,
    the constants read once. Gives exactly what :func:`map_row` gives for every row."""
    width = len(columns)
    plan: list[tuple[int, int, Column | None, Callable[[Any], Any] | None, Any]] = []
    indexed = False
    for index, column in enumerate(columns):
        if column is None:
            plan.append((index, _NO_HEADER, None, None, None))
        elif column is _RECORD_TYPE_COLUMN:
            plan.append((index, _RECORD_TYPE, column, None, None))
        elif column.field is not _IGNORED:
            plan.append((index, _FIELD, column, _converter(column), _setter(column.field.path)))
            indexed = indexed or "[" in column.field.path
    constants = [
        (_setter(path), _fixed_value(kind, value))
        for path, (kind, value) in mapping.constants.items()
    ]
    defaults = list(mapping.defaults.items())
    indexed = indexed or any("[" in path for path in (*mapping.constants, *mapping.defaults))
    finish = _finish if indexed else None

    def tail(data: dict[str, Any], errors: list[FieldError] | None, line: int, text: str) -> RawRow:
        for place, value in constants:
            place(data, list(value) if isinstance(value, list) else value)
        for path, (kind, value) in defaults:
            if not _has(data, path):
                _set_path(data, path, _fixed_value(kind, value))
        raw_id = data.get("id")
        record_id = raw_id if isinstance(raw_id, str) else None
        if errors:
            return RawRow(line, None, text, errors=tuple(errors), record_id=record_id)
        return RawRow(line, finish(data) if finish is not None else data, text, record_id=record_id)

    def mapper(cells: Sequence[Any], line: int, text: str) -> RawRow:
        count = len(cells)
        if count > width and not all(_blank(c) for c in cells[width:]):
            return RawRow(
                line,
                None,
                text,
                f"本行有 {count} 个单元格，多于表头的 {width} 列",
                f"the row has {count} cells, more than the {width} columns of the header",
            )
        data: dict[str, Any] = {}
        errors: list[FieldError] | None = None
        for index, tag, column, convert, place in plan:
            if index >= count:
                break
            raw = cells[index]
            if tag == _FIELD:
                try:
                    value = convert(raw)  # type: ignore[misc]
                except CellError as error:
                    assert column is not None
                    if errors is None:
                        errors = []
                    errors.append(_cell_error(column, raw, error))
                    continue
                if value is not None:
                    place(data, value)
            elif tag == _NO_HEADER:
                if not _blank(raw):
                    if errors is None:
                        errors = []
                    errors.append(_no_header_error(raw))
            elif isinstance(raw, str) and raw.strip():
                data["record_type"] = raw.strip()
        return tail(data, errors, line, text)

    return _straight(plan, width, mapper, tail)


def _straight(
    plan: list[tuple[int, int, Column | None, Callable[[Any], Any] | None, Any]],
    width: int,
    mapper: Callable[[Sequence[Any], int, str], RawRow],
    tail: Callable[[dict[str, Any], list[FieldError] | None, int, str], RawRow],
) -> Callable[[Sequence[Any], int, str], RawRow]:
    """``mapper`` with a generated straight-line body for rows of exactly ``width`` cells (the
    usual row: no loop over the plan, no test of each column's role); other rows go to
    ``mapper``. Both do the same per cell, in the same order."""
    ns: dict[str, Any] = {
        "_mapper": mapper,
        "_tail": tail,
        "_CellError": CellError,
        "_cell_error": _cell_error,
        "_no_header_error": _no_header_error,
        "_str": str,
        "_isinstance": isinstance,
        "_shortened": _EXCEL_SHORTENED.fullmatch,
        "_MISSING": _MISSING,
    }
    body = [
        "def straight(cells, line, text):",
        f"    if len(cells) != {width}:",
        "        return _mapper(cells, line, text)",
        "    data = {}",
        "    errors = None",
    ]
    for number, (index, tag, column, convert, place) in enumerate(plan):
        body.append(f"    raw = cells[{index}]")
        if tag == _NO_HEADER:
            body += [
                "    if raw is not None and not (_isinstance(raw, _str) and not raw.strip()):",
                "        errors = (errors or []) + [_no_header_error(raw)]",
            ]
            continue
        if tag == _RECORD_TYPE:
            body += [
                "    if _isinstance(raw, _str) and raw.strip():",
                "        data['record_type'] = raw.strip()",
            ]
            continue
        assert column is not None
        ns[f"_c{number}"] = convert
        ns[f"_col{number}"] = column
        ns[f"_p{number}"] = place
        names = [name for name, index_ in _path_parts(column.field.path)]
        simple = all(index_ is None for _, index_ in _path_parts(column.field.path))
        if simple and len(names) == 1:
            store = f"data[{names[0]!r}] = value"
        elif simple and len(names) == 2:
            store = f"data.setdefault({names[0]!r}, {{}})[{names[1]!r}] = value"
        else:
            store = f"_p{number}(data, value)"
        error = f"        errors = (errors or []) + [_cell_error(_col{number}, raw, error)]"
        if convert in _TEXT_CELLS:
            # Text as it is, stripped (cell_value's first branch), inline.
            body += [
                "    if raw.__class__ is _str:",
                "        value = raw.strip()",
                "        if value:",
                "            if _shortened(value) is None:",
                f"                {store}",
                "            else:",
                "                try:",
                f"                    _c{number}(raw)",
                "                except _CellError as error:",
                " " * 12 + error,
                "    elif raw is not None:",
                "        try:",
                f"            value = _c{number}(raw)",
                "        except _CellError as error:",
                "    " + error,
                "        else:",
                "            if value is not None:",
                f"                {store}",
            ]
            continue
        memo = _MEMOS.get(convert) if convert is not None else None
        if memo is not None:
            ns[f"_m{number}"] = memo
            # A text cell already read in this column: its value, inline.
            body += [
                f"    value = _m{number}.get(raw, _MISSING) if raw.__class__ is _str else _MISSING",
                "    if value is _MISSING:",
                "        try:",
                f"            value = _c{number}(raw)",
                "        except _CellError as error:",
                "    " + error,
                "            value = None",
                "    if value is not None:",
                f"        {store}",
            ]
            continue
        body += [
            "    try:",
            f"        value = _c{number}(raw)",
            "    except _CellError as error:",
            error,
            "    else:",
            "        if value is not None:",
            f"            {store}",
        ]
    body.append("    return _tail(data, errors, line, text)")
    exec(compile("\n".join(body) + "\n", "<row mapping>", "exec"), ns)
    straight: Callable[[Sequence[Any], int, str], RawRow] = ns["straight"]
    return straight


def _cell_error(column: Column, raw: Any, error: CellError) -> FieldError:
    return FieldError(
        field=column.field.path,
        value=raw if isinstance(raw, str | int | float | bool) else str(raw),
        reason_zh=f"列“{column.header}”：{error.reason_zh}",
        reason_en=f"column {column.header!r}: {error.reason_en}",
    )


def _no_header_error(raw: Any) -> FieldError:
    return FieldError(
        field="",
        value=raw,
        reason_zh="此单元格所在的列没有表头",
        reason_en="a value in a column that has no header",
    )


# --- header rows ------------------------------------------------------------------------------


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _columns_for(
    path: Path, header: list[str], mapping: ColumnMapping, row: int
) -> list[Column | None]:
    counts: dict[str, int] = {}
    for head in header:
        if head:
            counts[head] = counts.get(head, 0) + 1
    duplicates = sorted(head for head, count in counts.items() if count > 1)
    if duplicates:
        raise InputError(
            f"{path}：第 {row} 行表头有重复的列：{', '.join(duplicates)}",
            f"{path}: the header (row {row}) repeats column(s): {', '.join(duplicates)}",
        )
    unknown = [h for h in header if h and not mapping.known(h)]
    if unknown:
        raise InputError(
            f"{path}：第 {row} 行表头有列映射（{mapping.source}）中没有的列：{', '.join(unknown)}"
            f"（请检查列映射，或在映射的 ignore 中列出）",
            f"{path}: the header (row {row}) has columns the mapping ({mapping.source}) does "
            f"not know: {', '.join(unknown)} (check the mapping, or list them under ignore)",
        )
    out: list[Column | None] = []
    for head in header:
        if not head:
            out.append(None)
        elif head == "record_type":
            out.append(_RECORD_TYPE_COLUMN)
        elif head in mapping.columns:
            out.append(mapping.columns[head])
        else:
            out.append(_IGNORE_COLUMN)
    return out


_IGNORED = FieldKind("", "ignored")
_IGNORE_COLUMN = Column("", _IGNORED)
_RECORD_TYPE_COLUMN = Column("record_type", FieldKind("record_type", "str"))


def find_header(
    path: Path, rows: list[list[Any]], mapping: ColumnMapping, header_row: int | None
) -> int:
    """The index (0-based, in ``rows``) of the header row: ``header_row`` (1-based) if given,
    else the first of the top rows with the most known headers (at least two, or one when the
    row has a single cell)."""
    if header_row is not None:
        if header_row > len(rows):
            raise InputError(
                f"{path}：没有第 {header_row} 行（--header-row）",
                f"{path}: there is no row {header_row} (--header-row)",
            )
        return header_row - 1
    best, best_index = 0, -1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = [_header_text(c) for c in row]
        filled = [t for t in texts if t]
        known = sum(1 for t in filled if mapping.known(t))
        if known > best and (known >= 2 or len(filled) == 1):
            best, best_index = known, index
    if best_index < 0:
        sample = ", ".join(list(mapping.columns)[:6])
        raise InputError(
            f"{path}：前 {HEADER_SEARCH_ROWS} 行中找不到表头（列映射 {mapping.source} 的列，"
            f"如 {sample}）；请用 --header-row 指定表头所在行，或用 --mapping 指定列映射",
            f"{path}: no header row in the first {HEADER_SEARCH_ROWS} rows (columns of the "
            f"mapping {mapping.source}, such as {sample}); give --header-row N or --mapping",
        )
    return best_index


#: A row of a CSV file or sheet as read, before the mapping: its cells, or (a text) why the
#: row cannot be read at all (a CSV syntax error).
SheetItem = list[Any] | str


@attrs.frozen
class SheetRows:
    """A CSV file or sheet past its header row: how each row is mapped, and the rows still as
    cells (``(line, item)``). The mapping runs where the rows are validated — in the worker
    processes with ``--workers`` — so :meth:`row` is all a worker needs."""

    mapper: Callable[[Sequence[Any], int, str], RawRow]
    #: The cells as the mapping reads them (CSV: without the export's formula guard).
    prepare: Callable[[list[Any]], list[Any]] | None
    #: The row as text, for its reject (CSV: the line as read; sheets: the cells as JSON).
    text_of: Callable[[list[Any]], str]
    rows: Iterator[tuple[int, SheetItem]] = attrs.field(eq=False, repr=False)
    #: The encoding of a text file with bytes it does not decode (kept as escapes): each row
    #: is checked for them.
    undecodable: str | None = None

    def row(self, line: int, item: SheetItem, *, with_text: bool = True) -> RawRow | None:
        """One row through the mapping (``None`` for an empty row). ``with_text=False`` leaves
        the row's text out (it is only shown in a reject: map again with it then)."""
        if item.__class__ is str:
            return RawRow(
                line,
                None,
                str(item),
                f"无法按 CSV 读取：{item}",
                f"cannot be read as CSV: {item}",
            )
        assert isinstance(item, list)
        if all(c is None or (c.__class__ is str and not c.strip()) for c in item):
            return None
        if self.undecodable is not None:
            text = self.text_of(item)
            if _ESCAPED.search(text) is not None:
                return _undecodable_row(line, text, self.undecodable)
        cells = self.prepare(item) if self.prepare is not None else item
        return self.mapper(cells, line, self.text_of(item) if with_text else "")

    def __iter__(self) -> Iterator[RawRow]:
        for line, item in self.rows:
            row = self.row(line, item)
            if row is not None:
                yield row


#: A byte the text decoder could not decode, kept by ``errors="surrogateescape"``.
_ESCAPED = re.compile("[\udc80-\udcff]")


def _undecodable_row(line: int, text: str, encoding: str) -> RawRow:
    """A row holding bytes that do not decode: a reject naming the first one (its offset in
    the line) and showing them as ``\\xNN``."""
    raw = text.encode(encoding, "surrogateescape")
    first = _ESCAPED.search(text)
    assert first is not None
    offset = len(text[: first.start()].encode(encoding, "surrogateescape"))
    shown = raw.decode(encoding, "backslashreplace")
    return RawRow(
        line,
        None,
        shown,
        f"按 {encoding} 无法解码：本行第 {offset} 字节（0x{raw[offset]:02x}）；请把文件另存为"
        f" UTF-8 或 GB18030，或用 --encoding 指定",
        f"cannot be decoded as {encoding}: byte {offset} of the line (0x{raw[offset]:02x}); "
        f"save the file as UTF-8 or GB18030, or give --encoding",
    )


def _with_header(
    path: Path,
    numbered: Iterator[tuple[int, SheetItem]],
    mapping: ColumnMapping,
    header_row: int | None,
    prepare: Callable[[list[Any]], list[Any]] | None,
    text_of: Callable[[list[Any]], str],
    *,
    undecodable: str | None = None,
) -> SheetRows | None:
    """The rows after the header row (found by :func:`find_header`), or ``None`` for an empty
    file."""
    top: list[tuple[int, SheetItem]] = []
    limit = header_row if header_row is not None else HEADER_SEARCH_ROWS
    for item in numbered:
        top.append(item)
        if len(top) >= limit:
            break
    if not top:
        return None
    cells_of = [
        [] if isinstance(item, str) else (prepare(item) if prepare is not None else item)
        for _, item in top
    ]
    index = find_header(path, cells_of, mapping, header_row)
    number = top[index][0]
    header = [_header_text(c) for c in cells_of[index]]
    while header and not header[-1]:
        header.pop()
    columns = _columns_for(path, header, mapping, number)
    return SheetRows(
        compile_row_mapper(columns, mapping),
        prepare,
        text_of,
        itertools.chain(top[index + 1 :], numbered),
        undecodable,
    )


# --- CSV and text -----------------------------------------------------------------------------

_GUARDED = frozenset(("=", "+", "-", "@", "\t", "\r", "'"))


def _unguard(cell: str) -> str:
    """A CSV cell without the ``'`` the export puts before text a spreadsheet would run as a
    formula (``'=…``, ``'+…``, ``'-…``, ``'@…``)."""
    if cell[:1] == "'" and cell[1:2] in _GUARDED:
        return cell[1:]
    return cell


def _unguard_cells(cells: list[Any]) -> list[Any]:
    if "'" not in "".join(cells):
        return cells  # the usual row: one scan in C instead of a test per cell
    return [_unguard(c) if c[:1] == "'" else c for c in cells]


def csv_rows(
    path: Path,
    mapping: ColumnMapping,
    *,
    encoding: str | None = None,
    header_row: int | None = None,
    delimiter: str | None = None,
) -> SheetRows | None:
    """CSV or tab-separated text in UTF-8 (with or without a mark), GB18030/GBK or UTF-16
    (:func:`detect_encoding`), with a header row found by :func:`find_header`; ``None`` when
    the file has no rows."""
    name, bad = detect_encoding_of(path, encoding)
    # Bytes that do not decode are kept as escapes, and their rows rejected (SheetRows.row).
    errors = "strict" if bad is None else "surrogateescape"
    if delimiter is None:
        with path.open(encoding=name, errors=errors, newline="") as handle:
            first = handle.readline()
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    separator = delimiter

    def numbered() -> Iterator[tuple[int, SheetItem]]:
        with path.open(encoding=name, errors=errors, newline="") as handle:
            reader = csv.reader(handle, delimiter=separator)
            previous = 0
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    # A reject, not a lost row: the lines it spans are skipped.
                    yield previous + 1, f"{error}"
                    previous = reader.line_num
                    continue
                yield previous + 1, cells
                previous = reader.line_num

    def text_of(cells: list[Any]) -> str:
        return separator.join(cells)

    return _with_header(
        path,
        numbered(),
        mapping,
        header_row,
        _unguard_cells,
        text_of,
        undecodable=None if bad is None else name,
    )


def read_csv(
    path: Path,
    mapping: ColumnMapping,
    *,
    encoding: str | None = None,
    header_row: int | None = None,
    delimiter: str | None = None,
) -> Iterator[RawRow]:
    """The rows of :func:`csv_rows`, mapped."""
    rows = csv_rows(path, mapping, encoding=encoding, header_row=header_row, delimiter=delimiter)
    if rows is not None:
        yield from rows


# --- spreadsheets (calamine: xlsx, xlsm, xls, ods) -------------------------------------------


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook."""
    return list(_workbook(path).sheet_names)


def _workbook(path: Path) -> Any:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError as error:  # pragma: no cover - depends on the installed extras
        raise InputError(
            "读取电子表格需要安装 python-calamine：pip install 'enforcement-supervision[xlsx]'",
            "reading spreadsheets needs python-calamine: "
            "pip install 'enforcement-supervision[xlsx]'",
        ) from error
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as error:
        raise InputError(
            f"{path}：无法作为电子表格读取（{type(error).__name__}: {error}）",
            f"{path}: cannot be read as a spreadsheet ({type(error).__name__}: {error})",
        ) from error


def _cells_as_json(cells: list[Any]) -> str:
    return json.dumps(cells, ensure_ascii=False, default=str)


def sheet_rows(
    path: Path,
    mapping: ColumnMapping,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
) -> SheetRows | None:
    """One sheet of an XLSX, XLS or ODS workbook (the first, or ``sheet``: a name or a
    1-based number), with typed cells (dates, numbers, text as stored); ``None`` when the
    sheet has no rows."""
    workbook = _workbook(path)
    names = list(workbook.sheet_names)
    if sheet is None:
        chosen = names[0] if names else None
    elif sheet in names:
        chosen = sheet
    elif sheet.isdigit() and 1 <= int(sheet) <= len(names):
        chosen = names[int(sheet) - 1]
    else:
        chosen = None
    if chosen is None:
        raise InputError(
            f"{path}：没有工作表 {sheet!r}；有：{', '.join(names) or '（无）'}",
            f"{path}: no sheet {sheet!r}; sheets: {', '.join(names) or '(none)'}",
        )
    try:
        worksheet = workbook.get_sheet_by_name(chosen)
        start = worksheet.start
        first_row = (start[0] if start else 0) + 1
        rows = worksheet.iter_rows()
    except Exception as error:
        raise InputError(
            f"{path}：无法读取工作表 {chosen}（{error}）",
            f"{path}: cannot read sheet {chosen} ({error})",
        ) from error

    def numbered() -> Iterator[tuple[int, SheetItem]]:
        for offset, cells in enumerate(rows):
            yield first_row + offset, list(cells)

    return _with_header(path, numbered(), mapping, header_row, None, _cells_as_json)


def read_sheet(
    path: Path,
    mapping: ColumnMapping,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
) -> Iterator[RawRow]:
    """The rows of :func:`sheet_rows`, mapped."""
    rows = sheet_rows(path, mapping, sheet=sheet, header_row=header_row)
    if rows is not None:
        yield from rows
