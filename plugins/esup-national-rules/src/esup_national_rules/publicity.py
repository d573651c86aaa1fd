"""§1.5 三项制度与公开 — transparency and the "three systems" (国办发〔2018〕118号 etc.).

The three systems are 行政执法公示 (publishing who enforces what, and the decisions),
执法全过程记录 (full records, audio-video for the most intrusive acts) and 重大执法决定法制审核.
This module holds the publicity and recording rules: publication of decisions and its
withdrawal, ex-ante disclosure, government-information deadlines and audio-video records.

**Texts and citations.** Each rule declares the texts of its findings as message templates
with the provisions that path applies (总局令第45号 Art. 9 only where the credit publicity
system's period was used, 处罚法 Art. 47 only for acts of a penalty case); bodies name the kind
and give the facts. Citations come from the pack's registry (:mod:`esup_national_rules._law`).

**The same day.** Every period starts the day after its event and its last working day is in
time (docs/catalog/interpretations.md#same-day-inspection-publicity-personnel); each rule
says so at the comparison and in its docs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from enforcement_supervision.model import (
    AgencyKind,
    CoerciveKind,
    DecisionChangeKind,
    DisclosureKind,
    LicenceOutcome,
    PartyType,
    Procedure,
)
from enforcement_supervision.rules import (
    AS_OF,
    Context,
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
from enforcement_supervision.statutory_time import Extension
from esup_national_rules._law import ALL, APL, GOVINFO, OPINION_118, SAMR_PUBLICITY
from esup_national_rules._personnel_acts import acts_of, record_date

__all__ = [
    "RULES",
    "audio_video_record",
    "decision_publication",
    "ex_ante_disclosure",
    "government_information",
    "penalty_publication_scope",
    "publication_withdrawal",
]

#: Bodies that do not enforce and have nothing to disclose ex ante.
NON_ENFORCING_KINDS = frozenset(
    {
        AgencyKind.COORDINATION_BODY,
        AgencyKind.TESTING_INSTITUTION,
        AgencyKind.RESEARCH_INSTITUTE,
        AgencyKind.INTERMEDIARY,
    }
)

_MEASURES = frozenset(
    {CoerciveKind.SEALING, CoerciveKind.SEIZURE, CoerciveKind.FREEZING, CoerciveKind.OTHER_MEASURE}
)
_ENFORCEMENTS = frozenset(
    {
        CoerciveKind.DIRECT_ENFORCEMENT,
        CoerciveKind.FORCED_DEMOLITION,
        CoerciveKind.PROXY_PERFORMANCE,
    }
)

_KINDS = ("penalty", "licence", "other")


# --------------------------------------------------------------------------------------------
# Which decision a record holds


def _decision_of(record: Any) -> tuple[str, dt.date, Any] | None:
    """``(kind, decision date, publication)`` of the decision a record holds, if it must be
    published: a penalty decision imposing a penalty, a granted licence, a coercive measure or
    the decision to enforce. ``None`` otherwise."""
    record_type = getattr(record, "record_type", None)
    if record_type == "penalty-case":
        decision = record.decision
        if decision is None:
            return None
        if (
            not decision.penalty_types
            and decision.fine_amount is None
            and decision.confiscation_value is None
        ):
            return None  # 不予行政处罚: no penalty decision to publish
        return "penalty", decision.decision_date, record.publication
    if record_type == "licence-application":
        decision = record.decision
        if decision is None or decision.outcome != LicenceOutcome.GRANTED:
            return None
        return "licence", decision.date, record.publication
    if record_type == "coercive-measure":
        if record.kind in _MEASURES:
            return "other", record.start_date, record.publication
        if record.kind in _ENFORCEMENTS and record.enforcement_decision is not None:
            return "other", record.enforcement_decision.date, record.publication
    return None


def _decision_date(record: Any) -> dt.date | None:
    found = _decision_of(record)
    return None if found is None else found[1]


def _wd_table(value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise TypeError("expected a table {penalty = 7, licence = 7, other = 20}")
    result: dict[str, int] = {}
    for kind, days in value.items():
        if str(kind) not in _KINDS:
            raise ValueError(f"unknown decision kind {kind!r}; known: {list(_KINDS)}")
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise ValueError(f"{kind}: {days!r} is not a positive number of working days")
        result[str(kind)] = days
    return result


def _day_after(day: dt.date) -> dt.date:
    """The first day past a period's last day (the date of the facts of a duty not done)."""
    return day + dt.timedelta(days=1)


def _text_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise TypeError("expected a list of text")
    return tuple(str(item) for item in value)


# --------------------------------------------------------------------------------------------
# PUB-DECISION

_BASIS_118 = OPINION_118.art(verification="V2")
_BASIS_LICENCE_40 = ALL.art("40")
_BASIS_SAMR_45_9 = SAMR_PUBLICITY.art("9")
_BASIS_PENALTY_48 = APL.art("48", "1")
_APL48_2 = APL.art("48", "2")
_APL85 = APL.art("85")
_APL34 = APL.art("34")
_APL39 = APL.art("39")
_APL47 = APL.art("47")

#: The decisions PUB-DECISION judges, as the texts name them.
_DECISIONS = {
    "penalty": Text(zh="行政处罚决定", en="penalty decision"),
    "licence": Text(zh="行政许可决定", en="licence decision"),
    "other": Text(zh="行政强制决定", en="coercive decision"),
}
#: Where the publication was made, when the deadline depends on it.
_CREDIT_SYSTEM = Text(zh="企业信用信息公示系统", en="the enterprise credit publicity system")

