"""Building blocks shared by the record types: field metadata, the record bases, common parts."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

import attrs

from enforcement_supervision.model._enums import (
    DecisionChangeKind,
    ExcludedPeriodKind,
    PartyType,
    RemedyKind,
)

__all__ = [
    "PERSONAL_KINDS",
    "AgencyRecord",
    "DecisionChange",
    "EventRole",
    "ExcludedPeriod",
    "Extension",
    "Party",
    "PersonalKind",
    "Publication",
    "Record",
    "RecordRef",
    "RemedyProceeding",
    "meta",
]

PersonalKind = Literal[
    "id_number", "phone", "name", "reporter", "supervisor", "petitioner", "address"
]
"""Kinds of personal data a field can hold; logging and report masking key on them."""

PERSONAL_KINDS: tuple[PersonalKind, ...] = (
    "id_number",
    "phone",
    "name",
    "reporter",
    "supervisor",
    "petitioner",
    "address",
)


EventRole = Literal["record", "date"]
"""How a date field records an event (see :mod:`enforcement_supervision.model._events`):

``"record"``
    the object holding the field (the record, a part of it, an item of a list) came into being
    on that date: seen as of an earlier day it does not exist yet;
``"date"``
    a step happened on that date: seen as of an earlier day the field is empty (and so are
    the fields listed in ``clears``, which record what that step produced).
"""


def meta(
    zh: str,
    doc: str,
    *,
    personal: PersonalKind | None = None,
    event: EventRole | None = None,
    clears: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Field metadata: the Chinese label, a one-line English description, the personal-data
    kind, and for a date that records an event, its role (``event``) and the fields the event
    produced (``clears``).

    Every field of the model carries it; the JSON Schema, the data-model docs, personal-data
    masking and the as-of view of a record are all generated from it, so there is a single
    place to describe a field.
    """
    if personal is not None and personal not in PERSONAL_KINDS:
        raise ValueError(f"unknown personal-data kind {personal!r}")
    if event is not None and event not in ("record", "date"):
        raise ValueError(f"unknown event role {event!r}")
    if clears and event != "date":
        raise ValueError("clears= goes with event='date'")
    result: dict[str, Any] = {"zh": zh, "doc": doc}
    if personal is not None:
        result["personal"] = personal
    if event is not None:
        result["event"] = event
    if clears:
        result["clears"] = tuple(clears)
    return result


@attrs.frozen(kw_only=True)
class Record:
    """Base of every top-level record type.

    Each record type has a stable ``id``, a kebab-case ``record_type`` name (its key in
    :data:`RECORD_TYPES`, in files and in the store) and a Chinese name ``label_zh``.
    """

    record_type: ClassVar[str]
    label_zh: ClassVar[str]

    id: str = attrs.field(metadata=meta("编号", "Stable identifier of the record in its source."))


@attrs.frozen(kw_only=True)
class AgencyRecord(Record):
    """A record that belongs to an agency; the engine partitions work by ``agency_id``."""

    agency_id: str = attrs.field(
        metadata=meta("执法主体编号", "Id of the agency the record belongs to.")
    )


@attrs.frozen(kw_only=True)
class RecordRef:
    """A reference to another record by type and id."""

    record_type: str = attrs.field(metadata=meta("记录类型", "Record type, e.g. penalty-case."))
    record_id: str = attrs.field(metadata=meta("记录编号", "Id of the referenced record."))


@attrs.frozen(kw_only=True)
class Party:
    """A party to an enforcement act: a natural person, a legal person or another organisation.

    ``name`` is personal data only when the party is a natural person; it is marked personal
    all the same, so masking errs on the safe side (maskers may check ``type``).
    """

    type: PartyType = attrs.field(metadata=meta("当事人类型", "Legal type of the party."))
    name: str = attrs.field(
        metadata=meta("当事人名称（姓名）", "Name of the person or organisation.", personal="name")
    )
    party_id: str | None = attrs.field(
        default=None,
        metadata=meta(
            "当事人编号",
            "Stable id of the party across records (groups inspections and decisions).",
        ),
    )
    id_number: str | None = attrs.field(
        default=None,
        metadata=meta(
            "证件号码",
            "Resident ID number of a person or unified social credit code of an organisation.",
            personal="id_number",
        ),
    )
    phone: str | None = attrs.field(
        default=None, metadata=meta("联系电话", "Contact phone number.", personal="phone")
    )
    address: str | None = attrs.field(
        default=None, metadata=meta("住所（地址）", "Address or domicile.", personal="address")
    )
    region_code: str | None = attrs.field(
        default=None,
        metadata=meta("所在区域代码", "Administrative division code where the party is located."),
    )
    no_fault_proved: bool | None = attrs.field(
        default=None,
        metadata=meta("有证据证明无主观过错", "The party proved it was not at fault (Art. 33(2))."),
    )


