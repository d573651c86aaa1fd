"""Licence applications (行政许可申请) and their handling."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from enforcement_supervision.model._common import (
    AgencyRecord,
    ExcludedPeriod,
    Extension,
    Party,
    Publication,
    meta,
)
from enforcement_supervision.model._enums import LicenceApplicationKind, LicenceOutcome

__all__ = [
    "Acceptance",
    "CorrectionNotice",
    "LicenceApplication",
    "LicenceCertificate",
    "LicenceDecision",
    "LicenceHearing",
]


@attrs.frozen(kw_only=True)
class CorrectionNotice:
    """A notice listing missing materials (补正材料通知, Art. 32(1)(4))."""

    date: dt.date = attrs.field(metadata=meta("告知日期", "Date of the notice.", event="record"))
    items: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("补正内容", "Materials the applicant must add.")
    )


@attrs.frozen(kw_only=True)
class Acceptance:
    """Acceptance or refusal to accept an application (受理或不予受理, Art. 32)."""

    date: dt.date = attrs.field(
        metadata=meta("受理（不予受理）日期", "Date of the decision.", event="record")
    )
    accepted: bool = attrs.field(metadata=meta("予以受理", "The application was accepted."))
    written_certificate: bool | None = attrs.field(
        default=None, metadata=meta("出具书面凭证", "A written certificate was issued.")
    )
    sealed_and_dated: bool | None = attrs.field(
        default=None, metadata=meta("加盖印章并注明日期", "The certificate is sealed and dated.")
    )


@attrs.frozen(kw_only=True)
class LicenceHearing:
    """A licensing hearing (许可听证, Arts. 46–48)."""

    request_date: dt.date | None = attrs.field(
        default=None, metadata=meta("听证申请日期", "Date a hearing was requested.", event="record")
    )
    notice_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("听证通知日期", "Date the parties were told of the hearing.", event="date"),
    )
    held_date: dt.date | None = attrs.field(
        default=None, metadata=meta("听证举行日期", "Date the hearing was held.", event="date")
    )


@attrs.frozen(kw_only=True)
class LicenceDecision:
    """The decision on the application (许可决定)."""

    date: dt.date = attrs.field(metadata=meta("决定日期", "Date of the decision.", event="record"))
    outcome: LicenceOutcome = attrs.field(metadata=meta("决定结果", "Granted, refused, withdrawn."))
    document_number: str | None = attrs.field(
        default=None, metadata=meta("决定书文号", "Number of the decision.")
    )
    approver_id: str | None = attrs.field(
        default=None, metadata=meta("批准人", "Officer id of the approver.")
    )
    reason: str | None = attrs.field(default=None, metadata=meta("理由", "Reasons for a refusal."))


@attrs.frozen(kw_only=True)
class LicenceCertificate:
    """The licence certificate issued (许可证件, Art. 44)."""

    number: str | None = attrs.field(default=None, metadata=meta("证件编号", "Licence number."))
    issued_date: dt.date | None = attrs.field(
        default=None, metadata=meta("颁发日期", "Date the certificate was issued.", event="record")
    )
    served_date: dt.date | None = attrs.field(
        default=None, metadata=meta("送达日期", "Date it reached the applicant.", event="date")
    )
    valid_from: dt.date | None = attrs.field(
        default=None, metadata=meta("有效期起", "First day of validity.")
    )
    valid_to: dt.date | None = attrs.field(
        default=None, metadata=meta("有效期至", "Last day of validity.")
    )


@attrs.frozen(kw_only=True)
class LicenceApplication(AgencyRecord):
    """A licence application and how it was handled (LIC-*).

    For a renewal (``kind == renewal``) ``current_licence_expiry_date`` is the expiry of the
    licence being renewed (Art. 50).
    """

    record_type: ClassVar[str] = "licence-application"
    label_zh: ClassVar[str] = "行政许可申请"

    kind: LicenceApplicationKind = attrs.field(metadata=meta("申请类型", "New, change, renewal."))
    applicant: Party = attrs.field(metadata=meta("申请人", "The applicant."))
    received_date: dt.date = attrs.field(
        metadata=meta(
            "收到申请日期", "Date the application materials were received.", event="record"
        )
    )
    application_number: str | None = attrs.field(
        default=None, metadata=meta("申请编号", "Number of the application.")
    )
    matter_code: str | None = attrs.field(
        default=None, metadata=meta("许可事项编码", "Code of the licensing matter.")
    )
    matter_name: str | None = attrs.field(
        default=None, metadata=meta("许可事项名称", "Name of the licensing matter.")
    )
    materials_complete: bool | None = attrs.field(
        default=None, metadata=meta("材料齐全", "The materials were complete when received.")
    )
    correction_notices: tuple[CorrectionNotice, ...] = attrs.field(
        default=(), metadata=meta("补正告知", "Notices of missing materials.")
    )
    correction_completed_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "补正完成日期", "Date the applicant supplied what was missing.", event="date"
        ),
    )
    acceptance: Acceptance | None = attrs.field(
        default=None, metadata=meta("受理", "Acceptance or refusal to accept.")
    )
    joint_processing: bool | None = attrs.field(
        default=None,
        metadata=meta("统一办理、联合办理或集中办理", "Handled jointly or centrally (45 WD)."),
    )
    special_law_deadline_wd: int | None = attrs.field(
        default=None,
        metadata=meta("特别规定办理期限", "Deadline in working days set by a special law."),
    )
    extensions: tuple[Extension, ...] = attrs.field(
        default=(), metadata=meta("延长期限", "Approved extensions (10 working days).")
    )
    excluded_periods: tuple[ExcludedPeriod, ...] = attrs.field(
        default=(),
        metadata=meta("不计入期限的期间", "Hearings, tests, expert reviews not counted (Art. 45)."),
    )
    significant_interest: bool | None = attrs.field(
        default=None,
        metadata=meta("涉及重大利益关系", "Touches significant interests of others (Art. 47)."),
    )
    hearing_right_notice_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("告知听证权日期", "Date the right to a hearing was notified.", event="date"),
    )
    hearing: LicenceHearing | None = attrs.field(
        default=None, metadata=meta("听证", "The hearing.")
    )
    decision: LicenceDecision | None = attrs.field(
        default=None, metadata=meta("许可决定", "The decision; empty while pending.")
    )
    certificate: LicenceCertificate | None = attrs.field(
        default=None, metadata=meta("许可证件", "The certificate issued.")
    )
    current_licence_expiry_date: dt.date | None = attrs.field(
        default=None, metadata=meta("原许可有效期届满日", "Expiry of the licence being renewed.")
    )
    publication: Publication | None = attrs.field(
        default=None, metadata=meta("公开", "Publication of the decision.")
    )
