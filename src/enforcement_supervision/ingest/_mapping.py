"""Cells and column mappings: a CSV or sheet row's cells read as record fields.

:func:`cell_value` reads one cell as its column's field and :func:`map_row` maps a row through a
:class:`~enforcement_supervision.ingest.ColumnMapping` into the nested dict of a record: the
reference. :func:`compile_row_mapper` gives exactly what :func:`map_row` gives, from a mapping
compiled once per header (a reader per column, a generated straight-line body for full rows).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from enforcement_supervision.ingest._columns import (
    FALSE_LABELS,
    TRUE_LABELS,
    Column,
    ColumnMapping,
    FieldKind,
)
from enforcement_supervision.ingest._rows import RawRow
from enforcement_supervision.model import FieldErrorRecord
from enforcement_supervision.model._convert import (
    OfficeValueError,
    parse_office_date,
    parse_office_datetime,
)

__all__ = ["CellError", "cell_value", "compile_row_mapper", "map_row"]

_IGNORED = FieldKind("", "ignored")
_IGNORE_COLUMN = Column("", _IGNORED)
_RECORD_TYPE_COLUMN = Column("record_type", FieldKind("record_type", "str"))


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
#: Numbers typed with a Chinese input method in full-width form (１０００, ２００．５０, 1，000):
#: the same characters in half width, so they read as the dates do.
_FULL_WIDTH_NUMBER = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_NUMBER_KINDS = frozenset({"int", "float", "amount"})
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
    if kind in _NUMBER_KINDS and isinstance(raw, str) and not raw.isascii():
        raw = raw.translate(_FULL_WIDTH_NUMBER)
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

    def tail(
        data: dict[str, Any], errors: list[FieldErrorRecord] | None, line: int, text: str
    ) -> RawRow:
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
        errors: list[FieldErrorRecord] | None = None
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
    tail: Callable[[dict[str, Any], list[FieldErrorRecord] | None, int, str], RawRow],
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
        "_PLAIN": _PLAIN_CELLS,
        "_datetime": dt.datetime,
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
                "            if '+' not in value or _shortened(value) is None:",
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
            # A cell already read in this column: its value, inline (text by its value;
            # a spreadsheet's typed cells by class and value, as ``remembered`` keys them).
            body += [
                "    cls = raw.__class__",
                f"    if cls is _str: value = _m{number}.get(raw, _MISSING)",
                "    elif cls in _PLAIN or (cls is _datetime and raw.tzinfo is None):",
                f"        value = _m{number}.get((cls, raw), _MISSING)",
                "    else: value = _MISSING",
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


def _cell_error(column: Column, raw: Any, error: CellError) -> FieldErrorRecord:
    return FieldErrorRecord(
        field=column.field.path,
        value=raw if isinstance(raw, str | int | float | bool) else str(raw),
        reason_zh=f"列“{column.header}”：{error.reason_zh}",
        reason_en=f"column {column.header!r}: {error.reason_en}",
    )


def _no_header_error(raw: Any) -> FieldErrorRecord:
    return FieldErrorRecord(
        field="",
        value=raw,
        reason_zh="此单元格所在的列没有表头",
        reason_en="a value in a column that has no header",
    )
