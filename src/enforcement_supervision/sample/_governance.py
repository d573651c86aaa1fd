"""The township's other rule-of-law duties: petitions, reconsideration and litigation, major
decisions, normative documents and contracts (docs/catalog/rules.md#petitions and the sections
after it).

A year of petitions to the township, one reconsideration and one lawsuit against it, two major
decisions, four normative documents and three contracts. The planted violations sit on the
year's holidays, where counting goes wrong: a notice whose 15th day is the last day of the
Spring Festival block (docs/catalog/examples.md#e14), a handling period ending
in the 清明 block, a routing period ending on a make-up working Saturday (no rollover), a
jurisdiction objection across the National Day block in working days, a review opinion across
Labour Day, a reconsideration reply counted in working days across the Spring Festival, a court
defence due on a make-up Saturday, a legality review of 11 calendar days but only 3 working
days. Each has a clean control on the other side of the same boundary. Every date comes from
the official calendar of the sample year, so other years get the same patterns on their own
holidays.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from enforcement_supervision.model import (
    AdministrativeContract,
    AppearanceRole,
    CollectiveMeeting,
    CourtSession,
    DecisionHearing,
    Expert,
    ExpertReview,
    Extension,
    Lawsuit,
    LegalityConclusion,
    LegalityReview,
    MajorDecision,
    MajorDecisionType,
    MatterList,
    MatterListItem,
    MatterListKind,
    MeetingType,
    NormativeDocument,
    PartyType,
    Petition,
    PetitionCategory,
    PetitionChannel,
    PetitionForm,
    PetitionHandling,
    PetitionRecheck,
    PetitionReview,
    ProceedingRole,
    PublicConsultation,
    Reconsideration,
    RemedyOutcome,
    RemedyProcedure,
    RiskAssessment,
)
from enforcement_supervision.sample._context import SampleContext
from enforcement_supervision.sample._days import Days
from enforcement_supervision.sample._tables import (
    COUNTY_NAME,
    GOV,
    MARKET,
    TOWN,
    TOWNSHIP_NAME,
    VILLAGES,
)

__all__ = ["generate_governance", "reply_deadline"]

#: 行政复议法 (2023 revision) in force: the respondent's 10 days became working days (Art. 88(2)).
RECONSIDERATION_2023 = dt.date(2024, 1, 1)
_COUNTY_GOV = f"{COUNTY_NAME}人民政府"
_COUNTY_PETITION_OFFICE = f"{COUNTY_NAME}信访局"

_CLAIMS = (
    "反映宅基地界址纠纷，请求镇政府调处",
    "反映村道硬化后排水不畅，雨天积水进院",
    "请求核实低保资格认定结果",
    "反映邻居违建影响采光",
    "反映集镇夜市噪声扰民",
    "请求解决土地承包经营权确权争议",
    "反映养殖场异味影响生活",
    "请求补发退耕还林补助",
)
_SUGGESTIONS = (
    "建议在集镇增设公共停车位",
    "建议延长便民服务中心周末办事时间",
    "建议在学校周边设置减速带",
)


def _block(days: Days, name: str) -> list[dt.date]:
    """The rest days of the year's holiday whose name contains ``name``, in order."""
    for holiday in days.calendar.schedule(days.year).holidays:
        if name in holiday.name:
            return sorted(d for d in holiday.rest_days if d.year == days.year)
    raise LookupError(f"no {name} block in {days.year}")  # pragma: no cover


def _makeup_weekends(days: Days) -> list[dt.date]:
    """The year's weekend days that are make-up working days (调休上班), in order."""
    schedule = days.calendar.schedule(days.year)
    return sorted(d for d in schedule.makeup_workdays if d.year == days.year and d.weekday() >= 5)


def _start_landing_in(days: Days, block: list[dt.date], n: int) -> dt.date | None:
    """The latest working day W with W + n calendar days inside ``block`` (a rest block)."""
    for day in reversed(block):
        start = day - dt.timedelta(days=n)
        if start.year == days.year and days.is_workday(start):
            return start
    return None


def _landing(days: Days, names: tuple[str, ...], n: int) -> tuple[dt.date, str]:
    """A working day whose n-th calendar day after is a rest day of the first of the named
    holiday blocks that allows one, with that holiday's name."""
    for name in names:
        block = _block(days, name)
        start = _start_landing_in(days, block, n)
        if start is not None:
            holiday = days.calendar.holiday(block[-1])
            return start, holiday.name if holiday is not None else name
    raise LookupError(f"no start day for {n} days into {names} in {days.year}")


