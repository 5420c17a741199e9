"""Who may reach what: every endpoint × every role, on SQLite and PostgreSQL.

Roles: anonymous, the owner (Alice), another person (Bob), a clinician with Alice's grant, one
without, one whose grant Alice revoked, and the admin. No account may read or change Alice's
data without her grant (no IDOR): the person pages always show the logged-in person, and the
clinician pages answer 404 without an active grant.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.clinic.conftest import PASSWORD, TOKEN, Browser, log_in

from mgcalm.web.clinic.policy import (
    ACCOUNT_PREFIXES,
    ADMIN_EXACT,
    ADMIN_PREFIXES,
    PUBLIC_PREFIXES,
    REFUSED,
    under,
)

CLINICIANS = ("clinician_granted", "clinician_without", "clinician_revoked")
PEOPLE = ("owner", "other_person")
NOT_PEOPLE = (*CLINICIANS, "admin")
PUBLIC = ("/login", "/support", "/api/support", "/openapi.json")
FILL = {"{kind}": "checkin", "{instrument_id}": "phq9", "{entry_id}": "no-such-entry"}


def all_routes(web: Any) -> list[tuple[str, str]]:
    """(method, path) of every route of the app, whatever way the routers were included."""
    found = []
    stack = list(web.routes)
    while stack:
        route = stack.pop()
        inner = getattr(route, "original_router", None)
        if inner is not None:
            stack.extend(inner.routes)
            continue
        for method in getattr(route, "methods", None) or ():
            if method != "HEAD":
                found.append((method, route.path))
    return sorted(found)


def fill(path: str) -> str:
    for name, value in FILL.items():
        path = path.replace(name, value)
    assert "{" not in path or path.startswith("/clinic/people/"), f"fill in {path}"
    return path


def person_routes(web: Any) -> list[tuple[str, str]]:
    """Routes that show or change the logged-in person's own data."""
    out = []
    for method, path in all_routes(web):
        if path in PUBLIC or under(path, (*PUBLIC_PREFIXES, *ACCOUNT_PREFIXES, *ADMIN_PREFIXES)):
            continue
        if path in ADMIN_EXACT or under(path, REFUSED):
            continue
        if method != "GET" and path in ("/settings", "/api/settings"):
            continue  # the clinic's region and units: admin only, checked below
        out.append((method, fill(path)))
    return out


def send(clinic: Any, role: str, method: str, path: str) -> Any:
    """One request as ``role``: forms carry a valid CSRF token, the API gets JSON."""
    client = clinic.client(role)
    if method == "GET":
        return client.get(path, follow_redirects=False)
    if path.startswith("/api/"):
        return client.request(method, path, json={}, follow_redirects=False)
    data = {"csrf_token": clinic.token(role)}
    return client.request(method, path, data=data, follow_redirects=False)


def alice_snapshot(clinic: Any) -> tuple[int, int, int]:
    """How much of Alice's data is stored (entries, profile versions, phases)."""
    mg, alice = clinic.mg, clinic.alice
    return len(mg.history(alice)), len(mg.profile_history(alice)), len(mg.trial(alice).phases)


def refused(response: Any, path: str) -> bool:
    """Sent to log in, or forbidden: never the data."""
    if response.status_code == 303:
        return response.headers["location"].startswith(("/login", "/clinic", "/admin"))
    return response.status_code in (401, 403)


def test_anonymous_reaches_only_public_pages(the_clinic: Any) -> None:
    for method, path in person_routes(the_clinic.web):
        response = send(the_clinic, "anonymous", method, path)
        assert refused(response, path), (method, path, response.status_code)
        if method == "GET" and not path.startswith("/api/"):
            assert response.headers["location"].startswith("/login?next=")
    for path in PUBLIC:
        assert the_clinic.client("anonymous").get(path).status_code == 200, path
    # The calendar feed's token is its key: a made-up one finds nothing.
    assert the_clinic.client("anonymous").get("/calendar/made-up.ics").status_code == 404


def test_each_person_sees_only_their_own_data(the_clinic: Any) -> None:
    c = the_clinic
    marks = {"owner": ("Alice Example", c.alice), "other_person": ("Bob Example", c.bob)}
    for role in PEOPLE:
        other = marks["other_person" if role == "owner" else "owner"]
        for method, path in person_routes(c.web):
            if method != "GET":
                continue
            response = c.client(role).get(path, follow_redirects=False)
            # No one here runs a blinded trial, so there is no helper's sheet to hand out.
            expected = 422 if path == "/trial/helper-sheet.pdf" else 200
            assert response.status_code == expected, (role, path, response.status_code)
            assert other[0] not in response.text and other[1] not in response.text, (role, path)
    assert "Alice Example" in c.client("owner").get("/").text
    assert "Bob Example" in c.client("other_person").get("/").text


