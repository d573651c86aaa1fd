"""An example local rule pack: a township's own rule on its supervision liaison points.

The township's liaison-point work rules say each active liaison point (行政执法监督联系点) must
be heard — at least one opinion or suggestion collected — in every calendar quarter. The rule
below checks it for every full quarter since the point was designated. It uses only the
public rule API, as any third-party plugin would.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from enforcement_supervision.rules import (
    Context,
    Group,
    GroupBy,
    Instrument,
    Message,
    Parameter,
    Rule,
    hookimpl,
    rule,
)

__version__ = "0.1.0"
#: The hook API this plugin was written for.
ESUP_HOOK_API = 1


#: The township's own work rules on its liaison points: local law, cited only where the
#: deployment names it in ``[law] local_instruments``.
LIAISON_RULES = Instrument(
    id="example-township-liaison-rules",
    title="某镇行政执法监督联系点工作制度",
    short_title="某镇行政执法监督联系点工作制度",
    title_en="township liaison-point work rules",
    scope="local",
    region="示例镇",
)


def quarters_after(day: date) -> Iterator[tuple[str, date, date]]:
    """The calendar quarters after the one containing ``day``: ``(label, first, last day)``."""
    year, quarter = day.year, (day.month - 1) // 3 + 1
    while True:
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        following = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
        yield f"{year}Q{quarter}", date(year, 3 * quarter - 2, 1), following - timedelta(days=1)


@rule(
    id="LOCAL-LIAISON-QUARTERLY",
    title_zh="监督联系点每季度至少听取一次意见",
    title_en="Liaison point heard at least once a quarter",
    category="supervision-mechanism",
    severity="S3",
    legal_basis=LIAISON_RULES.art("6", verification="U"),
    applies_to="feedback",
    group_by=GroupBy(
        key=lambda f: f.source_id if f.source_kind == "liaison_point" else None,
        anchor="liaison-point",
    ),
    parameters=[
        Parameter(
            name="feedback_per_quarter",
            default=1,
            unit="opinions",
            doc="每季度至少收集的意见建议条数 / opinions to collect from each point per quarter",
        )
    ],
    messages={
        "not-heard": Message(
            zh="监督联系点“{point_name}”{quarter} 未收集意见建议（{feedback}/{needed} 条）",
            en="liaison point {point}: {feedback} of {needed} opinion(s) in {quarter}",
            articles=[LIAISON_RULES.art("6", verification="U")],
        )
    },
)
def liaison_quarterly(group: Group, ctx: Context) -> None:
    """Flags an active liaison point from which no opinion was collected in a full quarter.

    ## Why
    The township's liaison-point rules (Art. 6) ask the supervision office to hear every
    liaison point at least once a quarter; a point nobody listens to is a point on paper only.

    ## Example that flags
    Point LP-1, designated 2024-11-20, with feedback on 2025-02-10 only: checked at
    2025-07-10, quarter 2025Q2 has no feedback → one finding with key ``2025Q2``.

    ## Example that does not flag
    The same point with feedback on 2025-05-06 as well; or any point that is not active.

    **The same day.** A quarter includes its first and its last day, and is judged from the
    day after it ends; that day is the date of the facts. The designating agency answers.

    ## Configuration
    ``feedback_per_quarter`` (default 1) in ``[rules."LOCAL-LIAISON-QUARTERLY"]``.
    """
    point = group.anchor
    if point is None or point.status != "active":
        return
    for label, first, last in quarters_after(point.designation_date):
        if not ctx.ended(last):  # records when this quarter ends: the recheck time
            break
        heard = sum(first <= f.received_date <= last for f in group)
        needed = ctx.param("feedback_per_quarter", as_of=last)
        if heard < needed:
            ctx.finding(
                "not-heard",
                key=label,
                fact_date=last + timedelta(days=1),
                facts={
                    "quarter": label,
                    "from": first,
                    "to": last,
                    "feedback": heard,
                    "needed": needed,
                    "point": point.id,
                    "point_name": point.name,
                },
            )


RULES: tuple[Rule, ...] = (liaison_quarterly,)


@hookimpl
def esup_rules() -> tuple[Rule, ...]:
    """Contribute this pack's rules."""
    return RULES
