"""The performance paths give the same answers as the plain ones: findings read back from
the store through ``Finding.trusted`` equal findings rebuilt with validation, and group
memberships built during the full one-record scan equal a membership rebuilt on its own."""

from __future__ import annotations

import json

from sqlalchemy import select

from enforcement_supervision._host import PluginManager, Reasons, Subject
from enforcement_supervision.engine import run_check
from enforcement_supervision.rules import Evidence, Finding
from enforcement_supervision.store import Store, query_findings
from enforcement_supervision.store._internal import findings, record_key
from enforcement_supervision.store._schema import group_members

from .rules_for_tests import agency, lead


def _records() -> list[object]:
    items: list[object] = [agency("AG-1"), agency("AG-2")]
    for number in range(40):
        items.append(
            lead(
                f"L-{number:03d}",
                agency_id=f"AG-{1 + number % 2}",
                received_date=f"2025-0{1 + number % 9}-1{number % 10}",
            )
        )
    return items


def _validated(row: object) -> Finding:
    """The finding rebuilt from its row the slow way: converters, validation, hashing."""
    data: dict[str, object] = row._asdict()  # type: ignore[attr-defined]
    return Finding(
        rule_id=str(data["rule_id"]),
        rule_version=str(data["rule_version"]),
        subject=Subject(record_type=str(data["subject_type"]), record_id=str(data["subject_id"])),
        severity=str(data["severity"]),
        categories=[part for part in str(data["categories"]).split(",") if part],
        message_zh=str(data["message_zh"]),
        message_en=str(data["message_en"]),
        reasons=Reasons.from_dict(data["reasons"] or {}),  # type: ignore[arg-type]
        evidence=[Evidence.from_dict(item) for item in data["evidence"] or ()],  # type: ignore[attr-defined]
        key=str(data["finding_key"]),
        agency_id=data["agency_id"],  # type: ignore[arg-type]
        due=data["due_date"],
        fact_date=data["fact_date"],
    )


def test_trusted_findings_equal_validated_ones(store: Store, manager: PluginManager) -> None:
    store.put_records(_records())  # type: ignore[arg-type]
    run_check(store, as_of="2025-12-31", manager=manager)
    stored = {item.fingerprint: item.finding for item in query_findings(store)}
    assert stored
    with store.engine.connect() as connection:
        rows = connection.execute(select(findings)).all()
    for row in rows:
        expected = _validated(row)
        got = stored[row.fingerprint]
        assert got == expected
        assert got.to_dict() == expected.to_dict()
        assert got.fingerprint == expected.fingerprint
        assert type(got.due) is type(expected.due)
        assert got.fact_date is not None
        assert type(got.fact_date) is type(expected.fact_date)


def test_trusted_reasons_equal_from_dict() -> None:
    data = {
        "facts": {"received_date": "2025-03-03", "amount": "200.00", "items": [1, 2.5, None]},
        "articles": [{"instrument": "行政处罚法", "article": "51"}],
        "deadlines": [{"label": "立案", "due_date": "2025-03-18", "trace_zh": "t"}],
        "parameters": {"days": 15},
        "readings": {"rollover": True},
        "facts_date": "2025-03-03",
        "provisional": False,
        "notes": [["甲", "a"]],
    }
    through_json = json.loads(json.dumps(data, ensure_ascii=False))
    assert Reasons.trusted_from_dict(through_json) == Reasons.from_dict(through_json)
    assert Reasons.trusted_from_dict({}) == Reasons.from_dict({})


def _memberships(store: Store) -> set[tuple[str, str, str]]:
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(group_members.c.rule_id, group_members.c.group_key, group_members.c.member_key)
        ).all()
    return {(row[0], row[1], row[2]) for row in rows}


def test_full_scan_builds_the_same_memberships(store: Store, manager: PluginManager) -> None:
    records = _records()
    store.put_records(records)  # type: ignore[arg-type]
    result = run_check(store, as_of="2025-12-31", manager=manager, mode="full")
    assert result.errors == ()
    expected: set[tuple[str, str, str]] = set()
    for rule in manager.rules():
        group_by = rule.group_by
        if group_by is None:
            continue
        for record in records:
            if record.record_type != rule.record_type:  # type: ignore[attr-defined]
                continue
            key = group_by.key_of(record)
            if key is not None:
                member = record_key(rule.record_type, record.id)  # type: ignore[attr-defined]
                expected.add((rule.id, record_key(group_by.name, str(key)), member))
    assert expected
    assert _memberships(store) == expected
