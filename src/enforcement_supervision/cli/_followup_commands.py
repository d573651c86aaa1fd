"""Follow-through on findings and the supervision office's records.

``esup findings notify|extend|rectify|close|waive|approve-waiver|reopen|history|verify|
waivers|expire-waivers`` (added to the ``findings`` group of ``_check_commands``, whose
``list`` is replaced by one with the category and overdue filters), ``esup baseline
create|show`` and ``esup supervision ...``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

import click

from enforcement_supervision.cli._check_commands import _event_line, _status_label, findings_group
from enforcement_supervision.cli._common import (
    EXIT_FINDINGS,
    AppContext,
    Choice,
    EsupGroup,
    json_option,
    open_store,
    print_json,
)
from enforcement_supervision.cli._i18n import say
from enforcement_supervision.followup import (
    SUPERVISION_TYPES,
    BaselineInfo,
    SupervisionSaved,
    WaiverReason,
    WaiverRecord,
    answer_item,
    approve_waiver,
    baseline_info,
    close,
    create_baseline,
    expire_waivers,
    extend,
    followup_states,
    forward_item,
    history,
    list_findings,
    list_supervision,
    list_waivers,
    notify,
    record_supervision,
    rectify,
    reopen,
    request_waiver,
    stale_waivers,
    verify_event_chain,
    waive,
)
from enforcement_supervision.privacy import Audience, salt_from_config
from enforcement_supervision.rules import Category
from enforcement_supervision.rules._disabled import did_you_mean
from enforcement_supervision.statutory_time import SHANGHAI, to_local_date
from enforcement_supervision.store import FindingEvent, FindingStatus, Store, get_finding
from enforcement_supervision.store._audit import (
    chain_anchor,
    parse_anchor,
    verify_anchor,
    verify_findings,
)

__all__ = ["baseline_group", "supervision_group"]

_SEVERITIES = ("S1", "S2", "S3", "S4")
_BY_HELP = "Who does this (name or user id); recorded in the event. Env: ESUP_ACTOR."


_dump = print_json


def _en(app: AppContext) -> bool:
    return app.lang == "en"


_F = TypeVar("_F", bound=Callable[..., Any])


def _by_option(help_text: str = _BY_HELP) -> Callable[[_F], _F]:
    return click.option("--by", "actor", required=True, envvar="ESUP_ACTOR", help=help_text)


def _local(moment: datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def _done(app: AppContext, event: FindingEvent, zh: str, en: str, as_json: bool) -> None:
    if as_json:
        print_json(event.to_dict())
        return
    click.echo(
        f"{event.fingerprint[:12]}  {en if _en(app) else zh}  "
        f"({'event' if _en(app) else '事件'} #{event.event_id})"
    )


# --------------------------------------------------------------------------------------------
# esup findings list (with --category and --overdue)


def _overdue_day(app: AppContext, overdue: bool, as_of: str | None) -> date | None:
    if not overdue:
        return None
    if as_of is None:
        return to_local_date(datetime.now(SHANGHAI))
    try:
        return date.fromisoformat(as_of)
    except ValueError:
        raise click.BadParameter(
            say(f"不是日期：{as_of}", f"not a date: {as_of}"), param_hint="--as-of"
        ) from None


# ``esup findings list`` lives here rather than beside ``show`` because its filters (category,
# overdue) come from the follow-through state.


@findings_group.command("list")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    metavar="STATUS",
    help="open, reopened, resolved, notified, rectified, closed, waived; 'active' (the "
    "default) means still detected and neither closed nor waived; 'all' means every status.",
)
@click.option("--rule", "rules", multiple=True, metavar="ID|GLOB", help="Only these rules.")
@click.option(
    "--severity",
    "severities",
    multiple=True,
    type=Choice(_SEVERITIES, case_sensitive=False),
    help="Only these severities (repeatable).",
)
@click.option(
    "--category",
    "categories",
    multiple=True,
    type=Choice([c.value for c in Category], case_sensitive=False),
    metavar="CATEGORY",
    help="Only findings in one of these categories (repeatable): "
    + ", ".join(c.value for c in Category)
    + ".",
)
@click.option("--agency", "agency_id", help="Only findings of this agency id.")
@click.option(
    "--overdue",
    is_flag=True,
    help="Only notified findings whose rectification deadline passed without a recorded "
    "rectification.",
)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="The day --overdue counts to.")
@click.option("--limit", type=int, default=200, show_default=True, help="At most this many.")
@json_option()
@click.pass_obj
def findings_list(
    app: AppContext,
    statuses: tuple[str, ...],
    rules: tuple[str, ...],
    severities: tuple[str, ...],
    categories: tuple[str, ...],
    agency_id: str | None,
    overdue: bool,
    as_of: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List stored findings, most serious first."""
    wanted = {status.lower() for status in statuses} or {"active"}
    known = {status.value for status in FindingStatus}
    unknown = wanted - known - {"active", "all"}
    if unknown:
        name = sorted(unknown)[0]
        names = ", ".join([*sorted(known), "active", "all"])
        hint_zh, hint_en = did_you_mean(name, [*known, "active", "all"])
        raise click.BadParameter(
            say(
                f"未知的状态 {name}{hint_zh}（可用：{names}）",
                f"unknown status {name}{hint_en} (known: {names})",
            ),
            param_hint="--status",
        )
    if len(wanted) > 1 and wanted & {"active", "all"}:
        raise click.BadParameter(
            say(
                "'active' 和 'all' 不能与其他状态同时使用",
                "'active' and 'all' cannot be combined with other statuses",
            ),
            param_hint="--status",
        )
    active = True if wanted == {"active"} else None
    explicit = None if "all" in wanted or wanted == {"active"} else wanted - {"active"}
    day = _overdue_day(app, overdue, as_of)
    store = open_store(app, migrate=False)
    found = list_findings(
        store,
        statuses=explicit,
        active=active,
        rules=rules or None,
        severities=severities or None,
        categories=categories or None,
        agency_id=agency_id,
        overdue=day,
        limit=limit,
    )
    states = followup_states(store, [stored.fingerprint for stored in found]) if found else {}
    if as_json:
        _dump(
            [
                {
                    **stored.to_dict(),
                    **(
                        {"follow_through": states[stored.fingerprint].to_dict()}
                        if stored.fingerprint in states
                        else {}
                    ),
                }
                for stored in found
            ]
        )
        return
    if not found:
        click.echo("没有符合条件的发现" if app.lang == "zh" else "no matching findings")
        return
    for stored in found:
        finding = stored.finding
        line = (
            f"{finding.fingerprint[:12]}  {finding.severity.value}  "
            f"{_status_label(stored, app.lang)}  {finding.rule_id}  {finding.subject.key}  "
            f"{finding.message(app.lang)}"
        )
        state = states.get(stored.fingerprint)
        if state is not None and state.rectification_due is not None and state.rectified_on is None:
            line += f"  [{'due' if _en(app) else '整改期限'} {state.rectification_due}]"
        click.echo(line)
    if len(found) == limit:
        click.echo("… (more; raise --limit)" if app.lang == "en" else "…（还有更多；调大 --limit）")


