"""A rule's settings for one deployment (parameters after overrides, enabled)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from enforcement_supervision.rules._law import LawInForce
from enforcement_supervision.rules._meta import Parameter, Rule

__all__ = ["RuleSettings"]


@attrs.frozen(kw_only=True)
class RuleSettings:
    """A rule as configured for this deployment: its parameters after overrides and whether
    it is enabled. ``sources`` says where each overridden parameter came from
    (``"config"``, ``"pack-config"`` or ``"plugin:<name>"``); ``law`` is the deployment's
    local law in force (the same for every rule)."""

    rule: Rule
    parameters: Mapping[str, Parameter]
    enabled: bool = True
    sources: Mapping[str, str] = attrs.field(factory=dict)
    law: LawInForce = attrs.field(factory=LawInForce)

    def value(self, name: str, on: date) -> Any:
        """The value of parameter ``name`` in force on ``on``."""
        return self.parameters[name].value_on(on)

    def digest(self) -> str:
        """SHA-256 of the rule id, version and effective parameter values: when it changes,
        the engine must evaluate the rule again over every subject."""
        payload = json.dumps(
            {
                "id": self.rule.id,
                "version": self.rule.version,
                "enabled": self.enabled,
                "parameters": {
                    name: parameter.to_dict() for name, parameter in sorted(self.parameters.items())
                },
                "local_instruments": sorted(self.law.local_instruments),
            },
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @classmethod
    def defaults(cls, rule: Rule) -> RuleSettings:
        """The rule's declared parameters, unchanged."""
        return cls(rule=rule, parameters={p.name: p for p in rule.parameters})
