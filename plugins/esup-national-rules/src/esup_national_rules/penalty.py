"""行政处罚 (administrative penalties), part A: the procedural rules of the catalog
(``docs/catalog/rules.md``, 行政处罚).

Officers and certificates, recusal, prior notice, hearings, legal review, collective
discussion, the 90-day decision limit, service of the decision, the summary procedure and
on-the-spot collection of fines (行政处罚法 Arts. 42–71). The limitation, ne-bis-in-idem,
discretion and other substantive rules of that section are in
:mod:`esup_national_rules.penalty_limits`.

**Law in force.** The articles cited are those of the Administrative Penalty Law as revised on
2021-01-22, in force from **2021-07-15**. Each rule declares ``valid_from=2021-07-15`` and a
facts date (usually the date printed on the 决定书, for PEN-DECISION-90D the filing date, for
the officer rules the date of each act); facts before 2021-07-15 are *not evaluated* by these
rules — the 1996 law (amended 2009 and 2017) applied to them and is not encoded here, so such
cases are reported as not in force rather than judged under the wrong text. The one exception
is PEN-SUMMARY-LIMIT, which carries the old limits (50 / 1,000 yuan, 1996/2017 Art. 33) as
dated parameter values and applies from 1996-10-01.

**Counting.** Every period goes through the statutory calendar (``ctx.deadline``): the 90 days
of Art. 60 are calendar days; the "二日/五日/七日" of Arts. 61, 64 and 71 are working days
(Art. 85). Deadlines that need a year without an official holiday schedule never yield an
S1/S2 finding on a provisional date: the context turns them into notes. Where the answer
cannot depend on the missing schedule (an act done within the same number of calendar days,
a decision before the strict day), the rules decide without it.

**Texts and citations.** Each rule declares the texts of its findings as message templates
(``messages={...}``) with the articles that path applies; bodies name the kind and give the
facts. Citations come from the pack's instrument registry (:mod:`esup_national_rules._law`).

**The same day.** Dates carry no time. Where the law orders two acts (notice before decision,
request within five days, hearing before decision) each rule says how a same-day pair is read,
in its docs and in a comment at the comparison; the readings that are interpretations are
parameters (``same_day_notice``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from enforcement_supervision.model import (
    ActKind,
    DeliveryMethod,
    LegalReviewResult,
    MatterListKind,
    PaymentChannel,
    PenaltyCase,
    PenaltyType,
    PriorNotice,
    Procedure,
)
from enforcement_supervision.rules import (
    AS_OF,
    Context,
    DatedValue,
    Evidence,
    LegalBasis,
    Message,
    Parameter,
    Rule,
    Screen,
    Text,
    any_of,
    field,
    rule,
)
from enforcement_supervision.statutory_time import (
    Deadline,
    ExcludedPeriod,
    Extension,
    at_most,
    exceeds,
)
from esup_national_rules._agency_deadlines import (
    AGENCY_DEADLINE_ROLLOVER,
    STRICT_DEADLINE_ADVISORY,
    past_strict_deadline,
)
from esup_national_rules._bounds import is_bound, wd_deadline_or_bound
from esup_national_rules._core_screens import (
    DECISION_90D_SCREEN,
    DELIVERY_7WD_SCREEN,
    LEGAL_REVIEW_SCREEN,
    OFFICERS_2_SCREEN,
    SUMMARY_LIMIT_SCREEN,
)
from esup_national_rules._law import (
    APL,
    APL_1996,
    CODE_OF_CONDUCT,
    OPINION_118,
    SAMR_PROCEDURE,
)
from esup_national_rules._officers import officer_problems
from esup_national_rules._penalty_common import (
    HEARING_THRESHOLDS,
    act_keys,
    case_date,
    deadline_unless_decided,
    decision_date,
    hearing_right_grounds,
    is_natural_person,
    latest_act_date,
    payment_date,
)

__all__ = ["RULES"]

#: Enforcement acts that need two qualified officers (catalog, PEN-OFFICERS-2: investigation
#: record, inspection record, on-site summary decision, evidence preservation).
_DEFAULT_ACT_KINDS: tuple[str, ...] = (
    ActKind.INVESTIGATION.value,
    ActKind.ON_SITE_INSPECTION.value,
    ActKind.ON_SITE_DECISION.value,
    ActKind.EVIDENCE_PRESERVATION.value,
)


def _act_kind_values(value: Any) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise TypeError("expected a list of act kinds")
    return tuple(ActKind(str(item)).value for item in value)


def _act_kinds_parameter() -> Parameter:
    return Parameter(
        name="act_kinds",
        default=_DEFAULT_ACT_KINDS,
        converter=_act_kind_values,
        doc="检查的执法行为类型（ActKind 英文值）；默认为目录所列：调查询问、现场检查、"
        "当场处罚决定、证据先行登记保存 / kinds of enforcement act checked (ActKind "
        "values); default: the catalog's investigation, on-site inspection, on-site "
        "decision and evidence preservation",
    )


def officer_problem_texts(officer: Any | None, day: dt.date) -> list[Text]:
    """OFFICER-VALID's reasons, each in both languages."""
    return [Text(zh=zh, en=en) for zh, en in officer_problems(officer, day)]


def _act_text(kind: ActKind) -> Text:
    return Text(zh=kind.label_zh, en=kind.value.replace("_", " "))


def _text(message: Message, **facts: Any) -> Text:
    """A fact value in both languages, from a template (a part of a finding's text)."""
    return Text(zh=message.render(facts, "zh"), en=message.render(facts, "en"))


# Parts of finding texts, and labels of deadlines in the statements of reasons.
_RAISED = Message(
    zh="罚款由拟 {proposed} 元增至 {fine} 元", en="fine raised from {proposed} to {fine} yuan"
)
_ADDED = Message(zh="增加处罚种类：{types}", en="penalty types added: {types}")
_ON_CATALOG = Message(
    zh="事项 {code} 列入法制审核目录", en="matter {code} is on the review catalog"
)
_MAJOR_INTEREST = Text(zh="涉及重大公共利益", en="major public interest")
_HEARING_HELD = Text(zh="经过听证程序", en="a hearing was held")
_COMPLEX = Text(zh="案情疑难复杂、涉及多个法律关系", en="complex, several legal relationships")
_BY_LAW = Text(zh="法律法规规定应当进行法制审核", en="review required by law")
_WINDOW_LABEL = "听证申请期 / hearing request window"


def _hearing_window(ctx: Context, served: dt.date, decisive: Callable[[dt.date], bool]) -> Deadline:
    """The party's five working days to ask for a hearing after the notice is served (Art.
    64(1), Art. 85), or their earliest bound where ``decisive`` holds on it (_bounds.py)."""
    return wd_deadline_or_bound(
        ctx, served, 5, decisive, start_label="告知书送达", start_label_en="notice served"
    )


_LIMIT_LABEL = "九十日办案期限 / 90-day limit"
_EXTENSION = Text(zh="延长", en="extension")
_ANNOUNCED = Text(zh="宣告", en="announced")
_DECISION_MADE = Text(zh="决定", en="decided")
_LANDED = Text(zh="抵岸", en="landed")
_COLLECTED = Text(zh="当场收缴", en="collected")
# Values the templates render, one text per language (declarative tables, not messages).
_CHAIRED = Text(zh="主持听证", en="chaired the hearing")
_REVIEWED = Text(zh="法制审核", en="legal review")
_DECIDED = Text(zh="作出处罚决定", en="decided")
_CLOSED = Text(zh="结案", en="closed")
_NATURAL_PERSON = Text(zh="公民", en="a natural person")
_ORGANISATION = Text(zh="法人或者其他组织", en="an organisation")


def _evidence_decided(case: PenaltyCase) -> Evidence:
    decided = case.decision.decision_date if case.decision is not None else None
    return Evidence(
        description="行政处罚决定书日期",
        record_type="penalty-case",
        record_id=case.id,
        field="decision.decision_date",
        value=str(decided),
    )


def _evidence_closed(case: PenaltyCase) -> Evidence:
    closed = case.closure.closed_date if case.closure is not None else None
    return Evidence(
        description="结案日期",
        record_type="penalty-case",
        record_id=case.id,
        field="closure.closed_date",
        value=str(closed),
    )


def _waived_hearing(case: PenaltyCase, by: dt.date) -> bool:
    """The party waived the hearing in writing on or before ``by`` (or on an unknown date)."""
    waiver = case.waiver
    return (
        waiver is not None and waiver.hearing is True and (waiver.date is None or waiver.date <= by)
    )


# ============================================================================================
# PEN-OFFICERS-2


@rule(
    id="PEN-OFFICERS-2",
    title_zh="执法人员不少于两人",
    title_en="At least two enforcement officers",
    category="procedure",
    severity="S1",
    legal_basis=APL.art("42", "1"),
    applies_to="penalty-case",
    parameters=[_act_kinds_parameter()],
    valid_from=APL.in_force,
    facts_date=latest_act_date,
    screen=OFFICERS_2_SCREEN,
    messages={
        "fewer-than-two": Message(
            zh="{act}（{act_date}）仅有 {qualified_count} 名具有执法资格的执法人员，少于两人",
            en="{act} on {act_date}: {qualified_count} qualified officer(s), fewer than two",
            articles=[APL.art("42", "1")],
        ),
        "no-officers": Message(
            zh="{act}（{act_date}）未记录执法人员，无法判断人数",
            en="{act} on {act_date}: no officers recorded, cannot count them",
        ),
    },
)
def officers_two(case: PenaltyCase, ctx: Context) -> None:
    """Flags an enforcement act done by fewer than two officers who could lawfully enforce.

    For each investigation, on-site inspection, on-site (summary) decision and evidence
    preservation of the case, the distinct officers who were, on the day of the act,
    qualified under OFFICER-VALID (an active certificate valid that day, validity dates
    inclusive, held by someone who is not auxiliary staff) are counted; fewer than two is a
    finding unless the act records the statute that allows fewer (``law_exception_ref``).
    An officer id with no officer record is not counted. An act with no officers recorded is
    not judged (a note says so).

    ## Why
    行政处罚法 Art. 42(1): "行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得
    少于两人，法律另有规定的除外。" An act done by one qualified officer — even with an
    auxiliary or an officer whose certificate has lapsed beside him — breaks it. Acts dated
    before 2021-07-15 are not evaluated (the 1996/2017 text applied to them).

    ## Example that flags
    A 50-yuan summary fine issued on the spot by one officer, with no special-law reference
    (E5); an inspection on 2025-07-02 by officers X and Y where X's certificate ran to
    2025-06-30 (E20): only one valid officer.

    ## Example that does not flag
    The same inspection recorded on 2025-06-30 (validity is inclusive); or a summary traffic
    decision by one officer with ``law_exception_ref`` naming 道路交通安全法 Art. 107.

    ## Configuration
    ``act_kinds`` (default: investigation, on_site_inspection, on_site_decision,
    evidence_preservation) — the kinds of act checked; add ``sampling`` to check 抽样取证 too.
    """
    kinds = set(ctx.param("act_kinds"))
    for key, act in act_keys(case.acts):
        if act.kind.value not in kinds or not ctx.in_force(act.date):
            continue
        if act.law_exception_ref is not None:
            continue
        ids = list(dict.fromkeys(act.officer_ids))
        if not ids:
            ctx.note("no-officers", act=act.kind, act_date=act.date, key=key)
            continue
        valid: list[str] = []
        invalid: dict[str, list[Text]] = {}
        for officer_id in ids:
            problems = officer_problem_texts(ctx.lookup("officer", officer_id), act.date)
            if problems:
                invalid[officer_id] = problems
            else:
                valid.append(officer_id)
        if len(valid) < 2:
            ctx.finding(
                "fewer-than-two",
                key=key,
                fact_date=act.date,
                facts={
                    "act": act.kind,
                    "act_date": act.date,
                    "document_number": act.document_number,
                    "officers": ids,
                    "qualified_officers": valid,
                    "qualified_count": len(valid),
                    "not_qualified": invalid,
                },
            )