#: Names by which a publication's ``platform`` is recognised as the credit publicity system.
CREDIT_SYSTEM_PLATFORMS = ("国家企业信用信息公示系统", "企业信用信息公示系统", "gsxt.gov.cn")


def _decision_articles(kind: str, summary: bool, credit: bool) -> list[LegalBasis]:
    """What the path applied: 118号 (the duty and its deadline), 许可法 Art. 40 for a licence,
    总局令第45号 Art. 9 when the credit system's deadline was used, 处罚法 Art. 48(1) for a
    summary decision in scope."""
    articles = [_BASIS_118]
    if kind == "licence":
        articles.append(_BASIS_LICENCE_40)
    if credit:
        articles.append(_BASIS_SAMR_45_9)
    if summary:
        articles.append(_BASIS_PENALTY_48)
    return articles


def _on_credit_system(platform: str | None, names: tuple[str, ...]) -> bool:
    return platform is not None and any(name and name in platform for name in names)


def _may_go_to_credit_system(record: Any) -> bool:
    """Whether an unpublished decision may still go to the credit publicity system: it is about
    a market entity (a natural person's never goes there) and, for a penalty, made under the
    ordinary procedure (总局令第45号 Art. 2)."""
    party = getattr(record, "party", None) or getattr(record, "applicant", None)
    if party is None or party.type == PartyType.NATURAL_PERSON:
        return False
    decision = getattr(record, "decision", None)
    return getattr(decision, "procedure", None) != Procedure.SUMMARY


