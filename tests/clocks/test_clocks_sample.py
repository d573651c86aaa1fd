"""Done-when: on the sample township, checked day by day through the 2025 National Day
holiday, a 90-day penalty clock and a 20-working-day licensing clock turn yellow and red on
the days the law and the thresholds say, disappear when the decision is recorded, and a clock
that turns red has its finding opened in the same run."""

from __future__ import annotations

import datetime as dt

import pytest

from enforcement_supervision.config import Config
from enforcement_supervision.sample import SampleTownship
from enforcement_supervision.store import Store

from .conftest import (
    EXTENDED_CASE,
    LATE_CASE,
    LICENCE,
    Day,
    check_day_by_day,
    days,
    late_variant,
    with_clocks,
)

D = dt.date


def lights(checked: dict[dt.date, Day], subject: str) -> dict[dt.date, str | None]:
    return {
        day: (seen.clocks[subject].light if subject in seen.clocks else None)
        for day, seen in checked.items()
    }


def spans(checked: dict[dt.date, Day], subject: str) -> list[tuple[str | None, dt.date, dt.date]]:
    """The light of ``subject``'s clock as runs of days: (light, first day, last day)."""
    out: list[tuple[str | None, dt.date, dt.date]] = []
    for day, light in lights(checked, subject).items():
        if out and out[-1][0] == light:
            out[-1] = (light, out[-1][1], day)
        else:
            out.append((light, day, day))
    return out


# -- the 20-working-day licence decision (行政许可法 Art. 42, 82) ---------------------------------


def test_licence_clock_yellow_red_and_gone(checked: dict[dt.date, Day]) -> None:
    # Accepted Monday 2025-09-22; 20 working days (09-28 and 10-11 count, Oct 1–8 do not)
    # end Friday 10-24. Yellow when at most 20 % of 20 = 4 working days are left: from
    # Monday 10-20 (10-21 … 10-24 left); red from the day after the due date, Saturday 10-25.
    assert spans(checked, LICENCE) == [
        (None, D(2025, 9, 1), D(2025, 9, 21)),
        ("green", D(2025, 9, 22), D(2025, 10, 19)),
        ("yellow", D(2025, 10, 20), D(2025, 10, 24)),
        ("red", D(2025, 10, 25), D(2025, 10, 27)),
        # The decision of 10-28 is recorded: the clock is gone (the finding stays, late).
        (None, D(2025, 10, 28), D(2025, 10, 31)),
    ]
    clock = checked[D(2025, 9, 22)].clocks[LICENCE]
    assert (clock.unit, clock.period, clock.due_date) == ("WD", 20, D(2025, 10, 24))
    assert clock.started_by == "受理"
    assert clock.lights_zh == (
        "2025-09-22 起绿灯：剩余 20 个工作日",
        "2025-10-20 起黄灯：剩余 4 个工作日",
        "2025-10-25 起红灯：已超过期限 2025-10-24",
    )
    assert [
        checked[day].clocks[LICENCE].left for day in days(D(2025, 10, 20), D(2025, 10, 25))
    ] == [
        4,
        3,
        2,
        1,
        0,
        -1,
    ]


def test_licence_time_left_stands_still_over_the_holiday_and_counts_make_up_days(
    checked: dict[dt.date, Day],
) -> None:
    left = {day: checked[day].clocks[LICENCE].left for day in days(D(2025, 9, 26), D(2025, 10, 12))}
    # Sunday 09-28 is a working day: the Saturday before it, one more is left.
    assert left[D(2025, 9, 27)] - left[D(2025, 9, 28)] == 1
    # No working day passes from 09-30 to 10-08: the time left does not move.
    assert len({left[day] for day in days(D(2025, 9, 30), D(2025, 10, 8))}) == 1
    # Saturday 10-11 is a working day; Sunday 10-12 is not.
    assert left[D(2025, 10, 10)] - left[D(2025, 10, 11)] == 1
    assert left[D(2025, 10, 11)] == left[D(2025, 10, 12)]


def test_licence_red_opens_its_finding_in_the_same_run(checked: dict[dt.date, Day]) -> None:
    finding = ("LIC-DECISION-20WD", LICENCE, "decision")
    assert finding not in checked[D(2025, 10, 24)].findings
    assert checked[D(2025, 10, 25)].clocks[LICENCE].light == "red"
    assert finding in checked[D(2025, 10, 25)].findings
    assert finding in checked[D(2025, 10, 28)].findings  # decided late: still a finding


