"""Test helpers for rule and plugin authors, and the pytest plugin that provides them.

The plugin is registered through the ``pytest11`` entry point, so the fixtures are available
in any test once enforcement-supervision is installed:

* ``statutory_calendar`` — the official calendar (bundled schedules, strict mode);
* ``frozen_as_of`` — the evaluation instant of the test: :data:`DEFAULT_AS_OF` unless the
  test is marked ``@pytest.mark.esup_as_of("2025-07-10")`` (a date means 00:00
  Asia/Shanghai; a date-time needs an offset or is taken as Shanghai time);
* ``make_record`` — :func:`build_record`: records with placeholders for required fields;
* ``make_context`` — a :class:`~enforcement_supervision.rules.Context` for a rule at the
  frozen instant;
* ``esup_plugins`` — a fresh plugin manager without the installed plugins, to register the
  plugin under test (``esup_plugins.register(my_plugin)``).

And plain functions: :func:`assert_flags`, :func:`assert_passes`, :func:`evaluate`,
:func:`rule_case_params` and :func:`assert_cases_pass` (the data-driven case files); and the
checks of a rule's texts, each returning its problems one line each (assert an empty list):
:func:`message_text_in_code`, :func:`template_language_problems`, :func:`citation_problems`
(with :func:`code_without_declarations`, the source a template kind may be used in, and
:data:`LABEL_KEYWORDS`, the keywords whose values are deadline labels, not messages).

Everything heavy is imported lazily, so loading this plugin costs nothing for test suites
that do not use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

# The plugin manager of the ``esup_plugins`` fixture and its statuses: a plugin's own tests
# type and assert with them, so the testing kit re-exports them from the host.
from enforcement_supervision._host import PluginManager, PluginStatus
from enforcement_supervision.rules._lint import (
    LABEL_KEYWORDS,
    citation_problems,
    code_without_declarations,
    message_text_in_code,
    template_language_problems,
)

if TYPE_CHECKING:
    from enforcement_supervision._host import CaseReport, Outcome
    from enforcement_supervision.rules import Context, Finding, Rule
    from enforcement_supervision.statutory_time import StatutoryCalendar

__all__ = [
    "DEFAULT_AS_OF",
    "LABEL_KEYWORDS",
    "PluginManager",
    "PluginStatus",
    "as_of_instant",
    "assert_cases_pass",
    "assert_flags",
    "assert_passes",
    "build_record",
    "citation_problems",
    "code_without_declarations",
    "evaluate",
    "message_text_in_code",
    "rule_case_params",
    "run_rule_case",
    "template_language_problems",
]

#: The evaluation instant tests use unless they choose one: Monday 2025-06-30, 09:00 in
#: Asia/Shanghai (a working day in a year with an official schedule).
DEFAULT_AS_OF = "2025-06-30T09:00:00+08:00"


def as_of_instant(value: str | date | datetime | None = None) -> datetime:
    """An aware evaluation instant from a date (00:00 Asia/Shanghai), an aware or naive
    (Shanghai) date-time, or ISO text; ``None`` gives :data:`DEFAULT_AS_OF`."""
    from enforcement_supervision.statutory_time import SHANGHAI

    if value is None:
        value = DEFAULT_AS_OF
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value)
        if len(value) == 10:
            return datetime(parsed.year, parsed.month, parsed.day, tzinfo=SHANGHAI)
        value = parsed
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=SHANGHAI)
    return datetime(value.year, value.month, value.day, tzinfo=SHANGHAI)


def build_record(record_type: str, data: Mapping[str, Any] | None = None, /, **fields: Any) -> Any:
    """A validated record of ``record_type`` with placeholders for the required fields left
    out (see :func:`enforcement_supervision.rules.build_record`)."""
    from enforcement_supervision._host import build_record as _build

    return _build(record_type, data, **fields)


def _settings(rule: Rule, params: Mapping[str, Any] | None) -> dict[str, Any]:
    from enforcement_supervision._host import RuleSettings

    parameters = {p.name: p for p in rule.parameters}
    for name, value in (params or {}).items():
        try:
            parameters[name] = rule.parameter(name).with_override(value, rule_id=rule.id)
        except KeyError:
            raise AssertionError(f"rule {rule.id} has no parameter {name!r}") from None
    return {rule.id: RuleSettings(rule=rule, parameters=parameters)}


def evaluate(
    rule: Rule,
    subject: Any,
    *,
    as_of: str | date | datetime | None = None,
    params: Mapping[str, Any] | None = None,
    records: Iterable[Any] = (),
    provisional: bool = False,
    calendar: StatutoryCalendar | None = None,
) -> Outcome:
    """Evaluate ``rule`` over ``subject`` the way the engine does (validity, notes, recheck
    time), letting exceptions from the rule body propagate. ``records`` are available to
    ``ctx.lookup``; ``params`` override parameters."""
    from enforcement_supervision._host import Evaluator, MappingLookup
    from enforcement_supervision.statutory_time import default_calendar

    evaluator = Evaluator(
        as_of=as_of_instant(as_of),
        calendar=calendar if calendar is not None else default_calendar(provisional=provisional),
        settings=_settings(rule, params),
        lookup=MappingLookup([*records, *_members(subject)]),
    )
    return evaluator.evaluate(rule, subject, catch=False)


def _members(subject: Any) -> list[Any]:
    members = getattr(subject, "members", None)
    if isinstance(members, tuple):
        return [*members, *([subject.anchor] if getattr(subject, "anchor", None) else [])]
    try:
        from enforcement_supervision._host import Subject

        Subject.of(subject)
    except TypeError:
        return []
    return [subject]


def _findings_of(
    rule: Rule, subject: Any, ctx: Context | None, kwargs: dict[str, Any]
) -> tuple[tuple[Finding, ...], Outcome | None, Context | None]:
    from enforcement_supervision.rules import Undecided

    if ctx is None:
        outcome = evaluate(rule, subject, **kwargs)
        return outcome.findings, outcome, None
    try:
        rule(subject, ctx)
    except Undecided as signal:
        raise AssertionError(f"{rule.id} could not decide: {signal.message_en}") from None
    return ctx.findings, None, ctx


def _statements(findings: Sequence[Finding]) -> str:
    return "\n".join(f.statement("zh") + "\n" + f.statement("en") for f in findings)


def assert_flags(
    rule: Rule,
    subject: Any,
    ctx: Context | None = None,
    *,
    reasons: Iterable[str] = (),
    severity: str | None = None,
    key: str | None = None,
    count: int | None = None,
    as_of: str | date | datetime | None = None,
    params: Mapping[str, Any] | None = None,
    records: Iterable[Any] = (),
    provisional: bool = False,
    fact_date: str | date | None = None,
) -> list[Finding]:
    """Assert that ``rule`` flags ``subject`` and return the findings.

    With ``ctx`` (from ``make_context``) the rule body runs in that context; otherwise it is
    evaluated at ``as_of`` (default :data:`DEFAULT_AS_OF`) with ``params``/``records``.
    ``reasons`` are substrings that must appear in the statement of reasons (Chinese or
    English); ``severity``, ``key``, ``count`` and ``fact_date`` (the date of the facts of a
    finding, with ``key`` if given) must match when given. Every finding's date of the facts
    must be a date on or before the evaluation date.
    """
    findings, outcome, _ = _findings_of(
        rule,
        subject,
        ctx,
        {"as_of": as_of, "params": params, "records": records, "provisional": provisional},
    )
    notes = "" if outcome is None else "; ".join(n.message_en for n in outcome.notes)
    assert findings, f"{rule.id} did not flag {subject!r}" + (f" (notes: {notes})" if notes else "")
    if count is not None:
        assert len(findings) == count, (
            f"{rule.id}: expected {count} finding(s), got {len(findings)}"
        )
    if severity is not None:
        wanted = severity.upper()
        assert any(f.severity.value == wanted for f in findings), (
            f"{rule.id}: expected severity {wanted}, got "
            + ", ".join(f.severity.value for f in findings)
        )
    if key is not None:
        assert any(f.key == key for f in findings), (
            f"{rule.id}: expected a finding with key {key!r}, got "
            + ", ".join(repr(f.key) for f in findings)
        )
    from enforcement_supervision.statutory_time import to_local_date

    evaluated = ctx.as_of_date if ctx is not None else to_local_date(as_of_instant(as_of))
    for finding in findings:
        assert finding.fact_date is not None, f"{rule.id}: finding {finding.key!r}: no fact date"
        assert finding.fact_date <= evaluated, (
            f"{rule.id}: finding {finding.key!r} has the fact date {finding.fact_date}, after "
            f"the evaluation date {evaluated}"
        )
    if fact_date is not None:
        wanted_day = date.fromisoformat(fact_date) if isinstance(fact_date, str) else fact_date
        assert any(f.fact_date == wanted_day and (key is None or f.key == key) for f in findings), (
            f"{rule.id}: expected the fact date {wanted_day}, got "
            + ", ".join(f"{f.key!r}: {f.fact_date}" for f in findings)
        )
    text = _statements(findings)
    for expected in reasons:
        assert expected in text, (
            f"{rule.id}: the statement of reasons does not mention {expected!r}:\n{text}"
        )
    return list(findings)


def assert_passes(
    rule: Rule,
    subject: Any,
    ctx: Context | None = None,
    *,
    as_of: str | date | datetime | None = None,
    params: Mapping[str, Any] | None = None,
    records: Iterable[Any] = (),
    provisional: bool = False,
) -> None:
    """Assert that ``rule`` does not flag ``subject`` (same arguments as :func:`assert_flags`)."""
    findings, _, _ = _findings_of(
        rule,
        subject,
        ctx,
        {"as_of": as_of, "params": params, "records": records, "provisional": provisional},
    )
    assert not findings, f"{rule.id} flagged {subject!r}:\n{_statements(findings)}"


def rule_case_params(
    paths: str | Path | Iterable[str | Path],
) -> list[Any]:
    """``pytest.param`` objects, one per data-driven case under ``paths`` (files or folders),
    with readable ids; pair with :func:`run_rule_case`::

        @pytest.mark.parametrize("case", rule_case_params(CASES), ids=str)
        def test_case(case):
            run_rule_case(case, MY_RULES)
    """
    from enforcement_supervision._host import load_cases

    items = [paths] if isinstance(paths, str | Path) else list(paths)
    params: list[Any] = []
    for file in load_cases(items):
        if file.error is not None:
            params.append(pytest.param(file, id=f"{file.path.name}::error"))
            continue
        params.extend(pytest.param(case, id=case.id) for case in file.cases)
    return params


def run_rule_case(case: Any, rules: Mapping[str, Rule] | Iterable[Rule]) -> None:
    """Run one case from :func:`rule_case_params`; fail the test with the problems."""
    from enforcement_supervision._host import CaseFile, run_case

    if isinstance(case, CaseFile):
        pytest.fail(case.error or f"cannot load {case.path}")
    by_id = dict(rules) if isinstance(rules, Mapping) else {rule.id: rule for rule in rules}
    rule = by_id.get(case.rule_id)
    if rule is None:
        pytest.fail(f"unknown rule {case.rule_id}")
    result = run_case(case, rule)
    if not result.passed:
        pytest.fail(result.describe("en"), pytrace=False)


def assert_cases_pass(
    paths: str | Path | Iterable[str | Path],
    rules: Mapping[str, Rule] | Iterable[Rule],
    *,
    coverage: bool = True,
) -> CaseReport:
    """Run every case under ``paths`` and fail unless all pass and (with ``coverage``) every
    rule in ``rules`` has a flagging and a non-flagging case."""
    from enforcement_supervision._host import load_cases, run_cases

    items = [paths] if isinstance(paths, str | Path) else list(paths)
    rule_list = list(rules.values()) if isinstance(rules, Mapping) else list(rules)
    report = run_cases(
        load_cases(items),
        rule_list,
        coverage_of=None if coverage else (),
    )
    if not report.ok:
        pytest.fail(report.render("en"), pytrace=False)
    return report


# --------------------------------------------------------------------------------------------
# pytest plugin


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "esup_as_of(instant): the evaluation instant of the frozen_as_of fixture "
        "(a date means 00:00 Asia/Shanghai)",
    )


@pytest.fixture
def statutory_calendar() -> StatutoryCalendar:
    """The official statutory calendar (bundled schedules, strict mode)."""
    from enforcement_supervision.statutory_time import default_calendar

    return default_calendar()


@pytest.fixture
def frozen_as_of(request: pytest.FixtureRequest) -> datetime:
    """The evaluation instant of this test: ``@pytest.mark.esup_as_of(...)`` or
    :data:`DEFAULT_AS_OF`."""
    marker = request.node.get_closest_marker("esup_as_of")
    return as_of_instant(marker.args[0] if marker is not None and marker.args else None)


@pytest.fixture
def make_record() -> Callable[..., Any]:
    """``make_record("penalty-case", id="PC-1", filed_date="2024-09-09")``: a validated
    record with placeholders for the required fields left out."""
    return build_record


@pytest.fixture
def make_context(
    frozen_as_of: datetime, statutory_calendar: StatutoryCalendar
) -> Callable[..., Context]:
    """``make_context(rule, subject=None, *, as_of=None, params=None, records=(),
    facts_date=None)``: a context for ``rule`` at the frozen instant (or ``as_of``)."""
    from enforcement_supervision._host import MappingLookup
    from enforcement_supervision.rules import Context

    def factory(
        rule: Rule,
        subject: Any | None = None,
        *,
        as_of: str | date | datetime | None = None,
        params: Mapping[str, Any] | None = None,
        records: Iterable[Any] = (),
        facts_date: date | None = None,
    ) -> Context:
        settings = _settings(rule, params)[rule.id]
        return Context(
            rule=rule,
            as_of=frozen_as_of if as_of is None else as_of_instant(as_of),
            calendar=statutory_calendar,
            parameters=settings.parameters,
            subject=subject,
            facts_date=facts_date
            if facts_date is not None
            else (rule.facts_date_of(subject) if subject is not None else None),
            lookup=MappingLookup([*records, *(_members(subject) if subject is not None else [])]),
        )

    return factory


@pytest.fixture
def esup_plugins() -> PluginManager:
    """A plugin manager with no installed plugins loaded: register the plugin under test
    with ``esup_plugins.register(plugin)``."""
    from enforcement_supervision._host import load_plugins

    return load_plugins(entry_points=False)
