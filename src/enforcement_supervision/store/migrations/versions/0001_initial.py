"""Initial schema: records, findings, finding events, runs, rule state.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from enforcement_supervision.store._types import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("row_id", _BigId, primary_key=True, autoincrement=True),
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(128), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("agency_id", sa.String(128), nullable=True),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("imported_at", UtcDateTime, nullable=False),
        sa.Column("source", sa.String(255), nullable=True),
        sa.PrimaryKeyConstraint("row_id", name="pk_records"),
        sa.UniqueConstraint(
            "record_type", "record_id", "version", name="uq_records_record_type_record_id_version"
        ),
    )
    op.create_index(
        "ix_records_record_type_is_current_record_id",
        "records",
        ["record_type", "is_current", "record_id"],
    )
    op.create_index("ix_records_agency_id", "records", ["agency_id"])

    op.create_table(
        "findings",
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("rule_version", sa.String(32), nullable=False),
        sa.Column("plugin", sa.String(128), nullable=True),
        sa.Column("subject_type", sa.String(40), nullable=False),
        sa.Column("subject_id", sa.String(128), nullable=False),
        sa.Column("agency_id", sa.String(128), nullable=True),
        sa.Column("severity", sa.String(2), nullable=False),
        sa.Column("categories", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("message_zh", sa.Text, nullable=False),
        sa.Column("message_en", sa.Text, nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("due_date", sa.Date, nullable=True),
        sa.Column("first_seen_run", sa.String(36), nullable=True),
        sa.Column("last_seen_run", sa.String(36), nullable=True),
        sa.Column("opened_at", UtcDateTime, nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.Column("resolved_at", UtcDateTime, nullable=True),
        sa.Column("in_baseline", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_findings"),
    )
    op.create_index("ix_findings_rule_id", "findings", ["rule_id"])
    op.create_index("ix_findings_status", "findings", ["status"])
    op.create_index("ix_findings_agency_id", "findings", ["agency_id"])
    op.create_index(
        "ix_findings_subject_type_subject_id", "findings", ["subject_type", "subject_id"]
    )

    op.create_table(
        "finding_events",
        sa.Column("event_id", _BigId, primary_key=True, autoincrement=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("actor", sa.String(128), nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("run_id", sa.String(36), nullable=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=True),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_finding_events"),
    )
    op.create_index("ix_finding_events_fingerprint", "finding_events", ["fingerprint"])

    op.create_table(
        "runs",
        sa.Column("run_id", sa.String(36), nullable=False),
        sa.Column("started_at", UtcDateTime, nullable=False),
        sa.Column("finished_at", UtcDateTime, nullable=True),
        sa.Column("as_of", UtcDateTime, nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("schedule", sa.String(128), nullable=True),
        sa.Column("slot", UtcDateTime, nullable=True),
        sa.Column("record_watermark", sa.BigInteger, nullable=True),
        sa.Column("counts", sa.JSON, nullable=False),
        sa.Column("rule_timings", sa.JSON, nullable=False),
        sa.Column("errors", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("run_id", name="pk_runs"),
    )
    op.create_index("ix_runs_started_at", "runs", ["started_at"])

    op.create_table(
        "rule_state",
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("subject_key", sa.String(256), nullable=False),
        sa.Column("rule_version", sa.String(32), nullable=False),
        sa.Column("input_hash", sa.String(64), nullable=False),
        sa.Column("recheck_at", UtcDateTime, nullable=True),
        sa.Column("evaluated_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("rule_id", "subject_key", name="pk_rule_state"),
    )
    op.create_index("ix_rule_state_recheck_at", "rule_state", ["recheck_at"])


def downgrade() -> None:
    op.drop_table("rule_state")
    op.drop_table("runs")
    op.drop_table("finding_events")
    op.drop_table("findings")
    op.drop_table("records")
