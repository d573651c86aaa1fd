"""JSON and SARIF reports never contain ``NaN`` or ``Infinity`` (issue 19 item 8).

A finding is validated where the rule makes it (``tests/engine/test_malformed_findings.py``,
on every database), so no new finding carries a number JSON cannot hold. A SQLite database
written before that check may still hold one in a finding's JSON columns (SQLite stores
``NaN`` where PostgreSQL and MariaDB refuse it): the reports must stay valid JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select, update

from enforcement_supervision._host import load_plugins
from enforcement_supervision.cli import main
from enforcement_supervision.config import Config
from enforcement_supervision.engine import run_check
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import findings

from . import harden_rules


def _strict(text: str) -> object:
    def refuse(name: str) -> float:
        raise AssertionError(f"{name} in a JSON report")

    return json.loads(text, parse_constant=refuse)


def test_reports_of_a_stored_nan_are_valid_json(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'esup.sqlite'}"
    with Store.open(url) as store:
        store.put_records(harden_rules.seed_leads(10))
        manager = load_plugins(Config(), entry_points=False)
        manager.register(harden_rules, "harden")
        run_check(store, as_of="2026-03-01", manager=manager)
        with store.engine.begin() as connection:
            first, reasons = connection.execute(
                select(findings.c.fingerprint, findings.c.reasons).limit(1)
            ).one()
            facts = dict(reasons.get("facts") or {})
            facts.update(ratio=float("nan"), huge=float("inf"), tiny=float("-inf"))
            connection.execute(
                update(findings)
                .where(findings.c.fingerprint == first)
                .values(reasons={**reasons, "facts": facts})
            )
    for fmt, name in (("json", "report.json"), ("sarif", "report.sarif")):
        out = tmp_path / name
        result = CliRunner().invoke(
            main, ["--db", url, "report", "--format", fmt, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        # No bare NaN/Infinity token anywhere (a statement may quote the stored text).
        _strict(text)
