"""The same day: one boundary test per decision on a strict date comparison (issue 13).

Dates carry no time. For every comparison of two dates in the 行政处罚 rules the law decides
what a same-day pair means; each decision is documented at the comparison and in the rule's
docs, and pinned here by a case on each side of the boundary. Cases are built by hand from the
text of 行政处罚法 (2021), not from the sample township.
"""

from __future__ import annotations

from typing import Any

import pytest
from esup_national_rules import penalty, penalty_limits

from enforcement_supervision.testing import assert_flags, assert_passes, build_record

AS_OF = "2025-12-31"


def _case(**fields: Any) -> Any:
    base: dict[str, Any] = {
        "id": "PC-1",
        "agency_id": "AG-1",
        "party": {"type": "legal_person", "name": "某公司", "party_id": "P-1"},
    }
    return build_record("penalty-case", {**base, **fields})


def _decision(day: str, procedure: str = "ordinary", **fields: Any) -> dict[str, Any]:
    return {"decision_date": day, "procedure": procedure, **fields}


def _notice(served: str, **fields: Any) -> dict[str, Any]:
    items = ("proposed_penalty", "facts", "reasons", "legal_basis")
    rights = ("right_statement", "right_defence", "right_hearing")
    return {"served_date": served, **dict.fromkeys(items + rights, True), **fields}


# -- PEN-NOTICE (Arts. 44, 45, 62) ---------------------------------------------------------------


def test_summary_notice_on_the_decision_day_is_in_time_and_the_day_after_is_late() -> None:
    decision = _decision("2025-06-10", "summary", fine_amount="100.00")
    assert_passes(
        penalty.prior_notice, _case(decision=decision, prior_notice=_notice("2025-06-10"))
    )
    assert_flags(
        penalty.prior_notice,
        _case(decision=decision, prior_notice=_notice("2025-06-11")),
        key="served-late",
        severity="S1",
        fact_date="2025-06-10",
    )


def test_ordinary_notice_on_the_decision_day_is_late_by_default() -> None:
    same_day = _case(decision=_decision("2025-05-20"), prior_notice=_notice("2025-05-20"))
    (finding,) = assert_flags(
        penalty.prior_notice, same_day, as_of=AS_OF, key="served-late", severity="S1"
    )
    assert finding.reasons.readings == {"same_day_notice": "late"}
    assert "当日" in finding.message_zh
    # The reading that takes a same-day notice as in time.
    assert_passes(
        penalty.prior_notice, same_day, as_of=AS_OF, params={"same_day_notice": "in_time"}
    )
    # The day before is before.
    assert_passes(
        penalty.prior_notice,
        _case(decision=_decision("2025-05-20"), prior_notice=_notice("2025-05-19")),
        as_of=AS_OF,
    )


def test_ordinary_same_day_notice_with_a_statement_or_a_waiver_is_lawful() -> None:
    heard = _notice("2025-05-20", defence_submitted_date="2025-05-20")
    assert_passes(
        penalty.prior_notice,
        _case(decision=_decision("2025-05-20"), prior_notice=heard),
        as_of=AS_OF,
    )
    waived = _case(
        decision=_decision("2025-05-20"),
        prior_notice=_notice("2025-05-20"),
        waiver={"statement_and_defence": True, "date": "2025-05-20"},
    )
    assert_passes(penalty.prior_notice, waived, as_of=AS_OF)


@pytest.mark.parametrize(("decided", "flagged"), [("2025-05-13", True), ("2025-05-14", False)])
def test_a_statement_period_set_by_a_rule_keeps_its_last_day_for_the_party(
    decided: str, flagged: bool
) -> None:
    # Served Thursday 2025-05-08: three working days are 05-09, 05-12 and 05-13.
    case = _case(decision=_decision(decided), prior_notice=_notice("2025-05-08"))
    params = {"statement_period_wd": 3}
    if flagged:
        assert_flags(
            penalty.prior_notice,
            case,
            as_of=AS_OF,
            params=params,
            key="statement-period",
            reasons=["期限届满日 2025-05-13（当日仍在期限内）"],
        )
    else:
        assert_passes(penalty.prior_notice, case, as_of=AS_OF, params=params)


# -- PEN-HEARING-WINDOW (Art. 64(1)(1), Art. 85) ---------------------------------------------------


@pytest.mark.parametrize(("decided", "flagged"), [("2025-05-12", True), ("2025-05-13", False)])
def test_the_fifth_working_day_of_the_hearing_window_is_the_partys(
    decided: str, flagged: bool
) -> None:
    # Served Wednesday 2025-04-30; 05-01 to 05-05 are holidays: the fifth working day is 05-12.
    case = _case(
        decision=_decision(decided, fine_amount="100000.00"),
        prior_notice=_notice("2025-04-30", proposed_fine_amount="100000.00"),
    )
    if flagged:
        assert_flags(penalty.hearing_window, case, as_of=AS_OF, key="window", fact_date=decided)
    else:
        assert_passes(penalty.hearing_window, case, as_of=AS_OF)


