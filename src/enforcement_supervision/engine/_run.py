"""``run_check``: select what is due, evaluate, reconcile, record the run."""

from __future__ import annotations

import gc
import hashlib
import time
import traceback
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs

from enforcement_supervision._host import (
    Evaluator,
    Outcome,
    PluginManager,
    PluginStatus,
    RuleErrorRecord,
    RuleSettings,
    RunInfo,
    Subject,
    load_plugins,
)
from enforcement_supervision._logging import get_logger
from enforcement_supervision.clocks._settings import ClockSettings
from enforcement_supervision.clocks._store import (
    advance_lights,
    drop_other_rules,
    refresh_thresholds,
)
from enforcement_supervision.config import Config
from enforcement_supervision.engine._isolate import IsolatedPool, Watch
from enforcement_supervision.engine._liveness import LIVENESS
from enforcement_supervision.engine._lookup import StoreLookup, structure_stored
from enforcement_supervision.engine._parallel import Task, TaskOutput, WorkerPool, fork_available
from enforcement_supervision.engine._planner import Track, plan
from enforcement_supervision.engine._recorder import Recorder
from enforcement_supervision.engine._result import (
    Progress,
    ProgressCallback,
    RunErrorRecord,
    RunResult,
    run_info,
)
from enforcement_supervision.engine._retrospective import run_retrospective
from enforcement_supervision.engine._screens import RunScreens
from enforcement_supervision.engine._select import calendar_digest, select_rules
from enforcement_supervision.engine._settings import EngineSettings, EngineUsageError, parse_as_of
from enforcement_supervision.engine._sources import sync_sources
from enforcement_supervision.engine._timer import CallTimer
from enforcement_supervision.rules import Group, Rule
from enforcement_supervision.statutory_time import (
    StatutoryCalendar,
    calendar_from_config,
    missing_next_year_warning,
)
from enforcement_supervision.store import (
    CheckLockLostError,
    RunOutcome,
    Store,
    active_finding_counts,
)
from enforcement_supervision.store._internal import (
    RecordRow,
    RuleCheckpoint,
    SubjectResult,
    Transition,
    acquire_check_lock,
    add_memberships,
    changed_records,
    create_run,
    dependents,
    describe_subjects,
    due_subjects,
    fetch_records,
    finish_run,
    fit_key,
    group_counts,
    group_keys,
    group_member_keys,
    latest_check_as_of,
    previous_lookups,
    record_key,
    relaxed_sync,
    release_check_lock,
    renew_check_lock,
    replace_memberships,
    save_checkpoints,
    scan_records,
    settle_results,
    split_key,
    stale_subjects,
    update_memberships,
)

__all__ = ["run_check"]

_log = get_logger(__name__)

#: At most this many notes are stored on a run; ``note_counts`` has the totals.
MAX_NOTES = 500
#: At most this many subjects are listed per aggregated error.
_MAX_ERROR_SUBJECTS = 10
_MODES = ("incremental", "full")
_FINDING_HOOKS = {
    "opened": "esup_finding_opened",
    "resolved": "esup_finding_resolved",
    "reopened": "esup_finding_reopened",
}


def run_check(
    store: Store,
    *,
    as_of: str | date | datetime | None = None,
    rules: Iterable[str] | None = None,
    skip_rules: Iterable[str] | None = None,
    config: Config | None = None,
    mode: str = "incremental",
    manager: PluginManager | None = None,
    progress: ProgressCallback | None = None,
    settings: EngineSettings | None = None,
    sources: bool = True,
    schedule: str | None = None,
    slot: datetime | None = None,
) -> RunResult:
    """Evaluate the enabled rules over the stored records, store the findings and the run.

    ``as_of`` is the evaluation instant (default: now; a date means 00:00 Asia/Shanghai).
    ``rules`` selects rules by id, glob (``PEN-*``), category or plugin name (default:
    all enabled rules); ``skip_rules`` (same forms) leaves rules out of this run.
    ``mode="incremental"`` (the default) evaluates only what may have
    changed since each rule's last run: records with a new version, subjects whose
    dependencies changed, subjects whose recheck time has come (or whose stored answer was
    computed for a later instant), and every subject of a rule that is new or whose
    version, parameters or calendar changed. ``mode="full"`` evaluates everything; both
    give the same findings.

    ``manager`` defaults to :func:`~enforcement_supervision._host.load_plugins` on
    ``config``; pass your own to add rules or plugins registered in code. With ``sources``
    the records of source plugins are stored first. ``progress`` is called now and then.

    Raises :class:`~enforcement_supervision.rules.RuleConfigurationError` (bad rule
    parameters), :class:`~enforcement_supervision.errors.ConfigurationError` and
    :class:`EngineUsageError` before anything is stored. A rule or plugin that fails does not
    stop the run: see ``RunResult.errors``. If the run itself fails, the run is marked
    ``failed`` and the exception propagates; findings of batches already written stay
    consistent and the next run completes the work.

    An ``as_of`` before the store's latest check makes a **retrospective**: the rules are
    evaluated as the data stood then and the result carries the findings
    (``RunResult.findings``), but no stored finding, event or engine state changes
    (``docs/guide/checks.md``).
    """
    if mode not in _MODES:
        raise EngineUsageError(
            f"未知的检查模式 {mode!r}（incremental 或 full）",
            f"unknown check mode {mode!r} (incremental or full)",
        )
    if config is None:
        config = manager.config if manager is not None else Config()
    engine_settings = settings if settings is not None else EngineSettings.from_config(config)
    instant = parse_as_of(as_of)
    if manager is None:
        manager = load_plugins(config)
    rule_settings = manager.rule_settings()
    patterns = tuple(rules or ())
    skipped = (
        {rule.id for rule in select_rules(manager, skip_rules, option="--skip-rules")}
        if skip_rules
        else set()
    )
    selected = [
        rule
        for rule in select_rules(manager, patterns)
        if rule_settings[rule.id].enabled and rule.id not in skipped
    ]
    calendar = calendar_from_config(
        config.section("calendar"),
        base_dir=config.base_dir,
        plugin_schedules=manager.holiday_schedules().values(),
    )
    # One writing check per store at a time (two at once raced on group_members). The
    # lock is taken before deciding whether this is a retrospective: the check that held it
    # may move the store's latest instant past this one.
    run_id = str(uuid.uuid4())
    lease = timedelta(seconds=engine_settings.lock_lease)
    abandoned = acquire_check_lock(
        store, run_id=run_id, lease=lease, wait=engine_settings.lock_wait
    )
    for old in abandoned:
        _log.warning("run_abandoned", run_id=old)
    try:
        # The store moves forward in time only: an earlier instant is a retrospective.
        latest = latest_check_as_of(store)
        if latest is not None and instant < latest:
            release_check_lock(store, run_id=run_id)
            return run_retrospective(
                store,
                rules=selected,
                rule_settings=rule_settings,
                calendar=calendar,
                as_of=instant,
                latest=latest,
                settings=engine_settings,
                patterns=patterns,
                progress=progress,
                schedule=schedule,
                slot=slot,
                manager=manager,
            )
        run = _CheckRun(
            store=store,
            manager=manager,
            settings=engine_settings,
            rule_settings=rule_settings,
            rules=selected,
            patterns=patterns,
            calendar=calendar,
            as_of=instant,
            mode=mode,
            progress=progress,
            sources=sources,
            schedule=schedule,
            slot=slot,
            run_id=run_id,
        )
        # A batch a power loss undoes is evaluated again by the next check (store/_durability).
        with relaxed_sync(store), _frozen_heap():
            return run.execute()
    finally:
        release_check_lock(store, run_id=run_id)


