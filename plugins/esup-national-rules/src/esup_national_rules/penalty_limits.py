"""行政处罚 part B: limits on the power to punish, evidence, follow-up and payment.

The second half of the catalog's 行政处罚 section (``docs/catalog/rules.md``): PEN-LIMITATION,
PEN-NE-BIS, PEN-DISCRETION, PEN-NO-PENALTY, PEN-FIRST-VIOLATION, PEN-EVIDENCE,
PEN-PRESERVE-7WD, PEN-FILING-LAG, PEN-NOT-STOPPED, PEN-CORRECTION, PEN-CRIME-REFERRAL,
PEN-RECORD, PEN-LATE-FEE, PEN-PAY-15D, PEN-DELEGATION and PEN-TOWNSHIP-POWER.

Dated law. Every rule cites the 行政处罚法 as revised on 2021-01-22, in force from 2021-07-15,
and is declared ``valid_from=2021-07-15``: facts dated before that day (the decision, the
lead, the inspection, the preservation — each rule names its facts date) are not evaluated
by these rules. Several of them have no counterpart in the earlier text (the 5-year
limitation, 首违可不罚, no fault, electronic monitoring evidence, 全过程记录, the working-day
reading of Art. 85, the township powers of Art. 24); for the rest the earlier articles are
numbered differently and a deployment that needs older files judged would add rules citing
the 2017 text. Within a rule, the new law is never applied to the party's disadvantage for
acts before 2021-07-15 (Art. 37; see PEN-LIMITATION's five-year limit).

PEN-PAY-15D is in the catalog an input to other rules with no severity. The rule API needs a
severity for every rule, so it is both: the helper
:func:`esup_national_rules._limits_common.payment_deadline`, which PEN-LATE-FEE uses, and an
S4 advisory rule "payment overdue" (category ``inaction``: an overdue fine calls for the
agency's Art. 72 measures; 行为准则 2025 "严禁…拖延执行").

Texts and citations: each rule declares its findings' texts as message templates with the
articles that path applies (:mod:`esup_national_rules.penalty` explains the pattern); the
citations come from the pack's instrument registry (:mod:`esup_national_rules._law`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from enforcement_supervision.model import (
    ActKind,
    Agency,
    AgencyLevel,
    CaseClosureKind,
    Delegation,
    DiscretionBenchmark,
    DiscretionLevel,
    EvidenceType,
    Inspection,
    InspectionResult,
    Lead,
    MatterListKind,
    PenaltyCase,
    ProcessStage,
    ViolationFact,
)
from enforcement_supervision.rules import (
    AS_OF,
    Context,
    Evidence,
    Group,
    GroupBy,
    Message,
    Parameter,
    Rule,
    Screen,
    Text,
    any_of,
    field,
    rule,
)
from enforcement_supervision.statutory_time import exceeds, less_than
from esup_national_rules._law import (
    APL,
    BUSINESS_ENVIRONMENT,
    CODE_OF_CONDUCT,
    OPINION_118,
    OPINION_2022_27,
    SAMR_PROCEDURE,
)
from esup_national_rules._limits_common import (
    applicable_benchmarks,
    applicable_lists,
    decision_date,
    decision_stands,
    in_force_on,
    list_codes,
    payment_deadline,
    payment_deferred,
    penalty_imposed,
    statutory_extensions,
)

__all__ = [
    "RULES",
    "correction",
    "crime_referral",
    "delegation",
    "discretion",
    "evidence",
    "filing_lag",
    "first_violation",
    "late_fee",
    "limitation",
    "ne_bis",
    "no_penalty",
    "not_stopped",
    "pay_15d",
    "preserve_7wd",
    "record",
    "township_power",
]

_CENT = Decimal("0.01")


# Evidence descriptions (declarative labels, not messages).
_PENALTY_CASE = "行政处罚案件"
_FIRST_FINE = "第一次罚款决定"
_SECOND_FINE = "再次罚款决定"
_DECISION_DOCUMENT = "行政处罚决定书"
_EVIDENCE_LIST = "证据目录"
_PRESERVATION_NOTICE = "先行登记保存通知书"
_PRESERVATION_DECISION = "先行登记保存处理决定书"
_LEAD = "案件线索"
_INSPECTION = "检查记录"
_CASE_FILE = "案卷"
_ENFORCEMENT_RECORD = "执法记录"
_SURCHARGE_DECISION = "加处罚款决定"
_DELEGATED_LIST = "赋权事项清单"

#: PEN-DELEGATION's problems, by finding key.
_DELEGATION_PROBLEMS: dict[str, Text] = {
    "no-entrustment": Text(zh="无委托书而以他人名义实施处罚", en="acted with no entrustment"),
    "not-written": Text(zh="委托未采用书面形式", en="the entrustment is not written"),
    "not-entrusted-by-authority": Text(
        zh="委托并非由处罚机关作出", en="the entrustment was not given by the penalty authority"
    ),
    "sub-delegated": Text(
        zh="实施组织并非受委托组织（再委托）",
        en="the acting organisation is not the one entrusted (sub-delegation)",
    ),
    "term": Text(zh="不在委托期限内", en="outside the term of the entrustment"),
    "not-published": Text(zh="委托书未向社会公布", en="the entrustment was not published"),
    "scope": Text(zh="处罚事项超出委托范围", en="the matter is outside the entrusted matters"),
}


def _case_evidence(case: PenaltyCase, description: str = _PENALTY_CASE) -> Evidence:
    return Evidence(description=description, record_type="penalty-case", record_id=case.id)


# =============================================================================================
# PEN-LIMITATION


def _limitation_start(fact: ViolationFact) -> dt.date | None:
    """Art. 36(2): the day the act happened, or the day a continuing act ended; ``None`` for
    an act recorded as continuing with no end (the period has not started)."""
    if fact.end_date is not None:
        return fact.end_date
    if fact.continuing is True:
        return None
    return fact.start_date


@rule(
    id="PEN-LIMITATION",
    title_zh="追责时效",
    title_en="Two-year (five-year) limitation",
    category="abuse",
    severity="S1",
    legal_basis=[APL.art("36", "1"), APL.art("36", "2")],
    applies_to="penalty-case",
    valid_from=APL.in_force,
    facts_date=decision_date,
    parameters=[
        Parameter(
            name="special_law_limit_years",
            default={},
            unit="years by matter code",
            doc="法律另有规定的追责时效（年），按事项编码 / limitation set by a special law, "
            "in years, keyed by matter code (Art. 36(1) '法律另有规定的除外'); empty by default",
        ),
        Parameter(
            name="five_year_limit_since",
            default=APL.since,
            reading=True,
            doc="五年时效只适用于此日及以后终了的违法行为（第37条从旧兼从轻）/ the five-year "
            "limit applies only to acts that ended on or after this day: the 2017 text had two "
            "years for every act, and the stricter new law does not reach back (Art. 37, U)",
        ),
        Parameter(
            name="rollover",
            default=False,
            reading=True,
            doc="时效末日为休息日时是否顺延 / roll a last day that is a rest day over; default "
            "no: the period in which an act must be discovered is not an act of the agency "
            "and the reading that protects the party is the shorter one "
            "(docs/catalog/interpretations.md, U)",
        ),
    ],
    messages={
        "limitation": Message(
            zh="违法行为超过 {limit_years} 年追责时效（{last_day:deadline}）后于 "
            "{discovered_date} 才被发现，仍予处罚",
            en="penalty imposed for an act discovered on {discovered_date}, after the "
            "{limit_years}-year limitation period ({last_day:deadline})",
            articles=[APL.art("36", "1"), APL.art("36", "2")],
        ),
        "no-discovery-date": Message(
            zh="违法事实 {violation} 缺少发现日期，无法判断是否超过追责时效",
            en="violation {violation}: no discovery date, cannot tell whether the limitation "
            "period had run",
        ),
    },
)
def limitation(case: PenaltyCase, ctx: Context) -> None:
    """Flags a penalty imposed for an act discovered after the limitation period.

    For each violation fact of a decided case that imposes a penalty: the period runs from
    the day the act happened or, for a continuing or repeated act, the day it ended; it is
    two years, five when the act touched life, health or financial safety **and** caused
    harm, or what a special law sets. The case is flagged when ``discovered_date`` is after
    the last day (counted ``Y``: the corresponding day, 民法典 Art. 202).

    ## Why
    行政处罚法 Art. 36(1): "违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康
    安全、金融安全且有危害后果的，上述期限延长至五年。法律另有规定的除外。" Art. 36(2): the
    period runs from the day of the act, or from its end when it is continuing.

    ## Example that flags
    A continuing act ended 2023-03-10; two years end on 2025-03-10. Discovered 2025-03-11 and
    fined → S1 (catalog E7).

    ## Example that does not flag
    Discovered 2025-03-10 (the last day is included). Or discovered 2025-03-11 when the act
    touched life or health and caused harm: five years, to 2028-03-10.

    ## Configuration
    ``special_law_limit_years`` (matter code → years, default empty); ``five_year_limit_since``
    (2021-07-15): acts that ended earlier keep the two-year limit of the 2017 text;
    ``rollover`` (false). When ``discovered_date`` is missing, the earliest of the lead's
    arrival and the filing date bounds it from above: within the period, no flag; otherwise
    the rule records that it cannot decide.
    """
    decision = case.decision
    if decision is None or not decision_stands(decision) or not penalty_imposed(decision):
        return
    special: dict[str, Any] = ctx.param("special_law_limit_years")
    five_since: dt.date = ctx.reading("five_year_limit_since")
    rollover: bool = ctx.reading("rollover")
    for fact in case.violations:
        start = _limitation_start(fact)
        if start is None:
            continue
        if decision.matter_code is not None and decision.matter_code in special:
            years, why = int(special[decision.matter_code]), "special-law"
        elif (
            fact.life_health_or_financial_safety is True
            and fact.harm_caused is True
            and start >= five_since
        ):
            years, why = 5, "life-health-financial-safety-with-harm"
        else:
            years, why = 2, "general"
        deadline = ctx.deadline(
            start,
            years,
            "Y",
            rollover=rollover,
            start_label="违法行为发生或终了",
            start_label_en="act happened or ended",
        )
        discovered = case.discovered_date
        if discovered is None:
            bounds = [d for d in (case.lead_received_date, case.filed_date) if d is not None]
            if bounds and ctx.deadline_met(deadline, min(bounds)):
                continue
            ctx.note("no-discovery-date", kind="undecided", violation=fact.id)
            continue
        # Discovered on the last day of the period is within it ("二年内").
        if ctx.deadline_met(deadline, discovered):
            continue
        ctx.finding(
            "limitation",
            key=fact.id,
            fact_date=decision.decision_date,
            facts={
                "violation": fact.id,
                "period_start": start,
                "limit_years": years,
                "limit_reason": why,
                "last_day": deadline.due_date,
                "discovered_date": discovered,
                "decision_date": decision.decision_date,
            },
            deadlines={"追责时效 / limitation": deadline},
            evidence=[_case_evidence(case)],
        )


# =============================================================================================
# PEN-NE-BIS


def _party_key(case: PenaltyCase) -> str:
    return case.party.party_id or f"case:{case.id}"


def _latest_decision(group: Group) -> dt.date | None:
    days = [c.decision.decision_date for c in group if c.decision is not None]
    return max(days) if days else None


@rule(
    id="PEN-NE-BIS",
    title_zh="一事不再罚（款）",
    title_en="No second fine for the same act",
    category="abuse",
    severity="S1",
    legal_basis=APL.art("29"),
    applies_to="penalty-case",
    group_by=GroupBy(key=_party_key, name="party"),
    valid_from=APL.in_force,
    facts_date=_latest_decision,
    messages={
        "second-fine": Message(
            zh="同一违法行为（{violation}）已于 {first_decision_date} 被处以罚款，"
            "{second_decision_date} 再次罚款",
            en="the same act ({violation}) was fined on {first_decision_date} and fined again "
            "on {second_decision_date}",
            articles=[APL.art("29")],
        ),
        "higher-norm": Message(
            zh="同一违法行为违反多个法律规范，未按罚款数额高的规定处罚（适用规定罚款上限 "
            "{applied_fine_max} 元，最高为 {highest_fine_max} 元）",
            en="the act violates several norms but the one with the lower fine was applied "
            "(maximum {applied_fine_max} yuan instead of {highest_fine_max})",
            articles=[APL.art("29")],
        ),
    },
)
def ne_bis(group: Group, ctx: Context) -> None:
    """Flags a second fine for the same act of the same party, and a fine under the lower
    of several norms the act violates.

    The cases of one party (``party.party_id``; a case without one is its own group) are
    seen together, across agencies. For each violation fact id, decisions that still stand
    and impose a fine are ordered by decision date: every one after the first is flagged
    (key ``<fact id>/<case id>``). Separately, a decision whose act violates two or more
    norms (``applicable_norms``) but whose applied provision (``statute_fine_max``) has a
    lower maximum fine than the highest of them is flagged (key ``higher-norm/<case id>``).

    ## Why
    行政处罚法 Art. 29: "对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚。同一个违法
    行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚。"

    ## Example that flags
    Party P-1's act V-1 fined 2,000 yuan by the market bureau on 2025-04-01 and again
    500 yuan by the township on 2025-05-10 → the township's decision is flagged S1.

    ## Example that does not flag
    The second decision only orders correction or gives a warning (no fine); or the first
    decision was revoked before the second.

    ## Configuration
    None. The facts date is the latest decision of the group; a decision dated before
    2021-07-15 can be the first fine but is never flagged itself.
    """
    fined: list[PenaltyCase] = []
    for case in group:
        decision = case.decision
        if (
            decision is not None
            and decision_stands(decision)
            and decision.fine_amount is not None
            and decision.fine_amount > 0
        ):
            fined.append(case)
    by_fact: dict[str, list[PenaltyCase]] = {}
    for case in fined:
        for fact_id in sorted({fact.id for fact in case.violations}):
            by_fact.setdefault(fact_id, []).append(case)
    for fact_id, cases in sorted(by_fact.items()):
        # Two fines on the same day for the same act: the second (by case id) is still a
        # second fine.
        cases.sort(key=lambda c: (decision_date(c) or dt.date.min, c.id))
        first = cases[0]
        for later in cases[1:]:
            later_day = decision_date(later)
            if later_day is None or not ctx.in_force(later_day):
                continue
            ctx.use_facts_date(later_day)
            assert later.decision is not None
            assert first.decision is not None
            ctx.finding(
                "second-fine",
                key=f"{fact_id}/{later.id}",
                fact_date=later_day,
                facts={
                    "violation": fact_id,
                    "first_case": first.id,
                    "first_agency": first.agency_id,
                    "first_decision_date": decision_date(first),
                    "first_fine": first.decision.fine_amount,
                    "second_case": later.id,
                    "second_agency": later.agency_id,
                    "second_decision_date": later_day,
                    "second_fine": later.decision.fine_amount,
                },
                agency_id=later.agency_id,
                evidence=[
                    _case_evidence(first, _FIRST_FINE),
                    _case_evidence(later, _SECOND_FINE),
                ],
            )
    for case in fined:
        decision = case.decision
        assert decision is not None
        if not ctx.in_force(decision.decision_date):
            continue
        maxima = [n.fine_max for n in decision.applicable_norms if n.fine_max is not None]
        if len(decision.applicable_norms) < 2 or not maxima or decision.statute_fine_max is None:
            continue
        highest = max(maxima)
        if less_than(decision.statute_fine_max, highest):
            ctx.use_facts_date(decision.decision_date)
            ctx.finding(
                "higher-norm",
                key=f"higher-norm/{case.id}",
                fact_date=decision.decision_date,
                facts={
                    "case": case.id,
                    "applied_fine_max": decision.statute_fine_max,
                    "highest_fine_max": highest,
                    "norms": [n.ref for n in decision.applicable_norms],
                },
                agency_id=case.agency_id,
                evidence=[_case_evidence(case)],
            )


# =============================================================================================
# PEN-DISCRETION


@rule(
    id="PEN-DISCRETION",
    title_zh="裁量基准",
    title_en="Discretion benchmark",
    category="abuse",
    severity="S1",
    legal_basis=[
        APL.art("34"),
        BUSINESS_ENVIRONMENT.art("60"),
        OPINION_2022_27.art(verification="V2"),
    ],
    applies_to="penalty-case",
    valid_from=APL.in_force,
    facts_date=decision_date,
    parameters=[
        Parameter(
            name="benchmark_ids",
            default={},
            unit="agency id → benchmark ids",
            doc="适用于各执法主体的裁量基准记录编号 / ids of the discretion-benchmark records "
            "that apply to each agency (e.g. a county bureau's benchmarks a township applies); "
            "an agency not listed uses the record '<agency id>:<matter code>'",
        ),
    ],
    messages={
        "statutory-range": Message(
            zh="罚款 {fine_amount} 元超出法定幅度（{statute_fine_min}～{statute_fine_max} 元）",
            en="fine of {fine_amount} yuan outside the statutory range ({statute_fine_min} to "
            "{statute_fine_max} yuan)",
            severity="S1",
            articles=[APL.art("34")],
        ),
        "benchmark-range": Message(
            zh="罚款 {fine_amount} 元超出裁量基准“{benchmark_level}”阶次幅度（{level_min}～"
            "{level_max} 元），未说明理由",
            en="fine of {fine_amount} yuan outside the benchmark range for level "
            "{benchmark_level} ({level_min} to {level_max} yuan) with no reason given",
            severity="S2",
            articles=[APL.art("34"), OPINION_2022_27.art(verification="V2")],
        ),
        "benchmark-not-cited": Message(
            zh="该事项有适用的裁量基准（{benchmark}），决定未引用",
            en="a discretion benchmark applies to the matter ({benchmark}) but the decision "
            "does not cite it",
            severity="S3",
            articles=[APL.art("34"), BUSINESS_ENVIRONMENT.art("60")],
        ),
        "benchmark-unknown": Message(
            zh="决定引用的裁量基准 {benchmark_id} 无记录",
            en="the benchmark {benchmark_id} cited by the decision is not on record",
        ),
    },
)
def discretion(case: PenaltyCase, ctx: Context) -> None:
    """Flags a fine outside the statutory range (S1), outside the chosen benchmark level
    without a recorded reason (S2), or a decision that does not cite an existing benchmark
    (S3).

    For a decision that stands and imposes a fine:

    * **S1** (key ``statutory-range``) — the fine is below ``statute_fine_min`` or above
      ``statute_fine_max`` (both included, "…以上…以下"); the decision's own range is used,
      else the benchmark's. A fine below the minimum at the level 减轻处罚 (mitigated) is
      lawful mitigation and not flagged.
    * **S2** (key ``benchmark-range``) — otherwise, the fine is outside the range of the
      chosen ``benchmark_level`` of the benchmark applied, with no ``deviation_reason`` and
      no collective approval of the departure.
    * **S3** (key ``benchmark-not-cited``) — ``benchmark_id`` is empty although a benchmark
      for the matter applies to the agency on the decision date.

    ## Why
    行政处罚法 Art. 34: "行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。
    行政处罚裁量基准应当向社会公布。" 优化营商环境条例 Art. 60; 国办发〔2022〕27号 (benchmark
    system in place by the end of 2023; documenting departures is our design, U).

    ## Example that flags
    Statutory range 500–5,000 yuan, fine 6,000 → S1. Benchmark level "lighter" 500–1,000,
    fine 1,500, no reason → S2.

    ## Example that does not flag
    Fine 5,000.00 (the maximum is included); fine 1,500 at level "lighter" with a recorded
    reason for departing from the benchmark.

    ## Configuration
    ``benchmark_ids``: agency id → benchmark record ids (default: the convention
    ``<agency id>:<matter code>``).
    """
    decision = case.decision
    if decision is None or not decision_stands(decision):
        return
    fine = decision.fine_amount
    if fine is None or fine <= 0:
        return
    day = decision.decision_date
    cited: DiscretionBenchmark | None = None
    if decision.benchmark_id is not None:
        record = ctx.lookup("discretion-benchmark", decision.benchmark_id)
        if isinstance(record, DiscretionBenchmark):
            cited = record
        else:
            ctx.note("benchmark-unknown", benchmark_id=decision.benchmark_id)
    found: list[DiscretionBenchmark] = []
    if decision.matter_code is not None:
        found = applicable_benchmarks(ctx, case.agency_id, decision.matter_code, day)
    benchmark = cited if cited is not None else (found[0] if found else None)

    low = decision.statute_fine_min
    high = decision.statute_fine_max
    if low is None and benchmark is not None:
        low = benchmark.statute_fine_min
    if high is None and benchmark is not None:
        high = benchmark.statute_fine_max
    mitigated = decision.benchmark_level == DiscretionLevel.MITIGATED
    below = low is not None and less_than(fine, low) and not mitigated
    above = high is not None and exceeds(fine, high)
    facts: dict[str, Any] = {
        "fine_amount": fine,
        "statute_fine_min": low,
        "statute_fine_max": high,
        "matter_code": decision.matter_code,
    }
    if below or above:
        ctx.finding(
            "statutory-range",
            key="statutory-range",
            facts=facts,
            evidence=[_case_evidence(case, _DECISION_DOCUMENT)],
        )
    elif benchmark is not None and decision.benchmark_level is not None:
        level = decision.benchmark_level
        band = next((r for r in benchmark.ranges if r.level == level), None)
        if band is not None:
            out = (band.fine_min is not None and less_than(fine, band.fine_min)) or (
                band.fine_max is not None and exceeds(fine, band.fine_max)
            )
            if (
                out
                and not decision.deviation_reason
                and decision.deviation_collectively_approved is not True
            ):
                ctx.finding(
                    "benchmark-range",
                    key="benchmark-range",
                    facts={
                        **facts,
                        "benchmark": benchmark.id,
                        "benchmark_level": level,
                        "level_min": band.fine_min,
                        "level_max": band.fine_max,
                    },
                    evidence=[_case_evidence(case, _DECISION_DOCUMENT)],
                )
    if decision.benchmark_id is None and found:
        ctx.finding(
            "benchmark-not-cited",
            key="benchmark-not-cited",
            facts={"matter_code": decision.matter_code, "benchmark": found[0].id},
            evidence=[_case_evidence(case, _DECISION_DOCUMENT)],
        )


# =============================================================================================
# PEN-NO-PENALTY and PEN-FIRST-VIOLATION


@rule(
    id="PEN-NO-PENALTY",
    title_zh="应当不予处罚（轻微/无过错）",
    title_en="Penalty imposed although the law says none",
    category="abuse",
    severity="S1",
    legal_basis=[APL.art("33", "1"), APL.art("33", "2")],
    applies_to="penalty-case",
    valid_from=APL.in_force,
    facts_date=decision_date,
    parameters=[
        Parameter(
            name="special_law_exception_scope",
            default="no_fault_only",
            choices=("no_fault_only", "both"),
            reading=True,
            doc="特别规定（special_law_ref）排除哪一项：仅无过错（第33条第2款有“法律、行政法规"
            "另有规定的，从其规定”），或两项 / which branch a special-law reference "
            "excludes: only the no-fault branch, whose paragraph carries the proviso (default), "
            "or both as the catalog's wording may be read (U)",
        ),
    ],
    messages={
        "minor": Message(
            zh="违法行为轻微并及时改正、没有造成危害后果，依法不予处罚，却予以处罚",
            en="a minor act corrected in time without harm was penalised",
            articles=[APL.art("33", "1")],
        ),
        "no-fault": Message(
            zh="当事人有证据足以证明没有主观过错，依法不予处罚，却予以处罚",
            en="the party proved it was not at fault but was penalised",
            articles=[APL.art("33", "2")],
        ),
    },
)
def no_penalty(case: PenaltyCase, ctx: Context) -> None:
    """Flags a penalty imposed for a minor act corrected in time without harm, or on a party
    that proved it was not at fault.

    For a decision that stands and imposes a penalty: each violation fact recorded as
    ``minor``, ``corrected_timely`` and ``harm_caused = false`` (key ``minor/<fact id>``);
    and a party with ``no_fault_proved`` (key ``no-fault``) unless the decision cites a
    special-law provision (``special_law_ref``). Facts that are not recorded are not
    assumed.

    ## Why
    行政处罚法 Art. 33(1) sentence 1: "违法行为轻微并及时改正，没有造成危害后果的，不予行政
    处罚。" Art. 33(2): "当事人有证据足以证明没有主观过错的，不予行政处罚。法律、行政法规另有
    规定的，从其规定。"

    ## Example that flags
    A minor act, corrected in time, no harm, fined 200 yuan → S1.

    ## Example that does not flag
    The same act with harm caused; or harm not recorded; or a warning decision that was
    later revoked.

    ## Configuration
    ``special_law_exception_scope`` (``no_fault_only``): a special-law reference excludes
    only the no-fault branch; ``both`` makes it exclude the minor-act branch too.
    """
    decision = case.decision
    if decision is None or not decision_stands(decision) or not penalty_imposed(decision):
        return
    scope: str = ctx.reading("special_law_exception_scope")
    special = decision.special_law_ref is not None
    for fact in case.violations:
        if fact.minor is True and fact.corrected_timely is True and fact.harm_caused is False:
            if special and scope == "both":
                continue
            ctx.finding(
                "minor",
                key=f"minor/{fact.id}",
                facts={
                    "violation": fact.id,
                    "minor": True,
                    "corrected_timely": True,
                    "harm_caused": False,
                    "penalty_types": list(decision.penalty_types),
                    "fine_amount": decision.fine_amount,
                },
                evidence=[_case_evidence(case)],
            )
    if case.party.no_fault_proved is True and not special:
        ctx.finding(
            "no-fault",
            key="no-fault",
            facts={"no_fault_proved": True, "penalty_types": list(decision.penalty_types)},
            evidence=[_case_evidence(case)],
        )


@rule(
    id="PEN-FIRST-VIOLATION",
    title_zh="首违可不罚",
    title_en="First violation may go unpunished",
    category="abuse",
    severity="S4",
    legal_basis=APL.art("33", "1"),
    applies_to="penalty-case",
    valid_from=APL.in_force,
    facts_date=decision_date,
    parameters=[
        Parameter(
            name="first_violation_matters",
            default=(),
            unit="matter codes",
            doc="本地首违不罚清单事项编码 / matter codes on the local 首违不罚 list, in addition "
            "to matter-list records of kind first_violation_exempt",
        ),
        Parameter(
            name="matter_list_ids",
            default={},
            unit="agency id → matter-list ids",
            doc="适用于各执法主体的首违不罚清单记录编号 / ids of the first_violation_exempt "
            "matter lists that apply to each agency; an agency not listed uses the record "
            "'<agency id>:first_violation_exempt'",
        ),
    ],
    messages={
        "listed": Message(
            zh="事项列入首违不罚清单，初次违法且危害后果轻微并及时改正，仍予处罚",
            en="penalty for a first violation with minor harm corrected in time, although the "
            "matter is on the local first-violation list",
            articles=[APL.art("33", "1")],
            severity="S2",
        ),
        "advisory": Message(
            zh="初次违法且危害后果轻微并及时改正，可以不予处罚（提示）",
            en="first violation with minor harm corrected in time: the law allows no penalty "
            "(advisory)",
            articles=[APL.art("33", "1")],
            severity="S4",
        ),
    },
)
def first_violation(case: PenaltyCase, ctx: Context) -> None:
    """Notes a penalty for a first violation with minor harm corrected in time (S4); S2 when
    the matter is on the local 首违不罚 list.

    For a decision that stands and imposes a penalty, each violation fact recorded as
    ``first_time``, ``harm_minor`` and ``corrected_timely`` gives one finding (key: the fact
    id). It is advisory (S4) because the law says "可以"; it is S2 when the decision's
    ``matter_code`` is on a 首违不罚 list in force on the decision date (a matter-list record
    or the parameter), since the agency then bound itself not to punish. The declared
    severity is the advisory S4; each finding carries its own.

    ## Why
    行政处罚法 Art. 33(1) sentence 2: "初次违法且危害后果轻微并及时改正的，可以不予行政处罚。"

    ## Example that flags
    First violation, minor harm, corrected in time, fined 500 yuan → S4; if the matter is on
    the county's 首违不罚清单 → S2.

    ## Example that does not flag
    A second violation; or the correction not recorded.

    ## Configuration
    ``first_violation_matters`` (matter codes, default empty) and ``matter_list_ids``
    (agency id → matter-list ids; default the record ``<agency id>:first_violation_exempt``).
    """
    decision = case.decision
    if decision is None or not decision_stands(decision) or not penalty_imposed(decision):
        return
    qualifying = [
        fact
        for fact in case.violations
        if fact.first_time is True and fact.harm_minor is True and fact.corrected_timely is True
    ]
    if not qualifying:
        return
    listed = False
    source = None
    code = decision.matter_code
    if code is not None:
        if code in tuple(ctx.param("first_violation_matters")):
            listed, source = True, "parameter first_violation_matters"
        else:
            lists = applicable_lists(
                ctx, case.agency_id, MatterListKind.FIRST_VIOLATION_EXEMPT, decision.decision_date
            )
            holding = [m for m in lists if code in list_codes([m])]
            if holding:
                listed, source = True, f"matter-list {holding[0].id}"
    for fact in qualifying:
        facts: dict[str, Any] = {"violation": fact.id, "matter_code": code}
        if listed:
            facts["list"] = source
        ctx.finding(
            "listed" if listed else "advisory",
            key=fact.id,
            facts=facts,
            evidence=[_case_evidence(case)],
        )


# =============================================================================================
# PEN-EVIDENCE

_LEGAL_EVIDENCE_TYPES = frozenset(EvidenceType) - {EvidenceType.OTHER}


@rule(
    id="PEN-EVIDENCE",
    title_zh="证据",
    title_en="Evidence rules",
    category="procedure",
    severity="S1",
    legal_basis=[APL.art("40"), APL.art("46"), APL.art("41")],
    applies_to="penalty-case",
    valid_from=APL.in_force,
    facts_date=decision_date,
    parameters=[
        Parameter(
            name="unmarked_evidence_used",
            default=True,
            reading=True,
            doc="未标明是否作为定案依据的证据视为已采用 / evidence in the file of a decided case "
            "whose used_in_decision is not recorded counts as used (U)",
        ),
    ],
    messages={
        "no-evidence": Message(
            zh="作出处罚决定但案卷中没有任何证据",
            en="a penalty was imposed with no evidence in the file",
            articles=[APL.art("40")],
        ),
        "type": Message(
            zh="证据种类不属于法定证据种类（第 {items} 项证据）",
            en="evidence of a kind the law does not recognise (evidence item(s) {items})",
            articles=[APL.art("46", "1")],
        ),
        "illegal": Message(
            zh="以非法手段取得的证据被作为定案依据（第 {items} 项证据）",
            en="evidence obtained by unlawful means was relied on (evidence item(s) {items})",
            articles=[APL.art("46", "3")],
        ),
        "unverified": Message(
            zh="未经查证属实的证据被作为定案依据（第 {items} 项证据）",
            en="evidence not verified was relied on (evidence item(s) {items})",
            articles=[APL.art("46", "2")],
        ),
        "monitoring": Message(
            zh="电子技术监控设备未经法制和技术审核、设置地点未公布或记录未经审核"
            "（第 {items} 项证据）",
            en="monitoring-device evidence without legal and technical review, published "
            "location or review of the record (evidence item(s) {items})",
            articles=[APL.art("41")],
        ),
    },
)
def evidence(case: PenaltyCase, ctx: Context) -> None:
    """Flags a penalty resting on no evidence, on evidence of no legal type, or on evidence
    that was obtained unlawfully, not verified, or recorded by a monitoring device that was
    not reviewed.

    For a decision that stands and imposes a penalty, one finding per kind of problem:
    ``no-evidence`` (the case lists none), ``type`` (an item of type ``other``, outside the
    eight kinds of Art. 46), ``illegal`` (``obtained_illegally``), ``unverified``
    (``verified = false``) and ``monitoring`` (a device without legal and technical review,
    with an unpublished location, or a record not reviewed). Only recorded failures count.

    ## Why
    行政处罚法 Art. 40 ("违法事实不清、证据不足的，不得给予行政处罚"), Art. 46 (the kinds of
    evidence; "证据必须经查证属实，方可作为认定案件事实的根据。以非法手段取得的证据，不得作为
    认定案件事实的根据"), Art. 41 (electronic monitoring devices).

    ## Example that flags
    A fine with no evidence in the file; or with a camera record from a device that did not
    pass legal and technical review → S1.

    ## Example that does not flag
    An on-site record and a party statement, both verified.

    ## Configuration
    ``unmarked_evidence_used`` (true): items whose ``used_in_decision`` is not recorded are
    taken as used.
    """
    decision = case.decision
    if decision is None or not decision_stands(decision) or not penalty_imposed(decision):
        return
    if not case.evidence:
        ctx.finding(
            "no-evidence",
            key="no-evidence",
            facts={"evidence_items": 0},
            evidence=[_case_evidence(case)],
        )
        return
    unmarked_used: bool = ctx.reading("unmarked_evidence_used")
    items = list(enumerate(case.evidence, start=1))
    used = [
        (n, e)
        for n, e in items
        if e.used_in_decision is True or (e.used_in_decision is None and unmarked_used)
    ]
    checks: list[tuple[str, list[int]]] = [
        ("type", [n for n, e in items if e.type not in _LEGAL_EVIDENCE_TYPES]),
        ("illegal", [n for n, e in used if e.obtained_illegally is True]),
        ("unverified", [n for n, e in used if e.verified is False]),
        (
            "monitoring",
            [
                n
                for n, e in used
                if e.monitoring_device is not None
                and False
                in (
                    e.monitoring_device.legal_tech_review,
                    e.monitoring_device.location_published,
                    e.monitoring_device.record_reviewed,
                )
            ],
        ),
    ]
    for key, numbers in checks:
        if numbers:
            ctx.finding(
                key,
                key=key,
                facts={
                    "items": numbers,
                    "types": [case.evidence[n - 1].type for n in numbers],
                },
                evidence=[_case_evidence(case, _EVIDENCE_LIST)],
            )


# =============================================================================================
# PEN-PRESERVE-7WD


#: Every finding is about an item of ``preservations``: a case without one cannot flag.
_PRESERVE_7WD_SCREEN = Screen(
    field("preservations").not_empty(),
    reason="Art. 56 binds only evidence that was preserved: a case with no advance registration "
    "and preservation recorded has nothing to approve or decide on.",
)


@rule(
    id="PEN-PRESERVE-7WD",
    title_zh="先行登记保存",
    title_en="Advance registration and preservation of evidence",
    category="procedure",
    severity="S2",
    legal_basis=[APL.art("56"), APL.art("85")],
    applies_to="penalty-case",
    screen=_PRESERVE_7WD_SCREEN,
    valid_from=APL.in_force,
    messages={
        "approval": Message(
            zh="{preservation_date} 先行登记保存未经行政机关负责人事先批准",
            en="evidence preserved on {preservation_date} without the prior approval of the "
            "agency head",
            articles=[APL.art("56")],
        ),
        "handling-late": Message(
            zh="{preservation_date} 先行登记保存后未在七个工作日内作出处理决定"
            "（{last_day:deadline}），{handling_decision_date} 才作出",
            en="no decision on the evidence preserved on {preservation_date} within seven "
            "working days ({last_day:deadline}); made {handling_decision_date}",
            articles=[APL.art("56"), APL.art("85")],
        ),
        "handling-missing": Message(
            zh="{preservation_date} 先行登记保存后未在七个工作日内作出处理决定"
            "（{last_day:deadline}）",
            en="no decision on the evidence preserved on {preservation_date} within seven "
            "working days ({last_day:deadline})",
            articles=[APL.art("56"), APL.art("85")],
        ),
    },
)
def preserve_7wd(case: PenaltyCase, ctx: Context) -> None:
    """Flags evidence preserved without the head's prior approval, or with no decision on
    it within 7 working days.

    For each advance registration (``preservations``) dated 2021-07-15 or later: key
    ``approval/<date>`` when ``head_approval_date`` is missing or after the preservation
    (an approval dated the same day counts as prior approval);
    key ``handling/<date>`` when ``handling_decision_date`` is after the 7th working day
    (``WD``, start day excluded, make-up days count), or is missing once that day has
    passed (checked again by the engine when it does).

    ## Why
    行政处罚法 Art. 56: "在证据可能灭失或者以后难以取得的情况下，经行政机关负责人批准，可以
    先行登记保存，并应当在七日内及时作出处理决定"; Art. 85: "七日" means working days.

    ## Example that flags
    Preserved on 2025-09-26 (Fri): 7 working days are 09-28 (make-up Sunday), 09-29, 09-30,
    10-09, 10-10, 10-11 (make-up Saturday), 10-13 → handled on 10-14 → S2.

    ## Example that does not flag
    The same preservation handled on 2025-10-13, approved by the head on 09-26.

    ## Configuration
    None. The facts date is each preservation's date.
    """
    seen: dict[str, int] = {}
    for item in sorted(case.preservations, key=lambda p: p.date):
        if not ctx.in_force(item.date):
            continue
        tag = item.date.isoformat()
        seen[tag] = seen.get(tag, 0) + 1
        if seen[tag] > 1:
            tag = f"{tag}#{seen[tag]}"
        ctx.use_facts_date(item.date)
        approval = item.head_approval_date
        # An approval dated the day of the preservation counts as prior approval.
        if approval is None or approval > item.date:
            ctx.finding(
                "approval",
                key=f"approval/{tag}",
                fact_date=item.date,
                facts={"preservation_date": item.date, "head_approval_date": approval},
                deadlines=(),
                evidence=[_case_evidence(case, _PRESERVATION_NOTICE)],
            )
        deadline = ctx.deadline(
            item.date,
            7,
            "WD",
            start_label="先行登记保存",
            start_label_en="evidence preserved",
        )
        handled = item.handling_decision_date
        if ctx.late(deadline, handled):
            ctx.finding(
                "handling-late" if handled is not None else "handling-missing",
                key=f"handling/{tag}",
                facts={
                    "preservation_date": item.date,
                    "handling_decision_date": handled,
                    "last_day": deadline.due_date,
                },
                deadlines={"处理决定期限 / handling deadline": deadline},
                evidence=[_case_evidence(case, _PRESERVATION_DECISION)],
            )


# =============================================================================================
# PEN-FILING-LAG


@rule(
    id="PEN-FILING-LAG",
    title_zh="有案不立/不及时立案",
    title_en="Failure to open a case promptly",
    category="inaction",
    severity="S2",
    legal_basis=[
        APL.art("54", "2"),
        APL.art("76", "2"),
        SAMR_PROCEDURE.art(verification="U"),
    ],
    applies_to="lead",
    valid_from=APL.in_force,
    facts_date="received_date",
    parameters=[
        Parameter(
            name="filing_deadline_wd",
            default={"market_regulation": 15},
            unit="working days by sector",
            doc="各执法领域核查线索、决定是否立案的期限（工作日）/ working days to decide "
            "whether to open a case, by sector code (市场监管 15 WD, secondary summary, U)",
        ),
        Parameter(
            name="default_filing_deadline_wd",
            default=15,
            unit="working days",
            doc="未列明领域的立案期限（工作日）/ the deadline for sectors not in "
            "filing_deadline_wd; 行政处罚法 only says '及时', 15 WD borrows the market-regulation "
            "figure (U)",
        ),
        Parameter(
            name="max_extension_wd",
            default=15,
            unit="working days",
            doc="经负责人批准可延长的最长期限（工作日）/ the most an approved extension may add "
            "(市场监管 +15 WD, U)",
        ),
    ],
    messages={
        "late": Message(
            zh="线索收到后 {deadline_wd} 个工作日内未决定是否立案（{last_day:deadline}），"
            "{filing_decision_date} 才决定",
            en="no decision on opening a case within {deadline_wd} working days of the lead "
            "({last_day:deadline}); decided {filing_decision_date}",
            articles=[APL.art("54", "2"), APL.art("76", "2")],
        ),
        "missing": Message(
            zh="线索收到后 {deadline_wd} 个工作日内未决定是否立案（{last_day:deadline}）",
            en="no decision on opening a case within {deadline_wd} working days of the lead "
            "({last_day:deadline})",
            articles=[APL.art("54", "2"), APL.art("76", "2")],
        ),
        "undated-decision": Message(
            zh="线索已有立案决定但无决定日期，无法判断是否及时",
            en="the lead has a filing decision without a date: cannot tell whether it was timely",
        ),
    },
)
def filing_lag(lead: Lead, ctx: Context) -> None:
    """Flags a lead with no decision on opening a case within the sector's filing deadline.

    The deadline is ``filing_deadline_wd[sector]`` working days (``WD``) after the lead
    arrived (``received_date``, start day excluded), plus approved extensions (at most
    ``max_extension_wd`` in all; an extension counts only if approved before the deadline it
    extends). The sector is the lead's ``sector``, else its agency's. The decision date is
    ``filing_decision_date``, else the filing date of the case the lead opened. A lead
    with no decision is flagged only once the deadline has passed; the engine rechecks it
    then.

    ## Why
    行政处罚法 Art. 54(2): "符合立案标准的，行政机关应当及时立案"; Art. 76(2): "行政机关对
    符合立案标准的案件不及时立案的，依照前款规定予以处理". The number of days is sectoral:
    市场监管 15 working days, extendable by 15 with the head's approval (U).

    ## Example that flags
    A complaint received 2025-03-03 by a market-regulation office with no filing decision,
    checked on 2025-03-25 (15 WD ended 03-24) → S2.

    ## Example that does not flag
    The same lead decided (filed or not filed) on 2025-03-24; or checked on 2025-03-24.

    ## Configuration
    ``filing_deadline_wd`` (sector → WD, default ``{market_regulation = 15}``),
    ``default_filing_deadline_wd`` (15), ``max_extension_wd`` (15).
    """
    sector = lead.sector
    if sector is None:
        agency = ctx.lookup("agency", lead.agency_id)
        if isinstance(agency, Agency):
            sector = agency.sector
    table: dict[str, Any] = ctx.param("filing_deadline_wd")
    days = table.get(sector) if sector is not None else None
    if days is None:
        days = ctx.param("default_filing_deadline_wd")
    cap = int(ctx.param("max_extension_wd"))
    deadline = ctx.deadline(
        lead.received_date,
        int(days),
        "WD",
        extensions=statutory_extensions(lead.extensions, cap=cap),
        start_label="收到线索",
        start_label_en="lead received",
    )
    done = lead.filing_decision_date
    if done is None and lead.case_id is not None:
        opened = ctx.lookup("penalty-case", lead.case_id)
        if isinstance(opened, PenaltyCase):
            done = opened.filed_date
    if done is None and lead.filing_decision is not None:
        ctx.undecided("undated-decision")
    if ctx.late(deadline, done):
        ctx.finding(
            "late" if done is not None else "missing",
            key="filing",
            facts={
                "received_date": lead.received_date,
                "source": lead.source,
                "sector": sector,
                "deadline_wd": days,
                "filing_decision_date": done,
                "last_day": deadline.due_date,
            },
            deadlines={"立案期限 / filing deadline": deadline},
            evidence=[Evidence(description=_LEAD, record_type="lead", record_id=lead.id)],
        )


# =============================================================================================
# PEN-NOT-STOPPED


#: Art. 83 reaches only violations that were found.
_NOT_STOPPED_SCREEN = Screen(
    field("result") == InspectionResult.VIOLATION,
    reason="only an inspection that found a violation (result = violation) calls for a correction "
    "order or a case; any other result cannot flag.",
)


@rule(
    id="PEN-NOT-STOPPED",
    title_zh="不予制止、处罚",
    title_en="Violation found but not stopped",
    category="inaction",
    severity="S2",
    legal_basis=[APL.art("83"), CODE_OF_CONDUCT.art(verification="V2")],
    applies_to="inspection",
    screen=_NOT_STOPPED_SCREEN,
    valid_from=APL.in_force,
    facts_date="date",
    parameters=[
        Parameter(
            name="followup_days",
            default=15,
            unit="days (see followup_counting)",
            doc="发现违法后责令改正或立案的期限 / days after an inspection that found a "
            "violation within which a correction order or a case must follow (local, U; "
            "default mirrors the 15-WD filing deadline)",
        ),
        Parameter(
            name="followup_counting",
            default="WD",
            choices=("WD", "CD", "CD+R"),
            reading=True,
            doc="followup_days 的计算方式 / how followup_days are counted",
        ),
    ],
    messages={
        "late": Message(
            zh="检查发现违法行为后 {followup_days} 日内未责令改正或立案（{last_day:deadline}），"
            "{followup_date} 才处理",
            en="violation found but neither a correction order nor a case within "
            "{followup_days} days ({last_day:deadline}); followed up {followup_date}",
            articles=[APL.art("83"), CODE_OF_CONDUCT.art(verification="V2")],
        ),
        "missing": Message(
            zh="检查发现违法行为后 {followup_days} 日内未责令改正或立案（{last_day:deadline}）",
            en="violation found but neither a correction order nor a case within "
            "{followup_days} days ({last_day:deadline})",
            articles=[APL.art("83"), CODE_OF_CONDUCT.art(verification="V2")],
        ),
        "case-unknown": Message(
            zh="检查记录指向的案件 {case} 无记录，无法判断是否及时立案",
            en="the case {case} named by the inspection is not on record: cannot tell "
            "whether it was opened in time",
        ),
    },
)
def not_stopped(inspection: Inspection, ctx: Context) -> None:
    """Flags an inspection that found a violation with no correction order and no case
    opened within the follow-up period.

    For an inspection with ``result = violation``: the follow-up is the earlier of the
    ``correction_order_date`` and the filing date of the case it opened (``case_id``). It
    must come within ``followup_days`` of the inspection; with none, the inspection is
    flagged once the period has passed (rechecked then).

    ## Why
    行政处罚法 Art. 83: "行政机关对应当予以制止和处罚的违法行为不予制止、处罚，致使公民、法人
    或者其他组织的合法权益、公共利益和社会秩序遭受损害的，对直接负责的主管人员和其他直接责任
    人员依法给予处分"; 行政执法人员行为准则 (2025): "严禁…该查不查、有案不立".

    ## Example that flags
    Inspection 2025-03-03 found a violation; nothing followed; checked 2025-03-25 → S2.

    ## Example that does not flag
    Correction ordered on the spot (2025-03-03), or a case filed on 2025-03-24.

    ## Configuration
    ``followup_days`` (15) counted as ``followup_counting`` (``WD``).
    """
    if inspection.result != InspectionResult.VIOLATION:
        return
    amount = int(ctx.param("followup_days"))
    counting: str = ctx.reading("followup_counting")
    deadline = ctx.deadline(
        inspection.date,
        amount,
        counting,
        start_label="检查发现违法",
        start_label_en="violation found",
    )
    dates = [inspection.correction_order_date] if inspection.correction_order_date else []
    case_missing = False
    if inspection.case_id is not None:
        opened = ctx.lookup("penalty-case", inspection.case_id)
        if isinstance(opened, PenaltyCase):
            if opened.filed_date is not None:
                dates.append(opened.filed_date)
        else:
            case_missing = True
    done = min(dates) if dates else None
    if done is None and case_missing:
        if ctx.deadline_passed(deadline):
            ctx.undecided("case-unknown", case=inspection.case_id)
        return
    if ctx.late(deadline, done):
        ctx.finding(
            "late" if done is not None else "missing",
            key="followup",
            facts={
                "inspection_date": inspection.date,
                "correction_order_date": inspection.correction_order_date,
                "case": inspection.case_id,
                "followup_date": done,
                "followup_days": amount,
                "last_day": deadline.due_date,
            },
            deadlines={"跟进期限 / follow-up deadline": deadline},
            evidence=[
                Evidence(description=_INSPECTION, record_type="inspection", record_id=inspection.id)
            ],
        )


# =============================================================================================
# PEN-CORRECTION and PEN-CRIME-REFERRAL


def _ended(fact: ViolationFact, day: dt.date) -> bool:
    """The act is known to have ended (or been corrected) by ``day``."""
    if fact.end_date is not None and fact.end_date <= day:
        return True
    return fact.corrected_timely is True or fact.continuing is False


#: Only a decision recorded as *not* ordering correction can flag (unrecorded is not).
_CORRECTION_SCREEN = Screen(
    field("decision.correction_ordered") == False,  # noqa: E712 - a screen condition
    reason="the rule flags only a decision recorded with correction_ordered = false; an order to "
    "correct, or none recorded, cannot flag.",
)


@rule(
    id="PEN-CORRECTION",
    title_zh="责令改正",
    title_en="Order to correct",
    category="procedure",
    severity="S3",
    legal_basis=APL.art("28", "1"),
    applies_to="penalty-case",
    screen=_CORRECTION_SCREEN,
    valid_from=APL.in_force,
    facts_date=decision_date,
    messages={
        "correction": Message(
            zh="处罚决定未责令当事人改正或限期改正违法行为",
            en="the decision does not order the party to correct the violation",
            articles=[APL.art("28", "1")],
        ),
    },
)
def correction(case: PenaltyCase, ctx: Context) -> None:
    """Flags a decision recorded as not ordering correction while the violation may still
    go on.

    A decision that stands with ``correction_ordered = false`` is flagged unless every
    violation fact is known to have ended by the decision date (``end_date``, a one-off
    act, or corrected in time). An unrecorded ``correction_ordered`` is not flagged.

    ## Why
    行政处罚法 Art. 28(1): "行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为。"

    ## Example that flags
    A fine for occupying the road, ``correction_ordered = false``, the act recorded as
    continuing with no end → S3.

    ## Example that does not flag
    The act ended before the decision, or the decision orders correction.

    ## Configuration
    None.
    """
    decision = case.decision
    if decision is None or not decision_stands(decision):
        return
    if decision.correction_ordered is not False:
        return
    day = decision.decision_date
    if case.violations and all(_ended(fact, day) for fact in case.violations):
        return
    ctx.finding(
        "correction",
        key="correction",
        fact_date=day,
        facts={
            "correction_ordered": False,
            "decision_date": day,
            "violations_not_known_ended": [
                fact.id for fact in case.violations if not _ended(fact, day)
            ],
        },
        evidence=[_case_evidence(case, _DECISION_DOCUMENT)],
    )


#: A suspected crime not referred as of the day checked (a referral dated later is not seen).
_CRIME_REFERRAL_SCREEN = Screen(
    (field("suspected_crime") == True)  # noqa: E712 - a screen condition
    & (field("crime_referral_date").is_null() | (field("crime_referral_date") > AS_OF)),
    reason="only a case marked suspected_crime = true with no referral on or before the day "
    "checked can flag; a referral, once dated, stays.",
)


@rule(
    id="PEN-CRIME-REFERRAL",
    title_zh="以罚代刑",
    title_en="Failure to refer a suspected crime",
    category="abuse",
    severity="S1",
    legal_basis=[APL.art("27"), APL.art("57", "1", "4"), APL.art("82")],
    applies_to="penalty-case",
    screen=_CRIME_REFERRAL_SCREEN,
    valid_from=APL.in_force,
    facts_date=decision_date,
    messages={
        "referral": Message(
            zh="案件涉嫌犯罪未移送司法机关，以行政处罚代替刑事处罚",
            en="a suspected crime was penalised administratively and never referred to the "
            "judicial authorities",
            articles=[APL.art("27", "1"), APL.art("57", "1", "4"), APL.art("82")],
        ),
    },
)
def crime_referral(case: PenaltyCase, ctx: Context) -> None:
    """Flags a penalty imposed in a case whose facts suggest a crime that was never referred.

    ``suspected_crime = true``, no ``crime_referral_date``, and a decision that stands and
    imposes a penalty.

    ## Why
    行政处罚法 Art. 27(1): "违法行为涉嫌犯罪的，行政机关应当及时将案件移送司法机关"; Art.
    57(1)(4): "违法行为涉嫌犯罪的，移送司法机关"; Art. 82: liability for "以行政处罚代替刑事处罚".

    ## Example that flags
    A case marked suspected crime, fined 50,000 yuan, never referred → S1.

    ## Example that does not flag
    The same case referred on 2025-04-01, or not marked suspected crime.

    ## Configuration
    None.
    """
    decision = case.decision
    if decision is None or not decision_stands(decision) or not penalty_imposed(decision):
        return
    if case.suspected_crime is True and case.crime_referral_date is None:
        ctx.finding(
            "referral",
            key="referral",
            fact_date=decision.decision_date,
            facts={
                "suspected_crime": True,
                "crime_referral_date": None,
                "decision_date": decision.decision_date,
                "penalty_types": list(decision.penalty_types),
            },
            evidence=[_case_evidence(case)],
        )


# =============================================================================================
# PEN-RECORD


def _stages_reached(case: PenaltyCase) -> set[ProcessStage]:
    reached: set[ProcessStage] = set()
    if case.filed_date is not None:
        reached.add(ProcessStage.INITIATION)
    if case.acts or case.evidence:
        reached.add(ProcessStage.INVESTIGATION)
    if case.legal_review is not None:
        reached.add(ProcessStage.REVIEW)
    if case.decision is not None:
        reached.add(ProcessStage.DECISION)
    if case.delivery is not None and case.delivery.served_date is not None:
        reached.add(ProcessStage.SERVICE)
    paid = case.payment is not None and case.payment.paid_date is not None
    executed = case.closure is not None and case.closure.kind == CaseClosureKind.EXECUTED
    if paid or executed:
        reached.add(ProcessStage.EXECUTION)
    return reached


def _record_facts_date(case: PenaltyCase) -> dt.date | None:
    return case.filed_date or decision_date(case)


@rule(
    id="PEN-RECORD",
    title_zh="全过程记录",
    title_en="Full-process record",
    category="transparency, procedure",
    severity="S2",
    legal_basis=[APL.art("47"), OPINION_118.art(verification="V2")],
    applies_to="penalty-case",
    valid_from=APL.in_force,
    facts_date=_record_facts_date,
    parameters=[
        Parameter(
            name="av_required_acts",
            default=("evidence_preservation",),
            unit="act kinds",
            doc="须全程音像记录的执法行为种类（本地清单）/ kinds of act that need an audio-video "
            "record (local list; 118号 names acts touching personal liberty, life and health or "
            "major property such as 查封扣押 and 强制拆除; within a penalty case the default is "
            "evidence preservation, U)",
        ),
        Parameter(
            name="missing_stage_is_gap",
            default=True,
            reading=True,
            doc="案件已登记环节记录时，已发生但无记录的环节视为无文字记录 / when a case lists "
            "stage records, a stage it reached with no record counts as a stage without a "
            "written record; cases with no stage records at all are not judged on this (U)",
        ),
    ],
    messages={
        "stage-recorded-none": Message(
            zh="“{stage}”环节缺少文字记录（记录显示无文字记录）",
            en="no written record of the {stage} stage (recorded as having no written record)",
            articles=[APL.art("47")],
        ),
        "stage-missing": Message(
            zh="“{stage}”环节缺少文字记录（案件已进入该环节但无记录）",
            en="no written record of the {stage} stage (the case reached the stage with no record)",
            articles=[APL.art("47")],
        ),
        "act-written": Message(
            zh="{date} 的{act}无文字记录",
            en="act of {date} ({act}) has no written record",
            articles=[APL.art("47")],
        ),
        "act-av": Message(
            zh="{date} 的{act}须全程音像记录而未记录",
            en="act of {date} ({act}) needs an audio-video record and has none",
            articles=[APL.art("47"), OPINION_118.art(verification="V2")],
        ),
    },
)
def record(case: PenaltyCase, ctx: Context) -> None:
    """Flags a stage of the procedure without a written record, an act without its 笔录, or
    an act on the local AV list without an audio-video record.

    * key ``written/<stage>``: a stage (启动, 调查取证, 审核, 决定, 送达, 执行) whose stage
      record says ``written_record = false``, or — when the case lists stage records at
      all — a stage the case has reached with no record;
    * key ``act-written/<kind>/<date>``: an act recorded with ``written_record = false``;
    * key ``av/<kind>/<date>``: an act whose kind is in ``av_required_acts`` recorded with
      ``av_recorded = false``.

    ## Why
    行政处罚法 Art. 47: "行政机关应当依法以文字、音像等形式，对行政处罚的启动、调查取证、
    审核、决定、送达、执行等进行全过程记录，归档保存。" 国办发〔2018〕118号: audio-video
    records for acts touching personal liberty, life and health or major property.

    ## Example that flags
    An evidence preservation on 2025-05-06 with ``av_recorded = false`` → S2; a decision
    stage recorded with ``written_record = false`` → S2.

    ## Example that does not flag
    A case with no stage records (the source does not track them) and acts whose records
    are all present.

    ## Configuration
    ``av_required_acts`` (default ``["evidence_preservation"]``), ``missing_stage_is_gap``
    (true). The facts date is the filing date (else the decision date).
    """
    gap_reading: bool = ctx.reading("missing_stage_is_gap")
    reached = _stages_reached(case)
    for stage in ProcessStage:
        entries = [s for s in case.stage_records if s.stage == stage]
        written = [s.written_record for s in entries]
        if True in written:
            continue
        if False in written:
            kind = "stage-recorded-none"
        elif not entries and case.stage_records and gap_reading and stage in reached:
            kind = "stage-missing"
        else:
            continue
        ctx.finding(
            kind,
            key=f"written/{stage.value}",
            fact_date=max((s.date for s in entries if s.date is not None), default=None),
            facts={"stage": stage, "stage_records": len(entries)},
            evidence=[_case_evidence(case, _CASE_FILE)],
        )
    av_kinds = {str(kind) for kind in ctx.param("av_required_acts")}
    problems: dict[str, tuple[str, dt.date, dict[str, Any]]] = {}
    for act in case.acts:
        kind = ActKind(act.kind)
        if act.written_record is False:
            problems.setdefault(
                f"act-written/{kind.value}/{act.date.isoformat()}",
                ("act-written", act.date, {"act": kind, "date": act.date, "written_record": False}),
            )
        if kind.value in av_kinds and act.av_recorded is False:
            problems.setdefault(
                f"av/{kind.value}/{act.date.isoformat()}",
                ("act-av", act.date, {"act": kind, "date": act.date, "av_recorded": False}),
            )
    for key, (message, day, facts) in sorted(problems.items()):
        ctx.finding(
            message,
            key=key,
            fact_date=day,
            facts=facts,
            evidence=[_case_evidence(case, _ENFORCEMENT_RECORD)],
        )


# =============================================================================================
# PEN-PAY-15D and PEN-LATE-FEE


#: Fifteen days from service, CD+R: never earlier than served + 15 calendar days, so a fine
#: paid (or collected) by then was paid in time as of any day.
_PAY_15D_SCREEN = Screen(
    (field("decision.fine_amount") > 0)
    & field("delivery.served_date").is_not_null()
    & any_of(
        field("payment.paid_date").is_null() & field("payment.collected_date").is_null(),
        field("payment.paid_date") > field("delivery.served_date").plus_days(15),
        field("payment.collected_date") > field("delivery.served_date").plus_days(15),
        field("payment.paid_date") > AS_OF,
        field("payment.collected_date") > AS_OF,
    ),
    reason="the deadline needs a fine and a service date, and ends no earlier than 15 calendar "
    "days after service: a fine paid or collected by then was paid in time, and before that"
    " day no deadline had passed; an act dated after the day checked is not seen then and "
    "its clock is open, so it stays selected.",
)


@rule(
    id="PEN-PAY-15D",
    title_zh="缴款期限",
    title_en="Payment deadline (payment overdue)",
    category="inaction",
    severity="S4",
    legal_basis=APL.art("67", "3"),
    applies_to="penalty-case",
    screen=_PAY_15D_SCREEN,
    valid_from=APL.in_force,
    facts_date=decision_date,
    messages={
        "paid-late": Message(
            zh="罚款逾期缴纳：缴款期限（{last_day:deadline}），{paid_date} 才缴纳",
            en="fine paid late: {last_day:deadline}; paid {paid_date}",
            articles=[APL.art("67", "3")],
        ),
        "unpaid": Message(
            zh="罚款逾期未缴纳（{last_day:deadline}）",
            en="fine overdue ({last_day:deadline})",
            articles=[APL.art("67", "3"), APL.art("72")],
        ),
    },
)
def pay_15d(case: PenaltyCase, ctx: Context) -> None:
    """Notes a fine not paid within 15 days of service of the decision (advisory).

    The payment deadline is 15 days from ``delivery.served_date`` (``CD+R``: a last day that
    is a rest day moves to the next working day). The fine is overdue when it was paid
    after that day, or is still unpaid once it has passed (rechecked then). Deferral or
    instalments approved (Art. 66(2)) suspend the rule: the model records no new due date.
    A closed case with no payment date is not judged.

    The catalog lists PEN-PAY-15D as an input to other rules (PEN-LATE-FEE) with no
    severity; as a rule it is S4, a prompt for the agency's Art. 72 measures.

    ## Why
    行政处罚法 Art. 67(3): "当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者
    通过电子支付系统缴纳罚款。"

    ## Example that flags
    Served 2025-04-16; 15 days end 2025-05-01 (holiday) → rolled to 2025-05-06; unpaid on
    2025-05-07 → S4.

    ## Example that does not flag
    Paid on 2025-05-06; or checked on 2025-05-06.

    ## Configuration
    None.
    """
    deadline = payment_deadline(ctx, case)
    if deadline is None or payment_deferred(case):
        return
    payment = case.payment
    paid = None
    if payment is not None:
        paid = payment.paid_date or payment.collected_date
    if paid is None and case.closure is not None:
        return
    if ctx.late(deadline, paid):
        ctx.finding(
            "paid-late" if paid is not None else "unpaid",
            key="payment",
            facts={
                "served_date": deadline.start,
                "last_day": deadline.due_date,
                "paid_date": paid,
            },
            deadlines={"缴款期限 / payment deadline": deadline},
            evidence=[_case_evidence(case)],
        )


def _overlap(
    start: dt.date, end: dt.date, periods: Iterable[tuple[dt.date, dt.date | None]]
) -> list[tuple[dt.date, dt.date | None]]:
    return [
        (first, last) for first, last in periods if first <= end and (last is None or last >= start)
    ]


#: Every check is about a surcharge above zero.
_LATE_FEE_SCREEN = Screen(
    field("payment.late_fee") > 0,
    reason="every finding is about a late-payment surcharge above zero; a case with none recorded "
    "cannot flag.",
)


@rule(
    id="PEN-LATE-FEE",
    title_zh="加处罚款",
    title_en="Surcharge for late payment",
    category="abuse",
    severity="S2",
    legal_basis=[APL.art("72", "1", "1"), APL.art("73", "3")],
    applies_to="penalty-case",
    screen=_LATE_FEE_SCREEN,
    valid_from=APL.in_force,
    facts_date=decision_date,
    parameters=[
        Parameter(
            name="daily_rate",
            default=Decimal("0.03"),
            source=APL.art("72", "1", "1"),
            unit="share of the fine per day",
            doc="每日加处罚款比例 / daily surcharge rate (Art. 72(1)(1): 百分之三)",
        ),
        Parameter(
            name="rounding_tolerance",
            default=Decimal("0.01"),
            unit="yuan",
            doc="核对加处罚款金额时允许的舍入误差 / rounding allowed when checking the amount",
        ),
    ],
    messages={
        "cap": Message(
            zh="加处罚款 {late_fee} 元超出罚款数额 {fine_amount} 元",
            en="surcharge of {late_fee} yuan exceeds the fine of {fine_amount} yuan",
            articles=[APL.art("72", "1", "1")],
        ),
        "remedy": Message(
            zh="复议或诉讼期间仍计算加处罚款（{late_fee_from_date} 至 {late_fee_to_date}）",
            en="the surcharge accrued while a reconsideration or lawsuit was pending "
            "({late_fee_from_date} to {late_fee_to_date})",
            articles=[APL.art("73", "3")],
        ),
        "start": Message(
            zh="缴款期限届满前即开始加处罚款：{late_fee_from_date} 起算，缴款期限"
            "（{payment_last_day:deadline}）",
            en="the surcharge started on {late_fee_from_date}, before the payment deadline had "
            "passed ({payment_last_day:deadline})",
            articles=[APL.art("72", "1", "1"), APL.art("67", "3")],
        ),
        "rate": Message(
            zh="加处罚款 {late_fee} 元与按日 {rate} 计算的 {expected} 元不符",
            en="surcharge of {late_fee} yuan differs from {expected} yuan at {rate} a day",
            articles=[APL.art("72", "1", "1")],
        ),
    },
)
def late_fee(case: PenaltyCase, ctx: Context) -> None:
    """Flags a late-payment surcharge above the fine, accrued during a reconsideration or a
    lawsuit, started before the payment deadline passed, or at a rate other than 3% a day.

    For a decision that stands with ``payment.late_fee`` above zero:

    * ``cap`` — the surcharge exceeds the fine ("不得超出罚款的数额");
    * ``remedy`` — its accrual period (``late_fee_from_date``…``late_fee_to_date``)
      overlaps a reconsideration or lawsuit from filing to conclusion;
    * ``start`` — it accrues from a day not after the payment deadline (PEN-PAY-15D:
      15 days from service, ``CD+R``); not checked when deferral or instalments were approved;
    * ``rate`` — otherwise, it differs from ``fine × daily_rate × days`` (days counted
      inclusively, the total capped at the fine) by more than the rounding tolerance.

    ## Why
    行政处罚法 Art. 72(1)(1): "到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的
    数额不得超出罚款的数额"; Art. 73(3): "当事人申请行政复议、提起行政诉讼的，加处罚款的数额
    在行政复议或者行政诉讼期间不予计算。"

    ## Example that flags
    A fine of 1,000 yuan with a surcharge of 1,200 → S2 (``cap``). A surcharge of 300 for
    2025-05-07…2025-05-16 (10 days; 3% would be 300) while a reconsideration was pending from
    2025-05-10 → S2 (``remedy``).

    ## Example that does not flag
    1,000 yuan fine, surcharge 300.00 for 10 days from the day after the payment deadline.

    ## Configuration
    ``daily_rate`` (0.03), ``rounding_tolerance`` (0.01 yuan).
    """
    decision = case.decision
    payment = case.payment
    if decision is None or payment is None or not decision_stands(decision):
        return
    fee = payment.late_fee
    if fee is None or fee <= 0:
        return
    fine = decision.fine_amount
    first, last = payment.late_fee_from_date, payment.late_fee_to_date
    flagged = False
    evidence = [_case_evidence(case, _SURCHARGE_DECISION)]
    if fine is not None and exceeds(fee, fine):
        flagged = True
        ctx.finding(
            "cap",
            key="cap",
            fact_date=first,
            facts={"late_fee": fee, "fine_amount": fine},
            deadlines=(),
            evidence=evidence,
        )
    if first is not None and last is not None and first <= last:
        periods = [(r.filed_date, r.concluded_date) for r in case.remedies]
        # The day a reconsideration or lawsuit was filed is already within it (Art. 73(3)).
        overlapping = _overlap(first, last, periods)
        if overlapping:
            flagged = True
            ctx.finding(
                "remedy",
                key="remedy",
                fact_date=max(first, min(a for a, _ in overlapping)),
                facts={
                    "late_fee_from_date": first,
                    "late_fee_to_date": last,
                    "remedy_periods": [[a, b] for a, b in overlapping],
                },
                deadlines=(),
                evidence=evidence,
            )
    if first is not None and not payment_deferred(case):
        deadline = payment_deadline(ctx, case)
        # The last day of the payment period is the party's: a surcharge from it is early.
        if deadline is not None and ctx.deadline_met(deadline, first):
            flagged = True
            ctx.finding(
                "start",
                key="start",
                facts={"late_fee_from_date": first, "payment_last_day": deadline.due_date},
                deadlines={"缴款期限 / payment deadline": deadline},
                evidence=evidence,
            )
    if flagged or fine is None or first is None or last is None or last < first:
        return
    rate: Decimal = ctx.param("daily_rate")
    tolerance: Decimal = ctx.param("rounding_tolerance")
    days = (last - first).days + 1  # days accrued, both ends included: a count, not a period
    expected = min(fine * rate * days, fine).quantize(_CENT, rounding=ROUND_HALF_UP)
    if abs(fee - expected) > tolerance:
        ctx.finding(
            "rate",
            key="rate",
            fact_date=last,
            facts={
                "late_fee": fee,
                "expected": expected,
                "rate": rate,
                "days": days,
                "fine_amount": fine,
                "late_fee_from_date": first,
                "late_fee_to_date": last,
            },
            deadlines=(),
            evidence=evidence,
        )


# =============================================================================================
# PEN-DELEGATION and PEN-TOWNSHIP-POWER


def _acting_date(case: PenaltyCase) -> dt.date | None:
    return decision_date(case) or case.filed_date


#: Art. 20 concerns an organisation acting in another agency's name.
_DELEGATION_SCREEN = Screen(
    field("acting_agency_id").is_not_null() & ~(field("acting_agency_id") == field("agency_id")),
    reason="only a case acted on by an organisation other than the agency in whose name the "
    "penalty is imposed (acting_agency_id) is a delegated case.",
)


@rule(
    id="PEN-DELEGATION",
    title_zh="委托",
    title_en="Delegated enforcement",
    category="abuse",
    severity="S1",
    legal_basis=[APL.art("20"), APL.art("21")],
    applies_to="penalty-case",
    screen=_DELEGATION_SCREEN,
    valid_from=APL.in_force,
    facts_date=_acting_date,
    messages={
        "delegation": Message(
            zh="受委托实施行政处罚不合法：{problem}",
            en="unlawful delegated enforcement: {problem}",
            articles=[APL.art("20")],
        ),
        "entrustment-unknown": Message(
            zh="案件引用的委托 {delegation} 无记录",
            en="the entrustment {delegation} named by the case is not on record",
        ),
    },
)
def delegation(case: PenaltyCase, ctx: Context) -> None:
    """Flags an organisation acting for the penalty authority without a valid, written,
    published entrustment covering the matter, or under a sub-delegation.

    When ``acting_agency_id`` differs from ``agency_id`` (the authority in whose name the
    penalty is imposed), one finding per problem, judged on the decision date (else the
    filing date): ``no-entrustment`` (no ``delegation_id``), ``not-written`` (the
    entrustment is recorded as not written), ``not-entrusted-by-authority`` (the
    entrustment was given by another body), ``sub-delegated`` (it names another
    organisation than the one that acted), ``term`` (outside its validity dates),
    ``not-published`` (not published by that day; published that day is in time) and
    ``scope`` (the decision's matter is
    not among the entrusted matters).

    ## Why
    行政处罚法 Art. 20: entrustment "应当将委托书向社会公布", in writing, within the law;
    "受委托组织…不得再委托其他组织或者个人实施行政处罚"; Art. 21: who may be entrusted.

    ## Example that flags
    A township acting for the county bureau on matter M-9 while the entrustment covers only
    M-1 → S1 (``scope``).

    ## Example that does not flag
    A written entrustment, published before the decision, covering the matter and in term.

    ## Configuration
    None.
    """
    acting = case.acting_agency_id
    if acting is None or acting == case.agency_id:
        return
    day = _acting_date(case)
    if day is None:
        return
    problems: list[str] = []
    entrustment: Delegation | None = None
    if case.delegation_id is None:
        problems.append("no-entrustment")
    else:
        found = ctx.lookup("delegation", case.delegation_id)
        if not isinstance(found, Delegation):
            ctx.undecided("entrustment-unknown", delegation=case.delegation_id)
        entrustment = found
        if entrustment.written is False:
            problems.append("not-written")
        if entrustment.agency_id != case.agency_id:
            problems.append("not-entrusted-by-authority")
        if entrustment.delegate_id != acting:
            problems.append("sub-delegated")
        if not in_force_on(entrustment.valid_from, entrustment.valid_to, day):
            problems.append("term")
        published = entrustment.published_date
        # Published on the day of the act counts as published.
        if published is None or published > day:
            problems.append("not-published")
        code = case.decision.matter_code if case.decision is not None else None
        if code is not None and entrustment.matter_codes and code not in entrustment.matter_codes:
            problems.append("scope")
    for key in problems:
        facts: dict[str, Any] = {
            "problem": _DELEGATION_PROBLEMS[key],
            "agency": case.agency_id,
            "acting_agency": acting,
            "delegation": case.delegation_id,
            "date": day,
        }
        if entrustment is not None:
            facts.update(
                {
                    "entrusting_agency": entrustment.agency_id,
                    "delegate": entrustment.delegate_id,
                    "valid_from": entrustment.valid_from,
                    "valid_to": entrustment.valid_to,
                    "published_date": entrustment.published_date,
                    "matter_codes": list(entrustment.matter_codes),
                }
            )
        ctx.finding(
            "delegation",
            key=key,
            fact_date=day,
            facts=facts,
            articles=[APL.art("21")] if key == "not-entrusted-by-authority" else None,
            evidence=[_case_evidence(case)],
        )


@rule(
    id="PEN-TOWNSHIP-POWER",
    title_zh="乡镇越权处罚",
    title_en="Township acting beyond delegated powers",
    category="abuse",
    severity="S1",
    legal_basis=APL.art("24"),
    applies_to="penalty-case",
    valid_from=APL.in_force,
    facts_date=decision_date,
    parameters=[
        Parameter(
            name="matter_list_ids",
            default={},
            unit="agency id → matter-list ids",
            doc="各乡镇适用的赋权事项清单记录编号 / ids of the township_delegated_powers matter "
            "lists that apply to each township; one not listed uses the record "
            "'<agency id>:township_delegated_powers'",
        ),
        Parameter(
            name="own_power_matters",
            default=(),
            unit="matter codes",
            doc="法律直接赋予乡镇的处罚事项（不需省级赋权）/ matter codes a statute gives "
            "townships directly (e.g. 城乡规划法 Art. 65), never flagged",
        ),
    ],
    messages={
        "matter": Message(
            zh="乡镇对未赋权事项（{matter_code}）实施行政处罚",
            en="the township imposed a penalty on a matter ({matter_code}) not delegated to it",
            articles=[APL.art("24", "1")],
        ),
        "agency-unknown": Message(
            zh="处罚机关 {agency} 无记录，无法判断其层级",
            en="no record of the agency {agency}: its level is unknown",
        ),
        "no-matter-code": Message(zh="处罚决定缺少事项编码", en="the decision has no matter code"),
        "no-list": Message(
            zh="未找到 {decision_date} 适用于该乡镇的赋权事项清单",
            en="no list of delegated powers applies to the township on {decision_date}",
        ),
    },
)
def township_power(case: PenaltyCase, ctx: Context) -> None:
    """Flags a township imposing a penalty on a matter that is not on the list of powers the
    province delegated to it.

    For a decision that stands and imposes a penalty in the name of an agency whose
    ``level`` is ``township``: the decision's ``matter_code`` must be on a
    ``township_delegated_powers`` matter list in force on the decision date, or among the
    ``own_power_matters``. When the agency, the matter code or any applicable list is
    missing, the rule records that it cannot decide.

    ## Why
    行政处罚法 Art. 24(1): "省、自治区、直辖市根据当地实际情况，可以决定将基层管理迫切需要的
    县级人民政府部门的行政处罚权交由能够有效承接的乡镇人民政府、街道办事处行使，并定期组织
    评估。决定应当公布。"

    ## Example that flags
    A township fines on matter M-9; its delegated list (in force since 2022-01-01) holds
    only M-001 → S1.

    ## Example that does not flag
    The same township fines on M-001; or a county bureau fines on M-9.

    ## Configuration
    ``matter_list_ids`` (agency id → matter-list ids; default the record
    ``<agency id>:township_delegated_powers``), ``own_power_matters`` (default empty).
    """
    decision = case.decision
    if decision is None or not decision_stands(decision) or not penalty_imposed(decision):
        return
    agency = ctx.lookup("agency", case.agency_id)
    if not isinstance(agency, Agency):
        ctx.undecided("agency-unknown", agency=case.agency_id)
    if agency.level != AgencyLevel.TOWNSHIP:
        return
    code = decision.matter_code
    if code is None:
        ctx.undecided("no-matter-code")
    if code in tuple(ctx.param("own_power_matters")):
        return
    lists = applicable_lists(
        ctx, case.agency_id, MatterListKind.TOWNSHIP_DELEGATED_POWERS, decision.decision_date
    )
    if not lists:
        ctx.undecided("no-list", decision_date=decision.decision_date)
    if code in list_codes(lists):
        return
    ctx.finding(
        "matter",
        key="matter",
        fact_date=decision.decision_date,
        facts={
            "agency_level": agency.level,
            "matter_code": code,
            "lists": [m.id for m in lists],
            "decision_date": decision.decision_date,
        },
        evidence=[
            _case_evidence(case, _DECISION_DOCUMENT),
            *(
                Evidence(description=_DELEGATED_LIST, record_type="matter-list", record_id=m.id)
                for m in lists
            ),
        ],
    )


RULES: tuple[Rule, ...] = (
    limitation,
    ne_bis,
    discretion,
    no_penalty,
    first_violation,
    evidence,
    preserve_7wd,
    filing_lag,
    not_stopped,
    correction,
    crime_referral,
    record,
    late_fee,
    pay_15d,
    delegation,
    township_power,
)
