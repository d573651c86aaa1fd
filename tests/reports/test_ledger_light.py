"""The ledger's light read path (``reports._light``) gives, finding by finding, the same
values as the full rows every other format reads — same batches, same masking, same names —
on every backend, for every audience and language, with the report's filters."""

from __future__ import annotations

from typing import Any

import pytest

from enforcement_supervision.config import Config
from enforcement_supervision.reports import build_report_data
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
