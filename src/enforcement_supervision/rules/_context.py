"""The context a rule body receives, the evaluator that builds it, and the outcome it leaves."""

from __future__ import annotations

import time as _time
import traceback
import warnings
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, NoReturn, Protocol, runtime_checkable

import attrs

from enforcement_supervision.rules._clock import Clock, unnamed_label
from enforcement_supervision.rules._errors import (
    RuleDeprecationWarning,
    RuleUsageError,
    Undecided,
)
from enforcement_supervision.rules._finding import (
    DeadlineReason,
    Evidence,
    Finding,
    Reasons,
    Subject,
    fingerprint,
)
from enforcement_supervision.rules._json import JSONValue, to_json_value
from enforcement_supervision.rules._law import LawInForce
from enforcement_supervision.rules._messages import Message, Text, render_value
from enforcement_supervision.rules._meta import LegalBasis, Parameter, Rule, Severity
from enforcement_supervision.rules._settings import RuleSettings
from enforcement_supervision.rules._validate import (
    MAX_SUBJECT_ID_LENGTH,
    MAX_SUBJECT_TYPE_LENGTH,
    check_date,
    check_facts,
    check_json,
    check_text,
    clean_text,
    finding_key,
)
from enforcement_supervision.statutory_time import (
    CalendarUnavailable,
    Deadline,
    ExcludedPeriod,
    Extension,
    StatutoryCalendar,
    TimeUnit,
    build_deadline,
    end_of_day,
    to_local_date,
)

__all__ = [
    "Context",
    "Evaluator",
    "Group",
    "MappingLookup",
    "Note",
    "Outcome",
    "RecordLookup",
    "RuleErrorRecord",
    "make_groups",
]

#: How many looked-up records' views an evaluator remembers.
_VIEW_CACHE_SIZE = 20_000
#: A tiny step past the evaluation instant: "any later run".
_NEXT_RUN = timedelta(microseconds=1)


def _local_midnight(day: date) -> datetime:
    """00:00 Asia/Shanghai at the start of ``day``."""
    return end_of_day(day - timedelta(days=1))


def _require_aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"the evaluation instant must be timezone-aware, got {value!r}")
    return value


# --------------------------------------------------------------------------------------------
# Records the engine can look up


@runtime_checkable
class RecordLookup(Protocol):
    """Gives a rule the other records it refers to (an officer of a case, ...).

    The engine supplies one backed by the store; :class:`MappingLookup` serves tests.
    """

    def get(self, record_type: str, record_id: str) -> Any | None:
        """The current version of the record, or ``None`` when there is none."""
        ...


class MappingLookup:
    """A :class:`RecordLookup` over records held in memory (keyed by type and id)."""

    def __init__(self, records: Iterable[Any] = ()) -> None:
        self._records: dict[tuple[str, str], Any] = {}
        for record in records:
            self.add(record)

    def add(self, record: Any) -> None:
        subject = Subject.of(record)
        self._records[(subject.record_type, subject.record_id)] = record

    def get(self, record_type: str, record_id: str) -> Any | None:
        return self._records.get((record_type, str(record_id)))

    def of_type(self, record_type: str) -> list[Any]:
        """Every record of ``record_type``, ordered by id."""
        return [
            record for (kind, _), record in sorted(self._records.items()) if kind == record_type
        ]

    def __len__(self) -> int:
        return len(self._records)


# --------------------------------------------------------------------------------------------
# Groups


@attrs.frozen(kw_only=True)
class Group:
    """The records a group rule sees at once: e.g. all inspections of one enterprise.

    ``name`` and ``key`` make the group's subject (``enterprise`` / ``E-17``); ``members``
    are ordered by id; ``anchor`` is the anchor record (e.g. the township's agency record)
    when the rule's :class:`GroupBy` declares one. Iterating a group iterates its members.
    """

    name: str
    key: str
    record_type: str
    members: tuple[Any, ...] = ()
    anchor: Any | None = None

    @property
    def subject(self) -> Subject:
        return Subject(record_type=self.name, record_id=self.key)

    @property
    def id(self) -> str:
        return self.key

    def __iter__(self) -> Iterator[Any]:
        return iter(self.members)

    def __len__(self) -> int:
        return len(self.members)


def make_groups(rule: Rule, records: Iterable[Any], anchors: Iterable[Any] = ()) -> list[Group]:
    """Group ``records`` (of the rule's record type; others are ignored) by the rule's key.

    With an anchored :class:`GroupBy`, each anchor record makes a group, empty or not, and
    members whose key names no anchor are dropped. Groups come ordered by key, members by id.
    """
    group_by = rule.group_by
    if group_by is None:
        raise RuleUsageError(f"规则 {rule.id} 不是分组规则", f"rule {rule.id} is not a group rule")
    buckets: dict[str, list[Any]] = {}
    anchor_records: dict[str, Any] = {}
    if group_by.anchor is not None:
        for anchor in anchors:
            subject = Subject.of(anchor)
            if subject.record_type == group_by.anchor:
                anchor_records[subject.record_id] = anchor
                buckets.setdefault(subject.record_id, [])
    for record in records:
        if Subject.of(record).record_type != rule.record_type:
            continue
        raw: Hashable | None = group_by.key_of(record)
        if raw is None:
            continue
        key = str(raw)
        if group_by.anchor is not None and key not in anchor_records:
            continue
        buckets.setdefault(key, []).append(record)
    return [
        Group(
            name=group_by.name,
            key=key,
            record_type=rule.record_type,
            members=tuple(sorted(members, key=lambda r: Subject.of(r).record_id)),
            anchor=anchor_records.get(key),
        )
        for key, members in sorted(buckets.items())
    ]


# --------------------------------------------------------------------------------------------
# Notes, errors and the outcome


