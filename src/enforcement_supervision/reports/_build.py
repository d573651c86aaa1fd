"""Building the report data from the store: a few bulk queries, no re-run of any rule."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import attrs
from sqlalchemy import func, select, type_coerce
from sqlalchemy.types import NullType

from enforcement_supervision._host import PluginManager, load_plugins
from enforcement_supervision._version import __version__
from enforcement_supervision.config import Config
from enforcement_supervision.errors import EsupError
from enforcement_supervision.model import RECORD_TYPES
from enforcement_supervision.privacy import Audience, Redactor, mask_record, salt_from_config
from enforcement_supervision.reports._clocks import LazyClocks, load_clock_items
from enforcement_supervision.reports._compare import compare_with
from enforcement_supervision.reports._gc import paused_gc
from enforcement_supervision.reports._lifecycle import (
    ENGINE_EVENT_KINDS,
    FollowThroughDraft,
    as_date,
    event_readers,
    follow_through,
)
from enforcement_supervision.reports._light import (
    EMPTY_FOLLOW,
    LedgerRow,
    LightParts,
    RawFindingRow,
    category_values,
    day,
    light_parts,
    local_day,
    read_ahead,
    severity_value,
)
from enforcement_supervision.reports._model import (
    REPORT_SCHEMA_VERSION,
    AgencyInfo,
    FindingRow,
    ReportData,
    RuleInfo,
    Summary,
)
from enforcement_supervision.reports._people import Names, PeopleContext
from enforcement_supervision.reports._settings import ReportSettings
from enforcement_supervision.reports.vocabulary import (
    SEVERITIES,
    configure_sectors,
    format_date,
    record_terms,
    zh_part,
)
from enforcement_supervision.rules import Finding
from enforcement_supervision.statutory_time import SHANGHAI, calendar_from_config, to_local_date
from enforcement_supervision.store import (
    FindingEvent,
    RunRecord,
    Store,
    StoredFinding,
    list_runs,
)
from enforcement_supervision.store._findings import _ORDERS as FINDING_ORDERS
from enforcement_supervision.store._internal import (
    ACTIVE_EXCLUDED_STATUSES,
    describe_subjects,
    fetch_records,
    finding_events,
    finding_followup,
    findings,
    group_members,
    record_key,
    records,
    rule_checkpoints,
    rule_state,
    stored_finding_from_row,
)
from enforcement_supervision.store._schema import clocks as clocks_table

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


def _follow_events(store: Store, fingerprints: Collection[str] | None) -> Iterator[FindingEvent]:
    """The follow-through events (engine events are filtered out in SQL; they are most of
    the log), oldest first: of the given findings, or (``None``) of every finding, streamed."""
    query = (
        select(finding_events)
        .where(finding_events.c.kind.notin_(sorted(ENGINE_EVENT_KINDS)))
        .order_by(finding_events.c.event_id)
    )
    chunks: Iterable[Sequence[str] | None] = (
        [None] if fingerprints is None else list(_chunks(sorted(set(fingerprints))))
    )
    with store.engine.connect() as connection:
        for chunk in chunks:
            selected = (
                query if chunk is None else query.where(finding_events.c.fingerprint.in_(chunk))
            )
            for row in connection.execution_options(yield_per=5000).execute(selected):
                yield FindingEvent(
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


def _baseline_size(store: Store) -> int:
    with store.engine.connect() as connection:
        count = connection.execute(
            select(func.count()).select_from(findings).where(findings.c.in_baseline.is_(True))
        ).scalar_one()
    return int(count)


def _agencies(store: Store, agency_ids: Iterable[str], redactor: Redactor) -> dict[str, AgencyInfo]:
    """The agencies asked for, with the names of their supervising and superior bodies,
    masked for the audience as any record is (a number typed into a name included)."""
    wanted = sorted({agency_id for agency_id in agency_ids if agency_id})
    loaded = fetch_records(store, [f"agency/{agency_id}" for agency_id in wanted])
    payloads = {key.partition("/")[2]: payload for key, (_, payload) in loaded.items()}
    related = sorted(
        {
            str(payload[field])
            for payload in payloads.values()
            for field in ("supervisor_id", "parent_id")
            if payload.get(field) and str(payload[field]) not in payloads
        }
    )
    for key, (_, payload) in fetch_records(store, [f"agency/{s}" for s in related]).items():
        payloads[key.partition("/")[2]] = payload
    if not redactor.internal:
        payloads = {
            key: mask_record("agency", payload, redactor.audience, salt=redactor.salt)
            for key, payload in payloads.items()
        }

    def name_of(agency_id: Any) -> str | None:
        found = payloads.get(str(agency_id)) if agency_id else None
        return None if found is None else str(found.get("name") or "") or None

    result: dict[str, AgencyInfo] = {}
    for agency_id in wanted:
        payload = payloads.get(agency_id, {})
        supervisor_id = payload.get("supervisor_id")
        parent_id = payload.get("parent_id")
        result[agency_id] = AgencyInfo(
            agency_id=agency_id,
            name=str(payload.get("name") or redactor.text(agency_id)),
            supervisor_id=None if supervisor_id is None else str(supervisor_id),
            supervisor_name=name_of(supervisor_id),
            parent_id=None if parent_id is None else str(parent_id),
            parent_name=name_of(parent_id),
            sector=None if payload.get("sector") is None else str(payload["sector"]),
        )
    return result


def _rules(
    manager: PluginManager, wanted: Mapping[str, _RuleSeen], settings: ReportSettings
) -> dict[str, RuleInfo]:
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
    for rule_id, seen in wanted.items():
        if rule_id in result:
            continue
        result[rule_id] = RuleInfo(
            rule_id=rule_id,
            version=seen.version,
            title_zh="未加载的规则",
            title_en=rule_id,
            severity=seen.severity,
            categories=seen.categories,
            help_uri=settings.rule_docs_url(
                rule_id, seen.categories[0] if seen.categories else None
            ),
            plugin=seen.plugin,
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
    """Masks findings for the audience, learning personal values from their records (and,
    always, from the registers of protected persons: social supervisors)."""

    def __init__(self, store: Store, redactor: Redactor):
        self.redactor = redactor
        self.always: dict[str, str] = {}
        if redactor.internal:
            return
        with store.engine.connect() as connection:
            registry = [
                (str(row.record_type), row.payload or {})
                for row in connection.execute(
                    select(records.c.record_type, records.c.payload)
                    .where(records.c.record_type.in_(sorted(_PROTECTED_REGISTERS)))
                    .where(records.c.is_current.is_(True))
                )
            ]
        self.always = redactor.replacements(registry)

    def replacements(self, payloads: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, str]:
        if self.redactor.internal:
            return {}
        found = dict(self.always)
        found.update(self.redactor.replacements(payloads))
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


#: Record types that are registers of protected persons: their names are masked wherever a
#: finding quotes them, for every audience but the internal one.
_PROTECTED_REGISTERS = frozenset({"social-supervisor"})

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
# The summary: one light pass over a few columns (no finding is rebuilt)


@attrs.frozen
class _RuleSeen:
    version: str
    severity: str
    categories: tuple[str, ...]
    plugin: str | None


def fact_date_of(finding: Finding) -> date | None:
    """The date of the facts: the finding's ``fact_date`` once findings carry it, else the
    date its statement of reasons applied the law of."""
    value = getattr(finding, "fact_date", None)
    return as_date(value) if value is not None else finding.reasons.facts_date


def _fact_date_column() -> Any:
    column = findings.c.get("fact_date")
    if column is not None:
        return column
    return findings.c.reasons["facts_date"].as_string()


class _Scope:
    """Which findings a report covers and to whom each is addressed."""

    def __init__(
        self,
        *,
        agency: str | None,
        start: date | None,
        end: date | None,
        township: str | None,
        report_day: date,
        last_run_id: str | None,
        baseline_size: int,
    ) -> None:
        self.agency = agency
        self.start = start
        self.end = end
        self.township = township
        self.report_day = report_day
        self.last_run_id = last_run_id
        self.baseline_size = baseline_size
        self._local: dict[datetime, date] = {}

    def local(self, moment: datetime) -> date:
        day = self._local.get(moment)
        if day is None:
            if len(self._local) > 100_000:
                self._local.clear()
            day = self._local[moment] = to_local_date(moment)
        return day

    def addressed(
        self, agency_id: str | None, subject_type: str = "", subject_id: str = ""
    ) -> str | None:
        """The agency a finding goes to: its own; a finding about an agency without one
        (written before every finding carried its agency) goes to that agency; any other
        (township-wide) to the township's own office."""
        if agency_id:
            return agency_id
        if subject_type == "agency" and subject_id:
            return subject_id
        return self.township

    def keeps(self, addressed: str | None) -> bool:
        """Whether a finding addressed to ``addressed`` is in the report's agency scope."""
        return self.agency is None or addressed == self.agency

    def in_period(self, period: date) -> bool:
        return not (
            (self.start is not None and period < self.start)
            or (self.end is not None and period > self.end)
        )

    def where(self, query: Any) -> Any:
        """The agency scope in SQL, roughly (findings without an agency are read too, and
        :meth:`keeps` decides)."""
        if self.agency is None:
            return query
        return query.where((findings.c.agency_id == self.agency) | findings.c.agency_id.is_(None))


