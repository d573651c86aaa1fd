"""An independent, data-level reading of the catalog's conditions (docs/catalog/rules.md).

This is not the rule pack: it is a plain re-statement of each condition the sample must keep
or break, written from the catalog with its default values (and the strictest reasonable
reading where the catalog leaves a number to configuration), so the tests can say: on the
sample, exactly the planted records break these conditions, and nothing else does.

Each check yields ``(rule_id, record_id, severity)``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from enforcement_supervision.model import (
    AdministrativeContract,
    Agency,
    AppearanceRole,
    CoerciveKind,
    CoerciveMeasure,
    Complaint,
    DisclosureKind,
    DiscretionBenchmark,
    EvidenceType,
    ExecutionMethod,
    Feedback,
    FeedbackSourceKind,
    FilingDecision,
    InformationDisclosure,
    InformationRequest,
    Inspection,
    InspectionResult,
    InspectionType,
    Lawsuit,
    Lead,
    LegalityConclusion,
    LiaisonPoint,
    LiaisonPointStatus,
    LicenceApplication,
    LicenceApplicationKind,
    LicenceOutcome,
    MajorDecision,
    MatterList,
    MatterListKind,
    MeetingType,
    NormativeDocument,
    Officer,
    PartyType,
    PaymentChannel,
    PenaltyCase,
    PenaltyType,
    Petition,
    PetitionCategory,
    PetitionChannel,
    PetitionHandling,
    Procedure,
    ProceedingRole,
    ProcessStage,
    Reconsideration,
    RemedyProcedure,
    SocialSupervisor,
    SupervisionCheck,
    SupervisionCheckType,
    SupervisorStatus,
)
from enforcement_supervision.sample import SampleTownship
from enforcement_supervision.statutory_time import SHANGHAI, default_calendar

Flag = tuple[str, str, str]

CAL = default_calendar(provisional=True)
# Numbers the catalog leaves to configuration: its examples or defaults, or the strictest
# reading a rule pack could reasonably choose.
HEARING_FINE = {PartyType.NATURAL_PERSON: Decimal(5000)}  # organisations: 100,000
HEARING_FINE_ORG = Decimal(100000)
FILING_WD = 15
NOT_STOPPED_DAYS = 30
ANNUAL_CAP = 2
MERGE_WINDOW_DAYS = 30
FEEDBACK_INTERVAL = 90
ANSWER_DAYS = 30
COMPLAINT_DAYS = 30
DAILY_CHECK_DAYS = 35
SAMPLE_RATE = 0.1
REVIEWER_RATIO = Decimal("0.05")
TRAINING_HOURS = 60
# Days from which instruments of 2023–2025 apply (facts before them are no violation).
OPINION_54 = dt.date(2025, 1, 3)  # 国办发〔2024〕54号: inspections of enterprises
QA_APPROVAL = dt.date(2025, 4, 18)  # 司法部《问题解答》: prior approval of inspections
CAPS = dt.date(2025, 6, 30)  # 54号: annual caps published by this day
TRAINING_FROM_YEAR = 2023  # 国办发〔2023〕27号
SUMMARY_LIMIT = {
    PartyType.NATURAL_PERSON: Decimal(200),
    PartyType.LEGAL_PERSON: Decimal(3000),
    PartyType.OTHER_ORG: Decimal(3000),
}


def add_wd(day: dt.date, n: int) -> dt.date:
    return CAL.add_working_days(day, n)


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(SHANGHAI)


class Data:
    """The sample's records, indexed."""

    def __init__(self, town: SampleTownship) -> None:
        self.town = town
        self.as_of = town.as_of
        self.by_type: dict[str, tuple[Any, ...]] = dict(town.records)
        self.officers: dict[str, Officer] = {o.id: o for o in self.of("officer")}
        self.agencies: dict[str, Agency] = {a.id: a for a in self.of("agency")}
        self.lists: list[MatterList] = list(self.of("matter-list"))
        self.benchmarks: dict[str, DiscretionBenchmark] = {
            b.id: b for b in self.of("discretion-benchmark")
        }

    def of(self, record_type: str) -> tuple[Any, ...]:
        return self.by_type.get(record_type, ())

    def valid(self, officer_id: str, day: dt.date) -> bool:
        officer = self.officers.get(officer_id)
        return (
            officer is not None
            and not officer.is_auxiliary
            and officer.cert_status == "active"
            and officer.cert_valid_from is not None
            and officer.cert_valid_to is not None
            and officer.cert_valid_from <= day <= officer.cert_valid_to
        )

    def listed(self, agency_id: str, kind: MatterListKind, code: str, day: dt.date) -> bool:
        return any(
            item.code == code
            for lst in self.lists
            if lst.agency_id == agency_id
            and lst.kind == kind
            and lst.valid_from <= day
            and (lst.valid_to is None or day <= lst.valid_to)
            for item in lst.items
        )


CHECKS: list[Callable[[Data], Iterator[Flag]]] = []


def check(fn: Callable[[Data], Iterator[Flag]]) -> Callable[[Data], Iterator[Flag]]:
    CHECKS.append(fn)
    return fn


def run_all(town: SampleTownship) -> set[Flag]:
    data = Data(town)
    return {flag for fn in CHECKS for flag in fn(data)}


# --- 1.1 penalties -----------------------------------------------------------------------------


@check
def officers_and_certificates(d: Data) -> Iterator[Flag]:
    for case in d.of("penalty-case"):
        case: PenaltyCase
        two = cert = scope = aux = False
        for act in case.acts:
            valid = {o for o in act.officer_ids if d.valid(o, act.date)}
            if len(valid) < 2 and act.law_exception_ref is None:
                two = True
            if len(valid) < len(act.officer_ids) or act.certificate_shown is False:
                cert = True
            if act.officer_ids and all(d.officers[o].is_auxiliary for o in act.officer_ids):
                aux = True
            for o in act.officer_ids:
                officer = d.officers[o]
                if officer.cert_scope and case.matter_domain not in officer.cert_scope:
                    scope = True
                if officer.cert_region and act.region_code not in officer.cert_region:
                    scope = True
        if two:
            yield "PEN-OFFICERS-2", case.id, "S1"
        if cert:
            yield "PEN-CERT-VALID", case.id, "S1"
        if scope:
            yield "PERS-SCOPE", case.id, "S2"
        if aux:
            yield "PERS-AUX-ALONE", case.id, "S1"


