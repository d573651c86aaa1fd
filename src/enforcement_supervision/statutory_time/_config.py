"""Building calendars: the bundled default, the ``[calendar]`` configuration, plugins."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from enforcement_supervision._logging import get_logger
from enforcement_supervision.errors import ConfigurationError
from enforcement_supervision.statutory_time._calendar import StatutoryCalendar
from enforcement_supervision.statutory_time._errors import ScheduleError
from enforcement_supervision.statutory_time._schedule import (
    HolidaySchedule,
    bundled_schedules,
    load_schedule_file,
    schedules_from_mapping,
)
from enforcement_supervision.statutory_time._tz import to_local_date

__all__ = ["calendar_from_config", "default_calendar", "missing_next_year_warning"]

_log = get_logger(__name__)
_CALENDAR_KEYS = frozenset({"schedule_files", "years", "provisional"})


@functools.cache
def _bundled_calendar(provisional: bool) -> StatutoryCalendar:
    # Calendars are immutable, so one shared instance per mode is safe and saves rebuilding
    # the per-year indexes on every call.
    return StatutoryCalendar(bundled_schedules(), provisional=provisional)


def default_calendar(
    *, provisional: bool = False, extra: Iterable[HolidaySchedule] = ()
) -> StatutoryCalendar:
    """The calendar of the bundled official schedules, plus ``extra`` (which may replace years).

    Strict unless ``provisional`` is true.
    """
    base = _bundled_calendar(provisional)
    extra = tuple(extra)
    return base.with_schedules(extra) if extra else base


def _as_schedules(item: HolidaySchedule | Mapping[str, Any], origin: str) -> list[HolidaySchedule]:
    if isinstance(item, HolidaySchedule):
        return [item]
    if isinstance(item, Mapping):
        return schedules_from_mapping(item, origin=origin)
    raise ScheduleError(
        f"插件返回的节假日安排类型无效：{type(item).__name__}",
        f"a plugin returned a holiday schedule of an invalid type: {type(item).__name__}",
        origin=origin,
    )


def calendar_from_config(
    table: Mapping[str, Any],
    *,
    base_dir: Path,
    provisional: bool = False,
    plugin_schedules: Iterable[HolidaySchedule | Mapping[str, Any]] = (),
) -> StatutoryCalendar:
    """The calendar a deployment uses: bundled years, then plugin years, then configured years.

    ``table`` is the ``[calendar]`` table of the configuration file::

        [calendar]
        schedule_files = ["calendar/2027.toml"]   # TOML or JSON, relative to base_dir
        provisional = false                        # compute unknown years provisionally

        [[calendar.years]]                         # inline schedules, same format as the files
        year = 2027
        source = { title = "国务院办公厅关于2027年部分节假日安排的通知", issued = 2026-11-05 }
        rest_days = ["2027-01-01..2027-01-03"]
        makeup_workdays = []

    ``plugin_schedules`` are the results of the ``esup_holiday_schedules`` plugin hook, in
    hook order (:class:`HolidaySchedule` objects or mappings in the file format); per year the
    first one wins and a differing later one is logged and ignored. A supplied year replaces
    the bundled one; the configuration wins over plugins; two configured schedules for the
    same year are an error. ``provisional=True`` (the
    ``--provisional`` option) or ``provisional = true`` in the table turns provisional mode on.
    """
    unknown = sorted(set(table) - _CALENDAR_KEYS)
    if unknown:
        raise ConfigurationError(
            f"[calendar] 中有未知的键：{', '.join(unknown)}"
            "（可用：schedule_files、years、provisional）",
            f"unknown key(s) in [calendar]: {', '.join(unknown)} "
            "(allowed: schedule_files, years, provisional)",
        )
    files = table.get("schedule_files", [])
    if not _is_list(files) or not all(isinstance(item, str) for item in files):
        raise ConfigurationError(
            "[calendar] schedule_files 必须是文件路径（字符串）的列表",
            "[calendar] schedule_files must be a list of file paths (strings)",
        )
    inline = table.get("years", [])
    if not _is_list(inline) or not all(isinstance(item, Mapping) for item in inline):
        raise ConfigurationError(
            "[calendar] years 必须是表的数组（[[calendar.years]]）",
            "[calendar] years must be an array of tables ([[calendar.years]])",
        )
    configured_provisional = table.get("provisional", False)
    if not isinstance(configured_provisional, bool):
        raise ConfigurationError(
            "[calendar] provisional 必须是 true 或 false",
            "[calendar] provisional must be true or false",
        )

    from_plugins: dict[int, HolidaySchedule] = {}
    for item in plugin_schedules:
        for schedule in _as_schedules(item, "plugin"):
            first = from_plugins.setdefault(schedule.year, schedule)
            if first is not schedule and first != schedule:
                # Per year the first plugin result wins (see the esup_holiday_schedules hook).
                _log.warning(
                    "holiday_schedule_ignored",
                    year=schedule.year,
                    origin=schedule.origin,
                    kept_origin=first.origin,
                )
    configured: list[HolidaySchedule] = []
    for name in files:
        path = Path(name)
        configured.extend(load_schedule_file(path if path.is_absolute() else base_dir / path))
    for i, item in enumerate(inline):
        configured.extend(schedules_from_mapping(item, origin=f"[[calendar.years]] #{i + 1}"))

    calendar = default_calendar(provisional=provisional or configured_provisional)
    if from_plugins:
        calendar = calendar.with_schedules(from_plugins.values())
    if configured:
        calendar = calendar.with_schedules(configured)
    return calendar


def _is_list(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str | bytes)


def missing_next_year_warning(
    calendar: StatutoryCalendar, today: date | datetime, *, lang: str = "zh"
) -> str | None:
    """A warning text when, from November on, next year's official schedule is not loaded.

    The State Council usually publishes next year's notice in November (2024-11-12,
    2025-11-04); until it is loaded, deadlines that run into next year cannot be counted in
    strict mode, and late-December days that the notice may move are uncertain.
    """
    local = to_local_date(today)
    following = local.year + 1
    if local.month < 11 or following in calendar.years:
        return None
    if lang == "en":
        return (
            f"the official {following} holiday schedule is not loaded: deadlines that run "
            f"into {following} cannot be counted in strict mode; add the schedule to the "
            "[calendar] section of the configuration file as soon as the State Council "
            "publishes it"
        )
    return (
        f"尚未加载 {following} 年的官方节假日安排：跨入 {following} 年的期限在严格模式下无法计算；"
        "国务院办公厅公布后请尽快在配置文件 [calendar] 中补充"
    )
