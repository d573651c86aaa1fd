"""Agencies (执法主体) and their enforcement officers (执法人员)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from enforcement_supervision.model._common import AgencyRecord, Record, meta
from enforcement_supervision.model._enums import (
    AgencyKind,
    AgencyLevel,
    CertificateStatus,
    DisclosureKind,
)

__all__ = [
    "Agency",
    "AnnualReview",
    "ConflictOfInterest",
    "Disclosure",
    "Officer",
    "TrainingRecord",
]


@attrs.frozen(kw_only=True)
class Disclosure:
    """One item of an agency's ex-ante disclosure (事前公开), e.g. its list of powers."""

    kind: DisclosureKind = attrs.field(metadata=meta("公开事项", "What was disclosed."))
    published_date: dt.date | None = attrs.field(
        default=None, metadata=meta("公开日期", "Date it was published.", event="record")
    )
    url: str | None = attrs.field(default=None, metadata=meta("公开网址", "Where it is published."))


@attrs.frozen(kw_only=True)
class Agency(Record):
    """An enforcement agency (执法主体) or supervision body, from province down to township.

    A county justice bureau that supervises a township is an agency too; ``supervisor_id``
    points at it. The agency's own id is its partition key.
    """

    record_type: ClassVar[str] = "agency"
    label_zh: ClassVar[str] = "执法主体"

    name: str = attrs.field(metadata=meta("名称", "Official name of the agency."))
    level: AgencyLevel = attrs.field(metadata=meta("层级", "Administrative level."))
    kind: AgencyKind = attrs.field(metadata=meta("机构性质", "What sort of body the agency is."))
    region_code: str | None = attrs.field(
        default=None, metadata=meta("所在区域代码", "Administrative division code of its seat.")
    )
    jurisdiction: tuple[str, ...] = attrs.field(
        default=(),
        metadata=meta("管辖区域", "Division codes of the areas the agency has jurisdiction over."),
    )
    sector: str | None = attrs.field(
        default=None,
        metadata=meta(
            "执法领域", "Sector code (e.g. market_regulation) that selects sector rule settings."
        ),
    )
    credit_code: str | None = attrs.field(
        default=None, metadata=meta("统一社会信用代码", "Unified social credit code.")
    )
    parent_id: str | None = attrs.field(
        default=None, metadata=meta("上级机关编号", "Id of the agency's superior body.")
    )
    supervisor_id: str | None = attrs.field(
        default=None,
        metadata=meta("监督机关编号", "Id of the body that supervises its enforcement."),
    )
    inspection_subject_confirmed: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "行政检查主体资格已确认", "Confirmed and published as a qualified inspecting body."
        ),
    )
    disclosures: tuple[Disclosure, ...] = attrs.field(
        default=(), metadata=meta("事前公开", "Items of ex-ante disclosure the agency published.")
    )


@attrs.frozen(kw_only=True)
class AnnualReview:
    """The annual review (年审) of an enforcement certificate."""

    year: int = attrs.field(metadata=meta("年度", "Year reviewed."))
    passed: bool = attrs.field(metadata=meta("通过", "The certificate passed the review."))
    date: dt.date | None = attrs.field(
        default=None, metadata=meta("审验日期", "Review date.", event="record")
    )


@attrs.frozen(kw_only=True)
class TrainingRecord:
    """Training hours (培训学时) an officer logged in a year."""

    year: int = attrs.field(metadata=meta("年度", "Calendar year."))
    hours: float = attrs.field(metadata=meta("学时", "Hours of training logged in the year."))


@attrs.frozen(kw_only=True)
class ConflictOfInterest:
    """A known relationship between an officer and a party that calls for recusal (回避)."""

    party_id: str = attrs.field(metadata=meta("当事人编号", "Party the officer is related to."))
    known_date: dt.date = attrs.field(
        metadata=meta("知悉日期", "Date the conflict became known to the agency.", event="record")
    )
    description: str | None = attrs.field(
        default=None, metadata=meta("关系说明", "Nature of the relationship.")
    )


@attrs.frozen(kw_only=True)
class Officer(AgencyRecord):
    """An enforcement officer, legal reviewer or auxiliary staff member of an agency.

    Officers' names are published by law (PUB-EX-ANTE) and are not marked personal; their ID
    numbers and phone numbers are.
    """

    record_type: ClassVar[str] = "officer"
    label_zh: ClassVar[str] = "执法人员"

    name: str = attrs.field(metadata=meta("姓名", "Name of the officer."))
    id_number: str | None = attrs.field(
        default=None,
        metadata=meta("身份证号码", "Resident ID number.", personal="id_number"),
    )
    phone: str | None = attrs.field(
        default=None, metadata=meta("联系电话", "Phone number.", personal="phone")
    )
    position: str | None = attrs.field(default=None, metadata=meta("职务", "Post held."))
    is_auxiliary: bool = attrs.field(
        default=False,
        metadata=meta(
            "辅助人员", "Auxiliary staff (协管员、网格员、临时工): may never enforce alone."
        ),
    )
    is_legal_reviewer: bool = attrs.field(
        default=False, metadata=meta("法制审核人员", "Works as a legal reviewer (法制审核).")
    )
    legal_qualification: bool | None = attrs.field(
        default=None,
        metadata=meta("法律职业资格", "Holds the national legal professional qualification."),
    )
    first_review_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "首次从事法制审核日期", "Date the officer first did a legal review.", event="date"
        ),
    )
    cert_number: str | None = attrs.field(
        default=None, metadata=meta("执法证号", "Number of the enforcement certificate.")
    )
    cert_status: CertificateStatus | None = attrs.field(
        default=None, metadata=meta("执法证状态", "Status of the certificate.")
    )
    cert_valid_from: dt.date | None = attrs.field(
        default=None, metadata=meta("执法证有效期起", "First day the certificate is valid.")
    )
    cert_valid_to: dt.date | None = attrs.field(
        default=None, metadata=meta("执法证有效期至", "Last day the certificate is valid.")
    )
    cert_scope: tuple[str, ...] = attrs.field(
        default=(),
        metadata=meta("执法类别", "Enforcement domains the certificate covers (matter domains)."),
    )
    cert_region: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("执法区域", "Division codes where the certificate is valid.")
    )
    annual_reviews: tuple[AnnualReview, ...] = attrs.field(
        default=(), metadata=meta("年审记录", "Annual reviews of the certificate.")
    )
    training: tuple[TrainingRecord, ...] = attrs.field(
        default=(), metadata=meta("培训学时", "Training hours per year.")
    )
    conflicts: tuple[ConflictOfInterest, ...] = attrs.field(
        default=(), metadata=meta("利害关系", "Known conflicts of interest with parties.")
    )
    active_from: dt.date | None = attrs.field(
        default=None, metadata=meta("任职起始日期", "First day in post at the agency.")
    )
    active_to: dt.date | None = attrs.field(
        default=None, metadata=meta("离岗日期", "Last day in post; empty while in post.")
    )
