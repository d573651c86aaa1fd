"""Tests of the supervision-mechanism rule pack (docs/catalog/rules.md#supervision-mechanism,
docs/catalog/examples.md#e24)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import esup_supervision_rules as pack
import pytest

from enforcement_supervision._host import PluginStatus, load_plugins, make_groups
from enforcement_supervision.config import Config
from enforcement_supervision.rules import Group, Rule, RuleConfigurationError
from enforcement_supervision.testing import (
    assert_cases_pass,
    assert_flags,
    assert_passes,
    evaluate,
    rule_case_params,
    run_rule_case,
)

CASES = Path(pack.__file__).parent / "cases"
BY_ID: dict[str, Rule] = {rule.id: rule for rule in pack.RULES}

#: The catalog's rows (docs/catalog/rules.md#supervision-mechanism) plus the feedback-answer rule:
# id → (severity, categories).
CATALOG = {
    "SUP-DAILY-CHECK": ("S3", ("supervision-mechanism",)),
    "SUP-CASEFILE-REVIEW": ("S3", ("supervision-mechanism",)),
    "SUP-RECTIFY": ("S2", ("inaction",)),
    "SUP-LIAISON-COUNT": ("S3", ("supervision-mechanism",)),
    "SUP-LIAISON-FEEDBACK": ("S3", ("supervision-mechanism",)),
    "SUP-SUPERVISOR-TERM": ("S3", ("supervision-mechanism",)),
    "SUP-SUPERVISOR-COUNT": ("S4", ("supervision-mechanism",)),
    "SUP-COMPLAINT": ("S2", ("inaction",)),
    "SUP-FEEDBACK-ANSWER": ("S3", ("supervision-mechanism", "inaction")),
}


# --------------------------------------------------------------------------------------------
# Data-driven cases


@pytest.mark.parametrize("case", rule_case_params(CASES))
def test_case(case: Any) -> None:
    run_rule_case(case, pack.RULES)


def test_every_rule_has_flagging_and_non_flagging_cases() -> None:
    report = assert_cases_pass(CASES, pack.RULES)
    assert sorted(c.rule_id for c in report.coverage) == sorted(CATALOG)
    assert all(c.flag_cases >= 1 and c.pass_cases >= 1 for c in report.coverage)


# --------------------------------------------------------------------------------------------
# Metadata


def test_ids_severities_and_categories_follow_the_catalog() -> None:
    assert set(BY_ID) == set(CATALOG)
    for rule_id, (severity, categories) in CATALOG.items():
        rule = BY_ID[rule_id]
        assert rule.severity.value == severity, rule_id
        assert tuple(c.value for c in rule.categories) == categories, rule_id
        assert rule.problems() == []


@pytest.mark.parametrize("rule", pack.RULES, ids=lambda r: r.id)
def test_documentation_and_parameters(rule: Rule) -> None:
    docs = rule.docs
    assert docs.what
    assert docs.why
    assert docs.example_flags
    assert docs.example_passes
    assert docs.configuration
    for parameter in rule.parameters:
        assert parameter.doc, f"{rule.id}.{parameter.name} has no doc"
        assert parameter.name in docs.configuration, f"{rule.id}.{parameter.name} undocumented"
    for basis in rule.legal_basis:
        assert basis.verification in ("V", "V2", "U")


def test_seed_numbers_and_unverified_intervals_are_parameters() -> None:
    defaults = {
        ("SUP-LIAISON-COUNT", "min_liaison_points"): 2,
        ("SUP-SUPERVISOR-COUNT", "min_supervisors"): 2,
        ("SUP-LIAISON-FEEDBACK", "feedback_interval_days"): 90,
        ("SUP-SUPERVISOR-TERM", "term_months"): 24,
        ("SUP-SUPERVISOR-COUNT", "term_months"): 24,
        ("SUP-DAILY-CHECK", "daily_check_interval_days"): 31,
        ("SUP-FEEDBACK-ANSWER", "feedback_answer_days"): 30,
        ("SUP-COMPLAINT", "complaint_reply_days"): 30,
    }
    for (rule_id, name), value in defaults.items():
        assert BY_ID[rule_id].parameter(name).default == value
    readings = {(rule.id, p.name) for rule in pack.RULES for p in rule.parameters if p.reading}
    assert ("SUP-COMPLAINT", "complaint_reply_counting") in readings
    assert ("SUP-SUPERVISOR-TERM", "feedback_counts_as_activity") in readings
    assert ("SUP-DAILY-CHECK", "agency_levels") in readings


def test_an_unknown_agency_level_is_a_configuration_error() -> None:
    parameter = BY_ID["SUP-LIAISON-COUNT"].parameter("agency_levels")
    assert parameter.convert(["township", "county"]) == ("township", "county")
    with pytest.raises(RuleConfigurationError, match="agency_levels"):
        parameter.convert(["village"], rule_id="SUP-LIAISON-COUNT")
    with pytest.raises(RuleConfigurationError):
        parameter.convert("township", rule_id="SUP-LIAISON-COUNT")


# --------------------------------------------------------------------------------------------
# E24, written out


@pytest.fixture
def point_group(make_record: Callable[..., Any]) -> Callable[..., Group]:
    rule = pack.liaison_feedback

    def build(*feedback_dates: str) -> Group:
        point = make_record(
            "liaison-point", id="P2", designation_date="2024-03-01", status="active"
        )
        feedback = [
            make_record(
                "feedback",
                id=f"FB-{n}",
                source_kind="liaison_point",
                source_id="P2",
                received_date=day,
            )
            for n, day in enumerate(feedback_dates)
        ]
        (group,) = make_groups(rule, [point, *feedback], anchors=[point])
        return group

    return build


def test_e24_liaison_feedback(point_group: Callable[..., Group]) -> None:
    group = point_group("2025-05-12", "2025-08-10")
    rule = pack.liaison_feedback
    assert_flags(
        rule,
        group,
        as_of="2025-11-20",
        severity="S3",
        key="since-2025-08-10",
        count=1,
        reasons=["2025-11-08", "feedback_interval_days = 90"],
    )
    assert_passes(rule, group, as_of="2025-11-08")
    assert_flags(rule, group, as_of="2025-11-09")


def test_e24_liaison_feedback_recheck_time(point_group: Callable[..., Group]) -> None:
    outcome = evaluate(pack.liaison_feedback, point_group("2025-08-10"), as_of="2025-11-01")
    assert outcome.findings == ()
    assert outcome.recheck_at is not None
    assert outcome.recheck_at.isoformat() == "2025-11-09T00:00:00+08:00"


@pytest.fixture
def supervisor_group(make_record: Callable[..., Any]) -> Callable[..., Group]:
    rule = pack.supervisor_term

    def build(activity: str, **fields: Any) -> Group:
        supervisor = make_record(
            "social-supervisor",
            id="T",
            name="赵某某",
            phone="13800000000",
            id_number="990101199001010011",
            appointed_date="2023-05-15",
            term_months=24,
            status="active",
            activities=[{"date": activity, "kind": "meeting"}],
            **fields,
        )
        (group,) = make_groups(rule, [supervisor], anchors=[supervisor])
        return group

    return build


def test_e24_supervisor_term(supervisor_group: Callable[..., Group]) -> None:
    rule = pack.supervisor_term
    findings = assert_flags(
        rule,
        supervisor_group("2025-05-16"),
        as_of="2025-06-01",
        severity="S3",
        key="after-term",
        reasons=["2025-05-15", "24 个月", "24 months"],
    )
    assert findings[0].subject.key == "social-supervisor/T"
    assert_passes(rule, supervisor_group("2025-05-15"), as_of="2025-06-01")


def test_e24_liaison_count(make_record: Callable[..., Any]) -> None:
    rule = pack.liaison_count
    township = make_record("agency", id="agency-township", level="township")
    criteria = [
        {"criterion": name, "met": True} for name in ("rule_of_law", "lawful_operation", "honesty")
    ]
    points = [
        make_record(
            "liaison-point",
            id="P1",
            status="active",
            designation_date="2024-03-01",
            criteria=criteria,
        ),
        make_record("liaison-point", id="P2", status="withdrawn", designation_date="2024-03-01"),
    ]
    (group,) = make_groups(rule, points, anchors=[township])
    findings = assert_flags(
        rule, group, as_of="2025-11-20", severity="S3", key="count", count=1, reasons=["P1"]
    )
    assert findings[0].agency_id == "agency-township"
    assert findings[0].subject.key == "agency/agency-township"
    assert_passes(rule, group, as_of="2025-11-20", params={"min_liaison_points": 1})


# --------------------------------------------------------------------------------------------
# Time through the context: recheck times


def test_rectification_is_rechecked_the_day_after_the_deadline(
    make_record: Callable[..., Any],
) -> None:
    check = make_record(
        "supervision-check",
        id="SC-9",
        date="2025-09-01",
        opinions=[
            {
                "number": "青监意〔2025〕3号",
                "issued_date": "2025-09-01",
                "addressee_agency_id": "agency-county-market",
                "rectification_deadline": "2025-10-31",
            }
        ],
    )
    outcome = evaluate(pack.rectify, check, as_of="2025-10-15")
    assert outcome.findings == ()
    assert outcome.recheck_at is not None
    assert outcome.recheck_at.isoformat() == "2025-11-01T00:00:00+08:00"
    (finding,) = assert_flags(pack.rectify, check, as_of="2025-11-01", severity="S2")
    assert finding.agency_id == "agency-county-market"
    assert finding.due is not None
    assert finding.due.isoformat() == "2025-10-31"


def test_a_count_is_rechecked_when_a_term_ends(make_record: Callable[..., Any]) -> None:
    rule = pack.supervisor_count
    township = make_record("agency", id="agency-township", level="township")
    supervisors = [
        make_record("social-supervisor", id="S1", appointed_date="2023-03-01", status="active"),
        make_record("social-supervisor", id="S2", appointed_date="2024-06-01", status="active"),
    ]
    (group,) = make_groups(rule, supervisors, anchors=[township])
    outcome = evaluate(rule, group, as_of="2025-01-10")
    assert outcome.findings == ()
    assert outcome.recheck_at is not None
    assert outcome.recheck_at.isoformat() == "2025-03-02T00:00:00+08:00"


# --------------------------------------------------------------------------------------------
# The law in force: the regulation joins the basis from 2026-02-01


def test_the_regulation_is_cited_only_for_breaches_from_2026_02_01(
    make_record: Callable[..., Any],
) -> None:
    rule = pack.complaint_reply
    before = make_record("complaint", id="C-1", received_date="2025-10-09")
    after = make_record("complaint", id="C-2", received_date="2026-01-20")
    (old,) = assert_flags(rule, before, as_of="2026-03-01")
    (new,) = assert_flags(rule, after, as_of="2026-03-01")
    assert "行政执法监督条例" not in {a.instrument for a in old.reasons.articles}
    assert "行政执法监督条例" in {a.instrument for a in new.reasons.articles}


# --------------------------------------------------------------------------------------------
# Pseudonymised reporters: no names, phones or ID numbers in findings


def test_no_personal_data_in_findings(
    make_record: Callable[..., Any], supervisor_group: Callable[..., Group]
) -> None:
    complaint = make_record(
        "complaint",
        id="C-7",
        received_date="2025-10-09",
        complainant_name="钱某某",
        complainant_phone="13900000000",
    )
    feedback = make_record(
        "feedback",
        id="FB-3",
        source_kind="social_supervisor",
        source_id="T",
        received_date="2025-09-01",
    )
    findings = [
        *assert_flags(pack.complaint_reply, complaint, as_of="2025-12-01"),
        *assert_flags(pack.feedback_answer, feedback, as_of="2025-12-01"),
        *assert_flags(
            pack.supervisor_term,
            supervisor_group(
                "2025-05-16",
                disqualifications=[{"kind": "dishonest_debtor", "date": "2025-03-01"}],
            ),
            as_of="2025-06-01",
            count=2,
        ),
    ]
    text = json.dumps([f.to_dict() for f in findings], ensure_ascii=False)
    for secret in ("钱某某", "13900000000", "赵某某", "13800000000", "990101199001010011"):
        assert secret not in text
    assert "C-7" in text
    assert "FB-3" in text


# --------------------------------------------------------------------------------------------
# The installed plugin


def test_the_installed_plugin_is_found_and_configurable() -> None:
    config = Config(data={"rules": {"SUP-LIAISON-FEEDBACK": {"feedback_interval_days": 60}}})
    manager = load_plugins(config)
    info = manager.plugin("supervision")
    assert info.status is PluginStatus.LOADED
    assert info.distribution == "esup-supervision-rules"
    assert set(info.rule_ids) == set(CATALOG)
    assert manager.rule("SUP-RECTIFY").plugin == "supervision"
    settings = manager.rule_settings()["SUP-LIAISON-FEEDBACK"]
    assert settings.parameters["feedback_interval_days"].default == 60
    assert ("supervision", CASES) in manager.case_directories()
    assert pack.ESUP_HOOK_API == 1
