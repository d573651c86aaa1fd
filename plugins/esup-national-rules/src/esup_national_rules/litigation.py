"""Rules of docs/catalog/rules.md#reconsideration-and-litigation, litigation part: 行政诉讼法
(as amended in 2014, in force 2015-05-01) and the Supreme People's Court's interpretation
法释〔2018〕1号 (in force 2018-02-08).

**Counting.** The defendant's 15 days for the evidence and the defence (Art. 67) are calendar
days counted under 民事诉讼法 (Art. 101; 民事诉讼法 Art. 85): the start day is not counted and
a last day that is a 法定休假日 rolls over to the next working day. A make-up working day
(调休上班日) is a working day, so a 15th day on a make-up Saturday stays that Saturday
(docs/catalog/interpretations.md#rest-days-for-rollover). Under the simple procedure the court
sets the evidence period, at most 15 days (法释〔2018〕1号 Art. 104).

**Consequence.** Evidence not handed in within the period is treated as no evidence
(Art. 34(2)); the statement of reasons says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from enforcement_supervision.model import AppearanceRole, CourtSession, Lawsuit, RemedyProcedure
from enforcement_supervision.rules import Context, Rule, rule
from enforcement_supervision.statutory_time import Deadline
from esup_national_rules._bridge import Instrument, Message, Text, report
from esup_national_rules._penalty_common import deadline_unless_decided
from esup_national_rules.reconsideration import CIVIL_PROCEDURE

__all__ = [
    "ADMINISTRATIVE_LITIGATION",
    "LITIGATION_INTERPRETATION",
    "RULES",
    "defence_15_days",
    "head_appearance",
]

ADMINISTRATIVE_LITIGATION = Instrument(
    id="administrative-litigation-law-2014",
    title="中华人民共和国行政诉讼法（2014年修正，2017年修正）",
    short_title="行政诉讼法",
    title_en="Administrative Litigation Law (as amended in 2014 and 2017)",
    issuer="全国人民代表大会常务委员会",
    in_force=dt.date(2015, 5, 1),
)
LITIGATION_INTERPRETATION = Instrument(
    id="spc-interpretation-2018-1",
    title="最高人民法院关于适用《中华人民共和国行政诉讼法》的解释",
    short_title="行诉法解释",
    title_en="SPC Interpretation on the Administrative Litigation Law",
    issuer="最高人民法院",
    number="法释〔2018〕1号",
    in_force=dt.date(2018, 2, 8),
)
ALL, SPC = ADMINISTRATIVE_LITIGATION, LITIGATION_INTERPRETATION
RECORD = "lawsuit"
HEADS = frozenset(
    {AppearanceRole.PRINCIPAL_HEAD, AppearanceRole.DEPUTY_HEAD, AppearanceRole.LEADER_IN_CHARGE}
)


def _copy_received(suit: Lawsuit) -> dt.date | None:
    return suit.complaint_copy_received_date


# --------------------------------------------------------------------------------------------
# LIT-DEFENCE-15D

_NO_EVIDENCE = Text(
    zh="依《行政诉讼法》第三十四条第二款，逾期提供的证据视为没有相应证据",
    en="under Art. 34(2) evidence handed in late is treated as no evidence",
)
_DEFENCE_ARTICLES = [
    ALL.art("67", "1"),
    ALL.art("34", "2"),
    ALL.art("101"),
    CIVIL_PROCEDURE.art("85"),
]
DEFENCE_MESSAGES = {
    "evidence-late": Message(
        zh="{copy_received_date} 收到起诉状副本，举证和答辩期限截至 {deadline}（{period}），"
        "证据和规范性文件迟至 {evidence_date} 才提交；{consequence}",
        en="copy of the complaint received on {copy_received_date}: evidence and defence were "
        "due by {deadline} ({period}); the evidence came only on {evidence_date}; "
        "{consequence}",
        articles=_DEFENCE_ARTICLES,
    ),
    "evidence-missing": Message(
        zh="{copy_received_date} 收到起诉状副本，举证和答辩期限 {deadline}（{period}）已届满，"
        "尚未提交证据和所依据的规范性文件；{consequence}",
        en="copy of the complaint received on {copy_received_date}: the deadline {deadline} "
        "({period}) has passed with no evidence handed in; {consequence}",
        articles=_DEFENCE_ARTICLES,
    ),
    "defence-late": Message(
        zh="{copy_received_date} 收到起诉状副本，答辩期限截至 {deadline}（{period}），"
        "{defence_date} 才提出答辩状（证据已按期提交）",
        en="copy of the complaint received on {copy_received_date}: the defence was due by "
        "{deadline} ({period}) and was filed only on {defence_date} (the evidence was in time)",
        articles=[ALL.art("67", "1"), ALL.art("101"), CIVIL_PROCEDURE.art("85")],
        severity="S2",
    ),
}


@rule(
    id="LIT-DEFENCE-15D",
    title_zh="答辩与举证期限",
    title_en="Defence and evidence in court",
    category="procedure",
    severity="S1",
    legal_basis=(*_DEFENCE_ARTICLES, SPC.art("104", "1")),
    applies_to=RECORD,
    valid_from=ALL.in_force,
    facts_date=_copy_received,
)
def defence_15_days(suit: Lawsuit, ctx: Context) -> None:
    """Flags a defendant agency that handed in its evidence after the 15 days (S1: treated as
    no evidence), or filed only its defence late (S2).

    The period runs from ``complaint_copy_received_date``: 15 calendar days, rolled over a
    rest day; under the simple procedure the court's evidence period
    (``evidence_period_days``, at most 15) replaces it when recorded. ``evidence_date`` empty
    means the evidence came with the defence. Cases before 2015-05-01 (the 1989 text, ten
    days) are not evaluated.

    ## Why
    行政诉讼法 Art. 67(1): "被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为
    的证据和所依据的规范性文件，并提出答辩状"; Art. 34(2): "被告不提供或者无正当理由逾期提供
    证据，视为没有相应证据"; Art. 101: periods as in 民事诉讼法, whose Art. 85 rolls a last day
    that is a 法定休假日 over to the next working day.

    ## Example that flags
    Copy received Friday 2025-09-26: day 15 is Saturday 2025-10-11, a make-up working day, so
    the deadline stays 2025-10-11; defence and evidence on Monday 2025-10-13 → S1 (treated as
    no evidence). In 2026: copy received Friday 2026-01-30, day 15 is Saturday 2026-02-14 (a
    make-up working day before the Spring Festival); evidence on 2026-02-24 → S1.

    ## Example that does not flag
    Defence and evidence on Saturday 2025-10-11; or a copy received 2025-09-18, whose 15th day
    (Friday 10-03) lies in the National Day block: the deadline rolls over to 2025-10-09.

    ## Configuration
    None: the period is statutory.
    """
    copy = suit.complaint_copy_received_date
    if copy is None:
        return
    days = 15
    court_set = suit.evidence_period_days
    if suit.procedure == RemedyProcedure.SIMPLE and court_set is not None and 0 < court_set < 15:
        days = court_set
    defence = suit.defence_date
    evidence = suit.evidence_date or defence

    def build(roll: bool) -> Deadline:
        return ctx.deadline(
            copy,
            days,
            "CD",
            rollover=roll,
            start_label="收到起诉状副本",
            start_label_en="copy of the complaint received",
        )

    deadline = deadline_unless_decided(ctx, evidence, lambda: build(True), lambda: build(False))
    if deadline is None:
        return
    facts: dict[str, Any] = {
        "copy_received_date": copy,
        "defence_date": defence,
        "evidence_date": evidence,
        "deadline": deadline.due_date,
        "strict_deadline": deadline.strict_date,
        "procedure": suit.procedure,
        "period": Text(
            zh=f"{days} 日，末日为休息日顺延，调休上班日不顺延",
            en=f"{days} days, rolled over a rest day but not over a make-up working day",
        ),
        "consequence": _NO_EVIDENCE,
    }
    label = "举证和答辩期限 / evidence and defence deadline"
    if ctx.late(deadline, evidence, label=label):
        facts["treated_as_no_evidence"] = True
        kind = "evidence-late" if evidence is not None else "evidence-missing"
        report(ctx, DEFENCE_MESSAGES, kind, key="evidence", facts=facts)
        return
    if defence is not None and not ctx.deadline_met(deadline, defence, label=label):
        report(ctx, DEFENCE_MESSAGES, "defence-late", key="defence", facts=facts)


# --------------------------------------------------------------------------------------------
# LIT-HEAD-APPEAR

HEAD_MESSAGES = {
    "lawyers-only": Message(
        zh="{session_date} 开庭，行政机关负责人和相应的工作人员均未出庭，仅委托{appeared}出庭",
        en="court session of {session_date}: neither a head nor staff of the agency appeared, "
        "only {appeared}",
        articles=[ALL.art("3", "3"), SPC.art("128", "2"), SPC.art("132")],
        severity="S1",
    ),
    "trigger": Message(
        zh="{session_date} 开庭，案件{triggers}，行政机关负责人应当出庭而未出庭（出庭人员："
        "{appeared}）",
        en="court session of {session_date}: the case {triggers}, so the head had to appear, "
        "and did not (appeared: {appeared})",
        articles=[ALL.art("3", "3"), SPC.art("129", "1")],
        severity="S2",
    ),
    "explanation": Message(
        zh="{session_date} 开庭，行政机关负责人未出庭，也未提交加盖印章或者经主要负责人签字认可的"
        "情况说明",
        en="court session of {session_date}: the head did not appear and gave the court no "
        "explanation sealed by the agency or signed by its principal head",
        articles=[SPC.art("129", "3")],
        severity="S3",
    ),
}

_TRIGGERS = (
    ("major_public_interest", "涉及重大公共利益", "involves a major public interest"),
    ("high_social_concern", "社会高度关注", "draws high social concern"),
    ("mass_incident_risk", "可能引发群体性事件", "may give rise to a mass incident"),
    (
        "court_written_suggestion",
        "经人民法院书面建议负责人出庭",
        "had the court's written suggestion that the head appear",
    ),
)


def _session_key(session: CourtSession) -> str:
    return session.date.isoformat()


@rule(
    id="LIT-HEAD-APPEAR",
    title_zh="负责人出庭应诉",
    title_en="The head of the agency appears in court",
    category="procedure",
    severity="S1",
    legal_basis=(
        ALL.art("3", "3"),
        SPC.art("128"),
        SPC.art("129"),
        SPC.art("130"),
        SPC.art("132"),
    ),
    applies_to=RECORD,
    valid_from=ALL.in_force,
    facts_date=_copy_received,
)
def head_appearance(suit: Lawsuit, ctx: Context) -> None:
    """Flags court sessions at which no head of the defendant agency appeared: S1 when only
    lawyers (or others) appeared for it, S2 when the case obliged the head to appear, S3 when
    the head's absence was not explained in a sealed or signed statement.

    For each session (``sessions[]``) whose attendance is recorded: a "head" is the principal
    head, a deputy head or another leader in charge (Art. 128(1)); the agency's "相应的工作
    人员" are its staff (Art. 130). The obligation to appear in person (S2) applies to cases of
    major public interest, high social concern or a risk of mass incidents, and to cases where
    the court suggested it in writing (Art. 129(1)). The explanation (S3) is judged only when
    recorded as missing (``absence_explanation = false``). Sessions before 2018-02-08 are
    judged only under Art. 3(3) of the law (the S1 path).

    ## Why
    行政诉讼法 Art. 3(3): "被诉行政机关负责人应当出庭应诉。不能出庭的，应当委托行政机关相应的
    工作人员出庭"; 法释〔2018〕1号 Art. 128(2): "不得仅委托律师出庭"; Art. 129(1): the cases in
    which the head "应当出庭"; Art. 129(3): "应当向人民法院提交情况说明，并加盖行政机关印章或者
    由该机关主要负责人签字认可"; Art. 132: the court records an absence.

    ## Example that flags
    A case of high social concern; at the session of 2025-11-11 only a staff member and a
    lawyer appeared for the township → S2. Only a lawyer appeared → S1.

    ## Example that does not flag
    A deputy head appeared with a lawyer; or, in an ordinary case, a staff member appeared and
    the head's absence was explained in a sealed statement.

    ## Configuration
    None.
    """
    triggers = [(zh, en) for name, zh, en in _TRIGGERS if getattr(suit, name) is True]
    for session in suit.sessions:
        appeared = set(session.appeared)
        if not appeared or appeared & HEADS:
            continue
        base: dict[str, Any] = {
            "session_date": session.date,
            "appeared": list(session.appeared),
            "head_appeared": False,
            "absence_explanation": session.absence_explanation,
        }
        key = _session_key(session)
        if AppearanceRole.STAFF not in appeared:
            report(ctx, HEAD_MESSAGES, "lawyers-only", key=f"{key}:lawyers-only", facts=base)
        if not SPC.in_force_on(session.date):
            continue
        if triggers:
            report(
                ctx,
                HEAD_MESSAGES,
                "trigger",
                key=f"{key}:trigger",
                facts={
                    **base,
                    "triggers": Text(
                        zh="、".join(zh for zh, _ in triggers),
                        en=" and ".join(en for _, en in triggers),
                    ),
                },
            )
        if session.absence_explanation is False:
            report(ctx, HEAD_MESSAGES, "explanation", key=f"{key}:explanation", facts=base)


RULES: tuple[Rule, ...] = (defence_15_days, head_appearance)
