"""JUnit XML: one test suite per rule, one test case per rule × subject.

A case fails when the subject has an active finding of the rule (the failure's text is the
statement of reasons), is skipped when its findings are waived (the message carries the
justification) and passes otherwise. Passing cases come from the engine's record of the
subjects each rule evaluated, when the report data was built with ``include_passed=True``
(``esup report --format junit`` does). Rule and plugin errors of the last run become
``<error>`` cases.
"""

from __future__ import annotations

import itertools
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

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


def _attrs(**values: Any) -> str:
    return "".join(f" {name}={quoteattr(_clean(value))}" for name, value in values.items())


def _failure(rows: list[FindingRow], lang: str) -> str:
    message = "; ".join(row.message(lang) for row in rows)
    body = "\n\n".join(
        f"[{row.severity}] {row.message(lang)} ({row.fingerprint[:12]})\n" + row.statement(lang)
        for row in rows
    )
    return (
        f"<failure{_attrs(message=message, type=min(row.severity for row in rows))}>"
        f"{escape(_clean(body))}</failure>"
    )


def _case(data: ReportData, classname: str, rows: list[FindingRow], out: IO[str]) -> str | None:
    """Write the case of one rule × subject; return its outcome's count (``None``: passed)."""
    lang = data.lang
    head = f" <testcase{_attrs(classname=classname, name=rows[0].subject_text, time='0')}"
    active = [row for row in rows if row.active]
    waived = [row for row in rows if row.waived]
    if active:
        out.write(f"{head}>{_failure(active, lang)}</testcase>\n")
        return "failures"
    if waived:
        justification = "; ".join(
            row.follow.waiver.justification for row in waived if row.follow.waiver
        )
        label = "waived" if lang == "en" else "已豁免"
        message = f"{label}: {justification}".rstrip(": ")
        out.write(f"{head}><skipped{_attrs(message=message)}/></testcase>\n")
        return "skipped"
    out.write(f"{head}/>\n")
    return None


def _suite_tail(
    data: ReportData,
    rule_id: str,
    passed: tuple[str, ...],
    errors: list[Mapping[str, Any]],
    out: IO[str],
    counts: dict[str, int],
) -> None:
    classname = f"{data.tool_name}.{rule_id}"
    for subject_key in passed:
        counts["tests"] += 1
        out.write(f" <testcase{_attrs(classname=classname, name=subject_key, time='0')}/>\n")
    for error in errors:
        counts["tests"] += 1
        counts["errors"] += 1
        name = f"({error.get('kind') or 'error'}) {error.get('subject') or ''}".strip()
        element = _attrs(
            message=error.get("message") or "",
            type=error.get("error_type") or error.get("kind") or "error",
        )
        out.write(
            f" <testcase{_attrs(classname=classname, name=name, time='0')}>"
            f"<error{element}>{escape(_clean(str(error.get('count') or 1)))} occurrence(s)</error>"
            "</testcase>\n"
        )


def render_junit(data: ReportData, out: Path) -> list[Path]:
    """Write the JUnit XML file (UTF-8, with an XML declaration), streaming: the findings are
    read rule by rule, each suite's cases spooled to a temporary file until its counts are
    known."""
    lang = data.lang
    passed = data.passed or {}
    errors: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for error in data.run_errors:
        errors[str(error.get("rule_id") or "(run)")].append(error)
    timings = data.last_run.rule_timings if data.last_run is not None else {}
    timestamp = data.generated_at.replace(microsecond=0).isoformat()
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as suites:

        def suite(rule_id: str, rows: Iterator[FindingRow]) -> None:
            """One rule's suite; ``rows`` are its findings, one subject's together."""
            classname = f"{data.tool_name}.{rule_id}"
            counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
            with tempfile.SpooledTemporaryFile(1 << 22, "w+", encoding="utf-8") as cases:
                for _, subject in itertools.groupby(rows, key=lambda row: row.finding.subject.key):
                    outcome = _case(data, classname, list(subject), cases)
                    counts["tests"] += 1
                    if outcome is not None:
                        counts[outcome] += 1
                _suite_tail(
                    data, rule_id, passed.get(rule_id, ()), errors.get(rule_id, []), cases, counts
                )
                for name, value in counts.items():
                    totals[name] += value
                rule = data.rules.get(rule_id)
                head = _attrs(
                    name=rule_id,
                    timestamp=timestamp,
                    **{name: str(value) for name, value in counts.items()},
                    time=f"{_seconds(timings, rule_id):.3f}",
                )
                suites.write(f"<testsuite{head}>\n")
                if rule is not None:
                    suites.write(" <properties>\n")
                    for key, content in (
                        ("title", rule.title(lang)),
                        ("severity", rule.severity),
                        ("categories", ",".join(rule.categories)),
                        ("help", rule.help_uri),
                    ):
                        suites.write(f"  <property{_attrs(name=key, value=content)}/>\n")
                    suites.write(" </properties>\n")
                cases.seek(0)
                shutil.copyfileobj(cases, suites)
                suites.write("</testsuite>\n")

        done: set[str] = set()
        findings = data.iter_findings(order="rule")
        for rule_id, rows in itertools.groupby(findings, key=lambda row: row.rule_id):
            suite(rule_id, rows)
            done.add(rule_id)
        for rule_id in sorted((set(passed) | set(errors)) - done):
            suite(rule_id, iter(()))
        run_time = "0" if data.last_run is None else f"{data.last_run.duration or 0:.3f}"
        with out.open("w", encoding="utf-8") as handle:
            handle.write("<?xml version='1.0' encoding='utf-8'?>\n")
            counts = {name: str(value) for name, value in totals.items()}
            handle.write(f"<testsuites{_attrs(name=data.tool_name, **counts, time=run_time)}>\n")
            suites.seek(0)
            shutil.copyfileobj(suites, handle)
            handle.write("</testsuites>\n")
    return [out]


def junit_tree(data: ReportData) -> ET.ElementTree[ET.Element]:
    """The JUnit XML document as an element tree (read back from :func:`render_junit`)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "junit.xml"
        render_junit(data, path)
        return ET.parse(path)
