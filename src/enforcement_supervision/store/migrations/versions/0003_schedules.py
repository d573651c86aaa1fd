"""Schedules: per-schedule state and lease, one row per (schedule, slot) run.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from enforcement_supervision.store._types import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schedule_state",
        sa.Column("schedule", sa.String(128), nullable=False),
        sa.Column("since", UtcDateTime, nullable=False),
        sa.Column("last_slot", UtcDateTime, nullable=True),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("owner", sa.String(255), nullable=True),
        sa.Column("lease_until", UtcDateTime, nullable=True),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("schedule", name="pk_schedule_state"),
    )
    op.create_table(
        "schedule_runs",
        sa.Column("schedule", sa.String(128), nullable=False),
        sa.Column("slot", UtcDateTime, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("owner", sa.String(255), nullable=True),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("lease_until", UtcDateTime, nullable=True),
        sa.Column("as_of", UtcDateTime, nullable=False),
        sa.Column("late", sa.Boolean, nullable=False),
        sa.Column("started_at", UtcDateTime, nullable=True),
        sa.Column("finished_at", UtcDateTime, nullable=True),
        sa.Column("run_id", sa.String(36), nullable=True),
        sa.Column("opened", sa.Integer, nullable=True),
        sa.Column("resolved", sa.Integer, nullable=True),
        sa.Column("reopened", sa.Integer, nullable=True),
        sa.Column("rule_errors", sa.Integer, nullable=True),
        sa.Column("duration", sa.Float, nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("schedule", "slot", name="pk_schedule_runs"),
    )
    op.create_index("ix_schedule_runs_outcome", "schedule_runs", ["outcome"])
    op.create_index("ix_schedule_runs_run_id", "schedule_runs", ["run_id"])


def downgrade() -> None:
    op.drop_index("ix_schedule_runs_run_id", table_name="schedule_runs")
    op.drop_index("ix_schedule_runs_outcome", table_name="schedule_runs")
    op.drop_table("schedule_runs")
    op.drop_table("schedule_state")
