"""The evaluation engine: select what is due, evaluate rules, reconcile findings, record runs.

:func:`run_check` is the one entry point (``esup check`` calls it); findings and runs are
read back with :func:`open_findings`, :func:`get_finding`, :func:`finding_history`,
:func:`list_runs` and :func:`get_run`, and the event log is checked with
:func:`verify_event_chain`. See ``docs/guide/embedding.md`` and ``docs/guide/checks.md``.
"""

from __future__ import annotations

from enforcement_supervision.engine._lookup import StoreLookup
from enforcement_supervision.engine._read import finding_history, get_finding, open_findings
from enforcement_supervision.engine._result import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_RULE_ERRORS,
    Progress,
    ProgressCallback,
    RunErrorRecord,
    RunResult,
)
from enforcement_supervision.engine._run import run_check
from enforcement_supervision.engine._select import select_rules
from enforcement_supervision.engine._settings import (
    EngineSettings,
    EngineUsageError,
    RunError,
    parse_as_of,
    parse_fail_on,
    resolve_workers,
)
from enforcement_supervision.engine._sources import SourceSync, sync_sources
from enforcement_supervision.store import (
    ChainBreak,
    FindingEvent,
    FindingNotFoundError,
    FindingStatus,
    RunNotFoundError,
    RunRecord,
    StoredFinding,
    get_run,
    list_runs,
    query_findings,
    verify_event_chain,
)

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_RULE_ERRORS",
    "ChainBreak",
    "EngineSettings",
    "EngineUsageError",
    "FindingEvent",
    "FindingNotFoundError",
    "FindingStatus",
    "Progress",
    "ProgressCallback",
    "RunError",
    "RunErrorRecord",
    "RunNotFoundError",
    "RunRecord",
    "RunResult",
    "SourceSync",
    "StoreLookup",
    "StoredFinding",
    "finding_history",
    "get_finding",
    "get_run",
    "list_runs",
    "open_findings",
    "parse_as_of",
    "parse_fail_on",
    "query_findings",
    "resolve_workers",
    "run_check",
    "select_rules",
    "sync_sources",
    "verify_event_chain",
]
