"""SARIF 2.1.0: rules with help text and links to the rule docs, results with fingerprints,
waived findings as suppressions with their justification.

Severity → level: S1 and S2 → ``error``, S3 → ``warning``, S4 → ``note``. Results are the
active findings (``kind: fail``) and the waived ones (with a ``suppressions`` entry of kind
``external``, status ``accepted``); resolved and closed findings are left out, so a SARIF
consumer closes them. ``baselineState`` is ``unchanged`` for findings in the baseline and
``new`` for the others (only when a baseline exists). A finding's location is logical: the
record (or group) it is about.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from enforcement_supervision.reports._json import SLOT, finite, write_streamed
from enforcement_supervision.reports._model import FindingRow, ReportData, RuleInfo

__all__ = ["SARIF_LEVELS", "SARIF_SCHEMA_URI", "render_sarif", "sarif_document"]

#: How severities map to SARIF result levels.
SARIF_LEVELS: Mapping[str, str] = {"S1": "error", "S2": "error", "S3": "warning", "S4": "note"}
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _descriptor(rule: RuleInfo, lang: str) -> dict[str, Any]:
    return {
        "id": rule.rule_id,
        "name": rule.title_en,
        "shortDescription": {"text": rule.title(lang)},
        "fullDescription": {"text": rule.help_text(lang)},
        "help": {"text": rule.help_text(lang), "markdown": rule.help_markdown(lang)},
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": SARIF_LEVELS.get(rule.severity, "warning")},
        "properties": {
            "tags": list(rule.categories),
            "severity": rule.severity,
            "version": rule.version,
            "plugin": rule.plugin,
            "waivable": rule.waivable,
            "legalBasis": [basis.cite(lang) for basis in rule.legal_basis],
        },
    }


def _subject_hash(row: FindingRow) -> str:
    payload = f"{row.rule_id}\x00{row.finding.subject.key}".encode()
    return hashlib.sha256(payload).hexdigest()


def _result(data: ReportData, row: FindingRow, index: int) -> dict[str, Any]:
    lang = data.lang
    finding = row.finding
    result: dict[str, Any] = {
        "ruleId": row.rule_id,
        "ruleIndex": index,
        "level": SARIF_LEVELS.get(row.severity, "warning"),
        "kind": "fail",
        "message": {"text": row.message(lang)},
        "locations": [
            {
                "logicalLocations": [
                    {
                        "name": row.subject_text.partition("/")[2] or row.subject_text,
                        "fullyQualifiedName": row.subject_text,
                        "kind": finding.subject.record_type,
                    }
                ]
            }
        ],
        "fingerprints": {"esup/v1": row.fingerprint},
        "partialFingerprints": {"esupRuleSubject/v1": _subject_hash(row)},
        "properties": {
            "severity": row.severity,
            "categories": list(row.categories),
            "agencyId": row.agency_id,
            "agency": row.agency_name,
            "status": row.status,
            "foundOn": row.found_on.isoformat(),
            "factsDate": row.period_date.isoformat(),
            "deadline": None if row.deadline is None else row.deadline.isoformat(),
            "overdue": row.overdue,
            "provisional": finding.provisional,
            "legalBasis": row.citations(lang),
            "statement": row.statement(lang),
            "followThrough": row.follow.to_dict(),
        },
    }
    if data.baseline_size:
        result["baselineState"] = "unchanged" if row.in_baseline else "new"
    waiver = row.follow.waiver
    if row.waived:
        suppression: dict[str, Any] = {
            "kind": "external",
            "status": "accepted",
            "justification": waiver.justification if waiver is not None else "",
        }
        if waiver is not None:
            suppression["properties"] = {
                "reason": waiver.reason,
                "requestedBy": waiver.requested_by,
                "approvedBy": waiver.approved_by,
                "expires": None if waiver.expires is None else waiver.expires.isoformat(),
            }
        result["suppressions"] = [suppression]
    return result


def _results(data: ReportData) -> Iterator[list[dict[str, Any]]]:
    index = {rule_id: position for position, rule_id in enumerate(sorted(data.rules))}
    for batch in data.iter_batches():
        yield [_result(data, row, index[row.rule_id]) for row in batch if row.active or row.waived]


def sarif_document(data: ReportData) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict (every result in memory: for small reports)."""
    document = _document(data, [result for batch in _results(data) for result in batch])
    return finite(document)  # type: ignore[no-any-return]


def _document(data: ReportData, results: Any) -> dict[str, Any]:
    lang = data.lang
    rule_ids = sorted(data.rules)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    run = data.last_run
    if run is not None:
        invocation["executionSuccessful"] = run.outcome == "ok"
        invocation["startTimeUtc"] = _utc(run.started_at)
        if run.finished_at is not None:
            invocation["endTimeUtc"] = _utc(run.finished_at)
        invocation["properties"] = {"runId": run.run_id, "asOf": run.as_of.isoformat()}
    if data.run_errors:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": f"{error.get('kind')}: {error.get('message')}"},
                **({"descriptor": {"id": str(error["rule_id"])}} if error.get("rule_id") else {}),
            }
            for error in data.run_errors
        ]
    sarif_run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": data.tool_name,
                "fullName": "enforcement-supervision 行政执法监督",
                "version": data.tool_version,
                "informationUri": data.settings.docs_url,
                "rules": [_descriptor(data.rules[rule_id], lang) for rule_id in rule_ids],
            }
        },
        "invocations": [invocation],
        "language": "en" if lang == "en" else "zh-CN",
        "results": results,
        "properties": {
            "audience": data.audience,
            "asOf": data.as_of.isoformat(),
            "scope": {
                "agency": data.agency,
                "dateFrom": None if data.date_from is None else data.date_from.isoformat(),
                "dateTo": None if data.date_to is None else data.date_to.isoformat(),
            },
        },
    }
    if run is not None:
        sarif_run["automationDetails"] = {"id": f"esup/check/{run.run_id}"}
    return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [sarif_run]}


def render_sarif(data: ReportData, out: Path) -> list[Path]:
    """Write the SARIF log (UTF-8 JSON), streaming the results from the store in batches."""
    write_streamed(out, _document(data, SLOT), _results(data))
    return [out]
