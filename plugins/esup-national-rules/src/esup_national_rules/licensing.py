"""行政许可: rules of the catalog's licensing section (docs/catalog/rules.md#licensing).

行政许可法, in force 2004-07-01, amended 2019-04-23.

Every deadline that binds the licensing agency is counted in working days under the official
calendar (Art. 82: "本法规定的行政机关实施行政许可的期限以工作日计算，不含法定节假日"): the
start day is not counted and make-up working days (调休上班日) count. The applicant's own
periods are counted as the catalog says (the 5 days to ask for a hearing in working days; the
30 days before expiry for a renewal in calendar days, a reading).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from enforcement_supervision.model import LicenceApplication, LicenceApplicationKind, LicenceOutcome
from enforcement_supervision.rules import Context, Parameter, Rule, rule
from esup_national_rules._law import ALL
from esup_national_rules._licensing_periods import (
    ART45_KINDS,
    effective_acceptance,
    excluded_periods,
    extensions,
    materials_incomplete,
    notice_deadline,
    notice_late,
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


def _decision_date(app: LicenceApplication) -> dt.date | None:
    return app.decision.date if app.decision is not None else None


# --------------------------------------------------------------------------------------------
# LIC-ONE-TIME-NOTICE


@rule(
    id="LIC-ONE-TIME-NOTICE",
    title_zh="一次性告知补正",
    title_en="One-time notice of missing materials",
    category="procedure, inaction",
    severity="S2",
    legal_basis=(ALL.art("32", "1", "4"), ALL.art("72", item="4"), ART82),
    applies_to=RECORD,
    valid_from=ALL.in_force,
    facts_date="received_date",
)
def one_time_notice(app: LicenceApplication, ctx: Context) -> None:
    """Flags incomplete licence materials not notified in one go within 5 working days.

    Two findings: ``notice`` when the notice of missing materials came later than 5 working
    days after the materials were received (or never came, and the agency did not decide on
    acceptance in time); ``repeated`` when a later notice asked for items the first did not
    list. A late notice has a legal consequence: the application counts as accepted on the day
    the materials were received, and LIC-DECISION-20WD counts its deadline from that day.

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
                key="repeated",
                message_zh=f"许可申请 {app.id} 多次告知补正，{notice.date} 的告知新增了首次未告知"
                f"的 {len(new)} 项内容，违反一次告知要求",
                message_en=f"licence application {app.id}: a further notice on {notice.date} "
                f"asked for {len(new)} item(s) not listed before (one-time notice required)",
                facts={
                    "notice_dates": [n.date for n in notices],
                    "new_items": new,
                },
                deadlines={},
            )
            break
        asked.update(notice.items)
    deadline = notice_deadline(app, ctx)
    if notice_late(app, ctx, deadline):
        first = min((notice.date for notice in app.correction_notices), default=None)
        when_zh = f"于 {first} 告知" if first is not None else "未告知"
        when_en = f"notified on {first}" if first is not None else "not notified"
        ctx.finding(
            key="notice",
            message_zh=f"许可申请 {app.id} 材料不齐全，未在 5 个工作日内（{deadline.due_date} 前）"
            f"一次告知补正（{when_zh}）；依法自收到申请材料之日 {app.received_date} 起即为受理",
            message_en=f"licence application {app.id}: incomplete materials not notified within "
            f"5 working days (by {deadline.due_date}; {when_en}); by law the application counts "
            f"as accepted on receipt, {app.received_date}",
            facts={
                "received_date": app.received_date,
                "first_notice_date": first,
                "acceptance_date": app.acceptance.date if app.acceptance else None,
                "effective_accepted_date": app.received_date,
            },
            deadlines={"补正告知期限": deadline},
            notes=working_day_notes(ctx, deadline),
        )


