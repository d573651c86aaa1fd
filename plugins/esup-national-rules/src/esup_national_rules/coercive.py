"""行政强制: rules of the catalog's coercion section (docs/catalog/rules.md#coercion).

行政强制法, adopted 2011-06-30, in force 2012-01-01.

Counting (Art. 69: "本法中十日以内期限的规定是指工作日，不含法定节假日"): periods of 3, 5, 7
and 10 days are working days; 30 days are calendar days. Maximum durations of restrictions on
the party (seizure, freezing) are not rolled over a rest day by default (a design choice that
protects the party, docs/catalog/interpretations.md). The party's remedy periods follow
行政复议法 Art. 20 (60 days, rolled over) and 行政诉讼法 Art. 46 (6 months). All times are judged in
Asia/Shanghai.
"""

from __future__ import annotations

import datetime as dt
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
    Parameter,
    Rule,
    rule,
)
from enforcement_supervision.statutory_time import (
    CalendarUnavailable,
    DayKind,
    Deadline,
    exceeds,
    is_provisional,
)
from esup_national_rules._coercive_sessions import (
    CalendarGaps,
    Session,
    night_overlap,
    parse_clock,
    session_days,
    sessions,
)
from esup_national_rules._law import ACL, LITIGATION_LAW, NOISE_LAW, RECONSIDERATION_LAW
from esup_national_rules._licensing_periods import excluded_periods, extensions
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
    "保护当事人（docs/catalog/interpretations.md，设计选择 U）/ roll the last day of a "
    "maximum restriction over a rest day (default false: protective of the party)",
)


ART69 = ACL.art("69")


def _first_day(measure: CoerciveMeasure, *, fallback: bool) -> dt.date | None:
    found = sessions(measure, fallback=fallback)
    return found[0].day if found else None


# --------------------------------------------------------------------------------------------
# ENF-PROCEDURE


