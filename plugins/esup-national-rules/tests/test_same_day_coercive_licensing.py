"""The same day in the 行政强制 and 行政许可 rules: one boundary test per decision (issue 13).

Dates carry no time. For every comparison of two dates in the coercion and licensing rules the
law decides what a same-day pair means
(docs/catalog/interpretations.md#same-day-coercion-licensing); each decision is documented at
the comparison and in the rule's docs and pinned here by a case on each side of the boundary.
Cases are built by hand from the text of 行政强制法 and 行政许可法 and the official 2025 holiday
schedule, not from the sample township. Every finding is checked for the agency of its record
and for its date of the facts.
"""

from __future__ import annotations

from typing import Any

import pytest
from esup_national_rules import coercive, licensing

from enforcement_supervision.rules import Finding
from enforcement_supervision.testing import assert_flags, assert_passes, build_record

AS_OF = "2025-12-31"
AGENCY = "AG-ZF"


def measure(**fields: Any) -> Any:
    return build_record("coercive-measure", {"id": "CM-1", "agency_id": AGENCY, **fields})


def application(**fields: Any) -> Any:
    data = {"id": "LA-1", "agency_id": AGENCY, "received_date": "2025-09-22", **fields}
    return build_record("licence-application", data)


def flags(rule: Any, record: Any, *, fact_date: str, **kwargs: Any) -> list[Finding]:
    """``assert_flags`` that also checks the agency of every finding."""
    kwargs.setdefault("as_of", AS_OF)
    found = assert_flags(rule, record, fact_date=fact_date, **kwargs)
    assert {f.agency_id for f in found} == {AGENCY}
    return found


def passes(rule: Any, record: Any, **kwargs: Any) -> None:
    kwargs.setdefault("as_of", AS_OF)
    assert_passes(rule, record, **kwargs)


# -- ENF-PROCEDURE (Art. 18(1)): an approval dated the day of the measure is prior -------------


@pytest.mark.parametrize(("approved", "flagged"), [("2025-09-30", False), ("2025-10-01", True)])
def test_an_approval_on_the_day_of_the_measure_is_prior(approved: str, flagged: bool) -> None:
    record = measure(kind="seizure", start_date="2025-09-30", head_approval_date=approved)
    if flagged:
        (finding,) = flags(coercive.procedure, record, key="approval", fact_date="2025-09-30")
        assert finding.reasons.articles[0].cite("zh") == "《行政强制法》第18条第1项"
    else:
        passes(coercive.procedure, record)


# -- ENF-EMERGENCY-24H (Art. 19): exact hours, the end instant included ------------------------


def _emergency(**fields: Any) -> Any:
    return measure(
        kind="seizure",
        emergency=True,
        start_date="2025-10-10",
        start_datetime="2025-10-10T09:30:00+08:00",
        head_approval_date="2025-10-11",
        **fields,
    )


@pytest.mark.parametrize(
    ("reported", "flagged"),
    [("2025-10-11T09:30:00+08:00", False), ("2025-10-11T09:30:01+08:00", True)],
)
def test_a_report_at_exactly_24_hours_is_in_time(reported: str, flagged: bool) -> None:
    record = _emergency(report_to_head_datetime=reported)
    if flagged:
        flags(coercive.emergency_24h, record, key="report", fact_date="2025-10-11")
    else:
        passes(coercive.emergency_24h, record)


def test_a_missing_report_is_late_once_the_24_hours_are_over() -> None:
    record = _emergency()
    passes(coercive.emergency_24h, record, as_of="2025-10-11T09:29:00+08:00")
    flags(
        coercive.emergency_24h,
        record,
        as_of="2025-10-11T09:31:00+08:00",
        key="report",
        fact_date="2025-10-11",
    )


# -- ENF-SEIZURE-30D (Arts. 25, 28(1)(4)): a release on the last day is in time ----------------


@pytest.mark.parametrize(("released", "flagged"), [("2025-10-30", False), ("2025-10-31", True)])
def test_a_seizure_released_on_day_30_is_in_time(released: str, flagged: bool) -> None:
    record = measure(kind="seizure", start_date="2025-09-30", ended_date=released)
    if flagged:
        flags(coercive.seizure_30d, record, key="duration", fact_date="2025-10-31")
    else:
        passes(coercive.seizure_30d, record)


