"""Only this server's host names are answered (DNS rebinding gets 400) and nothing is cached."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from mgcalm.app.devices.served import host_name, host_policy, is_loopback, pairing_required
from mgcalm.app.settings import Settings

from .conftest import all_routes, send

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def _client(monkeypatch: pytest.MonkeyPatch, **env: str) -> TestClient:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    from mgcalm.web.app import create_app

    return TestClient(create_app(), raise_server_exceptions=False, base_url="http://localhost")


@pytest.fixture(params=["personal", "paired", "clinic"])
def any_server(
    request: pytest.FixtureRequest, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The web app as each kind of server: personal on loopback, personal off it, clinic."""
    env = {
        "personal": {},
        "paired": {"MGCALM_HOST": "0.0.0.0"},
        "clinic": {"MGCALM_CLINIC_MODE": "1"},
    }[request.param]
    with _client(monkeypatch, **env) as client:
        yield client


def test_a_foreign_host_gets_400_on_every_route(any_server: TestClient) -> None:
    routes = [*all_routes(any_server.app), ("GET", "/static/mgcalm.css"), ("GET", "/nowhere")]
    assert len(routes) > 60
    for method, path in routes:
        for host in ("evil.example", "evil.example:8000", "localhost.evil.example", ""):
            response = send(any_server, method, path, headers={"host": host})
            assert response.status_code == 400, (method, path, host, response.status_code)  # type: ignore[attr-defined]
            assert "answer for that host" in response.text  # type: ignore[attr-defined]


def test_loopback_names_are_answered(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with _client(monkeypatch) as client:
        for host in ("localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST."):
            assert client.get("/support", headers={"host": host}).status_code == 200, host


def test_configured_names_and_addresses_of_a_wildcard_bind_are_answered(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"MGCALM_HOST": "0.0.0.0", "MGCALM_ALLOWED_HOSTS": "mgcalm.example, phone.tail.ts.net"}
    with _client(monkeypatch, **env) as client:
        for host in ("mgcalm.example", "phone.tail.ts.net:443", "192.168.1.20:8000", "[fd00::5]"):
            assert client.get("/support", headers={"host": host}).status_code == 200, host
        assert client.get("/support", headers={"host": "rebind.example"}).status_code == 400


def test_a_specific_bind_answers_its_own_address_only(monkeypatch: pytest.MonkeyPatch) -> None:
    policy = host_policy(Settings(host="192.168.1.20"))
    assert policy.allows("192.168.1.20:8000") and policy.allows("localhost")
    assert not policy.allows("192.168.1.21:8000") and not policy.allows("attacker.example")


def test_host_names_are_read_carefully() -> None:
    assert host_name("[::1]:8000") == "::1"
    assert host_name("Example.COM.:80") == "example.com"
    assert host_name("[broken") == ""
    assert is_loopback("127.8.0.1") and is_loopback("app.localhost") and not is_loopback("10.0.0.1")


def test_pairing_is_required_beyond_loopback_only() -> None:
    assert not pairing_required(Settings(host="127.0.0.1"))
    assert not pairing_required(Settings(host="::1"))
    assert pairing_required(Settings(host="0.0.0.0"))
    assert pairing_required(Settings(host="127.0.0.1", allowed_hosts="mgcalm.example"))
    assert pairing_required(Settings(host="127.0.0.1", pairing="required"))
    assert not pairing_required(Settings(host="0.0.0.0", clinic_mode=True))  # it has logins


def test_no_store_on_every_personal_response(client: TestClient, person: str) -> None:
    from mgcalm.app.demo import seed
    from mgcalm.web import deps

    services = deps.app_of(client.app)  # type: ignore[arg-type]
    seed(services, services.today())
    checked = 0
    for method, path in all_routes(client.app):
        if "delete" in path:
            continue  # deleting everything would leave the later pages empty
        response = send(client, method, path)
        assert response.headers.get("cache-control") == "no-store", (method, path)  # type: ignore[attr-defined]
        checked += 1
    for path in ("/", "/nowhere", "/api/nowhere", "/onboarding", "/openapi.json"):
        assert client.get(path).headers["cache-control"] == "no-store", path
    assert checked > 60
    assert "no-store" not in client.get("/static/mgcalm.css").headers.get("cache-control", "")
