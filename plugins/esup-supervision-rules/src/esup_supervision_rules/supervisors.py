"""Social supervisors: acting only within their appointment and never when barred, and enough
of them serving (docs/catalog/rules.md#supervision-mechanism).

Supervisors are people: texts and facts name them by their pseudonymous id only (the record's
``id``), never by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from enforcement_supervision.model import (
    DisqualificationKind,
    FeedbackSourceKind,
    SupervisorStatus,
)
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
from esup_supervision_rules._common import (
    APPOINTED,
    FeedbackSource,
    agency_levels,
    day_after,
    described,
    enum_list,
    in_scope,
    supervisor_active,
    term_end,
    term_months,
)
from esup_supervision_rules._law import (
    JIANSHI_SUPERVISORS,
    JIEYANG_SUPERVISORS,
    REGULATION,
    SEED_REPORT,
    XIZANG_SUPERVISORS,
    bases,
    bases_now,
)

__all__ = ["RULES", "supervisor_count", "supervisor_term"]

_TERM_OVER = Text(zh="聘期届满", en="term")
_ACTIVITY = Message(zh="履职记录（{kind}）", en="activity ({kind})")
_FEEDBACK = Message(zh="以该监督员名义收到的意见建议", en="feedback from the supervisor")


def _since(group: Group, ctx: Context, default_months: int) -> date | None:
    """The day the serving supervisors became what they are: the latest appointment, or the
    day after the latest end of an appointment (``None`` when nobody has a date yet)."""
    days: list[date] = []
    for item in group:
        if not ctx.reached(item.appointed_date, fact=False):
            continue
        days.append(item.appointed_date)
        months = item.term_months if item.term_months is not None else default_months
        end, _ = term_end(ctx, item.appointed_date, months, item.term_end_date, APPOINTED)
        if item.status_date is not None and item.status != SupervisorStatus.ACTIVE:
            end = item.status_date if end is None else min(end, item.status_date)
        if end is not None and ctx.ended(end, fact=False):
            days.append(day_after(end))
    return max(days, default=None)


# --------------------------------------------------------------------------------------------
# SUP-SUPERVISOR-TERM


def _disqualifying_kinds() -> Parameter:
    return Parameter(
        name="disqualifying_kinds",
        default=tuple(kind.value for kind in DisqualificationKind),
        converter=enum_list(DisqualificationKind),
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
        key=FeedbackSource(FeedbackSourceKind.SOCIAL_SUPERVISOR), anchor="social-supervisor"
    ),
    parameters=[
        term_months("SUP-SUPERVISOR-TERM"),
        _disqualifying_kinds(),
        Parameter(
            name="feedback_counts_as_activity",
            default=True,
            reading=True,
            doc="以该监督员名义收到的意见建议视为履职 / feedback recorded as coming from the "
            "supervisor counts as acting in the role",
        ),
    ],
    messages={
        "after-term": Message(
            zh="社会监督员 {supervisor} 于 {appointment_ended} {ended_how}后仍有 {count} 项履职记录"
            "（{first_after} 起）",
            en="social supervisor {supervisor}: {count} activity record(s) after the "
            "appointment ended ({ended_how}) on {appointment_ended}, from {first_after}",
            articles=[SEED_REPORT, JIANSHI_SUPERVISORS, JIEYANG_SUPERVISORS],
        ),
        "disqualified-acting": Message(
            zh="社会监督员 {supervisor} 存在不得担任的情形（{kinds}），其后仍有 {count} 项履职记录",
            en="social supervisor {supervisor} has a disqualifying record ({kinds}) and acted "
            "{count} time(s) after it",
            articles=[SEED_REPORT, XIZANG_SUPERVISORS],
        ),
        "disqualified-appointed": Message(
            zh="社会监督员 {supervisor} 存在不得担任的情形（{kinds}），仍在聘",
            en="social supervisor {supervisor} has a disqualifying record ({kinds}) and is still "
            "appointed",
            articles=[SEED_REPORT, XIZANG_SUPERVISORS],
        ),
    },
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

    **The same day.** An activity on the last day of the term, or on the day of a dismissal,
    is inside the appointment (the records carry no time); one the next day is after it. An
    activity on the day a disqualifying record is dated cannot be shown to follow it and is
    not counted; from the next day it is. Dates of the facts: the first activity after the
    end (or after the record); for a barred supervisor still appointed, the record's day. The
    appointing agency answers; the supervisor is named by the pseudonymous id only.

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
    term_end_day, deadline = term_end(
        ctx, supervisor.appointed_date, months, supervisor.term_end_date, APPOINTED
    )
    end, reason = term_end_day, "term"
    if (
        supervisor.status in (SupervisorStatus.DISMISSED, SupervisorStatus.EXPIRED)
        and supervisor.status_date is not None
        and (end is None or supervisor.status_date < end)
    ):
        end, reason = supervisor.status_date, str(supervisor.status)

    if end is not None:
        # Same day: an activity on the last day of the term, or of a dismissal, is inside it.
        after = [act for act in acts if act[0] > end]
        if deadline is not None and acts and reason == "term":
            ctx.deadline_met(deadline, acts[-1][0], label="聘期届满 / end of term")
        if after:
            ctx.finding(
                "after-term",
                key="after-term",
                fact_date=after[0][0],
                facts={
                    "supervisor": supervisor.id,
                    "appointed_date": supervisor.appointed_date,
                    "term_months": None if supervisor.term_end_date else months,
                    "appointment_ended": end,
                    "ended_by": reason,
                    "ended_how": _TERM_OVER if reason == "term" else SupervisorStatus(reason),
                    "count": len(after),
                    "first_after": after[0][0],
                    "activities_after": [
                        {"date": day, "kind": kind, "record": record} for day, kind, record in after
                    ],
                },
                evidence=_activity_evidence(supervisor.id, after),
                articles=bases(
                    after[0][0], [SEED_REPORT, JIANSHI_SUPERVISORS, JIEYANG_SUPERVISORS]
                ),
            )

    kinds: tuple[str, ...] = ctx.param("disqualifying_kinds")
    barred = [item for item in supervisor.disqualifications if str(item.kind) in kinds]
    if not barred:
        return
    # Same day: an activity on the day of the record cannot be shown to follow it.
    acting = [
        act for act in acts if any(item.date is None or act[0] > item.date for item in barred)
    ]
    appointed = supervisor.status == SupervisorStatus.ACTIVE and (end is None or not ctx.ended(end))
    if not acting and not appointed:
        return
    recorded = [item.date for item in barred if item.date is not None]
    ctx.finding(
        "disqualified-acting" if acting else "disqualified-appointed",
        key="disqualified",
        fact_date=acting[0][0] if acting else max(recorded, default=None),
        facts={
            "supervisor": supervisor.id,
            "kinds": [DisqualificationKind(str(item.kind)) for item in barred],
            "count": len(acting),
            "disqualifications": [{"kind": str(item.kind), "date": item.date} for item in barred],
            "still_appointed": appointed,
            "activities_after": [
                {"date": day, "kind": kind, "record": record} for day, kind, record in acting
            ],
        },
        deadlines=(),
        evidence=_activity_evidence(supervisor.id, acting),
        articles=(
            bases(acting[0][0], [SEED_REPORT, XIZANG_SUPERVISORS])
            if acting
            else bases_now(ctx, [SEED_REPORT, XIZANG_SUPERVISORS])
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
                    description=_ACTIVITY.render({"kind": kind}, "zh")
                    + " / "
                    + _ACTIVITY.render({"kind": kind}, "en"),
                    record_type="social-supervisor",
                    record_id=str(supervisor_id),
                    field="activities",
                    value=day.isoformat(),
                )
            )
        else:
            evidence.append(
                Evidence(
                    description=described(_FEEDBACK),
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
        term_months("SUP-SUPERVISOR-COUNT"),
        agency_levels(),
    ],
    messages={
        "count": Message(
            zh="执法主体 {agency_id} 在聘社会监督员 {serving} 名，少于 {required} 名",
            en="agency {agency_id}: {serving} serving social supervisor(s), {required} required",
            articles=[SEED_REPORT, REGULATION],
        ),
    },
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

    No date is compared. The date of the facts is the day the serving supervisors became what
    they are (the latest appointment, or the day after the latest term or dismissal that
    ended one); the appointing agency answers.

    ## Configuration
    ``min_supervisors`` (2), ``term_months`` (24, for records without a term; keep it equal
    to SUP-SUPERVISOR-TERM's), ``agency_levels`` (``["township"]``). Supervisors are counted
    for their ``agency_id`` (the appointing body).
    """
    agency = group.anchor
    if agency is None or not in_scope(agency, ctx):
        return
    default_months: int = ctx.param("term_months")
    serving = [item for item in group if supervisor_active(item, ctx, default_months)]
    needed: int = ctx.param("min_supervisors")
    if not less_than(len(serving), needed):
        return
    ctx.finding(
        "count",
        key="count",
        agency_id=str(agency.id),
        fact_date=_since(group, ctx, default_months),
        facts={
            "agency_id": agency.id,
            "serving": len(serving),
            "serving_supervisors": [item.id for item in serving],
            "required": needed,
        },
        articles=bases_now(ctx, [SEED_REPORT]),
    )


RULES: tuple[Rule, ...] = (supervisor_term, supervisor_count)
