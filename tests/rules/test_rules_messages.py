"""Message templates, citations of what was applied, finding validation, agencies and fact
dates, instruments and pack parameters — the rule API of issues 13, 16, 18 and 19."""

from __future__ import annotations

import math
import warnings
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from enforcement_supervision._host import (
    Evaluator,
    MappingLookup,
    Outcome,
    PluginManager,
    RuleDefinitionError,
    RuleDeprecationWarning,
    RuleSettings,
    build_record,
    make_groups,
)
from enforcement_supervision.config import Config
from enforcement_supervision.errors import ConfigurationError
from enforcement_supervision.rules import (
    Context,
    DatedValue,
    Finding,
    Group,
    GroupBy,
    Instrument,
    LawInForce,
    Message,
    Parameter,
    Rule,
    RuleConfigurationError,
    Text,
    pack_parameter,
    rule,
)
from enforcement_supervision.statutory_time import SHANGHAI, default_calendar

LAW = Instrument(
    id="test-law",
    title="中华人民共和国测试法",
    short_title="测试法",
    title_en="Test Law",
    in_force=date(2021, 7, 15),
)
CITY = Instrument(
    id="test-city-rules",
    title="某市测试规定",
    short_title="某市测试规定",
    title_en="a city's test rules",
    scope="local",
    region="某省某市",
)


def _evaluate(
    item: Rule,
    subject: Any,
    *,
    as_of: str = "2025-07-01",
    law: LawInForce | None = None,
    records: list[Any] | None = None,
    settings: dict[str, RuleSettings] | None = None,
) -> Outcome:
    moment = datetime.fromisoformat(as_of).replace(tzinfo=SHANGHAI)
    evaluator = Evaluator(
        as_of=moment,
        calendar=default_calendar(),
        settings=settings,
        lookup=MappingLookup(records or [subject]),
        law=law,
    )
    return evaluator.evaluate(item, subject)


def _one(outcome: Outcome) -> Finding:
    assert outcome.error is None, outcome.error
    (finding,) = outcome.findings
    return finding


def _case(**fields: Any) -> Any:
    return build_record(
        "penalty-case",
        {"id": "PC-1", "agency_id": "AG-1", "party": {"type": "natural_person", "name": "某"}},
        **fields,
    )


# --------------------------------------------------------------------------------------------
# Templates


@rule(
    id="TEST-SERVED",
    title_zh="送达",
    title_en="Service",
    category="procedure",
    severity="S2",
    legal_basis=[LAW.art("61", "1"), LAW.art("61", "2"), LAW.art("85")],
    applies_to="penalty-case",
    messages={
        "late": Message(
            zh="{procedure}决定书于 {served_date} 送达，超过送达期限（{last_day:deadline}）；"
            "当场交付：{on_spot}；问题：{problems}",
            en="{procedure} decision served on {served_date}, after the limit "
            "({last_day:deadline}); on the spot: {on_spot}; problems: {problems}",
            articles=[LAW.art("61", "1"), LAW.art("85")],
        ),
        "not-served": Message(
            zh="决定书未送达（{last_day:deadline}）",
            en="decision not served ({last_day:deadline})",
            articles=[LAW.art("61", "1")],
            severity="S1",
        ),
    },
)
def served(case: Any, ctx: Context) -> None:
    """Flags a late service (a test rule)."""
    decision = case.decision
    if decision is None:
        return
    deadline = ctx.deadline(decision.decision_date, 7, "WD")
    done = case.delivery.served_date if case.delivery is not None else None
    if ctx.late(deadline, done):
        ctx.finding(
            "late" if done is not None else "not-served",
            key="7wd",
            facts={
                "procedure": decision.procedure,
                "served_date": done,
                "last_day": deadline.due_date,
                "on_spot": False,
                "problems": [
                    Text(zh="未当场交付", en="not on the spot"),
                    Text(zh="逾期", en="late"),
                ],
            },
        )


