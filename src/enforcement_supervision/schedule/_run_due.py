"""``run_due(as_of)``: run every schedule whose slot has come, exactly once per slot."""

from __future__ import annotations

import functools
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.exc import DBAPIError

from enforcement_supervision._host import PluginManager, load_plugins
from enforcement_supervision._logging import get_logger
from enforcement_supervision.config import Config
from enforcement_supervision.engine import Progress, ProgressCallback, RunResult, run_check
from enforcement_supervision.engine import parse_as_of as _parse_as_of
from enforcement_supervision.engine._liveness import LIVENESS
from enforcement_supervision.errors import ConfigurationError
from enforcement_supervision.schedule._config import (
    CatchUp,
    Schedule,
    UnknownScheduleError,
    load_schedules,
)
from enforcement_supervision.schedule._history import SlotRun
from enforcement_supervision.schedule._ledger import (
    SlotOutcome,
    acquire_schedule,
    advance,
    claim,
    ensure_state,
    finish_slot,
    get_slot,
    get_state,
    known_slots,
    record_not_run,
    release_schedule,
    release_slot,
    renew_schedule,
    renew_slot,
    running_slots,
    take_over,
)
from enforcement_supervision.schedule._slots import UnknownWorkingDay, slots_between
from enforcement_supervision.statutory_time import StatutoryCalendar, calendar_from_config
from enforcement_supervision.store import (
    CheckLockedError,
    CheckLockLostError,
    RunOutcome,
    Store,
)
from enforcement_supervision.store._internal import finish_run, runs

__all__ = [
    "DEFAULT_LEASE_SECONDS",
    "DEFAULT_MAX_ATTEMPTS",
    "DEFAULT_RETRY_BACKOFF",
    "MAX_SLOTS_PER_CALL",
    "Runner",
    "SlotProgress",
    "default_owner",
    "plan_slots",
    "run_due",
    "schedule_calendar",
]

_log = get_logger(__name__)

#: How long a claim holds without being renewed. A live process renews it every third of
#: this; a process that dies stops renewing, and its slot is retried once the lease expires.
DEFAULT_LEASE_SECONDS = 300.0
#: A slot whose process died this many times is recorded as ``failed`` and left behind.
DEFAULT_MAX_ATTEMPTS = 3
#: The pause before a failed slot's second try (seconds); it doubles with each try.
DEFAULT_RETRY_BACKOFF = 5.0
#: The longest pause between two tries of a slot (seconds).
MAX_RETRY_PAUSE = 120.0
#: At most this many due slots per schedule are considered in one call (the newest ones);
#: older ones are skipped with a warning in the log.
MAX_SLOTS_PER_CALL = 1000


class Runner(Protocol):
    """What runs one slot's check: :func:`~enforcement_supervision.engine.run_check` or a
    callable with the same keyword arguments (a wrapper that adds metrics, a test double)."""

    def __call__(
        self,
        store: Store,
        *,
        as_of: datetime,
        rules: Sequence[str] | None,
        config: Config,
        mode: str,
        manager: PluginManager | None,
        progress: ProgressCallback | None,
        schedule: str,
        slot: datetime,
    ) -> RunResult: ...


