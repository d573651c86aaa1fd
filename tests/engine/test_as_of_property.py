"""As of T: a check as of an instant T reaches what a check run on day T would have reached.

Events dated after T have not happened yet. For every rule of every installed first-party
pack, the findings of a check as of T over the full data must equal those over the data with
every event after T cut off (decisions dated later gone, acts after T not in their case,
records that did not exist yet absent). The histories are the sample township's records — a
year of cases, inspections, measures, licences and the supervision mechanism — sampled and
cut at instants Hypothesis chooses. The same run checks two invariants of every finding: its
fact date is a date on or before T, and it names an agency unless its rule is township-wide.
"""

from __future__ import annotations

import functools
import random
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcement_supervision._host import (
    Evaluator,
    MappingLookup,
    PluginManager,
    Subject,
    build_record,
    load_plugins,
    make_groups,
)
from enforcement_supervision.config import Config
from enforcement_supervision.engine import run_check
from enforcement_supervision.model import as_of_view
from enforcement_supervision.rules import Finding
from enforcement_supervision.sample import SampleTownship, generate_township, township_config
from enforcement_supervision.statutory_time import SHANGHAI, default_calendar
from enforcement_supervision.store import Store, query_findings

FIRST_PARTY = {"national", "supervision", "example-local-rules", "local-profile-example"}


@functools.cache
def _township() -> SampleTownship:
    return generate_township()


@functools.cache
def _manager() -> PluginManager:
    """The installed plugins configured as the sample township, with every local instrument
    of the example profile in force (so that its parameter values are exercised too)."""
    data = tomllib.loads(township_config(_township()))
    from esup_local_profile_example import INSTRUMENTS

    named = [*data["law"]["local_instruments"], *(i.id for i in INSTRUMENTS)]
    return load_plugins(Config(data={**data, "law": {"local_instruments": named}}))


def _records() -> list[Any]:
    return [record for items in _township().records.values() for record in items]


def _cut(records: Sequence[Any], day: date) -> list[Any]:
    """The data as it stood at the end of ``day``: later events removed."""
    seen = (as_of_view(record, day).record for record in records)
    return [record for record in seen if record is not None]


def _check(records: Sequence[Any], day: date) -> list[Finding]:
    manager = _manager()
    evaluator = Evaluator(
        as_of=datetime(day.year, day.month, day.day, tzinfo=SHANGHAI),
        calendar=default_calendar(),
        settings=manager.rule_settings(),
        lookup=MappingLookup(records),
    )
    by_type: dict[str, list[Any]] = defaultdict(list)
    for record in records:
        by_type[Subject.of(record).record_type].append(record)
    found: list[Finding] = []
    for rule in manager.rules():
        group_by = rule.group_by
        if group_by is not None:
            anchors = by_type.get(group_by.anchor, []) if group_by.anchor else []
            subjects: list[Any] = list(make_groups(rule, by_type[rule.record_type], anchors))
        else:
            subjects = [r for kind in rule.applies_to for r in by_type.get(kind, [])]
        for subject in subjects:
            outcome = evaluator.evaluate(rule, subject)
            assert outcome.error is None, (rule.id, subject, outcome.error)
            found.extend(outcome.findings)
    return found


def _key(finding: Finding) -> tuple[Any, ...]:
    return (finding.fingerprint, repr(sorted(finding.to_dict().items())))


def test_every_first_party_rule_is_checked() -> None:
    plugins = {rule.plugin for rule in _manager().rules()}
    assert plugins <= FIRST_PARTY | {None}
    assert {"national", "supervision", "example-local-rules"} <= plugins
    assert len(_manager().rules()) > 70


def test_every_record_type_a_first_party_rule_reads_is_in_the_histories() -> None:
    """The histories hold records of every type the rules read — the petitions, remedies,
    major decisions, normative documents and contracts as well as the enforcement records —
    so the property below exercises every first-party rule on data of its own."""
    present = {Subject.of(record).record_type for record in _records()}
    for rule in _manager().rules():
        assert set(rule.applies_to) <= present, (rule.id, rule.applies_to)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    day=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 1, 31)),
    seed=st.integers(min_value=0, max_value=2**31),
    share=st.sampled_from([0.25, 0.5, 1.0]),
)
def test_a_check_as_of_t_sees_only_what_had_happened_by_t(
    day: date, seed: int, share: float
) -> None:
    records = _records()
    if share < 1.0:
        records = random.Random(seed).sample(records, int(len(records) * share))
    full = _check(records, day)
    cut = _check(_cut(records, day), day)
    assert sorted(map(_key, full)) == sorted(map(_key, cut))
    township_wide = {rule.id for rule in _manager().rules() if rule.township_wide}
    for finding in full:
        assert finding.fact_date is not None, finding.rule_id
        assert finding.fact_date <= day, (finding.rule_id, finding.key, finding.fact_date)
        assert finding.agency_id or finding.rule_id in township_wide, finding.rule_id


