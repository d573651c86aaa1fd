"""Benchmark: listing the yellow clocks of a large store (early warning).

``python benchmarks/bench_clocks.py [--cases N] [--db URL] [--work DIR]``. Not a test: it
prints times and asserts nothing. It stores one open statutory clock per case (``--cases``,
default 100,000: far more open periods than a store of that many cases holds, since most cases
are decided) through :func:`enforcement_supervision.clocks.write_clocks`, as a check does:
licence decisions in working days and 90-day penalty decisions in calendar days, started on
random days of 2025, with their light days counted on the official calendar. It then times
``list_clocks(light="yellow")`` (what ``esup clocks list --light yellow`` calls; best of
three) on three days, and ``esup clocks list --light yellow --json`` as a command (process
start and plugin loading included).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from enforcement_supervision._host import Subject
from enforcement_supervision.clocks import Clock, ClockSettings, list_clocks, write_clocks
from enforcement_supervision.statutory_time import TimeUnit, build_deadline, default_calendar
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import SubjectResult

_BATCH = 2000


def _clocks(cases: int, seed: int) -> list[tuple[str, Clock]]:
    calendar = default_calendar()
    rng = random.Random(seed)
    first = date(2025, 1, 2)
    made: list[tuple[str, Clock]] = []
    for n in range(cases):
        start = first + timedelta(days=rng.randrange(330))
        licence = n % 3 == 0
        if licence:
            deadline = build_deadline(
                start, 20, TimeUnit.WORKING_DAYS, calendar, rollover=False, start_label="受理"
            )
            rule_id, kind, label = "LIC-DECISION-20WD", "licence-application", "许可决定期限"
        else:
            deadline = build_deadline(
                start, 90, TimeUnit.CALENDAR_DAYS, calendar, rollover=True, start_label="立案"
            )
            rule_id, kind, label = "PEN-DECISION-90D", "penalty-case", "九十日办案期限"
        subject = Subject(record_type=kind, record_id=f"B-{n:07d}")
        clock = Clock.from_deadline(
            deadline,
            rule_id=rule_id,
            subject=subject,
            label=label,
            calendar=calendar,
            passed=False,
            agency_id=f"AG-{n % 40:02d}",
            category="inaction",
        )
        made.append((rule_id, clock))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--db", metavar="URL", help="default: a fresh SQLite file in --work")
    parser.add_argument("--work", type=Path, default=Path("var/bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    url = args.db
    if url is None:
        path = args.work / f"clocks-{args.cases}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    calendar = default_calendar()
    settings = ClockSettings()
    began = time.perf_counter()
    clocks = _clocks(args.cases, args.seed)
    made = time.perf_counter() - began
    as_of = datetime(2025, 6, 1, tzinfo=UTC)
    with Store.open(url) as store:
        began = time.perf_counter()
        for start in range(0, len(clocks), _BATCH):
            results = [
                SubjectResult(
                    rule_id=rule_id,
                    rule_version="1",
                    plugin="bench",
                    subject_key=clock.subject.key,
                    clocks=(clock,),
                )
                for rule_id, clock in clocks[start : start + _BATCH]
            ]
            write_clocks(
                store, results, run_id="bench", as_of=as_of, calendar=calendar, settings=settings
            )
        written = time.perf_counter() - began
        print(
            f"{len(clocks):,} clocks: built in {made:.1f} s, stored in {written:.1f} s "
            f"({len(clocks) / written:,.0f} clocks/s)"
        )
        for day in (date(2025, 3, 14), date(2025, 9, 30), date(2025, 12, 31)):
            times = []
            for _ in range(3):
                began = time.perf_counter()
                found = list_clocks(store, as_of=day, light="yellow", calendar=calendar)
                times.append(time.perf_counter() - began)
            print(
                f"list_clocks(light='yellow', as_of={day}): {len(found):,} clocks in "
                f"{min(times):.3f} s (best of 3)"
            )
    command = [
        str(Path(sys.executable).with_name("esup")),
        "--db",
        url,
        "clocks",
        "list",
        "--light",
        "yellow",
        "--as-of",
        "2025-09-30",
        "--json",
    ]
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    print(
        f"esup clocks list --light yellow --json (a process): {time.perf_counter() - began:.2f} s"
    )


if __name__ == "__main__":
    main()
