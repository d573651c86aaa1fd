"""JUnit XML: one test suite per rule, one test case per rule × subject.

A case fails when the subject has an active finding of the rule (the failure's text is the
statement of reasons), is skipped when its findings are waived (the message carries the
justification) and passes otherwise. Passing cases come from the engine's record of the
subjects each rule evaluated, when the report data was built with ``include_passed=True``
(``esup report --format junit`` does). Rule and plugin errors of the last run become
``<error>`` cases.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from enforcement_supervision.reports._model import FindingRow, ReportData

__all__ = ["junit_tree", "render_junit"]

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: object) -> str:
    return _INVALID_XML.sub("\ufffd", str(value))


def _seconds(timings: Mapping[str, Any], rule_id: str) -> float:
    value = timings.get(rule_id)
    if isinstance(value, Mapping):
        value = value.get("seconds", value.get("total", 0))
    try:
        return float(value) if value is not None else 0.0
    except (TypeError, ValueError):
        return 0.0


def junit_tree(data: ReportData) -> ET.ElementTree[ET.Element]:
    """The JUnit XML document."""
    lang = data.lang
    cases: dict[str, dict[str, list[FindingRow]]] = defaultdict(lambda: defaultdict(list))
    for row in data.findings:
        cases[row.rule_id][row.finding.subject.key].append(row)
    passed = data.passed or {}
    errors: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for error in data.run_errors:
        errors[str(error.get("rule_id") or "(run)")].append(error)
    timings = data.last_run.rule_timings if data.last_run is not None else {}
    timestamp = data.generated_at.replace(microsecond=0).isoformat()

    root = ET.Element("testsuites", name=data.tool_name)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for rule_id in sorted(set(cases) | set(passed) | set(errors)):
        rule = data.rules.get(rule_id)
        suite = ET.SubElement(root, "testsuite", name=rule_id, timestamp=timestamp)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if rule is not None:
            properties = ET.SubElement(suite, "properties")
            for key, content in (
                ("title", rule.title(lang)),
                ("severity", rule.severity),
                ("categories", ",".join(rule.categories)),
                ("help", rule.help_uri),
            ):
                ET.SubElement(properties, "property", name=key, value=_clean(content))
        classname = f"{data.tool_name}.{rule_id}"
        for _, rows in sorted(cases.get(rule_id, {}).items()):
            subject = rows[0].subject_text
            case = ET.SubElement(suite, "testcase", classname=classname, name=_clean(subject))
            case.set("time", "0")
            counts["tests"] += 1
            active = [row for row in rows if row.active]
            waived = [row for row in rows if row.waived]
            if active:
                counts["failures"] += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=_clean("; ".join(row.message(lang) for row in active)),
                    type=min(row.severity for row in active),
                )
                failure.text = _clean(
                    "\n\n".join(
                        f"[{row.severity}] {row.message(lang)} ({row.fingerprint[:12]})\n"
                        + row.statement(lang)
                        for row in active
                    )
                )
            elif waived:
                counts["skipped"] += 1
                justification = "; ".join(
                    row.follow.waiver.justification for row in waived if row.follow.waiver
                )
                label = "waived" if lang == "en" else "已豁免"
                ET.SubElement(
                    case, "skipped", message=_clean(f"{label}: {justification}".rstrip(": "))
                )
        for subject_key in passed.get(rule_id, ()):
            case = ET.SubElement(suite, "testcase", classname=classname, name=_clean(subject_key))
            case.set("time", "0")
            counts["tests"] += 1
        for error in errors.get(rule_id, ()):
            case = ET.SubElement(
                suite,
                "testcase",
                classname=classname,
                name=_clean(
                    f"({error.get('kind') or 'error'}) {error.get('subject') or ''}".strip()
                ),
            )
            case.set("time", "0")
            element = ET.SubElement(
                case,
                "error",
                message=_clean(error.get("message") or ""),
                type=_clean(error.get("error_type") or error.get("kind") or "error"),
            )
            element.text = _clean(f"{error.get('count') or 1} occurrence(s)")
            counts["tests"] += 1
            counts["errors"] += 1
        for name, value in counts.items():
            suite.set(name, str(value))
            totals[name] += value
        suite.set("time", f"{_seconds(timings, rule_id):.3f}")
    for name, value in totals.items():
        root.set(name, str(value))
    root.set("time", "0" if data.last_run is None else f"{data.last_run.duration or 0:.3f}")
    return ET.ElementTree(root)


def render_junit(data: ReportData, out: Path) -> list[Path]:
    """Write the JUnit XML file (UTF-8, with an XML declaration)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tree = junit_tree(data)
    ET.indent(tree, space=" ")
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return [out]