def _friday_before(days: Days, block: list[dt.date]) -> dt.date:
    """The last working Friday before ``block`` starts."""
    day = block[0] - dt.timedelta(days=1)
    while not (day.weekday() == 4 and days.is_workday(day)):
        day -= dt.timedelta(days=1)
    return day


def reply_deadline(days: Days, copy_received: dt.date) -> dt.date:
    """The respondent's reply deadline in a reconsideration (ordinary procedure): 10 working
    days under the 2023 law (Arts. 48, 88(2)), 10 calendar days rolled over under the old text
    (1999/2017 Arts. 23, 40)."""
    if copy_received >= RECONSIDERATION_2023:
        return days.add_wd(copy_received, 10)
    return days.add_cd_r(copy_received, 10)


def generate_governance(ctx: SampleContext) -> None:
    """Petitions, a reconsideration, a lawsuit, major decisions, normative documents and
    contracts of the township, with their planted violations and controls."""
    _petitions(ctx)
    _reconsideration(ctx)
    _lawsuit(ctx)
    _major_decisions(ctx)
    _normative_documents(ctx)
    _contracts(ctx)


# --- petitions -----------------------------------------------------------------------------------


def _petition(ctx: SampleContext, received: dt.date, **fields: object) -> Petition:
    person = ctx.person()
    base: dict[str, object] = {
        "id": ctx.temp_id("petition"),
        "agency_id": TOWN,
        "received_date": received,
        "channel": PetitionChannel.DIRECT,
        "form": PetitionForm.VISIT,
        "petitioner_name": person.name,
        "petitioner_phone": person.phone,
        "petitioner_id_number": person.id_number,
        "petitioner_address": person.address,
        "number_of_petitioners": 1,
        "name_address_unclear": False,
        "category": PetitionCategory.CLAIM,
        "handling": PetitionHandling.OPINION,
        "summary": ctx.rng.choice(_CLAIMS),
        "registered_date": received,
        "within_powers": True,
    }
    base.update(fields)
    return ctx.add(Petition(**base))  # type: ignore[arg-type]


def _received_before(days: Days, accepted: dt.date, n: int = 6) -> dt.date:
    """A receipt day about ``n`` calendar days before ``accepted`` (never after it), so the
    notice on ``accepted`` stays well inside 15 days whatever holidays lie between."""
    return days.roll(accepted - dt.timedelta(days=n))


def _handled(ctx: SampleContext, notice: dt.date, concluded: dt.date) -> dict[str, object]:
    """Notice, acceptance and conclusion of a claim handled by opinion."""
    return {
        "notice_date": notice,
        "accepted_date": notice,
        "concluded_date": concluded,
        "opinion_served_date": ctx.days.add_wd(concluded, 2),
    }


