"""Penalty cases (行政处罚案件) and their leads: plans, clean timelines, records.

A case is first drawn as a :class:`CasePlan` with a clean timeline (every deadline of
docs/catalog/rules.md#penalties kept with room to spare); planted violations then change one thing
in the plan
before :func:`build_case` turns it into records. Anything dated after the sample's ``as_of``
is left out, so cases still running at year end are open, never overdue.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from enforcement_supervision.model import (
    ActKind,
    CaseClosure,
    CaseClosureKind,
    CollectiveDiscussion,
    Delivery,
    DeliveryMethod,
    DiscretionLevel,
    EnforcementAct,
    EvidenceItem,
    EvidencePreservation,
    EvidenceType,
    ExcludedPeriod,
    ExcludedPeriodKind,
    Extension,
    FilingDecision,
    Hearing,
    Lead,
    LeadSource,
    LegalReview,
    LegalReviewResult,
    MonitoringDevice,
    Party,
    PartyType,
    Payment,
    PaymentChannel,
    PenaltyCase,
    PenaltyDecision,
    PenaltyType,
    PriorNotice,
    Procedure,
    ProcessStage,
    Publication,
    StageRecord,
    ViolationFact,
    Waiver,
)
from enforcement_supervision.sample._context import SampleContext
from enforcement_supervision.sample._tables import (
    COUNTY_PORTAL,
    MARKET,
    TOWN,
    TOWNSHIP_CODE,
    Matter,
)

__all__ = [
    "SUMMARY_LIMIT",
    "CasePlan",
    "benchmark_id",
    "build_case",
    "level_range",
    "plan_ordinary",
    "plan_summary",
    "reschedule_payment",
    "summary_levels",
]

SUMMARY_LIMIT = {
    PartyType.NATURAL_PERSON: Decimal(200),
    PartyType.LEGAL_PERSON: Decimal(3000),
    PartyType.OTHER_ORG: Decimal(3000),
}
"""Summary-procedure fine limits since 2021-07-15 (行政处罚法 Art. 51, inclusive)."""

_EVIDENCE_NAMES = {
    EvidenceType.DOCUMENTARY: "营业执照复印件、进货凭证等书证",
    EvidenceType.ON_SITE_RECORD: "现场检查笔录",
    EvidenceType.AUDIOVISUAL: "执法记录仪视频",
    EvidenceType.PARTY_STATEMENT: "询问笔录（当事人陈述）",
    EvidenceType.PHYSICAL: "涉案物品",
    EvidenceType.ELECTRONIC_DATA: "在线监控数据",
    EvidenceType.WITNESS_TESTIMONY: "证人证言",
    EvidenceType.INSPECTION_RECORD: "勘验笔录及现场图",
    EvidenceType.EXPERT_OPINION: "检测（检定）报告",
}


@dataclasses.dataclass
class CasePlan:
    """Everything that will become one penalty case; planted violations edit it."""

    tmp_id: str
    agency_id: str
    matter: Matter
    party: Party
    summary: bool
    day: dt.date  # the on-the-spot decision date, or the filing date
    officers: tuple[str, ...]
    fine: Decimal | None
    level: DiscretionLevel | None
    acts: list[EnforcementAct] = dataclasses.field(default_factory=list)
    lead_tmp_id: str | None = None
    lead_received: dt.date | None = None
    lead_source: LeadSource | None = None
    lead_inspection_id: str | None = None
    preservation: EvidencePreservation | None = None
    notice: dt.date | None = None
    hearing: Hearing | None = None
    review: tuple[dt.date, dt.date] | None = None
    collective: dt.date | None = None
    extensions: list[Extension] = dataclasses.field(default_factory=list)
    excluded: list[ExcludedPeriod] = dataclasses.field(default_factory=list)
    decision: dt.date | None = None
    confiscation: Decimal | None = None
    social_impact: bool | None = None
    present: bool = True
    served: dt.date | None = None
    method: DeliveryMethod = DeliveryMethod.DIRECT
    posted: dt.date | None = None
    e_consent: bool | None = None
    channel: PaymentChannel | None = None
    paid: dt.date | None = None
    handover: dt.date | None = None
    deposit: dt.date | None = None
    hard_to_enforce: bool | None = None
    published: dt.date | None = None
    closed: dt.date | None = None
    filed_with_agency: dt.date | None = None
    waiver: bool = False
    correction_deadline: dt.date | None = None
    violation_start: dt.date | None = None
    violation_end: dt.date | None = None
    has_review: bool = True
    planted: bool = False


def benchmark_id(matter: Matter) -> str:
    """Id of the discretion benchmark record for ``matter``."""
    return f"DB-{matter.code}"


def level_range(matter: Matter, level: DiscretionLevel) -> tuple[Decimal, Decimal]:
    """The fine range of ``level`` in the matter's benchmark."""
    for lvl, lo, hi in matter.benchmark:
        if lvl == level:
            return lo, hi
    raise KeyError(level)


