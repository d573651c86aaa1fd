"""§1.4 涉企行政检查 — inspections of enterprises (国办发〔2024〕54号 and its implementation).

国办发〔2024〕54号 (dated 2024-12-30, published 2025-01-03) brought in the "五个严禁/八个不得":
no inspections by unqualified bodies or persons, no inspection of an item that was not
published, merged and joint inspections, warnings on repeated and high-frequency inspections,
and annual per-enterprise caps to be published by 2025-06-30. 司法部《涉企检查意见有关问题解答》
(2025-04-18) added prior approval of every inspection by the head of the agency. The rules
below apply to inspections dated on or after those instruments took effect.

Group rules (INSP-FREQ-CAP, INSP-REPEAT, INSP-MERGE) see all inspections of one enterprise
(``enterprise.party_id``) at once; inspections without a ``party_id`` cannot be grouped and are
left out. Findings about one inspection name that inspection as their subject; findings about a
period name the enterprise.

**Texts and citations.** Each rule declares the texts of its findings as message templates
(``messages={...}``) with the provisions that path applies; bodies name the kind and give the
facts. Citations come from the pack's instrument registry (:mod:`esup_national_rules._law`).

**The same day.** Dates carry no time. An approval, a published list, a certificate valid
"until" a day all count on their own day; each rule says what the same day means for it in
its docs, in a comment at the comparison, and in a boundary test.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from enforcement_supervision.model import (
    AgencyKind,
    AgencyLevel,
    InspectionResult,
    InspectionType,
    MatterListKind,
)
from enforcement_supervision.rules import (
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
from enforcement_supervision.statutory_time import at_least, exceeds
from esup_national_rules._law import APL, CODE_OF_CONDUCT, OPINION_54, OPINION_54_QA
from esup_national_rules._officers import officer_problem_texts
from esup_national_rules._personnel_acts import region_covers

__all__ = [
    "RULES",
    "inspection_approval",
    "inspection_frequency_cap",
    "inspection_item_published",
    "inspection_merge",
    "inspection_officers",
    "inspection_remote",
    "inspection_repeat",
    "inspection_scan",
    "inspection_subject",
]

#: Annual frequency caps had to be published by 2025-06-30 (54号); they bind from then on.
CAPS_IN_FORCE = dt.date(2025, 6, 30)

#: Bodies that may never inspect (54号 §二: 议事协调机构、检验检测机构、科研院所、中介机构).
BARRED_AGENCY_KINDS = frozenset(
    {
        AgencyKind.COORDINATION_BODY,
        AgencyKind.TESTING_INSTITUTION,
        AgencyKind.RESEARCH_INSTITUTE,
        AgencyKind.INTERMEDIARY,
    }
)

_ALL_TYPES = tuple(t.value for t in InspectionType)


def _order(inspection: Any) -> tuple[dt.date, str, str]:
    """Inspections in time order: date, then entry time, then id (stable)."""
    start = inspection.start_datetime
    return (inspection.date, "" if start is None else start.isoformat(), str(inspection.id))


def _enterprise_key(inspection: Any) -> str | None:
    party_id: str | None = inspection.enterprise.party_id
    return party_id


def _types_converter(value: Any) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise TypeError("expected a list of inspection types")
    items = tuple(str(item) for item in value)
    unknown = [item for item in items if item not in _ALL_TYPES]
    if unknown:
        raise ValueError(f"unknown inspection type(s) {unknown}; known: {list(_ALL_TYPES)}")
    return items


def _day_after(day: dt.date) -> dt.date:
    """The first day past a period's last day (the date of the facts of a duty not done)."""
    return day + dt.timedelta(days=1)


def _text_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise TypeError("expected a list of text")
    return tuple(str(item) for item in value)


#: Descriptions of the evidence a finding lists (the Chinese text: evidence is described once).
_INSPECTION_EVIDENCE = Message(
    zh="检查 {id}（{date}，{type}）", en="inspection {id} ({date}, {type})"
)
_AGENCY_EVIDENCE = Message(zh="执法主体", en="enforcement agency")
_OFFICER_EVIDENCE = Message(zh="执法人员", en="officer")
_LIST_EVIDENCE = Message(zh="事项清单", en="matter list")


def _described(message: Message, **facts: Any) -> str:
    return message.render(facts, "zh")


def _inspection_evidence(inspections: Iterable[Any]) -> list[Evidence]:
    return [
        Evidence(
            description=_described(_INSPECTION_EVIDENCE, id=i.id, date=i.date, type=i.type),
            record_type="inspection",
            record_id=str(i.id),
        )
        for i in inspections
    ]


def _sector_label() -> Callable[..., str]:
    """The reports' names of sectors (the one list of official sector names). Imported when a
    finding needs one: importing the reports at module load would load the store with every
    rule pack."""
    from enforcement_supervision.reports.vocabulary import sector_label

    return sector_label


def _sector(code: str | None) -> Text:
    """A sector code as its official name in Chinese and as words in English. A code without
    an official name stays a code: the reports name it as the deployment's ``[reports.sectors]``
    says."""
    if not code:
        return Text(zh="—", en="-")
    sector_label = _sector_label()
    name = sector_label(code)
    return Text(zh=code if name == sector_label(_UNKNOWN) else name, en=sector_label(code, "en"))


#: A code no sector has: what sector_label says of a sector it does not know.
_UNKNOWN = "-"


def _scope(scope: str) -> Text:
    """A cap scope (``county`` or ``city+county``) as the levels it joins."""
    levels = [AgencyLevel(part) for part in scope.split("+")]
    return Text(
        zh="、".join(level.label_zh for level in levels),
        en=" and ".join(level.value for level in levels),
    )


# --------------------------------------------------------------------------------------------
# INSP-SUBJECT


_ART54 = OPINION_54.art(verification="V2")
_ART54_2 = OPINION_54.art("二", verification="V2")
_ART54_3 = OPINION_54.art("三", verification="V2")
_QA = OPINION_54_QA.art(verification="V2")
_APL42 = APL.art("42", "1")
_APL55 = APL.art("55")
_CONDUCT = CODE_OF_CONDUCT.art(verification="V2")