@rule(
    id="PUB-DECISION",
    title_zh="执法决定公开时限",
    title_en="Deadline for publishing decisions",
    category="transparency",
    severity="S3",
    legal_basis=[_BASIS_118, _BASIS_LICENCE_40, _BASIS_SAMR_45_9, _BASIS_PENALTY_48],
    applies_to=("penalty-case", "licence-application", "coercive-measure"),
    valid_from=OPINION_118.in_force,
    facts_date=_decision_date,
    parameters=[
        Parameter(
            name="publication_wd",
            default={"penalty": 7, "licence": 7, "other": 20},
            converter=_wd_table,
            unit="working days",
            doc="全国标准：决定作出之日起公开的工作日数 / national deadlines (118号): 7 working "
            "days for penalty and licence decisions, 20 for other decisions",
        ),
        Parameter(
            name="credit_system_wd",
            default={"penalty": 20},
            converter=_wd_table,
            unit="working days",
            doc="在企业信用信息公示系统公示的决定的期限 {决定种类 = 工作日}（总局令第45号第九条："
            "行政处罚信息二十个工作日）/ deadlines for decisions published on the enterprise "
            "credit publicity system (SAMR Order 45 Art. 9: penalty information within 20 working "
            "days). The place of publication decides, not the agency's sector.",
        ),
        Parameter(
            name="credit_system_platforms",
            default=CREDIT_SYSTEM_PLATFORMS,
            converter=_text_list,
            doc="公开平台（publication.platform）含有其中任一名称即视为企业信用信息公示系统 / "
            "names by which a publication's platform is recognised as the credit publicity "
            "system (a platform containing any of them)",
        ),
        Parameter(
            name="credit_system_deadline",
            default=True,
            reading=True,
            doc="在企业信用信息公示系统公示的决定是否适用该系统的期限 "
            "(docs/catalog/interpretations.md#credit-system-deadline) / whether a decision "
            "published on the credit publicity system is judged by that system's deadline "
            "(default true) or by the 118号 deadline",
        ),
        Parameter(
            name="unpublished_is_late",
            default=True,
            reading=True,
            doc="期限届满仍未公开的决定是否认定 / flag a decision still unpublished when the "
            "deadline has passed (default true: 118号 requires every decision to be published "
            "unless a law provides otherwise)",
        ),
        Parameter(
            name="summary_procedure_in_scope",
            default=False,
            reading=True,
            doc="简易程序（当场）处罚决定是否适用本公开时限（U）。默认否：行政处罚法（2021）第四十八"
            "条第一款只要求公开“具有一定社会影响”的处罚决定，总局令第45号第二条只公示普通程序决定，"
            "当场处罚多针对自然人的小额罚款，公开涉及个人信息；记载具有社会影响的简易程序决定仍须"
            "公开 / whether on-the-spot (summary-procedure) penalty decisions fall under this "
            "deadline (U). Default false: Art. 48(1) of the 2021 law makes publication "
            "mandatory only for decisions with a certain social impact, SAMR Order 45 Art. 2 "
            "publishes ordinary-procedure decisions only, and summary decisions are mostly small "
            "fines on natural persons whose personal information publication would expose; a "
            "summary decision recorded as having social impact stays in scope",
        ),
    ],
    messages={
        "late": Message(
            zh="{decision}作出（{decision_date}）后 {working_days} 个工作日内未公开"
            "（{last_day:deadline}），{published_date} 才公开",
            en="{decision} of {decision_date} not published within {working_days} working days "
            "({last_day:deadline}); published only on {published_date}",
            articles=[_BASIS_118],
        ),
        "late-credit-system": Message(
            zh="{decision}作出（{decision_date}）后 {working_days} 个工作日内未在{platform}公示"
            "（{last_day:deadline}），{published_date} 才公示",
            en="{decision} of {decision_date} not published on {platform} within "
            "{working_days} working days ({last_day:deadline}); published only on "
            "{published_date}",
            articles=[_BASIS_118, _BASIS_SAMR_45_9],
        ),
        "unpublished": Message(
            zh="{decision}作出（{decision_date}）后 {working_days} 个工作日内未公开"
            "（{last_day:deadline}），至今未公开",
            en="{decision} of {decision_date} not published within {working_days} working days "
            "({last_day:deadline}); not published yet",
            articles=[_BASIS_118],
        ),
        "unpublished-credit-system": Message(
            zh="{decision}作出（{decision_date}）后未公开，{working_days} 个工作日内也未在"
            "{platform}公示（{last_day:deadline}），至今未公开",
            en="{decision} of {decision_date} not published, nor on {platform} within "
            "{working_days} working days ({last_day:deadline}); not published yet",
            articles=[_BASIS_118],
        ),
    },
)
def decision_publication(record: Any, ctx: Context) -> None:
    """Flags a decision published after the deadline, or still unpublished when it has passed.

    Decisions: a penalty decision that imposes a penalty (``penalty``), a granted licence
    (``licence``; 行政许可法 Art. 40 makes granted licences public), and coercive measures and
    decisions to enforce (``other``). The deadline is counted in working days from the date of
    the decision (the start day is not counted): 7 for penalty and licence decisions, 20 for
    others. A decision **published on the enterprise credit publicity system** (its
    ``publication.platform`` names that system, ``credit_system_platforms``) is judged by that
    system's deadline where one is set (``credit_system_wd``: 20 working days for penalty
    information) — the place of publication decides, not the agency's sector: a market
    regulation decision published on a government website has the 7 days, any decision on the
    credit system has the 20. A decision not (yet) published is late once the 118号 deadline
    has passed — or, for a decision about a market entity (not a natural person; for a penalty,
    made under the ordinary procedure), which may still go to the credit system, once that
    system's deadline has passed too.
    A decision revoked or confirmed void before the deadline need not be published. A penalty
    decision made under the summary procedure (当场处罚) is in scope only when it is recorded
    as having a certain social impact (``decision.social_impact``), unless
    ``summary_procedure_in_scope`` is set.

    **The same day.** The count starts the day after the decision; a publication on the last
    working day of the period is in time, on the next day it is late. A revocation on the last
    day still lifts the duty. Dates of the facts: the day of the late publication, or the first
    day past the deadline while there is none.

    ## Why
    国办发〔2018〕118号: decisions are published within 20 working days, 行政许可 and 行政处罚
    decisions within 7. 市场监管总局令第45号 Art. 9 gives 20 working days for penalty
    information published on the enterprise credit publicity system. 行政处罚法 (2021)
    Art. 48(1) narrows mandatory publication of penalty decisions to those "具有一定社会影响的",
    and 总局令第45号 Art. 2 publishes only decisions made under the ordinary procedure; summary
    decisions are mostly small on-the-spot fines on natural persons, so by default (a reading,
    U) they are left out unless recorded as having social impact.

    ## Example that flags
    Penalty decision of 2025-09-22 (Mon), published on a government website on 2025-10-09: the
    7th working day is 2025-09-30 (Sunday 09-28 is a make-up working day) → S3, whatever the
    agency's sector.

    ## Example that does not flag
    Published 2025-09-30; or a penalty published on 国家企业信用信息公示系统 on 2025-10-24, the
    20th working day; or a 50-yuan on-the-spot fine never published (summary procedure, no
    social impact).

    ## Configuration
    ``publication_wd`` (7/7/20), ``credit_system_wd`` (penalty 20), ``credit_system_platforms``,
    the readings ``credit_system_deadline`` (default true), ``unpublished_is_late`` (default
    true) and ``summary_procedure_in_scope`` (default false).
    """
    found = _decision_of(record)
    if found is None:
        return
    kind, decided, publication = found
    summary = kind == "penalty" and record.decision.procedure == Procedure.SUMMARY
    if (
        summary
        and record.decision.social_impact is not True
        and not ctx.reading("summary_procedure_in_scope", as_of=decided)
    ):
        return
    days: int = ctx.param("publication_wd", as_of=decided)[kind]
    platform: str | None = None if publication is None else publication.platform
    published: dt.date | None = None if publication is None else publication.published_date
    credit = False
    names = ctx.param("credit_system_platforms", as_of=decided)
    # Published on the credit system: its deadline. Not published yet, about a market entity:
    # it may still go there in time, so it is late only once that deadline too has passed.
    if (
        _on_credit_system(platform, names)
        if published is not None
        else _may_go_to_credit_system(record)
    ):
        table = ctx.param("credit_system_wd", as_of=decided)
        if kind in table and ctx.reading("credit_system_deadline", as_of=decided):
            days, credit = table[kind], True
    deadline = ctx.deadline(
        decided, days, "WD", start_label="决定作出", start_label_en="decision made"
    )
    facts: dict[str, Any] = {
        "decision": _DECISIONS[kind],
        "decision_kind": kind,
        "decision_date": decided,
        "published_date": published,
        "working_days": days,
        "deadline_source": "credit-system" if credit else "national",
        "last_day": deadline.due_date,
    }
    if credit:
        # Named only when its period was applied (the recorded platform may be any address).
        facts["platform"] = _CREDIT_SYSTEM
    # Unpublished, the credit system's period only waited for a publication that may still
    # come there: nothing of 总局令第45号 was applied to the agency.
    articles = _decision_articles(kind, summary, credit and published is not None)
    if published is None:
        if not ctx.reading("unpublished_is_late", as_of=decided):
            return
        change = getattr(getattr(record, "decision", None), "change", None)
        # Same day: a revocation on the last day still lifts the duty to publish.
        if (
            change is not None
            and change.kind in (DecisionChangeKind.REVOKED, DecisionChangeKind.CONFIRMED_VOID)
            and change.date <= deadline.due_date
        ):
            return
        if ctx.deadline_passed(deadline, label="公开期限 / publication"):
            ctx.finding(
                "unpublished-credit-system" if credit else "unpublished",
                key="publication",
                fact_date=_day_after(deadline.due_date),
                facts=facts,
                articles=articles,
            )
        return
    # Same day: a publication on the last working day is in time.
    if not ctx.deadline_met(deadline, published, label="公开期限 / publication"):
        ctx.finding(
            "late-credit-system" if credit else "late",
            key="publication",
            fact_date=published,
            facts=facts,
            articles=articles,
        )


