"""Benchmark: one million ``add_working_days`` calls on the bundled calendar.

Run with ``python benchmarks/bench_calendar.py [CALLS]``. Not a test: it prints the time and
the rate, and asserts nothing; the issue asks for "a few seconds" per million calls.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from enforcement_supervision.statutory_time import default_calendar


def main(calls: int = 1_000_000) -> None:
    """Time ``calls`` additions of 1–60 working days to random dates of 2015–2025."""
    calendar = default_calendar()
    rng = random.Random(20251122)
    first = date(2015, 1, 1)
    span = (date(2025, 12, 31) - first).days
    # Inputs are prepared first so that only the calendar is timed.
    starts = [first + timedelta(days=rng.randrange(span)) for _ in range(calls)]
    amounts = [rng.randint(1, 60) for _ in range(calls)]
    add = calendar.add_working_days
    began = time.perf_counter()
    for start, amount in zip(starts, amounts, strict=True):
        add(start, amount)
    elapsed = time.perf_counter() - began
    print(
        f"{calls:,} add_working_days calls: {elapsed:.3f} s "
        f"({elapsed / calls * 1e6:.2f} µs per call, {calls / elapsed:,.0f} calls/s)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
