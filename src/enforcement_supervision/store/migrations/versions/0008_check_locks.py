"""The check lock (``check_locks``): one writing check per scope at a time.

Two ``esup check`` (or two schedules) at once used to collide on ``group_members`` and fail
with an integrity error. A check now takes the lock first; a run whose lease lapsed (killed
or stuck) is marked ``abandoned`` by the next one.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from enforcement_supervision.store._types import UtcDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _mysql_options() -> dict[str, Any]:
    # Byte-wise, no-pad text on MySQL/MariaDB like every other table (see revision 0006).
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
    op.create_table(
        "check_locks",
        sa.Column("scope", sa.String(64), nullable=False),
        sa.Column("run_id", sa.String(36), nullable=False),
        sa.Column("owner", sa.String(255), nullable=False),
        sa.Column("acquired_at", UtcDateTime, nullable=False),
        sa.Column("lease_until", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("scope", name="pk_check_locks"),
        **_mysql_options(),
    )
    op.create_index("ix_check_locks_run_id", "check_locks", ["run_id"])


def downgrade() -> None:
    op.drop_index("ix_check_locks_run_id", table_name="check_locks")
    op.drop_table("check_locks")
