"""Asia/Shanghai time: every date rule works on the local date in China."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pendulum

__all__ = ["SHANGHAI", "end_of_day", "to_local_date", "to_shanghai"]

#: The time zone of every statutory period (UTC+8, no daylight saving since 1991).
SHANGHAI = pendulum.timezone("Asia/Shanghai")


def to_shanghai(value: datetime) -> datetime:
    """``value`` as an aware Asia/Shanghai datetime; a naive value is taken as Shanghai time."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=SHANGHAI)
    return value.astimezone(SHANGHAI)


def to_local_date(value: date | datetime) -> date:
    """The Asia/Shanghai calendar date of ``value``.

    Aware datetimes are converted to Asia/Shanghai first; naive datetimes are taken as
    Shanghai local time; dates are returned as plain :class:`datetime.date` values.
    """
    if isinstance(value, datetime):
        local = to_shanghai(value)
        return date(local.year, local.month, local.day)
    if type(value) is date:
        return value
    return date(value.year, value.month, value.day)


def end_of_day(day: date) -> datetime:
    """24:00 of ``day`` in Asia/Shanghai, i.e. midnight at the start of the next day.

    A period ends at 24:00 of its last day (民法典 Art. 203(2)), so this is the first instant
    at which a period whose last day is ``day`` has passed.
    """
    following = day + timedelta(days=1)
    return datetime(following.year, following.month, following.day, tzinfo=SHANGHAI)
