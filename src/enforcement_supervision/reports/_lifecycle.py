"""Reading the follow-through of findings (notified, rectified, verified, closed, waived).

The follow-through verbs are written by the lifecycle layer as finding events; their exact
shape is that layer's business. The reports read them **defensively** through small
*event readers*, one per event kind, that copy what they recognise into a
:class:`FollowThroughDraft`. The built-in readers accept the names below; a deployment or
the lifecycle layer can add or replace readers with :func:`register_event_reader`.

==============  ===================================================================
event kind      fields read (``data`` keys, else the event's own columns)
==============  ===================================================================
``notified``    ``notice_number``/``document_number``; ``rectification_due``/
                ``deadline``/``due``; the date notified is the event's date
``extended``    ``rectification_due``/``deadline``/``due``
``rectified``   ``rectified_on`` (else the event's date)
``verified``    ``verified_by`` (else the actor); the event's date
``closed``      ``closed_on`` (else the event's date); ``verified_by`` (else the actor)
``waived``      justification: the event's ``reason`` or ``justification``;
                ``reason_category``/``category``; ``requested_by``;
                ``approved_by`` (else the actor); ``expires``
``unwaived``    clears the waiver
==============  ===================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

import attrs

from enforcement_supervision.reports._model import FollowThrough, FollowUpEvent, Waiver
from enforcement_supervision.statutory_time import to_local_date
from enforcement_supervision.store import FindingEvent, StoredFinding

__all__ = [
    "EventReader",
    "FollowThroughDraft",
    "event_readers",
    "follow_through",
    "register_event_reader",
]


@attrs.define
class FollowThroughDraft:
    """The mutable form of :class:`FollowThrough` that event readers fill in, in event order."""

    notified_on: date | None = None
    notice_number: str | None = None
    rectification_due: date | None = None
    rectified_on: date | None = None
    verified_by: str | None = None
    verified_on: date | None = None
    closed_on: date | None = None
    waiver: Waiver | None = None

    def freeze(self, events: Iterable[FollowUpEvent]) -> FollowThrough:
        return FollowThrough(
            notified_on=self.notified_on,
            notice_number=self.notice_number,
            rectification_due=self.rectification_due,
            rectified_on=self.rectified_on,
            verified_by=self.verified_by,
            verified_on=self.verified_on,
            closed_on=self.closed_on,
            waiver=self.waiver,
            events=tuple(events),
        )


#: ``reader(draft, event, mask)``: copy what the event says into the draft. ``mask`` masks
#: free text (justifications may name people) for the report's audience.
EventReader = Callable[[FollowThroughDraft, FindingEvent, Callable[[str], str]], None]


def _first(data: Mapping[str, Any], *names: str) -> Any:
    for name in names:
        value = data.get(name)
        if value not in (None, ""):
            return value
    return None


def as_date(value: Any) -> date | None:
    """A date from a date, an aware datetime (its Shanghai date) or ISO text; else ``None``."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return to_local_date(value) if value.tzinfo is not None else value.date()
    if isinstance(value, date):
        return value
    try:
        text = str(value)
        if "T" in text:
            return as_date(datetime.fromisoformat(text))
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _notified(draft: FollowThroughDraft, event: FindingEvent, mask: Callable[[str], str]) -> None:
    data = event.data
    draft.notified_on = as_date(event.at)
    draft.notice_number = _text(_first(data, "notice_number", "document_number")) or (
        draft.notice_number
    )
    due = as_date(_first(data, "rectification_due", "deadline", "due"))
    if due is not None:
        draft.rectification_due = due


def _extended(draft: FollowThroughDraft, event: FindingEvent, mask: Callable[[str], str]) -> None:
    due = as_date(_first(event.data, "rectification_due", "deadline", "due"))
    if due is not None:
        draft.rectification_due = due


def _rectified(draft: FollowThroughDraft, event: FindingEvent, mask: Callable[[str], str]) -> None:
    draft.rectified_on = as_date(_first(event.data, "rectified_on")) or as_date(event.at)


