"""First-party rule pack: the supervision mechanism (监督机制,
docs/catalog/rules.md#supervision-mechanism).

The seed township set up a supervision office (行政执法监督工作室) that runs routine supervision
checks, two supervision liaison points and two social supervisors whose opinions are collected
regularly, and the principle that every error found is corrected (有错必纠). These rules check
that the mechanism runs: checks held on time, case files reviewed every year, supervision
opinions rectified, liaison points and supervisors in place and heard, their feedback and the
complaints about enforcement answered.

Why a pack of its own: the national pack encodes statutes; this one encodes a township's
mechanism and local practice, with many unverified intervals
(docs/catalog/interpretations.md#unverified). A
county can configure or replace it without touching the statutory pack.

**Dates.** None of these rules declares ``valid_from``: the mechanism rests on the seed report
and on local measures that predate the data. From 2026-02-01 the State Council's
《行政执法监督条例》 (国务院令第825号) makes the county justice bureau the statutory supervisor
(Art. 6, the township 司法所 assisting); each finding cites the regulation as well when the
day the breach happened is on or after that date, and only the local basis before it.

Only the public API is used (``enforcement_supervision.rules``, ``.model``,
``.statutory_time``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from enforcement_supervision.model import (
    AgencyLevel,
    DisqualificationKind,
    FeedbackSourceKind,
    LiaisonCriterion,
    LiaisonPointStatus,
    SupervisionCheckType,
    SupervisorStatus,
)
from enforcement_supervision.rules import (
    Context,
    Evidence,
    Group,
    GroupBy,
    Instrument,
    LegalBasis,
    Parameter,
    Rule,
    hookimpl,
    rule,
)
from enforcement_supervision.statutory_time import Deadline, less_than

__version__ = "0.1.0"
#: The hook API this plugin was written for.
ESUP_HOOK_API = 1

__all__ = [
    "ESUP_HOOK_API",
    "REGULATION_IN_FORCE",
    "RULES",
    "casefile_review",
    "complaint_reply",
    "daily_check",
    "esup_rules",
    "feedback_answer",
    "liaison_count",
    "liaison_feedback",
    "rectify",
    "supervisor_count",
    "supervisor_term",
]

#: 《行政执法监督条例》 took effect (国务院令第825号, docs/catalog/changes.md#main-findings, V2).
REGULATION_IN_FORCE = date(2026, 2, 1)

# --------------------------------------------------------------------------------------------
# Legal bases (docs/catalog/rules.md#supervision-mechanism; verification marks as in the catalog)

# The regulation is national law. Everything else here is local — a township's report, a
# county's or a city's measures — and is cited only where a deployment names the instrument
# in [law] local_instruments (docs/guide/local-profiles.md): a notice never cites another
# place's rules.
_REGULATION = Instrument(
    id="state-council-decree-825",
    title="行政执法监督条例",
    short_title="行政执法监督条例",
    title_en="Regulation on Administrative Law-Enforcement Supervision (State Council Decree "
    "No. 825)",
    issuer="国务院",
    number="国务院令第825号",
    in_force=date(2026, 2, 1),
)


def _local(identifier: str, title: str, title_en: str, region: str) -> Instrument:
    return Instrument(
        id=identifier,
        title=title,
        short_title=title,
        title_en=title_en,
        scope="local",
        region=region,
    )


SEED_REPORT = _local(
    "cn-jinhaozhuang-report-2022",
    "金郝庄镇法治政府建设情况报告",
    "seed township report on law-based government (2022), part 2 (6)",
    "金郝庄镇",
).art(verification="V2")
REGULATION = _REGULATION.art(verification="U")
REGULATION_ART6 = _REGULATION.art("6", verification="V2")
CASEFILE_PRACTICE = _local(
    "local-casefile-review-practice",
    "地方行政执法案卷评查制度（每年组织1~2次案卷评查）",
    "local case-file review practice (one or two reviews a year; older local document)",
    "地方",
).art(verification="U")
JINZHONG_LIAISON = _local(
    "cn-140700-liaison-points-2023",
    "晋中市行政执法监督联系点管理办法",
    "Jinzhong measures on enforcement-supervision liaison points (2023)",
    "山西省晋中市",
).art(verification="V2")
JIANSHI_SUPERVISORS = _local(
    "cn-422822-supervisors-2024",
    "建始县行政执法社会监督员选聘（2024年11月，聘期2年）",
    "Jianshi county social supervisors (2024-11, two-year term)",
    "湖北省建始县",
).art(verification="V2")
JIEYANG_SUPERVISORS = _local(
    "cn-445200-supervisors-2023",
    "揭阳市行政执法社会监督员制度（2023年12月，聘期5年）",
    "Jieyang social supervisors (2023-12, five-year term)",
    "广东省揭阳市",
).art(verification="V2")
XIZANG_SUPERVISORS = _local(
    "cn-540000-invited-supervisors-2026",
    "西藏自治区特邀行政执法监督员规定（2026年1月）",
    "Tibet rules on invited enforcement supervisors (2026-01): no sanctions, criminal "
    "penalties, administrative detention or 失信被执行人 status",
    "西藏自治区",
).art(verification="V2")
ERYUAN_COMPLAINTS = _local(
    "cn-532930-supervision-measures",
    "洱源县行政执法监督规定",
    "Eryuan county enforcement-supervision measures (anyone may complain about inaction or "
    "unlawful acts)",
    "云南省洱源县",
).art("5", verification="V2")


def _bases(
    day: date | None, local: Sequence[LegalBasis], statutory: Sequence[LegalBasis] = (REGULATION,)
) -> tuple[LegalBasis, ...]:
    """The provisions a finding cites: the regulation too when ``day`` (the day the breach
    happened) is on or after 2026-02-01, the local basis alone before it."""
    if day is not None and day >= REGULATION_IN_FORCE:
        return (*statutory, *local)
    return tuple(local)


def _bases_now(ctx: Context, local: Sequence[LegalBasis]) -> tuple[LegalBasis, ...]:
    """:func:`_bases` for a state at the evaluation instant (a count of points): the
    regulation is cited from 2026-02-01 on, and the engine rechecks on that day."""
    if ctx.reached(REGULATION_IN_FORCE, fact=False):  # the law in force, not a fact
        return (REGULATION, *local)
    return tuple(local)


# --------------------------------------------------------------------------------------------
# Parameter helpers


def _enum_list(enum: type[StrEnum]) -> Callable[[Any], tuple[str, ...]]:
    """A converter for a configured list of enumeration values (``["township", "county"]``)."""

    def convert(value: Any) -> tuple[str, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            raise TypeError("expected a list")
        allowed = {member.value for member in enum}
        items = tuple(str(item) for item in value)
        unknown = [item for item in items if item not in allowed]
        if unknown:
            raise ValueError(f"unknown value(s) {unknown} (one of: {', '.join(sorted(allowed))})")
        return items

    return convert


def _agency_levels() -> Parameter:
    return Parameter(
        name="agency_levels",
        default=("township",),
        reading=True,
        converter=_enum_list(AgencyLevel),
        unit="levels",
        doc="哪些层级的执法主体应建立本机制（默认乡镇）/ agency levels expected to run the "
        "mechanism: the seed report describes a township's (U)",
    )


def _term_months(rule_id: str) -> Parameter:
    doc = (
        "社会监督员未载明聘期时的默认聘期（建始县2年，揭阳市5年）/ term of a social "
        "supervisor whose record states none: Jianshi 2 years, Jieyang 5 years (U, "
        "docs/catalog/interpretations.md#unverified "
        "item 9)"
    )
    if rule_id != "SUP-SUPERVISOR-TERM":
        doc += "; keep it equal to SUP-SUPERVISOR-TERM's"
    return Parameter(name="term_months", default=24, unit="months", doc=doc)


# --------------------------------------------------------------------------------------------
# Shared helpers


def _in_scope(agency: Any, ctx: Context) -> bool:
    """The agency is at a level expected to run the mechanism."""
    levels: tuple[str, ...] = ctx.reading("agency_levels")
    return str(agency.level) in levels


def _term_end(
    ctx: Context,
    start: date,
    months: int | None,
    explicit_end: date | None,
    *,
    label_zh: str,
    label_en: str,
) -> tuple[date | None, Deadline | None]:
    """The last day of a term: the explicit end date, or ``start`` plus ``months`` counted
    as months (民法典 Art. 202, code ``M``); ``(None, None)`` when neither is known."""
    if explicit_end is not None:
        return explicit_end, None
    if months is None or months <= 0:
        return None, None
    deadline = ctx.deadline(start, months, "M", start_label=label_zh, start_label_en=label_en)
    return deadline.due_date, deadline


def _point_active(point: Any, ctx: Context) -> bool:
    """An active liaison point at ``as_of``: status active, designated, term not over."""
    if point.status != LiaisonPointStatus.ACTIVE or not ctx.reached(point.designation_date):
        return False
    end, _ = _term_end(
        ctx,
        point.designation_date,
        point.term_months,
        point.term_end_date,
        label_zh="确定为联系点",
        label_en="designated",
    )
    return end is None or not ctx.ended(end)


def _supervisor_active(supervisor: Any, ctx: Context, default_months: int) -> bool:
    """A serving social supervisor at ``as_of``: status active, appointed, term not over, no
    record that bars the person from serving."""
    if supervisor.status != SupervisorStatus.ACTIVE or supervisor.disqualifications:
        return False
    if not ctx.reached(supervisor.appointed_date):
        return False
    months = supervisor.term_months if supervisor.term_months is not None else default_months
    end, _ = _term_end(
        ctx,
        supervisor.appointed_date,
        months,
        supervisor.term_end_date,
        label_zh="聘任",
        label_en="appointed",
    )
    return end is None or not ctx.ended(end)


class _CheckedAgency:
    """Group key of a supervision check of one type: the agency it checked.

    A check that names no supervised agency is the supervising body's check of its own
    enforcement (the township checking itself). A check naming several agencies can only
    join one group (the first named): record one check per agency.
    """

    def __init__(self, check_type: SupervisionCheckType) -> None:
        self.check_type = check_type

    def __call__(self, check: Any) -> str | None:
        if check.type != self.check_type:
            return None
        ids: tuple[str, ...] = check.supervised_agency_ids
        return ids[0] if ids else str(check.agency_id)

    def __repr__(self) -> str:
        return f"supervised agency of {self.check_type.value} checks"


class _FeedbackSource:
    """Group key of a feedback record from one kind of source: the source's id."""

    def __init__(self, kind: FeedbackSourceKind) -> None:
        self.kind = kind

    def __call__(self, feedback: Any) -> str | None:
        if feedback.source_kind != self.kind or not feedback.source_id:
            return None
        return str(feedback.source_id)

    def __repr__(self) -> str:
        return f"source_id of feedback from a {self.kind.value}"