# --------------------------------------------------------------------------------------------
# esup findings notify|extend|rectify|close|reopen


@findings_group.command("notify")
@click.argument("fingerprint")
@_by_option()
@click.option(
    "--number",
    "document_number",
    required=True,
    help="Number of the supervision opinion or rectification notice (文号).",
)
@click.option(
    "--due", required=True, metavar="YYYY-MM-DD", help="Rectification deadline (整改期限)."
)
@click.option("--reason", help="What the notice asks for (free text).")
@click.option("--on", "notified_on", metavar="YYYY-MM-DD", help="Day issued. Default: today.")
@json_option()
@click.pass_obj
def findings_notify(
    app: AppContext,
    fingerprint: str,
    actor: str,
    document_number: str,
    due: str,
    reason: str | None,
    notified_on: str | None,
    as_json: bool,
) -> None:
    """Record that a supervision opinion or rectification notice was issued to the agency
    (open/reopened → notified)."""
    event = notify(
        open_store(app),
        fingerprint,
        actor=actor,
        document_number=document_number,
        rectification_due=due,
        reason=reason,
        notified_on=notified_on,
    )
    _done(app, event, f"已通知整改，期限 {due}", f"notified, rectify by {due}", as_json)


@findings_group.command("extend")
@click.argument("fingerprint")
@_by_option()
@click.option("--due", required=True, metavar="YYYY-MM-DD", help="The new deadline.")
@click.option("--reason", required=True, help="Why the deadline moves.")
@json_option()
@click.pass_obj
def findings_extend(
    app: AppContext, fingerprint: str, actor: str, due: str, reason: str, as_json: bool
) -> None:
    """Move the rectification deadline of a notified finding."""
    event = extend(open_store(app), fingerprint, actor=actor, rectification_due=due, reason=reason)
    _done(app, event, f"整改期限延至 {due}", f"deadline moved to {due}", as_json)


@findings_group.command("rectify")
@click.argument("fingerprint")
@_by_option("Who at the agency reports the rectification. Env: ESUP_ACTOR.")
@click.option("--description", required=True, help="What was done (整改情况).")
@click.option(
    "--evidence", multiple=True, help="Evidence: a file, document number or record id (repeat)."
)
@click.option("--on", "rectified_on", metavar="YYYY-MM-DD", help="Day rectified. Default: today.")
@json_option()
@click.pass_obj
def findings_rectify(
    app: AppContext,
    fingerprint: str,
    actor: str,
    description: str,
    evidence: tuple[str, ...],
    rectified_on: str | None,
    as_json: bool,
) -> None:
    """Record the agency's rectification (notified → rectified)."""
    event = rectify(
        open_store(app),
        fingerprint,
        actor=actor,
        description=description,
        evidence=evidence,
        rectified_on=rectified_on,
    )
    _done(app, event, "已登记整改", "rectification recorded", as_json)


@findings_group.command("close")
@click.argument("fingerprint")
@_by_option("The verifier: not the person who recorded the rectification. Env: ESUP_ACTOR.")
@click.option("--reason", help="How the rectification was verified.")
@json_option()
@click.pass_obj
def findings_close(
    app: AppContext, fingerprint: str, actor: str, reason: str | None, as_json: bool
) -> None:
    """Verify the rectification and close the finding (rectified → closed)."""
    event = close(open_store(app), fingerprint, actor=actor, reason=reason)
    _done(app, event, "已核验销号", "verified and closed", as_json)


@findings_group.command("reopen")
@click.argument("fingerprint")
@_by_option()
@click.option("--reason", required=True, help="Why it is reopened.")
@json_option()
@click.pass_obj
def findings_reopen(
    app: AppContext, fingerprint: str, actor: str, reason: str, as_json: bool
) -> None:
    """Reopen a notified, rectified, closed or waived finding (an active waiver is revoked)."""
    event = reopen(open_store(app), fingerprint, actor=actor, reason=reason)
    _done(app, event, "已重新打开", "reopened", as_json)


