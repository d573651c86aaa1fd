"""The benchmark suite: imports, checks (serial and with worker processes) and reports.

``python benchmarks/run.py [--cases N | --large] [--db URL] [--workers N] [--out FILE]
[--import-only]``; ``--large`` (``make bench-100k``) is the 100,000-case run, in its own
``--work`` directory (``var/bench-100k``) so that its data are generated once.
Not a test: it measures and reports, and asserts nothing (except that the parallel check finds
what the serial one does: a MISMATCH line otherwise). ``--import-only`` stops after step 2.
Steps, each timed:

1. generate ``--cases`` penalty cases with their related records (``benchmarks/generate.py``:
   copies of the sample township, with a known number of planted violations);
2. import every JSON Lines file into a fresh store (``import_file``, as ``esup import``,
   with ``--workers`` worker processes validating): records per second; then the same
   records of one type (:data:`FORMAT_TYPE`) exported as JSON Lines, CSV (GB18030) and XLSX
   and imported into fresh SQLite files: each format's rate. The store is a new SQLite file
   in ``--work``, or the database of
   ``--db`` on a PostgreSQL or MariaDB / MySQL server, dropped and created again first;
3. full check with every installed rule pack enabled (national, supervision, example local
   rules), as of the township's last day, serially (``workers=1``); per-rule time (top 10)
   from the run's timings;
4. the same full check with ``--workers`` worker processes (``EngineSettings(workers=N)``)
   from the same starting point: a copy of the database taken right after the import (SQLite:
   a copy of the file through SQLite's backup API; PostgreSQL: ``CREATE DATABASE ... TEMPLATE``)
   or, on MariaDB / MySQL, the already-checked store (``mode="full"`` evaluates everything
   again). Its sorted ``(fingerprint, status)`` list must equal the serial check's; the
   speed-up is serial time / parallel time;
5. the same day again (nothing changed), then the incremental check after 1 % of the penalty
   cases changed and one day passed; then the clocks (early warning): how many are stored,
   the time of ``list_clocks(light="yellow")`` (``esup clocks list --light yellow``) and the
   clock rows each of those two checks wrote;
6. reading every finding and rendering: ``build_report_data`` and the json, sarif and html
   renderers;
7. the SQL baseline: the five core rules (PEN-DECISION-90D, PEN-SUMMARY-LIMIT,
   PEN-OFFICERS-2, PEN-LEGAL-REVIEW, PEN-DELIVERY-7WD) as hand-written queries over the same
   ``records`` table (SQLite: JSON functions, :data:`SQL_RULES`; PostgreSQL: JSON operators,
   :data:`PG_SQL_RULES`; a working-day calendar table made for the benchmark), side by side
   with the engine running only those five rules (``mode=full``), serially and with
   ``--workers``; the ratio engine / SQL is the engine's overhead. The SQL implements each
   rule's core condition only, so its flagged-case counts are printed next to the engine's to
   show how far the two agree. MariaDB: :data:`MARIADB_SQL_RULES` (``JSON_VALUE``,
   ``JSON_TABLE``; checked on MariaDB 10.11, not on MySQL).
8. a check 45 days later with no new data, for the clocks: the
   evaluations it makes and the clock rows it writes (lights moved, clocks closed);

Peak memory is ``ru_maxrss`` of this process after each step (and of the largest worker
process). Results go to ``--out`` (JSON) and a short table is printed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import attrs
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import URL, make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from enforcement_supervision._host import load_plugins
from enforcement_supervision._logging import configure_logging
from enforcement_supervision.clocks import LIGHTS, clock_updates, list_clocks
from enforcement_supervision.config import Config
from enforcement_supervision.engine import EngineSettings, run_check
from enforcement_supervision.ingest import export_records, import_file
from enforcement_supervision.reports import build_report_data, render
from enforcement_supervision.statutory_time import default_calendar
from enforcement_supervision.store import Store, query_findings
from enforcement_supervision.store._internal import findings

FIVE = (
    "PEN-DECISION-90D",
    "PEN-SUMMARY-LIMIT",
    "PEN-OFFICERS-2",
    "PEN-LEGAL-REVIEW",
    "PEN-DELIVERY-7WD",
)
NEW_LAW = "2021-07-15"
#: Penalty cases of ``--large`` (``make bench-100k``): the size issue 17 measures the engine at.
LARGE_CASES = 100_000
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


#: The current penalty cases with their payload parsed once (``payload`` is a ``json``
#: column, stored as text: every ``->`` on it parses the whole document again, which made the
#: five queries four times slower); used as ``WITH c AS MATERIALIZED (...)`` so that the
#: parse is not repeated for each reference either.
_PG_CASES = """
    SELECT record_id, payload::jsonb AS payload FROM records
    WHERE record_type = 'penalty-case' AND is_current
