"""Findings and their statement of reasons."""

from __future__ import annotations

import functools
import hashlib
import json
import types
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, Protocol, TypeVar

import attrs

from enforcement_supervision.rules._basis import LegalBasis
from enforcement_supervision.rules._json import JSONValue, to_json_value
from enforcement_supervision.rules._messages import deadline_phrase
from enforcement_supervision.rules._severity import Category, Severity

__all__ = [
    "DeadlineReason",
    "Evidence",
    "Finding",
    "Reasons",
    "Subject",
    "fingerprint",
]

#: Version of the JSON form of a finding (``Finding.to_dict()["schema"]``).
FINDING_SCHEMA_VERSION = 2


class _HasRecordIdentity(Protocol):
    @property
    def id(self) -> str: ...


@attrs.frozen(kw_only=True, order=True)
class Subject:
    """What a finding is about: a record type and id (``penalty-case`` / ``PC-2024-001``), or
    a group name and key (``enterprise`` / ``E-17``)."""

    record_type: str
    record_id: str = attrs.field(converter=str)

    @property
    def key(self) -> str:
        """``"record_type/record_id"``: one text key, used by the engine's per-subject state."""
        return f"{self.record_type}/{self.record_id}"

    @classmethod
    def of(cls, value: Any) -> Subject:
        """A :class:`Subject` from a record (``record_type`` + ``id``), a group, a ``(type,
        id)`` pair or a ``"type/id"`` key."""
        if isinstance(value, Subject):
            return value
        subject = getattr(value, "subject", None)
        if isinstance(subject, Subject):  # a Group
            return subject
        if isinstance(value, tuple) and len(value) == 2:
            return cls(record_type=str(value[0]), record_id=value[1])
        if isinstance(value, str) and "/" in value:
            head, _, tail = value.partition("/")
            return cls(record_type=head, record_id=tail)
        kind = getattr(type(value), "record_type", None) or getattr(value, "record_type", None)
        identifier = getattr(value, "id", None)
        if isinstance(kind, str) and identifier is not None:
            return cls(record_type=kind, record_id=identifier)
        raise TypeError(f"cannot tell the subject of {value!r}: give a record or (type, id)")

    def __str__(self) -> str:
        return self.key


def fingerprint(rule_id: str, subject: Subject, key: str = "") -> str:
    """The deterministic fingerprint of a finding: SHA-256 (hex) of the rule id, the subject
    and the rule-chosen key, and of nothing else (no timestamps, run ids or versions), so the
    same problem is the same finding across runs and machines."""
    payload = json.dumps(
        [rule_id, subject.record_type, subject.record_id, key],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _optional_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):  # plain dates (not provisional or pendulum subclasses)
        return date(value.year, value.month, value.day)
    return date.fromisoformat(str(value))


