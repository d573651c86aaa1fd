"""Administrative penalty cases (行政处罚案件) with their whole timeline, and case leads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

import attrs

from enforcement_supervision.model._common import (
    AgencyRecord,
    DecisionChange,
    ExcludedPeriod,
    Extension,
    Party,
    Publication,
    RemedyProceeding,
    meta,
)
from enforcement_supervision.model._enums import (
    ActKind,
    CaseClosureKind,
    DeliveryMethod,
    DiscretionLevel,
    EvidenceType,
    FilingDecision,
    LeadSource,
    LegalReviewResult,
    PaymentChannel,
    PenaltyType,
    Procedure,
    ProcessStage,
)

__all__ = [
    "CaseClosure",
    "CollectiveDiscussion",
    "Delivery",
    "EnforcementAct",
    "EvidenceItem",
    "EvidencePreservation",
    "Hearing",
    "Lead",
    "LegalNorm",
    "LegalReview",
    "MonitoringDevice",
    "Payment",
    "PenaltyCase",
    "PenaltyDecision",
    "PriorNotice",
    "Recusal",
    "StageRecord",
    "ViolationFact",
    "Waiver",
]


@attrs.frozen(kw_only=True)
class Lead(AgencyRecord):
    """A case lead (案件线索) and what was decided about opening a case (PEN-FILING-LAG)."""

    record_type: ClassVar[str] = "lead"
    label_zh: ClassVar[str] = "案件线索"

    received_date: dt.date = attrs.field(
        metadata=meta("线索接收日期", "Date the lead arrived.", event="record")
    )
    source: LeadSource = attrs.field(metadata=meta("线索来源", "Where the lead came from."))
    summary: str | None = attrs.field(default=None, metadata=meta("线索摘要", "What it reports."))
    reporter_name: str | None = attrs.field(
        default=None,
        metadata=meta("举报人", "Identity of the complainant or reporter.", personal="reporter"),
    )
    reporter_phone: str | None = attrs.field(
        default=None, metadata=meta("举报人电话", "Reporter's phone number.", personal="phone")
    )
    party: Party | None = attrs.field(
        default=None, metadata=meta("涉嫌违法当事人", "The party the lead is about.")
    )
    matter_code: str | None = attrs.field(
        default=None, metadata=meta("事项编码", "Code of the enforcement matter concerned.")
    )
    sector: str | None = attrs.field(
        default=None, metadata=meta("执法领域", "Sector code used for the filing deadline.")
    )
    inspection_id: str | None = attrs.field(
        default=None, metadata=meta("来源检查编号", "Inspection that found the violation.")
    )
    extensions: tuple[Extension, ...] = attrs.field(
        default=(), metadata=meta("核查期限延长", "Approved extensions of the filing deadline.")
    )
    filing_decision: FilingDecision | None = attrs.field(
        default=None, metadata=meta("立案决定", "Decision on the lead; empty while pending.")
    )
    filing_decision_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "立案决定日期",
            "Date of the decision on the lead.",
            event="date",
            clears=("filing_decision", "case_id", "not_filed_reason"),
        ),
    )
    case_id: str | None = attrs.field(
        default=None, metadata=meta("案件编号", "Penalty case opened from the lead.")
    )
    not_filed_reason: str | None = attrs.field(
        default=None, metadata=meta("不予立案理由", "Reason for not opening a case.")
    )


@attrs.frozen(kw_only=True)
class EnforcementAct:
    """An act done by officers within a case: questioning, on-site inspection, on-the-spot
    decision, evidence preservation ... (PEN-OFFICERS-2, PEN-CERT-VALID, PERS-SCOPE, REC-AV).

    A summary-procedure decision made on the spot appears here as an ``on_site_decision`` act,
    with the officers who made it and whether they showed their certificates.
    """

    kind: ActKind = attrs.field(metadata=meta("行为类型", "What kind of act it was."))
    date: dt.date = attrs.field(metadata=meta("日期", "Date of the act.", event="record"))
    officer_ids: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("执法人员", "Ids of the officers who did the act.")
    )
    start_datetime: dt.datetime | None = attrs.field(
        default=None, metadata=meta("开始时间", "When the act began.", event="date")
    )
    end_datetime: dt.datetime | None = attrs.field(
        default=None, metadata=meta("结束时间", "When the act ended.", event="date")
    )
    certificate_shown: bool | None = attrs.field(
        default=None, metadata=meta("出示执法证件", "Officers showed their certificates.")
    )
    law_exception_ref: str | None = attrs.field(
        default=None,
        metadata=meta("法律另有规定依据", "Statute allowing fewer than two officers, if any."),
    )
    region_code: str | None = attrs.field(
        default=None, metadata=meta("行为地区域代码", "Division code where the act took place.")
    )
    written_record: bool | None = attrs.field(
        default=None, metadata=meta("文字记录", "A written record (笔录) of the act exists.")
    )
    av_recorded: bool | None = attrs.field(
        default=None, metadata=meta("音像记录", "An audio-video record of the act exists.")
    )
    document_number: str | None = attrs.field(
        default=None, metadata=meta("文书编号", "Number of the record or document.")
    )


@attrs.frozen(kw_only=True)
class ViolationFact:
    """One unlawful act of the party that the case is about (违法事实)."""

    id: str = attrs.field(
        metadata=meta("违法事实编号", "Id of the fact; same act, same id (PEN-NE-BIS).")
    )
    description: str | None = attrs.field(default=None, metadata=meta("描述", "What happened."))
    start_date: dt.date | None = attrs.field(
        default=None, metadata=meta("违法行为发生日期", "Date the act began.", event="record")
    )
    end_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "违法行为终了日期", "Date a continuing or repeated act stopped.", event="date"
        ),
    )
    continuing: bool | None = attrs.field(
        default=None, metadata=meta("连续或继续状态", "A continuing or repeated act.")
    )
    life_health_or_financial_safety: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "涉及公民生命健康安全、金融安全", "Touches life, health or financial safety."
        ),
    )
    harm_caused: bool | None = attrs.field(
        default=None, metadata=meta("有危害后果", "The act caused harm.")
    )
    harm_minor: bool | None = attrs.field(
        default=None, metadata=meta("危害后果轻微", "The harm was minor.")
    )
    minor: bool | None = attrs.field(
        default=None, metadata=meta("违法行为轻微", "The violation itself was minor.")
    )
    corrected_timely: bool | None = attrs.field(
        default=None, metadata=meta("及时改正", "The party corrected it in time.")
    )
    first_time: bool | None = attrs.field(
        default=None, metadata=meta("初次违法", "The party's first violation.")
    )


@attrs.frozen(kw_only=True)
class MonitoringDevice:
    """An electronic monitoring device whose records are used as evidence (Art. 41)."""

    device_id: str | None = attrs.field(
        default=None, metadata=meta("设备编号", "Id of the device.")
    )
    legal_tech_review: bool | None = attrs.field(
        default=None,
        metadata=meta("经法制和技术审核", "The device passed legal and technical review."),
    )
    location_published: bool | None = attrs.field(
        default=None, metadata=meta("设置地点已公布", "Its location was published.")
    )
    record_reviewed: bool | None = attrs.field(
        default=None,
        metadata=meta("记录经审核", "The recorded data were reviewed before use."),
    )


@attrs.frozen(kw_only=True)
class EvidenceItem:
    """An item of evidence (证据)."""

    type: EvidenceType = attrs.field(metadata=meta("证据种类", "Legal type of the evidence."))
    description: str | None = attrs.field(default=None, metadata=meta("名称", "What it is."))
    obtained_date: dt.date | None = attrs.field(
        default=None, metadata=meta("取得日期", "Date it was obtained.", event="record")
    )
    used_in_decision: bool | None = attrs.field(
        default=None, metadata=meta("作为定案依据", "Used as a basis of the decision.")
    )
    verified: bool | None = attrs.field(
        default=None, metadata=meta("经查证属实", "Checked and found true.")
    )
    obtained_illegally: bool | None = attrs.field(
        default=None, metadata=meta("以非法手段取得", "Obtained by unlawful means.")
    )
    monitoring_device: MonitoringDevice | None = attrs.field(
        default=None,
        metadata=meta("电子技术监控设备", "Device that recorded it, for monitoring evidence."),
    )


@attrs.frozen(kw_only=True)
class EvidencePreservation:
    """Advance registration and preservation of evidence (先行登记保存, Art. 56)."""

    date: dt.date = attrs.field(
        metadata=meta("保存日期", "Date the evidence was preserved.", event="record")
    )
    head_approval_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("负责人批准日期", "Date the agency head approved it.", event="date"),
    )
    handling_decision_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("处理决定日期", "Date of the decision on what to do with it.", event="date"),
    )
    items: str | None = attrs.field(default=None, metadata=meta("物品", "What was preserved."))


@attrs.frozen(kw_only=True)
class Recusal:
    """A request for, or decision on, an officer's recusal (回避, Art. 43)."""

    officer_id: str = attrs.field(metadata=meta("回避人员", "Officer concerned."))
    requested_date: dt.date | None = attrs.field(
        default=None, metadata=meta("申请日期", "Date recusal was requested.", event="record")
    )
    requested_by_party: bool | None = attrs.field(
        default=None, metadata=meta("当事人申请", "The party asked for it.")
    )
    decided_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "决定日期",
            "Date of the decision on recusal.",
            event="date",
            clears=("decided_by_id", "decided_by_head", "granted"),
        ),
    )
    decided_by_id: str | None = attrs.field(
        default=None, metadata=meta("决定人编号", "Officer id of the person who decided.")
    )
    decided_by_head: bool | None = attrs.field(
        default=None, metadata=meta("由机关负责人决定", "Decided by the agency head.")
    )
    granted: bool | None = attrs.field(
        default=None, metadata=meta("决定回避", "The officer was recused.")
    )


