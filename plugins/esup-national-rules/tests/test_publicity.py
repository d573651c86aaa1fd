"""Tests of the §1.5 rules on publicity and records (三项制度与公开)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import esup_national_rules as pack
import pytest
from esup_national_rules import publicity

from enforcement_supervision._host import load_plugins
from enforcement_supervision.config import Config
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
RULES = publicity.RULES
CASE_FILES = sorted(CASES / f"{r.id}.toml" for r in RULES)

CATALOG = {
    "PUB-DECISION": ("S3", "transparency"),
    "PUB-WITHDRAW": ("S3", "transparency"),
    "PUB-PENALTY-SCOPE": ("S3", "transparency"),
    "PUB-EX-ANTE": ("S3", "transparency"),
    "PUB-GOVINFO": ("S3", "transparency"),
    "REC-AV": ("S2", "procedure"),
}


@pytest.mark.parametrize("case", rule_case_params(CASE_FILES))
def test_case(case: Any) -> None:
    run_rule_case(case, RULES)


def test_every_publicity_rule_has_flagging_and_non_flagging_cases() -> None:
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


def _penalty(decided: str, published: str | None = None, **decision: Any) -> Any:
    decision.setdefault("procedure", "ordinary")
    decision.setdefault("penalty_types", ["fine"])
    decision.setdefault("fine_amount", "3000.00")
    return build_record(
        "penalty-case",
        id="P-1",
        decision={"decision_date": decided, **decision},
        publication=None if published is None else {"published_date": published},
    )


def test_publication_deadline_counts_working_days_with_make_up_days() -> None:
    # 2025-09-22 + 7 WD: 09-23..09-26, Sunday 09-28 (make-up), 09-29, 09-30.
    assert_passes(publicity.decision_publication, _penalty("2025-09-22", "2025-09-30"))
    (finding,) = assert_flags(
        publicity.decision_publication,
        _penalty("2025-09-22", "2025-10-09"),
        as_of="2025-10-15",
        reasons=["2025-09-30"],
    )
    assert finding.reasons.deadlines[0].due_date == dt.date(2025, 9, 30)
    cited = [basis.instrument for basis in finding.reasons.articles]
    assert not any("第45号" in text for text in cited)  # the national deadline applied


def test_unpublished_decision_rechecked_when_the_deadline_passes() -> None:
    outcome = evaluate(publicity.decision_publication, _penalty("2025-09-22"), as_of="2025-09-25")
    assert outcome.findings == ()
    assert outcome.recheck_at is not None
    assert outcome.recheck_at.isoformat() == "2025-10-01T00:00:00+08:00"


def _market_case(platform: str | None, published: str = "2025-10-27") -> Any:
    return build_record(
        "penalty-case",
        id="P-1",
        agency_id="mr",
        decision={"decision_date": "2025-09-22", "procedure": "ordinary", "fine_amount": "1.00"},
        publication={"published_date": published, "platform": platform},
    )


_MARKET = build_record(
    "agency", id="mr", name="市场监管局", level="county", kind="department",
    sector="market_regulation",
)  # fmt: skip
_TOWNSHIP = build_record(
    "agency", id="mr", name="某镇人民政府", level="township", kind="government",
    sector="township_comprehensive",
)  # fmt: skip


@pytest.mark.parametrize("agency", [_MARKET, _TOWNSHIP], ids=["market", "township"])
def test_the_credit_systems_20_days_key_on_where_the_decision_was_published(agency: Any) -> None:
    """Issue 13 item 8: 总局令第45号's 20 working days are those of the credit publicity system;
    the agency's sector does not matter, the platform does."""
    rule = publicity.decision_publication
    on_credit = _market_case("国家企业信用信息公示系统", "2025-10-24")
    assert_passes(rule, on_credit, as_of="2025-11-01", records=[agency])
    (late,) = assert_flags(
        rule,
        _market_case("国家企业信用信息公示系统", "2025-10-27"),
        as_of="2025-11-01",
        records=[agency],
        reasons=["2025-10-24", "credit-system"],
        fact_date="2025-10-27",
    )
    assert any("第45号" in basis.instrument for basis in late.reasons.articles)
    assert "企业信用信息公示系统" in late.message_zh
    assert "期限届满日 2025-10-24（当日仍在期限内）" in late.message_zh
    # On a government website the national 7 working days apply, whatever the sector.
    (website,) = assert_flags(
        rule,
        _market_case("某县人民政府网站", "2025-10-09"),
        as_of="2025-11-01",
        records=[agency],
        fact_date="2025-10-09",
    )
    assert website.reasons.deadlines[0].due_date == dt.date(2025, 9, 30)
    assert not any("第45号" in basis.instrument for basis in website.reasons.articles)
    assert website.reasons.facts["deadline_source"] == "national"


def test_an_unpublished_decision_is_judged_by_the_national_deadline() -> None:
    case = build_record(
        "penalty-case",
        id="P-1",
        agency_id="mr",
        decision={"decision_date": "2025-09-22", "procedure": "ordinary", "fine_amount": "1.00"},
    )
    (finding,) = assert_flags(
        publicity.decision_publication,
        case,
        as_of="2025-10-15",
        records=[_MARKET],
        fact_date="2025-10-01",
    )
    assert finding.message_zh == (
        "行政处罚决定作出（2025-09-22）后 7 个工作日内未公开"
        "（期限届满日 2025-09-30（当日仍在期限内）），至今未公开"
    )


