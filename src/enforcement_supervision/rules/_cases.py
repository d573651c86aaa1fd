"""Data-driven rule tests: case files next to a plugin, a runner, and a coverage report.

A case file is TOML, one per rule, conventionally ``<package>/cases/<RULE-ID>.toml``::

    rule = "LOCAL-LIAISON-QUARTERLY"      # optional: defaults to the file name

    [[case]]
    name = "no feedback in the second quarter"
    as_of = 2025-07-10                    # a date means 00:00 Asia/Shanghai of that day
    expect = "flag"                       # "flag", "pass" or "undecided"
    severity = "S3"                       # optional checks on the findings:
    key = "2025Q2"                        #   a finding with this key
    subject = "liaison-point/LP-1"        #   a finding about this subject
    count = 1                             #   exactly this many findings
    reasons = ["2025-04-01", "第二季度"]   #   substrings of the statement of reasons
    fact_date = 2025-07-01                #   a finding with this date of the facts
    params = { min_feedback = 1 }         # optional parameter overrides for this case
    provisional = false                   # compute unknown calendar years provisionally

    [[case.records]]
    record_type = "liaison-point"         # optional: defaults to the rule's record type
    id = "LP-1"
    designation_date = 2024-01-05

Records are built with :func:`build_record` (missing required fields get placeholders).
Records of the rule's type are evaluated (grouped first for group rules); all records are
available to :meth:`Context.lookup`. ``expect = "flag"`` needs at least one finding, ``"pass"``
none, ``"undecided"`` no finding and at least one note (its messages are searched for
``reasons``).

Whatever a case expects, every finding it produces must carry a date of the facts that is not
after the evaluation date (``Finding.fact_date``); a case fails otherwise.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import attrs

from enforcement_supervision.errors import EsupError
from enforcement_supervision.rules._builders import build_record
from enforcement_supervision.rules._context import Evaluator, MappingLookup, Outcome, make_groups
from enforcement_supervision.rules._finding import Finding, Subject
from enforcement_supervision.rules._meta import Rule, Severity
from enforcement_supervision.rules._screen_check import screen_miss
from enforcement_supervision.rules._settings import RuleSettings
from enforcement_supervision.statutory_time import SHANGHAI, default_calendar, to_local_date

__all__ = [
    "Case",
    "CaseFile",
    "CaseReport",
    "CaseResult",
    "RuleCoverage",
    "load_case_file",
    "load_cases",
    "run_case",
    "run_cases",
]

Expectation = Literal["flag", "pass", "undecided"]
_CASE_KEYS = frozenset(
    {
        "name",
        "as_of",
        "expect",
        "severity",
        "key",
        "subject",
        "count",
        "reasons",
        "params",
        "provisional",
        "records",
        "rule",
        "fact_date",
    }
)


def _as_of(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=SHANGHAI)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=SHANGHAI)
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value)
        if len(value) == 10:
            return datetime(parsed.year, parsed.month, parsed.day, tzinfo=SHANGHAI)
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=SHANGHAI)
    raise ValueError(f"as_of must be a date or a date-time, not {value!r}")


@attrs.frozen(kw_only=True)
class Case:
    """One data-driven case of a rule."""

    rule_id: str
    name: str
    as_of: datetime
    expect: Expectation
    records: tuple[Mapping[str, Any], ...] = ()
    severity: Severity | None = None
    key: str | None = None
    subject: str | None = None
    count: int | None = None
    reasons: tuple[str, ...] = ()
    params: Mapping[str, Any] = attrs.field(factory=dict)
    provisional: bool = False
    fact_date: date | None = None
    path: Path | None = None
    index: int = 0

    @property
    def id(self) -> str:
        """``RULE-ID::name`` (for pytest ids and reports)."""
        return f"{self.rule_id}::{self.name}"


@attrs.frozen(kw_only=True)
class CaseFile:
    """The cases of one file, or the problem that kept it from loading."""

    path: Path
    rule_id: str
    cases: tuple[Case, ...] = ()
    error: str | None = None


def _case_from_table(
    table: Mapping[str, Any], *, rule_id: str, path: Path | None, index: int
) -> Case:
    unknown = sorted(set(table) - _CASE_KEYS)
    if unknown:
        raise ValueError(
            f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_CASE_KEYS))}"
        )
    expect = table.get("expect")
    if expect not in ("flag", "pass", "undecided"):
        raise ValueError(f'expect must be "flag", "pass" or "undecided", not {expect!r}')
    if "as_of" not in table:
        raise ValueError("as_of is required")
    records = table.get("records", [])
    if not isinstance(records, list) or not all(isinstance(r, Mapping) for r in records):
        raise ValueError("records must be an array of tables ([[case.records]])")
    reasons = table.get("reasons", [])
    if isinstance(reasons, str):
        reasons = [reasons]
    severity = table.get("severity")
    count = table.get("count")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
        raise ValueError("count must be an integer")
    params = table.get("params", {})
    if not isinstance(params, Mapping):
        raise ValueError("params must be a table")
    fact_date = table.get("fact_date")
    if fact_date is not None and (
        isinstance(fact_date, datetime) or not isinstance(fact_date, date)
    ):
        fact_date = date.fromisoformat(str(fact_date)[:10])
    return Case(
        rule_id=str(table.get("rule", rule_id)),
        name=str(table.get("name") or f"case {index + 1}"),
        as_of=_as_of(table["as_of"]),
        expect=expect,
        records=tuple(records),
        severity=None if severity is None else Severity.parse(severity),
        key=None if table.get("key") is None else str(table["key"]),
        subject=table.get("subject"),
        count=count,
        reasons=tuple(str(r) for r in reasons),
        params=dict(params),
        provisional=bool(table.get("provisional", False)),
        fact_date=fact_date,
        path=path,
        index=index,
    )


def load_case_file(path: str | Path) -> CaseFile:
    """Read one case file; problems are kept in ``CaseFile.error`` rather than raised."""
    file = Path(path)
    default_rule = file.stem
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        return CaseFile(path=file, rule_id=default_rule, error=f"cannot read {file}: {error}")
    rule_id = str(data.get("rule", default_rule))
    tables = data.get("case", [])
    if not isinstance(tables, list) or not tables:
        return CaseFile(path=file, rule_id=rule_id, error=f"{file}: no [[case]] entries")
    cases: list[Case] = []
    for index, table in enumerate(tables):
        try:
            cases.append(_case_from_table(table, rule_id=rule_id, path=file, index=index))
        except (ValueError, EsupError) as error:
            name = table.get("name", f"case {index + 1}") if isinstance(table, Mapping) else index
            return CaseFile(path=file, rule_id=rule_id, error=f"{file}: case {name!r}: {error}")
    return CaseFile(path=file, rule_id=rule_id, cases=tuple(cases))


def load_cases(paths: Iterable[str | Path]) -> list[CaseFile]:
    """Every ``*.toml`` case file under ``paths`` (files or folders), sorted by path."""
    files: set[Path] = set()
    for item in paths:
        path = Path(item)
        if path.is_dir():
            files.update(path.rglob("*.toml"))
        else:
            files.add(path)
    return [load_case_file(path) for path in sorted(files)]


@attrs.frozen(kw_only=True)
class CaseResult:
    """The result of one case: passed or not, and why not."""

    case: Case
    passed: bool
    problems: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    outcomes: tuple[Outcome, ...] = ()

    def describe(self, lang: str = "en") -> str:
        status = "PASS" if self.passed else "FAIL"
        where = f" ({_shown(self.case.path)})" if self.case.path else ""
        lines = [f"{status} {self.case.id}{where}"]
        lines.extend(f"    {problem}" for problem in self.problems)
        if not self.passed:
            for finding in self.findings:
                lines.extend("      " + line for line in finding.statement(lang).splitlines())
        return "\n".join(lines)


def _shown(path: Path) -> str:
    """``path`` relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _settings_for(rule: Rule, params: Mapping[str, Any]) -> dict[str, RuleSettings]:
    parameters = {p.name: p for p in rule.parameters}
    for name, value in params.items():
        try:
            parameter = rule.parameter(name)
        except KeyError:
            raise ValueError(f"rule {rule.id} has no parameter {name!r}") from None
        parameters[name] = parameter.with_override(value, rule_id=rule.id)
    return {rule.id: RuleSettings(rule=rule, parameters=parameters)}


