"""Readers turn an input file into numbered raw rows before validation.

Keeping reading apart from validation means every format gets the same errors, the same
rejects file and the same "nothing dropped silently" guarantee. JSON Lines rows stay bytes
(the fast path decodes and validates them in one step); CSV and spreadsheet rows are mapped
through a :class:`~enforcement_supervision.ingest.ColumnMapping` into nested dicts here.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import json
import math
import os
import re
from collections.abc import Iterable, Iterator, Sequence
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
from enforcement_supervision.model import FieldErrorRecord
from enforcement_supervision.model._convert import (
    OfficeValueError,
    parse_office_date,
    parse_office_datetime,
)

__all__ = [
    "HEADER_SEARCH_ROWS",
    "ImportFileError",
    "InputError",
    "RawRow",
    "detect_encoding",
    "read_csv",
    "read_jsonl",
    "read_sheet",
]

#: How many rows from the top are searched for the header row.
HEADER_SEARCH_ROWS = 30
_CHUNK = 1 << 20


class ImportFileError(EsupError):
    """The input as a whole cannot be imported (missing or unreadable file, unknown format or
    type, undecodable text, no header row, unknown columns): nothing was stored."""


InputError = ImportFileError


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
    errors: tuple[FieldErrorRecord, ...] = ()
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


def detect_encoding(path: str | os.PathLike[str], forced: str | None = None) -> str:
    """The encoding of a text file, by a strict order that cannot mistake one for another.

    1. A byte-order mark decides: UTF-8 (``utf-8-sig``), UTF-16 or UTF-32 (Excel's "Unicode
       text" is UTF-16 with a mark).
    2. Otherwise strict UTF-8, when the whole file decodes as UTF-8. Text in GBK/GB18030 with
       any Chinese character practically never does: its two-byte characters start with a
       byte that UTF-8 only allows inside a sequence.
    3. Otherwise strict GB18030 (which includes GBK and GB2312), when the whole file decodes.

    Neither: :class:`InputError` naming the file and the byte offset. A file that decodes
    but holds NUL characters (UTF-16 without a mark) is refused too. ``forced`` (the
    ``--encoding`` option) skips the detection but not the check.
    """
    path = Path(path)
    if forced is not None:
        name = _ALIASES.get(forced.lower().replace("_", "-"), forced)
        try:
            codecs.lookup(name)
        except LookupError:
            raise InputError(f"未知的编码：{forced}", f"unknown encoding: {forced}") from None
        bad = _check_decodes(path, name)
        if bad is not None:
            raise InputError(
                f"{path}：按 {forced} 无法解码，第 {bad} 字节（从 0 计）处出错",
                f"{path}: cannot be decoded as {forced}: bad byte at offset {bad}",
            )
        return name
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
            if bad is not None:
                raise InputError(
                    f"{path}：带 {name} 字节顺序标记，但第 {bad} 字节处无法解码",
                    f"{path}: starts with a {name} byte-order mark but cannot be decoded: "
                    f"bad byte at offset {bad}",
                )
            return name
    bad_utf8 = _check_decodes(path, "utf-8")
    if bad_utf8 is None:
        name = "utf-8"
    else:
        bad_gb = _check_decodes(path, "gb18030")
        if bad_gb is not None:
            raise InputError(
                f"{path}：无法识别编码（不是 UTF-8：第 {bad_utf8} 字节；也不是 GB18030/GBK："
                f"第 {bad_gb} 字节）；请用 --encoding 指定",
                f"{path}: cannot tell the encoding (not UTF-8: bad byte at offset {bad_utf8}; "
                f"not GB18030/GBK: bad byte at offset {bad_gb}); give --encoding",
            )
        name = "gb18030"
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            if b"\x00" in chunk:
                raise InputError(
                    f"{path}：含有 NUL 字节（可能是没有字节顺序标记的 UTF-16）；请用 --encoding "
                    f"utf-16-le 等指定",
                    f"{path}: contains NUL bytes (UTF-16 without a byte-order mark?); give "
                    f"--encoding, e.g. utf-16-le",
                )
    return name


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
    errors: list[FieldErrorRecord] = []
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
                    FieldErrorRecord(
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
                FieldErrorRecord(
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


def _rows_with_header(
    path: Path,
    numbered: Iterable[tuple[int, list[Any], str]],
    mapping: ColumnMapping,
    header_row: int | None,
) -> Iterator[RawRow]:
    iterator = iter(numbered)
    top: list[tuple[int, list[Any], str]] = []
    limit = header_row if header_row is not None else HEADER_SEARCH_ROWS
    for item in iterator:
        top.append(item)
        if len(top) >= limit:
            break
    if not top:
        return
    index = find_header(path, [cells for _, cells, _ in top], mapping, header_row)
    number, header_cells, _ = top[index]
    header = [_header_text(c) for c in header_cells]
    while header and not header[-1]:
        header.pop()
    columns = _columns_for(path, header, mapping, number)
    for line, cells, text in [*top[index + 1 :], *iterator]:
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        yield map_row(columns, cells, line, mapping, text)


# --- CSV and text -----------------------------------------------------------------------------


def _unguard(cell: str) -> str:
    """A CSV cell without the ``'`` the export puts before text a spreadsheet would run as a
    formula (``'=…``, ``'+…``, ``'-…``, ``'@…``)."""
    if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r", "'"):
        return cell[1:]
    return cell


def read_csv(
    path: Path,
    mapping: ColumnMapping,
    *,
    encoding: str | None = None,
    header_row: int | None = None,
    delimiter: str | None = None,
) -> Iterator[RawRow]:
    """CSV or tab-separated text in UTF-8 (with or without a mark), GB18030/GBK or UTF-16
    (:func:`detect_encoding`), with a header row found by :func:`find_header`."""
    name = detect_encoding(path, encoding)
    if delimiter is None:
        with path.open(encoding=name, newline="") as handle:
            first = handle.readline()
        delimiter = "\t" if first.count("\t") > first.count(",") else ","

    def numbered() -> Iterator[tuple[int, list[Any], str]]:
        with path.open(encoding=name, newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            previous = 0
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    yield previous + 1, [], f"csv error: {error}"
                    previous = reader.line_num
                    continue
                start = previous + 1
                previous = reader.line_num
                yield start, [_unguard(c) for c in cells], delimiter.join(cells)

    yield from _rows_with_header(path, numbered(), mapping, header_row)


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


def read_sheet(
    path: Path,
    mapping: ColumnMapping,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
) -> Iterator[RawRow]:
    """One sheet of an XLSX, XLS or ODS workbook (the first, or ``sheet``: a name or a
    1-based number), with typed cells (dates, numbers, text as stored)."""
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

    def numbered() -> Iterator[tuple[int, list[Any], str]]:
        for offset, cells in enumerate(rows):
            values = list(cells)
            yield first_row + offset, values, json.dumps(values, ensure_ascii=False, default=str)

    yield from _rows_with_header(path, numbered(), mapping, header_row)
