"""The same day in the petition, remedy, decision and document rules: one boundary test per
strict date comparison (issue 15; as test_same_day.py does for the penalty rules).

Dates carry no time. For each comparison of two dates the law decides what a same-day pair
means; the decision is written at the comparison and in the rule's docs, and pinned here by a
case on each side of the boundary. Cases are built by hand from the texts (信访工作条例,
行政复议法, 行政诉讼法 and 法释〔2018〕1号, 重大行政决策程序暂行条例, 优化营商环境条例) and the
official 2025 schedule, not from the sample township.

* A period's last day is in time (it ends at 24:00 of that day, 民法典 Art. 203(2); 民事诉讼法
  Art. 85): the act on the last day passes, the act the day after is late and dated that day.
* An extension approved on the last day of the period it extends counts; a hearing that begins
  on the last day of a re-check period stops the clock.
* A step the law puts before a meeting, an issue or a signature (expert review, risk
  assessment, legality opinion, the collective discussion itself) counts as before it when it
  falls on the same day — the order within the day is unknown, as for the legal review of
  penalties.
* Hearing materials for a major decision must arrive "7日前": seven days before is in time,
  six is late, the hearing day itself is late.
* A consultation of exactly 30 days is long enough; 29 is not.
"""

from __future__ import annotations

from typing import Any

import pytest
from esup_national_rules import litigation, major_decisions, normative, petitions, reconsideration

from enforcement_supervision.rules import Rule
from enforcement_supervision.testing import assert_flags, assert_passes, build_record, evaluate

AS_OF = "2025-12-31"
RULES: dict[str, Rule] = {
    rule.id: rule
    for module in (petitions, reconsideration, litigation, major_decisions, normative)
    for rule in module.RULES
}


def _petition(**fields: Any) -> Any:
    data = {"id": "XF-1", "agency_id": "AG-QHZ", "channel": "direct", **fields}
    return build_record("petition", data)


def _boundary(
    rule_id: str, late: Any, in_time: Any, *, key: str, fact_date: str, **kw: Any
) -> None:
    assert_passes(RULES[rule_id], in_time, as_of=AS_OF, **kw)
    assert_flags(RULES[rule_id], late, as_of=AS_OF, key=key, fact_date=fact_date, **kw)


# -- 信访工作条例 ----------


def test_routing_on_the_make_up_saturday_is_in_time_and_the_day_after_is_late() -> None:
    # Received Friday 2025-01-24: the 15th day is Saturday 02-08, a make-up working day.
    def record(routed: str) -> Any:
        return _petition(received_date="2025-01-24", petition_office=True, routed_date=routed)

    _boundary(
        "PET-ROUTE-15D",
        record("2025-02-09"),
        record("2025-02-08"),
        key="route",
        fact_date="2025-02-09",
    )


def test_notice_on_the_rolled_day_is_in_time_with_an_advisory_only_past_the_strict_day() -> None:
    # E14: received 2025-01-20; the 15th day 02-04 ends the Spring Festival block, rolled to 02-05.
    def record(notice: str) -> Any:
        return _petition(received_date="2025-01-20", notice_date=notice)

    _boundary(
        "PET-NOTICE-15D",
        record("2025-02-06"),
        record("2025-02-05"),
        key="notice",
        fact_date="2025-02-06",
    )
    # On the strict day itself: no advisory; the day after it: the S4 advisory note.
    on_strict = evaluate(RULES["PET-NOTICE-15D"], record("2025-02-04"), as_of=AS_OF)
    assert (on_strict.findings, on_strict.notes) == ((), ())
    after_strict = evaluate(RULES["PET-NOTICE-15D"], record("2025-02-05"), as_of=AS_OF)
    assert [note.kind for note in after_strict.notes] == ["advisory"]


def test_objection_on_the_fifth_working_day_is_in_time() -> None:
    # Received Friday 2025-09-26: 09-28 (make-up), 09-29, 09-30, 10-09, 10-10.
    def record(objected: str) -> Any:
        return _petition(
            received_date="2025-09-26",
            channel="referred",
            within_powers=False,
            objection_date=objected,
        )

    _boundary(
        "PET-OBJECTION-5WD",
        record("2025-10-11"),
        record("2025-10-10"),
        key="objection",
        fact_date="2025-10-11",
    )


