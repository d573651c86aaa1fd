"""The supervision side: liaison points, social supervisors, feedback, complaints, checks.

The seed report's mechanism (行政执法监督工作室, two liaison points, two social supervisors,
opinions collected regularly, 有错必纠), with the four breakdowns issue 6 asks the demo to
show: a liaison point not heard for more than 90 days, a supervisor acting after the term,
an opinion never answered and a rectification past its deadline.
"""

from __future__ import annotations

import datetime as dt
import math

from enforcement_supervision.model import (
    CaseFileGrade,
    Complaint,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintOutcome,
    CriterionAssessment,
    Feedback,
    FeedbackChannel,
    FeedbackKind,
    FeedbackSourceKind,
    InformationDisclosure,
    InformationRequest,
    LiaisonCriterion,
    LiaisonPoint,
    LiaisonPointStatus,
    RecordRef,
    SampledCase,
    SocialSupervisor,
    SupervisionCheck,
    SupervisionCheckType,
    SupervisionOpinion,
    SupervisorActivity,
    SupervisorActivityKind,
    SupervisorStatus,
)
from enforcement_supervision.sample._context import SampleContext
from enforcement_supervision.sample._tables import (
    AGENCIES,
    COUNTY_PORTAL,
    ENFORCING,
    JUSTICE,
    MARKET,
    TOWN,
    TOWNSHIP_CODE,
)

__all__ = ["generate_information", "generate_supervision"]

_CRITERIA_EVIDENCE = {
    LiaisonCriterion.RULE_OF_LAW: "近三年无行政处罚记录，内部管理制度健全",
    LiaisonCriterion.LAWFUL_OPERATION: "证照齐全，依法纳税，年度报告按时公示",
    LiaisonCriterion.HONESTY: "未列入经营异常名录和严重失信主体名单",
}

_OPINIONS = (
    (FeedbackKind.SUGGESTION, "建议入企检查前提前告知检查事项，减少对正常经营的影响"),
    (FeedbackKind.PROBLEM_REPORT, "反映同一周内多个部门先后到店检查，希望能联合检查"),
    (FeedbackKind.SUGGESTION, "建议对首次轻微违法多采用说服教育、劝导示范"),
    (FeedbackKind.OPINION, "希望公开执法投诉电话和办理进度查询方式"),
    (FeedbackKind.OPINION, "镇综合执法队检查时态度较好，程序规范"),
    (FeedbackKind.SUGGESTION, "建议在集镇设置临时疏导点，减少流动摊贩占道经营"),
    (FeedbackKind.PROBLEM_REPORT, "反映部分执法文书字迹潦草，当事人难以辨认"),
    (FeedbackKind.SUGGESTION, "建议秸秆禁烧期间加强宣传，提前告知处罚标准"),
    (FeedbackKind.OPINION, "希望执法部门定期开展法律法规进企业宣讲"),
)
_ANSWERS = (
    "已转相关执法部门研究，并电话答复",
    "已纳入下一阶段执法规范化工作安排，书面答复",
    "已在座谈会上当面答复并说明改进措施",
)
_COMPLAINTS = (
    (ComplaintCategory.CONDUCT, "反映执法人员检查时语气生硬"),
    (ComplaintCategory.SLOW_ACTION, "反映举报的噪声扰民问题处理较慢"),
    (ComplaintCategory.PROCEDURE, "反映处罚前未充分听取陈述申辩"),
    (ComplaintCategory.ABUSE, "认为罚款数额过高"),
    (ComplaintCategory.INACTION, "反映占道经营问题长期无人管理"),
    (ComplaintCategory.OTHER, "咨询行政处罚决定的复议途径"),
)


def _liaison_points(ctx: SampleContext) -> list[LiaisonPoint]:
    designated = dt.date(ctx.year - 1, 12, 16)
    with_cases = {plan.party.party_id for plan, _ in ctx.cases}
    assert not with_cases & set(ctx.liaison_candidates)
    points = []
    for index, party_id in enumerate(ctx.liaison_candidates, start=1):
        enterprise = next(e for e in ctx.enterprises if e.party_id == party_id)
        points.append(
            ctx.add(
                LiaisonPoint(
                    id=f"LP-{index:02d}",
                    agency_id=TOWN,
                    name=enterprise.party.name,
                    designation_date=designated,
                    status=LiaisonPointStatus.ACTIVE,
                    credit_code=enterprise.party.id_number,
                    region_code=TOWNSHIP_CODE,
                    designation_document=f"清河政发〔{ctx.year - 1}〕35号",
                    term_months=36,
                    status_date=designated,
                    contact_name=ctx.people.person_name(),
                    contact_phone=ctx.people.phone(),
                    criteria=tuple(
                        CriterionAssessment(
                            criterion=criterion,
                            met=True,
                            evidence=evidence,
                            assessed_date=designated - dt.timedelta(days=10),
                        )
                        for criterion, evidence in _CRITERIA_EVIDENCE.items()
                    ),
                )
            )
        )
    return points


