"""CPU time of the import, for the performance guide (issue 14).

``python benchmarks/profile_import.py stages [DATA]``: each stage of the JSON Lines fast path
alone over every line of the benchmark's JSON Lines files (best of three), then storing the
rows in a fresh SQLite file (the final checkpoint included).

``python benchmarks/profile_import.py file PATH TYPE [WORKERS] [RUNS]``: one file imported into
a fresh SQLite file, with the CPU seconds of this process and of its worker processes beside
the wall time (the machine is shared: CPU seconds are the figure to compare).

``DATA`` is a folder of JSON Lines files (default: ``var/bench/data-20000-2025``, made by
``python benchmarks/run.py --import-only``).
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from enforcement_supervision.ingest import _fast, import_file
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import bulk_connection, put_prepared_in

DATA = Path("var/bench/data-20000-2025")


def _best(label: str, count: int, function: Callable[[], Any], runs: int = 3) -> Any:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.process_time()
        result = function()
        best = min(best, time.process_time() - start)
    print(f"{label:46s} {best:6.3f} s {best / count * 1e6:6.1f} µs/record")
    return result


def stages(data: Path) -> None:
    lines = [
        line
        for path in sorted(data.glob("*.jsonl"))
        for line in path.read_bytes().split(b"\n")
        if line.strip()
    ]
    count = len(lines)
    gc.disable()  # as while an import runs
    names = _best(
        "type named at the start of the line",
        count,
        lambda: [_fast._LEADING_TYPE.match(line).group(1).decode() for line in lines],  # type: ignore[union-attr]
    )
    decoders = [_fast._decoder(name) for name in names]
    values = _best(
        "decoding and validating (msgspec)",
        count,
        lambda: [d.decode(line) for d, line in zip(decoders, lines, strict=True)],
    )
    for value in values:
        value.record_type = None
    payloads = _best(
        "canonical encoding (sorted keys)",
        count,
        lambda: [_fast._ENCODER.encode(value) for value in values],
    )
    _best("blank-text scan", count, lambda: [_fast._has_blank(p) for p in payloads])
    _best("SHA-256", count, lambda: [hashlib.sha256(p).hexdigest() for p in payloads])
    rows = _best(
        "the whole fast path (decode_row)",
        count,
        lambda: [_fast.decode_row(line, None) for line in lines],
    )
    chunks = [rows[i : i + 300] for i in range(0, len(rows), 300)]
    blobs = _best(
        "pickling the rows (a worker)",
        count,
        lambda: [pickle.dumps((chunk, []), protocol=5) for chunk in chunks],
    )
    _best(
        "unpickling the rows (the importing process)",
        count,
        lambda: [pickle.loads(b) for b in blobs],
    )

    def store() -> float:
        with (
            tempfile.TemporaryDirectory() as folder,
            Store.open(f"sqlite:///{folder}/x.sqlite") as target,
        ):
            start = time.process_time()
            with bulk_connection(target) as connection:
                for at in range(0, len(rows), 2000):
                    with connection.begin():
                        put_prepared_in(connection, rows[at : at + 2000], source="profile")
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").all()
                connection.commit()
            return time.process_time() - start

    seconds = min(store() for _ in range(2))
    print(
        f"{'storing (2,000-row batches, final checkpoint)':46s} {seconds:6.3f} s "
        f"{seconds / count * 1e6:6.1f} µs/record"
    )
    print(f"{count:,} records; load average {os.getloadavg()}")


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def one_file(path: Path, record_type: str, workers: int, runs: int) -> None:
    for _ in range(runs):
        with (
            tempfile.TemporaryDirectory() as folder,
            Store.open(f"sqlite:///{folder}/x.sqlite") as target,
        ):
            own, children = _cpu()
            start = time.perf_counter()
            report = import_file(target, path, record_type=record_type, workers=workers)
            wall = time.perf_counter() - start
            own_after, children_after = _cpu()
        main, workers_cpu = own_after - own, children_after - children
        print(
            f"{path.name}: {report.rows_read:,} records in {wall:.2f} s "
            f"({report.rows_read / wall:,.0f} rec/s); CPU {main:.3f} s importing process + "
            f"{workers_cpu:.3f} s workers = {main + workers_cpu:.3f} s; "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )


def main(argv: list[str]) -> None:
    if argv[:1] == ["stages"]:
        stages(Path(argv[1]) if len(argv) > 1 else DATA)
    elif argv[:1] == ["file"] and len(argv) >= 3:
        one_file(
            Path(argv[1]),
            argv[2],
            int(argv[3]) if len(argv) > 3 else 2,
            int(argv[4]) if len(argv) > 4 else 1,
        )
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
