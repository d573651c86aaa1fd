"""``esup rules test -k EXPR --junit FILE``: pytest-style selection and JUnit XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import jsonschema
import pytest
from click.testing import CliRunner

from enforcement_supervision.cli import main
from enforcement_supervision.cli._select_expr import compile_keyword_expression

PLUGIN = "example-local-rules"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "esup.toml"
    path.write_text(f'[plugins]\nallow = ["{PLUGIN}"]\n', encoding="utf-8")
    return path


def esup(config: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--config", str(config), "--lang", "en", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("expression", "text", "expected"),
    [
        ("quarter", "LOCAL-X::the quarter", True),
        ("QUARTER", "local-x::the quarter", True),
        ("not quarter", "LOCAL-X::the quarter", False),
        ("withdrawn or heard", "LOCAL-X::heard in both", True),
        ("LOCAL and (withdrawn or heard) and not both", "LOCAL-X::heard in both", False),
    ],
)
def test_keyword_expressions(expression: str, text: str, expected: bool) -> None:
    assert compile_keyword_expression(expression)(text) is expected


@pytest.mark.parametrize("expression", ["", "a and", "(a", "a b", "or"])
def test_bad_expressions_are_usage_errors(expression: str) -> None:
    with pytest.raises(click.BadParameter):
        compile_keyword_expression(expression)


def test_k_selects_and_junit_records(config: Path, tmp_path: Path) -> None:
    junit = tmp_path / "out" / "cases.xml"
    code, out = esup(
        config,
        *("rules", "test", "--plugin", PLUGIN, "-k", "(day or withdrawn) and not configuration"),
        *("--junit", str(junit), "--json"),
    )
    assert code == 0, out
    data = json.loads(out)
    schema = Path(__file__).resolve().parents[2] / "src" / "enforcement_supervision" / "reports"
    schema = schema / "schemas" / "cli-rules-test-v1.schema.json"
    jsonschema.validate(data, json.loads(schema.read_text(encoding="utf-8")))
    names = [case["name"] for case in data["cases"]]
    assert names == [
        "the quarter has not ended yet (last day of the quarter)",
        "the day after the quarter: flagged",
        "a withdrawn point is not checked",
    ]
    assert data["deselected"] == 4
    assert data["coverage"] == []
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "0", "4")
    assert [case.get("classname") for case in suite] == ["LOCAL-LIAISON-QUARTERLY"] * 3


def test_junit_records_a_failure(config: Path, tmp_path: Path) -> None:
    case_file = tmp_path / "broken.toml"
    case_file.write_text(
        'rule = "LOCAL-LIAISON-QUARTERLY"\n\n[[case]]\nname = "wrongly expected"\n'
        'as_of = 2025-07-10\nexpect = "flag"\n\n[[case.records]]\n'
        'record_type = "liaison-point"\nid = "LP-1"\ndesignation_date = 2025-06-01\n'
        'status = "active"\n',
        encoding="utf-8",
    )
    junit = tmp_path / "cases.xml"
    code, _ = esup(config, "rules", "test", str(case_file), "--junit", str(junit))
    assert code == 1
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None
    failed = [case for case in suite if case.find("failure") is not None]
    assert {case.get("name") for case in failed} == {"wrongly expected", "coverage"}


def test_unknown_plugin_says_did_you_mean(config: Path) -> None:
    code, out = esup(config, "rules", "test", "--plugin", "example-local-rule")
    assert code == 2
    assert "--plugin no plugin example-local-rule (did you mean example-local-rules?)" in out
