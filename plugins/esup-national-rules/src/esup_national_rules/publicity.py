"""§1.5 三项制度与公开 — transparency and the "three systems" (国办发〔2018〕118号 etc.).

The three systems are 行政执法公示 (publishing who enforces what, and the decisions),
执法全过程记录 (full records, audio-video for the most intrusive acts) and 重大执法决定法制审核.
This module holds the publicity and recording rules: publication of decisions and its
withdrawal, ex-ante disclosure, government-information deadlines and audio-video records.
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
    Procedure,
)
from enforcement_supervision.rules import Context, Evidence, Parameter, Rule, rule
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
_KIND_ZH = {"penalty": "行政处罚决定", "licence": "行政许可决定", "other": "行政强制决定"}


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


def _profiles(value: Any) -> dict[str, dict[str, int]]:
    if not isinstance(value, Mapping):
        raise TypeError("expected a table {sector = {kind = working days}}")
    return {str(sector): _wd_table(table) for sector, table in value.items()}


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
_BASIS_SAMR_45_2 = SAMR_PUBLICITY.art("2", verification="V2")


@rule(
    id="PUB-DECISION",
    title_zh="执法决定公开时限",
    title_en="Deadline for publishing decisions",
    category="transparency",
    severity="S3",
    legal_basis=[
        _BASIS_118,
        _BASIS_LICENCE_40,
        _BASIS_SAMR_45_9,
        _BASIS_PENALTY_48,
        _BASIS_SAMR_45_2,
    ],
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
            name="sector_profiles",
            default={"market_regulation": {"penalty": 20}},
            converter=_profiles,
            unit="working days",
            doc="行业规定 {执法领域 = {决定种类 = 工作日}} / sector profiles: market regulation "
            "publishes penalties on the enterprise credit system within 20 working days "
            "(总局令第45号 Art. 9). A profile applies only when selected in "
            "apply_sector_profiles.",
        ),
        Parameter(
            name="apply_sector_profiles",
            default=(),
            converter=_text_list,
            doc="启用的行业规定（执法领域代码，'*' 为全部）/ sector profiles to apply to "
            "agencies of that sector ('*': every profile). Default none: the national deadline",
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
)
def decision_publication(record: Any, ctx: Context) -> None:
    """Flags a decision published after the deadline, or still unpublished when it has passed.

    Decisions: a penalty decision that imposes a penalty (``penalty``), a granted licence
    (``licence``; 行政许可法 Art. 40 makes granted licences public), and coercive measures and
    decisions to enforce (``other``). The deadline is counted in working days from the date of
    the decision (the start day is not counted): 7 for penalty and licence decisions, 20 for
    others, or a selected sector profile's value for agencies of that sector. A decision
    revoked or confirmed void before the deadline need not be published. A penalty decision
    made under the summary procedure (当场处罚) is in scope only when it is recorded as having
    a certain social impact (``decision.social_impact``), unless
    ``summary_procedure_in_scope`` is set.

    ## Why
    国办发〔2018〕118号: decisions are published within 20 working days, 行政许可 and 行政处罚
    decisions within 7. 市场监管总局令第45号 Art. 9 gives market regulation 20 working days
    for penalty information on the enterprise credit system. 行政处罚法 (2021) Art. 48(1)
    narrows mandatory publication of penalty decisions to those "具有一定社会影响的", and
    总局令第45号 Art. 2 publishes only decisions made under the ordinary procedure; summary
    decisions are mostly small on-the-spot fines on natural persons, so by default (a reading,
    U) they are left out unless recorded as having social impact.

    ## Example that flags
    Penalty decision of 2025-09-22 (Mon), published 2025-10-09: the 7th working day is
    2025-09-30 (Sunday 09-28 is a make-up working day) → S3.

    ## Example that does not flag
    Published 2025-09-30; or a market regulation penalty published 2025-10-09 with
    ``apply_sector_profiles = ["market_regulation"]`` (20 working days: due 2025-10-24); or a
    50-yuan on-the-spot fine never published (summary procedure, no social impact).

    ## Configuration
    ``publication_wd`` (7/7/20), ``sector_profiles``, ``apply_sector_profiles`` (default none),
    ``unpublished_is_late`` (reading, default true), ``summary_procedure_in_scope`` (reading,
    default false).
    """
    found = _decision_of(record)
    if found is None:
        return
    kind, decided, publication = found
    if (
        kind == "penalty"
        and record.decision.procedure == Procedure.SUMMARY
        and record.decision.social_impact is not True
        and not ctx.reading("summary_procedure_in_scope", as_of=decided)
    ):
        return
    agency = ctx.lookup("agency", record.agency_id)
    sector: str | None = None if agency is None else agency.sector
    days: int = ctx.param("publication_wd", as_of=decided)[kind]
    source = "national"
    selected = ctx.param("apply_sector_profiles", as_of=decided)
    if sector is not None and (sector in selected or "*" in selected):
        profile = ctx.param("sector_profiles", as_of=decided).get(sector, {})
        if kind in profile:
            days, source = profile[kind], f"sector:{sector}"
    deadline = ctx.deadline(
        decided, days, "WD", start_label="决定作出", start_label_en="decision made"
    )
    published: dt.date | None = None if publication is None else publication.published_date
    articles = [_BASIS_118]
    if kind == "licence":
        articles.append(_BASIS_LICENCE_40)
    if source != "national" and sector == "market_regulation":
        articles.append(_BASIS_SAMR_45_9)
    if kind == "penalty" and record.decision.procedure == Procedure.SUMMARY:
        articles.append(_BASIS_PENALTY_48)
    facts: dict[str, Any] = {
        "decision_kind": kind,
        "decision_date": decided,
        "published_date": published,
        "working_days": days,
        "deadline_source": source,
        "sector": sector,
    }
    if published is None:
        if not ctx.reading("unpublished_is_late", as_of=decided):
            return
        change = getattr(getattr(record, "decision", None), "change", None)
        if (
            change is not None
            and change.kind in (DecisionChangeKind.REVOKED, DecisionChangeKind.CONFIRMED_VOID)
            and change.date <= deadline.due_date
        ):
            return
        if ctx.deadline_passed(deadline, label="公开期限 / publication"):
            ctx.finding(
                key="publication",
                message_zh=f"{_KIND_ZH[kind]}作出后 {days} 个工作日内未公开",
                message_en=f"{kind} decision not published within {days} working days",
                facts=facts,
                articles=articles,
            )
        return
    if not ctx.deadline_met(deadline, published, label="公开期限 / publication"):
        ctx.finding(
            key="publication",
            message_zh=f"{_KIND_ZH[kind]}超过 {days} 个工作日才公开（{published.isoformat()}）",
            message_en=f"{kind} decision published on {published.isoformat()}, "
            f"after {days} working days",
            facts=facts,
            articles=articles,
        )


# --------------------------------------------------------------------------------------------
# PUB-WITHDRAW


def _change_date(case: Any) -> dt.date | None:
    decision = getattr(case, "decision", None)
    change = None if decision is None else decision.change
    return None if change is None else change.date


@rule(
    id="PUB-WITHDRAW",
    title_zh="撤回公开信息",
    title_en="Withdrawing published information",
    category="transparency",
    severity="S3",
    legal_basis=[
        APL.art("48", "2"),
        APL.art("85"),
        SAMR_PUBLICITY.art("11"),
    ],
    applies_to="penalty-case",
    valid_from=APL.in_force,
    facts_date=_change_date,
)
def publication_withdrawal(case: Any, ctx: Context) -> None:
    """Flags published penalty information not withdrawn within 3 working days of a change.

    When a published decision is changed, revoked, confirmed unlawful or confirmed void
    (``decision.change``), the publication must be withdrawn within 3 working days of the
    change (Art. 85: "三日" are working days) with the reasons stated publicly: late or missing
    withdrawal → key ``withdrawal``; withdrawn with no reason stated → key ``reason``. A
    publication dated after the change is not judged (it may be of the new decision).

    ## Why
    行政处罚法 Art. 48(2): "公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政
    机关应当在三日内撤回行政处罚决定信息并公开说明理由"; Art. 85; 总局令第45号 Art. 11.

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
    }
    if ctx.late(deadline, withdrawn, label="撤回期限 / withdrawal"):
        ctx.finding(
            key="withdrawal",
            message_zh=f"决定{change.kind.label_zh}后未在 3 个工作日内撤回公开信息",
            message_en=f"published decision ({change.kind}) not withdrawn within 3 working days",
            facts=facts,
        )
    if withdrawn is not None and publication.withdrawal_reason is None:
        ctx.finding(
            key="reason",
            message_zh="撤回公开信息未公开说明理由",
            message_en="publication withdrawn without stating the reasons",
            facts=facts,
            deadlines=(),
        )


