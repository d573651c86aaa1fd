"""Coercive measures (行政强制措施) and coercive enforcement (行政强制执行)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

import attrs

from enforcement_supervision.model._common import (
    AgencyRecord,
    ExcludedPeriod,
    Extension,
    Party,
    Publication,
    RecordRef,
    RemedyProceeding,
    meta,
)
from enforcement_supervision.model._enums import CoerciveKind, ExecutionMethod, MeasureEndKind

__all__ = [
    "CoerciveMeasure",
    "CourtApplication",
    "Cuigao",
    "EnforcementDecision",
    "Execution",
    "OnSiteProcedure",
    "ProxyPerformance",
    "PublicNotice",
    "SeizureDocuments",
    "Surcharge",
]


@attrs.frozen(kw_only=True)
class OnSiteProcedure:
    """How a measure was carried out on the spot (行政强制法 Art. 18)."""

    officer_ids: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("执法人员", "Ids of the officers present.")
    )
    certificate_shown: bool | None = attrs.field(
        default=None, metadata=meta("出示执法证件", "Officers showed their certificates.")
    )
    party_notified: bool | None = attrs.field(
        default=None, metadata=meta("通知当事人到场", "The party was told to be present.")
    )
    reasons_and_basis_stated: bool | None = attrs.field(
        default=None, metadata=meta("告知理由和依据", "The reasons and legal basis were stated.")
    )
    rights_and_remedies_stated: bool | None = attrs.field(
        default=None, metadata=meta("告知权利和救济途径", "Rights and remedies were stated.")
    )
    statements_heard: bool | None = attrs.field(
        default=None, metadata=meta("听取陈述申辩", "The party's statement and defence were heard.")
    )
    record_signed: bool | None = attrs.field(
        default=None, metadata=meta("现场笔录签名", "The on-site record was signed.")
    )
    party_absent: bool | None = attrs.field(
        default=None, metadata=meta("当事人不到场", "The party was absent.")
    )
    witness_signed: bool | None = attrs.field(
        default=None, metadata=meta("见证人签名", "A witness signed in the party's absence.")
    )
    av_recorded: bool | None = attrs.field(
        default=None, metadata=meta("音像记录", "An audio-video record exists.")
    )


@attrs.frozen(kw_only=True)
class SeizureDocuments:
    """Decision, inventory and lawfulness of what was sealed or seized (Arts. 23, 24)."""

    decision_handed_on_spot: bool | None = attrs.field(
        default=None, metadata=meta("当场交付决定书", "The decision was handed over on the spot.")
    )
    inventory_handed_on_spot: bool | None = attrs.field(
        default=None, metadata=meta("当场交付清单", "The inventory was handed over on the spot.")
    )
    unrelated_items_seized: bool | None = attrs.field(
        default=None, metadata=meta("查封扣押与违法无关财物", "Items unrelated to the case taken.")
    )
    daily_necessities_seized: bool | None = attrs.field(
        default=None, metadata=meta("查封扣押生活必需品", "Daily necessities were taken.")
    )
    duplicate_seizure: bool | None = attrs.field(
        default=None,
        metadata=meta("重复查封", "Property already sealed by another state organ was sealed."),
    )


@attrs.frozen(kw_only=True)
class Cuigao:
    """Written demand to perform before enforcement (催告, Arts. 35–37)."""

    date: dt.date = attrs.field(metadata=meta("催告日期", "Date of the demand.", event="record"))
    written: bool | None = attrs.field(
        default=None, metadata=meta("书面催告", "The demand was made in writing.")
    )
    served_date: dt.date | None = attrs.field(
        default=None, metadata=meta("送达日期", "Date the demand was served.", event="date")
    )
    performance_deadline: dt.date | None = attrs.field(
        default=None, metadata=meta("履行期限", "Deadline given for performance.")
    )
    states_deadline: bool | None = attrs.field(
        default=None, metadata=meta("载明履行期限", "States the deadline.")
    )
    states_method: bool | None = attrs.field(
        default=None, metadata=meta("载明履行方式", "States how to perform.")
    )
    states_amount: bool | None = attrs.field(
        default=None, metadata=meta("载明金额和给付方式", "States the amount and how to pay.")
    )
    states_rights: bool | None = attrs.field(
        default=None, metadata=meta("载明陈述申辩权", "States the right to statement and defence.")
    )


@attrs.frozen(kw_only=True)
class EnforcementDecision:
    """Decision to enforce (强制执行决定, Art. 37)."""

    date: dt.date = attrs.field(metadata=meta("决定日期", "Date of the decision.", event="record"))
    served_date: dt.date | None = attrs.field(
        default=None, metadata=meta("送达日期", "Date it was served.", event="date")
    )
    immediate: bool | None = attrs.field(
        default=None,
        metadata=meta("立即强制执行", "Immediate enforcement under Art. 37(3)."),
    )
    asset_transfer_evidence: bool | None = attrs.field(
        default=None,
        metadata=meta("有转移隐匿财物迹象", "Evidence that assets were being moved or hidden."),
    )


@attrs.frozen(kw_only=True)
class Execution:
    """One session of carrying out enforcement (执行, Art. 43)."""

    start_datetime: dt.datetime = attrs.field(
        metadata=meta("开始时间", "When it began.", event="record")
    )
    end_datetime: dt.datetime | None = attrs.field(
        default=None, metadata=meta("结束时间", "When it ended.", event="date")
    )
    emergency: bool | None = attrs.field(
        default=None, metadata=meta("情况紧急", "Emergency allowing night or holiday enforcement.")
    )
    methods: tuple[ExecutionMethod, ...] = attrs.field(
        default=(), metadata=meta("执行方式", "Methods used.")
    )
    target_is_residential_living: bool | None = attrs.field(
        default=None, metadata=meta("涉及居民生活", "Aimed at a residence's daily living.")
    )
    officer_ids: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("执法人员", "Ids of the officers present.")
    )
    av_recorded: bool | None = attrs.field(
        default=None, metadata=meta("音像记录", "An audio-video record exists.")
    )


@attrs.frozen(kw_only=True)
class PublicNotice:
    """Public notice before forced demolition (公告, Art. 44)."""

    date: dt.date = attrs.field(metadata=meta("公告日期", "Date of the notice.", event="record"))
    self_demolition_deadline: dt.date | None = attrs.field(
        default=None, metadata=meta("自行拆除期限", "Deadline set for removing it oneself.")
    )


@attrs.frozen(kw_only=True)
class CourtApplication:
    """Application to a court for enforcement (申请人民法院强制执行, Arts. 53, 54)."""

    date: dt.date = attrs.field(
        metadata=meta("申请日期", "Date of the application.", event="record")
    )
    remedy_period_end: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "复议诉讼期限届满日", "Last day the party could seek reconsideration or sue."
        ),
    )


@attrs.frozen(kw_only=True)
class Surcharge:
    """Surcharge or late charge on a money obligation (加处罚款或者滞纳金, Arts. 45, 46)."""

    amount: Decimal = attrs.field(metadata=meta("金额", "Surcharge accrued, yuan."))
    principal: Decimal | None = attrs.field(
        default=None, metadata=meta("本金", "Amount of the underlying obligation, yuan.")
    )
    start_date: dt.date | None = attrs.field(
        default=None, metadata=meta("起算日期", "First day the surcharge accrued.", event="record")
    )
    standard_notified: bool | None = attrs.field(
        default=None, metadata=meta("告知加处标准", "The party was told the surcharge standard.")
    )


@attrs.frozen(kw_only=True)
class ProxyPerformance:
    """Performance by a third party at the party's cost (代履行, Arts. 50–52)."""

    decision_served_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("代履行决定送达日期", "Date the decision was served.", event="date"),
    )
    cuigao_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("代履行前催告日期", "Date of the demand before performance.", event="date"),
    )
    execution_date: dt.date | None = attrs.field(
        default=None, metadata=meta("代履行日期", "Date the third party performed.", event="date")
    )
    agency_staff_present: bool | None = attrs.field(
        default=None, metadata=meta("行政机关派员到场", "Agency staff supervised on the spot.")
    )


