"""Rules of docs/catalog/rules.md#reconsideration-and-litigation, litigation part: 行政诉讼法
(as amended in 2014, in force 2015-05-01; the 2017 amendment left the articles used here as
they were) and the Supreme People's Court's interpretation 法释〔2018〕1号 (in force 2018-02-08).

**Counting.** The defendant's 15 days for the evidence and the defence (Art. 67) are calendar
days counted under 民事诉讼法 (Art. 101; 民事诉讼法 Art. 85, before 2022 Art. 82): the start
day is not counted and a last day that is a 法定休假日 rolls over to the next working day — the
law, not a reading. A make-up working day (调休上班日) is a working day, so a 15th day on a
make-up Saturday stays that Saturday (docs/catalog/interpretations.md#rest-days-for-rollover).
Under the simple procedure the court sets the evidence period, at most 15 days (法释〔2018〕1号
Art. 104).

**Consequence.** Evidence not handed in within the period is treated as no evidence
(Art. 34(2)); the statement of reasons says so.

**Citations.** A finding cites the text in force on the day of its facts: 行政诉讼法 as
amended in 2014 for facts before 2017-07-01, the current text from then on; the article of
民事诉讼法 on periods in force that day. **Agencies and dates.** The findings go to the
defendant agency that recorded the lawsuit; the date of the facts is the day of the late act,
the first day past the deadline while it is missing, or the day of the court session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from enforcement_supervision.model import AppearanceRole, CourtSession, Lawsuit, RemedyProcedure
from enforcement_supervision.rules import Context, LegalBasis, Message, Rule, Text, rule
from enforcement_supervision.statutory_time import Deadline
from esup_national_rules._law import (
    CIVIL_PROCEDURE_LAW,
    CIVIL_PROCEDURE_LAW_2012,
    LITIGATION_LAW_2014,
)
from esup_national_rules._law import LITIGATION_INTERPRETATION as SPC
from esup_national_rules._law import LITIGATION_LAW as ALL
from esup_national_rules._penalty_common import deadline_unless_decided
from esup_national_rules.reconsideration import civil_procedure_periods

__all__ = ["HEADS", "RULES", "defence_15_days", "head_appearance"]

RECORD = "lawsuit"
#: Who counts as the head (负责人): the principal, a deputy, or another leader in charge
#: (法释〔2018〕1号 Art. 128(1)).
HEADS = frozenset(
    {AppearanceRole.PRINCIPAL_HEAD, AppearanceRole.DEPUTY_HEAD, AppearanceRole.LEADER_IN_CHARGE}
)


def _copy_received(suit: Lawsuit) -> dt.date | None:
    return suit.complaint_copy_received_date


def _cited(day: dt.date, bases: Iterable[LegalBasis], *, periods: bool = False) -> list[LegalBasis]:
    """``bases`` as the texts in force on ``day`` number them: 行政诉讼法 as amended in 2014
    before 2017-07-01 (the same article numbers), and, with ``periods``, the article of
    民事诉讼法 on periods."""
    old = LITIGATION_LAW_2014.in_force_on(day)
    cited: list[LegalBasis] = []
    for basis in bases:
        if basis.instrument_id == SPC.id and not SPC.in_force_on(day):
            continue  # the interpretation of 2018 did not apply yet
        if old and basis.instrument_id == ALL.id:
            verification = basis.verification or "V"
            basis = LITIGATION_LAW_2014.art(
                basis.article, basis.paragraph, basis.item, verification=verification
            )
        cited.append(basis)
    if periods:
        cited.append(civil_procedure_periods(day))
    return cited


# --------------------------------------------------------------------------------------------
# LIT-DEFENCE-15D

_EVIDENCE_ARTICLES = [ALL.art("67", "1"), ALL.art("34", "2"), ALL.art("101")]
_DEFENCE_ARTICLES = [ALL.art("67", "1"), ALL.art("101")]
_SIMPLE_ARTICLES = [SPC.art("104", "1")]
_DEFENCE_LABEL = "举证和答辩期限 / evidence and defence deadline"


@rule(
    id="LIT-DEFENCE-15D",
    title_zh="答辩与举证期限",
    title_en="Defence and evidence in court",
    category="procedure",
    severity="S1",
    legal_basis=[
        *_EVIDENCE_ARTICLES,
        *_SIMPLE_ARTICLES,
        CIVIL_PROCEDURE_LAW.art("85"),
        CIVIL_PROCEDURE_LAW_2012.art("82"),
    ],
    applies_to=RECORD,
    valid_from=LITIGATION_LAW_2014.in_force,
    facts_date=_copy_received,
    messages={
        "evidence-late": Message(
            zh="{copy_received_date} 收到起诉状副本，举证和答辩期限截至 {deadline}"
            "（{days} 日，末日为休息日顺延，调休上班日不顺延），证据和规范性文件迟至 "
            "{evidence_date} 才提交；依《行政诉讼法》第三十四条第二款，逾期提供的证据视为没有"
            "相应证据",
            en="copy of the complaint received on {copy_received_date}: evidence and defence "
            "were due by {deadline} ({days} days, rolled over a rest day but not over a make-up "
            "working day); the evidence came only on {evidence_date}; under Art. 34(2) "
            "evidence handed in late is treated as no evidence",
            articles=_EVIDENCE_ARTICLES,
        ),
        "evidence-missing": Message(
            zh="{copy_received_date} 收到起诉状副本，举证和答辩期限 {deadline}"
            "（{days} 日，末日为休息日顺延，调休上班日不顺延）已届满，尚未提交证据和所依据的"
            "规范性文件；依《行政诉讼法》第三十四条第二款，视为没有相应证据",
            en="copy of the complaint received on {copy_received_date}: the deadline "
            "{deadline} ({days} days, rolled over a rest day but not over a make-up working "
            "day) has passed with no evidence handed in; under Art. 34(2) the act is treated "
            "as having no evidence",
            articles=_EVIDENCE_ARTICLES,
        ),
        "defence-late": Message(
            zh="{copy_received_date} 收到起诉状副本，答辩期限截至 {deadline}"
            "（{days} 日，末日为休息日顺延，调休上班日不顺延），{defence_date} 才提出答辩状"
            "（证据已按期提交）",
            en="copy of the complaint received on {copy_received_date}: the defence was due by "
            "{deadline} ({days} days, rolled over a rest day but not over a make-up working "
            "day) and was filed only on {defence_date} (the evidence was in time)",
            articles=_DEFENCE_ARTICLES,
            severity="S2",
        ),
    },
)
def defence_15_days(suit: Lawsuit, ctx: Context) -> None:
    """Flags a defendant agency that handed in its evidence after the 15 days (S1: treated as
    no evidence), or filed only its defence late (S2).

    The period runs from ``complaint_copy_received_date``: 15 calendar days, rolled over a
    rest day; under the simple procedure the court's evidence period
    (``evidence_period_days``, at most 15) replaces it when recorded. ``evidence_date`` empty
    means the evidence came with the defence. Cases before 2015-05-01 (the 1989 text, ten
    days) are not evaluated. **The same day:** evidence or a defence handed in on the last
    day is in time (the period ends at 24:00 of that day, 民事诉讼法 Art. 85).

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
        days = court_set  # the court's evidence period (法释〔2018〕1号 Art. 104)
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
        "days": days,
        "procedure": suit.procedure,
    }
    extra = _SIMPLE_ARTICLES if days != 15 else []
    label = _DEFENCE_LABEL
    if ctx.late(deadline, evidence, label=label):
        facts["treated_as_no_evidence"] = True
        ctx.finding(
            "evidence-late" if evidence is not None else "evidence-missing",
            key="evidence",
            facts=facts,
            articles=_cited(copy, [*_EVIDENCE_ARTICLES, *extra], periods=True),
        )
        return
    if defence is not None and not ctx.deadline_met(deadline, defence, label=label):
        ctx.finding(
            "defence-late",
            key="defence",
            facts=facts,
            articles=_cited(copy, _DEFENCE_ARTICLES, periods=True),
        )


