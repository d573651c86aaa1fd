"""``python -m enforcement_supervision.sample``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from enforcement_supervision.sample.__main__ import main


def test_cli_writes_the_files_and_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--out", str(tmp_path / "town"), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "青岚县清河镇" in out
    assert "seed 3" in out
    assert "penalty-case.jsonl" in out
    assert "planted violations" in out
    names = {p.name for p in (tmp_path / "town").iterdir()}
    assert {"agency.jsonl", "officer.jsonl", "penalty-case.jsonl", "planted.json"} <= names


def test_cli_refuses_a_year_without_a_schedule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--out", str(tmp_path), "--year", "2027"])
    assert raised.value.code == 2
    assert "no sample for 2027" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "enforcement_supervision.sample", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "planted.json" in done.stdout
    assert (tmp_path / "planted.json").is_file()
