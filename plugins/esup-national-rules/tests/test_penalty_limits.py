"""Tests of the 行政处罚 part B rules (``esup_national_rules.penalty_limits``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from esup_national_rules import penalty_limits as pack
from esup_national_rules._law import APL
from esup_national_rules._limits_common import payment_deadline

from enforcement_supervision._host import Evaluator, MappingLookup, RuleDocs, make_groups
from enforcement_supervision.rules import Context
from enforcement_supervision.statutory_time import default_calendar
from enforcement_supervision.testing import (
    as_of_instant,
    assert_cases_pass,
    assert_flags,
    assert_passes,
    build_record,
    evaluate,
    rule_case_params,
    run_rule_case,
)

CASES = Path(pack.__file__).parent / "cases"
RULE_IDS = [r.id for r in pack.RULES]
CASE_FILES = [CASES / f"{rule_id}.toml" for rule_id in RULE_IDS]

#: id → (severity, categories, articles cited) as in docs/catalog/rules.md.
CATALOG: dict[str, tuple[str, str, set[str | None]]] = {
    "PEN-LIMITATION": ("S1", "abuse", {"36"}),
    "PEN-NE-BIS": ("S1", "abuse", {"29"}),
    "PEN-DISCRETION": ("S1", "abuse", {"34", "60", None}),
    "PEN-NO-PENALTY": ("S1", "abuse", {"33"}),
    "PEN-FIRST-VIOLATION": ("S4", "abuse", {"33"}),
    "PEN-EVIDENCE": ("S1", "procedure", {"40", "46", "41"}),
    "PEN-PRESERVE-7WD": ("S2", "procedure", {"56", "85"}),
    "PEN-FILING-LAG": ("S2", "inaction", {"54", "76", None}),
    "PEN-NOT-STOPPED": ("S2", "inaction", {"83", None}),
    "PEN-CORRECTION": ("S3", "procedure", {"28"}),
    "PEN-CRIME-REFERRAL": ("S1", "abuse", {"27", "57", "82"}),
    "PEN-RECORD": ("S2", "transparency, procedure", {"47", None}),
    "PEN-LATE-FEE": ("S2", "abuse", {"72", "73"}),
    "PEN-PAY-15D": ("S4", "inaction", {"67"}),
    "PEN-DELEGATION": ("S1", "abuse", {"20", "21"}),
    "PEN-TOWNSHIP-POWER": ("S1", "abuse", {"24"}),
}


def _case(**fields: Any) -> Any:
    return build_record("penalty-case", fields)


def _decision(day: str = "2025-05-20", **fields: Any) -> dict[str, Any]:
    return {"decision_date": day, "procedure": "ordinary", **fields}


# -- data-driven cases --------------------------------------------------------------------------


@pytest.mark.parametrize("case", rule_case_params(CASE_FILES))
def test_case(case: Any) -> None:
    run_rule_case(case, pack.RULES)


def test_every_rule_has_flagging_and_non_flagging_cases() -> None:
    report = assert_cases_pass(CASE_FILES, pack.RULES)
    assert sorted(c.rule_id for c in report.coverage) == sorted(RULE_IDS)
    assert all(c.flag_cases >= 1 and c.pass_cases >= 1 for c in report.coverage)


# -- metadata -----------------------------------------------------------------------------------


def test_the_rules_are_the_catalog_rules() -> None:
    assert sorted(RULE_IDS) == sorted(CATALOG)
    for rule in pack.RULES:
        severity, categories, articles = CATALOG[rule.id]
        assert rule.severity.value == severity, rule.id
        assert rule.categories_text() == categories, rule.id
        assert {b.article for b in rule.legal_basis} == articles, rule.id
        assert all(b.verification in ("V", "V2", "U") for b in rule.legal_basis), rule.id
        assert rule.valid_from == APL.in_force, rule.id
        assert rule.problems() == [], rule.id


@pytest.mark.parametrize("rule", pack.RULES, ids=RULE_IDS)
def test_docs_follow_the_ruff_layout(rule: Any) -> None:
    docs: RuleDocs = rule.docs
    for part in ("what", "why", "example_flags", "example_passes", "configuration"):
        assert getattr(docs, part), f"{rule.id}: no {part}"
    for parameter in rule.parameters:
        assert parameter.doc, f"{rule.id}.{parameter.name} has no doc"


def test_table_parameters_accept_configuration_tables() -> None:
    parameter = pack.filing_lag.parameter("filing_deadline_wd")
    assert parameter.with_override({"health": 5}).default == {"health": 5}
    assert pack.late_fee.parameter("daily_rate").with_override("0.03").default == Decimal("0.03")


# -- E7: PEN-LIMITATION -------------------------------------------------------------------------


def _e7(discovered: str, decision: dict[str, Any] | None = None, **fact: Any) -> Any:
    return _case(
        id="PC-E7",
        discovered_date=discovered,
        violations=[{"id": "V-1", "end_date": "2023-03-10", "continuing": True, **fact}],
        decision=decision or _decision(penalty_types=["fine"], fine_amount="2000.00"),
    )


def test_e7_two_years_end_on_the_corresponding_day() -> None:
    assert_passes(pack.limitation, _e7("2025-03-10"))
    (finding,) = assert_flags(
        pack.limitation,
        _e7("2025-03-11"),
        severity="S1",
        key="V-1",
        reasons=["2023-03-10 起算 2 年 → 2025-03-10"],
    )
    assert finding.reasons.facts["last_day"] == "2025-03-10"


def test_e7_five_years_for_safety_with_harm() -> None:
    safety = {"life_health_or_financial_safety": True, "harm_caused": True}
    assert_passes(pack.limitation, _e7("2025-03-11", **safety))
    # Checked when the facts have happened: a discovery in 2028 is decided on in 2028.
    later = {"decision": _decision("2028-03-20", penalty_types=["fine"], fine_amount="2000.00")}
    assert_passes(pack.limitation, _e7("2028-03-10", **safety, **later), as_of="2028-04-01")
    assert_flags(
        pack.limitation,
        _e7("2028-03-11", **safety, **later),
        as_of="2028-04-01",
        reasons=["2028-03-10"],
    )


def test_limitation_period_from_29_february_ends_on_28_february() -> None:
    case = _case(
        discovered_date="2026-03-01",
        violations=[{"id": "V-1", "start_date": "2024-02-29", "continuing": False}],
        decision=_decision("2026-03-20", penalty_types=["warning"]),
    )
    assert_flags(pack.limitation, case, as_of="2026-04-01", reasons=["2026-02-28"])


# -- PEN-DISCRETION: three severities, three fingerprints ------------------------------------------


def test_discretion_findings_have_distinct_fingerprints() -> None:
    benchmark = build_record(
        "discretion-benchmark",
        id="agency-township:M-001",
        matter_code="M-001",
        valid_from="2023-01-01",
        ranges=[{"level": "lighter", "fine_min": "500.00", "fine_max": "1000.00"}],
    )
    over_benchmark = _case(
        decision=_decision(
            matter_code="M-001",
            fine_amount="1800.00",
            penalty_types=["fine"],
            benchmark_level="lighter",
        )
    )
    findings = assert_flags(pack.discretion, over_benchmark, records=[benchmark], count=2)
    assert {(f.key, f.severity.value) for f in findings} == {
        ("benchmark-range", "S2"),
        ("benchmark-not-cited", "S3"),
    }
    over_statute = _case(
        decision=_decision(
            matter_code="M-001",
            fine_amount="9000.00",
            penalty_types=["fine"],
            statute_fine_max="5000",
            benchmark_level="lighter",
        )
    )
    more = assert_flags(pack.discretion, over_statute, records=[benchmark], count=2)
    assert {(f.key, f.severity.value) for f in more} == {
        ("statutory-range", "S1"),
        ("benchmark-not-cited", "S3"),
    }
    prints = {f.fingerprint for f in [*findings, *more]}
    assert len(prints) == 3


def test_benchmark_lookup_is_a_dependency() -> None:
    case = _case(decision=_decision(matter_code="M-7", fine_amount="100.00"))
    outcome = evaluate(pack.discretion, case)
    assert ("discretion-benchmark", "agency-township:M-7") in outcome.dependencies


# -- PEN-FIRST-VIOLATION: the same finding escalates when the matter is listed --------------------


def test_first_violation_escalates_with_the_same_fingerprint() -> None:
    case = _case(
        violations=[
            {"id": "V-1", "first_time": True, "harm_minor": True, "corrected_timely": True}
        ],
        decision=_decision(matter_code="M-001", penalty_types=["fine"], fine_amount="500.00"),
    )
    (advisory,) = assert_flags(pack.first_violation, case, severity="S4")
    (binding,) = assert_flags(
        pack.first_violation,
        case,
        severity="S2",
        params={"first_violation_matters": ["M-001"]},
    )
    assert advisory.fingerprint == binding.fingerprint


# -- PEN-NE-BIS: groups across agencies -----------------------------------------------------------


def test_ne_bis_finding_belongs_to_the_second_agency() -> None:
    party = {"type": "legal_person", "name": "某商店", "party_id": "P-1"}
    first = _case(
        id="PC-A",
        agency_id="AG-MARKET",
        party=party,
        violations=[{"id": "V-1"}],
        decision=_decision("2025-04-01", penalty_types=["fine"], fine_amount="2000.00"),
    )
    second = _case(
        id="PC-B",
        agency_id="AG-TOWN",
        party=party,
        violations=[{"id": "V-1"}],
        decision=_decision("2025-05-10", penalty_types=["fine"], fine_amount="500.00"),
    )
    (group,) = make_groups(pack.ne_bis, [first, second])
    (finding,) = assert_flags(pack.ne_bis, group, key="V-1/PC-B")
    assert finding.subject.key == "party/P-1"
    assert finding.agency_id == "AG-TOWN"
    assert finding.reasons.facts_date == dt.date(2025, 5, 10)


# -- temporal rules: recheck times ---------------------------------------------------------------


def _lead(**fields: Any) -> Any:
    return build_record(
        "lead",
        {"id": "LD-1", "received_date": "2025-03-03", "source": "complaint", **fields},
    )


def test_open_lead_is_rechecked_when_the_deadline_passes() -> None:
    outcome = evaluate(pack.filing_lag, _lead(sector="market_regulation"), as_of="2025-03-10")
    assert outcome.findings == ()
    assert outcome.recheck_at == as_of_instant("2025-03-25")
    later = evaluate(pack.filing_lag, _lead(sector="market_regulation"), as_of="2025-03-25")
    assert [f.key for f in later.findings] == ["filing"]


def test_unheard_preservation_is_rechecked_when_the_7_working_days_end() -> None:
    case = _case(preservations=[{"date": "2025-09-26", "head_approval_date": "2025-09-26"}])
    outcome = evaluate(pack.preserve_7wd, case, as_of="2025-10-01")
    assert outcome.findings == ()
    assert outcome.recheck_at == as_of_instant("2025-10-14")


def test_filing_deadline_in_a_year_without_a_schedule_is_not_decided() -> None:
    lead = _lead(received_date="2026-12-21", sector="market_regulation")
    strict = evaluate(pack.filing_lag, lead, as_of="2027-02-01")
    assert strict.findings == ()
    assert [n.kind for n in strict.notes] == ["calendar-unavailable"]
    provisional = evaluate(pack.filing_lag, lead, as_of="2027-02-01", provisional=True)
    assert provisional.findings == ()
    assert [n.kind for n in provisional.notes] == ["provisional"]


# -- PEN-PAY-15D helper and PEN-LATE-FEE -----------------------------------------------------------


def _context(rule: Any, subject: Any, as_of: str = "2025-06-30") -> Context:
    return Evaluator(
        as_of=as_of_instant(as_of), calendar=default_calendar(), lookup=MappingLookup()
    ).context(rule, subject)


@pytest.mark.parametrize(
    ("served", "strict", "due"),
    [
        ("2025-03-03", "2025-03-18", "2025-03-18"),  # an ordinary Tuesday
        ("2025-04-16", "2025-05-01", "2025-05-06"),  # inside the 劳动节 block 05-01..05-05
        ("2025-09-12", "2025-09-27", "2025-09-28"),  # Saturday → the make-up Sunday
    ],
)
def test_payment_deadline_is_15_days_rolled_over(served: str, strict: str, due: str) -> None:
    case = _case(
        decision=_decision("2025-03-01", penalty_types=["fine"], fine_amount="100.00"),
        delivery={"served_date": served},
    )
    deadline = payment_deadline(_context(pack.pay_15d, case), case)
    assert deadline is not None
    assert deadline.strict_date == dt.date.fromisoformat(strict)
    assert deadline.due_date == dt.date.fromisoformat(due)


def test_no_payment_deadline_without_a_fine_or_service() -> None:
    warning = _case(
        decision=_decision(penalty_types=["warning"]), delivery={"served_date": "2025-05-21"}
    )
    assert payment_deadline(_context(pack.pay_15d, warning), warning) is None
    unserved = _case(decision=_decision(penalty_types=["fine"], fine_amount="100.00"))
    assert payment_deadline(_context(pack.pay_15d, unserved), unserved) is None


def test_late_fee_rate_is_a_parameter() -> None:
    case = _case(
        decision=_decision("2025-04-15", penalty_types=["fine"], fine_amount="1000.00"),
        delivery={"served_date": "2025-04-16"},
        payment={
            "late_fee": "200.00",
            "late_fee_from_date": "2025-05-07",
            "late_fee_to_date": "2025-05-16",
        },
    )
    assert_flags(pack.late_fee, case, key="rate", reasons=["expected = 300.00"])
    assert_passes(pack.late_fee, case, params={"daily_rate": "0.02"})


# -- lookups are dependencies -------------------------------------------------------------------


def test_township_power_depends_on_the_agency_and_its_list(
    make_record: Callable[..., Any],
) -> None:
    case = _case(decision=_decision(matter_code="M-9", penalty_types=["fine"], fine_amount="1"))
    agency = make_record("agency", id="agency-township", name="某镇", level="township")
    outcome = evaluate(pack.township_power, case, records=[agency])
    assert outcome.findings == ()
    assert [n.kind for n in outcome.notes] == ["undecided"]
    assert {
        ("agency", "agency-township"),
        ("matter-list", "agency-township:township_delegated_powers"),
    } <= outcome.dependencies
