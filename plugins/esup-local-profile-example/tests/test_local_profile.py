"""The example local profile: off by default, in force only for the instruments named."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from esup_local_profile_example import INSTRUMENTS, PROFILES
from esup_local_profile_example._profile import CHENGDU_YIMA, SHENZHEN_CODE

from enforcement_supervision._host import (
    Evaluator,
    MappingLookup,
    build_record,
    load_plugins,
    make_groups,
)
from enforcement_supervision.config import Config
from enforcement_supervision.rules import Finding
from enforcement_supervision.statutory_time import SHANGHAI, default_calendar

AS_OF = datetime(2025, 7, 1, tzinfo=SHANGHAI)


def _inspection(number: int, day: str, agency: str) -> Any:
    return build_record(
        "inspection",
        id=f"I-{number}",
        agency_id=agency,
        date=day,
        type="routine",
        enterprise={"type": "legal_person", "name": "某企业", "party_id": "ENT-E"},
    )


def _repeat_findings(config: Config) -> list[Finding]:
    manager = load_plugins(config)
    settings = manager.rule_settings()
    rule = manager.rule("INSP-REPEAT")
    inspections = [
        _inspection(1, "2025-06-03", "agency-A"),
        _inspection(2, "2025-06-05", "agency-B"),
        _inspection(3, "2025-06-05", "agency-C"),
        _inspection(4, "2025-06-06", "agency-A"),
    ]
    evaluator = Evaluator(
        as_of=AS_OF,
        calendar=default_calendar(),
        settings=settings,
        lookup=MappingLookup(inspections),
    )
    (group,) = make_groups(rule, inspections)
    outcome = evaluator.evaluate(rule, group)
    assert outcome.error is None, outcome.error
    return list(outcome.findings)


def _cited(findings: list[Finding]) -> set[str]:
    return {
        basis.instrument_id
        for finding in findings
        for basis in finding.reasons.articles
        if basis.instrument_id is not None
    }


def test_installed_but_not_named_it_changes_and_cites_nothing() -> None:
    manager = load_plugins(Config())
    assert manager.plugin("local-profile-example").status.value == "loaded"
    settings = manager.rule_settings()
    for rule_id in ("INSP-REPEAT", "INSP-SCAN", "INSP-REMOTE", "PERS-CERT-EXPIRING"):
        assert settings[rule_id].sources == {}, rule_id
    findings = _repeat_findings(Config())
    assert findings  # the national rule flags with the project's own defaults
    assert all(not basis.is_local for f in findings for basis in f.reasons.articles)
    assert _cited(findings) == {"guobanfa-2024-54"}


def test_a_named_instrument_sets_its_values_and_is_cited() -> None:
    config = Config(data={"law": {"local_instruments": [CHENGDU_YIMA.id]}})
    settings = load_plugins(config).rule_settings()["INSP-REPEAT"]
    assert settings.sources["max_per_day"] == "plugin:local-profile-example"
    assert settings.parameters["max_per_day"].values[0].source == CHENGDU_YIMA.art(
        verification="V2"
    )
    findings = _repeat_findings(config)
    assert {f.key for f in findings} == {"day:2025-06-05", "week:2025-W23", "month:2025-06"}
    assert _cited(findings) == {"guobanfa-2024-54", CHENGDU_YIMA.id}
    (day,) = [f for f in findings if f.key.startswith("day:")]
    assert "成都市“一码检查”规则" in day.statement("zh")


def test_naming_one_instrument_leaves_the_others_out() -> None:
    config = Config(data={"law": {"local_instruments": [SHENZHEN_CODE.id]}})
    settings = load_plugins(config).rule_settings()
    assert settings["INSP-REPEAT"].sources == {}
    assert settings["INSP-SCAN"].sources == {"scan_required": "plugin:local-profile-example"}
    scan = settings["INSP-SCAN"].parameters["scan_required"]
    assert scan.value_on(SHENZHEN_CODE.since) is True
    assert scan.value_on(SHENZHEN_CODE.since.replace(day=1)) is False


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.id)
def test_every_instrument_is_local_law_with_a_region_and_values(instrument: Any) -> None:
    assert instrument.is_local
    assert instrument.region
    assert PROFILES[instrument.id]
    for values in PROFILES[instrument.id].values():
        for dated in values.values():
            assert all(item.source.instrument_id == instrument.id for item in dated)