def _dues(store: Store) -> tuple[dict[str, date], set[str], frozenset[str]]:
    """The rectification deadline of every notified finding, the notice numbers used, and
    the fingerprints of the findings with any follow-through event, read with the event
    readers."""
    drafts: dict[str, FollowThroughDraft] = {}
    followed: set[str] = set()
    readers = event_readers()

    def same(text: str) -> str:
        return text

    for event in _follow_events(store, None):
        followed.add(event.fingerprint)
        reader = readers.get(event.kind)
        if reader is not None:
            reader(drafts.setdefault(event.fingerprint, FollowThroughDraft()), event, same)
    dues = {fp: d.rectification_due for fp, d in drafts.items() if d.rectification_due}
    numbers = {d.notice_number for d in drafts.values() if d.notice_number}
    return dues, numbers, frozenset(followed)


def _scan(
    store: Store, scope: _Scope, dues: Mapping[str, date]
) -> tuple[Summary, dict[str, _RuleSeen], set[str]]:
    """The summary counts, the rules seen and the agencies addressed, from one streamed
    query over a few columns, read as the driver gives them (no SQLAlchemy type processing:
    dates, months and categories are worked out once per distinct value)."""
    c = findings.c
    columns = (
        c.fingerprint,
        c.rule_id,
        c.rule_version,
        c.plugin,
        c.severity,
        c.categories,
        c.agency_id,
        c.subject_type,
        c.subject_id,
        c.status,
        c.detected,
        c.opened_at,
        c.due_date,
        c.first_seen_run,
        c.in_baseline,
        _fact_date_column().label("fact_date"),
    )
    query = scope.where(select(*(type_coerce(column, NullType()) for column in columns)))
    total = active_count = new_run = new_baseline = overdue = 0
    by_severity = dict.fromkeys(SEVERITIES, 0)
    by_category: Counter[str] = Counter()
    by_agency: dict[str, dict[str, int]] = {}
    by_month: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    rules: dict[str, _RuleSeen] = {}
    agencies: set[str] = set()
    periods: dict[Any, tuple[date, str]] = {}
    days: dict[Any, date | None] = {}
    split: dict[str, tuple[str, ...]] = {}
    excluded = ACTIVE_EXCLUDED_STATUSES
    report_day = scope.report_day
    last_run_id = scope.last_run_id
    baseline = scope.baseline_size
    everything = scope.agency is None and scope.start is None and scope.end is None
    with store.engine.connect() as connection:
        for (
            fingerprint,
            rule_id,
            rule_version,
            plugin,
            severity,
            category_text,
            agency_id,
            subject_type,
            subject_id,
            status,
            detected,
            opened_at,
            due_date,
            first_seen_run,
            in_baseline,
            fact_date,
        ) in connection.execution_options(yield_per=5000).execute(query):
            known = periods.get(fact_date)
            if known is None:
                fact = as_date(fact_date)
                if fact is None:
                    fact = local_day(opened_at)
                    month = fact.strftime("%Y-%m")
                else:
                    month = periods.setdefault(fact_date, (fact, fact.strftime("%Y-%m")))[1]
                period = fact
            else:
                period, month = known
            addressed = scope.addressed(agency_id, subject_type, subject_id)
            if not everything and (not scope.in_period(period) or not scope.keeps(addressed)):
                continue
            categories = split.get(category_text)
            if categories is None:
                categories = split[category_text] = tuple(
                    part for part in category_text.split(",") if part
                )
            if rule_id not in rules:
                rules[rule_id] = _RuleSeen(str(rule_version), str(severity), categories, plugin)
            if addressed:
                agencies.add(addressed)
            if agency_id:
                agencies.add(agency_id)
            total += 1
            by_month[month] += 1
            by_status[status] += 1
            if not detected or status in excluded:
                continue
            deadline = dues.get(fingerprint)
            if deadline is None:
                if due_date in days:
                    deadline = days[due_date]
                else:
                    deadline = days[due_date] = as_date(due_date)
            if deadline is not None and deadline < report_day:
                overdue += 1
            active_count += 1
            by_severity[severity] = by_severity.get(severity, 0) + 1
            by_category.update(categories)
            counts = by_agency.get(addressed or "")
            if counts is None:
                counts = by_agency[addressed or ""] = dict.fromkeys(SEVERITIES, 0)
            counts[severity] = counts.get(severity, 0) + 1
            if last_run_id is not None and first_seen_run == last_run_id:
                new_run += 1
            if baseline and not in_baseline:
                new_baseline += 1
    summary = Summary(
        total=total,
        active=active_count,
        by_severity=by_severity,
        by_category=dict(sorted(by_category.items(), key=lambda item: (-item[1], item[0]))),
        by_agency=dict(
            sorted(by_agency.items(), key=lambda item: (-sum(item[1].values()), item[0]))
        ),
        by_month=dict(sorted(by_month.items())),
        by_status=dict(sorted(by_status.items())),
        new_since_last_run=new_run,
        new_since_baseline=None if scope.baseline_size == 0 else new_baseline,
        overdue=overdue,
        waived=by_status.get("waived", 0),
    )
    return summary, rules, agencies


