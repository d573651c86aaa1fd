"""An example local profile: local law a deployment puts in force by naming it.

The national rules cite national law only, and leave local numbers to parameters with
documented project defaults. Where a city or a province has its own rules — Chengdu's 一码检查
caps on inspections of one enterprise, Shenzhen's supervision code, Siping's filing of
out-of-area inspections, a province's annual review of enforcement certificates — this plugin
sets the national rules' parameters to the local values **and cites the local instrument**
(each value carries its source), but only for the instruments a deployment names::

    [law]
    local_instruments = ["cn-510100-yima-2025"]

Installed and not named, it contributes nothing: no parameter changes and no citation of
another place's rules reaches a finding or a notice. Every instrument here is an example (the
verification marks say how far each was checked); a real deployment writes its own profile
the same way (``docs/guide/local-profiles.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from enforcement_supervision.config import Config
from enforcement_supervision.rules import LawInForce, Rule, hookimpl
from esup_local_profile_example._profile import INSTRUMENTS, PROFILES, overrides_for

__version__ = "0.1.0"
#: The hook API this plugin was written for.
ESUP_HOOK_API = 1

__all__ = ["INSTRUMENTS", "PROFILES", "esup_parameter_overrides", "esup_rules"]


@hookimpl
def esup_rules() -> tuple[Rule, ...]:
    """A profile adds no rule of its own: it sets the national rules' parameters."""
    return ()


@hookimpl
def esup_parameter_overrides(config: Config) -> Mapping[str, Mapping[str, Any]] | None:
    """The parameter values of the local instruments the deployment names in
    ``[law] local_instruments`` (nothing when it names none of them)."""
    named = LawInForce.from_config(config.section("law")).local_instruments
    return overrides_for(named) or None
