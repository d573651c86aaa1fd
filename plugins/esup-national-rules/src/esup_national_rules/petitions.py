"""Rules of docs/catalog/rules.md#petitions: 信访 (信访工作条例, in force 2022-05-01).

The regulation's periods bind the bodies that receive and handle petitions: the petition office
registers and routes within 15 days (Art. 22); a body tells the petitioner in writing within
15 days (Art. 23(2), (3)); a referred petition outside its powers is objected to within 5
working days (Art. 23(3)); a claim handled by opinion is concluded within 60 days, with at
most 30 more days approved by the head and explained to the petitioner (Art. 34); the review
and the re-check opinions come within 30 days (Arts. 35, 36), hearing time not counted.

**Counting.** Only Art. 23(3) says "个工作日"; the other periods are read as calendar days
(``petition_period_unit``, default ``"CD"``) whose last day rolls over to the next working day
by analogy with 民法典 Art. 203 (``agency_deadline_rollover``, default true), with an S4
advisory between the strict and the rolled day (``strict_deadline_advisory``, default a note);
docs/catalog/interpretations.md#petition-calendar-days. Make-up working days are working days:
a 15th day on a make-up Saturday does not roll over. Petitions received before 2022-05-01 (the
2005 信访条例) are not evaluated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from enforcement_supervision.model import (
    Petition,
    PetitionCategory,
    PetitionChannel,
    PetitionHandling,
)
from enforcement_supervision.rules import (
    AS_OF,
    Context,
    LegalBasis,
    Message,
    Parameter,
    Rule,
    Screen,
    Text,
    any_of,
    field,
    pack_parameter,
    rule,
)
from enforcement_supervision.statutory_time import Deadline, ExcludedPeriod, Extension
from esup_national_rules._agency_deadlines import (
    AGENCY_DEADLINE_ROLLOVER,
    STRICT_DEADLINE_ADVISORY,
    advisory_messages,
    past_strict_deadline,
)
from esup_national_rules._law import PETITION_REGULATION as PWR
from esup_national_rules._licensing_periods import working_day_notes
from esup_national_rules._penalty_common import deadline_unless_decided
from esup_national_rules._texts import part

__all__ = [
    "PETITION_PERIOD_UNIT",
    "RULES",
    "petition_handle",
    "petition_notice",
    "petition_objection",
    "petition_recheck",
    "petition_review",
    "petition_route",
]

RECORD = "petition"

#: Whether the regulation's "15日、60日、30日" are calendar days (the catalog's reading, U) or
#: working days. One reading for the five petition periods: a pack parameter, set once in
#: ``[packs."national"]``.
PETITION_PERIOD_UNIT = pack_parameter(
    "petition_period_unit",
    "CD",
    choices=("CD", "WD"),
    reading=True,
    doc="信访工作条例“15日、60日、30日”的计算单位：CD 日历日（默认，U，"
    "docs/catalog/interpretations.md#petition-period-unit）或 WD 工作日；第23条第3款"
    "的“5个工作日”不受影响 / whether the regulation's 15/60/30 days are calendar "
    "days (default, U) or working days; the 5 working days of Art. 23(3) stay",
)
#: The readings of a petition period: its unit (for the pack), its rollover and the S4
#: advisory (as for PEN-DECISION-90D, docs/catalog/interpretations.md#agency-deadline-rollover).
PERIOD_READINGS: tuple[Parameter, ...] = (
    PETITION_PERIOD_UNIT,
    AGENCY_DEADLINE_ROLLOVER,
    STRICT_DEADLINE_ADVISORY,
)


def _received(petition: Petition) -> dt.date:
    return petition.received_date


# Parts of finding texts, and the acts the advisories name.
_DAYS = Message(zh="{days} 日", en="{days} days")
_DAYS_ROLLED = Message(zh="{days} 日，末日为休息日顺延", en="{days} days, rolled over a rest day")
_WORKING_DAYS = Message(zh="{days} 个工作日", en="{days} working days")
_EXTENDED = Message(zh=" + 延长 {days} 日", en=" + {days} days' extension")
_NOT_EXTENDED = Text(zh="，未延长", en=", no extension")
_HEARING_DAYS = Message(zh=" + 听证 {days} 日", en=" + {days} hearing days")
_NO_HEARING = Text(zh="", en="")
_ROUTING = Text(zh="转送", en="routing")
_NOTICE = Text(zh="书面告知", en="the written notice")
_CONCLUSION = Text(zh="办结", en="conclusion")
_REVIEW_OPINION = Text(zh="提出复查意见", en="the review opinion")
_RECHECK_OPINION = Text(zh="提出复核意见", en="the re-check opinion")
_HEARING = Text(zh="听证", en="hearing")
_EXTENSION_NOT_APPROVED = (
    "延长未经本机关负责人批准，不计入",
    "extension not approved by the head of the body: not counted",
)
_EXTENSION_NOT_TOLD = (
    "未告知信访人延期理由，延长不计入",
    "the reason for the extension was not told to the petitioner: not counted",
)


def _period(deadline: Deadline) -> Text:
    """How a petition period counted: N days, N days rolled over, or N working days."""
    if deadline.unit.value == "WD":
        return part(_WORKING_DAYS, days=deadline.amount)
    return part(_DAYS_ROLLED if deadline.rollover else _DAYS, days=deadline.amount)


def _petition_deadline(
    ctx: Context,
    start: dt.date,
    amount: int,
    done_on: dt.date | None,
    *,
    start_label: str,
    start_label_en: str,
    extensions: Iterable[Extension] = (),
    excluded_periods: Iterable[ExcludedPeriod] = (),
) -> Deadline | None:
    """The deadline ``amount`` days after ``start`` under the petition readings (calendar days
    rolled over a rest day by default), or ``None`` when the calendar cannot count it but the
    answer does not depend on it (done by the strict day, or the strict day not passed)."""
    unit = str(ctx.reading("petition_period_unit"))
    rollover = bool(ctx.reading("agency_deadline_rollover")) and unit == "CD"
    extended = tuple(extensions)
    excluded = tuple(excluded_periods)

    def build(roll: bool, counting: str) -> Deadline:
        return ctx.deadline(
            start,
            amount,
            counting,
            rollover=roll,
            extensions=extended,
            excluded_periods=excluded,
            start_label=start_label,
            start_label_en=start_label_en,
        )

    return deadline_unless_decided(
        ctx, done_on, lambda: build(rollover, unit), lambda: build(False, "CD")
    )


def _deadline_facts(deadline: Deadline, done_on: dt.date | None) -> dict[str, Any]:
    """The last days of ``deadline`` and the act's day, for a finding's facts."""
    return {
        "strict_deadline": deadline.strict_date,
        "rolled_deadline": deadline.rolled_date,
        "deadline": deadline.due_date,
        "done_date": done_on,
        "period": _period(deadline),
    }


def _messages(
    articles: Sequence[LegalBasis], late: Message, missing: Message, **more: Message
) -> dict[str, Message]:
    """A petition rule's templates: late, missing, the advisories, and its own."""
    return {"late": late, "missing": missing, **more, **advisory_messages(articles)}


