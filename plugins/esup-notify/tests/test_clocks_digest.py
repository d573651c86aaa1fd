"""The daily digest of early warning: checked day by day, each clock that turns yellow is
named once (per channel), and a channel that failed sends it with the next run."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from esup_notify import Notifier
from notify_support import BASIS, WebhookServer

from enforcement_supervision._host import PluginStatus, load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.engine import run_check
from enforcement_supervision.rules import Context, Message, rule
from enforcement_supervision.store import Store


@rule(
    id="T-NOTIFY-CLOCK",
    title_zh="办理期限",
    title_en="Handling period",
    category="inaction",
    severity="S2",
    legal_basis=BASIS,
    applies_to="lead",
    messages={"late": Message(zh="线索 {lead} 逾期未办理", en="lead {lead} not handled in time")},
)
def handled_in_time(lead: Any, ctx: Context) -> None:
    """Ten working days from receipt (the count the clock follows)."""
    deadline = ctx.deadline(lead.received_date, 10, "WD", start_label="收到线索")
    if ctx.late(deadline, None, label="办理期限 / handling period"):
        ctx.finding("late", key="late", facts={"lead": lead.id})


def setup(store_path: Path, webhook: WebhookServer) -> tuple[Any, Notifier]:
    table = {
        "store_url": str(store_path),
        "backoff": 0,
        "timeout": 5,
        "retries": 0,
        "background": False,
        "webhook": {"url": webhook.url},
    }
    manager = load_plugins(Config(data={"plugins": {"notify": table}}), entry_points=False)
    manager.register_rules(handled_in_time, name="notify-clock-rules")
    notifier = Notifier(sleep=lambda _: None)
    assert manager.register(notifier, "notify").status is PluginStatus.LOADED
    return manager, notifier


def clock_bodies(webhook: WebhookServer) -> list[dict[str, Any]]:
    return [
        body
        for body in (json.loads(raw) for raw in webhook.bodies)
        if body.get("kind") == "esup.clocks"
    ]


def test_each_yellow_clock_is_named_once(store_path: Path, webhook: WebhookServer) -> None:
    manager, notifier = setup(store_path, webhook)
    day = date(2026, 1, 5)  # the leads are received on Monday 2026-01-05
    sent_on: dict[str, str] = {}
    with Store.open(store_path) as store:
        while day <= date(2026, 1, 25):
            before = len(clock_bodies(webhook))
            run_check(store, as_of=day, manager=manager)
            for body in clock_bodies(webhook)[before:]:
                for section in body["agencies"]:
                    for clock in section["clocks"]:
                        sent_on.setdefault(clock["subject_id"], day.isoformat())
            day += timedelta(days=1)
    assert notifier.wait(30)
    named = Counter(
        clock["clock_id"]
        for body in clock_bodies(webhook)
        for section in body["agencies"]
        for clock in section["clocks"]
    )
    # Six leads, six clocks, each named exactly once.
    assert len(named) == 6
    assert set(named.values()) == {1}
    # Ten working days from 01-05 end Monday 01-19; three or fewer left from Wednesday 01-14.
    assert set(sent_on.values()) == {"2026-01-14"}
    first = clock_bodies(webhook)[0]
    item = first["agencies"][0]["clocks"][0]
    assert (item["due_date"], item["left"], item["unit"]) == ("2026-01-19", 3, "WD")


def test_a_failed_channel_sends_with_the_next_run(store_path: Path, webhook: WebhookServer) -> None:
    manager, _ = setup(store_path, webhook)
    webhook.fail_first = 1
    with Store.open(store_path) as store:
        run_check(store, as_of="2026-01-14", manager=manager)
        assert clock_bodies(webhook) == []  # refused: not recorded as sent
        run_check(store, as_of="2026-01-15", manager=manager)
        run_check(store, as_of="2026-01-16", manager=manager)
    [body] = clock_bodies(webhook)
    assert body["total"] == 6
    assert body["run"]["as_of"].startswith("2026-01-15")