def _hearing_applies(case: PenaltyCase) -> bool:
    decision = case.decision
    if decision is None:
        return False
    fine = decision.fine_amount or Decimal(0)
    person = case.party.type == PartyType.NATURAL_PERSON
    threshold = HEARING_FINE[PartyType.NATURAL_PERSON] if person else HEARING_FINE_ORG
    heavy = {
        PenaltyType.QUALIFICATION_DOWNGRADE,
        PenaltyType.LICENCE_REVOCATION,
        PenaltyType.SUSPENSION_OF_PRODUCTION,
        PenaltyType.CLOSURE,
        PenaltyType.EMPLOYMENT_RESTRICTION,
        PenaltyType.OTHER,  # e.g. an order to demolish: "其他较重的行政处罚"
    }
    return fine >= threshold or bool(heavy & set(decision.penalty_types))


@check
def notice_and_hearing(d: Data) -> Iterator[Flag]:
    for case in d.of("penalty-case"):
        case: PenaltyCase
        decision, notice, hearing, waiver = (
            case.decision,
            case.prior_notice,
            case.hearing,
            case.waiver,
        )
        if decision is None:
            continue
        waived = waiver is not None and waiver.statement_and_defence is True
        complete = notice is not None and all(
            (
                notice.proposed_penalty,
                notice.facts,
                notice.reasons,
                notice.legal_basis,
                notice.right_statement,
                notice.right_defence,
            )
        )
        applies = _hearing_applies(case)
        late = (
            notice is None
            or notice.served_date is None
            or notice.served_date >= decision.decision_date
        )
        if not waived and (late or not complete or (applies and not notice.right_hearing)):  # type: ignore[union-attr]
            yield "PEN-NOTICE", case.id, "S1"
        if applies and (notice is None or not notice.right_hearing):
            yield "PEN-HEARING-RIGHT", case.id, "S1"
        hearing_waived = waiver is not None and waiver.hearing is True
        if (
            applies
            and (hearing is None or hearing.requested_date is None)
            and not hearing_waived
            and notice is not None
            and notice.served_date is not None
            and decision.decision_date <= add_wd(notice.served_date, 5)
        ):
            yield "PEN-HEARING-WINDOW", case.id, "S2"
        if hearing is not None:
            assert notice is not None
            assert notice.served_date is not None
            if (
                hearing.requested_date is not None
                and hearing.requested_date <= add_wd(notice.served_date, 5)
                and hearing.held_date is None
                and hearing.withdrawn_date is None
            ):
                yield "PEN-HEARING-HELD", case.id, "S1"
            if hearing.held_date is not None:
                if (
                    hearing.notice_date is None
                    or add_wd(hearing.notice_date, 7) > hearing.held_date
                ):
                    yield "PEN-HEARING-HELD", case.id, "S2"
                if hearing.chair_id in case.investigator_ids:
                    yield "PEN-HEARING-HELD", case.id, "S2"
                if hearing.record_signed is not True and hearing.refusal_noted is not True:
                    yield "PEN-HEARING-HELD", case.id, "S2"


@check
def review_and_discussion(d: Data) -> Iterator[Flag]:
    for case in d.of("penalty-case"):
        case: PenaltyCase
        decision = case.decision
        if decision is None:
            continue
        catalogued = decision.matter_code is not None and d.listed(
            case.agency_id,
            MatterListKind.LEGAL_REVIEW_CATALOG,
            decision.matter_code,
            decision.decision_date,
        )
        needed = (
            case.major_public_interest
            or (case.hearing is not None and case.hearing.held_date is not None)
            or case.complex_multi_legal
            or case.review_required_by_law
            or catalogued
        )
        review = case.legal_review
        approved = decision.approved_date or decision.decision_date
        if needed and (
            review is None
            or review.completed_date is None
            or review.completed_date > approved
            or review.result != "pass"
        ):
            yield "PEN-LEGAL-REVIEW", case.id, "S1"
        if review is not None and review.reviewer_id is not None:
            reviewer = d.officers[review.reviewer_id]
            first = reviewer.first_review_date
            if (
                first is not None
                and first >= dt.date(2021, 7, 15)
                and not reviewer.legal_qualification
            ):
                yield "PEN-REVIEWER-LQ", case.id, "S2"
        if review is not None and review.reviewer_id is None:
            yield "PEN-REVIEWER-LQ", case.id, "S2"  # cannot be checked: not clean data
        if (case.is_complex or case.is_major) and (
            case.collective_discussion is None
            or case.collective_discussion.date > decision.decision_date
        ):
            yield "PEN-COLLECTIVE", case.id, "S1"


def decision_deadline(case: PenaltyCase) -> tuple[dt.date, dt.date]:
    """Strict and rolled 90-day deadline with approved extensions and notified exclusions."""
    assert case.filed_date is not None
    deadline = case.filed_date + dt.timedelta(days=90)
    for ext in sorted(case.extensions, key=lambda e: e.approved_date or dt.date.max):
        if ext.approved_date is not None and ext.approved_date <= deadline:
            deadline += dt.timedelta(days=ext.days)
    for period in case.excluded_periods:
        if period.notified_in_writing and period.end_date is not None:
            deadline += dt.timedelta(days=(period.end_date - period.start_date).days + 1)
    return deadline, CAL.roll_forward(deadline)


@check
def decision_90_days(d: Data) -> Iterator[Flag]:
    for case in d.of("penalty-case"):
        case: PenaltyCase
        if case.filed_date is None:
            continue
        strict, rolled = decision_deadline(case)
        done = case.decision.decision_date if case.decision else None
        if done is None:
            if d.as_of > rolled:
                yield "PEN-DECISION-90D", case.id, "S2"
        elif done > rolled:
            yield "PEN-DECISION-90D", case.id, "S2"
        elif done > strict:
            yield "PEN-DECISION-90D", case.id, "S4"