def _feedback(
    ctx: SampleContext,
    source_kind: FeedbackSourceKind,
    source_id: str,
    received: dt.date,
    *,
    answered: bool = True,
    opinion: tuple[FeedbackKind, str] | None = None,
    forward_to: str | None = None,
) -> Feedback:
    rng, days = ctx.rng, ctx.days
    kind, summary = opinion or rng.choice(_OPINIONS)
    channel = (
        rng.choice((FeedbackChannel.MEETING, FeedbackChannel.VISIT, FeedbackChannel.PHONE))
        if source_kind == FeedbackSourceKind.LIAISON_POINT
        else rng.choice((FeedbackChannel.MEETING, FeedbackChannel.WECHAT, FeedbackChannel.LETTER))
    )
    forwarded = days.add_wd(received, 1) if forward_to else None
    answer = days.add_wd(received, rng.randint(3, 10)) if answered else None
    return ctx.add(
        Feedback(
            id=ctx.temp_id("feedback"),
            agency_id=TOWN,
            source_kind=source_kind,
            received_date=received,
            channel=channel,
            source_id=source_id,
            kind=kind,
            summary=summary,
            forwarded_to_agency_id=forward_to,
            forwarded_date=forwarded,
            answered_date=answer,
            answer_summary=rng.choice(_ANSWERS) if answered else None,
        )
    )


def _supervisors(ctx: SampleContext) -> dict[str, tuple[dt.date, dt.date, str]]:
    """Ids → (appointed, last day of term, name) of the three supervisors of the year."""
    days = ctx.days
    first = dt.date(ctx.year - 1, 12, 16)
    old = dt.date(ctx.year - 2, 5, 15)
    new = days.roll(days.md(6, 16))
    return {
        "SS-01": (first, days.add_months(first, 24), ctx.people.person_name()),
        "SS-02": (old, days.add_months(old, 24), ctx.people.person_name()),
        "SS-03": (new, days.add_months(new, 24), ctx.people.person_name()),
    }


def _active(terms: dict[str, tuple[dt.date, dt.date, str]], day: dt.date) -> list[str]:
    return [sid for sid, (start, end, _) in terms.items() if start <= day <= end]