def test_a_seizure_held_on_is_unlawful_from_the_day_after_the_end() -> None:
    record = measure(kind="seizure", start_date="2025-09-30")
    passes(coercive.seizure_30d, record, as_of="2025-10-30T23:59:00+08:00")
    flags(coercive.seizure_30d, record, as_of="2025-10-31", key="duration", fact_date="2025-10-31")
    # Released a month late: the facts still date from the first day past the end.
    late = measure(kind="seizure", start_date="2025-09-30", ended_date="2025-11-30")
    flags(coercive.seizure_30d, late, key="duration", fact_date="2025-10-31")


@pytest.mark.parametrize(("approved", "flagged"), [("2025-10-30", False), ("2025-10-31", True)])
def test_an_extension_approved_on_the_last_day_still_counts(approved: str, flagged: bool) -> None:
    record = measure(
        kind="seizure",
        start_date="2025-09-30",
        ended_date="2025-11-20",
        extensions=[
            {
                "days": 30,
                "approved_date": approved,
                "approved_by_head": True,
                "notified_in_writing": True,
            }
        ],
    )
    if flagged:
        flags(coercive.seizure_30d, record, key="duration", fact_date="2025-10-31")
    else:
        passes(coercive.seizure_30d, record)


# -- ENF-FREEZE (Arts. 31, 32): the 3rd working day and day 30 are in time ---------------------


@pytest.mark.parametrize(("served", "flagged"), [("2025-10-11", False), ("2025-10-13", True)])
def test_a_freezing_decision_served_on_the_third_working_day_is_in_time(
    served: str, flagged: bool
) -> None:
    # Frozen Tuesday 2025-09-30: 10-01 … 10-08 are holidays, 10-09 and 10-10 the 1st and 2nd
    # working days, Saturday 10-11 (a make-up working day) the 3rd.
    record = measure(
        kind="freezing",
        start_date="2025-09-30",
        decision_served_date=served,
        handling_decision_date="2025-10-20",
    )
    if flagged:
        flags(coercive.freeze, record, key="decision-served", fact_date=served)
    else:
        passes(coercive.freeze, record)


@pytest.mark.parametrize(("handled", "flagged"), [("2025-10-30", False), ("2025-10-31", True)])
def test_a_handling_decision_on_day_30_is_in_time(handled: str, flagged: bool) -> None:
    record = measure(
        kind="freezing",
        start_date="2025-09-30",
        decision_served_date="2025-10-09",
        handling_decision_date=handled,
    )
    if flagged:
        flags(coercive.freeze, record, key="handling", fact_date=handled)
    else:
        passes(coercive.freeze, record)


# -- ENF-CUIGAO (Arts. 35, 37): the performance period's last day is the party's ---------------


def _enforced(decided: str, **demand: Any) -> Any:
    return measure(
        kind="direct_enforcement",
        start_date=decided,
        cuigao={"written": True, **demand},
        enforcement_decision={"date": decided},
    )


@pytest.mark.parametrize(("decided", "flagged"), [("2025-06-10", True), ("2025-06-11", False)])
def test_a_decision_on_the_last_day_of_the_demand_is_premature(decided: str, flagged: bool) -> None:
    record = _enforced(decided, date="2025-05-30", performance_deadline="2025-06-10")
    if flagged:
        flags(coercive.cuigao, record, key="premature", fact_date=decided)
    else:
        passes(coercive.cuigao, record)


@pytest.mark.parametrize(
    ("decided", "params", "flagged"),
    [
        ("2025-09-22", {}, True),  # Saturday 09-20 runs to Monday 09-22
        ("2025-09-23", {}, False),
        ("2025-09-22", {"party_deadline_rollover": False}, False),
    ],
)
def test_a_performance_deadline_on_a_rest_day_runs_to_the_next_working_day(
    decided: str, params: dict[str, Any], flagged: bool
) -> None:
    record = _enforced(decided, date="2025-09-10", performance_deadline="2025-09-20")
    if flagged:
        (finding,) = flags(
            coercive.cuigao, record, key="premature", fact_date=decided, params=params
        )
        assert finding.reasons.readings == {"party_deadline_rollover": True}
        assert "期限届满日 2025-09-22（当日仍在期限内）" in finding.message_zh
    else:
        passes(coercive.cuigao, record, params=params)


