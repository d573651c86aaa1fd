"""Recording the supervision mechanism (esup supervision ...) and the sample township's
mechanism findings followed through."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from enforcement_supervision import followup
from enforcement_supervision.cli import main
from enforcement_supervision.config import Config
from enforcement_supervision.engine import run_check
from enforcement_supervision.sample import generate_township
from enforcement_supervision.store import Store, get_finding, query_findings


def esup(db: Path | str, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--db", str(db), "--lang", "en", *args], catch_exceptions=False
    )


def test_supervision_records_from_the_command_line(db_url: str) -> None:
    db = db_url
    made = esup(
        db,
        "supervision",
        "liaison-point",
        "LP-01",
        "--agency",
        "AG-QHZ",
        "--name",
        "青岚县同心超市有限公司",
        "--designated",
        "2025-01-10",
        "--status",
        "active",
        "--term-months",
        "24",
        "--criterion",
        "rule_of_law:yes:无违法记录",
        "--criterion",
        "honesty:yes",
    )
    assert made.exit_code == 0, made.output
    assert made.output.strip() == "liaison-point/LP-01  v1  created"
    again = esup(db, "supervision", "liaison-point", "LP-01", "--status", "suspended")
    assert again.output.strip() == "liaison-point/LP-01  v2  updated"
    same = esup(db, "supervision", "liaison-point", "LP-01", "--status", "suspended")
    assert same.output.strip() == "liaison-point/LP-01  v2  unchanged"
    bad = esup(db, "supervision", "supervisor", "SS-01", "--name", "张三")
    assert bad.exit_code == 2
    assert "appointed_date" in bad.output
    assert (
        esup(
            db,
            "supervision",
            "supervisor",
            "SS-01",
            "--agency",
            "AG-QHZ",
            "--name",
            "张三丰",
            "--appointed",
            "2025-01-10",
            "--status",
            "active",
            "--term-months",
            "24",
            "--activity",
            "2025-03-01:meeting:座谈会",
        ).exit_code
        == 0
    )
    esup(db, "supervision", "supervisor", "SS-01", "--activity", "2025-04-01:observation")
    esup(
        db,
        "supervision",
        "feedback",
        "FB-01",
        "--agency",
        "AG-QHZ",
        "--source-kind",
        "social_supervisor",
        "--source",
        "SS-01",
        "--received",
        "2025-04-02",
        "--channel",
        "meeting",
        "--kind",
        "opinion",
        "--summary",
        "执法人员未出示证件",
    )
    assert (
        "v2"
        in esup(
            db, "supervision", "forward", "FB-01", "--to", "AG-MKT", "--on", "2025-04-03"
        ).output
    )
    assert (
        "v3"
        in esup(
            db, "supervision", "answer", "FB-01", "--on", "2025-04-20", "--summary", "已整改"
        ).output
    )
    esup(
        db,
        "supervision",
        "complaint",
        "CP-01",
        "--agency",
        "AG-QHZ",
        "--received",
        "2025-05-01",
        "--channel",
        "hotline_12345",
        "--complainant",
        "李四",
        "--complainant-phone",
        "13800138000",
        "--respondent",
        "AG-MKT",
        "--summary",
        "执法态度差",
    )
    esup(
        db,
        "supervision",
        "check",
        "SC-01",
        "--agency",
        "AG-QHZ",
        "--type",
        "routine",
        "--date",
        "2025-06-01",
        "--supervised",
        "AG-MKT",
        "--sample",
        "penalty-case/PC-1:pass",
        "--opinion",
        "AG-MKT:2025-06-05:2025-07-05:清河执监〔2025〕1号",
    )
    rectified = esup(
        db, "supervision", "check", "SC-01", "--opinion-rectified", "清河执监〔2025〕1号=2025-07-01"
    )
    assert rectified.exit_code == 0, rectified.output
    with Store.open(db, migrate=False) as store:
        point = store.get_record("liaison-point", "LP-01")
        assert point is not None
        assert point.version == 2
        assert [c.criterion.value for c in point.record.criteria] == ["rule_of_law", "honesty"]
        supervisor = store.get_record("social-supervisor", "SS-01")
        assert supervisor is not None
        assert len(supervisor.record.activities) == 2
        feedback = store.get_record("feedback", "FB-01")
        assert feedback is not None
        assert feedback.record.forwarded_to_agency_id == "AG-MKT"
        assert str(feedback.record.answered_date) == "2025-04-20"
        check = store.get_record("supervision-check", "SC-01")
        assert check is not None
        assert str(check.record.opinions[0].rectified_date) == "2025-07-01"
        assert check.record.supervised_agency_ids == ("AG-MKT",)
    internal = esup(db, "supervision", "list", "--type", "complaint")
    assert "李四" in internal.output
    outside = esup(
        db, "supervision", "list", "--type", "complaint", "--audience", "agency", "--json"
    )
    data = json.loads(outside.output)
    assert "李四" not in outside.output
    assert "13800138000" not in outside.output
    assert data[0]["complainant_name"].startswith("举报人-")
    listed = esup(db, "supervision", "list")
    assert len(listed.output.splitlines()) == 5


def test_the_sample_townships_mechanism_findings_followed_through(db_url: str) -> None:
    township = generate_township()
    with Store.open(db_url) as store:
        store.put_records(list(township))
        run_check(store, as_of=township.as_of, rules=["supervision"], config=Config())
        found = {s.finding.rule_id: s for s in query_findings(store, active=True)}
        assert {
            "SUP-RECTIFY",
            "SUP-LIAISON-FEEDBACK",
            "SUP-SUPERVISOR-TERM",
            "SUP-FEEDBACK-ANSWER",
        } <= set(found)
        rectify = found["SUP-RECTIFY"].fingerprint
        # Record the missing feedback from the liaison point: the finding goes away.
        liaison = found["SUP-LIAISON-FEEDBACK"].finding.subject.record_id
        followup.record_supervision(
            store,
            "feedback",
            "FB-NEW",
            {
                "agency_id": found["SUP-LIAISON-FEEDBACK"].finding.agency_id,
                "source_kind": "liaison_point",
                "source_id": liaison,
                "received_date": township.as_of,
                "channel": "visit",
                "kind": "suggestion",
                "summary": "走访收集意见",
            },
        )
        followup.notify(
            store,
            rectify,
            actor="县司法局 王科长",
            document_number="青司执监〔2026〕1号",
            rectification_due="2099-01-31",
        )
        run_check(store, as_of=township.as_of, rules=["supervision"], config=Config())
        assert get_finding(store, found["SUP-LIAISON-FEEDBACK"].fingerprint).status == "resolved"
        assert get_finding(store, rectify).status == "notified"
        followup.rectify(store, rectify, actor="镇政府 李所长", description="已整改并报告")
        followup.close(store, rectify, actor="县司法局 王科长")
        kinds = [(e.kind, e.actor) for e in followup.history(store, rectify)]
        assert kinds == [
            ("opened", None),
            ("notified", "县司法局 王科长"),
            ("rectified", "镇政府 李所长"),
            ("closed", "县司法局 王科长"),
        ]
        assert followup.verify_event_chain(store) is None
