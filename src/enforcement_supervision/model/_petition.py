"""Petitions (信访事项) under 信访工作条例 (issued 2022-02-25, in force 2022-05-01).

One record follows a petition through the body that recorded it: receipt, registration and
routing by a petition office (Art. 22), the written notice of acceptance or the jurisdiction
objection (Art. 23), acceptance, extension and conclusion (Art. 34), and, when the petitioner
goes on, the review (复查, Art. 35) and the re-check (复核, Art. 36) by the next levels up.
The petitioner's identity is personal data of its own kind (``petitioner``): pseudonymised
(信访人-…) for every audience but the office, as complainants and reporters are.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from enforcement_supervision.model._common import AgencyRecord, Extension, RecordRef, meta
from enforcement_supervision.model._enums import (
    PetitionCategory,
    PetitionChannel,
    PetitionForm,
    PetitionHandling,
)

__all__ = ["Petition", "PetitionRecheck", "PetitionReview"]


@attrs.frozen(kw_only=True)
class PetitionReview:
    """A request to review a petition's handling opinion (复查, 信访工作条例 Art. 35)."""

    request_received_date: dt.date = attrs.field(
        metadata=meta(
            "收到复查请求日期", "Date the reviewing body received the request.", event="record"
        )
    )
    agency_id: str | None = attrs.field(
        default=None,
        metadata=meta("复查机关", "Id of the body one level up that reviews (its agency id)."),
    )
    opinion_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "复查意见日期", "Date the review opinion was given with a written reply.", event="date"
        ),
    )
    opinion_served_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "复查意见送达日期", "Date the petitioner received the written reply.", event="date"
        ),
    )


@attrs.frozen(kw_only=True)
class PetitionRecheck:
    """A request to re-check the review opinion (复核, 信访工作条例 Art. 36)."""

    request_received_date: dt.date = attrs.field(
        metadata=meta(
            "收到复核请求日期", "Date the re-checking body received the request.", event="record"
        )
    )
    agency_id: str | None = attrs.field(
        default=None,
        metadata=meta("复核机关", "Id of the body one level above the reviewer that re-checks."),
    )
    hearing_start_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "听证开始日期",
            "First day of a hearing held for the re-check (Art. 36(2)).",
            event="date",
        ),
    )
    hearing_end_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "听证结束日期", "Last day of that hearing; the same day when it took one.", event="date"
        ),
    )
    opinion_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("复核意见日期", "Date the re-check opinion was given.", event="date"),
    )


@attrs.frozen(kw_only=True)
class Petition(AgencyRecord):
    """A petition (信访事项) and its handling.

    ``agency_id`` is the body that received and records it (the township government, one of
    its offices, or an agency). ``channel`` says whether the petitioner came to it directly
    or the petition was referred or assigned to it by a petition office or a higher body; the
    notice and objection periods of Art. 23 depend on it. ``petition_office`` marks a body that
    is a petition office of a party committee and government (信访部门): such an office must
    register and route what it receives within 15 days (Art. 22).
    """

    record_type: ClassVar[str] = "petition"
    label_zh: ClassVar[str] = "信访事项"

    received_date: dt.date = attrs.field(
        metadata=meta(
            "收到信访事项日期",
            "Date the body received the petition (or the referral).",
            event="record",
        )
    )
    channel: PetitionChannel = attrs.field(
        metadata=meta("信访事项来源", "Made directly by the petitioner or referred from above.")
    )
    form: PetitionForm | None = attrs.field(
        default=None, metadata=meta("信访形式", "Letter, visit, phone call, online.")
    )
    petition_office: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "收件机关为信访部门",
            "The receiving body is a party-committee and government petition office (Art. 22).",
        ),
    )
    referred_by: str | None = attrs.field(
        default=None,
        metadata=meta("转送、交办机关", "Body that referred or assigned the petition, if any."),
    )
    petitioner_name: str | None = attrs.field(
        default=None,
        metadata=meta("信访人", "The petitioner or representative.", personal="petitioner"),
    )
    petitioner_phone: str | None = attrs.field(
        default=None, metadata=meta("信访人电话", "Petitioner's phone.", personal="phone")
    )
    petitioner_id_number: str | None = attrs.field(
        default=None,
        metadata=meta("信访人证件号码", "Petitioner's ID number.", personal="id_number"),
    )
    petitioner_address: str | None = attrs.field(
        default=None, metadata=meta("信访人住址", "Petitioner's address.", personal="address")
    )
    number_of_petitioners: int | None = attrs.field(
        default=None, metadata=meta("信访人数", "Number of petitioners (a joint visit: >= 2).")
    )
    name_address_unclear: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "信访人姓名（名称）、住址不清",
            "The petitioner's name or address is unclear, so no written notice is owed "
            "(Art. 23(2)).",
        ),
    )
    category: PetitionCategory | None = attrs.field(
        default=None, metadata=meta("信访事项类别", "Suggestion, accusation or claim.")
    )
    handling: PetitionHandling | None = attrs.field(
        default=None,
        metadata=meta("办理方式", "How a claim is handled (Art. 31); empty: an opinion."),
    )
    summary: str | None = attrs.field(default=None, metadata=meta("信访诉求", "What is asked."))
    related: RecordRef | None = attrs.field(
        default=None, metadata=meta("关联记录", "Enforcement record the petition is about.")
    )
    registered_date: dt.date | None = attrs.field(
        default=None, metadata=meta("登记日期", "Date the petition was registered.", event="date")
    )
    routed_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "转送、交办日期",
            "Date a petition office routed it to the competent body.",
            event="date",
            clears=("routed_to_agency_id",),
        ),
    )
    routed_to_agency_id: str | None = attrs.field(
        default=None, metadata=meta("转送、交办去向", "Body it was routed to.")
    )
    within_powers: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "属于本机关职权范围",
            "The matter falls within the recording body's powers (Art. 23(1), (3)).",
        ),
    )
    notice_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "书面告知日期",
            "Date of the written notice to the petitioner of receipt, route and procedure.",
            event="date",
        ),
    )
    objection_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "提出管辖异议日期",
            "Date the body objected that a referred petition is outside its powers (Art. 23(3)).",
            event="date",
            clears=("objection_reason",),
        ),
    )
    objection_reason: str | None = attrs.field(
        default=None, metadata=meta("异议理由", "Reasons given with the objection.")
    )
    accepted_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("受理日期", "Date the petition was accepted for handling.", event="date"),
    )
    extension: Extension | None = attrs.field(
        default=None,
        metadata=meta(
            "延长办理期限",
            "Extension of the 60-day handling period (head's approval, reason told, <= 30 days).",
        ),
    )
    concluded_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "办结日期", "Date handling ended (the handling opinion was issued).", event="date"
        ),
    )
    opinion_served_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "处理意见送达日期", "Date the petitioner received the written opinion.", event="date"
        ),
    )
    review: PetitionReview | None = attrs.field(
        default=None, metadata=meta("复查", "Review by the next level up (Art. 35).")
    )
    recheck: PetitionRecheck | None = attrs.field(
        default=None, metadata=meta("复核", "Re-check by the level above the reviewer (Art. 36).")
    )
