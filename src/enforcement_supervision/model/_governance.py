"""Major administrative decisions, normative documents and contracts (有件必备、有备必审、有错必纠).

A township takes major administrative decisions by analogy with 重大行政决策程序暂行条例
(国务院令第713号, Art. 42), issues normative documents (行政规范性文件) that must be reviewed for
legality and filed with the level above, and signs contracts and administrative agreements
that its legal adviser should review first. The parts shared by the three — a public
consultation, a legality review — are defined once here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

import attrs

from enforcement_supervision.model._common import AgencyRecord, meta
from enforcement_supervision.model._enums import (
    LegalityConclusion,
    MajorDecisionType,
    MeetingType,
    PartyType,
)

__all__ = [
    "AdministrativeContract",
    "CollectiveMeeting",
    "DecisionHearing",
    "Expert",
    "ExpertReview",
    "LegalityReview",
    "MajorDecision",
    "NormativeDocument",
    "PublicConsultation",
    "RiskAssessment",
]


@attrs.frozen(kw_only=True)
class PublicConsultation:
    """A call for public comments on a draft (向社会公开征求意见)."""

    start_date: dt.date = attrs.field(
        metadata=meta("征求意见开始日期", "First day of the call.", event="record")
    )
    end_date: dt.date | None = attrs.field(
        default=None, metadata=meta("征求意见截止日期", "Last day comments were taken.")
    )
    urgency_reason: str | None = attrs.field(
        default=None,
        metadata=meta(
            "缩短期限的说明",
            "Reason stated with the call for a period shorter than usual (情况紧急等).",
        ),
    )
    channel: str | None = attrs.field(
        default=None, metadata=meta("征求意见途径", "Where the draft was published.")
    )
    comments_received: int | None = attrs.field(
        default=None, metadata=meta("收到意见条数", "Number of comments received.")
    )


@attrs.frozen(kw_only=True)
class LegalityReview:
    """A legality review (合法性审查、审核) by the legal office or the legal adviser."""

    submitted_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("送审日期", "Date the draft was submitted for review.", event="record"),
    )
    completed_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "审查意见日期",
            "Date the review opinion was given.",
            event="date",
            clears=(
                "result",
                "opinion",
            ),
        ),
    )
    result: LegalityConclusion | None = attrs.field(
        default=None, metadata=meta("审查结论", "Lawful, lawful after changes, unlawful.")
    )
    reviewer: str | None = attrs.field(
        default=None, metadata=meta("审查机构", "Office or adviser that reviewed it.")
    )
    opinion: str | None = attrs.field(default=None, metadata=meta("审查意见", "Opinion text."))


@attrs.frozen(kw_only=True)
class DecisionHearing:
    """A hearing on a draft decision (决策听证会, 令第713号 Arts. 16, 17)."""

    held_date: dt.date = attrs.field(
        metadata=meta("听证会日期", "Date the hearing was held.", event="record")
    )
    materials_delivered_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "听证材料送达日期", "Date the hearing materials reached the participants.", event="date"
        ),
    )
    participants_published_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("参加人名单公布日期", "Date the participants were published.", event="date"),
    )


@attrs.frozen(kw_only=True)
class Expert:
    """An expert or professional body that took part in an expert review."""

    name: str = attrs.field(
        metadata=meta("专家姓名或机构名称", "Name of the expert or body.", personal="name")
    )
    direct_interest: bool | None = attrs.field(
        default=None,
        metadata=meta("与决策事项有直接利害关系", "Has a direct interest in the decision item."),
    )
    field_of_expertise: str | None = attrs.field(
        default=None, metadata=meta("专业领域", "Field of expertise.")
    )


@attrs.frozen(kw_only=True)
class ExpertReview:
    """An expert review of a technical draft (专家论证, 令第713号 Arts. 19, 20)."""

    date: dt.date = attrs.field(
        metadata=meta("论证日期", "Date of the review (or its opinion).", event="record")
    )
    method: str | None = attrs.field(
        default=None, metadata=meta("论证方式", "Meeting, written consultation, commission.")
    )
    experts: tuple[Expert, ...] = attrs.field(
        default=(), metadata=meta("参加论证的专家", "The experts and bodies that took part.")
    )


@attrs.frozen(kw_only=True)
class RiskAssessment:
    """A risk assessment of a draft decision (风险评估, 令第713号 Arts. 22–24)."""

    date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("评估报告日期", "Date of the risk assessment report.", event="record"),
    )
    assessed_elsewhere: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "已按有关规定评估",
            "The risks were already assessed under other rules, so no repeat is owed (Art. 22(2)).",
        ),
    )
    risk_controllable: bool | None = attrs.field(
        default=None, metadata=meta("风险可控", "The assessment found the risks controllable.")
    )


@attrs.frozen(kw_only=True)
class CollectiveMeeting:
    """The collective discussion of a draft decision (集体讨论, 令第713号 Art. 30)."""

    date: dt.date = attrs.field(metadata=meta("会议日期", "Date of the meeting.", event="record"))
    meeting_type: MeetingType = attrs.field(
        metadata=meta("会议类型", "Executive or plenary meeting, or the township's equivalent.")
    )
    dissent_expressed: bool | None = attrs.field(
        default=None, metadata=meta("有不同意见", "Members expressed differing opinions.")
    )
    dissent_recorded: bool | None = attrs.field(
        default=None,
        metadata=meta("不同意见如实载明", "Differing opinions are recorded in the minutes."),
    )
    minutes_reference: str | None = attrs.field(
        default=None, metadata=meta("会议纪要", "Reference of the minutes.")
    )


@attrs.frozen(kw_only=True)
class MajorDecision(AgencyRecord):
    """A major administrative decision (重大行政决策) and its procedure.

    ``agency_id`` is the deciding body (for a township, the township government, which applies
    令第713号 by analogy, Art. 42). ``decision_type`` is the kind of item of Art. 3(1), empty
    when the item is none of them; ``in_catalog`` (or ``catalog_list_id`` with
    ``catalog_item_code``) says whether it is in the published catalog of decision items.
    """

    record_type: ClassVar[str] = "major-decision"
    label_zh: ClassVar[str] = "重大行政决策"

    title: str = attrs.field(metadata=meta("决策事项名称", "Name of the decision item."))
    decision_type: MajorDecisionType | None = attrs.field(
        default=None, metadata=meta("决策事项类型", "Kind of item under Art. 3(1).")
    )
    in_catalog: bool | None = attrs.field(
        default=None, metadata=meta("列入决策事项目录", "The item is in the published catalog.")
    )
    catalog_list_id: str | None = attrs.field(
        default=None,
        metadata=meta("决策事项目录编号", "Id of the matter list that is the catalog."),
    )
    catalog_item_code: str | None = attrs.field(
        default=None, metadata=meta("目录事项编码", "Code of the item in that catalog.")
    )
    undertaking_unit: str | None = attrs.field(
        default=None, metadata=meta("决策承办单位", "Unit that drafted the decision.")
    )
    started_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("启动日期", "Date the decision procedure was started.", event="record"),
    )
    consultation: PublicConsultation | None = attrs.field(
        default=None, metadata=meta("公开征求意见", "Public consultation (Arts. 14, 15).")
    )
    hearing: DecisionHearing | None = attrs.field(
        default=None, metadata=meta("听证会", "Hearing (Art. 16).")
    )
    technical: bool | None = attrs.field(
        default=None,
        metadata=meta("专业性、技术性较强", "Highly specialised or technical (Art. 19)."),
    )
    expert_review: ExpertReview | None = attrs.field(
        default=None, metadata=meta("专家论证", "Expert review (Arts. 19, 20).")
    )
    stability_risk: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "可能影响社会稳定、公共安全",
            "Carrying it out may harm social stability or public safety (Art. 22).",
        ),
    )
    risk_assessment: RiskAssessment | None = attrs.field(
        default=None, metadata=meta("风险评估", "Risk assessment (Arts. 22–24).")
    )
    legality_review: LegalityReview | None = attrs.field(
        default=None, metadata=meta("合法性审查", "Legality review (Arts. 25–28).")
    )
    discussion: CollectiveMeeting | None = attrs.field(
        default=None, metadata=meta("集体讨论", "Collective discussion (Art. 30).")
    )
    decision_date: dt.date | None = attrs.field(
        default=None, metadata=meta("决定日期", "Date the decision was made.", event="date")
    )
    published_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("公布日期", "Date the decision was published (Art. 32).", event="date"),
    )
    publication_exempt: bool | None = attrs.field(
        default=None, metadata=meta("依法不予公开", "Exempt from publication by law.")
    )
    archived_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "归档日期", "Date the records and materials were archived (Art. 33).", event="date"
        ),
    )


@attrs.frozen(kw_only=True)
class NormativeDocument(AgencyRecord):
    """A normative document (行政规范性文件) issued by the recording body.

    The content flags record what a review found the document to do: create a penalty or a
    licence, or cut rights or add obligations without a basis in law. ``affects_rights`` and
    ``business_related`` decide which procedures apply (legality review, consultation of
    business-related documents).
    """

    record_type: ClassVar[str] = "normative-document"
    label_zh: ClassVar[str] = "行政规范性文件"

    title: str = attrs.field(metadata=meta("文件名称", "Title of the document."))
    document_number: str | None = attrs.field(
        default=None, metadata=meta("文号", "Document number.")
    )
    issuing_body: str | None = attrs.field(
        default=None, metadata=meta("制定机关", "Body in whose name it is issued.")
    )
    creates_penalty: bool | None = attrs.field(
        default=None, metadata=meta("设定行政处罚", "It creates an administrative penalty.")
    )
    creates_licence: bool | None = attrs.field(
        default=None, metadata=meta("设定行政许可", "The document creates a licence requirement.")
    )
    adds_obligations_without_basis: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "无依据减损权益或增加义务",
            "Without a basis in law it cuts rights, adds obligations or sets entry conditions.",
        ),
    )
    affects_rights: bool | None = attrs.field(
        default=None,
        metadata=meta("涉及权利义务", "It touches the rights and obligations of others."),
    )
    business_related: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "与市场主体生产经营活动密切相关", "It closely concerns businesses' operations."
        ),
    )
    confidential: bool | None = attrs.field(
        default=None, metadata=meta("依法需要保密", "Kept confidential by law (no consultation).")
    )
    consultation: PublicConsultation | None = attrs.field(
        default=None, metadata=meta("公开征求意见", "Public consultation on the draft.")
    )
    legality_review: LegalityReview | None = attrs.field(
        default=None, metadata=meta("合法性审核", "Legality review before issue.")
    )
    issued_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("印发日期", "Date the document was issued (signed).", event="date"),
    )
    published_date: dt.date | None = attrs.field(
        default=None, metadata=meta("公布日期", "Date it was published.", event="date")
    )
    effective_date: dt.date | None = attrs.field(
        default=None, metadata=meta("施行日期", "Date it takes effect.")
    )
    filed_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "报送备案日期",
            "Date it was filed with the level above.",
            event="date",
            clears=("filing_body",),
        ),
    )
    filing_body: str | None = attrs.field(
        default=None, metadata=meta("备案机关", "Body it was filed with.")
    )
    repealed_date: dt.date | None = attrs.field(
        default=None, metadata=meta("废止日期", "Date it was repealed or corrected.", event="date")
    )


@attrs.frozen(kw_only=True)
class AdministrativeContract(AgencyRecord):
    """A contract or administrative agreement (行政协议、合同) signed by the recording body."""

    record_type: ClassVar[str] = "contract"
    label_zh: ClassVar[str] = "行政协议和合同"

    title: str = attrs.field(metadata=meta("合同名称", "Title of the contract."))
    counterparty: str | None = attrs.field(
        default=None, metadata=meta("合同相对方", "The other party.", personal="name")
    )
    counterparty_type: PartyType | None = attrs.field(
        default=None, metadata=meta("相对方类型", "Legal type of the other party.")
    )
    administrative_agreement: bool | None = attrs.field(
        default=None,
        metadata=meta("属于行政协议", "An administrative agreement (征收补偿、特许经营 …)."),
    )
    amount: Decimal | None = attrs.field(
        default=None, metadata=meta("合同金额", "Contract value, yuan.")
    )
    signed_date: dt.date | None = attrs.field(
        default=None, metadata=meta("签订日期", "Date the body signed it.", event="date")
    )
    legality_review: LegalityReview | None = attrs.field(
        default=None, metadata=meta("合法性审查", "Legality review before signing.")
    )
