"""Shared fixtures for the whole suite.

- Every test runs with ``MGCALM_DATA_DIR`` pointing at its own temporary folder (autouse), so no
  test can touch a real person's data, and ``MGCALM_DATABASE_URL`` unset.
- ``database_url`` is parametrised over SQLite (a file in the temporary folder) and PostgreSQL
  (a fresh schema per test inside a database created for this test session and dropped after).
  PostgreSQL runs at ``MGCALM_TEST_POSTGRES_URL`` (default ``postgresql+psycopg://postgres@
  127.0.0.1:5432/test``); ``MGCALM_SKIP_POSTGRES=1`` skips those cases, and otherwise an
  unreachable server is a failure, not a skip.
- ``postgres_schema(prefix)`` opens a fresh schema in that database as a context manager, for
  fixtures of any scope; ``postgres_url`` is one such schema for a single test.
- ``mgcalm_app`` is an :class:`mgcalm.app.App` on ``database_url`` with a fixed clock.

Waiting, on a loaded two-core CI machine (no test may depend on wall-clock luck):
- ``serving(command, env, probe)`` (also the ``serve_process`` fixture) starts a server and
  waits until ``probe`` answers (any HTTP status), failing with the server's own output if it
  exits or stays silent for ``SERVER_START_S``.
- ``browser`` (Debian's chromium, per module) and ``new_context(**options)``, whose pages wait
  ``BROWSER_TIMEOUT_MS`` for every action and navigation; Playwright's ``expect`` waits as long.
- Hypothesis has no per-example deadline: a slow example on a busy machine is not a bug.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

ADMIN_URL = os.environ.get(
    "MGCALM_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
FIXED_NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
# Sized for two cores shared with other work (load averages of 5–14 were seen): a page that
# answers after 40 s there is slow, not broken. A real failure still fails, only later.
BROWSER_TIMEOUT_MS = 90_000
SERVER_START_S = 180.0
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

settings.register_profile("loaded-machine", deadline=None)
settings.load_profile("loaded-machine")


def pytest_configure(config: pytest.Config) -> None:
    """No test reaches the real user data folder; Playwright's ``expect`` waits like pages do.

    Each test has its own ``MGCALM_DATA_DIR``; should one lose it (say, by undoing its
    monkeypatches), the default folder is a throwaway one, not the user's (or another checkout's).
    Playwright's ``expect`` would otherwise give up after 5 s.
    """
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="mgcalm-tests-xdg-")
    try:
        from playwright.sync_api import expect
    except ImportError:  # running without the test extras: browser tests will say so
        return
    expect.set_options(timeout=BROWSER_TIMEOUT_MS)


def _skip_postgres() -> bool:
    return os.environ.get("MGCALM_SKIP_POSTGRES", "") not in ("", "0")


@pytest.fixture(autouse=True)
def mgcalm_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder for each test, exported as MGCALM_DATA_DIR."""
    folder = tmp_path / "mgcalm-data"
    folder.mkdir()
    monkeypatch.setenv("MGCALM_DATA_DIR", str(folder))
    monkeypatch.delenv("MGCALM_DATABASE_URL", raising=False)
    return folder


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A database created for this test session (dropped at the end); yields its URL."""
    import sqlalchemy as sa

    if _skip_postgres():
        pytest.skip("MGCALM_SKIP_POSTGRES=1")
    name = f"mgcalm_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:  # an unreachable server raises here: a failure, not a skip
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_schema(postgres_database: str) -> Callable[[str], AbstractContextManager[str]]:
    """``with postgres_schema(prefix) as url``: a fresh schema in the session database.

    The URL's search_path is the new schema, which is dropped when the block ends.
    """

    @contextmanager
    def schema(prefix: str) -> Iterator[str]:
        import sqlalchemy as sa

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        engine = sa.create_engine(postgres_database, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
        url = sa.make_url(postgres_database).update_query_dict({"options": f"-csearch_path={name}"})
        try:
            yield url.render_as_string(hide_password=False)
        finally:
            with engine.connect() as conn:
                conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
            engine.dispose()

    return schema


@pytest.fixture
def postgres_url(postgres_schema: Callable[[str], AbstractContextManager[str]]) -> Iterator[str]:
    """A fresh, empty schema in the session database; yields a URL whose search_path is it."""
    with postgres_schema("t") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, mgcalm_data_dir: Path) -> str:
    """An empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{mgcalm_data_dir / 'mgcalm.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def mgcalm_app(database_url: str, mgcalm_data_dir: Path) -> Iterator[Any]:
    """An App on ``database_url`` whose clock always says 2026-11-26 09:30 UTC."""
    from mgcalm.app import Settings, open_app

    settings = Settings(data_dir=mgcalm_data_dir, database_url=database_url)
    app = open_app(settings, clock=lambda: FIXED_NOW)
    try:
        yield app
    finally:
        app.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A function that returns the URL of a new, empty database each time it is called."""
    if request.param == "sqlite":
        yield lambda: f"sqlite:///{tmp_path / f'fresh-{uuid.uuid4().hex[:12]}.db'}"
        return
    postgres_schema = request.getfixturevalue("postgres_schema")
    with ExitStack() as made:
        yield lambda: made.enter_context(postgres_schema("f"))


def _answers(url: str) -> bool:
    """Whether anything answers HTTP at ``url`` (any status counts: the server is up)."""
    import httpx

    try:
        httpx.get(url, timeout=10)
    except httpx.TransportError:
        return False
    return True


@contextmanager
def serving(
    command: list[str], env: dict[str, str], probe: str, seconds: float = SERVER_START_S
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` until the block ends, once ``probe`` answers; fail with its output."""
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + seconds
            while not _answers(probe) or server.poll() is not None:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    output = log.read().decode(errors="replace")[-4000:]
                    code = server.poll()
                    why = "is silent" if code is None else f"exited with code {code}"
                    pytest.fail(f"{' '.join(command[:4])}… {why} after {seconds:.0f} s:\n{output}")
                time.sleep(0.25)
            yield server
        finally:
            server.terminate()
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.fixture(scope="session")
def serve_process() -> Callable[..., AbstractContextManager[subprocess.Popen[bytes]]]:
    """``with serve_process(command, env, probe_url)``: a server that is up (see module doc)."""
    return serving


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (never a downloaded browser).

    Module-scoped on purpose: Playwright's sync API keeps an event loop running in the main
    thread while it is open, which would break later tests that call ``asyncio.run``.
    """
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; run scripts/services to install it")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), timeout=BROWSER_TIMEOUT_MS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser: Any) -> Iterator[Callable[..., Any]]:
    """``new_context(**options)``: a browser context whose pages wait as long as CI needs."""
    made: list[Any] = []

    def make(**options: Any) -> Any:
        context = browser.new_context(**options)
        context.set_default_timeout(BROWSER_TIMEOUT_MS)
        context.set_default_navigation_timeout(BROWSER_TIMEOUT_MS)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