# --------------------------------------------------------------------------------------------
# Waivers


def _waiver_line(app: AppContext, waiver: WaiverRecord) -> str:
    approved = waiver.approved_by or ("-" if _en(app) else "待批")
    return (
        f"#{waiver.waiver_id}  {waiver.fingerprint[:12]}  {waiver.state}  "
        f"{WaiverReason(waiver.reason_category).label(app.lang)}  "
        f"{'requested by' if _en(app) else '申请人'} {waiver.requested_by}  "
        f"{'approved by' if _en(app) else '审批人'} {approved}  "
        f"{'expires' if _en(app) else '到期'} {waiver.expires}  {waiver.justification}"
    )


@findings_group.command("waive")
@click.argument("fingerprint")
@_by_option("Who requests the waiver. Env: ESUP_ACTOR.")
@click.option(
    "--category",
    "reason_category",
    required=True,
    type=Choice([reason.value for reason in WaiverReason]),
    help="Why: a false positive, a legal exception, or an accepted risk.",
)
@click.option("--reason", "justification", required=True, help="The justification (free text).")
@click.option("--expires", required=True, metavar="YYYY-MM-DD", help="Last day the waiver holds.")
@click.option(
    "--approved-by",
    help="Approve at once (a different person); else the waiver waits for approve-waiver.",
)
@json_option()
@click.pass_obj
def findings_waive(
    app: AppContext,
    fingerprint: str,
    actor: str,
    reason_category: str,
    justification: str,
    expires: str,
    approved_by: str | None,
    as_json: bool,
) -> None:
    """Request a waiver of a finding (refused for rules marked non-waivable)."""
    store = open_store(app)
    config = app.config()
    if approved_by is not None:
        waiver = waive(
            store,
            fingerprint,
            requested_by=actor,
            approved_by=approved_by,
            reason_category=reason_category,
            justification=justification,
            expires=expires,
            config=config,
        )
    else:
        waiver = request_waiver(
            store,
            fingerprint,
            requested_by=actor,
            reason_category=reason_category,
            justification=justification,
            expires=expires,
            config=config,
        )
    if as_json:
        print_json(waiver.to_dict())
        return
    click.echo(_waiver_line(app, waiver))


@findings_group.command("approve-waiver")
@click.argument("waiver")
@_by_option("The approver: not the requester. Env: ESUP_ACTOR.")
@json_option()
@click.pass_obj
def findings_approve_waiver(app: AppContext, waiver: str, actor: str, as_json: bool) -> None:
    """Approve a pending waiver (WAIVER: its id, or the finding's fingerprint)."""
    event = approve_waiver(open_store(app), waiver, approved_by=actor)
    _done(app, event, "豁免已批准", "waiver approved", as_json)


@findings_group.command("waivers")
@click.option(
    "--state",
    "states",
    multiple=True,
    type=Choice(["pending", "active", "expired", "revoked"]),
    help="Only waivers in these states. Default: pending and active.",
)
@click.option("--stale", is_flag=True, help="Only waivers whose finding is no longer produced.")
@json_option()
@click.pass_obj
def findings_waivers(app: AppContext, states: tuple[str, ...], stale: bool, as_json: bool) -> None:
    """List waivers; --stale lists those that no longer match anything."""
    store = open_store(app, migrate=False)
    found = (
        stale_waivers(store)
        if stale
        else list_waivers(store, states=states or ("pending", "active"))
    )
    if as_json:
        _dump([waiver.to_dict() for waiver in found])
        return
    if not found:
        click.echo("no waivers" if _en(app) else "没有豁免")
    for waiver in found:
        click.echo(_waiver_line(app, waiver))


@findings_group.command("expire-waivers")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="The day to count to (default today).")
@json_option()
@click.pass_obj
def findings_expire_waivers(app: AppContext, as_of: str | None, as_json: bool) -> None:
    """End the waivers past their expiry date; their findings resurface (esup check does
    this after every run)."""
    expired = expire_waivers(open_store(app), as_of)
    if as_json:
        print_json([{"waiver": item.waiver.to_dict(), "status": item.status} for item in expired])
        return
    for item in expired:
        click.echo(
            f"#{item.waiver.waiver_id}  {item.waiver.fingerprint[:12]}  "
            f"{'expired' if _en(app) else '已到期'} {item.waiver.expires}  → {item.status}"
        )
    if not expired:
        click.echo("no waiver expired" if _en(app) else "没有到期的豁免")


# --------------------------------------------------------------------------------------------
# History and the chain


@findings_group.command("history")
@click.argument("fingerprint")
@json_option()
@click.pass_obj
def findings_history(app: AppContext, fingerprint: str, as_json: bool) -> None:
    """The whole history of one finding: every event with when, who and why."""
    store = open_store(app, migrate=False)
    stored = get_finding(store, fingerprint)
    events = history(store, stored.fingerprint)
    if as_json:
        _dump([event.to_dict() for event in events])
        return
    click.echo(
        f"{stored.fingerprint[:12]}  {stored.finding.rule_id}  {stored.finding.subject.key}  "
        f"{_status_label(stored, app.lang)}"
    )
    for event in events:
        line = _event_line(event, app.lang)
        extras = _event_extras(event.data)
        click.echo(line + (f"  [{extras}]" if extras else ""))


_SHOWN_DATA = (
    "notice_number",
    "rectification_due",
    "previous_due",
    "rectified_on",
    "evidence",
    "verified_by",
    "waiver_id",
    "reason_category",
    "requested_by",
    "approved_by",
    "expires",
    "resurfaced_as",
)


