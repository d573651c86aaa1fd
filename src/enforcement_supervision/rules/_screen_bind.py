"""Binding a rule screen to a record type: every path looked up in the model, literals
converted to what the field compares with, and the Python predicate over a stored payload
compiled (the SQL form is :mod:`._screen_sql`)."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeAlias

from enforcement_supervision.rules._screen_expr import (
    AllOf,
    AnyOf,
    Compare,
    Condition,
    FieldRef,
    InList,
    IsNull,
    ListEmpty,
    LiteralValue,
    Not,
    Operand,
    PlusDays,
    ScreenError,
    _AsOf,
)
from enforcement_supervision.rules._screen_types import (
    NUMERIC,
    ORDERED,
    SCALAR,
    FieldKind,
    FieldType,
    field_kind,
)

__all__ = ["Binder", "Getter", "Predicate", "describe"]

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
Getter: TypeAlias = Callable[[Mapping[str, Any], dt.date], Any]


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
    if kind in NUMERIC:
        # Every database compares numbers as double precision: so does the Python form.
        return float(raw)
    return raw


class Binder:
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
                raise ScreenError(f"plus_days needs a date, not {describe(operand.base)}")
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
        if kind.kind in NUMERIC:
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
        what = f"{describe(node.left)} {node.op} {describe(node.right)}"
        if kind.kind not in SCALAR:
            raise ScreenError(
                f"{what}: a {kind.kind} field is tested with is_null / is_not_null"
                + (" / is_empty / not_empty" if kind.kind == "list" else "")
            )
        if node.op not in ("==", "!=") and kind.kind not in ORDERED:
            raise ScreenError(f"{what}: a {kind.kind} field compares only with == and !=")
        for side, other in ((left, node.left), (right, node.right)):
            if side is None:
                self.literal(other.value if isinstance(other, LiteralValue) else other, kind, what)
            elif not (
                side.kind == kind.kind
                or (side.kind in NUMERIC and kind.kind in NUMERIC)
                or (side.kind in ("text", "enum") and kind.kind in ("text", "enum"))
            ):
                raise ScreenError(f"{what}: cannot compare {left} with {right}")
        return kind

    # -- Python --------------------------------------------------------------------------------

    def getter(self, operand: Operand, kind: FieldType) -> Getter:
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
        if kind.kind in NUMERIC:
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
                if kind.kind in NUMERIC
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


def describe(operand: Operand) -> str:
    if isinstance(operand, FieldRef):
        return operand.path
    if isinstance(operand, PlusDays):
        return f"{describe(operand.base)}.plus_days({operand.days})"
    if isinstance(operand, LiteralValue):
        return repr(operand.value)
    return repr(operand)