# --------------------------------------------------------------------------------------------
# LIC-RECEIPT


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
)
def licence_receipt(app: LicenceApplication, ctx: Context) -> None:
    """Flags an acceptance or refusal to accept without a sealed and dated written certificate.

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
    problems: list[tuple[str, str]] = []
    if acceptance.written_certificate is False:
        problems.append(("未出具书面凭证", "no written certificate"))
    elif acceptance.sealed_and_dated is False:
        problems.append(("书面凭证未加盖专用印章并注明日期", "certificate not sealed and dated"))
    if not problems:
        return
    act_zh = "受理" if acceptance.accepted else "不予受理"
    act_en = "acceptance" if acceptance.accepted else "refusal to accept"
    ctx.finding(
        key="certificate",
        message_zh=f"许可申请 {app.id} {act_zh}（{acceptance.date}）"
        + "、".join(zh for zh, _ in problems),
        message_en=f"licence application {app.id}: {act_en} on {acceptance.date} with "
        + ", ".join(en for _, en in problems),
        facts={
            "acceptance_date": acceptance.date,
            "accepted": acceptance.accepted,
            "written_certificate": acceptance.written_certificate,
            "sealed_and_dated": acceptance.sealed_and_dated,
        },
    )


# --------------------------------------------------------------------------------------------
# LIC-DECISION-20WD


@rule(
    id="LIC-DECISION-20WD",
    title_zh="许可决定期限",
    title_en="Licence decision deadline",
    category="inaction",
    severity="S2",
    legal_basis=(
        ALL.art("42"),
        ALL.art("26", "2"),
        ALL.art("45"),
        ALL.art("74", item="2"),
        ALL.art("32", "1", "4"),
        ART82,
    ),
    applies_to=RECORD,
    valid_from=ALL.in_force,
    facts_date="received_date",
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

    ## Why
    行政许可法 Art. 42: "应当自受理行政许可申请之日起二十日内作出行政许可决定。二十日内不能
    作出决定的，经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知申请人";
    Art. 26(2): joint processing "不得超过四十五日…可以延长十五日"; Art. 45 excludes hearings,
    tests, expert reviews …, "应当将所需时间书面告知申请人"; Art. 82: working days; Art. 74(2):
    liability for not deciding in time.

    ## Example that flags
    Accepted Monday 2025-09-22; the 20 working days run 09-23 … 09-26, Sunday 09-28 (make-up
    day), 09-29, 09-30, [10-01 … 10-08 holiday], 10-09, 10-10, Saturday 10-11 (make-up day),
    10-13 … 10-24 → deadline **2025-10-24**; decided 2025-10-28 → S2.

    ## Example that does not flag
    The same case with an extension approved by the head and notified on 2025-10-20: 10 more
    working days → 2025-11-07, so the decision of 2025-10-28 is in time.

    ## Configuration
    None; the periods are statutory (V). Special-law deadlines come from the record.
    """
    accepted = effective_acceptance(app, ctx)
    if accepted.refused:
        return
    if accepted.day is None:
        if accepted.notice is not None and not ctx.deadline_passed(accepted.notice):
            return  # the notice period still runs: acceptance may yet be deemed
        ctx.undecided(
            f"许可申请 {app.id} 缺少受理日期，无法计算决定期限",
            f"licence application {app.id}: no acceptance date, the decision deadline "
            "cannot be computed",
        )
    if app.special_law_deadline_wd is not None and app.special_law_deadline_wd > 0:
        base, cap = app.special_law_deadline_wd, None
        base_zh, base_en = "特别规定期限", "special-law deadline"
    elif app.joint_processing is True:
        base, cap = 45, 15
        base_zh, base_en = "统一、联合或集中办理", "joint processing"
    else:
        base, cap = 20, 10
        base_zh, base_en = "一般期限", "general deadline"
    decided = _decision_date(app)
    counted, refused_ext, excess = extensions(app.extensions, cap=cap, written=False)
    open_end = decided
    if open_end is None and any(p.end_date is None for p in app.excluded_periods):
        open_end = ctx.as_of_date  # a period still running: count it up to today
    periods, refused_periods = excluded_periods(
        app.excluded_periods,
        kinds=ART45_KINDS,
        open_end=open_end if open_end is not None else accepted.day,
    )
    if accepted.deemed:
        label_zh, label_en = (
            "收到申请材料（逾期未告知补正，视为受理）",
            "received (deemed accepted)",
        )
    else:
        label_zh, label_en = "受理", "accepted"
    deadline = ctx.deadline(
        accepted.day,
        base,
        "WD",
        extensions=counted,
        excluded_periods=periods,
        start_label=label_zh,
        start_label_en=label_en,
    )
    if not ctx.late(deadline, decided, label="许可决定期限"):
        return
    notes = working_day_notes(ctx, deadline)
    notes += [(f"延长未计入：{zh}", f"extension not counted: {en}") for _, zh, en in refused_ext]
    notes += [(f"期间未扣除：{zh}", f"period not excluded: {en}") for _, zh, en in refused_periods]
    if excess:
        notes.append(
            (
                f"延长超过法定上限 {cap} 个工作日的 {excess} 日未计入",
                f"{excess} day(s) beyond the cap",
            )
        )
    if decided is not None:
        done_zh, done_en = f"{decided} 才作出决定", f"decided only on {decided}"
    else:
        done_zh, done_en = "至今未作出决定", "still undecided"
    deadlines: dict[str, Any] = {"许可决定期限": deadline}
    if accepted.deemed and accepted.notice is not None:
        deadlines["补正告知期限"] = accepted.notice
    ctx.finding(
        key="decision",
        message_zh=f"许可申请 {app.id} 超过法定期限（{base_zh} {base} 个工作日，"
        f"截至 {deadline.due_date}）{done_zh}",
        message_en=f"licence application {app.id}: deadline ({base_en}, {base} working days) "
        f"was {deadline.due_date}; {done_en}",
        facts={
            "effective_accepted_date": accepted.day,
            "deemed_accepted_on_receipt": accepted.deemed,
            "base_working_days": base,
            "extensions_counted": [e.amount for e in deadline.extensions_counted],
            "excluded_working_days": deadline.excluded,
            "decision_date": decided,
            "outcome": app.decision.outcome if app.decision else None,
        },
        deadlines=deadlines,
        notes=notes,
    )