def test_a_template_fills_each_language_in_that_language() -> None:
    case = _case(
        decision={"decision_date": "2025-09-26", "procedure": "ordinary"},
        delivery={"served_date": "2025-10-14"},
    )
    finding = _one(_evaluate(served, case, as_of="2025-11-01"))
    assert finding.message_zh == (
        "普通程序决定书于 2025-10-14 送达，超过送达期限"
        "（期限届满日 2025-10-13（当日仍在期限内））；当场交付：否；问题：未当场交付、逾期"
    )
    assert finding.message_en == (
        "ordinary decision served on 2025-10-14, after the limit (deadline 2025-10-13 (the day "
        "itself is still in time)); on the spot: no; problems: not on the spot, late"
    )
    # Each statement is in its own language: enum labels and Text halves, 是/否.
    zh = finding.statement("zh")
    assert "procedure = 普通程序" in zh
    assert "on_spot = 否" in zh
    assert "not on the spot" not in zh
    assert "期限届满日 2025-10-13（当日仍在期限内）" in zh
    en = finding.statement("en")
    assert "problems = not on the spot, late" in en
    assert "deadline 2025-10-13 (the day itself is still in time)" in en


def test_the_finding_cites_the_articles_of_its_path_only() -> None:
    late = _one(
        _evaluate(
            served,
            _case(
                decision={"decision_date": "2025-09-26", "procedure": "ordinary"},
                delivery={"served_date": "2025-10-14"},
            ),
            as_of="2025-11-01",
        )
    )
    assert [b.cite() for b in late.reasons.articles] == [
        "《测试法》第61条第1款",
        "《测试法》第85条",
    ]
    undelivered = _case(decision={"decision_date": "2025-09-26", "procedure": "ordinary"})
    missing = _one(_evaluate(served, undelivered, as_of="2025-11-01"))
    assert [b.cite() for b in missing.reasons.articles] == ["《测试法》第61条第1款"]
    assert missing.severity.value == "S1"  # the message's own severity
    assert missing.key == late.key == "7wd"  # two wordings, one finding


def test_declaring_a_bad_template_is_a_definition_error() -> None:
    with pytest.raises(RuleDefinitionError):
        Message(zh="", en="x")
    with pytest.raises(RuleDefinitionError):
        Message(zh="{a.b}", en="x")
    with pytest.raises(RuleDefinitionError):
        Message(zh="{a:weird}", en="x")
    assert Message(zh="{ratio:.1%} {day:deadline}", en="x").fields == ("ratio", "day")


def _rule_making(
    body: Any, *, township_wide: bool = False, messages: dict[str, Message] | None = None
) -> Rule:
    return rule(
        id="TEST-MAKER",
        title_zh="测试",
        title_en="test",
        category="procedure",
        severity="S3",
        legal_basis=LAW.art("1"),
        applies_to="penalty-case",
        township_wide=township_wide,
        messages=messages or {"bad": Message(zh="问题 {x}", en="problem {x}")},
    )(body)


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda ctx: ctx.finding("nope", facts={"x": 1}), "declares no message 'nope'"),
        (lambda ctx: ctx.finding("bad", facts={}), "needs the fact(s) x"),
        (lambda ctx: ctx.finding(message_zh=123, message_en=None), "must be text"),
        (lambda ctx: ctx.finding("bad", facts=[("x", 1)]), "must be a mapping"),
        (lambda ctx: ctx.finding("bad", facts={"x": math.nan}), "not a finite number"),
        (lambda ctx: ctx.finding("bad", facts={"x": [1.0, math.inf]}), "not a finite number"),
        (lambda ctx: ctx.finding("bad", key=1.5, facts={"x": 1}), "text or an integer"),
        (
            lambda ctx: ctx.finding("bad", subject=("penalty-case", "P" * 200), facts={"x": 1}),
            "does not fit the store",
        ),
        (lambda ctx: ctx.finding("bad", facts={"x": 1}, due="2025-01-01"), "must be a date"),
    ],
)
def test_a_malformed_finding_is_the_rules_error_on_that_subject(call: Any, fragment: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuleDeprecationWarning)
        outcome = _evaluate(_rule_making(lambda case, ctx: call(ctx)), _case())
    assert outcome.error is not None
    assert fragment in outcome.error.message
    assert outcome.findings == ()
    assert not outcome.complete