# --------------------------------------------------------------------------------------------
# SUP-DAILY-CHECK


@rule(
    id="SUP-DAILY-CHECK",
    title_zh="日常监督检查按期开展",
    title_en="Routine supervision checks held on time",
    category="supervision-mechanism",
    severity="S3",
    legal_basis=[SEED_REPORT, REGULATION_ART6, REGULATION],
    applies_to="supervision-check",
    group_by=GroupBy(key=_CheckedAgency(SupervisionCheckType.ROUTINE), anchor="agency"),
    parameters=[
        Parameter(
            name="daily_check_interval_days",
            default=31,
            unit="days",
            doc="两次日常监督检查之间最长间隔（“定期”，默认按月）/ longest gap between two "
            "routine checks of an agency; the seed report says 定期 (regularly), the default "
            "reads it as monthly (U)",
        ),
        Parameter(
            name="expected_from",
            default=date(2026, 2, 1),
            doc="对从未接受日常监督检查的主体，自该日起计算第一个间隔（默认条例施行日）/ "
            "for an agency with no routine check on record, the first interval is counted "
            "from this day; default: the day the regulation took effect (U)",
        ),
        _agency_levels(),
    ],
)
def daily_check(group: Group, ctx: Context) -> None:
    """Flags an agency whose last routine supervision check is older than the interval.

    ## Why
    The seed township's supervision office "定期开展行政执法日常监督检查" (seed report, part
    2 (6)); from 2026-02-01 routine supervision is a method of the 《行政执法监督条例》, with
    the county justice bureau as supervisor and the township 司法所 assisting (Art. 6). Counting
    is calendar days (``CD``): the check on day 0 does not count, the gap ends at 24:00 of
    the last day.

    ## Example that flags
    Township T's last routine check was on 2025-03-03; with the default 31 days the next was
    due by 2025-04-03, so a run on 2025-04-04 finds key ``after-2025-03-03``.

    ## Example that does not flag
    The same township checked again on 2025-04-02; or a run on 2025-04-03 (the last day).

    ## Configuration
    ``daily_check_interval_days`` (31), ``expected_from`` (2026-02-01) for an agency never
    checked, ``agency_levels`` (``["township"]``). Checks are grouped by the agency checked
    (``supervised_agency_ids``; the supervising body itself when none is named).
    """
    agency = group.anchor
    if agency is None or not _in_scope(agency, ctx):
        return
    held = [check.date for check in group if ctx.reached(check.date)]
    if held:
        start: date = max(held)
        label_zh, label_en = "最近一次日常监督检查", "last routine check"
    else:
        start = ctx.param("expected_from")
        label_zh, label_en = "应开展日常监督检查起始日", "routine checks expected from"
    interval: int = ctx.param("daily_check_interval_days", as_of=start)
    deadline = ctx.deadline(start, interval, "CD", start_label=label_zh, start_label_en=label_en)
    if not ctx.deadline_passed(deadline, label="下一次日常监督检查 / next routine check"):
        return
    ctx.finding(
        key=f"after-{start.isoformat()}",
        agency_id=str(agency.id),
        message_zh=f"执法主体 {agency.id} 自 {start.isoformat()} 起超过 {interval} 日未开展"
        "日常监督检查",
        message_en=f"agency {agency.id}: no routine supervision check within {interval} days "
        f"after {start.isoformat()}",
        facts={
            "last_routine_check": start if held else None,
            "counted_from": start,
            "next_check_due": deadline.due_date,
            "routine_checks_on_record": len(held),
        },
        articles=_bases(deadline.due_date, [SEED_REPORT], [REGULATION_ART6, REGULATION]),
    )