"""


def _pg_array(value: str) -> str:
    """``value`` (a ``jsonb`` expression) if it is an array, else an empty array: PostgreSQL's
    ``jsonb_array_elements`` raises on a scalar or null, SQLite's ``json_each`` yields nothing
    for a missing path (and nothing that passes the filters for a null)."""
    return f"(CASE WHEN jsonb_typeof({value}) = 'array' THEN {value} ELSE '[]'::jsonb END)"


#: :data:`SQL_RULES` for PostgreSQL: the same core conditions with PostgreSQL's JSON operators
#: (``->`` / ``->>``, ``jsonb_array_elements``, ``jsonb_array_length`` on the payload cast to
#: ``jsonb`` once, see ``_PG_CASES``), dates cast to ``date`` (so ``date + integer`` replaces
#: ``date(d, '+N days')``), JSON booleans cast to ``boolean`` (SQLite compares them with 1 and
#: 0), and a ``bench_calendar`` with ``date`` and ``boolean`` columns. PEN-OFFICERS-2 counts
#: the valid officers of each act with a join and ``GROUP BY`` instead of SQLite's correlated
#: subquery (for which PostgreSQL rebuilds a hash of the officers per act: 10 s instead of
#: 1 s at 20,000 cases). Same cases flagged as the SQLite queries on the same data.
PG_SQL_RULES: dict[str, str] = {
    "PEN-DECISION-90D": f"""
        WITH c AS MATERIALIZED ({_PG_CASES})
        SELECT c.record_id FROM c
        WHERE (c.payload->>'filed_date')::date >= DATE '{NEW_LAW}'
          AND coalesce((c.payload->'decision'->>'decision_date')::date,
                       (c.payload->'closure'->>'closed_date')::date, CAST(:as_of AS date))
              > (c.payload->>'filed_date')::date + (90
                  + coalesce((SELECT sum((e->>'days')::numeric)
                              FROM jsonb_array_elements({_pg_array("c.payload->'extensions'")}) e
                              WHERE e->>'approved_date' IS NOT NULL), 0)
                  + coalesce((SELECT sum(coalesce((x->>'end_date')::date, CAST(:as_of AS date))
                                         - (x->>'start_date')::date)
                              FROM jsonb_array_elements(
                                     {_pg_array("c.payload->'excluded_periods'")}) x
                              WHERE (x->>'notified_in_writing')::boolean), 0))::int
    """,
    "PEN-SUMMARY-LIMIT": f"""
        WITH c AS MATERIALIZED ({_PG_CASES})
        SELECT c.record_id FROM c
        WHERE c.payload->'decision'->>'procedure' = 'summary'
          AND c.payload->'decision'->>'special_law_ref' IS NULL
          AND (
            EXISTS (SELECT 1
                    FROM jsonb_array_elements_text(
                           {_pg_array("c.payload->'decision'->'penalty_types'")}) p(value)
                    WHERE p.value NOT IN ('warning', 'fine'))
            OR (c.payload->'decision'->>'fine_amount')::numeric > (
                CASE WHEN c.payload->'party'->>'type' = 'natural_person'
                     THEN CASE WHEN (c.payload->'decision'->>'decision_date')::date
                                    >= DATE '{NEW_LAW}' THEN 200 ELSE 50 END
                     ELSE CASE WHEN (c.payload->'decision'->>'decision_date')::date
                                    >= DATE '{NEW_LAW}' THEN 3000 ELSE 1000 END END))
    """,
    "PEN-OFFICERS-2": f"""
        WITH c AS MATERIALIZED ({_PG_CASES}),
        officers AS MATERIALIZED (
            SELECT record_id AS id,
                   (payload->>'cert_valid_from')::date AS valid_from,
                   coalesce((payload->>'cert_valid_to')::date, DATE '9999-12-31') AS valid_to
            FROM records
            WHERE record_type = 'officer' AND is_current
              AND payload->>'cert_status' = 'active'
              AND NOT coalesce((payload->>'is_auxiliary')::boolean, false)
        ),
        acts AS MATERIALIZED (
            SELECT c.record_id AS case_id, a.idx AS act,
                   (a.value->>'date')::date AS day,
                   a.value->'officer_ids' AS officer_ids
            FROM c, jsonb_array_elements({_pg_array("c.payload->'acts'")})
                    WITH ORDINALITY AS a(value, idx)
            WHERE a.value->>'kind' IN
                  ('investigation', 'on_site_inspection', 'on_site_decision',
                   'evidence_preservation')
              AND (a.value->>'date')::date >= DATE '{NEW_LAW}'
              AND a.value->>'law_exception_ref' IS NULL
              AND jsonb_array_length({_pg_array("a.value->'officer_ids'")}) > 0
        )
        SELECT acts.case_id FROM acts
        CROSS JOIN LATERAL jsonb_array_elements_text(acts.officer_ids) i(value)
        LEFT JOIN officers o ON o.id = i.value
             AND o.valid_from <= acts.day AND o.valid_to >= acts.day
        GROUP BY acts.case_id, acts.act
        HAVING count(DISTINCT o.id) < 2
    """,
    "PEN-LEGAL-REVIEW": f"""
        WITH c AS MATERIALIZED ({_PG_CASES})
        SELECT c.record_id FROM c
        WHERE c.payload->>'decision' IS NOT NULL
          AND (c.payload->'decision'->>'decision_date')::date >= DATE '{NEW_LAW}'
          AND ((c.payload->>'major_public_interest')::boolean
               OR c.payload->'hearing'->>'held_date' IS NOT NULL
               OR (c.payload->>'complex_multi_legal')::boolean
               OR (c.payload->>'review_required_by_law')::boolean)
          AND (c.payload->'legal_review'->>'completed_date' IS NULL
               OR (c.payload->'legal_review'->>'completed_date')::date > coalesce(
                    (c.payload->'decision'->>'approved_date')::date,
                    (c.payload->'decision'->>'decision_date')::date)
               OR coalesce(c.payload->'legal_review'->>'result', '') != 'pass')
    """,
    "PEN-DELIVERY-7WD": f"""
        WITH c AS MATERIALIZED ({_PG_CASES}),
        d AS (
            SELECT c.record_id AS case_id,
                   coalesce((c.payload->'decision'->>'announced_date')::date,
                            (c.payload->'decision'->>'decision_date')::date) AS start,
                   (c.payload->'delivery'->>'served_date')::date AS served,
                   c.payload->'delivery'->>'method' AS method,
                   (c.payload->'delivery'->>'party_present_at_announcement')::boolean
                     AS present,
                   (c.payload->'delivery'->>'e_service_consent_signed')::boolean AS consent
            FROM c
            WHERE c.payload->'decision'->>'procedure' = 'ordinary'
              AND (c.payload->'decision'->>'decision_date')::date >= DATE '{NEW_LAW}'
        )
        SELECT d.case_id FROM d
        JOIN bench_calendar s ON s.day = d.start
        JOIN bench_calendar e ON e.wd_index = s.wd_index + 7 AND e.workday
        WHERE (d.present AND d.served IS NOT NULL AND d.served != d.start)
           OR (NOT coalesce(d.present, false) AND coalesce(d.method, '') != 'public_notice'
               AND coalesce(d.served, CAST(:as_of AS date)) > e.day)
           OR (d.method = 'electronic' AND NOT d.consent)
    """,
}

_MY_CASES = """
    SELECT record_id, payload FROM records
    WHERE record_type = 'penalty-case' AND is_current = 1