# ============================================================================================
# PEN-CERT-VALID


@rule(
    id="PEN-CERT-VALID",
    title_zh="无证、借证执法",
    title_en="Officer without a valid certificate",
    category="personnel, abuse",
    severity="S1",
    legal_basis=[
        APL.art("42", "1"),
        APL.art("76", "1", "5"),
        APL.art("55"),
        CODE_OF_CONDUCT.art(verification="V2"),
    ],
    applies_to="penalty-case",
    parameters=[_act_kinds_parameter()],
    valid_from=APL.in_force,
    facts_date=latest_act_date,
    messages={
        "not-qualified": Message(
            zh="执法人员 {officer_id} 于 {act_date} 不具备执法资格：{problems}",
            en="officer {officer_id} could not enforce on {act_date}: {problems}",
            articles=[
                APL.art("42", "1"),
                APL.art("76", "1", "5"),
                CODE_OF_CONDUCT.art(verification="V2"),
            ],
        ),
        "certificate-not-shown": Message(
            zh="{act}（{act_date}）未出示执法证件",
            en="{act} on {act_date}: certificates not shown",
            articles=[APL.art("55"), APL.art("52")],
        ),
    },
)
def certificate_valid(case: PenaltyCase, ctx: Context) -> None:
    """Flags an officer who took part in an enforcement act without being able to enforce
    that day, and an act at which the certificates were not shown.

    An officer fails OFFICER-VALID when the act's date is before ``cert_valid_from`` or after
    ``cert_valid_to`` (inclusive dates), the certificate status is not ``active``, the
    officer is auxiliary staff (协管员、网格员、临时工), or there is no record of the officer
    or of a certificate. One finding per officer and act (key ``<act>:<officer id>``); a
    recorded ``certificate_shown = false`` gives a finding ``<act>:certificate-not-shown``.

    ## Why
    Art. 42(1) lets only officers 具有行政执法资格 impose penalties; Art. 55 requires them to
    show their certificates; Art. 76(1)(5) makes enforcement by officers without certificates
    a ground of liability; the 2025 code of conduct forbids 无证执法、借证执法 and enforcement
    by auxiliaries. Acts before 2021-07-15 are not evaluated.

    ## Example that flags
    Officer X's certificate is valid to 2025-06-30; X signs an inspection record on 2025-07-02
    (E20) → S1 for X.

    ## Example that does not flag
    The same record dated 2025-06-30, the last day of validity.

    ## Configuration
    ``act_kinds`` — the kinds of act checked (default as PEN-OFFICERS-2).
    """
    kinds = set(ctx.param("act_kinds"))
    for key, act in act_keys(case.acts):
        if act.kind.value not in kinds or not ctx.in_force(act.date):
            continue
        for officer_id in dict.fromkeys(act.officer_ids):
            problems = officer_problem_texts(ctx.lookup("officer", officer_id), act.date)
            if not problems:
                continue
            ctx.finding(
                "not-qualified",
                key=f"{key}:{officer_id}",
                fact_date=act.date,
                facts={
                    "act": act.kind,
                    "act_date": act.date,
                    "document_number": act.document_number,
                    "officer_id": officer_id,
                    "problems": problems,
                },
            )
        if act.certificate_shown is False:
            ctx.finding(
                "certificate-not-shown",
                key=f"{key}:certificate-not-shown",
                fact_date=act.date,
                facts={"act": act.kind, "act_date": act.date, "certificate_shown": False},
            )


# ============================================================================================
# PEN-RECUSAL


@rule(
    id="PEN-RECUSAL",
    title_zh="回避",
    title_en="Recusal",
    category="procedure",
    severity="S2",
    legal_basis=APL.art("43"),
    applies_to="penalty-case",
    valid_from=APL.in_force,
    facts_date=case_date,
    messages={
        "conflict": Message(
            zh="执法人员 {officer_id} 与当事人存在利害关系（{conflict_known_date} 知悉），"
            "未作回避决定即于 {first_act_date} 参与{first_act}",
            en="officer {officer_id} has a conflict with the party (known "
            "{conflict_known_date}) and took part ({first_act}, {first_act_date}) without a "
            "recusal decision",
            articles=[APL.art("43", "1")],
        ),
        "recused-acted": Message(
            zh="执法人员 {officer_id} 已于 {recusal_decided} 决定回避，仍于 {first_act_date} "
            "参与{first_act}",
            en="officer {officer_id} was recused on {recusal_decided} but took part "
            "({first_act}) on {first_act_date}",
            articles=[APL.art("43", "1")],
        ),
        "request-undecided": Message(
            zh="对执法人员 {officer_id} 的回避申请：作出处罚决定前未对回避申请作出决定",
            en="recusal request about officer {officer_id}: no decision on the request before "
            "the penalty decision",
            articles=[APL.art("43", "2"), APL.art("43", "3")],
        ),
        "request-not-by-head": Message(
            zh="对执法人员 {officer_id} 的回避申请：回避决定并非由机关负责人作出",
            en="recusal request about officer {officer_id}: not decided by the agency head",
            articles=[APL.art("43", "3")],
        ),
    },
)
def recusal(case: PenaltyCase, ctx: Context) -> None:
    """Flags an officer with a known conflict of interest who took part in the case without
    a decision on recusal, and a party's recusal request not decided by the agency head
    before the penalty decision.

    (a) An officer of the case (in an act, as hearing chair or as legal reviewer) has a
    ``conflicts`` entry for the case's party (``party.party_id``) known on or before the day
    he took part, and the case has no recusal decision about him; or he was recused and still
    took part after the recusal decision. (b) A recusal request in ``recusals`` (requested by
    the party or with a request date) has no decision dated on or before the decision date, or
    a decision recorded as not made by the agency head.

    ## Why
    行政处罚法 Art. 43: officers with a direct interest or another relationship that may
    affect fair enforcement shall recuse themselves; the party may ask for recusal, and the
    agency head decides; the investigation goes on until then. **The same day** (the data
    carry no times): an act on the day the conflict became known counts as taking part while
    conflicted (he had to step aside on knowing); an act on the day of the recusal decision
    does not count as acting after it (the investigation goes on until the decision, which may
    have come later that day); a decision on a recusal request dated the day of the penalty
    decision counts as made before it. Cases decided before 2021-07-15 are not evaluated.

    ## Example that flags
    Officer O has a conflict with party P known since 2025-03-01 and questions P on
    2025-03-05; there is no recusal decision.

    ## Example that does not flag
    The head decided on 2025-03-04 that O need not recuse; or O's conflict became known only
    after his last act in the case.

    ## Configuration
    None.
    """
    party_id = case.party.party_id
    if party_id is not None:
        took_part: dict[str, list[tuple[dt.date, Text]]] = {}
        for act in case.acts:
            for officer_id in act.officer_ids:
                took_part.setdefault(officer_id, []).append((act.date, _act_text(act.kind)))
        hearing = case.hearing
        if hearing is not None and hearing.chair_id and hearing.held_date:
            took_part.setdefault(hearing.chair_id, []).append((hearing.held_date, _CHAIRED))
        review = case.legal_review
        if review is not None and review.reviewer_id and review.completed_date:
            took_part.setdefault(review.reviewer_id, []).append((review.completed_date, _REVIEWED))
        for officer_id, events in sorted(took_part.items(), key=lambda item: item[0]):
            officer = ctx.lookup("officer", officer_id)
            if officer is None:
                continue
            known = [c.known_date for c in officer.conflicts if c.party_id == party_id]
            if not known:
                continue
            since = min(known)
            # Same day: the conflict was known the day he acted. The order within the day is
            # not recorded; the officer had to step aside on knowing, so the act counts.
            after = sorted((e for e in events if e[0] >= since), key=lambda e: e[0])
            if not after:
                continue
            decisions = [r for r in case.recusals if r.officer_id == officer_id and r.decided_date]
            if not decisions:
                ctx.finding(
                    "conflict",
                    key=f"conflict:{officer_id}",
                    fact_date=after[0][0],
                    facts={
                        "officer_id": officer_id,
                        "conflict_known_date": since,
                        "first_act": after[0][1],
                        "first_act_date": after[0][0],
                        "took_part": [f"{d} {text.en}" for d, text in after],
                    },
                )
                continue
            recused = [r.decided_date for r in decisions if r.granted and r.decided_date]
            if recused:
                cut = min(recused)
                # Same day as the recusal decision: Art. 43(3) lets the investigation go on
                # until the decision, which may have come later that day; only later days
                # count.
                later = [e for e in after if e[0] > cut]
                if later:
                    ctx.finding(
                        "recused-acted",
                        key=f"recused-acted:{officer_id}",
                        fact_date=later[0][0],
                        facts={
                            "officer_id": officer_id,
                            "recusal_decided": cut,
                            "first_act": later[0][1],
                            "first_act_date": later[0][0],
                            "took_part": [f"{d} {text.en}" for d, text in later],
                        },
                    )
    decision = case.decision
    if decision is None:
        return
    seen: set[str] = set()
    for request in case.recusals:
        if request.requested_date is None and request.requested_by_party is not True:
            continue
        key = f"request:{request.officer_id}:{request.requested_date or 'undated'}"
        if key in seen:
            continue
        seen.add(key)
        decided = request.decided_date
        # A decision on the request dated the day of the penalty decision counts as before it.
        if decided is not None and decided <= decision.decision_date:
            if request.decided_by_head is not False:
                continue
            kind = "request-not-by-head"
        else:
            kind = "request-undecided"
        ctx.finding(
            kind,
            key=key,
            fact_date=decision.decision_date,
            facts={
                "officer_id": request.officer_id,
                "requested_date": request.requested_date,
                "decided_date": decided,
                "decided_by_head": request.decided_by_head,
                "decision_date": decision.decision_date,
            },
        )


# ============================================================================================
# PEN-NOTICE

_NOTICE_ITEMS: tuple[tuple[str, Text], ...] = (
    ("proposed_penalty", Text(zh="拟作出的处罚内容", en="proposed penalty")),
    ("facts", Text(zh="事实", en="facts")),
    ("reasons", Text(zh="理由", en="reasons")),
    ("legal_basis", Text(zh="依据", en="legal basis")),
    ("right_statement", Text(zh="陈述权", en="right to make a statement")),
    ("right_defence", Text(zh="申辩权", en="right of defence")),
)