@rule(
    id="INSP-SUBJECT",
    title_zh="检查主体资格",
    title_en="Qualified inspecting body and persons",
    category="abuse",
    severity="S1",
    legal_basis=[_ART54_2, _CONDUCT],
    applies_to="inspection",
    valid_from=OPINION_54.in_force,
    facts_date="date",
    messages={
        "subject-not-confirmed": Message(
            zh="检查机关 {agency_id} 未经确认具有行政检查主体资格",
            en="agency {agency_id} is not confirmed as a qualified inspecting body",
            articles=[_ART54_2],
        ),
        "agency-kind": Message(
            zh="检查机关 {agency_id} 为{agency_kind}，不得实施行政检查",
            en="agency {agency_id} is a {agency_kind}: it may not inspect",
            articles=[_ART54_2],
        ),
        "joint-agency-kind": Message(
            zh="联合检查单位 {agency_id} 为{agency_kind}，不得实施行政检查",
            en="joint inspecting body {agency_id} is a {agency_kind}: it may not inspect",
            articles=[_ART54_2],
        ),
        "officer-not-qualified": Message(
            zh="检查人员 {officer_id} 不具备执法资格：{problems}",
            en="inspector {officer_id} may not inspect: {problems}",
            articles=[_ART54_2, _CONDUCT],
        ),
    },
)
def inspection_subject(inspection: Any, ctx: Context) -> None:
    """Flags an inspection by a body or person that may not inspect enterprises.

    Three findings are possible: the inspecting agency is recorded as *not* confirmed as an
    inspecting body (``inspection_subject_confirmed == false``); the agency (or an agency of a
    joint inspection) is a coordination body, testing institution, research institute or
    intermediary; an inspector fails OFFICER-VALID on the inspection day (no officer record, a
    certificate not active or not valid that day, or auxiliary staff).

    ## Why
    国办发〔2024〕54号 §二: "严禁" inspections by 议事协调机构、第三方、中介机构 and by auxiliary
    staff, grid workers or temporary staff without an enforcement certificate; the 2025 code of
    conduct bans "无权执法、越权执法、无证执法、借证执法". Applies to inspections from 2025-01-03.

    ## Example that flags
    An inspection on 2025-07-02 by officers X and Y where X's certificate ran to 2025-06-30:
    one S1 finding with key ``officer:X``.

    ## Example that does not flag
    The same inspection on 2025-06-30 (validity dates are inclusive), by a department whose
    status as inspecting body is confirmed or not recorded.

    **The same day.** A certificate is valid on its first and its last day (OFFICER-VALID):
    an inspection on the day a certificate expires is lawful, one on the next day is not. The
    date of the facts is the inspection's day; the agency is the inspecting agency.

    ## Configuration
    None: the barred kinds of body are those 54号 names.
    """
    day: dt.date = inspection.date
    agency = ctx.lookup("agency", inspection.agency_id)
    if agency is not None:
        if agency.inspection_subject_confirmed is False:
            ctx.finding(
                "subject-not-confirmed",
                key="subject-not-confirmed",
                fact_date=day,
                facts={"agency_id": agency.id, "inspection_subject_confirmed": False},
                evidence=[
                    Evidence(
                        description=_described(_AGENCY_EVIDENCE),
                        record_type="agency",
                        record_id=agency.id,
                    )
                ],
            )
        if agency.kind in BARRED_AGENCY_KINDS:
            ctx.finding(
                "agency-kind",
                key="agency-kind",
                fact_date=day,
                facts={"agency_id": agency.id, "agency_kind": agency.kind},
            )
    for joint_id in dict.fromkeys(inspection.joint_agency_ids):
        joint = ctx.lookup("agency", joint_id)
        if joint is not None and joint.kind in BARRED_AGENCY_KINDS:
            ctx.finding(
                "joint-agency-kind",
                key=f"joint-agency:{joint_id}",
                fact_date=day,
                facts={"agency_id": joint_id, "agency_kind": joint.kind},
            )
    for officer_id in dict.fromkeys(inspection.officer_ids):
        # Same day: validity dates are inclusive (officer_problems).
        problems = officer_problem_texts(ctx.lookup("officer", officer_id), day)
        if problems:
            ctx.finding(
                "officer-not-qualified",
                key=f"officer:{officer_id}",
                fact_date=day,
                facts={"officer_id": officer_id, "date": day, "problems": problems},
                evidence=[
                    Evidence(
                        description=_described(_OFFICER_EVIDENCE),
                        record_type="officer",
                        record_id=officer_id,
                    )
                ],
            )


# --------------------------------------------------------------------------------------------
# INSP-ITEM-PUBLISHED


@rule(
    id="INSP-ITEM-PUBLISHED",
    title_zh="检查事项未公布不得实施",
    title_en="Inspection item not published",
    category="abuse",
    severity="S1",
    legal_basis=_ART54_3,
    applies_to="inspection",
    valid_from=OPINION_54.in_force,
    facts_date="date",
    parameters=[
        Parameter(
            name="item_list_ids",
            default=(),
            converter=_text_list,
            unit="matter-list ids",
            doc="记载涉企行政检查事项清单的 matter-list 记录编号 / ids of the matter-list records "
            "(kind inspection_items) holding the published inspection items. The rule API "
            "cannot search records by agency, so the lists are named here; each list applies "
            "to its own agency and validity period.",
        )
    ],
    messages={
        "not-published": Message(
            zh="检查事项 {item_code} 在检查日 {date} 未经公布",
            en="inspection item {item_code} was not published on {date}",
            articles=[_ART54_3],
        ),
        "no-item-code": Message(
            zh="检查记录未载明检查事项编码", en="the inspection names no inspection item code"
        ),
        "no-item-list": Message(
            zh="未找到检查机关 {agency_id} 的涉企行政检查事项清单（参数 {parameter}）",
            en="no inspection-item list of agency {agency_id} is known (parameter {parameter})",
        ),
    },
)
def inspection_item_published(inspection: Any, ctx: Context) -> None:
    """Flags an inspection of an item that was not on the agency's published list that day.

    The agency's lists are the ``matter-list`` records of kind ``inspection_items`` named in
    ``item_list_ids`` that belong to the inspecting agency. A list counts on the inspection day
    when that day lies within its validity and on or after its ``published_date``. One finding
    per unpublished item code. When no list of the agency is known, or the inspection names no
    item code, the rule records that it could not decide (missing data is not a violation).

    ## Why
    国办发〔2024〕54号 §三: "行政检查事项未经公布的，不得实施". Applies from 2025-01-03.

    ## Example that flags
    An inspection on 2025-05-06 of item ``SC-001`` when the agency's list (published
    2025-03-01) holds only ``SC-002``: S1, key ``item:SC-001``.

    ## Example that does not flag
    The same inspection when the list holds ``SC-001``.

    **The same day.** A list published on the inspection day counts: dates carry no time, and
    "未经公布的，不得实施" forbids inspecting an item that was not public, which cannot be said
    of one published that day. A list valid until a day counts on that day. The date of the
    facts is the inspection's day.

    ## Configuration
    ``item_list_ids`` (default empty): the matter-list records to consult.
    """
    day: dt.date = inspection.date
    codes = tuple(dict.fromkeys(inspection.item_codes))
    if not codes:
        ctx.undecided("no-item-code")
    lists = []
    for list_id in ctx.param("item_list_ids"):
        matter_list = ctx.lookup("matter-list", list_id)
        if (
            matter_list is not None
            and matter_list.agency_id == inspection.agency_id
            and matter_list.kind == MatterListKind.INSPECTION_ITEMS
        ):
            lists.append(matter_list)
    if not lists:
        ctx.undecided("no-item-list", agency_id=inspection.agency_id, parameter="item_list_ids")
    # Same day: a list valid from, valid to or published on the inspection day counts.
    in_force = [
        m
        for m in lists
        if m.valid_from <= day
        and (m.valid_to is None or day <= m.valid_to)
        and (m.published_date is None or m.published_date <= day)
    ]
    published = {item.code for m in in_force for item in m.items}
    for code in codes:
        if code in published:
            continue
        ctx.finding(
            "not-published",
            key=f"item:{code}",
            fact_date=day,
            facts={
                "item_code": code,
                "date": day,
                "lists_in_force": [str(m.id) for m in in_force],
            },
            evidence=[
                Evidence(
                    description=_described(_LIST_EVIDENCE),
                    record_type="matter-list",
                    record_id=str(m.id),
                )
                for m in lists
            ],
        )


