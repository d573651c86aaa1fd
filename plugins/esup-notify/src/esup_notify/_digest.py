"""The digest: new and overdue findings per agency, as the agency may see them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import attrs

from enforcement_supervision.privacy import Audience, mask_text
from enforcement_supervision.rules import Finding, Severity
from enforcement_supervision.statutory_time import SHANGHAI, to_local_date

__all__ = ["AgencyDigest", "Digest", "DigestItem", "build_digest"]

#: Digests are written for the supervised agency: reporters' identities never appear, and
#: ID numbers and phone numbers in free text are masked.
AUDIENCE = Audience.AGENCY


@attrs.frozen(kw_only=True)
class DigestItem:
    """One finding in a digest: what it is, whose, until when, and what happened to it.
    No facts, evidence or statement of reasons: only the masked messages."""

    fingerprint: str
    rule_id: str
    severity: str
    categories: tuple[str, ...]
    subject_type: str
    subject_id: str
    message_zh: str
    message_en: str
    due: date | None
    status: str
    days_overdue: int | None = None

    @classmethod
    def of(cls, finding: Finding, *, status: str, as_of: date) -> DigestItem:
        """The item for ``finding``, masked for the agency; ``days_overdue`` counts from
        its due date to ``as_of`` (``None`` when not overdue)."""
        overdue = None
        if finding.due is not None and finding.due < as_of:
            overdue = (as_of - finding.due).days
        return cls(
            fingerprint=finding.fingerprint,
            rule_id=finding.rule_id,
            severity=finding.severity.value,
            categories=tuple(category.value for category in finding.categories),
            subject_type=finding.subject.record_type,
            subject_id=finding.subject.record_id,
            message_zh=mask_text(finding.message_zh, AUDIENCE),
            message_en=mask_text(finding.message_en, AUDIENCE),
            due=finding.due,
            status=status,
            days_overdue=overdue,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "fingerprint": self.fingerprint,
            "rule_id": self.rule_id,
            "severity": self.severity,
            "categories": list(self.categories),
            "subject": {"type": self.subject_type, "id": self.subject_id},
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "due": None if self.due is None else self.due.isoformat(),
            "status": self.status,
            "days_overdue": self.days_overdue,
        }

    def line(self, lang: str) -> str:
        """One line of the e-mail text."""
        message = self.message_en if lang == "en" else self.message_zh
        text = f"[{self.severity}] {self.rule_id} {self.subject_type}/{self.subject_id}: {message}"
        if self.due is not None:
            if self.days_overdue:
                text += (
                    f" (due {self.due}, {self.days_overdue} day(s) overdue)"
                    if lang == "en"
                    else f"（整改期限 {self.due}，逾期 {self.days_overdue} 天）"
                )
            else:
                text += f" (due {self.due})" if lang == "en" else f"（整改期限 {self.due}）"
        return text


@attrs.frozen(kw_only=True)
class AgencyDigest:
    """One agency's section; ``new_total``/``overdue_total`` count before truncation to
    ``max_items``."""

    agency_id: str | None
    new: tuple[DigestItem, ...] = ()
    overdue: tuple[DigestItem, ...] = ()
    new_total: int = 0
    overdue_total: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "agency_id": self.agency_id,
            "new": [item.to_dict() for item in self.new],
            "overdue": [item.to_dict() for item in self.overdue],
            "new_total": self.new_total,
            "overdue_total": self.overdue_total,
        }


@attrs.frozen(kw_only=True)
class Digest:
    """What one check run has to tell: its counts, and per agency the findings it opened
    or reopened and the active findings whose rectification is overdue."""

    run_id: str
    as_of: datetime
    outcome: str
    schedule: str | None
    slot: datetime | None
    opened: int
    resolved: int
    reopened: int
    rule_errors: tuple[Mapping[str, Any], ...]
    agencies: tuple[AgencyDigest, ...]
    overdue_available: bool

    @property
    def new_total(self) -> int:
        """Findings opened or reopened by the run (before truncation)."""
        return sum(section.new_total for section in self.agencies)

    @property
    def overdue_total(self) -> int:
        """Active findings past their rectification due date (before truncation)."""
        return sum(section.overdue_total for section in self.agencies)

    @property
    def is_empty(self) -> bool:
        """Nothing new, nothing overdue and no rule error."""
        return not self.new_total and not self.overdue_total and not self.rule_errors

    def for_agency(self, agency_id: str) -> Digest:
        """The digest an agency receives: only its own section, no other agency's."""
        return attrs.evolve(
            self,
            agencies=tuple(s for s in self.agencies if s.agency_id == agency_id),
            rule_errors=(),
        )

    def to_dict(self) -> dict[str, Any]:
        """The webhook's JSON body."""
        return {
            "kind": "esup.digest",
            "version": 1,
            "run": {
                "run_id": self.run_id,
                "as_of": self.as_of.isoformat(),
                "outcome": self.outcome,
                "schedule": self.schedule,
                "slot": None if self.slot is None else self.slot.isoformat(),
                "opened": self.opened,
                "resolved": self.resolved,
                "reopened": self.reopened,
            },
            "totals": {"new": self.new_total, "overdue": self.overdue_total},
            "overdue_available": self.overdue_available,
            "rule_errors": [dict(error) for error in self.rule_errors],
            "agencies": [section.to_dict() for section in self.agencies],
        }

    def subject(self, prefix: str, lang: str) -> str:
        """An e-mail subject line."""
        when = self.as_of.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
        if lang == "en":
            text = f"check digest {when}: {self.new_total} new, {self.overdue_total} overdue"
        else:
            text = f"检查摘要 {when}：新增 {self.new_total} 条，逾期 {self.overdue_total} 条"
        return f"{prefix} {text}".strip()

    def render_text(self, lang: str) -> str:
        """The plain-text body of an e-mail."""
        en = lang == "en"
        when = self.as_of.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
        lines = [
            "Enforcement supervision check digest" if en else "行政执法监督检查摘要",
            (
                f"run {self.run_id[:8]} · as of {when} (Asia/Shanghai) · outcome {self.outcome}"
                if en
                else f"运行 {self.run_id[:8]} · 评估时点 {when}（北京时间）· 结果 {self.outcome}"
            ),
        ]
        if self.schedule:
            lines.append(("schedule " if en else "计划 ") + self.schedule)
        lines.append(
            f"{self.new_total} new, {self.overdue_total} overdue, {self.resolved} resolved"
            if en
            else f"新增 {self.new_total} 条，逾期未整改 {self.overdue_total} 条，"
            f"已解决 {self.resolved} 条"
        )
        if not self.overdue_available:
            lines.append(
                "(overdue findings unavailable: the plugin could not read the store)"
                if en
                else "（无法读取数据库，未列出逾期发现）"
            )
        for section in self.agencies:
            lines.append("")
            lines.append(f"[{section.agency_id or ('no agency' if en else '未指明主体')}]")
            for title, items, total in (
                ("New" if en else "新增", section.new, section.new_total),
                ("Overdue" if en else "逾期", section.overdue, section.overdue_total),
            ):
                if not total:
                    continue
                lines.append(f"  {title} ({total}):" if en else f"  {title}（{total} 条）：")
                lines.extend(f"    - {item.line(lang)}" for item in items)
                if total > len(items):
                    more = total - len(items)
                    lines.append(f"    … {more} more" if en else f"    …… 另有 {more} 条")
        if self.rule_errors:
            lines.append("")
            lines.append("Rule errors:" if en else "规则错误：")
            for error in self.rule_errors:
                who = " / ".join(str(error[k]) for k in ("plugin", "rule_id") if error.get(k))
                lines.append(f"  - {who}: {error.get('error_type')}")
        return "\n".join(lines) + "\n"