"""


def _my_date(path: str, source: str = "c.payload") -> str:
    return f"CAST(JSON_VALUE({source}, '{path}') AS DATE)"


#: :data:`SQL_RULES` for MariaDB (10.6+: ``JSON_VALUE``, ``JSON_TABLE``): the same core
#: conditions. ``JSON_VALUE`` returns a JSON boolean as 1 / 0 (compared as SQLite does) but
#: ``JSON_TABLE`` columns as 'true' / 'false'; a JSON null is SQL NULL in both, and an array
#: is unnested with ``JSON_TABLE`` (no rows for a missing or null path, like ``json_each``).
MARIADB_SQL_RULES: dict[str, str] = {
    "PEN-DECISION-90D": f"""
        WITH c AS ({_MY_CASES})
        SELECT c.record_id FROM c
        WHERE {_my_date("$.filed_date")} >= DATE '{NEW_LAW}'
          AND coalesce({_my_date("$.decision.decision_date")},
                       {_my_date("$.closure.closed_date")}, CAST(:as_of AS DATE))
              > DATE_ADD({_my_date("$.filed_date")}, INTERVAL CAST(90
                  + coalesce((SELECT sum(e.days)
                              FROM JSON_TABLE(c.payload, '$.extensions[*]' COLUMNS (
                                     days DECIMAL(10, 2) PATH '$.days',
                                     approved_date VARCHAR(10) PATH '$.approved_date')) e
                              WHERE e.approved_date IS NOT NULL), 0)
                  + coalesce((SELECT sum(DATEDIFF(
                                       coalesce(CAST(x.end_date AS DATE), CAST(:as_of AS DATE)),
                                       CAST(x.start_date AS DATE)))
                              FROM JSON_TABLE(c.payload, '$.excluded_periods[*]' COLUMNS (
                                     start_date VARCHAR(10) PATH '$.start_date',
                                     end_date VARCHAR(10) PATH '$.end_date',
                                     notified VARCHAR(5) PATH '$.notified_in_writing')) x
                              WHERE x.notified = 'true'), 0) AS SIGNED) DAY)
    """,
    "PEN-SUMMARY-LIMIT": f"""
        WITH c AS ({_MY_CASES})
        SELECT c.record_id FROM c
        WHERE JSON_VALUE(c.payload, '$.decision.procedure') = 'summary'
          AND JSON_VALUE(c.payload, '$.decision.special_law_ref') IS NULL
          AND (
            EXISTS (SELECT 1
                    FROM JSON_TABLE(c.payload, '$.decision.penalty_types[*]' COLUMNS (
                           value VARCHAR(64) PATH '$')) p
                    WHERE p.value NOT IN ('warning', 'fine'))
            OR CAST(JSON_VALUE(c.payload, '$.decision.fine_amount') AS DECIMAL(20, 2)) > (
                CASE WHEN JSON_VALUE(c.payload, '$.party.type') = 'natural_person'
                     THEN CASE WHEN {_my_date("$.decision.decision_date")}
                                    >= DATE '{NEW_LAW}' THEN 200 ELSE 50 END
                     ELSE CASE WHEN {_my_date("$.decision.decision_date")}
                                    >= DATE '{NEW_LAW}' THEN 3000 ELSE 1000 END END))
    """,
    # The acts are unnested with their officers (NESTED PATH): one row per act and officer,
    # or one with a NULL officer for an act with none; an act is flagged when it has
    # officers but fewer than two of them are valid that day.
    "PEN-OFFICERS-2": f"""
        WITH c AS ({_MY_CASES}),
        officers AS (
            SELECT record_id AS id,
                   {_my_date("$.cert_valid_from", "payload")} AS valid_from,
                   coalesce({_my_date("$.cert_valid_to", "payload")}, DATE '9999-12-31')
                     AS valid_to
            FROM records
            WHERE record_type = 'officer' AND is_current = 1
              AND JSON_VALUE(payload, '$.cert_status') = 'active'
              AND coalesce(JSON_VALUE(payload, '$.is_auxiliary'), 0) = 0
        ),
        acts AS (
            SELECT c.record_id AS case_id, a.idx AS act, CAST(a.act_date AS DATE) AS act_day,
                   a.officer_id
            FROM c, JSON_TABLE(c.payload, '$.acts[*]' COLUMNS (
                      idx FOR ORDINALITY,
                      kind VARCHAR(40) PATH '$.kind',
                      act_date VARCHAR(10) PATH '$.date',
                      law_exception_ref VARCHAR(255) PATH '$.law_exception_ref',
                      NESTED PATH '$.officer_ids[*]' COLUMNS (
                        officer_id VARCHAR(128) PATH '$'))) a
            WHERE a.kind IN
                  ('investigation', 'on_site_inspection', 'on_site_decision',
                   'evidence_preservation')
              AND CAST(a.act_date AS DATE) >= DATE '{NEW_LAW}'
              AND a.law_exception_ref IS NULL
        )
        SELECT acts.case_id FROM acts
        LEFT JOIN officers o ON o.id = acts.officer_id
             AND o.valid_from <= acts.act_day AND o.valid_to >= acts.act_day
        GROUP BY acts.case_id, acts.act
        HAVING count(acts.officer_id) > 0 AND count(DISTINCT o.id) < 2
    """,
    "PEN-LEGAL-REVIEW": f"""
        WITH c AS ({_MY_CASES})
        SELECT c.record_id FROM c
        WHERE coalesce(JSON_TYPE(JSON_EXTRACT(c.payload, '$.decision')), 'NULL') != 'NULL'
          AND {_my_date("$.decision.decision_date")} >= DATE '{NEW_LAW}'
          AND (JSON_VALUE(c.payload, '$.major_public_interest') = 1
               OR JSON_VALUE(c.payload, '$.hearing.held_date') IS NOT NULL
               OR JSON_VALUE(c.payload, '$.complex_multi_legal') = 1
               OR JSON_VALUE(c.payload, '$.review_required_by_law') = 1)
          AND (JSON_VALUE(c.payload, '$.legal_review.completed_date') IS NULL
               OR {_my_date("$.legal_review.completed_date")} > coalesce(
                    {_my_date("$.decision.approved_date")},
                    {_my_date("$.decision.decision_date")})
               OR coalesce(JSON_VALUE(c.payload, '$.legal_review.result'), '') != 'pass')
    """,
    "PEN-DELIVERY-7WD": f"""
        WITH c AS ({_MY_CASES}),
        d AS (
            SELECT c.record_id AS case_id,
                   coalesce({_my_date("$.decision.announced_date")},
                            {_my_date("$.decision.decision_date")}) AS start_day,
                   {_my_date("$.delivery.served_date")} AS served,
                   JSON_VALUE(c.payload, '$.delivery.method') AS method,
                   JSON_VALUE(c.payload, '$.delivery.party_present_at_announcement')
                     AS present,
                   JSON_VALUE(c.payload, '$.delivery.e_service_consent_signed') AS consent
            FROM c
            WHERE JSON_VALUE(c.payload, '$.decision.procedure') = 'ordinary'
              AND {_my_date("$.decision.decision_date")} >= DATE '{NEW_LAW}'
        )
        SELECT d.case_id FROM d
        JOIN bench_calendar s ON s.day = d.start_day
        JOIN bench_calendar e ON e.wd_index = s.wd_index + 7 AND e.workday = 1
        WHERE (d.present = 1 AND d.served IS NOT NULL AND d.served != d.start_day)
           OR (coalesce(d.present, 0) = 0 AND coalesce(d.method, '') != 'public_notice'
               AND coalesce(d.served, CAST(:as_of AS DATE)) > e.day)
           OR (d.method = 'electronic' AND d.consent = 0)
    """,
}

#: The SQL baseline's queries by SQLAlchemy dialect name ("mysql" is MariaDB or MySQL; the
#: MariaDB queries were checked on MariaDB 10.11 only).
SQL_BY_DIALECT: dict[str, dict[str, str]] = {
    "sqlite": SQL_RULES,
    "postgresql": PG_SQL_RULES,
    "mysql": MARIADB_SQL_RULES,
}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its ended worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _timed(call: Callable[[], T]) -> tuple[T, float]:
    began = time.perf_counter()
    value = call()
    return value, time.perf_counter() - began


def _calendar_table(store: Store, first: date, last: date) -> None:
    """``bench_calendar(day, workday, wd_index)``: ``wd_index`` counts working days up to
    and including ``day``, so "7 working days after d" is the working day whose index is
    ``d``'s plus 7. SQLite: ``TEXT`` days and ``INTEGER`` 0/1 flags (as its JSON functions
    return them); PostgreSQL and MariaDB: ``DATE`` and ``BOOLEAN``."""
    calendar = default_calendar()
    sqlite = store.engine.dialect.name == "sqlite"
    rows: list[dict[str, Any]] = []
    index = 0
    day = first
    while day <= last:
        workday = calendar.is_workday(day)
        index += int(workday)
        if sqlite:
            rows.append({"day": day.isoformat(), "workday": int(workday), "wd_index": index})
        else:
            rows.append({"day": day, "workday": workday, "wd_index": index})
        day += timedelta(days=1)
    columns = (
        "day TEXT PRIMARY KEY, workday INTEGER, wd_index INTEGER"
        if sqlite
        else "day DATE PRIMARY KEY, workday BOOLEAN NOT NULL, wd_index INTEGER NOT NULL"
    )
    with store.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS bench_calendar"))
        connection.execute(text(f"CREATE TABLE bench_calendar ({columns})"))
        connection.execute(text("CREATE INDEX bench_calendar_wd ON bench_calendar (wd_index)"))
        connection.execute(
            text("INSERT INTO bench_calendar VALUES (:day, :workday, :wd_index)"), rows
        )
        if store.engine.dialect.name == "postgresql":
            connection.execute(text("ANALYZE bench_calendar"))


# -- server databases (PostgreSQL, MariaDB / MySQL) -------------------------------------------


def _quoted(url: URL, name: str) -> str:
    return f'"{name}"' if url.get_backend_name() == "postgresql" else f"`{name}`"


def _admin_engine(url: URL) -> Any:
    """An AUTOCOMMIT engine on the server of ``url`` that is not connected to its database:
    PostgreSQL's ``postgres`` (or ``test``) database, MariaDB / MySQL without a database."""
    candidates = ("postgres", "test") if url.get_backend_name() == "postgresql" else (None,)
    error: Exception | None = None
    for name in candidates:
        engine = create_engine(
            url._replace(database=name),  # (URL.set ignores None)
            isolation_level="AUTOCOMMIT",
            connect_args={"connect_timeout": 10},
        )
        try:
            with engine.connect():
                return engine
        except Exception as failed:  # any failure: try the next admin database
            error = failed
            engine.dispose()
    raise SystemExit(
        f"cannot connect to the server of {url.render_as_string(hide_password=True)}: {error}"
    )


