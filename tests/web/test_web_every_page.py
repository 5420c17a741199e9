"""Every page: support in its header, labelled fields, no inline script or style, a JSON twin."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

PAGES = {
    "/": "/api/today",
    "/onboarding": None,
    "/plan": "/api/plan",
    "/log": "/api/foods?q=spinach",
    "/assess": "/api/assess",
    "/assess/pcl5": "/api/assess/pcl5",
    "/progress": "/api/progress",
    "/practices": "/api/practices",
    "/learn": "/api/learn",
    "/support": "/api/support",
    "/settings": "/api/settings",
    "/trial": "/api/trial",
}


@pytest.fixture
def demo(client: TestClient) -> str:
    from mgcalm.app.demo import seed
    from mgcalm.web import deps

    services = deps.app_of(client.app)  # type: ignore[arg-type]
    return seed(services, services.today())


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_is_safe_labelled_and_has_a_json_twin(
    client: TestClient, demo: str, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    html = response.text
    assert 'href="/support"' in html.split("</header>", 1)[0]
    assert "style=" not in html and "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # scripts only from files
    for field in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html):
        assert f'for="{field}"' in html, f"{path}: #{field} has no label"
    twin = PAGES[path]
    if twin:
        assert client.get(twin).status_code == 200


def test_openapi_lists_every_json_twin(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    for twin in filter(None, PAGES.values()):
        assert twin.split("?")[0].replace("pcl5", "{instrument_id}") in paths
    assert {"/api/entries/{kind}", "/api/entries", "/api/onboarding", "/api/today/dose"} <= paths


def test_unexpected_failure_is_a_calm_500_page(
    client: TestClient, person: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mgcalm.web.routes import today

    def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(today, "today_view", broken)
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "disk on fire" not in response.text and "Traceback" not in response.text
    assert response.headers["x-frame-options"] == "DENY"  # security headers on errors too
    api = client.get("/api/today")
    assert api.status_code == 500 and "disk on fire" not in api.text


def test_log_forms_need_the_csrf_token(client: TestClient, person: str) -> None:
    response = client.post("/log/checkin", data={"anxiety": "3"})
    assert response.status_code == 403
    assert client.get("/api/today").json()["checkin_done"] is False


def test_form_post_from_another_site_is_refused(client: TestClient, person: str) -> None:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/log/checkin").text)
    assert token
    response = client.post(
        "/log/checkin",
        data={"csrf_token": token.group(1), "anxiety": "3"},
        headers={"origin": "https://evil.example"},
    )
    assert response.status_code == 403


def test_serve_binds_loopback_and_asks_for_pairing_when_exposed(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    from mgcalm.cli import serve_cmds
    from mgcalm.cli.main import app

    monkeypatch.setenv("MGCALM_HOST", "127.0.0.1")  # serve sets both; restored after the test
    monkeypatch.setenv("MGCALM_PORT", "8000")
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(serve_cmds, "_listening_socket", lambda host, port: None)
    monkeypatch.setattr(serve_cmds, "run_app", lambda s, t, **kw: calls.append({"app": t, **kw}))
    runner = CliRunner()
    quiet = runner.invoke(app, ["serve"])
    assert quiet.exit_code == 0 and "pair" not in quiet.output
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8000
    assert calls[-1]["factory"] is True and calls[-1]["app"] == "mgcalm.web.app:create_app"
    assert calls[-1]["ssl_certfile"] is None and calls[-1]["ssl_keyfile"] is None
    exposed = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9000"])
    assert exposed.exit_code == 0, exposed.output
    assert calls[-1]["host"] == "0.0.0.0" and calls[-1]["port"] == 9000
    codes = re.findall(r"/pair\?code=(\d{8})", exposed.output)
    assert len(set(codes)) == 2  # one for the phone (with its QR code), one for this computer
    assert "█" in exposed.output and ":9000/pair?code=" in exposed.output


def test_serve_passes_tls_files_to_uvicorn(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, tmp_path: Path
) -> None:
    from mgcalm.cli import serve_cmds
    from mgcalm.cli.main import app

    monkeypatch.setenv("MGCALM_HOST", "127.0.0.1")
    monkeypatch.setenv("MGCALM_PORT", "8000")
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(serve_cmds, "_listening_socket", lambda host, port: None)
    monkeypatch.setattr(serve_cmds, "run_app", lambda s, t, **kw: calls.append(kw))
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("cert")
    key.write_text("key")
    ok = CliRunner().invoke(app, ["serve", "--certfile", str(cert), "--keyfile", str(key)])
    assert ok.exit_code == 0, ok.output
    assert calls[-1]["ssl_certfile"] == str(cert) and calls[-1]["ssl_keyfile"] == str(key)
    assert serve_cmds.address(calls[-1]) == "https://127.0.0.1:8000"  # what it announces
    half = CliRunner().invoke(app, ["serve", "--certfile", str(cert)])
    assert half.exit_code == 2 and "--keyfile" in half.output
    missing = CliRunner().invoke(app, ["serve", "--certfile", "nope.pem", "--keyfile", str(key)])
    assert missing.exit_code == 2 and "nope.pem" in missing.output


def test_mgcalm_pair_prints_a_code_that_pairs(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    from mgcalm.cli.main import app

    monkeypatch.setenv("MGCALM_HOST", "0.0.0.0")
    monkeypatch.setenv("MGCALM_PORT", "8000")
    result = CliRunner().invoke(app, ["pair", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    code = re.search(r":8123/pair\?code=(\d{8})", result.output)
    assert code
    from mgcalm.app import open_app
    from mgcalm.app.devices.pairing import pair
    from mgcalm.app.settings import load_settings

    services = open_app()
    try:
        paired = pair(services.store, load_settings(), code.group(1), "Phone", "x", services.now())
    finally:
        services.close()
    assert paired.device.name == "Phone"


def test_serve_demo_seeds_a_separate_database(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    from mgcalm.cli import serve_cmds
    from mgcalm.cli.main import app

    monkeypatch.setattr(serve_cmds, "_listening_socket", lambda host, port: None)
    monkeypatch.setattr(serve_cmds, "run_app", lambda *a, **kw: None)
    monkeypatch.setenv("MGCALM_HOST", "127.0.0.1")
    monkeypatch.setenv("MGCALM_PORT", "8000")
    result = CliRunner().invoke(app, ["serve", "--demo"])
    assert result.exit_code == 0, result.output
    assert (data_dir / "demo" / "mgcalm.db").is_file()
    assert not (data_dir / "mgcalm.db").exists()  # the person's own data is untouched
    again = CliRunner().invoke(app, ["serve", "--demo"])  # seeding happens once
    assert again.exit_code == 0


def test_bad_port_is_refused_with_exit_2(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mgcalm.cli.main import app

    monkeypatch.setenv("MGCALM_HOST", "127.0.0.1")
    monkeypatch.setenv("MGCALM_PORT", "8000")
    result = CliRunner().invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
