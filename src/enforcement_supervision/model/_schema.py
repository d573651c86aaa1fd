"""JSON Schema (draft 2020-12) for each record type, generated from the attrs classes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from enforcement_supervision.model._common import Record
from enforcement_supervision.model._convert import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    DECIMAL_PATTERN,
    MAX_ID_LENGTH,
)
from enforcement_supervision.model._enums import ZhEnum
from enforcement_supervision.model._introspect import (
    class_summary,
    list_item_type,
    resolved_fields,
    split_optional,
)
from enforcement_supervision.model._registry import record_class

__all__ = ["json_schema"]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"

_LEAF_SCHEMAS: dict[Any, dict[str, Any]] = {
    # "\S" is searched, not anchored: the string must hold something other than blanks.
    str: {"type": "string", "minLength": 1, "pattern": r"\S"},
    int: {"type": "integer", "minimum": 0},
    float: {"type": "number", "minimum": 0},
    bool: {"type": "boolean"},
    dt.date: {"type": "string", "format": "date", "pattern": DATE_PATTERN},
    dt.datetime: {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN},
    Decimal: {
        "anyOf": [
            {"type": "string", "pattern": DECIMAL_PATTERN},
            {"type": "number", "minimum": 0},
        ],
        "description": 'Amount in yuan, e.g. "200.00"; at most two decimal places.',
    },
}


def json_schema(record_type: str) -> dict[str, Any]:
    """The JSON Schema of one record type's JSON form (as :func:`unstructure_record` gives it).

    Titles are the Chinese field names, descriptions the English ones; unknown properties are
    not allowed. Raises :class:`UnknownRecordType` for an unknown name.
    """
    cls = record_class(record_type)
    defs: dict[str, Any] = {}
    body = _object_schema(cls, defs)
    schema: dict[str, Any] = {
        "$schema": _DRAFT,
        "title": f"{cls.label_zh}（{record_type}）",
        "description": class_summary(cls),
        **body,
    }
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _object_schema(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in resolved_fields(cls):
        prop = _type_schema(field.type, defs)
        prop = {"title": field.metadata.get("zh", field.name), **prop}
        doc = field.metadata.get("doc")
        if doc:
            prop["description"] = doc
        if issubclass(cls, Record) and field.name in ("id", "agency_id"):
            prop["maxLength"] = MAX_ID_LENGTH  # the store's key columns
        properties[field.name] = prop
        if field.default is attrs.NOTHING:
            required.append(field.name)
    result: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        result["required"] = required
    return result


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    inner, optional = split_optional(tp)
    schema = _inner_schema(inner, defs)
    if optional:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def _inner_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    item = list_item_type(tp)
    if item is not None:
        return {"type": "array", "items": _type_schema(item, defs)}
    if tp in _LEAF_SCHEMAS:
        return dict(_LEAF_SCHEMAS[tp])
    if isinstance(tp, type) and issubclass(tp, ZhEnum):
        if tp.__name__ not in defs:
            labels = "; ".join(f"{m.value} = {m.label_zh}" for m in tp)
            defs[tp.__name__] = {
                "type": "string",
                "enum": [m.value for m in tp],
                "title": tp.__name__,
                "description": f"{class_summary(tp)} {labels}",
            }
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if isinstance(tp, type) and attrs.has(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # placeholder first: guards against recursive types
            defs[tp.__name__] = {
                "title": tp.__name__,
                "description": class_summary(tp),
                **_object_schema(tp, defs),
            }
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no JSON Schema for field type {tp!r}")
