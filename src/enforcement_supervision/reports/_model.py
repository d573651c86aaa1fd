"""The report data model: built once from the store, rendered into every format.

Everything a renderer prints is here, already masked for the report's audience; renderers
never touch the store and never re-run rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import attrs

from enforcement_supervision._host import RuleDocs
from enforcement_supervision.privacy import mask_text
from enforcement_supervision.reports._settings import ReportSettings
from enforcement_supervision.rules import Finding, LegalBasis
from enforcement_supervision.store import RunRecord

__all__ = [
    "REPORT_SCHEMA_VERSION",
    "AgencyInfo",
    "CompareCounts",
    "Comparison",
    "FindingRow",
    "FollowThrough",
    "FollowUpEvent",
    "ReportData",
    "RuleInfo",
    "Summary",
    "Waiver",
]

#: Version of the JSON report document (``schema_version``); see ``docs/guide/reports.md``.
REPORT_SCHEMA_VERSION = "1.2"


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


@attrs.frozen(kw_only=True)
class Waiver:
    """Why a finding is waived, who asked, who approved, until when."""

    justification: str
    reason: str | None = None
    requested_by: str | None = None
    approved_by: str | None = None
    expires: date | None = None
    at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "justification": self.justification,
            "reason": self.reason,
            "requested_by": self.requested_by,
            "approved_by": self.approved_by,
            "expires": _iso(self.expires),
            "at": _iso(self.at),
        }


@attrs.frozen(kw_only=True)
class FollowUpEvent:
    """One step of the follow-through people took (notified, rectified, waived, ...)."""

    kind: str
    at: datetime
    actor: str | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "reason": self.reason,
        }


@attrs.frozen(kw_only=True)
class FollowThrough:
    """What happened to a finding after it was found (有错必纠), as far as the store knows.

    Filled from the finding's events by the readers of
    :func:`~enforcement_supervision.reports.register_event_reader` (and from attributes of
    :class:`~enforcement_supervision.store.StoredFinding` of the same names, when a future
    store version has them). Every field is optional.
    """

    notified_on: date | None = None
    notice_number: str | None = None
    rectification_due: date | None = None
    rectified_on: date | None = None
    verified_by: str | None = None
    verified_on: date | None = None
    closed_on: date | None = None
    waiver: Waiver | None = None
    events: tuple[FollowUpEvent, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "notified_on": _iso(self.notified_on),
            "notice_number": self.notice_number,
            "rectification_due": _iso(self.rectification_due),
            "rectified_on": _iso(self.rectified_on),
            "verified_by": self.verified_by,
            "verified_on": _iso(self.verified_on),
            "closed_on": _iso(self.closed_on),
            "waiver": None if self.waiver is None else self.waiver.to_dict(),
            "events": [event.to_dict() for event in self.events],
        }


@attrs.frozen(kw_only=True)
class RuleInfo:
    """A rule's metadata as the reports show it (from the loaded plugins; ``known=False``
    when no loaded plugin has the rule any more, and only the findings' data is left)."""

    rule_id: str
    version: str
    title_zh: str
    title_en: str
    severity: str
    categories: tuple[str, ...]
    legal_basis: tuple[LegalBasis, ...] = ()
    docs: RuleDocs = attrs.field(factory=RuleDocs)
    help_uri: str = ""
    plugin: str | None = None
    waivable: bool = True
    known: bool = True

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_zh

    def help_text(self, lang: str) -> str:
        """Plain text: the title, the legal basis and what the rule checks."""
        lines = [self.title(lang)]
        if self.legal_basis:
            label = "Legal basis: " if lang == "en" else "法律依据："
            lines.append(label + "; ".join(basis.cite(lang) for basis in self.legal_basis))
        if self.docs.what:
            lines.append(self.docs.what)
        return "\n".join(lines)

    def help_markdown(self, lang: str) -> str:
        parts = [f"**{self.rule_id} — {self.title(lang)}**"]
        if self.legal_basis:
            parts.append(
                "\n".join(
                    f"- {basis.cite(lang)}" + (f" <{basis.url}>" if basis.url else "")
                    for basis in self.legal_basis
                )
            )
        docs = self.docs.to_markdown(heading_level=3)
        if docs:
            parts.append(docs)
        if self.help_uri:
            parts.append(
                f"[{'Rule documentation' if lang == 'en' else '规则说明'}]({self.help_uri})"
            )
        return "\n\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.rule_id,
            "version": self.version,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "severity": self.severity,
            "categories": list(self.categories),
            "legal_basis": [
                {
                    **basis.to_dict(),
                    "citation_zh": basis.cite("zh"),
                    "citation_en": basis.cite("en"),
                }
                for basis in self.legal_basis
            ],
            "help_uri": self.help_uri,
            "plugin": self.plugin,
            "waivable": self.waivable,
            "known": self.known,
        }


