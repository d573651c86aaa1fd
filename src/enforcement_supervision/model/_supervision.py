"""The supervision side: checks, liaison points, social supervisors, feedback, complaints."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from enforcement_supervision.model._common import AgencyRecord, RecordRef, meta
from enforcement_supervision.model._enums import (
    CaseFileGrade,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintOutcome,
    DisqualificationKind,
    FeedbackChannel,
    FeedbackKind,
    FeedbackSourceKind,
    LiaisonCriterion,
    LiaisonPointStatus,
    SupervisionCheckType,
    SupervisorActivityKind,
    SupervisorStatus,
)

__all__ = [
    "Complaint",
    "CriterionAssessment",
    "Disqualification",
    "Feedback",
    "LiaisonPoint",
    "SampledCase",
    "SocialSupervisor",
    "SupervisionCheck",
    "SupervisionOpinion",
    "SupervisorActivity",
]


@attrs.frozen(kw_only=True)
class SampledCase:
    """A record sampled in a supervision check or case-file review, with the conclusion."""

    record: RecordRef = attrs.field(metadata=meta("抽查案卷", "The record that was examined."))
    grade: CaseFileGrade | None = attrs.field(
        default=None, metadata=meta("评查等次", "Grade given in a case-file review.")
    )
    issues: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("发现问题", "Problems found in the record.")
    )
    conclusion: str | None = attrs.field(default=None, metadata=meta("结论", "Conclusion."))


@attrs.frozen(kw_only=True)
class SupervisionOpinion:
    """A supervision opinion (监督意见书) asking an agency to rectify, and its follow-through."""

    issued_date: dt.date = attrs.field(
        metadata=meta("制发日期", "Date the opinion was issued.", event="record")
    )
    addressee_agency_id: str = attrs.field(
        metadata=meta("被监督机关", "Id of the agency asked to rectify.")
    )
    number: str | None = attrs.field(
        default=None, metadata=meta("文号", "Number of the opinion document.")
    )
    content: str | None = attrs.field(default=None, metadata=meta("内容", "What must be done."))
    rectification_deadline: dt.date | None = attrs.field(
        default=None, metadata=meta("整改期限", "Deadline for rectification.")
    )
    rectified_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("整改完成日期", "Date the rectification was completed.", event="date"),
    )
    report_date: dt.date | None = attrs.field(
        default=None, metadata=meta("整改报告日期", "Date the agency reported back.", event="date")
    )


@attrs.frozen(kw_only=True)
class SupervisionCheck(AgencyRecord):
    """A supervision check: a routine check, a case-file review or a special check.

    ``agency_id`` is the supervising body (e.g. the county justice bureau or the township's
    supervision office); ``supervised_agency_ids`` are the agencies checked.
    """

    record_type: ClassVar[str] = "supervision-check"
    label_zh: ClassVar[str] = "行政执法监督检查"

    type: SupervisionCheckType = attrs.field(metadata=meta("监督检查类型", "Kind of check."))
    date: dt.date = attrs.field(
        metadata=meta("检查日期", "Date the check started.", event="record")
    )
    end_date: dt.date | None = attrs.field(
        default=None, metadata=meta("结束日期", "Date the check ended.", event="date")
    )
    title: str | None = attrs.field(default=None, metadata=meta("名称", "Title of the check."))
    supervised_agency_ids: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("被监督机关", "Ids of the agencies checked.")
    )
    participant_ids: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("参加人员", "Ids of the officers who took part.")
    )
    supervisor_ids: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("参加的社会监督员", "Ids of social supervisors who took part.")
    )
    population_size: int | None = attrs.field(
        default=None,
        metadata=meta("案卷总数", "Number of records in scope, for the sample rate."),
    )
    sampled_cases: tuple[SampledCase, ...] = attrs.field(
        default=(), metadata=meta("抽查案卷", "Records examined and their conclusions.")
    )
    conclusion: str | None = attrs.field(
        default=None, metadata=meta("检查结论", "Overall conclusion.")
    )
    opinions: tuple[SupervisionOpinion, ...] = attrs.field(
        default=(), metadata=meta("监督意见", "Supervision opinions issued.")
    )


@attrs.frozen(kw_only=True)
class CriterionAssessment:
    """Whether a liaison point meets one selection criterion, and the evidence for it."""

    criterion: LiaisonCriterion = attrs.field(metadata=meta("遴选条件", "The criterion."))
    met: bool = attrs.field(metadata=meta("符合", "The point meets the criterion."))
    evidence: str | None = attrs.field(
        default=None, metadata=meta("证明材料", "Evidence the assessment relied on.")
    )
    assessed_date: dt.date | None = attrs.field(
        default=None, metadata=meta("评估日期", "Date of the assessment.", event="record")
    )


@attrs.frozen(kw_only=True)
class LiaisonPoint(AgencyRecord):
    """A supervision liaison point (行政执法监督联系点): an enterprise the office listens to.

    ``agency_id`` is the body that designated it. The enterprise's name is not personal data;
    its contact person's name and phone are.
    """

    record_type: ClassVar[str] = "liaison-point"
    label_zh: ClassVar[str] = "行政执法监督联系点"

    name: str = attrs.field(metadata=meta("联系点名称", "Name of the enterprise or unit."))
    designation_date: dt.date = attrs.field(
        metadata=meta("确定日期", "Date it was designated a liaison point.", event="record")
    )
    status: LiaisonPointStatus = attrs.field(metadata=meta("状态", "Current status."))
    credit_code: str | None = attrs.field(
        default=None, metadata=meta("统一社会信用代码", "Unified social credit code.")
    )
    region_code: str | None = attrs.field(
        default=None, metadata=meta("所在区域代码", "Division code of its location.")
    )
    designation_document: str | None = attrs.field(
        default=None, metadata=meta("确定文件", "Document that designated it.")
    )
    term_months: int | None = attrs.field(
        default=None, metadata=meta("期限（月）", "Term in months.")
    )
    term_end_date: dt.date | None = attrs.field(
        default=None, metadata=meta("期满日期", "Last day of the term, if set explicitly.")
    )
    status_date: dt.date | None = attrs.field(
        default=None, metadata=meta("状态变更日期", "Date the current status began.")
    )
    contact_name: str | None = attrs.field(
        default=None, metadata=meta("联系人", "Contact person.", personal="name")
    )
    contact_phone: str | None = attrs.field(
        default=None, metadata=meta("联系电话", "Contact phone.", personal="phone")
    )
    criteria: tuple[CriterionAssessment, ...] = attrs.field(
        default=(), metadata=meta("遴选条件", "Assessment against the selection criteria.")
    )


@attrs.frozen(kw_only=True)
class Disqualification:
    """A record that bars a person from serving as a social supervisor."""

    kind: DisqualificationKind = attrs.field(metadata=meta("情形", "What the record is."))
    date: dt.date | None = attrs.field(
        default=None, metadata=meta("日期", "Date of the record.", event="record")
    )
    description: str | None = attrs.field(default=None, metadata=meta("说明", "Details."))


@attrs.frozen(kw_only=True)
class SupervisorActivity:
    """Something a social supervisor did in that role (履职活动)."""

    date: dt.date = attrs.field(metadata=meta("日期", "Date of the activity.", event="record"))
    kind: SupervisorActivityKind = attrs.field(metadata=meta("活动类型", "What was done."))
    description: str | None = attrs.field(default=None, metadata=meta("说明", "Details."))
    related: RecordRef | None = attrs.field(
        default=None, metadata=meta("关联记录", "Record the activity concerned.")
    )


@attrs.frozen(kw_only=True)
class SocialSupervisor(AgencyRecord):
    """A social supervisor (行政执法社会监督员): a citizen appointed for a term.

    ``agency_id`` is the appointing body.
    """

    record_type: ClassVar[str] = "social-supervisor"
    label_zh: ClassVar[str] = "行政执法社会监督员"

    name: str = attrs.field(metadata=meta("姓名", "Name of the supervisor.", personal="supervisor"))
    appointed_date: dt.date = attrs.field(
        metadata=meta("聘任日期", "Date of appointment.", event="record")
    )
    status: SupervisorStatus = attrs.field(metadata=meta("状态", "Current status."))
    term_months: int | None = attrs.field(
        default=None, metadata=meta("聘期（月）", "Term in months.")
    )
    term_end_date: dt.date | None = attrs.field(
        default=None, metadata=meta("聘期届满日期", "Last day of the term, if set explicitly.")
    )
    status_date: dt.date | None = attrs.field(
        default=None, metadata=meta("状态变更日期", "Date the current status began.")
    )
    id_number: str | None = attrs.field(
        default=None, metadata=meta("身份证号码", "Resident ID number.", personal="id_number")
    )
    phone: str | None = attrs.field(
        default=None, metadata=meta("联系电话", "Phone number.", personal="phone")
    )
    occupation: str | None = attrs.field(
        default=None, metadata=meta("职业或单位", "Occupation or employer.")
    )
    disqualifications: tuple[Disqualification, ...] = attrs.field(
        default=(), metadata=meta("不得担任情形", "Records that bar the person from serving.")
    )
    activities: tuple[SupervisorActivity, ...] = attrs.field(
        default=(), metadata=meta("履职记录", "Activities as a supervisor.")
    )


@attrs.frozen(kw_only=True)
class Feedback(AgencyRecord):
    """An opinion or suggestion from a liaison point or social supervisor, and its answer.

    ``agency_id`` is the body that collected it; ``source_id`` is the liaison point's or the
    supervisor's id.
    """

    record_type: ClassVar[str] = "feedback"
    label_zh: ClassVar[str] = "意见建议"

    source_kind: FeedbackSourceKind = attrs.field(metadata=meta("来源类型", "Who gave it."))
    received_date: dt.date = attrs.field(
        metadata=meta("收到日期", "Date it was collected.", event="record")
    )
    channel: FeedbackChannel = attrs.field(metadata=meta("收集渠道", "How it was collected."))
    source_id: str | None = attrs.field(
        default=None, metadata=meta("来源编号", "Id of the liaison point or supervisor.")
    )
    kind: FeedbackKind | None = attrs.field(
        default=None, metadata=meta("类型", "Opinion, suggestion, problem report.")
    )
    summary: str | None = attrs.field(default=None, metadata=meta("内容摘要", "What it says."))
    related: RecordRef | None = attrs.field(
        default=None, metadata=meta("关联记录", "Record the feedback is about.")
    )
    forwarded_to_agency_id: str | None = attrs.field(
        default=None, metadata=meta("转交机关", "Agency it was forwarded to for handling.")
    )
    forwarded_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "转交日期", "Date it was forwarded.", event="date", clears=("forwarded_to_agency_id",)
        ),
    )
    answered_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "答复日期", "Date the giver got an answer.", event="date", clears=("answer_summary",)
        ),
    )
    answer_summary: str | None = attrs.field(
        default=None, metadata=meta("答复内容", "What the answer said.")
    )


@attrs.frozen(kw_only=True)
class Complaint(AgencyRecord):
    """A complaint or report about enforcement (对执法行为的投诉举报).

    ``agency_id`` is the body handling it; ``respondent_agency_id`` the agency complained about.
    """

    record_type: ClassVar[str] = "complaint"
    label_zh: ClassVar[str] = "执法投诉举报"

    received_date: dt.date = attrs.field(
        metadata=meta("收到日期", "Date it was received.", event="record")
    )
    channel: ComplaintChannel = attrs.field(metadata=meta("渠道", "How it arrived."))
    complainant_name: str | None = attrs.field(
        default=None,
        metadata=meta("投诉举报人", "Identity of the complainant.", personal="reporter"),
    )
    complainant_phone: str | None = attrs.field(
        default=None, metadata=meta("投诉人电话", "Complainant's phone.", personal="phone")
    )
    anonymous: bool | None = attrs.field(default=None, metadata=meta("匿名", "Made anonymously."))
    respondent_agency_id: str | None = attrs.field(
        default=None, metadata=meta("被投诉机关", "Agency complained about.")
    )
    respondent_officer_ids: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("被投诉人员", "Officers complained about.")
    )
    category: ComplaintCategory | None = attrs.field(
        default=None, metadata=meta("问题类型", "What is alleged.")
    )
    summary: str | None = attrs.field(default=None, metadata=meta("内容摘要", "What it says."))
    related: RecordRef | None = attrs.field(
        default=None, metadata=meta("关联记录", "Enforcement record it is about.")
    )
    accepted_date: dt.date | None = attrs.field(
        default=None, metadata=meta("受理日期", "Date it was accepted for handling.", event="date")
    )
    forwarded_to_agency_id: str | None = attrs.field(
        default=None, metadata=meta("转办机关", "Agency it was forwarded to.")
    )
    forwarded_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "转办日期", "Date it was forwarded.", event="date", clears=("forwarded_to_agency_id",)
        ),
    )
    responded_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("答复日期", "Date the complainant got a response.", event="date"),
    )
    concluded_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "办结日期", "Date handling was concluded.", event="date", clears=("outcome",)
        ),
    )
    outcome: ComplaintOutcome | None = attrs.field(
        default=None, metadata=meta("办理结果", "Result of the handling.")
    )
