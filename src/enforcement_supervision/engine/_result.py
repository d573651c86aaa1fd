"""What a check run reports: counts, errors per (plugin, rule), notes, timings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import attrs

from enforcement_supervision._host import RunInfo
from enforcement_supervision.rules import Finding, Severity
from enforcement_supervision.store import RunRecord, Store, StoreReader
from enforcement_supervision.store._internal import RETROSPECTIVE

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_RULE_ERRORS",
    "Progress",
    "ProgressCallback",
    "RunErrorRecord",
    "RunResult",
    "run_info",
]

#: Exit statuses of a check (the CLI uses the same numbers).
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_RULE_ERRORS = 3


@attrs.frozen(kw_only=True)
class Progress:
    """How far a run is: ``done`` of ``total`` planned (rule, subject) evaluations; the total
    grows as the engine learns what is due. ``label`` says what is being evaluated."""

    done: int
    total: int
    label: str


#: A progress callback: called now and then during a run (never once per subject).
ProgressCallback = Callable[[Progress], None]


@attrs.frozen(kw_only=True)
class RunErrorRecord:
    """A failure recorded on a run, aggregated per ``(kind, plugin, rule)``.

    ``kind`` is ``rule`` (the body raised), ``timeout`` (one call ran past
    ``rule_timeout``), ``budget`` (the rule's calls together ran past ``rule_budget``; the
    rest of its subjects were not evaluated), ``plugin`` (a plugin failed to load),
    ``hook`` (a hook implementation raised), ``source`` (a source plugin failed) or
    ``engine`` (the run itself stopped). ``subject``, ``message`` and ``traceback`` are those
    of the first occurrence; ``count`` counts them all; ``subjects`` lists the first few.
    """

    kind: str
    plugin: str | None
    rule_id: str | None
    error_type: str
    message: str
    traceback: str = ""
    subject: str | None = None
    count: int = 1
    subjects: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "plugin": self.plugin,
            "rule_id": self.rule_id,
            "error_type": self.error_type,
            "message": self.message,
            "traceback": self.traceback,
            "subject": self.subject,
            "count": self.count,
            "subjects": list(self.subjects),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RunErrorRecord:
        return cls(
            kind=str(data.get("kind", "rule")),
            plugin=data.get("plugin"),
            rule_id=data.get("rule_id"),
            error_type=str(data.get("error_type", "")),
            message=str(data.get("message", "")),
            traceback=str(data.get("traceback", "")),
            subject=data.get("subject"),
            count=int(data.get("count", 1)),
            subjects=tuple(data.get("subjects") or ()),
        )

    def describe(self, lang: str = "zh", *, message: bool = True) -> str:
        """One line: who failed, how, how often. ``message=False`` leaves out what the
        exception said (it may quote personal data: for the supervision office only)."""
        who = " / ".join(part for part in (self.plugin, self.rule_id) if part) or self.kind
        times = "" if self.count == 1 else (f" ×{self.count}")
        where = f" [{self.subject}]" if self.subject else ""
        said = f": {self.message}" if message else ""
        return f"{who} ({self.kind}){where}: {self.error_type}{said}{times}"


_COUNT_FIELDS = (
    "evaluated",
    "skipped",
    "not_in_force",
    "opened",
    "resolved",
    "reopened",
    "undetected",
    "redetected",
    "active",
    "records_synced",
)


@attrs.frozen(kw_only=True)
class RunResult:
    """The outcome of :func:`~enforcement_supervision.engine.run_check`, also rebuilt from
    a stored run by :meth:`from_record`.

    Counts: ``evaluated`` (rule, subject) pairs evaluated in this run; ``skipped`` pairs
    known from earlier runs that needed no evaluation (no change, recheck time not come);
    ``not_in_force`` evaluations skipped because the facts date lies outside the rule's
    validity; ``opened``/``resolved``/``reopened`` transitions; ``undetected``/
    ``redetected`` changes to findings whose status people set; ``active`` findings of the
    run's rules that are still produced and neither closed nor waived after the run
    (``active_by_severity``, ``active_by_category``); ``records_synced`` records stored from
    source plugins. The run hooks get a :class:`~enforcement_supervision._host.RunInfo`.

    A **retrospective** (``mode == "retrospective"``: a check as of an instant before the
    store's latest check, ``latest_check``) stores nothing but its run row: ``active``
    counts what it found, ``findings`` holds those findings, and no finding changed.
    """

    run_id: str
    as_of: datetime
    started_at: datetime
    finished_at: datetime | None
    mode: str
    outcome: str
    rules: tuple[str, ...] = ()
    evaluated: int = 0
    skipped: int = 0
    not_in_force: int = 0
    opened: int = 0
    resolved: int = 0
    reopened: int = 0
    undetected: int = 0
    redetected: int = 0
    active: int = 0
    records_synced: int = 0
    active_by_severity: Mapping[str, int] = attrs.field(factory=dict)
    active_by_category: Mapping[str, int] = attrs.field(factory=dict)
    errors: tuple[RunErrorRecord, ...] = ()
    notes: tuple[Mapping[str, Any], ...] = ()
    note_counts: Mapping[str, int] = attrs.field(factory=dict)
    warnings: tuple[Mapping[str, str], ...] = ()
    rule_timings: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    record_watermark: int | None = None
    #: The findings of a retrospective (a normal check stores its findings instead).
    findings: tuple[Finding, ...] = ()
    #: For a retrospective: the instant of the store's latest check.
    latest_check: datetime | None = None

    @property
    def retrospective(self) -> bool:
        """A check as of an instant before the store's latest check: it changed nothing."""
        return self.mode == RETROSPECTIVE

    @property
    def duration(self) -> float | None:
        """Seconds from start to finish."""
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()

    @property
    def still_open(self) -> int:
        """Active findings that were already active before this run."""
        if self.retrospective:
            return 0
        return max(0, self.active - self.opened - self.reopened - self.redetected)

    def active_at_or_above(self, severity: Severity | str) -> int:
        """Active findings of ``severity`` or more serious."""
        threshold = Severity.parse(severity)
        return sum(
            count
            for name, count in self.active_by_severity.items()
            if Severity.parse(name).at_least(threshold)
        )

    def exit_status(self, fail_on: Severity | str | None = Severity.S2) -> int:
        """The documented exit status: 3 when a rule, plugin or hook failed (the other rules'
        findings are stored); else 1 when an active finding is at or above ``fail_on``
        (``None``/``"none"``: never); else 0."""
        if self.errors:
            return EXIT_RULE_ERRORS
        if fail_on is None or (isinstance(fail_on, str) and fail_on.lower() == "none"):
            return EXIT_OK
        return EXIT_FINDINGS if self.active_at_or_above(fail_on) else EXIT_OK

    def counts_dict(self) -> dict[str, Any]:
        """The counts as stored in ``runs.counts``."""
        return {
            **{name: getattr(self, name) for name in _COUNT_FIELDS},
            "rules": list(self.rules),
            "active_by_severity": dict(self.active_by_severity),
            "active_by_category": dict(self.active_by_category),
            "notes": dict(self.note_counts),
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, for ``esup check --format json``."""
        return {
            "run_id": self.run_id,
            "as_of": self.as_of.isoformat(),
            "started_at": self.started_at.isoformat(),
            "finished_at": None if self.finished_at is None else self.finished_at.isoformat(),
            "duration": self.duration,
            "mode": self.mode,
            "outcome": self.outcome,
            "counts": self.counts_dict(),
            "still_open": self.still_open,
            "errors": [error.to_dict() for error in self.errors],
            "warnings": [dict(warning) for warning in self.warnings],
            "notes": [dict(note) for note in self.notes],
            "rule_timings": {key: dict(value) for key, value in self.rule_timings.items()},
            "record_watermark": self.record_watermark,
            "retrospective": self.retrospective,
            **(
                {
                    "latest_check": None
                    if self.latest_check is None
                    else self.latest_check.isoformat(),
                    "findings": [finding.to_dict() for finding in self.findings],
                }
                if self.retrospective
                else {}
            ),
        }

    @classmethod
    def from_record(cls, record: RunRecord) -> RunResult:
        """Rebuild the result of a stored run (``esup runs show``)."""
        counts = dict(record.counts)
        notes = [dict(note) for note in record.notes]
        numbers: dict[str, Any] = {name: int(counts.get(name) or 0) for name in _COUNT_FIELDS}
        return cls(
            run_id=record.run_id,
            as_of=record.as_of,
            started_at=record.started_at,
            finished_at=record.finished_at,
            mode=record.mode,
            outcome=record.outcome,
            rules=tuple(counts.get("rules") or ()),
            **numbers,
            active_by_severity=dict(counts.get("active_by_severity") or {}),
            active_by_category=dict(counts.get("active_by_category") or {}),
            errors=tuple(RunErrorRecord.from_dict(error) for error in record.errors),
            notes=tuple(note for note in notes if note.get("kind") != "warning"),
            note_counts=dict(counts.get("notes") or {}),
            warnings=tuple(
                {"message_zh": str(n.get("message_zh")), "message_en": str(n.get("message_en"))}
                for n in notes
                if n.get("kind") == "warning"
            ),
            rule_timings=dict(record.rule_timings),
            record_watermark=record.record_watermark,
        )


def run_info(record: RunRecord, store: Store | None) -> RunInfo:
    """The :class:`RunInfo` every run hook receives, from the stored run (its counts, plus
    ``errors``: how many failures the run recorded) and a read-only view of ``store``."""
    counts = {**record.counts, "errors": len(record.errors)} if record.finished_at else {}
    return RunInfo(
        run_id=record.run_id,
        as_of=record.as_of,
        mode=record.mode,
        schedule=record.schedule,
        slot=record.slot,
        started_at=record.started_at,
        finished_at=record.finished_at,
        outcome=str(record.outcome),
        counts=counts,
        store=None if store is None else StoreReader(store),
    )