# -- the 90-day penalty decision (行政处罚法 Art. 60) -----------------------------------------


def test_penalty_clock_no_yellow_over_the_national_day_week(checked: dict[dt.date, Day]) -> None:
    # Filed 07-02: day 90 is 09-30, yellow when at most 18 days are left (20 % of 90): from
    # Friday 09-12. The 30-day extension approved 09-19 moves the due date to 10-30 (120
    # days, 24 of them the 20 %): the threshold day, 10-06, is inside the holiday, when no
    # working day passes, so the clock turns yellow on the first working day after it,
    # Thursday 10-09. The decision of 10-13 closes it.
    assert spans(checked, EXTENDED_CASE) == [
        ("green", D(2025, 9, 1), D(2025, 9, 11)),
        ("yellow", D(2025, 9, 12), D(2025, 9, 18)),
        ("green", D(2025, 9, 19), D(2025, 10, 8)),
        ("yellow", D(2025, 10, 9), D(2025, 10, 12)),
        (None, D(2025, 10, 13), D(2025, 10, 31)),
    ]
    clock = checked[D(2025, 10, 9)].clocks[EXTENDED_CASE]
    assert clock.extensions == ((30, D(2025, 9, 19)),)
    assert (clock.unit, clock.period, clock.started_by) == ("CD", 120, "立案")
    assert "2025-10-09 起黄灯：剩余 21 日" in clock.lights_zh


def test_penalty_clock_turns_red_with_its_finding_and_goes_with_the_decision(
    checked: dict[dt.date, Day],
) -> None:
    # Filed 07-24: day 90 is Wednesday 10-22. The 20 % threshold (18 days) falls on 10-04,
    # inside the holiday: yellow from 10-09. Red from 10-23, when the finding opens; the
    # decision recorded on 10-24 closes the clock (the finding stays: decided late).
    assert spans(checked, LATE_CASE) == [
        ("green", D(2025, 9, 1), D(2025, 10, 8)),
        ("yellow", D(2025, 10, 9), D(2025, 10, 22)),
        ("red", D(2025, 10, 23), D(2025, 10, 23)),
        (None, D(2025, 10, 24), D(2025, 10, 31)),
    ]
    overdue = ("PEN-DECISION-90D", LATE_CASE, "90d")
    assert overdue not in checked[D(2025, 10, 22)].findings
    assert overdue in checked[D(2025, 10, 23)].findings
    assert overdue in checked[D(2025, 10, 24)].findings


def test_yellow_lists_exactly_the_expected_clocks(checked: dict[dt.date, Day]) -> None:
    assert checked[D(2025, 10, 8)].yellow == ()
    assert checked[D(2025, 10, 9)].yellow == (EXTENDED_CASE, LATE_CASE)
    assert checked[D(2025, 10, 20)].yellow == (LICENCE, LATE_CASE)
    assert checked[D(2025, 10, 23)].yellow == (LICENCE,)


# -- configured thresholds land on the make-up working days --------------------------------


@pytest.fixture(scope="module")
def configured(
    township: SampleTownship, sample_config: Config, tmp_path_factory: pytest.TempPathFactory
) -> dict[dt.date, Day]:
    config = with_clocks(
        sample_config,
        {
            "rules": {"LIC-DECISION-20WD": {"yellow_working_days": 10}},
            "categories": {"inaction": {"yellow_percent": 27}},
        },
    )
    path = tmp_path_factory.mktemp("clocks-configured") / "esup.sqlite"
    with Store.open(path) as store:
        store.put_records(late_variant(township))
        return check_day_by_day(
            store, config, first=D(2025, 9, 20), last=D(2025, 10, 26), follow=(LICENCE, LATE_CASE)
        )


def test_configured_thresholds_turn_yellow_on_make_up_days(
    configured: dict[dt.date, Day],
) -> None:
    # LIC-DECISION-20WD: 10 working days left from Saturday 10-11, a make-up working day
    # (10-13 … 10-17 and 10-20 … 10-24).
    licence = lights(configured, LICENCE)
    assert licence[D(2025, 10, 10)] == "green"
    assert licence[D(2025, 10, 11)] == "yellow"
    # PEN-DECISION-90D is an inaction rule: 27 % of 90 days is 24 days before 10-22, Sunday
    # 09-28, a make-up working day: yellow from that Sunday, not the Monday.
    case = lights(configured, LATE_CASE)
    assert case[D(2025, 9, 27)] == "green"
    assert case[D(2025, 9, 28)] == "yellow"
    assert case[D(2025, 10, 23)] == "red"
