"""Reconsideration (行政复议) and litigation (行政诉讼) from the agency's side.

A :class:`Reconsideration` is recorded by the township body that is the respondent (被申请人:
it must reply and hand over its evidence in time, 行政复议法 Arts. 48, 54) or, rarely, the
reviewing organ (行政复议机关: it must decide in time, Art. 62). A :class:`Lawsuit` is
recorded by the defendant agency (被告: defence and evidence within 15 days, 行政诉讼法
Art. 67; the head appears in court, Art. 3(3)). A decision record's ``remedies`` entry can point
to these records with ``proceeding_id``.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from enforcement_supervision.model._common import AgencyRecord, Extension, RecordRef, meta
from enforcement_supervision.model._enums import (
    AppearanceRole,
    PartyType,
    ProceedingRole,
    RemedyOutcome,
    RemedyProcedure,
)

__all__ = ["CourtSession", "Lawsuit", "Reconsideration"]


@attrs.frozen(kw_only=True)
class Reconsideration(AgencyRecord):
    """An administrative reconsideration (行政复议) in which the recording body takes part.

    ``role`` is the body's part: the respondent (the default when left empty) or the reviewing
    organ. As respondent the dates that matter are ``copy_received_date`` (the copy of the
    application or of its record reached the body), ``reply_date`` (the written reply) and
    ``evidence_date`` (the evidence, basis and other material of the act; empty when handed
    over with the reply). As reviewing organ they are ``accepted_date``, ``extension`` and
    ``decision_date``.
    """

    record_type: ClassVar[str] = "reconsideration"
    label_zh: ClassVar[str] = "行政复议案件"

    role: ProceedingRole | None = attrs.field(
        default=None,
        metadata=meta("本机关地位", "Respondent (the default when empty) or reviewing organ."),
    )
    case_number: str | None = attrs.field(
        default=None, metadata=meta("复议案号", "Number of the reconsideration case.")
    )
    applicant_name: str | None = attrs.field(
        default=None, metadata=meta("申请人", "Name of the applicant.", personal="name")
    )
    applicant_type: PartyType | None = attrs.field(
        default=None, metadata=meta("申请人类型", "Legal type of the applicant.")
    )
    reviewing_body: str | None = attrs.field(
        default=None, metadata=meta("行政复议机关名称", "The reviewing organ, if another.")
    )
    respondent_agency_id: str | None = attrs.field(
        default=None,
        metadata=meta("被申请人", "Agency whose act is contested, when this body reviews it."),
    )
    contested: RecordRef | None = attrs.field(
        default=None, metadata=meta("被申请复议的行为记录", "Record of the contested act, if held.")
    )
    contested_act: str | None = attrs.field(
        default=None, metadata=meta("被申请复议的行政行为", "The contested act, as text.")
    )
    filed_date: dt.date | None = attrs.field(
        default=None, metadata=meta("申请日期", "Date the application was made.", event="record")
    )
    accepted_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("受理日期", "Date the reviewing organ accepted it.", event="date"),
    )
    procedure: RemedyProcedure | None = attrs.field(
        default=None,
        metadata=meta("审理程序", "Ordinary or simple procedure (simple only from 2024-01-01)."),
    )
    copy_received_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "收到申请书副本日期",
            "Date the respondent received the copy of the application or of its record.",
            event="date",
        ),
    )
    reply_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("书面答复日期", "Date the respondent replied in writing.", event="date"),
    )
    evidence_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "提交证据依据日期",
            "Date the evidence, basis and material of the act were handed over; empty: with "
            "the reply.",
            event="date",
        ),
    )
    statutory_period_days: int | None = attrs.field(
        default=None,
        metadata=meta(
            "法律规定的复议期限（日）",
            "A shorter decision period set by a law (Art. 62(1)), in days.",
        ),
    )
    extension: Extension | None = attrs.field(
        default=None, metadata=meta("延长审理期限", "Extension of the decision period.")
    )
    decision_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "复议决定日期",
            "Date of the reconsideration decision.",
            event="date",
            clears=("outcome",),
        ),
    )
    outcome: RemedyOutcome | None = attrs.field(
        default=None, metadata=meta("复议结果", "How the reconsideration ended.")
    )


@attrs.frozen(kw_only=True)
class CourtSession:
    """One court session (开庭) of a lawsuit and who appeared for the defendant."""

    date: dt.date = attrs.field(metadata=meta("开庭日期", "Date of the session.", event="record"))
    appeared: tuple[AppearanceRole, ...] = attrs.field(
        default=(),
        metadata=meta("出庭应诉人员", "Who appeared for the agency (heads, staff, lawyers)."),
    )
    absence_explanation: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "负责人不能出庭情况说明",
            "A written explanation of the head's absence, sealed by the agency or signed by "
            "its principal head, was given to the court.",
        ),
    )
    explanation_reason: str | None = attrs.field(
        default=None, metadata=meta("不能出庭理由", "Why the head could not appear.")
    )


@attrs.frozen(kw_only=True)
class Lawsuit(AgencyRecord):
    """An administrative lawsuit (行政诉讼) against the recording agency as defendant.

    The 15 days for the defence and the evidence run from ``complaint_copy_received_date``
    (行政诉讼法 Art. 67); under the simple procedure the court may set a shorter evidence
    period (``evidence_period_days``). The triggers that oblige the head to appear are
    recorded case by case (行诉法解释 Art. 129), the sessions with who appeared.
    """

    record_type: ClassVar[str] = "lawsuit"
    label_zh: ClassVar[str] = "行政诉讼案件"

    case_number: str | None = attrs.field(
        default=None, metadata=meta("诉讼案号", "Court's case number.")
    )
    court: str | None = attrs.field(default=None, metadata=meta("受诉法院", "The court."))
    plaintiff_name: str | None = attrs.field(
        default=None, metadata=meta("原告", "Name of the plaintiff.", personal="name")
    )
    plaintiff_type: PartyType | None = attrs.field(
        default=None, metadata=meta("原告类型", "Legal type of the plaintiff.")
    )
    contested: RecordRef | None = attrs.field(
        default=None, metadata=meta("被诉行为记录", "Record of the contested act, if held.")
    )
    contested_act: str | None = attrs.field(
        default=None, metadata=meta("被诉行政行为", "The contested act, as text.")
    )
    instance: int | None = attrs.field(
        default=None, metadata=meta("审级", "1 for first instance, 2 for appeal.")
    )
    procedure: RemedyProcedure | None = attrs.field(
        default=None, metadata=meta("审理程序", "Ordinary or simple procedure.")
    )
    filed_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("立案日期", "Date the court registered the case.", event="record"),
    )
    complaint_copy_received_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "收到起诉状副本日期",
            "Date the agency received the copy of the complaint.",
            event="date",
        ),
    )
    evidence_period_days: int | None = attrs.field(
        default=None,
        metadata=meta(
            "法院确定的举证期限（日）",
            "Evidence period set by the court under the simple procedure (at most 15 days).",
        ),
    )
    defence_date: dt.date | None = attrs.field(
        default=None, metadata=meta("提交答辩状日期", "Date the defence was filed.", event="date")
    )
    evidence_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "提交证据和规范性文件日期",
            "Date the evidence and the normative documents relied on were handed in; empty: "
            "with the defence.",
            event="date",
        ),
    )
    major_public_interest: bool | None = attrs.field(
        default=None, metadata=meta("涉及重大公共利益", "A major public interest is at stake.")
    )
    high_social_concern: bool | None = attrs.field(
        default=None, metadata=meta("社会高度关注", "The case draws high social concern.")
    )
    mass_incident_risk: bool | None = attrs.field(
        default=None,
        metadata=meta("可能引发群体性事件", "The case may give rise to a mass incident."),
    )
    court_written_suggestion: bool | None = attrs.field(
        default=None,
        metadata=meta("法院书面建议负责人出庭", "The court asked in writing for the head."),
    )
    sessions: tuple[CourtSession, ...] = attrs.field(
        default=(), metadata=meta("开庭情况", "Court sessions and who appeared.")
    )
    judgment_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "裁判日期", "Date of the judgment or ruling.", event="date", clears=("outcome",)
        ),
    )
    outcome: RemedyOutcome | None = attrs.field(
        default=None, metadata=meta("裁判结果", "How the lawsuit ended.")
    )