def _petitions(ctx: SampleContext) -> None:
    rng, days = ctx.rng, ctx.days
    national = _block(days, "国庆")

    # E14: a direct petition whose 15th day is a rest day at the end of the Spring Festival
    # block. Notice on the rolled day: in time (only the S4 note past the strict day).
    received, _ = _landing(days, ("春节", "元旦"), 15)
    strict = received + dt.timedelta(days=15)
    rolled = days.roll(strict)
    # The same petition's 60 handling days end in the 清明 block: concluded the working day
    # after the rolled deadline (E14, second part).
    accepted, handle_holiday = _landing(days, ("清明", "劳动", "端午"), 60)
    if accepted != rolled:
        received = _received_before(days, accepted)  # other years: a petition of its own
    handle_strict = accepted + dt.timedelta(days=60)
    handle_rolled = days.roll(handle_strict)
    concluded = days.add_wd(handle_rolled, 1)
    petition = _petition(
        ctx,
        received,
        summary="反映村民小组土地补偿款分配不公，请求重新核算",
        **_handled(ctx, accepted, concluded),
    )
    ctx.plant(
        "PET-HANDLE-60D",
        petition,
        "S2",
        f"{accepted}受理，60日届满{handle_strict}（{handle_holiday}假期）顺延至{handle_rolled}，"
        f"{concluded}才办结，未延长",
        f"accepted {accepted}; day 60 is {handle_strict} ({handle_holiday} block), rolled to "
        f"{handle_rolled}; concluded {concluded} without an extension (E14)",
        on=received,
    )

    # E14, first part: the same receipt pattern, the notice one working day late.
    late_received, notice_holiday = _landing(days, ("春节", "元旦"), 15)
    late_strict = late_received + dt.timedelta(days=15)
    late_rolled = days.roll(late_strict)
    late_notice = days.add_wd(late_rolled, 1)
    petition = _petition(
        ctx,
        late_received,
        form=PetitionForm.LETTER,
        **_handled(ctx, late_notice, days.add_wd(late_notice, 25)),
    )
    ctx.plant(
        "PET-NOTICE-15D",
        petition,
        "S2",
        f"{late_received}收到信访人直接提出的信访事项，15日届满{late_strict}"
        f"（{notice_holiday}假期）顺延至{late_rolled}，{late_notice}才书面告知",
        f"direct petition received {late_received}; day 15 is {late_strict} ({notice_holiday} "
        f"block), rolled to {late_rolled}; written notice only on {late_notice}",
        on=late_received,
    )
    control = _petition(
        ctx,
        late_received,
        form=PetitionForm.PHONE,
        **_handled(ctx, late_rolled, days.add_wd(late_rolled, 30)),
    )
    ctx.control(
        "PET-NOTICE-15D",
        control,
        f"{late_received}收到，顺延后的末日{late_rolled}书面告知（仅S4提示，不认定超期）",
        f"received {late_received}, notified on the rolled last day {late_rolled} (an S4 note "
        "past the strict day, not late)",
    )
    # E14 with an extension approved by the head and notified: 60 + 30 days.
    ext_accepted = accepted
    ext_received = _received_before(days, ext_accepted)
    ext_strict = ext_accepted + dt.timedelta(days=60)
    ext_concluded = days.roll(ext_accepted + dt.timedelta(days=90))
    approved = days.sub_wd(ext_strict if days.is_workday(ext_strict) else days.roll(ext_strict), 5)
    control = _petition(
        ctx,
        ext_received,
        summary="反映承包地被邻组占用，请求确权",
        extension=Extension(
            days=30,
            approved_date=approved,
            approved_by_head=True,
            reason="涉及两个村民小组地界，需要组织实地勘测",
            notified_in_writing=True,
            notified_date=days.add_wd(approved, 1),
        ),
        **_handled(ctx, ext_accepted, ext_concluded),
    )
    ctx.control(
        "PET-HANDLE-60D",
        control,
        f"{ext_accepted}受理，经负责人批准延长30日并告知理由，{ext_concluded}办结",
        f"accepted {ext_accepted}, extended by 30 days with the head's approval and the reason "
        f"told, concluded {ext_concluded} (E14 with an extension)",
    )

    # The township's petition office routes a petition whose 15th day is a make-up working
    # Saturday or Sunday: that day is a working day, nothing rolls over.
    makeup = next(
        m
        for m in _makeup_weekends(days)
        if (m - dt.timedelta(days=15)).year == days.year
        and days.is_workday(m - dt.timedelta(days=15))
    )
    office_received = makeup - dt.timedelta(days=15)
    routed = days.add_wd(makeup, 1)
    petition = _petition(
        ctx,
        office_received,
        form=PetitionForm.ONLINE,
        petition_office=True,
        summary="反映超市出售过期食品，请求查处",
        routed_date=routed,
        routed_to_agency_id=MARKET,
        within_powers=None,
        handling=PetitionHandling.PERFORM_DUTY,
    )
    ctx.plant(
        "PET-ROUTE-15D",
        petition,
        "S2",
        f"镇信访办{office_received}登记，15日届满{makeup}（调休上班日，不顺延），{routed}才转送",
        f"petition office registered it {office_received}; day 15 is {makeup}, a make-up "
        f"working day (no rollover); routed only on {routed}",
        on=office_received,
    )
    control = _petition(
        ctx,
        office_received,
        form=PetitionForm.LETTER,
        petition_office=True,
        summary="反映农资店销售假种子，请求查处",
        routed_date=makeup,
        routed_to_agency_id=MARKET,
        within_powers=None,
        handling=PetitionHandling.PERFORM_DUTY,
    )
    ctx.control(
        "PET-ROUTE-15D",
        control,
        f"{office_received}登记，{makeup}（调休上班日，期限末日）转送",
        f"registered {office_received}, routed on the last day {makeup} (a make-up working day)",
    )

    # A petition referred by the county petition office that is not the township's: the
    # objection is due in 5 working days, across the National Day block.
    referred = _friday_before(days, national)
    objection_due = days.add_wd(referred, 5)
    objection = days.add_wd(referred, 6)
    for when, planted in ((objection, True), (objection_due, False)):
        petition = _petition(
            ctx,
            referred,
            channel=PetitionChannel.REFERRED,
            form=PetitionForm.LETTER,
            referred_by=_COUNTY_PETITION_OFFICE,
            summary="反映县城小区物业收费问题",
            within_powers=False,
            objection_date=when,
            objection_reason="所反映事项属县住房和城乡建设局职权范围",
            handling=None,
        )
        if planted:
            ctx.plant(
                "PET-OBJECTION-5WD",
                petition,
                "S3",
                f"{referred}收到县信访局转送事项（非本镇职权），5个工作日届满{objection_due}"
                f"（国庆假期不计），{objection}才提出异议",
                f"referred petition received {referred}, outside the township's powers; 5 "
                f"working days end {objection_due} (National Day block not counted); objection "
                f"only on {objection}",
                on=referred,
            )
        else:
            ctx.control(
                "PET-OBJECTION-5WD",
                petition,
                f"{referred}收到，第5个工作日{objection_due}提出异议",
                f"received {referred}, objection on the 5th working day {objection_due}",
            )

    # The county government reviews a handling opinion; its 30 days end in the Labour Day
    # block and the opinion comes a working day after the rolled deadline.
    request, review_holiday = _landing(days, ("劳动", "端午", "清明"), 30)
    review_strict = request + dt.timedelta(days=30)
    review_rolled = days.roll(review_strict)
    review_opinion = days.add_wd(review_rolled, 1)
    served = days.sub_wd(request, 8)
    concluded = days.sub_wd(served, 2)
    review_accepted = days.sub_wd(concluded, 30)
    review_received = _received_before(days, review_accepted)
    petition = _petition(
        ctx,
        review_received,
        summary="请求落实危房改造补助",
        notice_date=review_accepted,
        accepted_date=review_accepted,
        concluded_date=concluded,
        opinion_served_date=served,
        review=PetitionReview(
            request_received_date=request,
            agency_id=GOV,
            opinion_date=review_opinion,
            opinion_served_date=days.add_wd(review_opinion, 3),
        ),
    )
    ctx.plant(
        "PET-REVIEW-30D",
        petition,
        "S2",
        f"县政府{request}收到复查请求，30日届满{review_strict}（{review_holiday}假期）顺延至"
        f"{review_rolled}，{review_opinion}才提出复查意见",
        f"the county government received the review request {request}; day 30 is "
        f"{review_strict} ({review_holiday} block), rolled to {review_rolled}; opinion only on "
        f"{review_opinion}",
        on=review_received,
    )

    # A re-check with a two-day hearing: the hearing days do not count (Art. 36(2)).
    check = days.md(7, 1)
    while not (
        days.is_workday(check)
        and days.is_workday(check + dt.timedelta(days=30))
        and days.is_workday(check + dt.timedelta(days=32))
    ):
        check += dt.timedelta(days=1)
    hearing_start = days.add_wd(check, 10)
    hearing_end = hearing_start + dt.timedelta(days=1)
    recheck_opinion = check + dt.timedelta(days=32)
    first_request = days.sub_wd(check, 25)
    first_served = days.sub_wd(first_request, 10)
    first_concluded = days.sub_wd(first_served, 2)
    first_accepted = days.sub_wd(first_concluded, 35)
    first_received = _received_before(days, first_accepted)
    control = _petition(
        ctx,
        first_received,
        summary="反映征地补偿标准偏低，请求提高补偿",
        number_of_petitioners=3,
        notice_date=first_accepted,
        accepted_date=first_accepted,
        concluded_date=first_concluded,
        opinion_served_date=first_served,
        review=PetitionReview(
            request_received_date=first_request,
            agency_id=GOV,
            opinion_date=days.sub_wd(check, 12),
            opinion_served_date=days.sub_wd(check, 10),
        ),
        recheck=PetitionRecheck(
            request_received_date=check,
            hearing_start_date=hearing_start,
            hearing_end_date=hearing_end,
            opinion_date=recheck_opinion,
        ),
    )
    ctx.control(
        "PET-RECHECK-30D",
        control,
        f"{check}收到复核请求，举行听证{hearing_start}至{hearing_end}（不计入期限），"
        f"{recheck_opinion}提出复核意见",
        f"re-check requested {check}; hearing {hearing_start}–{hearing_end} not counted; "
        f"opinion {recheck_opinion} (30 days + 2 hearing days)",
    )

    # The rest of the year: petitions handled in time, a few suggestions, two open at year end.
    for month in range(1, 11):
        for _ in range(2):
            received = days.pick(rng, days.md(month, 3), days.md(month, 26))
            notice = days.add_wd(received, rng.randint(1, 8))
            if notice > received + dt.timedelta(days=15):
                notice = days.roll_back(received + dt.timedelta(days=15))
            if rng.random() < 0.25:
                _petition(
                    ctx,
                    received,
                    form=rng.choice([PetitionForm.ONLINE, PetitionForm.LETTER]),
                    category=PetitionCategory.SUGGESTION,
                    handling=None,
                    summary=rng.choice(_SUGGESTIONS),
                    notice_date=notice,
                )
                continue
            concluded = days.roll_back(
                min(notice + dt.timedelta(days=rng.randint(20, 58)), days.md(12, 24))
            )
            referred_here = rng.random() < 0.3
            _petition(
                ctx,
                received,
                channel=PetitionChannel.REFERRED if referred_here else PetitionChannel.DIRECT,
                referred_by=_COUNTY_PETITION_OFFICE if referred_here else None,
                form=rng.choice(list(PetitionForm)[:4]),
                summary=f"{rng.choice(VILLAGES)}村民{rng.choice(_CLAIMS)}",
                **_handled(ctx, notice, concluded),
            )
    for day in (4, 15):
        received = days.roll(days.md(12, day))
        notice = days.add_wd(received, 2)
        _petition(ctx, received, notice_date=notice, accepted_date=notice)


