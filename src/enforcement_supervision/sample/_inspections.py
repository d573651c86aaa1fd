"""Inspections of enterprises (涉企行政检查), kept inside the frequency limits except where
a violation is planted.

The limits kept for every clean inspection (docs/catalog/rules.md#inspections): at most one
inspection of an
enterprise a day, two an ISO week and three a calendar month across all agencies; at most two
routine inspections of one enterprise by one agency a year and three inspections in all; the
same agency never returns to the same enterprise within 60 days (so nothing could have been
merged); prior approval by a working day before; two valid officers with certificates shown;
published items only; the supervision code scanned on entry.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import attrs

from enforcement_supervision.model import (
    Inspection,
    InspectionResult,
    InspectionTrigger,
    InspectionType,
    LeadSource,
    ScanRecord,
)
from enforcement_supervision.sample._cases import build_case, plan_ordinary
from enforcement_supervision.sample._context import Enterprise, SampleContext
from enforcement_supervision.sample._tables import (
    ECOLOGY,
    EMERGENCY,
    HEALTH,
    MARKET,
    MATTER_BY_CODE,
    TOWN,
    TOWNSHIP_CODE,
    UNPUBLISHED_ITEM,
)

__all__ = ["generate_inspections"]

_MERGE_GAP_DAYS = 60
_HAZARDS = {
    TOWN: "燃气软管老化，已责令当场更换",
    MARKET: "个别商品价签信息不全，已责令当场改正",
    ECOLOGY: "污染防治设施运行台账记录不完整，已责令限期补齐",
    EMERGENCY: "安全出口堆放杂物，已责令当场清理",
    HEALTH: "卫生检测报告未在醒目位置公示，已责令改正",
}


class _Tracker:
    """Counts inspections per enterprise so that clean ones stay inside every limit."""

    def __init__(self) -> None:
        self.by_enterprise: dict[str, list[tuple[dt.date, str, InspectionType, bool]]] = (
            defaultdict(list)
        )

    def add(self, party_id: str, day: dt.date, agency_id: str, kind: InspectionType) -> None:
        self.by_enterprise[party_id].append((day, agency_id, kind, kind == InspectionType.SPECIAL))

    def fits(self, party_id: str, day: dt.date, agency_id: str, kind: InspectionType) -> bool:
        seen = self.by_enterprise[party_id]
        if any(d == day for d, *_ in seen):
            return False
        week = day.isocalendar()[:2]
        if sum(d.isocalendar()[:2] == week for d, *_ in seen) >= 2:
            return False
        if sum((d.year, d.month) == (day.year, day.month) for d, *_ in seen) >= 3:
            return False
        same = [(d, k, special) for d, a, k, special in seen if a == agency_id]
        if any(abs((d - day).days) < _MERGE_GAP_DAYS for d, _, _ in same):
            return False
        if len(same) >= 3:
            return False
        counted = sum(k == InspectionType.ROUTINE for _, k, _ in same)
        return not (kind == InspectionType.ROUTINE and counted >= 2)


def _inspection(
    ctx: SampleContext,
    enterprise: Enterprise,
    agency_id: str,
    day: dt.date,
    items: tuple[str, ...],
    *,
    kind: InspectionType = InspectionType.ROUTINE,
    trigger: InspectionTrigger | None = None,
    officers: tuple[str, ...] | None = None,
    result: InspectionResult = InspectionResult.NONE,
    hour: int | None = None,
    approval: dt.date | None = None,
    certificate_shown: bool = True,
    correction: bool = True,
    findings: str | None = None,
    case_id: str | None = None,
    deployed: bool | None = None,
) -> Inspection:
    rng, days = ctx.rng, ctx.days
    if officers is None:
        officers = ctx.pair(agency_id, day, day)
    start = days.at(day, hour if hour is not None else rng.randint(9, 15), rng.choice((0, 15, 30)))
    end = start + dt.timedelta(minutes=rng.choice((60, 90, 120, 150)))
    if approval is None:
        approval = days.sub_wd(day, rng.randint(1, 3))
    if findings is None and result == InspectionResult.HAZARD:
        findings = _HAZARDS[agency_id]
    return Inspection(
        id=ctx.temp_id("inspection"),
        agency_id=agency_id,
        type=kind,
        date=day,
        enterprise=enterprise.party,
        trigger=trigger,
        deployed_by_higher_level=deployed,
        item_codes=items,
        matter_domain=ctx.agencies[agency_id].domain,
        region_code=TOWNSHIP_CODE,
        start_datetime=start,
        end_datetime=end,
        approval_date=approval,
        approver_id=ctx.head(agency_id),
        emergency=False,
        officer_ids=officers,
        certificate_shown=certificate_shown,
        written_record=True,
        av_recorded=True,
        scan=ScanRecord(
            scan_datetime=start + dt.timedelta(minutes=rng.randint(2, 9)),
            code=f"QLJC{rng.randint(10**9, 10**10 - 1)}",
        ),
        result=result,
        findings=findings,
        correction_order_date=day if correction and result != InspectionResult.NONE else None,
        case_id=case_id,
    )


def _pick_items(ctx: SampleContext, items: tuple[str, ...]) -> tuple[str, ...]:
    count = ctx.rng.randint(1, min(3, len(items)))
    return tuple(sorted(ctx.rng.sample(items, count)))


def _kind_items(enterprise: Enterprise, agency_id: str) -> tuple[str, ...]:
    for agency, items in enterprise.kind.inspectors:
        if agency == agency_id:
            return items
    raise KeyError(agency_id)


def _of_kind(ctx: SampleContext, label: str) -> list[Enterprise]:
    return [e for e in ctx.enterprises if e.kind.label == label]


def _week_of_june(ctx: SampleContext) -> dt.date:
    """The first Tuesday in June whose Thursday and Friday are working days too."""
    day = ctx.days.md(6, 1)
    while True:
        if (
            day.weekday() == 1
            and ctx.days.is_workday(day)
            and ctx.days.is_workday(day + dt.timedelta(days=2))
            and ctx.days.is_workday(day + dt.timedelta(days=3))
        ):
            return day
        day += dt.timedelta(days=1)


def _place(
    ctx: SampleContext,
    tracker: _Tracker,
    candidates: list[Enterprise],
    agency_id: str,
    first: dt.date,
    last: dt.date,
    kind: InspectionType = InspectionType.ROUTINE,
) -> tuple[Enterprise, dt.date]:
    """A random enterprise and working day in ``first..last`` that keep every limit."""
    for _ in range(500):
        enterprise = ctx.rng.choice(candidates)
        day = ctx.days.pick(ctx.rng, first, last)
        if tracker.fits(enterprise.party_id, day, agency_id, kind):
            return enterprise, day
    raise RuntimeError("no room for an inspection")  # pragma: no cover


def _plant(ctx: SampleContext, tracker: _Tracker) -> None:
    days = ctx.days
    # E19: one hotel inspected four times in one week by three agencies (INSP-REPEAT), the
    # market regulator coming back for another routine inspection after three days
    # (INSP-MERGE: routine inspections can be planned together; a complaint-driven 个案
    # inspection could not, and would not be planted here).
    hotel = _of_kind(ctx, "宾馆")[0]
    tue = _week_of_june(ctx)
    thu, fri = tue + dt.timedelta(days=2), tue + dt.timedelta(days=3)
    week: list[Inspection] = []
    for agency_id, day, hour in (
        (MARKET, tue, 10),
        (HEALTH, thu, 9),
        (TOWN, thu, 14),
        (MARKET, fri, 10),
    ):
        items = _kind_items(hotel, agency_id)[:1]
        record = _inspection(ctx, hotel, agency_id, day, items, hour=hour)
        week.append(record)
        tracker.add(hotel.party_id, day, agency_id, InspectionType.ROUTINE)
        ctx.add(record)
    # INSP-REPEAT counts per enterprise across agencies (per day, ISO week and month): its
    # findings are about the enterprise, not about one inspection.
    week_no = thu.isocalendar()[1]
    ctx.plant_on(
        "INSP-REPEAT",
        ("enterprise", hotel.party_id),
        "S2",
        f"同一宾馆{thu:%m-%d}当天被检查2次，{thu.isocalendar()[0]}年第{week_no}周被检查4次，"
        f"{fri.month}月被检查4次（{tue:%m-%d}市场监管，{thu:%m-%d}卫健与镇政府各一次，"
        f"{fri:%m-%d}市场监管再次入企）",
        f"the same hotel inspected twice on {thu}, four times in ISO week {week_no} and four "
        f"times in {fri:%Y-%m} ({tue} market regulator, {thu} health bureau and township, "
        f"{fri} market regulator again; docs/catalog/examples.md#e19)",
        note="limits 1/day, 2/week (ISO week, U), 3/month (Chengdu); three findings: day, "
        "week and month",
        on=thu,
    )
    ctx.plant(
        "INSP-MERGE",
        week[3],
        "S3",
        f"市场监管局{tue:%m-%d}日常检查后{fri:%m-%d}再次对同一宾馆开展日常检查，未合并实施",
        f"the market regulator inspected the same hotel again (routine) three days after {tue}",
        note="merge window is a local setting (cfg.merge_window_days); any window of 3+ days",
        on=fri,
    )

    # E19 (annual cap): three routine health inspections of one salon; a 12345 case-specific
    # inspection afterwards is exempt. The July visit found a hazard, so the same inspectors
    # never have three findings-free visits in a row before the fourth.
    salon = _of_kind(ctx, "美容美发、洗浴")[0]
    salon_items = _kind_items(salon, HEALTH)
    visits = (
        (days.roll(days.md(3, 10)), InspectionType.ROUTINE, None, InspectionResult.NONE),
        (days.roll(days.md(7, 15)), InspectionType.ROUTINE, None, InspectionResult.HAZARD),
        (days.roll(days.md(11, 20)), InspectionType.ROUTINE, None, InspectionResult.NONE),
        (
            days.roll(days.md(12, 22)),
            InspectionType.CASE_SPECIFIC,
            InspectionTrigger.HOTLINE_12345,
            InspectionResult.NONE,
        ),
    )
    salon_records = []
    for day, kind, trigger, result in visits:
        record = _inspection(
            ctx, salon, HEALTH, day, salon_items, kind=kind, trigger=trigger, result=result
        )
        tracker.add(salon.party_id, day, HEALTH, kind)
        salon_records.append(ctx.add(record))
    third = salon_records[2]
    ctx.plant(
        "INSP-FREQ-CAP",
        third,
        "S2",
        "县卫健局当年第3次对同一美容美发店开展日常检查（示例上限：每年2次）",
        "third routine health inspection of the same salon in the year (E19 example cap: 2)",
        note="the cap is a local setting (esup.toml); the catalog's example is 2 routine "
        "per year (health)",
        on=third.date,
    )
    ctx.control(
        "INSP-FREQ-CAP",
        salon_records[3],
        "12345热线投诉引起的个案检查，不计入年度频次上限",
        "a case-specific inspection after a 12345 complaint is exempt from the annual cap",
    )

    # Prior approval given the working day after the visit (INSP-APPROVAL; required since
    # 司法部《问题解答》 of 2025-04-18, so the visit is in May).
    factories = _of_kind(ctx, "加工制造") + _of_kind(ctx, "建材")
    enterprise, day = _place(ctx, tracker, factories, ECOLOGY, days.md(5, 6), days.md(5, 30))
    record = _inspection(
        ctx,
        enterprise,
        ECOLOGY,
        day,
        _kind_items(enterprise, ECOLOGY)[:1],
        approval=days.add_wd(day, 1),
    )
    tracker.add(enterprise.party_id, day, ECOLOGY, InspectionType.ROUTINE)
    ctx.add(record)
    ctx.plant(
        "INSP-APPROVAL",
        record,
        "S2",
        "检查实施后次一工作日才补办审批，且非紧急情况",
        "inspection approved by the head only the working day after it took place",
        on=day,
    )

    # An item that is not on the market regulator's published list (INSP-ITEM-PUBLISHED).
    shops = _of_kind(ctx, "食品零售")
    enterprise, day = _place(ctx, tracker, shops, MARKET, days.md(5, 6), days.md(5, 30))
    record = _inspection(ctx, enterprise, MARKET, day, ("JC-SCJG-04", UNPUBLISHED_ITEM[0]))
    tracker.add(enterprise.party_id, day, MARKET, InspectionType.ROUTINE)
    ctx.add(record)
    ctx.plant(
        "INSP-ITEM-PUBLISHED",
        record,
        "S1",
        f"检查事项“{UNPUBLISHED_ITEM[1]}”（{UNPUBLISHED_ITEM[0]}）不在公布的检查事项清单内",
        f"inspection item {UNPUBLISHED_ITEM[0]} is not on the published list",
        note="the agencies' lists are named in esup.toml (item_list_ids)",
        on=day,
    )

    # The grid worker inspecting a restaurant on his own (PERS-AUX-ALONE and INSP-*).
    restaurants = _of_kind(ctx, "餐饮")
    enterprise, day = _place(ctx, tracker, restaurants, TOWN, days.md(8, 4), days.md(8, 29))
    record = _inspection(
        ctx,
        enterprise,
        TOWN,
        day,
        ("JC-QHZ-03",),
        officers=("OF-07",),
        certificate_shown=False,
    )
    tracker.add(enterprise.party_id, day, TOWN, InspectionType.ROUTINE)
    ctx.add(record)
    for rule, severity, zh, en in (
        (
            "PERS-AUX-ALONE",
            "S1",
            "网格员王小虎（辅助人员）单独入企检查",
            "the grid worker (auxiliary staff) inspected an enterprise alone",
        ),
        (
            "INSP-SUBJECT",
            "S1",
            "检查人员为无执法证的辅助人员",
            "the only inspector is auxiliary staff without a certificate",
        ),
        (
            "INSP-OFFICERS",
            "S1",
            "检查人员不足两名且未出示执法证件",
            "fewer than two qualified inspectors and no certificate shown",
        ),
    ):
        ctx.plant(rule, record, severity, zh, en, on=day)

    # The officer whose certificate ran out on 30 June inspects in July (INSP-SUBJECT).
    span = ctx.cert_span("OF-03")
    assert span is not None
    cert_end = span[1]
    enterprise, day = _place(
        ctx,
        tracker,
        factories,
        TOWN,
        cert_end + dt.timedelta(days=10),
        cert_end + dt.timedelta(days=30),
    )
    record = _inspection(ctx, enterprise, TOWN, day, ("JC-QHZ-01",), officers=("OF-03", "OF-04"))
    tracker.add(enterprise.party_id, day, TOWN, InspectionType.ROUTINE)
    ctx.add(record)
    ctx.plant(
        "INSP-SUBJECT",
        record,
        "S1",
        f"检查人员刘建军执法证已于{cert_end}到期",
        f"inspector OF-03's certificate expired on {cert_end}",
        on=day,
    )
    ctx.plant(
        "INSP-OFFICERS",
        record,
        "S1",
        "有效执法人员仅一名",
        "only one inspector holds a valid certificate",
        on=day,
    )

    # A violation seen and left alone: no order to correct, no case (PEN-NOT-STOPPED).
    builders = _of_kind(ctx, "建材")
    enterprise, day = _place(ctx, tracker, builders, ECOLOGY, days.md(8, 4), days.md(8, 29))
    record = _inspection(
        ctx,
        enterprise,
        ECOLOGY,
        day,
        ("JC-STHJ-03",),
        result=InspectionResult.VIOLATION,
        findings="露天堆放砂石未采取覆盖措施，扬尘明显",
        correction=False,
    )
    tracker.add(enterprise.party_id, day, ECOLOGY, InspectionType.ROUTINE)
    ctx.add(record)
    ctx.plant(
        "PEN-NOT-STOPPED",
        record,
        "S2",
        "检查发现扬尘违法行为，未责令改正也未立案查处",
        "violation found on inspection, neither an order to correct nor a case followed",
        on=day,
    )


def generate_inspections(ctx: SampleContext) -> None:
    """All inspections of the year: the planted ones, then the clean ones around them.

    A clean inspection that finds a violation opens an ordinary penalty case (lead source
    ``inspection``) a few working days later.
    """
    rng, days = ctx.rng, ctx.days
    tracker = _Tracker()
    _plant(ctx, tracker)
    last = days.md(12, 19)
    for enterprise in ctx.enterprises:
        for agency_id, items in enterprise.kind.inspectors:
            visits = rng.choices((1, 2), (2, 3))[0]
            if agency_id == EMERGENCY and rng.random() < 0.3:
                visits += 1  # a special inspection deployed from above
            for index in range(visits):
                kind = InspectionType.ROUTINE
                trigger = None
                deployed = None
                if index == 2:
                    kind, deployed = InspectionType.SPECIAL, True
                elif index == 1 and rng.random() < 0.15:
                    kind = InspectionType.CASE_SPECIFIC
                    trigger = rng.choice(
                        (InspectionTrigger.COMPLAINT, InspectionTrigger.HOTLINE_12345)
                    )
                day = None
                for _ in range(60):
                    candidate = days.pick(rng, days.md(1, 6), last)
                    if tracker.fits(enterprise.party_id, candidate, agency_id, kind):
                        day = candidate
                        break
                if day is None:
                    continue
                tracker.add(enterprise.party_id, day, agency_id, kind)
                _clean_inspection(
                    ctx,
                    enterprise,
                    agency_id,
                    day,
                    _pick_items(ctx, items),
                    kind,
                    trigger,
                    deployed,
                )


def _clean_inspection(
    ctx: SampleContext,
    enterprise: Enterprise,
    agency_id: str,
    day: dt.date,
    items: tuple[str, ...],
    kind: InspectionType,
    trigger: InspectionTrigger | None,
    deployed: bool | None,
) -> None:
    rng, days = ctx.rng, ctx.days
    roll = rng.random()
    matters = [
        MATTER_BY_CODE[code]
        for code in enterprise.kind.matters
        if MATTER_BY_CODE[code].agency_id == agency_id
    ]
    violation_possible = enterprise.party_id not in ctx.liaison_candidates
    if roll < 0.1 and matters and day <= days.md(11, 20) and violation_possible:
        matter = rng.choice(matters)
        record = _inspection(
            ctx,
            enterprise,
            agency_id,
            day,
            items,
            kind=kind,
            trigger=trigger,
            deployed=deployed,
            result=InspectionResult.VIOLATION,
            findings=f"发现违法行为：{matter.fact}",
        )
        plan = plan_ordinary(
            ctx,
            matter,
            enterprise.party,
            days.add_wd(day, rng.randint(1, 3)),
            lead_source=LeadSource.INSPECTION,
            lead_received=day,
        )
        plan.lead_inspection_id = record.id
        build_case(ctx, plan)
        ctx.add(_with_case(record, plan.tmp_id))
        return
    result = InspectionResult.HAZARD if roll < 0.35 else InspectionResult.NONE
    ctx.add(
        _inspection(
            ctx,
            enterprise,
            agency_id,
            day,
            items,
            kind=kind,
            trigger=trigger,
            deployed=deployed,
            result=result,
        )
    )


def _with_case(record: Inspection, case_id: str) -> Inspection:
    return attrs.evolve(record, case_id=case_id)
