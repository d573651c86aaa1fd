"""Rules the engine tests run: small, written with the public rule API like real ones.

They cover the four shapes the engine must handle: a deadline compared with the evaluation
instant (recheck times), a lookup of another record (dependencies), a group anchored on
another record type and a free group.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from enforcement_supervision._host import build_record
from enforcement_supervision.rules import (
    Context,
    Group,
    GroupBy,
    LegalBasis,
    Parameter,
    Rule,
    hookimpl,
    rule,
)

BASIS = LegalBasis(instrument="测试规定", instrument_en="test provisions", article="1")


@rule(
    id="T-LEAD-15D",
    title_zh="线索 15 日内作出立案决定",
    title_en="Filing decision within 15 days of the lead",
    category="inaction",
    severity="S2",
    legal_basis=BASIS,
    applies_to="lead",
    facts_date="received_date",
    parameters=[Parameter(name="days", default=15, unit="days")],
)
def lead_deadline(lead: Any, ctx: Context) -> None:
    """Flags a lead without a filing decision within ``days`` calendar days."""
    deadline = ctx.deadline(
        lead.received_date, ctx.param("days"), "CD", start_label="收到线索", start_label_en="lead"
    )
    if ctx.late(deadline, lead.filing_decision_date, label="立案决定 / filing decision"):
        ctx.finding(
            key="filing",
            message_zh=f"线索 {lead.id} 逾期未作出立案决定",
            message_en=f"lead {lead.id}: no filing decision in time",
            facts={
                "received_date": lead.received_date,
                "filing_decision_date": lead.filing_decision_date,
            },
        )


@rule(
    id="T-LEAD-AGENCY",
    title_zh="线索所属主体须已确认",
    title_en="Lead's agency must be confirmed",
    category="personnel",
    severity="S3",
    legal_basis=BASIS,
    applies_to="lead",
)
def lead_agency(lead: Any, ctx: Context) -> None:
    """Flags a lead whose agency is unknown or not confirmed as an inspecting body."""
    agency = ctx.lookup("agency", lead.agency_id)
    if agency is None or not agency.inspection_subject_confirmed:
        ctx.finding(
            key="agency",
            message_zh=f"线索 {lead.id} 的执法主体未确认",
            message_en=f"lead {lead.id}: agency {lead.agency_id} not confirmed",
            facts={"agency_id": lead.agency_id, "known": agency is not None},
        )


@rule(
    id="T-AGENCY-LEADS",
    title_zh="每个主体至少两条线索",
    title_en="At least two leads per agency",
    category="supervision-mechanism",
    severity="S3",
    legal_basis=BASIS,
    applies_to="lead",
    group_by=GroupBy(key="agency_id", anchor="agency"),
    parameters=[Parameter(name="minimum", default=2)],
)
def agency_leads(group: Group, ctx: Context) -> None:
    """Flags an agency with fewer than ``minimum`` leads."""
    if len(group) < ctx.param("minimum"):
        ctx.finding(
            message_zh=f"主体 {group.key} 线索少于要求",
            message_en=f"agency {group.key}: {len(group)} lead(s)",
            # Member content enters the reasons: a changed member must re-evaluate the group.
            facts={
                "leads": len(group),
                "latest": max((lead.received_date for lead in group), default=None),
            },
        )


@rule(
    id="T-SOURCE-BACKLOG",
    title_zh="同一来源积压线索（超过 30 日）",
    title_en="Backlog of leads from one source",
    category="inaction",
    severity="S4",
    legal_basis=BASIS,
    applies_to="lead",
    group_by=GroupBy(key=lambda lead: lead.source.value, name="lead-source"),
    # Leads of one source belong to several agencies: a finding for the township as a whole.
    township_wide=True,
)
def source_backlog(group: Group, ctx: Context) -> None:
    """Flags a source with two or more leads waiting more than 30 days for a decision."""
    waiting = sorted(
        lead.id
        for lead in group
        if lead.filing_decision_date is None and ctx.ended(lead.received_date + timedelta(days=30))
    )
    if len(waiting) >= 2:
        ctx.finding(
            message_zh=f"来源 {group.key} 有 {len(waiting)} 条线索待决定",
            message_en=f"source {group.key}: {len(waiting)} leads waiting",
            facts={"waiting": waiting},
        )


@rule(
    id="T-BOOM",
    title_zh="会出错的规则",
    title_en="A rule that raises",
    category="procedure",
    severity="S2",
    legal_basis=BASIS,
    applies_to="lead",
)
def boom(lead: Any, ctx: Context) -> None:
    """Raises for leads whose summary says so."""
    if lead.summary == "boom":
        raise RuntimeError("the rule broke on this lead")


@rule(
    id="T-SUMMARY",
    title_zh="线索摘要",
    title_en="Lead summary",
    category="procedure",
    severity="S3",
    legal_basis=BASIS,
    applies_to="lead",
)
def summary_rule(lead: Any, ctx: Context) -> None:
    """Undecided without a summary; flags a summary mentioning 违法."""
    if lead.summary is None:
        ctx.undecided("缺少线索摘要", "the lead has no summary")
    if "违法" in lead.summary:
        ctx.finding(key="summary", message_zh="摘要提及违法", message_en="summary mentions 违法")


#: The rules of the incremental-vs-full property test.
CORE_RULES: tuple[Rule, ...] = (lead_deadline, lead_agency, agency_leads, source_backlog)


class RulesPlugin:
    """A plugin object contributing rules (what an installed plugin module does)."""

    def __init__(self, *rules: Rule) -> None:
        self.rules = rules

    @hookimpl
    def esup_rules(self) -> list[Rule]:
        return list(self.rules)


def lead(record_id: str, **fields: Any) -> Any:
    fields.setdefault("agency_id", "AG-1")
    fields.setdefault("received_date", "2025-03-03")
    return build_record("lead", id=record_id, **fields)


def agency(record_id: str, **fields: Any) -> Any:
    fields.setdefault("level", "township")
    fields.setdefault("kind", "government")
    fields.setdefault("inspection_subject_confirmed", True)
    return build_record("agency", id=record_id, **fields)
