"""Licence applications (行政许可申请): received, corrected, accepted, decided, issued.

Clean applications keep every working-day deadline of docs/catalog/rules.md#licensing: a notice of
missing
materials within 5 working days, a decision within 20 (10 for food business licences, whose
special rule overrides), the certificate served within 10, the decision published within 7;
renewals are applied for at least 30 days before expiry and decided before it.
"""

from __future__ import annotations

import datetime as dt

from enforcement_supervision.model import (
    Acceptance,
    CorrectionNotice,
    Extension,
    LicenceApplication,
    LicenceApplicationKind,
    LicenceCertificate,
    LicenceDecision,
    LicenceOutcome,
    Party,
    PartyType,
    Publication,
)
from enforcement_supervision.sample._context import SampleContext
from enforcement_supervision.sample._tables import (
    COUNTY_PORTAL,
    LICENCE_MATTERS,
    TOWNSHIP_CODE,
    LicenceMatter,
)

__all__ = ["generate_licences"]

_ORG_TEMPLATES = {
    "XK-QHZ-002": "青岚县{w}广告传媒有限公司",
    "XK-SCJG-001": "青岚县清河镇{w}食品店",
    "XK-WSJK-001": "青岚县清河镇{w}洗浴有限公司",
    "XK-YJGL-001": "青岚县清河镇{w}烟花爆竹零售部",
}
_MISSING = ("经营场所平面图", "法定代表人身份证明", "从业人员健康证明", "房屋权属证明")


def _applicant(ctx: SampleContext, matter: LicenceMatter) -> Party:
    org = matter.party == "org" or (matter.party == "both" and ctx.rng.random() < 0.5)
    if not org:
        return ctx.person()
    name = ctx.people.trade_name(_ORG_TEMPLATES[matter.code])
    return Party(
        type=PartyType.LEGAL_PERSON,
        name=name,
        party_id=f"E-{ctx.next_number('enterprise'):03d}",
        id_number=ctx.people.credit_code("91"),
        phone=ctx.people.phone(),
        address=ctx.address(),
        region_code=TOWNSHIP_CODE,
    )


def _deadline_wd(matter: LicenceMatter) -> int:
    return matter.special_deadline_wd or 20


def _application(
    ctx: SampleContext,
    matter: LicenceMatter,
    received: dt.date,
    *,
    complete: bool | None = None,
    notice_after: int | None = None,
    decision: dt.date | None = None,
    accepted: dt.date | None = None,
    extension: Extension | None = None,
    renewal: bool | None = None,
) -> LicenceApplication:
    rng, days = ctx.rng, ctx.days
    limit = _deadline_wd(matter)
    if complete is None:
        complete = rng.random() < 0.75
    notices: tuple[CorrectionNotice, ...] = ()
    corrected = None
    if accepted is None:
        accepted = received
        if not complete:
            notice = days.add_wd(received, notice_after if notice_after is not None else 1)
            notices = (CorrectionNotice(date=notice, items=tuple(rng.sample(_MISSING, 2))),)
            corrected = days.add_wd(notice, rng.randint(2, 8) if notice_after is None else 3)
            accepted = corrected
    if decision is None:
        decision = days.add_wd(accepted, rng.randint(2, limit - 3))
    if renewal is None:
        renewal = matter.renewable and rng.random() < 0.25
    expiry = None
    if renewal:
        # Applied for at least 30 days before expiry, and decided before it (LIC-RENEWAL).
        expiry = max(
            received + dt.timedelta(days=rng.randint(45, 120)), decision + dt.timedelta(days=10)
        )
    refused = not renewal and rng.random() < 0.05
    decided = decision if decision <= ctx.as_of else None
    outcome = LicenceOutcome.REFUSED if refused else LicenceOutcome.GRANTED
    certificate = publication = None
    if decided is not None and outcome == LicenceOutcome.GRANTED:
        served = days.add_wd(decided, rng.randint(0, 5))
        certificate = LicenceCertificate(
            number=f"{matter.code[3:]}-{ctx.year}-{ctx.next_number(matter.code):04d}",
            issued_date=decided,
            served_date=served if served <= ctx.as_of else None,
            valid_from=decided,
            valid_to=ctx.days.add_months(decided, 60) - dt.timedelta(days=1),
        )
        published = days.add_wd(decided, rng.randint(1, 5))
        if published <= ctx.as_of:
            publication = Publication(published_date=published, platform=f"{COUNTY_PORTAL}/xkgs")
    head = ctx.head(matter.agency_id)
    return ctx.add(
        LicenceApplication(
            id=ctx.temp_id("licence-application"),
            agency_id=matter.agency_id,
            kind=LicenceApplicationKind.RENEWAL if renewal else LicenceApplicationKind.NEW,
            applicant=_applicant(ctx, matter),
            received_date=received,
            matter_code=matter.code,
            matter_name=matter.name,
            materials_complete=complete,
            correction_notices=notices,
            correction_completed_date=corrected,
            acceptance=Acceptance(
                date=accepted, accepted=True, written_certificate=True, sealed_and_dated=True
            ),
            joint_processing=False,
            special_law_deadline_wd=matter.special_deadline_wd,
            extensions=(extension,) if extension else (),
            significant_interest=False,
            decision=(
                LicenceDecision(
                    date=decided,
                    outcome=outcome,
                    approver_id=head,
                    reason="申请人不具备法定条件" if refused else None,
                )
                if decided
                else None
            ),
            certificate=certificate,
            current_licence_expiry_date=expiry,
            publication=publication,
        )
    )