@rule(
    id="PEN-NOTICE",
    title_zh="处罚前告知",
    title_en="Prior notice of facts, reasons, basis and rights",
    category="procedure",
    severity="S1",
    legal_basis=[APL.art("44"), APL.art("45"), APL.art("62")],
    applies_to="penalty-case",
    parameters=[
        *HEARING_THRESHOLDS,
        Parameter(
            name="summary_notice_record_required",
            default=False,
            reading=True,
            doc="简易程序案件缺少书面告知记录是否认定为未告知。默认否：当场处罚的告知通常口头"
            "作出并载于决定书，缺少单独记录不等于未告知（U）/ whether a summary decision with "
            "no prior-notice record counts as not notified (default false; U)",
        ),
        Parameter(
            name="same_day_notice",
            default="late",
            choices=("late", "in_time"),
            reading=True,
            doc="普通程序中告知书与处罚决定同日送达、当事人未陈述申辩也未书面放弃时如何认定"
            "（U，见 docs/catalog/interpretations.md#same-day-notice）：late（默认，保护当事人："
            "日期不记时刻，无从证明告知在前且当事人有机会陈述申辩）；in_time（同日视为在前）。"
            "简易程序当场告知、当场决定，同日始终视为在前 / an ordinary-procedure notice "
            "served on the day of the decision, with no statement or defence and no waiver: "
            "'late' (default, protective of the party) or 'in_time'. Summary decisions are "
            "always in time on the same day",
        ),
        Parameter(
            name="statement_period_wd",
            default=0,
            unit="working days",
            doc="当事人陈述申辩期限（工作日，部门或地方规定，如市场监管领域）；0 表示法律未规定"
            "期限，只要求告知在决定之前 / working days a sector or local rule gives the party to "
            "make a statement or defence after the notice (0: the law sets none; the notice "
            "must only come before the decision)",
        ),
    ],
    valid_from=APL.in_force,
    facts_date=case_date,
    messages={
        "missing": Message(
            zh="作出处罚决定前未告知拟作出的处罚内容及事实、理由、依据和权利",
            en="no prior notice of the proposed penalty, facts, reasons, basis and rights "
            "before the decision",
            articles=[APL.art("44"), APL.art("62")],
        ),
        "served-late": Message(
            zh="告知于 {notice_served_date} 作出，晚于处罚决定日期 {decision_date}",
            en="prior notice given on {notice_served_date}, after the decision of {decision_date}",
            articles=[APL.art("44"), APL.art("62")],
        ),
        "same-day": Message(
            zh="普通程序中告知书于处罚决定当日（{decision_date}）才送达，当事人未陈述申辩、"
            "也未书面放弃，即作出处罚决定",
            en="ordinary procedure: the prior notice was served on the day of the decision "
            "({decision_date}) and the decision was made without a statement, a defence or a "
            "written waiver",
            articles=[APL.art("44"), APL.art("45", "1"), APL.art("62")],
        ),
        "statement-period": Message(
            zh="陈述申辩期限为告知书送达后 {statement_period_wd} 个工作日"
            "（{statement_last_day:deadline}），当事人未陈述申辩，{decision_date} 即作出决定",
            en="the party had {statement_period_wd} working days after the notice to make a "
            "statement or defence ({statement_last_day:deadline}); the decision came on "
            "{decision_date} without one",
            articles=[APL.art("45", "1"), APL.art("62")],
        ),
        "content": Message(
            zh="告知书未告知：{not_stated}",
            en="prior notice does not state: {not_stated}",
            articles=[APL.art("44")],
        ),
        "hearing-right": Message(
            zh="告知书未告知听证权（{grounds}）",
            en="prior notice does not state the right to a hearing ({grounds})",
            articles=[APL.art("44"), APL.art("63", "1")],
        ),
        "heavier-after-defence": Message(
            zh="当事人陈述申辩后给予更重的处罚：{heavier}",
            en="heavier penalty after the party's statement and defence: {heavier}",
            articles=[APL.art("45", "2")],
        ),
    },
)
def prior_notice(case: PenaltyCase, ctx: Context) -> None:
    """Flags a penalty decision made without a proper prior notice, or made heavier after
    the party's statement and defence.

    With a decision and no written waiver of statement and defence
    (``waiver.statement_and_defence``): the prior notice is missing (ordinary procedure; for
    the summary procedure see *Configuration*) — key ``missing``; it was served after the
    decision date — ``served-late``; in the ordinary procedure, it was served on the decision
    date itself and the party neither stated its case nor waived (by default; see
    ``same_day_notice``) — ``served-late`` too; where a rule gives the party a statement
    period (``statement_period_wd``), the decision came within it without a statement —
    ``statement-period``; it records that the proposed penalty, facts,
    reasons, basis, right of statement or right of defence were **not** stated — ``content``;
    or it did not state the right to a hearing although the hearing right applied (as
    PEN-HEARING-RIGHT, same thresholds) — ``hearing-right``. Independently of any waiver:
    the party made a statement or defence and the decision is heavier than the penalty
    proposed (a higher fine, or a penalty type not proposed) — ``heavier-after-defence``.

    ## Why
    行政处罚法 Art. 44 requires the agency to notify the party, before deciding, of the
    proposed penalty, its facts, reasons and basis and of the rights of statement, defence
    and hearing; Art. 45(1) gives the party the right to state its case and be heard; Art.
    45(2) forbids a heavier penalty because of the defence; Art. 62: without the notice, or
    refusing to hear the statement and defence, "不得作出行政处罚决定". Decisions before
    2021-07-15 are not evaluated.

    **The same day.** The summary procedure (Arts. 51–52) notifies and decides on the spot, in
    that order, on one day: a notice recorded on the day of the decision is in time, one dated
    later is not. In the ordinary procedure the law sets no statement period, but the notice
    must come before the decision and the party must be able to state its case; dates carry no
    time, so a notice served on the decision day with neither a statement nor a waiver cannot
    show that — by default it is late (protective of the party; ``same_day_notice``). A
    statement or defence made on or before the decision date shows the right was exercised.

    ## Example that flags
    An ordinary-procedure decision dated 2025-05-20 whose notice was served on 2025-05-20 with
    no statement and no waiver; a notice served 2025-05-21 for a summary decision of
    2025-05-20; or a notice proposing a 2,000-yuan fine, a defence on 2025-05-12, and a
    3,000-yuan fine.

    ## Example that does not flag
    A notice served 2025-05-10 stating every item, and a decision on 2025-05-20 for the
    proposed fine. A 100-yuan summary fine whose notice is recorded on the day of the
    decision (issue 13).

    ## Configuration
    ``summary_notice_record_required`` (reading, default false): whether a summary decision
    without a prior-notice record is flagged. ``same_day_notice`` (reading, default
    ``late``; ``in_time`` takes a same-day notice as before the decision).
    ``statement_period_wd`` (default 0: none). The hearing thresholds
    ``hearing_fine_threshold_person`` (5,000), ``hearing_fine_threshold_org`` (100,000),
    ``hearing_confiscation_threshold_person`` (5,000), ``hearing_confiscation_threshold_org``
    (100,000) and ``other_heavy_penalty_types`` are pack parameters, shared with
    PEN-HEARING-RIGHT and PEN-HEARING-WINDOW: set them once in ``[packs."national"]``.
    """
    decision = case.decision
    if decision is None:
        return
    notice = case.prior_notice
    waiver = case.waiver
    waived = waiver is not None and waiver.statement_and_defence is True
    decided = decision.decision_date
    summary = decision.procedure is Procedure.SUMMARY
    facts: dict[str, Any] = {"decision_date": decided, "procedure": decision.procedure}
    if not waived:
        if notice is None:
            if not summary or ctx.reading("summary_notice_record_required"):
                ctx.finding("missing", key="missing", facts=facts)
        else:
            _notice_timing(case, notice, decided, summary, facts, ctx)
            missing = [label for name, label in _NOTICE_ITEMS if getattr(notice, name) is False]
            if missing:
                ctx.finding(
                    "content",
                    key="content",
                    facts={
                        "not_stated": missing,
                        "not_stated_fields": [
                            name for name, _ in _NOTICE_ITEMS if getattr(notice, name) is False
                        ],
                    },
                )
            if notice.right_hearing is False:
                grounds = hearing_right_grounds(case, ctx)
                if grounds:
                    ctx.finding(
                        "hearing-right",
                        key="hearing-right",
                        facts={"right_hearing": False, "grounds": grounds},
                    )
    if notice is not None and notice.defence_submitted_date is not None:
        heavier: list[Text] = []
        proposed_fine = notice.proposed_fine_amount
        if (
            proposed_fine is not None
            and decision.fine_amount is not None
            and exceeds(decision.fine_amount, proposed_fine)
        ):
            heavier.append(_text(_RAISED, proposed=proposed_fine, fine=decision.fine_amount))
        if notice.proposed_penalty_types:
            added = [t for t in decision.penalty_types if t not in notice.proposed_penalty_types]
            if added:
                heavier.append(_text(_ADDED, types=added))
        if heavier:
            ctx.finding(
                "heavier-after-defence",
                key="heavier-after-defence",
                fact_date=decided,
                facts={
                    "heavier": heavier,
                    "defence_submitted_date": notice.defence_submitted_date,
                    "proposed_fine_amount": proposed_fine,
                    "fine_amount": decision.fine_amount,
                    "proposed_penalty_types": list(notice.proposed_penalty_types),
                    "penalty_types": list(decision.penalty_types),
                },
            )


def _notice_timing(
    case: PenaltyCase,
    notice: PriorNotice,
    decided: dt.date,
    summary: bool,
    facts: dict[str, Any],
    ctx: Context,
) -> None:
    """PEN-NOTICE: whether the notice came before the decision, by the procedure's reading of
    the same day, and whether the party's statement period (where a rule sets one) ran out."""
    served = notice.served_date
    if served is None:
        return
    facts = {**facts, "notice_served_date": served}
    if served > decided:
        ctx.finding("served-late", key="served-late", fact_date=decided, facts=facts)
        return
    if summary:
        # Summary procedure: notice and decision on the spot, in that order, on one day.
        return
    defended = notice.defence_submitted_date
    if defended is not None and defended <= decided:
        return  # the party stated its case: the right was exercised before the decision
    if served == decided and ctx.reading("same_day_notice") == "late":
        ctx.finding("same-day", key="served-late", fact_date=decided, facts=facts)
        return
    days: int = ctx.param("statement_period_wd")
    if days <= 0:
        return
    period = ctx.deadline(
        served, days, "WD", start_label="告知书送达", start_label_en="notice served"
    )
    if ctx.deadline_met(period, decided, label="陈述申辩期限 / statement period"):
        ctx.finding(
            "statement-period",
            key="statement-period",
            facts={
                **facts,
                "statement_period_wd": days,
                "statement_last_day": period.due_date,
            },
        )


# ============================================================================================
# PEN-HEARING-RIGHT


#: Only a notice that states *no* right to a hearing can flag.
_HEARING_RIGHT_SCREEN = Screen(
    field("prior_notice.right_hearing") == False,  # noqa: E712 - a screen condition
    reason="the rule flags only a prior notice recorded with right_hearing = false; a notice "
    "stating the right, or none recorded, cannot flag.",
)


