"""行政许可: rules of the catalog's licensing section (docs/catalog/rules.md#licensing).

行政许可法, in force 2004-07-01, amended 2019-04-23.

Every deadline that binds the licensing agency is counted in working days under the official
calendar (Art. 82: "本法规定的行政机关实施行政许可的期限以工作日计算，不含法定节假日"): the
start day is not counted and make-up working days (调休上班日) count. The applicant's own
periods are counted as the catalog says (the 5 days to ask for a hearing in working days; the
30 days before expiry for a renewal in calendar days, a reading).

**Texts and citations.** Each rule declares the texts of its findings as message templates
(``messages={...}``) with the articles that path applies; bodies name the kind and give the
facts. Citations come from the pack's instrument registry (:mod:`esup_national_rules._law`).

**The same day.** Dates carry no time. The last day of each of the agency's periods is in
time (Art. 82 counts them in working days; "N 日内" includes the N-th day), the day after is
late; each rule says so in its docs and in a comment at the comparison.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from enforcement_supervision.model import LicenceApplication, LicenceApplicationKind, LicenceOutcome
from enforcement_supervision.rules import (
    Context,
    LegalBasis,
    Message,
    Parameter,
    Rule,
    Screen,
    Text,
    any_of,
    field,
    rule,
)
from enforcement_supervision.statutory_time import Deadline
from esup_national_rules._law import ALL
from esup_national_rules._licensing_periods import (
    ART45_KINDS,
    effective_acceptance,
    excluded_periods,
    extensions,
    materials_incomplete,
    notice_deadline,
    notice_late,
    pair,
    refusal_notes,
    working_day_notes,
)

__all__ = [
    "RULES",
    "licence_decision_20wd",
    "licence_hearing",
    "licence_issue_10wd",
    "licence_receipt",
    "licence_renewal",
    "one_time_notice",
]

RECORD = "licence-application"
ART82 = ALL.art("82")

# Labels of deadlines in the statements of reasons ("中文 / English").
_NOTICE = "补正告知期限 / one-time notice"
_DECISION = "许可决定期限 / licence decision"
_ISSUE = "证件送达期限 / serving the certificate"
_REQUEST_WINDOW = "听证申请期限 / hearing request window"
_HEARING = "组织听证期限 / holding the hearing"
_RENEWAL_APPLY = "延续申请期限 / renewal application"
_RENEWAL_DECIDE = "延续决定期限 / renewal decision"


def _decision_date(app: LicenceApplication) -> dt.date | None:
    return app.decision.date if app.decision is not None else None


def _day_after(day: dt.date) -> dt.date:
    """The first day past a period's last day (the date of the facts of a duty not done)."""
    return day + dt.timedelta(days=1)


# --------------------------------------------------------------------------------------------
# LIC-ONE-TIME-NOTICE

_NOTICE_ARTICLES = [ALL.art("32", "1", "4"), ART82]


#: Art. 32(1)(4): incomplete materials are told all at once within five working days (never
#: fewer than five calendar days) of receipt; a decision on acceptance in time makes the
#: notice moot.
_ONE_TIME_NOTICE_SCREEN = Screen(
    field("correction_notices").not_empty()
    | (
        (field("materials_complete") == False)  # noqa: E712 - a screen condition
        & field("acceptance.date").not_done_by(field("received_date").plus_days(5))
    ),
    reason="only incomplete materials can flag: with a correction notice recorded (judged by "
    "the rule), or recorded incomplete with no notice and no decision on acceptance within 5 "
    "calendar days of receipt, the earliest day five working days can end; a decision dated "
    "after the day checked is not seen then and its clock is open, so it stays selected.",
)


