"""A :class:`~enforcement_supervision.rules.RecordLookup` backed by the store."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from enforcement_supervision._host import Subject
from enforcement_supervision.model import structure_record, structure_trusted
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import fetch_records, records

__all__ = ["StoreLookup", "structure_stored"]

_MISSING = object()


def structure_stored(record_type: str, payload: Any) -> Any:
    """A record from its stored payload: the fast path for payloads in the stored form,
    the validating path (whose errors say what is wrong) for anything else — a payload
    written by an older release, say."""
    try:
        return structure_trusted(record_type, payload)
    except Exception:
        return structure_record(record_type, payload)


class StoreLookup:
    """Gives rules the current version of the records they look up (``ctx.lookup``).

    Keeps the most recently used ``cache_size`` records (and misses) in memory: a case
    looking up its officers rarely needs a query, and memory stays bounded. One instance
    serves one check run; it does not see records stored after they were first read.
    """

    def __init__(self, store: Store, *, cache_size: int = 20_000) -> None:
        self.store = store
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self.queries = 0

    def get(self, record_type: str, record_id: str) -> Any | None:
        """The current version of the record, or ``None`` when there is none."""
        key = (record_type, str(record_id))
        cached = self._cache.get(key, None)
        if cached is not None:
            self._cache.move_to_end(key)
            return None if cached is _MISSING else cached
        self.queries += 1
        with self.store.engine.connect() as connection:
            payload = connection.execute(
                select(records.c.payload)
                .where(records.c.record_type == record_type)
                .where(records.c.record_id == key[1])
                .where(records.c.is_current.is_(True))
            ).scalar()
        record = None if payload is None else structure_stored(record_type, payload)
        self._remember(key, record)
        return record

    def prime(self, items: Iterable[Any]) -> None:
        """Remember records already read (so lookups of them need no query)."""
        for record in items:
            subject = Subject.of(record)
            self._remember((subject.record_type, subject.record_id), record)

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the records of ``keys`` (``"type/id"``) not in memory yet, in bulk, and
        remember them (and the ones that do not exist): the lookups a batch of evaluations is
        about to make, known from their previous run, cost a few queries instead of one each.
        A record that cannot be structured is left to :meth:`get` (which raises as before)."""
        wanted: list[str] = []
        for key in keys:
            record_type, _, record_id = key.partition("/")
            if (record_type, record_id) not in self._cache:
                wanted.append(key)
        if not wanted:
            return
        found = fetch_records(self.store, wanted[: self.cache_size // 2])
        for key in wanted[: self.cache_size // 2]:
            record_type, _, record_id = key.partition("/")
            item = found.get(key)
            if item is None:
                self._remember((record_type, record_id), None)
                continue
            try:
                record = structure_stored(record_type, item[1])
            except Exception:
                continue
            self._remember((record_type, record_id), record)

    def _remember(self, key: tuple[str, str], record: Any | None) -> None:
        self._cache[key] = _MISSING if record is None else record
        self._cache.move_to_end(key)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
