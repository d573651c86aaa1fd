"""The ledger's light read path (``reports._light``) gives, finding by finding, the same
values as the full rows every other format reads — same batches, same masking, same names —
on every backend, for every audience and language, with the report's filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest
from sqlalchemy import select, update

from enforcement_supervision.config import Config
from enforcement_supervision.errors import EsupError
from enforcement_supervision.reports import _xlsx, build_report_data, render
from enforcement_supervision.reports._light import LedgerRow
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import findings
from tests._backends import BACKENDS, BackendDatabases, server_database

from .conftest import build_pii_store, pii_config, pii_manager

VIEWS = [
    ("internal", "zh"),
    ("agency", "zh"),
    ("public", "zh"),
    ("internal", "en"),
    ("public", "en"),
]


def _both(store: Store, **options: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    data = build_report_data(store, salt="light-salt", **options)
    light = [row.values() for batch in data.source.ledger_batches("subject") for row in batch]  # type: ignore[attr-defined]
    full = [LedgerRow.of(row).values() for row in data.iter_findings(order="subject")]
    return light, full


@pytest.mark.parametrize(("audience", "lang"), VIEWS)
@pytest.mark.parametrize(
    "scope",
    [
        {},
        {"agency": "AG-2"},
        {"agency": "AG-1"},
        {"date_from": "2025-03-01", "date_to": "2025-04-30"},
    ],
    ids=["all", "agency", "township", "period"],
)
def test_light_rows_are_the_full_rows(
    pii_store: Store, audience: str, lang: str, scope: dict[str, Any]
) -> None:
    light, full = _both(
        pii_store,
        audience=audience,
        lang=lang,
        manager=pii_manager(),
        config=pii_config(),
        **scope,
    )
    assert full
    assert light == full


@pytest.mark.parametrize(("audience", "lang"), VIEWS)
def test_light_rows_of_the_sample_township(
    sample_store: Store, sample_config: Config, audience: str, lang: str
) -> None:
    light, full = _both(sample_store, audience=audience, lang=lang, config=sample_config)
    assert len(full) > 50
    assert light == full


def test_small_batches_give_the_same_rows(pii_store: Store) -> None:
    """Names are loaded per batch: the light path reads the same batches."""
    light, full = _both(
        pii_store, audience="public", manager=pii_manager(), config=pii_config(), batch_size=2
    )
    assert light == full


def _ledger_digest(data: Any, path: Path) -> str:
    from .golden import _digest

    render("xlsx", data, path)
    return _digest(path)


@pytest.mark.parametrize(
    ("audience", "lang"), [("internal", "zh"), ("public", "zh"), ("internal", "en")]
)
def test_a_forked_writer_writes_the_same_ledger(
    sample_store: Store,
    sample_config: Config,
    audience: str,
    lang: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """From ``PARALLEL_FROM`` findings on, a forked process groups the rows and writes the
    workbook while this one reads: the same bytes."""
    data = build_report_data(
        sample_store, audience=audience, lang=lang, config=sample_config, salt="light-salt"
    )
    monkeypatch.setattr(_xlsx, "PARALLEL_FROM", 10**9)
    alone = _ledger_digest(data, tmp_path / "alone.xlsx")
    monkeypatch.setattr(_xlsx, "PARALLEL_FROM", 0)
    forked = _ledger_digest(data, tmp_path / "forked.xlsx")
    assert _xlsx.LAST_STATS["process_cpu_seconds"] > 0  # it was written by the other process
    assert forked == alone


@pytest.mark.parametrize(("audience", "lang"), [("internal", "zh"), ("public", "en")])
def test_a_second_reader_gives_the_same_ledger(
    sample_store: Store,
    sample_config: Config,
    audience: str,
    lang: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """From ``SPLIT_FROM`` findings on, a second forked process reads the second part of
    the findings (whole batches: the names of each batch are those of one reader): the
    same bytes, and this process's store still answers afterwards."""
    data = build_report_data(
        sample_store,
        audience=audience,
        lang=lang,
        config=sample_config,
        salt="light-salt",
        batch_size=7,
    )
    monkeypatch.setattr(_xlsx, "PARALLEL_FROM", 10**9)
    alone = _ledger_digest(data, tmp_path / "alone.xlsx")
    monkeypatch.setattr(_xlsx, "PARALLEL_FROM", 0)
    monkeypatch.setattr(_xlsx, "SPLIT_FROM", 0)
    monkeypatch.setattr(_xlsx, "_idle_core", lambda: True)
    split = _ledger_digest(data, tmp_path / "split.xlsx")
    assert _xlsx.LAST_STATS["reader2_from"] % 7 == 0
    assert _xlsx.LAST_STATS["reader2_cpu_seconds"] > 0
    assert split == alone
    assert build_report_data(sample_store, config=sample_config).summary.total