def _sort_key(item: DigestItem) -> tuple[int, str, str, str]:
    return (Severity.parse(item.severity).rank, item.rule_id, item.subject_id, item.fingerprint)


def build_digest(
    *,
    run: Any,
    schedule: str | None,
    slot: datetime | None,
    new: Sequence[tuple[Finding, str]],
    overdue: Iterable[tuple[Finding, str]] | None,
    resolved: int,
    rule_errors: Sequence[Mapping[str, Any]],
    min_severity: Severity,
    max_items: int,
) -> Digest:
    """Group the run's new findings and the store's overdue ones by agency.

    ``new`` are ``(finding, "opened"|"reopened")`` pairs from the finding hooks;
    ``overdue`` are ``(finding, status)`` pairs of active findings (``None`` when the store
    could not be read). Findings below ``min_severity`` are left out; a finding new in this
    run is listed as new only.
    """
    as_of = to_local_date(run.as_of)
    new_by: dict[str | None, list[DigestItem]] = defaultdict(list)
    seen: set[str] = set()
    opened = reopened = 0
    for finding, change in new:
        if change == "reopened":
            reopened += 1
        else:
            opened += 1
        if not finding.severity.at_least(min_severity) or finding.fingerprint in seen:
            continue
        seen.add(finding.fingerprint)
        new_by[finding.agency_id].append(DigestItem.of(finding, status=change, as_of=as_of))
    overdue_by: dict[str | None, list[DigestItem]] = defaultdict(list)
    for finding, status in overdue or ():
        if finding.fingerprint in seen or not finding.severity.at_least(min_severity):
            continue
        if finding.due is None or finding.due >= as_of:
            continue
        seen.add(finding.fingerprint)
        overdue_by[finding.agency_id].append(DigestItem.of(finding, status=status, as_of=as_of))
    sections = []
    for agency in sorted(set(new_by) | set(overdue_by), key=lambda a: (a is None, a or "")):
        fresh = sorted(new_by.get(agency, []), key=_sort_key)
        late = sorted(
            overdue_by.get(agency, []), key=lambda i: (-(i.days_overdue or 0), *_sort_key(i))
        )
        sections.append(
            AgencyDigest(
                agency_id=agency,
                new=tuple(fresh[:max_items]),
                overdue=tuple(late[:max_items]),
                new_total=len(fresh),
                overdue_total=len(late),
            )
        )
    return Digest(
        run_id=str(run.run_id),
        as_of=run.as_of,
        outcome=str(run.outcome),
        schedule=schedule,
        slot=slot,
        opened=int(run.counts.get("opened", opened)),
        resolved=int(run.counts.get("resolved", resolved)),
        reopened=int(run.counts.get("reopened", reopened)),
        rule_errors=tuple(rule_errors),
        agencies=tuple(sections),
        overdue_available=overdue is not None,
    )