#: Progress of slot runs: ``(schedule name, slot, engine progress)``.
SlotProgress = Callable[[str, datetime, Progress], None]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def default_owner() -> str:
    """``host:pid:random``: names the process holding a lease (shown in history)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def schedule_calendar(config: Config, manager: PluginManager | None = None) -> StatutoryCalendar:
    """The statutory calendar schedules use: bundled years, plugin years, ``[calendar]``."""
    plugins = manager if manager is not None else load_plugins(config)
    return calendar_from_config(
        config.section("calendar"),
        base_dir=config.base_dir,
        plugin_schedules=plugins.holiday_schedules().values(),
    )


def plan_slots(
    catch_up: CatchUp, slots: Sequence[datetime], as_of: datetime, grace: timedelta
) -> list[tuple[datetime, str]]:
    """What to do with the due slots of one schedule (oldest first): ``run``, ``missed``
    or ``coalesced`` for each, under the catch-up policy.

    A slot no later than ``grace`` before ``as_of`` is on time; an older one is missed.
    ``all`` runs every slot; ``latest`` runs the newest one, however late; ``skip`` runs
    the newest one only if it is on time. A slot that is not run is ``missed`` when it is
    past its grace period and ``coalesced`` when it is not (a newer slot ran instead).
    """
    if not slots:
        return []
    if catch_up is CatchUp.ALL:
        return [(slot, "run") for slot in slots]
    newest = slots[-1]
    runs_newest = catch_up is CatchUp.LATEST or as_of - newest <= grace
    plan: list[tuple[datetime, str]] = []
    for slot in slots:
        if slot == newest and runs_newest:
            plan.append((slot, "run"))
        elif as_of - slot > grace:
            plan.append((slot, SlotOutcome.MISSED))
        else:
            plan.append((slot, SlotOutcome.COALESCED))
    return plan


def _passing(error: Exception) -> bool:
    """Whether trying the check again may help: the check lock stayed taken or was lost, or
    the database failed (a dropped connection, a deadlock). A usage or configuration error
    fails the same way every time."""
    return isinstance(error, CheckLockedError | CheckLockLostError | DBAPIError | OSError)


class _Heartbeat:
    """Renews the schedule's lease, and the lease of the slot being run, every third of
    the lease, from a daemon thread (a killed process stops renewing; a live one never
    loses its claim to a slow check)."""

    def __init__(
        self,
        store: Store,
        schedule: str,
        owner: str,
        lease: timedelta,
        clock: Callable[[], datetime],
    ) -> None:
        self.store = store
        self.schedule = schedule
        self.owner = owner
        self.lease = lease
        self.clock = clock
        self.lost = False
        self._slot: tuple[datetime, int] | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._loop, name=f"esup-lease-{schedule}", daemon=True
        )

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def hold(self, slot: datetime | None, attempt: int = 0) -> None:
        with self._lock:
            self._slot = None if slot is None else (slot, attempt)

    def _loop(self) -> None:
        interval = max(self.lease.total_seconds() / 3, 0.05)
        while not self._stop.wait(interval):
            self.beat()

    def beat(self) -> None:
        if LIVENESS.stalled():
            # The check is stuck in a rule past its lease: let both leases lapse with its
            # check lock, so another process can take the slot over.
            if not self.lost:
                self.lost = True
                _log.error("lease_not_renewed_stuck_run", schedule=self.schedule)
            return
        until = self.clock() + self.lease
        with self._lock:
            slot = self._slot
        try:
            held = renew_schedule(self.store, self.schedule, owner=self.owner, until=until)
            if slot is not None:
                held = (
                    renew_slot(
                        self.store,
                        self.schedule,
                        slot[0],
                        owner=self.owner,
                        attempt=slot[1],
                        until=until,
                    )
                    and held
                )
        except Exception as exc:  # the database may be briefly unavailable; try again later
            _log.warning("lease_renewal_failed", schedule=self.schedule, error=repr(exc))
            return
        if not held and not self.lost:
            self.lost = True
            _log.error("lease_lost", schedule=self.schedule, owner=self.owner)


class _ScheduleCall:
    """One schedule within one ``run_due`` call."""

    def __init__(
        self,
        *,
        store: Store,
        schedule: Schedule,
        as_of: datetime,
        config: Config,
        owner: str,
        lease: timedelta,
        runner: Runner,
        manager: PluginManager | None,
        calendar: StatutoryCalendar | None,
        progress: SlotProgress | None,
        should_stop: Callable[[], bool],
        max_attempts: int,
        clock: Callable[[], datetime],
        retry_backoff: float = DEFAULT_RETRY_BACKOFF,
    ) -> None:
        self.retry_backoff = retry_backoff
        self.store = store
        self.schedule = schedule
        self.name = schedule.name
        self.as_of = as_of
        self.config = config
        self.owner = owner
        self.lease = lease
        self.runner = runner
        self.manager = manager
        self.calendar = calendar
        self.progress = progress
        self.should_stop = should_stop
        self.max_attempts = max_attempts
        self.clock = clock
        self.heartbeat: _Heartbeat | None = None

    # -- the schedule -----------------------------------------------------------------------

    def handle(self) -> list[SlotRun]:
        now = self.clock()
        ensure_state(
            self.store,
            self.name,
            enabled=self.schedule.enabled,
            since=self.as_of - self.schedule.grace,
            now=now,
        )
        if not self.schedule.enabled:
            return []
        if not acquire_schedule(
            self.store, self.name, owner=self.owner, until=now + self.lease, now=now
        ):
            state = get_state(self.store, self.name)
            _log.info(
                "schedule_busy",
                schedule=self.name,
                holder=None if state is None else state.owner,
            )
            return []
        try:
            with _Heartbeat(self.store, self.name, self.owner, self.lease, self.clock) as beat:
                self.heartbeat = beat
                return self._handle()
        finally:
            self.heartbeat = None
            release_schedule(self.store, self.name, owner=self.owner)

    def _handle(self) -> list[SlotRun]:
        done: list[SlotRun] = []
        if not self._unfinished(done):
            return done
        state = get_state(self.store, self.name)
        assert state is not None
        blocked: SlotRun | None = None
        try:
            slots, dropped = slots_between(
                self.schedule, state.cursor, self.as_of, self.calendar, limit=MAX_SLOTS_PER_CALL
            )
        except UnknownWorkingDay as error:
            slots, dropped = error.found, 0
            blocked = SlotRun(
                schedule=self.name,
                slot=error.slot,
                outcome=SlotOutcome.BLOCKED,
                as_of=self.as_of,
                error=error.message("en"),
                recorded=False,
            )
            _log.error("slot_blocked", schedule=self.name, slot=error.slot.isoformat())
        if dropped:
            _log.warning(
                "catch_up_truncated",
                schedule=self.name,
                dropped=dropped,
                kept=MAX_SLOTS_PER_CALL,
            )
        known = known_slots(self.store, self.name, state.cursor, self.as_of)
        due = [slot for slot in slots if slot.astimezone(UTC) not in known]
        for slot, action in plan_slots(
            self.schedule.catch_up, due, self.as_of, self.schedule.grace
        ):
            if self.should_stop():
                return done
            late = self.as_of - slot > self.schedule.grace
            now = self.clock()
            if action != "run":
                if record_not_run(
                    self.store,
                    self.name,
                    slot,
                    outcome=action,
                    owner=self.owner,
                    as_of=self.as_of,
                    late=late,
                    now=now,
                ):
                    _log.info(f"slot_{action}", schedule=self.name, slot=slot.isoformat())
                    done.append(
                        SlotRun(
                            schedule=self.name,
                            slot=slot,
                            outcome=action,
                            as_of=self.as_of,
                            late=late,
                            owner=self.owner,
                            finished_at=now,
                        )
                    )
                advance(self.store, self.name, slot, now=now)
                continue
            if not claim(
                self.store,
                self.name,
                slot,
                owner=self.owner,
                until=now + self.lease,
                as_of=slot,
                late=late,
                now=now,
            ):
                existing = get_slot(self.store, self.name, slot)
                _log.info("slot_taken", schedule=self.name, slot=slot.isoformat())
                if existing is None or existing.outcome == SlotOutcome.RUNNING:
                    return done  # someone else is on this schedule after all
                continue
            done.append(self._run(slot, attempt=1, late=late))
        if blocked is not None:
            done.append(blocked)
        return done

    def _unfinished(self, done: list[SlotRun]) -> bool:
        """Retry claimed slots whose process died (lease expired). ``False`` when the
        schedule is busy after all and this call should leave it."""
        for row in running_slots(self.store, self.name):
            if self.should_stop():
                return False
            if row.slot > self.as_of:
                continue  # claimed by a caller with a later as-of; a later call sees it
            now = self.clock()
            if row.lease_until is not None and row.lease_until > now:
                _log.info("slot_busy", schedule=self.name, slot=row.slot.isoformat())
                return False
            late = self.as_of - row.slot > self.schedule.grace
            if row.attempt >= self.max_attempts:
                message = (
                    f"gave up after {row.attempt} attempt(s): the process running this slot "
                    "died each time (lease expired without a finish)"
                )
                if finish_slot(
                    self.store,
                    self.name,
                    row.slot,
                    owner=self.owner,
                    attempt=None,
                    values={"outcome": SlotOutcome.FAILED, "finished_at": now, "error": message},
                ):
                    self._abandon_engine_runs(row.slot, now)
                    advance(self.store, self.name, row.slot, now=now)
                    _log.error("slot_abandoned", schedule=self.name, slot=row.slot.isoformat())
                    stored = get_slot(self.store, self.name, row.slot)
                    if stored is not None:
                        done.append(SlotRun.from_row(stored))
                continue
            if not take_over(
                self.store,
                self.name,
                row.slot,
                seen_attempt=row.attempt,
                owner=self.owner,
                until=now + self.lease,
                as_of=row.slot,
                late=late,
                now=now,
            ):
                return False
            local = row.slot.astimezone(self.schedule.zone)
            finished = self._finished_engine_run(row.slot)
            if finished is not None:
                done.append(self._adopt(local, finished, attempt=row.attempt + 1, late=late))
                continue
            _log.warning(
                "slot_retry",
                schedule=self.name,
                slot=row.slot.isoformat(),
                attempt=row.attempt + 1,
                previous_owner=row.owner,
            )
            self._abandon_engine_runs(row.slot, now)
            done.append(self._run(local, attempt=row.attempt + 1, late=late))
        return True

    # -- one slot ---------------------------------------------------------------------------

    def _after_check(self, slot: datetime) -> None:
        # The follow-through that a check implies — expiring waivers, shrinking the baseline —
        # runs after scheduled checks too, not only after ``esup check``. It never fails the
        # slot: the check's findings are already stored.
        from enforcement_supervision.followup import after_check

        try:
            after_check(self.store, slot)
        except Exception:
            _log.exception("after_check_failed", schedule=self.name, slot=slot.isoformat())

    def _run(self, slot: datetime, *, attempt: int, late: bool) -> SlotRun:
        beat = self.heartbeat
        if beat is not None:
            beat.hold(slot, attempt)
        started = self.clock()
        _log.info(
            "slot_started", schedule=self.name, slot=slot.isoformat(), attempt=attempt, late=late
        )
        progress: ProgressCallback | None = None
        if self.progress is not None:
            progress = functools.partial(self.progress, self.name, slot)
        result: RunResult | None = None
        error: str | None = None
        try:
            # A check that fails (declined by the check lock, a passing database error) is
            # tried again after a growing pause, up to max_attempts tries; then reported.
            for tries in range(1, self.max_attempts + 1):
                try:
                    result = self.runner(
                        self.store,
                        as_of=slot,
                        rules=self.schedule.rules or None,
                        config=self.config,
                        mode=self.schedule.mode,
                        manager=self.manager,
                        progress=progress,
                        schedule=self.name,
                        slot=slot.astimezone(UTC),
                    )
                except Exception as exc:
                    error = f"{type(exc).__name__}: {exc}"
                    if not _passing(exc) or tries >= self.max_attempts or self.should_stop():
                        if tries > 1:
                            error = f"failed after {tries} tries; last error: {error}"
                        _log.error(
                            "slot_failed", schedule=self.name, slot=slot.isoformat(), error=error
                        )
                        break
                    pause = min(self.retry_backoff * 2 ** (tries - 1), MAX_RETRY_PAUSE)
                    _log.warning(
                        "slot_try_failed",
                        schedule=self.name,
                        slot=slot.isoformat(),
                        tries=tries,
                        retry_in=pause,
                        error=error,
                    )
                    time.sleep(pause)
                    continue
                error = None
                self._after_check(slot)
                break
        except BaseException:
            # Interrupted (Ctrl-C, a second SIGTERM): let the lease lapse so the next call
            # retries the slot at once instead of waiting for the lease to expire.
            if beat is not None:
                beat.hold(None)
            try:
                release_slot(
                    self.store,
                    self.name,
                    slot,
                    owner=self.owner,
                    attempt=attempt,
                    now=self.clock(),
                )
            except Exception:
                _log.exception("slot_release_failed", schedule=self.name)
            raise
        finally:
            if beat is not None:
                beat.hold(None)
        finished = self.clock()
        values: dict[str, Any] = {
            "finished_at": finished,
            "duration": (finished - started).total_seconds(),
        }
        if result is None:
            values.update(
                outcome=SlotOutcome.FAILED, error=error, run_id=self._engine_run(slot, started)
            )
        else:
            outcome = result.outcome if result.outcome in SlotOutcome.FINISHED else "failed"
            values.update(
                outcome=outcome,
                run_id=result.run_id,
                opened=result.opened,
                resolved=result.resolved,
                reopened=result.reopened,
                rule_errors=len(result.errors),
                error=None,
            )
        recorded = self._finish(slot, attempt=attempt, values=values, now=finished)
        _log.info(
            "slot_finished",
            schedule=self.name,
            slot=slot.isoformat(),
            outcome=values["outcome"],
            run_id=values.get("run_id"),
        )
        return SlotRun(
            schedule=self.name,
            slot=slot,
            as_of=slot,
            late=late,
            attempt=attempt,
            owner=self.owner,
            started_at=started,
            recorded=recorded,
            result=result,
            **values,
        )

    def _finish(
        self, slot: datetime, *, attempt: int, values: dict[str, Any], now: datetime
    ) -> bool:
        """Record the slot's outcome under this process's lease and move the schedule past it;
        whether it was recorded (a lost lease is logged: another process took the slot
        over)."""
        recorded = finish_slot(
            self.store, self.name, slot, owner=self.owner, attempt=attempt, values=values
        )
        if not recorded:
            _log.error("slot_lease_lost", schedule=self.name, slot=slot.isoformat())
        advance(self.store, self.name, slot, now=now)
        return recorded

    def _engine_run(self, slot: datetime, since: datetime) -> str | None:
        """The id of the engine run this attempt started, if it got that far (the engine
        records the schedule and slot on its run)."""
        from sqlalchemy import select

        with self.store.engine.connect() as connection:
            row = connection.execute(
                select(runs.c.run_id)
                .where(
                    runs.c.schedule == self.name,
                    runs.c.slot == slot.astimezone(UTC),
                    # MySQL keeps whole seconds: allow for the truncation.
                    runs.c.started_at >= since - timedelta(seconds=1),
                )
                .order_by(runs.c.started_at.desc())
                .limit(1)
            ).first()
        return None if row is None else str(row.run_id)

    def _finished_engine_run(self, slot: datetime) -> Any | None:
        """The engine run of ``slot`` that finished (``ok`` or ``errors``), if any: the
        process running the slot died after the engine recorded its finish and before the
        slot's was recorded (two transactions)."""
        from sqlalchemy import select

        with self.store.engine.connect() as connection:
            return connection.execute(
                select(runs)
                .where(
                    runs.c.schedule == self.name,
                    runs.c.slot == slot.astimezone(UTC),
                    runs.c.outcome.in_((RunOutcome.OK, RunOutcome.ERRORS)),
                )
                .order_by(runs.c.started_at.desc())
                .limit(1)
            ).first()

    def _adopt(self, slot: datetime, run: Any, *, attempt: int, late: bool) -> SlotRun:
        """Record a dead process's slot as run by the engine run that finished before the
        process died: running the check again would run the slot twice."""
        now = self.clock()
        self._abandon_engine_runs(slot, now)  # an earlier attempt's, if any
        self._after_check(slot)  # the dead process may not have got that far
        counts = run.counts or {}
        values: dict[str, Any] = {
            "finished_at": run.finished_at or now,
            "duration": (
                None
                if run.finished_at is None
                else (run.finished_at - run.started_at).total_seconds()
            ),
            "outcome": run.outcome,
            "run_id": str(run.run_id),
            "opened": counts.get("opened"),
            "resolved": counts.get("resolved"),
            "reopened": counts.get("reopened"),
            "rule_errors": len(run.errors or []),
            "error": None,
        }
        recorded = self._finish(slot, attempt=attempt, values=values, now=now)
        _log.warning(
            "slot_adopted",
            schedule=self.name,
            slot=slot.isoformat(),
            outcome=values["outcome"],
            run_id=values["run_id"],
        )
        return SlotRun(
            schedule=self.name,
            slot=slot,
            as_of=slot,
            late=late,
            attempt=attempt,
            owner=self.owner,
            started_at=run.started_at,
            recorded=recorded,
            **values,
        )

    def _abandon_engine_runs(self, slot: datetime, now: datetime) -> None:
        """Mark the engine runs of a dead slot run ``abandoned`` (they stay ``running``
        otherwise). Findings of batches they wrote are consistent; the retry completes them."""
        from sqlalchemy import select

        with self.store.engine.connect() as connection:
            run_ids = [
                str(row.run_id)
                for row in connection.execute(
                    select(runs.c.run_id).where(
                        runs.c.schedule == self.name,
                        runs.c.slot == slot.astimezone(UTC),
                        runs.c.outcome == RunOutcome.RUNNING,
                    )
                )
            ]
        for run_id in run_ids:
            finish_run(
                self.store,
                run_id,
                outcome=RunOutcome.ABANDONED,
                finished_at=now,
                record_watermark=None,
                counts={},
                rule_timings={},
                errors=[
                    {
                        "kind": "engine",
                        "plugin": None,
                        "rule_id": None,
                        "error_type": "Abandoned",
                        "message": "the process running this scheduled check died (its lease "
                        "expired without a finish); the slot was run again",
                        "traceback": "",
                        "subject": None,
                        "count": 1,
                        "subjects": [],
                    }
                ],
                notes=[],
            )
            _log.warning("engine_run_abandoned", run_id=run_id, schedule=self.name)


