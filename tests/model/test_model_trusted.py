"""``structure_trusted`` builds exactly what ``structure_record`` builds from stored payloads."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from enforcement_supervision.model import (
    RECORD_TYPES,
    Party,
    PenaltyCase,
    Record,
    UnknownRecordType,
    structure_record,
    structure_trusted,
    unstructure_record,
)
from enforcement_supervision.sample import generate_township
from tests.model.test_model_convert import records


def assert_identical(expected: Any, actual: Any, path: str = "") -> None:
    """Equal, and of the same type at every level (tuples, dates, tz, Decimal exponents)."""
    assert type(actual) is type(expected), (path, type(expected), type(actual))
    if attrs.has(type(expected)):
        for field in attrs.fields(type(expected)):
            assert_identical(
                getattr(expected, field.name), getattr(actual, field.name), f"{path}.{field.name}"
            )
    elif isinstance(expected, tuple):
        assert len(actual) == len(expected), path
        for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
            assert_identical(left, right, f"{path}[{index}]")
    elif isinstance(expected, dt.datetime):
        assert actual == expected, path
        assert actual.tzinfo is expected.tzinfo, path
        assert actual.fold == expected.fold, path
        assert actual.isoformat() == expected.isoformat(), path
    elif isinstance(expected, Decimal):
        assert actual == expected, path
        assert str(actual) == str(expected), path
    else:
        assert actual == expected, path


def check_payload(record_type: str, payload: dict[str, Any]) -> None:
    expected = structure_record(record_type, payload)
    actual = structure_trusted(record_type, payload)
    assert actual == expected
    assert_identical(expected, actual)
    assert hash(actual) == hash(expected)
    assert unstructure_record(actual) == payload
    # The payload as read back from the store's JSON column.
    again = structure_trusted(record_type, json.loads(json.dumps(payload)))
    assert_identical(expected, again)


@pytest.fixture(scope="module")
def township_payloads() -> dict[str, list[dict[str, Any]]]:
    township = generate_township()
    return {
        record_type: [unstructure_record(record) for record in found]
        for record_type, found in township.records.items()
    }


def test_every_record_of_the_sample_township(
    township_payloads: dict[str, list[dict[str, Any]]],
) -> None:
    assert len(township_payloads) >= 16
    for record_type, payloads in township_payloads.items():
        assert payloads
        for payload in payloads:
            check_payload(record_type, payload)


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_the_filled_in_sample_of_every_type(record_type: str, samples: dict[str, Any]) -> None:
    payload = unstructure_record(structure_record(record_type, samples[record_type]))
    check_payload(record_type, payload)


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_any_record(record_type: str) -> None:
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(records(record_type))
    def check(record: Record) -> None:
        payload = unstructure_record(record)
        check_payload(record_type, payload)
        assert structure_trusted(record_type, payload) == record

    check()


def test_the_result_is_frozen_and_of_the_record_class(samples: dict[str, Any]) -> None:
    payload = unstructure_record(structure_record("penalty-case", samples["penalty-case"]))
    record = structure_trusted("penalty-case", payload)
    assert type(record) is RECORD_TYPES["penalty-case"]
    assert isinstance(record, PenaltyCase)
    assert type(record.party) is Party
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.id = "other"  # type: ignore[misc]


def _stored(samples: dict[str, Any], record_type: str = "penalty-case") -> dict[str, Any]:
    return copy.deepcopy(unstructure_record(structure_record(record_type, samples[record_type])))


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


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("id", _DELETE),  # required field missing
        ("agency_id", 17),  # a number for a string
        ("filed_date", 20250101),  # a number for a date
        ("filed_date", "2025-02-30"),  # not a calendar date
        ("filed_date", "yesterday"),
        ("party.type", "martian"),  # unknown enumeration value
        ("party.type", ["natural_person"]),
        ("party", "张某"),  # a string for an object
        ("party.name", _DELETE),
        ("investigator_ids", "OF-1"),  # a string for a list
        ("investigator_ids", ["OF-1", 2]),
        ("acts", {"kind": "investigation"}),
        ("acts.0.start_datetime", "2025-03-01T09:00:00"),  # no time zone
        ("acts.0.start_datetime", 1740790800),
        ("decision.fine_amount", 200),  # amounts are stored as strings
        ("decision.fine_amount", "200.1"),  # ... with exactly two decimals
        ("decision.fine_amount", "2e2"),
        ("remote_area", "yes"),  # a string for a boolean
        ("remote_area", 1),
        ("unknown_field", "x"),  # an unknown key
        ("party.nickname", "x"),
    ],
)
def test_a_payload_that_does_not_fit_raises(samples: dict[str, Any], path: str, value: Any) -> None:
    payload = _stored(samples)
    _set(payload, path, value)
    with pytest.raises(ValueError, match=r"penalty-case"):
        structure_trusted("penalty-case", payload)


def test_a_payload_that_is_not_a_mapping_raises() -> None:
    with pytest.raises(ValueError, match="penalty-case"):
        structure_trusted("penalty-case", ["PC-1"])  # type: ignore[arg-type]


def test_an_unknown_record_type_raises() -> None:
    with pytest.raises(UnknownRecordType):
        structure_trusted("no-such-type", {"id": "X"})


def test_datetimes_before_the_fixed_offset_era_match(samples: dict[str, Any]) -> None:
    # Asia/Shanghai kept daylight saving time in 1986-1991: the general conversion applies.
    payload = _stored(samples)
    for value in (
        "1988-07-01T03:00:00Z",
        "1988-04-16T17:59:59Z",  # the last second before the clocks went forward
        "1988-04-16T18:30:00Z",  # just after: 03:30 +09:00
        "1988-09-10T16:30:00Z",  # 01:30 +09:00, the first of the repeated hour
        "1988-09-10T17:30:00Z",  # 01:30 +08:00, the second (fold=1)
    ):
        payload["acts"][0]["start_datetime"] = value
        check_payload("penalty-case", payload)


def test_the_result_pickles_copies_and_evolves_like_any_record(samples: dict[str, Any]) -> None:
    payload = _stored(samples)
    record = structure_trusted("penalty-case", payload)
    expected = structure_record("penalty-case", payload)
    assert pickle.loads(pickle.dumps(record)) == expected
    assert copy.deepcopy(record) == expected
    assert attrs.evolve(record, id="PC-OTHER") == attrs.evolve(expected, id="PC-OTHER")
    assert {record: 1}[expected] == 1
