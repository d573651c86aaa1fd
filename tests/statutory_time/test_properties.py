"""Hypothesis properties of working-day arithmetic and deadlines."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from enforcement_supervision.statutory_time import (
    StatutoryCalendar,
    deadline_in_calendar_days,
    deadline_in_months,
    default_calendar,
    is_provisional,
    working_days_before,
)

CAL = default_calendar()
PCAL = default_calendar(provisional=True)

starts = st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 6, 30))
amounts = st.integers(min_value=1, max_value=100)


def naive_add(calendar: StatutoryCalendar, day: date, n: int) -> date:
    """Reference implementation: walk day by day (docs/catalog/counting.md#functions)."""
    while n:
        day += timedelta(days=1)
        if calendar.is_workday(day):
            n -= 1
    return day


@given(starts, amounts)
def test_result_is_a_working_day(day: date, n: int) -> None:
    assert CAL.is_workday(CAL.add_working_days(day, n))


@given(starts, amounts)
def test_counting_back_gives_n(day: date, n: int) -> None:
    result = CAL.add_working_days(day, n)
    assert CAL.working_days_between(day, result) == n
    assert result > day


@given(starts, amounts)
def test_matches_the_day_by_day_reference(day: date, n: int) -> None:
    assert CAL.add_working_days(day, n) == naive_add(CAL, day, n)


@given(starts, amounts, amounts)
def test_monotonic_in_n(day: date, n: int, m: int) -> None:
    low, high = sorted((n, m))
    if low == high:
        assert CAL.add_working_days(day, low) == CAL.add_working_days(day, high)
    else:
        assert CAL.add_working_days(day, low) < CAL.add_working_days(day, high)


@given(starts, amounts)
def test_sub_inverts_add_from_a_working_day(day: date, n: int) -> None:
    start = CAL.roll_forward(day)
    assert CAL.sub_working_days(CAL.add_working_days(start, n), n) == start


@given(starts)
def test_roll_forward_is_the_first_working_day_on_or_after(day: date) -> None:
    rolled = CAL.roll_forward(day)
    assert rolled >= day
    assert CAL.is_workday(rolled)
    assert all(CAL.is_rest_day(day + timedelta(days=i)) for i in range((rolled - day).days))


@given(starts, st.integers(min_value=0, max_value=120))
def test_rollover_never_lands_on_a_rest_day(day: date, n: int) -> None:
    deadline = deadline_in_calendar_days(day, n, CAL, rollover=True)
    assert CAL.is_workday(deadline.due_date)
    assert deadline.strict_date <= deadline.due_date
    if CAL.is_workday(deadline.strict_date):
        assert deadline.due_date == deadline.strict_date


@given(starts, st.integers(min_value=0, max_value=5))
def test_month_rollover_never_lands_on_a_rest_day(day: date, n: int) -> None:
    assert CAL.is_workday(deadline_in_months(day, n, CAL, rollover=True).due_date)


@settings(max_examples=60)
@given(
    st.dates(min_value=date(2015, 3, 1), max_value=date(2026, 11, 30)),
    st.integers(min_value=1, max_value=10),
)
def test_before_deadline_matches_the_rules_check(event: date, n: int) -> None:
    """``is_met_by(x)`` is exactly ``add_wd(x, n) <= event`` (docs/catalog/interpretations.md)."""
    deadline = working_days_before(event, n, CAL)
    for offset in range(0, 3 * n + 12):
        done = event - timedelta(days=offset)
        assert deadline.is_met_by(done) == (CAL.add_working_days(done, n) <= event)


@given(
    st.dates(min_value=date(2026, 10, 1), max_value=date(2026, 12, 31)),
    st.integers(min_value=1, max_value=300),
)
def test_results_in_provisional_years_are_marked(day: date, n: int) -> None:
    result = PCAL.add_working_days(day, n)
    assert PCAL.is_workday(result)
    assert is_provisional(result) == (result.year >= 2027)
    assert PCAL.working_days_between(day, result) == n
