"""§1.6 人员 — enforcement personnel: certificates, training, scope, auxiliary staff, reviewers.

Rules on officers themselves (certificate expiry and annual review, yearly training hours), on
the acts they do (outside the certificate's domain or area; auxiliary staff acting alone) and
on agencies (share of legal-review staff). Qualification on the day of an act is judged by the
shared OFFICER-VALID helper; the acts of penalty cases, inspections and coercive measures are
seen through :func:`esup_national_rules._personnel_acts.acts_of`.

**Texts and citations.** Each rule declares the texts of its findings as message templates
with the provisions that path applies; bodies name the kind and give the facts. Citations come
from the pack's instrument registry (:mod:`esup_national_rules._law`).

**The same day.** A certificate is valid on its last day; a calendar year's training is judged
the day after it ends; each rule says what the same day means for it and pins it in a test.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from enforcement_supervision.model import AgencyKind, CertificateStatus
from enforcement_supervision.rules import (
    Context,
    Evidence,
    Group,
    GroupBy,
    Message,
    Parameter,
    Rule,
    Text,
    rule,
)
from enforcement_supervision.statutory_time import less_than
from esup_national_rules._law import (
    APL,
    CODE_OF_CONDUCT,
    MOJ_CASES_2,
    OPINION_54,
    OPINION_118,
    PLAN_2023_27,
)
from esup_national_rules._personnel_acts import acts_of, record_date, region_covers

__all__ = [
    "RULES",
    "auxiliary_alone",
    "certificate_expiring",
    "certificate_scope",
    "reviewer_ratio",
    "training_hours",
]


#: Bodies that do not enforce: no reviewer ratio is expected of them.
NON_ENFORCING_KINDS = frozenset(
    {
        AgencyKind.COORDINATION_BODY,
        AgencyKind.TESTING_INSTITUTION,
        AgencyKind.RESEARCH_INSTITUTE,
        AgencyKind.INTERMEDIARY,
    }
)


_APL42 = APL.art("42", "1")
_CONDUCT = CODE_OF_CONDUCT.art(verification="V2")
_ART54 = OPINION_54.art(verification="V2")
_MOJ_CASES = MOJ_CASES_2.art(verification="V2")
_PLAN = PLAN_2023_27.art(verification="U")
_REVIEW_SHARE = OPINION_118.art(verification="U")

#: Descriptions of the evidence a finding lists.
_OFFICER = Message(zh="执法人员", en="officer")
_AUXILIARY = Message(zh="辅助人员", en="auxiliary staff")


def _described(message: Message) -> str:
    return message.render({}, "zh")


def _sector_label() -> Callable[..., str]:
    """The reports' names of sectors (the one list of official sector names). Imported when a
    finding needs one: importing the reports at module load would load the store with every
    rule pack."""
    from enforcement_supervision.reports.vocabulary import sector_label

    return sector_label


def _domain(code: str) -> Text:
    """An enforcement domain code as its official name in Chinese (the code itself when it has
    none), words in English."""
    sector_label = _sector_label()
    name = sector_label(code)
    return Text(zh=code if name == sector_label("-") else name, en=sector_label(code, "en"))


def _day_after(day: dt.date) -> dt.date:
    """The first day past a period's last day (the date of the facts of a duty not done)."""
    return day + dt.timedelta(days=1)


def _in_post(officer: Any, ctx: Context) -> bool:
    """The officer is in post at the evaluation instant (recheck times recorded)."""
    if officer.active_from is not None and not ctx.reached(officer.active_from):
        return False
    return officer.active_to is None or not ctx.ended(officer.active_to)


def _last_day_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def _plain(value: Decimal) -> Decimal:
    """``56.0`` → ``56``, ``59.50`` → ``59.5`` (for messages and facts)."""
    return value.to_integral() if value == value.to_integral() else value.normalize()


def _first_full_year(day: dt.date) -> int:
    """The first calendar year that lies wholly on or after ``day``."""
    return day.year if (day.month, day.day) == (1, 1) else day.year + 1


# --------------------------------------------------------------------------------------------
# PERS-CERT-EXPIRING