# --------------------------------------------------------------------------------------------
# LIC-ISSUE-10WD


@rule(
    id="LIC-ISSUE-10WD",
    title_zh="证件颁发送达",
    title_en="Issuing the licence certificate",
    category="procedure",
    severity="S3",
    legal_basis=(ALL.art("44"), ART82),
    applies_to=RECORD,
    valid_from=ALL.in_force,
    facts_date="received_date",
)
def licence_issue_10wd(app: LicenceApplication, ctx: Context) -> None:
    """Flags a licence certificate served later than 10 working days after the grant.

    Applies to granted applications with a certificate record; a certificate recorded without
    a service date is late once the 10 working days have passed. (Not every licence has a
    certificate, so an application with no certificate record is not judged.)

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
    if not ctx.late(deadline, served, label="证件送达期限"):
        return
    done_zh = f"{served} 才送达" if served is not None else "至今未送达"
    done_en = f"served only on {served}" if served is not None else "not served yet"
    ctx.finding(
        key="certificate",
        message_zh=f"许可申请 {app.id} 准予许可后未在 10 个工作日内（{deadline.due_date} 前）"
        f"颁发送达许可证件（{done_zh}）",
        message_en=f"licence application {app.id}: certificate not served within 10 working "
        f"days of the grant (by {deadline.due_date}; {done_en})",
        facts={
            "decision_date": decision.date,
            "issued_date": app.certificate.issued_date,
            "served_date": served,
        },
        notes=working_day_notes(ctx, deadline),
    )


# --------------------------------------------------------------------------------------------
# LIC-HEARING


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
)
def licence_hearing(app: LicenceApplication, ctx: Context) -> None:
    """Flags a missing hearing-right notice or a hearing held too late.

    ``notice``: a licence directly touching significant interests between the applicant and
    others (``significant_interest``) decided without telling the applicant and interested
    parties, before the decision, of their right to a hearing. ``held``: a hearing asked for
    within 5 working days of that notice and not held within 20 working days of the request
    (judged at the evaluation time while it is not held).

    ## Why
    行政许可法 Art. 47(1): "行政许可直接涉及申请人与他人之间重大利益关系的，行政机关在作出
    行政许可决定前，应当告知申请人、利害关系人享有要求听证的权利；申请人、利害关系人在被告知
    听证权利之日起五日内提出听证申请的，行政机关应当在二十日内组织听证". Working days as the
    catalog counts them (Art. 82).

    ## Example that flags
    Hearing right notified Monday 2025-03-03, hearing asked for on 2025-03-10 (the 5th working
    day), held 2025-04-09: the 20 working days from 03-10 end 2025-04-08 (04-04 … 04-06 is the
    清明 holiday) → S2.

    ## Example that does not flag
    Held 2025-04-08; or a request made on 2025-03-11, after the 5 working days.

    ## Configuration
    None.
    """
    decided = _decision_date(app)
    notified = app.hearing_right_notice_date
    withdrawn = app.decision is not None and app.decision.outcome == LicenceOutcome.WITHDRAWN
    if (
        app.significant_interest is True
        and decided is not None
        and not withdrawn
        and (notified is None or notified >= decided)
    ):
        when_zh = "未告知" if notified is None else f"{notified} 才告知"
        when_en = "not notified" if notified is None else f"notified only on {notified}"
        ctx.finding(
            key="notice",
            message_zh=f"许可申请 {app.id} 涉及重大利益关系，作出决定（{decided}）前"
            f"未告知听证权利（{when_zh}）",
            message_en=f"licence application {app.id} touches significant interests: "
            f"hearing right not notified before the decision of {decided} ({when_en})",
            facts={"decision_date": decided, "hearing_right_notice_date": notified},
            deadlines={},
        )
    hearing = app.hearing
    if notified is None or hearing is None or hearing.request_date is None:
        return
    window = ctx.deadline(
        notified, 5, "WD", start_label="告知听证权", start_label_en="hearing right notified"
    )
    if not ctx.deadline_met(window, hearing.request_date, label="听证申请期限"):
        return  # asked too late: no duty to hold a hearing
    deadline = ctx.deadline(
        hearing.request_date, 20, "WD", start_label="申请听证", start_label_en="hearing requested"
    )
    if not ctx.late(deadline, hearing.held_date, label="组织听证期限"):
        return
    held = hearing.held_date
    done_zh = f"{held} 才举行" if held is not None else "至今未举行"
    done_en = f"held only on {held}" if held is not None else "not held yet"
    ctx.finding(
        key="held",
        message_zh=f"许可申请 {app.id} 听证申请（{hearing.request_date}）后 20 个工作日内"
        f"（{deadline.due_date} 前）未组织听证（{done_zh}）",
        message_en=f"licence application {app.id}: hearing requested on {hearing.request_date} "
        f"not held within 20 working days (by {deadline.due_date}; {done_en})",
        facts={
            "hearing_right_notice_date": notified,
            "request_date": hearing.request_date,
            "held_date": held,
        },
        deadlines={"听证申请期限": window, "组织听证期限": deadline},
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
            "(docs/catalog/rules.md#licensing, U) / how the licensee's 30 days are counted",
        ),
    ),
)
def licence_renewal(app: LicenceApplication, ctx: Context) -> None:
    """Flags a timely renewal application not decided before the licence expired.

    Applies to renewal applications (``kind = renewal``) received at least 30 days before
    ``current_licence_expiry_date``. A decision after the expiry date, or none when it has
    passed, is inaction; by law the licence is then **deemed renewed** and the system must
    treat it so.

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
    if not ctx.deadline_met(latest, app.received_date, label="延续申请期限"):
        return  # applied late: no deemed renewal
    decide_by = ctx.deadline(
        expiry, 0, "CD", start_label="原许可有效期届满", start_label_en="licence expiry"
    )
    decided = _decision_date(app)
    if not ctx.late(decide_by, decided, label="延续决定期限"):
        return
    done_zh = f"{decided} 才作出决定" if decided is not None else "至今未作出决定"
    done_en = f"decided only on {decided}" if decided is not None else "still undecided"
    ctx.finding(
        key="renewal",
        message_zh=f"许可延续申请 {app.id}（{app.received_date} 申请）未在原许可有效期届满"
        f"（{expiry}）前作出决定（{done_zh}），依法视为准予延续",
        message_en=f"renewal application {app.id} (filed {app.received_date}) not decided before "
        f"the licence expired on {expiry} ({done_en}); by law the licence is deemed renewed",
        facts={
            "received_date": app.received_date,
            "expiry_date": expiry,
            "decision_date": decided,
            "deemed_renewed": True,
        },
        deadlines={"延续申请期限": latest, "延续决定期限": decide_by},
    )


RULES: tuple[Rule, ...] = (
    one_time_notice,
    licence_receipt,
    licence_decision_20wd,
    licence_issue_10wd,
    licence_hearing,
    licence_renewal,
)
