"""Bring a database to the newest schema with the Alembic migrations shipped in the package.

Several workers (or hosts) may start at once on an old schema. On PostgreSQL the migration
transaction first takes an advisory lock on a fixed key, so one of them migrates while the
others wait and then find nothing left to do; the lock ends with the transaction. On SQLite the
write transaction's ``BEGIN IMMEDIATE`` already lets only one writer in.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from mgcalm.store.engine import write_transaction

MIGRATIONS = Path(__file__).parent / "migrations"
# A fixed key for pg_advisory_xact_lock: "mgcalm" in ASCII, shared by every mgcalm process.
MIGRATION_LOCK_KEY = 0x6D6763616C6D


def alembic_config() -> Config:
    """An Alembic config pointing at the package's migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest migration's revision id."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None when it has never been migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Apply every migration the database lacks, in one transaction, one process at a time."""
    if current_revision(engine) == head_revision():
        return
    config = alembic_config()
    with write_transaction(engine) as connection:
        if connection.dialect.name == "postgresql":
            # Waits for any other migrating process; Alembic then reads the revision afresh.
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
