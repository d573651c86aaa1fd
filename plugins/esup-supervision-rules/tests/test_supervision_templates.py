"""The supervision pack on message templates, one module per area (issues 13 and 18).

No function of the pack holds message text (texts are templates declared beside each rule,
functions only name deadlines); each template is in its own language and says deadlines
plainly; every path cites what it applies, within the rule's legal basis; every rule's cases
pin a date of the facts and every finding carries the agency that answers for it; supervisors
and complainants are never named. The same-day decisions are pinned on both sides, and a
township whose mechanism runs on time gets no S1–S3 finding on any day.
"""

from __future__ import annotations

import inspect
import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import esup_supervision_rules as pack
import pytest
from esup_supervision_rules import _common, _law, checks, complaints, liaison, supervisors

from enforcement_supervision._host import (
    Evaluator,
    MappingLookup,
    Subject,
    build_record,
    load_cases,
    load_plugins,
    make_groups,
    run_cases,
)
from enforcement_supervision.config import Config
from enforcement_supervision.rules import Finding, Rule
from enforcement_supervision.statutory_time import SHANGHAI, default_calendar
from enforcement_supervision.testing import (
    LABEL_KEYWORDS,
    assert_flags,
    assert_passes,
    citation_problems,
    code_without_declarations,
    message_text_in_code,
    template_language_problems,
)

MODULES: tuple[Any, ...] = (checks, liaison, supervisors, complaints, _common, _law)
CASES = Path(pack.__file__).parent / "cases"
_CJK = re.compile("[\u4e00-\u9fff]")
#: Keywords that name a deadline (labels) or document a parameter: not message text.
_LABELS = LABEL_KEYWORDS | {"doc"}


def test_one_module_per_area() -> None:
    areas = {rule.id: inspect.getmodule(rule.check).__name__ for rule in pack.RULES}
    assert {name.rsplit(".", 1)[-1] for name in areas.values()} == {
        "checks",
        "liaison",
        "supervisors",
        "complaints",
    }
    assert {r.id for r in pack.RULES} == {r.id for m in MODULES[:4] for r in m.RULES}
    source = Path(pack.__file__).read_text(encoding="utf-8")
    assert len(source.splitlines()) < 100


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_the_code_holds_no_message_text(module: Any) -> None:
    assert message_text_in_code(module, labels=_LABELS) == []


@pytest.mark.parametrize("rule", pack.RULES, ids=lambda r: r.id)
def test_templates_in_their_own_language_citing_what_each_path_applies(rule: Rule) -> None:
    assert template_language_problems(rule) == []
    for kind, message in rule.messages.items():
        assert "前整改" not in message.zh, (rule.id, kind)
    assert citation_problems(rule, code_without_declarations(rule.check)) == []


@pytest.mark.parametrize("rule", pack.RULES, ids=lambda r: r.id)
def test_cases_pin_fact_dates_and_agencies(rule: Rule) -> None:
    files = load_cases([CASES / f"{rule.id}.toml"])
    cases = [case for file in files for case in file.cases]
    assert any(case.expect == "flag" and case.fact_date is not None for case in cases), rule.id
    report = run_cases(files, [rule])
    assert report.ok, report.render("en")
    for result in report.results:
        agencies = {
            str(data.get("agency_id") or data["id"])
            for data in result.case.records
            if "agency_id" in data or data.get("record_type") == "agency"
        }
        for finding in result.findings:
            assert finding.fact_date is not None
            assert finding.agency_id is not None, (result.case.id, finding.key)
            if agencies:
                assert finding.agency_id in agencies | {"agency-township"}, result.case.id


def test_the_instruments_are_one_registry_and_only_the_regulation_is_national() -> None:
    ids = {instrument.id for instrument in _law.INSTRUMENTS}
    for rule in pack.RULES:
        for basis in (*rule.legal_basis, *(b for m in rule.messages.values() for b in m.articles)):
            assert basis.instrument_id in ids, (rule.id, basis.instrument)
    national = [i for i in _law.INSTRUMENTS if not i.is_local]
    assert [i.id for i in national] == ["state-council-decree-825"]


# -- The same day ---------------------------------------------------------------------------

AGENCY = "AG-ZF"


