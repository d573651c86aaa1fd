"""``esup plugins list`` and ``esup rules list|show``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from enforcement_supervision.cli import main

from .conftest import MakeDist, rule_module


def run(*args: str) -> tuple[int, str]:
    """Exit status and standard output (logs and warnings go to standard error)."""
    result = CliRunner().invoke(main, ["--lang", "en", *args])
    return result.exit_code, result.stdout


def run_err(*args: str) -> tuple[int, str]:
    """Exit status and standard error."""
    result = CliRunner().invoke(main, ["--lang", "en", *args])
    return result.exit_code, result.stderr


def test_plugins_list_json_shows_the_broken_plugin_and_the_others(fake_dist: MakeDist) -> None:
    fake_dist(
        "esup-fake-broken", {"fake_broken": "import no_such_module\n"}, {"broken": "fake_broken"}
    )
    fake_dist("esup-fake-good", {"fake_good": rule_module("FAKE-GOOD")}, {"good": "fake_good"})
    code, output = run("plugins", "list", "--json")
    assert code == 0
    plugins = {item["name"]: item for item in json.loads(output)}
    assert plugins["broken"]["status"] == "error"
    assert "ModuleNotFoundError" in plugins["broken"]["error"]
    assert plugins["good"] == {
        "name": "good",
        "distribution": "esup-fake-good",
        "version": "1.0",
        "status": "loaded",
        "module": "fake_good",
        "hooks": ["esup_rules"],
        "rule_ids": ["FAKE-GOOD"],
        "error": None,
        "reason": None,
        "warnings": [],
        "hook_errors": [],
    }
    assert plugins["example-local-rules"]["status"] == "loaded"


def test_plugins_list_text(fake_dist: MakeDist) -> None:
    fake_dist("esup-fake-broken", {"fake_broken": "1/0\n"}, {"broken": "fake_broken"})
    code, output = run("plugins", "list")
    assert code == 0
    assert "broken 1.0 [esup-fake-broken]: error" in output
    assert "error: import failed: ZeroDivisionError" in output
    assert "example-local-rules 0.1.0 [esup-example-local-rules]: loaded" in output


def test_rules_list(fake_dist: MakeDist) -> None:
    fake_dist("esup-fake-broken", {"fake_broken": "1/0\n"}, {"broken": "fake_broken"})
    code, output = run("rules", "list")
    assert code == 0
    assert "LOCAL-LIAISON-QUARTERLY" in output
    assert "Liaison point heard at least once a quarter" in output
    assert "[township liaison-point work rules Art. 6]" in output  # the legal basis
    assert "plugins failed to load: broken" in run_err("rules", "list")[1]
    code, output = run("rules", "list", "--json", "--plugin", "example-local-rules")
    (item,) = json.loads(output)
    assert item["id"] == "LOCAL-LIAISON-QUARTERLY"
    assert item["enabled"] is True
    assert item["group_by"]["anchor"] == "liaison-point"


def test_rules_show_with_configured_values(tmp_path: Path) -> None:
    config = tmp_path / "esup.toml"
    config.write_text(
        '[rules."LOCAL-LIAISON-QUARTERLY"]\nfeedback_per_quarter = 2\n', encoding="utf-8"
    )
    code, output = run("--config", str(config), "rules", "show", "local-liaison-quarterly")
    assert code == 0, output
    assert "LOCAL-LIAISON-QUARTERLY (version 1, stable)" in output
    assert "feedback_per_quarter = 2 opinions (set by config)" in output
    assert "township liaison-point work rules Art. 6 [U]" in output
    assert "### Example that flags" in output
    code, output = run(
        "--config", str(config), "rules", "show", "LOCAL-LIAISON-QUARTERLY", "--json"
    )
    data = json.loads(output)
    assert data["current_parameters"]["feedback_per_quarter"] == {
        "default": 2,
        "values": [],
        "source": "config",
    }


def test_rules_show_unknown_rule_suggests(tmp_path: Path) -> None:
    code, output = run_err("rules", "show", "LOCAL-LIAISON-QUARTERLI")
    assert code == 2
    assert "did you mean LOCAL-LIAISON-QUARTERLY" in output


def test_unknown_parameter_in_the_configuration_is_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "esup.toml"
    config.write_text('[rules."LOCAL-LIAISON-QUARTERLY"]\nfeedback = 2\n', encoding="utf-8")
    code, output = run_err("--config", str(config), "rules", "show", "LOCAL-LIAISON-QUARTERLY")
    assert code == 2
    assert "rule LOCAL-LIAISON-QUARTERLY has no parameter 'feedback'" in output