@attrs.frozen(kw_only=True)
class PriorNotice:
    """Prior notice of the proposed penalty and the party's rights (处罚前告知, Arts. 44–45, 63)."""

    served_date: dt.date | None = attrs.field(
        default=None, metadata=meta("告知书送达日期", "Date the notice was served.", event="record")
    )
    document_number: str | None = attrs.field(
        default=None, metadata=meta("告知书文号", "Number of the notice.")
    )
    proposed_penalty: bool | None = attrs.field(
        default=None, metadata=meta("告知拟作出的处罚内容", "States the proposed penalty.")
    )
    facts: bool | None = attrs.field(default=None, metadata=meta("告知事实", "States the facts."))
    reasons: bool | None = attrs.field(
        default=None, metadata=meta("告知理由", "States the reasons.")
    )
    legal_basis: bool | None = attrs.field(
        default=None, metadata=meta("告知依据", "States the legal basis.")
    )
    right_statement: bool | None = attrs.field(
        default=None, metadata=meta("告知陈述权", "States the right to make a statement.")
    )
    right_defence: bool | None = attrs.field(
        default=None, metadata=meta("告知申辩权", "States the right of defence.")
    )
    right_hearing: bool | None = attrs.field(
        default=None, metadata=meta("告知听证权", "States the right to ask for a hearing.")
    )
    proposed_penalty_types: tuple[PenaltyType, ...] = attrs.field(
        default=(), metadata=meta("拟处罚种类", "Penalty types proposed in the notice.")
    )
    proposed_fine_amount: Decimal | None = attrs.field(
        default=None, metadata=meta("拟罚款金额", "Fine proposed in the notice, yuan.")
    )
    defence_submitted_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("陈述申辩日期", "Date the party made a statement or defence.", event="date"),
    )


