"""``esup clocks``: the open statutory periods and their lights (红黄灯预警)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import click

from enforcement_supervision.cli._common import AppContext, json_option, open_store
from enforcement_supervision.clocks import (
    LIGHTS,
    StoredClock,
    get_clock,
    light_label,
    list_clocks,
    parse_within,
)
from enforcement_supervision.statutory_time import (
    StatutoryCalendar,
    calendar_from_config,
    to_local_date,
)
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import latest_check_as_of

__all__ = ["clocks_group"]


def _calendar(app: AppContext) -> StatutoryCalendar:
    # The calendar of the checks: the configuration's schedules over the plugins' and the
    # bundled ones, so the time left is counted as the rules counted it.
    from enforcement_supervision._host import load_plugins

    config = app.config()
    manager = load_plugins(config)
    return calendar_from_config(
        config.section("calendar"),
        base_dir=config.base_dir,
        plugin_schedules=manager.holiday_schedules().values(),
    )


def _day(as_of: str | None, store: Store) -> date:
    if as_of is None:
        # The day of the latest check: the lights it left (as the reports do), else today.
        latest = latest_check_as_of(store)
        return to_local_date(latest if latest is not None else datetime.now(UTC))
    try:
        return date.fromisoformat(as_of)
    except ValueError:
        raise click.BadParameter(f"not a date: {as_of}", param_hint="--as-of") from None


def _left(clock: StoredClock, lang: str) -> str:
    unit_zh = "个工作日" if clock.unit == "WD" else "日"
    unit_en = "working days" if clock.unit == "WD" else "days"
    if clock.left < 0:
        late = -clock.left
        return f"已超期 {late} {unit_zh}" if lang != "en" else f"{late} {unit_en} late"
    return f"剩余 {clock.left} {unit_zh}" if lang != "en" else f"{clock.left} {unit_en} left"


def _due(clock: StoredClock) -> str:
    if clock.due_dates_differ and clock.rolled_date is not None:
        return f"{clock.strict_date.isoformat()}→{clock.rolled_date.isoformat()}"
    return clock.due_date.isoformat()


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group("clocks")
def clocks_group() -> None:
    """期限时钟与红黄灯预警 / open statutory periods and their lights (early warning).

    Each check stores a clock for every open deadline a rule watches; ``list`` shows their
    lights on a day: green while time remains, yellow as the period runs out, red once it
    has passed (docs/guide/early-warning.md).
    """


@clocks_group.command("list")
@click.option(
    "--light",
    "lights",
    type=click.Choice(LIGHTS),
    multiple=True,
    help="Only clocks of this light (repeatable). Default: green and yellow.",
)
@click.option(
    "--within",
    metavar="N{wd|d}",
    help="Only clocks due within N working days (5wd) or calendar days (10d) of the day.",
)
@click.option("--agency", metavar="ID", help="Only clocks of this agency.")
@click.option("--rule", "rule_id", metavar="ID", help="Only clocks of this rule.")
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="The day the lights are for (default: the day of the latest check).",
)
@json_option()
@click.pass_obj
def clocks_list(
    app: AppContext,
    lights: tuple[str, ...],
    within: str | None,
    agency: str | None,
    rule_id: str | None,
    as_of: str | None,
    as_json: bool,
) -> None:
    """列出期限时钟 / list the clocks with their lights, by due date."""
    calendar = _calendar(app)
    with open_store(app) as store:
        day = _day(as_of, store)
        due_by = parse_within(within).last_day(day, calendar) if within is not None else None
        found = list_clocks(
            store,
            as_of=day,
            light=lights or None,
            due_by=due_by,
            agency=agency,
            rule=rule_id,
            calendar=calendar,
        )
    if as_json:
        _dump(
            {
                "as_of": day.isoformat(),
                "due_by": None if due_by is None else due_by.isoformat(),
                "count": len(found),
                "clocks": [clock.to_dict() for clock in found],
            }
        )
        return
    lang = app.lang
    if not found:
        click.echo("没有符合条件的期限时钟" if lang != "en" else "no clocks")
        return
    for clock in found:
        click.echo(
            "\t".join(
                (
                    clock.id,
                    light_label(clock.light, lang),
                    _due(clock),
                    _left(clock, lang),
                    clock.rule_id,
                    clock.subject_key,
                    clock.agency_id or "-",
                    clock.label,
                )
            )
        )


@clocks_group.command("show")
@click.argument("clock_id", metavar="ID")
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="The day the light is for (default: the day of the latest check).",
)
@json_option()
@click.pass_obj
def clocks_show(app: AppContext, clock_id: str, as_of: str | None, as_json: bool) -> None:
    """显示一个期限时钟 / one clock: its deadline, its light and the days the light changes."""
    calendar = _calendar(app)
    with open_store(app) as store:
        day = _day(as_of, store)
        clock = get_clock(store, clock_id, as_of=day, calendar=calendar)
    if as_json:
        _dump(clock.to_dict())
        return
    en = app.lang == "en"
    started = (clock.started_by_en if en else clock.started_by) or ("start" if en else "起算")
    lines = [
        f"{clock.id}  {clock.rule_id}  {clock.subject_key}",
        f"{'agency' if en else '机关'}: {clock.agency_id or '-'}",
        f"{'deadline' if en else '期限'}: {clock.label}",
        f"{started}: {clock.start_date.isoformat()}",
        f"{'due' if en else '期限届满'}: {_due(clock)}",
        f"{'light' if en else '灯色'} ({day.isoformat()}): {light_label(clock.light, app.lang)}"
        f" — {_left(clock, app.lang)}",
    ]
    if clock.extensions:
        lines.append(
            ("extensions: " if en else "延长：")
            + ", ".join(f"+{amount} ({when.isoformat()})" for amount, when in clock.extensions)
        )
    if clock.excluded:
        lines.append(("excluded: " if en else "扣除期间：") + str(clock.excluded))
    lines.append(("count: " if en else "计算：") + (clock.trace_en if en else clock.trace_zh))
    lines.extend(clock.lights_en if en else clock.lights_zh)
    click.echo("\n".join(lines))
