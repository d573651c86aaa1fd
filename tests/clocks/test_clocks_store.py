"""The clock store on every backend: writing only what changed, deleting clocks whose duty is
done, moving lights with the day, listing by light and due date, and what was sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from enforcement_supervision._host import Subject
from enforcement_supervision.clocks import (
    Clock,
    ClockNotFoundError,
    ClockSettings,
    advance_lights,
    clock_updates,
    get_clock,
    list_clocks,
    mark_sent,
    unsent,
    write_clocks,
)
from enforcement_supervision.rules import Finding
from enforcement_supervision.statutory_time import SHANGHAI, TimeUnit, build_deadline
from enforcement_supervision.store import Store, StoreReader
from enforcement_supervision.store._internal import SubjectResult

from .conftest import CALENDAR

D = dt.date


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)


def licence_clock(subject_id: str = "LA-1", *, passed: bool = False, agency: str = "AG-1") -> Clock:
    deadline = build_deadline(
        D(2025, 9, 22), 20, TimeUnit.WORKING_DAYS, CALENDAR, rollover=False, start_label="受理"
    )
    return Clock.from_deadline(
        deadline,
        rule_id="LIC-DECISION-20WD",
        subject=Subject(record_type="licence-application", record_id=subject_id),
        label="许可决定期限 / licence decision",
        calendar=CALENDAR,
        passed=passed,
        agency_id=agency,
        category="inaction",
    )


def result(clocks: tuple[Clock, ...], subject_id: str = "LA-1", **kwargs: object) -> SubjectResult:
    return SubjectResult(
        rule_id="LIC-DECISION-20WD",
        rule_version="1",
        plugin="test",
        subject_key=f"licence-application/{subject_id}",
        clocks=clocks,
        **kwargs,  # type: ignore[arg-type]
    )


def write(store: Store, results: list[SubjectResult], day: dt.date, run: str) -> int:
    return write_clocks(
        store, results, run_id=run, as_of=at(day), calendar=CALENDAR, settings=ClockSettings()
    )


def test_written_once_then_only_when_something_changes(store: Store) -> None:
    clock = licence_clock()
    assert write(store, [result((clock,))], D(2025, 10, 1), "run-1") == 1
    # The same clock again, the same light: nothing is written.
    assert write(store, [result((clock,))], D(2025, 10, 2), "run-2") == 0
    assert clock_updates(store, "run-2") == 0
    # Its yellow day has come: the light moves without any evaluation.
    assert advance_lights(store, run_id="run-3", as_of=at(D(2025, 10, 20))) == 1
    assert clock_updates(store, "run-3") == 1
    assert advance_lights(store, run_id="run-4", as_of=at(D(2025, 10, 21))) == 0
    [found] = list_clocks(store, as_of=D(2025, 10, 20), light="yellow", calendar=CALENDAR)
    assert (found.id, found.left, found.due_date) == (clock.id, 4, D(2025, 10, 24))
    assert found.to_dict()["lights_zh"][1] == "2025-10-20 起黄灯：剩余 4 个工作日"


def test_lights_by_day_and_filters(store: Store) -> None:
    write(
        store,
        [result((licence_clock(),)), result((licence_clock("LA-2", agency="AG-2"),), "LA-2")],
        D(2025, 10, 1),
        "run-1",
    )
    assert list_clocks(store, as_of=D(2025, 10, 19), light="yellow") == []
    assert len(list_clocks(store, as_of=D(2025, 10, 19))) == 2  # green and yellow by default
    assert len(list_clocks(store, as_of=D(2025, 10, 24), light="yellow")) == 2
    assert len(list_clocks(store, as_of=D(2025, 10, 25), light="red")) == 2
    assert [c.subject_id for c in list_clocks(store, as_of=D(2025, 10, 20), agency="AG-2")] == [
        "LA-2"
    ]
    assert list_clocks(store, as_of=D(2025, 10, 20), rule="OTHER") == []
    assert len(list_clocks(store, as_of=D(2025, 10, 20), due_by=D(2025, 10, 24))) == 2
    assert list_clocks(store, as_of=D(2025, 10, 20), due_by=D(2025, 10, 23)) == []
    # Not started yet on that day.
    assert list_clocks(store, as_of=D(2025, 9, 21)) == []


def test_done_duty_deletes_the_clock_and_red_stays_with_its_finding(store: Store) -> None:
    write(store, [result((licence_clock(),))], D(2025, 10, 1), "run-1")
    finding = Finding(
        rule_id="LIC-DECISION-20WD",
        rule_version="1",
        subject=Subject(record_type="licence-application", record_id="LA-1"),
        severity="S2",
        categories=("inaction",),
        message_zh="逾期",
        message_en="late",
        key="decision",
    )
    # Passed with its finding: red, overdue.
    write(
        store, [result((licence_clock(passed=True),), findings=(finding,))], D(2025, 10, 25), "r2"
    )
    [red] = list_clocks(store, as_of=D(2025, 10, 25), light="red")
    assert (red.state, red.light, red.left) == ("overdue", "red", -1)
    # The decision is recorded: the rule reports no clock, the row goes.
    assert write(store, [result(())], D(2025, 10, 28), "run-3") == 1
    assert list_clocks(store, as_of=D(2025, 10, 28), light=("green", "yellow", "red")) == []
    # An evaluation that stopped early leaves the stored clocks alone.
    write(store, [result((licence_clock(),))], D(2025, 10, 1), "run-4")
    assert write(store, [result((), complete=False)], D(2025, 10, 2), "run-5") == 0
    assert len(list_clocks(store, as_of=D(2025, 10, 2))) == 1
    # A vanished subject loses its clocks.
    assert write(store, [result((), vanished=True)], D(2025, 10, 3), "run-6") == 1


def test_show_by_id_or_prefix(store: Store) -> None:
    clock = licence_clock()
    write(store, [result((clock,))], D(2025, 10, 1), "run-1")
    assert get_clock(store, clock.id, as_of=D(2025, 10, 1)).subject_id == "LA-1"
    assert get_clock(store, clock.id[:8], as_of=D(2025, 10, 1)).id == clock.id
    with pytest.raises(ClockNotFoundError):
        get_clock(store, "0000000000000000", as_of=D(2025, 10, 1))


def test_each_clock_and_light_is_sent_once(store: Store) -> None:
    write(store, [result((licence_clock(),))], D(2025, 10, 1), "run-1")
    advance_lights(store, run_id="run-2", as_of=at(D(2025, 10, 20)))
    pending = unsent(store, light="yellow", channel="digest", as_of=D(2025, 10, 20), calendar=None)
    assert [c.subject_id for c in pending] == ["LA-1"]
    assert (
        mark_sent(
            store, [c.id for c in pending], light="yellow", channel="digest", on=D(2025, 10, 20)
        )
        == 1
    )
    assert (
        mark_sent(
            store, [c.id for c in pending], light="yellow", channel="digest", on=D(2025, 10, 21)
        )
        == 0
    )
    assert (
        unsent(store, light="yellow", channel="digest", as_of=D(2025, 10, 21), calendar=None) == []
    )
    assert (
        len(unsent(store, light="yellow", channel="other", as_of=D(2025, 10, 21), calendar=None))
        == 1
    )


def test_a_run_hook_records_deliveries_through_its_read_only_view(store: Store) -> None:
    """The read-only view a run hook holds reaches the delivery ledger (and nothing else that
    writes): what it records is what the store sees."""
    write(store, [result((licence_clock(),))], D(2025, 10, 1), "run-1")
    advance_lights(store, run_id="run-2", as_of=at(D(2025, 10, 20)))
    reader = StoreReader(store)
    pending = unsent(reader, light="yellow", channel="digest", as_of=D(2025, 10, 20), calendar=None)
    ids = [c.id for c in pending]
    assert ids
    assert mark_sent(reader, ids, light="yellow", channel="digest", on=D(2025, 10, 20)) == 1
    assert store.delivery_ledger().unsent(light="yellow", channel="digest") == []
    assert (
        store.delivery_ledger().mark_sent(ids, light="yellow", channel="digest", on=D(2025, 10, 21))
        == 0
    )
    assert not hasattr(reader, "engine")
    assert "sqlite" not in repr(reader.delivery_ledger())


def test_working_days_left_into_a_year_without_a_schedule_are_working_days() -> None:
    """In December the next year's notice is often not out: the time left of a working-day
    clock due in that year is still counted in working days (on the provisional schedule), not
    in calendar days shown as working days. Counted by hand: after Thursday 2026-12-10 up to
    Friday 2027-01-08 come the weekdays 12-11, 12-14..18, 12-21..25, 12-28..31 (15), New
    Year's Day 2027-01-01 (a rest day), then 01-04..08 (5): 20 working days, 29 calendar days."""
    from enforcement_supervision.clocks import time_left
    from enforcement_supervision.statutory_time import default_calendar

    calendar = default_calendar()
    assert 2027 not in calendar.years  # the premise: no official 2027 schedule is bundled
    assert time_left("WD", D(2027, 1, 8), D(2026, 12, 10), calendar) == 20
    assert time_left("CD", D(2027, 1, 8), D(2026, 12, 10), calendar) == 29
    # Late: due Thursday 2026-12-31, seen on Friday 2027-01-08: 5 working days late.
    assert time_left("WD", D(2026, 12, 31), D(2027, 1, 8), calendar) == -5
