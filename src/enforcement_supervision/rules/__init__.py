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

from collections.abc import Iterator, Mapping

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
from enforcement_supervision.rules._screen import AS_OF, Screen, all_of, any_of, field
from enforcement_supervision.rules.hookspecs import hookimpl

__all__ = [
    "AS_OF",
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
    "Screen",
    "Severity",
    "Text",
    "Undecided",
    "all_of",
    "any_of",
    "field",
    "hookimpl",
    "pack_parameter",
    "rule",
]

# The records of errors were called RuleError / HookError; those names are exceptions now.
_RENAMED = {
    "RuleError": "enforcement_supervision._host:RuleErrorRecord",
    "HookError": "enforcement_supervision._host:HookErrorRecord",
}
#: Names the host gained with the author/host split: they never lived here.
_NEW_IN_HOST = frozenset({"HOOK_API_MIN", "HookErrorRecord", "RuleErrorRecord"})


class _MovedToHost(Mapping[str, str]):
    """Every host name that lived here before the author/host split (one release of warnings):
    the names of :mod:`enforcement_supervision._host`, read when first asked for, because the
    host's modules import this package."""

    def _names(self) -> dict[str, str]:
        from enforcement_supervision import _host

        moved = {
            name: f"enforcement_supervision._host:{name}"
            for name in _host.__all__
            if name not in _NEW_IN_HOST
        }
        return moved | _RENAMED

    def __getitem__(self, name: str) -> str:
        return self._names()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


__getattr__ = moved_names(__name__, _MovedToHost())