@attrs.frozen(kw_only=True)
class CoerciveMeasure(AgencyRecord):
    """A coercive measure (sealing, seizure, freezing ...) or a coercive enforcement.

    Measures restrict the party for a limited time (``start_date`` to ``ended_date``);
    enforcements carry the demand (``cuigao``), the enforcement decision and the executions.
    """

    record_type: ClassVar[str] = "coercive-measure"
    label_zh: ClassVar[str] = "行政强制措施与强制执行"

    kind: CoerciveKind = attrs.field(metadata=meta("强制类型", "Which measure or enforcement."))
    party: Party = attrs.field(metadata=meta("当事人", "The party subject to it."))
    start_date: dt.date = attrs.field(
        metadata=meta("实施日期", "Date the measure or enforcement began.", event="record")
    )
    document_number: str | None = attrs.field(
        default=None, metadata=meta("决定书文号", "Number of the decision document.")
    )
    related: RecordRef | None = attrs.field(
        default=None, metadata=meta("关联案件", "Case or decision the measure belongs to.")
    )
    matter_domain: str | None = attrs.field(
        default=None, metadata=meta("执法类别", "Enforcement domain.")
    )
    region_code: str | None = attrs.field(
        default=None, metadata=meta("实施地区域代码", "Division code where it took place.")
    )
    legal_basis: str | None = attrs.field(
        default=None, metadata=meta("法律依据", "Provision relied on.")
    )
    authorised_by_law: bool | None = attrs.field(
        default=None,
        metadata=meta("法律授权", "The agency is authorised by law to use the measure."),
    )
    start_datetime: dt.datetime | None = attrs.field(
        default=None, metadata=meta("实施时间", "When it began.", event="date")
    )
    head_approval_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("负责人批准日期", "Date the agency head approved it.", event="date"),
    )
    emergency: bool | None = attrs.field(
        default=None, metadata=meta("紧急情况当场实施", "Taken on the spot in an emergency.")
    )
    report_to_head_datetime: dt.datetime | None = attrs.field(
        default=None,
        metadata=meta("向负责人报告时间", "When it was reported to the head.", event="date"),
    )
    head_disapproved: bool | None = attrs.field(
        default=None, metadata=meta("负责人不予批准", "The head refused the retroactive approval.")
    )
    released_after_disapproval_datetime: dt.datetime | None = attrs.field(
        default=None,
        metadata=meta("不批准后解除时间", "When it was released after a refusal.", event="date"),
    )
    on_site: OnSiteProcedure | None = attrs.field(
        default=None, metadata=meta("现场程序", "How it was carried out on the spot.")
    )
    documents: SeizureDocuments | None = attrs.field(
        default=None, metadata=meta("决定书与清单", "Decision and inventory for seizures.")
    )
    items: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("财物清单", "Items sealed, seized or frozen.")
    )
    value: Decimal | None = attrs.field(
        default=None, metadata=meta("涉及金额", "Value of the property or deposits, yuan.")
    )
    decision_served_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("决定书送达日期", "Date the decision was served (freezing).", event="date"),
    )
    extensions: tuple[Extension, ...] = attrs.field(
        default=(), metadata=meta("延长期限", "Approved extensions of the measure.")
    )
    excluded_periods: tuple[ExcludedPeriod, ...] = attrs.field(
        default=(), metadata=meta("检测检验期间", "Testing and appraisal periods not counted.")
    )
    handling_decision_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("处理决定日期", "Date of the decision to release or dispose.", event="date"),
    )
    ended_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "解除或处理日期", "Date released or disposed of.", event="date", clears=("end_kind",)
        ),
    )
    end_kind: MeasureEndKind | None = attrs.field(
        default=None, metadata=meta("结束方式", "How the measure ended.")
    )
    underlying_decision_served_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "被执行决定送达日期", "Date the decision being enforced was served.", event="date"
        ),
    )
    cuigao: Cuigao | None = attrs.field(
        default=None, metadata=meta("催告", "Written demand before enforcement.")
    )
    enforcement_decision: EnforcementDecision | None = attrs.field(
        default=None, metadata=meta("强制执行决定", "Decision to enforce.")
    )
    executions: tuple[Execution, ...] = attrs.field(
        default=(), metadata=meta("执行过程", "Sessions of enforcement.")
    )
    public_notice: PublicNotice | None = attrs.field(
        default=None, metadata=meta("强制拆除公告", "Public notice before demolition.")
    )
    court_application: CourtApplication | None = attrs.field(
        default=None, metadata=meta("申请法院强制执行", "Application to court.")
    )
    surcharge: Surcharge | None = attrs.field(
        default=None, metadata=meta("加处罚款或滞纳金", "Surcharge on a money obligation.")
    )
    proxy: ProxyPerformance | None = attrs.field(
        default=None, metadata=meta("代履行", "Performance by a third party.")
    )
    remedies: tuple[RemedyProceeding, ...] = attrs.field(
        default=(), metadata=meta("复议诉讼", "Reconsiderations and lawsuits against it.")
    )
    publication: Publication | None = attrs.field(
        default=None, metadata=meta("公开", "Publication of the decision.")
    )