# --------------------------------------------------------------------------------------------
# PET-ROUTE-15D

_ROUTE_ARTICLES = [PWR.art("22", "1"), PWR.art("43")]


#: Art. 22: the petition office routes within 15 days of receipt. In either unit
#: (petition_period_unit CD or WD) the 15 days end no earlier than 15 calendar days after
#: receipt.
_ROUTE_SCREEN = Screen(
    (field("petition_office") == True)  # noqa: E712 - a screen condition
    & (field("routed_date").not_done_by(field("received_date").plus_days(15))),
    reason="only a petition received by the petition office can flag, and only when it was not "
    "routed within 15 calendar days of receipt, the earliest day the period can end; an act"
    " dated after the day checked is not seen then and its clock is open, so it stays "
    "selected.",
)


@rule(
    id="PET-ROUTE-15D",
    title_zh="信访部门登记转送",
    title_en="Registering and routing by the petition office",
    category="inaction",
    severity="S2",
    legal_basis=_ROUTE_ARTICLES,
    applies_to=RECORD,
    screen=_ROUTE_SCREEN,
    parameters=PERIOD_READINGS,
    valid_from=PWR.in_force,
    facts_date=_received,
    messages=_messages(
        _ROUTE_ARTICLES,
        late=Message(
            zh="信访部门 {received_date} 收到信访事项，登记转送期限截至 {deadline}（{period}），"
            "{routed_date} 才转送",
            en="the petition office received the petition on {received_date} and had to route "
            "it by {deadline} ({period}); routed only on {routed_date}",
            articles=_ROUTE_ARTICLES,
        ),
        missing=Message(
            zh="信访部门 {received_date} 收到信访事项，转送期限 {deadline}（{period}）已届满，"
            "尚未转送、交办",
            en="the petition office received the petition on {received_date}; the deadline "
            "{deadline} ({period}) has passed and it has not been routed",
            articles=_ROUTE_ARTICLES,
        ),
    ),
)
def petition_route(petition: Petition, ctx: Context) -> None:
    """Flags a petition office that routed a petition later than 15 days after receiving it,
    or has not routed it when the 15 days have passed.

    Applies to petitions recorded by a party-committee and government petition office
    (``petition_office = true``). The act judged is ``routed_date`` (转送、交办). The finding
    goes to the petition office that recorded the petition; its date of the facts is the day
    of the late routing, or the first day past the deadline while it is not routed. **The
    same day:** routing on the last day of the period is in time (the period ends at 24:00 of
    its last day, 民法典 Art. 203(2)).

    ## Why
    信访工作条例 Art. 22(1): "各级党委和政府信访部门收到信访事项，应当予以登记，并区分情况，
    在15日内分别按照下列方式处理：……转送有权处理的机关、单位"; Art. 43: an office that does
    not register, route or assign as required is ordered to correct.

    ## Example that flags
    Received Friday 2025-01-24; day 15 is Saturday 2025-02-08, a make-up working day, so
    nothing rolls over: routed on Monday 2025-02-10 → S2.

    ## Example that does not flag
    Routed on 2025-02-08 itself.

    ## Configuration
    ``petition_period_unit`` (pack reading, default ``"CD"``), ``agency_deadline_rollover``
    (reading, default true) and ``strict_deadline_advisory`` (reading, default ``"note"``).
    """
    if petition.petition_office is not True:
        return
    received, routed = petition.received_date, petition.routed_date
    deadline = _petition_deadline(
        ctx, received, 15, routed, start_label="信访部门收到", start_label_en="received"
    )
    if deadline is None:
        return
    facts: dict[str, Any] = {
        "received_date": received,
        "routed_date": routed,
        "routed_to_agency_id": petition.routed_to_agency_id,
        **_deadline_facts(deadline, routed),
    }
    if ctx.late(deadline, routed, label="登记转送期限 / routing deadline"):
        ctx.finding("late" if routed is not None else "missing", key="route", facts=facts)
        return
    past_strict_deadline(ctx, deadline, routed, facts={**facts, "what": _ROUTING})