@rule(
    id="LIC-ONE-TIME-NOTICE",
    title_zh="一次性告知补正",
    title_en="One-time notice of missing materials",
    category="procedure, inaction",
    severity="S2",
    legal_basis=(ALL.art("32", "1", "4"), ALL.art("72", item="4"), ART82),
    applies_to=RECORD,
    screen=_ONE_TIME_NOTICE_SCREEN,
    valid_from=ALL.in_force,
    facts_date="received_date",
    messages={
        "repeated": Message(
            zh="许可申请 {application_id} 多次告知补正，{notice_date} 的告知新增了首次未告知的 "
            "{new_count} 项内容，违反一次告知要求",
            en="licence application {application_id}: a further notice on {notice_date} asked "
            "for {new_count} item(s) not listed before (one-time notice required)",
            articles=[ALL.art("32", "1", "4"), ALL.art("72", item="4")],
        ),
        "notice-late": Message(
            zh="许可申请 {application_id} 材料不齐全，未在 5 个工作日内一次告知补正"
            "（{last_day:deadline}；于 {first_notice_date} 告知）；依法自收到申请材料之日 "
            "{received_date} 起即为受理",
            en="licence application {application_id}: incomplete materials not notified within "
            "5 working days ({last_day:deadline}; notified on {first_notice_date}); by law the "
            "application counts as accepted on receipt, {received_date}",
            articles=_NOTICE_ARTICLES,
        ),
        "notice-missing": Message(
            zh="许可申请 {application_id} 材料不齐全，未在 5 个工作日内一次告知补正"
            "（{last_day:deadline}；未告知）；依法自收到申请材料之日 {received_date} 起即为受理",
            en="licence application {application_id}: incomplete materials not notified within "
            "5 working days ({last_day:deadline}; not notified); by law the application counts "
            "as accepted on receipt, {received_date}",
            articles=_NOTICE_ARTICLES,
        ),
    },
)
def one_time_notice(app: LicenceApplication, ctx: Context) -> None:
    """Flags incomplete licence materials not notified in one go within 5 working days.

    Two findings: ``notice`` when the notice of missing materials came later than 5 working
    days after the materials were received (or never came, and the agency did not decide on
    acceptance in time); ``repeated`` when a later notice asked for items the first did not
    list. A late notice has a legal consequence: the application counts as accepted on the day
    the materials were received, and LIC-DECISION-20WD counts its deadline from that day.

    **The same day.** The 5 working days start the day after receipt; a notice (or a decision
    on acceptance) on the 5th working day is in time, on the next day it is late. Two notices
    dated the same day are still two notices: the law asks for one. Dates of the facts: the
    late notice, or the first day past the 5th working day when there was none; for
    ``repeated``, the notice that asked for more.

    ## Why
    行政许可法 Art. 32(1)(4): materials incomplete or not in the legal form — "应当当场或者在
    五日内一次告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理".
    Art. 72(4) makes failing to notify everything at once a ground for correction and
    sanctions. The 5 days are working days (Art. 82).

    ## Example that flags
    Materials received Monday 2025-09-22, notice of missing items on 2025-09-29: the five
    working days are 09-23 … 09-26 and Sunday 09-28 (a make-up working day), so the last day
    was 2025-09-28 → S2, and the application counts as accepted on 2025-09-22.

    ## Example that does not flag
    The same notice dated 2025-09-28; or a second notice that only repeats items of the first.

    ## Configuration
    None. The 5 working days are statutory (V).
    """
    if not materials_incomplete(app):
        return
    notices = sorted(app.correction_notices, key=lambda notice: notice.date)
    asked: set[str] = set()
    for index, notice in enumerate(notices):
        if not notice.items:
            break  # what this notice asked for is not recorded: later ones cannot be judged
        new = [item for item in notice.items if item not in asked]
        if index > 0 and new:
            ctx.finding(
                "repeated",
                key="repeated",
                fact_date=notice.date,
                facts={
                    "application_id": app.id,
                    "notice_date": notice.date,
                    "notice_dates": [n.date for n in notices],
                    "new_items": new,
                    "new_count": len(new),
                },
                deadlines={},
            )
            break
        asked.update(notice.items)
    deadline = notice_deadline(app, ctx)
    # Same day: a notice on the 5th working day is in time (notice_late: "on or before").
    if notice_late(app, ctx, deadline):
        first = min((notice.date for notice in app.correction_notices), default=None)
        ctx.finding(
            "notice-late" if first is not None else "notice-missing",
            key="notice",
            fact_date=first if first is not None else _day_after(deadline.due_date),
            facts={
                "application_id": app.id,
                "received_date": app.received_date,
                "first_notice_date": first,
                "acceptance_date": app.acceptance.date if app.acceptance else None,
                "effective_accepted_date": app.received_date,
                "last_day": deadline.due_date,
            },
            deadlines={_NOTICE: deadline},
            notes=working_day_notes(ctx, deadline),
        )