@rule(
    id="PEN-HEARING-RIGHT",
    title_zh="应告知听证权",
    title_en="Hearing right must be notified",
    category="procedure",
    severity="S1",
    legal_basis=APL.art("63", "1"),
    applies_to="penalty-case",
    screen=_HEARING_RIGHT_SCREEN,
    parameters=HEARING_THRESHOLDS,
    valid_from=APL.in_force,
    facts_date=case_date,
    messages={
        "hearing-right": Message(
            zh="应告知听证权而未告知（{grounds}）",
            en="the right to a hearing applied but was not notified ({grounds})",
            articles=[APL.art("63", "1")],
        ),
    },
)
def hearing_right(case: PenaltyCase, ctx: Context) -> None:
    """Flags a prior notice that states no right to a hearing although the penalty carries one.

    The right applies when the fine (decided or proposed) is at least the local threshold
    for 较大数额 for the party's type, the confiscated value is at least the confiscation
    threshold, or the penalty (decided or proposed) includes 降低资质等级, 吊销许可证件,
    责令停产停业, 责令关闭, 限制从业 or a type configured as another heavy penalty. The
    finding needs the notice to record ``right_hearing = false``; a missing notice is
    PEN-NOTICE's finding.

    ## Why
    行政处罚法 Art. 63(1): before such penalties the agency shall tell the party of the right
    to ask for a hearing. What is "较大数额" is set by provinces or ministries (U), hence the
    thresholds ("以上": inclusive). Cases decided before 2021-07-15 are not evaluated.

    ## Example that flags
    A company fined 100,000 yuan (default organisation threshold 100,000, inclusive) whose
    notice says nothing about a hearing.

    ## Example that does not flag
    A company fined 99,999.99 yuan; or a natural person fined 4,999 yuan.

    ## Configuration
    ``hearing_fine_threshold_person`` (default 5,000 yuan), ``hearing_fine_threshold_org``
    (100,000), ``hearing_confiscation_threshold_person`` (5,000),
    ``hearing_confiscation_threshold_org`` (100,000), all U
    (``docs/catalog/interpretations.md``), and ``other_heavy_penalty_types`` (default none):
    pack parameters, shared with PEN-HEARING-WINDOW and PEN-NOTICE and set once in
    ``[packs."national"]`` (a local profile may set them and cite its instrument).
    """
    notice = case.prior_notice
    if notice is None or notice.right_hearing is not False:
        return
    grounds = hearing_right_grounds(case, ctx)
    if grounds:
        ctx.finding(
            "hearing-right",
            key="hearing-right",
            fact_date=notice.served_date,
            facts={
                "party_type": case.party.type,
                "fine_amount": case.decision.fine_amount if case.decision else None,
                "proposed_fine_amount": notice.proposed_fine_amount,
                "grounds": grounds,
                "right_hearing": False,
            },
        )


# ============================================================================================
# PEN-HEARING-WINDOW


@rule(
    id="PEN-HEARING-WINDOW",
    version="2",
    title_zh="听证申请期未届满即作出决定",
    title_en="Decision before the 5-day hearing request window closed",
    category="procedure",
    severity="S2",
    legal_basis=[APL.art("64", "1", "1"), APL.art("85")],
    applies_to="penalty-case",
    parameters=HEARING_THRESHOLDS,
    valid_from=APL.in_force,
    facts_date=case_date,
    messages={
        "window": Message(
            zh="听证申请期未届满即作出处罚决定：{window_last_day:deadline}，{decision_date} "
            "即作出决定（{grounds}）",
            en="decided on {decision_date} while the party could still ask for a hearing "
            "({window_last_day:deadline}; {grounds})",
            articles=[APL.art("64", "1", "1"), APL.art("85")],
        ),
        "window-bound": Message(
            zh="听证申请期未届满即作出处罚决定：告知书 {notice_served_date} 送达起 5 个工作日的"
            "听证申请期不早于 {window_earliest_last_day} 届满（其后年度的放假安排尚未公布，"
            "只会使其更晚届满），{decision_date} 即作出决定（{grounds}）",
            en="decided on {decision_date} while the party could still ask for a hearing: the "
            "five working days from the notice served on {notice_served_date} end on "
            "{window_earliest_last_day} at the earliest (the later holiday schedule is not "
            "published yet, and no schedule can make them end sooner; {grounds})",
            articles=[APL.art("64", "1", "1"), APL.art("85")],
        ),
    },
)
def hearing_window(case: PenaltyCase, ctx: Context) -> None:
    """Flags a decision made while the party could still ask for a hearing.

    When the hearing right applies (as PEN-HEARING-RIGHT: thresholds and penalty types), the
    party did not ask for a hearing and did not waive it in writing by the decision date, and
    the decision is dated on or before the fifth working day after the prior notice was
    served. A notice that offers a hearing the law does not require does not make the window
    binding here.

    ## Why
    行政处罚法 Art. 64(1)(1): the party asks for a hearing within five days of being
    notified; Art. 85: those five days are working days. A decision within the window
    forecloses the right; **the fifth working day itself is still the party's**, so a
    decision dated on it is flagged, one dated the next working day is not. The start day is
    not counted; 调休 make-up days are working days.
    Decisions before 2021-07-15 are not evaluated.

    ## Example that flags
    A 100,000-yuan fine on a company; notice served Wednesday 2025-04-30. 05-01 to 05-05 are
    holidays, so the five working days are 05-06, 05-07, 05-08, 05-09 and Monday 05-12; a
    decision dated 2025-05-12 is flagged.

    ## Example that does not flag
    The decision on 2025-05-13; or a written hearing waiver dated before the decision.

    ## Configuration
    The hearing thresholds, pack parameters shared with PEN-HEARING-RIGHT and PEN-NOTICE:
    ``hearing_fine_threshold_person`` (5,000 yuan), ``hearing_fine_threshold_org``
    (100,000), ``hearing_confiscation_threshold_person`` (5,000),
    ``hearing_confiscation_threshold_org`` (100,000) and ``other_heavy_penalty_types``
    (none), set once in ``[packs."national"]``.
    """
    decision = case.decision
    notice = case.prior_notice
    if decision is None or notice is None or notice.served_date is None:
        return
    hearing = case.hearing
    if hearing is not None and hearing.requested_date is not None:
        return
    if _waived_hearing(case, decision.decision_date):
        return
    grounds = hearing_right_grounds(case, ctx)
    if not grounds:
        return
    decided = decision.decision_date
    # A window reaching into a year with no official schedule still decides a decision dated
    # on or before the earliest day the window can end (the bound, _bounds.py).
    window = _hearing_window(ctx, notice.served_date, lambda last: decided <= last)
    # The fifth working day is still the party's: a decision on it forecloses the right.
    if ctx.deadline_met(window, decision.decision_date, label=_WINDOW_LABEL):
        if is_bound(window):
            ctx.finding(
                "window-bound",
                key="window",
                facts={
                    "notice_served_date": notice.served_date,
                    "decision_date": decision.decision_date,
                    "window_earliest_last_day": window.due_date,
                    "grounds": grounds,
                },
            )
            return
        ctx.finding(
            "window",
            key="window",
            facts={
                "notice_served_date": notice.served_date,
                "decision_date": decision.decision_date,
                "window_last_day": window.due_date,
                "grounds": grounds,
            },
        )


# ============================================================================================
# PEN-HEARING-HELD


#: Every finding is about a hearing that was asked for, held or given a chair.
_HEARING_HELD_SCREEN = Screen(
    any_of(
        field("hearing.requested_date").is_not_null(),
        field("hearing.held_date").is_not_null(),
        field("hearing.chair_id").is_not_null(),
    ),
    reason="each finding needs a hearing request (not held), a hearing held (notice too short, "
    "record unsigned) or its chair (chair who investigated): a case with none of them "
    "cannot flag.",
)


@rule(
    id="PEN-HEARING-HELD",
    version="2",
    title_zh="听证组织",
    title_en="Hearing not held or held improperly",
    category="procedure",
    severity="S1",
    legal_basis=[APL.art("63"), APL.art("64", "1"), APL.art("65"), APL.art("85")],
    applies_to="penalty-case",
    screen=_HEARING_HELD_SCREEN,
    parameters=[
        Parameter(
            name="hearing_notice_counting",
            default="event_day_counts",
            choices=("event_day_counts", "clear_days"),
            reading=True,
            doc="“举行听证的七日前通知”的计算（U，docs/catalog/interpretations.md）："
            "event_day_counts 检查 add_wd(通知日, 7) <= 听证日（听证日可为第7个工作日）；"
            "clear_days 要求两者之间有完整的7个工作日（add_wd(通知日, 7) < 听证日）/ how "
            "'notice 7 days before the hearing' is checked: add_wd(notice, 7) <= hearing "
            "(default) or < hearing",
        )
    ],
    valid_from=APL.in_force,
    facts_date=case_date,
    messages={
        "not-held": Message(
            zh="当事人于 {requested_date} 要求听证，{decision_date} 作出处罚决定前未组织听证",
            en="the party asked for a hearing on {requested_date}; no hearing was held before "
            "the decision of {decision_date}",
            articles=[APL.art("63"), APL.art("64", "1", "1"), APL.art("65")],
        ),
        "notice-late": Message(
            zh="听证通知（{notice_date}）距听证（{held_date}）不足七个工作日",
            en="hearing notice ({notice_date}) less than seven working days before the "
            "hearing ({held_date})",
            articles=[APL.art("64", "1", "2"), APL.art("85")],
            severity="S2",
        ),
        "chair-investigator": Message(
            zh="听证主持人 {chair_id} 是本案调查人员",
            en="the hearing chair {chair_id} investigated the case",
            articles=[APL.art("64", "1", "4")],
            severity="S2",
        ),
        "record-unsigned": Message(
            zh="听证笔录未经当事人签字或盖章，也未注明拒签",
            en="the hearing record is neither signed by the party nor notes a refusal",
            articles=[APL.art("64", "1", "8")],
            severity="S2",
        ),
    },
)
def hearing_held(case: PenaltyCase, ctx: Context) -> None:
    """Flags a requested hearing that was not held before the decision (S1), and a hearing
    held with too short a notice, chaired by an investigator of the case, or whose record the
    party did not sign without a note of refusal (S2).

    (a) ``not-held``: the party asked for a hearing within five working days of the prior
    notice (a request is taken as timely when the notice's service date is unknown), did not
    withdraw, and a decision exists, but no hearing was held on or before the decision date.
    (b) ``notice-late``: ``add_wd(hearing.notice_date, 7) > hearing.held_date``. (c)
    ``chair-investigator``: the chair is one of the case's investigators. (d)
    ``record-unsigned``: ``record_signed = false`` with no refusal noted.

    ## Why
    行政处罚法 Art. 63: a requested hearing shall be held; Art. 64(1): the request within five
    days, notice of time and place seven days before the hearing (2), a chair who is not an
    investigator of the case (4), a record signed by the party or a note of the refusal (8);
    Art. 65: the decision follows the hearing record; Art. 85: those days are working days.
    **The same day**: a request on the fifth working day is in time; a hearing held on the
    day of the decision counts as held before it. Cases decided before 2021-07-15 are not
    evaluated.

    ## Example that flags
    Notice of hearing on 2025-06-05 for a hearing on 2025-06-12: add_wd(06-05, 7) = 06-16.

    ## Example that does not flag
    Notice on 2025-06-03 for a hearing on 2025-06-12 (add_wd(06-03, 7) = 06-12).

    ## Configuration
    ``hearing_notice_counting`` (reading, default ``event_day_counts``; ``clear_days`` needs
    seven whole working days between notice and hearing).
    """
    hearing = case.hearing
    if hearing is None:
        return
    decision = case.decision
    notice = case.prior_notice
    if (
        hearing.requested_date is not None
        and decision is not None
        and hearing.withdrawn_date is None
    ):
        timely = True
        used: list[tuple[str, Deadline]] = []
        if notice is not None and notice.served_date is not None:
            requested = hearing.requested_date
            # A request on or before the earliest day the window can end is timely whatever
            # a schedule not yet published holds (_bounds.py).
            window = _hearing_window(ctx, notice.served_date, lambda last: requested <= last)
            used.append((_WINDOW_LABEL, window))
            timely = ctx.deadline_met(window, hearing.requested_date)
        held = hearing.held_date
        # A hearing held on the day of the decision counts as held before it (Art. 65: the
        # decision follows the hearing; the order within the day is not recorded).
        if timely and (held is None or held > decision.decision_date):
            ctx.finding(
                "not-held",
                key="not-held",
                fact_date=decision.decision_date,
                facts={
                    "requested_date": hearing.requested_date,
                    "held_date": held,
                    "decision_date": decision.decision_date,
                },
                deadlines=used,
            )
    if hearing.notice_date is not None and hearing.held_date is not None:
        counting = ctx.reading("hearing_notice_counting")
        held_on = hearing.held_date

        def too_short(seventh: dt.date) -> bool:
            if counting == "event_day_counts":
                return seventh > held_on
            return seventh >= held_on

        # A hearing before the earliest day the seven working days can end was noticed too
        # late whatever a schedule not yet published holds (_bounds.py).
        notice_clock = wd_deadline_or_bound(
            ctx,
            hearing.notice_date,
            7,
            too_short,
            start_label="听证通知",
            start_label_en="hearing notice",
        )
        seventh = notice_clock.due_date
        short = too_short(seventh)
        if short:
            ctx.finding(
                "notice-late",
                key="notice-late",
                fact_date=hearing.held_date,
                facts={
                    "notice_date": hearing.notice_date,
                    "held_date": hearing.held_date,
                    "seventh_working_day_after_notice": seventh,
                },
                deadlines=[("听证通知七个工作日 / seven working days' notice", notice_clock)],
            )
    if hearing.chair_id is not None and hearing.chair_id in case.investigator_ids:
        ctx.finding(
            "chair-investigator",
            key="chair-investigator",
            fact_date=hearing.held_date or hearing.notice_date,
            facts={"chair_id": hearing.chair_id, "investigators": list(case.investigator_ids)},
            deadlines=[],
        )
    if (
        hearing.held_date is not None
        and hearing.record_signed is False
        and hearing.refusal_noted is not True
    ):
        ctx.finding(
            "record-unsigned",
            key="record-unsigned",
            fact_date=hearing.held_date,
            facts={"record_signed": False, "refusal_noted": hearing.refusal_noted},
            deadlines=[],
        )


