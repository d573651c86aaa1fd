"""Screens of the five core penalty-case rules (those of the SQL baseline in
``benchmarks/run.py``): which cases each rule could flag, or report a statutory clock for, as of
the check's day. Every other case is answered as clean without calling the rule
(``docs/guide/screens.md``).

A screen may select too much, never too little: where a rule reads something a screen cannot
see (its parameters, an officer record, the working-day calendar) the screen keeps the case.
Working-day deadlines are bounded by calendar days (N working days end no earlier than N
calendar days), and the extensions and excluded periods of the 90-day limit only lengthen it.
"""

from __future__ import annotations

from enforcement_supervision.rules import AS_OF, Screen, all_of, any_of, field
from esup_national_rules._law import APL

__all__ = [
    "DECISION_90D_SCREEN",
    "DELIVERY_7WD_SCREEN",
    "LEGAL_REVIEW_SCREEN",
    "OFFICERS_2_SCREEN",
    "SUMMARY_LIMIT_SCREEN",
]

_NEW_LAW = APL.in_force
_decision_date = field("decision.decision_date")
#: The decision's date is on or after 2021-07-15 (or unknown): the rules' facts date is then
#: in force (a case decided earlier is not evaluated at all).
_decided_under_new_law = ~(_decision_date < _NEW_LAW)

# No screen here needs a recheck day: each keeps the cases whose duty is still open (the rule
# reports a running clock for them every day, so they are never left out), and a duty is open
# as of a past day when the act that ended it is dated later (the check does not see it).

DECISION_90D_SCREEN = Screen(
    all_of(
        field("filed_date") >= _NEW_LAW,
        any_of(
            # Open: the duty runs (a clock every day) and may become overdue.
            _decision_date.is_null() & field("closure.closed_date").is_null(),
            # Done after the 90th day: late, or past the strict deadline (an advisory).
            _decision_date > field("filed_date").plus_days(90),
            _decision_date.is_null()
            & (field("closure.closed_date") > field("filed_date").plus_days(90)),
            # Decided or closed after the day checked: open as of that day.
            _decision_date > AS_OF,
            field("closure.closed_date") > AS_OF,
        ),
    ),
    reason="a case filed before 2021-07-15 is not evaluated, and one decided (or closed) "
    "within 90 calendar days of filing, on or before the day checked, met every deadline the "
    "rule computes: extensions and excluded periods only lengthen it",
)

SUMMARY_LIMIT_SCREEN = Screen(
    all_of(
        field("decision.procedure") == "summary",
        field("decision.special_law_ref").is_null(),
        # The caps are parameters a deployment may change: any fine is kept.
        field("decision.penalty_types").not_empty() | field("decision.fine_amount").is_not_null(),
    ),
    reason="only a summary decision without a special-law reference that imposes a penalty "
    "(a type or a fine) can exceed the summary procedure's limits",
)

OFFICERS_2_SCREEN = Screen(
    field("acts").not_empty(),
    reason="a case without enforcement acts has no act to count officers for",
)

_LEGAL_REVIEW_NEEDED = any_of(
    field("major_public_interest") == True,  # noqa: E712 (a screen comparison, not a test)
    field("hearing.held_date").is_not_null(),
    field("complex_multi_legal") == True,  # noqa: E712
    field("review_required_by_law") == True,  # noqa: E712
    # The legal-review catalogs are looked up by matter code: any coded decision is kept.
    field("decision.matter_code").is_not_null(),
)
_review_done = field("legal_review.completed_date")
_approved = field("decision.approved_date")
_REVIEW_WANTING = any_of(
    field("legal_review").is_null(),
    _review_done.is_null() & field("legal_review.result").is_null(),
    _approved.is_not_null() & (_review_done > _approved),
    _approved.is_null() & (_review_done > _decision_date),
    field("legal_review.result").not_in(["pass"]),
)
LEGAL_REVIEW_SCREEN = Screen(
    all_of(
        field("decision").is_not_null(),
        _decided_under_new_law,
        _LEGAL_REVIEW_NEEDED,
        _REVIEW_WANTING,
    ),
    reason="only a decision from 2021-07-15 that needed a legal review (major public "
    "interest, hearing held, complex, required by law, or a matter code that may be on a "
    "catalog) and lacks a passed review completed by its approval can flag",
)

_announced = field("decision.announced_date")
_served = field("delivery.served_date")
_present = field("delivery.party_present_at_announcement") == True  # noqa: E712
_method = field("delivery.method")
DELIVERY_7WD_SCREEN = Screen(
    all_of(
        field("decision.procedure") == "ordinary",
        _decided_under_new_law,
        any_of(
            _present,
            all_of(
                ~(_method == "public_notice"),
                any_of(
                    # Not served yet (or served after the day checked): the duty runs (a
                    # clock) and may pass.
                    _served.is_null(),
                    _served > AS_OF,
                    # Served after seven calendar days: maybe after seven working days.
                    _announced.is_not_null() & (_served > _announced.plus_days(7)),
                    _announced.is_null() & (_served > _decision_date.plus_days(7)),
                ),
            ),
            (_method == "electronic") & (field("delivery.e_service_consent_signed") == False),  # noqa: E712
        ),
    ),
    reason="an ordinary decision from 2021-07-15 served, on or before the day checked, within "
    "seven calendar days of its announcement (never later than seven working days), to a "
    "party not present, by notice or with consent to electronic service, breaks none of the "
    "service rules",
)
