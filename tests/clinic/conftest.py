"""Fixtures for clinic mode: a small clinic (one per database kind, per module) and its clients.

The clinic holds two people with data (Alice and Bob), three clinicians (one with Alice's grant,
one without, one whose grant Alice revoked) and an admin. Each role gets its own client with its
own cookies, all talking to the same app, so every test can ask "who may see what".
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's import-time note about httpx2
    from fastapi.testclient import TestClient

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "correct horse battery"
ROLES = (
    "anonymous",
    "owner",
    "other_person",
    "clinician_granted",
    "clinician_without",
    "clinician_revoked",
    "admin",
)
PROFILE = {
    "person": {"age": 34, "sex": "female"},
    "health": {"kidney": "normal"},
    "day": {
        "wake": "07:00",
        "breakfast": "07:30",
        "lunch": "12:30",
        "dinner": "18:30",
        "bedtime": "23:00",
    },
    "goals": {"focus": ["anxiety", "sleep"]},
    "diet": {"magnesium_mg": 220},
}
CHEAP_ARGON2 = {"MGCALM_ARGON2_MEMORY_KIB": "8192", "MGCALM_ARGON2_TIME_COST": "1"}


@dataclass
class Clinic:
    """A running clinic: the web app, its services, a client per role, and the people's ids."""

    web: Any
    mg: Any
    clients: dict[str, Browser]
    entered: TestClient
    accounts: dict[str, Any]
    alice: str
    bob: str
    alice_grant: str
    extra: dict[str, Any] = field(default_factory=dict)

    def client(self, role: str) -> Browser:
        """The client logged in as ``role`` (``anonymous``: not logged in)."""
        return self.clients[role]

    def token(self, role: str, path: str = "/account") -> str:
        """The CSRF token on a page the role can open (the login page for anonymous)."""
        page = "/login" if role == "anonymous" else path
        found = TOKEN.search(self.client(role).get(page).text)
        assert found, f"{page} has no CSRF token for {role}"
        return found.group(1)

    def post(self, role: str, path: str, data: dict[str, str] | None = None) -> Any:
        """A form post with a valid CSRF token, as ``role``."""
        body = {"csrf_token": self.token(role), **(data or {})}
        return self.client(role).post(path, data=body, follow_redirects=False)


def new_client(web: Any) -> TestClient:
    """An in-process client of the app (server errors become 500 pages)."""
    return TestClient(web, raise_server_exceptions=False, base_url="http://localhost")


class Browser:
    """One browser (its own cookies) sharing the app's one client and event loop with others.

    Sharing the loop matters: the app keeps loop-bound helpers (the group-commit writer), and
    separate TestClients would each run their own loop.
    """

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.jar = httpx.Cookies()

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send with this browser's cookies and keep whatever cookies the answer sets."""
        self.client.cookies = self.jar
        try:
            return self.client.request(method, url, **kwargs)
        finally:
            self.jar = httpx.Cookies(self.client.cookies)
            self.client.cookies = httpx.Cookies()

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        """GET as this browser."""
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        """POST as this browser."""
        return self.request("POST", url, **kwargs)


def log_in(client: Browser, username: str, password: str = PASSWORD) -> Any:
    """Log in through the login form (with its CSRF token)."""
    found = TOKEN.search(client.get("/login").text)
    assert found
    data = {"csrf_token": found.group(1), "username": username, "password": password}
    return client.post("/login", data=data, follow_redirects=False)


