"""Tests of the example local rule pack, written the way a plugin author would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import esup_example_local_rules as pack
import pytest

from enforcement_supervision._host import PluginStatus, load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.rules import Context, Rule
from enforcement_supervision.testing import (
    assert_cases_pass,
    assert_flags,
    assert_passes,
    rule_case_params,
    run_rule_case,
)

CASES = Path(pack.__file__).parent / "cases"
RULE = pack.liaison_quarterly


@pytest.mark.parametrize("case", rule_case_params(CASES))
def test_case(case: Any) -> None:
    run_rule_case(case, pack.RULES)


def test_every_rule_has_flagging_and_non_flagging_cases() -> None:
    report = assert_cases_pass(CASES, pack.RULES)
    assert [c.rule_id for c in report.coverage] == ["LOCAL-LIAISON-QUARTERLY"]


@pytest.fixture
def point_group(make_record: Callable[..., Any]) -> Callable[..., Any]:
    from enforcement_supervision._host import make_groups

    def build(*feedback_dates: str, status: str = "active") -> Any:
        point = make_record(
            "liaison-point", id="LP-1", designation_date="2024-11-20", status=status
        )
        feedback = [
            make_record(
                "feedback",
                id=f"FB-{n}",
                source_kind="liaison_point",
                source_id="LP-1",
                received_date=day,
            )
            for n, day in enumerate(feedback_dates)
        ]
        (group,) = make_groups(RULE, [point, *feedback], anchors=[point])
        return group

    return build


def test_each_missed_quarter_is_its_own_finding(point_group: Callable[..., Any]) -> None:
    findings = assert_flags(
        RULE,
        point_group("2025-02-10"),
        as_of="2025-10-08",
        count=2,
        severity="S3",
        reasons=["2025Q2", "2025Q3", "2025-09-30"],
    )
    assert [f.key for f in findings] == ["2025Q2", "2025Q3"]
    assert {f.subject.key for f in findings} == {"liaison-point/LP-1"}
    assert {f.agency_id for f in findings} == {"agency-township"}


def test_recheck_at_the_end_of_the_current_quarter(point_group: Callable[..., Any]) -> None:
    from enforcement_supervision.testing import evaluate

    outcome = evaluate(RULE, point_group("2025-02-10", "2025-05-06"), as_of="2025-07-10")
    assert outcome.findings == ()
    assert outcome.recheck_at is not None
    assert outcome.recheck_at.isoformat() == "2025-10-01T00:00:00+08:00"


@pytest.mark.esup_as_of("2025-07-10")
def test_in_a_frozen_context(
    point_group: Callable[..., Any], make_context: Callable[..., Context]
) -> None:
    group = point_group("2025-02-10", "2025-05-06")
    assert_passes(RULE, group, make_context(RULE, group))
    strict = make_context(RULE, group, params={"feedback_per_quarter": 2})
    assert_flags(RULE, group, strict, key="2025Q1", reasons=["feedback_per_quarter"])


def test_a_withdrawn_point_is_not_checked(point_group: Callable[..., Any]) -> None:
    assert_passes(RULE, point_group(status="withdrawn"), as_of="2026-01-05")


def test_the_installed_plugin_is_found_and_configurable() -> None:
    manager = load_plugins(Config(data={"rules": {RULE.id: {"feedback_per_quarter": 3}}}))
    info = manager.plugin("example-local-rules")
    assert info.status is PluginStatus.LOADED
    assert info.distribution == "esup-example-local-rules"
    rule: Rule = manager.rule(RULE.id)
    assert rule.plugin == "example-local-rules"
    settings = manager.rule_settings()[RULE.id]
    assert settings.parameters["feedback_per_quarter"].default == 3
    assert ("example-local-rules", CASES) in manager.case_directories()