# --------------------------------------------------------------------------------------------
# SUP-CASEFILE-REVIEW


@rule(
    id="SUP-CASEFILE-REVIEW",
    title_zh="案卷评查",
    title_en="Case-file review held every year with a sufficient sample",
    category="supervision-mechanism",
    severity="S3",
    legal_basis=[CASEFILE_PRACTICE, SEED_REPORT, REGULATION],
    applies_to="supervision-check",
    group_by=GroupBy(key=_CheckedAgency(SupervisionCheckType.CASE_FILE_REVIEW), anchor="agency"),
    parameters=[
        Parameter(
            name="reviews_per_year",
            default=1,
            unit="reviews",
            doc="每个自然年至少组织的案卷评查次数（地方“每年1~2次”）/ case-file reviews "
            "required per calendar year; a local document says one or two (U)",
        ),
        Parameter(
            name="min_sample_rate",
            default=Decimal("0.05"),
            unit="share of the records in scope",
            doc="抽查案卷数占案卷总数的最低比例（不满即标记）/ lowest share of the records in "
            "scope a review must sample; below it ('不满') is flagged (U)",
        ),
        Parameter(
            name="expected_from",
            default=date(2026, 2, 1),
            doc="对从未评查的主体，自该日所在年度起要求评查（默认条例施行日）/ for an agency "
            "with no review on record, reviews are required from this day's year (U)",
        ),
        _agency_levels(),
    ],
)
def casefile_review(group: Group, ctx: Context) -> None:
    """Flags a calendar year without a case-file review, and a review whose sample is too small.

    ## Why
    Case-file review (案卷评查) is how the office checks that "every filing is reviewed"; local
    practice asks for one or two reviews a year (an older local document, U). From
    2026-02-01 it is one of the supervision methods of the 《行政执法监督条例》 (article U).

    ## Example that flags
    Township T had a review on 2024-06-10 and none in 2025: at 2026-01-01 a finding with
    key ``2025``. A review with 2 files sampled out of 100 (2% < 5%): key ``sample-<id>``.

    ## Example that does not flag
    A review in each year, each sampling at least 5% of ``population_size``; a year that is
    not over yet (checked again on 1 January).

    ## Configuration
    ``reviews_per_year`` (1), ``min_sample_rate`` (0.05), ``expected_from`` (2026-02-01),
    ``agency_levels`` (``["township"]``). Years are checked from the earlier of the first
    review on record and ``expected_from``. A review without ``population_size`` is not
    checked for its sample rate (missing data is not a violation).
    """
    agency = group.anchor
    if agency is None or not _in_scope(agency, ctx):
        return
    reviews = [check for check in group if ctx.reached(check.date)]
    expected_from: date = ctx.param("expected_from")
    year = min([expected_from.year, *(check.date.year for check in reviews)])
    while ctx.ended(date(year, 12, 31)):
        last_day = date(year, 12, 31)
        held = [check for check in reviews if check.date.year == year]
        needed: int = ctx.param("reviews_per_year", as_of=last_day)
        if less_than(len(held), needed):
            ctx.finding(
                key=str(year),
                agency_id=str(agency.id),
                message_zh=f"执法主体 {agency.id} {year} 年组织案卷评查 {len(held)} 次，"
                f"少于 {needed} 次",
                message_en=f"agency {agency.id}: {len(held)} case-file review(s) in {year}, "
                f"{needed} required",
                facts={"year": year, "reviews": len(held), "required": needed},
                articles=_bases(last_day, [CASEFILE_PRACTICE, SEED_REPORT]),
            )
        year += 1
    for check in reviews:
        population = check.population_size
        if not population or population <= 0:
            continue
        sampled = len(check.sampled_cases)
        rate = Decimal(sampled) / Decimal(population)
        minimum: Decimal = ctx.param("min_sample_rate", as_of=check.date)
        if less_than(rate, minimum):
            ctx.finding(
                key=f"sample-{check.id}",
                agency_id=str(agency.id),
                message_zh=f"案卷评查 {check.id} 抽查 {sampled}/{population} 件，"
                f"低于 {minimum:%} 的抽查比例",
                message_en=f"case-file review {check.id} sampled {sampled} of {population} "
                f"records, below the {minimum:%} minimum",
                facts={
                    "review": check.id,
                    "date": check.date,
                    "sampled": sampled,
                    "population": population,
                    "rate": rate.quantize(Decimal("0.0001")),
                },
                evidence=[
                    Evidence(
                        description="案卷评查记录 / case-file review record",
                        record_type="supervision-check",
                        record_id=str(check.id),
                        field="sampled_cases",
                        value=sampled,
                    )
                ],
                articles=_bases(check.date, [CASEFILE_PRACTICE, SEED_REPORT]),
            )


