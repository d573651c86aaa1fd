"""``--json`` everywhere: every command that prints data has the one flag, each command's
shape is on docs/reference/json-output.md, and the output of each parses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
from click.testing import CliRunner

from enforcement_supervision.cli import main
from enforcement_supervision.engine import run_check
from enforcement_supervision.store import Store
from tests.engine.rules_for_tests import lead
from tests.followup.conftest import AS_OF, fingerprint_of, make_manager

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "reference" / "json-output.md"

SCHEMAS = ROOT / "src" / "enforcement_supervision" / "reports" / "schemas"


def valid(data: Any, name: str) -> Any:
    """``data``, after checking it against ``cli-<name>-v1.schema.json``."""
    schema = json.loads((SCHEMAS / f"cli-{name}-v1.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    return data


#: Commands that print no data of their own: a long-running loop that logs.
NO_JSON = {"schedule serve"}


def _leaves(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for name, command in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            yield from _leaves(command, path + " ")
        else:
            yield path, command


def test_every_data_command_has_json_and_a_documented_shape() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    missing_flag = []
    undocumented = []
    for path, command in _leaves(main):
        if path in NO_JSON:
            continue
        flags = {opt for param in command.params for opt in getattr(param, "opts", ())}
        if "--json" not in flags:
            missing_flag.append(path)
        if f"`esup {path}`" not in text:
            undocumented.append(path)
    assert not missing_flag, f"commands without --json: {missing_flag}"
    assert not undocumented, f"commands missing from {REFERENCE.name}: {undocumented}"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite store with two findings of the inline test rules; no plugin loads."""
    config = tmp_path / "esup.toml"
    config.write_text('[plugins]\nallow = ["none"]\n', encoding="utf-8")
    monkeypatch.setenv("ESUP_CONFIG", str(config))
    url = str(tmp_path / "esup.sqlite")
    with Store.open(url) as store:
        store.put_records([lead("L-01", summary="有"), lead("L-02", summary="有")])
        run_check(store, as_of=AS_OF, manager=make_manager())
    return url


def js(db: str, *args: str, status: int = 0) -> Any:
    result = CliRunner().invoke(main, ["--db", db, *args, "--json"], catch_exceptions=False)
    assert result.exit_code == status, result.output
    return json.loads(result.stdout)


def test_json_outputs_parse(db: str, tmp_path: Path) -> None:
    assert js(db, "init")["database"]
    officers = tmp_path / "o.jsonl"
    officers.write_text(
        json.dumps({"record_type": "officer", "id": "OF-1", "agency_id": "AG-1", "name": "员一"})
        + "\n",
        encoding="utf-8",
    )
    summary = CliRunner().invoke(main, ["--db", db, "import", str(officers), "--json"])
    assert [json.loads(line)["read"] for line in summary.stdout.splitlines()] == [1]
    listed = js(db, "records", "list")
    assert {row["record_type"] for row in listed} == {"lead", "officer"}
    assert js(db, "records", "list", "--counts") == {"lead": 2, "officer": 1}
    assert js(db, "records", "show", "officer", "OF-1", "--history")[0]["version"] == 1
    assert "officer" in js(db, "schema", "--list")
    exported = js(db, "export", "--out", str(tmp_path / "all.jsonl"))
    assert exported == {"records": 3, "out": str(tmp_path / "all.jsonl"), "format": "jsonl"}
    deadline = valid(js(db, "deadline", "2025-09-30", "--working-days", "5"), "deadline")
    plain = CliRunner().invoke(main, ["deadline", "2025-09-30", "--working-days", "5"])
    assert deadline["due_date"] == plain.stdout.strip()
    assert deadline["unit"] == "WD"
    assert deadline["trace"]
    calendar = valid(js(db, "calendar", "2025"), "calendar")
    assert calendar["working_days"] == 248
    assert any(block["name"] == "春节" for block in calendar["rest_days"])
    assert {plugin["status"] for plugin in js(db, "plugins", "list")} == {"blocked"}
    assert js(db, "rules", "list") == []
    assert valid(js(db, "rules", "test"), "rules-test")["ok"] is True
    run = valid(js(db, "check", "--as-of", "2025-04-02", "--fail-on", "none"), "check-run")
    assert run["run_id"]
    assert js(db, "runs", "list")[0]["run_id"] == run["run_id"]
    findings = js(db, "findings", "list")
    assert len(findings) == 2
    report = js(db, "report", "--format", "json", "--out", str(tmp_path / "r.json"))
    assert report["paths"] == [str(tmp_path / "r.json")]
    assert js(db, "baseline", "create", "--by", "甲")["initial_size"] == 2
    assert js(db, "baseline", "show")["current_size"] == 2
    saved = js(
        db,
        "supervision",
        "feedback",
        "FB-1",
        *("--agency", "AG-1", "--source-kind", "other", "--received", "2025-04-01"),
        *("--channel", "phone", "--summary", "意见"),
    )
    assert saved == {
        "record_type": "feedback",
        "id": "FB-1",
        "version": 1,
        "created": True,
        "changed": True,
    }
    assert js(db, "supervision", "list")[0]["id"] == "FB-1"


