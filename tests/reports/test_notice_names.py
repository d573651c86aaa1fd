"""Notice file names from agencies' names (issue 19 item 11): readable, unique, and nothing a
file system or a reader could be fooled by (found by the fuzz test: bidi overrides, zero-width
and control characters)."""

from __future__ import annotations

import pytest

from enforcement_supervision.reports._files import UniqueNames


@pytest.mark.parametrize(
    "name",
    ["清河\u202egpj.exe", "市场\u200b局", "AG\x07QL\x1b[31m", "a\u2028b", "x\ufeffy", "\u202e"],
)
def test_names_have_no_invisible_or_control_characters(name: str) -> None:
    stem = UniqueNames().stem(f"行政执法监督意见书-{name}", name)
    assert stem.isprintable()
    assert stem.startswith("行政执法监督意见书")


def test_township_names_stay_readable_and_distinct() -> None:
    names = UniqueNames()
    stems = [
        names.stem(f"行政执法监督意见书-{name}", agency_id)
        for name, agency_id in [
            ("清河镇", "AG-1"),
            ("市场局", "AG-2"),
            ("AG/QL", "AG-3"),
            ("AG QL", "AG-4"),
            ("清河镇", "AG-5"),
        ]
    ]
    assert stems[:2] == ["行政执法监督意见书-清河镇", "行政执法监督意见书-市场局"]
    assert len({stem.casefold() for stem in stems}) == 5
    assert stems[4].startswith("行政执法监督意见书-清河镇-")
