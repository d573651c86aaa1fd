"""JSON Lines are validated a block of whole lines at a time, here or in worker processes: the
same line numbers, rejects, stored payloads and hashes as line by line (issues 14 and 19)."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from enforcement_supervision.ingest import _import, import_file
from enforcement_supervision.ingest._import import _jsonl_ranges
from enforcement_supervision.store import Store


def _officer(i: int) -> dict[str, Any]:
    return {
        "record_type": "officer",
        "id": f"OF-{i:05d}",
        "agency_id": "AG-TOWN",
        "name": f"执法员{i}",
        "cert_status": "active",
    }


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


def test_ranges_hold_whole_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    lines = [b"a" * (i % 97) for i in range(500)]
    data = b"\n".join(lines)  # no final newline
    path.write_bytes(data)
    ranges = list(_jsonl_ranges(path, size=64))
    assert ranges[0][0] == 0
    assert ranges[-1][1] == len(data)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    assert all(data[end - 1 : end] == b"\n" for _, end in ranges[:-1])
    assert b"".join(data[a:b] for a, b in ranges).split(b"\n") == lines


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_lines_in_blocks_and_workers(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(_import, "BLOCK_BYTES", 4096)
    monkeypatch.setattr(_import, "WORKER_MIN_BYTES", 0)
    lines = [json.dumps(_officer(i), ensure_ascii=False).encode() for i in range(5000)]
    lines[4499] = b"[" * 200_000  # longer than a block
    lines[0] = b"\xef\xbb\xbf" + lines[0]  # a byte-order mark
    lines[10] = lines[10].replace("执法员".encode(), b"\xb1\xa8\xff")
    lines[20] = b""
    lines[30] = lines[30] + b"\r"
    path = tmp_path / "officers.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    report = import_file(store, path, workers=workers)
    assert report.rows_read == 4999
    assert report.rejected == 2
    assert report.put.inserted == 4997
    assert report.accounted
    assert [r.line for r in report.rejects] == [11, 4500]
    assert "not valid UTF-8" in report.rejects[0].reason
    assert "nested too deeply" in report.rejects[1].reason
    stored = store.get_record("officer", "OF-00030")
    assert stored is not None


def test_workers_store_the_same_payloads_and_hashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_import, "BLOCK_BYTES", 2048)
    monkeypatch.setattr(_import, "WORKER_MIN_BYTES", 0)
    path = tmp_path / "officers.jsonl"
    path.write_text(
        "".join(json.dumps(_officer(i), ensure_ascii=False) + "\n" for i in range(800)),
        encoding="utf-8",
    )
    stored = []
    for workers in (1, 2):
        with Store.open(f"sqlite:///{tmp_path / f'w{workers}.sqlite'}") as target:
            report = import_file(target, path, workers=workers)
            assert report.put.inserted == 800
            stored.append(
                sorted((r.record.id, r.content_hash) for r in target.iter_records("officer"))
            )
    assert stored[0] == stored[1]


def _die(task: object) -> object:
    os._exit(3)  # a worker killed in the middle of a range (out of memory, kill -9)


def test_a_worker_that_dies_fails_the_import_instead_of_hanging_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_import, "WORKER_MIN_BYTES", 0)
    monkeypatch.setattr(_import, "_validate_range", _die)
    path = tmp_path / "officers.jsonl"
    path.write_text(json.dumps(_officer(1), ensure_ascii=False) + "\n", encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 'x.sqlite'}") as target:
        with pytest.raises(BrokenProcessPool):
            import_file(target, path, workers=2)
        assert target.count_records() == {}
