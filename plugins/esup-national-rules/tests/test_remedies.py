"""Tests of the reconsideration and litigation rules (esup_national_rules.reconsideration and
.litigation, docs/catalog/rules.md#reconsideration-and-litigation).

Written from 行政复议法 (2023 Arts. 48, 54, 62, 70, 88; the 1999/2017 text Arts. 23, 28, 31,
40), 行政诉讼法 Arts. 3, 34, 67, 101, 民事诉讼法 Art. 85 and 法释〔2018〕1号 Arts. 104, 128–132,
with the official 2023, 2025 and 2026 schedules.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from esup_national_rules import _law, litigation, reconsideration

from enforcement_supervision.rules import Rule, Severity
from enforcement_supervision.testing import (
    assert_cases_pass,
    assert_flags,
    assert_passes,
    build_record,
    evaluate,
    rule_case_params,
    run_rule_case,
)

MODULES = (reconsideration, litigation)
ALL_RULES = tuple(rule for module in MODULES for rule in module.RULES)
CASES = Path(reconsideration.__file__).parent / "cases"
CASE_FILES = [CASES / f"{rule.id}.toml" for rule in ALL_RULES]
RULES: dict[str, Rule] = {rule.id: rule for rule in ALL_RULES}
REPLY = RULES["REV-REPLY"]
DECISION = RULES["REV-DECISION"]
DEFENCE = RULES["LIT-DEFENCE-15D"]
HEAD = RULES["LIT-HEAD-APPEAR"]


def reconsideration_record(**fields: Any) -> Any:
    data: dict[str, Any] = {"id": "FY-1", "agency_id": "AG-QHZ"}
    data.update(fields)
    return build_record("reconsideration", data)


def lawsuit(**fields: Any) -> Any:
    data: dict[str, Any] = {"id": "SS-1", "agency_id": "AG-QHZ"}
    data.update(fields)
    return build_record("lawsuit", data)


@pytest.mark.parametrize("case", rule_case_params(CASE_FILES))
def test_case(case: Any) -> None:
    run_rule_case(case, ALL_RULES)


def test_every_rule_has_flagging_and_non_flagging_cases() -> None:
    report = assert_cases_pass(CASE_FILES, ALL_RULES)
    assert {c.rule_id for c in report.coverage} == set(RULES)
    assert all(c.flag_cases >= 1 and c.pass_cases >= 1 for c in report.coverage)


CATALOG = {
    "REV-REPLY": ("S1", "procedure", "行政复议法", {"48", "54", "70", "88"}),
    "REV-DECISION": ("S2", "inaction", "行政复议法", {"62", "88"}),
    "LIT-DEFENCE-15D": ("S1", "procedure", "行政诉讼法", {"67", "34", "101"}),
    "LIT-HEAD-APPEAR": ("S1", "procedure", "行政诉讼法", {"3"}),
}


@pytest.mark.parametrize("rule_id", list(CATALOG))
def test_metadata_matches_the_catalog(rule_id: str) -> None:
    rule = RULES[rule_id]
    severity, category, instrument, articles = CATALOG[rule_id]
    assert rule.severity is Severity(severity)
    assert [c.value for c in rule.categories] == [category]
    assert articles <= {b.article for b in rule.legal_basis if b.instrument == instrument}
    assert all((rule.docs.why, rule.docs.example_flags, rule.docs.example_passes))
    assert not rule.problems()


def test_dated_validity_and_the_two_texts_of_the_reconsideration_law() -> None:
    assert REPLY.valid_from == date(1999, 10, 1)
    assert DECISION.valid_from == date(1999, 10, 1)
    assert DEFENCE.valid_from == HEAD.valid_from == date(2015, 5, 1)
    counting = REPLY.parameter("reply_counting")
    # Before 2024-01-01 the ten days were calendar days (old Art. 40(2) named only 五日、七日).
    assert counting.value_on(date(2023, 12, 31)) == "CD+R"
    assert counting.value_on(date(2024, 1, 1)) == "WD"
    assert REPLY.parameter("reply_days").default == 10
    assert REPLY.parameter("simple_reply_days").default == 5
    assert _law.RECONSIDERATION_LAW.in_force == date(2024, 1, 1)
    assert _law.RECONSIDERATION_LAW_2017.repealed == date(2024, 1, 1)
    assert _law.LITIGATION_LAW_2014.in_force == DEFENCE.valid_from


# --------------------------------------------------------------------------------------------
# A copy received on a Friday before a holiday (行政复议法 Arts. 48, 88(2))


@pytest.mark.parametrize(
    ("copy", "deadline"),
    [
        # 01-26 (Sunday, make-up) #1, 01-27 #2, [01-28 … 02-04], 02-05 … 02-07 #3–5,
        # 02-08 (Saturday, make-up) #6, 02-10 … 02-13 #7–10.
        ("2025-01-24", "2025-02-13"),
        # 09-28 (Sunday, make-up) #1, 09-29, 09-30, [10-01 … 10-08], 10-09, 10-10,
        # 10-11 (Saturday, make-up) #6, 10-13 … 10-16 #7–10.
        ("2025-09-26", "2025-10-16"),
        # 02-14 (Saturday, make-up) #1, [02-15 … 02-23], 02-24 … 02-27 #2–5,
        # 02-28 (Saturday, make-up) #6, 03-02 … 03-05 #7–10.
        ("2026-02-13", "2026-03-05"),
    ],
)
def test_reply_one_working_day_late_and_on_the_last_day(copy: str, deadline: str) -> None:
    last = date.fromisoformat(deadline)
    next_working_day = {
        "2025-02-13": "2025-02-14",
        "2025-10-16": "2025-10-17",
        "2026-03-05": "2026-03-06",
    }[deadline]
    findings = assert_flags(
        REPLY,
        reconsideration_record(copy_received_date=copy, reply_date=next_working_day),
        as_of="2026-12-31",
        severity="S1",
        key="reply",
        count=1,
        reasons=[deadline, "没有证据、依据", "调休上班日"],
    )
    finding = findings[0]
    assert finding.reasons.facts["deadline"] == deadline
    assert finding.reasons.facts["copy_received_date"] == copy
    assert finding.reasons.facts["reply_date"] == next_working_day
    assert finding.reasons.facts["treated_as_without_evidence"] is True
    assert "no evidence or basis" in finding.message_en
    (clock,) = finding.reasons.deadlines
    assert clock.due_date == last
    assert {b.article for b in finding.reasons.articles} == {"48", "70", "88"}
    assert_passes(
        REPLY,
        reconsideration_record(copy_received_date=copy, reply_date=deadline),
        as_of="2026-12-31",
    )


def test_the_old_text_counted_calendar_days() -> None:
    # Copy received Friday 2023-01-20: ten calendar days end Monday 2023-01-30. Counted in
    # working days (the 2023 text) the deadline would be 2023-02-08.
    record = reconsideration_record(copy_received_date="2023-01-20", reply_date="2023-01-31")
    findings = assert_flags(REPLY, record, as_of="2023-12-31", reasons=["2023-01-30"])
    # The former text, and 民事诉讼法 (old Art. 40(1) counted the days by it), in force then.
    cited = {(b.instrument, b.article) for b in findings[0].reasons.articles}
    assert cited == {
        ("行政复议法（2017年修正）", "23"),
        ("行政复议法（2017年修正）", "28"),
        ("行政复议法（2017年修正）", "40"),
        ("民事诉讼法", "85"),
    }
    assert "第二十八条" in findings[0].message_zh
    assert findings[0].reasons.parameters["reply_counting"] == "CD+R"
    assert_passes(
        REPLY,
        reconsideration_record(copy_received_date="2023-01-20", reply_date="2023-01-30"),
        as_of="2023-12-31",
    )


def test_the_decision_deadline_as_reviewing_organ() -> None:
    record = reconsideration_record(
        role="reviewing_organ", accepted_date="2025-03-03", decision_date="2025-05-07"
    )
    findings = assert_flags(DECISION, record, as_of="2025-12-31", reasons=["2025-05-06"])
    assert findings[0].reasons.facts["strict_deadline"] == "2025-05-02"
    assert_passes(
        DECISION,
        reconsideration_record(
            role="reviewing_organ", accepted_date="2025-03-03", decision_date="2025-05-06"
        ),
        as_of="2025-12-31",
    )


# --------------------------------------------------------------------------------------------
# A lawsuit whose 15th day is a make-up working Saturday (行政诉讼法 Arts. 67, 101; 民事诉讼法
# Art. 85)


@pytest.mark.parametrize(
    ("copy", "saturday", "monday"),
    [
        ("2025-09-26", "2025-10-11", "2025-10-13"),
        ("2026-01-30", "2026-02-14", "2026-02-16"),
        ("2026-02-13", "2026-02-28", "2026-03-02"),
    ],
)
def test_defence_due_on_a_make_up_saturday(copy: str, saturday: str, monday: str) -> None:
    findings = assert_flags(
        DEFENCE,
        lawsuit(complaint_copy_received_date=copy, defence_date=monday),
        as_of="2026-12-31",
        severity="S1",
        key="evidence",
        count=1,
        reasons=[saturday, "视为没有相应证据"],
    )
    facts = findings[0].reasons.facts
    # The deadline stays the Saturday: it is a working day, so nothing rolls over.
    assert facts["deadline"] == facts["strict_deadline"] == saturday
    assert facts["treated_as_no_evidence"] is True
    (clock,) = findings[0].reasons.deadlines
    assert clock.due_date == date.fromisoformat(saturday)
    assert clock.rolled_date == clock.strict_date
    assert_passes(
        DEFENCE,
        lawsuit(complaint_copy_received_date=copy, defence_date=saturday),
        as_of="2026-12-31",
    )


def test_head_appearance_paths() -> None:
    lawyers_only = lawsuit(
        complaint_copy_received_date="2025-09-26",
        high_social_concern=True,
        sessions=[{"date": "2025-11-11", "appeared": ["lawyer"], "absence_explanation": False}],
    )
    outcome = evaluate(HEAD, lawyers_only, as_of="2025-12-31")
    assert sorted((f.key, f.severity.value) for f in outcome.findings) == [
        ("2025-11-11:explanation", "S3"),
        ("2025-11-11:lawyers-only", "S1"),
        ("2025-11-11:trigger", "S2"),
    ]
    cited = {f.key: {b.article for b in f.reasons.articles} for f in outcome.findings}
    assert cited["2025-11-11:lawyers-only"] == {"3", "128", "132"}
    assert cited["2025-11-11:trigger"] == {"3", "129"}
    leader = lawsuit(
        complaint_copy_received_date="2025-09-26",
        high_social_concern=True,
        sessions=[{"date": "2025-11-11", "appeared": ["leader_in_charge", "lawyer"]}],
    )
    assert_passes(HEAD, leader, as_of="2025-12-31")


def test_findings_go_to_the_respondent_the_reviewing_organ_or_the_defendant() -> None:
    # Each duty is the recording body's in its role: none of these rules is township-wide.
    assert not any(rule.township_wide for rule in ALL_RULES)
    late = reconsideration_record(copy_received_date="2025-01-24", reply_date="2025-02-14")
    (finding,) = assert_flags(REPLY, late, as_of="2025-12-31", fact_date="2025-02-14")
    assert finding.agency_id == "AG-QHZ"
