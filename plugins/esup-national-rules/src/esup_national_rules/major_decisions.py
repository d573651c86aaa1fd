"""Rules of docs/catalog/rules.md#major-decisions: 重大行政决策 (重大行政决策程序暂行条例,
国务院令第713号, in force 2019-09-01).

The regulation governs the county-level governments (Art. 2); Art. 42 extends it to their
departments and to township governments "参照本条例规定执行", so a township's major decisions
follow the same procedure: a published catalog of decision items (Art. 3(3)), public
participation (Arts. 14–16), expert review of technical items (Arts. 19, 20), risk assessment
(Arts. 22, 23), legality review before the collective discussion (Arts. 25, 26), the
collective decision (Art. 30), publication (Art. 32) and archiving (Art. 33). A township has no
常务会议: its equivalent meeting is a named option (``township_meeting_type``, default the
党政联席会议, docs/catalog/interpretations.md#township-meeting-type).

Periods: the 30 days of consultation and the 7 days before a hearing are calendar days; the
legality review's "不少于7个工作日" are working days. Decisions whose procedure began before
2019-09-01 are not evaluated.

**Agencies and dates.** A major decision is the act of the deciding government (Art. 42: the
township government), so every rule here is declared ``township_wide``; a finding names the
deciding body the record gives. The date of the facts is the day of the act that broke the
procedure: the decision or the meeting that discussed the draft, the opening of a consultation
that was too short, the late delivery of hearing materials, the end of a review that was too
short, the first day past a publication or archiving deadline.

**The same day.** Dates carry no time. A step on the day of the meeting that discussed the
draft (an expert review, a risk assessment, a legality opinion) counts as before it, as a
legal review completed on the day of the approval does for penalties: the order within the
day is unknown and the regulation asks only that the step come before the discussion. A
catalog published on the day of the decision counts as published. Hearing materials
delivered on the hearing day are late (``hearing_notice_counting``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from enforcement_supervision.model import (
    LegalityConclusion,
    MajorDecision,
    MatterList,
    MatterListKind,
    MeetingType,
)
from enforcement_supervision.rules import Context, Message, Parameter, Rule, rule
from enforcement_supervision.statutory_time import Deadline
from esup_national_rules._bounds import nth_working_day_or_none
from esup_national_rules._law import GOVINFO, PROJECT_DEFAULTS
from esup_national_rules._law import MAJOR_DECISIONS as MD
from esup_national_rules._penalty_common import deadline_unless_decided

__all__ = [
    "RULES",
    "decision_catalog",
    "decision_collective",
    "decision_day",
    "decision_expert",
    "decision_hearing_7d",
    "decision_legality",
    "decision_public_30d",
    "decision_publish_archive",
    "decision_risk",
]

ART42 = MD.art("42")
RECORD = "major-decision"


def decision_day(decision: MajorDecision) -> dt.date | None:
    """The date of a decision's facts: the decision, else its discussion, else the first
    recorded step of its procedure."""
    if decision.decision_date is not None:
        return decision.decision_date
    if decision.discussion is not None:
        return decision.discussion.date
    steps = [decision.started_date]
    if decision.consultation is not None:
        steps.append(decision.consultation.start_date)
    if decision.legality_review is not None:
        steps.append(decision.legality_review.submitted_date)
    known = [day for day in steps if day is not None]
    return min(known) if known else None


def _discussed_on(decision: MajorDecision) -> dt.date | None:
    """The day the draft went before the deciding meeting (or, without a record of the
    meeting, the decision's day)."""
    if decision.discussion is not None:
        return decision.discussion.date
    return decision.decision_date


def _common(**overrides: Any) -> dict[str, Any]:
    """What every rule of the section declares: the record type, the regulation's date, the
    facts date, and that the duty is the township government's own (Art. 42)."""
    settings: dict[str, Any] = {
        "applies_to": RECORD,
        "valid_from": MD.in_force,
        "facts_date": decision_day,
        "township_wide": True,
    }
    settings.update(overrides)
    return settings


# --------------------------------------------------------------------------------------------
# DEC-CATALOG

_CATALOG_ARTICLES = [MD.art("3", "1"), MD.art("3", "3"), ART42]


@rule(
    id="DEC-CATALOG",
    title_zh="决策事项目录",
    title_en="Catalog of decision items",
    category="transparency",
    severity="S3",
    legal_basis=_CATALOG_ARTICLES,
    messages={
        "not-listed": Message(
            zh="重大行政决策“{title}”属于{decision_type}，未列入公布的决策事项目录",
            en='major decision "{title}" ({decision_type}) is not in the published catalog of '
            "decision items",
            articles=_CATALOG_ARTICLES,
        ),
        "unpublished": Message(
            zh="重大行政决策“{title}”所列决策事项目录（{catalog_list_id}）在决策前未向社会公布",
            en='the catalog of decision items ({catalog_list_id}) listing "{title}" was not '
            "published before the decision",
            articles=[MD.art("3", "3"), ART42],
        ),
        "no-catalog": Message(
            zh="决策事项目录 {catalog_list_id} 不存在或不是重大行政决策事项目录",
            en="catalog {catalog_list_id} is missing or not a major-decision catalog",
        ),
    },
    **_common(),
)
def decision_catalog(decision: MajorDecision, ctx: Context) -> None:
    """Flags a decision of a kind listed in Art. 3(1) that is not in the published catalog of
    decision items.

    ``decision_type`` names the kind of item (empty: none of Art. 3(1), not judged). The
    catalog is read from ``in_catalog`` when recorded; otherwise from the matter list
    ``catalog_list_id`` (kind ``major_decision_catalog``), which must list
    ``catalog_item_code`` and have been published on or before the decision's day. Judged once
    the draft went before the deciding meeting (or was decided); the finding is dated that
    day. **The same day:** a catalog published on the day of the decision counts as
    published.

    ## Why
    重大行政决策程序暂行条例 Art. 3(3): "决策机关可以根据本条第一款的规定……确定决策事项目录、
    标准，经同级党委同意后向社会公布"; Art. 42: townships apply the regulation by analogy.

    ## Example that flags
    A 重大公共建设项目 (Art. 3(1)(4)) with ``in_catalog = false``; or a catalog published only
    after the decision.

    ## Example that does not flag
    The item listed in the township's catalog published 2024-12-28, decided in 2025.

    ## Configuration
    None.
    """
    day = _discussed_on(decision)
    if decision.decision_type is None or day is None or decision.in_catalog is True:
        return
    base: dict[str, Any] = {
        "title": decision.title,
        "decision_type": decision.decision_type,
        "in_catalog": decision.in_catalog,
        "catalog_list_id": decision.catalog_list_id,
        "catalog_item_code": decision.catalog_item_code,
        "decision_day": day,
    }
    if decision.in_catalog is False:
        ctx.finding("not-listed", key="catalog", fact_date=day, facts=base)
        return
    if decision.catalog_list_id is None:
        return  # not recorded either way
    catalog = ctx.lookup("matter-list", decision.catalog_list_id)
    if not isinstance(catalog, MatterList) or catalog.kind != MatterListKind.MAJOR_DECISION_CATALOG:
        ctx.undecided("no-catalog", catalog_list_id=decision.catalog_list_id)
    if decision.catalog_item_code not in {item.code for item in catalog.items}:
        ctx.finding("not-listed", key="catalog", fact_date=day, facts=base)
        return
    published = catalog.published_date
    # Published on the day of the decision counts as published (the order within the day is
    # unknown; the regulation asks for a published catalog, not for a day in between).
    if published is None or published > day:
        ctx.finding(
            "unpublished",
            key="catalog",
            fact_date=day,
            facts={**base, "catalog_published_date": published},
        )


# --------------------------------------------------------------------------------------------
# DEC-PUBLIC-30D

_PUBLIC_ARTICLES = [MD.art("14", "1"), MD.art("15", "1"), ART42]


@rule(
    id="DEC-PUBLIC-30D",
    title_zh="公开征求意见",
    title_en="Public consultation",
    category="procedure",
    severity="S2",
    legal_basis=_PUBLIC_ARTICLES,
    parameters=(
        Parameter(
            name="min_consultation_days",
            default=30,
            unit="days",
            source=MD.art("15", "1"),
            doc="公开征求意见的最短期限（第15条第1款：一般不少于30日）/ shortest public "
            "consultation (Art. 15(1): generally not fewer than 30 days)",
        ),
    ),
    messages={
        "short": Message(
            zh="重大行政决策“{title}”公开征求意见 {start_date} 至 {end_date}，仅 {days} 日，"
            "不足 {minimum} 日，且未说明缩短期限的理由",
            en='major decision "{title}": public consultation {start_date} to {end_date}, '
            "{days} days, fewer than {minimum}, with no reason stated for the shorter period",
            articles=_PUBLIC_ARTICLES,
        ),
    },
    **_common(),
)
def decision_public_30d(decision: MajorDecision, ctx: Context) -> None:
    """Flags a public consultation of fewer than 30 days without a stated reason.

    The length is ``end_date - start_date`` in calendar days (the start day not counted,
    民法典 Art. 201): a call from 03-02 to 04-01 is 30 days. A reason recorded with the call
    (``urgency_reason``) allows a shorter one. The closing day is announced with the call, so
    the finding is dated the day the call opened (a call shortened later is an end date the
    office records then).

    ## Why
    重大行政决策程序暂行条例 Art. 15(1): "公开征求意见的期限一般不少于30日；因情况紧急等原因
    需要缩短期限的，公开征求意见时应当予以说明"; Art. 42.

    ## Example that flags
    Consultation from 2025-08-22 to 2025-09-15: 24 days, no reason → S2.

    ## Example that does not flag
    From 2025-03-03 to 2025-04-02 (30 days); or 20 days with the urgency stated.

    ## Configuration
    ``min_consultation_days`` (default 30).
    """
    consultation = decision.consultation
    if consultation is None or consultation.end_date is None:
        return
    minimum = int(ctx.param("min_consultation_days"))
    start, end = consultation.start_date, consultation.end_date
    days = (end - start).days
    if days >= minimum or consultation.urgency_reason:
        return
    ctx.finding(
        "short",
        key="consultation",
        fact_date=start,
        facts={
            "title": decision.title,
            "start_date": start,
            "end_date": end,
            "days": days,
            "minimum": minimum,
            "earliest_end_date": start + dt.timedelta(days=minimum),
            "urgency_reason": consultation.urgency_reason,
        },
    )


# --------------------------------------------------------------------------------------------
# DEC-HEARING-7D

_HEARING_ARTICLES = [MD.art("16", "3"), ART42]


@rule(
    id="DEC-HEARING-7D",
    title_zh="听证材料送达",
    title_en="Hearing materials delivered",
    category="procedure",
    severity="S3",
    legal_basis=_HEARING_ARTICLES,
    parameters=(
        Parameter(
            name="hearing_notice_counting",
            default="event_day_counts",
            choices=("event_day_counts", "clear_days"),
            reading=True,
            doc="“听证会材料应当于召开听证会7日前送达”的计算（U，"
            "docs/catalog/interpretations.md#hearing-notice-counting）：event_day_counts 检查 "
            "送达日 + 7 日 <= 听证日；clear_days 要求两者之间有完整的7日 / how '7 days before "
            "the hearing' is checked: delivery + 7 days <= hearing (default) or < hearing",
        ),
    ),
    messages={
        "late": Message(
            zh="重大行政决策“{title}”听证会 {held_date} 召开，听证材料 {delivered_date} 才送达"
            "听证参加人，不足 {days} 日",
            en='major decision "{title}": hearing held on {held_date}, materials delivered to '
            "the participants only on {delivered_date}, less than {days} days before",
            articles=_HEARING_ARTICLES,
        ),
    },
    **_common(),
)
def decision_hearing_7d(decision: MajorDecision, ctx: Context) -> None:
    """Flags hearing materials delivered to the participants less than 7 days before the
    hearing.

    Calendar days. With the default reading the check is ``delivered + 7 days <= hearing``:
    materials delivered on 03-03 for a hearing on 03-10 are in time. The finding is dated the
    day of the late delivery. **The same day:** materials delivered on the hearing day itself
    are late under both readings; with ``clear_days`` a delivery exactly seven days before is
    late too.

    ## Why
    重大行政决策程序暂行条例 Art. 16(3): "听证会材料应当于召开听证会7日前送达听证参加人"; Art. 42.

    ## Example that flags
    Hearing on 2025-09-23, materials delivered 2025-09-19 → S3.

    ## Example that does not flag
    Materials delivered 2025-09-16 for the hearing on 2025-09-23.

    ## Configuration
    ``hearing_notice_counting`` (reading, default ``"event_day_counts"``; ``"clear_days"``
    needs seven whole days between delivery and hearing).
    """
    hearing = decision.hearing
    if hearing is None or hearing.materials_delivered_date is None:
        return
    delivered, held = hearing.materials_delivered_date, hearing.held_date
    clear_days = ctx.reading("hearing_notice_counting") == "clear_days"
    clock = ctx.deadline(
        delivered, 7, "CD", rollover=False, start_label="送达听证材料", start_label_en="delivered"
    )
    seventh = clock.due_date
    # "7日前": the seventh day after delivery may be the hearing day itself (the default) or
    # must fall before it (clear_days).
    short = seventh >= held if clear_days else seventh > held
    if not short:
        return
    ctx.finding(
        "late",
        key="hearing",
        fact_date=delivered,
        facts={
            "title": decision.title,
            "held_date": held,
            "delivered_date": delivered,
            "days": 7,
            "seventh_day": seventh,
            "latest_delivery_date": held - dt.timedelta(days=8 if clear_days else 7),
        },
        deadlines={"听证材料送达后七日 / seven days after delivery": clock},
    )


# --------------------------------------------------------------------------------------------
# DEC-EXPERT


@rule(
    id="DEC-EXPERT",
    title_zh="专家论证",
    title_en="Expert review",
    category="procedure",
    severity="S2",
    legal_basis=[MD.art("19", "1"), MD.art("20"), ART42],
    messages={
        "missing": Message(
            zh="重大行政决策“{title}”专业性、技术性较强，{decided_date} 决策前未组织专家论证",
            en='major decision "{title}" is technical and was decided on {decided_date} '
            "without an expert review",
            articles=[MD.art("19", "1"), ART42],
        ),
        "interest": Message(
            zh="重大行政决策“{title}”{review_date} 的专家论证选择了 {interested_count} 名与决策"
            "事项有直接利害关系的专家或专业机构（第 {positions} 位）",
            en='the expert review of major decision "{title}" on {review_date} included '
            "{interested_count} expert(s) or bodies with a direct interest in the item (no. "
            "{positions})",
            articles=[MD.art("20"), ART42],
        ),
    },
    **_common(),
)
def decision_expert(decision: MajorDecision, ctx: Context) -> None:
    """Flags a technical decision taken without an expert review, and an expert review that
    included an expert or body with a direct interest in the item.

    ``technical = true`` marks an item "专业性、技术性较强"; the missing review is judged once
    the decision was discussed or taken (an expert review dated after that day does not
    count) and dated that day. An expert with ``direct_interest = true`` is a finding whenever
    recorded, dated the day of the review; the finding says how many and which place in the
    list (``experts[]``), never a name. **The same day:** a review on the day of the
    meeting counts as before it.

    ## Why
    重大行政决策程序暂行条例 Art. 19(1): "对专业性、技术性较强的决策事项，决策承办单位应当
    组织专家、专业机构论证"; Art. 20: "不得选择与决策事项有直接利害关系的专家、专业机构";
    Art. 42.

    ## Example that flags
    A market relocation marked technical, discussed on 2025-10-17 with no expert review → S2.

    ## Example that does not flag
    The same item reviewed by three experts without interests on 2025-09-19.

    ## Configuration
    None.
    """
    review = decision.expert_review
    decided = _discussed_on(decision)
    base: dict[str, Any] = {"title": decision.title, "decided_date": decided}
    # A review on the meeting day counts as before the meeting.
    late_review = review is None or (decided is not None and review.date > decided)
    if decision.technical is True and decided is not None and late_review:
        ctx.finding(
            "missing",
            key="missing",
            fact_date=decided,
            facts={**base, "review_date": None if review is None else review.date},
        )
    if review is not None:
        # Experts are named by their place in the record, never by name (personal data).
        interested = [n for n, e in enumerate(review.experts, 1) if e.direct_interest is True]
        if interested:
            ctx.finding(
                "interest",
                key="interest",
                fact_date=review.date,
                facts={
                    **base,
                    "review_date": review.date,
                    "interested_count": len(interested),
                    "positions": interested,
                },
            )


# --------------------------------------------------------------------------------------------
# DEC-RISK

_RISK_ARTICLES = [MD.art("22", "1"), MD.art("23", "2"), ART42]


@rule(
    id="DEC-RISK",
    title_zh="风险评估",
    title_en="Risk assessment",
    category="procedure",
    severity="S2",
    legal_basis=[MD.art("22"), MD.art("23", "2"), MD.art("24"), ART42],
    messages={
        "missing": Message(
            zh="重大行政决策“{title}”可能影响社会稳定、公共安全，{decided_date} 决策前未开展风险"
            "评估",
            en='major decision "{title}" may affect social stability or public safety and was '
            "decided on {decided_date} without a risk assessment",
            articles=_RISK_ARTICLES,
        ),
    },
    **_common(),
)
def decision_risk(decision: MajorDecision, ctx: Context) -> None:
    """Flags a decision that may harm social stability or public safety taken without a risk
    assessment, unless the risks were already assessed under other rules.

    ``stability_risk = true`` marks such an item. The assessment must be recorded
    (``risk_assessment``) with a report date on or before the day the decision was discussed
    or taken, or marked ``assessed_elsewhere = true`` (Art. 22(2): no repeat assessment). The
    finding is dated the day of the discussion. **The same day:** a report dated the day of
    the meeting counts as before it.

    ## Why
    重大行政决策程序暂行条例 Art. 22(1): "重大行政决策的实施可能对社会稳定、公共安全等方面
    造成不利影响的，决策承办单位……应当组织评估决策草案的风险可控性"; Art. 22(2): "按照有关
    规定已对有关风险进行评价、评估的，不作重复评估"; Art. 23(2): the report; Art. 42.

    ## Example that flags
    A relocation of a market with stability risk, discussed 2025-10-17, no risk assessment →
    S2.

    ## Example that does not flag
    A risk assessment report of 2025-09-26, or ``assessed_elsewhere = true``.

    ## Configuration
    None.
    """
    decided = _discussed_on(decision)
    if decision.stability_risk is not True or decided is None:
        return
    assessment = decision.risk_assessment
    if assessment is not None and assessment.assessed_elsewhere is True:
        return
    # A report dated the day of the meeting counts as before it.
    if assessment is not None and assessment.date is not None and assessment.date <= decided:
        return
    ctx.finding(
        "missing",
        key="missing",
        fact_date=decided,
        facts={
            "title": decision.title,
            "decided_date": decided,
            "assessment_date": None if assessment is None else assessment.date,
        },
    )


# --------------------------------------------------------------------------------------------
# DEC-LEGALITY

_LEGALITY_ARTICLES = [MD.art("25", "1"), MD.art("25", "2"), ART42]


@rule(
    id="DEC-LEGALITY",
    title_zh="合法性审查",
    title_en="Legality review",
    category="procedure",
    severity="S1",
    legal_basis=[MD.art("25"), MD.art("26", "2"), MD.art("28"), ART42],
    parameters=(
        Parameter(
            name="min_review_working_days",
            default=7,
            unit="working days",
            source=MD.art("26", "2"),
            doc="合法性审查的最短时间（第26条第2款：一般不少于7个工作日）/ shortest legality "
            "review (Art. 26(2): generally not fewer than 7 working days)",
        ),
    ),
    messages={
        "missing": Message(
            zh="重大行政决策“{title}”{discussed_date} 提交讨论前未经合法性审查",
            en='major decision "{title}" went before the meeting on {discussed_date} without a '
            "legality review",
            articles=_LEGALITY_ARTICLES,
        ),
        "after": Message(
            zh="重大行政决策“{title}”{discussed_date} 已提交讨论，合法性审查意见 {completed_date} "
            "才出具",
            en='major decision "{title}" went before the meeting on {discussed_date}; the '
            "legality review opinion came only on {completed_date}",
            articles=_LEGALITY_ARTICLES,
        ),
        "unlawful": Message(
            zh="重大行政决策“{title}”经合法性审查不合法，仍于 {discussed_date} 提交讨论",
            en='major decision "{title}" was found unlawful by the legality review and still '
            "went before the meeting on {discussed_date}",
            articles=[MD.art("25", "2"), ART42],
        ),
        "short": Message(
            zh="重大行政决策“{title}”合法性审查 {submitted_date} 送审、{completed_date} 出具意见，"
            "仅 {working_days} 个工作日（{calendar_days} 个日历日），不足 {minimum} 个工作日",
            en='major decision "{title}": legality review from {submitted_date} to '
            "{completed_date}, {working_days} working days ({calendar_days} calendar days), "
            "fewer than {minimum}",
            articles=[MD.art("26", "2"), ART42],
        ),
    },
    **_common(),
)
def decision_legality(decision: MajorDecision, ctx: Context) -> None:
    """Flags a draft decision that went before the deciding meeting without a legality review,
    with the review's opinion coming only after the meeting, after an "unlawful" opinion, or
    after a review of fewer than 7 working days.

    Judged once the draft was discussed (``discussion.date``; without a meeting record, the
    ``decision_date``). The review time is the working days after ``submitted_date`` up to and
    including ``completed_date`` under the official calendar (make-up days count, holiday
    blocks do not). The missing, late and unlawful reviews are dated the day of the meeting;
    a review that was too short is dated the day its opinion was given. A review missing at
    the meeting that comes later keeps the key ``missing`` (the same finding). **The same
    day:** an opinion given on the day of the meeting counts as before it.

    ## Why
    重大行政决策程序暂行条例 Art. 25(1): "决策草案提交决策机关讨论前，应当由负责合法性审查的
    部门进行合法性审查"; Art. 25(2): "决策草案未经合法性审查或者经审查不合法的，不得提交决策机关
    讨论"; Art. 26(2): "应当保证必要的审查时间，一般不少于7个工作日"; Art. 42.

    ## Example that flags
    Submitted Monday 2025-09-29, opinion Friday 2025-10-10: 11 calendar days, but only 3
    working days (09-30, 10-09, 10-10; the National Day block does not count) → S1.

    ## Example that does not flag
    Submitted 2025-04-15, opinion 2025-04-24: 7 working days.

    ## Configuration
    ``min_review_working_days`` (default 7).
    """
    discussed = _discussed_on(decision)
    if discussed is None:
        return
    review = decision.legality_review
    base: dict[str, Any] = {"title": decision.title, "discussed_date": discussed}
    if review is None or review.completed_date is None:
        ctx.finding("missing", key="missing", fact_date=discussed, facts=base)
        return
    completed = review.completed_date
    base.update(
        submitted_date=review.submitted_date, completed_date=completed, result=review.result
    )
    # An opinion given on the day of the meeting counts as before it.
    if completed > discussed:
        ctx.finding("after", key="missing", fact_date=discussed, facts=base)
    if review.result == LegalityConclusion.UNLAWFUL:
        ctx.finding("unlawful", key="unlawful", fact_date=discussed, facts=base)
    submitted = review.submitted_date
    if submitted is None or submitted > completed:
        return
    minimum = int(ctx.param("min_review_working_days"))
    working = ctx.calendar.working_days_between(submitted, completed)
    if working < minimum:
        ctx.finding(
            "short",
            key="short",
            fact_date=completed,
            facts={
                **base,
                "working_days": working,
                "calendar_days": (completed - submitted).days,
                "minimum": minimum,
                "earliest_completed_date": nth_working_day_or_none(ctx, submitted, minimum),
            },
        )


# --------------------------------------------------------------------------------------------
# DEC-COLLECTIVE

_COLLECTIVE_ARTICLES = [MD.art("30", "1"), ART42]


@rule(
    id="DEC-COLLECTIVE",
    title_zh="集体讨论决定",
    title_en="Collective decision",
    category="procedure",
    severity="S1",
    legal_basis=[MD.art("30"), ART42],
    parameters=(
        Parameter(
            name="township_meeting_type",
            default=MeetingType.JOINT.value,
            choices=tuple(member.value for member in MeetingType),
            reading=True,
            doc="乡镇相当于“常务会议或者全体会议”的会议（U，"
            "docs/catalog/interpretations.md#township-meeting-type）：默认 joint（党政联席会议）"
            " / the township's meeting equivalent to an executive or plenary meeting (U): "
            "default joint (the party-government joint meeting)",
        ),
    ),
    messages={
        "missing": Message(
            zh="重大行政决策“{title}”{decision_date} 作出，事先未经集体讨论",
            en='major decision "{title}" was taken on {decision_date} without a collective '
            "discussion before it",
            articles=_COLLECTIVE_ARTICLES,
        ),
        "meeting": Message(
            zh="重大行政决策“{title}”在{meeting_type}上讨论，不是常务会议、全体会议或本级相应的"
            "会议（{accepted_meetings}）",
            en='major decision "{title}" was discussed at a {meeting_type} meeting, not an '
            "executive or plenary meeting or the township's equivalent ({accepted_meetings})",
            articles=_COLLECTIVE_ARTICLES,
        ),
        "dissent": Message(
            zh="重大行政决策“{title}”集体讨论（{meeting_date}）中有不同意见，但未如实载明",
            en='major decision "{title}": differing opinions at the discussion of '
            "{meeting_date} were not recorded",
            articles=[MD.art("30", "3"), ART42],
        ),
    },
    **_common(),
)
def decision_collective(decision: MajorDecision, ctx: Context) -> None:
    """Flags a decision taken without a collective discussion before it, discussed at a
    meeting of the wrong kind, or whose differing opinions were not recorded.

    The meeting must be a 常务会议, a 全体会议 or the meeting the deployment names as the
    township's equivalent (``township_meeting_type``, default the 党政联席会议). Differing
    opinions expressed (``dissent_expressed = true``) must be in the minutes
    (``dissent_recorded``); recorded as not kept is a finding. A decision without a
    discussion is dated the day of the decision; the other findings the day of the meeting.
    **The same day:** a meeting on the day of the decision is the discussion that decided it.

    ## Why
    重大行政决策程序暂行条例 Art. 30(1): "决策草案应当经决策机关常务会议或者全体会议讨论";
    Art. 30(3): "集体讨论决定情况应当如实记录，不同意见应当如实载明"; Art. 42 (townships by
    analogy).

    ## Example that flags
    A decision of 2025-10-17 with no discussion record; or discussed at a 镇长办公会议 while
    the township's meeting is the 党政联席会议.

    ## Example that does not flag
    Discussed at the 党政联席会议 of 2025-10-17, the dissent of one member recorded.

    ## Configuration
    ``township_meeting_type`` (reading, default ``"joint"``: 党政联席会议).
    """
    decided = decision.decision_date
    if decided is None:
        return
    meeting = decision.discussion
    base: dict[str, Any] = {"title": decision.title, "decision_date": decided}
    # A meeting on the day of the decision counts as before it.
    if meeting is None or meeting.date > decided:
        ctx.finding(
            "missing",
            key="missing",
            fact_date=decided,
            facts={**base, "meeting_date": None if meeting is None else meeting.date},
        )
        return
    township = MeetingType(str(ctx.reading("township_meeting_type")))
    accepted = [MeetingType.EXECUTIVE, MeetingType.PLENARY, township]
    if meeting.meeting_type not in accepted:
        ctx.finding(
            "meeting",
            key="meeting",
            fact_date=meeting.date,
            facts={
                **base,
                "meeting_date": meeting.date,
                "meeting_type": meeting.meeting_type,
                "accepted_meetings": accepted,
            },
        )
    if meeting.dissent_expressed is True and meeting.dissent_recorded is False:
        ctx.finding(
            "dissent",
            key="dissent",
            fact_date=meeting.date,
            facts={**base, "meeting_date": meeting.date},
        )


# --------------------------------------------------------------------------------------------
# DEC-PUBLISH-ARCHIVE

_PUBLISH_ARTICLES = [MD.art("32"), GOVINFO.art("26"), ART42]
_ARCHIVE_ARTICLES = [MD.art("33"), ART42]
_PUBLISH_LABEL = "公布期限 / publication deadline"
_ARCHIVE_LABEL = "归档期限 / archiving deadline"


@rule(
    id="DEC-PUBLISH-ARCHIVE",
    title_zh="公布与归档",
    title_en="Publication and archiving",
    category="transparency",
    severity="S3",
    legal_basis=[MD.art("32"), MD.art("33"), GOVINFO.art("26"), ART42],
    parameters=(
        Parameter(
            name="publication_within_wd",
            default=20,
            unit="working days",
            reading=True,
            doc="“及时公布”的期限：默认自决定之日起20个工作日（U，类推政府信息公开条例第26条；"
            "docs/catalog/interpretations.md#publication-within-wd）/ 'published in time': by "
            "default within 20 working days of the decision (U, by analogy with 政府信息公开条例 "
            "Art. 26)",
        ),
        Parameter(
            name="archive_within_months",
            default=6,
            unit="months",
            reading=True,
            source=PROJECT_DEFAULTS.art(verification="U"),
            doc="“及时完整归档”的期限：默认自决定之日起6个月（U，本系统默认，各地档案制度不同；"
            "docs/catalog/interpretations.md#archive-within-months）/ 'archived in time': by "
            "default within 6 months of the decision (U, the project's default; local "
            "archiving rules differ)",
        ),
    ),
    messages={
        "publish-late": Message(
            zh="重大行政决策“{title}”{decision_date} 作出，公布期限截至 {deadline}"
            "（{days} 个工作日），{published_date} 才公布",
            en='major decision "{title}" taken on {decision_date}: publication was due by '
            "{deadline} ({days} working days) and came only on {published_date}",
            articles=_PUBLISH_ARTICLES,
        ),
        "publish-missing": Message(
            zh="重大行政决策“{title}”{decision_date} 作出，公布期限 {deadline}（{days} 个工作日）"
            "已届满，尚未公布",
            en='major decision "{title}" taken on {decision_date}: the publication deadline '
            "{deadline} ({days} working days) has passed and it is not published",
            articles=_PUBLISH_ARTICLES,
        ),
        "archive-late": Message(
            zh="重大行政决策“{title}”{decision_date} 作出，决策过程记录和材料归档期限截至 "
            "{deadline}（{months} 个月），{archived_date} 才归档",
            en='major decision "{title}" taken on {decision_date}: the records were to be '
            "archived by {deadline} ({months} months) and were archived only on "
            "{archived_date}",
            articles=_ARCHIVE_ARTICLES,
        ),
        "archive-missing": Message(
            zh="重大行政决策“{title}”{decision_date} 作出，归档期限 {deadline}（{months} 个月）"
            "已届满，决策过程记录和材料尚未归档",
            en='major decision "{title}" taken on {decision_date}: the archiving deadline '
            "{deadline} ({months} months) has passed and the records are not archived",
            articles=_ARCHIVE_ARTICLES,
        ),
    },
    **_common(),
)
def decision_publish_archive(decision: MajorDecision, ctx: Context) -> None:
    """Flags a decision published late or not at all, and a decision whose process records
    were archived late or not at all.

    The regulation asks for publication "及时" and archiving "及时完整" without a number: the
    defaults are 20 working days for publication (the period of 政府信息公开条例 Art. 26 for
    information the government must disclose on its own) and 6 months for archiving (the
    project's own default). A decision exempt from publication by law (``publication_exempt =
    true``) is judged only for archiving. A late act is dated its day, a missing one the first
    day past the deadline. **The same day:** publication or archiving on the last day is in
    time.

    ## Why
    重大行政决策程序暂行条例 Art. 32: "决策机关应当通过本级人民政府公报和政府网站……及时公布
    重大行政决策"; Art. 33: "由有关单位将履行决策程序形成的记录、材料及时完整归档"; Art. 42.

    ## Example that flags
    Decided 2025-03-03, not published by 2025-03-31 (20 working days) → S3.

    ## Example that does not flag
    Published 2025-03-06 and archived 2025-05-20.

    ## Configuration
    ``publication_within_wd`` (reading, default 20) and ``archive_within_months`` (reading,
    default 6).
    """
    decided = decision.decision_date
    if decided is None:
        return
    base: dict[str, Any] = {"title": decision.title, "decision_date": decided}
    if decision.publication_exempt is not True:
        days = int(ctx.reading("publication_within_wd"))
        published = decision.published_date

        def publication(counting: str) -> Deadline:
            return ctx.deadline(
                decided, days, counting, start_label="作出决策", start_label_en="decision"
            )

        found = deadline_unless_decided(
            ctx, published, lambda: publication("WD"), lambda: publication("CD")
        )
        label = _PUBLISH_LABEL
        if found is not None and ctx.late(found, published, label=label):
            ctx.finding(
                "publish-late" if published is not None else "publish-missing",
                key="publish",
                facts={
                    **base,
                    "published_date": published,
                    "deadline": found.due_date,
                    "days": days,
                },
                deadlines={label: found},
            )
    months = int(ctx.reading("archive_within_months"))
    archive = ctx.deadline(
        decided, months, "M", rollover=False, start_label="作出决策", start_label_en="decision"
    )
    archived = decision.archived_date
    label = _ARCHIVE_LABEL
    if ctx.late(archive, archived, label=label):
        ctx.finding(
            "archive-late" if archived is not None else "archive-missing",
            key="archive",
            facts={
                **base,
                "archived_date": archived,
                "deadline": archive.due_date,
                "months": months,
            },
            deadlines={label: archive},
        )


RULES: tuple[Rule, ...] = (
    decision_catalog,
    decision_public_30d,
    decision_hearing_7d,
    decision_expert,
    decision_risk,
    decision_legality,
    decision_collective,
    decision_publish_archive,
)