def test_summary_decisions_are_out_of_scope_unless_configured_or_of_social_impact() -> None:
    parameter = publicity.decision_publication.parameter("summary_procedure_in_scope")
    assert parameter.reading is True
    assert parameter.default is False
    on_the_spot = _penalty("2025-09-22", procedure="summary", fine_amount="100.00")
    assert_passes(publicity.decision_publication, on_the_spot, as_of="2025-10-15")
    (finding,) = assert_flags(
        publicity.decision_publication,
        on_the_spot,
        as_of="2025-10-15",
        params={"summary_procedure_in_scope": True},
    )
    assert finding.reasons.readings["summary_procedure_in_scope"] is True
    assert any(b.article == "48" for b in finding.reasons.articles)
    # An ordinary decision never reads the choice: the reading is not in its reasons.
    (ordinary,) = assert_flags(
        publicity.decision_publication, _penalty("2025-09-22"), as_of="2025-10-15"
    )
    assert "summary_procedure_in_scope" not in ordinary.reasons.readings
    impact = _penalty("2025-09-22", procedure="summary", social_impact=True)
    assert_flags(publicity.decision_publication, impact, as_of="2025-10-15")


def test_the_credit_system_settings_through_the_configuration_file() -> None:
    data = {"rules": {"PUB-DECISION": {"credit_system_platforms": ["信用中国"]}}}
    settings = load_plugins(Config(data=data)).rule_settings()["PUB-DECISION"]
    assert settings.parameters["credit_system_platforms"].default == ("信用中国",)
    assert settings.sources["credit_system_platforms"] == "config"
    parameter = publicity.decision_publication.parameter("credit_system_deadline")
    assert parameter.reading is True
    assert parameter.default is True


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("publication_wd", {"penalty": 0}),
        ("publication_wd", {"fines": 7}),
        ("credit_system_wd", {"penalty": 0}),
        ("credit_system_platforms", "国家企业信用信息公示系统"),
    ],
)
def test_bad_publication_settings_are_configuration_errors(name: str, value: Any) -> None:
    parameter = publicity.decision_publication.parameter(name)
    with pytest.raises(RuleConfigurationError):
        parameter.with_override(value, rule_id="PUB-DECISION")


def test_provisional_calendar_gives_a_provisional_s3_finding() -> None:
    record = _penalty("2026-12-24", "2027-01-10")
    outcome = evaluate(publicity.decision_publication, record, as_of="2027-01-11")
    assert outcome.findings == ()
    assert [n.kind for n in outcome.notes] == ["calendar-unavailable"]
    (finding,) = assert_flags(
        publicity.decision_publication, record, as_of="2027-01-11", provisional=True
    )
    assert finding.reasons.provisional
    assert finding.severity.value == "S3"


def test_withdrawal_three_working_days_over_the_national_day_holiday() -> None:
    case = build_record(
        "penalty-case",
        id="P-1",
        decision={
            "decision_date": "2025-08-20",
            "procedure": "ordinary",
            "change": {"kind": "revoked", "date": "2025-09-30"},
        },
        publication={"published_date": "2025-09-01"},
    )
    outcome = evaluate(publicity.publication_withdrawal, case, as_of="2025-10-05")
    assert outcome.findings == ()
    assert outcome.recheck_at is not None
    assert outcome.recheck_at.isoformat() == "2025-10-12T00:00:00+08:00"
    (finding,) = assert_flags(publicity.publication_withdrawal, case, as_of="2025-10-12")
    assert finding.reasons.deadlines[0].due_date == dt.date(2025, 10, 11)


def test_govinfo_reply_extension_must_be_notified_before_the_deadline() -> None:
    late_notice = build_record(
        "information-request",
        id="R-1",
        received_date="2025-09-22",
        reply_date="2025-11-20",
        extension={"days": 20, "approved_date": "2025-10-20", "notified_date": "2025-10-27"},
    )
    assert_flags(publicity.government_information, late_notice, as_of="2025-12-01", key="reply")


def test_av_record_keys_are_stable_for_unchanged_data() -> None:
    case = build_record(
        "penalty-case",
        id="P-1",
        acts=[
            {"kind": "evidence_preservation", "date": "2025-05-06", "av_recorded": False},
            {"kind": "evidence_preservation", "date": "2025-05-06", "av_recorded": False},
        ],
    )
    params = {"av_required": ["penalty-case:evidence_preservation"]}
    first = assert_flags(publicity.audio_video_record, case, as_of="2025-05-10", params=params)
    again = assert_flags(publicity.audio_video_record, case, as_of="2025-06-10", params=params)
    assert [f.key for f in first] == [
        "av:evidence_preservation@2025-05-06",
        "av:evidence_preservation@2025-05-06#2",
    ]
    assert [f.fingerprint for f in first] == [f.fingerprint for f in again]


def test_bad_av_list_is_a_configuration_error() -> None:
    parameter = publicity.audio_video_record.parameter("av_required")
    with pytest.raises(RuleConfigurationError):
        parameter.with_override(["seizure"], rule_id="REC-AV")
    with pytest.raises(RuleConfigurationError):
        parameter.with_override(["lead:*"], rule_id="REC-AV")
