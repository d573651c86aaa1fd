"""Profile the engine's own cost: CPU seconds of a check, and where they go.

``python benchmarks/profile_engine.py [--cases 3000] [--rules five|all] [--workers N]
[--profile] [--top 30]``

Generates ``--cases`` penalty cases (``benchmarks/generate.py``, cached in ``--work``),
imports them once into a SQLite file (cached too), and runs a full check on a fresh copy of
that file: the five core rules of the SQL baseline (``--rules five``, as ``benchmarks/run.py``
step 7) or every installed pack (``--rules all``). Prints the check's wall and CPU seconds
(``time.process_time`` of this process; with ``--workers`` also of the worker processes,
from ``RUSAGE_CHILDREN``), the rules' own seconds (the run's timings) and the load average;
with ``--profile`` a cProfile of the check, sorted by own time and by cumulative time.

CPU seconds are what to compare between two versions of the engine on a busy machine; wall
figures belong to a quiet one (``benchmarks/run.py``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate
from run import _churn

from enforcement_supervision._host import load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.engine import EngineSettings, run_check
from enforcement_supervision.ingest import import_file
from enforcement_supervision.store import Store

FIVE = (
    "PEN-DECISION-90D",
    "PEN-SUMMARY-LIMIT",
    "PEN-OFFICERS-2",
    "PEN-LEGAL-REVIEW",
    "PEN-DELIVERY-7WD",
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def prepare(work: Path, cases: int, seed: int) -> tuple[Path, Config, date]:
    """The imported SQLite file for ``cases`` (made once), its configuration and as-of day."""
    data = work / f"data-{cases}-{seed}"
    manifest_path = data / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
    else:
        manifest = generate(data, cases=cases, seed=seed)
    config = Config(data=json.loads((data / "config.json").read_text(encoding="utf-8")))
    base = work / f"profile-{cases}-{seed}.sqlite"
    if not base.exists():
        scratch = base.with_suffix(".partial")
        scratch.unlink(missing_ok=True)
        with Store.open(scratch) as store:
            for path in sorted(data.glob("*.jsonl")):
                import_file(store, path)
        scratch.rename(base)
    return base, config, date.fromisoformat(manifest["as_of"])


def warm(base: Path, config: Config, as_of: date, *, workers: int) -> Path:
    """``base`` checked once with every pack as of ``as_of`` (made once, cached beside it)."""
    warmed = base.with_name(f"{base.stem}-warm.sqlite")
    if not warmed.exists():
        scratch = warmed.with_suffix(".partial")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)
        shutil.copy(base, scratch)
        settings = attrs.evolve(EngineSettings.from_config(config), workers=workers)
        with Store.open(scratch) as store:
            run_check(
                store,
                as_of=as_of,
                config=config,
                manager=load_plugins(config),
                settings=settings,
            )
        with sqlite3.connect(scratch) as connection:  # the WAL into the file, for the copy
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        scratch.rename(warmed)
    return warmed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--rules", choices=("five", "all"), default="five")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--mode", choices=("full", "incremental"), default="full")
    parser.add_argument(
        "--warm",
        action="store_true",
        help="check once first (every pack, as of the township's last day) and measure the "
        "check of the next day, on a store that already holds findings, state and "
        "dependencies (as benchmarks/run.py's five-rule step does)",
    )
    parser.add_argument(
        "--churn",
        type=float,
        default=0.0,
        help="with --warm: change this share of the penalty cases (0.01 = 1 %%, as "
        "benchmarks/run.py's incremental step does) and import them before the measured check",
    )
    parser.add_argument(
        "--warm-workers",
        type=int,
        default=2,
        help="worker processes of the warming check (its result is cached in --work, so it "
        "runs once per --cases and --seed; default: 2)",
    )
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the check")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--dump", type=Path, help="write the cProfile data to this file")
    parser.add_argument("--work", type=Path, default=Path("var/bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    base, config, as_of = prepare(args.work, args.cases, args.seed)
    manager = load_plugins(config)
    settings = attrs.evolve(EngineSettings.from_config(config), workers=args.workers)
    if args.warm:
        base = warm(base, config, as_of, workers=args.warm_workers)
        as_of += timedelta(days=1)
    target = args.work / f"profile-run-{os.getpid()}.sqlite"
    shutil.copy(base, target)
    churn_file = args.work / f"profile-churn-{os.getpid()}.jsonl"
    try:
        rules = FIVE if args.rules == "five" else None
        with Store.open(target) as store:
            if args.churn:
                data = args.work / f"data-{args.cases}-{args.seed}"
                changed = _churn(data, churn_file, args.churn, args.seed)
                import_file(store, churn_file)
                print(f"churn: {changed:,} penalty cases changed and imported")
            # CPU time, not wall: on a shared machine the wall clock counts other work too.
            profiler = cProfile.Profile(time.process_time) if args.profile else None
            load = os.getloadavg()
            cpu, children, wall = time.process_time(), _children_cpu(), time.perf_counter()
            if profiler is not None:
                profiler.enable()
            result = run_check(
                store,
                as_of=as_of,
                rules=rules,
                mode=args.mode,
                config=config,
                manager=manager,
                settings=settings,
            )
            if profiler is not None:
                profiler.disable()
            wall = time.perf_counter() - wall
            cpu = time.process_time() - cpu
            children = _children_cpu() - children
        rule_seconds = sum(float(t["seconds"]) for t in result.rule_timings.values())
        print(
            f"{args.rules} rules, {args.cases} cases, workers={args.workers}: "
            f"{result.evaluated:,} evaluations, {result.opened:,} opened; wall {wall:.2f} s, "
            f"CPU {cpu:.2f} s (+ workers {children:.2f} s), rules' own {rule_seconds:.2f} s; "
            f"load {load[0]:.2f} -> {os.getloadavg()[0]:.2f}"
        )
        if profiler is not None and args.dump is not None:
            profiler.dump_stats(args.dump)
        if profiler is not None:
            for order in ("tottime", "cumulative"):
                text = io.StringIO()
                pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(args.top)
                print(text.getvalue())
    finally:
        churn_file.unlink(missing_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
