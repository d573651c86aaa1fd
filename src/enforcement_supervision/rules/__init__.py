"""What a rule author writes with.

Write a rule with :func:`rule`, declare the texts of its findings as :class:`Message`
templates (:class:`Text` for a shared phrase), cite provisions of :class:`Instrument` objects
(``APL.art("60")``) or give a :class:`LegalBasis`, give it parameters (:class:`Parameter`,
with :class:`DatedValue` values; :func:`pack_parameter` for one value shared by the rules of
a pack), build findings through the :class:`Context` (``ctx.finding("kind", key=...,
facts=...)``, with :class:`Evidence` and a :class:`DeadlineReason`), and ship it in a plugin
whose ``esup_rules`` hook (marked with :data:`hookimpl`; every hook is documented in
:mod:`enforcement_supervision.rules.hookspecs`) returns it. Test it with
:mod:`enforcement_supervision.testing`.

The host's machinery (the plugin manager, the evaluator, outcomes, groups, the case runner)
lives in :mod:`enforcement_supervision._host`; its names are still importable from here for
one release, with a :class:`DeprecationWarning`.
"""

from __future__ import annotations

from enforcement_supervision._compat import moved_names
from enforcement_supervision.rules._context import Context, Group
from enforcement_supervision.rules._errors import RuleConfigurationError, Undecided
from enforcement_supervision.rules._finding import DeadlineReason, Evidence, Finding
from enforcement_supervision.rules._law import Instrument, LawInForce
from enforcement_supervision.rules._messages import Message, Text
from enforcement_supervision.rules._meta import (
    Category,
    DatedValue,
    GroupBy,
    LegalBasis,
    Parameter,
    Rule,
    Severity,
    rule,
)
from enforcement_supervision.rules._params import pack_parameter
from enforcement_supervision.rules.hookspecs import hookimpl

__all__ = [
    "Category",
    "Context",
    "DatedValue",
    "DeadlineReason",
    "Evidence",
    "Finding",
    "Group",
    "GroupBy",
    "Instrument",
    "LawInForce",
    "LegalBasis",
    "Message",
    "Parameter",
    "Rule",
    "RuleConfigurationError",
    "Severity",
    "Text",
    "Undecided",
    "hookimpl",
    "pack_parameter",
    "rule",
]

#: Host names that lived here before the author/host split (one release of warnings).
_MOVED = {
    name: f"enforcement_supervision._host:{name}"
    for name in (
        "ENTRY_POINT_GROUP",
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
    )
}
# The records of errors were called RuleError / HookError; those names are exceptions now.
_MOVED["RuleError"] = "enforcement_supervision._host:RuleErrorRecord"
_MOVED["HookError"] = "enforcement_supervision._host:HookErrorRecord"

__getattr__ = moved_names(__name__, _MOVED)
