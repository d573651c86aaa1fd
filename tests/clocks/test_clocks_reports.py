"""The clocks in the reports: the "即将到期" section of the HTML report, the reminder letters
(提醒函) in the notice layout, the JSON report's ``clocks`` (valid against the schema)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jsonschema
import pytest

from enforcement_supervision import reports
from enforcement_supervision.config import Config
from enforcement_supervision.reports._clocks import build_reminders
from enforcement_supervision.store import Store

from .conftest import LATE_CASE, LICENCE

#: What people must never read in a Chinese report: rule ids, record-type slugs, record ids.
SLUGS = re.compile(r"PEN-|LIC-|penalty-case|licence-application|PC-2025|LA-2025|AG-QL")


def body_text(page: str, start: str = "<body", end: str = "</body>") -> str:
    part = page[page.index(start) : page.index(end, page.index(start))]
    return html.unescape(re.sub(r"<[^>]+>", "\n", part))


@pytest.fixture(scope="module")
def data(database: Path, sample_config: Config) -> reports.ReportData:
    with Store.open(database) as store:
        built = reports.build_report_data(store, config=sample_config)
        assert built.findings is not None  # read (and kept) while the store is open
        return built


def test_report_data_carries_the_clocks_with_their_lights(data: reports.ReportData) -> None:
    assert str(data.as_of) == "2025-10-20"
    yellow = {(c.subject_id, c.rule_id) for c in data.clocks if c.light == "yellow"}
    assert yellow == {(LATE_CASE, "PEN-DECISION-90D"), (LICENCE, "LIC-DECISION-20WD")}


def test_html_section_lists_them_by_agency_in_chinese(data: reports.ReportData) -> None:
    from enforcement_supervision.reports._html import render_html_text

    page = render_html_text(data)
    section = body_text(page, 'id="expiring"', "</section>")
    assert "即将到期" in section
    assert "青岚县卫生健康局（2）" in section
    assert "黄灯" in section
    assert "2025年10月22日" in section
    assert "剩余2日" in section
    assert "2025年10月24日" in section
    assert "剩余4个工作日" in section
    assert "2025年10月20日起黄灯：剩余4个工作日" in section
    assert not SLUGS.search(section), SLUGS.search(section)


def test_reminder_letter_per_agency_lists_its_yellow_clocks(
    data: reports.ReportData, tmp_path: Path
) -> None:
    [letter] = build_reminders(data)
    assert letter.title == "行政执法期限提醒函"
    assert letter.addressee == "青岚县卫生健康局："
    assert [item.deadline.isoformat() for item in letter.items] == ["2025-10-22", "2025-10-24"]
    written = reports.render("notice", data, tmp_path)
    [page] = [p for p in written if p.name.startswith("行政执法期限提醒函") and p.suffix == ".html"]
    text = body_text(page.read_text(encoding="utf-8"))
    assert "一、即将到期的事项" in text
    assert (
        "九十日办案期限：2025年7月24日立案，至2025年10月22日届满，截至2025年10月20日剩余2日。"
        in text
    )
    assert (
        "许可决定期限：2025年9月22日受理，至2025年10月24日届满，截至2025年10月20日剩余4个工作日。"
        in text
    )
    assert "二、工作要求" in text
    assert not SLUGS.search(text), SLUGS.search(text)
    assert any(p.name == f"{page.stem}.docx" for p in written)


def test_json_report_carries_the_clocks(data: reports.ReportData, tmp_path: Path) -> None:
    [out] = reports.render("json", data, tmp_path / "report.json")
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(document, reports.report_schema())
    assert document["schema_version"] == "1.2"
    yellow = [
        (c["subject_id"], c["due_date"], c["left"])
        for c in document["clocks"]
        if c["light"] == "yellow"
    ]
    assert sorted(yellow) == [(LICENCE, "2025-10-24", 4), (LATE_CASE, "2025-10-22", 2)]