# --------------------------------------------------------------------------------------------
# LIT-HEAD-APPEAR

_TRIGGERS = (
    ("major_public_interest", Text(zh="涉及重大公共利益", en="involves a major public interest")),
    ("high_social_concern", Text(zh="社会高度关注", en="draws high social concern")),
    ("mass_incident_risk", Text(zh="可能引发群体性事件", en="may give rise to a mass incident")),
    (
        "court_written_suggestion",
        Text(
            zh="经人民法院书面建议负责人出庭",
            en="had the court's written suggestion that the head appear",
        ),
    ),
)
_LAWYERS_ONLY = [ALL.art("3", "3"), SPC.art("128", "2"), SPC.art("132")]
_TRIGGER = [ALL.art("3", "3"), SPC.art("129", "1")]
_EXPLANATION = [SPC.art("129", "3")]


def _triggers(suit: Lawsuit) -> Text | None:
    """Why the head had to appear in person (Art. 129(1)), or ``None``."""
    found = [text for name, text in _TRIGGERS if getattr(suit, name) is True]
    if not found:
        return None
    return Text(zh="、".join(t.zh for t in found), en=" and ".join(t.en for t in found))


def _session_key(session: CourtSession) -> str:
    return session.date.isoformat()


@rule(
    id="LIT-HEAD-APPEAR",
    title_zh="负责人出庭应诉",
    title_en="The head of the agency appears in court",
    category="procedure",
    severity="S1",
    legal_basis=[
        ALL.art("3", "3"),
        SPC.art("128"),
        SPC.art("129"),
        SPC.art("130"),
        SPC.art("132"),
    ],
    applies_to=RECORD,
    valid_from=LITIGATION_LAW_2014.in_force,
    facts_date=_copy_received,
    messages={
        "lawyers-only": Message(
            zh="{session_date} 开庭，行政机关负责人和相应的工作人员均未出庭，仅委托{appeared}出庭",
            en="court session of {session_date}: neither a head nor staff of the agency "
            "appeared, only {appeared}",
            articles=_LAWYERS_ONLY,
            severity="S1",
        ),
        "trigger": Message(
            zh="{session_date} 开庭，案件{triggers}，行政机关负责人应当出庭而未出庭（出庭人员："
            "{appeared}）",
            en="court session of {session_date}: the case {triggers}, so the head had to "
            "appear, and did not (appeared: {appeared})",
            articles=_TRIGGER,
            severity="S2",
        ),
        "explanation": Message(
            zh="{session_date} 开庭，行政机关负责人未出庭，也未提交加盖印章或者经主要负责人签字"
            "认可的情况说明",
            en="court session of {session_date}: the head did not appear and gave the court no "
            "explanation sealed by the agency or signed by its principal head",
            articles=_EXPLANATION,
            severity="S3",
        ),
    },
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
    judged only under Art. 3(3) of the law (the S1 path). Each finding is about one session
    (key: its date), dated that day, and goes to the defendant agency. No two dates are
    compared: the session's day is the day of the facts.

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
    triggers = _triggers(suit)
    for session in suit.sessions:
        appeared = set(session.appeared)
        if not appeared or appeared & HEADS:
            continue
        day = session.date
        base: dict[str, Any] = {
            "session_date": day,
            "appeared": list(session.appeared),
            "head_appeared": False,
            "absence_explanation": session.absence_explanation,
        }
        key = _session_key(session)
        if AppearanceRole.STAFF not in appeared:
            ctx.finding(
                "lawyers-only",
                key=f"{key}:lawyers-only",
                fact_date=day,
                facts=base,
                articles=_cited(day, _LAWYERS_ONLY),
            )
        if not SPC.in_force_on(day):
            continue
        if triggers is not None:
            ctx.finding(
                "trigger",
                key=f"{key}:trigger",
                fact_date=day,
                facts={**base, "triggers": triggers},
                articles=_cited(day, _TRIGGER),
            )
        if session.absence_explanation is False:
            ctx.finding("explanation", key=f"{key}:explanation", fact_date=day, facts=base)


RULES: tuple[Rule, ...] = (defence_15_days, head_appearance)