@rule(
    id="PERS-CERT-EXPIRING",
    title_zh="证件即将到期",
    title_en="Certificate about to expire",
    category="personnel",
    severity="S4",
    legal_basis=[_APL42, _CONDUCT],
    applies_to="officer",
    parameters=[
        Parameter(
            name="cert_warning_days",
            default=30,
            unit="calendar days",
            doc="执法证到期前提前提醒的天数 / days before the certificate's last valid day from "
            "which to warn",
        ),
        Parameter(
            name="annual_review_required",
            default=False,
            reading=True,
            doc="本省是否实行执法证年度审验（省级规定；默认否，由地方配置设置并引用本省规定）/ "
            "whether the province requires an annual review of certificates: a provincial "
            "rule, so false unless a local profile sets it with the province's instrument",
        ),
        Parameter(
            name="annual_review_due_month",
            default=3,
            unit="month",
            doc="上一年度审验最迟完成的月份（次年）/ month of the following year by whose end "
            "the review of a year must be recorded (U)",
        ),
    ],
    messages={
        "expiring": Message(
            zh="执法人员 {officer_id} 的执法证将于 {cert_valid_to} 到期",
            en="officer {officer_id}: certificate expires on {cert_valid_to}",
            articles=[_APL42, _CONDUCT],
        ),
        "expired": Message(
            zh="执法人员 {officer_id} 的执法证已于 {cert_valid_to} 到期",
            en="officer {officer_id}: certificate expired on {cert_valid_to}",
            articles=[_APL42, _CONDUCT],
        ),
        "annual-review": Message(
            zh="执法人员 {officer_id} 的执法证缺少 {year} 年度审验记录（{review_due:deadline}）",
            en="officer {officer_id}: no annual review of the certificate for {year} "
            "({review_due:deadline})",
            articles=[_APL42],
        ),
    },
)
def certificate_expiring(officer: Any, ctx: Context) -> None:
    """Advises that an officer's certificate is about to expire, or has expired, or missed its
    annual review.

    From ``cert_warning_days`` calendar days before ``cert_valid_to`` (counted back from that
    day) the officer is flagged (key ``expiry:<date>``); the finding stays, reworded, once the
    certificate has expired while the officer is in post. The engine is told when the warning
    window opens, so the officer is checked again on that day. With
    ``annual_review_required``, each full calendar year of validity needs an annual review
    record by the end of ``annual_review_due_month`` of the next year (key
    ``annual-review:<year>``). Auxiliary staff, officers who left and certificates that are
    revoked, suspended or cancelled are not checked.

    ## Why
    行政处罚法 Art. 42(1) lets only officers with enforcement qualification enforce and the
    2025 code of conduct forbids 无证执法: an officer whose certificate lapses may no longer
    enforce (OFFICER-VALID), so the agency is warned ahead. Certificate validity and any
    annual review are provincial matters: the review check is off unless a local profile
    turns it on and cites the province's rules (``docs/guide/local-profiles.md``).

    ## Example that flags
    ``cert_valid_to = 2025-06-30``: from 2025-05-31 on, S4 ``expiry:2025-06-30``.

    ## Example that does not flag
    The same certificate checked on 2025-05-30.

    **The same day.** The warning opens on the ``cert_warning_days``-th day before the last
    valid day; the certificate is valid on its last day and "expired" from the next. A review
    recorded by the last day of ``annual_review_due_month`` is in time. Dates of the facts: the
    day the warning opened, or the first day after the last valid day once expired; for a
    review, the first day after it was due. The agency is the officer's.

    ## Configuration
    ``cert_warning_days`` (default 30), ``annual_review_required`` (reading, default false:
    no national rule), ``annual_review_due_month`` (default 3).
    """
    if officer.is_auxiliary:
        return
    status = officer.cert_status
    if status is not None and status not in (CertificateStatus.ACTIVE, CertificateStatus.EXPIRED):
        return
    if officer.active_to is not None and ctx.ended(officer.active_to):
        return
    valid_to: dt.date | None = officer.cert_valid_to
    if valid_to is not None:
        days = ctx.param("cert_warning_days")
        window = ctx.deadline(
            valid_to,
            days,
            "CD",
            before=True,
            start_label="执法证有效期届满",
            start_label_en="certificate's last valid day",
        )
        if ctx.reached(window.due_date):
            # Same day: the certificate is still valid on its last day.
            expired = ctx.ended(valid_to)
            ctx.finding(
                "expired" if expired else "expiring",
                key=f"expiry:{valid_to.isoformat()}",
                fact_date=_day_after(valid_to) if expired else window.due_date,
                facts={
                    "officer_id": officer.id,
                    "cert_valid_to": valid_to,
                    "warning_from": window.due_date,
                    "expired": expired,
                },
                deadlines={"提醒起始日 / warning from": window},
                due=valid_to,
            )
    if not ctx.reading("annual_review_required"):
        return
    valid_from: dt.date | None = officer.cert_valid_from
    if valid_from is None:
        return
    year = _first_full_year(valid_from)
    if officer.active_from is not None:
        year = max(year, _first_full_year(officer.active_from))
    reviewed = {review.year for review in officer.annual_reviews}
    due_month = ctx.param("annual_review_due_month")
    while True:
        year_end = dt.date(year, 12, 31)
        if valid_to is not None and valid_to < year_end:
            break
        if officer.active_to is not None and officer.active_to < year_end:
            break
        due = _last_day_of_month(year + 1, due_month)
        if valid_to is not None and valid_to < due:
            break
        if not ctx.ended(due):
            break
        if year not in reviewed:
            ctx.finding(
                "annual-review",
                key=f"annual-review:{year}",
                fact_date=_day_after(due),
                facts={
                    "officer_id": officer.id,
                    "year": year,
                    "review_due": due,
                    "reviews": sorted(reviewed),
                },
                deadlines=(),
            )
        year += 1