# --- reconsideration and litigation ---------------------------------------------------------------


def _reconsideration(ctx: SampleContext) -> None:
    days = ctx.days
    spring = _block(days, "春节")
    copy = _friday_before(days, spring)
    due = reply_deadline(days, copy)
    reply = days.add_wd(due, 1)
    decided = days.add_wd(reply, 25)
    person = ctx.person()
    record = ctx.add(
        Reconsideration(
            id=ctx.temp_id("reconsideration"),
            agency_id=TOWN,
            role=ProceedingRole.RESPONDENT,
            case_number=f"青岚府复〔{ctx.year}〕3号",
            applicant_name=person.name,
            applicant_type=PartyType.NATURAL_PERSON,
            reviewing_body=_COUNTY_GOV,
            contested_act=f"清河政罚〔{ctx.year - 1}〕87号行政处罚决定（占道经营罚款）",
            filed_date=days.sub_wd(copy, 8),
            accepted_date=days.sub_wd(copy, 5),
            procedure=RemedyProcedure.ORDINARY,
            copy_received_date=copy,
            reply_date=reply,
            evidence_date=reply,
            decision_date=decided,
            outcome=RemedyOutcome.REVOKED,
        )
    )
    unit = "个工作日" if copy >= RECONSIDERATION_2023 else "日（顺延）"
    ctx.plant(
        "REV-REPLY",
        record,
        "S1",
        f"{copy}（节前星期五）收到复议申请书副本，10{unit}届满{due}，{reply}才答复并提交证据，"
        "视为被申请复议的行为没有证据、依据",
        f"copy of the application received {copy} (the Friday before the Spring Festival); "
        f"the 10 days end {due}; reply and evidence only on {reply}: the act counts as having "
        "no evidence or basis",
    )


