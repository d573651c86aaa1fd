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


# --------------------------------------------------------------------------------------------
# The first-party ledger mappings, with files written by other tools


def _stored(store: Store, record_type: str, record_id: str) -> dict[str, object]:
    from enforcement_supervision.model import unstructure_record

    found = store.get_record(record_type, record_id)
    assert found is not None, (record_type, record_id)
    return unstructure_record(found.record)


def test_petition_ledger_from_xlsx_with_date_cells(store: Store, tmp_path: Path) -> None:
    import datetime as dt

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "2025年"
    sheet.append(["清河镇信访事项登记台账（2025年）"])
    sheet.append(
        [
            "序号",
            "登记编号",
            "办理单位编号",
            "收到日期",
            "来源",
            "信访形式",
            "信访人",
            "联系电话",
            "事项类别",
            "书面告知日期",
            "受理日期",
            "延期天数",
            "延期经负责人批准",
            "延期告知日期",
            "办结日期",
            "备注",
        ]
    )
    sheet.append(
        [
            1,
            "XF-2025-001",
            "AG-QHZ",
            dt.datetime(2025, 1, 20),
            "信访人直接提出",
            "来访",
            "赵某",
            "13600136000",
            "申诉求决",
            dt.datetime(2025, 2, 5),
            dt.datetime(2025, 2, 5),
            30,
            "是",
            dt.datetime(2025, 3, 31),
            dt.datetime(2025, 5, 6),
            "E14",
        ]
    )
    sheet.append(
        [
            2,
            "XF-2025-002",
            "AG-QHZ",
            dt.datetime(2025, 9, 26),
            "信访局转送",
            "来信",
            "钱某",
            None,
            "申诉求决",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ]
    )
    path = tmp_path / "信访台账.xlsx"
    workbook.save(path)
    report = import_file(store, path, mapping="petition-ledger")
    assert report.rejected == 0, [r.to_dict() for r in report.rejects]
    assert report.put.inserted == 2
    assert _stored(store, "petition", "XF-2025-001") == {
        "id": "XF-2025-001",
        "agency_id": "AG-QHZ",
        "received_date": "2025-01-20",
        "channel": "direct",
        "form": "visit",
        "petitioner_name": "赵某",
        "petitioner_phone": "13600136000",
        "category": "claim",
        "notice_date": "2025-02-05",
        "accepted_date": "2025-02-05",
        "extension": {"days": 30, "approved_by_head": True, "notified_date": "2025-03-31"},
        "concluded_date": "2025-05-06",
    }
    assert _stored(store, "petition", "XF-2025-002")["channel"] == "referred"


def test_litigation_ledger_from_gb18030_csv(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "应诉台账.csv"
    with path.open("w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "序号",
                "案件编号",
                "被告编号",
                "案号",
                "审级",
                "收到起诉状副本日期",
                "答辩日期",
                "社会高度关注",
                "开庭日期",
                "出庭人员",
                "负责人未出庭说明",
            ]
        )
        writer.writerow(
            [
                "1",
                "SS-2025-01",
                "AG-QHZ",
                "（2025）青0102行初45号",
                "一审",
                "2025-09-26",
                "2025-10-13",
                "是",
                "2025-11-11",
                "相应的工作人员、律师",
                "已提交",
            ]
        )
    report = import_file(store, path, mapping="litigation-ledger")
    assert report.rejected == 0, [r.to_dict() for r in report.rejects]
    assert _stored(store, "lawsuit", "SS-2025-01") == {
        "id": "SS-2025-01",
        "agency_id": "AG-QHZ",
        "case_number": "（2025）青0102行初45号",
        "instance": 1,
        "complaint_copy_received_date": "2025-09-26",
        "defence_date": "2025-10-13",
        "high_social_concern": True,
        "sessions": [
            {"date": "2025-11-11", "appeared": ["staff", "lawyer"], "absence_explanation": True}
        ],
    }


@pytest.mark.parametrize(
    ("mapping", "headers", "row", "record_type", "expected"),
    [
        (
            "reconsideration-ledger",
            ["案件编号", "被申请人编号", "审理程序", "收到申请书副本日期", "答复日期"],
            ["FY-2025-01", "AG-QHZ", "普通程序", "2025-01-24", "2025-02-14"],
            "reconsideration",
            {"procedure": "ordinary", "copy_received_date": "2025-01-24"},
        ),
        (
            "major-decision-ledger",
            ["事项编号", "决策机关编号", "决策事项名称", "事项类型", "会议类型", "集体讨论日期"],
            [
                "JC-2025-01",
                "AG-QHZ",
                "集镇农贸市场搬迁改造",
                "重大公共建设项目",
                "党政联席会议",
                "2025-10-17",
            ],
            "major-decision",
            {
                "decision_type": "public_project",
                "discussion": {"date": "2025-10-17", "meeting_type": "joint"},
            },
        ),
        (
            "normative-document-register",
            ["登记编号", "制定机关编号", "文件名称", "设定行政处罚", "公布日期", "报送备案日期"],
            ["GF-2025-01", "AG-QHZ", "村庄环境卫生管理规定", "是", "2025-09-08", "2025-10-10"],
            "normative-document",
            {"creates_penalty": True, "filed_date": "2025-10-10"},
        ),
        (
            "contract-review-ledger",
            ["合同编号", "签订单位编号", "合同名称", "合同金额（元）", "审查结论", "签订日期"],
            ["HT-2025-01", "AG-QHZ", "集镇保洁服务合同", "186000", "合法", "2025-02-18"],
            "contract",
            {"amount": "186000.00", "legality_review": {"result": "lawful"}},
        ),
    ],
)
def test_the_other_ledgers(
    store: Store,
    tmp_path: Path,
    mapping: str,
    headers: list[str],
    row: list[str],
    record_type: str,
    expected: dict[str, object],
) -> None:
    path = tmp_path / f"{mapping}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerow(row)
    report = import_file(store, path, mapping=mapping)
    assert report.rejected == 0, [r.to_dict() for r in report.rejects]
    stored = _stored(store, record_type, row[0])
    for key, value in expected.items():
        assert stored[key] == value
