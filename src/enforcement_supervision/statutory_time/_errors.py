"""Errors raised by the statutory clock."""

from __future__ import annotations

from datetime import date

from enforcement_supervision.errors import EsupError

__all__ = ["CalendarUnavailable", "ScheduleError"]


class CalendarUnavailable(EsupError):
    """A count touched a year for which no official holiday schedule is loaded.

    ``year`` is the year that is missing. In strict mode (the default) this is raised for any
    year without a schedule; in provisional mode only for years outside the provisional table.
    """

    def __init__(self, year: int, *, provisional_mode: bool = False) -> None:
        self.year = year
        self.provisional_mode = provisional_mode
        if provisional_mode:
            message_zh = (
                f"{year} 年既没有已加载的官方节假日安排，也不在暂定模式可推算的年份范围内"
                "（见 docs/guide/statutory-time.md）"
            )
            message_en = (
                f"no official holiday schedule is loaded for {year}, and {year} is outside "
                "the years that provisional mode can compute (see docs/guide/statutory-time.md)"
            )
        else:
            message_zh = (
                f"没有 {year} 年的官方节假日安排（国务院办公厅部分节假日安排通知），无法计算期限；"
                f"请在配置文件 [calendar] 中提供 {year} 年安排，或使用暂定模式（--provisional）"
            )
            message_en = (
                f"no official holiday schedule is loaded for {year}, so the period cannot be "
                f"counted; supply the {year} schedule in the [calendar] section of the "
                "configuration file, or use provisional mode (--provisional)"
            )
        super().__init__(message_zh, message_en)


class ScheduleError(EsupError):
    """A supplied holiday schedule is invalid.

    The message names where the schedule came from (``origin``), the ``year`` and the ``day``
    at fault when they are known, and the reason.
    """

    def __init__(
        self,
        reason_zh: str,
        reason_en: str,
        *,
        year: int | None = None,
        day: date | None = None,
        origin: str | None = None,
    ) -> None:
        self.year = year
        self.day = day
        self.origin = origin
        self.reason_zh = reason_zh
        self.reason_en = reason_en
        where_zh: list[str] = []
        where_en: list[str] = []
        if origin:
            where_zh.append(origin)
            where_en.append(origin)
        if year is not None:
            where_zh.append(f"{year} 年")
            where_en.append(f"year {year}")
        if day is not None:
            where_zh.append(day.isoformat())
            where_en.append(day.isoformat())
        prefix_zh = f"节假日安排无效（{'，'.join(where_zh)}）" if where_zh else "节假日安排无效"
        prefix_en = (
            f"invalid holiday schedule ({', '.join(where_en)})"
            if where_en
            else "invalid holiday schedule"
        )
        super().__init__(f"{prefix_zh}：{reason_zh}", f"{prefix_en}: {reason_en}")