# --------------------------------------------------------------------------------------------
# PET-NOTICE-15D

_NOTICE_ARTICLES = [PWR.art("23", "2"), PWR.art("23", "3"), PWR.art("44", item="3")]


#: Art. 23: the agency tells the petitioner within 15 days of receipt. In either unit
#: (petition_period_unit CD or WD) the 15 days end no earlier than 15 calendar days after
#: receipt.
_NOTICE_SCREEN = Screen(
    ~(field("petition_office") == True)  # noqa: E712 - a screen condition
    & (field("notice_date").not_done_by(field("received_date").plus_days(15))),
    reason="a petition handled by the agency itself can flag only when no written notice was given"
    " within 15 calendar days of receipt, the earliest day the period can end; an act dated"
    " after the day checked is not seen then and its clock is open, so it stays selected.",
)


@rule(
    id="PET-NOTICE-15D",
    title_zh="告知受理",
    title_en="Notice of acceptance",
    category="inaction",
    severity="S2",
    legal_basis=_NOTICE_ARTICLES,
    applies_to=RECORD,
    screen=_NOTICE_SCREEN,
    parameters=PERIOD_READINGS,
    valid_from=PWR.in_force,
    facts_date=_received,
    messages=_messages(
        _NOTICE_ARTICLES,
        late=Message(
            zh="{channel}的信访事项 {received_date} 收到，书面告知期限截至 {deadline}（{period}），"
            "{notice_date} 才告知信访人",
            en="petition ({channel}) received on {received_date}: the written notice was due by "
            "{deadline} ({period}) and came only on {notice_date}",
            articles=_NOTICE_ARTICLES,
        ),
        missing=Message(
            zh="{channel}的信访事项 {received_date} 收到，书面告知期限 {deadline}（{period}）已"
            "届满，尚未告知信访人",
            en="petition ({channel}) received on {received_date}: the written notice was due by "
            "{deadline} ({period}) and has not been given",
            articles=_NOTICE_ARTICLES,
        ),
    ),
)
def petition_notice(petition: Petition, ctx: Context) -> None:
    """Flags a petitioner told in writing later than 15 days after receipt, or not at all
    when the 15 days have passed.

    A petition made directly to the body: the written notice (receipt, route and procedure)
    is due within 15 days of receipt, unless the petitioner's name or address is unclear
    (``name_address_unclear = true``). A petition referred or assigned to the body: the same
    15 days from receipt, unless the body holds it outside its powers (``within_powers =
    false``: PET-OBJECTION-5WD applies instead). A petition office itself routes within 15
    days (PET-ROUTE-15D) and is not judged here. The finding goes to the body that received
    the petition; its date of the facts is the day of the late notice, or the first day past
    the deadline. **The same day:** a notice on the last day is in time.

    ## Why
    信访工作条例 Art. 23(2): "不能当场告知的，应当自收到信访事项之日起15日内书面告知信访人，
    但信访人的姓名（名称）、住址不清的除外"; Art. 23(3): a referred petition within the body's
    powers — "应当自收到之日起15日内书面告知信访人接收情况以及处理途径和程序"; Art. 44(3):
    not telling the petitioner in time is ordered to be corrected.

    ## Example that flags
    Direct petition received Monday 2025-01-20: day 15 is 2025-02-04, the last day of the
    Spring Festival block, rolled over to 2025-02-05; written notice on 2025-02-06 → S2
    (docs/catalog/examples.md#e14).

    ## Example that does not flag
    The same petition told on 2025-02-05 (in time under the default rollover; an S4 note
    that the strict day had passed); or a petitioner whose name and address are unclear.

    ## Configuration
    ``petition_period_unit`` (pack reading, default ``"CD"``), ``agency_deadline_rollover``
    (reading, default true) and ``strict_deadline_advisory`` (reading, default ``"note"``).
    """
    if petition.petition_office is True:
        return
    if petition.channel == PetitionChannel.DIRECT:
        if petition.name_address_unclear is True:
            return
    elif petition.within_powers is False:
        return
    received, notice = petition.received_date, petition.notice_date
    deadline = _petition_deadline(
        ctx, received, 15, notice, start_label="收到信访事项", start_label_en="received"
    )
    if deadline is None:
        return
    facts: dict[str, Any] = {
        "channel": petition.channel,
        "received_date": received,
        "notice_date": notice,
        **_deadline_facts(deadline, notice),
    }
    if ctx.late(deadline, notice, label="书面告知期限 / notice deadline"):
        ctx.finding("late" if notice is not None else "missing", key="notice", facts=facts)
        return
    past_strict_deadline(ctx, deadline, notice, facts={**facts, "what": _NOTICE})


