"""``esup report``: every format through the command line, the schema, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_supervision.cli import main
from enforcement_supervision.cli._report_commands import _FORMATS
from enforcement_supervision.reports import FORMATS, report_schema
from enforcement_supervision.store import Store

from .conftest import PII_TOML, PUBLIC_SECRETS
from .helpers import read_junit, text_of


def db_of(store: Store) -> str:
    """The ``--db`` value of ``store`` (its URL with any password)."""
    return store.engine.url.render_as_string(hide_password=False)


def esup(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_the_command_knows_every_format() -> None:
    assert _FORMATS == FORMATS


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("html", "report.html"),
        ("xlsx", "ledger.xlsx"),
        ("json", "report.json"),
        ("sarif", "report.sarif"),
        ("junit", "junit.xml"),
        ("md", "report.md"),
    ],
)
def test_each_file_format(pii_store: Store, tmp_path: Path, fmt: str, name: str) -> None:
    out = tmp_path / name
    code, stdout, stderr = esup(
        "--db",
        db_of(pii_store),
        "report",
        "--format",
        fmt,
        "--out",
        str(out),
        "--audience",
        "public",
    )
    assert code == 0, stderr
    assert stdout.strip() == str(out)
    text = text_of(out)
    assert [secret for secret in PUBLIC_SECRETS if secret in text] == []
    if fmt == "junit":
        assert read_junit(out)["totals"]["tests"] > 6  # passing cases are included


def test_notices_go_to_a_directory(pii_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "notices"
    config = tmp_path / "esup.toml"
    config.write_text(PII_TOML, encoding="utf-8")
    code, stdout, stderr = esup(
        "--config",
        str(config),
        "--db",
        db_of(pii_store),
        "report",
        "--format",
        "notice",
        "--out",
        str(out),
    )
    assert code == 0, stderr
    written = stdout.split()
    assert sorted(Path(path).name for path in written) == [
        "行政执法监督意见书-测试县市场监督管理局.docx",
        "行政执法监督意见书-测试县市场监督管理局.html",
        "行政执法监督意见书-测试镇人民政府.docx",
        "行政执法监督意见书-测试镇人民政府.html",
    ]
    assert all(Path(path).exists() for path in written)
    assert "未指明执法主体" not in stderr
    assert "fonts-wqy-microhei" in stderr  # which CJK font the pages need


def test_a_notice_without_its_settings_is_a_clear_error(pii_store: Store, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["--db", db_of(pii_store), "report", "--format", "notice", "--out", str(tmp_path)],
    )
    assert result.exit_code != 0
    assert "issuing_office" in result.output
    assert "number_prefix" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_options_reach_the_report(pii_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    code, _, stderr = esup(
        "--db",
        db_of(pii_store),
        "report",
        "--format",
        "json",
        "--out",
        str(out),
        "--agency",
        "AG-1",
        "--from",
        "2025-03-01",
        "--to",
        "2025-03-31",
        "--lang",
        "en",
        "--audience",
        "agency",
    )
    assert code == 0, stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["scope"] == {
        "agency": "AG-1",
        "date_from": "2025-03-01",
        "date_to": "2025-03-31",
    }
    assert (document["lang"], document["audience"]) == ("en", "agency")
    assert {f["subject"] for f in document["findings"]} == {"lead/L-01", "lead/L-02"}


def test_schema_is_printed() -> None:
    code, stdout, _ = esup("report", "--schema")
    assert code == 0
    assert json.loads(stdout) == report_schema()


def test_usage_errors(pii_store: Store, tmp_path: Path) -> None:
    code, _, stderr = esup("--db", db_of(pii_store), "report", "--format", "html")
    assert code == 2
    assert "--out" in stderr
    code, _, stderr = esup(
        "--db",
        db_of(pii_store),
        "report",
        "--format",
        "md",
        "--out",
        str(tmp_path / "x.md"),
        "--from",
        "yesterday",
    )
    assert code == 2
    assert stderr.startswith("esup: --from 应为日期")
    code, _, stderr = esup("report", "--format", "pdf", "--out", "x")
    assert code == 2
    assert "pdf" in stderr
