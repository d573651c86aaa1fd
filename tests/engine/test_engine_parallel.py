"""Evaluation in worker processes gives exactly what a serial run gives.

Two copies of the same store are checked side by side, one serially and one with worker
processes (small batches, so that there are many tasks in flight and their outputs must be
put back in order), and everything the runs wrote is compared: findings, the order and kind
of their events, the engine's subject state, dependencies and group memberships, and the
run's counts, errors and notes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from enforcement_supervision._host import load_plugins
from enforcement_supervision.cli import main
from enforcement_supervision.config import Config, load_config
from enforcement_supervision.engine import EngineSettings, RunResult, run_check
from enforcement_supervision.errors import ConfigurationError
from enforcement_supervision.ingest import import_file
from enforcement_supervision.model import structure_record, unstructure_record
from enforcement_supervision.sample import CONFIG_FILE, generate_township, write_township
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import (
    finding_events,
    findings,
    group_members,
    rule_dependencies,
    rule_state,
)

from .conftest import make_manager
from .rules_for_tests import CORE_RULES, agency, boom, lead, summary_rule

AS_OF = "2025-12-31"


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a run writes that must not depend on how it was computed (ids of runs
    and wall-clock stamps aside)."""
    with store.engine.connect() as connection:
        return {
            "findings": sorted(
                (
                    row.fingerprint,
                    row.rule_id,
                    row.subject_id,
                    row.status,
                    row.severity,
                    row.message_zh,
                    row.due_date,
                    repr(row.reasons),
                )
                for row in connection.execute(select(findings))
            ),
            "events": [
                (row.kind, row.fingerprint)
                for row in connection.execute(
                    select(finding_events).order_by(finding_events.c.event_id)
                )
            ],
            "state": sorted(
                (row.rule_id, row.subject_key, row.input_hash, row.recheck_at)
                for row in connection.execute(select(rule_state))
            ),
            "dependencies": sorted(
                tuple(row) for row in connection.execute(select(rule_dependencies))
            ),
            "members": sorted(tuple(row) for row in connection.execute(select(group_members))),
        }


def summary(result: RunResult) -> dict[str, Any]:
    return {
        **{
            name: getattr(result, name)
            for name in ("evaluated", "skipped", "not_in_force", "opened", "resolved", "active")
        },
        "errors": sorted((e.kind, e.rule_id, e.count, e.subjects) for e in result.errors),
        "notes": sorted(repr(note) for note in result.notes),
        "note_counts": result.note_counts,
        "evaluated_per_rule": {
            rule_id: timing["evaluated"] for rule_id, timing in result.rule_timings.items()
        },
    }


@pytest.fixture(scope="module")
def township(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Config]:
    """The sample township imported into a SQLite file (copied for each run)."""
    folder = tmp_path_factory.mktemp("parallel")
    write_township(folder / "township", generate_township(seed=2025, year=2025))
    with Store.open(folder / "base.sqlite") as store:
        for path in sorted((folder / "township").glob("*.jsonl")):
            assert not import_file(store, path).rejects
    return folder / "base.sqlite", load_config(folder / "township" / CONFIG_FILE)


