"""``esup check --skip-rules`` and ``[rules] disabled``: switching rules off without listing
all the others."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_supervision._host import PluginManager, load_plugins
from enforcement_supervision.cli import main
from enforcement_supervision.config import Config
from enforcement_supervision.engine import EngineUsageError, run_check
from enforcement_supervision.rules import RuleConfigurationError
from enforcement_supervision.store import Store, query_findings
from tests.engine.rules_for_tests import lead
from tests.followup.conftest import AS_OF, lead_deadline, lead_summary


def manager(rules: dict[str, object] | None = None) -> PluginManager:
    config = Config(data={"rules": rules or {}})
    loaded = load_plugins(config, entry_points=False)
    loaded.register_rules(lead_deadline, lead_summary, name="test-rules")
    return loaded


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A store on each test backend with two leads without a summary."""
    with Store.open(db_url) as opened:
        opened.put_records([lead("L-01"), lead("L-02")])
        yield opened


def rule_ids(store: Store) -> set[str]:
    return {stored.finding.rule_id for stored in query_findings(store)}


def test_everything_runs_by_default(store: Store) -> None:
    run_check(store, as_of=AS_OF, manager=manager())
    assert rule_ids(store) == {"T-LEAD-15D", "T-LEAD-SUMMARY"}


@pytest.mark.parametrize("pattern", ["T-LEAD-SUMMARY", "t-lead-summary", "T-LEAD-SUM*"])
def test_skip_rules_leaves_a_rule_out(store: Store, pattern: str) -> None:
    run_check(store, as_of=AS_OF, manager=manager(), skip_rules=[pattern])
    assert rule_ids(store) == {"T-LEAD-15D"}


def test_disabled_in_configuration(store: Store) -> None:
    # [rules] disabled wins over an ``enabled = true`` in the rule's own table.
    rules = {"disabled": ["t-lead-summary"], "T-LEAD-SUMMARY": {"enabled": True}}
    loaded = manager(rules)
    assert not loaded.rule_settings()["T-LEAD-SUMMARY"].enabled
    run_check(store, as_of=AS_OF, manager=loaded)
    assert rule_ids(store) == {"T-LEAD-15D"}


def test_unknown_disabled_id_is_an_error_with_did_you_mean() -> None:
    with pytest.raises(RuleConfigurationError) as caught:
        manager({"disabled": ["T-LEAD-SUMMRY"]}).rule_settings()
    assert caught.value.message_en == (
        "[rules] disabled: no rule T-LEAD-SUMMRY (did you mean T-LEAD-SUMMARY?)"
    )
    assert "是否指 T-LEAD-SUMMARY" in caught.value.message_zh
    with pytest.raises(RuleConfigurationError, match="must be a list of rule ids"):
        manager({"disabled": "T-LEAD-SUMMARY"}).rule_settings()


def test_skip_pattern_matching_nothing_is_an_error(store: Store) -> None:
    with pytest.raises(EngineUsageError) as caught:
        run_check(store, as_of=AS_OF, manager=manager(), skip_rules=["T-LEAD-SUMARY"])
    assert "--skip-rules T-LEAD-SUMARY: no rule matches (did you mean T-LEAD-SUMMARY?)" in (
        caught.value.message_en
    )


def test_check_command_has_skip_rules(tmp_path: Path) -> None:
    config = tmp_path / "esup.toml"
    config.write_text('[plugins]\nallow = ["none"]\n', encoding="utf-8")
    db = str(tmp_path / "esup.sqlite")
    runner = CliRunner()
    base = ["--config", str(config), "--db", db, "--lang", "en"]
    assert runner.invoke(main, [*base, "init"]).exit_code == 0
    result = runner.invoke(main, [*base, "check", "--skip-rules", "inactoin"])
    assert result.exit_code == 2
    assert "--skip-rules inactoin: no rule matches (did you mean inaction?)" in result.stderr