# --------------------------------------------------------------------------------------------
# PUB-WITHDRAW


def _change_date(case: Any) -> dt.date | None:
    decision = getattr(case, "decision", None)
    change = None if decision is None else decision.change
    return None if change is None else change.date


#: Art. 48(2): a publication of the decision as it stood when it changed, not withdrawn with
#: reasons within three working days (never fewer than three calendar days) of the change.
_WITHDRAW_SCREEN = Screen(
    field("decision.change.date").is_not_null()
    & (field("publication.published_date") <= field("decision.change.date"))
    & any_of(
        field("publication.withdrawn_date").is_null(),
        field("publication.withdrawn_date") > field("decision.change.date").plus_days(3),
        field("publication.withdrawal_reason").is_null(),
        field("publication.withdrawn_date") > AS_OF,
    ),
    reason="only a decision changed after it was published can flag, and only when the publication"
    " was not withdrawn within 3 calendar days of the change (the earliest day three "
    "working days can end) or was withdrawn with no reason stated; an act dated after the "
    "day checked is not seen then and its clock is open, so it stays selected.",
)


@rule(
    id="PUB-WITHDRAW",
    title_zh="撤回公开信息",
    title_en="Withdrawing published information",
    category="transparency",
    severity="S3",
    legal_basis=[_APL48_2, _APL85],
    applies_to="penalty-case",
    screen=_WITHDRAW_SCREEN,
    valid_from=APL.in_force,
    facts_date=_change_date,
    messages={
        "withdrawal-late": Message(
            zh="公开的行政处罚决定被{change_kind}（{change_date}）后未在 3 个工作日内撤回公开信息"
            "（{last_day:deadline}），{withdrawn_date} 才撤回",
            en="published penalty decision {change_kind} on {change_date}: information not "
            "withdrawn within 3 working days ({last_day:deadline}); withdrawn only on "
            "{withdrawn_date}",
            articles=[_APL48_2, _APL85],
        ),
        "withdrawal-missing": Message(
            zh="公开的行政处罚决定被{change_kind}（{change_date}）后未在 3 个工作日内撤回公开信息"
            "（{last_day:deadline}），至今未撤回",
            en="published penalty decision {change_kind} on {change_date}: information not "
            "withdrawn within 3 working days ({last_day:deadline}); not withdrawn yet",
            articles=[_APL48_2, _APL85],
        ),
        "no-reason": Message(
            zh="撤回公开信息（{withdrawn_date}）未公开说明理由",
            en="publication withdrawn on {withdrawn_date} without stating the reasons",
            articles=[_APL48_2],
        ),
    },
)
def publication_withdrawal(case: Any, ctx: Context) -> None:
    """Flags published penalty information not withdrawn within 3 working days of a change.

    When a published decision is changed, revoked, confirmed unlawful or confirmed void
    (``decision.change``), the publication must be withdrawn within 3 working days of the
    change (Art. 85: "三日" are working days) with the reasons stated publicly: late or missing
    withdrawal → key ``withdrawal``; withdrawn with no reason stated → key ``reason``. A
    publication dated after the change is not judged (it may be of the new decision).

    **The same day.** A publication dated the day of the change is of the decision as it stood
    (the record holds one decision's publication), so it must be withdrawn; one dated later is
    not judged. The 3 working days start the day after the change; a withdrawal on the 3rd is
    in time, on the next day it is late. Dates of the facts: the late withdrawal, or the first
    day past the 3rd working day while there is none; for ``reason``, the withdrawal.

    ## Why
    行政处罚法 Art. 48(2): "公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政
    机关应当在三日内撤回行政处罚决定信息并公开说明理由"; Art. 85 (the three days are working
    days). (总局令第45号 Art. 11 says the same for market regulation.)

    ## Example that flags
    Published 2025-09-01, revoked on 2025-09-30, withdrawn 2025-10-13: 10-01..10-08 are
    holidays, so the 3 working days are 10-09, 10-10 and 10-11 (a make-up Saturday) → due
    2025-10-11 → S3.

    ## Example that does not flag
    Withdrawn on 2025-10-11 with a reason stated.

    ## Configuration
    None (statutory, V).
    """
    decision = case.decision
    if decision is None or decision.change is None:
        return
    publication = case.publication
    if publication is None or publication.published_date is None:
        return
    change = decision.change
    # Same day: a publication dated the day of the change is judged (see the docs).
    if publication.published_date > change.date:
        return
    deadline = ctx.deadline(
        change.date,
        3,
        "WD",
        start_label=f"决定{change.kind.label_zh}",
        start_label_en=f"decision {change.kind}",
    )
    withdrawn: dt.date | None = publication.withdrawn_date
    facts = {
        "change_kind": change.kind,
        "change_date": change.date,
        "published_date": publication.published_date,
        "withdrawn_date": withdrawn,
        "last_day": deadline.due_date,
    }
    # Same day: a withdrawal on the 3rd working day is in time.
    if ctx.late(deadline, withdrawn, label="撤回期限 / withdrawal"):
        ctx.finding(
            "withdrawal-late" if withdrawn is not None else "withdrawal-missing",
            key="withdrawal",
            fact_date=withdrawn if withdrawn is not None else _day_after(deadline.due_date),
            facts=facts,
        )
    if withdrawn is not None and publication.withdrawal_reason is None:
        ctx.finding("no-reason", key="reason", fact_date=withdrawn, facts=facts, deadlines=())


