"""Agency-level lists the rules look things up in: matter lists, benchmarks, entrustments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

import attrs

from enforcement_supervision.model._common import AgencyRecord, meta
from enforcement_supervision.model._enums import DiscretionLevel, MatterListKind

__all__ = [
    "BenchmarkRange",
    "Delegation",
    "DiscretionBenchmark",
    "MatterList",
    "MatterListItem",
]


@attrs.frozen(kw_only=True)
class MatterListItem:
    """One matter on a list."""

    code: str = attrs.field(metadata=meta("事项编码", "Code of the matter."))
    name: str | None = attrs.field(default=None, metadata=meta("事项名称", "Name of the matter."))
    legal_basis: str | None = attrs.field(
        default=None, metadata=meta("设定依据", "Provision the matter rests on.")
    )


@attrs.frozen(kw_only=True)
class MatterList(AgencyRecord):
    """A published list of matter codes that applies to an agency for a period.

    Examples: the catalog of decisions that need legal review (PEN-LEGAL-REVIEW), the published
    inspection items (INSP-ITEM-PUBLISHED), the powers a province delegated to a township
    (PEN-TOWNSHIP-POWER). A list that changes gets a new record with new validity dates.
    """

    record_type: ClassVar[str] = "matter-list"
    label_zh: ClassVar[str] = "事项清单"

    kind: MatterListKind = attrs.field(metadata=meta("清单类型", "Which kind of list."))
    valid_from: dt.date = attrs.field(metadata=meta("施行日期", "First day the list applies."))
    valid_to: dt.date | None = attrs.field(
        default=None, metadata=meta("废止日期", "Last day the list applies; empty while in force.")
    )
    title: str | None = attrs.field(default=None, metadata=meta("名称", "Title of the list."))
    document_number: str | None = attrs.field(
        default=None, metadata=meta("文号", "Number of the document that issued it.")
    )
    published_date: dt.date | None = attrs.field(
        default=None, metadata=meta("公布日期", "Date the list was published.", event="date")
    )
    items: tuple[MatterListItem, ...] = attrs.field(
        default=(), metadata=meta("事项", "The matters on the list.")
    )


@attrs.frozen(kw_only=True)
class BenchmarkRange:
    """The fine range of one level of a discretion benchmark."""

    level: DiscretionLevel = attrs.field(metadata=meta("裁量阶次", "Level of the range."))
    fine_min: Decimal | None = attrs.field(
        default=None, metadata=meta("罚款下限", "Lowest fine at this level, yuan.")
    )
    fine_max: Decimal | None = attrs.field(
        default=None, metadata=meta("罚款上限", "Highest fine at this level, yuan.")
    )
    circumstances: str | None = attrs.field(
        default=None, metadata=meta("适用情形", "When this level applies.")
    )


@attrs.frozen(kw_only=True)
class DiscretionBenchmark(AgencyRecord):
    """A discretion benchmark (行政裁量基准) for one matter (PEN-DISCRETION)."""

    record_type: ClassVar[str] = "discretion-benchmark"
    label_zh: ClassVar[str] = "行政裁量基准"

    matter_code: str = attrs.field(metadata=meta("事项编码", "Matter the benchmark is for."))
    valid_from: dt.date = attrs.field(metadata=meta("施行日期", "First day it applies."))
    valid_to: dt.date | None = attrs.field(
        default=None, metadata=meta("废止日期", "Last day it applies; empty while in force.")
    )
    title: str | None = attrs.field(default=None, metadata=meta("名称", "Title."))
    legal_basis: str | None = attrs.field(
        default=None, metadata=meta("法律依据", "Provision the benchmark implements.")
    )
    statute_fine_min: Decimal | None = attrs.field(
        default=None, metadata=meta("法定罚款下限", "Lowest fine the statute allows, yuan.")
    )
    statute_fine_max: Decimal | None = attrs.field(
        default=None, metadata=meta("法定罚款上限", "Highest fine the statute allows, yuan.")
    )
    published_date: dt.date | None = attrs.field(
        default=None, metadata=meta("公布日期", "Date it was published.", event="date")
    )
    ranges: tuple[BenchmarkRange, ...] = attrs.field(
        default=(), metadata=meta("裁量阶次", "Fine ranges per level.")
    )


@attrs.frozen(kw_only=True)
class Delegation(AgencyRecord):
    """An entrustment (行政处罚委托, Arts. 20–21): ``agency_id`` entrusts ``delegate_id``."""

    record_type: ClassVar[str] = "delegation"
    label_zh: ClassVar[str] = "行政处罚委托"

    delegate_id: str = attrs.field(
        metadata=meta("受委托组织编号", "Id of the organisation entrusted to act.")
    )
    valid_from: dt.date = attrs.field(
        metadata=meta("委托起始日期", "First day of the entrustment.")
    )
    valid_to: dt.date | None = attrs.field(
        default=None, metadata=meta("委托截止日期", "Last day of the entrustment.")
    )
    written: bool | None = attrs.field(
        default=None, metadata=meta("书面委托", "Made by a written entrustment document.")
    )
    document_number: str | None = attrs.field(
        default=None, metadata=meta("委托书文号", "Number of the entrustment document.")
    )
    published_date: dt.date | None = attrs.field(
        default=None, metadata=meta("公布日期", "Date the entrustment was published.", event="date")
    )
    matter_codes: tuple[str, ...] = attrs.field(
        default=(), metadata=meta("委托事项", "Matters entrusted.")
    )
