"""Benchmark: a province-size report (150,000 findings by default) in every format, each in
its own process, with its peak memory.

Run with ``python benchmarks/bench_reports.py [--findings N] [--agencies A] [--formats ...]``.
Not a test: it prints a table and asserts nothing. The findings are made the real way:

1. leads are stored (``Store.put_records``), each with a reporter and a natural-person party
   (names, ID and phone numbers), spread over ``A`` agencies and a year of dates;
2. ``esup check``'s engine (``run_check``) runs two small rules over them: one flags every
   lead (a deadline with its trace, facts, two articles), one adds an advisory on a tenth of
   them; the number of leads is chosen so that the findings number about ``N``;
3. 1 % of the findings are notified with a rectification deadline and 0.5 % waived;
4. each format is rendered in a fresh child process (``build_report_data`` then ``render``):
   its wall time, CPU time, output size and **peak resident memory** (the child's
   ``VmHWM``) are reported, and for the XLSX ledger the rows written per second (the
   writer alone, and end to end including reading and masking the findings). A large
   ledger is written by a process the renderer forks (two cores), and from 50,000 findings
   a second forked process reads the second half of the findings: their CPU times and peak
   memory are reported on a line of their own.

The load average before and after is printed: the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import update

from enforcement_supervision._host import build_record, load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.engine import open_findings, run_check
from enforcement_supervision.reports import FORMATS, build_report_data, render
from enforcement_supervision.rules import Context, LegalBasis, rule
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import NewEvent, append_events, findings

BASIS = (
    LegalBasis(
        instrument="中华人民共和国行政处罚法",
        instrument_en="Administrative Penalty Law",
        article="54",
    ),
    LegalBasis(
        instrument="行政执法监督条例（示例）",
        instrument_en="Supervision rules (example)",
        article="12",
    ),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"
CONFIG = {
    "reports": {"township_agency": "AG-000"},
    "notice": {"issuing_office": "示例县司法局", "number_prefix": "示司监"},
}


@rule(
    id="BENCH-LEAD-15D",
    title_zh="线索 15 日内作出立案决定",
    title_en="Filing decision within 15 days",
    category="inaction",
    severity="S2",
    legal_basis=BASIS,
    applies_to="lead",
    facts_date="received_date",
)
def bench_deadline(lead: Any, ctx: Context) -> None:
    """Flags every lead without a filing decision within 15 days (all of them here)."""
    deadline = ctx.deadline(lead.received_date, 15, "CD", start_label="收到线索")
    if ctx.late(deadline, lead.filing_decision_date, label="立案决定"):
        ctx.finding(
            key="filing",
            message_zh=(
                f"线索 {lead.id}：举报人{lead.reporter_name}（{lead.reporter_phone}）反映的"
                f"{lead.party.name}违法线索逾期未作出立案决定"
            ),
            message_en=f"lead {lead.id}: no filing decision within 15 days",
            facts={
                "received_date": lead.received_date,
                "reporter_name": lead.reporter_name,
                "party_id_number": lead.party.id_number,
            },
            due=deadline.due_date,
        )


@rule(
    id="BENCH-SUMMARY",
    title_zh="线索摘要缺失",
    title_en="Lead summary missing",
    category="transparency",
    severity="S4",
    legal_basis=BASIS[:1],
    applies_to="lead",
)
def bench_summary(lead: Any, ctx: Context) -> None:
    """Advisory on leads whose number ends in 0."""
    if lead.id.endswith("0"):
        ctx.finding(message_zh=f"线索 {lead.id} 缺少摘要", message_en=f"lead {lead.id}: no summary")


def _manager() -> Any:
    manager = load_plugins(Config(), entry_points=False)
    manager.register_rules(bench_deadline, bench_summary, name="bench-rules")
    return manager


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _leads(count: int, agencies: int, seed: int = 2025) -> list[Any]:
    rng = random.Random(seed)
    first = date(2025, 1, 1)
    leads = []
    for index in range(count):
        leads.append(
            build_record(
                "lead",
                id=f"LD-{index:07d}",
                agency_id=f"AG-{index % agencies:03d}",
                received_date=(first + timedelta(days=rng.randrange(330))).isoformat(),
                source="complaint",
                reporter_name=_person(rng),
                reporter_phone=f"139{rng.randrange(10**8):08d}",
                party={
                    "type": "natural_person",
                    "name": _person(rng),
                    "id_number": f"370102{1950 + rng.randrange(50)}0101{rng.randrange(1000):03d}X",
                    "phone": f"138{rng.randrange(10**8):08d}",
                },
            )
        )
    return leads


def _agencies(count: int) -> list[Any]:
    return [
        build_record(
            "agency",
            id=f"AG-{index:03d}",
            name=f"示例县第{index + 1}执法局",
            level="county",
            kind="government",
            supervisor_id="AG-SUP",
            inspection_subject_confirmed=True,
        )
        for index in range(count)
    ] + [
        build_record("agency", id="AG-SUP", name="示例县司法局", level="county", kind="government")
    ]


def _follow_through(store: Store) -> None:
    fingerprints = [stored.fingerprint for stored in open_findings(store)]
    at = datetime(2026, 1, 5, 2, tzinfo=UTC)
    notified = fingerprints[::100]
    waived = fingerprints[50::200]
    with store.engine.begin() as connection:
        append_events(
            connection,
            [
                NewEvent(
                    fingerprint=fp,
                    kind="notified",
                    at=at,
                    actor="监督科",
                    data={"rectification_due": "2026-02-05"},
                )
                for fp in notified
            ]
            + [
                NewEvent(
                    fingerprint=fp,
                    kind="waived",
                    at=at,
                    actor="分管局长",
                    reason="经审查属误报",
                    data={"requested_by": "执法监督科", "approved_by": "分管局长"},
                )
                for fp in waived
            ],
        )
        for status, chosen in (("notified", notified), ("waived", waived)):
            for start in range(0, len(chosen), 900):
                connection.execute(
                    update(findings)
                    .where(findings.c.fingerprint.in_(chosen[start : start + 900]))
                    .values(status=status)
                )


def _size(paths: list[Path]) -> int:
    return sum(path.stat().st_size for path in paths if path.is_file())


def child(db: Path, fmt: str, audience: str, out: Path) -> None:
    """One format in this process: print its figures as JSON."""
    from enforcement_supervision.reports import _xlsx

    wall, cpu = time.perf_counter(), time.process_time()
    with Store.open(db) as store:
        data = build_report_data(
            store,
            audience=audience,
            manager=_manager(),
            include_passed=fmt == "junit",
            config=Config(data=CONFIG),
        )
        if fmt != "build":
            paths = render(fmt, data, out)
        else:
            paths = []
            for _ in data.iter_batches():
                pass
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures: dict[str, Any] = {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        # A process the format forked (the ledger's writer) and its peak memory.
        "cpu_children": children.ru_utime + children.ru_stime,
        "peak_children_mb": children.ru_maxrss / 1024,
        "size": _size(paths) if fmt != "notice" else _size(list(out.glob("*"))),
        "files": len(paths),
        "findings": data.summary.total,
    }
    if fmt == "xlsx":
        figures.update({f"ledger_{key}": value for key, value in _xlsx.LAST_STATS.items()})
    figures["peak_mb"] = _peak_mb()
    print(json.dumps(figures))


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: counted from its own start, unlike
    ``ru_maxrss``, which a child inherits from the parent it was forked from)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(db: Path, fmt: str, audience: str, out: Path) -> dict[str, Any]:
    """Run :func:`child` in a fresh process (which reports its own peak memory)."""
    command = [sys.executable, __file__, "--child", str(db), fmt, audience, str(out)]
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{fmt} failed with status {result.returncode}")
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), sys.argv[3], sys.argv[4], Path(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--findings", type=int, default=150_000, help="about this many (150000)")
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument(
        "--formats",
        nargs="*",
        default=["build", "json", "sarif", "junit", "xlsx", "md", "html", "notice"],
        help=f"which of {', '.join(('build', *FORMATS))} (build: read every finding only)",
    )
    parser.add_argument("--audiences", nargs="*", default=["internal"])
    parser.add_argument("--out", type=Path, help="where to write (default: a temporary folder)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --out: reuse the store and check time of an earlier run in that folder",
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="esup-bench-reports-") as scratch:
        out = args.out or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        db = out / "bench.sqlite"
        timing = out / "bench-check.json"
        if args.reuse and db.exists() and timing.exists():
            check_seconds, opened = json.loads(timing.read_text())
            print(f"reusing {db}: check took {check_seconds:.1f} s, {opened:,} findings")
        else:
            db.unlink(missing_ok=True)
            with Store.open(db) as store:
                leads = _leads(round(args.findings / 1.1), args.agencies)
                began = time.perf_counter()
                store.put_records([*_agencies(args.agencies), *leads])
                print(f"store {len(leads):,} leads: {time.perf_counter() - began:.1f} s")
                began = time.perf_counter()
                opened = run_check(store, as_of="2026-01-01", manager=_manager()).opened
                check_seconds = time.perf_counter() - began
                print(f"check (run_check): {check_seconds:.1f} s, {opened:,} findings stored")
                _follow_through(store)
            timing.write_text(json.dumps([check_seconds, opened]))

        rows: list[tuple[str, str, dict[str, Any]]] = []
        for audience in args.audiences:
            for fmt in args.formats:
                target = out / audience / ("notices" if fmt == "notice" else f"report.{fmt}")
                target.parent.mkdir(parents=True, exist_ok=True)
                figures = measure(db, fmt, audience, target)
                rows.append((audience, fmt, figures))
                print(f"  {audience} {fmt}: {figures['wall']:.1f} s, {figures['peak_mb']:.0f} MB")
    load_after = os.getloadavg()

    print(f"\n{opened:,} findings, {args.agencies} agencies; check took {check_seconds:.1f} s")
    print(
        f"{'audience':<9} {'format':<7} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} "
        f"{'output MB':>9} {'files':>6}"
    )
    for audience, fmt, figures in rows:
        print(
            f"{audience:<9} {fmt:<7} {figures['wall']:>7.1f} {figures['cpu']:>7.1f} "
            f"{figures['peak_mb']:>8.0f} {figures['size'] / 1e6:>9.1f} {figures['files']:>6}"
        )
        if figures.get("cpu_children"):
            second = figures.get("ledger_reader2_cpu_seconds", 0.0)
            print(
                f"          + forked writer: {figures['cpu_children'] - second:.1f} CPU s"
                + (f", second reader: {second:.1f} CPU s" if second else "")
                + f", peak {figures['peak_children_mb']:.0f} MB (the larger of the forked "
                "processes; resident memory includes the pages they share with the reading "
                "process)"
            )
        if "ledger_rows" in figures:
            rows_written = figures["ledger_rows"]
            print(
                f"          ledger: {rows_written:,.0f} rows ({figures['ledger_findings']:,.0f} "
                f"findings); writer {rows_written / figures['ledger_seconds']:,.0f} rows/s "
                f"({rows_written / figures['ledger_cpu_seconds']:,.0f} rows per CPU second), "
                f"end to end {rows_written / figures['wall']:,.0f} rows/s "
                f"({rows_written / (figures['cpu'] + figures.get('cpu_children', 0)):,.0f} "
                "per CPU second, both processes)"
            )
    print(
        "load average before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}".format(
            *load_before, *load_after
        )
    )


if __name__ == "__main__":
    main()
