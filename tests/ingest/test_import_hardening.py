"""A bad line is a reject like any other: never a traceback, never a lost batch (issue 19)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcement_supervision.ingest import import_file
from enforcement_supervision.ingest._fast import decode_line, from_mapping
from enforcement_supervision.model import RecordValidationError, structure_record
from enforcement_supervision.model._convert import canonical_json, unstructure_record
from enforcement_supervision.store import Store


def _officer(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "record_type": "officer",
        "id": f"OF-{i:05d}",
        "agency_id": "AG-TOWN",
        "name": f"执法员{i}",
        "cert_status": "active",
        **extra,
    }


def _line(row: dict[str, Any]) -> bytes:
    return json.dumps(row, ensure_ascii=False).encode("utf-8")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


BAD_LINES: dict[str, bytes] = {
    "invalid UTF-8": _line(_officer(1)).replace("执法员".encode(), b"\xb1\xa8\xff"),
    "lone surrogate": b'{"record_type": "officer", "id": "OF-S", "agency_id": "AG", '
    b'"name": "\\udc80"}',
    "deeply nested": b"[" * 200_000,
    "not an object": b'["officer", "OF-1"]',
    "number": b"42",
    "cut JSON": b'{"record_type": "officer", "id": ',
}


@pytest.mark.parametrize("name", list(BAD_LINES))
def test_a_bad_line_among_5000_loses_nothing_else(store: Store, tmp_path: Path, name: str) -> None:
    lines = [_line(_officer(i)) for i in range(5000)]
    lines[4499] = BAD_LINES[name]
    path = tmp_path / "officers.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    report = import_file(store, path)
    assert report.rows_read == 5000
    assert report.put.inserted == 4999
    assert report.rejected == 1
    assert report.accounted
    assert store.count_records() == {"officer": 4999}
    (reject,) = report.rejects
    assert reject.line == 4500
    assert reject.errors[0].reason_en
    assert reject.errors[0].reason_zh
    rejects = [json.loads(x) for x in report.rejects_path.read_text("utf-8").splitlines()]  # type: ignore[union-attr]
    assert [r["line"] for r in rejects] == [4500]


def test_the_reasons_say_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(BAD_LINES.values()) + b"\n")
    report = import_file(None, path, dry_run=True)
    reasons = [r.errors[0].reason_en for r in report.rejects]
    assert "not valid UTF-8: byte" in reasons[0]
    assert reasons[1] == "text holds a lone surrogate (not valid Unicode)"
    assert report.rejects[1].errors[0].field == "name"
    assert "nested too deeply" in reasons[2]
    assert reasons[3] == reasons[4] == "each line must be a JSON object"
    assert "not valid JSON" in reasons[5]


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("200\n", "expected an amount"),
        ("+200", "expected an amount"),
        ("0200", "expected an amount"),
        (" 200", "expected an amount"),
        ("1,000.00", "expected an amount"),
        ("1" * 40, "out of range"),
        (10**40, "out of range"),
        (1e20, "out of range"),
        ("-50", "must not be negative"),
        ("200.001", "more than two decimal places"),
    ],
)
def test_amounts_that_are_rejected(amount: Any, reason: str) -> None:
    data = {"id": "PC-1", "agency_id": "AG", "party": {"type": "legal_person", "name": "X"}}
    data["payment"] = {"amount_paid": amount}
    with pytest.raises(RecordValidationError) as raised:
        structure_record("penalty-case", data)
    (error,) = raised.value.errors
    assert error.field == "payment.amount_paid"
    assert reason in error.reason_en


@pytest.mark.parametrize(
    ("amount", "stored"),
    [("200", "200.00"), ("200.5", "200.50"), (200, "200.00"), (200.5, "200.50"), ("0.10", "0.10")],
)
def test_amounts_that_are_accepted(amount: Any, stored: str) -> None:
    data = {"id": "PC-1", "agency_id": "AG", "party": {"type": "legal_person", "name": "X"}}
    data["payment"] = {"amount_paid": amount}
    payload = unstructure_record(structure_record("penalty-case", data))
    assert payload["payment"]["amount_paid"] == stored


def test_long_identifiers_are_rejected_at_import(store: Store, tmp_path: Path) -> None:
    row = _officer(1)
    row["id"] = "OF-" + "Y" * 260
    path = tmp_path / "long.jsonl"
    path.write_bytes(_line(row) + b"\n" + _line(_officer(2)) + b"\n")
    report = import_file(store, path)
    assert (report.put.inserted, report.rejected) == (1, 1)
    assert report.rejects[0].errors[0].field == "id"
    assert "at most 128" in report.rejects[0].errors[0].reason_en


# --- the fast path agrees with the reference path on hostile input --------------------------

_TEXT = st.text(max_size=12)
_HOSTILE = st.one_of(
    _TEXT,
    st.sampled_from(["", " ", "\u3000", "\t\n", "\x00", "=cmd|' /C calc'!A0", "\u2028", "\ufeff"]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.lists(_TEXT, max_size=3),
)
_FIELDS = ["id", "agency_id", "name", "id_number", "cert_status", "cert_valid_to", "is_auxiliary"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(_FIELDS), _HOSTILE, max_size=7))
def test_fast_path_never_disagrees_with_the_reference_path(values: dict[str, Any]) -> None:
    data: dict[str, Any] = {"id": "OF-1", "agency_id": "AG", "name": "王强", **values}
    try:
        record = structure_record("officer", data)
        expected: bytes | None = canonical_json(unstructure_record(record))
    except (RecordValidationError, UnicodeEncodeError, ValueError, OverflowError):
        expected = None
    for fast in (
        from_mapping("officer", data),
        decode_line(json.dumps({"record_type": "officer", **data}).encode(), None)
        if _json_ok(data)
        else None,
    ):
        if fast is not None:
            assert expected is not None, data
            assert fast.payload == expected


def _json_ok(data: dict[str, Any]) -> bool:
    try:
        json.dumps(data, allow_nan=False)
    except ValueError:
        return False
    return True


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=20))
def test_hostile_cells_and_lines_are_stored_or_rejected_never_raised(
    tmp_path: Path, cells: list[str]
) -> None:
    csv_path = tmp_path / "hostile.csv"
    import csv

    with csv_path.open("w", encoding="utf-8", newline="", errors="surrogatepass") as handle:
        writer = csv.writer(handle)
        writer.writerow(["人员编号", "所在单位编号", "姓名", "职务"])
        for index, cell in enumerate(cells):
            writer.writerow([f"OF-{index}", "AG", cell or "x", cell])
    jsonl_path = tmp_path / "hostile.jsonl"
    jsonl_path.write_bytes(
        b"\n".join(cell.encode("utf-8", "surrogatepass") for cell in cells) + b"\n"
    )
    from enforcement_supervision.errors import EsupError

    for path, options in ((csv_path, {"mapping": "officer-roster"}), (jsonl_path, {})):
        try:
            report = import_file(None, path, dry_run=True, **options)  # type: ignore[arg-type]
        except EsupError:
            continue  # a one-line error for the file is fine; anything else fails the test
        assert report.accounted


def _officer_csv_rows(count: int) -> list[str]:
    return [f"OF-{i:05d},AG-TOWN,执法员{i},active" for i in range(count)]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_gbk_row_in_a_utf8_csv_of_5000_loses_nothing_else(
    store: Store, tmp_path: Path, workers: int
) -> None:
    rows = [line.encode("utf-8") for line in _officer_csv_rows(5000)]
    rows[4499] = "OF-04499,AG-TOWN,执法员甲,active".encode("gbk")  # pasted from a GBK file
    path = tmp_path / "officers.csv"
    path.write_bytes(b"id,agency_id,name,cert_status\n" + b"\n".join(rows) + b"\n")
    report = import_file(store, path, record_type="officer", workers=workers)
    assert (report.rows_read, report.put.inserted, report.rejected) == (5000, 4999, 1)
    assert report.accounted
    assert store.count_records() == {"officer": 4999}
    (reject,) = report.rejects
    assert reject.line == 4501  # the header is line 1
    # D6 B4 happens to be UTF-8 (U+05B4); 0xB7 is the first byte that is not
    assert reject.reason.startswith("cannot be decoded as utf-8: byte 19 of the line (0xb7)")
    rejects = [json.loads(x) for x in report.rejects_path.read_text("utf-8").splitlines()]  # type: ignore[union-attr]
    assert [r["line"] for r in rejects] == [4501]
    assert rejects[0]["errors"][0]["reason_en"] == reject.reason


def test_a_gbk_csv_read_as_utf8_rejects_each_bad_row(store: Store, tmp_path: Path) -> None:
    lines = _officer_csv_rows(50)
    lines[10] = "OF-00010,AG-TOWN,Wang Qiang,active"  # decodes alike in both
    path = tmp_path / "officers.csv"
    path.write_bytes(("id,agency_id,name,cert_status\n" + "\n".join(lines) + "\n").encode("gbk"))
    assert import_file(None, path, record_type="officer", dry_run=True).rejected == 0  # detected
    report = import_file(store, path, record_type="officer", encoding="utf-8")
    assert (report.rows_read, report.put.inserted, report.rejected) == (50, 1, 49)
    assert report.accounted
    assert {r.reason.split(":")[0] for r in report.rejects} == {"cannot be decoded as utf-8"}


def test_a_csv_syntax_error_is_a_reject_not_a_lost_row(store: Store, tmp_path: Path) -> None:
    lines = _officer_csv_rows(20)
    lines[5] = "OF-00005,AG-TOWN," + "x" * 200_000 + ",active"  # over the csv field limit
    path = tmp_path / "officers.csv"
    path.write_text("id,agency_id,name,cert_status\n" + "\n".join(lines) + "\n", "utf-8")
    report = import_file(store, path, record_type="officer")
    assert (report.rows_read, report.put.inserted, report.rejected) == (20, 19, 1)
    assert report.rejects[0].line == 7
    assert "cannot be read as CSV" in report.rejects[0].reason


def test_a_csv_row_with_more_cells_than_headers_among_5000(store: Store, tmp_path: Path) -> None:
    lines = _officer_csv_rows(5000)
    lines[4499] += ",extra"
    path = tmp_path / "officers.csv"
    path.write_text("id,agency_id,name,cert_status\n" + "\n".join(lines) + "\n", "utf-8")
    report = import_file(store, path, record_type="officer")
    assert (report.rows_read, report.put.inserted, report.rejected) == (5000, 4999, 1)
    assert "more than the 4 columns of the header" in report.rejects[0].reason
    assert store.get_record("officer", "OF-04499") is None


def test_an_escaped_lone_surrogate_beside_chinese_text_is_a_reject(
    store: Store, tmp_path: Path
) -> None:
    # Found by the fuzz test: the reject's value was made ASCII-only, which failed on the
    # Chinese text around the surrogate and stopped the whole import.
    rows = [
        {"record_type": "agency", "id": "AG-1", "name": "甲\udc80", "level": "township",
         "kind": "government"},
        {"record_type": "agency", "id": "AG-2", "name": "乙", "level": "township",
         "kind": "government"},
    ]  # fmt: skip
    path = tmp_path / "surrogate.jsonl"
    path.write_bytes(b"".join(json.dumps(row).encode("ascii") + b"\n" for row in rows))
    report = import_file(store, path)
    assert (report.rows_read, report.stored, report.rejected) == (2, 1, 1)
    (reject,) = report.rejects
    assert reject.line == 1
    assert "lone surrogate" in reject.reason
    written = json.loads(report.rejects_path.read_text("utf-8"))  # type: ignore[union-attr]
    assert written["errors"][0]["value"] == "甲\\udc80"  # the surrogate shown, not raised


def test_a_lone_surrogate_in_an_id_is_written_to_the_rejects_file_as_an_escape(
    store: Store, tmp_path: Path
) -> None:
    # Found by the fuzz test: the reject names the record by its id, and an id holding a lone
    # surrogate could not be written to the (UTF-8) rejects file, which stopped the import.
    rows = [
        {"record_type": "agency", "id": "AG-\ud800", "name": "甲", "level": "township",
         "kind": "government"},
        {"record_type": "agency", "id": "AG-2", "name": "乙", "level": "township",
         "kind": "government"},
    ]  # fmt: skip
    path = tmp_path / "surrogate-id.jsonl"
    path.write_bytes(b"".join(json.dumps(row).encode("ascii") + b"\n" for row in rows))
    report = import_file(store, path)
    assert (report.rows_read, report.stored, report.rejected) == (2, 1, 1)
    lines = report.rejects_path.read_text("utf-8").splitlines()  # type: ignore[union-attr]
    assert len(lines) == 1
    assert json.loads(lines[0])["line"] == 1
