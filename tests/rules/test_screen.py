"""Rule screens: each operator of the declarative form in Python, and the errors a screen
gives when it does not fit its record type."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from enforcement_supervision.rules import AS_OF, Screen, all_of, any_of, field
from enforcement_supervision.rules._screen import Condition, ScreenError

DAY = dt.date(2024, 3, 10)
CASE: dict[str, Any] = {
    "filed_date": "2024-01-01",
    "case_number": "A-1",
    "major_public_interest": True,
    "extensions": [{"days": 30}],
    "decision": {"fine_amount": "250.00", "procedure": "summary", "penalty_types": []},
}


def selects(where: Condition, payload: dict[str, Any] = CASE, as_of: dt.date = DAY) -> bool:
    return Screen(where, reason="test").bind("penalty-case").selects(payload, as_of)


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (field("filed_date") == "2024-01-01", True),
        (field("filed_date") == dt.date(2024, 1, 2), False),
        (field("filed_date") != "2024-01-02", True),
        (field("filed_date") < AS_OF, True),
        (field("filed_date").plus_days(69) <= AS_OF, True),
        (field("filed_date").plus_days(70) <= AS_OF, False),
        (field("filed_date").plus_days(68) >= AS_OF, False),
        (AS_OF.plus_days(-69) > field("filed_date"), False),
        (field("decision.fine_amount") > 200, True),
        (field("decision.fine_amount") >= 250.0, True),
        (field("decision.fine_amount") < 250, False),
        (field("decision.procedure") == "summary", True),
        (field("decision.procedure") != "ordinary", True),
        (field("decision.procedure").in_(["ordinary"]), False),
        (field("decision.procedure").not_in(["ordinary"]), True),
        (field("case_number") == "a-1", False),
        (field("major_public_interest") == True, True),  # noqa: E712
        (field("extensions").not_empty(), True),
        (field("decision.penalty_types").is_empty(), True),
        (field("closure").is_null(), True),
        (field("decision").is_not_null(), True),
    ],
)
def test_operators(where: Condition, expected: bool) -> None:
    assert selects(where) is expected


@pytest.mark.parametrize(
    "where",
    [
        field("closure.closed_date") < AS_OF,
        field("closure.closed_date") >= AS_OF,
        field("closure.closed_date") == "2024-01-01",
        field("closure.closed_date") != "2024-01-01",
        field("decision.procedure").not_in(["ordinary"])
        & field("closure.closed_date").is_null()
        & (field("hearing.held_date") != "2024-01-01"),
    ],
)
def test_a_comparison_with_a_null_value_is_false_and_not_is_its_complement(
    where: Condition,
) -> None:
    assert selects(where) is not selects(~where)
    if "closure" in repr(where) and "is_null" not in repr(where):
        assert selects(where) is False


def test_combinators() -> None:
    yes, no = field("decision").is_not_null(), field("decision").is_null()
    assert selects(yes & yes)
    assert not selects(yes & no)
    assert selects(yes | no)
    assert not selects(no | no)
    assert selects(all_of())
    assert not selects(any_of())
    assert selects(~no)


def test_recheck_day() -> None:
    screen = Screen(
        field("decision").is_null(), reason="r", recheck=field("filed_date").plus_days(90)
    ).bind("penalty-case")
    assert screen.recheck(CASE, DAY) == dt.date(2024, 3, 31)
    assert screen.recheck({}, DAY) is None


def test_a_condition_has_no_truth_value() -> None:
    with pytest.raises(TypeError, match="combine with"):
        bool(field("filed_date") < AS_OF)


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (field("nope") == 1, "has no field 'nope'"),
        (field("decision.nope").is_null(), "has no field 'decision.nope'"),
        (field("filed_date.year").is_null(), "has no fields"),
        (field("acts.date") < AS_OF, "goes into the list"),
        (field("decision.procedure") == "summry", "not a value of"),
        (field("decision.procedure") < "summary", "only with == and !="),
        (field("filed_date") == 3, "cannot be compared"),
        (field("filed_date") == None, "is_null"),  # noqa: E711
        (field("decision.fine_amount") == "x", "cannot be compared"),
        (field("filed_date") < field("decision.fine_amount"), "cannot compare"),
        (field("extensions") == 1, "is_empty"),
        (field("filed_date").is_empty(), "need a list"),
        (field("decision.fine_amount").plus_days(1) < AS_OF, "plus_days needs a date"),
        (field("decision.decision_date").in_(["2024-01-01"]), "in_ / not_in"),
    ],
)
def test_errors_name_the_problem(where: Condition, message: str) -> None:
    with pytest.raises(ScreenError, match=message):
        Screen(where, reason="r").bind("penalty-case")


@pytest.mark.parametrize(
    ("decided", "as_of", "expected"),
    [
        (None, DAY, True),  # not decided: the duty is open
        ("2024-01-31", DAY, False),  # within 30 days of filing, seen as of DAY
        ("2024-01-30", DAY, False),
        ("2024-02-01", DAY, True),  # the 31st day: after the bound
        ("2024-01-20", dt.date(2024, 1, 10), True),  # dated after the day checked: not seen
    ],
)
def test_not_done_by_is_the_deadline_screen(
    decided: str | None, as_of: dt.date, expected: bool
) -> None:
    payload = {**CASE, "decision": {**CASE["decision"], "decision_date": decided}}
    where = field("decision.decision_date").not_done_by(field("filed_date").plus_days(30))
    assert selects(where, payload, as_of) is expected
    spelled = any_of(
        field("decision.decision_date").is_null(),
        field("decision.decision_date") > field("filed_date").plus_days(30),
        field("decision.decision_date") > AS_OF,
    )
    assert selects(spelled, payload, as_of) is expected


def test_not_done_by_needs_a_bound() -> None:
    with pytest.raises(ScreenError, match="bound"):
        field("decision.decision_date").not_done_by()


def test_a_screen_needs_a_reason() -> None:
    with pytest.raises(ScreenError, match="reason"):
        Screen(field("decision").is_null(), reason=" ")


def _declare(**options: Any) -> Any:
    from enforcement_supervision.rules import LegalBasis, rule

    @rule(
        id="TEST-SCREENED",
        title_zh="测试",
        title_en="Test",
        category="procedure",
        severity="S3",
        legal_basis=LegalBasis(instrument="测试法", article="1"),
        applies_to="penalty-case",
        **options,
    )
    def check(case: Any, ctx: Any) -> None:
        """Test."""

    return check


def test_a_rule_declares_a_screen_bound_to_its_record_type() -> None:
    declared = _declare(screen=Screen(field("decision").is_null(), reason="decided: clean"))
    bound = declared.bound_screen("penalty-case")
    assert bound is not None
    assert bound.selects({}, DAY)
    assert declared.to_dict()["screen"] == {"reason": "decided: clean", "recheck": False}
    assert _declare().bound_screen("penalty-case") is None
    assert "screen" not in _declare().to_dict()


def test_a_rule_with_a_wrong_screen_path_is_not_declared() -> None:
    from enforcement_supervision.rules._errors import RuleDefinitionError

    with pytest.raises(RuleDefinitionError, match=r"decision\.nope"):
        _declare(screen=Screen(field("decision.nope").is_null(), reason="r"))


def test_group_and_township_wide_rules_cannot_declare_screens() -> None:
    from enforcement_supervision.rules._errors import RuleDefinitionError

    screen = Screen(field("decision").is_null(), reason="r")
    with pytest.raises(RuleDefinitionError, match="cannot declare a screen"):
        _declare(screen=screen, group_by="agency_id")
    with pytest.raises(RuleDefinitionError, match="cannot declare a screen"):
        _declare(screen=screen, township_wide=True)
