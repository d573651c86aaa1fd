"""Tests of the §1.6 rules on enforcement personnel (人员)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import esup_national_rules as pack
import pytest
from esup_national_rules import personnel

from enforcement_supervision._host import make_groups
from enforcement_supervision.rules import Rule
from enforcement_supervision.testing import (
    assert_cases_pass,
    assert_flags,
    assert_passes,
    build_record,
    evaluate,
    rule_case_params,
    run_rule_case,
)

CASES = Path(pack.__file__).parent / "cases"
RULES = personnel.RULES
CASE_FILES = sorted(CASES / f"{r.id}.toml" for r in RULES)

CATALOG = {
    "PERS-CERT-EXPIRING": ("S4", "personnel"),
    "PERS-TRAINING-60H": ("S3", "personnel"),
    "PERS-SCOPE": ("S2", "personnel, abuse"),
    "PERS-AUX-ALONE": ("S1", "personnel, abuse"),
    "PERS-REVIEWER-RATIO": ("S4", "personnel"),
}


@pytest.mark.parametrize("case", rule_case_params(CASE_FILES))
def test_case(case: Any) -> None:
    run_rule_case(case, RULES)


def test_every_personnel_rule_has_flagging_and_non_flagging_cases() -> None:
    report = assert_cases_pass(CASE_FILES, RULES)
    assert {c.rule_id for c in report.coverage} == set(CATALOG)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_metadata_follows_the_catalog(rule: Rule) -> None:
    severity, categories = CATALOG[rule.id]
    assert rule.severity.value == severity
    assert rule.categories_text() == categories
    assert rule.problems() == []
    docs = rule.docs
    assert docs.why
    assert docs.example_flags
    assert docs.example_passes
    assert docs.configuration


# --------------------------------------------------------------------------------------------
# E20


def test_e20_officer_y_with_56_training_hours() -> None:
    officer_y = build_record(
        "officer",
        id="Y",
        name="乙",
        cert_status="active",
        cert_valid_to="2027-12-31",
        training=[{"year": 2025, "hours": 56}],
    )
    (finding,) = assert_flags(
        personnel.training_hours,
        officer_y,
        as_of="2026-01-05",
        severity="S3",
        key="training:2025",
        reasons=["min_training_hours"],
    )
    assert finding.reasons.parameters["min_training_hours"] == "60"
    assert finding.reasons.facts["hours"] == "56"
    # During 2025 the year is not over: checked again on 2026-01-01.
    outcome = evaluate(personnel.training_hours, officer_y, as_of="2025-11-01")
    assert outcome.findings == ()
    assert outcome.recheck_at is not None
    assert outcome.recheck_at.isoformat() == "2026-01-01T00:00:00+08:00"


def test_years_before_the_plan_are_not_checked() -> None:
    officer = build_record("officer", id="Y", name="乙", training=[{"year": 2022, "hours": 10}])
    assert_passes(personnel.training_hours, officer, as_of="2026-01-05")


# --------------------------------------------------------------------------------------------
# Certificates


def test_certificate_warning_window_is_a_recheck_time() -> None:
    officer = build_record(
        "officer", id="X", name="甲", cert_number="1", cert_status="active",
        cert_valid_to="2025-06-30",
    )  # fmt: skip
    outcome = evaluate(personnel.certificate_expiring, officer, as_of="2025-04-01")
    assert outcome.findings == ()
    assert outcome.recheck_at is not None
    assert outcome.recheck_at.isoformat() == "2025-05-31T00:00:00+08:00"
    (warning,) = assert_flags(personnel.certificate_expiring, officer, as_of="2025-05-31")
    (expired,) = assert_flags(personnel.certificate_expiring, officer, as_of="2025-07-01")
    # Same problem, same finding: the fingerprint does not change when the wording does.
    assert warning.fingerprint == expired.fingerprint
    assert warning.due == dt.date(2025, 6, 30)
    assert "expires" in warning.message_en
    assert "expired" in expired.message_en


def test_each_missed_annual_review_is_its_own_finding() -> None:
    officer = build_record(
        "officer", id="X", name="甲", cert_number="1", cert_status="active",
        cert_valid_from="2022-03-01", cert_valid_to="2030-12-31",
    )  # fmt: skip
    findings = assert_flags(
        personnel.certificate_expiring,
        officer,
        as_of="2025-04-01",
        count=2,
        params={"annual_review_required": True},
    )
    assert [f.key for f in findings] == ["annual-review:2023", "annual-review:2024"]
    # National law sets no annual review: off unless a province's profile turns it on.
    assert_passes(personnel.certificate_expiring, officer, as_of="2025-04-01")


# --------------------------------------------------------------------------------------------
# Acts


def test_scope_checked_for_each_officer_of_a_coercive_measure() -> None:
    officers = [
        build_record("officer", id="A", name="甲", cert_scope=["urban_management"]),
        build_record("officer", id="B", name="乙", cert_scope=["market_order"]),
    ]
    measure = build_record(
        "coercive-measure",
        id="C-1",
        kind="seizure",
        start_date="2025-05-06",
        matter_domain="urban_management",
        on_site={"officer_ids": ["A", "B"]},
    )
    (finding,) = assert_flags(
        personnel.certificate_scope, measure, as_of="2025-05-10", records=officers
    )
    assert finding.key == "on-site:B:scope"


def test_auxiliary_alone_in_an_execution_session() -> None:
    aux = build_record("officer", id="AUX", name="协管员", is_auxiliary=True)
    measure = build_record(
        "coercive-measure",
        id="C-1",
        kind="forced_demolition",
        start_date="2025-09-04",
        executions=[{"start_datetime": "2025-09-04T09:00:00+08:00", "officer_ids": ["AUX"]}],
    )
    (finding,) = assert_flags(
        personnel.auxiliary_alone, measure, as_of="2025-09-10", records=[aux], severity="S1"
    )
    assert finding.key == "execution@2025-09-04T09:00+08:00"


# --------------------------------------------------------------------------------------------
# Reviewer ratio: the 5% boundary


def _agency_group(officers: int, reviewers: int) -> Any:
    agency = build_record(
        "agency", id="agency-township", name="某镇", level="township", kind="government"
    )
    records = [
        build_record("officer", id=f"O-{n:02d}", name=f"人员{n}", is_legal_reviewer=n < reviewers)
        for n in range(officers)
    ]
    (group,) = make_groups(personnel.reviewer_ratio, records, anchors=[agency])
    return group


def test_one_reviewer_among_twenty_officers_is_five_percent() -> None:
    assert_passes(personnel.reviewer_ratio, _agency_group(20, 1))


def test_one_reviewer_among_twenty_one_officers_is_below_five_percent() -> None:
    (finding,) = assert_flags(personnel.reviewer_ratio, _agency_group(21, 1), severity="S4")
    assert finding.subject.key == "agency/agency-township"
    assert finding.agency_id == "agency-township"
    assert finding.reasons.facts["share"] == "0.0476"
