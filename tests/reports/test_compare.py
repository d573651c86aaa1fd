"""``--compare``: the report against the state after an earlier check run, a month apart."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from enforcement_supervision._host import PluginManager, build_record, load_plugins
from enforcement_supervision.cli import main
from enforcement_supervision.config import Config
from enforcement_supervision.engine import run_check
from enforcement_supervision.reports import (
    ReportUsageError,
    build_report_data,
    render,
    report_schema,
)
from enforcement_supervision.rules import Context, LegalBasis, rule
from enforcement_supervision.store import Store, list_runs
from enforcement_supervision.store._internal import NewEvent, append_events

from .latin import latin_runs, visible_text


@rule(
    id="T-FILING",
    title_zh="线索未作出立案决定",
    title_en="Lead without a filing decision",
    category="inaction",
    severity="S2",
    legal_basis=LegalBasis(instrument="中华人民共和国行政处罚法", article="54"),
    applies_to="lead",
    facts_date="received_date",
)
def filing(lead: Any, ctx: Context) -> None:
    """Flags every lead without a filing decision; due 15 days after it was received."""
    if lead.filing_decision_date is None:
        ctx.finding(
            message_zh="线索未作出立案决定",
            message_en="no filing decision",
            due=lead.received_date + timedelta(days=15),
        )


def manager() -> PluginManager:
    found = load_plugins(Config(), entry_points=False)
    found.register_rules(filing, name="compare-test-rules")
    return found


def lead(lead_id: str, agency: str, received: str, decided: str | None = None) -> Any:
    extra = {"filing_decision": "filed", "filing_decision_date": decided} if decided else {}
    return build_record(
        "lead", id=lead_id, agency_id=agency, received_date=received, source="inspection", **extra
    )


def agencies() -> list[Any]:
    return [
        build_record("agency", id=agency_id, name=name, level="county", kind="department")
        for agency_id, name in (("AG-1", "甲县市场监督管理局"), ("AG-2", "甲县交通运输局"))
    ]


@pytest.fixture
def two_runs(db_url: str) -> Store:
    """May: leads A, B (AG-1) and C (AG-2) open; A and B overdue. June: A decided
    (resolved), D new (AG-2), B notified with a new deadline, C now overdue."""
    store = Store.open(db_url)
    store.put_records(
        [
            *agencies(),
            lead("A", "AG-1", "2025-04-01"),
            lead("B", "AG-1", "2025-04-10"),
            lead("C", "AG-2", "2025-04-20"),
        ]
    )
    run_check(store, as_of="2025-05-01", manager=manager())
    b = next(item for item in _open(store) if item[1] == "B")[0]
    with store.engine.begin() as connection:
        append_events(
            connection,
            [
                NewEvent(
                    fingerprint=b,
                    kind="notified",
                    at=datetime.now(UTC),
                    actor="监督科",
                    data={"notice_number": "甲司监〔2025〕3号", "rectification_due": "2025-06-10"},
                )
            ],
        )
    store.put_records(
        [lead("A", "AG-1", "2025-04-01", "2025-05-10"), lead("D", "AG-2", "2025-05-20")]
    )
    run_check(store, as_of="2025-06-01", manager=manager())
    return store


def _open(store: Store) -> list[tuple[str, str]]:
    from enforcement_supervision.engine import open_findings

    return [(item.fingerprint, item.finding.subject.record_id) for item in open_findings(store)]


def test_counts_a_month_apart(two_runs: Store) -> None:
    with two_runs as store:
        data = build_report_data(store, manager=manager(), compare="2025-05-15")
    comparison = data.comparison
    assert comparison is not None
    assert comparison.since == date(2025, 5, 1)
    assert comparison.total.to_dict() == {
        "new": 1,  # D
        "resolved": 1,  # A
        "still_open": 2,  # B, C
        "overdue": 1,  # C (B has a new deadline)
        "overdue_before": 2,  # A, B
    }
    assert comparison.by_agency["AG-1"].to_dict() == {
        "new": 0,
        "resolved": 1,
        "still_open": 1,
        "overdue": 0,
        "overdue_before": 2,
    }
    assert comparison.by_agency["AG-2"].to_dict() == {
        "new": 1,
        "resolved": 0,
        "still_open": 1,
        "overdue": 1,
        "overdue_before": 0,
    }
    assert comparison.by_category["inaction"].new == 1


def test_by_default_the_report_compares_with_a_month_before(two_runs: Store) -> None:
    with two_runs as store:
        data = build_report_data(store, manager=manager())
        assert data.comparison is not None
        assert data.comparison.since == date(2025, 5, 1)
        assert build_report_data(store, manager=manager(), compare="none").comparison is None
        first = list_runs(store)[-1].run_id
        by_run = build_report_data(store, manager=manager(), compare=first[:8])
        assert by_run.comparison == data.comparison
        with pytest.raises(ReportUsageError, match="2025-04-01"):
            build_report_data(store, manager=manager(), compare="2025-04-01")
        with pytest.raises(ReportUsageError, match="--compare"):
            build_report_data(store, manager=manager(), compare="no-such-run")


def test_every_format_carries_the_comparison(two_runs: Store, tmp_path: Path) -> None:
    with two_runs as store:
        data = build_report_data(store, manager=manager(), compare="2025-05-15")
        [path] = render("json", data, tmp_path / "report.json")
        document = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(report_schema()).validate(document)
        assert document["comparison"]["total"]["new"] == 1
        assert document["comparison"]["by_agency"]["AG-2"]["overdue"] == 1
        [html] = render("html", data, tmp_path / "report.html")
        page = html.read_text(encoding="utf-8")
        assert "与上期比较" in page
        assert "2025年5月1日的检查" in page
        assert page.count("<svg") == 4  # the comparison's chart beside the three others
        assert latin_runs(visible_text(html), ()) == []
        [md] = render("md", data, tmp_path / "report.md")
        assert "与上期比较" in md.read_text(encoding="utf-8")
        import openpyxl

        [ledger] = render("xlsx", data, tmp_path / "ledger.xlsx")
        summary = openpyxl.load_workbook(ledger).worksheets[1]
        values = [cell for row in summary.iter_rows(values_only=True) for cell in row]
        assert "与上期比较" in values


def test_the_command_takes_compare(two_runs: Store, tmp_path: Path) -> None:
    url = two_runs.engine.url.render_as_string(hide_password=False)
    two_runs.close()
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        main,
        ["--db", url, "report", "--format", "json", "--out", str(out), "--compare", "2025-05-31"],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["comparison"]["total"]["resolved"] == 1
