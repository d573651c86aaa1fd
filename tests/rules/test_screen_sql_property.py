"""Rule screens: the SQL form (SQLite, PostgreSQL, MariaDB) and the Python form agree on
random payloads and random conditions (Hypothesis), two-valued logic included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcement_supervision.rules import AS_OF, Screen, all_of, any_of, field
from enforcement_supervision.rules._screen import Condition, Operand

_probe_metadata = sa.MetaData()
_probe = sa.Table(
    "screen_probe",
    _probe_metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("payload", sa.JSON, nullable=False),
)


@pytest.fixture
def probe_engine(db_url: str) -> Iterator[sa.Engine]:
    engine = sa.create_engine(db_url)
    _probe_metadata.drop_all(engine)
    _probe_metadata.create_all(engine)
    try:
        yield engine
    finally:
        _probe_metadata.drop_all(engine)
        engine.dispose()


DAY0 = dt.date(2021, 7, 10)
days = st.integers(min_value=0, max_value=12).map(lambda n: DAY0 + dt.timedelta(days=n))
iso_days = days.map(dt.date.isoformat)
money = st.decimals(min_value=0, max_value=400, places=2).map(lambda d: format(d, "f"))
texts = st.sampled_from(["A1", "a1", "a1 ", "甲", "", "null"])


def _maybe(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value, JSON null, or (``...``) absent."""
    return st.one_of(values, st.none(), st.just(...))


def _object(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    def build(values: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in values.items() if value is not ...}

    return st.fixed_dictionaries({k: _maybe(v) for k, v in fields.items()}).map(build)


decisions = _object(
    decision_date=iso_days,
    fine_amount=money,
    procedure=st.sampled_from(["summary", "ordinary"]),
    penalty_types=st.lists(st.sampled_from(["warning", "fine"]), max_size=2),
)
payloads = _object(
    filed_date=iso_days,
    case_number=texts,
    major_public_interest=st.booleans(),
    extensions=st.lists(st.just({"days": 30}), max_size=2),
    decision=decisions,
)

DATE_FIELDS = ("filed_date", "decision.decision_date")
COMPARE_OPS = ("==", "!=", "<", "<=", ">", ">=")


def _compare(op: str, left: Operand, right: object) -> Condition:
    return {
        "==": lambda: left == right,
        "!=": lambda: left != right,
        "<": lambda: left < right,
        "<=": lambda: left <= right,
        ">": lambda: left > right,
        ">=": lambda: left >= right,
    }[op]()


date_operands = st.one_of(
    st.sampled_from(DATE_FIELDS).map(field),
    st.just(AS_OF),
).flatmap(
    lambda base: st.one_of(
        st.just(base), st.integers(min_value=-4, max_value=4).map(base.plus_days)
    )
)


@st.composite
def date_comparisons(draw: st.DrawFn) -> Condition:
    op = draw(st.sampled_from(COMPARE_OPS))
    left = draw(date_operands.filter(lambda o: o is not AS_OF))
    right = draw(st.one_of(date_operands, days))
    return _compare(op, left, right)


leaves = st.one_of(
    date_comparisons(),
    st.tuples(
        st.sampled_from(COMPARE_OPS),
        st.one_of(
            st.integers(0, 400),
            st.decimals(min_value=0, max_value=400, places=2),
            st.floats(0, 400).map(lambda f: round(f, 2)),
        ),
    ).map(lambda t: _compare(t[0], field("decision.fine_amount"), t[1])),
    st.tuples(st.sampled_from(("==", "!=")), st.sampled_from(["summary", "ordinary"])).map(
        lambda t: _compare(t[0], field("decision.procedure"), t[1])
    ),
    st.tuples(st.sampled_from(("==", "!=")), texts).map(
        lambda t: _compare(t[0], field("case_number"), t[1])
    ),
    st.tuples(st.sampled_from(("==", "!=")), st.booleans()).map(
        lambda t: _compare(t[0], field("major_public_interest"), t[1])
    ),
    st.lists(texts, max_size=3).map(lambda v: field("case_number").in_(v)),
    st.lists(texts, max_size=3).map(lambda v: field("case_number").not_in(v)),
    st.sampled_from(
        [
            "filed_date",
            "decision",
            "decision.fine_amount",
            "case_number",
            "extensions",
            "major_public_interest",
        ]
    ).flatmap(lambda p: st.sampled_from([field(p).is_null(), field(p).is_not_null()])),
    st.sampled_from(["extensions", "decision.penalty_types"]).flatmap(
        lambda p: st.sampled_from([field(p).is_empty(), field(p).not_empty()])
    ),
    st.just(field("decision.decision_date") >= field("filed_date")),
)

conditions = st.recursive(
    leaves,
    lambda inner: st.one_of(
        inner.map(lambda c: ~c),
        st.lists(inner, min_size=0, max_size=3).map(lambda cs: all_of(*cs)),
        st.lists(inner, min_size=0, max_size=3).map(lambda cs: any_of(*cs)),
    ),
    max_leaves=6,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    where=conditions,
    rows=st.lists(payloads, min_size=1, max_size=8),
    as_of=days,
)
def test_sql_and_python_agree(
    probe_engine: sa.Engine, where: Condition, rows: list[dict[str, Any]], as_of: dt.date
) -> None:
    bound = Screen(where, reason="property").bind("penalty-case")
    expected = {index for index, payload in enumerate(rows) if bound.selects(payload, as_of)}
    with probe_engine.begin() as connection:
        connection.execute(sa.delete(_probe))
        connection.execute(sa.insert(_probe), [{"id": i, "payload": p} for i, p in enumerate(rows)])
        query = sa.select(_probe.c.id).where(bound.sql(_probe.c.payload, as_of))
        got = set(connection.execute(query).scalars())
    assert got == expected


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(payloads, min_size=1, max_size=8), as_of=days)
def test_recheck_day_agrees(
    probe_engine: sa.Engine, rows: list[dict[str, Any]], as_of: dt.date
) -> None:
    bound = Screen(
        field("decision").is_null(), reason="p", recheck=field("filed_date").plus_days(3)
    ).bind("penalty-case")
    with probe_engine.begin() as connection:
        connection.execute(sa.delete(_probe))
        connection.execute(sa.insert(_probe), [{"id": i, "payload": p} for i, p in enumerate(rows)])
        recheck = bound.recheck_sql(_probe.c.payload, as_of)
        got = {row[0]: row[1] for row in connection.execute(sa.select(_probe.c.id, recheck))}
    for index, payload in enumerate(rows):
        value = got[index]
        if isinstance(value, str):  # SQLite gives dates as text
            value = dt.date.fromisoformat(value)
        assert value == bound.recheck(payload, as_of)


def test_integer_fields_compare_as_numbers(probe_engine: sa.Engine) -> None:
    bound = Screen(
        (field("consultation.comments_received") > 2)
        | (field("consultation.comments_received") == Decimal("0")),
        reason="p",
    ).bind("major-decision")
    rows = [
        {"consultation": {"comments_received": 3}},
        {"consultation": {"comments_received": 2}},
        {"consultation": {"comments_received": 0}},
        {"consultation": {}},
        {},
    ]
    with probe_engine.begin() as connection:
        connection.execute(sa.insert(_probe), [{"id": i, "payload": p} for i, p in enumerate(rows)])
        query = sa.select(_probe.c.id).where(bound.sql(_probe.c.payload, DAY0))
        got = set(connection.execute(query).scalars())
    assert got == {0, 2} == {i for i, p in enumerate(rows) if bound.selects(p, DAY0)}