def _lawsuit(ctx: SampleContext) -> None:
    days = ctx.days
    makeup = next(
        m
        for m in reversed(_makeup_weekends(days))
        if m.weekday() == 5
        and (m - dt.timedelta(days=15)).year == days.year
        and days.is_workday(m - dt.timedelta(days=15))
    )
    copy = makeup - dt.timedelta(days=15)
    monday = days.add_wd(makeup, 1)
    session = days.add_wd(monday, 20)
    person = ctx.person()
    record = ctx.add(
        Lawsuit(
            id=ctx.temp_id("lawsuit"),
            agency_id=TOWN,
            case_number=f"（{ctx.year}）青0102行初{ctx.rng.randint(20, 60)}号",
            court=f"{COUNTY_NAME}人民法院",
            plaintiff_name=person.name,
            plaintiff_type=PartyType.NATURAL_PERSON,
            contested_act=f"{TOWNSHIP_NAME}限期拆除违法建设决定",
            instance=1,
            procedure=RemedyProcedure.ORDINARY,
            filed_date=days.sub_wd(copy, 3),
            complaint_copy_received_date=copy,
            defence_date=monday,
            evidence_date=monday,
            high_social_concern=True,
            sessions=(
                CourtSession(
                    date=session,
                    appeared=(AppearanceRole.STAFF, AppearanceRole.LAWYER),
                    absence_explanation=True,
                    explanation_reason="镇长参加县防汛调度会议",
                ),
            ),
        )
    )
    ctx.plant(
        "LIT-DEFENCE-15D",
        record,
        "S1",
        f"{copy}收到起诉状副本，15日届满{makeup}（调休上班的星期六，不顺延），{monday}才提交"
        "答辩状和证据，视为没有相应证据",
        f"copy of the complaint received {copy}; day 15 is {makeup}, a make-up working Saturday "
        f"(no rollover); defence and evidence only on Monday {monday}: treated as no evidence",
    )
    ctx.plant(
        "LIT-HEAD-APPEAR",
        record,
        "S2",
        f"社会高度关注的案件，{session}开庭负责人未出庭（仅工作人员和律师出庭）",
        f"a case of high social concern: no head of the township appeared at the session of "
        f"{session} (staff and a lawyer only)",
    )