def _event_extras(data: Mapping[str, Any]) -> str:
    parts = []
    for name in _SHOWN_DATA:
        value = data.get(name)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        parts.append(f"{name}={value}")
    return "; ".join(parts)


def _reason_zh(reason: str) -> str:
    if "edited" in reason:
        return "事件内容与其哈希不符（事件被修改）"
    if "removed from the end" in reason:
        return "链头指向的不是最后一个事件（末尾的事件被删除）"
    if "prev_hash" in reason:
        return "前序哈希与上一事件不符（事件被删除、插入或调换顺序）"
    return reason


@findings_group.command("verify")
@click.option(
    "--anchor",
    "anchor_text",
    metavar="ANCHOR",
    help="An anchor printed earlier by `esup findings anchor` (kept outside the database): "
    "check that the chain still passes through it.",
)
@json_option()
@click.pass_obj
def findings_verify(app: AppContext, anchor_text: str | None, as_json: bool) -> None:
    """Check the hash chain of the event log, that the stored findings are what the chain
    replays to (status, detection, baseline, rule and subject; no finding added or
    deleted), and with --anchor that the chain still passes through an anchor; exit 1
    naming the first problem."""
    en = _en(app)
    anchor = None if anchor_text is None else parse_anchor(anchor_text)
    store = open_store(app, migrate=False)
    broken = verify_event_chain(store)
    if broken is not None:
        event = broken.event
        if as_json:
            print_json(
                {
                    "intact": False,
                    "events": None,
                    "broken": {
                        "event_id": broken.event_id,
                        "reason": broken.reason,
                        "event": None if event is None else event.to_dict(),
                    },
                    "mismatches": None,
                    "anchor": None,
                }
            )
            raise click.exceptions.Exit(EXIT_FINDINGS)
        where = (
            f"event #{broken.event_id}"
            + ("" if event is None else f" ({event.kind}, finding {event.fingerprint[:12]})")
            if en
            else f"事件 #{broken.event_id}"
            + ("" if event is None else f"（{event.kind}，发现 {event.fingerprint[:12]}）")
        )
        click.echo(
            f"event chain BROKEN at {where}: {broken.reason}"
            if en
            else f"事件链断裂于{where}：{_reason_zh(broken.reason)}",
            err=True,
        )
        raise click.exceptions.Exit(EXIT_FINDINGS)
    count = chain_anchor(store).events
    mismatches = verify_findings(store)
    anchor_problem = None if anchor is None else verify_anchor(store, anchor)
    if as_json:
        print_json(
            {
                "intact": not mismatches and anchor_problem is None,
                "events": count,
                "broken": None,
                "mismatches": [
                    {"fingerprint": item.fingerprint, "problem": item.problem}
                    for item in mismatches
                ],
                "anchor": None
                if anchor is None
                else {
                    "events": anchor.events,
                    "matched": anchor_problem is None,
                    "problem": anchor_problem,
                },
            }
        )
        if mismatches or anchor_problem is not None:
            raise click.exceptions.Exit(EXIT_FINDINGS)
        return
    click.echo(f"event chain intact: {count} events" if en else f"事件链完整：共 {count} 个事件")
    if mismatches:
        for item in mismatches:
            click.echo(
                f"finding {item.fingerprint[:12]} differs from its events: {item.problem}"
                if en
                else f"发现 {item.fingerprint[:12]} 与其事件不符：{_problem_zh(item.problem)}",
                err=True,
            )
        raise click.exceptions.Exit(EXIT_FINDINGS)
    click.echo("stored findings match the chain" if en else "已存储的问题发现与事件链一致")
    if anchor is not None:
        if anchor_problem is not None:
            click.echo(
                f"anchor NOT matched: {anchor_problem}"
                if en
                else f"与锚点不符：{_problem_zh(anchor_problem)}",
                err=True,
            )
            raise click.exceptions.Exit(EXIT_FINDINGS)
        click.echo(
            f"the chain passes through the anchor ({anchor.events} events)"
            if en
            else f"事件链经过该锚点（前 {anchor.events} 个事件未被改写）"
        )


def _problem_zh(problem: str) -> str:
    # The English text carries the stored values; a short Chinese lead says what kind.
    if "without any event" in problem:
        return "没有任何事件（在本系统之外插入）"
    if "no stored finding" in problem:
        return "有事件但没有对应的问题发现（发现被删除）"
    if "rewritten" in problem or "removed" in problem:
        return f"锚点之前的事件被改写或删除（{problem}）"
    return f"存储值与事件不一致（{problem}）"


@findings_group.command("anchor")
@json_option()
@click.pass_obj
def findings_anchor(app: AppContext, as_json: bool) -> None:
    """Print the chain's anchor: its number of events and the hash of the last one. Keep it
    outside the database (the office's records, a signed notice); `esup findings verify
    --anchor` later proves that no event up to it was rewritten."""
    store = open_store(app, migrate=False)
    anchor = chain_anchor(store)
    if as_json:
        print_json(anchor.to_dict())
        return
    click.echo(anchor.text)


# --------------------------------------------------------------------------------------------
# esup baseline


@click.group("baseline", cls=EsupGroup)
def baseline_group() -> None:
    """The baseline for gradual adoption: today's active findings, so reports can show
    what is new since. It only shrinks."""


