"""Backups as docs/deployment.md describes them: pg_dump, then pg_restore into an empty database.

Runs when the PostgreSQL client tools are installed (they are on the development machine).
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.conftest import ADMIN_URL

from mgcalm.app import Settings, open_app
from mgcalm.app.clinic import service as clinic
from mgcalm.store.migrate import current_revision, head_revision

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not (shutil.which("pg_dump") and shutil.which("pg_restore")),
        reason="the PostgreSQL client tools are not installed",
    ),
]
COUNTED = ("accounts", "people", "entries", "grants", "audit_log", "clinic_sessions")


@pytest.fixture
def two_databases(postgres_database: str) -> Iterator[tuple[str, str]]:
    """Two new, empty databases on the test server (dropped afterwards)."""
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    names = [f"mgcalm_backup_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with admin.connect() as conn:
        for name in names:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    urls = [sa.make_url(ADMIN_URL).set(database=n) for n in names]
    try:
        yield urls[0].render_as_string(False), urls[1].render_as_string(False)
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def libpq(url: str) -> str:
    """The libpq form of a SQLAlchemy URL, for pg_dump and pg_restore."""
    return sa.make_url(url).set(drivername="postgresql").render_as_string(False)


def counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in COUNTED}
    finally:
        engine.dispose()


def test_pg_dump_and_pg_restore_bring_back_the_whole_clinic(
    two_databases: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, target = two_databases
    monkeypatch.setenv("MGCALM_ARGON2_MEMORY_KIB", "8192")
    mg = open_app(Settings(data_dir=tmp_path, database_url=source, clinic_mode=True))
    try:
        clinic.seed_benchmark(mg, people=5, days=20, clinician="dr.backup", password="p" * 12)
        clinician = clinic.log_in(mg, "dr.backup", "p" * 12, "127.0.0.1", None).account
        clinic.dashboard(mg, clinician)  # some audit entries too
    finally:
        mg.close()
    dump = tmp_path / "clinic.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", libpq(source)], check=True)
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={libpq(target)}", str(dump)],
        check=True,
    )
    assert counts(target) == counts(source)
    assert counts(target)["entries"] > 5 * 20
    restored = sa.create_engine(target)
    try:
        assert current_revision(restored) == head_revision()
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), restored.begin() as conn:
            conn.exec_driver_sql("DELETE FROM audit_log")  # the trigger came back too
    finally:
        restored.dispose()
    mg = open_app(Settings(data_dir=tmp_path, database_url=target, clinic_mode=True))
    try:
        login = clinic.log_in(mg, "dr.backup", "p" * 12, "127.0.0.1", None)
        assert len(clinic.dashboard(mg, login.account)["people"]) == 5
    finally:
        mg.close()
