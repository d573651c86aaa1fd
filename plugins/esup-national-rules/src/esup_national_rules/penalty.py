"""行政处罚 (administrative penalties), part A: the procedural rules of rules.md §1.1.

Officers and certificates, recusal, prior notice, hearings, legal review, collective
discussion, the 90-day decision limit, service of the decision, the summary procedure and
on-the-spot collection of fines (行政处罚法 Arts. 42–71). The limitation, ne-bis-in-idem,
discretion and other substantive rules of §1.1 are in :mod:`esup_national_rules.penalty_limits`.

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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
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
    Procedure,
)
from enforcement_supervision.rules import (
    Context,
    Evidence,
    LegalBasis,
    Parameter,
    Rule,
    rule,
)
from enforcement_supervision.statutory_time import (
    Deadline,
    ExcludedPeriod,
    Extension,
    at_most,
    exceeds,
)
from esup_national_rules._officers import officer_problems
from esup_national_rules._penalty_common import (
    NEW_LAW_IN_FORCE,
    act_keys,
    apl,
    case_date,
    deadline_unless_decided,
    decision_date,
    hearing_right_grounds,
    hearing_threshold_parameters,
    is_natural_person,
    latest_act_date,
    payment_date,
)

__all__ = ["RULES"]

#: The 1996 Administrative Penalty Law took effect on this day (its Art. 33 set the first
#: summary-procedure limits).
OLD_LAW_IN_FORCE = dt.date(1996, 10, 1)

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


def _join(items: Iterable[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


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
    legal_basis=apl("42", "1"),
    applies_to="penalty-case",
    parameters=[_act_kinds_parameter()],
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=latest_act_date,
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
            ctx.note(
                f"{act.kind.label_zh}（{act.date}）未记录执法人员，无法判断人数",
                f"{act.kind.value} on {act.date}: no officers recorded, cannot count them",
                act=key,
            )
            continue
        valid: list[str] = []
        invalid: dict[str, str] = {}
        for officer_id in ids:
            problems = officer_problems(ctx.lookup("officer", officer_id), act.date)
            if problems:
                invalid[officer_id] = "; ".join(en for _, en in problems)
            else:
                valid.append(officer_id)
        if len(valid) < 2:
            ctx.finding(
                key=key,
                message_zh=f"{act.kind.label_zh}（{act.date}）仅有 {len(valid)} 名具有执法资格的"
                "执法人员，少于两人",
                message_en=f"{act.kind.value} on {act.date}: {len(valid)} qualified "
                "officer(s), fewer than two",
                facts={
                    "act": act.kind,
                    "act_date": act.date,
                    "document_number": act.document_number,
                    "officers": ids,
                    "qualified_officers": valid,
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
        apl("42", "1"),
        apl("76", "1", "5"),
        apl("55"),
        LegalBasis(
            instrument="行政执法人员行为准则",
            instrument_en="Code of Conduct for Administrative Enforcement Officers (MOJ 2025)",
            verification="V2",
        ),
    ],
    applies_to="penalty-case",
    parameters=[_act_kinds_parameter()],
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=latest_act_date,
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
            problems = officer_problems(ctx.lookup("officer", officer_id), act.date)
            if not problems:
                continue
            ctx.finding(
                key=f"{key}:{officer_id}",
                message_zh=f"执法人员 {officer_id} 于 {act.date} 不具备执法资格："
                + _join((zh for zh, _ in problems), "zh"),
                message_en=f"officer {officer_id} could not enforce on {act.date}: "
                + _join((en for _, en in problems), "en"),
                facts={
                    "act": act.kind,
                    "act_date": act.date,
                    "document_number": act.document_number,
                    "officer_id": officer_id,
                    "problems": [en for _, en in problems],
                },
            )
        if act.certificate_shown is False:
            ctx.finding(
                key=f"{key}:certificate-not-shown",
                message_zh=f"{act.kind.label_zh}（{act.date}）未出示执法证件",
                message_en=f"{act.kind.value} on {act.date}: certificates not shown",
                facts={"act": act.kind, "act_date": act.date, "certificate_shown": False},
                articles=[apl("55"), apl("52")],
            )


# ============================================================================================
# PEN-RECUSAL


@rule(
    id="PEN-RECUSAL",
    title_zh="回避",
    title_en="Recusal",
    category="procedure",
    severity="S2",
    legal_basis=apl("43"),
    applies_to="penalty-case",
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=case_date,
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
    agency head decides; the investigation goes on until then. A decision on the same day as
    the penalty decision counts as made before it (the data carry no times). Cases decided
    before 2021-07-15 are not evaluated.

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
        took_part: dict[str, list[tuple[dt.date, str, str]]] = {}
        for act in case.acts:
            for officer_id in act.officer_ids:
                took_part.setdefault(officer_id, []).append(
                    (act.date, act.kind.label_zh, act.kind.value)
                )
        hearing = case.hearing
        if hearing is not None and hearing.chair_id and hearing.held_date:
            took_part.setdefault(hearing.chair_id, []).append(
                (hearing.held_date, "主持听证", "chaired the hearing")
            )
        review = case.legal_review
        if review is not None and review.reviewer_id and review.completed_date:
            took_part.setdefault(review.reviewer_id, []).append(
                (review.completed_date, "法制审核", "legal review")
            )
        for officer_id, events in sorted(took_part.items()):
            officer = ctx.lookup("officer", officer_id)
            if officer is None:
                continue
            known = [c.known_date for c in officer.conflicts if c.party_id == party_id]
            if not known:
                continue
            since = min(known)
            after = sorted(e for e in events if e[0] >= since)
            if not after:
                continue
            decisions = [r for r in case.recusals if r.officer_id == officer_id and r.decided_date]
            if not decisions:
                first = after[0]
                ctx.finding(
                    key=f"conflict:{officer_id}",
                    message_zh=f"执法人员 {officer_id} 与当事人存在利害关系（{since} 知悉），"
                    f"未作回避决定即于 {first[0]} 参与{first[1]}",
                    message_en=f"officer {officer_id} has a conflict with the party (known "
                    f"{since}) and took part ({first[2]}, {first[0]}) without a recusal "
                    "decision",
                    facts={
                        "officer_id": officer_id,
                        "conflict_known_date": since,
                        "took_part": [f"{d} {en}" for d, _, en in after],
                    },
                )
                continue
            recused = [r.decided_date for r in decisions if r.granted and r.decided_date]
            if recused:
                cut = min(recused)
                later = [e for e in after if e[0] > cut]
                if later:
                    ctx.finding(
                        key=f"recused-acted:{officer_id}",
                        message_zh=f"执法人员 {officer_id} 已于 {cut} 决定回避，仍于 "
                        f"{later[0][0]} 参与{later[0][1]}",
                        message_en=f"officer {officer_id} was recused on {cut} but took part "
                        f"({later[0][2]}) on {later[0][0]}",
                        facts={
                            "officer_id": officer_id,
                            "recusal_decided": cut,
                            "took_part": [f"{d} {en}" for d, _, en in later],
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
        if decided is not None and decided <= decision.decision_date:
            if request.decided_by_head is not False:
                continue
            problem_zh, problem_en = (
                "回避决定并非由机关负责人作出",
                "not decided by the agency head",
            )
        else:
            problem_zh, problem_en = (
                "作出处罚决定前未对回避申请作出决定",
                "no decision on the request before the penalty decision",
            )
        ctx.finding(
            key=key,
            message_zh=f"对执法人员 {request.officer_id} 的回避申请：{problem_zh}",
            message_en=f"recusal request about officer {request.officer_id}: {problem_en}",
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

_NOTICE_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("proposed_penalty", "拟作出的处罚内容", "proposed penalty"),
    ("facts", "事实", "facts"),
    ("reasons", "理由", "reasons"),
    ("legal_basis", "依据", "legal basis"),
    ("right_statement", "陈述权", "right to make a statement"),
    ("right_defence", "申辩权", "right of defence"),
)


@rule(
    id="PEN-NOTICE",
    title_zh="处罚前告知",
    title_en="Prior notice of facts, reasons, basis and rights",
    category="procedure",
    severity="S1",
    legal_basis=[apl("44"), apl("45"), apl("62")],
    applies_to="penalty-case",
    parameters=[
        *hearing_threshold_parameters(),
        Parameter(
            name="summary_notice_record_required",
            default=False,
            reading=True,
            doc="简易程序案件缺少书面告知记录是否认定为未告知。默认否：当场处罚的告知通常口头"
            "作出并载于决定书，缺少单独记录不等于未告知（U）/ whether a summary decision with "
            "no prior-notice record counts as not notified (default false; U)",
        ),
    ],
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=case_date,
)
def prior_notice(case: PenaltyCase, ctx: Context) -> None:
    """Flags a penalty decision made without a proper prior notice, or made heavier after
    the party's statement and defence.

    With a decision and no written waiver of statement and defence
    (``waiver.statement_and_defence``): the prior notice is missing (ordinary procedure; for
    the summary procedure see *Configuration*) — key ``missing``; it was served on or after
    the decision date — ``served-late``; it records that the proposed penalty, facts,
    reasons, basis, right of statement or right of defence were **not** stated — ``content``;
    or it did not state the right to a hearing although the hearing right applied (as
    PEN-HEARING-RIGHT, same thresholds) — ``hearing-right``. Independently of any waiver:
    the party made a statement or defence and the decision is heavier than the penalty
    proposed (a higher fine, or a penalty type not proposed) — ``heavier-after-defence``.

    ## Why
    行政处罚法 Art. 44 requires the agency to notify the party, before deciding, of the
    proposed penalty, its facts, reasons and basis and of the rights of statement, defence
    and hearing; Art. 45(2) forbids a heavier penalty because of the defence; Art. 62: without
    the notice "不得作出行政处罚决定". Decisions before 2021-07-15 are not evaluated.

    ## Example that flags
    An ordinary-procedure decision dated 2025-05-20 whose notice was served on 2025-05-20;
    or a notice proposing a 2,000-yuan fine, a defence on 2025-05-12, and a 3,000-yuan fine.

    ## Example that does not flag
    A notice served 2025-05-10 stating every item, and a decision on 2025-05-20 for the
    proposed fine.

    ## Configuration
    ``summary_notice_record_required`` (reading, default false): whether a summary decision
    without a prior-notice record is flagged. The hearing thresholds
    ``hearing_fine_threshold_person`` (5,000), ``hearing_fine_threshold_org`` (100,000),
    ``hearing_confiscation_threshold_person`` (5,000), ``hearing_confiscation_threshold_org``
    (100,000) and ``other_heavy_penalty_types`` are the same as PEN-HEARING-RIGHT's:
    configure them alike for PEN-HEARING-RIGHT, PEN-HEARING-WINDOW and PEN-NOTICE.
    """
    decision = case.decision
    if decision is None:
        return
    notice = case.prior_notice
    waiver = case.waiver
    waived = waiver is not None and waiver.statement_and_defence is True
    if not waived:
        if notice is None:
            if decision.procedure is Procedure.ORDINARY or ctx.reading(
                "summary_notice_record_required"
            ):
                ctx.finding(
                    key="missing",
                    message_zh="作出处罚决定前未告知拟作出的处罚内容及事实、理由、依据和权利",
                    message_en="no prior notice of the proposed penalty, facts, reasons, basis "
                    "and rights before the decision",
                    facts={
                        "decision_date": decision.decision_date,
                        "procedure": decision.procedure,
                    },
                )
        else:
            if notice.served_date is not None and notice.served_date >= decision.decision_date:
                ctx.finding(
                    key="served-late",
                    message_zh=f"告知书于 {notice.served_date} 送达，不早于决定日期 "
                    f"{decision.decision_date}",
                    message_en=f"prior notice served on {notice.served_date}, not before the "
                    f"decision of {decision.decision_date}",
                    facts={
                        "notice_served_date": notice.served_date,
                        "decision_date": decision.decision_date,
                    },
                )
            missing = [item for item in _NOTICE_ITEMS if getattr(notice, item[0]) is False]
            if missing:
                ctx.finding(
                    key="content",
                    message_zh="告知书未告知：" + _join((m[1] for m in missing), "zh"),
                    message_en="prior notice does not state: "
                    + _join((m[2] for m in missing), "en"),
                    facts={"not_stated": [m[0] for m in missing]},
                )
            if notice.right_hearing is False:
                grounds = hearing_right_grounds(case, ctx)
                if grounds:
                    ctx.finding(
                        key="hearing-right",
                        message_zh="告知书未告知听证权（"
                        + _join((g[0] for g in grounds), "zh")
                        + "）",
                        message_en="prior notice does not state the right to a hearing ("
                        + _join((g[1] for g in grounds), "en")
                        + ")",
                        facts={"right_hearing": False, "grounds": [g[1] for g in grounds]},
                        articles=[apl("44"), apl("63", "1")],
                    )
    if notice is not None and notice.defence_submitted_date is not None:
        heavier_zh: list[str] = []
        heavier_en: list[str] = []
        proposed_fine = notice.proposed_fine_amount
        if (
            proposed_fine is not None
            and decision.fine_amount is not None
            and exceeds(decision.fine_amount, proposed_fine)
        ):
            heavier_zh.append(f"罚款由拟 {proposed_fine} 元增至 {decision.fine_amount} 元")
            heavier_en.append(f"fine raised from {proposed_fine} to {decision.fine_amount} yuan")
        if notice.proposed_penalty_types:
            added = [t for t in decision.penalty_types if t not in notice.proposed_penalty_types]
            if added:
                heavier_zh.append("增加处罚种类：" + _join((t.label_zh for t in added), "zh"))
                heavier_en.append("penalty types added: " + _join((t.value for t in added), "en"))
        if heavier_zh:
            ctx.finding(
                key="heavier-after-defence",
                message_zh="当事人陈述申辩后给予更重的处罚：" + "；".join(heavier_zh),
                message_en="heavier penalty after the party's statement and defence: "
                + "; ".join(heavier_en),
                facts={
                    "defence_submitted_date": notice.defence_submitted_date,
                    "proposed_fine_amount": proposed_fine,
                    "fine_amount": decision.fine_amount,
                    "proposed_penalty_types": list(notice.proposed_penalty_types),
                    "penalty_types": list(decision.penalty_types),
                },
                articles=[apl("45", "2")],
            )


# ============================================================================================
# PEN-HEARING-RIGHT


@rule(
    id="PEN-HEARING-RIGHT",
    title_zh="应告知听证权",
    title_en="Hearing right must be notified",
    category="procedure",
    severity="S1",
    legal_basis=[
        apl("63", "1"),
        LegalBasis(
            instrument="较大数额罚款、没收标准（地方或部门规定）",
            instrument_en="local or sectoral thresholds for 'large' fines and confiscations",
            verification="U",
        ),
    ],
    applies_to="penalty-case",
    parameters=hearing_threshold_parameters(),
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=case_date,
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
    ``hearing_confiscation_threshold_org`` (100,000), all U (catalog §8 item 5), and
    ``other_heavy_penalty_types`` (default none). A county pack can set them for all three
    hearing-related rules with ``esup_parameter_overrides``.
    """
    notice = case.prior_notice
    if notice is None or notice.right_hearing is not False:
        return
    grounds = hearing_right_grounds(case, ctx)
    if grounds:
        ctx.finding(
            key="hearing-right",
            message_zh="应告知听证权而未告知（" + _join((g[0] for g in grounds), "zh") + "）",
            message_en="the right to a hearing applied but was not notified ("
            + _join((g[1] for g in grounds), "en")
            + ")",
            facts={
                "party_type": case.party.type,
                "fine_amount": case.decision.fine_amount if case.decision else None,
                "proposed_fine_amount": notice.proposed_fine_amount,
                "grounds": [g[1] for g in grounds],
                "right_hearing": False,
            },
        )


