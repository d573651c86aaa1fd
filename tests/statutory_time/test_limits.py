"""以上/以下/以内/届满 include the number; 超过/不满/以外 exclude it (E5 amounts)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from enforcement_supervision.statutory_time import at_least, at_most, exceeds, less_than, within


@pytest.mark.parametrize(
    ("fine", "limit", "allowed"),
    [
        (Decimal("200.00"), Decimal("200"), True),  # natural person, "二百元以下"
        (Decimal("200.01"), Decimal("200"), False),
        (Decimal("3000.00"), Decimal("3000"), True),  # organisation, "三千元以下"
        (Decimal("3000.01"), Decimal("3000"), False),
    ],
)
def test_summary_procedure_limits(fine: Decimal, limit: Decimal, allowed: bool) -> None:
    assert at_most(fine, limit) is allowed
    assert exceeds(fine, limit) is not allowed


def test_inclusive_and_exclusive_words() -> None:
    assert at_least(2, 2)
    assert not at_least(1, 2)
    assert not exceeds(100, 100)
    assert exceeds(101, 100)
    assert less_than(13, 14)
    assert not less_than(14, 14)
    assert within(Decimal(5000), Decimal(5000), Decimal(50000))
    assert within(Decimal(50000), Decimal(5000), Decimal(50000))
    assert not within(Decimal("50000.01"), Decimal(5000), Decimal(50000))
    assert at_most(date(2025, 6, 30), date(2025, 6, 30))