# --------------------------------------------------------------------------------------------
# INSP-APPROVAL


#: An approval dated on or before the inspection day is prior approval, seen whenever the
#: inspection is; only a missing or later approval can flag.
_INSP_APPROVAL_SCREEN = Screen(
    any_of(
        field("approval_date").not_done_by(field("date")),
        # Before the rule applies the run counts the inspection as not in force.
        field("date") < OPINION_54_QA.in_force,
    ),
    reason="an approval dated on or before the inspection day is prior approval as of any day the "
    "inspection exists; only a missing or later approval can flag; an act dated after the "
    "day checked is not seen then and its clock is open, so it stays selected, and so does an "
    "inspection before the rule applies (the run counts it as not in force).",
)


@rule(
    id="INSP-APPROVAL",
    title_zh="检查前审批",
    title_en="Prior approval by the head",
    category="procedure",
    severity="S2",
    legal_basis=_QA,
    applies_to="inspection",
    screen=_INSP_APPROVAL_SCREEN,
    valid_from=OPINION_54_QA.in_force,
    facts_date="date",
    parameters=[
        Parameter(
            name="ex_post_approval_days",
            default=1,
            unit="calendar days",
            doc="紧急情况下事后补办审批的期限（日，自检查日起算）/ days after an emergency "
            "inspection within which the head's approval must be obtained (U; by analogy to "
            "行政强制法 Art. 19's 24 hours)",
        )
    ],
    messages={
        "not-approved": Message(
            zh="检查前未经行政机关负责人批准",
            en="inspection not approved by the head beforehand",
            articles=[_QA],
        ),
        "approved-after": Message(
            zh="检查前未经行政机关负责人批准（批准日期 {approval_date} 晚于检查日 {date}）",
            en="inspection not approved by the head beforehand (approved {approval_date}, "
            "after the inspection of {date})",
            articles=[_QA],
        ),
        "emergency-late": Message(
            zh="紧急检查未在期限内补办负责人审批（{last_day:deadline}；{approval_date} 才批准）",
            en="emergency inspection not approved by the head afterwards in time "
            "({last_day:deadline}; approved only on {approval_date})",
            articles=[_QA],
        ),
        "emergency-missing": Message(
            zh="紧急检查未在期限内补办负责人审批（{last_day:deadline}；至今未批准）",
            en="emergency inspection not approved by the head afterwards in time "
            "({last_day:deadline}; not approved yet)",
            articles=[_QA],
        ),
    },
)
def inspection_approval(inspection: Any, ctx: Context) -> None:
    """Flags an inspection that the head of the agency did not approve beforehand.

    An approval dated on or before the inspection day is in time. An emergency inspection
    (``emergency == true``) may be approved afterwards, within ``ex_post_approval_days``
    calendar days. A planned inspection dated in the future is not checked until its day.

    ## Why
    司法部《涉企检查意见有关问题解答》(2025-04-18): every inspection in the agency's name needs
    the prior approval of its head; in an emergency it is reported and approved afterwards.

    ## Example that flags
    Inspection on 2025-05-06 with no approval, or approved on 2025-05-07: S2.

    ## Example that does not flag
    Approved on 2025-05-06; or an emergency inspection on 2025-05-06 approved on 2025-05-07.

    **The same day.** An approval dated the inspection day is prior approval: dates carry no
    time, and the head approving on the morning of the visit approves it beforehand; one
    dated the next day is not. After an emergency inspection, an approval on the last day of
    ``ex_post_approval_days`` is in time. Dates of the facts: the inspection's day; for an
    emergency inspection, the late approval, or the first day past the period while there is
    none.

    ## Configuration
    ``ex_post_approval_days`` (default 1, U).
    """
    day: dt.date = inspection.date
    approval: dt.date | None = inspection.approval_date
    # Same day: an approval dated the inspection day is prior approval.
    if approval is not None and approval <= day:
        return
    if inspection.emergency is True:
        deadline = ctx.deadline(
            day,
            ctx.param("ex_post_approval_days"),
            "CD",
            start_label="紧急检查",
            start_label_en="emergency inspection",
        )
        # Same day: an approval on the last day of the period is in time.
        if ctx.late(deadline, approval, label="事后审批期限 / ex-post approval"):
            ctx.finding(
                "emergency-late" if approval is not None else "emergency-missing",
                key="approval",
                fact_date=approval if approval is not None else _day_after(deadline.due_date),
                facts={
                    "date": day,
                    "approval_date": approval,
                    "emergency": True,
                    "last_day": deadline.due_date,
                },
            )
        return
    if not ctx.reached(day):
        return
    ctx.finding(
        "not-approved" if approval is None else "approved-after",
        key="approval",
        fact_date=day,
        facts={"date": day, "approval_date": approval},
    )