def test_clinicians_and_admin_cannot_read_or_change_person_pages(the_clinic: Any) -> None:
    before = alice_snapshot(the_clinic)
    for role in NOT_PEOPLE:
        for method, path in person_routes(the_clinic.web):
            response = send(the_clinic, role, method, path)
            assert refused(response, path), (role, method, path, response.status_code)
            assert "Alice Example" not in response.text
    assert alice_snapshot(the_clinic) == before


def test_another_person_writing_changes_only_their_own_data(the_clinic: Any) -> None:
    c = the_clinic
    before, bobs = alice_snapshot(c), len(c.mg.history(c.bob))
    day = c.mg.today().isoformat()
    body = {"id": "bob-own-entry", "day": day, "anxiety": 3}
    done = c.client("other_person").post("/api/entries/checkin", json=body)
    assert done.status_code == 201, done.text
    assert alice_snapshot(c) == before
    assert len(c.mg.history(c.bob)) == bobs + 1
    assert c.mg.history(c.alice, ids=("bob-own-entry",)) == []


# The clinic's own pages: role → expected status (303 means sent to log in).
CLINIC_GETS: dict[str, dict[str, int]] = {
    "/clinic": {
        "anonymous": 303,
        "owner": 403,
        "other_person": 403,
        "clinician_granted": 200,
        "clinician_without": 200,
        "clinician_revoked": 200,
        "admin": 403,
    },
    "/clinic/people/{alice}": {
        "anonymous": 303,
        "owner": 403,
        "other_person": 403,
        "clinician_granted": 200,
        "clinician_without": 404,
        "clinician_revoked": 404,
        "admin": 403,
    },
    "/api/clinic/people/{alice}": {
        "anonymous": 401,
        "owner": 403,
        "other_person": 403,
        "clinician_granted": 200,
        "clinician_without": 404,
        "clinician_revoked": 404,
        "admin": 403,
    },
    "/api/clinic": {
        "anonymous": 401,
        "owner": 403,
        "other_person": 403,
        "clinician_granted": 200,
        "clinician_without": 200,
        "clinician_revoked": 200,
        "admin": 403,
    },
    "/account": dict.fromkeys((*PEOPLE, *NOT_PEOPLE), 200) | {"anonymous": 303},
    "/api/account": dict.fromkeys((*PEOPLE, *NOT_PEOPLE), 200) | {"anonymous": 401},
    "/admin": dict.fromkeys((*PEOPLE, *CLINICIANS), 403) | {"anonymous": 303, "admin": 200},
    "/api/admin": dict.fromkeys((*PEOPLE, *CLINICIANS), 403) | {"anonymous": 401, "admin": 200},
    "/settings/export": dict.fromkeys((*PEOPLE, *NOT_PEOPLE), 403) | {"anonymous": 303},
    "/api/export": dict.fromkeys((*PEOPLE, *NOT_PEOPLE), 403) | {"anonymous": 401},
}


# Where Alice's data may appear at all: her granted clinician's pages.
SHOWS_ALICE = {
    ("/clinic", "clinician_granted"),
    ("/clinic/people/{alice}", "clinician_granted"),
    ("/api/clinic", "clinician_granted"),
    ("/api/clinic/people/{alice}", "clinician_granted"),
}


@pytest.mark.parametrize("path", sorted(CLINIC_GETS))
def test_clinic_pages_by_role(the_clinic: Any, path: str) -> None:
    url = path.replace("{alice}", the_clinic.alice)
    for role, expected in CLINIC_GETS[path].items():
        response = the_clinic.client(role).get(url, follow_redirects=False)
        assert response.status_code == expected, (role, path, response.status_code)
        shows_alice = "Alice Example" in response.text
        assert shows_alice == ((path, role) in SHOWS_ALICE), (role, path)


def test_the_dashboard_lists_only_granted_people(the_clinic: Any) -> None:
    for role in CLINICIANS:
        people = the_clinic.client(role).get("/api/clinic").json()["people"]
        ids = {p["person_id"] for p in people}
        assert ids == ({the_clinic.alice} if role == "clinician_granted" else set()), role


def test_unknown_person_id_is_the_same_404_as_an_ungranted_one(the_clinic: Any) -> None:
    client = the_clinic.client("clinician_without")
    real = client.get(f"/clinic/people/{the_clinic.alice}")
    made_up = client.get("/clinic/people/p-does-not-exist")
    assert real.status_code == made_up.status_code == 404
    assert the_clinic.client("clinician_granted").get("/clinic/people/p-nope").status_code == 404


