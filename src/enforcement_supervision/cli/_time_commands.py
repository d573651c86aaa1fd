"""``esup deadline`` and ``esup calendar``: statutory time from the command line."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import click

from enforcement_supervision.cli._common import (
    AppContext,
    json_option,
    print_json,
)
from enforcement_supervision.cli._i18n import say
from enforcement_supervision.statutory_time import (
    Holiday,
    HolidaySchedule,
    StatutoryCalendar,
    TimeUnit,
    build_deadline,
    calendar_from_config,
)

__all__ = ["calendar_command", "deadline_command"]

_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _calendar(app: AppContext, provisional: bool) -> StatutoryCalendar:
    # Plugins may supply a year before a release ships it (esup_holiday_schedules); the
    # configuration file still wins over them.
    from enforcement_supervision._host import load_plugins

    config = app.config()
    manager = load_plugins(config)
    return calendar_from_config(
        config.section("calendar"),
        base_dir=config.base_dir,
        provisional=provisional,
        plugin_schedules=manager.holiday_schedules().values(),
    )


@click.command("deadline")
@click.argument("start", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="START")
@click.option(
    "--days",
    type=click.IntRange(min=0),
    help="N calendar days (CD); the start day is not counted.",
)
@click.option(
    "--working-days",
    type=click.IntRange(min=0),
    help="N working days (WD) under the official State Council calendar.",
)
@click.option(
    "--months",
    type=click.IntRange(min=0),
    help="N months, ending on the corresponding day or the month's last day (M).",
)
@click.option("--years", type=click.IntRange(min=0), help="N years (Y).")
@click.option(
    "--rollover",
    is_flag=True,
    help="Move a last day that is a rest day to the next working day (CD+R).",
)
@click.option(
    "--before",
    is_flag=True,
    help="Count back from START: the latest day to act so that N (working) days remain "
    "before START.",
)
@click.option("--explain", is_flag=True, help="Also print how the date was counted.")
@click.option(
    "--provisional",
    is_flag=True,
    help="Compute years without an official schedule from weekends and statutory holidays; "
    "the result is marked provisional.",
)
@json_option()
@click.pass_obj
def deadline_command(
    app: AppContext,
    start: datetime,
    days: int | None,
    working_days: int | None,
    months: int | None,
    years: int | None,
    rollover: bool,
    before: bool,
    explain: bool,
    provisional: bool,
    as_json: bool,
) -> None:
    """Print the last day of a statutory period that starts on START (YYYY-MM-DD).

    Give exactly one of --days, --working-days, --months, --years. The start day is not
    counted (民法典 Art. 201). Prints the ISO date on one line; --explain adds the trace.
    A year without an official holiday schedule is an error unless --provisional is given.
    """
    chosen = [
        (unit, amount)
        for unit, amount in (
            (TimeUnit.CALENDAR_DAYS, days),
            (TimeUnit.WORKING_DAYS, working_days),
            (TimeUnit.MONTHS, months),
            (TimeUnit.YEARS, years),
        )
        if amount is not None
    ]
    if len(chosen) != 1:
        raise click.UsageError(
            say(
                "--days、--working-days、--months、--years 须给出且只给出一个",
                "give exactly one of --days, --working-days, --months, --years",
            )
        )
    unit, amount = chosen[0]
    if before and unit not in (TimeUnit.CALENDAR_DAYS, TimeUnit.WORKING_DAYS):
        raise click.UsageError(
            say(
                "--before 只能与 --days 或 --working-days 同用",
                "--before works with --days or --working-days only",
            )
        )
    calendar = _calendar(app, provisional)
    try:
        deadline = build_deadline(
            start.date(), amount, unit, calendar, rollover=rollover and not before, before=before
        )
    except (OverflowError, ValueError) as error:
        # The last day would fall outside the dates Python can hold (years 1–9999): an input
        # out of range, not an internal error.
        raise click.UsageError(
            say(
                f"期限的末日超出可表示的日期范围（公元 1 至 9999 年）：{error}",
                f"the last day of the period falls outside the dates that can be represented "
                f"(years 1 to 9999): {error}",
            )
        ) from None
    if as_json:
        print_json(
            {
                "start": deadline.start.isoformat(),
                "amount": deadline.amount,
                "unit": deadline.unit.value,
                "before": deadline.before,
                "rollover": deadline.rollover,
                "strict_date": deadline.strict_date.isoformat(),
                "due_date": deadline.due_date.isoformat(),
                "provisional": deadline.provisional,
                "trace": [
                    {
                        "kind": step.kind,
                        "day": None if step.day is None else step.day.isoformat(),
                        "zh": step.zh,
                        "en": step.en,
                    }
                    for step in deadline.trace
                ],
            }
        )
        return
    click.echo(deadline.due_date.isoformat())
    if explain:
        click.echo(deadline.trace_text(app.lang))
    if deadline.provisional:
        click.echo(
            "esup: provisional result: it relies on a year with no official holiday schedule"
            if app.lang == "en"
            else "esup: 暂定结果：计算用到了没有官方节假日安排的年份",
            err=True,
        )


def _runs(days: set[date]) -> list[tuple[date, date]]:
    runs: list[tuple[date, date]] = []
    for day in sorted(days):
        if runs and day == runs[-1][1] + timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _holiday_name(holiday: Holiday | None, lang: str) -> str:
    if holiday is None:
        return "other" if lang == "en" else "其他"
    return (holiday.name_en or holiday.name) if lang == "en" else holiday.name


def _schedule_lines(
    schedule: HolidaySchedule, calendar: StatutoryCalendar, lang: str, provisional: bool
) -> list[str]:
    en = lang == "en"
    weekdays = _WEEKDAYS_EN if en else _WEEKDAYS_ZH
    year = schedule.year
    if provisional:
        header = (
            f"Provisional holidays for {year} (no official schedule)"
            if en
            else f"{year} 年暂定节假日（无官方安排）"
        )
    else:
        header = f"Official holiday schedule for {year}" if en else f"{year} 年官方节假日安排"
    lines = [header]
    for index, source in enumerate(schedule.sources):
        if index == 0:
            label = "Source: " if en else "来源："
        else:
            label = "Amended by: " if en else "修订："
        lines.append(label + source.citation())
        if source.url:
            lines.append(f"  {source.url}")
        if source.note:
            lines.append(f"  {source.note}")

    lines.append("Rest days:" if en else "放假：")
    named: set[date] = set()
    blocks: list[tuple[date, date, str]] = []
    for holiday in schedule.holidays:
        named |= holiday.rest_days
        blocks += [(a, b, _holiday_name(holiday, lang)) for a, b in _runs(set(holiday.rest_days))]
    blocks += [(a, b, _holiday_name(None, lang)) for a, b in _runs(set(schedule.rest_days - named))]
    width = max((len(name) for _, _, name in blocks), default=0)
    for first, last, name in sorted(blocks):
        count = (last - first).days + 1
        if en:
            span = f"{first}" if first == last else f"{first} to {last}"
            unit = "day" if count == 1 else "days"
            lines.append(f"  {name.ljust(width)}  {span} ({count} {unit})")
        else:
            span = f"{first}" if first == last else f"{first} 至 {last}"
            # Full-width names take two columns; pad by character count times two.
            pad = " " * (2 * (width - len(name)))
            lines.append(f"  {name}{pad}  {span}（{count} 天）")

    lines.append("Make-up working days:" if en else "调休上班：")
    if not schedule.makeup_workdays:
        lines.append("  none" if en else "  无")
    for day in sorted(schedule.makeup_workdays):
        owner = schedule.holiday_for(day)
        detail = weekdays[day.weekday()]
        if owner is not None:
            detail += (", " if en else "，") + _holiday_name(owner, lang)
        lines.append(f"  {day} ({detail})" if en else f"  {day}（{detail}）")

    count = calendar.working_days_in_year(year)
    lines.append(f"Working days in {year}: {count}" if en else f"全年工作日：{count} 天")
    return lines


def _schedule_json(
    schedule: HolidaySchedule, calendar: StatutoryCalendar, provisional: bool
) -> dict[str, object]:
    named: set[date] = set()
    rest: list[dict[str, object]] = []
    for holiday in schedule.holidays:
        named |= holiday.rest_days
        for first, last in _runs(set(holiday.rest_days)):
            rest.append(_block(first, last, holiday.name, holiday.name_en))
    for first, last in _runs(set(schedule.rest_days - named)):
        rest.append(_block(first, last, None, None))
    rest.sort(key=lambda item: str(item["first"]))
    return {
        "year": schedule.year,
        "provisional": provisional,
        "sources": [
            {"citation": source.citation(), "url": source.url, "note": source.note}
            for source in schedule.sources
        ],
        "rest_days": rest,
        "makeup_workdays": [
            {
                "date": day.isoformat(),
                "holiday": None if (owner := schedule.holiday_for(day)) is None else owner.name,
            }
            for day in sorted(schedule.makeup_workdays)
        ],
        "working_days": calendar.working_days_in_year(schedule.year),
    }


def _block(first: date, last: date, name: str | None, name_en: str | None) -> dict[str, object]:
    return {
        "name": name,
        "name_en": name_en,
        "first": first.isoformat(),
        "last": last.isoformat(),
        "days": (last - first).days + 1,
    }


@click.command("calendar")
@click.argument("year", type=click.IntRange(1949, 2200))
@click.option(
    "--provisional",
    is_flag=True,
    help="For a year without an official schedule, show the provisional holidays.",
)
@json_option()
@click.pass_obj
def calendar_command(app: AppContext, year: int, provisional: bool, as_json: bool) -> None:
    """Print YEAR's official rest days, make-up working days and source notice.

    Years come from the bundled schedules and from the [calendar] section of the
    configuration file. A year without a schedule is an error unless --provisional is given.
    """
    calendar = _calendar(app, provisional)
    schedule = calendar.schedule(year)
    if as_json:
        print_json(_schedule_json(schedule, calendar, calendar.is_provisional_year(year)))
        return
    for line in _schedule_lines(schedule, calendar, app.lang, calendar.is_provisional_year(year)):
        click.echo(line)
