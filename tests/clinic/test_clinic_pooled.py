"""/clinic/pooled: one outcome pooled across a clinician's people, and a person's opt-out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from tests.clinic.conftest import PASSWORD, TOKEN, Browser, Clinic, log_in
from tests.clinic.pooling_people import AB, ABA, add_person

from mgcalm.app.clinic import service as clinic
from mgcalm.store.clinic.access import read_audit


@dataclass
class Pooling:
    """The module's clinic with people whose trials can be pooled."""

    c: Clinic
    aba: list[str]
    ab: str
    opted_out: str
    chooser: Browser


@pytest.fixture(scope="module")
def pooling(the_clinic: Clinic) -> Iterator[Pooling]:
    c = the_clinic
    doctor = c.accounts["clinician_granted"]
    aba = [add_person(c.mg, doctor, f"aba{i}", PASSWORD, ABA, 1900 + i).person_id for i in range(4)]
    ab = add_person(c.mg, doctor, "abonly", PASSWORD, AB, 1910).person_id
    out = add_person(c.mg, doctor, "private", PASSWORD, ABA, 1911)
    clinic.set_pooling(c.mg, out, False)
    chooser = Browser(c.entered)
    assert log_in(chooser, "private").status_code == 303
    yield Pooling(c, aba, ab, out.person_id, chooser)


def view(p: Pooling, role: str = "clinician_granted") -> dict[str, Any]:
    answer = p.c.client(role).get("/api/clinic/pooled?outcome=anxiety")
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_pooled_across_controlled_trials_ab_and_opted_out_counted(pooling: Pooling) -> None:
    data = view(pooling)
    # Alice (granted) has only a week on magnesium and no return: too few days.
    assert data["counts"] == {"pooled": 4, "ab_only": 1, "too_few_days": 1, "opted_out": 1}
    assert sorted(p["person_id"] for p in data["people"]) == sorted(pooling.aba)
    assert [e["person_id"] for e in data["excluded"]] == [pooling.ab]
    pooled = data["pooled"]
    low, high = pooled["mean_effect"]["ci95"]
    assert low < pooled["mean_effect"]["estimate"] < high < 0  # anxiety fell on magnesium
    assert pooled["predicted_new_person"] is not None
    for person in data["people"]:
        assert set(person["effect"]) == {"estimate", "ci95"}
        assert set(person["shrunken"]) == {"estimate", "ci95"}
    assert "Hartung–Knapp" in data["method"]
    assert "anxiety" in data["outcomes"]


def test_the_page_is_server_rendered_with_counts_and_people(pooling: Pooling) -> None:
    page = pooling.c.client("clinician_granted").get("/clinic/pooled?outcome=anxiety")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Across your people</h1>" in text
    assert '<li data-count="ab_only">1 left out' in text
    assert '<li data-count="opted_out">1 chose not to be included' in text
    assert "Aba0" in text and "Private" not in text
    assert "<caption>Each person" in text and 'scope="row"' in text


def test_viewing_is_audited_per_person_read(pooling: Pooling) -> None:
    view(pooling)
    with pooling.c.mg.store.read() as conn:
        actions = [a.action for a in read_audit(conn, pooling.aba[0])]
        private = [a.action for a in read_audit(conn, pooling.opted_out)]
    assert "pooled_view" in actions
    assert "pooled_view" not in private  # opted out: their data is not read for the pool


def test_a_clinician_without_grants_sees_no_one(pooling: Pooling) -> None:
    data = view(pooling, "clinician_without")
    assert data["people"] == [] and data["pooled"]["mean_effect"] is None
    assert data["notes"] == ["no one to pool yet"]


@pytest.mark.parametrize("role", ["owner", "admin"])
def test_only_clinicians_see_the_pooled_page(pooling: Pooling, role: str) -> None:
    assert pooling.c.client(role).get("/api/clinic/pooled").status_code == 403
    anonymous = pooling.c.client("anonymous").get("/clinic/pooled", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")


def test_a_person_opts_out_and_back_in(pooling: Pooling) -> None:
    person = pooling.chooser
    assert person.get("/api/account/pooling").json() == {"pooled": False}
    page = person.get("/account").text
    assert 'id="pooling-no" name="pooled" value="no" checked' in page
    found = TOKEN.search(person.get("/account").text)
    assert found
    done = person.post(
        "/account/pooling",
        data={"csrf_token": found.group(1), "pooled": "yes"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/account?done=pooling"
    assert person.get("/api/account/pooling").json() == {"pooled": True}
    assert view(pooling)["counts"]["opted_out"] == 0
    put = person.request("PUT", "/api/account/pooling", json={"pooled": False})
    assert put.status_code == 200 and put.json() == {"pooled": False}
    assert view(pooling)["counts"]["opted_out"] == 1


def test_a_clinician_cannot_choose_for_anyone(pooling: Pooling) -> None:
    put = pooling.c.client("clinician_granted").request(
        "PUT", "/api/account/pooling", json={"pooled": False}
    )
    assert put.status_code == 403
    assert "pooling-title" not in pooling.c.client("clinician_granted").get("/account").text