# --------------------------------------------------------------------------------------------
# LIC-RECEIPT

_ACCEPTED = Text(zh="受理", en="acceptance")
_REFUSED = Text(zh="不予受理", en="refusal to accept")


@rule(
    id="LIC-RECEIPT",
    title_zh="受理凭证",
    title_en="Written acceptance receipt",
    category="procedure",
    severity="S3",
    legal_basis=ALL.art("32", "2"),
    applies_to=RECORD,
    valid_from=ALL.in_force,
    facts_date="received_date",
    messages={
        "no-certificate": Message(
            zh="许可申请 {application_id} {act}（{acceptance_date}）未出具书面凭证",
            en="licence application {application_id}: {act} on {acceptance_date} with no "
            "written certificate",
            articles=[ALL.art("32", "2")],
        ),
        "not-sealed": Message(
            zh="许可申请 {application_id} {act}（{acceptance_date}）书面凭证未加盖专用印章并"
            "注明日期",
            en="licence application {application_id}: {act} on {acceptance_date} with a "
            "certificate not sealed and dated",
            articles=[ALL.art("32", "2")],
        ),
    },
)
def licence_receipt(app: LicenceApplication, ctx: Context) -> None:
    """Flags an acceptance or refusal to accept without a sealed and dated written certificate.

    No date is compared; the date of the facts is the day of the acceptance or refusal.

    ## Why
    行政许可法 Art. 32(2): "行政机关受理或者不予受理行政许可申请，应当出具加盖本行政机关专用
    印章和注明日期的书面凭证". The certificate fixes the day the decision deadline starts.

    ## Example that flags
    An application accepted on 2025-09-22 with ``written_certificate = false``, or with a
    certificate that is not sealed and dated (``sealed_and_dated = false``).

    ## Example that does not flag
    A sealed and dated certificate; or no record of the certificate either way (not recorded
    is not a failure).

    ## Configuration
    None.
    """
    acceptance = app.acceptance
    if acceptance is None:
        return
    if acceptance.written_certificate is False:
        kind = "no-certificate"
    elif acceptance.sealed_and_dated is False:
        kind = "not-sealed"
    else:
        return
    ctx.finding(
        kind,
        key="certificate",
        fact_date=acceptance.date,
        facts={
            "application_id": app.id,
            "act": _ACCEPTED if acceptance.accepted else _REFUSED,
            "acceptance_date": acceptance.date,
            "accepted": acceptance.accepted,
            "written_certificate": acceptance.written_certificate,
            "sealed_and_dated": acceptance.sealed_and_dated,
        },
    )


# --------------------------------------------------------------------------------------------
# LIC-DECISION-20WD

_GENERAL = Text(zh="一般期限", en="general deadline")
_JOINT = Text(zh="统一、联合或集中办理", en="joint processing")
_SPECIAL = Text(zh="特别规定期限", en="special-law deadline")
_BEYOND_CAP = Message(
    zh="延长超过法定上限 {cap} 个工作日的 {excess} 日未计入",
    en="{excess} day(s) beyond the cap of {cap} working days not counted",
)
#: Always applied: the liability for not deciding in time and the working-day count.
_DECISION_ARTICLES = [ALL.art("74", item="2"), ART82]


def _decision_articles(joint: bool, deemed: bool, deadline: Deadline) -> list[LegalBasis]:
    """What the decision deadline applied: Art. 42(1) (or 42(2) and 26(2) for joint
    processing), Art. 45 when periods were left out, Art. 32(1)(4) when the application was
    deemed accepted on receipt, and always Arts. 74(2) and 82."""
    articles = [ALL.art("42", "2"), ALL.art("26", "2")] if joint else [ALL.art("42", "1")]
    if deadline.excluded:
        articles.append(ALL.art("45"))
    if deemed:
        articles.append(ALL.art("32", "1", "4"))
    return [*articles, *_DECISION_ARTICLES]