def _pick_level(ctx: SampleContext, matter: Matter, agency_id: str) -> DiscretionLevel | None:
    if not matter.benchmark:
        return None
    levels = [lvl for lvl, _, _ in matter.benchmark]
    weights = [5, 4, 1][: len(levels)]
    # County departments stay below 90,000 yuan here: their decisions in the sample never
    # reach the (local, U) hearing or legal-review thresholds for large fines.
    if agency_id != TOWN:
        levels, weights = levels[:2], weights[:2]
    return ctx.rng.choices(levels, weights)[0]


def _pick_fine(
    ctx: SampleContext, matter: Matter, level: DiscretionLevel | None, limit: Decimal | None = None
) -> Decimal | None:
    if level is None:
        return None
    lo, hi = level_range(matter, level)
    if limit is not None:
        hi = min(hi, limit)
    return ctx.amount(lo, hi, matter.step)


def summary_levels(matter: Matter, party: Party) -> list[DiscretionLevel]:
    """Benchmark levels under which a summary fine on ``party`` is possible."""
    limit = SUMMARY_LIMIT[party.type]
    return [lvl for lvl, lo, _ in matter.benchmark if lo <= limit]


def _act(
    kind: ActKind, day: dt.date, officers: tuple[str, ...], ctx: SampleContext, hour: int = 9
) -> EnforcementAct:
    start = ctx.days.at(day, hour, ctx.rng.choice((0, 10, 20, 30, 40)))
    return EnforcementAct(
        kind=kind,
        date=day,
        officer_ids=officers,
        start_datetime=start,
        end_datetime=start + dt.timedelta(minutes=ctx.rng.choice((40, 60, 90, 120))),
        certificate_shown=True,
        region_code=TOWNSHIP_CODE,
        written_record=True,
        av_recorded=True,
    )


def plan_summary(
    ctx: SampleContext,
    matter: Matter,
    party: Party,
    day: dt.date,
    *,
    fine: Decimal | None = None,
    level: DiscretionLevel | None = None,
    officers: tuple[str, ...] | None = None,
    cash: bool | None = None,
) -> CasePlan:
    """A clean on-the-spot (summary procedure) decision on ``day``."""
    rng, days = ctx.rng, ctx.days
    if officers is None:
        officers = ctx.pair(matter.agency_id, day, day)
    if matter.has_fine and fine is None:
        if level is None:
            level = rng.choice(summary_levels(matter, party))
        fine = _pick_fine(ctx, matter, level, SUMMARY_LIMIT[party.type])
    plan = CasePlan(
        tmp_id=ctx.temp_id("penalty-case"),
        agency_id=matter.agency_id,
        matter=matter,
        party=party,
        summary=True,
        day=day,
        officers=officers,
        fine=fine,
        level=level,
        notice=day,
        decision=day,
        served=day,
        present=True,
        method=DeliveryMethod.ON_SPOT,
        waiver=True,
        violation_start=day - dt.timedelta(days=rng.randint(0, 3)),
        violation_end=day,
    )
    plan.acts.append(_act(ActKind.ON_SITE_DECISION, day, officers, ctx, rng.randint(8, 16)))
    filed = days.add_wd(day, rng.randint(0, 2))
    plan.filed_with_agency = filed if filed <= ctx.as_of else day
    plan.correction_deadline = day
    if fine is not None:
        if cash is None:
            cash = fine <= 100 and rng.random() < 0.35
        if cash:
            plan.channel = PaymentChannel.ON_SPOT
            plan.paid = day
            plan.hard_to_enforce = False
            plan.handover = days.add_wd(day, rng.randint(0, 2))
            plan.deposit = days.add_wd(plan.handover, rng.randint(0, 2))
        else:
            plan.channel = rng.choice((PaymentChannel.BANK, PaymentChannel.ONLINE))
            plan.paid = min(day + dt.timedelta(days=rng.randint(0, 10)), days.add_cd_r(day, 15))
        plan.closed = days.roll(max(plan.paid, plan.deposit or plan.paid))
    else:
        plan.closed = day
    return plan


