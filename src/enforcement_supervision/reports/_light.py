"""The light read path of the ledger (监督台账): what one finding contributes to its ledger
row, read from a few columns of the store without rebuilding the finding.

The ledger shows, per finding, its rule, severity, categories, status, dates, the message
and the subject as people read them, the articles it cites and its follow-through; it never
shows the statement of reasons, the evidence or the deadline traces. So the ledger's rows
are read with an untyped select of the columns it needs (no SQLAlchemy type processing),
the JSON columns are decoded with msgspec into only the fields that matter (the texts that
may quote record ids, the articles, the date of the facts, the evidence's records) and the
citations are worked out once per distinct list of articles. What people read is made by
the same code as for every other format (:class:`~enforcement_supervision.reports._people.
Names`, the audience's masking): :class:`LedgerRow` holds the same values a
:class:`~enforcement_supervision.reports._model.FindingRow` of that finding would, and
``tests/reports/test_ledger_light.py`` compares the two on every backend.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import msgspec

from enforcement_supervision.reports._model import FindingRow, FollowThrough
from enforcement_supervision.rules import Category, LegalBasis, Severity
from enforcement_supervision.statutory_time import to_local_date
from enforcement_supervision.store._json import json_loads

__all__ = [
    "EMPTY_FOLLOW",
    "LedgerRow",
    "LightParts",
    "RawFindingRow",
    "light_parts",
    "read_ahead",
    "utc_moment",
]

#: The follow-through of a finding without follow-through events (most of them).
EMPTY_FOLLOW = FollowThrough()


class LedgerRow:
    """One finding as the ledger shows it (the fields of its
    :class:`~enforcement_supervision.reports._model.FindingRow` the ledger reads)."""

    __slots__ = (
        "active",
        "addressed_to",
        "agency_id",
        "categories",
        "citations_en",
        "citations_zh",
        "deadline",
        "fact_date",
        "fingerprint",
        "follow",
        "found_on",
        "group",
        "overdue",
        "people_message",
        "record_type_label",
        "rule_id",
        "severity",
        "status",
        "subject_id",
        "subject_label",
        "subject_type",
    )

    def __init__(
        self,
        *,
        fingerprint: str,
        rule_id: str,
        severity: str,
        categories: tuple[str, ...],
        status: str,
        active: bool,
        agency_id: str | None,
        subject_type: str,
        subject_id: str,
        addressed_to: str | None,
        subject_label: str,
        record_type_label: str,
        people_message: str,
        found_on: date,
        fact_date: date | None,
        deadline: date | None,
        overdue: bool,
        follow: FollowThrough,
        group: str,
        citations_zh: tuple[str, ...],
        citations_en: tuple[str, ...],
    ) -> None:
        self.fingerprint = fingerprint
        self.rule_id = rule_id
        self.severity = severity
        self.categories = categories
        self.status = status
        self.active = active
        self.agency_id = agency_id
        self.subject_type = subject_type
        self.subject_id = subject_id
        self.addressed_to = addressed_to
        self.subject_label = subject_label
        self.record_type_label = record_type_label
        self.people_message = people_message
        self.found_on = found_on
        self.fact_date = fact_date
        self.deadline = deadline
        self.overdue = overdue
        self.follow = follow
        self.group = group
        self.citations_zh = citations_zh
        self.citations_en = citations_en

    @property
    def waived(self) -> bool:
        return self.status == "waived"

    def citations(self, lang: str) -> tuple[str, ...]:
        return self.citations_en if lang == "en" else self.citations_zh

    def values(self) -> tuple[Any, ...]:
        """Every field, in slot order (for comparisons in tests)."""
        return tuple(getattr(self, name) for name in self.__slots__)

    @classmethod
    def of(cls, row: FindingRow) -> LedgerRow:
        """The ledger's view of a full row (a report whose rows come from elsewhere than the
        store, e.g. held in memory)."""
        finding = row.finding
        return cls(
            fingerprint=finding.fingerprint,
            rule_id=finding.rule_id,
            severity=row.severity,
            categories=row.categories,
            status=row.status,
            active=row.active,
            agency_id=finding.agency_id,
            subject_type=finding.subject.record_type,
            subject_id=finding.subject.record_id,
            addressed_to=row.addressed_to,
            subject_label=row.subject_label,
            record_type_label=row.record_type_label,
            people_message=row.people_message,
            found_on=row.found_on,
            fact_date=row.fact_date,
            deadline=row.deadline,
            overdue=row.overdue,
            follow=row.follow,
            group=row.group,
            citations_zh=tuple(row.citations("zh")),
            citations_en=tuple(row.citations("en")),
        )


# --------------------------------------------------------------------------------------------
# The JSON columns, decoded into what the ledger needs


class _Deadline(msgspec.Struct):
    label: str
    trace_zh: str = ""


_NULL = msgspec.Raw(b"null")


class _Reasons(msgspec.Struct):
    facts: dict[str, Any] | None = None
    articles: msgspec.Raw = _NULL
    deadlines: list[_Deadline] | None = None
    notes: list[list[Any]] | None = None
    facts_date: str | None = None


class _Evidence(msgspec.Struct):
    description: Any
    record_type: Any = None
    record_id: Any = None


_decode_reasons = msgspec.json.Decoder(_Reasons).decode
_decode_evidence = msgspec.json.Decoder(list[_Evidence]).decode


class LightParts:
    """What the ledger needs of a finding's statement of reasons and evidence."""

    __slots__ = ("citations", "evidence_keys", "facts_date", "texts")

    def __init__(
        self,
        texts: list[str],
        citations: tuple[tuple[str, ...], tuple[str, ...]],
        facts_date: date | None,
        evidence_keys: list[str],
    ) -> None:
        #: The texts that may quote record ids, besides the message (as ``_texts``).
        self.texts = texts
        #: The articles cited, in Chinese and in English.
        self.citations = citations
        self.facts_date = facts_date
        self.evidence_keys = evidence_keys


