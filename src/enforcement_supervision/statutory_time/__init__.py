"""Statutory time: the official working-day calendar, deadline clocks and their traces.

Counting follows docs/catalog/counting.md and docs/guide/statutory-time.md: the start day is never
counted (民法典 Art. 201); a last day that is a rest day rolls over to the next working day
when rollover is chosen (Art. 203); working days come from the official State Council
schedules bundled with the library (2015–2026) or supplied by the user. Years without a
schedule raise :class:`CalendarUnavailable` unless provisional mode is asked for.

This package imports nothing from the layers above it.
"""

from __future__ import annotations

from enforcement_supervision.statutory_time._calendar import (
    DayKind,
    ProvisionalDate,
    StatutoryCalendar,
    is_provisional,
)
from enforcement_supervision.statutory_time._config import (
    calendar_from_config,
    default_calendar,
    missing_next_year_warning,
)
from enforcement_supervision.statutory_time._deadline import (
    Deadline,
    ExcludedPeriod,
    Extension,
    TimeUnit,
    TraceStep,
    build_deadline,
    calendar_days_before,
    deadline_in_calendar_days,
    deadline_in_hours,
    deadline_in_months,
    deadline_in_working_days,
    deadline_in_years,
    working_days_before,
)
from enforcement_supervision.statutory_time._errors import CalendarUnavailable, ScheduleError
from enforcement_supervision.statutory_time._limits import (
    at_least,
    at_most,
    exceeds,
    less_than,
    within,
)
from enforcement_supervision.statutory_time._schedule import (
    Holiday,
    HolidaySchedule,
    ScheduleSource,
    bundled_schedules,
    load_schedule_file,
    provisional_schedule,
    provisional_years,
    schedules_from_mapping,
)
from enforcement_supervision.statutory_time._tz import SHANGHAI, end_of_day, to_local_date

__all__ = [
    "SHANGHAI",
    "CalendarUnavailable",
    "DayKind",
    "Deadline",
    "ExcludedPeriod",
    "Extension",
    "Holiday",
    "HolidaySchedule",
    "ProvisionalDate",
    "ScheduleError",
    "ScheduleSource",
    "StatutoryCalendar",
    "TimeUnit",
    "TraceStep",
    "at_least",
    "at_most",
    "build_deadline",
    "bundled_schedules",
    "calendar_days_before",
    "calendar_from_config",
    "deadline_in_calendar_days",
    "deadline_in_hours",
    "deadline_in_months",
    "deadline_in_working_days",
    "deadline_in_years",
    "default_calendar",
    "end_of_day",
    "exceeds",
    "is_provisional",
    "less_than",
    "load_schedule_file",
    "missing_next_year_warning",
    "provisional_schedule",
    "provisional_years",
    "schedules_from_mapping",
    "to_local_date",
    "within",
    "working_days_before",
]
