"""The checks of a rule's texts that packs run in their own tests (``enforcement_supervision
.testing``): each kind of problem is found, with the function or template it is in, and a
rule written the right way gives none.

The rules are written into a module file and imported, because the checks read source.
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from enforcement_supervision.testing import (
    LABEL_KEYWORDS,
    citation_problems,
    code_without_declarations,
    message_text_in_code,
    template_language_problems,
)

_HEADER = """
from datetime import date
from typing import Any

from enforcement_supervision.rules import Context, Instrument, Message, rule

LAW = Instrument(
    id="lint-law", title="中华人民共和国测试法", short_title="测试法", title_en="Test Law",
    in_force=date(2021, 7, 15),
)
"""

_GOOD = '''
@rule(
    id="LINT-GOOD",
    title_zh="送达",
    title_en="Service",
    category="procedure",
    severity="S2",
    legal_basis=[LAW.art("61"), LAW.art("85")],
    applies_to="penalty-case",
    messages={
        "late": Message(
            zh="决定书于 {served} 送达，超过送达期限（{last:deadline}）",
            en="decision served on {served}, after the limit ({last:deadline})",
            articles=[LAW.art("61")],
        ),
        "unknown": Message(zh="送达日期不明", en="service date unknown"),
    },
)
def good(case: Any, ctx: Context) -> None:
    """Flags a late service."""
    decision = case.decision
    if decision is None:
        ctx.note("unknown")
        return
    deadline = ctx.deadline(decision.decision_date, 7, "WD", label="送达 / service")
    if ctx.late(deadline, decision.served_date):
        ctx.finding("late", key="7wd", facts={"served": decision.served_date,
                                                "last": deadline.due_date})
'''

_BAD = '''
@rule(
    id="LINT-BAD",
    title_zh="送达",
    title_en="Service",
    category="procedure",
    severity="S2",
    legal_basis=[LAW.art("61")],
    applies_to="penalty-case",
    messages={
        "late": Message(
            zh="decision 逾期送达（{last} 前）",
            en="served late 逾期",
            articles=[LAW.art("99")],
        ),
        "bare": Message(zh="未送达", en="not served"),
        "unused": Message(zh="未用", en="unused", articles=[LAW.art("61")]),
        "noted": Message(zh="备注", en="note", articles=[LAW.art("61")]),
    },
)
def bad(case: Any, ctx: Context) -> None:
    """Flags a late service, the wrong way."""
    if case.decision is None:
        ctx.note("noted", "说明")
        return
    ctx.finding("late", key="7wd", message_zh="逾期送达", facts={"last": "今天"})
    ctx.finding("bare", key="x")
'''


@pytest.fixture(scope="module")
def module(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    path = Path(tmp_path_factory.mktemp("lint")) / "lint_rules.py"
    path.write_text(textwrap.dedent(_HEADER + _GOOD + _BAD), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("lint_rules", path)
    assert spec is not None
    assert spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    sys.modules["lint_rules"] = loaded
    spec.loader.exec_module(loaded)
    return loaded


def test_a_rule_written_with_templates_has_no_problem(module: ModuleType) -> None:
    good = module.good
    assert message_text_in_code(good.check) == []
    assert template_language_problems(good) == []
    assert citation_problems(good, code_without_declarations(good.check)) == []


def test_message_text_in_a_body_is_found_by_function(module: ModuleType) -> None:
    problems = message_text_in_code(module.bad.check)
    assert "bad: message_zh= (declare a template)" in problems
    assert "bad: Chinese text '今天'" in problems
    assert any(p.startswith("bad: ctx.note('noted', '说明')") for p in problems)
    # The docstring and the decorator (where templates live) are not the body.
    assert not any("逾期送达（" in p or "Flags" in p for p in problems)


def test_deadline_labels_are_allowed_and_can_be_extended(module: ModuleType) -> None:
    # The label "送达 / service" of the good rule is a label, not a message ...
    assert message_text_in_code(module.good.check) == []
    # ... and without label keywords it is Chinese text in the body.
    assert message_text_in_code(module.good.check, labels=()) == [
        "good: Chinese text '送达 / service'"
    ]
    assert "label" in LABEL_KEYWORDS


def test_templates_in_the_other_language_are_found(module: ModuleType) -> None:
    problems = template_language_problems(module.bad)
    assert problems == [
        "LINT-BAD late: Latin text in the Chinese template 'decision 逾期送达（{last} 前）'",
        "LINT-BAD late: Chinese text in the English template",
        "LINT-BAD late: a deadline said as '（… 前）', not plainly",
    ]
    assert template_language_problems(module.bad, allow_latin=("decision",))[0].endswith(
        "Chinese text in the English template"
    )


def test_citations_are_checked_against_the_legal_basis_and_the_paths(module: ModuleType) -> None:
    problems = citation_problems(module.bad, code_without_declarations(module.bad.check))
    assert problems == [
        "LINT-BAD late: cites lint-law Art. 99, outside the rule's legal basis",
        "LINT-BAD bare: a finding's template cites no article",
        "LINT-BAD unused: template not used by any path",
        "LINT-BAD noted: a note's template cites articles",
    ]


def test_the_declarations_are_not_code_that_uses_a_template(module: ModuleType) -> None:
    source = code_without_declarations(module.bad.check)
    assert '"unused"' not in source
    assert "def bad(" in source