# --------------------------------------------------------------------------------------------
# PUB-PENALTY-SCOPE


def _penalty_decision_date(case: Any) -> dt.date | None:
    decision = getattr(case, "decision", None)
    return None if decision is None else decision.decision_date


#: Art. 48(1): a decision with public impact not published as of the day checked (a
#: publication dated later is not seen then).
_PENALTY_SCOPE_SCREEN = Screen(
    (field("decision.social_impact") == True)  # noqa: E712 - a screen condition
    & (
        field("publication.published_date").is_null()
        | (field("publication.published_date") > AS_OF)
    ),
    reason="only a decision recorded with social_impact = true and no publication on or before the"
    " day checked can flag; a publication, once dated, stays.",
)


@rule(
    id="PUB-PENALTY-SCOPE",
    title_zh="具有一定社会影响的决定应公开",
    title_en="Decisions with public impact must be published",
    category="transparency",
    severity="S3",
    legal_basis=_BASIS_PENALTY_48,
    applies_to="penalty-case",
    screen=_PENALTY_SCOPE_SCREEN,
    valid_from=APL.in_force,
    facts_date=_penalty_decision_date,
    parameters=[
        Parameter(
            name="grace_wd",
            default=7,
            unit="working days",
            doc="认定未公开前给予的工作日数 / working days after the decision before a missing "
            "publication is flagged (default 7, the 118号 deadline for penalty decisions; "
            "Art. 48 itself sets none — U)",
        ),
        Parameter(
            name="credit_system_grace_wd",
            default=20,
            unit="working days",
            doc="当事人为市场主体、适用普通程序的决定，认定未公开前给予的工作日数（其仍可在企业信用"
            "信息公示系统二十个工作日内公示，总局令第45号第九条）/ working days before a missing "
            "publication is flagged when the decision is about a market entity under the "
            "ordinary procedure, which may still be published on the credit publicity system "
            "(default 20, U)",
        ),
    ],
    messages={
        "unpublished": Message(
            zh="具有一定社会影响的行政处罚决定（{decision_date} 作出）未公开",
            en="penalty decision of {decision_date} with public impact not published",
            articles=[_BASIS_PENALTY_48],
        ),
    },
)
def penalty_publication_scope(case: Any, ctx: Context) -> None:
    """Flags a penalty decision with public impact that was never published.

    A decision recorded as having a certain social impact (``decision.social_impact == true``)
    with no publication date is flagged once ``grace_wd`` working days have passed since the
    decision — ``credit_system_grace_wd`` when it is about a market entity under the ordinary
    procedure, which may still be published on the credit system in that time. A decision
    revoked or confirmed void meanwhile need not be published.

    **The same day.** The ``grace_wd`` working days start the day after the decision; a
    decision still unpublished during the last of them is not flagged, the next day it is. The
    date of the facts is the first day past the grace period.

    ## Why
    行政处罚法 Art. 48(1): "具有一定社会影响的行政处罚决定应当依法公开".

    ## Example that flags
    Decision of 2025-03-03 with social impact, unpublished at 2025-03-13: S3.

    ## Example that does not flag
    Published 2025-03-20 (lateness is PUB-DECISION's business), or no social impact recorded.

    ## Configuration
    ``grace_wd`` (default 7, U), ``credit_system_grace_wd`` (default 20, U).
    """
    decision = case.decision
    if decision is None or decision.social_impact is not True:
        return
    publication = case.publication
    if publication is not None and publication.published_date is not None:
        return
    change = decision.change
    if change is not None and change.kind in (
        DecisionChangeKind.REVOKED,
        DecisionChangeKind.CONFIRMED_VOID,
    ):
        return
    grace = ctx.param("grace_wd")
    if _may_go_to_credit_system(case):
        grace = max(grace, ctx.param("credit_system_grace_wd"))
    deadline = ctx.deadline(
        decision.decision_date, grace, "WD", start_label="决定作出", start_label_en="decision made"
    )
    if ctx.deadline_passed(deadline, label="公开期限 / publication"):
        ctx.finding(
            "unpublished",
            key="unpublished",
            fact_date=_day_after(deadline.due_date),
            facts={"decision_date": decision.decision_date, "social_impact": True},
        )