# --------------------------------------------------------------------------------------------
# INSP-OFFICERS


@rule(
    id="INSP-OFFICERS",
    title_zh="两人、亮证",
    title_en="Two officers, certificate shown",
    category="procedure",
    severity="S1",
    legal_basis=[_APL42, _APL55],
    applies_to="inspection",
    valid_from=APL.in_force,
    facts_date="date",
    messages={
        "two-officers": Message(
            zh="具备执法资格的检查人员不足两人（{valid_count} 人）",
            en="fewer than two qualified inspectors ({valid_count})",
            articles=[_APL42],
        ),
        "certificate-not-shown": Message(
            zh="检查时未出示执法证件",
            en="certificates were not shown during the inspection",
            articles=[_APL55],
        ),
        "officer-not-qualified": Message(
            zh="检查人员 {officer_id} 无有效执法证件：{problems}",
            en="inspector {officer_id} had no valid certificate: {problems}",
            articles=[_APL42],
        ),
        "no-officers": Message(
            zh="检查记录未载明检查人员，无法判断是否两人以上",
            en="the inspection names no officer: cannot tell whether two officers took part",
        ),
    },
)
def inspection_officers(inspection: Any, ctx: Context) -> None:
    """Flags an inspection by fewer than two qualified officers, or without showing certificates.

    As PEN-OFFICERS-2 and PEN-CERT-VALID applied to an inspection: fewer than two distinct
    officers who pass OFFICER-VALID on the inspection day, with no statute allowing fewer
    (``law_exception_ref``) → key ``two-officers``; ``certificate_shown == false`` → key
    ``certificate-shown``; each inspector failing OFFICER-VALID → key ``officer:<id>``. An
    inspection that names no officer at all is noted, not flagged (missing data).

    ## Why
    行政处罚法 Art. 42(1) ("执法人员不得少于两人") and Art. 55 (officers show their certificates
    when they investigate or inspect), applied by analogy to inspections of enterprises.

    ## Example that flags
    Inspection on 2025-07-02 by X (certificate valid to 2025-06-30) and Y: S1 ``two-officers``
    and S1 ``officer:X``.

    ## Example that does not flag
    The same inspection on 2025-06-30, certificates shown.

    **The same day.** As INSP-SUBJECT: a certificate is valid on its last day. The date of the
    facts is the inspection's day.

    ## Configuration
    None.
    """
    day: dt.date = inspection.date
    officer_ids = tuple(dict.fromkeys(inspection.officer_ids))
    problems = {oid: officer_problem_texts(ctx.lookup("officer", oid), day) for oid in officer_ids}
    if not officer_ids:
        ctx.note("no-officers", kind="undecided")
    else:
        # Same day: validity dates are inclusive (officer_valid).
        valid = [oid for oid, found in problems.items() if not found]
        if not at_least(len(valid), 2) and inspection.law_exception_ref is None:
            ctx.finding(
                "two-officers",
                key="two-officers",
                fact_date=day,
                facts={
                    "date": day,
                    "officers": list(officer_ids),
                    "valid_officers": valid,
                    "valid_count": len(valid),
                },
            )
    if inspection.certificate_shown is False:
        ctx.finding(
            "certificate-not-shown",
            key="certificate-shown",
            fact_date=day,
            facts={"date": day, "certificate_shown": False},
        )
    for oid, found in problems.items():
        if found:
            ctx.finding(
                "officer-not-qualified",
                key=f"officer:{oid}",
                fact_date=day,
                facts={"officer_id": oid, "date": day, "problems": found},
                evidence=[
                    Evidence(
                        description=_described(_OFFICER_EVIDENCE),
                        record_type="officer",
                        record_id=oid,
                    )
                ],
            )


# --------------------------------------------------------------------------------------------
# INSP-FREQ-CAP


def _caps_converter(value: Any) -> dict[str, dict[str, int]]:
    if not isinstance(value, Mapping):
        raise TypeError("expected a table {sector = {scope = cap}}")
    levels = {level.value for level in AgencyLevel}
    result: dict[str, dict[str, int]] = {}
    for sector, scopes in value.items():
        if not isinstance(scopes, Mapping):
            raise TypeError(f"caps for sector {sector!r} must be a table {{scope = cap}}")
        result[str(sector)] = {}
        for scope, cap in scopes.items():
            parts = str(scope).split("+")
            unknown = [p for p in parts if p not in levels]
            if unknown:
                raise ValueError(f"unknown level(s) {unknown} in scope {scope!r}")
            if isinstance(cap, bool) or not isinstance(cap, int) or cap < 0:
                raise ValueError(f"cap {cap!r} for {sector}/{scope} must be a whole number")
            result[str(sector)][str(scope)] = cap
    return result