@attrs.frozen(kw_only=True)
class Waiver:
    """The party's explicit written waiver of procedural rights (书面放弃)."""

    statement_and_defence: bool | None = attrs.field(
        default=None, metadata=meta("放弃陈述申辩", "Waived statement and defence in writing.")
    )
    hearing: bool | None = attrs.field(
        default=None, metadata=meta("放弃听证", "Waived the hearing in writing.")
    )
    date: dt.date | None = attrs.field(
        default=None, metadata=meta("放弃日期", "Date of waiver.", event="record")
    )


@attrs.frozen(kw_only=True)
class Hearing:
    """A hearing (听证, Arts. 63–65)."""

    requested_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("听证申请日期", "Date the party asked for a hearing.", event="record"),
    )
    notice_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("听证通知日期", "Date the party was told of time and place.", event="date"),
    )
    held_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "听证举行日期",
            "Date the hearing was held.",
            event="date",
            clears=("record_signed", "refusal_noted"),
        ),
    )
    chair_id: str | None = attrs.field(
        default=None, metadata=meta("听证主持人", "Officer id of the hearing chair.")
    )
    record_signed: bool | None = attrs.field(
        default=None, metadata=meta("听证笔录签字", "The party signed the hearing record.")
    )
    refusal_noted: bool | None = attrs.field(
        default=None, metadata=meta("拒签已注明", "A refusal to sign was noted in the record.")
    )
    withdrawn_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("撤回申请日期", "Date the party withdrew the request.", event="date"),
    )


