"""Several uvicorn worker processes serve one clinic: sessions and logouts hold across them.

Each request below opens a new connection, so the kernel hands them to either worker; a login
made by one is honoured by the other because the session lives only in PostgreSQL.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest

from mgcalm.app import Settings, open_app
from mgcalm.app.clinic import service as clinic

pytestmark = pytest.mark.postgres
PASSWORD = "a long passphrase"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
TIMEOUT = 90  # seconds a request may take on a loaded two-core machine (httpx says 5)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def two_workers(
    postgres_url: str, tmp_path: Path, serve_process: Callable[..., AbstractContextManager[Any]]
) -> Iterator[str]:
    """``uvicorn --workers 2`` in clinic mode on a fresh schema; yields its base URL."""
    env = {
        **os.environ,
        "MGCALM_CLINIC_MODE": "true",
        "MGCALM_DATABASE_URL": postgres_url,
        "MGCALM_DATA_DIR": str(tmp_path),
        "MGCALM_ARGON2_MEMORY_KIB": "8192",
    }
    mg = open_app(Settings(data_dir=tmp_path, database_url=postgres_url, clinic_mode=True))
    try:
        clinic.create_account(mg, "dr.multi", PASSWORD, "clinician")
    finally:
        mg.close()
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "mgcalm.web.app:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    base = f"http://127.0.0.1:{port}"
    with serve_process(command, env, base + "/login"):
        yield base


def test_a_login_holds_on_every_worker_and_a_logout_everywhere(two_workers: str) -> None:
    with httpx.Client(base_url=two_workers, timeout=TIMEOUT) as browser:
        token = TOKEN.search(browser.get("/login").text)
        assert token
        data = {"csrf_token": token.group(1), "username": "dr.multi", "password": PASSWORD}
        assert browser.post("/login", data=data).status_code == 303
        cookies = dict(browser.cookies)
    for _ in range(12):  # a new connection each time: either worker may answer
        with httpx.Client(base_url=two_workers, cookies=cookies, timeout=TIMEOUT) as fresh:
            assert fresh.get("/api/clinic").status_code == 200
    with httpx.Client(base_url=two_workers, cookies=cookies, timeout=TIMEOUT) as browser:
        token = TOKEN.search(browser.get("/account").text)
        assert token
        assert browser.post("/logout", data={"csrf_token": token.group(1)}).status_code == 303
    for _ in range(6):
        with httpx.Client(base_url=two_workers, cookies=cookies, timeout=TIMEOUT) as fresh:
            assert fresh.get("/api/clinic").status_code == 401
