"""Tests of the §1.4 rules on inspections of enterprises (涉企行政检查)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import esup_national_rules as pack
import pytest
from esup_national_rules import inspection
from esup_national_rules._personnel_acts import region_covers, region_prefix

from enforcement_supervision._host import make_groups
from enforcement_supervision.rules import Rule, RuleConfigurationError
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
RULES = inspection.RULES
CASE_FILES = sorted(CASES / f"{r.id}.toml" for r in RULES)

CATALOG = {
    # id: (severity, categories, valid_from)
    "INSP-SUBJECT": ("S1", "abuse", dt.date(2025, 1, 3)),
    "INSP-ITEM-PUBLISHED": ("S1", "abuse", dt.date(2025, 1, 3)),
    "INSP-APPROVAL": ("S2", "procedure", dt.date(2025, 4, 18)),
    "INSP-OFFICERS": ("S1", "procedure", dt.date(2021, 7, 15)),
    "INSP-FREQ-CAP": ("S2", "abuse", dt.date(2025, 6, 30)),
    "INSP-REPEAT": ("S2", "abuse", dt.date(2025, 1, 3)),
    "INSP-SCAN": ("S3", "transparency", dt.date(2025, 1, 3)),
    "INSP-REMOTE": ("S2", "abuse", dt.date(2025, 1, 3)),
    "INSP-MERGE": ("S3", "abuse", dt.date(2025, 1, 3)),
}


@pytest.mark.parametrize("case", rule_case_params(CASE_FILES))
def test_case(case: Any) -> None:
    run_rule_case(case, RULES)


def test_every_inspection_rule_has_flagging_and_non_flagging_cases() -> None:
    report = assert_cases_pass(CASE_FILES, RULES)
    assert {c.rule_id for c in report.coverage} == set(CATALOG)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_metadata_follows_the_catalog(rule: Rule) -> None:
    severity, categories, valid_from = CATALOG[rule.id]
    assert rule.severity.value == severity
    assert rule.categories_text() == categories
    assert rule.valid_from == valid_from
    assert rule.problems() == []
    assert all(basis.verification in ("V", "V2", "U") for basis in rule.legal_basis)
    docs = rule.docs
    assert docs.why
    assert docs.example_flags
    assert docs.example_passes
    assert docs.configuration


def test_the_pack_contributes_every_inspection_rule() -> None:
    ids = {r.id for r in pack.RULES}
    assert set(CATALOG) <= ids


# --------------------------------------------------------------------------------------------
# E19


def _inspection(ident: str, day: str, agency: str = "agency-A", **fields: Any) -> Any:
    fields.setdefault("type", "routine")
    return build_record(
        "inspection",
        id=ident,
        agency_id=agency,
        date=day,
        enterprise={"type": "legal_person", "name": "某食品厂", "party_id": "ENT-E"},
        **fields,
    )


def _group(rule: Rule, *records: Any) -> Any:
    (group,) = [g for g in make_groups(rule, records) if g.key == "ENT-E"]
    return group


def test_e19_day_week_and_month() -> None:
    group = _group(
        inspection.inspection_repeat,
        _inspection("I-1", "2025-06-03", "agency-A"),
        _inspection("I-2", "2025-06-05", "agency-B"),
        _inspection("I-3", "2025-06-05", "agency-C"),
        _inspection("I-4", "2025-06-06", "agency-A"),
    )
    findings = assert_flags(inspection.inspection_repeat, group, as_of="2025-06-10", count=3)
    by_key = {f.key: f for f in findings}
    assert set(by_key) == {"day:2025-06-05", "week:2025-W23", "month:2025-06"}
    facts = {key: f.reasons.facts for key, f in by_key.items()}
    assert facts["day:2025-06-05"]["count"] == 2
    assert facts["day:2025-06-05"]["beyond_limit"] == ["I-3"]
    # Per ISO week: warn from the third inspection on.
    assert facts["week:2025-W23"]["count"] == 4
    assert facts["week:2025-W23"]["beyond_limit"] == ["I-3", "I-4"]
    # Per month: warn at the fourth.
    assert facts["month:2025-06"]["beyond_limit"] == ["I-4"]
    assert {f.severity.value for f in findings} == {"S2"}
    assert {f.subject.key for f in findings} == {"enterprise/ENT-E"}
    # Several agencies: the finding goes to the agency of the inspection that went over the
    # limit, and that inspection's day is the date of the facts.
    assert {f.key: f.agency_id for f in findings} == {
        "day:2025-06-05": "agency-C",
        "week:2025-W23": "agency-C",
        "month:2025-06": "agency-A",
    }
    assert by_key["month:2025-06"].fact_date == dt.date(2025, 6, 6)
    # The ISO-week reading is reported in the statement of reasons.
    assert all(f.reasons.readings.get("week") == "iso" for f in findings if f.key.startswith("w"))


def test_e19_annual_cap_third_routine_inspection_flagged() -> None:
    agency = build_record(
        "agency", id="county-health", name="县卫健局", level="county", kind="department",
        sector="health",
    )  # fmt: skip
    members = [
        _inspection("I-1", "2025-03-10", "county-health"),
        _inspection("I-2", "2025-07-15", "county-health"),
        _inspection("I-3", "2025-11-20", "county-health"),
        _inspection(
            "I-4", "2025-12-01", "county-health", type="case_specific", trigger="hotline_12345"
        ),
    ]
    group = _group(inspection.inspection_frequency_cap, *members)
    findings = assert_flags(
        inspection.inspection_frequency_cap,
        group,
        as_of="2025-12-10",
        params={"caps": {"health": {"county": 2}}},
        records=[agency],
        count=1,
        severity="S2",
    )
    assert findings[0].subject.key == "inspection/I-3"
    assert findings[0].agency_id == "county-health"
    assert findings[0].reasons.facts["counted_inspections"] == ["I-1", "I-2", "I-3"]
    # Default: no cap configured, the rule is silent.
    assert_passes(inspection.inspection_frequency_cap, group, as_of="2025-12-10", records=[agency])
    # Following the Q&A summary that counts 个案 too: the 个案 inspection is flagged as well.
    wider = assert_flags(
        inspection.inspection_frequency_cap,
        group,
        as_of="2025-12-10",
        params={
            "caps": {"health": {"county": 2}},
            "counted_types": ["routine", "special", "case_specific"],
        },
        records=[agency],
        count=2,
    )
    assert {f.subject.key for f in wider} == {"inspection/I-3", "inspection/I-4"}


def test_e19_same_inspector_fourth_inspection_blocked() -> None:
    members = [
        _inspection("I-1", "2025-02-10", officer_ids=["X"], result="none"),
        _inspection("I-2", "2025-05-12", officer_ids=["X"], result="none"),
        _inspection("I-3", "2025-08-11", officer_ids=["X"], result="none"),
        _inspection("I-4", "2025-11-10", officer_ids=["X"]),
    ]
    group = _group(inspection.inspection_repeat, *members)
    (finding,) = assert_flags(
        inspection.inspection_repeat, group, as_of="2025-11-11", key="same-inspector:X"
    )
    assert finding.subject.key == "inspection/I-4"
    assert finding.reasons.deadlines[0].due_date == dt.date(2026, 2, 10)


def test_the_rolling_week_reports_a_cluster_once() -> None:
    group = _group(
        inspection.inspection_repeat,
        _inspection("I-1", "2025-06-07", "agency-A"),
        _inspection("I-2", "2025-06-08", "agency-B"),
        _inspection("I-3", "2025-06-09", "agency-C"),
    )
    findings = assert_flags(
        inspection.inspection_repeat, group, as_of="2025-06-20", params={"week": "rolling"}
    )
    assert [f.key for f in findings] == ["week:2025-06-07"]


def test_inspections_without_a_party_id_are_not_grouped() -> None:
    record = build_record(
        "inspection",
        id="I-1",
        date="2025-06-05",
        type="routine",
        enterprise={"type": "legal_person", "name": "某厂"},
    )
    assert make_groups(inspection.inspection_repeat, [record]) == []


# --------------------------------------------------------------------------------------------
# Single-record rules


def test_e20_inspection_officers_and_subject() -> None:
    x = build_record(
        "officer", id="X", name="甲", cert_number="1", cert_status="active",
        cert_valid_from="2020-07-01", cert_valid_to="2025-06-30",
    )  # fmt: skip
    y = build_record(
        "officer", id="Y", name="乙", cert_number="2", cert_status="active",
        cert_valid_from="2022-01-01", cert_valid_to="2027-12-31",
    )  # fmt: skip
    late = _inspection("I-1", "2025-07-02", officer_ids=["X", "Y"])
    keys = {
        f.key
        for f in assert_flags(
            inspection.inspection_officers, late, as_of="2025-07-10", records=[x, y]
        )
    }
    assert keys == {"two-officers", "officer:X"}
    assert_flags(
        inspection.inspection_subject, late, as_of="2025-07-10", records=[x, y], key="officer:X"
    )
    on_time = _inspection("I-1", "2025-06-30", officer_ids=["X", "Y"])
    assert_passes(inspection.inspection_officers, on_time, as_of="2025-07-10", records=[x, y])
    assert_passes(inspection.inspection_subject, on_time, as_of="2025-07-10", records=[x, y])


def test_inspection_subject_depends_on_the_officer_records() -> None:
    record = _inspection("I-1", "2025-07-02", officer_ids=["X"])
    outcome = evaluate(inspection.inspection_subject, record, as_of="2025-07-10")
    assert ("officer", "X") in outcome.dependencies


def test_emergency_approval_rechecked_when_the_period_ends() -> None:
    record = _inspection("I-1", "2025-05-06", emergency=True)
    outcome = evaluate(inspection.inspection_approval, record, as_of="2025-05-06T15:00:00+08:00")
    assert outcome.findings == ()
    assert outcome.recheck_at is not None
    assert outcome.recheck_at.isoformat() == "2025-05-08T00:00:00+08:00"


def test_planned_inspection_rechecked_on_its_day() -> None:
    record = _inspection("I-1", "2025-05-06")
    outcome = evaluate(inspection.inspection_approval, record, as_of="2025-05-01")
    assert outcome.findings == ()
    assert outcome.recheck_at is not None
    assert outcome.recheck_at.isoformat() == "2025-05-06T00:00:00+08:00"


# --------------------------------------------------------------------------------------------
# Configuration and helpers


@pytest.mark.parametrize(
    "value",
    [
        {"health": {"district": 2}},
        {"health": {"county": -1}},
        {"health": 2},
        [1, 2],
    ],
)
def test_bad_caps_are_configuration_errors(value: Any) -> None:
    parameter = inspection.inspection_frequency_cap.parameter("caps")
    with pytest.raises(RuleConfigurationError):
        parameter.with_override(value, rule_id="INSP-FREQ-CAP")


def test_bad_inspection_types_are_configuration_errors() -> None:
    parameter = inspection.inspection_repeat.parameter("counted_types")
    with pytest.raises(RuleConfigurationError):
        parameter.with_override(["routine", "daily"], rule_id="INSP-REPEAT")


@pytest.mark.parametrize(
    ("area", "place", "covered"),
    [
        ("510100", "510104", True),
        ("510100", "510104001", True),
        ("510104", "510104001000", True),
        ("510110", "510111", False),
        ("510100", "510000", False),
        ("51", "510122", True),
        ("510121", "510122", False),
    ],
)
def test_region_covers(area: str, place: str, covered: bool) -> None:
    assert region_covers(area, place) is covered


def test_region_prefix() -> None:
    assert region_prefix("510100") == "5101"
    assert region_prefix("510000") == "51"
    assert region_prefix("510104001000") == "510104001"