@pytest.mark.parametrize(
    ("decided", "key"), [("2025-06-05", "premature"), ("2025-06-04", "missing")]
)
def test_a_decision_on_the_day_of_the_demand_is_premature_not_missing(
    decided: str, key: str
) -> None:
    # No performance deadline recorded: a decision on the demand's own day is still early.
    record = _enforced(decided, date="2025-06-05")
    (finding,) = flags(coercive.cuigao, record, key=key, fact_date=decided)
    assert finding.severity.value == "S1"
    passes(coercive.cuigao, _enforced("2025-06-06", date="2025-06-05"))


# -- ENF-SURCHARGE (Art. 46): "超过三十日", and a demand before the enforcement ------------------


def _surcharged(decided: str, demanded: str) -> Any:
    return measure(
        kind="direct_enforcement",
        start_date=decided,
        surcharge={"amount": "300.00", "principal": "1000.00", "start_date": "2025-05-01"},
        cuigao={"date": demanded, "written": True},
        enforcement_decision={"date": decided},
    )


@pytest.mark.parametrize(("decided", "flagged"), [("2025-05-31", True), ("2025-06-01", False)])
def test_enforcement_on_the_30th_day_of_a_surcharge_is_too_soon(
    decided: str, flagged: bool
) -> None:
    record = _surcharged(decided, "2025-05-20")
    if flagged:
        flags(coercive.surcharge, record, key="early-enforcement", fact_date=decided)
    else:
        passes(coercive.surcharge, record)


@pytest.mark.parametrize(("demanded", "flagged"), [("2025-06-05", True), ("2025-06-04", False)])
def test_a_demand_dated_the_day_of_the_enforcement_is_not_before_it(
    demanded: str, flagged: bool
) -> None:
    record = _surcharged("2025-06-05", demanded)
    if flagged:
        (finding,) = flags(
            coercive.surcharge, record, key="early-enforcement", fact_date="2025-06-05"
        )
        assert "未经事先催告" in finding.message_zh
    else:
        passes(coercive.surcharge, record)


# -- ENF-DEMOLITION (Art. 44; 行政复议法 Art. 20; 行政诉讼法 Arts. 46, 101) ---------------------


def _demolished(day: str, **fields: Any) -> Any:
    data: dict[str, Any] = {
        "kind": "forced_demolition",
        "start_date": day,
        "underlying_decision_served_date": "2025-01-06",  # remedies over by 2025-07-07
        "public_notice": {"date": "2025-07-10", "self_demolition_deadline": "2025-07-31"},
    }
    data.update(fields)
    return measure(**data)


@pytest.mark.parametrize(("day", "flagged"), [("2025-07-31", True), ("2025-08-01", False)])
def test_a_demolition_on_the_last_day_for_removing_it_oneself_is_early(
    day: str, flagged: bool
) -> None:
    if flagged:
        flags(
            coercive.demolition,
            _demolished(day),
            key="self-demolition-period",
            fact_date=day,
            count=1,
        )
    else:
        passes(coercive.demolition, _demolished(day))


@pytest.mark.parametrize(
    ("day", "params", "flagged"),
    [
        ("2025-08-04", {}, True),  # Saturday 08-02 runs to Monday 08-04
        ("2025-08-05", {}, False),
        ("2025-08-04", {"party_deadline_rollover": False}, False),
    ],
)
def test_a_removal_deadline_on_a_rest_day_runs_to_the_next_working_day(
    day: str, params: dict[str, Any], flagged: bool
) -> None:
    record = _demolished(
        day, public_notice={"date": "2025-07-10", "self_demolition_deadline": "2025-08-02"}
    )
    if flagged:
        flags(
            coercive.demolition,
            record,
            key="self-demolition-period",
            fact_date=day,
            params=params,
        )
    else:
        passes(coercive.demolition, record, params=params)


