"""The national pack cites national law from one registry, reads its hearing thresholds as
pack parameters, and its penalty rules keep their texts in message templates."""

from __future__ import annotations

import inspect
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import esup_national_rules as pack
import pytest
from esup_national_rules import (
    _coercive_sessions,
    _law,
    _licensing_periods,
    coercive,
    licensing,
    litigation,
    major_decisions,
    normative,
    penalty,
    penalty_limits,
    petitions,
    reconsideration,
)

from enforcement_supervision._host import (
    build_record,
    instruments_cited,
    load_cases,
    load_plugins,
    run_cases,
)
from enforcement_supervision.config import Config
from enforcement_supervision.rules import Rule
from enforcement_supervision.testing import (
    citation_problems,
    code_without_declarations,
    message_text_in_code,
    template_language_problems,
)

SOURCE = Path(pack.__file__).parent
#: Places whose local rules must never be cited by the national pack (issue 13), escaped so
#: that a grep of the pack finds none of them.
PLACES = re.compile(
    "\u6210\u90fd|\u5b81\u6ce2|\u56db\u5ddd|\u6df1\u5733|\u6c5f\u95e8|\u56db\u5e73|\u5357\u5e73"
)
PENALTY: tuple[Rule, ...] = (*penalty.RULES, *penalty_limits.RULES)
#: The sections written on templates: penalties, and petitions, reconsideration, litigation,
#: major decisions, normative documents and contracts.
TEMPLATED: tuple[Rule, ...] = (
    *PENALTY,
    *petitions.RULES,
    *reconsideration.RULES,
    *litigation.RULES,
    *major_decisions.RULES,
    *normative.RULES,
)


def test_no_place_name_in_the_national_pack() -> None:
    for path in sorted(SOURCE.rglob("*")):
        if path.suffix in (".py", ".toml"):
            text = path.read_text(encoding="utf-8")
            assert not PLACES.search(text), f"{path.name}: {PLACES.search(text)}"


def test_every_citation_comes_from_the_registry_and_is_national() -> None:
    registry = {instrument.id: instrument for instrument in _law.ALL_INSTRUMENTS}
    cited = instruments_cited(pack.RULES)
    assert set(cited) <= set(registry)
    for rule in pack.RULES:
        bases = [*rule.legal_basis, *(b for m in rule.messages.values() for b in m.articles)]
        for basis in bases:
            assert basis.instrument_id in registry, (rule.id, basis.instrument)
            assert basis.scope == "national", (rule.id, basis.instrument)
    assert all(not instrument.is_local for instrument in registry.values())


def test_the_revised_penalty_law_has_one_date() -> None:
    for rule in PENALTY:
        if rule.id != "PEN-SUMMARY-LIMIT":
            assert rule.valid_from == _law.APL.in_force, rule.id


def test_the_hearing_thresholds_are_one_value_for_the_three_rules() -> None:
    rules = ("PEN-HEARING-RIGHT", "PEN-HEARING-WINDOW", "PEN-NOTICE")
    manager = load_plugins(
        Config(data={"packs": {"national": {"hearing_fine_threshold_org": 50000}}})
    )
    settings = manager.rule_settings()
    for rule_id in rules:
        parameter = settings[rule_id].parameters["hearing_fine_threshold_org"]
        assert parameter.shared
        assert parameter.default == Decimal("50000")
        assert settings[rule_id].sources["hearing_fine_threshold_org"] == "pack-config"


def test_an_old_per_rule_threshold_still_works_for_all_three() -> None:
    data = {"rules": {"PEN-HEARING-RIGHT": {"hearing_fine_threshold_person": 3000}}}
    manager = load_plugins(Config(data=data))
    settings = manager.rule_settings()
    assert settings["PEN-NOTICE"].parameters["hearing_fine_threshold_person"].default == 3000
    assert any('[packs."national"]' in warning for warning in manager.warnings)