@rule(
    id="INSP-FREQ-CAP",
    title_zh="年度频次上限",
    title_en="Annual frequency cap",
    category="abuse",
    severity="S2",
    legal_basis=[_ART54, _QA],
    applies_to="inspection",
    group_by=GroupBy(key=_enterprise_key, name="enterprise"),
    valid_from=CAPS_IN_FORCE,
    parameters=[
        Parameter(
            name="caps",
            default={},
            converter=_caps_converter,
            unit="inspections per enterprise per calendar year",
            doc="年度检查频次上限 {执法领域 = {层级 = 次数}} / annual caps per sector and level. "
            "A scope is an agency level (province, city, county, township) or levels joined "
            "with '+' for a combined cap ('city+county'); sector '*' applies to every sector "
            "without its own entry. Default: none configured — caps are published locally, "
            "so the rule is silent until a deployment sets them. Example (a municipal health "
            "commission, zgwg.gov.cn 2025-08-07): {health = {city = 2, county = 2, "
            "'city+county' = 4}}.",
        ),
        Parameter(
            name="counted_types",
            default=("routine", "special"),
            converter=_types_converter,
            doc="计入上限的检查类型 / inspection types counted (default 日常 and 专项; 个案 "
            "inspections are exempt, and special inspections deployed by a higher level are "
            "never counted). The 2025 Q&A summary (docs/catalog/changes.md#changes-2024-2026) "
            "reads "
            "as counting 个案 too: "
            "add 'case_specific' to follow it.",
        ),
    ],
    messages={
        "over-cap": Message(
            zh="企业 {enterprise} {year} 年第 {count} 次受{sector_name}（{levels}）检查，"
            "超过年度上限 {cap} 次",
            en="inspection no. {count} of enterprise {enterprise} in {year} by the "
            "{sector_name} sector ({levels}) exceeds the annual cap of {cap}",
            articles=[_ART54, _QA],
        ),
    },
)
def inspection_frequency_cap(group: Group, ctx: Context) -> None:
    """Flags each inspection of an enterprise beyond the published annual cap.

    Inspections of one enterprise are counted per calendar year and per cap scope: the agencies
    of one sector (``agency.sector``) at the levels of the scope. Only the ``counted_types``
    count; special inspections deployed by a higher level (``deployed_by_higher_level``) never
    do. Every counted inspection of the year counts, but only inspections dated on or after
    2025-06-30 (when caps took effect) are flagged — the first one beyond the cap and each
    later one, as subject of its own finding.

    ## Why
    国办发〔2024〕54号 required annual per-enterprise caps by sector and level to be published by
    2025-06-30; 司法部《问题解答》 (2025-04-18) says special inspections deployed from above are
    not counted. Exceeding a published cap is an abusive inspection.

    ## Example that flags
    ``caps = {health = {county = 2}}``; the county health bureau inspects enterprise E (日常)
    on 2025-03-10, 2025-07-15 and 2025-11-20: the third is flagged S2.

    ## Example that does not flag
    A 12345-complaint 个案 inspection on 2025-12-01 on top of those: not counted, not flagged.

    **The same day.** Caps bind inspections dated on or after 2025-06-30, the day they had to
    be published; two inspections on one day count in their recorded order (date, entry time,
    id). The date of the facts is the day of the inspection beyond the cap; its agency answers
    for it.

    ## Configuration
    ``caps`` (default none: silent) and ``counted_types`` (default routine, special).
    """
    members = sorted(group, key=_order)
    agencies: dict[str, Any] = {}

    def agency_of(inspection: Any) -> Any:
        agency_id = str(inspection.agency_id)
        if agency_id not in agencies:
            agencies[agency_id] = ctx.lookup("agency", agency_id)
        return agencies[agency_id]

    counted: list[Any] = []
    for inspection in members:
        types = ctx.param("counted_types", as_of=inspection.date)
        if str(inspection.type) not in types:
            continue
        if (
            inspection.type == InspectionType.SPECIAL
            and inspection.deployed_by_higher_level is True
        ):
            continue
        if agency_of(inspection) is None:
            continue
        counted.append(inspection)

    for index, inspection in enumerate(counted):
        if not ctx.in_force(inspection.date):
            continue
        agency = agency_of(inspection)
        caps: dict[str, dict[str, int]] = ctx.param("caps", as_of=inspection.date)
        sector = agency.sector
        sector_key = sector if sector in caps else "*"
        scopes = caps.get(sector_key, {})
        year = inspection.date.year
        for scope, cap in sorted(scopes.items()):
            levels = set(scope.split("+"))
            if str(agency.level) not in levels:
                continue
            so_far = [
                other
                for other in counted[: index + 1]
                if other.date.year == year
                and agency_of(other).sector == sector
                and str(agency_of(other).level) in levels
            ]
            if not exceeds(len(so_far), cap):
                continue
            ctx.finding(
                "over-cap",
                subject=inspection,
                key=f"cap:{year}:{sector or '-'}:{scope}",
                fact_date=inspection.date,
                facts={
                    "enterprise": group.key,
                    "year": year,
                    "sector": sector,
                    "sector_name": _sector(sector),
                    "scope": scope,
                    "levels": _scope(scope),
                    "cap": cap,
                    "count": len(so_far),
                    "counted_inspections": [str(i.id) for i in so_far],
                },
                evidence=_inspection_evidence(so_far),
                deadlines=(),
            )


