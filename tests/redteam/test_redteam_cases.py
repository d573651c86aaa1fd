"""Red-team cases: hand-made from the rule catalog and the law, not from the code's output.

Each ``cases/*.toml`` file holds cases of one area in the data-driven case format (see
``enforcement_supervision.rules._cases``), with the rule named per case. The dates are chosen
away from the catalog's worked examples: other years, the nine-day 2026 Spring Festival, the
National Day blocks, make-up Saturdays and Sundays, month ends and leap days. Every expected
date in a case name was counted by hand against the official schedules (国办发明电〔2023〕7号
for 2024, 〔2024〕12号 for 2025, the notice of 2025-11-04 for 2026).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from enforcement_supervision._host import Case, load_cases, load_plugins, run_case
from enforcement_supervision.config import Config
from enforcement_supervision.rules import Rule

CASES = Path(__file__).parent / "cases"


@functools.cache
def _rules() -> dict[str, Rule]:
    return {rule.id: rule for rule in load_plugins(Config()).rules()}


def _cases() -> list[Case]:
    files = load_cases([CASES])
    for file in files:
        assert file.error is None, (file.path, file.error)
    return [case for file in files for case in file.cases]


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case.id)
def test_red_team_case(case: Case) -> None:
    rule = _rules().get(case.rule_id)
    assert rule is not None, f"no installed rule {case.rule_id}"
    result = run_case(case, rule)
    assert result.passed, "\n".join(result.problems)