# --------------------------------------------------------------------------------------------
# PERS-TRAINING-60H


@rule(
    id="PERS-TRAINING-60H",
    title_zh="年度培训学时",
    title_en="Annual training hours",
    category="personnel",
    severity="S3",
    legal_basis=_PLAN,
    applies_to="officer",
    parameters=[
        Parameter(
            name="min_training_hours",
            default=Decimal("60"),
            unit="hours per calendar year",
            doc="每名执法人员每年培训学时下限 / minimum training hours per officer and year "
            "(seed report: 60; national wording U)",
        ),
        Parameter(
            name="from_year",
            default=2023,
            unit="year",
            doc="开始检查的年度 / first year checked (国办发〔2023〕27号, U)",
        ),
    ],
    messages={
        "below-minimum": Message(
            zh="执法人员 {officer_id} {year} 年培训 {hours} 学时，不足 {minimum} 学时",
            en="officer {officer_id} logged {hours} training hours in {year}, fewer than {minimum}",
            articles=[_PLAN],
        ),
    },
)
def training_hours(officer: Any, ctx: Context) -> None:
    """Flags an officer who logged fewer training hours in a calendar year than required.

    For each completed calendar year with training records (hours summed per year), from
    ``from_year`` on, in which the officer was in post the whole year (when ``active_from`` /
    ``active_to`` are known): fewer than ``min_training_hours`` → S3 (key ``training:<year>``).
    A year without any training record is not judged (missing data), and the current year is
    judged only once it has ended. Auxiliary staff are not enforcement officers and are not
    checked.

    ## Why
    The seed report and 国办发〔2023〕27号 (believed source, exact wording U) ask for more than
    60 hours of training per enforcement officer per year.

    ## Example that flags
    Officer Y logged 56 hours in 2025, checked on 2026-01-05: S3 ``training:2025``.

    ## Example that does not flag
    60 hours (the minimum itself is enough); or 56 hours checked during 2025.

    **The same day.** A year is judged from the day after its last day (31 December is still
    part of it); the date of the facts is that day, 1 January of the next year.

    ## Configuration
    ``min_training_hours`` (default 60, U), ``from_year`` (default 2023).
    """
    if officer.is_auxiliary:
        return
    totals: dict[int, Decimal] = {}
    for record in officer.training:
        totals[record.year] = totals.get(record.year, Decimal(0)) + Decimal(str(record.hours))
    for year, hours in sorted(totals.items()):
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if year < ctx.param("from_year", as_of=last):
            continue
        if officer.active_from is not None and officer.active_from > first:
            continue
        if officer.active_to is not None and officer.active_to < last:
            continue
        if not ctx.ended(last):
            continue
        minimum = ctx.param("min_training_hours", as_of=last)
        hours = _plain(hours)
        if less_than(hours, minimum):
            ctx.finding(
                "below-minimum",
                key=f"training:{year}",
                fact_date=_day_after(last),
                facts={"officer_id": officer.id, "year": year, "hours": hours, "minimum": minimum},
            )


# --------------------------------------------------------------------------------------------
# PERS-SCOPE


