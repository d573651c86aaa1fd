"""``esup plugins list`` and ``esup rules list|show``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
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
        "pack": "good",
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


def test_a_broken_section_of_a_pack_hides_only_its_own_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The national pack has one entry point per section: making ``coercive`` unimportable
    leaves the other sections loaded, and ``plugins list --json`` names the failure."""
    from esup_national_rules import coercive

    coercive_ids = {rule.id for rule in coercive.RULES}
    monkeypatch.setitem(sys.modules, "esup_national_rules.coercive", None)  # import fails
    code, output = run("plugins", "list", "--json")
    assert code == 0
    plugins = {item["name"]: item for item in json.loads(output)}
    broken = plugins["national.coercive"]
    assert broken["status"] == "error"
    assert broken["pack"] == "national"
    assert "import failed" in broken["error"]
    assert "esup_national_rules.coercive" in broken["error"]
    sections = {name: item for name, item in plugins.items() if item["pack"] == "national"}
    assert len(sections) == 12
    loaded = [item for item in sections.values() if item["status"] == "loaded"]
    assert len(loaded) == 11
    rule_ids = {rule_id for item in loaded for rule_id in item["rule_ids"]}
    assert "PEN-DECISION-90D" in rule_ids
    assert coercive_ids
    assert not coercive_ids & rule_ids
    # The rules of the loaded sections still belong to the pack "national".
    code, output = run("rules", "list", "--json", "--plugin", "national")
    assert {item["id"] for item in json.loads(output)} == rule_ids


def test_sections_of_one_pack_load_one_at_a_time(fake_dist: MakeDist) -> None:
    fake_dist(
        "esup-fake-pack",
        {"fake_pack_a": rule_module("FAKE-A"), "fake_pack_b": "raise RuntimeError('section b')\n"},
        {"fake.a": "fake_pack_a", "fake.b": "fake_pack_b"},
    )
    code, output = run("plugins", "list", "--json")
    assert code == 0
    plugins = {item["name"]: item for item in json.loads(output)}
    assert plugins["fake.a"]["status"] == "loaded"
    assert plugins["fake.a"]["rule_ids"] == ["FAKE-A"]
    assert plugins["fake.b"]["status"] == "error"
    assert "RuntimeError: section b" in plugins["fake.b"]["error"]
    code, output = run("rules", "list", "--json", "--plugin", "fake")
    assert [item["id"] for item in json.loads(output)] == ["FAKE-A"]