_NO_CITATIONS: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
#: Citations by the JSON text of the articles (most findings cite the same few).
_CITATIONS: dict[bytes, tuple[tuple[str, ...], tuple[str, ...]]] = {}
_DAYS: dict[Any, date] = {}


def _citations_of(items: Iterable[Mapping[str, Any]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    bases = [LegalBasis.from_dict(item) for item in items]
    return tuple(b.cite("zh") for b in bases), tuple(b.cite("en") for b in bases)


def _raw_citations(raw: msgspec.Raw) -> tuple[tuple[str, ...], tuple[str, ...]]:
    key = bytes(raw)
    found = _CITATIONS.get(key)
    if found is None:
        if len(_CITATIONS) > 10_000:
            _CITATIONS.clear()
        found = _CITATIONS[key] = _citations_of(json_loads(key) or ())
    return found


def day(value: Any) -> date | None:
    """A ``Date`` column's value as the driver gives it (text on SQLite)."""
    if value is None or value == "":
        return None
    found = _DAYS.get(value)
    if found is None:
        if len(_DAYS) > 100_000:
            _DAYS.clear()
        if isinstance(value, str):
            parsed = date.fromisoformat(value)
        elif isinstance(value, datetime):
            parsed = value.date()
        else:
            parsed = value
        found = _DAYS[value] = date(parsed.year, parsed.month, parsed.day)
    return found


def _optional_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    return date.fromisoformat(str(value))


def _fact_texts(facts: Mapping[str, Any] | None, texts: list[str]) -> None:
    for value in (facts or {}).values():
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            texts.extend(item for item in value if isinstance(item, str))


def _parts_from_dict(reasons: Mapping[str, Any]) -> tuple[list[str], Any, date | None]:
    """``(texts, citations, facts date)`` from decoded reasons (as
    ``Reasons.trusted_from_dict`` reads them)."""
    texts = [str(item.get("trace_zh", "")) for item in reasons.get("deadlines") or ()]
    texts.extend(str(item[0]) for item in reasons.get("notes") or ())
    _fact_texts(reasons.get("facts"), texts)
    articles = reasons.get("articles") or ()
    citations = _citations_of(articles) if articles else _NO_CITATIONS
    return texts, citations, _optional_date(reasons.get("facts_date"))


def _evidence_keys(items: Iterable[Any]) -> list[str]:
    keys = []
    for item in items:
        if isinstance(item, Mapping):
            record_type, record_id = item.get("record_type"), item.get("record_id")
        else:
            record_type, record_id = item.record_type, item.record_id
        if record_type and record_id:
            keys.append(f"{record_type}/{record_id}")
    return keys


def light_parts(reasons: Any, evidence: Any) -> LightParts:
    """The ledger's parts of a finding's ``reasons`` and ``evidence`` columns, as the driver
    gives them (JSON text, or already decoded)."""
    parts: tuple[list[str], Any, date | None] | None = None
    if isinstance(reasons, str | bytes):
        try:
            decoded = _decode_reasons(reasons)
        except msgspec.MsgspecError:
            reasons = json_loads(reasons)
        else:
            texts = [item.trace_zh for item in decoded.deadlines or ()]
            texts.extend(str(item[0]) for item in decoded.notes or ())
            _fact_texts(decoded.facts, texts)
            parts = (texts, _raw_citations(decoded.articles), _optional_date(decoded.facts_date))
    if parts is None:
        parts = _parts_from_dict(reasons or {})
    keys: list[str] = []
    if isinstance(evidence, str | bytes):
        if evidence not in ("[]", b"[]"):
            try:
                keys = _evidence_keys(_decode_evidence(evidence))
            except msgspec.MsgspecError:
                keys = _evidence_keys(json_loads(evidence) or ())
    elif evidence:
        keys = _evidence_keys(evidence)
    return LightParts(parts[0], parts[1], parts[2], keys)


# --------------------------------------------------------------------------------------------
# Column values as drivers give them


_MOMENTS: dict[Any, date] = {}


def local_day(value: Any) -> date:
    """The Shanghai date of a ``UtcDateTime`` column's value as the driver gives it (naive UTC;
    text on SQLite)."""
    found = _MOMENTS.get(value)
    if found is None:
        if len(_MOMENTS) > 100_000:
            _MOMENTS.clear()
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        found = _MOMENTS[value] = to_local_date(moment.replace(tzinfo=UTC))
    return found


_SEVERITIES: dict[str, str] = {}
_CATEGORIES: dict[str, tuple[str, ...]] = {}


def severity_value(value: str) -> str:
    found = _SEVERITIES.get(value)
    if found is None:
        found = _SEVERITIES[value] = Severity.parse(value).value
    return found


def category_values(value: str) -> tuple[str, ...]:
    found = _CATEGORIES.get(value)
    if found is None:
        if len(_CATEGORIES) > 1000:
            _CATEGORIES.clear()
        found = _CATEGORIES[value] = tuple(c.value for c in Category.parse_many(value))
    return found


# --------------------------------------------------------------------------------------------
# Reading ahead

_T = TypeVar("_T")


def read_ahead(produce: Callable[[], Iterator[_T]], depth: int = 2) -> Iterator[_T]:
    """The items of ``produce()``, made by a thread of its own up to ``depth`` items ahead:
    a database driver lets other threads run while it reads (SQLite while it walks its
    pages), so the next batch is read while this one is worked on. ``produce`` opens and
    closes its connection in that thread."""
    items: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: tuple[str, Any]) -> bool:
        while not stop.is_set():
            try:
                items.put(item, timeout=0.1)
            except queue.Full:
                continue
            return True
        return False

    def run() -> None:
        made = produce()
        try:
            for item in made:
                if not put(("item", item)):
                    return
            put(("done", None))
        except BaseException as error:  # raised in the reading thread
            put(("error", error))
        finally:
            close = getattr(made, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=run, name="ledger-read-ahead", daemon=True)
    _coarser_switching(True)
    thread.start()
    try:
        while True:
            kind, value = items.get()
            if kind == "item":
                yield value
            elif kind == "error":
                raise value
            else:
                return
    finally:
        stop.set()
        thread.join()
        _coarser_switching(False)


#: While threads read ahead, the interpreter lets a thread run this long before it asks it to
#: let another run (Python's default is 5 ms): both threads work in long stretches (a batch
#: each), and switching every 5 ms between them cost about a tenth of the ledger's reading
#: time (each switch leaves the other thread's data out of the processor's caches).
SWITCH_INTERVAL = 0.05
_switching = threading.Lock()
_readers = 0
_previous_interval = 0.005


def _coarser_switching(start: bool) -> None:
    """Lengthen the switch interval for the first reader that starts; restore it when the
    last one ends."""
    global _readers, _previous_interval
    with _switching:
        if start:
            if _readers == 0:
                _previous_interval = sys.getswitchinterval()
                sys.setswitchinterval(max(SWITCH_INTERVAL, _previous_interval))
            _readers += 1
        else:
            _readers -= 1
            if _readers == 0:
                sys.setswitchinterval(_previous_interval)


# --------------------------------------------------------------------------------------------
# Full stored findings, read untyped (every other format)


class RawFindingRow:
    """A ``findings`` row as the driver gave it, converted to what SQLAlchemy's types would
    have given (JSON decoded, dates and aware UTC date-times), with attribute access: what
    :func:`~enforcement_supervision.store._internal.stored_finding_from_row` reads."""

    __slots__ = FINDING_COLUMNS = (
        "fingerprint",
        "rule_id",
        "rule_version",
        "plugin",
        "subject_type",
        "subject_id",
        "agency_id",
        "severity",
        "categories",
        "status",
        "message_zh",
        "message_en",
        "reasons",
        "evidence",
        "due_date",
        "first_seen_run",
        "last_seen_run",
        "opened_at",
        "updated_at",
        "resolved_at",
        "in_baseline",
        "finding_key",
        "detected",
        "fact_date",
    )

    def __init__(self, raw: Any) -> None:
        (
            self.fingerprint,
            self.rule_id,
            self.rule_version,
            self.plugin,
            self.subject_type,
            self.subject_id,
            self.agency_id,
            self.severity,
            self.categories,
            self.status,
            self.message_zh,
            self.message_en,
            reasons,
            evidence,
            due_date,
            self.first_seen_run,
            self.last_seen_run,
            opened_at,
            updated_at,
            resolved_at,
            self.in_baseline,
            self.finding_key,
            self.detected,
            fact_date,
        ) = raw
        self.reasons = json_loads(reasons) if isinstance(reasons, str | bytes) else reasons
        self.evidence = json_loads(evidence) if isinstance(evidence, str | bytes) else evidence
        self.due_date = day(due_date)
        self.fact_date = day(fact_date)
        self.opened_at = utc_moment(opened_at)
        self.updated_at = utc_moment(updated_at)
        self.resolved_at = None if resolved_at is None else utc_moment(resolved_at)


_UTC_MOMENTS: dict[Any, datetime] = {}


def utc_moment(value: Any) -> datetime:
    """A ``UtcDateTime`` column's value as the driver gives it (naive UTC; text on SQLite)
    as the aware UTC date-time the column type gives."""
    found = _UTC_MOMENTS.get(value)
    if found is None:
        if len(_UTC_MOMENTS) > 100_000:
            _UTC_MOMENTS.clear()
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        found = _UTC_MOMENTS[value] = moment.replace(tzinfo=UTC)
    return found
