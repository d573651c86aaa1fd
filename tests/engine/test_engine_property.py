"""The incremental engine's promise: after any changes and any time steps (forwards or
backwards), an incremental run gives exactly the findings of a full run."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from enforcement_supervision.engine import open_findings, run_check
from enforcement_supervision.statutory_time import SHANGHAI
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import finding_events, findings

from .conftest import make_manager
from .rules_for_tests import CORE_RULES, agency, lead

# Few ids, so that steps often touch the same records and groups.
AGENCIES = ("AG-1", "AG-2")
LEADS = ("L-1", "L-2", "L-3")
SOURCES = ("complaint", "referral")

days = st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 3, 31))

put_lead = st.tuples(
    st.just("lead"),
    st.sampled_from(LEADS),
    st.sampled_from((*AGENCIES, "AG-404")),  # an agency that never exists
    days,
    st.none() | st.integers(min_value=0, max_value=40),
    st.sampled_from(SOURCES),
)
put_agency = st.tuples(st.just("agency"), st.sampled_from(AGENCIES), st.booleans())
clock = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2025, 5, 31))
#: Between two checks: a few changed records and perhaps a new evaluation instant (earlier
#: or later than the last one).
steps = st.lists(
    st.tuples(st.lists(st.one_of(put_lead, put_agency), max_size=3), st.none() | clock),
    min_size=1,
    max_size=6,
)


def apply(step: tuple[Any, ...], stores: list[Store]) -> None:
    if step[0] == "lead":
        _, record_id, agency_id, received, decided_after, source = step
        record = lead(
            record_id,
            agency_id=agency_id,
            received_date=received.isoformat(),
            filing_decision_date=None
            if decided_after is None
            else (received + timedelta(days=decided_after)).isoformat(),
            source=source,
        )
    else:
        _, record_id, confirmed = step
        record = agency(record_id, inspection_subject_confirmed=confirmed)
    for store in stores:
        store.put_records([record])


def snapshot(store: Store) -> dict[str, Any]:
    """Every finding's content and status, and each finding's event kinds in order."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(findings).order_by(findings.c.fingerprint)).all()
        events = connection.execute(
            select(finding_events.c.fingerprint, finding_events.c.kind).order_by(
                finding_events.c.event_id
            )
        ).all()
    kinds: dict[str, list[str]] = {}
    for fingerprint, kind in events:
        kinds.setdefault(fingerprint, []).append(kind)
    return {
        row.fingerprint: (
            row.status,
            row.detected,
            row.severity,
            row.agency_id,
            row.message_en,
            row.reasons,
            row.evidence,
            row.due_date,
            kinds.get(row.fingerprint),
        )
        for row in rows
    }


def active_content(store: Store) -> dict[str, Any]:
    return {
        s.fingerprint: (s.finding.message_en, s.finding.reasons.to_dict())
        for s in open_findings(store)
    }


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(history=steps)
def test_incremental_runs_give_exactly_the_findings_of_full_runs(
    history: list[tuple[list[tuple[Any, ...]], datetime | None]],
) -> None:
    manager = make_manager(*CORE_RULES)
    # Real SQLite files; in memory-backed /dev/shm when there is one, as commits dominate.
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as folder:
        incremental = Store.open(Path(folder) / "incremental.sqlite")
        full = Store.open(Path(folder) / "full.sqlite")
        as_of = datetime(2025, 2, 1, tzinfo=SHANGHAI)
        # The store moves forward only: a check for an earlier instant than the latest one is
        # a retrospective, so the stores hold what the latest instant found.
        latest: datetime | None = None
        settled = True
        start = [("agency", record_id, True) for record_id in AGENCIES]
        for step in start:  # the anchors exist from the start, so groups do too
            apply(step, [incremental, full])
        try:
            for changes, moment in history:
                for change in changes:
                    apply(change, [incremental, full])
                if moment is not None:
                    as_of = moment.replace(tzinfo=SHANGHAI)
                before = latest if latest is not None else as_of
                latest = max(before, as_of)
                a = run_check(incremental, as_of=as_of, manager=manager)
                b = run_check(full, as_of=as_of, manager=manager, mode="full")
                assert a.retrospective == b.retrospective == (as_of < before)
                settled = not a.retrospective
                assert a.errors == b.errors == ()
                assert snapshot(incremental) == snapshot(full)
                assert (a.opened, a.resolved, a.reopened) == (b.opened, b.resolved, b.reopened)
            # And the same findings as one full run over the final data from scratch — when the
            # last check wrote them (a retrospective stores nothing, by design).
            if not settled:
                return
            fresh = Store.open(Path(folder) / "fresh.sqlite")
            try:
                for change in [*start, *(change for changes, _ in history for change in changes)]:
                    apply(change, [fresh])
                run_check(fresh, as_of=latest or as_of, manager=manager, mode="full")
                assert active_content(fresh) == active_content(incremental)
            finally:
                fresh.close()
        finally:
            incremental.close()
            full.close()
