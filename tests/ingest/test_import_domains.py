"""Importing the township's other record types: petitions, reconsideration and litigation,
major decisions, normative documents and contracts — JSON Lines, CSV and XLSX with the
Chinese headers the model derives, and export back to JSON Lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from enforcement_supervision.ingest import export_jsonl, import_file
from enforcement_supervision.store import Store


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


def test_jsonl_of_every_new_type(store: Store, tmp_path: Path) -> None:
    rows = [
        {
            "record_type": "reconsideration",
            "id": "FY-1",
            "agency_id": "AG-TOWN",
            "copy_received_date": "2025-09-26",
            "reply_date": "2025-10-17",
        },
        {
            "record_type": "lawsuit",
            "id": "SS-1",
            "agency_id": "AG-TOWN",
            "complaint_copy_received_date": "2025-09-26",
            "defence_date": "2025-10-13",
            "sessions": [{"date": "2025-11-20", "appeared": ["lawyer"]}],
        },
        {
            "record_type": "petition",
            "id": "XF-1",
            "agency_id": "AG-TOWN",
            "received_date": "2025-01-20",
            "channel": "direct",
            "petitioner_name": "赵某",
        },
        {
            "record_type": "major-decision",
            "id": "JC-1",
            "agency_id": "AG-TOWN",
            "title": "农贸市场搬迁",
            "discussion": {"date": "2025-05-08", "meeting_type": "joint"},
        },
        {
            "record_type": "normative-document",
            "id": "GF-1",
            "agency_id": "AG-TOWN",
            "title": "摊位管理办法",
            "creates_penalty": True,
        },
        {
            "record_type": "contract",
            "id": "HT-1",
            "agency_id": "AG-TOWN",
            "title": "保洁服务合同",
            "amount": "180000",
            "signed_date": "2025-03-01",
        },
        # a reconsideration that is not well formed: the date cannot be read
        {
            "record_type": "reconsideration",
            "id": "FY-2",
            "agency_id": "AG-TOWN",
            "copy_received_date": "2025-02-30",
        },
    ]
    path = tmp_path / "domains.jsonl"
    path.write_text(
        "\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n", encoding="utf-8"
    )
    report = import_file(store, path)
    assert report.put.inserted == 6
    assert report.rejected == 1
    assert report.rejects[0].errors[0].field == "copy_received_date"
    stored = store.get_record("reconsideration", "FY-1")
    assert stored is not None
    assert str(stored.record.reply_date) == "2025-10-17"  # type: ignore[attr-defined]
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for record_type in ("reconsideration", "contract"):
            export_jsonl(store, handle, record_type=record_type)
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {(row["record_type"], row["id"]) for row in exported} == {
        ("reconsideration", "FY-1"),
        ("contract", "HT-1"),
    }
    assert next(r for r in exported if r["id"] == "HT-1")["amount"] == "180000.00"


def test_petitions_from_csv_with_chinese_headers(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "petitions.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "编号",
                "执法主体编号",
                "收到信访事项日期",
                "信访事项来源",
                "信访人",
                "书面告知日期",
                "受理日期",
                "信访人姓名（名称）、住址不清",
                "办结日期",
            ]
        )
        writer.writerow(
            [
                "XF-1",
                "AG-TOWN",
                "2025-01-20",
                "信访人直接提出",
                "赵某",
                "2025-02-05",
                "2025-02-05",
                "否",
                "2025-04-08",
            ]
        )
        writer.writerow(["XF-2", "AG-TOWN", "2025-03-03", "上访", "钱某", "", "", "", ""])
    report = import_file(store, path, record_type="petition")
    assert report.put.inserted == 1
    assert report.rejected == 1
    assert report.rejects[0].errors[0].field == "channel"
    stored = store.get_record("petition", "XF-1")
    assert stored is not None
    petition = stored.record
    assert petition.channel == "direct"  # type: ignore[attr-defined]
    assert petition.name_address_unclear is False  # type: ignore[attr-defined]
    assert str(petition.concluded_date) == "2025-04-08"  # type: ignore[attr-defined]


def test_petition_extension_from_xlsx(store: Store, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(
        [
            "编号",
            "执法主体编号",
            "收到信访事项日期",
            "信访事项来源",
            "延长办理期限.延长天数",
            "延长办理期限.经负责人批准",
            "延长办理期限.告知日期",
        ]
    )
    sheet.append(["XF-1", "AG-TOWN", "2025-01-20", "direct", 30, "是", "2025-03-31"])
    path = tmp_path / "petitions.xlsx"
    workbook.save(path)
    report = import_file(store, path, record_type="petition")
    assert report.put.inserted == 1, report.rejects
    stored = store.get_record("petition", "XF-1")
    assert stored is not None
    extension = stored.record.extension  # type: ignore[attr-defined]
    assert (extension.days, extension.approved_by_head) == (30, True)
    assert str(extension.notified_date) == "2025-03-31"


def test_lawsuits_from_xlsx(store: Store, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["编号", "执法主体编号", "收到起诉状副本日期", "提交答辩状日期", "审理程序"])
    sheet.append(["SS-1", "AG-TOWN", "2025-09-26", "2025-10-13", "普通程序"])
    path = tmp_path / "lawsuits.xlsx"
    workbook.save(path)
    report = import_file(store, path, record_type="lawsuit")
    assert report.put.inserted == 1
    stored = store.get_record("lawsuit", "SS-1")
    assert stored is not None
    assert stored.record.procedure == "ordinary"  # type: ignore[attr-defined]