@check
def decision_after(d: Data) -> Iterator[Flag]:
    for case in d.of("penalty-case"):
        case: PenaltyCase
        decision = case.decision
        if decision is None:
            continue
        delivery = case.delivery
        announced = decision.announced_date or decision.decision_date
        if delivery is None or delivery.served_date is None:
            if d.as_of > add_wd(announced, 7):
                yield "PEN-DELIVERY-7WD", case.id, "S2"
        elif delivery.party_present_at_announcement:
            if delivery.served_date != announced:
                yield "PEN-DELIVERY-7WD", case.id, "S2"
        elif delivery.served_date > add_wd(announced, 7):
            yield "PEN-DELIVERY-7WD", case.id, "S2"
        electronic = delivery is not None and delivery.method == "electronic"
        if electronic and not delivery.e_service_consent_signed:  # type: ignore[union-attr]
            yield "PEN-DELIVERY-7WD", case.id, "S2"
        fine = decision.fine_amount
        summary = decision.procedure == Procedure.SUMMARY
        if summary:
            allowed = {PenaltyType.WARNING, PenaltyType.FINE}
            if not set(decision.penalty_types) <= allowed or (
                fine is not None and fine > SUMMARY_LIMIT[case.party.type]
            ):
                yield "PEN-SUMMARY-LIMIT", case.id, "S1"
            on_spot = [a for a in case.acts if a.kind == "on_site_decision"]
            if (
                not on_spot
                or any(a.certificate_shown is not True for a in on_spot)
                or decision.doc_form_numbered is not True
                or decision.delivered_on_spot is not True
                or decision.filed_with_agency_date is None
            ):
                yield "PEN-SUMMARY-FORM", case.id, "S3"
        payment = case.payment
        if payment is not None and payment.channel == PaymentChannel.ON_SPOT:
            small = summary and fine is not None and (fine <= 100 or payment.hard_to_enforce_later)
            remote = case.remote_area and payment.party_requested_on_spot
            if not (small or remote) or payment.receipt_no is None:
                yield "PEN-ONSPOT-CASH", case.id, "S1"
            collected = payment.landing_date or payment.collected_date
            assert collected is not None
            assert payment.handover_date is not None
            if payment.handover_date > add_wd(collected, 2) or (
                payment.bank_deposit_date is None
                or payment.bank_deposit_date > add_wd(payment.handover_date, 2)
            ):
                yield "PEN-CASH-HANDOVER", case.id, "S2"
        if payment is not None and (payment.late_fee or 0) > 0:
            yield "PEN-LATE-FEE", case.id, "S2"
        if payment is not None and delivery is not None and delivery.served_date is not None:
            deadline = CAL.roll_forward(delivery.served_date + dt.timedelta(days=15))
            if payment.paid_date is None or payment.paid_date > deadline:
                yield "PEN-PAY-15D", case.id, "S2"  # not a rule; the sample pays on time
        if not decision.correction_ordered:
            yield "PEN-CORRECTION", case.id, "S3"
        publication = case.publication
        published = publication.published_date if publication else None
        # Summary decisions are published only when they have social impact (行政处罚法
        # Art. 48(1)); the others within 7 working days (国办发〔2018〕118号).
        if (not summary or decision.social_impact) and _late(
            d, decision.decision_date, published, 7
        ):
            yield "PUB-DECISION", case.id, "S3"
        if decision.social_impact and (publication is None or publication.published_date is None):
            yield "PUB-PENALTY-SCOPE", case.id, "S3"
        if (
            case.agency_id in d.agencies
            and d.agencies[case.agency_id].level == "township"
            and (
                decision.matter_code is None
                or not d.listed(
                    case.agency_id,
                    MatterListKind.TOWNSHIP_DELEGATED_POWERS,
                    decision.matter_code,
                    decision.decision_date,
                )
            )
        ):
            yield "PEN-TOWNSHIP-POWER", case.id, "S1"


def _late(d: Data, decided: dt.date, done: dt.date | None, wd: int) -> bool:
    """Done after ``wd`` working days, or not done and they have passed."""
    due = add_wd(decided, wd)
    return done > due if done is not None else d.as_of > due


@check
def discretion(d: Data) -> Iterator[Flag]:
    coded = {b.matter_code: b for b in d.benchmarks.values()}
    for case in d.of("penalty-case"):
        case: PenaltyCase
        decision = case.decision
        if decision is None:
            continue
        fine = decision.fine_amount
        if fine is not None:
            low, high = decision.statute_fine_min, decision.statute_fine_max
            if (low is not None and fine < low) or (high is not None and fine > high):
                yield "PEN-DISCRETION", case.id, "S1"
                continue
        if decision.benchmark_id is None:
            if decision.matter_code in coded:
                yield "PEN-DISCRETION", case.id, "S3"
            continue
        benchmark = d.benchmarks[decision.benchmark_id]
        if fine is not None:
            ranges = [r for r in benchmark.ranges if r.level == decision.benchmark_level]
            inside = any(
                (r.fine_min is None or r.fine_min <= fine)
                and (r.fine_max is None or fine <= r.fine_max)
                for r in ranges
            )
            if not inside and not decision.deviation_reason:
                yield "PEN-DISCRETION", case.id, "S2"