def test_grant_and_admin_actions_by_the_wrong_role_are_refused(the_clinic: Any) -> None:
    c = the_clinic
    for role in (*NOT_PEOPLE, "other_person"):
        response = c.post(role, "/account/revoke", {"grant_id": c.alice_grant})
        assert response.status_code in (403, 404), (role, response.status_code)
    assert {
        p["person_id"] for p in c.client("clinician_granted").get("/api/clinic").json()["people"]
    } == {c.alice}
    for role in NOT_PEOPLE:
        assert c.post(role, "/account/invite").status_code == 403, role
    for role in (*PEOPLE, "admin"):
        assert c.post(role, "/account/redeem", {"code": "AAAA-BBBB"}).status_code == 403, role
    for role in (*PEOPLE, *CLINICIANS):
        reset = c.post(role, "/admin/reset", {"username": "alice", "password": "x" * 12})
        assert reset.status_code == 403, role
        made = c.post(
            role, "/admin/accounts", {"username": "evil", "password": "x" * 12, "role": "admin"}
        )
        assert made.status_code == 403, role
    for role in (*PEOPLE, *NOT_PEOPLE):
        assert c.post(role, "/settings/delete", {"confirm": "DELETE"}).status_code == 403
        assert c.post(role, "/settings/backup").status_code == 403
        assert c.post(role, "/settings", {"region": "UK", "units": "mg"}).status_code in (
            (303,) if role == "admin" else (403,)
        ), role
    assert alice_snapshot(c)[0] > 0 and c.mg.person(c.alice)


def test_a_new_person_onboards_into_their_own_record_only(fresh_clinic: Any) -> None:
    from mgcalm.app.clinic import service as services

    c = fresh_clinic()
    services.create_account(c.mg, "carol", PASSWORD, "person", "Carol")
    browser = Browser(c.entered)
    assert log_in(browser, "carol").status_code == 303
    assert browser.get("/", follow_redirects=False).headers["location"] == "/onboarding"
    before = (c.mg.profile_history(c.alice), c.mg.person(c.alice).display_name)
    page = browser.get("/onboarding")
    token = TOKEN.search(page.text)
    assert token
    form = {
        "csrf_token": token.group(1),
        "name": "Carol",
        "person.age": "40",
        "person.sex": "female",
        "health.kidney": "normal",
        "day.wake": "07:00",
        "day.breakfast": "07:30",
        "day.lunch": "12:30",
        "day.dinner": "18:30",
        "day.bedtime": "23:00",
        "goals.focus": "sleep",
    }
    done = browser.post("/onboarding", data=form, follow_redirects=False)
    assert done.status_code == 303, done.text
    carol = browser.get("/api/today").json()
    assert carol["name"] == "Carol"
    assert (c.mg.profile_history(c.alice), c.mg.person(c.alice).display_name) == before
    assert len(c.mg.people()) == 3


def test_login_never_redirects_off_site(the_clinic: Any) -> None:
    browser = Browser(the_clinic.entered)
    token = TOKEN.search(browser.get("/login").text)
    assert token
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        data = {
            "csrf_token": token.group(1),
            "username": "dr.none",
            "password": PASSWORD,
            "next": target,
        }
        sent = browser.post("/login", data=data, follow_redirects=False)
        assert sent.headers["location"] == "/clinic", target
        token = TOKEN.search(browser.get("/login").text)
        assert token


def test_prefixes_match_whole_path_segments(the_clinic: Any) -> None:
    from mgcalm.web.clinic.policy import verdict

    doctor = the_clinic.accounts["clinician_granted"]
    assert verdict("/clinic/people/x", "GET", doctor) == "allow"
    assert verdict("/clinicx", "GET", doctor) == "forbid"
    assert verdict("/accounting", "GET", doctor) == "forbid"
    assert verdict("/supportive", "GET", None) == "login"


# Every route that is not one of a person's own pages (those are found and tested above), with
# the answer each role gets to an empty request. A route added anywhere in the app that is
# neither a person route nor listed here fails test_every_route_is_classified: decide who may
# reach it, and add it here. 303 from anonymous means "sent to log in".
ANY_ACCOUNT = (*PEOPLE, *NOT_PEOPLE)


Status = int | tuple[int, ...]


def _by_role(anonymous: Status, **roles: Status) -> dict[str, Status]:
    default = roles.pop("others", None)
    found: dict[str, Status] = {"anonymous": anonymous}
    for role in ANY_ACCOUNT:
        found[role] = roles.get(role, default if default is not None else 0)
    return found


def _people(ok: int, others: int, anonymous: int) -> dict[str, Status]:
    return _by_role(anonymous, owner=ok, other_person=ok, others=others)


def _clinicians(ok: int, others: int, anonymous: int) -> dict[str, Status]:
    return _by_role(anonymous, others=others, **dict.fromkeys(CLINICIANS, ok))


def _admin(ok: int, others: int, anonymous: int) -> dict[str, Status]:
    return _by_role(anonymous, admin=ok, others=others)