# -- PEN-HEARING-HELD (Arts. 63–65) ----------------------------------------------------------------


@pytest.mark.parametrize(("held", "flagged"), [("2025-06-20", False), ("2025-06-21", True)])
def test_a_hearing_on_the_decision_day_counts_as_held_before_it(held: str, flagged: bool) -> None:
    case = _case(
        decision=_decision("2025-06-20", fine_amount="100000.00"),
        prior_notice=_notice("2025-06-03"),
        hearing={
            "requested_date": "2025-06-10",  # the fifth working day after 06-03: in time
            "notice_date": "2025-06-09",
            "held_date": held,
            "record_signed": True,
        },
    )
    if flagged:
        assert_flags(penalty.hearing_held, case, as_of=AS_OF, key="not-held", severity="S1")
    else:
        assert_passes(penalty.hearing_held, case, as_of=AS_OF)


# -- PEN-RECUSAL (Art. 43) -------------------------------------------------------------------------


def _officer(conflict_known: str) -> Any:
    return build_record(
        "officer",
        id="OF-1",
        agency_id="AG-1",
        name="执法员",
        conflicts=[{"party_id": "P-1", "known_date": conflict_known}],
    )


@pytest.mark.parametrize(("known", "flagged"), [("2025-03-05", True), ("2025-03-06", False)])
def test_an_act_on_the_day_the_conflict_became_known_counts(known: str, flagged: bool) -> None:
    case = _case(acts=[{"kind": "investigation", "date": "2025-03-05", "officer_ids": ["OF-1"]}])
    records = [_officer(known)]
    if flagged:
        assert_flags(penalty.recusal, case, as_of=AS_OF, records=records, key="conflict:OF-1")
    else:
        assert_passes(penalty.recusal, case, as_of=AS_OF, records=records)


@pytest.mark.parametrize(("acted", "flagged"), [("2025-03-10", False), ("2025-03-11", True)])
def test_an_act_on_the_day_of_the_recusal_decision_is_not_after_it(
    acted: str, flagged: bool
) -> None:
    case = _case(
        acts=[{"kind": "investigation", "date": acted, "officer_ids": ["OF-1"]}],
        recusals=[{"officer_id": "OF-1", "decided_date": "2025-03-10", "granted": True}],
    )
    records = [_officer("2025-03-01")]
    if flagged:
        assert_flags(penalty.recusal, case, as_of=AS_OF, records=records, key="recused-acted:OF-1")
    else:
        assert_passes(penalty.recusal, case, as_of=AS_OF, records=records)


@pytest.mark.parametrize(("decided", "flagged"), [("2025-04-20", False), ("2025-04-21", True)])
def test_a_request_decided_on_the_penalty_decision_day_is_decided_before_it(
    decided: str, flagged: bool
) -> None:
    case = _case(
        decision=_decision("2025-04-20"),
        recusals=[
            {
                "officer_id": "OF-2",
                "requested_date": "2025-04-01",
                "requested_by_party": True,
                "decided_date": decided,
                "decided_by_head": True,
            }
        ],
    )
    if flagged:
        assert_flags(penalty.recusal, case, as_of=AS_OF, key="request:OF-2:2025-04-01")
    else:
        assert_passes(penalty.recusal, case, as_of=AS_OF)


# -- PEN-LEGAL-REVIEW, PEN-COLLECTIVE (Arts. 57, 58) ----------------------------------------------


@pytest.mark.parametrize(("completed", "flagged"), [("2025-11-19", False), ("2025-11-20", True)])
def test_a_review_completed_on_the_day_of_approval_is_before_it(
    completed: str, flagged: bool
) -> None:
    case = _case(
        major_public_interest=True,
        decision=_decision("2025-11-20", approved_date="2025-11-19"),
        legal_review={"completed_date": completed, "result": "pass"},
    )
    if flagged:
        assert_flags(penalty.legal_review, case, as_of=AS_OF, key="after-approval")
    else:
        assert_passes(penalty.legal_review, case, as_of=AS_OF)


@pytest.mark.parametrize(("discussed", "flagged"), [("2025-05-20", False), ("2025-05-21", True)])
def test_a_discussion_on_the_decision_day_is_before_it(discussed: str, flagged: bool) -> None:
    case = _case(
        is_major=True,
        decision=_decision("2025-05-20"),
        collective_discussion={"date": discussed},
    )
    if flagged:
        assert_flags(penalty.collective_discussion, case, as_of=AS_OF, key="after-decision")
    else:
        assert_passes(penalty.collective_discussion, case, as_of=AS_OF)


# -- PEN-DELIVERY-7WD, PEN-SUMMARY-FORM (Arts. 52, 61) ---------------------------------------------


