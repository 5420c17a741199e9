"""Migrations build, from empty, exactly the schema the models describe, on both databases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from mgcalm.store import open_store
from mgcalm.store.migrate import current_revision, head_revision
from mgcalm.store.tables import metadata


def test_upgrade_head_on_empty_database_equals_the_models(database_url: str) -> None:
    store = open_store(database_url)
    try:
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []
        assert current_revision(store.engine) == head_revision()
    finally:
        store.close()


def test_opening_twice_is_harmless(database_url: str) -> None:
    open_store(database_url).close()
    store = open_store(database_url)
    try:
        with store.read() as conn:
            tables = set(sa.inspect(conn).get_table_names())
        assert {"people", "entries", "phases", "plan_versions", "profile_versions"} <= tables
    finally:
        store.close()


def test_sqlite_runs_in_wal_with_foreign_keys_and_full_sync(database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        return
    store = open_store(database_url)
    try:
        with store.read() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        store.close()


def test_every_migration_downgrades_and_upgrades_again(database_url: str) -> None:
    from alembic import command

    from mgcalm.store.engine import write_transaction
    from mgcalm.store.migrate import alembic_config

    store = open_store(database_url)
    try:
        config = alembic_config()
        with write_transaction(store.engine) as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        with store.read() as conn:
            assert set(sa.inspect(conn).get_table_names()) <= {"alembic_version"}
        store.close()
        store = open_store(database_url)
        with store.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    finally:
        store.close()


def test_settings_are_all_documented() -> None:
    from mgcalm.app import settings

    for name in settings.Settings.model_fields:
        assert f"``{name}``" in (settings.__doc__ or ""), name


def test_workers_migrating_an_empty_database_at_once_do_not_race(postgres_url: str) -> None:
    # The others wait on the advisory lock, then find the schema at head. (A clinic's workers
    # share PostgreSQL; a SQLite file belongs to one person's machine.)
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    start = Barrier(3)

    def migrate() -> str | None:
        start.wait()
        store = open_store(postgres_url)
        try:
            return current_revision(store.engine)
        finally:
            store.close()

    with ThreadPoolExecutor(3) as pool:
        revisions = list(pool.map(lambda _: migrate(), range(3)))
    assert revisions == [head_revision()] * 3


def test_one_head() -> None:
    from alembic.script import ScriptDirectory

    from mgcalm.store.migrate import alembic_config

    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


def test_the_head_read_from_the_scripts_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from mgcalm.store.migrate import alembic_config

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_a_database_never_migrated_has_no_revision(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    try:
        assert current_revision(engine) is None
    finally:
        engine.dispose()


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path: Path) -> None:
    # Every command opens the store: when nothing is to migrate, Alembic stays unloaded.
    url = f"sqlite:///{tmp_path / 'mgcalm.db'}"
    open_store(url).close()
    script = (
        "import sys; from mgcalm.store import open_store; "
        f"open_store({url!r}).close(); "
        "print(sorted(m for m in sys.modules if m == 'alembic' or m.startswith('alembic.')))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == "[]"