#: Twenty (joint: 45) working days from acceptance, or from receipt when acceptance is deemed,
#: never end before 20 calendar days from the earlier of the two; extensions and Art. 45
#: periods only add. A special law's own number of days is left to the rule.
_LIC_DECISION_SCREEN = Screen(
    any_of(
        field("special_law_deadline_wd").is_not_null(),
        field("acceptance.date").is_null(),
        field("decision.date").not_done_by(
            field("received_date").plus_days(20), field("acceptance.date").plus_days(20)
        ),
    ),
    reason="a decision within 20 calendar days of both receipt and acceptance is within 20 working"
    " days of either start, as of any day; a special-law deadline, a missing acceptance or "
    "a missing decision stay selected; an act dated after the day checked is not seen then "
    "and its clock is open, so it stays selected.",
)


@rule(
    id="LIC-DECISION-20WD",
    title_zh="许可决定期限",
    title_en="Licence decision deadline",
    category="inaction",
    severity="S2",
    legal_basis=(
        ALL.art("42", "1"),
        ALL.art("42", "2"),
        ALL.art("26", "2"),
        ALL.art("45"),
        ALL.art("74", item="2"),
        ALL.art("32", "1", "4"),
        ART82,
    ),
    applies_to=RECORD,
    screen=_LIC_DECISION_SCREEN,
    valid_from=ALL.in_force,
    facts_date="received_date",
    messages={
        "late-decision": Message(
            zh="许可申请 {application_id} 超过法定期限（{basis} {base_working_days} 个工作日，"
            "{last_day:deadline}），{decision_date} 才作出决定",
            en="licence application {application_id}: {basis} of {base_working_days} working "
            "days ({last_day:deadline}); decided only on {decision_date}",
            articles=[ALL.art("42", "1"), *_DECISION_ARTICLES],
        ),
        "overdue": Message(
            zh="许可申请 {application_id} 超过法定期限（{basis} {base_working_days} 个工作日，"
            "{last_day:deadline}），至今未作出决定",
            en="licence application {application_id}: {basis} of {base_working_days} working "
            "days ({last_day:deadline}); still undecided",
            articles=[ALL.art("42", "1"), *_DECISION_ARTICLES],
        ),
        "no-acceptance-date": Message(
            zh="许可申请 {application_id} 缺少受理日期，无法计算决定期限",
            en="licence application {application_id}: no acceptance date, the decision deadline "
            "cannot be computed",
        ),
    },
)
def licence_decision_20wd(app: LicenceApplication, ctx: Context) -> None:
    """Flags a licence decision made after its deadline, or still missing when it has passed.

    The deadline is 20 working days from acceptance (joint or concentrated processing: 45),
    plus an extension of at most 10 working days (joint: 15) that counts only if the head of
    the agency approved it on or before the deadline and the applicant was told the reason,
    plus the working days of hearings, tenders, auctions, tests, inspections, quarantine,
    appraisals and expert reviews the applicant was told of in writing (Art. 45). A deadline
    set by a special law (``special_law_deadline_wd``) replaces the 20/45 days. When the
    notice of missing materials was late (LIC-ONE-TIME-NOTICE) the count starts on the day the
    materials were received. A withdrawal is judged like a decision.

    When the deadline runs into a year with no official holiday schedule, no finding is made
    (strict mode: a ``calendar-unavailable`` note; provisional mode: a ``provisional`` note).

    **The same day.** The count starts the day after acceptance; a decision on the 20th
    working day (make-up working days count, holiday blocks do not) is in time, on the next
    day it is late. An extension approved on the last day of the deadline then in force still
    counts. The date of the facts is the day of the late decision, or the first day past the
    deadline while none is made.

    ## Why
    行政许可法 Art. 42(1): "应当自受理行政许可申请之日起二十日内作出行政许可决定。二十日内不能
    作出决定的，经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知申请人";
    Art. 42(2) with Art. 26(2): joint processing "不得超过四十五日…可以延长十五日"; Art. 45
    excludes hearings, tests, expert reviews …, "应当将所需时间书面告知申请人"; Art. 82: working
    days; Art. 74(2): liability for not deciding in time.

    ## Example that flags
    Accepted Monday 2025-09-22; the 20 working days run 09-23 … 09-26, Sunday 09-28 (make-up
    day), 09-29, 09-30, [10-01 … 10-08 holiday], 10-09, 10-10, Saturday 10-11 (make-up day),
    10-13 … 10-24 → deadline **2025-10-24**; decided 2025-10-28 → S2.

    ## Example that does not flag
    Decided on 2025-10-24, the 20th working day. The same case with an extension approved by
    the head and notified on 2025-10-20: 10 more working days → 2025-11-07, so the decision of
    2025-10-28 is in time.

    ## Configuration
    None; the periods are statutory (V). Special-law deadlines come from the record.
    """
    accepted = effective_acceptance(app, ctx)
    if accepted.refused:
        return
    if accepted.day is None:
        if accepted.notice is not None and not ctx.deadline_passed(accepted.notice):
            return  # the notice period still runs: acceptance may yet be deemed
        ctx.undecided("no-acceptance-date", application_id=app.id)
    joint = False
    if app.special_law_deadline_wd is not None and app.special_law_deadline_wd > 0:
        base, cap, basis = app.special_law_deadline_wd, None, _SPECIAL
    elif app.joint_processing is True:
        base, cap, basis, joint = 45, 15, _JOINT, True
    else:
        base, cap, basis = 20, 10, _GENERAL
    decided = _decision_date(app)
    found = extensions(app.extensions, cap=cap, written=False)
    open_end = decided
    if open_end is None and any(p.end_date is None for p in app.excluded_periods):
        open_end = ctx.as_of_date  # a period still running: count it up to today
    periods, refused_periods = excluded_periods(
        app.excluded_periods,
        kinds=ART45_KINDS,
        open_end=open_end if open_end is not None else accepted.day,
    )
    deadline = ctx.deadline(
        accepted.day,
        base,
        "WD",
        extensions=found.counted,
        excluded_periods=periods,
        start_label="收到申请材料（逾期未告知补正，视为受理）" if accepted.deemed else "受理",
        start_label_en="received (deemed accepted)" if accepted.deemed else "accepted",
    )
    # Same day: a decision on the last working day is in time (ctx.late: "on or before").
    if not ctx.late(deadline, decided, label=_DECISION):
        return
    notes = working_day_notes(ctx, deadline) + refusal_notes(found.refused, refused_periods)
    if found.excess:
        notes.append(pair(_BEYOND_CAP, cap=cap, excess=found.excess))
    deadlines: dict[str, Any] = {_DECISION: deadline}
    if accepted.deemed and accepted.notice is not None:
        deadlines[_NOTICE] = accepted.notice
    ctx.finding(
        "late-decision" if decided is not None else "overdue",
        key="decision",
        facts={
            "application_id": app.id,
            "effective_accepted_date": accepted.day,
            "deemed_accepted_on_receipt": accepted.deemed,
            "basis": basis,
            "base_working_days": base,
            "extensions_counted": [e.amount for e in deadline.extensions_counted],
            "excluded_working_days": deadline.excluded,
            "decision_date": decided,
            "outcome": app.decision.outcome if app.decision else None,
            "last_day": deadline.due_date,
        },
        articles=_decision_articles(joint, accepted.deemed, deadline),
        deadlines=deadlines,
        notes=notes,
    )


