"""Red-team CLI checks: hand-counted ``esup deadline`` answers, an out-of-range period, and a
second township configured unlike the sample (strict agency deadlines, lower hearing
thresholds, rules switched off), imported from hand-written JSON Lines and a GB18030 CSV
ledger, checked as of a day and as of a past day."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_supervision.cli import main


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ESUP_CONFIG", raising=False)
    monkeypatch.delenv("ESUP_DB", raising=False)
    return CliRunner()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # 02-13, 02-14 (make-up Saturday), [02-15..02-23], 02-24, 02-25, 02-26
        (["2026-02-12", "--working-days", "5"], "2026-02-26"),
        # Day 90 from 2025-11-20 is 2026-02-18 (正月初二), rolled to 02-24
        (["2025-11-20", "--days", "90", "--rollover"], "2026-02-24"),
        (["2025-11-20", "--days", "90"], "2026-02-18"),
        # Day 15 is Saturday 2025-10-11, a make-up working day: nothing rolls
        (["2025-09-26", "--days", "15", "--rollover"], "2025-10-11"),
        # 02-23 ... 02-15 rest, 02-14 (make-up) #1, 02-13 #2, 02-12 #3
        (["2026-02-24", "--working-days", "3", "--before"], "2026-02-12"),
        # 民法典 Art. 202: no 02-29 in 2026 → the last day of the month
        (["2024-02-29", "--years", "2"], "2026-02-28"),
        # 60 days from 2025-12-22 end on the 调休 rest day 2026-02-20 → 02-24
        (["2025-12-22", "--days", "60", "--rollover"], "2026-02-24"),
        # 10 WD from 2026-09-17: 09-18, 09-20 (make-up Sunday), 09-21..24, 09-28..30, 10-08
        (["2026-09-17", "--working-days", "10"], "2026-10-08"),
    ],
)
def test_deadline_by_hand(run: CliRunner, args: list[str], expected: str) -> None:
    result = run.invoke(main, ["deadline", *args])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == expected


@pytest.mark.parametrize(
    "args",
    [
        ["9999-12-30", "--days", "5"],
        ["9999-12-30", "--months", "1"],
        ["0001-01-01", "--days", "1", "--before"],
    ],
)
def test_a_period_past_the_representable_dates_is_a_usage_error(
    run: CliRunner, args: list[str]
) -> None:
    result = run.invoke(main, ["--lang", "en", "deadline", *args])
    assert result.exit_code == 2, result.output
    assert "outside the dates that can be represented" in result.output
    assert "unexpected error" not in result.output


CONFIG = """
[store]
url = "sqlite:///second.sqlite"

[rules."PEN-DECISION-90D"]
agency_deadline_rollover = false

[rules]
disabled = ["PUB-EX-ANTE", "PERS-REVIEWER-RATIO"]

[packs."national"]
hearing_fine_threshold_person = 3000
hearing_fine_threshold_org = 50000
"""

RECORDS = [
    {"record_type": "agency", "id": "AG-T2", "name": "白沙乡人民政府", "level": "township",
     "kind": "government"},
    {"record_type": "penalty-case", "id": "BS-1", "agency_id": "AG-T2",
     "filed_date": "2025-11-20", "party": {"type": "natural_person", "name": "周某"},
     "prior_notice": {"served_date": "2026-02-12", "right_hearing": True},
     "decision": {"decision_date": "2026-02-26", "procedure": "ordinary",
                  "penalty_types": ["fine"], "fine_amount": "3000.00"}},
    {"record_type": "licence-application", "id": "BL-1", "agency_id": "AG-T2", "kind": "new",
     "applicant": {"type": "natural_person", "name": "吴某"}, "received_date": "2026-01-29",
     "materials_complete": True, "acceptance": {"date": "2026-01-29", "accepted": True}},
]  # fmt: skip

LEDGER = [
    "序号,登记编号,办理单位编号,收到日期,来源,信访人,受理日期,书面告知日期,办结日期,备注",
    "1,XF-B1,AG-T2,２０２５年１２月１５日,群众来访,孙某,2025.12.22,2025/12/22 0:00,,",
    "2,XF-B2,AG-T2,2026-2-5,群众来信,郑某,2026年2月6日,2026/2/6,2026-03-24,",
    "",
]


def _township(tmp_path: Path) -> None:
    (tmp_path / "esup.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "records.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8"
    )
    (tmp_path / "petitions.csv").write_bytes("\r\n".join(LEDGER).encode("gb18030"))


def _group(findings: list[dict[str, object]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in findings:
        found.setdefault(str(finding["rule_id"]), []).append(
            json.dumps(finding, ensure_ascii=False)
        )
    return found


def _active(run: CliRunner, as_of: str) -> dict[str, list[str]]:
    result = run.invoke(main, ["--lang", "en", "check", "--as-of", as_of, "--full"])
    assert result.exit_code in (0, 1), result.output
    listed = run.invoke(main, ["--lang", "en", "findings", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    return _group(json.loads(listed.stdout))


def _retrospective(run: CliRunner, as_of: str) -> dict[str, list[str]]:
    result = run.invoke(main, ["--lang", "en", "check", "--as-of", as_of, "--full", "--json"])
    assert result.exit_code in (0, 1), result.output
    document = json.loads(result.stdout)
    assert document["retrospective"], document
    return _group(document["findings"])


def test_second_township_import_and_check(run: CliRunner, tmp_path: Path) -> None:
    _township(tmp_path)
    result = run.invoke(main, ["--lang", "en", "import", "records.jsonl"])
    assert result.exit_code == 0, result.output
    result = run.invoke(
        main, ["--lang", "en", "import", "--mapping", "petition-ledger", "petitions.csv"]
    )
    assert result.exit_code == 0, result.output
    assert "2 new" in result.output

    found = _active(run, "2026-03-05")
    # Strict agency deadline configured: day 90 is 2026-02-18, not the rolled 02-24.
    assert any("2026-02-18" in text for text in found["PEN-DECISION-90D"])
    # Threshold 3,000 for a person (inclusive); decided on the 5th WD 2026-02-26.
    assert any("2026-02-26" in text for text in found["PEN-HEARING-WINDOW"])
    # 20 WD from 2026-01-29 end 2026-03-04; still undecided on 03-05.
    assert any("2026-03-04" in text for text in found["LIC-DECISION-20WD"])
    # XF-B1 accepted 2025-12-22: day 60 is the 调休 rest day 2026-02-20 → 02-24, not concluded.
    handle = found["PET-HANDLE-60D"]
    assert len(handle) == 1
    assert "XF-B1" in handle[0]
    assert "2026-02-24" in handle[0]
    assert "PUB-EX-ANTE" not in found

    # A past day, before any of the facts: the rules see no future facts.
    past = _retrospective(run, "2025-01-01")
    for rule_id in ("PEN-DECISION-90D", "PEN-HEARING-WINDOW", "LIC-DECISION-20WD"):
        assert rule_id not in past
