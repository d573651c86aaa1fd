"""Statutory clocks (红黄灯预警) and what the daily digest sent about them.

``clocks``: one row per open deadline of a subject, with the days its light changes;
``clock_notices``: one row per clock, light and channel already sent. Both start empty: the
next check fills ``clocks`` for every subject it evaluates (a full check, or the first
incremental one after the upgrade: the rules' checkpoints are cleared below so that every
open deadline gets its clock at once).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from enforcement_supervision.store._types import UtcDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _table_options() -> dict[str, Any]:
    # MySQL/MariaDB: text compares byte for byte, as in every other table (0006 says why;
    # the same choice of collation).
    dialect = op.get_bind().dialect
    if dialect.name not in ("mysql", "mariadb"):
        return {}
    if getattr(dialect, "is_mariadb", False):
        collation = "utf8mb4_nopad_bin"
    else:
        version = tuple(dialect.server_version_info or ())
        collation = "utf8mb4_0900_bin" if version >= (8, 0) else "utf8mb4_bin"
    return {"mysql_charset": "utf8mb4", "mysql_collate": collation}


def upgrade() -> None:
    options = _table_options()
    op.create_table(
        "clocks",
        sa.Column("clock_id", sa.String(32), nullable=False),
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("subject_key", sa.String(256), nullable=False),
        sa.Column("subject_type", sa.String(40), nullable=False),
        sa.Column("subject_id", sa.String(128), nullable=False),
        sa.Column("agency_id", sa.String(128), nullable=True),
        sa.Column("categories", sa.String(128), nullable=True),
        sa.Column("label", sa.String(255), nullable=False),
        sa.Column("started_by", sa.String(255), nullable=True),
        sa.Column("started_by_en", sa.String(255), nullable=True),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("unit", sa.String(4), nullable=False),
        sa.Column("amount", sa.Integer, nullable=False),
        sa.Column("period", sa.Integer, nullable=False),
        sa.Column("strict_date", sa.Date, nullable=False),
        sa.Column("rolled_date", sa.Date, nullable=True),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("rollover", sa.Boolean, nullable=False),
        sa.Column("extensions", sa.JSON, nullable=False),
        sa.Column("excluded", sa.Integer, nullable=False),
        sa.Column("provisional", sa.Boolean, nullable=False),
        sa.Column("trace_zh", sa.Text, nullable=False),
        sa.Column("trace_en", sa.Text, nullable=False),
        sa.Column("yellow_from", sa.Date, nullable=False),
        sa.Column("red_from", sa.Date, nullable=False),
        sa.Column("thresholds", sa.String(16), nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("light", sa.String(8), nullable=False),
        sa.Column("light_on", sa.Date, nullable=False),
        sa.Column("run_id", sa.String(36), nullable=True),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("clock_id", name="pk_clocks"),
        **options,
    )
    op.create_index(
        "ix_clocks_state_yellow_from_red_from", "clocks", ["state", "yellow_from", "red_from"]
    )
    op.create_index("ix_clocks_state_due_date", "clocks", ["state", "due_date"])
    op.create_index("ix_clocks_rule_id_subject_key", "clocks", ["rule_id", "subject_key"])
    op.create_index("ix_clocks_agency_id", "clocks", ["agency_id"])
    op.create_index("ix_clocks_run_id", "clocks", ["run_id"])
    op.create_table(
        "clock_notices",
        sa.Column("clock_id", sa.String(32), nullable=False),
        sa.Column("light", sa.String(8), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("sent_on", sa.Date, nullable=False),
        sa.Column("sent_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("clock_id", "light", "channel", name="pk_clock_notices"),
        **options,
    )
    # Every open deadline gets its clock at the next check, not only those that change.
    op.execute(sa.text("DELETE FROM rule_checkpoints"))


def downgrade() -> None:
    op.drop_table("clock_notices")
    op.drop_index("ix_clocks_run_id", "clocks")
    op.drop_index("ix_clocks_agency_id", "clocks")
    op.drop_index("ix_clocks_rule_id_subject_key", "clocks")
    op.drop_index("ix_clocks_state_due_date", "clocks")
    op.drop_index("ix_clocks_state_yellow_from_red_from", "clocks")
    op.drop_table("clocks")