# --------------------------------------------------------------------------------------------
# SUP-RECTIFY


def _opinion_keys(opinions: Sequence[Any]) -> list[str]:
    """A stable key per opinion: its document number, or addressee and issue date."""
    keys: list[str] = []
    for opinion in opinions:
        base = opinion.number or f"{opinion.addressee_agency_id}-{opinion.issued_date.isoformat()}"
        key, suffix = str(base), 2
        while key in keys:
            key, suffix = f"{base}-{suffix}", suffix + 1
        keys.append(key)
    return keys


@rule(
    id="SUP-RECTIFY",
    title_zh="整改逾期",
    title_en="Rectification overdue",
    category="inaction",
    severity="S2",
    legal_basis=[REGULATION, SEED_REPORT],
    applies_to="supervision-check",
    facts_date="date",
    parameters=[
        Parameter(
            name="default_rectification_days",
            default=0,
            unit="days",
            doc="监督意见书未载明整改期限时的默认期限（0：不检查）/ rectification period for an "
            "opinion that states no deadline, counted in calendar days from its issue; 0 leaves "
            "such opinions unchecked (U, docs/catalog/interpretations.md#unverified)",
        ),
    ],
)
def rectify(check: Any, ctx: Context) -> None:
    """Flags a supervision opinion whose rectification deadline has passed unrectified.

    ## Why
    有错必纠: a finding is followed until it is rectified. The supervision opinion (监督意见书)
    issued in a supervision check sets the deadline; from 2026-02-01 the 《行政执法监督条例》
    provides for supervision opinions and rectification (article numbers U). The deadline day
    itself is in time; the opinion is overdue from 00:00 of the next day.

    ## Example that flags
    An opinion issued 2025-09-01 to agency A with a deadline of 2025-10-31 and no
    ``rectified_date``: a run on 2025-11-01 flags it (key: the opinion's number).

    ## Example that does not flag
    Rectified on 2025-10-20; or a run on 2025-10-31.

    ## Configuration
    ``default_rectification_days`` (0: an opinion without a deadline is not checked). The
    finding belongs to the addressee agency; ``due`` is the rectification deadline. This rule
    reads the opinions recorded in supervision checks; the findings' own follow-through is
    separate.
    """
    for key, opinion in zip(_opinion_keys(check.opinions), check.opinions, strict=True):
        if opinion.rectified_date is not None:
            continue
        due: date | None = opinion.rectification_deadline
        if due is None:
            days: int = ctx.param("default_rectification_days")
            if days <= 0:
                continue
            deadline = ctx.deadline(
                opinion.issued_date,
                days,
                "CD",
                start_label="监督意见书制发",
                start_label_en="opinion issued",
            )
            due = deadline.due_date
            overdue = ctx.deadline_passed(deadline, label=f"整改期限 / rectification ({key})")
        else:
            overdue = ctx.ended(due)
        if not overdue:
            continue
        ctx.finding(
            key=key,
            agency_id=str(opinion.addressee_agency_id),
            due=due,
            message_zh=f"监督意见 {key} 要求 {opinion.addressee_agency_id} 于 {due.isoformat()} "
            "前整改，逾期未整改",
            message_en=f"supervision opinion {key} to {opinion.addressee_agency_id}: "
            f"rectification due by {due.isoformat()} is overdue",
            facts={
                "supervision_check": check.id,
                "opinion": key,
                "issued_date": opinion.issued_date,
                "addressee_agency": opinion.addressee_agency_id,
                "rectification_deadline": due,
                "deadline_stated": opinion.rectification_deadline is not None,
                "report_date": opinion.report_date,
            },
            evidence=[
                Evidence(
                    description="监督意见书 / supervision opinion",
                    record_type="supervision-check",
                    record_id=str(check.id),
                    field="opinions",
                    value=key,
                )
            ],
            articles=_bases(due, [SEED_REPORT]),
        )


# --------------------------------------------------------------------------------------------
# SUP-LIAISON-COUNT


def _missing_criteria(point: Any, require_evidence: bool) -> list[str]:
    """The selection criteria the point is not shown to meet."""
    shown = {
        str(item.criterion)
        for item in point.criteria
        if item.met and (item.evidence or not require_evidence)
    }
    return [criterion.value for criterion in LiaisonCriterion if criterion.value not in shown]


