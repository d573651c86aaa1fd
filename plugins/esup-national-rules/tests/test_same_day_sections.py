"""The same day in the inspection, publicity and personnel rules: a boundary test per decision.

Dates carry no time. For every comparison of two dates in these sections the text decides what
a same-day pair means (docs/catalog/interpretations.md#same-day-inspection-publicity-personnel);
each decision is documented at the comparison and in the rule's docs, and pinned here by a case
on each side of the boundary, with the agency and the date of the facts of every finding. The
cases are built by hand from the instruments and the official 2025 holiday schedule.
"""

from __future__ import annotations

from typing import Any

import pytest
from esup_national_rules import inspection, personnel, publicity

from enforcement_supervision._host import make_groups
from enforcement_supervision.rules import Finding
from enforcement_supervision.testing import assert_flags, assert_passes, build_record

AGENCY = "AG-SJ"
ENTERPRISE = {"type": "legal_person", "name": "某食品厂", "party_id": "ENT-E"}


def visit(ident: str = "I-1", day: str = "2025-07-02", **fields: Any) -> Any:
    data = {
        "id": ident,
        "agency_id": AGENCY,
        "date": day,
        "type": "routine",
        "enterprise": ENTERPRISE,
        **fields,
    }
    return build_record("inspection", data)


def flags(rule: Any, subject: Any, *, fact_date: str, **kwargs: Any) -> list[Finding]:
    """``assert_flags`` that also checks the agency of every finding."""
    kwargs.setdefault("as_of", "2025-12-31")
    found = assert_flags(rule, subject, fact_date=fact_date, **kwargs)
    assert {f.agency_id for f in found} == {AGENCY}
    return found


def passes(rule: Any, subject: Any, **kwargs: Any) -> None:
    kwargs.setdefault("as_of", "2025-12-31")
    assert_passes(rule, subject, **kwargs)


def officer(ident: str, valid_to: str) -> Any:
    return build_record(
        "officer",
        {
            "id": ident,
            "agency_id": AGENCY,
            "name": "执法员",
            "cert_number": f"C-{ident}",
            "cert_status": "active",
            "cert_valid_from": "2020-01-01",
            "cert_valid_to": valid_to,
        },
    )


# -- INSP-SUBJECT, INSP-OFFICERS: a certificate is valid on its last day ------------------------


@pytest.mark.parametrize(("valid_to", "flagged"), [("2025-07-02", False), ("2025-07-01", True)])
def test_an_inspection_on_the_last_day_of_a_certificate_is_lawful(
    valid_to: str, flagged: bool
) -> None:
    record = visit(officer_ids=["OF-1", "OF-2"], certificate_shown=True)
    officers = [officer("OF-1", valid_to), officer("OF-2", "2027-12-31")]
    for rule, key in (
        (inspection.inspection_subject, "officer:OF-1"),
        (inspection.inspection_officers, "officer:OF-1"),
    ):
        if flagged:
            flags(rule, record, records=officers, key=key, fact_date="2025-07-02")
        else:
            passes(rule, record, records=officers)


# -- INSP-ITEM-PUBLISHED: a list published on the inspection day counts ------------------------


@pytest.mark.parametrize(("published", "flagged"), [("2025-07-02", False), ("2025-07-03", True)])
def test_a_list_published_on_the_inspection_day_counts(published: str, flagged: bool) -> None:
    items = build_record(
        "matter-list",
        {
            "id": "ML-1",
            "agency_id": AGENCY,
            "kind": "inspection_items",
            "valid_from": "2025-01-01",
            "published_date": published,
            "items": [{"code": "SC-001", "name": "食品经营许可条件检查"}],
        },
    )
    record = visit(item_codes=["SC-001"])
    params = {"item_list_ids": ["ML-1"]}
    rule = inspection.inspection_item_published
    if flagged:
        flags(
            rule, record, records=[items], params=params, key="item:SC-001", fact_date="2025-07-02"
        )
    else:
        passes(rule, record, records=[items], params=params)


# -- INSP-APPROVAL: an approval on the inspection day is prior; the emergency period's last day -


@pytest.mark.parametrize(("approved", "flagged"), [("2025-07-02", False), ("2025-07-03", True)])
def test_an_approval_on_the_inspection_day_is_prior(approved: str, flagged: bool) -> None:
    record = visit(approval_date=approved)
    if flagged:
        (finding,) = flags(
            inspection.inspection_approval, record, key="approval", fact_date="2025-07-02"
        )
        assert "2025-07-03" in finding.message_zh
    else:
        passes(inspection.inspection_approval, record)