@attrs.frozen(kw_only=True)
class LegalReview:
    """Legal review before the decision (法制审核, Art. 58)."""

    reviewer_id: str | None = attrs.field(
        default=None, metadata=meta("审核人员", "Officer id of the legal reviewer.")
    )
    submitted_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("送审日期", "Date the case was submitted for review.", event="record"),
    )
    completed_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "审核完成日期",
            "Date the review was completed.",
            event="date",
            clears=("result", "opinion"),
        ),
    )
    result: LegalReviewResult | None = attrs.field(
        default=None, metadata=meta("审核结果", "Outcome of the review.")
    )
    opinion: str | None = attrs.field(default=None, metadata=meta("审核意见", "Opinion text."))


@attrs.frozen(kw_only=True)
class CollectiveDiscussion:
    """Collective discussion by the agency's leaders (集体讨论, Art. 57(2))."""

    date: dt.date = attrs.field(
        metadata=meta("讨论日期", "Date of the discussion.", event="record")
    )
    participant_ids: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("参加人员", "Ids of those who took part.")
    )
    conclusion: str | None = attrs.field(default=None, metadata=meta("讨论结论", "Conclusion."))


@attrs.frozen(kw_only=True)
class LegalNorm:
    """A legal norm the facts violate, with its fine range (PEN-NE-BIS, PEN-DISCRETION)."""

    ref: str = attrs.field(metadata=meta("法律条款", "Citation of the provision."))
    fine_min: Decimal | None = attrs.field(
        default=None, metadata=meta("法定罚款下限", "Lowest fine the provision allows, yuan.")
    )
    fine_max: Decimal | None = attrs.field(
        default=None, metadata=meta("法定罚款上限", "Highest fine the provision allows, yuan.")
    )