def test_conclusion_on_the_rolled_60th_day_and_an_extension_approved_that_day() -> None:
    # Accepted 2025-02-05: day 60 is Sunday 04-06 (清明 block), rolled to Monday 04-07.
    def record(concluded: str, **fields: Any) -> Any:
        return _petition(
            received_date="2025-01-20",
            accepted_date="2025-02-05",
            concluded_date=concluded,
            **fields,
        )

    _boundary(
        "PET-HANDLE-60D",
        record("2025-04-08"),
        record("2025-04-07"),
        key="handle",
        fact_date="2025-04-08",
    )

    def extended(approved: str) -> Any:
        extension = {
            "days": 30,
            "approved_date": approved,
            "approved_by_head": True,
            "notified_date": approved,
        }
        return record("2025-05-06", extension=extension)

    # Approved on the last day of the 60 days (the rolled 04-07): it counts, 90 days end 05-06.
    assert_passes(RULES["PET-HANDLE-60D"], extended("2025-04-07"), as_of=AS_OF)
    # Approved the day after: the 60 days had already run out.
    assert_flags(RULES["PET-HANDLE-60D"], extended("2025-04-08"), as_of=AS_OF, key="handle")


def test_review_opinion_on_the_rolled_30th_day_is_in_time() -> None:
    # Request received Thursday 2025-04-03: day 30 is 05-03 (Labour Day block), rolled to 05-06.
    def record(opinion: str) -> Any:
        review = {"request_received_date": "2025-04-03", "opinion_date": opinion}
        return _petition(received_date="2025-01-20", review=review)

    _boundary(
        "PET-REVIEW-30D",
        record("2025-05-07"),
        record("2025-05-06"),
        key="review",
        fact_date="2025-05-07",
    )


@pytest.mark.parametrize(("hearing", "flagged"), [("2025-07-31", False), ("2025-08-01", True)])
def test_a_recheck_hearing_that_begins_on_the_last_day_stops_the_clock(
    hearing: str, flagged: bool
) -> None:
    # Request received 2025-07-01: day 30 is Thursday 07-31. A one-day hearing on 07-31 adds a
    # day (Friday 08-01); a hearing that begins on 08-01, after the period, adds nothing.
    recheck = {
        "request_received_date": "2025-07-01",
        "hearing_start_date": hearing,
        "opinion_date": "2025-08-01",
    }
    record = _petition(received_date="2025-01-20", recheck=recheck)
    if flagged:
        assert_flags(
            RULES["PET-RECHECK-30D"], record, as_of=AS_OF, key="recheck", fact_date="2025-08-01"
        )
    else:
        assert_passes(RULES["PET-RECHECK-30D"], record, as_of=AS_OF)


# -- 行政复议法 ----------


def test_reply_and_evidence_on_the_tenth_working_day_are_in_time() -> None:
    # Copy received Friday 2025-09-26: the tenth working day is 10-16.
    def record(reply: str, evidence: str | None = None) -> Any:
        data = {"id": "FY-1", "agency_id": "AG-QHZ", "copy_received_date": "2025-09-26"}
        data["reply_date"] = reply
        if evidence is not None:
            data["evidence_date"] = evidence
        return build_record("reconsideration", data)

    _boundary(
        "REV-REPLY",
        record("2025-10-17"),
        record("2025-10-16"),
        key="reply",
        fact_date="2025-10-17",
    )
    # The evidence on the last day with a reply before it: in time; the evidence a day late
    # makes the whole reply late, dated the day the evidence came.
    assert_passes(RULES["REV-REPLY"], record("2025-10-13", "2025-10-16"), as_of=AS_OF)
    assert_flags(
        RULES["REV-REPLY"],
        record("2025-10-13", "2025-10-17"),
        as_of=AS_OF,
        key="reply",
        fact_date="2025-10-17",
    )


