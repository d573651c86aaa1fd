"""Official holiday schedules (部分节假日安排): data model, file format, validation.

One schedule per year lists the rest days (放假) and make-up working days (调休上班) that the
State Council General Office announced for that year, with the notice that announced them.
The same format serves the bundled files (``schedules/<year>.toml``), files named in the
configuration, inline configuration tables and plugin results.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs

from enforcement_supervision.statutory_time._errors import CalendarUnavailable, ScheduleError

__all__ = [
    "Holiday",
    "HolidaySchedule",
    "ScheduleSource",
    "bundled_schedules",
    "load_schedule_file",
    "provisional_schedule",
    "provisional_years",
    "schedules_from_mapping",
]

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A single rest block longer than this is almost certainly a typo in a range; the longest
# national break so far (2020, extended Spring Festival) was 10 days.
_MAX_RANGE_DAYS = 31
_SCHEDULE_KEYS = frozenset(
    {"year", "source", "amendments", "holidays", "rest_days", "makeup_workdays", "note"}
)
_SOURCE_KEYS = frozenset({"title", "document_number", "issued", "url", "note"})
_HOLIDAY_KEYS = frozenset({"name", "name_en", "rest", "makeup", "note"})


@attrs.frozen(kw_only=True)
class ScheduleSource:
    """The notice a schedule comes from: title, document number, date issued, URL."""

    title: str
    document_number: str | None = None
    issued: date | None = None
    url: str | None = None
    note: str | None = None

    def citation(self) -> str:
        """Title, document number and date in the usual Chinese citation form."""
        details = [part for part in (self.document_number, _iso(self.issued)) if part]
        return f"{self.title}（{'，'.join(details)}）" if details else self.title


@attrs.frozen(kw_only=True)
class Holiday:
    """One named holiday of a schedule: its rest block and the make-up days it brings."""

    name: str
    name_en: str | None = None
    rest_days: frozenset[date] = frozenset()
    makeup_workdays: frozenset[date] = frozenset()
    note: str | None = None


@attrs.frozen(kw_only=True)
class HolidaySchedule:
    """The official rest days and make-up working days of one year, with their source.

    ``rest_days`` are all days inside announced holiday blocks (weekend days inside a block
    included); ``makeup_workdays`` are the Saturdays and Sundays announced as working days
    (调休上班). Both may contain days of the adjacent year: the 2019 notice made Saturday
    2018-12-29 a working day and Monday 2018-12-31 a rest day. ``holidays`` names the blocks
    for readable traces. The constructor validates the data and raises
    :class:`ScheduleError` naming the year, the day and the reason.
    """

    year: int
    rest_days: frozenset[date]
    makeup_workdays: frozenset[date]
    source: ScheduleSource
    amendments: tuple[ScheduleSource, ...] = ()
    holidays: tuple[Holiday, ...] = ()
    note: str | None = None
    #: Where the schedule came from ("bundled", a file path, "config", "plugin", ...).
    origin: str = attrs.field(default="bundled", eq=False)

    def __attrs_post_init__(self) -> None:
        _validate(self)

    def holiday_for(self, day: date) -> Holiday | None:
        """The named holiday whose rest block or make-up days contain ``day``, if any."""
        for holiday in self.holidays:
            if day in holiday.rest_days or day in holiday.makeup_workdays:
                return holiday
        return None

    @property
    def sources(self) -> tuple[ScheduleSource, ...]:
        """The notice and any later notices that amended it, in order."""
        return (self.source, *self.amendments)

    @classmethod
    def from_toml(cls, source: str | Path | Traversable) -> HolidaySchedule:
        """The one schedule in a TOML file of the schedule file format (handy in plugins).

        ``source`` is a path or a file inside a package
        (``importlib.resources.files("my_pack") / "2027.toml"``). A file with several years is
        an error here; use :func:`load_schedule_file` for those.
        """
        resource = Path(source) if isinstance(source, str) else source
        origin = str(source)
        try:
            text = resource.read_text(encoding="utf-8")
        except OSError as error:
            raise _fail(
                f"无法读取文件：{error.strerror or error}",
                f"cannot read the file: {error.strerror or error}",
                year=None,
                origin=origin,
            ) from error
        schedules = _parse_document(text, ".toml", origin)
        if len(schedules) != 1:
            raise _fail(
                f"文件中有 {len(schedules)} 个年份，这里只能有一个",
                f"the file holds {len(schedules)} years; exactly one is expected here",
                year=None,
                origin=origin,
            )
        return schedules[0]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _validate(schedule: HolidaySchedule) -> None:
    year, origin = schedule.year, schedule.origin
    if isinstance(year, bool) or not isinstance(year, int) or not 1949 <= year <= 2200:
        raise ScheduleError(
            f"年份必须是 1949 至 2200 之间的整数，而不是 {year!r}",
            f"the year must be an integer from 1949 to 2200, not {year!r}",
            origin=origin,
        )
    if not schedule.source.title.strip():
        raise ScheduleError(
            "缺少来源通知的标题（source.title）",
            "the source notice has no title (source.title)",
            year=year,
            origin=origin,
        )
    if not schedule.rest_days:
        raise ScheduleError(
            "没有任何放假日（rest_days）", "no rest days are listed", year=year, origin=origin
        )
    # A notice may reach into the adjacent year around New Year, never further.
    first, last = date(year - 1, 12, 1), date(year + 1, 1, 31)
    for day in sorted(schedule.rest_days | schedule.makeup_workdays):
        if isinstance(day, datetime) or not isinstance(day, date):
            raise ScheduleError(
                f"{day!r} 不是日期", f"{day!r} is not a date", year=year, origin=origin
            )
        if not first <= day <= last:
            raise ScheduleError(
                f"日期不在 {year} 年或相邻的 {year - 1} 年 12 月、{year + 1} 年 1 月内",
                f"the day is outside {year} and the adjacent December {year - 1} / "
                f"January {year + 1}",
                year=year,
                day=day,
                origin=origin,
            )
    for day in sorted(schedule.rest_days & schedule.makeup_workdays):
        raise ScheduleError(
            "同一天既是放假日又是调休上班日",
            "the same day is listed both as a rest day and as a make-up working day",
            year=year,
            day=day,
            origin=origin,
        )
    for day in sorted(schedule.makeup_workdays):
        if day.weekday() < 5:
            raise ScheduleError(
                "调休上班日必须是星期六或星期日（工作日本来就上班）",
                "a make-up working day must be a Saturday or Sunday (weekdays are working "
                "days anyway)",
                year=year,
                day=day,
                origin=origin,
            )
    for holiday in schedule.holidays:
        stray = (holiday.rest_days - schedule.rest_days) | (
            holiday.makeup_workdays - schedule.makeup_workdays
        )
        for day in sorted(stray):
            raise ScheduleError(
                f"节日“{holiday.name}”列出的日期不在全年放假日或调休上班日中",
                f"holiday {holiday.name!r} lists a day missing from the year's rest days or "
                "make-up working days",
                year=year,
                day=day,
                origin=origin,
            )


# --- parsing -------------------------------------------------------------------------------


def _fail(reason_zh: str, reason_en: str, *, year: int | None, origin: str) -> ScheduleError:
    return ScheduleError(reason_zh, reason_en, year=year, origin=origin)


def _parse_day(value: Any, *, year: int | None, origin: str, field: str) -> date:
    if isinstance(value, datetime):
        raise _fail(
            f"{field} 中的 {value} 带有时刻；只能写日期",
            f"{field} has {value}, which has a time; write a date only",
            year=year,
            origin=origin,
        )
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    if isinstance(value, str) and _ISO_DAY.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _fail(
        f"{field} 中的 {value!r} 不是 YYYY-MM-DD 格式的日期",
        f"{field} has {value!r}, which is not a YYYY-MM-DD date",
        year=year,
        origin=origin,
    )


def _parse_days(value: Any, *, year: int | None, origin: str, field: str) -> frozenset[date]:
    """A list of days; an item may be a date, ``"YYYY-MM-DD"`` or a range ``"A..B"``."""
    if value is None:
        return frozenset()
    if isinstance(value, str | date) or not isinstance(value, Sequence):
        raise _fail(
            f"{field} 必须是日期列表",
            f"{field} must be a list of dates",
            year=year,
            origin=origin,
        )
    days: set[date] = set()
    for item in value:
        if isinstance(item, str) and ".." in item:
            start_text, _, end_text = item.partition("..")
            start = _parse_day(start_text, year=year, origin=origin, field=field)
            end = _parse_day(end_text, year=year, origin=origin, field=field)
            if end < start:
                raise ScheduleError(
                    f"{field} 中的区间 {item} 结束早于开始",
                    f"the range {item} in {field} ends before it starts",
                    year=year,
                    day=start,
                    origin=origin,
                )
            if (end - start).days + 1 > _MAX_RANGE_DAYS:
                raise ScheduleError(
                    f"{field} 中的区间 {item} 超过 {_MAX_RANGE_DAYS} 天，可能写错",
                    f"the range {item} in {field} is longer than {_MAX_RANGE_DAYS} days; "
                    "probably a typo",
                    year=year,
                    day=start,
                    origin=origin,
                )
            days.update(start + timedelta(days=i) for i in range((end - start).days + 1))
        else:
            days.add(_parse_day(item, year=year, origin=origin, field=field))
    return frozenset(days)


def _optional_text(
    table: Mapping[str, Any], key: str, *, year: int | None, origin: str, where: str
) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(
            f"{where}.{key} 必须是字符串",
            f"{where}.{key} must be a string",
            year=year,
            origin=origin,
        )
    return value


def _check_keys(
    table: Any, allowed: frozenset[str], *, year: int | None, origin: str, where: str
) -> Mapping[str, Any]:
    if not isinstance(table, Mapping):
        raise _fail(
            f"{where} 必须是表（table）", f"{where} must be a table", year=year, origin=origin
        )
    unknown = sorted(set(table) - allowed)
    if unknown:
        hint_zh = hint_en = ""
        if where != "schedule" and set(unknown) <= _SCHEDULE_KEYS:
            # A classic TOML slip: keys written after a [table] header belong to that table.
            hint_zh = "；TOML 中写在表头之后的键属于该表，请把这些键移到 [source] 等表头之前"
            hint_en = (
                "; in TOML, keys written after a table header belong to that table: move "
                "them above [source]"
            )
        raise _fail(
            f"{where} 中有未知的键：{', '.join(map(str, unknown))}"
            f"（可用：{', '.join(sorted(allowed))}）{hint_zh}",
            f"unknown key(s) in {where}: {', '.join(map(str, unknown))} "
            f"(allowed: {', '.join(sorted(allowed))}){hint_en}",
            year=year,
            origin=origin,
        )
    return table


def _parse_source(value: Any, *, year: int | None, origin: str, where: str) -> ScheduleSource:
    table = _check_keys(value, _SOURCE_KEYS, year=year, origin=origin, where=where)
    title = table.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _fail(
            f"缺少来源通知的标题（{where}.title）",
            f"the source notice has no title ({where}.title)",
            year=year,
            origin=origin,
        )
    issued = table.get("issued")
    return ScheduleSource(
        title=title.strip(),
        document_number=_optional_text(
            table, "document_number", year=year, origin=origin, where=where
        ),
        issued=(
            _parse_day(issued, year=year, origin=origin, field=f"{where}.issued")
            if issued is not None
            else None
        ),
        url=_optional_text(table, "url", year=year, origin=origin, where=where),
        note=_optional_text(table, "note", year=year, origin=origin, where=where),
    )


def _parse_year_table(table_in: Any, *, origin: str) -> HolidaySchedule:
    raw_year = table_in.get("year") if isinstance(table_in, Mapping) else None
    year = raw_year if isinstance(raw_year, int) and not isinstance(raw_year, bool) else None
    table = _check_keys(table_in, _SCHEDULE_KEYS, year=year, origin=origin, where="schedule")
    if year is None:
        raise _fail(
            f"缺少年份（year），或年份不是整数：{raw_year!r}",
            f"the year (year) is missing or not an integer: {raw_year!r}",
            year=None,
            origin=origin,
        )
    if "source" not in table:
        raise _fail(
            "缺少来源通知（[source] 表，至少要有 title）",
            "the source notice is missing (a [source] table with at least a title)",
            year=year,
            origin=origin,
        )
    source = _parse_source(table["source"], year=year, origin=origin, where="source")
    raw_amendments = table.get("amendments", [])
    if not isinstance(raw_amendments, Sequence) or isinstance(raw_amendments, str):
        raise _fail(
            "amendments 必须是表的列表",
            "amendments must be a list of tables",
            year=year,
            origin=origin,
        )
    amendments = tuple(
        _parse_source(item, year=year, origin=origin, where=f"amendments[{i}]")
        for i, item in enumerate(raw_amendments)
    )
    rest = set(_parse_days(table.get("rest_days"), year=year, origin=origin, field="rest_days"))
    makeup = set(
        _parse_days(table.get("makeup_workdays"), year=year, origin=origin, field="makeup_workdays")
    )
    raw_holidays = table.get("holidays", [])
    if not isinstance(raw_holidays, Sequence) or isinstance(raw_holidays, str):
        raise _fail(
            "holidays 必须是表的列表",
            "holidays must be a list of tables",
            year=year,
            origin=origin,
        )
    holidays: list[Holiday] = []
    for i, item in enumerate(raw_holidays):
        where = f"holidays[{i}]"
        entry = _check_keys(item, _HOLIDAY_KEYS, year=year, origin=origin, where=where)
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _fail(
                f"{where} 缺少节日名称（name）",
                f"{where} has no name",
                year=year,
                origin=origin,
            )
        holiday = Holiday(
            name=name.strip(),
            name_en=_optional_text(entry, "name_en", year=year, origin=origin, where=where),
            rest_days=_parse_days(
                entry.get("rest"), year=year, origin=origin, field=f"{where}.rest"
            ),
            makeup_workdays=_parse_days(
                entry.get("makeup"), year=year, origin=origin, field=f"{where}.makeup"
            ),
            note=_optional_text(entry, "note", year=year, origin=origin, where=where),
        )
        rest |= holiday.rest_days
        makeup |= holiday.makeup_workdays
        holidays.append(holiday)
    return HolidaySchedule(
        year=year,
        rest_days=frozenset(rest),
        makeup_workdays=frozenset(makeup),
        source=source,
        amendments=amendments,
        holidays=tuple(holidays),
        note=_optional_text(table, "note", year=year, origin=origin, where="schedule"),
        origin=origin,
    )


def schedules_from_mapping(
    mapping: Mapping[str, Any], *, origin: str = "mapping"
) -> list[HolidaySchedule]:
    """Schedules from an already parsed document in the schedule file format.

    ``mapping`` is either one year (a table with ``year`` and ``source``) or a table whose only
    key is ``schedules``, a list of such years. Raises :class:`ScheduleError` on invalid data.
    """
    if isinstance(mapping, Mapping) and set(mapping) == {"schedules"}:
        items = mapping["schedules"]
        if not isinstance(items, Sequence) or isinstance(items, str):
            raise _fail(
                "schedules 必须是表的列表",
                "schedules must be a list of tables",
                year=None,
                origin=origin,
            )
        schedules = [_parse_year_table(item, origin=origin) for item in items]
    else:
        schedules = [_parse_year_table(mapping, origin=origin)]
    _reject_duplicate_years(schedules)
    return schedules


def _reject_duplicate_years(schedules: Iterable[HolidaySchedule]) -> None:
    seen: dict[int, HolidaySchedule] = {}
    for schedule in schedules:
        earlier = seen.get(schedule.year)
        if earlier is not None:
            raise ScheduleError(
                f"同一年份提供了两份安排（{earlier.origin}；{schedule.origin}）",
                f"two schedules were supplied for the same year ({earlier.origin}; "
                f"{schedule.origin})",
                year=schedule.year,
            )
        seen[schedule.year] = schedule


def load_schedule_file(path: str | Path) -> list[HolidaySchedule]:
    """Schedules from a ``.toml`` or ``.json`` file in the schedule file format."""
    path = Path(path)
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in {".toml", ".json"}:
        raise _fail(
            "节假日安排文件必须是 .toml 或 .json",
            "a holiday schedule file must be .toml or .json",
            year=None,
            origin=origin,
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise _fail(
            f"无法读取文件：{error.strerror or error}",
            f"cannot read the file: {error.strerror or error}",
            year=None,
            origin=origin,
        ) from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _fail(
            f"文件不是 UTF-8 编码：{error}",
            f"the file is not UTF-8: {error}",
            year=None,
            origin=origin,
        ) from error
    return _parse_document(text, suffix, origin)


def _parse_document(text: str, suffix: str, origin: str) -> list[HolidaySchedule]:
    try:
        data = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise _fail(
            f"文件不是有效的 {suffix[1:].upper()}：{error}",
            f"the file is not valid {suffix[1:].upper()}: {error}",
            year=None,
            origin=origin,
        ) from error
    if not isinstance(data, Mapping):
        raise _fail(
            "文件顶层必须是表（对象）",
            "the top level of the file must be a table (object)",
            year=None,
            origin=origin,
        )
    return schedules_from_mapping(data, origin=origin)


def _data_dir() -> Traversable:
    return resources.files("enforcement_supervision.statutory_time").joinpath("schedules")


@functools.cache
def bundled_schedules() -> tuple[HolidaySchedule, ...]:
    """The official schedules shipped with the library, one per year, oldest first."""
    schedules: list[HolidaySchedule] = []
    for entry in sorted(_data_dir().iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".toml") and entry.name[:4].isdigit():
            schedules.extend(_parse_document(entry.read_text(encoding="utf-8"), ".toml", "bundled"))
    return tuple(schedules)


# --- provisional mode ----------------------------------------------------------------------

_PROVISIONAL_SOURCE = ScheduleSource(
    title="暂定：按《全国年节及纪念日放假办法》（国务院令第795号）的法定节日推算，无官方调休安排",
    note=(
        "Provisional: weekends plus the statutory holidays of the 2024 rules (State Council "
        "Order No. 795); no official notice; no 补假 or 调休 guessed."
    ),
)


@functools.cache
def _provisional_table() -> Mapping[int, Mapping[str, date]]:
    data = tomllib.loads(_data_dir().joinpath("provisional.toml").read_text(encoding="utf-8"))
    return {int(year): dict(days) for year, days in data["years"].items()}


def provisional_years() -> tuple[int, ...]:
    """The years provisional mode can compute (those in the bundled lunar-date table)."""
    return tuple(sorted(_provisional_table()))


@functools.cache
def provisional_schedule(year: int) -> HolidaySchedule:
    """The provisional schedule of ``year``: the 13 statutory holiday days of 国务院令第795号.

    Only days, no 补假 and no 调休: the rules on how holidays are moved are announced each
    year and are not guessed. Raises :class:`CalendarUnavailable` for years outside
    :func:`provisional_years`.
    """
    table = _provisional_table().get(year)
    if table is None:
        raise CalendarUnavailable(year, provisional_mode=True)
    chuxi = table["chuxi"]

    def block(name: str, name_en: str, *days: date) -> Holiday:
        return Holiday(name=name, name_en=name_en, rest_days=frozenset(days))

    holidays = (
        block("元旦", "New Year's Day", date(year, 1, 1)),
        block(
            "春节",
            "Spring Festival",
            *(chuxi + timedelta(days=i) for i in range(4)),
        ),
        block("清明节", "Qingming Festival", table["qingming"]),
        block("劳动节", "Labour Day", date(year, 5, 1), date(year, 5, 2)),
        block("端午节", "Dragon Boat Festival", table["duanwu"]),
        block("中秋节", "Mid-Autumn Festival", table["zhongqiu"]),
        block("国庆节", "National Day", *(date(year, 10, d) for d in (1, 2, 3))),
    )
    rest: set[date] = set()
    for holiday in holidays:
        rest |= holiday.rest_days
    return HolidaySchedule(
        year=year,
        rest_days=frozenset(rest),
        makeup_workdays=frozenset(),
        source=_PROVISIONAL_SOURCE,
        holidays=holidays,
        origin="provisional",
    )