@attrs.frozen(kw_only=True)
class DeadlineReason:
    """A deadline as it appears in a statement of reasons: its dates and its trace text.

    ``due_date`` is the date the rule judged by; ``strict_date`` and ``rolled_date`` show the
    period end before and after rolling over a rest day; ``trace_zh``/``trace_en`` are the
    calendar's own explanation ("立案 2024-09-09 + 90 日 = 2024-12-08 (周日) → 顺延至 2024-12-09").
    """

    label: str
    due_date: date | None = attrs.field(converter=_optional_date)
    strict_date: date | None = attrs.field(default=None, converter=_optional_date)
    rolled_date: date | None = attrs.field(default=None, converter=_optional_date)
    trace_zh: str = ""
    trace_en: str = ""
    provisional: bool = False

    @classmethod
    def from_deadline(cls, label: str, deadline: Any) -> DeadlineReason:
        """From a :class:`~enforcement_supervision.statutory_time.Deadline` (or anything with
        its attributes)."""
        return cls(
            label=label,
            due_date=getattr(deadline, "due_date", None),
            strict_date=getattr(deadline, "strict_date", None),
            rolled_date=getattr(deadline, "rolled_date", None),
            trace_zh=_trace(deadline, "zh"),
            trace_en=_trace(deadline, "en"),
            provisional=bool(getattr(deadline, "provisional", False)),
        )

    def trace(self, lang: str = "zh") -> str:
        return self.trace_en if lang == "en" else self.trace_zh

    def label_in(self, lang: str = "zh") -> str:
        """The label in ``lang``: a ``"中文 / English"`` label shows the half of that language."""
        zh, sep, en = self.label.partition(" / ")
        if not sep:
            return self.label
        return en if lang == "en" else zh

    def statement(self, lang: str = "zh") -> str:
        """The last day said plainly, then the calendar's trace: ``期限届满日 2026-10-13
        （当日仍在期限内）；立案 …`` (the day itself is always still in time)."""
        trace = self.trace(lang)
        if self.due_date is None:
            return trace
        head = deadline_phrase(self.due_date, lang)
        return f"{head}{'; ' if lang == 'en' else '；'}{trace}" if trace else head

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "label": self.label,
            "due_date": to_json_value(self.due_date),
            "strict_date": to_json_value(self.strict_date),
            "rolled_date": to_json_value(self.rolled_date),
            "trace_zh": self.trace_zh,
            "trace_en": self.trace_en,
            "provisional": self.provisional,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DeadlineReason:
        return cls(
            label=data["label"],
            due_date=data.get("due_date"),
            strict_date=data.get("strict_date"),
            rolled_date=data.get("rolled_date"),
            trace_zh=data.get("trace_zh", ""),
            trace_en=data.get("trace_en", ""),
            provisional=bool(data.get("provisional", False)),
        )


def _trace(deadline: Any, lang: str) -> str:
    trace_text = getattr(deadline, "trace_text", None)
    if callable(trace_text):
        return str(trace_text(lang))
    return str(getattr(deadline, "due_date", ""))


def _json_mapping(value: Mapping[str, Any] | None) -> dict[str, JSONValue]:
    if not value:
        return {}
    return {str(key): to_json_value(item) for key, item in value.items()}


def _articles(value: Iterable[LegalBasis]) -> tuple[LegalBasis, ...]:
    return tuple(value)


def _deadline_reasons(value: Iterable[DeadlineReason]) -> tuple[DeadlineReason, ...]:
    return tuple(value)


def _evidence(value: Iterable[Evidence]) -> tuple[Evidence, ...]:
    return tuple(value)


def _categories(value: Category | str | Iterable[Category | str]) -> tuple[Category, ...]:
    return Category.parse_many(value)


def _severity(value: Severity | str) -> Severity:
    return Severity.parse(value)


def _display(value: Mapping[str, Mapping[str, Any]] | None) -> dict[str, dict[str, str]]:
    if not value:
        return {}
    return {
        str(lang): {str(name): str(text) for name, text in texts.items()}
        for lang, texts in value.items()
        if texts
    }


