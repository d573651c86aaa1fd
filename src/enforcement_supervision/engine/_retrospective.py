"""Retrospective checks: a check as of an instant before the store's latest check.

The store moves forward in time only. Its findings, their events and the engine's state hold
what the latest check found; a check as of an earlier instant must not reopen, resolve or
re-date any of it (otherwise the stored state would follow whichever ``--as-of`` ran last).
Such a check is a *retrospective*: it evaluates every enabled rule over every stored record
as the data stood then (the as-of view hides later events), reports what it found — the
summary, ``--json`` with the findings, a run row marked ``retrospective`` — and writes
nothing else. The run hooks fire (a run did start and finish: a scheduler or a digest counts
it); no finding hook fires, since nothing about a finding changed.
"""

from __future__ import annotations

import traceback
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs

from enforcement_supervision._host import (
    Evaluator,
    Outcome,
    PluginManager,
    RuleSettings,
    make_groups,
)
from enforcement_supervision._logging import get_logger
from enforcement_supervision.engine._lookup import StoreLookup, structure_stored
from enforcement_supervision.engine._result import (
    Progress,
    ProgressCallback,
    RunErrorRecord,
    RunResult,
    run_info,
)
from enforcement_supervision.engine._settings import EngineSettings
from enforcement_supervision.engine._timer import CallTimer
from enforcement_supervision.rules import Finding, Rule
from enforcement_supervision.statutory_time import StatutoryCalendar
from enforcement_supervision.store import RunOutcome, Store
from enforcement_supervision.store._internal import (
    RETROSPECTIVE,
    acquire_check_lock,
    create_run,
    finish_run,
    release_check_lock,
    scan_records,
)

__all__ = ["run_retrospective"]

_log = get_logger(__name__)
#: The lease of a retrospective's own lock (see run_retrospective).
RETROSPECTIVE_LEASE = timedelta(hours=6)

#: At most this many notes are kept on the run (as in a normal check).
_MAX_NOTES = 500


def _records(store: Store, record_types: Iterable[str], batch_size: int) -> Iterable[Any]:
    for batch in scan_records(store, set(record_types), with_payload=True, batch_size=batch_size):
        for row, payload in batch:
            try:
                yield structure_stored(row.record_type, payload)
            except Exception:  # a payload the model no longer reads: a normal check says so
                continue


class _Retrospective:
    def __init__(
        self,
        store: Store,
        *,
        rules: Sequence[Rule],
        rule_settings: dict[str, RuleSettings],
        calendar: StatutoryCalendar,
        as_of: datetime,
        settings: EngineSettings,
    ) -> None:
        self.store = store
        self.rules = rules
        self.as_of = as_of
        self.settings = settings
        self.evaluator = Evaluator(
            as_of=as_of, calendar=calendar, settings=rule_settings, lookup=StoreLookup(store)
        )
        self.timer = CallTimer(settings.rule_timeout)
        self.findings: list[Finding] = []
        self.errors: dict[tuple[str, str | None, str | None], RunErrorRecord] = {}
        self.notes: list[dict[str, Any]] = []
        self.note_counts: Counter[str] = Counter()
        self.evaluated = 0
        self.not_in_force = 0

    def run(self) -> None:
        single: dict[str, list[Rule]] = defaultdict(list)
        for rule in self.rules:
            if not rule.is_group_rule:
                for record_type in rule.applies_to:
                    single[record_type].append(rule)
        size = self.settings.batch_size
        with self.timer:
            for record_type, rules in sorted(single.items()):
                for record in _records(self.store, [record_type], size):
                    for rule in rules:
                        self._evaluate(rule, record)
            for rule in self.rules:
                if rule.is_group_rule:
                    # A retrospective is rare: a group rule's records are held at once.
                    members = list(_records(self.store, [rule.record_type], size))
                    group_by = rule.group_by
                    anchors = (
                        list(_records(self.store, [group_by.anchor], size))
                        if group_by is not None and group_by.anchor is not None
                        else []
                    )
                    for group in make_groups(rule, members, anchors):
                        self._evaluate(rule, group)

    def _evaluate(self, rule: Rule, subject: Any) -> None:
        outcome, timed_out, _ = self.timer.call(lambda: self.evaluator.evaluate(rule, subject))
        self.evaluated += 1
        if timed_out or outcome is None:
            self._error(rule, "timeout", "RuleTimeout", "one call ran past rule_timeout", "")
            return
        self._take(rule, outcome)

    def _take(self, rule: Rule, outcome: Outcome) -> None:
        if outcome.skipped == "not-in-force":
            self.not_in_force += 1
        if outcome.error is not None:
            error = outcome.error
            self._error(rule, "rule", error.error_type, error.message, error.traceback)
        for note in outcome.notes:
            data = note.to_dict()
            self.note_counts[str(data.get("kind", "info"))] += 1
            if len(self.notes) < _MAX_NOTES:
                self.notes.append(data)
        self.findings.extend(outcome.findings)

    def _error(self, rule: Rule, kind: str, error_type: str, message: str, text: str) -> None:
        key = (kind, rule.plugin, rule.id)
        found = self.errors.get(key)
        if found is None:
            self.errors[key] = RunErrorRecord(
                kind=kind,
                plugin=rule.plugin,
                rule_id=rule.id,
                error_type=error_type,
                message=message,
                traceback=text,
            )
        else:
            self.errors[key] = RunErrorRecord(**{**found.to_dict(), "count": found.count + 1})


