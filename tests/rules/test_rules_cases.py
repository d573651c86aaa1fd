"""The data-driven case format, its runner and the rule-coverage report."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_supervision._host import load_case_file, load_cases, run_cases
from enforcement_supervision.cli import main
from enforcement_supervision.rules import Rule

E1_FLAG = """
rule = "TEST-DECISION-90D"

[[case]]
name = "E1: decided 2024-12-11"
as_of = 2025-01-10
expect = "flag"
severity = "S2"
key = "decision"
reasons = ["顺延至 2024-12-09", "rolled over to 2024-12-09"]

[[case.records]]
id = "PC-1"
filed_date = 2024-09-09
decision = { decision_date = 2024-12-11, procedure = "ordinary" }
"""

E1_PASS = """
[[case]]
name = "E1: decided on the rolled day"
as_of = 2025-01-10
expect = "pass"

[[case.records]]
id = "PC-1"
filed_date = 2024-09-09
decision = { decision_date = 2024-12-09 }
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cases_pass_and_cover_the_rule(tmp_path: Path, decision_rule: Rule) -> None:
    write(tmp_path, "flag.toml", E1_FLAG)
    write(tmp_path, "TEST-DECISION-90D.toml", E1_PASS)  # rule id from the file name
    report = run_cases(load_cases([tmp_path]), [decision_rule])
    assert [r.passed for r in report.results] == [True, True]
    assert report.ok
    (coverage,) = report.coverage
    assert (coverage.flag_cases, coverage.pass_cases) == (1, 1)
    assert "1/1 rules fully covered" in report.render()


def test_a_wrong_expectation_fails_with_the_reason(tmp_path: Path, decision_rule: Rule) -> None:
    write(tmp_path, "TEST-DECISION-90D.toml", E1_FLAG.replace('expect = "flag"', 'expect = "pass"'))
    report = run_cases(load_cases([tmp_path]), [decision_rule], coverage_of=())
    (result,) = report.results
    assert not result.passed
    assert any("expected no finding, got 1" in problem for problem in result.problems)
    assert not report.ok
    assert "FAIL TEST-DECISION-90D::E1: decided 2024-12-11" in report.render()


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('severity = "S2"', 'severity = "S1"', "expected severity S1, got S2"),
        ('key = "decision"', 'key = "filing"', "expected a finding with key 'filing'"),
        ('"顺延至 2024-12-09"', '"顺延至 2024-12-10"', "no statement of reasons mentions"),
        ("2024-12-11", "2024-12-09", "expected a finding, got none"),
    ],
)
def test_each_expectation_is_checked(
    tmp_path: Path, decision_rule: Rule, old: str, new: str, problem: str
) -> None:
    write(tmp_path, "TEST-DECISION-90D.toml", E1_FLAG.replace(old, new))
    (result,) = run_cases(load_cases([tmp_path]), [decision_rule]).results
    assert not result.passed
    assert any(problem in p for p in result.problems), result.problems


def test_missing_non_flagging_case_is_a_coverage_gap(tmp_path: Path, decision_rule: Rule) -> None:
    write(tmp_path, "TEST-DECISION-90D.toml", E1_FLAG)
    report = run_cases(load_cases([tmp_path]), [decision_rule])
    assert all(r.passed for r in report.results)
    assert [c.rule_id for c in report.uncovered] == ["TEST-DECISION-90D"]
    assert not report.ok
    assert "needs a non-flagging case" in report.render()


def test_rules_without_any_case_are_uncovered(
    tmp_path: Path, decision_rule: Rule, summary_rule: Rule
) -> None:
    write(tmp_path, "a.toml", E1_FLAG)
    write(tmp_path, "b.toml", E1_PASS.replace("[[case]]", 'rule = "TEST-DECISION-90D"\n[[case]]'))
    report = run_cases(load_cases([tmp_path]), [decision_rule, summary_rule])
    assert [c.rule_id for c in report.uncovered] == ["TEST-SUMMARY-LIMIT"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("[[case]\nname = 1", "cannot read"),
        ('rule = "X"\n', "no [[case]] entries"),
        ('[[case]]\nname = "x"\nas_of = 2025-01-01\nexpect = "maybe"\n', "expect must be"),
        ('[[case]]\nname = "x"\nexpect = "pass"\n', "as_of is required"),
        (
            '[[case]]\nas_of = 2025-01-01\nexpect = "pass"\nexpected = 1\n',
            "unknown key(s) expected",
        ),
    ],
)
def test_bad_files_are_reported_not_raised(tmp_path: Path, text: str, error: str) -> None:
    file = load_case_file(write(tmp_path, "X.toml", text))
    assert file.error is not None
    assert error in file.error
    report = run_cases([file], [])
    assert not report.ok
    assert report.file_errors


def test_bad_record_and_unknown_rule_fail_the_case(tmp_path: Path, decision_rule: Rule) -> None:
    write(
        tmp_path,
        "TEST-DECISION-90D.toml",
        E1_FLAG.replace("filed_date = 2024-09-09", 'filed_date = "9 September"'),
    )
    write(tmp_path, "OTHER.toml", E1_PASS)
    report = run_cases(load_cases([tmp_path]), [decision_rule], coverage_of=())
    problems = {r.case.rule_id: r.problems for r in report.results}
    assert "bad case input" in problems["TEST-DECISION-90D"][0]
    assert problems["OTHER"] == ("unknown rule OTHER",)


def test_undecided_expectation(tmp_path: Path, decision_rule: Rule) -> None:
    text = """
[[case]]
name = "no 2027 schedule"
as_of = 2027-06-01
expect = "undecided"
reasons = ["2027"]

[[case.records]]
id = "PC-1"
filed_date = 2026-12-20
"""
    write(tmp_path, "TEST-DECISION-90D.toml", text)
    (result,) = run_cases(load_cases([tmp_path]), [decision_rule], coverage_of=()).results
    assert result.passed, result.problems


def test_params_override_in_a_case(tmp_path: Path, decision_rule: Rule) -> None:
    text = E1_PASS.replace(
        'expect = "pass"', 'expect = "flag"\nparams = { agency_deadline_rollover = false }'
    )
    write(tmp_path, "TEST-DECISION-90D.toml", text)
    (result,) = run_cases(load_cases([tmp_path]), [decision_rule], coverage_of=()).results
    assert result.passed, result.problems


class TestCommand:
    """``esup rules test`` on the installed example plugin."""

    def test_the_example_plugin_passes_with_full_coverage(self) -> None:
        result = CliRunner().invoke(main, ["rules", "test", "--plugin", "example-local-rules"])
        assert result.exit_code == 0, result.output
        assert "LOCAL-LIAISON-QUARTERLY: " in result.output
        assert "1/1 rules fully covered" in result.output

    def test_a_failing_case_exits_non_zero(self, tmp_path: Path) -> None:
        write(
            tmp_path,
            "LOCAL-LIAISON-QUARTERLY.toml",
            """
[[case]]
name = "wrongly expected to pass"
as_of = 2025-07-10
expect = "pass"

[[case.records]]
record_type = "liaison-point"
id = "LP-1"
designation_date = 2025-03-01
status = "active"
""",
        )
        result = CliRunner().invoke(main, ["--lang", "en", "rules", "test", str(tmp_path)])
        assert result.exit_code == 1
        assert "FAIL LOCAL-LIAISON-QUARTERLY::wrongly expected to pass" in result.output
        assert "needs a flagging case" in result.output
