"""The rule API and the plugin system.

Write a rule with :func:`rule`, declare the texts of its findings as :class:`Message`
templates, cite provisions of :class:`Instrument` objects (``APL.art("60")``), give it
parameters (:class:`Parameter`, with dated values; :func:`pack_parameter` for one value
shared by the rules of a pack), build findings through the :class:`Context`
(``ctx.finding("kind", key=..., facts=...)``), and ship it in a plugin whose ``esup_rules``
hook (see :mod:`enforcement_supervision.rules.hookspecs`) returns it. The
:class:`PluginManager` discovers plugins safely; the :class:`Evaluator` runs one rule over
one record or group and hands the engine an :class:`Outcome` (findings, notes, recheck time).
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
    Context,
    Evaluator,
    Group,
    MappingLookup,
    Note,
    Outcome,
    RecordLookup,
    RuleError,
    make_groups,
)
from enforcement_supervision.rules._errors import (
    DuplicateRuleError,
    RuleConfigurationError,
    RuleDefinitionError,
    RuleDeprecationWarning,
    RuleUsageError,
    Undecided,
)
from enforcement_supervision.rules._finding import (
    DeadlineReason,
    Evidence,
    Finding,
    Reasons,
    Subject,
    fingerprint,
)
from enforcement_supervision.rules._json import JSONValue, to_json_value
from enforcement_supervision.rules._law import Instrument, LawInForce, instruments_cited
from enforcement_supervision.rules._manager import (
    ENTRY_POINT_GROUP,
    HookCallResult,
    HookError,
    PluginInfo,
    PluginManager,
    PluginStatus,
    UnknownRuleError,
    load_plugins,
)
from enforcement_supervision.rules._messages import Message, Text
from enforcement_supervision.rules._meta import (
    Category,
    CheckFunction,
    DatedValue,
    GroupBy,
    LegalBasis,
    Parameter,
    Rule,
    RuleDocs,
    Severity,
    rule,
)
from enforcement_supervision.rules._params import pack_parameter
from enforcement_supervision.rules._settings import RuleSettings
from enforcement_supervision.rules.hookspecs import (
    HOOK_API_VERSION,
    EsupHookDeprecationWarning,
    RecordSource,
    RunInfo,
    hookimpl,
    hookspec,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "HOOK_API_VERSION",
    "Case",
    "CaseFile",
    "CaseReport",
    "CaseResult",
    "Category",
    "CheckFunction",
    "Context",
    "DatedValue",
    "DeadlineReason",
    "DuplicateRuleError",
    "EsupHookDeprecationWarning",
    "Evaluator",
    "Evidence",
    "Finding",
    "Group",
    "GroupBy",
    "HookCallResult",
    "HookError",
    "Instrument",
    "JSONValue",
    "LawInForce",
    "LegalBasis",
    "MappingLookup",
    "Message",
    "Note",
    "Outcome",
    "Parameter",
    "PluginInfo",
    "PluginManager",
    "PluginStatus",
    "Reasons",
    "RecordLookup",
    "RecordSource",
    "Rule",
    "RuleConfigurationError",
    "RuleCoverage",
    "RuleDefinitionError",
    "RuleDeprecationWarning",
    "RuleDocs",
    "RuleError",
    "RuleSettings",
    "RuleUsageError",
    "RunInfo",
    "Severity",
    "Subject",
    "Text",
    "Undecided",
    "UnknownRuleError",
    "build_record",
    "fingerprint",
    "hookimpl",
    "hookspec",
    "instruments_cited",
    "load_case_file",
    "load_cases",
    "load_plugins",
    "make_groups",
    "pack_parameter",
    "record_defaults",
    "rule",
    "run_case",
    "run_cases",
    "to_json_value",
]
