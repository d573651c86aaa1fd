"""Long texts from the data never stop a check (issue 19 item 1), on every database.

A party id of 260 characters imports (it is no record id), then became a group key longer
than the store's key columns: PostgreSQL and MariaDB refused the membership rows and every
later check failed. Here the sample township is imported with the inspected enterprise of
INSP-REPEAT and one penalty party given such an id, and a full check runs clean: the long
group is stored under a key that fits (a prefix, ``…#`` and a digest), its findings are found
as in the untouched township, and a second check changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enforcement_supervision._host import build_record
from enforcement_supervision.config import load_config
from enforcement_supervision.engine import query_findings, run_check
from enforcement_supervision.ingest import import_file
from enforcement_supervision.sample import (
    ANSWER_KEY,
    CONFIG_FILE,
    generate_township,
    write_township,
)
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import MAX_KEY_TEXT, fit_key

LONG_PARTY = "P-" + "Y" * 260


@pytest.fixture(scope="module")
def township(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default township with the enterprise of INSP-REPEAT (E-014) and the first penalty
    party renamed to a 262-character party id."""
    out = tmp_path_factory.mktemp("long-texts")
    write_township(out, generate_township())
    inspections = out / "inspection.jsonl"
    rows = [json.loads(line) for line in inspections.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row["enterprise"].get("party_id") == "E-014":
            row["enterprise"]["party_id"] = LONG_PARTY
    inspections.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    cases = out / "penalty-case.jsonl"
    lines = cases.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["party"]["party_id"] = "P-" + "Z" * 260
    lines[0] = json.dumps(first, ensure_ascii=False)
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_fit_key_keeps_short_texts_and_bounds_long_ones() -> None:
    assert fit_key("E-014") == "E-014"
    fitted = fit_key(LONG_PARTY)
    assert len(fitted) <= MAX_KEY_TEXT
    assert fitted.startswith("P-YYYY")
    assert "…#" in fitted
    assert fit_key(LONG_PARTY) == fitted  # stable across runs
    assert fit_key(LONG_PARTY + "Y") != fitted  # and distinct for distinct texts


def test_a_check_runs_clean_with_long_party_ids(db_url: str, township: Path) -> None:
    key = json.loads((township / ANSWER_KEY).read_text(encoding="utf-8"))
    config = load_config(township / CONFIG_FILE)
    with Store.open(db_url) as store:
        for path in sorted(township.glob("*.jsonl")):
            report = import_file(store, path)
            assert not report.rejects, [r.to_dict() for r in report.rejects[:3]]
        result = run_check(store, as_of=key["as_of"], config=config)
        assert result.errors == ()
        assert result.outcome == "ok"
        found = {
            (f.finding.rule_id, f.finding.subject.record_type, f.finding.subject.record_id)
            for f in query_findings(store)
        }
        long_group = ("INSP-REPEAT", "enterprise", fit_key(LONG_PARTY))
        assert long_group in found
        assert ("INSP-REPEAT", "enterprise", "E-014") not in found
        for rule_id, _, subject_id in found:
            assert len(subject_id) <= 128, (rule_id, subject_id)
        # A second, incremental check reads the fitted keys back and changes nothing.
        again = run_check(store, as_of=key["as_of"], config=config)
        assert again.errors == ()
        assert again.outcome == "ok"
        assert (again.opened, again.resolved, again.reopened) == (0, 0, 0)


def test_a_long_source_is_stored_fitted(db_url: str) -> None:
    # A caller may name its source by a full path, longer than ``records.source`` (255).
    source = "/".join(["目录" * 30] * 5) + "/officer.jsonl"
    officer = build_record("officer", id="OF-1", agency_id="AG-1", name="王强")
    with Store.open(db_url) as store:
        assert store.put_records([officer], source=source).inserted == 1
        (stored,) = store.iter_records("officer")
        assert stored.source == fit_key(source, 255)
        assert stored.source is not None
        assert len(stored.source) <= 255


def test_a_lookup_by_a_long_id_is_remembered(db_url: str) -> None:
    # A rule looks records up by ids from the data (an officer id in a case, say), which no
    # import bounds; the dependency row must fit its column (found by the fuzz test).
    from enforcement_supervision.config import Config
    from enforcement_supervision.rules import Context, LegalBasis, load_plugins, rule

    @rule(
        id="T-LOOKUP-LONG",
        title_zh="按长编号查找",
        title_en="Lookup by a long id",
        category="procedure",
        severity="S3",
        legal_basis=LegalBasis(instrument="测试规定", article="1"),
        applies_to="officer",
    )
    def lookup_long(officer: object, ctx: Context) -> None:
        """Looks up an officer whose id is longer than any stored id."""
        ctx.lookup("officer", "OF-" + "9" * 300)

    manager = load_plugins(Config(), entry_points=False)
    manager.register_rules(lookup_long, name="long-lookup")
    officer = build_record("officer", id="OF-1", agency_id="AG-1", name="王强")
    with Store.open(db_url) as store:
        store.put_records([officer])
        result = run_check(store, as_of="2025-06-01", manager=manager)
        assert result.outcome == "ok"
        assert result.errors == ()
        again = run_check(store, as_of="2025-06-02", manager=manager)
        assert again.outcome == "ok"
