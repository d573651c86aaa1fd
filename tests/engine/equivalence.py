"""What checks write, recorded from the engine before the engine-speed work (issue 17), so that
work can prove findings, events, state and notes unchanged.

Two scenarios, each a sequence of checks on a fresh store:

* ``sample``: the sample township (``generate_township()``) with its configuration and the
  installed rule packs;
* ``generated``: ``benchmarks/generate.py`` at 600 cases (two renamed copies of the township,
  imported with ``import_file``), checked with ``batch_size = 250`` so that results are
  written in many batches.

The steps (:data:`STEPS`): a full check as of the township's last day; the same instant
again (incremental, nothing changed); every 7th penalty case changed (a new cause, its
delivery removed: findings open) and an incremental check one day later; those cases put
back as they were (findings resolve), a day later; every 14th case changed again (findings
reopen), a day later; an incremental check 45 days later (recheck times, clocks); a full
check on that day (stale subjects dropped).

After each step :func:`snapshot` reads what the checks wrote — findings, finding sources,
the event log in order, subject state, dependencies, group memberships, checkpoints, clocks
and the runs' counts, errors and notes — with run ids replaced by ``run1``, ``run2``, ...
and wall-clock stamps by the run during which they were taken (the only parts that differ
from one build to the next), and the hash chain verified instead of compared. Its sections
are compared with ``data/equivalence/<scenario>.json.gz``.

Regenerate (only from code whose output is known good, e.g. ``main`` before the change, or
after a deliberate change of rules or sample data)::

    python -m tests.engine.equivalence --regenerate
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select

from enforcement_supervision._host import load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.engine import EngineSettings, run_check
from enforcement_supervision.ingest import import_file
from enforcement_supervision.store import Store
from enforcement_supervision.store._findings import verify_event_chain
from enforcement_supervision.store._internal import (
    finding_events,
    finding_sources,
    findings,
    group_members,
    rule_checkpoints,
    rule_dependencies,
    rule_state,
    runs,
)
from enforcement_supervision.store._schema import clocks

DATA = Path(__file__).parent / "data" / "equivalence"
SCENARIOS = ("sample", "generated")
GENERATED_CASES = 600
SEED = 2025
#: Columns holding the wall clock of the moment they were written.
_WALL = frozenset(
    {"at", "evaluated_at", "opened_at", "updated_at", "resolved_at", "started_at", "finished_at"}
)
#: Run timings that depend on the machine.
_TIMING_NOISE = frozenset({"seconds", "max_seconds", "slowest"})
#: Tables compared, with their order (``None``: sorted rows).
_TABLES: tuple[tuple[str, Table, Any], ...] = (
    ("findings", findings, None),
    ("finding_sources", finding_sources, None),
    ("events", finding_events, finding_events.c.event_id),
    ("state", rule_state, None),
    ("dependencies", rule_dependencies, None),
    ("members", group_members, None),
    ("checkpoints", rule_checkpoints, None),
    ("clocks", clocks, None),
)
#: ``(label, days after the township's last day, mode, change to the cases first)``.
STEPS = (
    ("full", 0, "full", None),
    ("repeat", 0, "incremental", None),
    ("churn+1d", 1, "incremental", "change"),
    ("revert+2d", 2, "incremental", "revert"),
    ("again+3d", 3, "incremental", "again"),
    ("later+45d", 46, "incremental", None),
    ("full+45d", 46, "full", None),
)


def _bench_generate() -> Callable[..., dict[str, Any]]:
    path = Path(__file__).parents[2] / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("_equivalence_generate", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generate: Callable[..., dict[str, Any]] = module.generate
    return generate


class Scenario:
    """A store filled for one scenario, and how to change it."""

    def __init__(self, name: str, store: Store, folder: Path) -> None:
        self.name = name
        self.store = store
        self.folder = folder
        if name == "sample":
            from enforcement_supervision.sample import generate_township, township_config

            township = generate_township()
            store.put_records(list(township))
            self.config = Config(data=tomllib.loads(township_config(township)))
            self.as_of: date = township.as_of
            self.settings = EngineSettings.from_config(self.config)
        else:
            data = folder / "generated"
            manifest = _bench_generate()(data, cases=GENERATED_CASES, seed=SEED)
            for path in sorted(data.glob("*.jsonl")):
                report = import_file(store, path)
                assert not report.rejected, (path, report.rejected)
            self.config = Config(data=json.loads((data / "config.json").read_text("utf-8")))
            self.as_of = date.fromisoformat(manifest["as_of"])
            self.settings = EngineSettings(batch_size=250)
        self.manager = load_plugins(self.config)
        self.originals: list[Any] = []

    def change_cases(self, how: str) -> int:
        """``change``: every 7th penalty case (in id order) gets a new cause and loses its
        delivery; ``revert``: those cases get their first content back (a new version);
        ``again``: every 14th is changed again (what reverted is reopened)."""
        from enforcement_supervision.model import structure_record, unstructure_record

        if how == "revert":
            self.store.put_records(self.originals)
            return len(self.originals)
        cases = sorted(self.store.iter_records("penalty-case"), key=lambda s: s.record.id)
        chosen = cases[::7] if how == "change" else cases[::14]
        if how == "change":
            self.originals = [stored.record for stored in chosen]
        changed = []
        for stored in chosen:
            data = unstructure_record(stored.record)
            data["cause"] = f"{data.get('cause') or ''}（补正）"
            data.pop("delivery", None)
            changed.append(structure_record("penalty-case", data))
        self.store.put_records(changed)
        return len(changed)

    def steps(
        self, *, workers: int = 1, screens: bool = True
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """Run :data:`STEPS`; after each, its label and :func:`snapshot` (``screens``: with
        the rules' screens, the engine's default, or without)."""
        from attrs import evolve

        for label, days, mode, change in STEPS:
            if change is not None:
                self.change_cases(change)
            settings = evolve(self.settings, screens=screens)
            if workers > 1:
                settings = evolve(settings, workers=workers)
            run_check(
                self.store,
                as_of=self.as_of + timedelta(days=days),
                mode=mode,
                config=self.config,
                manager=self.manager,
                settings=settings,
            )
            yield label, snapshot(self.store)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        value = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value[:1] in "[{":
        try:  # JSON kept as text by some backend
            return _plain(json.loads(value))
        except ValueError:
            return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


class _Runs:
    """Run ids to ``runN`` and wall-clock stamps to the run they fall in."""

    def __init__(self, rows: list[Any]) -> None:
        ordered = sorted(rows, key=lambda row: (row.started_at, row.run_id))
        self.labels = {row.run_id: f"run{index}" for index, row in enumerate(ordered, 1)}
        self.windows = {
            self.labels[row.run_id]: (
                _aware(row.started_at),
                _aware(row.finished_at) if row.finished_at else None,
            )
            for row in ordered
        }

    def label(self, value: Any) -> Any:
        return self.labels.get(value, value) if isinstance(value, str) else value

    def _within(self, label: str, stamp: datetime, whole: bool) -> bool:
        started, finished = self.windows[label]
        if whole:  # event stamps are whole seconds
            started = started.replace(microsecond=0)
        return started <= stamp and (finished is None or stamp <= finished)

    def when(self, value: datetime | None, prefer: list[str], *, whole: bool) -> str | None:
        """The run during which ``value`` was taken: one of ``prefer`` (the runs the row
        names) if it fits, else the latest that fits."""
        if value is None:
            return None
        stamp = _aware(value)
        for label in [*prefer, *reversed(self.windows)]:
            if label in self.windows and self._within(label, stamp, whole):
                return label
        return "outside-runs"


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def snapshot(store: Store) -> dict[str, Any]:
    """What the checks wrote so far, made comparable across builds and databases."""
    with store.engine.connect() as connection:
        run_rows = connection.execute(select(runs)).all()
        known = _Runs(run_rows)
        out: dict[str, Any] = {}
        for name, table, order in _TABLES:
            query = select(table)
            if order is not None:
                query = query.order_by(order)
            rows = []
            for row in connection.execute(query):
                mapping = row._mapping
                prefer = [
                    known.label(mapping[column])
                    for column in ("run_id", "first_seen_run", "last_seen_run")
                    if column in mapping and mapping[column] is not None
                ]
                item: dict[str, Any] = {}
                for column, value in mapping.items():
                    if column in ("event_id", "hash", "prev_hash"):
                        continue
                    if column in _WALL:
                        item[column] = known.when(value, prefer, whole=name == "events")
                    elif column.endswith("run_id") or column.endswith("_run"):
                        item[column] = known.label(value)
                    else:
                        item[column] = _plain(value)
                rows.append(item)
            if order is None:
                rows.sort(key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
            out[name] = rows
        out["runs"] = [
            {
                "run": known.labels[row.run_id],
                "as_of": _plain(row.as_of),
                "mode": row.mode,
                "outcome": row.outcome,
                "record_watermark": row.record_watermark,
                "rules": _plain(row.rules),
                "counts": _plain(row.counts),
                "errors": _plain(row.errors),
                "notes": _plain(row.notes),
                "rule_timings": {
                    rule_id: {k: v for k, v in timing.items() if k not in _TIMING_NOISE}
                    for rule_id, timing in sorted(_plain(row.rule_timings).items())
                },
            }
            for row in sorted(run_rows, key=lambda row: known.labels[row.run_id])
        ]
    broken = verify_event_chain(store)
    out["chain"] = "intact" if broken is None else f"broken at {broken.event_id}: {broken.reason}"
    return out


def canonical(section: Any) -> str:
    return json.dumps(section, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(section: Any) -> str:
    return hashlib.sha256(canonical(section).encode("utf-8")).hexdigest()


def recorded(name: str) -> dict[str, dict[str, Any]]:
    """``{step: {section: rows}}`` recorded for scenario ``name``."""
    with gzip.open(DATA / f"{name}.json.gz", "rt", encoding="utf-8") as handle:
        data: dict[str, dict[str, Any]] = json.load(handle)
    return data


def first_difference(expected: list[Any] | Any, found: list[Any] | Any) -> str:
    """A short description of where two sections part."""
    if not isinstance(expected, list) or not isinstance(found, list):
        return f"expected {canonical(expected)[:400]}\n   found {canonical(found)[:400]}"
    for index, (left, right) in enumerate(zip(expected, found, strict=False)):
        if left != right:
            return (
                f"row {index}: expected {canonical(left)[:600]}\n"
                f"          found {canonical(right)[:600]}"
            )
    return f"{len(expected)} rows expected, {len(found)} found"


def record(name: str, folder: Path) -> dict[str, dict[str, Any]]:
    """Run scenario ``name`` on a fresh SQLite store in ``folder``; what each step wrote."""
    with Store.open(folder / f"{name}.sqlite") as store:
        return dict(Scenario(name, store, folder).steps())


def main() -> None:
    if "--regenerate" not in sys.argv:
        raise SystemExit("usage: python -m tests.engine.equivalence --regenerate")
    DATA.mkdir(parents=True, exist_ok=True)
    for name in SCENARIOS:
        with tempfile.TemporaryDirectory(prefix="esup-equivalence-") as scratch:
            steps = record(name, Path(scratch))
        text = json.dumps(steps, sort_keys=True, ensure_ascii=False, indent=0)
        with gzip.GzipFile(DATA / f"{name}.json.gz", "wb", 9, mtime=0) as out:
            out.write(text.encode("utf-8"))
        sizes = {section: len(rows) for section, rows in steps[STEPS[-1][0]].items()}
        print(f"{name}: {len(steps)} steps recorded; last step: {sizes}")


if __name__ == "__main__":
    main()
