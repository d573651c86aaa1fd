"""``esup findings verify`` covers the findings table, and an anchor kept outside the
database catches a consistent rewrite of the chain (issue 19 item 6), on every database.

Before: ``UPDATE findings SET status='closed'`` or deleting a finding row still reported
"chain intact", and so did a rewritten tail whose hashes were recomputed."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import delete, select, update

from enforcement_supervision._host import load_plugins
from enforcement_supervision.cli import main
from enforcement_supervision.config import Config
from enforcement_supervision.engine import run_check
from enforcement_supervision.followup import close, notify, rectify
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import (
    event_hash,
    finding_chain,
    finding_events,
    findings,
)

from . import harden_rules


def _esup(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--lang", "en", "--db", url, *args])
    return result.exit_code, result.stdout, result.stderr


def _checked(url: str) -> list[str]:
    """Two checks and a finding taken through notify, rectify and close; the fingerprints."""
    manager = load_plugins(Config(), entry_points=False)
    manager.register(harden_rules, "harden")
    with Store.open(url) as store:
        store.put_records(harden_rules.seed_leads(20))
        run_check(store, as_of="2026-03-01", manager=manager)
        # A changed lead resolves one finding and opens another.
        store.put_records([harden_rules.lead("L-0002", summary="一般线索", agency_id="AG-2")])
        run_check(store, as_of="2026-03-02", manager=manager)
        with store.engine.connect() as connection:
            fingerprints = sorted(
                row.fingerprint
                for row in connection.execute(
                    select(findings.c.fingerprint).where(findings.c.status == "open")
                )
            )
        first = fingerprints[0]
        notify(
            store,
            first,
            actor="张科员",
            document_number="监督〔2026〕1号",
            rectification_due="2099-04-01",
        )
        rectify(store, first, actor="李执法", description="已整改")
        close(store, first, actor="王核验")
    return fingerprints


def test_an_untouched_store_verifies(db_url: str) -> None:
    _checked(db_url)
    code, out, err = _esup(db_url, "findings", "verify")
    assert code == 0, err
    assert "findings match the chain" in out


def test_an_updated_finding_row_is_detected(db_url: str) -> None:
    second = _checked(db_url)[1]
    with Store.open(db_url) as store, store.engine.begin() as connection:
        connection.execute(
            update(findings).where(findings.c.fingerprint == second).values(status="closed")
        )
    code, _, err = _esup(db_url, "findings", "verify")
    assert code == 1
    assert second[:12] in err
    assert "status" in err


def test_a_deleted_finding_row_is_detected(db_url: str) -> None:
    second = _checked(db_url)[1]
    with Store.open(db_url) as store, store.engine.begin() as connection:
        connection.execute(delete(findings).where(findings.c.fingerprint == second))
    code, _, err = _esup(db_url, "findings", "verify")
    assert code == 1
    assert second[:12] in err
    assert "deleted" in err


def test_an_anchor_catches_a_consistent_rewrite_of_the_tail(db_url: str) -> None:
    _checked(db_url)
    code, out, err = _esup(db_url, "findings", "anchor", "--json")
    assert code == 0, err
    anchor = json.loads(out)
    assert anchor["events"] > 0
    code, _, err = _esup(db_url, "findings", "verify", "--anchor", anchor["anchor"])
    assert code == 0, err
    # Rewrite the last event (who closed the finding) and recompute its hash and the head:
    # the chain itself still verifies …
    with Store.open(db_url) as store, store.engine.begin() as connection:
        last = connection.execute(
            select(finding_events).order_by(finding_events.c.event_id.desc()).limit(1)
        ).one()
        digest = event_hash(
            last.prev_hash,
            fingerprint=last.fingerprint,
            kind=last.kind,
            at=last.at,
            actor="某某",
            reason=last.reason,
            run_id=last.run_id,
            data=last.data,
        )
        connection.execute(
            update(finding_events)
            .where(finding_events.c.event_id == last.event_id)
            .values(actor="某某", hash=digest)
        )
        connection.execute(update(finding_chain).values(last_hash=digest))
    code, _, err = _esup(db_url, "findings", "verify")
    assert code == 0, err
    # … but not against the anchor kept outside the database.
    code, _, err = _esup(db_url, "findings", "verify", "--anchor", anchor["anchor"])
    assert code == 1
    assert "anchor" in err
    code, _, err = _esup(db_url, "findings", "verify", "--anchor", "not-an-anchor")
    assert code == 2