@rule(
    id="SUP-LIAISON-COUNT",
    title_zh="联系点设置",
    title_en="Liaison points in place",
    category="supervision-mechanism",
    severity="S3",
    legal_basis=[SEED_REPORT, JINZHONG_LIAISON, REGULATION],
    applies_to="liaison-point",
    group_by=GroupBy(key="agency_id", anchor="agency"),
    parameters=[
        Parameter(
            name="min_liaison_points",
            default=2,
            unit="liaison points",
            doc="每个乡镇至少设置的有效联系点数（本镇“选定两个”）/ active liaison points a "
            "township keeps; the seed report chose two (U)",
        ),
        Parameter(
            name="require_criteria_evidence",
            default=False,
            reading=True,
            doc="遴选条件须附证明材料方视为具备 / a criterion counts as shown only with "
            "evidence attached (default: an assessment that it is met suffices)",
        ),
        _agency_levels(),
    ],
)
def liaison_count(group: Group, ctx: Context) -> None:
    """Flags a township with too few active liaison points, and a point not shown to meet the
    three selection criteria.

    ## Why
    The seed township "选定两个依法治理、合法经营、诚实守信的行政执法监督联系点"; 晋中市 measures
    (2023, V2) make a liaison point a fixed contact unit chosen by procedure. A point counts
    as active when its status is ``active``, its designation date has come and its term (if
    any) is not over.

    ## Example that flags
    Township T with one active point and ``min_liaison_points = 2`` → key ``count`` (E24).
    An active point P2 whose assessments lack 诚实守信 → key ``criteria-P2``.

    ## Example that does not flag
    Two active points, each assessed as meeting 依法治理, 合法经营 and 诚实守信.

    ## Configuration
    ``min_liaison_points`` (2), ``require_criteria_evidence`` (false), ``agency_levels``
    (``["township"]``: the count is checked for these; the criteria for every active point).
    Points are counted for their ``agency_id`` (the designating body).
    """
    agency = group.anchor
    if agency is None:
        return
    active = [point for point in group if _point_active(point, ctx)]
    if _in_scope(agency, ctx):
        needed: int = ctx.param("min_liaison_points")
        if less_than(len(active), needed):
            ctx.finding(
                key="count",
                agency_id=str(agency.id),
                message_zh=f"执法主体 {agency.id} 有效监督联系点 {len(active)} 个，"
                f"少于 {needed} 个",
                message_en=f"agency {agency.id}: {len(active)} active liaison point(s), "
                f"{needed} required",
                facts={
                    "active_liaison_points": [point.id for point in active],
                    "required": needed,
                },
                articles=_bases_now(ctx, [SEED_REPORT, JINZHONG_LIAISON]),
            )
    require_evidence: bool = ctx.reading("require_criteria_evidence")
    for point in active:
        missing = _missing_criteria(point, require_evidence)
        if not missing:
            continue
        labels = "、".join(LiaisonCriterion(value).label_zh for value in missing)
        ctx.finding(
            key=f"criteria-{point.id}",
            message_zh=f"监督联系点“{point.name}”未载明符合遴选条件：{labels}",
            message_en=f"liaison point {point.id}: criteria not shown to be met: "
            f"{', '.join(missing)}",
            agency_id=str(agency.id),
            facts={"liaison_point": point.id, "criteria_missing": missing},
            evidence=[
                Evidence(
                    description="联系点遴选条件评估 / assessment against the criteria",
                    record_type="liaison-point",
                    record_id=str(point.id),
                    field="criteria",
                )
            ],
            articles=_bases(point.designation_date, [SEED_REPORT, JINZHONG_LIAISON]),
        )


# --------------------------------------------------------------------------------------------
# SUP-LIAISON-FEEDBACK


@rule(
    id="SUP-LIAISON-FEEDBACK",
    title_zh="定期收集意见",
    title_en="Regular collection of opinions from liaison points",
    category="supervision-mechanism",
    severity="S3",
    legal_basis=[SEED_REPORT, REGULATION],
    applies_to="feedback",
    group_by=GroupBy(key=_FeedbackSource(FeedbackSourceKind.LIAISON_POINT), anchor="liaison-point"),
    parameters=[
        Parameter(
            name="feedback_interval_days",
            default=90,
            unit="days",
            doc="两次向联系点收集意见之间最长间隔（全国无规定）/ longest gap between two "
            "collections of opinions from a liaison point; no national rule (U, "
            "docs/catalog/interpretations.md#unverified "
            "item 9)",
        ),
    ],
)
def liaison_feedback(group: Group, ctx: Context) -> None:
    """Flags an active liaison point not heard within the interval since it was last heard.

    ## Why
    The seed township "定期向联系点及监督点收集意见建议"; no national rule sets the interval,
    so it is a parameter (default 90 days, U). Counted in calendar days (``CD``) from the last
    feedback collected from the point, or from its designation when it was never heard.

    ## Example that flags
    Point P2, last feedback 2025-08-10: the next was due by 2025-11-08; a run on 2025-11-20
    (or 2025-11-09) finds key ``since-2025-08-10`` (E24).

    ## Example that does not flag
    The same point at 2025-11-08 (the last day); a point not ``active``; a point whose term
    ends before the next collection falls due.

    ## Configuration
    ``feedback_interval_days`` (90). Only feedback with ``source_kind = "liaison_point"`` and
    the point's id as ``source_id`` counts.
    """
    point = group.anchor
    if point is None or point.status != LiaisonPointStatus.ACTIVE:
        return
    if not ctx.reached(point.designation_date):
        return
    heard = [item.received_date for item in group if ctx.reached(item.received_date)]
    if heard:
        start: date = max(heard)
        label_zh, label_en = "最近一次收集意见", "last opinion collected"
    else:
        start = point.designation_date
        label_zh, label_en = "确定为联系点", "designated"
    interval: int = ctx.param("feedback_interval_days", as_of=start)
    deadline = ctx.deadline(start, interval, "CD", start_label=label_zh, start_label_en=label_en)
    end, _ = _term_end(
        ctx,
        point.designation_date,
        point.term_months,
        point.term_end_date,
        label_zh="确定为联系点",
        label_en="designated",
    )
    if end is not None and end < deadline.due_date:
        return
    if not ctx.deadline_passed(deadline, label="下一次收集意见 / next collection"):
        return
    ctx.finding(
        key=f"since-{start.isoformat()}",
        message_zh=f"监督联系点“{point.name}”自 {start.isoformat()} 起超过 {interval} 日"
        "未收集意见建议",
        message_en=f"liaison point {point.id}: no opinion collected within {interval} days "
        f"after {start.isoformat()}",
        facts={
            "liaison_point": point.id,
            "last_feedback": start if heard else None,
            "counted_from": start,
            "next_collection_due": deadline.due_date,
        },
        deadlines=[deadline],
        articles=_bases(deadline.due_date, [SEED_REPORT]),
    )