# --------------------------------------------------------------------------------------------
# LIC-ISSUE-10WD

_ISSUE_ARTICLES = [ALL.art("44"), ART82]


#: Art. 44: ten working days, never fewer than ten calendar days, from the grant.
_LIC_ISSUE_SCREEN = Screen(
    (field("decision.outcome") == LicenceOutcome.GRANTED)
    & field("certificate").is_not_null()
    & (field("certificate.served_date").not_done_by(field("decision.date").plus_days(10))),
    reason="only a granted application with a certificate record can flag, and only when the "
    "certificate was not served within 10 calendar days of the grant, the earliest day ten "
    "working days can end; an act dated after the day checked is not seen then and its "
    "clock is open, so it stays selected.",
)


@rule(
    id="LIC-ISSUE-10WD",
    title_zh="证件颁发送达",
    title_en="Issuing the licence certificate",
    category="procedure",
    severity="S3",
    legal_basis=(ALL.art("44"), ART82),
    applies_to=RECORD,
    screen=_LIC_ISSUE_SCREEN,
    valid_from=ALL.in_force,
    facts_date="received_date",
    messages={
        "served-late": Message(
            zh="许可申请 {application_id} 准予许可后未在 10 个工作日内颁发送达许可证件"
            "（{last_day:deadline}），{served_date} 才送达",
            en="licence application {application_id}: certificate not served within 10 working "
            "days of the grant ({last_day:deadline}); served only on {served_date}",
            articles=_ISSUE_ARTICLES,
        ),
        "not-served": Message(
            zh="许可申请 {application_id} 准予许可后未在 10 个工作日内颁发送达许可证件"
            "（{last_day:deadline}），至今未送达",
            en="licence application {application_id}: certificate not served within 10 working "
            "days of the grant ({last_day:deadline}); not served yet",
            articles=_ISSUE_ARTICLES,
        ),
    },
)
def licence_issue_10wd(app: LicenceApplication, ctx: Context) -> None:
    """Flags a licence certificate served later than 10 working days after the grant.

    Applies to granted applications with a certificate record; a certificate recorded without
    a service date is late once the 10 working days have passed. (Not every licence has a
    certificate, so an application with no certificate record is not judged.)

    **The same day.** The 10 working days start the day after the grant; service on the 10th
    working day is in time, on the next day it is late. The date of the facts is the day of
    the late service, or the first day past the 10th working day while it is not served.

    ## Why
    行政许可法 Art. 44: "行政机关作出准予行政许可的决定，应当自作出决定之日起十日内向申请人
    颁发、送达行政许可证件"; Art. 82: working days.

    ## Example that flags
    Granted Friday 2025-09-26: 10 working days end 2025-10-16 (Sunday 09-28 and Saturday
    10-11 are make-up days; 10-01 … 10-08 are holidays). Served 2025-10-17 → S3.

    ## Example that does not flag
    Served 2025-10-16.

    ## Configuration
    None.
    """
    decision = app.decision
    if decision is None or decision.outcome != LicenceOutcome.GRANTED or app.certificate is None:
        return
    deadline = ctx.deadline(
        decision.date, 10, "WD", start_label="准予许可决定", start_label_en="grant"
    )
    served = app.certificate.served_date
    # Same day: service on the 10th working day is in time (ctx.late: "on or before").
    if not ctx.late(deadline, served, label=_ISSUE):
        return
    ctx.finding(
        "served-late" if served is not None else "not-served",
        key="certificate",
        facts={
            "application_id": app.id,
            "decision_date": decision.date,
            "issued_date": app.certificate.issued_date,
            "served_date": served,
            "last_day": deadline.due_date,
        },
        notes=working_day_notes(ctx, deadline),
    )


