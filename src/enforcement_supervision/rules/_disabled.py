"""``[rules] disabled = [...]``: the rules a deployment switches off, by id.

A separate module so that ``esup config check`` validates the list exactly as a check reads it.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection

from enforcement_supervision.rules._errors import RuleConfigurationError

__all__ = ["DISABLED_KEY", "did_you_mean", "disabled_rule_ids"]

#: The key of the ``[rules]`` table that lists disabled rule ids (no rule is called that).
DISABLED_KEY = "disabled"


def did_you_mean(name: str, known: Collection[str]) -> tuple[str, str]:
    """The ``(zh, en)`` hint naming the closest known name, or two empty strings."""
    lowered = {item.casefold(): item for item in known}
    close = difflib.get_close_matches(name.casefold(), list(lowered), n=1, cutoff=0.6)
    if not close:
        return "", ""
    found = lowered[close[0]]
    return f"（是否指 {found}？）", f" (did you mean {found}?)"


def disabled_rule_ids(
    value: object, known: Collection[str]
) -> tuple[list[str], list[RuleConfigurationError]]:
    """The rule ids ``[rules] disabled`` names (case-insensitive, as the loaded rules spell
    them) and the problems: not a list of strings, or an id no loaded rule has. An unknown
    id is an error, not a warning: a typo must not leave a noisy rule running."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return [], [
            RuleConfigurationError(
                "[rules] disabled 必须是规则编号的列表",
                "[rules] disabled must be a list of rule ids",
            )
        ]
    by_upper = {rule_id.upper(): rule_id for rule_id in known}
    ids: list[str] = []
    problems: list[RuleConfigurationError] = []
    for item in value:
        found = by_upper.get(item.strip().upper())
        if found is None:
            hint_zh, hint_en = did_you_mean(item, known)
            problems.append(
                RuleConfigurationError(
                    f"[rules] disabled：没有编号为 {item} 的规则{hint_zh}",
                    f"[rules] disabled: no rule {item}{hint_en}",
                )
            )
        else:
            ids.append(found)
    return ids, problems