@pytest.mark.parametrize(("served", "flagged"), [("2025-09-26", False), ("2025-09-27", True)])
def test_a_party_present_at_the_announcement_is_handed_the_decision_that_day(
    served: str, flagged: bool
) -> None:
    case = _case(
        decision=_decision("2025-09-26", announced_date="2025-09-26"),
        delivery={
            "method": "on_spot",
            "served_date": served,
            "party_present_at_announcement": True,
        },
    )
    if flagged:
        assert_flags(penalty.delivery_7wd, case, as_of=AS_OF, key="on-spot")
    else:
        assert_passes(penalty.delivery_7wd, case, as_of=AS_OF)


def test_not_handed_over_is_flagged_once_the_announcement_day_is_over() -> None:
    case = _case(
        decision=_decision("2025-09-26", announced_date="2025-09-26"),
        delivery={"method": "on_spot", "party_present_at_announcement": True},
    )
    assert_passes(penalty.delivery_7wd, case, as_of="2025-09-26T18:00:00+08:00")
    assert_flags(
        penalty.delivery_7wd, case, as_of="2025-09-27", key="on-spot", fact_date="2025-09-27"
    )


def test_a_summary_decision_is_not_yet_missing_its_filing_on_its_own_day() -> None:
    case = _case(decision=_decision("2025-06-10", "summary", fine_amount="100.00"))
    assert_passes(penalty.summary_form, case, as_of="2025-06-10T20:00:00+08:00")
    assert_flags(
        penalty.summary_form, case, as_of="2025-06-11", key="not-filed", fact_date="2025-06-11"
    )


# -- PEN-PRESERVE-7WD, PEN-DELEGATION, PEN-LATE-FEE, PEN-NE-BIS ------------------------------------


@pytest.mark.parametrize(("approved", "flagged"), [("2025-09-26", False), ("2025-09-27", True)])
def test_an_approval_dated_the_day_of_the_preservation_is_prior(
    approved: str, flagged: bool
) -> None:
    case = _case(
        preservations=[
            {
                "date": "2025-09-26",
                "head_approval_date": approved,
                "handling_decision_date": "2025-10-09",
            }
        ]
    )
    if flagged:
        assert_flags(penalty_limits.preserve_7wd, case, as_of=AS_OF, key="approval/2025-09-26")
    else:
        assert_passes(penalty_limits.preserve_7wd, case, as_of=AS_OF)


@pytest.mark.parametrize(("published", "flagged"), [("2025-05-10", False), ("2025-05-11", True)])
def test_an_entrustment_published_on_the_day_of_the_decision_is_published(
    published: str, flagged: bool
) -> None:
    entrustment = build_record(
        "delegation",
        id="D-1",
        agency_id="AG-1",
        delegate_id="AG-TOWN",
        valid_from="2025-01-01",
        written=True,
        published_date=published,
    )
    case = _case(
        acting_agency_id="AG-TOWN",
        delegation_id="D-1",
        decision=_decision("2025-05-10", fine_amount="500.00"),
    )
    if flagged:
        assert_flags(
            penalty_limits.delegation, case, as_of=AS_OF, records=[entrustment], key="not-published"
        )
    else:
        assert_passes(penalty_limits.delegation, case, as_of=AS_OF, records=[entrustment])


def _surcharged(first: str, last: str, **payment: Any) -> Any:
    return _case(
        decision=_decision("2025-04-10", fine_amount="1000.00"),
        delivery={"method": "direct", "served_date": "2025-04-16"},
        payment={
            "late_fee": "300.00",
            "late_fee_from_date": first,
            "late_fee_to_date": last,
            **payment,
        },
    )


def test_a_surcharge_may_start_only_after_the_last_day_to_pay() -> None:
    # Served 2025-04-16: fifteen days end 05-01 (a holiday) and roll over to 2025-05-06.
    assert_flags(
        penalty_limits.late_fee, _surcharged("2025-05-06", "2025-05-15"), as_of=AS_OF, key="start"
    )
    assert_passes(penalty_limits.late_fee, _surcharged("2025-05-07", "2025-05-16"), as_of=AS_OF)


def test_the_day_a_reconsideration_is_filed_already_stops_the_surcharge() -> None:
    case = _case(
        decision=_decision("2025-04-10", fine_amount="1000.00"),
        delivery={"method": "direct", "served_date": "2025-04-16"},
        payment={
            "late_fee": "300.00",
            "late_fee_from_date": "2025-05-07",
            "late_fee_to_date": "2025-05-16",
        },
        remedies=[{"kind": "reconsideration", "filed_date": "2025-05-16"}],
    )
    assert_flags(penalty_limits.late_fee, case, as_of=AS_OF, key="remedy", fact_date="2025-05-16")


def test_two_fines_for_one_act_on_the_same_day_are_a_second_fine() -> None:
    first, second = (
        _case(
            id=case_id,
            violations=[{"id": "V-1"}],
            decision=_decision("2025-05-10", fine_amount="500.00"),
        )
        for case_id in ("PC-A", "PC-B")
    )
    from enforcement_supervision._host import make_groups

    (group,) = make_groups(penalty_limits.ne_bis, [first, second])
    assert_flags(penalty_limits.ne_bis, group, as_of=AS_OF, key="V-1/PC-B", fact_date="2025-05-10")
