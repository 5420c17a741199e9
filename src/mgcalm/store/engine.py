"""Engines and transactions: SQLite (WAL, foreign keys, durable commits) or PostgreSQL.

SQLite connections run in WAL mode with ``foreign_keys=ON`` and ``synchronous=FULL`` by default, so
a commit that has returned survives a crash or power cut; ``secure_delete`` overwrites deleted rows
so that "delete everything" leaves no readable trace in the file. Write transactions start with
``BEGIN IMMEDIATE`` so a read-then-write (the idempotency check) cannot lose a race to another
writer; the busy timeout lets concurrent writers (CLI beside the web app) wait instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

Synchronous = Literal["FULL", "NORMAL", "EXTRA"]
_WRITE = "mgcalm_write"


def create_engine(url: str, *, synchronous: Synchronous = "FULL") -> Engine:
    """An engine for ``url`` with mgcalm's connection settings applied."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        _configure_sqlite(engine, synchronous)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def _configure_sqlite(engine: Engine, synchronous: Synchronous) -> None:
    memory = engine.url.database in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the driver so BEGIN is ours (see the module docstring).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that commits on success and rolls back on any error (nothing half-written)."""
    with engine.connect() as connection:
        connection.execution_options(**{_WRITE: True})
        with connection.begin():
            yield connection


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction: one consistent snapshot for everything read inside it."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection
