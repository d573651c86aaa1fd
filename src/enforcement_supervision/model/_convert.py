"""(Un)structuring records with cattrs: one preconfigured converter, strict and exact.

Input may come from JSON, CSV or spreadsheets, so the structure hooks accept the forms those
produce (ISO strings, numbers, ``date``/``datetime`` objects) but never guess: a value of the
wrong type is an error, not something coerced with ``str()`` or ``bool()``. Output is
JSON-ready and canonical, so that equal records unstructure, and hash, identically.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import json
import math
import re
from collections.abc import Callable, Mapping
from decimal import Context, Decimal, Inexact, InvalidOperation
from typing import Any, get_args

import attrs
import cattrs
import pendulum
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from enforcement_supervision.model._common import Record
from enforcement_supervision.model._enums import ZhEnum
from enforcement_supervision.model._errors import FieldError, RecordValidationError
from enforcement_supervision.model._introspect import list_item_type, split_optional
from enforcement_supervision.model._registry import record_class

__all__ = [
    "DATETIME_PATTERN",
    "DATE_PATTERN",
    "DECIMAL_PATTERN",
    "SHANGHAI",
    "content_hash",
    "converter",
    "structure_record",
    "unstructure_record",
]

SHANGHAI = pendulum.timezone("Asia/Shanghai")
"""Local time zone of the data: naive datetimes are read as Asia/Shanghai wall-clock time."""

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DATETIME_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?$"
)
# Whole yuan or yuan and fen; trailing zeros beyond the fen are harmless and accepted.
DECIMAL_PATTERN = r"^[0-9]+(\.[0-9]{1,2}0*)?$"

_DATE_RE = re.compile(DATE_PATTERN)
_DATETIME_RE = re.compile(DATETIME_PATTERN)
_SIGNED_DECIMAL_RE = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")
_CENT = Decimal("0.01")
_EXACT = Context(traps=[Inexact, InvalidOperation])


class _Problem(ValueError):
    """A leaf structuring problem with the offending value and reasons in both languages."""

    def __init__(self, value: Any, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.value = value
        self.reason_zh = reason_zh
        self.reason_en = reason_en


# --- leaf structure hooks --------------------------------------------------------------------


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise _Problem(value, "应为文本", "expected a string")
    if not value.strip():
        raise _Problem(
            value, "不能为空文本；无值时请省略该字段", "must not be blank; omit the field instead"
        )
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise _Problem(value, "应为 true 或 false", "expected true or false")
    return value


def _structure_int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Problem(value, "应为整数", "expected an integer")
    if value < 0:
        raise _Problem(value, "不能为负数", "must not be negative")
    return value


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Problem(value, "应为数字", "expected a number")
    if not math.isfinite(value):
        raise _Problem(value, "应为有限的数字", "expected a finite number")
    if value < 0:
        raise _Problem(value, "不能为负数", "must not be negative")
    return float(value)


def _structure_decimal(value: Any, _: Any) -> Decimal:
    if isinstance(value, bool):
        raise _Problem(value, "金额应为数字或数字文本", "expected an amount (number or string)")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _Problem(value, "金额应为有限的数字", "expected a finite amount")
        # repr() gives the shortest string that reads back as the same float: 200.1 → "200.1".
        amount = Decimal(repr(value))
    elif isinstance(value, str) and _SIGNED_DECIMAL_RE.match(value):
        amount = Decimal(value)
    else:
        raise _Problem(
            value, '金额格式不正确，应如 "200.00"', 'expected an amount such as "200.00"'
        )
    if not amount.is_finite():
        raise _Problem(value, "金额应为有限的数字", "expected a finite amount")
    if amount < 0:
        raise _Problem(value, "金额不能为负数", "amount must not be negative")
    try:
        return amount.quantize(_CENT, context=_EXACT)
    except (Inexact, InvalidOperation):
        raise _Problem(
            value, "金额最多保留两位小数（分）", "amount has more than two decimal places (fen)"
        ) from None


def _structure_date(value: Any, _: Any) -> dt.date:
    if isinstance(value, str):
        if _DATE_RE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise _Problem(value, "不是有效的日期", "not a valid calendar date") from None
    elif isinstance(value, dt.datetime):
        # Spreadsheets hand over dates as datetimes; an aware one is first put in local time.
        local = value.astimezone(SHANGHAI) if value.tzinfo is not None else value
        return dt.date(local.year, local.month, local.day)
    elif isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    raise _Problem(value, "日期格式应为 YYYY-MM-DD", "expected a date as YYYY-MM-DD")


def _structure_datetime(value: Any, _: Any) -> dt.datetime:
    if isinstance(value, str) and _DATETIME_RE.match(value):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise _Problem(value, "不是有效的时间", "not a valid date and time") from None
    elif isinstance(value, dt.datetime):
        parsed = value
    else:
        raise _Problem(
            value,
            "时间格式应为 ISO 8601，如 2025-10-13T22:30:00+08:00",
            "expected an ISO 8601 date-time such as 2025-10-13T22:30:00+08:00",
        )
    if parsed.tzinfo is None:
        return pendulum.instance(parsed, tz=SHANGHAI)
    return pendulum.instance(parsed).in_timezone(SHANGHAI)


# --- leaf unstructure hooks ------------------------------------------------------------------


def _unstructure_date(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        value = _structure_date(value, None)
    return value.isoformat()


def _unstructure_datetime(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = pendulum.instance(value, tz=SHANGHAI)
    utc = value.astimezone(dt.UTC)
    naive = dt.datetime(
        utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond
    )
    return naive.isoformat() + "Z"


def _unstructure_decimal(value: Decimal) -> str:
    # Raises rather than rounds: a record built in Python with fractions of a fen is a bug.
    return format(value.quantize(_CENT, context=_EXACT), "f")


# --- hook factories --------------------------------------------------------------------------


@functools.cache
def _enum_members(tp: type[ZhEnum]) -> dict[str, ZhEnum]:
    return {member.value: member for member in tp}


def _structure_enum(value: Any, tp: type[ZhEnum]) -> ZhEnum:
    members = _enum_members(tp)
    if isinstance(value, str):
        member = members.get(value)
        if member is not None:
            return member
    allowed = ", ".join(members)
    raise _Problem(
        value,
        f"不是 {tp.__name__} 的允许取值；允许：{allowed}",
        f"not an allowed value of {tp.__name__}; allowed: {allowed}",
    )


def _is_homogeneous_tuple(tp: Any) -> bool:
    return list_item_type(tp) is not None


def _tuple_hook(tp: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    item_type = get_args(tp)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        # A string is iterable; without this check "abc" would become ("a", "b", "c").
        if not isinstance(value, list | tuple):
            raise _Problem(value, "应为列表（数组）", "expected a list")
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:
                note = IterableValidationNote(f"Structuring {tp} @ index {index}", index, item_type)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {tp}", errors, tp)
        return tuple(items)

    return structure


def _optional_hook(tp: Any) -> Callable[[Any, Any], Any]:
    # cattrs' own Optional handling looks the inner hook up again on every call; resolving it
    # once matters when a million records each have dozens of optional fields.
    inner, _ = split_optional(tp)
    inner_hook = converter.get_structure_hook(inner)

    def structure(value: Any, _: Any) -> Any:
        return None if value is None else inner_hook(value, inner)

    return structure


def _is_optional(tp: Any) -> bool:
    return split_optional(tp)[1]


def _attrs_hook(cls: type[Any]) -> Callable[[Any, Any], Any]:
    generated = make_dict_structure_fn(cls, converter)

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):
            raise _Problem(value, "应为对象（键值对）", "expected an object (a mapping of fields)")
        return generated(value, cls)

    return structure


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    # Class hooks dispatch by subclass, most specific first: ``ZhEnum`` wins over ``str`` for
    # enumerations, ``bool`` over ``int`` and ``datetime`` over ``date``.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_structure_hook(ZhEnum, _structure_enum)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    conv.register_structure_hook_factory(attrs.has, _attrs_hook)
    conv.register_structure_hook_factory(_is_optional, _optional_hook)
    conv.register_unstructure_hook(dt.date, _unstructure_date)
    conv.register_unstructure_hook(dt.datetime, _unstructure_datetime)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    return conv


converter: cattrs.Converter = _make_converter()
"""The model's converter. Prefer :func:`structure_record` and :func:`unstructure_record`."""


