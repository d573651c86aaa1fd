"""The screens of the five core penalty-case rules: which payloads each selects (flagging
cases, cases that cannot flag, the boundaries), and ``esup rules test`` failing a rule whose
screen leaves out a case that flags."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest
from esup_national_rules import penalty

from enforcement_supervision.rules import Screen, field
from enforcement_supervision.rules._cases import load_case_file, run_case

DAY = dt.date(2025, 12, 31)


def selects(rule: Any, payload: dict[str, Any], as_of: dt.date = DAY) -> bool:
    bound = rule.bound_screen("penalty-case")
    assert bound is not None
    return bool(bound.selects(payload, as_of))


def decided(**decision: Any) -> dict[str, Any]:
    return {"decision_date": "2025-06-01", "procedure": "ordinary", **decision}


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"filed_date": "2025-03-01"}, True),  # open: a running clock
        ({"filed_date": "2025-03-01", "decision": decided(decision_date="2025-05-30")}, False),
        ({"filed_date": "2025-03-01", "decision": decided(decision_date="2025-05-31")}, True),
        ({"filed_date": "2025-03-01", "closure": {"closed_date": "2025-05-30"}}, False),
        ({"filed_date": "2025-03-01", "closure": {"closed_date": "2025-06-10"}}, True),
        ({"filed_date": "2021-07-14"}, False),  # filed under the old law: not evaluated
        ({"filed_date": "2021-07-15"}, True),
        ({}, False),  # no filing date: nothing to count from
    ],
)
def test_decision_90d(payload: dict[str, Any], expected: bool) -> None:
    # 2025-03-01 + 90 calendar days = 2025-05-30: decided that day is in time.
    assert selects(penalty.decision_90_days, payload) is expected


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        (decided(procedure="summary", fine_amount="300.00"), True),
        (decided(procedure="summary", penalty_types=["warning"]), True),
        (decided(procedure="summary"), False),  # no penalty at all
        (decided(procedure="summary", fine_amount="300.00", special_law_ref="道交法"), False),
        (decided(procedure="ordinary", fine_amount="300.00"), False),
    ],
)
def test_summary_limit(decision: dict[str, Any], expected: bool) -> None:
    assert selects(penalty.summary_limit, {"decision": decision}) is expected


def test_officers_2() -> None:
    act = {"kind": "investigation", "date": "2025-03-01", "officer_ids": ["O1"]}
    assert selects(penalty.officers_two, {"acts": [act]})
    assert not selects(penalty.officers_two, {"acts": []})
    assert not selects(penalty.officers_two, {})


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"hearing": {"held_date": "2025-05-01"}, "decision": decided()}, True),  # no review
        (
            {
                "hearing": {"held_date": "2025-05-01"},
                "decision": decided(),
                "legal_review": {"completed_date": "2025-06-01", "result": "pass"},
            },
            False,  # completed on the decision day: in time
        ),
        (
            {
                "major_public_interest": True,
                "decision": decided(),
                "legal_review": {"completed_date": "2025-06-02", "result": "pass"},
            },
            True,  # after the decision
        ),
        (
            {
                "complex_multi_legal": True,
                "decision": decided(approved_date="2025-05-20"),
                "legal_review": {"completed_date": "2025-05-25", "result": "pass"},
            },
            True,  # after the approval
        ),
        (
            {
                "review_required_by_law": True,
                "decision": decided(),
                "legal_review": {"completed_date": "2025-05-25", "result": "fail"},
            },
            True,
        ),
        ({"decision": decided()}, False),  # no review needed
        ({"decision": decided(matter_code="M-1")}, True),  # maybe on a catalog
        ({"major_public_interest": True, "decision": decided(decision_date="2021-07-14")}, False),
        ({"major_public_interest": True}, False),  # no decision yet
    ],
)
def test_legal_review(payload: dict[str, Any], expected: bool) -> None:
    assert selects(penalty.legal_review, payload) is expected


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"decision": decided(announced_date="2025-06-02")}, True),  # not served: a clock
        (
            {
                "decision": decided(announced_date="2025-06-02"),
                "delivery": {"served_date": "2025-06-09", "method": "direct"},
            },
            False,  # seven calendar days after the announcement: never late
        ),
        (
            {
                "decision": decided(announced_date="2025-06-02"),
                "delivery": {"served_date": "2025-06-10", "method": "direct"},
            },
            True,  # maybe after seven working days
        ),
        (
            {"decision": decided(), "delivery": {"served_date": "2025-06-09", "method": "post"}},
            True,  # from the decision date when not announced
        ),
        (
            {
                "decision": decided(),
                "delivery": {"served_date": "2025-06-02", "party_present_at_announcement": True},
            },
            True,
        ),
        ({"decision": decided(), "delivery": {"method": "public_notice"}}, False),
        (
            {
                "decision": decided(),
                "delivery": {
                    "served_date": "2025-06-02",
                    "method": "electronic",
                    "e_service_consent_signed": False,
                },
            },
            True,
        ),
        ({"decision": decided(procedure="summary")}, False),
        ({"decision": decided(decision_date="2021-07-14")}, False),
    ],
)
def test_delivery_7wd(payload: dict[str, Any], expected: bool) -> None:
    assert selects(penalty.delivery_7wd, payload) is expected


def test_rules_test_fails_a_case_that_flags_outside_the_screen() -> None:
    cases = Path(penalty.__file__).parent / "cases" / "PEN-DECISION-90D.toml"
    narrow = attrs.evolve(
        penalty.decision_90_days,
        screen=Screen(field("filed_date") >= "2099-01-01", reason="too narrow on purpose"),
    )
    results = [run_case(case, narrow) for case in load_case_file(cases).cases]
    missed = [r for r in results if any("screen leaves out" in p for p in r.problems)]
    assert missed
    assert "too narrow on purpose" in missed[0].problems[-1]
    assert all(
        run_case(case, penalty.decision_90_days).passed for case in load_case_file(cases).cases
    )