@attrs.frozen(kw_only=True)
class PenaltyDecision:
    """The penalty decision (行政处罚决定书).

    ``decision_date`` is the date printed on the 决定书 (Art. 59(6)); internal opinions and
    phone calls before it do not count (catalog E1).
    """

    decision_date: dt.date = attrs.field(
        metadata=meta("决定日期", "Date printed on the decision document (决定书).", event="record")
    )
    procedure: Procedure = attrs.field(metadata=meta("适用程序", "Summary or ordinary procedure."))
    document_number: str | None = attrs.field(
        default=None, metadata=meta("决定书文号", "Number of the decision document.")
    )
    approved_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "批准日期",
            "Date the agency head approved the decision.",
            event="date",
            clears=("approver_id",),
        ),
    )
    approver_id: str | None = attrs.field(
        default=None, metadata=meta("批准人", "Officer id of the approving head.")
    )
    announced_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("宣告日期", "Date the decision was announced to the party.", event="date"),
    )
    penalty_types: tuple[PenaltyType, ...] = attrs.field(
        default=(), metadata=meta("处罚种类", "Penalties imposed; empty for no penalty.")
    )
    fine_amount: Decimal | None = attrs.field(
        default=None, metadata=meta("罚款金额", "Fine imposed, yuan.")
    )
    confiscation_value: Decimal | None = attrs.field(
        default=None,
        metadata=meta("没收金额", "Value of illegal gains or property confiscated, yuan."),
    )
    matter_code: str | None = attrs.field(
        default=None, metadata=meta("事项编码", "Code of the enforcement matter (权责清单).")
    )
    legal_basis: str | None = attrs.field(
        default=None, metadata=meta("处罚依据", "Provision the penalty is based on.")
    )
    statute_fine_min: Decimal | None = attrs.field(
        default=None, metadata=meta("法定罚款下限", "Lowest fine of the applied provision, yuan.")
    )
    statute_fine_max: Decimal | None = attrs.field(
        default=None, metadata=meta("法定罚款上限", "Highest fine of the applied provision, yuan.")
    )
    applicable_norms: tuple[LegalNorm, ...] = attrs.field(
        default=(),
        metadata=meta("违反的法律规范", "All provisions the act violates (Art. 29, higher fine)."),
    )
    special_law_ref: str | None = attrs.field(
        default=None,
        metadata=meta("特别规定依据", "Special-law provision relied on for an exception."),
    )
    benchmark_id: str | None = attrs.field(
        default=None, metadata=meta("裁量基准编号", "Id of the discretion benchmark applied.")
    )
    benchmark_level: DiscretionLevel | None = attrs.field(
        default=None, metadata=meta("裁量阶次", "Level chosen within the benchmark.")
    )
    deviation_reason: str | None = attrs.field(
        default=None, metadata=meta("偏离基准理由", "Reason for departing from the benchmark.")
    )
    deviation_collectively_approved: bool | None = attrs.field(
        default=None,
        metadata=meta("偏离基准经集体讨论", "A departure was approved by collective discussion."),
    )
    correction_ordered: bool | None = attrs.field(
        default=None, metadata=meta("责令改正", "The party was ordered to correct (Art. 28).")
    )
    correction_deadline: dt.date | None = attrs.field(
        default=None, metadata=meta("改正期限", "Deadline set for the correction.")
    )
    social_impact: bool | None = attrs.field(
        default=None, metadata=meta("具有一定社会影响", "The decision has public impact.")
    )
    doc_form_numbered: bool | None = attrs.field(
        default=None,
        metadata=meta("格式化编号决定书", "Summary decision on a numbered standard form."),
    )
    delivered_on_spot: bool | None = attrs.field(
        default=None, metadata=meta("当场交付", "Summary decision handed over on the spot.")
    )
    refusal_to_sign_noted: bool | None = attrs.field(
        default=None, metadata=meta("拒绝签收已注明", "A refusal to sign was noted.")
    )
    filed_with_agency_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "报所属机关备案日期", "Date a summary decision was filed with the agency.", event="date"
        ),
    )
    change: DecisionChange | None = attrs.field(
        default=None, metadata=meta("决定变更", "Later change, revocation or annulment.")
    )


@attrs.frozen(kw_only=True)
class Delivery:
    """Service of the decision (送达, Art. 61)."""

    method: DeliveryMethod | None = attrs.field(
        default=None, metadata=meta("送达方式", "How the decision was served.")
    )
    served_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("送达日期", "Date the decision reached the party.", event="date"),
    )
    party_present_at_announcement: bool | None = attrs.field(
        default=None, metadata=meta("宣告时当事人在场", "The party was present at announcement.")
    )
    e_service_consent_signed: bool | None = attrs.field(
        default=None,
        metadata=meta("签署电子送达确认书", "The party agreed in writing to electronic service."),
    )
    posted_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("交邮日期", "Date it was posted (mailing time is excluded).", event="date"),
    )