def run_case(case: Case, rule: Rule) -> CaseResult:
    """Run one case against ``rule`` and check its expectations."""
    try:
        records = [
            build_record(str(data.get("record_type", rule.record_type)), data)
            for data in case.records
        ]
        settings = _settings_for(rule, case.params)
    except (ValueError, EsupError) as error:
        return CaseResult(case=case, passed=False, problems=(f"bad case input: {error}",))
    evaluator = Evaluator(
        as_of=case.as_of,
        calendar=default_calendar(provisional=case.provisional),
        settings=settings,
        lookup=MappingLookup(records),
    )
    subjects: Sequence[Any]
    if rule.is_group_rule:
        subjects = make_groups(rule, records, anchors=records)
    else:
        subjects = [r for r in records if Subject.of(r).record_type in rule.applies_to]
    problems: list[str] = []
    if not subjects:
        problems.append(f"no record of type {', '.join(rule.applies_to)} to evaluate")
    outcomes = [evaluator.evaluate(rule, subject) for subject in subjects]
    findings = tuple(f for outcome in outcomes for f in outcome.findings)
    notes = [n for outcome in outcomes for n in outcome.notes]
    for outcome in outcomes:
        if outcome.error is not None:
            problems.append(f"the rule raised: {outcome.error.error_type}: {outcome.error.message}")
    for subject, outcome in zip(subjects, outcomes, strict=True):
        # A screen may select too much, never too little (docs/guide/screens.md).
        miss = screen_miss(rule, subject, outcome, to_local_date(case.as_of))
        if miss is not None:
            problems.append(miss)
    if case.expect == "flag" and not findings:
        problems.append("expected a finding, got none")
    if case.expect in ("pass", "undecided") and findings:
        problems.append(
            f"expected no finding, got {len(findings)}: "
            + "; ".join(f"{f.subject.key} key={f.key!r}: {f.message_en}" for f in findings)
        )
    if case.expect == "undecided" and not notes:
        problems.append("expected the rule to record why it could not decide, got no note")
    if case.count is not None and len(findings) != case.count:
        problems.append(f"expected {case.count} finding(s), got {len(findings)}")
    if (
        case.severity is not None
        and findings
        and not any(f.severity is case.severity for f in findings)
    ):
        got = ", ".join(sorted({f.severity.value for f in findings}))
        problems.append(f"expected severity {case.severity.value}, got {got}")
    if case.key is not None and findings and not any(f.key == case.key for f in findings):
        got = ", ".join(repr(f.key) for f in findings)
        problems.append(f"expected a finding with key {case.key!r}, got {got}")
    if (
        case.subject is not None
        and findings
        and not any(f.subject.key == case.subject for f in findings)
    ):
        got = ", ".join(f.subject.key for f in findings)
        problems.append(f"expected a finding about {case.subject}, got {got}")
    as_of_day = to_local_date(case.as_of)
    for finding in findings:
        if finding.fact_date is None or finding.fact_date > as_of_day:
            problems.append(
                f"finding {finding.key!r} has the fact date {finding.fact_date}, which is not a "
                f"date on or before the evaluation date {as_of_day}"
            )
    if case.fact_date is not None and findings:
        matching = [
            f
            for f in findings
            if f.fact_date == case.fact_date and (case.key is None or f.key == case.key)
        ]
        if not matching:
            got = ", ".join(f"{f.key!r}: {f.fact_date}" for f in findings)
            problems.append(f"expected a finding with the fact date {case.fact_date}, got {got}")
    if case.reasons:
        texts = [f.statement("zh") + "\n" + f.statement("en") for f in findings]
        texts += [f"{n.message_zh}\n{n.message_en}" for n in notes]
        for expected in case.reasons:
            if not any(expected in text for text in texts):
                problems.append(f"no statement of reasons mentions {expected!r}")
    return CaseResult(
        case=case,
        passed=not problems,
        problems=tuple(problems),
        findings=findings,
        outcomes=tuple(outcomes),
    )


