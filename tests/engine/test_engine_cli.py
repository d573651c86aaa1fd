"""esup check, esup findings and esup runs through the real CLI (click's CliRunner), with
the test rules installed as a plugin distribution found through its entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_supervision.cli import main
from enforcement_supervision.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_RULE_ERRORS,
    EXIT_USAGE,
)
from enforcement_supervision.store import Store

from .conftest import TEST_RULES_MODULE, MakeDist
from .rules_for_tests import agency, lead


@pytest.fixture
def env(tmp_path: Path, fake_dist: MakeDist, db_url: str) -> tuple[str, str]:
    """``(config path, database URL)``: only the test plugin is allowed, so the rule packs
    installed in this environment do not take part."""
    fake_dist("esup-fake-rules", {"fake_rules": TEST_RULES_MODULE}, {"fake-rules": "fake_rules"})
    config = tmp_path / "esup.toml"
    config.write_text(
        '[plugins]\nallow = ["fake-rules", "fake-broken"]\n\n[engine]\nrule_timeout = 5\n',
        encoding="utf-8",
    )
    db = db_url
    with Store.open(db) as store:
        store.put_records([agency("AG-1"), agency("AG-2", inspection_subject_confirmed=False)])
        store.put_records(
            [
                lead("L-01", received_date="2025-03-03", summary="无"),
                lead("L-02", received_date="2025-03-05", summary="无"),
                lead("L-04", agency_id="AG-2", received_date="2025-03-10", summary="无"),
            ]
        )
    return str(config), str(db)


def esup(env: tuple[str, str], *args: str) -> tuple[int, str, str]:
    config, db = env
    result = CliRunner().invoke(
        main, ["--config", config, "--db", db, *args], catch_exceptions=False
    )
    return result.exit_code, result.stdout, result.stderr


def test_check_prints_a_summary_and_exits_by_the_fail_threshold(env: tuple[str, str]) -> None:
    code, out, _ = esup(env, "check", "--as-of", "2025-03-19")
    assert code == EXIT_FINDINGS  # an S2 finding (T-LEAD-15D on L-01) and the default S2
    assert "检查完成" in out
    assert "新增 3" in out
    assert "S1 0 · S2 1 · S3 2 · S4 0" in out
    assert "有 1 条 S2 及以上的有效发现" in out

    code, out, _ = esup(env, "--lang", "en", "check", "--as-of", "2025-03-19", "--fail-on", "S1")
    assert code == EXIT_OK
    assert "Evaluated 0 (rule, subject) pairs" in out
    assert "0 opened, 0 resolved, 0 reopened, 3 still open (3 active)" in out

    code, _, _ = esup(env, "check", "--as-of", "2025-03-19", "--fail-on", "none")
    assert code == EXIT_OK
    code, _, _ = esup(env, "check", "--as-of", "2025-03-19", "--fail-on", "s3")
    assert code == EXIT_FINDINGS


def test_check_json_and_full_mode(env: tuple[str, str]) -> None:
    code, out, _ = esup(env, "check", "--as-of", "2025-03-19", "--format", "json")
    payload = json.loads(out)
    assert code == payload["exit_status"] == EXIT_FINDINGS
    assert payload["fail_on"] == "S2"
    assert payload["counts"]["opened"] == 3
    assert payload["outcome"] == "ok"
    code, out, _ = esup(env, "check", "--as-of", "2025-03-19", "--full", "--format", "json")
    payload = json.loads(out)
    assert payload["mode"] == "full"
    assert payload["counts"]["evaluated"] > 0
    assert (payload["counts"]["opened"], payload["counts"]["resolved"]) == (0, 0)


def test_check_rules_selection_and_usage_errors(env: tuple[str, str]) -> None:
    code, out, _ = esup(
        env, "check", "--as-of", "2025-03-19", "--rules", "T-LEAD-*", "--format", "json"
    )
    assert json.loads(out)["counts"]["rules"] == ["T-LEAD-15D", "T-LEAD-AGENCY"]
    code, _, err = esup(env, "check", "--rules", "T-NOPE")
    assert code == EXIT_USAGE
    assert "T-NOPE" in err
    code, _, err = esup(env, "check", "--as-of", "someday")
    assert code == EXIT_USAGE
    config, _ = env
    Path(config).write_text('[rules."T-LEAD-15D"]\ndayz = 3\n', encoding="utf-8")
    code, _, err = esup(env, "check")
    assert code == EXIT_USAGE
    assert "dayz" in err


def test_check_exits_3_on_rule_and_plugin_errors(env: tuple[str, str], fake_dist: MakeDist) -> None:
    fake_dist(
        "esup-fake-broken",
        {"fake_broken": "raise RuntimeError('no')\n"},
        {"fake-broken": "fake_broken"},
    )
    with Store.open(env[1]) as store:
        store.put_records([lead("L-09", summary="boom")])
    code, out, _ = esup(env, "--lang", "en", "check", "--as-of", "2025-03-19", "--fail-on", "none")
    assert code == EXIT_RULE_ERRORS
    assert "Errors (2):" in out
    assert "fake-broken (plugin)" in out
    assert "fake-rules / T-BOOM (rule) [lead/L-09]: RuntimeError" in out
    assert "the rule broke" not in out  # the exception's text: esup runs show (#19 item 10)


def test_findings_list_and_show(env: tuple[str, str]) -> None:
    esup(env, "check", "--as-of", "2025-03-19")
    code, out, _ = esup(env, "findings", "list")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].split()[1:4] == ["S2", "open", "T-LEAD-15D"]
    code, out, _ = esup(env, "findings", "list", "--severity", "S3", "--json")
    assert {item["rule_id"] for item in json.loads(out)} == {"T-LEAD-AGENCY", "T-AGENCY-LEADS"}
    code, out, _ = esup(env, "findings", "list", "--rule", "T-AGENCY-*", "--agency", "AG-2")
    assert len(out.strip().splitlines()) == 1
    code, out, _ = esup(env, "findings", "list", "--status", "resolved")
    assert "没有符合条件的发现" in out

    fingerprint = lines[0].split()[0]
    code, out, _ = esup(env, "findings", "show", fingerprint[:8])
    assert code == 0
    assert "T-LEAD-15D v1 · S2" in out
    assert "对象 lead/L-01" in out
    assert "收到线索 2025-03-03" in out  # the deadline's trace
    assert "2025-03-18" in out
    assert "历史：" in out
    assert "opened" in out.split("历史：")[1]
    code, out, _ = esup(env, "--lang", "en", "findings", "show", fingerprint, "--json")
    data = json.loads(out)
    assert data["fingerprint"].startswith(fingerprint)
    assert [event["kind"] for event in data["history"]] == ["opened"]
    code, _, err = esup(env, "findings", "show", "ffffffffffff")
    assert code == EXIT_USAGE
    assert "ffffffffffff" in err

    with Store.open(env[1]) as store:  # the data is fixed
        store.put_records(
            [lead("L-01", received_date="2025-03-03", filing_decision_date="2025-03-05")]
        )
    esup(env, "check", "--as-of", "2025-03-19")
    code, out, _ = esup(env, "findings", "list", "--status", "all")
    assert "resolved" in out
    code, out, _ = esup(env, "--lang", "en", "findings", "show", fingerprint)
    assert "status resolved" in out
    assert "resolved" in out.split("History:")[1]


def test_runs_list_and_show(env: tuple[str, str]) -> None:
    code, out, _ = esup(env, "runs", "list")
    assert "还没有检查运行" in out
    esup(env, "check", "--as-of", "2025-03-19")
    esup(env, "check", "--as-of", "2025-04-30")
    code, out, _ = esup(env, "--lang", "en", "runs", "list")
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert "as-of 2025-04-30" in lines[0]
    assert "incremental  ok" in lines[1]
    run_id = lines[1].split()[0]
    code, out, _ = esup(env, "--lang", "en", "runs", "show", run_id)
    assert code == 0
    assert "3 opened" in out
    assert "Slowest rules:" in out
    code, out, _ = esup(env, "runs", "show", run_id, "--json")
    assert json.loads(out)["counts"]["opened"] == 3
    code, _, err = esup(env, "runs", "show", "0000")
    assert code == EXIT_USAGE
    assert "0000" in err