def test_decision_on_the_rolled_day_and_an_extension_approved_on_it() -> None:
    # Accepted 2025-03-03: day 60 is 05-02 (Labour Day block), rolled to Tuesday 05-06.
    def record(decided: str, **fields: Any) -> Any:
        data = {
            "id": "FY-2",
            "agency_id": "AG-QHZ",
            "role": "reviewing_organ",
            "accepted_date": "2025-03-03",
            "decision_date": decided,
            **fields,
        }
        return build_record("reconsideration", data)

    _boundary(
        "REV-DECISION",
        record("2025-05-07"),
        record("2025-05-06"),
        key="decision",
        fact_date="2025-05-07",
    )

    def extended(approved: str) -> Any:
        extension = {
            "days": 30,
            "approved_date": approved,
            "approved_by_head": True,
            "notified_in_writing": True,
            "notified_date": approved,
        }
        # 90 days end Sunday 06-01, inside the 端午 block, rolled over to Tuesday 06-03.
        return record("2025-06-03", extension=extension)

    assert_passes(RULES["REV-DECISION"], extended("2025-05-06"), as_of=AS_OF)
    assert_flags(RULES["REV-DECISION"], extended("2025-05-07"), as_of=AS_OF, key="decision")


# -- 行政诉讼法 ----------


def test_a_defence_on_the_make_up_saturday_is_in_time_the_monday_is_late() -> None:
    # Copy received Friday 2025-09-26: day 15 is Saturday 10-11, a make-up working day. The
    # evidence came with the defence on time; only the defence statement is judged here.
    def record(defence: str) -> Any:
        data = {
            "id": "SS-1",
            "agency_id": "AG-QHZ",
            "complaint_copy_received_date": "2025-09-26",
            "evidence_date": "2025-10-10",
            "defence_date": defence,
        }
        return build_record("lawsuit", data)

    _boundary(
        "LIT-DEFENCE-15D",
        record("2025-10-13"),
        record("2025-10-11"),
        key="defence",
        fact_date="2025-10-13",
    )


@pytest.mark.parametrize(
    ("session", "keys"),
    [
        ("2018-02-07", ["2018-02-07:lawyers-only"]),
        ("2018-02-08", ["2018-02-08:lawyers-only", "2018-02-08:trigger"]),
    ],
)
def test_the_interpretation_applies_from_its_first_day(session: str, keys: list[str]) -> None:
    # 法释〔2018〕1号 took effect on 2018-02-08: a session that day is judged under Art. 129.
    data = {
        "id": "SS-2",
        "agency_id": "AG-QHZ",
        "complaint_copy_received_date": "2017-12-01",
        "high_social_concern": True,
        "sessions": [{"date": session, "appeared": ["lawyer"]}],
    }
    outcome = evaluate(RULES["LIT-HEAD-APPEAR"], build_record("lawsuit", data), as_of=AS_OF)
    assert sorted(f.key for f in outcome.findings) == keys
    assert {str(f.fact_date) for f in outcome.findings} == {session}


# -- 重大行政决策程序暂行条例 ----------


def _decision(**fields: Any) -> Any:
    data = {"id": "JC-1", "agency_id": "AG-QHZ", "title": "集镇农贸市场搬迁改造", **fields}
    return build_record("major-decision", data)


@pytest.mark.parametrize(("published", "flagged"), [("2025-10-17", False), ("2025-10-18", True)])
def test_a_catalog_published_on_the_decision_day_counts_as_published(
    published: str, flagged: bool
) -> None:
    record = _decision(
        decision_type="public_project",
        catalog_list_id="ML-MD",
        catalog_item_code="ZDJC-02",
        decision_date="2025-10-17",
    )
    catalog = build_record(
        "matter-list",
        {
            "id": "ML-MD",
            "agency_id": "AG-QHZ",
            "kind": "major_decision_catalog",
            "valid_from": "2025-01-01",
            "published_date": published,
            "items": [{"code": "ZDJC-02", "name": "农贸市场搬迁"}],
        },
    )
    if flagged:
        assert_flags(
            RULES["DEC-CATALOG"],
            record,
            as_of=AS_OF,
            records=[catalog],
            key="catalog",
            fact_date="2025-10-17",
        )
    else:
        assert_passes(RULES["DEC-CATALOG"], record, as_of=AS_OF, records=[catalog])


