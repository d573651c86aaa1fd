"""Reports people read and machines read, rendered from the store (never by re-running rules).

Build the data once with :func:`build_report_data` (a few bulk queries; findings, their
follow-through events, the last run and the rules' metadata, masked for the audience), then
:func:`render` it as any of :data:`FORMATS`:

* ``html`` — one self-contained page: summary, inline SVG charts, a filterable table;
* ``notice`` — 行政执法监督意见书, one per agency, as ``.docx`` and print-ready ``.html``;
* ``xlsx`` — the supervision ledger (监督台账);
* ``json`` — the report document, with a published schema (:func:`report_schema`);
* ``sarif`` — SARIF 2.1.0; ``junit`` — JUnit XML; ``md`` — a Markdown summary.

See ``docs/guide/reports.md``.
"""

from __future__ import annotations

from enforcement_supervision.reports._build import ReportUsageError, build_report_data
from enforcement_supervision.reports._json import (
    REPORT_SCHEMA_ID,
    report_document,
    report_schema,
    report_schema_text,
)
from enforcement_supervision.reports._lifecycle import (
    EventReader,
    FollowThroughDraft,
    event_readers,
    register_event_reader,
)
from enforcement_supervision.reports._model import (
    REPORT_SCHEMA_VERSION,
    AgencyInfo,
    FindingRow,
    FollowThrough,
    FollowUpEvent,
    ReportData,
    RuleInfo,
    Summary,
    Waiver,
)
from enforcement_supervision.reports._render import FORMATS, render
from enforcement_supervision.reports._sarif import SARIF_LEVELS
from enforcement_supervision.reports._settings import ReportSettings

__all__ = [
    "FORMATS",
    "REPORT_SCHEMA_ID",
    "REPORT_SCHEMA_VERSION",
    "SARIF_LEVELS",
    "AgencyInfo",
    "EventReader",
    "FindingRow",
    "FollowThrough",
    "FollowThroughDraft",
    "FollowUpEvent",
    "ReportData",
    "ReportSettings",
    "ReportUsageError",
    "RuleInfo",
    "Summary",
    "Waiver",
    "build_report_data",
    "event_readers",
    "register_event_reader",
    "render",
    "report_document",
    "report_schema",
    "report_schema_text",
]
