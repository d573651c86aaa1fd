"""The host's machinery for rules and plugins: what the engine, the CLI, the reports and
test harnesses use to load, run and test rules (as :mod:`_pytest` is to :mod:`pytest`).

Rule authors need none of this: they write with :mod:`enforcement_supervision.rules` and
test with :mod:`enforcement_supervision.testing`. Embedders and host-side tools (the engine,
a plugin's own test suite driving the evaluator) import from here. The names are re-exported
from private modules; the list below is pinned by ``tests/test_public_api.py``.
"""

from __future__ import annotations

from enforcement_supervision.rules._builders import build_record, record_defaults
from enforcement_supervision.rules._cases import (
    Case,
    CaseFile,
    CaseReport,
    CaseResult,
    RuleCoverage,
    load_case_file,
    load_cases,
    run_case,
    run_cases,
)
from enforcement_supervision.rules._context import (
    Evaluator,
    MappingLookup,
    Note,
    Outcome,
    RecordLookup,
    RuleErrorRecord,
    make_groups,
)
from enforcement_supervision.rules._errors import (
    DuplicateRuleError,
    RuleDefinitionError,
    RuleDeprecationWarning,
    RuleError,
    RuleUsageError,
)
from enforcement_supervision.rules._finding import Reasons, Subject, fingerprint
from enforcement_supervision.rules._json import JSONValue, to_json_value
from enforcement_supervision.rules._law import instruments_cited
from enforcement_supervision.rules._manager import (
    ENTRY_POINT_GROUP,
    HookCallResult,
    HookError,
    HookErrorRecord,
    PluginInfo,
    PluginManager,
    PluginStatus,
    UnknownRuleError,
    load_plugins,
)
from enforcement_supervision.rules._meta import CheckFunction, RuleDocs
from enforcement_supervision.rules._settings import RuleSettings
from enforcement_supervision.rules.hookspecs import (
    HOOK_API_MIN,
    HOOK_API_VERSION,
    EsupHookDeprecationWarning,
    RecordSource,
    RunInfo,
    hookspec,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "HOOK_API_MIN",
    "HOOK_API_VERSION",
    "Case",
    "CaseFile",
    "CaseReport",
    "CaseResult",
    "CheckFunction",
    "DuplicateRuleError",
    "EsupHookDeprecationWarning",
    "Evaluator",
    "HookCallResult",
    "HookError",
    "HookErrorRecord",
    "JSONValue",
    "MappingLookup",
    "Note",
    "Outcome",
    "PluginInfo",
    "PluginManager",
    "PluginStatus",
    "Reasons",
    "RecordLookup",
    "RecordSource",
    "RuleCoverage",
    "RuleDefinitionError",
    "RuleDeprecationWarning",
    "RuleDocs",
    "RuleError",
    "RuleErrorRecord",
    "RuleSettings",
    "RuleUsageError",
    "RunInfo",
    "Subject",
    "UnknownRuleError",
    "build_record",
    "fingerprint",
    "hookspec",
    "instruments_cited",
    "load_case_file",
    "load_cases",
    "load_plugins",
    "make_groups",
    "record_defaults",
    "run_case",
    "run_cases",
    "to_json_value",
]
