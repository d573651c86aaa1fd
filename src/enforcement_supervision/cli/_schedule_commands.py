"""``esup schedule list|preview|run-due|serve|history``: scheduled checks."""

from __future__ import annotations

import json
import signal
import sys
import threading
from datetime import datetime, timedelta
from types import FrameType
from typing import Any
from zoneinfo import ZoneInfo

import click

from enforcement_supervision.cli._common import (
    EXIT_RULE_ERRORS,
    AppContext,
    EsupGroup,
    json_option,
    open_store,
)
from enforcement_supervision.engine import Progress, parse_as_of
from enforcement_supervision.errors import EsupError
from enforcement_supervision.schedule import (
    DEFAULT_LEASE_SECONDS,
    Schedule,
    SlotRun,
    get_schedule,
    history,
    load_schedules,
    next_slot,
    preview,
    run_due,
    schedule_calendar,
    serve,
)
from enforcement_supervision.statutory_time import StatutoryCalendar

__all__ = ["schedule_group"]

_WEEKDAYS = {
    "zh": ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_OUTCOMES = {
    "ok": "完成",
    "errors": "完成（有错误）",
    "failed": "失败",
    "missed": "错过（未运行）",
    "coalesced": "合并（未运行）",
    "running": "运行中",
    "blocked": "无法判断工作日",
}


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _zone_of(config_schedules: dict[str, Schedule], name: str) -> ZoneInfo:
    schedule = config_schedules.get(name)
    return schedule.zone if schedule is not None else ZoneInfo("Asia/Shanghai")


def _when(moment: datetime, zone: ZoneInfo, lang: str) -> str:
    local = moment.astimezone(zone)
    text = f"{local:%Y-%m-%d %H:%M} {_WEEKDAYS[lang][local.weekday()]}"
    if zone.key != "Asia/Shanghai":
        text += f" ({local:%z} {zone.key})"
    return text


def _duration(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    if seconds == 0:
        return "0"
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts)


def _outcome(outcome: str, lang: str) -> str:
    return outcome if lang == "en" else _OUTCOMES.get(outcome, outcome)


def _slot_line(item: SlotRun, zone: ZoneInfo, lang: str) -> str:
    en = lang == "en"
    parts = [item.schedule, _when(item.slot, zone, lang), _outcome(item.outcome, lang)]
    if item.late and item.outcome != "missed":
        parts.append("late" if en else "迟到补跑")
    if item.attempt > 1:
        parts.append(f"attempt {item.attempt}" if en else f"第 {item.attempt} 次尝试")
    if item.run_id is not None or item.opened is not None:
        parts.append(f"+{item.opened or 0} -{item.resolved or 0} ↺{item.reopened or 0}")
        parts.append(f"errors {item.rule_errors or 0}" if en else f"错误 {item.rule_errors or 0}")
    if item.duration is not None:
        parts.append(f"{item.duration:.2f}s")
    if item.run_id:
        parts.append(("run " if en else "运行 ") + item.run_id[:8])
    if item.error:
        parts.append(item.error)
    return "  ".join(parts)


def _wants_bar() -> bool:
    """A progress bar only on a terminal, and never in JSON-log mode."""
    root = click.get_current_context().find_root()
    if root.params.get("json_logs") is True:
        return False
    return sys.stderr.isatty()


class _SlotBar:
    """One click progress bar per slot run, on stderr."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.key: tuple[str, datetime] | None = None
        self.bar: Any = None

    def __call__(self, schedule: str, slot: datetime, update: Progress) -> None:
        if self.key != (schedule, slot):
            self.close()
            self.key = (schedule, slot)
            self.bar = click.progressbar(
                length=max(update.total, 1),
                label=f"{schedule} {slot:%m-%d %H:%M}",
                file=sys.stderr,
                show_pos=True,
            )
            self.bar.__enter__()
        self.bar.length = max(update.total, 1)
        self.bar.update(max(0, update.done - self.bar.pos))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
            self.key = None


def _calendar_for(app: AppContext, schedules: list[Schedule]) -> StatutoryCalendar | None:
    if not schedules:
        return None
    return schedule_calendar(app.config())


@click.group("schedule", cls=EsupGroup)
def schedule_group() -> None:
    """Scheduled checks declared as [[schedules]] in the configuration: list and preview
    them, run the due ones (from cron, a systemd timer, APScheduler or Celery beat), or
    keep a small loop running; see the run history."""


@schedule_group.command("list")
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE|DATETIME",
    help="Show the next slot after this instant (default: now).",
)
@json_option()
@click.pass_obj
def schedule_list(app: AppContext, as_of: str | None, as_json: bool) -> None:
    """List the declared schedules with their next slot and the last slot handled."""
    config = app.config()
    schedules = list(load_schedules(config))
    instant = parse_as_of(as_of)
    calendar = _calendar_for(app, [s for s in schedules if s.working_days_only])
    last: dict[str, SlotRun] = {}
    try:
        store = open_store(app, migrate=False)
        for item in history(store, limit=None):
            last.setdefault(item.schedule, item)
        store.close()
    except EsupError:
        pass  # no database (yet): list the configuration only
    rows: list[dict[str, Any]] = []
    for schedule in schedules:
        upcoming: datetime | None = None
        problem: str | None = None
        if schedule.enabled:
            try:
                upcoming = next_slot(schedule, instant, calendar)
            except EsupError as error:
                problem = error.message(app.lang)
        rows.append(
            {
                **schedule.to_dict(),
                "next_slot": None if upcoming is None else upcoming.isoformat(),
                "last": None if schedule.name not in last else last[schedule.name].to_dict(),
                "problem": problem,
            }
        )
        if as_json:
            continue
        en = app.lang == "en"
        flags = [
            schedule.cron,
            schedule.timezone,
            ("working days only" if en else "仅工作日") if schedule.working_days_only else "",
            f"catch_up={schedule.catch_up.value}",
            f"grace={_duration(schedule.grace)}",
            schedule.mode,
            "" if schedule.enabled else ("disabled" if en else "已停用"),
        ]
        click.echo(f"{schedule.name}  " + "  ".join(flag for flag in flags if flag))
        rules = ", ".join(schedule.rules) or ("all enabled rules" if en else "全部启用的规则")
        click.echo(("  rules: " if en else "  规则：") + rules)
        if upcoming is not None:
            click.echo(
                ("  next: " if en else "  下次：") + _when(upcoming, schedule.zone, app.lang)
            )
        if problem is not None:
            click.echo(("  problem: " if en else "  问题：") + problem)
        if schedule.name in last:
            item = last[schedule.name]
            click.echo(
                ("  last: " if en else "  上次：")
                + _when(item.slot, schedule.zone, app.lang)
                + "  "
                + _outcome(item.outcome, app.lang)
            )
    if as_json:
        _dump(rows)
    elif not schedules:
        click.echo(
            "no schedules declared ([[schedules]] in the configuration)"
            if app.lang == "en"
            else "配置中没有声明计划（[[schedules]]）"
        )


@schedule_group.command("preview")
@click.argument("name")
@click.option(
    "--next",
    "count",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="How many slots to show.",
)
@click.option(
    "--from",
    "start",
    metavar="DATE|DATETIME",
    help="Slots after this instant (default: now).",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Also show cron matches left out because the day is not a working day.",
)
@json_option()
@click.pass_obj
def schedule_preview(
    app: AppContext, name: str, count: int, start: str | None, explain: bool, as_json: bool
) -> None:
    """Show the next slots of schedule NAME with their dates and weekdays, honouring
    working_days_only (statutory working days, make-up Saturdays included)."""
    config = app.config()
    schedule = get_schedule(config, name)
    calendar = schedule_calendar(config)
    result = preview(schedule, parse_as_of(start), count, calendar, explain=explain, lang=app.lang)
    if as_json:
        _dump(result.to_dict())
        return
    en = app.lang == "en"
    header = f"{schedule.name}: {schedule.cron} ({schedule.timezone}"
    if schedule.working_days_only:
        header += ", working days only" if en else "，仅工作日"
    click.echo(header + ")")
    for item in result.slots:
        local = item.at
        stamp = f"{local:%Y-%m-%d %H:%M}"
        if schedule.timezone != "Asia/Shanghai":
            stamp += f" {local:%z}"
        if item.fires:
            click.echo(f"  {stamp}  {item.day}")
        else:
            skipped = "not a working day, skipped" if en else "非工作日，不触发"
            click.echo(f"  ✗ {stamp}  {item.day} — {skipped}")
    note = result.note_en if en else result.note_zh
    if note:
        click.echo(("Note: " if en else "注意：") + note)


def _print_results(results: list[SlotRun], app: AppContext, zones: dict[str, Schedule]) -> None:
    for item in results:
        click.echo(_slot_line(item, _zone_of(zones, item.schedule), app.lang))


@schedule_group.command("run-due")
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE|DATETIME",
    help="Which slots are due: those up to this instant (default: now). YYYY-MM-DD means "
    "00:00 Asia/Shanghai. Each slot's check runs as of the slot itself.",
)
@click.option(
    "--schedule",
    "names",
    multiple=True,
    metavar="NAME",
    help="Only these schedules (repeatable). Default: every enabled schedule.",
)
@click.option(
    "--lease-seconds",
    type=click.FloatRange(min=0.1),
    default=DEFAULT_LEASE_SECONDS,
    show_default=True,
    help="How long a claim holds without renewal; a dead process's slot is retried after it.",
)
@click.option("--owner", help="Name of this process in the run history (default host:pid:id).")
@json_option()
@click.pass_obj
def schedule_run_due(
    app: AppContext,
    as_of: str | None,
    names: tuple[str, ...],
    lease_seconds: float,
    owner: str | None,
    as_json: bool,
) -> None:
    """Run every schedule whose slot has come, exactly once per (schedule, slot), however
    many processes call this at the same time. Meant for cron and systemd timers; missed
    slots follow each schedule's catch_up policy.

    \b
    Exit status:
      0  every slot handled ran without error, or nothing was due
      2  usage or configuration error
      3  a slot's check had rule errors or failed, or a slot's day could not be classified
    """
    config = app.config()
    store = open_store(app)
    bar = _SlotBar(app.lang) if not as_json and _wants_bar() else None
    try:
        results = run_due(
            store,
            as_of,
            config=config,
            owner=owner,
            lease_seconds=lease_seconds,
            schedules=names or None,
            progress=bar,
        )
    finally:
        if bar is not None:
            bar.close()
        store.close()
    zones = {schedule.name: schedule for schedule in load_schedules(config)}
    if as_json:
        _dump([item.to_dict() for item in results])
    elif results:
        _print_results(results, app, zones)
    else:
        click.echo("nothing was due" if app.lang == "en" else "没有到期的计划检查")
    if any(item.needs_attention for item in results):
        raise click.exceptions.Exit(EXIT_RULE_ERRORS)


@schedule_group.command("serve")
@click.option(
    "--lease-seconds",
    type=click.FloatRange(min=0.1),
    default=DEFAULT_LEASE_SECONDS,
    show_default=True,
    help="How long a claim holds without renewal.",
)
@click.option("--owner", help="Name of this process in the run history (default host:pid:id).")
@click.option(
    "--max-sleep",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Wake up at least this often (seconds) to notice clock changes.",
)
@click.pass_obj
def schedule_serve(
    app: AppContext, lease_seconds: float, owner: str | None, max_sleep: float
) -> None:
    """Run due checks now, then sleep until the next slot and run again, until SIGTERM
    or SIGINT. A check in progress finishes before the loop stops (a second signal
    interrupts it; its slot is retried by the next call). For systems without cron,
    systemd timers or another scheduler; several loops may share one database."""
    config = app.config()
    zones = {schedule.name: schedule for schedule in load_schedules(config)}
    store = open_store(app)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {
        signum: signal.signal(signum, on_signal) for signum in (signal.SIGTERM, signal.SIGINT)
    }
    bar = _SlotBar(app.lang) if _wants_bar() else None

    def on_results(results: list[SlotRun]) -> None:
        if bar is not None:
            bar.close()
        _print_results(results, app, zones)

    click.echo(
        f"serving {len(zones)} schedule(s); stop with SIGTERM or Ctrl-C"
        if app.lang == "en"
        else f"正在运行 {len(zones)} 个计划；用 SIGTERM 或 Ctrl-C 停止",
        err=True,
    )
    try:
        serve(
            store,
            config=config,
            stop=stop,
            owner=owner,
            lease_seconds=lease_seconds,
            progress=bar,
            on_results=on_results,
            max_sleep=max_sleep,
        )
    finally:
        if bar is not None:
            bar.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        store.close()
    click.echo("stopped" if app.lang == "en" else "已停止", err=True)


@schedule_group.command("history")
@click.argument("name", required=False)
@click.option("--limit", type=int, default=20, show_default=True, help="At most this many.")
@json_option()
@click.pass_obj
def schedule_history(app: AppContext, name: str | None, limit: int, as_json: bool) -> None:
    """Show the slots handled (of schedule NAME, or of every schedule), newest first:
    slot, outcome, findings opened/resolved/reopened, rule errors, duration, engine run."""
    zones = {schedule.name: schedule for schedule in load_schedules(app.config())}
    store = open_store(app, migrate=False)
    try:
        items = history(store, name, limit=limit)
    finally:
        store.close()
    if as_json:
        _dump([item.to_dict() for item in items])
        return
    if not items:
        click.echo("no slots recorded yet" if app.lang == "en" else "还没有计划检查记录")
        return
    for item in items:
        click.echo(_slot_line(item, _zone_of(zones, item.schedule), app.lang))