@rule(
    id="PERS-SCOPE",
    title_zh="超越证件执法类别/区域",
    title_en="Acting outside the certificate's category or area",
    category="personnel, abuse",
    severity="S2",
    legal_basis=[_APL42],
    applies_to=("penalty-case", "inspection", "coercive-measure"),
    facts_date=record_date,
    messages={
        "domain": Message(
            zh="{act}：执法人员 {officer_id} 的证件不含执法类别 {domain}",
            en="{act}: officer {officer_id}'s certificate does not cover domain {domain}",
            articles=[_APL42],
        ),
        "region": Message(
            zh="{act}：执法人员 {officer_id} 在证件执法区域外执法（{region_code}）",
            en="{act}: officer {officer_id} acted outside the certificate's area ({region_code})",
            articles=[_APL42],
        ),
    },
)
def certificate_scope(record: Any, ctx: Context) -> None:
    """Flags an officer acting outside the enforcement domain or area of the certificate.

    For each act of a penalty case, inspection or coercive measure and each officer in it:
    the act's domain (``matter_domain``) not among the certificate's ``cert_scope`` → key
    ``<act>:<officer>:scope``; the act's division code not within any of ``cert_region`` (by
    the hierarchy of division codes) → key ``<act>:<officer>:region``. Nothing is flagged
    when either side is not recorded.

    ## Why
    行政处罚法 Art. 42(1): penalties are imposed by officers "具有行政执法资格"; the provincial
    certificate rules (U) limit each certificate to enforcement domains and an area.

    ## Example that flags
    An inspection in domain ``food_safety`` by an officer whose certificate covers only
    ``market_order``: S2.

    ## Example that does not flag
    A certificate for region ``510100`` used in ``510104`` (a district of that city).

    No date is compared; the date of the facts is the act's day, its agency the record's.

    ## Configuration
    None.
    """
    for act in acts_of(record):
        if not ctx.in_force(act.date):
            continue
        for officer_id in act.officer_ids:
            officer = ctx.lookup("officer", officer_id)
            if officer is None:
                continue
            evidence = [
                Evidence(
                    description=_described(_OFFICER), record_type="officer", record_id=officer_id
                )
            ]
            if (
                act.matter_domain
                and officer.cert_scope
                and act.matter_domain not in officer.cert_scope
            ):
                ctx.finding(
                    "domain",
                    key=f"{act.key}:{officer_id}:scope",
                    fact_date=act.date,
                    facts={
                        "act": act.label,
                        "act_key": act.key,
                        "officer_id": officer_id,
                        "matter_domain": act.matter_domain,
                        "domain": _domain(act.matter_domain),
                        "cert_scope": list(officer.cert_scope),
                    },
                    evidence=evidence,
                )
            if (
                act.region_code
                and officer.cert_region
                and not any(region_covers(area, act.region_code) for area in officer.cert_region)
            ):
                ctx.finding(
                    "region",
                    key=f"{act.key}:{officer_id}:region",
                    fact_date=act.date,
                    facts={
                        "act": act.label,
                        "act_key": act.key,
                        "officer_id": officer_id,
                        "region_code": act.region_code,
                        "cert_region": list(officer.cert_region),
                    },
                    evidence=evidence,
                )


# --------------------------------------------------------------------------------------------
# PERS-AUX-ALONE


#: The message of an act of each record type (each cites what binds that act).
_AUX_KINDS = {
    "penalty-case": "penalty-act",
    "inspection": "inspection",
    "coercive-measure": "coercive-act",
}


@rule(
    id="PERS-AUX-ALONE",
    title_zh="辅助人员独立执法",
    title_en="Auxiliary staff acting alone",
    category="personnel, abuse",
    severity="S1",
    legal_basis=[_ART54, _CONDUCT, _MOJ_CASES, _APL42],
    applies_to=("penalty-case", "inspection", "coercive-measure"),
    facts_date=record_date,
    messages={
        "penalty-act": Message(
            zh="{act}仅由辅助人员实施",
            en="{act}: done by auxiliary staff alone",
            articles=[_APL42, _CONDUCT],
        ),
        "inspection": Message(
            zh="{act}仅由辅助人员实施",
            en="{act}: done by auxiliary staff alone",
            articles=[_ART54, _CONDUCT],
        ),
        "coercive-act": Message(
            zh="{act}仅由辅助人员实施",
            en="{act}: done by auxiliary staff alone",
            articles=[_CONDUCT],
        ),
    },
)
def auxiliary_alone(record: Any, ctx: Context) -> None:
    """Flags an act done only by auxiliary staff.

    For each act of a penalty case, inspection or coercive measure whose officers are all
    known and all auxiliary staff (``is_auxiliary``: 协管员、网格员、临时工、辅警): S1, key the
    act. An act with an unknown officer id is not judged here (PEN-CERT-VALID and INSP-SUBJECT
    report unknown officers).

    ## Why
    国办发〔2024〕54号 and the 2025 code of conduct: "严禁第三方服务机构、辅助人员、网格员、临时工
    等执法"; 司法部 typical cases list "辅警独立执法"; 行政处罚法 Art. 42(1) has penalties imposed
    by officers "具有行政执法资格".

    ## Example that flags
    An inspection by two grid workers only: S1 ``inspection``.

    ## Example that does not flag
    A grid worker together with a certified officer (the helper may assist).

    Each finding cites what binds that act: 行政处罚法 Art. 42(1) for an act of a penalty case,
    54号 for an inspection, the code of conduct for all (the typical cases illustrate, and are
    not cited). No date is compared; the date of the facts is the act's day.

    ## Configuration
    None.
    """
    for act in acts_of(record):
        if not act.officer_ids or not ctx.in_force(act.date):
            continue
        officers = [ctx.lookup("officer", officer_id) for officer_id in act.officer_ids]
        known = [officer for officer in officers if officer is not None]
        if len(known) < len(officers):
            continue
        if all(officer.is_auxiliary for officer in known):
            ctx.finding(
                _AUX_KINDS[record.record_type],
                key=act.key,
                fact_date=act.date,
                facts={
                    "act": act.label,
                    "act_key": act.key,
                    "officers": list(act.officer_ids),
                    "date": act.date,
                },
                evidence=[
                    Evidence(
                        description=_described(_AUXILIARY),
                        record_type="officer",
                        record_id=officer_id,
                    )
                    for officer_id in act.officer_ids
                ],
            )