# ============================================================================================
# PEN-LEGAL-REVIEW


@rule(
    id="PEN-LEGAL-REVIEW",
    title_zh="法制审核",
    title_en="Legal review before certain decisions",
    category="procedure",
    severity="S1",
    legal_basis=[APL.art("58", "1"), OPINION_118.art(verification="V2")],
    applies_to="penalty-case",
    parameters=[
        Parameter(
            name="legal_review_catalog_ids",
            default=(),
            doc="重大执法决定法制审核目录（matter-list 记录，kind = legal_review_catalog）的编号；"
            "规则按案件所属机关、决定日期取用有效目录 / ids of the matter-list records holding "
            "the agencies' legal-review catalogs (the rule keeps those of the case's agency in "
            "force on the decision date)",
        )
    ],
    valid_from=APL.in_force,
    facts_date=case_date,
    screen=LEGAL_REVIEW_SCREEN,
    messages={
        "missing": Message(
            zh="应当法制审核（{review_needed_because}）而未经审核即作出决定",
            en="decision made without the legal review it needed ({review_needed_because})",
            articles=[APL.art("58", "1")],
        ),
        "after-approval": Message(
            zh="法制审核于 {review_completed_date} 完成，晚于决定批准日期 {approved}",
            en="legal review completed on {review_completed_date}, after the decision was "
            "approved on {approved}",
            articles=[APL.art("58", "1")],
        ),
        "not-passed": Message(
            zh="法制审核结果为“{review_result}”，仍作出决定",
            en="decision made although the legal review result was {review_result}",
            articles=[APL.art("58", "1")],
        ),
    },
)
def legal_review(case: PenaltyCase, ctx: Context) -> None:
    """Flags a decision that needed a legal review (法制审核) and was made without a passed one.

    Review is needed when the case touches a major public interest, a hearing was held, the
    case is complex with several legal relationships, another law requires review, or the
    decision's matter code is on the agency's legal-review catalog. Then a finding is made
    when there is no completed review (``missing``), the review was completed after the
    decision was approved (``approved_date``, else the decision date) (``after-approval``), or
    its result is not ``pass`` (``not-passed``).

    ## Why
    行政处罚法 Art. 58(1): for these decisions "未经法制审核或者审核未通过的，不得作出决定";
    国办发〔2018〕118号 requires agencies to publish a catalog of decisions that need review.
    A review completed on the day the decision was approved counts as completed before it.
    Decisions before 2021-07-15 are not evaluated.

    ## Example that flags
    A hearing held on 2025-11-10, a decision on 2025-11-20 and no legal-review record (E21).

    ## Example that does not flag
    The same case with a review completed on 2025-11-18 with result ``pass``.

    ## Configuration
    ``legal_review_catalog_ids`` (default none): ids of the ``matter-list`` records that hold
    the agencies' legal-review catalogs. The model has no link from an agency to its lists,
    so a deployment names them here.
    """
    decision = case.decision
    if decision is None:
        return
    triggers: list[Text] = []
    if case.major_public_interest:
        triggers.append(_MAJOR_INTEREST)
    if case.hearing is not None and case.hearing.held_date is not None:
        triggers.append(_HEARING_HELD)
    if case.complex_multi_legal:
        triggers.append(_COMPLEX)
    if case.review_required_by_law:
        triggers.append(_BY_LAW)
    code = decision.matter_code
    catalog_articles: list[LegalBasis] = []
    if code is not None:
        for list_id in ctx.param("legal_review_catalog_ids"):
            listing = ctx.lookup("matter-list", str(list_id))
            if (
                listing is None
                or listing.kind is not MatterListKind.LEGAL_REVIEW_CATALOG
                or listing.agency_id != case.agency_id
                or listing.valid_from > decision.decision_date
                or (listing.valid_to is not None and listing.valid_to < decision.decision_date)
            ):
                continue
            if any(item.code == code for item in listing.items):
                triggers.append(_text(_ON_CATALOG, code=code))
                catalog_articles.append(OPINION_118.art(verification="V2"))
                break
    if not triggers:
        return
    articles = [APL.art("58", "1"), *catalog_articles]
    facts: dict[str, Any] = {
        "review_needed_because": triggers,
        "decision_date": decision.decision_date,
    }
    review = case.legal_review
    if review is None or (review.completed_date is None and review.result is None):
        ctx.finding(
            "missing",
            key="missing",
            fact_date=decision.decision_date,
            facts=facts,
            articles=articles,
        )
        return
    approved = decision.approved_date or decision.decision_date
    # Completed on the day of the approval counts as before it (order within the day unknown).
    if review.completed_date is not None and review.completed_date > approved:
        ctx.finding(
            "after-approval",
            key="after-approval",
            fact_date=approved,
            facts={**facts, "review_completed_date": review.completed_date, "approved": approved},
            articles=articles,
        )
    if review.result is not None and review.result is not LegalReviewResult.PASS:
        ctx.finding(
            "not-passed",
            key="not-passed",
            fact_date=decision.decision_date,
            facts={**facts, "review_result": review.result},
            articles=articles,
        )


# ============================================================================================
# PEN-REVIEWER-LQ


def _review_date(case: PenaltyCase) -> dt.date | None:
    review = case.legal_review
    if review is not None and review.completed_date is not None:
        return review.completed_date
    return case_date(case)


@rule(
    id="PEN-REVIEWER-LQ",
    title_zh="初次从事法制审核人员须取得法律职业资格",
    title_en="First-time legal reviewer needs a legal qualification",
    category="personnel",
    severity="S2",
    legal_basis=APL.art("58", "2"),
    applies_to="penalty-case",
    valid_from=APL.in_force,
    facts_date=_review_date,
    messages={
        "not-qualified": Message(
            zh="法制审核人员 {reviewer_id} 于 {first_review_date} 初次从事法制审核，"
            "未取得法律职业资格",
            en="reviewer {reviewer_id} first reviewed on {first_review_date} and has no legal "
            "professional qualification",
            articles=[APL.art("58", "2")],
        ),
        "no-first-review-date": Message(
            zh="法制审核人员 {reviewer_id} 无法律职业资格，但未登记首次从事法制审核日期",
            en="reviewer {reviewer_id} has no legal qualification and no first review date "
            "recorded",
        ),
    },
)
def reviewer_qualification(case: PenaltyCase, ctx: Context) -> None:
    """Flags a legal review by an officer who began reviewing on or after 2021-07-15 without
    the national legal professional qualification.

    The reviewer is the officer ``legal_review.reviewer_id``. A finding needs
    ``legal_qualification = false`` and ``first_review_date`` on or after 2021-07-15; when the
    first review date is not recorded the rule records that it could not decide.

    ## Why
    行政处罚法 Art. 58(2): "行政机关中初次从事行政处罚决定法制审核的人员，应当通过国家统一
    法律职业资格考试取得法律职业资格。" Reviewers who began before the revision took effect
    (2021-07-15) are not caught by it; reviews completed before that day are not evaluated.

    ## Example that flags
    A reviewer whose first review was in 2025 and who has no legal qualification (E21).

    ## Example that does not flag
    A reviewer without the qualification who first reviewed on 2021-07-14.

    ## Configuration
    None.
    """
    review = case.legal_review
    if review is None or review.reviewer_id is None:
        return
    reviewer = ctx.lookup("officer", review.reviewer_id)
    if reviewer is None or reviewer.legal_qualification is not False:
        return
    first = reviewer.first_review_date
    if first is None:
        ctx.undecided("no-first-review-date", reviewer_id=review.reviewer_id)
    # Art. 58(2) binds reviewers who begin on or after the day it took effect.
    if first >= APL.since:
        ctx.finding(
            "not-qualified",
            key=f"reviewer:{review.reviewer_id}",
            facts={
                "reviewer_id": review.reviewer_id,
                "first_review_date": first,
                "legal_qualification": False,
            },
        )


# ============================================================================================
# PEN-COLLECTIVE


#: Art. 57(2): a complex or major case decided with no discussion on or before the decision
#: day (a discussion dated later is not seen as of an earlier day, so it counts as missing).
_COLLECTIVE_SCREEN = Screen(
    any_of(field("is_complex") == True, field("is_major") == True)  # noqa: E712
    & field("decision.decision_date").is_not_null()
    & (
        field("collective_discussion.date").is_null()
        | (field("collective_discussion.date") > field("decision.decision_date"))
    ),
    reason="only a decided case marked is_complex or is_major can flag, and only when its "
    "collective discussion is missing or dated after the decision; a discussion on or "
    "before the decision day is seen whenever the decision is.",
)


@rule(
    id="PEN-COLLECTIVE",
    title_zh="集体讨论",
    title_en="Collective discussion for complex or serious cases",
    category="procedure",
    severity="S1",
    legal_basis=APL.art("57", "2"),
    applies_to="penalty-case",
    screen=_COLLECTIVE_SCREEN,
    valid_from=APL.in_force,
    facts_date=case_date,
    messages={
        "missing": Message(
            zh="情节复杂或重大违法案件未经负责人集体讨论即作出决定",
            en="complex or serious case decided without a collective discussion",
            articles=[APL.art("57", "2")],
        ),
        "after-decision": Message(
            zh="集体讨论（{discussion_date}）晚于决定日期 {decision_date}",
            en="collective discussion ({discussion_date}) after the decision ({decision_date})",
            articles=[APL.art("57", "2")],
        ),
    },
)
def collective_discussion(case: PenaltyCase, ctx: Context) -> None:
    """Flags a complex case or a serious violation decided without a prior collective
    discussion of the agency's leaders.

    When ``is_complex`` or ``is_major`` is true: no ``collective_discussion`` (``missing``) or
    one dated after the decision (``after-decision``).

    ## Why
    行政处罚法 Art. 57(2): "对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体
    讨论决定。" Decisions before 2021-07-15 are not evaluated.

    ## Example that flags
    A case marked ``is_major`` decided on 2025-05-20 with a discussion on 2025-05-21.

    ## Example that does not flag
    The discussion held on the decision date, 2025-05-20.

    ## Configuration
    None.
    """
    decision = case.decision
    if decision is None or not (case.is_complex or case.is_major):
        return
    why = [
        label
        for flag, label in ((case.is_complex, "is_complex"), (case.is_major, "is_major"))
        if flag
    ]
    discussion = case.collective_discussion
    if discussion is None:
        ctx.finding(
            "missing",
            key="missing",
            fact_date=decision.decision_date,
            facts={"because": why, "decision_date": decision.decision_date},
        )
    # A discussion on the decision day counts as before the decision.
    elif discussion.date > decision.decision_date:
        ctx.finding(
            "after-decision",
            key="after-decision",
            fact_date=decision.decision_date,
            facts={
                "because": why,
                "discussion_date": discussion.date,
                "decision_date": decision.decision_date,
            },
        )


