"""The databases the store and engine tests run on: SQLite, PostgreSQL and MariaDB/MySQL.

``db_url`` is parametrised over the backends named by ``ESUP_TEST_BACKENDS`` (a comma list,
default ``sqlite,postgresql,mariadb``), so a test that takes it runs once per backend, with
the ids ``sqlite``, ``postgresql`` and ``mariadb``:

* SQLite: a fresh file under the test's ``tmp_path``.
* PostgreSQL (``ESUP_TEST_POSTGRESQL_URL``, default
  ``postgresql+psycopg://postgres@127.0.0.1:5432/test``) and MariaDB/MySQL
  (``ESUP_TEST_MARIADB_URL``, default ``mysql+pymysql://root@127.0.0.1:3306/test``): those
  URLs name the server and an administrative database that is only connected to, never
  written. The tests create their own database per backend and test session
  (``esup_test_<pid>_<backend>``), migrate it once, make it empty again before each test and
  drop it when the session ends.

A server that cannot be reached skips its tests with the reason (backend, URL without
password, error), unless ``ESUP_REQUIRE_DB_BACKENDS=1`` (CI), where they fail instead.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url

from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import metadata

__all__ = [
    "BACKENDS",
    "SERVER_BACKENDS",
    "BackendDatabases",
    "backend_databases",
    "db_backend",
    "db_url",
    "selected_backends",
    "server_database",
    "server_db",
]

ALL_BACKENDS = ("sqlite", "postgresql", "mariadb")
#: Environment variable and default URL of each database server.
SERVERS = {
    "postgresql": (
        "ESUP_TEST_POSTGRESQL_URL",
        "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    ),
    "mariadb": ("ESUP_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/test"),
}


def selected_backends() -> tuple[str, ...]:
    """The backends of ``ESUP_TEST_BACKENDS`` (default: all three), in a fixed order."""
    raw = os.environ.get("ESUP_TEST_BACKENDS", "").strip()
    if not raw:
        return ALL_BACKENDS
    names = {name.strip().lower() for name in raw.split(",") if name.strip()}
    names = {"mariadb" if name == "mysql" else name for name in names}
    unknown = names - set(ALL_BACKENDS)
    if unknown:
        raise pytest.UsageError(
            f"ESUP_TEST_BACKENDS names unknown backends {sorted(unknown)}; "
            f"choose from {', '.join(ALL_BACKENDS)}"
        )
    return tuple(name for name in ALL_BACKENDS if name in names)


BACKENDS = selected_backends()
SERVER_BACKENDS = tuple(name for name in BACKENDS if name != "sqlite")


def required() -> bool:
    return os.environ.get("ESUP_REQUIRE_DB_BACKENDS") == "1"


def server_url(backend: str) -> URL:
    variable, default = SERVERS[backend]
    return make_url(os.environ.get(variable) or default)


class Unavailable(Exception):
    """The server of a backend cannot be used (the message says why)."""


class ServerDatabase:
    """One database of the test session on a server: created and migrated once, emptied
    before each test, dropped at the end."""

    def __init__(self, backend: str, admin_url: URL, name: str) -> None:
        self.backend = backend
        self.name = name
        self.url = admin_url.set(database=name)
        self.admin = create_engine(
            admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 10}
        )
        self.engine: Engine | None = None
        self.head = Store(self.admin).head_revision()
        self._quoted = self._quote(name)

    def _quote(self, name: str) -> str:
        return f'"{name}"' if self.backend == "postgresql" else f"`{name}`"

    @property
    def url_text(self) -> str:
        return self.url.render_as_string(hide_password=False)

    def create(self) -> None:
        """Create the (empty) database; fails when the server cannot be used."""
        with self.admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {self._quoted}{self._force}"))
            connection.execute(text(f"CREATE DATABASE {self._quoted}"))
        self.engine = create_engine(self.url, connect_args={"connect_timeout": 10})

    @property
    def _force(self) -> str:
        return " WITH (FORCE)" if self.backend == "postgresql" else ""

    def drop(self) -> None:
        gc.collect()  # connections of stores a test did not close
        if self.engine is not None:
            self.engine.dispose()
        with self.admin.connect() as connection:
            if self.backend != "postgresql":
                connection.execute(text("SET SESSION lock_wait_timeout = 60"))
            connection.execute(text(f"DROP DATABASE IF EXISTS {self._quoted}{self._force}"))
        self.admin.dispose()

    def reset(self) -> None:
        """Make the database an empty one at the latest schema revision, like a new file."""
        try:
            self._reset()
        except Exception:
            # A test that left a connection in a transaction (a generator not run to its
            # end) holds locks the reset waits for: let the garbage collector close it.
            gc.collect()
            self._reset()

    def _reset(self) -> None:
        assert self.engine is not None
        tables = [table.name for table in reversed(metadata.sorted_tables)]
        with self.engine.begin() as connection:
            if self.backend == "postgresql":
                connection.execute(text("SET LOCAL lock_timeout = '20s'"))
            else:
                connection.execute(text("SET SESSION lock_wait_timeout = 20"))
                connection.execute(text("SET SESSION innodb_lock_wait_timeout = 20"))
            names = set(inspect(connection).get_table_names())
            revision = None
            if "alembic_version" in names:
                revision = connection.execute(
                    text("SELECT version_num FROM alembic_version")
                ).scalar()
            if revision == self.head and names >= set(tables):
                self._empty(connection, tables)
                return
            # Left at another revision (a migration test): drop everything, migrate again.
            for name in sorted(names):
                cascade = " CASCADE" if self.backend == "postgresql" else ""
                connection.execute(text(f"DROP TABLE IF EXISTS {self._quote(name)}{cascade}"))
        Store.open(self.url_text).close()

    def _empty(self, connection: Any, tables: list[str]) -> None:
        # Only the tables a test wrote to (rows, or a used id counter): TRUNCATE costs a few
        # milliseconds per table on PostgreSQL and recreates the table on MariaDB.
        probe = " UNION ALL ".join(
            f"SELECT '{name}' FROM (SELECT 1 FROM {self._quote(name)} LIMIT 1) AS t{index}"
            for index, name in enumerate(tables)
        )
        written = {row[0] for row in connection.execute(text(probe))}
        counters = {
            table.name: f"{table.name}_{table.autoincrement_column.name}_seq"
            for table in metadata.sorted_tables
            if table.autoincrement_column is not None
        }
        if self.backend == "postgresql":
            used = {
                row[0]
                for row in connection.execute(
                    text(
                        "SELECT sequencename FROM pg_sequences "
                        "WHERE schemaname = current_schema() AND last_value IS NOT NULL"
                    )
                )
            }
            written |= {name for name, sequence in counters.items() if sequence in used}
            if written:
                listed = ", ".join(self._quote(name) for name in tables if name in written)
                connection.execute(text(f"TRUNCATE {listed} RESTART IDENTITY CASCADE"))
            return
        used = {
            row[0]
            for row in connection.execute(
                text(
                    "SELECT TABLE_NAME FROM information_schema.TABLES "
                    "WHERE TABLE_SCHEMA = DATABASE() AND AUTO_INCREMENT > 1"
                )
            )
        }
        for name in tables:
            if name in written:
                connection.execute(text(f"DELETE FROM {self._quote(name)}"))
        for name in counters:
            if name in written or name in used:
                connection.execute(text(f"ALTER TABLE {self._quote(name)} AUTO_INCREMENT = 1"))


class BackendDatabases:
    """The session's server databases, made on first use (and the reason a server cannot be
    used, remembered so that an unreachable server is tried once)."""

    def __init__(self) -> None:
        self._databases: dict[str, ServerDatabase] = {}
        self._failures: dict[str, str] = {}

    def database(self, backend: str, purpose: str = "") -> ServerDatabase:
        key = f"{backend}_{purpose}" if purpose else backend
        if key in self._databases:
            return self._databases[key]
        if backend in self._failures:
            raise Unavailable(self._failures[backend])
        url = server_url(backend)
        name = f"esup_test_{os.getpid()}_{key}"
        try:
            database = ServerDatabase(backend, url, name)
            database.create()
        except Exception as error:
            shown = url.render_as_string(hide_password=True)
            reason = f"{backend} not usable at {shown}: {type(error).__name__}: {error}"
            self._failures[backend] = reason.splitlines()[0]
            raise Unavailable(self._failures[backend]) from error
        # Migrated outside the try: a migration that fails on this backend is an error of
        # the test, not a reason to skip it.
        self._databases[key] = database
        Store.open(database.url_text).close()
        return database

    def close(self) -> None:
        for database in self._databases.values():
            database.drop()
        self._databases.clear()


def unavailable(reason: str) -> None:
    """Skip (or, with ``ESUP_REQUIRE_DB_BACKENDS=1``, fail) the test for ``reason``."""
    if required():
        pytest.fail(f"{reason} (ESUP_REQUIRE_DB_BACKENDS=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def backend_databases() -> Iterator[BackendDatabases]:
    databases = BackendDatabases()
    yield databases
    databases.close()


def server_database(databases: BackendDatabases, backend: str, purpose: str = "") -> str:
    """The URL of the session's database on ``backend``'s server (skips when unreachable);
    not emptied: for session-scoped fixtures that build their data once."""
    try:
        return databases.database(backend, purpose).url_text
    except Unavailable as error:
        unavailable(str(error))
        raise  # pragma: no cover - unavailable() does not return


def _fresh_url(backend: str, databases: BackendDatabases, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'esup.sqlite'}"
    try:
        database = databases.database(backend)
    except Unavailable as error:
        unavailable(str(error))
    database.reset()
    return database.url_text


@pytest.fixture(params=BACKENDS)
def db_backend(request: pytest.FixtureRequest) -> str:
    """The backend of this test: ``sqlite``, ``postgresql`` or ``mariadb``."""
    return str(request.param)


@pytest.fixture
def db_url(db_backend: str, backend_databases: BackendDatabases, tmp_path: Path) -> str:
    """The URL of an empty database on each backend (no rows; a SQLite file not yet created,
    server databases already at the latest schema revision): pass it to ``Store.open``."""
    return _fresh_url(db_backend, backend_databases, tmp_path)


_NO_SERVER = pytest.param(
    "none", marks=pytest.mark.skip(reason="ESUP_TEST_BACKENDS names no database server")
)


@pytest.fixture(params=SERVER_BACKENDS or [_NO_SERVER])
def server_db(
    request: pytest.FixtureRequest, backend_databases: BackendDatabases, tmp_path: Path
) -> str:
    """Like ``db_url``, on the database servers only (for tests of several processes)."""
    return _fresh_url(str(request.param), backend_databases, tmp_path)
