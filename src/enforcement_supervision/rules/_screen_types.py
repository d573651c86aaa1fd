"""The types of stored fields as rule screens see them, from the record model (attrs
annotations in :mod:`enforcement_supervision.model`)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, Literal, TypeAlias

import attrs

from enforcement_supervision.rules._screen_expr import ScreenError

__all__ = ["NUMERIC", "ORDERED", "SCALAR", "FieldKind", "FieldType", "field_kind"]

#: The types a screen knows a stored field by.
FieldKind: TypeAlias = Literal[
    "date", "datetime", "text", "enum", "integer", "number", "money", "bool", "list", "object"
]
NUMERIC = frozenset({"integer", "number", "money"})
ORDERED = NUMERIC | {"date"}
SCALAR = ORDERED | {"text", "enum", "bool"}


@attrs.frozen
class FieldType:
    """The kind of a stored field, with the enumeration of an ``enum`` field."""

    kind: FieldKind
    enum: type[enum.Enum] | None = None


def _leaf_kind(tp: Any) -> FieldType | None:
    if isinstance(tp, type):
        if issubclass(tp, enum.Enum):
            return FieldType("enum", tp)
        if issubclass(tp, bool):
            return FieldType("bool")
        if issubclass(tp, dt.datetime):
            return FieldType("datetime")
        if issubclass(tp, dt.date):
            return FieldType("date")
        if issubclass(tp, int):
            return FieldType("integer")
        if issubclass(tp, float):
            return FieldType("number")
        if issubclass(tp, Decimal):
            return FieldType("money")
        if issubclass(tp, str):
            return FieldType("text")
        if attrs.has(tp):
            return FieldType("object")
    return None


def field_kind(record_type: str, path: str) -> FieldType:
    """The type of ``path`` in the record model of ``record_type``; :class:`ScreenError` when
    the path does not exist, goes through a list, or has a type screens cannot compare."""
    from enforcement_supervision.model._introspect import (
        list_item_type,
        resolved_fields,
        split_optional,
    )
    from enforcement_supervision.model._registry import RECORD_TYPES

    cls: Any = RECORD_TYPES.get(record_type)
    if cls is None:
        raise ScreenError(f"unknown record type {record_type!r}")
    parts = path.split(".")
    for index, name in enumerate(parts):
        found = {item.name: item for item in resolved_fields(cls)}.get(name)
        done = ".".join(parts[: index + 1])
        if found is None:
            raise ScreenError(f"{record_type} has no field {done!r} (screen path {path!r})")
        inner, _ = split_optional(found.type)
        if list_item_type(inner) is not None:
            if index != len(parts) - 1:
                raise ScreenError(
                    f"screen path {path!r} goes into the list {done!r}: "
                    "screens test a list only as a whole (is_empty / not_empty)"
                )
            return FieldType("list")
        kind = _leaf_kind(inner)
        if kind is None:
            raise ScreenError(f"{record_type} field {done!r} has a type screens do not know")
        if index == len(parts) - 1:
            return kind
        if kind.kind != "object":
            raise ScreenError(f"{record_type} field {done!r} has no fields (screen path {path!r})")
        cls = inner
    raise AssertionError("unreachable")  # pragma: no cover