def _text_pairs(value: Iterable[Any]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for item in value:
        if isinstance(item, str):
            pairs.append((item, item))
        else:
            zh, en = item
            pairs.append((str(zh), str(en)))
    return tuple(pairs)


@attrs.frozen(kw_only=True, eq=True)
class Reasons:
    """The statement of reasons of a finding (说明理由).

    ``facts`` are the facts the rule used (name → JSON-ready value); ``articles`` the
    provisions applied; ``deadlines`` the computed deadlines with their traces;
    ``parameters`` and ``readings`` the configurable values and interpretation choices in
    force for these facts; ``facts_date`` the date whose law was applied; ``provisional`` is
    set when a deadline rests on a calendar year without an official schedule; ``notes`` are
    further (zh, en) remarks, e.g. exceptions considered and rejected. ``display`` holds,
    per language, the text of the facts whose JSON form is not how that language says them
    (an enumeration's Chinese label, a :class:`Text`, 是/否), so that each statement is in
    its own language.
    """

    facts: dict[str, JSONValue] = attrs.field(factory=dict, converter=_json_mapping)
    articles: tuple[LegalBasis, ...] = attrs.field(default=(), converter=_articles)
    deadlines: tuple[DeadlineReason, ...] = attrs.field(default=(), converter=_deadline_reasons)
    parameters: dict[str, JSONValue] = attrs.field(factory=dict, converter=_json_mapping)
    readings: dict[str, JSONValue] = attrs.field(factory=dict, converter=_json_mapping)
    facts_date: date | None = attrs.field(default=None, converter=_optional_date)
    provisional: bool = False
    notes: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_text_pairs)
    display: dict[str, dict[str, str]] = attrs.field(factory=dict, converter=_display)

    def render(self, lang: str = "zh") -> str:
        """The statement as plain text lines in ``lang`` (facts, basis, deadlines, values)."""
        en = lang == "en"
        shown = self.display.get("en" if en else "zh", {})
        lines: list[str] = []
        if self.facts:
            lines.append("Facts:" if en else "事实：")
            lines.extend(
                f"  {name} = {shown.get(name, _show(value))}" for name, value in self.facts.items()
            )
        if self.articles:
            lines.append("Basis:" if en else "依据：")
            lines.extend(f"  {basis.cite(lang)}" for basis in self.articles)
        if self.deadlines:
            lines.append("Deadlines:" if en else "期限：")
            lines.extend(f"  {d.label_in(lang)}: {d.statement(lang)}" for d in self.deadlines)
        if self.parameters:
            lines.append("Parameters:" if en else "参数：")
            lines.extend(f"  {name} = {_show(v)}" for name, v in self.parameters.items())
        if self.readings:
            lines.append("Readings:" if en else "解释选择：")
            lines.extend(f"  {name} = {_show(v)}" for name, v in self.readings.items())
        if self.facts_date is not None:
            lines.append(
                f"Law as of the facts date {self.facts_date}"
                if en
                else f"适用事实发生日 {self.facts_date} 有效的规定"
            )
        if self.provisional:
            lines.append(
                "Provisional: a calendar year without an official schedule was used"
                if en
                else "暂定：使用了尚无官方安排的年度日历"
            )
        for zh_note, en_note in self.notes:
            lines.append(en_note if en else zh_note)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "facts": dict(self.facts),
            "articles": [basis.to_dict() for basis in self.articles],
            "deadlines": [deadline.to_dict() for deadline in self.deadlines],
            "parameters": dict(self.parameters),
            "readings": dict(self.readings),
            "facts_date": to_json_value(self.facts_date),
            "provisional": self.provisional,
            "notes": [[zh, en] for zh, en in self.notes],
            **(
                {"display": {lang: dict(texts) for lang, texts in self.display.items()}}
                if self.display
                else {}
            ),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reasons:
        return cls(
            facts=data.get("facts") or {},
            articles=[LegalBasis.from_dict(item) for item in data.get("articles") or ()],
            deadlines=[DeadlineReason.from_dict(item) for item in data.get("deadlines") or ()],
            parameters=data.get("parameters") or {},
            readings=data.get("readings") or {},
            facts_date=data.get("facts_date"),
            provisional=bool(data.get("provisional", False)),
            notes=[tuple(item) for item in data.get("notes") or ()],
            display=data.get("display") or {},
        )

    @classmethod
    def trusted_from_dict(cls, data: Mapping[str, Any]) -> Reasons:
        """:meth:`from_dict` for the output of :meth:`to_dict` read back from JSON (the
        store): the JSON-ready mappings are taken as they are instead of being converted
        again. Gives a :class:`Reasons` equal to ``from_dict(data)`` for such data."""
        facts_date = data.get("facts_date")
        return _trusted(
            cls,
            facts=data.get("facts") or {},
            articles=tuple(_stored_basis(item) for item in data.get("articles") or ()),
            deadlines=tuple(_stored_deadline(item) for item in data.get("deadlines") or ()),
            parameters=data.get("parameters") or {},
            readings=data.get("readings") or {},
            facts_date=_optional_date(facts_date),
            provisional=bool(data.get("provisional", False)),
            notes=tuple((str(item[0]), str(item[1])) for item in data.get("notes") or ()),
            display=data.get("display") or {},
        )


_T = TypeVar("_T")

#: Citations read back from the store, by their JSON form: most findings cite the same few
#: provisions, and a :class:`LegalBasis` is immutable, so one instance serves them all.
_BASES: dict[tuple[tuple[str, Any], ...], LegalBasis] = {}


