"""Slots: the instants at which a schedule fires, with the DST and working-day policies.

**DST policy** (Asia/Shanghai has had no daylight saving time since 1991, but the zone is
configurable). Cron fields are read as wall-clock time in the schedule's zone:

* a wall time that does not exist (the clock jumps forward over it) fires at the same
  wall time shifted by the jump — ``02:30`` on a night the clock goes 02:00 → 03:00 fires
  at ``03:30`` — so a daily check is never silently lost; if the shifted instant is also a
  slot of its own, the two are one slot;
* a wall time that occurs twice (the clock goes back) fires once, at its first occurrence.

**Working days.** With ``working_days_only`` a slot fires only when its local date (in the
schedule's zone) is a statutory working day under the official State Council schedules,
make-up working days (调休上班日) included. A year the calendar does not know raises
:class:`~enforcement_supervision.statutory_time.CalendarUnavailable` (wrapped in
:class:`UnknownWorkingDay`) rather than guessing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs

from enforcement_supervision.errors import EsupError
from enforcement_supervision.schedule._config import Schedule
from enforcement_supervision.statutory_time import CalendarUnavailable, StatutoryCalendar

__all__ = [
    "MAX_CANDIDATES",
    "Preview",
    "PreviewSlot",
    "UnknownWorkingDay",
    "iter_slots",
    "localize",
    "next_slot",
    "preview",
    "slots_between",
]

#: At most this many cron matches are examined per call (a schedule such as ``0 7 * * sat``
#: with ``working_days_only`` may need many weeks to find a make-up Saturday).
MAX_CANDIDATES = 200_000

_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class UnknownWorkingDay(EsupError):
    """A ``working_days_only`` schedule reached a day in a year the statutory calendar has
    no official schedule for; ``slot`` is the candidate that could not be decided."""

    def __init__(self, slot: datetime, error: CalendarUnavailable) -> None:
        super().__init__(
            f"无法判断 {slot:%Y-%m-%d} 是否为工作日：{error.message('zh')}",
            f"cannot tell whether {slot:%Y-%m-%d} is a working day: {error.message('en')}",
        )
        self.slot = slot
        self.error = error
        #: The slots found before the undecidable day (set by :func:`slots_between`).
        self.found: list[datetime] = []


def localize(wall: datetime, zone: ZoneInfo) -> datetime:
    """The instant of the naive wall-clock time ``wall`` in ``zone``, under the DST policy
    above (a skipped wall time is shifted forward by the gap; a repeated one is its first
    occurrence)."""
    return wall.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)


def _candidates(schedule: Schedule, after: datetime) -> Iterator[datetime]:
    """Cron matches strictly after ``after``, strictly increasing, in the schedule's zone."""
    from croniter import croniter

    zone = schedule.zone
    local_after = after.astimezone(zone)
    # Start two hours earlier in wall time: around a clock change the wall time of ``after``
    # may belong to an earlier or later instant; matches at or before ``after`` are dropped.
    start = local_after.replace(tzinfo=None) - timedelta(hours=2)
    iterator = croniter(schedule.cron, start)
    last = after
    for _ in range(MAX_CANDIDATES):
        wall = iterator.get_next(datetime)
        instant = localize(wall, zone)
        if instant <= last:
            continue
        last = instant
        yield instant


def iter_slots(
    schedule: Schedule, after: datetime, calendar: StatutoryCalendar | None
) -> Iterator[datetime]:
    """The schedule's slots strictly after ``after``, oldest first, as aware datetimes in
    the schedule's zone (endless; at most :data:`MAX_CANDIDATES` cron matches are looked
    at). ``calendar`` is needed for ``working_days_only`` schedules."""
    for instant in _candidates(schedule, after):
        if schedule.working_days_only:
            if calendar is None:
                raise ValueError("a working_days_only schedule needs the statutory calendar")
            try:
                workday = calendar.is_workday(instant.date())
            except CalendarUnavailable as error:
                raise UnknownWorkingDay(instant, error) from error
            if not workday:
                continue
        yield instant