def plan_ordinary(
    ctx: SampleContext,
    matter: Matter,
    party: Party,
    filed: dt.date,
    *,
    decision: dt.date | None = None,
    hearing: bool = False,
    level: DiscretionLevel | None = None,
    fine: Decimal | None = None,
    officers: tuple[str, ...] | None = None,
    lead_source: LeadSource | None = None,
    lead_received: dt.date | None = None,
    held: dt.date | None = None,
) -> CasePlan:
    """A clean ordinary-procedure case filed on ``filed``.

    The decision comes 25–75 days after filing (never later than the strict 90th day),
    the prior notice at least six working days before it (so the five-working-day hearing
    window has closed), legal review before approval where the agency has a reviewer, and
    service, payment and publication well inside their deadlines.
    """
    rng, days = ctx.rng, ctx.days
    agency_id = matter.agency_id
    min_gap = 22 if hearing else 14
    if decision is None:
        target = filed + dt.timedelta(days=rng.randint(40 if hearing else 25, 75))
        decision = days.roll(target)
        if decision > filed + dt.timedelta(days=90):
            decision = days.roll_back(filed + dt.timedelta(days=90))
        if days.wd_between(filed, decision) < min_gap:
            decision = days.add_wd(filed, min_gap)
    if officers is None:
        officers = ctx.pair(agency_id, filed, min(decision, ctx.as_of))
    if level is None and fine is None:
        level = _pick_level(ctx, matter, agency_id)
    if fine is None:
        fine = _pick_fine(ctx, matter, level)
    if lead_source is None:
        lead_source = rng.choices(
            (LeadSource.COMPLAINT, LeadSource.INSPECTION, LeadSource.OTHER, LeadSource.REFERRAL),
            (4, 3, 3, 1),
        )[0]
    if lead_received is None:
        lead_received = days.sub_wd(filed, rng.randint(0, 3))
        if lead_received.year != ctx.year:
            lead_received = filed
    plan = CasePlan(
        tmp_id=ctx.temp_id("penalty-case"),
        agency_id=agency_id,
        matter=matter,
        party=party,
        summary=False,
        day=filed,
        officers=officers,
        fine=fine,
        level=level,
        lead_source=lead_source,
        lead_received=lead_received,
        decision=decision,
        has_review=ctx.reviewer(agency_id) is not None,
        violation_start=lead_received - dt.timedelta(days=rng.randint(1, 40)),
        violation_end=lead_received,
    )
    first = _act(ActKind.ON_SITE_INSPECTION, filed, officers, ctx, rng.randint(9, 15))
    second_day = days.add_wd(filed, rng.randint(1, 3))
    second = _act(ActKind.INVESTIGATION, second_day, officers, ctx, rng.randint(9, 16))
    plan.acts.extend((first, second))
    if PenaltyType.CONFISCATION_OF_ILLEGAL_PROPERTY in matter.penalty_types:
        plan.acts.append(_act(ActKind.EVIDENCE_PRESERVATION, filed, officers, ctx, 11))
        plan.preservation = EvidencePreservation(
            date=filed,
            head_approval_date=filed,
            handling_decision_date=days.add_wd(filed, rng.randint(3, 7)),
            items="未经检定的电子计价秤1台",
        )
        plan.confiscation = Decimal(ctx.rng.choice((120, 180, 260, 350, 480)))
    _schedule_notice(ctx, plan, hearing or held is not None, held)
    if matter.major:
        assert plan.review is not None
        plan.collective = plan.review[1]
    _schedule_after_decision(ctx, plan)
    return plan


