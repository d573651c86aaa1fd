"""build_report_data: what it reads from the store, the summary, follow-through, filters,
and that it costs a fixed number of queries whatever the number of findings."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import event

from enforcement_supervision._host import build_record
from enforcement_supervision.engine import run_check
from enforcement_supervision.reports import (
    FollowThroughDraft,
    ReportUsageError,
    build_report_data,
    event_readers,
    register_event_reader,
)
from enforcement_supervision.store import FindingEvent, Store

from .conftest import AS_OF, COMPANY, PARTIES, REPORTERS, pii_manager


def rows_by_subject(data: Any) -> dict[str, Any]:
    return {row.subject_text: row for row in data.findings}


def test_summary_and_rows_come_from_the_store(pii_store: Store) -> None:
    data = build_report_data(pii_store, manager=pii_manager())
    summary = data.summary
    assert summary.total == 6
    assert summary.active == 4  # rectified (still detected), two open leads, the complaint
    assert summary.by_severity == {"S1": 0, "S2": 2, "S3": 1, "S4": 1}
    assert summary.by_category["inaction"] == 3
    assert summary.by_status == {"closed": 1, "open": 3, "rectified": 1, "waived": 1}
    assert summary.waived == 1
    assert summary.new_since_last_run == 4  # one run so far: everything active is new
    assert summary.new_since_baseline == 3  # L-04 is in the baseline
    assert data.baseline_size == 1
    assert data.as_of == date.fromisoformat(AS_OF)  # the last run's evaluation day
    assert data.last_run is not None
    assert data.last_run.outcome == "ok"
    assert [row.severity for row in data.findings] == sorted(row.severity for row in data.findings)
    agency = data.agencies["AG-1"]
    assert (agency.name, agency.supervisor_name) == ("测试镇人民政府", "测试县司法局")
    assert data.rule("T-PII-LEAD").title_zh == "线索逾期未作出立案决定"
    assert data.rule("T-PII-LEAD").help_uri.endswith("rules/inaction.html#t-pii-lead")


def test_follow_through_is_read_from_the_events(pii_store: Store) -> None:
    rows = rows_by_subject(build_report_data(pii_store, manager=pii_manager()))
    notified = rows["lead/L-01"]
    assert notified.status == "rectified"
    assert notified.follow.notified_on == date(2025, 4, 10)
    assert notified.follow.notice_number == "测司监〔2025〕7号"
    assert notified.follow.rectification_due == date(2025, 4, 30)
    assert notified.deadline == date(2025, 4, 30)  # the notified deadline wins over `due`
    assert notified.follow.rectified_on == date(2025, 4, 20)
    assert notified.follow.verified_by == "核验员甲"
    assert [e.kind for e in notified.follow.events] == ["notified", "rectified", "verified"]
    assert notified.overdue  # still detected after its deadline

    waived = rows["lead/L-02"]
    assert waived.waived
    assert not waived.active
    assert waived.follow.waiver is not None
    assert waived.follow.waiver.approved_by == "分管局长"
    assert waived.follow.waiver.requested_by == "执法监督科"
    assert waived.follow.waiver.expires == date(2026, 6, 30)
    assert "误报" in waived.follow.waiver.justification
    assert not waived.overdue

    closed = rows["lead/L-03"]
    assert closed.follow.closed_on == date(2025, 5, 20)
    assert closed.follow.verified_by == "核验员乙"

    baseline = rows["lead/L-04"]
    assert baseline.in_baseline
    assert baseline.new_since_baseline is False
    assert baseline.overdue
    assert baseline.deadline == date(2025, 1, 21)


def test_an_event_reader_can_be_added(pii_store: Store) -> None:
    def reader(draft: FollowThroughDraft, item: FindingEvent, mask: Any) -> None:
        draft.verified_by = f"checked: {item.actor}"

    before = event_readers()
    register_event_reader("verified", reader)
    try:
        rows = rows_by_subject(build_report_data(pii_store, manager=pii_manager()))
        assert rows["lead/L-01"].follow.verified_by == "checked: 核验员甲"
    finally:
        register_event_reader("verified", before["verified"])


def test_filters_by_agency_and_period(pii_store: Store) -> None:
    by_agency = build_report_data(pii_store, agency="AG-2", manager=pii_manager())
    assert {row.agency_id for row in by_agency.findings} == {"AG-2"}
    assert by_agency.summary.total == 2
    period = build_report_data(
        pii_store, date_from="2025-03-01", date_to="2025-03-31", manager=pii_manager()
    )
    assert {row.subject_text for row in period.findings} == {"lead/L-01", "lead/L-02"}
    assert period.date_from == date(2025, 3, 1)


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"lang": "fr"}, "language"),
        ({"audience": "press"}, "audience"),
        ({"date_from": "2025-13-01"}, "--from"),
        ({"date_from": "2025-05-01", "date_to": "2025-04-01"}, "starts"),
    ],
)
def test_bad_options_are_usage_errors(
    pii_store: Store, options: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(ReportUsageError, match=fragment):
        build_report_data(pii_store, manager=pii_manager(), **options)


def test_masking_happens_once_in_the_data(pii_store: Store) -> None:
    public = rows_by_subject(build_report_data(pii_store, audience="public", manager=pii_manager()))
    row = public["lead/L-01"]
    assert REPORTERS["L-01"] not in row.message("zh")
    assert PARTIES["L-01"] not in row.message("en")
    assert row.finding.reasons.facts["reporter_name"].startswith("举报人-")
    assert row.finding.reasons.facts["party"]["id_number"] == "3701**********1234"
    assert row.finding.evidence[0].value.startswith("举报人-")  # the complainant
    assert public["lead/L-05"].message("zh").startswith(COMPANY)  # companies keep names
    agency = rows_by_subject(build_report_data(pii_store, audience="agency", manager=pii_manager()))
    assert PARTIES["L-01"] in agency["lead/L-01"].message("zh")  # parties stay for the agency
    assert REPORTERS["L-01"] not in agency["lead/L-01"].message("zh")
    # pseudonyms are stable: the same person gets the same one in every report
    again = rows_by_subject(build_report_data(pii_store, audience="agency", manager=pii_manager()))
    assert again["lead/L-01"].message("zh") == agency["lead/L-01"].message("zh")


def test_an_empty_store_gives_an_empty_report(db_url: str) -> None:
    with Store.open(db_url) as store:
        data = build_report_data(store, manager=pii_manager(), include_passed=True)
    assert data.findings == ()
    assert data.last_run is None
    assert data.summary.active == 0
    assert data.passed == {}


def _count_queries(store: Store) -> tuple[list[str], Any]:
    statements: list[str] = []

    def listener(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", listener)
    return statements, listener


def _leads(count: int) -> list[Any]:
    return [
        build_record(
            "lead",
            id=f"L-{index:04d}",
            agency_id=f"AG-{index % 3}",
            received_date="2025-03-03",
            source="complaint",
            reporter_name=f"举报人{index}",
            reporter_phone="13912345678",
            party={"type": "natural_person", "name": f"当事人{index}"},
        )
        for index in range(count)
    ]


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_no_query_per_finding(db_url: str, audience: str) -> None:
    counts = []
    for size in (5, 120):  # the first 5 leads stay unchanged the second time
        with Store.open(db_url) as store:
            store.put_records(_leads(size))
            run_check(store, as_of=AS_OF, manager=pii_manager())
            statements, listener = _count_queries(store)
            data = build_report_data(
                store,
                audience=audience,
                manager=pii_manager(),
                include_passed=True,
                now=datetime(2025, 6, 2, tzinfo=UTC),
            )
            event.remove(store.engine, "before_cursor_execute", listener)
            assert len(data.findings) == size
            counts.append(len(statements))
    assert counts[0] == counts[1], counts
