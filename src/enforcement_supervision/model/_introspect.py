"""Describing the model from its own metadata: field listings and personal-data paths.

The data-model docs, the JSON Schema and personal-data masking are all derived from the attrs
fields and their ``metadata``, so a field is described in exactly one place.
"""

from __future__ import annotations

import datetime as dt
import inspect
import types
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

import attrs

from enforcement_supervision.model._common import Record
from enforcement_supervision.model._enums import ZhEnum
from enforcement_supervision.model._registry import record_class

__all__ = [
    "FieldInfo",
    "class_summary",
    "describe_fields",
    "enums_used",
    "list_item_type",
    "personal_fields",
    "resolved_fields",
    "split_optional",
    "type_label",
]


@attrs.frozen(kw_only=True)
class FieldInfo:
    """One field of a record type, nested fields included.

    ``path`` is dotted, with ``[]`` marking the items of a list (``acts[].officer_ids``);
    ``required`` means required within its parent object.
    """

    path: str
    type: str
    required: bool
    zh: str
    doc: str
    personal: str | None


def resolved_fields(cls: type[Any]) -> tuple[attrs.Attribute[Any], ...]:
    """The attrs fields of ``cls`` with string annotations resolved to real types."""
    attrs.resolve_types(cls)
    return tuple(attrs.fields(cls))


def split_optional(tp: Any) -> tuple[Any, bool]:
    """``(X, True)`` for ``X | None``, ``(tp, False)`` otherwise."""
    if get_origin(tp) in (Union, types.UnionType):
        args = [arg for arg in get_args(tp) if arg is not type(None)]
        if len(args) == 1 and len(get_args(tp)) == 2:
            return args[0], True
    return tp, False


def list_item_type(tp: Any) -> Any | None:
    """``X`` for ``tuple[X, ...]``, else ``None``."""
    args = get_args(tp)
    if get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


_LEAF_LABELS: dict[Any, str] = {
    str: "text",
    int: "integer",
    float: "number",
    bool: "boolean",
    dt.date: "date",
    dt.datetime: "datetime",
    Decimal: "money",
}


def type_label(tp: Any) -> str:
    """A short human-readable name of a field type, as the docs show it."""
    inner, _ = split_optional(tp)
    item = list_item_type(inner)
    if item is not None:
        return f"list of {type_label(item)}"
    if inner in _LEAF_LABELS:
        return _LEAF_LABELS[inner]
    if isinstance(inner, type):
        return inner.__name__
    return str(inner)


def class_summary(cls: type[Any]) -> str:
    """First paragraph of a class docstring, on one line."""
    doc = inspect.getdoc(cls) or ""
    return " ".join(doc.split("\n\n")[0].split())


def _walk(cls: type[Any], prefix: str) -> Iterator[FieldInfo]:
    for field in resolved_fields(cls):
        path = f"{prefix}{field.name}"
        meta = field.metadata
        yield FieldInfo(
            path=path,
            type=type_label(field.type),
            required=field.default is attrs.NOTHING,
            zh=meta.get("zh", ""),
            doc=meta.get("doc", ""),
            personal=meta.get("personal"),
        )
        inner, _ = split_optional(field.type)
        item = list_item_type(inner)
        if item is not None and attrs.has(item):
            yield from _walk(item, f"{path}[].")
        elif isinstance(inner, type) and attrs.has(inner):
            yield from _walk(inner, f"{path}.")


_DESCRIBED: dict[type[Record], tuple[FieldInfo, ...]] = {}


def _describe(cls: type[Record]) -> tuple[FieldInfo, ...]:
    described = _DESCRIBED.get(cls)
    if described is None:
        described = _DESCRIBED[cls] = tuple(_walk(cls, ""))
    return described


def _as_class(record_type: str | type[Record]) -> type[Record]:
    return record_class(record_type) if isinstance(record_type, str) else record_type


def describe_fields(record_type: str | type[Record]) -> tuple[FieldInfo, ...]:
    """Every field of a record type (by name or class), nested fields included, in order."""
    return _describe(_as_class(record_type))


def personal_fields(record_type: str | type[Record]) -> dict[str, str]:
    """Paths of the fields holding personal data, with their kind (``id_number``, ``phone``,
    ``name``, ``reporter``, ``address``). Paths use ``[]`` for list items, as in
    :func:`describe_fields`: ``{"party.id_number": "id_number", ...}``.
    """
    return {
        info.path: info.personal
        for info in describe_fields(record_type)
        if info.personal is not None
    }


def enums_used(cls: type[Any]) -> set[type[ZhEnum]]:
    """The enumerations used anywhere inside ``cls``."""
    found: set[type[ZhEnum]] = set()
    for field in resolved_fields(cls):
        inner, _ = split_optional(field.type)
        item = list_item_type(inner)
        target = item if item is not None else inner
        if isinstance(target, type) and issubclass(target, ZhEnum):
            found.add(target)
        elif isinstance(target, type) and attrs.has(target):
            found |= enums_used(target)
    return found
