"""Reading findings and runs back from the store (reports never re-run rules)."""

from __future__ import annotations

from collections.abc import Collection

from enforcement_supervision._host import Subject
from enforcement_supervision.rules import Severity
from enforcement_supervision.store import (
    FindingEvent,
    Store,
    StoredFinding,
    finding_events_of,
    query_findings,
)
from enforcement_supervision.store import get_finding as _get_finding

__all__ = ["finding_history", "get_finding", "open_findings"]


def open_findings(
    store: Store,
    *,
    rules: Collection[str] | None = None,
    min_severity: Severity | str | None = None,
    agency_id: str | None = None,
    subject: Subject | None = None,
    limit: int | None = None,
) -> list[StoredFinding]:
    """The active findings: still produced by the latest evaluation and neither closed nor
    waived (open, reopened, or in a follow-through status such as notified), most serious
    first. ``rules`` are ids or globs; ``min_severity="S2"`` keeps S1 and S2."""
    severities = None
    if min_severity is not None:
        threshold = Severity.parse(min_severity)
        severities = [s.value for s in Severity if s.at_least(threshold)]
    return query_findings(
        store,
        active=True,
        rules=rules,
        severities=severities,
        agency_id=agency_id,
        subject=subject,
        limit=limit,
    )


def get_finding(store: Store, fingerprint: str) -> StoredFinding:
    """One finding by fingerprint or unambiguous fingerprint prefix (raises
    :class:`~enforcement_supervision.store.FindingNotFoundError`)."""
    return _get_finding(store, fingerprint)


def finding_history(store: Store, fingerprint: str) -> list[FindingEvent]:
    """A finding's events (opened, resolved, reopened, ... with when, who, which run),
    oldest first; ``fingerprint`` may be a prefix."""
    return finding_events_of(store, _get_finding(store, fingerprint).fingerprint)