@check
def case_substance(d: Data) -> Iterator[Flag]:
    seen: dict[tuple[str | None, str], str] = {}
    lawful = set(EvidenceType) - {EvidenceType.OTHER}
    for case in d.of("penalty-case"):
        case: PenaltyCase
        decision = case.decision
        penalised = decision is not None and bool(decision.penalty_types)
        for fact in case.violations:
            if penalised and fact.end_date is not None and case.discovered_date is not None:
                years = 5 if (fact.life_health_or_financial_safety and fact.harm_caused) else 2
                if case.discovered_date > CAL.add_years(fact.end_date, years):
                    yield "PEN-LIMITATION", case.id, "S1"
            if penalised and fact.minor and fact.corrected_timely and not fact.harm_caused:
                yield "PEN-NO-PENALTY", case.id, "S1"
            if penalised and fact.first_time and fact.harm_minor and fact.corrected_timely:
                yield "PEN-FIRST-VIOLATION", case.id, "S4"
            if decision is not None and decision.fine_amount:
                key = (case.party.party_id, fact.id)
                if key in seen:
                    yield "PEN-NE-BIS", case.id, "S1"
                seen[key] = case.id
        if penalised and case.party.no_fault_proved:
            yield "PEN-NO-PENALTY", case.id, "S1"
        if decision is not None and (
            not case.evidence
            or any(
                e.type not in lawful or e.obtained_illegally or e.verified is False
                for e in case.evidence
            )
            or any(
                e.monitoring_device is not None
                and not (
                    e.monitoring_device.legal_tech_review
                    and e.monitoring_device.location_published
                    and e.monitoring_device.record_reviewed
                )
                for e in case.evidence
            )
        ):
            yield "PEN-EVIDENCE", case.id, "S1"
        for keep in case.preservations:
            if keep.head_approval_date is None or (
                (keep.handling_decision_date is None and d.as_of > add_wd(keep.date, 7))
                or (
                    keep.handling_decision_date is not None
                    and keep.handling_decision_date > add_wd(keep.date, 7)
                )
            ):
                yield "PEN-PRESERVE-7WD", case.id, "S2"
        if case.suspected_crime and case.crime_referral_date is None and penalised:
            yield "PEN-CRIME-REFERRAL", case.id, "S1"
        if case.acting_agency_id is not None and case.acting_agency_id != case.agency_id:
            yield "PEN-DELEGATION", case.id, "S1"
        if case.recusals or any(
            c.party_id == case.party.party_id
            for o in case.investigator_ids
            for c in d.officers[o].conflicts
        ):
            yield "PEN-RECUSAL", case.id, "S2"
        reached = {
            stage
            for stage, happened in (
                (ProcessStage.INITIATION, case.filed_date is not None),
                (ProcessStage.INVESTIGATION, bool(case.acts or case.evidence)),
                (ProcessStage.REVIEW, case.legal_review is not None),
                (ProcessStage.DECISION, decision is not None),
                (ProcessStage.SERVICE, case.delivery is not None),
                (
                    ProcessStage.EXECUTION,
                    (case.payment is not None and case.payment.paid_date is not None)
                    or (case.closure is not None and case.closure.kind == "executed"),
                ),
            )
            if happened
        }
        if any(s.written_record is not True for s in case.stage_records) or (
            reached - {s.stage for s in case.stage_records}
        ):
            yield "PEN-RECORD", case.id, "S2"
        if any(a.av_recorded is not True for a in case.acts):
            yield "REC-AV", case.id, "S2"


@check
def leads(d: Data) -> Iterator[Flag]:
    for lead in d.of("lead"):
        lead: Lead
        deadline = add_wd(lead.received_date, FILING_WD)
        if lead.filing_decision is None:
            if d.as_of > deadline:
                yield "PEN-FILING-LAG", lead.id, "S2"
        elif lead.filing_decision_date is None or lead.filing_decision_date > deadline:
            yield "PEN-FILING-LAG", lead.id, "S2"
        if lead.filing_decision == FilingDecision.FILED and lead.case_id is None:
            yield "PEN-FILING-LAG", lead.id, "S2"


# --- 1.2 licences --------------------------------------------------------------------------


@check
def licences(d: Data) -> Iterator[Flag]:
    for app in d.of("licence-application"):
        app: LicenceApplication
        effective = app.acceptance.date if app.acceptance else app.received_date
        if app.materials_complete is False:
            notices = sorted(app.correction_notices, key=lambda n: n.date)
            if not notices or notices[0].date > add_wd(app.received_date, 5) or len(notices) > 1:
                yield "LIC-ONE-TIME-NOTICE", app.id, "S2"
                effective = app.received_date
        base = app.special_law_deadline_wd or (45 if app.joint_processing else 20)
        base_deadline = add_wd(effective, base)
        extra = 0
        for ext in app.extensions:
            if (
                ext.approved_by_head
                and ext.notified_in_writing
                and ext.approved_date is not None
                and ext.approved_date <= base_deadline
            ):
                extra = min(ext.days, 10)
        deadline = add_wd(effective, base + extra)
        decided = app.decision.date if app.decision else None
        if (decided is None and d.as_of > deadline) or (decided is not None and decided > deadline):
            yield "LIC-DECISION-20WD", app.id, "S2"
        acceptance = app.acceptance
        if acceptance is None or not (
            acceptance.written_certificate and acceptance.sealed_and_dated
        ):
            yield "LIC-RECEIPT", app.id, "S3"
        cert = app.certificate
        if cert is not None and decided is not None:
            if cert.served_date is None:
                if d.as_of > add_wd(decided, 10):
                    yield "LIC-ISSUE-10WD", app.id, "S3"
            elif cert.served_date > add_wd(decided, 10):
                yield "LIC-ISSUE-10WD", app.id, "S3"
        if app.decision is not None and app.decision.outcome == LicenceOutcome.GRANTED:
            pub = app.publication
            if pub is None or pub.published_date is None:
                if d.as_of > add_wd(app.decision.date, 7):
                    yield "PUB-DECISION", app.id, "S3"
            elif pub.published_date > add_wd(app.decision.date, 7):
                yield "PUB-DECISION", app.id, "S3"
        if app.kind == LicenceApplicationKind.RENEWAL:
            expiry = app.current_licence_expiry_date
            assert expiry is not None
            if (
                app.received_date <= expiry - dt.timedelta(days=30)
                and (decided is None or decided > expiry)
                and (d.as_of > expiry or (decided is not None and decided > expiry))
            ):
                yield "LIC-RENEWAL", app.id, "S2"
        if app.significant_interest:
            yield "LIC-HEARING", app.id, "S2"  # the sample has none


# --- 1.3 coercive measures ---------------------------------------------------------------------


def _night_or_rest(moment: dt.datetime) -> bool:
    t = local(moment)
    return t.hour >= 22 or t.hour < 6 or not CAL.is_workday(t.date())