def _supervisor(**fields: Any) -> Any:
    data = {
        "id": "SS-1",
        "agency_id": AGENCY,
        "name": "监督员",
        "appointed_date": "2023-05-15",
        "term_months": 24,
        "status": "active",
        **fields,
    }
    return build_record("social-supervisor", data)


def _term_group(supervisor: Any) -> Any:
    return make_groups(supervisors.supervisor_term, [], [supervisor])[0]


@pytest.mark.parametrize(("acted", "flagged"), [("2025-05-15", False), ("2025-05-16", True)])
def test_an_activity_on_the_last_day_of_the_term_is_inside_it(acted: str, flagged: bool) -> None:
    group = _term_group(_supervisor(activities=[{"date": acted, "kind": "observation"}]))
    rule = supervisors.supervisor_term
    if flagged:
        (finding,) = assert_flags(rule, group, as_of="2025-06-01", fact_date=acted)
        assert finding.agency_id == AGENCY
        assert "监督员" not in finding.message_zh.replace("社会监督员", "")
    else:
        assert_passes(rule, group, as_of="2025-06-01")


@pytest.mark.parametrize(("acted", "flagged"), [("2025-03-05", False), ("2025-03-06", True)])
def test_an_activity_on_the_day_of_a_dismissal_is_inside_the_appointment(
    acted: str, flagged: bool
) -> None:
    supervisor = _supervisor(
        status="dismissed",
        status_date="2025-03-05",
        activities=[{"date": acted, "kind": "meeting"}],
    )
    rule = supervisors.supervisor_term
    if flagged:
        assert_flags(rule, _term_group(supervisor), as_of="2025-06-01", fact_date=acted)
    else:
        assert_passes(rule, _term_group(supervisor), as_of="2025-06-01")


def _complaint(**fields: Any) -> Any:
    data = {"id": "CP-1", "agency_id": AGENCY, "received_date": "2025-10-09", **fields}
    return build_record("complaint", data)


@pytest.mark.parametrize(
    ("responded", "fact_date"),
    [("2025-11-08", None), ("2025-11-09", "2025-11-09"), (None, "2025-11-09")],
)
def test_a_complaint_answered_on_the_last_day_is_in_time(
    responded: str | None, fact_date: str | None
) -> None:
    record = _complaint(responded_date=responded)
    rule = complaints.complaint_reply
    if fact_date is None:
        assert_passes(rule, record, as_of="2025-12-31")
    else:
        (finding,) = assert_flags(rule, record, as_of="2025-12-31", fact_date=fact_date)
        assert "期限届满日 2025-11-08（当日仍在期限内）" in finding.message_zh
        assert finding.agency_id == AGENCY


def _check_with_opinion(rectified: str | None) -> Any:
    return build_record(
        "supervision-check",
        {
            "id": "SC-1",
            "agency_id": AGENCY,
            "type": "routine",
            "date": "2025-09-01",
            "opinions": [
                {
                    "number": "某监意〔2025〕1号",
                    "issued_date": "2025-09-01",
                    "addressee_agency_id": "AG-SJ",
                    "rectification_deadline": "2025-10-31",
                    "rectified_date": rectified,
                }
            ],
        },
    )


@pytest.mark.parametrize(
    ("as_of", "flagged"), [("2025-10-31T23:00:00+08:00", False), ("2025-11-01", True)]
)
def test_an_opinion_is_overdue_from_the_day_after_its_deadline(as_of: str, flagged: bool) -> None:
    rule = checks.rectify
    if flagged:
        (finding,) = assert_flags(
            rule, _check_with_opinion(None), as_of=as_of, fact_date="2025-11-01"
        )
        assert finding.agency_id == "AG-SJ"
    else:
        assert_passes(rule, _check_with_opinion(None), as_of=as_of)


# -- A mechanism that runs on time ----------------------------------------------------------


