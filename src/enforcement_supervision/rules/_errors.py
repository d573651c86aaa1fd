"""Errors of the rule layer."""

from __future__ import annotations

from enforcement_supervision.errors import ConfigurationError, EsupError

__all__ = [
    "DuplicateRuleError",
    "PluginLoadError",
    "RuleConfigurationError",
    "RuleDefinitionError",
    "RuleDeprecationWarning",
    "RuleError",
    "RuleUsageError",
    "Undecided",
]


class RuleError(EsupError):
    """Base of the rule layer's exceptions (a bad declaration, a body misusing the context).

    What a rule body raised during a run is not raised again: the engine keeps it as a
    :class:`~enforcement_supervision._host.RuleErrorRecord`.
    """


class RuleDefinitionError(RuleError):
    """A rule's declaration is invalid (bad id, missing title, no legal basis, ...).

    Raised by the :func:`~enforcement_supervision.rules.rule` decorator and by the plugin
    manager when it validates the rules a plugin contributes; the manager reports the plugin
    as an error and skips it.
    """


class DuplicateRuleError(RuleDefinitionError):
    """Two plugins (or one plugin twice) contribute the same rule id."""


class RuleUsageError(RuleError):
    """A rule body used the context wrongly (unknown parameter, duplicate finding, ...).

    This is a bug in the rule, not in the data: the engine records it as an error outcome
    of that (plugin, rule) pair.
    """


class RuleConfigurationError(ConfigurationError, RuleError):
    """A ``[rules."ID"]`` table or a parameter override does not fit the rule it names."""


class PluginLoadError(RuleError):
    """A plugin could not be loaded; kept in :attr:`PluginInfo.error`, never raised by the
    manager itself."""


class Undecided(Exception):
    """Raised by :meth:`Context.undecided` to stop a rule that cannot decide.

    The evaluator catches it and records a note (not a finding) with the two messages.
    """

    def __init__(self, message_zh: str, message_en: str, *, kind: str = "undecided") -> None:
        super().__init__(f"{message_zh} / {message_en}")
        self.message_zh = message_zh
        self.message_en = message_en
        self.kind = kind


class RuleDeprecationWarning(DeprecationWarning):
    """A rule uses a form of the rule API that still works but will go (for instance
    ``ctx.finding(message_zh=..., message_en=...)`` instead of a message template)."""
