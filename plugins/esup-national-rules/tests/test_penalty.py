"""Tests of the 行政处罚 rules, part A (esup_national_rules.penalty).

The data-driven cases in ``cases/<RULE-ID>.toml`` carry most of the examples
(docs/catalog/examples.md#e1, #e2, #e5, #e6, #e20, #e21 and the boundaries); the tests below
add what a case file cannot express: the exact statement of reasons of the issue's done-when,
recheck times, the kinds of notes, the catalog metadata and the dated parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from esup_national_rules import penalty
from esup_national_rules._officers import officer_valid

from enforcement_supervision.rules import Category, Rule, Severity
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

CASES = Path(penalty.__file__).parent / "cases"
#: Only this module's case files: the folder is shared with the other rule modules.
CASE_FILES = [CASES / f"{rule.id}.toml" for rule in penalty.RULES]
RULES: dict[str, Rule] = {rule.id: rule for rule in penalty.RULES}

DECISION_90D = RULES["PEN-DECISION-90D"]
SUMMARY_LIMIT = RULES["PEN-SUMMARY-LIMIT"]


# --------------------------------------------------------------------------------------------
# Data-driven cases


@pytest.mark.parametrize("case", rule_case_params(CASE_FILES))
def test_case(case: Any) -> None:
    run_rule_case(case, penalty.RULES)


#: The S4 advisory between the strict and the rolled deadline as a finding, not a note.
ADVISORY_FINDING = {"strict_deadline_advisory": "finding"}


def test_every_rule_has_a_case_file_with_flagging_and_non_flagging_cases() -> None:
    assert all(path.is_file() for path in CASE_FILES)
    report = assert_cases_pass(CASE_FILES, penalty.RULES)
    assert {c.rule_id for c in report.coverage} == set(RULES)
    assert all(c.flag_cases >= 1 and c.pass_cases >= 1 for c in report.coverage)


# --------------------------------------------------------------------------------------------
# Catalog metadata (docs/catalog/rules.md)

CATALOG: dict[str, tuple[str, set[str], set[str]]] = {
    # id: (severity, categories, articles of the 2021 law cited)
    "PEN-OFFICERS-2": ("S1", {"procedure"}, {"42"}),
    "PEN-CERT-VALID": ("S1", {"personnel", "abuse"}, {"42", "76", "55"}),
    "PEN-RECUSAL": ("S2", {"procedure"}, {"43"}),
    "PEN-NOTICE": ("S1", {"procedure"}, {"44", "45", "62"}),
    "PEN-HEARING-RIGHT": ("S1", {"procedure"}, {"63"}),
    "PEN-HEARING-WINDOW": ("S2", {"procedure"}, {"64", "85"}),
    "PEN-HEARING-HELD": ("S1", {"procedure"}, {"64", "65"}),
    "PEN-LEGAL-REVIEW": ("S1", {"procedure"}, {"58"}),
    "PEN-REVIEWER-LQ": ("S2", {"personnel"}, {"58"}),
    "PEN-COLLECTIVE": ("S1", {"procedure"}, {"57"}),
    "PEN-DECISION-90D": ("S2", {"inaction"}, {"60"}),
    "PEN-DELIVERY-7WD": ("S2", {"procedure"}, {"61"}),
    "PEN-SUMMARY-LIMIT": ("S1", {"abuse", "procedure"}, {"51"}),
    "PEN-SUMMARY-FORM": ("S3", {"procedure"}, {"52"}),
    "PEN-ONSPOT-CASH": ("S1", {"abuse"}, {"67", "68", "69", "70"}),
    "PEN-CASH-HANDOVER": ("S2", {"procedure"}, {"71"}),
}


def test_the_module_holds_exactly_its_catalog_rules() -> None:
    assert set(RULES) == set(CATALOG)
    assert len(penalty.RULES) == len(CATALOG)


@pytest.mark.parametrize("rule_id", sorted(CATALOG))
def test_metadata_follows_the_catalog(rule_id: str) -> None:
    rule = RULES[rule_id]
    severity, categories, articles = CATALOG[rule_id]
    assert rule.severity is Severity(severity)
    assert {c.value for c in rule.categories} == categories
    assert all(isinstance(c, Category) for c in rule.categories)
    cited = {b.article for b in rule.legal_basis if b.instrument == "行政处罚法"}
    assert articles <= cited
    assert all(b.verification in ("V", "V2", "U") for b in rule.legal_basis)
    assert rule.applies_to == ("penalty-case",)
    assert rule.facts_date is not None
    expected_from = date(1996, 10, 1) if rule_id == "PEN-SUMMARY-LIMIT" else date(2021, 7, 15)
    assert rule.valid_from == expected_from


@pytest.mark.parametrize("rule_id", sorted(CATALOG))
def test_docs_follow_the_ruff_layout(rule_id: str) -> None:
    docs = RULES[rule_id].docs
    for part in (docs.what, docs.why, docs.example_flags, docs.example_passes):
        assert part.strip(), f"{rule_id}: a docs section is empty"
    assert docs.configuration.strip()
    assert "2021-07-15" in docs.why or rule_id == "PEN-SUMMARY-LIMIT"


@pytest.mark.parametrize("rule_id", sorted(CATALOG))
def test_every_parameter_is_documented(rule_id: str) -> None:
    for parameter in RULES[rule_id].parameters:
        assert parameter.doc.strip(), f"{rule_id}.{parameter.name} has no doc"
        assert parameter.name in RULES[rule_id].docs.configuration


def test_interpretation_choices_are_readings() -> None:
    readings = {(rule.id, p.name) for rule in penalty.RULES for p in rule.parameters if p.reading}
    assert readings == {
        ("PEN-DECISION-90D", "agency_deadline_rollover"),
        ("PEN-DECISION-90D", "excluded_periods_need_written_notice"),
        ("PEN-DECISION-90D", "strict_deadline_advisory"),
        ("PEN-HEARING-HELD", "hearing_notice_counting"),
        ("PEN-NOTICE", "summary_notice_record_required"),
        ("PEN-NOTICE", "same_day_notice"),
    }
    assert DECISION_90D.parameter("agency_deadline_rollover").default is True
    assert DECISION_90D.parameter("strict_deadline_advisory").default == "note"


def test_hearing_thresholds_are_declared_alike_by_the_three_hearing_rules() -> None:
    names = [
        "hearing_fine_threshold_person",
        "hearing_fine_threshold_org",
        "hearing_confiscation_threshold_person",
        "hearing_confiscation_threshold_org",
        "other_heavy_penalty_types",
    ]
    defaults = {
        rule_id: [RULES[rule_id].parameter(name).default for name in names]
        for rule_id in ("PEN-HEARING-RIGHT", "PEN-HEARING-WINDOW", "PEN-NOTICE")
    }
    assert len({repr(value) for value in defaults.values()}) == 1
    assert defaults["PEN-HEARING-RIGHT"][:2] == [Decimal("5000"), Decimal("100000")]


def test_a_penalty_type_that_does_not_exist_is_a_configuration_error() -> None:
    from enforcement_supervision.rules import RuleConfigurationError

    parameter = RULES["PEN-HEARING-RIGHT"].parameter("other_heavy_penalty_types")
    assert parameter.convert(["closure"]) == ("closure",)
    with pytest.raises(RuleConfigurationError):
        parameter.convert(["fine_and_more"])


def test_the_installed_plugin_contributes_the_rules() -> None:
    from enforcement_supervision._host import load_plugins
    from enforcement_supervision.config import Config

    config = Config(data={"rules": {"PEN-HEARING-RIGHT": {"hearing_fine_threshold_person": 3000}}})
    manager = load_plugins(config)
    for rule_id in CATALOG:
        assert manager.rule(rule_id).plugin == "national"
    settings = manager.rule_settings()["PEN-HEARING-RIGHT"]
    assert settings.parameters["hearing_fine_threshold_person"].default == Decimal("3000")


# --------------------------------------------------------------------------------------------
# PEN-DECISION-90D: the done-when, E1 and E2


def _case(
    filed: str | None, decided: str | None = None, **fields: Any
) -> Any:  # a penalty-case record
    data: dict[str, Any] = {"id": "PC-1", "filed_date": filed, **fields}
    if decided is not None:
        data["decision"] = {"decision_date": decided, "procedure": "ordinary"}
    return build_record("penalty-case", data)


def test_done_when_filed_2024_09_09_decided_2024_12_11_is_flagged_with_the_count() -> None:
    (finding,) = assert_flags(
        DECISION_90D,
        _case("2024-09-09", "2024-12-11"),
        as_of="2025-01-10",
        severity="S2",
        key="90d",
        count=1,
        reasons=[
            "立案 2024-09-09 起算 90 日",
            "2024-12-08（星期日，休息日）",
            "顺延至 2024-12-09",
            "filed 2024-09-09: 90 days counted",
            "2024-12-08 (Sunday, rest day)",
            "rolled over to 2024-12-09",
        ],
    )
    (reason,) = finding.reasons.deadlines
    assert (reason.strict_date, reason.rolled_date, reason.due_date) == (
        date(2024, 12, 8),
        date(2024, 12, 9),
        date(2024, 12, 9),
    )
    assert finding.reasons.readings["agency_deadline_rollover"] is True
    assert finding.reasons.facts["decision_date"] == "2024-12-11"
    assert finding.categories == (Category.INACTION,)


def test_done_when_the_same_case_decided_2024_12_09_is_not_flagged() -> None:
    # Not late. Between the strict and the rolled deadline the catalog keeps "an S4 note"
    # (docs/catalog/interpretations.md): by default a note on the run, no finding at all.
    subject = _case("2024-09-09", "2024-12-09")
    outcome = evaluate(DECISION_90D, subject, as_of="2025-01-10")
    assert outcome.findings == ()
    (note,) = outcome.notes
    assert note.kind == "advisory"
    assert note.data["strict_deadline"] == "2024-12-08"
    assert note.data["rolled_deadline"] == "2024-12-09"
    assert "星期日" in note.message_zh


def test_the_s4_advisory_as_a_finding_when_configured() -> None:
    subject = _case("2024-09-09", "2024-12-09")
    outcome = evaluate(DECISION_90D, subject, as_of="2025-01-10", params=ADVISORY_FINDING)
    assert outcome.notes == ()
    (finding,) = outcome.findings
    assert finding.severity is Severity.S4
    assert finding.key == "past-strict-deadline"
    assert not any(f.severity.at_least(Severity.S2) for f in outcome.findings)
    assert finding.reasons.facts["strict_deadline"] == "2024-12-08"
    assert finding.reasons.facts["rolled_deadline"] == "2024-12-09"
    assert "星期日" in finding.message_zh
    (reason,) = finding.reasons.deadlines
    assert (reason.strict_date, reason.rolled_date) == (date(2024, 12, 8), date(2024, 12, 9))
    late = evaluate(
        DECISION_90D, _case("2024-09-09", "2024-12-11"), as_of="2025-01-10", params=ADVISORY_FINDING
    )
    assert finding.fingerprint != late.findings[0].fingerprint


def test_e1_is_flagged_in_strict_mode_too() -> None:
    assert_flags(
        DECISION_90D,
        _case("2024-09-09", "2024-12-11"),
        as_of="2025-01-10",
        params={"agency_deadline_rollover": False},
        reasons=["不顺延（如顺延则为 2024-12-09）", "agency_deadline_rollover = false"],
    )


def test_e1_only_the_date_on_the_decision_document_counts() -> None:
    # The internal 处理意见书 (12-04) and a phone call (12-05) are not in the decision: the rule
    # reads decision.decision_date alone, whatever other dates the case carries.
    subject = _case(
        "2024-09-09",
        "2024-12-11",
        stage_records=[{"stage": "decision", "date": "2024-12-04", "written_record": True}],
        delivery={"method": "direct", "served_date": "2024-12-12"},
    )
    assert_flags(DECISION_90D, subject, as_of="2025-01-10", reasons=["2024-12-11"])


@pytest.mark.parametrize(
    ("rollover", "flagged"),
    [(True, False), (False, True)],
)
def test_e2_rollover_sensitivity(rollover: bool, flagged: bool) -> None:
    subject = _case("2025-03-03", "2025-06-03")
    params = {"agency_deadline_rollover": rollover, **ADVISORY_FINDING}
    if flagged:
        assert_flags(
            DECISION_90D, subject, as_of="2025-07-01", params=params, severity="S2", count=1
        )
    else:
        (finding,) = assert_flags(
            DECISION_90D, subject, as_of="2025-07-01", params=params, key="past-strict-deadline"
        )
        assert finding.severity is Severity.S4


@pytest.mark.parametrize("rollover", [True, False])
def test_e2_with_an_extension_approved_before_the_strict_deadline(rollover: bool) -> None:
    subject = _case(
        "2025-03-03",
        "2025-06-03",
        extensions=[{"days": 30, "approved_date": "2025-05-30", "approved_by_head": True}],
    )
    outcome = evaluate(
        DECISION_90D, subject, as_of="2025-07-10", params={"agency_deadline_rollover": rollover}
    )
    assert outcome.findings == ()
    late = _case(
        "2025-03-03",
        "2025-07-02",
        extensions=[{"days": 30, "approved_date": "2025-05-30", "approved_by_head": True}],
    )
    (finding,) = assert_flags(
        DECISION_90D, late, as_of="2025-07-10", params={"agency_deadline_rollover": rollover}
    )
    assert finding.reasons.deadlines[0].due_date == date(2025, 7, 1)


def test_an_extension_refused_by_the_head_does_not_count() -> None:
    subject = _case(
        "2025-03-03",
        "2025-06-20",
        extensions=[{"days": 30, "approved_date": "2025-05-30", "approved_by_head": False}],
    )
    assert_flags(DECISION_90D, subject, as_of="2025-07-10")


def test_an_open_case_is_rechecked_when_its_deadline_passes() -> None:
    outcome = evaluate(DECISION_90D, _case("2025-03-03"), as_of="2025-05-01")
    assert outcome.findings == ()
    # The S4 band starts after the strict day 2025-06-01: the first recheck is at its end.
    assert outcome.recheck_at == datetime(2025, 6, 2, tzinfo=SHANGHAI)
    outcome = evaluate(
        DECISION_90D,
        _case("2025-03-03"),
        as_of="2025-06-02T09:00:00+08:00",
        params=ADVISORY_FINDING,
    )
    (advisory,) = outcome.findings
    assert (advisory.severity, advisory.key) == (Severity.S4, "past-strict-deadline")
    assert advisory.due == date(2025, 6, 3)
    assert outcome.recheck_at == datetime(2025, 6, 4, tzinfo=SHANGHAI)
    (finding,) = evaluate(DECISION_90D, _case("2025-03-03"), as_of="2025-06-04").findings
    assert "超期未结" in finding.message_zh
    assert finding.key == "90d"


def test_an_open_case_in_strict_mode_is_rechecked_at_the_strict_deadline() -> None:
    outcome = evaluate(
        DECISION_90D,
        _case("2025-03-03"),
        as_of="2025-05-01",
        params={"agency_deadline_rollover": False},
    )
    assert outcome.recheck_at == datetime(2025, 6, 2, tzinfo=SHANGHAI)


def test_the_same_key_before_and_after_the_decision_keeps_one_finding() -> None:
    open_finding = evaluate(DECISION_90D, _case("2025-03-03"), as_of="2025-06-10").findings[0]
    late_finding = evaluate(
        DECISION_90D, _case("2025-03-03", "2025-06-20"), as_of="2025-06-30"
    ).findings[0]
    assert open_finding.fingerprint == late_finding.fingerprint


def test_a_2027_deadline_is_not_decided_on_a_provisional_date() -> None:
    subject = _case("2026-10-20", "2027-01-25")
    strict = evaluate(DECISION_90D, subject, as_of="2027-02-01")
    assert strict.findings == ()
    assert [n.kind for n in strict.notes] == ["calendar-unavailable"]
    assert not strict.complete
    provisional = evaluate(DECISION_90D, subject, as_of="2027-02-01", provisional=True)
    assert provisional.findings == ()
    (note,) = provisional.notes
    assert note.kind == "provisional"
    assert "2027" in note.message_zh


def test_an_open_case_with_a_2027_deadline_waits_for_its_strict_day() -> None:
    # Without the 2027 schedule the rolled day is unknown, but before the strict day
    # (Saturday 2027-01-30) the case cannot be late: no note, recheck when that day ends.
    outcome = evaluate(DECISION_90D, _case("2026-11-01"), as_of="2026-12-31")
    assert outcome.findings == ()
    assert outcome.notes == ()
    assert outcome.complete
    assert outcome.recheck_at == datetime(2027, 1, 31, tzinfo=SHANGHAI)
    later = evaluate(DECISION_90D, _case("2026-11-01"), as_of="2027-02-01")
    assert [n.kind for n in later.notes] == ["calendar-unavailable"]


def test_cases_filed_before_2021_07_15_are_not_evaluated() -> None:
    outcome = evaluate(DECISION_90D, _case("2021-07-14", "2021-12-20"), as_of="2022-01-10")
    assert outcome.skipped == "not-in-force"


# --------------------------------------------------------------------------------------------
# PEN-SUMMARY-LIMIT: boundaries and dated law


def _summary(party_type: str, amount: str, day: str = "2025-05-06", **decision: Any) -> Any:
    return build_record(
        "penalty-case",
        {
            "id": "PC-S",
            "party": {"type": party_type, "name": "当事人"},
            "decision": {
                "decision_date": day,
                "procedure": "summary",
                "penalty_types": ["fine"],
                "fine_amount": amount,
                **decision,
            },
        },
    )


@pytest.mark.parametrize(
    ("party_type", "amount", "day", "flagged"),
    [
        ("natural_person", "200.00", "2025-05-06", False),
        ("natural_person", "200.01", "2025-05-06", True),
        ("legal_person", "3000.00", "2025-05-06", False),
        ("legal_person", "3000.01", "2025-05-06", True),
        ("other_org", "3000.01", "2025-05-06", True),
        ("natural_person", "50.00", "2021-07-14", False),
        ("natural_person", "50.01", "2021-07-14", True),
        ("natural_person", "200.00", "2021-07-15", False),
        ("legal_person", "1000.00", "2019-03-01", False),
        ("legal_person", "1000.01", "2019-03-01", True),
        ("legal_person", "3000.00", "2021-07-15", False),
    ],
)
def test_summary_limits_on_the_decision_date(
    party_type: str, amount: str, day: str, flagged: bool
) -> None:
    subject = _summary(party_type, amount, day)
    if flagged:
        assert_flags(SUMMARY_LIMIT, subject, as_of="2025-12-31", key="fine-limit", severity="S1")
    else:
        assert_passes(SUMMARY_LIMIT, subject, as_of="2025-12-31")


def test_summary_limit_cites_the_article_in_force() -> None:
    (old,) = assert_flags(SUMMARY_LIMIT, _summary("natural_person", "100.00", "2020-11-03"))
    assert [b.article for b in old.reasons.articles] == ["33"]
    assert "1996" in old.reasons.articles[0].instrument
    assert old.reasons.parameters["natural_person_max"] == "50"
    (new,) = assert_flags(SUMMARY_LIMIT, _summary("natural_person", "300.00", "2025-05-06"))
    assert [b.article for b in new.reasons.articles] == ["51"]
    assert new.reasons.parameters["natural_person_max"] == "200"


def test_summary_closure_is_outside_the_summary_procedure() -> None:
    subject = _summary("legal_person", "0.00", penalty_types=["suspension_of_production"])
    assert_flags(SUMMARY_LIMIT, subject, key="penalty-type", count=1, reasons=["责令停产停业"])


# --------------------------------------------------------------------------------------------
# E5, E6, E20, E21 and the hearing rules through pytest too


@pytest.fixture
def officers() -> Callable[..., list[Any]]:
    def build(*specs: tuple[str, str, str]) -> list[Any]:
        return [
            build_record(
                "officer",
                {
                    "id": officer_id,
                    "cert_number": f"{officer_id}-C",
                    "cert_status": "active",
                    "cert_valid_from": valid_from,
                    "cert_valid_to": valid_to,
                },
            )
            for officer_id, valid_from, valid_to in specs
        ]

    return build


def test_e20_certificate_and_two_officers(officers: Callable[..., list[Any]]) -> None:
    staff = officers(("OF-X", "2020-07-01", "2025-06-30"), ("OF-Y", "2022-01-01", "2028-12-31"))

    def inspection(day: str) -> Any:
        return build_record(
            "penalty-case",
            {
                "id": "PC-E20",
                "acts": [
                    {"kind": "on_site_inspection", "date": day, "officer_ids": ["OF-X", "OF-Y"]}
                ],
            },
        )

    assert officer_valid(staff[0], date(2025, 6, 30))
    assert not officer_valid(staff[0], date(2025, 7, 2))
    late = inspection("2025-07-02")
    (cert,) = assert_flags(RULES["PEN-CERT-VALID"], late, as_of="2025-07-10", records=staff)
    assert cert.key.endswith(":OF-X")
    assert_flags(RULES["PEN-OFFICERS-2"], late, as_of="2025-07-10", records=staff, count=1)
    ok = inspection("2025-06-30")
    assert_passes(RULES["PEN-CERT-VALID"], ok, as_of="2025-07-10", records=staff)
    assert_passes(RULES["PEN-OFFICERS-2"], ok, as_of="2025-07-10", records=staff)


def test_the_officer_rules_depend_on_the_officer_records(
    officers: Callable[..., list[Any]],
) -> None:
    staff = officers(("OF-A", "2023-01-01", "2027-12-31"), ("OF-B", "2023-01-01", "2027-12-31"))
    subject = build_record(
        "penalty-case",
        {
            "id": "PC-1",
            "acts": [
                {"kind": "investigation", "date": "2025-05-06", "officer_ids": ["OF-A", "OF-B"]}
            ],
        },
    )
    outcome = evaluate(RULES["PEN-OFFICERS-2"], subject, records=staff)
    assert outcome.findings == ()
    assert outcome.dependencies == {("officer", "OF-A"), ("officer", "OF-B")}


def test_e6_handover_deadline_is_2025_05_07() -> None:
    def cash(handover: str) -> Any:
        return build_record(
            "penalty-case",
            {
                "id": "PC-E6",
                "payment": {
                    "channel": "on_spot",
                    "collected_date": "2025-04-30",
                    "handover_date": handover,
                    "bank_deposit_date": "2025-05-09",
                },
            },
        )

    rule = RULES["PEN-CASH-HANDOVER"]
    (finding,) = assert_flags(rule, cash("2025-05-08"), key="handover", severity="S2")
    assert finding.reasons.deadlines[0].due_date == date(2025, 5, 7)
    assert_passes(rule, cash("2025-05-07"))


@pytest.mark.parametrize(("amount", "flagged"), [("100.00", False), ("100.01", True)])
def test_e6_on_the_spot_collection_limit(amount: str, flagged: bool) -> None:
    subject = build_record(
        "penalty-case",
        {
            "id": "PC-E6",
            "decision": {
                "decision_date": "2025-04-30",
                "procedure": "summary",
                "fine_amount": amount,
            },
            "payment": {"channel": "on_spot", "collected_date": "2025-04-30", "receipt_no": "R-1"},
        },
    )
    if flagged:
        assert_flags(RULES["PEN-ONSPOT-CASH"], subject, key="not-allowed", severity="S1")
    else:
        assert_passes(RULES["PEN-ONSPOT-CASH"], subject)


def test_e21_legal_review_and_reviewer() -> None:
    reviewer = build_record(
        "officer",
        {"id": "OF-R", "legal_qualification": False, "first_review_date": "2025-02-10"},
    )
    no_review = build_record(
        "penalty-case",
        {
            "id": "PC-E21",
            "hearing": {"requested_date": "2025-10-30", "held_date": "2025-11-10"},
            "decision": {"decision_date": "2025-11-20", "procedure": "ordinary"},
        },
    )
    assert_flags(RULES["PEN-LEGAL-REVIEW"], no_review, as_of="2025-12-01", severity="S1")
    reviewed = build_record(
        "penalty-case",
        {
            "id": "PC-E21",
            "hearing": {"requested_date": "2025-10-30", "held_date": "2025-11-10"},
            "legal_review": {
                "reviewer_id": "OF-R",
                "completed_date": "2025-11-18",
                "result": "pass",
            },
            "decision": {"decision_date": "2025-11-20", "procedure": "ordinary"},
        },
    )
    assert_passes(RULES["PEN-LEGAL-REVIEW"], reviewed, as_of="2025-12-01")
    assert_flags(
        RULES["PEN-REVIEWER-LQ"],
        reviewed,
        as_of="2025-12-01",
        records=[reviewer],
        severity="S2",
        key="reviewer:OF-R",
    )


def test_hearing_notice_reading_is_reported() -> None:
    subject = build_record(
        "penalty-case",
        {
            "id": "PC-H",
            "hearing": {"notice_date": "2025-06-03", "held_date": "2025-06-12"},
        },
    )
    rule = RULES["PEN-HEARING-HELD"]
    assert_passes(rule, subject)
    (finding,) = assert_flags(rule, subject, params={"hearing_notice_counting": "clear_days"})
    assert finding.severity is Severity.S2
    assert finding.reasons.readings == {"hearing_notice_counting": "clear_days"}
    assert finding.reasons.deadlines[0].due_date == date(2025, 6, 12)


def test_hearing_window_counts_working_days_over_the_labour_day_block() -> None:
    def case(decided: str) -> Any:
        return build_record(
            "penalty-case",
            {
                "id": "PC-W",
                "party": {"type": "legal_person", "name": "某公司"},
                "prior_notice": {"served_date": "2025-04-30", "right_hearing": True},
                "decision": {
                    "decision_date": decided,
                    "procedure": "ordinary",
                    "fine_amount": "100000.00",
                },
            },
        )

    rule = RULES["PEN-HEARING-WINDOW"]
    (finding,) = assert_flags(rule, case("2025-05-12"), severity="S2")
    assert finding.reasons.deadlines[0].due_date == date(2025, 5, 12)
    assert_passes(rule, case("2025-05-13"))


def test_messages_carry_no_party_names() -> None:
    subject = build_record(
        "penalty-case",
        {
            "id": "PC-P",
            "party": {"type": "natural_person", "name": "欧阳某某", "party_id": "P-1"},
            "decision": {
                "decision_date": "2025-05-06",
                "procedure": "summary",
                "penalty_types": ["fine", "closure"],
                "fine_amount": "900.00",
                "doc_form_numbered": False,
            },
        },
    )
    findings = [
        finding
        for rule in penalty.RULES
        for finding in evaluate(rule, subject, as_of="2025-12-31").findings
    ]
    assert findings
    for finding in findings:
        assert "欧阳" not in finding.message_zh + finding.message_en