def _plant(ctx: SampleContext) -> dict[str, int]:
    """The planted applications and their controls; returns how many each matter used."""
    days = ctx.days
    used: dict[str, int] = {}
    by_code = {m.code: m for m in LICENCE_MATTERS}
    health = by_code["XK-WSJK-001"]
    # E8: accepted on the Monday of the week before National Day; 20 working days run
    # across the holiday and both make-up days, to a Friday in late October.
    accepted = days.roll(days.md(9, 22))
    deadline = days.add_wd(accepted, 20)
    late = _application(
        ctx, health, accepted, complete=True, decision=days.add_wd(deadline, 2), renewal=False
    )
    ctx.plant(
        "LIC-DECISION-20WD",
        late,
        "S2",
        f"{accepted}受理，20个工作日期限至{deadline}（含国庆假期与调休上班日），"
        f"{days.add_wd(deadline, 2)}才作出决定",
        f"accepted {accepted}; the 20-working-day deadline is {deadline} (across the "
        f"National Day break and its make-up days); decided {days.add_wd(deadline, 2)}",
    )
    approved = days.sub_wd(deadline, 4)
    extended = _application(
        ctx,
        health,
        accepted,
        complete=True,
        decision=days.add_wd(deadline, 8),
        renewal=False,
        extension=Extension(
            days=10,
            approved_date=approved,
            approved_by_head=True,
            reason="需现场核查卫生设施，经负责人批准延长10个工作日",
            notified_in_writing=True,
            notified_date=approved,
        ),
    )
    ctx.control(
        "LIC-DECISION-20WD",
        extended,
        f"同日受理，{approved}经负责人批准并告知延长10个工作日，期限至"
        f"{days.add_wd(deadline, 10)}，{days.add_wd(deadline, 8)}作出决定",
        f"same acceptance date; a 10-working-day extension approved and notified on {approved} "
        f"moves the deadline to {days.add_wd(deadline, 10)}",
    )
    used[health.code] = 2

    # A notice of missing materials eight working days after receipt (LIC-ONE-TIME-NOTICE);
    # counted from receipt, the decision is still within 20 working days.
    ads = by_code["XK-QHZ-002"]
    received = days.pick(ctx.rng, days.md(3, 3), days.md(3, 21))
    # Notice on day 8, materials back on day 11, decision on day 14: within 20 from receipt.
    late_notice = _application(
        ctx,
        ads,
        received,
        complete=False,
        notice_after=8,
        decision=days.add_wd(received, 14),
        renewal=False,
    )
    ctx.plant(
        "LIC-ONE-TIME-NOTICE",
        late_notice,
        "S2",
        f"{received}收到申请材料，第8个工作日才一次性告知补正",
        f"materials received {received}; the notice of missing materials came 8 working days later",
    )
    received = days.pick(ctx.rng, days.md(4, 7), days.md(4, 25))
    on_time = _application(ctx, ads, received, complete=False, notice_after=5, renewal=False)
    ctx.control(
        "LIC-ONE-TIME-NOTICE",
        on_time,
        "第5个工作日一次性告知补正（期限最后一日）",
        "notice of missing materials on the 5th working day (the last day allowed)",
    )
    used[ads.code] = 2
    return used


def generate_licences(ctx: SampleContext) -> None:
    """About sixty applications across the township and three county departments."""
    rng, days = ctx.rng, ctx.days
    used = _plant(ctx)
    for matter in LICENCE_MATTERS:
        count = matter.count + rng.randint(-1, 1) - used.get(matter.code, 0)
        for _ in range(count):
            received = days.pick(rng, days.md(1, 6), days.md(12, 19))
            _application(ctx, matter, received)
