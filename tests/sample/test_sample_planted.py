"""What is planted is there, and nothing else: the sample against the catalog's conditions.

``checks.py`` restates the catalog's conditions at data level; on the sample exactly the
planted records must break them. The tests below then look at the key planted records one by
one, with the worked examples' dates (docs/catalog/examples.md#e1) for the default year.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from enforcement_supervision.sample import SampleTownship, generate_township
from enforcement_supervision.statutory_time import default_calendar

from .checks import CAL, decision_deadline, run_all

D = dt.date


def _flags(town: SampleTownship) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    planted = {(p.rule_id, p.record_id, p.severity) for p in town.planted}
    return planted, run_all(town)


def test_exactly_the_planted_records_break_the_catalog(township: SampleTownship) -> None:
    planted, found = _flags(township)
    assert sorted(planted - found) == [], "planted but not found"
    assert sorted(found - planted) == [], "found but not planted"


@pytest.mark.parametrize(("seed", "year"), [(1, 2025), (99, 2025), (2025, 2024), (5, 2026)])
def test_exactly_the_planted_records_break_the_catalog_for_other_seeds(
    seed: int, year: int
) -> None:
    planted, found = _flags(generate_township(seed=seed, year=year))
    assert sorted(planted - found) == []
    assert sorted(found - planted) == []


def test_controls_are_clean(township: SampleTownship) -> None:
    found = run_all(township)
    for control in township.controls:
        assert (control.rule_id, control.record_id) not in {(r, i) for r, i, _ in found}


def _planted(town: SampleTownship, rule_id: str, severity: str | None = None) -> list[Any]:
    return [
        town.get(p.record_type, p.record_id)
        for p in town.planted
        if p.rule_id == rule_id
        and (severity is None or p.severity == severity)
        and p.record_type != "enterprise"
    ]


def _control(town: SampleTownship, rule_id: str) -> list[Any]:
    return [town.get(c.record_type, c.record_id) for c in town.controls if c.rule_id == rule_id]


# --- penalties ---------------------------------------------------------------------------------


def test_e1_decision_is_past_day_90_even_after_rollover(township: SampleTownship) -> None:
    (case,) = _planted(township, "PEN-DECISION-90D", "S2")
    strict = case.filed_date + dt.timedelta(days=90)
    assert CAL.is_rest_day(strict)
    assert not case.extensions
    assert not case.excluded_periods
    assert case.decision.decision_date > CAL.roll_forward(strict)
    assert decision_deadline(case) == (strict, CAL.roll_forward(strict))


def test_e2_decision_on_the_rolled_deadline_is_only_a_note(township: SampleTownship) -> None:
    (case,) = _planted(township, "PEN-DECISION-90D", "S4")
    assert case.filed_date == D(2025, 3, 3)
    assert case.filed_date + dt.timedelta(days=90) == D(2025, 6, 1)
    assert case.decision.decision_date == D(2025, 6, 3) == CAL.roll_forward(D(2025, 6, 1))


def test_clean_cases_are_decided_by_the_strict_90th_day(township: SampleTownship) -> None:
    planted = {p.record_id for p in township.planted}
    controls = {c.record_id for c in township.controls}
    for case in township.records["penalty-case"]:
        if case.id in planted | controls or case.filed_date is None or case.decision is None:  # type: ignore[attr-defined]
            continue
        assert case.decision.decision_date <= case.filed_date + dt.timedelta(days=90), case.id  # type: ignore[attr-defined]


def test_90_day_controls_rely_on_extension_or_notified_test(township: SampleTownship) -> None:
    controls = _control(township, "PEN-DECISION-90D")
    assert len(controls) == 3
    for case in controls:
        assert case.decision.decision_date > case.filed_date + dt.timedelta(days=90)
        assert case.decision.decision_date <= decision_deadline(case)[0]


def test_e5_summary_limits(township: SampleTownship) -> None:
    (late,) = _planted(township, "PEN-SUMMARY-LIMIT")
    assert late.decision.procedure == "summary"
    assert late.party.type == "natural_person"
    assert late.decision.fine_amount == Decimal("200.01")
    amounts = sorted(c.decision.fine_amount for c in _control(township, "PEN-SUMMARY-LIMIT"))
    assert amounts == [Decimal("200.00"), Decimal("3000.00")]
    (alone,) = [
        c for c in _planted(township, "PEN-OFFICERS-2") if c.decision.procedure == "summary"
    ]
    assert alone.decision.fine_amount == Decimal(50)
    assert len(alone.acts) == 1
    assert len(alone.acts[0].officer_ids) == 1


def test_every_clean_summary_decision_is_within_the_limits(township: SampleTownship) -> None:
    planted = {p.record_id for p in township.planted}
    for case in township.records["penalty-case"]:
        decision = case.decision  # type: ignore[attr-defined]
        if case.id in planted or decision is None or decision.procedure != "summary":
            continue
        limit = 200 if case.party.type == "natural_person" else 3000  # type: ignore[attr-defined]
        assert decision.fine_amount is None or decision.fine_amount <= limit
        assert all(len(set(a.officer_ids)) >= 2 for a in case.acts)  # type: ignore[attr-defined]


def test_e6_cash_on_the_spot_and_late_handover(township: SampleTownship) -> None:
    (cash,) = _planted(township, "PEN-ONSPOT-CASH")
    assert cash.payment.channel == "on_spot"
    assert cash.decision.fine_amount == Decimal(150)
    assert cash.payment.hard_to_enforce_later is False
    assert not cash.remote_area
    (late,) = _planted(township, "PEN-CASH-HANDOVER")
    assert late.payment.collected_date == D(2025, 4, 30)
    assert CAL.add_working_days(D(2025, 4, 30), 2) == D(2025, 5, 7)
    assert late.payment.handover_date == D(2025, 5, 8)
    assert late.decision.fine_amount <= 100  # cash was allowed; only the handover is late


def test_e20_expired_certificate_keeps_acting(township: SampleTownship) -> None:
    officer = township.get("officer", "OF-03")
    assert officer.cert_valid_to == D(2025, 6, 30)  # type: ignore[attr-defined]
    (case,) = _planted(township, "PEN-CERT-VALID")
    acts = [a for a in case.acts if "OF-03" in a.officer_ids]
    assert [a.date for a in acts] == [D(2025, 7, 2)]
    (control,) = _control(township, "PEN-CERT-VALID")
    assert [a.date for a in control.acts if "OF-03" in a.officer_ids] == [D(2025, 6, 30)]
    later = [
        (r.id, getattr(r, "date", None))
        for r in township.records["inspection"]
        if "OF-03" in r.officer_ids and r.date > D(2025, 6, 30)  # type: ignore[attr-defined]
    ]
    assert [i for i, _ in later] == [
        p.record_id
        for p in township.planted
        if p.rule_id == "INSP-SUBJECT" and "OF-03" in p.description_en
    ]


def test_e21_hearing_without_legal_review(township: SampleTownship) -> None:
    (case,) = _planted(township, "PEN-LEGAL-REVIEW")
    assert case.hearing.held_date == D(2025, 11, 10)
    assert case.decision.decision_date == D(2025, 11, 20)
    assert case.legal_review is None
    (control,) = _control(township, "PEN-LEGAL-REVIEW")
    assert control.legal_review.completed_date <= control.decision.approved_date


def test_every_other_hearing_is_followed_by_review(township: SampleTownship) -> None:
    planted = {p.record_id for p in township.planted}
    held = [c for c in township.records["penalty-case"] if c.hearing is not None]  # type: ignore[attr-defined]
    assert len(held) >= 3
    for case in held:
        if case.id in planted:
            continue
        assert case.legal_review.result == "pass"  # type: ignore[attr-defined]
        assert CAL.add_working_days(case.hearing.notice_date, 7) <= case.hearing.held_date  # type: ignore[attr-defined]


def test_prior_notice_and_service(township: SampleTownship) -> None:
    (notice,) = _planted(township, "PEN-NOTICE")
    assert notice.prior_notice.served_date == notice.decision.decision_date
    assert notice.waiver is None
    (late,) = _planted(township, "PEN-DELIVERY-7WD")
    announced = late.decision.announced_date
    assert not late.delivery.party_present_at_announcement
    assert late.delivery.served_date == CAL.add_working_days(announced, 9)
    (control,) = _control(township, "PEN-DELIVERY-7WD")
    assert control.delivery.served_date == CAL.add_working_days(control.decision.announced_date, 7)


def test_clean_ordinary_notices_leave_the_hearing_window_open(township: SampleTownship) -> None:
    planted = {p.record_id for p in township.planted}
    for case in township.records["penalty-case"]:
        decision = case.decision  # type: ignore[attr-defined]
        if case.id in planted or decision is None or decision.procedure != "ordinary":
            continue
        notice = case.prior_notice  # type: ignore[attr-defined]
        assert notice.right_hearing
        assert notice.right_statement
        assert notice.right_defence
        assert decision.decision_date > CAL.add_working_days(notice.served_date, 5)


def test_discretion_and_publication(township: SampleTownship) -> None:
    (high,) = _planted(township, "PEN-DISCRETION")
    assert high.decision.fine_amount > high.decision.statute_fine_max
    (top,) = _control(township, "PEN-DISCRETION")
    assert top.decision.fine_amount == top.decision.statute_fine_max
    late, unpublished = sorted(
        _planted(township, "PUB-DECISION"), key=lambda c: c.publication is None
    )
    assert late.publication.published_date == CAL.add_working_days(late.decision.decision_date, 10)
    (hidden,) = _planted(township, "PUB-PENALTY-SCOPE")
    assert hidden.decision.social_impact
    assert hidden.publication is None
    assert unpublished is hidden  # also past the 7 working days of 118号


def test_summary_decisions_go_unpublished_and_the_rest_is_published(
    township: SampleTownship,
) -> None:
    planted = {p.record_id for p in township.planted if p.rule_id == "PUB-DECISION"}
    summary = ordinary = 0
    for case in township.records["penalty-case"]:
        decision = case.decision  # type: ignore[attr-defined]
        if decision is None or case.id in planted:
            continue
        if decision.procedure == "summary":
            summary += 1
            assert case.publication is None  # type: ignore[attr-defined]
            assert not decision.social_impact
            continue
        ordinary += 1
        due = CAL.add_working_days(decision.decision_date, 7)
        published = case.publication.published_date if case.publication else None  # type: ignore[attr-defined]
        assert published is not None or due >= township.as_of, case.id
        assert published is None or published <= due, case.id
    assert summary > 50
    assert ordinary > 100
    for measure in township.records["coercive-measure"]:
        decided = measure.start_date  # type: ignore[attr-defined]
        if measure.enforcement_decision is not None:  # type: ignore[attr-defined]
            decided = measure.enforcement_decision.date  # type: ignore[attr-defined]
        due = CAL.add_working_days(decided, 20)
        published = measure.publication.published_date if measure.publication else None  # type: ignore[attr-defined]
        assert published is not None or due >= township.as_of, measure.id
        assert published is None or published <= due, measure.id


# --- licences, coercive measures -----------------------------------------------------------------


def test_e8_licence_across_national_day(township: SampleTownship) -> None:
    (late,) = _planted(township, "LIC-DECISION-20WD")
    assert late.acceptance.date == D(2025, 9, 22)
    assert CAL.add_working_days(D(2025, 9, 22), 20) == D(2025, 10, 24)
    assert late.decision.date == D(2025, 10, 28)
    (extended,) = _control(township, "LIC-DECISION-20WD")
    (ext,) = extended.extensions
    assert ext.approved_date == D(2025, 10, 20)
    assert ext.approved_by_head
    assert extended.decision.date <= CAL.add_working_days(D(2025, 9, 22), 30) == D(2025, 11, 7)


def test_clean_licences_are_decided_in_time(township: SampleTownship) -> None:
    planted = {p.record_id for p in township.planted}
    controls = {c.record_id for c in township.controls}
    for app in township.records["licence-application"]:
        if app.id in planted | controls or app.decision is None:  # type: ignore[attr-defined]
            continue
        limit = app.special_law_deadline_wd or 20  # type: ignore[attr-defined]
        assert app.decision.date <= CAL.add_working_days(app.acceptance.date, limit)  # type: ignore[attr-defined]


def test_e10_seizure_beyond_30_days(township: SampleTownship) -> None:
    (late,) = _planted(township, "ENF-SEIZURE-30D")
    assert late.start_date == D(2025, 9, 30)
    assert late.ended_date == D(2025, 10, 31)
    assert not late.extensions
    assert not late.excluded_periods
    (tested,) = _control(township, "ENF-SEIZURE-30D")
    (period,) = tested.excluded_periods
    assert (period.start_date, period.end_date) == (D(2025, 10, 10), D(2025, 10, 19))
    assert tested.ended_date == D(2025, 11, 7)


def test_e11_demolition_on_a_holiday_and_on_a_make_up_day(township: SampleTownship) -> None:
    (holiday,) = _planted(township, "ENF-NIGHT-HOLIDAY")
    (makeup,) = _control(township, "ENF-NIGHT-HOLIDAY")
    calendar = default_calendar()
    assert holiday.executions[0].start_datetime.date() == D(2025, 10, 3)
    assert calendar.is_rest_day(D(2025, 10, 3))
    assert makeup.executions[0].start_datetime.date() == D(2025, 10, 11)
    assert calendar.is_workday(D(2025, 10, 11))
    assert D(2025, 10, 11).weekday() == 5
    for measure in (holiday, makeup):
        served = measure.underlying_decision_served_date
        assert measure.start_date > calendar.add_months(served, 6)
        assert measure.cuigao.performance_deadline < measure.enforcement_decision.date


def test_clean_measures_never_run_at_night_or_on_rest_days(township: SampleTownship) -> None:
    planted = {p.record_id for p in township.planted}
    for measure in township.records["coercive-measure"]:
        if measure.id in planted:
            continue
        executions = [e.start_datetime for e in measure.executions]  # type: ignore[attr-defined]
        for moment in [measure.start_datetime, *executions]:  # type: ignore[attr-defined]
            assert 6 <= moment.hour < 22, measure.id
            assert CAL.is_workday(moment.date()), measure.id


# --- inspections, personnel, supervision -------------------------------------------------


def test_e19_four_inspections_in_one_week(township: SampleTownship) -> None:
    # INSP-REPEAT judges the enterprise across agencies: the planted subject is the hotel.
    (item,) = [p for p in township.planted if p.rule_id == "INSP-REPEAT"]
    assert item.record_type == "enterprise"
    week = [
        i
        for i in township.records["inspection"]
        if i.enterprise.party_id == item.record_id and i.date.month == 6  # type: ignore[attr-defined]
    ]
    assert sorted(i.date for i in week) == [  # type: ignore[attr-defined]
        D(2025, 6, 3),
        D(2025, 6, 5),
        D(2025, 6, 5),
        D(2025, 6, 6),
    ]
    assert len({i.agency_id for i in week}) == 3
    # The market regulator's second visit three days later is a routine one: it could have
    # been merged with the first (INSP-MERGE); a complaint-driven one could not.
    (merge,) = _planted(township, "INSP-MERGE")
    assert merge.type == "routine"
    assert merge.date == D(2025, 6, 6)
    assert [i.type for i in week if i.agency_id == merge.agency_id] == ["routine", "routine"]


def test_e19_annual_cap(township: SampleTownship) -> None:
    (third,) = _planted(township, "INSP-FREQ-CAP")
    (exempt,) = _control(township, "INSP-FREQ-CAP")
    assert third.date == D(2025, 11, 20)
    assert third.type == "routine"
    assert exempt.type == "case_specific"
    assert exempt.trigger == "hotline_12345"


def test_auxiliary_staff_never_act_except_the_planted_inspection(township: SampleTownship) -> None:
    (alone,) = _planted(township, "PERS-AUX-ALONE")
    assert alone.officer_ids == ("OF-07",)
    for record in (*township.records["penalty-case"], *township.records["inspection"]):
        officers = getattr(record, "officer_ids", ())
        acts = getattr(record, "acts", ())
        names = set(officers) | {o for a in acts for o in a.officer_ids}
        if record.id != alone.id:
            assert "OF-07" not in names, record.id


def test_training_hours(township: SampleTownship) -> None:
    # Judged for 2024, the last finished year: 2025 has not ended on the answer key's date.
    (officer,) = _planted(township, "PERS-TRAINING-60H")
    assert officer.id == "OF-04"
    assert [t.hours for t in officer.training if t.year == 2024] == [56]
    assert all(t.hours >= 60 for t in officer.training if t.year == 2025)
    for other in township.records["officer"]:
        if other.id != "OF-04":
            assert all(t.hours >= 60 for t in other.training)  # type: ignore[attr-defined]


def test_certificates_carry_their_annual_reviews(township: SampleTownship) -> None:
    for officer in township.records["officer"]:
        start = officer.cert_valid_from  # type: ignore[attr-defined]
        if start is None:
            continue
        first = start.year if (start.month, start.day) == (1, 1) else start.year + 1
        years = [r.year for r in officer.annual_reviews]  # type: ignore[attr-defined]
        assert years == list(range(first, 2025)), officer.id
        for review in officer.annual_reviews:  # type: ignore[attr-defined]
            assert review.passed
            assert review.date.year == review.year + 1
            assert review.date.month == 3


def test_every_agency_with_officers_has_legal_review_staff(township: SampleTownship) -> None:
    for agency in township.records["agency"]:
        staff = [
            o
            for o in township.records["officer"]
            if o.agency_id == agency.id and not o.is_auxiliary  # type: ignore[attr-defined]
        ]
        if staff:
            reviewers = [o for o in staff if o.is_legal_reviewer]  # type: ignore[attr-defined]
            assert len(reviewers) * 20 >= len(staff), agency.id
            assert all(o.legal_qualification for o in reviewers), agency.id  # type: ignore[attr-defined]


def test_e24_supervision_mechanism(township: SampleTownship) -> None:
    (point,) = _planted(township, "SUP-LIAISON-FEEDBACK")
    heard = [f.received_date for f in township.records["feedback"] if f.source_id == point.id]  # type: ignore[attr-defined]
    assert max(heard) == D(2025, 8, 10)
    assert (township.as_of - D(2025, 8, 10)).days > 90
    assert D(2025, 8, 10) + dt.timedelta(days=90) == D(2025, 11, 8)
    (supervisor,) = _planted(township, "SUP-SUPERVISOR-TERM")
    assert supervisor.appointed_date == D(2023, 5, 15)
    assert supervisor.term_months == 24
    dates = sorted(a.date for a in supervisor.activities)
    assert dates[-2:] == [D(2025, 5, 15), D(2025, 5, 16)]
    (unanswered,) = _planted(township, "SUP-FEEDBACK-ANSWER")
    assert unanswered.answered_date is None
    (check,) = _planted(township, "SUP-RECTIFY")
    (opinion,) = check.opinions
    assert opinion.rectified_date is None
    assert opinion.rectification_deadline < township.as_of
    active = [p for p in township.records["liaison-point"] if p.status == "active"]  # type: ignore[attr-defined]
    assert len(active) == 2


# --- petitions, reconsideration and litigation, decisions, documents ----------------------------


def test_e14_petition_notice_and_handling(township: SampleTownship) -> None:
    (handled,) = _planted(township, "PET-HANDLE-60D")
    assert handled.received_date == D(2025, 1, 20)
    assert handled.accepted_date == handled.notice_date == D(2025, 2, 5)
    assert handled.accepted_date + dt.timedelta(days=60) == D(2025, 4, 6)
    assert CAL.roll_forward(D(2025, 4, 6)) == D(2025, 4, 7)
    assert handled.concluded_date == D(2025, 4, 8)
    assert handled.extension is None
    (late,) = _planted(township, "PET-NOTICE-15D")
    assert late.received_date == D(2025, 1, 20)
    assert late.notice_date == D(2025, 2, 6)
    (on_time,) = _control(township, "PET-NOTICE-15D")
    assert on_time.notice_date == D(2025, 2, 5)  # the rolled last day
    (extended,) = _control(township, "PET-HANDLE-60D")
    assert extended.accepted_date == D(2025, 2, 5)
    assert extended.concluded_date == D(2025, 5, 6)  # 60 + 30 days
    assert extended.extension.approved_by_head is True


def test_holiday_patterns_of_the_other_duties(township: SampleTownship) -> None:
    (routed,) = _planted(township, "PET-ROUTE-15D")
    fifteenth = routed.received_date + dt.timedelta(days=15)
    assert fifteenth == D(2025, 2, 8)  # a make-up working Saturday
    assert CAL.is_workday(fifteenth)
    assert routed.routed_date == D(2025, 2, 10)
    (objected,) = _planted(township, "PET-OBJECTION-5WD")
    assert objected.received_date == D(2025, 9, 26)
    assert CAL.add_working_days(D(2025, 9, 26), 5) == D(2025, 10, 10)
    assert objected.objection_date == D(2025, 10, 11)
    (reviewed,) = _planted(township, "PET-REVIEW-30D")
    assert reviewed.review.request_received_date == D(2025, 4, 3)
    assert reviewed.review.opinion_date == D(2025, 5, 7)
    (reply,) = _planted(township, "REV-REPLY")
    assert reply.copy_received_date == D(2025, 1, 24)  # the Friday before the Spring Festival
    assert CAL.add_working_days(reply.copy_received_date, 10) == D(2025, 2, 13)
    assert reply.reply_date == D(2025, 2, 14)
    (suit,) = _planted(township, "LIT-DEFENCE-15D")
    assert suit.complaint_copy_received_date == D(2025, 9, 26)
    assert suit.complaint_copy_received_date + dt.timedelta(days=15) == D(2025, 10, 11)
    assert CAL.is_workday(D(2025, 10, 11))  # a make-up Saturday: no rollover
    assert suit.defence_date == D(2025, 10, 13)
    (decision,) = _planted(township, "DEC-LEGALITY")
    review = decision.legality_review
    assert (review.submitted_date, review.completed_date) == (D(2025, 9, 29), D(2025, 10, 10))
    assert CAL.working_days_between(review.submitted_date, review.completed_date) == 3
    (filed,) = _planted(township, "NORM-FILING")
    assert filed.published_date + dt.timedelta(days=30) == D(2025, 10, 8)
    assert filed.filed_date == D(2025, 10, 10)


def test_the_petitioners_are_people_of_the_township(township: SampleTownship) -> None:
    petitions = township.records["petition"]
    assert len(petitions) >= 25
    assert all(p.petitioner_name and p.petitioner_id_number for p in petitions)  # type: ignore[attr-defined]
    assert len({p.petitioner_id_number for p in petitions}) == len(petitions)  # type: ignore[attr-defined]