def test_a_notice_on_the_day_of_the_demolition_left_no_time_to_remove_it() -> None:
    same_day = _demolished(
        "2025-08-11", public_notice={"date": "2025-08-11", "self_demolition_deadline": "2025-08-11"}
    )
    flags(
        coercive.demolition,
        same_day,
        key="self-demolition-period",
        fact_date="2025-08-11",
        count=1,
    )
    # A deadline written before the notice's own date: the notice day is the last day.
    backwards = {"date": "2025-08-11", "self_demolition_deadline": "2025-08-05"}
    flags(
        coercive.demolition,
        _demolished("2025-08-11", public_notice=backwards),
        key="self-demolition-period",
        fact_date="2025-08-11",
    )
    passes(coercive.demolition, _demolished("2025-08-12", public_notice=backwards))


@pytest.mark.parametrize(
    ("day", "params", "flagged"),
    [
        ("2025-07-07", {}, True),  # six months end Sunday 07-06, rolled to Monday 07-07
        ("2025-07-08", {}, False),
        ("2025-07-07", {"litigation_period_rollover": False}, False),
    ],
)
def test_a_demolition_on_the_last_day_of_the_remedy_periods_is_early(
    day: str, params: dict[str, Any], flagged: bool
) -> None:
    record = _demolished(
        day, public_notice={"date": "2025-06-01", "self_demolition_deadline": "2025-06-30"}
    )
    if flagged:
        (finding,) = flags(
            coercive.demolition, record, key="waiting-period", fact_date=day, params=params
        )
        assert "期限届满日 2025-07-07（当日仍在期限内）" in finding.message_zh
    else:
        passes(coercive.demolition, record, params=params)


@pytest.mark.parametrize(
    ("remedy", "flagged"),
    [
        ({"filed_date": "2025-08-05"}, True),
        ({"filed_date": "2025-08-06"}, False),
        ({"filed_date": "2025-07-01", "concluded_date": "2025-08-05"}, True),
        ({"filed_date": "2025-07-01", "concluded_date": "2025-08-04"}, False),
    ],
)
def test_a_remedy_filed_or_concluded_on_the_demolition_day_was_pending(
    remedy: dict[str, str], flagged: bool
) -> None:
    record = _demolished("2025-08-05", remedies=[{"kind": "litigation", **remedy}])
    if flagged:
        flags(coercive.demolition, record, key="remedy-pending", fact_date="2025-08-05")
    else:
        passes(coercive.demolition, record)


# -- ENF-COURT-APPLY (Arts. 53, 54) ------------------------------------------------------------


@pytest.mark.parametrize(("applied", "flagged"), [("2025-03-17", True), ("2025-03-18", False)])
def test_an_application_on_the_10th_working_day_after_the_demand_is_too_early(
    applied: str, flagged: bool
) -> None:
    record = measure(
        kind="court_enforcement",
        start_date=applied,
        cuigao={"date": "2025-03-03", "served_date": "2025-03-03", "written": True},
        court_application={"date": applied},
    )
    if flagged:
        flags(coercive.court_apply, record, key="too-early", fact_date=applied)
    else:
        passes(coercive.court_apply, record)


@pytest.mark.parametrize(("applied", "flagged"), [("2025-12-03", False), ("2025-12-04", True)])
def test_an_application_on_the_last_day_of_the_three_months_is_in_time(
    applied: str, flagged: bool
) -> None:
    record = measure(
        kind="court_enforcement",
        start_date=applied,
        court_application={"date": applied, "remedy_period_end": "2025-09-03"},
    )
    if flagged:
        flags(coercive.court_apply, record, key="too-late", fact_date=applied, severity="S2")
    else:
        passes(coercive.court_apply, record)


# -- ENF-PROXY (Art. 51) -----------------------------------------------------------------------