# --- public API ------------------------------------------------------------------------------


def structure_record(record_type: str, data: Mapping[str, Any]) -> Record:
    """Validate ``data`` and build the record of type ``record_type`` from it.

    Raises :class:`RecordValidationError` listing every structural problem in the record (not
    only the first), and :class:`UnknownRecordType` for an unknown ``record_type``. Datetimes
    come back in Asia/Shanghai; amounts are normalised to two decimal places.
    """
    cls = record_class(record_type)
    record_id = data.get("id") if isinstance(data, Mapping) else None
    shown_id = record_id if isinstance(record_id, str) and record_id.strip() else None
    if not isinstance(data, Mapping):
        problem = FieldError(
            field="",
            value=data,
            reason_zh="记录应为对象（键值对）",
            reason_en="a record must be an object (a mapping of fields)",
        )
        raise RecordValidationError(record_type, None, [problem])
    try:
        record: Record = converter.structure(data, cls)
    except Exception as exc:
        errors: list[FieldError] = []
        _collect(exc, data, "", errors, cls)
        raise RecordValidationError(record_type, shown_id, errors) from None
    return record


def unstructure_record(record: Record) -> dict[str, Any]:
    """The record as a JSON-ready dict: ISO dates, UTC datetimes ending in ``Z``, amounts as
    strings with two decimals, enumerations as their values. Fields at their default (``None``
    or empty) are left out, so adding an optional field later does not change existing hashes.
    """
    result: dict[str, Any] = converter.unstructure(record, unstructure_as=type(record))
    return result


