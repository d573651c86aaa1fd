"""Findings carry the date of their facts (``fact_date``).

The date of the act, or, for a duty not done, the first day past the deadline's last day: the
date reports group findings by ("by month of the facts"), never the date of the run. Existing
findings get the date of the law applied from their statement of reasons (``facts_date``),
the best the stored data can say; the next check that evaluates them writes the exact date.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import contextlib
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_BATCH = 1000


def upgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("fact_date", sa.Date, nullable=True))
        batch.create_index("ix_findings_fact_date", ["fact_date"])
    findings = sa.table(
        "findings",
        sa.column("fingerprint", sa.String(64)),
        sa.column("reasons", sa.JSON),
        sa.column("fact_date", sa.Date),
    )
    connection = op.get_bind()
    after = ""
    while True:
        rows = connection.execute(
            sa.select(findings.c.fingerprint, findings.c.reasons)
            .where(findings.c.fingerprint > after)
            .order_by(findings.c.fingerprint)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        updates = []
        for fingerprint, reasons in rows:
            text = (reasons or {}).get("facts_date") if isinstance(reasons, dict) else None
            if isinstance(text, str):
                with contextlib.suppress(ValueError):  # not a date: leave it empty
                    updates.append(
                        {"b_fingerprint": fingerprint, "b_fact_date": date.fromisoformat(text)}
                    )
        if updates:
            connection.execute(
                sa.update(findings)
                .where(findings.c.fingerprint == sa.bindparam("b_fingerprint"))
                .values(fact_date=sa.bindparam("b_fact_date")),
                updates,
            )
        after = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.drop_index("ix_findings_fact_date")
        batch.drop_column("fact_date")
