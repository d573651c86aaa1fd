"""A rule that looks up a record by a long id from the data never stops a check (issue 19
item 1, found by ``make fuzz`` on PostgreSQL at 5,000 hostile rows).

A penalty case's act named an officer by an id of 302 characters. The id is no record's (record
ids are bounded at import), but the lookup made the subject depend on ``officer/<id>``, a key
longer than ``rule_dependencies.dep_key`` (256): PostgreSQL refused it
(``StringDataRightTruncation``) and the check ended with an unexpected error. The id in the key
is now fitted like a group key: such a record can never be imported, so the dependency never
fires either way, and every check runs clean.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from enforcement_supervision.config import load_config
from enforcement_supervision.engine import run_check
from enforcement_supervision.ingest import import_file
from enforcement_supervision.sample import (
    ANSWER_KEY,
    CONFIG_FILE,
    generate_township,
    write_township,
)
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import fit_key, rule_dependencies

LONG_OFFICER = "OF-" + "Y" * 299


@pytest.fixture(scope="module")
def township(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default township with one officer of the first penalty case's first act renamed
    to a 302-character id."""
    out = tmp_path_factory.mktemp("long-lookups")
    write_township(out, generate_township())
    cases = out / "penalty-case.jsonl"
    lines = cases.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["acts"][0]["officer_ids"][0] = LONG_OFFICER
    lines[0] = json.dumps(first, ensure_ascii=False)
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_a_check_runs_clean_with_a_long_looked_up_id(db_url: str, township: Path) -> None:
    key = json.loads((township / ANSWER_KEY).read_text(encoding="utf-8"))
    config = load_config(township / CONFIG_FILE)
    with Store.open(db_url) as store:
        for path in sorted(township.glob("*.jsonl")):
            report = import_file(store, path)
            assert not report.rejects, [r.to_dict() for r in report.rejects[:3]]
        result = run_check(store, as_of=key["as_of"], config=config)
        assert result.errors == ()
        assert result.outcome == "ok"
        with store.engine.connect() as connection:
            longest = connection.scalar(select(func.max(func.length(rule_dependencies.c.dep_key))))
            fitted = connection.scalar(
                select(func.count())
                .select_from(rule_dependencies)
                .where(rule_dependencies.c.dep_key == f"officer/{fit_key(LONG_OFFICER)}")
            )
        assert longest is not None
        assert longest <= 256
        assert fitted >= 1
        # A second, incremental check reads the fitted keys back and changes nothing.
        again = run_check(store, as_of=key["as_of"], config=config)
        assert again.errors == ()
        assert again.outcome == "ok"
        assert (again.opened, again.resolved, again.reopened) == (0, 0, 0)
