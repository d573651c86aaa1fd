"""A read-only view of a store, for plugins (the run hooks get one as ``run.store``).

It offers the store's read API and nothing that writes, migrates or closes: a hook can read
the records, findings and runs of the store the run writes to without opening a database of
its own (and without the means to change what the engine is reconciling). The one exception is
the clocks' delivery ledger (:meth:`StoreReader.delivery_ledger`): which channel sent which
light, so that a digest never sends a clock twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from enforcement_supervision.rules import Severity
from enforcement_supervision.store._deliveries import DeliveryLedger
from enforcement_supervision.store._findings import (
    FindingEvent,
    StoredFinding,
    finding_events_of,
    get_finding,
    query_findings,
)
from enforcement_supervision.store._runs import RunRecord, get_run, list_runs
from enforcement_supervision.store._store import Store, StoredRecord

__all__ = ["StoreReader"]


class StoreReader:
    """Read access to a :class:`Store`: records, findings and their events, runs.

    ``query_findings`` takes the keyword filters of
    :func:`enforcement_supervision.store.query_findings`; ``open_findings`` is
    ``query_findings(active=True, ...)`` with an optional ``min_severity``.
    """

    __slots__ = ("_store",)

    def __init__(self, store: Store) -> None:
        self._store = store

    def __repr__(self) -> str:
        return "StoreReader()"  # never the URL: it may hold a password

    # records
    def iter_records(
        self, record_type: str | None = None, *, agency_id: str | None = None
    ) -> Iterator[StoredRecord]:
        return self._store.iter_records(record_type, agency_id=agency_id)

    def get_record(
        self, record_type: str, record_id: str, *, version: int | None = None
    ) -> StoredRecord | None:
        return self._store.get_record(record_type, record_id, version=version)

    def record_history(self, record_type: str, record_id: str) -> list[StoredRecord]:
        return self._store.record_history(record_type, record_id)

    def count_records(self, *, current_only: bool = True) -> Mapping[str, int]:
        return self._store.count_records(current_only=current_only)

    # findings
    def query_findings(self, **filters: Any) -> list[StoredFinding]:
        return query_findings(self._store, **filters)

    def open_findings(
        self, *, min_severity: Severity | str | None = None, **filters: Any
    ) -> list[StoredFinding]:
        """The active findings (as :func:`enforcement_supervision.engine.open_findings`);
        ``min_severity="S2"`` keeps S1 and S2."""
        if min_severity is not None:
            threshold = Severity.parse(min_severity)
            filters["severities"] = [s.value for s in Severity if s.at_least(threshold)]
        return query_findings(self._store, active=True, **filters)

    def get_finding(self, fingerprint: str) -> StoredFinding:
        return get_finding(self._store, fingerprint)

    def finding_events(self, fingerprint: str) -> list[FindingEvent]:
        return finding_events_of(self._store, get_finding(self._store, fingerprint).fingerprint)

    # runs
    def get_run(self, run_id: str) -> RunRecord:
        return get_run(self._store, run_id)

    def list_runs(self, *, limit: int | None = 20) -> list[RunRecord]:
        return list_runs(self._store, limit=limit)

    # the one thing a hook records
    def delivery_ledger(self) -> DeliveryLedger:
        """The clocks' delivery ledger: which channel sent which light (it writes nothing
        else)."""
        return DeliveryLedger(self._store.engine)