@pytest.mark.parametrize(
    ("approved", "fact_date"),
    [("2025-07-03", None), ("2025-07-04", "2025-07-04"), (None, "2025-07-04")],
)
def test_an_emergency_approval_on_the_last_day_is_in_time(
    approved: str | None, fact_date: str | None
) -> None:
    record = visit(emergency=True, approval_date=approved)
    if fact_date is None:
        passes(inspection.inspection_approval, record)
    else:
        (finding,) = flags(
            inspection.inspection_approval, record, key="approval", fact_date=fact_date
        )
        assert "期限届满日 2025-07-03（当日仍在期限内）" in finding.message_zh


# -- INSP-SCAN: a scan at the minute the officers left is in time -------------------------------


@pytest.mark.parametrize(
    ("scanned", "flagged"),
    [("2025-07-02T11:00:00+08:00", False), ("2025-07-02T11:01:00+08:00", True)],
)
def test_a_scan_at_the_minute_of_leaving_is_in_time(scanned: str, flagged: bool) -> None:
    record = visit(
        emergency=True,
        start_datetime="2025-07-02T10:00:00+08:00",
        end_datetime="2025-07-02T11:00:00+08:00",
        scan={"scan_datetime": scanned},
    )
    params = {"scan_required": True}
    if flagged:
        flags(
            inspection.inspection_scan,
            record,
            params=params,
            key="late-scan",
            fact_date="2025-07-02",
        )
    else:
        passes(inspection.inspection_scan, record, params=params)


# -- INSP-REMOTE: a filing on the last day of the period is in time -----------------------------

_COUNTY = build_record(
    "agency",
    {
        "id": AGENCY,
        "name": "某县市场监督管理局",
        "level": "county",
        "kind": "department",
        "jurisdiction": ["510121"],
    },
)


@pytest.mark.parametrize(
    ("filed", "fact_date"),
    [("2025-07-22", None), ("2025-07-23", "2025-07-23"), (None, "2025-07-23")],
)
def test_an_out_of_area_filing_on_the_20th_day_is_in_time(
    filed: str | None, fact_date: str | None
) -> None:
    record = visit(
        enterprise={**ENTERPRISE, "region_code": "510122"}, out_of_area_filing_date=filed
    )
    params = {"filing_required": True}
    rule = inspection.inspection_remote
    if fact_date is None:
        passes(rule, record, records=[_COUNTY], params=params)
    else:
        (finding,) = flags(
            rule, record, records=[_COUNTY], params=params, key="out-of-area", fact_date=fact_date
        )
        assert "期限届满日 2025-07-22（当日仍在期限内）" in finding.message_zh


# -- INSP-MERGE: the 30th day is within the window, the 31st is not -----------------------------


@pytest.mark.parametrize(
    ("second", "flagged"), [("2025-07-02", True), ("2025-08-01", True), ("2025-08-02", False)]
)
def test_the_merge_window_includes_its_last_day(second: str, flagged: bool) -> None:
    group = make_groups(
        inspection.inspection_merge, [visit("I-1", "2025-07-02"), visit("I-2", second)]
    )[0]
    if flagged:
        (finding,) = flags(inspection.inspection_merge, group, key="merge:I-1", fact_date=second)
        assert finding.subject.record_id == "I-2"
    else:
        passes(inspection.inspection_merge, group)


# -- INSP-FREQ-CAP: caps bind from 2025-06-30 ---------------------------------------------------


@pytest.mark.parametrize(("third", "flagged"), [("2025-06-29", False), ("2025-06-30", True)])
def test_caps_bind_inspections_from_the_day_they_had_to_be_published(
    third: str, flagged: bool
) -> None:
    health = build_record(
        "agency",
        {
            "id": AGENCY,
            "name": "某县卫生健康局",
            "level": "county",
            "kind": "department",
            "sector": "health",
        },
    )
    visits = [visit("I-1", "2025-03-10"), visit("I-2", "2025-05-15"), visit("I-3", third)]
    group = make_groups(inspection.inspection_frequency_cap, visits)[0]
    params = {"caps": {"health": {"county": 2}}}
    rule = inspection.inspection_frequency_cap
    if flagged:
        (finding,) = flags(rule, group, records=[health], params=params, fact_date=third)
        assert finding.message_zh == (
            "企业 ENT-E 2025 年第 3 次受卫生健康（县级）检查，超过年度上限 2 次"
        )
        assert "health" not in finding.message_zh
    else:
        passes(rule, group, records=[health], params=params)


