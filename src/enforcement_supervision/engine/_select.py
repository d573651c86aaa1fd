"""Which rules a check runs, and the digests that tell when a rule must start over."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections.abc import Iterable

from enforcement_supervision._host import PluginManager, RuleSettings
from enforcement_supervision.engine._settings import EngineUsageError
from enforcement_supervision.rules import Category, Rule
from enforcement_supervision.rules._disabled import did_you_mean
from enforcement_supervision.statutory_time import StatutoryCalendar

__all__ = ["calendar_digest", "rule_digest", "select_rules"]

#: Bumped when the engine changes what it stores per subject, so every rule starts over.
ENGINE_STATE_VERSION = "1"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _split(patterns: Iterable[str]) -> list[str]:
    out: list[str] = []
    for pattern in patterns:
        out.extend(part.strip() for part in pattern.split(",") if part.strip())
    return out


def select_rules(
    manager: PluginManager, patterns: Iterable[str] = (), *, option: str = "--rules"
) -> list[Rule]:
    """The loaded rules named by ``patterns``: rule ids, shell-style globs (``PEN-*``),
    categories (``inaction``) or plugin names (``esup-example-local-rules``); comma-separated
    lists are split. No patterns: every rule. A pattern that matches nothing is an error
    (a typo must not silently check nothing)."""
    wanted = _split(patterns)
    rules = manager.rules()
    if not wanted:
        return rules
    categories = {category.value for category in Category}
    chosen: dict[str, Rule] = {}
    for pattern in wanted:
        lowered = pattern.lower()
        if lowered in categories:
            matched = [rule for rule in rules if any(c.value == lowered for c in rule.categories)]
        else:
            matched = [
                rule
                for rule in rules
                if fnmatch.fnmatchcase(rule.id, pattern.upper())
                or _normalise(rule.plugin or "") == _normalise(pattern)
                or _normalise(rule.distribution or "") == _normalise(pattern)
            ]
        if not matched:
            names = {rule.id for rule in rules} | categories
            names |= {rule.plugin for rule in rules if rule.plugin}
            hint_zh, hint_en = did_you_mean(pattern, names)
            raise EngineUsageError(
                f"{option} {pattern}：没有匹配的规则{hint_zh}"
                "（可用规则编号、通配符、类别或插件名）",
                f"{option} {pattern}: no rule matches{hint_en} (give rule ids, globs, "
                "categories or plugin names)",
            )
        for rule in matched:
            chosen[rule.id] = rule
    return [chosen[rule_id] for rule_id in sorted(chosen)]


def calendar_digest(calendar: StatutoryCalendar) -> str:
    """SHA-256 of everything in the calendar that can change a deadline or its trace: a
    newly loaded schedule year moves deadlines, so every rule starts over."""
    payload = {
        "provisional": calendar.provisional,
        "provisional_years": list(calendar.provisional_years),
        "schedules": [
            {
                "year": schedule.year,
                "rest": sorted(day.isoformat() for day in schedule.rest_days),
                "makeup": sorted(day.isoformat() for day in schedule.makeup_workdays),
                "holidays": [
                    [
                        holiday.name,
                        holiday.name_en,
                        sorted(day.isoformat() for day in holiday.rest_days),
                        sorted(day.isoformat() for day in holiday.makeup_workdays),
                    ]
                    for holiday in schedule.holidays
                ],
            }
            for schedule in calendar.schedules
        ],
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def rule_digest(rule: Rule, settings: RuleSettings, calendar: str) -> str:
    """SHA-256 of what a rule's stored answers rest on: its settings digest (id, version,
    parameters), the metadata that enters findings or decides what it sees (severity,
    categories, legal basis, record types, grouping, validity), the calendar digest and the
    engine's state version. Function-valued fields (group keys, facts dates) are left out
    on purpose: their ``repr`` changes between processes; change the rule's version instead.
    """
    payload = {
        "engine": ENGINE_STATE_VERSION,
        "settings": settings.digest(),
        "calendar": calendar,
        "severity": rule.severity.value,
        "categories": [category.value for category in rule.categories],
        "legal_basis": [basis.to_dict() for basis in rule.legal_basis],
        "applies_to": list(rule.applies_to),
        "group": None
        if rule.group_by is None
        else {"name": rule.group_by.name, "anchor": rule.group_by.anchor},
        "valid_from": None if rule.valid_from is None else rule.valid_from.isoformat(),
        "valid_to": None if rule.valid_to is None else rule.valid_to.isoformat(),
        "plugin": rule.plugin,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