def _baseline_text(app: AppContext, info: BaselineInfo) -> str:
    if _en(app):
        head = "Baseline recorded" if info.created else "Baseline"
        return (
            f"{head} {_local(info.created_at)} by {info.created_by or '-'}: "
            f"{info.initial_size} findings at the start, {info.current_size} still in it"
            + (f" ({info.left} left it now)" if info.left else "")
        )
    head = "已建立基线" if info.created else "基线"
    return (
        f"{head}（{_local(info.created_at)}，{info.created_by or '-'}）：建立时 "
        f"{info.initial_size} 条发现，现仍有 {info.current_size} 条"
        + (f"（本次移出 {info.left} 条）" if info.left else "")
    )


@baseline_group.command("create")
@click.option("--by", "actor", envvar="ESUP_ACTOR", help="Who records it. Env: ESUP_ACTOR.")
@click.option("--note", help="A note kept with the baseline.")
@json_option()
@click.pass_obj
def baseline_create(app: AppContext, actor: str | None, note: str | None, as_json: bool) -> None:
    """Record today's active findings as the baseline. Run again, it adds nothing: findings
    resolved or closed since leave it."""
    info = create_baseline(open_store(app), actor=actor, note=note)
    if as_json:
        print_json(info.to_dict())
        return
    click.echo(_baseline_text(app, info))


@baseline_group.command("show")
@json_option()
@click.pass_obj
def baseline_show(app: AppContext, as_json: bool) -> None:
    """Show the baseline: when, by whom, its size then and now."""
    info = baseline_info(open_store(app, migrate=False))
    if as_json:
        _dump(None if info is None else info.to_dict())
        return
    if info is None:
        click.echo("no baseline" if _en(app) else "尚未建立基线")
        return
    click.echo(_baseline_text(app, info))


# --------------------------------------------------------------------------------------------
# esup supervision


@click.group("supervision", cls=EsupGroup)
def supervision_group() -> None:
    """The supervision office's records: liaison points, social supervisors, feedback and
    opinions, complaints and supervision checks. Each command creates the record or adds a
    new version of it (the fields given change; lists such as activities are appended to)."""


def _parse_sets(items: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(
                say(f"应为 字段=值，而不是 {item!r}", f"expected FIELD=VALUE, got {item!r}"),
                param_hint="--set",
            )
        try:
            value: Any = json.loads(text)
        except ValueError:
            value = text
        out[name.strip()] = value
    return out


def _ref(text: str, option: str) -> dict[str, str]:
    kind, sep, record_id = text.partition("/")
    if not sep or not kind or not record_id:
        raise click.BadParameter(
            say(f"应为 类型/编号，而不是 {text!r}", f"expected TYPE/ID, got {text!r}"),
            param_hint=option,
        )
    return {"record_type": kind, "record_id": record_id}


def _parts(text: str, option: str, minimum: int, maximum: int) -> list[str]:
    parts = text.split(":", maximum - 1)
    if len(parts) < minimum:
        raise click.BadParameter(
            say(f"{text!r} 中以 ':' 分隔的部分不够", f"not enough ':'-separated parts in {text!r}"),
            param_hint=option,
        )
    return parts + [""] * (maximum - len(parts))


def _saved(app: AppContext, record_type: str, saved: SupervisionSaved, as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "record_type": record_type,
                "id": saved.record.id,
                "version": saved.version,
                "created": saved.created,
                "changed": saved.changed,
            }
        )
        return
    if _en(app):
        what = "created" if saved.created else "updated" if saved.changed else "unchanged"
    else:
        what = "已新建" if saved.created else "已更新" if saved.changed else "无变化"
    click.echo(f"{record_type}/{saved.record.id}  v{saved.version}  {what}")


def _store_record(
    app: AppContext,
    as_json: bool,
    record_type: str,
    record_id: str,
    values: dict[str, Any],
    sets: Sequence[str],
) -> None:
    store = open_store(app, create=True)
    saved = record_supervision(store, record_type, record_id, values, replace=_parse_sets(sets))
    _saved(app, record_type, saved, as_json)


_SET_OPTION = click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Any other field, as in the record's JSON form (the value is parsed as JSON when "
    "it can be); replaces the stored value. See `esup schema TYPE`.",
)


@supervision_group.command("liaison-point")
@click.argument("record_id")
@click.option("--agency", "agency_id", help="The supervising body the point belongs to.")
@click.option("--name", help="Name of the enterprise or unit.")
@click.option("--designated", "designation_date", metavar="YYYY-MM-DD", help="Designation date.")
@click.option("--document", "designation_document", help="Designation document number.")
@click.option(
    "--status", type=Choice(["active", "suspended", "withdrawn", "expired"]), help="Status."
)
@click.option("--status-date", metavar="YYYY-MM-DD", help="Date of the status.")
@click.option("--term-months", type=int, help="Term in months.")
@click.option("--term-end", "term_end_date", metavar="YYYY-MM-DD", help="End of the term.")
@click.option("--credit-code", help="Unified social credit code.")
@click.option("--contact-name", help="Contact person (personal data).")
@click.option("--contact-phone", help="Contact phone (personal data).")
@click.option(
    "--criterion",
    "criteria",
    multiple=True,
    metavar="CRITERION:yes|no[:EVIDENCE]",
    help="rule_of_law (依法治理), lawful_operation (合法经营), honesty (诚实守信), whether met "
    "and the evidence (repeat).",
)
@_SET_OPTION
@json_option()
@click.pass_obj
def supervision_liaison_point(
    app: AppContext,
    record_id: str,
    agency_id: str | None,
    name: str | None,
    designation_date: str | None,
    designation_document: str | None,
    status: str | None,
    status_date: str | None,
    term_months: int | None,
    term_end_date: str | None,
    credit_code: str | None,
    contact_name: str | None,
    contact_phone: str | None,
    criteria: tuple[str, ...],
    sets: tuple[str, ...],
    as_json: bool,
) -> None:
    """Designate (or update) a supervision liaison point (行政执法监督联系点)."""
    assessed = []
    for text in criteria:
        criterion, met, evidence = _parts(text, "--criterion", 2, 3)
        assessed.append(
            {
                "criterion": criterion,
                "met": met.lower() in ("yes", "y", "true", "1", "是"),
                "evidence": evidence or None,
                "assessed_date": designation_date,
            }
        )
    values = {
        "agency_id": agency_id,
        "name": name,
        "designation_date": designation_date,
        "designation_document": designation_document,
        "status": status,
        "status_date": status_date,
        "term_months": term_months,
        "term_end_date": term_end_date,
        "credit_code": credit_code,
        "contact_name": contact_name,
        "contact_phone": contact_phone,
        "criteria": assessed,
    }
    _store_record(app, as_json, "liaison-point", record_id, values, sets)


