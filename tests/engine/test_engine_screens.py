"""Rule screens in the engine (issue 17): a check with screens gives the findings, finding
sources and events of a check without them, full and incremental, serial and in workers;
``verify_screens`` evaluates everything and reports a finding outside a screen; the five core
rules' screens pass verification on the sample township and on generated data."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from sqlalchemy import select

from enforcement_supervision._host import load_plugins
from enforcement_supervision.config import Config, load_config
from enforcement_supervision.engine import EngineSettings, RunResult, _screens, run_check
from enforcement_supervision.ingest import import_file
from enforcement_supervision.model import structure_record, unstructure_record
from enforcement_supervision.rules import Screen, field
from enforcement_supervision.sample import CONFIG_FILE, generate_township, write_township
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import finding_events, finding_sources, findings

FIVE = (
    "PEN-DECISION-90D",
    "PEN-SUMMARY-LIMIT",
    "PEN-OFFICERS-2",
    "PEN-LEGAL-REVIEW",
    "PEN-DELIVERY-7WD",
)
AS_OF = "2025-12-31"


def outcome(store: Store) -> dict[str, Any]:
    """What screens must not change: the findings, their sources and their events."""
    with store.engine.connect() as connection:
        return {
            "findings": sorted(
                (row.fingerprint, row.rule_id, row.subject_id, row.status, row.detected)
                for row in connection.execute(select(findings))
            ),
            "sources": sorted(tuple(row) for row in connection.execute(select(finding_sources))),
            "events": [
                (row.kind, row.fingerprint)
                for row in connection.execute(
                    select(finding_events).order_by(finding_events.c.event_id)
                )
            ],
        }


def notes_but_screens(result: RunResult) -> list[str]:
    return sorted(
        repr(note)
        for note in result.notes
        if note.get("kind") not in ("screens", "screens-verified")
    )


def _import(folder: Path, target: Path) -> None:
    with Store.open(target) as store:
        for path in sorted(folder.glob("*.jsonl")):
            assert not import_file(store, path).rejects


@pytest.fixture(scope="module")
def township(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Config]:
    folder = tmp_path_factory.mktemp("screens")
    write_township(folder / "township", generate_township(seed=2025, year=2025))
    _import(folder / "township", folder / "base.sqlite")
    return folder / "base.sqlite", load_config(folder / "township" / CONFIG_FILE)


@pytest.fixture
def two_stores(township: tuple[Path, Config], tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    base, _ = township
    stores = []
    for name in ("plain", "screened"):
        shutil.copy(base, tmp_path / f"{name}.sqlite")
        stores.append(Store.open(tmp_path / f"{name}.sqlite"))
    yield stores[0], stores[1]
    for store in stores:
        store.close()


def change_cases(store: Store, step: int, day: int) -> None:
    """Every ``step``-th case changes: its delivery goes, or it gets a decision late."""
    changed = []
    for index, stored in enumerate(store.iter_records("penalty-case")):
        if (index + day) % step:
            continue
        data = unstructure_record(stored.record)
        if data.get("delivery") is not None:
            data.pop("delivery")
        else:
            data["cause"] = f"{data.get('cause') or ''}（第{day}天）"
        changed.append(structure_record("penalty-case", data))
    store.put_records(changed)


@pytest.mark.parametrize(
    ("workers", "sql"), [(1, False), (1, True), (2, False), (2, True)], ids=str
)
def test_screens_change_no_finding_full_and_incremental(
    township: tuple[Path, Config],
    two_stores: tuple[Store, Store],
    workers: int,
    sql: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Full scans select with the screens' Python form (the default) or their SQL form."""
    if workers > 1 and sys.platform != "linux":
        pytest.skip("worker processes need fork")
    monkeypatch.setattr(_screens, "SQL_IN_FULL_SCANS", sql)
    _, config = township
    manager = load_plugins(config)
    plain, screened = two_stores
    days = [("2025-12-31", "full"), ("2026-01-05", "incremental"), ("2026-01-20", "incremental")]
    for number, (as_of, mode) in enumerate(days):
        if number:
            change_cases(plain, 5, number)
            change_cases(screened, 5, number)
        results = [
            run_check(
                store,
                as_of=as_of,
                config=config,
                manager=manager,
                mode=mode,
                rules=FIVE,
                settings=EngineSettings(batch_size=40, workers=workers, screens=screens),
            )
            for store, screens in ((plain, False), (screened, True))
        ]
        assert outcome(screened) == outcome(plain), (as_of, mode)
        assert notes_but_screens(results[1]) == notes_but_screens(results[0])
        assert not results[0].errors
        assert not results[1].errors
        if mode == "full":
            spared = results[1].note_counts.get("screens", 0)
            assert spared == 1
            note = next(n for n in results[1].notes if n["kind"] == "screens")
            assert note["spared"] > 0
            assert results[1].evaluated + note["spared"] == results[0].evaluated