#: One rule's bookkeeping during a run (the planner's).
_Track = Track


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """While a check runs, the objects that existed before it (modules, plugins, rules,
    configuration, the embedding application's own) are left out of the garbage collector's
    full collections (:func:`gc.freeze`): a check allocates millions of short-lived objects,
    and each full collection walked that whole heap again — some 15 % of a check's CPU. The
    objects go back to the collector afterwards (unless the application had frozen some
    itself, which it then manages)."""
    already = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not already:
            gc.unfreeze()


def _stopped_message(skip: str | None, timeout: float | None) -> str:
    if skip == "died":
        return "the process evaluating this call died (isolated evaluation)"
    limit = "-" if timeout is None else f"{timeout:g}"
    if skip == "timeout":
        return (
            f"one call ran longer than rule_timeout = {limit} s, did not stop when "
            "interrupted, and its process was killed (isolated evaluation)"
        )
    return f"one call ran longer than rule_timeout = {limit} s and was stopped"


def _task_size(settings: EngineSettings) -> int:
    """Records per worker task: a quarter of a batch (at least 50)."""
    return max(50, settings.batch_size // 4)


class _KeyFailed:
    """A group key function raised (the error is recorded)."""


_KEY_FAILED = _KeyFailed()


@attrs.define
class _ErrorEntry:
    first: RunErrorRecord
    count: int = 1
    subjects: list[str] = attrs.field(factory=list)


class _CheckRun:
    def __init__(
        self,
        *,
        store: Store,
        manager: PluginManager,
        settings: EngineSettings,
        rule_settings: dict[str, RuleSettings],
        rules: list[Rule],
        patterns: tuple[str, ...],
        calendar: StatutoryCalendar,
        as_of: datetime,
        mode: str,
        progress: ProgressCallback | None,
        sources: bool,
        schedule: str | None,
        slot: datetime | None,
        run_id: str,
    ) -> None:
        self.store = store
        self.manager = manager
        self.settings = settings
        self.rule_settings = rule_settings
        self.rules = rules
        self.patterns = patterns
        self.calendar = calendar
        self.calendar_digest = calendar_digest(calendar)
        self.as_of = as_of
        self.mode = mode
        self.progress = progress
        self.sources = sources
        self.schedule = schedule
        self.slot = slot
        self.run_id = run_id
        self.lease = timedelta(seconds=settings.lock_lease)
        self._renewed = time.monotonic()
        #: Seconds between renewals of the check lock while evaluating.
        self._renew_every = self.lease.total_seconds() / 4
        self.clock_settings = ClockSettings.from_config(manager.config)
        self.lookup = StoreLookup(store)
        self.evaluator = Evaluator(
            as_of=as_of, calendar=calendar, settings=rule_settings, lookup=self.lookup
        )
        self.timer = CallTimer(settings.rule_timeout)
        self.recorder = Recorder(
            store,
            run_id=run_id,
            as_of=as_of,
            calendar=calendar,
            clock_settings=self.clock_settings,
            batch_size=settings.batch_size,
            # Never write a batch after another check took the lock over.
            before_write=lambda: self._pulse(force=True),
            after_write=self._fire,
        )
        self.errors: dict[tuple[str, str | None, str | None], _ErrorEntry] = {}
        self.notes: list[dict[str, Any]] = []
        self.note_counts: Counter[str] = Counter()
        self.warnings: list[dict[str, str]] = []
        self.not_in_force = 0
        self.records_synced = 0
        self.done = 0
        self.total = 0
        self.watermark = 0
        self._changes: list[RecordRow] | None = None
        self._changes_from = 0
        self._change_keys: dict[int, set[str]] = {}
        self._members_built: set[str] = set()
        self.run_info: RunInfo | None = None
        self._tracks: dict[str, _Track] = {}
        #: Per record type: the one-record rules and the group rules (memberships) of a
        #: full scan.
        self._scan_plan: dict[str, tuple[list[_Track], list[_Track]]] = {}
        self._workers: WorkerPool | IsolatedPool | None = None
        #: Set in an isolated child process: names each call for the watching process.
        self.watch: Watch | None = None
        self._workers_tried = False
        #: Whether worker processes settle their results (store: settle_results) before
        #: handing them over (worker pools; not the watched children of isolated evaluation).
        self._settle = False
        #: Set in a worker process while it runs a task: what the task produced.
        self._collect: TaskOutput | None = None
        #: Rule screens (issue 17): subjects they leave out are answered without a call.
        self.screens = (
            RunScreens(store, as_of=as_of, verify=settings.verify_screens)
            if settings.screens or settings.verify_screens
            else None
        )

    # -- the run ---------------------------------------------------------------------------

    def execute(self) -> RunResult:
        started = datetime.now(UTC)
        record = create_run(
            self.store,
            run_id=self.run_id,
            as_of=self.as_of,
            mode=self.mode,
            started_at=started,
            rules=list(self.patterns) or None,
            schedule=self.schedule,
            slot=self.slot,
        )
        self.run_info = run_info(record, self.store)
        _log.info("check_started", run_id=self.run_id, as_of=self.as_of.isoformat(), mode=self.mode)
        LIVENESS.start(self.settings.lock_lease)
        try:
            self._preflight()
            self._hook_errors(self.manager.notify("esup_run_started", run=self.run_info))
            if self.sources:
                self._sync_sources()
            self.watermark = self.store.record_watermark()
            tracks = self._plan()
            self._tracks = {track.rule.id: track for track in tracks}
            with self.timer:
                self._record_rules_full(
                    [t for t in tracks if t.full and not t.rule.is_group_rule],
                    [t for t in tracks if t.full and t.rule.is_group_rule],
                )
                self._record_rules_incremental(
                    [t for t in tracks if not t.full and not t.rule.is_group_rule]
                )
                for track in tracks:
                    if track.rule.is_group_rule:
                        self._group_rule(track)
                self._flush()
                for track in tracks:
                    if track.full and not track.unfinished:
                        self._drop_stale(track)
                self._flush()
                self._advance_clocks()
            now = datetime.now(UTC)
            save_checkpoints(
                self.store,
                [
                    RuleCheckpoint(
                        rule_id=track.rule.id,
                        rule_version=track.rule.version,
                        digest=track.digest,
                        watermark=self.watermark,
                        run_id=self.run_id,
                        updated_at=now,
                        full_as_of=self._full_as_of(track),
                        subjects=describe_subjects(track.rule),
                    )
                    for track in tracks
                    if not track.unfinished
                ],
            )
            self._close_workers()
            result = self._finish(tracks)
        except BaseException as exc:
            self._close_workers()
            self._fail(exc)
            raise
        finally:
            LIVENESS.stop()
        for error in self.manager.notify("esup_run_finished", run=self.run_info):
            # The run is already stored; the manager keeps the error for esup plugins list.
            _log.error("run_finished_hook_failed", plugin=error.plugin, error=error.message)
        _log.info(
            "check_finished",
            run_id=self.run_id,
            outcome=result.outcome,
            evaluated=result.evaluated,
            opened=result.opened,
            resolved=result.resolved,
            reopened=result.reopened,
            errors=len(result.errors),
        )
        return result

    def _advance_clocks(self) -> None:
        # Lights of clocks no rule looked at today: those whose yellow or red day has come.
        refreshed = refresh_thresholds(
            self.store,
            calendar=self.calendar,
            settings=self.clock_settings,
            run_id=self.run_id,
            as_of=self.as_of,
        )
        dropped = drop_other_rules(
            self.store, [rule_id for rule_id, item in self.rule_settings.items() if item.enabled]
        )
        moved = advance_lights(self.store, run_id=self.run_id, as_of=self.as_of)
        _log.info(
            "clocks_updated",
            run_id=self.run_id,
            written=self.recorder.clock_writes,
            lights_moved=moved,
            dropped=dropped,
            thresholds_refreshed=refreshed,
        )

    def _full_as_of(self, track: _Track) -> datetime | None:
        if track.full or track.checkpoint is None:
            return self.as_of
        return track.checkpoint.full_as_of

    def _preflight(self) -> None:
        for info in self.manager.plugins():
            if info.status is PluginStatus.ERROR:
                self._error(
                    RunErrorRecord(
                        kind="plugin",
                        plugin=info.name,
                        rule_id=None,
                        error_type="PluginError",
                        message=info.error or "failed to load",
                    )
                )
        self._hook_errors(tuple(self.manager.hook_errors))
        zh = missing_next_year_warning(self.calendar, self.as_of, lang="zh")
        en = missing_next_year_warning(self.calendar, self.as_of, lang="en")
        if zh is not None and en is not None:
            self.warnings.append({"kind": "calendar", "message_zh": zh, "message_en": en})
        for text in self.manager.warnings:
            self.warnings.append({"kind": "configuration", "message_zh": text, "message_en": text})

    def _sync_sources(self) -> None:
        synced = sync_sources(self.store, self.manager, batch_size=self.settings.batch_size)
        self.records_synced = synced.put.inserted + synced.put.updated
        for reject in synced.rejects:
            self._note(dict(reject))
        for failure in synced.failures:
            self._error(
                RunErrorRecord(
                    kind="source",
                    plugin=str(failure["source"]),
                    rule_id=None,
                    error_type=str(failure["error_type"]),
                    message=str(failure["message"]),
                    traceback=str(failure["traceback"]),
                    subject=failure.get("record_type"),
                )
            )

    def _plan(self) -> list[_Track]:
        return plan(
            self.store,
            self.rules,
            rule_settings=self.rule_settings,
            calendar_digest=self.calendar_digest,
            mode=self.mode,
            watermark=self.watermark,
            as_of=self.as_of,
        )

    # -- what changed -----------------------------------------------------------------------

    def _changes_since(self, watermark: int) -> set[str]:
        """Keys of records stored after ``watermark`` (read once per run, from the lowest
        watermark of the rules evaluated incrementally: the day's changes)."""
        if self._changes is None:
            self._changes = list(
                changed_records(self.store, after_row_id=watermark, up_to_row_id=self.watermark)
            )
            self._changes_from = watermark
        if watermark < self._changes_from:
            extra = list(
                changed_records(self.store, after_row_id=watermark, up_to_row_id=self._changes_from)
            )
            self._changes = extra + self._changes
            self._changes_from = watermark
            self._change_keys.clear()
        if watermark not in self._change_keys:
            self._change_keys[watermark] = {
                row.key for row in self._changes if row.row_id > watermark
            }
        return self._change_keys[watermark]

    # -- one-record rules -------------------------------------------------------------------

    def _record_rules_full(self, tracks: list[_Track], group_tracks: list[_Track]) -> None:
        """Evaluate the full one-record rules, and build the membership of the full group
        rules, in one scan per record type: each record is read and structured once."""
        by_type: dict[str, list[_Track]] = defaultdict(list)
        for track in tracks:
            for record_type in track.rule.applies_to:
                by_type[record_type].append(track)
        groups_of: dict[str, list[_Track]] = defaultdict(list)
        for track in group_tracks:
            groups_of[track.rule.record_type].append(track)
            replace_memberships(self.store, track.rule.id, ())
            self._members_built.add(track.rule.id)
        self._scan_plan = {
            record_type: (by_type.get(record_type, []), groups_of.get(record_type, []))
            for record_type in sorted(set(by_type) | set(groups_of))
        }
        if not self._scan_plan:
            return
        counts = self.store.count_records()
        self.total += sum(counts.get(kind, 0) * len(items) for kind, items in by_type.items())
        if self.screens is not None:  # before the workers fork: they inherit the answers
            self.screens.prepare_full(tracks, self.recorder.clock_pairs())
        workers = self._pool()
        if workers is None:
            for record_type in self._scan_plan:
                for batch in scan_records(
                    self.store,
                    {record_type},
                    with_payload=True,
                    batch_size=self.settings.batch_size,
                ):
                    add_memberships(self.store, self._scan_batch(record_type, batch))
                    self._tick(record_type)
            return
        # One stream of tasks over every record type (no pause between types), in the order
        # of the serial scan; tasks smaller than a batch keep both workers busy to the end.
        tasks = (
            ("records", record_type, after, up_to)
            for record_type in self._scan_plan
            for after, up_to in self._row_ranges(record_type, _task_size(self.settings))
        )
        for task, output in workers.map_ordered(tasks):
            self._apply(output)
            add_memberships(self.store, output.pairs)
            self._tick(str(task[1]))

    def _scan_batch(
        self, record_type: str, batch: Sequence[tuple[RecordRow, Any]]
    ) -> dict[str, list[tuple[str, str]]]:
        """Evaluate the one-record rules of ``record_type`` over a batch of stored records
        and compute their groups; the memberships found, by group rule."""
        rule_tracks, member_tracks = self._scan_plan[record_type]
        pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for row, payload in batch:
            evaluate = self._screened(row, payload, rule_tracks)
            if not evaluate and not member_tracks:
                continue  # every rule screened it out: not even structured
            record = self._structure(row, payload, evaluate)
            if record is None:
                continue
            for track in evaluate:
                self._evaluate(track, record, row.key, (row.content_hash,))
            for track in member_tracks:
                group = self._group_key(track, record, row.key)
                if isinstance(group, str):
                    pairs[track.rule.id].append((group, row.key))
        return pairs

    def _row_ranges(self, record_type: str, size: int) -> Iterator[tuple[int, int]]:
        """``(after_row_id, up_to_row_id)`` of consecutive runs of ``size`` records of
        ``record_type`` (a scan of keys only: the workers read the payloads)."""
        after = 0
        for batch in scan_records(self.store, {record_type}, batch_size=size):
            up_to = batch[-1][0].row_id
            yield after, up_to
            after = up_to

    # -- worker processes -------------------------------------------------------------------

    def _pool(self) -> WorkerPool | IsolatedPool | None:
        """The worker processes (started on first use), the watched child processes of
        isolated evaluation, or ``None`` for a serial run."""
        isolate = self.settings.isolate
        if self._workers is not None or self._workers_tried:
            return self._workers
        if self.settings.workers <= 1 and not isolate:
            return None
        self._workers_tried = True
        url = self.store.engine.url
        in_memory = url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")
        if in_memory or not fork_available():
            reason_zh, reason_en = (
                ("内存数据库不能在进程间共享", "an in-memory database cannot be shared")
                if in_memory
                else ("此平台不能派生工作进程", "worker processes cannot be forked here")
            )
            self._note(
                {
                    "kind": "workers-unavailable",
                    "message_zh": f"{reason_zh}，本次检查串行执行",
                    "message_en": f"{reason_en}; the check ran serially",
                }
            )
            return None
        if isolate:
            self._workers = IsolatedPool(self, self.settings.rule_timeout, self._pulse)
        else:
            # Set before the fork, so the workers inherit them: they settle their results
            # against the clocks stored when the run began (each pair's clocks change only
            # when its own result is written, by this process).
            self._settle = True
            self.recorder.clock_pairs()
            self._workers = WorkerPool(self, self.settings.workers)
        return self._workers

    def _close_workers(self) -> None:
        if self._workers is not None:
            self._workers.close()
            self._workers = None

    def run_task(self, task: Task) -> TaskOutput:
        """Run one task in a worker process (see :mod:`._parallel`)."""
        output = self._collect = TaskOutput()
        if self.screens is not None:
            self.screens.spared.clear()
            self.screens.outside.clear()
        for track in self._tracks.values():
            track.evaluated, track.seconds, track.max_seconds = 0, 0.0, 0.0
            track.slowest, track.unfinished = None, False
        not_in_force = self.not_in_force
        try:
            if task[0] == "records":
                _, record_type, after, up_to = task
                for batch in scan_records(
                    self.store,
                    {record_type},
                    with_payload=True,
                    after_row_id=after,
                    up_to_row_id=up_to,
                    batch_size=self.settings.batch_size,
                ):
                    for rule_id, pairs in self._scan_batch(record_type, batch).items():
                        output.pairs.setdefault(rule_id, []).extend(pairs)
            elif task[0] == "due":
                _, chunk, rule_ids = task
                self._evaluate_due(
                    chunk, {key: [self._tracks[r] for r in ids] for key, ids in rule_ids.items()}
                )
            else:
                _, rule_id, keys = task
                self._evaluate_groups(self._tracks[rule_id], keys)
        finally:
            self._collect = None
        output.stats = {
            track.rule.id: (
                track.evaluated,
                track.seconds,
                track.max_seconds,
                track.slowest,
                track.unfinished,
            )
            for track in self._tracks.values()
            if track.evaluated or track.unfinished
        }
        output.not_in_force = self.not_in_force - not_in_force
        if self.screens is not None:
            output.screened = (dict(self.screens.spared), dict(self.screens.outside))
        if self._settle:
            # Compare the lookups with the stored ones and look for stored state here, in the
            # worker: the writing process then reads only what changed.
            evaluated = [result for result in output.results if not isinstance(result, str)]
            settled = iter(settle_results(self.store, evaluated, self.recorder.clock_pairs()))
            # Screened-out pairs are rule ids already: they keep their places in the batch.
            output.results = [r if isinstance(r, str) else next(settled) for r in output.results]
        return output

    def _apply(self, output: TaskOutput) -> None:
        """Take over what a worker's task produced, as if it had been evaluated here."""
        for rule_id, (evaluated, seconds, max_seconds, slowest, unfinished) in sorted(
            output.stats.items()
        ):
            track = self._tracks[rule_id]
            track.evaluated += evaluated
            track.seconds += seconds
            track.unfinished = track.unfinished or unfinished
            if max_seconds > track.max_seconds:
                track.max_seconds, track.slowest = max_seconds, slowest
            self.done += evaluated
        self.not_in_force += output.not_in_force
        if self.screens is not None and output.screened is not None:
            self.screens.spared.update(output.screened[0])
            self.screens.outside.update(output.screened[1])
        for rule_id, kind, error, subject_key in output.rule_errors:
            self._rule_error(self._tracks[rule_id], kind, error, subject_key)
        for note in output.notes:
            self._note(note)
        tracks = self._tracks
        for result in output.results:
            if isinstance(result, str):  # a result that changes nothing stored
                # (It still counts towards its batch: batches decide the order of events.)
                if not tracks[result].exhausted:
                    self.recorder.count()
                continue
            # A rule whose budget ran out evaluates nothing more, as in a serial run.
            if not tracks[result.rule_id].exhausted:
                self._add(result)
        for rule_id in sorted(output.stats):
            self._over_budget(self._tracks[rule_id])

    def _record_rules_incremental(self, tracks: list[_Track]) -> None:
        due: dict[str, list[_Track]] = defaultdict(list)
        for track in tracks:
            assert track.checkpoint is not None
            changed = self._changes_since(track.checkpoint.watermark)
            types = set(track.rule.applies_to)
            keys = {key for key in changed if split_key(key)[0] in types}
            keys |= due_subjects(self.store, track.rule.id, self.as_of)
            keys |= dependents(self.store, track.rule.id, changed)
            for key in keys:
                due[key].append(track)
        self.total += sum(len(items) for items in due.values())
        ordered = sorted(due)
        big = len(ordered) > _task_size(self.settings)
        workers = self._pool() if big or self.settings.isolate else None
        if workers is None:
            size = self.settings.batch_size
            for start in range(0, len(ordered), size):
                self._evaluate_due(ordered[start : start + size], due)
                self._tick("incremental")
            return
        size = _task_size(self.settings)
        tasks = (
            ("due", chunk, {key: [track.rule.id for track in due[key]] for key in chunk})
            for chunk in (ordered[start : start + size] for start in range(0, len(ordered), size))
        )
        for _, output in workers.map_ordered(tasks):
            self._apply(output)
            self._tick("incremental")

    def _evaluate_due(self, chunk: Sequence[str], due: Mapping[str, Sequence[_Track]]) -> None:
        """Evaluate the due rules of a chunk of subject keys (a vanished record resolves)."""
        fetched = fetch_records(self.store, chunk)
        self.lookup.prefetch(
            previous_lookups(
                self.store, [(track.rule.id, key) for key in chunk for track in due[key]]
            )
        )
        for key in chunk:
            found = fetched.get(key)
            if found is None:
                for track in due[key]:
                    self._add(self._vanished(track, key))
                continue
            row, payload = found
            applicable = [t for t in due[key] if row.record_type in t.rule.applies_to]
            for track in due[key]:
                if track not in applicable:
                    self._add(self._vanished(track, key))
            self._evaluate_record(row, payload, applicable)

    def _evaluate_record(self, row: RecordRow, payload: Any, tracks: Sequence[_Track]) -> None:
        tracks = self._screened(row, payload, tracks)
        if not tracks:
            return
        record = self._structure(row, payload, tracks)
        if record is None:
            return
        for track in tracks:
            self._evaluate(track, record, row.key, (row.content_hash,))

    def _screened(self, row: RecordRow, payload: Any, tracks: Sequence[_Track]) -> list[_Track]:
        """The tracks to evaluate on ``row``; those its rules' screens leave out are answered
        here, as clean evaluations (see :mod:`._screens`)."""
        if self.screens is None or not tracks:
            return list(tracks)
        keep, answers = self.screens.split(row, payload, tracks)
        for answer in answers:
            if not isinstance(answer, str):
                self._add(answer)
            elif self._collect is not None:
                self._collect.results.append(answer)
            else:
                self.recorder.count()
        return keep

    def _structure(self, row: RecordRow, payload: Any, tracks: Sequence[_Track]) -> Any | None:
        try:
            return structure_stored(row.record_type, payload)
        except Exception as exc:  # a stored payload the model no longer reads
            self._note(
                {
                    "kind": "record-unreadable",
                    "subject": row.key,
                    "message_zh": f"无法读取已存储的记录 {row.key}：{exc}",
                    "message_en": f"cannot read stored record {row.key}: {exc}",
                }
            )
            for track in tracks:  # keep its findings and try again next run
                self._add(
                    SubjectResult(
                        rule_id=track.rule.id,
                        rule_version=track.rule.version,
                        plugin=track.rule.plugin,
                        subject_key=row.key,
                        complete=False,
                        recheck_at=self.as_of,
                        as_of=self.as_of,
                    )
                )
            return None

    # -- group rules ------------------------------------------------------------------------

    def _group_key(self, track: _Track, record: Any, key: str) -> str | _KeyFailed | None:
        """The group subject key of a member record (``None``: in no group)."""
        group_by = track.rule.group_by
        assert group_by is not None
        try:
            raw = group_by.key_of(record)
        except Exception as exc:
            track.unfinished = True  # membership is incomplete: rebuild it next run
            self._rule_error(
                track,
                "rule",
                RuleErrorRecord(
                    rule_id=track.rule.id,
                    plugin=track.rule.plugin,
                    subject=Subject.of(record),
                    error_type=type(exc).__name__,
                    message=f"group key failed: {exc}",
                    traceback="".join(traceback.format_exception(exc)),
                ),
                key,
            )
            return _KEY_FAILED
        # A key from the data may be longer than the store's key columns: fit it (#19).
        return None if raw is None else record_key(group_by.name, fit_key(str(raw)))

    def _group_rule(self, track: _Track) -> None:
        rule = track.rule
        group_by = rule.group_by
        assert group_by is not None
        size = self.settings.batch_size
        if track.full:

            def memberships() -> Iterator[list[tuple[str, str]]]:
                for batch in scan_records(
                    self.store, {rule.record_type}, with_payload=True, batch_size=size
                ):
                    pairs: list[tuple[str, str]] = []
                    for row, payload in batch:
                        record = self._structure(row, payload, ())
                        group = None if record is None else self._group_key(track, record, row.key)
                        if isinstance(group, str):
                            pairs.append((group, row.key))
                    yield pairs

            if rule.id not in self._members_built:  # else built by _record_rules_full's scan
                replace_memberships(self.store, rule.id, memberships())
            if group_by.anchor is not None:
                anchor = group_by.anchor
                self._run_groups(
                    track,
                    (
                        [record_key(group_by.name, row.record_id) for row, _ in anchors]
                        for anchors in scan_records(self.store, {anchor}, batch_size=size)
                    ),
                )
            else:
                self._run_groups(track, group_keys(self.store, rule.id, batch_size=size))
            return
        assert track.checkpoint is not None
        changed = self._changes_since(track.checkpoint.watermark)
        members = sorted(key for key in changed if split_key(key)[0] == rule.record_type)
        new_groups: dict[str, str | None] = {}
        for start in range(0, len(members), size):
            fetched = fetch_records(self.store, members[start : start + size])
            for key, (row, payload) in fetched.items():
                record = self._structure(row, payload, ())
                group = None if record is None else self._group_key(track, record, key)
                if record is not None and not isinstance(group, _KeyFailed):
                    # A member whose key failed keeps its old group until the key works.
                    new_groups[key] = group
        due = update_memberships(self.store, rule.id, new_groups)
        due |= {group for group in new_groups.values() if group is not None}
        due |= due_subjects(self.store, rule.id, self.as_of)
        due |= dependents(self.store, rule.id, changed)
        if group_by.anchor is not None:
            due |= {
                record_key(group_by.name, split_key(key)[1])
                for key in changed
                if split_key(key)[0] == group_by.anchor
            }
        ordered = sorted(due)
        self._run_groups(
            track, (ordered[start : start + size] for start in range(0, len(ordered), size))
        )

    def _run_groups(self, track: _Track, key_batches: Iterable[list[str]]) -> None:
        """Evaluate the groups of ``track``, batch by batch (in the workers, if any)."""
        workers = self._pool()
        if workers is None:
            for keys in key_batches:
                self.total += len(keys)
                self._evaluate_groups(track, keys)
            return

        def tasks() -> Iterator[Task]:
            for keys in key_batches:
                self.total += len(keys)
                yield ("groups", track.rule.id, keys)

        for _, output in workers.map_ordered(tasks()):
            self._apply(output)
            self._tick(track.rule.id)

    def _evaluate_groups(self, track: _Track, keys: Sequence[str]) -> None:
        members_of = group_member_keys(self.store, track.rule.id, keys)
        # Read members a batch at a time (one group is read whole, however large).
        pending: list[str] = []
        count = 0
        for key in keys:
            pending.append(key)
            count += len(members_of.get(key, ()))
            if count >= self.settings.batch_size:
                self._evaluate_group_batch(track, pending, members_of)
                pending, count = [], 0
        if pending:
            self._evaluate_group_batch(track, pending, members_of)
        self._tick(track.rule.id)

    def _evaluate_group_batch(
        self, track: _Track, keys: Sequence[str], members_of: dict[str, list[str]]
    ) -> None:
        rule = track.rule
        group_by = rule.group_by
        assert group_by is not None
        fetched = fetch_records(self.store, {m for key in keys for m in members_of.get(key, ())})
        anchors = (
            fetch_records(
                self.store, {record_key(group_by.anchor, split_key(key)[1]) for key in keys}
            )
            if group_by.anchor is not None
            else {}
        )
        for key in keys:
            group_key = split_key(key)[1]
            members: list[Any] = []
            hashes: list[str] = []
            for member_key in sorted(members_of.get(key, ())):
                found = fetched.get(member_key)
                if found is None:
                    continue
                record = self._structure(found[0], found[1], ())
                if record is not None:
                    members.append(record)
                    hashes.append(found[0].content_hash)
            anchor = None
            if group_by.anchor is not None:
                anchor_row = anchors.get(record_key(group_by.anchor, group_key))
                anchor = (
                    None
                    if anchor_row is None
                    else self._structure(anchor_row[0], anchor_row[1], (track,))
                )
                if anchor_row is None:
                    self._add(self._vanished(track, key))
                    continue
                if anchor is None:
                    continue
                hashes.append(anchor_row[0].content_hash)
            elif not members:
                self._add(self._vanished(track, key))
                continue
            group = Group(
                name=group_by.name,
                key=group_key,
                record_type=rule.record_type,
                members=tuple(sorted(members, key=lambda r: Subject.of(r).record_id)),
                anchor=anchor,
            )
            self._evaluate(track, group, key, hashes)

    # -- evaluation -------------------------------------------------------------------------

    def _evaluate(
        self, track: _Track, subject: Any, subject_key: str, hashes: Sequence[str]
    ) -> None:
        if track.exhausted:
            return
        rule = track.rule
        # In an isolated child: name the call for the watching process, or skip one that
        # got a previous child killed.
        skip = None if self.watch is None else self.watch.begin(rule.id, subject_key)
        if skip is None:
            try:
                outcome, timed_out, elapsed = self.timer.call(
                    lambda: self.evaluator.evaluate(rule, subject)
                )
            finally:
                if self.watch is not None:
                    self.watch.end()
        else:
            outcome, timed_out, elapsed = None, True, self.settings.rule_timeout or 0.0
        kind = "rule"
        if timed_out or outcome is None:
            kind = "timeout" if skip != "died" else "rule"
            outcome = Outcome(
                rule_id=rule.id,
                rule_version=rule.version,
                subject=Subject.of(subject),
                as_of=self.as_of,
                error=RuleErrorRecord(
                    rule_id=rule.id,
                    plugin=rule.plugin,
                    subject=Subject.of(subject),
                    error_type="RuleTimeout" if skip != "died" else "EvaluationProcessDied",
                    message=_stopped_message(skip, self.settings.rule_timeout),
                    traceback="",
                ),
                complete=False,
                elapsed=elapsed,
            )
        self._pulse()
        self.done += 1
        track.evaluated += 1
        track.seconds += elapsed
        if elapsed > track.max_seconds:
            track.max_seconds = elapsed
            track.slowest = subject_key
        if outcome.error is not None:
            self._rule_error(track, kind, outcome.error, subject_key)
        if outcome.notes:
            for note in outcome.notes:
                self._note(note.to_dict())
        if outcome.skipped == "not-in-force":
            self.not_in_force += 1
        findings = outcome.findings
        recheck_at = self.as_of if outcome.error is not None else outcome.recheck_at
        complete = outcome.complete
        # A full evaluation keeps state only where it carries information; an incremental
        # one for every subject, so that a later run for an earlier instant finds it.
        keep_state = not track.full
        # The input hash is kept only with the subject's state (SubjectResult.remembered).
        remembered = keep_state or bool(findings) or recheck_at is not None or not complete
        dependencies = outcome.dependencies
        self._add(
            SubjectResult(
                rule_id=rule.id,
                rule_version=rule.version,
                plugin=rule.plugin,
                subject_key=subject_key,
                findings=findings,
                complete=complete,
                # A failed evaluation must be tried again at any later run.
                recheck_at=recheck_at,
                as_of=self.as_of,
                keep_state=keep_state,
                # An id from the data may be longer than any record id (bounded at import)
                # and than the key column: no such record can appear, so its fitted form
                # serves.
                lookups=frozenset([record_key(kind_, fit_key(id_)) for kind_, id_ in dependencies])
                if dependencies
                else frozenset(),
                clocks=outcome.clocks,
                input_hash=hashlib.sha256(
                    "\n".join([track.digest, *sorted(hashes)]).encode("utf-8")
                ).hexdigest()
                if remembered
                else "",
            )
        )
        self._over_budget(track)

    def _over_budget(self, track: _Track) -> None:
        budget = self.settings.rule_budget
        if self._collect is not None:  # a worker: the parent keeps the budget
            return
        if budget is None or track.seconds <= budget or track.exhausted:
            return
        track.exhausted = track.unfinished = True
        self._error(
            RunErrorRecord(
                kind="budget",
                plugin=track.rule.plugin,
                rule_id=track.rule.id,
                error_type="RuleBudgetExceeded",
                message=f"the rule's calls took {track.seconds:.1f} s together, more than "
                f"rule_budget = {budget:g} s; its remaining subjects were not evaluated "
                "and will be at the next run",
            )
        )

    def _vanished(self, track: _Track, key: str) -> SubjectResult:
        return SubjectResult(
            rule_id=track.rule.id,
            rule_version=track.rule.version,
            plugin=track.rule.plugin,
            subject_key=key,
            vanished=True,
        )

    def _drop_stale(self, track: _Track) -> None:
        for key in stale_subjects(self.store, track.rule.id, self.run_id):
            self._add(self._vanished(track, key))

    # -- writing ----------------------------------------------------------------------------

    def _add(self, result: SubjectResult) -> None:
        if self.screens is not None and self.screens.verify:
            missed = self.screens.violation(result)
            if missed is not None:
                self._rule_error(self._tracks[result.rule_id], "screen", missed, result.subject_key)
        if self._collect is not None:
            self._collect.results.append(result)
            return
        self.recorder.add(result)

    def _flush(self) -> None:
        self.recorder.flush()

    def _fire(self, transitions: Sequence[Transition]) -> None:
        for transition in transitions:
            hook = _FINDING_HOOKS.get(transition.kind)
            if hook is not None:
                self._hook_errors(
                    self.manager.notify(hook, finding=transition.finding, run=self.run_info)
                )

    def _pulse(self, *, force: bool = False) -> None:
        """Progress: beat, and renew the check lock now and then (always before a write).
        Only the thread that evaluates renews it, so a stuck run lets it lapse."""
        if self._collect is not None:  # a worker process: the parent holds the lock
            return
        now = time.monotonic()
        LIVENESS.beat(now)
        if not force and now - self._renewed < self._renew_every:
            return
        if not renew_check_lock(self.store, run_id=self.run_id, lease=self.lease):
            raise CheckLockLostError(
                "本次检查的锁已失效并被另一次检查接管（超过 lock_lease 没有进展），检查中止",
                "this check's lock lapsed (no progress for longer than lock_lease) and "
                "another check took it over; this check stops",
            )
        self._renewed = now

    def _tick(self, label: str) -> None:
        self._pulse()
        if self.progress is not None and self._collect is None:
            self.progress(Progress(done=self.done, total=max(self.total, self.done), label=label))

    # -- errors and notes -------------------------------------------------------------------

    def _error(self, error: RunErrorRecord, subject: str | None = None) -> None:
        key = (error.kind, error.plugin, error.rule_id)
        entry = self.errors.get(key)
        if entry is None:
            entry = self.errors[key] = _ErrorEntry(first=error, count=0)
        entry.count += 1
        if subject is not None and len(entry.subjects) < _MAX_ERROR_SUBJECTS:
            entry.subjects.append(subject)

    def _rule_error(
        self, track: _Track, kind: str, error: RuleErrorRecord, subject_key: str
    ) -> None:
        if self._collect is not None:
            self._collect.rule_errors.append((track.rule.id, kind, error, subject_key))
            return
        self._error(
            RunErrorRecord(
                kind=kind,
                plugin=track.rule.plugin,
                rule_id=track.rule.id,
                error_type=error.error_type,
                message=error.message,
                traceback=error.traceback,
                subject=subject_key,
            ),
            subject_key,
        )
        _log.warning(
            "rule_error",
            rule_id=track.rule.id,
            plugin=track.rule.plugin,
            kind=kind,
            error_type=error.error_type,
        )
        if not track.error_notified:
            # Once per (plugin, rule) and run: a rule failing on every record must not flood.
            track.error_notified = True
            self._hook_errors(
                self.manager.notify(
                    "esup_rule_error",
                    rule_id=track.rule.id,
                    plugin=track.rule.plugin,
                    error=error,
                    run=self.run_info,
                )
            )

    def _hook_errors(self, errors: Iterable[Any]) -> None:
        for error in errors:
            self._error(
                RunErrorRecord(
                    kind="hook",
                    plugin=error.plugin,
                    rule_id=None,
                    error_type=error.error_type,
                    message=f"{error.hook}: {error.message}",
                    traceback=error.traceback,
                )
            )

    def _note(self, note: dict[str, Any]) -> None:
        if self._collect is not None:
            self._collect.notes.append(note)
            return
        kind = str(note.get("kind", "info"))
        self.note_counts[kind] += 1
        if len(self.notes) < MAX_NOTES:
            self.notes.append(note)

    # -- the end ----------------------------------------------------------------------------

    def _errors(self) -> tuple[RunErrorRecord, ...]:
        return tuple(
            attrs.evolve(entry.first, count=entry.count, subjects=tuple(entry.subjects))
            for entry in self.errors.values()
        )

    def _finish(self, tracks: list[_Track]) -> RunResult:
        screen_note = None if self.screens is None else self.screens.note()
        if screen_note is not None:
            # The run's one summary of its screens goes first and is kept even when the
            # notes are already at MAX_NOTES (a run with many notes would lose it last).
            self.note_counts[str(screen_note["kind"])] += 1
            self.notes.insert(0, screen_note)
        rule_ids = [track.rule.id for track in tracks]
        by_severity: Counter[str] = Counter()
        by_category: Counter[str] = Counter()
        active = 0
        if rule_ids:
            for severity, categories, count in active_finding_counts(self.store, rules=rule_ids):
                active += count
                by_severity[severity] += count
                for category in categories:
                    by_category[category] += count
        skipped = self._skipped(tracks)
        errors = self._errors()
        timings = {
            track.rule.id: {
                "plugin": track.rule.plugin,
                "seconds": round(track.seconds, 6),
                "evaluated": track.evaluated,
                "max_seconds": round(track.max_seconds, 6),
                "slowest": track.slowest,
                "full": track.full,
            }
            for track in tracks
        }
        draft = RunResult(
            run_id=self.run_id,
            as_of=self.as_of,
            started_at=self.run_info.started_at if self.run_info else datetime.now(UTC),
            finished_at=None,
            mode=self.mode,
            outcome=RunOutcome.ERRORS if errors else RunOutcome.OK,
            rules=tuple(rule_ids),
            evaluated=self.done,
            skipped=skipped,
            not_in_force=self.not_in_force,
            opened=self.recorder.transitions["opened"],
            resolved=self.recorder.transitions["resolved"],
            reopened=self.recorder.transitions["reopened"],
            undetected=self.recorder.transitions["undetected"],
            redetected=self.recorder.transitions["redetected"],
            active=active,
            records_synced=self.records_synced,
            active_by_severity=dict(sorted(by_severity.items())),
            active_by_category=dict(sorted(by_category.items())),
            errors=errors,
            notes=tuple(self.notes),
            note_counts=dict(sorted(self.note_counts.items())),
            warnings=tuple(self.warnings),
            rule_timings=timings,
            record_watermark=self.watermark,
        )
        stored = finish_run(
            self.store,
            self.run_id,
            outcome=draft.outcome,
            finished_at=datetime.now(UTC),
            record_watermark=self.watermark,
            counts=draft.counts_dict(),
            rule_timings=timings,
            errors=[error.to_dict() for error in errors],
            notes=[*self._warning_notes(), *self.notes],
        )
        self.run_info = run_info(stored, self.store)
        return attrs.evolve(
            draft, started_at=stored.started_at, finished_at=stored.finished_at, as_of=self.as_of
        )

    def _skipped(self, tracks: list[_Track]) -> int:
        """Subjects of the selected rules that this run did not evaluate (their stored answers
        still hold)."""
        if not tracks:
            return 0
        records = self.store.count_records()
        groups = group_counts(self.store)
        skipped = 0
        for track in tracks:
            group_by = track.rule.group_by
            if group_by is None:
                subjects = sum(records.get(kind, 0) for kind in track.rule.applies_to)
            elif group_by.anchor is not None:
                subjects = records.get(group_by.anchor, 0)
            else:
                subjects = groups.get(track.rule.id, 0)
            skipped += max(0, subjects - track.evaluated)
        return skipped

    def _warning_notes(self) -> list[dict[str, Any]]:
        return [
            {**warning, "kind": "warning", "about": warning["kind"]} for warning in self.warnings
        ]

    def _fail(self, exc: BaseException) -> None:
        self._error(
            RunErrorRecord(
                kind="engine",
                plugin=None,
                rule_id=None,
                error_type=type(exc).__name__,
                message=str(exc),
                traceback="".join(traceback.format_exception(exc)),
            )
        )
        try:
            finish_run(
                self.store,
                self.run_id,
                outcome=RunOutcome.FAILED,
                finished_at=datetime.now(UTC),
                record_watermark=self.watermark or None,
                counts={"evaluated": self.done, **dict(self.recorder.transitions)},
                rule_timings={},
                errors=[error.to_dict() for error in self._errors()],
                notes=[*self._warning_notes(), *self.notes],
            )
        except Exception:  # the database may be what failed; the original error matters more
            _log.exception("run_failure_not_recorded", run_id=self.run_id)
