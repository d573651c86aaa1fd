"""enforcement-supervision: administrative law-enforcement supervision (行政执法监督).

The deliberate public API is re-exported here; everything else lives in sub-packages whose
names start with an underscore or is documented as internal. Names are imported on first
use, so ``import enforcement_supervision`` stays cheap (worker processes and the CLI start
fast), while ``from enforcement_supervision import Store`` works as usual.

An embedding program imports, checks and reads findings from here: :func:`import_file`,
:func:`run_check` (a :class:`RunResult`), :func:`open_findings`, :func:`query_findings`,
:func:`get_finding`, :func:`finding_history`, :func:`list_runs`; the follow-through
(notify, rectify, close, waive …) is :mod:`followup` (``enforcement_supervision.followup``),
with :func:`list_findings` and :func:`overdue_findings` here too. The library prints
nothing: configure ``logging`` (or structlog) to see its events (``docs/guide/embedding.md``).

Layers, from the bottom: :mod:`~enforcement_supervision.model`,
:mod:`~enforcement_supervision.statutory_time`, :mod:`~enforcement_supervision.rules`,
:mod:`~enforcement_supervision.store`, :mod:`~enforcement_supervision.ingest`, the engine,
the CLI.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from enforcement_supervision._version import __version__

if TYPE_CHECKING:
    from enforcement_supervision import followup
    from enforcement_supervision._host import PluginManager, load_plugins
    from enforcement_supervision.engine import (
        RunResult,
        finding_history,
        get_finding,
        list_runs,
        open_findings,
        run_check,
    )
    from enforcement_supervision.errors import ConfigurationError, EsupError
    from enforcement_supervision.followup import (
        FollowupError,
        TransitionError,
        list_findings,
        overdue_findings,
    )
    from enforcement_supervision.ingest import ImportReport, export_jsonl, import_file
    from enforcement_supervision.model import (
        RECORD_TYPES,
        FieldErrorRecord,
        RecordValidationError,
        structure_record,
        unstructure_record,
    )
    from enforcement_supervision.rules import (
        Category,
        Context,
        Finding,
        Group,
        GroupBy,
        LegalBasis,
        Parameter,
        Rule,
        Severity,
        hookimpl,
        rule,
    )
    from enforcement_supervision.statutory_time import (
        CalendarUnavailable,
        Deadline,
        StatutoryCalendar,
        default_calendar,
    )
    from enforcement_supervision.store import FindingStatus, Store, StoredFinding, query_findings

_EXPORTS: dict[str, str] = {
    "ConfigurationError": "enforcement_supervision.errors",
    "EsupError": "enforcement_supervision.errors",
    "ImportReport": "enforcement_supervision.ingest",
    "export_jsonl": "enforcement_supervision.ingest",
    "import_file": "enforcement_supervision.ingest",
    "RECORD_TYPES": "enforcement_supervision.model",
    "FieldErrorRecord": "enforcement_supervision.model",
    "RecordValidationError": "enforcement_supervision.model",
    "structure_record": "enforcement_supervision.model",
    "unstructure_record": "enforcement_supervision.model",
    "Category": "enforcement_supervision.rules",
    "Context": "enforcement_supervision.rules",
    "Finding": "enforcement_supervision.rules",
    "Group": "enforcement_supervision.rules",
    "GroupBy": "enforcement_supervision.rules",
    "LegalBasis": "enforcement_supervision.rules",
    "Parameter": "enforcement_supervision.rules",
    "PluginManager": "enforcement_supervision._host",
    "Rule": "enforcement_supervision.rules",
    "Severity": "enforcement_supervision.rules",
    "hookimpl": "enforcement_supervision.rules",
    "load_plugins": "enforcement_supervision._host",
    "rule": "enforcement_supervision.rules",
    "CalendarUnavailable": "enforcement_supervision.statutory_time",
    "Deadline": "enforcement_supervision.statutory_time",
    "StatutoryCalendar": "enforcement_supervision.statutory_time",
    "default_calendar": "enforcement_supervision.statutory_time",
    "Store": "enforcement_supervision.store",
    "StoredFinding": "enforcement_supervision.store",
    "FindingStatus": "enforcement_supervision.store",
    "query_findings": "enforcement_supervision.store",
    "RunResult": "enforcement_supervision.engine",
    "finding_history": "enforcement_supervision.engine",
    "get_finding": "enforcement_supervision.engine",
    "list_runs": "enforcement_supervision.engine",
    "open_findings": "enforcement_supervision.engine",
    "run_check": "enforcement_supervision.engine",
    "FollowupError": "enforcement_supervision.followup",
    "TransitionError": "enforcement_supervision.followup",
    "list_findings": "enforcement_supervision.followup",
    "overdue_findings": "enforcement_supervision.followup",
}

__all__ = [
    "RECORD_TYPES",
    "CalendarUnavailable",
    "Category",
    "ConfigurationError",
    "Context",
    "Deadline",
    "EsupError",
    "FieldErrorRecord",
    "Finding",
    "FindingStatus",
    "FollowupError",
    "Group",
    "GroupBy",
    "ImportReport",
    "LegalBasis",
    "Parameter",
    "PluginManager",
    "RecordValidationError",
    "Rule",
    "RunResult",
    "Severity",
    "StatutoryCalendar",
    "Store",
    "StoredFinding",
    "TransitionError",
    "__version__",
    "default_calendar",
    "export_jsonl",
    "finding_history",
    "followup",
    "get_finding",
    "hookimpl",
    "import_file",
    "list_findings",
    "list_runs",
    "load_plugins",
    "open_findings",
    "overdue_findings",
    "query_findings",
    "rule",
    "run_check",
    "structure_record",
    "unstructure_record",
]


#: Names renamed or moved since the last release (they warn for one release).
_MOVED: dict[str, str] = {"FieldError": "enforcement_supervision.model:FieldErrorRecord"}


def __getattr__(name: str) -> Any:
    if name == "followup":  # the follow-through verbs, as a module (notify, close, ...)
        return importlib.import_module("enforcement_supervision.followup")
    module = _EXPORTS.get(name)
    if module is None and name in _MOVED:
        from enforcement_supervision._compat import moved_names

        return moved_names(__name__, _MOVED)(name)
    if module is None:
        raise AttributeError(f"module 'enforcement_supervision' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
