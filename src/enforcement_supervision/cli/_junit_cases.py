"""``esup rules test --junit FILE``: the case run as JUnit XML for CI systems.

One ``testcase`` per case (class name: the rule id), one per unreadable case file (an
``error``) and one per rule whose coverage is incomplete (a ``failure``), so a CI page shows
the same three kinds of problem as the text report.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from enforcement_supervision._host import CaseReport

__all__ = ["write_junit"]


def write_junit(report: CaseReport, path: Path, *, deselected: int = 0) -> None:
    cases: list[ET.Element] = []
    failures = errors = 0
    for result in report.results:
        case = ET.Element(
            "testcase",
            classname=result.case.rule_id,
            name=result.case.name,
            file="" if result.case.path is None else str(result.case.path),
        )
        if not result.passed:
            failures += 1
            failure = ET.SubElement(
                case, "failure", message=result.problems[0] if result.problems else "failed"
            )
            failure.text = result.describe("en")
        cases.append(case)
    for problem in report.file_errors:
        errors += 1
        case = ET.Element("testcase", classname="case-files", name=problem.split(":", 1)[0])
        ET.SubElement(case, "error", message=problem).text = problem
        cases.append(case)
    for item in report.uncovered:
        failures += 1
        case = ET.Element("testcase", classname=item.rule_id, name="coverage")
        message = (
            f"{item.rule_id}: {item.flag_cases} flagging / {item.pass_cases} non-flagging "
            "cases; each rule needs at least one of each"
        )
        ET.SubElement(case, "failure", message=message).text = message
        cases.append(case)
    suite = ET.Element(
        "testsuite",
        name="esup rules test",
        tests=str(len(cases)),
        failures=str(failures),
        errors=str(errors),
        skipped=str(deselected),
    )
    suite.extend(cases)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
