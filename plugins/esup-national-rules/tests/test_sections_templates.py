"""The inspection, publicity and personnel sections on message templates (issues 13 and 18).

As for the coercion and licensing sections (``test_law_and_templates.py``): no function of the
sections or of their helper modules holds message text — texts are templates and values
declared at module level, functions only name deadlines (labels); each template is in its own
language and says deadlines plainly; every path cites what it applies, within the rule's
legal basis; every rule has a flagging case that pins the date of the facts, and every finding
of the cases carries an agency — the agency of its record, or for a finding about a group (an
enterprise, a year of officers) the agency of one of the group's records.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path
from typing import Any

import esup_national_rules as pack
import pytest
from esup_national_rules import _officers, _personnel_acts, inspection, personnel, publicity

from enforcement_supervision._host import build_record, load_cases, run_cases
from enforcement_supervision.rules import Rule

SECTIONS: tuple[Any, ...] = (inspection, publicity, personnel, _officers, _personnel_acts)
RULES: tuple[Rule, ...] = (*inspection.RULES, *publicity.RULES, *personnel.RULES)
CASES = Path(pack.__file__).parent / "cases"

_CJK = re.compile("[\u4e00-\u9fff]")
#: Keywords that name a deadline in the calendar's trace and the statement of reasons.
_LABELS = frozenset({"start_label", "start_label_en", "label", "label_en", "deadlines"})


def _functions(module: Any) -> list[ast.FunctionDef]:
    tree = ast.parse(inspect.getsource(module))
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]


def _label_nodes(function: ast.FunctionDef) -> set[int]:
    return {
        id(sub)
        for node in ast.walk(function)
        if isinstance(node, ast.keyword) and node.arg in _LABELS
        for sub in ast.walk(node.value)
    }


@pytest.mark.parametrize("module", SECTIONS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_the_code_holds_no_message_text(module: Any) -> None:
    functions = _functions(module)
    assert functions
    for function in functions:
        labels = _label_nodes(function)
        body = function.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]  # the docstring
        for statement in body:
            for node in ast.walk(statement):
                if isinstance(node, ast.keyword):
                    assert node.arg not in ("message_zh", "message_en"), function.name
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and id(node) not in labels
                ):
                    assert not _CJK.search(node.value), (function.name, node.value)
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("note", "undecided")
                ):
                    assert len(node.args) == 1, (function.name, ast.unparse(node))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_templates_are_each_in_their_own_language(rule: Rule) -> None:
    assert rule.messages, rule.id
    for kind, message in rule.messages.items():
        zh = re.sub(r"\{[^}]*\}", "", message.zh)
        assert not re.search("[A-Za-z]{2,}", zh), (rule.id, kind, message.zh)
        assert not _CJK.search(re.sub(r"\{[^}]*\}", "", message.en)), (rule.id, kind)
        assert "前）" not in message.zh, (rule.id, kind, message.zh)


def _note_kinds(rule: Rule) -> set[str]:
    source = inspect.getsource(inspect.getmodule(rule.check))
    return set(re.findall(r'ctx\.(?:note|undecided)\(\s*"([a-z0-9-]+)"', source))


def _code_without_declarations(rule: Rule) -> str:
    """The module of ``rule`` without the rules' decorators (where templates are declared):
    the code that may use a template's kind."""
    module = inspect.getmodule(rule.check)
    source = inspect.getsource(module)
    lines = source.splitlines()
    drop: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                assert decorator.end_lineno is not None
                drop.update(range(decorator.lineno - 1, decorator.end_lineno))
    return "\n".join(line for index, line in enumerate(lines) if index not in drop)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_path_cites_what_it_applies(rule: Rule) -> None:
    notes = _note_kinds(rule)
    cited = {(b.instrument_id, b.article) for b in rule.legal_basis}
    source = _code_without_declarations(rule)
    for kind, message in rule.messages.items():
        assert f'"{kind}"' in source, (rule.id, kind)  # every template is used
        if kind in notes:
            assert not message.articles, (rule.id, kind)
            continue
        assert message.articles, (rule.id, kind)
        for basis in message.articles:
            assert (basis.instrument_id, basis.article) in cited, (rule.id, kind, basis)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_cases_pin_fact_dates_and_agencies(rule: Rule) -> None:
    files = load_cases([CASES / f"{rule.id}.toml"])
    cases = [case for file in files for case in file.cases]
    assert any(case.expect == "flag" and case.fact_date is not None for case in cases), rule.id
    report = run_cases(files, [rule])
    assert report.ok, report.render("en")
    for result in report.results:
        records = [
            build_record(str(data.get("record_type", rule.record_type)), data)
            for data in result.case.records
        ]
        own = {str(r.id): getattr(r, "agency_id", None) for r in records}
        agencies = {a for a in own.values() if a is not None} | {
            str(r.id) for r in records if r.record_type == "agency"
        }
        for finding in result.findings:
            assert finding.fact_date is not None
            assert finding.agency_id is not None or rule.township_wide, (result.case.id, finding)
            if finding.subject.record_id in own and own[finding.subject.record_id] is not None:
                assert finding.agency_id == own[finding.subject.record_id], result.case.id
            elif finding.agency_id is not None:
                assert finding.agency_id in agencies, (result.case.id, finding.agency_id)
