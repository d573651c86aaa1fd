"""What record ids stand for, in words a person reads (masked for the report's audience).

Rules write findings for machines as much as for people: their messages may still quote
record ids (``CM-2025-015``), agency ids, party ids, inspection-item codes. People-facing
formats replace each by what it names — the case or document number officials use, else a
Chinese description from :data:`~enforcement_supervision.reports.vocabulary.RECORD_TERMS`,
an agency's name, a party's name, an item's name — taken from the records as masked for the
audience (:func:`~enforcement_supervision.privacy.mask_record`), so a name substituted for an
id is masked exactly as the record's own field would be.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select, type_coerce
from sqlalchemy.types import NullType

from enforcement_supervision.privacy import Audience, mask_record
from enforcement_supervision.reports.vocabulary import (
    _FIELD,
    enum_label,
    format_date,
    people_text,
    record_terms,
)
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import records
from enforcement_supervision.store._json import json_loads

__all__ = ["Names", "PeopleContext"]

_CHUNK = 900
_FETCH = (
    f"SELECT {records.c.record_id.name}, {records.c.payload.name} FROM {records.name} "
    f"WHERE {records.c.record_type.name} = {{mark}} AND {records.c.is_current.name} = {{mark}} "
    f"AND {records.c.record_id.name} IN ({{ids}})"
)


def _raw(column: Any) -> Any:
    """``column`` as the driver gives it (no SQLAlchemy result processing)."""
    return type_coerce(column, NullType()).label(column.name)


_ID_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_\-.]*[A-Za-z0-9]")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _get(payload: Mapping[str, Any], path: str) -> Any:
    value: Any = payload
    for part in _path_parts(path):
        # Payloads are plain dicts: skip the slower abstract-class check for them.
        if type(value) is not dict and not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


@functools.lru_cache(maxsize=1024)
def _path_parts(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def _shown(value: Any) -> Any:
    """A payload value as a description shows it (dates in Chinese, enums by label)."""
    if isinstance(value, str):
        return _shown_text(value)
    return value


@functools.lru_cache(maxsize=65536)
def _shown_text(value: str) -> str:
    # A pure function of the text (the vocabulary's tables are fixed; a date has no token
    # a deployment's sector names could match): dates and codes repeat across records.
    if _ISO.match(value):
        return people_text(value)
    label = enum_label(value)
    return label if label is not None else value


def describe(record_type: str, payload: Mapping[str, Any], *, long: bool) -> str:
    """A record as people name it: its official number, else a description (the first
    template of its terms whose every field is present, as :func:`~enforcement_supervision.
    reports.vocabulary.fill` fills it)."""
    label, numbers, templates = _describer(record_type, long)
    for field in numbers:
        number = payload.get(field)
        if number:
            return f"{label}（{number}）" if long else str(number)
    for head, fields in templates:
        out = [head]
        for path, tail in fields:
            value: Any = payload
            for part in path:
                # Payloads are plain dicts: skip the slower abstract-class check for them.
                if type(value) is not dict and not isinstance(value, Mapping):
                    value = None
                    break
                value = value.get(part)
            if isinstance(value, str):
                value = _shown_text(value)
            if value in (None, ""):
                break
            out.append(str(value))
            out.append(tail)
        else:
            return "".join(out)
    return label


@functools.lru_cache(maxsize=512)
def _describer(
    record_type: str, long: bool
) -> tuple[str, tuple[str, ...], tuple[tuple[str, tuple[tuple[tuple[str, ...], str], ...]], ...]]:
    """The terms of ``record_type`` made ready for :func:`describe`: its label, its number
    fields and its templates in the order tried, each as its leading text and, per field, the
    field's path and the text after it."""
    terms = record_terms(record_type)
    ordered = (terms.long + terms.short) if long else (terms.short + terms.long)
    templates = []
    for template in ordered:
        pieces = _FIELD.split(template)
        fields = tuple(
            (tuple(pieces[index].split(".")), pieces[index + 1])
            for index in range(1, len(pieces), 2)
        )
        templates.append((pieces[0], fields))
    return terms.label, terms.numbers, tuple(templates)


def _parties(payload: Any, found: dict[str, str]) -> None:
    """Collect ``party_id → name`` from every party object inside a payload."""
    if isinstance(payload, Mapping):
        party_id = payload.get("party_id")
        name = payload.get("name")
        if isinstance(party_id, str) and isinstance(name, str) and name:
            found.setdefault(party_id, name)
        for value in payload.values():
            if isinstance(value, Mapping | list):
                _parties(value, found)
    elif isinstance(payload, list):
        for item in payload:
            _parties(item, found)


