"""Severity (S1–S4) and the categories of failure a rule detects."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable

from enforcement_supervision.rules._errors import RuleDefinitionError

__all__ = ["Category", "Severity"]


# --------------------------------------------------------------------------------------------
# Severity and category


class Severity(enum.Enum):
    """How serious a finding is, from S1 (the act is unlawful or void) to S4 (advisory).

    Severities are ordered by seriousness: **a more serious severity compares greater**, so
    ``Severity.S1 > Severity.S2`` and ``finding.severity >= Severity.S2`` means "S2 or worse".
    ``sorted(..., reverse=True)`` puts the most serious first.
    """

    def __str__(self) -> str:
        # The value, as in reports and JSON: f"{Severity.S1}" is "S1", not "Severity.S1".
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    S1 = "S1"
    S2 = "S2"
    S3 = "S3"
    S4 = "S4"

    @property
    def rank(self) -> int:
        """1 for S1 ... 4 for S4 (smaller is more serious)."""
        return int(self.value[1])

    def at_least(self, threshold: Severity | str) -> bool:
        """``True`` when this severity is ``threshold`` or more serious."""
        return self.rank <= Severity.parse(threshold).rank

    def label(self, lang: str = "zh") -> str:
        """A short description in ``lang``."""
        return _SEVERITY_LABELS[self][1 if lang == "en" else 0]

    @classmethod
    def parse(cls, value: Severity | str) -> Severity:
        """``"S2"``, ``"s2"`` or ``Severity.S2`` → ``Severity.S2``."""
        if isinstance(value, Severity):
            return value
        found = _SEVERITY_BY_TEXT.get(value)  # the common case, without Enum.__call__
        if found is not None:
            return found
        try:
            return cls(str(value).strip().upper())
        except ValueError:
            raise RuleDefinitionError(
                f"未知的严重程度 {value!r}（应为 S1–S4）",
                f"unknown severity {value!r} (expected S1-S4)",
            ) from None

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank


_SEVERITY_BY_TEXT: dict[object, Severity] = {member.value: member for member in Severity}

_SEVERITY_LABELS = {
    Severity.S1: ("违法或无效", "unlawful or void act"),
    Severity.S2: ("程序或期限违法", "procedural or deadline breach"),
    Severity.S3: ("公开、报告迟延或记录缺失", "late transparency/reporting or documentation gap"),
    Severity.S4: ("提示", "advisory"),
}


class Category(enum.StrEnum):
    """What kind of failure a rule detects (docs/catalog/rules.md). A rule may have several."""

    INACTION = "inaction"
    ABUSE = "abuse"
    PROCEDURE = "procedure"
    TRANSPARENCY = "transparency"
    PERSONNEL = "personnel"
    SUPERVISION_MECHANISM = "supervision-mechanism"

    def label(self, lang: str = "zh") -> str:
        """The category's name in ``lang``."""
        return _CATEGORY_LABELS[self][1 if lang == "en" else 0]

    @classmethod
    def parse_many(cls, value: Category | str | Iterable[Category | str]) -> tuple[Category, ...]:
        """``"personnel, abuse"``, ``Category.ABUSE`` or a list of either → a tuple, in order,
        without repeats."""
        items: list[Category | str]
        if isinstance(value, str):
            known = _CATEGORIES_BY_TEXT.get(value)
            if known is not None:
                return known
            items = [part for part in re.split(r"[,\s]+", value) if part]
        elif isinstance(value, Category):
            items = [value]
        else:
            items = list(value)
        result: list[Category] = []
        for item in items:
            try:
                category = cls(str(item).strip().lower())
            except ValueError:
                allowed = ", ".join(member.value for member in cls)
                raise RuleDefinitionError(
                    f"未知的类别 {item!r}（可选：{allowed}）",
                    f"unknown category {item!r} (one of: {allowed})",
                ) from None
            if category not in result:
                result.append(category)
        if isinstance(value, str) and len(_CATEGORIES_BY_TEXT) < 1000:
            _CATEGORIES_BY_TEXT[value] = tuple(result)
        return tuple(result)


#: ``parse_many`` of texts already parsed (stored findings repeat a few category lists).
_CATEGORIES_BY_TEXT: dict[str, tuple[Category, ...]] = {}

_CATEGORY_LABELS = {
    Category.INACTION: ("不作为、慢作为", "inaction"),
    Category.ABUSE: ("乱作为、越权、滥用职权", "abuse of power"),
    Category.PROCEDURE: ("程序违法", "procedural breach"),
    Category.TRANSPARENCY: ("公示、公开", "transparency"),
    Category.PERSONNEL: ("人员资格", "personnel"),
    Category.SUPERVISION_MECHANISM: ("监督机制运行", "supervision mechanism"),
}
