"""The store on every backend (SQLite, PostgreSQL, MariaDB): migrations, versioning,
history, streaming."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from enforcement_supervision.model import structure_record
from enforcement_supervision.store import Store, StoreError, migrations, resolve_db_url
from enforcement_supervision.store._internal import metadata


def officer(record_id: str, name: str = "王强", **extra: object) -> object:
    return structure_record(
        "officer", {"id": record_id, "agency_id": "AG-TOWN", "name": name, **extra}
    )


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


def _schema_diff(store: Store) -> list[Any]:
    with store.engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), metadata))


def test_open_creates_file_and_migrates_to_head(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "esup.sqlite"
    store = Store.open(path)
    assert path.exists()
    assert store.current_revision() == store.head_revision() is not None
    store.close()


def test_migrated_schema_matches_table_definitions(store: Store) -> None:
    assert store.current_revision() == store.head_revision()
    assert _schema_diff(store) == []


def test_downgrade_to_base_and_upgrade_again(store: Store) -> None:
    store.put_records([officer("OF-1")])
    store.downgrade("base")
    assert store.current_revision() is None
    with store.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    store.migrate()
    assert store.current_revision() == store.head_revision()
    assert _schema_diff(store) == []
    assert store.count_records() == {}
    store.put_records([officer("OF-1")])
    assert store.count_records() == {"officer": 1}


def test_each_migration_downgrades_and_upgrades_one_step(store: Store) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    revisions = [r.revision for r in ScriptDirectory.from_config(config).walk_revisions()]
    for revision in revisions:  # newest first
        store.downgrade("-1")
        assert store.current_revision() != revision
    assert store.current_revision() is None
    for revision in reversed(revisions):
        store.migrate("+1")
        assert store.current_revision() == revision
    assert _schema_diff(store) == []


def test_open_without_migrate_refuses_old_schema(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.downgrade("base")
    with pytest.raises(StoreError, match="esup init"):
        Store.open(db_url, migrate=False)


def test_same_record_twice_is_unchanged(store: Store) -> None:
    first = store.put_records([officer("OF-1"), officer("OF-2")])
    again = store.put_records([officer("OF-1"), officer("OF-2")])
    assert (first.inserted, first.updated, first.unchanged) == (2, 0, 0)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    assert store.count_records() == {"officer": 2}


def test_changed_record_gets_new_version_and_keeps_history(store: Store) -> None:
    store.put_records([officer("OF-1", name="王强")])
    result = store.put_records([officer("OF-1", name="王强强")])
    assert result.updated == 1
    current = store.get_record("officer", "OF-1")
    assert current is not None
    assert current.version == 2
    assert current.record.name == "王强强"
    history = store.record_history("officer", "OF-1")
    assert [h.version for h in history] == [1, 2]
    assert [h.is_current for h in history] == [False, True]
    old = store.get_record("officer", "OF-1", version=1)
    assert old is not None
    assert old.record.name == "王强"
    assert store.count_records() == {"officer": 1}
    assert store.count_records(current_only=False) == {"officer": 2}


def test_ids_start_at_one_in_a_new_store(store: Store) -> None:
    # Other tests ran on the same server database before: it was emptied like a new file.
    store.put_records([officer("OF-1"), officer("OF-2")])
    assert sorted(s.row_id for s in store.iter_records()) == [1, 2]


def test_iter_records_streams_every_current_record_in_small_batches(store: Store) -> None:
    store.put_records([officer(f"OF-{i:03d}") for i in range(25)])
    store.put_records([officer("OF-003", name="改名")])
    seen = [s.record.id for s in store.iter_records("officer", batch_size=4)]
    assert sorted(seen) == [f"OF-{i:03d}" for i in range(25)]
    assert len(seen) == 25


def test_agency_filter_and_watermark(store: Store) -> None:
    store.put_records(
        [
            officer("OF-1"),
            structure_record("officer", {"id": "OF-9", "agency_id": "AG-OTHER", "name": "赵六"}),
        ]
    )
    assert [s.record.id for s in store.iter_records(agency_id="AG-OTHER")] == ["OF-9"]
    mark = store.record_watermark()
    store.put_records([officer("OF-1", name="新名字")])
    assert store.record_watermark() > mark


def test_record_ids_differing_in_case_or_trailing_space_are_different_records(
    store: Store,
) -> None:
    # MariaDB's and MySQL's default collations ignore both (migration 0006 makes every
    # table compare byte for byte there, as SQLite and PostgreSQL do).
    ids = ["OF-a", "OF-A", "OF-1", "OF-1 ", "OF-É", "OF-é"]
    result = store.put_records([officer(record_id, name=record_id) for record_id in ids])
    assert result.inserted == len(ids)
    assert store.get_record("officer", "of-a") is None
    for record_id in ids:
        stored = store.get_record("officer", record_id)
        assert stored is not None
        assert stored.record.name == record_id
    again = store.put_records([officer(record_id, name=record_id) for record_id in ids])
    assert again.unchanged == len(ids)
    assert sorted(s.record.id for s in store.iter_records("officer")) == sorted(ids)


def test_every_table_compares_text_byte_for_byte(store: Store) -> None:
    if store.engine.dialect.name not in ("mysql", "mariadb"):
        pytest.skip("SQLite and PostgreSQL compare text byte for byte")
    with store.engine.connect() as connection:
        collations = dict(
            connection.exec_driver_sql(
                "SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES "
                "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'alembic_version'"
            ).all()
        )
        columns = connection.exec_driver_sql(
            "SELECT TABLE_NAME, COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS "
            "WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME IS NOT NULL "
            "AND TABLE_NAME <> 'alembic_version'"
        ).all()
    assert set(collations) == {table.name for table in metadata.sorted_tables}
    binary = ("utf8mb4_nopad_bin", "utf8mb4_0900_bin", "utf8mb4_bin")
    assert {name: c for name, c in collations.items() if c not in binary} == {}
    assert [row for row in columns if row[2] not in binary] == []


def test_datetimes_come_back_aware_utc(store: Store) -> None:
    moment = datetime(2026, 3, 5, 23, 0, 1, 123456, tzinfo=UTC)
    store.put_records([officer("OF-1")], now=moment.astimezone(ZoneInfo("Asia/Shanghai")))
    stored = store.get_record("officer", "OF-1")
    assert stored is not None
    assert stored.imported_at == moment  # microseconds too (MySQL: DATETIME(6))
    assert stored.imported_at.utcoffset() is not None
    assert stored.imported_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_resolve_db_url_prefers_explicit_then_env_then_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ESUP_DB", raising=False)
    assert resolve_db_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_db_url(tmp_path / "a.sqlite") == f"sqlite:///{tmp_path / 'a.sqlite'}"
    assert resolve_db_url(None, "sqlite:///from-config.sqlite") == "sqlite:///from-config.sqlite"
    monkeypatch.setenv("ESUP_DB", str(tmp_path / "env.sqlite"))
    assert resolve_db_url(None, "sqlite:///from-config.sqlite").endswith("env.sqlite")


def test_bad_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="unrecognised database URL"):
        Store.open("nosuchdialect+x://")


def test_a_database_from_a_newer_release_is_a_clear_error(db_url: str) -> None:
    store = Store.open(db_url)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    store.close()
    with pytest.raises(StoreError, match="newer release"):
        Store.open(db_url)
