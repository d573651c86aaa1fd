"""The compiled row mapping gives exactly what the reference ``map_row`` gives (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcement_supervision.ingest import default_column_map, load_mapping
from enforcement_supervision.ingest._mapping import compile_row_mapper, map_row
from enforcement_supervision.ingest._readers import _columns_for

_CELLS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "",
            "  ",
            "是",
            "否",
            "1",
            "0",
            "有效",
            "一般程序",
            "2025-06-01",
            " 2025/6/1 ",
            "2025年6月1日",
            "2025-06-01 10:30",
            "06/01/2025",
            "20250601",
            "1.5E+17",
            "200",
            "200.50",
            "1,000.00",
            "+200",
            "OF-1;OF-2",
            "[1, 2]",
            '["a", "b"]',
            "[",
            '{"a": 1}',
            "x",
        ]
    ),
    st.text(max_size=8),
    st.integers(min_value=-5, max_value=10**17),
    st.floats(allow_nan=False, allow_infinity=True),  # not NaN: it is not equal to itself
    st.booleans(),
    st.just(dt.date(2025, 6, 1)),
    st.just(dt.datetime(2025, 6, 1, 10, 30)),
    st.just(dt.datetime(2025, 6, 1)),
)


def _check(record_type: str, mapping_name: str | None, rows: list[list[Any]]) -> None:
    mapping = (
        load_mapping(mapping_name, record_type)
        if mapping_name is not None
        else default_column_map(record_type)
    )
    header = [*list(mapping.columns)[:12], "", "record_type"]
    columns = _columns_for(Path("x.csv"), header, mapping, 1)
    mapper = compile_row_mapper(columns, mapping)
    for line, cells in enumerate(rows, start=2):
        assert mapper(cells, line, "t") == map_row(columns, cells, line, mapping, "t")
        # Rows as wide as the header take the generated straight-line path.
        full = (cells * (len(columns) // max(len(cells), 1) + 1))[: len(columns)]
        if len(full) == len(columns):
            assert mapper(full, line, "t") == map_row(columns, full, line, mapping, "t")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELLS, max_size=16), min_size=1, max_size=5))
def test_compiled_mapping_equals_map_row_default(rows: list[list[Any]]) -> None:
    _check("inspection", None, rows)
    _check("officer", None, rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELLS, max_size=16), min_size=1, max_size=5))
def test_compiled_mapping_equals_map_row_builtin(rows: list[list[Any]]) -> None:
    _check("penalty-case", "penalty-ledger", rows)
    _check("officer", "officer-roster", rows)
