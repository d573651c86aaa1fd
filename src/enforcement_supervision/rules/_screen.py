"""Rule screens: a declarative condition over a record's stored fields that selects every
subject a rule could flag, so the engine can skip the rest without running the rule.

A screen is written with :func:`field`, :data:`AS_OF`, comparisons and the combinators ``&``
``|`` ``~`` (:func:`any_of`, :func:`all_of`), and wrapped in a :class:`Screen` with the reason
why every subject outside it cannot flag. Nothing here knows a record type: a screen is bound
to one with :meth:`Screen.bind`, which looks every path up in the record model (attrs
annotations) and fails with a :class:`ScreenError` naming the path when it does not exist or
when an operation does not suit its type. The bound screen compiles to a Python predicate over
the stored payload (here) and to SQLAlchemy Core over the ``payload`` column
(:mod:`enforcement_supervision.rules._screen_sql`).

Logic is two-valued: a comparison with an absent or null value is false (never unknown), so
``~`` means "everything else" and the SQL and Python forms agree.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, TypeAlias

import attrs

from enforcement_supervision.rules._errors import RuleDefinitionError

__all__ = [
    "AS_OF",
    "BoundScreen",
    "Condition",
    "FieldKind",
    "Operand",
    "Screen",
    "ScreenError",
    "all_of",
    "any_of",
    "field",
    "field_kind",
]

#: The types a screen knows a stored field by.
FieldKind: TypeAlias = Literal[
    "date", "datetime", "text", "enum", "integer", "number", "money", "bool", "list", "object"
]
_NUMERIC = frozenset({"integer", "number", "money"})
_ORDERED = _NUMERIC | {"date"}
_SCALAR = _ORDERED | {"text", "enum", "bool"}
CompareOp: TypeAlias = Literal["==", "!=", "<", "<=", ">", ">="]
_PY_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}

#: ``predicate(payload, as_of)``: the Python form of a bound condition.
Predicate: TypeAlias = Callable[[Mapping[str, Any], dt.date], bool]
_Getter: TypeAlias = Callable[[Mapping[str, Any], dt.date], Any]


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


# --------------------------------------------------------------------------------------------
# Types from the record model


@attrs.frozen
class FieldType:
    """The kind of a stored field, with the enumeration of an ``enum`` field."""

    kind: FieldKind
    enum: type[enum.Enum] | None = None


def _leaf_kind(tp: Any) -> FieldType | None:
    if isinstance(tp, type):
        if issubclass(tp, enum.Enum):
            return FieldType("enum", tp)
        if issubclass(tp, bool):
            return FieldType("bool")
        if issubclass(tp, dt.datetime):
            return FieldType("datetime")
        if issubclass(tp, dt.date):
            return FieldType("date")
        if issubclass(tp, int):
            return FieldType("integer")
        if issubclass(tp, float):
            return FieldType("number")
        if issubclass(tp, Decimal):
            return FieldType("money")
        if issubclass(tp, str):
            return FieldType("text")
        if attrs.has(tp):
            return FieldType("object")
    return None


def field_kind(record_type: str, path: str) -> FieldType:
    """The type of ``path`` in the record model of ``record_type``; :class:`ScreenError` when
    the path does not exist, goes through a list, or has a type screens cannot compare."""
    from enforcement_supervision.model._introspect import (
        list_item_type,
        resolved_fields,
        split_optional,
    )
    from enforcement_supervision.model._registry import RECORD_TYPES

    cls: Any = RECORD_TYPES.get(record_type)
    if cls is None:
        raise ScreenError(f"unknown record type {record_type!r}")
    parts = path.split(".")
    for index, name in enumerate(parts):
        found = {item.name: item for item in resolved_fields(cls)}.get(name)
        done = ".".join(parts[: index + 1])
        if found is None:
            raise ScreenError(f"{record_type} has no field {done!r} (screen path {path!r})")
        inner, _ = split_optional(found.type)
        if list_item_type(inner) is not None:
            if index != len(parts) - 1:
                raise ScreenError(
                    f"screen path {path!r} goes into the list {done!r}: "
                    "screens test a list only as a whole (is_empty / not_empty)"
                )
            return FieldType("list")
        kind = _leaf_kind(inner)
        if kind is None:
            raise ScreenError(f"{record_type} field {done!r} has a type screens do not know")
        if index == len(parts) - 1:
            return kind
        if kind.kind != "object":
            raise ScreenError(f"{record_type} field {done!r} has no fields (screen path {path!r})")
        cls = inner
    raise AssertionError("unreachable")  # pragma: no cover


# --------------------------------------------------------------------------------------------
# Binding: types checked, literals converted, Python predicate compiled


def _get(payload: Mapping[str, Any], parts: tuple[str, ...]) -> Any:
    value: Any = payload
    for part in parts:
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _py_value(kind: FieldKind, raw: Any) -> Any:
    """The comparable Python value of a stored JSON value (``None`` when absent/null)."""
    if raw is None:
        return None
    if kind == "date":
        return dt.date.fromisoformat(raw)
    if kind in _NUMERIC:
        # Every database compares numbers as double precision: so does the Python form.
        return float(raw)
    return raw


class _Binder:
    """Binds one condition tree to one record type."""

    def __init__(self, record_type: str) -> None:
        self.record_type = record_type

    def kind(self, operand: Operand) -> FieldType | None:
        if isinstance(operand, FieldRef):
            return field_kind(self.record_type, operand.path)
        if isinstance(operand, _AsOf):
            return FieldType("date")
        if isinstance(operand, PlusDays):
            base = self.kind(operand.base)
            if base is None or base.kind != "date":
                raise ScreenError(f"plus_days needs a date, not {_describe(operand.base)}")
            return base
        return None

    def literal(self, value: object, kind: FieldType, context: str) -> object:
        """``value`` converted to what a field of ``kind`` compares with."""
        bad = ScreenError(f"{value!r} cannot be compared with {context} ({kind.kind})")
        if value is None:
            raise ScreenError(f"compare {context} with None through is_null / is_not_null")
        if kind.kind == "date":
            if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
                raise bad
            try:
                return dt.date.fromisoformat(value) if isinstance(value, str) else value
            except ValueError:
                raise bad from None
        if kind.kind == "enum":
            assert kind.enum is not None
            if isinstance(value, kind.enum):
                return value.value
            if isinstance(value, str) and value in {m.value for m in kind.enum}:
                return value
            raise ScreenError(
                f"{value!r} is not a value of {kind.enum.__name__} ({context}); "
                f"values: {', '.join(str(m.value) for m in kind.enum)}"
            )
        if kind.kind == "text":
            if not isinstance(value, str):
                raise bad
            return value
        if kind.kind == "bool":
            if not isinstance(value, bool):
                raise bad
            return value
        if kind.kind in _NUMERIC:
            if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
                raise bad
            return value
        raise bad

    def check(self, node: Condition) -> None:
        """Raise :class:`ScreenError` for anything that does not suit the record type."""
        if isinstance(node, AllOf | AnyOf):
            for item in node.items:
                self.check(item)
        elif isinstance(node, Not):
            self.check(node.item)
        elif isinstance(node, IsNull):
            field_kind(self.record_type, node.operand.path)
        elif isinstance(node, ListEmpty):
            if field_kind(self.record_type, node.operand.path).kind != "list":
                raise ScreenError(f"is_empty / not_empty need a list, not {node.operand.path!r}")
        elif isinstance(node, InList):
            kind = field_kind(self.record_type, node.operand.path)
            if kind.kind not in {"text", "enum", "integer"}:
                raise ScreenError(
                    f"in_ / not_in need a text, enumeration or integer field, "
                    f"not {node.operand.path!r} ({kind.kind})"
                )
            for value in node.values:
                self.literal(value, kind, node.operand.path)
        elif isinstance(node, Compare):
            self.compare_kind(node)
        else:
            raise ScreenError(f"{node!r} is not a screen condition")

    def compare_kind(self, node: Compare) -> FieldType:
        left, right = self.kind(node.left), self.kind(node.right)
        if left is None and right is None:
            raise ScreenError("a comparison needs a field or AS_OF on one side")
        kind = left if left is not None else right
        assert kind is not None
        what = f"{_describe(node.left)} {node.op} {_describe(node.right)}"
        if kind.kind not in _SCALAR:
            raise ScreenError(
                f"{what}: a {kind.kind} field is tested with is_null / is_not_null"
                + (" / is_empty / not_empty" if kind.kind == "list" else "")
            )
        if node.op not in ("==", "!=") and kind.kind not in _ORDERED:
            raise ScreenError(f"{what}: a {kind.kind} field compares only with == and !=")
        for side, other in ((left, node.left), (right, node.right)):
            if side is None:
                self.literal(other.value if isinstance(other, LiteralValue) else other, kind, what)
            elif not (
                side.kind == kind.kind
                or (side.kind in _NUMERIC and kind.kind in _NUMERIC)
                or (side.kind in ("text", "enum") and kind.kind in ("text", "enum"))
            ):
                raise ScreenError(f"{what}: cannot compare {left} with {right}")
        return kind

    # -- Python --------------------------------------------------------------------------------

    def getter(self, operand: Operand, kind: FieldType) -> _Getter:
        if isinstance(operand, FieldRef):
            parts = tuple(operand.path.split("."))
            own = field_kind(self.record_type, operand.path).kind
            return lambda payload, _: _py_value(own, _get(payload, parts))
        if isinstance(operand, _AsOf):
            return lambda _, as_of: as_of
        if isinstance(operand, PlusDays):
            base = self.getter(operand.base, kind)
            delta = dt.timedelta(days=operand.days)

            def moved(payload: Mapping[str, Any], as_of: dt.date) -> Any:
                value = base(payload, as_of)
                return None if value is None else value + delta

            return moved
        assert isinstance(operand, LiteralValue)
        value = self.literal(operand.value, kind, "a field")
        if kind.kind in _NUMERIC:
            value = float(value)  # type: ignore[arg-type]
        return lambda _, __: value

    def predicate(self, node: Condition) -> Predicate:
        if isinstance(node, AllOf):
            every = [self.predicate(item) for item in node.items]
            return lambda payload, as_of: all(part(payload, as_of) for part in every)
        if isinstance(node, AnyOf):
            some = [self.predicate(item) for item in node.items]
            return lambda payload, as_of: any(part(payload, as_of) for part in some)
        if isinstance(node, Not):
            inner = self.predicate(node.item)
            return lambda payload, as_of: not inner(payload, as_of)
        if isinstance(node, IsNull):
            parts = tuple(node.operand.path.split("."))
            negate = node.negate
            return lambda payload, _: (_get(payload, parts) is None) != negate
        if isinstance(node, ListEmpty):
            parts = tuple(node.operand.path.split("."))
            negate = node.negate

            def empty(payload: Mapping[str, Any], _: dt.date) -> bool:
                value = _get(payload, parts)
                return (not (isinstance(value, list) and value)) != negate

            return empty
        if isinstance(node, InList):
            kind = field_kind(self.record_type, node.operand.path)
            values = frozenset(
                _py_value(kind.kind, self.literal(v, kind, node.operand.path))
                if kind.kind in _NUMERIC
                else self.literal(v, kind, node.operand.path)
                for v in node.values
            )
            get = self.getter(node.operand, kind)
            negate = node.negate

            def member(payload: Mapping[str, Any], as_of: dt.date) -> bool:
                value = get(payload, as_of)
                return value is not None and ((value in values) != negate)

            return member
        assert isinstance(node, Compare)
        kind = self.compare_kind(node)
        left, right = self.getter(node.left, kind), self.getter(node.right, kind)
        compare = _PY_OPS[node.op]

        def compared(payload: Mapping[str, Any], as_of: dt.date) -> bool:
            a, b = left(payload, as_of), right(payload, as_of)
            return a is not None and b is not None and bool(compare(a, b))

        return compared


def _describe(operand: Operand) -> str:
    if isinstance(operand, FieldRef):
        return operand.path
    if isinstance(operand, PlusDays):
        return f"{_describe(operand.base)}.plus_days({operand.days})"
    if isinstance(operand, LiteralValue):
        return repr(operand.value)
    return repr(operand)


# --------------------------------------------------------------------------------------------
# The screen


@attrs.frozen(eq=False)
class Screen:
    """What a rule declares with ``@rule(..., screen=Screen(where, reason=...))``.

    The rule is evaluated only on subjects for which ``where`` is true as of the check's day;
    every other subject can flag neither as of that day nor later while its record is
    unchanged, except from the day ``recheck`` (a date expression over the record, e.g.
    ``field("filed_date").plus_days(90)``) gives: from then on the subject is screened again.
    ``reason`` says why the subjects left out cannot flag (shown when verification finds one
    that does). A screen may select too much, never too little.
    """

    where: Condition
    reason: str
    recheck: Operand | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.where, Condition):
            raise ScreenError(f"where must be a screen condition, not {self.where!r}")
        if not isinstance(self.reason, str) or not self.reason.strip():
            raise ScreenError("a screen needs a reason: why a subject outside it cannot flag")
        if self.recheck is not None and not isinstance(self.recheck, Operand):
            raise ScreenError(f"recheck must be a date expression, not {self.recheck!r}")

    def bind(self, record_type: str) -> BoundScreen:
        """The screen checked against, and compiled for, the model of ``record_type``."""
        binder = _Binder(record_type)
        binder.check(self.where)
        recheck: _Getter | None = None
        if self.recheck is not None:
            kind = binder.kind(self.recheck)
            if kind is None or kind.kind != "date":
                raise ScreenError(f"recheck must be a date, not {_describe(self.recheck)}")
            recheck = binder.getter(self.recheck, kind)
        return BoundScreen(
            screen=self,
            record_type=record_type,
            predicate=binder.predicate(self.where),
            recheck_of=recheck,
        )


@attrs.frozen(eq=False)
class BoundScreen:
    """A :class:`Screen` bound to one record type: its Python predicate over a stored payload
    (``selects``), the recheck day of a payload, and its SQL form (``sql``)."""

    screen: Screen
    record_type: str
    predicate: Predicate = attrs.field(repr=False)
    recheck_of: _Getter | None = attrs.field(repr=False)

    def selects(self, payload: Mapping[str, Any], as_of: dt.date) -> bool:
        """Whether the subject with stored ``payload`` must be evaluated as of ``as_of``."""
        return self.predicate(payload, as_of)

    def recheck(self, payload: Mapping[str, Any], as_of: dt.date) -> dt.date | None:
        """The day from which an unselected subject must be screened again (``None``: not
        while its record is unchanged)."""
        if self.recheck_of is None:
            return None
        value = self.recheck_of(payload, as_of)
        return value if isinstance(value, dt.date) else None

    def sql(self, payload: Any, as_of: Any) -> Any:
        """The screen as a SQLAlchemy boolean expression over the JSON column ``payload``,
        with ``as_of`` (a date or a bound parameter) as the check's day; never NULL."""
        from enforcement_supervision.rules._screen_sql import condition_sql

        return condition_sql(self.screen.where, self.record_type, payload, as_of)

    def recheck_sql(self, payload: Any, as_of: Any) -> Any:
        """The recheck day as a SQL date expression (``None`` when the screen has none)."""
        if self.screen.recheck is None:
            return None
        from enforcement_supervision.rules._screen_sql import date_sql

        return date_sql(self.screen.recheck, self.record_type, payload, as_of)