# --------------------------------------------------------------------------------------------
# INSP-REPEAT


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@rule(
    id="INSP-REPEAT",
    title_zh="重复/高频检查",
    title_en="Repeated or high-frequency inspections",
    category="abuse",
    severity="S2",
    legal_basis=[_ART54],
    applies_to="inspection",
    group_by=GroupBy(key=_enterprise_key, name="enterprise"),
    valid_from=OPINION_54.in_force,
    parameters=[
        Parameter(
            name="max_per_day",
            default=1,
            unit="inspections",
            doc="同一企业每日检查次数上限（本项目默认值；国办发〔2024〕54号要求预警重复、高频检查，"
            "未规定次数，地方规定见地方配置）/ inspections of one enterprise per day (the "
            "project's default: 54号 asks for warnings without a number; a local profile sets "
            "its own)",
        ),
        Parameter(
            name="max_per_week",
            default=2,
            unit="inspections",
            doc="同一企业每周检查次数上限（本项目默认值）/ inspections of one enterprise per week "
            "(the project's default)",
        ),
        Parameter(
            name="max_per_month",
            default=3,
            unit="inspections",
            doc="同一企业每月检查次数上限（本项目默认值）/ inspections of one enterprise per month "
            "(the project's default)",
        ),
        Parameter(
            name="week",
            default="iso",
            choices=("iso", "rolling"),
            reading=True,
            doc="“周”的含义 / what a week is: 'iso' the ISO calendar week Monday–Sunday "
            "(default), 'rolling' any 7 consecutive days (U: no instrument says which)",
        ),
        Parameter(
            name="counted_types",
            default=_ALL_TYPES,
            converter=_types_converter,
            doc="计入频次的检查类型 / inspection types counted (default all: 日常、个案、专项)",
        ),
        Parameter(
            name="same_inspector_no_finding",
            default=3,
            unit="inspections",
            doc="同一检查人员连续未发现问题的检查次数，达到后再次检查须说明理由 / consecutive "
            "no-finding inspections of one enterprise by one inspector after which the next "
            "needs reasons (the project's default)",
        ),
        Parameter(
            name="same_inspector_window_months",
            default=12,
            unit="months",
            doc="上述连续检查的统计期间（月）/ the period those inspections fall within",
        ),
    ],
    messages={
        "day": Message(
            zh="企业 {enterprise} 于 {period} 被检查 {count} 次，超过 {limit} 次",
            en="enterprise {enterprise} inspected {count} times on {period} (limit {limit})",
            articles=[_ART54],
        ),
        "iso-week": Message(
            zh="企业 {enterprise} 在 {period} 周被检查 {count} 次，超过 {limit} 次",
            en="enterprise {enterprise} inspected {count} times in week {period} (limit {limit})",
            articles=[_ART54],
        ),
        "rolling-week": Message(
            zh="企业 {enterprise} 自 {period} 起 7 日内被检查 {count} 次，超过 {limit} 次",
            en="enterprise {enterprise} inspected {count} times in the 7 days from {period} "
            "(limit {limit})",
            articles=[_ART54],
        ),
        "month": Message(
            zh="企业 {enterprise} 在 {period} 月被检查 {count} 次，超过 {limit} 次",
            en="enterprise {enterprise} inspected {count} times in month {period} (limit {limit})",
            articles=[_ART54],
        ),
        "same-inspector": Message(
            zh="检查人员 {officer_id} 对企业 {enterprise} 连续 {needed} 次检查未发现问题，"
            "再次检查未说明理由",
            en="inspector {officer_id} inspected enterprise {enterprise} again after {needed} "
            "consecutive inspections with no findings, without giving reasons",
            articles=[_ART54],
        ),
    },
)
def inspection_repeat(group: Group, ctx: Context) -> None:
    """Flags an enterprise inspected too often, and a fourth inspection by the same inspector.

    Across all agencies, inspections of one enterprise are counted per calendar day, per week
    (ISO calendar week by default) and per calendar month; a count above the limit (1, 2, 3)
    gives one finding for that period (key ``day:…``, ``week:…``, ``month:…``) on the
    enterprise, listing the inspections and marking those beyond the limit. Separately, when
    an inspector's last three inspections of the enterprise found nothing
    (``result == none``) and all fall within 12 months of the next one, that next inspection
    is flagged (key ``same-inspector:<officer id>``) unless ``no_finding_reason`` gives reasons.

    ## Why
    国办发〔2024〕54号 asks for big-data warnings on repeated and high-frequency inspections but
    sets no number. The limits (1 a day, 2 a week, 3 a month; a 4th inspection by an inspector
    after 3 with no findings needs reasons) are the project's own defaults, documented as such
    and cited as nothing: where a city has set its own numbers, a local profile sets these
    parameters and cites the city's instrument (``docs/guide/local-profiles.md``).

    ## Example that flags
    Enterprise E inspected on 2025-06-03 (A), 2025-06-05 (B and C) and 2025-06-06 (A): day
    2025-06-05 has 2, ISO week 2025-W23 has 4, June has 4 → three S2 findings.

    ## Example that does not flag
    Inspections on 2025-06-03 and 2025-06-12 only.

    **The same day.** Periods are whole days: an ISO week runs Monday to Sunday, a rolling week
    the first day and the six after it, a month its calendar days. Inspections of one day count
    in their recorded order (date, entry time, id), so the one that went over a limit is known.
    An inspector's earlier inspections count when the next one falls on or before the day
    ``same_inspector_window_months`` after the first of them. Dates of the facts: the day of the
    inspection that went over the limit (its agency answers for the finding); for
    ``same-inspector``, the day of the inspection without reasons.

    ## Configuration
    ``max_per_day`` 1, ``max_per_week`` 2, ``max_per_month`` 3, ``week`` (``iso``/``rolling``),
    ``counted_types`` (all), ``same_inspector_no_finding`` 3,
    ``same_inspector_window_months`` 12.
    """
    members = sorted((i for i in group if ctx.in_force(i.date)), key=_order)
    types = ctx.param("counted_types")
    counted = [i for i in members if str(i.type) in types]
    if not counted:
        return

    def report(kind: str, unit: str, period: str, items: Sequence[Any], limit: int) -> None:
        excess = list(items[limit:])
        # The inspection that went over the limit triggered the finding: its agency answers
        # for it (the enterprise is no agency's record) and its day is the date of the facts.
        trigger = excess[0]
        ctx.finding(
            kind,
            agency_id=str(trigger.agency_id),
            fact_date=trigger.date,
            key=f"{unit}:{period}",
            facts={
                "enterprise": group.key,
                "period": period,
                "count": len(items),
                "limit": limit,
                "inspections": [str(i.id) for i in items],
                "beyond_limit": [str(i.id) for i in excess],
                "agencies": sorted({str(i.agency_id) for i in items}),
            },
            evidence=_inspection_evidence(items),
            deadlines=(),
        )

    by_day: dict[dt.date, list[Any]] = defaultdict(list)
    by_month: dict[str, list[Any]] = defaultdict(list)
    for inspection in counted:
        by_day[inspection.date].append(inspection)
        by_month[f"{inspection.date.year}-{inspection.date.month:02d}"].append(inspection)
    for day, items in sorted(by_day.items()):
        limit = ctx.param("max_per_day", as_of=day)
        if exceeds(len(items), limit):
            report("day", "day", day.isoformat(), items, limit)

    week_reading = ctx.reading("week")
    if week_reading == "iso":
        by_week: dict[str, list[Any]] = defaultdict(list)
        for inspection in counted:
            by_week[_iso_week(inspection.date)].append(inspection)
        for week, items in sorted(by_week.items()):
            limit = ctx.param("max_per_week", as_of=items[-1].date)
            if exceeds(len(items), limit):
                report("iso-week", "week", week, items, limit)
    else:
        last_flagged: set[str] = set()
        for start in sorted({i.date for i in counted}):
            end = start + dt.timedelta(days=6)  # a 7-day window, not a statutory period
            items = [i for i in counted if start <= i.date <= end]
            limit = ctx.param("max_per_week", as_of=start)
            ids = {str(i.id) for i in items}
            if exceeds(len(items), limit) and not ids <= last_flagged:
                report("rolling-week", "week", start.isoformat(), items, limit)
                last_flagged = ids

    for month, items in sorted(by_month.items()):
        limit = ctx.param("max_per_month", as_of=items[-1].date)
        if exceeds(len(items), limit):
            report("month", "month", month, items, limit)

    # The same inspector: N consecutive no-finding inspections → the next needs reasons.
    by_officer: dict[str, list[Any]] = defaultdict(list)
    for inspection in counted:
        for officer_id in dict.fromkeys(inspection.officer_ids):
            by_officer[officer_id].append(inspection)
    for officer_id, sequence in sorted(by_officer.items()):
        for index in range(len(sequence)):
            current = sequence[index]
            needed = ctx.param("same_inspector_no_finding", as_of=current.date)
            if needed < 1 or index < needed:
                continue
            previous = sequence[index - needed : index]
            if not all(p.result == InspectionResult.NONE for p in previous):
                continue
            window = ctx.deadline(
                previous[0].date,
                ctx.param("same_inspector_window_months", as_of=current.date),
                "M",
                start_label=f"首次未发现问题的检查 {previous[0].id}",
                start_label_en=f"first no-finding inspection {previous[0].id}",
            )
            if not ctx.deadline_met(window, current.date, label="统计期间 / window"):
                continue
            if current.no_finding_reason is not None:
                continue
            ctx.finding(
                "same-inspector",
                subject=current,
                key=f"same-inspector:{officer_id}",
                fact_date=current.date,
                facts={
                    "enterprise": group.key,
                    "officer_id": officer_id,
                    "needed": needed,
                    "no_finding_inspections": [str(p.id) for p in previous],
                    "inspection": str(current.id),
                },
                evidence=_inspection_evidence([*previous, current]),
                deadlines={"统计期间 / window": window},
            )