# --------------------------------------------------------------------------------------------
# SUP-SUPERVISOR-TERM


def _disqualifying_kinds() -> Parameter:
    return Parameter(
        name="disqualifying_kinds",
        default=tuple(kind.value for kind in DisqualificationKind),
        converter=_enum_list(DisqualificationKind),
        unit="kinds",
        doc="不得担任社会监督员的情形（西藏2026：处分、刑事处罚、行政拘留、失信被执行人）/ "
        "records that bar a person from serving; default every kind the model knows (U)",
    )


@rule(
    id="SUP-SUPERVISOR-TERM",
    title_zh="社会监督员聘期",
    title_en="Term of social supervisors",
    category="supervision-mechanism",
    severity="S3",
    legal_basis=[SEED_REPORT, JIANSHI_SUPERVISORS, JIEYANG_SUPERVISORS, XIZANG_SUPERVISORS],
    applies_to="feedback",
    group_by=GroupBy(
        key=_FeedbackSource(FeedbackSourceKind.SOCIAL_SUPERVISOR), anchor="social-supervisor"
    ),
    parameters=[
        _term_months("SUP-SUPERVISOR-TERM"),
        _disqualifying_kinds(),
        Parameter(
            name="feedback_counts_as_activity",
            default=True,
            reading=True,
            doc="以该监督员名义收到的意见建议视为履职 / feedback recorded as coming from the "
            "supervisor counts as acting in the role",
        ),
    ],
)
def supervisor_term(group: Group, ctx: Context) -> None:
    """Flags a social supervisor acting after the term (or dismissal), and one with a
    disqualifying record who keeps acting or is still appointed.

    ## Why
    Social supervisors are appointed for a term (建始县 2 years, 2024; 揭阳 5 years, 2023); the
    seed township appointed two "遵纪守法" citizens, and the 西藏 rules (2026) bar people with
    sanctions, criminal penalties, administrative detention or 失信被执行人 status. The term
    is counted in months (民法典 Art. 202, code ``M``); an activity on the last day is inside
    the term.

    ## Example that flags
    Supervisor T appointed 2023-05-15 for 24 months: the term ends 2025-05-15; an activity on
    2025-05-16 → key ``after-term`` (E24). A supervisor listed as 失信被执行人 since
    2025-03-01 with an activity on 2025-04-02 → key ``disqualified``.

    ## Example that does not flag
    An activity on 2025-05-15; a dismissed supervisor with a disqualifying record and no
    activity after it.

    ## Configuration
    ``term_months`` (24) when the record states neither ``term_months`` nor
    ``term_end_date``; ``disqualifying_kinds`` (all); ``feedback_counts_as_activity`` (true).
    Activities are the supervisor's ``activities`` and the feedback recorded from them.
    """
    supervisor = group.anchor
    if supervisor is None:
        return
    acts: list[tuple[date, str, str | None]] = [
        (activity.date, str(activity.kind), None) for activity in supervisor.activities
    ]
    if ctx.reading("feedback_counts_as_activity"):
        acts += [(item.received_date, "feedback", str(item.id)) for item in group]
    acts.sort(key=lambda act: (act[0], act[1], act[2] or ""))

    months: int = (
        supervisor.term_months
        if supervisor.term_months is not None
        else ctx.param("term_months", as_of=supervisor.appointed_date)
    )
    term_end, deadline = _term_end(
        ctx,
        supervisor.appointed_date,
        months,
        supervisor.term_end_date,
        label_zh="聘任",
        label_en="appointed",
    )
    end, reason = term_end, "term"
    if (
        supervisor.status in (SupervisorStatus.DISMISSED, SupervisorStatus.EXPIRED)
        and supervisor.status_date is not None
        and (end is None or supervisor.status_date < end)
    ):
        end, reason = supervisor.status_date, str(supervisor.status)

    if end is not None:
        after = [act for act in acts if act[0] > end]
        if deadline is not None and acts and reason == "term":
            ctx.deadline_met(deadline, acts[-1][0], label="聘期届满 / end of term")
        if after:
            what = "聘期届满" if reason == "term" else SupervisorStatus(reason).label_zh
            ctx.finding(
                key="after-term",
                message_zh=f"社会监督员 {supervisor.id} 于 {end.isoformat()} {what}后仍有 "
                f"{len(after)} 项履职记录（{after[0][0].isoformat()} 起）",
                message_en=f"social supervisor {supervisor.id}: {len(after)} activit"
                f"{'y' if len(after) == 1 else 'ies'} after the appointment ended "
                f"({reason}) on {end.isoformat()}, from {after[0][0].isoformat()}",
                facts={
                    "supervisor": supervisor.id,
                    "appointed_date": supervisor.appointed_date,
                    "term_months": None if supervisor.term_end_date else months,
                    "appointment_ended": end,
                    "ended_by": reason,
                    "activities_after": [
                        {"date": day, "kind": kind, "record": record} for day, kind, record in after
                    ],
                },
                evidence=_activity_evidence(supervisor.id, after),
                articles=_bases(
                    after[0][0], [SEED_REPORT, JIANSHI_SUPERVISORS, JIEYANG_SUPERVISORS]
                ),
            )

    kinds: tuple[str, ...] = ctx.param("disqualifying_kinds")
    barred = [item for item in supervisor.disqualifications if str(item.kind) in kinds]
    if not barred:
        return
    acting = [
        act for act in acts if any(item.date is None or act[0] >= item.date for item in barred)
    ]
    appointed = supervisor.status == SupervisorStatus.ACTIVE and (end is None or not ctx.ended(end))
    if not acting and not appointed:
        return
    labels = "、".join(DisqualificationKind(str(item.kind)).label_zh for item in barred)
    ctx.finding(
        key="disqualified",
        message_zh=f"社会监督员 {supervisor.id} 存在不得担任的情形（{labels}），"
        + (f"其后仍有 {len(acting)} 项履职记录" if acting else "仍在聘"),
        message_en=f"social supervisor {supervisor.id} has a disqualifying record "
        f"({', '.join(str(item.kind) for item in barred)}) and "
        + (f"acted {len(acting)} time(s) after it" if acting else "is still appointed"),
        facts={
            "supervisor": supervisor.id,
            "disqualifications": [{"kind": str(item.kind), "date": item.date} for item in barred],
            "still_appointed": appointed,
            "activities_after": [
                {"date": day, "kind": kind, "record": record} for day, kind, record in acting
            ],
        },
        deadlines=(),
        evidence=_activity_evidence(supervisor.id, acting),
        articles=(
            _bases(acting[0][0], [SEED_REPORT, XIZANG_SUPERVISORS])
            if acting
            else _bases_now(ctx, [SEED_REPORT, XIZANG_SUPERVISORS])
        ),
    )