def _person_with_data(mg: Any, person_id: str, name: str) -> None:
    """A person with a profile, a plan, a running titration and a week of entries."""
    from mgcalm.domain.profile_parse import profile_from_mapping

    profile, problems = profile_from_mapping(PROFILE)
    assert profile is not None, problems
    mg.create_person(profile, person_id=person_id, display_name=name)
    mg.plan_for(person_id)
    today = mg.today()
    mg.start_phase(person_id, {"phase": "baseline", "start": today - timedelta(days=20)})
    trial = mg.trial(person_id)
    mg.end_phase(person_id, trial.phases[0].id, today - timedelta(days=7))
    mg.start_phase(person_id, {"phase": "titration", "start": today - timedelta(days=6)})
    for back in range(7):
        day = (today - timedelta(days=back)).isoformat()
        mg.log(person_id, "checkin", {"day": day, "anxiety": 5, "sleep_quality": 6})
    mg.record_questionnaire(person_id, "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 0], today)


def build_clinic(web: Any, mg: Any, entered: TestClient) -> Clinic:
    """Accounts, two people with data, grants (one revoked) and a logged-in client per role."""
    from mgcalm.app.clinic import service as clinic

    names = {
        "owner": ("alice", "person"),
        "other_person": ("bob", "person"),
        "clinician_granted": ("dr.grant", "clinician"),
        "clinician_without": ("dr.none", "clinician"),
        "clinician_revoked": ("dr.revoked", "clinician"),
        "admin": ("admin", "admin"),
    }
    accounts = {
        role: clinic.create_account(mg, user, PASSWORD, kind, user.title())
        for role, (user, kind) in names.items()
    }
    alice, bob = accounts["owner"].person_id, accounts["other_person"].person_id
    _person_with_data(mg, alice, "Alice Example")
    _person_with_data(mg, bob, "Bob Example")
    for role in ("clinician_granted", "clinician_revoked"):
        clinic.redeem(mg, accounts[role], clinic.invite(mg, accounts["owner"]))
    revoked = clinic.account_view(mg, accounts["clinician_revoked"])["grants"][0]["id"]
    clinic.revoke(mg, accounts["owner"], revoked)
    granted = clinic.account_view(mg, accounts["clinician_granted"])["grants"][0]["id"]
    clients = {"anonymous": Browser(entered)}
    for role, (user, _) in names.items():
        clients[role] = Browser(entered)
        assert log_in(clients[role], user).status_code == 303
    return Clinic(web, mg, clients, entered, accounts, alice, bob, granted)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def clinic_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database for one module's clinic: a SQLite file or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('clinic') / 'clinic.db'}"
        return
    with request.getfixturevalue("postgres_schema")("c") as url:
        yield url


def open_clinic_web(url: str, data_dir: Path) -> tuple[Any, Any, TestClient]:
    """A clinic-mode web app on ``url`` with its services opened; returns (web, mg, client)."""
    from mgcalm.app import Settings, open_app
    from mgcalm.web.app import create_app

    web = create_app()
    entered = new_client(web).__enter__()  # runs the lifespan (which resets the services)
    web.state.mg = open_app(Settings(data_dir=data_dir, database_url=url, clinic_mode=True))
    return web, web.state.mg, entered


@pytest.fixture(scope="module")
def clinic_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Clinic mode on, with a cheap argon2 cost so the suite stays quick."""
    data_dir = tmp_path_factory.mktemp("clinic-data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MGCALM_CLINIC_MODE", "1")
        for name, value in CHEAP_ARGON2.items():
            mp.setenv(name, value)
        yield data_dir


@pytest.fixture(scope="module")
def the_clinic(clinic_url: str, clinic_env: Path) -> Iterator[Clinic]:
    """The module's clinic (built once per database kind)."""
    web, mg, entered = open_clinic_web(clinic_url, clinic_env)
    try:
        yield build_clinic(web, mg, entered)
    finally:
        entered.__exit__(None, None, None)


@pytest.fixture
def fresh_clinic(
    database_url: str, mgcalm_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], Clinic]]:
    """A clinic of its own for a test that changes things (passwords, rate limits, grants)."""
    monkeypatch.setenv("MGCALM_CLINIC_MODE", "1")
    for name, value in CHEAP_ARGON2.items():
        monkeypatch.setenv(name, value)
    opened: list[TestClient] = []

    def make() -> Clinic:
        web, mg, entered = open_clinic_web(database_url, mgcalm_data_dir)
        opened.append(entered)
        return build_clinic(web, mg, entered)

    yield make
    for entered in opened:
        entered.__exit__(None, None, None)