# ============================================================================================
# PEN-HEARING-WINDOW


@rule(
    id="PEN-HEARING-WINDOW",
    title_zh="听证申请期未届满即作出决定",
    title_en="Decision before the 5-day hearing request window closed",
    category="procedure",
    severity="S2",
    legal_basis=[apl("64", "1", "1"), apl("85")],
    applies_to="penalty-case",
    parameters=hearing_threshold_parameters(),
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=case_date,
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
    forecloses the right. The start day is not counted; 调休 make-up days are working days.
    Decisions before 2021-07-15 are not evaluated.

    ## Example that flags
    A 100,000-yuan fine on a company; notice served Wednesday 2025-04-30. 05-01 to 05-05 are
    holidays, so the five working days are 05-06, 05-07, 05-08, 05-09 and Monday 05-12; a
    decision dated 2025-05-12 is flagged.

    ## Example that does not flag
    The decision on 2025-05-13; or a written hearing waiver dated before the decision.

    ## Configuration
    The hearing thresholds, as PEN-HEARING-RIGHT: ``hearing_fine_threshold_person`` (5,000
    yuan), ``hearing_fine_threshold_org`` (100,000), ``hearing_confiscation_threshold_person``
    (5,000), ``hearing_confiscation_threshold_org`` (100,000) and ``other_heavy_penalty_types``
    (none). Configure them alike for PEN-HEARING-RIGHT, PEN-HEARING-WINDOW and PEN-NOTICE.
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
    window = ctx.deadline(
        notice.served_date, 5, "WD", start_label="告知书送达", start_label_en="notice served"
    )
    if ctx.deadline_met(
        window, decision.decision_date, label="听证申请期 / hearing request window"
    ):
        ctx.finding(
            key="window",
            message_zh=f"听证申请期至 {window.due_date} 届满，{decision.decision_date} 即作出决定",
            message_en=f"decided on {decision.decision_date}, before the hearing request "
            f"window closed at the end of {window.due_date}",
            facts={
                "notice_served_date": notice.served_date,
                "decision_date": decision.decision_date,
                "window_last_day": window.due_date,
                "grounds": [g[1] for g in grounds],
            },
        )


# ============================================================================================
# PEN-HEARING-HELD


@rule(
    id="PEN-HEARING-HELD",
    title_zh="听证组织",
    title_en="Hearing not held or held improperly",
    category="procedure",
    severity="S1",
    legal_basis=[apl("64", "1"), apl("65"), apl("85")],
    applies_to="penalty-case",
    parameters=[
        Parameter(
            name="hearing_notice_counting",
            default="event_day_counts",
            choices=("event_day_counts", "clear_days"),
            reading=True,
            doc="“举行听证的七日前通知”的计算（U，rules.md §1.12.3）：event_day_counts 检查 "
            "add_wd(通知日, 7) <= 听证日（听证日可为第7个工作日）；clear_days 要求两者之间有"
            "完整的7个工作日（add_wd(通知日, 7) < 听证日）/ how 'notice 7 days before the "
            "hearing' is checked: add_wd(notice, 7) <= hearing (default) or < hearing",
        )
    ],
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=case_date,
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
    Cases decided before 2021-07-15 are not evaluated.

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
            window = ctx.deadline(
                notice.served_date,
                5,
                "WD",
                start_label="告知书送达",
                start_label_en="notice served",
            )
            used.append(("听证申请期 / hearing request window", window))
            timely = ctx.deadline_met(window, hearing.requested_date)
        held = hearing.held_date
        if timely and (held is None or held > decision.decision_date):
            ctx.finding(
                key="not-held",
                message_zh=f"当事人于 {hearing.requested_date} 要求听证，作出处罚决定前未组织听证",
                message_en=f"the party asked for a hearing on {hearing.requested_date}; no "
                "hearing was held before the decision",
                facts={
                    "requested_date": hearing.requested_date,
                    "held_date": held,
                    "decision_date": decision.decision_date,
                },
                deadlines=used,
                articles=[apl("63"), apl("64", "1", "1"), apl("65")],
            )
    if hearing.notice_date is not None and hearing.held_date is not None:
        counting = ctx.reading("hearing_notice_counting")
        notice_clock = ctx.deadline(
            hearing.notice_date,
            7,
            "WD",
            start_label="听证通知",
            start_label_en="hearing notice",
        )
        seventh = notice_clock.due_date
        short = (
            seventh > hearing.held_date
            if counting == "event_day_counts"
            else (seventh >= hearing.held_date)
        )
        if short:
            ctx.finding(
                key="notice-late",
                severity="S2",
                message_zh=f"听证通知（{hearing.notice_date}）距听证（{hearing.held_date}）不足七个"
                "工作日",
                message_en=f"hearing notice ({hearing.notice_date}) less than seven working days "
                f"before the hearing ({hearing.held_date})",
                facts={
                    "notice_date": hearing.notice_date,
                    "held_date": hearing.held_date,
                    "seventh_working_day_after_notice": seventh,
                },
                deadlines=[("听证通知七个工作日 / seven working days' notice", notice_clock)],
                articles=[apl("64", "1", "2"), apl("85")],
            )
    if hearing.chair_id is not None and hearing.chair_id in case.investigator_ids:
        ctx.finding(
            key="chair-investigator",
            severity="S2",
            message_zh=f"听证主持人 {hearing.chair_id} 是本案调查人员",
            message_en=f"the hearing chair {hearing.chair_id} investigated the case",
            facts={"chair_id": hearing.chair_id, "investigators": list(case.investigator_ids)},
            deadlines=[],
            articles=[apl("64", "1", "4")],
        )
    if (
        hearing.held_date is not None
        and hearing.record_signed is False
        and hearing.refusal_noted is not True
    ):
        ctx.finding(
            key="record-unsigned",
            severity="S2",
            message_zh="听证笔录未经当事人签字或盖章，也未注明拒签",
            message_en="the hearing record is neither signed by the party nor notes a refusal",
            facts={"record_signed": False, "refusal_noted": hearing.refusal_noted},
            deadlines=[],
            articles=[apl("64", "1", "8")],
        )


# ============================================================================================
# PEN-LEGAL-REVIEW


@rule(
    id="PEN-LEGAL-REVIEW",
    title_zh="法制审核",
    title_en="Legal review before certain decisions",
    category="procedure",
    severity="S1",
    legal_basis=[
        apl("58", "1"),
        LegalBasis(
            instrument="国办发〔2018〕118号",
            instrument_en="State Council General Office Guideline No. 118 (2018)",
            verification="V2",
        ),
    ],
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
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=case_date,
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
    triggers: list[tuple[str, str]] = []
    if case.major_public_interest:
        triggers.append(("涉及重大公共利益", "major public interest"))
    if case.hearing is not None and case.hearing.held_date is not None:
        triggers.append(("经过听证程序", "a hearing was held"))
    if case.complex_multi_legal:
        triggers.append(("案情疑难复杂、涉及多个法律关系", "complex, several legal relationships"))
    if case.review_required_by_law:
        triggers.append(("法律法规规定应当进行法制审核", "review required by law"))
    code = decision.matter_code
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
                triggers.append(
                    (f"事项 {code} 列入法制审核目录", f"matter {code} is on the review catalog")
                )
                break
    if not triggers:
        return
    facts: dict[str, Any] = {
        "review_needed_because": [en for _, en in triggers],
        "decision_date": decision.decision_date,
    }
    because_zh = _join((zh for zh, _ in triggers), "zh")
    review = case.legal_review
    if review is None or (review.completed_date is None and review.result is None):
        ctx.finding(
            key="missing",
            message_zh=f"应当法制审核（{because_zh}）而未经审核即作出决定",
            message_en="decision made without the legal review it needed",
            facts=facts,
        )
        return
    approved = decision.approved_date or decision.decision_date
    if review.completed_date is not None and review.completed_date > approved:
        ctx.finding(
            key="after-approval",
            message_zh=f"法制审核于 {review.completed_date} 完成，晚于决定批准日期 {approved}",
            message_en=f"legal review completed on {review.completed_date}, after the decision "
            f"was approved on {approved}",
            facts={**facts, "review_completed_date": review.completed_date, "approved": approved},
        )
    if review.result is not None and review.result is not LegalReviewResult.PASS:
        ctx.finding(
            key="not-passed",
            message_zh=f"法制审核结果为“{review.result.label_zh}”，仍作出决定",
            message_en=f"decision made although the legal review result was {review.result.value}",
            facts={**facts, "review_result": review.result},
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
    legal_basis=apl("58", "2"),
    applies_to="penalty-case",
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=_review_date,
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
        ctx.undecided(
            f"法制审核人员 {review.reviewer_id} 无法律职业资格，但未登记首次从事法制审核日期",
            f"reviewer {review.reviewer_id} has no legal qualification and no first review "
            "date recorded",
        )
    if first >= NEW_LAW_IN_FORCE:
        ctx.finding(
            key=f"reviewer:{review.reviewer_id}",
            message_zh=f"法制审核人员 {review.reviewer_id} 于 {first} 初次从事法制审核，"
            "未取得法律职业资格",
            message_en=f"reviewer {review.reviewer_id} first reviewed on {first} and has no "
            "legal professional qualification",
            facts={
                "reviewer_id": review.reviewer_id,
                "first_review_date": first,
                "legal_qualification": False,
            },
        )


# ============================================================================================
# PEN-COLLECTIVE


@rule(
    id="PEN-COLLECTIVE",
    title_zh="集体讨论",
    title_en="Collective discussion for complex or serious cases",
    category="procedure",
    severity="S1",
    legal_basis=apl("57", "2"),
    applies_to="penalty-case",
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=case_date,
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
            key="missing",
            message_zh="情节复杂或重大违法案件未经负责人集体讨论即作出决定",
            message_en="complex or serious case decided without a collective discussion",
            facts={"because": why, "decision_date": decision.decision_date},
        )
    elif discussion.date > decision.decision_date:
        ctx.finding(
            key="after-decision",
            message_zh=f"集体讨论（{discussion.date}）晚于决定日期 {decision.decision_date}",
            message_en=f"collective discussion ({discussion.date}) after the decision "
            f"({decision.decision_date})",
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
    legal_basis=[
        apl("60"),
        apl("59", "1", "6"),
        LegalBasis(
            instrument="市场监督管理行政处罚程序规定",
            instrument_en="Market Regulation Administrative Penalty Procedure Provisions "
            "(sector example: 90 + 30 days, further extension by collective decision; "
            "suspension, hearing, announcement, testing, inspection, quarantine and appraisal "
            "time excluded)",
            verification="V2",
        ),
    ],
    applies_to="penalty-case",
    parameters=[
        Parameter(
            name="agency_deadline_rollover",
            default=True,
            reading=True,
            doc="约束行政机关的期限末日为休息日时是否顺延（U，rules.md §1.12.3）。为 true 时，"
            "严格期限与顺延期限之间作出的决定只作 S4 提示，不认定超期 / roll a last day "
            "that is a rest day over to the next working day for this agency-side deadline "
            "(U); between the strict and the rolled deadline only an S4 advisory is made",
        ),
        Parameter(
            name="strict_deadline_advisory",
            default="note",
            choices=("note", "finding"),
            reading=True,
            doc="严格期限与顺延期限之间作出的决定如何提示：note 为检查记录中的 S4 提示（默认，"
            "rules.md §1.12.3 所称“S4 note”，不构成问题发现）；finding 为单独的 S4 提示性"
            "问题发现（键 past-strict-deadline），可在报告中逐案显示并跟进 / how the S4 advisory "
            "between the strict and the rolled deadline is kept: 'note' (default) — a note on "
            "the run record, the catalog's 'S4 note', not a finding; 'finding' — an S4 "
            "advisory finding of its own (key past-strict-deadline), shown per case in reports",
        ),
        Parameter(
            name="excluded_periods_need_written_notice",
            default=True,
            reading=True,
            doc="中止、听证、公告、检测、鉴定等期间仅在书面告知当事人后才不计入期限（U，"
            "rules.md §1.12.3）/ count an excluded period only when it was notified in writing",
        ),
    ],
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=_filed_date,
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
    Whether a last day on a rest day rolls over for an agency is unsettled (rules.md §1.12.3).
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
        Extension(amount=e.days, approved_on=e.approved_date, label="延长", label_en="extension")
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
        "strict_deadline": deadline.strict_date,
        "rolled_deadline": deadline.rolled_date,
        "deadline": deadline.due_date,
    }
    if closed_without_decision:
        facts["closed_without_decision"] = done_on
    if not_notified:
        facts["excluded_periods_not_counted_no_written_notice"] = not_notified
    label = "九十日办案期限 / 90-day limit"
    if ctx.late(deadline, done_on, label=label):
        if done_on is None:
            ctx.finding(
                key="90d",
                message_zh=f"超期未结：立案 {filed}，办案期限 {deadline.due_date} 已届满，尚未作出"
                "处罚决定",
                message_en=f"overdue: filed {filed}, the deadline {deadline.due_date} has "
                "passed and no decision has been made",
                facts=facts,
            )
        else:
            what_zh = "结案" if closed_without_decision else "作出处罚决定（决定书日期）"
            what_en = "closed" if closed_without_decision else "decided (date on the 决定书)"
            ctx.finding(
                key="90d",
                message_zh=f"超期作出处罚决定：立案 {filed}，{done_on} {what_zh}，晚于期限 "
                f"{deadline.due_date}",
                message_en=f"late decision: filed {filed}, {what_en} on {done_on}, after the "
                f"deadline {deadline.due_date}",
                facts=facts,
                evidence=[
                    Evidence(
                        description="结案日期 / closing date"
                        if closed_without_decision
                        else "行政处罚决定书日期 / date on the decision document",
                        record_type="penalty-case",
                        record_id=case.id,
                        field="closure.closed_date"
                        if closed_without_decision
                        else "decision.decision_date",
                        value=str(done_on),
                    )
                ],
            )
        return
    strict = deadline.strict_date
    if not rollover or deadline.rolled_date is None or deadline.rolled_date == strict:
        return
    if (done_on is not None and deadline.is_met_only_by_rollover(done_on)) or (
        done_on is None and ctx.ended(strict)
    ):
        # rules.md §1.12.3: "raise S2 only after rolled_deadline (an S4 note between the
        # two)". By default a note on the run record, as the catalog says; a deployment that
        # wants to follow such cases up per case makes it an S4 finding of its own, which
        # resolves when the case turns late (key 90d, S2).
        what_zh = "结案" if closed_without_decision else "作出处罚决定"
        what_en = "closed" if closed_without_decision else "decided"
        day_zh = ctx.calendar.describe_day(strict, "zh")
        day_en = ctx.calendar.describe_day(strict, "en")
        message_zh = (
            f"已超过严格期限 {strict}（{day_zh}），{done_on} {what_zh}；"
            f"按顺延至 {deadline.rolled_date} 未认定超期（S4 提示）"
            if done_on is not None
            else f"尚未作出处罚决定，已超过严格期限 {strict}（{day_zh}）；"
            f"顺延后的期限 {deadline.rolled_date} 尚未届满（S4 提示）"
        )
        message_en = (
            f"past the strict deadline {strict} ({day_en}): {what_en} on {done_on}; "
            f"not late under rollover to {deadline.rolled_date} (S4 note)"
            if done_on is not None
            else f"no decision yet, past the strict deadline {strict} ({day_en}); "
            f"the rolled deadline {deadline.rolled_date} has not passed (S4 note)"
        )
        if ctx.reading("strict_deadline_advisory") == "note":
            ctx.note(
                message_zh,
                message_en,
                kind="advisory",
                severity="S4",
                strict_deadline=strict,
                rolled_deadline=deadline.rolled_date,
            )
            return
        ctx.finding(
            key="past-strict-deadline",
            severity="S4",
            message_zh=message_zh,
            message_en=message_en,
            facts=facts,
            due=None if done_on is not None else deadline.rolled_date,
        )


# ============================================================================================
# PEN-DELIVERY-7WD


@rule(
    id="PEN-DELIVERY-7WD",
    title_zh="处罚决定书送达",
    title_en="Delivery of the decision",
    category="procedure",
    severity="S2",
    legal_basis=[apl("61", "1"), apl("61", "2"), apl("85")],
    applies_to="penalty-case",
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=case_date,
)
def delivery_7wd(case: PenaltyCase, ctx: Context) -> None:
    """Flags an ordinary-procedure decision not served in time, and electronic service
    without the party's written consent.

    When the party was present at the announcement, the decision must be handed over that day
    (``served_date == announced_date``) — key ``on-spot``. Otherwise it must be served within
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
        "served_date": served,
        "method": delivery.method if delivery is not None else None,
    }
    if delivery is not None and delivery.party_present_at_announcement is True:
        if served is not None and served != start:
            ctx.finding(
                key="on-spot",
                message_zh=f"当事人在场，决定书未于宣告当日（{start}）当场交付，而于 {served} 送达",
                message_en=f"the party was present but the decision was not handed over at the "
                f"announcement ({start}); served on {served}",
                facts=facts,
            )
    elif delivery is None or delivery.method is not DeliveryMethod.PUBLIC_NOTICE:
        label_zh = "宣告" if decision.announced_date else "决定"
        label_en = "announced" if decision.announced_date else "decided"
        found = deadline_unless_decided(
            ctx,
            served,
            lambda: ctx.deadline(start, 7, "WD", start_label=label_zh, start_label_en=label_en),
            lambda: ctx.deadline(start, 7, "CD", start_label=label_zh, start_label_en=label_en),
        )
        if found is not None and ctx.late(found, served, label="送达期限 / service deadline"):
            deadline = found
            due = deadline.due_date
            if served is None:
                message_zh = f"决定书未在七个工作日内（{due} 前）送达当事人"
                message_en = f"decision not served within seven working days (by {due})"
            else:
                message_zh = f"决定书于 {served} 送达，超过七个工作日期限 {due}"
                message_en = f"decision served on {served}, after the seven-working-day limit {due}"
            ctx.finding(key="7wd", message_zh=message_zh, message_en=message_en, facts=facts)
    if (
        delivery is not None
        and delivery.method is DeliveryMethod.ELECTRONIC
        and delivery.e_service_consent_signed is False
    ):
        ctx.finding(
            key="e-service-consent",
            message_zh="未经当事人同意并签订确认书即采用电子送达",
            message_en="electronic service without the party's signed consent",
            facts={"method": delivery.method, "e_service_consent_signed": False},
            deadlines=[],
            articles=[apl("61", "2")],
        )


# ============================================================================================
# PEN-SUMMARY-LIMIT

_SUMMARY_TYPES = frozenset({PenaltyType.WARNING, PenaltyType.FINE})

_OLD_ART_33 = apl(
    "33",
    instrument="行政处罚法（1996年公布，2009年、2017年修正）",
    instrument_en="Administrative Penalty Law (1996, amended 2009 and 2017)",
    verification="V2",
)


@rule(
    id="PEN-SUMMARY-LIMIT",
    title_zh="简易程序适用范围",
    title_en="Summary-procedure limits",
    category="abuse, procedure",
    severity="S1",
    legal_basis=[apl("51"), _OLD_ART_33],
    applies_to="penalty-case",
    parameters=[
        Parameter(
            name="natural_person_max",
            default=Decimal("50"),
            values={NEW_LAW_IN_FORCE: Decimal("200")},
            unit="yuan",
            doc="简易程序对公民罚款上限（“以下”，含本数）：2021-07-15 前 50 元（1996/2017 年法"
            "第33条），此后 200 元（第51条）/ summary-procedure cap for natural persons "
            "(inclusive): 50 yuan before 2021-07-15, 200 yuan from then",
        ),
        Parameter(
            name="organisation_max",
            default=Decimal("1000"),
            values={NEW_LAW_IN_FORCE: Decimal("3000")},
            unit="yuan",
            doc="简易程序对法人或者其他组织罚款上限（含本数）：2021-07-15 前 1,000 元，此后 "
            "3,000 元 / summary-procedure cap for legal persons and other organisations "
            "(inclusive): 1,000 yuan before 2021-07-15, 3,000 yuan from then",
        ),
    ],
    valid_from=OLD_LAW_IN_FORCE,
    facts_date=decision_date,
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
    articles = [apl("51")] if day >= NEW_LAW_IN_FORCE else [_OLD_ART_33]
    types = set(decision.penalty_types)
    fine = decision.fine_amount
    if not types and fine is not None and fine > 0:
        types = {PenaltyType.FINE}
    others = sorted(types - _SUMMARY_TYPES, key=lambda t: t.value)
    if others:
        ctx.finding(
            key="penalty-type",
            message_zh="简易程序只能给予警告或者罚款，却给予："
            + _join((t.label_zh for t in others), "zh"),
            message_en="the summary procedure allows only a warning or a fine, but imposed: "
            + _join((t.value for t in others), "en"),
            facts={"procedure": decision.procedure, "penalty_types": sorted(types)},
            articles=articles,
        )
    if fine is None:
        return
    person = is_natural_person(case)
    cap: Decimal = ctx.param("natural_person_max" if person else "organisation_max")
    if exceeds(fine, cap):
        who_zh = "公民" if person else "法人或者其他组织"
        who_en = "a natural person" if person else "an organisation"
        ctx.finding(
            key="fine-limit",
            message_zh=f"简易程序对{who_zh}罚款 {fine} 元，超过 {cap} 元上限",
            message_en=f"summary fine of {fine} yuan on {who_en} exceeds the {cap}-yuan cap",
            facts={
                "procedure": decision.procedure,
                "party_type": case.party.type,
                "fine_amount": fine,
                "cap": cap,
                "decision_date": day,
            },
            articles=articles,
        )


# ============================================================================================
# PEN-SUMMARY-FORM


@rule(
    id="PEN-SUMMARY-FORM",
    title_zh="当场处罚手续",
    title_en="Formalities of an on-the-spot decision",
    category="procedure",
    severity="S3",
    legal_basis=[apl("52")],
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
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=decision_date,
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
    ``filing_deadline_wd`` (default 0: no deadline, only a missing filing is flagged).
    """
    decision = case.decision
    if decision is None or decision.procedure is not Procedure.SUMMARY:
        return
    on_spot = [a for a in case.acts if a.kind is ActKind.ON_SITE_DECISION]
    if any(a.certificate_shown is False for a in on_spot):
        ctx.finding(
            key="certificate-not-shown",
            message_zh="当场处罚未出示执法证件",
            message_en="certificates not shown at the on-the-spot decision",
            facts={"certificate_shown": False},
            deadlines=[],
        )
    if decision.doc_form_numbered is False:
        ctx.finding(
            key="form-not-numbered",
            message_zh="当场处罚未使用预定格式、编有号码的行政处罚决定书",
            message_en="on-the-spot decision not on a numbered standard form",
            facts={"doc_form_numbered": False},
            deadlines=[],
        )
    if decision.delivered_on_spot is False and decision.refusal_to_sign_noted is not True:
        ctx.finding(
            key="not-delivered-on-spot",
            message_zh="当场处罚决定书未当场交付当事人，也未注明拒绝签收",
            message_en="on-the-spot decision not handed to the party, and no refusal noted",
            facts={
                "delivered_on_spot": False,
                "refusal_to_sign_noted": decision.refusal_to_sign_noted,
            },
            deadlines=[],
        )
    days: int = ctx.param("filing_deadline_wd")
    filed = decision.filed_with_agency_date
    if days <= 0:
        if filed is None:
            ctx.finding(
                key="not-filed",
                message_zh="当场处罚决定未报所属行政机关备案",
                message_en="on-the-spot decision not filed with the agency",
                facts={"filed_with_agency_date": None},
                deadlines=[],
            )
        return
    deadline = ctx.deadline(
        decision.decision_date,
        days,
        "WD",
        start_label="当场处罚",
        start_label_en="on-the-spot decision",
    )
    if ctx.late(deadline, filed, label="备案期限 / filing deadline"):
        ctx.finding(
            key="not-filed",
            message_zh=f"当场处罚决定未在 {deadline.due_date} 前报所属行政机关备案",
            message_en=f"on-the-spot decision not filed with the agency by {deadline.due_date}",
            facts={"filed_with_agency_date": filed, "filing_deadline": deadline.due_date},
        )


# ============================================================================================
# PEN-ONSPOT-CASH

_ON_SPOT_MAX = Decimal("100")


@rule(
    id="PEN-ONSPOT-CASH",
    title_zh="罚缴分离",
    title_en="Separation of fining and collection",
    category="abuse",
    severity="S1",
    legal_basis=[apl("67"), apl("68"), apl("69"), apl("70")],
    applies_to="penalty-case",
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=payment_date,
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
            key="not-allowed",
            message_zh=f"不符合当场收缴罚款的法定情形，当场收缴罚款 {fine} 元",
            message_en=f"fine of {fine} yuan collected on the spot outside the cases the law "
            "allows",
            facts={
                "procedure": decision.procedure if decision is not None else None,
                "fine_amount": fine,
                "hard_to_enforce_later": payment.hard_to_enforce_later,
                "remote_area": case.remote_area,
                "party_requested_on_spot": payment.party_requested_on_spot,
            },
        )
    if payment.receipt_no is None:
        ctx.finding(
            key="no-receipt",
            message_zh="当场收缴罚款未出具财政部门统一制发的专用票据",
            message_en="fine collected on the spot without the official fiscal receipt",
            facts={"receipt_no": None},
            articles=[apl("70")],
        )


# ============================================================================================
# PEN-CASH-HANDOVER


@rule(
    id="PEN-CASH-HANDOVER",
    title_zh="当场收缴罚款上交",
    title_en="Handing over cash collected on the spot",
    category="procedure",
    severity="S2",
    legal_basis=[apl("71"), apl("85")],
    applies_to="penalty-case",
    valid_from=NEW_LAW_IN_FORCE,
    facts_date=payment_date,
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
    start_zh = "抵岸" if on_water else "当场收缴"
    start_en = "landed" if on_water else "collected"
    handed = payment.handover_date
    handover_clock = deadline_unless_decided(
        ctx,
        handed,
        lambda: ctx.deadline(start, 2, "WD", start_label=start_zh, start_label_en=start_en),
        lambda: ctx.deadline(start, 2, "CD", start_label=start_zh, start_label_en=start_en),
    )
    if handover_clock is not None and ctx.late(handover_clock, handed, label="交至机关 / handover"):
        due = handover_clock.due_date
        ctx.finding(
            key="handover",
            message_zh=f"当场收缴的罚款未在两个工作日内（{due} 前）交至行政机关"
            + (f"，{handed} 才交" if handed else ""),
            message_en="cash collected on the spot not handed to the agency within two working "
            f"days (by {due})" + (f"; handed over {handed}" if handed else ""),
            facts={
                "collected_date": payment.collected_date,
                "landing_date": payment.landing_date,
                "handover_date": handed,
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
            key="bank-deposit",
            message_zh=f"行政机关未在两个工作日内（{bank_clock.due_date} 前）将罚款缴付指定银行",
            message_en="the agency did not pay the cash into the bank within two working days "
            f"(by {bank_clock.due_date})",
            facts={"handover_date": handed, "bank_deposit_date": deposited},
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
