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
from importlib import resources
from pathlib import Path
from typing import Any

from enforcement_supervision.reports._model import REPORT_SCHEMA_VERSION, ReportData

__all__ = [
    "REPORT_SCHEMA_ID",
    "render_json",
    "report_document",
    "report_schema",
    "report_schema_text",
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
    """The JSON report document."""
    return {"$schema": REPORT_SCHEMA_ID, **data.to_dict()}


def render_json(data: ReportData, out: Path) -> list[Path]:
    """Write the JSON report (UTF-8, compact, one trailing newline)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    # json.dumps encodes in one pass in C; json.dump would stream through the Python encoder.
    text = json.dumps(report_document(data), ensure_ascii=False, separators=(",", ":"))
    out.write_text(text + "\n", encoding="utf-8")
    return [out]