def _fresh_server_database(url: URL, *, template: str | None = None) -> None:
    """Drop ``url``'s database and create it again, empty (or, PostgreSQL only, as a copy of
    the database ``template``, which must have no open connection)."""
    name = url.database
    assert name
    admin = _admin_engine(url)
    force = " WITH (FORCE)" if url.get_backend_name() == "postgresql" else ""
    try:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {_quoted(url, name)}{force}"))
            if template is not None:
                connection.execute(
                    text(f"CREATE DATABASE {_quoted(url, name)} TEMPLATE {_quoted(url, template)}")
                )
            elif url.get_backend_name() == "postgresql":
                connection.execute(text(f"CREATE DATABASE {_quoted(url, name)}"))
            else:
                connection.execute(
                    text(f"CREATE DATABASE {_quoted(url, name)} CHARACTER SET utf8mb4")
                )
    finally:
        admin.dispose()


def _drop_server_database(url: URL) -> None:
    name = url.database
    assert name
    admin = _admin_engine(url)
    force = " WITH (FORCE)" if url.get_backend_name() == "postgresql" else ""
    try:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {_quoted(url, name)}{force}"))
    finally:
        admin.dispose()


def _bench_url(db: str, cases: int) -> URL:
    """The server URL of the run: ``db``'s database, or ``esup_bench_<cases>`` if it names
    none. The database is dropped and created again, so its name must contain ``bench``."""
    url = make_url(db)
    if not url.database:
        url = url.set(database=f"esup_bench_{cases}")
    if "bench" not in url.database.lower():  # type: ignore[union-attr]
        raise SystemExit(
            f"--db: the database {url.database!r} is dropped and created again by the "
            "benchmark; its name must contain 'bench' (e.g. esup_bench)"
        )
    return url


