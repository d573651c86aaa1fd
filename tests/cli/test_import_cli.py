"""esup import / export through a real process: one-line errors with the documented exit
status, --debug tracebacks, dry runs with a JSON summary, database paths, the round trip."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from enforcement_supervision.cli._common import EXIT_REJECTS, EXIT_USAGE
from enforcement_supervision.sample import generate_township, write_township


def esup(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ESUP_DB", "ESUP_CONFIG")}
    return subprocess.run(
        [sys.executable, "-m", "enforcement_supervision", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], int]]:
    gbk_bad = tmp_path / "bad.csv"
    # A header no encoding decodes: the file as a whole (a bad row below a good header is
    # a reject like any other, issue 19).
    gbk_bad.write_bytes(
        "人员编号,所在单位编号".encode("gbk") + b"\x80\xff," + "姓名\n01,AG,x\n".encode("gbk")
    )
    gbk_bad_row = tmp_path / "bad-row.csv"
    gbk_bad_row.write_bytes("人员编号,所在单位编号,姓名\n".encode("gbk") + b"\x80\xff\n")
    no_header = tmp_path / "noheader.csv"
    no_header.write_text("甲,乙,丙\n1,2,3\n", encoding="utf-8")
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("人员编号,所在单位编号,姓名,血型\n01,AG,王强,A\n", encoding="utf-8")
    zip_as_csv = tmp_path / "book.csv"
    zip_as_csv.write_bytes(b"PK\x03\x04" + b"\x00" * 20)
    broken_xlsx = tmp_path / "broken.xlsx"
    broken_xlsx.write_bytes(b"not a workbook")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        '{"record_type": "officer", "id": "OF-1", "agency_id": "AG", "name": "王"}\n'
        '{"record_type": "officer", "id": "OF-2", "agency_id": "AG", "name": "   "}\n',
        encoding="utf-8",
    )
    bad_mapping = tmp_path / "bad.toml"
    bad_mapping.write_text('record_type = "officer"\n[columns]\n"工号" = "nme"\n', "utf-8")
    return {
        "undecodable": (["import", "--mapping", "officer-roster", str(gbk_bad)], EXIT_USAGE),
        "forced encoding": (
            ["import", "--mapping", "officer-roster", "--encoding", "utf-8", str(gbk_bad)],
            EXIT_USAGE,
        ),
        "unknown encoding": (
            ["import", "--mapping", "officer-roster", "--encoding", "klingon", str(gbk_bad)],
            EXIT_USAGE,
        ),
        "no header row": (["import", "--mapping", "officer-roster", str(no_header)], EXIT_USAGE),
        "unknown column": (["import", "--mapping", "officer-roster", str(unknown)], EXIT_USAGE),
        "zip named csv": (["import", "--type", "officer", str(zip_as_csv)], EXIT_USAGE),
        "broken xlsx": (["import", "--type", "officer", str(broken_xlsx)], EXIT_USAGE),
        "no such sheet": (
            ["import", "--type", "officer", "--sheet", "九", str(broken_xlsx)],
            EXIT_USAGE,
        ),
        "missing file": (["import", str(tmp_path / "nope.csv")], EXIT_USAGE),
        "unknown mapping": (["import", "--mapping", "nope", str(unknown)], EXIT_USAGE),
        "bad mapping": (["import", "--mapping", str(bad_mapping), str(unknown)], EXIT_USAGE),
        "csv without type": (["import", str(unknown)], EXIT_USAGE),
        "rejected rows": (["import", str(rows)], EXIT_REJECTS),
        "undecodable row": (
            ["import", "--mapping", "officer-roster", str(gbk_bad_row)],
            EXIT_REJECTS,
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "undecodable",
        "forced encoding",
        "unknown encoding",
        "no header row",
        "unknown column",
        "zip named csv",
        "broken xlsx",
        "no such sheet",
        "missing file",
        "unknown mapping",
        "bad mapping",
        "csv without type",
        "rejected rows",
        "undecodable row",
    ],
)
def test_bad_input_is_one_line_with_the_documented_status(tmp_path: Path, name: str) -> None:
    args, status = _bad_inputs(tmp_path)[name]
    db = str(tmp_path / "esup.sqlite")
    result = esup("--db", db, "--lang", "en", *args)
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    if status == EXIT_USAGE:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("esup: ")
    if name in ("undecodable", "no header row", "broken xlsx", "bad mapping"):
        debug = esup("--db", db, "--debug", *args)
        assert "Traceback" in debug.stderr
        assert debug.returncode != 0


def test_dry_run_json_summary_stores_nothing(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        '{"record_type": "officer", "id": "OF-1", "agency_id": "AG", "name": "王"}\n'
        '{"record_type": "officer", "id": "OF-2", "agency_id": "AG", "name": ""}\n'
        '{"record_type": "officer", "id": "OF-1", "agency_id": "AG", "name": "王"}\n',
        encoding="utf-8",
    )
    db = tmp_path / "esup.sqlite"
    result = esup("--db", str(db), "import", "--dry-run", "--json", str(rows))
    assert result.returncode == EXIT_REJECTS
    summary = json.loads(result.stdout)
    assert summary["dry_run"] is True
    assert (summary["read"], summary["stored"], summary["unchanged"], summary["rejected"]) == (
        3,
        1,
        1,
        1,
    )
    assert summary["rejected_by_reason"] == {"must not be blank; omit the field instead": 1}
    assert summary["rejects_file"] == str(rows) + ".rejects.jsonl"
    assert not db.exists()  # a dry run creates no database
    assert esup("--db", str(db), "import", "--json", str(rows)).returncode == EXIT_REJECTS
    again = json.loads(esup("--db", str(db), "import", "--dry-run", "--json", str(rows)).stdout)
    assert (again["stored"], again["unchanged"]) == (0, 2)


def test_relative_database_paths_resolve_against_the_config_folder(tmp_path: Path) -> None:
    town = tmp_path / "town"
    other = tmp_path / "other"
    town.mkdir()
    other.mkdir()
    (town / "esup.toml").write_text('[store]\nurl = "sqlite:///town.sqlite"\n', "utf-8")
    result = esup("--config", "../town/esup.toml", "--lang", "en", "findings", "list", cwd=other)
    assert result.returncode == EXIT_USAGE
    assert result.stderr.count("\n") == 1
    assert str(town / "town.sqlite") in result.stderr
    assert "esup init" in result.stderr
    assert not (other / "town.sqlite").exists()
    assert not (town / "town.sqlite").exists()
    missing = esup("--db", "missing.sqlite", "--lang", "en", "findings", "list", cwd=other)
    assert missing.returncode == EXIT_USAGE
    assert "missing.sqlite" in missing.stderr
    assert not (other / "missing.sqlite").exists()
    init = esup("--config", "../town/esup.toml", "init", cwd=other)
    assert init.returncode == 0, init.stderr
    assert (town / "town.sqlite").exists()
    assert not (other / "town.sqlite").exists()
    listed = esup("--config", "../town/esup.toml", "findings", "list", cwd=other)
    assert listed.returncode == 0, listed.stderr


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_and_import_back_give_the_same_records(tmp_path: Path, fmt: str) -> None:
    township = tmp_path / "township"
    write_township(township, generate_township())
    first = tmp_path / "first.sqlite"
    assert (
        esup("--db", str(first), "import", *map(str, sorted(township.glob("*.jsonl")))).returncode
        == 0
    )
    second = tmp_path / "second.sqlite"
    types = ["penalty-case", "officer", "inspection", "agency", "lead"]
    for record_type in types:
        out = tmp_path / f"{record_type}.{fmt}"
        exported = esup("--db", str(first), "export", "--type", record_type, "--out", str(out))
        assert exported.returncode == 0, exported.stderr
        if fmt == "csv":
            assert out.read_bytes().decode("gb18030")
        imported = esup("--db", str(second), "import", "--type", record_type, str(out))
        assert imported.returncode == 0, imported.stdout + imported.stderr

    def rows(path: Path) -> set[tuple[str, str, str, str]]:
        with sqlite3.connect(path) as connection:
            return set(
                connection.execute(
                    "SELECT record_type, record_id, content_hash, payload FROM records "
                    f"WHERE record_type IN ({','.join('?' * len(types))})",
                    types,
                )
            )

    assert rows(second) == rows(first)