def _schedule_notice(
    ctx: SampleContext, plan: CasePlan, hearing: bool, held: dt.date | None = None
) -> None:
    """Prior notice, hearing and legal review, working back from the decision date."""
    rng, days = ctx.rng, ctx.days
    decision = plan.decision
    assert decision is not None
    last_act = max(act.date for act in plan.acts)
    if hearing:
        held = held or days.sub_wd(decision, 4)
        notice_of_hearing = days.sub_wd(held, 8)
        requested = days.sub_wd(notice_of_hearing, 1)
        plan.notice = days.sub_wd(requested, 2)
        head = ctx.head(plan.agency_id)
        plan.hearing = Hearing(
            requested_date=requested,
            notice_date=notice_of_hearing,
            held_date=held,
            chair_id=head,
            record_signed=True,
        )
        plan.excluded.append(
            ExcludedPeriod(
                kind=ExcludedPeriodKind.HEARING,
                start_date=requested,
                end_date=held,
                notified_in_writing=True,
                notified_date=notice_of_hearing,
                reason="听证期间不计入办案期限",
            )
        )
        plan.review = (days.add_wd(held, 1), days.add_wd(held, 2))
    else:
        room = days.wd_between(last_act, decision) - 7
        plan.notice = days.sub_wd(decision, 6 + rng.randint(0, max(0, min(room, 6))))
        completed = days.sub_wd(decision, rng.randint(0, 1))
        plan.review = (days.sub_wd(completed, rng.randint(1, 2)), completed)


def _schedule_after_decision(ctx: SampleContext, plan: CasePlan) -> None:
    """Service, payment, publication and closure after a clean decision."""
    rng, days = ctx.rng, ctx.days
    decision = plan.decision
    assert decision is not None
    plan.present = rng.random() < 0.7
    if plan.present:
        plan.method = DeliveryMethod.DIRECT
        plan.served = decision
    else:
        plan.method = rng.choice(
            (DeliveryMethod.POST, DeliveryMethod.ELECTRONIC, DeliveryMethod.DIRECT)
        )
        plan.served = days.add_wd(decision, rng.randint(1, 5))
        if plan.method == DeliveryMethod.POST:
            plan.posted = decision
        if plan.method == DeliveryMethod.ELECTRONIC:
            plan.e_consent = True
    plan.published = days.add_wd(decision, rng.randint(1, 5))
    plan.correction_deadline = decision + dt.timedelta(days=rng.choice((7, 10, 15, 30)))
    reschedule_payment(ctx, plan)


def reschedule_payment(ctx: SampleContext, plan: CasePlan) -> None:
    """Payment (within 15 days of service, CD+R) and closure after ``plan.served``."""
    rng, days = ctx.rng, ctx.days
    assert plan.served is not None
    if plan.fine is not None:
        plan.channel = rng.choice((PaymentChannel.BANK, PaymentChannel.ONLINE))
        deadline = days.add_cd_r(plan.served, 15)
        plan.paid = min(plan.served + dt.timedelta(days=rng.randint(1, 14)), deadline)
        plan.closed = days.add_wd(plan.paid, rng.randint(1, 5))
    else:
        plan.closed = days.add_wd(plan.served, rng.randint(1, 3))


# --- building --------------------------------------------------------------------------------


