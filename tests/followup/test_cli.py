"""The follow-through and supervision commands through the real CLI (click's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import update

from enforcement_supervision.cli import main
from enforcement_supervision.engine import run_check
from enforcement_supervision.store import Store, get_finding, iter_chain
from enforcement_supervision.store._internal import finding_events
from tests.engine.rules_for_tests import lead

from .conftest import AS_OF, fingerprint_of, make_manager


@pytest.fixture
def db(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The database URL (on each backend); the configuration, which allows no plugin, is
    found through ``ESUP_CONFIG``."""
    config = tmp_path / "esup.toml"
    config.write_text('[plugins]\nallow = ["none"]\n', encoding="utf-8")
    monkeypatch.setenv("ESUP_CONFIG", str(config))
    with Store.open(db_url) as store:
        store.put_records([lead("L-01", summary="有"), lead("L-02", summary="有")])
        run_check(store, as_of=AS_OF, manager=make_manager())
    return db_url


def esup(db: str, *args: str, lang: str = "en") -> Result:
    return CliRunner().invoke(main, ["--db", db, "--lang", lang, *args], catch_exceptions=False)


def fp(db: str, record_id: str) -> str:
    with Store.open(db, migrate=False) as store:
        return fingerprint_of(store, "T-LEAD-15D", record_id)


def test_walk_a_finding_to_closure_on_the_command_line(db: str) -> None:
    short = fp(db, "L-01")[:12]
    due = "2099-12-31"
    result = esup(
        db, "findings", "notify", short, "--by", "王科长", "--number", "N-1", "--due", due
    )
    assert result.exit_code == 0, result.output
    assert "notified" in result.output
    listed = esup(db, "findings", "list", "--status", "notified")
    assert short in listed.output
    assert f"due {due}" in listed.output
    # Closing before the rectification is refused, naming the status and the transition.
    refused = esup(db, "findings", "close", short, "--by", "赵局长")
    assert refused.exit_code == 2
    assert f"finding {short} (T-LEAD-15D) is notified: cannot close it" in refused.output
    ok = esup(
        db,
        "findings",
        "rectify",
        short,
        "--by",
        "李所长",
        "--description",
        "补作立案决定",
        "--evidence",
        "立案审批表.pdf",
    )
    assert ok.exit_code == 0, ok.output
    same = esup(db, "findings", "close", short, "--by", "李所长")
    assert same.exit_code == 2
    assert "verifier must not be 李所长" in same.output
    assert esup(db, "findings", "close", short, "--by", "王科长").exit_code == 0
    history = esup(db, "findings", "history", short)
    lines = history.output.splitlines()
    assert "closed" in lines[0]
    kinds = [line.split()[2] for line in lines[1:]]
    assert kinds == ["opened", "notified", "rectified", "closed"]
    assert "王科长" in lines[2]
    assert "notice_number=N-1" in lines[2]
    assert "李所长" in lines[3]
    assert "evidence=立案审批表.pdf" in lines[3]
    assert "verified_by=王科长" in lines[4]
    assert esup(db, "findings", "verify").exit_code == 0


def test_tampering_with_one_event_makes_verify_fail_and_name_it(db: str) -> None:
    short = fp(db, "L-01")[:12]
    esup(
        db, "findings", "notify", short, "--by", "王科长", "--number", "N-1", "--due", "2099-01-01"
    )
    with Store.open(db, migrate=False) as store:
        target = next(e for e in iter_chain(store) if e.kind == "notified")
        with store.engine.begin() as connection:
            connection.execute(
                update(finding_events)
                .where(finding_events.c.event_id == target.event_id)
                .values(data={**target.data, "rectification_due": "2100-01-01"})
            )
    result = esup(db, "findings", "verify")
    assert result.exit_code == 1
    assert f"event #{target.event_id} (notified, finding {short})" in result.output
    assert "edited" in result.output


def test_waive_on_the_command_line(db: str) -> None:
    short = fp(db, "L-02")[:12]
    same = esup(
        db,
        "findings",
        "waive",
        short,
        "--by",
        "甲",
        "--approved-by",
        "甲",
        "--category",
        "accepted",
        "--reason",
        "x",
        "--expires",
        "2099-01-01",
    )
    assert same.exit_code == 2
    assert "someone other than its requester" in same.output
    asked = esup(
        db,
        "findings",
        "waive",
        short,
        "--by",
        "甲",
        "--category",
        "false_positive",
        "--reason",
        "实为法定例外",
        "--expires",
        "2099-01-01",
    )
    assert asked.exit_code == 0
    assert "#1" in asked.output
    assert "pending" in asked.output
    assert esup(db, "findings", "approve-waiver", "1", "--by", "甲").exit_code == 2
    assert esup(db, "findings", "approve-waiver", "1", "--by", "乙").exit_code == 0
    listed = esup(db, "findings", "waivers", "--json")
    assert json.loads(listed.output)[0]["approved_by"] == "乙"
    assert esup(db, "findings", "waivers", "--stale").output.strip() == "no waivers"
    with Store.open(db, migrate=False) as store:
        assert get_finding(store, short).status == "waived"


def test_baseline_and_list_filters(db: str) -> None:
    assert "no baseline" in esup(db, "baseline", "show").output
    created = esup(db, "baseline", "create", "--by", "王科长")
    assert created.exit_code == 0
    assert "2 findings at the start" in created.output
    shown = esup(db, "baseline", "show", "--json")
    assert json.loads(shown.output)["current_size"] == 2
    assert "no matching findings" in esup(db, "findings", "list", "--category", "procedure").output
    inaction = esup(db, "findings", "list", "--category", "inaction")
    assert len(inaction.output.splitlines()) == 2
    short = fp(db, "L-01")[:12]
    esup(db, "findings", "notify", short, "--by", "甲", "--number", "N", "--due", "2099-01-01")
    overdue = esup(db, "findings", "list", "--overdue", "--as-of", "2099-01-02")
    assert overdue.output.startswith(short)
    assert len(overdue.output.splitlines()) == 1
    assert "no matching" in esup(db, "findings", "list", "--overdue").output


def test_check_expires_waivers_and_reports_them(db: str) -> None:
    short = fp(db, "L-02")[:12]
    waived = esup(
        db,
        "findings",
        "waive",
        short,
        "--by",
        "甲",
        "--approved-by",
        "乙",
        "--category",
        "accepted",
        "--reason",
        "x",
        "--expires",
        "2098-12-31",
    )
    assert waived.exit_code == 0, waived.output
    checked = esup(db, "check", "--as-of", "2099-01-01", "--fail-on", "none")
    assert checked.exit_code == 0, checked.output
    assert f"Waiver #1 of {short} expired on 2098-12-31: the finding is reopened again" in (
        checked.output
    )
    with Store.open(db, migrate=False) as store:
        assert get_finding(store, short).status == "reopened"