def test_long_keys_and_unstorable_characters_are_repaired_not_refused() -> None:
    key = "K" * 300
    finding = _one(
        _evaluate(
            _rule_making(
                lambda case, ctx: ctx.finding("bad", key=key, facts={"x": "a\x00b\udc80"})
            ),
            _case(),
        )
    )
    assert len(finding.key) <= 200
    assert finding.key.startswith("K" * 150)
    assert (
        finding.key
        == _one(
            _evaluate(
                _rule_making(
                    lambda case, ctx: ctx.finding("bad", key=key, facts={"x": "a\x00b\udc80"})
                ),
                _case(),
            )
        ).key
    )  # stable across runs
    assert finding.message_zh == "问题 a\ufffdb\ufffd"
    assert finding.reasons.facts["x"] == "a\ufffdb\ufffd"
    finding.message_zh.encode("utf-8")


def test_the_older_form_still_works_with_a_deprecation_warning() -> None:
    legacy = _rule_making(
        lambda case, ctx: ctx.finding(message_zh="旧文本", message_en="old text", key="k")
    )
    with pytest.warns(RuleDeprecationWarning, match="ctx.finding"):
        finding = _one(_evaluate(legacy, _case()))
    assert (finding.message_zh, finding.message_en) == ("旧文本", "old text")
    assert finding.reasons.articles == (LAW.art("1"),)


def test_notes_and_stops_use_the_templates() -> None:
    def body(case: Any, ctx: Context) -> None:
        ctx.note("bad", x="注记")
        ctx.undecided("bad", x="停止")

    outcome = _evaluate(_rule_making(body), _case())
    texts = [(note.kind, note.message_zh, note.message_en) for note in outcome.notes]
    assert texts == [
        ("info", "问题 注记", "problem 注记"),
        ("undecided", "问题 停止", "problem 停止"),
    ]


# --------------------------------------------------------------------------------------------
# Every finding has an agency


def test_a_finding_without_an_agency_is_refused_unless_the_rule_is_township_wide() -> None:
    def body(group: Any, ctx: Context) -> None:
        ctx.finding("bad", key="k", facts={"x": len(group)})

    def grouped(township_wide: bool) -> Rule:
        return rule(
            id="TEST-BY-ENTERPRISE",
            title_zh="测试",
            title_en="test",
            category="abuse",
            severity="S2",
            legal_basis=LAW.art("1"),
            applies_to="inspection",
            group_by=GroupBy(key=lambda i: i.enterprise.party_id, name="enterprise"),
            township_wide=township_wide,
            messages={"bad": Message(zh="问题 {x}", en="problem {x}")},
        )(body)

    inspections = [
        build_record("inspection", id=f"I-{n}", agency_id=f"AG-{n}", enterprise={"party_id": "E"})
        for n in (1, 2)
    ]
    for township_wide in (False, True):
        item = grouped(township_wide)
        (group,) = make_groups(item, inspections)
        outcome = _evaluate(item, group, records=inspections)
        if township_wide:
            assert _one(outcome).agency_id is None
        else:
            assert outcome.error is not None
            assert "without an agency" in outcome.error.message


def test_an_agency_record_is_its_own_agency_and_an_anchor_gives_its_agency() -> None:
    def body(subject: Any, ctx: Context) -> None:
        ctx.finding("bad", key="k", facts={"x": 1})

    on_agency = rule(
        id="TEST-ON-AGENCY",
        title_zh="测试",
        title_en="test",
        category="transparency",
        severity="S3",
        legal_basis=LAW.art("1"),
        applies_to="agency",
        messages={"bad": Message(zh="问题 {x}", en="problem {x}")},
    )(body)
    agency = build_record("agency", id="AG-SJ", name="某局", level="county", kind="department")
    assert _one(_evaluate(on_agency, agency)).agency_id == "AG-SJ"
    anchored = rule(
        id="TEST-ANCHORED",
        title_zh="测试",
        title_en="test",
        category="supervision-mechanism",
        severity="S3",
        legal_basis=LAW.art("1"),
        applies_to="feedback",
        group_by=GroupBy(key="source_id", anchor="liaison-point"),
        messages={"bad": Message(zh="问题 {x}", en="problem {x}")},
    )(body)
    point = build_record(
        "liaison-point", id="LP-1", agency_id="AG-TOWN", designation_date="2025-01-02"
    )
    (group,) = make_groups(anchored, [], anchors=[point])
    assert isinstance(group, Group)
    assert _one(_evaluate(anchored, group, records=[point])).agency_id == "AG-TOWN"