# --------------------------------------------------------------------------------------------
# The findings, in batches


@functools.cache
def _fact_labels() -> dict[str, str]:
    """Fact names a statement of reasons may show people, with their Chinese labels (the
    model's field labels: ``received_date`` → 收到申请日期 ...)."""
    from enforcement_supervision.model import RECORD_TYPES, describe_fields

    found: dict[str, str] = {}
    for record_type in RECORD_TYPES:
        for info in describe_fields(record_type):
            leaf = info.path.rsplit(".", 1)[-1].replace("[]", "")
            if info.personal is None and not leaf.endswith("_id") and leaf != "id":
                found.setdefault(leaf, info.zh)
    return found


def _fact_text(value: Any, names: Names) -> str:
    if value is None:
        return "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_fact_text(item, names) for item in value)
    if isinstance(value, dict):
        return ""
    return names.text(str(value))


class _Rows:
    """Builds the report's rows from stored findings, one batch at a time."""

    def __init__(
        self,
        store: Store,
        scope: _Scope,
        masker: _Masker,
        people: PeopleContext,
        lang: str,
        batch_size: int,
        followed: Collection[str] | None = None,
    ) -> None:
        self.store = store
        self.scope = scope
        self.masker = masker
        self.people = people
        self.lang = lang
        self.batch_size = batch_size
        #: The findings with follow-through events (``None``: unknown, ask for every batch).
        self.followed = followed
        self._type_labels: dict[str, str] = {}
        self._iso_days: dict[date, str] = {}

    def _streams(self, agency: str | None) -> tuple[str | None, list[tuple[str | None, bool]]]:
        """The agency kept and the queries that read its findings: those with the agency,
        then those without one that are addressed to it."""
        target = self.scope.agency if agency is None else agency
        if target is None:
            return target, [(None, False)]
        if target == "":
            return target, [(None, True)]
        return target, [(target, False), (None, True)]

    def __call__(
        self, order: str, agency: str | None, fingerprints: Sequence[str] | None
    ) -> Iterator[list[FindingRow]]:
        target, streams = self._streams(agency)
        for agency_id, unassigned in streams:
            for batch in self._stored(agency_id, unassigned, fingerprints, order):
                rows = self.rows(batch)
                if target is not None:
                    rows = [row for row in rows if (row.addressed_to or "") == target]
                if rows:
                    yield rows

    def _stored(
        self,
        agency_id: str | None,
        unassigned: bool,
        fingerprints: Sequence[str] | None,
        order: str,
    ) -> Iterator[list[StoredFinding]]:
        """:func:`~enforcement_supervision.store.iter_findings`, with the columns read as
        the driver gives them and converted here (SQLAlchemy's row and type processing was
        a sixth of the time of a report): the same findings in the same batches."""
        c = findings.c
        query = select(
            *(type_coerce(c[name], NullType()) for name in RawFindingRow.FINDING_COLUMNS)
        )
        if agency_id is not None:
            query = query.where(c.agency_id == agency_id)
        if unassigned:
            query = query.where(c.agency_id.is_(None))
        size = self.batch_size
        if fingerprints is not None:
            wanted = sorted(set(fingerprints))
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                with self.store.engine.connect() as connection:
                    rows = connection.execute(
                        query.where(c.fingerprint.in_(chunk)).order_by(*FINDING_ORDERS[order])
                    ).all()
                batch = [stored_finding_from_row(RawFindingRow(row)) for row in rows]
                for begin in range(0, len(batch), size):
                    yield batch[begin : begin + size]
            return
        with self.store.engine.connect() as connection:
            result = connection.execution_options(yield_per=size).execute(
                query.order_by(*FINDING_ORDERS[order])
            )
            for partition in result.partitions():
                yield [stored_finding_from_row(RawFindingRow(row)) for row in partition]

    def _events(self, fingerprints: Collection[str]) -> dict[str, list[FindingEvent]]:
        if self.followed is not None:
            fingerprints = [fp for fp in fingerprints if fp in self.followed]
            if not fingerprints:
                return {}
        events: dict[str, list[FindingEvent]] = defaultdict(list)
        for event in _follow_events(self.store, fingerprints):
            events[event.fingerprint].append(event)
        return events

    def _replacer(self, names: Names) -> Callable[[Iterable[str], Iterable[str]], dict[str, str]]:
        """The function that gives a finding's masking replacements from its record keys and
        texts (the values its own records and the records its texts quote hold)."""
        learnt: dict[str, dict[str, str]] = {}
        redactor = self.masker.redactor
        always = self.masker.always

        def replacements_of(record_keys: Iterable[str], texts: Iterable[str]) -> dict[str, str]:
            if redactor.internal:
                return {}
            wanted = set(record_keys) | names.keys_in(texts)
            found = dict(always)
            for key in sorted(wanted):
                known = learnt.get(key)
                if known is None:
                    record = names.raw.get(key)
                    known = learnt[key] = {} if record is None else redactor.replacements([record])
                found.update(known)
            return found

        return replacements_of

    def rows(self, batch: Sequence[StoredFinding]) -> list[FindingRow]:
        scope = self.scope
        zh = self.lang != "en"
        selected: list[tuple[StoredFinding, date, date]] = []
        for item in batch:
            found_on = scope.local(item.opened_at)
            period = fact_date_of(item.finding) or found_on
            if scope.in_period(period):
                selected.append((item, found_on, period))
        if not selected:
            return []
        events = self._events([item.fingerprint for item, _, _ in selected])

        texts: list[str] = []
        keys: list[str] = []
        for item, _, _ in selected:
            finding = item.finding
            keys.extend(_record_keys(finding))
            texts.extend(_texts(finding))
        names = self.people.names(keys, texts)
        replacements_of = self._replacer(names)

        rows: list[FindingRow] = []
        for item, found_on, period in selected:
            original = item.finding
            replacements = replacements_of(_record_keys(original), _texts(original))
            mask = self.masker.text_function(replacements)
            follow = follow_through(item, events.get(item.fingerprint, ()), mask)
            deadline = follow.rectification_due or original.due
            active = item.active
            finding = self.masker.finding(original, replacements)
            subject = original.subject
            addressed = scope.addressed(original.agency_id, subject.record_type, subject.record_id)
            terms = record_terms(subject.record_type)
            fact = fact_date_of(original)
            if zh:
                # The subject is named beside the message: its own id is not repeated.
                own = subject.record_id if subject.record_type in _RECORD_TYPES else None
                message = names.text(finding.message_zh, own)
            else:
                message = finding.message_en
            traces, reasons = _people_statement(finding, names, zh)
            rows.append(
                FindingRow(
                    finding=finding,
                    subject_text=mask(subject.key),
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
                    period_date=period,
                    in_baseline=item.in_baseline,
                    new_since_last_run=scope.last_run_id is not None
                    and item.first_seen_run == scope.last_run_id,
                    new_since_baseline=None if scope.baseline_size == 0 else not item.in_baseline,
                    deadline=deadline,
                    overdue=active and deadline is not None and deadline < scope.report_day,
                    follow=follow,
                    agency_name=self.people.agency_names.get(original.agency_id or ""),
                    addressed_to=addressed,
                    subject_label=names.subject(subject.record_type, subject.record_id, self.lang),
                    record_type_label=terms.label_en if not zh else terms.label,
                    domain=terms.domain,
                    people_message=message,
                    people_traces=traces,
                    people_reasons=reasons,
                    group=f"{addressed or ''}|{subject.key}|{(fact or found_on).isoformat()}",
                    fact_date=fact,
                )
            )
        return rows

    # ----------------------------------------------------------------------------------------
    # The ledger's light path

    def before_fork(self) -> None:
        """Load what every reader of a large ledger loads the same (the index of record ids
        the texts quote), once, before the second reader is forked: it inherits it."""
        self.people.index()

    def forked(self) -> None:
        """Called first in a process forked from the one that built the report, before it
        reads: connections of its own. The pool's connections are the parent's (the same
        sockets and files): they are kept referenced, never closed or returned here, so the
        parent's stay usable (the forked process ends without running finalisers)."""
        _INHERITED_POOLS.append(self.store.engine.pool)
        self.store.engine.dispose(close=False)

    def ledger_stream_size(self) -> int | None:
        """How many findings :meth:`ledger_batches` reads in one query (before the period is
        applied), or ``None`` where it reads more than one (an agency's report): a ledger
        read in two parts needs one stream to cut."""
        target, streams = self._streams(None)
        if target is not None or len(streams) != 1:
            return None
        with self.store.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(findings)).scalar_one())

    def ledger_batches(
        self, order: str = "subject", start: int = 0, stop: int | None = None
    ) -> Iterator[list[LedgerRow]]:
        """The report's findings as the ledger shows them, in batches: the same values as
        :meth:`__call__`'s rows (the same batches, masking and names), read from a few
        columns without rebuilding the findings.

        ``start`` and ``stop`` (multiples of the batch size; only for a report of every
        agency, see :meth:`ledger_stream_size`) read a part of the stream: the batches
        from finding ``start`` up to finding ``stop`` of the whole stream, the same batches
        as the whole stream has there (its order is total: the fingerprint ends it)."""
        target, streams = self._streams(None)
        if (start or stop is not None) and (
            target is not None
            or len(streams) != 1
            or start % self.batch_size
            or (stop is not None and stop % self.batch_size)
        ):
            raise ValueError("a part of the ledger is read in whole batches of one stream")
        c = findings.c
        zh = self.lang != "en"
        columns = [
            c.fingerprint,
            c.rule_id,
            c.severity,
            c.categories,
            c.status,
            c.detected,
            c.agency_id,
            c.subject_type,
            c.subject_id,
            c.message_zh,
            c.message_zh if zh else c.message_en,
            c.reasons,
            c.evidence,
            c.due_date,
            c.fact_date,
            c.opened_at,
        ]
        # Untyped: the values as the driver gives them, without SQLAlchemy's processing.
        query = select(*(type_coerce(column, NullType()) for column in columns))
        for agency_id, unassigned in streams:
            selected = query
            if agency_id is not None:
                selected = selected.where(c.agency_id == agency_id)
            if unassigned:
                selected = selected.where(c.agency_id.is_(None))
            selected = selected.order_by(*FINDING_ORDERS[order])
            if start:
                selected = self._from(selected, start)
            if stop is not None:
                selected = selected.limit(stop - start)
            # The next batch is read, and its records loaded, while this one is worked on.
            for prepared in read_ahead(functools.partial(self._prepared, selected)):
                rows = self._ledger_rows(*prepared)
                if target is not None:
                    rows = [row for row in rows if (row.addressed_to or "") == target]
                if rows:
                    yield rows

    def _from(self, query: Any, start: int) -> Any:
        """``query`` (ordered by agency first) from its finding ``start`` on. An OFFSET alone
        would make the database read and sort every finding before ``start`` (a second of
        CPU at 75,000): the findings of the agencies before the one at ``start`` are left
        out by a condition on the agency instead (counted per agency, in the database's own
        order, NULL first or last as it sorts them), and only the rest is skipped."""
        c = findings.c
        with self.store.engine.connect() as connection:
            groups = connection.execute(
                select(c.agency_id, func.count()).group_by(c.agency_id).order_by(c.agency_id)
            ).all()
        before = 0
        for index, (agency_id, count) in enumerate(groups):
            if before + count > start:
                if agency_id is None:
                    break
                condition = c.agency_id >= agency_id
                if any(later is None for later, _ in groups[index + 1 :]):
                    condition = condition | c.agency_id.is_(None)
                query = query.where(condition)
                return query.offset(start - before) if start > before else query
            before += count
        return query.offset(start)

    def _prepared(self, query: Any) -> Iterator[_Prepared]:
        with self.store.engine.connect() as connection:
            result = connection.execution_options(yield_per=self.batch_size).execute(query)
            for partition in result.partitions():
                yield self._prepare(partition)

    def _prepare(self, batch: Sequence[Any]) -> _Prepared:
        """The findings of a batch in the report's period, with their light parts, their
        follow-through events and the names of the records they name."""
        scope = self.scope
        start, end = scope.start, scope.end
        selected: list[tuple[Any, date, date | None, LightParts]] = []
        keys: list[str] = []
        texts: list[str] = []
        for raw in batch:
            found_on = local_day(raw[15])
            parts = light_parts(raw[11], raw[12])
            fact = day(raw[14]) or parts.facts_date
            period = fact or found_on
            if (start is not None and period < start) or (end is not None and period > end):
                continue
            selected.append((raw, found_on, fact, parts))
            keys.append(f"{raw[7]}/{raw[8]}")
            keys.extend(parts.evidence_keys)
            texts.append(raw[9])
            texts.extend(parts.texts)
        if not selected:
            return [], {}, None
        events = self._events([raw[0] for raw, _, _, _ in selected])
        return selected, events, self.people.names(keys, texts)

    def _ledger_rows(
        self,
        selected: list[tuple[Any, date, date | None, LightParts]],
        events: Mapping[str, list[FindingEvent]],
        names: Names | None,
    ) -> list[LedgerRow]:
        if names is None:
            return []
        scope = self.scope
        lang = self.lang
        zh = lang != "en"
        replacements_of = self._replacer(names)
        internal = self.masker.redactor.internal
        redact = self.masker.redactor.text
        report_day = scope.report_day
        township = scope.township
        labels = self._type_labels
        iso = self._iso_days
        rows: list[LedgerRow] = []
        for raw, found_on, fact, parts in selected:
            (fingerprint, rule_id, severity, categories, status, detected, agency_id) = raw[:7]
            subject_type, subject_id, message_zh, message = raw[7:11]
            subject_key = f"{subject_type}/{subject_id}"
            if internal:
                replacements: dict[str, str] = {}
            else:
                replacements = replacements_of(
                    [subject_key, *parts.evidence_keys], [message_zh, *parts.texts]
                )
                message = redact(message, replacements)
            events_of = events.get(fingerprint)
            if events_of:
                follow = follow_through(None, events_of, self.masker.text_function(replacements))
            else:
                follow = EMPTY_FOLLOW
            deadline = follow.rectification_due or day(raw[13])
            active = bool(detected) and status not in ACTIVE_EXCLUDED_STATUSES
            # As _Scope.addressed: its own agency, else the agency it is about, else the
            # township's own office.
            addressed = agency_id or (
                subject_id if subject_type == "agency" and subject_id else township
            )
            label = labels.get(subject_type)
            if label is None:
                terms = record_terms(subject_type)
                label = labels[subject_type] = terms.label if zh else terms.label_en
            day_text = iso.get(fact or found_on)
            if day_text is None:
                day_text = iso[fact or found_on] = (fact or found_on).isoformat()
            if zh:
                own = subject_id if subject_type in _RECORD_TYPES else None
                message = names.text(message, own)
            rows.append(
                LedgerRow(
                    fingerprint=fingerprint,
                    rule_id=rule_id,
                    severity=severity_value(severity),
                    categories=category_values(categories),
                    status=status,
                    active=active,
                    agency_id=agency_id,
                    subject_type=subject_type,
                    subject_id=subject_id,
                    addressed_to=addressed,
                    subject_label=names.subject(subject_type, subject_id, lang),
                    record_type_label=label,
                    people_message=message,
                    found_on=found_on,
                    fact_date=fact,
                    deadline=deadline,
                    overdue=active and deadline is not None and deadline < report_day,
                    follow=follow,
                    group=f"{addressed or ''}|{subject_key}|{day_text}",
                    citations_zh=parts.citations[0],
                    citations_en=parts.citations[1],
                )
            )
        return rows


