"""Benchmark: render 100,000 stored findings in every report format.

Run with ``python benchmarks/bench_reports.py [--findings N] [--agencies A]``. Not a test:
it prints a table and asserts nothing. The findings are made the real way, so that the
comparison the issue asks for ("rendering stays well below the check run that produced
them") is measured, not guessed:

1. ``N`` leads are stored (``Store.put_records``), each with a reporter and a natural-person
   party (names, ID and phone numbers), spread over ``A`` agencies and a year of dates;
2. ``esup check``'s engine (``run_check``) runs two small rules over them: one flags every
   lead (a deadline with its trace, facts, two articles), one adds an advisory on a tenth of
   them. The check time is printed;
3. 1 % of the findings are notified with a rectification deadline and 0.5 % waived, through
   the event log, as the lifecycle layer will;
4. ``build_report_data`` (internal and public audience) and every renderer are timed.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
from sqlalchemy import update

from enforcement_supervision.config import Config
from enforcement_supervision.engine import open_findings, run_check
from enforcement_supervision.reports import FORMATS, ReportData, build_report_data, render
from enforcement_supervision.rules import Context, LegalBasis, build_record, load_plugins, rule
from enforcement_supervision.store import NewEvent, Store, append_events, findings

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
    return sum(path.stat().st_size for path in paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--findings", type=int, default=100_000, help="leads flagged (default 100000)"
    )
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument("--out", type=Path, help="where to write (default: a temporary folder)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --out: reuse the store and check time of an earlier run in that folder",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="esup-bench-reports-") as scratch:
        out = args.out or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        db = out / "bench.sqlite"
        timing = out / "bench-check.json"
        manager = load_plugins(Config(), entry_points=False)
        manager.register_rules(bench_deadline, bench_summary, name="bench-rules")
        if args.reuse and db.exists() and timing.exists():
            store = Store.open(db)
            check_seconds, opened = json.loads(timing.read_text())
            print(f"reusing {db}: check took {check_seconds:.1f} s, {opened:,} findings")
        else:
            db.unlink(missing_ok=True)
            store = Store.open(db)
            leads = _leads(args.findings, args.agencies)
            began = time.perf_counter()
            store.put_records([*_agencies(args.agencies), *leads])
            print(f"store {len(leads):,} leads: {time.perf_counter() - began:.1f} s")
            began = time.perf_counter()
            opened = run_check(store, as_of="2026-01-01", manager=manager).opened
            check_seconds = time.perf_counter() - began
            print(f"check (run_check): {check_seconds:.1f} s, {opened:,} findings stored")
            _follow_through(store)
            timing.write_text(json.dumps([check_seconds, opened]))

        rows: list[tuple[str, str, float, int]] = []
        for audience in ("internal", "public"):
            began = time.perf_counter()
            data = build_report_data(store, audience=audience, manager=manager, include_passed=True)
            rows.append((audience, "build_report_data", time.perf_counter() - began, 0))
            variants: list[tuple[str, str, ReportData]] = [(fmt, fmt, data) for fmt in FORMATS]
            if audience == "internal":
                every_row = attrs.evolve(
                    data, settings=attrs.evolve(data.settings, html_max_findings=None)
                )
                variants.append(("html (every row)", "html", every_row))
            for label, fmt, variant in variants:
                name = "notices" if fmt == "notice" else f"{label.split()[0]}-{len(rows)}.{fmt}"
                began = time.perf_counter()
                paths = render(fmt, variant, out / audience / name)
                rows.append((audience, label, time.perf_counter() - began, _size(paths)))
        store.close()

    print(f"\n{opened:,} findings, {args.agencies} agencies; check took {check_seconds:.1f} s")
    print(f"{'audience':<9} {'step':<18} {'seconds':>8} {'of check':>9} {'MB':>8}")
    for audience, step, seconds, size in rows:
        share = f"{seconds / check_seconds:.0%}"
        megabytes = f"{size / 1e6:.1f}" if size else "-"
        print(f"{audience:<9} {step:<18} {seconds:>8.2f} {share:>9} {megabytes:>8}")


if __name__ == "__main__":
    main()
