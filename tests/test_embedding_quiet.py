"""A quiet library: an embedding program sees only what it prints itself, unless it
configures logging; paths may be text; enums print their value."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = """
import json, sys
import enforcement_supervision as esup

{setup}
with esup.Store.open(sys.argv[1]) as store:
    report = esup.import_file(store, sys.argv[2])           # a str path
    result = esup.run_check(store, as_of="2025-06-30T09:00:00+08:00")
    found = esup.open_findings(store)
    overdue = esup.overdue_findings(store, "2025-06-30")
    severities = sorted({{f"{{stored.finding.severity}}" for stored in found}})
    print(json.dumps({{"imported": report.stored, "run": result.outcome,
                      "findings": len(found), "overdue": len(overdue),
                      "severities": severities}}))
"""


def _embed(tmp_path: Path, setup: str = "") -> subprocess.CompletedProcess[str]:
    records = tmp_path / "records.jsonl"
    party = {"type": "legal_person", "name": "某某有限公司"}
    lines = [
        {"record_type": "lead", "id": f"L-{n}", "agency_id": "AG-1", "received_date": day,
         "source": "complaint", "party": party}
        for n, day in ((1, "2025-03-03"), (2, "2025-06-20"))
    ]  # fmt: skip
    records.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    script = tmp_path / "embed.py"
    script.write_text(textwrap.dedent(SCRIPT.format(setup=setup)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESUP_")}
    return subprocess.run(
        [sys.executable, str(script), f"sqlite:///{tmp_path / 'esup.sqlite'}", str(records)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )


def test_an_embedding_script_prints_only_what_it_prints_itself(tmp_path: Path) -> None:
    done = _embed(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    (line,) = done.stdout.splitlines()
    out = json.loads(line)
    assert out["imported"] == 2
    assert out["run"] in ("ok", "errors")
    assert all(s in ("S1", "S2", "S3", "S4") for s in out["severities"])


def test_the_library_logs_once_the_embedder_configures_logging(tmp_path: Path) -> None:
    done = _embed(tmp_path, "import logging\nlogging.basicConfig(level=logging.INFO)\n")
    assert done.returncode == 0, done.stderr
    assert "check_finished" in done.stderr
    assert len(done.stdout.splitlines()) == 1


def test_enums_print_their_value() -> None:
    from enforcement_supervision.rules import Severity
    from enforcement_supervision.statutory_time import DayKind, TimeUnit

    assert f"{Severity.S1}" == str(Severity.S1) == "S1"
    assert f"{TimeUnit.WORKING_DAYS}" == TimeUnit.WORKING_DAYS.value
    assert f"{DayKind.WORKDAY}" == DayKind.WORKDAY.value
    assert f"{Severity.S2:>3}" == " S2"