def _findings_state(store: Store) -> list[tuple[str, str]]:
    """Sorted ``(fingerprint, status)`` of every finding: what two runs must agree on."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(findings.c.fingerprint, findings.c.status)).all()
    return sorted((str(row[0]), str(row[1])) for row in rows)


def _children_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


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


def _clocks_step(
    store: Store, day: date, *, repeat_updates: int, incremental_updates: int
) -> dict[str, Any]:
    """The stored clocks after the incremental check: how many, by light on ``day``; the
    time of ``list_clocks(light="yellow")`` (what ``esup clocks list --light yellow`` calls;
    best of three); the clock rows the repeat and the incremental check wrote."""
    calendar = default_calendar()
    open_clocks = list_clocks(store, as_of=day, light=("green", "yellow", "red"))
    times = []
    yellow: list[Any] = []
    for _ in range(3):
        began = time.perf_counter()
        yellow = list_clocks(store, as_of=day, light="yellow", calendar=calendar)
        times.append(time.perf_counter() - began)
    lights = {light: sum(1 for c in open_clocks if c.light == light) for light in LIGHTS}
    # The same stored clocks seen 45 days later (``--as-of``): more of them are yellow.
    ahead = day + timedelta(days=45)
    began = time.perf_counter()
    yellow_ahead = list_clocks(store, as_of=ahead, light="yellow", calendar=calendar)
    ahead_seconds = time.perf_counter() - began
    print(
        f"clocks: {len(open_clocks):,} stored ({lights}); list yellow {min(times):.3f} s "
        f"({len(yellow_ahead):,} yellow 45 days later, {ahead_seconds:.3f} s); "
        f"rows written by the repeat check {repeat_updates:,}, by the incremental check "
        f"{incremental_updates:,}"
    )
    return {
        "stored": len(open_clocks),
        "by_light": lights,
        "yellow_listed": len(yellow),
        "list_yellow_seconds": round(min(times), 3),
        "yellow_listed_ahead": len(yellow_ahead),
        "ahead": ahead.isoformat(),
        "list_yellow_ahead_seconds": round(ahead_seconds, 3),
        "repeat_check_updates": repeat_updates,
        "incremental_check_updates": incremental_updates,
    }


def _parallel_full_check(
    args: argparse.Namespace,
    store: Store,
    twin: Store | None,
    serial: dict[str, Any],
    expected: list[tuple[str, str]],
    **check: Any,
) -> dict[str, Any]:
    """The full check again with ``args.workers`` worker processes, on ``twin`` (a copy of
    the store taken right after the import) or, without one, on ``store`` itself (already
    checked; ``mode="full"`` evaluates everything again). Its findings must be ``expected``
    (those of the serial full check)."""
    target = twin if twin is not None else store
    settings = attrs.evolve(check.pop("settings"), workers=args.workers)
    result, seconds = _timed(lambda: run_check(target, mode="full", settings=settings, **check))
    got = _findings_state(target)
    same = got == expected
    item: dict[str, Any] = {
        **_check_summary(result, seconds),
        "workers": args.workers,
        "start": "copy of the imported database" if twin is not None else "checked store",
        "speedup": round(serial["seconds"] / seconds, 2),
        "same_findings": same,
        "findings": len(got),
        "peak_rss_mb": round(_rss_mb(), 1),
        "peak_rss_worker_mb": round(_children_rss_mb(), 1),
    }
    print(
        f"full check, {args.workers} workers: {seconds:.1f} s "
        f"({serial['seconds'] / seconds:.2f}x the serial check), {result.evaluated:,} "
        f"evaluations, {len(got):,} findings"
    )
    if not same:
        missing, extra = set(expected) - set(got), set(got) - set(expected)
        item["mismatch"] = {
            "serial_findings": len(expected),
            "only_serial": len(missing),
            "only_workers": len(extra),
            "examples_only_serial": sorted(missing)[:10],
            "examples_only_workers": sorted(extra)[:10],
        }
        print(
            f"MISMATCH: the full check with {args.workers} workers did not give the serial "
            f"check's findings: {len(missing)} (fingerprint, status) only in the serial run, "
            f"{len(extra)} only with workers"
        )
    return item


#: Record type whose CSV and XLSX import is measured (about 30 columns, dates, date-times,
#: lists and nested objects: a typical office sheet).
FORMAT_TYPE = "inspection"


def _import_formats(args: argparse.Namespace, store: Store, work: Path) -> dict[str, Any]:
    """Import rates of JSON Lines, CSV (GB18030) and XLSX for the same records of
    :data:`FORMAT_TYPE`, each into a fresh SQLite file, with CPU time beside wall time."""
    out: dict[str, Any] = {"record_type": FORMAT_TYPE}
    scratch = work / f"formats-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    try:
        files = {
            "jsonl": scratch / f"{FORMAT_TYPE}.jsonl",
            "csv": scratch / f"{FORMAT_TYPE}.csv",
            "xlsx": scratch / f"{FORMAT_TYPE}.xlsx",
        }
        for fmt, path in files.items():
            export_records(store, path, fmt=fmt, record_type=FORMAT_TYPE)
        for fmt, path in files.items():
            target = scratch / f"{fmt}.sqlite"
            with Store.open(f"sqlite:///{target}") as fresh:
                cpu = time.process_time()
                cpu_all = _cpu_seconds()
                report, seconds = _timed(
                    lambda fresh=fresh, path=path: import_file(
                        fresh, path, record_type=FORMAT_TYPE, workers=args.workers
                    )
                )
                cpu = time.process_time() - cpu
                cpu_all = _cpu_seconds() - cpu_all
            out[fmt] = {
                "records": report.rows_read,
                "rejected": report.rejected,
                "seconds": round(seconds, 3),
                "cpu_seconds_main_process": round(cpu, 3),
                "cpu_seconds_with_workers": round(cpu_all, 3),
                "records_per_s": round(report.rows_read / seconds),
                "bytes": path.stat().st_size,
            }
            print(
                f"import {fmt} ({FORMAT_TYPE}): {report.rows_read:,} records in {seconds:.2f} s "
                f"({report.rows_read / seconds:,.0f} rec/s; CPU {cpu_all:.2f} s)"
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average": [round(load, 2) for load in os.getloadavg()],
        },
        "cases_asked": args.cases,
        "workers": args.workers,
    }
    server: URL | None = None
    if args.db is not None and make_url(args.db).get_backend_name() != "sqlite":
        server = _bench_url(args.db, args.cases)  # (refuses a name without "bench" first)
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

    if server is None:
        if args.db is None:
            db_path = work / f"bench-{args.cases}.sqlite"
        else:
            db_path = Path(make_url(args.db).database or work / f"bench-{args.cases}.sqlite")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        url: str = f"sqlite:///{db_path}"
    else:
        _fresh_server_database(server)
        url = server.render_as_string(hide_password=False)
    store = Store.open(url)
    dialect = store.engine.dialect.name
    results["database"] = {"dialect": dialect, "url": store.url}
    print(f"database: {store.url}")

    # 1. import
    files = sorted(data.glob("*.jsonl"))

    def import_all() -> int:
        reports = [import_file(store, path, workers=args.workers) for path in files]
        rejected = sum(report.rejected for report in reports)
        if rejected:
            print(f"warning: {rejected} rows rejected on import")
        return sum(report.rows_read for report in reports)

    cpu = _cpu_seconds()
    total, seconds = _timed(import_all)
    cpu = _cpu_seconds() - cpu
    results["import"] = {
        "records": total,
        "seconds": round(seconds, 3),
        "records_per_s": round(total / seconds),
        "cpu_seconds": round(cpu, 3),
        "records_per_cpu_s": round(total / cpu) if cpu else None,
        "load_average_after": [round(load, 2) for load in os.getloadavg()],
        "peak_rss_mb": round(_rss_mb(), 1),
        "peak_rss_mb_workers": round(_children_rss_mb(), 1),
    }
    print(
        f"import: {total:,} records in {seconds:.1f} s ({total / seconds:,.0f} rec/s; "
        f"CPU {cpu:.1f} s of this process and its workers)"
    )
    results["import_formats"] = _import_formats(args, store, work)
    if args.import_only:
        results["machine"]["load_average_end"] = [round(load, 2) for load in os.getloadavg()]
        store.close()
        return results

    # The starting point of the parallel full check: a copy of the database as imported
    # (SQLite: the file, through SQLite's backup API; PostgreSQL: CREATE DATABASE ...
    # TEMPLATE). MariaDB / MySQL have no such copy: the parallel check runs on the checked
    # store instead (mode="full" evaluates everything again).
    twin: Store | None = None
    twin_target: Path | URL | None = None
    if args.workers > 1:
        if dialect == "sqlite":
            twin_target = Path(f"{db_path.with_suffix('')}-workers.sqlite")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{twin_target}{suffix}").unlink(missing_ok=True)
            with sqlite3.connect(db_path) as source, sqlite3.connect(twin_target) as copy:
                source.backup(copy)
            source.close()
            copy.close()
            twin = Store.open(f"sqlite:///{twin_target}")
        elif dialect == "postgresql" and server is not None:
            store.close()  # a template database must have no connection
            twin_target = server.set(database=f"{server.database}_workers")
            _fresh_server_database(twin_target, template=server.database)
            twin = Store.open(twin_target.render_as_string(hide_password=False))
            store = Store.open(url)

    manager = load_plugins(config)
    settings = attrs.evolve(EngineSettings.from_config(config), workers=1)
    check: dict[str, Any] = {"as_of": as_of, "config": config, "manager": manager}

    # 2. full check
    full, seconds = _timed(lambda: run_check(store, mode="full", settings=settings, **check))
    results["full_check"] = {**_check_summary(full, seconds), "peak_rss_mb": round(_rss_mb(), 1)}
    print(f"full check: {seconds:.1f} s, {full.evaluated:,} evaluations, {full.opened:,} opened")

    # 2a. the same full check with worker processes, from the same starting point
    if args.workers > 1:
        results["full_check_workers"] = _parallel_full_check(
            args,
            store,
            twin,
            results["full_check"],
            _findings_state(store),
            settings=settings,
            **check,
        )

    # 2b. the same day again, incremental (nothing changed)
    again, seconds = _timed(lambda: run_check(store, settings=settings, **check))
    results["repeat_check"] = _check_summary(again, seconds)
    repeat_clock_updates = clock_updates(store, again.run_id)
    print(f"repeat check (incremental, nothing changed): {seconds:.2f} s")

    # 3. 1 % churn, one day later
    # (one file per process: runs on different databases may share --work)
    churn_file = work / f"churn-penalty-case-{os.getpid()}.jsonl"
    changed = _churn(data, churn_file, 0.01, args.seed)
    _, churn_seconds = _timed(lambda: import_file(store, churn_file))
    next_day = as_of + timedelta(days=1)
    incremental, seconds = _timed(
        lambda: run_check(store, settings=settings, **{**check, "as_of": next_day})
    )
    results["incremental_check"] = {
        **_check_summary(incremental, seconds),
        "changed_records": changed,
        "import_seconds": round(churn_seconds, 3),
        "peak_rss_mb": round(_rss_mb(), 1),
    }
    print(f"incremental check (1 % churn, +1 day): {seconds:.2f} s, {changed} records changed")

    # 3a. clocks (early warning): listing the yellow ones, and what the checks wrote
    results["clocks"] = _clocks_step(
        store,
        next_day,
        repeat_updates=repeat_clock_updates,
        incremental_updates=clock_updates(store, incremental.run_id),
    )

    # 3b. the same changes and day on the copy checked with workers, checked with workers
    if twin is not None:
        import_file(twin, churn_file)
        parallel, seconds = _timed(
            lambda: run_check(
                twin,
                settings=attrs.evolve(settings, workers=args.workers),
                **{**check, "as_of": next_day},
            )
        )
        same = _findings_state(twin) == _findings_state(store)
        results["incremental_check_workers"] = {
            **_check_summary(parallel, seconds),
            "workers": args.workers,
            "speedup": round(results["incremental_check"]["seconds"] / seconds, 2),
            "same_findings": same,
        }
        print(
            f"incremental check, {args.workers} workers: {seconds:.2f} s"
            + ("" if same else " — MISMATCH: findings differ from the serial check")
        )
        twin.close()
        if isinstance(twin_target, Path):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{twin_target}{suffix}").unlink(missing_ok=True)
        elif isinstance(twin_target, URL):
            _drop_server_database(twin_target)
    churn_file.unlink()

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
    queries = SQL_BY_DIALECT.get(dialect)
    if queries is None:
        results["sql_baseline"] = {"skipped": f"no SQL baseline written for {dialect}"}
        print(
            f"SQL baseline: skipped (the five rules are written for SQLite, PostgreSQL and "
            f"MariaDB, not {dialect})"
        )
    else:
        years = default_calendar().years
        _calendar_table(store, date(min(years), 1, 1), date(max(years), 12, 31))
        sql: dict[str, dict[str, Any]] = {}
        with store.engine.connect() as connection:
            for rule_id, query in queries.items():
                began = time.perf_counter()
                ids = connection.execute(text(query), {"as_of": as_of.isoformat()}).all()
                sql[rule_id] = {
                    "seconds": round(time.perf_counter() - began, 3),
                    "flagged_sql": len({row[0] for row in ids}),
                }
        five_check = {**check, "as_of": next_day, "rules": FIVE, "mode": "full"}
        five, seconds = _timed(lambda: run_check(store, settings=settings, **five_check))
        sql_seconds = sum(item["seconds"] for item in sql.values())
        for rule_id in FIVE:
            sql[rule_id]["engine_rule_seconds"] = five.rule_timings[rule_id]["seconds"]
            sql[rule_id]["flagged_engine"] = _flagged(store, rule_id)
        results["sql_baseline"] = {
            "dialect": dialect,
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
        if args.workers > 1:
            parallel = attrs.evolve(settings, workers=args.workers)
            _, seconds = _timed(lambda: run_check(store, settings=parallel, **five_check))
            results["sql_baseline"].update(
                engine_workers=args.workers,
                engine_workers_seconds=round(seconds, 3),
                ratio_workers=round(seconds / sql_seconds, 2),
            )
            print(
                f"SQL baseline (5 rules): engine with {args.workers} workers {seconds:.2f} s, "
                f"ratio {seconds / sql_seconds:.1f}x"
            )
    # 6. clocks: a check 45 days later with no new data: the subjects whose recheck time
    # came are evaluated, and the clocks that crossed a threshold change light in one update.
    later = next_day + timedelta(days=45)
    stored_before = len(list_clocks(store, as_of=later, light=("green", "yellow", "red")))
    jump, seconds = _timed(lambda: run_check(store, settings=settings, **{**check, "as_of": later}))
    results["clocks"]["later_check"] = {
        "as_of": later.isoformat(),
        "seconds": round(seconds, 3),
        "evaluated": jump.evaluated,
        "clocks_before": stored_before,
        "clock_rows_written": clock_updates(store, jump.run_id),
    }
    print(
        f"check 45 days later (no new data): {seconds:.2f} s, {jump.evaluated:,} evaluations, "
        f"{results['clocks']['later_check']['clock_rows_written']:,} of {stored_before:,} "
        "clocks written"
    )
    results["peak_rss_mb"] = round(_rss_mb(), 1)
    results["machine"]["load_average_end"] = [round(load, 2) for load in os.getloadavg()]
    store.close()
    if args.clean:
        shutil.rmtree(data, ignore_errors=True)
    return results


def table(results: dict[str, Any]) -> str:
    """The short table printed at the end."""
    machine = results["machine"]
    load = "load average (1, 5, 15 min) at start {} / end {}".format(
        *(
            ", ".join(f"{x:.2f}" for x in machine.get(key, ()))
            for key in ("load_average", "load_average_end")
        )
    )
    lines = [
        f"{results['data']['penalty_cases']:,} penalty cases, "
        f"{results['data']['records']:,} records, "
        f"{results.get('database', {}).get('dialect', 'sqlite')}; {load}",
        f"{'import (all JSON Lines)':<34} {results['import']['records_per_s']:>10,} rec/s "
        f"({results['import']['seconds']:.1f} s)",
    ]
    if "cpu_seconds" in results["import"]:
        lines[-1] += f", CPU {results['import']['cpu_seconds']:.1f} s"
    formats = results.get("import_formats", {})
    for fmt in ("jsonl", "csv", "xlsx"):
        if fmt in formats:
            item = formats[fmt]
            lines.append(
                f"{'import ' + fmt + ' (' + formats['record_type'] + ')':<34} "
                f"{item['records_per_s']:>10,} rec/s ({item['seconds']:.2f} s"
                + (
                    f", CPU {item['cpu_seconds_with_workers']:.2f} s)"
                    if "cpu_seconds_with_workers" in item
                    else ")"
                )
            )
    if "full_check" not in results:  # --import-only
        return "\n".join(lines)
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
        parallel = results.get(f"{key}_workers")
        if parallel:
            name = label.split(" (")[0]
            origin = f"from the {parallel['start']}, " if "start" in parallel else ""
            lines.append(
                f"{name + ', ' + str(parallel['workers']) + ' workers':<34} "
                f"{parallel['seconds']:>10.2f} s   (speed-up {parallel['speedup']:.2f}x, "
                + origin
                + (
                    "same findings)"
                    if parallel["same_findings"]
                    else "MISMATCH: findings differ from the serial check)"
                )
            )
    clocks = results.get("clocks")
    if clocks:
        lines.append(
            f"{'clocks list --light yellow':<34} {clocks['list_yellow_seconds']:>10.3f} s   "
            f"({clocks['yellow_listed']:,} of {clocks['stored']:,} clocks)"
        )
        lines.append(
            f"{'  the same, --as-of ' + clocks['ahead']:<34} "
            f"{clocks['list_yellow_ahead_seconds']:>10.3f} s   "
            f"({clocks['yellow_listed_ahead']:,} yellow)"
        )
        lines.append(
            f"{'clock rows written':<34} {clocks['incremental_check_updates']:>10,}     "
            f"(incremental check; repeat check {clocks['repeat_check_updates']:,})"
        )
        later = clocks.get("later_check")
        if later:
            lines.append(
                f"{'check 45 days later, no new data':<34} {later['seconds']:>10.2f} s   "
                f"({later['evaluated']:,} evaluations; {later['clock_rows_written']:,} of "
                f"{later['clocks_before']:,} clocks written)"
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
    if baseline and "skipped" in baseline:
        lines.append(f"SQL baseline: skipped ({baseline['skipped']})")
    elif baseline:
        lines.append(
            f"SQL baseline ({baseline['dialect']}), 5 core rules: SQL "
            f"{baseline['sql_seconds']:.2f} s, engine {baseline['engine_seconds']:.2f} s "
            f"(rule code {baseline['engine_rule_seconds']:.2f} s): ratio {baseline['ratio']:.1f}x"
        )
        if "engine_workers" in baseline:
            lines.append(
                f"  engine five rules, {baseline['engine_workers']} workers: "
                f"{baseline['engine_workers_seconds']:.2f} s: ratio "
                f"{baseline['ratio_workers']:.1f}x"
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
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: python benchmarks/run.py --cases 3000 --db "
        "postgresql+psycopg://postgres@127.0.0.1:5432/esup_bench --workers 2",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="where to write the results as JSON (default: var/bench/results.json, or "
        "var/bench/results-<backend>.json with a server --db, e.g. results-postgresql.json)",
    )
    parser.add_argument(
        "--cases",
        type=int,
        default=20_000,
        help="about how many penalty cases to generate (copies of the ~300-case sample "
        "township; default: %(default)s)",
    )
    parser.add_argument(
        "--large",
        action="store_true",
        help=f"the {LARGE_CASES:,}-case run (issue 17: the engine's cost must not grow with "
        "the data): --cases 100000, data and SQLite files in var/bench-100k (kept between "
        "runs: a few GB), results in var/bench/results-100k.json (or "
        "results-100k-<backend>.json); the same steps and table",
    )
    parser.add_argument(
        "--seed", type=int, default=2025, help="seed of the generated data (default: %(default)s)"
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: a fresh SQLite file bench-<cases>.sqlite in --work). "
        "A server URL (postgresql+psycopg://..., mysql+pymysql://...) names a database that "
        "is DROPPED and created again at the start (its name must contain 'bench'; "
        "esup_bench_<cases> if the URL names none), through an admin connection to the "
        "server's postgres (or test) database or, for MariaDB / MySQL, to no database; it is "
        "left in place afterwards",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="worker processes of the extra parallel full check (EngineSettings(workers=N)) "
        "and of the extra five-rule run; it starts from a copy of the database taken right "
        "after the import (SQLite: the file; PostgreSQL: CREATE DATABASE ... TEMPLATE) or, on "
        "MariaDB / MySQL, from the checked store (mode=full), and must give the serial "
        "check's findings (else MISMATCH). 1 skips these steps (default: %(default)s, this "
        "machine's cores)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        help="directory of the generated data, the SQLite files and scratch files "
        "(default: var/bench, or var/bench-100k with --large)",
    )
    parser.add_argument(
        "--regenerate",
        action="store_true",
        help="generate the data again even if --work already holds it for --cases and --seed",
    )
    parser.add_argument(
        "--own-catalogs", action="store_true", help="every township copy has its own catalogs"
    )
    parser.add_argument("--clean", action="store_true", help="delete the generated data afterwards")
    parser.add_argument(
        "--import-only",
        action="store_true",
        help="stop after the import steps (all JSON Lines, then JSON Lines, CSV and XLSX of "
        "one record type): their rates, wall and CPU time, without the checks and reports",
    )
    args = parser.parse_args()
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.large:
        if "--cases" in sys.argv[1:] and args.cases != LARGE_CASES:
            parser.error(f"--large is {LARGE_CASES:,} cases: leave out --cases")
        args.cases = LARGE_CASES
    if args.work is None:
        args.work = Path("var/bench-100k" if args.large else "var/bench")
    if args.out is None:
        backend = make_url(args.db).get_backend_name() if args.db else "sqlite"
        size = "-100k" if args.large else ""
        name = f"results{size}.json" if backend == "sqlite" else f"results{size}-{backend}.json"
        args.out = Path("var/bench") / name
    configure_logging(level=logging.WARNING)
    results = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print()
    print(table(results))
    print(f"\nresults: {args.out}")


if __name__ == "__main__":
    main()
