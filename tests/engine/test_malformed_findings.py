"""A malformed finding is that rule's error on that subject, never the run's (issue 19 item 8).

On every database: a rule that hands ``ctx.finding`` a number as its message, a key longer than
the store's column, ``NaN`` in its facts, a subject id too long for the store or text no
database can hold must not stop the check. Refused findings become the rule's errors on their
subjects (the run goes on and stores the good findings); repairable ones (a long key, NUL
characters and lone surrogates from the data) are stored repaired; every stored finding reads
back as valid JSON.
"""

from __future__ import annotations

import json
import math
from typing import Any

from enforcement_supervision._host import build_record
from enforcement_supervision.engine import run_check
from enforcement_supervision.rules import Context, LegalBasis, Message, rule
from enforcement_supervision.store import Store, query_findings

from .conftest import make_manager

BASIS = LegalBasis(instrument="测试规定", article="1")


@rule(
    id="T-MALFORMED",
    title_zh="格式错误的发现",
    title_en="Malformed findings",
    category="procedure",
    severity="S3",
    legal_basis=BASIS,
    applies_to="lead",
    messages={"about": Message(zh="线索 {lead}：{text}", en="lead {lead}: {text}")},
)
def malformed(lead: Any, ctx: Context) -> None:
    """Makes, per lead, the kind of finding its summary names."""
    kind = lead.summary
    if kind == "number-message":
        ctx.finding(message_zh=123, message_en=None)  # type: ignore[arg-type]
    elif kind == "nan":
        ctx.finding("about", key="nan", facts={"lead": lead.id, "text": "x", "ratio": math.nan})
    elif kind == "long-subject":
        ctx.finding("about", subject=("lead", "L" * 300), facts={"lead": lead.id, "text": "x"})
    elif kind == "long-key":
        ctx.finding("about", key="K" * 400, facts={"lead": lead.id, "text": "长键"})
    elif kind == "bad-text":
        ctx.finding("about", key="text", facts={"lead": lead.id, "text": "a\x00b\udc80c"})
    else:
        ctx.finding("about", key="fine", facts={"lead": lead.id, "text": "正常"})


def _lead(number: int, summary: str) -> Any:
    return build_record(
        "lead",
        id=f"L-{number}",
        agency_id="AG-1",
        received_date="2025-03-03",
        source="complaint",
        summary=summary,
    )


def test_bad_findings_are_rule_errors_and_the_run_goes_on(store: Store) -> None:
    kinds = ["number-message", "nan", "long-subject", "long-key", "bad-text", "fine"]
    store.put_records([_lead(n, kind) for n, kind in enumerate(kinds)])
    result = run_check(store, as_of="2025-04-01", manager=make_manager(malformed))
    assert result.outcome == "errors"
    (error,) = result.errors
    assert (error.kind, error.rule_id, error.error_type) == (
        "rule",
        "T-MALFORMED",
        "RuleUsageError",
    )
    assert error.count == 3
    assert sorted(error.subjects) == ["lead/L-0", "lead/L-1", "lead/L-2"]
    stored = {item.finding.subject.record_id: item.finding for item in query_findings(store)}
    assert sorted(stored) == ["L-3", "L-4", "L-5"]
    assert len(stored["L-3"].key) <= 200
    assert stored["L-4"].message_zh == "线索 L-4：a\ufffdb\ufffdc"
    for finding in stored.values():
        json.dumps(finding.to_dict(), ensure_ascii=False, allow_nan=False)
    # The next run goes through the same subjects again and changes nothing stored.
    again = run_check(store, as_of="2025-04-02", manager=make_manager(malformed))
    assert again.opened == again.resolved == 0
