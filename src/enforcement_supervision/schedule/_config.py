"""Schedules declared in the configuration file (``[[schedules]]`` tables)."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from enforcement_supervision.config import Config
from enforcement_supervision.errors import ConfigurationError, EsupError

__all__ = [
    "DEFAULT_CATCH_UP",
    "DEFAULT_GRACE",
    "DEFAULT_TIMEZONE",
    "CatchUp",
    "Schedule",
    "UnknownScheduleError",
    "get_schedule",
    "load_schedules",
    "parse_duration",
]

DEFAULT_TIMEZONE = "Asia/Shanghai"
#: How late a slot may start and still count as on time (``grace``).
DEFAULT_GRACE = timedelta(hours=1)

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$")
_KEYS = frozenset(
    {
        "name",
        "cron",
        "timezone",
        "working_days_only",
        "rules",
        "catch_up",
        "grace",
        "enabled",
        "mode",
        "description",
    }
)
_MODES = ("incremental", "full")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(d|h|m|s)", re.IGNORECASE)
_ISO_DURATION = re.compile(
    r"^P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$",
    re.IGNORECASE,
)
_UNIT_SECONDS = {"d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0}


class CatchUp(enum.StrEnum):
    """What happens to slots that are *missed*: later than the schedule's ``grace``.

    * ``skip`` — missed slots are recorded as ``missed`` and never run; only a slot still
      within its grace period runs.
    * ``latest`` — the most recent due slot runs once, however late; earlier due slots are
      recorded (``missed`` or ``coalesced``) and not run.
    * ``all`` — every due slot runs, oldest first, each as of its own slot instant.
    """

    SKIP = "skip"
    LATEST = "latest"
    ALL = "all"


#: The catch-up policy of a schedule that does not name one.
DEFAULT_CATCH_UP = CatchUp.LATEST


class UnknownScheduleError(EsupError):
    """No schedule of that name is declared in the configuration."""


def _problem(where: str, zh: str, en: str) -> ConfigurationError:
    return ConfigurationError(f"[[schedules]] {where}：{zh}", f"[[schedules]] {where}: {en}")


def parse_duration(value: object, *, where: str = "grace") -> timedelta:
    """A duration from the configuration: a number of seconds, ``"90s"``, ``"15m"``,
    ``"2h"``, ``"1d"``, combinations such as ``"1h30m"``, or ISO 8601 (``"PT2H"``).

    Negative or unreadable values raise
    :class:`~enforcement_supervision.errors.ConfigurationError`.
    """
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, bool):
        seconds = -1.0
    elif isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        text = value.strip()
        iso = _ISO_DURATION.match(text)
        if iso is not None and text.upper() not in ("P", "PT"):
            seconds = sum(
                float(iso.group(unit) or 0) * _UNIT_SECONDS[unit] for unit in ("d", "h", "m", "s")
            )
        elif text == "0":
            seconds = 0.0
        else:
            parts = _DURATION_PART.findall(text)
            rebuilt = "".join(f"{number}{unit}" for number, unit in parts)
            if not parts or rebuilt.lower() != re.sub(r"\s+", "", text).lower():
                seconds = -1.0
            else:
                seconds = sum(float(number) * _UNIT_SECONDS[unit.lower()] for number, unit in parts)
    else:
        seconds = -1.0
    if seconds < 0:
        raise _problem(
            where,
            f"无法识别的时长 {value!r}（如 90s、15m、2h、1d、1h30m 或 PT2H）",
            f"unreadable duration {value!r} (use e.g. 90s, 15m, 2h, 1d, 1h30m or PT2H)",
        )
    return timedelta(seconds=seconds)


def _check_name(instance: Schedule, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _NAME.match(value):
        raise _problem(
            "name",
            f"计划名称 {value!r} 无效（字母、数字、_ . -，最多 128 个字符）",
            f"invalid schedule name {value!r} (letters, digits, _ . -; at most 128 characters)",
        )


def _check_cron(instance: Schedule, attribute: attrs.Attribute[str], value: str) -> None:
    from croniter import croniter

    fields = value.split() if isinstance(value, str) else []
    valid = len(fields) == 5
    if valid:
        try:
            valid = bool(croniter.is_valid(value))
        except Exception:  # croniter raises its own errors on some malformed input
            valid = False
    if not valid:
        raise _problem(
            f"{instance.name}.cron",
            f"无效的 cron 表达式 {value!r}（五个字段：分 时 日 月 周，如 0 7 * * mon-fri）",
            f"invalid cron expression {value!r} (five fields: minute hour day month weekday, "
            "e.g. 0 7 * * mon-fri)",
        )


def _check_timezone(instance: Schedule, attribute: attrs.Attribute[str], value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise _problem(
            f"{instance.name}.timezone",
            f"未知的时区 {value!r}（如 Asia/Shanghai）",
            f"unknown time zone {value!r} (e.g. Asia/Shanghai)",
        ) from None


def _check_grace(
    instance: Schedule, attribute: attrs.Attribute[timedelta], value: timedelta
) -> None:
    if value < timedelta(0):
        raise _problem(f"{instance.name}.grace", "宽限期不能为负", "grace must not be negative")


def _check_mode(instance: Schedule, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in _MODES:
        raise _problem(
            f"{instance.name}.mode",
            f"未知的检查模式 {value!r}（incremental 或 full）",
            f"unknown check mode {value!r} (incremental or full)",
        )


def _to_catch_up(value: CatchUp | str) -> CatchUp:
    try:
        return CatchUp(str(value).strip().lower())
    except ValueError:
        raise ConfigurationError(
            f"[[schedules]] catch_up 应为 skip、latest 或 all，而不是 {value!r}",
            f"[[schedules]] catch_up must be skip, latest or all, not {value!r}",
        ) from None


def _normalise_cron(value: object) -> str:
    return " ".join(str(value).split())


def _to_rules(value: Iterable[str] | str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value)
    rules: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ConfigurationError(
                "[[schedules]] rules 必须是字符串列表（规则编号、通配符、类别或插件名）",
                "[[schedules]] rules must be a list of strings (rule ids, globs, categories "
                "or plugin names)",
            )
        rules.extend(part.strip() for part in item.split(",") if part.strip())
    return tuple(rules)


@attrs.frozen(kw_only=True)
class Schedule:
    """A recurring check, as declared in a ``[[schedules]]`` table::

        [[schedules]]
        name = "working-mornings"
        cron = "0 7 * * *"            # minute hour day month weekday (day names: mon-fri)
        timezone = "Asia/Shanghai"    # the default
        working_days_only = true      # statutory working days, make-up Saturdays included
        rules = ["PEN-*", "inaction"] # ids, globs, categories, plugin names (default: all)
        catch_up = "latest"           # skip | latest | all  (what to do with missed slots)
        grace = "1h"                  # how late a slot may start and still be on time
        enabled = true
        mode = "incremental"          # or "full"

    A *slot* is one instant at which the schedule fires: a time the cron expression
    matches, read as wall-clock time in ``timezone``, on a statutory working day when
    ``working_days_only`` is set (the day-of-week field and the calendar both apply, so use
    ``* * *`` rather than ``mon-fri`` to include make-up Saturdays).
    """

    name: str = attrs.field(validator=_check_name)
    cron: str = attrs.field(converter=_normalise_cron, validator=_check_cron)
    timezone: str = attrs.field(default=DEFAULT_TIMEZONE, validator=_check_timezone)
    working_days_only: bool = False
    rules: tuple[str, ...] = attrs.field(default=(), converter=_to_rules)
    catch_up: CatchUp = attrs.field(default=DEFAULT_CATCH_UP, converter=_to_catch_up)
    grace: timedelta = attrs.field(default=DEFAULT_GRACE, validator=_check_grace)
    enabled: bool = True
    mode: str = attrs.field(default="incremental", validator=_check_mode)
    description: str = ""

    @property
    def zone(self) -> ZoneInfo:
        """The schedule's time zone."""
        return ZoneInfo(self.timezone)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (``esup schedule list --json``)."""
        return {
            "name": self.name,
            "cron": self.cron,
            "timezone": self.timezone,
            "working_days_only": self.working_days_only,
            "rules": list(self.rules),
            "catch_up": self.catch_up.value,
            "grace_seconds": self.grace.total_seconds(),
            "enabled": self.enabled,
            "mode": self.mode,
            "description": self.description,
        }

    @classmethod
    def from_mapping(cls, table: Mapping[str, Any], *, index: int = 0) -> Schedule:
        """Build a schedule from one ``[[schedules]]`` table; unknown keys and bad values
        are configuration errors naming the schedule."""
        label = str(table.get("name") or f"#{index + 1}")
        unknown = sorted(set(table) - _KEYS)
        if unknown:
            raise _problem(
                label,
                f"未知的键：{', '.join(unknown)}（可用：{', '.join(sorted(_KEYS))}）",
                f"unknown key(s): {', '.join(unknown)} (allowed: {', '.join(sorted(_KEYS))})",
            )
        for required in ("name", "cron"):
            if required not in table:
                raise _problem(label, f"缺少 {required}", f"{required} is required")
        for flag in ("working_days_only", "enabled"):
            if flag in table and not isinstance(table[flag], bool):
                raise _problem(f"{label}.{flag}", "必须是 true 或 false", "must be true or false")
        rules = table.get("rules", ())
        if not isinstance(rules, str | list | tuple):
            raise _problem(f"{label}.rules", "必须是字符串列表", "must be a list of strings")
        for text in ("timezone", "mode", "description", "catch_up"):
            if text in table and not isinstance(table[text], str):
                raise _problem(f"{label}.{text}", "必须是字符串", "must be a string")
        return cls(
            name=table["name"],
            cron=table["cron"],
            timezone=table.get("timezone", DEFAULT_TIMEZONE),
            working_days_only=table.get("working_days_only", False),
            rules=rules,
            catch_up=table.get("catch_up", DEFAULT_CATCH_UP),
            grace=parse_duration(table.get("grace", DEFAULT_GRACE), where=f"{label}.grace"),
            enabled=table.get("enabled", True),
            mode=table.get("mode", "incremental"),
            description=table.get("description", ""),
        )


def load_schedules(config: Config) -> tuple[Schedule, ...]:
    """The schedules declared in ``config`` (``[[schedules]]`` tables), in file order.

    Raises :class:`~enforcement_supervision.errors.ConfigurationError` for a malformed
    table or two schedules with the same name.
    """
    raw = config.data.get("schedules", [])
    if isinstance(raw, Mapping) or not isinstance(raw, list):
        raise ConfigurationError(
            "schedules 必须写成 [[schedules]] 表数组",
            "schedules must be an array of tables ([[schedules]])",
        )
    found: list[Schedule] = []
    seen: set[str] = set()
    for index, table in enumerate(raw):
        if not isinstance(table, Mapping):
            raise _problem(f"#{index + 1}", "必须是表（table）", "must be a table")
        schedule = Schedule.from_mapping(table, index=index)
        if schedule.name in seen:
            raise _problem(
                schedule.name, "计划名称重复", f"the name {schedule.name!r} is used twice"
            )
        seen.add(schedule.name)
        found.append(schedule)
    return tuple(found)


def get_schedule(config: Config, name: str) -> Schedule:
    """The schedule called ``name`` (raises :class:`UnknownScheduleError`)."""
    schedules = load_schedules(config)
    for schedule in schedules:
        if schedule.name == name:
            return schedule
    known = ", ".join(s.name for s in schedules) or "-"
    raise UnknownScheduleError(
        f"配置中没有名为 {name!r} 的计划（已有：{known}）",
        f"no schedule named {name!r} in the configuration (known: {known})",
    )
