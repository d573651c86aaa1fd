"""The benchmark suite: ``python benchmarks/run.py --out var/bench/results.json [--cases N]``.

Not a test: it measures and reports, and asserts nothing. Steps, each timed:

1. generate ``--cases`` penalty cases with their related records (``benchmarks/generate.py``:
   copies of the sample township, with a known number of planted violations);
2. import every JSON Lines file into a fresh store (``import_file``, as ``esup import``):
   records per second;
3. full check with every installed rule pack enabled (national, supervision, example local
   rules), as of the township's last day; per-rule time (top 10) from the run's timings;
4. incremental check after 1 % of the penalty cases changed and one day passed;
5. rendering: ``build_report_data`` and the json, sarif and html renderers;
6. the SQL baseline: the five core rules (PEN-DECISION-90D, PEN-SUMMARY-LIMIT,
   PEN-OFFICERS-2, PEN-LEGAL-REVIEW, PEN-DELIVERY-7WD) as hand-written SQLite queries over
   the same ``records`` table (JSON functions, a working-day calendar table made for the
   benchmark), side by side with the engine running only those five rules (``mode=full``);
   the ratio engine / SQL is the engine's overhead. The SQL implements each rule's core
   condition only (see :data:`SQL_RULES`), so its flagged-case counts are printed next to the
   engine's to show how far the two agree.

Peak memory is ``ru_maxrss`` of this process after each step. Results go to ``--out`` (JSON)
and a short table is printed.
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from enforcement_supervision._logging import configure_logging
from enforcement_supervision.config import Config
from enforcement_supervision.engine import run_check
from enforcement_supervision.ingest import import_file
from enforcement_supervision.reports import build_report_data, render
from enforcement_supervision.rules import load_plugins
from enforcement_supervision.statutory_time import default_calendar
from enforcement_supervision.store import Store, findings, query_findings

FIVE = (
    "PEN-DECISION-90D",
    "PEN-SUMMARY-LIMIT",
    "PEN-OFFICERS-2",
    "PEN-LEGAL-REVIEW",
    "PEN-DELIVERY-7WD",
)
NEW_LAW = "2021-07-15"
T = TypeVar("T")

_CASES = """
    SELECT record_id, payload FROM records
    WHERE record_type = 'penalty-case' AND is_current = 1