# --- major decisions ------------------------------------------------------------------------------


def _major_decisions(ctx: SampleContext) -> None:
    days = ctx.days
    national = _block(days, "国庆")
    catalog = ctx.add(
        MatterList(
            id="ML-QHZ-MAJOR-DECISIONS",
            agency_id=TOWN,
            kind=MatterListKind.MAJOR_DECISION_CATALOG,
            valid_from=dt.date(ctx.year, 1, 1),
            title=f"{TOWNSHIP_NAME}{ctx.year}年度重大行政决策事项目录",
            document_number=f"清河政发〔{ctx.year - 1}〕41号",
            published_date=dt.date(ctx.year - 1, 12, 28),
            items=(
                MatterListItem(code="ZDJC-01", name="农村人居环境整治三年行动方案"),
                MatterListItem(code="ZDJC-02", name="集镇农贸市场搬迁改造"),
            ),
        )
    )

    # Clean: every step at its boundary (30 days of consultation, materials 7 days before the
    # hearing, a legality review of exactly 7 working days).
    start = days.roll(days.md(3, 2))
    end = start + dt.timedelta(days=30)
    held = days.add_wd(end, 5)
    review_start = days.add_wd(held, 8)
    review_end = days.add_wd(review_start, 7)
    meeting = days.add_wd(review_end, 3)
    clean = ctx.add(
        MajorDecision(
            id=ctx.temp_id("major-decision"),
            agency_id=TOWN,
            title="清河镇农村人居环境整治三年行动方案",
            decision_type=MajorDecisionType.PLAN,
            catalog_list_id=catalog.id,
            catalog_item_code="ZDJC-01",
            undertaking_unit="镇农业农村办公室",
            started_date=days.sub_wd(start, 20),
            consultation=PublicConsultation(
                start_date=start,
                end_date=end,
                channel="清河镇人民政府网站",
                comments_received=23,
            ),
            hearing=DecisionHearing(
                held_date=held,
                materials_delivered_date=held - dt.timedelta(days=7),
                participants_published_date=held - dt.timedelta(days=10),
            ),
            technical=False,
            stability_risk=False,
            legality_review=LegalityReview(
                submitted_date=review_start,
                completed_date=review_end,
                result=LegalityConclusion.LAWFUL,
                reviewer="镇司法所、镇法律顾问",
            ),
            discussion=CollectiveMeeting(
                date=meeting,
                meeting_type=MeetingType.JOINT,
                dissent_expressed=False,
                minutes_reference=f"清河镇党政联席会议纪要〔{ctx.year}〕6号",
            ),
            decision_date=meeting,
            published_date=days.add_wd(meeting, 3),
            archived_date=days.add_wd(meeting, 40),
        )
    )
    for rule_id, zh, en in (
        ("DEC-PUBLIC-30D", f"公开征求意见{start}至{end}，满30日", f"consulted {start}–{end}"),
        ("DEC-HEARING-7D", "听证会材料于听证会7日前送达", "materials delivered 7 days before"),
        (
            "DEC-LEGALITY",
            f"合法性审查{review_start}送审、{review_end}出具意见，满7个工作日",
            f"legality review {review_start}–{review_end}: exactly 7 working days",
        ),
    ):
        ctx.control(rule_id, clean, zh, en)

    # The market relocation: consultation of 24 days, hearing materials 4 days before the
    # hearing, a legality review across the National Day block of 11 calendar days and 3
    # working days.
    submitted = days.sub_wd(national[0], 2)
    completed = days.add_wd(submitted, 3)
    held = days.sub_wd(submitted, 5)
    delivered = held - dt.timedelta(days=4)
    end = days.sub_wd(held, 6)
    start = days.roll_back(end - dt.timedelta(days=24))
    meeting = days.add_wd(completed, 6)
    record = ctx.add(
        MajorDecision(
            id=ctx.temp_id("major-decision"),
            agency_id=TOWN,
            title="清河镇集镇农贸市场搬迁改造",
            decision_type=MajorDecisionType.PUBLIC_PROJECT,
            catalog_list_id=catalog.id,
            catalog_item_code="ZDJC-02",
            undertaking_unit="镇经济发展办公室",
            started_date=days.sub_wd(start, 30),
            consultation=PublicConsultation(
                start_date=start,
                end_date=end,
                channel="清河镇人民政府网站、集镇公告栏",
                comments_received=41,
            ),
            hearing=DecisionHearing(
                held_date=held,
                materials_delivered_date=delivered,
                participants_published_date=delivered - dt.timedelta(days=3),
            ),
            technical=True,
            expert_review=ExpertReview(
                date=days.sub_wd(held, 2),
                method="论证会",
                experts=(
                    Expert(name=ctx.people.person_name(), direct_interest=False),
                    Expert(name=ctx.people.person_name(), direct_interest=False),
                    Expert(name=f"{COUNTY_NAME}规划设计院", direct_interest=False),
                ),
            ),
            stability_risk=True,
            risk_assessment=RiskAssessment(date=days.sub_wd(submitted, 1), risk_controllable=True),
            legality_review=LegalityReview(
                submitted_date=submitted,
                completed_date=completed,
                result=LegalityConclusion.LAWFUL_AFTER_CHANGES,
                reviewer="镇法律顾问",
            ),
            discussion=CollectiveMeeting(
                date=meeting,
                meeting_type=MeetingType.JOINT,
                dissent_expressed=True,
                dissent_recorded=True,
                minutes_reference=f"清河镇党政联席会议纪要〔{ctx.year}〕19号",
            ),
            decision_date=meeting,
            published_date=days.add_wd(meeting, 2),
        )
    )
    length = (end - start).days
    ctx.plant(
        "DEC-PUBLIC-30D",
        record,
        "S2",
        f"公开征求意见{start}至{end}仅{length}日，不足30日且未说明缩短理由",
        f"public consultation {start}–{end}: {length} days (< 30) with no stated reason",
    )
    ctx.plant(
        "DEC-HEARING-7D",
        record,
        "S3",
        f"听证会{held}召开，材料{delivered}才送达听证参加人（不足7日）",
        f"hearing on {held}, materials delivered only on {delivered} (less than 7 days before)",
    )
    working = days.wd_between(submitted, completed)
    ctx.plant(
        "DEC-LEGALITY",
        record,
        "S1",
        f"合法性审查{submitted}送审、{completed}出具意见，历时{(completed - submitted).days}日"
        f"但仅{working}个工作日（国庆假期不计），不足7个工作日",
        f"legality review {submitted}–{completed}: {(completed - submitted).days} calendar days "
        f"but only {working} working days across the National Day block (< 7)",
    )


