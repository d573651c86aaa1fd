"""Reading the JSON columns with msgspec's decoder (a dependency already: several times
faster than the standard library on the report and check paths, which read a JSON column or
two per finding and per record). Both give the same Python values; what msgspec refuses
and the standard library reads (NaN, Infinity) falls back to :func:`json.loads`."""

from __future__ import annotations

import json
from typing import Any

import msgspec

__all__ = ["json_loads"]

_decode = msgspec.json.Decoder().decode


def json_loads(text: str | bytes) -> Any:
    """The value of a JSON text (what SQLAlchemy's ``JSON`` type hands its deserializer)."""
    try:
        return _decode(text)
    except msgspec.MsgspecError:
        return json.loads(text)
