"""Logins and sessions: fixation, CSRF, cookie flags, rate limits, logout, password resets."""

from __future__ import annotations

from typing import Any

import pytest
from tests.clinic.conftest import PASSWORD, TOKEN, Browser, log_in, open_clinic_web

from mgcalm.web.clinic.auth import SESSION_COOKIE
from mgcalm.web.security import CSRF_COOKIE


def plant(browser: Browser, token: str | None) -> None:
    """Give the browser a session cookie, as a page on this site could have set it."""
    browser.jar.set(SESSION_COOKIE, token or "", domain="localhost.local")


def session_of(browser: Browser) -> str | None:
    return browser.jar.get(SESSION_COOKIE)


def test_login_rotates_the_session_id_and_the_planted_one_is_useless(the_clinic: Any) -> None:
    browser = Browser(the_clinic.entered)
    plant(browser, "planted-by-an-attacker")
    assert browser.get("/clinic", follow_redirects=False).status_code == 303
    assert log_in(browser, "dr.grant").status_code == 303
    assert session_of(browser) not in (None, "planted-by-an-attacker")
    attacker = Browser(the_clinic.entered)
    plant(attacker, "planted-by-an-attacker")
    assert attacker.get("/clinic", follow_redirects=False).status_code == 303


def test_a_second_login_ends_the_session_it_came_with(the_clinic: Any) -> None:
    browser = Browser(the_clinic.entered)
    log_in(browser, "dr.none")
    first = session_of(browser)
    log_in(browser, "dr.none")
    second = session_of(browser)
    assert first and second and first != second
    stale = Browser(the_clinic.entered)
    plant(stale, first)
    assert stale.get("/api/clinic").status_code == 401


def test_login_also_renews_the_csrf_token(the_clinic: Any) -> None:
    browser = Browser(the_clinic.entered)
    browser.get("/login")
    before = browser.jar.get(CSRF_COOKIE)
    log_in(browser, "dr.none")
    assert browser.jar.get(CSRF_COOKIE) not in (None, before)


def test_session_cookie_flags(the_clinic: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    browser = Browser(the_clinic.entered)
    cookie = log_in(browser, "dr.none").headers.get_list("set-cookie")
    session = next(c for c in cookie if c.startswith(SESSION_COOKIE))
    assert "HttpOnly" in session and "SameSite=Lax" in session and "Secure" not in session
    monkeypatch.setenv("MGCALM_SECURE_COOKIES", "true")
    cookie = log_in(Browser(the_clinic.entered), "dr.none").headers.get_list("set-cookie")
    session = next(c for c in cookie if c.startswith(SESSION_COOKIE))
    assert "Secure" in session and "HttpOnly" in session


def test_the_session_token_is_not_stored_as_given(the_clinic: Any) -> None:
    browser = Browser(the_clinic.entered)
    log_in(browser, "dr.none")
    token = session_of(browser)
    with the_clinic.mg.store.read() as conn:
        ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM clinic_sessions")]
    assert token and token not in ids


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/login", {"username": "alice", "password": PASSWORD}),
        ("/logout", {}),
        ("/account/invite", {}),
        ("/account/revoke", {"grant_id": "x"}),
        ("/admin/reset", {"username": "alice", "password": "another password"}),
    ],
)
def test_every_clinic_form_needs_the_csrf_token(the_clinic: Any, path: str, data: dict) -> None:
    role = "admin" if path.startswith("/admin") else "owner"
    browser = the_clinic.client(role)
    assert browser.post(path, data=data, follow_redirects=False).status_code == 403
    forged = {**data, "csrf_token": "x" * 43}
    assert browser.post(path, data=forged, follow_redirects=False).status_code == 403
    assert browser.get("/account").status_code == 200  # still logged in: nothing happened


def test_a_cross_site_post_is_refused_even_with_a_token(the_clinic: Any) -> None:
    browser = the_clinic.client("owner")
    token = TOKEN.search(browser.get("/account").text)
    assert token
    headers = {"origin": "https://evil.example"}
    sent = browser.post("/account/invite", data={"csrf_token": token.group(1)}, headers=headers)
    assert sent.status_code == 403


def test_logout_ends_the_session_in_the_database(fresh_clinic: Any) -> None:
    clinic = fresh_clinic()
    browser = clinic.client("clinician_granted")
    token = session_of(browser)
    assert clinic.post("clinician_granted", "/logout").status_code == 303
    replay = Browser(clinic.entered)
    plant(replay, token)
    assert replay.get("/api/clinic").status_code == 401


def test_failed_logins_are_rate_limited_across_workers(
    fresh_clinic: Any, database_url: str, mgcalm_data_dir: Any
) -> None:
    clinic = fresh_clinic()
    for _ in range(5):
        assert log_in(Browser(clinic.entered), "alice", "wrong password!").status_code == 401
    # A second app on the same database stands in for another worker or host.
    _, _, other = open_clinic_web(database_url, mgcalm_data_dir)
    try:
        refused = log_in(Browser(other), "alice")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        assert "too many failed attempts" in refused.text
    finally:
        other.__exit__(None, None, None)
    assert log_in(Browser(clinic.entered), "bob").status_code == 303  # others are unaffected


def test_an_unknown_username_and_a_wrong_password_look_the_same(the_clinic: Any) -> None:
    unknown = log_in(Browser(the_clinic.entered), "nobody-here", "whatever password")
    wrong = log_in(Browser(the_clinic.entered), "dr.revoked", "whatever password")
    assert unknown.status_code == wrong.status_code == 401
    assert "the username or password is not right" in unknown.text
    assert "the username or password is not right" in wrong.text


def test_admin_resets_a_password_and_old_sessions_end(fresh_clinic: Any) -> None:
    clinic = fresh_clinic()
    old_session = session_of(clinic.client("owner"))
    new = "a brand new passphrase"
    done = clinic.post("admin", "/admin/reset", {"username": "alice", "password": new})
    assert done.status_code == 200 and "was reset" in done.text
    replay = Browser(clinic.entered)
    plant(replay, old_session)
    assert replay.get("/api/account").status_code == 401
    assert log_in(Browser(clinic.entered), "alice").status_code == 401
    assert log_in(Browser(clinic.entered), "alice", new).status_code == 303
    audit = clinic.client("owner").get("/api/account")
    assert audit.status_code == 401  # the owner's browser was logged out by the reset
    fresh = Browser(clinic.entered)
    log_in(fresh, "alice", new)
    actions = [a["action"] for a in fresh.get("/api/account").json()["audit"]]
    assert "password_reset" in actions


def test_short_passwords_are_refused_with_the_field_named(the_clinic: Any) -> None:
    sent = the_clinic.post(
        "admin", "/admin/accounts", {"username": "newbie", "password": "short", "role": "person"}
    )
    assert sent.status_code == 422
    assert "password" in sent.text and "10 to 256 characters" in sent.text


def test_passwords_are_stored_as_argon2id_hashes(the_clinic: Any) -> None:
    with the_clinic.mg.store.read() as conn:
        hashes = [row[0] for row in conn.exec_driver_sql("SELECT password_hash FROM accounts")]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(PASSWORD in h for h in hashes)


def test_a_session_ends_after_its_hours(fresh_clinic: Any) -> None:
    from datetime import timedelta

    clinic = fresh_clinic()
    doctor = clinic.client("clinician_granted")
    assert doctor.get("/api/clinic").status_code == 200
    real = clinic.mg.clock
    clinic.mg.clock = lambda: real() + timedelta(hours=12, minutes=1)
    try:
        assert doctor.get("/api/clinic").status_code == 401
    finally:
        clinic.mg.clock = real
