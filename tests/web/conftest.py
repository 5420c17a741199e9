"""Fixtures for the in-process web tests: a fresh data dir and a client per test."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    # Starlette warns at import time that it prefers the httpx2 package; the client works the same.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every mgcalm store at an empty temporary folder."""
    monkeypatch.setenv("MGCALM_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MGCALM_DATABASE_URL", raising=False)
    return tmp_path


@pytest.fixture
def client(data_dir: Path) -> Iterator[TestClient]:
    """An in-process client of a freshly built app (server errors become 500 pages)."""
    from mgcalm.web.app import create_app

    with TestClient(
        create_app(), raise_server_exceptions=False, base_url="http://localhost"
    ) as test_client:
        yield test_client


@pytest.fixture
def token(client: TestClient) -> Callable[[str], str]:
    """Load a page and return the CSRF token its forms carry."""

    def fetch(path: str) -> str:
        found = TOKEN.search(client.get(path).text)
        assert found, f"{path} has no form with a CSRF token"
        return found.group(1)

    return fetch


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


@pytest.fixture
def person(client: TestClient) -> str:
    """A person set up through the app services (what onboarding does), returning their id."""
    from mgcalm.domain.profile_parse import profile_from_mapping
    from mgcalm.web import deps

    profile, problems = profile_from_mapping(PROFILE)
    assert profile is not None, problems
    services = deps.app_of(client.app)  # type: ignore[arg-type]
    return services.create_person(profile, person_id="p1", display_name="Sam").id


FILL = {
    "{kind}": "checkin",
    "{instrument_id}": "phq9",
    "{device_id}": "no-such-device",
    "{entry_id}": "no-such-entry",
    "{token}": "made-up",
    "{step}": "about",
}


def all_routes(web: object) -> list[tuple[str, str]]:
    """(method, path) of every route of the app, path parameters filled with sample values."""
    found = []
    stack = list(getattr(web, "routes", ()))
    while stack:
        route = stack.pop()
        inner = getattr(route, "original_router", None)
        if inner is not None:
            stack.extend(inner.routes)
            continue
        path = str(getattr(route, "path", ""))
        for name, value in FILL.items():
            path = path.replace(name, value)
        for method in getattr(route, "methods", None) or ("GET",):
            if method != "HEAD":
                found.append((method, path))
    return sorted(set(found))


def send(client: TestClient, method: str, path: str, **kwargs: object) -> object:
    """One request of any method: the API gets a JSON body, forms an empty one."""
    if method == "GET":
        return client.get(path, follow_redirects=False, **kwargs)  # type: ignore[arg-type]
    body = {"json": {}} if path.startswith("/api/") else {"data": {}}
    return client.request(method, path, follow_redirects=False, **body, **kwargs)  # type: ignore[arg-type]
