"""Lawful coercive measures and licences stay clean (issue 13), hand-built from the law.

Like ``test_lawful_cases.py`` (whose evaluation helpers are used here): each case is checked
with every installed first-party rule as of every day from before its first act to weeks after
its last, and no rule may make an S1–S3 finding about it on any of those days. Each case sits
on the boundaries the rules judge — a last day used to the full, a make-up working day, a
rest day that rolls a party's period over — so a same-day reading that turned against the
agency would show here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from test_lawful_cases import _agency, _days, _findings, _officer

from enforcement_supervision._host import build_record

#: A seizure of goods by the market regulator on Tuesday 2025-09-30 (行政强制法 Arts. 18, 24):
#: approved by the head that day before the measure, two qualified officers, every step of
#: Art. 18 recorded, decision and inventory handed over on the spot. The 30 days end on
#: 2025-10-30; on 2025-10-30 itself — the last day — the head approves a 30-day extension for
#: a lab test and the party is told in writing (Art. 25(1), (2)), so the seizure may last to
#: 2025-11-29 (a Saturday, not rolled over); it is released and the handling decision made on
#: Friday 2025-11-28. Published within 20 working days (国办发〔2018〕118号).
SEIZURE: dict[str, Any] = {
    "id": "CM-SEIZURE",
    "agency_id": "AG-SJ",
    "kind": "seizure",
    "party": {"type": "legal_person", "name": "某食品公司", "party_id": "P-2"},
    "start_date": "2025-09-30",
    "start_datetime": "2025-09-30T10:00:00+08:00",
    "matter_domain": "market_regulation",
    "authorised_by_law": True,
    "head_approval_date": "2025-09-30",
    "emergency": False,
    "on_site": {
        "officer_ids": ["OF-1", "OF-2"],
        "certificate_shown": True,
        "party_notified": True,
        "reasons_and_basis_stated": True,
        "rights_and_remedies_stated": True,
        "statements_heard": True,
        "record_signed": True,
        "party_absent": False,
        "av_recorded": True,
    },
    "documents": {
        "decision_handed_on_spot": True,
        "inventory_handed_on_spot": True,
        "unrelated_items_seized": False,
        "daily_necessities_seized": False,
        "duplicate_seizure": False,
    },
    "value": "2600.00",
    "extensions": [
        {
            "days": 30,
            "approved_date": "2025-10-30",
            "approved_by_head": True,
            "reason": "需对涉案物品检验",
            "notified_in_writing": True,
            "notified_date": "2025-10-30",
        }
    ],
    "handling_decision_date": "2025-11-28",
    "ended_date": "2025-11-28",
    "end_kind": "released",
    "publication": {"published_date": "2025-10-20"},
}

#: A licence accepted on Monday 2025-09-22 and granted on Friday 2025-10-24, the 20th working
#: day (行政许可法 Arts. 42, 82): 09-23 … 09-26, Sunday 09-28 (a make-up working day), 09-29,
#: 09-30, [10-01 … 10-08 National Day and Mid-Autumn], 10-09, 10-10, Saturday 10-11 (a make-up
#: working day), 10-13 … 10-24. The materials, received on Monday 2025-09-15, were incomplete:
#: the one-time notice came on 09-22, the 5th working day after receipt (Art. 32(1)(4)), and the
#: application was accepted with a sealed and dated certificate once corrected, the same day
#: (Art. 32(2)); the certificate is served on 2025-11-07, the 10th working day after the grant
#: (Art. 44); the grant is published within 7 working days.
LICENCE: dict[str, Any] = {
    "id": "LA-LICENCE",
    "agency_id": "AG-SJ",
    "applicant": {"type": "legal_person", "name": "某餐饮公司", "party_id": "P-3"},
    "kind": "new",
    "received_date": "2025-09-15",
    "materials_complete": False,
    "correction_notices": [{"date": "2025-09-22", "items": ["场所证明"]}],
    "correction_completed_date": "2025-09-22",
    "acceptance": {
        "date": "2025-09-22",
        "accepted": True,
        "written_certificate": True,
        "sealed_and_dated": True,
    },
    "decision": {"date": "2025-10-24", "outcome": "granted"},
    "certificate": {"issued_date": "2025-11-07", "served_date": "2025-11-07"},
    "publication": {"published_date": "2025-10-31"},
}

#: A forced demolition of an unlawful structure by the township (行政强制法 Art. 44): the
#: decision to remove it was served on Monday 2025-01-06, so the 60 days of reconsideration
#: (rolled over) end on 2025-03-07 and the six months of litigation on Sunday 2025-07-06,
#: rolled over to Monday 2025-07-07 (行政诉讼法 Arts. 46, 101); no review or suit is filed. A
#: written demand of 2025-07-08 gives until Saturday 2025-07-19, which runs to Monday 07-21
#: (民法典 Art. 203); the public notice of 2025-07-08 sets the same day for removing it oneself.
#: The enforcement decision comes on Tuesday 2025-07-22 (Arts. 35–37), served that day, and the
#: structure is demolished on Wednesday 2025-07-23 from 09:00 to 12:00, a working day, by two
#: qualified officers with an audio-video record.
DEMOLITION: dict[str, Any] = {
    "id": "CM-DEMOLITION",
    "agency_id": "AG-ZF",
    "kind": "forced_demolition",
    "party": {"type": "natural_person", "name": "王某", "party_id": "P-4"},
    "start_date": "2025-07-23",
    "start_datetime": "2025-07-23T09:00:00+08:00",
    "matter_domain": "township_comprehensive",
    "authorised_by_law": True,
    "emergency": False,
    "on_site": {
        "officer_ids": ["OF-1", "OF-2"],
        "certificate_shown": True,
        "party_notified": True,
        "reasons_and_basis_stated": True,
        "rights_and_remedies_stated": True,
        "statements_heard": True,
        "record_signed": True,
        "party_absent": False,
        "av_recorded": True,
    },
    "underlying_decision_served_date": "2025-01-06",
    "cuigao": {
        "date": "2025-07-08",
        "written": True,
        "served_date": "2025-07-08",
        "performance_deadline": "2025-07-19",
        "states_deadline": True,
        "states_method": True,
        "states_amount": True,
        "states_rights": True,
    },
    "public_notice": {"date": "2025-07-08", "self_demolition_deadline": "2025-07-19"},
    "enforcement_decision": {"date": "2025-07-22", "served_date": "2025-07-22", "immediate": False},
    "executions": [
        {
            "start_datetime": "2025-07-23T09:00:00+08:00",
            "end_datetime": "2025-07-23T12:00:00+08:00",
            "emergency": False,
            "methods": ["demolition"],
            "target_is_residential_living": False,
            "officer_ids": ["OF-1", "OF-2"],
            "av_recorded": True,
        }
    ],
    "publication": {"published_date": "2025-07-30"},
}


def _records(data: dict[str, Any], record_type: str, agency: Any) -> list[Any]:
    officers = [_officer(officer_id, agency.id) for officer_id in ("OF-1", "OF-2")]
    return [agency, *officers, build_record(record_type, data)]


@pytest.mark.parametrize(
    ("data", "record_type", "agency", "first", "last"),
    [
        (
            SEIZURE,
            "coercive-measure",
            _agency("AG-SJ", "某县市场监督管理局", "market_regulation"),
            "2025-09-29",
            "2025-12-31",
        ),
        (
            LICENCE,
            "licence-application",
            _agency("AG-SJ", "某县市场监督管理局", "market_regulation"),
            "2025-09-14",
            "2025-12-31",
        ),
        (
            DEMOLITION,
            "coercive-measure",
            _agency("AG-ZF", "某镇人民政府", "township_comprehensive"),
            "2025-07-01",
            "2025-09-30",
        ),
    ],
    ids=[
        "seizure-extended-on-its-last-day",
        "licence-on-the-20th-working-day-across-national-day",
        "demolition-after-both-remedy-periods",
    ],
)
def test_a_lawful_measure_or_licence_gets_no_s1_to_s3_finding_on_any_day(
    data: dict[str, Any], record_type: str, agency: Any, first: str, last: str
) -> None:
    records = _records(data, record_type, agency)
    for day in _days(date.fromisoformat(first), date.fromisoformat(last)):
        serious = [f for f in _findings(records, day) if f.severity.value != "S4"]
        assert not serious, (day, [(f.rule_id, f.key, f.message_zh) for f in serious])


def test_the_boundaries_hold_one_day_later() -> None:
    """The same cases one day past each boundary are flagged, by the rule that judges it."""
    market = _agency("AG-SJ", "某县市场监督管理局", "market_regulation")
    township = _agency("AG-ZF", "某镇人民政府", "township_comprehensive")
    held = {**SEIZURE, "ended_date": "2025-11-30", "handling_decision_date": "2025-11-30"}
    late = {**LICENCE, "decision": {"date": "2025-10-25", "outcome": "granted"}}
    early = {
        **DEMOLITION,
        "enforcement_decision": {**DEMOLITION["enforcement_decision"], "date": "2025-07-21"},
    }
    cases = [
        (held, "coercive-measure", market, ("ENF-SEIZURE-30D", "duration")),
        (late, "licence-application", market, ("LIC-DECISION-20WD", "decision")),
        (early, "coercive-measure", township, ("ENF-CUIGAO", "premature")),
    ]
    for data, record_type, agency, expected in cases:
        found = _findings(_records(data, record_type, agency), date(2025, 12, 31))
        serious = {(f.rule_id, f.key) for f in found if f.severity.value != "S4"}
        assert serious == {expected}, (data["id"], serious)
