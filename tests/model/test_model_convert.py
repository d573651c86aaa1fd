"""Structuring, unstructuring and hashing records."""

from __future__ import annotations

import datetime as dt
import json
import types
import zoneinfo
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcement_supervision.model import (
    RECORD_TYPES,
    Payment,
    PenaltyCase,
    Record,
    RecordValidationError,
    ZhEnum,
    content_hash,
    structure_record,
    unstructure_record,
)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

# --- a hypothesis strategy for any record type, built from the attrs fields ----------------

_text = st.text(min_size=1, max_size=8).filter(str.strip)
_LEAVES: dict[Any, st.SearchStrategy[Any]] = {
    str: _text,
    int: st.integers(min_value=0, max_value=10_000),
    float: st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
    bool: st.booleans(),
    dt.date: st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
    dt.datetime: st.datetimes(
        min_value=dt.datetime(1995, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.sampled_from(
            [dt.UTC, SHANGHAI, dt.timezone(dt.timedelta(hours=-5, minutes=-30))]
        ),
    ),
    Decimal: st.decimals(
        min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False
    ),
}


def _strategy(tp: Any) -> st.SearchStrategy[Any]:
    if get_origin(tp) in (Union, types.UnionType):
        (inner,) = [arg for arg in get_args(tp) if arg is not type(None)]
        return st.none() | _strategy(inner)
    if get_origin(tp) is tuple:
        return st.lists(_strategy(get_args(tp)[0]), max_size=2).map(tuple)
    if tp in _LEAVES:
        return _LEAVES[tp]
    if isinstance(tp, type) and issubclass(tp, ZhEnum):
        return st.sampled_from(list(tp))
    if attrs.has(tp):
        attrs.resolve_types(tp)
        return st.builds(tp, **{f.name: _strategy(f.type) for f in attrs.fields(tp)})
    raise TypeError(tp)


def records(record_type: str) -> st.SearchStrategy[Record]:
    """Any valid record of ``record_type``, with every optional field sometimes filled in."""
    return _strategy(RECORD_TYPES[record_type])


# --- round trips -------------------------------------------------------------------------------


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_sample_round_trips_through_json(record_type: str, samples: dict[str, Any]) -> None:
    record = structure_record(record_type, samples[record_type])
    assert isinstance(record, RECORD_TYPES[record_type])
    data = unstructure_record(record)
    again = structure_record(record_type, json.loads(json.dumps(data)))
    assert again == record
    assert unstructure_record(again) == data
    assert content_hash(again) == content_hash(record)


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_any_record_round_trips_exactly(record_type: str) -> None:
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(records(record_type))
    def check(record: Record) -> None:
        data = unstructure_record(record)
        text = json.dumps(data, ensure_ascii=False)
        again = structure_record(record_type, json.loads(text))
        assert again == record
        assert unstructure_record(again) == data
        assert content_hash(again) == content_hash(record)

    check()


def test_unstructured_form_is_json_ready_and_compact(samples: dict[str, Any]) -> None:
    case = structure_record("penalty-case", samples["penalty-case"])
    data = unstructure_record(case)
    assert data["filed_date"] == "2024-09-09"
    assert data["decision"]["fine_amount"] == "3000.00"
    assert data["decision"]["penalty_types"] == ["warning", "fine"]
    assert data["acts"][0]["officer_ids"] == ["OF-X", "OF-Y"]
    assert data["acts"][0]["start_datetime"] == "2024-09-10T01:30:00Z"
    assert data["payment"]["amount_paid"] == "3000.00"
    # Fields left at their defaults are not written out.
    assert "hearing" not in data
    assert "recusals" not in data
    assert type(data["acts"]) is list


# --- dates and datetimes ---------------------------------------------------------------------


def _case(**extra: Any) -> dict[str, Any]:
    return {"id": "c", "agency_id": "a", "party": {"type": "legal_person", "name": "x"}, **extra}


def _act_start(value: Any) -> dt.datetime:
    data = _case(acts=[{"kind": "investigation", "date": "2025-10-13", "start_datetime": value}])
    record = structure_record("penalty-case", data)
    assert isinstance(record, PenaltyCase)
    start = record.acts[0].start_datetime
    assert start is not None
    return start


def test_datetime_with_offset_is_converted_to_shanghai() -> None:
    start = _act_start("2025-10-13T14:30:00Z")
    assert isinstance(start, pendulum.DateTime)
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert (start.hour, start.minute) == (22, 30)
    assert start == dt.datetime(2025, 10, 13, 14, 30, tzinfo=dt.UTC)


def test_naive_datetime_is_taken_as_shanghai_local_time() -> None:
    start = _act_start("2025-10-13T22:30")
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert start == dt.datetime(2025, 10, 13, 14, 30, tzinfo=dt.UTC)
    assert _act_start(dt.datetime(2025, 10, 13, 22, 30)) == start
    assert _act_start("2025-10-13 22:30:00") == start


def test_datetime_is_written_in_utc_with_z() -> None:
    data = _case(
        acts=[
            {
                "kind": "investigation",
                "date": "2025-10-13",
                "start_datetime": "2025-10-13T22:30:00.250000+08:00",
            }
        ]
    )
    out = unstructure_record(structure_record("penalty-case", data))
    assert out["acts"][0]["start_datetime"] == "2025-10-13T14:30:00.250000Z"


def test_date_fields_accept_date_and_datetime_objects() -> None:
    record = structure_record(
        "penalty-case",
        _case(filed_date=dt.datetime(2024, 9, 9, 0, 0), discovered_date=dt.date(2024, 9, 1)),
    )
    assert isinstance(record, PenaltyCase)
    assert record.filed_date == dt.date(2024, 9, 9)
    assert type(record.filed_date) is dt.date
    # An aware datetime is first put into Asia/Shanghai: 2024-09-08 20:00 UTC is the 9th there.
    aware = dt.datetime(2024, 9, 8, 20, 0, tzinfo=dt.UTC)
    record = structure_record("penalty-case", _case(filed_date=aware))
    assert isinstance(record, PenaltyCase)
    assert record.filed_date == dt.date(2024, 9, 9)


# --- money -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("200", "200.00"),
        ("200.5", "200.50"),
        ("200.500", "200.50"),
        (200, "200.00"),
        (200.01, "200.01"),
        (Decimal("3000.00"), "3000.00"),
        ("0", "0.00"),
    ],
)
def test_amounts_are_normalised_to_fen(given: Any, expected: str) -> None:
    record = structure_record(
        "penalty-case",
        _case(
            decision={"decision_date": "2025-01-01", "procedure": "summary", "fine_amount": given}
        ),
    )
    assert isinstance(record, PenaltyCase)
    assert record.decision is not None
    assert record.decision.fine_amount == Decimal(expected)
    assert unstructure_record(record)["decision"]["fine_amount"] == expected


