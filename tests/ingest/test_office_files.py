"""Office files as offices make them: GB18030 CSV, XLSX with date cells, UTF-16 text.

Every input here is written by another tool (the csv module, openpyxl), never by the
project's own writer, and imported with a first-party mapping; the stored records must be
exactly those of the equivalent JSON Lines.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from enforcement_supervision.ingest import ImportFileError, import_file
from enforcement_supervision.store import Store

HEADERS = ["序号", "人员编号", "所在单位编号", "姓名", "身份证号码", "执法证号", "执法证状态"]
HEADERS += ["发证日期", "有效期至", "执法类别", "人员类别"]
ROWS: list[list[Any]] = [
    [1, "0012", "AG-QHZ", "王强", "110101199003071234", "川01000012", "有效"],
    [2, "0013", "AG-QHZ", "李丽", "11010119850612002X", "川01000013", "暂扣"],
]
DATES = [
    (dt.date(2024, 1, 1), dt.date(2027, 12, 31)),
    (dt.date(2023, 3, 15), dt.date(2026, 3, 14)),
]
SCOPES = ["township_comprehensive、market_regulation", "market_regulation"]
KINDS = ["执法人员", "辅助人员"]

EQUIVALENT = [
    {
        "record_type": "officer",
        "id": "0012",
        "agency_id": "AG-QHZ",
        "name": "王强",
        "id_number": "110101199003071234",
        "cert_number": "川01000012",
        "cert_status": "active",
        "cert_valid_from": "2024-01-01",
        "cert_valid_to": "2027-12-31",
        "cert_scope": ["township_comprehensive", "market_regulation"],
        "is_auxiliary": False,
    },
    {
        "record_type": "officer",
        "id": "0013",
        "agency_id": "AG-QHZ",
        "name": "李丽",
        "id_number": "11010119850612002X",
        "cert_number": "川01000013",
        "cert_status": "suspended",
        "cert_valid_from": "2023-03-15",
        "cert_valid_to": "2026-03-14",
        "cert_scope": ["market_regulation"],
        "is_auxiliary": True,
    },
]


def _text_rows(date_format: str) -> list[list[str]]:
    return [
        [str(v) for v in row]
        + [
            start.strftime(date_format).replace("/0", "/"),
            end.strftime(date_format).replace("/0", "/"),
            scope,
            kind,
        ]
        for row, (start, end), scope, kind in zip(ROWS, DATES, SCOPES, KINDS, strict=True)
    ]


@pytest.fixture
def reference(tmp_path: Path) -> dict[tuple[str, str], tuple[str, Any]]:
    """What the equivalent JSON Lines store: (type, id) → (content hash, payload)."""
    path = tmp_path / "reference.jsonl"
    path.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in EQUIVALENT),
        encoding="utf-8",
    )
    with Store.open(tmp_path / "reference.sqlite") as store:
        report = import_file(store, path)
        assert report.put.inserted == 2
    return _stored(tmp_path / "reference.sqlite")


def _stored(database: Path) -> dict[tuple[str, str], tuple[str, Any]]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT record_type, record_id, content_hash, payload FROM records"
        ).fetchall()
    return {(kind, rid): (digest, json.loads(text)) for kind, rid, digest, text in rows}


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


def _payloads(store: Store) -> dict[tuple[str, str], tuple[str, Any]]:
    from enforcement_supervision.model import content_hash, unstructure_record

    return {
        (s.record.record_type, s.record.id): (s.content_hash, unstructure_record(s.record))
        for s in store.iter_records()
        if content_hash(s.record) == s.content_hash
    }


def test_gb18030_csv_with_chinese_headers(
    store: Store, tmp_path: Path, reference: dict[tuple[str, str], tuple[str, Any]]
) -> None:
    path = tmp_path / "执法人员名册.csv"
    with path.open("w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["青岚县清河镇执法人员名册（2025年）"])  # a title row above the header
        writer.writerow(HEADERS)
        writer.writerows(_text_rows("%Y/%m/%d"))
    assert path.read_bytes().decode("gb18030")  # really GB18030, not UTF-8
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    report = import_file(store, path, mapping="officer-roster")
    assert (report.rows_read, report.put.inserted, report.rejected) == (2, 2, 0)
    assert _payloads(store) == reference


def test_xlsx_with_date_cells_and_leading_zero_text(
    store: Store, tmp_path: Path, reference: dict[tuple[str, str], tuple[str, Any]]
) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "说明"
    first.append(["本表为执法人员名册"])
    sheet = workbook.create_sheet("名册")
    sheet.append([])
    sheet.append(HEADERS)
    for row, (start, end), scope, kind in zip(ROWS, DATES, SCOPES, KINDS, strict=True):
        # A datetime at midnight is a date; the leading-zero id is a text cell.
        sheet.append([*row, dt.datetime.combine(start, dt.time()), end, scope, kind])
    for cells in sheet.iter_rows(min_row=3):
        cells[1].number_format = "@"
    path = tmp_path / "名册.xlsx"
    workbook.save(path)
    report = import_file(store, path, mapping="officer-roster", sheet="名册")
    assert (report.rows_read, report.put.inserted, report.rejected) == (2, 2, 0)
    assert _payloads(store) == reference
    by_number = import_file(store, path, mapping="officer-roster", sheet="2")
    assert by_number.put.unchanged == 2


def test_utf16_tab_separated_unicode_text(
    store: Store, tmp_path: Path, reference: dict[tuple[str, str], tuple[str, Any]]
) -> None:
    path = tmp_path / "名册.txt"
    with path.open("w", encoding="utf-16", newline="") as handle:  # with a byte-order mark
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(HEADERS)
        writer.writerows(_text_rows("%Y年%m月%d日"))
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    report = import_file(store, path, mapping="officer-roster")
    assert (report.rows_read, report.put.inserted, report.rejected) == (2, 2, 0)
    assert _payloads(store) == reference


def test_an_id_number_stored_as_a_number_is_rejected_with_how_to_fix(
    store: Store, tmp_path: Path
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADERS[1:5])
    sheet.append(["0012", "AG-QHZ", "王强", 110101199003071234])  # a number: digits lost
    sheet.append(["0013", "AG-QHZ", "李丽", "11010119850612002X"])
    path = tmp_path / "ids.xlsx"
    workbook.save(path)
    report = import_file(store, path, mapping="officer-roster")
    assert (report.put.inserted, report.rejected) == (1, 1)
    (reject,) = report.rejects
    assert reject.line == 2
    (error,) = reject.errors
    assert error.field == "id_number"
    assert "身份证号码" in error.reason_zh
    assert "lost digits" in error.reason_en
    assert "format the column as text" in error.reason_en
    assert "文本" in error.reason_zh


def test_a_non_midnight_datetime_in_a_date_field_is_an_error(store: Store, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["人员编号", "所在单位编号", "姓名", "有效期至"])
    sheet.append(["01", "AG", "王强", dt.datetime(2027, 12, 31, 15, 30)])
    path = tmp_path / "dt.xlsx"
    workbook.save(path)
    report = import_file(store, path, mapping="officer-roster")
    assert report.rejected == 1
    assert "not cut off" in report.rejects[0].errors[0].reason_en
    assert report.rejects[0].errors[0].field == "cert_valid_to"


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("2025-06-01", "2025-06-01"),
        ("2025/6/1", "2025-06-01"),
        ("2025.6.1", "2025-06-01"),
        ("2025年6月1日", "2025-06-01"),
        ("2025/6/1 0:00", "2025-06-01"),
        ("06/01/2025", None),
        ("25/6/1", None),
        ("20250601", None),
        ("2025/2/30", None),
        ("2025/6/1 10:30", None),
    ],
)
def test_office_date_forms(store: Store, tmp_path: Path, text: str, accepted: str | None) -> None:
    path = tmp_path / "d.csv"
    path.write_text(f"人员编号,所在单位编号,姓名,有效期至\n01,AG,王强,{text}\n", encoding="utf-8")
    report = import_file(store, path, mapping="officer-roster")
    if accepted is None:
        assert report.rejected == 1
        error = report.rejects[0].errors[0]
        assert error.value == text
        assert "有效期至" in error.reason_zh  # the column
        assert report.rejects[0].line == 2  # the row
    else:
        assert report.rejected == 0
        stored = store.get_record("officer", "01")
        assert stored is not None
        assert stored.record.cert_valid_to == dt.date.fromisoformat(accepted)


def test_repeated_group_constants_and_defaults(store: Store, tmp_path: Path) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        """
record_type = "penalty-case"
ignore = ["序号"]
[columns]
"编号" = "id"
"当事人" = "party.name"
"承办人一" = "investigator_ids[1]"
"承办人二" = "investigator_ids[2]"
"程序" = { field = "decision.procedure", values = { "一般程序" = "ordinary" } }
"决定日期" = "decision.decision_date"
"罚款" = "decision.fine_amount"
[constants]
"party.type" = "legal_person"
[defaults]
agency_id = "AG-QHZ"
""",
        encoding="utf-8",
    )
    path = tmp_path / "ledger.csv"
    path.write_text(
        "序号,编号,当事人,承办人一,承办人二,程序,决定日期,罚款\n"
        '1,PC-1,清河商店,OF-1,OF-2,一般程序,2025/6/1,"1,000.50"\n'
        "2,PC-2,青岚公司,OF-3,,快速程序,2025/6/1,200\n",
        encoding="utf-8",
    )
    report = import_file(store, path, mapping=mapping)
    assert (report.put.inserted, report.rejected) == (1, 1)
    stored = store.get_record("penalty-case", "PC-1")
    assert stored is not None
    record: Any = stored.record
    assert record.investigator_ids == ("OF-1", "OF-2")
    assert record.agency_id == "AG-QHZ"
    assert record.party.type == "legal_person"
    assert str(record.decision.fine_amount) == "1000.50"
    (reject,) = report.rejects
    assert reject.line == 3
    assert reject.errors[0].field == "decision.procedure"
    assert reject.errors[0].value == "快速程序"


def test_full_width_numbers_read_as_half_width(store: Store, tmp_path: Path) -> None:
    """Amounts typed with a Chinese input method (１０００, ２００．５０, 1，000) read as the
    same numbers, as full-width dates do; a full-width minus is still refused (no negative
    amounts), naming the field and the value."""
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        """
record_type = "penalty-case"
[columns]
"编号" = "id"
"决定日期" = "decision.decision_date"
"罚款" = "decision.fine_amount"
[constants]
"party.type" = "legal_person"
"party.name" = "清河商店"
"decision.procedure" = "ordinary"
[defaults]
agency_id = "AG-QHZ"
""",
        encoding="utf-8",
    )
    path = tmp_path / "ledger.csv"
    path.write_text(
        "编号,决定日期,罚款\n"
        "PC-1,２０２５年６月１日,１０００\n"
        "PC-2,2025/6/1,２００．５０\n"
        'PC-3,2025/6/1,"1，000"\n'
        "PC-4,2025/6/1,－５\n",
        encoding="gb18030",
    )
    report = import_file(store, path, mapping=mapping)
    assert (report.put.inserted, report.rejected) == (3, 1)
    amounts = {}
    for record_id in ("PC-1", "PC-2", "PC-3"):
        stored = store.get_record("penalty-case", record_id)
        assert stored is not None
        amounts[record_id] = str(stored.record.decision.fine_amount)
    assert amounts == {"PC-1": "1000.00", "PC-2": "200.50", "PC-3": "1000.00"}
    (reject,) = report.rejects
    assert (reject.line, reject.errors[0].field) == (5, "decision.fine_amount")


def test_bad_mapping_names_the_field(tmp_path: Path) -> None:
    from enforcement_supervision.ingest import ColumnMapError, load_mapping

    bad = tmp_path / "bad.toml"
    bad.write_text('record_type = "officer"\n[columns]\n"工号" = "nme"\n', encoding="utf-8")
    with pytest.raises(ColumnMapError, match="nme"):
        load_mapping(bad)


def test_undecodable_row_is_a_reject_naming_the_byte_offset(store: Store, tmp_path: Path) -> None:
    # Issue 19: a line that does not decode is a reject like any other, not the whole file.
    path = tmp_path / "bad.csv"
    path.write_bytes("人员编号,所在单位编号,姓名\n01,AG,".encode() + b"\x80\xff\xfe\n")
    for forced in (None, "utf-8"):
        report = import_file(store, path, mapping="officer-roster", encoding=forced)
        assert (report.rows_read, report.rejected) == (1, 1)
        (reject,) = report.rejects
        assert reject.line == 2
        assert "cannot be decoded as utf-8: byte 6 of the line (0x80)" in reject.reason
        assert "\\x80\\xff\\xfe" in reject.text
        assert json.loads(report.rejects_path.read_text("utf-8"))["line"] == 2  # type: ignore[union-attr]
    assert store.count_records() == {}


def test_undecodable_first_line_names_the_file_and_byte_offset(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes("人员编号,所在单位编号,姓名".encode() + b"\x80\xff\xfe\n01,AG,x\n")
    with pytest.raises(ImportFileError) as raised:
        import_file(store, path, mapping="officer-roster")
    message = raised.value.message_en
    assert str(path) in message
    assert "offset 38" in message  # the first byte UTF-8 cannot decode
    with pytest.raises(ImportFileError, match="offset 38"):
        import_file(store, path, mapping="officer-roster", encoding="utf-8")
    assert store.count_records() == {}


def test_utf16_without_a_mark_is_refused_not_misread(tmp_path: Path) -> None:
    from enforcement_supervision.ingest import detect_encoding

    path = tmp_path / "x.csv"
    path.write_bytes("人员编号,姓名\n01,王强\n".encode("utf-16-le"))
    with pytest.raises(ImportFileError, match="UTF-16"):
        detect_encoding(path)
    assert detect_encoding(path, "utf-16-le") == "utf-16-le"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("gb2312", "gb18030"),
        ("utf-16", "utf-16"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, expected: str) -> None:
    from enforcement_supervision.ingest import detect_encoding

    path = tmp_path / "x.csv"
    text = "人员编号,所在单位编号,姓名,职务\n01,AG,王强,执法大队队长\n02,AG,李丽,副所长\n"
    path.write_bytes(text.encode(encoding))
    assert detect_encoding(path) == expected
    assert path.read_bytes().decode(detect_encoding(path)).lstrip("\ufeff") == text


def test_csv_row_with_more_cells_than_headers_is_rejected(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("人员编号,所在单位编号,姓名\n01,AG,王强,多余\n02,AG,李丽\n", encoding="utf-8")
    report = import_file(store, path, mapping="officer-roster")
    assert (report.put.inserted, report.rejected) == (1, 1)
    assert "more than the 3 columns" in report.rejects[0].errors[0].reason_en
    assert report.accounted
