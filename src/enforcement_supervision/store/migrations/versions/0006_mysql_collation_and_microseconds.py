"""On MySQL and MariaDB, text compares byte for byte and times keep their microseconds, as
they do on SQLite and PostgreSQL.

* The default collations of MySQL and MariaDB ignore case, and MariaDB's ``PAD SPACE``
  collations ignore trailing spaces: the record ids ``OF-a`` and ``OF-A`` (or ``OF-1`` and
  ``OF-1 ``) were one key there, so storing both failed on the unique constraint, and looking
  up ``of-a`` found ``OF-A``. Every table is converted to ``utf8mb4`` with the binary, no-pad
  collation (``utf8mb4_nopad_bin`` on MariaDB, ``utf8mb4_0900_bin`` on MySQL 8).
* A plain ``DATETIME`` keeps whole seconds, so two runs started in the same second could not
  be told apart (``esup runs list`` listed them in either order). Every such column becomes
  ``DATETIME(6)`` (new databases get it from the column type already).

Nothing changes on SQLite and PostgreSQL. The downgrade restores the database's default
collation; it fails (a duplicate key) once ids that differ only in case are stored. Tables
added by later migrations must be created with the same collation on MySQL/MariaDB
(``mysql_charset="utf8mb4", mysql_collate=...``); a test checks every table.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op
from sqlalchemy.engine import Connection

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TABLES = (
    "records",
    "findings",
    "finding_events",
    "runs",
    "rule_state",
    "rule_checkpoints",
    "rule_dependencies",
    "group_members",
    "finding_sources",
    "finding_chain",
    "schedule_state",
    "schedule_runs",
    "finding_followup",
    "finding_waivers",
    "finding_baselines",
)


def binary_collation(bind: Connection) -> str | None:
    """The byte-wise, no-pad ``utf8mb4`` collation of a MySQL/MariaDB server, else ``None``."""
    dialect = bind.dialect
    if dialect.name not in ("mysql", "mariadb"):
        return None
    if getattr(dialect, "is_mariadb", False):
        return "utf8mb4_nopad_bin"
    version = dialect.server_version_info or ()
    return "utf8mb4_0900_bin" if tuple(version) >= (8, 0) else "utf8mb4_bin"


def _alter(bind: Connection, collation: str, *, microseconds: bool) -> None:
    columns = bind.exec_driver_sql(
        "SELECT TABLE_NAME, COLUMN_NAME, IS_NULLABLE FROM information_schema.COLUMNS "
        "WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE = 'datetime' "
        "ORDER BY TABLE_NAME, ORDINAL_POSITION"
    ).all()
    for table in _TABLES:
        changes = [f"CONVERT TO CHARACTER SET utf8mb4 COLLATE {collation}"]
        if microseconds:
            changes += [
                f"MODIFY `{column}` DATETIME(6) {'NULL' if nullable == 'YES' else 'NOT NULL'}"
                for name, column, nullable in columns
                if name == table
            ]
        op.execute(f"ALTER TABLE `{table}` {', '.join(changes)}")


def upgrade() -> None:
    bind = op.get_bind()
    collation = binary_collation(bind)
    if collation is not None:
        _alter(bind, collation, microseconds=True)


def downgrade() -> None:
    bind = op.get_bind()
    if binary_collation(bind) is None:
        return
    default = bind.exec_driver_sql(
        "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA "
        "WHERE SCHEMA_NAME = DATABASE()"
    ).scalar()
    collation = str(default) if str(default).startswith("utf8mb4_") else "utf8mb4_general_ci"
    # The times keep DATETIME(6): what revision 0005 creates now, and readable by every
    # release.
    _alter(bind, collation, microseconds=False)