# --------------------------------------------------------------------------------------------
# LIC-HEARING

_ART47 = ALL.art("47", "1")


@rule(
    id="LIC-HEARING",
    title_zh="许可听证",
    title_en="Licence hearing",
    category="procedure",
    severity="S2",
    legal_basis=(ALL.art("47", "1"), ART82),
    applies_to=RECORD,
    valid_from=ALL.in_force,
    facts_date="received_date",
    messages={
        "notice-missing": Message(
            zh="许可申请 {application_id} 涉及重大利益关系，作出决定（{decision_date}）前未告知"
            "听证权利",
            en="licence application {application_id} touches significant interests: hearing "
            "right not notified before the decision of {decision_date}",
            articles=[_ART47],
        ),
        "notice-late": Message(
            zh="许可申请 {application_id} 涉及重大利益关系，作出决定（{decision_date}）前未告知"
            "听证权利（{hearing_right_notice_date} 才告知）",
            en="licence application {application_id} touches significant interests: hearing "
            "right not notified before the decision of {decision_date} (notified only on "
            "{hearing_right_notice_date})",
            articles=[_ART47],
        ),
        "held-late": Message(
            zh="许可申请 {application_id} 听证申请（{request_date}）后 20 个工作日内未组织听证"
            "（{last_day:deadline}），{held_date} 才举行",
            en="licence application {application_id}: hearing requested on {request_date} not "
            "held within 20 working days ({last_day:deadline}); held only on {held_date}",
            articles=[_ART47, ART82],
        ),
        "not-held": Message(
            zh="许可申请 {application_id} 听证申请（{request_date}）后 20 个工作日内未组织听证"
            "（{last_day:deadline}），至今未举行",
            en="licence application {application_id}: hearing requested on {request_date} not "
            "held within 20 working days ({last_day:deadline}); not held yet",
            articles=[_ART47, ART82],
        ),
    },
)
def licence_hearing(app: LicenceApplication, ctx: Context) -> None:
    """Flags a missing hearing-right notice or a hearing held too late.

    ``notice``: a licence directly touching significant interests between the applicant and
    others (``significant_interest``) decided without telling the applicant and interested
    parties, before the decision, of their right to a hearing. ``held``: a hearing asked for
    within 5 working days of that notice and not held within 20 working days of the request
    (judged at the evaluation time while it is not held).

    **The same day.** A notice dated the day of the decision is not "before" it: the law gives
    the applicant five days from the notice to ask for a hearing, which must then be held
    before the decision, so a decision on the notice day takes the right away (flagged, as a
    notice dated after the decision is). A request made on the 5th working day after the
    notice is in time; a hearing held on the 20th working day after the request is in time,
    on the next day it is late. Dates of the facts: the decision's day for ``notice``; the late
    hearing, or the first day past the 20th working day, for ``held``.

    ## Why
    行政许可法 Art. 47(1): "行政许可直接涉及申请人与他人之间重大利益关系的，行政机关在作出
    行政许可决定前，应当告知申请人、利害关系人享有要求听证的权利；申请人、利害关系人在被告知
    听证权利之日起五日内提出听证申请的，行政机关应当在二十日内组织听证". Working days as the
    catalog counts them (Art. 82).

    ## Example that flags
    Hearing right notified Monday 2025-03-03, hearing asked for on 2025-03-10 (the 5th working
    day), held 2025-04-09: the 20 working days from 03-10 end 2025-04-08 (04-04 … 04-06 is the
    清明 holiday) → S2. A hearing right notified on the day of the decision → S2.

    ## Example that does not flag
    Held 2025-04-08; or a request made on 2025-03-11, after the 5 working days.

    ## Configuration
    None.
    """
    decided = _decision_date(app)
    notified = app.hearing_right_notice_date
    withdrawn = app.decision is not None and app.decision.outcome == LicenceOutcome.WITHDRAWN
    # Same day: a notice dated the decision day is not before it (see the docs).
    if (
        app.significant_interest is True
        and decided is not None
        and not withdrawn
        and (notified is None or notified >= decided)
    ):
        ctx.finding(
            "notice-missing" if notified is None else "notice-late",
            key="notice",
            fact_date=decided,
            facts={
                "application_id": app.id,
                "decision_date": decided,
                "hearing_right_notice_date": notified,
            },
            deadlines={},
        )
    hearing = app.hearing
    if notified is None or hearing is None or hearing.request_date is None:
        return
    window = ctx.deadline(
        notified, 5, "WD", start_label="告知听证权", start_label_en="hearing right notified"
    )
    # Same day: a request on the 5th working day is in time.
    if not ctx.deadline_met(window, hearing.request_date, label=_REQUEST_WINDOW):
        return  # asked too late: no duty to hold a hearing
    deadline = ctx.deadline(
        hearing.request_date, 20, "WD", start_label="申请听证", start_label_en="hearing requested"
    )
    held = hearing.held_date
    # Same day: a hearing on the 20th working day is in time.
    if not ctx.late(deadline, held, label=_HEARING):
        return
    ctx.finding(
        "held-late" if held is not None else "not-held",
        key="held",
        facts={
            "application_id": app.id,
            "hearing_right_notice_date": notified,
            "request_date": hearing.request_date,
            "held_date": held,
            "last_day": deadline.due_date,
        },
        deadlines={_REQUEST_WINDOW: window, _HEARING: deadline},
    )