@check
def coercive(d: Data) -> Iterator[Flag]:
    measures = {
        CoerciveKind.SEALING,
        CoerciveKind.SEIZURE,
        CoerciveKind.FREEZING,
        CoerciveKind.OTHER_MEASURE,
    }
    for m in d.of("coercive-measure"):
        m: CoerciveMeasure
        site = m.on_site
        officers_ok = site is not None and (
            len({o for o in site.officer_ids if d.valid(o, m.start_date)}) >= 2
            and len(site.officer_ids)
            == len({o for o in site.officer_ids if d.valid(o, m.start_date)})
        )
        steps_ok = site is not None and all(
            (
                site.certificate_shown,
                site.party_notified,
                site.reasons_and_basis_stated,
                site.rights_and_remedies_stated,
                site.statements_heard,
                site.record_signed,
            )
        )
        approved = m.head_approval_date is not None and m.head_approval_date <= m.start_date
        if m.kind in measures and not (approved and officers_ok and steps_ok) and not m.emergency:
            yield "ENF-PROCEDURE", m.id, "S1"
        # Other enforcement decisions: published within 20 working days (118号).
        decided = m.start_date if m.kind in measures else None
        if m.enforcement_decision is not None:
            decided = m.enforcement_decision.date
        published = m.publication.published_date if m.publication else None
        if decided is not None and _late(d, decided, published, 20):
            yield "PUB-DECISION", m.id, "S3"
        if m.kind in (CoerciveKind.SEALING, CoerciveKind.SEIZURE):
            limit = m.start_date + dt.timedelta(days=30)
            for ext in m.extensions:
                if (
                    ext.approved_by_head
                    and ext.notified_in_writing
                    and ext.approved_date is not None
                    and ext.approved_date <= m.start_date + dt.timedelta(days=30)
                ):
                    if ext.days > 30:
                        yield "ENF-SEIZURE-30D", m.id, "S1"
                    limit += dt.timedelta(days=min(ext.days, 30))
            for period in m.excluded_periods:
                if period.notified_in_writing and period.end_date is not None:
                    limit += dt.timedelta(days=(period.end_date - period.start_date).days + 1)
            ended = m.ended_date
            if (ended is None and d.as_of > limit) or (ended is not None and ended > limit):
                yield "ENF-SEIZURE-30D", m.id, "S1"
            docs = m.documents
            if (
                docs is None
                or not (docs.decision_handed_on_spot and docs.inventory_handed_on_spot)
                or docs.unrelated_items_seized
                or docs.daily_necessities_seized
                or docs.duplicate_seizure
            ):
                yield "ENF-SEIZURE-DOCS", m.id, "S1"
        if m.enforcement_decision is not None:
            c = m.cuigao
            if (
                c is None
                or not c.written
                or c.performance_deadline is None
                or m.enforcement_decision.date <= c.performance_deadline
                or not (
                    c.states_deadline and c.states_method and c.states_amount and c.states_rights
                )
            ):
                yield "ENF-CUIGAO", m.id, "S1"
        moments = [m.start_datetime] if m.start_datetime else []
        for ex in m.executions:
            moments.append(ex.start_datetime)
            if ex.end_datetime is not None:
                moments.append(ex.end_datetime)
        emergency = m.emergency or any(ex.emergency for ex in m.executions)
        if not emergency and any(_night_or_rest(t) for t in moments):
            yield "ENF-NIGHT-HOLIDAY", m.id, "S1"
        cuts = {
            ExecutionMethod.CUT_WATER,
            ExecutionMethod.CUT_POWER,
            ExecutionMethod.CUT_HEATING,
            ExecutionMethod.CUT_GAS,
        }
        if any(cuts & set(ex.methods) and ex.target_is_residential_living for ex in m.executions):
            yield "ENF-UTILITIES", m.id, "S1"
        if m.kind == CoerciveKind.FORCED_DEMOLITION:
            served = m.underlying_decision_served_date
            assert served is not None
            wait = max(CAL.roll_forward(served + dt.timedelta(days=60)), CAL.add_months(served, 6))
            notice = m.public_notice
            if (
                notice is None
                or notice.self_demolition_deadline is None
                or any(local(ex.start_datetime).date() <= wait for ex in m.executions)
                or any(r.concluded_date is None for r in m.remedies)
            ):
                yield "ENF-DEMOLITION", m.id, "S1"
        av = (site is None or site.av_recorded) and all(ex.av_recorded for ex in m.executions)
        if not av:
            yield "REC-AV", m.id, "S2"


# --- 1.4 inspections ---------------------------------------------------------------------------