@attrs.frozen(kw_only=True)
class AgencyInfo:
    """An agency findings are addressed to, and the body that supervises it."""

    agency_id: str
    name: str
    supervisor_id: str | None = None
    supervisor_name: str | None = None
    parent_id: str | None = None
    parent_name: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.agency_id,
            "name": self.name,
            "supervisor_id": self.supervisor_id,
            "supervisor_name": self.supervisor_name,
            "parent_id": self.parent_id,
            "parent_name": self.parent_name,
            "sector": self.sector,
        }


@attrs.frozen(kw_only=True)
class FindingRow:
    """One finding as reports show it: the (masked) finding, its status and follow-through.

    ``period_date`` is the date of the facts (``reasons.facts_date``), else the date the
    finding was first found: the report's period filter and its per-month chart use it.
    ``deadline`` is the rectification deadline: the one set when the finding was notified,
    else the finding's own due date. ``overdue`` means active with the deadline before the
    report's ``as_of`` date.
    """

    finding: Finding
    subject_text: str
    status: str
    detected: bool
    active: bool
    plugin: str | None
    first_seen_run: str | None
    last_seen_run: str | None
    opened_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    found_on: date
    period_date: date
    in_baseline: bool
    new_since_last_run: bool
    new_since_baseline: bool | None
    deadline: date | None
    overdue: bool
    follow: FollowThrough
    agency_name: str | None
    #: The agency the finding is addressed to: its own, else (a township-wide finding) the
    #: township's own office from ``[reports] township_agency``.
    addressed_to: str | None = None
    #: What people read (official Chinese in ``zh``: ids replaced by the numbers and names
    #: officials use, dates written out); machine formats keep the fields above.
    subject_label: str = ""
    record_type_label: str = ""
    domain: str = "other"
    people_message: str = ""
    #: The deadline traces and the statement of reasons as people read them: given, or (the
    #: builder) a function that works them out the first time a format reads them — only
    #: the HTML report and the notices do, so the ledger and the machine formats skip them.
    _people_traces: tuple[str, ...] | Callable[[], tuple[str, ...]] = attrs.field(
        default=(), alias="people_traces", eq=False
    )
    _people_reasons: str | Callable[[], str] = attrs.field(
        default="", alias="people_reasons", eq=False
    )
    #: Findings on one subject from one event share a group (one row in people formats).
    group: str = ""
    #: The date of the facts, when the finding says it (``period_date`` falls back to the
    #: date found).
    fact_date: date | None = None

    @property
    def people_traces(self) -> tuple[str, ...]:
        value = self._people_traces
        if callable(value):
            value = value()
            object.__setattr__(self, "_people_traces", value)
        return value

    @property
    def people_reasons(self) -> str:
        value = self._people_reasons
        if callable(value):
            value = value()
            object.__setattr__(self, "_people_reasons", value)
        return value

    @property
    def fingerprint(self) -> str:
        return self.finding.fingerprint

    @property
    def rule_id(self) -> str:
        return self.finding.rule_id

    @property
    def severity(self) -> str:
        return self.finding.severity.value

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(category.value for category in self.finding.categories)

    @property
    def agency_id(self) -> str | None:
        return self.finding.agency_id

    @property
    def waived(self) -> bool:
        return self.status == "waived"

    def message(self, lang: str) -> str:
        return self.finding.message(lang)

    def statement(self, lang: str) -> str:
        """The statement of reasons as plain text (facts, basis, deadlines, values)."""
        return self.finding.reasons.render(lang)

    def citations(self, lang: str) -> list[str]:
        return [basis.cite(lang) for basis in self.finding.reasons.articles]

    def to_dict(self, lang: str) -> dict[str, Any]:
        finding = self.finding
        return {
            "fingerprint": finding.fingerprint,
            "rule_id": finding.rule_id,
            "rule_version": finding.rule_version,
            "severity": finding.severity.value,
            "categories": list(self.categories),
            "subject_type": finding.subject.record_type,
            "subject": self.subject_text,
            "agency_id": finding.agency_id,
            "agency_name": self.agency_name,
            "message_zh": finding.message_zh,
            "message_en": finding.message_en,
            "statement": self.statement(lang),
            "reasons": finding.reasons.to_dict(),
            "evidence": [item.to_dict() for item in finding.evidence],
            "provisional": finding.provisional,
            "due": _iso(finding.due),
            "deadline": _iso(self.deadline),
            "overdue": self.overdue,
            "status": self.status,
            "detected": self.detected,
            "active": self.active,
            "plugin": self.plugin,
            "first_seen_run": self.first_seen_run,
            "last_seen_run": self.last_seen_run,
            "opened_at": self.opened_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "resolved_at": _iso(self.resolved_at),
            "found_on": self.found_on.isoformat(),
            "period_date": self.period_date.isoformat(),
            "addressed_to": self.addressed_to,
            "group": self.group,
            "in_baseline": self.in_baseline,
            "new_since_last_run": self.new_since_last_run,
            "new_since_baseline": self.new_since_baseline,
            "follow_through": self.follow.to_dict(),
        }


