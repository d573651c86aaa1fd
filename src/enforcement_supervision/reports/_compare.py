"""Comparing a report with an earlier period: new, resolved, still open, overdue.

The earlier state is the one right after an earlier check run: the finding events up to the
end of that run are replayed (the event log is append-only, so the state at any point can be
read back), and each finding in the report's scope is compared with it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from enforcement_supervision.errors import EsupError
from enforcement_supervision.reports._lifecycle import as_date
from enforcement_supervision.reports._model import CompareCounts, Comparison
from enforcement_supervision.statutory_time import to_local_date
from enforcement_supervision.store import RunRecord, Store, get_run, list_runs
from enforcement_supervision.store._internal import (
    ACTIVE_EXCLUDED_STATUSES,
    finding_events,
    findings,
)

if TYPE_CHECKING:
    from enforcement_supervision.reports._build import _Scope

__all__ = ["compare_with"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STATUS_OF_KIND = {
    "opened": ("open", True),
    "resolved": ("resolved", False),
    "reopened": ("reopened", True),
    "notified": ("notified", None),
    "rectified": ("rectified", None),
    "closed": ("closed", None),
    "waived": ("waived", None),
}


def _month_before(day: date) -> date:
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, 28)  # pragma: no cover


def _finished_runs(store: Store) -> list[RunRecord]:
    return [
        run
        for run in list_runs(store, limit=None)
        if run.outcome not in ("running", "failed") and run.finished_at is not None
    ]


def _run_on_or_before(store: Store, day: date) -> RunRecord | None:
    candidates = [run for run in _finished_runs(store) if to_local_date(run.as_of) <= day]
    return max(candidates, key=lambda run: (run.as_of, run.started_at), default=None)


def resolve_run(
    store: Store, compare: str | date | None, *, report_day: date, last_run: RunRecord | None
) -> RunRecord | None:
    """The run a report compares with: ``compare`` as a run id (or prefix) or a day (the
    last run evaluated on or before it); by default the last run a month or more before
    the report's day; ``"none"``: no comparison."""
    from enforcement_supervision.reports._build import ReportUsageError

    if compare is None:
        run = _run_on_or_before(store, _month_before(report_day))
        return None if run is None or (last_run and run.run_id == last_run.run_id) else run
    if isinstance(compare, date):
        day: date | None = compare
    elif str(compare).strip().lower() == "none":
        return None
    elif _DAY.match(str(compare).strip()):
        day = date.fromisoformat(str(compare).strip())
    else:
        day = None
    if day is not None:
        run = _run_on_or_before(store, day)
        if run is None:
            raise ReportUsageError(
                f"{day.isoformat()} 及以前没有完成的检查，无法比较",
                f"no finished check run on or before {day.isoformat()} to compare with",
            )
        return run
    try:
        return get_run(store, str(compare).strip())
    except EsupError:
        raise ReportUsageError(
            f"--compare 应为检查运行编号或日期 YYYY-MM-DD，没有找到 {compare!r}",
            f"--compare takes a check run id or a day YYYY-MM-DD; found no {compare!r}",
        ) from None


def _state_after(store: Store, run: RunRecord) -> dict[str, list[Any]]:
    """``fingerprint → [status, detected, rectification due]`` right after ``run``."""
    state: dict[str, list[Any]] = {}
    with store.engine.connect() as connection:
        # The run's own last event; a run that changed nothing: the last event before its end.
        cut = connection.execute(
            select(func.max(finding_events.c.event_id)).where(finding_events.c.run_id == run.run_id)
        ).scalar()
        if cut is None:
            cut = connection.execute(
                select(func.max(finding_events.c.event_id)).where(
                    finding_events.c.at <= run.finished_at
                )
            ).scalar()
        if cut is None:
            return state
        query = (
            select(finding_events.c.fingerprint, finding_events.c.kind, finding_events.c.data)
            .where(finding_events.c.event_id <= cut)
            .order_by(finding_events.c.event_id)
        )
        for row in connection.execution_options(yield_per=5000).execute(query):
            entry = state.setdefault(row.fingerprint, ["open", True, None])
            kind = row.kind
            data: Mapping[str, Any] = row.data or {}
            if kind in _STATUS_OF_KIND:
                status, detected = _STATUS_OF_KIND[kind]
                entry[0] = status
                if detected is not None:
                    entry[1] = detected
            elif kind == "undetected":
                entry[1] = False
            elif kind == "redetected":
                entry[1] = True
            elif kind == "waiver_expired":
                entry[0] = str(data.get("resurfaced_as") or "reopened")
            if kind in ("notified", "extended"):
                for name in ("rectification_due", "deadline", "due"):
                    due = as_date(data.get(name))
                    if due is not None:
                        entry[2] = due
                        break
    return state


def compare_with(
    store: Store,
    compare: str | date | None,
    *,
    scope: _Scope,
    dues: Mapping[str, date],
    last_run: RunRecord | None,
) -> Comparison | None:
    """The comparison of the report's findings with the state after the run ``compare``
    names (see :func:`resolve_run`); ``None`` when there is nothing to compare with."""
    from enforcement_supervision.reports._build import _fact_date_column

    run = resolve_run(store, compare, report_day=scope.report_day, last_run=last_run)
    if run is None:
        return None
    then_day = to_local_date(run.as_of)
    before = _state_after(store, run)
    total: dict[str, int] = defaultdict(int)
    by_agency: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_category: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    c = findings.c
    query = scope.where(
        select(
            c.fingerprint,
            c.categories,
            c.agency_id,
            c.subject_type,
            c.subject_id,
            c.status,
            c.detected,
            c.opened_at,
            c.due_date,
            _fact_date_column().label("fact_date"),
        )
    )
    with store.engine.connect() as connection:
        for row in connection.execution_options(yield_per=5000).execute(query):
            period = as_date(row.fact_date) or scope.local(row.opened_at)
            agency = scope.addressed(row.agency_id, row.subject_type, row.subject_id) or ""
            if not scope.in_period(period) or not scope.keeps(agency or None):
                continue
            now_active = bool(row.detected) and row.status not in ACTIVE_EXCLUDED_STATUSES
            due_now = dues.get(row.fingerprint) or as_date(row.due_date)
            then = before.get(row.fingerprint)
            then_active = (
                then is not None and bool(then[1]) and then[0] not in (ACTIVE_EXCLUDED_STATUSES)
            )
            due_then = (then[2] if then is not None else None) or as_date(row.due_date)
            counts: dict[str, int] = {
                "new": int(now_active and not then_active),
                "resolved": int(then_active and not now_active),
                "still_open": int(now_active and then_active),
                "overdue": int(now_active and due_now is not None and due_now < scope.report_day),
                "overdue_before": int(then_active and due_then is not None and due_then < then_day),
            }
            if not any(counts.values()):
                continue
            categories = [part for part in row.categories.split(",") if part]
            for name, value in counts.items():
                if not value:
                    continue
                total[name] += value
                by_agency[agency][name] += value
                for category in categories:
                    by_category[category][name] += value

    def counts_of(values: Mapping[str, int]) -> CompareCounts:
        return CompareCounts(**{name: int(values.get(name, 0)) for name in _NAMES})

    return Comparison(
        since_run=run.run_id,
        since=then_day,
        total=counts_of(total),
        by_agency={key: counts_of(by_agency[key]) for key in sorted(by_agency)},
        by_category={key: counts_of(by_category[key]) for key in sorted(by_category)},
    )


_NAMES = ("new", "resolved", "still_open", "overdue", "overdue_before")