@attrs.frozen(kw_only=True)
class Payment:
    """Payment of the fine (罚款缴纳, Arts. 67–73)."""

    channel: PaymentChannel | None = attrs.field(
        default=None, metadata=meta("缴款方式", "How the fine was paid.")
    )
    amount_paid: Decimal | None = attrs.field(
        default=None, metadata=meta("实缴金额", "Amount paid, yuan.")
    )
    paid_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("缴款日期", "Date the fine was paid.", event="date", clears=("amount_paid",)),
    )
    collected_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "当场收缴日期",
            "Date cash was collected on the spot.",
            event="date",
            clears=("receipt_no",),
        ),
    )
    landing_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("抵岸日期", "For collections on water: date ashore.", event="date"),
    )
    handover_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "交至机关日期", "Date on-the-spot cash was handed to the agency.", event="date"
        ),
    )
    bank_deposit_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("缴付银行日期", "Date the agency paid it into the bank.", event="date"),
    )
    receipt_no: str | None = attrs.field(
        default=None, metadata=meta("财政票据号", "Number of the official fiscal receipt.")
    )
    hard_to_enforce_later: bool | None = attrs.field(
        default=None, metadata=meta("事后难以执行", "Collection later would be hard (Art. 68).")
    )
    party_requested_on_spot: bool | None = attrs.field(
        default=None,
        metadata=meta("当事人提出当场缴纳", "The party asked to pay on the spot (Art. 69)."),
    )
    deferral_approved_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("暂缓缴纳批准日期", "Date deferral of payment was approved.", event="date"),
    )
    instalments_approved_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "分期缴纳批准日期", "Date payment by instalments was approved.", event="date"
        ),
    )
    late_fee: Decimal | None = attrs.field(
        default=None, metadata=meta("加处罚款", "Surcharge for late payment, yuan.")
    )
    late_fee_from_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "加处罚款起算日期",
            "First day the surcharge accrued.",
            event="date",
            clears=("late_fee", "late_fee_to_date"),
        ),
    )
    late_fee_to_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "加处罚款截止日期",
            "Last day the surcharge accrued.",
            event="date",
            clears=("late_fee",),
        ),
    )


@attrs.frozen(kw_only=True)
class StageRecord:
    """The record kept for one stage of the procedure (全过程记录, Art. 47)."""

    stage: ProcessStage = attrs.field(metadata=meta("环节", "Stage of the procedure."))
    written_record: bool | None = attrs.field(
        default=None, metadata=meta("文字记录", "A written record of the stage exists.")
    )
    av_recorded: bool | None = attrs.field(
        default=None, metadata=meta("音像记录", "An audio-video record of the stage exists.")
    )
    date: dt.date | None = attrs.field(
        default=None, metadata=meta("日期", "Date of the stage.", event="record")
    )


@attrs.frozen(kw_only=True)
class CaseClosure:
    """Closure of a case (结案)."""

    closed_date: dt.date = attrs.field(
        metadata=meta("结案日期", "Date the case was closed.", event="record")
    )
    kind: CaseClosureKind | None = attrs.field(
        default=None, metadata=meta("结案方式", "How the case ended.")
    )


