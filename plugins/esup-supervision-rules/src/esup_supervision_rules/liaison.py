"""Liaison points: enough of them in place, each shown to meet the selection criteria, and
each heard regularly (docs/catalog/rules.md#supervision-mechanism).

A liaison point is a unit (an enterprise, a village committee): its name is not personal data
and the texts give it beside the point's id.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from enforcement_supervision.model import FeedbackSourceKind, LiaisonCriterion, LiaisonPointStatus
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
    DESIGNATED,
    FeedbackSource,
    agency_levels,
    day_after,
    described,
    in_scope,
    point_active,
    point_end,
)
from esup_supervision_rules._law import (
    JINZHONG_LIAISON,
    REGULATION,
    SEED_REPORT,
    bases,
    bases_now,
)

__all__ = ["RULES", "liaison_count", "liaison_feedback"]

_LAST_HEARD = ("最近一次收集意见", "last opinion collected")
_ASSESSMENT = Message(zh="联系点遴选条件评估", en="assessment against the criteria")


def _since(group: Group, ctx: Context) -> date | None:
    """The day the agency's active points became what they are: the latest designation, or the
    day after the latest term that ended (``None`` when no point has a date yet)."""
    days: list[date] = []
    for point in group:
        if not ctx.reached(point.designation_date, fact=False):
            continue
        days.append(point.designation_date)
        end = point_end(point, ctx)
        if end is not None and ctx.ended(end, fact=False):
            days.append(day_after(end))
    return max(days, default=None)


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
        agency_levels(),
    ],
    messages={
        "count": Message(
            zh="执法主体 {agency_id} 有效监督联系点 {active} 个，少于 {required} 个",
            en="agency {agency_id}: {active} active liaison point(s), {required} required",
            articles=[SEED_REPORT, JINZHONG_LIAISON, REGULATION],
        ),
        "criteria": Message(
            zh="监督联系点 {liaison_point}（{point_name}）未载明符合遴选条件：{criteria}",
            en="liaison point {liaison_point}: criteria not shown to be met: {criteria}",
            articles=[SEED_REPORT, JINZHONG_LIAISON, REGULATION],
        ),
    },
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

    No date is compared. Dates of the facts: for ``count``, the day the active points became
    what they are (the latest designation among them, or the day after the last term that
    ended); for ``criteria``, the point's designation. The designating agency answers.

    ## Configuration
    ``min_liaison_points`` (2), ``require_criteria_evidence`` (false), ``agency_levels``
    (``["township"]``: the count is checked for these; the criteria for every active point).
    Points are counted for their ``agency_id`` (the designating body).
    """
    agency = group.anchor
    if agency is None:
        return
    active = [point for point in group if point_active(point, ctx)]
    if in_scope(agency, ctx):
        needed: int = ctx.param("min_liaison_points")
        if less_than(len(active), needed):
            ctx.finding(
                "count",
                key="count",
                agency_id=str(agency.id),
                fact_date=_since(group, ctx),
                facts={
                    "agency_id": agency.id,
                    "active": len(active),
                    "active_liaison_points": [point.id for point in active],
                    "required": needed,
                },
                articles=bases_now(ctx, [SEED_REPORT, JINZHONG_LIAISON]),
            )
    require_evidence: bool = ctx.reading("require_criteria_evidence")
    for point in active:
        missing = _missing_criteria(point, require_evidence)
        if not missing:
            continue
        ctx.finding(
            "criteria",
            key=f"criteria-{point.id}",
            agency_id=str(agency.id),
            fact_date=point.designation_date,
            facts={
                "liaison_point": point.id,
                "point_name": point.name,
                "criteria": [LiaisonCriterion(value) for value in missing],
                "criteria_missing": missing,
            },
            evidence=[
                Evidence(
                    description=described(_ASSESSMENT),
                    record_type="liaison-point",
                    record_id=str(point.id),
                    field="criteria",
                )
            ],
            articles=bases(point.designation_date, [SEED_REPORT, JINZHONG_LIAISON]),
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
    group_by=GroupBy(key=FeedbackSource(FeedbackSourceKind.LIAISON_POINT), anchor="liaison-point"),
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
    messages={
        "not-heard": Message(
            zh="监督联系点 {liaison_point}（{point_name}）自 {counted_from} 起超过 {interval} 日"
            "未收集意见建议（{next_collection_due:deadline}）",
            en="liaison point {liaison_point}: no opinion collected within {interval} days "
            "after {counted_from} ({next_collection_due:deadline})",
            articles=[SEED_REPORT, REGULATION],
        ),
    },
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

    **The same day.** A collection on the last day of the interval is in time; the next day the
    point is overdue, and that day is the date of the facts. A point whose term ends on the day
    the next collection falls due is still owed it. The designating agency answers.

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
        labels = _LAST_HEARD
    else:
        start = point.designation_date
        labels = DESIGNATED
    interval: int = ctx.param("feedback_interval_days", as_of=start)
    deadline = ctx.deadline(start, interval, "CD", start_label=labels[0], start_label_en=labels[1])
    end = point_end(point, ctx)
    # Same day: a term ending on the due day still owes the collection.
    if end is not None and end < deadline.due_date:
        return
    # Same day: a collection on the last day of the interval is in time.
    if not ctx.deadline_passed(deadline, label="下一次收集意见 / next collection"):
        return
    ctx.finding(
        "not-heard",
        key=f"since-{start.isoformat()}",
        fact_date=day_after(deadline.due_date),
        facts={
            "liaison_point": point.id,
            "point_name": point.name,
            "interval": interval,
            "last_feedback": start if heard else None,
            "counted_from": start,
            "next_collection_due": deadline.due_date,
        },
        deadlines=[deadline],
        articles=bases(deadline.due_date, [SEED_REPORT]),
    )


RULES: tuple[Rule, ...] = (liaison_count, liaison_feedback)
