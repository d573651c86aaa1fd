"""Related findings together: the findings on one subject from one event (one inspection
with three problems) are one row or one item in every people-facing format, the rules
listed; counts stay per rule (per finding)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import attrs

from enforcement_supervision.reports._model import FindingRow, ReportData
from enforcement_supervision.reports.vocabulary import SEVERITIES, people_text

__all__ = ["FindingGroup", "group_rows", "stream_groups"]


@attrs.frozen
class FindingGroup:
    """The findings on one subject from one event, most serious first."""

    rows: tuple[FindingRow, ...]

    @property
    def first(self) -> FindingRow:
        return self.rows[0]

    @property
    def key(self) -> str:
        return self.first.group

    @property
    def addressed_to(self) -> str | None:
        return self.first.addressed_to

    @property
    def subject_label(self) -> str:
        return self.first.subject_label

    @property
    def severity(self) -> str:
        return min(row.severity for row in self.rows)

    @property
    def severities(self) -> tuple[str, ...]:
        return tuple(s for s in SEVERITIES if any(row.severity == s for row in self.rows))

    @property
    def categories(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for row in self.rows:
            seen.update(dict.fromkeys(row.categories))
        return tuple(seen)

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(row.status for row in self.rows))

    @property
    def active(self) -> bool:
        return any(row.active for row in self.rows)

    @property
    def overdue(self) -> bool:
        return any(row.overdue for row in self.rows)

    @property
    def deadline(self) -> date | None:
        dates = [row.deadline for row in self.rows if row.deadline is not None and row.active]
        dates = dates or [row.deadline for row in self.rows if row.deadline is not None]
        return min(dates) if dates else None

    @property
    def found_on(self) -> date:
        return min(row.found_on for row in self.rows)

    @property
    def period_date(self) -> date:
        return min(row.period_date for row in self.rows)

    @property
    def fact_date(self) -> date | None:
        """The date of the facts, when the findings say it (else ``None``: not the date
        they were found)."""
        known = [row.fact_date for row in self.rows if row.fact_date is not None]
        return min(known) if known else None

    def citations(self, lang: str, data: ReportData) -> list[str]:
        """The articles the findings apply, each once, in order."""
        seen: dict[str, None] = {}
        for row in self.rows:
            # Never another place's law: local instruments only as the finding cites them.
            rule = data.rule(row.rule_id)
            cited = row.citations(lang) or [
                b.cite(lang) for b in rule.legal_basis if not b.is_local
            ]
            seen.update(dict.fromkeys(cited))
        if lang == "en":
            return list(seen)
        return [people_text(citation) for citation in seen]


def _sorted(rows: Iterable[FindingRow]) -> tuple[FindingRow, ...]:
    return tuple(sorted(rows, key=lambda row: (row.severity, row.rule_id, row.fingerprint)))


def group_rows(rows: Iterable[FindingRow]) -> list[FindingGroup]:
    """Group rows held in memory; groups in the order of their first row."""
    groups: dict[str, list[FindingRow]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    return [FindingGroup(_sorted(members)) for members in groups.values()]


def stream_groups(rows: Iterator[FindingRow]) -> Iterator[FindingGroup]:
    """Group rows read in ``subject`` order (one subject's findings come together), holding
    one subject's findings at a time."""
    subject: tuple[str | None, str] | None = None
    held: list[FindingRow] = []
    for row in rows:
        key = (row.addressed_to, row.finding.subject.key)
        if key != subject and held:
            yield from group_rows(held)
            held = []
        subject = key
        held.append(row)
    if held:
        yield from group_rows(held)
