"""Clocks through real checks on every backend: stored by the check that evaluates, turned
red with the finding, closed with the decision; the same with worker processes; a changed
threshold applies to the stored clocks at the next check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from enforcement_supervision.clocks import list_clocks
from enforcement_supervision.config import Config
from enforcement_supervision.engine import EngineSettings, query_findings, run_check
from enforcement_supervision.sample import SampleTownship
from enforcement_supervision.store import Store

from .conftest import CALENDAR, LATE_CASE, LICENCE, RULES, late_variant, with_clocks

D = dt.date


@pytest.fixture
def store(db_url: str, township: SampleTownship) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        opened.put_records(late_variant(township))
        yield opened


def lights(store: Store, day: dt.date) -> dict[str, str]:
    return {
        c.subject_id: c.light
        for c in list_clocks(store, as_of=day, light=("green", "yellow", "red"), calendar=CALENDAR)
        if c.subject_id in (LICENCE, LATE_CASE)
    }


def test_checks_store_turn_red_and_close_the_clocks(store: Store, sample_config: Config) -> None:
    for day, expected in (
        (D(2025, 10, 19), {LICENCE: "green", LATE_CASE: "yellow"}),
        (D(2025, 10, 20), {LICENCE: "yellow", LATE_CASE: "yellow"}),
        (D(2025, 10, 23), {LICENCE: "yellow", LATE_CASE: "red"}),
        (D(2025, 10, 25), {LICENCE: "red"}),
        (D(2025, 10, 28), {}),
    ):
        run_check(store, as_of=day, config=sample_config, rules=list(RULES))
        assert lights(store, day) == expected, day
    late = {
        (s.finding.rule_id, s.finding.subject.record_id)
        for s in query_findings(store, active=True, rules=RULES)
    }
    assert {("PEN-DECISION-90D", LATE_CASE), ("LIC-DECISION-20WD", LICENCE)} <= late


def test_worker_processes_store_the_same_clocks(
    tmp_path: Path, township: SampleTownship, sample_config: Config
) -> None:
    seen = []
    for workers in (1, 2):
        with Store.open(tmp_path / f"w{workers}.sqlite") as store:
            store.put_records(late_variant(township))
            run_check(
                store,
                as_of=D(2025, 10, 20),
                config=sample_config,
                rules=list(RULES),
                settings=EngineSettings(batch_size=50, workers=workers),
            )
            seen.append(
                [
                    (c.id, c.light, c.due_date)
                    for c in list_clocks(store, as_of=D(2025, 10, 20), light=("green", "yellow"))
                ]
            )
    assert seen[0] == seen[1]
    assert len(seen[0]) > 2


def test_a_changed_threshold_applies_at_the_next_check(store: Store, sample_config: Config) -> None:
    run_check(store, as_of=D(2025, 10, 10), config=sample_config, rules=list(RULES))
    assert lights(store, D(2025, 10, 11))[LICENCE] == "green"
    wider = with_clocks(
        sample_config, {"rules": {"LIC-DECISION-20WD": {"yellow_working_days": 10}}}
    )
    run_check(store, as_of=D(2025, 10, 11), config=wider, rules=list(RULES))
    assert lights(store, D(2025, 10, 11))[LICENCE] == "yellow"


def test_a_disabled_rule_leaves_no_clock(store: Store, sample_config: Config) -> None:
    run_check(store, as_of=D(2025, 10, 20), config=sample_config, rules=list(RULES))
    assert set(lights(store, D(2025, 10, 20))) == {LICENCE, LATE_CASE}
    rules = dict(sample_config.section("rules"))
    rules["LIC-DECISION-20WD"] = {**rules.get("LIC-DECISION-20WD", {}), "enabled": False}
    disabled = Config(data={**sample_config.data, "rules": rules}, path=sample_config.path)
    run_check(store, as_of=D(2025, 10, 21), config=disabled, rules=["PEN-DECISION-90D"])
    assert set(lights(store, D(2025, 10, 21))) == {LATE_CASE}
