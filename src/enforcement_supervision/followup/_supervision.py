"""Recording the supervision office's own records from code or the command line.

Liaison points, social supervisors, feedback and opinions (received, forwarded, answered),
complaints and supervision checks are ordinary records (``enforcement_supervision.model``):
:func:`record_supervision` merges the given fields into the record's current version (when
there is one), validates the result with :func:`~enforcement_supervision.model.structure_record`
and stores it with :meth:`Store.put_records` — a changed record gets a new version, the
old one stays for history. :func:`list_supervision` reads them back, masked for an audience
(the reporters of complaints and feedback are pseudonymised outside the supervision office).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime
from typing import Any

import attrs

from enforcement_supervision.followup._common import as_day
from enforcement_supervision.followup._errors import FollowupError
from enforcement_supervision.model import Record, structure_record, unstructure_record
from enforcement_supervision.privacy import Audience, mask_record
from enforcement_supervision.store import Store

__all__ = [
    "SUPERVISION_TYPES",
    "SupervisionSaved",
    "answer_item",
    "forward_item",
    "list_supervision",
    "record_supervision",
]

#: The record types of the supervision mechanism.
SUPERVISION_TYPES = (
    "liaison-point",
    "social-supervisor",
    "feedback",
    "complaint",
    "supervision-check",
)

#: Fields that are lists of items: given values are appended to what is stored.
_APPENDED = frozenset({"criteria", "activities", "disqualifications", "sampled_cases", "opinions"})


@attrs.frozen(kw_only=True)
class SupervisionSaved:
    """What :func:`record_supervision` stored: the record, its version now, and whether it
    was new (``created``) or changed (``changed``; false when identical to the stored one)."""

    record: Record
    version: int
    created: bool
    changed: bool


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def record_supervision(
    store: Store,
    record_type: str,
    record_id: str,
    values: Mapping[str, Any],
    *,
    replace: Mapping[str, Any] | None = None,
    source: str = "esup supervision",
    now: datetime | None = None,
) -> SupervisionSaved:
    """Create or update one supervision record. ``values`` are fields in the record's JSON
    form; ``None`` leaves a field as stored; list-of-item fields (criteria, activities,
    disqualifications, sampled_cases, opinions) are appended to. ``replace`` fields are set
    as given (``None`` clears them). Raises
    :class:`~enforcement_supervision.model.RecordValidationError` listing every problem."""
    if record_type not in SUPERVISION_TYPES:
        raise FollowupError(
            f"{record_type} 不是监督机制的记录类型（{', '.join(SUPERVISION_TYPES)}）",
            f"{record_type} is not a supervision record type ({', '.join(SUPERVISION_TYPES)})",
        )
    current = store.get_record(record_type, record_id)
    data: dict[str, Any] = {} if current is None else unstructure_record(current.record)
    for name, value in values.items():
        if value is None or value == () or value == []:
            continue
        if name in _APPENDED:
            data[name] = [*data.get(name, []), *_plain(value)]
        else:
            data[name] = _plain(value)
    for name, value in (replace or {}).items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = _plain(value)
    data["id"] = record_id
    record = structure_record(record_type, data)
    result = store.put_records([record], source=source, now=now)
    stored = store.get_record(record_type, record_id)
    version = 1 if stored is None else stored.version
    return SupervisionSaved(
        record=record,
        version=version,
        created=current is None,
        changed=bool(result.inserted or result.updated),
    )


def _feedback_or_complaint(store: Store, record_id: str) -> str:
    found = [kind for kind in ("feedback", "complaint") if store.get_record(kind, record_id)]
    if len(found) != 1:
        raise FollowupError(
            f"没有编号为 {record_id} 的意见建议或投诉举报"
            if not found
            else f"{record_id} 同时是意见建议和投诉举报的编号，请指明 --type",
            f"no feedback or complaint {record_id}"
            if not found
            else f"{record_id} names both a feedback item and a complaint; give --type",
        )
    return found[0]


def forward_item(
    store: Store,
    record_id: str,
    *,
    to_agency: str,
    on: date | str,
    record_type: str | None = None,
) -> SupervisionSaved:
    """Record that a feedback item or complaint was forwarded to ``to_agency`` on ``on``."""
    kind = record_type or _feedback_or_complaint(store, record_id)
    values = {"forwarded_to_agency_id": to_agency, "forwarded_date": as_day(on)}
    return record_supervision(store, kind, record_id, values)


def answer_item(
    store: Store,
    record_id: str,
    *,
    on: date | str,
    summary: str | None = None,
    outcome: str | None = None,
    record_type: str | None = None,
) -> SupervisionSaved:
    """Record the answer to a feedback item (``answered_date``, ``answer_summary``) or the
    response to a complaint (``responded_date``, and ``outcome``/``concluded_date`` when an
    outcome is given; a complaint has no field for the answer's text)."""
    kind = record_type or _feedback_or_complaint(store, record_id)
    day = as_day(on)
    values: dict[str, Any]
    if kind == "feedback":
        values = {"answered_date": day, "answer_summary": summary}
    else:
        values = {"responded_date": day}
        if outcome is not None:
            values.update(outcome=outcome, concluded_date=day)
    return record_supervision(store, kind, record_id, values)


def list_supervision(
    store: Store,
    *,
    record_types: Collection[str] | None = None,
    agency_id: str | None = None,
    audience: Audience | str = Audience.INTERNAL,
    salt: str,
) -> list[tuple[str, dict[str, Any]]]:
    """``(record_type, data)`` of the current supervision records, masked for ``audience``
    (reporters pseudonymised for ``agency`` and ``public``)."""
    wanted = [kind for kind in SUPERVISION_TYPES if not record_types or kind in record_types]
    out: list[tuple[str, dict[str, Any]]] = []
    for kind in wanted:
        for stored in store.iter_records(kind, agency_id=agency_id):
            data = mask_record(kind, unstructure_record(stored.record), audience, salt=salt)
            out.append((kind, data))
    return out