# -- INSP-REPEAT: the same inspector's window includes its last day -----------------------------


@pytest.mark.parametrize(("fourth", "flagged"), [("2026-01-10", True), ("2026-01-11", False)])
def test_the_same_inspector_window_includes_its_last_day(fourth: str, flagged: bool) -> None:
    days = ("2025-01-10", "2025-04-10", "2025-08-10", fourth)
    visits = [
        visit(f"I-{n}", day, officer_ids=["OF-X"], result="none") for n, day in enumerate(days)
    ]
    group = make_groups(inspection.inspection_repeat, visits)[0]
    rule = inspection.inspection_repeat
    if flagged:
        (finding,) = flags(
            rule, group, as_of="2026-02-01", key="same-inspector:OF-X", fact_date=fourth
        )
        assert finding.subject.record_id == "I-3"
    else:
        passes(rule, group, as_of="2026-02-01")


# -- PUB-DECISION: the last working day of the period is in time -------------------------------


def penalty(published: str | None = None, platform: str | None = None, **decision: Any) -> Any:
    data: dict[str, Any] = {
        "id": "P-1",
        "agency_id": AGENCY,
        "decision": {
            "decision_date": "2025-09-22",
            "procedure": "ordinary",
            "penalty_types": ["fine"],
            "fine_amount": "5000.00",
            **decision,
        },
    }
    if published is not None:
        data["publication"] = {"published_date": published, "platform": platform}
    return build_record("penalty-case", data)


@pytest.mark.parametrize(
    ("published", "platform", "flagged"),
    [
        ("2025-09-30", "某县人民政府网站", False),
        ("2025-10-09", "某县人民政府网站", True),
        ("2025-10-24", "国家企业信用信息公示系统", False),
        ("2025-10-27", "国家企业信用信息公示系统", True),
    ],
)
def test_a_publication_on_the_last_working_day_is_in_time(
    published: str, platform: str, flagged: bool
) -> None:
    # 7 working days from Monday 2025-09-22 end on 09-30 (Sunday 09-28 is a make-up working day);
    # 20 working days run across National Day to Friday 10-24.
    record = penalty(published, platform)
    rule = publicity.decision_publication
    if flagged:
        flags(rule, record, key="publication", fact_date=published)
    else:
        passes(rule, record)


@pytest.mark.parametrize(("revoked", "flagged"), [("2025-09-30", False), ("2025-10-09", True)])
def test_a_revocation_on_the_last_day_lifts_the_duty_to_publish(
    revoked: str, flagged: bool
) -> None:
    record = penalty(change={"kind": "revoked", "date": revoked})
    rule = publicity.decision_publication
    if flagged:
        flags(rule, record, as_of="2025-10-05", key="publication", fact_date="2025-10-01")
    else:
        passes(rule, record, as_of="2025-10-05")


# -- PUB-WITHDRAW: a publication of the day of the change; the 3rd working day --------------------


@pytest.mark.parametrize(
    ("published", "withdrawn", "fact_date"),
    [
        ("2025-09-30", "2025-10-11", None),  # the 3rd working day (Saturday 10-11 is worked)
        ("2025-09-30", "2025-10-13", "2025-10-13"),
        ("2025-09-30", None, "2025-10-12"),
        ("2025-10-01", None, None),  # published after the change: not judged
    ],
)
def test_a_publication_of_the_day_of_the_change_must_be_withdrawn_in_3_working_days(
    published: str, withdrawn: str | None, fact_date: str | None
) -> None:
    record = build_record(
        "penalty-case",
        {
            "id": "P-1",
            "agency_id": AGENCY,
            "decision": {
                "decision_date": "2025-08-20",
                "procedure": "ordinary",
                "penalty_types": ["warning"],
                "change": {"kind": "revoked", "date": "2025-09-30"},
            },
            "publication": {
                "published_date": published,
                "withdrawn_date": withdrawn,
                "withdrawal_reason": "原决定被撤销" if withdrawn else None,
            },
        },
    )
    rule = publicity.publication_withdrawal
    if fact_date is None:
        passes(rule, record)
    else:
        (finding,) = flags(rule, record, key="withdrawal", fact_date=fact_date)
        assert "期限届满日 2025-10-11（当日仍在期限内）" in finding.message_zh


