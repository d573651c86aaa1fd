"""Configuration lookup and the personal-data scrubbing of logs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import structlog

from enforcement_supervision._logging import configure_logging, get_logger
from enforcement_supervision.config import load_config
from enforcement_supervision.errors import ConfigurationError


def test_config_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ESUP_CONFIG", raising=False)
    assert load_config().path is None
    (tmp_path / "esup.toml").write_text('[store]\nurl = "sqlite:///cwd.sqlite"\n')
    assert load_config().section("store")["url"] == "sqlite:///cwd.sqlite"
    other = tmp_path / "other.toml"
    other.write_text('[store]\nurl = "sqlite:///env.sqlite"\n')
    monkeypatch.setenv("ESUP_CONFIG", str(other))
    assert load_config().section("store")["url"] == "sqlite:///env.sqlite"
    assert load_config().resolve_path("cal/2027.toml") == tmp_path / "cal" / "2027.toml"


def test_config_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="not found"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[store\nurl=1")
    with pytest.raises(ConfigurationError, match="not valid TOML"):
        load_config(bad)
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('store = "x"\n')
    with pytest.raises(ConfigurationError, match=r"\[store\] .* must be a table"):
        load_config(wrong).section("store")


def test_logs_never_carry_personal_data(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(json=True)
    try:
        get_logger("test").info(
            "complaint.received",
            reporter_name="张三",
            petitioner_name="李四",
            phone="13800138000",
            note="来电 13912345678，身份证 110101199003071234",
            count=3,
        )
        line = capsys.readouterr().err.strip().splitlines()[-1]
    finally:
        structlog.reset_defaults()
    event = json.loads(line)
    assert event["reporter_name"] == "[redacted]"
    assert event["petitioner_name"] == "[redacted]"
    assert event["phone"] == "[redacted]"
    assert "13912345678" not in line
    assert "110101199003071234" not in line
    assert "张三" not in line
    assert "李四" not in line
    assert event["count"] == 3