"""

#: The core condition of each of the five rules, one query each, returning the ids of the
#: flagged penalty cases. ``:as_of`` is the evaluation day.
SQL_RULES: dict[str, str] = {
    # Not decided (or closed) within 90 calendar days of filing, approved extensions and
    # written-notice excluded periods added (the strict deadline; rollover ignored).
    "PEN-DECISION-90D": f"""
        WITH c AS ({_CASES})
        SELECT c.record_id FROM c
        WHERE json_extract(c.payload, '$.filed_date') >= '{NEW_LAW}'
          AND coalesce(json_extract(c.payload, '$.decision.decision_date'),
                       json_extract(c.payload, '$.closure.closed_date'), :as_of)
              > date(json_extract(c.payload, '$.filed_date'),
                     '+' || (90
                       + coalesce((SELECT sum(json_extract(e.value, '$.days'))
                                   FROM json_each(c.payload, '$.extensions') e
                                   WHERE json_extract(e.value, '$.approved_date') IS NOT NULL),
                                  0)
                       + coalesce((SELECT sum(julianday(coalesce(
                                            json_extract(x.value, '$.end_date'), :as_of))
                                          - julianday(json_extract(x.value, '$.start_date')))
                                   FROM json_each(c.payload, '$.excluded_periods') x
                                   WHERE json_extract(x.value, '$.notified_in_writing') = 1),
                                  0)) || ' days')
    """,
    # A summary decision with a penalty other than a warning or a fine, or a fine above the
    # cap in force on the decision date for the party's type.
    "PEN-SUMMARY-LIMIT": f"""
        WITH c AS ({_CASES})
        SELECT c.record_id FROM c
        WHERE json_extract(c.payload, '$.decision.procedure') = 'summary'
          AND json_extract(c.payload, '$.decision.special_law_ref') IS NULL
          AND (
            EXISTS (SELECT 1 FROM json_each(c.payload, '$.decision.penalty_types') p
                    WHERE p.value NOT IN ('warning', 'fine'))
            OR CAST(json_extract(c.payload, '$.decision.fine_amount') AS REAL) > (
                CASE WHEN json_extract(c.payload, '$.party.type') = 'natural_person'
                     THEN CASE WHEN json_extract(c.payload, '$.decision.decision_date')
                                    >= '{NEW_LAW}' THEN 200 ELSE 50 END
                     ELSE CASE WHEN json_extract(c.payload, '$.decision.decision_date')
                                    >= '{NEW_LAW}' THEN 3000 ELSE 1000 END END))
    """,
    # An investigation, on-site inspection, on-site decision or evidence preservation done by
    # fewer than two officers with an active, valid certificate who are not auxiliary staff.
    "PEN-OFFICERS-2": f"""
        WITH c AS ({_CASES}),
        officers AS MATERIALIZED (
            SELECT record_id AS id,
                   json_extract(payload, '$.cert_valid_from') AS valid_from,
                   coalesce(json_extract(payload, '$.cert_valid_to'), '9999-12-31') AS valid_to
            FROM records
            WHERE record_type = 'officer' AND is_current = 1
              AND json_extract(payload, '$.cert_status') = 'active'
              AND coalesce(json_extract(payload, '$.is_auxiliary'), 0) = 0
        ),
        acts AS MATERIALIZED (
            SELECT c.record_id AS case_id, a.key AS act,
                   json_extract(a.value, '$.date') AS day,
                   json_extract(a.value, '$.officer_ids') AS officer_ids
            FROM c, json_each(c.payload, '$.acts') a
            WHERE json_extract(a.value, '$.kind') IN
                  ('investigation', 'on_site_inspection', 'on_site_decision',
                   'evidence_preservation')
              AND json_extract(a.value, '$.date') >= '{NEW_LAW}'
              AND json_extract(a.value, '$.law_exception_ref') IS NULL
              AND json_array_length(a.value, '$.officer_ids') > 0
        )
        SELECT DISTINCT acts.case_id FROM acts
        WHERE (SELECT count(DISTINCT o.id)
               FROM json_each(acts.officer_ids) i
               JOIN officers o ON o.id = i.value
               WHERE o.valid_from <= acts.day AND o.valid_to >= acts.day) < 2
    """,
    # A decision that needed a legal review (major public interest, a hearing held, complex
    # with several legal relationships, review required by law; the catalog of matter codes
    # is not joined) without a passed review completed by the approval date.
    "PEN-LEGAL-REVIEW": f"""
        WITH c AS ({_CASES})
        SELECT c.record_id FROM c
        WHERE json_extract(c.payload, '$.decision') IS NOT NULL
          AND json_extract(c.payload, '$.decision.decision_date') >= '{NEW_LAW}'
          AND (json_extract(c.payload, '$.major_public_interest') = 1
               OR json_extract(c.payload, '$.hearing.held_date') IS NOT NULL
               OR json_extract(c.payload, '$.complex_multi_legal') = 1
               OR json_extract(c.payload, '$.review_required_by_law') = 1)
          AND (json_extract(c.payload, '$.legal_review.completed_date') IS NULL
               OR json_extract(c.payload, '$.legal_review.completed_date') > coalesce(
                    json_extract(c.payload, '$.decision.approved_date'),
                    json_extract(c.payload, '$.decision.decision_date'))
               OR coalesce(json_extract(c.payload, '$.legal_review.result'), '') != 'pass')
    """,
    # An ordinary decision not handed over on the spot when the party was present, or not
    # served within seven working days of the announcement (calendar table), or served
    # electronically without consent; service by public notice is not checked.
    "PEN-DELIVERY-7WD": f"""
        WITH c AS ({_CASES}),
        d AS (
            SELECT c.record_id AS case_id,
                   coalesce(json_extract(c.payload, '$.decision.announced_date'),
                            json_extract(c.payload, '$.decision.decision_date')) AS start,
                   json_extract(c.payload, '$.delivery.served_date') AS served,
                   json_extract(c.payload, '$.delivery.method') AS method,
                   json_extract(c.payload, '$.delivery.party_present_at_announcement') AS present,
                   json_extract(c.payload, '$.delivery.e_service_consent_signed') AS consent
            FROM c
            WHERE json_extract(c.payload, '$.decision.procedure') = 'ordinary'
              AND json_extract(c.payload, '$.decision.decision_date') >= '{NEW_LAW}'
        )
        SELECT d.case_id FROM d
        JOIN bench_calendar s ON s.day = d.start
        JOIN bench_calendar e ON e.wd_index = s.wd_index + 7 AND e.workday = 1
        WHERE (d.present = 1 AND d.served IS NOT NULL AND d.served != d.start)
           OR (coalesce(d.present, 0) = 0 AND coalesce(d.method, '') != 'public_notice'
               AND coalesce(d.served, :as_of) > e.day)
           OR (d.method = 'electronic' AND d.consent = 0)
    """,
}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(call: Callable[[], T]) -> tuple[T, float]:
    began = time.perf_counter()
    value = call()
    return value, time.perf_counter() - began


def _calendar_table(store: Store, first: date, last: date) -> None:
    """``bench_calendar(day, workday, wd_index)``: ``wd_index`` counts working days up to
    and including ``day``, so "7 working days after d" is the working day whose index is
    ``d``'s plus 7."""
    calendar = default_calendar()
    rows: list[dict[str, Any]] = []
    index = 0
    day = first
    while day <= last:
        workday = calendar.is_workday(day)
        index += int(workday)
        rows.append({"day": day.isoformat(), "workday": int(workday), "wd_index": index})
        day += timedelta(days=1)
    with store.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS bench_calendar"))
        connection.execute(
            text(
                "CREATE TABLE bench_calendar (day TEXT PRIMARY KEY, workday INTEGER, "
                "wd_index INTEGER)"
            )
        )
        connection.execute(text("CREATE INDEX bench_calendar_wd ON bench_calendar (wd_index)"))
        connection.execute(
            text("INSERT INTO bench_calendar VALUES (:day, :workday, :wd_index)"), rows
        )


