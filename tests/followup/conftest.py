"""Fixtures of the follow-through tests: real SQLite stores with findings produced by
``run_check`` over small inline rules, and the sample township's supervision records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from enforcement_supervision._host import PluginManager, load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.engine import run_check
from enforcement_supervision.rules import Context, LegalBasis, rule
from enforcement_supervision.store import Store, query_findings
from tests.engine.rules_for_tests import lead, lead_deadline

BASIS = LegalBasis(instrument="测试规定", instrument_en="test provisions", article="2")


@rule(
    id="T-LEAD-SUMMARY",
    title_zh="线索须有摘要（不可豁免）",
    title_en="A lead needs a summary (not waivable)",
    category="procedure",
    severity="S3",
    legal_basis=BASIS,
    applies_to="lead",
    waivable=False,
)
def lead_summary(lead: Any, ctx: Context) -> None:
    """Flags a lead without a summary."""
    if not getattr(lead, "summary", None):
        ctx.finding(
            key="summary",
            message_zh=f"线索 {lead.id} 没有摘要",
            message_en=f"lead {lead.id} has no summary",
        )


def make_manager() -> PluginManager:
    manager = load_plugins(Config(), entry_points=False)
    manager.register_rules(lead_deadline, lead_summary, name="test-rules")
    return manager


@pytest.fixture
def manager() -> PluginManager:
    return make_manager()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


AS_OF = "2025-04-01"


@pytest.fixture
def checked(store: Store, manager: PluginManager) -> Store:
    """Three late leads (T-LEAD-15D findings), one of them (L-03) without a summary (a
    T-LEAD-SUMMARY finding, not waivable): four open findings."""
    store.put_records(
        [lead("L-01", summary="有摘要"), lead("L-02", summary="有摘要"), lead("L-03")]
    )
    run_check(store, as_of=AS_OF, manager=manager)
    return store


def fingerprint_of(store: Store, rule_id: str, record_id: str) -> str:
    for stored in query_findings(store, rules=[rule_id]):
        if stored.finding.subject.record_id == record_id:
            return stored.fingerprint
    raise AssertionError(f"no {rule_id} finding on {record_id}")