def build_case(ctx: SampleContext, plan: CasePlan) -> PenaltyCase:
    """Turn ``plan`` into a penalty case (and its lead), keeping only what happened by
    ``ctx.as_of``; both are added to the township."""
    as_of = ctx.as_of

    def seen(day: dt.date | None) -> dt.date | None:
        return day if day is not None and day <= as_of else None

    matter = plan.matter
    agency = ctx.agencies[plan.agency_id]
    head = ctx.head(plan.agency_id)
    decided = seen(plan.decision)
    acts = tuple(act for act in plan.acts if act.date <= as_of)
    notice = _notice(plan) if seen(plan.notice) else None
    hearing = plan.hearing if plan.hearing and seen(plan.hearing.held_date) else None
    review: LegalReview | None = None
    if plan.review is not None and plan.has_review and seen(plan.review[1]):
        review = LegalReview(
            reviewer_id=ctx.reviewer(plan.agency_id),
            submitted_date=plan.review[0],
            completed_date=plan.review[1],
            result=LegalReviewResult.PASS,
            opinion="事实清楚，证据确凿，适用依据正确，程序合法，处罚适当",
        )
    decision = _decision(ctx, plan, head) if decided else None
    delivery = payment = None
    publication = closure = None
    if decision is not None:
        if seen(plan.served):
            delivery = Delivery(
                method=plan.method,
                served_date=plan.served,
                party_present_at_announcement=plan.present,
                e_service_consent_signed=plan.e_consent,
                posted_date=plan.posted,
            )
        if plan.fine is not None and seen(plan.paid):
            payment = _payment(ctx, plan)
        if seen(plan.published):
            publication = Publication(
                published_date=plan.published,
                platform=_platform(plan),
            )
        closed = seen(plan.closed)
        if closed is not None and (plan.fine is None or payment is not None):
            closure = CaseClosure(closed_date=closed, kind=CaseClosureKind.EXECUTED)
    lead_id = None
    if not plan.summary:
        lead_id = _build_lead(ctx, plan)
    case = PenaltyCase(
        id=plan.tmp_id,
        agency_id=plan.agency_id,
        party=plan.party,
        cause=matter.cause,
        matter_domain=agency.domain,
        region_code=TOWNSHIP_CODE,
        lead_id=lead_id,
        lead_received_date=plan.lead_received,
        lead_source=plan.lead_source,
        discovered_date=plan.lead_received if not plan.summary else plan.day,
        filed_date=None if plan.summary else plan.day,
        filing_approver_id=None if plan.summary else head,
        investigator_ids=plan.officers,
        acts=acts,
        violations=(_violation(plan),),
        evidence=_evidence(ctx, plan, acts),
        preservations=(plan.preservation,) if plan.preservation else (),
        major_public_interest=False,
        complex_multi_legal=False,
        review_required_by_law=False,
        is_complex=False,
        is_major=matter.major,
        remote_area=False,
        suspected_crime=False,
        prior_notice=notice,
        waiver=Waiver(statement_and_defence=True, date=plan.day) if plan.waiver else None,
        hearing=hearing,
        legal_review=review,
        collective_discussion=(
            CollectiveDiscussion(
                date=plan.collective,
                participant_ids=tuple(x for x in (head, "OF-02", "OF-06") if x),
                conclusion="同意承办机构处理意见",
            )
            if plan.collective is not None and seen(plan.collective)
            else None
        ),
        extensions=tuple(plan.extensions),
        excluded_periods=tuple(p for p in plan.excluded if p.start_date <= as_of),
        decision=decision,
        delivery=delivery,
        payment=payment,
        publication=publication,
        stage_records=_stages(plan, acts, review, decision, delivery, payment, closure),
        closure=closure,
    )
    ctx.add(case)
    ctx.cases.append((plan, case))
    return case


def _notice(plan: CasePlan) -> PriorNotice:
    return PriorNotice(
        served_date=plan.notice,
        proposed_penalty=True,
        facts=True,
        reasons=True,
        legal_basis=True,
        right_statement=True,
        right_defence=True,
        # Ordinary-procedure notices use the county's standard form, which always states the
        # hearing right; on-the-spot decisions never reach a hearing threshold.
        right_hearing=not plan.summary,
        proposed_penalty_types=plan.matter.penalty_types,
        proposed_fine_amount=plan.fine,
    )


def _decision(ctx: SampleContext, plan: CasePlan, head: str | None) -> PenaltyDecision:
    matter = plan.matter
    assert plan.decision is not None
    return PenaltyDecision(
        decision_date=plan.decision,
        procedure=Procedure.SUMMARY if plan.summary else Procedure.ORDINARY,
        approved_date=plan.decision,
        approver_id=None if plan.summary else head,
        announced_date=plan.decision,
        penalty_types=matter.penalty_types,
        fine_amount=plan.fine,
        confiscation_value=plan.confiscation,
        matter_code=matter.code,
        legal_basis=matter.basis,
        statute_fine_min=matter.statute_min,
        statute_fine_max=matter.statute_max,
        benchmark_id=benchmark_id(matter) if matter.benchmark else None,
        benchmark_level=plan.level,
        correction_ordered=True,
        correction_deadline=plan.correction_deadline,
        social_impact=plan.social_impact if not plan.summary else False,
        doc_form_numbered=True if plan.summary else None,
        delivered_on_spot=True if plan.summary else None,
        filed_with_agency_date=plan.filed_with_agency if plan.summary else None,
    )


def _payment(ctx: SampleContext, plan: CasePlan) -> Payment:
    assert plan.fine is not None
    if plan.channel == PaymentChannel.ON_SPOT:
        receipt = f"QL{ctx.year}{ctx.next_number('receipt'):06d}"
        return Payment(
            channel=plan.channel,
            amount_paid=plan.fine,
            paid_date=plan.paid,
            collected_date=plan.paid,
            handover_date=plan.handover,
            bank_deposit_date=plan.deposit,
            receipt_no=receipt,
            hard_to_enforce_later=plan.hard_to_enforce,
            party_requested_on_spot=False,
        )
    return Payment(channel=plan.channel, amount_paid=plan.fine, paid_date=plan.paid)


