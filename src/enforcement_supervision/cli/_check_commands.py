"""``esup check``, ``esup findings list|show`` and ``esup runs list|show``."""

from __future__ import annotations

import contextlib
import sys
from datetime import datetime
from typing import Any

import attrs
import click
from sqlalchemy.exc import DBAPIError

from enforcement_supervision.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_RULE_ERRORS,
    AppContext,
    Choice,
    EsupGroup,
    json_option,
    open_store,
    print_json,
)
from enforcement_supervision.engine import (
    EngineSettings,
    Progress,
    RunResult,
    finding_history,
    get_finding,
    get_run,
    list_runs,
    parse_fail_on,
    resolve_workers,
    run_check,
)
from enforcement_supervision.followup import after_check
from enforcement_supervision.rules import Category, Severity
from enforcement_supervision.statutory_time import SHANGHAI
from enforcement_supervision.store import FindingEvent, FindingStatus, Store, StoredFinding
from enforcement_supervision.store._internal import sweep_abandoned_runs

__all__ = ["check_command", "findings_group", "render_summary", "runs_group"]

# The exit statuses must stay what docs/guide/checks.md promises.
assert (EXIT_OK, EXIT_FINDINGS, EXIT_RULE_ERRORS) == (0, 1, 3)

_SEVERITIES = ("S1", "S2", "S3", "S4")


_dump = print_json