def _mechanism() -> list[Any]:
    """A township running its mechanism through 2025 on the last allowed day each time: a
    routine check every 31 days, one case-file review sampling 5%, an opinion rectified on its
    deadline, two liaison points heard every 90 days, two supervisors within their terms and
    feedback and a complaint answered on the 30th day."""
    township = build_record(
        "agency", id=AGENCY, name="某镇人民政府", level="township", kind="government"
    )
    records: list[Any] = [township]
    day, n = date(2024, 12, 31), 0
    while day <= date(2026, 1, 31):
        n += 1
        records.append(
            build_record(
                "supervision-check",
                id=f"SC-{n}",
                agency_id=AGENCY,
                type="routine",
                date=day.isoformat(),
            )
        )
        day += timedelta(days=31)
    records.append(
        build_record(
            "supervision-check",
            id="SC-REVIEW",
            agency_id=AGENCY,
            type="case_file_review",
            date="2025-06-10",
            population_size=40,
            sampled_cases=[
                {"record": {"record_type": "penalty-case", "record_id": f"PC-{i}"}} for i in (1, 2)
            ],
            opinions=[
                {
                    "number": "某监意〔2025〕1号",
                    "issued_date": "2025-06-10",
                    "addressee_agency_id": AGENCY,
                    "rectification_deadline": "2025-07-10",
                    "rectified_date": "2025-07-10",
                }
            ],
        )
    )
    criteria = [
        {"criterion": c, "met": True} for c in ("rule_of_law", "lawful_operation", "honesty")
    ]
    for point in ("LP-1", "LP-2"):
        records.append(
            build_record(
                "liaison-point",
                id=point,
                agency_id=AGENCY,
                name=f"某公司{point}",
                status="active",
                designation_date="2024-10-01",
                criteria=criteria,
            )
        )
    heard, k = date(2024, 12, 30), 0
    while heard <= date(2026, 1, 31):
        for point in ("LP-1", "LP-2"):
            k += 1
            records.append(
                build_record(
                    "feedback",
                    id=f"FB-{k}",
                    agency_id=AGENCY,
                    source_kind="liaison_point",
                    source_id=point,
                    received_date=heard.isoformat(),
                    answered_date=(heard + timedelta(days=30)).isoformat(),
                )
            )
        heard += timedelta(days=90)
    for supervisor in ("SS-1", "SS-2"):
        records.append(
            build_record(
                "social-supervisor",
                id=supervisor,
                agency_id=AGENCY,
                name="监督员",
                appointed_date="2024-11-01",
                term_months=24,
                status="active",
                activities=[{"date": "2025-06-01", "kind": "observation"}],
            )
        )
    records.append(
        build_record(
            "complaint",
            id="CP-1",
            agency_id=AGENCY,
            received_date="2025-10-09",
            responded_date="2025-11-08",
        )
    )
    return records


def _findings(records: list[Any], day: date) -> list[Finding]:
    manager = load_plugins(Config())
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
    for rule in pack.RULES:
        assert rule.group_by is None or rule.group_by.anchor is not None
        if rule.group_by is not None:
            anchors = by_type.get(rule.group_by.anchor or "", [])
            subjects: list[Any] = list(make_groups(rule, by_type[rule.record_type], anchors))
        else:
            subjects = list(by_type.get(rule.record_type, []))
        for subject in subjects:
            outcome = evaluator.evaluate(rule, subject)
            assert outcome.error is None, (rule.id, outcome.error)
            found.extend(outcome.findings)
    return found


def test_a_mechanism_that_runs_on_time_gets_no_s1_to_s3_finding() -> None:
    records = _mechanism()
    for day in (date(2025, 1, 1) + timedelta(days=n) for n in range(0, 396, 3)):
        serious = [(f.rule_id, f.key) for f in _findings(records, day) if f.severity.value != "S4"]
        assert not serious, (day, serious)


def test_the_mechanisms_boundaries_hold_one_day_later() -> None:
    records = [
        r
        for r in _mechanism()
        if not (getattr(r, "record_type", "") == "complaint" or str(r.id) == "SC-REVIEW")
    ]
    late_complaint = build_record(
        "complaint",
        id="CP-1",
        agency_id=AGENCY,
        received_date="2025-10-09",
        responded_date="2025-11-09",
    )
    found = {
        (f.rule_id, f.key)
        for f in _findings([*records, late_complaint], date(2025, 12, 31))
        if f.severity.value != "S4"
    }
    assert found == {("SUP-COMPLAINT", "reply")}