def _platform(plan: CasePlan) -> str:
    if plan.agency_id == MARKET and plan.party.type != PartyType.NATURAL_PERSON:
        return "国家企业信用信息公示系统"
    return f"{COUNTY_PORTAL}/zfgs"


def _violation(plan: CasePlan) -> ViolationFact:
    return ViolationFact(
        id=f"VF-{plan.tmp_id}",
        description=plan.matter.fact,
        start_date=plan.violation_start,
        end_date=plan.violation_end,
        continuing=False,
        life_health_or_financial_safety=False,
        harm_caused=False,
        minor=False,
        corrected_timely=False,
    )


def _evidence(
    ctx: SampleContext, plan: CasePlan, acts: tuple[EnforcementAct, ...]
) -> tuple[EvidenceItem, ...]:
    if not acts:
        return ()
    items = []
    for index, kind in enumerate(plan.matter.evidence):
        day = acts[min(index, len(acts) - 1)].date
        device = None
        if kind == EvidenceType.ELECTRONIC_DATA:
            device = MonitoringDevice(
                device_id=f"QL-JK-{ctx.rng.randint(1, 40):03d}",
                legal_tech_review=True,
                location_published=True,
                record_reviewed=True,
            )
        items.append(
            EvidenceItem(
                type=kind,
                description=_EVIDENCE_NAMES[kind],
                obtained_date=day,
                used_in_decision=True,
                verified=True,
                obtained_illegally=False,
                monitoring_device=device,
            )
        )
    return tuple(items)


def _stages(
    plan: CasePlan,
    acts: tuple[EnforcementAct, ...],
    review: LegalReview | None,
    decision: PenaltyDecision | None,
    delivery: Delivery | None,
    payment: Payment | None,
    closure: CaseClosure | None,
) -> tuple[StageRecord, ...]:
    stages: list[StageRecord] = []

    def add(stage: ProcessStage, day: dt.date | None) -> None:
        if day is not None:
            stages.append(StageRecord(stage=stage, written_record=True, date=day))

    add(ProcessStage.INITIATION, plan.day if acts else None)
    add(ProcessStage.INVESTIGATION, acts[0].date if acts else None)
    if plan.summary:
        add(ProcessStage.REVIEW, decision.filed_with_agency_date if decision else None)
    else:
        add(ProcessStage.REVIEW, review.completed_date if review else None)
        if review is None and decision is not None:
            add(ProcessStage.REVIEW, decision.approved_date)
    add(ProcessStage.DECISION, decision.decision_date if decision else None)
    add(ProcessStage.SERVICE, delivery.served_date if delivery else None)
    # Execution (执行) begins with the payment of the fine, whether or not the case was closed
    # by year end (行政处罚法 Art. 47 asks for a record of every stage reached).
    if payment is not None and payment.paid_date is not None:
        add(ProcessStage.EXECUTION, payment.paid_date)
    elif closure is not None:
        add(ProcessStage.EXECUTION, closure.closed_date)
    return tuple(stages)


def _build_lead(ctx: SampleContext, plan: CasePlan) -> str:
    lead_id = ctx.temp_id("lead")
    plan.lead_tmp_id = lead_id
    reporter = phone = None
    source = plan.lead_source or LeadSource.OTHER
    # Free text never names the party: masking only knows the fields marked personal.
    summary = f"群众反映有人涉嫌{plan.matter.cause}"
    if source == LeadSource.COMPLAINT:
        reporter, phone = ctx.people.person_name(), ctx.people.phone()
    elif source == LeadSource.OTHER:
        summary = f"网格员巡查上报：{plan.matter.fact}"
    elif source == LeadSource.INSPECTION:
        summary = f"检查发现：{plan.matter.fact}"
    assert plan.lead_received is not None
    ctx.add(
        Lead(
            id=lead_id,
            agency_id=plan.agency_id,
            received_date=plan.lead_received,
            source=source,
            summary=summary,
            reporter_name=reporter,
            reporter_phone=phone,
            party=plan.party,
            matter_code=plan.matter.code,
            sector=ctx.agencies[plan.agency_id].sector,
            inspection_id=plan.lead_inspection_id,
            filing_decision=FilingDecision.FILED,
            filing_decision_date=plan.day,
            case_id=plan.tmp_id,
        )
    )
    return lead_id