# --- normative documents and contracts ------------------------------------------------------------


def _normative_documents(ctx: SampleContext) -> None:
    days = ctx.days

    def document(
        title: str,
        number: int,
        issued: dt.date,
        published: dt.date,
        filed: dt.date,
        **fields: object,
    ) -> NormativeDocument:
        review_end = days.sub_wd(issued, 3)
        base: dict[str, object] = {
            "id": ctx.temp_id("normative-document"),
            "agency_id": TOWN,
            "title": title,
            "document_number": f"清河政规〔{ctx.year}〕{number}号",
            "issuing_body": f"{COUNTY_NAME}{TOWNSHIP_NAME}人民政府",
            "creates_penalty": False,
            "creates_licence": False,
            "adds_obligations_without_basis": False,
            "affects_rights": True,
            "business_related": False,
            "legality_review": LegalityReview(
                submitted_date=days.sub_wd(review_end, 6),
                completed_date=review_end,
                result=LegalityConclusion.LAWFUL,
                reviewer="镇司法所",
            ),
            "issued_date": issued,
            "published_date": published,
            "effective_date": published + dt.timedelta(days=30),
            "filed_date": filed,
            "filing_body": _COUNTY_GOV,
        }
        base.update(fields)
        return ctx.add(NormativeDocument(**base))  # type: ignore[arg-type]

    # A business-related document consulted on for only 20 days.
    issued = days.roll(days.md(4, 14))
    start = days.sub_wd(issued, 30)
    end = start + dt.timedelta(days=20)
    record = document(
        "清河镇集镇经营摊位管理办法",
        1,
        issued,
        days.add_wd(issued, 1),
        days.add_wd(issued, 8),
        business_related=True,
        consultation=PublicConsultation(start_date=start, end_date=end, channel="镇政府网站"),
    )
    ctx.plant(
        "NORM-CONSULT-30D",
        record,
        "S2",
        f"涉企规范性文件公开征求意见{start}至{end}，仅20日",
        f"business-related document consulted on {start}–{end}: 20 days (< 30)",
    )
    # A document that sets fines.
    issued = days.roll(days.md(6, 9))
    record = document(
        "清河镇村庄环境卫生管理规定",
        2,
        issued,
        days.add_wd(issued, 2),
        days.add_wd(issued, 10),
        creates_penalty=True,
        adds_obligations_without_basis=False,
    )
    ctx.plant(
        "NORM-NO-PENALTY",
        record,
        "S1",
        "规范性文件规定对乱倒垃圾者处二百元罚款，设定了行政处罚",
        "a normative document that fines littering villagers 200 yuan: it creates a penalty",
    )
    # Filing: 30 days after publication, the last day in the National Day block.
    published, filing_holiday = _landing(days, ("国庆", "中秋", "端午"), 30)
    strict = published + dt.timedelta(days=30)
    rolled = days.roll(strict)
    filed = days.add_wd(rolled, 1)
    record = document(
        "清河镇农村建房管理服务规定",
        3,
        days.sub_wd(published, 2),
        published,
        filed,
    )
    ctx.plant(
        "NORM-FILING",
        record,
        "S3",
        f"{published}公布，备案期限30日届满{strict}（{filing_holiday}假期）顺延至{rolled}，"
        f"{filed}才报送备案",
        f"published {published}; the 30 days end {strict} ({filing_holiday} block), rolled to "
        f"{rolled}; filed only on {filed}",
        note="filing_rule is local (default: 30 days after publication, CD+R)",
    )
    # Clean: consulted for exactly 30 days, filed on the rolled last day.
    start = days.roll(days.md(7, 6))
    end = start + dt.timedelta(days=30)
    issued = days.add_wd(end, 12)
    control = document(
        "清河镇促进农产品电商发展若干措施",
        4,
        issued,
        published,
        rolled,
        business_related=True,
        consultation=PublicConsultation(start_date=start, end_date=end, channel="镇政府网站"),
    )
    ctx.control(
        "NORM-CONSULT-30D",
        control,
        f"涉企文件征求意见{start}至{end}，满30日",
        f"business-related document consulted on for exactly 30 days ({start}–{end})",
    )
    ctx.control(
        "NORM-FILING",
        control,
        f"{published}公布，{rolled}（顺延后的末日）报送备案",
        f"published {published}, filed on the rolled last day {rolled}",
    )


