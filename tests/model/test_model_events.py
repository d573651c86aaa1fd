"""Which dates are events, and the as-of view of a record."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

import attrs
import pytest

from enforcement_supervision._host import build_record
from enforcement_supervision.model import RECORD_TYPES, as_of_view, event_fields

#: Dates of the model that are *not* events: validity bounds, deadlines set in a document,
#: planned or derived dates. Every other date or date-time field must declare its event role,
#: so that a new field is classified on purpose (a check as of a day must never see it early).
NOT_EVENTS = frozenset(
    {
        "coercive-measure.cuigao.performance_deadline",
        "coercive-measure.public_notice.self_demolition_deadline",
        "coercive-measure.court_application.remedy_period_end",
        "delegation.valid_from",
        "delegation.valid_to",
        "discretion-benchmark.valid_from",
        "discretion-benchmark.valid_to",
        "liaison-point.term_end_date",
        "liaison-point.status_date",
        "licence-application.certificate.valid_from",
        "licence-application.certificate.valid_to",
        "licence-application.current_licence_expiry_date",
        # The closing day of a call for comments is announced with the call (令第713号 Art.
        # 15(1), 优化营商环境条例 Art. 62(2)): the period is set, not an act after the start.
        "major-decision.consultation.end_date",
        "normative-document.consultation.end_date",
        # The day a normative document takes effect is written in the document.
        "normative-document.effective_date",
        "matter-list.valid_from",
        "matter-list.valid_to",
        "officer.cert_valid_from",
        "officer.cert_valid_to",
        "officer.active_from",
        "officer.active_to",
        "penalty-case.decision.correction_deadline",
        "social-supervisor.term_end_date",
        "social-supervisor.status_date",
        "supervision-check.opinions[].rectification_deadline",
    }
)


def _date_fields(cls: type, prefix: str) -> list[tuple[str, attrs.Attribute[Any], bool]]:
    """Every date or date-time field: (path, field, required)."""
    found: list[tuple[str, attrs.Attribute[Any], bool]] = []
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        annotation = hints[field.name]
        args = [a for a in (typing.get_args(annotation) or (annotation,)) if a is not type(None)]
        if typing.get_origin(annotation) is tuple:
            args = [typing.get_args(annotation)[0]]
            path = f"{prefix}{field.name}[]"
        else:
            path = f"{prefix}{field.name}"
        for arg in args:
            if arg in (dt.date, dt.datetime):
                found.append((path, field, field.default is attrs.NOTHING))
            elif isinstance(arg, type) and attrs.has(arg):
                found.extend(_date_fields(arg, f"{path}."))
    return found


@pytest.mark.parametrize("record_type", sorted(RECORD_TYPES))
def test_every_date_of_the_model_is_classified(record_type: str) -> None:
    for path, field, required in _date_fields(RECORD_TYPES[record_type], f"{record_type}."):
        role = field.metadata.get("event")
        if path in NOT_EVENTS:
            assert role is None, f"{path} is listed as not an event but declares {role!r}"
            continue
        assert role in ("record", "date"), f"{path}: declare meta(..., event=...) or list it"
        # A required date cannot be emptied: seen before it, the object does not exist yet.
        assert not (required and role == "date"), f"{path} is required: use event='record'"


@pytest.mark.parametrize("record_type", sorted(RECORD_TYPES))
def test_cleared_fields_exist_and_are_optional(record_type: str) -> None:
    for item in event_fields(RECORD_TYPES[record_type]):
        assert item.role in ("record", "date")
        assert not item.clears or item.role == "date", item.path


def _case(**fields: Any) -> Any:
    base: dict[str, Any] = {
        "id": "PC-1",
        "party": {"type": "natural_person", "name": "张三"},
        "filed_date": "2025-06-01",
        "decision": {"decision_date": "2025-06-10", "procedure": "ordinary"},
        "prior_notice": {"served_date": "2025-06-05", "defence_submitted_date": "2025-06-09"},
        "acts": [
            {"kind": "investigation", "date": "2025-06-02"},
            {"kind": "on_site_inspection", "date": "2025-06-12"},
        ],
        "legal_review": {
            "submitted_date": "2025-06-06",
            "completed_date": "2025-06-11",
            "result": "pass",
        },
        "delivery": {"method": "direct", "served_date": "2025-06-13"},
    }
    return build_record("penalty-case", {**base, **fields})


def test_the_view_cuts_every_event_after_the_day() -> None:
    case = _case()
    seen = as_of_view(case, dt.date(2025, 6, 9))
    assert seen.changed
    view = seen.record
    assert view.filed_date == dt.date(2025, 6, 1)
    assert view.decision is None  # a decision dated later does not exist yet
    assert [act.date for act in view.acts] == [dt.date(2025, 6, 2)]  # later acts are left out
    assert view.prior_notice.defence_submitted_date == dt.date(2025, 6, 9)  # the day itself
    # The review was submitted but not completed: its result is not known yet.
    assert view.legal_review.submitted_date == dt.date(2025, 6, 6)
    assert view.legal_review.completed_date is None
    assert view.legal_review.result is None
    assert view.delivery.served_date is None  # a later step: the field is empty
    assert view.delivery.method == case.delivery.method
    assert seen.next_event == dt.date(2025, 6, 10)
    assert seen.latest_event == dt.date(2025, 6, 9)
    assert case.decision is not None  # the record itself is not changed


def test_a_record_not_yet_in_being_has_no_view() -> None:
    inspection = build_record("inspection", id="I-1", date="2025-06-03")
    before = as_of_view(inspection, dt.date(2025, 6, 2))
    assert before.record is None
    assert before.next_event == dt.date(2025, 6, 3)
    on_the_day = as_of_view(inspection, dt.date(2025, 6, 3))
    assert on_the_day.record is inspection
    assert not on_the_day.changed


def test_a_datetime_counts_by_its_shanghai_date() -> None:
    inspection = build_record(
        "inspection",
        id="I-1",
        date="2025-06-03",
        end_datetime="2025-06-03T17:00:00Z",  # 01:00 on 06-04 in Shanghai
    )
    assert as_of_view(inspection, dt.date(2025, 6, 3)).record.end_datetime is None
    assert as_of_view(inspection, dt.date(2025, 6, 4)).record.end_datetime is not None


def test_nothing_after_the_day_means_the_same_object() -> None:
    case = _case()
    seen = as_of_view(case, dt.date(2026, 1, 1))
    assert seen.record is case
    assert not seen.changed
    assert seen.next_event is None
    assert seen.latest_event == dt.date(2025, 6, 13)


def test_the_view_is_idempotent() -> None:
    case = _case()
    for day in (dt.date(2025, 5, 31), dt.date(2025, 6, 5), dt.date(2025, 6, 11)):
        once = as_of_view(case, day).record
        if once is None:
            continue
        twice = as_of_view(once, day)
        assert twice.record == once
        assert not twice.changed