@rule(
    id="ENF-PROCEDURE",
    title_zh="强制措施一般程序",
    title_en="General procedure for coercive measures",
    category="procedure",
    severity="S1",
    legal_basis=(ACL.art("17", "3"), ACL.art("18"), ACL.art("30")),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
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
    are recorded.

    ## Why
    行政强制法 Art. 18: 实施前须向行政机关负责人报告并经批准；由两名以上行政执法人员实施；出示
    执法身份证件；通知当事人到场；当场告知理由、依据以及权利、救济途径；听取陈述和申辩；制作现场
    笔录并签名；当事人不到场的，邀请见证人签名. Art. 17(3): only qualified enforcement officers may
    carry out a measure. Art. 30: freezing follows items 1, 2, 3 and 7.

    ## Example that flags
    A seizure on 2025-09-30 approved by the head on 2025-10-02; or carried out by one officer
    and an auxiliary (网格员).

    ## Example that does not flag
    Approved 2025-09-30, two officers with valid certificates, every step recorded as done.

    ## Configuration
    None.
    """
    if measure.kind not in MEASURE_KINDS:
        return
    day = measure.start_date
    approved = measure.head_approval_date
    if measure.emergency is not True and (approved is None or approved > day):
        when_zh = "未经批准" if approved is None else f"{approved} 才批准"
        when_en = "no approval" if approved is None else f"approved only on {approved}"
        ctx.finding(
            key="approval",
            message_zh=f"强制措施 {measure.id}（{day} 实施）实施前未经行政机关负责人批准"
            f"（{when_zh}）",
            message_en=f"coercive measure {measure.id} (taken {day}) without prior approval by "
            f"the agency head ({when_en})",
            facts={"start_date": day, "head_approval_date": approved},
        )
    site = measure.on_site
    if site is None:
        return
    if site.officer_ids:
        officers = list(dict.fromkeys(site.officer_ids))
        qualified: list[str] = []
        problems: dict[str, list[str]] = {}
        notes: list[tuple[str, str]] = []
        for officer_id in officers:
            officer = ctx.lookup("officer", officer_id)
            if officer_valid(officer, day):
                qualified.append(officer_id)
                continue
            reasons = officer_problems(officer, day)
            problems[officer_id] = [en for _, en in reasons]
            notes.append(
                (
                    f"执法人员 {officer_id}：" + "；".join(zh for zh, _ in reasons),
                    f"officer {officer_id}: " + "; ".join(en for _, en in reasons),
                )
            )
        if len(qualified) < 2:
            ctx.finding(
                key="officers",
                message_zh=f"强制措施 {measure.id}（{day}）具备资格的执法人员不足两名"
                f"（{len(qualified)} 名）",
                message_en=f"coercive measure {measure.id} ({day}): fewer than two qualified "
                f"officers ({len(qualified)})",
                facts={
                    "officer_ids": officers,
                    "qualified_officer_ids": qualified,
                    "problems": problems,
                },
                notes=notes,
            )
    steps: list[tuple[str, bool, str, str]] = [
        (
            "certificate",
            site.certificate_shown is False,
            "未出示执法身份证件",
            "certificates not shown",
        ),
    ]
    if measure.kind is not CoerciveKind.FREEZING:
        steps += [
            (
                "party-notified",
                site.party_notified is False,
                "未通知当事人到场",
                "party not notified",
            ),
            (
                "reasons",
                site.reasons_and_basis_stated is False,
                "未当场告知理由和依据",
                "reasons and legal basis not stated",
            ),
            (
                "rights",
                site.rights_and_remedies_stated is False,
                "未告知当事人依法享有的权利和救济途径",
                "rights and remedies not stated",
            ),
            (
                "statements",
                site.statements_heard is False,
                "未听取当事人陈述和申辩",
                "statement and defence not heard",
            ),
            ("record", site.record_signed is False, "现场笔录未签名", "on-site record not signed"),
            (
                "witness",
                site.party_absent is True and site.witness_signed is False,
                "当事人不到场且无见证人签名",
                "party absent and no witness signed",
            ),
        ]
    for key, failed, zh, en in steps:
        if failed:
            ctx.finding(
                key=key,
                message_zh=f"强制措施 {measure.id}（{day}）{zh}",
                message_en=f"coercive measure {measure.id} ({day}): {en}",
                facts={"start_date": day, "step": key},
            )


# --------------------------------------------------------------------------------------------
# ENF-EMERGENCY-24H


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
    label_zh, label_en = "当场实施", "measure taken"
    if measure.start_datetime is not None:
        earliest = latest = ctx.deadline(
            measure.start_datetime, 24, "H", start_label=label_zh, start_label_en=label_en
        )
    else:
        earliest = ctx.deadline(
            measure.start_date, 24, "H", start_label=label_zh, start_label_en=label_en
        )
        # Started at the latest at 24:00 of the start date (not a statutory period).
        latest = ctx.deadline(
            measure.start_date + dt.timedelta(days=1),
            24,
            "H",
            start_label=f"{label_zh}（最晚）",
            start_label_en=f"{label_en} (at the latest)",
        )
    reported = measure.report_to_head_datetime
    if reported is None:
        if ctx.deadline_passed(latest, label="报告期限"):
            ctx.finding(
                key="report",
                message_zh=f"紧急强制措施 {measure.id} 实施后 24 小时内未向行政机关负责人报告",
                message_en=f"emergency measure {measure.id} not reported to the agency head "
                "within 24 hours",
                facts={"start": measure.start_datetime or measure.start_date, "reported": None},
                deadlines={"报告期限": latest},
            )
    elif not ctx.deadline_met(latest, reported, label="报告期限"):
        ctx.finding(
            key="report",
            message_zh=f"紧急强制措施 {measure.id} 超过 24 小时（{latest.passes_at:%Y-%m-%d %H:%M}"
            f" 前）才向行政机关负责人报告",
            message_en=f"emergency measure {measure.id} reported to the agency head after the "
            f"24 hours (due {latest.passes_at:%Y-%m-%d %H:%M})",
            facts={"start": measure.start_datetime or measure.start_date, "reported": reported},
            deadlines={"报告期限": latest},
        )
    elif not ctx.deadline_met(earliest, reported, label="报告期限"):
        ctx.note(
            f"紧急强制措施 {measure.id} 未记录实施时刻，无法判断是否在 24 小时内报告",
            f"emergency measure {measure.id}: no start time recorded, cannot tell whether the "
            "report came within 24 hours",
            kind="undecided",
        )
    if (
        measure.head_approval_date is None
        and measure.head_disapproved is not True
        and ctx.deadline_passed(latest, label="报告期限")
    ):
        ctx.finding(
            key="approval",
            message_zh=f"紧急强制措施 {measure.id} 未补办批准手续",
            message_en=f"emergency measure {measure.id}: no retroactive approval",
            facts={"start": measure.start_datetime or measure.start_date, "approval": None},
            deadlines={"报告期限": latest},
        )
    if measure.head_disapproved is True:
        released = measure.released_after_disapproval_datetime is not None or (
            measure.ended_date is not None and measure.end_kind in (None, MeasureEndKind.RELEASED)
        )
        if not released:
            ctx.finding(
                key="release",
                message_zh=f"行政机关负责人不批准紧急强制措施 {measure.id}，但未立即解除",
                message_en=f"the agency head refused emergency measure {measure.id} but it was "
                "not released",
                facts={
                    "head_disapproved": True,
                    "released": measure.released_after_disapproval_datetime,
                    "ended_date": measure.ended_date,
                    "end_kind": measure.end_kind,
                },
                deadlines={},
            )


# --------------------------------------------------------------------------------------------
# ENF-SEIZURE-30D


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

    ## Why
    行政强制法 Art. 25: "查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以
    延长，但是延长期限不得超过三十日…延长查封、扣押的决定应当及时书面告知当事人…检测、检验、检疫
    或者技术鉴定的期间应当明确，并书面告知当事人". Art. 28(1)(4): release when the period ends.
    30 days are calendar days (Art. 69 covers only periods of ten days or less).

    ## Example that flags
    Seized 2025-09-30: the end is 2025-10-30; released 2025-10-31 → S1. With an extension
    approved 2025-10-28 and notified in writing, the end is 2025-11-29 (a Saturday, not rolled
    over); released 2025-12-01 → S1.

    ## Example that does not flag
    A lab test from 2025-10-10 to 2025-10-19 (10 days, notified in writing): the end is
    2025-11-09, so a release on 2025-11-07 is in time.

    ## Configuration
    ``restriction_rollover`` (reading, default ``false``): set ``true`` to roll a last day
    that is a rest day over to the next working day.
    """
    if measure.kind not in SEIZURE_KINDS:
        return
    counted, refused_ext, excess = extensions(measure.extensions, cap=30, written=True)
    ended = measure.ended_date or measure.handling_decision_date
    open_end = ended
    if open_end is None and any(p.end_date is None for p in measure.excluded_periods):
        open_end = ctx.as_of_date  # a test still running: count it up to today
    periods, refused_periods = excluded_periods(
        measure.excluded_periods,
        kinds=ART25_KINDS,
        open_end=open_end if open_end is not None else measure.start_date,
    )
    if excess:
        ctx.finding(
            key="extension-length",
            message_zh=f"查封扣押 {measure.id} 延长期限超过三十日（超出 {excess} 日）",
            message_en=f"seizure {measure.id}: extended by more than 30 days ({excess} too many)",
            facts={"extension_days": [e.days for e in measure.extensions], "excess_days": excess},
            deadlines={},
        )
    deadline = ctx.deadline(
        measure.start_date,
        30,
        "CD",
        rollover=bool(ctx.reading("restriction_rollover")),
        extensions=counted,
        excluded_periods=periods,
        start_label="查封扣押",
        start_label_en="seized",
    )
    if not ctx.late(deadline, ended, label="查封扣押期限"):
        return
    notes = [(f"延长未计入：{zh}", f"extension not counted: {en}") for _, zh, en in refused_ext]
    notes += [(f"期间未扣除：{zh}", f"period not excluded: {en}") for _, zh, en in refused_periods]
    done_zh = f"{ended} 才解除或处理" if ended is not None else "至今未解除"
    done_en = f"released or disposed of only on {ended}" if ended else "still not released"
    ctx.finding(
        key="duration",
        message_zh=f"查封扣押 {measure.id} 超过法定期限（至 {deadline.due_date}）{done_zh}",
        message_en=f"seizure {measure.id} held beyond its legal end ({deadline.due_date}); "
        f"{done_en}",
        facts={
            "start_date": measure.start_date,
            "end_date": deadline.due_date,
            "extension_days_counted": [e.amount for e in deadline.extensions_counted],
            "excluded_days": deadline.excluded,
            "released_or_disposed_date": ended,
        },
        deadlines={"查封扣押期限": deadline},
        notes=notes,
    )


# --------------------------------------------------------------------------------------------
# ENF-SEIZURE-DOCS


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
)
def seizure_docs(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags a sealing or seizure without its documents on the spot, or of the wrong things.

    Keys: ``decision-on-spot`` and ``inventory-on-spot`` (not handed over on the spot),
    ``unrelated-items`` (property unrelated to the violation), ``daily-necessities`` (daily
    necessities of the person and dependants), ``duplicate`` (property already sealed by
    another state organ). Only recorded failures count.

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
        ("decision-on-spot", docs.decision_handed_on_spot is False, "未当场交付查封扣押决定书",
         "decision not handed over on the spot"),
        ("inventory-on-spot", docs.inventory_handed_on_spot is False, "未当场交付查封扣押清单",
         "inventory not handed over on the spot"),
        ("unrelated-items", docs.unrelated_items_seized is True, "查封扣押与违法行为无关的财物",
         "property unrelated to the violation taken"),
        ("daily-necessities", docs.daily_necessities_seized is True,
         "查封扣押公民个人及其所扶养家属的生活必需品", "daily necessities taken"),
        ("duplicate", docs.duplicate_seizure is True, "重复查封已被其他国家机关查封的财物",
         "property already sealed by another state organ sealed again"),
    )  # fmt: skip
    for key, failed, zh, en in checks:
        if failed:
            ctx.finding(
                key=key,
                message_zh=f"查封扣押 {measure.id}（{measure.start_date}）{zh}",
                message_en=f"seizure {measure.id} ({measure.start_date}): {en}",
                facts={"start_date": measure.start_date, "check": key},
            )


