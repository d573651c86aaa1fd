"""行政强制: rules of the catalog's coercion section (docs/catalog/rules.md#coercion).

行政强制法, adopted 2011-06-30, in force 2012-01-01.

Counting (Art. 69: "本法中十日以内期限的规定是指工作日，不含法定节假日"): periods of 3, 5, 7
and 10 days are working days; 30 days are calendar days. Maximum durations of restrictions on
the party (seizure, freezing) are not rolled over a rest day by default (a design choice that
protects the party, docs/catalog/interpretations.md#restriction-rollover). The party's remedy
periods follow 行政复议法 Art. 20 (60 days, rolled over) and 行政诉讼法 Art. 46 (6 months, rolled
over by default, docs/catalog/interpretations.md#litigation-period-rollover); a deadline the
agency sets for the party as a date (the performance deadline of a demand, the deadline of a
demolition notice) rolls over a rest day by default
(docs/catalog/interpretations.md#party-deadline-rollover). All times are judged in
Asia/Shanghai.

**Texts and citations.** Each rule declares the texts of its findings as message templates
(``messages={...}``) with the articles that path applies; bodies name the kind and give the
facts. Citations come from the pack's instrument registry (:mod:`esup_national_rules._law`).

**The same day.** Dates carry no time. Each rule says, in its docs and in a comment at the
comparison, what a same-day pair means: a period's last day is the party's (an act against
the party on it is early, a release on it is in time); an approval dated the day of the
measure is prior; a demand, a public notice or a decision served on the day of the act it
must precede leaves the party no time and does not count as before it (for the service of a
proxy-performance decision this is the reading ``same_day_proxy_decision``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from enforcement_supervision.model import (
    CoerciveKind,
    CoerciveMeasure,
    CourtApplication,
    ExcludedPeriodKind,
    ExecutionMethod,
    MeasureEndKind,
)
from enforcement_supervision.rules import (
    Context,
    DeadlineReason,
    LegalBasis,
    Message,
    Parameter,
    Rule,
    Text,
    pack_parameter,
    rule,
)
from enforcement_supervision.statutory_time import (
    CalendarUnavailable,
    DayKind,
    Deadline,
    exceeds,
    is_provisional,
)
from esup_national_rules._bounds import is_bound, wd_deadline_or_bound, working_days_bound
from esup_national_rules._coercive_sessions import (
    CalendarGaps,
    Session,
    local,
    night_overlap,
    parse_clock,
    session_days,
    sessions,
)
from esup_national_rules._law import ACL, LITIGATION_LAW, NOISE_LAW, RECONSIDERATION_LAW
from esup_national_rules._licensing_periods import (
    excluded_periods,
    extensions,
    pair,
    refusal_notes,
    text,
)
from esup_national_rules._officers import officer_problems, officer_valid

__all__ = [
    "RULES",
    "court_apply",
    "cuigao",
    "demolition",
    "emergency_24h",
    "freeze",
    "night_holiday",
    "procedure",
    "proxy",
    "seizure_30d",
    "seizure_docs",
    "surcharge",
    "utilities",
]

RECORD = "coercive-measure"

#: 行政强制措施 (Art. 9) as opposed to 行政强制执行 (Art. 12).
MEASURE_KINDS = frozenset(
    {
        CoerciveKind.SEALING,
        CoerciveKind.SEIZURE,
        CoerciveKind.FREEZING,
        CoerciveKind.OTHER_MEASURE,
    }
)
SEIZURE_KINDS = frozenset({CoerciveKind.SEALING, CoerciveKind.SEIZURE})
#: Enforcement carried out by the agency itself (or by a third party it appoints), bound by
#: Art. 43; enforcement by a court is not.
AGENCY_ENFORCEMENT_KINDS = frozenset(
    {
        CoerciveKind.DIRECT_ENFORCEMENT,
        CoerciveKind.FORCED_DEMOLITION,
        CoerciveKind.PROXY_PERFORMANCE,
    }
)
#: Periods Art. 25(3) leaves out of a seizure: 检测、检验、检疫、技术鉴定.
ART25_KINDS = frozenset(
    {
        ExcludedPeriodKind.TESTING,
        ExcludedPeriodKind.INSPECTION_TEST,
        ExcludedPeriodKind.QUARANTINE,
        ExcludedPeriodKind.APPRAISAL,
    }
)
UTILITY_CUTS = frozenset(
    {
        ExecutionMethod.CUT_WATER,
        ExecutionMethod.CUT_POWER,
        ExecutionMethod.CUT_HEATING,
        ExecutionMethod.CUT_GAS,
    }
)
MONEY_METHODS = frozenset({ExecutionMethod.TRANSFER_OF_FUNDS, ExecutionMethod.AUCTION})

RESTRICTION_ROLLOVER = Parameter(
    name="restriction_rollover",
    default=False,
    reading=True,
    doc="限制当事人权利的最长期限（查封扣押、冻结 30 日）末日为休息日时是否顺延；默认不顺延，"
    "保护当事人（docs/catalog/interpretations.md#restriction-rollover，设计选择 U）/ roll "
    "the last day of a maximum restriction over a rest day (default false: protective of the "
    "party)",
)
#: Read by ENF-CUIGAO and ENF-DEMOLITION: one value for the pack.
PARTY_DEADLINE_ROLLOVER = pack_parameter(
    "party_deadline_rollover",
    True,
    reading=True,
    doc="行政机关以日期为当事人限定的期限（催告书的履行期限、强制拆除公告的自行拆除期限）末日为"
    "休息日时顺延至其后第一个工作日（民法典第203条；默认顺延，保护当事人；"
    "docs/catalog/interpretations.md#party-deadline-rollover）/ roll a deadline the agency set "
    "for the party as a date over a rest day (default true: protective of the party)",
)

ART69 = ACL.art("69")
ART30 = ACL.art("30")

# Labels of deadlines in the statements of reasons ("中文 / English": each language shows its
# own half).
_REPORT = "报告期限 / report deadline"
_SEIZURE_END = "查封扣押期限 / end of the seizure"
_FREEZE_SERVICE = "冻结决定书交付期限 / serving the freezing decision"
_FREEZE_HANDLING = "冻结处理期限 / handling decision on the freezing"
_PERFORMANCE = "催告履行期限 / performance period of the demand"
_SELF_REMOVAL = "自行拆除期限 / period for removing it oneself"
_REVIEW = "复议期限（六十日） / reconsideration period (60 days)"
_SUIT = "起诉期限（六个月） / litigation period (6 months)"
_REMEDIES = "复议诉讼期限 / remedy periods"
_WAIT = "催告后等待期 / waiting period after the demand"
_APPLICATION = "申请期限 / application period"
_REMEDY_PERIOD = "复议诉讼期限 / remedy period"
_SURCHARGE_RUN = "加处满三十日 / 30 days of surcharge"
_PROXY_DEMAND = "代履行前催告期限 / demand before the performance"


def _first_day(measure: CoerciveMeasure, *, fallback: bool) -> dt.date | None:
    found = sessions(measure, fallback=fallback)
    return found[0].day if found else None


def _day_after(day: dt.date) -> dt.date:
    """The first day past a period's last day (the date of the facts of a duty not done)."""
    return day + dt.timedelta(days=1)


def _rolled_unless_moot(
    make: Callable[[bool], Deadline], act: dt.date, *, rollover: bool
) -> Deadline:
    """The deadline ``make(rollover)``, without needing the calendar when it cannot matter.

    An act on or before the strict last day is within the period whatever the rollover
    says, so a year without an official schedule (or a provisional one) does not stop the
    rule from deciding it; the rolled deadline is shown when it can be computed for certain.
    """
    if not rollover:
        return make(False)
    strict = make(False)
    if not strict.is_met_by(act):
        return make(True)  # only the rolled day can decide: it needs the calendar
    try:
        rolled = make(True)
    except CalendarUnavailable:
        return strict
    return strict if rolled.provisional else rolled


# --------------------------------------------------------------------------------------------
# ENF-PROCEDURE


#: The steps of Art. 18 judged from the on-site record: (zh, en, item of its single paragraph).
_STEPS: dict[str, tuple[str, str, str]] = {
    "certificate": ("未出示执法身份证件", "certificates not shown", "3"),
    "party-notified": ("未通知当事人到场", "party not notified", "4"),
    "reasons": ("未当场告知理由和依据", "reasons and legal basis not stated", "5"),
    "rights": ("未告知当事人依法享有的权利和救济途径", "rights and remedies not stated", "5"),
    "statements": ("未听取当事人陈述和申辩", "statement and defence not heard", "6"),
    "record": ("现场笔录未签名", "on-site record not signed", "8"),
    "witness": ("当事人不到场且无见证人签名", "party absent and no witness signed", "9"),
}
_PROCEDURE_MESSAGES: dict[str, Message] = {
    "no-approval": Message(
        zh="强制措施 {measure_id}（{start_date} 实施）实施前未经行政机关负责人批准",
        en="coercive measure {measure_id} (taken {start_date}) without approval by the agency head",
        articles=[ACL.art("18", item="1")],
    ),
    "late-approval": Message(
        zh="强制措施 {measure_id}（{start_date} 实施）实施前未经行政机关负责人批准"
        "（{head_approval_date} 才批准）",
        en="coercive measure {measure_id} (taken {start_date}) without prior approval by the "
        "agency head (approved only on {head_approval_date})",
        articles=[ACL.art("18", item="1")],
    ),
    "officers": Message(
        zh="强制措施 {measure_id}（{start_date}）具备资格的执法人员不足两名"
        "（{qualified_count} 名）",
        en="coercive measure {measure_id} ({start_date}): fewer than two qualified officers "
        "({qualified_count})",
        articles=[ACL.art("17", "3"), ACL.art("18", item="2")],
    ),
    **{
        key: Message(
            zh="强制措施 {measure_id}（{start_date}）" + zh,
            en="coercive measure {measure_id} ({start_date}): " + en,
            articles=[ACL.art("18", item=item)],
        )
        for key, (zh, en, item) in _STEPS.items()
    },
}
_OFFICER_PROBLEMS = Message(zh="{officer_id}：{problems}", en="{officer_id}: {problems}")


def _officer_text(officer_id: str, officer: Any | None, day: dt.date) -> Text:
    """OFFICER-VALID's reasons why ``officer`` could not act on ``day``, in both languages."""
    problems = [Text(zh=zh, en=en) for zh, en in officer_problems(officer, day)]
    return text(_OFFICER_PROBLEMS, officer_id=officer_id, problems=problems)


def _procedure_articles(kind: str, freezing: bool) -> Sequence[LegalBasis] | None:
    """A freezing follows items 1, 2, 3 and 7 of Art. 18 because Art. 30 says so: cite both."""
    return [*_PROCEDURE_MESSAGES[kind].articles, ART30] if freezing else None


