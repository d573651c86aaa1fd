"""Tests of the 行政许可 rules (esup_national_rules.licensing, docs/catalog/rules.md#licensing).

The data-driven cases in ``cases/LIC-*.toml`` carry most of the examples (E8
(docs/catalog/examples.md#e8)
and the boundaries); the tests below add what a case file cannot express: recheck times, the
kinds of notes, the link between LIC-ONE-TIME-NOTICE and LIC-DECISION-20WD, the catalog
metadata and the parameters.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from esup_national_rules import licensing

from enforcement_supervision._host import RuleDocs
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

CASES = Path(licensing.__file__).parent / "cases"
#: Only this module's case files: the folder is shared with the other rule modules.
CASE_FILES = [CASES / f"{rule.id}.toml" for rule in licensing.RULES]
RULES: dict[str, Rule] = {rule.id: rule for rule in licensing.RULES}

DECISION = RULES["LIC-DECISION-20WD"]
NOTICE = RULES["LIC-ONE-TIME-NOTICE"]
RENEWAL = RULES["LIC-RENEWAL"]


def application(**fields: Any) -> Any:
    data: dict[str, Any] = {"id": "LA-1", "received_date": "2025-09-22"}
    data.update(fields)
    return build_record("licence-application", data)


def accepted(**fields: Any) -> Any:
    return application(
        materials_complete=True,
        acceptance={"date": "2025-09-22", "accepted": True},
        **fields,
    )


# --------------------------------------------------------------------------------------------
# Data-driven cases


@pytest.mark.parametrize("case", rule_case_params(CASE_FILES))
def test_case(case: Any) -> None:
    run_rule_case(case, licensing.RULES)


def test_every_rule_has_a_case_file_with_flagging_and_non_flagging_cases() -> None:
    assert all(path.is_file() for path in CASE_FILES)
    report = assert_cases_pass(CASE_FILES, licensing.RULES)
    assert {c.rule_id for c in report.coverage} == set(RULES)
    assert all(c.flag_cases >= 1 and c.pass_cases >= 1 for c in report.coverage)


# --------------------------------------------------------------------------------------------
# Catalog metadata (docs/catalog/rules.md#licensing)

CATALOG = {
    "LIC-ONE-TIME-NOTICE": ("S2", {"procedure", "inaction"}, {"32", "72"}),
    "LIC-RECEIPT": ("S3", {"procedure"}, {"32"}),
    "LIC-DECISION-20WD": ("S2", {"inaction"}, {"42", "45", "74"}),
    "LIC-ISSUE-10WD": ("S3", {"procedure"}, {"44"}),
    "LIC-HEARING": ("S2", {"procedure"}, {"47"}),
    "LIC-RENEWAL": ("S2", {"inaction"}, {"50"}),
}


def test_the_module_has_exactly_the_catalog_rules() -> None:
    assert list(RULES) == list(CATALOG)


@pytest.mark.parametrize("rule_id", list(CATALOG))
def test_metadata_matches_the_catalog(rule_id: str) -> None:
    rule = RULES[rule_id]
    severity, categories, articles = CATALOG[rule_id]
    assert rule.severity is Severity(severity)
    assert {c.value for c in rule.categories} == categories
    assert all(isinstance(c, Category) for c in rule.categories)
    cited = {b.article for b in rule.legal_basis if b.instrument == "行政许可法"}
    assert articles <= cited
    assert all(b.verification == "V" for b in rule.legal_basis)
    assert rule.valid_from == date(2004, 7, 1)
    assert rule.applies_to == ("licence-application",)
    assert not rule.problems()


@pytest.mark.parametrize("rule", licensing.RULES, ids=lambda r: r.id)
def test_docs_follow_the_ruff_layout(rule: Rule) -> None:
    docs = rule.docs
    assert isinstance(docs, RuleDocs)
    assert docs.what
    assert docs.why
    assert docs.example_flags
    assert docs.example_passes
    assert docs.configuration


def test_renewal_parameters() -> None:
    lead = RENEWAL.parameter("renewal_lead_days")
    counting = RENEWAL.parameter("renewal_lead_counting")
    assert lead.default == 30
    assert counting.default == "CD"
    assert counting.reading
    assert counting.choices == ("CD", "WD")


# --------------------------------------------------------------------------------------------
# E8 (docs/catalog/examples.md) and the deadline trace


def test_e8_flags_with_the_working_day_count_in_the_reasons() -> None:
    findings = assert_flags(
        DECISION,
        accepted(decision={"date": "2025-10-28", "outcome": "granted"}),
        as_of="2025-11-01",
        severity="S2",
        key="decision",
        count=1,
        reasons=["受理 2025-09-22 起算 20 个工作日", "2025-10-24", "2025-09-28、2025-10-11"],
    )
    (deadline,) = findings[0].reasons.deadlines
    assert deadline.due_date == date(2025, 10, 24)
    assert not deadline.provisional


def test_e8_extension_notified_on_2025_10_20_gives_2025_11_07() -> None:
    extension = {
        "days": 10,
        "approved_date": "2025-10-20",
        "approved_by_head": True,
        "notified_date": "2025-10-20",
    }
    record = accepted(decision={"date": "2025-10-28", "outcome": "granted"}, extensions=[extension])
    assert_passes(DECISION, record, as_of="2025-11-20")
    late = accepted(decision={"date": "2025-11-10", "outcome": "granted"}, extensions=[extension])
    assert_flags(DECISION, late, as_of="2025-11-20", reasons=["2025-11-07", "延长 10 个工作日"])


def test_open_application_is_checked_again_when_the_deadline_passes() -> None:
    outcome = evaluate(DECISION, accepted(), as_of="2025-10-20")
    assert outcome.findings == ()
    assert outcome.recheck_at == datetime(2025, 10, 25, tzinfo=SHANGHAI)


def test_late_notice_moves_the_start_of_the_decision_deadline_to_receipt() -> None:
    record = application(
        materials_complete=False,
        correction_notices=[{"date": "2025-09-29", "items": ["场所证明"]}],
        acceptance={"date": "2025-10-09", "accepted": True},
        decision={"date": "2025-10-28", "outcome": "granted"},
    )
    notice = assert_flags(NOTICE, record, as_of="2025-11-01", key="notice")
    assert notice[0].reasons.facts["effective_accepted_date"] == "2025-09-22"
    decision = assert_flags(DECISION, record, as_of="2025-11-01", key="decision")
    labels = [d.label_in("zh") for d in decision[0].reasons.deadlines]
    assert labels == ["许可决定期限", "补正告知期限"]
    assert decision[0].reasons.facts["deemed_accepted_on_receipt"] is True
    # The same application with a timely notice runs from the acceptance of 2025-10-09.
    timely = application(
        materials_complete=False,
        correction_notices=[{"date": "2025-09-28", "items": ["场所证明"]}],
        acceptance={"date": "2025-10-09", "accepted": True},
        decision={"date": "2025-10-28", "outcome": "granted"},
    )
    assert_passes(NOTICE, timely, as_of="2025-11-01")
    assert_passes(DECISION, timely, as_of="2025-11-01")


# --------------------------------------------------------------------------------------------
# Years without an official schedule (docs/catalog/changes.md#main-findings, E23)


def test_2027_strict_mode_records_a_calendar_note_and_no_finding() -> None:
    record = application(
        received_date="2026-12-15",
        materials_complete=True,
        acceptance={"date": "2026-12-15", "accepted": True},
    )
    outcome = evaluate(DECISION, record, as_of="2027-03-01")
    assert outcome.findings == ()
    assert [n.kind for n in outcome.notes] == ["calendar-unavailable"]
    assert not outcome.complete


def test_2027_provisional_mode_keeps_the_s2_as_a_provisional_note() -> None:
    record = application(
        received_date="2026-12-15",
        materials_complete=True,
        acceptance={"date": "2026-12-15", "accepted": True},
    )
    outcome = evaluate(DECISION, record, as_of="2027-03-01", provisional=True)
    assert outcome.findings == ()
    (note,) = outcome.notes
    assert note.kind == "provisional"
    assert note.data["severity"] == "S2"
    # In time even on the provisional count: nothing to say.
    decided = application(
        received_date="2026-12-15",
        materials_complete=True,
        acceptance={"date": "2026-12-15", "accepted": True},
        decision={"date": "2027-01-05", "outcome": "granted"},
    )
    outcome = evaluate(DECISION, decided, as_of="2027-03-01", provisional=True)
    assert outcome.findings == ()
    assert outcome.notes == ()


# --------------------------------------------------------------------------------------------
# Other rules


def test_renewal_finding_says_the_licence_is_deemed_renewed() -> None:
    record = application(
        kind="renewal", received_date="2025-05-31", current_licence_expiry_date="2025-06-30"
    )
    findings = assert_flags(RENEWAL, record, as_of="2025-07-01", reasons=["视为准予延续"])
    assert findings[0].reasons.facts["deemed_renewed"] is True
    assert findings[0].reasons.readings == {"renewal_lead_counting": "CD"}
    outcome = evaluate(RENEWAL, record, as_of="2025-06-15")
    assert outcome.recheck_at == datetime(2025, 7, 1, tzinfo=SHANGHAI)


def test_hearing_request_window_is_five_working_days() -> None:
    rule = RULES["LIC-HEARING"]
    base = {
        "received_date": "2025-02-24",
        "significant_interest": True,
        "hearing_right_notice_date": "2025-03-03",
        "decision": {"date": "2025-05-20", "outcome": "granted"},
    }
    late_hearing = application(
        hearing={"request_date": "2025-03-10", "held_date": "2025-04-09"}, **base
    )
    assert_flags(rule, late_hearing, as_of="2025-06-01", key="held", reasons=["2025-04-08"])
    late_request = application(
        hearing={"request_date": "2025-03-11", "held_date": "2025-04-30"}, **base
    )
    assert_passes(rule, late_request, as_of="2025-06-01")


def test_issue_counts_make_up_days() -> None:
    rule = RULES["LIC-ISSUE-10WD"]
    record = application(
        decision={"date": "2025-09-26", "outcome": "granted"},
        certificate={"served_date": "2025-10-17"},
    )
    assert_flags(rule, record, as_of="2025-11-01", severity="S3", reasons=["2025-10-16"])