def _activity_evidence(
    supervisor_id: str, acts: Sequence[tuple[date, str, str | None]]
) -> list[Evidence]:
    evidence: list[Evidence] = []
    for day, kind, record in acts:
        if record is None:
            evidence.append(
                Evidence(
                    description=f"履职记录 / activity ({kind})",
                    record_type="social-supervisor",
                    record_id=str(supervisor_id),
                    field="activities",
                    value=day.isoformat(),
                )
            )
        else:
            evidence.append(
                Evidence(
                    description="以该监督员名义收到的意见建议 / feedback from the supervisor",
                    record_type="feedback",
                    record_id=record,
                    field="received_date",
                    value=day.isoformat(),
                )
            )
    return evidence


# --------------------------------------------------------------------------------------------
# SUP-SUPERVISOR-COUNT


@rule(
    id="SUP-SUPERVISOR-COUNT",
    title_zh="监督员配备",
    title_en="Number of social supervisors",
    category="supervision-mechanism",
    severity="S4",
    legal_basis=[SEED_REPORT, REGULATION],
    applies_to="social-supervisor",
    group_by=GroupBy(key="agency_id", anchor="agency"),
    parameters=[
        Parameter(
            name="min_supervisors",
            default=2,
            unit="supervisors",
            doc="每个乡镇至少在聘的社会监督员人数（本镇“聘任两名”）/ serving social "
            "supervisors a township keeps; the seed report appointed two (U)",
        ),
        _term_months("SUP-SUPERVISOR-COUNT"),
        _agency_levels(),
    ],
)
def supervisor_count(group: Group, ctx: Context) -> None:
    """Flags a township with fewer serving social supervisors than required.

    ## Why
    The seed township "聘任两名政治素质高、遵纪守法的行政执法社会监督员". A supervisor serves
    when the status is ``active``, the appointment date has come, the term is not over and no
    disqualifying record is on file. Advisory (S4): no statute sets the number.

    ## Example that flags
    Township T with one serving supervisor and ``min_supervisors = 2`` → key ``count``; a
    township with none at all is flagged too.

    ## Example that does not flag
    Two serving supervisors.

    ## Configuration
    ``min_supervisors`` (2), ``term_months`` (24, for records without a term; keep it equal
    to SUP-SUPERVISOR-TERM's), ``agency_levels`` (``["township"]``). Supervisors are counted
    for their ``agency_id`` (the appointing body).
    """
    agency = group.anchor
    if agency is None or not _in_scope(agency, ctx):
        return
    default_months: int = ctx.param("term_months")
    serving = [item for item in group if _supervisor_active(item, ctx, default_months)]
    needed: int = ctx.param("min_supervisors")
    if not less_than(len(serving), needed):
        return
    ctx.finding(
        key="count",
        agency_id=str(agency.id),
        message_zh=f"执法主体 {agency.id} 在聘社会监督员 {len(serving)} 名，少于 {needed} 名",
        message_en=f"agency {agency.id}: {len(serving)} serving social supervisor(s), "
        f"{needed} required",
        facts={"serving_supervisors": [item.id for item in serving], "required": needed},
        articles=_bases_now(ctx, [SEED_REPORT]),
    )


# --------------------------------------------------------------------------------------------
# SUP-COMPLAINT


@rule(
    id="SUP-COMPLAINT",
    title_zh="投诉举报处理",
    title_en="Handling complaints about enforcement",
    category="inaction",
    severity="S2",
    legal_basis=[REGULATION, ERYUAN_COMPLAINTS],
    applies_to="complaint",
    facts_date="received_date",
    parameters=[
        Parameter(
            name="complaint_reply_days",
            default=30,
            unit="days",
            doc="答复投诉举报人的期限（地方规定不一：5个工作日至30日）/ period to respond to "
            "the complainant; local rules range from 5 working days to 30 days (U)",
        ),
        Parameter(
            name="complaint_reply_counting",
            default="CD",
            choices=("CD", "CD+R", "WD"),
            reading=True,
            doc="期限计算方式：CD 自然日、CD+R 末日遇休息日顺延、WD 工作日 / how the period is "
            "counted (docs/catalog/rules.md#conventions)",
        ),
        Parameter(
            name="complaint_reply_start",
            default="received",
            choices=("received", "accepted"),
            reading=True,
            doc="自收到（received）或受理（accepted）之日起算；未记载受理日期的按收到日 / count "
            "from receipt (default, protective of the complainant) or from acceptance",
        ),
        Parameter(
            name="anonymous_conclusion_counts",
            default=True,
            reading=True,
            doc="匿名投诉无法答复，办结即视为处理完毕 / an anonymous complaint cannot be "
            "answered: its conclusion counts as the response",
        ),
    ],
)
def complaint_reply(complaint: Any, ctx: Context) -> None:
    """Flags a complaint about enforcement not responded to within the period.

    ## Why
    Anyone may complain about inaction or unlawful enforcement (e.g. 洱源 Art. 5, V2); from
    2026-02-01 the 《行政执法监督条例》 provides for complaints to the supervisor (article U).
    No national period exists: the default is 30 calendar days from receipt (U).

    ## Example that flags
    Complaint C-7 received 2025-10-09, no ``responded_date``: due 2025-11-08; a run on
    2025-11-09 flags it. A response on 2025-11-10 is late and flags too.

    ## Example that does not flag
    Responded on 2025-11-08; or a run on 2025-11-08.

    ## Configuration
    ``complaint_reply_days`` (30), ``complaint_reply_counting`` (``CD``),
    ``complaint_reply_start`` (``received``), ``anonymous_conclusion_counts`` (true). The
    complainant is never named: findings refer to the complaint by id.
    """
    days: int = ctx.param("complaint_reply_days")
    counting: str = ctx.reading("complaint_reply_counting")
    if ctx.reading("complaint_reply_start") == "accepted" and complaint.accepted_date:
        start: date = complaint.accepted_date
        label_zh, label_en = "受理投诉举报", "complaint accepted"
    else:
        start = complaint.received_date
        label_zh, label_en = "收到投诉举报", "complaint received"
    done: date | None = complaint.responded_date
    if done is None and complaint.anonymous and ctx.reading("anonymous_conclusion_counts"):
        done = complaint.concluded_date
    deadline = ctx.deadline(start, days, counting, start_label=label_zh, start_label_en=label_en)
    if not ctx.late(deadline, done, label="答复期限 / response due"):
        return
    ctx.finding(
        key="reply",
        due=None,
        message_zh=f"投诉举报 {complaint.id} 未在 {deadline.due_date.isoformat()} 前答复"
        + (f"（{done.isoformat()} 答复）" if done else ""),
        message_en=f"complaint {complaint.id}: no response by {deadline.due_date.isoformat()}"
        + (f" (responded {done.isoformat()})" if done else ""),
        facts={
            "complaint": complaint.id,
            "received_date": complaint.received_date,
            "accepted_date": complaint.accepted_date,
            "respondent_agency": complaint.respondent_agency_id,
            "response_due": deadline.due_date,
            "responded_date": complaint.responded_date,
            "concluded_date": complaint.concluded_date,
            "anonymous": complaint.anonymous,
        },
        articles=_bases(deadline.due_date, [ERYUAN_COMPLAINTS]),
    )


