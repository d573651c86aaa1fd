"""The rules and hooks the scheduling tests run, in this process and in ``esup`` child
processes (found there through a fake distribution's entry point).

Environment variables steer them in child processes: ``ESUP_TEST_TRACE`` (a file: one line
per evaluation), ``ESUP_TEST_RUNLOG`` (a file: one line per run started, with its schedule
and slot), ``ESUP_TEST_DELAY`` (seconds to sleep per evaluation) and ``ESUP_TEST_GATE`` /
``ESUP_TEST_GATE_AT`` (the evaluation number at which to wait until the gate file exists).
"""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path
from typing import Any

from enforcement_supervision._host import RunInfo, build_record
from enforcement_supervision.rules import Context, LegalBasis, Rule, hookimpl, rule

BASIS = LegalBasis(instrument="测试规定", instrument_en="test provisions", article="1")
_evaluations = 0


def _trace(rule_id: str, record_id: str) -> None:
    global _evaluations
    _evaluations += 1
    trace = os.environ.get("ESUP_TEST_TRACE")
    gate = os.environ.get("ESUP_TEST_GATE")
    if trace:
        with open(trace, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {rule_id} {record_id} {_evaluations}\n")
    if gate and _evaluations == int(os.environ.get("ESUP_TEST_GATE_AT", "0")):
        if trace:
            with open(trace, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()} waiting\n")
        while not Path(gate).exists():
            time.sleep(0.01)
    delay = float(os.environ.get("ESUP_TEST_DELAY", "0") or 0)
    if delay:
        time.sleep(delay)


@rule(
    id="T-SCHED-SUMMARY",
    title_zh="线索摘要提及违法",
    title_en="Lead summary mentions 违法",
    category="procedure",
    severity="S2",
    legal_basis=BASIS,
    applies_to="lead",
)
def flagged_summary(lead: Any, ctx: Context) -> None:
    """Flags a lead whose summary mentions 违法; rectification due 2026-03-01."""
    _trace("T-SCHED-SUMMARY", lead.id)
    if lead.summary and "违法" in lead.summary:
        ctx.finding(
            key="summary",
            message_zh=f"线索 {lead.id} 摘要提及违法，举报人电话 13800138000",
            message_en=f"lead {lead.id}: summary mentions 违法 (reporter phone 13800138000)",
            due=date(2026, 3, 1),
        )


@rule(
    id="T-SCHED-AGENCY",
    title_zh="线索须有主体",
    title_en="Lead needs an agency",
    category="personnel",
    severity="S3",
    legal_basis=BASIS,
    applies_to="lead",
)
def agency_named(lead: Any, ctx: Context) -> None:
    """Flags a lead of agency AG-2 (a stand-in for a real condition)."""
    _trace("T-SCHED-AGENCY", lead.id)
    if lead.agency_id == "AG-2":
        ctx.finding(
            key="agency",
            message_zh=f"线索 {lead.id} 的主体需核实",
            message_en=f"lead {lead.id}: agency to be verified",
        )


RULES: tuple[Rule, ...] = (flagged_summary, agency_named)


@hookimpl
def esup_rules() -> list[Rule]:
    return list(RULES)


@hookimpl
def esup_run_started(run: RunInfo) -> None:
    log = os.environ.get("ESUP_TEST_RUNLOG")
    if log:
        schedule = getattr(run, "schedule", None)
        slot = getattr(run, "slot", None)
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {schedule} {None if slot is None else slot.isoformat()}\n")


def lead(record_id: str, **fields: Any) -> Any:
    fields.setdefault("agency_id", "AG-1")
    fields.setdefault("received_date", "2026-01-05")
    return build_record("lead", id=record_id, **fields)


def seed_leads(count: int = 12) -> list[Any]:
    """``count`` leads: every other one's summary mentions 违法; every third is AG-2's."""
    return [
        lead(
            f"L-{index:03d}",
            summary="涉嫌违法经营" if index % 2 == 0 else "一般线索",
            agency_id="AG-2" if index % 3 == 0 else "AG-1",
        )
        for index in range(count)
    ]
