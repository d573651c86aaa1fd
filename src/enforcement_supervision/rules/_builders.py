"""Records with sensible defaults, for rule tests and data-driven cases."""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs

__all__ = ["DEFAULT_AGENCY_ID", "DEFAULT_DATE", "build_record", "record_defaults"]

#: The agency of built records unless given (a township government).
DEFAULT_AGENCY_ID = "agency-township"
#: The date required date fields get unless given: Monday 2025-03-03, a working day.
DEFAULT_DATE = date(2025, 3, 3)


def _type_hints(cls: type[Any]) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except Exception:  # unresolvable annotations: fall back to the raw ones
        return {field.name: field.type for field in attrs.fields(cls)}


def _placeholder(name: str, annotation: Any, owner: str, label: str | None = None) -> Any:
    """A valid JSON-form value for a required field of type ``annotation``."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        if type(None) in args:
            return None
        return _placeholder(name, args[0], owner, label)
    if origin is tuple:
        return []
    if origin is typing.Literal:
        return args[0]
    if isinstance(annotation, type):
        if issubclass(annotation, enum.Enum):
            return next(iter(annotation)).value
        if issubclass(annotation, bool):
            return False
        if issubclass(annotation, int):
            return 0
        if issubclass(annotation, float):
            return 0.0
        if issubclass(annotation, Decimal):
            return "0.00"
        if issubclass(annotation, datetime):
            return f"{DEFAULT_DATE.isoformat()}T09:00:00+08:00"
        if issubclass(annotation, date):
            return DEFAULT_DATE.isoformat()
        if issubclass(annotation, str):
            if name == "agency_id" or name.endswith("agency_id"):
                return DEFAULT_AGENCY_ID
            if name == "id" or name.endswith("_id"):
                return f"{owner}-1"
            return f"测试{label or name}"
        if attrs.has(annotation):
            return _required(annotation, owner=name.replace("_", "-"))
    return None


def _attrs_class(annotation: Any) -> type[Any] | None:
    """The attrs class inside ``annotation`` (``X``, ``X | None``), if any."""
    if isinstance(annotation, type) and attrs.has(annotation):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if isinstance(arg, type) and attrs.has(arg):
                return arg
    return None


def _item_class(annotation: Any) -> type[Any] | None:
    """The attrs class of the items of ``tuple[X, ...]``, if any."""
    if typing.get_origin(annotation) is tuple:
        args = typing.get_args(annotation)
        if args:
            return _attrs_class(args[0])
    return None


def _required(cls: type[Any], *, owner: str) -> dict[str, Any]:
    return _fill(cls, {}, owner=owner)


def _fill(cls: type[Any], given: Mapping[str, Any], *, owner: str) -> dict[str, Any]:
    """``given`` with placeholders for the required fields of ``cls`` it lacks, recursively
    for nested objects (and lists of objects) that ``given`` does contain."""
    hints = _type_hints(cls)
    values: dict[str, Any] = {}
    for field in attrs.fields(cls):
        annotation = hints.get(field.name, field.type)
        if field.name in given:
            value = given[field.name]
            nested = _attrs_class(annotation)
            items = _item_class(annotation)
            if nested is not None and isinstance(value, Mapping):
                value = _fill(nested, value, owner=field.name.replace("_", "-"))
            elif items is not None and isinstance(value, list | tuple):
                value = [
                    _fill(items, item, owner=field.name.replace("_", "-"))
                    if isinstance(item, Mapping)
                    else item
                    for item in value
                ]
            values[field.name] = value
            continue
        if field.default is not attrs.NOTHING:
            continue
        label = field.metadata.get("zh") if field.metadata else None
        placeholder = _placeholder(field.name, annotation, owner, label)
        if placeholder is not None:
            values[field.name] = placeholder
    for key, value in given.items():  # unknown keys: let validation report them
        values.setdefault(key, value)
    return values


def record_defaults(record_type: str) -> dict[str, Any]:
    """Placeholder values (JSON form) for every required field of ``record_type``.

    ``id`` becomes ``"<record-type>-1"``, agency ids :data:`DEFAULT_AGENCY_ID`, dates
    :data:`DEFAULT_DATE`, enumerations their first value, amounts ``"0.00"``, text
    ``"测试<field>"``; nested required objects are filled the same way.
    """
    from enforcement_supervision.model import record_class

    return _required(record_class(record_type), owner=record_type)


def build_record(record_type: str, data: Mapping[str, Any] | None = None, /, **fields: Any) -> Any:
    """A validated record of ``record_type`` from ``data`` and ``fields`` (Python values or
    their JSON form), with every required field the caller left out set to a placeholder
    (see :func:`record_defaults`). Raises the model's ``RecordValidationError`` for bad
    values, like an import would."""
    from enforcement_supervision.model import record_class, structure_record

    given = {**(data or {}), **fields}
    given.pop("record_type", None)
    return structure_record(record_type, _fill(record_class(record_type), given, owner=record_type))