def test_follow_through_verbs_print_their_event(db: str) -> None:
    with Store.open(db, migrate=False) as store:
        first = fingerprint_of(store, "T-LEAD-15D", "L-01")
        second = fingerprint_of(store, "T-LEAD-15D", "L-02")
    notified = js(
        db, "findings", "notify", first, "--by", "甲", "--number", "N-1", "--due", "2099-01-01"
    )
    assert valid(notified, "finding-event")["kind"] == "notified"
    extended = js(
        db, "findings", "extend", first, "--by", "甲", "--due", "2099-02-01", "--reason", "x"
    )
    assert extended["kind"]
    assert js(db, "findings", "rectify", first, "--by", "乙", "--description", "改了")["kind"] == (
        "rectified"
    )
    assert js(db, "findings", "close", first, "--by", "丙")["kind"] == "closed"
    assert js(db, "findings", "reopen", first, "--by", "丙", "--reason", "复发")["kind"] == (
        "reopened"
    )
    waiver = js(
        db,
        "findings",
        "waive",
        second,
        "--by",
        "甲",
        "--category",
        "false_positive",
        "--reason",
        "误报",
        "--expires",
        "2099-01-01",
    )
    assert waiver["state"] == "pending"
    assert js(db, "findings", "approve-waiver", str(waiver["waiver_id"]), "--by", "乙")["kind"]
    assert js(db, "findings", "waivers")[0]["waiver_id"] == waiver["waiver_id"]
    assert js(db, "findings", "expire-waivers", "--as-of", "2025-05-01") == []
    events = js(db, "findings", "history", first)
    assert events[0]["kind"] == "opened"
    for event in events:
        valid(event, "finding-event")
    assert js(db, "findings", "show", first)["fingerprint"] == first
    verified = js(db, "findings", "verify")
    assert verified["intact"] is True
    assert verified["events"] >= 7


def test_the_other_commands_parse(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "scheduled.toml"
    config.write_text(
        '[plugins]\nallow = ["example-local-rules"]\n\n'
        '[[schedules]]\nname = "mornings"\ncron = "0 7 * * *"\nworking_days_only = true\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("ESUP_CONFIG", str(config))
    listed = js(db, "rules", "list")
    assert [rule["id"] for rule in listed] == ["LOCAL-LIAISON-QUARTERLY"]
    shown = js(db, "rules", "show", "LOCAL-LIAISON-QUARTERLY")
    assert shown["current_parameters"]["feedback_per_quarter"]["default"] == 1
    assert js(db, "schema", "officer")["type"] == "object"
    assert js(db, "records", "show", "lead", "L-01")["id"] == "L-01"
    run_id = js(db, "runs", "list")[0]["run_id"]
    assert js(db, "runs", "show", run_id[:8])["run_id"] == run_id
    assert js(db, "schedule", "list")[0]["name"] == "mornings"
    preview = js(db, "schedule", "preview", "mornings", "--next", "3")
    assert preview["schedule"]["name"] == "mornings"
    assert isinstance(js(db, "schedule", "history"), list)
    assert isinstance(js(db, "schedule", "run-due", "--as-of", "2025-04-01"), list)
    made = {
        "liaison-point": (
            *("LP-1", "--agency", "AG-1", "--name", "某合作社"),
            *("--designated", "2025-01-02", "--status", "active"),
        ),
        "supervisor": (
            *("SS-1", "--agency", "AG-1", "--name", "监督员甲"),
            *("--appointed", "2025-01-02", "--status", "active"),
        ),
        "complaint": (
            *("CP-1", "--agency", "AG-1", "--received", "2025-04-01", "--channel", "phone"),
        ),
        "check": ("SC-1", "--agency", "AG-1", "--type", "routine", "--date", "2025-04-01"),
    }
    for verb, args in made.items():
        saved = js(db, "supervision", verb, *args)
        assert (saved["id"], saved["version"], saved["created"]) == (args[0], 1, True)
    forwarded = js(db, "supervision", "forward", "CP-1", "--to", "AG-2", "--on", "2025-04-02")
    assert (forwarded["id"], forwarded["version"]) == ("CP-1", 2)
    answered = js(
        db, "supervision", "answer", "CP-1", "--on", "2025-04-03", "--outcome", "substantiated"
    )
    assert answered["version"] == 3
