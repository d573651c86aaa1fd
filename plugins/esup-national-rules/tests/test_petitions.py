"""Tests of the 信访 rules (esup_national_rules.petitions, docs/catalog/rules.md#petitions).

Written from 信访工作条例 and the official 2025/2026 schedules: E14 of the catalog's worked
examples (docs/catalog/examples.md#e14) as a test of its own, the readings (calendar or working
days, rollover, the S4 advisory), the recheck times and the metadata. The case files
``cases/PET-*.toml`` carry the other boundaries.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from esup_national_rules import petitions

from enforcement_supervision._host import RuleDocs
from enforcement_supervision.rules import Rule, Severity
from enforcement_supervision.statutory_time import SHANGHAI
from enforcement_supervision.testing import (
    assert_cases_pass,
    assert_flags,
    assert_passes,
    build_record,
    evaluate,
    rule_case_params,
    run_rule_case,
)

CASES = Path(petitions.__file__).parent / "cases"
CASE_FILES = [CASES / f"{rule.id}.toml" for rule in petitions.RULES]
RULES: dict[str, Rule] = {rule.id: rule for rule in petitions.RULES}

NOTICE = RULES["PET-NOTICE-15D"]
HANDLE = RULES["PET-HANDLE-60D"]
ROUTE = RULES["PET-ROUTE-15D"]
OBJECTION = RULES["PET-OBJECTION-5WD"]
REVIEW = RULES["PET-REVIEW-30D"]
RECHECK = RULES["PET-RECHECK-30D"]


def petition(**fields: Any) -> Any:
    data: dict[str, Any] = {
        "id": "XF-E14",
        "agency_id": "AG-QHZ",
        "received_date": "2025-01-20",
        "channel": "direct",
    }
    data.update(fields)
    return build_record("petition", data)


@pytest.mark.parametrize("case", rule_case_params(CASE_FILES))
def test_case(case: Any) -> None:
    run_rule_case(case, petitions.RULES)


def test_every_rule_has_flagging_and_non_flagging_cases() -> None:
    report = assert_cases_pass(CASE_FILES, petitions.RULES)
    assert {c.rule_id for c in report.coverage} == set(RULES)
    assert all(c.flag_cases >= 1 and c.pass_cases >= 1 for c in report.coverage)


# --------------------------------------------------------------------------------------------
# Catalog metadata

CATALOG = {
    "PET-ROUTE-15D": ("S2", "inaction", {"22"}),
    "PET-NOTICE-15D": ("S2", "inaction", {"23"}),
    "PET-OBJECTION-5WD": ("S3", "procedure", {"23"}),
    "PET-HANDLE-60D": ("S2", "inaction", {"34"}),
    "PET-REVIEW-30D": ("S2", "inaction", {"35"}),
    "PET-RECHECK-30D": ("S2", "inaction", {"36"}),
}


def test_the_module_has_exactly_the_catalog_rules() -> None:
    assert list(RULES) == list(CATALOG)


@pytest.mark.parametrize("rule_id", list(CATALOG))
def test_metadata_matches_the_catalog(rule_id: str) -> None:
    rule = RULES[rule_id]
    severity, category, articles = CATALOG[rule_id]
    assert rule.severity is Severity(severity)
    assert [c.value for c in rule.categories] == [category]
    assert articles <= {b.article for b in rule.legal_basis}
    assert {b.instrument for b in rule.legal_basis} == {"信访工作条例"}
    assert rule.valid_from == date(2022, 5, 1)
    assert rule.applies_to == ("petition",)
    docs = rule.docs
    assert isinstance(docs, RuleDocs)
    assert all((docs.why, docs.example_flags, docs.example_passes, docs.configuration))


def test_the_catalog_u_items_are_named_readings_with_the_catalog_defaults() -> None:
    for rule_id in CATALOG:
        if rule_id == "PET-OBJECTION-5WD":
            assert RULES[rule_id].parameters == ()  # the 5 working days are statutory
            continue
        rule = RULES[rule_id]
        unit = rule.parameter("petition_period_unit")
        assert (unit.default, unit.reading, unit.choices) == ("CD", True, ("CD", "WD"))
        rollover = rule.parameter("agency_deadline_rollover")
        assert (rollover.default, rollover.reading) == (True, True)
        advisory = rule.parameter("strict_deadline_advisory")
        assert (advisory.default, advisory.reading) == ("note", True)


# --------------------------------------------------------------------------------------------
# E14 (docs/catalog/examples.md#e14)


def test_e14_notice() -> None:
    # 2025-01-20 + 15 = 2025-02-04, the last day of the Spring Festival block → 2025-02-05.
    findings = assert_flags(
        NOTICE,
        petition(notice_date="2025-02-06"),
        as_of="2025-03-01",
        severity="S2",
        key="notice",
        count=1,
        reasons=["2025-02-04", "2025-02-05", "2025-02-06"],
    )
    facts = findings[0].reasons.facts
    assert facts["strict_deadline"] == "2025-02-04"
    assert facts["rolled_deadline"] == "2025-02-05"
    assert facts["deadline"] == "2025-02-05"
    assert facts["received_date"] == "2025-01-20"
    assert facts["notice_date"] == "2025-02-06"
    assert findings[0].reasons.readings == {
        "petition_period_unit": "CD",
        "agency_deadline_rollover": True,
    }
    (deadline,) = findings[0].reasons.deadlines
    assert deadline.due_date == date(2025, 2, 5)
    outcome = evaluate(NOTICE, petition(notice_date="2025-02-05"), as_of="2025-03-01")
    assert outcome.findings == ()
    assert [n.kind for n in outcome.notes] == ["advisory"]
    assert "2025-02-04" in outcome.notes[0].message_zh


def test_e14_handling() -> None:
    accepted = {"notice_date": "2025-02-05", "accepted_date": "2025-02-05"}
    # 2025-02-05 + 60 = 2025-04-06 (Sunday, 清明 block) → 2025-04-07; concluded 04-08.
    findings = assert_flags(
        HANDLE,
        petition(concluded_date="2025-04-08", **accepted),
        as_of="2025-12-31",
        severity="S2",
        key="handle",
        reasons=["2025-04-06", "2025-04-07", "2025-04-08"],
    )
    assert findings[0].reasons.facts["deadline"] == "2025-04-07"
    assert findings[0].reasons.facts["concluded_date"] == "2025-04-08"
    # With an approved extension notified to the petitioner: 2025-02-05 + 90 = 2025-05-06.
    extension = {
        "days": 30,
        "approved_date": "2025-03-28",
        "approved_by_head": True,
        "reason": "需实地勘测",
        "notified_date": "2025-03-31",
    }
    assert_passes(
        HANDLE,
        petition(concluded_date="2025-05-06", extension=extension, **accepted),
        as_of="2025-12-31",
    )
    late = assert_flags(
        HANDLE,
        petition(concluded_date="2025-05-07", extension=extension, **accepted),
        as_of="2025-12-31",
        reasons=["2025-05-06"],
    )
    assert late[0].reasons.facts["extension_days"] == 30


def test_strict_reading_and_working_day_reading() -> None:
    record = petition(notice_date="2025-02-05")
    assert_flags(NOTICE, record, as_of="2025-03-01", params={"agency_deadline_rollover": False})
    # 15 working days from 2025-01-20: 01-21 … 01-24, Sunday 01-26 (make-up), 01-27,
    # [01-28 … 02-04], 02-05 … 02-07, Saturday 02-08 (make-up), 02-10 … 02-14 → 2025-02-14.
    outcome = evaluate(
        NOTICE,
        petition(notice_date="2025-02-14"),
        as_of="2025-03-01",
        params={"petition_period_unit": "WD"},
    )
    assert outcome.findings == ()
    findings = assert_flags(
        NOTICE,
        petition(notice_date="2025-02-17"),
        as_of="2025-03-01",
        params={"petition_period_unit": "WD"},
        reasons=["2025-02-14", "15 个工作日"],
    )
    assert findings[0].reasons.readings["petition_period_unit"] == "WD"


def test_routing_on_a_make_up_saturday_does_not_roll_over() -> None:
    record = petition(received_date="2025-01-24", petition_office=True, routed_date="2025-02-10")
    findings = assert_flags(ROUTE, record, as_of="2025-03-01", reasons=["2025-02-08"])
    facts = findings[0].reasons.facts
    assert facts["strict_deadline"] == facts["deadline"] == "2025-02-08"


def test_an_open_petition_is_checked_again_when_its_deadline_passes() -> None:
    outcome = evaluate(NOTICE, petition(), as_of="2025-02-01")
    assert outcome.findings == ()
    # The strict day 2025-02-04 ends first: from 02-05 the open petition gets the S4 advisory.
    assert outcome.recheck_at == datetime(2025, 2, 5, tzinfo=SHANGHAI)
    outcome = evaluate(NOTICE, petition(), as_of="2025-02-05")
    assert outcome.findings == ()
    (advisory,) = outcome.notes
    assert advisory.kind == "advisory"
    assert "尚未书面告知" in advisory.message_zh
    # The rolled deadline 2025-02-05 passes at 24:00.
    assert outcome.recheck_at == datetime(2025, 2, 6, tzinfo=SHANGHAI)
    (missing,) = assert_flags(NOTICE, petition(), as_of="2025-02-06", key="notice")
    assert missing.fact_date == date(2025, 2, 6)
    outcome = evaluate(
        OBJECTION,
        petition(received_date="2025-09-26", channel="referred", within_powers=False),
        as_of="2025-10-01",
    )
    assert outcome.recheck_at == datetime(2025, 10, 11, tzinfo=SHANGHAI)


def test_review_and_recheck_findings_go_to_the_body_that_owed_the_opinion() -> None:
    record = petition(
        review={
            "request_received_date": "2025-04-03",
            "agency_id": "AG-QL-GOV",
            "opinion_date": "2025-05-07",
        },
        recheck={
            "request_received_date": "2025-07-01",
            "agency_id": "AG-CITY",
            "opinion_date": "2025-08-05",
        },
    )
    (review,) = assert_flags(REVIEW, record, as_of="2025-12-31")
    assert review.agency_id == "AG-QL-GOV"
    (recheck,) = assert_flags(RECHECK, record, as_of="2025-12-31")
    assert recheck.agency_id == "AG-CITY"


def test_petitions_before_the_regulation_are_not_evaluated() -> None:
    outcome = evaluate(NOTICE, petition(received_date="2022-04-29"), as_of="2022-12-31")
    assert outcome.skipped == "not-in-force"
    assert evaluate(NOTICE, petition(received_date="2022-05-01"), as_of="2022-12-31").findings


def test_a_deadline_in_a_year_without_a_schedule_waits_for_the_strict_day() -> None:
    # Accepted 2026-12-04: day 60 is 2027-02-02, in a year with no official schedule. Before
    # the strict day nothing is late, and no note says the rule could not decide.
    record = petition(received_date="2026-12-01", accepted_date="2026-12-04")
    outcome = evaluate(HANDLE, record, as_of="2026-12-31")
    assert outcome.findings == ()
    assert outcome.notes == ()
    assert outcome.complete


def test_petition_duties_belong_to_the_bodies_that_handle_them() -> None:
    assert not any(rule.township_wide for rule in petitions.RULES)
    (finding,) = assert_flags(NOTICE, petition(notice_date="2025-02-06"), as_of="2025-03-01")
    assert (finding.agency_id, finding.fact_date) == ("AG-QHZ", date(2025, 2, 6))


def test_the_unit_of_the_petition_periods_is_one_pack_parameter() -> None:
    from enforcement_supervision._host import load_plugins
    from enforcement_supervision.config import Config

    manager = load_plugins(Config(data={"packs": {"national": {"petition_period_unit": "WD"}}}))
    settings = manager.rule_settings()
    readers = [rule.id for rule in petitions.RULES if rule.parameters]
    assert readers == [r for r in RULES if r != "PET-OBJECTION-5WD"]
    for rule_id in readers:
        parameter = settings[rule_id].parameters["petition_period_unit"]
        assert parameter.shared
        assert parameter.default == "WD"