_RECORD_TYPES = frozenset(RECORD_TYPES)
#: Connection pools a forked process inherited (see :meth:`_Rows.forked`).
_INHERITED_POOLS: list[Any] = []

#: A batch of findings read ahead: those in the period with their light parts, their
#: follow-through events and the names of their records (``None``: none in the period).
_Prepared = tuple[
    list[tuple[Any, date, "date | None", LightParts]],
    Mapping[str, list[FindingEvent]],
    "Names | None",
]


def _texts(finding: Finding) -> list[str]:
    """The texts of a finding that may quote record ids."""
    texts = [finding.message_zh]
    texts.extend(deadline.trace_zh for deadline in finding.reasons.deadlines)
    texts.extend(zh for zh, _ in finding.reasons.notes)
    for value in finding.reasons.facts.values():
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            texts.extend(item for item in value if isinstance(item, str))
    return texts


def _people_statement(
    finding: Finding, names: Names, zh: bool
) -> tuple[Callable[[], tuple[str, ...]], Callable[[], str]]:
    """The functions that give a row's deadline traces and statement of reasons as people
    read them, when a format first asks (most formats never do)."""
    traces: list[tuple[str, ...]] = []

    def people_traces() -> tuple[str, ...]:
        if not traces:
            deadlines = finding.reasons.deadlines
            if zh:
                traces.append(
                    tuple(f"{zh_part(d.label)}：{names.text(d.trace_zh)}" for d in deadlines)
                )
            else:
                traces.append(tuple(f"{d.label}: {d.trace_en}" for d in deadlines))
        return traces[0]

    def people_reasons() -> str:
        return _people_reasons(finding, people_traces(), names, zh)

    return people_traces, people_reasons