@attrs.frozen(kw_only=True)
class Extension:
    """An approved extension of a deadline (延长期限)."""

    days: int = attrs.field(
        metadata=meta("延长天数", "Length of the extension in the deadline's own day unit.")
    )
    approved_date: dt.date | None = attrs.field(
        default=None, metadata=meta("批准日期", "Date the extension was approved.", event="record")
    )
    approver_id: str | None = attrs.field(
        default=None, metadata=meta("批准人编号", "Officer id of the person who approved it.")
    )
    approved_by_head: bool | None = attrs.field(
        default=None,
        metadata=meta("经负责人批准", "Approved by the head of the agency (行政机关负责人)."),
    )
    reason: str | None = attrs.field(
        default=None, metadata=meta("延长理由", "Reason given for the extension.")
    )
    notified_in_writing: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "书面告知当事人", "The party was told in writing of the extension and its reason."
        ),
    )
    notified_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "告知日期",
            "Date the party was notified of the extension.",
            event="date",
            clears=("notified_in_writing",),
        ),
    )


@attrs.frozen(kw_only=True)
class ExcludedPeriod:
    """A period left out of a deadline: suspension, hearing, announcement, testing, appraisal ..."""

    kind: ExcludedPeriodKind = attrs.field(metadata=meta("期间类型", "Why the period is excluded."))
    start_date: dt.date = attrs.field(
        metadata=meta("开始日期", "First day of the period.", event="record")
    )
    end_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("结束日期", "Last day of the period; empty while it lasts.", event="date"),
    )
    notified_in_writing: bool | None = attrs.field(
        default=None,
        metadata=meta("书面告知", "The party was notified in writing where the law requires it."),
    )
    notified_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "告知日期", "Date of the written notice.", event="date", clears=("notified_in_writing",)
        ),
    )
    reason: str | None = attrs.field(default=None, metadata=meta("事由", "Details of the period."))


@attrs.frozen(kw_only=True)
class RemedyProceeding:
    """A reconsideration or lawsuit against a decision (复议或诉讼), in brief.

    The agency's own duties in the proceeding (reply or defence and evidence in time, the
    head's court appearance) are recorded on a ``reconsideration`` or ``lawsuit`` record, which
    ``proceeding_id`` names.
    """

    kind: RemedyKind = attrs.field(metadata=meta("救济方式", "Reconsideration or litigation."))
    filed_date: dt.date = attrs.field(
        metadata=meta("申请（起诉）日期", "Date the application or suit was filed.", event="record")
    )
    concluded_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "审结日期",
            "Date the proceeding ended; empty while pending.",
            event="date",
            clears=("outcome",),
        ),
    )
    outcome: str | None = attrs.field(default=None, metadata=meta("结果", "Outcome, as text."))
    proceeding_id: str | None = attrs.field(
        default=None,
        metadata=meta(
            "复议或诉讼记录编号",
            "Id of the reconsideration or lawsuit record that follows the proceeding "
            "(copy received, reply or defence, evidence, court appearance).",
        ),
    )


@attrs.frozen(kw_only=True)
class Publication:
    """Publication of a decision (执法决定公开)."""

    published_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "公开日期", "Date the decision was published.", event="date", clears=("platform",)
        ),
    )
    platform: str | None = attrs.field(
        default=None, metadata=meta("公开平台", "Where it was published (website, credit system).")
    )
    withdrawn_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "撤回日期",
            "Date the publication was withdrawn.",
            event="date",
            clears=("withdrawal_reason",),
        ),
    )
    withdrawal_reason: str | None = attrs.field(
        default=None, metadata=meta("撤回理由", "Reason stated for withdrawing it.")
    )


@attrs.frozen(kw_only=True)
class DecisionChange:
    """A later change to a decision: changed, revoked, confirmed illegal or void."""

    kind: DecisionChangeKind = attrs.field(metadata=meta("变更类型", "How the decision changed."))
    date: dt.date = attrs.field(
        metadata=meta("变更日期", "Date the change took effect.", event="record")
    )
    reason: str | None = attrs.field(default=None, metadata=meta("理由", "Reason, as text."))
