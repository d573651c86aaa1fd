"""Fixtures of the hardening tests: the test rules as a plugin in ``esup`` child processes
(through a fake distribution on disk), a configuration that loads only them, and a seeded
database on each backend."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from enforcement_supervision.store import Store

from . import harden_rules

#: The plugin name of the test rules in child processes (``[plugins] allow``).
PLUGIN = "harden"


@pytest.fixture
def plugin_site(tmp_path: Path) -> Path:
    """A folder with a fake ``esup-harden-test`` distribution whose entry point is the test
    rules module; put it on ``PYTHONPATH`` of a child process."""
    site = tmp_path / "site"
    info = site / "esup_harden_test-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: esup-harden-test\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[enforcement_supervision]\n{PLUGIN} = tests.hardening.harden_rules\n",
        encoding="utf-8",
    )
    return site


def write_config(path: Path, body: str = "") -> Path:
    """A configuration file that loads only the test rules."""
    path.write_text(
        f'[plugins]\nallow = ["{PLUGIN}"]\n\n' + textwrap.dedent(body), encoding="utf-8"
    )
    return path


@pytest.fixture
def seeded(db_url: str) -> str:
    """``db_url`` with the test leads stored."""
    with Store.open(db_url) as store:
        store.put_records(harden_rules.seed_leads())
    return db_url
