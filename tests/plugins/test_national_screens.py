"""The national pack's screens in the engine, on each database.

``esup check --verify-screens`` (``EngineSettings(verify_screens=True)``) of the sample township
on past days and at the year's end, with the screens' Python form and with their SQL form in
the full scan (one query per screened rule, on SQLite, PostgreSQL and MariaDB): every subject is
evaluated, and a finding or open statutory clock outside a screen would be a run error. On a
past day the facts dated later are not seen, so deadlines still run: the screens must keep
those subjects. With screens on, the same findings come out as without them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from esup_national_rules import RULES as NATIONAL_RULES

from enforcement_supervision._host import load_plugins
from enforcement_supervision.config import Config, load_config
from enforcement_supervision.engine import EngineSettings, _screens, run_check
from enforcement_supervision.ingest import import_file
from enforcement_supervision.sample import CONFIG_FILE, generate_township, write_township
from enforcement_supervision.store import Store, query_findings

#: Every screened rule of the pack, the five core rules of the SQL baseline included: a check
#: as of a past day must see their open duties too.
SCREENED = sorted(rule.id for rule in NATIONAL_RULES if rule.screen is not None)
DAYS = ("2025-03-31", "2025-08-15", "2025-12-31")


@pytest.fixture(scope="module")
def township(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Config]:
    folder = tmp_path_factory.mktemp("national-screens") / "township"
    write_township(folder, generate_township(seed=2025, year=2025))
    return folder, load_config(folder / CONFIG_FILE)


def _import(store: Store, folder: Path) -> None:
    for path in sorted(folder.glob("*.jsonl")):
        assert not import_file(store, path).rejects


def _findings(store: Store) -> set[tuple[Any, ...]]:
    return {
        (f.fingerprint, f.status, f.detected, f.finding.fact_date, f.finding.message_en)
        for f in query_findings(store, rules=SCREENED)
    }


@pytest.mark.parametrize("sql", [False, True], ids=["python", "sql"])
def test_verify_national_screens(
    db_url: str, township: tuple[Path, Config], sql: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_screens, "SQL_IN_FULL_SCANS", sql)
    folder, config = township
    manager = load_plugins(config)
    with Store.open(db_url) as store:
        _import(store, folder)
        for day in DAYS:
            result = run_check(
                store,
                as_of=day,
                config=config,
                manager=manager,
                mode="full",
                rules=SCREENED,
                settings=EngineSettings(verify_screens=True),
            )
            assert not result.errors, (day, result.errors)
            note = next(n for n in result.notes if n["kind"] == "screens-verified")
            assert note["evaluated_outside"] > 0


def test_national_screens_change_no_finding(tmp_path: Path, township: tuple[Path, Config]) -> None:
    folder, config = township
    manager = load_plugins(config)
    stores = {screens: Store.open(tmp_path / f"{screens}.sqlite") for screens in (False, True)}
    try:
        for store in stores.values():
            _import(store, folder)
        for day in DAYS:
            results = {
                screens: run_check(
                    store,
                    as_of=day,
                    config=config,
                    manager=manager,
                    mode="full",
                    rules=SCREENED,
                    settings=EngineSettings(screens=screens),
                )
                for screens, store in stores.items()
            }
            assert _findings(stores[True]) == _findings(stores[False]), day
            assert results[True].evaluated < results[False].evaluated
    finally:
        for store in stores.values():
            store.close()
