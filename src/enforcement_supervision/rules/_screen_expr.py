"""The expression tree of rule screens (see :mod:`._screen`): :func:`field`, :data:`AS_OF`,
comparisons, ``is_null``/``in_``/``is_empty`` tests and the combinators ``&`` ``|`` ``~``
(:func:`all_of`, :func:`any_of`). Nothing here knows a record type: binding to one is
:mod:`._screen_bind`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, TypeAlias

import attrs

from enforcement_supervision.rules._errors import RuleDefinitionError

__all__ = [
    "AS_OF",
    "AllOf",
    "AnyOf",
    "Compare",
    "CompareOp",
    "Condition",
    "FieldRef",
    "InList",
    "IsNull",
    "ListEmpty",
    "LiteralValue",
    "Not",
    "Operand",
    "PlusDays",
    "ScreenError",
    "all_of",
    "any_of",
    "field",
]

CompareOp: TypeAlias = Literal["==", "!=", "<", "<=", ">", ">="]


class ScreenError(RuleDefinitionError):
    """A screen that cannot be bound to its record type (unknown path, unsuitable type)."""

    def __init__(self, message: str) -> None:
        super().__init__(f"规则筛选条件无效：{message}", f"invalid rule screen: {message}")


# --------------------------------------------------------------------------------------------
# The expression tree (unbound: no types yet)


class Operand:
    """A value a condition compares: a field, a literal, :data:`AS_OF`, or a date moved by
    ``plus_days``. Comparison operators build :class:`Condition` objects."""

    def _compare(self, op: CompareOp, other: object) -> Condition:
        return Compare(op=op, left=self, right=_operand(other))

    def __eq__(self, other: object) -> Condition:  # type: ignore[override]
        return self._compare("==", other)

    def __ne__(self, other: object) -> Condition:  # type: ignore[override]
        return self._compare("!=", other)

    def __lt__(self, other: object) -> Condition:
        return self._compare("<", other)

    def __le__(self, other: object) -> Condition:
        return self._compare("<=", other)

    def __gt__(self, other: object) -> Condition:
        return self._compare(">", other)

    def __ge__(self, other: object) -> Condition:
        return self._compare(">=", other)

    __hash__ = object.__hash__

    def plus_days(self, days: int) -> Operand:
        """This date moved by ``days`` calendar days (negative: earlier)."""
        if isinstance(days, bool) or not isinstance(days, int):
            raise ScreenError(f"plus_days takes a whole number of days, not {days!r}")
        return PlusDays(base=self, days=days)


@attrs.frozen(eq=False)
class FieldRef(Operand):
    """A stored field of the subject record, by dotted path."""

    path: str

    def is_null(self) -> Condition:
        """True when the field is absent or null."""
        return IsNull(operand=self, negate=False)

    def is_not_null(self) -> Condition:
        """True when the field holds a value."""
        return IsNull(operand=self, negate=True)

    def in_(self, values: Iterable[object]) -> Condition:
        """True when the field holds one of ``values`` (false when null)."""
        return InList(operand=self, values=tuple(values), negate=False)

    def not_in(self, values: Iterable[object]) -> Condition:
        """True when the field holds a value that is none of ``values`` (false when null)."""
        return InList(operand=self, values=tuple(values), negate=True)

    def not_done_by(self, *bounds: Operand) -> Condition:
        """For the date of an act due by a deadline, the usual screen of a deadline rule: true
        when the act is not recorded, is dated after any of ``bounds`` (the earliest days the
        deadline can end), or is dated after the day checked: a check as of an earlier day
        does not see the act, so the duty is still open then and its clock runs."""
        if not bounds:
            raise ScreenError("not_done_by needs at least one bound (the deadline's earliest end)")
        return AnyOf(items=(self.is_null(), *(self > bound for bound in bounds), self > AS_OF))

    def is_empty(self) -> Condition:
        """For a list: true when it is absent, null or empty."""
        return ListEmpty(operand=self, negate=False)

    def not_empty(self) -> Condition:
        """For a list: true when it has at least one item."""
        return ListEmpty(operand=self, negate=True)


@attrs.frozen(eq=False)
class _AsOf(Operand):
    """The check's as-of day (a date)."""

    def __repr__(self) -> str:
        return "AS_OF"


@attrs.frozen(eq=False)
class LiteralValue(Operand):
    """A constant; its type is the type of what it is compared with."""

    value: object


@attrs.frozen(eq=False)
class PlusDays(Operand):
    """A date moved by a number of calendar days."""

    base: Operand
    days: int


def _operand(value: object) -> Operand:
    return value if isinstance(value, Operand) else LiteralValue(value)


class Condition:
    """A true/false condition over one record; combine with ``&``, ``|`` and ``~``."""

    def __and__(self, other: Condition) -> Condition:
        return all_of(self, other)

    def __or__(self, other: Condition) -> Condition:
        return any_of(self, other)

    def __invert__(self) -> Condition:
        return Not(item=self)

    def __bool__(self) -> bool:
        # ``a < b < c``, ``and``/``or`` and ``if cond`` would silently drop a part.
        raise TypeError("a screen condition has no truth value: combine with & | ~")


@attrs.frozen(eq=False)
class Compare(Condition):
    op: CompareOp
    left: Operand
    right: Operand


@attrs.frozen(eq=False)
class IsNull(Condition):
    operand: FieldRef
    negate: bool


@attrs.frozen(eq=False)
class InList(Condition):
    operand: FieldRef
    values: tuple[object, ...]
    negate: bool


@attrs.frozen(eq=False)
class ListEmpty(Condition):
    operand: FieldRef
    negate: bool


@attrs.frozen(eq=False)
class AllOf(Condition):
    items: tuple[Condition, ...]


@attrs.frozen(eq=False)
class AnyOf(Condition):
    items: tuple[Condition, ...]


@attrs.frozen(eq=False)
class Not(Condition):
    item: Condition


def _conditions(items: Sequence[Condition]) -> tuple[Condition, ...]:
    for item in items:
        if not isinstance(item, Condition):
            raise ScreenError(f"{item!r} is not a screen condition")
    return tuple(items)


def all_of(*items: Condition) -> Condition:
    """True when every item is (true when there are none)."""
    return AllOf(items=_conditions(items))


def any_of(*items: Condition) -> Condition:
    """True when at least one item is (false when there are none)."""
    return AnyOf(items=_conditions(items))


def field(path: str) -> FieldRef:
    """A stored field of the rule's subject record: ``field("decision.decision_date")``.

    Field names are those of the record model; absent and null are the same. Its type (and
    so how it compares) comes from the model when the screen is bound to the rule.
    """
    if not isinstance(path, str) or not path or any(not part for part in path.split(".")):
        raise ScreenError(f"{path!r} is not a dotted field path")
    return FieldRef(path=path)


AS_OF: Operand = _AsOf()
"""The check's as-of day: ``field("filed_date").plus_days(90) < AS_OF``."""