# ============================================================================================
# PEN-DECISION-90D


def _filed_date(case: PenaltyCase) -> dt.date | None:
    return case.filed_date


@rule(
    id="PEN-DECISION-90D",
    title_zh="超期作出处罚决定",
    title_en="Decision not made within 90 days of filing",
    category="inaction",
    severity="S2",
    legal_basis=[APL.art("60"), APL.art("59", "1", "6"), SAMR_PROCEDURE.art(verification="V2")],
    applies_to="penalty-case",
    parameters=[
        AGENCY_DEADLINE_ROLLOVER,
        STRICT_DEADLINE_ADVISORY,
        Parameter(
            name="excluded_periods_need_written_notice",
            default=True,
            reading=True,
            doc="中止、听证、公告、检测、鉴定等期间仅在书面告知当事人后才不计入期限（U，"
            "docs/catalog/interpretations.md）/ count an excluded period only when it was "
            "notified in writing",
        ),
    ],
    valid_from=APL.in_force,
    facts_date=_filed_date,
    screen=DECISION_90D_SCREEN,
    messages={
        "overdue": Message(
            zh="超期未结：立案 {filed_date}，办案期限已过（{deadline:deadline}），尚未作出处罚决定",
            en="overdue: filed {filed_date}, the time limit has passed ({deadline:deadline}) "
            "and no decision has been made",
            articles=[APL.art("60")],
        ),
        "late-decision": Message(
            zh="超期作出处罚决定：立案 {filed_date}，{done_date} 作出处罚决定（决定书日期），"
            "超过办案期限（{deadline:deadline}）",
            en="late decision: filed {filed_date}, decided on {done_date} (the date on the "
            "decision document), after the time limit ({deadline:deadline})",
            articles=[APL.art("60"), APL.art("59", "1", "6")],
        ),
        "late-closure": Message(
            zh="超期结案：立案 {filed_date}，{done_date} 结案，超过办案期限（{deadline:deadline}）",
            en="closed late: filed {filed_date}, closed on {done_date}, after the time limit "
            "({deadline:deadline})",
            articles=[APL.art("60")],
        ),
        "past-strict-decided": Message(
            zh="已超过严格期限 {strict_deadline}（{strict_day}），{done_date} {what}；"
            "按顺延至 {rolled_deadline} 未认定超期（S4 提示）",
            en="past the strict deadline {strict_deadline} ({strict_day}): {what} on "
            "{done_date}; not late under rollover to {rolled_deadline} (S4 note)",
            articles=[APL.art("60")],
            severity="S4",
        ),
        "past-strict-open": Message(
            zh="尚未作出处罚决定，已超过严格期限 {strict_deadline}（{strict_day}）；"
            "顺延后的期限 {rolled_deadline} 尚未届满（S4 提示）",
            en="no decision yet, past the strict deadline {strict_deadline} ({strict_day}); "
            "the rolled deadline {rolled_deadline} has not passed (S4 note)",
            articles=[APL.art("60")],
            severity="S4",
        ),
    },
)
def decision_90_days(case: PenaltyCase, ctx: Context) -> None:
    """Flags a penalty case not decided within 90 days of filing (立案), and an open case
    past that deadline (超期未结).

    ``deadline = filed_date + 90 calendar days + approved extensions + excluded periods``.
    An extension counts only if approved (not recorded as refused by the head) on or before
    the deadline it extends; an excluded period (中止、听证、公告、检测、检验、检疫、鉴定 …)
    adds its calendar days only if it began on or before the deadline then in force and, by
    default, was notified to the party in writing; an excluded period still running counts up
    to the decision (open cases: up to today). The decision date is the date **printed on the
    决定书** (Art. 59(6)) — an internal 处理意见书 or a phone call to the party does not count
    (E1); a case closed without a decision (不予处罚、撤销立案 …) counts as decided on its
    closing date. Both the strict and the rolled deadline are reported; with the default
    rollover, a decision after the strict but on or before the rolled deadline (and an open
    case between the two) gets an S4 finding "past the strict deadline" (key
    ``past-strict-deadline``), an advisory note per case rather than a violation; S2 (key
    ``90d``) comes only after the rolled deadline. An open case is evaluated again when its
    deadline passes. When the rolled day falls in a year without an official holiday
    schedule, a decision on or before the strict day is in time and an open case is not late
    before it; otherwise the rule records that it cannot decide (calendar unavailable), and
    in provisional mode it makes no S2 finding on the provisional date.

    ## Why
    行政处罚法 Art. 60: "行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、
    法规、规章另有规定的，从其规定。" The 90 days are calendar days (Art. 85 turns only the
    two-, three-, five- and seven-day periods into working days); the start day is not counted.
    Whether a last day on a rest day rolls over for an agency is unsettled
    (``docs/catalog/interpretations.md``). The last day itself is in time: a decision dated on
    it is not late.
    Cases filed before 2021-07-15 are not evaluated: the 1996/2017 law had no such limit.

    ## Example that flags
    Filed 2024-09-09, decided 2024-12-11 (E1): 90 days end on Sunday 2024-12-08, rolled over
    to Monday 2024-12-09 → S2 in both modes.

    ## Example that does not flag
    The same case decided on 2024-12-09: within the rolled deadline, so not late (no S2);
    in the default mode only the S4 advisory (a run note by default, or the finding
    ``past-strict-deadline`` with ``strict_deadline_advisory = "finding"``). Filed
    2025-03-03, decided 2025-06-03 with a 30-day extension approved 2025-05-30: deadline
    2025-07-01 (E2), nothing at all.

    ## Configuration
    ``agency_deadline_rollover`` (reading, default true; false: S2 after the strict deadline),
    ``excluded_periods_need_written_notice`` (reading, default true) and
    ``strict_deadline_advisory`` (reading, default ``"note"``: the S4 advisory between the
    strict and the rolled deadline is a note on the run; ``"finding"``: an S4 finding).
    """
    filed = case.filed_date
    if filed is None:
        return
    rollover: bool = ctx.reading("agency_deadline_rollover")
    need_notice: bool = ctx.reading("excluded_periods_need_written_notice")
    decided = decision_date(case)
    done_on = decided
    closed_without_decision = False
    if done_on is None and case.closure is not None:
        done_on = case.closure.closed_date
        closed_without_decision = True
    extensions = [
        Extension(
            amount=e.days, approved_on=e.approved_date, label=_EXTENSION.zh, label_en=_EXTENSION.en
        )
        for e in case.extensions
        if e.approved_date is not None and e.days > 0 and e.approved_by_head is not False
    ]
    periods: list[ExcludedPeriod] = []
    not_notified: list[str] = []
    for period in case.excluded_periods:
        if need_notice and period.notified_in_writing is not True:
            not_notified.append(f"{period.kind.value} {period.start_date}")
            continue
        end = period.end_date
        if end is None:
            end = done_on if done_on is not None else ctx.as_of_date
        periods.append(
            ExcludedPeriod(
                start=period.start_date,
                end=max(end, period.start_date),
                label=period.kind.label_zh,
                label_en=period.kind.value,
            )
        )

    def clock(roll: bool) -> Deadline:
        return ctx.deadline(
            filed,
            90,
            "CD",
            rollover=roll,
            extensions=extensions,
            excluded_periods=periods,
            start_label="立案",
            start_label_en="filed",
        )

    # A rolled deadline in a year without a schedule: decided before the strict day is in
    # time whatever the schedule says (and an open case is not late before it).
    found = deadline_unless_decided(ctx, done_on, lambda: clock(rollover), lambda: clock(False))
    if found is None:
        return
    deadline = found
    facts: dict[str, Any] = {
        "filed_date": filed,
        "decision_date": decided,
        "done_date": done_on,
        "strict_deadline": deadline.strict_date,
        "rolled_deadline": deadline.rolled_date,
        "deadline": deadline.due_date,
    }
    if closed_without_decision:
        facts["closed_without_decision"] = done_on
    if not_notified:
        facts["excluded_periods_not_counted_no_written_notice"] = not_notified
    if ctx.late(deadline, done_on, label=_LIMIT_LABEL):
        if done_on is None:
            ctx.finding("overdue", key="90d", facts=facts)
        elif closed_without_decision:
            ctx.finding("late-closure", key="90d", facts=facts, evidence=[_evidence_closed(case)])
        else:
            ctx.finding("late-decision", key="90d", facts=facts, evidence=[_evidence_decided(case)])
        return
    # By default a note on the run record; a deployment that follows such cases up per case
    # makes it an S4 finding of its own, which resolves when the case turns late (key 90d, S2).
    past_strict_deadline(
        ctx,
        deadline,
        done_on,
        facts={**facts, "what": _CLOSED if closed_without_decision else _DECIDED},
        done_kind="past-strict-decided",
        open_kind="past-strict-open",
    )


# ============================================================================================
# PEN-DELIVERY-7WD


