"""The SQL form of a screen: SQLAlchemy Core over the ``records.payload`` JSON column.

The pieces that differ between databases (reading a typed value at a JSON path, testing for
absent/null, the length of a list, adding days to a date) are small ``ColumnElement`` classes
compiled per dialect with :func:`sqlalchemy.ext.compiler.compiles`; the rest is ordinary Core.
Every condition compiles to an expression that is never NULL (a comparison is guarded by
``IS NOT NULL`` on each side), so ``NOT`` keeps the two-valued meaning of the Python form.

Values compare as the Python form compares them: dates as dates (ISO text on SQLite, where
text order is date order), numbers as double precision on every database, text and
enumerations exactly (a binary, no-pad collation on MariaDB, whose default collation ignores
case and trailing spaces), booleans as 1/0 or true/false.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import NullType

from enforcement_supervision.rules._screen_bind import Binder
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
    _AsOf,
)
from enforcement_supervision.rules._screen_types import FieldKind, FieldType, field_kind

__all__ = ["condition_sql", "date_sql"]

_MYSQL = ("mysql", "mariadb")


class _JsonValue(ColumnElement[Any]):
    """The value at ``parts`` of the JSON column, typed as a field of ``kind`` compares."""

    inherit_cache = False

    def __init__(self, payload: Any, parts: tuple[str, ...], kind: FieldKind) -> None:
        self.payload = payload
        self.parts = parts
        self.kind = kind
        self.type = sa.Date() if kind == "date" else NullType()


class _JsonPresent(ColumnElement[Any]):
    """Whether the JSON column holds a non-null value at ``parts`` (never NULL)."""

    inherit_cache = False
    type = sa.Boolean()

    def __init__(self, payload: Any, parts: tuple[str, ...]) -> None:
        self.payload = payload
        self.parts = parts


class _JsonListLength(ColumnElement[Any]):
    """The number of items of the list at ``parts`` (0 when absent, null or not a list)."""

    inherit_cache = False
    type = sa.Integer()

    def __init__(self, payload: Any, parts: tuple[str, ...]) -> None:
        self.payload = payload
        self.parts = parts


class _PlusDays(ColumnElement[Any]):
    """A date expression moved by ``days`` calendar days."""

    inherit_cache = False
    type = sa.Date()

    def __init__(self, base: Any, days: int) -> None:
        self.base = base
        self.days = days


def _dollar_path(parts: tuple[str, ...]) -> str:
    # Field names are Python identifiers: no quoting is needed in a JSON path.
    return "'$." + ".".join(parts) + "'"


def _pg_path(parts: tuple[str, ...]) -> str:
    return "'{" + ",".join(parts) + "}'"


# -- SQLite (the default) ------------------------------------------------------------------------


@compiles(_JsonValue)
def _value_sqlite(element: _JsonValue, compiler: SQLCompiler, **kw: Any) -> str:
    text = f"json_extract({compiler.process(element.payload, **kw)}, {_dollar_path(element.parts)})"
    if element.kind in ("integer", "number", "money"):
        return f"CAST({text} AS REAL)"
    return text


@compiles(_JsonPresent)
def _present_sqlite(element: _JsonPresent, compiler: SQLCompiler, **kw: Any) -> str:
    payload = compiler.process(element.payload, **kw)
    return f"(json_extract({payload}, {_dollar_path(element.parts)}) IS NOT NULL)"


@compiles(_JsonListLength)
def _length_sqlite(element: _JsonListLength, compiler: SQLCompiler, **kw: Any) -> str:
    payload = compiler.process(element.payload, **kw)
    return f"coalesce(json_array_length({payload}, {_dollar_path(element.parts)}), 0)"


@compiles(_PlusDays)
def _plus_sqlite(element: _PlusDays, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.base, **kw)}, '{element.days:+d} days')"


# -- PostgreSQL ----------------------------------------------------------------------------------


@compiles(_JsonValue, "postgresql")
def _value_pg(element: _JsonValue, compiler: SQLCompiler, **kw: Any) -> str:
    text = f"({compiler.process(element.payload, **kw)} #>> {_pg_path(element.parts)})"
    cast = {
        "date": "DATE",
        "integer": "DOUBLE PRECISION",
        "number": "DOUBLE PRECISION",
        "money": "DOUBLE PRECISION",
        "bool": "BOOLEAN",
    }.get(element.kind)
    return f"CAST({text} AS {cast})" if cast else text


@compiles(_JsonPresent, "postgresql")
def _present_pg(element: _JsonPresent, compiler: SQLCompiler, **kw: Any) -> str:
    payload = compiler.process(element.payload, **kw)
    return f"(({payload} #>> {_pg_path(element.parts)}) IS NOT NULL)"


@compiles(_JsonListLength, "postgresql")
def _length_pg(element: _JsonListLength, compiler: SQLCompiler, **kw: Any) -> str:
    value = f"({compiler.process(element.payload, **kw)} #> {_pg_path(element.parts)})"
    return f"(CASE WHEN json_typeof({value}) = 'array' THEN json_array_length({value}) ELSE 0 END)"


@compiles(_PlusDays, "postgresql")
def _plus_pg(element: _PlusDays, compiler: SQLCompiler, **kw: Any) -> str:
    return f"(CAST({compiler.process(element.base, **kw)} AS DATE) + {element.days:d})"


# -- MariaDB / MySQL -----------------------------------------------------------------------------


def _value_my(element: _JsonValue, compiler: SQLCompiler, **kw: Any) -> str:
    payload = compiler.process(element.payload, **kw)
    path = _dollar_path(element.parts)
    if element.kind == "bool":
        # JSON_VALUE gives '1'/'0' for true/false; the JSON text says which it was.
        return f"(CASE JSON_EXTRACT({payload}, {path}) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)"
    text = f"JSON_VALUE({payload}, {path})"
    if element.kind == "date":
        return f"CAST({text} AS DATE)"
    if element.kind in ("integer", "number", "money"):
        return f"CAST({text} AS DOUBLE)"
    return f"({text} COLLATE utf8mb4_nopad_bin)"


def _present_my(element: _JsonPresent, compiler: SQLCompiler, **kw: Any) -> str:
    payload = compiler.process(element.payload, **kw)
    # JSON_VALUE is NULL for objects and lists too: ask for the JSON type instead.
    json_type = f"JSON_TYPE(JSON_EXTRACT({payload}, {_dollar_path(element.parts)}))"
    return f"(coalesce({json_type}, 'NULL') <> 'NULL')"


def _length_my(element: _JsonListLength, compiler: SQLCompiler, **kw: Any) -> str:
    payload = compiler.process(element.payload, **kw)
    path = _dollar_path(element.parts)
    return (
        f"(CASE WHEN JSON_TYPE(JSON_EXTRACT({payload}, {path})) = 'ARRAY' "
        f"THEN JSON_LENGTH({payload}, {path}) ELSE 0 END)"
    )


def _plus_my(element: _PlusDays, compiler: SQLCompiler, **kw: Any) -> str:
    return f"DATE_ADD({compiler.process(element.base, **kw)}, INTERVAL {element.days:d} DAY)"


for _dialect in _MYSQL:
    compiles(_JsonValue, _dialect)(_value_my)
    compiles(_JsonPresent, _dialect)(_present_my)
    compiles(_JsonListLength, _dialect)(_length_my)
    compiles(_PlusDays, _dialect)(_plus_my)


# -- conditions --------------------------------------------------------------------------------


def _literal(value: object, kind: FieldType) -> Any:
    if kind.kind == "date":
        return sa.literal(value, sa.Date())
    if kind.kind in ("integer", "number", "money"):
        return sa.literal(float(value), sa.Float())  # type: ignore[arg-type]
    if kind.kind == "bool":
        return sa.literal(bool(value), sa.Boolean())
    return sa.literal(value, sa.String())


class _SqlBuilder:
    def __init__(self, record_type: str, payload: Any, as_of: Any) -> None:
        self.binder = Binder(record_type)
        self.record_type = record_type
        self.payload = payload
        self.as_of = sa.literal(as_of, sa.Date()) if isinstance(as_of, dt.date) else as_of

    def operand(self, operand: Operand, kind: FieldType) -> tuple[Any, bool]:
        """The SQL of ``operand`` and whether it can be NULL."""
        if isinstance(operand, FieldRef):
            own = field_kind(self.record_type, operand.path)
            parts = tuple(operand.path.split("."))
            return _JsonValue(self.payload, parts, own.kind), True
        if isinstance(operand, _AsOf):
            return self.as_of, False
        if isinstance(operand, PlusDays):
            base, nullable = self.operand(operand.base, kind)
            return _PlusDays(base, operand.days), nullable
        assert isinstance(operand, LiteralValue)
        return _literal(self.binder.literal(operand.value, kind, "a field"), kind), False

    def condition(self, node: Condition) -> Any:
        if isinstance(node, AllOf):
            return sa.and_(*map(self.condition, node.items)) if node.items else sa.true()
        if isinstance(node, AnyOf):
            return sa.or_(*map(self.condition, node.items)) if node.items else sa.false()
        if isinstance(node, Not):
            return sa.not_(self.condition(node.item))
        if isinstance(node, IsNull):
            present = _JsonPresent(self.payload, tuple(node.operand.path.split(".")))
            return present if node.negate else sa.not_(present)
        if isinstance(node, ListEmpty):
            length = _JsonListLength(self.payload, tuple(node.operand.path.split(".")))
            return length > 0 if node.negate else length == 0
        if isinstance(node, InList):
            kind = field_kind(self.record_type, node.operand.path)
            value, _ = self.operand(node.operand, kind)
            values = [
                _literal(self.binder.literal(item, kind, node.operand.path), kind)
                for item in node.values
            ]
            if not values:
                return sa.and_(value.is_not(None), sa.true()) if node.negate else sa.false()
            test = value.not_in(values) if node.negate else value.in_(values)
            return sa.and_(value.is_not(None), test)
        assert isinstance(node, Compare)
        kind = self.binder.compare_kind(node)
        left, left_null = self.operand(node.left, kind)
        right, right_null = self.operand(node.right, kind)
        guards = [side.is_not(None) for side, null in ((left, left_null), (right, right_null))]
        compared = {
            "==": left == right,
            "!=": left != right,
            "<": left < right,
            "<=": left <= right,
            ">": left > right,
            ">=": left >= right,
        }[node.op]
        kept = [guard for guard, null in zip(guards, (left_null, right_null), strict=True) if null]
        return sa.and_(*kept, compared)


def condition_sql(where: Condition, record_type: str, payload: Any, as_of: Any) -> Any:
    """``where`` as a never-NULL SQL boolean over the JSON column ``payload``."""
    return _SqlBuilder(record_type, payload, as_of).condition(where)


def date_sql(operand: Operand, record_type: str, payload: Any, as_of: Any) -> Any:
    """The date expression ``operand`` in SQL (NULL when a field it reads is)."""
    expression, _ = _SqlBuilder(record_type, payload, as_of).operand(operand, FieldType("date"))
    return expression
