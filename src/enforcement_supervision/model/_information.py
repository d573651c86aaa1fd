"""Government information disclosure (政府信息公开, PUB-GOVINFO)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from enforcement_supervision.model._common import AgencyRecord, Extension, meta

__all__ = ["InformationDisclosure", "InformationRequest"]


@attrs.frozen(kw_only=True)
class InformationRequest(AgencyRecord):
    """A request for government information (依申请公开) and its handling."""

    record_type: ClassVar[str] = "information-request"
    label_zh: ClassVar[str] = "政府信息公开申请"

    received_date: dt.date = attrs.field(
        metadata=meta("收到申请日期", "Date it was received.", event="record")
    )
    requester_name: str | None = attrs.field(
        default=None, metadata=meta("申请人", "Name of the requester.", personal="name")
    )
    requester_phone: str | None = attrs.field(
        default=None, metadata=meta("申请人电话", "Requester's phone.", personal="phone")
    )
    requester_id_number: str | None = attrs.field(
        default=None,
        metadata=meta("申请人证件号码", "Requester's ID number.", personal="id_number"),
    )
    subject: str | None = attrs.field(
        default=None, metadata=meta("申请内容", "Information requested.")
    )
    correction_notice_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("补正告知日期", "Date the requester was asked to clarify.", event="date"),
    )
    correction_received_date: dt.date | None = attrs.field(
        default=None, metadata=meta("补正收到日期", "Date the clarification arrived.", event="date")
    )
    extension: Extension | None = attrs.field(
        default=None, metadata=meta("延长答复期限", "Approved extension of the reply deadline.")
    )
    reply_date: dt.date | None = attrs.field(
        default=None,
        metadata=meta("答复日期", "Date of the reply.", event="date", clears=("outcome",)),
    )
    outcome: str | None = attrs.field(default=None, metadata=meta("答复结果", "Reply, as text."))


@attrs.frozen(kw_only=True)
class InformationDisclosure(AgencyRecord):
    """A piece of information the agency must disclose on its own initiative (主动公开)."""

    record_type: ClassVar[str] = "information-disclosure"
    label_zh: ClassVar[str] = "主动公开的政府信息"

    title: str = attrs.field(metadata=meta("标题", "Title of the information."))
    formed_date: dt.date = attrs.field(
        metadata=meta(
            "形成（变更）日期", "Date the information was formed or changed.", event="record"
        )
    )
    category: str | None = attrs.field(default=None, metadata=meta("类别", "Category."))
    published_date: dt.date | None = attrs.field(
        default=None, metadata=meta("公开日期", "Date it was published.", event="date")
    )
    url: str | None = attrs.field(default=None, metadata=meta("公开网址", "Where it is published."))