# --------------------------------------------------------------------------------------------
# ENF-FREEZE


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
)
def freeze(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags a freezing of deposits by an unauthorised agency, or with late papers or decisions.

    Keys: ``authority`` (the agency is recorded as not authorised by law), ``decision-served``
    (the freezing decision served on the party later than 3 working days after the freezing,
    or not at all once they are over), ``handling`` (no handling or release decision within 30
    calendar days, plus an extension of at most 30 days approved by the head before the end
    and notified in writing; not rolled over by default), ``extension-length``.

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
            key="authority",
            message_zh=f"冻结 {measure.id}（{day}）的实施机关无法律授权",
            message_en=f"freezing {measure.id} ({day}) by an agency not authorised by law",
            facts={"start_date": day, "authorised_by_law": False},
            deadlines={},
        )
    gaps = CalendarGaps()
    with gaps.check():
        _freeze_served(measure, ctx)
    _, _, excess = extensions(measure.extensions, cap=30, written=True)
    if excess:
        ctx.finding(
            key="extension-length",
            message_zh=f"冻结 {measure.id} 延长期限超过三十日（超出 {excess} 日）",
            message_en=f"freezing {measure.id}: extended by more than 30 days ({excess} too many)",
            facts={"extension_days": [e.days for e in measure.extensions], "excess_days": excess},
            deadlines={},
        )
    with gaps.check():
        _freeze_handling(measure, ctx)
    gaps.finish()


