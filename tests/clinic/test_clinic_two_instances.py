"""Two separate ``mgcalm serve`` instances on one PostgreSQL database behave as one clinic.

Instance A is one process, instance B is ``--workers 2``; they listen on different ports and
share nothing but the database. Both start on an empty schema and meet their first requests at
the same moment, so up to three processes migrate at once; a login made on one is honoured by
the other; failed logins are counted across both.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from mgcalm.app import Settings, open_app
from mgcalm.app.clinic import service as clinic
from mgcalm.store.migrate import head_revision

pytestmark = pytest.mark.postgres
PASSWORD = "a long passphrase"
ATTEMPTS = 3  # MGCALM_LOGIN_ATTEMPTS for both instances
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
TIMEOUT = 90  # seconds a request may take on a loaded two-core machine (httpx says 5)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def two_instances(
    postgres_url: str, tmp_path: Path, serve_process: Callable[..., AbstractContextManager[Any]]
) -> Iterator[tuple[str, str, str]]:
    """Instances A and B (``--workers 2``) on one fresh, empty schema: (url A, url B, db url)."""
    env = {
        **os.environ,
        "MGCALM_CLINIC_MODE": "true",
        "MGCALM_DATABASE_URL": postgres_url,
        "MGCALM_ARGON2_MEMORY_KIB": "8192",
        "MGCALM_LOGIN_ATTEMPTS": str(ATTEMPTS),
    }
    urls = []
    servers = []
    for name, workers in (("a", "1"), ("b", "2")):
        port = free_port()
        command = [sys.executable, "-m", "mgcalm", "serve", "--port", str(port)]
        command += ["--workers", workers]
        (tmp_path / name).mkdir()
        url = f"http://127.0.0.1:{port}"
        # The probe is a static file: it answers without opening the database.
        servers.append(
            serve_process(
                command,
                {**env, "MGCALM_DATA_DIR": str(tmp_path / name)},
                url + "/static/favicon.svg",
            )
        )
        urls.append(url)
    with servers[0], servers[1]:
        yield urls[0], urls[1], postgres_url


def _login(base: str, username: str, password: str) -> httpx.Response:
    """A fresh browser's login attempt (its own CSRF cookie and token) on ``base``."""
    with httpx.Client(base_url=base, timeout=TIMEOUT) as browser:
        token = TOKEN.search(browser.get("/login").text)
        assert token
        data = {"csrf_token": token.group(1), "username": username, "password": password}
        answer = browser.post("/login", data=data)
        answer.read()
        return answer


def test_two_instances_migrate_at_once_and_share_sessions_and_login_limits(
    two_instances: tuple[str, str, str], tmp_path: Path
) -> None:
    a, b, database = two_instances
    # First requests to both at once, each worker migrating the empty schema (advisory lock).
    with ThreadPoolExecutor(4) as pool:
        first = list(pool.map(lambda url: httpx.get(url + "/login", timeout=TIMEOUT), (a, b, b, a)))
    assert [r.status_code for r in first] == [200] * 4
    engine = sa.create_engine(database)
    try:
        with engine.connect() as conn:
            revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()
    assert revision == head_revision()

    mg = open_app(Settings(data_dir=tmp_path, database_url=database, clinic_mode=True))
    try:
        clinic.create_account(mg, "dr.shared", PASSWORD, "clinician")
        clinic.create_account(mg, "dr.guessed", PASSWORD, "clinician")
    finally:
        mg.close()

    # Failed logins alternate between the instances: the limit counts them together.
    answers = [
        _login((a, b)[i % 2], "dr.guessed", "wrong password").status_code for i in range(ATTEMPTS)
    ]
    assert answers == [401] * ATTEMPTS
    refused = _login(b if ATTEMPTS % 2 else a, "dr.guessed", PASSWORD)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0

    # A session made on A works on B (each request a new connection: either B worker answers).
    made = _login(a, "dr.shared", PASSWORD)
    assert made.status_code == 303
    cookies = dict(made.cookies)
    for _ in range(6):
        with httpx.Client(base_url=b, cookies=cookies, timeout=TIMEOUT) as other:
            assert other.get("/api/clinic").status_code == 200
    with httpx.Client(base_url=b, cookies=cookies, timeout=TIMEOUT) as other:
        token = TOKEN.search(other.get("/account").text)
        assert token
        assert other.post("/logout", data={"csrf_token": token.group(1)}).status_code == 303
    with httpx.Client(base_url=a, cookies=cookies, timeout=TIMEOUT) as first_instance:
        assert first_instance.get("/api/clinic").status_code == 401