def test_a_second_reader_beside_each_database(
    pii_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second reader opens connections of its own; this process's stay usable."""
    data = build_report_data(
        pii_store, audience="public", manager=pii_manager(), config=pii_config(), batch_size=3
    )
    monkeypatch.setattr(_xlsx, "PARALLEL_FROM", 10**9)
    alone = _ledger_digest(data, tmp_path / "alone.xlsx")
    monkeypatch.setattr(_xlsx, "PARALLEL_FROM", 0)
    monkeypatch.setattr(_xlsx, "SPLIT_FROM", 0)
    monkeypatch.setattr(_xlsx, "_idle_core", lambda: True)
    assert _ledger_digest(data, tmp_path / "split.xlsx") == alone
    assert _xlsx.LAST_STATS["reader2_cpu_seconds"] > 0
    again = build_report_data(
        pii_store, audience="public", manager=pii_manager(), config=pii_config()
    )
    assert again.summary == data.summary


def test_a_part_of_the_stream_is_whole_batches(pii_store: Store) -> None:
    data = build_report_data(pii_store, manager=pii_manager(), config=pii_config(), batch_size=3)
    source: Any = data.source
    whole = [row.values() for batch in source.ledger_batches("subject") for row in batch]
    size = source.ledger_stream_size()
    assert size is not None
    parts = [
        row.values()
        for start, stop in ((0, 3), (3, 9), (9, None))
        for batch in source.ledger_batches("subject", start, stop)
        for row in batch
    ]
    assert parts == whole
    _cut_anywhere(source, 3, {"AG-1", "AG-2"})
    with pytest.raises(ValueError, match="whole batches"):
        list(source.ledger_batches("subject", 2))
    scoped = build_report_data(pii_store, manager=pii_manager(), config=pii_config(), agency="AG-2")
    assert scoped.source.ledger_stream_size() is None  # type: ignore[attr-defined]


def _cut_anywhere(source: Any, batch_size: int, agencies: set[str | None]) -> None:
    """Cut at every batch: inside an agency's findings, at its first, among those without
    one (NULL sorts first or last as the database sorts it)."""
    whole = [row.values() for batch in source.ledger_batches("subject") for row in batch]
    for cut in range(batch_size, source.ledger_stream_size(), batch_size):
        first = [
            row.values() for batch in source.ledger_batches("subject", 0, cut) for row in batch
        ]
        rest = [row.values() for batch in source.ledger_batches("subject", cut) for row in batch]
        assert first + rest == whole, cut
    agency = LedgerRow.__slots__.index("agency_id")
    assert {row[agency] for row in whole} >= agencies


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_cut_among_findings_without_an_agency(
    backend: str, tmp_path: Path, backend_databases: BackendDatabases
) -> None:
    """The PII township with some findings addressed to no agency (they sort first on
    SQLite and MariaDB, last on PostgreSQL)."""
    url: Path | str = (
        tmp_path / "esup.sqlite"
        if backend == "sqlite"
        else server_database(backend_databases, backend, "pii_cut")
    )
    store = build_pii_store(url)
    try:
        with store.engine.begin() as connection:
            fingerprints = sorted(connection.execute(select(findings.c.fingerprint)).scalars())
            connection.execute(
                update(findings)
                .where(findings.c.fingerprint.in_(fingerprints[::3]))
                .values(agency_id=None)
            )
        data = build_report_data(store, manager=pii_manager(), config=pii_config(), batch_size=2)
        _cut_anywhere(data.source, 2, {None, "AG-1"})
    finally:
        store.close()


def test_a_failing_second_reader_is_reported(
    pii_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = build_report_data(pii_store, manager=pii_manager(), config=pii_config(), batch_size=2)
    monkeypatch.setattr(_xlsx, "PARALLEL_FROM", 0)
    monkeypatch.setattr(_xlsx, "SPLIT_FROM", 0)
    monkeypatch.setattr(_xlsx, "_idle_core", lambda: True)

    def broken(*args: Any) -> None:
        raise OSError("connection lost")

    monkeypatch.setattr(data.source, "forked", broken)
    with pytest.raises(EsupError, match="connection lost"):
        render("xlsx", data, tmp_path / "ledger.xlsx")
    again = build_report_data(pii_store, manager=pii_manager(), config=pii_config())
    assert again.summary == data.summary


def test_a_failing_writer_is_reported(
    pii_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = build_report_data(pii_store, manager=pii_manager(), config=pii_config())
    monkeypatch.setattr(_xlsx, "PARALLEL_FROM", 0)

    def broken(*args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(_xlsx, "_write_book", broken)
    with pytest.raises(EsupError, match="disk full"):
        render("xlsx", data, tmp_path / "ledger.xlsx")


def test_a_forked_writer_beside_each_database(
    pii_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forked writer never touches the database (its connections stay the reader's)."""
    data = build_report_data(
        pii_store, audience="public", manager=pii_manager(), config=pii_config()
    )
    monkeypatch.setattr(_xlsx, "PARALLEL_FROM", 10**9)
    alone = _ledger_digest(data, tmp_path / "alone.xlsx")
    monkeypatch.setattr(_xlsx, "PARALLEL_FROM", 0)
    assert _ledger_digest(data, tmp_path / "forked.xlsx") == alone
    again = build_report_data(
        pii_store, audience="public", manager=pii_manager(), config=pii_config()
    )
    assert again.summary == data.summary  # the store still answers after the fork


def test_rows_from_elsewhere_than_the_store_give_the_same_ledger(
    sample_store: Store, sample_config: Config, tmp_path: Path
) -> None:
    """A report whose rows do not come from the store's light path (a source without
    ``ledger_batches``) is written from its full rows: the same ledger."""
    data = build_report_data(sample_store, audience="public", config=sample_config)
    light = _ledger_digest(data, tmp_path / "light.xlsx")
    source = data.source
    full = attrs.evolve(data, source=lambda *args: source(*args))
    assert _ledger_digest(full, tmp_path / "full.xlsx") == light


def test_reading_ahead_restores_the_switch_interval(pii_store: Store) -> None:
    import sys

    from enforcement_supervision.reports._light import read_ahead

    before = sys.getswitchinterval()
    data = build_report_data(pii_store, manager=pii_manager(), config=pii_config())
    assert list(data.source.ledger_batches("subject"))  # type: ignore[attr-defined]
    assert sys.getswitchinterval() == before

    def failing() -> Any:
        yield 1
        raise OSError("lost the connection")

    with pytest.raises(OSError, match="lost the connection"):
        list(read_ahead(failing))
    assert sys.getswitchinterval() == before
    first = read_ahead(lambda: iter(range(100)))
    assert next(first) == 0
    first.close()  # a reader that stops early
    assert sys.getswitchinterval() == before
