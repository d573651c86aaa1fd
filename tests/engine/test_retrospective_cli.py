"""The store moves forward in time only (issue 13): after a check as of 2026-12, a check as of
2025-12-31 is a retrospective — it reports what it found then, says so on the terminal and in
JSON, and leaves ``esup findings list --json`` exactly as it was. Run on the sample township
with the installed first-party rule packs, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from enforcement_supervision.cli import main
from enforcement_supervision.sample import CONFIG_FILE, write_township


def test_a_check_as_of_an_earlier_day_changes_nothing_stored(tmp_path: Path) -> None:
    township = tmp_path / "township"
    write_township(township)
    db = str(tmp_path / "esup.sqlite")
    base = ["--config", str(township / CONFIG_FILE), "--db", db]
    runner = CliRunner()

    def esup(*args: str) -> str:
        result = runner.invoke(main, [*base, *args], catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output
        return result.output

    esup("import", *sorted(str(p) for p in township.glob("*.jsonl")))
    esup("check", "--as-of", "2026-12-01", "--fail-on", "none")
    before = json.loads(esup("findings", "list", "--json"))
    assert before

    text = esup("check", "--as-of", "2025-12-31", "--fail-on", "none")
    assert "回溯检查" in text
    payload = json.loads(
        esup("check", "--as-of", "2025-12-31", "--fail-on", "none", "--format", "json")
    )
    assert payload["retrospective"] is True
    assert payload["counts"]["opened"] == payload["counts"]["resolved"] == 0
    assert payload["findings"]
    assert all(f["fact_date"] <= "2025-12-31" for f in payload["findings"])
    assert json.loads(esup("findings", "list", "--json")) == before
    # Fact dates in the stored findings: never after the as-of day, never missing.
    assert all(f["fact_date"] and f["fact_date"] <= "2026-12-01" for f in before)
    runs = json.loads(esup("runs", "list", "--json"))
    assert [r["mode"] for r in runs][:2] == ["retrospective", "retrospective"]
