"""Putting the township together: fixed facts, planted cases, the clean year, final ids."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from enforcement_supervision.model import (
    Agency,
    AgencyKind,
    AgencyLevel,
    AnnualReview,
    BenchmarkRange,
    CertificateStatus,
    CoerciveMeasure,
    Complaint,
    DeliveryMethod,
    Disclosure,
    DisclosureKind,
    DiscretionBenchmark,
    DiscretionLevel,
    ExcludedPeriod,
    ExcludedPeriodKind,
    Extension,
    Feedback,
    FilingDecision,
    InformationDisclosure,
    InformationRequest,
    Inspection,
    Lead,
    LeadSource,
    LicenceApplication,
    MatterList,
    MatterListItem,
    MatterListKind,
    Officer,
    Party,
    PartyType,
    PenaltyCase,
    RecordRef,
    SupervisionCheck,
    TrainingRecord,
)
from enforcement_supervision.sample._cases import (
    CasePlan,
    benchmark_id,
    build_case,
    plan_ordinary,
    plan_summary,
    reschedule_payment,
    summary_levels,
)
from enforcement_supervision.sample._coercive import demolition, generate_measures, seizure
from enforcement_supervision.sample._context import Enterprise, SampleContext
from enforcement_supervision.sample._days import Days
from enforcement_supervision.sample._governance import generate_governance
from enforcement_supervision.sample._inspections import generate_inspections
from enforcement_supervision.sample._licences import generate_licences
from enforcement_supervision.sample._supervision import (
    generate_information,
    generate_supervision,
)
from enforcement_supervision.sample._tables import (
    AGENCIES,
    COUNTY_CODE,
    COUNTY_PORTAL,
    ECOLOGY,
    EMERGENCY,
    ENFORCING,
    ENTERPRISE_KINDS,
    GOV,
    HEALTH,
    INSPECTION_ITEMS,
    JUSTICE,
    MARKET,
    MATTER_BY_CODE,
    MATTERS,
    OFFICERS,
    TOWN,
    TOWNSHIP_CODE,
    TOWNSHIP_NAME,
    TOWNSHIP_NAME_EN,
    EnterpriseKind,
    Matter,
)
from enforcement_supervision.sample._township import CATEGORIES, SampleTownship, ordered_types
from enforcement_supervision.statutory_time import default_calendar

__all__ = ["check_year", "generate_township"]

_COUNTY_AREAS = (COUNTY_CODE, "990102100", TOWNSHIP_CODE, "990102102", "990102103")
# Cases per agency and procedure, before a little seeded variation (summary, ordinary).
_TARGETS = {
    TOWN: (60, 50),
    MARKET: (40, 50),
    ECOLOGY: (0, 30),
    EMERGENCY: (5, 30),
    HEALTH: (15, 20),
}
_MEASURES = {MARKET: 6, ECOLOGY: 5, EMERGENCY: 5}
_PREFIX = {
    "penalty-case": ("PC", 4),
    "lead": ("LD", 4),
    "inspection": ("IN", 4),
    "coercive-measure": ("CM", 3),
    "licence-application": ("LA", 3),
    "supervision-check": ("SC", 2),
    "feedback": ("FB", 3),
    "complaint": ("CP", 3),
    "information-disclosure": ("GI", 3),
    "information-request": ("IR", 3),
    "petition": ("XF", 3),
    "reconsideration": ("FY", 2),
    "lawsuit": ("SS", 2),
    "major-decision": ("JC", 2),
    "normative-document": ("GF", 2),
    "contract": ("HT", 2),
}


def generate_township(seed: int = 2025, year: int = 2025) -> SampleTownship:
    """Generate the fictional township 清河镇 (青岚县) for ``year`` from ``seed``.

    The same seed and year always give the same township, record for record. ``year`` must
    have an official holiday schedule bundled with the library (2022 or later, so that the
    2021 summary-procedure limits apply); dates after the year are never emitted.
    """
    check_year(year)
    ctx = SampleContext(seed, Days(default_calendar(provisional=True), year))
    _agencies(ctx)
    _officers(ctx)
    _lists(ctx)
    _enterprises(ctx)
    _planted_cases(ctx)
    generate_inspections(ctx)
    _random_cases(ctx)
    generate_measures(ctx, _MEASURES)
    _other_leads(ctx)
    generate_licences(ctx)
    generate_supervision(ctx)
    generate_information(ctx)
    generate_governance(ctx)
    return _finalise(ctx, seed)


def check_year(year: int) -> None:
    """Raise ``ValueError`` unless a sample can be generated for ``year``."""
    years = default_calendar().years
    if year < 2022 or year not in years:
        raise ValueError(
            f"no sample for {year}: choose a year from 2022 to {years[-1]} "
            "(one with an official holiday schedule)"
        )


# --- fixed facts -------------------------------------------------------------------------------


def _agencies(ctx: SampleContext) -> None:
    published = dt.date(ctx.year - 1, 12, 20)
    for spec in AGENCIES:
        township = spec.level == "township"
        ctx.add(
            Agency(
                id=spec.id,
                name=spec.name,
                level=AgencyLevel(spec.level),
                kind=AgencyKind(spec.kind),
                region_code=TOWNSHIP_CODE if township else COUNTY_CODE,
                jurisdiction=(TOWNSHIP_CODE,) if township else _COUNTY_AREAS,
                sector=spec.sector,
                credit_code=ctx.people.credit_code("11"),
                parent_id=spec.parent_id,
                supervisor_id=None if spec.id in (GOV, JUSTICE) else JUSTICE,
                inspection_subject_confirmed=True if spec.enforces else None,
                disclosures=tuple(
                    Disclosure(
                        kind=kind,
                        published_date=published,
                        url=f"{COUNTY_PORTAL}/zfgs/{spec.id.lower()}/{kind.value}",
                    )
                    for kind in DisclosureKind
                ),
            )
        )


def _officers(ctx: SampleContext) -> None:
    rng = ctx.rng
    for spec in OFFICERS:
        agency = ctx.agencies[spec.agency_id]
        span = ctx.cert_span(spec.id)
        region = (TOWNSHIP_CODE,) if agency.level == "township" else _COUNTY_AREAS
        scope = (agency.domain,) if agency.domain else ("administrative_supervision",)
        reviews: tuple[AnnualReview, ...] = ()
        if span is not None:
            # The annual review (年审) of each full calendar year of validity, passed in March
            # of the next year; the sample year's own review falls due only after it.
            first = span[0].year if (span[0].month, span[0].day) == (1, 1) else span[0].year + 1
            reviews = tuple(
                AnnualReview(year=year, passed=True, date=dt.date(year + 1, 3, rng.randint(3, 28)))
                for year in range(first, ctx.year)
                if dt.date(year, 12, 31) <= span[1]
            )
        ctx.add(
            Officer(
                id=spec.id,
                agency_id=spec.agency_id,
                name=spec.name,
                id_number=ctx.people.id_number(born_from=spec.born, born_to=spec.born),
                phone=ctx.people.phone(),
                position=spec.position,
                is_auxiliary=spec.role == "auxiliary",
                is_legal_reviewer=spec.role == "reviewer",
                legal_qualification=True if spec.role in ("reviewer", "supervision") else None,
                first_review_date=ctx.rel(spec.first_review_date)
                if spec.first_review_date
                else None,
                cert_number=None
                if span is None
                else f"{COUNTY_CODE}{span[0]:%y}{spec.id[-2:]}0{rng.randint(10, 99)}",
                # The register was never updated for the expired certificate: the status
                # still reads "active"; only the validity dates tell (PEN-CERT-VALID).
                cert_status=None if span is None else CertificateStatus.ACTIVE,
                cert_valid_from=None if span is None else span[0],
                cert_valid_to=None if span is None else span[1],
                cert_scope=() if span is None else scope,
                cert_region=() if span is None else region,
                annual_reviews=reviews,
                training=(
                    TrainingRecord(year=ctx.year - 1, hours=float(spec.training_hours)),
                    TrainingRecord(year=ctx.year, hours=float(rng.randint(62, 90))),
                ),
                active_from=span[0] if span else dt.date(ctx.year - 2, 4, 1),
            )
        )
        if spec.training_hours < 60:
            # Judged for the last finished year: the sample year has not ended on as_of.
            officer = ctx.records["officer"][-1]
            ctx.plant(
                "PERS-TRAINING-60H",
                officer,
                "S3",
                f"{spec.name}{ctx.year - 1}年度培训{spec.training_hours:g}学时，不足60学时",
                f"{spec.id} logged {spec.training_hours:g} training hours in {ctx.year - 1}, "
                "the last finished year (< 60; docs/catalog/examples.md#e20)",
                note="minimum is cfg.min_training_hours (default 60, U); years from 2023 "
                "(国办发〔2023〕27号) are checked",
                on=dt.date(ctx.year - 1, 12, 31),
            )
        if span is not None and span[1] < ctx.as_of:
            ctx.plant(
                "PERS-CERT-EXPIRING",
                ctx.records["officer"][-1],
                "S4",
                f"{spec.name}执法证已于{span[1]}到期，证件登记状态仍为有效",
                f"{spec.id}'s certificate expired on {span[1]} (register still says active)",
            )


def _lists(ctx: SampleContext) -> None:
    year = ctx.year
    town_matters = [m for m in MATTERS if m.agency_id == TOWN]
    ctx.add(
        MatterList(
            id="ML-QHZ-DELEGATED",
            agency_id=TOWN,
            kind=MatterListKind.TOWNSHIP_DELEGATED_POWERS,
            valid_from=dt.date(year - 3, 1, 1),
            title="赋予清河镇行政执法权事项清单",
            document_number=f"云政发〔{year - 4}〕31号",
            published_date=dt.date(year - 4, 12, 20),
            items=tuple(
                MatterListItem(code=m.code, name=m.cause, legal_basis=m.basis) for m in town_matters
            ),
        )
    )
    ctx.add(
        MatterList(
            id="ML-QHZ-LEGAL-REVIEW",
            agency_id=TOWN,
            kind=MatterListKind.LEGAL_REVIEW_CATALOG,
            valid_from=dt.date(year - 2, 1, 1),
            title="清河镇重大执法决定法制审核目录",
            published_date=dt.date(year - 3, 12, 25),
            items=tuple(
                MatterListItem(code=m.code, name=m.cause, legal_basis=m.basis)
                for m in town_matters
                if m.major
            ),
        )
    )
    for spec in AGENCIES:
        if not spec.enforces:
            continue
        ctx.add(
            MatterList(
                id=f"ML-{spec.id[3:]}-INSPECTION",
                agency_id=spec.id,
                kind=MatterListKind.INSPECTION_ITEMS,
                valid_from=dt.date(year, 1, 1),
                title=f"{spec.name}涉企行政检查事项清单（{year}年版）",
                published_date=dt.date(year - 1, 12, 20),
                items=tuple(
                    MatterListItem(code=code, name=name) for code, name in INSPECTION_ITEMS[spec.id]
                ),
            )
        )
        if spec.id != TOWN:
            # County catalogs list only the heavy decisions (revocation, closure), which the
            # sample's cases never reach.
            ctx.add(
                MatterList(
                    id=f"ML-{spec.id[3:]}-LEGAL-REVIEW",
                    agency_id=spec.id,
                    kind=MatterListKind.LEGAL_REVIEW_CATALOG,
                    valid_from=dt.date(year - 2, 1, 1),
                    title=f"{spec.name}重大执法决定法制审核目录",
                    published_date=dt.date(year - 3, 12, 25),
                    items=(
                        MatterListItem(
                            code=f"XZCF-{spec.id[6:]}-101",
                            name="吊销许可证件、责令停产停业、责令关闭",
                        ),
                        MatterListItem(
                            code=f"XZCF-{spec.id[6:]}-102", name="较大数额罚款（十万元以上）"
                        ),
                    ),
                )
            )
    for matter in MATTERS:
        if not matter.benchmark:
            continue
        ctx.add(
            DiscretionBenchmark(
                id=benchmark_id(matter),
                agency_id=matter.agency_id,
                matter_code=matter.code,
                valid_from=dt.date(year - 2, 1, 1),
                title=f"{matter.cause}行政处罚裁量基准",
                legal_basis=matter.basis,
                statute_fine_min=matter.statute_min,
                statute_fine_max=matter.statute_max,
                published_date=dt.date(year - 3, 12, 20),
                ranges=tuple(
                    BenchmarkRange(
                        level=level, fine_min=lo, fine_max=hi, circumstances=_WHEN[level]
                    )
                    for level, lo, hi in matter.benchmark
                ),
            )
        )


_WHEN = {
    DiscretionLevel.LIGHTER: "初次违法、危害后果较轻、主动配合调查",
    DiscretionLevel.GENERAL: "无从轻、从重情节",
    DiscretionLevel.HEAVIER: "多次违法、拒不改正或者危害后果较重",
}


def _new_enterprise(ctx: SampleContext, kind: EnterpriseKind) -> Party:
    prefix = "93" if "合作社" in kind.template else "92" if kind.party == "other_org" else "91"
    return Party(
        type=PartyType(kind.party),
        name=ctx.people.trade_name(kind.template),
        party_id=f"E-{ctx.next_number('enterprise'):03d}",
        id_number=ctx.people.credit_code(prefix),
        phone=ctx.people.phone(),
        address=ctx.address(),
        region_code=TOWNSHIP_CODE,
    )


def _enterprises(ctx: SampleContext) -> None:
    for kind in ENTERPRISE_KINDS:
        for _ in range(kind.count):
            ctx.enterprises.append(Enterprise(_new_enterprise(ctx, kind), kind))
    # Two law-abiding enterprises become the liaison points: never a party to a case.
    for label in ("加工制造", "食品零售"):
        last = [e for e in ctx.enterprises if e.kind.label == label][-1]
        ctx.liaison_candidates.append(last.party_id)


# --- parties for cases -------------------------------------------------------------------------


def _party(ctx: SampleContext, matter: Matter, *, org: bool | None = None) -> Party:
    if org is None:
        org = matter.party == "org" or (matter.party == "both" and ctx.rng.random() < 0.4)
    if not org:
        return ctx.person()
    kinds = [k for k in ENTERPRISE_KINDS if matter.code in k.matters] or [
        k for k in ENTERPRISE_KINDS if any(a == matter.agency_id for a, _ in k.inspectors)
    ]
    if ctx.rng.random() < 0.5:
        # Not every business fined in the township is one of the 40 that get inspected.
        return _new_enterprise(ctx, ctx.rng.choice(kinds))
    candidates = [
        e for e in ctx.enterprises if e.kind in kinds and e.party_id not in ctx.liaison_candidates
    ]
    return ctx.rng.choice(candidates).party


def _summary_day(ctx: SampleContext) -> dt.date:
    return ctx.days.pick(ctx.rng, ctx.days.md(1, 3), ctx.days.md(12, 10))


# --- planted penalty cases -------------------------------------------------------------------


def _first_with_rest_day_90(ctx: SampleContext, first: dt.date, last: dt.date) -> dt.date:
    """The first working day F in ``first..last`` whose 90th day is a rest day."""
    days = ctx.days
    day = first
    while day <= last:
        if days.is_workday(day) and not days.is_workday(day + dt.timedelta(days=90)):
            return day
        day += dt.timedelta(days=1)
    raise RuntimeError("no filing day with a rest-day deadline")  # pragma: no cover


def _planted_cases(ctx: SampleContext) -> None:
    rng, days = ctx.rng, ctx.days
    t01, t02, t03, t04, t05 = (MATTER_BY_CODE[f"XZCF-QHZ-00{i}"] for i in range(1, 6))

    def done(plan: CasePlan) -> PenaltyCase:
        plan.planted = True
        return build_case(ctx, plan)

    # E1 pattern: the 90th day is a rest day; the decision comes two working days after the
    # rolled deadline, so it is late in both strict and rollover mode.
    filed = _first_with_rest_day_90(ctx, days.md(4, 1), days.md(5, 30))
    strict = filed + dt.timedelta(days=90)
    rolled = days.roll(strict)
    decided = days.add_wd(rolled, 2)
    case = done(plan_ordinary(ctx, t02, ctx.person(), filed, decision=decided))
    ctx.plant(
        "PEN-DECISION-90D",
        case,
        "S2",
        f"{filed}立案，90日届满{strict}（休息日）顺延至{rolled}，{decided}才作出处罚决定",
        f"filed {filed}; day 90 is {strict} (a rest day), rolled to {rolled}; decided {decided}",
    )

    # E2: decided exactly on the rolled deadline: only a note by default.
    filed = _first_with_rest_day_90(ctx, days.md(3, 1), days.md(3, 31))
    strict = filed + dt.timedelta(days=90)
    rolled = days.roll(strict)
    case = done(plan_ordinary(ctx, t04, ctx.person(), filed, decision=rolled))
    ctx.plant(
        "PEN-DECISION-90D",
        case,
        "S4",
        f"{filed}立案，90日届满{strict}为休息日，顺延后于{rolled}作出决定：仅作S4提示",
        f"filed {filed}; day 90 ({strict}) is a rest day; decided on the rolled deadline "
        f"{rolled}: an S4 advisory past the strict deadline, not a violation, under the "
        "default rollover",
        note="S2 when agency_deadline_rollover=false (docs/catalog/examples.md#e2)",
    )

    # E5: summary limits, inclusive at 200.00 / 3,000.00.
    plan = plan_summary(
        ctx,
        t01,
        ctx.person(),
        _summary_day(ctx),
        fine=Decimal("200.01"),
        level=DiscretionLevel.GENERAL,
        cash=False,
    )
    case = done(plan)
    ctx.plant(
        "PEN-SUMMARY-LIMIT",
        case,
        "S1",
        "适用简易程序对自然人罚款200.01元，超过200元上限",
        "summary procedure used for a 200.01-yuan fine on a natural person (limit 200)",
    )
    case = done(
        plan_summary(
            ctx,
            t01,
            ctx.person(),
            _summary_day(ctx),
            fine=Decimal(200),
            level=DiscretionLevel.LIGHTER,
            cash=False,
        )
    )
    ctx.control(
        "PEN-SUMMARY-LIMIT",
        case,
        "简易程序对自然人罚款200.00元（“以下”含本数）",
        "summary fine of exactly 200.00 yuan on a natural person (inclusive limit)",
    )
    y02 = MATTER_BY_CODE["XZCF-YJGL-002"]
    company = _party(ctx, y02, org=True)
    case = done(
        plan_summary(
            ctx, y02, company, _summary_day(ctx), fine=Decimal(3000), level=DiscretionLevel.LIGHTER
        )
    )
    ctx.control(
        "PEN-SUMMARY-LIMIT",
        case,
        "简易程序对单位罚款3000.00元（“以下”含本数）",
        "summary fine of exactly 3,000.00 yuan on a company (inclusive limit)",
    )

    # E5: a 50-yuan summary fine by one officer alone.
    day = _summary_day(ctx)
    officer = rng.choice(ctx.enforcers(TOWN, day, day))
    case = done(
        plan_summary(
            ctx,
            t03,
            ctx.person(),
            day,
            fine=Decimal(50),
            level=DiscretionLevel.LIGHTER,
            officers=(officer,),
            cash=False,
        )
    )
    ctx.plant(
        "PEN-OFFICERS-2",
        case,
        "S1",
        "当场处罚（罚款50元）仅一名执法人员实施",
        "a 50-yuan on-the-spot fine imposed by a single officer",
    )

    # E6: on-the-spot cash is allowed up to 100 yuan, not for 150.
    case = done(
        plan_summary(
            ctx,
            t03,
            ctx.person(),
            _summary_day(ctx),
            fine=Decimal(150),
            level=DiscretionLevel.GENERAL,
            cash=True,
        )
    )
    ctx.plant(
        "PEN-ONSPOT-CASH",
        case,
        "S1",
        "简易程序罚款150元当场收缴现金，不属于可以当场收缴的情形",
        "150 yuan collected in cash on the spot (allowed only up to 100 or if hard to enforce)",
    )
    case = done(
        plan_summary(
            ctx,
            t03,
            ctx.person(),
            _summary_day(ctx),
            fine=Decimal(100),
            level=DiscretionLevel.GENERAL,
            cash=True,
        )
    )
    ctx.control(
        "PEN-ONSPOT-CASH",
        case,
        "简易程序罚款100元当场收缴（依法可以当场收缴）",
        "100 yuan collected on the spot: allowed",
    )

    # E6: cash collected on the last working day before the Labour Day break, handed over a
    # day after the two-working-day deadline.
    collected = days.sub_wd(days.md(5, 1), 1)
    deadline = days.add_wd(collected, 2)
    plan = plan_summary(
        ctx,
        t01,
        ctx.person(),
        collected,
        fine=Decimal(100),
        level=DiscretionLevel.LIGHTER,
        cash=True,
    )
    plan.handover = days.add_wd(deadline, 1)
    plan.deposit = days.add_wd(plan.handover, 1)
    plan.closed = plan.deposit
    case = done(plan)
    ctx.plant(
        "PEN-CASH-HANDOVER",
        case,
        "S2",
        f"{collected}当场收缴罚款，应于{deadline}前交至行政机关，实际{plan.handover}上交",
        f"cash collected {collected}; handover due {deadline} (2 working days across the "
        f"Labour Day break); handed over {plan.handover}",
    )
    day = days.pick(rng, days.md(6, 9), days.md(6, 27))
    plan = plan_summary(
        ctx, t01, ctx.person(), day, fine=Decimal(100), level=DiscretionLevel.LIGHTER, cash=True
    )
    plan.handover = days.add_wd(day, 2)
    plan.deposit = days.add_wd(plan.handover, 2)
    plan.closed = plan.deposit
    case = done(plan)
    ctx.control(
        "PEN-CASH-HANDOVER",
        case,
        "当场收缴后第2个工作日上交、再2个工作日缴付银行（期限最后一日）",
        "cash handed over on the 2nd working day and banked 2 working days later (last days)",
    )

    # E20: OF-03's certificate ran out; an on-site inspection record two days later.
    span = ctx.cert_span("OF-03")
    assert span is not None
    cert_end = span[1]
    act_day = days.roll(cert_end + dt.timedelta(days=2))
    filed = days.sub_wd(act_day, 1)
    plan = plan_ordinary(ctx, t02, ctx.person(), filed, officers=("OF-02", "OF-05"))
    plan.acts.insert(
        1,
        attrs.evolve(
            plan.acts[0],
            date=act_day,
            officer_ids=("OF-03", "OF-05"),
            start_datetime=days.at(act_day, 9),
            end_datetime=days.at(act_day, 11),
        ),
    )
    case = done(plan)
    ctx.plant(
        "PEN-CERT-VALID",
        case,
        "S1",
        f"{act_day}现场检查笔录载明的执法人员刘建军，其执法证已于{cert_end}到期",
        f"the on-site inspection record of {act_day} names OF-03, whose certificate expired "
        f"on {cert_end} (E20)",
    )
    ctx.plant(
        "PEN-OFFICERS-2",
        case,
        "S1",
        f"{act_day}现场检查仅一名持有效执法证的执法人员",
        f"only one officer with a valid certificate at the inspection of {act_day} (E20)",
    )
    last_valid = days.roll_back(cert_end)
    plan = plan_ordinary(ctx, t02, ctx.person(), last_valid, officers=("OF-02", "OF-05"))
    plan.acts[0] = attrs.evolve(plan.acts[0], officer_ids=("OF-02", "OF-03"))
    plan.officers = ("OF-02", "OF-03", "OF-05")
    case = done(plan)
    ctx.control(
        "PEN-CERT-VALID",
        case,
        f"刘建军于执法证有效期最后一日（{last_valid}）参与现场检查",
        f"OF-03 at an on-site inspection on {last_valid}, the certificate's last valid day",
    )

    # Prior notice served on the day of the decision (PEN-NOTICE).
    plan = plan_ordinary(
        ctx,
        t02,
        ctx.person(),
        days.pick(rng, days.md(2, 10), days.md(3, 20)),
        level=DiscretionLevel.LIGHTER,
    )
    plan.notice = plan.decision
    case = done(plan)
    ctx.plant(
        "PEN-NOTICE",
        case,
        "S1",
        f"处罚告知书与处罚决定书同日（{plan.decision}）送达，当事人未能陈述申辩",
        f"prior notice served on the day of the decision ({plan.decision})",
    )

    # E21: hearing held, decision ten days later, no legal review.
    held = days.roll(days.md(11, 10))
    decided = days.add_wd(held, 8)
    filed = days.sub_wd(held, 30)
    plan = plan_ordinary(
        ctx,
        t04,
        _party(ctx, t04, org=True),
        filed,
        decision=decided,
        held=held,
        level=DiscretionLevel.HEAVIER,
    )
    plan.has_review = False
    case = done(plan)
    ctx.plant(
        "PEN-LEGAL-REVIEW",
        case,
        "S1",
        f"{held}举行听证，{decided}作出处罚决定，未经法制审核",
        f"hearing held {held}, decision {decided}, no legal review (E21)",
    )

    # Served nine working days after the announcement, party absent (PEN-DELIVERY-7WD).
    plan = plan_ordinary(ctx, t02, ctx.person(), days.pick(rng, days.md(3, 3), days.md(4, 20)))
    assert plan.decision is not None
    plan.present, plan.method = False, DeliveryMethod.DIRECT
    plan.served = days.add_wd(plan.decision, 9)
    reschedule_payment(ctx, plan)
    case = done(plan)
    ctx.plant(
        "PEN-DELIVERY-7WD",
        case,
        "S2",
        f"当事人不在场，决定书于宣告后第9个工作日（{plan.served}）才送达",
        f"party absent; decision served on the 9th working day after announcement ({plan.served})",
    )
    plan = plan_ordinary(ctx, t02, ctx.person(), days.pick(rng, days.md(8, 4), days.md(8, 29)))
    assert plan.decision is not None
    plan.present, plan.method = False, DeliveryMethod.DIRECT
    plan.served = days.add_wd(plan.decision, 7)
    reschedule_payment(ctx, plan)
    case = done(plan)
    ctx.control(
        "PEN-DELIVERY-7WD",
        case,
        "当事人不在场，宣告后第7个工作日送达（期限最后一日）",
        "party absent; served on the 7th working day after announcement (the last day)",
    )

    # A fine above the statutory maximum (PEN-DISCRETION, S1).
    plan = plan_ordinary(
        ctx,
        t02,
        ctx.person(),
        days.pick(rng, days.md(9, 1), days.md(9, 19)),
        level=DiscretionLevel.HEAVIER,
        fine=Decimal(2500),
    )
    case = done(plan)
    ctx.plant(
        "PEN-DISCRETION",
        case,
        "S1",
        "露天焚烧秸秆罚款2500元，超出法定上限2000元",
        "straw-burning fine of 2,500 yuan above the statutory maximum of 2,000",
    )
    plan = plan_ordinary(
        ctx,
        t02,
        ctx.person(),
        days.pick(rng, days.md(9, 22), days.md(10, 15)),
        level=DiscretionLevel.HEAVIER,
        fine=Decimal(2000),
    )
    case = done(plan)
    ctx.control(
        "PEN-DISCRETION",
        case,
        "罚款2000元，等于法定上限和从重阶次上限",
        "a 2,000-yuan fine: exactly the statutory and the benchmark's maximum",
    )

    # Publication on the 10th working day (PUB-DECISION, 7 WD for penalties).
    plan = plan_ordinary(ctx, t01, ctx.person(), days.pick(rng, days.md(5, 6), days.md(5, 30)))
    assert plan.decision is not None
    plan.published = days.add_wd(plan.decision, 10)
    case = done(plan)
    ctx.plant(
        "PUB-DECISION",
        case,
        "S3",
        f"处罚决定于作出后第10个工作日（{plan.published}）才公开，超过7个工作日",
        f"decision published on the 10th working day ({plan.published}); 7 allowed",
    )
    plan = plan_ordinary(ctx, t01, ctx.person(), days.pick(rng, days.md(6, 2), days.md(6, 20)))
    assert plan.decision is not None
    plan.published = days.add_wd(plan.decision, 7)
    case = done(plan)
    ctx.control(
        "PUB-DECISION",
        case,
        "处罚决定于第7个工作日公开（期限最后一日）",
        "decision published on the 7th working day (the last day)",
    )

    # A decision with public impact that was never published (PUB-PENALTY-SCOPE).
    plan = plan_ordinary(
        ctx, t04, _party(ctx, t04, org=True), days.pick(rng, days.md(7, 7), days.md(7, 25))
    )
    plan.social_impact, plan.published = True, None
    case = done(plan)
    ctx.plant(
        "PUB-PENALTY-SCOPE",
        case,
        "S3",
        "具有一定社会影响的处罚决定（集镇主街大型广告牌）未公开",
        "a decision with public impact (a large billboard on the main street) was not published",
    )
    assert plan.decision is not None
    ctx.plant(
        "PUB-DECISION",
        case,
        "S3",
        f"具有一定社会影响的处罚决定（{plan.decision}作出）7个工作日内未公开，至年底仍未公开",
        f"a decision with public impact (made {plan.decision}) was not published within 7 "
        "working days, nor by year end",
        note="unpublished_is_late (reading, default true)",
    )

    # Orders to demolish unauthorised buildings (城乡规划法 Art. 65), served in early March,
    # so that the reconsideration (60 days) and litigation (6 months) periods end in September.
    demolitions = []
    for index, (jan, mar) in enumerate(((6, 3), (8, 5), (13, 10), (20, 12))):
        filed = days.roll(days.md(1, jan))
        decided = days.roll(days.md(3, mar))
        plan = plan_ordinary(ctx, t05, ctx.person(), filed, decision=decided, hearing=index == 1)
        plan.present, plan.served = True, decided
        reschedule_payment(ctx, plan)
        done(plan)
        demolitions.append(plan)
    day = days.md(10, 3)  # inside the National Day break in every year
    measure = demolition(ctx, demolitions[0], day)
    ctx.plant(
        "ENF-NIGHT-HOLIDAY",
        measure,
        "S1",
        f"{day}（国庆假期）实施强制拆除，非紧急情况",
        f"forced demolition on {day}, inside the National Day holiday, no emergency (E11)",
    )
    makeup = _makeup_day_after_national_day(ctx)
    measure = demolition(ctx, demolitions[1], makeup)
    ctx.control(
        "ENF-NIGHT-HOLIDAY",
        measure,
        f"{makeup}（调休上班日）实施强制拆除",
        f"forced demolition on {makeup}, a make-up working day",
    )

    # E10: seized on the last working day of September, released on day 31.
    m01 = MATTER_BY_CODE["XZCF-SCJG-001"]
    start = days.roll_back(days.md(9, 30))
    plan = plan_ordinary(ctx, m01, _party(ctx, m01, org=True), start)
    done(plan)
    release = days.roll(start + dt.timedelta(days=31))
    measure = seizure(ctx, plan, release=release)
    ctx.plant(
        "ENF-SEIZURE-30D",
        measure,
        "S1",
        f"{start}扣押，30日届满{start + dt.timedelta(days=30)}，未延长，{release}才解除",
        f"seized {start}; 30 days end {start + dt.timedelta(days=30)}; no extension; "
        f"released {release} (E10)",
    )
    plan = plan_ordinary(ctx, m01, _party(ctx, m01, org=True), start)
    done(plan)
    release = days.roll_back(start + dt.timedelta(days=38))
    measure = seizure(ctx, plan, release=release, testing=True)
    ctx.control(
        "ENF-SEIZURE-30D",
        measure,
        f"检测期间10日书面告知后不计入，期限至{start + dt.timedelta(days=40)}，{release}解除",
        f"a notified 10-day testing period is left out: the limit is "
        f"{start + dt.timedelta(days=40)}; released {release} (E10)",
    )
    _controls_90d(ctx)


def _makeup_day_after_national_day(ctx: SampleContext) -> dt.date:
    days = ctx.days
    day = days.md(10, 4)
    while day <= days.md(10, 20):
        if days.is_workday(day) and day.weekday() >= 5:
            return day
        day += dt.timedelta(days=1)
    return days.roll(days.md(10, 9))


def _controls_90d(ctx: SampleContext) -> None:
    """Clean cases decided after day 90 under an approved extension or a notified test."""
    rng, days = ctx.rng, ctx.days
    m02 = MATTER_BY_CODE["XZCF-SCJG-002"]
    for first, last in ((days.md(2, 10), days.md(3, 31)), (days.md(6, 2), days.md(7, 15))):
        filed = days.pick(rng, first, last)
        approved = days.roll_back(filed + dt.timedelta(days=rng.randint(80, 88)))
        decided = days.roll_back(filed + dt.timedelta(days=rng.randint(100, 118)))
        plan = plan_ordinary(ctx, m02, _party(ctx, m02), filed, decision=decided)
        plan.extensions.append(
            Extension(
                days=30,
                approved_date=approved,
                approved_by_head=True,
                reason="案情复杂，经负责人批准延长办案期限30日",
                notified_in_writing=True,
                notified_date=approved,
            )
        )
        plan.planted = True
        case = build_case(ctx, plan)
        ctx.control(
            "PEN-DECISION-90D",
            case,
            f"{approved}（第90日前）批准延长30日，{decided}作出决定",
            f"30-day extension approved {approved} (before day 90); decided {decided}",
        )
    e01 = MATTER_BY_CODE["XZCF-STHJ-001"]
    filed = days.pick(rng, days.md(4, 7), days.md(5, 16))
    test_start = filed + dt.timedelta(days=5)
    test_end = filed + dt.timedelta(days=14)
    decided = days.roll_back(filed + dt.timedelta(days=rng.randint(93, 99)))
    plan = plan_ordinary(ctx, e01, _party(ctx, e01), filed, decision=decided)
    plan.excluded.append(
        ExcludedPeriod(
            kind=ExcludedPeriodKind.TESTING,
            start_date=test_start,
            end_date=test_end,
            notified_in_writing=True,
            notified_date=test_start,
            reason="委托有资质的机构开展噪声监测，监测期间不计入办案期限",
        )
    )
    plan.planted = True
    case = build_case(ctx, plan)
    ctx.control(
        "PEN-DECISION-90D",
        case,
        f"噪声监测{test_start}至{test_end}（10日）书面告知后不计入，{decided}作出决定",
        f"a notified 10-day noise test ({test_start}..{test_end}) is left out; decided {decided}",
    )


# --- the clean year ----------------------------------------------------------------------------


def _random_cases(ctx: SampleContext) -> None:
    rng, days = ctx.rng, ctx.days
    have: Counter[tuple[str, bool]] = Counter((p.agency_id, p.summary) for p, _ in ctx.cases)
    hearings = 3
    for agency_id, (summary_n, ordinary_n) in _TARGETS.items():
        matters = [m for m in MATTERS if m.agency_id == agency_id]
        for summary, target in ((True, summary_n), (False, ordinary_n)):
            if target == 0:
                continue
            target += rng.randint(-target // 10, target // 10)
            weights = [m.summary_weight if summary else m.ordinary_weight for m in matters]
            for _ in range(max(0, target - have[(agency_id, summary)])):
                matter = rng.choices(matters, weights)[0]
                party = _party(ctx, matter)
                if summary and matter.has_fine and not summary_levels(matter, party):
                    party = _party(ctx, matter, org=True)  # 500 yuan minimum: too much for a person
                if summary:
                    build_case(ctx, plan_summary(ctx, matter, party, _summary_day(ctx)))
                    continue
                filed = days.pick(rng, days.md(1, 3), days.md(12, 12))
                hearing = (
                    agency_id == TOWN
                    and hearings > 0
                    and matter.code in ("XZCF-QHZ-002", "XZCF-QHZ-004")
                    and filed <= days.md(9, 30)
                )
                plan = plan_ordinary(
                    ctx,
                    matter,
                    party,
                    filed,
                    hearing=hearing,
                    level=DiscretionLevel.HEAVIER if hearing else None,
                )
                case = build_case(ctx, plan)
                if hearing:
                    if hearings == 3:
                        ctx.control(
                            "PEN-LEGAL-REVIEW",
                            case,
                            "举行听证后经法制审核通过再作出决定",
                            "hearing held, legal review passed before the decision",
                        )
                    hearings -= 1


def _other_leads(ctx: SampleContext) -> None:
    """Leads that did not become cases (decided promptly), and one left pending."""
    rng, days = ctx.rng, ctx.days
    reasons = (
        (LeadSource.COMPLAINT, "经核查，举报事项不存在违法事实", FilingDecision.NOT_FILED),
        (LeadSource.COMPLAINT, "经核查，已过追责时效", FilingDecision.NOT_FILED),
        (LeadSource.OTHER, "违法行为轻微并及时改正，没有造成危害后果", FilingDecision.NOT_FILED),
        (LeadSource.REFERRAL, "不属于本机关管辖，已移送有管辖权的机关", FilingDecision.TRANSFERRED),
    )
    for _ in range(rng.randint(8, 12)):
        matter = rng.choice([m for m in MATTERS if m.ordinary_weight])
        source, reason, outcome = rng.choice(reasons)
        received = days.pick(rng, days.md(1, 6), days.md(12, 5))
        complaint = source == LeadSource.COMPLAINT
        ctx.add(
            Lead(
                id=ctx.temp_id("lead"),
                agency_id=matter.agency_id,
                received_date=received,
                source=source,
                summary=f"反映有人涉嫌{matter.cause}",
                reporter_name=ctx.people.person_name() if complaint else None,
                reporter_phone=ctx.people.phone() if complaint else None,
                matter_code=matter.code,
                sector=ctx.agencies[matter.agency_id].sector,
                filing_decision=outcome,
                filing_decision_date=days.add_wd(received, rng.randint(2, 10)),
                not_filed_reason=reason,
            )
        )
    # A complaint about a food shop, never decided on (PEN-FILING-LAG).
    m02 = MATTER_BY_CODE["XZCF-SCJG-002"]
    received = days.roll(days.md(9, 1))
    lead = ctx.add(
        Lead(
            id=ctx.temp_id("lead"),
            agency_id=MARKET,
            received_date=received,
            source=LeadSource.COMPLAINT,
            summary="举报某超市销售商品未明码标价、结账时加价",
            reporter_name=ctx.people.person_name(),
            reporter_phone=ctx.people.phone(),
            party=_party(ctx, m02, org=True),
            matter_code=m02.code,
            sector=ctx.agencies[MARKET].sector,
        )
    )
    ctx.plant(
        "PEN-FILING-LAG",
        lead,
        "S2",
        f"{received}收到举报线索，至年底既未立案也未作出不予立案决定",
        f"complaint lead received {received}; no decision on filing by year end",
        note="filing deadline is sector-specific (market regulation 15+15 WD, U)",
    )


# --- final ids -------------------------------------------------------------------------------


def _sort_key(record: Any) -> tuple[Any, ...]:
    if isinstance(record, PenaltyCase):
        first = record.filed_date or (record.decision.decision_date if record.decision else None)
        return (first, ENFORCING.index(record.agency_id), record.id)
    if isinstance(record, Inspection):
        return (record.date, record.start_datetime, record.id)
    if isinstance(record, Lead):
        return (record.received_date, record.id)
    if isinstance(record, CoerciveMeasure):
        return (record.start_date, record.id)
    if isinstance(record, LicenceApplication):
        return (record.received_date, record.id)
    if isinstance(record, SupervisionCheck):
        return (record.date, record.id)
    if isinstance(record, Feedback | Complaint | InformationRequest):
        return (record.received_date, record.id)
    if isinstance(record, InformationDisclosure):
        return (record.formed_date, record.id)
    day = _governance_date(record)
    if day is not None:
        return (day, record.id)
    return (record.id,)


def _governance_date(record: Any) -> dt.date | None:
    """The first date of a petition, proceeding, decision, document or contract."""
    for name in (
        "received_date",
        "copy_received_date",
        "complaint_copy_received_date",
        "started_date",
        "issued_date",
        "signed_date",
    ):
        value = getattr(record, name, None)
        if isinstance(value, dt.date):
            return value
    return None


def _finalise(ctx: SampleContext, seed: int) -> SampleTownship:
    remap: dict[str, str] = {}
    for record_type, records in ctx.records.items():
        if record_type not in _PREFIX:
            continue
        prefix, width = _PREFIX[record_type]
        records.sort(key=_sort_key)
        for index, record in enumerate(records, start=1):
            remap[record.id] = f"{prefix}-{ctx.year}-{index:0{width}d}"

    def ref(value: str | None) -> str | None:
        return remap.get(value, value) if value is not None else None

    def ref_record(value: RecordRef | None) -> RecordRef | None:
        if value is None:
            return None
        return attrs.evolve(value, record_id=remap.get(value.record_id, value.record_id))

    numbers: dict[str, int] = defaultdict(int)

    def number(kind: str, agency_id: str) -> str:
        numbers[kind + agency_id] += 1
        short = ctx.agencies[agency_id].short
        return f"{short}{kind}〔{ctx.year}〕{numbers[kind + agency_id]}号"

    rewrite: dict[str, Callable[[Any], Any]] = {
        "penalty-case": lambda r: _rewrite_case(r, remap),
        "lead": lambda r: attrs.evolve(
            r, id=remap[r.id], case_id=ref(r.case_id), inspection_id=ref(r.inspection_id)
        ),
        "inspection": lambda r: attrs.evolve(r, id=remap[r.id], case_id=ref(r.case_id)),
        "coercive-measure": lambda r: attrs.evolve(
            r,
            id=remap[r.id],
            related=ref_record(r.related),
            document_number=number("强", r.agency_id),
        ),
        "licence-application": lambda r: attrs.evolve(
            r,
            id=remap[r.id],
            application_number=f"SQ{ctx.year}{remap[r.id][-3:]}",
            decision=(
                attrs.evolve(r.decision, document_number=number("许", r.agency_id))
                if r.decision
                else None
            ),
        ),
        "supervision-check": lambda r: attrs.evolve(
            r,
            id=remap[r.id],
            sampled_cases=tuple(
                attrs.evolve(s, record=ref_record(s.record)) for s in r.sampled_cases
            ),
        ),
        "social-supervisor": lambda r: attrs.evolve(
            r,
            activities=tuple(attrs.evolve(a, related=ref_record(a.related)) for a in r.activities),
        ),
    }

    def renumber(record: Any) -> Any:
        return attrs.evolve(record, id=remap[record.id])

    final: dict[str, tuple[Any, ...]] = {}
    for record_type in ordered_types(list(ctx.records)):
        records = ctx.records[record_type]
        change = rewrite.get(record_type, renumber if record_type in _PREFIX else None)
        updated = [change(r) for r in records] if change else list(records)
        if record_type == "penalty-case":
            updated = list(
                _number_cases(ctx, [r for r in updated if isinstance(r, PenaltyCase)], number)
            )
        final[record_type] = tuple(sorted(updated, key=lambda r: r.id))
    # The answer key reads best in catalog order: by category, then rule, then record.
    planted = tuple(
        sorted(
            (attrs.evolve(p, record_id=remap.get(p.record_id, p.record_id)) for p in ctx.planted),
            key=lambda p: (CATEGORIES.index(p.category), p.rule_id, p.record_id),
        )
    )
    controls = tuple(
        sorted(
            (attrs.evolve(c, record_id=remap.get(c.record_id, c.record_id)) for c in ctx.controls),
            key=lambda c: (c.rule_id, c.record_id),
        )
    )
    return SampleTownship(
        seed=seed,
        year=ctx.year,
        as_of=ctx.as_of,
        name_zh=f"青岚县{TOWNSHIP_NAME}",
        name_en=f"{TOWNSHIP_NAME_EN}, Qinglan County",
        records=final,
        planted=planted,
        controls=controls,
    )


def _rewrite_case(case: PenaltyCase, remap: dict[str, str]) -> PenaltyCase:
    new_id = remap[case.id]
    return attrs.evolve(
        case,
        id=new_id,
        lead_id=remap.get(case.lead_id, case.lead_id) if case.lead_id else None,
        violations=tuple(attrs.evolve(v, id=f"VF-{new_id}") for v in case.violations),
    )


def _number_cases(
    ctx: SampleContext, cases: list[PenaltyCase], number: Callable[[str, str], str]
) -> list[PenaltyCase]:
    """Case numbers, notice numbers and decision numbers, per agency in date order."""
    by_id = {case.id: case for case in cases}
    filed = sorted((c for c in cases if c.filed_date), key=lambda c: (c.filed_date, c.id))
    for case in filed:
        by_id[case.id] = attrs.evolve(case, case_number=number("立", case.agency_id))
    noticed = sorted(
        (c for c in by_id.values() if c.prior_notice and c.filed_date),
        key=lambda c: (c.prior_notice.served_date if c.prior_notice else None, c.id),
    )
    for case in noticed:
        assert case.prior_notice is not None
        by_id[case.id] = attrs.evolve(
            case,
            prior_notice=attrs.evolve(
                case.prior_notice, document_number=number("罚告", case.agency_id)
            ),
        )
    decided = sorted(
        (c for c in by_id.values() if c.decision),
        key=lambda c: (c.decision.decision_date if c.decision else None, c.id),
    )
    for case in decided:
        assert case.decision is not None
        kind = "简罚" if case.filed_date is None else "罚"
        by_id[case.id] = attrs.evolve(
            case, decision=attrs.evolve(case.decision, document_number=number(kind, case.agency_id))
        )
    return list(by_id.values())
