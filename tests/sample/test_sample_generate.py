"""The sample township: deterministic, valid, the right size, with a consistent answer key."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from enforcement_supervision.model import RECORD_TYPES, structure_record, unstructure_record
from enforcement_supervision.sample import (
    CATEGORIES,
    SampleTownship,
    generate_township,
    write_township,
)


def _digest(directory: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.iterdir())
    }


def test_same_seed_gives_byte_identical_files(written: Path, tmp_path: Path) -> None:
    write_township(tmp_path, generate_township(seed=2025, year=2025))
    assert _digest(tmp_path) == _digest(written)


def test_a_different_seed_gives_a_different_township(written: Path, tmp_path: Path) -> None:
    write_township(tmp_path, seed=7)
    first, second = _digest(written), _digest(tmp_path)
    assert first.keys() == second.keys()
    assert first["penalty-case.jsonl"] != second["penalty-case.jsonl"]
    assert first["planted.json"] != second["planted.json"]


def test_output_does_not_depend_on_hash_randomisation(written: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; "
        "from enforcement_supervision.sample import write_township; "
        "write_township(Path(sys.argv[1]))"
    )
    for hash_seed in ("1", "4242"):
        out = tmp_path / hash_seed
        env = {"PYTHONHASHSEED": hash_seed, "PATH": ""}
        subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env)
        assert _digest(out) == _digest(written)


def test_every_line_round_trips_through_the_model(written: Path) -> None:
    files = sorted(written.glob("*.jsonl"))
    assert {f.stem for f in files} <= set(RECORD_TYPES)
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            data = json.loads(line)
            record_type = data.pop("record_type")
            assert record_type == path.stem, f"{path.name}:{number}"
            record = structure_record(record_type, data)
            assert unstructure_record(record) == data, f"{path.name}:{number}"


def test_files_are_sorted_by_id_with_unique_ids(township: SampleTownship) -> None:
    for record_type, records in township.records.items():
        ids = [r.id for r in records]
        assert ids == sorted(ids), record_type
        assert len(set(ids)) == len(ids), record_type


@pytest.mark.parametrize(
    ("record_type", "low", "high"),
    [
        ("agency", 6, 8),
        ("officer", 18, 22),
        ("penalty-case", 250, 350),
        ("inspection", 130, 180),
        ("coercive-measure", 15, 25),
        ("licence-application", 50, 70),
        ("lead", 120, 220),
        ("liaison-point", 2, 2),
        ("social-supervisor", 2, 3),
        ("supervision-check", 13, 16),
        ("feedback", 12, 30),
        ("complaint", 5, 15),
        ("discretion-benchmark", 10, 25),
        ("matter-list", 5, 15),
    ],
)
@pytest.mark.parametrize("seed", [2025, 1, 99])
def test_counts_are_in_range(seed: int, record_type: str, low: int, high: int) -> None:
    assert low <= len(_town(seed).records.get(record_type, ())) <= high


_CACHE: dict[int, SampleTownship] = {}


def _town(seed: int) -> SampleTownship:
    if seed not in _CACHE:
        _CACHE[seed] = generate_township(seed=seed)
    return _CACHE[seed]


def test_counts_of_the_default_township(township: SampleTownship) -> None:
    counts = township.counts()
    cases = township.records["penalty-case"]
    summary = [c for c in cases if c.decision and c.decision.procedure == "summary"]  # type: ignore[attr-defined]
    assert 80 <= len(summary) <= 160
    enterprises = {i.enterprise.party_id for i in township.records["inspection"]}  # type: ignore[attr-defined]
    assert 35 <= len(enterprises) <= 45
    routine = [c for c in township.records["supervision-check"] if c.type == "routine"]  # type: ignore[attr-defined]
    assert sorted(c.date.month for c in routine) == list(range(1, 13))  # type: ignore[attr-defined]
    assert counts["liaison-point"] == 2


def test_planted_items_point_at_existing_records(township: SampleTownship) -> None:
    enterprises = {i.enterprise.party_id for i in township.records["inspection"]}  # type: ignore[attr-defined]
    for item in (*township.planted, *township.controls):
        if item.record_type == "enterprise":  # a group subject: the inspections of one party
            assert item.record_id in enterprises
            continue
        assert township.get(item.record_type, item.record_id).record_type == item.record_type


def test_planted_set_is_modest_diverse_and_covers_every_category(township: SampleTownship) -> None:
    planted = township.planted
    # About 40 for enforcement and the supervision mechanism, 15 for the township's other
    # duties (petitions, reconsideration and litigation, decisions, documents and contracts).
    assert 25 <= len(planted) <= 60
    assert {p.category for p in planted} == set(CATEGORIES)
    assert len({p.rule_id for p in planted}) >= 25
    assert all(p.severity in ("S1", "S2", "S3", "S4") for p in planted)
    assert all(p.description_zh and p.description_en for p in planted)
    keys = [(p.rule_id, p.record_id) for p in planted]
    assert len(keys) == len(set(keys))
    controls = {(c.rule_id, c.record_id) for c in township.controls}
    assert not controls & set(keys), "a control must not carry the violation it controls"


@pytest.mark.parametrize("seed", [1, 99])
def test_every_category_is_planted_for_other_seeds(seed: int) -> None:
    assert {p.category for p in _town(seed).planted} == set(CATEGORIES)


def test_answer_key_file_matches_the_township(township: SampleTownship, written: Path) -> None:
    key = json.loads((written / "planted.json").read_text(encoding="utf-8"))
    assert key["as_of"] == "2025-12-31"
    assert key["seed"] == 2025
    assert key["year"] == 2025
    assert key["planted"] == [p.to_json() for p in township.planted]
    assert {"rule_id", "record_type", "record_id", "category", "severity"} <= set(key["planted"][0])
    assert len(key["controls"]) == len(township.controls)


_FORWARD = {"current_licence_expiry_date", "term_end_date"}  # validity ends, not events


def _event_dates(value: object, key: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in _event_dates(v, k)]
    if isinstance(value, list):
        return [pair for item in value for pair in _event_dates(item, key)]
    if isinstance(value, str) and (key == "date" or key.endswith("_date")) and key not in _FORWARD:
        return [(key, value)]
    return []


def test_nothing_happens_after_the_answer_key_date(written: Path) -> None:
    for path in written.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            for key, value in _event_dates(json.loads(line)):
                assert value <= "2025-12-31", (path.name, key, value)


@pytest.mark.parametrize("year", [2022, 2024, 2026])
def test_other_years(year: int) -> None:
    town = generate_township(year=year)
    assert town.as_of.year == year
    assert {p.category for p in town.planted} == set(CATEGORIES)


@pytest.mark.parametrize("year", [2021, 2027])
def test_years_without_a_schedule_are_refused(year: int) -> None:
    with pytest.raises(ValueError, match="no sample"):
        generate_township(year=year)


def test_generation_is_fast() -> None:
    started = time.perf_counter()
    generate_township(seed=12345)
    assert time.perf_counter() - started < 5


def test_every_line_validates_against_the_json_schema(written: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from enforcement_supervision.model import json_schema

    for path in sorted(written.glob("*.jsonl")):
        validator = jsonschema.Draft202012Validator(json_schema(path.stem))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            data = json.loads(line)
            data.pop("record_type")
            errors = [e.message for e in validator.iter_errors(data)]
            assert not errors, f"{path.name}:{number}: {errors[:3]}"
