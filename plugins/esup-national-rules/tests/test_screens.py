"""Screens of the national pack's rules (issue 17).

A screen selects every subject its rule could flag as of the day checked or any later day
while the record is unchanged; the engine evaluates the rule only on what it selects. For each
screened rule this module pins a clean subject the screen leaves out and the boundary of its
calendar-day bound (``ROWS``); every flagging case of the rule's case file must be selected
(``test_rule_cases_within_screen``); and over the sample township and around each case, a
subject left out on a day has no finding on that day nor on a later one, and no open statutory
clock on that day (the ladder tests, which also check days before the facts are complete:
dates after the day checked are not seen then, and a deadline still running is a clock the
engine keeps).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from esup_national_rules import RULES as NATIONAL_RULES

from enforcement_supervision._host import Evaluator, MappingLookup, load_cases
from enforcement_supervision.model import unstructure_record
from enforcement_supervision.rules import Rule
from enforcement_supervision.rules._cases import Case, _settings_for
from enforcement_supervision.sample import generate_township
from enforcement_supervision.statutory_time import default_calendar, to_local_date
from enforcement_supervision.testing import as_of_instant, build_record, evaluate

CASES = Path(__file__).resolve().parents[1] / "src" / "esup_national_rules" / "cases"
#: The five core rules of the SQL baseline: their screens are tested in tests/plugins.
CORE = {
    "PEN-DECISION-90D",
    "PEN-DELIVERY-7WD",
    "PEN-LEGAL-REVIEW",
    "PEN-OFFICERS-2",
    "PEN-SUMMARY-LIMIT",
}
SCREENED: dict[str, Rule] = {
    rule.id: rule for rule in NATIONAL_RULES if rule.screen is not None and rule.id not in CORE
}

#: The rules that declare a screen: adding or dropping one is a deliberate change.
EXPECTED_SCREENED = {
    "INSP-APPROVAL",
    "LIC-DECISION-20WD",
    "LIC-ISSUE-10WD",
    "LIC-ONE-TIME-NOTICE",
    "PEN-CASH-HANDOVER",
    "PEN-COLLECTIVE",
    "PEN-CORRECTION",
    "PEN-CRIME-REFERRAL",
    "PEN-DELEGATION",
    "PEN-HEARING-HELD",
    "PEN-HEARING-RIGHT",
    "PEN-LATE-FEE",
    "PEN-NOT-STOPPED",
    "PEN-ONSPOT-CASH",
    "PEN-PAY-15D",
    "PEN-PRESERVE-7WD",
    "PET-HANDLE-60D",
    "PET-NOTICE-15D",
    "PET-OBJECTION-5WD",
    "PET-RECHECK-30D",
    "PET-REVIEW-30D",
    "PET-ROUTE-15D",
    "PUB-PENALTY-SCOPE",
    "PUB-WITHDRAW",
}

AS_OF = "2025-12-31"
_DECIDED = {"decision_date": "2025-05-01", "procedure": "ordinary", "fine_amount": "500"}


def _selected(rule: Rule, record: Any, day: dt.date) -> bool:
    bound = rule.bound_screen(record.record_type)
    assert bound is not None, f"{rule.id} has no screen for {record.record_type}"
    return bound.selects(unstructure_record(record), day)


def test_screened_rules() -> None:
    assert set(SCREENED) == EXPECTED_SCREENED
    for rule in SCREENED.values():
        assert rule.screen is not None
        assert rule.screen.reason.strip()


# --------------------------------------------------------------------------------------------
# Clean subjects left out, and the boundaries: (rule, what, record, as of, selected, flags);
# flags None: not asserted (a screen may select a clean subject).

ROWS: list[tuple[str, str, dict[str, Any], str, bool, bool | None]] = [
    (
        "PEN-PAY-15D",
        "paid within the 15 days: left out",
        {
            "decision": _DECIDED,
            "delivery": {"served_date": "2025-05-05"},
            "payment": {"paid_date": "2025-05-15"},
        },
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-PAY-15D",
        "paid on the 15th calendar day after service: left out",
        {
            "decision": _DECIDED,
            "delivery": {"served_date": "2025-05-05"},
            "payment": {"paid_date": "2025-05-20"},
        },
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-PAY-15D",
        "paid the day after: selected and late",
        {
            "decision": _DECIDED,
            "delivery": {"served_date": "2025-05-05"},
            "payment": {"paid_date": "2025-05-21"},
        },
        AS_OF,
        True,
        True,
    ),
    (
        "PEN-PAY-15D",
        "unpaid, checked before the deadline: selected, not yet late",
        {"decision": _DECIDED, "delivery": {"served_date": "2025-05-05"}},
        "2025-05-10",
        True,
        False,
    ),
    (
        "PEN-PAY-15D",
        "no fine: left out",
        {"decision": {**_DECIDED, "fine_amount": None}, "delivery": {"served_date": "2025-05-05"}},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-CASH-HANDOVER",
        "handed over and paid in the next day: left out",
        {
            "payment": {
                "channel": "on_spot",
                "collected_date": "2025-06-10",
                "handover_date": "2025-06-11",
                "bank_deposit_date": "2025-06-12",
            }
        },
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-CASH-HANDOVER",
        "handed over two calendar days after collection: left out",
        {
            "payment": {
                "channel": "on_spot",
                "collected_date": "2025-06-10",
                "handover_date": "2025-06-12",
                "bank_deposit_date": "2025-06-13",
            }
        },
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-CASH-HANDOVER",
        "handed over three days after (past two working days): selected and late",
        {
            "payment": {
                "channel": "on_spot",
                "collected_date": "2025-06-10",
                "handover_date": "2025-06-13",
                "bank_deposit_date": "2025-06-13",
            }
        },
        AS_OF,
        True,
        True,
    ),
    (
        "PEN-CASH-HANDOVER",
        "no cash collected on the spot: left out",
        {"payment": {"channel": "bank", "paid_date": "2025-06-10"}},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-ONSPOT-CASH",
        "paid at the bank: left out",
        {"decision": _DECIDED, "payment": {"channel": "bank", "paid_date": "2025-06-10"}},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-ONSPOT-CASH",
        "on-the-spot channel but nothing collected yet: left out",
        {"decision": _DECIDED, "payment": {"channel": "on_spot"}},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-HEARING-RIGHT",
        "notice states the right to a hearing: left out",
        {"prior_notice": {"served_date": "2025-04-20", "right_hearing": True}},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-HEARING-RIGHT",
        "right to a hearing not recorded: left out",
        {"prior_notice": {"served_date": "2025-04-20"}},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-HEARING-HELD",
        "no hearing: left out",
        {"decision": _DECIDED},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-HEARING-HELD",
        "hearing with only a notice date: left out",
        {"decision": _DECIDED, "hearing": {"notice_date": "2025-04-20"}},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-COLLECTIVE",
        "serious violation discussed on the decision day: left out",
        {"is_major": True, "decision": _DECIDED, "collective_discussion": {"date": "2025-05-01"}},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-COLLECTIVE",
        "discussed the day after the decision: selected and flagged",
        {"is_major": True, "decision": _DECIDED, "collective_discussion": {"date": "2025-05-02"}},
        AS_OF,
        True,
        True,
    ),
    (
        "PEN-COLLECTIVE",
        "neither complex nor serious: left out",
        {"is_major": False, "decision": _DECIDED},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-PRESERVE-7WD",
        "no evidence preserved: left out",
        {"decision": _DECIDED},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-PRESERVE-7WD",
        "preserved with prior approval, handled the same day: selected (clean)",
        {
            "preservations": [
                {
                    "date": "2025-06-10",
                    "head_approval_date": "2025-06-10",
                    "handling_decision_date": "2025-06-10",
                }
            ]
        },
        AS_OF,
        True,
        False,
    ),
    (
        "PEN-CORRECTION",
        "correction ordered: left out",
        {"decision": {**_DECIDED, "correction_ordered": True}},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-CORRECTION",
        "correction not recorded: left out",
        {"decision": _DECIDED},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-CRIME-REFERRAL",
        "suspected crime referred: left out",
        {
            "suspected_crime": True,
            "crime_referral_date": "2025-04-01",
            "decision": {**_DECIDED, "decision_date": "2025-03-01"},
        },
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-CRIME-REFERRAL",
        "checked before the referral was made: selected and flagged",
        {
            "suspected_crime": True,
            "crime_referral_date": "2025-04-01",
            "decision": {**_DECIDED, "decision_date": "2025-03-01"},
        },
        "2025-03-31",
        True,
        True,
    ),
    (
        "PEN-CRIME-REFERRAL",
        "checked on the day of the referral: left out",
        {
            "suspected_crime": True,
            "crime_referral_date": "2025-04-01",
            "decision": {**_DECIDED, "decision_date": "2025-03-01"},
        },
        "2025-04-01",
        False,
        False,
    ),
    (
        "PEN-LATE-FEE",
        "a surcharge of zero: left out",
        {
            "decision": _DECIDED,
            "payment": {
                "late_fee": "0",
                "late_fee_from_date": "2025-06-01",
                "late_fee_to_date": "2025-06-02",
            },
        },
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-DELEGATION",
        "acted by the agency itself: left out",
        {"agency_id": "AG-1", "acting_agency_id": "AG-1", "decision": _DECIDED},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-DELEGATION",
        "acted by another organisation with no entrustment: selected and flagged",
        {"agency_id": "AG-1", "acting_agency_id": "AG-2", "decision": _DECIDED},
        AS_OF,
        True,
        True,
    ),
    (
        "PUB-WITHDRAW",
        "decision never changed: left out",
        {"decision": _DECIDED, "publication": {"published_date": "2025-05-10"}},
        AS_OF,
        False,
        False,
    ),
    (
        "PUB-WITHDRAW",
        "published after the change (of the new decision): left out",
        {
            "decision": {**_DECIDED, "change": {"kind": "revoked", "date": "2025-06-02"}},
            "publication": {"published_date": "2025-06-03"},
        },
        AS_OF,
        False,
        False,
    ),
    (
        "PUB-WITHDRAW",
        "withdrawn with a reason three calendar days after the change: left out",
        {
            "decision": {**_DECIDED, "change": {"kind": "revoked", "date": "2025-06-02"}},
            "publication": {
                "published_date": "2025-05-10",
                "withdrawn_date": "2025-06-05",
                "withdrawal_reason": "撤销",
            },
        },
        AS_OF,
        False,
        False,
    ),
    (
        "PUB-PENALTY-SCOPE",
        "social impact, published: left out",
        {
            "decision": {**_DECIDED, "social_impact": True},
            "publication": {"published_date": "2025-05-10"},
        },
        AS_OF,
        False,
        False,
    ),
    (
        "PUB-PENALTY-SCOPE",
        "checked before a late publication: selected and flagged",
        {
            "decision": {**_DECIDED, "social_impact": True},
            "publication": {"published_date": "2025-08-01"},
        },
        "2025-07-01",
        True,
        True,
    ),
    (
        "PEN-NOT-STOPPED",
        "inspection found nothing: left out",
        {"record_type": "inspection", "date": "2025-06-10", "result": "none"},
        AS_OF,
        False,
        False,
    ),
    (
        "PEN-NOT-STOPPED",
        "violation corrected on the spot: selected (clean)",
        {
            "record_type": "inspection",
            "date": "2025-06-10",
            "result": "violation",
            "correction_order_date": "2025-06-10",
        },
        AS_OF,
        True,
        False,
    ),
    (
        "INSP-APPROVAL",
        "approved on the inspection day: left out",
        {"date": "2025-06-10", "approval_date": "2025-06-10"},
        AS_OF,
        False,
        False,
    ),
    (
        "INSP-APPROVAL",
        "approved the day after: selected and flagged",
        {"date": "2025-06-10", "approval_date": "2025-06-11"},
        AS_OF,
        True,
        True,
    ),
    (
        "LIC-DECISION-20WD",
        "decided 20 calendar days after acceptance: left out",
        {
            "received_date": "2025-03-03",
            "acceptance": {"date": "2025-03-03", "accepted": True},
            "decision": {"date": "2025-03-23", "outcome": "granted"},
        },
        AS_OF,
        False,
        False,
    ),
    (
        "LIC-DECISION-20WD",
        "decided 21 calendar days after: selected (in time: 20 working days are longer)",
        {
            "received_date": "2025-03-03",
            "acceptance": {"date": "2025-03-03", "accepted": True},
            "decision": {"date": "2025-03-24", "outcome": "granted"},
        },
        AS_OF,
        True,
        False,
    ),
    (
        "LIC-DECISION-20WD",
        "a special law's deadline: selected",
        {
            "received_date": "2025-03-03",
            "acceptance": {"date": "2025-03-03", "accepted": True},
            "special_law_deadline_wd": 5,
            "decision": {"date": "2025-03-05", "outcome": "granted"},
        },
        AS_OF,
        True,
        False,
    ),
    (
        "LIC-ISSUE-10WD",
        "certificate served 10 calendar days after the grant: left out",
        {
            "received_date": "2025-05-20",
            "decision": {"date": "2025-06-02", "outcome": "granted"},
            "certificate": {"issued_date": "2025-06-03", "served_date": "2025-06-12"},
        },
        AS_OF,
        False,
        False,
    ),
    (
        "LIC-ISSUE-10WD",
        "refused: left out",
        {"received_date": "2025-05-20", "decision": {"date": "2025-06-02", "outcome": "refused"}},
        AS_OF,
        False,
        False,
    ),
    (
        "LIC-ONE-TIME-NOTICE",
        "complete materials: left out",
        {"received_date": "2025-03-03", "materials_complete": True},
        AS_OF,
        False,
        False,
    ),
    (
        "LIC-ONE-TIME-NOTICE",
        "incomplete, accepted five calendar days after receipt: left out",
        {
            "received_date": "2025-03-03",
            "materials_complete": False,
            "acceptance": {"date": "2025-03-08", "accepted": True},
        },
        AS_OF,
        False,
        False,
    ),
    (
        "LIC-ONE-TIME-NOTICE",
        "incomplete, no notice and no acceptance: selected and flagged",
        {"received_date": "2025-03-03", "materials_complete": False},
        AS_OF,
        True,
        True,
    ),
    (
        "PET-ROUTE-15D",
        "routed on the 15th day: left out",
        {"received_date": "2025-03-03", "petition_office": True, "routed_date": "2025-03-18"},
        AS_OF,
        False,
        False,
    ),
    (
        "PET-ROUTE-15D",
        "not the petition office: left out",
        {"received_date": "2025-03-03"},
        AS_OF,
        False,
        False,
    ),
    (
        "PET-NOTICE-15D",
        "notice on the 15th day: left out",
        {"received_date": "2025-03-03", "notice_date": "2025-03-18"},
        AS_OF,
        False,
        False,
    ),
    (
        "PET-NOTICE-15D",
        "no notice, checked on the 15th day: selected, not yet late",
        {"received_date": "2025-03-03"},
        "2025-03-18",
        True,
        False,
    ),
    (
        "PET-OBJECTION-5WD",
        "objection five calendar days after receipt: left out",
        {
            "received_date": "2025-03-03",
            "channel": "referred",
            "within_powers": False,
            "objection_date": "2025-03-08",
        },
        AS_OF,
        False,
        False,
    ),
    (
        "PET-OBJECTION-5WD",
        "within the agency's powers: left out",
        {"received_date": "2025-03-03", "channel": "referred", "within_powers": True},
        AS_OF,
        False,
        False,
    ),
    (
        "PET-HANDLE-60D",
        "concluded on the 60th day: left out",
        {
            "received_date": "2025-03-01",
            "accepted_date": "2025-03-03",
            "concluded_date": "2025-05-02",
        },
        AS_OF,
        False,
        False,
    ),
    (
        "PET-HANDLE-60D",
        "extended by 31 days: selected and flagged",
        {
            "received_date": "2025-03-01",
            "accepted_date": "2025-03-03",
            "concluded_date": "2025-04-02",
            "extension": {"days": 31, "approved_date": "2025-04-01"},
        },
        AS_OF,
        True,
        True,
    ),
    (
        "PET-REVIEW-30D",
        "review opinion on the 30th day: left out",
        {
            "received_date": "2025-03-01",
            "review": {"request_received_date": "2025-06-02", "opinion_date": "2025-07-02"},
        },
        AS_OF,
        False,
        False,
    ),
    (
        "PET-RECHECK-30D",
        "re-check opinion on the 30th day: left out",
        {
            "received_date": "2025-03-01",
            "recheck": {"request_received_date": "2025-06-02", "opinion_date": "2025-07-02"},
        },
        AS_OF,
        False,
        False,
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "what", "data", "as_of", "selected", "flags"),
    ROWS,
    ids=[f"{row[0]}: {row[1]}" for row in ROWS],
)
def test_screen_rows(
    rule_id: str, what: str, data: dict[str, Any], as_of: str, selected: bool, flags: bool | None
) -> None:
    rule = SCREENED[rule_id]
    fields = dict(data)
    record_type = str(fields.pop("record_type", rule.applies_to[0]))
    record = build_record(record_type, {"id": "S-1", **fields})
    day = dt.date.fromisoformat(as_of)
    found = bool(evaluate(rule, record, as_of=as_of).findings)
    assert _selected(rule, record, day) is selected, what
    if flags is not None:
        assert found is flags, what
    assert selected or not found, f"{rule_id} flags a subject its screen leaves out"


def test_every_screened_rule_has_rows() -> None:
    assert {row[0] for row in ROWS} == set(SCREENED)


# --------------------------------------------------------------------------------------------
# The ladder: a subject left out on a day has no finding on that day nor on any later one,
# and no open clock on that day.


def _ladder_misses(
    rule: Rule,
    subjects: Iterable[Any],
    days: list[dt.date],
    *,
    settings: Mapping[str, Any],
    lookup: MappingLookup,
    as_of_of: Mapping[dt.date, dt.datetime] | None = None,
    provisional: bool = False,
) -> list[str]:
    misses: list[str] = []
    evaluators = {
        day: Evaluator(
            as_of=(as_of_of or {}).get(day, as_of_instant(day)),
            calendar=default_calendar(provisional=provisional),
            settings=dict(settings),
            lookup=lookup,
        )
        for day in days
    }
    for subject in subjects:
        if subject.record_type not in rule.applies_to:
            continue
        outcomes = {day: evaluators[day].evaluate(rule, subject) for day in days}
        flagged = [day for day in days if outcomes[day].findings]
        for day in days:
            if _selected(rule, subject, day):
                continue
            if any(d >= day for d in flagged):
                misses.append(f"{rule.id} {subject.id}: left out on {day}, flags on {flagged}")
                break
            if outcomes[day].clocks:
                misses.append(f"{rule.id} {subject.id}: left out on {day} with an open clock")
                break
    return misses


def test_sample_township_within_screens() -> None:
    township = generate_township()
    records = list(township)
    lookup = MappingLookup(records)
    base = township.as_of
    days = [base + dt.timedelta(days=k) for k in (-270, -120, -45, -10, 0, 400)]
    misses: list[str] = []
    for rule in SCREENED.values():
        misses += _ladder_misses(rule, records, days, settings={}, lookup=lookup)
    assert not misses, "\n".join(misses)


def _screened_cases() -> list[Case]:
    return [case for file in load_cases([CASES]) for case in file.cases if case.rule_id in SCREENED]


def test_rule_cases_within_screen() -> None:
    flagging: dict[str, int] = dict.fromkeys(SCREENED, 0)
    misses: list[str] = []
    for case in _screened_cases():
        rule = SCREENED[case.rule_id]
        records = [
            build_record(str(data.get("record_type", rule.applies_to[0])), data)
            for data in case.records
        ]
        base = to_local_date(case.as_of)
        days = sorted(
            {base + dt.timedelta(days=k) for k in (-400, -60, -14, -3, -1, 0, 1, 7, 60, 400)}
        )
        subjects = [r for r in records if r.record_type in rule.applies_to]
        if case.expect == "flag":
            flagging[rule.id] += 1
            for subject in subjects:
                if evaluate(rule, subject, as_of=case.as_of, records=records).findings:
                    assert _selected(rule, subject, base), f"{rule.id}: {case.name}"
        misses += _ladder_misses(
            rule,
            subjects,
            days,
            settings=_settings_for(rule, case.params),
            lookup=MappingLookup(records),
            as_of_of={base: case.as_of},
            provisional=case.provisional,
        )
    assert not misses, "\n".join(misses)
    assert all(flagging.values()), [rule for rule, n in flagging.items() if not n]
