"""Reading rendered reports back: the text of every format, a JUnit reader."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any


def text_of(path: Path) -> str:
    """All the text a reader of ``path`` could see (XLSX cells, DOCX paragraphs and
    properties, or the file itself)."""
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        parts = [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        book.close()
        return "\n".join(parts)
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        parts = [paragraph.text for paragraph in document.paragraphs]
        parts += [
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        ]
        properties = document.core_properties
        parts += [properties.title or "", properties.subject or ""]
        return "\n".join(parts)
    return path.read_text(encoding="utf-8")


def read_junit(path: Path) -> dict[str, Any]:
    """A strict reader in the spirit of pytest's junitxml parser: check the structure and
    that every count attribute matches the cases, and return the cases by suite."""
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    suites: dict[str, list[dict[str, Any]]] = {}
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in root:
        assert suite.tag == "testsuite", suite.tag
        cases = []
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for element in suite:
            if element.tag == "properties":
                assert all(child.tag == "property" for child in element)
                continue
            assert element.tag == "testcase", element.tag
            assert element.get("classname")
            assert element.get("name")
            float(element.get("time", "0"))
            outcome = "passed"
            children = [child.tag for child in element]
            assert len(children) <= 1, children
            if children:
                outcome = {"failure": "failed", "error": "error", "skipped": "skipped"}[children[0]]
                counts[
                    {"failed": "failures", "error": "errors", "skipped": "skipped"}[outcome]
                ] += 1
            counts["tests"] += 1
            cases.append(
                {
                    "name": element.get("name"),
                    "outcome": outcome,
                    "message": element[0].get("message") if children else None,
                    "text": element[0].text if children else None,
                }
            )
        for key, value in counts.items():
            assert int(suite.get(key, "-1")) == value, (suite.get("name"), key)
            totals[key] += value
        float(suite.get("time", "0"))
        suites[str(suite.get("name"))] = cases
    for key, value in totals.items():
        assert int(root.get(key, "-1")) == value, key
    return {"totals": totals, "suites": suites}