@check
def inspections(d: Data) -> Iterator[Flag]:
    all_items = list(d.of("inspection"))
    for insp in all_items:
        insp: Inspection
        agency = d.agencies[insp.agency_id]
        valid = [o for o in insp.officer_ids if d.valid(o, insp.date)]
        opinion_54 = insp.date >= OPINION_54
        if opinion_54 and (
            not agency.inspection_subject_confirmed
            or agency.kind
            in ("coordination_body", "testing_institution", "research_institute", "intermediary")
            or len(valid) < len(insp.officer_ids)
        ):
            yield "INSP-SUBJECT", insp.id, "S1"
        if opinion_54 and any(
            not d.listed(insp.agency_id, MatterListKind.INSPECTION_ITEMS, code, insp.date)
            for code in insp.item_codes
        ):
            yield "INSP-ITEM-PUBLISHED", insp.id, "S1"
        if (
            insp.date >= QA_APPROVAL
            and (insp.approval_date is None or insp.approval_date > insp.date)
            and not insp.emergency
        ):
            yield "INSP-APPROVAL", insp.id, "S2"
        if (
            len(valid) < 2
            or insp.certificate_shown is not True
            or len(valid) < len(insp.officer_ids)
        ) and (insp.law_exception_ref is None or len(valid) < len(insp.officer_ids)):
            yield "INSP-OFFICERS", insp.id, "S1"
        if insp.officer_ids and all(d.officers[o].is_auxiliary for o in insp.officer_ids):
            yield "PERS-AUX-ALONE", insp.id, "S1"
        scan = insp.scan
        if scan is None or (
            insp.start_datetime is not None
            and insp.end_datetime is not None
            and not (insp.start_datetime <= scan.scan_datetime <= insp.end_datetime)
        ):
            yield "INSP-SCAN", insp.id, "S3"
        if insp.enterprise.region_code not in agency.jurisdiction:
            yield "INSP-REMOTE", insp.id, "S2"
        if insp.av_recorded is not True or insp.written_record is not True:
            yield "REC-AV", insp.id, "S2"
        for o in insp.officer_ids:
            officer = d.officers[o]
            if officer.cert_scope and insp.matter_domain not in officer.cert_scope:
                yield "PERS-SCOPE", insp.id, "S2"
        if insp.result == InspectionResult.VIOLATION and insp.correction_order_date is None:
            case_filed = None
            if insp.case_id is not None:
                case = next(c for c in d.of("penalty-case") if c.id == insp.case_id)
                case_filed = case.filed_date
            if case_filed is None or case_filed > insp.date + dt.timedelta(days=NOT_STOPPED_DAYS):
                yield "PEN-NOT-STOPPED", insp.id, "S2"
    by_enterprise: dict[str | None, list[Inspection]] = defaultdict(list)
    for insp in all_items:
        if insp.date >= OPINION_54:
            by_enterprise[insp.enterprise.party_id].append(insp)
    mergeable = (InspectionType.ROUTINE, InspectionType.SPECIAL)
    for party_id, group in by_enterprise.items():
        group.sort(key=lambda i: (i.date, i.start_datetime, i.id))
        # High frequency is judged per enterprise (across agencies): one flag on it.
        for index, insp in enumerate(group):
            before = group[: index + 1]
            day = sum(i.date == insp.date for i in before)
            week = sum(i.date.isocalendar()[:2] == insp.date.isocalendar()[:2] for i in before)
            month = sum(
                (i.date.year, i.date.month) == (insp.date.year, insp.date.month) for i in before
            )
            if day > 1 or week > 2 or month > 3:
                yield "INSP-REPEAT", str(party_id), "S2"
            same = [
                i for i in group[:index] if i.agency_id == insp.agency_id and i.type in mergeable
            ]
            if insp.type in mergeable and any(
                (insp.date - i.date).days <= MERGE_WINDOW_DAYS for i in same
            ):
                yield "INSP-MERGE", insp.id, "S3"
            counted = [
                i
                for i in group[: index + 1]
                if i.agency_id == insp.agency_id
                and i.date.year == insp.date.year
                and (
                    i.type == InspectionType.ROUTINE
                    or (i.type == InspectionType.SPECIAL and not i.deployed_by_higher_level)
                )
            ]
            if insp in counted and len(counted) > ANNUAL_CAP and insp.date >= CAPS:
                yield "INSP-FREQ-CAP", insp.id, "S2"
            for officer in insp.officer_ids:
                mine = [
                    i
                    for i in group[:index]
                    if officer in i.officer_ids and (insp.date - i.date).days <= 365
                ]
                streak = len(mine) >= 3 and all(
                    i.result == InspectionResult.NONE for i in mine[-3:]
                )
                if streak and not insp.no_finding_reason:
                    yield "INSP-REPEAT", insp.id, "S2"


# --- 1.5 publicity, 1.6 personnel --------------------------------------------------------------


@check
def publicity_and_personnel(d: Data) -> Iterator[Flag]:
    for agency in d.agencies.values():
        if {x.kind for x in agency.disclosures if x.published_date} != set(DisclosureKind):
            yield "PUB-EX-ANTE", agency.id, "S3"
    for item in d.of("information-disclosure"):
        item: InformationDisclosure
        if item.published_date is None or item.published_date > add_wd(item.formed_date, 20):
            yield "PUB-GOVINFO", item.id, "S3"
    for req in d.of("information-request"):
        req: InformationRequest
        if req.reply_date is None or req.reply_date > add_wd(req.received_date, 20):
            yield "PUB-GOVINFO", req.id, "S3"
    # Training: the last finished year (the sample year has not ended on as_of).
    last_year = d.town.year - 1
    for officer in d.officers.values():
        if officer.is_auxiliary:
            continue
        hours = sum(t.hours for t in officer.training if t.year == last_year)
        whole_year = officer.active_from is None or officer.active_from <= dt.date(last_year, 1, 1)
        if last_year >= TRAINING_FROM_YEAR and whole_year and hours < TRAINING_HOURS:
            yield "PERS-TRAINING-60H", officer.id, "S3"
        if officer.cert_valid_to is not None and (officer.cert_valid_to - d.as_of).days <= 30:
            yield "PERS-CERT-EXPIRING", officer.id, "S4"
        # Annual review of every full calendar year of validity, due by the end of March of
        # the next year.
        start, end = officer.cert_valid_from, officer.cert_valid_to
        if start is None or end is None:
            continue
        reviewed = {r.year for r in officer.annual_reviews if r.passed}
        first = start.year if (start.month, start.day) == (1, 1) else start.year + 1
        for year in range(first, d.town.year + 1):
            due = dt.date(year + 1, 3, 31)
            in_force = dt.date(year, 12, 31) <= end and due <= end and due < d.as_of
            if in_force and year not in reviewed:
                yield "PERS-CERT-EXPIRING", officer.id, "S4"
    # Legal-review staff: at least 5 % of each agency's officers (118号).
    for agency in d.agencies.values():
        staff = [o for o in d.officers.values() if o.agency_id == agency.id and not o.is_auxiliary]
        reviewers = [o for o in staff if o.is_legal_reviewer]
        if staff and Decimal(len(reviewers)) < REVIEWER_RATIO * len(staff):
            yield "PERS-REVIEWER-RATIO", agency.id, "S4"


# --- 1.7 supervision -------------------------------------------------------------------------


