"""The data commands through the real CLI: init, import, export, records, schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from enforcement_supervision.cli import main
from enforcement_supervision.cli._common import EXIT_REJECTS, EXIT_USAGE


def _officer(i: int, **extra: object) -> str:
    data = {"record_type": "officer", "id": f"OF-{i}", "agency_id": "AG-TOWN", "name": f"员{i}"}
    data.update(extra)
    return json.dumps(data, ensure_ascii=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "esup.sqlite")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_init_prints_database(db: str) -> None:
    code, out, _ = run("--db", db, "init")
    assert code == 0
    assert db in out
    assert "schema revision: 0" in out


def test_import_exit_status_and_rejects(db: str, tmp_path: Path) -> None:
    path = tmp_path / "o.jsonl"
    path.write_text(
        "\n".join([_officer(1), _officer(2, cert_valid_to="yesterday"), _officer(3)]) + "\n",
        encoding="utf-8",
    )
    code, out, err = run("--db", db, "import", str(path))
    assert code == EXIT_REJECTS
    assert "3 rows read, 2 new, 0 updated, 0 unchanged, 1 rejected" in out
    assert "o.jsonl.rejects.jsonl" in out
    assert "cert_valid_to" in err
    code, out, _ = run("--db", db, "--lang", "en", "import", str(path))
    assert "0 new, 0 updated, 2 unchanged, 1 rejected" in out
    fixed = tmp_path / "fixed.jsonl"
    fixed.write_text(_officer(2, cert_valid_to="2027-01-01") + "\n", encoding="utf-8")
    code, out, _ = run("--db", db, "import", str(fixed))
    assert code == 0


def test_unreadable_input_is_one_line_and_status_2(db: str, tmp_path: Path) -> None:
    code, _, err = run("--db", db, "import", str(tmp_path / "missing.jsonl"))
    assert code == EXIT_USAGE
    assert err.startswith("esup: ")
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_records_list_show_history_and_export(db: str, tmp_path: Path) -> None:
    path = tmp_path / "o.jsonl"
    path.write_text(_officer(1) + "\n" + _officer(2) + "\n", encoding="utf-8")
    run("--db", db, "import", str(path))
    path.write_text(_officer(1, name="新名") + "\n", encoding="utf-8")
    run("--db", db, "import", str(path))
    code, out, _ = run("--db", db, "records", "list")
    assert code == 0
    assert "officer\tOF-1\tv2\tAG-TOWN" in out
    assert "officer\tOF-2\tv1\tAG-TOWN" in out
    code, out, _ = run("--db", db, "records", "list", "--counts")
    assert out.strip() == "officer\t2"
    code, out, _ = run("--db", db, "records", "show", "officer", "OF-1")
    assert json.loads(out)["name"] == "新名"
    code, out, _ = run("--db", db, "records", "show", "officer", "OF-1", "--version", "1")
    assert json.loads(out)["name"] == "员1"
    code, out, _ = run("--db", db, "records", "show", "officer", "OF-1", "--history")
    assert out.count("\n") == 2
    code, out, _ = run("--db", db, "export", "--type", "officer")
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["OF-2", "OF-1"]


def test_schema_validates_records_and_rejects_bad_ones() -> None:
    code, out, _ = run("schema", "officer")
    assert code == 0
    schema = json.loads(out)
    record = json.loads(_officer(1, cert_valid_to="2027-01-01"))
    del record["record_type"]
    jsonschema.validate(record, schema, format_checker=jsonschema.FormatChecker())
    record["cert_status"] = "borrowed"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)
    code, out, _ = run("schema", "--list")
    assert "penalty-case" in out.split()


def test_python_dash_m_and_help_everywhere() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "enforcement_supervision", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "esup" in result.stdout
    for command in main.commands.values():
        code, out, _ = run(command.name or "", "--help")
        assert code == 0, command.name
        assert "用法:" in out  # Chinese by default
        code, out, _ = run("--lang", "en", command.name or "", "--help")
        assert "Usage:" in out
