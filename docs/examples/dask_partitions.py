"""Check a provincial deployment region by region on a Dask cluster.

A province keeps one database per region (county) on a shared PostgreSQL server. Each
region's database holds the records of the region's agencies plus the reference records
every region needs (the published catalogs, and any record whose agency is not mapped to a
region). One Dask task per region opens the region's store by URL and runs the check there;
the client gets back a small summary per region. See ``docs/guide/distributed.md``.

Nothing runs on import: the module only defines functions. The workers must be able to
import it (install it with your deployment's code, or ``client.upload_file(__file__)``).
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from enforcement_supervision._host import load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.engine import StoredFinding, open_findings, run_check
from enforcement_supervision.model import Agency, Record, SupervisionCheck, structure_record
from enforcement_supervision.schedule import run_due
from enforcement_supervision.store import Store

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "REFERENCE_TYPES",
    "check_region",
    "check_regions",
    "iter_source",
    "merged_findings",
    "region_of",
    "run_due_region",
    "split_regions",
]

#: Record types copied into every region whatever their agency: the published catalogs
#: (lists of matters, discretion benchmarks) are looked up by id from the configuration,
#: so every region must see every catalog the configuration names, as a single store would.
REFERENCE_TYPES = frozenset({"matter-list", "discretion-benchmark"})
#: Records stored per transaction while splitting.
BATCH = 2000

#: What a region task returns: plain JSON-ready data, cheap to send back to the client.
Summary = dict[str, Any]
#: A region task: ``task(url, as_of=..., config_data=...)`` on a worker.
RegionTask = Callable[..., Summary]


def iter_source(source: Store | Path) -> Iterator[Record]:
    """Every current record of a store, or of a folder of JSON Lines files (one file per
    record type as ``benchmarks/generate.py`` writes them, or with a ``record_type`` key per
    row as ``esup export`` writes them). An invalid row raises ``RecordValidationError``:
    import such files with ``esup import`` first, which writes a rejects file."""
    if isinstance(source, Store):
        for stored in source.iter_records():
            yield stored.record
        return
    for path in sorted(source.glob("*.jsonl")):
        if path.name.endswith(".rejects.jsonl"):
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    data = json.loads(line)
                    yield structure_record(data.pop("record_type", None) or path.stem, data)


def region_of(record: Record, regions: Mapping[str, str]) -> str | None:
    """The region of the agency the record is about, or ``None`` when it has no agency or
    its agency is not mapped (it then goes to every region). An agency record is about
    itself; a supervision check about the agency it checked (the first one named, as the
    supervision rules group checks); any other record about its ``agency_id``."""
    agency = getattr(record, "agency_id", None)
    if isinstance(record, Agency):
        agency = record.id
    elif isinstance(record, SupervisionCheck) and record.supervised_agency_ids:
        agency = record.supervised_agency_ids[0]
    return regions.get(agency) if isinstance(agency, str) else None


def split_regions(
    source: Store | Path,
    urls: Mapping[str, str],
    regions: Mapping[str, str],
    *,
    reference_types: Iterable[str] = REFERENCE_TYPES,
) -> dict[str, int]:
    """Copy the records of ``source`` into one store per region.

    ``urls`` maps each region to its database URL (created and migrated if new);
    ``regions`` maps agency ids to regions. A record goes to its agency's region; a record of
    a ``reference_types`` type, without an agency, or whose agency is not in ``regions``
    goes to **every** region. Storing is idempotent (an unchanged record stores nothing), so
    the split can be re-run after each import. Returns the records sent to each region.
    """
    unknown = set(regions.values()) - set(urls)
    if unknown:
        raise ValueError(f"regions without a database URL: {sorted(unknown)}")
    shared = frozenset(reference_types)
    stores = {region: Store.open(url) for region, url in urls.items()}
    batches: dict[str, list[Record]] = {region: [] for region in urls}
    counts = dict.fromkeys(urls, 0)
    try:
        for record in iter_source(source):
            region = None if record.record_type in shared else region_of(record, regions)
            for target in urls if region is None else (region,):
                batches[target].append(record)
                counts[target] += 1
                if len(batches[target]) >= BATCH:
                    stores[target].put_records(batches[target], source="split")
                    batches[target] = []
        for region, batch in batches.items():
            if batch:
                stores[region].put_records(batch, source="split")
    finally:
        for store in stores.values():
            store.close()
    return counts


def check_region(
    url: str, *, as_of: str | None, config_data: Mapping[str, Any], mode: str = "incremental"
) -> Summary:
    """One region's check, run on a worker: open the store, load the installed rule packs,
    run the check (``as_of=None``: now) and return its counts; the findings stay in the
    region's database."""
    config = Config(data=dict(config_data))
    with Store.open(url) as store:
        result = run_check(
            store, as_of=as_of, config=config, manager=load_plugins(config), mode=mode
        )
    return {
        "run_id": result.run_id,
        "outcome": result.outcome,
        "evaluated": result.evaluated,
        "opened": result.opened,
        "resolved": result.resolved,
        "reopened": result.reopened,
        "active": result.active,
        "active_by_severity": dict(result.active_by_severity),
        "notes": dict(result.note_counts),
        "errors": [error.describe("en") for error in result.errors],
        "duration": result.duration,
        "worker": f"{socket.gethostname()}:{os.getpid()}",
    }


def run_due_region(url: str, *, as_of: str | None, config_data: Mapping[str, Any]) -> Summary:
    """One region's scheduled checks, run on a worker: :func:`run_due` for the region's
    database (``as_of=None``: now), so each (schedule, slot) runs exactly once per region
    however often the task is submitted or retried."""
    config = Config(data=dict(config_data))
    with Store.open(url) as store:
        slots = run_due(store, as_of, config=config, manager=load_plugins(config))
    return {
        "slots": [
            {"run_key": slot.run_key, "outcome": slot.outcome, "run_id": slot.run_id}
            for slot in slots
        ],
        "worker": f"{socket.gethostname()}:{os.getpid()}",
    }


def merged_findings(urls: Mapping[str, str]) -> dict[str, tuple[str, StoredFinding]]:
    """The active findings of every region, by fingerprint, with the region that holds
    each: a provincial overview. A finding about a record copied to several regions has
    the same fingerprint in each and is listed once (under the first region)."""
    merged: dict[str, tuple[str, StoredFinding]] = {}
    for region, url in urls.items():
        with Store.open(url, migrate=False) as store:
            for stored in open_findings(store):
                merged.setdefault(stored.fingerprint, (region, stored))
    return merged


def check_regions(
    client: Client,
    urls: Mapping[str, str],
    *,
    as_of: str | None,
    config_data: Mapping[str, Any],
    task: RegionTask = check_region,
    retries: int = 1,
) -> dict[str, Summary]:
    """Submit one ``task`` per region to the cluster and gather the summaries by region.

    A task that fails (a worker dies, the database is briefly away) is re-run up to
    ``retries`` times: a check can always be re-run (it completes what a killed run left), and
    with ``task=run_due_region`` a slot that already ran is not run again.
    """
    futures = {
        region: client.submit(
            task, url, as_of=as_of, config_data=config_data, pure=False, retries=retries
        )
        for region, url in urls.items()
    }
    gathered = client.gather(list(futures.values()))  # type: ignore[no-untyped-call]
    return dict(zip(futures, gathered, strict=True))
