"""The context and the evaluator: time comparisons and recheck times, parameters as of the
facts date, findings and their reasons, notes, errors."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcement_supervision._host import (
    Evaluator,
    MappingLookup,
    RuleSettings,
    RuleUsageError,
    Subject,
    build_record,
    fingerprint,
    make_groups,
)
from enforcement_supervision.rules import (
    Context,
    Finding,
    GroupBy,
    LegalBasis,
    Parameter,
    Rule,
    rule,
)
from enforcement_supervision.statutory_time import SHANGHAI, default_calendar

CALENDAR = default_calendar()
BASIS = LegalBasis(instrument="测试规定", article="1")


def at(text: str) -> datetime:
    """An instant in Asia/Shanghai from ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``."""
    parsed = datetime.fromisoformat(text)
    return parsed.replace(tzinfo=SHANGHAI)


def case(record_id: str = "PC-1", **fields: Any) -> Any:
    return build_record("penalty-case", id=record_id, **fields)


def evaluate(rule_: Rule, subject: Any, when: str, **kwargs: Any) -> Any:
    return Evaluator(as_of=at(when), calendar=CALENDAR, **kwargs).evaluate(rule_, subject)


def simple_rule(body: Any, **overrides: Any) -> Rule:
    arguments: dict[str, Any] = {
        "id": "TEST-SIMPLE",
        "title_zh": "测试",
        "title_en": "test",
        "category": "procedure",
        "severity": "S2",
        "legal_basis": BASIS,
        "applies_to": "penalty-case",
    }
    arguments.update(overrides)
    return rule(**arguments)(body)


class TestDeadlines:
    """The worked example E1: filed 2024-09-09; day 90 is Sunday 2024-12-08, rolled to 12-09."""

    def test_decided_after_the_rolled_deadline_is_flagged_with_its_trace(
        self, decision_rule: Rule
    ) -> None:
        subject = case(filed_date="2024-09-09", decision={"decision_date": "2024-12-11"})
        outcome = evaluate(decision_rule, subject, "2025-03-01")
        assert len(outcome.findings) == 1
        finding = outcome.findings[0]
        (deadline,) = finding.reasons.deadlines
        assert deadline.label == "decision"
        assert deadline.strict_date == date(2024, 12, 8)
        assert deadline.rolled_date == date(2024, 12, 9)
        assert deadline.due_date == date(2024, 12, 9)
        assert "顺延至 2024-12-09" in deadline.trace_zh
        assert "rolled over to 2024-12-09" in deadline.trace_en
        assert finding.reasons.facts == {"filed_date": "2024-09-09", "decision_date": "2024-12-11"}
        assert finding.reasons.readings == {"agency_deadline_rollover": True}
        assert finding.reasons.facts_date == date(2024, 9, 9)
        assert finding.reasons.articles[0].article == "60"
        # a decided case cannot change with time alone
        assert outcome.recheck_at is None

    def test_decided_on_the_rolled_day_is_in_time(self, decision_rule: Rule) -> None:
        subject = case(filed_date="2024-09-09", decision={"decision_date": "2024-12-09"})
        assert evaluate(decision_rule, subject, "2025-03-01").findings == ()

    def test_the_strict_reading_flags_the_rolled_day(self, decision_rule: Rule) -> None:
        subject = case(filed_date="2024-09-09", decision={"decision_date": "2024-12-09"})
        settings_ = {
            decision_rule.id: RuleSettings(
                rule=decision_rule,
                parameters={
                    "agency_deadline_rollover": decision_rule.parameter(
                        "agency_deadline_rollover"
                    ).with_override(False)
                },
            )
        }
        outcome = evaluate(decision_rule, subject, "2025-03-01", settings=settings_)
        assert [f.reasons.readings for f in outcome.findings] == [
            {"agency_deadline_rollover": False}
        ]

    def test_open_case_records_when_its_deadline_passes(self, decision_rule: Rule) -> None:
        subject = case(filed_date="2024-09-09")
        before = evaluate(decision_rule, subject, "2024-12-09T23:59")
        assert before.findings == ()
        assert before.recheck_at == at("2024-12-10")
        after = evaluate(decision_rule, subject, "2024-12-10T00:00")
        assert [f.key for f in after.findings] == ["decision"]
        assert after.recheck_at is None

    @settings(
        max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(
        filed=st.dates(min_value=date(2023, 1, 1), max_value=date(2025, 6, 30)),
        offset=st.integers(min_value=0, max_value=200 * 24),
        step=st.floats(min_value=0.0, max_value=1.0),
    )
    def test_the_answer_does_not_change_before_the_recheck_time(
        self, decision_rule: Rule, filed: date, offset: int, step: float
    ) -> None:
        """For any instant between as_of and the recheck time, the findings are the same."""
        decision_90d = decision_rule
        subject = case(filed_date=filed.isoformat())
        start = datetime(filed.year, filed.month, filed.day, tzinfo=SHANGHAI) + timedelta(
            hours=offset
        )
        first = Evaluator(as_of=start, calendar=CALENDAR).evaluate(decision_90d, subject)
        if first.recheck_at is None:
            later = start + timedelta(days=365)
        else:
            assert first.recheck_at > start
            later = start + (first.recheck_at - start) * step
            if later >= first.recheck_at:
                later = first.recheck_at - timedelta(microseconds=1)
            changed = Evaluator(as_of=first.recheck_at, calendar=CALENDAR).evaluate(
                decision_90d, subject
            )
            assert [f.fingerprint for f in changed.findings] != [
                f.fingerprint for f in first.findings
            ]
        second = Evaluator(as_of=later, calendar=CALENDAR).evaluate(decision_90d, subject)
        assert [f.fingerprint for f in second.findings] == [f.fingerprint for f in first.findings]

    def test_reached_and_ended_use_local_midnight(self) -> None:
        ctx = Context(
            rule=simple_rule(lambda r, c: None), as_of=at("2025-06-30T23:00"), calendar=CALENDAR
        )
        assert ctx.reached(date(2025, 6, 30))
        assert not ctx.ended(date(2025, 6, 30))
        assert not ctx.reached(date(2025, 7, 5))
        assert ctx.recheck_time == at("2025-07-01")  # the earliest of the two
        assert ctx.reached(at("2025-06-30T22:59"))

    def test_reading_the_clock_directly_makes_the_subject_due_at_every_later_run(self) -> None:
        def body(record: Any, ctx: Context) -> None:
            if ctx.as_of_date.year >= 2025:
                ctx.finding(message_zh="年", message_en="year")

        outcome = evaluate(simple_rule(body), case(), "2025-06-30T09:00")
        assert outcome.recheck_at == at("2025-06-30T09:00") + timedelta(microseconds=1)


class TestParameters:
    """Dated parameters resolve as of the date of the facts: summary-procedure caps were
    50/1,000 yuan before 2021-07-15 and 200/3,000 after."""

    @staticmethod
    def summary_case(decided: str, fine: str, party: str = "natural_person") -> Any:
        return case(
            party={"type": party, "name": "某当事人"},
            decision={"decision_date": decided, "procedure": "summary", "fine_amount": fine},
        )

    @pytest.mark.parametrize(
        ("decided", "fine", "party", "flagged", "cap"),
        [
            ("2021-07-14", "100.00", "natural_person", True, "50"),
            ("2021-07-15", "100.00", "natural_person", False, "200"),
            ("2024-03-01", "200.00", "natural_person", False, "200"),
            ("2024-03-01", "200.01", "natural_person", True, "200"),
            ("2020-05-06", "1500.00", "legal_person", True, "1000"),
            ("2022-05-06", "1500.00", "legal_person", False, "3000"),
        ],
    )
    def test_caps_in_force_on_the_decision_date(
        self, summary_rule: Rule, decided: str, fine: str, party: str, flagged: bool, cap: str
    ) -> None:
        # evaluated in 2025 for every case: the run date must not matter
        outcome = evaluate(summary_rule, self.summary_case(decided, fine, party), "2025-06-30")
        assert bool(outcome.findings) is flagged
        if flagged:
            (finding,) = outcome.findings
            name = "natural_person_max" if party == "natural_person" else "organisation_max"
            assert finding.reasons.parameters == {name: cap}
            assert finding.reasons.facts_date == date.fromisoformat(decided)
        assert outcome.recheck_at is None

    def test_explicit_date_and_evaluation_date_defaults(self) -> None:
        cap = Parameter(name="cap", default=1, values={date(2026, 1, 1): 2})

        def body(record: Any, ctx: Context) -> None:
            ctx.finding(
                message_zh="值",
                message_en="value",
                facts={
                    "explicit": ctx.param("cap", as_of=date(2027, 5, 1)),
                    "now": ctx.param("cap"),
                },
            )

        outcome = evaluate(simple_rule(body, parameters=[cap]), case(), "2025-06-30")
        assert outcome.findings[0].reasons.facts == {"explicit": 2, "now": 1}
        # two values were used, each is reported with its date
        assert outcome.findings[0].reasons.parameters == {
            "cap@2027-05-01": 2,
            "cap@2025-06-30": 1,
        }
        # resolved "as of now": the answer changes when the next value takes effect
        assert outcome.recheck_at == at("2026-01-01")

    def test_params_mapping_and_unknown_names(self) -> None:
        cap = Parameter(name="cap", default=Decimal("3"))
        ctx = Context(
            rule=simple_rule(lambda r, c: None, parameters=[cap]),
            as_of=at("2025-01-01"),
            calendar=CALENDAR,
        )
        assert ctx.params["cap"] == Decimal("3")
        assert dict(ctx.params) == {"cap": Decimal("3")}
        with pytest.raises(RuleUsageError, match="no parameter 'kap'"):
            ctx.param("kap")


class TestFindings:
    def test_fingerprint_is_rule_subject_and_key_only(self, decision_rule: Rule) -> None:
        subject = case(filed_date="2024-09-09")
        early = evaluate(decision_rule, subject, "2025-01-01").findings[0]
        late = evaluate(decision_rule, subject, "2026-01-01").findings[0]
        bumped = evaluate(attrs.evolve(decision_rule, version="2"), subject, "2026-01-01").findings[
            0
        ]
        assert early.fingerprint == late.fingerprint == bumped.fingerprint
        assert early.fingerprint == fingerprint(
            decision_rule.id, Subject(record_type="penalty-case", record_id="PC-1"), "decision"
        )
        other = evaluate(decision_rule, case("PC-2", filed_date="2024-09-09"), "2025-01-01")
        assert other.findings[0].fingerprint != early.fingerprint
        assert len(early.fingerprint) == 64

    def test_json_round_trip(self, decision_rule: Rule) -> None:
        subject = case(filed_date="2024-09-09", decision={"decision_date": "2024-12-11"})
        finding = evaluate(decision_rule, subject, "2025-01-01").findings[0]
        data = json.loads(json.dumps(finding.to_dict(), ensure_ascii=False))
        assert data["subject_type"] == "penalty-case"
        assert data["agency_id"] == "agency-township"
        assert Finding.from_dict(data) == finding
        data["fingerprint"] = "0" * 64
        with pytest.raises(ValueError, match="fingerprint"):
            Finding.from_dict(data)

    def test_statement_in_both_languages(self, decision_rule: Rule) -> None:
        subject = case(filed_date="2024-09-09", decision={"decision_date": "2024-12-11"})
        finding = evaluate(decision_rule, subject, "2025-01-01").findings[0]
        zh = finding.statement("zh")
        en = finding.statement("en")
        assert "《行政处罚法》第60条" in zh
        assert "顺延至 2024-12-09" in zh
        assert "Administrative Penalty Law Art. 60" in en
        assert "agency_deadline_rollover" in en

    def test_same_key_twice_is_a_rule_bug(self) -> None:
        def body(record: Any, ctx: Context) -> None:
            ctx.finding(message_zh="一", message_en="one", key="k")
            ctx.finding(message_zh="二", message_en="two", key="k")

        outcome = evaluate(simple_rule(body), case(), "2025-01-01")
        assert outcome.error is not None
        assert outcome.error.error_type == "RuleUsageError"
        assert outcome.findings == ()
        assert not outcome.complete

    def test_severity_override_due_date_and_evidence(self) -> None:
        from enforcement_supervision.rules import Evidence

        def body(record: Any, ctx: Context) -> None:
            ctx.finding(
                message_zh="提示",
                message_en="note",
                severity="S4",
                due=date(2025, 2, 1),
                evidence=[
                    Evidence(
                        description="立案审批表", record_type="penalty-case", record_id=record.id
                    )
                ],
            )

        (finding,) = evaluate(simple_rule(body), case(), "2025-01-01").findings
        assert finding.severity.value == "S4"
        assert finding.due == date(2025, 2, 1)
        assert finding.evidence[0].record_id == "PC-1"
        assert Finding.from_dict(json.loads(json.dumps(finding.to_dict()))) == finding


class TestUndecided:
    @staticmethod
    def wd_rule(severity: str) -> Rule:
        def body(record: Any, ctx: Context) -> None:
            deadline = ctx.deadline(record.filed_date, 20, "WD", start_label="立案")
            if ctx.deadline_passed(deadline):
                ctx.finding(message_zh="超期", message_en="late")

        return simple_rule(body, id=f"TEST-WD-{severity}", severity=severity)

    def test_no_official_schedule_in_strict_mode_is_a_note(self) -> None:
        outcome = evaluate(self.wd_rule("S2"), case(filed_date="2026-12-20"), "2027-03-01")
        assert outcome.findings == ()
        assert [n.kind for n in outcome.notes] == ["calendar-unavailable"]
        assert outcome.notes[0].data == {"year": 2027}
        assert not outcome.complete
        assert outcome.error is None

    def test_provisional_date_never_raises_s1_or_s2(self) -> None:
        evaluator = Evaluator(as_of=at("2027-03-01"), calendar=default_calendar(provisional=True))
        outcome = evaluator.evaluate(self.wd_rule("S2"), case(filed_date="2026-12-20"))
        assert outcome.findings == ()
        (note,) = outcome.notes
        assert note.kind == "provisional"
        assert note.data["fingerprint"] == fingerprint(
            "TEST-WD-S2", Subject(record_type="penalty-case", record_id="PC-1"), ""
        )
        # an S3 rule still reports, marked provisional
        outcome = evaluator.evaluate(self.wd_rule("S3"), case(filed_date="2026-12-20"))
        (finding,) = outcome.findings
        assert finding.provisional
        assert finding.reasons.deadlines[0].provisional

    def test_undecided_stops_the_rule_with_a_note(self) -> None:
        def body(record: Any, ctx: Context) -> None:
            ctx.undecided("缺少决定书日期", "the date on the decision document is missing")

        outcome = evaluate(simple_rule(body), case(), "2025-01-01")
        assert [(n.kind, n.message_en) for n in outcome.notes] == [
            ("undecided", "the date on the decision document is missing")
        ]
        assert not outcome.complete


class TestEvaluator:
    def test_errors_are_outcomes_unless_asked_to_raise(self) -> None:
        def body(record: Any, ctx: Context) -> None:
            raise ZeroDivisionError("bug in the rule")

        broken = simple_rule(body)
        outcome = evaluate(broken, case(), "2025-01-01")
        assert outcome.error is not None
        assert outcome.error.error_type == "ZeroDivisionError"
        assert "bug in the rule" in outcome.error.traceback
        with pytest.raises(ZeroDivisionError):
            Evaluator(as_of=at("2025-01-01"), calendar=CALENDAR).evaluate(
                broken, case(), catch=False
            )

    def test_rule_not_in_force_on_the_facts_date_is_skipped(self) -> None:
        calls: list[str] = []

        def body(record: Any, ctx: Context) -> None:
            calls.append(record.id)

        dated = simple_rule(body, valid_from=date(2021, 7, 15), facts_date="filed_date")
        assert (
            evaluate(dated, case(filed_date="2021-07-14"), "2025-01-01").skipped == "not-in-force"
        )
        assert evaluate(dated, case("PC-2", filed_date="2021-07-15"), "2025-01-01").skipped is None
        assert calls == ["PC-2"]

    def test_lookups_become_dependencies(self) -> None:
        def body(record: Any, ctx: Context) -> None:
            for officer_id in record.investigator_ids:
                if ctx.lookup("officer", officer_id) is None:
                    ctx.finding(key=officer_id, message_zh="无此人员", message_en="unknown officer")

        officer = build_record("officer", id="O-1")
        outcome = evaluate(
            simple_rule(body),
            case(investigator_ids=["O-1", "O-9"]),
            "2025-01-01",
            lookup=MappingLookup([officer]),
        )
        assert [f.key for f in outcome.findings] == ["O-9"]
        assert outcome.dependencies == {("officer", "O-1"), ("officer", "O-9")}

    def test_naive_as_of_is_rejected(self) -> None:
        with pytest.raises(ValueError, match="timezone-aware"):
            Evaluator(as_of=datetime(2025, 1, 1), calendar=CALENDAR)


class TestGroups:
    def test_anchored_groups_include_empty_ones(self) -> None:
        grouped = simple_rule(
            lambda group, ctx: None,
            applies_to="feedback",
            group_by=GroupBy(
                key=lambda f: f.source_id if f.source_kind == "liaison_point" else None,
                anchor="liaison-point",
            ),
        )
        points = [build_record("liaison-point", id=i) for i in ("LP-2", "LP-1")]
        feedback = [
            build_record("feedback", id="F-2", source_kind="liaison_point", source_id="LP-1"),
            build_record("feedback", id="F-1", source_kind="liaison_point", source_id="LP-1"),
            build_record("feedback", id="F-3", source_kind="social_supervisor", source_id="LP-2"),
            build_record("feedback", id="F-4", source_kind="liaison_point", source_id="LP-404"),
        ]
        groups = make_groups(grouped, [*points, *feedback], anchors=points)
        assert [(g.key, [m.id for m in g.members]) for g in groups] == [
            ("LP-1", ["F-1", "F-2"]),
            ("LP-2", []),
        ]
        assert groups[0].subject == Subject(record_type="liaison-point", record_id="LP-1")
        assert groups[1].anchor.id == "LP-2"

    def test_group_findings_are_about_the_group(self) -> None:
        def body(group: Any, ctx: Context) -> None:
            if len(group) > 1:
                ctx.finding(message_zh="多次检查", message_en="inspected repeatedly")

        repeated = simple_rule(
            body,
            applies_to="inspection",
            group_by=GroupBy(key=lambda i: i.enterprise.party_id, name="enterprise"),
        )
        inspections = [
            build_record(
                "inspection", id=f"I-{n}", enterprise={"party_id": "E-1"}, agency_id="AG-1"
            )
            for n in (1, 2)
        ]
        (group,) = make_groups(repeated, inspections)
        (finding,) = evaluate(repeated, group, "2025-03-10").findings
        assert finding.subject.key == "enterprise/E-1"
        assert finding.agency_id == "AG-1"