@attrs.frozen(kw_only=True)
class Note:
    """Something a rule could not decide, or wants on record without a finding.

    ``kind`` is ``"undecided"`` (the rule called :meth:`Context.undecided`),
    ``"provisional"`` (an S1/S2 finding would rest on a provisional calendar year),
    ``"calendar-unavailable"`` (a year without an official schedule) or ``"info"``.
    """

    kind: str
    message_zh: str
    message_en: str
    rule_id: str
    subject: Subject | None = None
    data: dict[str, JSONValue] = attrs.field(factory=dict)

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "kind": self.kind,
            "rule_id": self.rule_id,
            "subject_type": None if self.subject is None else self.subject.record_type,
            "subject_id": None if self.subject is None else self.subject.record_id,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "data": dict(self.data),
        }


@attrs.frozen(kw_only=True)
class RuleErrorRecord:
    """A rule body raised: the exception's type, message and traceback text."""

    rule_id: str
    plugin: str | None
    subject: Subject | None
    error_type: str
    message: str
    traceback: str

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "rule_id": self.rule_id,
            "plugin": self.plugin,
            "subject_type": None if self.subject is None else self.subject.record_type,
            "subject_id": None if self.subject is None else self.subject.record_id,
            "error_type": self.error_type,
            "message": self.message,
            "traceback": self.traceback,
        }


@attrs.frozen(kw_only=True)
class Outcome:
    """What one evaluation of one rule over one subject left behind, for the engine.

    ``recheck_at`` is the earliest instant after ``as_of`` at which a time comparison the
    rule made could give another answer (``None``: the answer cannot change with time
    alone). ``dependencies`` are the other records the rule looked up: when one of them
    changes, the subject must be evaluated again. ``skipped`` is ``"not-in-force"`` when the
    facts date lies outside the rule's validity (nothing ran). ``error`` is set when the body
    raised; its findings are then discarded. ``complete`` is ``False`` when the body stopped
    early (undecided, no official calendar, error): the findings it did not reach are unknown,
    so the engine must not resolve this subject's other open findings of the rule.
    """

    rule_id: str
    rule_version: str
    subject: Subject | None
    as_of: datetime
    findings: tuple[Finding, ...] = ()
    notes: tuple[Note, ...] = ()
    recheck_at: datetime | None = None
    dependencies: frozenset[tuple[str, str]] = frozenset()
    #: The statutory clocks the evaluation watched (open deadlines, and those it found
    #: passed), from :meth:`Context.deadline_passed`.
    clocks: tuple[Clock, ...] = ()
    facts_date: date | None = None
    skipped: str | None = None
    error: RuleErrorRecord | None = None
    complete: bool = True
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


# --------------------------------------------------------------------------------------------
# The context


