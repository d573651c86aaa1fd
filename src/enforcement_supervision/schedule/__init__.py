"""Scheduled compliance checks: schedules from the configuration, ``run_due``, leases and
run history.

Scheduling is a contract, not a daemon: :func:`run_due` runs every schedule whose slot has
come, exactly once per (schedule, slot), however many processes call it at the same
moment; whatever already triggers jobs (cron, a systemd timer, APScheduler, Celery beat)
calls it, and :func:`serve` is a small loop for systems that have none of those. See
``docs/guide/operations.md``.

Example::

    from enforcement_supervision import Store
    from enforcement_supervision.config import load_config
    from enforcement_supervision.schedule import run_due

    config = load_config()
    with Store.open("esup.sqlite") as store:
        for slot in run_due(store, config=config):
            print(slot.run_key, slot.outcome, slot.opened)
"""

from __future__ import annotations

from enforcement_supervision.schedule._config import (
    DEFAULT_CATCH_UP,
    DEFAULT_GRACE,
    DEFAULT_TIMEZONE,
    CatchUp,
    Schedule,
    UnknownScheduleError,
    get_schedule,
    load_schedules,
    parse_duration,
)
from enforcement_supervision.schedule._history import SlotRun, history, run_key, schedule_states
from enforcement_supervision.schedule._ledger import ScheduleState, SlotOutcome
from enforcement_supervision.schedule._run_due import (
    DEFAULT_LEASE_SECONDS,
    DEFAULT_MAX_ATTEMPTS,
    MAX_SLOTS_PER_CALL,
    Runner,
    SlotProgress,
    default_owner,
    plan_slots,
    run_due,
    schedule_calendar,
)
from enforcement_supervision.schedule._serve import next_due, serve
from enforcement_supervision.schedule._slots import (
    Preview,
    PreviewSlot,
    UnknownWorkingDay,
    iter_slots,
    localize,
    next_slot,
    preview,
    slots_between,
)

__all__ = [
    "DEFAULT_CATCH_UP",
    "DEFAULT_GRACE",
    "DEFAULT_LEASE_SECONDS",
    "DEFAULT_MAX_ATTEMPTS",
    "DEFAULT_TIMEZONE",
    "MAX_SLOTS_PER_CALL",
    "CatchUp",
    "Preview",
    "PreviewSlot",
    "Runner",
    "Schedule",
    "ScheduleState",
    "SlotOutcome",
    "SlotProgress",
    "SlotRun",
    "UnknownScheduleError",
    "UnknownWorkingDay",
    "default_owner",
    "get_schedule",
    "history",
    "iter_slots",
    "load_schedules",
    "localize",
    "next_due",
    "next_slot",
    "parse_duration",
    "plan_slots",
    "preview",
    "run_due",
    "run_key",
    "schedule_calendar",
    "schedule_states",
    "serve",
    "slots_between",
]