@pytest.mark.parametrize("rule", TEMPLATED, ids=lambda r: r.id)
def test_rule_bodies_hold_no_message_text(rule: Rule) -> None:
    assert message_text_in_code(rule.check) == []


@pytest.mark.parametrize("rule", TEMPLATED, ids=lambda r: r.id)
def test_rule_templates_are_each_in_their_own_language(rule: Rule) -> None:
    # "S4" is a severity the penalty templates name.
    assert template_language_problems(rule, allow_latin=("S4",)) == []


@pytest.mark.parametrize("rule", TEMPLATED, ids=lambda r: r.id)
def test_every_finding_path_cites_what_it_applies(rule: Rule) -> None:
    source = inspect.getsource(rule.check)
    for kind, message in rule.messages.items():
        made = re.search(rf'ctx\.finding\(\s*\n?\s*"{re.escape(kind)}"', source) or (
            f'"{kind}" if' in source or f'else "{kind}"' in source or f"({kind!r}" in source
        )
        # PEN-SUMMARY-LIMIT cites the text in force on the decision date (Art. 51, or Art. 33
        # of the earlier text), which the body passes as articles= or the cap's source gives.
        if made and rule.id != "PEN-SUMMARY-LIMIT":
            assert message.articles, (rule.id, kind)


# -- The coercion and licensing sections (esup_national_rules.coercive, .licensing) ------------
#
# Stricter than the penalty checks above: not only the rule bodies but every function of the
# two sections and of their helper modules holds no message text — the texts are templates and
# Text values declared at module level; a function may only name deadlines (labels).

_SECTIONS = (coercive, licensing, _coercive_sessions, _licensing_periods)
MIGRATED: tuple[Rule, ...] = (*coercive.RULES, *licensing.RULES)


@pytest.mark.parametrize("module", _SECTIONS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_coercion_and_licensing_code_holds_no_message_text(module: Any) -> None:
    assert message_text_in_code(module) == []


@pytest.mark.parametrize("rule", MIGRATED, ids=lambda r: r.id)
def test_coercion_and_licensing_templates_are_each_in_their_own_language(rule: Rule) -> None:
    assert template_language_problems(rule) == []


@pytest.mark.parametrize("rule", MIGRATED, ids=lambda r: r.id)
def test_every_coercion_and_licensing_path_cites_what_it_applies(rule: Rule) -> None:
    module = inspect.getmodule(rule.check)
    assert module is not None
    assert citation_problems(rule, code_without_declarations(module)) == []


_CASES = SOURCE / "cases"


@pytest.mark.parametrize("rule", MIGRATED, ids=lambda r: r.id)
def test_coercion_and_licensing_cases_pin_fact_dates_and_agencies(rule: Rule) -> None:
    """Every rule has a flagging case that asserts the date of the facts; every finding of its
    cases carries the agency of the measure or application it is about."""
    files = load_cases([_CASES / f"{rule.id}.toml"])
    cases = [case for file in files for case in file.cases]
    assert any(case.expect == "flag" and case.fact_date is not None for case in cases), rule.id
    report = run_cases(files, [rule])
    assert report.ok, report.render("en")
    for result in report.results:
        agencies = {
            str(data["id"]): build_record(str(data.get("record_type", rule.record_type)), data)
            for data in result.case.records
        }
        for finding in result.findings:
            record = agencies[finding.subject.record_id]
            assert finding.agency_id == record.agency_id, (result.case.id, finding.key)
            assert finding.fact_date is not None


def test_the_party_deadline_rollover_is_one_value_for_cuigao_and_demolition() -> None:
    manager = load_plugins(Config(data={"packs": {"national": {"party_deadline_rollover": False}}}))
    settings = manager.rule_settings()
    for rule_id in ("ENF-CUIGAO", "ENF-DEMOLITION"):
        parameter = settings[rule_id].parameters["party_deadline_rollover"]
        assert parameter.shared
        assert parameter.reading
        assert parameter.default is False
        assert settings[rule_id].sources["party_deadline_rollover"] == "pack-config"
