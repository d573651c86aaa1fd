"""The planted-violations table in docs/guide/sample-township.md matches planted.json."""

from __future__ import annotations

from pathlib import Path

from enforcement_supervision.sample import SampleTownship
from enforcement_supervision.sample._docs import TABLE_BEGIN, TABLE_END, planted_table

PAGE = Path(__file__).resolve().parents[2] / "docs" / "guide" / "sample-township.md"


def test_page_table_matches_the_default_township(township: SampleTownship) -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert TABLE_BEGIN in text, f"{PAGE} lost its table markers"
    assert TABLE_END in text, f"{PAGE} lost its table markers"
    on_page = text.split(TABLE_BEGIN, 1)[1].split(TABLE_END, 1)[0].strip()
    expected = planted_table(township)
    assert on_page == expected, (
        f"the planted-violations table in {PAGE.name} is out of date; refresh it with "
        "`python -m enforcement_supervision.sample._docs` and paste the output between "
        f"the {TABLE_BEGIN!r} and {TABLE_END!r} markers"
    )