@attrs.frozen(kw_only=True)
class Summary:
    """Counts for the report's summary. Severity, category and agency counts are of
    *active* findings; status and month counts are of every finding in the report."""

    total: int
    active: int
    by_severity: Mapping[str, int]
    by_category: Mapping[str, int]
    by_agency: Mapping[str, Mapping[str, int]]
    by_month: Mapping[str, int]
    by_status: Mapping[str, int]
    new_since_last_run: int
    new_since_baseline: int | None
    overdue: int
    waived: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "active": self.active,
            "by_severity": dict(self.by_severity),
            "by_category": dict(self.by_category),
            "by_agency": {key: dict(value) for key, value in self.by_agency.items()},
            "by_month": dict(self.by_month),
            "by_status": dict(self.by_status),
            "new_since_last_run": self.new_since_last_run,
            "new_since_baseline": self.new_since_baseline,
            "overdue": self.overdue,
            "waived": self.waived,
        }


#: Reads the report's findings in batches: ``(order, agency, fingerprints)`` → batches of rows
#: (``agency`` ``""`` keeps the findings addressed to no agency; ``None`` all of them).
RowSource = Callable[[str, "str | None", "Sequence[str] | None"], Iterator[list[FindingRow]]]

_ALL: Any = object()


@attrs.frozen(kw_only=True)
class CompareCounts:
    """Counts of a comparison for one agency, one category, or in total."""

    new: int = 0
    resolved: int = 0
    still_open: int = 0
    overdue: int = 0
    overdue_before: int = 0

    def to_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "resolved": self.resolved,
            "still_open": self.still_open,
            "overdue": self.overdue,
            "overdue_before": self.overdue_before,
        }


@attrs.frozen(kw_only=True)
class Comparison:
    """This report's findings compared with the state after an earlier check run: findings
    new since then, resolved since then (no longer active), still open, and overdue now
    (and then), in total, by agency (addressee) and by category."""

    since_run: str | None
    since: date
    total: CompareCounts
    by_agency: Mapping[str, CompareCounts]
    by_category: Mapping[str, CompareCounts]

    def to_dict(self) -> dict[str, Any]:
        return {
            "since_run": self.since_run,
            "since": self.since.isoformat(),
            "total": self.total.to_dict(),
            "by_agency": {key: value.to_dict() for key, value in self.by_agency.items()},
            "by_category": {key: value.to_dict() for key, value in self.by_category.items()},
        }


