"""Rule screens: a declarative condition over a record's stored fields that selects every
subject a rule could flag, so the engine can skip the rest without running the rule.

A screen is written with :func:`field`, :data:`AS_OF`, comparisons and the combinators ``&``
``|`` ``~`` (:func:`any_of`, :func:`all_of`), and wrapped in a :class:`Screen` with the reason
why every subject outside it cannot flag. Nothing here knows a record type: a screen is bound
to one with :meth:`Screen.bind`, which looks every path up in the record model (attrs
annotations) and fails with a :class:`ScreenError` naming the path when it does not exist or
when an operation does not suit its type. The bound screen compiles to a Python predicate over
the stored payload (:mod:`._screen_bind`) and to SQLAlchemy Core over the ``payload`` column
(:mod:`._screen_sql`). The expression tree is :mod:`._screen_expr`, the field types
:mod:`._screen_types`; this module is the :class:`Screen` a rule declares.

Logic is two-valued: a comparison with an absent or null value is false (never unknown), so
``~`` means "everything else" and the SQL and Python forms agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from enforcement_supervision.rules._screen_bind import Binder, Getter, Predicate, describe
from enforcement_supervision.rules._screen_expr import (
    AS_OF,
    Condition,
    Operand,
    ScreenError,
    all_of,
    any_of,
    field,
)
from enforcement_supervision.rules._screen_types import FieldKind, FieldType, field_kind

__all__ = [
    "AS_OF",
    "BoundScreen",
    "Condition",
    "FieldKind",
    "FieldType",
    "Operand",
    "Screen",
    "ScreenError",
    "all_of",
    "any_of",
    "field",
    "field_kind",
]

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
        binder = Binder(record_type)
        binder.check(self.where)
        recheck: Getter | None = None
        if self.recheck is not None:
            kind = binder.kind(self.recheck)
            if kind is None or kind.kind != "date":
                raise ScreenError(f"recheck must be a date, not {describe(self.recheck)}")
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
    recheck_of: Getter | None = attrs.field(repr=False)

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
