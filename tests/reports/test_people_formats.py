"""What people read is official Chinese: every people-facing format (HTML report, notices as
.docx and .html, the XLSX ledger, Markdown) of the sample township — as ``make demo`` writes
them — and of a second township with other agencies, sectors and settings is scanned for
Latin letters outside the official numbers the records hold and units."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_supervision.cli import main
from enforcement_supervision.config import Config
from enforcement_supervision.reports import build_report_data, render
from enforcement_supervision.reports.vocabulary import people_text, week_label
from enforcement_supervision.store import Store

from .latin import has_formula, latin_runs, official_numbers, people_files, visible_text
from .related import (
    HOSTILE,
    agency_findings_store,
    agency_manager,
    hostile_markdown_data,
    second_township,
)

PEOPLE_FORMATS = {
    "html": "report.html",
    "notice": "notices",
    "xlsx": "ledger.xlsx",
    "md": "report.md",
}


def esup(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def scan(folder: Path, payloads: list[dict[str, object]]) -> dict[str, list[str]]:
    allowed = official_numbers(payloads)
    found = {}
    for path in people_files(folder):
        runs = latin_runs(visible_text(path), allowed)
        if runs:
            found[path.name] = runs[:10]
    return found


def _sample_payloads() -> list[dict[str, object]]:
    from enforcement_supervision import sample
    from enforcement_supervision.model import unstructure_record

    return [unstructure_record(record) for record in sample.generate_township()]


def test_the_sample_township_reads_in_official_chinese(
    sample_store: Store, sample_config: Config, tmp_path: Path
) -> None:
    data = build_report_data(sample_store, config=sample_config)
    for fmt, name in PEOPLE_FORMATS.items():
        render(fmt, data, tmp_path / name)
    files = people_files(tmp_path)
    assert {path.suffix for path in files} == {".html", ".docx", ".xlsx", ".md"}
    assert scan(tmp_path, _sample_payloads()) == {}
    texts = "\n".join(visible_text(path) for path in files)
    assert "未指明执法主体" not in texts
    assert "行政强制措施" in texts  # record types by name
    assert "行政处罚案件" in texts
    assert "2025年6月第1周" in texts  # ISO weeks as officials name them


def test_a_second_township_reads_in_official_chinese(tmp_path: Path) -> None:
    records, config, payloads = second_township(tmp_path / "township")
    db = str(tmp_path / "esup.sqlite")
    esup("--db", db, "init")
    esup("--db", db, "import", str(records))
    esup("--config", str(config), "--db", db, "check", "--as-of", "2025-12-31", "--fail-on", "none")
    out = tmp_path / "out"
    outputs = {}
    for fmt, name in PEOPLE_FORMATS.items():
        outputs[fmt] = esup(
            "--config", str(config), "--db", db, "report", "--format", fmt, "--out", str(out / name)
        )
    assert scan(out, payloads) == {}
    texts = {path: visible_text(path) for path in people_files(out)}
    everything = "\n".join(texts.values())
    assert "青岚" not in everything
    assert "花溪县交通运输局" in everything
    assert "受港航物流（县级）检查" in everything  # a sector named by [reports.sectors]
    assert "未指明执法主体" not in everything
    # notices: the second township's series and title, split by month where too long
    notices = sorted((out / "notices").glob("*.docx"))
    assert notices
    assert all(path.name.startswith("行政执法监督整改通知书-") for path in notices)
    numbers = {
        line for path in notices for line in texts[path].splitlines() if line.startswith("花府监")
    }
    assert len(numbers) == len(notices)  # one number each, from one series
    assert any("〕12号" in number for number in numbers)
    assert any("年" in path.stem.rsplit("-", 1)[-1] for path in notices)  # split by month
    assert all("花溪县人民政府办公室（盖章）" in texts[path] for path in notices)
    # the HTML report: an overview and parts by agency, and it says so
    assert "分册" in outputs["html"]
    assert (out / "report-分册").is_dir()
    assert "已按执法主体分册" in texts[out / "report.html"]


def test_people_text_writes_out_what_rules_wrote() -> None:
    names = {"AG-QL-SCJG": "青岚县市场监督管理局", "E-014": "青岚县清河富民宾馆有限公司"}.get
    assert (
        people_text("机关 AG-QL-SCJG 对企业 E-014 于 2025-06-03 和 2025-06-06 分别检查", names)
        == "机关青岚县市场监督管理局对企业青岚县清河富民宾馆有限公司"
        "于2025年6月3日和2025年6月6日分别检查"
    )
    assert people_text("企业 E-014 在 2025-W23 周被检查 4 次", names) == (
        "企业青岚县清河富民宾馆有限公司在2025年6月第1周（6月2日至6月8日）被检查4次"
    )
    assert people_text("受health（county）检查") == "受卫生健康（县级）检查"
    assert people_text("2025Q2 未收集") == "2025年第二季度未收集"
    assert people_text("在 2025-06 月被检查") == "在2025年6月被检查"
    assert people_text("（S4 提示）") == "（四级提示）"
    assert people_text("SQ2025001 的申请") == "SQ2025001的申请"  # official numbers stay
    # a week belongs to the month of its Thursday
    assert week_label(2025, 1).startswith("2025年1月第1周")  # 2024-12-30 .. 2025-01-05
    assert week_label(2025, 5).startswith("2025年1月第5周")  # 2025-01-27 .. 2025-02-02
    assert week_label(2026, 53).startswith("2026年12月第5周")
    assert date.fromisocalendar(2025, 23, 1) == date(2025, 6, 2)


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    """An agency named with markup, a party named like a formula: Markdown escapes the
    markup, the ledger writes text (no formula element, OWASP's quote in front)."""
    data = hostile_markdown_data(tmp_path)
    [ledger] = render("xlsx", data, tmp_path / "ledger.xlsx")
    assert not has_formula(ledger)
    import openpyxl

    cells = [
        str(value)
        for sheet in openpyxl.load_workbook(ledger).worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    assert any(cell.startswith("'=cmd") or "=cmd" in cell for cell in cells)
    assert not any(cell.startswith("=") for cell in cells)
    [md] = render("md", data, tmp_path / "report.md")
    text = md.read_text(encoding="utf-8")
    assert "<img" not in text
    assert HOSTILE not in text
    [html] = render("html", data, tmp_path / "report.html")
    assert "<img src=x" not in html.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x", '=HYPERLINK("http://x")']
)
def test_no_formula_from_any_hostile_start(value: str, tmp_path: Path) -> None:
    from enforcement_supervision.reports._xlsxwriter import Sheet, XlsxBook

    book = XlsxBook()
    sheet = book.add(Sheet("台账"))
    sheet.append([value, 1, date(2025, 1, 2)])
    book.save(tmp_path / "x.xlsx")
    assert not has_formula(tmp_path / "x.xlsx")
    import openpyxl

    cell = openpyxl.load_workbook(tmp_path / "x.xlsx").worksheets[0]["A1"]
    assert cell.data_type == "s"
    assert cell.value == "'" + value


def test_notice_files_are_unique_and_readable() -> None:
    from enforcement_supervision.reports._files import UniqueNames

    names = UniqueNames()
    first = names.stem("行政执法监督意见书-AG/QL", "AG/QL")
    second = names.stem("行政执法监督意见书-AG QL", "AG QL")
    third = names.stem("行政执法监督意见书-ag_ql", "ag_ql")
    assert "/" not in first
    assert "\\" not in first
    assert len({first.casefold(), second.casefold(), third.casefold()}) == 3
    assert first.startswith("行政执法监督意见书-AG")
    assert names.stem("../../etc/passwd", "x").startswith("etc_passwd")
    assert json.dumps(names.stem("", "y"))


def test_findings_without_an_agency_are_addressed(tmp_path: Path) -> None:
    """A finding about an agency that does not carry one goes to that agency; a township-wide
    finding (an enterprise inspected by several agencies) to the township's own office; no
    notice leaves a finding out."""
    store, config = agency_findings_store(tmp_path / "agencies.sqlite")
    with store:
        data = build_report_data(store, config=config, manager=agency_manager())
        township_wide = [row for row in data.findings if row.finding.agency_id is None]
        assert [row.finding.subject.key for row in township_wide][-1] == "enterprise/E-1"
        addressed = {row.finding.subject.key: row.addressed_to for row in data.findings}
        assert addressed == {
            "agency/AG-T": "AG-T",
            "agency/AG-X": "AG-X",
            "enterprise/E-1": "AG-T",
        }
        paths = render("notice", data, tmp_path / "notices")
        texts = {path.name: visible_text(path) for path in paths if path.suffix == ".docx"}
        assert sorted(texts) == [
            "行政执法监督意见书-石门乡人民政府.docx",
            "行政执法监督意见书-花溪县交通运输局.docx",
        ]
        assert "企业花溪县永昌物流有限公司" in texts["行政执法监督意见书-石门乡人民政府.docx"]
        assert "事前公开" in texts["行政执法监督意见书-花溪县交通运输局.docx"]
        only = build_report_data(store, config=config, manager=agency_manager(), agency="AG-X")
        assert only.summary.total == 1
        assert [row.addressed_to for row in only.findings] == ["AG-X"]