class _Params(Mapping[str, Any]):
    """``ctx.params``: the rule's parameters as a read-only mapping, resolved like
    :meth:`Context.param` with no explicit date."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def __getitem__(self, name: str) -> Any:
        if name not in self._ctx._parameters:
            raise KeyError(name)
        return self._ctx.param(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ctx._parameters)

    def __len__(self) -> int:
        return len(self._ctx._parameters)

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class Context:
    """What a rule body gets besides its record: time, calendar, parameters, findings.

    One context serves one evaluation of one rule over one subject. The engine (through
    :class:`Evaluator`) gives it the evaluation instant ``as_of``, the calendar, the rule's
    parameters after configuration and a record lookup; afterwards :meth:`outcome` hands
    back the findings, the notes and the **recheck time**: the earliest instant at which a
    time comparison made through the context could change its answer.

    Compare with the clock through :meth:`deadline_passed`, :meth:`late`, :meth:`reached`
    and :meth:`ended`: they record when their answer changes. Reading :attr:`as_of` or
    :attr:`as_of_date` directly is allowed, but then the context cannot know when the answer
    changes, so the subject is evaluated again at every later run.
    """

    def __init__(
        self,
        *,
        rule: Rule,
        as_of: datetime,
        calendar: StatutoryCalendar,
        parameters: Mapping[str, Parameter] | Iterable[Parameter] | None = None,
        subject: Any | None = None,
        facts_date: date | None = None,
        lookup: RecordLookup | None = None,
        law: LawInForce | None = None,
        latest_fact: date | None = None,
        _as_of_date: date | None = None,
        _viewer: Callable[[Any], Any] | None = None,
        _subject_id: tuple[Any, Subject | None] | None = None,
    ) -> None:
        self.rule = rule
        # The evaluator checked the instant and computed its date once for all its contexts.
        self._as_of = as_of if _as_of_date is not None else _require_aware(as_of)
        self._as_of_date = _as_of_date if _as_of_date is not None else to_local_date(as_of)
        self.calendar = calendar
        if parameters is None:
            parameters = rule.parameters
        if isinstance(parameters, dict):
            # Never mutated: a context can share the evaluator's mapping.
            self._parameters: dict[str, Parameter] = parameters
        elif isinstance(parameters, Mapping):
            self._parameters = dict(parameters)
        else:
            self._parameters = {parameter.name: parameter for parameter in parameters}
        self.subject = subject
        self.facts_date = facts_date
        #: The latest event date of the subject as of the evaluation date (its latest fact).
        self.latest_fact = latest_fact
        self._lookup = lookup
        self._law = law if law is not None else LawInForce()
        self._viewer = _viewer
        #: ``(subject, its Subject)``: the evaluator's, computed once for all the rules
        #: evaluated over the same subject.
        self._subject_id = _subject_id
        #: The date of the facts the last time comparison pointed at (see :meth:`finding`).
        self._fact_hint: date | None = None
        self._param_sources: list[LegalBasis] = []
        self._findings: list[Finding] = []
        self._fingerprints: set[str] = set()
        self._notes: list[Note] = []
        self._recheck: datetime | None = None
        self._clock_read = False
        self._dependencies: set[tuple[str, str]] = set()
        self._used_params: dict[str, list[tuple[date, Any]]] = {}
        self._used_readings: dict[str, list[tuple[date, Any]]] = {}
        self._deadlines: list[tuple[str, Any]] = []
        self._clocks: dict[str, Clock] = {}

    @property
    def params(self) -> Mapping[str, Any]:
        """The rule's parameters as a read-only mapping (``ctx.params.days``), resolved like
        :meth:`param` with no explicit date."""
        return _Params(self)

    # -- time ----------------------------------------------------------------------------------

    @property
    def as_of(self) -> datetime:
        """The evaluation instant (timezone-aware). Reading it makes the subject due at every
        later run; prefer the comparison helpers."""
        self._clock_read = True
        return self._as_of

    @property
    def as_of_date(self) -> date:
        """The evaluation instant's date in Asia/Shanghai (same caveat as :attr:`as_of`)."""
        self._clock_read = True
        return self._as_of_date

    def recheck_at(self, instant: datetime | date) -> None:
        """Declare that the rule's answer may change at ``instant`` (a date means its local
        midnight). Instants not after ``as_of`` are ignored: they have already happened."""
        moment = _local_midnight(instant) if not isinstance(instant, datetime) else instant
        moment = _require_aware(moment)
        if moment <= self._as_of:
            return
        if self._recheck is None or moment < self._recheck:
            self._recheck = moment

    def deadline_passed(
        self,
        deadline: Deadline,
        *,
        label: str | None = None,
        started_by: str | None = None,
        started_by_en: str | None = None,
        start_date: date | None = None,
        unit: str | TimeUnit | None = None,
    ) -> bool:
        """Whether ``deadline`` has passed at ``as_of``; when it has not, its
        ``passes_at`` becomes a recheck time. The deadline goes into the statement of
        reasons of the findings built afterwards (unless they list their own).

        The same call leaves a statutory **clock** in the outcome (红黄灯预警, see
        ``docs/guide/early-warning.md``): the duty is open and counted by ``deadline``. What
        started it, from when and in which unit come from the deadline (its start label,
        start day and counting); ``started_by``/``started_by_en``, ``start_date`` and
        ``unit`` override them where the deadline cannot say."""
        self._remember(deadline, label)
        passed = bool(deadline.has_passed(self._as_of))
        if not passed:
            self.recheck_at(deadline.passes_at)
        else:
            # A duty not done: the facts date is the first day past the deadline's last day.
            self._fact_hint = to_local_date(deadline.passes_at)
        self._clock(
            deadline,
            label,
            passed=passed,
            started_by=started_by,
            started_by_en=started_by_en,
            start_date=start_date,
            unit=unit,
        )
        return passed

    def _clock(
        self,
        deadline: Deadline,
        label: str | None,
        *,
        passed: bool,
        started_by: str | None,
        started_by_en: str | None,
        start_date: date | None,
        unit: str | TimeUnit | None,
    ) -> None:
        subject = self._subject_or_none()
        if subject is None or deadline.before:
            # "N days before an event" is a latest day for an act, not a running period.
            return
        name = next(
            (known for known, item in self._deadlines if item is deadline),
            label or getattr(deadline, "label", None) or "",
        )
        if not name or name.startswith("deadline-"):
            # A deadline the rule did not name: people read the clock, so it gets a name
            # from what the deadline says (never the "deadline-N" placeholder).
            name = unnamed_label(deadline)
        try:
            clock = Clock.from_deadline(
                deadline,
                rule_id=self.rule.id,
                subject=subject,
                label=str(name),
                calendar=self.calendar,
                passed=passed,
                agency_id=_agency_of(self.subject),
                category=",".join(category.value for category in self.rule.categories) or None,
                started_by=started_by,
                started_by_en=started_by_en,
                start_date=start_date,
                unit=unit,
            )
        except (CalendarUnavailable, ValueError, TypeError):
            # A clock only shows what the rule decided: one that cannot be described (a start
            # day overridden into a year without a schedule, say) is left out, the rule's
            # answer stands.
            return
        self._clocks[clock.id] = clock

    def deadline_met(self, deadline: Deadline, done_on: date, *, label: str | None = None) -> bool:
        """Whether an act done on ``done_on`` met ``deadline`` (no clock involved). The act's
        day becomes the date of the facts of a finding built next."""
        self._remember(deadline, label)
        self._fact_hint = to_local_date(done_on)
        return bool(deadline.is_met_by(done_on))

    def late(
        self,
        deadline: Deadline,
        done_on: date | None,
        *,
        label: str | None = None,
        started_by: str | None = None,
        started_by_en: str | None = None,
        start_date: date | None = None,
        unit: str | TimeUnit | None = None,
    ) -> bool:
        """The inaction test in one call: an act done on ``done_on`` missed ``deadline``, or
        the act is still missing (``None``) and ``deadline`` has passed at ``as_of`` (then
        the duty's clock is kept, see :meth:`deadline_passed`)."""
        if done_on is None:
            return self.deadline_passed(
                deadline,
                label=label,
                started_by=started_by,
                started_by_en=started_by_en,
                start_date=start_date,
                unit=unit,
            )
        return not self.deadline_met(deadline, done_on, label=label)

    def reached(self, when: date | datetime, *, fact: bool = True) -> bool:
        """``as_of`` is at or after ``when`` (a date: its local start, 00:00 Asia/Shanghai).

        When it is, ``when``'s day becomes the date of the facts of a finding built next
        (a duty whose time has come); pass ``fact=False`` for a clock read that is not about
        the facts (whether a law is in force yet, say)."""
        moment = when if isinstance(when, datetime) else _local_midnight(when)
        if self._as_of >= _require_aware(moment):
            if fact:
                self._fact_hint = to_local_date(moment)
            return True
        self.recheck_at(moment)
        return False

    def ended(self, day: date, *, fact: bool = True) -> bool:
        """Day ``day`` is over at ``as_of`` (periods end at 24:00 of their last day); when
        it is, the day after becomes the date of the facts (see :meth:`reached`)."""
        return self.reached(day + timedelta(days=1), fact=fact)

    def deadline(
        self,
        start: date | datetime,
        amount: int,
        counting: str | TimeUnit,
        *,
        rollover: bool | None = None,
        before: bool = False,
        extensions: Iterable[Extension] = (),
        excluded_periods: Iterable[ExcludedPeriod] = (),
        start_label: str | None = None,
        start_label_en: str | None = None,
    ) -> Deadline:
        """A deadline counted on the context's calendar, with the catalog's counting codes:
        ``"CD"`` calendar days, ``"CD+R"`` calendar days rolled over a rest day, ``"WD"``
        working days, ``"M"`` months, ``"Y"`` years, ``"H"`` hours.

        ``rollover`` overrides the code's default (on only for ``CD+R``); pass the reading
        the rule declares, e.g. ``rollover=ctx.reading("agency_deadline_rollover")``.
        ``start_label`` names the start event in the trace (``"立案"``)."""
        code = counting.value if isinstance(counting, TimeUnit) else counting.strip().upper()
        if code == "CD+R":
            unit, default_rollover = TimeUnit.CALENDAR_DAYS, True
        else:
            try:
                unit = TimeUnit(code)
            except ValueError:
                raise RuleUsageError(
                    f"未知的计算方式 {counting!r}（可选：CD、CD+R、WD、M、Y、H）",
                    f"unknown counting code {counting!r} (one of CD, CD+R, WD, M, Y, H)",
                ) from None
            default_rollover = False
        return build_deadline(
            start,
            amount,
            unit,
            self.calendar,
            rollover=default_rollover if rollover is None else rollover,
            before=before,
            extensions=extensions,
            excluded_periods=excluded_periods,
            start_label=start_label,
            start_label_en=start_label_en,
        )

    def _remember(self, deadline: Any, label: str | None) -> None:
        name = label or getattr(deadline, "label", None) or f"deadline-{len(self._deadlines) + 1}"
        if not any(existing is deadline for _, existing in self._deadlines):
            self._deadlines.append((str(name), deadline))

    # -- law in force, parameters, readings ----------------------------------------------------

    def use_facts_date(self, day: date | None) -> None:
        """Set the date of the facts: parameters resolve as of it by default and findings
        report it. The evaluator sets it from the rule's ``facts_date`` declaration."""
        self.facts_date = day

    def in_force(self, day: date | None = None) -> bool:
        """Whether the rule was in force on ``day`` (default: the facts date)."""
        return self.rule.in_force(day if day is not None else self.facts_date)

    def _resolve(self, name: str, as_of: date | datetime | None) -> tuple[date, Any]:
        try:
            parameter = self._parameters[name]
        except KeyError:
            known = ", ".join(sorted(self._parameters)) or "none"
            raise RuleUsageError(
                f"规则 {self.rule.id} 没有参数 {name}（已声明：{known}）",
                f"rule {self.rule.id} has no parameter {name!r} (declared: {known})",
            ) from None
        if as_of is None and self.facts_date is not None:
            day = self.facts_date
        elif as_of is None:
            day = self._as_of_date
            change = parameter.next_change_after(day)
            if change is not None:  # resolved as of "now": the value changes on that day
                self.recheck_at(change)
        elif isinstance(as_of, datetime):
            day = to_local_date(_require_aware(as_of))
        else:
            day = as_of
        source = parameter.source_on(day)
        if source is not None and source not in self._param_sources:
            self._param_sources.append(source)
        return day, parameter.value_on(day)

    def param(self, name: str, *, as_of: date | datetime | None = None) -> Any:
        """The value of parameter ``name`` in force on ``as_of`` (a facts date).

        Without ``as_of`` the facts date is used, or, when none is known, the evaluation
        date. The value goes into the statement of reasons.
        """
        day, value = self._resolve(name, as_of)
        self._used_params.setdefault(name, []).append((day, value))
        return value

    def reading(self, name: str, *, as_of: date | datetime | None = None) -> Any:
        """The interpretation chosen for ``name`` (a parameter, usually with ``reading=True``);
        findings say which reading was used."""
        day, value = self._resolve(name, as_of)
        self._used_readings.setdefault(name, []).append((day, value))
        return value

    # -- other records -------------------------------------------------------------------------

    def lookup(self, record_type: str, record_id: str | None) -> Any | None:
        """The record ``record_type``/``record_id`` (e.g. the officer named by a case), or
        ``None``, as it stood on the evaluation date (events dated later cut off; a record that
        did not exist yet is ``None``). The subject then depends on that record: when it
        changes, the subject is evaluated again."""
        if record_id is None:
            return None
        self._dependencies.add((record_type, str(record_id)))
        if self._lookup is None:
            return None
        found = self._lookup.get(record_type, str(record_id))
        if found is None:
            return None
        # The record as it stood on the evaluation date: what happens to it later has not
        # happened yet, and the answer may change on that day.
        view = (
            self._viewer(found)
            if self._viewer is not None
            else _as_of_view(found, self._as_of_date)
        )
        if view.next_event is not None:
            self.recheck_at(view.next_event)
        return view.record

    # -- findings and notes --------------------------------------------------------------------

    def finding(
        self,
        kind: str | None = None,
        /,
        *,
        key: str | int = "",
        facts: Mapping[str, Any] | None = None,
        subject: Any | None = None,
        fact_date: date | None = None,
        articles: Sequence[LegalBasis] | None = None,
        evidence: Iterable[Evidence] = (),
        severity: Severity | str | None = None,
        due: date | None = None,
        agency_id: str | None = None,
        deadlines: Mapping[str, Any] | Iterable[Any] | None = None,
        notes: Iterable[tuple[str, str] | str] = (),
        provisional: bool = False,
        message_zh: str | None = None,
        message_en: str | None = None,
    ) -> Finding | None:
        """Build a finding of the rule's message ``kind``, keep it, and return it::

            ctx.finding("late", key="7wd", facts={"served_date": served, "last_day": due})

        The texts come from the rule's ``messages[kind]`` filled with ``facts``; the legal
        basis is what that path applied: ``articles`` if given, else the message's articles
        (else the rule's legal basis), plus the sources of the parameter values used; local
        instruments the deployment does not name are not cited. ``severity`` defaults to the
        message's, then the rule's.

        ``key`` tells apart several findings of one rule on one subject and enters the
        fingerprint (keep it stable: a field name or a date, never a time or a counter).
        ``subject`` defaults to the record (or group) being evaluated. ``fact_date`` is the
        date of the facts; by default the day of the act the last time comparison looked at
        (:meth:`deadline_met`), the first day past a deadline that passed without the act
        (:meth:`late`, :meth:`deadline_passed`, :meth:`ended`), else the rule's facts date,
        else the subject's latest event — never after the evaluation date. ``agency_id``
        defaults to the subject's agency; a finding with no agency is refused unless the rule
        is ``township_wide``. ``deadlines`` default to every deadline compared through this
        context.

        A malformed finding (a text that is not text, facts that are not a mapping, ``NaN``
        in the facts, a subject that does not fit the store) raises
        :class:`RuleUsageError`: the engine records it as the rule's error on this subject
        and the run goes on.

        If the finding would be S1 or S2 and rests on a provisional date (a calendar year
        without an official schedule), no finding is made: a ``"provisional"`` note records
        why the rule could not decide, and ``None`` is returned.

        The older form ``ctx.finding(message_zh=..., message_en=..., ...)`` still works for
        plugins written before templates, with a :class:`RuleDeprecationWarning`.
        """
        message = self._message(kind, message_zh, message_en)
        target = Subject.of(subject if subject is not None else self._require_subject())
        _check_subject(target)
        checked_facts = check_facts(facts)
        if message is not None:
            text_zh = clean_text(message.render(facts or {}, "zh"))
            text_en = clean_text(message.render(facts or {}, "en"))
        else:
            text_zh = check_text("message_zh", message_zh)
            text_en = check_text("message_en", message_en)
        if severity is not None:
            level = Severity.parse(severity)
        elif message is not None and message.severity is not None:
            level = message.severity
        else:
            level = self.rule.severity
        stable_key = finding_key(key)
        reasons_deadlines = self._deadline_reasons(deadlines)
        is_provisional = provisional or any(d.provisional for d in reasons_deadlines)
        cited, dropped = self._articles(message, articles)
        all_notes = list(notes)
        if dropped:
            all_notes.append(
                (
                    "依据中的地方性规定未列入本部署配置的 [law] local_instruments，未予引用",
                    "local instruments this deployment does not name in [law] "
                    "local_instruments are not cited",
                )
            )
        reasons = Reasons(
            facts=checked_facts,
            articles=cited,
            deadlines=reasons_deadlines,
            parameters=self._used(self._used_params),
            readings=self._used(self._used_readings),
            facts_date=self.facts_date,
            provisional=is_provisional,
            notes=all_notes,
            display=_display(facts or {}, checked_facts),
        )
        when = self._fact_date(check_date("fact_date", fact_date))
        self._fact_hint = None
        if is_provisional and level.at_least(Severity.S2):
            traces = "；".join(d.trace_zh for d in reasons_deadlines if d.provisional)
            traces_en = "; ".join(d.trace_en for d in reasons_deadlines if d.provisional)
            self._notes.append(
                Note(
                    kind="provisional",
                    rule_id=self.rule.id,
                    subject=target,
                    message_zh=f"期限依据暂定日历，暂不认定（{text_zh}）：{traces}",
                    message_en=f"deadline rests on a provisional calendar, not decided "
                    f"({text_en}): {traces_en}",
                    data={
                        "key": stable_key,
                        "fingerprint": fingerprint(self.rule.id, target, stable_key),
                        "severity": level.value,
                        "reasons": reasons.to_dict(),
                    },
                )
            )
            return None
        record = subject if subject is not None else self.subject
        agency = agency_id if agency_id is not None else _agency_of(record)
        if agency is not None and (not isinstance(agency, str) or not agency.strip()):
            raise RuleUsageError(
                f"发现的 agency_id 必须是非空文本：{agency!r}",
                f"a finding's agency_id must be non-empty text: {agency!r}",
            )
        if agency is None and not self.rule.township_wide:
            raise RuleUsageError(
                f"规则 {self.rule.id} 对 {target} 的发现未指明执法主体：请给出 agency_id=，"
                "或将规则声明为全镇性（township_wide=True）",
                f"rule {self.rule.id} made a finding about {target} without an agency: pass "
                "agency_id= or declare the rule township_wide=True",
            )
        finding = Finding(
            rule_id=self.rule.id,
            rule_version=self.rule.version,
            subject=target,
            severity=level,
            categories=self.rule.categories,
            message_zh=text_zh,
            message_en=text_en,
            reasons=reasons,
            evidence=tuple(_checked_evidence(evidence)),
            key=stable_key,
            agency_id=None if agency is None else clean_text(agency),
            due=check_date("due", due),
            fact_date=when,
        )
        if finding.fingerprint in self._fingerprints:
            raise RuleUsageError(
                f"规则 {self.rule.id} 对 {target} 两次给出相同的发现（key={stable_key!r}）；"
                "请用不同的 key 区分",
                f"rule {self.rule.id} made the same finding twice for {target} "
                f"(key={stable_key!r}); use distinct keys",
            )
        self._fingerprints.add(finding.fingerprint)
        self._findings.append(finding)
        return finding

    def _message(
        self, kind: str | None, message_zh: str | None, message_en: str | None
    ) -> Message | None:
        """The template of ``kind``, or ``None`` for the older form with literal texts."""
        if kind is not None:
            if message_zh is not None or message_en is not None:
                raise RuleUsageError(
                    "ctx.finding 的消息类型与 message_zh/message_en 不能同时给出",
                    "ctx.finding takes a message kind or message_zh/message_en, not both",
                )
            try:
                return self.rule.messages[kind]
            except (KeyError, TypeError):
                known = ", ".join(sorted(self.rule.messages)) or "none"
                raise RuleUsageError(
                    f"规则 {self.rule.id} 没有消息类型 {kind!r}（已声明：{known}）",
                    f"rule {self.rule.id} declares no message {kind!r} (declared: {known})",
                ) from None
        if message_zh is None and message_en is None:
            raise RuleUsageError(
                "ctx.finding 需要消息类型（见 @rule(messages=...)）",
                "ctx.finding needs a message kind (see @rule(messages=...))",
            )
        _warn_literal_messages(self.rule)
        return None

    def _articles(
        self, message: Message | None, articles: Sequence[LegalBasis] | None
    ) -> tuple[tuple[LegalBasis, ...], list[LegalBasis]]:
        """The provisions a finding cites, and the local ones left out."""
        if articles is not None:
            base = list(articles)
        elif message is not None and message.articles:
            base = list(message.articles)
        else:
            base = list(self.rule.legal_basis)
        for item in base:
            if not isinstance(item, LegalBasis):
                raise RuleUsageError(
                    f"articles 中的 {item!r} 不是 LegalBasis",
                    f"articles: {item!r} is not a LegalBasis",
                )
        cited = [*base, *self._param_sources]
        dropped = [basis for basis in cited if not self._law.cites(basis)]
        return self._law.keep(cited), dropped

    def _fact_date(self, explicit: date | None) -> date:
        """The date of the facts of the finding being built (see :meth:`finding`)."""
        day = explicit or self._fact_hint or self.facts_date or self.latest_fact
        if day is None or day > self._as_of_date:
            return self._as_of_date
        return day

    def note(
        self, message: str, message_en: str | None = None, /, *, kind: str = "info", **data: Any
    ) -> None:
        """Keep a note (not a finding) about the subject: ``ctx.note("no-officers",
        act=..., act_date=...)`` renders the rule's message of that kind with ``data``; the
        older form ``ctx.note(message_zh, message_en, **data)`` takes the two texts."""
        text_zh, text_en = self._note_texts(message, message_en, data)
        self._notes.append(
            Note(
                kind=kind,
                rule_id=self.rule.id,
                subject=self._subject_or_none(),
                message_zh=text_zh,
                message_en=text_en,
                data={key: check_json(key, to_json_value(value)) for key, value in data.items()},
            )
        )

    def undecided(self, message: str, message_en: str | None = None, /, **facts: Any) -> NoReturn:
        """Stop here: the rule cannot decide (missing data, a reading that needs a person,
        ...). The engine records a note with the reason, not a finding. ``message`` is a kind
        of the rule's messages (rendered with ``facts``), or, in the older form, the Chinese
        text followed by the English one."""
        text_zh, text_en = self._note_texts(message, message_en, facts)
        raise Undecided(text_zh, text_en)

    def _note_texts(
        self, message: str, message_en: str | None, data: Mapping[str, Any]
    ) -> tuple[str, str]:
        if message_en is not None:
            return check_text("message_zh", message), check_text("message_en", message_en)
        template = self.rule.messages.get(message)
        if template is None:
            known = ", ".join(sorted(self.rule.messages)) or "none"
            raise RuleUsageError(
                f"规则 {self.rule.id} 没有消息类型 {message!r}（已声明：{known}）",
                f"rule {self.rule.id} declares no message {message!r} (declared: {known})",
            )
        return (
            clean_text(template.render(data, "zh")),
            clean_text(template.render(data, "en")),
        )

    # -- results -------------------------------------------------------------------------------

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(self._findings)

    @property
    def notes(self) -> tuple[Note, ...]:
        return tuple(self._notes)

    @property
    def recheck_time(self) -> datetime | None:
        """The earliest recorded instant after ``as_of`` when the answer may change; just
        after ``as_of`` when the rule read the clock directly."""
        if self._clock_read:
            soon = self._as_of + _NEXT_RUN
            return soon if self._recheck is None else min(soon, self._recheck)
        return self._recheck

    @property
    def dependencies(self) -> frozenset[tuple[str, str]]:
        return frozenset(self._dependencies)

    @property
    def clocks(self) -> tuple[Clock, ...]:
        """The clocks recorded so far (see :meth:`deadline_passed`)."""
        return tuple(self._clocks.values())

    def outcome(
        self, *, error: RuleErrorRecord | None = None, complete: bool = True, elapsed: float = 0.0
    ) -> Outcome:
        """Everything this evaluation produced, for the engine."""
        return Outcome(
            rule_id=self.rule.id,
            rule_version=self.rule.version,
            subject=self._subject_or_none(),
            as_of=self._as_of,
            findings=() if error is not None else self.findings,
            notes=self.notes,
            recheck_at=self.recheck_time,
            dependencies=self.dependencies,
            clocks=() if error is not None else self.clocks,
            facts_date=self.facts_date,
            error=error,
            complete=complete and error is None,
            elapsed=elapsed,
        )

    # -- helpers -------------------------------------------------------------------------------

    def _require_subject(self) -> Any:
        if self.subject is None:
            raise RuleUsageError(
                "此上下文没有评估对象，请给出 subject=",
                "this context has no subject; pass subject=",
            )
        return self.subject

    def _subject_or_none(self) -> Subject | None:
        subject = self.subject
        if subject is None:
            return None
        known = self._subject_id
        if known is not None and known[0] is subject:
            return known[1]
        try:
            found: Subject | None = Subject.of(subject)
        except TypeError:
            found = None
        self._subject_id = (subject, found)
        return found

    def _deadline_reasons(
        self, deadlines: Mapping[str, Any] | Iterable[Any] | None
    ) -> tuple[DeadlineReason, ...]:
        pairs: list[tuple[str, Any]]
        if deadlines is None:
            pairs = list(self._deadlines)
        elif isinstance(deadlines, Mapping):
            pairs = [(str(label), item) for label, item in deadlines.items()]
        else:
            pairs = []
            for index, item in enumerate(deadlines, start=1):
                if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
                    pairs.append((item[0], item[1]))
                else:
                    label = (
                        next((name for name, known in self._deadlines if known is item), None)
                        or getattr(item, "label", None)
                        or f"deadline-{index}"
                    )
                    pairs.append((str(label), item))
        return tuple(
            item if isinstance(item, DeadlineReason) else DeadlineReason.from_deadline(label, item)
            for label, item in pairs
        )

    @staticmethod
    def _used(used: Mapping[str, list[tuple[date, Any]]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, entries in used.items():
            values = {repr(to_json_value(value)) for _, value in entries}
            if len(values) == 1:
                result[name] = entries[0][1]
            else:
                for day, value in entries:
                    result[f"{name}@{day.isoformat()}"] = value
        return result


def _own_agency(record: Any) -> str | None:
    """The agency a record belongs to: its ``agency_id``, or itself for an agency record."""
    if record is None:
        return None
    value = getattr(record, "agency_id", None)
    if value is None and getattr(type(record), "record_type", None) == "agency":
        value = getattr(record, "id", None)
    return None if value is None else str(value)


def _agency_of(record: Any) -> str | None:
    """The agency responsible for a finding about ``record``: the record's own; for a group,
    its anchor's (an agency, or the agency of a liaison point or a supervisor), else the one
    agency all its members share (``None`` when they belong to several: the rule decides)."""
    if isinstance(record, Group):
        value = _own_agency(record.anchor)
        if value is None:
            agencies = {_own_agency(member) for member in record.members}
            value = agencies.pop() if len(agencies) == 1 else None
        return value
    return _own_agency(record)


def _as_of_view(record: Any, day: date) -> Any:
    # Imported here: importing the rule API must not import the whole model.
    from enforcement_supervision.model import as_of_view

    return as_of_view(record, day)


def _check_subject(subject: Subject) -> None:
    """A subject must fit the store's columns."""
    if (
        len(subject.record_type) > MAX_SUBJECT_TYPE_LENGTH
        or len(subject.record_id) > MAX_SUBJECT_ID_LENGTH
        or not subject.record_id
    ):
        raise RuleUsageError(
            f"发现的对象 {subject.key[:80]!r} 超出存储限制（类型至多 "
            f"{MAX_SUBJECT_TYPE_LENGTH}、编号至多 {MAX_SUBJECT_ID_LENGTH} 个字符）",
            f"the finding's subject {subject.key[:80]!r} does not fit the store (type at most "
            f"{MAX_SUBJECT_TYPE_LENGTH}, id at most {MAX_SUBJECT_ID_LENGTH} characters)",
        )


def _checked_evidence(items: Iterable[Evidence]) -> Iterator[Evidence]:
    for item in items:
        if not isinstance(item, Evidence):
            raise RuleUsageError(
                f"evidence 中的 {item!r} 不是 Evidence", f"evidence: {item!r} is not Evidence"
            )
        value = check_json("evidence value", item.value)
        description = check_text("evidence description", item.description)
        if value != item.value or description != item.description:
            item = attrs.evolve(item, value=value, description=description)
        yield item


def _display(
    facts: Mapping[str, Any], stored: Mapping[str, JSONValue]
) -> dict[str, dict[str, str]]:
    """Per language, the text of the facts whose JSON form is not how that language says
    them: enumerations and 是/否 in Chinese, :class:`Text` in both."""
    shown: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
    for name, value in facts.items():
        stored_value = stored.get(str(name))
        plain = stored_value if isinstance(stored_value, str) else None
        zh = render_value(value, "zh")
        if zh != plain and _needs_display(value):
            shown["zh"][str(name)] = clean_text(zh)
        if _bilingual(value):
            shown["en"][str(name)] = clean_text(render_value(value, "en"))
    return {lang: texts for lang, texts in shown.items() if texts}


def _needs_display(value: Any) -> bool:
    if value is None or isinstance(value, bool | Text) or _is_enum(value):
        return True
    if isinstance(value, list | tuple | set | frozenset):
        return any(_needs_display(item) for item in value)
    return False


def _bilingual(value: Any) -> bool:
    if isinstance(value, Text):
        return True
    if isinstance(value, list | tuple | set | frozenset):
        return any(_bilingual(item) for item in value)
    return False


def _is_enum(value: Any) -> bool:
    import enum

    return isinstance(value, enum.Enum)


_WARNED: weakref.WeakSet[Any] = weakref.WeakSet()


def _warn_literal_messages(rule: Rule) -> None:
    """Once per rule: literal message texts are deprecated in favour of templates."""
    if rule.check in _WARNED:
        return
    _WARNED.add(rule.check)
    rule_id = rule.id
    warnings.warn(
        f"rule {rule_id}: ctx.finding(message_zh=..., message_en=...) is deprecated; declare "
        "@rule(messages={...}) and call ctx.finding('kind', key=..., facts=...) "
        "(see docs/guide/writing-rules.md)",
        RuleDeprecationWarning,
        stacklevel=4,
    )


# --------------------------------------------------------------------------------------------
# The evaluator


@attrs.frozen
class _SubjectView:
    """A subject as of the evaluation date: ``subject`` is ``None`` when it did not exist."""

    subject: Any | None
    next_event: date | None = None
    latest_event: date | None = None


def _earliest(*days: date | None) -> date | None:
    found = [day for day in days if day is not None]
    return min(found) if found else None


def _view_subject(subject: Any, day: date) -> _SubjectView:
    if not isinstance(subject, Group):
        seen = _as_of_view(subject, day)
        return _SubjectView(seen.record, seen.next_event, seen.latest_event)
    next_event: date | None = None
    latest: date | None = None
    anchor = subject.anchor
    if anchor is not None:
        seen = _as_of_view(anchor, day)
        if seen.record is None:
            return _SubjectView(None, seen.next_event)
        anchor, next_event, latest = seen.record, seen.next_event, seen.latest_event
    members: list[Any] = []
    changed = anchor is not subject.anchor
    for member in subject.members:
        seen = _as_of_view(member, day)
        next_event = _earliest(next_event, seen.next_event)
        if seen.latest_event is not None and (latest is None or seen.latest_event > latest):
            latest = seen.latest_event
        if seen.record is not None:
            members.append(seen.record)
        changed = changed or seen.record is not member
    if subject.anchor is None and not members:
        # A group exists through its members: none of them existed yet.
        return _SubjectView(None, next_event)
    if not changed:
        return _SubjectView(subject, next_event, latest)
    return _SubjectView(
        attrs.evolve(subject, members=tuple(members), anchor=anchor), next_event, latest
    )


class Evaluator:
    """Runs rules over subjects at one evaluation instant: the engine's entry point.

    ``settings`` maps rule ids to their configured parameters (from
    :meth:`PluginManager.rule_settings`); rules without an entry use their declared
    defaults. ``law`` is the deployment's local law in force (default: the ``law`` of the
    settings, else none). :meth:`evaluate` never raises for a failing rule body: the error is
    in the outcome, with the notes and the recheck time gathered before it.

    **As of the evaluation date.** A rule never sees the future: :meth:`evaluate` hands it
    the view of its record as it stood on the evaluation date (events dated later cut off,
    see :func:`enforcement_supervision.model.as_of_view`), of every member and the anchor of
    a group, and :meth:`Context.lookup` does the same for the records it looks up. A record
    that had not come into being is not evaluated (``skipped="not-yet"``); the outcome's
    recheck time includes the day the next cut event happens.
    """

    def __init__(
        self,
        *,
        as_of: datetime,
        calendar: StatutoryCalendar,
        settings: Mapping[str, RuleSettings] | None = None,
        lookup: RecordLookup | None = None,
        law: LawInForce | None = None,
    ) -> None:
        self.as_of = _require_aware(as_of)
        self._as_of_date = to_local_date(self.as_of)
        self.calendar = calendar
        self.settings = dict(settings or {})
        self.lookup = lookup
        if law is None:
            law = next((item.law for item in self.settings.values()), None)
        self.law = law if law is not None else LawInForce()
        self._parameters: dict[str, dict[str, Parameter]] = {}
        #: The last subject viewed and its view: the engine evaluates several rules over the
        #: same record in a row.
        self._viewed: tuple[Any, _SubjectView] | None = None
        #: The last subject a context was made for and its :class:`Subject`.
        self._subject_id: tuple[Any, Subject | None] | None = None
        #: Views of looked-up records (an officer is looked up by many cases), by identity.
        self._record_views: OrderedDict[int, tuple[Any, Any]] = OrderedDict()

    def _record_view(self, record: Any) -> Any:
        """The as-of view of a looked-up record, remembered for the records seen last."""
        key = id(record)
        cached = self._record_views.get(key)
        if cached is not None and cached[0] is record:
            self._record_views.move_to_end(key)
            return cached[1]
        seen = _as_of_view(record, self._as_of_date)
        self._record_views[key] = (record, seen)
        if len(self._record_views) > _VIEW_CACHE_SIZE:
            self._record_views.popitem(last=False)
        return seen

    def view(self, subject: Any) -> _SubjectView:
        """``subject`` (a record or a :class:`Group`) as it stood on the evaluation date."""
        cached = self._viewed
        if cached is not None and cached[0] is subject:
            return cached[1]
        seen = _view_subject(subject, self._as_of_date)
        self._viewed = (subject, seen)
        return seen

    def context(self, rule: Rule, subject: Any, *, latest_fact: date | None = None) -> Context:
        """A fresh context for ``rule`` over ``subject`` (facts date set from the rule)."""
        parameters = self._parameters.get(rule.id)
        if parameters is None:
            settings = self.settings.get(rule.id)
            declared = rule.parameters if settings is None else settings.parameters
            parameters = self._parameters[rule.id] = (
                dict(declared)
                if isinstance(declared, Mapping)
                else {parameter.name: parameter for parameter in declared}
            )
        return Context(
            rule=rule,
            as_of=self.as_of,
            calendar=self.calendar,
            parameters=parameters,
            subject=subject,
            facts_date=rule.facts_date_of(subject),
            lookup=self.lookup,
            law=self.law,
            latest_fact=latest_fact,
            _as_of_date=self._as_of_date,
            _viewer=self._record_view,
            _subject_id=self._subject_of(subject),
        )

    def _subject_of(self, subject: Any) -> tuple[Any, Subject | None] | None:
        known = self._subject_id
        if known is not None and known[0] is subject:
            return known
        if subject is None:
            return None
        try:
            found: Subject | None = Subject.of(subject)
        except TypeError:
            found = None
        self._subject_id = (subject, found)
        return self._subject_id

    def evaluate(self, rule: Rule, subject: Any, *, catch: bool = True) -> Outcome:
        """Evaluate ``rule`` over ``subject`` (a record, or a :class:`Group` for group rules).

        A facts date outside the rule's validity skips the body (``skipped="not-in-force"``).
        :meth:`Context.undecided` and a calendar year without an official schedule become
        notes. Any other exception becomes ``Outcome.error`` (``catch=False`` lets it
        propagate, for tests).
        """
        seen = self.view(subject)
        if seen.subject is None:
            # The record had not come into being on the evaluation date.
            ctx = self.context(rule, subject)
            ctx.recheck_at(seen.next_event or self._as_of_date)
            outcome = ctx.outcome()
            return attrs.evolve(outcome, skipped="not-yet", facts_date=None)
        ctx = self.context(rule, seen.subject, latest_fact=seen.latest_event)
        if seen.next_event is not None:
            ctx.recheck_at(seen.next_event)
        if not rule.in_force(ctx.facts_date):
            return attrs.evolve(ctx.outcome(), skipped="not-in-force")
        started = _time.perf_counter()
        error: RuleErrorRecord | None = None
        complete = True
        try:
            rule(seen.subject, ctx)
        except Undecided as signal:
            complete = False
            ctx._notes.append(
                Note(
                    kind=signal.kind,
                    rule_id=rule.id,
                    subject=ctx._subject_or_none(),
                    message_zh=signal.message_zh,
                    message_en=signal.message_en,
                )
            )
        except CalendarUnavailable as exc:
            complete = False
            year = exc.year
            ctx._notes.append(
                Note(
                    kind="calendar-unavailable",
                    rule_id=rule.id,
                    subject=ctx._subject_or_none(),
                    message_zh=f"{year} 年尚无官方节假日安排，无法计算期限，暂不认定",
                    message_en=f"no official holiday schedule for {year}: the deadline "
                    "cannot be computed, nothing decided",
                    data={"year": year},
                )
            )
        except Exception as exc:
            complete = False
            if not catch:
                raise
            else:
                error = RuleErrorRecord(
                    rule_id=rule.id,
                    plugin=rule.plugin,
                    subject=ctx._subject_or_none(),
                    error_type=type(exc).__name__,
                    message=str(exc),
                    traceback="".join(traceback.format_exception(exc)),
                )
        return ctx.outcome(error=error, complete=complete, elapsed=_time.perf_counter() - started)
