"""Structural validation: every kind of error, with its exact field path, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from enforcement_supervision.errors import EsupError
from enforcement_supervision.model import (
    FieldErrorRecord,
    RecordValidationError,
    UnknownRecordType,
    structure_record,
)


def _errors(record_type: str, data: Any) -> RecordValidationError:
    with pytest.raises(RecordValidationError) as info:
        structure_record(record_type, data)
    return info.value


def _only(error: RecordValidationError) -> FieldErrorRecord:
    assert len(error.errors) == 1, error.errors
    return error.errors[0]


def test_missing_id(samples: dict[str, Any]) -> None:
    del samples["officer"]["id"]
    error = _errors("officer", samples["officer"])
    assert error.record_type == "officer"
    assert error.record_id is None
    assert _only(error) == FieldErrorRecord(
        field="id", value=None, reason_zh="缺少必填字段", reason_en="required field is missing"
    )
    assert "（无编号）" in error.message_zh
    assert "(no id)" in error.message_en


def test_missing_required_nested_field(samples: dict[str, Any]) -> None:
    del samples["penalty-case"]["decision"]["decision_date"]
    error = _errors("penalty-case", samples["penalty-case"])
    assert error.record_id == "PC-E1"
    field_error = _only(error)
    assert field_error.field == "decision.decision_date"
    assert field_error.reason_en == "required field is missing"


@pytest.mark.parametrize(
    ("value", "reason_zh", "reason_en"),
    [
        ("2024/09/09", "日期格式应为 YYYY-MM-DD", "expected a date as YYYY-MM-DD"),
        ("20240909", "日期格式应为 YYYY-MM-DD", "expected a date as YYYY-MM-DD"),
        ("2024-09-09T10:00:00", "日期格式应为 YYYY-MM-DD", "expected a date as YYYY-MM-DD"),
        ("2024-02-30", "不是有效的日期", "not a valid calendar date"),
        (20240909, "日期格式应为 YYYY-MM-DD", "expected a date as YYYY-MM-DD"),
    ],
)
def test_unparseable_date(
    samples: dict[str, Any], value: Any, reason_zh: str, reason_en: str
) -> None:
    samples["penalty-case"]["filed_date"] = value
    field_error = _only(_errors("penalty-case", samples["penalty-case"]))
    assert field_error == FieldErrorRecord(
        field="filed_date", value=value, reason_zh=reason_zh, reason_en=reason_en
    )


def test_unparseable_datetime(samples: dict[str, Any]) -> None:
    samples["penalty-case"]["acts"][0]["start_datetime"] = "2024-09-10"
    field_error = _only(_errors("penalty-case", samples["penalty-case"]))
    assert field_error.field == "acts[0].start_datetime"
    assert field_error.value == "2024-09-10"
    assert "ISO 8601" in field_error.reason_en
    assert "ISO 8601" in field_error.reason_zh


@pytest.mark.parametrize("value", ["-1", -0.01, "-200.00", -5])
def test_negative_amount(samples: dict[str, Any], value: Any) -> None:
    samples["penalty-case"]["decision"]["fine_amount"] = value
    field_error = _only(_errors("penalty-case", samples["penalty-case"]))
    assert field_error == FieldErrorRecord(
        field="decision.fine_amount",
        value=value,
        reason_zh="金额不能为负数",
        reason_en="amount must not be negative",
    )


_AMOUNT_FORM = (
    'expected an amount such as "200" or "200.50" '
    "(no plus sign, leading zeros, spaces or thousands separators)"
)


@pytest.mark.parametrize(
    ("value", "reason_en"),
    [
        ("200.005", "amount has more than two decimal places (fen)"),
        ("二百元", _AMOUNT_FORM),
        ("1e3", _AMOUNT_FORM),
        ("+200", _AMOUNT_FORM),
        ("0200", _AMOUNT_FORM),
        ("200\n", _AMOUNT_FORM),
        (True, "expected an amount (number or string)"),
        (float("nan"), "expected a finite amount"),
    ],
)
def test_malformed_amount(samples: dict[str, Any], value: Any, reason_en: str) -> None:
    samples["penalty-case"]["decision"]["fine_amount"] = value
    field_error = _only(_errors("penalty-case", samples["penalty-case"]))
    assert field_error.field == "decision.fine_amount"
    assert field_error.reason_en == reason_en
    assert field_error.reason_zh


def test_unknown_enum_value_lists_the_allowed_values(samples: dict[str, Any]) -> None:
    samples["penalty-case"]["party"]["type"] = "company"
    field_error = _only(_errors("penalty-case", samples["penalty-case"]))
    assert field_error.field == "party.type"
    assert field_error.value == "company"
    assert field_error.reason_en == (
        "not an allowed value of PartyType; allowed: natural_person, legal_person, other_org"
    )
    assert field_error.reason_zh == (
        "不是 PartyType 的允许取值；允许：natural_person, legal_person, other_org"
    )


def test_chinese_label_is_not_an_enum_value(samples: dict[str, Any]) -> None:
    samples["penalty-case"]["decision"]["penalty_types"] = ["fine", "罚款"]
    field_error = _only(_errors("penalty-case", samples["penalty-case"]))
    assert field_error.field == "decision.penalty_types[1]"
    assert field_error.value == "罚款"


@pytest.mark.parametrize(
    ("path", "value", "reason_en"),
    [
        (("is_auxiliary",), "false", "expected true or false"),
        (("is_auxiliary",), 0, "expected true or false"),
        (("name",), 42, "expected a string"),
        (("name",), "  ", "must not be blank; omit the field instead"),
        (("cert_scope",), "market_regulation", "expected a list"),
        (("training",), {"year": 2025, "hours": 60}, "expected a list"),
        (("training", 0), "60h", "expected an object (a mapping of fields)"),
        (("training", 0, "hours"), "60", "expected a number"),
        (("training", 0, "hours"), -1, "must not be negative"),
        (("training", 0, "year"), 2025.0, "expected an integer"),
        (("annual_reviews", 0, "year"), -2025, "must not be negative"),
    ],
)
def test_wrong_type(
    samples: dict[str, Any], path: tuple[Any, ...], value: Any, reason_en: str
) -> None:
    target = samples["officer"]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    field_error = _only(_errors("officer", samples["officer"]))
    expected_path = ".".join(str(k) for k in path).replace(".0", "[0]")
    assert field_error.field == expected_path
    assert field_error.value == value
    assert field_error.reason_en == reason_en
    assert field_error.reason_zh


def test_list_item_paths(samples: dict[str, Any]) -> None:
    samples["penalty-case"]["acts"][0]["officer_ids"] = ["OF-X", 7]
    field_error = _only(_errors("penalty-case", samples["penalty-case"]))
    assert field_error.field == "acts[0].officer_ids[1]"
    assert field_error.value == 7


def test_unknown_keys_are_rejected_with_a_suggestion(samples: dict[str, Any]) -> None:
    samples["penalty-case"]["filed_dat"] = "2024-09-09"
    samples["penalty-case"]["decision"]["x_local_note"] = "kept?"
    error = _errors("penalty-case", samples["penalty-case"])
    by_field = {e.field: e for e in error.errors}
    assert set(by_field) == {"filed_dat", "decision.x_local_note"}
    typo = by_field["filed_dat"]
    assert typo.value == "2024-09-09"
    assert typo.reason_en == "unknown field; did you mean 'filed_date'?"
    assert typo.reason_zh == "未知字段；是否应为 'filed_date'？"
    assert by_field["decision.x_local_note"].reason_en.startswith("unknown field")


def test_all_errors_of_a_record_are_collected(samples: dict[str, Any]) -> None:
    data = samples["penalty-case"]
    del data["agency_id"]
    data["filed_date"] = "2024-13-01"
    data["party"]["type"] = "robot"
    data["decision"]["fine_amount"] = "-3"
    data["acts"][0]["certificate_shown"] = "yes"
    data["evidence"][1]["type"] = "rumour"
    data["payment"]["paid_dat"] = "2024-12-20"
    error = _errors("penalty-case", data)
    assert [e.field for e in error.errors] == [
        "agency_id",
        "party.type",
        "filed_date",
        "acts[0].certificate_shown",
        "evidence[1].type",
        "decision.fine_amount",
        "payment.paid_dat",
    ]
    assert error.record_id == "PC-E1"
    assert isinstance(error, EsupError)
    assert "7 处错误" in error.message_zh
    assert "7 error(s)" in error.message_en
    assert "acts[0].certificate_shown: 应为 true 或 false" in error.message_zh
    assert "acts[0].certificate_shown: expected true or false" in error.message_en
    assert error.message("en") == error.message_en


def test_wrong_type_for_the_id_keeps_record_id_none() -> None:
    error = _errors("agency", {"id": 12, "name": "x", "level": "county", "kind": "government"})
    assert error.record_id is None
    assert _only(error).field == "id"
    assert _only(error).value == 12


@pytest.mark.parametrize("data", [["id", "a"], "a record", None, 5])
def test_record_that_is_not_an_object(data: Any) -> None:
    error = _errors("agency", data)
    field_error = _only(error)
    assert field_error.field == ""
    assert field_error.value == data
    assert field_error.message("en") == (
        "(record): a record must be an object (a mapping of fields)"
    )


def test_unknown_record_type() -> None:
    with pytest.raises(UnknownRecordType, match="penalty-case"):
        structure_record("case", {"id": "x"})