def _churn(data: Path, out: Path, share: float, seed: int) -> int:
    """Write ``share`` of the penalty cases, each changed, to ``out``; how many."""
    rng = random.Random(seed)
    changed = 0
    with (
        (data / "penalty-case.jsonl").open(encoding="utf-8") as source,
        out.open("w", encoding="utf-8") as target,
    ):
        for line in source:
            if rng.random() >= share:
                continue
            item = json.loads(line)
            item["cause"] = f"{item.get('cause', '')}（补正）"
            target.write(json.dumps(item, ensure_ascii=False) + "\n")
            changed += 1
    return changed


def _flagged(store: Store, rule_id: str) -> int:
    with store.engine.connect() as connection:
        return int(
            connection.execute(
                select(func.count(func.distinct(findings.c.subject_id)))
                .where(findings.c.rule_id == rule_id)
                .where(findings.c.detected.is_(True))
                .where(findings.c.severity != "S4")
            ).scalar_one()
        )


def _check_summary(result: Any, seconds: float) -> dict[str, Any]:
    timings = result.rule_timings
    top = sorted(timings.items(), key=lambda item: -float(item[1]["seconds"]))[:10]
    return {
        "seconds": round(seconds, 3),
        "evaluated": result.evaluated,
        "opened": result.opened,
        "resolved": result.resolved,
        "active": result.active,
        "errors": len(result.errors),
        "rule_seconds": round(sum(float(t["seconds"]) for t in timings.values()), 3),
        "top_rules": [
            {"rule_id": rule_id, "seconds": t["seconds"], "evaluated": t["evaluated"]}
            for rule_id, t in top
        ],
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "cases_asked": args.cases,
    }
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    data = work / f"data-{args.cases}-{args.seed}{'-own' if args.own_catalogs else ''}"
    manifest_path = data / "manifest.json"
    if manifest_path.exists() and not args.regenerate:
        manifest = json.loads(manifest_path.read_text())
    else:
        manifest = generate(data, cases=args.cases, seed=args.seed, own_catalogs=args.own_catalogs)
    results["data"] = manifest
    print(
        f"data: {manifest['records']:,} records, {manifest['penalty_cases']:,} penalty cases, "
        f"{manifest['planted_total']:,} planted violations ({data})"
    )
    as_of = date.fromisoformat(manifest["as_of"])
    config = Config(data=json.loads((data / "config.json").read_text(encoding="utf-8")))

    if args.db is None:
        db_path = work / f"bench-{args.cases}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        url: str = f"sqlite:///{db_path}"
    else:
        url = args.db
    store = Store.open(url)
    sqlite = store.engine.dialect.name == "sqlite"

    # 1. import
    files = sorted(data.glob("*.jsonl"))

    def import_all() -> int:
        reports = [import_file(store, path) for path in files]
        rejected = sum(report.rejected for report in reports)
        if rejected:
            print(f"warning: {rejected} rows rejected on import")
        return sum(report.rows_read for report in reports)

    total, seconds = _timed(import_all)
    results["import"] = {
        "records": total,
        "seconds": round(seconds, 3),
        "records_per_s": round(total / seconds),
        "peak_rss_mb": round(_rss_mb(), 1),
    }
    print(f"import: {total:,} records in {seconds:.1f} s ({total / seconds:,.0f} rec/s)")

    manager = load_plugins(config)

    # 2. full check
    full, seconds = _timed(
        lambda: run_check(store, as_of=as_of, config=config, manager=manager, mode="full")
    )
    results["full_check"] = {**_check_summary(full, seconds), "peak_rss_mb": round(_rss_mb(), 1)}
    print(f"full check: {seconds:.1f} s, {full.evaluated:,} evaluations, {full.opened:,} opened")

    # 2b. the same day again, incremental (nothing changed)
    again, seconds = _timed(lambda: run_check(store, as_of=as_of, config=config, manager=manager))
    results["repeat_check"] = _check_summary(again, seconds)
    print(f"repeat check (incremental, nothing changed): {seconds:.2f} s")

    # 3. 1 % churn, one day later
    churn_file = work / "churn-penalty-case.jsonl"
    changed = _churn(data, churn_file, 0.01, args.seed)
    _, churn_seconds = _timed(lambda: import_file(store, churn_file))
    next_day = as_of + timedelta(days=1)
    incremental, seconds = _timed(
        lambda: run_check(store, as_of=next_day, config=config, manager=manager)
    )
    results["incremental_check"] = {
        **_check_summary(incremental, seconds),
        "changed_records": changed,
        "import_seconds": round(churn_seconds, 3),
        "peak_rss_mb": round(_rss_mb(), 1),
    }
    print(f"incremental check (1 % churn, +1 day): {seconds:.2f} s, {changed} records changed")

    # 4. reading findings and rendering
    stored, seconds = _timed(lambda: query_findings(store))
    results["query_findings"] = {"findings": len(stored), "seconds": round(seconds, 3)}
    del stored
    print(f"query_findings: {results['query_findings']['findings']:,} in {seconds:.2f} s")
    rendering: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="esup-bench-render-") as scratch:
        report, seconds = _timed(
            lambda: build_report_data(store, audience="internal", manager=manager, config=config)
        )
        rendering["build_report_data"] = round(seconds, 3)
        for fmt in ("json", "sarif", "html"):
            began = time.perf_counter()
            render(fmt, report, Path(scratch) / f"report.{fmt}")
            rendering[fmt] = round(time.perf_counter() - began, 3)
        del report
    results["rendering"] = {**rendering, "peak_rss_mb": round(_rss_mb(), 1)}
    print("rendering: " + ", ".join(f"{k} {v:.2f} s" for k, v in rendering.items()))

    # 5. the SQL baseline and the engine on the same five rules
    if sqlite:
        years = default_calendar().years
        _calendar_table(store, date(min(years), 1, 1), date(max(years), 12, 31))
        sql: dict[str, dict[str, Any]] = {}
        with store.engine.connect() as connection:
            for rule_id, query in SQL_RULES.items():
                began = time.perf_counter()
                ids = connection.execute(text(query), {"as_of": as_of.isoformat()}).all()
                sql[rule_id] = {
                    "seconds": round(time.perf_counter() - began, 3),
                    "flagged_sql": len({row[0] for row in ids}),
                }
        five, seconds = _timed(
            lambda: run_check(
                store, as_of=next_day, config=config, manager=manager, rules=FIVE, mode="full"
            )
        )
        sql_seconds = sum(item["seconds"] for item in sql.values())
        for rule_id in FIVE:
            sql[rule_id]["engine_rule_seconds"] = five.rule_timings[rule_id]["seconds"]
            sql[rule_id]["flagged_engine"] = _flagged(store, rule_id)
        results["sql_baseline"] = {
            "rules": sql,
            "sql_seconds": round(sql_seconds, 3),
            "engine_seconds": round(seconds, 3),
            "ratio": round(seconds / sql_seconds, 2),
            "engine_rule_seconds": round(
                sum(float(five.rule_timings[r]["seconds"]) for r in FIVE), 3
            ),
        }
        print(
            f"SQL baseline (5 rules): SQL {sql_seconds:.2f} s, engine {seconds:.2f} s, "
            f"ratio {seconds / sql_seconds:.1f}x"
        )
    results["peak_rss_mb"] = round(_rss_mb(), 1)
    store.close()
    if args.clean:
        shutil.rmtree(data, ignore_errors=True)
    return results