def _people_reasons(finding: Finding, traces: Sequence[str], names: Names, zh: bool) -> str:
    """The statement of reasons as people read it (facts by their Chinese names, the
    articles, the deadlines and the notes); machine formats keep the full statement."""
    if not zh:
        return finding.reasons.render("en")
    reasons = finding.reasons
    labels = _fact_labels()
    lines: list[str] = []
    facts = [
        f"{labels[name]}：{shown}"
        for name, value in reasons.facts.items()
        if name in labels and (shown := _fact_text(value, names))
    ]
    if facts:
        lines.append("事实：" + "；".join(facts))
    if reasons.articles:
        lines.append("依据：" + "；".join(basis.cite("zh") for basis in reasons.articles))
    lines.extend(f"期限：{trace}" for trace in traces)
    if reasons.facts_date is not None:
        lines.append(f"适用{format_date(reasons.facts_date, 'zh')}有效的规定")
    if reasons.provisional:
        lines.append("暂定：使用了尚无官方安排的年度日历")
    lines.extend(names.text(zh_note) for zh_note, _ in reasons.notes)
    return "\n".join(lines)


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
    compare: str | date | None = None,
    batch_size: int = 1000,
) -> ReportData:
    """Read the summary, the last run, the agencies and the rules' metadata from ``store``
    (a handful of bulk queries; no rule is run) and return the data every report format
    renders, masked for ``audience``. The findings themselves are read in batches of
    ``batch_size`` when a format renders them (:meth:`ReportData.iter_findings`).

    ``agency`` keeps the findings addressed to one agency. ``date_from``/``date_to``
    (inclusive) keep findings whose facts date (else the date first found) lies in the
    period. ``as_of`` is the day against which rectification deadlines count as overdue
    (default: the last run's evaluation date, else today in Shanghai). Rule titles and docs
    come from ``manager`` (default: the plugins ``config`` loads). ``include_passed`` also
    loads, per rule, the subjects evaluated without a finding (for JUnit). ``salt``
    overrides the pseudonym salt. ``compare`` (a run id or a day) adds the comparison with
    the state after that run (:class:`~enforcement_supervision.reports.Comparison`); by
    default the report compares with the last run a month or more before its day, when
    there is one (``compare="none"``: no comparison).
    """
    with paused_gc():
        lang = check_lang(lang)
        audience = check_audience(audience)
        start = _parse_day(date_from, "--from")
        end = _parse_day(date_to, "--to")
        if start is not None and end is not None and start > end:
            raise ReportUsageError(
                f"期间起点 {start} 晚于终点 {end}",
                f"the period starts ({start}) after it ends ({end})",
            )
        settings = ReportSettings.from_config(config)
        configure_sectors(settings.sectors)
        generated_at = (now or datetime.now(UTC)).astimezone(UTC)
        last_run = _last_run(store)
        report_day = _parse_day(as_of, "as_of") or (
            to_local_date(last_run.as_of)
            if last_run is not None
            else generated_at.astimezone(SHANGHAI).date()
        )
        baseline_size = _baseline_size(store)
        scope = _Scope(
            agency=agency,
            start=start,
            end=end,
            township=settings.township_agency,
            report_day=report_day,
            last_run_id=None if last_run is None else last_run.run_id,
            baseline_size=baseline_size,
        )
        dues, numbers, followed = _dues(store)
        summary, seen, agency_ids = _scan(store, scope, dues)
        redactor = Redactor(audience, salt=salt if salt is not None else salt_from_config(config))
        if manager is None:
            manager = load_plugins(config or Config())
        clock_agencies = _clock_agencies(store, agency)
        agencies = _agencies(
            store,
            [*agency_ids, *(clock_agencies or ()), agency or "", settings.township_agency or ""],
            redactor,
        )
        rules = _rules(manager, seen, settings)
        people = PeopleContext(
            store,
            audience=audience,
            salt=redactor.salt,
            agency_names={key: info.name for key, info in agencies.items()},
        )
        # The clocks are read when a format shows them (HTML, notices, JSON), not for the
        # ledger, SARIF or JUnit: a province has one clock or more per open case.
        clocks = LazyClocks(
            lambda: (
                load_clock_items(
                    store,
                    as_of=report_day,
                    agency=agency,
                    calendar=calendar_from_config(
                        (config or Config()).section("calendar"),
                        base_dir=(config or Config()).base_dir,
                        plugin_schedules=manager.holiday_schedules().values(),
                    ),
                    titles={rule.id: (rule.title_zh, rule.title_en) for rule in manager.rules()},
                    people=people,
                )
                if clock_agencies is not None
                else ()
            )
        )
        source = _Rows(store, scope, _Masker(store, redactor), people, lang, batch_size, followed)

        run_errors: list[dict[str, Any]] = []
        if last_run is not None:
            for error in last_run.errors:
                entry = {
                    key: error.get(key)
                    for key in ("kind", "plugin", "rule_id", "error_type", "subject", "count")
                }
                # Exception text may quote anything a record holds: internal readers only.
                entry["message"] = str(error.get("message") or "") if redactor.internal else ""
                if not redactor.internal:
                    entry["subject"] = None
                run_errors.append(entry)
        comparison = compare_with(
            store,
            compare,
            scope=scope,
            dues=dues,
            last_run=last_run,
        )
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
            summary=summary,
            settings=settings,
            source=source,
            passed=_passed(store, manager, None, agency) if include_passed else None,
            run_errors=tuple(run_errors),
            comparison=comparison,
            township_agency=settings.township_agency,
            notice_numbers_used=tuple(sorted(numbers | set(_notice_numbers(store)))),
            clocks=clocks,
        )


def _clock_agencies(store: Store, agency: str | None) -> list[str] | None:
    """The agencies of the stored clocks (``None``: no clock at all, nothing to load)."""
    query = select(clocks_table.c.agency_id).distinct()
    if agency is not None:
        query = query.where(clocks_table.c.agency_id == agency)
    with store.engine.connect() as connection:
        found = [row[0] for row in connection.execute(query)]
    return None if not found else [str(value) for value in found if value]


def _notice_numbers(store: Store) -> tuple[str, ...]:
    with store.engine.connect() as connection:
        return tuple(
            str(row[0])
            for row in connection.execute(
                select(finding_followup.c.notice_number)
                .where(finding_followup.c.notice_number.is_not(None))
                .distinct()
            )
        )
