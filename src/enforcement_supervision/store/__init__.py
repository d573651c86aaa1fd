"""The store: records (versioned), findings with their hash-chained event log, check runs.

The public API is the read API: :class:`Store` (open, put and read records) and the
queries on findings, their events and runs. The SQLAlchemy tables and the engine's state
between runs are private (:mod:`enforcement_supervision.store._internal`); their old names
here still resolve for one release, with a :class:`DeprecationWarning`.
"""

from enforcement_supervision._compat import moved_names
from enforcement_supervision.store._deliveries import DeliveryLedger
from enforcement_supervision.store._findings import (
    ChainBreak,
    EventKind,
    FindingEvent,
    FindingNotFoundError,
    FindingStatus,
    StoredFinding,
    active_finding_counts,
    chain_lock,
    count_finding_events,
    finding_events_of,
    get_finding,
    iter_chain,
    iter_findings,
    query_findings,
    verify_event_chain,
)
from enforcement_supervision.store._locks import (
    EXIT_LOCKED,
    CheckLock,
    CheckLockedError,
    CheckLockLostError,
)
from enforcement_supervision.store._reader import StoreReader
from enforcement_supervision.store._runs import (
    RunNotFoundError,
    RunOutcome,
    RunRecord,
    get_run,
    list_runs,
)
from enforcement_supervision.store._store import (
    PutResult,
    Store,
    StoredRecord,
    StoreError,
    resolve_db_url,
)

__all__ = [
    "EXIT_LOCKED",
    "ChainBreak",
    "CheckLock",
    "CheckLockLostError",
    "CheckLockedError",
    "DeliveryLedger",
    "EventKind",
    "FindingEvent",
    "FindingNotFoundError",
    "FindingStatus",
    "PutResult",
    "RunNotFoundError",
    "RunOutcome",
    "RunRecord",
    "Store",
    "StoreError",
    "StoreReader",
    "StoredFinding",
    "StoredRecord",
    "active_finding_counts",
    "chain_lock",
    "count_finding_events",
    "finding_events_of",
    "get_finding",
    "get_run",
    "iter_chain",
    "iter_findings",
    "list_runs",
    "query_findings",
    "resolve_db_url",
    "verify_event_chain",
]

__getattr__ = moved_names(
    __name__,
    {
        name: f"enforcement_supervision.store._internal:{name}"
        for name in (
            "ACTIVE_EXCLUDED_STATUSES",
            "ENGINE_STATUSES",
            "NewEvent",
            "PreparedRecord",
            "RETROSPECTIVE",
            "RecordRow",
            "RuleCheckpoint",
            "SubjectResult",
            "Transition",
            "append_events",
            "changed_records",
            "create_run",
            "delete_checkpoints",
            "dependents",
            "describe_subjects",
            "due_subjects",
            "event_hash",
            "fetch_records",
            "finding_chain",
            "finding_events",
            "finding_followup",
            "finding_sources",
            "findings",
            "finish_run",
            "group_keys",
            "group_member_keys",
            "group_members",
            "latest_check_as_of",
            "load_checkpoints",
            "mark_due",
            "metadata",
            "record_key",
            "record_results",
            "records",
            "replace_memberships",
            "rule_checkpoints",
            "rule_dependencies",
            "rule_state",
            "runs",
            "save_checkpoints",
            "scan_records",
            "split_key",
            "stale_subjects",
            "state_counts",
            "update_memberships",
        )
    },
)