def run_due(
    store: Store,
    as_of: str | date | datetime | None = None,
    *,
    config: Config,
    owner: str | None = None,
    lease_seconds: float = DEFAULT_LEASE_SECONDS,
    runner: Runner = run_check,
    manager: PluginManager | None = None,
    schedules: Iterable[str] | None = None,
    progress: SlotProgress | None = None,
    should_stop: Callable[[], bool] | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    clock: Callable[[], datetime] | None = None,
    retry_backoff: float = DEFAULT_RETRY_BACKOFF,
) -> list[SlotRun]:
    """Run every enabled schedule whose slot has come, exactly once per (schedule, slot),
    and return what was done (runs, and slots recorded as missed or coalesced).

    ``as_of`` is the instant that decides which slots are due (default: now; a date means
    00:00 Asia/Shanghai; a date-time without an offset is Shanghai time). Each slot's check
    runs *as of the slot's own instant*, so a late catch-up run sees the deadlines as they
    stood at the slot.

    **Exactly once.** A process first takes the schedule's lease (a compare-and-set update
    of its ``schedule_state`` row; a schedule held by a live process is left alone), then
    claims each slot by inserting its row into ``schedule_runs``, whose primary key is the
    idempotent run key ``(schedule, slot)``: of two processes, only one insert succeeds.
    While the check runs, a thread renews both leases every third of ``lease_seconds``. If
    the process dies, its leases expire and a later call takes the slot over and runs it
    again (``attempt`` 2, …; after ``max_attempts`` the slot is recorded ``failed``); the
    engine writes findings in transactions, so the dead run left no half-written finding.

    **Missed slots.** Due slots are those after the last slot handled (kept in the
    database). A slot more than the schedule's ``grace`` late is *missed*, and its
    ``catch_up`` policy decides (see :func:`plan_slots`). A schedule seen for the first time,
    or enabled again after being seen disabled, starts ``grace`` before ``as_of``: nothing
    earlier counts as missed.

    ``runner`` runs one slot (default :func:`~enforcement_supervision.engine.run_check`);
    ``manager`` is passed to it (default: plugins loaded per run). ``schedules`` limits the
    call to these names. ``progress`` receives the engine's progress per slot.
    ``should_stop`` is asked between slots (``esup schedule serve`` stops on SIGTERM).
    ``clock`` gives the current time for leases (default: the system clock, UTC).

    A check that raises (another check held the check lock for the whole ``[engine]
    lock_wait``, a passing database error) is tried again after ``retry_backoff`` seconds,
    doubling per try, up to ``max_attempts`` tries; then the slot is recorded ``failed``
    with the last error, logged (``slot_failed``) and the call goes on with the next slot.
    """
    if lease_seconds <= 0:
        raise ConfigurationError(
            "租约时长必须为正数（秒）", "lease_seconds must be a positive number of seconds"
        )
    if max_attempts < 1:
        raise ConfigurationError("max_attempts 至少为 1", "max_attempts must be at least 1")
    now = clock or _utcnow
    instant = _parse_as_of(as_of, now=now())
    declared = load_schedules(config)
    chosen = list(declared)
    if schedules is not None:
        wanted = list(dict.fromkeys(schedules))
        by_name = {schedule.name: schedule for schedule in declared}
        unknown = [name for name in wanted if name not in by_name]
        if unknown:
            known = ", ".join(by_name) or "-"
            raise UnknownScheduleError(
                f"配置中没有这些计划：{', '.join(unknown)}（已有：{known}）",
                f"no such schedule(s) in the configuration: {', '.join(unknown)} (known: {known})",
            )
        chosen = [by_name[name] for name in wanted]
    calendar: StatutoryCalendar | None = None
    if any(schedule.enabled and schedule.working_days_only for schedule in chosen):
        calendar = schedule_calendar(config, manager)
    holder = owner or default_owner()
    stop = should_stop or (lambda: False)
    done: list[SlotRun] = []
    for schedule in chosen:
        if stop():
            break
        call = _ScheduleCall(
            store=store,
            schedule=schedule,
            as_of=instant.astimezone(schedule.zone),
            config=config,
            owner=holder,
            lease=timedelta(seconds=lease_seconds),
            runner=runner,
            manager=manager,
            calendar=calendar,
            progress=progress,
            should_stop=stop,
            max_attempts=max_attempts,
            clock=now,
            retry_backoff=retry_backoff,
        )
        done.extend(call.handle())
    return done