def _verified(draft: FollowThroughDraft, event: FindingEvent, mask: Callable[[str], str]) -> None:
    draft.verified_by = _text(_first(event.data, "verified_by")) or event.actor
    draft.verified_on = as_date(event.at)


def _closed(draft: FollowThroughDraft, event: FindingEvent, mask: Callable[[str], str]) -> None:
    draft.closed_on = as_date(_first(event.data, "closed_on")) or as_date(event.at)
    draft.verified_by = _text(_first(event.data, "verified_by")) or draft.verified_by or event.actor


def _waived(draft: FollowThroughDraft, event: FindingEvent, mask: Callable[[str], str]) -> None:
    data = event.data
    justification = _text(event.reason) or _text(_first(data, "justification")) or ""
    draft.waiver = Waiver(
        justification=mask(justification),
        reason=_text(_first(data, "reason_category", "category", "reason")),
        requested_by=_text(_first(data, "requested_by")),
        approved_by=_text(_first(data, "approved_by")) or event.actor,
        expires=as_date(_first(data, "expires", "expires_on")),
        at=event.at,
    )


def _unwaived(draft: FollowThroughDraft, event: FindingEvent, mask: Callable[[str], str]) -> None:
    draft.waiver = None


_READERS: dict[str, EventReader] = {
    "notified": _notified,
    "notify": _notified,
    "extended": _extended,
    "rectified": _rectified,
    "rectify": _rectified,
    "verified": _verified,
    "verify": _verified,
    "closed": _closed,
    "close": _closed,
    "waived": _waived,
    "waive": _waived,
    "unwaived": _unwaived,
    "waiver_expired": _unwaived,
}

#: Event kinds the engine writes; they say nothing about the follow-through.
ENGINE_EVENT_KINDS = frozenset({"opened", "resolved", "reopened", "undetected", "redetected"})


def register_event_reader(kind: str, reader: EventReader | None) -> None:
    """Read events of ``kind`` with ``reader`` (``None`` removes the reader)."""
    if reader is None:
        _READERS.pop(kind, None)
    else:
        _READERS[kind] = reader


def event_readers() -> dict[str, EventReader]:
    """The registered readers by event kind (a copy)."""
    return dict(_READERS)


# Attributes a future StoredFinding may carry directly; they win over what events say.
_STORED_ATTRIBUTES = (
    "notified_on",
    "notice_number",
    "rectification_due",
    "rectified_on",
    "verified_by",
    "verified_on",
    "closed_on",
)


def follow_through(
    stored: StoredFinding | None,
    events: Iterable[FindingEvent],
    mask: Callable[[str], str],
) -> FollowThrough:
    """The follow-through of ``stored`` from its (non-engine) ``events``, oldest first
    (``stored`` ``None``: from the events alone)."""
    draft = FollowThroughDraft()
    shown: list[FollowUpEvent] = []
    for event in events:
        reader = _READERS.get(event.kind)
        if reader is not None:
            reader(draft, event, mask)
        shown.append(
            FollowUpEvent(
                kind=event.kind,
                at=event.at,
                actor=event.actor,
                reason=None if event.reason is None else mask(event.reason),
            )
        )
    for name in _STORED_ATTRIBUTES:
        value = getattr(stored, name, None)
        if value is not None:
            text_field = name in ("notice_number", "verified_by")
            setattr(draft, name, str(value) if text_field else as_date(value))
    waiver = getattr(stored, "waiver", None)
    if waiver is not None and draft.waiver is None:
        justification = getattr(waiver, "justification", None) or getattr(waiver, "reason", "")
        draft.waiver = Waiver(
            justification=mask(str(justification or "")),
            requested_by=_text(getattr(waiver, "requested_by", None)),
            approved_by=_text(getattr(waiver, "approved_by", None)),
            expires=as_date(getattr(waiver, "expires", None)),
        )
    return draft.freeze(shown)