def test_unstructuring_refuses_fractions_of_a_fen() -> None:
    record = structure_record("penalty-case", _case())
    assert isinstance(record, PenaltyCase)
    bad = attrs.evolve(
        record,
        payment=Payment(late_fee=Decimal("0.005")),
    )
    with pytest.raises(ArithmeticError):
        unstructure_record(bad)


# --- hashing and semantics -------------------------------------------------------------------


def test_content_hash_is_stable_and_canonical(samples: dict[str, Any]) -> None:
    data = samples["penalty-case"]
    first = content_hash(structure_record("penalty-case", data))
    reordered = dict(reversed(list(data.items())))
    assert content_hash(structure_record("penalty-case", reordered)) == first
    assert len(first) == 64
    assert int(first, 16) >= 0
    data["payment"]["amount_paid"] = "3000.00"  # same amount, other spelling
    assert content_hash(structure_record("penalty-case", data)) == first
    data["payment"]["amount_paid"] = "3000.01"
    assert content_hash(structure_record("penalty-case", data)) != first


def test_content_hash_ignores_explicit_nulls(samples: dict[str, Any]) -> None:
    data = samples["feedback"]
    first = content_hash(structure_record("feedback", data))
    data["summary"] = None
    data["related"] = None
    assert content_hash(structure_record("feedback", data)) == first


def test_semantically_odd_but_well_formed_records_are_accepted() -> None:
    # A decision dated before the filing is for the rules to catch, not the importer.
    record = structure_record(
        "penalty-case",
        _case(
            filed_date="2024-12-11",
            decision={
                "decision_date": "2024-09-09",
                "procedure": "summary",
                "fine_amount": "99999",
            },
        ),
    )
    assert isinstance(record, PenaltyCase)


def test_structuring_the_same_input_twice_gives_equal_records(samples: dict[str, Any]) -> None:
    for record_type, data in samples.items():
        assert structure_record(record_type, data) == structure_record(record_type, data)


def test_invalid_record_does_not_leave_a_partial_record() -> None:
    with pytest.raises(RecordValidationError):
        structure_record("penalty-case", _case(filed_date="yesterday"))
