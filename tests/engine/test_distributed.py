"""Regions checked on a Dask cluster give exactly the findings of one single-process check.

The worked example of ``docs/guide/distributed.md`` (``docs/examples/dask_partitions.py``):
two copies of the sample township (``benchmarks/generate.py``, about 600 penalty cases) are
imported into one store and checked in this process, and split into two region stores (one
region per copy) that are checked by one task each on a local Dask cluster of two worker
processes. The active findings of the two regions together must be those of the single
store, exactly; so must the counts of evaluations and of notes (what rules could not decide).
The region stores are SQLite files, and PostgreSQL databases when a server is reachable
(``ESUP_TEST_POSTGRESQL_URL``, default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

distributed = pytest.importorskip("dask.distributed")

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from enforcement_supervision.ingest import import_file  # noqa: E402
from enforcement_supervision.store import Store, query_findings  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "dask_partitions.py"
GENERATOR = ROOT / "benchmarks" / "generate.py"
POSTGRESQL_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

Key = tuple[str, str, str, str, str]


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# The workers import the example by this name (uploaded to them by ``client.upload_file``).
example = _load("dask_partitions", EXAMPLE)


def active_findings(url: str) -> set[Key]:
    with Store.open(url) as store:
        return {
            (
                stored.fingerprint,
                stored.finding.rule_id,
                stored.finding.subject.key,
                str(stored.status),
                str(stored.finding.severity),
            )
            for stored in query_findings(store, active=True)
        }


class Province:
    """Two townships as one generated data set, checked once in this process."""

    def __init__(self, root: Path) -> None:
        generator = _load("esup_bench_generate", GENERATOR)
        self.data = root / "data"
        manifest = generator.generate(self.data, cases=600, seed=2025)
        assert manifest["copies"] == 2
        self.as_of = str(manifest["as_of"])
        self.records: dict[str, int] = manifest["by_type"]
        self.config_data = json.loads((self.data / "config.json").read_text(encoding="utf-8"))
        # Region of each agency: copy k's agencies (ids suffixed -B1) form region "b1".
        self.regions: dict[str, str] = {}
        with (self.data / "agency.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                agency_id = json.loads(line)["id"]
                self.regions[agency_id] = "b1" if agency_id.endswith("-B1") else "b0"
        self.url = f"sqlite:///{root / 'province.sqlite'}"
        with Store.open(self.url) as store:
            for path in sorted(self.data.glob("*.jsonl")):
                import_file(store, path)
        self.summary = example.check_region(
            self.url, as_of=self.as_of, config_data=self.config_data
        )
        self.findings = active_findings(self.url)


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Province:
    return Province(tmp_path_factory.mktemp("province"))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=":0",
            silence_logs=40,
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        connected.upload_file(str(EXAMPLE))
        yield connected


def assert_same_as_single_store(
    province: Province, summaries: dict[str, dict[str, Any]], urls: dict[str, str]
) -> None:
    assert set(summaries) == set(urls)
    for summary in summaries.values():
        assert summary["outcome"] == "ok", summary
        assert summary["errors"] == []
        assert not summary["worker"].endswith(f":{os.getpid()}"), "ran in the client process"
    assert province.summary["outcome"] == "ok"
    assert province.findings, "the generated townships have planted violations"
    union = set().union(*(active_findings(url) for url in urls.values()))
    assert union == province.findings
    assert set(example.merged_findings(urls)) == {key[0] for key in province.findings}
    # Each region found only its own townships' problems: no finding counted twice.
    assert sum(summary["active"] for summary in summaries.values()) == len(province.findings)
    assert sum(s["evaluated"] for s in summaries.values()) == province.summary["evaluated"]
    # The screens' note is one per run (the evaluations it spared, by rule), so two regions
    # write two where the single store writes one; the notes of rules must add up.
    per_run = {"screens", "screens-verified"}
    notes: Counter[str] = Counter()
    for summary in summaries.values():
        notes.update({k: v for k, v in summary["notes"].items() if k not in per_run})
    whole = {k: v for k, v in province.summary["notes"].items() if k not in per_run}
    assert dict(notes) == whole


def test_regions_on_sqlite(province: Province, client: Any, tmp_path: Path) -> None:
    urls = {region: f"sqlite:///{tmp_path / f'{region}.sqlite'}" for region in ("b0", "b1")}
    sent = example.split_regions(province.data, urls, province.regions)
    # Every record goes to its agency's region, and the catalogs to both.
    catalogs = sum(province.records[name] for name in example.REFERENCE_TYPES)
    assert sent["b0"] + sent["b1"] == sum(province.records.values()) + catalogs
    summaries = example.check_regions(
        client, urls, as_of=province.as_of, config_data=province.config_data
    )
    assert_same_as_single_store(province, summaries, urls)
    # Submitted again, each region's check finds nothing new to evaluate.
    again = example.check_regions(
        client, urls, as_of=province.as_of, config_data=province.config_data
    )
    assert all(summary["evaluated"] == 0 for summary in again.values())
    assert {region: s["active"] for region, s in again.items()} == {
        region: s["active"] for region, s in summaries.items()
    }
    # With the scheduler: a slot runs once per region, however often the task is submitted.
    scheduled = {**province.config_data, "schedules": [{"name": "mornings", "cron": "0 7 * * *"}]}
    slot_time = f"{province.as_of}T07:30"
    first = example.check_regions(
        client, urls, as_of=slot_time, config_data=scheduled, task=example.run_due_region
    )
    assert {region: [slot["outcome"] for slot in s["slots"]] for region, s in first.items()} == {
        "b0": ["ok"],
        "b1": ["ok"],
    }
    repeated = example.check_regions(
        client, urls, as_of=slot_time, config_data=scheduled, task=example.run_due_region
    )
    assert all(summary["slots"] == [] for summary in repeated.values())


@pytest.fixture(scope="module")
def postgresql_urls() -> Iterator[dict[str, str]]:
    admin_url = make_url(os.environ.get("ESUP_TEST_POSTGRESQL_URL") or POSTGRESQL_URL)
    selected = os.environ.get("ESUP_TEST_BACKENDS", "").strip().lower()
    if selected and "postgresql" not in {name.strip() for name in selected.split(",")}:
        pytest.skip("postgresql is not in ESUP_TEST_BACKENDS")
    admin = create_engine(
        admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
    )
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        admin.dispose()
        reason = (
            f"PostgreSQL unreachable at {admin_url.render_as_string(hide_password=True)}: "
            f"{type(error).__name__}: {error}"
        )
        if os.environ.get("ESUP_REQUIRE_DB_BACKENDS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    stem = f"esup_dask_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    names = {region: f"{stem}_{region}" for region in ("b0", "b1")}
    try:
        with admin.connect() as connection:
            for name in names.values():
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield {
            region: admin_url.set(database=name).render_as_string(hide_password=False)
            for region, name in names.items()
        }
    finally:
        with admin.connect() as connection:
            for name in names.values():
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_regions_on_postgresql(
    postgresql_urls: dict[str, str], province: Province, client: Any
) -> None:
    with Store.open(province.url) as source:  # split from a store this time
        example.split_regions(source, postgresql_urls, province.regions)
    summaries = example.check_regions(
        client, postgresql_urls, as_of=province.as_of, config_data=province.config_data
    )
    assert_same_as_single_store(province, summaries, postgresql_urls)
