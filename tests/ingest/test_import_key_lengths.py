"""Ids longer than the store's key columns are rejected with the field and the reason, on every
backend (PostgreSQL and MariaDB would refuse them and fail the whole batch; SQLite would
silently keep them), and the rest of the batch is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enforcement_supervision.ingest import import_file
from enforcement_supervision.model import (
    MAX_ID_LENGTH,
    RecordValidationError,
    json_schema,
    structure_record,
)
from enforcement_supervision.store import Store


def officer(record_id: str, agency_id: str = "AG-1") -> dict[str, str]:
    return {"record_type": "officer", "id": record_id, "agency_id": agency_id, "name": "王强"}


def test_ids_at_the_limit_are_stored_and_longer_ones_rejected(db_url: str, tmp_path: Path) -> None:
    at_limit = "OF-" + "9" * (MAX_ID_LENGTH - 3)
    rows = [
        officer("OF-1"),
        officer(at_limit),
        officer(at_limit + "9"),
        officer("OF-3", agency_id="AG-" + "x" * MAX_ID_LENGTH),
        officer("OF-4"),
    ]
    path = tmp_path / "officer.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    with Store.open(db_url) as store:
        report = import_file(store, path)
        assert report.put.inserted == 3
        assert sorted(stored.record.id for stored in store.iter_records("officer")) == sorted(
            ["OF-1", at_limit, "OF-4"]
        )
    assert [(reject.line, [e.field for e in reject.errors]) for reject in report.rejects] == [
        (3, ["id"]),
        (4, ["agency_id"]),
    ]
    reason = report.rejects[0].errors[0].reason_en
    assert f"{MAX_ID_LENGTH + 1} characters long" in reason
    assert f"at most {MAX_ID_LENGTH}" in reason


def test_structure_record_says_which_field_is_too_long() -> None:
    with pytest.raises(RecordValidationError) as caught:
        structure_record(
            "officer", {"id": "x" * (MAX_ID_LENGTH + 5), "agency_id": "AG-1", "name": "王强"}
        )
    assert [error.field for error in caught.value.errors] == ["id"]
    assert "最多 128 个" in caught.value.errors[0].reason_zh


def test_the_json_schema_states_the_limit() -> None:
    schema = json_schema("officer")
    assert schema["properties"]["id"]["maxLength"] == MAX_ID_LENGTH
    assert schema["properties"]["agency_id"]["maxLength"] == MAX_ID_LENGTH
