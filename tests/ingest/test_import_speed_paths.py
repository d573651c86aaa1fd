"""The fast import path stores exactly what the straightforward one stored, and rejects alike.

``import_file`` validates each row with ``structure_with_payload`` (``structure_record`` and
``unstructure_record`` in one pass, with a fast path for the usual forms) and ``put_records``
hashes and stores that payload instead of unstructuring the record twice more. These tests
pin the result to the previous code: the same records, payloads, content hashes and versions,
and the same errors for bad rows.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from enforcement_supervision.ingest import import_file
from enforcement_supervision.model import (
    RECORD_TYPES,
    Record,
    RecordValidationError,
    content_hash,
    record_class,
    structure_record,
    unstructure_record,
)
from enforcement_supervision.model._convert import (
    _canonical_builder,
    payload_hash,
    structure_with_payload,
)
from enforcement_supervision.sample import generate_township, write_township
from enforcement_supervision.store import Store
from tests.model.test_model_convert import records
from tests.model.test_model_trusted import assert_identical

# Input rows in the forms files really have (offsets, naive times, amounts as numbers and
# short strings, explicit nulls), with what the code before the fast path stored for them:
# (record_type, record_id, version, content_hash, SHA-256 of the stored payload text).
GOLDEN_ROWS: list[dict[str, Any]] = [
    {
        "record_type": "officer",
        "id": "OF-G1",
        "agency_id": "AG-G",
        "name": "王执法",
        "cert_number": "川0100001",
        "cert_status": "active",
        "cert_valid_from": "2020-07-01",
        "cert_valid_to": None,
        "cert_scope": ["market_regulation"],
        "is_auxiliary": False,
        "training": [{"year": 2025, "hours": 64}, {"year": 2024, "hours": 40.5}],
    },
    {
        "record_type": "penalty-case",
        "id": "PC-G1",
        "agency_id": "AG-G",
        "party": {"type": "legal_person", "name": "某某食品有限公司", "party_id": "E-1"},
        "case_number": "某罚〔2025〕1号",
        "cause": "销售过期食品",
        "filed_date": "2025-03-03",
        "investigator_ids": ["OF-G1", "OF-G2"],
        "acts": [
            {
                "kind": "on_site_inspection",
                "date": "2025-03-04",
                "officer_ids": ["OF-G1", "OF-G2"],
                "start_datetime": "2025-03-04T09:30:00+08:00",
                "end_datetime": "2025-03-04 11:00",
                "certificate_shown": True,
            },
            {
                "kind": "investigation",
                "date": "2025-03-05",
                "officer_ids": ["OF-G1"],
                "start_datetime": "2025-03-05T01:30:00.250Z",
                "end_datetime": "2025-03-04T22:00:00-05:30",
            },
        ],
        "decision": {
            "decision_date": "2025-04-01",
            "document_number": "某罚决〔2025〕1号",
            "procedure": "ordinary",
            "penalty_types": ["warning", "fine"],
            "fine_amount": 3000,
            "confiscation_value": "12.5",
            "approver_id": "OF-G9",
        },
        "payment": {"paid_date": "2025-04-10", "amount_paid": "3000.00"},
        "remedies": [],
    },
]
GOLDEN_STORED = [
    (
        "officer",
        "OF-G1",
        1,
        "07a3f57bd8e3643c753a877861d47097896c5654217f4ac068c7233ccf0e0f2a",
    ),
    (
        "penalty-case",
        "PC-G1",
        1,
        "eb17539e91dcca11c8aeefbe18af69bab85c14412413368c6c3304f735323a4e",
    ),
    (
        "penalty-case",
        "PC-G1",
        2,
        "3db136a1403575ddfb178919122546536d4eea6ba0a93b1d0788c75ff6570bca",
    ),
]


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "speed.sqlite") as opened:
        yield opened


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    return path


def _stored_rows(store: Store) -> list[tuple[str, str, int, str]]:
    database = store.engine.url.database
    assert database is not None
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT record_type, record_id, version, content_hash, payload FROM records "
            "ORDER BY record_type, record_id, version"
        ).fetchall()
    # The stored text is the canonical JSON itself: its SHA-256 is the content hash.
    for _, _, _, digest, text in rows:
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == digest
    return [(kind, rid, version, digest) for kind, rid, version, digest, _ in rows]


def _reference(record_type: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """What the code before the fast path stored: content_hash and payload (as JSON value)."""
    record = structure_record(record_type, data)
    return content_hash(record), unstructure_record(record)


# --- byte for byte ---------------------------------------------------------------------------


def test_stored_rows_are_byte_for_byte_those_of_the_previous_code(
    sqlite_store: Store, tmp_path: Path
) -> None:
    report = import_file(sqlite_store, _write(tmp_path / "golden.jsonl", GOLDEN_ROWS))
    assert report.rejected == 0
    changed = copy.deepcopy(GOLDEN_ROWS[1])
    changed["decision"]["fine_amount"] = "2000"
    report = import_file(sqlite_store, _write(tmp_path / "changed.jsonl", [changed]))
    assert report.put.updated == 1
    assert _stored_rows(sqlite_store) == GOLDEN_STORED


def test_the_sample_township_is_stored_as_the_reference_path_would(
    sqlite_store: Store, tmp_path: Path
) -> None:
    township = generate_township()
    out = tmp_path / "township"
    write_township(out, township)
    for path in sorted(out.glob("*.jsonl")):
        report = import_file(sqlite_store, path)
        assert report.rejected == 0
        assert report.put.inserted == report.rows_read
    expected: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    for record_type, found in township.records.items():
        for record in found:
            expected[(record_type, record.id)] = (content_hash(record), unstructure_record(record))
    database = sqlite_store.engine.url.database
    assert database is not None
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT record_type, record_id, version, content_hash, payload FROM records"
        ).fetchall()
    assert len(rows) == len(expected)
    for kind, rid, version, digest, text in rows:
        assert version == 1
        assert (digest, json.loads(text)) == expected[(kind, rid)]
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == digest
    # Importing again finds every record unchanged (the current-version lookup path).
    for path in sorted(out.glob("*.jsonl")):
        report = import_file(sqlite_store, path)
        assert report.put.unchanged == report.rows_read


def test_put_records_with_and_without_payloads_store_the_same(tmp_path: Path) -> None:
    rows = [dict(row) for row in GOLDEN_ROWS]
    built = [structure_with_payload(row.pop("record_type"), row) for row in rows]
    stored = []
    for name, with_payloads in (("a", True), ("b", False)):
        with Store.open(tmp_path / f"{name}.sqlite") as store:
            result = store.put_records(
                [record for record, _ in built],
                source="x",
                payloads=[payload for _, payload in built] if with_payloads else None,
            )
            assert result.inserted == len(built)
            stored.append(_stored_rows(store))
    assert stored[0] == stored[1]
    with Store.open(tmp_path / "c.sqlite") as store, pytest.raises(ValueError, match="payload"):
        store.put_records([built[0][0]], payloads=[])


# --- structure_with_payload == structure_record + unstructure_record ---------------------------


def _check_same(record_type: str, data: Any) -> tuple[Record, dict[str, Any]]:
    record, payload = structure_with_payload(record_type, data)
    expected = structure_record(record_type, data)
    assert_identical(expected, record)
    assert json.dumps(payload) == json.dumps(unstructure_record(expected))
    assert payload_hash(payload) == content_hash(expected)
    return record, payload


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_any_record_in_its_stored_form_takes_the_fast_path(record_type: str) -> None:
    builder = _canonical_builder(record_class(record_type))

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(records(record_type))
    def check(record: Record) -> None:
        data = json.loads(json.dumps(unstructure_record(record)))
        fast, payload = builder(data)  # raises if the fast path gave up
        assert fast == record
        assert payload == data
        _check_same(record_type, data)

    check()


def test_every_record_of_the_sample_township_takes_the_fast_path() -> None:
    for record_type, found in generate_township().records.items():
        builder = _canonical_builder(record_class(record_type))
        for record in found:
            data = json.loads(json.dumps(unstructure_record(record)))
            fast, payload = builder(data)
            assert fast == record
            assert payload == data


SHANGHAI_LIKE = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("acts.0.start_datetime", "2025-03-04T09:30:00+08:00"),
        ("acts.0.start_datetime", "2025-03-04T09:30"),
        ("acts.0.start_datetime", "2025-03-04 09:30:15.5"),
        ("acts.0.start_datetime", "2025-03-04T01:30:00.123456Z"),
        ("acts.0.start_datetime", "2025-03-04T01:30:00-11:00"),
        ("acts.0.start_datetime", "1988-07-01T03:00:00Z"),  # daylight saving time era
        ("acts.0.start_datetime", "1988-04-17T02:30:00"),  # a skipped wall-clock time
        ("acts.0.start_datetime", "1988-09-11T01:30:00"),  # a repeated wall-clock time
        ("acts.0.start_datetime", dt.datetime(2025, 3, 4, 9, 30)),
        ("acts.0.start_datetime", dt.datetime(2025, 3, 4, 9, 30, tzinfo=SHANGHAI_LIKE)),
        ("acts.0.date", dt.date(2025, 3, 4)),
        ("acts.0.date", dt.datetime(2025, 3, 4, 23, 30, tzinfo=dt.UTC)),
        ("decision.fine_amount", 3000),
        ("decision.fine_amount", 200.1),
        ("decision.fine_amount", "50"),
        ("decision.fine_amount", "050.00"),
        ("decision.fine_amount", "+7.5"),
        ("decision.fine_amount", "1.230000"),
        ("decision.fine_amount", Decimal("3.1")),
        ("decision.fine_amount", None),
        ("decision.penalty_types", ("warning",)),
        ("investigator_ids", ("OF-1", "OF-2")),
        ("remedies", []),
        ("remedies", None),
        ("party.party_id", None),
        ("decision", None),
    ],
)
def test_other_valid_forms_give_the_same_record_and_payload(path: str, value: Any) -> None:
    data = copy.deepcopy(GOLDEN_ROWS[1])
    del data["record_type"]
    _set(data, path, value)
    try:
        structure_record("penalty-case", data)
    except RecordValidationError:
        with pytest.raises(RecordValidationError):
            structure_with_payload("penalty-case", data)
        return
    _check_same("penalty-case", data)


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    target: Any = data
    for part in parts[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if value is _DELETE:
        del target[parts[-1]]
    else:
        target[parts[-1]] = value


_DELETE = object()


# --- bad rows: the same errors as before ------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("id", _DELETE),
        ("id", "   "),
        ("id", 17),
        ("agency_id", ""),
        ("filed_date", "2025-02-30"),
        ("filed_date", "2025-3-3"),
        ("filed_date", "20250303"),
        ("filed_date", "2025-W10-1"),
        ("filed_date", "2025-03-03\n"),
        ("filed_date", "２０２５-03-03"),
        ("filed_date", 20250303),
        ("party.type", "martian"),
        ("party.type", ["legal_person"]),
        ("party", "某某食品有限公司"),
        ("party", None),
        ("party.name", _DELETE),
        ("party.nickname", "x"),
        ("investigator_ids", "OF-1"),
        ("investigator_ids", ["OF-1", 2]),
        ("investigator_ids", ["OF-1", " "]),
        ("acts", {"kind": "investigation"}),
        ("acts.0.start_datetime", "2025-03-04T09:30:00+0800"),
        ("acts.0.start_datetime", "2025-03-04T25:00:00Z"),
        ("acts.0.start_datetime", "2025-03-04T09Z"),
        ("acts.0.start_datetime", 1741051800),
        ("acts.0.certificate_shown", "yes"),
        ("acts.0.certificate_shown", 1),
        ("decision.fine_amount", -5),
        ("decision.fine_amount", "1.005"),
        ("decision.fine_amount", "NaN"),
        ("decision.fine_amount", float("inf")),
        ("decision.fine_amount", True),
        ("decision.penalty_types", ["warning", "flogging"]),
        ("decision.penalty_types", "fine"),
        ("unknown_field", "x"),
        ("record_type", "penalty-case"),
    ],
)
def test_bad_input_is_reported_exactly_as_structure_record_reports_it(
    path: str, value: Any
) -> None:
    data = copy.deepcopy(GOLDEN_ROWS[1])
    del data["record_type"]
    _set(data, path, value)
    with pytest.raises(RecordValidationError) as expected:
        structure_record("penalty-case", data)
    with pytest.raises(RecordValidationError) as actual:
        structure_with_payload("penalty-case", data)
    assert actual.value.errors == expected.value.errors
    assert str(actual.value) == str(expected.value)


def test_a_row_that_is_not_an_object_is_reported_as_before() -> None:
    with pytest.raises(RecordValidationError) as expected:
        structure_record("officer", ["OF-1"])  # type: ignore[arg-type]
    with pytest.raises(RecordValidationError) as actual:
        structure_with_payload("officer", ["OF-1"])  # type: ignore[arg-type]
    assert actual.value.errors == expected.value.errors


def test_bad_rows_go_to_the_rejects_file_with_the_record_field_value_and_reason(
    sqlite_store: Store, tmp_path: Path
) -> None:
    good = copy.deepcopy(GOLDEN_ROWS[1])
    bad = copy.deepcopy(GOLDEN_ROWS[1])
    bad["id"] = "PC-BAD"
    bad["acts"][1]["start_datetime"] = "2025-03-05T25:00:00Z"
    report = import_file(sqlite_store, _write(tmp_path / "mixed.jsonl", [bad, good]))
    assert report.put.inserted == 1
    assert report.accounted
    (reject,) = report.rejects
    assert reject.line == 1
    assert reject.record_id == "PC-BAD"
    (error,) = reject.errors
    assert error.field == "acts[1].start_datetime"
    assert error.value == "2025-03-05T25:00:00Z"
    assert error.reason_en
    assert report.rejects_path is not None
    written = json.loads(report.rejects_path.read_text(encoding="utf-8"))
    assert written["record_id"] == "PC-BAD"
    assert written["errors"][0]["field"] == "acts[1].start_datetime"


def test_the_date_fast_path_accepts_only_what_the_date_pattern_accepts() -> None:
    data = copy.deepcopy(GOLDEN_ROWS[1])
    del data["record_type"]
    for text in (
        "2025-03-04",
        "2025-3-04 ",
        "2025-03-4 ",
        "+025-03-04",
        "2025-03-04"[::-1],
        "2025/03/04",
        "2025-03-04T",
        "2025-W10-12",
        "0000-01-01",
        "9999-12-31",
        "2024-02-29",
        "2023-02-29",
        "2025-00-10",
        "2025-13-10",
        "2025-1a-10",
        "２０２５-０３-０４",
        "2025-03-0٤",
    ):
        data["filed_date"] = text
        try:
            expected = structure_record("penalty-case", data)
        except RecordValidationError:
            with pytest.raises(RecordValidationError):
                structure_with_payload("penalty-case", data)
        else:
            record, _ = _check_same("penalty-case", data)
            assert record == expected
