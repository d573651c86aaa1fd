"""Coercive measures (查封、扣押) and forced demolitions (强制拆除) of the sample year.

Clean measures start on a working day in office hours with the head's approval, two valid
officers, the full on-site procedure and documents handed over, and end within 30 calendar
days (no rollover), or within an approved, notified extension, or with a notified testing
period left out (docs/catalog/rules.md#coercion, ENF-SEIZURE-30D). Every decision — the sealing or
seizure,
the decision to enforce a demolition — is published on the county's enforcement-publicity
page within the 20 working days of 国办发〔2018〕118号 (PUB-DECISION, "other" decisions).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from enforcement_supervision.model import (
    CoerciveKind,
    CoerciveMeasure,
    Cuigao,
    EnforcementDecision,
    ExcludedPeriod,
    ExcludedPeriodKind,
    Execution,
    ExecutionMethod,
    Extension,
    MeasureEndKind,
    OnSiteProcedure,
    PartyType,
    Publication,
    PublicNotice,
    RecordRef,
    SeizureDocuments,
)
from enforcement_supervision.sample._cases import CasePlan
from enforcement_supervision.sample._context import SampleContext
from enforcement_supervision.sample._tables import (
    COUNTY_PORTAL,
    ECOLOGY,
    EMERGENCY,
    MARKET,
    TOWNSHIP_CODE,
)

__all__ = ["demolition", "generate_measures", "seizure"]

_MEASURES = {
    MARKET: (
        CoerciveKind.SEIZURE,
        "《中华人民共和国食品安全法》第一百一十条第四项",
        ("标签不符合规定的预包装食品一批", "来源不明的散装食用油3桶", "过期调味品12箱"),
    ),
    ECOLOGY: (
        CoerciveKind.SEALING,
        "《中华人民共和国大气污染防治法》第三十条",
        ("未正常运行的废气处理设施1套", "喷涂作业设备2台"),
    ),
    EMERGENCY: (
        CoerciveKind.SEALING,
        "《中华人民共和国安全生产法》第六十五条第一款第四项",
        ("不符合国家标准的电焊机2台", "存在重大事故隐患的储罐区1处"),
    ),
}


def _on_site(officers: tuple[str, ...]) -> OnSiteProcedure:
    return OnSiteProcedure(
        officer_ids=officers,
        certificate_shown=True,
        party_notified=True,
        reasons_and_basis_stated=True,
        rights_and_remedies_stated=True,
        statements_heard=True,
        record_signed=True,
        party_absent=False,
        av_recorded=True,
    )


def _publication(ctx: SampleContext, decided: dt.date) -> Publication | None:
    """Published 2–10 working days after ``decided`` (20 allowed); None if after the year."""
    published = ctx.days.add_wd(decided, ctx.rng.randint(2, 10))
    if published > ctx.as_of:
        return None
    return Publication(published_date=published, platform=f"{COUNTY_PORTAL}/zfgs")


def seizure(
    ctx: SampleContext,
    plan: CasePlan,
    *,
    release: dt.date | None = None,
    extension: bool = False,
    testing: bool = False,
) -> CoerciveMeasure:
    """A sealing or seizure in ``plan``'s case, on the day the case was filed (the first
    on-site inspection), released ``release`` or within the lawful period."""
    rng, days = ctx.rng, ctx.days
    kind, basis, items = _MEASURES[plan.agency_id]
    start = plan.day
    limit = start + dt.timedelta(days=30)
    extensions: tuple[Extension, ...] = ()
    excluded: tuple[ExcludedPeriod, ...] = ()
    if extension:
        approved = days.roll_back(limit - dt.timedelta(days=rng.randint(2, 5)))
        extensions = (
            Extension(
                days=30,
                approved_date=approved,
                approved_by_head=True,
                reason="需对涉案物品进一步检验，经负责人批准延长查封（扣押）期限",
                notified_in_writing=True,
                notified_date=approved,
            ),
        )
        limit += dt.timedelta(days=30)
    if testing:
        first = start + dt.timedelta(days=10)
        last = start + dt.timedelta(days=19)
        excluded = (
            ExcludedPeriod(
                kind=ExcludedPeriodKind.TESTING,
                start_date=first,
                end_date=last,
                notified_in_writing=True,
                notified_date=first,
                reason="委托检验机构检测，检测期间不计入查封扣押期限",
            ),
        )
        limit += dt.timedelta(days=(last - first).days + 1)
    if release is None:
        # No rollover: a maximum restriction on the party is never stretched to a working day.
        release = days.roll(start + dt.timedelta(days=rng.randint(10, 26)))
        if extension:
            release = days.roll(start + dt.timedelta(days=rng.randint(35, 55)))
        release = min(release, days.roll_back(limit))
    ended = release if release <= ctx.as_of else None
    officers = plan.officers
    begin = days.at(start, rng.randint(9, 15), rng.choice((0, 20, 40)))
    publication = _publication(ctx, start)
    return ctx.add(
        CoerciveMeasure(
            id=ctx.temp_id("coercive-measure"),
            agency_id=plan.agency_id,
            kind=kind,
            party=plan.party,
            start_date=start,
            related=RecordRef(record_type="penalty-case", record_id=plan.tmp_id),
            matter_domain=ctx.agencies[plan.agency_id].domain,
            region_code=TOWNSHIP_CODE,
            legal_basis=basis,
            authorised_by_law=True,
            start_datetime=begin,
            head_approval_date=start,
            emergency=False,
            on_site=_on_site(officers),
            documents=SeizureDocuments(
                decision_handed_on_spot=True,
                inventory_handed_on_spot=True,
                unrelated_items_seized=False,
                daily_necessities_seized=False,
                duplicate_seizure=False,
            ),
            items=(rng.choice(items),),
            value=Decimal(rng.choice((800, 1500, 2600, 4200, 9800, 16000))),
            extensions=extensions,
            excluded_periods=excluded,
            handling_decision_date=ended,
            ended_date=ended,
            end_kind=MeasureEndKind.RELEASED if ended else None,
            publication=publication,
        )
    )


def demolition(ctx: SampleContext, plan: CasePlan, day: dt.date, hour: int = 9) -> CoerciveMeasure:
    """Forced demolition (城乡规划法 Art. 65) after the decision in ``plan`` was served.

    The demand (催告), public notice with a deadline to remove the building oneself and the
    enforcement decision all come first; the remedy periods (60 days, six months) have run.
    """
    days = ctx.days
    assert plan.served is not None
    notice = days.roll(days.md(9, 8))
    cuigao = days.roll(days.md(9, 10))
    decided = days.roll(days.md(9, 24))
    officers = ctx.pair(plan.agency_id, day, day)
    start = days.at(day, hour)
    publication = _publication(ctx, decided)
    return ctx.add(
        CoerciveMeasure(
            id=ctx.temp_id("coercive-measure"),
            agency_id=plan.agency_id,
            kind=CoerciveKind.FORCED_DEMOLITION,
            party=plan.party,
            start_date=day,
            related=RecordRef(record_type="penalty-case", record_id=plan.tmp_id),
            matter_domain=ctx.agencies[plan.agency_id].domain,
            region_code=TOWNSHIP_CODE,
            legal_basis="《中华人民共和国城乡规划法》第六十五条；《中华人民共和国行政强制法》第四十四条",
            authorised_by_law=True,
            start_datetime=start,
            head_approval_date=decided,
            emergency=False,
            on_site=_on_site(officers),
            items=("违法建设的砖混结构房屋1处（约86平方米）",),
            underlying_decision_served_date=plan.served,
            cuigao=Cuigao(
                date=cuigao,
                written=True,
                served_date=cuigao,
                performance_deadline=cuigao + dt.timedelta(days=10),
                states_deadline=True,
                states_method=True,
                states_amount=True,
                states_rights=True,
            ),
            enforcement_decision=EnforcementDecision(
                date=decided, served_date=decided, immediate=False
            ),
            executions=(
                Execution(
                    start_datetime=start,
                    end_datetime=start + dt.timedelta(hours=3),
                    emergency=False,
                    methods=(ExecutionMethod.DEMOLITION,),
                    target_is_residential_living=False,
                    officer_ids=officers,
                    av_recorded=True,
                ),
            ),
            public_notice=PublicNotice(
                date=notice, self_demolition_deadline=notice + dt.timedelta(days=14)
            ),
            publication=publication,
        )
    )


def generate_measures(ctx: SampleContext, counts: dict[str, int]) -> None:
    """Clean measures in ordinary cases of the county departments (``counts`` per agency)."""
    rng = ctx.rng
    for agency_id, wanted in counts.items():
        pool = [
            plan
            for plan, case in ctx.cases
            if plan.agency_id == agency_id
            and not plan.summary
            and not plan.planted
            and plan.party.type != PartyType.NATURAL_PERSON
            and ctx.days.md(2, 1) <= plan.day <= ctx.days.md(11, 10)
        ]
        for index, plan in enumerate(rng.sample(pool, min(wanted, len(pool)))):
            seizure(ctx, plan, extension=index == 0)
