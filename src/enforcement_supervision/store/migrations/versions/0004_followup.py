"""Follow-through of findings: the notice/rectification state, waivers and baselines.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from enforcement_supervision.store._types import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "finding_followup",
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("notice_number", sa.String(128), nullable=True),
        sa.Column("notified_on", sa.Date, nullable=True),
        sa.Column("rectification_due", sa.Date, nullable=True),
        sa.Column("rectified_on", sa.Date, nullable=True),
        sa.Column("rectified_by", sa.String(128), nullable=True),
        sa.Column("closed_on", sa.Date, nullable=True),
        sa.Column("closed_by", sa.String(128), nullable=True),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_finding_followup"),
    )
    op.create_index(
        "ix_finding_followup_rectification_due", "finding_followup", ["rectification_due"]
    )
    op.create_table(
        "finding_waivers",
        sa.Column("waiver_id", _BigId, primary_key=True, autoincrement=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reason_category", sa.String(32), nullable=False),
        sa.Column("justification", sa.Text, nullable=False),
        sa.Column("requested_by", sa.String(128), nullable=False),
        sa.Column("requested_at", UtcDateTime, nullable=False),
        sa.Column("approved_by", sa.String(128), nullable=True),
        sa.Column("approved_at", UtcDateTime, nullable=True),
        sa.Column("expires", sa.Date, nullable=False),
        sa.Column("ended_at", UtcDateTime, nullable=True),
        sa.PrimaryKeyConstraint("waiver_id", name="pk_finding_waivers"),
    )
    op.create_index("ix_finding_waivers_fingerprint", "finding_waivers", ["fingerprint"])
    op.create_index("ix_finding_waivers_state", "finding_waivers", ["state"])
    op.create_table(
        "finding_baselines",
        sa.Column("baseline_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("created_by", sa.String(128), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("baseline_id", name="pk_finding_baselines"),
    )


def downgrade() -> None:
    op.drop_table("finding_baselines")
    op.drop_index("ix_finding_waivers_state", table_name="finding_waivers")
    op.drop_index("ix_finding_waivers_fingerprint", table_name="finding_waivers")
    op.drop_table("finding_waivers")
    op.drop_index("ix_finding_followup_rectification_due", table_name="finding_followup")
    op.drop_table("finding_followup")