@rule(
    id="PEN-DELIVERY-7WD",
    title_zh="处罚决定书送达",
    title_en="Delivery of the decision",
    category="procedure",
    severity="S2",
    legal_basis=[APL.art("61", "1"), APL.art("61", "2"), APL.art("85")],
    applies_to="penalty-case",
    valid_from=APL.in_force,
    facts_date=case_date,
    screen=DELIVERY_7WD_SCREEN,
    messages={
        "on-spot": Message(
            zh="当事人在场，决定书未于宣告当日（{start_date}）当场交付，而于 {served_date} 送达",
            en="the party was present but the decision was not handed over at the announcement "
            "({start_date}); served on {served_date}",
            articles=[APL.art("61", "1")],
        ),
        "on-spot-missing": Message(
            zh="当事人在场，决定书未于宣告当日（{start_date}）当场交付，至今未送达",
            en="the party was present but the decision was not handed over at the announcement "
            "({start_date}) and has not been served",
            articles=[APL.art("61", "1")],
        ),
        "late": Message(
            zh="决定书于 {served_date} 送达，超过七个工作日送达期限（{last_day:deadline}）",
            en="decision served on {served_date}, after the seven-working-day limit "
            "({last_day:deadline})",
            articles=[APL.art("61", "1"), APL.art("85")],
        ),
        "not-served": Message(
            zh="决定书未在七个工作日内送达当事人（{last_day:deadline}）",
            en="decision not served within seven working days ({last_day:deadline})",
            articles=[APL.art("61", "1"), APL.art("85")],
        ),
        "e-service-consent": Message(
            zh="未经当事人同意并签订确认书即采用电子送达",
            en="electronic service without the party's signed consent",
            articles=[APL.art("61", "2")],
        ),
    },
)
def delivery_7wd(case: PenaltyCase, ctx: Context) -> None:
    """Flags an ordinary-procedure decision not served in time, and electronic service
    without the party's written consent.

    When the party was present at the announcement, the decision must be handed over that day
    (``served_date == announced_date``; served on a later day, or not served once the day is
    over) — key ``on-spot``. Otherwise it must be served within
    seven working days of the announcement (``served_date <= add_wd(announced_date, 7)``) —
    key ``7wd``; the announcement date falls back to the decision date when it is not
    recorded; a decision still not served when the seven working days have passed is flagged
    too. Service by public notice (公告送达) is deemed complete only when the notice period
    ends, so its date is not checked. Service within seven calendar days is in time even when
    the working-day count needs a year without an official schedule. Electronic service with
    ``e_service_consent_signed = false`` — key ``e-service-consent``.

    ## Why
    行政处罚法 Art. 61(1): "行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，行政
    机关应当在七日内依照《中华人民共和国民事诉讼法》的有关规定，将行政处罚决定书送达当事人。"
    Art. 61(2): electronic service needs the party's consent and a signed confirmation;
    Art. 85: the seven days are working days. Summary decisions are handed over on the spot
    (PEN-SUMMARY-FORM). The party-side mailing exclusion does not apply to the agency's own
    service deadline: the date the party received it counts. Decisions before 2021-07-15 are
    not evaluated.

    ## Example that flags
    Announced Friday 2025-09-26 with the party absent, served 2025-10-14: the seventh working
    day is 2025-10-13 (Sunday 09-28 and Saturday 10-11 are make-up working days, 10-01 to
    10-08 are holidays).

    ## Example that does not flag
    The same decision served on 2025-10-13.

    ## Configuration
    None.
    """
    decision = case.decision
    if decision is None or decision.procedure is not Procedure.ORDINARY:
        return
    delivery = case.delivery
    start = decision.announced_date or decision.decision_date
    served = delivery.served_date if delivery is not None else None
    facts: dict[str, Any] = {
        "announced_date": decision.announced_date,
        "decision_date": decision.decision_date,
        "start_date": start,
        "served_date": served,
        "method": delivery.method if delivery is not None else None,
    }
    if delivery is not None and delivery.party_present_at_announcement is True:
        # Handed over at the announcement: the same day, and only that day.
        if served is not None and served != start:
            ctx.finding("on-spot", key="on-spot", fact_date=served, facts=facts)
        elif served is None and ctx.ended(start):
            ctx.finding("on-spot-missing", key="on-spot", facts=facts)
    elif delivery is None or delivery.method is not DeliveryMethod.PUBLIC_NOTICE:
        begun = _ANNOUNCED if decision.announced_date else _DECISION_MADE
        label_zh, label_en = begun.zh, begun.en
        found = deadline_unless_decided(
            ctx,
            served,
            lambda: ctx.deadline(start, 7, "WD", start_label=label_zh, start_label_en=label_en),
            lambda: ctx.deadline(start, 7, "CD", start_label=label_zh, start_label_en=label_en),
        )
        if found is not None and ctx.late(found, served, label="送达期限 / service deadline"):
            ctx.finding(
                "late" if served is not None else "not-served",
                key="7wd",
                facts={**facts, "last_day": found.due_date},
            )
    if (
        delivery is not None
        and delivery.method is DeliveryMethod.ELECTRONIC
        and delivery.e_service_consent_signed is False
    ):
        ctx.finding(
            "e-service-consent",
            key="e-service-consent",
            fact_date=served or start,
            facts={"method": delivery.method, "e_service_consent_signed": False},
            deadlines=[],
        )


# ============================================================================================
# PEN-SUMMARY-LIMIT

_SUMMARY_TYPES = frozenset({PenaltyType.WARNING, PenaltyType.FINE})

_OLD_ART_33 = APL_1996.art("33", verification="V2")


@rule(
    id="PEN-SUMMARY-LIMIT",
    title_zh="简易程序适用范围",
    title_en="Summary-procedure limits",
    category="abuse, procedure",
    severity="S1",
    legal_basis=[APL.art("51"), _OLD_ART_33],
    applies_to="penalty-case",
    parameters=[
        Parameter(
            name="natural_person_max",
            default=Decimal("50"),
            source=_OLD_ART_33,
            values=[DatedValue(since=APL.since, value=Decimal("200"), source=APL.art("51"))],
            unit="yuan",
            doc="简易程序对公民罚款上限（“以下”，含本数）：2021-07-15 前 50 元（1996/2017 年法"
            "第33条），此后 200 元（第51条）/ summary-procedure cap for natural persons "
            "(inclusive): 50 yuan before 2021-07-15, 200 yuan from then",
        ),
        Parameter(
            name="organisation_max",
            default=Decimal("1000"),
            source=_OLD_ART_33,
            values=[DatedValue(since=APL.since, value=Decimal("3000"), source=APL.art("51"))],
            unit="yuan",
            doc="简易程序对法人或者其他组织罚款上限（含本数）：2021-07-15 前 1,000 元，此后 "
            "3,000 元 / summary-procedure cap for legal persons and other organisations "
            "(inclusive): 1,000 yuan before 2021-07-15, 3,000 yuan from then",
        ),
    ],
    valid_from=APL_1996.in_force,
    facts_date=decision_date,
    screen=SUMMARY_LIMIT_SCREEN,
    messages={
        "penalty-type": Message(
            zh="简易程序只能给予警告或者罚款，却给予：{other_types}",
            en="the summary procedure allows only a warning or a fine, but imposed: {other_types}",
        ),
        "fine-limit": Message(
            zh="简易程序对{party_kind}罚款 {fine_amount} 元，超过 {cap} 元上限",
            en="summary fine of {fine_amount} yuan on {party_kind} exceeds the {cap}-yuan cap",
        ),
    },
)
def summary_limit(case: PenaltyCase, ctx: Context) -> None:
    """Flags a summary-procedure decision outside the summary procedure's limits.

    A decision with ``procedure = summary`` and no special-law reference
    (``special_law_ref``) is flagged when it imposes anything but a warning or a fine
    (key ``penalty-type``), or a fine above the cap in force **on the decision date** for the
    party's type (key ``fine-limit``): natural persons 200 yuan, legal persons and other
    organisations 3,000 yuan from 2021-07-15; 50 and 1,000 yuan before. The caps are
    inclusive ("以下"): 200.00 is allowed, 200.01 is not.

    ## Why
    行政处罚法 Art. 51: "违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织
    处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。法律另有规定的，从其
    规定。" Before 2021-07-15, Art. 33 of the 1996 law (unchanged in 2009 and 2017) set 50 and
    1,000 yuan. Some local flowcharts still show the old limits: do not load thresholds from
    them. This rule applies to decisions from 1996-10-01 and cites the article in force.

    ## Example that flags
    A summary fine of 200.01 yuan on a natural person, or 3,000.01 yuan on a company; a
    summary 责令停产停业 (E5). A 2020 summary fine of 100 yuan on a natural person.

    ## Example that does not flag
    200.00 yuan on a natural person, 3,000.00 on a company (E5); a 2022 summary fine of 100
    yuan; a decision citing a special law (``special_law_ref``).

    ## Configuration
    ``natural_person_max`` and ``organisation_max``: dated values (50 → 200 and 1,000 → 3,000
    on 2021-07-15). A deployment may replace them, e.g.
    ``organisation_max = [{ since = 2021-07-15, value = 3000 }]``.
    """
    decision = case.decision
    if decision is None or decision.procedure is not Procedure.SUMMARY:
        return
    if decision.special_law_ref is not None:
        return
    day = decision.decision_date
    article = APL.art("51") if day >= APL.since else _OLD_ART_33
    types = set(decision.penalty_types)
    fine = decision.fine_amount
    if not types and fine is not None and fine > 0:
        types = {PenaltyType.FINE}
    others = sorted(types - _SUMMARY_TYPES, key=lambda t: t.value)
    if others:
        ctx.finding(
            "penalty-type",
            key="penalty-type",
            facts={
                "procedure": decision.procedure,
                "penalty_types": sorted(types),
                "other_types": others,
            },
            articles=[article],
        )
    if fine is None:
        return
    person = is_natural_person(case)
    cap: Decimal = ctx.param("natural_person_max" if person else "organisation_max")
    if exceeds(fine, cap):
        ctx.finding(
            "fine-limit",
            key="fine-limit",
            facts={
                "procedure": decision.procedure,
                "party_type": case.party.type,
                "party_kind": _NATURAL_PERSON if person else _ORGANISATION,
                "fine_amount": fine,
                "cap": cap,
                "decision_date": day,
            },
            # The cap's own source: Art. 51, or Art. 33 of the earlier text before 2021-07-15.
            articles=[],
        )


# ============================================================================================
# PEN-SUMMARY-FORM


@rule(
    id="PEN-SUMMARY-FORM",
    title_zh="当场处罚手续",
    title_en="Formalities of an on-the-spot decision",
    category="procedure",
    severity="S3",
    legal_basis=[APL.art("52")],
    applies_to="penalty-case",
    parameters=[
        Parameter(
            name="filing_deadline_wd",
            default=0,
            unit="working days",
            doc="当场处罚决定报所属行政机关备案的期限（工作日，地方规定）；0 表示不设期限，"
            "只检查是否备案 / local deadline (working days) for filing an on-the-spot decision "
            "with the agency; 0: no deadline, only a missing filing is flagged",
        )
    ],
    valid_from=APL.in_force,
    facts_date=decision_date,
    messages={
        "certificate-not-shown": Message(
            zh="当场处罚未出示执法证件",
            en="certificates not shown at the on-the-spot decision",
            articles=[APL.art("52")],
        ),
        "form-not-numbered": Message(
            zh="当场处罚未使用预定格式、编有号码的行政处罚决定书",
            en="on-the-spot decision not on a numbered standard form",
            articles=[APL.art("52")],
        ),
        "not-delivered-on-spot": Message(
            zh="当场处罚决定书未当场交付当事人，也未注明拒绝签收",
            en="on-the-spot decision not handed to the party, and no refusal noted",
            articles=[APL.art("52")],
        ),
        "not-filed": Message(
            zh="当场处罚决定未报所属行政机关备案",
            en="on-the-spot decision not filed with the agency",
            articles=[APL.art("52")],
        ),
        "filed-late": Message(
            zh="当场处罚决定未在规定期限内报所属行政机关备案（{filing_deadline:deadline}）",
            en="on-the-spot decision not filed with the agency in time "
            "({filing_deadline:deadline})",
            articles=[APL.art("52")],
        ),
    },
)
def summary_form(case: PenaltyCase, ctx: Context) -> None:
    """Flags a summary (on-the-spot) decision made without its formalities.

    A finding for each recorded failure: certificates not shown at the on-the-spot decision
    (``certificate-not-shown``), no numbered standard form (``form-not-numbered``), the
    decision not handed over on the spot and no refusal to sign noted
    (``not-delivered-on-spot``), and no filing with the agency (``not-filed``; with a local
    deadline: filed after it, or not filed when it has passed).

    ## Why
    行政处罚法 Art. 52: officers deciding on the spot shall show their certificates, fill in a
    numbered decision of a set form, hand it to the party on the spot (noting a refusal to
    sign), and report it to their agency for the record (备案). Decisions before 2021-07-15
    are not evaluated.

    ## Example that flags
    A summary fine with ``doc_form_numbered = false``; or with no ``filed_with_agency_date``.

    ## Example that does not flag
    A summary decision shown, numbered, handed over on the spot and filed the next day.

    ## Configuration
    ``filing_deadline_wd`` (default 0: no deadline; a missing filing is flagged from the day
    after the decision, the decision day itself being left for it).
    """
    decision = case.decision
    if decision is None or decision.procedure is not Procedure.SUMMARY:
        return
    day = decision.decision_date
    on_spot = [a for a in case.acts if a.kind is ActKind.ON_SITE_DECISION]
    if any(a.certificate_shown is False for a in on_spot):
        ctx.finding(
            "certificate-not-shown",
            key="certificate-not-shown",
            fact_date=day,
            facts={"certificate_shown": False},
            deadlines=[],
        )
    if decision.doc_form_numbered is False:
        ctx.finding(
            "form-not-numbered",
            key="form-not-numbered",
            fact_date=day,
            facts={"doc_form_numbered": False},
            deadlines=[],
        )
    if decision.delivered_on_spot is False and decision.refusal_to_sign_noted is not True:
        ctx.finding(
            "not-delivered-on-spot",
            key="not-delivered-on-spot",
            fact_date=day,
            facts={
                "delivered_on_spot": False,
                "refusal_to_sign_noted": decision.refusal_to_sign_noted,
            },
            deadlines=[],
        )
    days: int = ctx.param("filing_deadline_wd")
    filed = decision.filed_with_agency_date
    if days <= 0:
        # No deadline: the decision day itself is left for the filing (an on-the-spot decision
        # is filed after the officers return); from the next day a missing filing is flagged.
        if filed is None and ctx.ended(day):
            ctx.finding(
                "not-filed",
                key="not-filed",
                facts={"filed_with_agency_date": None},
                deadlines=[],
            )
        return
    deadline = ctx.deadline(
        day, days, "WD", start_label="当场处罚", start_label_en="on-the-spot decision"
    )
    if ctx.late(deadline, filed, label="备案期限 / filing deadline"):
        ctx.finding(
            "filed-late",
            key="not-filed",
            facts={"filed_with_agency_date": filed, "filing_deadline": deadline.due_date},
        )