@supervision_group.command("supervisor")
@click.argument("record_id")
@click.option("--agency", "agency_id", help="The body that appointed the supervisor.")
@click.option("--name", help="Name (personal data).")
@click.option("--appointed", "appointed_date", metavar="YYYY-MM-DD", help="Appointment date.")
@click.option(
    "--status", type=Choice(["active", "suspended", "dismissed", "expired"]), help="Status."
)
@click.option("--status-date", metavar="YYYY-MM-DD", help="Date of the status.")
@click.option("--term-months", type=int, help="Term in months.")
@click.option("--term-end", "term_end_date", metavar="YYYY-MM-DD", help="End of the term.")
@click.option("--phone", help="Phone (personal data).")
@click.option("--id-number", help="ID number (personal data).")
@click.option("--occupation", help="Occupation.")
@click.option(
    "--activity",
    "activities",
    multiple=True,
    metavar="DATE:KIND[:DESCRIPTION]",
    help="An activity (observation, meeting, inspection_accompany, opinion, "
    "case_file_review, training, other); repeat.",
)
@click.option(
    "--disqualification",
    "disqualifications",
    multiple=True,
    metavar="KIND[:DATE[:DESCRIPTION]]",
    help="A disqualifying record (criminal_penalty, dishonest_judgment_debtor, ...); repeat.",
)
@_SET_OPTION
@json_option()
@click.pass_obj
def supervision_supervisor(
    app: AppContext,
    record_id: str,
    agency_id: str | None,
    name: str | None,
    appointed_date: str | None,
    status: str | None,
    status_date: str | None,
    term_months: int | None,
    term_end_date: str | None,
    phone: str | None,
    id_number: str | None,
    occupation: str | None,
    activities: tuple[str, ...],
    disqualifications: tuple[str, ...],
    sets: tuple[str, ...],
    as_json: bool,
) -> None:
    """Appoint (or update) a social supervisor (行政执法社会监督员) and record activities."""
    done = []
    for text in activities:
        day, kind, description = _parts(text, "--activity", 2, 3)
        done.append({"date": day, "kind": kind, "description": description or None})
    barred = []
    for text in disqualifications:
        kind, day, description = _parts(text, "--disqualification", 1, 3)
        barred.append({"kind": kind, "date": day or None, "description": description or None})
    values = {
        "agency_id": agency_id,
        "name": name,
        "appointed_date": appointed_date,
        "status": status,
        "status_date": status_date,
        "term_months": term_months,
        "term_end_date": term_end_date,
        "phone": phone,
        "id_number": id_number,
        "occupation": occupation,
        "activities": done,
        "disqualifications": barred,
    }
    _store_record(app, as_json, "social-supervisor", record_id, values, sets)


@supervision_group.command("feedback")
@click.argument("record_id")
@click.option("--agency", "agency_id", help="The body that collected it.")
@click.option(
    "--source-kind",
    type=Choice(["liaison_point", "social_supervisor", "other"]),
    help="Who gave it.",
)
@click.option("--source", "source_id", help="Id of the liaison point or supervisor.")
@click.option("--received", "received_date", metavar="YYYY-MM-DD", help="Day it was collected.")
@click.option(
    "--channel",
    type=Choice(
        [
            "meeting",
            "visit",
            "phone",
            "letter",
            "email",
            "online",
            "wechat",
            "questionnaire",
            "other",
        ]
    ),
    help="How it was collected.",
)
@click.option(
    "--kind", type=Choice(["opinion", "suggestion", "problem_report", "other"]), help="Kind."
)
@click.option("--summary", help="What it says.")
@click.option("--related", metavar="TYPE/ID", help="The record it is about.")
@_SET_OPTION
@json_option()
@click.pass_obj
def supervision_feedback(
    app: AppContext,
    record_id: str,
    agency_id: str | None,
    source_kind: str | None,
    source_id: str | None,
    received_date: str | None,
    channel: str | None,
    kind: str | None,
    summary: str | None,
    related: str | None,
    sets: tuple[str, ...],
    as_json: bool,
) -> None:
    """Record feedback or an opinion received from a liaison point or social supervisor."""
    values = {
        "agency_id": agency_id,
        "source_kind": source_kind,
        "source_id": source_id,
        "received_date": received_date,
        "channel": channel,
        "kind": kind,
        "summary": summary,
        "related": None if related is None else _ref(related, "--related"),
    }
    _store_record(app, as_json, "feedback", record_id, values, sets)