@pytest.mark.parametrize("rule_id", ["DEC-PUBLIC-30D", "NORM-CONSULT-30D"])
def test_a_consultation_of_exactly_thirty_days_is_long_enough(rule_id: str) -> None:
    def record(end: str) -> Any:
        consultation = {"start_date": "2025-03-03", "end_date": end}
        if rule_id == "DEC-PUBLIC-30D":
            return _decision(consultation=consultation)
        data = {
            "id": "GF-1",
            "agency_id": "AG-QHZ",
            "title": "集镇经营摊位管理办法",
            "business_related": True,
            "issued_date": "2025-04-14",
            "consultation": consultation,
        }
        return build_record("normative-document", data)

    _boundary(
        rule_id,
        record("2025-04-01"),
        record("2025-04-02"),
        key="consultation",
        fact_date="2025-03-03",
    )


@pytest.mark.parametrize(
    ("delivered", "counting", "flagged"),
    [
        ("2025-09-16", "event_day_counts", False),  # 09-16 + 7 days = the hearing day
        ("2025-09-17", "event_day_counts", True),
        ("2025-09-23", "event_day_counts", True),  # on the hearing day itself
        ("2025-09-15", "clear_days", False),
        ("2025-09-16", "clear_days", True),
    ],
)
def test_hearing_materials_seven_days_before(delivered: str, counting: str, flagged: bool) -> None:
    record = _decision(hearing={"held_date": "2025-09-23", "materials_delivered_date": delivered})
    params = {"hearing_notice_counting": counting}
    if flagged:
        assert_flags(
            RULES["DEC-HEARING-7D"],
            record,
            as_of=AS_OF,
            params=params,
            key="hearing",
            fact_date=delivered,
        )
    else:
        assert_passes(RULES["DEC-HEARING-7D"], record, as_of=AS_OF, params=params)


MEETING = {"date": "2025-10-17", "meeting_type": "joint"}


@pytest.mark.parametrize(("day", "flagged"), [("2025-10-17", False), ("2025-10-18", True)])
def test_an_expert_review_on_the_meeting_day_counts_as_before_it(day: str, flagged: bool) -> None:
    record = _decision(
        technical=True,
        expert_review={"date": day},
        discussion=MEETING,
        decision_date="2025-10-17",
    )
    if flagged:
        assert_flags(
            RULES["DEC-EXPERT"], record, as_of=AS_OF, key="missing", fact_date="2025-10-17"
        )
    else:
        assert_passes(RULES["DEC-EXPERT"], record, as_of=AS_OF)


@pytest.mark.parametrize(("day", "flagged"), [("2025-10-17", False), ("2025-10-18", True)])
def test_a_risk_report_on_the_meeting_day_counts_as_before_it(day: str, flagged: bool) -> None:
    record = _decision(
        stability_risk=True,
        risk_assessment={"date": day},
        discussion=MEETING,
        decision_date="2025-10-17",
    )
    if flagged:
        assert_flags(RULES["DEC-RISK"], record, as_of=AS_OF, key="missing", fact_date="2025-10-17")
    else:
        assert_passes(RULES["DEC-RISK"], record, as_of=AS_OF)


@pytest.mark.parametrize(("day", "flagged"), [("2025-10-17", False), ("2025-10-18", True)])
def test_a_legality_opinion_on_the_meeting_day_counts_as_before_it(day: str, flagged: bool) -> None:
    review = {"submitted_date": "2025-09-01", "completed_date": day, "result": "lawful"}
    record = _decision(legality_review=review, discussion=MEETING, decision_date="2025-10-17")
    if flagged:
        assert_flags(
            RULES["DEC-LEGALITY"], record, as_of=AS_OF, key="missing", fact_date="2025-10-17"
        )
    else:
        assert_passes(RULES["DEC-LEGALITY"], record, as_of=AS_OF)