def content_hash(record: Record) -> str:
    """Hex SHA-256 of the record's canonical JSON (sorted keys, no whitespace, UTF-8)."""
    canonical = json.dumps(
        unstructure_record(record), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- turning cattrs' exception groups into field errors --------------------------------------


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _collect(exc: BaseException, data: Any, path: str, out: list[FieldError], tp: Any) -> None:
    """Walk a cattrs exception group alongside the input data, appending leaf errors."""
    if isinstance(exc, ClassValidationError):
        with_notes, without_notes = exc.group_exceptions()
        for sub, note in with_notes:
            sub_data = data.get(note.name) if isinstance(data, Mapping) else None
            _collect(sub, sub_data, _join(path, note.name), out, note.type)
        for sub in without_notes:
            if isinstance(sub, ForbiddenExtraKeysError):
                _unknown_keys(sub, data, path, out)
            else:
                _collect(sub, data, path, out, tp)
        return
    if isinstance(exc, IterableValidationError):
        with_index, without_index = exc.group_exceptions()
        item_type = get_args(tp)[0] if get_args(tp) else None
        for sub, index_note in with_index:
            index = index_note.index
            in_range = isinstance(data, list | tuple) and isinstance(index, int)
            item = data[index] if in_range else None
            _collect(sub, item, f"{path}[{index}]", out, item_type)
        for sub in without_index:
            _collect(sub, data, path, out, tp)
        return
    if isinstance(exc, _Problem):
        out.append(
            FieldError(
                field=path, value=exc.value, reason_zh=exc.reason_zh, reason_en=exc.reason_en
            )
        )
    elif isinstance(exc, KeyError):
        out.append(
            FieldError(
                field=path,
                value=None,
                reason_zh="缺少必填字段",
                reason_en="required field is missing",
            )
        )
    else:
        out.append(
            FieldError(
                field=path,
                value=data,
                reason_zh=f"无法解析：{exc}",
                reason_en=f"cannot be read: {exc}",
            )
        )


def _unknown_keys(
    exc: ForbiddenExtraKeysError, data: Any, path: str, out: list[FieldError]
) -> None:
    known = [field.name for field in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
    for key in sorted(exc.extra_fields, key=str):
        close = difflib.get_close_matches(str(key), known, n=1)
        hint_zh = f"；是否应为 {close[0]!r}？" if close else ""
        hint_en = f"; did you mean {close[0]!r}?" if close else ""
        out.append(
            FieldError(
                field=_join(path, str(key)),
                value=data.get(key) if isinstance(data, Mapping) else None,
                reason_zh=f"未知字段{hint_zh}",
                reason_en=f"unknown field{hint_en}",
            )
        )
