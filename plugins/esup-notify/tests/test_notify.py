"""esup-notify against real local receivers: digests after real check runs, retries with
backoff, receivers that are down or slow never block or fail the run, agency privacy."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from esup_notify import Notifier, NotifySettings
from esup_notify._deliver import deliver
from notify_support import RULES, SmtpServer, WebhookServer, leads

from enforcement_supervision._host import PluginManager, PluginStatus, build_record, load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.engine import get_run, run_check
from enforcement_supervision.errors import ConfigurationError
from enforcement_supervision.schedule import run_due
from enforcement_supervision.store import Store


def setup(
    store_path: Path,
    settings: dict[str, Any],
    *,
    sleeps: list[float] | None = None,
    extra: dict[str, Any] | None = None,
) -> tuple[PluginManager, Notifier]:
    """A manager with the test rules and a fresh notifier configured from ``settings``."""
    table = {"backoff": 0, "timeout": 5, **settings}
    config = Config(data={"plugins": {"notify": table}, **(extra or {})})
    manager = load_plugins(config, entry_points=False)
    manager.register_rules(*RULES, name="notify-test-rules")
    recorded = sleeps if sleeps is not None else []
    notifier = Notifier(sleep=recorded.append)
    info = manager.register(notifier, "notify")
    assert info.status is PluginStatus.LOADED, info.error
    return manager, notifier


def check(store_path: Path, manager: PluginManager, as_of: str) -> Any:
    with Store.open(store_path) as store:
        result = run_check(store, as_of=as_of, manager=manager)
        assert result.errors == ()
        assert get_run(store, result.run_id).outcome == "ok"
    return result


def email_settings(smtp: SmtpServer, **extra: Any) -> dict[str, Any]:
    return {
        "host": "127.0.0.1",
        "port": smtp.port,
        "sender": "esup@example.gov.cn",
        "to": ["office@example.gov.cn"],
        "agencies": {"AG-2": ["ag2@example.gov.cn"]},
        # The test responder speaks plain SMTP on 127.0.0.1 without AUTH (the transport
        # rules are tested in test_transport.py).
        "security": "none",
        **extra,
    }


def test_a_digest_of_new_then_overdue_findings_per_agency_by_webhook_and_email(
    store_path: Path, webhook: WebhookServer, smtp: SmtpServer
) -> None:
    manager, notifier = setup(
        store_path,
        {
            "webhook": {"url": webhook.url, "headers": {"Authorization": "Bearer secret"}},
            "email": email_settings(smtp),
        },
    )
    first = check(store_path, manager, "2026-02-20")
    assert notifier.wait(30)
    [body] = webhook.bodies
    digest = json.loads(body)
    assert digest["kind"] == "esup.digest"
    assert digest["run"]["run_id"] == first.run_id
    assert digest["run"]["opened"] == 5
    assert digest["totals"] == {"new": 5, "overdue": 0}
    sections = {s["agency_id"]: s for s in digest["agencies"]}
    assert sorted(sections) == ["AG-1", "AG-2"]
    assert [i["subject"]["id"] for i in sections["AG-1"]["new"]] == ["L-0", "L-2"]
    assert [(i["rule_id"], i["subject"]["id"]) for i in sections["AG-2"]["new"]] == [
        ("T-NOTIFY-LATE", "L-4"),
        ("T-NOTIFY-MINOR", "L-4"),
        ("T-NOTIFY-MINOR", "L-5"),
    ]
    item = sections["AG-1"]["new"][0]
    assert item["message_zh"] == "线索 L-0 逾期，举报人 138****8000，身份证 3701**********1234"
    assert (item["due"], item["status"], item["severity"]) == ("2026-03-01", "opened", "S2")
    text = body.decode("utf-8")
    assert "13800138000" not in text
    assert "370102199003071234" not in text
    assert not {"facts", "reasons", "evidence"} & set(item)
    assert webhook.headers[0]["Authorization"] == "Bearer secret"
    assert webhook.headers[0]["Content-Type"].startswith("application/json")
    # E-mail: the office gets everything, AG-2 only its own section.
    by_recipient = {tuple(rcpts): message for _, rcpts, message in smtp.messages}
    assert set(by_recipient) == {("office@example.gov.cn",), ("ag2@example.gov.cn",)}
    office = by_recipient[("office@example.gov.cn",)]
    assert office["Subject"].startswith("[行政执法监督] 检查摘要 2026-02-20 00:00：新增 5 条")
    office_text = office.get_content()
    assert "[AG-1]" in office_text
    assert "[AG-2]" in office_text
    assert "138****8000" in office_text
    assert "13800138000" not in office_text
    agency_text = by_recipient[("ag2@example.gov.cn",)].get_content()
    assert "[AG-2]" in agency_text
    assert "AG-1" not in agency_text
    assert "L-0" not in agency_text
    assert "新增 3 条" in by_recipient[("ag2@example.gov.cn",)]["Subject"]

    # Ten days later nothing is new, and the unrectified findings are overdue (from the store).
    check(store_path, manager, "2026-03-10")
    assert notifier.wait(30)
    later = json.loads(webhook.bodies[1])
    assert later["totals"] == {"new": 0, "overdue": 3}
    overdue = {s["agency_id"]: s["overdue"] for s in later["agencies"]}
    assert [(i["subject"]["id"], i["days_overdue"]) for i in overdue["AG-1"]] == [
        ("L-0", 9),
        ("L-2", 9),
    ]
    assert [i["subject"]["id"] for i in overdue["AG-2"]] == ["L-4"]
    assert later["overdue_available"] is True
    assert all(report.ok and report.attempts == 1 for report in notifier.reports())
    assert len(smtp.messages) == 4


def test_nothing_is_sent_when_nothing_is_new_or_overdue(
    tmp_path: Path, webhook: WebhookServer
) -> None:
    path = tmp_path / "quiet.sqlite"
    with Store.open(path) as store:
        store.put_records(
            [lead for lead in leads() if lead.summary != "逾期" and lead.agency_id == "AG-1"]
        )
    manager, notifier = setup(path, {"webhook": {"url": webhook.url}})
    check(path, manager, "2026-03-10")
    assert notifier.wait(30)
    assert webhook.requests == 0
    assert notifier.reports() == []


def test_min_severity_and_the_schedules_filter(store_path: Path, webhook: WebhookServer) -> None:
    manager, notifier = setup(
        store_path,
        {"webhook": {"url": webhook.url}, "min_severity": "S2", "schedules": ["daily"]},
        extra={"schedules": [{"name": "daily", "cron": "0 7 * * *"}]},
    )
    check(store_path, manager, "2026-02-20")  # not a scheduled run: no digest
    assert notifier.wait(30)
    assert webhook.requests == 0
    new_lead = build_record(
        "lead", id="L-6", agency_id="AG-2", received_date="2026-02-21", summary="逾期"
    )
    with Store.open(store_path) as store:
        store.put_records([new_lead])
        [slot] = run_due(store, "2026-03-05T07:05", config=manager.config, manager=manager)
    assert slot.outcome == "ok"
    assert slot.opened == 2  # L-6: one S2 and one S4 finding
    assert notifier.wait(30)
    [body] = webhook.bodies
    digest = json.loads(body)
    assert digest["run"]["schedule"] == "daily"
    assert digest["run"]["slot"].startswith("2026-03-04T23:00:00")
    assert digest["totals"] == {"new": 1, "overdue": 3}
    items = [item for s in digest["agencies"] for item in s["new"] + s["overdue"]]
    assert {item["severity"] for item in items} == {"S2"}  # the S4 findings are left out


def test_retries_with_exponential_backoff_then_delivers(
    store_path: Path, webhook: WebhookServer
) -> None:
    webhook.fail_first = 2
    sleeps: list[float] = []
    manager, notifier = setup(
        store_path, {"webhook": {"url": webhook.url}, "retries": 3, "backoff": 0.5}, sleeps=sleeps
    )
    check(store_path, manager, "2026-02-20")
    assert notifier.wait(30)
    [report] = notifier.reports()
    assert (report.channel, report.ok, report.attempts) == ("webhook", True, 3)
    assert sleeps == [0.5, 1.0]
    assert webhook.requests == 3
    assert len(webhook.bodies) == 1


def test_retries_are_bounded_and_a_client_error_is_not_retried(
    store_path: Path, webhook: WebhookServer
) -> None:
    webhook.fail_first = 100
    manager, notifier = setup(store_path, {"webhook": {"url": webhook.url}, "retries": 2})
    check(store_path, manager, "2026-02-20")
    assert notifier.wait(30)
    [report] = notifier.reports()
    assert (report.ok, report.attempts) == (False, 3)
    assert "503" in (report.error or "")
    webhook.fail_first, webhook.requests, webhook.status = 0, 0, 400
    manager, notifier = setup(store_path, {"webhook": {"url": webhook.url}, "retries": 2})
    check(store_path, manager, "2026-03-05")  # nothing new, three findings overdue
    assert notifier.wait(30)
    [report] = notifier.reports()
    assert (report.ok, report.attempts, report.error) == (False, 1, "HTTP 400 Bad Request")


def test_receivers_that_are_down_neither_block_nor_fail_the_run(
    store_path: Path, closed_port: int
) -> None:
    manager, notifier = setup(
        store_path,
        {
            "webhook": {"url": f"http://127.0.0.1:{closed_port}/down"},
            "email": {
                "host": "127.0.0.1",
                "port": closed_port,
                "sender": "esup@example.gov.cn",
                "to": ["office@example.gov.cn"],
            },
            "retries": 2,
        },
    )
    result = check(store_path, manager, "2026-02-20")
    assert result.opened == 5
    assert result.outcome == "ok"
    assert manager.hook_errors == []
    assert notifier.wait(60)
    reports = {report.channel: report for report in notifier.reports()}
    assert set(reports) == {"webhook", "email"}
    assert all(not r.ok and r.attempts == 3 for r in reports.values())
    assert "Connection refused" in (reports["email"].error or "") or "Errno" in (
        reports["email"].error or ""
    )


def test_the_run_returns_while_a_slow_receiver_still_holds_the_request(
    store_path: Path, webhook: WebhookServer
) -> None:
    webhook.hold = threading.Event()
    manager, notifier = setup(store_path, {"webhook": {"url": webhook.url}, "timeout": 30})
    check(store_path, manager, "2026-02-20")
    assert not notifier.wait(0)  # the run is over; the delivery is still pending
    assert webhook.holding.wait(30)
    webhook.hold.set()
    assert notifier.wait(30)
    [report] = notifier.reports()
    assert report.ok
    assert len(webhook.bodies) == 1


def test_a_receiver_slower_than_the_timeout_is_a_logged_failure(
    store_path: Path, webhook: WebhookServer
) -> None:
    webhook.hold = threading.Event()
    manager, notifier = setup(
        store_path, {"webhook": {"url": webhook.url}, "timeout": 0.3, "retries": 0}
    )
    check(store_path, manager, "2026-02-20")
    assert notifier.wait(30)
    [report] = notifier.reports()
    assert not report.ok
    assert "timed out" in (report.error or "")


def test_a_refused_recipient_is_not_retried_and_the_other_mails_go_out(
    store_path: Path, smtp: SmtpServer
) -> None:
    smtp.refuse.add("ag2@example.gov.cn")
    manager, notifier = setup(store_path, {"email": email_settings(smtp), "retries": 3})
    check(store_path, manager, "2026-02-20")
    assert notifier.wait(30)
    reports = notifier.reports()
    assert [(r.ok, r.attempts) for r in reports] == [(True, 1), (False, 1)]
    assert [rcpts for _, rcpts, _ in smtp.messages] == [["office@example.gov.cn"]]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"webhook": {"url": "ftp://example"}}, "webhook.url"),
        ({"email": {"host": "h", "sender": "x@y"}}, "needs `to` or `agencies`"),
        ({"timeout": -1}, "timeout"),
        ({"min_severity": "S9"}, "min_severity"),
        ({"webhook": {"url": "http://x", "token": "t"}}, "unknown key(s) token"),
    ],
)
def test_bad_settings_make_the_plugin_an_error_not_the_host(
    table: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        NotifySettings.from_mapping(table)
    assert message in caught.value.message("en")
    manager = load_plugins(Config(data={"plugins": {"notify": table}}), entry_points=False)
    info = manager.register(Notifier(), "notify")
    assert info.status is PluginStatus.ERROR
    assert message in (info.error or "")


def test_the_installed_plugin_is_found_through_its_entry_point_and_idle_unconfigured() -> None:
    manager = load_plugins(Config())
    info = {i.name: i for i in manager.plugins()}["notify"]
    assert (info.status, info.distribution) == (PluginStatus.LOADED, "esup-notify")
    assert "esup_run_finished" in info.hooks
    import esup_notify

    assert not esup_notify.plugin.settings.active


def test_deliver_without_channels_does_nothing() -> None:
    from datetime import UTC, datetime

    from esup_notify import build_digest

    from enforcement_supervision.rules import Severity
    from enforcement_supervision.rules.hookspecs import RunInfo

    at = datetime(2026, 3, 1, tzinfo=UTC)
    run = RunInfo(run_id="r" * 36, as_of=at, mode="full", started_at=at, outcome="ok")
    digest = build_digest(
        run=run, schedule=None, slot=None, new=[], overdue=None, resolved=0,
        rule_errors=[], min_severity=Severity.S4, max_items=10,
    )  # fmt: skip
    assert digest.is_empty
    assert not digest.overdue_available
    assert deliver(NotifySettings(), digest) == []