# --------------------------------------------------------------------------------------------
# PET-OBJECTION-5WD

_OBJECTION_ARTICLES = [PWR.art("23", "3")]


#: Art. 23(3): an objection to a referral outside the agency's powers within five working
#: days (never fewer than five calendar days) of receipt.
_OBJECTION_SCREEN = Screen(
    (field("channel") == PetitionChannel.REFERRED)
    & (field("within_powers") == False)  # noqa: E712 - a screen condition
    & (field("objection_date").not_done_by(field("received_date").plus_days(5))),
    reason="only a referred petition recorded as outside the agency's powers can flag, and only "
    "when no objection was made within 5 calendar days of receipt; an act dated after the "
    "day checked is not seen then and its clock is open, so it stays selected.",
)


@rule(
    id="PET-OBJECTION-5WD",
    title_zh="管辖异议",
    title_en="Jurisdiction objection",
    category="procedure",
    severity="S3",
    legal_basis=_OBJECTION_ARTICLES,
    applies_to=RECORD,
    screen=_OBJECTION_SCREEN,
    valid_from=PWR.in_force,
    facts_date=_received,
    messages={
        "late": Message(
            zh="转送、交办的信访事项 {received_date} 收到，不属本机关职权范围，应在 5 个工作日内"
            "（截至 {deadline}）提出异议，{objection_date} 才提出",
            en="referred petition received on {received_date}, outside the body's powers: the "
            "objection was due within 5 working days (by {deadline}) and came on "
            "{objection_date}",
            articles=_OBJECTION_ARTICLES,
        ),
        "missing": Message(
            zh="转送、交办的信访事项 {received_date} 收到，不属本机关职权范围，5 个工作日"
            "（截至 {deadline}）内未提出异议",
            en="referred petition received on {received_date}, outside the body's powers: no "
            "objection within 5 working days (by {deadline})",
            articles=_OBJECTION_ARTICLES,
        ),
    },
)
def petition_objection(petition: Petition, ctx: Context) -> None:
    """Flags a referred petition outside the body's powers objected to later than 5 working
    days after receipt, or not at all when they have passed.

    Applies to petitions referred or assigned to the body (``channel = referred``) that it
    holds outside its powers (``within_powers = false``). The finding goes to that body; its
    date of the facts is the day of the late objection, or the first day past the fifth
    working day. **The same day:** an objection on the fifth working day is in time.

    ## Why
    信访工作条例 Art. 23(3): "不属于本机关、单位或者本系统职权范围的，有关机关、单位应当自
    收到之日起5个工作日内提出异议，并详细说明理由". The only period of the regulation written
    in working days: make-up working days count, holiday blocks do not.

    ## Example that flags
    Received Friday 2025-09-26: the 5 working days are Sunday 09-28 (make-up), 09-29, 09-30,
    [10-01 … 10-08], 10-09 and 10-10 → deadline 2025-10-10; objection on Saturday 2025-10-11
    (a make-up working day, the 6th) → S3.

    ## Example that does not flag
    The objection on 2025-10-10.

    ## Configuration
    None: the 5 working days are statutory.
    """
    if petition.channel != PetitionChannel.REFERRED or petition.within_powers is not False:
        return
    received, objected = petition.received_date, petition.objection_date
    deadline = ctx.deadline(
        received, 5, "WD", start_label="收到转送、交办事项", start_label_en="received"
    )
    if not ctx.late(deadline, objected, label="提出异议期限 / objection deadline"):
        return
    ctx.finding(
        "late" if objected is not None else "missing",
        key="objection",
        facts={
            "received_date": received,
            "objection_date": objected,
            "deadline": deadline.due_date,
        },
        notes=working_day_notes(ctx, deadline),
    )