@attrs.frozen(kw_only=True)
class RuleCoverage:
    """How many flagging and non-flagging cases a rule has."""

    rule_id: str
    flag_cases: int = 0
    pass_cases: int = 0
    undecided_cases: int = 0

    @property
    def complete(self) -> bool:
        """At least one flagging and one non-flagging case."""
        return self.flag_cases > 0 and self.pass_cases > 0


@attrs.frozen(kw_only=True)
class CaseReport:
    """The results of a case run and the rule-coverage report."""

    results: tuple[CaseResult, ...] = ()
    file_errors: tuple[str, ...] = ()
    coverage: tuple[RuleCoverage, ...] = ()

    @property
    def failed(self) -> list[CaseResult]:
        return [result for result in self.results if not result.passed]

    @property
    def uncovered(self) -> list[RuleCoverage]:
        return [item for item in self.coverage if not item.complete]

    @property
    def ok(self) -> bool:
        """No failed case, no unreadable file, full coverage."""
        return not self.failed and not self.file_errors and not self.uncovered

    def render(self, lang: str = "en", *, verbose: bool = False) -> str:
        lines: list[str] = []
        for result in self.results:
            if verbose or not result.passed:
                lines.append(result.describe(lang))
        lines.extend(f"ERROR {error}" for error in self.file_errors)
        if self.coverage:
            lines.append("")
            lines.append("Rule coverage (flagging / non-flagging cases):")
            for item in self.coverage:
                mark = "ok " if item.complete else "MISSING"
                needs = []
                if item.flag_cases == 0:
                    needs.append("a flagging case")
                if item.pass_cases == 0:
                    needs.append("a non-flagging case")
                extra = f"  needs {' and '.join(needs)}" if needs else ""
                lines.append(
                    f"  {mark} {item.rule_id}: {item.flag_cases} flag / {item.pass_cases} pass"
                    f"{extra}"
                )
        passed = len(self.results) - len(self.failed)
        covered = len(self.coverage) - len(self.uncovered)
        lines.append("")
        lines.append(
            f"{passed}/{len(self.results)} cases passed, {len(self.file_errors)} file error(s), "
            f"{covered}/{len(self.coverage)} rules fully covered"
        )
        return "\n".join(lines)


