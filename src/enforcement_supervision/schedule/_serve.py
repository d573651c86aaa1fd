"""``serve``: a small loop that sleeps until the next slot and calls ``run_due``."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from enforcement_supervision._host import PluginManager
from enforcement_supervision._logging import get_logger
from enforcement_supervision.config import Config
from enforcement_supervision.engine import run_check
from enforcement_supervision.schedule._config import Schedule, load_schedules
from enforcement_supervision.schedule._history import SlotRun
from enforcement_supervision.schedule._run_due import (
    DEFAULT_LEASE_SECONDS,
    Runner,
    SlotProgress,
    default_owner,
    run_due,
    schedule_calendar,
)
from enforcement_supervision.schedule._slots import UnknownWorkingDay, next_slot
from enforcement_supervision.statutory_time import StatutoryCalendar
from enforcement_supervision.store import Store

__all__ = ["next_due", "serve"]

_log = get_logger(__name__)


def next_due(
    schedules: Sequence[Schedule], after: datetime, calendar: StatutoryCalendar | None
) -> datetime | None:
    """The earliest slot of the enabled ``schedules`` strictly after ``after`` (``None`` if
    none can be found, e.g. every schedule is blocked by an unknown calendar year)."""
    found: list[datetime] = []
    for schedule in schedules:
        if not schedule.enabled:
            continue
        try:
            upcoming = next_slot(schedule, after, calendar)
        except UnknownWorkingDay as error:
            _log.error("schedule_blocked", schedule=schedule.name, day=error.slot.isoformat())
            continue
        if upcoming is not None:
            found.append(upcoming)
    return min(found, default=None)


def serve(
    store: Store,
    *,
    config: Config,
    stop: threading.Event,
    owner: str | None = None,
    lease_seconds: float = DEFAULT_LEASE_SECONDS,
    runner: Runner = run_check,
    manager: PluginManager | None = None,
    progress: SlotProgress | None = None,
    on_results: Callable[[list[SlotRun]], None] | None = None,
    max_sleep: float = 60.0,
    clock: Callable[[], datetime] | None = None,
) -> None:
    """Call :func:`run_due` now and then at every slot until ``stop`` is set.

    Between calls it sleeps until the next slot of any enabled schedule (at most
    ``max_sleep`` seconds at a time, so a changed system clock is noticed). ``stop`` is
    checked between slots: a check in progress finishes first. The configuration is read
    once; restart the loop to apply a changed one. Several ``serve`` loops (or ``serve``
    and ``run-due`` from cron) may run against one database: each slot still runs once.
    """
    now = clock or (lambda: datetime.now(UTC))
    holder = owner or default_owner()
    schedules = [schedule for schedule in load_schedules(config) if schedule.enabled]
    calendar = (
        schedule_calendar(config, manager)
        if any(schedule.working_days_only for schedule in schedules)
        else None
    )
    _log.info("serve_started", schedules=[s.name for s in schedules], owner=holder)
    while not stop.is_set():
        results = run_due(
            store,
            now(),
            config=config,
            owner=holder,
            lease_seconds=lease_seconds,
            runner=runner,
            manager=manager,
            progress=progress,
            should_stop=stop.is_set,
            clock=now,
        )
        if on_results is not None and results:
            on_results(results)
        if stop.is_set():
            break
        moment = now()
        upcoming = next_due(schedules, moment, calendar)
        wait = max_sleep
        if upcoming is not None:
            wait = min(max_sleep, max(0.05, (upcoming - moment).total_seconds()))
        _log.debug(
            "serve_sleeping",
            seconds=round(wait, 3),
            next_slot=None if upcoming is None else upcoming.isoformat(),
        )
        stop.wait(wait)
    _log.info("serve_stopped", owner=holder)
