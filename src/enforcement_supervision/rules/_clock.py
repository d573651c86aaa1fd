"""Statutory clocks: the open deadlines a rule is watching (红黄灯预警).

A :class:`Clock` is what :meth:`~enforcement_supervision.rules.Context.deadline_passed` (and
:meth:`~enforcement_supervision.rules.Context.late` with no act yet) leaves behind besides the
recheck time: the same deadline object, described once, with who must act and from when. The
engine stores the clocks of each check; :mod:`enforcement_supervision.clocks` gives them their
lights. Nothing here counts days again: every date comes from the
:class:`~enforcement_supervision.statutory_time.Deadline` the rule computed.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import attrs

from enforcement_supervision.rules._finding import Subject
from enforcement_supervision.statutory_time import Deadline, StatutoryCalendar, TimeUnit

__all__ = ["Clock", "clock_id", "unnamed_label"]


def clock_id(rule_id: str, subject: Subject, label: str) -> str:
    """The stable id of a clock: the same rule, subject and deadline label always give the
    same 16 hex digits (``esup clocks show ID``)."""
    payload = "\x1f".join((rule_id, subject.key, label)).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:16]


_UNITS = {
    TimeUnit.WORKING_DAYS: ("个工作日", "working days"),
    TimeUnit.CALENDAR_DAYS: ("日", "days"),
    TimeUnit.MONTHS: ("个月", "months"),
    TimeUnit.YEARS: ("年", "years"),
    TimeUnit.HOURS: ("小时", "hours"),
}


def unnamed_label(deadline: Deadline) -> str:
    """A bilingual name for a deadline its rule did not name: ``受理起5个工作日期限 /
    5-working-day period from accepted``."""
    zh_unit, en_unit = _UNITS.get(deadline.unit, ("日", "days"))
    start_zh = f"{deadline.start_label}起" if deadline.start_label else ""
    start_en = deadline.start_label_en or deadline.start_label
    return f"{start_zh}{deadline.amount}{zh_unit}期限 / {deadline.amount} {en_unit}" + (
        f" from {start_en}" if start_en else ""
    )


def _unit_code(unit: TimeUnit | str) -> str:
    return unit.value if isinstance(unit, TimeUnit) else str(unit).strip().upper()


@attrs.frozen(kw_only=True)
class Clock:
    """One open statutory period of one subject, as a rule evaluated it.

    ``started_by``/``started_by_en`` name the act that started the count (立案, 受理, 送达 …)
    on ``start_date``; ``unit`` is the counting (``"WD"`` working days, ``"CD"`` calendar
    days, ``"M"``, ``"Y"``, ``"H"``); ``period`` is the whole period in that unit from the
    start to the strict last day, extensions and excluded periods included (the base of the
    percentage threshold); ``strict_date`` and ``rolled_date`` are the two last days where a
    rest day rolls over, ``due_date`` the one that applies. ``passed`` is true when the
    deadline had passed at the evaluation (the clock is red and its finding opens).
    """

    rule_id: str
    subject: Subject
    label: str
    agency_id: str | None = None
    category: str | None = None
    started_by: str | None = None
    started_by_en: str | None = None
    start_date: date
    unit: str
    amount: int
    period: int
    strict_date: date
    rolled_date: date | None = None
    due_date: date
    rollover: bool = False
    extensions: tuple[tuple[int, date], ...] = ()
    excluded: int = 0
    provisional: bool = False
    passed: bool = False
    trace_zh: str = ""
    trace_en: str = ""

    @property
    def id(self) -> str:
        return clock_id(self.rule_id, self.subject, self.label)

    @property
    def working_days(self) -> bool:
        """Counted in working days (the time left is then in working days too)."""
        return self.unit == TimeUnit.WORKING_DAYS.value

    @classmethod
    def from_deadline(
        cls,
        deadline: Deadline,
        *,
        rule_id: str,
        subject: Subject,
        label: str,
        calendar: StatutoryCalendar,
        passed: bool,
        agency_id: str | None = None,
        category: str | None = None,
        started_by: str | None = None,
        started_by_en: str | None = None,
        start_date: date | None = None,
        unit: TimeUnit | str | None = None,
    ) -> Clock:
        """The clock of ``deadline``; the optional arguments override what the deadline says
        (its start label, start day and unit)."""
        code = _unit_code(unit if unit is not None else deadline.unit)
        start = start_date if start_date is not None else deadline.start
        strict = deadline.strict_date
        if code == TimeUnit.WORKING_DAYS.value:
            period = calendar.working_days_between(start, strict)
        else:
            period = (strict - start).days
        return cls(
            rule_id=rule_id,
            subject=subject,
            label=label,
            agency_id=agency_id,
            category=category,
            started_by=started_by if started_by is not None else deadline.start_label,
            started_by_en=(
                started_by_en
                if started_by_en is not None
                else deadline.start_label_en or deadline.start_label
            ),
            start_date=_plain(start),
            unit=code,
            amount=deadline.amount,
            period=max(period, 0),
            strict_date=_plain(strict),
            rolled_date=None if deadline.rolled_date is None else _plain(deadline.rolled_date),
            due_date=_plain(deadline.due_date),
            rollover=deadline.rollover,
            extensions=tuple(
                (extension.amount, _plain(extension.approved_on))
                for extension in deadline.extensions_counted
            ),
            excluded=deadline.excluded,
            provisional=deadline.provisional,
            passed=passed,
            trace_zh=deadline.trace_text("zh"),
            trace_en=deadline.trace_text("en"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The clock as JSON values (dates as ISO text)."""
        return {
            "id": self.id,
            "rule_id": self.rule_id,
            "subject_type": self.subject.record_type,
            "subject_id": self.subject.record_id,
            "label": self.label,
            "agency_id": self.agency_id,
            "category": self.category,
            "started_by": self.started_by,
            "started_by_en": self.started_by_en,
            "start_date": self.start_date.isoformat(),
            "unit": self.unit,
            "amount": self.amount,
            "period": self.period,
            "strict_date": self.strict_date.isoformat(),
            "rolled_date": None if self.rolled_date is None else self.rolled_date.isoformat(),
            "due_date": self.due_date.isoformat(),
            "rollover": self.rollover,
            "extensions": [[amount, day.isoformat()] for amount, day in self.extensions],
            "excluded": self.excluded,
            "provisional": self.provisional,
            "passed": self.passed,
            "trace_zh": self.trace_zh,
            "trace_en": self.trace_en,
        }


def _plain(day: date) -> date:
    """A plain :class:`date` (the calendar marks provisional days with a subclass)."""
    return date(day.year, day.month, day.day)
