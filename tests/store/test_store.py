"""The store on a real SQLite file: migrations, versioning, history, streaming."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from enforcement_supervision.model import structure_record
from enforcement_supervision.store import Store, StoreError, metadata, resolve_db_url


def officer(record_id: str, name: str = "王强", **extra: object) -> object:
    return structure_record(
        "officer", {"id": record_id, "agency_id": "AG-TOWN", "name": name, **extra}
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "esup.sqlite") as opened:
        yield opened


def test_open_creates_file_and_migrates_to_head(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "esup.sqlite"
    store = Store.open(path)
    assert path.exists()
    assert store.current_revision() == store.head_revision() is not None
    store.close()


def test_migrated_schema_matches_table_definitions(store: Store) -> None:
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(store: Store) -> None:
    store.put_records([officer("OF-1")])
    store.downgrade("base")
    assert store.current_revision() is None
    store.migrate()
    assert store.count_records() == {}


def test_open_without_migrate_refuses_old_schema(tmp_path: Path) -> None:
    path = tmp_path / "esup.sqlite"
    Store.open(path).downgrade("base")
    with pytest.raises(StoreError, match="esup init"):
        Store.open(path, migrate=False)


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


def test_datetimes_come_back_aware_utc(store: Store) -> None:
    store.put_records([officer("OF-1")])
    stored = store.get_record("officer", "OF-1")
    assert stored is not None
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


def test_a_database_from_a_newer_release_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "esup.sqlite"
    store = Store.open(path)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    store.close()
    with pytest.raises(StoreError, match="newer release"):
        Store.open(path)
