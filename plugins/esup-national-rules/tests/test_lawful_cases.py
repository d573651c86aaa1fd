"""Lawful cases stay clean: hand-built from the law, checked with every first-party rule.

Issue 13: a 100-yuan summary penalty whose prior notice is recorded on the day of the decision
(how the summary procedure always works) was flagged PEN-NOTICE S1. Here a summary case and an
ordinary case with every step on time are checked as of every day from before the first act to
weeks after the last: no rule of any installed first-party pack may make an S1–S3 finding about
them on any of those days (S4 advisories about the agency, such as the share of legal-review
staff, are not about the case).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from enforcement_supervision._host import (
    Evaluator,
    MappingLookup,
    Subject,
    build_record,
    load_plugins,
    make_groups,
)
from enforcement_supervision.config import Config
from enforcement_supervision.model import DisclosureKind
from enforcement_supervision.rules import Finding
from enforcement_supervision.statutory_time import SHANGHAI, default_calendar


@functools.cache
def _manager() -> Any:
    return load_plugins(Config())


def _findings(records: Sequence[Any], day: date) -> list[Finding]:
    """Every finding of every installed rule over ``records`` as of ``day`` (00:00)."""
    manager = _manager()
    evaluator = Evaluator(
        as_of=datetime(day.year, day.month, day.day, tzinfo=SHANGHAI),
        calendar=default_calendar(),
        settings=manager.rule_settings(),
        lookup=MappingLookup(records),
    )
    by_type: dict[str, list[Any]] = defaultdict(list)
    for record in records:
        by_type[Subject.of(record).record_type].append(record)
    found: list[Finding] = []
    for rule in manager.rules():
        if rule.group_by is not None:
            anchors = by_type.get(rule.group_by.anchor, []) if rule.group_by.anchor else []
            subjects: list[Any] = list(make_groups(rule, by_type[rule.record_type], anchors))
        else:
            subjects = [r for kind in rule.applies_to for r in by_type.get(kind, [])]
        for subject in subjects:
            outcome = evaluator.evaluate(rule, subject)
            assert outcome.error is None, (rule.id, outcome.error)
            found.extend(outcome.findings)
    return found


def _days(first: date, last: date) -> Iterator[date]:
    while first <= last:
        yield first
        first += timedelta(days=1)


def _officer(officer_id: str, agency_id: str) -> Any:
    return build_record(
        "officer",
        id=officer_id,
        agency_id=agency_id,
        name=f"执法员{officer_id}",
        cert_number=f"C-{officer_id}",
        cert_status="active",
        cert_valid_from="2024-01-01",
        cert_valid_to="2028-12-31",
    )


def _agency(agency_id: str, name: str, sector: str) -> Any:
    return build_record(
        "agency",
        id=agency_id,
        name=name,
        level="county",
        kind="department",
        sector=sector,
        disclosures=[
            {"kind": kind.value, "published_date": "2024-12-01"} for kind in DisclosureKind
        ],
    )


#: Issue 13's case: a 100-yuan fine on a person, decided on the spot on 2025-06-10 (Tuesday)
#: by two officers who showed their certificates; the prior notice (facts, reasons, basis,
#: rights of statement and defence, Art. 44) is recorded the same day; the decision, on a
#: numbered form, is handed over on the spot and filed with the agency the next day (Art. 52);
#: the fine is collected on the spot with a fiscal receipt (Arts. 68(1), 70), handed to the
#: agency the next day and paid into the bank the day after (Art. 71).
SUMMARY_CASE: dict[str, Any] = {
    "id": "PC-SUMMARY",
    "agency_id": "AG-CG",
    "party": {"type": "natural_person", "name": "张某", "party_id": "P-9"},
    "discovered_date": "2025-06-10",
    "acts": [
        {
            "kind": "on_site_decision",
            "date": "2025-06-10",
            "officer_ids": ["OF-1", "OF-2"],
            "certificate_shown": True,
            "written_record": True,
        }
    ],
    "violations": [
        {
            "id": "V-9",
            "start_date": "2025-06-10",
            "end_date": "2025-06-10",
            "continuing": False,
            "harm_caused": True,
            "minor": False,
        }
    ],
    "evidence": [
        {
            "type": "on_site_record",
            "verified": True,
            "used_in_decision": True,
            "obtained_date": "2025-06-10",
        }
    ],
    "prior_notice": {
        "served_date": "2025-06-10",
        "proposed_penalty": True,
        "facts": True,
        "reasons": True,
        "legal_basis": True,
        "right_statement": True,
        "right_defence": True,
    },
    "decision": {
        "decision_date": "2025-06-10",
        "procedure": "summary",
        "penalty_types": ["fine"],
        "fine_amount": "100.00",
        "doc_form_numbered": True,
        "delivered_on_spot": True,
        "filed_with_agency_date": "2025-06-11",
        "correction_ordered": True,
    },
    "delivery": {
        "method": "on_spot",
        "served_date": "2025-06-10",
        "party_present_at_announcement": True,
    },
    "payment": {
        "channel": "on_spot",
        "collected_date": "2025-06-10",
        "paid_date": "2025-06-10",
        "amount_paid": "100.00",
        "receipt_no": "R-1",
        "handover_date": "2025-06-11",
        "bank_deposit_date": "2025-06-12",
    },
    "publication": {"published_date": "2025-06-12"},
    "closure": {"closed_date": "2025-06-12", "kind": "executed"},
}

#: An ordinary case: filed 2025-03-04; questioning and inspection by two officers; notice of
#: the proposed 2,000-yuan fine on a company (below the hearing threshold) served 2025-03-10,
#: stating every item and the rights; decision 2025-03-20 after review and approval; served
#: the next working day (Art. 61: within seven working days); published within seven working
#: days (国办发〔2018〕118号); paid within fifteen days of service (Art. 67).
ORDINARY_CASE: dict[str, Any] = {
    "id": "PC-ORDINARY",
    "agency_id": "AG-SJ",
    "party": {"type": "legal_person", "name": "某公司", "party_id": "P-1"},
    "lead_received_date": "2025-03-03",
    "discovered_date": "2025-03-03",
    "filed_date": "2025-03-04",
    "investigator_ids": ["OF-1", "OF-2"],
    "acts": [
        {
            "kind": "investigation",
            "date": "2025-03-05",
            "officer_ids": ["OF-1", "OF-2"],
            "certificate_shown": True,
            "written_record": True,
        },
        {
            "kind": "on_site_inspection",
            "date": "2025-03-06",
            "officer_ids": ["OF-1", "OF-2"],
            "certificate_shown": True,
            "written_record": True,
        },
    ],
    "violations": [
        {
            "id": "V-1",
            "start_date": "2025-03-01",
            "end_date": "2025-03-03",
            "continuing": False,
            "harm_caused": True,
            "minor": False,
            "corrected_timely": False,
            "first_time": False,
        }
    ],
    "evidence": [
        {
            "type": "on_site_record",
            "verified": True,
            "used_in_decision": True,
            "obtained_date": "2025-03-06",
        },
        {
            "type": "party_statement",
            "verified": True,
            "used_in_decision": True,
            "obtained_date": "2025-03-05",
        },
    ],
    "prior_notice": {
        "served_date": "2025-03-10",
        "proposed_penalty": True,
        "facts": True,
        "reasons": True,
        "legal_basis": True,
        "right_statement": True,
        "right_defence": True,
        "right_hearing": True,
        "proposed_penalty_types": ["fine"],
        "proposed_fine_amount": "2000.00",
    },
    "decision": {
        "decision_date": "2025-03-20",
        "procedure": "ordinary",
        "approved_date": "2025-03-19",
        "announced_date": "2025-03-20",
        "penalty_types": ["fine"],
        "fine_amount": "2000.00",
        "statute_fine_min": "1000.00",
        "statute_fine_max": "5000.00",
        "correction_ordered": True,
    },
    "delivery": {
        "method": "direct",
        "served_date": "2025-03-21",
        "party_present_at_announcement": False,
    },
    "payment": {"channel": "bank", "paid_date": "2025-03-28", "amount_paid": "2000.00"},
    "publication": {"published_date": "2025-03-25"},
    "closure": {"closed_date": "2025-04-01", "kind": "executed"},
}


def _records(case: dict[str, Any], agency: Any) -> list[Any]:
    officers = [_officer(officer_id, agency.id) for officer_id in ("OF-1", "OF-2")]
    return [agency, *officers, build_record("penalty-case", case)]


@pytest.mark.parametrize(
    ("case", "agency", "first", "last"),
    [
        (
            SUMMARY_CASE,
            _agency("AG-CG", "某县城市管理局", "urban_management"),
            "2025-06-09",
            "2025-07-31",
        ),
        (
            ORDINARY_CASE,
            _agency("AG-SJ", "某县市场监督管理局", "market_regulation"),
            "2025-03-01",
            "2025-05-31",
        ),
    ],
    ids=["summary-100-yuan-same-day-notice", "ordinary-every-step-on-time"],
)
def test_a_lawful_case_gets_no_s1_to_s3_finding_on_any_day(
    case: dict[str, Any], agency: Any, first: str, last: str
) -> None:
    records = _records(case, agency)
    for day in _days(date.fromisoformat(first), date.fromisoformat(last)):
        serious = [f for f in _findings(records, day) if f.severity.value != "S4"]
        assert not serious, (day, [(f.rule_id, f.key, f.message_zh) for f in serious])


def test_the_summary_notice_is_in_time_on_the_decision_day_and_late_the_day_after() -> None:
    agency = _agency("AG-CG", "某县城市管理局", "urban_management")
    after = {
        **SUMMARY_CASE,
        "prior_notice": {**SUMMARY_CASE["prior_notice"], "served_date": "2025-06-11"},
    }
    notice = [
        f for f in _findings(_records(after, agency), date(2025, 7, 1)) if f.rule_id == "PEN-NOTICE"
    ]
    assert [(f.key, f.severity.value) for f in notice] == [("served-late", "S1")]
    assert "2025-06-11" in notice[0].message_zh