# --------------------------------------------------------------------------------------------
# PET-HANDLE-60D

_HANDLE_ARTICLES = [PWR.art("34"), PWR.art("45", item="1")]


def _counted_extension(
    petition: Petition, accepted: dt.date
) -> tuple[list[Extension], list[tuple[str, str]]]:
    """The extension that counts (approved by the head, reason told, at most 30 days) and,
    when one is recorded but does not count, a note saying why."""
    ext = petition.extension
    if ext is None or ext.days <= 0:
        return [], []
    if ext.approved_by_head is not True:
        return [], [_EXTENSION_NOT_APPROVED]
    if ext.notified_date is None and ext.notified_in_writing is not True:
        return [], [_EXTENSION_NOT_TOLD]
    # An approval whose day is not recorded is taken as given in time.
    approved = ext.approved_date or ext.notified_date or accepted
    counted = Extension(
        amount=min(ext.days, 30), approved_on=approved, label="延长", label_en="extension"
    )
    return [counted], []


def _extensionpart(days: int) -> Text:
    return part(_EXTENDED, days=days) if days else _NOT_EXTENDED


#: Art. 32: a claim is concluded within 60 days of acceptance; an extension beyond 30 days
#: is flagged by itself. In either unit (petition_period_unit CD or WD) the 60 days end no
#: earlier than 60 calendar days after acceptance, and an extension only adds.
_HANDLE_SCREEN = Screen(
    field("accepted_date").is_not_null()
    & any_of(
        field("extension.days") > 30,
        field("concluded_date").is_null(),
        field("concluded_date") > field("accepted_date").plus_days(60),
        field("concluded_date") > AS_OF,
    ),
    reason="only an accepted petition can flag, and only with an extension of more than 30 days or"
    " when it was not concluded within 60 calendar days of acceptance; an act dated after "
    "the day checked is not seen then and its clock is open, so it stays selected.",
)


