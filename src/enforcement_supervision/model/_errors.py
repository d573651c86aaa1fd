"""Errors raised by the model: invalid records and unknown record types."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from enforcement_supervision.errors import EsupError

__all__ = ["FieldErrorRecord", "RecordValidationError", "UnknownRecordType"]


@attrs.frozen(kw_only=True)
class FieldErrorRecord:
    """One structural problem in one field of an input record.

    ``field`` is a dotted path into the input (``decision.fine_amount``, ``officer_ids[1]``;
    empty for the record as a whole); ``value`` is the offending value exactly as given
    (``None`` when the field is missing).
    """

    field: str
    value: Any
    reason_zh: str
    reason_en: str

    def message(self, lang: str = "zh") -> str:
        """``field: reason`` in ``lang`` (``"zh"`` or ``"en"``)."""
        reason = self.reason_en if lang == "en" else self.reason_zh
        where = self.field or ("（记录）" if lang != "en" else "(record)")
        return f"{where}: {reason}"


class RecordValidationError(EsupError):
    """An input record is structurally invalid; ``errors`` lists every problem found in it."""

    def __init__(
        self, record_type: str, record_id: str | None, errors: Iterable[FieldErrorRecord]
    ) -> None:
        self.record_type = record_type
        self.record_id = record_id
        self.errors: tuple[FieldErrorRecord, ...] = tuple(errors)
        shown_id_zh = record_id if record_id is not None else "（无编号）"
        shown_id_en = record_id if record_id is not None else "(no id)"
        details_zh = "；".join(e.message("zh") for e in self.errors)
        details_en = "; ".join(e.message("en") for e in self.errors)
        super().__init__(
            f"{record_type} 记录 {shown_id_zh} 有 {len(self.errors)} 处错误：{details_zh}",
            f"{record_type} record {shown_id_en} has {len(self.errors)} error(s): {details_en}",
        )


def record_type_hint(name: object, known: Iterable[str]) -> tuple[str, str]:
    """``("（是否指 penalty-case？）", " (did you mean penalty-case?)")`` for a misspelt record
    type (``penalty_case``), else two empty strings."""
    import difflib

    text = str(name).strip().lower().replace("_", "-")
    close = difflib.get_close_matches(text, sorted(known), n=1)
    if not close:
        return "", ""
    return f"（是否指 {close[0]}？）", f" (did you mean {close[0]}?)"


class UnknownRecordType(EsupError, LookupError):
    """A record type name that the model does not know."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known: tuple[str, ...] = tuple(sorted(known))
        listed = ", ".join(self.known)
        hint_zh, hint_en = record_type_hint(name, self.known)
        super().__init__(
            f"未知的记录类型 {name!r}{hint_zh}；可用的类型：{listed}",
            f"unknown record type {name!r}{hint_en}; known types: {listed}",
        )
