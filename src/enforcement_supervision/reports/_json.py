"""The JSON report and its published JSON Schema.

The document is :meth:`ReportData.to_dict` with ``$schema`` naming the schema it follows.
The schema ships in the package (``enforcement_supervision/reports/schemas/``), is printed by
``esup report --schema`` and returned by :func:`report_schema`. Version policy: the major
version is in the file name and the ``$id``; a minor version (``schema_version`` ``1.1``)
only adds optional fields, so a consumer written for 1.0 keeps working; anything else is a
new major version in a new file, and the old one stays published.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from enforcement_supervision.reports._model import REPORT_SCHEMA_VERSION, ReportData

__all__ = [
    "REPORT_SCHEMA_ID",
    "SLOT",
    "dumps",
    "finite",
    "render_json",
    "report_document",
    "report_schema",
    "report_schema_text",
    "write_streamed",
]

_MAJOR = REPORT_SCHEMA_VERSION.split(".", 1)[0]
#: The ``$id`` of the schema (a URN: it names the schema, it is not fetched).
REPORT_SCHEMA_ID = f"urn:enforcement-supervision:schema:report:v{_MAJOR}"
_SCHEMA_FILE = f"report-v{_MAJOR}.schema.json"


def report_schema_text() -> str:
    """The published JSON Schema of the report document, as shipped."""
    return (
        resources.files("enforcement_supervision.reports")
        .joinpath("schemas", _SCHEMA_FILE)
        .read_text(encoding="utf-8")
    )


@functools.cache
def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(report_schema_text())
    return loaded


def report_schema() -> dict[str, Any]:
    """The published JSON Schema of the report document (a fresh copy)."""
    fresh: dict[str, Any] = json.loads(json.dumps(_schema()))
    return fresh


def report_document(data: ReportData) -> dict[str, Any]:
    """The JSON report document (every finding in memory: for small reports)."""
    document: dict[str, Any] = finite({"$schema": REPORT_SCHEMA_ID, **data.to_dict()})
    return document


#: Stands for a streamed array in a document dumped before its items are known.
_SLOT = "\x00esup-stream\x00"


def finite(value: Any) -> Any:
    """``value`` with NaN and infinities replaced by ``None`` (JSON has neither)."""
    if isinstance(value, float) and (value != value or value in (math.inf, -math.inf)):
        return None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def dumps(value: Any) -> str:
    """Compact JSON, never NaN or Infinity."""
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:
        return json.dumps(finite(value), ensure_ascii=False, separators=(",", ":"))


def write_streamed(
    out: Path, document: dict[str, Any], items: Iterable[Iterable[dict[str, Any]]]
) -> None:
    """Write ``document`` whose one value :data:`SLOT` is replaced by the array of
    ``items`` (batches of objects), encoding one batch at a time."""
    head, _, tail = dumps(document).partition(dumps(_SLOT))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        handle.write(head + "[")
        first = True
        for batch in items:
            encoded = [dumps(item) for item in batch]
            if not encoded:
                continue
            handle.write(("" if first else ",") + ",".join(encoded))
            first = False
        handle.write("]" + tail + "\n")


SLOT = _SLOT


def render_json(data: ReportData, out: Path) -> list[Path]:
    """Write the JSON report (UTF-8, compact, one trailing newline), streaming the findings
    from the store in batches."""
    lang = data.lang
    document = {"$schema": REPORT_SCHEMA_ID, **data.header_dict(), "findings": SLOT}
    write_streamed(
        out,
        document,
        ([row.to_dict(lang) for row in batch] for batch in data.iter_batches()),
    )
    return [out]