# --------------------------------------------------------------------------------------------
# PUB-PENALTY-SCOPE


def _penalty_decision_date(case: Any) -> dt.date | None:
    decision = getattr(case, "decision", None)
    return None if decision is None else decision.decision_date


@rule(
    id="PUB-PENALTY-SCOPE",
    title_zh="具有一定社会影响的决定应公开",
    title_en="Decisions with public impact must be published",
    category="transparency",
    severity="S3",
    legal_basis=APL.art("48", "1"),
    applies_to="penalty-case",
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
        )
    ],
)
def penalty_publication_scope(case: Any, ctx: Context) -> None:
    """Flags a penalty decision with public impact that was never published.

    A decision recorded as having a certain social impact (``decision.social_impact == true``)
    with no publication date is flagged once ``grace_wd`` working days have passed since the
    decision. A decision revoked or confirmed void meanwhile need not be published.

    ## Why
    行政处罚法 Art. 48(1): "具有一定社会影响的行政处罚决定应当依法公开".

    ## Example that flags
    Decision of 2025-03-03 with social impact, unpublished at 2025-03-13: S3.

    ## Example that does not flag
    Published 2025-03-20 (lateness is PUB-DECISION's business), or no social impact recorded.

    ## Configuration
    ``grace_wd`` (default 7, U).
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
    deadline = ctx.deadline(
        decision.decision_date,
        ctx.param("grace_wd"),
        "WD",
        start_label="决定作出",
        start_label_en="decision made",
    )
    if ctx.deadline_passed(deadline, label="公开期限 / publication"):
        ctx.finding(
            key="unpublished",
            message_zh="具有一定社会影响的行政处罚决定未公开",
            message_en="penalty decision with public impact not published",
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


@rule(
    id="PUB-EX-ANTE",
    title_zh="事前公开",
    title_en="Ex-ante disclosure",
    category="transparency",
    severity="S3",
    legal_basis=[
        APL.art("39"),
        APL.art("34"),
        OPINION_118.art(verification="V2"),
    ],
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
)
def ex_ante_disclosure(agency: Any, ctx: Context) -> None:
    """Flags an enforcing agency that has not published an item of ex-ante disclosure.

    One finding per missing item (key ``missing:<item>``) among ``required_items``, judged on
    the agency's ``disclosures``. Bodies that do not enforce (coordination bodies, testing
    institutions, research institutes, intermediaries) are not checked.

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
    for item in ctx.param("required_items"):
        if item in published:
            continue
        label = DisclosureKind(item).label_zh
        ctx.finding(
            key=f"missing:{item}",
            message_zh=f"未事前公开：{label}",
            message_en=f"not disclosed ex ante: {item}",
            facts={"agency_id": agency.id, "missing": item},
        )