# --------------------------------------------------------------------------------------------
# PUB-EX-ANTE


def _kinds_converter(value: Any) -> tuple[str, ...]:
    items = _text_list(value)
    known = {kind.value for kind in DisclosureKind}
    unknown = [item for item in items if item not in known]
    if unknown:
        raise ValueError(f"unknown disclosure kind(s) {unknown}; known: {sorted(known)}")
    return items


#: The items not named by 处罚法 Art. 39: discretion benchmarks (Art. 34), and the officers and
#: the random-inspection list (国办发〔2018〕118号).
_EX_ANTE_KINDS = {
    DisclosureKind.DISCRETION_BENCHMARKS: "missing-benchmarks",
    DisclosureKind.OFFICERS: "missing-118",
    DisclosureKind.RANDOM_INSPECTION_LIST: "missing-118",
}


@rule(
    id="PUB-EX-ANTE",
    title_zh="事前公开",
    title_en="Ex-ante disclosure",
    category="transparency",
    severity="S3",
    legal_basis=[_APL39, _APL34, _BASIS_118],
    applies_to="agency",
    parameters=[
        Parameter(
            name="required_items",
            default=tuple(kind.value for kind in DisclosureKind),
            converter=_kinds_converter,
            doc="须事前公开的事项 / items an enforcing agency must disclose ex ante: agency, "
            "officers (name, certificate number), powers, basis, procedures, remedies, "
            "random-inspection list, discretion benchmarks",
        )
    ],
    messages={
        "missing": Message(
            zh="未事前公开：{item}", en="not disclosed ex ante: {item}", articles=[_APL39]
        ),
        "missing-118": Message(
            zh="未事前公开：{item}", en="not disclosed ex ante: {item}", articles=[_BASIS_118]
        ),
        "missing-benchmarks": Message(
            zh="未事前公开：{item}", en="not disclosed ex ante: {item}", articles=[_APL34]
        ),
    },
)
def ex_ante_disclosure(agency: Any, ctx: Context) -> None:
    """Flags an enforcing agency that has not published an item of ex-ante disclosure.

    One finding per missing item (key ``missing:<item>``) among ``required_items``, judged on
    the agency's ``disclosures``. Bodies that do not enforce (coordination bodies, testing
    institutions, research institutes, intermediaries) are not checked.

    No date is compared. An omission has no act and no deadline to date it: the date of the
    facts is the day the agency last published an item of its disclosure (the state the
    finding judges), else 2021-07-15, when Arts. 34 and 39 of the revised law bound it — never
    the day of the check.

    ## Why
    行政处罚法 Art. 39: the enforcing body, its powers, basis, procedures and remedies are
    published; Art. 34: discretion benchmarks are published; 国办发〔2018〕118号 adds the
    officers, the random-inspection list and the service guides.

    ## Example that flags
    A township that published everything but its discretion benchmarks: S3
    ``missing:discretion_benchmarks``.

    ## Example that does not flag
    A township that published all eight items.

    ## Configuration
    ``required_items`` (default all eight).
    """
    if agency.kind in NON_ENFORCING_KINDS:
        return
    published = {str(d.kind) for d in agency.disclosures}
    dates = [d.published_date for d in agency.disclosures if d.published_date is not None]
    since = max(dates, default=APL.in_force)
    for item in ctx.param("required_items"):
        if item in published:
            continue
        kind = DisclosureKind(item)
        ctx.finding(
            _EX_ANTE_KINDS.get(kind, "missing"),
            key=f"missing:{item}",
            fact_date=since,
            facts={"agency_id": agency.id, "missing": item, "item": kind},
        )


# --------------------------------------------------------------------------------------------
# PUB-GOVINFO

#: 政府信息公开条例 deadlines (working days).
PROACTIVE_WD = 20  # Art. 26
CORRECTION_NOTICE_WD = 7  # Art. 30
REPLY_WD = 20  # Art. 33(2)
MAX_EXTENSION_WD = 20  # Art. 33(2)

#: Start labels of the reply period (the calendar's trace, "zh / en").
_RECEIVED = ("收到申请", "request received")
_CLARIFIED = ("收到补正申请", "clarified request received")
_GOV26 = GOVINFO.art("26")
_GOV30 = GOVINFO.art("30")
_GOV33 = GOVINFO.art("33")
_CAPPED = Message(
    zh="延长 {days} 个工作日超过法定上限，按 {cap} 计",
    en="extension of {days} working days capped at {cap}",
)
_NOT_NOTIFIED = Message(zh="延长未告知申请人，不予计入", en="extension not notified: not counted")


def _pair(message: Message, **facts: Any) -> tuple[str, str]:
    """``message`` in Chinese and in English (a note of a finding)."""
    return message.render(facts, "zh"), message.render(facts, "en")


def _govinfo_date(record: Any) -> dt.date | None:
    record_type = getattr(record, "record_type", None)
    if record_type == "information-request":
        received: dt.date = record.received_date
        return received
    if record_type == "information-disclosure":
        formed: dt.date = record.formed_date
        return formed
    return None