def _stored_basis(data: Mapping[str, Any]) -> LegalBasis:
    try:
        key = tuple(data.items())
        found = _BASES.get(key)
    except TypeError:  # an unhashable value: build it each time
        return LegalBasis.from_dict(data)
    if found is None:
        if len(_BASES) > 10_000:
            _BASES.clear()
        found = _BASES[key] = LegalBasis.from_dict(data)
    return found


def _stored_deadline(data: Mapping[str, Any]) -> DeadlineReason:
    """:meth:`DeadlineReason.from_dict` without the attrs machinery (stored JSON: the types
    are known)."""
    return _trusted(
        DeadlineReason,
        label=data["label"],
        due_date=_optional_date(data.get("due_date")),
        strict_date=_optional_date(data.get("strict_date")),
        rolled_date=_optional_date(data.get("rolled_date")),
        trace_zh=data.get("trace_zh", ""),
        trace_en=data.get("trace_en", ""),
        provisional=bool(data.get("provisional", False)),
    )


def stored_evidence(data: Mapping[str, Any]) -> Evidence:
    """:meth:`Evidence.from_dict` for evidence read back from the store (its value is JSON
    already: no conversion)."""
    return _trusted(
        Evidence,
        description=data["description"],
        record_type=data.get("record_type"),
        record_id=data.get("record_id"),
        field=data.get("field"),
        value=data.get("value"),
        source=data.get("source"),
        content_hash=data.get("content_hash"),
    )


def _trusted(cls: type[_T], **fields: Any) -> _T:
    """An instance of the frozen attrs class ``cls`` with ``fields`` set as given: no
    converters, validators or defaults run, so every field must be given, already in its
    final type. Only for values read back from the store."""
    setters = _SETTERS.get(cls)
    if setters is None:
        setters = _SETTERS[cls] = _setters(cls)
    instance = object.__new__(cls)
    for name, value in fields.items():
        setters[name](instance, value)
    return instance


#: Per class, each field's setter: the slot's own descriptor (about twice as fast as
#: ``object.__setattr__``, which looks it up on every call), else ``object.__setattr__``.
_SETTERS: dict[type, dict[str, Callable[[Any, Any], None]]] = {}


def _setters(cls: type) -> dict[str, Callable[[Any, Any], None]]:
    found: dict[str, Callable[[Any, Any], None]] = {}
    for field in attrs.fields(cls):
        name = field.name
        owner = next((klass for klass in cls.__mro__ if name in vars(klass)), None)
        slot = vars(owner).get(name) if owner is not None else None
        if isinstance(slot, types.MemberDescriptorType):
            found[name] = slot.__set__
        else:
            found[name] = functools.partial(_set_attribute, name=name)
    return found


def _set_attribute(instance: Any, value: Any, *, name: str) -> None:
    object.__setattr__(instance, name, value)


def _show(value: JSONValue) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


@attrs.frozen(kw_only=True)
class Evidence:
    """A pointer to what supports a finding: a record (and field), or a document.

    ``content_hash`` and ``source`` let evidence custody be checked later.
    """

    description: str
    record_type: str | None = None
    record_id: str | None = None
    field: str | None = None
    value: JSONValue = attrs.field(default=None, converter=to_json_value)
    source: str | None = None
    content_hash: str | None = None

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "description": self.description,
            "record_type": self.record_type,
            "record_id": self.record_id,
            "field": self.field,
            "value": self.value,
            "source": self.source,
            "content_hash": self.content_hash,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        return cls(
            description=data["description"],
            record_type=data.get("record_type"),
            record_id=data.get("record_id"),
            field=data.get("field"),
            value=data.get("value"),
            source=data.get("source"),
            content_hash=data.get("content_hash"),
        )