@supervision_group.command("complaint")
@click.argument("record_id")
@click.option("--agency", "agency_id", help="The body that received it.")
@click.option("--received", "received_date", metavar="YYYY-MM-DD", help="Day it was received.")
@click.option(
    "--channel",
    type=Choice(
        ["hotline_12345", "phone", "letter", "visit", "online", "email", "referral", "other"]
    ),
    help="How it arrived.",
)
@click.option("--complainant", "complainant_name", help="Name of the complainant (pseudonymised).")
@click.option("--complainant-phone", help="Phone of the complainant (personal data).")
@click.option("--anonymous", is_flag=True, default=None, help="Made anonymously.")
@click.option("--respondent", "respondent_agency_id", help="The agency complained about.")
@click.option("--category", help="Complaint category (see `esup schema complaint`).")
@click.option("--summary", help="What it says.")
@click.option("--related", metavar="TYPE/ID", help="The record it is about.")
@click.option("--accepted", "accepted_date", metavar="YYYY-MM-DD", help="Day it was accepted.")
@_SET_OPTION
@json_option()
@click.pass_obj
def supervision_complaint(
    app: AppContext,
    record_id: str,
    agency_id: str | None,
    received_date: str | None,
    channel: str | None,
    complainant_name: str | None,
    complainant_phone: str | None,
    anonymous: bool | None,
    respondent_agency_id: str | None,
    category: str | None,
    summary: str | None,
    related: str | None,
    accepted_date: str | None,
    sets: tuple[str, ...],
    as_json: bool,
) -> None:
    """Record a complaint about enforcement (执法投诉举报)."""
    values = {
        "agency_id": agency_id,
        "received_date": received_date,
        "channel": channel,
        "complainant_name": complainant_name,
        "complainant_phone": complainant_phone,
        "anonymous": anonymous,
        "respondent_agency_id": respondent_agency_id,
        "category": category,
        "summary": summary,
        "related": None if related is None else _ref(related, "--related"),
        "accepted_date": accepted_date,
    }
    _store_record(app, as_json, "complaint", record_id, values, sets)


@supervision_group.command("forward")
@click.argument("record_id")
@click.option("--to", "to_agency", required=True, help="The agency it is forwarded to.")
@click.option("--on", "on", required=True, metavar="YYYY-MM-DD", help="Day forwarded.")
@click.option("--type", "record_type", type=Choice(["feedback", "complaint"]))
@json_option()
@click.pass_obj
def supervision_forward(
    app: AppContext, record_id: str, to_agency: str, on: str, record_type: str | None, as_json: bool
) -> None:
    """Record that feedback or a complaint was forwarded to an agency."""
    saved = forward_item(
        open_store(app), record_id, to_agency=to_agency, on=on, record_type=record_type
    )
    _saved(app, type(saved.record).record_type, saved, as_json)


@supervision_group.command("answer")
@click.argument("record_id")
@click.option("--on", "on", required=True, metavar="YYYY-MM-DD", help="Day answered.")
@click.option("--summary", help="The answer (feedback).")
@click.option("--outcome", help="The outcome of a complaint (concludes it).")
@click.option("--type", "record_type", type=Choice(["feedback", "complaint"]))
@json_option()
@click.pass_obj
def supervision_answer(
    app: AppContext,
    record_id: str,
    on: str,
    summary: str | None,
    outcome: str | None,
    record_type: str | None,
    as_json: bool,
) -> None:
    """Record the answer to feedback or the response to a complaint."""
    saved = answer_item(
        open_store(app),
        record_id,
        on=on,
        summary=summary,
        outcome=outcome,
        record_type=record_type,
    )
    _saved(app, type(saved.record).record_type, saved, as_json)


