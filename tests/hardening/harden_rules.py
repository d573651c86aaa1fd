"""The rules the hardening tests run, in this process and in ``esup`` child processes
(found there through a fake distribution's entry point, plugin name ``harden``).

Environment variables steer them in child processes: ``ESUP_TEST_DELAY`` (seconds to sleep
per evaluation), ``ESUP_TEST_GATE`` / ``ESUP_TEST_GATE_AT`` (the evaluation number at which
to wait until the gate file exists; ``ESUP_TEST_TRACE`` gets a line ``waiting`` then) and
``ESUP_TEST_HANG`` (a lead id whose evaluation never ends, whatever the timer does).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from enforcement_supervision._host import build_record
from enforcement_supervision.rules import (
    Context,
    Group,
    GroupBy,
    LegalBasis,
    Message,
    Rule,
    hookimpl,
    rule,
)

BASIS = LegalBasis(instrument="测试规定", instrument_en="test provisions", article="1")
_evaluations = 0


def _step() -> None:
    global _evaluations
    _evaluations += 1
    gate = os.environ.get("ESUP_TEST_GATE")
    trace = os.environ.get("ESUP_TEST_TRACE")
    if gate and _evaluations == int(os.environ.get("ESUP_TEST_GATE_AT", "1")):
        if trace:
            Path(trace).write_text(f"{os.getpid()} waiting\n", encoding="utf-8")
        while not Path(gate).exists():
            time.sleep(0.01)
    delay = float(os.environ.get("ESUP_TEST_DELAY", "0") or 0)
    if delay:
        time.sleep(delay)


@rule(
    id="T-H-SUMMARY",
    title_zh="线索摘要提及违法",
    title_en="Lead summary mentions 违法",
    category="procedure",
    severity="S2",
    legal_basis=BASIS,
    applies_to="lead",
    messages={
        "summary": Message(zh="线索 {lead} 摘要提及违法", en="lead {lead}: summary mentions 违法")
    },
)
def summary_rule(lead: Any, ctx: Context) -> None:
    """Flags a lead whose summary mentions 违法; never ends for ``ESUP_TEST_HANG``."""
    _step()
    if lead.id == os.environ.get("ESUP_TEST_HANG"):
        while True:  # the worst a rule can do: swallow the timeout, forever
            try:  # noqa: SIM105 - a bare except: is the point
                time.sleep(0.05)
            except:  # noqa: E722
                pass
    if lead.summary and "违法" in lead.summary:
        ctx.finding("summary", key="summary", facts={"lead": lead.id})


@rule(
    id="T-H-AGENCY",
    title_zh="主体线索数量",
    title_en="Leads per agency",
    category="inaction",
    severity="S3",
    legal_basis=BASIS,
    applies_to="lead",
    group_by=GroupBy(key="agency_id"),
    messages={
        "odd": Message(
            zh="主体 {agency} 的线索数为奇数（{count}）",
            en="agency {agency}: an odd number of leads ({count})",
        )
    },
)
def agency_rule(group: Group, ctx: Context) -> None:
    """A group rule (group memberships are what two concurrent checks raced on)."""
    _step()
    if len(group) % 2 == 1:
        ctx.finding("odd", facts={"agency": group.key, "count": len(group)})


RULES: tuple[Rule, ...] = (summary_rule, agency_rule)


@hookimpl
def esup_rules() -> list[Rule]:
    return list(RULES)


def lead(record_id: str, **fields: Any) -> Any:
    fields.setdefault("received_date", "2026-01-05")
    return build_record("lead", id=record_id, **fields)


def seed_leads(count: int = 60, agencies: int = 7) -> list[Any]:
    """``count`` leads over ``agencies`` agencies; every other summary mentions 违法."""
    return [
        lead(
            f"L-{index:04d}",
            summary="涉嫌违法经营" if index % 2 == 0 else "一般线索",
            agency_id=f"AG-{index % agencies}",
        )
        for index in range(count)
    ]
