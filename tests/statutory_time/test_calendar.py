"""StatutoryCalendar: lookups, counting primitives, strict and provisional modes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from enforcement_supervision.statutory_time import (
    SHANGHAI,
    CalendarUnavailable,
    DayKind,
    HolidaySchedule,
    ProvisionalDate,
    ScheduleError,
    ScheduleSource,
    StatutoryCalendar,
    bundled_schedules,
    default_calendar,
    is_provisional,
    provisional_years,
    to_local_date,
)

D = date


def test_bundles_2015_to_2026_with_sources() -> None:
    schedules = bundled_schedules()
    assert [s.year for s in schedules] == list(range(2015, 2027))
    for schedule in schedules:
        assert f"{schedule.year}年部分节假日安排" in schedule.source.title
        assert schedule.source.issued is not None
        assert schedule.source.issued < D(schedule.year, 1, 1)
        assert schedule.source.url
        assert schedule.source.url.startswith("http")
        assert schedule.source.document_number
        assert schedule.holidays


@pytest.mark.parametrize(
    ("year", "count"),
    [
        (2015, 249),
        (2016, 250),
        (2017, 249),
        (2018, 250),
        (2019, 250),
        (2020, 249),
        (2021, 250),
        (2022, 249),
        (2023, 249),
        (2024, 251),
        (2025, 248),
        (2026, 248),
    ],
)
def test_working_days_per_year(cal: StatutoryCalendar, year: int, count: int) -> None:
    assert cal.working_days_in_year(year) == count


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        (D(2025, 9, 28), DayKind.MAKEUP_WORKDAY),  # Sunday make-up day
        (D(2025, 10, 11), DayKind.MAKEUP_WORKDAY),  # Saturday make-up day
        (D(2025, 10, 12), DayKind.WEEKEND),
        (D(2025, 10, 8), DayKind.HOLIDAY),  # Wednesday inside the National Day block
        (D(2025, 10, 4), DayKind.HOLIDAY),  # Saturday inside the block
        (D(2025, 10, 9), DayKind.WORKDAY),
        (D(2026, 2, 20), DayKind.HOLIDAY),  # 调休 rest day, not a statutory holiday
        (D(2026, 2, 14), DayKind.MAKEUP_WORKDAY),
        (D(2024, 2, 9), DayKind.WORKDAY),  # 除夕 2024 was only "encouraged" off
        (D(2020, 1, 31), DayKind.HOLIDAY),  # 2020 Spring Festival extension
        (D(2020, 2, 1), DayKind.HOLIDAY),  # its make-up Saturday was cancelled
        (D(2020, 2, 3), DayKind.WORKDAY),
        (D(2015, 9, 4), DayKind.HOLIDAY),  # 70th anniversary, 国发明电〔2015〕1号
        (D(2015, 9, 6), DayKind.MAKEUP_WORKDAY),
        (D(2019, 5, 2), DayKind.HOLIDAY),  # 2019 Labour Day amendment
        (D(2019, 5, 5), DayKind.MAKEUP_WORKDAY),
    ],
)
def test_day_kinds(cal: StatutoryCalendar, day: D, kind: DayKind) -> None:
    assert cal.day_kind(day) is kind
    assert cal.is_workday(day) is kind.is_workday
    assert cal.is_rest_day(day) is not kind.is_workday


def test_adjacent_year_days_come_from_the_next_notice(cal: StatutoryCalendar) -> None:
    # Under the 2019 notice, Saturday 2018-12-29 was a working day and Monday 2018-12-31 rest.
    assert cal.day_kind(D(2018, 12, 29)) is DayKind.MAKEUP_WORKDAY
    assert cal.day_kind(D(2018, 12, 31)) is DayKind.HOLIDAY
    holiday = cal.holiday(D(2018, 12, 31))
    assert holiday is not None
    assert holiday.name == "元旦"
    # Without the 2019 schedule the 2018 calendar alone cannot know it.
    only_2018 = StatutoryCalendar([s for s in bundled_schedules() if s.year == 2018])
    assert only_2018.day_kind(D(2018, 12, 29)) is DayKind.WEEKEND
    assert only_2018.day_kind(D(2018, 12, 31)) is DayKind.WORKDAY


def test_counting_from_a_rest_day(cal: StatutoryCalendar) -> None:
    # From a day inside a holiday block the first working day is the first one after the block.
    assert cal.add_working_days(D(2025, 10, 3), 1) == D(2025, 10, 9)
    assert cal.add_working_days(D(2025, 10, 12), 1) == D(2025, 10, 13)
    assert cal.sub_working_days(D(2025, 10, 3), 1) == D(2025, 9, 30)


def test_zero_and_negative_amounts(cal: StatutoryCalendar) -> None:
    assert cal.add_working_days(D(2025, 10, 4), 0) == D(2025, 10, 4)
    assert cal.add_working_days(D(2025, 10, 9), -1) == D(2025, 9, 30)
    assert cal.sub_working_days(D(2025, 9, 30), -1) == D(2025, 10, 9)


def test_counting_across_years(cal: StatutoryCalendar) -> None:
    assert cal.add_working_days(D(2018, 12, 28), 1) == D(2018, 12, 29)
    assert cal.add_working_days(D(2018, 12, 29), 1) == D(2019, 1, 2)
    assert cal.sub_working_days(D(2019, 1, 2), 2) == D(2018, 12, 28)
    assert cal.add_working_days(D(2015, 1, 5), 249 * 0 + cal.working_days_in_year(2015)) > D(
        2015, 12, 31
    )
    start = D(2016, 3, 1)
    end = cal.add_working_days(start, 2000)
    assert cal.working_days_between(start, end) == 2000
    assert cal.sub_working_days(end, 2000) == start


def test_working_days_between(cal: StatutoryCalendar) -> None:
    assert cal.working_days_between(D(2025, 9, 22), D(2025, 10, 24)) == 20
    assert cal.working_days_between(D(2025, 10, 24), D(2025, 9, 22)) == -20
    assert cal.working_days_between(D(2025, 10, 1), D(2025, 10, 8)) == 0
    assert cal.working_days_in(D(2025, 10, 1), D(2025, 10, 11)) == 3
    assert cal.working_days_in(D(2025, 10, 11), D(2025, 10, 1)) == 0


def test_roll_forward(cal: StatutoryCalendar) -> None:
    assert cal.roll_forward(D(2025, 10, 1)) == D(2025, 10, 9)
    assert cal.roll_forward(D(2025, 10, 11)) == D(2025, 10, 11)  # make-up day: no rollover
    assert cal.roll_forward(D(2025, 10, 9)) == D(2025, 10, 9)


def test_months_and_years_clamp_to_month_end(cal: StatutoryCalendar) -> None:
    assert cal.add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert cal.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert cal.add_months(D(2025, 3, 31), -1) == D(2025, 2, 28)
    assert cal.add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)
    assert cal.add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)
    assert cal.add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert cal.add_calendar_days(D(2025, 12, 31), 1) == D(2026, 1, 1)


def test_add_hours_in_shanghai(cal: StatutoryCalendar) -> None:
    utc_moment = datetime(2025, 3, 3, 20, 0, tzinfo=UTC)
    result = cal.add_hours(utc_moment, 24)
    assert result == datetime(2025, 3, 5, 4, 0, tzinfo=SHANGHAI)
    assert result.utcoffset() == timedelta(hours=8)
    naive = cal.add_hours(datetime(2025, 3, 3, 10, 0), 1.5)
    assert naive == datetime(2025, 3, 3, 11, 30, tzinfo=SHANGHAI)


def test_to_local_date() -> None:
    assert to_local_date(datetime(2025, 3, 3, 17, 0, tzinfo=UTC)) == D(2025, 3, 4)
    assert to_local_date(datetime(2025, 3, 3, 23, 59)) == D(2025, 3, 3)
    assert to_local_date(datetime(2025, 3, 3, 1, 0, tzinfo=timezone(timedelta(hours=9)))) == D(
        2025, 3, 3
    )
    assert type(to_local_date(ProvisionalDate(2027, 1, 5))) is date


def test_strict_mode_raises_for_any_unknown_year(cal: StatutoryCalendar) -> None:
    for call in (
        lambda: cal.is_workday(D(2027, 3, 1)),
        lambda: cal.is_workday(D(2014, 12, 31)),
        lambda: cal.roll_forward(D(2027, 1, 1)),
        lambda: cal.sub_working_days(D(2015, 1, 5), 3),
        lambda: cal.working_days_between(D(2026, 12, 1), D(2027, 1, 10)),
        lambda: cal.schedule(2027),
    ):
        with pytest.raises(CalendarUnavailable):
            call()
    with pytest.raises(CalendarUnavailable) as caught:
        cal.sub_working_days(D(2015, 1, 5), 3)
    assert caught.value.year == 2014


def test_describe_day_never_raises(cal: StatutoryCalendar, pcal: StatutoryCalendar) -> None:
    assert cal.describe_day(D(2024, 12, 8)) == "星期日，休息日"
    assert cal.describe_day(D(2025, 10, 11)) == "星期六，调休上班日，国庆节、中秋节"
    assert cal.describe_day(D(2025, 6, 1), "en") == "Sunday, rest day, Dragon Boat Festival"
    assert cal.describe_day(D(2027, 1, 1)) == "星期五"
    assert pcal.describe_day(D(2027, 1, 1)) == "星期五，休息日，元旦，暂定"


def test_provisional_mode_covers_the_table_only(pcal: StatutoryCalendar) -> None:
    assert pcal.provisional
    assert pcal.years == tuple(range(2015, 2027))
    assert pcal.provisional_years == provisional_years() == tuple(range(2027, 2036))
    assert pcal.is_provisional_year(2027)
    assert not pcal.is_provisional_year(2026)
    with pytest.raises(CalendarUnavailable) as caught:
        pcal.is_workday(D(2036, 1, 2))
    assert caught.value.provisional_mode
    with pytest.raises(CalendarUnavailable):
        pcal.is_workday(D(2014, 6, 2))


def test_provisional_year_is_weekends_plus_statutory_days(pcal: StatutoryCalendar) -> None:
    schedule = pcal.schedule(2027)
    assert len(schedule.rest_days) == 13
    assert not schedule.makeup_workdays
    # Spring Festival: 除夕 (02-05) and 初一..初三; no 补假 guessed for the weekend days.
    for day in (D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)):
        assert pcal.is_rest_day(day)
    assert pcal.is_workday(D(2027, 2, 9))
    assert pcal.is_workday(D(2027, 10, 4))
    assert pcal.working_days_in_year(2027) == 365 - 104 - 7


def test_provisional_marks_propagate(pcal: StatutoryCalendar, cal: StatutoryCalendar) -> None:
    rolled = pcal.roll_forward(D(2027, 1, 1))
    assert rolled == D(2027, 1, 4)
    assert is_provisional(rolled)
    assert is_provisional(pcal.roll_forward(D(2027, 1, 4)))
    assert is_provisional(pcal.add_calendar_days(rolled, 3))
    assert pcal.provisional_between(D(2026, 12, 1), D(2027, 1, 3))
    assert not pcal.provisional_between(D(2026, 1, 1), D(2026, 12, 31))
    assert not is_provisional(cal.add_working_days(D(2025, 1, 2), 3))
    assert ProvisionalDate(2027, 1, 5) == date(2027, 1, 5)
    assert hash(ProvisionalDate(2027, 1, 5)) == hash(date(2027, 1, 5))


def _schedule_2027(**changes: object) -> HolidaySchedule:
    values: dict[str, object] = {
        "year": 2027,
        # A made-up 2027 notice whose New Year break runs Friday to Monday.
        "rest_days": frozenset({D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 3), D(2027, 1, 4)}),
        "makeup_workdays": frozenset(),
        "source": ScheduleSource(title="国务院办公厅关于2027年部分节假日安排的通知"),
        "origin": "test",
    }
    values.update(changes)
    return HolidaySchedule(**values)  # type: ignore[arg-type]


def test_with_schedules_adds_and_replaces_years(cal: StatutoryCalendar) -> None:
    extended = cal.with_schedules([_schedule_2027()])
    assert extended.years == tuple(range(2015, 2028))
    assert cal.years == tuple(range(2015, 2027))  # the original is unchanged
    assert extended.add_working_days(D(2026, 12, 30), 3) == D(2027, 1, 6)
    assert not is_provisional(extended.add_working_days(D(2026, 12, 30), 3))

    replacement = HolidaySchedule(
        year=2025,
        rest_days=frozenset({D(2025, 1, 1)}),
        makeup_workdays=frozenset(),
        source=ScheduleSource(title="test replacement"),
        origin="test",
    )
    replaced = cal.with_schedules([replacement])
    assert replaced.schedule(2025).source.title == "test replacement"
    assert replaced.is_workday(D(2025, 10, 8))
    assert not cal.is_workday(D(2025, 10, 8))


def test_with_schedules_rejects_two_supplied_schedules_for_one_year(
    cal: StatutoryCalendar,
) -> None:
    with pytest.raises(ScheduleError) as caught:
        cal.with_schedules([_schedule_2027(), _schedule_2027()])
    assert caught.value.year == 2027


def test_a_loaded_year_wins_over_provisional() -> None:
    calendar = default_calendar(provisional=True, extra=[_schedule_2027()])
    assert 2027 in calendar.years
    assert 2027 not in calendar.provisional_years
    assert calendar.is_rest_day(D(2027, 1, 2))
    assert not is_provisional(calendar.add_working_days(D(2027, 1, 1), 1))


def test_schedules_disagreeing_about_a_day_are_rejected() -> None:
    # The 2019 notice makes 2018-12-29 a working day; a 2018 file calling it rest conflicts.
    bad_2018 = HolidaySchedule(
        year=2018,
        rest_days=frozenset({D(2018, 12, 29)}),
        makeup_workdays=frozenset(),
        source=ScheduleSource(title="bad"),
        origin="bad.toml",
    )
    schedule_2019 = next(s for s in bundled_schedules() if s.year == 2019)
    with pytest.raises(ScheduleError) as caught:
        StatutoryCalendar([bad_2018, schedule_2019])
    assert caught.value.day == D(2018, 12, 29)
    assert "2018" in str(caught.value)
    assert "2019" in str(caught.value)
