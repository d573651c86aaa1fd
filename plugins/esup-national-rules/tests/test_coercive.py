"""Tests of the 行政强制 rules (esup_national_rules.coercive, docs/catalog/rules.md#coercion).

The data-driven cases in ``cases/ENF-*.toml`` carry most of the examples (E10, E11 and E12
of docs/catalog/examples.md and the boundaries); the tests below add what a case file cannot
express:
deadline dates and traces, recheck times, the kinds of notes, time zones, the catalog
metadata and the parameters.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from esup_national_rules import coercive
from esup_national_rules._coercive_sessions import Session, night_overlap, parse_clock

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

CASES = Path(coercive.__file__).parent / "cases"
#: Only this module's case files: the folder is shared with the other rule modules.
CASE_FILES = [CASES / f"{rule.id}.toml" for rule in coercive.RULES]
RULES: dict[str, Rule] = {rule.id: rule for rule in coercive.RULES}

SEIZURE = RULES["ENF-SEIZURE-30D"]
NIGHT = RULES["ENF-NIGHT-HOLIDAY"]
DEMOLITION = RULES["ENF-DEMOLITION"]
EMERGENCY = RULES["ENF-EMERGENCY-24H"]
PROCEDURE = RULES["ENF-PROCEDURE"]


def measure(**fields: Any) -> Any:
    data: dict[str, Any] = {"id": "CM-1"}
    data.update(fields)
    return build_record("coercive-measure", data)


# --------------------------------------------------------------------------------------------
# Data-driven cases


@pytest.mark.parametrize("case", rule_case_params(CASE_FILES))
def test_case(case: Any) -> None:
    run_rule_case(case, coercive.RULES)


def test_every_rule_has_a_case_file_with_flagging_and_non_flagging_cases() -> None:
    assert all(path.is_file() for path in CASE_FILES)
    report = assert_cases_pass(CASE_FILES, coercive.RULES)
    assert {c.rule_id for c in report.coverage} == set(RULES)
    assert all(c.flag_cases >= 1 and c.pass_cases >= 1 for c in report.coverage)


# --------------------------------------------------------------------------------------------
# Catalog metadata (docs/catalog/rules.md#coercion)

CATALOG = {
    "ENF-PROCEDURE": ("S1", {"procedure"}, {"17", "18"}),
    "ENF-EMERGENCY-24H": ("S1", {"procedure"}, {"19"}),
    "ENF-SEIZURE-30D": ("S1", {"abuse"}, {"25", "28"}),
    "ENF-SEIZURE-DOCS": ("S1", {"procedure"}, {"23", "24"}),
    "ENF-FREEZE": ("S1", {"procedure"}, {"29", "30", "31", "32"}),
    "ENF-CUIGAO": ("S1", {"procedure"}, {"35", "36", "37"}),
    "ENF-NIGHT-HOLIDAY": ("S1", {"abuse"}, {"43"}),
    "ENF-UTILITIES": ("S1", {"abuse"}, {"43"}),
    "ENF-DEMOLITION": ("S1", {"abuse"}, {"44"}),
    "ENF-COURT-APPLY": ("S2", {"procedure", "inaction"}, {"53", "54"}),
    "ENF-SURCHARGE": ("S2", {"abuse"}, {"45", "46"}),
    "ENF-PROXY": ("S2", {"procedure"}, {"50", "51"}),
}

PARAMETERS = {
    "ENF-SEIZURE-30D": {"restriction_rollover": False},
    "ENF-FREEZE": {"restriction_rollover": False},
    "ENF-CUIGAO": {"party_deadline_rollover": True},
    "ENF-NIGHT-HOLIDAY": {"night_start": "22:00", "night_end": "06:00", "art43_weekends": True},
    "ENF-DEMOLITION": {"litigation_period_rollover": True, "party_deadline_rollover": True},
    "ENF-COURT-APPLY": {"agency_deadline_rollover": True},
    "ENF-PROXY": {"same_day_proxy_decision": "late"},
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
    cited = {b.article for b in rule.legal_basis if b.instrument == "行政强制法"}
    assert articles <= cited
    assert rule.valid_from == date(2012, 1, 1)
    assert rule.applies_to == ("coercive-measure",)
    assert not rule.problems()


@pytest.mark.parametrize("rule_id", list(CATALOG))
def test_parameters_and_their_defaults(rule_id: str) -> None:
    rule = RULES[rule_id]
    expected = PARAMETERS.get(rule_id, {})
    assert {p.name: p.default for p in rule.parameters} == expected
    assert all(p.reading and p.doc for p in rule.parameters)


@pytest.mark.parametrize("rule", coercive.RULES, ids=lambda r: r.id)
def test_docs_follow_the_ruff_layout(rule: Rule) -> None:
    docs = rule.docs
    assert isinstance(docs, RuleDocs)
    assert docs.what
    assert docs.why
    assert docs.example_flags
    assert docs.example_passes
    assert docs.configuration


def test_night_parameters_are_clock_times() -> None:
    assert parse_clock(" 23:30 ") == "23:30"
    with pytest.raises(ValueError, match="HH:MM"):
        parse_clock("late")
    parameter = NIGHT.parameter("night_start").with_override("21:00", rule_id=NIGHT.id)
    assert parameter.default == "21:00"


# --------------------------------------------------------------------------------------------
# E10 — ENF-SEIZURE-30D


def test_e10_end_dates() -> None:
    plain = assert_flags(
        SEIZURE,
        measure(kind="seizure", start_date="2025-09-30", ended_date="2025-10-31"),
        as_of="2025-12-15",
        severity="S1",
        key="duration",
    )
    assert plain[0].reasons.deadlines[0].due_date == date(2025, 10, 30)
    extended = assert_flags(
        SEIZURE,
        measure(
            kind="seizure",
            start_date="2025-09-30",
            ended_date="2025-12-01",
            extensions=[
                {
                    "days": 30,
                    "approved_date": "2025-10-28",
                    "approved_by_head": True,
                    "notified_in_writing": True,
                }
            ],
        ),
        as_of="2025-12-15",
        reasons=["2025-11-29", "不顺延"],
    )
    reason = extended[0].reasons.deadlines[0]
    assert reason.due_date == date(2025, 11, 29)
    assert reason.rolled_date == date(2025, 12, 1)
    assert extended[0].reasons.readings == {"restriction_rollover": False}
    assert_passes(
        SEIZURE,
        measure(
            kind="seizure",
            start_date="2025-09-30",
            ended_date="2025-11-07",
            excluded_periods=[
                {
                    "kind": "testing",
                    "start_date": "2025-10-10",
                    "end_date": "2025-10-19",
                    "notified_in_writing": True,
                }
            ],
        ),
        as_of="2025-12-15",
    )


def test_seizure_still_held_is_checked_again_when_it_ends() -> None:
    outcome = evaluate(
        SEIZURE, measure(kind="seizure", start_date="2025-09-30"), as_of="2025-10-15"
    )
    assert outcome.findings == ()
    assert outcome.recheck_at == datetime(2025, 10, 31, tzinfo=SHANGHAI)


# --------------------------------------------------------------------------------------------
# E11 — ENF-NIGHT-HOLIDAY


@pytest.mark.parametrize(
    ("start", "flagged", "weekends"),
    [
        ("2025-10-03T10:00:00", True, True),
        ("2025-10-11T10:00:00", False, True),
        ("2025-10-13T22:30:00", True, True),
        ("2025-10-12T10:00:00", True, True),
        ("2025-10-12T10:00:00", False, False),
    ],
)
def test_e11(start: str, flagged: bool, weekends: bool) -> None:
    record = measure(
        kind="forced_demolition",
        start_date=start[:10],
        executions=[{"start_datetime": start, "methods": ["demolition"]}],
    )
    params = {"art43_weekends": weekends}
    if flagged:
        assert_flags(NIGHT, record, as_of="2025-12-01", params=params, severity="S1", count=1)
    else:
        assert_passes(NIGHT, record, as_of="2025-12-01", params=params)


def test_datetimes_are_converted_to_shanghai_first() -> None:
    utc = datetime(2025, 10, 13, 14, 30, tzinfo=UTC)  # 22:30 in Shanghai
    session = Session(key="k", day=date(2025, 10, 13), start=utc.astimezone(SHANGHAI))
    assert night_overlap(session, "22:00", "06:00")
    record = measure(
        kind="forced_demolition",
        start_date="2025-10-13",
        executions=[{"start_datetime": utc.isoformat()}],
    )
    findings = assert_flags(NIGHT, record, as_of="2025-12-01")
    assert findings[0].key == "2025-10-13T22:30:00"


def test_night_holiday_in_2027_is_not_decided_on_a_provisional_calendar() -> None:
    record = measure(
        kind="forced_demolition",
        start_date="2027-01-02",
        executions=[{"start_datetime": "2027-01-02T10:00:00"}],
    )
    strict = evaluate(NIGHT, record, as_of="2027-03-01")
    assert strict.findings == ()
    assert [n.kind for n in strict.notes] == ["calendar-unavailable"]
    provisional = evaluate(NIGHT, record, as_of="2027-03-01", provisional=True)
    assert provisional.findings == ()
    assert [n.kind for n in provisional.notes] == ["provisional"]


# --------------------------------------------------------------------------------------------
# E12 — ENF-DEMOLITION


def demolition_on(day: str, **fields: Any) -> Any:
    return measure(
        kind="forced_demolition",
        start_date=day,
        underlying_decision_served_date="2025-03-03",
        public_notice={"date": "2025-07-01", "self_demolition_deadline": "2025-07-31"},
        **fields,
    )


def test_e12_waiting_periods() -> None:
    findings = assert_flags(
        DEMOLITION, demolition_on("2025-08-20"), as_of="2025-10-01", key="waiting-period"
    )
    deadlines = {d.label_in("zh"): d for d in findings[0].reasons.deadlines}
    review = deadlines["复议期限（六十日）"]
    suit = deadlines["起诉期限（六个月）"]
    assert {d.label_in("en") for d in findings[0].reasons.deadlines} == {
        "reconsideration period (60 days)",
        "litigation period (6 months)",
    }
    assert review.strict_date == date(2025, 5, 2)
    assert review.due_date == date(2025, 5, 6)
    assert suit.due_date == date(2025, 9, 3)
    assert_passes(DEMOLITION, demolition_on("2025-09-04"), as_of="2025-10-01")


def test_e12_pending_lawsuit() -> None:
    record = demolition_on(
        "2025-09-04", remedies=[{"kind": "litigation", "filed_date": "2025-08-30"}]
    )
    assert_flags(DEMOLITION, record, as_of="2025-10-01", key="remedy-pending", count=1)


# --------------------------------------------------------------------------------------------
# Others


def test_emergency_24_hours_from_the_clock_time() -> None:
    base = {
        "kind": "seizure",
        "emergency": True,
        "start_date": "2025-10-10",
        "start_datetime": "2025-10-10T09:30:00+08:00",
        "head_approval_date": "2025-10-11",
    }
    assert_passes(
        EMERGENCY,
        measure(report_to_head_datetime="2025-10-11T09:30:00+08:00", **base),
        as_of="2025-11-01",
    )
    findings = assert_flags(
        EMERGENCY,
        measure(report_to_head_datetime="2025-10-11T01:31:00Z", **base),  # 09:31 Shanghai
        as_of="2025-11-01",
        key="report",
    )
    assert "2025-10-11 09:30" in findings[0].statement("en")
    # Without the approval (dated the next day, so not yet visible at noon on 10-10 and a
    # recheck of its own at 10-11 00:00) the clock time itself is the recheck time.
    unapproved = {name: value for name, value in base.items() if name != "head_approval_date"}
    open_outcome = evaluate(EMERGENCY, measure(**unapproved), as_of="2025-10-10T12:00:00+08:00")
    assert open_outcome.recheck_at == datetime(2025, 10, 11, 9, 30, tzinfo=SHANGHAI)


def test_procedure_uses_officer_valid(make_record: Any) -> None:
    valid = make_record(
        "officer",
        id="OF-1",
        cert_number="1",
        cert_status="active",
        cert_valid_from="2020-01-01",
        cert_valid_to="2030-12-31",
    )
    suspended = make_record("officer", id="OF-2", cert_number="2", cert_status="suspended")
    record = measure(
        kind="seizure",
        start_date="2025-09-30",
        head_approval_date="2025-09-30",
        on_site={"officer_ids": ["OF-1", "OF-2"]},
    )
    findings = assert_flags(
        PROCEDURE, record, as_of="2025-11-01", records=[valid, suspended], key="officers"
    )
    assert findings[0].reasons.facts["qualified_officer_ids"] == ["OF-1"]
    outcome = evaluate(PROCEDURE, record, as_of="2025-11-01", records=[valid, suspended])
    assert ("officer", "OF-2") in outcome.dependencies


def test_proxy_counts_back_three_working_days() -> None:
    rule = RULES["ENF-PROXY"]
    record = measure(
        kind="proxy_performance",
        start_date="2025-10-13",
        proxy={
            "decision_served_date": "2025-10-09",
            "cuigao_date": "2025-10-10",
            "execution_date": "2025-10-13",
            "agency_staff_present": True,
        },
    )
    findings = assert_flags(rule, record, as_of="2025-11-01", key="cuigao")
    assert findings[0].reasons.deadlines[0].due_date == date(2025, 10, 9)
    assert "2025-10-11" in findings[0].reasons.deadlines[0].trace_zh


def test_court_application_rollover_band_is_s4() -> None:
    rule = RULES["ENF-COURT-APPLY"]
    record = measure(
        kind="court_enforcement",
        start_date="2025-10-09",
        court_application={"date": "2025-10-09", "remedy_period_end": "2025-07-04"},
    )
    assert_flags(rule, record, as_of="2025-11-01", severity="S4", count=1)
    assert_flags(
        rule,
        record,
        as_of="2025-11-01",
        severity="S2",
        params={"agency_deadline_rollover": False},
    )


def test_freeze_keeps_other_findings_when_a_year_has_no_schedule() -> None:
    rule = RULES["ENF-FREEZE"]
    record = measure(kind="freezing", start_date="2026-12-30", authorised_by_law=False)
    outcome = evaluate(rule, record, as_of="2027-03-01")
    assert [f.key for f in outcome.findings] == ["authority", "handling"]
    assert [n.kind for n in outcome.notes] == ["calendar-unavailable"]
    assert not outcome.complete