def _local(moment: datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def _category(name: str, lang: str) -> str:
    try:
        return Category(name).label(lang)
    except ValueError:
        return name


# --------------------------------------------------------------------------------------------
# esup check


class _Bar:
    """A click progress bar on stderr, created on the first report (the total grows as the
    engine learns what is due)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.bar: Any = None

    def __call__(self, update: Progress) -> None:
        if self.bar is None:
            self.bar = click.progressbar(
                length=max(update.total, 1),
                label="检查中" if self.lang == "zh" else "checking",
                file=sys.stderr,
                show_pos=True,
            )
            self.bar.__enter__()
        self.bar.length = max(update.total, 1)
        self.bar.update(max(0, update.done - self.bar.pos))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def render_summary(result: RunResult, lang: str, fail_on: Severity | None = None) -> str:
    """The text summary of a run, in ``lang``."""
    en = lang == "en"
    short = result.run_id[:8]
    as_of = result.as_of.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    mode = {
        "incremental": ("增量", "incremental"),
        "full": ("全量", "full"),
        "retrospective": ("回溯", "retrospective"),
    }.get(result.mode, (result.mode, result.mode))
    outcome = {
        "ok": ("完成", "finished"),
        "errors": ("完成（有错误）", "finished with errors"),
        "failed": ("失败", "failed"),
        "abandoned": ("已放弃（进程被终止或卡住）", "abandoned (killed or stuck)"),
        "running": ("运行中", "running"),
    }.get(result.outcome, (result.outcome, result.outcome))
    lines: list[str] = []
    if result.retrospective:
        return _retrospective_summary(result, lang, as_of, outcome, fail_on)
    if en:
        lines.append(f"Check {outcome[1]}: run {short} ({mode[1]}), as of {as_of} (Asia/Shanghai)")
        lines.append(
            f"Evaluated {result.evaluated} (rule, subject) pairs; {result.skipped} skipped "
            "(unchanged, recheck time not reached)"
        )
        if result.not_in_force:
            lines.append(f"  {result.not_in_force} outside the rule's validity dates")
        if result.records_synced:
            lines.append(f"Records stored from source plugins: {result.records_synced}")
        lines.append(
            f"Findings: {result.opened} opened, {result.resolved} resolved, "
            f"{result.reopened} reopened, {result.still_open} still open "
            f"({result.active} active)"
        )
        if result.undetected or result.redetected:
            lines.append(
                f"  in follow-through: {result.undetected} no longer detected, "
                f"{result.redetected} detected again"
            )
    else:
        lines.append(f"检查{outcome[0]}：运行 {short}（{mode[0]}），评估时点 {as_of}（北京时间）")
        lines.append(
            f"评估 {result.evaluated} 个（规则, 对象）组合；跳过 {result.skipped} 个"
            "（无变化、未到复查时间）"
        )
        if result.not_in_force:
            lines.append(f"  其中 {result.not_in_force} 个不在规则有效期内")
        if result.records_synced:
            lines.append(f"从数据源插件存入记录：{result.records_synced} 条")
        lines.append(
            f"发现：新增 {result.opened}，已解决 {result.resolved}，重新打开 {result.reopened}，"
            f"仍未解决 {result.still_open}（有效发现共 {result.active} 条）"
        )
        if result.undetected or result.redetected:
            lines.append(
                f"  整改流程中：{result.undetected} 条不再检出，{result.redetected} 条再次检出"
            )
    severity_text = " · ".join(f"{s} {result.active_by_severity.get(s, 0)}" for s in _SEVERITIES)
    lines.append(("  by severity: " if en else "  按严重程度：") + severity_text)
    if result.active_by_category:
        category_text = " · ".join(
            f"{_category(name, lang)} {count}"
            for name, count in sorted(result.active_by_category.items())
        )
        lines.append(("  by category: " if en else "  按类别：") + category_text)
    if result.errors:
        lines.append(
            f"Errors ({len(result.errors)}):" if en else f"错误（{len(result.errors)} 项）："
        )
        lines.extend(_error_lines(result, lang))
    if result.note_counts:
        text = " · ".join(f"{kind} {count}" for kind, count in sorted(result.note_counts.items()))
        lines.append(("Notes: " if en else "说明：") + text)
    for warning in result.warnings:
        message = warning.get("message_en" if en else "message_zh", "")
        lines.append(("Warning: " if en else "警告：") + str(message))
    if fail_on is not None:
        above = result.active_at_or_above(fail_on)
        if above:
            lines.append(
                f"{above} active finding(s) at or above {fail_on.value} (--fail-on)"
                if en
                else f"有 {above} 条 {fail_on.value} 及以上的有效发现（--fail-on）"
            )
    duration = result.duration
    took = "-" if duration is None else f"{duration:.2f}"
    lines.append(
        f"Took {took} s; run id {result.run_id}"
        if en
        else f"用时 {took} 秒；运行编号 {result.run_id}"
    )
    return "\n".join(lines)


def _retrospective_summary(
    result: RunResult,
    lang: str,
    as_of: str,
    outcome: tuple[str, str],
    fail_on: Severity | None,
) -> str:
    """The summary of a retrospective: what the check found as of that instant, and that
    nothing stored changed."""
    en = lang == "en"
    latest = (
        "-"
        if result.latest_check is None
        else result.latest_check.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    )
    severity = " · ".join(f"{s} {result.active_by_severity.get(s, 0)}" for s in _SEVERITIES)
    if en:
        lines = [
            f"Retrospective check {outcome[1]}: run {result.run_id[:8]}, as of {as_of} "
            f"(Asia/Shanghai), before the store's latest check ({latest})",
            f"Evaluated {result.evaluated} (rule, subject) pairs as the data stood then",
            f"Findings as of {as_of}: {result.active} (nothing stored was opened, resolved "
            "or re-dated)",
            f"  by severity: {severity}",
        ]
    else:
        lines = [
            f"回溯检查{outcome[0]}：运行 {result.run_id[:8]}，评估时点 {as_of}（北京时间），"
            f"早于本库最近一次检查（{latest}）",
            f"按当时的数据评估 {result.evaluated} 个（规则, 对象）组合",
            f"截至 {as_of} 的问题发现：{result.active} 条（不新增、不解决、不改动已存储的发现）",
            f"  按严重程度：{severity}",
        ]
    if result.errors:
        lines.append(
            f"Errors ({len(result.errors)}):" if en else f"错误（{len(result.errors)} 项）："
        )
        lines.extend(_error_lines(result, lang))
    if fail_on is not None:
        above = result.active_at_or_above(fail_on)
        if above:
            lines.append(
                f"{above} finding(s) at or above {fail_on.value} (--fail-on)"
                if en
                else f"有 {above} 条 {fail_on.value} 及以上的发现（--fail-on）"
            )
    lines.append(
        "--json lists the findings of the retrospective"
        if en
        else "--json 可输出本次回溯检查的全部发现"
    )
    return "\n".join(lines)


@click.command("check")
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE|DATETIME",
    help="Evaluation instant: YYYY-MM-DD means 00:00 Asia/Shanghai; an ISO date-time "
    "without an offset is Shanghai time. Default: now.",
)
@click.option(
    "--rules",
    "rules",
    multiple=True,
    metavar="PATTERN",
    help="Only these rules: ids, globs (``PEN-*``), categories (inaction) or plugin names; "
    "repeat or separate with commas. Default: every enabled rule.",
)
@click.option(
    "--skip-rules",
    "skip_rules",
    multiple=True,
    metavar="PATTERN",
    help="Leave these rules out of this run (same forms as --rules). To switch a rule off "
    "for good, list it in [rules] disabled of the configuration.",
)
@click.option("--full", is_flag=True, help="Evaluate every subject, not only what is due.")
@json_option("Print the run as JSON (docs/reference/json-output.md).")
@click.option(
    "--format",
    "fmt",
    type=Choice(["text", "json"]),
    default="text",
    show_default=True,
    hidden=True,
    help="Deprecated: use --json (--format json is the same).",
)
@click.option(
    "--fail-on",
    "fail_on",
    type=Choice([*_SEVERITIES, "none"], case_sensitive=False),
    help="Exit with status 1 when an active finding is at or above this severity. "
    "Default: [engine] fail_on, else S2.",
)
@click.option("--no-sources", is_flag=True, help="Do not read records from source plugins first.")
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    metavar="N",
    help="Evaluate in N worker processes (0: one per CPU); the findings are the same as a "
    "serial run. Default: [engine] workers, else 1.",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help="How long to wait while another check holds the check lock (0: decline at once, "
    "exit status 6). Default: [engine] lock_wait, else 60.",
)
@click.option(
    "--verify-screens",
    "verify_screens",
    is_flag=True,
    help="Evaluate every subject, rule screens notwithstanding (implies --full), and report "
    "a finding or statutory clock on a subject outside its rule's screen as an error "
    "(exit status 3). The findings are those of a run without screens "
    "(docs/guide/screens.md).",
)
@click.pass_obj
def check_command(
    app: AppContext,
    as_of: str | None,
    rules: tuple[str, ...],
    skip_rules: tuple[str, ...],
    full: bool,
    as_json: bool,
    fmt: str,
    fail_on: str | None,
    no_sources: bool,
    workers: int | None,
    wait: float | None,
    verify_screens: bool,
) -> None:
    """Evaluate the enabled rules over the stored records, store the findings and the run,
    and print a summary.

    Incremental by default: only records that changed, subjects whose recheck time has
    come and rules that are new or changed are evaluated; --full evaluates everything and
    gives the same findings.

    \b
    Exit status:
      0  no active finding at or above the --fail-on severity (default S2)
      1  active findings at or above it
      2  usage or configuration error (nothing was checked)
      3  a rule, plugin or hook failed (or --verify-screens found a finding outside a
         rule's screen); the other rules' findings were stored
      5  an unexpected error (one line; --debug shows the traceback)
      6  another check held the check lock for the whole --wait (nothing was checked)
    """
    # --format json is the older spelling of --json: kept working (scripts parse its output,
    # so no warning is mixed in), hidden from --help, documented as deprecated.
    as_json = as_json or fmt == "json"
    config = app.config()
    settings = EngineSettings.from_config(config)
    if wait is not None:
        settings = attrs.evolve(settings, lock_wait=wait)
    if workers is not None:
        settings = attrs.evolve(settings, workers=resolve_workers(workers))
    if verify_screens:
        settings = attrs.evolve(settings, verify_screens=True)
        full = True
    threshold = parse_fail_on(fail_on) if fail_on is not None else settings.fail_on
    store = open_store(app)
    bar = _Bar(app.lang) if not as_json and sys.stderr.isatty() else None
    try:
        result = run_check(
            store,
            as_of=as_of,
            rules=rules,
            skip_rules=skip_rules,
            config=config,
            mode="full" if full else "incremental",
            progress=bar,
            sources=not no_sources,
            settings=settings,
        )
    finally:
        if bar is not None:
            bar.close()
    # Follow-through (issue 6): expired waivers resurface, the baseline shrinks. Not after
    # a retrospective: the store moves forward in time only.
    follow = after_check(store, result.as_of) if not result.retrospective else None
    if as_json:
        payload = result.to_dict()
        payload["fail_on"] = None if threshold is None else threshold.value
        payload["exit_status"] = result.exit_status(threshold)
        if follow is not None and (follow.expired or follow.left_baseline or follow.stale):
            payload["followup"] = follow.to_dict()
        _dump(payload)
    else:
        click.echo(render_summary(result, app.lang, threshold))
        for line in follow.describe(app.lang) if follow is not None else ():
            click.echo(line)
    status = result.exit_status(threshold)
    if status != EXIT_OK:
        raise click.exceptions.Exit(status)


# --------------------------------------------------------------------------------------------
# esup findings


@click.group("findings", cls=EsupGroup)
def findings_group() -> None:
    """Stored findings: list them, show one with its reasons and history."""


def _status_label(stored: StoredFinding, lang: str) -> str:
    if stored.detected or stored.status == FindingStatus.RESOLVED:
        return stored.status
    return (
        f"{stored.status} (no longer detected)" if lang == "en" else f"{stored.status}（不再检出）"
    )


def _event_line(event: FindingEvent, lang: str) -> str:
    parts = [_local(event.at), event.kind]
    if event.run_id:
        parts.append(("run " if lang == "en" else "运行 ") + event.run_id[:8])
    if event.actor:
        parts.append(event.actor)
    if event.reason:
        parts.append(event.reason)
    return "  " + "  ".join(parts)


@findings_group.command("show")
@click.argument("fingerprint")
@json_option()
@click.pass_obj
def findings_show(app: AppContext, fingerprint: str, as_json: bool) -> None:
    """Show one finding (FINGERPRINT or a unique prefix of it): the statement of reasons
    with its deadline traces, the evidence and the history of events."""
    store = open_store(app, migrate=False)
    stored = get_finding(store, fingerprint)
    history = finding_history(store, stored.fingerprint)
    if as_json:
        _dump({**stored.to_dict(), "history": [event.to_dict() for event in history]})
        return
    lang = app.lang
    en = lang == "en"
    finding = stored.finding
    categories = "、".join(c.label(lang) for c in finding.categories)
    lines = [
        ("Finding " if en else "发现 ") + finding.fingerprint,
        f"{'rule' if en else '规则'} {finding.rule_id} v{finding.rule_version} · "
        f"{finding.severity.value} {finding.severity.label(lang)} · {categories}",
        f"{'status' if en else '状态'} {_status_label(stored, lang)}"
        + (f" · plugin {stored.plugin}" if stored.plugin else ""),
        f"{'subject' if en else '对象'} {finding.subject.key}"
        + (f" · {'agency' if en else '执法主体'} {finding.agency_id}" if finding.agency_id else "")
        + (f" · {'due' if en else '整改期限'} {finding.due}" if finding.due else ""),
        f"{'first seen' if en else '首次发现'} {_local(stored.opened_at)}"
        + (f" (run {stored.first_seen_run[:8]})" if stored.first_seen_run else ""),
        "",
        finding.statement(lang),
    ]
    if finding.evidence:
        lines.append("Evidence:" if en else "证据：")
        for item in finding.evidence:
            where = "/".join(p for p in (item.record_type, item.record_id, item.field) if p)
            lines.append(f"  {item.description}" + (f" [{where}]" if where else ""))
    lines.append("")
    lines.append("History:" if en else "历史：")
    lines.extend(_event_line(event, lang) for event in history)
    click.echo("\n".join(lines))


# --------------------------------------------------------------------------------------------
# esup runs


def _sweep(store: Store) -> None:
    """Runs whose process was killed or got stuck show as ``abandoned``, not ``running``."""
    # A database not yet migrated to the check lock is listed as it is.
    with contextlib.suppress(DBAPIError):
        sweep_abandoned_runs(store)


@click.group("runs", cls=EsupGroup)
def runs_group() -> None:
    """The history of check runs."""


@runs_group.command("list")
@click.option("--limit", type=int, default=20, show_default=True, help="At most this many.")
@json_option()
@click.pass_obj
def runs_list(app: AppContext, limit: int, as_json: bool) -> None:
    """List the latest runs, newest first: id, start, as-of, mode, outcome, counts, time."""
    store = open_store(app, migrate=False)
    _sweep(store)
    found = list_runs(store, limit=limit)
    if as_json:
        _dump([record.to_dict() for record in found])
        return
    if not found:
        click.echo("还没有检查运行" if app.lang == "zh" else "no runs yet")
        return
    for record in found:
        counts = record.counts
        duration = "-" if record.duration is None else f"{record.duration:.2f}s"
        click.echo(
            f"{record.run_id[:8]}  {_local(record.started_at)}  "
            f"as-of {record.as_of.astimezone(SHANGHAI).strftime('%Y-%m-%d %H:%M')}  "
            f"{record.mode}  {record.outcome}  "
            f"evaluated {counts.get('evaluated', 0)}  "
            f"+{counts.get('opened', 0)} -{counts.get('resolved', 0)} "
            f"↺{counts.get('reopened', 0)}  active {counts.get('active', 0)}  "
            f"errors {len(record.errors)}  {duration}"
        )


@runs_group.command("show")
@click.argument("run_id")
@json_option()
@click.pass_obj
def runs_show(app: AppContext, run_id: str, as_json: bool) -> None:
    """Show one run (RUN_ID or a unique prefix): summary, errors with tracebacks, the
    slowest rules and the notes."""
    store = open_store(app, migrate=False)
    _sweep(store)
    record = get_run(store, run_id)
    if as_json:
        _dump(record.to_dict())
        return
    en = app.lang == "en"
    result = RunResult.from_record(record)
    lines = [render_summary(result, app.lang)]
    timings = sorted(
        result.rule_timings.items(), key=lambda item: -float(item[1].get("seconds", 0))
    )
    if timings:
        lines.append("Slowest rules:" if en else "耗时最多的规则：")
        for rule_id, timing in timings[:10]:
            lines.append(
                f"  {rule_id}  {float(timing.get('seconds', 0)):.3f}s  "
                f"{timing.get('evaluated', 0)} {'subjects' if en else '个对象'}"
            )
    for error in result.errors:
        if error.traceback:
            lines.append("")
            lines.append(error.describe(app.lang))
            lines.append(error.traceback.rstrip())
    if result.notes:
        lines.append("Notes:" if en else "说明：")
        for note in result.notes[:50]:
            subject = note.get("subject_type"), note.get("subject_id")
            where = f"{subject[0]}/{subject[1]} " if subject[0] else ""
            text = note.get("message_en" if en else "message_zh", "")
            lines.append(f"  [{note.get('kind')}] {note.get('rule_id') or ''} {where}{text}")
    click.echo("\n".join(lines))


def _error_lines(result: RunResult, lang: str) -> list[str]:
    """The run's errors without what the exceptions said: their text may quote a party's
    name, ID or phone number, and this summary ends up in cron mails and CI logs (#19).
    ``esup runs show`` prints it for the supervision office."""
    lines = [f"  {error.describe(lang, message=False)}" for error in result.errors]
    hint = (
        f"  (messages and tracebacks: esup runs show {result.run_id[:8]})"
        if lang == "en"
        else f"  （错误内容与回溯：esup runs show {result.run_id[:8]}）"
    )
    return [*lines, hint]
