"""Supervision checks: routine checks held on time, case files reviewed every year,
supervision opinions rectified (docs/catalog/rules.md#supervision-mechanism)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from enforcement_supervision.model import SupervisionCheckType
from enforcement_supervision.rules import (
    Context,
    Evidence,
    Group,
    GroupBy,
    Message,
    Parameter,
    Rule,
    rule,
)
from enforcement_supervision.statutory_time import less_than
from esup_supervision_rules._common import (
    CheckedAgency,
    agency_levels,
    day_after,
    described,
    in_scope,
)
from esup_supervision_rules._law import (
    CASEFILE_PRACTICE,
    REGULATION,
    REGULATION_ART6,
    SEED_REPORT,
    bases,
)

__all__ = ["RULES", "casefile_review", "daily_check", "rectify"]

#: Start labels of the check interval (the calendar's trace, "zh / en").
_LAST_CHECK = ("最近一次日常监督检查", "last routine check")
_EXPECTED_FROM = ("应开展日常监督检查起始日", "routine checks expected from")
_ISSUED = ("监督意见书制发", "opinion issued")
#: Descriptions of the evidence a finding lists.
_REVIEW_RECORD = Message(zh="案卷评查记录", en="case-file review record")
_OPINION = Message(zh="监督意见书", en="supervision opinion")


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
    group_by=GroupBy(key=CheckedAgency(SupervisionCheckType.ROUTINE), anchor="agency"),
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
        agency_levels(),
    ],
    messages={
        "overdue": Message(
            zh="执法主体 {agency_id} 自 {counted_from} 起超过 {interval} 日未开展日常监督检查"
            "（{next_check_due:deadline}）",
            en="agency {agency_id}: no routine supervision check within {interval} days after "
            "{counted_from} ({next_check_due:deadline})",
            articles=[SEED_REPORT, REGULATION_ART6, REGULATION],
        ),
    },
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

    **The same day.** A check on the last day of the interval is in time; the next day the
    agency is overdue, and that day is the date of the facts. The agency checked answers.

    ## Configuration
    ``daily_check_interval_days`` (31), ``expected_from`` (2026-02-01) for an agency never
    checked, ``agency_levels`` (``["township"]``). Checks are grouped by the agency checked
    (``supervised_agency_ids``; the supervising body itself when none is named).
    """
    agency = group.anchor
    if agency is None or not in_scope(agency, ctx):
        return
    held = [check.date for check in group if ctx.reached(check.date)]
    if held:
        start: date = max(held)
        labels = _LAST_CHECK
    else:
        start = ctx.param("expected_from")
        labels = _EXPECTED_FROM
    interval: int = ctx.param("daily_check_interval_days", as_of=start)
    deadline = ctx.deadline(start, interval, "CD", start_label=labels[0], start_label_en=labels[1])
    # Same day: a check on the last day of the interval is in time.
    if not ctx.deadline_passed(deadline, label="下一次日常监督检查 / next routine check"):
        return
    ctx.finding(
        "overdue",
        key=f"after-{start.isoformat()}",
        agency_id=str(agency.id),
        fact_date=day_after(deadline.due_date),
        facts={
            "agency_id": agency.id,
            "interval": interval,
            "last_routine_check": start if held else None,
            "counted_from": start,
            "next_check_due": deadline.due_date,
            "routine_checks_on_record": len(held),
        },
        articles=bases(deadline.due_date, [SEED_REPORT], [REGULATION_ART6, REGULATION]),
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
    group_by=GroupBy(key=CheckedAgency(SupervisionCheckType.CASE_FILE_REVIEW), anchor="agency"),
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
        agency_levels(),
    ],
    messages={
        "too-few": Message(
            zh="执法主体 {agency_id} {year} 年组织案卷评查 {reviews} 次，少于 {required} 次",
            en="agency {agency_id}: {reviews} case-file review(s) in {year}, {required} required",
            articles=[CASEFILE_PRACTICE, SEED_REPORT, REGULATION],
        ),
        "sample": Message(
            zh="案卷评查 {review} 抽查 {sampled}/{population} 件，低于 {minimum:%} 的抽查比例",
            en="case-file review {review} sampled {sampled} of {population} records, below the "
            "{minimum:%} minimum",
            articles=[CASEFILE_PRACTICE, SEED_REPORT, REGULATION],
        ),
    },
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

    **The same day.** A year is judged from 1 January of the next (31 December is part of it),
    and that day is the date of the facts; a review's sample is dated the review's day. The
    agency reviewed answers.

    ## Configuration
    ``reviews_per_year`` (1), ``min_sample_rate`` (0.05), ``expected_from`` (2026-02-01),
    ``agency_levels`` (``["township"]``). Years are checked from the earlier of the first
    review on record and ``expected_from``. A review without ``population_size`` is not
    checked for its sample rate (missing data is not a violation).
    """
    agency = group.anchor
    if agency is None or not in_scope(agency, ctx):
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
                "too-few",
                key=str(year),
                agency_id=str(agency.id),
                fact_date=day_after(last_day),
                facts={
                    "agency_id": agency.id,
                    "year": year,
                    "reviews": len(held),
                    "required": needed,
                },
                articles=bases(last_day, [CASEFILE_PRACTICE, SEED_REPORT]),
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
                "sample",
                key=f"sample-{check.id}",
                agency_id=str(agency.id),
                fact_date=check.date,
                facts={
                    "minimum": minimum,
                    "review": check.id,
                    "date": check.date,
                    "sampled": sampled,
                    "population": population,
                    "rate": rate.quantize(Decimal("0.0001")),
                },
                evidence=[
                    Evidence(
                        description=described(_REVIEW_RECORD),
                        record_type="supervision-check",
                        record_id=str(check.id),
                        field="sampled_cases",
                        value=sampled,
                    )
                ],
                articles=bases(check.date, [CASEFILE_PRACTICE, SEED_REPORT]),
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
    messages={
        "overdue": Message(
            zh="监督意见 {opinion} 要求 {addressee_agency} 整改"
            "（{rectification_deadline:deadline}），逾期未整改",
            en="supervision opinion {opinion} to {addressee_agency}: rectification "
            "({rectification_deadline:deadline}) is overdue",
            articles=[REGULATION, SEED_REPORT],
        ),
    },
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

    **The same day.** Rectified on the deadline day is in time; from the next day the opinion
    is overdue, and that day is the date of the facts. The addressee agency answers.

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
                opinion.issued_date, days, "CD", start_label=_ISSUED[0], start_label_en=_ISSUED[1]
            )
            due = deadline.due_date
            overdue = ctx.deadline_passed(deadline, label=f"整改期限 / rectification ({key})")
        else:
            # Same day: the deadline day itself is in time.
            overdue = ctx.ended(due)
        if not overdue:
            continue
        ctx.finding(
            "overdue",
            key=key,
            agency_id=str(opinion.addressee_agency_id),
            due=due,
            fact_date=day_after(due),
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
                    description=described(_OPINION),
                    record_type="supervision-check",
                    record_id=str(check.id),
                    field="opinions",
                    value=key,
                )
            ],
            articles=bases(due, [SEED_REPORT]),
        )


RULES: tuple[Rule, ...] = (daily_check, casefile_review, rectify)