def run_cases(
    files: Iterable[CaseFile],
    rules: Mapping[str, Rule] | Iterable[Rule],
    *,
    coverage_of: Iterable[str] | None = None,
) -> CaseReport:
    """Run every case of ``files`` against ``rules`` and report coverage.

    ``coverage_of`` lists the rule ids that must be covered (default: every rule in
    ``rules``); a case naming a rule that is not in ``rules`` fails.
    """
    by_id = dict(rules) if isinstance(rules, Mapping) else {rule.id: rule for rule in rules}
    results: list[CaseResult] = []
    errors: list[str] = []
    counts: dict[str, list[int]] = {}
    for file in files:
        if file.error is not None:
            errors.append(file.error)
            continue
        for case in file.cases:
            rule = by_id.get(case.rule_id)
            if rule is None:
                results.append(
                    CaseResult(case=case, passed=False, problems=(f"unknown rule {case.rule_id}",))
                )
                continue
            results.append(run_case(case, rule))
            tally = counts.setdefault(case.rule_id, [0, 0, 0])
            tally[("flag", "pass", "undecided").index(case.expect)] += 1
    wanted = sorted(set(by_id) if coverage_of is None else set(coverage_of))
    coverage = tuple(
        RuleCoverage(
            rule_id=rule_id,
            flag_cases=counts.get(rule_id, [0, 0, 0])[0],
            pass_cases=counts.get(rule_id, [0, 0, 0])[1],
            undecided_cases=counts.get(rule_id, [0, 0, 0])[2],
        )
        for rule_id in wanted
    )
    return CaseReport(results=tuple(results), file_errors=tuple(errors), coverage=coverage)
