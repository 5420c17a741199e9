"""Personal mode beyond loopback: nothing but pairing, static files and support without a device."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mgcalm.app.devices.pairing import make_code
from mgcalm.web.pairing import DEVICE_COOKIE, public

from .conftest import PROFILE, TOKEN, all_routes, send

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

OPEN = ("/pair", "/api/pair", "/support", "/api/support", "/manifest.webmanifest", "/sw.js")


@pytest.fixture
def exposed(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """mgcalm as `mgcalm serve --host 0.0.0.0` runs it, with a person and some data."""
    monkeypatch.setenv("MGCALM_HOST", "0.0.0.0")
    from mgcalm.domain.profile_parse import profile_from_mapping
    from mgcalm.web import deps
    from mgcalm.web.app import create_app

    with TestClient(create_app(), raise_server_exceptions=False, base_url="http://localhost") as c:
        services = deps.app_of(c.app)  # type: ignore[arg-type]
        profile, _ = profile_from_mapping(PROFILE)
        assert profile is not None
        services.set_up(profile, person_id="p1", display_name="Sam", begin=("anxiety", "baseline"))
        services.log(
            "p1", "checkin", {"day": services.today(), "anxiety": 4, "note": "private words"}
        )
        yield c


def new_code(client: TestClient) -> str:
    from mgcalm.app.settings import load_settings
    from mgcalm.web import deps

    services = deps.app_of(client.app)  # type: ignore[arg-type]
    return make_code(services.store, load_settings(), services.now(), "test").code


def pair_form(client: TestClient, code: str, name: str = "My phone", **headers: str) -> Any:
    found = TOKEN.search(client.get("/pair").text)
    assert found
    data = {"csrf_token": found.group(1), "code": code, "name": name, "next": "/log"}
    return client.post("/pair", data=data, follow_redirects=False, headers=headers)


def refused(response: Any) -> bool:
    if response.status_code == 303:
        return str(response.headers["location"]).startswith("/pair?next=")
    return response.status_code == 401


def test_an_unpaired_device_is_refused_everywhere(exposed: TestClient) -> None:
    private = [(m, p) for m, p in all_routes(exposed.app) if not public(p)]
    assert len(private) > 50
    for method, path in private:
        response = send(exposed, method, path)
        assert refused(response), (method, path, response.status_code)  # type: ignore[attr-defined]
        assert "private words" not in response.text  # type: ignore[attr-defined]
    for path in ("/openapi.json", "/api/export", "/settings/export", "/api/devices"):
        assert refused(exposed.get(path, follow_redirects=False)), path
    for path in OPEN:
        status = exposed.get(path).status_code
        assert status in (200, 405), (path, status)  # the pair API is POST only
    assert exposed.get("/static/mgcalm.css").status_code == 200
    # Whatever the source address: a reverse proxy on this machine makes everyone look local.
    assert refused(
        exposed.get("/", headers={"x-forwarded-for": "127.0.0.1"}, follow_redirects=False)
    )


def test_a_code_pairs_one_device_which_then_sees_its_data(exposed: TestClient) -> None:
    code = new_code(exposed)
    answer = pair_form(exposed, f"{code[:4]} {code[4:]}")
    assert answer.status_code == 303 and answer.headers["location"] == "/log"
    cookie = exposed.cookies.get(DEVICE_COOKIE)
    assert cookie and len(cookie) >= 40
    assert (
        "HttpOnly" in answer.headers["set-cookie"]
        and "SameSite=Lax" in answer.headers["set-cookie"]
    )
    assert exposed.get("/api/today").status_code == 200
    assert "private words" in exposed.get("/api/export").text
    listed = exposed.get("/api/devices").json()
    assert listed["pairing_required"] is True
    assert [d["name"] for d in listed["devices"]] == ["My phone"]
    assert listed["devices"][0]["this_device"] is True
    assert {"device_paired", "pairing_code"} <= {a["action"] for a in listed["activity"]}
    # The store keeps only the digest of the session token.
    from mgcalm.web import deps

    services = deps.app_of(exposed.app)  # type: ignore[arg-type]
    with services.store.read() as conn:
        stored = conn.exec_driver_sql("SELECT digest FROM devices").scalars().all()
    assert stored and cookie not in stored and all(len(d) == 64 for d in stored)
    # The code works once: a second device cannot use it.
    other = TestClient(exposed.app, raise_server_exceptions=False, base_url="http://localhost")
    again = pair_form(other, code)
    assert again.status_code == 422 and "used already" in again.text
    assert refused(other.get("/api/today", follow_redirects=False))


def test_revoking_a_device_locks_it_out_at_once(exposed: TestClient) -> None:
    assert pair_form(exposed, new_code(exposed)).status_code == 303
    phone = TestClient(exposed.app, raise_server_exceptions=False, base_url="http://localhost")
    assert pair_form(phone, new_code(exposed), "Second phone").status_code == 303
    second = next(
        d for d in exposed.get("/api/devices").json()["devices"] if d["name"] == "Second phone"
    )
    assert phone.get("/api/today").status_code == 200
    revoked = exposed.delete(f"/api/devices/{second['id']}")
    assert revoked.status_code == 200 and revoked.json()["live"] is False
    assert phone.get("/api/today").status_code == 401
    activity = exposed.get("/api/devices").json()["activity"]
    assert activity[0]["action"] == "device_revoked" and activity[0]["who"] == "My phone"
    assert exposed.delete(f"/api/devices/{second['id']}").status_code == 422  # already revoked


def test_settings_page_shows_a_code_with_its_qr_and_revokes(exposed: TestClient) -> None:
    assert pair_form(exposed, new_code(exposed)).status_code == 303
    page = exposed.get("/settings/devices")
    assert page.status_code == 200 and "My phone" in page.text and "(this device)" in page.text
    token = TOKEN.search(page.text)
    assert token
    shown = exposed.post("/settings/devices/code", data={"csrf_token": token.group(1)})
    assert shown.status_code == 200 and "<svg" in shown.text
    code = re.search(r'class="pair-code"[^>]*>(\d{4} \d{4})<', shown.text)
    assert code
    assert "/pair?code=" + code.group(1).replace(" ", "") in shown.text
    phone = TestClient(exposed.app, raise_server_exceptions=False, base_url="http://localhost")
    assert pair_form(phone, code.group(1)).status_code == 303


def test_guessing_codes_is_cut_off(exposed: TestClient) -> None:
    for _ in range(10):
        assert pair_form(exposed, "00000000").status_code == 422
    right = new_code(exposed)
    assert (
        pair_form(exposed, right).status_code == 429
    )  # even the right code, until the window ends
    assert pair_form(exposed, "12").status_code == 429


def test_the_api_pairs_with_json(exposed: TestClient) -> None:
    answer = exposed.post("/api/pair", json={"code": new_code(exposed), "name": "Tablet"})
    assert answer.status_code == 201 and answer.json()["name"] == "Tablet"
    assert exposed.get("/api/today").status_code == 200
    wrong = exposed.post("/api/pair", json={"code": "1234"})
    assert wrong.status_code == 422 and wrong.json()["problems"][0]["location"] == "code"


def test_a_proxy_on_this_machine_can_ask_for_pairing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGCALM_PAIRING", "required")
    from mgcalm.web.app import create_app

    with TestClient(create_app(), raise_server_exceptions=False, base_url="http://localhost") as c:
        assert refused(c.get("/api/today", follow_redirects=False))


def test_on_loopback_nothing_asks_for_pairing(client: TestClient, person: str) -> None:
    assert client.get("/api/today").status_code == 200
    page = client.get("/pair")
    assert page.status_code == 200 and "no pairing is needed" in page.text


def test_the_device_table_holds_no_token(exposed: TestClient) -> None:
    pair_form(exposed, new_code(exposed))
    from mgcalm.web import deps

    services = deps.app_of(exposed.app)  # type: ignore[arg-type]
    with services.store.read() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("devices")}
    assert "token" not in columns and "digest" in columns