@pytest.fixture
def two_stores(township: tuple[Path, Config], tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    base, _ = township
    copies = []
    for name in ("serial", "parallel"):
        target = tmp_path / f"{name}.sqlite"
        shutil.copy(base, target)
        copies.append(Store.open(target))
    yield copies[0], copies[1]
    for store in copies:
        store.close()


def change_some_cases(store: Store, share: int = 7) -> int:
    """Every ``share``-th penalty case gets a changed cause and loses its decision date's
    delivery (a new version each): some findings open, some resolve."""
    changed = []
    for index, stored in enumerate(store.iter_records("penalty-case")):
        if index % share:
            continue
        data = unstructure_record(stored.record)
        data["cause"] = f"{data.get('cause') or ''}（补正）"
        data.pop("delivery", None)
        changed.append(structure_record("penalty-case", data))
    store.put_records(changed)
    return len(changed)


def test_the_installed_packs_give_the_same_findings_in_two_workers(
    township: tuple[Path, Config], two_stores: tuple[Store, Store]
) -> None:
    _, config = township
    manager = load_plugins(config)

    def check_both(as_of: str, mode: str) -> tuple[RunResult, RunResult]:
        serial, parallel = (
            run_check(
                store,
                as_of=as_of,
                config=config,
                manager=manager,
                mode=mode,
                settings=EngineSettings(batch_size=50, workers=workers),
            )
            for store, workers in zip(two_stores, (1, 2), strict=True)
        )
        assert summary(parallel) == summary(serial)
        assert snapshot(two_stores[1]) == snapshot(two_stores[0])
        return serial, parallel

    serial, _ = check_both(AS_OF, "full")
    assert serial.opened > 40  # the township's planted violations, and the rest

    # The next day, after changes: incremental runs (group rules in the workers).
    assert change_some_cases(two_stores[0]) == change_some_cases(two_stores[1]) > 10
    serial, _ = check_both("2026-01-01", "incremental")
    assert serial.opened + serial.resolved > 0


def test_rule_errors_and_notes_come_back_from_the_workers(db_url: str) -> None:
    """On every database backend: the workers open their own connections."""
    manager = make_manager(*CORE_RULES, boom, summary_rule)
    runs = {}
    for workers in (1, 3):
        with Store.open(db_url) as store:
            store.downgrade("base")  # the same empty database for both runs
            store.migrate()
            store.put_records(
                [agency("AG-1"), agency("AG-2")]
                + [
                    lead(
                        f"L-{index:03d}",
                        agency_id=("AG-1", "AG-2", "AG-404")[index % 3],
                        received_date=f"2025-01-{1 + index % 28:02d}",
                        summary=(None, "boom", "涉嫌违法", "正常")[index % 4],
                    )
                    for index in range(60)
                ]
            )
            result = run_check(
                store,
                as_of="2025-03-01",
                manager=manager,
                settings=EngineSettings(batch_size=4, workers=workers),
            )
            runs[workers] = (summary(result), snapshot(store))
    serial, parallel = runs[1], runs[3]
    assert any(error[1] == "T-BOOM" for error in serial[0]["errors"])
    assert serial[0]["note_counts"].get("undecided", 0) > 0
    assert parallel == serial


def test_workers_setting_is_validated_and_zero_means_one_per_cpu() -> None:
    assert EngineSettings.from_config(Config()).workers == 1
    assert EngineSettings.from_config(Config(data={"engine": {"workers": 3}})).workers == 3
    assert EngineSettings.from_config(Config(data={"engine": {"workers": 0}})).workers >= 1
    for bad in (-1, "2", True, 1.5):
        with pytest.raises(ConfigurationError, match="workers"):
            EngineSettings.from_config(Config(data={"engine": {"workers": bad}}))


def test_esup_check_workers_option(township: tuple[Path, Config], tmp_path: Path) -> None:
    base, config = township
    db = tmp_path / "cli.sqlite"
    shutil.copy(base, db)
    assert config.path is not None
    result = CliRunner().invoke(
        main,
        [
            "--config",
            str(config.path),
            "--db",
            str(db),
            "check",
            "--as-of",
            AS_OF,
            "--workers",
            "2",
            "--fail-on",
            "none",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert '"opened"' in result.output
    with Store.open(db) as store:
        assert len(snapshot(store)["findings"]) > 40
    bad = CliRunner().invoke(main, ["--db", str(db), "check", "--workers", "-1"])
    assert bad.exit_code == 2
    assert "-1" in bad.output


def test_a_time_step_backwards_evaluates_again_in_full(tmp_path: Path) -> None:
    """Stored answers hold forwards in time only: an earlier instant evaluates every subject
    again — as a retrospective, which changes nothing stored."""
    manager = make_manager(*CORE_RULES)
    with Store.open(tmp_path / "back.sqlite") as store:
        store.put_records(
            [agency("AG-1"), lead("L-1", agency_id="AG-1", received_date="2025-01-02")]
        )
        later = run_check(store, as_of="2025-06-01", manager=manager)
        again = run_check(store, as_of="2025-06-02", manager=manager)
        earlier = run_check(store, as_of="2025-01-03", manager=manager)
        assert later.opened >= 1
        assert again.evaluated < later.evaluated  # nothing changed: little to do
        assert earlier.evaluated == later.evaluated  # every subject again
        assert earlier.retrospective
        assert earlier.resolved == 0
        # The deadline had not passed on 2025-01-03: the retrospective finds nothing late.
        assert not [f for f in earlier.findings if f.subject.key == "lead/L-1"]


def test_an_in_memory_database_is_checked_serially_with_a_note() -> None:
    manager = make_manager(*CORE_RULES)
    with Store.open("sqlite://") as store:
        store.put_records([agency("AG-1"), lead("L-1", received_date="2025-01-02")])
        result = run_check(
            store, as_of="2025-06-01", manager=manager, settings=EngineSettings(workers=2)
        )
    assert result.opened >= 1
    assert result.note_counts.get("workers-unavailable") == 1
