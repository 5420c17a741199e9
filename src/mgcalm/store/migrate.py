"""Bring a database to the newest schema with the Alembic migrations shipped in the package.

Several workers (or hosts) may start at once on an old schema. On PostgreSQL the migration
transaction first takes an advisory lock on a fixed key, so one of them migrates while the
others wait and then find nothing left to do; the lock ends with the transaction. On SQLite the
write transaction's ``BEGIN IMMEDIATE`` already lets only one writer in.

Opening a database that is already up to date must stay cheap, because every command does it:
the newest revision id is read from the migration files' ``revision`` / ``down_revision`` lines
(without importing them) and compared with the stored ``alembic_version``; Alembic and the
migration scripts are loaded only when an upgrade is needed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from mgcalm.store.engine import write_transaction

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# A fixed key for pg_advisory_xact_lock: "mgcalm" in ASCII, shared by every mgcalm process.
MIGRATION_LOCK_KEY = 0x6D6763616C6D


_REVISION = re.compile(r"^revision(?:\s*:[^=]*)?\s*=\s*[\"']([^\"']+)[\"']", re.M)
_DOWN_REVISION = re.compile(r"^down_revision(?:\s*:[^=]*)?\s*=(.*)$", re.M)
_QUOTED = re.compile(r"[\"']([^\"']+)[\"']")


def alembic_config() -> Config:
    """An Alembic config pointing at the package's migrations (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@cache
def head_revision() -> str:
    """The newest migration's revision id: the one no other migration revises.

    Read from the scripts' text, so that checking an up-to-date database never loads Alembic.
    """
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        if (revision := _REVISION.search(text)) is None:
            continue
        revisions.add(revision.group(1))
        if (down := _DOWN_REVISION.search(text)) is not None:
            revised.update(_QUOTED.findall(down.group(1)))
    heads = revisions - revised
    if len(heads) != 1:
        raise RuntimeError(f"the shipped migrations should have one head, not {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None when it has never been migrated)."""
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        rows = connection.execute(sa.text("SELECT version_num FROM alembic_version")).all()
    if len(rows) > 1:
        raise RuntimeError("the database's schema has more than one Alembic head")
    return str(rows[0][0]) if rows else None


def upgrade(engine: Engine) -> None:
    """Apply every migration the database lacks, in one transaction, one process at a time."""
    if current_revision(engine) == head_revision():
        return
    from alembic import command

    config = alembic_config()
    with write_transaction(engine) as connection:
        if connection.dialect.name == "postgresql":
            # Waits for any other migrating process; Alembic then reads the revision afresh.
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
