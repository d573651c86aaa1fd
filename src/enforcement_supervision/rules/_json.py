"""Turning the values rules use (dates, money, enums, records) into JSON-ready values."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Set
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import attrs

__all__ = ["JSONValue", "to_json_value"]

JSONValue = None | bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"]


def to_json_value(value: Any) -> JSONValue:
    """``value`` as plain JSON data, deterministically.

    Dates and datetimes become ISO 8601 text, :class:`~decimal.Decimal` becomes its exact
    text (``"200.00"``: money never goes through a float), enums become their value, sets
    become sorted lists, attrs instances become dicts of their fields and anything with a
    ``to_dict()`` method is asked for it. Other objects become ``str(value)``.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, enum.Enum):
        return to_json_value(value.value)
    if isinstance(value, Mapping):
        return {str(key): to_json_value(item) for key, item in value.items()}
    if isinstance(value, Set):
        items = [to_json_value(item) for item in value]
        return sorted(items, key=lambda item: (type(item).__name__, str(item)))
    if isinstance(value, list | tuple):
        return [to_json_value(item) for item in value]
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_json_value(to_dict())
    if attrs.has(type(value)):
        return {
            field.name: to_json_value(getattr(value, field.name))
            for field in attrs.fields(type(value))
        }
    return str(value)