@rule(
    id="PUB-GOVINFO",
    title_zh="政府信息公开期限",
    title_en="Government-information deadlines",
    category="transparency",
    severity="S3",
    legal_basis=[_GOV26, _GOV30, _GOV33],
    applies_to=("information-request", "information-disclosure"),
    valid_from=GOVINFO.in_force,
    facts_date=_govinfo_date,
    messages={
        "proactive-late": Message(
            zh="主动公开的政府信息未在形成后 {working_days} 个工作日内公开（{last_day:deadline}），"
            "{published_date} 才公开",
            en="information not disclosed within {working_days} working days of being formed "
            "({last_day:deadline}); disclosed only on {published_date}",
            articles=[_GOV26],
        ),
        "proactive-missing": Message(
            zh="主动公开的政府信息未在形成后 {working_days} 个工作日内公开（{last_day:deadline}），"
            "至今未公开",
            en="information not disclosed within {working_days} working days of being formed "
            "({last_day:deadline}); not disclosed yet",
            articles=[_GOV26],
        ),
        "correction-notice": Message(
            zh="未在收到申请后 {working_days} 个工作日内一次性告知补正（{last_day:deadline}），"
            "{correction_notice_date} 才告知",
            en="clarification not requested within {working_days} working days of receipt "
            "({last_day:deadline}); requested only on {correction_notice_date}",
            articles=[_GOV30],
        ),
        "reply-late": Message(
            zh="政府信息公开申请未在法定期限内答复（{last_day:deadline}），{reply_date} 才答复",
            en="information request not answered within the statutory period "
            "({last_day:deadline}); answered only on {reply_date}",
            articles=[_GOV33],
        ),
        "reply-missing": Message(
            zh="政府信息公开申请未在法定期限内答复（{last_day:deadline}），至今未答复",
            en="information request not answered within the statutory period "
            "({last_day:deadline}); not answered yet",
            articles=[_GOV33],
        ),
    },
)
def government_information(record: Any, ctx: Context) -> None:
    """Flags government information published or answered late.

    * Proactive disclosure (``information-disclosure``): published more than 20 working days
      after the information was formed or changed, or unpublished when that has passed (key
      ``proactive``).
    * Requests (``information-request``): a request for clarification sent more than 7 working
      days after receipt (key ``correction-notice``); a reply more than 20 working days after
      receipt — or after the clarified request arrived — or missing when that has passed (key
      ``reply``). An extension of at most 20 working days counts when it was approved and the
      requester was told (``approved_date`` and ``notified_in_writing``/``notified_date``) on or
      before the original deadline. While a requested clarification has not arrived no reply
      is due.

    **The same day.** Each period starts the day after its event; an act on its last working
    day is in time, on the next day it is late. An extension counts when approved and notified
    on or before the last day of the original period. Dates of the facts: the late act, or the
    first day past the period while there is none.

    ## Why
    政府信息公开条例 Art. 26 (20 working days for proactive disclosure), Art. 30 (clarification
    within 7 working days; the reply period runs from the clarified request), Art. 33 (reply
    within 20 working days, extension by at most 20 with approval and notice).

    ## Example that flags
    Request received 2025-09-22, no extension, replied 2025-10-27: the 20th working day is
    2025-10-24 → S3.

    ## Example that does not flag
    Replied 2025-10-24; or an extension approved and notified on 2025-10-20 (+20 WD).

    ## Configuration
    None (statutory, V). Time spent consulting third parties (Art. 33(3)) cannot be excluded:
    the model does not record it.
    """
    if record.record_type == "information-disclosure":
        deadline = ctx.deadline(
            record.formed_date,
            PROACTIVE_WD,
            "WD",
            start_label="信息形成（变更）",
            start_label_en="information formed or changed",
        )
        published = record.published_date
        # Same day: a disclosure on the 20th working day is in time.
        if ctx.late(deadline, published, label="主动公开期限 / proactive disclosure"):
            ctx.finding(
                "proactive-late" if published is not None else "proactive-missing",
                key="proactive",
                fact_date=published if published is not None else _day_after(deadline.due_date),
                facts={
                    "formed_date": record.formed_date,
                    "published_date": published,
                    "working_days": PROACTIVE_WD,
                    "last_day": deadline.due_date,
                },
            )
        return

    received: dt.date = record.received_date
    start, (start_label, start_label_en) = received, _RECEIVED
    clarified = False
    if record.correction_notice_date is not None:
        notice_deadline = ctx.deadline(
            received,
            CORRECTION_NOTICE_WD,
            "WD",
            start_label=_RECEIVED[0],
            start_label_en=_RECEIVED[1],
        )
        # Same day: a request for clarification on the 7th working day is in time.
        if not ctx.deadline_met(
            notice_deadline, record.correction_notice_date, label="补正告知期限 / correction notice"
        ):
            ctx.finding(
                "correction-notice",
                key="correction-notice",
                fact_date=record.correction_notice_date,
                facts={
                    "received_date": received,
                    "correction_notice_date": record.correction_notice_date,
                    "working_days": CORRECTION_NOTICE_WD,
                    "last_day": notice_deadline.due_date,
                },
                deadlines={"补正告知期限 / correction notice": notice_deadline},
            )
        if record.correction_received_date is None:
            return  # waiting for the requester: no reply is due
        start, (start_label, start_label_en) = record.correction_received_date, _CLARIFIED
        clarified = True
    extensions: list[Extension] = []
    extension = record.extension
    notes: list[tuple[str, str]] = []
    if extension is not None and extension.approved_date is not None:
        notified = extension.notified_in_writing is True or extension.notified_date is not None
        if notified:
            on = max(d for d in (extension.approved_date, extension.notified_date) if d is not None)
            amount = min(extension.days, MAX_EXTENSION_WD)
            if amount > 0:
                extensions.append(Extension(amount=amount, approved_on=on))
            if extension.days > MAX_EXTENSION_WD:
                notes.append(_pair(_CAPPED, days=extension.days, cap=MAX_EXTENSION_WD))
        else:
            notes.append(_pair(_NOT_NOTIFIED))
    deadline = ctx.deadline(
        start,
        REPLY_WD,
        "WD",
        extensions=extensions,
        start_label=start_label,
        start_label_en=start_label_en,
    )
    replied = record.reply_date
    # Same day: a reply on the last working day (extension included) is in time.
    if ctx.late(deadline, replied, label="答复期限 / reply"):
        ctx.finding(
            "reply-late" if replied is not None else "reply-missing",
            key="reply",
            fact_date=replied if replied is not None else _day_after(deadline.due_date),
            facts={"start_date": start, "reply_date": replied, "last_day": deadline.due_date},
            articles=[_GOV33, _GOV30] if clarified else [_GOV33],
            deadlines={"答复期限 / reply": deadline},
            notes=notes,
        )


