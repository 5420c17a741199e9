"""The :class:`Store`: one database (SQLite file or PostgreSQL), migrated, with transactions."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from mgcalm.domain.entries import ConflictError
from mgcalm.domain.problems import Problem
from mgcalm.store.clinic.summaries import SUMMARY_TABLES
from mgcalm.store.device_tables import pending_entries
from mgcalm.store.engine import Synchronous, create_engine, read_transaction, write_transaction
from mgcalm.store.failures import storage_failure
from mgcalm.store.migrate import upgrade
from mgcalm.store.safety_tables import SAFETY_TABLES
from mgcalm.store.settings_tables import SETTINGS_TABLES
from mgcalm.store.tables import ALL_TABLES
from mgcalm.store.trial_tables import TRIAL_TABLES
from mgcalm.store.wearables import WEARABLE_TABLES

PERSONAL_TABLES = (
    *ALL_TABLES,
    *TRIAL_TABLES,
    *SETTINGS_TABLES,
    *SAFETY_TABLES,
    pending_entries,
    *WEARABLE_TABLES,
    *SUMMARY_TABLES,
)


#: The read transaction open in this context (thread or task), per engine, for nested reads.
_OPEN_READ: ContextVar[tuple[Engine, Connection] | None] = ContextVar(
    "mgcalm_open_read", default=None
)


class ConcurrentWriteError(ConflictError):
    """A concurrent writer stored the same key first; retrying the whole write is safe."""


@dataclass(frozen=True)
class Store:
    """A migrated database; every read and write goes through :meth:`read` / :meth:`write`."""

    engine: Engine

    @property
    def is_sqlite(self) -> bool:
        """True for the default single-file database."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: all of it is committed, or none of it."""
        try:
            with write_transaction(self.engine) as connection:
                yield connection
        except IntegrityError as error:
            # Checks run first inside the transaction, so a key clash here means another
            # writer committed the same key between our check and our insert.
            problem = Problem(
                "database",
                "another change to the same record landed at the same moment; nothing was written",
                "try again",
            )
            raise ConcurrentWriteError([problem]) from error

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction over one consistent snapshot.

        A read opened inside another (in the same thread or task) joins it: a page wraps its
        use cases in one read and every read they make shares that transaction and snapshot.
        Writes never join a read; a page writes first, then reads.
        """
        outer = _OPEN_READ.get()
        if outer is not None and outer[0] is self.engine:
            yield outer[1]
            return
        with read_transaction(self.engine) as connection:
            token = _OPEN_READ.set((self.engine, connection))
            try:
                yield connection
            finally:
                _OPEN_READ.reset(token)

    def backup_sqlite(self, target: Path) -> None:
        """Write a consistent copy of the live SQLite database to ``target`` (atomically)."""
        target = target.resolve()
        fd, temp_name = tempfile.mkstemp(prefix=".mgcalm-backup-", dir=target.parent)
        os.close(fd)
        Path(temp_name).unlink()  # VACUUM INTO refuses to overwrite a file
        try:
            raw = self.engine.raw_connection()
            try:
                raw.driver_connection.execute("VACUUM INTO ?", (temp_name,))  # type: ignore[union-attr]
            finally:
                raw.close()
            Path(temp_name).chmod(0o600)  # a backup holds the same health data as the original
            _fsync(Path(temp_name))
            Path(temp_name).replace(target)
            _fsync(target.parent)
        finally:
            Path(temp_name).unlink(missing_ok=True)

    def compact(self) -> None:
        """After a deletion, rewrite storage so the deleted rows do not linger in the files.

        SQLite: checkpoint the WAL and VACUUM (with ``secure_delete`` the freed pages were already
        zeroed). PostgreSQL: ``VACUUM FULL`` rewrites each table without its dead rows; copies in
        the server's write-ahead log age out on the server's own schedule.
        """
        if self.is_sqlite:
            raw = self.engine.raw_connection()
            try:
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
                raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
            finally:
                raw.close()
            return
        with self.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT")
            for table in PERSONAL_TABLES:
                conn.exec_driver_sql(f'VACUUM FULL "{table.name}"')

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


#: Pauses before trying again when another process is creating the same new database.
CREATE_RETRY_SECONDS = (0.05, 0.1, 0.2, 0.4, 0.8)


def open_store(url: str, *, synchronous: Synchronous = "FULL", migrate: bool = True) -> Store:
    """Open the database at ``url`` and bring it to the newest schema.

    Several processes or threads creating a brand-new SQLite database at once can find it
    locked while another switches it to WAL or migrates it: that is tried again after a short
    pause (a few times, under two seconds in all) instead of failing.
    """
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        _private_file(Path(url.removeprefix("sqlite:///")))
    for pause in (*CREATE_RETRY_SECONDS, None):
        store = Store(create_engine(url, synchronous=synchronous))
        try:
            if migrate:
                upgrade(store.engine)
            return store
        except OperationalError as error:
            store.close()
            if pause is None or storage_failure(error) != "locked":
                raise
            time.sleep(pause)
    raise AssertionError("unreachable")


def _private_file(path: Path) -> None:
    """Create the database file readable by its owner only (its WAL files inherit the mode)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        path.touch(mode=0o600)  # an empty file is an empty SQLite database


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