@attrs.frozen(kw_only=True)
class PenaltyCase(AgencyRecord):
    """An administrative penalty case (行政处罚案件) with its whole timeline.

    ``agency_id`` is the agency in whose name the penalty is imposed; ``acting_agency_id`` is
    set when another organisation acted for it under an entrustment (``delegation_id``).
    Every stage is optional so that open cases can be checked for inaction.
    """

    record_type: ClassVar[str] = "penalty-case"
    label_zh: ClassVar[str] = "行政处罚案件"

    party: Party = attrs.field(metadata=meta("当事人", "The party the case is against."))
    case_number: str | None = attrs.field(
        default=None, metadata=meta("案号", "Case number given by the agency.")
    )
    cause: str | None = attrs.field(default=None, metadata=meta("案由", "Cause of action."))
    matter_domain: str | None = attrs.field(
        default=None,
        metadata=meta("执法类别", "Enforcement domain, compared with certificate scopes."),
    )
    region_code: str | None = attrs.field(
        default=None, metadata=meta("案发地区域代码", "Division code where the violation happened.")
    )
    acting_agency_id: str | None = attrs.field(
        default=None,
        metadata=meta("实施机关编号", "Organisation that actually acted, if not the agency."),
    )
    delegation_id: str | None = attrs.field(
        default=None, metadata=meta("委托编号", "Entrustment the acting organisation relied on.")
    )
    lead_id: str | None = attrs.field(
        default=None, metadata=meta("线索编号", "Lead the case was opened from.")
    )
    lead_received_date: dt.date | None = attrs.field(
        default=None, metadata=meta("线索接收日期", "Date the lead arrived.", event="date")
    )
    lead_source: LeadSource | None = attrs.field(
        default=None, metadata=meta("线索来源", "Where the lead came from.")
    )
    discovered_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("发现日期", "Date the violation was discovered (Art. 36).", event="date"),
    )
    filed_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "立案日期",
            "Date the case was filed (立案).",
            event="date",
            clears=("filing_approver_id",),
        ),
    )
    filing_approver_id: str | None = attrs.field(
        default=None, metadata=meta("立案批准人", "Officer id of the person who approved filing.")
    )
    investigator_ids: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("承办人员", "Ids of the officers who investigated the case.")
    )
    acts: tuple[EnforcementAct, ...] = attrs.field(
        default=(), metadata=meta("执法行为", "Acts done by officers within the case.")
    )
    violations: tuple[ViolationFact, ...] = attrs.field(
        default=(), metadata=meta("违法事实", "Unlawful acts the case is about.")
    )
    evidence: tuple[EvidenceItem, ...] = attrs.field(
        default=(), metadata=meta("证据", "Evidence collected.")
    )
    preservations: tuple[EvidencePreservation, ...] = attrs.field(
        default=(), metadata=meta("先行登记保存", "Advance registrations of evidence.")
    )
    recusals: tuple[Recusal, ...] = attrs.field(
        default=(), metadata=meta("回避", "Recusal requests and decisions.")
    )
    major_public_interest: bool | None = attrs.field(
        default=None, metadata=meta("涉及重大公共利益", "Touches a major public interest.")
    )
    complex_multi_legal: bool | None = attrs.field(
        default=None,
        metadata=meta("案情疑难复杂、涉及多个法律关系", "Complex, several legal relationships."),
    )
    review_required_by_law: bool | None = attrs.field(
        default=None,
        metadata=meta("法律法规规定应当法制审核", "Another law requires legal review."),
    )
    is_complex: bool | None = attrs.field(
        default=None, metadata=meta("情节复杂", "Complex case (Art. 57(2)).")
    )
    is_major: bool | None = attrs.field(
        default=None, metadata=meta("重大违法行为", "Serious violation with a heavy penalty.")
    )
    remote_area: bool | None = attrs.field(
        default=None, metadata=meta("边远、水上、交通不便地区", "Remote area (Art. 69).")
    )
    suspected_crime: bool | None = attrs.field(
        default=None, metadata=meta("涉嫌犯罪", "The facts suggest a crime.")
    )
    crime_referral_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("移送司法机关日期", "Date the case was referred to justice.", event="date"),
    )
    prior_notice: PriorNotice | None = attrs.field(
        default=None, metadata=meta("处罚前告知", "Prior notice of the proposed penalty.")
    )
    waiver: Waiver | None = attrs.field(
        default=None, metadata=meta("权利放弃", "Written waivers of procedural rights.")
    )
    hearing: Hearing | None = attrs.field(default=None, metadata=meta("听证", "The hearing."))
    legal_review: LegalReview | None = attrs.field(
        default=None, metadata=meta("法制审核", "Legal review before the decision.")
    )
    collective_discussion: CollectiveDiscussion | None = attrs.field(
        default=None, metadata=meta("集体讨论", "Collective discussion by the leaders.")
    )
    extensions: tuple[Extension, ...] = attrs.field(
        default=(), metadata=meta("办案期限延长", "Approved extensions of the 90-day limit.")
    )
    excluded_periods: tuple[ExcludedPeriod, ...] = attrs.field(
        default=(),
        metadata=meta("不计入办案期限的期间", "Suspensions, hearings, tests etc. not counted."),
    )
    decision: PenaltyDecision | None = attrs.field(
        default=None, metadata=meta("处罚决定", "The decision; empty while the case is open.")
    )
    delivery: Delivery | None = attrs.field(
        default=None, metadata=meta("送达", "Service of the decision.")
    )
    payment: Payment | None = attrs.field(
        default=None, metadata=meta("缴纳罚款", "Payment of the fine.")
    )
    publication: Publication | None = attrs.field(
        default=None, metadata=meta("公开", "Publication of the decision.")
    )
    stage_records: tuple[StageRecord, ...] = attrs.field(
        default=(), metadata=meta("全过程记录", "Records kept for each stage.")
    )
    remedies: tuple[RemedyProceeding, ...] = attrs.field(
        default=(), metadata=meta("复议诉讼", "Reconsiderations and lawsuits against it.")
    )
    closure: CaseClosure | None = attrs.field(
        default=None, metadata=meta("结案", "Closure of the case.")
    )
