"""Deadlines that bind the agency: the strict and the rolled last day, and the S4 advisory.

Whether a last day that is a rest day rolls over for a deadline that binds the agency (the 90
days of 行政处罚法 Art. 60, the 15/60/30 days of 信访工作条例) is unsettled
(``docs/catalog/interpretations.md#agency-deadline-rollover``). The rules that count such a
deadline — PEN-DECISION-90D and the petition periods — declare the same two readings,
:data:`AGENCY_DEADLINE_ROLLOVER` and :data:`STRICT_DEADLINE_ADVISORY`, compute the deadline
with ``rollover=ctx.reading("agency_deadline_rollover")``, make the S2 finding only after the
deadline that applies, and give an act done (or a duty still open) between the strict and the
rolled last day the S4 advisory of :func:`past_strict_deadline`: a note on the run by default,
an S4 finding of its own (key ``past-strict-deadline``) with ``strict_deadline_advisory =
"finding"`` (``docs/catalog/interpretations.md#strict-deadline-advisory``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from enforcement_supervision.rules import Context, LegalBasis, Message, Parameter, Text
from enforcement_supervision.statutory_time import Deadline

__all__ = [
    "ADVISORY_KEY",
    "AGENCY_DEADLINE_ROLLOVER",
    "STRICT_DEADLINE_ADVISORY",
    "advisory_messages",
    "past_strict_deadline",
]

#: The finding key of the S4 advisory (``strict_deadline_advisory = "finding"``).
ADVISORY_KEY = "past-strict-deadline"

AGENCY_DEADLINE_ROLLOVER = Parameter(
    name="agency_deadline_rollover",
    default=True,
    reading=True,
    doc="约束行政机关的期限末日为休息日时是否顺延（U，docs/catalog/interpretations.md）。"
    "为 true 时，严格期限与顺延期限之间完成的行为只作 S4 提示，不认定超期 / roll a last "
    "day that is a rest day over to the next working day for this agency-side deadline "
    "(U); between the strict and the rolled deadline only an S4 advisory is made",
)
STRICT_DEADLINE_ADVISORY = Parameter(
    name="strict_deadline_advisory",
    default="note",
    choices=("note", "finding"),
    reading=True,
    doc="严格期限与顺延期限之间完成的行为如何提示：note 为检查记录中的 S4 提示（默认，"
    "不构成问题发现）；finding 为单独的 S4 提示性问题发现（键 past-strict-deadline），"
    "可在报告中逐案显示并跟进 / how the S4 advisory between the strict and the rolled "
    "deadline is kept: 'note' (default) — a note on the run record, not a finding; "
    "'finding' — an S4 advisory finding of its own (key past-strict-deadline)",
)


def advisory_messages(articles: Sequence[LegalBasis]) -> dict[str, Message]:
    """The two advisory templates (kinds ``past-strict-done`` and ``past-strict-open``) of a
    rule whose act is named by the fact ``what``, citing ``articles``."""
    return {
        "past-strict-done": Message(
            zh="已超过严格期限 {strict_deadline}（{strict_day}），{done_date} {what}；"
            "按顺延至 {rolled_deadline} 未认定超期（S4 提示）",
            en="past the strict deadline {strict_deadline} ({strict_day}): {what} on "
            "{done_date}; not late under rollover to {rolled_deadline} (S4 note)",
            articles=articles,
            severity="S4",
        ),
        "past-strict-open": Message(
            zh="尚未{what}，已超过严格期限 {strict_deadline}（{strict_day}）；"
            "顺延后的期限 {rolled_deadline} 尚未届满（S4 提示）",
            en="{what} not done yet, past the strict deadline {strict_deadline} "
            "({strict_day}); the rolled deadline {rolled_deadline} has not passed (S4 note)",
            articles=articles,
            severity="S4",
        ),
    }


def past_strict_deadline(
    ctx: Context,
    deadline: Deadline,
    done_on: dt.date | None,
    *,
    facts: Mapping[str, Any],
    done_kind: str = "past-strict-done",
    open_kind: str = "past-strict-open",
) -> None:
    """The S4 advisory of an act done after the strict but on or before the rolled last day
    (``done_kind``), or of a duty still open between the two (``open_kind``).

    Call it after ``ctx.late(deadline, done_on)`` found no breach. Nothing happens when the
    deadline does not roll over (the reading is false, or the strict day is a working day).
    The advisory is a run note or, with ``strict_deadline_advisory = "finding"``, an S4
    finding with the key :data:`ADVISORY_KEY` whose date of the facts is the act's day (or
    the first day past the strict deadline) and which is due on the rolled day while the duty
    is open."""
    strict = deadline.strict_date
    rolled = deadline.rolled_date
    if not deadline.rollover or rolled is None or rolled == strict:
        return
    if done_on is not None:
        if not deadline.is_met_only_by_rollover(done_on):
            return
    elif not ctx.ended(strict):  # rechecked the day after the strict day
        return
    # "Raise S2 only after the rolled deadline (an S4 note between the two)"
    # (docs/catalog/interpretations.md#agency-deadline-rollover).
    advisory = {
        **facts,
        "strict_deadline": strict,
        "rolled_deadline": rolled,
        "strict_day": Text(
            zh=ctx.calendar.describe_day(strict, "zh"), en=ctx.calendar.describe_day(strict, "en")
        ),
    }
    kind = done_kind if done_on is not None else open_kind
    if ctx.reading("strict_deadline_advisory") == "note":
        ctx.note(kind, kind="advisory", severity="S4", **advisory)
        return
    ctx.finding(kind, key=ADVISORY_KEY, facts=advisory, due=None if done_on is not None else rolled)
