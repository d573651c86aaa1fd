"""The generated JSON Schemas agree with the model."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from enforcement_supervision.model import (
    RECORD_TYPES,
    Record,
    RecordValidationError,
    UnknownRecordType,
    json_schema,
    structure_record,
    unstructure_record,
)

from .test_model_convert import records


def _validator(record_type: str) -> jsonschema.Draft202012Validator:
    schema = json_schema(record_type)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_schema_is_valid_and_describes_the_record(record_type: str) -> None:
    schema = json_schema(record_type)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert "id" in schema["required"]
    assert record_type in schema["title"]
    assert schema["properties"]["id"]["title"] == "编号"
    for definition in schema.get("$defs", {}).values():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False
    json.dumps(schema)  # serialisable as is
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_samples_validate_as_given_and_as_written(
    record_type: str, samples: dict[str, Any]
) -> None:
    validator = _validator(record_type)
    validator.validate(samples[record_type])
    validator.validate(unstructure_record(structure_record(record_type, samples[record_type])))


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_any_unstructured_record_validates(record_type: str) -> None:
    validator = _validator(record_type)

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(records(record_type))
    def check(record: Record) -> None:
        validator.validate(json.loads(json.dumps(unstructure_record(record))))

    check()


def test_schema_carries_enums_labels_and_formats() -> None:
    schema = json_schema("penalty-case")
    party_type = schema["$defs"]["PartyType"]
    assert party_type["enum"] == ["natural_person", "legal_person", "other_org"]
    assert "natural_person = 自然人" in party_type["description"]
    decision = schema["$defs"]["PenaltyDecision"]
    assert decision["properties"]["decision_date"]["format"] == "date"
    assert decision["properties"]["decision_date"]["title"] == "决定日期"
    assert "decision_date" in decision["required"]
    act = schema["$defs"]["EnforcementAct"]
    assert act["properties"]["start_datetime"]["anyOf"][0]["format"] == "date-time"


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


BROKEN: dict[str, Callable[[dict[str, Any]], None]] = {
    "missing id": _delete(("id",)),
    "missing nested required": _delete(("decision", "procedure")),
    "bad date": _set(("filed_date",), "2024/09/09"),
    "bad nested date": _set(("acts", 0, "date"), "10 Sept"),
    "bad datetime": _set(("acts", 0, "start_datetime"), "09:30"),
    "negative amount string": _set(("decision", "fine_amount"), "-1.00"),
    "negative amount number": _set(("decision", "fine_amount"), -1),
    "fractions of a fen": _set(("decision", "fine_amount"), "1.005"),
    "unknown enum": _set(("decision", "procedure"), "fast"),
    "unknown enum in list": _set(("decision", "penalty_types"), ["fine", "caning"]),
    "bool as string": _set(("prior_notice", "facts"), "true"),
    "number as text": _set(("case_number",), 12),
    "blank text": _set(("case_number",), " "),
    "empty text": _set(("case_number",), ""),
    "string for list": _set(("investigator_ids",), "OF-X"),
    "string for object": _set(("party",), "张某"),
    "unknown key": _set(("filed_dat",), "2024-09-09"),
    "unknown nested key": _set(("payment", "paid_dat"), "2024-09-09"),
}


@pytest.mark.parametrize("breakage", list(BROKEN), ids=list(BROKEN))
def test_records_the_model_rejects_fail_the_schema(breakage: str, samples: dict[str, Any]) -> None:
    data = copy.deepcopy(samples["penalty-case"])
    BROKEN[breakage](data)
    with pytest.raises(RecordValidationError):
        structure_record("penalty-case", data)
    assert not _validator("penalty-case").is_valid(data)


def test_unknown_record_type_has_no_schema() -> None:
    with pytest.raises(UnknownRecordType):
        json_schema("nope")