# --------------------------------------------------------------------------------------------
# PERS-REVIEWER-RATIO


@rule(
    id="PERS-REVIEWER-RATIO",
    title_zh="法制审核人员比例",
    title_en="Share of legal-review staff",
    category="personnel",
    severity="S4",
    legal_basis=_REVIEW_SHARE,
    applies_to="officer",
    group_by=GroupBy(key="agency_id", anchor="agency"),
    parameters=[
        Parameter(
            name="reviewer_ratio",
            default=Decimal("0.05"),
            unit="share",
            doc="法制审核人员占执法人员总数的最低比例 / minimum share of legal reviewers among "
            "the agency's officers (118号: 原则上不少于5%, U)",
        )
    ],
    messages={
        "ratio": Message(
            zh="法制审核人员 {reviewers} 人，占执法人员 {officers} 人的 {share:.1%}，"
            "低于 {minimum:.0%}",
            en="{reviewers} legal reviewer(s) among {officers} officers ({share:.1%}), below "
            "{minimum:.0%}",
            articles=[_REVIEW_SHARE],
        ),
    },
)
def reviewer_ratio(group: Group, ctx: Context) -> None:
    """Advises that an agency has too few legal-review staff for its officers.

    Counts the agency's officers in post (not auxiliary staff) and those among them who work
    as legal reviewers (``is_legal_reviewer``); a share below ``reviewer_ratio`` gives an S4
    finding (key ``ratio``). The share itself is enough: 1 reviewer among 20 officers is 5%.
    Agencies without officers in post, and bodies that do not enforce, are not checked.

    ## Why
    国办发〔2018〕118号: legal-review staff "原则上不少于本单位执法人员总数的5%" (U).

    ## Example that flags
    A township with 21 officers and 1 reviewer (4.8%): S4.

    ## Example that does not flag
    20 officers and 1 reviewer (5%).

    No date is compared. The date of the facts is the day the officers in post became what
    they are (the latest first day in post among them), else their latest recorded fact.

    ## Configuration
    ``reviewer_ratio`` (default 0.05, U).
    """
    agency = group.anchor
    if agency is None or agency.kind in NON_ENFORCING_KINDS:
        return
    officers = [o for o in group if not o.is_auxiliary and _in_post(o, ctx)]
    if not officers:
        return
    reviewers = [o for o in officers if o.is_legal_reviewer]
    ratio: Decimal = ctx.param("reviewer_ratio")
    share = Decimal(len(reviewers)) / Decimal(len(officers))
    if less_than(Decimal(len(reviewers)), ratio * len(officers)):
        starts = [o.active_from for o in officers if o.active_from is not None]
        ctx.finding(
            "ratio",
            key="ratio",
            agency_id=str(agency.id),
            fact_date=max(starts, default=None),
            facts={
                "officers": len(officers),
                "reviewers": len(reviewers),
                "share": share.quantize(Decimal("0.0001")),
                "minimum": ratio,
            },
        )


RULES: tuple[Rule, ...] = (
    certificate_expiring,
    training_hours,
    certificate_scope,
    auxiliary_alone,
    reviewer_ratio,
)
