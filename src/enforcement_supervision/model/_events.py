"""Records as they stood on a day: which dates are events, and the as-of view of a record.

A check as of day T must reach what a check run on day T would have reached with the data as
it stood then: an event dated after T has not happened yet. Which dates are events is part
of the model, in each field's metadata (``meta(..., event="record" | "date")``):

* ``event="record"`` — the object holding the field came into being on that date (the
  decision dated 2025-06-10, an enforcement act, an inspection). Seen as of an earlier day,
  an item of a list is left out, an optional part is ``None``, and a whole record does not
  exist.
* ``event="date"`` — a later step happened on that date (service of the decision, the
  handover of cash). Seen as of an earlier day the field is ``None``, and so are the fields
  listed in ``clears`` (what that step produced, e.g. the result of a legal review).

Dates that are not events — validity bounds (``cert_valid_to``), deadlines set in a document
(``rectification_deadline``), planned dates — are left as they are. The view works at the
granularity of days: an event dated on T itself has happened as of T (a date carries no
time); a date-time counts by its Asia/Shanghai date.

:func:`as_of_view` is the only place that knows this; the rule engine hands every rule the
view of its record, of each member of a group and of every record a rule looks up.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import types
import typing
from collections.abc import Iterator
from typing import Any

import attrs

from enforcement_supervision.model._common import EventRole
from enforcement_supervision.model._convert import SHANGHAI

__all__ = ["AsOfView", "EventField", "as_of_view", "event_fields"]


@attrs.frozen(kw_only=True)
class AsOfView:
    """A record as it stood at the end of a day.

    ``record`` is ``None`` when the record had not come into being yet; ``changed`` tells
    whether anything was cut; ``next_event`` is the earliest date after the day of an event
    that was cut (the view changes then); ``latest_event`` the latest event date on or before
    the day (the latest fact of the record).
    """

    record: Any | None
    changed: bool = False
    next_event: dt.date | None = None
    latest_event: dt.date | None = None


@attrs.frozen(kw_only=True)
class EventField:
    """One event date of the model, for docs and tests: ``penalty-case.decision.decision_date``."""

    path: str
    role: EventRole
    clears: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# Plans: per attrs class, the fields the view has to look at


@attrs.frozen
class _Step:
    name: str
    #: "date"/"record": an event date; "nested": an attrs object; "items": a tuple of them.
    kind: str
    role: EventRole | None = None
    clears: tuple[str, ...] = ()
    nested: type | None = None


def _optional_args(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return tuple(arg for arg in typing.get_args(annotation) if arg is not type(None))
    return (annotation,)


def _attrs_class(annotation: Any) -> type | None:
    for arg in _optional_args(annotation):
        if isinstance(arg, type) and attrs.has(arg):
            return arg
    return None


@functools.cache
def _plan(cls: type) -> tuple[_Step, ...]:
    """The steps of ``cls`` that can hold an event, in field order (cached per class)."""
    hints = typing.get_type_hints(cls)
    steps: list[_Step] = []
    for field in attrs.fields(cls):
        role = field.metadata.get("event") if field.metadata else None
        if role is not None:
            steps.append(
                _Step(
                    field.name, "event", role=role, clears=tuple(field.metadata.get("clears", ()))
                )
            )
            continue
        annotation = hints.get(field.name, field.type)
        if typing.get_origin(annotation) is tuple:
            args = typing.get_args(annotation)
            nested = _attrs_class(args[0]) if args else None
            if nested is not None and _plan(nested):
                steps.append(_Step(field.name, "items", nested=nested))
            continue
        nested = _attrs_class(annotation)
        if nested is not None and _plan(nested):
            steps.append(_Step(field.name, "nested", nested=nested))
    # Record-role events first: an object that had not come into being is dropped before
    # anything else about it is looked at.
    return tuple(sorted(steps, key=lambda step: step.role != "record"))


def _day(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        local = value.astimezone(SHANGHAI) if value.tzinfo is not None else value
        return dt.date(local.year, local.month, local.day)
    return value


class _Cut:
    """What one walk found: the earliest cut event and the latest event kept."""

    __slots__ = ("latest", "next")

    def __init__(self) -> None:
        self.next: dt.date | None = None
        self.latest: dt.date | None = None

    def future(self, day: dt.date) -> None:
        if self.next is None or day < self.next:
            self.next = day

    def past(self, day: dt.date) -> None:
        if self.latest is None or day > self.latest:
            self.latest = day


_GONE = object()


def _walk(obj: Any, day: dt.date, cut: _Cut) -> Any:
    """``obj`` as of ``day``: the same object when nothing changed, a copy with the future
    cut off, or ``_GONE`` when the object itself had not come into being."""
    changes: dict[str, Any] = {}
    kind: Any = type(obj)
    for step in _plan(kind):
        value = getattr(obj, step.name)
        if value is None:
            continue
        if step.kind == "event":
            when = _day(value)
            if when <= day:
                cut.past(when)
                continue
            cut.future(when)
            if step.role == "record":
                return _GONE
            changes[step.name] = None
            for name in step.clears:
                changes[name] = None
        elif step.kind == "nested":
            seen = _walk(value, day, cut)
            if seen is _GONE:
                changes[step.name] = None
            elif seen is not value:
                changes[step.name] = seen
        else:
            kept: list[Any] = []
            differs = False
            for item in value:
                seen = _walk(item, day, cut)
                if seen is _GONE:
                    differs = True
                    continue
                differs = differs or seen is not item
                kept.append(seen)
            if differs:
                changes[step.name] = tuple(kept)
    if not changes:
        return obj
    # The model classes are frozen attrs classes without validators or converters: a copy with
    # the cut fields replaced is a valid instance (cheaper than attrs.evolve).
    clone = copy.copy(obj)
    for name, value in changes.items():
        object.__setattr__(clone, name, value)
    return clone


def as_of_view(record: Any, day: dt.date) -> AsOfView:
    """``record`` as it stood at the end of ``day``: every event dated after ``day`` cut off
    (see the module docs). Objects that are not attrs instances are returned unchanged."""
    if not attrs.has(type(record)):
        return AsOfView(record=record)
    cut = _Cut()
    seen = _walk(record, day, cut)
    if seen is _GONE:
        return AsOfView(record=None, changed=True, next_event=cut.next, latest_event=cut.latest)
    return AsOfView(
        record=seen, changed=seen is not record, next_event=cut.next, latest_event=cut.latest
    )


def event_fields(cls: type, prefix: str = "") -> Iterator[EventField]:
    """Every event date of ``cls`` and of the parts it holds, with its dotted path (list
    items as ``name[]``)."""
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        path = f"{prefix}{field.name}"
        role = field.metadata.get("event") if field.metadata else None
        if role is not None:
            yield EventField(path=path, role=role, clears=tuple(field.metadata.get("clears", ())))
            continue
        annotation = hints.get(field.name, field.type)
        if typing.get_origin(annotation) is tuple:
            args = typing.get_args(annotation)
            nested = _attrs_class(args[0]) if args else None
            if nested is not None:
                yield from event_fields(nested, f"{path}[].")
            continue
        nested = _attrs_class(annotation)
        if nested is not None:
            yield from event_fields(nested, f"{path}.")