def _freeze_served(measure: CoerciveMeasure, ctx: Context) -> None:
    """Art. 31: the freezing decision is served within 3 working days."""
    day = measure.start_date
    served_by = ctx.deadline(day, 3, "WD", start_label="冻结", start_label_en="frozen")
    served = measure.decision_served_date
    if ctx.late(served_by, served, label="冻结决定书交付期限"):
        done_zh = f"{served} 才交付" if served is not None else "至今未交付"
        done_en = f"served only on {served}" if served is not None else "not served yet"
        ctx.finding(
            key="decision-served",
            message_zh=f"冻结 {measure.id} 未在 3 个工作日内（{served_by.due_date} 前）向当事人"
            f"交付冻结决定书（{done_zh}）",
            message_en=f"freezing {measure.id}: decision not served within 3 working days "
            f"(by {served_by.due_date}; {done_en})",
            facts={"start_date": day, "decision_served_date": served},
            deadlines={"冻结决定书交付期限": served_by},
        )


def _freeze_handling(measure: CoerciveMeasure, ctx: Context) -> None:
    """Art. 32: a handling or release decision within 30 days (+ at most 30)."""
    day = measure.start_date
    counted, refused_ext, _ = extensions(measure.extensions, cap=30, written=True)
    handled = measure.handling_decision_date or measure.ended_date
    deadline = ctx.deadline(
        day,
        30,
        "CD",
        rollover=bool(ctx.reading("restriction_rollover")),
        extensions=counted,
        start_label="冻结",
        start_label_en="frozen",
    )
    if ctx.late(deadline, handled, label="冻结处理期限"):
        done_zh = f"{handled} 才作出" if handled is not None else "至今未作出"
        done_en = f"made only on {handled}" if handled is not None else "not made yet"
        ctx.finding(
            key="handling",
            message_zh=f"冻结 {measure.id} 未在期限内（{deadline.due_date} 前）作出处理决定或"
            f"解除冻结决定（{done_zh}）",
            message_en=f"freezing {measure.id}: no handling or release decision by "
            f"{deadline.due_date} ({done_en})",
            facts={"start_date": day, "handling_decision_date": handled},
            deadlines={"冻结处理期限": deadline},
            notes=[
                (f"延长未计入：{zh}", f"extension not counted: {en}") for _, zh, en in refused_ext
            ],
        )


# --------------------------------------------------------------------------------------------
# ENF-CUIGAO