class PeopleContext:
    """What stays the same for a whole report: the audience, the agencies' names, the
    inspection-item and matter codes of the published lists, and an index of record ids (read
    lazily, once, the first time a text quotes an id that is not already known)."""

    def __init__(
        self, store: Store, *, audience: Audience, salt: str, agency_names: Mapping[str, str]
    ) -> None:
        self.store = store
        self.audience = audience
        self.salt = salt
        self.agency_names = dict(agency_names)
        self._index: dict[str, list[str]] | None = None
        self.codes: dict[str, str] = {}
        with store.engine.connect() as connection:
            for row in connection.execute(
                select(records.c.payload)
                .where(records.c.record_type == "matter-list")
                .where(records.c.is_current.is_(True))
            ):
                for item in (row.payload or {}).get("items") or ():
                    if isinstance(item, Mapping) and item.get("code") and item.get("name"):
                        self.codes.setdefault(str(item["code"]), str(item["name"]))

    def index(self) -> dict[str, list[str]]:
        """``record id → record types`` of every current record."""
        if self._index is None:
            found: dict[str, list[str]] = {}
            with self.store.engine.connect() as connection:
                for record_type, record_id in connection.execution_options(
                    yield_per=10_000
                ).execute(
                    select(_raw(records.c.record_type), _raw(records.c.record_id)).where(
                        records.c.is_current.is_(True)
                    )
                ):
                    found.setdefault(str(record_id), []).append(str(record_type))
            self._index = found
        return self._index

    def masked(self, record_type: str, payload: Mapping[str, Any]) -> Mapping[str, Any]:
        if self.audience is Audience.INTERNAL:
            return payload  # read only: no copy needed
        return mask_record(record_type, payload, self.audience, salt=self.salt)

    def names(self, keys: Iterable[str], texts: Iterable[str]) -> Names:
        """The :class:`Names` of a batch: the records ``keys`` (``type/id``) and every record
        an id-like token of ``texts`` names."""
        wanted = set(keys)
        tokens = {token for value in texts for token in _ID_TOKEN.findall(value)}
        unknown = {
            token for token in tokens if token not in self.agency_names and token not in self.codes
        }
        if unknown:
            index = self.index()
            for token in unknown:
                for record_type in index.get(token, ()):
                    wanted.add(f"{record_type}/{token}")
        return Names(self, self.fetch(wanted) if wanted else {})

    def fetch(self, keys: Iterable[str]) -> dict[str, tuple[str, Mapping[str, Any]]]:
        """The current payload of each record key that exists (``key → (type, payload)``),
        read as the driver gives it (no SQLAlchemy type processing; JSON decoded here)."""
        by_type: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            record_type, _, record_id = key.partition("/")
            by_type[record_type].append(record_id)
        found: dict[str, tuple[str, Mapping[str, Any]]] = {}
        with self.store.engine.connect() as connection:
            # Plain SQL with one placeholder per id: SQLAlchemy's expanding IN parameters
            # cost more per id than the database's lookup of it.
            mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
            for record_type, ids in sorted(by_type.items()):
                wanted = sorted(set(ids))
                for start in range(0, len(wanted), _CHUNK):
                    chunk = wanted[start : start + _CHUNK]
                    rows = connection.exec_driver_sql(
                        _FETCH.format(mark=mark, ids=", ".join([mark] * len(chunk))),
                        (record_type, True, *chunk),
                    )
                    for record_id, payload in rows.all():
                        if isinstance(payload, str | bytes):
                            payload = json_loads(payload)
                        found[f"{record_type}/{record_id}"] = (record_type, payload)
        return found


class Names:
    """The ids of one batch of findings and what they stand for."""

    def __init__(
        self, context: PeopleContext, loaded: Mapping[str, tuple[str, Mapping[str, Any]]]
    ) -> None:
        self.context = context
        self.raw = loaded
        self.masked: dict[str, tuple[str, Mapping[str, Any]]] = {
            key: (record_type, context.masked(record_type, payload))
            for key, (record_type, payload) in loaded.items()
        }
        self._parties: dict[str, str] | None = None
        self._by_id: dict[str, str | None] = {}
        self._first_key: dict[str, str] | None = None
        self._keys_by_id: dict[str, list[str]] = {}

    @property
    def parties(self) -> dict[str, str]:
        """``party_id → name`` of every party object in the loaded records (collected the
        first time a token is looked up past the agencies)."""
        if self._parties is None:
            found: dict[str, str] = {}
            for _, (_, payload) in sorted(self.masked.items()):
                _parties(payload, found)
            self._parties = found
        return self._parties

    def _described(self, record_id: str) -> str | None:
        """The short description of the record with this id (the first key in sorted order
        when several types share it), described once, when a text first quotes it."""
        if record_id in self._by_id:
            return self._by_id[record_id]
        if self._first_key is None:
            first: dict[str, str] = {}
            for key in sorted(self.masked):
                first.setdefault(key.partition("/")[2], key)
            self._first_key = first
        first_key = self._first_key.get(record_id)
        found = None
        if first_key is not None:
            record_type, payload = self.masked[first_key]
            found = describe(record_type, payload, long=False)
        self._by_id[record_id] = found
        return found

    def keys_in(self, texts: Iterable[str]) -> set[str]:
        """The keys of the loaded records whose ids the ``texts`` quote."""
        if not self._keys_by_id:
            for key in self.raw:
                self._keys_by_id.setdefault(key.partition("/")[2], []).append(key)
        return {
            key
            for value in texts
            for token in _ID_TOKEN.findall(value)
            for key in self._keys_by_id.get(token, ())
        }

    def name(self, token: str) -> str | None:
        agency = self.context.agency_names.get(token)
        if agency is not None:
            return agency
        parties = self.parties
        if token in parties:
            return parties[token]
        code = self.context.codes.get(token)
        if code is not None:
            return f"“{code}”"
        return self._described(token)

    def text(self, value: str, own: str | None = None) -> str:
        """``value`` in official Chinese; ``own`` is the id of the record the text is about
        (shown beside it already): it is left out rather than repeated."""
        if own is None:
            return people_text(value, self.name)

        def name(token: str) -> str | None:
            return "" if token == own else self.name(token)

        return people_text(value, name)

    def subject(self, record_type: str, record_id: str, lang: str) -> str:
        """The subject of a finding as the row or notice item names it."""
        key = f"{record_type}/{record_id}"
        found = self.masked.get(key)
        if lang == "en":
            terms = record_terms(record_type)
            return f"{terms.label_en} {record_id}"
        if found is not None:
            return describe(found[0], found[1], long=True)
        terms = record_terms(record_type)
        named = self.name(record_id)
        if named is not None:
            return f"{terms.label}{named}"
        return terms.label

    def date(self, value: Any) -> str:
        return format_date(value, "zh") if value is not None else ""
