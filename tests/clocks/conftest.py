"""Fixtures of the clock tests: the sample township checked day by day through the 2025
National Day holiday (Oct 1–8; Sunday 2025-09-28 and Saturday 2025-10-11 are make-up
working days), with the two deadline rules whose clocks the tests follow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest

from enforcement_supervision.clocks import StoredClock, list_clocks
from enforcement_supervision.config import Config, load_config
from enforcement_supervision.engine import query_findings, run_check
from enforcement_supervision.sample import SampleTownship, generate_township, write_township
from enforcement_supervision.statutory_time import StatutoryCalendar, default_calendar
from enforcement_supervision.store import Store

RULES = ("PEN-DECISION-90D", "LIC-DECISION-20WD")
#: Accepted 2025-09-22; 20 working days across the holiday and both make-up days → 10-24;
#: decided 10-28 (the planted E8 of the sample).
LICENCE = "LA-2025-046"
#: Filed 2025-07-02; 90 days → 09-30, extended by 30 days on 09-19 → 10-30; decided 10-13.
EXTENDED_CASE = "PC-2025-0172"
#: Filed 2025-07-24; 90 days → Wednesday 10-22. The sample decides it on 10-09; the
#: late variant of the tests decides it on 10-24 instead and closes it on 11-10.
LATE_CASE = "PC-2025-0192"
LATE_DECISION = dt.date(2025, 10, 24)
LATE_CLOSURE = dt.date(2025, 11, 10)
FIRST = dt.date(2025, 9, 1)
LAST = dt.date(2025, 10, 31)
CALENDAR: StatutoryCalendar = default_calendar()


@attrs.frozen
class Day:
    """What one day's check left: the clocks of the followed subjects, the open findings."""

    clocks: Mapping[str, StoredClock]
    findings: frozenset[tuple[str, str, str]]
    yellow: tuple[str, ...]


def days(first: dt.date = FIRST, last: dt.date = LAST) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.fixture(scope="session")
def township() -> SampleTownship:
    return generate_township()


@pytest.fixture(scope="session")
def township_dir(township: SampleTownship, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clock-township")
    write_township(out, township)
    return out


def late_variant(township: SampleTownship) -> list[Any]:
    """The township's records with :data:`LATE_CASE` decided on :data:`LATE_DECISION`."""
    records = []
    for record in township:
        if record.record_type == "penalty-case" and record.id == LATE_CASE:
            record = attrs.evolve(
                record,
                decision=attrs.evolve(record.decision, decision_date=LATE_DECISION),
                # Closed after the late decision (the sample closes it on 10-21).
                closure=attrs.evolve(record.closure, closed_date=LATE_CLOSURE),
            )
        records.append(record)
    return records


def with_clocks(config: Config, section: Mapping[str, Any]) -> Config:
    return Config(data={**config.data, "clocks": dict(section)}, path=config.path)


def check_day_by_day(
    store: Store,
    config: Config,
    *,
    first: dt.date = FIRST,
    last: dt.date = LAST,
    follow: tuple[str, ...] = (LICENCE, EXTENDED_CASE, LATE_CASE),
) -> dict[dt.date, Day]:
    """Check ``store`` once a day from ``first`` to ``last``; what each day left."""
    seen: dict[dt.date, Day] = {}
    for day in days(first, last):
        run_check(store, as_of=day, config=config, rules=list(RULES))
        listed = list_clocks(store, as_of=day, light=("green", "yellow", "red"), calendar=CALENDAR)
        seen[day] = Day(
            clocks={c.subject_id: c for c in listed if c.subject_id in follow},
            findings=frozenset(
                (s.finding.rule_id, s.finding.subject.record_id, s.finding.key)
                for s in query_findings(store, active=True, rules=RULES)
            ),
            yellow=tuple(sorted(c.subject_id for c in listed if c.light == "yellow")),
        )
    return seen


@pytest.fixture(scope="session")
def sample_config(township_dir: Path) -> Config:
    return load_config(township_dir / "esup.toml")


@pytest.fixture(scope="session")
def checked(
    township: SampleTownship, sample_config: Config, tmp_path_factory: pytest.TempPathFactory
) -> dict[dt.date, Day]:
    """The late variant checked day by day with the default thresholds (SQLite)."""
    path = tmp_path_factory.mktemp("clocks-daily") / "esup.sqlite"
    with Store.open(path) as store:
        store.put_records(late_variant(township))
        return check_day_by_day(store, sample_config)


@pytest.fixture(scope="session")
def database(
    township: SampleTownship, sample_config: Config, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The late variant checked day by day from 2025-10-01 to Monday 2025-10-20 (SQLite):
    the penalty clock (due 10-22) and the licence clock (due 10-24) are yellow."""
    path = tmp_path_factory.mktemp("clocks-cli") / "esup.sqlite"
    with Store.open(path) as store:
        store.put_records(late_variant(township))
        check_day_by_day(
            store, sample_config, first=dt.date(2025, 10, 1), last=dt.date(2025, 10, 20)
        )
    return path