def _money_obligation(measure: CoerciveMeasure) -> bool:
    """The obligation enforced is a payment (surcharge recorded, or funds transferred or
    property auctioned). The model has no field saying so directly."""
    if measure.surcharge is not None:
        return True
    return any(set(e.methods) & MONEY_METHODS for e in measure.executions)


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
)
def cuigao(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags an enforcement decision without a proper prior written demand (催告).

    Keys: ``missing`` (no demand, or one dated after the decision), ``written`` (the demand
    was not in writing), ``premature`` (the decision was made on or before the last day given
    for performance — except an immediate enforcement decision with evidence that assets were
    being moved or hidden, Art. 37(3)), ``content`` (the demand does not state the deadline,
    the method, the right to statement and defence, or — for a payment — the amount).

    ## Why
    行政强制法 Art. 35: "行政机关作出强制执行决定前，应当事先催告当事人履行义务。催告应当以书面
    形式作出，并载明…履行义务的期限；履行义务的方式；涉及金钱给付的，应当有明确的金额和给付方式；
    当事人依法享有的陈述权和申辩权"; Art. 37(1): "经催告，当事人逾期仍不履行行政决定…可以作出
    强制执行决定"; Art. 37(3): 催告期间有转移或者隐匿财物迹象的，可以立即强制执行.

    ## Example that flags
    Written demand giving until 2025-06-10; enforcement decision dated 2025-06-10 → S1.

    ## Example that does not flag
    The decision dated 2025-06-11; or an immediate decision on 2025-06-05 with evidence of
    assets being moved.

    ## Configuration
    None.
    """
    decision = measure.enforcement_decision
    if decision is None:
        return
    demand = measure.cuigao
    if demand is None or demand.date > decision.date:
        when_zh = "无催告" if demand is None else f"催告日期 {demand.date} 晚于决定"
        when_en = "no demand" if demand is None else f"demand dated {demand.date}, after it"
        ctx.finding(
            key="missing",
            message_zh=f"强制执行 {measure.id} 作出强制执行决定（{decision.date}）前未催告"
            f"（{when_zh}）",
            message_en=f"enforcement {measure.id}: decision of {decision.date} without a prior "
            f"demand ({when_en})",
            facts={"decision_date": decision.date, "cuigao_date": demand.date if demand else None},
        )
        return
    if demand.written is False:
        ctx.finding(
            key="written",
            message_zh=f"强制执行 {measure.id} 的催告（{demand.date}）未以书面形式作出",
            message_en=f"enforcement {measure.id}: the demand of {demand.date} was not in writing",
            facts={"cuigao_date": demand.date, "written": False},
        )
    excused = decision.immediate is True and decision.asset_transfer_evidence is True
    limit = demand.performance_deadline
    if limit is not None and decision.date <= limit and not excused:
        ctx.finding(
            key="premature",
            message_zh=f"强制执行 {measure.id} 在催告的履行期限（{limit}）届满前作出强制执行决定"
            f"（{decision.date}）",
            message_en=f"enforcement {measure.id}: decision of {decision.date} before the "
            f"performance period given by the demand ended ({limit})",
            facts={
                "cuigao_date": demand.date,
                "performance_deadline": limit,
                "decision_date": decision.date,
                "immediate": decision.immediate,
                "asset_transfer_evidence": decision.asset_transfer_evidence,
            },
        )
    missing: list[tuple[str, str]] = []
    if demand.states_deadline is False:
        missing.append(("履行期限", "the deadline"))
    if demand.states_method is False:
        missing.append(("履行方式", "the method"))
    if demand.states_amount is False and _money_obligation(measure):
        missing.append(("金额和给付方式", "the amount and how to pay"))
    if demand.states_rights is False:
        missing.append(("陈述权和申辩权", "the right to statement and defence"))
    if missing:
        ctx.finding(
            key="content",
            message_zh=f"强制执行 {measure.id} 的催告书未载明" + "、".join(zh for zh, _ in missing),
            message_en=f"enforcement {measure.id}: the demand does not state "
            + ", ".join(en for _, en in missing),
            facts={"cuigao_date": demand.date, "missing": [en for _, en in missing]},
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
            "除外（docs/catalog/interpretations.md，U）；false 时只算放假期间 / whether "
            "weekends count as holidays under Art. 43",
        ),
    ),
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
    shown = session.start.strftime("%Y-%m-%d %H:%M") if session.start else session.day.isoformat()
    if not night and not rest:
        if unavailable is not None:
            ctx.note(
                f"{unavailable} 年尚无官方节假日安排，无法判断执行 {shown} 是否在法定节假日",
                f"no official holiday schedule for {unavailable}: cannot tell whether the "
                f"session at {shown} was on a holiday",
                kind="calendar-unavailable",
                year=unavailable,
            )
        elif provisional:
            ctx.note(
                f"执行 {shown} 所在年份只有暂定日历，暂不认定是否在法定节假日",
                f"the session at {shown} falls in a provisional calendar year: holiday not decided",
                kind="provisional",
            )
        return
    reasons_zh: list[str] = []
    reasons_en: list[str] = []
    if night:
        reasons_zh.append(f"夜间（{begin}–{finish}）")
        reasons_en.append(f"at night ({begin}–{finish})")
    for day in rest:
        reasons_zh.append(f"{day}（{ctx.calendar.describe_day(day, 'zh')}）")
        reasons_en.append(f"{day} ({ctx.calendar.describe_day(day, 'en')})")
    ctx.finding(
        key=session.key,
        message_zh=f"强制执行 {measure.id} 在" + "、".join(reasons_zh) + f"实施（{shown}），"
        "且无紧急情况",
        message_en=f"enforcement {measure.id} carried out "
        + " and ".join(reasons_en)
        + f" ({shown}) with no emergency",
        facts={
            "start": session.start or session.day,
            "end": session.end,
            "night": night,
            "rest_days": rest,
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
)
def utilities(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags cutting water, power, heating or gas of a residence to force compliance.

    Any enforcement session whose methods include 停止供水、供电、供热或供燃气 and whose target is
    recorded as residential daily living. There is no emergency exception.

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
            shown = session.start.strftime("%Y-%m-%d %H:%M") if session.start else session.key
            ctx.finding(
                key=session.key,
                message_zh=f"强制执行 {measure.id} 对居民生活采取"
                + "、".join(m.label_zh for m in cuts)
                + f"方式迫使履行（{shown}）",
                message_en=f"enforcement {measure.id} cut "
                + ", ".join(m.value.removeprefix("cut_") for m in cuts)
                + f" of a residence to force compliance ({shown})",
                facts={"start": session.start, "methods": cuts, "residential": True},
            )


# --------------------------------------------------------------------------------------------
# ENF-DEMOLITION


def _remedy_deadlines(
    served: dt.date, ctx: Context, *, suit_rollover: bool
) -> tuple[Deadline, Deadline, list[tuple[str, str]]]:
    """The party's reconsideration (60 days, rolled over) and litigation (6 months) periods.

    When the 60-day period cannot be rolled over for lack of a calendar year, it is shown
    unrolled: the 6-month period always ends later, so the later of the two is unaffected.
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
        notes.append(
            (
                f"{error.year} 年无官方日历，复议期限未顺延；六个月起诉期限更晚，不影响结论",
                f"no official calendar for {error.year}: the reconsideration period is not "
                "rolled over; the 6-month period ends later anyway",
            )
        )
    suit = ctx.deadline(
        served,
        6,
        "M",
        rollover=suit_rollover,
        start_label="决定送达",
        start_label_en="decision served",
    )
    return review, suit, notes


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
            default=False,
            reading=True,
            doc="六个月起诉期限末日为休息日时是否顺延；目录公式为 add_months 不顺延（默认），"
            "民事诉讼法第85条支持顺延（U）/ roll the 6-month litigation period over a rest day",
        ),
    ),
)
def demolition(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags a forced demolition without its public notice, or before the party's remedies ran out.

    Applies to forced demolitions (``kind = forced_demolition``, or an enforcement session
    with the method ``demolition``), judged on the first session (or the record's start
    date). Keys: ``notice`` (no public notice before the demolition, or one without a
    deadline for removing it oneself), ``self-demolition-period`` (demolished on or before that
    deadline), ``waiting-period`` (demolished on or before the later of the reconsideration
    period — 60 days from service, rolled over — and the litigation period — 6 months from
    service), ``remedy-pending`` (a reconsideration or lawsuit filed and not concluded).

    ## Why
    行政强制法 Art. 44: "对违法的建筑物、构筑物、设施等需要强制拆除的，应当由行政机关予以公告，
    限期当事人自行拆除。当事人在法定期限内不申请行政复议或者提起行政诉讼，又不拆除的，行政机关
    可以依法强制拆除". 行政复议法 Art. 20: 60 days; 行政诉讼法 Art. 46: 6 months.

    ## Example that flags
    Decision served 2025-03-03: the 60 days end 2025-05-02 (in the 劳动节 block) → rolled to
    2025-05-06; the 6 months end 2025-09-03. Demolished 2025-08-20 → S1.

    ## Example that does not flag
    Demolished 2025-09-04 after a public notice whose deadline had passed, with no review or
    suit filed.

    ## Configuration
    ``litigation_period_rollover`` (reading, default ``false`` as in the catalog's formula).
    """
    found = sessions(measure)
    is_demolition = measure.kind is CoerciveKind.FORCED_DEMOLITION or any(
        ExecutionMethod.DEMOLITION in s.methods for s in found
    )
    if not is_demolition or not found:
        return
    day = found[0].day
    notice = measure.public_notice
    if notice is None or notice.date > day or notice.self_demolition_deadline is None:
        if notice is None or notice.date > day:
            why_zh, why_en = "未事先公告", "no public notice beforehand"
        else:
            why_zh, why_en = "公告未限定自行拆除期限", "the notice sets no deadline for removal"
        ctx.finding(
            key="notice",
            message_zh=f"强制拆除 {measure.id}（{day}）{why_zh}",
            message_en=f"forced demolition {measure.id} ({day}): {why_en}",
            facts={
                "demolition_date": day,
                "notice_date": notice.date if notice else None,
                "self_demolition_deadline": notice.self_demolition_deadline if notice else None,
            },
            deadlines={},
        )
    elif day <= notice.self_demolition_deadline:
        ctx.finding(
            key="self-demolition-period",
            message_zh=f"强制拆除 {measure.id}（{day}）在公告限定的自行拆除期限"
            f"（{notice.self_demolition_deadline}）届满前实施",
            message_en=f"forced demolition {measure.id} ({day}) before the deadline for removing "
            f"it oneself ({notice.self_demolition_deadline}) had passed",
            facts={
                "demolition_date": day,
                "notice_date": notice.date,
                "self_demolition_deadline": notice.self_demolition_deadline,
            },
            deadlines={},
        )
    pending = [
        r
        for r in measure.remedies
        if r.filed_date <= day and (r.concluded_date is None or r.concluded_date >= day)
    ]
    if pending:
        ctx.finding(
            key="remedy-pending",
            message_zh=f"强制拆除 {measure.id}（{day}）时复议或诉讼尚未终结",
            message_en=f"forced demolition {measure.id} ({day}) while a reconsideration or "
            "lawsuit was pending",
            facts={
                "demolition_date": day,
                "pending": [{"kind": r.kind, "filed_date": r.filed_date} for r in pending],
            },
            deadlines={},
        )
    served = measure.underlying_decision_served_date
    if served is None:
        ctx.note(
            f"强制拆除 {measure.id} 缺少被执行决定的送达日期，无法计算复议和诉讼期限",
            f"forced demolition {measure.id}: the date the decision was served is missing; "
            "the remedy periods cannot be computed",
            kind="undecided",
        )
        return
    review, suit, notes = _remedy_deadlines(
        served, ctx, suit_rollover=bool(ctx.reading("litigation_period_rollover"))
    )
    later = suit if suit.due_date >= review.due_date else review
    if not ctx.deadline_met(later, day, label="复议诉讼期限"):
        return  # demolished after both periods
    deadlines: dict[str, Any] = {"起诉期限（六个月）": suit}
    if not review.provisional or later is review:
        deadlines["复议期限（六十日）"] = review
    ctx.finding(
        key="waiting-period",
        message_zh=f"强制拆除 {measure.id}（{day}）在当事人申请复议或提起诉讼的法定期限"
        f"（至 {later.due_date}）届满前实施",
        message_en=f"forced demolition {measure.id} ({day}) before the party's time to seek "
        f"reconsideration or sue ran out ({later.due_date})",
        facts={
            "decision_served_date": served,
            "reconsideration_period_end": review.due_date,
            "litigation_period_end": suit.due_date,
            "demolition_date": day,
        },
        deadlines=deadlines,
        notes=notes,
    )


# --------------------------------------------------------------------------------------------
# ENF-COURT-APPLY


@rule(
    id="ENF-COURT-APPLY",
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
            "期限与顺延期限之间只记 S4（docs/catalog/interpretations.md，U）/ roll agency-side "
            "deadlines over",
        ),
    ),
)
def court_apply(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags an application to court for enforcement made too early or too late.

    ``too-early``: the application was made on or before the 10th working day after the
    demand (催告) was served (when the service date is missing, only an application within 10
    working days of the demand's own date is certainly early). ``too-late``: made more than 3
    months after the party's remedy period ended (``remedy_period_end``, or, when missing,
    the later of 60 days rolled over and 6 months from the service of the decision). With the
    ``agency_deadline_rollover`` reading an application after the strict end but on or before
    the rolled-over end gets only an S4 note.

    ## Why
    行政强制法 Art. 53: "没有行政强制执行权的行政机关可以自期限届满之日起三个月内…申请人民法院
    强制执行"; Art. 54: "催告书送达十日后当事人仍未履行义务的，行政机关可以…申请强制执行";
    Art. 69: 10 days are working days.

    ## Example that flags
    Demand served Monday 2025-03-03; the 10 working days end 2025-03-17; applied 2025-03-17
    → S2. Remedy period ended 2025-09-03; applied 2025-12-04 → S2.

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
        _court_too_late(measure, application, ctx)
    gaps.finish()


def _court_too_early(measure: CoerciveMeasure, application: CourtApplication, ctx: Context) -> None:
    """Art. 54: not before 10 working days have passed since the demand was served."""
    applied = application.date
    demand = measure.cuigao
    if demand is None:
        return
    start = demand.served_date or demand.date
    wait = ctx.deadline(
        start,
        10,
        "WD",
        start_label="催告书送达" if demand.served_date else "催告",
        start_label_en="demand served" if demand.served_date else "demand issued",
    )
    if ctx.deadline_met(wait, applied, label="催告后等待期"):
        ctx.finding(
            key="too-early",
            message_zh=f"申请法院强制执行 {measure.id}（{applied}）距催告书送达未满 10 个工作日"
            f"（{wait.due_date} 后方可申请）",
            message_en=f"court enforcement {measure.id}: applied on {applied}, within 10 "
            f"working days of the demand (not before {wait.due_date} had passed)",
            facts={
                "cuigao_date": demand.date,
                "cuigao_served_date": demand.served_date,
                "application_date": applied,
            },
            deadlines={"催告后等待期": wait},
        )
    elif demand.served_date is None:
        ctx.note(
            f"申请法院强制执行 {measure.id} 缺少催告书送达日期，无法确认是否已满 10 个工作日",
            f"court enforcement {measure.id}: the demand's service date is missing",
            kind="undecided",
        )


def _court_too_late(measure: CoerciveMeasure, application: CourtApplication, ctx: Context) -> None:
    """Art. 53: within 3 months of the end of the party's remedy period."""
    applied = application.date
    period_end = application.remedy_period_end
    notes: list[tuple[str, str]] = []
    if period_end is None and measure.underlying_decision_served_date is not None:
        review, suit, notes = _remedy_deadlines(
            measure.underlying_decision_served_date, ctx, suit_rollover=False
        )
        period_end = max(review.due_date, suit.due_date)
        notes.append(
            (
                f"复议诉讼期限届满日按决定送达日推算为 {period_end}",
                f"remedy period end computed from the service of the decision: {period_end}",
            )
        )
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
    if ctx.deadline_met(deadline, applied, label="申请期限"):
        if applied > deadline.strict_date:
            ctx.finding(
                key="too-late",
                severity="S4",
                message_zh=f"申请法院强制执行 {measure.id}（{applied}）晚于严格期限"
                f"（{deadline.strict_date}），仅因末日顺延而在期限内",
                message_en=f"court enforcement {measure.id}: applied on {applied}, after the "
                f"strict deadline {deadline.strict_date}; in time only by rollover",
                facts={"remedy_period_end": period_end, "application_date": applied},
                deadlines={"申请期限": deadline},
                notes=notes,
            )
        return
    ctx.finding(
        key="too-late",
        message_zh=f"申请法院强制执行 {measure.id}（{applied}）超过期限届满之日起三个月"
        f"（{deadline.due_date}）",
        message_en=f"court enforcement {measure.id}: applied on {applied}, more than 3 months "
        f"after the remedy period ended (deadline {deadline.due_date})",
        facts={"remedy_period_end": period_end, "application_date": applied},
        deadlines={"申请期限": deadline},
        notes=notes,
    )


# --------------------------------------------------------------------------------------------
# ENF-SURCHARGE


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
)
def surcharge(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags a surcharge above the principal, not notified, or enforced too soon.

    Keys: ``amount`` (the surcharge exceeds the money obligation — equal is allowed),
    ``standard`` (the surcharge standard was not told to the party), ``early-enforcement``
    (the agency decided on or carried out enforcement before the surcharge had run more than
    30 days — counted from its first day, start day not counted — or without a demand
    (催告) before it).

    ## Why
    行政强制法 Art. 45: "加处罚款或者滞纳金的标准应当告知当事人。加处罚款或者滞纳金的数额不得
    超出金钱给付义务的数额"; Art. 46: "实施加处罚款或者滞纳金超过三十日，经催告当事人仍不履行的，
    具有行政强制执行权的行政机关可以强制执行". 30 days are calendar days.

    ## Example that flags
    A fine of 1,000.00 yuan with a surcharge of 1,000.01 yuan; or a surcharge from 2025-05-01
    and an enforcement decision on 2025-05-31.

    ## Example that does not flag
    A surcharge of exactly 1,000.00 yuan; an enforcement decision on 2025-06-01 after a demand.

    ## Configuration
    None.
    """
    charge = measure.surcharge
    if charge is None:
        return
    if charge.principal is not None and exceeds(charge.amount, charge.principal):
        ctx.finding(
            key="amount",
            message_zh=f"{measure.id} 加处罚款或滞纳金 {charge.amount} 元超出金钱给付义务 "
            f"{charge.principal} 元",
            message_en=f"{measure.id}: surcharge of {charge.amount} yuan exceeds the obligation "
            f"of {charge.principal} yuan",
            facts={"surcharge": charge.amount, "principal": charge.principal},
            deadlines={},
        )
    if charge.standard_notified is False:
        ctx.finding(
            key="standard",
            message_zh=f"{measure.id} 未告知当事人加处罚款或滞纳金的标准",
            message_en=f"{measure.id}: the surcharge standard was not told to the party",
            facts={"standard_notified": False},
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
    too_soon = ctx.deadline_met(running, enforced, label="加处满三十日")
    demand = measure.cuigao
    no_demand = demand is None or demand.date > enforced
    if too_soon or no_demand:
        why_zh = []
        why_en = []
        if too_soon:
            why_zh.append(f"加处未超过三十日（{running.due_date} 后方可）")
            why_en.append(f"the surcharge had not run more than 30 days (until {running.due_date})")
        if no_demand:
            why_zh.append("未经催告")
            why_en.append("no demand beforehand")
        ctx.finding(
            key="early-enforcement",
            message_zh=f"{measure.id} 于 {enforced} 强制执行：" + "、".join(why_zh),
            message_en=f"{measure.id}: enforced on {enforced}: " + "; ".join(why_en),
            facts={
                "surcharge_start_date": charge.start_date,
                "enforcement_date": enforced,
                "cuigao_date": demand.date if demand else None,
            },
            deadlines={"加处满三十日": running},
        )


# --------------------------------------------------------------------------------------------
# ENF-PROXY


def _nth_working_day_before(ctx: Context, event: dt.date, n: int) -> DeadlineReason:
    """``sub_wd(event, n)`` of the catalog, with a trace for the statement of reasons."""
    counted = [ctx.calendar.sub_working_days(event, k) for k in range(1, n + 1)]
    latest = counted[-1]
    plain = dt.date(latest.year, latest.month, latest.day)
    provisional = any(is_provisional(day) for day in counted)
    days_zh = "、".join(f"{d.isoformat()}（{ctx.calendar.describe_day(d, 'zh')}）" for d in counted)
    days_en = ", ".join(f"{d.isoformat()} ({ctx.calendar.describe_day(d, 'en')})" for d in counted)
    extra_zh = "（暂定日历）" if provisional else ""
    extra_en = " (provisional calendar)" if provisional else ""
    return DeadlineReason(
        label="代履行前催告期限",
        due_date=plain,
        strict_date=plain,
        rolled_date=plain,
        trace_zh=f"代履行 {event} 前倒数 {n} 个工作日：{days_zh} → 最迟 {plain}{extra_zh}",
        trace_en=f"{n} working days counted back from the performance on {event}: {days_en} "
        f"→ latest {plain}{extra_en}",
        provisional=provisional,
    )


@rule(
    id="ENF-PROXY",
    title_zh="代履行",
    title_en="Performance by a third party",
    category="procedure",
    severity="S2",
    legal_basis=(ACL.art("50"), ACL.art("51"), ART69),
    applies_to=RECORD,
    valid_from=ACL.in_force,
    facts_date="start_date",
)
def proxy(measure: CoerciveMeasure, ctx: Context) -> None:
    """Flags a performance by a third party (代履行) without its safeguards.

    Judged once the performance date is known (``proxy.execution_date``, else the first
    session of a ``proxy_performance`` record). Keys: ``decision`` (no decision served on or
    before the performance date), ``cuigao`` (no demand, or one later than the 3rd working day
    before the performance, ``sub_wd(execution_date, 3)``), ``staff`` (no agency staff
    supervising on the spot, as recorded).

    ## Why
    行政强制法 Art. 51: "代履行前送达决定书…代履行三日前，催告当事人履行…代履行时，作出决定的
    行政机关应当派员到场监督"; Art. 69: the 3 days are working days.

    ## Example that flags
    Performance on Monday 2025-10-13; counting back, Saturday 10-11 (a make-up day) is the 1st
    working day before it, 10-10 the 2nd and 10-09 the 3rd; a demand on 2025-10-10 → S2.

    ## Example that does not flag
    A demand on 2025-10-09 and the decision served on 2025-10-09.

    ## Configuration
    None.
    """
    third = measure.proxy
    if third is None:
        return
    performed = third.execution_date
    if performed is None and measure.kind is CoerciveKind.PROXY_PERFORMANCE:
        performed = _first_day(measure, fallback=False)
    if performed is None:
        return
    served = third.decision_served_date
    if served is None or served > performed:
        when_zh = "未送达" if served is None else f"{served} 才送达"
        when_en = "never served" if served is None else f"served only on {served}"
        ctx.finding(
            key="decision",
            message_zh=f"代履行 {measure.id}（{performed}）前未送达代履行决定书（{when_zh}）",
            message_en=f"proxy performance {measure.id} ({performed}) without the decision served "
            f"beforehand ({when_en})",
            facts={"execution_date": performed, "decision_served_date": served},
            deadlines={},
        )
    if third.agency_staff_present is False:
        ctx.finding(
            key="staff",
            message_zh=f"代履行 {measure.id}（{performed}）时行政机关未派员到场监督",
            message_en=f"proxy performance {measure.id} ({performed}): no agency staff present",
            facts={"execution_date": performed, "agency_staff_present": False},
            deadlines={},
        )
    latest = _nth_working_day_before(ctx, performed, 3)
    demanded = third.cuigao_date
    if demanded is None or latest.due_date is None or demanded > latest.due_date:
        when_zh = "未催告" if demanded is None else f"{demanded} 才催告"
        when_en = "no demand" if demanded is None else f"demand only on {demanded}"
        ctx.finding(
            key="cuigao",
            message_zh=f"代履行 {measure.id}（{performed}）未在三个工作日前（{latest.due_date} 前）"
            f"催告当事人履行（{when_zh}）",
            message_en=f"proxy performance {measure.id} ({performed}): no demand 3 working days "
            f"before (by {latest.due_date}; {when_en})",
            facts={"execution_date": performed, "cuigao_date": demanded},
            deadlines={"代履行前催告期限": latest},
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