@rule(
    id="ENF-PROCEDURE",
    title_zh="强制措施一般程序",
    title_en="General procedure for coercive measures",
    category="procedure",
    severity="S1",
    legal_basis=(ACL.art("17", "3"), ACL.art("18"), ART30),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
    messages=_PROCEDURE_MESSAGES,
)
def procedure(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags a coercive measure taken without the procedure of Art. 18.

    One finding per failed step (the key names it): ``approval`` (no approval by the agency
    head on or before the start, outside an emergency, which ENF-EMERGENCY-24H judges),
    ``officers`` (fewer than two officers qualified on the day, judged by OFFICER-VALID),
    ``certificate``, ``party-notified``, ``reasons`` (reasons and basis), ``rights`` (rights
    and remedies), ``statements`` (statement and defence not heard), ``record`` (on-site record
    not signed) and ``witness`` (the party absent and no witness signature). For freezing
    deposits only approval, officers and certificates apply (Art. 30). Only recorded failures
    count: a step not recorded either way is not flagged; officers are judged when their ids
    are recorded. Each finding cites the item of Art. 18 it applies (and Art. 30 for a
    freezing); its date of the facts is the day of the measure.

    **The same day.** An approval dated the day the measure began counts as prior: Art. 18(1)
    asks for the head's approval before the measure, approval and measure on one day is how
    an ordinary measure is taken (report, approval, then the measure on the spot), and the
    dates cannot show a different order; a measure that could not wait is an emergency,
    judged by ENF-EMERGENCY-24H. An approval dated the day after is late.

    ## Why
    行政强制法 Art. 18: 实施前须向行政机关负责人报告并经批准；由两名以上行政执法人员实施；出示
    执法身份证件；通知当事人到场；当场告知理由、依据以及权利、救济途径；听取陈述和申辩；制作现场
    笔录并签名；当事人不到场的，邀请见证人签名. Art. 17(3): only qualified enforcement officers may
    carry out a measure. Art. 30: freezing follows items 1, 2, 3 and 7.

    ## Example that flags
    A seizure on 2025-09-30 approved by the head on 2025-10-01 (the day after); or carried out
    by one officer and an auxiliary (网格员).

    ## Example that does not flag
    Approved 2025-09-30, the day of the seizure, two officers with valid certificates, every
    step recorded as done.

    ## Configuration
    None.
    """
    if measure.kind not in MEASURE_KINDS:
        return
    day = measure.start_date
    freezing = measure.kind is CoerciveKind.FREEZING
    base = {"measure_id": measure.id, "start_date": day}
    approved = measure.head_approval_date
    # Same day: an approval dated the day of the measure is prior (see the docs).
    if measure.emergency is not True and (approved is None or approved > day):
        ctx.finding(
            "no-approval" if approved is None else "late-approval",
            key="approval",
            fact_date=day,
            facts={**base, "head_approval_date": approved},
            articles=_procedure_articles("no-approval", freezing),
        )
    site = measure.on_site
    if site is None:
        return
    if site.officer_ids:
        officers = list(dict.fromkeys(site.officer_ids))
        qualified: list[str] = []
        not_qualified: list[Text] = []
        for officer_id in officers:
            officer = ctx.lookup("officer", officer_id)
            if officer_valid(officer, day):
                qualified.append(officer_id)
            else:
                not_qualified.append(_officer_text(officer_id, officer, day))
        if len(qualified) < 2:
            ctx.finding(
                "officers",
                key="officers",
                fact_date=day,
                facts={
                    **base,
                    "officer_ids": officers,
                    "qualified_officer_ids": qualified,
                    "qualified_count": len(qualified),
                    "not_qualified": not_qualified,
                },
                articles=_procedure_articles("officers", freezing),
            )
    steps: list[tuple[str, bool]] = [("certificate", site.certificate_shown is False)]
    if not freezing:
        steps += [
            ("party-notified", site.party_notified is False),
            ("reasons", site.reasons_and_basis_stated is False),
            ("rights", site.rights_and_remedies_stated is False),
            ("statements", site.statements_heard is False),
            ("record", site.record_signed is False),
            ("witness", site.party_absent is True and site.witness_signed is False),
        ]
    for key, failed in steps:
        if failed:
            ctx.finding(
                key,
                key=key,
                fact_date=day,
                facts={**base, "step": key},
                articles=_procedure_articles(key, freezing),
            )


# --------------------------------------------------------------------------------------------
# ENF-EMERGENCY-24H

_ART19 = [ACL.art("19")]


@rule(
    id="ENF-EMERGENCY-24H",
    title_zh="紧急情况补办批准",
    title_en="Retroactive approval in an emergency",
    category="procedure",
    severity="S1",
    legal_basis=ACL.art("19"),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
    messages={
        "report-missing": Message(
            zh="紧急强制措施 {measure_id}（{start} 实施）实施后 24 小时内未向行政机关负责人报告"
            "（报告时限至 {report_by}）",
            en="emergency measure {measure_id} (taken {start}) not reported to the agency head "
            "within 24 hours (which ran until {report_by})",
            articles=_ART19,
        ),
        "report-late": Message(
            zh="紧急强制措施 {measure_id}（{start} 实施）于 {reported} 才向行政机关负责人报告，"
            "超过 24 小时（报告时限至 {report_by}）",
            en="emergency measure {measure_id} (taken {start}) reported to the agency head only "
            "at {reported}, after the 24 hours (which ran until {report_by})",
            articles=_ART19,
        ),
        "no-start-time": Message(
            zh="紧急强制措施 {measure_id} 未记录实施时刻，无法判断是否在 24 小时内报告",
            en="emergency measure {measure_id}: no start time recorded, cannot tell whether the "
            "report came within 24 hours",
        ),
        "approval": Message(
            zh="紧急强制措施 {measure_id}（{start} 实施）未补办批准手续",
            en="emergency measure {measure_id} (taken {start}): no retroactive approval",
            articles=_ART19,
        ),
        "not-released": Message(
            zh="行政机关负责人不批准紧急强制措施 {measure_id}，但未立即解除",
            en="the agency head refused emergency measure {measure_id} but it was not released",
            articles=_ART19,
        ),
    },
)
def emergency_24h(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags an emergency measure not reported within 24 hours, not approved, or not released.

    For a measure taken on the spot in an emergency: ``report`` when it was reported to the
    agency head more than 24 hours after it began (counted from the clock time), or not at all
    once the 24 hours are over; ``approval`` when the 24 hours are over and no retroactive
    approval is recorded (and the head did not refuse); ``release`` when the head refused and
    the measure was not released. When only the start date is known, the report is judged late
    only if it is late even for a start at 24:00 of that day, in time only if it is in time
    even for a start at 00:00; otherwise the rule records that it cannot decide.

    **The same instant.** "二十四小时内" includes its end (以内 includes the number): a report
    at exactly 24 hours after the start is in time, one a minute later is late; the 24 hours
    are over, for a report or an approval still missing, from that instant on. Dates of the
    facts: the report's day; for a report or approval still missing, the day the 24 hours
    ran out; for a refusal not followed by a release (the refusal is not dated), the day the
    head was told (else the day of the measure).

    ## Why
    行政强制法 Art. 19: "情况紧急，需要当场实施行政强制措施的，行政执法人员应当在二十四小时内
    向行政机关负责人报告，并补办批准手续。行政机关负责人认为不应当采取行政强制措施的，应当立即
    解除". Hours run from the clock time (民法典 Art. 201(2)).

    ## Example that flags
    Seized on the spot at 2025-10-10 09:30, reported 2025-10-11 09:31 → S1.

    ## Example that does not flag
    Reported 2025-10-11 09:30 (exactly 24 hours) and approved the same day.

    ## Configuration
    None.
    """
    if measure.kind not in MEASURE_KINDS or measure.emergency is not True:
        return
    if measure.start_datetime is not None:
        earliest = latest = ctx.deadline(
            measure.start_datetime, 24, "H", start_label="当场实施", start_label_en="measure taken"
        )
    else:
        earliest = ctx.deadline(
            measure.start_date, 24, "H", start_label="当场实施", start_label_en="measure taken"
        )
        # Started at the latest at 24:00 of the start date (not a statutory period).
        latest = ctx.deadline(
            _day_after(measure.start_date),
            24,
            "H",
            start_label="当场实施（最晚）",
            start_label_en="measure taken (at the latest)",
        )
    start = local(measure.start_datetime) if measure.start_datetime else measure.start_date
    reported = measure.report_to_head_datetime
    base = {"measure_id": measure.id, "start": start, "report_by": latest.passes_at}
    if reported is None:
        if ctx.deadline_passed(latest, label=_REPORT):
            ctx.finding(
                "report-missing",
                key="report",
                facts={**base, "reported": None},
                deadlines={_REPORT: latest},
            )
    elif not ctx.deadline_met(latest, reported, label=_REPORT):
        ctx.finding(
            "report-late",
            key="report",
            fact_date=local(reported).date(),
            facts={**base, "reported": local(reported)},
            deadlines={_REPORT: latest},
        )
    elif not ctx.deadline_met(earliest, reported, label=_REPORT):
        ctx.note("no-start-time", kind="undecided", measure_id=measure.id)
    if (
        measure.head_approval_date is None
        and measure.head_disapproved is not True
        and ctx.deadline_passed(latest, label=_REPORT)
    ):
        ctx.finding(
            "approval",
            key="approval",
            facts={**base, "approval": None},
            deadlines={_REPORT: latest},
        )
    if measure.head_disapproved is True:
        released = measure.released_after_disapproval_datetime is not None or (
            measure.ended_date is not None and measure.end_kind in (None, MeasureEndKind.RELEASED)
        )
        if not released:
            ctx.finding(
                "not-released",
                key="release",
                fact_date=local(reported).date() if reported else measure.start_date,
                facts={
                    "measure_id": measure.id,
                    "head_disapproved": True,
                    "released": measure.released_after_disapproval_datetime,
                    "ended_date": measure.ended_date,
                    "end_kind": measure.end_kind,
                },
                deadlines={},
            )


# --------------------------------------------------------------------------------------------
# ENF-SEIZURE-30D

_ART25_1 = ACL.art("25", "1")
_SEIZURE_HELD = [_ART25_1, ACL.art("27"), ACL.art("28", "1", "4")]


def _seizure_articles(deadline: Deadline) -> list[LegalBasis]:
    """What the end of a seizure applied: the 30 days and the duty to release, plus the
    written notice of an extension that counted (Art. 25(2)) and the tests left out (25(3))."""
    articles = list(_SEIZURE_HELD)
    if deadline.extensions_counted:
        articles.append(ACL.art("25", "2"))
    if deadline.excluded:
        articles.append(ACL.art("25", "3"))
    return articles


@rule(
    id="ENF-SEIZURE-30D",
    title_zh="查封扣押期限",
    title_en="Seizure duration",
    category="abuse",
    severity="S1",
    legal_basis=(ACL.art("25"), ACL.art("27"), ACL.art("28", "1", "4")),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
    parameters=(RESTRICTION_ROLLOVER,),
    messages={
        "extension-length": Message(
            zh="查封扣押 {measure_id} 延长期限超过三十日（超出 {excess_days} 日）",
            en="seizure {measure_id}: extended by more than 30 days ({excess_days} too many)",
            articles=[_ART25_1],
        ),
        "held-too-long": Message(
            zh="查封扣押 {measure_id} 超过法定期限（{end_date:deadline}），"
            "{released_or_disposed_date} 才解除或处理",
            en="seizure {measure_id} held beyond its legal end ({end_date:deadline}); released "
            "or disposed of only on {released_or_disposed_date}",
            articles=_SEIZURE_HELD,
        ),
        "still-held": Message(
            zh="查封扣押 {measure_id} 超过法定期限（{end_date:deadline}），至今未解除",
            en="seizure {measure_id} held beyond its legal end ({end_date:deadline}); still not "
            "released",
            articles=_SEIZURE_HELD,
        ),
    },
)
def seizure_30d(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags a sealing or seizure kept beyond 30 days plus any lawful extension.

    The end is ``start_date`` + 30 calendar days, plus an extension of at most 30 days that
    counts only if the agency head approved it on or before the end then in force and the
    party was told in writing, plus the days of tests, inspections, quarantine and technical
    appraisals the party was told of in writing. ``duration``: released or disposed of
    (``ended_date``, else ``handling_decision_date``) after the end, or still held when it has
    passed. ``extension-length``: approved extensions of more than 30 days in all. The last day
    is **not** rolled over a rest day (reading ``restriction_rollover``).

    **The same day.** The 30 days start the day after the seizure (民法典 Art. 201) and the
    last day is within them: a release on it is in time, a release the day after is late. An
    extension approved on the last day still extends the seizure (it had not ended). The date
    of the facts of ``duration`` is the first day the property was held unlawfully, the day
    after the end, whether it was released later or is still held; of ``extension-length``,
    the approval of the extension that went over 30 days.

    ## Why
    行政强制法 Art. 25: "查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以
    延长，但是延长期限不得超过三十日…延长查封、扣押的决定应当及时书面告知当事人…检测、检验、检疫
    或者技术鉴定的期间应当明确，并书面告知当事人". Art. 27: the handling decision within that
    period; Art. 28(1)(4): release when the period ends. 30 days are calendar days (Art. 69
    covers only periods of ten days or less).

    ## Example that flags
    Seized 2025-09-30: the end is 2025-10-30; released 2025-10-31 → S1. With an extension
    approved 2025-10-28 and notified in writing, the end is 2025-11-29 (a Saturday, not rolled
    over); released 2025-12-01 → S1.

    ## Example that does not flag
    Released on 2025-10-30, the last day. A lab test from 2025-10-10 to 2025-10-19 (10 days,
    notified in writing): the end is 2025-11-09, so a release on 2025-11-07 is in time.

    ## Configuration
    ``restriction_rollover`` (reading, default ``false``): set ``true`` to roll a last day
    that is a rest day over to the next working day.
    """
    if measure.kind not in SEIZURE_KINDS:
        return
    found = extensions(measure.extensions, cap=30, written=True)
    ended = measure.ended_date or measure.handling_decision_date
    open_end = ended
    if open_end is None and any(p.end_date is None for p in measure.excluded_periods):
        open_end = ctx.as_of_date  # a test still running: count it up to today
    periods, refused_periods = excluded_periods(
        measure.excluded_periods,
        kinds=ART25_KINDS,
        open_end=open_end if open_end is not None else measure.start_date,
    )
    if found.excess:
        ctx.finding(
            "extension-length",
            key="extension-length",
            fact_date=found.exceeded_on,
            facts={
                "measure_id": measure.id,
                "extension_days": [e.days for e in measure.extensions],
                "excess_days": found.excess,
            },
            deadlines={},
        )
    deadline = ctx.deadline(
        measure.start_date,
        30,
        "CD",
        rollover=bool(ctx.reading("restriction_rollover")),
        extensions=found.counted,
        excluded_periods=periods,
        start_label="查封扣押",
        start_label_en="seized",
    )
    # Same day: a release on the last day is in time (ctx.late: "on or before").
    if not ctx.late(deadline, ended, label=_SEIZURE_END):
        return
    ctx.finding(
        "held-too-long" if ended is not None else "still-held",
        key="duration",
        fact_date=_day_after(deadline.due_date),
        facts={
            "measure_id": measure.id,
            "start_date": measure.start_date,
            "end_date": deadline.due_date,
            "extension_days_counted": [e.amount for e in deadline.extensions_counted],
            "excluded_days": deadline.excluded,
            "released_or_disposed_date": ended,
        },
        articles=_seizure_articles(deadline),
        deadlines={_SEIZURE_END: deadline},
        notes=refusal_notes(found.refused, refused_periods),
    )


# --------------------------------------------------------------------------------------------
# ENF-SEIZURE-DOCS


#: What Arts. 23 and 24 forbid or require of a seizure: (zh, en, provision).
_SEIZURE_DOCS: dict[str, tuple[str, str, LegalBasis]] = {
    "decision-on-spot": (
        "未当场交付查封扣押决定书",
        "decision not handed over on the spot",
        ACL.art("24", "1"),
    ),
    "inventory-on-spot": (
        "未当场交付查封扣押清单",
        "inventory not handed over on the spot",
        ACL.art("24", "1"),
    ),
    "unrelated-items": (
        "查封扣押与违法行为无关的财物",
        "property unrelated to the violation taken",
        ACL.art("23", "1"),
    ),
    "daily-necessities": (
        "查封扣押公民个人及其所扶养家属的生活必需品",
        "daily necessities taken",
        ACL.art("23", "1"),
    ),
    "duplicate": (
        "重复查封已被其他国家机关查封的财物",
        "property already sealed by another state organ sealed again",
        ACL.art("23", "2"),
    ),
}


@rule(
    id="ENF-SEIZURE-DOCS",
    title_zh="决定书与清单",
    title_en="Seizure decision and inventory",
    category="procedure",
    severity="S1",
    legal_basis=(ACL.art("23"), ACL.art("24")),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
    messages={
        key: Message(
            zh="查封扣押 {measure_id}（{start_date}）" + zh,
            en="seizure {measure_id} ({start_date}): " + en,
            articles=[basis],
        )
        for key, (zh, en, basis) in _SEIZURE_DOCS.items()
    },
)
def seizure_docs(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags a sealing or seizure without its documents on the spot, or of the wrong things.

    Keys: ``decision-on-spot`` and ``inventory-on-spot`` (not handed over on the spot),
    ``unrelated-items`` (property unrelated to the violation), ``daily-necessities`` (daily
    necessities of the person and dependants), ``duplicate`` (property already sealed by
    another state organ). Only recorded failures count. The date of the facts is the day of
    the seizure (no date is compared).

    ## Why
    行政强制法 Art. 23: "查封、扣押限于涉案的场所、设施或者财物，不得查封、扣押与违法行为无关的
    场所、设施或者财物；不得查封、扣押公民个人及其所扶养家属的生活必需品…已被其他国家机关依法
    查封的，不得重复查封"; Art. 24: "制作并当场交付查封、扣押决定书和清单".

    ## Example that flags
    A seizure with ``documents.inventory_handed_on_spot = false``, or with
    ``documents.daily_necessities_seized = true``.

    ## Example that does not flag
    Both documents handed over on the spot and nothing unlawful taken.

    ## Configuration
    None.
    """
    if measure.kind not in SEIZURE_KINDS or measure.documents is None:
        return
    docs = measure.documents
    checks = (
        ("decision-on-spot", docs.decision_handed_on_spot is False),
        ("inventory-on-spot", docs.inventory_handed_on_spot is False),
        ("unrelated-items", docs.unrelated_items_seized is True),
        ("daily-necessities", docs.daily_necessities_seized is True),
        ("duplicate", docs.duplicate_seizure is True),
    )
    for key, failed in checks:
        if failed:
            ctx.finding(
                key,
                key=key,
                fact_date=measure.start_date,
                facts={"measure_id": measure.id, "start_date": measure.start_date, "check": key},
            )


# --------------------------------------------------------------------------------------------
# ENF-FREEZE

_ART32_1 = ACL.art("32", "1")
_FREEZE_SERVED = [ACL.art("31"), ART69]


@rule(
    id="ENF-FREEZE",
    title_zh="冻结",
    title_en="Freezing of deposits",
    category="procedure",
    severity="S1",
    legal_basis=(ACL.art("29"), ACL.art("30"), ACL.art("31"), ACL.art("32"), ART69),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
    parameters=(RESTRICTION_ROLLOVER,),
    messages={
        "authority": Message(
            zh="冻结 {measure_id}（{start_date}）的实施机关无法律授权",
            en="freezing {measure_id} ({start_date}) by an agency not authorised by law",
            articles=[ACL.art("29")],
        ),
        "decision-served-late": Message(
            zh="冻结 {measure_id} 未在 3 个工作日内向当事人交付冻结决定书（{last_day:deadline}），"
            "{decision_served_date} 才交付",
            en="freezing {measure_id}: decision not served within 3 working days "
            "({last_day:deadline}); served only on {decision_served_date}",
            articles=_FREEZE_SERVED,
        ),
        "decision-not-served": Message(
            zh="冻结 {measure_id} 未在 3 个工作日内向当事人交付冻结决定书（{last_day:deadline}），"
            "至今未交付",
            en="freezing {measure_id}: decision not served within 3 working days "
            "({last_day:deadline}); not served yet",
            articles=_FREEZE_SERVED,
        ),
        "extension-length": Message(
            zh="冻结 {measure_id} 延长期限超过三十日（超出 {excess_days} 日）",
            en="freezing {measure_id}: extended by more than 30 days ({excess_days} too many)",
            articles=[_ART32_1],
        ),
        "handling-late": Message(
            zh="冻结 {measure_id} 未在期限内作出处理决定或解除冻结决定（{last_day:deadline}），"
            "{handling_decision_date} 才作出",
            en="freezing {measure_id}: no handling or release decision in time "
            "({last_day:deadline}); made only on {handling_decision_date}",
            articles=[_ART32_1],
        ),
        "handling-missing": Message(
            zh="冻结 {measure_id} 未在期限内作出处理决定或解除冻结决定（{last_day:deadline}），"
            "至今未作出",
            en="freezing {measure_id}: no handling or release decision in time "
            "({last_day:deadline}); not made yet",
            articles=[_ART32_1],
        ),
    },
)
def freeze(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags a freezing of deposits by an unauthorised agency, or with late papers or decisions.

    Keys: ``authority`` (the agency is recorded as not authorised by law), ``decision-served``
    (the freezing decision served on the party later than 3 working days after the freezing,
    or not at all once they are over), ``handling`` (no handling or release decision within 30
    calendar days, plus an extension of at most 30 days approved by the head before the end
    and notified in writing; not rolled over by default), ``extension-length``.

    **The same day.** Both periods start the day after the freezing; their last days are in
    time (the decision served on the 3rd working day, the handling decision on day 30), the
    day after is late. Dates of the facts: the late act, or the first day past the period when
    it is still missing; the day of the freezing for ``authority``.

    ## Why
    行政强制法 Art. 29: only an agency named by law may freeze, never by delegation; Art. 31:
    "作出决定的行政机关应当在三日内向当事人交付冻结决定书"; Art. 32: "自冻结存款、汇款之日起
    三十日内，行政机关应当作出处理决定或者作出解除冻结决定；情况复杂的，经行政机关负责人批准，
    可以延长，但是延长期限不得超过三十日…延长冻结的决定应当及时书面告知当事人". Art. 69: the 3
    days are working days.

    ## Example that flags
    Frozen Tuesday 2025-09-30; the 3 working days are 10-09, 10-10 and Saturday 10-11 (a
    make-up day), so a decision served on 2025-10-13 → S1.

    ## Example that does not flag
    Decision served 2025-10-11, release decided 2025-10-30.

    ## Configuration
    ``restriction_rollover`` (reading, default ``false``).
    """
    if measure.kind is not CoerciveKind.FREEZING:
        return
    day = measure.start_date
    if measure.authorised_by_law is False:
        ctx.finding(
            "authority",
            key="authority",
            fact_date=day,
            facts={"measure_id": measure.id, "start_date": day, "authorised_by_law": False},
            deadlines={},
        )
    gaps = CalendarGaps()
    with gaps.check():
        _freeze_served(measure, ctx)
    found = extensions(measure.extensions, cap=30, written=True)
    if found.excess:
        ctx.finding(
            "extension-length",
            key="extension-length",
            fact_date=found.exceeded_on,
            facts={
                "measure_id": measure.id,
                "extension_days": [e.days for e in measure.extensions],
                "excess_days": found.excess,
            },
            deadlines={},
        )
    with gaps.check():
        _freeze_handling(measure, ctx)
    gaps.finish()


def _freeze_served(measure: CoerciveMeasure, ctx: Context) -> None:
    """Art. 31: the freezing decision is served within 3 working days (the 3rd is in time)."""
    day = measure.start_date
    served_by = ctx.deadline(day, 3, "WD", start_label="冻结", start_label_en="frozen")
    served = measure.decision_served_date
    if ctx.late(served_by, served, label=_FREEZE_SERVICE):
        ctx.finding(
            "decision-served-late" if served is not None else "decision-not-served",
            key="decision-served",
            facts={
                "measure_id": measure.id,
                "start_date": day,
                "decision_served_date": served,
                "last_day": served_by.due_date,
            },
            deadlines={_FREEZE_SERVICE: served_by},
        )


def _freeze_handling(measure: CoerciveMeasure, ctx: Context) -> None:
    """Art. 32: a handling or release decision within 30 days (+ at most 30); day 30 is in
    time."""
    day = measure.start_date
    found = extensions(measure.extensions, cap=30, written=True)
    handled = measure.handling_decision_date or measure.ended_date
    deadline = ctx.deadline(
        day,
        30,
        "CD",
        rollover=bool(ctx.reading("restriction_rollover")),
        extensions=found.counted,
        start_label="冻结",
        start_label_en="frozen",
    )
    if ctx.late(deadline, handled, label=_FREEZE_HANDLING):
        articles = [_ART32_1]
        if deadline.extensions_counted:
            articles.append(ACL.art("32", "2"))
        ctx.finding(
            "handling-late" if handled is not None else "handling-missing",
            key="handling",
            facts={
                "measure_id": measure.id,
                "start_date": day,
                "handling_decision_date": handled,
                "last_day": deadline.due_date,
            },
            articles=articles,
            deadlines={_FREEZE_HANDLING: deadline},
            notes=refusal_notes(found.refused),
        )


# --------------------------------------------------------------------------------------------
# ENF-CUIGAO


def _money_obligation(measure: CoerciveMeasure) -> bool:
    """The obligation enforced is a payment (surcharge recorded, or funds transferred or
    property auctioned). The model has no field saying so directly."""
    if measure.surcharge is not None:
        return True
    return any(set(e.methods) & MONEY_METHODS for e in measure.executions)


#: What a demand must state (Art. 35), in both languages.
_DEMAND_CONTENTS = {
    "deadline": Text(zh="履行期限", en="the deadline"),
    "method": Text(zh="履行方式", en="the method"),
    "amount": Text(zh="金额和给付方式", en="the amount and how to pay"),
    "rights": Text(zh="陈述权和申辩权", en="the right to statement and defence"),
}
_ART37_1 = ACL.art("37", "1")


@rule(
    id="ENF-CUIGAO",
    title_zh="先催告后执行",
    title_en="Prior written demand before enforcement",
    category="procedure",
    severity="S1",
    legal_basis=(ACL.art("35"), ACL.art("36"), ACL.art("37")),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
    parameters=(PARTY_DEADLINE_ROLLOVER,),
    messages={
        "no-demand": Message(
            zh="强制执行 {measure_id} 作出强制执行决定（{decision_date}）前未催告",
            en="enforcement {measure_id}: decision of {decision_date} without a prior demand",
            articles=[ACL.art("35"), _ART37_1],
        ),
        "demand-after": Message(
            zh="强制执行 {measure_id} 作出强制执行决定（{decision_date}）前未催告"
            "（催告日期 {cuigao_date} 晚于决定）",
            en="enforcement {measure_id}: decision of {decision_date} without a prior demand "
            "(demand dated {cuigao_date}, after it)",
            articles=[ACL.art("35"), _ART37_1],
        ),
        "written": Message(
            zh="强制执行 {measure_id} 的催告（{cuigao_date}）未以书面形式作出",
            en="enforcement {measure_id}: the demand of {cuigao_date} was not in writing",
            articles=[ACL.art("35")],
        ),
        "premature": Message(
            zh="强制执行 {measure_id} 在催告的履行期限届满前作出强制执行决定"
            "（{decision_date}；{last_day:deadline}）",
            en="enforcement {measure_id}: decision of {decision_date} before the performance "
            "period given by the demand ended ({last_day:deadline})",
            articles=[_ART37_1],
        ),
        "same-day": Message(
            zh="强制执行 {measure_id} 在催告当日（{cuigao_date}）即作出强制执行决定，"
            "当事人的履行期限尚未届满",
            en="enforcement {measure_id}: decision made on the day of the demand "
            "({cuigao_date}), before any period for performing could end",
            articles=[_ART37_1],
        ),
        "content": Message(
            zh="强制执行 {measure_id} 的催告书未载明{not_stated}",
            en="enforcement {measure_id}: the demand does not state {not_stated}",
            articles=[ACL.art("35")],
        ),
    },
)
def cuigao(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags an enforcement decision without a proper prior written demand (催告).

    Keys: ``missing`` (no demand, or one dated after the decision), ``written`` (the demand
    was not in writing), ``premature`` (the decision was made on or before the last day given
    for performance, or on the day of the demand itself — except an immediate enforcement
    decision with evidence that assets were being moved or hidden, Art. 37(3)), ``content``
    (the demand does not state the deadline, the method, the right to statement and defence,
    or — for a payment — the amount).

    **The same day.** The party may perform until the end of the last day the demand gives
    (民法典 Art. 203(2)); "逾期仍不履行" is known only the day after, so a decision dated the
    last day is premature and one dated the next day is not. When that last day is a rest
    day it runs to the next working day (reading ``party_deadline_rollover``, default true,
    民法典 Art. 203(1)). A decision dated the day of the demand is premature whatever the
    demand says (no period for performing given by it can end before it was made); it is not
    a decision "without" a demand, which is one dated after the decision. The date of the
    facts is the day of the decision (of the demand, for ``written`` and ``content``).

    ## Why
    行政强制法 Art. 35: "行政机关作出强制执行决定前，应当事先催告当事人履行义务。催告应当以书面
    形式作出，并载明…履行义务的期限；履行义务的方式；涉及金钱给付的，应当有明确的金额和给付方式；
    当事人依法享有的陈述权和申辩权"; Art. 37(1): "经催告，当事人逾期仍不履行行政决定…可以作出
    强制执行决定"; Art. 37(3): 催告期间有转移或者隐匿财物迹象的，可以立即强制执行.

    ## Example that flags
    Written demand giving until 2025-06-10; enforcement decision dated 2025-06-10 → S1. A
    demand giving until Saturday 2025-09-20: the period runs to Monday 09-22, so a decision on
    09-22 → S1.

    ## Example that does not flag
    The decision dated 2025-06-11 (or 2025-09-23); or an immediate decision on 2025-06-05
    with evidence of assets being moved.

    ## Configuration
    ``party_deadline_rollover`` (reading and pack parameter, default ``true``).
    """
    decision = measure.enforcement_decision
    if decision is None:
        return
    demand = measure.cuigao
    if demand is None or demand.date > decision.date:
        ctx.finding(
            "no-demand" if demand is None else "demand-after",
            key="missing",
            fact_date=decision.date,
            facts={
                "measure_id": measure.id,
                "decision_date": decision.date,
                "cuigao_date": demand.date if demand else None,
            },
        )
        return
    if demand.written is False:
        ctx.finding(
            "written",
            key="written",
            fact_date=demand.date,
            facts={"measure_id": measure.id, "cuigao_date": demand.date, "written": False},
        )
    gaps = CalendarGaps()
    with gaps.check():
        _cuigao_premature(measure, ctx)
    missing: list[str] = []
    if demand.states_deadline is False:
        missing.append("deadline")
    if demand.states_method is False:
        missing.append("method")
    if demand.states_amount is False and _money_obligation(measure):
        missing.append("amount")
    if demand.states_rights is False:
        missing.append("rights")
    if missing:
        ctx.finding(
            "content",
            key="content",
            fact_date=demand.date,
            facts={
                "measure_id": measure.id,
                "cuigao_date": demand.date,
                "missing": missing,
                "not_stated": [_DEMAND_CONTENTS[name] for name in missing],
            },
            deadlines={},
        )
    gaps.finish()


def _cuigao_premature(measure: CoerciveMeasure, ctx: Context) -> None:
    """Art. 37(1): the decision only once the performance period is over (its last day is the
    party's)."""
    decision = measure.enforcement_decision
    demand = measure.cuigao
    if decision is None or demand is None:
        return
    if decision.immediate is True and decision.asset_transfer_evidence is True:
        return  # Art. 37(3): immediate enforcement during the demand period
    facts = {
        "measure_id": measure.id,
        "cuigao_date": demand.date,
        "decision_date": decision.date,
        "immediate": decision.immediate,
        "asset_transfer_evidence": decision.asset_transfer_evidence,
    }
    if decision.date <= demand.date:
        # Same day as the demand: no period given by it can have ended yet.
        ctx.finding("same-day", key="premature", fact_date=decision.date, facts=facts)
        return
    limit = demand.performance_deadline
    if limit is None:
        return
    period = _rolled_unless_moot(
        lambda roll: ctx.deadline(
            limit,
            0,
            "CD",
            rollover=roll,
            start_label="催告书限定的履行期限",
            start_label_en="performance deadline set by the demand",
        ),
        decision.date,
        rollover=bool(ctx.reading("party_deadline_rollover")),
    )
    # Same day: a decision on the last day of the performance period is premature.
    if ctx.deadline_met(period, decision.date, label=_PERFORMANCE):
        ctx.finding(
            "premature",
            key="premature",
            facts={**facts, "performance_deadline": limit, "last_day": period.due_date},
            deadlines={_PERFORMANCE: period},
        )


# --------------------------------------------------------------------------------------------
# ENF-NIGHT-HOLIDAY


def _judge_days(
    days: list[dt.date], ctx: Context, weekends: bool
) -> tuple[list[dt.date], bool, int | None]:
    """The rest days among ``days`` under the reading, whether any judgment rests on a
    provisional year, and a year with no schedule (if one was met)."""
    rest: list[dt.date] = []
    provisional = False
    unavailable: int | None = None
    for day in days:
        try:
            kind = ctx.calendar.day_kind(day)
            provisional = provisional or ctx.calendar.is_provisional_year(day.year)
        except CalendarUnavailable as error:
            unavailable = error.year
            continue
        if kind is DayKind.HOLIDAY or (weekends and kind is DayKind.WEEKEND):
            rest.append(day)
    return rest, provisional, unavailable


_NIGHT_ARTICLES = [ACL.art("43", "1"), NOISE_LAW.art("88", "2", verification="U")]
_REST_DAY = Message(zh="{day}（{description}）", en="{day} ({description})")


@rule(
    id="ENF-NIGHT-HOLIDAY",
    title_zh="夜间/节假日执行",
    title_en="Enforcement at night or on holidays",
    category="abuse",
    severity="S1",
    legal_basis=(
        ACL.art("43", "1"),
        NOISE_LAW.art("88", "2", verification="U"),
    ),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
    parameters=(
        Parameter(
            name="night_start",
            default="22:00",
            converter=parse_clock,
            reading=True,
            unit="HH:MM",
            doc="夜间开始时刻（类推噪声污染防治法第88条：22:00，U）/ start of the night",
        ),
        Parameter(
            name="night_end",
            default="06:00",
            converter=parse_clock,
            reading=True,
            unit="HH:MM",
            doc="夜间结束时刻（类推噪声污染防治法第88条：06:00，U）/ end of the night",
        ),
        Parameter(
            name="art43_weekends",
            default=True,
            reading=True,
            doc="法定节假日是否包括周末：默认包括一切官方休息日（周末和放假期间），调休上班日"
            "除外（docs/catalog/interpretations.md#art43-weekends，U）；false 时只算放假期间 / "
            "whether weekends count as holidays under Art. 43",
        ),
    ),
    messages={
        "night": Message(
            zh="强制执行 {measure_id} 在夜间（{night_start}–{night_end}）实施（{start}），"
            "且无紧急情况",
            en="enforcement {measure_id} carried out at night ({night_start}–{night_end}) "
            "({start}) with no emergency",
            articles=_NIGHT_ARTICLES,
        ),
        "rest-day": Message(
            zh="强制执行 {measure_id} 在{rest_day_names}实施（{start}），且无紧急情况",
            en="enforcement {measure_id} carried out on {rest_day_names} ({start}) with no "
            "emergency",
            articles=[ACL.art("43", "1")],
        ),
        "night-rest-day": Message(
            zh="强制执行 {measure_id} 在夜间（{night_start}–{night_end}）、{rest_day_names}实施"
            "（{start}），且无紧急情况",
            en="enforcement {measure_id} carried out at night ({night_start}–{night_end}) and "
            "on {rest_day_names} ({start}) with no emergency",
            articles=_NIGHT_ARTICLES,
        ),
        "no-schedule": Message(
            zh="{year} 年尚无官方节假日安排，无法判断执行 {start} 是否在法定节假日",
            en="no official holiday schedule for {year}: cannot tell whether the session at "
            "{start} was on a holiday",
        ),
        "provisional-year": Message(
            zh="执行 {start} 所在年份只有暂定日历，暂不认定是否在法定节假日",
            en="the session at {start} falls in a provisional calendar year: holiday not decided",
        ),
    },
)
def night_holiday(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags an enforcement session at night or on a rest day, outside an emergency.

    Applies to enforcement by the agency (direct enforcement, forced demolition, performance
    by a third party), session by session (``executions``; without them, the record's own
    start). A session is at night when its start — or, with an end, any part of it — lies
    between ``night_start`` and ``night_end`` local time; it is on a holiday when any day it
    touches is an official rest day: weekends and every day of a holiday block, but not a
    make-up working day. Times are converted to Asia/Shanghai first. A day in a year without an
    official schedule is not judged (a note says why); in provisional mode an S1 finding
    resting on such a day becomes a ``provisional`` note.

    **The same instant.** The night is ``[night_start, night_end)``: a session starting at
    22:00 is at night, one starting at 06:00 is not, one starting at 05:59 is; a session that
    ends exactly at 22:00 does not reach the night, and one that ends exactly at 00:00 does
    not touch the next day. The date of the facts is the day the session began.

    ## Why
    行政强制法 Art. 43(1): "行政机关不得在夜间或者法定节假日实施行政强制执行。但是，情况紧急的
    除外". Night is read as 22:00–06:00 by analogy with 噪声污染防治法 Art. 88(2) (U).

    ## Example that flags
    Demolition at 10:00 on 2025-10-03 (国庆 holiday), at 22:30 on Monday 2025-10-13, or at
    10:00 on Sunday 2025-10-12 (an ordinary weekend) → S1.

    ## Example that does not flag
    Demolition at 10:00 on Saturday 2025-10-11, a make-up working day; Sunday 2025-10-12 when
    ``art43_weekends = false``.

    ## Configuration
    Readings ``night_start`` (default ``"22:00"``), ``night_end`` (``"06:00"``) and
    ``art43_weekends`` (default ``true``).
    """
    if measure.kind not in AGENCY_ENFORCEMENT_KINDS:
        return
    begin = str(ctx.reading("night_start"))
    finish = str(ctx.reading("night_end"))
    weekends = bool(ctx.reading("art43_weekends"))
    for session in sessions(measure):
        if session.emergency is True:
            continue
        _judge_session(measure, session, ctx, begin=begin, finish=finish, weekends=weekends)


def _judge_session(
    measure: CoerciveMeasure,
    session: Session,
    ctx: Context,
    *,
    begin: str,
    finish: str,
    weekends: bool,
) -> None:
    night = night_overlap(session, begin, finish)
    rest, provisional, unavailable = _judge_days(session_days(session), ctx, weekends)
    start = session.start or session.day
    if not night and not rest:
        if unavailable is not None:
            ctx.note("no-schedule", kind="calendar-unavailable", year=unavailable, start=start)
        elif provisional:
            ctx.note("provisional-year", kind="provisional", start=start)
        return
    names = [
        text(
            _REST_DAY,
            day=day,
            description=Text(
                zh=ctx.calendar.describe_day(day, "zh"), en=ctx.calendar.describe_day(day, "en")
            ),
        )
        for day in rest
    ]
    ctx.finding(
        "night-rest-day" if night and rest else "night" if night else "rest-day",
        key=session.key,
        fact_date=session.day,
        facts={
            "measure_id": measure.id,
            "start": start,
            "end": session.end,
            "night": night,
            "night_start": begin,
            "night_end": finish,
            "rest_days": rest,
            "rest_day_names": names,
            "emergency": session.emergency,
        },
        deadlines={},
        provisional=provisional and not night,
    )


# --------------------------------------------------------------------------------------------
# ENF-UTILITIES


@rule(
    id="ENF-UTILITIES",
    title_zh="停水停电迫使履行",
    title_en="Cutting utilities to force compliance",
    category="abuse",
    severity="S1",
    legal_basis=ACL.art("43", "2"),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
    messages={
        "utilities": Message(
            zh="强制执行 {measure_id} 对居民生活采取{methods}方式迫使履行（{start}）",
            en="enforcement {measure_id} cut {supplies} of a residence to force compliance "
            "({start})",
            articles=[ACL.art("43", "2")],
        ),
    },
)
def utilities(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags cutting water, power, heating or gas of a residence to force compliance.

    Any enforcement session whose methods include 停止供水、供电、供热或供燃气 and whose target is
    recorded as residential daily living. There is no emergency exception. The date of the
    facts is the day of the session (no date is compared).

    ## Why
    行政强制法 Art. 43(2): "行政机关不得对居民生活采取停止供水、供电、供热、供燃气等方式迫使
    当事人履行相关行政决定".

    ## Example that flags
    An execution with ``methods = ["cut_power"]`` and ``target_is_residential_living = true``.

    ## Example that does not flag
    The same cut at a factory (``target_is_residential_living = false``).

    ## Configuration
    None.
    """
    for session in sessions(measure, fallback=False):
        cuts = [m for m in session.methods if m in UTILITY_CUTS]
        if cuts and session.residential is True:
            ctx.finding(
                "utilities",
                key=session.key,
                fact_date=session.day,
                facts={
                    "measure_id": measure.id,
                    "start": session.start,
                    "methods": cuts,
                    "supplies": [
                        Text(zh=m.label_zh, en=m.value.removeprefix("cut_")) for m in cuts
                    ],
                    "residential": True,
                },
            )


# --------------------------------------------------------------------------------------------
# ENF-DEMOLITION

_NO_CALENDAR_REVIEW = Message(
    zh="{year} 年无官方日历，复议期限未顺延；六个月起诉期限更晚，不影响结论",
    en="no official calendar for {year}: the reconsideration period is not rolled over; the "
    "6-month period ends later anyway",
)


def _remedy_deadlines(
    served: dt.date, ctx: Context, *, suit_rollover: bool, act: dt.date | None = None
) -> tuple[Deadline, Deadline, list[tuple[str, str]]]:
    """The party's reconsideration (60 days, rolled over) and litigation (6 months) periods.

    When the 60-day period cannot be rolled over for lack of a calendar year, it is shown
    unrolled: the 6-month period always ends later, so the later of the two is unaffected.
    With ``act`` (the day of the act the periods must precede) the 6-month rollover is
    computed only when it can matter (:func:`_rolled_unless_moot`).
    """
    notes: list[tuple[str, str]] = []
    try:
        review = ctx.deadline(
            served, 60, "CD+R", start_label="决定送达", start_label_en="decision served"
        )
    except CalendarUnavailable as error:
        review = ctx.deadline(
            served,
            60,
            "CD",
            rollover=False,
            start_label="决定送达",
            start_label_en="decision served",
        )
        notes.append(pair(_NO_CALENDAR_REVIEW, year=error.year))

    def suit(roll: bool) -> Deadline:
        return ctx.deadline(
            served, 6, "M", rollover=roll, start_label="决定送达", start_label_en="decision served"
        )

    if act is None:
        return review, suit(suit_rollover), notes
    return review, _rolled_unless_moot(suit, act, rollover=suit_rollover), notes


_ART44 = ACL.art("44")
_PENDING = Message(zh="{kind}（{filed_date} 提起）", en="{kind} (filed {filed_date})")


@rule(
    id="ENF-DEMOLITION",
    title_zh="强制拆除前置条件",
    title_en="Preconditions for forced demolition",
    category="abuse",
    severity="S1",
    legal_basis=(
        ACL.art("44"),
        RECONSIDERATION_LAW.art("20"),
        LITIGATION_LAW.art("46"),
    ),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
    parameters=(
        Parameter(
            name="litigation_period_rollover",
            default=True,
            reading=True,
            doc="六个月起诉期限末日为休息日时顺延至其后第一个工作日（行政诉讼法第101条适用民事诉讼法"
            "第85条；默认顺延，保护当事人；docs/catalog/interpretations.md#"
            "litigation-period-rollover）/ roll the 6-month litigation period over a rest day "
            "(default true)",
        ),
        PARTY_DEADLINE_ROLLOVER,
    ),
    messages={
        "no-notice": Message(
            zh="强制拆除 {measure_id}（{demolition_date}）未事先公告",
            en="forced demolition {measure_id} ({demolition_date}): no public notice beforehand",
            articles=[_ART44],
        ),
        "notice-no-deadline": Message(
            zh="强制拆除 {measure_id}（{demolition_date}）公告未限定自行拆除期限",
            en="forced demolition {measure_id} ({demolition_date}): the notice sets no "
            "deadline for removal",
            articles=[_ART44],
        ),
        "self-demolition-period": Message(
            zh="强制拆除 {measure_id}（{demolition_date}）在公告限定的自行拆除期限届满前实施"
            "（{last_day:deadline}）",
            en="forced demolition {measure_id} ({demolition_date}) before the deadline for "
            "removing it oneself had passed ({last_day:deadline})",
            articles=[_ART44],
        ),
        "remedy-pending": Message(
            zh="强制拆除 {measure_id}（{demolition_date}）时复议或诉讼尚未终结（{pending}）",
            en="forced demolition {measure_id} ({demolition_date}) while a reconsideration or "
            "lawsuit was pending ({pending})",
            articles=[_ART44],
        ),
        "no-service-date": Message(
            zh="强制拆除 {measure_id} 缺少被执行决定的送达日期，无法计算复议和诉讼期限",
            en="forced demolition {measure_id}: the date the decision was served is missing; "
            "the remedy periods cannot be computed",
        ),
        "waiting-period": Message(
            zh="强制拆除 {measure_id}（{demolition_date}）在当事人申请复议或提起诉讼的法定期限"
            "届满前实施（{last_day:deadline}）",
            en="forced demolition {measure_id} ({demolition_date}) before the party's time to "
            "seek reconsideration or sue ran out ({last_day:deadline})",
            articles=[_ART44, RECONSIDERATION_LAW.art("20"), LITIGATION_LAW.art("46")],
        ),
    },
)
def demolition(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags a forced demolition without its public notice, or before the party's remedies ran out.

    Applies to forced demolitions (``kind = forced_demolition``, or an enforcement session
    with the method ``demolition``), judged on the first session (or the record's start
    date). Keys: ``notice`` (no public notice before the demolition, or one without a
    deadline for removing it oneself), ``self-demolition-period`` (demolished on or before that
    deadline), ``waiting-period`` (demolished on or before the later of the reconsideration
    period — 60 days from service, rolled over — and the litigation period — 6 months from
    service, rolled over by default), ``remedy-pending`` (a reconsideration or lawsuit filed
    and not concluded).

    **The same day.** Every period here is the party's and its last day is the party's: a
    demolition on the last day for removing it oneself, or on the last day of the later remedy
    period, is early; the day after is not. A last day that is a rest day runs to the next
    working day (the deadline of the notice: ``party_deadline_rollover``; the 6 months:
    ``litigation_period_rollover``; the 60 days always, 行政复议法 Art. 88(1)). A notice dated
    the day of the demolition is a notice, but it left no time to remove it oneself: it is
    judged as ``self-demolition-period``. A review or suit filed on the day of the demolition,
    or concluded that day, was pending that day (the order within the day is not recorded;
    in doubt, for the party). The date of the facts is the day of the demolition.

    ## Why
    行政强制法 Art. 44: "对违法的建筑物、构筑物、设施等需要强制拆除的，应当由行政机关予以公告，
    限期当事人自行拆除。当事人在法定期限内不申请行政复议或者提起行政诉讼，又不拆除的，行政机关
    可以依法强制拆除". 行政复议法 Art. 20: 60 days; 行政诉讼法 Art. 46: 6 months, and its Art. 101
    applies 民事诉讼法 Art. 85 (a last day on a holiday runs to the day after).

    ## Example that flags
    Decision served 2025-03-03: the 60 days end 2025-05-02 (in the 劳动节 block) → rolled to
    2025-05-06; the 6 months end 2025-09-03. Demolished 2025-08-20, or on 2025-09-03 → S1.

    ## Example that does not flag
    Demolished 2025-09-04 after a public notice whose deadline had passed, with no review or
    suit filed.

    ## Configuration
    ``litigation_period_rollover`` (reading, default ``true``) and ``party_deadline_rollover``
    (reading and pack parameter, default ``true``).
    """
    found = sessions(measure)
    is_demolition = measure.kind is CoerciveKind.FORCED_DEMOLITION or any(
        ExecutionMethod.DEMOLITION in s.methods for s in found
    )
    if not is_demolition or not found:
        return
    day = found[0].day
    base = {"measure_id": measure.id, "demolition_date": day}
    notice = measure.public_notice
    gaps = CalendarGaps()
    if notice is None or notice.date > day or notice.self_demolition_deadline is None:
        ctx.finding(
            "no-notice" if notice is None or notice.date > day else "notice-no-deadline",
            key="notice",
            fact_date=day,
            facts={
                **base,
                "notice_date": notice.date if notice else None,
                "self_demolition_deadline": notice.self_demolition_deadline if notice else None,
            },
            deadlines={},
        )
    else:
        with gaps.check():
            _self_demolition_period(measure, day, ctx)
    # Same day: a remedy filed, or concluded, on the day of the demolition was pending then.
    pending = [
        r
        for r in measure.remedies
        if r.filed_date <= day and (r.concluded_date is None or r.concluded_date >= day)
    ]
    if pending:
        ctx.finding(
            "remedy-pending",
            key="remedy-pending",
            fact_date=day,
            facts={
                **base,
                "pending": [text(_PENDING, kind=r.kind, filed_date=r.filed_date) for r in pending],
            },
            deadlines={},
        )
    served = measure.underlying_decision_served_date
    if served is None:
        ctx.note("no-service-date", kind="undecided", measure_id=measure.id)
        gaps.finish()
        return
    with gaps.check():
        _waiting_period(measure, served, day, ctx)
    gaps.finish()


def _self_demolition_period(measure: CoerciveMeasure, day: dt.date, ctx: Context) -> None:
    """Art. 44: not before the deadline the notice set for removing it oneself has passed."""
    notice = measure.public_notice
    if notice is None or notice.self_demolition_deadline is None:
        return
    # A deadline dated before the notice itself gave no time at all: the notice's day is then
    # the last day (the same day as the demolition is early).
    last = max(notice.self_demolition_deadline, notice.date)
    period = _rolled_unless_moot(
        lambda roll: ctx.deadline(
            last,
            0,
            "CD",
            rollover=roll,
            start_label="公告限定的自行拆除期限",
            start_label_en="deadline of the notice for removing it oneself",
        ),
        day,
        rollover=bool(ctx.reading("party_deadline_rollover")),
    )
    # Same day: demolished on the last day for removing it oneself is early.
    if ctx.deadline_met(period, day, label=_SELF_REMOVAL):
        ctx.finding(
            "self-demolition-period",
            key="self-demolition-period",
            facts={
                "measure_id": measure.id,
                "demolition_date": day,
                "notice_date": notice.date,
                "self_demolition_deadline": notice.self_demolition_deadline,
                "last_day": period.due_date,
            },
            deadlines={_SELF_REMOVAL: period},
        )


def _waiting_period(measure: CoerciveMeasure, served: dt.date, day: dt.date, ctx: Context) -> None:
    """Art. 44: not before the party's time to seek reconsideration or to sue has run out."""
    review, suit, notes = _remedy_deadlines(
        served, ctx, suit_rollover=bool(ctx.reading("litigation_period_rollover")), act=day
    )
    later = suit if suit.due_date >= review.due_date else review
    # Same day: a demolition on the last day of the later period is early.
    if not ctx.deadline_met(later, day, label=_REMEDIES):
        return  # demolished after both periods
    deadlines: dict[str, Any] = {_SUIT: suit}
    if not review.provisional or later is review:
        deadlines[_REVIEW] = review
    ctx.finding(
        "waiting-period",
        key="waiting-period",
        facts={
            "measure_id": measure.id,
            "decision_served_date": served,
            "reconsideration_period_end": review.due_date,
            "litigation_period_end": suit.due_date,
            "demolition_date": day,
            "last_day": later.due_date,
        },
        deadlines=deadlines,
        notes=notes,
    )


# --------------------------------------------------------------------------------------------
# ENF-COURT-APPLY

_COMPUTED_REMEDY_END = Message(
    zh="复议诉讼期限届满日按决定送达日推算为 {remedy_period_end}（六个月起诉期限不顺延）",
    en="remedy period end computed from the service of the decision: {remedy_period_end} "
    "(the 6 months not rolled over)",
)
_TOO_EARLY = [ACL.art("54"), ART69]
_TOO_LATE = [ACL.art("53")]


@rule(
    id="ENF-COURT-APPLY",
    version="3",
    title_zh="申请法院强制执行",
    title_en="Applying to court for enforcement",
    category="procedure, inaction",
    severity="S2",
    legal_basis=(ACL.art("53"), ACL.art("54"), ART69),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
    parameters=(
        Parameter(
            name="agency_deadline_rollover",
            default=True,
            reading=True,
            doc="约束行政机关的期限（申请强制执行的三个月）末日为休息日时是否顺延；顺延时在严格"
            "期限与顺延期限之间只记 S4（docs/catalog/interpretations.md#"
            "agency-deadline-rollover，U）/ roll agency-side deadlines over",
        ),
    ),
    messages={
        "too-early": Message(
            zh="申请法院强制执行 {measure_id}（{application_date}）时催告书送达后十个工作日尚未"
            "届满（{last_day:deadline}，其后方可申请）",
            en="court enforcement {measure_id}: applied on {application_date}, before the 10 "
            "working days after the demand was served had passed ({last_day:deadline}; one "
            "may apply only after it)",
            articles=_TOO_EARLY,
        ),
        "too-early-unserved": Message(
            zh="申请法院强制执行 {measure_id}（{application_date}）时距催告（{cuigao_date}）"
            "尚不足十个工作日（{last_day:deadline}），催告书送达日期未记录",
            en="court enforcement {measure_id}: applied on {application_date}, within 10 "
            "working days of the demand of {cuigao_date} ({last_day:deadline}); the service "
            "date of the demand is not recorded",
            articles=_TOO_EARLY,
        ),
        "too-early-bound": Message(
            zh="申请法院强制执行 {measure_id}（{application_date}）时催告（{cuigao_date}，送达 "
            "{cuigao_served_date}）后十个工作日尚未届满：不早于 {earliest_last_day} 届满"
            "（其后年度的放假安排尚未公布，只会使其更晚届满）",
            en="court enforcement {measure_id}: applied on {application_date}, before the 10 "
            "working days after the demand of {cuigao_date} (served {cuigao_served_date}) had "
            "passed: they end on {earliest_last_day} at the earliest (the later holiday schedule "
            "is not published yet, and no schedule can make them end sooner)",
            articles=_TOO_EARLY,
        ),
        "no-service-date": Message(
            zh="申请法院强制执行 {measure_id} 缺少催告书送达日期，无法确认是否已满 10 个工作日",
            en="court enforcement {measure_id}: the demand's service date is missing",
        ),
        "before-remedy-end": Message(
            zh="申请法院强制执行 {measure_id}（{application_date}）时当事人申请行政复议或者提起"
            "行政诉讼的期限尚未届满（{remedy_period_end:deadline}，期限届满后方可申请）",
            en="court enforcement {measure_id}: applied on {application_date}, while the party "
            "could still apply for reconsideration or sue ({remedy_period_end:deadline}; one may "
            "apply only after it)",
            articles=[ACL.art("53")],
        ),
        "too-late": Message(
            zh="申请法院强制执行 {measure_id}（{application_date}）超过复议诉讼期限届满之日起三个月"
            "（{last_day:deadline}）",
            en="court enforcement {measure_id}: applied on {application_date}, more than 3 "
            "months after the remedy period ended ({last_day:deadline})",
            articles=_TOO_LATE,
        ),
        "past-strict-deadline": Message(
            zh="申请法院强制执行 {measure_id}（{application_date}）晚于严格期限"
            "（{strict_date}），仅因末日顺延而在期限内",
            en="court enforcement {measure_id}: applied on {application_date}, after the strict "
            "deadline {strict_date}; in time only by rollover",
            articles=_TOO_LATE,
            severity="S4",
        ),
    },
)
def court_apply(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags an application to court for enforcement made too early or too late.

    ``too-early``: the application was made on or before the 10th working day after the
    demand (催告) was served (when the service date is missing, only an application within 10
    working days of the demand's own date is certainly early). ``too-late``: made more than 3
    months after the party's remedy period ended (``remedy_period_end``, or, when missing,
    the later of 60 days rolled over and 6 months from the service of the decision, the 6
    months not rolled over so that the agency's three months never start later than the law
    allows). With the ``agency_deadline_rollover`` reading an application after the strict
    end but on or before the rolled-over end gets only an S4 finding. ``before-remedy-end``:
    made on or before the last day of the party's remedy period (``remedy_period_end``, or
    the later of 60 days and 6 months from the service of the decision, both rolled over:
    the party's own periods, kept open as long as the law allows). A period reaching into a
    year without an official schedule still decides an application on or before the
    earliest day the 10 working days can end (``too-early-bound``).

    **The same day.** "催告书送达十日后" is after the 10 working days: the 10th working day is
    still the party's, so an application dated that day is too early and one dated the next
    day is not. "自期限届满之日起三个月内" ends on the corresponding day three months later,
    which is still in time; the day after is too late. The date of the facts is the day of the
    application.

    ## Why
    行政强制法 Art. 53: "没有行政强制执行权的行政机关可以自期限届满之日起三个月内…申请人民法院
    强制执行"; Art. 54: "催告书送达十日后当事人仍未履行义务的，行政机关可以…申请强制执行";
    Art. 69: 10 days are working days. Art. 53 opens the three months only once the party
    let its period for reconsideration or litigation pass ("当事人在法定期限内不申请行政复议或者
    提起行政诉讼，又不履行行政决定的"): an application while the party may still sue is premature.

    ## Example that flags
    Demand served Monday 2025-03-03; the 10 working days end 2025-03-17; applied 2025-03-17
    → S2. Remedy period ended 2025-09-03; applied 2025-12-04 → S2. Decision served
    2026-03-20 (6 months end Sunday 2026-09-20, a make-up working day); applied 2026-06-15
    or 2026-09-20 → S2.

    ## Example that does not flag
    Applied 2025-03-18, or 2025-12-03.

    ## Configuration
    ``agency_deadline_rollover`` (reading, default ``true``).
    """
    application = measure.court_application
    if application is None:
        return
    gaps = CalendarGaps()
    with gaps.check():
        _court_too_early(measure, application, ctx)
    with gaps.check():
        _court_before_remedy_end(measure, application, ctx)
    with gaps.check():
        _court_too_late(measure, application, ctx)
    gaps.finish()


def _court_before_remedy_end(
    measure: CoerciveMeasure, application: CourtApplication, ctx: Context
) -> None:
    """Art. 53: the application comes after the party's remedy period has ended ("当事人在法定
    期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的…可以自期限届满之日起三个月内…申请");
    its last day is still the party's. Computed from the decision's service, the period is the
    later of 60 days (rolled over) and 6 months, rolled over too: the party's own period to sue
    (行政诉讼法 Art. 101 → 民事诉讼法 Art. 85), so the reading that keeps it open longest."""
    applied = application.date
    period_end = application.remedy_period_end
    deadlines: dict[str, Deadline] = {}
    if period_end is None and measure.underlying_decision_served_date is not None:
        review, suit, _notes = _remedy_deadlines(
            measure.underlying_decision_served_date, ctx, suit_rollover=True, act=applied
        )
        period_end = max(review.due_date, suit.due_date)
        deadlines = {_REMEDY_PERIOD: suit if suit.due_date >= review.due_date else review}
    if period_end is None or applied > period_end:
        return
    ctx.finding(
        "before-remedy-end",
        key="before-remedy-end",
        facts={
            "measure_id": measure.id,
            "application_date": applied,
            "remedy_period_end": period_end,
        },
        deadlines=deadlines,
    )


def _court_too_early(measure: CoerciveMeasure, application: CourtApplication, ctx: Context) -> None:
    """Art. 54: not before 10 working days have passed since the demand was served."""
    applied = application.date
    demand = measure.cuigao
    if demand is None:
        return
    served = demand.served_date
    # Ten working days reaching into a year with no official schedule still decide an
    # application on or before the earliest day they can end (_bounds.py).
    wait = wd_deadline_or_bound(
        ctx,
        served or demand.date,
        10,
        lambda last: applied <= last,
        start_label="催告书送达" if served else "催告",
        start_label_en="demand served" if served else "demand issued",
    )
    # Same day: an application on the 10th working day is too early (the day is the party's).
    if ctx.deadline_met(wait, applied, label=_WAIT):
        if is_bound(wait):
            ctx.finding(
                "too-early-bound",
                key="too-early",
                facts={
                    "measure_id": measure.id,
                    "cuigao_date": demand.date,
                    "cuigao_served_date": served,
                    "application_date": applied,
                    "earliest_last_day": wait.due_date,
                },
                deadlines={_WAIT: wait},
            )
            return
        ctx.finding(
            "too-early" if served else "too-early-unserved",
            key="too-early",
            facts={
                "measure_id": measure.id,
                "cuigao_date": demand.date,
                "cuigao_served_date": served,
                "application_date": applied,
                "last_day": wait.due_date,
            },
            deadlines={_WAIT: wait},
        )
    elif served is None:
        ctx.note("no-service-date", kind="undecided", measure_id=measure.id)


def _court_too_late(measure: CoerciveMeasure, application: CourtApplication, ctx: Context) -> None:
    """Art. 53: within 3 months of the end of the party's remedy period (its last day is in
    time)."""
    applied = application.date
    period_end = application.remedy_period_end
    notes: list[tuple[str, str]] = []
    if period_end is None and measure.underlying_decision_served_date is not None:
        review, suit, notes = _remedy_deadlines(
            measure.underlying_decision_served_date, ctx, suit_rollover=False
        )
        period_end = max(review.due_date, suit.due_date)
        notes.append(pair(_COMPUTED_REMEDY_END, remedy_period_end=period_end))
    if period_end is None:
        return
    deadline = ctx.deadline(
        period_end,
        3,
        "M",
        rollover=bool(ctx.reading("agency_deadline_rollover")),
        start_label="复议诉讼期限届满",
        start_label_en="remedy period ended",
    )
    facts = {
        "measure_id": measure.id,
        "remedy_period_end": period_end,
        "application_date": applied,
        "last_day": deadline.due_date,
        "strict_date": deadline.strict_date,
    }
    if ctx.deadline_met(deadline, applied, label=_APPLICATION):
        if applied > deadline.strict_date:
            ctx.finding(
                "past-strict-deadline",
                key="too-late",
                facts=facts,
                deadlines={_APPLICATION: deadline},
                notes=notes,
            )
        return
    ctx.finding(
        "too-late", key="too-late", facts=facts, deadlines={_APPLICATION: deadline}, notes=notes
    )


# --------------------------------------------------------------------------------------------
# ENF-SURCHARGE

_ART46 = [ACL.art("46")]


@rule(
    id="ENF-SURCHARGE",
    title_zh="加处罚款/滞纳金",
    title_en="Surcharge and late charges",
    category="abuse",
    severity="S2",
    legal_basis=(ACL.art("45"), ACL.art("46")),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
    messages={
        "amount": Message(
            zh="{measure_id} 加处罚款或滞纳金 {surcharge} 元超出金钱给付义务 {principal} 元",
            en="{measure_id}: surcharge of {surcharge} yuan exceeds the obligation of "
            "{principal} yuan",
            articles=[ACL.art("45", "2")],
        ),
        "standard": Message(
            zh="{measure_id} 未告知当事人加处罚款或滞纳金的标准",
            en="{measure_id}: the surcharge standard was not told to the party",
            articles=[ACL.art("45", "1")],
        ),
        "too-soon": Message(
            zh="{measure_id} 于 {enforcement_date} 强制执行：加处罚款或滞纳金尚未超过三十日"
            "（{last_day:deadline}，其后方可强制执行）",
            en="{measure_id}: enforced on {enforcement_date}: the surcharge had not run more "
            "than 30 days ({last_day:deadline}; enforcement only after it)",
            articles=_ART46,
        ),
        "no-demand": Message(
            zh="{measure_id} 于 {enforcement_date} 强制执行：未经事先催告"
            "（催告日期 {cuigao_date}）",
            en="{measure_id}: enforced on {enforcement_date}: no demand beforehand (demand "
            "dated {cuigao_date})",
            articles=_ART46,
        ),
        "too-soon-no-demand": Message(
            zh="{measure_id} 于 {enforcement_date} 强制执行：加处罚款或滞纳金尚未超过三十日"
            "（{last_day:deadline}，其后方可强制执行），且未经事先催告（催告日期 {cuigao_date}）",
            en="{measure_id}: enforced on {enforcement_date}: the surcharge had not run more "
            "than 30 days ({last_day:deadline}; enforcement only after it), and no demand "
            "beforehand (demand dated {cuigao_date})",
            articles=_ART46,
        ),
    },
)
def surcharge(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags a surcharge above the principal, not notified, or enforced too soon.

    Keys: ``amount`` (the surcharge exceeds the money obligation — equal is allowed),
    ``standard`` (the surcharge standard was not told to the party), ``early-enforcement``
    (the agency decided on or carried out enforcement before the surcharge had run more than
    30 days — counted from its first day, start day not counted — or without a demand
    (催告) before it).

    **The same day.** "超过三十日" excludes the 30th day: counted from the day after the
    surcharge began, an enforcement on the 30th day is too soon, on the 31st it is not. A
    demand dated the day of the enforcement is not a demand "before" it: "经催告当事人仍不
    履行" needs the party to have had the demand and still not performed, which one day
    cannot show (in doubt, for the party). Dates of the facts: the enforcement's day; for
    ``amount`` and ``standard``, the day the surcharge began (else the record's start).

    ## Why
    行政强制法 Art. 45: "加处罚款或者滞纳金的标准应当告知当事人。加处罚款或者滞纳金的数额不得
    超出金钱给付义务的数额"; Art. 46: "实施加处罚款或者滞纳金超过三十日，经催告当事人仍不履行的，
    具有行政强制执行权的行政机关可以强制执行". 30 days are calendar days.

    ## Example that flags
    A fine of 1,000.00 yuan with a surcharge of 1,000.01 yuan; or a surcharge from 2025-05-01
    and an enforcement decision on 2025-05-31; or a demand and an enforcement decision both
    dated 2025-06-05.

    ## Example that does not flag
    A surcharge of exactly 1,000.00 yuan; an enforcement decision on 2025-06-01 after a demand
    of 2025-05-20.

    ## Configuration
    None.
    """
    charge = measure.surcharge
    if charge is None:
        return
    began = charge.start_date or measure.start_date
    if charge.principal is not None and exceeds(charge.amount, charge.principal):
        ctx.finding(
            "amount",
            key="amount",
            fact_date=began,
            facts={
                "measure_id": measure.id,
                "surcharge": charge.amount,
                "principal": charge.principal,
            },
            deadlines={},
        )
    if charge.standard_notified is False:
        ctx.finding(
            "standard",
            key="standard",
            fact_date=began,
            facts={"measure_id": measure.id, "standard_notified": False},
            deadlines={},
        )
    if charge.start_date is None or measure.kind is CoerciveKind.COURT_ENFORCEMENT:
        return
    decision = measure.enforcement_decision
    enforced = decision.date if decision is not None else _first_day(measure, fallback=False)
    if enforced is None:
        return
    running = ctx.deadline(
        charge.start_date, 30, "CD", start_label="加处罚款起算", start_label_en="surcharge began"
    )
    # Same day: enforcement on the 30th day is too soon ("超过三十日").
    too_soon = ctx.deadline_met(running, enforced, label=_SURCHARGE_RUN)
    demand = measure.cuigao
    # Same day: a demand dated the day of the enforcement is not before it.
    no_demand = demand is None or demand.date >= enforced
    if not (too_soon or no_demand):
        return
    if too_soon and no_demand:
        kind = "too-soon-no-demand"
    else:
        kind = "too-soon" if too_soon else "no-demand"
    ctx.finding(
        kind,
        key="early-enforcement",
        fact_date=enforced,
        facts={
            "measure_id": measure.id,
            "surcharge_start_date": charge.start_date,
            "enforcement_date": enforced,
            "cuigao_date": demand.date if demand else None,
            "last_day": running.due_date,
        },
        deadlines={_SURCHARGE_RUN: running},
    )


# --------------------------------------------------------------------------------------------
# ENF-PROXY

_PROXY_WORKING_DAY = Message(zh="{day}（{description}）", en="{day} ({description})")
_PROXY_TRACE = Message(
    zh="代履行 {event} 前倒数 {count} 个工作日：{days} → 最迟 {latest}{provisional}",
    en="{count} working days counted back from the performance on {event}: {days} → latest "
    "{latest}{provisional}",
)
_PROVISIONAL_CALENDAR = Text(zh="（暂定日历）", en=" (provisional calendar)")
_NOT_PROVISIONAL = Text(zh="", en="")


def _nth_working_day_before(ctx: Context, event: dt.date, n: int) -> DeadlineReason:
    """``sub_wd(event, n)`` of the catalog, with a trace for the statement of reasons."""
    counted = [ctx.calendar.sub_working_days(event, k) for k in range(1, n + 1)]
    latest = counted[-1]
    plain = dt.date(latest.year, latest.month, latest.day)
    provisional = any(is_provisional(day) for day in counted)
    facts = {
        "event": event,
        "count": n,
        "days": [
            text(
                _PROXY_WORKING_DAY,
                day=dt.date(d.year, d.month, d.day),
                description=Text(
                    zh=ctx.calendar.describe_day(d, "zh"), en=ctx.calendar.describe_day(d, "en")
                ),
            )
            for d in counted
        ],
        "latest": plain,
        "provisional": _PROVISIONAL_CALENDAR if provisional else _NOT_PROVISIONAL,
    }
    trace_zh, trace_en = pair(_PROXY_TRACE, **facts)
    return DeadlineReason(
        label=_PROXY_DEMAND,
        due_date=plain,
        strict_date=plain,
        rolled_date=plain,
        trace_zh=trace_zh,
        trace_en=trace_en,
        provisional=provisional,
    )


_PROXY_DECISION = [ACL.art("51", "1", "1")]
_PROXY_DEMAND_ARTICLES = [ACL.art("51", "1", "2"), ART69]


@rule(
    id="ENF-PROXY",
    version="2",
    title_zh="代履行",
    title_en="Performance by a third party",
    category="procedure",
    severity="S2",
    legal_basis=(ACL.art("50"), ACL.art("51"), ART69),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
    parameters=(
        Parameter(
            name="same_day_proxy_decision",
            default="late",
            choices=("late", "in_time"),
            reading=True,
            doc="代履行决定书于代履行当日才送达：默认 late（不能认定在代履行前送达，保护当事人），"
            "in_time 视为事先送达（docs/catalog/interpretations.md#same-day-proxy-decision）/ "
            "a proxy-performance decision served on the day of the performance (default late)",
        ),
    ),
    messages={
        "decision-missing": Message(
            zh="代履行 {measure_id}（{execution_date}）前未送达代履行决定书",
            en="proxy performance {measure_id} ({execution_date}) without the decision served "
            "beforehand",
            articles=_PROXY_DECISION,
        ),
        "decision-late": Message(
            zh="代履行 {measure_id}（{execution_date}）前未送达代履行决定书"
            "（{decision_served_date} 才送达）",
            en="proxy performance {measure_id} ({execution_date}) without the decision served "
            "beforehand (served only on {decision_served_date})",
            articles=_PROXY_DECISION,
        ),
        "decision-same-day": Message(
            zh="代履行 {measure_id} 的代履行决定书于代履行当日（{execution_date}）才送达，"
            "不能认定在代履行前送达",
            en="proxy performance {measure_id}: the decision was served only on the day of the "
            "performance ({execution_date}), which does not show it came beforehand",
            articles=_PROXY_DECISION,
        ),
        "staff": Message(
            zh="代履行 {measure_id}（{execution_date}）时行政机关未派员到场监督",
            en="proxy performance {measure_id} ({execution_date}): no agency staff present",
            articles=[ACL.art("51", "1", "3")],
        ),
        "cuigao-missing": Message(
            zh="代履行 {measure_id}（{execution_date}）前未催告当事人履行"
            "（应于代履行三个工作日前催告，{latest_day:deadline}）",
            en="proxy performance {measure_id} ({execution_date}): no demand to perform 3 "
            "working days before ({latest_day:deadline})",
            articles=_PROXY_DEMAND_ARTICLES,
        ),
        "cuigao-late-bound": Message(
            zh="代履行 {measure_id}（{execution_date}）未在三个工作日前催告当事人履行"
            "（应不晚于 {latest_day_at_most} 催告，其后年度的放假安排尚未公布，任何安排都不会使其"
            "推后；{cuigao_date} 才催告）",
            en="proxy performance {measure_id} ({execution_date}): no demand 3 working days "
            "before (due by {latest_day_at_most} at the latest: the later holiday schedule is not "
            "published yet, and no schedule can make it later; demand only on {cuigao_date})",
            articles=_PROXY_DEMAND_ARTICLES,
        ),
        "cuigao-late": Message(
            zh="代履行 {measure_id}（{execution_date}）未在三个工作日前催告当事人履行"
            "（{latest_day:deadline}；{cuigao_date} 才催告）",
            en="proxy performance {measure_id} ({execution_date}): no demand 3 working days "
            "before ({latest_day:deadline}; demand only on {cuigao_date})",
            articles=_PROXY_DEMAND_ARTICLES,
        ),
    },
)
def proxy(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags a performance by a third party (代履行) without its safeguards.

    Judged once the performance date is known (``proxy.execution_date``, else the first
    session of a ``proxy_performance`` record). Keys: ``decision`` (no decision served before
    the performance date), ``cuigao`` (no demand, or one later than the 3rd working day
    before the performance, ``sub_wd(execution_date, 3)``), ``staff`` (no agency staff
    supervising on the spot, as recorded).

    **The same day.** A demand on the 3rd working day before the performance is in time (the
    catalog's ``sub_wd(execution_date, 3)``: the performance day counts as the third, as for
    notices "N days before" an event, docs/catalog/interpretations.md#hearing-notice-counting);
    a demand on the 2nd is late. A decision served on the day of the performance cannot be
    shown to have come before it: by default it is late (reading
    ``same_day_proxy_decision``). The date of the facts is the day of the performance.

    ## Why
    行政强制法 Art. 51: "代履行前送达决定书…代履行三日前，催告当事人履行…代履行时，作出决定的
    行政机关应当派员到场监督"; Art. 69: the 3 days are working days.

    ## Example that flags
    Performance on Monday 2025-10-13; counting back, Saturday 10-11 (a make-up day) is the 1st
    working day before it, 10-10 the 2nd and 10-09 the 3rd; a demand on 2025-10-10 → S2. The
    decision served on the day of the performance, 2025-10-13 → S2.

    ## Example that does not flag
    A demand on 2025-10-09 and the decision served on 2025-10-09.

    ## Configuration
    ``same_day_proxy_decision`` (reading, default ``"late"``; ``"in_time"`` takes a decision
    served on the performance day as served before it).
    """
    third = measure.proxy
    if third is None:
        return
    performed = third.execution_date
    if performed is None and measure.kind is CoerciveKind.PROXY_PERFORMANCE:
        performed = _first_day(measure, fallback=False)
    if performed is None:
        return
    base = {"measure_id": measure.id, "execution_date": performed}
    served = third.decision_served_date
    if served is None or served > performed:
        ctx.finding(
            "decision-missing" if served is None else "decision-late",
            key="decision",
            fact_date=performed,
            facts={**base, "decision_served_date": served},
            deadlines={},
        )
    elif served == performed and ctx.reading("same_day_proxy_decision") == "late":
        # Same day: served on the day of the performance does not show it came before it.
        ctx.finding(
            "decision-same-day",
            key="decision",
            fact_date=performed,
            facts={**base, "decision_served_date": served},
            deadlines={},
        )
    if third.agency_staff_present is False:
        ctx.finding(
            "staff",
            key="staff",
            fact_date=performed,
            facts={**base, "agency_staff_present": False},
            deadlines={},
        )
    demanded = third.cuigao_date
    try:
        latest = _nth_working_day_before(ctx, performed, 3)
    except CalendarUnavailable:
        # Three working days before a performance in a year with no official schedule end no
        # later than the bound (_bounds.py): a demand after it is late whatever the schedule.
        bound = working_days_bound(
            ctx, performed, 3, before=True, start_label="代履行", start_label_en="performance"
        )
        if demanded is None or demanded <= bound.due_date:
            raise
        ctx.finding(
            "cuigao-late-bound",
            key="cuigao",
            fact_date=performed,
            facts={**base, "cuigao_date": demanded, "latest_day_at_most": bound.due_date},
            deadlines={_PROXY_DEMAND: bound},
        )
        return
    # Same day: a demand on sub_wd(performance, 3) itself is in time.
    if demanded is None or latest.due_date is None or demanded > latest.due_date:
        ctx.finding(
            "cuigao-missing" if demanded is None else "cuigao-late",
            key="cuigao",
            fact_date=performed,
            facts={**base, "cuigao_date": demanded, "latest_day": latest.due_date},
            deadlines={_PROXY_DEMAND: latest},
            provisional=latest.provisional,
        )


RULES: tuple[Rule, ...] = (
    procedure,
    emergency_24h,
    seizure_30d,
    seizure_docs,
    freeze,
    cuigao,
    night_holiday,
    utilities,
    demolition,
    court_apply,
    surcharge,
    proxy,
)