# --------------------------------------------------------------------------------------------
# REC-AV


def _av_types(value: Any) -> tuple[str, ...]:
    items = _text_list(value)
    for item in items:
        record_type, sep, kind = item.partition(":")
        if not sep or not record_type or not kind:
            raise ValueError(
                f"{item!r} is not '<record type>:<kind>' (e.g. coercive-measure:seizure)"
            )
        if record_type not in ("penalty-case", "inspection", "coercive-measure"):
            raise ValueError(
                f"{item!r}: record type must be penalty-case, inspection or coercive-measure"
            )
    return items


@rule(
    id="REC-AV",
    title_zh="全过程音像记录",
    title_en="Full audio-video record",
    category="procedure",
    severity="S2",
    legal_basis=[_BASIS_118, _APL47],
    applies_to=("coercive-measure", "penalty-case", "inspection"),
    valid_from=OPINION_118.in_force,
    facts_date=record_date,
    parameters=[
        Parameter(
            name="av_required",
            default=(
                "coercive-measure:sealing",
                "coercive-measure:seizure",
                "coercive-measure:forced_demolition",
                "coercive-measure:direct_enforcement",
            ),
            converter=_av_types,
            doc="须全程音像记录的执法活动 '<记录类型>:<类型>'（'*' 为全部类型）/ acts that need a "
            "full audio-video record, as '<record type>:<kind>' ('*' any kind), e.g. "
            "'penalty-case:evidence_preservation', 'inspection:*'. Default: 查封、扣押、"
            "强制拆除 and direct enforcement (118号: 直接涉及人身自由、生命健康、"
            "重大财产权益的现场执法活动)",
        )
    ],
    messages={
        "no-av": Message(
            zh="{act}未全程音像记录", en="{act}: no audio-video record", articles=[_BASIS_118]
        ),
        "no-av-penalty": Message(
            zh="{act}未全程音像记录",
            en="{act}: no audio-video record",
            articles=[_BASIS_118, _APL47],
        ),
    },
)
def audio_video_record(record: Any, ctx: Context) -> None:
    """Flags an on-site act on the audio-video list recorded as having no AV record.

    Acts: a coercive measure's on-site procedure and each execution session, each act of a
    penalty case, an inspection. An act whose ``<record type>:<kind>`` is on ``av_required``
    and whose ``av_recorded`` is ``false`` is flagged (key ``av:<act>``). ``av_recorded`` left
    empty means "not recorded in the data" and is not flagged.

    No date is compared; the date of the facts is the act's day, its agency the record's.

    ## Why
    国办发〔2018〕118号 and the implementing rules: on-site enforcement that directly affects
    personal liberty, life and health or major property — sealing, seizure, forced demolition
    — is recorded on audio-video from start to end; 行政处罚法 Art. 47 requires a full record
    of the procedure.

    ## Example that flags
    A seizure on 2025-05-06 with ``on_site.av_recorded = false``: S2.

    ## Example that does not flag
    The same seizure with ``av_recorded = true``; a penalty-case questioning (not on the list).

    ## Configuration
    ``av_required`` (the local AV-record list).
    """
    required = set(ctx.param("av_required"))
    for act in acts_of(record):
        record_type, _, _kind = act.kind.partition(":")
        if act.kind not in required and f"{record_type}:*" not in required:
            continue
        if act.av_recorded is not False or not ctx.in_force(act.date):
            continue
        ctx.finding(
            "no-av-penalty" if record_type == "penalty-case" else "no-av",
            key=f"av:{act.key}",
            fact_date=act.date,
            facts={
                "act": act.label,
                "act_key": act.key,
                "kind": act.kind,
                "date": act.date,
                "av_recorded": False,
            },
            evidence=[
                Evidence(
                    description=act.label.zh,
                    record_type=record_type,
                    record_id=str(record.id),
                    field="av_recorded",
                    value=False,
                )
            ],
        )


RULES: tuple[Rule, ...] = (
    decision_publication,
    publication_withdrawal,
    penalty_publication_scope,
    ex_ante_disclosure,
    government_information,
    audio_video_record,
)