def _contracts(ctx: SampleContext) -> None:
    days = ctx.days
    for title, counterparty, amount, month, agreement in (
        ("集镇保洁服务合同", "青岚县洁美物业服务有限公司", "186000.00", 2, False),
        ("东河村土地征收补偿协议", None, "86400.00", 5, True),
        ("镇政府办公楼维修工程施工合同", "青岚县宏达建筑工程有限公司", "328500.00", 8, False),
    ):
        signed = days.roll(days.md(month, 18))
        person = ctx.person() if counterparty is None else None
        planted = month == 8
        record = ctx.add(
            AdministrativeContract(
                id=ctx.temp_id("contract"),
                agency_id=TOWN,
                title=title,
                counterparty=counterparty if person is None else person.name,
                counterparty_type=PartyType.LEGAL_PERSON
                if person is None
                else PartyType.NATURAL_PERSON,
                administrative_agreement=agreement,
                amount=Decimal(amount),
                signed_date=signed,
                legality_review=None
                if planted
                else LegalityReview(
                    submitted_date=days.sub_wd(signed, 4),
                    completed_date=days.sub_wd(signed, 2),
                    result=LegalityConclusion.LAWFUL,
                    reviewer="镇法律顾问",
                ),
            )
        )
        if planted:
            ctx.plant(
                "CONTRACT-REVIEW",
                record,
                "S3",
                f"{signed}签订{title}（{amount}元），签订前无法律顾问的书面审查意见",
                f"{title} signed {signed} ({amount} yuan) without a written legality review",
            )