@rule(
    id="PET-HANDLE-60D",
    title_zh="办结期限",
    title_en="Handling deadline",
    category="inaction",
    severity="S2",
    legal_basis=_HANDLE_ARTICLES,
    applies_to=RECORD,
    screen=_HANDLE_SCREEN,
    parameters=PERIOD_READINGS,
    valid_from=PWR.in_force,
    facts_date=_received,
    messages=_messages(
        _HANDLE_ARTICLES,
        late=Message(
            zh="信访事项 {accepted_date} 受理，办结期限 {deadline}（60 日{extension_text}），"
            "{concluded_date} 才办结",
            en="petition accepted on {accepted_date}: the handling deadline was {deadline} (60 "
            "days{extension_text}); concluded only on {concluded_date}",
            articles=_HANDLE_ARTICLES,
        ),
        missing=Message(
            zh="信访事项 {accepted_date} 受理，办结期限 {deadline}（60 日{extension_text}）已"
            "届满，尚未办结",
            en="petition accepted on {accepted_date}: the handling deadline {deadline} (60 "
            "days{extension_text}) has passed and it is not concluded",
            articles=_HANDLE_ARTICLES,
        ),
        extension=Message(
            zh="信访事项办理期限延长 {extension_days} 日，超过最长 30 日",
            en="the handling period was extended by {extension_days} days, more than the 30 "
            "allowed",
            articles=[PWR.art("34")],
        ),
    ),
)
def petition_handle(petition: Petition, ctx: Context) -> None:
    """Flags a claim concluded later than 60 days after acceptance (plus an extension that
    counts), or still open when that deadline has passed; and an extension beyond 30 days.

    Applies to accepted petitions handled by a handling opinion (Art. 31(6)): a claim
    (``category`` empty or ``claim``) whose ``handling`` is empty or ``opinion``. Suggestions,
    accusations and claims channelled into litigation, reconsideration, arbitration or another
    procedure follow that procedure's periods. An extension counts only if approved by the
    head of the body (``approved_by_head = true``), with the reason told to the petitioner
    (``notified_date`` or ``notified_in_writing``), on or before the deadline it extends, and
    for at most 30 days; an extension of more than 30 days is a finding of its own, dated the
    day it was approved. The findings go to the body that handles the petition; the date of
    the facts of a late conclusion is its day, of a missing one the first day past the
    deadline. **The same day:** a conclusion on the last day is in time, and so is an
    extension approved on the last day of the period it extends.

    ## Why
    信访工作条例 Art. 34: "应当自受理之日起60日内办结；情况复杂的，经本机关、单位负责人批准，
    可以适当延长办理期限，但延长期限不得超过30日，并告知信访人延期理由"; Art. 45(1): not
    concluding in time is ordered to be corrected.

    ## Example that flags
    Accepted 2025-02-05: day 60 is Sunday 2025-04-06 in the 清明 block, rolled over to
    2025-04-07; concluded 2025-04-08 without an extension → S2 (E14).

    ## Example that does not flag
    The same petition with a 30-day extension approved by the head and explained to the
    petitioner: 2025-02-05 + 90 days = Tuesday 2025-05-06; concluded 2025-05-06 (E14).

    ## Configuration
    ``petition_period_unit`` (pack reading, default ``"CD"``), ``agency_deadline_rollover``
    (reading, default true) and ``strict_deadline_advisory`` (reading, default ``"note"``).
    """
    accepted = petition.accepted_date
    if accepted is None:
        return
    if petition.category not in (None, PetitionCategory.CLAIM):
        return
    if petition.handling not in (None, PetitionHandling.OPINION):
        return
    ext = petition.extension
    if ext is not None and ext.days > 30:
        ctx.finding(
            "extension",
            key="extension",
            fact_date=ext.approved_date or ext.notified_date or accepted,
            facts={
                "accepted_date": accepted,
                "extension_days": ext.days,
                "approved_date": ext.approved_date,
            },
            deadlines={},
        )
    counted, notes = _counted_extension(petition, accepted)
    concluded = petition.concluded_date
    deadline = _petition_deadline(
        ctx,
        accepted,
        60,
        concluded,
        start_label="受理",
        start_label_en="accepted",
        extensions=counted,
    )
    if deadline is None:
        return
    extended = sum(e.amount for e in deadline.extensions_counted)
    facts: dict[str, Any] = {
        "accepted_date": accepted,
        "concluded_date": concluded,
        "extension_days": extended,
        "extension_text": _extensionpart(extended),
        **_deadline_facts(deadline, concluded),
    }
    if ctx.late(deadline, concluded, label="办结期限 / handling deadline"):
        kind = "late" if concluded is not None else "missing"
        ctx.finding(kind, key="handle", facts=facts, notes=notes)
        return
    past_strict_deadline(ctx, deadline, concluded, facts={**facts, "what": _CONCLUSION})


# --------------------------------------------------------------------------------------------
# PET-REVIEW-30D

_REVIEW_ARTICLES = [PWR.art("35")]


