"""The quick start's "tuning a new township", run as written: the records and the
configuration are read from docs/guide/quickstart.md, the figures it quotes are checked."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_supervision.cli import main

QUICKSTART = Path(__file__).resolve().parents[2] / "docs" / "guide" / "quickstart.md"


def block(name: str) -> str:
    """The fenced block after ``<!-- name -->`` in the quick start."""
    text = QUICKSTART.read_text(encoding="utf-8")
    found = re.search(rf"<!-- {re.escape(name)} -->\n```\w*\n(.*?)```", text, re.S)
    assert found, name
    return found.group(1)


@pytest.fixture
def township(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("records.jsonl", "officers.jsonl"):
        (tmp_path / name).write_text(block(name), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ESUP_CONFIG", raising=False)
    monkeypatch.delenv("ESUP_DB", raising=False)
    return tmp_path


def esup(*args: str) -> str:
    result = CliRunner().invoke(main, ["--lang", "en", *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_first_check_and_tuning(township: Path) -> None:
    db = ("--db", "first.sqlite")
    esup(*db, "import", "records.jsonl")
    summary = esup(*db, "check", "--as-of", "2025-12-31", "--fail-on", "none")
    assert "Findings: 29 opened" in summary
    assert "by severity: S1 5 · S2 3 · S3 18 · S4 3" in summary
    rules = Counter(f["rule_id"] for f in json.loads(esup(*db, "findings", "list", "--json")))
    assert rules == {
        "PUB-EX-ANTE": 16,
        "INSP-OFFICERS": 3,
        "INSP-SUBJECT": 2,
        "SUP-LIAISON-COUNT": 2,
        "SUP-SUPERVISOR-COUNT": 2,
        "INSP-APPROVAL": 1,
        "PEN-DECISION-90D": 1,
        "PEN-FILING-LAG": 1,
        "PERS-REVIEWER-RATIO": 1,
    }

    (township / "esup.toml").write_text(block("esup.toml"), encoding="utf-8")
    assert esup("config", "check").strip() == f"{township / 'esup.toml'}: OK"
    esup("import", "records.jsonl", "officers.jsonl")
    tuned = esup(
        "check", "--as-of", "2025-12-31", "--skip-rules", "PUB-EX-ANTE", "--fail-on", "none"
    )
    assert "Findings: 6 opened" in tuned
    rules = Counter(f["rule_id"] for f in json.loads(esup("findings", "list", "--json")))
    assert rules == {
        "SUP-LIAISON-COUNT": 2,
        "INSP-APPROVAL": 1,
        "PEN-DECISION-90D": 1,
        "PEN-FILING-LAG": 1,
        "PERS-REVIEWER-RATIO": 1,
    }
