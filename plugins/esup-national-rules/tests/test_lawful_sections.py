"""Lawful inspections, publications and officers stay clean (issue 13), hand-built from the law.

Each case is checked with every installed first-party rule, configured as a deployment that
switches on the checks these sections make only when told (published inspection-item lists,
annual caps, scanning), as of every day from before its first act to weeks after its last; no
rule may make an S1–S3 finding about it on any of those days. Each case sits on the boundaries
the rules judge, so a same-day reading that turned against the agency would show here; one day
past each boundary, the rule that judges it flags.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import attrs
import pytest
from test_lawful_cases import _agency, _days, _officer

from enforcement_supervision._host import (
    Evaluator,
    MappingLookup,
    Subject,
    build_record,
    load_plugins,
    make_groups,
)
from enforcement_supervision.config import Config
from enforcement_supervision.rules import Finding
from enforcement_supervision.statutory_time import SHANGHAI, default_calendar

#: A deployment with the inspection checks that need local data switched on.
CONFIG = {
    "rules": {
        "INSP-ITEM-PUBLISHED": {"item_list_ids": ["ML-SJ"]},
        "INSP-SCAN": {"scan_required": True},
        "INSP-FREQ-CAP": {"caps": {"market_regulation": {"county": 2}}},
    }
}


@functools.cache
def _manager() -> Any:
    return load_plugins(Config(data=CONFIG))


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


def _serious(records: Sequence[Any], day: date) -> set[tuple[str, str]]:
    return {(f.rule_id, f.key) for f in _findings(records, day) if f.severity.value != "S4"}


MARKET = _agency("AG-SJ", "某县市场监督管理局", "market_regulation")
MARKET_AREA = attrs.evolve(MARKET, jurisdiction=("510121",))
ITEMS = build_record(
    "matter-list",
    id="ML-SJ",
    agency_id="AG-SJ",
    kind="inspection_items",
    valid_from="2025-01-01",
    published_date="2025-07-02",
    items=[{"code": "SC-001", "name": "食品经营许可条件检查"}],
)

#: An inspection of a food shop by the county market regulator on Wednesday 2025-07-02 (国办发
#: 〔2024〕54号): the item was published in the agency's list that very day; the head approved
#: the visit that day; two officers, one of whose certificates runs out that day, showed their
#: certificates; the supervision code was scanned at the minute they left; the shop is in a
#: township of the county. A second, planned visit comes on 2025-08-02, the 31st day — past
#: the 30-day merge window — and is the second of the year under a cap of 2.
VISIT: dict[str, Any] = {
    "id": "IN-1",
    "agency_id": "AG-SJ",
    "type": "routine",
    "date": "2025-07-02",
    "start_datetime": "2025-07-02T10:00:00+08:00",
    "end_datetime": "2025-07-02T11:00:00+08:00",
    "approval_date": "2025-07-02",
    "officer_ids": ["OF-1", "OF-LAST"],
    "certificate_shown": True,
    "item_codes": ["SC-001"],
    "scan": {"scan_datetime": "2025-07-02T11:00:00+08:00"},
    "enterprise": {
        "type": "legal_person",
        "name": "某食品店",
        "party_id": "ENT-1",
        "region_code": "510121101",
    },
    "result": "none",
}
SECOND_VISIT: dict[str, Any] = {
    **VISIT,
    "id": "IN-2",
    "date": "2025-08-02",
    "start_datetime": "2025-08-02T10:00:00+08:00",
    "end_datetime": "2025-08-02T11:00:00+08:00",
    "approval_date": "2025-08-01",
    "officer_ids": ["OF-1", "OF-2"],
    "scan": {"scan_datetime": "2025-08-02T10:05:00+08:00"},
}


def _last_day_officer() -> Any:
    return build_record(
        "officer",
        id="OF-LAST",
        agency_id="AG-SJ",
        name="执法员乙",
        cert_number="C-LAST",
        cert_status="active",
        cert_valid_from="2020-07-03",
        cert_valid_to="2025-07-02",
    )


def _inspection_records(*visits: dict[str, Any]) -> list[Any]:
    officers = [_officer("OF-1", "AG-SJ"), _officer("OF-2", "AG-SJ"), _last_day_officer()]
    return [MARKET_AREA, ITEMS, *officers, *(build_record("inspection", v) for v in visits)]


def test_a_lawful_inspection_gets_no_s1_to_s3_finding_on_any_day() -> None:
    records = _inspection_records(VISIT, SECOND_VISIT)
    for day in _days(date(2025, 6, 30), date(2025, 8, 31)):
        serious = [
            (f.rule_id, f.key)
            for f in _findings(records, day)
            if f.severity.value != "S4" and f.rule_id.startswith(("INSP", "PUB", "REC", "PERS"))
        ]
        assert not serious, (day, serious)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"approval_date": "2025-07-03"}, ("INSP-APPROVAL", "approval")),
        (
            {"scan": {"scan_datetime": "2025-07-02T11:01:00+08:00"}},
            ("INSP-SCAN", "late-scan"),
        ),
        ({"item_codes": ["SC-002"]}, ("INSP-ITEM-PUBLISHED", "item:SC-002")),
    ],
    ids=["approval-a-day-late", "scan-a-minute-late", "item-not-published"],
)
def test_the_inspection_boundaries_hold_one_step_later(
    change: dict[str, Any], expected: tuple[str, str]
) -> None:
    found = _serious(_inspection_records({**VISIT, **change}), date(2025, 7, 31))
    assert found == {expected}


def test_an_inspection_a_day_after_the_certificate_ran_out_is_flagged() -> None:
    late = {**VISIT, "date": "2025-07-03", "approval_date": "2025-07-03"}
    late["scan"] = {"scan_datetime": "2025-07-03T10:30:00+08:00"}
    late["start_datetime"] = "2025-07-03T10:00:00+08:00"
    late["end_datetime"] = "2025-07-03T11:00:00+08:00"
    found = _serious(_inspection_records(late), date(2025, 7, 31))
    assert found == {
        ("INSP-SUBJECT", "officer:OF-LAST"),
        ("INSP-OFFICERS", "officer:OF-LAST"),
        ("INSP-OFFICERS", "two-officers"),
    }


#: A market regulation penalty decision of Monday 2025-09-22 on a company (ordinary procedure,
#: reviewed, noticed, heard), published on 国家企业信用信息公示系统 on Friday 2025-10-24, the
#: 20th working day across National Day (总局令第45号 Art. 9), and later revoked on
#: reconsideration on Tuesday 2025-11-04: the publication is withdrawn, with the reason, on
#: Friday 2025-11-07, the 3rd working day (处罚法 Art. 48(2), Art. 85). Only the publicity and
#: record rules are asked about it (the penalty procedure has its own lawful cases).
PUBLISHED: dict[str, Any] = {
    "id": "PC-1",
    "agency_id": "AG-SJ",
    "party": {"type": "legal_person", "name": "某食品公司", "party_id": "P-1"},
    "decision": {
        "decision_date": "2025-09-22",
        "procedure": "ordinary",
        "penalty_types": ["fine"],
        "fine_amount": "5000.00",
        "social_impact": True,
        "change": {"kind": "revoked", "date": "2025-11-04"},
    },
    "publication": {
        "published_date": "2025-10-24",
        "platform": "国家企业信用信息公示系统",
        "withdrawn_date": "2025-11-07",
        "withdrawal_reason": "原决定经行政复议被撤销",
    },
}


def _publicity_findings(data: dict[str, Any], day: date) -> set[tuple[str, str]]:
    records = [MARKET, build_record("penalty-case", data)]
    return {
        (f.rule_id, f.key)
        for f in _findings(records, day)
        if f.severity.value != "S4" and f.rule_id.startswith(("PUB", "REC"))
    }


def test_a_lawful_publication_gets_no_s1_to_s3_finding_on_any_day() -> None:
    for day in _days(date(2025, 9, 21), date(2025, 12, 31)):
        assert not _publicity_findings(PUBLISHED, day), day


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"published_date": "2025-10-27"}, ("PUB-DECISION", "publication")),
        ({"platform": "某县人民政府网站"}, ("PUB-DECISION", "publication")),
        ({"withdrawn_date": "2025-11-08"}, ("PUB-WITHDRAW", "withdrawal")),
    ],
    ids=["credit-system-a-day-late", "website-after-7-working-days", "withdrawn-a-day-late"],
)
def test_the_publicity_boundaries_hold_one_step_later(
    change: dict[str, Any], expected: tuple[str, str]
) -> None:
    data = {**PUBLISHED, "publication": {**PUBLISHED["publication"], **change}}
    assert _publicity_findings(data, date(2025, 12, 31)) == {expected}


#: A township's officers through 2024 and into 2025: a certificate that runs to 31 December
#: 2024 renewed from 1 January 2025 (a new certificate), exactly 60 training hours in 2024 (the
#: minimum is enough), acting only in their domain and area; one legal reviewer among them.
def _township_officers() -> list[Any]:
    township = build_record(
        "agency",
        id="AG-ZF",
        name="某镇人民政府",
        level="township",
        kind="government",
        sector="township_comprehensive",
    )
    common = {
        "agency_id": "AG-ZF",
        "cert_status": "active",
        "cert_scope": ["township_comprehensive"],
        "cert_region": ["510121101"],
        "active_from": "2023-01-01",
        "training": [{"year": 2024, "hours": 40}, {"year": 2024, "hours": 20}],
    }
    return [
        township,
        *(
            build_record(
                "officer",
                {
                    **common,
                    "id": f"OF-{n}",
                    "name": f"执法员{n}",
                    "cert_number": f"C-{n}",
                    "cert_valid_from": "2020-01-01",
                    "cert_valid_to": "2028-12-31",
                    "is_legal_reviewer": n == 1,
                },
            )
            for n in range(1, 6)
        ),
    ]


def test_lawful_officers_get_no_s1_to_s3_finding_on_any_day() -> None:
    records = _township_officers()
    for day in _days(date(2024, 12, 25), date(2025, 1, 31)):
        serious = {
            (f.rule_id, f.key)
            for f in _findings(records, day)
            if f.severity.value != "S4" and f.rule_id.startswith("PERS")
        }
        assert not serious, (day, serious)