@check
def supervision(d: Data) -> Iterator[Flag]:
    checks: list[SupervisionCheck] = sorted(d.of("supervision-check"), key=lambda c: c.date)
    routine = [c for c in checks if c.type == SupervisionCheckType.ROUTINE]
    for earlier, later in itertools.pairwise(routine):
        if (later.date - earlier.date).days > DAILY_CHECK_DAYS:
            yield "SUP-DAILY-CHECK", later.id, "S3"
    if not routine or (d.as_of - routine[-1].date).days > DAILY_CHECK_DAYS:
        yield "SUP-DAILY-CHECK", "-", "S3"
    reviews = [c for c in checks if c.type == SupervisionCheckType.CASE_FILE_REVIEW]
    if not reviews:
        yield "SUP-CASEFILE-REVIEW", "-", "S3"
    for c in reviews:
        if c.population_size and len(c.sampled_cases) < SAMPLE_RATE * c.population_size:
            yield "SUP-CASEFILE-REVIEW", c.id, "S3"
    for c in checks:
        for op in c.opinions:
            if op.rectification_deadline is None:
                continue
            if (op.rectified_date is None and d.as_of > op.rectification_deadline) or (
                op.rectified_date is not None and op.rectified_date > op.rectification_deadline
            ):
                yield "SUP-RECTIFY", c.id, "S2"
    points: list[LiaisonPoint] = list(d.of("liaison-point"))
    active = [
        p
        for p in points
        if p.status == LiaisonPointStatus.ACTIVE
        and {c.criterion for c in p.criteria if c.met}
        == {"rule_of_law", "lawful_operation", "honesty"}
    ]
    if len(active) < 2:
        yield "SUP-LIAISON-COUNT", "-", "S3"
    feedback: list[Feedback] = list(d.of("feedback"))
    for p in points:
        heard = sorted(
            [p.designation_date] + [f.received_date for f in feedback if f.source_id == p.id]
        )
        gaps = [(b - a).days for a, b in zip(heard, [*heard[1:], d.as_of], strict=True)]
        if max(gaps) > FEEDBACK_INTERVAL:
            yield "SUP-LIAISON-FEEDBACK", p.id, "S3"
        # LOCAL-LIAISON-QUARTERLY (the example local plugin): every full calendar quarter
        # after the designation quarter that has ended by as_of has at least one opinion.
        if p.status == LiaisonPointStatus.ACTIVE:
            received = [f.received_date for f in feedback if f.source_id == p.id]
            year, quarter = p.designation_date.year, (p.designation_date.month - 1) // 3 + 1
            while True:
                year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
                first = dt.date(year, 3 * quarter - 2, 1)
                following = (
                    dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
                )
                if following > d.as_of:
                    break
                if not any(first <= day < following for day in received):
                    yield "LOCAL-LIAISON-QUARTERLY", p.id, "S3"
    for f in feedback:
        if (f.answered_date is None and (d.as_of - f.received_date).days > ANSWER_DAYS) or (
            f.answered_date is not None and (f.answered_date - f.received_date).days > ANSWER_DAYS
        ):
            yield "SUP-FEEDBACK-ANSWER", f.id, "S3"
    supervisors: list[SocialSupervisor] = list(d.of("social-supervisor"))
    in_office = 0
    for s in supervisors:
        assert s.term_months is not None
        end = CAL.add_months(s.appointed_date, s.term_months)
        dates = [a.date for a in s.activities]
        dates += [
            f.received_date
            for f in feedback
            if f.source_kind == FeedbackSourceKind.SOCIAL_SUPERVISOR and f.source_id == s.id
        ]
        dates += [c.date for c in checks if s.id in c.supervisor_ids]
        if any(day > end or day < s.appointed_date for day in dates) or s.disqualifications:
            yield "SUP-SUPERVISOR-TERM", s.id, "S3"
        if s.status == SupervisorStatus.ACTIVE and s.appointed_date <= d.as_of <= end:
            in_office += 1
    if in_office < 2:
        yield "SUP-SUPERVISOR-COUNT", "-", "S4"
    for c in d.of("complaint"):
        c: Complaint
        if (c.responded_date is None and (d.as_of - c.received_date).days > COMPLAINT_DAYS) or (
            c.responded_date is not None
            and (c.responded_date - c.received_date).days > COMPLAINT_DAYS
        ):
            yield "SUP-COMPLAINT", c.id, "S2"


# --- 1.8–1.11 petitions, reconsideration and litigation, major decisions, documents ---------

PETITION_REGULATION = dt.date(2022, 5, 1)  # 信访工作条例 in force
RECONSIDERATION_2023 = dt.date(2024, 1, 1)  # 行政复议法 (2023 revision) in force
HEAD_ROLES = {
    AppearanceRole.PRINCIPAL_HEAD,
    AppearanceRole.DEPUTY_HEAD,
    AppearanceRole.LEADER_IN_CHARGE,
}
DECISION_MEETINGS = {MeetingType.EXECUTIVE, MeetingType.PLENARY, MeetingType.JOINT}
DECISION_PUBLICATION_WD = 20
DECISION_ARCHIVE_MONTHS = 6
NORM_REVIEW_WD = 5
FILING_DAYS_AFTER_PUBLICATION = 30


def _cd_r(start: dt.date, n: int) -> dt.date:
    return CAL.roll_forward(start + dt.timedelta(days=n))


def _over(d: Data, due: dt.date, done: dt.date | None) -> bool:
    """Done after ``due``, or not done and ``due`` is over on the as-of day."""
    return done > due if done is not None else d.as_of > due


@check
def petitions(d: Data) -> Iterator[Flag]:
    for p in d.of("petition"):
        p: Petition
        received = p.received_date
        if received < PETITION_REGULATION:
            continue
        if p.petition_office:
            if _over(d, _cd_r(received, 15), p.routed_date):
                yield "PET-ROUTE-15D", p.id, "S2"
        else:
            outside = p.channel == PetitionChannel.REFERRED and p.within_powers is False
            owed = (
                p.name_address_unclear is not True
                if p.channel == PetitionChannel.DIRECT
                else not outside
            )
            if owed and _over(d, _cd_r(received, 15), p.notice_date):
                yield "PET-NOTICE-15D", p.id, "S2"
            if outside and _over(d, add_wd(received, 5), p.objection_date):
                yield "PET-OBJECTION-5WD", p.id, "S3"
        if (
            p.accepted_date is not None
            and p.category in (None, PetitionCategory.CLAIM)
            and p.handling in (None, PetitionHandling.OPINION)
        ):
            end = p.accepted_date + dt.timedelta(days=60)
            ext = p.extension
            if (
                ext is not None
                and ext.approved_by_head is True
                and (ext.notified_date is not None or ext.notified_in_writing is True)
            ):
                end += dt.timedelta(days=min(ext.days, 30))
            if _over(d, CAL.roll_forward(end), p.concluded_date) or (
                ext is not None and ext.days > 30
            ):
                yield "PET-HANDLE-60D", p.id, "S2"
        if p.review is not None and _over(
            d, _cd_r(p.review.request_received_date, 30), p.review.opinion_date
        ):
            yield "PET-REVIEW-30D", p.id, "S2"
        recheck = p.recheck
        if recheck is not None:
            hearing = 0
            if recheck.hearing_start_date is not None and recheck.hearing_end_date is not None:
                hearing = (recheck.hearing_end_date - recheck.hearing_start_date).days + 1
            if _over(d, _cd_r(recheck.request_received_date, 30 + hearing), recheck.opinion_date):
                yield "PET-RECHECK-30D", p.id, "S2"