def run_retrospective(
    store: Store,
    *,
    rules: Sequence[Rule],
    rule_settings: dict[str, RuleSettings],
    calendar: StatutoryCalendar,
    as_of: datetime,
    latest: datetime,
    settings: EngineSettings,
    patterns: Sequence[str] = (),
    progress: ProgressCallback | None = None,
    schedule: str | None = None,
    slot: datetime | None = None,
    manager: PluginManager | None = None,
) -> RunResult:
    """Evaluate ``rules`` as of ``as_of`` (before ``latest``, the store's latest check)
    without writing any finding, event or engine state; only the run row is stored, with
    mode ``retrospective`` (and the schedule slot it ran for, if any: a slot caught up after
    a later one has run is a retrospective too). The findings are in ``RunResult.findings``."""
    run_id = str(uuid.uuid4())
    started = datetime.now(UTC)
    # A lock of its own (retrospectives write only their run row and run side by side): it
    # tells a later sweep whether this run is alive. Not renewed while it runs, hence long;
    # a killed retrospective on this host is recognised at once by its missing process.
    acquire_check_lock(
        store,
        run_id=run_id,
        scope=f"retrospective:{run_id}",
        lease=max(timedelta(seconds=settings.lock_lease), RETROSPECTIVE_LEASE),
        wait=0,
    )
    try:
        return _run_retrospective(
            store,
            run_id=run_id,
            started=started,
            rules=rules,
            rule_settings=rule_settings,
            calendar=calendar,
            as_of=as_of,
            latest=latest,
            settings=settings,
            patterns=patterns,
            progress=progress,
            schedule=schedule,
            slot=slot,
            manager=manager,
        )
    finally:
        release_check_lock(store, run_id=run_id, scope=f"retrospective:{run_id}")


def _run_retrospective(
    store: Store,
    *,
    run_id: str,
    started: datetime,
    rules: Sequence[Rule],
    rule_settings: dict[str, RuleSettings],
    calendar: StatutoryCalendar,
    as_of: datetime,
    latest: datetime,
    settings: EngineSettings,
    patterns: Sequence[str],
    progress: ProgressCallback | None,
    schedule: str | None,
    slot: datetime | None,
    manager: PluginManager | None,
) -> RunResult:
    record = create_run(
        store,
        run_id=run_id,
        as_of=as_of,
        mode=RETROSPECTIVE,
        started_at=started,
        rules=list(patterns) or None,
        schedule=schedule,
        slot=slot,
    )
    _log.info("retrospective_started", run_id=run_id, as_of=as_of.isoformat())
    _notify(manager, "esup_run_started", run_info(record, store))
    work = _Retrospective(
        store,
        rules=rules,
        rule_settings=rule_settings,
        calendar=calendar,
        as_of=as_of,
        settings=settings,
    )
    try:
        work.run()
    except BaseException as exc:
        finish_run(
            store,
            run_id,
            outcome=RunOutcome.FAILED,
            finished_at=datetime.now(UTC),
            record_watermark=None,
            counts={"evaluated": work.evaluated},
            rule_timings={},
            errors=[
                RunErrorRecord(
                    kind="engine",
                    plugin=None,
                    rule_id=None,
                    error_type=type(exc).__name__,
                    message=str(exc),
                    traceback="".join(traceback.format_exception(exc)),
                ).to_dict()
            ],
            notes=[],
        )
        raise
    findings = tuple(sorted(work.findings, key=lambda f: (f.rule_id, f.subject.key, f.key)))
    by_severity = Counter(f.severity.value for f in findings)
    by_category: Counter[str] = Counter()
    for finding in findings:
        for category in finding.categories:
            by_category[category.value] += 1
    errors = tuple(work.errors.values())
    remark = {
        "kind": "retrospective",
        "message_zh": f"回溯检查：评估时点早于本库最近一次检查（{latest.isoformat()}），"
        "只报告结果，不改变已存储的问题发现、事件和状态",
        "message_en": "retrospective check: the instant is before the store's latest check "
        f"({latest.isoformat()}); it reports and changes no stored finding, event or state",
    }
    draft = RunResult(
        run_id=run_id,
        as_of=as_of,
        started_at=started,
        finished_at=None,
        mode=RETROSPECTIVE,
        outcome=RunOutcome.ERRORS if errors else RunOutcome.OK,
        rules=tuple(rule.id for rule in rules),
        evaluated=work.evaluated,
        not_in_force=work.not_in_force,
        active=len(findings),
        active_by_severity=dict(sorted(by_severity.items())),
        active_by_category=dict(sorted(by_category.items())),
        errors=errors,
        notes=(remark, *work.notes),
        note_counts=dict(sorted(work.note_counts.items())),
        findings=findings,
        latest_check=latest,
    )
    stored = finish_run(
        store,
        run_id,
        outcome=draft.outcome,
        finished_at=datetime.now(UTC),
        record_watermark=None,
        counts=draft.counts_dict(),
        rule_timings={},
        errors=[error.to_dict() for error in errors],
        notes=[remark, *work.notes],
    )
    if progress is not None:
        progress(Progress(done=work.evaluated, total=work.evaluated, label="retrospective"))
    _log.info("retrospective_finished", run_id=run_id, findings=len(findings))
    result = attrs.evolve(draft, started_at=stored.started_at, finished_at=stored.finished_at)
    _notify(manager, "esup_run_finished", run_info(stored, store))
    return result


def _notify(manager: PluginManager | None, hook: str, run: Any) -> None:
    if manager is None:
        return
    for error in manager.notify(hook, run=run):
        # As in a normal check: a failing hook is logged and does not stop the run.
        _log.error(
            f"{hook.removeprefix('esup_')}_hook_failed", plugin=error.plugin, error=error.message
        )