# --------------------------------------------------------------------------------------------
# INSP-SCAN


@rule(
    id="INSP-SCAN",
    title_zh="扫码入企",
    title_en="Scanning the supervision code on entry",
    category="transparency",
    severity="S3",
    legal_basis=[_ART54, _QA],
    applies_to="inspection",
    valid_from=OPINION_54.in_force,
    facts_date="date",
    parameters=[
        Parameter(
            name="scan_required",
            default=False,
            doc="本地是否要求扫码入企 / whether the deployment requires scanning the "
            "enterprise's supervision code (a local rule; give dated values, or let a local "
            "profile set it with its instrument). Default false: no national requirement "
            "binds every agency.",
        )
    ],
    messages={
        "no-scan": Message(
            zh="检查未扫码入企",
            en="no scan of the enterprise's supervision code",
            articles=[_ART54, _QA],
        ),
        "late-scan": Message(
            zh="离开企业后才扫码（{scan_datetime} 扫码，{end_datetime} 离开）",
            en="the code was scanned only after the officers left (scanned {scan_datetime}, "
            "left {end_datetime})",
            articles=[_ART54, _QA],
        ),
    },
)
def inspection_scan(inspection: Any, ctx: Context) -> None:
    """Flags an inspection without a scan of the enterprise's supervision code, or scanned late.

    Where scanning is required, an inspection with no scan record is flagged (key
    ``no-scan``); a scan after the officers left (``scan_datetime > end_datetime``) is flagged
    too (key ``late-scan``) — in an emergency the scan may follow entry but must come before
    leaving.

    ## Why
    国办发〔2024〕54号 and the 2025 问题解答 promote 扫码入企 through the national supervision
    system; where a local rule makes the scan mandatory (on entry, and in an emergency before
    leaving), a local profile sets ``scan_required`` and cites that rule.

    ## Example that flags
    ``scan_required = true``; an inspection on 2025-10-09 with no scan: S3.

    ## Example that does not flag
    An emergency inspection 10:00–11:00 scanned at 10:40.

    **The same moment.** Times are compared to the minute recorded: a scan at the very minute
    the officers left is before leaving, one a minute later is not. The date of the facts is
    the inspection's day.

    ## Configuration
    ``scan_required`` (default false; dated values such as
    ``[{since = 2025-09-02, value = true}]``).
    """
    if not ctx.param("scan_required"):
        return
    scan = inspection.scan
    if scan is None:
        ctx.finding(
            "no-scan",
            key="no-scan",
            fact_date=inspection.date,
            facts={"date": inspection.date, "emergency": inspection.emergency},
        )
        return
    end = inspection.end_datetime
    # Same moment: a scan at the minute the officers left is in time.
    if end is not None and scan.scan_datetime > end:
        ctx.finding(
            "late-scan",
            key="late-scan",
            fact_date=inspection.date,
            facts={
                "scan_datetime": scan.scan_datetime,
                "end_datetime": end,
                "emergency": inspection.emergency,
            },
        )


# --------------------------------------------------------------------------------------------
# INSP-REMOTE


@rule(
    id="INSP-REMOTE",
    title_zh="违规异地检查",
    title_en="Out-of-area inspection",
    category="abuse",
    severity="S2",
    legal_basis=[_ART54],
    applies_to="inspection",
    valid_from=OPINION_54.in_force,
    facts_date="date",
    parameters=[
        Parameter(
            name="filing_required",
            default=False,
            doc="是否实行异地检查备案制度（地方规定）/ whether out-of-area inspections may be "
            "cured by filing with the justice bureau (a local rule); default false",
        ),
        Parameter(
            name="filing_days",
            default=20,
            unit="calendar days",
            doc="异地检查后备案期限（地方规定）/ days after an out-of-area inspection to file it "
            "(a local rule)",
        ),
    ],
    messages={
        "out-of-area": Message(
            zh="对管辖区域外（{enterprise_region}）企业实施检查，且无协助请求",
            en="inspection of an enterprise outside the jurisdiction ({enterprise_region}) "
            "with no assistance request",
            articles=[_ART54],
        ),
        "filed-late": Message(
            zh="对管辖区域外（{enterprise_region}）企业实施检查，既无协助请求，也未按期备案"
            "（{last_day:deadline}；{filing_date} 才备案）",
            en="inspection of an enterprise outside the jurisdiction ({enterprise_region}) with "
            "no assistance request, not filed in time ({last_day:deadline}; filed only on "
            "{filing_date})",
            articles=[_ART54],
        ),
        "not-filed": Message(
            zh="对管辖区域外（{enterprise_region}）企业实施检查，既无协助请求，也未按期备案"
            "（{last_day:deadline}；至今未备案）",
            en="inspection of an enterprise outside the jurisdiction ({enterprise_region}) with "
            "no assistance request, not filed in time ({last_day:deadline}; not filed yet)",
            articles=[_ART54],
        ),
    },
)
def inspection_remote(inspection: Any, ctx: Context) -> None:
    """Flags an inspection of an enterprise outside the agency's jurisdiction.

    The enterprise's division code (``enterprise.region_code``, else the inspection's
    ``region_code``) must lie within one of the agency's ``jurisdiction`` codes (else its seat
    ``region_code``), using the hierarchy of division codes. An out-of-area inspection with a
    request for assistance is lawful. Where ``filing_required`` is set, an out-of-area
    inspection filed within ``filing_days`` calendar days is not flagged; one filed late, or
    not filed when the period has passed, is. Missing codes are not flagged.

    ## Why
    国办发〔2024〕54号 keeps inspections territorial (cross-area cooperation rules due by
    2025-12). Where a local rule lets an out-of-area inspection be filed with the justice
    bureau afterwards, a local profile sets ``filing_required`` and ``filing_days``.

    ## Example that flags
    A county agency with jurisdiction ``510121`` inspects an enterprise in ``510122`` on
    2025-05-06 with no assistance request: S2.

    ## Example that does not flag
    The enterprise is in ``510121101`` (a township of the county).

    **The same day.** A filing on the last of the ``filing_days`` is in time, on the next day it
    is late. Dates of the facts: the inspection's day; where filing cures the inspection, the
    late filing, or the first day past the period while there is none.

    ## Configuration
    ``filing_required`` (default false), ``filing_days`` (default 20, CD).
    """
    agency = ctx.lookup("agency", inspection.agency_id)
    if agency is None:
        return
    areas: tuple[str, ...] = agency.jurisdiction or (
        (agency.region_code,) if agency.region_code else ()
    )
    place: str | None = inspection.enterprise.region_code or inspection.region_code
    if not areas or not place:
        return
    if any(region_covers(area, place) for area in areas):
        return
    if inspection.assistance_request is not None:
        return
    facts: dict[str, Any] = {
        "agency_id": agency.id,
        "jurisdiction": list(areas),
        "enterprise_region": place,
        "assistance_request": None,
    }
    if ctx.param("filing_required"):
        deadline = ctx.deadline(
            inspection.date,
            ctx.param("filing_days"),
            "CD",
            start_label="异地检查",
            start_label_en="out-of-area inspection",
        )
        filed = inspection.out_of_area_filing_date
        # Same day: a filing on the last day of the period is in time.
        if not ctx.late(deadline, filed, label="备案期限 / filing"):
            return
        ctx.finding(
            "filed-late" if filed is not None else "not-filed",
            key="out-of-area",
            fact_date=filed if filed is not None else _day_after(deadline.due_date),
            facts={**facts, "filing_date": filed, "last_day": deadline.due_date},
        )
        return
    ctx.finding("out-of-area", key="out-of-area", fact_date=inspection.date, facts=facts)