@attrs.frozen(kw_only=True)
class Finding:
    """One problem a rule found, with everything needed to act on it.

    Built by :meth:`Context.finding`; rules never compute the fingerprint themselves. The
    ``fingerprint`` hashes ``rule_id``, ``subject`` and ``key`` only (see :func:`fingerprint`).
    ``to_dict()``/``from_dict()`` give a JSON-ready form that round-trips exactly.
    """

    rule_id: str
    rule_version: str
    subject: Subject
    severity: Severity = attrs.field(converter=_severity)
    categories: tuple[Category, ...] = attrs.field(converter=_categories)
    message_zh: str
    message_en: str
    reasons: Reasons = attrs.field(factory=Reasons)
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=_evidence)
    key: str = ""
    agency_id: str | None = None
    due: date | None = attrs.field(default=None, converter=_optional_date)
    #: The date of the facts: the day of the act, or, for a duty not done, the first day past
    #: the deadline's last day. Never the run date, never after the evaluation date.
    fact_date: date | None = attrs.field(default=None, converter=_optional_date)
    fingerprint: str = attrs.field()

    @fingerprint.default
    def _fingerprint_default(self) -> str:
        return fingerprint(self.rule_id, self.subject, self.key)

    def __attrs_post_init__(self) -> None:
        expected = fingerprint(self.rule_id, self.subject, self.key)
        if self.fingerprint != expected:
            raise ValueError(
                f"fingerprint {self.fingerprint} does not match rule id, subject and key "
                f"(expected {expected})"
            )

    @property
    def provisional(self) -> bool:
        return self.reasons.provisional

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def statement(self, lang: str = "zh") -> str:
        """The message followed by the rendered statement of reasons, in ``lang``."""
        head = f"[{self.rule_id} {self.severity.value}] {self.subject.key}: {self.message(lang)}"
        body = self.reasons.render(lang)
        return f"{head}\n{body}" if body else head

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "schema": FINDING_SCHEMA_VERSION,
            "fingerprint": self.fingerprint,
            "rule_id": self.rule_id,
            "rule_version": self.rule_version,
            "subject_type": self.subject.record_type,
            "subject_id": self.subject.record_id,
            "key": self.key,
            "agency_id": self.agency_id,
            "severity": self.severity.value,
            "categories": [category.value for category in self.categories],
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "reasons": self.reasons.to_dict(),
            "evidence": [item.to_dict() for item in self.evidence],
            "due": to_json_value(self.due),
            "fact_date": to_json_value(self.fact_date),
        }

    @classmethod
    def trusted(
        cls,
        *,
        rule_id: str,
        rule_version: str,
        subject: Subject,
        severity: Severity,
        categories: tuple[Category, ...],
        message_zh: str,
        message_en: str,
        reasons: Reasons,
        evidence: tuple[Evidence, ...],
        key: str,
        agency_id: str | None,
        due: date | None,
        fingerprint: str,
        fact_date: date | None = None,
    ) -> Finding:
        """A finding from values already in their final types and a fingerprint known to
        match (a finding stored by the engine, read back): no converters, no validation and
        no hashing. Building findings from rows was most of the cost of reading them; for
        anything not read from the store use the constructor or :meth:`from_dict`."""
        return _trusted(
            cls,
            rule_id=rule_id,
            rule_version=rule_version,
            subject=subject,
            severity=severity,
            categories=categories,
            message_zh=message_zh,
            message_en=message_en,
            reasons=reasons,
            evidence=evidence,
            key=key,
            agency_id=agency_id,
            due=due,
            fact_date=fact_date,
            fingerprint=fingerprint,
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """The inverse of :meth:`to_dict`; the fingerprint is checked, not trusted."""
        finding = cls(
            rule_id=data["rule_id"],
            rule_version=str(data["rule_version"]),
            subject=Subject(record_type=data["subject_type"], record_id=data["subject_id"]),
            severity=data["severity"],
            categories=data["categories"],
            message_zh=data["message_zh"],
            message_en=data["message_en"],
            reasons=Reasons.from_dict(data.get("reasons") or {}),
            evidence=[Evidence.from_dict(item) for item in data.get("evidence") or ()],
            key=data.get("key", ""),
            agency_id=data.get("agency_id"),
            due=data.get("due"),
            fact_date=data.get("fact_date"),
        )
        stored = data.get("fingerprint")
        if stored is not None and stored != finding.fingerprint:
            raise ValueError(
                f"stored fingerprint {stored} does not match the finding ({finding.fingerprint})"
            )
        return finding