# --------------------------------------------------------------------------------------------
# Fact dates


def test_fact_dates_come_from_the_comparison_that_decided() -> None:
    decided = _case(
        decision={"decision_date": "2025-09-26", "procedure": "ordinary"},
        delivery={"served_date": "2025-10-14"},
    )
    assert _one(_evaluate(served, decided, as_of="2025-11-01")).fact_date == date(2025, 10, 14)
    missing = _case(decision={"decision_date": "2025-09-26", "procedure": "ordinary"})
    # A duty not done: the first day past the last day of the period (2025-10-13).
    assert _one(_evaluate(served, missing, as_of="2025-11-01")).fact_date == date(2025, 10, 14)
    # Served after the evaluation date: not served yet as of then, and never a future date.
    later = _case(
        decision={"decision_date": "2025-09-26", "procedure": "ordinary"},
        delivery={"served_date": "2025-10-20"},
    )
    outcome = _evaluate(served, later, as_of="2025-10-15")
    assert _one(outcome).fact_date == date(2025, 10, 14)
    assert _one(outcome).message_en.startswith("decision not served")


def test_an_explicit_fact_date_is_kept_but_never_after_the_evaluation_date() -> None:
    def body(case: Any, ctx: Context) -> None:
        ctx.finding("bad", key="past", fact_date=date(2025, 3, 1), facts={"x": 1})
        ctx.finding("bad", key="future", fact_date=date(2030, 1, 1), facts={"x": 2})
        ctx.reached(date(2025, 6, 1), fact=False)
        ctx.finding("bad", key="no-hint", facts={"x": 3})

    outcome = _evaluate(_rule_making(body), _case(filed_date="2025-02-10"))
    dates = {f.key: f.fact_date for f in outcome.findings}
    assert dates == {
        "past": date(2025, 3, 1),
        "future": date(2025, 7, 1),
        "no-hint": date(2025, 2, 10),  # the subject's latest fact
    }
    assert all(f.to_dict()["fact_date"] == f.fact_date.isoformat() for f in outcome.findings)


# --------------------------------------------------------------------------------------------
# Law as data: instruments, local law, parameter sources


def test_an_instrument_makes_citations_that_remember_it() -> None:
    basis = LAW.art("60", "1")
    assert basis.cite() == "《测试法》第60条第1款"
    assert basis.cite("en") == "Test Law Art. 60(1)"
    assert (basis.instrument_id, basis.scope) == ("test-law", "national")
    assert LAW.since == date(2021, 7, 15)
    assert LAW.in_force_on(date(2021, 7, 15))
    assert not LAW.in_force_on(date(2021, 7, 14))
    with pytest.raises(RuleDefinitionError):
        Instrument(id="x", title="x", short_title="x", title_en="x", scope="local")
    with pytest.raises(RuleDefinitionError):
        Instrument(id="Upper", title="x", short_title="x", title_en="x")


@rule(
    id="TEST-CAPPED",
    title_zh="上限",
    title_en="cap",
    category="abuse",
    severity="S2",
    legal_basis=LAW.art("34"),
    applies_to="penalty-case",
    parameters=[
        Parameter(
            name="cap",
            default=Decimal("100"),
            values=[DatedValue(since=date(2025, 1, 1), value=Decimal("50"), source=CITY.art("5"))],
        )
    ],
    messages={"over": Message(zh="超过 {cap} 元", en="above {cap} yuan", articles=[LAW.art("34")])},
)
def capped(case: Any, ctx: Context) -> None:
    """Flags a fine above the cap (a test rule)."""
    cap = ctx.param("cap", as_of=case.decision.decision_date)
    if case.decision.fine_amount > cap:
        ctx.finding("over", key="cap", facts={"cap": cap})