@pytest.mark.parametrize("day", [date(2025, 7, 1)])
def test_the_engine_on_full_and_on_cut_data_stores_the_same_findings(
    tmp_path: Path, day: date
) -> None:
    records = _records()
    stored: list[set[tuple[Any, ...]]] = []
    for name, data in (("full", records), ("cut", _cut(records, day))):
        with Store.open(tmp_path / f"{name}.sqlite") as store:
            store.put_records(data)
            result = run_check(store, as_of=day, manager=_manager())
            assert result.errors == ()
            stored.append(
                {
                    (
                        item.fingerprint,
                        item.finding.message_zh,
                        item.finding.fact_date,
                        item.finding.agency_id,
                    )
                    for item in query_findings(store)
                }
            )
    assert stored[0] == stored[1]
    assert stored[0]


def _findings_of(rule_id: str, records: Sequence[Any], day: date) -> list[Finding]:
    return [f for f in _check(records, day) if f.rule_id == rule_id]


def test_acts_dated_after_the_as_of_day_are_not_flagged() -> None:
    """Issue 13: checked as of 2025-01-01, three rules flagged acts of 2026 or of later
    months. The view hides them; the same data checked later does flag them."""
    supervisor = build_record(
        "social-supervisor",
        id="SS-1",
        agency_id="AG-1",
        name="监督员",
        appointed_date="2023-05-15",
        status="active",
        term_months=24,
        activities=[{"date": "2026-11-05", "kind": "observation"}],
    )
    assert not _findings_of("SUP-SUPERVISOR-TERM", [supervisor], date(2025, 1, 1))
    assert _findings_of("SUP-SUPERVISOR-TERM", [supervisor], date(2026, 12, 1))

    case = build_record(
        "penalty-case",
        id="PC-1",
        agency_id="AG-1",
        party={"type": "legal_person", "name": "某公司"},
        decision={"decision_date": "2025-05-12", "procedure": "ordinary"},
        delivery={"method": "direct", "served_date": "2025-05-23"},
    )
    # As of 05-20 the seven working days (to 05-21) have not passed and nothing was served.
    assert not _findings_of("PEN-DELIVERY-7WD", [case], date(2025, 5, 20))
    (late,) = _findings_of("PEN-DELIVERY-7WD", [case], date(2025, 6, 1))
    assert late.fact_date == date(2025, 5, 23)

    application = build_record(
        "licence-application",
        id="LA-1",
        agency_id="AG-1",
        received_date="2025-03-17",
        materials_complete=False,
        correction_notices=[{"date": "2025-03-27"}],
    )
    # Checked before the notice: the five working days (to 03-24) had not passed.
    assert not _findings_of("LIC-ONE-TIME-NOTICE", [application], date(2025, 3, 20))
    assert _findings_of("LIC-ONE-TIME-NOTICE", [application], date(2025, 4, 1))

    petition = build_record(
        "petition",
        id="XF-1",
        agency_id="AG-1",
        received_date="2025-01-20",
        channel="direct",
        notice_date="2025-02-06",
        accepted_date="2025-02-05",
        concluded_date="2025-04-08",
    )
    # E14 as of 2025-02-03: the notice period (to the rolled 02-05) and the handling period
    # have not run out, and the late notice of 02-06 has not happened yet.
    assert not _findings_of("PET-NOTICE-15D", [petition], date(2025, 2, 3))
    assert not _findings_of("PET-HANDLE-60D", [petition], date(2025, 4, 7))
    (notice,) = _findings_of("PET-NOTICE-15D", [petition], date(2025, 2, 6))
    assert notice.fact_date == date(2025, 2, 6)
    (handle,) = _findings_of("PET-HANDLE-60D", [petition], date(2025, 4, 30))
    assert handle.fact_date == date(2025, 4, 8)

    decision = build_record(
        "major-decision",
        id="JC-1",
        agency_id="AG-1",
        title="集镇农贸市场搬迁改造",
        technical=True,
        discussion={"date": "2025-10-17", "meeting_type": "joint"},
        decision_date="2025-10-17",
        expert_review={"date": "2025-10-20"},
    )
    # Before the meeting there is nothing to judge; a review after it does not count.
    assert not _findings_of("DEC-EXPERT", [decision], date(2025, 10, 16))
    (expert,) = _findings_of("DEC-EXPERT", [decision], date(2025, 10, 18))
    assert expert.fact_date == date(2025, 10, 17)
    assert _findings_of("DEC-EXPERT", [decision], date(2025, 12, 1))[0].key == "missing"