#: Art. 35: a review opinion within 30 days of the request. In either unit (petition_period_unit
#: CD or WD) the 30 days end no earlier than 30 calendar days after the request.
_REVIEW_SCREEN = Screen(
    field("review").is_not_null()
    & field("review.opinion_date").not_done_by(field("review.request_received_date").plus_days(30)),
    reason="only a petition with a review can flag, and only when its opinion was not given within"
    " 30 calendar days of the request, the earliest day the period can end; an act dated "
    "after the day checked is not seen then and its clock is open, so it stays selected.",
)


@rule(
    id="PET-REVIEW-30D",
    title_zh="复查",
    title_en="Review by the next level",
    category="inaction",
    severity="S2",
    legal_basis=_REVIEW_ARTICLES,
    applies_to=RECORD,
    screen=_REVIEW_SCREEN,
    parameters=PERIOD_READINGS,
    valid_from=PWR.in_force,
    facts_date=_received,
    messages=_messages(
        _REVIEW_ARTICLES,
        late=Message(
            zh="复查机关 {request_date} 收到复查请求，复查期限截至 {deadline}（{period}），"
            "{opinion_date} 才提出复查意见",
            en="the reviewing body received the review request on {request_date}: the opinion "
            "was due by {deadline} ({period}) and came only on {opinion_date}",
            articles=_REVIEW_ARTICLES,
        ),
        missing=Message(
            zh="复查机关 {request_date} 收到复查请求，复查期限 {deadline}（{period}）已届满，"
            "尚未提出复查意见",
            en="the reviewing body received the review request on {request_date}: the deadline "
            "{deadline} ({period}) has passed with no opinion",
            articles=_REVIEW_ARTICLES,
        ),
    ),
)
def petition_review(petition: Petition, ctx: Context) -> None:
    """Flags a review opinion given later than 30 days after the request reached the
    reviewing body, or missing when they have passed.

    The finding is addressed to the reviewing body (``review.agency_id``), which is the body
    that owed the opinion; without it, to the body that recorded the petition. Its date of
    the facts is the day of the late opinion, or the first day past the deadline. **The same
    day:** an opinion on the last day is in time.

    ## Why
    信访工作条例 Art. 35: "收到复查请求的机关、单位应当自收到复查请求之日起30日内提出复查意见，
    并予以书面答复".

    ## Example that flags
    Request received Thursday 2025-04-03: day 30 is Saturday 2025-05-03 in the Labour Day block,
    rolled over to 2025-05-06; opinion on 2025-05-07 → S2.

    ## Example that does not flag
    The opinion on 2025-05-06 (an S4 note past the strict day).

    ## Configuration
    ``petition_period_unit`` (pack reading, default ``"CD"``), ``agency_deadline_rollover``
    (reading, default true) and ``strict_deadline_advisory`` (reading, default ``"note"``).
    """
    review = petition.review
    if review is None:
        return
    request, opinion = review.request_received_date, review.opinion_date
    deadline = _petition_deadline(
        ctx, request, 30, opinion, start_label="收到复查请求", start_label_en="review requested"
    )
    if deadline is None:
        return
    facts: dict[str, Any] = {
        "request_date": request,
        "opinion_date": opinion,
        "reviewing_agency_id": review.agency_id,
        **_deadline_facts(deadline, opinion),
    }
    if ctx.late(deadline, opinion, label="复查期限 / review deadline"):
        ctx.finding(
            "late" if opinion is not None else "missing",
            key="review",
            facts=facts,
            agency_id=review.agency_id,
        )
        return
    past_strict_deadline(ctx, deadline, opinion, facts={**facts, "what": _REVIEW_OPINION})


# --------------------------------------------------------------------------------------------
# PET-RECHECK-30D

_RECHECK_ARTICLES = [PWR.art("36", "1"), PWR.art("36", "2")]


def _hearingpart(days: int) -> Text:
    return part(_HEARING_DAYS, days=days) if days else _NO_HEARING


#: Art. 35: a re-check opinion within 30 days of the request. In either unit
#: (petition_period_unit CD or WD) the 30 days end no earlier than 30 calendar days after the
#: request; a hearing only adds.
_RECHECK_SCREEN = Screen(
    field("recheck").is_not_null()
    & field("recheck.opinion_date").not_done_by(
        field("recheck.request_received_date").plus_days(30)
    ),
    reason="only a petition with a re-check can flag, and only when its opinion was not given "
    "within 30 calendar days of the request, the earliest day the period can end; an act "
    "dated after the day checked is not seen then and its clock is open, so it stays "
    "selected.",
)


