"""Tests of the major-decision, normative-document and contract rules
(esup_national_rules.major_decisions and .normative, docs/catalog/rules.md#major-decisions and
#normative-documents-and-contracts).

Written from 重大行政决策程序暂行条例 (国务院令第713号: Arts. 3, 14–16, 19–30, 32, 33, 42),
优化营商环境条例 Arts. 62–64, 行政处罚法 Art. 16 and 行政许可法 Art. 17, with the official 2025
schedule.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from esup_national_rules import major_decisions, normative

from enforcement_supervision.rules import Rule, RuleConfigurationError, Severity
from enforcement_supervision.testing import (
    assert_cases_pass,
    assert_flags,
    assert_passes,
    build_record,
    evaluate,
    rule_case_params,
    run_rule_case,
)

MODULES = (major_decisions, normative)
ALL_RULES = tuple(rule for module in MODULES for rule in module.RULES)
CASES = Path(normative.__file__).parent / "cases"
CASE_FILES = [CASES / f"{rule.id}.toml" for rule in ALL_RULES]
RULES: dict[str, Rule] = {rule.id: rule for rule in ALL_RULES}


def decision(**fields: Any) -> Any:
    data: dict[str, Any] = {"id": "JC-1", "agency_id": "AG-QHZ", "title": "集镇农贸市场搬迁改造"}
    data.update(fields)
    return build_record("major-decision", data)


def document(**fields: Any) -> Any:
    data: dict[str, Any] = {"id": "GF-1", "agency_id": "AG-QHZ", "title": "集镇经营摊位管理办法"}
    data.update(fields)
    return build_record("normative-document", data)


@pytest.mark.parametrize("case", rule_case_params(CASE_FILES))
def test_case(case: Any) -> None:
    run_rule_case(case, ALL_RULES)


def test_every_rule_has_flagging_and_non_flagging_cases() -> None:
    report = assert_cases_pass(CASE_FILES, ALL_RULES)
    assert {c.rule_id for c in report.coverage} == set(RULES)
    assert all(c.flag_cases >= 1 and c.pass_cases >= 1 for c in report.coverage)


CATALOG = {
    "DEC-CATALOG": ("S3", "transparency", {"3"}),
    "DEC-PUBLIC-30D": ("S2", "procedure", {"14", "15"}),
    "DEC-HEARING-7D": ("S3", "procedure", {"16"}),
    "DEC-EXPERT": ("S2", "procedure", {"19", "20"}),
    "DEC-RISK": ("S2", "procedure", {"22", "23"}),
    "DEC-LEGALITY": ("S1", "procedure", {"25", "26"}),
    "DEC-COLLECTIVE": ("S1", "procedure", {"30"}),
    "DEC-PUBLISH-ARCHIVE": ("S3", "transparency", {"32", "33"}),
    "NORM-NO-PENALTY": ("S1", "abuse", {"16", "17", "64"}),
    "NORM-LEGALITY": ("S1", "procedure", {"63"}),
    "NORM-CONSULT-30D": ("S2", "procedure", {"62"}),
    "NORM-FILING": ("S3", "supervision-mechanism", set()),
    "CONTRACT-REVIEW": ("S3", "procedure", set()),
}


def test_the_modules_have_exactly_the_catalog_rules() -> None:
    assert list(RULES) == list(CATALOG)


@pytest.mark.parametrize("rule_id", list(CATALOG))
def test_metadata_matches_the_catalog(rule_id: str) -> None:
    rule = RULES[rule_id]
    severity, category, articles = CATALOG[rule_id]
    assert rule.severity is Severity(severity)
    assert [c.value for c in rule.categories] == [category]
    assert articles <= {b.article for b in rule.legal_basis}
    if rule_id.startswith("DEC-"):
        # Townships apply the regulation by analogy (Art. 42); in force 2019-09-01.
        assert "42" in {b.article for b in rule.legal_basis}
        assert rule.valid_from == date(2019, 9, 1)
    assert all((rule.docs.why, rule.docs.example_flags, rule.docs.example_passes))
    assert not rule.problems()


def test_the_u_items_are_named_options_with_documented_defaults() -> None:
    meeting = RULES["DEC-COLLECTIVE"].parameter("township_meeting_type")
    assert (meeting.default, meeting.reading) == ("joint", True)
    filing = RULES["NORM-FILING"].parameter("filing_rule")
    assert filing.default == "30 CD+R after publication"
    assert RULES["NORM-LEGALITY"].parameter("min_review_working_days").default == 5
    assert RULES["CONTRACT-REVIEW"].parameter("contract_min_amount").default == 0
    publish = RULES["DEC-PUBLISH-ARCHIVE"]
    assert publish.parameter("publication_within_wd").reading
    assert publish.parameter("archive_within_months").reading


def test_a_filing_rule_that_cannot_be_read_is_a_configuration_error() -> None:
    parameter = RULES["NORM-FILING"].parameter("filing_rule")
    assert parameter.convert("3 wd after ISSUE", rule_id="NORM-FILING") == "3 WD after issue"
    with pytest.raises(RuleConfigurationError, match="filing_rule"):
        parameter.convert("within a month", rule_id="NORM-FILING")


def test_legality_review_across_the_national_day_block_counts_working_days() -> None:
    record = decision(
        legality_review={
            "submitted_date": "2025-09-29",
            "completed_date": "2025-10-10",
            "result": "lawful",
        },
        discussion={"date": "2025-10-17", "meeting_type": "joint"},
        decision_date="2025-10-17",
    )
    findings = assert_flags(RULES["DEC-LEGALITY"], record, as_of="2025-12-31", key="short", count=1)
    facts = findings[0].reasons.facts
    assert (facts["working_days"], facts["calendar_days"], facts["minimum"]) == (3, 11, 7)
    assert findings[0].reasons.parameters == {"min_review_working_days": 7}


def test_collective_discussion_reading_is_reported() -> None:
    record = decision(
        discussion={"date": "2025-10-17", "meeting_type": "head_office"},
        decision_date="2025-10-17",
    )
    findings = assert_flags(RULES["DEC-COLLECTIVE"], record, as_of="2025-12-31", key="meeting")
    assert findings[0].reasons.readings == {"township_meeting_type": "joint"}
    assert "党政联席会议" in findings[0].message_zh


def test_publication_and_archiving_are_rechecked_when_their_deadlines_pass() -> None:
    record = decision(decision_date="2025-03-03", published_date="2025-03-06")
    outcome = evaluate(RULES["DEC-PUBLISH-ARCHIVE"], record, as_of="2025-04-01")
    assert outcome.findings == ()
    assert outcome.recheck_at is not None
    assert outcome.recheck_at.date() == date(2025, 9, 4)  # six months end 2025-09-03


def test_filing_late_across_the_national_day_block() -> None:
    record = document(
        issued_date="2025-09-04", published_date="2025-09-08", filed_date="2025-10-10"
    )
    findings = assert_flags(
        RULES["NORM-FILING"], record, as_of="2025-12-31", reasons=["2025-10-09"]
    )
    assert findings[0].reasons.parameters == {"filing_rule": "30 CD+R after publication"}
    on_rolled_day = document(
        issued_date="2025-09-04", published_date="2025-09-08", filed_date="2025-10-09"
    )
    assert_passes(RULES["NORM-FILING"], on_rolled_day, as_of="2025-12-31")
    # A local rule without rollover: the 30th day 2025-10-08 itself is the deadline.
    assert_flags(
        RULES["NORM-FILING"],
        on_rolled_day,
        as_of="2025-12-31",
        params={"filing_rule": "30 CD after publication"},
        reasons=["2025-10-08"],
    )


def test_no_penalty_cites_the_law_in_force_on_the_day_of_issue() -> None:
    new = assert_flags(
        RULES["NORM-NO-PENALTY"],
        document(creates_penalty=True, issued_date="2025-06-09"),
        as_of="2025-12-31",
    )
    assert [(b.instrument, b.article) for b in new[0].reasons.articles] == [("行政处罚法", "16")]
    old = assert_flags(
        RULES["NORM-NO-PENALTY"],
        document(creates_penalty=True, issued_date="2019-06-01"),
        as_of="2019-12-31",
    )
    assert [(b.instrument, b.article) for b in old[0].reasons.articles] == [
        ("行政处罚法（1996年公布，2009年、2017年修正）", "14")
    ]


def test_the_township_governments_own_acts_are_township_wide() -> None:
    # Major decisions (令第713号 Art. 42) and normative documents are acts of the township
    # government; a contract belongs to the body that signed it. Findings still name the
    # body the record gives.
    wide = {rule_id for rule_id, rule in RULES.items() if rule.township_wide}
    assert wide == set(RULES) - {"CONTRACT-REVIEW"}
    record = decision(decision_date="2025-10-17")
    (finding,) = assert_flags(RULES["DEC-COLLECTIVE"], record, as_of="2025-12-31")
    assert finding.agency_id == record.agency_id


def test_an_interested_expert_is_not_named_in_the_finding() -> None:
    review = {
        "date": "2025-09-19",
        "experts": [
            {"name": "周某", "direct_interest": False},
            {"name": "王某", "direct_interest": True},
        ],
    }
    (finding,) = assert_flags(
        RULES["DEC-EXPERT"], decision(expert_review=review), as_of="2025-12-31", key="interest"
    )
    for text in (finding.message_zh, finding.message_en, str(finding.reasons.to_dict())):
        assert "王某" not in text
        assert "周某" not in text


def test_every_unverified_option_has_its_entry_on_the_interpretations_page() -> None:
    page = Path(__file__).resolve().parents[3] / "docs" / "catalog" / "interpretations.md"
    anchors = set(re.findall(r"^\(([a-z0-9-]+)\)=$", page.read_text(encoding="utf-8"), re.M))
    options = {
        ("NORM-LEGALITY", "min_review_working_days"),
        ("NORM-FILING", "filing_rule"),
        ("CONTRACT-REVIEW", "contract_min_amount"),
        ("DEC-COLLECTIVE", "township_meeting_type"),
        ("DEC-HEARING-7D", "hearing_notice_counting"),
        ("DEC-PUBLISH-ARCHIVE", "publication_within_wd"),
        ("DEC-PUBLISH-ARCHIVE", "archive_within_months"),
    }
    for rule_id, name in options:
        RULES[rule_id].parameter(name)  # declared
        assert name.replace("_", "-") in anchors, name
