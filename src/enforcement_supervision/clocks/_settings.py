"""The ``[clocks]`` section: when a clock turns yellow, per rule or category.

::

    [clocks]
    yellow_percent = 20        # yellow when at most 20 % of the period remains …
    yellow_working_days = 3    # … or at most 3 working days, whichever comes first

    [clocks.categories.inaction]
    yellow_working_days = 5

    [clocks.rules."PEN-DECISION-90D"]
    yellow_percent = 25

A rule's own table wins over its categories' (the first of the rule's categories that has a
table, ``docs/catalog/rules.md``), which win over the section's defaults. Red is
not configurable: a clock is red from the day after its due date, the day the law is broken.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

import attrs

from enforcement_supervision.config import Config
from enforcement_supervision.errors import ConfigurationError

__all__ = ["ClockSettings", "Thresholds"]

_KEYS = ("yellow_percent", "yellow_working_days")


@attrs.frozen(kw_only=True)
class Thresholds:
    """When a clock turns yellow: at most ``yellow_percent`` % of its period left (in its own
    unit), or at most ``yellow_working_days`` working days left, whichever comes first."""

    yellow_percent: float = 20.0
    yellow_working_days: int = 3

    def to_dict(self) -> dict[str, Any]:
        return {
            "yellow_percent": self.yellow_percent,
            "yellow_working_days": self.yellow_working_days,
        }


def _thresholds(table: Mapping[str, Any], where: str, base: Thresholds) -> Thresholds:
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise ConfigurationError(
            f"{where} 中有未知的键 {', '.join(unknown)}（可用：{', '.join(_KEYS)}）",
            f"{where} has unknown keys {', '.join(unknown)} (known: {', '.join(_KEYS)})",
        )
    percent = table.get("yellow_percent", base.yellow_percent)
    if isinstance(percent, bool) or not isinstance(percent, int | float) or not 0 <= percent <= 100:
        raise ConfigurationError(
            f"{where} yellow_percent 应为 0 到 100 之间的数，而不是 {percent!r}",
            f"{where} yellow_percent must be a number from 0 to 100, not {percent!r}",
        )
    days = table.get("yellow_working_days", base.yellow_working_days)
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ConfigurationError(
            f"{where} yellow_working_days 应为非负整数，而不是 {days!r}",
            f"{where} yellow_working_days must be a non-negative integer, not {days!r}",
        )
    return Thresholds(yellow_percent=float(percent), yellow_working_days=days)


def _tables(section: Mapping[str, Any], name: str) -> Mapping[str, Mapping[str, Any]]:
    value = section.get(name) or {}
    if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
        raise ConfigurationError(
            f"[clocks.{name}] 应为按名称分的表",
            f"[clocks.{name}] must be tables keyed by name",
        )
    return value


@attrs.frozen(kw_only=True)
class ClockSettings:
    """The thresholds of the deployment: defaults, per category, per rule."""

    default: Thresholds = Thresholds()
    categories: Mapping[str, Thresholds] = attrs.field(factory=dict)
    rules: Mapping[str, Thresholds] = attrs.field(factory=dict)

    @classmethod
    def from_config(cls, config: Config | None) -> ClockSettings:
        section = config.section("clocks") if config is not None else {}
        plain = {k: v for k, v in section.items() if k not in ("categories", "rules")}
        default = _thresholds(plain, "[clocks]", Thresholds())
        categories = {
            str(name): _thresholds(table, f"[clocks.categories.{name}]", default)
            for name, table in _tables(section, "categories").items()
        }
        rules = {
            str(name): _thresholds(table, f'[clocks.rules."{name}"]', default)
            for name, table in _tables(section, "rules").items()
        }
        return cls(default=default, categories=categories, rules=rules)

    def for_clock(self, rule_id: str, categories: str | None) -> Thresholds:
        """The thresholds of a rule: its own, else those of the first of its
        ``categories`` (comma-separated) that has some, else the defaults."""
        found = self.rules.get(rule_id)
        for category in (categories or "").split(","):
            if found is not None:
                break
            found = self.categories.get(category.strip())
        return found if found is not None else self.default

    @property
    def digest(self) -> str:
        """Changes when any threshold changes (stored clocks are then recomputed)."""
        data = {
            "default": self.default.to_dict(),
            "categories": {k: v.to_dict() for k, v in sorted(self.categories.items())},
            "rules": {k: v.to_dict() for k, v in sorted(self.rules.items())},
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
