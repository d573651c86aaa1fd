"""Engine state: finding keys and detection, run notes, checkpoints, dependencies, group
membership, finding sources and the head of the finding-event hash chain.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from enforcement_supervision.store._types import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.add_column(
            sa.Column("finding_key", sa.String(255), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("detected", sa.Boolean, nullable=False, server_default=sa.true())
        )

    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("notes", sa.JSON, nullable=True))
        batch.add_column(sa.Column("rules", sa.JSON, nullable=True))

    with op.batch_alter_table("rule_state") as batch:
        batch.add_column(sa.Column("as_of", UtcDateTime, nullable=True))
        batch.add_column(sa.Column("run_id", sa.String(36), nullable=True))
        batch.drop_index("ix_rule_state_recheck_at")
        batch.create_index("ix_rule_state_rule_id_recheck_at", ["rule_id", "recheck_at"])
        batch.create_index("ix_rule_state_rule_id_as_of", ["rule_id", "as_of"])

    op.create_table(
        "rule_checkpoints",
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("rule_version", sa.String(32), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("watermark", sa.BigInteger, nullable=False),
        sa.Column("run_id", sa.String(36), nullable=True),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("rule_id", name="pk_rule_checkpoints"),
    )

    op.create_table(
        "rule_dependencies",
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("subject_key", sa.String(256), nullable=False),
        sa.Column("dep_key", sa.String(256), nullable=False),
        sa.PrimaryKeyConstraint("rule_id", "subject_key", "dep_key", name="pk_rule_dependencies"),
    )
    op.create_index(
        "ix_rule_dependencies_rule_id_dep_key", "rule_dependencies", ["rule_id", "dep_key"]
    )

    op.create_table(
        "group_members",
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("group_key", sa.String(256), nullable=False),
        sa.Column("member_key", sa.String(256), nullable=False),
        sa.PrimaryKeyConstraint("rule_id", "group_key", "member_key", name="pk_group_members"),
    )
    op.create_index(
        "ix_group_members_rule_id_member_key", "group_members", ["rule_id", "member_key"]
    )

    op.create_table(
        "finding_sources",
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("subject_key", sa.String(256), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("rule_id", "subject_key", "fingerprint", name="pk_finding_sources"),
    )
    op.create_index("ix_finding_sources_fingerprint", "finding_sources", ["fingerprint"])

    chain = op.create_table(
        "finding_chain",
        sa.Column("id", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("last_event_id", sa.BigInteger, nullable=True),
        sa.Column("last_hash", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_finding_chain"),
    )
    # Events written before this revision (there are none in practice) are not chained; the
    # head starts empty.
    op.bulk_insert(chain, [{"id": 1, "last_event_id": None, "last_hash": None}])


def downgrade() -> None:
    op.drop_table("finding_chain")
    op.drop_table("finding_sources")
    op.drop_table("group_members")
    op.drop_table("rule_dependencies")
    op.drop_table("rule_checkpoints")
    with op.batch_alter_table("rule_state") as batch:
        batch.drop_index("ix_rule_state_rule_id_as_of")
        batch.drop_index("ix_rule_state_rule_id_recheck_at")
        batch.create_index("ix_rule_state_recheck_at", ["recheck_at"])
        batch.drop_column("run_id")
        batch.drop_column("as_of")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("rules")
        batch.drop_column("notes")
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("detected")
        batch.drop_column("finding_key")
