"""Deadline clocks: extensions, tolling, rollover, instants and traces."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from enforcement_supervision.statutory_time import (
    SHANGHAI,
    CalendarUnavailable,
    ExcludedPeriod,
    Extension,
    ProvisionalDate,
    StatutoryCalendar,
    TimeUnit,
    build_deadline,
    calendar_days_before,
    deadline_in_calendar_days,
    deadline_in_hours,
    deadline_in_months,
    deadline_in_working_days,
    is_provisional,
    working_days_before,
)

D = date


def test_late_extension_is_ignored_and_traced(cal: StatutoryCalendar) -> None:
    deadline = deadline_in_calendar_days(
        D(2025, 3, 3),
        90,
        cal,
        rollover=False,
        extensions=[Extension(amount=30, approved_on=D(2025, 6, 2))],
    )
    assert deadline.due_date == D(2025, 6, 1)
    assert deadline.extensions_ignored == (Extension(amount=30, approved_on=D(2025, 6, 2)),)
    assert deadline.extensions_counted == ()
    assert "2025-06-02 批准，晚于当时的期限 2025-06-01，不计" in deadline.trace_text()


def test_with_rollover_the_rolled_deadline_is_the_one_an_extension_must_precede(
    cal: StatutoryCalendar,
) -> None:
    # Strict 06-01 (Sunday), rolled 06-03: an extension approved 06-02 is in time.
    deadline = deadline_in_calendar_days(
        D(2025, 3, 3),
        90,
        cal,
        rollover=True,
        extensions=[Extension(amount=30, approved_on=D(2025, 6, 2))],
    )
    assert deadline.strict_date == D(2025, 7, 1)
    assert deadline.due_date == D(2025, 7, 1)


def test_chained_extensions_are_checked_against_the_extended_deadline(
    cal: StatutoryCalendar,
) -> None:
    deadline = deadline_in_calendar_days(
        D(2025, 3, 3),
        90,
        cal,
        rollover=False,
        extensions=[
            Extension(amount=30, approved_on=D(2025, 6, 25), label="再次延长"),
            Extension(amount=30, approved_on=D(2025, 5, 30)),
        ],
    )
    # 06-01 + 30 = 07-01; the second extension (06-25) is before 07-01, so it counts too.
    assert deadline.due_date == D(2025, 7, 31)
    assert len(deadline.extensions_counted) == 2


def test_working_day_deadline_excludes_working_days_only(cal: StatutoryCalendar) -> None:
    # 2025-10-01..10-12 holds 2 working days (10-09, 10-10) plus the make-up Saturday 10-11.
    deadline = deadline_in_working_days(
        D(2025, 9, 22),
        20,
        cal,
        excluded_periods=[ExcludedPeriod(start=D(2025, 10, 1), end=D(2025, 10, 12))],
    )
    assert deadline.excluded == 3
    assert deadline.due_date == cal.add_working_days(D(2025, 9, 22), 23)
    assert "3 个工作日" in deadline.trace_text()


def test_overlapping_excluded_periods_are_not_counted_twice(cal: StatutoryCalendar) -> None:
    deadline = deadline_in_calendar_days(
        D(2025, 9, 30),
        30,
        cal,
        rollover=False,
        excluded_periods=[
            ExcludedPeriod(start=D(2025, 10, 10), end=D(2025, 10, 19), label="检测"),
            ExcludedPeriod(start=D(2025, 10, 15), end=D(2025, 10, 21), label="鉴定"),
        ],
    )
    assert deadline.excluded == 12
    assert deadline.due_date == D(2025, 11, 11)
    assert "检测、鉴定" in deadline.trace_text()


def test_excluded_period_after_the_deadline_does_not_count(cal: StatutoryCalendar) -> None:
    deadline = deadline_in_calendar_days(
        D(2025, 9, 30),
        30,
        cal,
        rollover=False,
        excluded_periods=[ExcludedPeriod(start=D(2025, 11, 3), end=D(2025, 11, 5))],
    )
    assert deadline.excluded == 0
    assert deadline.due_date == D(2025, 10, 30)
    assert "不计" in deadline.trace_text()


def test_invalid_inputs() -> None:
    with pytest.raises(ValueError, match="ends"):
        ExcludedPeriod(start=D(2025, 10, 10), end=D(2025, 10, 9))
    with pytest.raises(ValueError, match="positive"):
        Extension(amount=0, approved_on=D(2025, 1, 1))


def test_invalid_combinations(cal: StatutoryCalendar) -> None:
    with pytest.raises(ValueError, match="non-negative"):
        build_deadline(D(2025, 1, 2), -1, TimeUnit.CALENDAR_DAYS, cal)
    with pytest.raises(ValueError, match="before"):
        build_deadline(D(2025, 1, 2), 1, TimeUnit.MONTHS, cal, before=True)
    with pytest.raises(ValueError, match="do not apply"):
        build_deadline(
            D(2025, 1, 2),
            1,
            TimeUnit.CALENDAR_DAYS,
            cal,
            before=True,
            extensions=[Extension(amount=1, approved_on=D(2025, 1, 1))],
        )


def test_passes_at_is_midnight_after_the_due_date(cal: StatutoryCalendar) -> None:
    deadline = deadline_in_calendar_days(D(2024, 9, 9), 90, cal, rollover=True)
    assert deadline.passes_at == datetime(2024, 12, 10, 0, 0, tzinfo=SHANGHAI)
    assert deadline.passes_at.utcoffset() is not None
    # 2024-12-09 23:59 in Shanghai: not yet passed; midnight: passed.
    assert not deadline.has_passed(datetime(2024, 12, 9, 23, 59, tzinfo=SHANGHAI))
    assert deadline.has_passed(datetime(2024, 12, 10, 0, 0, tzinfo=SHANGHAI))
    # 16:00 UTC on 12-09 is already midnight in Shanghai.
    assert deadline.has_passed(datetime(2024, 12, 9, 16, 0, tzinfo=UTC))
    assert not deadline.has_passed(datetime(2024, 12, 9, 15, 59, tzinfo=UTC))
    # Naive datetimes are Shanghai time.
    assert not deadline.has_passed(datetime(2024, 12, 9, 23, 0))
    assert deadline.is_met_by(datetime(2024, 12, 9, 15, 0, tzinfo=UTC))
    assert not deadline.is_met_by(datetime(2024, 12, 9, 16, 30, tzinfo=UTC))


def test_hour_deadlines_count_from_the_clock_time(cal: StatutoryCalendar) -> None:
    start = datetime(2025, 9, 30, 2, 30, tzinfo=UTC)  # 10:30 in Shanghai
    deadline = deadline_in_hours(start, 24, cal, start_label="扣押")
    end = datetime(2025, 10, 1, 10, 30, tzinfo=SHANGHAI)
    assert deadline.due_instant == end
    assert deadline.passes_at == end
    assert deadline.due_date == D(2025, 10, 1)  # no rollover for hours, even on a holiday
    assert deadline.is_met_by(end)
    assert not deadline.is_met_by(datetime(2025, 10, 1, 10, 31, tzinfo=SHANGHAI))
    assert deadline.has_passed(end)
    assert not deadline.has_passed(datetime(2025, 10, 1, 10, 29, tzinfo=SHANGHAI))
    assert deadline.trace_text().startswith("扣押 2025-09-30 10:30 起算 24 小时 → 2025-10-01 10:30")


def test_hours_from_a_date_start_at_midnight(cal: StatutoryCalendar) -> None:
    deadline = deadline_in_hours(datetime(2025, 3, 3), 48, cal)
    assert deadline.due_instant == datetime(2025, 3, 5, 0, 0, tzinfo=SHANGHAI)


def test_month_clamping_is_traced(cal: StatutoryCalendar) -> None:
    deadline = deadline_in_months(D(2025, 1, 31), 1, cal, rollover=False)
    assert deadline.due_date == D(2025, 2, 28)
    assert "无对应日，取月末" in deadline.trace_text()
    assert "last day of the month" in deadline.trace_text("en")


def test_month_extension_counts_from_the_start(cal: StatutoryCalendar) -> None:
    deadline = deadline_in_months(
        D(2025, 1, 31),
        1,
        cal,
        rollover=False,
        extensions=[Extension(amount=1, approved_on=D(2025, 2, 20))],
    )
    assert deadline.due_date == D(2025, 3, 31)


def test_no_rollover_keeps_both_dates_and_says_so(cal: StatutoryCalendar) -> None:
    deadline = deadline_in_calendar_days(D(2024, 9, 9), 90, cal, rollover=False)
    assert deadline.strict_date == deadline.due_date == D(2024, 12, 8)
    assert deadline.rolled_date == D(2024, 12, 9)
    assert deadline.trace_text() == (
        "2024-09-09 起算 90 日 → 2024-12-08（星期日，休息日）→ 不顺延（如顺延则为 2024-12-09）"
    )


def test_make_up_day_is_not_rolled_over(cal: StatutoryCalendar) -> None:
    # 2025-09-11 + 30 = 2025-10-11, a Saturday make-up working day.
    deadline = deadline_in_calendar_days(D(2025, 9, 11), 30, cal, rollover=True)
    assert deadline.strict_date == deadline.due_date == D(2025, 10, 11)
    assert "调休上班日" in deadline.trace_text()


def test_working_days_before_an_event(cal: StatutoryCalendar) -> None:
    # Hearing on Monday 2025-10-13: 7 working days before it (make-up Saturday 10-11 counts).
    deadline = working_days_before(D(2025, 10, 13), 7, cal, event_label="听证")
    assert deadline.before
    assert cal.add_working_days(deadline.due_date, 7) <= D(2025, 10, 13)
    assert cal.add_working_days(deadline.due_date + timedelta(days=1), 7) > D(2025, 10, 13)
    assert deadline.due_date == D(2025, 9, 27)
    assert deadline.trace_text().startswith("听证 2025-10-13 前 7 个工作日 → 最迟 2025-09-27")


def test_calendar_days_before_an_event(cal: StatutoryCalendar) -> None:
    deadline = calendar_days_before(D(2025, 10, 13), 3, cal)
    assert deadline.due_date == D(2025, 10, 10)
    assert deadline.is_met_by(D(2025, 10, 10))
    assert not deadline.is_met_by(D(2025, 10, 11))


def test_before_deadline_at_the_end_of_the_last_loaded_year(cal: StatutoryCalendar) -> None:
    # Counting back from 2026-12-31 must not need 2027.
    deadline = working_days_before(D(2026, 12, 31), 1, cal)
    assert deadline.due_date == D(2026, 12, 30)


def test_provisional_rollover_marks_the_deadline(pcal: StatutoryCalendar) -> None:
    # 2026-12-02 + 30 = 2027-01-01, 元旦 in provisional 2027.
    rolled = deadline_in_calendar_days(D(2026, 12, 2), 30, pcal, rollover=True)
    assert rolled.due_date == D(2027, 1, 4)
    assert rolled.provisional
    assert is_provisional(rolled.due_date)
    strict = deadline_in_calendar_days(D(2026, 12, 2), 30, pcal, rollover=False)
    assert strict.due_date == D(2027, 1, 1)
    assert not strict.provisional  # the strict date does not depend on the calendar
    assert strict.rolled_date is not None
    assert is_provisional(strict.rolled_date)


def test_rollover_into_an_unknown_year_raises_in_strict_mode(cal: StatutoryCalendar) -> None:
    with pytest.raises(CalendarUnavailable):
        deadline_in_calendar_days(D(2026, 12, 2), 30, cal, rollover=True)
    plain = deadline_in_calendar_days(D(2026, 12, 2), 30, cal, rollover=False)
    assert plain.due_date == D(2027, 1, 1)
    assert plain.rolled_date is None
    assert plain.trace_text() == "2026-12-02 起算 30 日 → 2027-01-01（星期五）"


def test_start_datetime_uses_the_shanghai_date(cal: StatutoryCalendar) -> None:
    # 2024-09-08 18:00 UTC is 2024-09-09 02:00 in Shanghai.
    deadline = deadline_in_calendar_days(
        datetime(2024, 9, 8, 18, 0, tzinfo=UTC), 90, cal, rollover=True
    )
    assert deadline.start == D(2024, 9, 9)
    assert deadline.due_date == D(2024, 12, 9)


def test_a_provisional_start_makes_the_deadline_provisional(cal: StatutoryCalendar) -> None:
    deadline = deadline_in_calendar_days(ProvisionalDate(2025, 3, 3), 5, cal, rollover=False)
    assert deadline.provisional
    assert is_provisional(deadline.due_date)
    assert deadline.trace_text().endswith("暂定结果：起算日本身是暂定日期")