def _proxy(**fields: Any) -> Any:
    data = {
        "decision_served_date": "2025-10-09",
        "cuigao_date": "2025-10-09",
        "execution_date": "2025-10-13",
        "agency_staff_present": True,
        **fields,
    }
    return measure(kind="proxy_performance", start_date="2025-10-13", proxy=data)


@pytest.mark.parametrize(("demanded", "flagged"), [("2025-10-09", False), ("2025-10-10", True)])
def test_a_demand_on_the_third_working_day_before_the_performance_is_in_time(
    demanded: str, flagged: bool
) -> None:
    # Monday 10-13: Saturday 10-11 (make-up) is the 1st working day before, 10-10 the 2nd,
    # 10-09 the 3rd.
    record = _proxy(cuigao_date=demanded)
    if flagged:
        flags(coercive.proxy, record, key="cuigao", fact_date="2025-10-13")
    else:
        passes(coercive.proxy, record)


@pytest.mark.parametrize(
    ("served", "params", "flagged"),
    [
        ("2025-10-13", {}, True),
        ("2025-10-13", {"same_day_proxy_decision": "in_time"}, False),
        ("2025-10-11", {}, False),
    ],
)
def test_a_decision_served_on_the_performance_day_is_late_by_default(
    served: str, params: dict[str, Any], flagged: bool
) -> None:
    record = _proxy(decision_served_date=served)
    if flagged:
        (finding,) = flags(
            coercive.proxy, record, key="decision", fact_date="2025-10-13", params=params
        )
        assert finding.reasons.readings == {"same_day_proxy_decision": "late"}
    else:
        passes(coercive.proxy, record, params=params)


# -- ENF-NIGHT-HOLIDAY (Art. 43(1)): the night is [22:00, 06:00) -------------------------------


@pytest.mark.parametrize(
    ("start", "end", "flagged"),
    [
        ("2025-10-14T22:00:00+08:00", None, True),
        ("2025-10-14T21:59:00+08:00", None, False),
        ("2025-10-15T05:59:00+08:00", None, True),
        ("2025-10-15T06:00:00+08:00", None, False),
        ("2025-10-14T20:00:00+08:00", "2025-10-14T22:00:00+08:00", False),
        ("2025-10-14T20:00:00+08:00", "2025-10-14T22:01:00+08:00", True),
    ],
)
def test_the_night_begins_at_22_00_and_ends_at_06_00(
    start: str, end: str | None, flagged: bool
) -> None:
    session: dict[str, Any] = {"start_datetime": start, "methods": ["demolition"]}
    if end:
        session["end_datetime"] = end
    record = measure(kind="forced_demolition", start_date=start[:10], executions=[session])
    if flagged:
        flags(coercive.night_holiday, record, fact_date=start[:10], count=1)
    else:
        passes(coercive.night_holiday, record)


# -- LIC-ONE-TIME-NOTICE, LIC-DECISION-20WD, LIC-ISSUE-10WD (Arts. 32, 42, 44, 82) ------------


@pytest.mark.parametrize(("noticed", "flagged"), [("2025-09-28", False), ("2025-09-29", True)])
def test_a_one_time_notice_on_the_fifth_working_day_is_in_time(noticed: str, flagged: bool) -> None:
    # Received Monday 09-22: 09-23 … 09-26 and Sunday 09-28 (a make-up working day).
    record = application(
        materials_complete=False, correction_notices=[{"date": noticed, "items": ["场所证明"]}]
    )
    if flagged:
        flags(licensing.one_time_notice, record, key="notice", fact_date=noticed)
    else:
        passes(licensing.one_time_notice, record)


@pytest.mark.parametrize(("decided", "flagged"), [("2025-10-24", False), ("2025-10-25", True)])
def test_a_licence_decided_on_the_20th_working_day_is_in_time(decided: str, flagged: bool) -> None:
    record = application(
        materials_complete=True,
        acceptance={"date": "2025-09-22", "accepted": True},
        decision={"date": decided, "outcome": "granted"},
    )
    if flagged:
        (finding,) = flags(
            licensing.licence_decision_20wd, record, key="decision", fact_date=decided
        )
        cited = [b.cite("zh") for b in finding.reasons.articles]
        assert cited == [
            "《行政许可法》第42条第1款",
            "《行政许可法》第74条第2项",
            "《行政许可法》第82条",
        ]
    else:
        passes(licensing.licence_decision_20wd, record)


