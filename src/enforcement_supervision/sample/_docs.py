"""The planted-violations table of ``docs/guide/sample-township.md``, as Markdown.

The page keeps a static copy of this table for the default seed; a test compares the two.
Refresh the page's copy with::

    python -m enforcement_supervision.sample._docs

which prints the table to paste between the page's ``planted-table`` markers.
"""

from __future__ import annotations

from enforcement_supervision.sample._generate import generate_township
from enforcement_supervision.sample._township import SampleTownship

__all__ = ["TABLE_BEGIN", "TABLE_END", "planted_table"]

TABLE_BEGIN = "<!-- planted-table: begin -->"
TABLE_END = "<!-- planted-table: end -->"


def planted_table(township: SampleTownship | None = None) -> str:
    """The Markdown table of planted violations (default seed and year when not given)."""
    if township is None:
        township = generate_township()
    lines = [
        "| rule | record | category | severity | what was planted |",
        "|---|---|---|---|---|",
    ]
    for item in township.planted:
        lines.append(
            f"| `{item.rule_id}` | {item.record_type} `{item.record_id}` | {item.category} "
            f"| {item.severity} | {item.description_zh}<br>{item.description_en} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(planted_table())