# --------------------------------------------------------------------------------------------
# INSP-MERGE


@rule(
    id="INSP-MERGE",
    title_zh="能合并不重复、能联合不多头",
    title_en="Merge and joint inspections",
    category="abuse",
    severity="S3",
    legal_basis=_ART54,
    applies_to="inspection",
    group_by=GroupBy(key=_enterprise_key, name="enterprise"),
    valid_from=OPINION_54.in_force,
    parameters=[
        Parameter(
            name="merge_window_days",
            default=30,
            unit="calendar days",
            doc="同一机关对同一企业两次检查视为应当合并的间隔（日）/ days within which two "
            "inspections of one enterprise by one agency should have been merged (U)",
        ),
        Parameter(
            name="mergeable_types",
            default=("routine", "special"),
            converter=_types_converter,
            doc="可合并的检查类型 / inspection types that can be planned and merged (default "
            "日常 and 专项; 个案 inspections react to complaints and are not merged)",
        ),
        Parameter(
            name="mergeable_items",
            default=(),
            converter=_text_list,
            doc="可合并的检查事项编码；为空表示所有事项均可合并 / inspection item codes that can "
            "be merged; empty means every item",
        ),
    ],
    messages={
        "merge": Message(
            zh="机关 {agency_id} 对企业 {enterprise} 于 {previous_date} 和 {date} 分别检查，"
            "应当合并",
            en="agency {agency_id} inspected enterprise {enterprise} on {previous_date} and "
            "{date}: these could have been merged",
            articles=[_ART54],
        ),
    },
)
def inspection_merge(group: Group, ctx: Context) -> None:
    """Flags a second inspection of an enterprise by the same agency that could have been merged.

    For each agency, its mergeable inspections of the enterprise are taken in time order; an
    inspection dated within ``merge_window_days`` calendar days of the previous one is flagged
    (subject: the later inspection; key ``merge:<earlier id>``). When ``mergeable_items`` is
    set, both inspections must check only such items.

    ## Why
    国办发〔2024〕54号: "能合并的不重复检查，能联合的不多头检查".

    ## Example that flags
    The market regulation bureau inspects enterprise E (日常) on 2025-05-06 and again on
    2025-05-20: S3 on the second.

    ## Example that does not flag
    The second inspection on 2025-06-06 (more than 30 days later), or a 个案 inspection after a
    complaint.

    **The same day.** Two inspections of one day by one agency could always have been one (the
    later is flagged); a second inspection on the ``merge_window_days``-th day after the first
    is within the window, one a day later is not. The date of the facts is the later
    inspection's day; its agency answers for it.

    ## Configuration
    ``merge_window_days`` (default 30, U), ``mergeable_types``, ``mergeable_items``.
    """
    by_agency: dict[str, list[Any]] = defaultdict(list)
    for inspection in sorted(group, key=_order):
        if not ctx.in_force(inspection.date):
            continue
        types = ctx.param("mergeable_types", as_of=inspection.date)
        if str(inspection.type) not in types:
            continue
        items = set(ctx.param("mergeable_items", as_of=inspection.date))
        if items and not (inspection.item_codes and set(inspection.item_codes) <= items):
            continue
        by_agency[str(inspection.agency_id)].append(inspection)
    for agency_id, sequence in sorted(by_agency.items()):
        for previous, current in itertools.pairwise(sequence):
            window = ctx.deadline(
                previous.date,
                ctx.param("merge_window_days", as_of=current.date),
                "CD",
                start_label=f"前次检查 {previous.id}",
                start_label_en=f"previous inspection {previous.id}",
            )
            if not ctx.deadline_met(window, current.date, label="合并期间 / merge window"):
                continue
            ctx.finding(
                "merge",
                subject=current,
                key=f"merge:{previous.id}",
                fact_date=current.date,
                facts={
                    "enterprise": group.key,
                    "agency_id": agency_id,
                    "previous_inspection": str(previous.id),
                    "previous_date": previous.date,
                    "inspection": str(current.id),
                    "date": current.date,
                },
                evidence=_inspection_evidence([previous, current]),
                deadlines={"合并期间 / merge window": window},
            )


RULES: tuple[Rule, ...] = (
    inspection_subject,
    inspection_item_published,
    inspection_approval,
    inspection_officers,
    inspection_frequency_cap,
    inspection_repeat,
    inspection_scan,
    inspection_remote,
    inspection_merge,
)