@check
def reconsideration_and_litigation(d: Data) -> Iterator[Flag]:
    for r in d.of("reconsideration"):
        r: Reconsideration
        if r.role == ProceedingRole.REVIEWING_ORGAN:
            assert r.accepted_date is not None
            if _over(d, _cd_r(r.accepted_date, 60), r.decision_date):
                yield "REV-DECISION", r.id, "S2"
            continue
        copy = r.copy_received_date
        assert copy is not None
        if copy >= RECONSIDERATION_2023:
            simple = r.procedure == RemedyProcedure.SIMPLE
            due = add_wd(copy, 5 if simple else 10)
        else:
            due = _cd_r(copy, 10)
        if _over(d, due, r.reply_date) or _over(d, due, r.evidence_date or r.reply_date):
            yield "REV-REPLY", r.id, "S1"
    for s in d.of("lawsuit"):
        s: Lawsuit
        assert s.complaint_copy_received_date is not None
        due = _cd_r(s.complaint_copy_received_date, 15)
        if _over(d, due, s.evidence_date or s.defence_date):
            yield "LIT-DEFENCE-15D", s.id, "S1"
        elif s.defence_date is not None and s.defence_date > due:
            yield "LIT-DEFENCE-15D", s.id, "S2"
        triggered = any(
            (
                s.major_public_interest,
                s.high_social_concern,
                s.mass_incident_risk,
                s.court_written_suggestion,
            )
        )
        for session in s.sessions:
            appeared = set(session.appeared)
            if not appeared or appeared & HEAD_ROLES:
                continue
            if AppearanceRole.STAFF not in appeared:
                yield "LIT-HEAD-APPEAR", s.id, "S1"
            if triggered:
                yield "LIT-HEAD-APPEAR", s.id, "S2"
            if session.absence_explanation is False:
                yield "LIT-HEAD-APPEAR", s.id, "S3"


@check
def major_decisions(d: Data) -> Iterator[Flag]:
    for m in d.of("major-decision"):
        m: MajorDecision
        catalogued = m.in_catalog is True or (
            m.catalog_item_code is not None
            and any(
                item.code == m.catalog_item_code
                for lst in d.lists
                if lst.id == m.catalog_list_id
                for item in lst.items
            )
        )
        if m.decision_type is not None and not catalogued:
            yield "DEC-CATALOG", m.id, "S3"
        c = m.consultation
        short = c is not None and c.end_date is not None and (c.end_date - c.start_date).days < 30
        if short and not c.urgency_reason:  # type: ignore[union-attr]
            yield "DEC-PUBLIC-30D", m.id, "S2"
        h = m.hearing
        delivered = h.materials_delivered_date if h is not None else None
        week = dt.timedelta(days=7)
        if h is not None and delivered is not None and delivered + week > h.held_date:
            yield "DEC-HEARING-7D", m.id, "S3"
        decided = m.decision_date
        if decided is None:
            continue
        if m.technical and (
            m.expert_review is None or any(e.direct_interest for e in m.expert_review.experts)
        ):
            yield "DEC-EXPERT", m.id, "S2"
        if m.stability_risk and m.risk_assessment is None:
            yield "DEC-RISK", m.id, "S2"
        review, meeting = m.legality_review, m.discussion
        discussed = meeting.date if meeting is not None else decided
        if (
            review is None
            or review.completed_date is None
            or review.completed_date > discussed
            or review.result == LegalityConclusion.UNLAWFUL
            or (
                review.submitted_date is not None
                and CAL.working_days_between(review.submitted_date, review.completed_date) < 7
            )
        ):
            yield "DEC-LEGALITY", m.id, "S1"
        if (
            meeting is None
            or meeting.meeting_type not in DECISION_MEETINGS
            or (meeting.dissent_expressed and meeting.dissent_recorded is not True)
        ):
            yield "DEC-COLLECTIVE", m.id, "S1"
        if (
            not m.publication_exempt
            and _over(d, add_wd(decided, DECISION_PUBLICATION_WD), m.published_date)
        ) or _over(d, CAL.add_months(decided, DECISION_ARCHIVE_MONTHS), m.archived_date):
            yield "DEC-PUBLISH-ARCHIVE", m.id, "S3"


@check
def documents_and_contracts(d: Data) -> Iterator[Flag]:
    for n in d.of("normative-document"):
        n: NormativeDocument
        if n.creates_penalty or n.creates_licence or n.adds_obligations_without_basis:
            yield "NORM-NO-PENALTY", n.id, "S1"
        issued = n.issued_date
        assert issued is not None
        review = n.legality_review
        if n.affects_rights is not False and (
            review is None
            or review.completed_date is None
            or review.completed_date > issued
            or review.result == LegalityConclusion.UNLAWFUL
            or (
                review.submitted_date is not None
                and CAL.working_days_between(review.submitted_date, review.completed_date)
                < NORM_REVIEW_WD
            )
        ):
            yield "NORM-LEGALITY", n.id, "S1"
        c = n.consultation
        short = c is None or c.end_date is None or (c.end_date - c.start_date).days < 30
        if n.business_related and not n.confidential and short:
            yield "NORM-CONSULT-30D", n.id, "S2"
        if n.published_date is not None and _over(
            d, _cd_r(n.published_date, FILING_DAYS_AFTER_PUBLICATION), n.filed_date
        ):
            yield "NORM-FILING", n.id, "S3"
    for k in d.of("contract"):
        k: AdministrativeContract
        review = k.legality_review
        assert k.signed_date is not None
        if (
            review is None
            or review.completed_date is None
            or review.completed_date > k.signed_date
            or review.result == LegalityConclusion.UNLAWFUL
        ):
            yield "CONTRACT-REVIEW", k.id, "S3"