@pytest.mark.parametrize(("served", "flagged"), [("2025-10-16", False), ("2025-10-17", True)])
def test_a_certificate_served_on_the_10th_working_day_is_in_time(
    served: str, flagged: bool
) -> None:
    record = application(
        decision={"date": "2025-09-26", "outcome": "granted"},
        certificate={"served_date": served},
    )
    if flagged:
        flags(licensing.licence_issue_10wd, record, key="certificate", fact_date=served)
    else:
        passes(licensing.licence_issue_10wd, record)


# -- LIC-HEARING (Art. 47(1)) ------------------------------------------------------------------


@pytest.mark.parametrize(("notified", "flagged"), [("2025-05-20", True), ("2025-05-19", False)])
def test_a_hearing_right_told_on_the_decision_day_is_not_before_it(
    notified: str, flagged: bool
) -> None:
    record = application(
        significant_interest=True,
        hearing_right_notice_date=notified,
        decision={"date": "2025-05-20", "outcome": "granted"},
    )
    if flagged:
        flags(licensing.licence_hearing, record, key="notice", fact_date="2025-05-20")
    else:
        passes(licensing.licence_hearing, record)


@pytest.mark.parametrize(("held", "flagged"), [("2025-04-08", False), ("2025-04-09", True)])
def test_a_hearing_on_the_20th_working_day_after_the_request_is_in_time(
    held: str, flagged: bool
) -> None:
    # Requested 03-10 (the 5th working day after the notice of 03-03, in time); 20 working days
    # end 04-08 (04-04 … 04-06 is the 清明 holiday).
    record = application(
        received_date="2025-02-24",
        significant_interest=True,
        hearing_right_notice_date="2025-03-03",
        hearing={"request_date": "2025-03-10", "held_date": held},
        decision={"date": "2025-05-20", "outcome": "granted"},
    )
    if flagged:
        flags(licensing.licence_hearing, record, key="held", fact_date=held)
    else:
        passes(licensing.licence_hearing, record)


@pytest.mark.parametrize(("requested", "flagged"), [("2025-03-10", True), ("2025-03-11", False)])
def test_a_hearing_request_on_the_fifth_working_day_is_in_time(
    requested: str, flagged: bool
) -> None:
    record = application(
        received_date="2025-02-24",
        significant_interest=True,
        hearing_right_notice_date="2025-03-03",
        hearing={"request_date": requested, "held_date": "2025-04-30"},
        decision={"date": "2025-05-20", "outcome": "granted"},
    )
    if flagged:
        flags(licensing.licence_hearing, record, key="held", fact_date="2025-04-30")
    else:
        passes(licensing.licence_hearing, record)


# -- LIC-RENEWAL (Art. 50) ---------------------------------------------------------------------


@pytest.mark.parametrize(("applied", "flagged"), [("2025-05-31", True), ("2025-06-01", False)])
def test_a_renewal_applied_for_exactly_30_days_before_expiry_is_timely(
    applied: str, flagged: bool
) -> None:
    record = application(
        kind="renewal", received_date=applied, current_licence_expiry_date="2025-06-30"
    )
    if flagged:  # timely and not decided: deemed renewed, and the inaction flagged
        flags(licensing.licence_renewal, record, key="renewal", fact_date="2025-07-01")
    else:
        passes(licensing.licence_renewal, record)


@pytest.mark.parametrize(("decided", "flagged"), [("2025-06-30", False), ("2025-07-01", True)])
def test_a_renewal_decided_on_the_expiry_day_is_in_time(decided: str, flagged: bool) -> None:
    record = application(
        kind="renewal",
        received_date="2025-05-20",
        current_licence_expiry_date="2025-06-30",
        decision={"date": decided, "outcome": "granted"},
    )
    if flagged:
        flags(licensing.licence_renewal, record, key="renewal", fact_date=decided)
    else:
        passes(licensing.licence_renewal, record)