@rule(
    id="PET-RECHECK-30D",
    title_zh="复核",
    title_en="Re-check by the following level",
    category="inaction",
    severity="S2",
    legal_basis=_RECHECK_ARTICLES,
    applies_to=RECORD,
    screen=_RECHECK_SCREEN,
    parameters=PERIOD_READINGS,
    valid_from=PWR.in_force,
    facts_date=_received,
    messages=_messages(
        _RECHECK_ARTICLES,
        late=Message(
            zh="复核机关 {request_date} 收到复核请求，复核期限截至 {deadline}（{period}"
            "{hearing_text}），{opinion_date} 才提出复核意见",
            en="the re-checking body received the request on {request_date}: the opinion was "
            "due by {deadline} ({period}{hearing_text}) and came only on {opinion_date}",
            articles=_RECHECK_ARTICLES,
        ),
        missing=Message(
            zh="复核机关 {request_date} 收到复核请求，复核期限 {deadline}（{period}{hearing_text}）"
            "已届满，尚未提出复核意见",
            en="the re-checking body received the request on {request_date}: the deadline "
            "{deadline} ({period}{hearing_text}) has passed with no opinion",
            articles=_RECHECK_ARTICLES,
        ),
    ),
)
def petition_recheck(petition: Petition, ctx: Context) -> None:
    """Flags a re-check opinion given later than 30 days after the request, hearing time not
    counted, or missing when the period has passed.

    The days of a hearing held for the re-check (``hearing_start_date`` to
    ``hearing_end_date``, both included; one day when only the start is recorded) are added
    to the 30 days if the hearing began on or before the deadline then in force; the law asks
    for no written notice of them. The finding is addressed to the re-checking body
    (``recheck.agency_id``) when it is recorded, else to the body that recorded the petition;
    its date of the facts is the day of the late opinion, or the first day past the deadline.
    **The same day:** an opinion on the last day is in time; a hearing that begins on the last
    day still stops the clock.

    ## Why
    信访工作条例 Art. 36(1): "收到复核请求的机关、单位应当自收到复核请求之日起30日内提出复核
    意见"; Art. 36(2): "听证所需时间不计算在前款规定的期限内".

    ## Example that flags
    Request received 2025-07-01 with no hearing, opinion 2025-08-04: day 30 is Thursday
    2025-07-31 → S2.

    ## Example that does not flag
    The same request with a hearing on 2025-07-15 and 2025-07-16: the deadline moves two days
    to Saturday 2025-08-02, rolled over to Monday 2025-08-04; the opinion that day is in time.

    ## Configuration
    ``petition_period_unit`` (pack reading, default ``"CD"``), ``agency_deadline_rollover``
    (reading, default true) and ``strict_deadline_advisory`` (reading, default ``"note"``).
    """
    recheck = petition.recheck
    if recheck is None:
        return
    request, opinion = recheck.request_received_date, recheck.opinion_date
    periods: list[ExcludedPeriod] = []
    start = recheck.hearing_start_date
    if start is not None:
        end = recheck.hearing_end_date or start
        periods.append(
            ExcludedPeriod(
                start=start, end=max(end, start), label=_HEARING.zh, label_en=_HEARING.en
            )
        )
    deadline = _petition_deadline(
        ctx,
        request,
        30,
        opinion,
        start_label="收到复核请求",
        start_label_en="re-check requested",
        excluded_periods=periods,
    )
    if deadline is None:
        return
    facts: dict[str, Any] = {
        "request_date": request,
        "opinion_date": opinion,
        "hearing_start_date": recheck.hearing_start_date,
        "hearing_end_date": recheck.hearing_end_date,
        "hearing_days": deadline.excluded,
        "hearing_text": _hearingpart(deadline.excluded),
        "recheck_agency_id": recheck.agency_id,
        **_deadline_facts(deadline, opinion),
    }
    if ctx.late(deadline, opinion, label="复核期限 / re-check deadline"):
        ctx.finding(
            "late" if opinion is not None else "missing",
            key="recheck",
            facts=facts,
            agency_id=recheck.agency_id,
        )
        return
    past_strict_deadline(ctx, deadline, opinion, facts={**facts, "what": _RECHECK_OPINION})


RULES: tuple[Rule, ...] = (
    petition_route,
    petition_notice,
    petition_objection,
    petition_handle,
    petition_review,
    petition_recheck,
)