def generate_supervision(ctx: SampleContext) -> None:
    """Liaison points, supervisors and their feedback, complaints and supervision checks."""
    days = ctx.days
    points = _liaison_points(ctx)
    terms = _supervisors(ctx)
    activities: dict[str, list[SupervisorActivity]] = {sid: [] for sid in terms}

    # --- feedback from the liaison points ---------------------------------------------
    # Heard every 70-85 days, so no gap reaches 90 even after rolling to a working day.
    for month, day in ((1, 16), (3, 25), (6, 10), (8, 25), (11, 5), (12, 9)):
        _feedback(
            ctx, FeedbackSourceKind.LIAISON_POINT, points[0].id, days.roll(days.md(month, day))
        )
    # The second point is not heard at all in the second quarter (its opinion comes on 2 July):
    # the example local rule LOCAL-LIAISON-QUARTERLY (a township's own "once a quarter" rule)
    # finds 2025Q2.
    for month, day in ((1, 20), (3, 25), (7, 2)):
        _feedback(
            ctx, FeedbackSourceKind.LIAISON_POINT, points[1].id, days.roll(days.md(month, day))
        )
    ctx.plant(
        "LOCAL-LIAISON-QUARTERLY",
        points[1],
        "S3",
        "联系点第二季度未收集意见建议（乡镇自定规则：每季度至少一次）",
        "liaison point not heard in the second quarter (township's own rule: once a quarter)",
        note="example local plugin esup-example-local-rules; key 2025Q2",
    )
    # E24: the second point's last opinion is collected on 10 August; nobody goes back.
    last_heard = days.md(8, 10)
    _feedback(
        ctx,
        FeedbackSourceKind.LIAISON_POINT,
        points[1].id,
        last_heard,
        opinion=_OPINIONS[1],
        forward_to=MARKET,
    )
    ctx.plant(
        "SUP-LIAISON-FEEDBACK",
        points[1],
        "S3",
        f"联系点最后一次收集意见为{last_heard}，至{ctx.as_of}已逾90日未再收集",
        f"liaison point last heard on {last_heard}; more than 90 days without feedback "
        f"by {ctx.as_of} (E24)",
        note="interval is cfg.feedback_interval_days (default 90, U)",
    )

    # --- feedback and activities of the supervisors -----------------------------------
    plan = {
        "SS-01": ((3, 12), (6, 11), (11, 12)),
        "SS-02": ((1, 21), (4, 16)),
        "SS-03": ((7, 22), (10, 21), (12, 2)),
    }
    for sid, dates in plan.items():
        for month, day in dates:
            received = days.roll(days.md(month, day))
            record = _feedback(ctx, FeedbackSourceKind.SOCIAL_SUPERVISOR, sid, received)
            activities[sid].append(
                SupervisorActivity(
                    date=received,
                    kind=SupervisorActivityKind.OPINION,
                    description="提出意见建议",
                    related=RecordRef(record_type="feedback", record_id=record.id),
                )
            )
    # An opinion forwarded to the township and never answered.
    unanswered_day = days.roll(days.md(9, 18))
    unanswered = _feedback(
        ctx,
        FeedbackSourceKind.SOCIAL_SUPERVISOR,
        "SS-01",
        unanswered_day,
        answered=False,
        opinion=(FeedbackKind.PROBLEM_REPORT, "反映有网格员单独入企开展检查，未见执法人员在场"),
        forward_to=TOWN,
    )
    activities["SS-01"].append(
        SupervisorActivity(
            date=unanswered_day,
            kind=SupervisorActivityKind.OPINION,
            description="提出意见建议",
            related=RecordRef(record_type="feedback", record_id=unanswered.id),
        )
    )
    ctx.plant(
        "SUP-FEEDBACK-ANSWER",
        unanswered,
        "S3",
        f"社会监督员{unanswered_day}反映的问题已转镇政府，至年底未予答复",
        f"a supervisor's opinion of {unanswered_day} was forwarded and never answered",
        note="rule id proposed here: the catalog (docs/catalog/rules.md) gives this rule no id",
    )

    # E24: the term of SS-02 ended on 15 May; the supervisor still came to a meeting on the
    # 16th. The office noticed, let the appointment lapse and appointed SS-03 in June.
    _, old_end, _ = terms["SS-02"]
    activities["SS-02"].append(
        SupervisorActivity(
            date=old_end, kind=SupervisorActivityKind.INSPECTION_ACCOMPANY, description="随同检查"
        )
    )
    after = old_end + dt.timedelta(days=1)
    activities["SS-02"].append(
        SupervisorActivity(
            date=after, kind=SupervisorActivityKind.MEETING, description="参加执法监督座谈会"
        )
    )

    _checks(ctx, terms, activities)

    for sid, (appointed, end, name) in terms.items():
        expired = sid == "SS-02"
        supervisor = ctx.add(
            SocialSupervisor(
                id=sid,
                agency_id=TOWN,
                name=name,
                appointed_date=appointed,
                status=SupervisorStatus.EXPIRED if expired else SupervisorStatus.ACTIVE,
                term_months=24,
                status_date=days.roll(after + dt.timedelta(days=4)) if expired else appointed,
                id_number=ctx.people.id_number(),
                phone=ctx.people.phone(),
                occupation=("退休教师", "村民代表", "个体工商户")[int(sid[-1]) - 1],
                activities=tuple(sorted(activities[sid], key=lambda a: a.date)),
            )
        )
        if expired:
            ctx.plant(
                "SUP-SUPERVISOR-TERM",
                supervisor,
                "S3",
                f"社会监督员聘期（{appointed}起24个月）于{end}届满，{after}仍参加座谈会",
                f"supervisor appointed {appointed} for 24 months (term ended {end}) took part "
                f"in a meeting on {after} (E24)",
            )
    _complaints(ctx)


