"""The login rate limit is atomic and never a lock-out someone else can trigger.

Real parallel requests against a uvicorn server (SQLite and PostgreSQL): 30 simultaneous
guesses, the right password among them, get at most ``MGCALM_LOGIN_ATTEMPTS`` password checks.
Then, in-process: a guesser at one address does not lock the owner out from another, guesses
from many addresses only slow the account down (a minute at most), over-long usernames are
refused before any hashing, and no username reaches the log.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from tests.clinic.conftest import CHEAP_ARGON2, Browser, log_in

from mgcalm.app import Settings, open_app
from mgcalm.app.clinic import auth as clinic_auth
from mgcalm.app.clinic import service as clinic
from mgcalm.app.clinic.settings import ClinicSettings
from mgcalm.domain import InvalidInputError
from mgcalm.store.clinic.accounts import Failures
from mgcalm.store.clinic.tables import login_attempts

PASSWORD = "the admin's own passphrase"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
GUESSES = 30


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(
    database_url: str,
    tmp_path: Path,
    serve_process: Callable[..., AbstractContextManager[Any]],
) -> Iterator[tuple[str, Any]]:
    """A clinic-mode uvicorn server on ``database_url``; yields its base URL and the services."""
    env = {
        **os.environ,
        **CHEAP_ARGON2,
        "MGCALM_CLINIC_MODE": "true",
        "MGCALM_DATABASE_URL": database_url,
        "MGCALM_DATA_DIR": str(tmp_path),
    }
    mg = open_app(Settings(data_dir=tmp_path, database_url=database_url, clinic_mode=True))
    clinic.create_account(mg, "admin", PASSWORD, "admin")
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "mgcalm.web.app:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    try:
        with serve_process(command, env, base + "/login"):
            yield base, mg
    finally:
        mg.close()


def _guess(base: str, password: str, barrier: threading.Barrier, answers: list[int]) -> None:
    with httpx.Client(base_url=base, timeout=90) as client:
        token = TOKEN.search(client.get("/login").text)
        assert token
        data = {"csrf_token": token.group(1), "username": "admin", "password": password}
        barrier.wait(timeout=60)
        answers.append(client.post("/login", data=data).status_code)


def test_parallel_guesses_get_at_most_the_limit_of_password_checks(
    server: tuple[str, Any],
) -> None:
    base, mg = server
    barrier = threading.Barrier(GUESSES)
    answers: list[int] = []
    passwords = [f"wrong guess {i:02d}" for i in range(GUESSES - 1)] + [PASSWORD]
    threads = [threading.Thread(target=_guess, args=(base, p, barrier, answers)) for p in passwords]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == GUESSES
    checked = [a for a in answers if a != 429]
    assert len(checked) <= 5, sorted(answers)
    assert answers.count(429) >= GUESSES - 5
    assert set(checked) <= {303, 401}
    with mg.store.read() as conn:
        rows = conn.execute(sa.select(sa.func.count()).select_from(login_attempts)).scalar()
    assert rows == len(checked)  # every checked password was reserved first; no others


LIMITS = ClinicSettings(argon2_memory_kib=8192, argon2_time_cost=1)
START = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def _try(mg: Any, password: str, address: str, at: datetime, user: str = "admin") -> str:
    try:
        clinic_auth.login(mg.store, LIMITS, user, password, address, at)
    except clinic_auth.TooManyAttemptsError as error:
        return f"wait {error.retry_after}"
    except InvalidInputError:
        return "wrong"
    return "in"


def test_a_guesser_cannot_lock_the_admin_out(mgcalm_app: Any) -> None:
    clinic.create_account(mgcalm_app, "admin", PASSWORD, "admin")
    attacker, owner = "203.0.113.9", "198.51.100.7"
    tries = [_try(mgcalm_app, "nope nope nope", attacker, START) for _ in range(8)]
    assert tries[:5] == ["wrong"] * 5 and tries[5].startswith("wait")
    assert _try(mgcalm_app, PASSWORD, owner, START) == "in"
    # The attacker's waits grow: 30 s after the fifth failure, then 60 s, 120 s …
    assert _try(mgcalm_app, "nope nope nope", attacker, START + timedelta(seconds=31)) == "wrong"
    assert _try(mgcalm_app, "x" * 12, attacker, START + timedelta(seconds=62)) == "wait 29"
    assert _try(mgcalm_app, "x" * 12, attacker, START + timedelta(seconds=92)) == "wrong"


def test_guesses_from_many_addresses_slow_the_account_by_a_minute_at_most(
    mgcalm_app: Any,
) -> None:
    clinic.create_account(mgcalm_app, "admin", PASSWORD, "admin")
    for n in range(40):
        at = START + timedelta(seconds=n)
        outcome = _try(mgcalm_app, "wrong password", f"192.0.2.{n}", at)
        assert outcome == "wrong" or outcome.startswith("wait"), outcome
    later = START + timedelta(seconds=40)
    first = _try(mgcalm_app, PASSWORD, "198.51.100.7", later)
    if first.startswith("wait"):
        assert int(first.split()[1]) <= 60
        later += timedelta(seconds=int(first.split()[1]))
        assert _try(mgcalm_app, PASSWORD, "198.51.100.7", later) == "in"


def test_wait_seconds_grow_and_stay_capped() -> None:
    def wait(scope: str, count: int, ago: int) -> int:
        found = {scope: Failures(count, START - timedelta(seconds=ago))}
        return clinic_auth.wait_seconds(found, LIMITS, START)

    assert [wait("pair", n, 0) for n in (4, 5, 6, 7, 30)] == [0, 30, 60, 120, 900]
    assert wait("pair", 6, 59) == 1 and wait("pair", 6, 60) == 0
    assert [wait("account", n, 0) for n in (19, 20, 21, 400)] == [0, 30, 60, 60]
    assert [wait("address", n, 0) for n in (19, 20, 40)] == [0, 30, 900]


def test_over_long_usernames_are_refused_before_hashing_and_never_logged(
    mgcalm_app: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    hashed: list[str] = []
    real = clinic_auth.hasher

    def counting(settings: Any) -> Any:
        hashed.append("hash")
        return real(settings)

    monkeypatch.setattr(clinic_auth, "hasher", counting)
    name = "someone-" + "x" * 5000
    with caplog.at_level(logging.DEBUG):
        outcomes = [_try(mgcalm_app, "a password", "203.0.113.9", START, name) for _ in range(8)]
    assert hashed == []
    assert outcomes[:5] == ["wrong"] * 5 and outcomes[5].startswith("wait")  # counted
    assert all("someone-" not in r.getMessage() for r in caplog.records)


def test_an_over_long_username_is_a_calm_401_on_the_web(fresh_clinic: Any) -> None:
    c = fresh_clinic()
    response = log_in(Browser(c.entered), "u" * 100_000, "whatever password")
    assert response.status_code == 401
    assert "the username or password is not right" in response.text
