"""Answers owed: complaints about enforcement, and the feedback of liaison points and social
supervisors (docs/catalog/rules.md#supervision-mechanism).

Complainants are never named (a complaint is referred to by its id); a supervisor who gave
feedback is named by the pseudonymous id only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from enforcement_supervision.model import FeedbackSourceKind
from enforcement_supervision.rules import Context, Message, Parameter, Rule, Text, rule
from esup_supervision_rules._common import day_after, enum_list
from esup_supervision_rules._law import ERYUAN_COMPLAINTS, REGULATION, SEED_REPORT, bases

__all__ = ["RULES", "complaint_reply", "feedback_answer"]

#: Start labels of the periods (the calendar's trace, "zh / en").
_RECEIVED = ("收到投诉举报", "complaint received")
_ACCEPTED = ("受理投诉举报", "complaint accepted")
_FEEDBACK_RECEIVED = ("收到意见建议", "feedback received")
#: Who gave the feedback: its kind of source and, where recorded, the source's id.
_GIVER = Message(zh="{kind} {source}", en="{kind} {source}")
_GIVER_KIND = Message(zh="{kind}", en="{kind}")


def _text(message: Message, **facts: Any) -> Text:
    return Text(zh=message.render(facts, "zh"), en=message.render(facts, "en"))


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
    messages={
        "responded-late": Message(
            zh="投诉举报 {complaint} 未在期限内答复（{response_due:deadline}），{done_date} 才答复",
            en="complaint {complaint}: not responded to in time ({response_due:deadline}); "
            "responded only on {done_date}",
            articles=[ERYUAN_COMPLAINTS, REGULATION],
        ),
        "concluded-late": Message(
            zh="匿名投诉举报 {complaint} 未在期限内办结（{response_due:deadline}），"
            "{done_date} 才办结",
            en="anonymous complaint {complaint}: not concluded in time ({response_due:deadline}); "
            "concluded only on {done_date}",
            articles=[ERYUAN_COMPLAINTS, REGULATION],
        ),
        "not-responded": Message(
            zh="投诉举报 {complaint} 未在期限内答复（{response_due:deadline}），至今未答复",
            en="complaint {complaint}: not responded to in time ({response_due:deadline}); "
            "no response yet",
            articles=[ERYUAN_COMPLAINTS, REGULATION],
        ),
    },
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

    **The same day.** A response on the last day of the period is in time, on the next day it
    is late. Dates of the facts: the late response (or conclusion), or the first day past the
    period while there is none. The body handling the complaint answers.

    ## Configuration
    ``complaint_reply_days`` (30), ``complaint_reply_counting`` (``CD``),
    ``complaint_reply_start`` (``received``), ``anonymous_conclusion_counts`` (true). The
    complainant is never named: findings refer to the complaint by id.
    """
    days: int = ctx.param("complaint_reply_days")
    counting: str = ctx.reading("complaint_reply_counting")
    if ctx.reading("complaint_reply_start") == "accepted" and complaint.accepted_date:
        start: date = complaint.accepted_date
        labels = _ACCEPTED
    else:
        start = complaint.received_date
        labels = _RECEIVED
    done: date | None = complaint.responded_date
    kind = "responded-late"
    if done is None and complaint.anonymous and ctx.reading("anonymous_conclusion_counts"):
        done, kind = complaint.concluded_date, "concluded-late"
    deadline = ctx.deadline(start, days, counting, start_label=labels[0], start_label_en=labels[1])
    # Same day: a response on the last day of the period is in time.
    if not ctx.late(deadline, done, label="答复期限 / response due"):
        return
    ctx.finding(
        kind if done is not None else "not-responded",
        key="reply",
        due=None,
        fact_date=done if done is not None else day_after(deadline.due_date),
        facts={
            "done_date": done,
            "complaint": complaint.id,
            "received_date": complaint.received_date,
            "accepted_date": complaint.accepted_date,
            "respondent_agency": complaint.respondent_agency_id,
            "response_due": deadline.due_date,
            "responded_date": complaint.responded_date,
            "concluded_date": complaint.concluded_date,
            "anonymous": complaint.anonymous,
        },
        articles=bases(deadline.due_date, [ERYUAN_COMPLAINTS]),
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
            converter=enum_list(FeedbackSourceKind),
            unit="source kinds",
            doc="哪些来源的意见建议须答复 / feedback from which sources must be answered",
        ),
    ],
    messages={
        "answered-late": Message(
            zh="{giver} 的意见建议 {feedback} 未在期限内答复（{answer_due:deadline}），"
            "{answered_date} 才答复",
            en="feedback {feedback} from {giver}: not answered in time ({answer_due:deadline}); "
            "answered only on {answered_date}",
            articles=[SEED_REPORT, REGULATION],
        ),
        "not-answered": Message(
            zh="{giver} 的意见建议 {feedback} 未在期限内答复（{answer_due:deadline}），至今未答复",
            en="feedback {feedback} from {giver}: not answered in time ({answer_due:deadline}); "
            "no answer yet",
            articles=[SEED_REPORT, REGULATION],
        ),
    },
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

    **The same day.** An answer on the last day of the period is in time, on the next day it is
    late. Dates of the facts: the late answer, or the first day past the period while there is
    none. The body that collected the feedback answers; a supervisor who gave it is named by
    the pseudonymous id only.

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
        start_label=_FEEDBACK_RECEIVED[0],
        start_label_en=_FEEDBACK_RECEIVED[1],
    )
    answered: date | None = feedback.answered_date
    # Same day: an answer on the last day of the period is in time.
    if not ctx.late(deadline, answered, label="答复期限 / answer due"):
        return
    source = FeedbackSourceKind(str(feedback.source_kind))
    giver = _GIVER if feedback.source_id else _GIVER_KIND
    ctx.finding(
        "answered-late" if answered is not None else "not-answered",
        key="answer",
        fact_date=answered if answered is not None else day_after(deadline.due_date),
        facts={
            "giver": _text(giver, kind=source, source=feedback.source_id),
            "feedback": feedback.id,
            "source_kind": source.value,
            "source_id": feedback.source_id,
            "received_date": feedback.received_date,
            "forwarded_to_agency": feedback.forwarded_to_agency_id,
            "answer_due": deadline.due_date,
            "answered_date": answered,
        },
        articles=bases(deadline.due_date, [SEED_REPORT]),
    )


RULES: tuple[Rule, ...] = (complaint_reply, feedback_answer)