# --------------------------------------------------------------------------------------------
# PUB-GOVINFO

#: 政府信息公开条例 deadlines (working days).
PROACTIVE_WD = 20  # Art. 26
CORRECTION_NOTICE_WD = 7  # Art. 30
REPLY_WD = 20  # Art. 33(2)
MAX_EXTENSION_WD = 20  # Art. 33(2)


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
    legal_basis=[
        GOVINFO.art("26"),
        GOVINFO.art("30"),
        GOVINFO.art("33"),
    ],
    applies_to=("information-request", "information-disclosure"),
    valid_from=GOVINFO.in_force,
    facts_date=_govinfo_date,
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
        if ctx.late(deadline, record.published_date, label="主动公开期限 / proactive disclosure"):
            ctx.finding(
                key="proactive",
                message_zh=f"主动公开的政府信息未在形成后 {PROACTIVE_WD} 个工作日内公开",
                message_en=f"information not disclosed within {PROACTIVE_WD} working days "
                "of being formed",
                facts={
                    "formed_date": record.formed_date,
                    "published_date": record.published_date,
                },
            )
        return

    received: dt.date = record.received_date
    start, start_label, start_label_en = received, "收到申请", "request received"
    if record.correction_notice_date is not None:
        notice_deadline = ctx.deadline(
            received,
            CORRECTION_NOTICE_WD,
            "WD",
            start_label="收到申请",
            start_label_en="request received",
        )
        if not ctx.deadline_met(
            notice_deadline, record.correction_notice_date, label="补正告知期限 / correction notice"
        ):
            ctx.finding(
                key="correction-notice",
                message_zh=f"未在收到申请后 {CORRECTION_NOTICE_WD} 个工作日内一次性告知补正",
                message_en=f"clarification not requested within {CORRECTION_NOTICE_WD} "
                "working days of receipt",
                facts={
                    "received_date": received,
                    "correction_notice_date": record.correction_notice_date,
                },
                deadlines={"补正告知期限 / correction notice": notice_deadline},
            )
        if record.correction_received_date is None:
            return  # waiting for the requester: no reply is due
        start, start_label, start_label_en = (
            record.correction_received_date,
            "收到补正申请",
            "clarified request received",
        )
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
                notes.append(
                    (
                        f"延长 {extension.days} 个工作日超过法定上限，按 {MAX_EXTENSION_WD} 计",
                        f"extension of {extension.days} working days capped at {MAX_EXTENSION_WD}",
                    )
                )
        else:
            notes.append(("延长未告知申请人，不予计入", "extension not notified: not counted"))
    deadline = ctx.deadline(
        start,
        REPLY_WD,
        "WD",
        extensions=extensions,
        start_label=start_label,
        start_label_en=start_label_en,
    )
    if ctx.late(deadline, record.reply_date, label="答复期限 / reply"):
        ctx.finding(
            key="reply",
            message_zh="政府信息公开申请未在法定期限内答复",
            message_en="information request not answered within the statutory period",
            facts={"start_date": start, "reply_date": record.reply_date},
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
    legal_basis=[
        OPINION_118.art(verification="V2"),
        APL.art("47"),
    ],
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
)
def audio_video_record(record: Any, ctx: Context) -> None:
    """Flags an on-site act on the audio-video list recorded as having no AV record.

    Acts: a coercive measure's on-site procedure and each execution session, each act of a
    penalty case, an inspection. An act whose ``<record type>:<kind>`` is on ``av_required``
    and whose ``av_recorded`` is ``false`` is flagged (key ``av:<act>``). ``av_recorded`` left
    empty means "not recorded in the data" and is not flagged.

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
            key=f"av:{act.key}",
            message_zh=f"{act.label_zh}未全程音像记录",
            message_en=f"{act.label_en}: no audio-video record",
            facts={"act": act.key, "kind": act.kind, "date": act.date, "av_recorded": False},
            evidence=[
                Evidence(
                    description=act.label_zh,
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