def test_verify_screens_passes_on_the_sample_township(
    township: tuple[Path, Config], two_stores: tuple[Store, Store]
) -> None:
    _, config = township
    plain, verified = two_stores
    manager = load_plugins(config)
    base = run_check(
        plain,
        as_of=AS_OF,
        config=config,
        manager=manager,
        mode="full",
        rules=FIVE,
        settings=EngineSettings(screens=False),
    )
    result = run_check(
        verified,
        as_of=AS_OF,
        config=config,
        manager=manager,
        mode="full",
        rules=FIVE,
        settings=EngineSettings(verify_screens=True),
    )
    assert not result.errors
    assert result.evaluated == base.evaluated
    assert outcome(verified) == outcome(plain)
    note = next(n for n in result.notes if n["kind"] == "screens-verified")
    assert note["evaluated_outside"] > 0


def test_verify_screens_reports_a_screen_that_selects_too_little(
    township: tuple[Path, Config], two_stores: tuple[Store, Store]
) -> None:
    _, config = township
    manager = load_plugins(config)
    real = manager.rule("PEN-DECISION-90D")
    narrow = attrs.evolve(
        real,
        screen=Screen(field("filed_date") >= "2099-01-01", reason="too narrow on purpose"),
    )
    manager._rules[real.id] = narrow  # the installed rule with a screen that misses cases
    result = run_check(
        two_stores[0],
        as_of=AS_OF,
        config=config,
        manager=manager,
        mode="full",
        rules=["PEN-DECISION-90D"],
        settings=EngineSettings(verify_screens=True),
    )
    errors = [error for error in result.errors if error.kind == "screen"]
    assert errors
    assert errors[0].rule_id == "PEN-DECISION-90D"
    assert "too narrow on purpose" in errors[0].message
    assert result.exit_status() == 3
    assert result.opened > 0  # the findings are those of a run without screens


def test_verify_screens_passes_on_generated_data(tmp_path: Path) -> None:
    benchmarks = Path(__file__).resolve().parents[2] / "benchmarks"
    sys.path.insert(0, str(benchmarks))
    try:
        import generate  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(benchmarks))
    generate.generate(tmp_path / "data", cases=600, seed=7)
    _import(tmp_path / "data", tmp_path / "gen.sqlite")
    config = Config(data=json.loads((tmp_path / "data" / "config.json").read_text()))
    with Store.open(tmp_path / "gen.sqlite") as store:
        result = run_check(
            store,
            as_of="2026-03-01",
            config=config,
            mode="full",
            rules=FIVE,
            settings=EngineSettings(verify_screens=True),
        )
    assert not [error for error in result.errors if error.kind == "screen"]
    assert not result.errors


def test_esup_check_verify_screens(township: tuple[Path, Config], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from enforcement_supervision.cli import main

    base, config = township
    db = tmp_path / "cli.sqlite"
    shutil.copy(base, db)
    assert config.path is not None
    args = ["--config", str(config.path), "--db", str(db), "check", "--as-of", AS_OF]
    result = CliRunner().invoke(
        main, [*args, "--rules", ",".join(FIVE), "--verify-screens", "--fail-on", "none", "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["mode"] == "full"
    assert payload["counts"]["notes"]["screens-verified"] == 1


def test_screens_can_be_switched_off_in_the_configuration() -> None:
    assert EngineSettings.from_config(Config()).screens is True
    off = Config(data={"engine": {"screens": False}})
    assert EngineSettings.from_config(off).screens is False
    with pytest.raises(Exception, match="screens"):
        EngineSettings.from_config(Config(data={"engine": {"screens": "no"}}))
