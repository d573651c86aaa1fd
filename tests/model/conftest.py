"""Sample records for the model tests: one realistic, fully filled-in record per type."""

from __future__ import annotations

import copy
from typing import Any

import pytest

PERSON = {
    "type": "natural_person",
    "name": "张某",
    "party_id": "P-0001",
    "id_number": "110101199003071234",
    "phone": "13800138000",
    "address": "某镇某村3组",
    "region_code": "510100",
}
COMPANY = {
    "type": "legal_person",
    "name": "某某食品有限公司",
    "party_id": "E-0001",
    "id_number": "91510100MA6C0000X1",
    "region_code": "510100",
}

SAMPLES: dict[str, dict[str, Any]] = {
    "agency": {
        "id": "AG-TOWN",
        "name": "某镇人民政府",
        "level": "township",
        "kind": "government",
        "region_code": "510100001",
        "jurisdiction": ["510100001"],
        "sector": "comprehensive",
        "parent_id": "AG-COUNTY",
        "supervisor_id": "AG-JUSTICE",
        "inspection_subject_confirmed": True,
        "disclosures": [
            {"kind": "powers", "published_date": "2025-01-10", "url": "https://example.invalid"}
        ],
    },
    "officer": {
        "id": "OF-X",
        "agency_id": "AG-TOWN",
        "name": "李执法",
        "id_number": "110101198001011234",
        "phone": "13900139000",
        "cert_number": "川0100123",
        "cert_status": "active",
        "cert_valid_from": "2020-07-01",
        "cert_valid_to": "2025-06-30",
        "cert_scope": ["market_regulation"],
        "cert_region": ["510100"],
        "is_auxiliary": False,
        "is_legal_reviewer": True,
        "legal_qualification": False,
        "first_review_date": "2025-03-01",
        "annual_reviews": [{"year": 2024, "passed": True, "date": "2024-12-01"}],
        "training": [{"year": 2025, "hours": 56.5}],
        "conflicts": [{"party_id": "P-0001", "known_date": "2024-09-01"}],
    },
    "matter-list": {
        "id": "ML-1",
        "agency_id": "AG-TOWN",
        "kind": "township_delegated_powers",
        "valid_from": "2022-01-01",
        "items": [{"code": "M-001", "name": "占道经营"}],
    },
    "discretion-benchmark": {
        "id": "DB-1",
        "agency_id": "AG-TOWN",
        "matter_code": "M-001",
        "valid_from": "2023-01-01",
        "statute_fine_min": "50",
        "statute_fine_max": "5000",
        "ranges": [
            {"level": "lighter", "fine_min": "50.00", "fine_max": "1000.00"},
            {"level": "heavier", "fine_min": "3000.00", "fine_max": "5000.00"},
        ],
    },
    "delegation": {
        "id": "DL-1",
        "agency_id": "AG-COUNTY",
        "delegate_id": "AG-TOWN",
        "valid_from": "2024-01-01",
        "written": True,
        "matter_codes": ["M-001"],
    },
    "lead": {
        "id": "LD-1",
        "agency_id": "AG-TOWN",
        "received_date": "2024-09-02",
        "source": "complaint",
        "reporter_name": "王某",
        "reporter_phone": "13700137000",
        "party": PERSON,
        "extensions": [{"days": 15, "approved_date": "2024-09-20"}],
        "filing_decision": "filed",
        "filing_decision_date": "2024-09-09",
        "case_id": "PC-E1",
    },
    "penalty-case": {
        "id": "PC-E1",
        "agency_id": "AG-TOWN",
        "party": PERSON,
        "case_number": "某镇罚〔2024〕12号",
        "matter_domain": "market_regulation",
        "lead_id": "LD-1",
        "lead_received_date": "2024-09-02",
        "lead_source": "complaint",
        "discovered_date": "2024-09-02",
        "filed_date": "2024-09-09",
        "investigator_ids": ["OF-X", "OF-Y"],
        "acts": [
            {
                "kind": "investigation",
                "date": "2024-09-10",
                "officer_ids": ["OF-X", "OF-Y"],
                "start_datetime": "2024-09-10T09:30:00+08:00",
                "certificate_shown": True,
                "written_record": True,
            }
        ],
        "violations": [{"id": "V-1", "end_date": "2024-09-01", "harm_caused": False}],
        "evidence": [
            {"type": "on_site_record", "used_in_decision": True, "verified": True},
            {
                "type": "electronic_data",
                "monitoring_device": {"device_id": "CAM-3", "legal_tech_review": True},
            },
        ],
        "prior_notice": {
            "served_date": "2024-11-20",
            "facts": True,
            "reasons": True,
            "legal_basis": True,
            "proposed_penalty": True,
            "right_statement": True,
            "right_defence": True,
            "right_hearing": False,
            "proposed_penalty_types": ["fine"],
            "proposed_fine_amount": "3000.00",
        },
        "legal_review": {"reviewer_id": "OF-X", "completed_date": "2024-12-02", "result": "pass"},
        "extensions": [{"days": 30, "approved_date": "2024-12-01", "approved_by_head": True}],
        "excluded_periods": [
            {"kind": "testing", "start_date": "2024-10-01", "end_date": "2024-10-10"}
        ],
        "decision": {
            "decision_date": "2024-12-11",
            "procedure": "ordinary",
            "approved_date": "2024-12-10",
            "announced_date": "2024-12-11",
            "penalty_types": ["warning", "fine"],
            "fine_amount": "3000.00",
            "matter_code": "M-001",
            "benchmark_id": "DB-1",
            "benchmark_level": "general",
            "correction_ordered": True,
            "change": {"kind": "changed", "date": "2025-01-05"},
        },
        "delivery": {"method": "direct", "served_date": "2024-12-12"},
        "payment": {
            "channel": "bank",
            "amount_paid": "3000",
            "paid_date": "2024-12-20",
            "late_fee": "0",
        },
        "publication": {"published_date": "2024-12-18"},
        "stage_records": [{"stage": "decision", "written_record": True}],
        "remedies": [{"kind": "reconsideration", "filed_date": "2025-01-02"}],
        "closure": {"closed_date": "2025-01-10", "kind": "executed"},
    },
    "inspection": {
        "id": "IN-1",
        "agency_id": "AG-TOWN",
        "type": "routine",
        "date": "2025-06-05",
        "enterprise": COMPANY,
        "item_codes": ["I-01"],
        "start_datetime": "2025-06-05T09:00:00+08:00",
        "end_datetime": "2025-06-05T10:30:00+08:00",
        "approval_date": "2025-06-04",
        "officer_ids": ["OF-X", "OF-Y"],
        "certificate_shown": True,
        "scan": {"scan_datetime": "2025-06-05T09:01:00+08:00", "code": "SC-1"},
        "result": "none",
    },
    "coercive-measure": {
        "id": "CM-E10",
        "agency_id": "AG-TOWN",
        "kind": "seizure",
        "party": COMPANY,
        "start_date": "2025-09-30",
        "start_datetime": "2025-09-30T15:00:00+08:00",
        "head_approval_date": "2025-09-30",
        "on_site": {"officer_ids": ["OF-X", "OF-Y"], "certificate_shown": True},
        "documents": {"decision_handed_on_spot": True, "inventory_handed_on_spot": True},
        "items": ["冻品 20 箱"],
        "value": "12000.5",
        "extensions": [{"days": 30, "approved_date": "2025-10-28", "notified_in_writing": True}],
        "excluded_periods": [
            {
                "kind": "testing",
                "start_date": "2025-10-10",
                "end_date": "2025-10-19",
                "notified_in_writing": True,
            }
        ],
        "ended_date": "2025-11-07",
        "end_kind": "released",
        "cuigao": {"date": "2025-10-01", "performance_deadline": "2025-10-11"},
        "executions": [
            {
                "start_datetime": "2025-10-13T22:30:00+08:00",
                "methods": ["removal"],
                "emergency": False,
            }
        ],
        "surcharge": {"amount": "100", "principal": "1000"},
    },
    "licence-application": {
        "id": "LA-E8",
        "agency_id": "AG-TOWN",
        "kind": "new",
        "applicant": COMPANY,
        "received_date": "2025-09-22",
        "materials_complete": True,
        "correction_notices": [{"date": "2025-09-23", "items": ["营业执照复印件"]}],
        "acceptance": {"date": "2025-09-22", "accepted": True, "written_certificate": True},
        "extensions": [
            {
                "days": 10,
                "approved_date": "2025-10-20",
                "approved_by_head": True,
                "notified_in_writing": True,
            }
        ],
        "decision": {"date": "2025-10-28", "outcome": "granted"},
        "certificate": {"number": "JY-1", "served_date": "2025-10-30"},
    },
    "information-request": {
        "id": "IR-1",
        "agency_id": "AG-TOWN",
        "received_date": "2025-03-03",
        "requester_name": "赵某",
        "requester_phone": "13600136000",
        "extension": {"days": 20, "approved_date": "2025-03-25"},
        "reply_date": "2025-04-20",
    },
    "information-disclosure": {
        "id": "ID-1",
        "agency_id": "AG-TOWN",
        "title": "2025年行政执法统计年报",
        "formed_date": "2026-01-15",
        "published_date": "2026-01-30",
    },
    "supervision-check": {
        "id": "SC-2025-11",
        "agency_id": "AG-JUSTICE",
        "type": "case_file_review",
        "date": "2025-11-20",
        "supervised_agency_ids": ["AG-TOWN"],
        "population_size": 40,
        "sampled_cases": [
            {
                "record": {"record_type": "penalty-case", "record_id": "PC-E1"},
                "grade": "fail",
                "issues": ["超期作出处罚决定"],
            }
        ],
        "opinions": [
            {
                "issued_date": "2025-11-25",
                "addressee_agency_id": "AG-TOWN",
                "rectification_deadline": "2025-12-25",
            }
        ],
    },
    "liaison-point": {
        "id": "LP-2",
        "agency_id": "AG-TOWN",
        "name": "某某农业专业合作社",
        "designation_date": "2024-03-01",
        "status": "active",
        "term_months": 24,
        "contact_name": "陈某",
        "contact_phone": "13500135000",
        "criteria": [
            {"criterion": "rule_of_law", "met": True, "evidence": "无违法记录"},
            {"criterion": "lawful_operation", "met": True},
            {"criterion": "honesty", "met": True},
        ],
    },
    "social-supervisor": {
        "id": "SS-T",
        "agency_id": "AG-TOWN",
        "name": "周某",
        "appointed_date": "2023-05-15",
        "status": "active",
        "term_months": 24,
        "id_number": "110101197505051234",
        "phone": "13400134000",
        "disqualifications": [{"kind": "dishonest_debtor", "date": "2025-02-01"}],
        "activities": [
            {
                "date": "2025-05-16",
                "kind": "observation",
                "related": {"record_type": "inspection", "record_id": "IN-1"},
            }
        ],
    },
    "feedback": {
        "id": "FB-1",
        "agency_id": "AG-TOWN",
        "source_kind": "liaison_point",
        "source_id": "LP-2",
        "received_date": "2025-08-10",
        "channel": "meeting",
        "kind": "suggestion",
        "forwarded_to_agency_id": "AG-MARKET",
        "forwarded_date": "2025-08-12",
        "answered_date": "2025-09-01",
    },
    "complaint": {
        "id": "CP-1",
        "agency_id": "AG-JUSTICE",
        "received_date": "2025-04-01",
        "channel": "hotline_12345",
        "complainant_name": "吴某",
        "complainant_phone": "13300133000",
        "respondent_agency_id": "AG-TOWN",
        "respondent_officer_ids": ["OF-X"],
        "category": "slow_action",
        "related": {"record_type": "licence-application", "record_id": "LA-E8"},
        "accepted_date": "2025-04-02",
        "responded_date": "2025-04-20",
        "outcome": "partly_substantiated",
    },
}


@pytest.fixture
def samples() -> dict[str, dict[str, Any]]:
    """A fresh deep copy of the sample records, by record type (tests may mutate it)."""
    return copy.deepcopy(SAMPLES)