def table(results: dict[str, Any]) -> str:
    """The short table printed at the end."""
    lines = [
        f"{results['data']['penalty_cases']:,} penalty cases, "
        f"{results['data']['records']:,} records",
        f"{'import':<34} {results['import']['records_per_s']:>10,} rec/s "
        f"({results['import']['seconds']:.1f} s)",
    ]
    for label, key in (
        ("full check (all packs)", "full_check"),
        ("repeat check (no change)", "repeat_check"),
        ("incremental (1% churn, +1 day)", "incremental_check"),
    ):
        item = results[key]
        lines.append(
            f"{label:<34} {item['seconds']:>10.2f} s   ({item['evaluated']:,} evaluations, "
            f"rule code {item['rule_seconds']:.2f} s)"
        )
    lines.append(
        f"{'query_findings':<34} {results['query_findings']['seconds']:>10.2f} s   "
        f"({results['query_findings']['findings']:,} findings)"
    )
    for name, seconds in results["rendering"].items():
        if name != "peak_rss_mb":
            lines.append(f"{'render ' + name:<34} {seconds:>10.2f} s")
    lines.append("per-rule time, full check (top 10):")
    for item in results["full_check"]["top_rules"]:
        lines.append(f"  {item['rule_id']:<32} {item['seconds']:>10.3f} s")
    baseline = results.get("sql_baseline")
    if baseline:
        lines.append(
            f"SQL baseline, 5 core rules: SQL {baseline['sql_seconds']:.2f} s, engine "
            f"{baseline['engine_seconds']:.2f} s (rule code {baseline['engine_rule_seconds']:.2f} "
            f"s): ratio {baseline['ratio']:.1f}x"
        )
        for rule_id, item in baseline["rules"].items():
            lines.append(
                f"  {rule_id:<20} SQL {item['seconds']:>7.3f} s ({item['flagged_sql']:>6,} cases)"
                f"  engine rule {item['engine_rule_seconds']:>7.3f} s "
                f"({item['flagged_engine']:>6,} cases)"
            )
    lines.append(f"{'peak memory (ru_maxrss)':<34} {results['peak_rss_mb']:>10,.0f} MB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("var/bench/results.json"))
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file in --work)")
    parser.add_argument("--work", type=Path, default=Path("var/bench"))
    parser.add_argument("--regenerate", action="store_true", help="regenerate the data")
    parser.add_argument(
        "--own-catalogs", action="store_true", help="every township copy has its own catalogs"
    )
    parser.add_argument("--clean", action="store_true", help="delete the data afterwards")
    args = parser.parse_args()
    configure_logging(level=logging.WARNING)
    results = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print()
    print(table(results))
    print(f"\nresults: {args.out}")


if __name__ == "__main__":
    main()
