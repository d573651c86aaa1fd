"""The ledger's light read path (``reports._light``) gives, finding by finding, the same
values as the full rows every other format reads — same batches, same masking, same names —
on every backend, for every audience and language, with the report's filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

from enforcement_supervision.config import Config
from enforcement_supervision.errors import EsupError
from enforcement_supervision.reports import _xlsx, build_report_data, render
from enforcement_supervision.reports._light import LedgerRow
from enforcement_supervision.store import Store

from .conftest import pii_config, pii_manager

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