def test_a_local_source_is_cited_only_where_the_deployment_names_it() -> None:
    case = _case(
        decision={"decision_date": "2025-03-03", "procedure": "ordinary", "fine_amount": "80"}
    )
    plain = _one(_evaluate(capped, case))
    assert [b.instrument_id for b in plain.reasons.articles] == ["test-law"]
    assert any("local_instruments" in en for _, en in plain.reasons.notes)
    named = _one(_evaluate(capped, case, law=LawInForce(local_instruments={CITY.id})))
    assert [b.instrument_id for b in named.reasons.articles] == ["test-law", CITY.id]
    assert "某市测试规定" in named.statement("zh")


def test_the_law_section_of_the_configuration() -> None:
    assert LawInForce.from_config({}).local_instruments == frozenset()
    law = LawInForce.from_config({"local_instruments": ["cn-510100-yima-2025"]})
    assert law.cites(CITY.art("1")) is False
    with pytest.raises(ConfigurationError, match="local_instruments"):
        LawInForce.from_config({"local_instruments": "cn-510100"})
    with pytest.raises(ConfigurationError, match="unknown key"):
        LawInForce.from_config({"instruments": []})


# --------------------------------------------------------------------------------------------
# Pack parameters

THRESHOLD = pack_parameter("threshold", Decimal("5000"), unit="yuan", doc="a shared threshold")


def _pack_rule(rule_id: str) -> Rule:
    def body(case: Any, ctx: Context) -> None:
        if case.decision.fine_amount >= ctx.param("threshold"):
            ctx.finding("over", key="threshold", facts={"threshold": ctx.param("threshold")})

    return rule(
        id=rule_id,
        title_zh="测试",
        title_en="test",
        category="procedure",
        severity="S2",
        legal_basis=LAW.art("63"),
        applies_to="penalty-case",
        parameters=[THRESHOLD],
        messages={"over": Message(zh="达到 {threshold} 元", en="reaches {threshold} yuan")},
    )(body)


def _pack_manager(data: dict[str, Any]) -> PluginManager:
    manager = PluginManager(Config(data=data))
    manager.register_rules(_pack_rule("TEST-A"), _pack_rule("TEST-B"), name="testpack")
    return manager


def test_a_pack_parameter_is_set_once_for_every_rule_of_the_pack() -> None:
    settings = _pack_manager({"packs": {"testpack": {"threshold": 3000}}}).rule_settings()
    for rule_id in ("TEST-A", "TEST-B"):
        assert settings[rule_id].value("threshold", date(2025, 1, 1)) == Decimal("3000")
        assert settings[rule_id].sources["threshold"] == "pack-config"


def test_an_older_per_rule_setting_applies_pack_wide_when_consistent() -> None:
    manager = _pack_manager({"rules": {"TEST-A": {"threshold": 3000}}})
    settings = manager.rule_settings()
    assert settings["TEST-B"].value("threshold", date(2025, 1, 1)) == Decimal("3000")
    assert any('[packs."testpack"] threshold' in w for w in manager.warnings)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"rules": {"TEST-A": {"threshold": 3000}, "TEST-B": {"threshold": 4000}}}, "differ"),
        (
            {"packs": {"testpack": {"threshold": 3000}}, "rules": {"TEST-A": {"threshold": 3000}}},
            "do not set it again",
        ),
        ({"packs": {"testpack": {"thresold": 3000}}}, "has no pack parameter"),
        ({"packs": {"testpack": {"threshold": "much"}}}, "invalid value"),
    ],
)
def test_pack_parameter_mistakes_are_configuration_errors(
    data: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(RuleConfigurationError, match=fragment):
        _pack_manager(data).rule_settings()
