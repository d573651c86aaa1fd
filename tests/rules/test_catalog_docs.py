"""The generated rule catalog pages carry every rule's metadata and docs."""

from __future__ import annotations

from enforcement_supervision.rules import Category, LegalBasis, Parameter, rule
from enforcement_supervision.rules._catalog_docs import render_rule_catalog


@rule(
    id="TEST-DOCS-1",
    title_zh="测试规则",
    title_en="Test rule",
    category="personnel, abuse",
    severity="S2",
    legal_basis=LegalBasis(instrument="行政处罚法", article="42", paragraph="1", verification="V"),
    applies_to="officer",
    valid_from="2021-07-15",
    parameters=[Parameter(name="limit_days", default=30, unit="days", doc="how long")],
)
def _check(record: object, ctx: object) -> None:
    """Flags nothing in particular.

    ## Why
    Because Art. 42 says so.

    ## Example that flags
    An officer alone.

    ## Example that does not flag
    Two officers.

    ## Configuration
    `limit_days`.
    """


def test_catalog_has_a_page_per_category_and_the_rule_on_its_first() -> None:
    pages = render_rule_catalog([_check])
    assert set(pages) == {"index.md"} | {f"{c.value}.md" for c in Category}
    personnel = pages["personnel.md"]
    assert "## TEST-DOCS-1 — 测试规则" in personnel
    assert "《行政处罚法》第42条第1款" in personnel
    assert "2021-07-15" in personnel
    assert "### Why" in personnel
    assert "### Example that flags" in personnel
    assert "### Example that does not flag" in personnel
    assert "| `limit_days` | `30` | days |" in personnel
    assert "TEST-DOCS-1" not in pages["abuse.md"]
    assert "[TEST-DOCS-1](personnel.md#test-docs-1)" in pages["index.md"]
    assert "personnel, abuse" in pages["index.md"]


def test_a_screened_rule_says_what_its_screen_leaves_out_and_why() -> None:
    from esup_national_rules.penalty import decision_90_days  # a rule with a screen

    screened = decision_90_days
    assert screened.screen is not None
    page = "\n".join(render_rule_catalog([screened]).values())
    assert "**Screen:**" in page
    assert screened.screen.reason.replace("\n", " ") in page
    assert "--verify-screens" in page
    unscreened = "\n".join(render_rule_catalog([_check]).values())
    assert "**Screen:**" not in unscreened
