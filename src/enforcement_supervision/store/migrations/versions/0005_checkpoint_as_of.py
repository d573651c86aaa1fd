"""Checkpoints remember their rule's last full evaluation and what its subjects are.

A full check now keeps a subject's state row only where it carries information (a finding, a
recheck time, an unfinished evaluation). Whether the answers of a full evaluation still hold
for an earlier instant ("time went backwards") is decided per rule from ``full_as_of``; the
subjects a rule covers (for the passed cases of a JUnit report) are described by ``subjects``
instead of being listed in ``rule_state``. Existing checkpoints get ``NULL``, which makes each
rule's next run a full one.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from enforcement_supervision.store._types import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rule_checkpoints") as batch:
        batch.add_column(sa.Column("full_as_of", UtcDateTime, nullable=True))
        batch.add_column(sa.Column("subjects", sa.String(512), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rule_checkpoints") as batch:
        batch.drop_column("subjects")
        batch.drop_column("full_as_of")