PUBLIC_GET = _by_role(200, others=200)
LOGIN_REFUSED = (401, 429)
OTHER_ROUTES: dict[tuple[str, str], dict[str, Status]] = {
    ("GET", "/login"): PUBLIC_GET,
    ("GET", "/support"): PUBLIC_GET,
    ("GET", "/api/support"): PUBLIC_GET,
    ("GET", "/openapi.json"): PUBLIC_GET,
    ("GET", "/calendar/{token}.ics"): _by_role(404, others=404),  # a made-up token
    # No credentials given: wrong, and from the sixth try on this address, wait (429).
    ("POST", "/login"): _by_role(LOGIN_REFUSED, others=LOGIN_REFUSED),
    ("GET", "/account"): _by_role(303, others=200),
    ("GET", "/api/account"): _by_role(401, others=200),
    ("POST", "/account/password"): _by_role(303, others=422),  # no passwords given
    ("POST", "/api/account/password"): _by_role(401, others=422),
    ("POST", "/account/invite"): _people(200, 403, 303),
    ("POST", "/api/account/invitations"): _people(201, 403, 401),
    ("POST", "/account/revoke"): _people(404, 403, 303),  # no grant named
    ("POST", "/account/delete"): _people(422, 403, 303),  # not confirmed: nothing deleted
    ("POST", "/account/redeem"): _clinicians(422, 403, 303),  # no code given
    ("GET", "/clinic"): _clinicians(200, 403, 303),
    ("GET", "/clinic/pooled"): _clinicians(200, 403, 303),
    ("GET", "/api/clinic/pooled"): _clinicians(200, 403, 401),
    ("POST", "/account/pooling"): _people(422, 403, 303),  # no choice given: nothing saved
    ("GET", "/api/account/pooling"): _people(200, 403, 401),
    ("PUT", "/api/account/pooling"): _people(422, 403, 401),
    ("GET", "/api/clinic"): _clinicians(200, 403, 401),
    ("GET", "/clinic/people/{person_id}"): _clinicians(404, 403, 303),  # a made-up id
    ("GET", "/api/clinic/people/{person_id}"): _clinicians(404, 403, 401),
    ("GET", "/admin"): _admin(200, 403, 303),
    ("GET", "/api/admin"): _admin(200, 403, 401),
    ("POST", "/admin/reset"): _admin(422, 403, 303),  # no account named
    ("POST", "/admin/accounts"): _admin(422, 403, 303),  # nothing given
    ("POST", "/settings"): _admin(422, 403, 303),  # no region given
    ("PUT", "/api/settings"): _admin(422, 403, 401),
    ("GET", "/settings/export"): _by_role(303, others=403),  # everyone's data: never
    ("GET", "/api/export"): _by_role(401, others=403),
    ("POST", "/settings/backup"): _by_role(303, others=403),
    ("POST", "/api/backup"): _by_role(401, others=403),
    ("POST", "/settings/delete"): _by_role(303, others=403),
    ("POST", "/api/delete"): _by_role(401, others=403),
    ("POST", "/logout"): _by_role(303, others=303),  # sent last: it ends the session
}
OTHER_FILL = {"{token}": "made-up", "{person_id}": "p-made-up"}


def _other_path(path: str) -> str:
    for name, value in OTHER_FILL.items():
        path = path.replace(name, value)
    return path


def test_every_route_is_classified(the_clinic: Any) -> None:
    people = {(m, p) for m, p in person_routes(the_clinic.web)}
    unclassified = [
        (method, path)
        for method, path in all_routes(the_clinic.web)
        if (method, path) not in OTHER_ROUTES
        and (method, fill(path) if not path.startswith(("/clinic/", "/api/clinic/")) else path)
        not in people
    ]
    assert unclassified == [], f"decide who may reach these and add them: {unclassified}"
    stale = [route for route in OTHER_ROUTES if route not in all_routes(the_clinic.web)]
    assert stale == [], f"no longer routes: {stale}"


def test_every_other_route_answers_each_role_as_classified(fresh_clinic: Any) -> None:
    c = fresh_clinic()
    before = alice_snapshot(c)
    wrong = []
    for (method, template), expected in sorted(
        OTHER_ROUTES.items(), key=lambda item: item[0][1] == "/logout"
    ):
        path = _other_path(template)
        for role, status in expected.items():
            response = send(c, role, method, path)
            allowed = status if isinstance(status, tuple) else (status,)
            if response.status_code not in allowed:
                wrong.append((role, method, path, response.status_code, status))
            if (template, role) not in SHOWS_ALICE:
                assert "Alice Example" not in response.text, (role, method, path)
    assert wrong == [], wrong
    assert alice_snapshot(c) == before