# --------------------------------------------------------------------------------------------
# SUP-FEEDBACK-ANSWER


@rule(
    id="SUP-FEEDBACK-ANSWER",
    title_zh="意见建议答复",
    title_en="Feedback from liaison points and supervisors answered",
    category="supervision-mechanism, inaction",
    severity="S3",
    legal_basis=[SEED_REPORT, REGULATION],
    applies_to="feedback",
    facts_date="received_date",
    parameters=[
        Parameter(
            name="feedback_answer_days",
            default=30,
            unit="days",
            doc="答复联系点、监督员意见建议的期限 / period to answer an opinion from a liaison "
            "point or social supervisor; no rule found (U)",
        ),
        Parameter(
            name="feedback_answer_counting",
            default="CD",
            choices=("CD", "CD+R", "WD"),
            reading=True,
            doc="期限计算方式 / how the period is counted (docs/catalog/rules.md#conventions)",
        ),
        Parameter(
            name="source_kinds",
            default=("liaison_point", "social_supervisor"),
            converter=_enum_list(FeedbackSourceKind),
            unit="source kinds",
            doc="哪些来源的意见建议须答复 / feedback from which sources must be answered",
        ),
    ],
)
def feedback_answer(feedback: Any, ctx: Context) -> None:
    """Flags feedback from a liaison point or social supervisor not answered within the period.

    ## Why
    Collecting opinions (定期收集意见建议, seed report) is only half the mechanism: whoever
    gave an opinion is owed an answer, or the liaison points and supervisors stop talking.
    No rule sets the period; the default is 30 calendar days from receipt (U). Forwarding
    the opinion to an agency is not an answer.

    ## Example that flags
    Feedback FB-3 from liaison point P1 received 2025-09-01, never answered: due 2025-10-01;
    a run on 2025-10-02 flags it. An answer on 2025-10-05 is late and flags too.

    ## Example that does not flag
    Answered on 2025-10-01; feedback from another source (``other``).

    ## Configuration
    ``feedback_answer_days`` (30), ``feedback_answer_counting`` (``CD``), ``source_kinds``
    (``["liaison_point", "social_supervisor"]``). The person who gave it is never named.
    """
    kinds: tuple[str, ...] = ctx.param("source_kinds")
    if str(feedback.source_kind) not in kinds:
        return
    days: int = ctx.param("feedback_answer_days")
    counting: str = ctx.reading("feedback_answer_counting")
    deadline = ctx.deadline(
        feedback.received_date,
        days,
        counting,
        start_label="收到意见建议",
        start_label_en="feedback received",
    )
    answered: date | None = feedback.answered_date
    if not ctx.late(deadline, answered, label="答复期限 / answer due"):
        return
    source = FeedbackSourceKind(str(feedback.source_kind))
    giver = f"{source.label_zh} {feedback.source_id}" if feedback.source_id else source.label_zh
    giver_en = f"{source.value} {feedback.source_id}" if feedback.source_id else source.value
    ctx.finding(
        key="answer",
        message_zh=f"{giver} 的意见建议 {feedback.id} 未在 {deadline.due_date.isoformat()} 前答复"
        + (f"（{answered.isoformat()} 答复）" if answered else ""),
        message_en=f"feedback {feedback.id} from {giver_en}: "
        f"no answer by {deadline.due_date.isoformat()}"
        + (f" (answered {answered.isoformat()})" if answered else ""),
        facts={
            "feedback": feedback.id,
            "source_kind": source.value,
            "source_id": feedback.source_id,
            "received_date": feedback.received_date,
            "forwarded_to_agency": feedback.forwarded_to_agency_id,
            "answer_due": deadline.due_date,
            "answered_date": answered,
        },
        articles=_bases(deadline.due_date, [SEED_REPORT]),
    )


RULES: tuple[Rule, ...] = (
    daily_check,
    casefile_review,
    rectify,
    liaison_count,
    liaison_feedback,
    supervisor_term,
    supervisor_count,
    complaint_reply,
    feedback_answer,
)


@hookimpl
def esup_rules() -> tuple[Rule, ...]:
    """Contribute the supervision-mechanism rules."""
    return RULES
