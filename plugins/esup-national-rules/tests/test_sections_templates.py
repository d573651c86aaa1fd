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

import inspect
from pathlib import Path
from typing import Any

import esup_national_rules as pack
import pytest
from esup_national_rules import _officers, _personnel_acts, inspection, personnel, publicity

from enforcement_supervision._host import build_record, load_cases, run_cases
from enforcement_supervision.rules import Rule
from enforcement_supervision.testing import (
    citation_problems,
    code_without_declarations,
    message_text_in_code,
    template_language_problems,
)

SECTIONS: tuple[Any, ...] = (inspection, publicity, personnel, _officers, _personnel_acts)
RULES: tuple[Rule, ...] = (*inspection.RULES, *publicity.RULES, *personnel.RULES)
CASES = Path(pack.__file__).parent / "cases"


@pytest.mark.parametrize("module", SECTIONS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_the_code_holds_no_message_text(module: Any) -> None:
    assert message_text_in_code(module) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_templates_are_each_in_their_own_language(rule: Rule) -> None:
    assert template_language_problems(rule) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_path_cites_what_it_applies(rule: Rule) -> None:
    module = inspect.getmodule(rule.check)
    assert module is not None
    assert citation_problems(rule, code_without_declarations(module)) == []


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
