"""Import with honest validation: valid rows land, bad rows are listed, nothing is lost."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from enforcement_supervision.ingest import (
    ColumnMapError,
    ImportFileError,
    export_jsonl,
    import_file,
    rejects_path_for,
)
from enforcement_supervision.store import Store


def _officer(i: int) -> dict[str, object]:
    return {
        "record_type": "officer",
        "id": f"OF-{i:03d}",
        "agency_id": "AG-TOWN",
        "name": f"执法员{i}",
        "cert_number": f"川01{i:05d}",
        "cert_status": "active",
        "cert_valid_from": "2024-01-01",
        "cert_valid_to": "2027-12-31",
        "training": [{"year": 2025, "hours": 64}],
    }


def _write_jsonl(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


@pytest.fixture
def hundred_with_three_broken(tmp_path: Path) -> Path:
    rows = [json.dumps(_officer(i), ensure_ascii=False) for i in range(100)]
    rows[9] = rows[9].replace('"2027-12-31"', '"2027-02-30"')  # line 10: impossible date
    rows[49] = '{"record_type": "officer", "id": "OF-049", "agency_id": '  # line 50: cut JSON
    bad = _officer(79)
    bad["cert_status"] = "borrowed"  # line 80: not an enumeration value
    rows[79] = json.dumps(bad, ensure_ascii=False)
    return _write_jsonl(tmp_path / "officers.jsonl", rows)


def test_hundred_rows_three_broken(store: Store, hundred_with_three_broken: Path) -> None:
    report = import_file(store, hundred_with_three_broken)
    assert report.rows_read == 100
    assert report.put.inserted == 97
    assert report.rejected == 3
    assert report.accounted
    assert store.count_records() == {"officer": 97}
    rejects_file = rejects_path_for(hundred_with_three_broken)
    assert report.rejects_path == rejects_file
    lines = [json.loads(line) for line in rejects_file.read_text(encoding="utf-8").splitlines()]
    assert [entry["line"] for entry in lines] == [10, 50, 80]
    by_line = {entry["line"]: entry for entry in lines}
    assert by_line[10]["record_id"] == "OF-009"
    assert by_line[10]["errors"][0]["field"] == "cert_valid_to"
    assert by_line[10]["errors"][0]["value"] == "2027-02-30"
    assert by_line[10]["errors"][0]["reason_zh"]
    assert by_line[10]["errors"][0]["reason_en"]
    assert "JSON" in by_line[50]["errors"][0]["reason_en"]
    assert by_line[80]["errors"][0]["field"] == "cert_status"
    assert "active" in by_line[80]["errors"][0]["reason_en"]  # names the allowed values


def test_importing_the_same_file_again_stores_nothing_new(
    store: Store, hundred_with_three_broken: Path
) -> None:
    import_file(store, hundred_with_three_broken)
    watermark = store.record_watermark()
    again = import_file(store, hundred_with_three_broken)
    assert (again.put.inserted, again.put.updated, again.put.unchanged) == (0, 0, 97)
    assert again.rejected == 3
    assert store.record_watermark() == watermark


def test_changed_record_gets_a_new_version(store: Store, tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "a.jsonl", [json.dumps(_officer(1), ensure_ascii=False)])
    import_file(store, path)
    changed = _officer(1)
    changed["name"] = "改了名字"
    _write_jsonl(path, [json.dumps(changed, ensure_ascii=False)])
    report = import_file(store, path)
    assert report.put.updated == 1
    assert [s.version for s in store.record_history("officer", "OF-001")] == [1, 2]
    assert not rejects_path_for(path).exists()


def test_same_record_twice_in_one_file_becomes_two_versions(store: Store, tmp_path: Path) -> None:
    second = _officer(1)
    second["name"] = "第二行"
    path = _write_jsonl(
        tmp_path / "dup.jsonl",
        [json.dumps(_officer(1), ensure_ascii=False), json.dumps(second, ensure_ascii=False)],
    )
    report = import_file(store, path)
    assert report.accounted
    stored = store.get_record("officer", "OF-001")
    assert stored is not None
    assert stored.version == 2
    assert stored.record.name == "第二行"


def test_semantically_odd_data_is_accepted(store: Store, tmp_path: Path) -> None:
    odd = _officer(1)
    odd["cert_valid_from"], odd["cert_valid_to"] = "2030-01-01", "2020-01-01"
    report = import_file(store, _write_jsonl(tmp_path / "odd.jsonl", [json.dumps(odd)]))
    assert report.put.inserted == 1
    assert report.rejected == 0


def test_row_without_type_and_unknown_type_are_rejected(store: Store, tmp_path: Path) -> None:
    untyped = _officer(1)
    del untyped["record_type"]
    wrong = _officer(2)
    wrong["record_type"] = "unicorn"
    path = _write_jsonl(tmp_path / "t.jsonl", [json.dumps(untyped), json.dumps(wrong)])
    report = import_file(store, path)
    assert [r.errors[0].field for r in report.rejects] == ["record_type", "record_type"]
    assert "unknown record type" in report.rejects[1].errors[0].reason_en
    typed = import_file(store, path, record_type="officer")
    assert typed.put.inserted == 1  # the untyped row now has a type; "unicorn" still rejected
    assert typed.rejected == 1


def test_missing_file_and_unknown_format_are_clear_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="not found"):
        import_file(store, tmp_path / "nope.jsonl")
    other = tmp_path / "data.dat"
    other.write_text("x")
    with pytest.raises(ImportFileError, match="--format"):
        import_file(store, other)


def test_csv_with_chinese_headers_and_labels(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "officers.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["编号", "执法主体编号", "姓名", "执法证状态", "执法证有效期至", "辅助人员"]
        )
        writer.writerow(["OF-1", "AG-TOWN", "王强", "有效", "2027-12-31", "否"])
        writer.writerow(["OF-2", "AG-TOWN", "李四", "active", "2027-12-31", "maybe"])
    report = import_file(store, path, record_type="officer")
    assert report.put.inserted == 1
    assert report.rejected == 1
    assert report.rejects[0].line == 3
    assert report.rejects[0].errors[0].field == "is_auxiliary"
    stored = store.get_record("officer", "OF-1")
    assert stored is not None
    assert stored.record.cert_status == "active"
    assert stored.record.is_auxiliary is False


def test_csv_unknown_header_is_an_error_for_the_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("编号,所属执法主体,姓名,血型\nOF-1,AG,王强,A\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="血型") as raised:
        import_file(store, path, record_type="officer")
    assert "所属执法主体" in raised.value.message_zh
    assert store.count_records() == {}


def test_column_map_file(store: Store, tmp_path: Path) -> None:
    mapping = tmp_path / "columns.toml"
    mapping.write_text('[officer]\n"工号" = "id"\n"单位" = "agency_id"\n', encoding="utf-8")
    path = tmp_path / "o.csv"
    path.write_text("工号,单位,姓名\nOF-7,AG-TOWN,钱七\n", encoding="utf-8")
    report = import_file(store, path, record_type="officer", column_map=mapping)
    assert report.put.inserted == 1
    bad = tmp_path / "bad.toml"
    bad.write_text('[officer]\n"工号" = "nonexistent"\n', encoding="utf-8")
    with pytest.raises(ColumnMapError, match="nonexistent"):
        import_file(store, path, record_type="officer", column_map=bad)


def test_xlsx_import(store: Store, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["编号", "执法主体编号", "姓名", "执法证有效期至"])
    sheet.append(["OF-1", "AG-TOWN", "王强", "2027-12-31"])
    sheet.append(["OF-2", "AG-TOWN", "李四", "not a date"])
    path = tmp_path / "officers.xlsx"
    workbook.save(path)
    report = import_file(store, path, record_type="officer")
    assert report.put.inserted == 1
    assert report.rejects[0].line == 3
    assert report.rejects[0].errors[0].field == "cert_valid_to"


def test_export_round_trips(store: Store, tmp_path: Path, hundred_with_three_broken: Path) -> None:
    import_file(store, hundred_with_three_broken)
    out = tmp_path / "export.jsonl"
    assert export_jsonl(store, out) == 97
    with Store.open(tmp_path / "other.sqlite") as other:
        report = import_file(other, out)
        assert report.put.inserted == 97
        assert report.rejected == 0
        again = import_file(store, out)
        assert again.put.unchanged == 97
