"""Amount and count conventions shared by the rules.

Chinese statutes say whether a limit includes the number itself by the word they use
(民法典 Art. 1259: "以上、以下、以内、届满，包括本数；不满、超过、以外，不包括本数"):

* 以上 (at least), 以下 / 以内 (at most), 届满 (reached): the number itself is included;
* 超过 (more than), 不满 (less than), 以外 (beyond): the number itself is excluded.

The helpers below name the comparison, and their docstrings name the words, so a rule reads
like the statute: ``exceeds(fine, 200)`` for "罚款超过二百元", ``at_most(fine, 200)`` for
"二百元以下". They work on any ordered values: ``Decimal`` yuan, counts, dates.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

__all__ = ["at_least", "at_most", "exceeds", "less_than", "within"]


class _Ordered(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...
    def __le__(self, other: Any, /) -> bool: ...


T = TypeVar("T", bound=_Ordered)


def at_most(value: T, limit: T) -> bool:
    """``value <= limit``: "以下"、"以内"、"不超过" — the number itself is included.

    Example: 简易程序 "二百元以下罚款" allows exactly 200 yuan.
    """
    return value <= limit


def at_least(value: T, limit: T) -> bool:
    """``value >= limit``: "以上"、"届满"、"不少于" — the number itself is included.

    Example: "执法人员不得少于两人" is met by exactly two officers.
    """
    return limit <= value


def exceeds(value: T, limit: T) -> bool:
    """``value > limit``: "超过"、"以外" — the number itself is excluded.

    Example: "超过二百元" is not met by exactly 200 yuan.
    """
    return limit < value


def less_than(value: T, limit: T) -> bool:
    """``value < limit``: "不满"、"不足"、"低于" — the number itself is excluded.

    Example: "不满十四周岁" does not include the day the person turns fourteen.
    """
    return value < limit


def within(value: T, low: T, high: T) -> bool:
    """``low <= value <= high``: "…以上…以下" — both numbers are included.

    Example: "五千元以上五万元以下罚款" allows 5,000 and 50,000 yuan.
    """
    return low <= value <= high
