"""Inspections of enterprises (涉企行政检查)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from enforcement_supervision.model._common import AgencyRecord, Party, Publication, meta
from enforcement_supervision.model._enums import (
    InspectionResult,
    InspectionTrigger,
    InspectionType,
)

__all__ = ["Inspection", "ScanRecord"]


@attrs.frozen(kw_only=True)
class ScanRecord:
    """Scan of the enterprise's supervision code (扫码入企, INSP-SCAN)."""

    scan_datetime: dt.datetime = attrs.field(
        metadata=meta("扫码时间", "When the code was scanned.", event="record")
    )
    code: str | None = attrs.field(
        default=None, metadata=meta("检查码", "Inspection code or task number scanned.")
    )


@attrs.frozen(kw_only=True)
class Inspection(AgencyRecord):
    """An inspection of an enterprise by an agency (行政检查).

    The inspected enterprise is a :class:`Party`; its ``party_id`` is the grouping key for
    frequency caps and repeat inspections across agencies.
    """

    record_type: ClassVar[str] = "inspection"
    label_zh: ClassVar[str] = "涉企行政检查"

    type: InspectionType = attrs.field(metadata=meta("检查类型", "日常, 个案 or 专项."))
    date: dt.date = attrs.field(
        metadata=meta("检查日期", "Date the inspection started.", event="record")
    )
    enterprise: Party = attrs.field(metadata=meta("被检查对象", "The enterprise inspected."))
    inspection_number: str | None = attrs.field(
        default=None, metadata=meta("检查编号", "Task or record number.")
    )
    trigger: InspectionTrigger | None = attrs.field(
        default=None, metadata=meta("检查起因", "What triggered a case-specific inspection.")
    )
    deployed_by_higher_level: bool | None = attrs.field(
        default=None,
        metadata=meta("上级部署专项检查", "A special inspection deployed by a higher level."),
    )
    joint_agency_ids: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("联合检查单位", "Other agencies in a joint inspection.")
    )
    item_codes: tuple[str, ...] = attrs.field(
        default=(),
        metadata=meta("检查事项编码", "Codes of the published inspection items checked."),
    )
    matter_domain: str | None = attrs.field(
        default=None, metadata=meta("执法类别", "Enforcement domain of the inspection.")
    )
    region_code: str | None = attrs.field(
        default=None, metadata=meta("检查地区域代码", "Division code where it took place.")
    )
    start_datetime: dt.datetime | None = attrs.field(
        default=None, metadata=meta("开始时间", "When the officers entered.", event="date")
    )
    end_datetime: dt.datetime | None = attrs.field(
        default=None, metadata=meta("结束时间", "When the officers left.", event="date")
    )
    approval_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "审批日期",
            "Date the agency head approved the inspection.",
            event="date",
            clears=("approver_id",),
        ),
    )
    approver_id: str | None = attrs.field(
        default=None, metadata=meta("审批人", "Officer id of the approving head.")
    )
    emergency: bool | None = attrs.field(
        default=None, metadata=meta("紧急情况", "Done in an emergency, to be approved afterwards.")
    )
    officer_ids: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("检查人员", "Ids of the inspecting officers.")
    )
    certificate_shown: bool | None = attrs.field(
        default=None, metadata=meta("出示执法证件", "Officers showed their certificates.")
    )
    law_exception_ref: str | None = attrs.field(
        default=None,
        metadata=meta("法律另有规定依据", "Statute allowing fewer than two officers, if any."),
    )
    written_record: bool | None = attrs.field(
        default=None, metadata=meta("检查记录", "A written inspection record exists.")
    )
    av_recorded: bool | None = attrs.field(
        default=None, metadata=meta("音像记录", "An audio-video record exists.")
    )
    scan: ScanRecord | None = attrs.field(
        default=None, metadata=meta("扫码记录", "Scan of the enterprise's supervision code.")
    )
    assistance_request: str | None = attrs.field(
        default=None,
        metadata=meta("协助请求", "Reference of the request for assistance (out-of-area)."),
    )
    out_of_area_filing_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta(
            "异地检查备案日期", "Date an out-of-area inspection was filed.", event="date"
        ),
    )
    result: InspectionResult | None = attrs.field(
        default=None, metadata=meta("检查结果", "What the inspection found.")
    )
    findings: str | None = attrs.field(
        default=None, metadata=meta("发现问题", "Problems found, as text.")
    )
    no_finding_reason: str | None = attrs.field(
        default=None,
        metadata=meta("再次检查理由", "Reasons given for inspecting again after no findings."),
    )
    correction_order_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("责令改正日期", "Date the enterprise was ordered to correct.", event="date"),
    )
    case_id: str | None = attrs.field(
        default=None, metadata=meta("立案编号", "Penalty case opened from the inspection.")
    )
    publication: Publication | None = attrs.field(
        default=None, metadata=meta("结果公开", "Publication of the result.")
    )