@pytest.mark.parametrize(("meeting", "flagged"), [("2025-10-17", False), ("2025-10-18", True)])
def test_a_meeting_on_the_decision_day_is_the_discussion(meeting: str, flagged: bool) -> None:
    record = _decision(
        discussion={"date": meeting, "meeting_type": "joint"}, decision_date="2025-10-17"
    )
    if flagged:
        assert_flags(
            RULES["DEC-COLLECTIVE"], record, as_of=AS_OF, key="missing", fact_date="2025-10-17"
        )
    else:
        assert_passes(RULES["DEC-COLLECTIVE"], record, as_of=AS_OF)


def test_publication_on_the_twentieth_working_day_and_archiving_on_the_sixth_month() -> None:
    # Decided 2025-03-03: the 20th working day is 03-31; six months end 09-03.
    def record(published: str, archived: str) -> Any:
        return _decision(
            decision_date="2025-03-03", published_date=published, archived_date=archived
        )

    assert_passes(RULES["DEC-PUBLISH-ARCHIVE"], record("2025-03-31", "2025-09-03"), as_of=AS_OF)
    late = record("2025-04-01", "2025-09-04")
    assert_flags(
        RULES["DEC-PUBLISH-ARCHIVE"], late, as_of=AS_OF, key="publish", fact_date="2025-04-01"
    )
    assert_flags(
        RULES["DEC-PUBLISH-ARCHIVE"], late, as_of=AS_OF, key="archive", fact_date="2025-09-04"
    )


# -- 规范性文件与合同 ----------


def _document(**fields: Any) -> Any:
    data = {"id": "GF-2", "agency_id": "AG-QHZ", "title": "村庄环境卫生管理规定", **fields}
    return build_record("normative-document", data)


@pytest.mark.parametrize(("day", "flagged"), [("2025-04-14", False), ("2025-04-15", True)])
def test_a_legality_opinion_on_the_day_of_issue_counts_as_before_it(
    day: str, flagged: bool
) -> None:
    review = {"submitted_date": "2025-03-31", "completed_date": day, "result": "lawful"}
    record = _document(issued_date="2025-04-14", legality_review=review)
    if flagged:
        assert_flags(
            RULES["NORM-LEGALITY"], record, as_of=AS_OF, key="missing", fact_date="2025-04-14"
        )
    else:
        assert_passes(RULES["NORM-LEGALITY"], record, as_of=AS_OF)


@pytest.mark.parametrize(("day", "flagged"), [("2025-08-18", False), ("2025-08-19", True)])
def test_a_contract_opinion_on_the_day_of_signature_counts_as_before_it(
    day: str, flagged: bool
) -> None:
    data = {
        "id": "HT-1",
        "agency_id": "AG-QHZ",
        "title": "镇政府办公楼维修工程施工合同",
        "signed_date": "2025-08-18",
        "legality_review": {"completed_date": day, "result": "lawful"},
    }
    record = build_record("contract", data)
    if flagged:
        assert_flags(
            RULES["CONTRACT-REVIEW"], record, as_of=AS_OF, key="missing", fact_date="2025-08-18"
        )
    else:
        assert_passes(RULES["CONTRACT-REVIEW"], record, as_of=AS_OF)


def test_filing_on_the_rolled_last_day_is_in_time() -> None:
    # Published Monday 2025-09-08: 30 days end 10-08 (National Day block), rolled to 10-09.
    def record(filed: str) -> Any:
        return _document(issued_date="2025-09-04", published_date="2025-09-08", filed_date=filed)

    _boundary(
        "NORM-FILING",
        record("2025-10-10"),
        record("2025-10-09"),
        key="filing",
        fact_date="2025-10-10",
    )


@pytest.mark.parametrize(("issued", "article"), [("2021-07-14", "14"), ("2021-07-15", "16")])
def test_a_penalty_in_a_document_is_judged_under_the_text_in_force_on_the_day_of_issue(
    issued: str, article: str
) -> None:
    (finding,) = assert_flags(
        RULES["NORM-NO-PENALTY"],
        _document(issued_date=issued, creates_penalty=True),
        as_of=AS_OF,
        key="penalty",
        fact_date=issued,
    )
    assert [b.article for b in finding.reasons.articles] == [article]