# ============================================================================================
# PEN-ONSPOT-CASH

_ON_SPOT_MAX = Decimal("100")


#: Arts. 67-70 concern a fine collected on the spot.
_ONSPOT_CASH_SCREEN = Screen(
    (field("payment.channel") == PaymentChannel.ON_SPOT)
    & (field("payment.collected_date").is_not_null() | field("payment.paid_date").is_not_null()),
    reason="only a payment through the on-the-spot channel with a collection or payment date can "
    "flag; any other channel is the separation of fining and collection itself.",
)


@rule(
    id="PEN-ONSPOT-CASH",
    title_zh="罚缴分离",
    title_en="Separation of fining and collection",
    category="abuse",
    severity="S1",
    legal_basis=[APL.art("67"), APL.art("68"), APL.art("69"), APL.art("70")],
    applies_to="penalty-case",
    screen=_ONSPOT_CASH_SCREEN,
    valid_from=APL.in_force,
    facts_date=payment_date,
    messages={
        "not-allowed": Message(
            zh="不符合当场收缴罚款的法定情形，当场收缴罚款 {fine_amount} 元",
            en="fine of {fine_amount} yuan collected on the spot outside the cases the law allows",
            articles=[APL.art("67"), APL.art("68"), APL.art("69")],
        ),
        "no-receipt": Message(
            zh="当场收缴罚款未出具财政部门统一制发的专用票据",
            en="fine collected on the spot without the official fiscal receipt",
            articles=[APL.art("70")],
        ),
    },
)
def on_spot_cash(case: PenaltyCase, ctx: Context) -> None:
    """Flags a fine collected on the spot where the law does not allow it, and an on-the-spot
    collection without an official fiscal receipt.

    On-the-spot collection (``payment.channel = on_spot``) is allowed only for a summary
    decision with a fine of 100 yuan or less ("一百元以下", inclusive) or one that would be
    hard to collect later (``hard_to_enforce_later``), or in a remote area, on water or where
    transport is difficult when the party asked to pay on the spot. Otherwise: key
    ``not-allowed``. No receipt number: key ``no-receipt``.

    ## Why
    行政处罚法 Art. 67: the agency that decides a fine does not collect it (罚缴分离); the
    party pays at a bank or electronically. Art. 68 and Art. 69 list the exceptions; Art. 70:
    an on-the-spot collection needs the fiscal receipt issued by the finance authorities,
    without which the party may refuse to pay. Facts before 2021-07-15 are not evaluated.

    ## Example that flags
    A summary fine of 150 yuan collected on the spot, ``hard_to_enforce_later = false``, not
    a remote area (E6).

    ## Example that does not flag
    A summary fine of 100 yuan collected on the spot with a receipt (E6).

    ## Configuration
    None (100 yuan is statutory).
    """
    payment = case.payment
    if payment is None or payment.channel is not PaymentChannel.ON_SPOT:
        return
    collected = payment.collected_date or payment.paid_date
    if collected is None:
        return  # nothing collected yet (as of the evaluation date)
    decision = case.decision
    summary = decision is not None and decision.procedure is Procedure.SUMMARY
    fine = decision.fine_amount if decision is not None else None
    if fine is None:
        fine = payment.amount_paid
    small = fine is not None and at_most(fine, _ON_SPOT_MAX)
    art_68 = summary and (small or payment.hard_to_enforce_later is True)
    art_69 = case.remote_area is True and payment.party_requested_on_spot is True
    if not (art_68 or art_69):
        ctx.finding(
            "not-allowed",
            key="not-allowed",
            fact_date=collected,
            facts={
                "procedure": decision.procedure if decision is not None else None,
                "fine_amount": fine,
                "hard_to_enforce_later": payment.hard_to_enforce_later,
                "remote_area": case.remote_area,
                "party_requested_on_spot": payment.party_requested_on_spot,
            },
        )
    if payment.receipt_no is None:
        ctx.finding("no-receipt", key="no-receipt", fact_date=collected, facts={"receipt_no": None})


# ============================================================================================
# PEN-CASH-HANDOVER


#: Art. 71: two working days, never fewer than two calendar days, from collection (on water:
#: landing) to handover, and from handover to the bank. Cash handed over and paid in within
#: two calendar days of each start was in time as of any day; before then none had passed.
_CASH_HANDOVER_SCREEN = Screen(
    field("payment.collected_date").is_not_null()
    & any_of(
        field("payment.handover_date").is_null(),
        field("payment.handover_date") > field("payment.collected_date").plus_days(2),
        field("payment.handover_date") > field("payment.landing_date").plus_days(2),
        field("payment.bank_deposit_date").is_null(),
        field("payment.bank_deposit_date") > field("payment.handover_date").plus_days(2),
        field("payment.handover_date") > AS_OF,
        field("payment.bank_deposit_date") > AS_OF,
    ),
    reason="only cash collected on the spot can flag, and only when its handover or bank deposit "
    "is missing or later than two calendar days after its start, the earliest day two "
    "working days can end; an act dated after the day checked is not seen then and its "
    "clock is open, so it stays selected.",
)


@rule(
    id="PEN-CASH-HANDOVER",
    title_zh="当场收缴罚款上交",
    title_en="Handing over cash collected on the spot",
    category="procedure",
    severity="S2",
    legal_basis=[APL.art("71"), APL.art("85")],
    applies_to="penalty-case",
    screen=_CASH_HANDOVER_SCREEN,
    valid_from=APL.in_force,
    facts_date=payment_date,
    messages={
        "handover-late": Message(
            zh="当场收缴的罚款未在两个工作日内交至行政机关（{last_day:deadline}），"
            "{handover_date} 才交",
            en="cash collected on the spot not handed to the agency within two working days "
            "({last_day:deadline}); handed over {handover_date}",
            articles=[APL.art("71"), APL.art("85")],
        ),
        "handover-missing": Message(
            zh="当场收缴的罚款未在两个工作日内交至行政机关（{last_day:deadline}）",
            en="cash collected on the spot not handed to the agency within two working days "
            "({last_day:deadline})",
            articles=[APL.art("71"), APL.art("85")],
        ),
        "bank-late": Message(
            zh="行政机关未在两个工作日内将罚款缴付指定银行（{last_day:deadline}），"
            "{bank_deposit_date} 才缴付",
            en="the agency did not pay the cash into the bank within two working days "
            "({last_day:deadline}); paid in {bank_deposit_date}",
            articles=[APL.art("71"), APL.art("85")],
        ),
        "bank-missing": Message(
            zh="行政机关未在两个工作日内将罚款缴付指定银行（{last_day:deadline}）",
            en="the agency did not pay the cash into the bank within two working days "
            "({last_day:deadline})",
            articles=[APL.art("71"), APL.art("85")],
        ),
    },
)
def cash_handover(case: PenaltyCase, ctx: Context) -> None:
    """Flags cash collected on the spot that was not handed to the agency within two working
    days, or not paid into the bank within two working days of the handover.

    Start: the collection date, or for collections on water the landing date. Key
    ``handover``: ``handover_date > add_wd(collected, 2)``, or no handover when that day has
    passed. Key ``bank-deposit``: ``bank_deposit_date > add_wd(handover_date, 2)``, or no
    deposit when that day has passed. An act within two calendar days is in time even when
    the working-day count needs a year without an official schedule.

    ## Why
    行政处罚法 Art. 71: cash collected on the spot is handed to the agency within two days of
    collection (on water: of landing), and the agency pays it into the designated bank within
    two days; Art. 85: working days. Facts before 2021-07-15 are not evaluated.

    ## Example that flags
    Collected Wednesday 2025-04-30; 05-01 to 05-05 are holidays, so the two working days are
    05-06 and 05-07; handed over on 2025-05-08 (E6).

    ## Example that does not flag
    Handed over on 2025-05-07.

    ## Configuration
    None.
    """
    payment = case.payment
    if payment is None or payment.collected_date is None:
        return
    start = payment.landing_date or payment.collected_date
    on_water = payment.landing_date is not None
    begun = _LANDED if on_water else _COLLECTED
    start_zh, start_en = begun.zh, begun.en
    handed = payment.handover_date
    handover_clock = deadline_unless_decided(
        ctx,
        handed,
        lambda: ctx.deadline(start, 2, "WD", start_label=start_zh, start_label_en=start_en),
        lambda: ctx.deadline(start, 2, "CD", start_label=start_zh, start_label_en=start_en),
    )
    if handover_clock is not None and ctx.late(handover_clock, handed, label="交至机关 / handover"):
        ctx.finding(
            "handover-late" if handed is not None else "handover-missing",
            key="handover",
            facts={
                "collected_date": payment.collected_date,
                "landing_date": payment.landing_date,
                "handover_date": handed,
                "last_day": handover_clock.due_date,
            },
            deadlines=[("交至机关 / handover", handover_clock)],
        )
    if handed is None:
        return
    deposited = payment.bank_deposit_date
    bank_clock = deadline_unless_decided(
        ctx,
        deposited,
        lambda: ctx.deadline(handed, 2, "WD", start_label="交至机关", start_label_en="handed over"),
        lambda: ctx.deadline(handed, 2, "CD", start_label="交至机关", start_label_en="handed over"),
    )
    if bank_clock is not None and ctx.late(bank_clock, deposited, label="缴付银行 / bank deposit"):
        ctx.finding(
            "bank-late" if deposited is not None else "bank-missing",
            key="bank-deposit",
            facts={
                "handover_date": handed,
                "bank_deposit_date": deposited,
                "last_day": bank_clock.due_date,
            },
            deadlines=[("缴付银行 / bank deposit", bank_clock)],
        )


RULES: tuple[Rule, ...] = (
    officers_two,
    certificate_valid,
    recusal,
    prior_notice,
    hearing_right,
    hearing_window,
    hearing_held,
    legal_review,
    reviewer_qualification,
    collective_discussion,
    decision_90_days,
    delivery_7wd,
    summary_limit,
    summary_form,
    on_spot_cash,
    cash_handover,
)