# --------------------------------------------------------------------------------------------
# LIC-RENEWAL


@rule(
    id="LIC-RENEWAL",
    title_zh="延续未答复视为准予",
    title_en="Renewal not decided before expiry",
    category="inaction",
    severity="S2",
    legal_basis=ALL.art("50"),
    applies_to=RECORD,
    valid_from=ALL.in_force,
    facts_date="received_date",
    parameters=(
        Parameter(
            name="renewal_lead_days",
            default=30,
            unit="days",
            doc="被许可人应在有效期届满多少日前申请延续（行政许可法第50条：三十日；法律、法规、"
            "规章另有规定的从其规定）/ days before expiry by which the licensee must apply",
        ),
        Parameter(
            name="renewal_lead_counting",
            default="CD",
            choices=("CD", "WD"),
            reading=True,
            doc="“届满三十日前”的计算方式：CD 日历日（默认，被许可人的期间）或 WD 工作日 "
            "(docs/catalog/interpretations.md#renewal-lead-counting, U) / how the licensee's 30 "
            "days are counted",
        ),
    ),
    messages={
        "decided-late": Message(
            zh="许可延续申请 {application_id}（{received_date} 申请）未在原许可有效期届满"
            "（{expiry_date}）前作出决定（{decision_date} 才作出决定），依法视为准予延续",
            en="renewal application {application_id} (filed {received_date}) not decided before "
            "the licence expired on {expiry_date} (decided only on {decision_date}); by law the "
            "licence is deemed renewed",
            articles=[ALL.art("50")],
        ),
        "undecided": Message(
            zh="许可延续申请 {application_id}（{received_date} 申请）未在原许可有效期届满"
            "（{expiry_date}）前作出决定（至今未作出决定），依法视为准予延续",
            en="renewal application {application_id} (filed {received_date}) not decided before "
            "the licence expired on {expiry_date} (still undecided); by law the licence is "
            "deemed renewed",
            articles=[ALL.art("50")],
        ),
    },
)
def licence_renewal(app: LicenceApplication, ctx: Context) -> None:
    """Flags a timely renewal application not decided before the licence expired.

    Applies to renewal applications (``kind = renewal``) received at least 30 days before
    ``current_licence_expiry_date``. A decision after the expiry date, or none when it has
    passed, is inaction; by law the licence is then **deemed renewed** and the system must
    treat it so.

    **The same day.** "届满三十日前": an application on the 30th day before the expiry day
    (2025-05-31 for an expiry on 2025-06-30) leaves the full 30 days and is in time, one a day
    later is not (catalog: ``applied_date <= expiry_date - 30 days``). "届满前" a decision is
    due: the licence is valid through its expiry day, so a decision on that day is in time and
    one on the next day is late. The date of the facts is the day of the late decision, or the
    day after the expiry while none is made.

    ## Why
    行政许可法 Art. 50: the licensee applies "在该行政许可有效期届满三十日前"; "行政机关应当根据
    被许可人的申请，在该行政许可有效期届满前作出是否准予延续的决定；逾期未作决定的，视为准予
    延续".

    ## Example that flags
    Licence expiring 2025-06-30, renewal applied for on 2025-05-31 (30 calendar days before),
    no decision on 2025-07-01 → S2, licence deemed renewed.

    ## Example that does not flag
    Decided on 2025-06-30; or applied for on 2025-06-01 (too late for the deemed renewal).

    ## Configuration
    ``renewal_lead_days`` (default 30) and the reading ``renewal_lead_counting`` (default
    ``"CD"``: the licensee's 30 days are calendar days; ``"WD"`` counts working days).
    """
    expiry = app.current_licence_expiry_date
    if app.kind != LicenceApplicationKind.RENEWAL or expiry is None:
        return
    lead = int(ctx.param("renewal_lead_days"))
    counting = str(ctx.reading("renewal_lead_counting"))
    latest = ctx.deadline(
        expiry,
        lead,
        counting,
        before=True,
        start_label="原许可有效期届满",
        start_label_en="licence expiry",
    )
    # Same day: an application on expiry - 30 days is in time.
    if not ctx.deadline_met(latest, app.received_date, label=_RENEWAL_APPLY):
        return  # applied late: no deemed renewal
    decide_by = ctx.deadline(
        expiry, 0, "CD", start_label="原许可有效期届满", start_label_en="licence expiry"
    )
    decided = _decision_date(app)
    # Same day: a decision on the expiry day is in time.
    if not ctx.late(decide_by, decided, label=_RENEWAL_DECIDE):
        return
    ctx.finding(
        "decided-late" if decided is not None else "undecided",
        key="renewal",
        facts={
            "application_id": app.id,
            "received_date": app.received_date,
            "expiry_date": expiry,
            "decision_date": decided,
            "deemed_renewed": True,
        },
        deadlines={_RENEWAL_APPLY: latest, _RENEWAL_DECIDE: decide_by},
    )


RULES: tuple[Rule, ...] = (
    one_time_notice,
    licence_receipt,
    licence_decision_20wd,
    licence_issue_10wd,
    licence_hearing,
    licence_renewal,
)