def _checks(
    ctx: SampleContext,
    terms: dict[str, tuple[dt.date, dt.date, str]],
    activities: dict[str, list[SupervisorActivity]],
) -> list[SupervisionCheck]:
    rng, days = ctx.rng, ctx.days
    decided = sorted(
        (
            (plan.decision, plan.agency_id, case.id)
            for plan, case in ctx.cases
            if plan.decision is not None and plan.decision <= ctx.as_of and not plan.planted
        ),
    )
    checks: list[SupervisionCheck] = []
    previous = days.first
    for month in range(1, 13):
        # Rolled back, not forward: a check due inside a long break is held just before it,
        # so no gap between two monthly checks grows past five weeks.
        day = days.roll_back(days.md(month, 12))
        scope = [cid for d, a, cid in decided if a == TOWN and previous <= d < day]
        sample = sorted(rng.sample(scope, min(3, len(scope))))
        supervisors = _active(terms, day)
        chosen = [supervisors[month % len(supervisors)]] if supervisors else []
        for sid in chosen:
            activities[sid].append(
                SupervisorActivity(
                    date=day,
                    kind=SupervisorActivityKind.OBSERVATION,
                    description="参加行政执法日常监督检查",
                )
            )
        opinions: tuple[SupervisionOpinion, ...] = ()
        if month in (3, 6):
            deadline = days.roll(day + dt.timedelta(days=40))
            done = days.sub_wd(deadline, rng.randint(2, 6))
            opinions = (
                SupervisionOpinion(
                    issued_date=day,
                    addressee_agency_id=TOWN,
                    number=f"清河执监〔{ctx.year}〕{month}号",
                    content="规范送达回证填写，补齐执法案卷目录",
                    rectification_deadline=deadline,
                    rectified_date=done,
                    report_date=done,
                ),
            )
        if month == 9:
            opinions = (
                SupervisionOpinion(
                    issued_date=day,
                    addressee_agency_id=TOWN,
                    number=f"清河执监〔{ctx.year}〕9号",
                    content="针对8月发现的辅助人员单独入企检查问题，限期完善辅助人员管理制度并开展专项整改",
                    rectification_deadline=days.roll(days.md(10, 31)),
                ),
            )
        check = ctx.add(
            SupervisionCheck(
                id=ctx.temp_id("supervision-check"),
                agency_id=TOWN,
                type=SupervisionCheckType.ROUTINE,
                date=day,
                end_date=day,
                title=f"{month}月份行政执法日常监督检查",
                supervised_agency_ids=(TOWN,),
                participant_ids=("OF-01", "OF-06", "OF-16"),
                supervisor_ids=tuple(chosen),
                population_size=len(scope),
                sampled_cases=tuple(
                    SampledCase(
                        record=RecordRef(record_type="penalty-case", record_id=cid),
                        issues=(),
                        conclusion="未发现问题",
                    )
                    for cid in sample
                ),
                conclusion="执法程序总体规范" if not opinions else "发现问题，制发监督意见书",
                opinions=opinions,
            )
        )
        checks.append(check)
        if month == 9:
            ctx.plant(
                "SUP-RECTIFY",
                check,
                "S2",
                f"{day}制发的监督意见书要求于{opinions[0].rectification_deadline}前整改，"
                "逾期未整改",
                f"supervision opinion issued {day}: rectification due "
                f"{opinions[0].rectification_deadline}, not rectified",
            )
        previous = day
    # Case-file reviews by the county justice bureau, one per half-year, sample over 10 %.
    for start, end, review_day, addressee in (
        (days.first, days.md(6, 20), days.roll(days.md(6, 24)), "AG-QL-WSJK"),
        (days.md(6, 21), days.md(12, 12), days.roll(days.md(12, 16)), MARKET),
    ):
        scope = [cid for d, _, cid in decided if start <= d <= end]
        size = min(len(scope), math.ceil(len(scope) * 0.1) + 1)
        sample = sorted(rng.sample(scope, size))
        supervisors = _active(terms, review_day)
        for sid in supervisors:
            activities[sid].append(
                SupervisorActivity(
                    date=review_day,
                    kind=SupervisorActivityKind.CASE_FILE_REVIEW,
                    description="参与行政执法案卷评查",
                )
            )
        deadline = days.roll(review_day + dt.timedelta(days=rng.randint(8, 12)))
        done = days.sub_wd(deadline, 1)
        checks.append(
            ctx.add(
                SupervisionCheck(
                    id=ctx.temp_id("supervision-check"),
                    agency_id=JUSTICE,
                    type=SupervisionCheckType.CASE_FILE_REVIEW,
                    date=review_day,
                    end_date=days.add_wd(review_day, 2),
                    title=f"{ctx.year}年{'上' if start.month == 1 else '下'}半年行政执法案卷评查",
                    supervised_agency_ids=ENFORCING,
                    participant_ids=("OF-16",),
                    supervisor_ids=tuple(supervisors),
                    population_size=len(scope),
                    sampled_cases=tuple(
                        SampledCase(
                            record=RecordRef(record_type="penalty-case", record_id=cid),
                            grade=rng.choices(
                                (CaseFileGrade.EXCELLENT, CaseFileGrade.GOOD, CaseFileGrade.PASS),
                                (3, 5, 2),
                            )[0],
                        )
                        for cid in sample
                    ),
                    conclusion="案卷质量总体良好",
                    opinions=(
                        SupervisionOpinion(
                            issued_date=review_day,
                            addressee_agency_id=addressee,
                            number=f"青岚司监〔{ctx.year}〕{review_day.month}号",
                            content="进一步规范执法案卷装订和卷内目录编制",
                            rectification_deadline=deadline,
                            rectified_date=done,
                            report_date=done,
                        ),
                    ),
                )
            )
        )
    return checks


