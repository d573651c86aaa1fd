"""Helpers of the coercive rules: the sessions of an enforcement, local time, night hours.

Every date and time is judged in Asia/Shanghai: a datetime recorded with another offset is
converted first, so 2025-10-13T14:30Z is 22:30 in Shanghai and therefore night.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import attrs

from enforcement_supervision.model import CoerciveMeasure, ExecutionMethod
from enforcement_supervision.statutory_time import SHANGHAI, CalendarUnavailable

__all__ = [
    "CalendarGaps",
    "Session",
    "local",
    "night_overlap",
    "parse_clock",
    "session_days",
    "sessions",
]


def local(value: dt.datetime) -> dt.datetime:
    """``value`` in Asia/Shanghai (a naive value is taken as Shanghai time)."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=SHANGHAI)
    return value.astimezone(SHANGHAI)


def parse_clock(value: object) -> str:
    """Check an ``HH:MM`` clock time (a parameter value) and return it normalised."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if not isinstance(value, str):
        raise TypeError('expected a clock time such as "22:00"')
    try:
        parsed = dt.time.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a clock time HH:MM") from None
    return parsed.strftime("%H:%M")


@attrs.frozen(kw_only=True)
class Session:
    """One session of enforcement: an execution record, or the record's own start.

    ``start`` is ``None`` when only the date is known. ``key`` identifies the session in
    finding keys (its local start, to the second, or its date).
    """

    key: str
    day: dt.date
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    emergency: bool | None = None
    methods: tuple[ExecutionMethod, ...] = ()
    residential: bool | None = None


def sessions(measure: CoerciveMeasure, *, fallback: bool = True) -> list[Session]:
    """The sessions of ``measure`` in time order.

    The recorded executions; when there are none and ``fallback`` is true, the record's own
    start (``start_datetime``, else ``start_date``) with the record's emergency flag.
    """
    found: list[Session] = []
    seen: set[str] = set()
    for execution in sorted(measure.executions, key=lambda e: local(e.start_datetime)):
        start = local(execution.start_datetime)
        key = start.strftime("%Y-%m-%dT%H:%M:%S")
        suffix = 2
        while key in seen:  # two sessions starting at the same second
            key = f"{start.strftime('%Y-%m-%dT%H:%M:%S')}#{suffix}"
            suffix += 1
        seen.add(key)
        found.append(
            Session(
                key=key,
                day=start.date(),
                start=start,
                end=local(execution.end_datetime) if execution.end_datetime else None,
                emergency=execution.emergency,
                methods=execution.methods,
                residential=execution.target_is_residential_living,
            )
        )
    if found or not fallback:
        return found
    if measure.start_datetime is not None:
        start = local(measure.start_datetime)
        return [
            Session(
                key=start.strftime("%Y-%m-%dT%H:%M:%S"),
                day=start.date(),
                start=start,
                emergency=measure.emergency,
            )
        ]
    return [
        Session(
            key=measure.start_date.isoformat(), day=measure.start_date, emergency=measure.emergency
        )
    ]


def session_days(session: Session) -> list[dt.date]:
    """The local dates a session touches (an end at exactly 00:00 does not touch that day)."""
    if session.start is None:
        return [session.day]
    last = session.end if session.end is not None and session.end > session.start else None
    if last is None:
        return [session.day]
    final = last.date()
    if last.time() == dt.time(0, 0) and final > session.day:
        final -= dt.timedelta(days=1)
    days: list[dt.date] = []
    day = session.day
    while day <= final:
        days.append(day)
        day += dt.timedelta(days=1)
    return days


def _nights(
    first: dt.date, last: dt.date, begin: dt.time, finish: dt.time
) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    day = first - dt.timedelta(days=1)
    while day <= last:
        night_start = dt.datetime.combine(day, begin, tzinfo=SHANGHAI)
        end_day = day if finish > begin else day + dt.timedelta(days=1)
        yield night_start, dt.datetime.combine(end_day, finish, tzinfo=SHANGHAI)
        day += dt.timedelta(days=1)


def night_overlap(session: Session, begin: str, finish: str) -> bool:
    """Whether the session touches night hours ``[begin, finish)`` (local clock times).

    A session with only a start instant is at night when the start is; one with an end
    overlaps the night when any part of it lies inside. A session known only by its date
    cannot be judged (``False``).
    """
    if session.start is None:
        return False
    start_clock = dt.time.fromisoformat(begin)
    end_clock = dt.time.fromisoformat(finish)
    if start_clock == end_clock:
        return False
    start = session.start
    end = session.end if session.end is not None and session.end > start else None
    last = end if end is not None else start
    for night_start, night_end in _nights(start.date(), last.date(), start_clock, end_clock):
        if end is None:
            if night_start <= start < night_end:
                return True
        elif start < night_end and end > night_start:
            return True
    return False


class CalendarGaps:
    """Runs the independent checks of one rule so that a year without an official schedule
    stops only the check that needs it.

    The first :class:`CalendarUnavailable` is raised again by :meth:`finish`, after the other
    checks ran: the evaluator then records its ``calendar-unavailable`` note and marks the
    evaluation incomplete, and the findings of the other checks are kept.
    """

    def __init__(self) -> None:
        self._error: CalendarUnavailable | None = None

    @contextlib.contextmanager
    def check(self) -> Iterator[None]:
        try:
            yield
        except CalendarUnavailable as error:
            if self._error is None:
                self._error = error

    def finish(self) -> None:
        if self._error is not None:
            raise self._error