# -- PUB-PENALTY-SCOPE: the grace period's last day ----------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "flagged"), [("2025-03-12T23:00:00+08:00", False), ("2025-03-13", True)]
)
def test_an_unpublished_decision_of_impact_is_flagged_the_day_after_the_grace_period(
    as_of: str, flagged: bool
) -> None:
    record = penalty(decision_date="2025-03-03", social_impact=True)
    rule = publicity.penalty_publication_scope
    if flagged:
        flags(rule, record, as_of=as_of, key="unpublished", fact_date="2025-03-13")
    else:
        passes(rule, record, as_of=as_of)


# -- PUB-GOVINFO: the 7th and the 20th working day -------------------------------------------------


@pytest.mark.parametrize(
    ("notice", "reply", "expected"),
    [
        ("2025-09-30", "2025-10-24", set()),
        ("2025-10-09", "2025-10-24", {("correction-notice", "2025-10-09")}),
        (None, "2025-10-27", {("reply", "2025-10-27")}),
    ],
)
def test_govinfo_acts_on_their_last_working_day_are_in_time(
    notice: str | None, reply: str, expected: set[tuple[str, str]]
) -> None:
    data: dict[str, Any] = {
        "id": "R-1",
        "agency_id": AGENCY,
        "received_date": "2025-09-22",
        "reply_date": reply,
    }
    if notice is not None:
        # The clarified request arrives the day the notice went out: the reply period starts
        # again from it (Art. 30), so the reply of 10-24 is in time either way.
        data |= {"correction_notice_date": notice, "correction_received_date": notice}
    record = build_record("information-request", data)
    rule = publicity.government_information
    if not expected:
        passes(rule, record)
        return
    found = flags(rule, record, fact_date=min(day for _, day in expected))
    assert {(f.key, f.fact_date.isoformat()) for f in found} == expected


# -- PERS-CERT-EXPIRING: valid on its last day; PERS-TRAINING-60H: a year ends on 31 December ----


@pytest.mark.parametrize(
    ("as_of", "kind", "fact_date"),
    [
        ("2025-05-30T23:00:00+08:00", None, None),
        ("2025-05-31", "expiring", "2025-05-31"),
        ("2025-06-30T23:00:00+08:00", "expiring", "2025-05-31"),
        ("2025-07-01", "expired", "2025-07-01"),
    ],
)
def test_a_certificate_is_valid_on_its_last_day(
    as_of: str, kind: str | None, fact_date: str | None
) -> None:
    record = officer("OF-1", "2025-06-30")
    rule = personnel.certificate_expiring
    if kind is None:
        passes(rule, record, as_of=as_of)
        return
    (finding,) = flags(rule, record, as_of=as_of, key="expiry:2025-06-30", fact_date=fact_date)
    assert ("已于" in finding.message_zh) is (kind == "expired")


@pytest.mark.parametrize(
    ("as_of", "flagged"), [("2025-12-31T23:00:00+08:00", False), ("2026-01-01", True)]
)
def test_a_year_of_training_is_judged_the_day_after_it_ends(as_of: str, flagged: bool) -> None:
    record = build_record(
        "officer",
        {
            "id": "OF-1",
            "agency_id": AGENCY,
            "name": "执法员",
            "training": [{"year": 2025, "hours": 59.5}],
        },
    )
    rule = personnel.training_hours
    if flagged:
        (finding,) = flags(rule, record, as_of=as_of, key="training:2025", fact_date="2026-01-01")
        assert finding.message_zh == "执法人员 OF-1 2025 年培训 59.5 学时，不足 60 学时"
    else:
        passes(rule, record, as_of=as_of)


@pytest.mark.parametrize(
    ("as_of", "flagged"), [("2026-03-31T23:00:00+08:00", False), ("2026-04-01", True)]
)
def test_an_annual_review_is_due_by_the_end_of_march(as_of: str, flagged: bool) -> None:
    record = build_record(
        "officer",
        {
            "id": "OF-1",
            "agency_id": AGENCY,
            "name": "执法员",
            "cert_number": "C-1",
            "cert_status": "active",
            "cert_valid_from": "2025-01-01",
            "cert_valid_to": "2029-12-31",
        },
    )
    rule = personnel.certificate_expiring
    params = {"annual_review_required": True}
    if flagged:
        flags(
            rule,
            record,
            as_of=as_of,
            params=params,
            key="annual-review:2025",
            fact_date="2026-04-01",
        )
    else:
        passes(rule, record, as_of=as_of, params=params)
