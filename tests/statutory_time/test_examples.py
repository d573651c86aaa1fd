"""The counting in docs/catalog/examples.md (E1, E2, E6, E7, E8, E10, E12, E14, E23, E24) as
calendar tests.

Each test names the example. The rule-level outcome (S2 flag, S4 note …) is expressed as the
deadline question a rule asks: ``is_met_by``, ``has_passed`` or ``is_met_only_by_rollover``.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from enforcement_supervision.statutory_time import (
    CalendarUnavailable,
    DayKind,
    ExcludedPeriod,
    Extension,
    StatutoryCalendar,
    deadline_in_calendar_days,
    deadline_in_months,
    deadline_in_working_days,
    deadline_in_years,
    is_provisional,
)

D = date


class TestE1Decision90Days:
    """E1: filed 2024-09-09, decided 2024-12-11; late in both modes."""

    def test_strict_and_rolled_dates(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(
            D(2024, 9, 9), 90, cal, rollover=True, start_label="立案"
        )
        assert deadline.strict_date == D(2024, 12, 8)
        assert cal.day_kind(D(2024, 12, 8)) is DayKind.WEEKEND
        assert deadline.rolled_date == D(2024, 12, 9)
        assert deadline.due_date == D(2024, 12, 9)

    @pytest.mark.parametrize("rollover", [True, False])
    def test_decision_on_1211_is_late_in_both_modes(
        self, cal: StatutoryCalendar, rollover: bool
    ) -> None:
        deadline = deadline_in_calendar_days(D(2024, 9, 9), 90, cal, rollover=rollover)
        assert not deadline.is_met_by(D(2024, 12, 11))
        assert not deadline.is_met_only_by_rollover(D(2024, 12, 11))
        # The internal opinion (12-04) and phone call (12-05) would have been in time: the
        # rule must use the date printed on the 决定书, which is the rule's job, not ours.
        assert deadline.is_met_by(D(2024, 12, 4))

    def test_trace_text_matches_the_issue(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(
            D(2024, 9, 9), 90, cal, rollover=True, start_label="立案", start_label_en="case filed"
        )
        assert deadline.trace_text() == (
            "立案 2024-09-09 起算 90 日 → 2024-12-08（星期日，休息日）→ 顺延至 2024-12-09"
        )
        assert deadline.trace_text("en") == (
            "case filed 2024-09-09: 90 days counted → 2024-12-08 (Sunday, rest day) "
            "→ rolled over to 2024-12-09"
        )


class TestE2RolloverSensitivity:
    """E2: filed 2025-03-03, decided 2025-06-03."""

    def test_strict_date_is_inside_the_dragon_boat_block(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(D(2025, 3, 3), 90, cal, rollover=True)
        assert deadline.strict_date == D(2025, 6, 1)
        assert cal.day_kind(D(2025, 6, 1)) is DayKind.HOLIDAY
        assert cal.holiday(D(2025, 6, 1)) is not None
        assert deadline.rolled_date == D(2025, 6, 3)
        assert "端午节" in deadline.trace_text()

    def test_rollover_on_no_s2_but_s4_note(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(D(2025, 3, 3), 90, cal, rollover=True)
        assert deadline.is_met_by(D(2025, 6, 3))
        assert deadline.is_met_only_by_rollover(D(2025, 6, 3))

    def test_rollover_off_flags(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(D(2025, 3, 3), 90, cal, rollover=False)
        assert deadline.due_date == D(2025, 6, 1)
        assert deadline.rolled_date == D(2025, 6, 3)
        assert not deadline.is_met_by(D(2025, 6, 3))

    @pytest.mark.parametrize("rollover", [True, False])
    def test_extension_approved_before_the_strict_deadline(
        self, cal: StatutoryCalendar, rollover: bool
    ) -> None:
        deadline = deadline_in_calendar_days(
            D(2025, 3, 3),
            90,
            cal,
            rollover=rollover,
            extensions=[Extension(amount=30, approved_on=D(2025, 5, 30))],
        )
        assert deadline.due_date == D(2025, 7, 1)
        assert deadline.is_met_by(D(2025, 6, 3))


class TestE6CashHandover:
    """E6: cash collected 2025-04-30; 2 working days → 2025-05-07."""

    def test_two_working_days_skip_the_labour_day_block(self, cal: StatutoryCalendar) -> None:
        assert cal.add_working_days(D(2025, 4, 30), 1) == D(2025, 5, 6)
        assert cal.add_working_days(D(2025, 4, 30), 2) == D(2025, 5, 7)
        for day in range(1, 6):
            assert cal.is_rest_day(D(2025, 5, day))
        # The make-up Sunday 04-27 lies before the start and does not matter.
        assert cal.day_kind(D(2025, 4, 27)) is DayKind.MAKEUP_WORKDAY

    def test_handover_on_0508_is_late(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_working_days(D(2025, 4, 30), 2, cal)
        assert deadline.due_date == D(2025, 5, 7)
        assert deadline.is_met_by(D(2025, 5, 7))
        assert not deadline.is_met_by(D(2025, 5, 8))


class TestE7Limitation:
    """E7: violation ended 2023-03-10; two (five) years."""

    def test_two_years_end_on_the_corresponding_day(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_years(D(2023, 3, 10), 2, cal, rollover=False)
        assert deadline.due_date == D(2025, 3, 10)
        assert deadline.is_met_by(D(2025, 3, 10))
        assert not deadline.is_met_by(D(2025, 3, 11))

    def test_five_years_need_no_schedule_without_rollover(self, cal: StatutoryCalendar) -> None:
        # 2028 has no schedule; a year period without rollover does not need one.
        deadline = deadline_in_years(D(2023, 3, 10), 5, cal, rollover=False)
        assert deadline.due_date == D(2028, 3, 10)
        assert deadline.rolled_date is None
        assert deadline.is_met_by(D(2025, 3, 11))
        assert not deadline.provisional

    def test_five_years_with_rollover_need_2028(self, cal: StatutoryCalendar) -> None:
        with pytest.raises(CalendarUnavailable) as caught:
            deadline_in_years(D(2023, 3, 10), 5, cal, rollover=True)
        assert caught.value.year == 2028


class TestE8LicenceDecision20WD:
    """E8: accepted 2025-09-22 (Mon); 20 working days → 2025-10-24."""

    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (4, D(2025, 9, 26)),
            (5, D(2025, 9, 28)),  # Sunday make-up working day
            (7, D(2025, 9, 30)),
            (8, D(2025, 10, 9)),  # after the 10-01..10-08 block
            (10, D(2025, 10, 11)),  # Saturday make-up working day
            (15, D(2025, 10, 17)),
            (20, D(2025, 10, 24)),
        ],
    )
    def test_each_counted_day(self, cal: StatutoryCalendar, n: int, expected: D) -> None:
        assert cal.add_working_days(D(2025, 9, 22), n) == expected

    def test_naive_weekday_count_would_be_wrong(self, cal: StatutoryCalendar) -> None:
        # 20 Monday–Friday days from 09-22 would end on 10-20; the official calendar gives 10-24.
        assert cal.add_working_days(D(2025, 9, 22), 20) != D(2025, 10, 20)

    def test_late_decision_and_extension(self, cal: StatutoryCalendar) -> None:
        plain = deadline_in_working_days(D(2025, 9, 22), 20, cal)
        assert plain.due_date == D(2025, 10, 24)
        assert not plain.is_met_by(D(2025, 10, 28))
        extended = deadline_in_working_days(
            D(2025, 9, 22), 20, cal, extensions=[Extension(amount=10, approved_on=D(2025, 10, 20))]
        )
        assert extended.due_date == D(2025, 11, 7)
        assert extended.is_met_by(D(2025, 10, 28))


class TestE10Seizure30Days:
    """E10: seized 2025-09-30; 30 days, no rollover by design."""

    def test_plain_end(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(D(2025, 9, 30), 30, cal, rollover=False)
        assert deadline.due_date == D(2025, 10, 30)
        assert not deadline.is_met_by(D(2025, 10, 31))

    def test_extension_ends_on_a_saturday_without_rollover(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(
            D(2025, 9, 30),
            30,
            cal,
            rollover=False,
            extensions=[Extension(amount=30, approved_on=D(2025, 10, 28))],
        )
        assert deadline.due_date == D(2025, 11, 29)
        assert cal.is_rest_day(D(2025, 11, 29))
        assert deadline.rolled_date == D(2025, 12, 1)
        assert not deadline.is_met_by(D(2025, 12, 1))

    def test_lab_test_is_excluded(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(
            D(2025, 9, 30),
            30,
            cal,
            rollover=False,
            excluded_periods=[
                ExcludedPeriod(start=D(2025, 10, 10), end=D(2025, 10, 19), label="检测")
            ],
        )
        assert deadline.excluded == 10
        assert deadline.due_date == D(2025, 11, 9)
        assert deadline.is_met_by(D(2025, 11, 7))
        assert "扣除 检测 2025-10-10 至 2025-10-19 共 10 日" in deadline.trace_text()


class TestE12DemolitionWaitingPeriods:
    """E12: decision served 2025-03-03."""

    def test_reconsideration_60_days_rolled(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(D(2025, 3, 3), 60, cal, rollover=True)
        assert deadline.strict_date == D(2025, 5, 2)
        assert cal.day_kind(D(2025, 5, 2)) is DayKind.HOLIDAY
        assert deadline.due_date == D(2025, 5, 6)

    def test_litigation_six_months(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_months(D(2025, 3, 3), 6, cal, rollover=True)
        assert deadline.due_date == D(2025, 9, 3)
        assert cal.is_workday(D(2025, 9, 3))
        # Demolition on 08-20 falls inside the waiting period; on 09-04 it does not.
        assert not deadline.has_passed(D(2025, 8, 20))
        assert deadline.has_passed(D(2025, 9, 4))


class TestE14Petitions:
    """E14: petition received 2025-01-20; accepted 2025-02-05."""

    def test_notice_15_days_rolled_past_spring_festival(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(D(2025, 1, 20), 15, cal, rollover=True)
        assert deadline.strict_date == D(2025, 2, 4)
        assert deadline.due_date == D(2025, 2, 5)
        assert deadline.is_met_by(D(2025, 2, 5))
        assert not deadline.is_met_by(D(2025, 2, 6))

    def test_handling_60_days_rolled_past_qingming(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(D(2025, 2, 5), 60, cal, rollover=True)
        assert deadline.strict_date == D(2025, 4, 6)
        assert deadline.due_date == D(2025, 4, 7)
        assert not deadline.is_met_by(D(2025, 4, 8))

    def test_extension_of_30_days(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(
            D(2025, 2, 5),
            60,
            cal,
            rollover=True,
            extensions=[Extension(amount=30, approved_on=D(2025, 3, 20))],
        )
        assert deadline.strict_date == D(2025, 5, 6)
        assert deadline.due_date == D(2025, 5, 6)
        assert deadline.is_met_by(D(2025, 5, 6))


class TestE23CalendarBoundary:
    """E23: add_wd(2026-12-30, 3) needs 2027."""

    def test_strict_mode_raises_naming_2027(self, cal: StatutoryCalendar) -> None:
        with pytest.raises(CalendarUnavailable) as caught:
            cal.add_working_days(D(2026, 12, 30), 3)
        assert caught.value.year == 2027
        assert "2027" in caught.value.message_zh
        assert "2027" in caught.value.message_en

    def test_strict_mode_deadline_raises(self, cal: StatutoryCalendar) -> None:
        with pytest.raises(CalendarUnavailable):
            deadline_in_working_days(D(2026, 12, 30), 3, cal)

    def test_provisional_mode_gives_0105_marked(self, pcal: StatutoryCalendar) -> None:
        result = pcal.add_working_days(D(2026, 12, 30), 3)
        assert result == D(2027, 1, 5)
        assert is_provisional(result)
        assert pcal.is_rest_day(D(2027, 1, 1))
        deadline = deadline_in_working_days(D(2026, 12, 30), 3, pcal)
        assert deadline.due_date == D(2027, 1, 5)
        assert deadline.provisional
        assert is_provisional(deadline.due_date)
        assert "暂定" in deadline.trace_text()
        assert "provisional" in deadline.trace_text("en")

    def test_result_inside_official_years_is_not_marked(self, pcal: StatutoryCalendar) -> None:
        result = pcal.add_working_days(D(2026, 12, 28), 2)
        assert result == D(2026, 12, 30)
        assert not is_provisional(result)
        assert not deadline_in_working_days(D(2026, 12, 28), 2, pcal).provisional


class TestE24SupervisionMechanism:
    """E24: liaison feedback every 90 days; a 24-month supervisor term."""

    def test_feedback_interval(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_calendar_days(D(2025, 8, 10), 90, cal, rollover=False)
        assert deadline.due_date == D(2025, 11, 8)
        assert deadline.has_passed(D(2025, 11, 20))
        assert not deadline.has_passed(D(2025, 11, 8))

    def test_supervisor_term(self, cal: StatutoryCalendar) -> None:
        deadline = deadline_in_months(D(2023, 5, 15), 24, cal, rollover=False)
        assert deadline.due_date == D(2025, 5, 15)
        assert deadline.is_met_by(D(2025, 5, 15))
        assert not deadline.is_met_by(D(2025, 5, 16))
        assert deadline.is_met_by(datetime(2025, 5, 15, 23, 59))
