"""Content hashes pinned to the values the import computed before the fast import path.

The digests below were computed by the code of commit 6a7fdc9 (before issue 14's faster
import): the sample township (default seed) through ``content_hash`` of each record. Any change
of the canonical form (key order, number or date formatting, omitted defaults) changes them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from enforcement_supervision.ingest import import_file
from enforcement_supervision.model import unstructure_record
from enforcement_supervision.sample import generate_township, write_township
from enforcement_supervision.store import Store

SAMPLE_RECORDS = 866
SAMPLE_HASHES = "8df2c30e4b488f1a7a40bff4b152c793ac2c3df2dbd71bd7e5209858300c4a0a"


def _digest(rows: list[tuple[str, str, str]]) -> str:
    return hashlib.sha256("\n".join(" ".join(row) for row in sorted(rows)).encode()).hexdigest()


def test_sample_township_imports_with_the_pinned_hashes_and_payloads(tmp_path: Path) -> None:
    township = generate_township()
    out = tmp_path / "township"
    write_township(out, township)
    database = tmp_path / "pinned.sqlite"
    with Store.open(database) as store:
        for path in sorted(out.glob("*.jsonl")):
            report = import_file(store, path)
            assert report.rejected == 0
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT record_type, record_id, content_hash, payload FROM records"
        ).fetchall()
    assert len(rows) == SAMPLE_RECORDS
    assert _digest([(kind, rid, digest) for kind, rid, digest, _ in rows]) == SAMPLE_HASHES
    expected = {
        (kind, record.id): unstructure_record(record)
        for kind, found in township.records.items()
        for record in found
    }
    for kind, rid, _, text in rows:
        assert json.loads(text) == expected[(kind, rid)]
