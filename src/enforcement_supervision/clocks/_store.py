"""The stored clocks: written by each check, read by the CLI, the reports and the digest.

A check hands :func:`write_clocks` the clocks of every (rule, subject) it evaluated; only rows
whose content changed are written, rows whose duty is done are deleted. :func:`advance_lights`
then moves the stored light of the clocks whose yellow or red day has come (one indexed
update), so an incremental check touches the clocks of what changed and of what crossed a
threshold that day, and nothing else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

import attrs
from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, update

from enforcement_supervision.clocks._lights import (
    GREEN,
    LIGHTS,
    RED,
    YELLOW,
    LightDays,
    light_days,
    light_on,
    light_trace,
    time_left,
)
from enforcement_supervision.clocks._settings import ClockSettings
from enforcement_supervision.errors import EsupError
from enforcement_supervision.rules._clock import Clock
from enforcement_supervision.statutory_time import StatutoryCalendar, to_local_date
from enforcement_supervision.store import Store, StoreReader
from enforcement_supervision.store._internal import SubjectResult
from enforcement_supervision.store._schema import clocks

__all__ = [
    "OPEN",
    "OVERDUE",
    "ClockNotFoundError",
    "StoredClock",
    "advance_lights",
    "clock_updates",
    "drop_other_rules",
    "get_clock",
    "list_clocks",
    "mark_sent",
    "refresh_thresholds",
    "stored_pairs",
    "unsent",
    "write_clocks",
]

#: A period still running.
OPEN = "open"
#: A period that has passed with the duty not done: red, its finding open.
OVERDUE = "overdue"

_CHUNK = 500
_CONTENT = (
    "rule_id",
    "subject_key",
    "subject_type",
    "subject_id",
    "agency_id",
    "categories",
    "label",
    "started_by",
    "started_by_en",
    "start_date",
    "unit",
    "amount",
    "period",
    "strict_date",
    "rolled_date",
    "due_date",
    "rollover",
    "extensions",
    "excluded",
    "provisional",
    "trace_zh",
    "trace_en",
    "yellow_from",
    "red_from",
    "thresholds",
    "state",
)


class ClockNotFoundError(EsupError):
    """No stored clock has the given id."""


@attrs.frozen(kw_only=True)
class StoredClock:
    """A stored clock seen on one day (``as_of``): its light and the time it has left.

    ``left`` is in the clock's own unit (``unit``: working days for ``WD``, calendar days
    otherwise) and negative once the due date has passed; ``lights`` lists the days its
    light changes, in Chinese and English.
    """

    id: str
    rule_id: str
    subject_type: str
    subject_id: str
    agency_id: str | None
    categories: str | None
    label: str
    started_by: str | None
    started_by_en: str | None
    start_date: date
    unit: str
    amount: int
    period: int
    strict_date: date
    rolled_date: date | None
    due_date: date
    rollover: bool
    extensions: tuple[tuple[int, date], ...]
    excluded: int
    provisional: bool
    state: str
    yellow_from: date
    red_from: date
    as_of: date
    light: str
    left: int
    trace_zh: str
    trace_en: str
    #: The calendar the time left was counted on (also counts the days of the lights).
    calendar: StatutoryCalendar | None = attrs.field(default=None, eq=False, repr=False)

    def _lights(self, lang: str) -> tuple[str, ...]:
        if self.calendar is None:
            return ()
        return tuple(
            light_trace(
                unit=self.unit,
                start_date=self.start_date,
                due_date=self.due_date,
                days=LightDays(yellow_from=self.yellow_from, red_from=self.red_from),
                calendar=self.calendar,
                lang=lang,
            )
        )

    @property
    def lights_zh(self) -> tuple[str, ...]:
        """The day each light changes (``2025-10-20 起黄灯：剩余 4 个工作日``); empty when
        the clock was read without a calendar."""
        return self._lights("zh")

    @property
    def lights_en(self) -> tuple[str, ...]:
        return self._lights("en")

    @property
    def subject_key(self) -> str:
        return f"{self.subject_type}/{self.subject_id}"

    @property
    def due_dates_differ(self) -> bool:
        """The strict and the rolled last day differ (both are shown)."""
        return self.rolled_date is not None and self.rolled_date != self.strict_date

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule_id": self.rule_id,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "agency_id": self.agency_id,
            "categories": self.categories.split(",") if self.categories else [],
            "label": self.label,
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
            "extensions": [
                {"amount": amount, "approved_on": day.isoformat()}
                for amount, day in self.extensions
            ],
            "excluded": self.excluded,
            "provisional": self.provisional,
            "state": self.state,
            "as_of": self.as_of.isoformat(),
            "light": self.light,
            "left": self.left,
            "yellow_from": self.yellow_from.isoformat(),
            "red_from": self.red_from.isoformat(),
            "trace_zh": self.trace_zh,
            "trace_en": self.trace_en,
            "lights_zh": list(self.lights_zh),
            "lights_en": list(self.lights_en),
        }


# --------------------------------------------------------------------------------------------
# Writing


def _row(
    clock: Clock,
    *,
    subject_key: str,
    state: str,
    calendar: StatutoryCalendar,
    settings: ClockSettings,
) -> dict[str, Any]:
    days = light_days(
        unit=clock.unit,
        period=clock.period,
        start_date=clock.start_date,
        due_date=clock.due_date,
        calendar=calendar,
        thresholds=settings.for_clock(clock.rule_id, clock.category),
    )
    return {
        "rule_id": clock.rule_id,
        "subject_key": subject_key,
        "subject_type": clock.subject.record_type,
        "subject_id": clock.subject.record_id,
        "agency_id": clock.agency_id,
        "categories": clock.category,
        "label": clock.label[:255],
        "started_by": None if clock.started_by is None else clock.started_by[:255],
        "started_by_en": None if clock.started_by_en is None else clock.started_by_en[:255],
        "start_date": clock.start_date,
        "unit": clock.unit,
        "amount": clock.amount,
        "period": clock.period,
        "strict_date": clock.strict_date,
        "rolled_date": clock.rolled_date,
        "due_date": clock.due_date,
        "rollover": clock.rollover,
        "extensions": [[amount, day.isoformat()] for amount, day in clock.extensions],
        "excluded": clock.excluded,
        "provisional": clock.provisional,
        "trace_zh": clock.trace_zh,
        "trace_en": clock.trace_en,
        "yellow_from": days.yellow_from,
        "red_from": days.red_from,
        "thresholds": settings.digest,
        "state": state,
    }


def _same(old: Any, new: dict[str, Any]) -> bool:
    return all(getattr(old, name) == new[name] for name in _CONTENT)


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def write_clocks(
    store: Store,
    results: Iterable[SubjectResult],
    *,
    run_id: str,
    as_of: datetime,
    calendar: StatutoryCalendar,
    settings: ClockSettings,
    known: set[tuple[str, str]] | None = None,
) -> int:
    """Bring the stored clocks of the evaluated (rule, subject) pairs in ``results`` up to
    date; returns how many rows were written or deleted.

    ``known`` (from :func:`stored_pairs`, kept up to date here) are the (rule, subject) pairs
    that have stored clocks: the others are not looked up, so a check whose subjects mostly
    have no open deadline reads nothing for them.

    A clock the rule still watches is inserted or, when anything about it changed, updated;
    a passed clock stays, red (``overdue``), while its finding is open; a clock the rule no
    longer reports (the act is done, the record is gone) is deleted. An evaluation that
    stopped early (undecided, error) changes only the clocks it reported."""
    day = to_local_date(as_of)
    at = datetime.now(UTC)
    wanted: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    complete: set[tuple[str, str]] = set()
    for result in results:
        pair = (result.rule_id, result.subject_key)
        if result.vanished:
            wanted[pair] = {}
            complete.add(pair)
            continue
        found = result.clocks
        if found is None:
            continue
        if not found and known is not None and pair not in known:
            continue  # no clock, none stored: nothing to write (the usual case)
        rows: dict[str, dict[str, Any]] = {}
        for clock in found:
            if clock.passed and not result.findings:
                continue  # passed with no finding to carry it: nothing to warn about
            rows[clock.id] = _row(
                clock,
                subject_key=result.subject_key,
                state=OVERDUE if clock.passed else OPEN,
                calendar=calendar,
                settings=settings,
            )
        wanted[pair] = rows
        if result.complete:
            complete.add(pair)
    if known is not None:
        wanted = {pair: rows for pair, rows in wanted.items() if rows or pair in known}
    if not wanted:
        return 0
    written = 0
    with store.engine.begin() as connection:
        existing: dict[str, Any] = {}
        by_rule: dict[str, list[str]] = defaultdict(list)
        for rule_id, key in wanted:
            if known is None or (rule_id, key) in known:
                by_rule[rule_id].append(key)
        for rule_id, keys in by_rule.items():
            for chunk in _chunks(sorted(set(keys))):
                for row in connection.execute(
                    select(clocks).where(
                        clocks.c.rule_id == rule_id, clocks.c.subject_key.in_(chunk)
                    )
                ):
                    existing[row.clock_id] = row
        old_by_pair: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for row in existing.values():
            old_by_pair[(row.rule_id, row.subject_key)].append(row)
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        deletes: list[str] = []
        for pair, rows in wanted.items():
            for clock_id, new in rows.items():
                light = light_on(
                    LightDays(yellow_from=new["yellow_from"], red_from=new["red_from"]), day
                )
                if new["state"] == OVERDUE:
                    light = RED
                old = existing.get(clock_id)
                if old is None:
                    inserts.append(
                        {
                            "clock_id": clock_id,
                            **new,
                            "light": light,
                            "light_on": day,
                            "run_id": run_id,
                            "updated_at": at,
                        }
                    )
                elif not _same(old, new) or old.light != light:
                    updates.append(
                        {
                            "b_clock_id": clock_id,
                            **new,
                            "light": light,
                            "light_on": day,
                            "run_id": run_id,
                            "updated_at": at,
                        }
                    )
            if pair in complete:
                deletes.extend(
                    row.clock_id for row in old_by_pair.get(pair, ()) if row.clock_id not in rows
                )
        if inserts:
            connection.execute(insert(clocks), inserts)
        if updates:
            connection.execute(
                update(clocks).where(clocks.c.clock_id == bindparam("b_clock_id")), updates
            )
        for chunk in _chunks(sorted(deletes)):
            connection.execute(delete(clocks).where(clocks.c.clock_id.in_(chunk)))
        written = len(inserts) + len(updates) + len(deletes)
    if known is not None:
        for pair, rows in wanted.items():
            if rows:
                known.add(pair)
            elif pair in complete:
                known.discard(pair)
    return written


def stored_pairs(store: Store) -> set[tuple[str, str]]:
    """The (rule, subject) pairs that have stored clocks (for :func:`write_clocks`)."""
    with store.engine.connect() as connection:
        return {
            (str(row[0]), str(row[1]))
            for row in connection.execute(select(clocks.c.rule_id, clocks.c.subject_key).distinct())
        }


def advance_lights(store: Store, *, run_id: str, as_of: datetime) -> int:
    """Move the stored light of the open clocks whose yellow or red day has come by the
    evaluation date (an indexed update; nothing is re-evaluated); returns how many changed."""
    day = to_local_date(as_of)
    at = datetime.now(UTC)
    changed = 0
    with store.engine.begin() as connection:
        result = connection.execute(
            update(clocks)
            .where(
                clocks.c.state == OPEN,
                clocks.c.red_from <= day,
                clocks.c.light != RED,
            )
            .values(light=RED, light_on=day, run_id=run_id, updated_at=at)
        )
        changed += result.rowcount or 0
        result = connection.execute(
            update(clocks)
            .where(
                clocks.c.state == OPEN,
                clocks.c.yellow_from <= day,
                clocks.c.red_from > day,
                clocks.c.light == GREEN,
            )
            .values(light=YELLOW, light_on=day, run_id=run_id, updated_at=at)
        )
        changed += result.rowcount or 0
    return changed


def drop_other_rules(store: Store, rule_ids: Iterable[str]) -> int:
    """Delete the clocks of rules not in ``rule_ids`` (a rule disabled, removed or no longer
    installed watches nothing any more); returns how many were deleted."""
    keep = sorted(set(rule_ids))
    with store.engine.begin() as connection:
        query = delete(clocks)
        if keep:
            query = query.where(clocks.c.rule_id.not_in(keep))
        return connection.execute(query).rowcount or 0


def refresh_thresholds(
    store: Store,
    *,
    calendar: StatutoryCalendar,
    settings: ClockSettings,
    run_id: str,
    as_of: datetime | None = None,
) -> int:
    """Recompute the light days of the clocks stored under other thresholds (the ``[clocks]``
    configuration changed), and their light on the day of ``as_of`` (a clock may be green
    again under a narrower threshold); returns how many were rewritten."""
    digest = settings.digest
    day = None if as_of is None else to_local_date(as_of)
    done = 0
    while True:
        with store.engine.begin() as connection:
            rows = connection.execute(
                select(
                    clocks.c.clock_id,
                    clocks.c.rule_id,
                    clocks.c.categories,
                    clocks.c.unit,
                    clocks.c.period,
                    clocks.c.start_date,
                    clocks.c.due_date,
                    clocks.c.state,
                    clocks.c.light,
                )
                .where(clocks.c.thresholds != digest)
                .limit(_CHUNK)
            ).all()
            if not rows:
                return done
            updates = []
            for row in rows:
                days = light_days(
                    unit=row.unit,
                    period=row.period,
                    start_date=row.start_date,
                    due_date=row.due_date,
                    calendar=calendar,
                    thresholds=settings.for_clock(row.rule_id, row.categories),
                )
                light = row.light
                if day is not None and row.state == OPEN:
                    light = light_on(days, day)
                updates.append(
                    {
                        "b_clock_id": row.clock_id,
                        "yellow_from": days.yellow_from,
                        "red_from": days.red_from,
                        "thresholds": digest,
                        "light": light,
                        "run_id": run_id,
                    }
                )
            connection.execute(
                update(clocks).where(clocks.c.clock_id == bindparam("b_clock_id")), updates
            )
            done += len(updates)


def clock_updates(store: Store, run_id: str) -> int:
    """How many clocks the run ``run_id`` wrote (inserted, changed or moved to a new light)
    that still exist."""
    with store.engine.connect() as connection:
        return int(
            connection.execute(
                select(func.count()).select_from(clocks).where(clocks.c.run_id == run_id)
            ).scalar_one()
        )


# --------------------------------------------------------------------------------------------
# Reading


def _view(row: Any, day: date, calendar: StatutoryCalendar | None) -> StoredClock:
    light = RED if row.state == OVERDUE else light_on(_days(row), day)
    if calendar is not None:
        left = time_left(row.unit, row.due_date, day, calendar)
    else:
        left = (row.due_date - day).days
        left = min(left, -1) if day > row.due_date else left
    return StoredClock(
        id=row.clock_id,
        rule_id=row.rule_id,
        subject_type=row.subject_type,
        subject_id=row.subject_id,
        agency_id=row.agency_id,
        categories=row.categories,
        label=row.label,
        started_by=row.started_by,
        started_by_en=row.started_by_en,
        start_date=row.start_date,
        unit=row.unit,
        amount=row.amount,
        period=row.period,
        strict_date=row.strict_date,
        rolled_date=row.rolled_date,
        due_date=row.due_date,
        rollover=bool(row.rollover),
        extensions=tuple(
            (int(amount), date.fromisoformat(str(day_text)))
            for amount, day_text in (row.extensions or ())
        ),
        excluded=row.excluded,
        provisional=bool(row.provisional),
        state=row.state,
        yellow_from=row.yellow_from,
        red_from=row.red_from,
        as_of=day,
        light=light,
        left=left,
        trace_zh=row.trace_zh,
        trace_en=row.trace_en,
        calendar=calendar,
    )


def _days(row: Any) -> LightDays:
    return LightDays(yellow_from=row.yellow_from, red_from=row.red_from)


def list_clocks(
    store: Store,
    *,
    as_of: date,
    light: str | Iterable[str] | None = None,
    due_by: date | None = None,
    agency: str | None = None,
    rule: str | None = None,
    calendar: StatutoryCalendar | None = None,
    limit: int | None = None,
) -> list[StoredClock]:
    """The stored clocks with their light on ``as_of``, ordered by due date.

    ``light`` keeps those of one light (or several); without it the green and yellow ones are
    listed (the running periods; red ones are findings already). ``due_by`` keeps those due
    on or before that day; ``agency`` and ``rule`` filter by id. Each light is one index
    range: yellow is ``yellow_from <= as_of < red_from`` on the open clocks."""
    if light is None:
        wanted = {GREEN, YELLOW}
    elif isinstance(light, str):
        wanted = {light}
    else:
        wanted = set(light)
    unknown = wanted - set(LIGHTS)
    if unknown:
        raise ValueError(f"unknown light(s) {sorted(unknown)}: choose from {', '.join(LIGHTS)}")
    conditions = []
    if GREEN in wanted:
        conditions.append(and_(clocks.c.state == OPEN, clocks.c.yellow_from > as_of))
    if YELLOW in wanted:
        conditions.append(
            and_(
                clocks.c.state == OPEN,
                clocks.c.yellow_from <= as_of,
                clocks.c.red_from > as_of,
            )
        )
    if RED in wanted:
        conditions.append(
            or_(
                clocks.c.state == OVERDUE,
                and_(clocks.c.state == OPEN, clocks.c.red_from <= as_of),
            )
        )
    query = select(clocks).where(or_(*conditions))
    if due_by is not None:
        query = query.where(clocks.c.due_date <= due_by)
    if agency is not None:
        query = query.where(clocks.c.agency_id == agency)
    if rule is not None:
        query = query.where(clocks.c.rule_id == rule)
    # Clocks opened after the day asked about did not exist yet.
    query = query.where(clocks.c.start_date <= as_of)
    query = query.order_by(clocks.c.due_date, clocks.c.rule_id, clocks.c.subject_key)
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as connection:
        rows = connection.execute(query).all()
    return [_view(row, as_of, calendar) for row in rows]


def get_clock(
    store: Store, clock_id: str, *, as_of: date, calendar: StatutoryCalendar | None = None
) -> StoredClock:
    """One stored clock by id (a unique prefix of at least 6 digits also finds it)."""
    with store.engine.connect() as connection:
        row = connection.execute(select(clocks).where(clocks.c.clock_id == clock_id)).first()
        if row is None and len(clock_id) >= 6:
            found = connection.execute(
                select(clocks).where(clocks.c.clock_id.like(f"{clock_id}%")).limit(2)
            ).all()
            row = found[0] if len(found) == 1 else None
    if row is None:
        raise ClockNotFoundError(
            f"没有编号为 {clock_id} 的期限时钟", f"no clock with id {clock_id}"
        )
    return _view(row, as_of, calendar)


# --------------------------------------------------------------------------------------------
# What the digest sent


def unsent(
    store: Store | StoreReader,
    *,
    light: str,
    channel: str,
    as_of: date,
    calendar: StatutoryCalendar | None,
) -> list[StoredClock]:
    """The clocks whose stored light is ``light`` on ``as_of`` and that ``channel`` has not
    sent for that light yet (``store``: a store, or the ``run.store`` a run hook gets)."""
    rows = store.delivery_ledger().unsent(light=light, channel=channel)
    return [_view(row, as_of, calendar) for row in rows]


def mark_sent(
    store: Store | StoreReader,
    clock_ids: Iterable[str],
    *,
    light: str,
    channel: str,
    on: date,
) -> int:
    """Remember that ``channel`` sent ``light`` for these clocks (never twice; ``store``: a
    store, or the ``run.store`` a run hook gets)."""
    return store.delivery_ledger().mark_sent(clock_ids, light=light, channel=channel, on=on)
