"""Any error that is not the library's own prints one line and exit status 5 without
``--debug``, a full traceback with it, and never the SQL statement's parameters (issue 19
item 13): a full disk used to print a traceback with the party names being written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from enforcement_supervision.store import Store

REPO = Path(__file__).resolve().parents[2]
NAME = "执法员张三丰"


def _esup(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "enforcement_supervision", *args],
        cwd=str(REPO),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _full_disk(tmp_path: Path) -> tuple[str, Path]:
    """A SQLite store whose record inserts fail like a full disk, and a file to import."""
    db = tmp_path / "esup.sqlite"
    with Store.open(f"sqlite:///{db}") as store, store.engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TRIGGER full_disk BEFORE INSERT ON records "
                "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            )
        )
    source = tmp_path / "officers.jsonl"
    row = {"record_type": "officer", "id": "OF-1", "agency_id": "AG-1", "name": NAME}
    source.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    return str(db), source


def test_an_unexpected_error_is_one_line_and_exit_5(tmp_path: Path) -> None:
    db, source = _full_disk(tmp_path)
    done = _esup("--db", db, "import", str(source))
    assert done.returncode == 5, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("esup: ")
    assert "disk is full" in lines[0]
    assert "Traceback" not in done.stderr
    assert NAME not in done.stderr + done.stdout


def test_debug_shows_the_traceback_but_no_parameters(tmp_path: Path) -> None:
    db, source = _full_disk(tmp_path)
    done = _esup("--debug", "--db", db, "import", str(source))
    assert done.returncode != 0
    assert "Traceback" in done.stderr
    assert "disk is full" in done.stderr
    assert NAME not in done.stderr + done.stdout


def test_a_file_that_is_no_database(tmp_path: Path) -> None:
    db = tmp_path / "esup.sqlite"
    db.write_bytes(b"this is not a database, " * 100)
    done = _esup("--db", str(db), "runs", "list")
    assert done.returncode == 5, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