def slots_between(
    schedule: Schedule,
    after: datetime,
    until: datetime,
    calendar: StatutoryCalendar | None,
    *,
    limit: int,
) -> tuple[list[datetime], int]:
    """Slots in ``(after, until]``, oldest first: the newest ``limit`` of them, and how many
    older ones were left out. Raises :class:`UnknownWorkingDay` (carrying the slots found
    before it as ``found``)."""
    kept: deque[datetime] = deque(maxlen=limit)
    dropped = 0
    try:
        for instant in iter_slots(schedule, after, calendar):
            if instant > until:
                break
            if len(kept) == limit:
                dropped += 1
            kept.append(instant)
    except UnknownWorkingDay as error:
        error.found = list(kept)
        raise
    return list(kept), dropped


def next_slot(
    schedule: Schedule, after: datetime, calendar: StatutoryCalendar | None
) -> datetime | None:
    """The first slot strictly after ``after`` (``None`` when none is found within
    :data:`MAX_CANDIDATES` matches)."""
    return next(iter_slots(schedule, after, calendar), None)


@attrs.frozen(kw_only=True)
class PreviewSlot:
    """One line of ``esup schedule preview``: a slot (``fires``) or, with ``explain``, a
    cron match left out because its day is not a working day."""

    at: datetime
    fires: bool
    day: str
    weekday_zh: str
    weekday_en: str
    kind: str | None

    @property
    def local_date(self) -> date:
        """The slot's date in the schedule's zone."""
        return self.at.date()

    def to_dict(self) -> dict[str, object]:
        """JSON-ready (``esup schedule preview --json``)."""
        return {
            "at": self.at.isoformat(),
            "utc": self.at.astimezone(UTC).isoformat(),
            "date": self.at.date().isoformat(),
            "weekday": self.weekday_en,
            "weekday_zh": self.weekday_zh,
            "day_kind": self.kind,
            "fires": self.fires,
            "day": self.day,
        }


@attrs.frozen(kw_only=True)
class Preview:
    """The next slots of a schedule; ``note`` says why the list is shorter than asked
    (a year without an official schedule, no more matches)."""

    schedule: Schedule
    slots: tuple[PreviewSlot, ...]
    note_zh: str | None = None
    note_en: str | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready (``esup schedule preview --json``)."""
        return {
            "schedule": self.schedule.to_dict(),
            "slots": [slot.to_dict() for slot in self.slots],
            "note": self.note_en,
            "note_zh": self.note_zh,
        }


def _describe(calendar: StatutoryCalendar | None, day: date, lang: str) -> tuple[str, str | None]:
    weekday = (_WEEKDAYS_EN if lang == "en" else _WEEKDAYS_ZH)[day.weekday()]
    if calendar is None:
        return weekday, None
    try:
        return calendar.describe_day(day, lang), calendar.day_kind(day).value
    except CalendarUnavailable:
        return weekday, None


def preview(
    schedule: Schedule,
    after: datetime,
    count: int,
    calendar: StatutoryCalendar | None,
    *,
    explain: bool = False,
    lang: str = "zh",
) -> Preview:
    """The next ``count`` slots after ``after``, honouring ``working_days_only``; with
    ``explain`` the cron matches left out for not being working days are listed too (they
    do not count towards ``count``)."""
    found: list[PreviewSlot] = []
    fired = 0
    note: tuple[str, str] | None = None
    try:
        for instant in _candidates(schedule, after):
            day = instant.date()
            text, kind = _describe(calendar, day, lang)
            fires = True
            if schedule.working_days_only:
                if calendar is None:
                    raise ValueError("a working_days_only schedule needs the statutory calendar")
                fires = calendar.is_workday(day)
            if fires or explain:
                found.append(
                    PreviewSlot(
                        at=instant,
                        fires=fires,
                        day=text,
                        weekday_zh=_WEEKDAYS_ZH[day.weekday()],
                        weekday_en=_WEEKDAYS_EN[day.weekday()],
                        kind=kind,
                    )
                )
            if fires:
                fired += 1
                if fired >= count:
                    break
        else:
            note = ("在可查范围内没有更多时点", "no further slots within the search limit")
    except CalendarUnavailable as error:
        note = (
            f"之后的日期无法判断是否为工作日：{error.message('zh')}",
            f"later days cannot be classified: {error.message('en')}",
        )
    return Preview(
        schedule=schedule,
        slots=tuple(found),
        note_zh=None if note is None else note[0],
        note_en=None if note is None else note[1],
    )