@attrs.frozen(kw_only=True)
class ReportData:
    """Everything every report format shows, built by
    :func:`~enforcement_supervision.reports.build_report_data`.

    The summary, comparison, rules and agencies are held; the findings are read from the
    store in batches when a format asks (:meth:`iter_findings`, streaming: memory holds one
    batch), masked for ``audience``. :attr:`findings` reads them all at once (most serious
    first) for small reports. ``passed`` maps a rule id to the subjects it evaluated without
    finding anything (loaded only when asked for: JUnit uses it). ``run_errors`` are the last
    run's rule and plugin errors (their messages only for the internal audience).
    """

    schema_version: str
    generated_at: datetime
    as_of: date
    lang: str
    audience: str
    agency: str | None
    date_from: date | None
    date_to: date | None
    tool_name: str
    tool_version: str
    last_run: RunRecord | None
    baseline_size: int
    rules: Mapping[str, RuleInfo]
    agencies: Mapping[str, AgencyInfo]
    summary: Summary
    settings: ReportSettings
    source: RowSource = attrs.field(eq=False, repr=False)
    passed: Mapping[str, tuple[str, ...]] | None = None
    run_errors: tuple[Mapping[str, Any], ...] = ()
    comparison: Comparison | None = None
    township_agency: str | None = None
    #: Notice numbers already used (from notified findings): a new series continues after them.
    notice_numbers_used: tuple[str, ...] = ()
    #: The stored statutory clocks with their lights on the report's day (early warning,
    #: ``docs/guide/early-warning.md``): ``reports._clocks.ClockItem`` objects.
    clocks: Sequence[Any] = ()
    _cache: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False, alias="_cache")

    def rule(self, rule_id: str) -> RuleInfo:
        """The rule's metadata (always present for every rule with a finding)."""
        return self.rules[rule_id]

    def agency_name(self, agency_id: str | None) -> str:
        if not agency_id:
            return ""
        info = self.agencies.get(agency_id)
        if info is not None:
            return info.name
        # An agency without a record is named by its id, which is text from the data too.
        return mask_text(agency_id, self.audience)

    def iter_batches(
        self,
        *,
        order: str = "severity",
        agency: str | None = _ALL,
        fingerprints: Sequence[str] | None = None,
    ) -> Iterator[list[FindingRow]]:
        """The findings in batches, read from the store as they are needed. ``order``:
        ``severity``, ``subject`` (one agency's and one subject's findings together) or
        ``rule``; ``agency``: only the findings addressed to it."""
        cached = self._cache.get("rows")
        if cached is not None and order == "severity" and agency is _ALL and fingerprints is None:
            yield list(cached)
            return
        yield from self.source(order, None if agency is _ALL else agency or "", fingerprints)

    def iter_findings(self, **options: Any) -> Iterator[FindingRow]:
        for batch in self.iter_batches(**options):
            yield from batch

    @property
    def findings(self) -> tuple[FindingRow, ...]:
        """Every finding, most serious first (read once, then kept)."""
        rows = self._cache.get("rows")
        if rows is None:
            rows = self._cache["rows"] = tuple(self.iter_findings())
        return rows

    @property
    def active_findings(self) -> list[FindingRow]:
        return [row for row in self.findings if row.active]

    def by_agency(self, *, active_only: bool = True) -> dict[str | None, list[FindingRow]]:
        """Findings grouped by the agency addressed, in id order (``None`` last)."""
        groups: dict[str | None, list[FindingRow]] = {}
        for row in self.findings:
            if active_only and not row.active:
                continue
            groups.setdefault(row.addressed_to, []).append(row)
        return dict(sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or "")))

    def header_dict(self) -> dict[str, Any]:
        """The JSON report document without its findings."""
        run = self.last_run
        return {
            "schema_version": self.schema_version,
            "generator": {"name": self.tool_name, "version": self.tool_version},
            "generated_at": self.generated_at.isoformat(),
            "as_of": self.as_of.isoformat(),
            "lang": self.lang,
            "audience": self.audience,
            "scope": {
                "agency": self.agency,
                "date_from": _iso(self.date_from),
                "date_to": _iso(self.date_to),
            },
            "last_run": None
            if run is None
            else {
                "run_id": run.run_id,
                "started_at": run.started_at.isoformat(),
                "finished_at": _iso(run.finished_at),
                "as_of": run.as_of.isoformat(),
                "mode": run.mode,
                "outcome": run.outcome,
            },
            "baseline": {"present": self.baseline_size > 0, "size": self.baseline_size},
            "summary": self.summary.to_dict(),
            "comparison": None if self.comparison is None else self.comparison.to_dict(),
            "rules": [self.rules[key].to_dict() for key in sorted(self.rules)],
            "agencies": [self.agencies[key].to_dict() for key in sorted(self.agencies)],
            "errors": [dict(error) for error in self.run_errors],
            "clocks": [item.to_dict() for item in self.clocks],
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON report document (validated by the published schema)."""
        document = self.header_dict()
        document["findings"] = [row.to_dict(self.lang) for row in self.iter_findings()]
        return document


def sequence_text(values: Sequence[str], lang: str) -> str:
    return (", " if lang == "en" else "、").join(values)