def _complaints(ctx: SampleContext) -> None:
    rng, days = ctx.rng, ctx.days
    agencies = [a.id for a in AGENCIES if a.enforces]
    for _ in range(rng.randint(8, 11)):
        received = days.pick(rng, days.md(1, 6), days.md(12, 5))
        respondent = rng.choice(agencies)
        category, summary = rng.choice(_COMPLAINTS)
        accepted = days.add_wd(received, rng.randint(0, 2))
        responded = days.add_wd(accepted, rng.randint(5, 12))
        anonymous = rng.random() < 0.3
        ctx.add(
            Complaint(
                id=ctx.temp_id("complaint"),
                agency_id=TOWN if respondent == TOWN else JUSTICE,
                received_date=received,
                channel=rng.choice(
                    (ComplaintChannel.HOTLINE_12345, ComplaintChannel.PHONE, ComplaintChannel.VISIT)
                ),
                complainant_name=None if anonymous else ctx.people.person_name(),
                complainant_phone=None if anonymous else ctx.people.phone(),
                anonymous=anonymous,
                respondent_agency_id=respondent,
                category=category,
                summary=summary,
                accepted_date=accepted,
                responded_date=responded,
                concluded_date=responded,
                outcome=rng.choice(
                    (ComplaintOutcome.UNSUBSTANTIATED, ComplaintOutcome.PARTLY_SUBSTANTIATED)
                ),
            )
        )
    received = days.roll(days.md(10, 9))
    planted = ctx.add(
        Complaint(
            id=ctx.temp_id("complaint"),
            agency_id=TOWN,
            received_date=received,
            channel=ComplaintChannel.HOTLINE_12345,
            complainant_name=ctx.people.person_name(),
            complainant_phone=ctx.people.phone(),
            anonymous=False,
            respondent_agency_id=TOWN,
            category=ComplaintCategory.INACTION,
            summary="反映集镇主街占道经营问题多次举报无人处理",
            accepted_date=days.add_wd(received, 1),
        )
    )
    ctx.plant(
        "SUP-COMPLAINT",
        planted,
        "S2",
        f"{received}受理的12345投诉至年底未答复",
        f"a 12345 complaint received {received} had no response by year end",
        note="reply period is cfg.complaint_reply_days; the complaint is open 80+ days",
    )


def generate_information(ctx: SampleContext) -> None:
    """Proactive disclosures and requests for information, all handled in time."""
    rng, days = ctx.rng, ctx.days
    for agency in AGENCIES:
        if not agency.enforces:
            continue
        for title, month, day in (
            (f"{ctx.year}年度行政执法事项清单", 1, 6),
            (f"{ctx.year}年度涉企行政检查计划", 2, 17),
        ):
            formed = days.roll(days.md(month, day))
            ctx.add(
                InformationDisclosure(
                    id=ctx.temp_id("information-disclosure"),
                    agency_id=agency.id,
                    title=f"{agency.name}{title}",
                    formed_date=formed,
                    category="行政执法公示",
                    published_date=days.add_wd(formed, rng.randint(1, 5)),
                    url=f"{COUNTY_PORTAL}/zfgs/{agency.id.lower()}",
                )
            )
    for month in (3, 7, 11):
        received = days.pick(rng, days.md(month, 2), days.md(month, 25))
        ctx.add(
            InformationRequest(
                id=ctx.temp_id("information-request"),
                agency_id=TOWN,
                received_date=received,
                requester_name=ctx.people.person_name(),
                requester_phone=ctx.people.phone(),
                requester_id_number=ctx.people.id_number(),
                subject="申请公开本村宅基地审批结果",
                reply_date=days.add_wd(received, rng.randint(5, 15)),
                outcome="予以公开",
            )
        )
