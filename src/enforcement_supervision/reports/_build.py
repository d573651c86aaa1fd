"""Building the report data from the store: a few bulk queries, no re-run of any rule."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import attrs
from sqlalchemy import func, select

from enforcement_supervision._version import __version__
from enforcement_supervision.config import Config
from enforcement_supervision.errors import EsupError
from enforcement_supervision.privacy import Audience, Redactor, salt_from_config
from enforcement_supervision.reports._gc import paused_gc
from enforcement_supervision.reports._labels import SEVERITIES
from enforcement_supervision.reports._lifecycle import (
    ENGINE_EVENT_KINDS,
    as_date,
    follow_through,
)
from enforcement_supervision.reports._model import (
    REPORT_SCHEMA_VERSION,
    AgencyInfo,
    FindingRow,
    ReportData,
    RuleInfo,
    Summary,
)
from enforcement_supervision.reports._settings import ReportSettings
from enforcement_supervision.rules import (
    Finding,
    PluginManager,
    load_plugins,
)
from enforcement_supervision.statutory_time import SHANGHAI, to_local_date
from enforcement_supervision.store import (
    FindingEvent,
    RunRecord,
    Store,
    StoredFinding,
    describe_subjects,
    fetch_records,
    finding_events,
    findings,
    group_members,
    list_runs,
    query_findings,
    record_key,
    records,
    rule_checkpoints,
    rule_state,
)

__all__ = ["ReportUsageError", "build_report_data", "check_audience", "check_lang"]

_CHUNK = 900


class ReportUsageError(EsupError):
    """A report was asked for with options that cannot work (unknown format, language,
    audience, a period that ends before it starts, a missing optional dependency)."""


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _parse_day(value: date | str | None, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return to_local_date(value)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ReportUsageError(
            f"{name} 应为日期 YYYY-MM-DD，而不是 {value!r}",
            f"{name} must be a date YYYY-MM-DD, not {value!r}",
        ) from None


def check_lang(lang: str) -> str:
    if lang not in ("zh", "en"):
        raise ReportUsageError(
            f"未知的语言 {lang!r}（zh 或 en）", f"unknown language {lang!r} (zh or en)"
        )
    return lang


def check_audience(audience: Audience | str) -> Audience:
    try:
        return Audience(audience)
    except ValueError:
        known = ", ".join(member.value for member in Audience)
        raise ReportUsageError(
            f"未知的阅读对象 {audience!r}（{known}）",
            f"unknown audience {audience!r} ({known})",
        ) from None


# --------------------------------------------------------------------------------------------
# Bulk loads


def _last_run(store: Store) -> RunRecord | None:
    runs = list_runs(store, limit=20)
    for run in runs:
        if run.outcome != "running":
            return run
    return runs[0] if runs else None


def _follow_events(store: Store, fingerprints: set[str]) -> dict[str, list[FindingEvent]]:
    """The follow-through events of the given findings, oldest first: one query (engine
    events are filtered out in SQL; they are most of the log)."""
    found: dict[str, list[FindingEvent]] = defaultdict(list)
    if not fingerprints:
        return found
    query = (
        select(finding_events)
        .where(finding_events.c.kind.notin_(sorted(ENGINE_EVENT_KINDS)))
        .order_by(finding_events.c.event_id)
    )
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            if row.fingerprint not in fingerprints:
                continue
            found[row.fingerprint].append(
                FindingEvent(
                    event_id=int(row.event_id),
                    fingerprint=row.fingerprint,
                    kind=row.kind,
                    at=row.at,
                    actor=row.actor,
                    reason=row.reason,
                    run_id=row.run_id,
                    data=row.data or {},
                    prev_hash=row.prev_hash,
                    hash=row.hash,
                )
            )
    return found


def _baseline_size(store: Store) -> int:
    with store.engine.connect() as connection:
        count = connection.execute(
            select(func.count()).select_from(findings).where(findings.c.in_baseline.is_(True))
        ).scalar_one()
    return int(count)


def _agencies(store: Store, agency_ids: Iterable[str]) -> dict[str, AgencyInfo]:
    wanted = sorted({agency_id for agency_id in agency_ids if agency_id})
    loaded = fetch_records(store, [f"agency/{agency_id}" for agency_id in wanted])
    payloads = {key.partition("/")[2]: payload for key, (_, payload) in loaded.items()}
    supervisors = sorted(
        {
            str(payload["supervisor_id"])
            for payload in payloads.values()
            if payload.get("supervisor_id") and str(payload["supervisor_id"]) not in payloads
        }
    )
    for key, (_, payload) in fetch_records(store, [f"agency/{s}" for s in supervisors]).items():
        payloads[key.partition("/")[2]] = payload
    result: dict[str, AgencyInfo] = {}
    for agency_id in wanted:
        payload = payloads.get(agency_id, {})
        supervisor_id = payload.get("supervisor_id")
        supervisor = payloads.get(str(supervisor_id)) if supervisor_id else None
        result[agency_id] = AgencyInfo(
            agency_id=agency_id,
            name=str(payload.get("name") or agency_id),
            supervisor_id=None if supervisor_id is None else str(supervisor_id),
            supervisor_name=None if supervisor is None else str(supervisor.get("name") or ""),
        )
    return result


def _rules(
    manager: PluginManager, stored: Sequence[StoredFinding], settings: ReportSettings
) -> dict[str, RuleInfo]:
    wanted = {item.finding.rule_id for item in stored}
    result: dict[str, RuleInfo] = {}
    for rule in manager.rules():
        if rule.id not in wanted:
            continue
        categories = tuple(category.value for category in rule.categories)
        result[rule.id] = RuleInfo(
            rule_id=rule.id,
            version=rule.version,
            title_zh=rule.title_zh,
            title_en=rule.title_en,
            severity=rule.severity.value,
            categories=categories,
            legal_basis=rule.legal_basis,
            docs=rule.docs,
            help_uri=settings.rule_docs_url(rule.id, categories[0] if categories else None),
            plugin=rule.plugin,
            waivable=rule.waivable,
        )
    for item in stored:
        finding = item.finding
        if finding.rule_id in result:
            continue
        categories = tuple(category.value for category in finding.categories)
        result[finding.rule_id] = RuleInfo(
            rule_id=finding.rule_id,
            version=finding.rule_version,
            title_zh=finding.rule_id,
            title_en=finding.rule_id,
            severity=finding.severity.value,
            categories=categories,
            legal_basis=finding.reasons.articles,
            help_uri=settings.rule_docs_url(finding.rule_id, categories[0] if categories else None),
            plugin=item.plugin,
            known=False,
        )
    return result


def _passed(
    store: Store, manager: PluginManager, rule_ids: Collection[str] | None, agency: str | None
) -> dict[str, tuple[str, ...]]:
    """Per evaluated rule, the subjects it covers that have no finding of that rule in any
    status.

    What a rule covers is described by its checkpoint (``subjects``; else by the rule as the
    plugins declare it) and listed from the records and group memberships: the engine's
    per-subject state is kept only where it carries information. A rule known only by its
    state rows contributes those subjects."""
    rules = {rule.id: rule for rule in manager.rules()}
    with store.engine.connect() as connection:
        described: dict[str, str | None] = {
            str(row.rule_id): row.subjects
            for row in connection.execute(
                select(rule_checkpoints.c.rule_id, rule_checkpoints.c.subjects)
            )
        }
        with_state = {
            str(row[0]) for row in connection.execute(select(rule_state.c.rule_id).distinct())
        }
        flagged = {
            (row.rule_id, f"{row.subject_type}/{row.subject_id}")
            for row in connection.execute(
                select(findings.c.rule_id, findings.c.subject_type, findings.c.subject_id)
            )
        }
        in_agency: set[str] | None = None
        if agency is not None:
            in_agency = {
                f"{row.record_type}/{row.record_id}"
                for row in connection.execute(
                    select(records.c.record_type, records.c.record_id)
                    .where(records.c.is_current.is_(True))
                    .where(records.c.agency_id == agency)
                )
            }

        def current_ids(record_types: Collection[str]) -> list[tuple[str, str]]:
            return [
                (str(row.record_type), str(row.record_id))
                for row in connection.execute(
                    select(records.c.record_type, records.c.record_id)
                    .where(records.c.is_current.is_(True))
                    .where(records.c.record_type.in_(sorted(record_types)))
                )
            ]

        by_description: dict[str, set[str]] = {}

        def subjects(rule_id: str, description: str | None) -> set[str]:
            if description is None and rule_id in rules:
                description = describe_subjects(rules[rule_id])
            if description is None:
                return {
                    str(row.subject_key)
                    for row in connection.execute(
                        select(rule_state.c.subject_key).where(rule_state.c.rule_id == rule_id)
                    )
                }
            kind, _, rest = description.partition(":")
            if kind in ("records", "anchors"):
                # Many rules cover the same records: read them once per description.
                if description not in by_description:
                    if kind == "records":
                        keys = {record_key(t, i) for t, i in current_ids(rest.split(","))}
                    else:
                        name, _, anchor = rest.partition(":")
                        keys = {record_key(name, i) for _, i in current_ids((anchor,))}
                    by_description[description] = keys
                return by_description[description]
            return {
                str(row.group_key)
                for row in connection.execute(
                    select(group_members.c.group_key)
                    .where(group_members.c.rule_id == rule_id)
                    .distinct()
                )
            }

        passed: dict[str, tuple[str, ...]] = {}
        for rule_id in sorted(set(described) | with_state):
            if rule_ids is not None and rule_id not in rule_ids:
                continue
            kept = sorted(
                key
                for key in subjects(rule_id, described.get(rule_id))
                if (rule_id, key) not in flagged and (in_agency is None or key in in_agency)
            )
            if kept:
                passed[rule_id] = tuple(kept)
    return passed


# --------------------------------------------------------------------------------------------
# Masking


def _record_keys(finding: Finding) -> list[str]:
    keys = [finding.subject.key]
    keys.extend(
        f"{item.record_type}/{item.record_id}"
        for item in finding.evidence
        if item.record_type and item.record_id
    )
    return keys


class _Masker:
    """Masks findings for the audience, learning personal values from their records."""

    def __init__(self, store: Store, redactor: Redactor, stored: Sequence[StoredFinding]):
        self.redactor = redactor
        self.by_key: dict[str, dict[str, str]] = {}
        if redactor.internal:
            return
        keys = sorted({key for item in stored for key in _record_keys(item.finding)})
        for key, (row, payload) in fetch_records(store, keys).items():
            self.by_key[key] = redactor.replacements([(row.record_type, payload)])

    def replacements(self, finding: Finding) -> dict[str, str]:
        found: dict[str, str] = {}
        for key in _record_keys(finding):
            found.update(self.by_key.get(key, {}))
        return found

    def text_function(self, replacements: Mapping[str, str]) -> Callable[[str], str]:
        return lambda text: self.redactor.text(text, replacements)

    def finding(self, finding: Finding, replacements: Mapping[str, str]) -> Finding:
        """``finding`` with its text, facts, deadline traces, notes and evidence masked."""
        if self.redactor.internal:
            return finding
        text = self.text_function(replacements)
        value = self.redactor.value
        reasons = finding.reasons
        masked = _with(
            reasons,
            facts=value(dict(reasons.facts), replacements),
            deadlines=tuple(
                _with(
                    deadline,
                    label=text(deadline.label),
                    trace_zh=text(deadline.trace_zh),
                    trace_en=text(deadline.trace_en),
                )
                for deadline in reasons.deadlines
            ),
            notes=tuple((text(zh), text(en)) for zh, en in reasons.notes),
        )
        evidence = tuple(
            _with(
                item,
                description=text(item.description),
                value=value(item.value, replacements, key=item.field),
            )
            for item in finding.evidence
        )
        return _with(
            finding,
            message_zh=text(finding.message_zh),
            message_en=text(finding.message_en),
            reasons=masked,
            evidence=evidence,
        )


_T = TypeVar("_T")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _with(instance: _T, **changes: Any) -> _T:
    """A copy of a frozen attrs instance with some fields replaced, without running its
    converters and the fingerprint check again: the new values already have the right
    types (masked text, JSON values), and none of them enters the fingerprint."""
    cls: Any = type(instance)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(field.name for field in attrs.fields(cls))
    clone: _T = object.__new__(cls)
    for name in names:
        value = changes[name] if name in changes else getattr(instance, name)
        object.__setattr__(clone, name, value)
    return clone


# --------------------------------------------------------------------------------------------
# The summary


def _summary(rows: Sequence[FindingRow], baseline_size: int) -> Summary:
    active = [row for row in rows if row.active]
    by_severity = dict.fromkeys(SEVERITIES, 0)
    by_category: Counter[str] = Counter()
    by_agency: dict[str, dict[str, int]] = {}
    for row in active:
        by_severity[row.severity] = by_severity.get(row.severity, 0) + 1
        by_category.update(row.categories)
        counts = by_agency.setdefault(row.agency_id or "", dict.fromkeys(SEVERITIES, 0))
        counts[row.severity] = counts.get(row.severity, 0) + 1
    by_month = Counter(row.period_date.strftime("%Y-%m") for row in rows)
    by_status = Counter(row.status for row in rows)
    return Summary(
        total=len(rows),
        active=len(active),
        by_severity=by_severity,
        by_category=dict(sorted(by_category.items(), key=lambda item: (-item[1], item[0]))),
        by_agency=dict(
            sorted(by_agency.items(), key=lambda item: (-sum(item[1].values()), item[0]))
        ),
        by_month=dict(sorted(by_month.items())),
        by_status=dict(sorted(by_status.items())),
        new_since_last_run=sum(1 for row in active if row.new_since_last_run),
        new_since_baseline=None
        if baseline_size == 0
        else sum(1 for row in active if row.new_since_baseline),
        overdue=sum(1 for row in rows if row.overdue),
        waived=by_status.get("waived", 0),
    )


# --------------------------------------------------------------------------------------------
# The entry point


def build_report_data(
    store: Store,
    *,
    agency: str | None = None,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    lang: str = "zh",
    audience: Audience | str = "internal",
    config: Config | None = None,
    manager: PluginManager | None = None,
    as_of: date | str | None = None,
    include_passed: bool = False,
    salt: str | None = None,
    now: datetime | None = None,
) -> ReportData:
    """Read findings, their follow-through events, the last run and the rules' metadata from
    ``store`` (a handful of bulk queries; no rule is run) and build the data every report
    format renders, masked for ``audience``.

    ``agency`` keeps one agency's findings. ``date_from``/``date_to`` (inclusive) keep
    findings whose facts date (else the date first found) lies in the period. ``as_of`` is
    the day against which rectification deadlines count as overdue (default: the last run's
    evaluation date, else today in Shanghai). Rule titles and docs come from ``manager``
    (default: the plugins ``config`` loads). ``include_passed`` also loads, per rule, the
    subjects evaluated without a finding (for JUnit). ``salt`` overrides the pseudonym salt
    (default: :func:`~enforcement_supervision.privacy.salt_from_config`).
    """
    with paused_gc():
        return _build(
            store,
            agency=agency,
            date_from=date_from,
            date_to=date_to,
            lang=lang,
            audience=audience,
            config=config,
            manager=manager,
            as_of=as_of,
            include_passed=include_passed,
            salt=salt,
            now=now,
        )


def _build(
    store: Store,
    *,
    agency: str | None,
    date_from: date | str | None,
    date_to: date | str | None,
    lang: str,
    audience: Audience | str,
    config: Config | None,
    manager: PluginManager | None,
    as_of: date | str | None,
    include_passed: bool,
    salt: str | None,
    now: datetime | None,
) -> ReportData:
    lang = check_lang(lang)
    audience = check_audience(audience)
    start = _parse_day(date_from, "--from")
    end = _parse_day(date_to, "--to")
    if start is not None and end is not None and start > end:
        raise ReportUsageError(
            f"期间起点 {start} 晚于终点 {end}", f"the period starts ({start}) after it ends ({end})"
        )
    settings = ReportSettings.from_config(config)
    generated_at = (now or datetime.now(UTC)).astimezone(UTC)
    last_run = _last_run(store)
    report_day = _parse_day(as_of, "as_of") or (
        to_local_date(last_run.as_of)
        if last_run is not None
        else generated_at.astimezone(SHANGHAI).date()
    )

    local_dates: dict[datetime, date] = {}

    def local(moment: datetime) -> date:
        day = local_dates.get(moment)
        if day is None:
            day = local_dates[moment] = to_local_date(moment)
        return day

    selected: list[tuple[StoredFinding, date, date]] = []
    for item in query_findings(store, agency_id=agency):
        found_on = local(item.opened_at)
        period = item.finding.fact_date or item.finding.reasons.facts_date or found_on
        if (start is not None and period < start) or (end is not None and period > end):
            continue
        selected.append((item, found_on, period))
    stored = [item for item, _, _ in selected]

    events = _follow_events(store, {item.fingerprint for item in stored})
    redactor = Redactor(audience, salt=salt if salt is not None else salt_from_config(config))
    masker = _Masker(store, redactor, stored)
    agencies = _agencies(store, [item.finding.agency_id or "" for item in stored] + [agency or ""])
    if manager is None:
        manager = load_plugins(config or Config())
    rules = _rules(manager, stored, settings)
    baseline_size = _baseline_size(store)
    last_run_id = None if last_run is None else last_run.run_id

    rows: list[FindingRow] = []
    for item, found_on, period in selected:
        replacements = masker.replacements(item.finding)
        mask = masker.text_function(replacements)
        follow = follow_through(item, events.get(item.fingerprint, ()), mask)
        deadline = follow.rectification_due or item.finding.due
        active = item.active
        agency_info = agencies.get(item.finding.agency_id or "")
        rows.append(
            FindingRow(
                finding=masker.finding(item.finding, replacements),
                subject_text=mask(item.finding.subject.key),
                status=item.status,
                detected=item.detected,
                active=active,
                plugin=item.plugin,
                first_seen_run=item.first_seen_run,
                last_seen_run=item.last_seen_run,
                opened_at=item.opened_at,
                updated_at=item.updated_at,
                resolved_at=item.resolved_at,
                found_on=found_on,
                period_date=as_date(period) or found_on,
                in_baseline=item.in_baseline,
                new_since_last_run=last_run_id is not None and item.first_seen_run == last_run_id,
                new_since_baseline=None if baseline_size == 0 else not item.in_baseline,
                deadline=deadline,
                overdue=active and deadline is not None and deadline < report_day,
                follow=follow,
                agency_name=None if agency_info is None else agency_info.name,
            )
        )

    run_errors: list[dict[str, Any]] = []
    if last_run is not None:
        for error in last_run.errors:
            entry = {
                key: error.get(key)
                for key in ("kind", "plugin", "rule_id", "error_type", "subject", "count")
            }
            entry["message"] = redactor.text(str(error.get("message") or ""))
            run_errors.append(entry)

    return ReportData(
        schema_version=REPORT_SCHEMA_VERSION,
        generated_at=generated_at,
        as_of=report_day,
        lang=lang,
        audience=audience.value,
        agency=agency,
        date_from=start,
        date_to=end,
        tool_name="esup",
        tool_version=__version__,
        last_run=last_run,
        baseline_size=baseline_size,
        rules=rules,
        agencies=agencies,
        findings=tuple(rows),
        summary=_summary(rows, baseline_size),
        settings=settings,
        passed=_passed(store, manager, None, agency) if include_passed else None,
        run_errors=tuple(run_errors),
    )