@supervision_group.command("check")
@click.argument("record_id")
@click.option("--agency", "agency_id", help="The supervising body.")
@click.option(
    "--type",
    "check_type",
    type=Choice(["routine", "case_file_review", "special", "other"]),
    help="Kind of check.",
)
@click.option("--date", "check_date", metavar="YYYY-MM-DD", help="Day the check started.")
@click.option("--end-date", metavar="YYYY-MM-DD", help="Day it ended.")
@click.option("--title", help="Title.")
@click.option("--supervised", multiple=True, help="An agency checked (repeat).")
@click.option("--participant", multiple=True, help="An officer who took part (repeat).")
@click.option("--supervisor", multiple=True, help="A social supervisor who took part (repeat).")
@click.option("--population", "population_size", type=int, help="Records in scope.")
@click.option(
    "--sample",
    "samples",
    multiple=True,
    metavar="TYPE/ID[:GRADE[:CONCLUSION]]",
    help="A record sampled, with the grade (excellent, good, pass, fail) and conclusion.",
)
@click.option("--conclusion", help="Overall conclusion.")
@click.option(
    "--opinion",
    "opinions",
    multiple=True,
    metavar="AGENCY:ISSUED:DEADLINE[:NUMBER]",
    help="A supervision opinion issued to AGENCY on ISSUED, to rectify by DEADLINE (repeat).",
)
@click.option(
    "--opinion-rectified",
    "rectified",
    multiple=True,
    metavar="NUMBER=YYYY-MM-DD",
    help="The opinion NUMBER was rectified on that day (repeat).",
)
@_SET_OPTION
@json_option()
@click.pass_obj
def supervision_check(
    app: AppContext,
    record_id: str,
    agency_id: str | None,
    check_type: str | None,
    check_date: str | None,
    end_date: str | None,
    title: str | None,
    supervised: tuple[str, ...],
    participant: tuple[str, ...],
    supervisor: tuple[str, ...],
    population_size: int | None,
    samples: tuple[str, ...],
    conclusion: str | None,
    opinions: tuple[str, ...],
    rectified: tuple[str, ...],
    sets: tuple[str, ...],
    as_json: bool,
) -> None:
    """Record a supervision check (routine check, case-file review, special check): who
    checked which agency, the cases sampled, the conclusion and the opinions issued."""
    store = open_store(app, create=True)
    sampled = []
    for text in samples:
        ref, grade, conclusion_text = _parts(text, "--sample", 1, 3)
        sampled.append(
            {
                "record": _ref(ref, "--sample"),
                "grade": grade or None,
                "conclusion": conclusion_text or None,
            }
        )
    issued = []
    for text in opinions:
        agency, day, deadline, number = _parts(text, "--opinion", 3, 4)
        issued.append(
            {
                "addressee_agency_id": agency,
                "issued_date": day,
                "rectification_deadline": deadline or None,
                "number": number or None,
            }
        )
    values: dict[str, Any] = {
        "agency_id": agency_id,
        "type": check_type,
        "date": check_date,
        "end_date": end_date,
        "title": title,
        "population_size": population_size,
        "conclusion": conclusion,
        "sampled_cases": sampled,
        "opinions": issued,
    }
    replace = _parse_sets(sets)
    current = store.get_record("supervision-check", record_id)
    for name, given in (
        ("supervised_agency_ids", supervised),
        ("participant_ids", participant),
        ("supervisor_ids", supervisor),
    ):
        if given:
            before = () if current is None else tuple(getattr(current.record, name))
            replace[name] = list(dict.fromkeys([*before, *given]))
    if rectified:
        if current is None:
            raise click.BadParameter(
                say(f"还没有监督检查 {record_id}", f"no check {record_id} yet"),
                param_hint="--opinion-rectified",
            )
        days = dict(
            _parts(text.replace("=", ":", 1), "--opinion-rectified", 2, 2) for text in rectified
        )
        listed = []
        for opinion in current.record.opinions:  # type: ignore[attr-defined]
            item = {
                "addressee_agency_id": opinion.addressee_agency_id,
                "issued_date": opinion.issued_date,
                "number": opinion.number,
                "content": opinion.content,
                "rectification_deadline": opinion.rectification_deadline,
                "rectified_date": days.pop(opinion.number, None) or opinion.rectified_date,
                "report_date": opinion.report_date,
            }
            listed.append({k: v for k, v in item.items() if v is not None})
        if days:
            raise click.BadParameter(
                say(
                    f"{record_id} 中没有文号为 {', '.join(days)} 的监督意见",
                    f"no opinion numbered {', '.join(days)} in {record_id}",
                ),
                param_hint="--opinion-rectified",
            )
        replace["opinions"] = [*listed, *issued]
        values["opinions"] = []
    saved = record_supervision(store, "supervision-check", record_id, values, replace=replace)
    _saved(app, "supervision-check", saved, as_json)


_LIST_FIELDS: dict[str, tuple[str, ...]] = {
    "liaison-point": ("name", "status", "designation_date", "term_end_date"),
    "social-supervisor": ("name", "status", "appointed_date", "term_end_date"),
    "feedback": (
        "source_kind",
        "source_id",
        "received_date",
        "summary",
        "forwarded_to_agency_id",
        "answered_date",
    ),
    "complaint": (
        "complainant_name",
        "received_date",
        "respondent_agency_id",
        "summary",
        "responded_date",
        "outcome",
    ),
    "supervision-check": ("type", "date", "supervised_agency_ids", "conclusion"),
}


@supervision_group.command("list")
@click.option(
    "--type",
    "record_types",
    multiple=True,
    type=Choice(list(SUPERVISION_TYPES)),
    help="Only these record types (repeat). Default: all five.",
)
@click.option("--agency", "agency_id", help="Only records of this agency id.")
@click.option(
    "--audience",
    type=Choice([audience.value for audience in Audience]),
    default=Audience.INTERNAL.value,
    show_default=True,
    help="Who will read it: outside the supervision office (agency, public) the people who "
    "report are pseudonymised.",
)
@json_option()
@click.pass_obj
def supervision_list(
    app: AppContext,
    record_types: tuple[str, ...],
    agency_id: str | None,
    audience: str,
    as_json: bool,
) -> None:
    """List the supervision records (current versions)."""
    store: Store = open_store(app, migrate=False)
    found = list_supervision(
        store,
        record_types=record_types or None,
        agency_id=agency_id,
        audience=audience,
        salt=salt_from_config(app.config()),
    )
    if as_json:
        _dump([{"record_type": kind, **data} for kind, data in found])
        return
    if not found:
        click.echo("no supervision records" if _en(app) else "没有监督机制记录")
        return
    for kind, data in found:
        shown = []
        for name in _LIST_FIELDS[kind]:
            value = data.get(name)
            if value in (None, "", []):
                continue
            if isinstance(value, list):
                value = ",".join(str(item) for item in value)
            text = str(value)
            shown.append(text if len(text) <= 40 else text[:39] + "…")
        opinions = data.get("opinions") or []
        if opinions:
            shown.append(
                f"opinions={len(opinions)}" if _en(app) else f"监督意见 {len(opinions)} 份"
            )
        click.echo(f"{kind}/{data['id']}  {data.get('agency_id', '')}  " + "  ".join(shown))
