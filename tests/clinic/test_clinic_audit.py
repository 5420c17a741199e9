"""The audit log and the grant lifecycle: every clinician read is recorded, nothing is erased."""

from __future__ import annotations

import re
from typing import Any

import pytest
import sqlalchemy as sa
from tests.clinic.conftest import Browser, log_in

from mgcalm.app.clinic import service as clinic
from mgcalm.domain import InvalidInputError


def audit_actions(browser: Browser) -> list[tuple[str, str]]:
    return [(a["who"], a["action"]) for a in browser.get("/api/account").json()["audit"]]


def test_a_clinician_reading_a_report_is_audited_for_the_person_and_admin(
    fresh_clinic: Any,
) -> None:
    c = fresh_clinic()
    before = audit_actions(c.client("owner"))
    assert c.client("clinician_granted").get(f"/clinic/people/{c.alice}").status_code == 200
    after = audit_actions(c.client("owner"))
    assert after[0] == ("dr.grant", "report_view")
    assert len(after) == len(before) + 1
    c.client("clinician_granted").get("/clinic")
    assert audit_actions(c.client("owner"))[0] == ("dr.grant", "dashboard_view")
    admin = c.client("admin").get("/api/admin").json()["audit"]
    assert any(a["action"] == "report_view" and a["person_id"] == c.alice for a in admin)
    bobs = c.client("other_person").get("/api/account").json()["audit"]
    assert all(a["person_id"] == c.bob for a in bobs)
    assert not any(a["who"] == "dr.grant" for a in bobs)


def test_refused_reads_are_audited_as_refused_and_nothing_more(fresh_clinic: Any) -> None:
    c = fresh_clinic()
    before = audit_actions(c.client("owner"))
    for role in ("clinician_without", "clinician_revoked"):
        assert c.client(role).get(f"/clinic/people/{c.alice}").status_code == 404
    after = audit_actions(c.client("owner"))
    assert after[: len(after) - len(before)] == [
        ("dr.revoked", "access_refused"),
        ("dr.none", "access_refused"),
    ]
    assert after[len(after) - len(before) :] == before


def test_the_audit_log_is_append_only_in_the_database(the_clinic: Any) -> None:
    engine = the_clinic.mg.store.engine
    for statement in ("UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
            conn.exec_driver_sql(statement)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM audit_log").scalar()


def test_revoking_ends_access_at_once(fresh_clinic: Any) -> None:
    c = fresh_clinic()
    doctor = c.client("clinician_granted")
    assert doctor.get(f"/clinic/people/{c.alice}").status_code == 200
    revoked = c.post("owner", "/account/revoke", {"grant_id": c.alice_grant})
    assert revoked.status_code == 303
    assert doctor.get(f"/clinic/people/{c.alice}").status_code == 404
    assert doctor.get("/api/clinic").json()["people"] == []
    assert ("alice", "grant_revoked") in audit_actions(c.client("owner"))


def test_an_invitation_code_works_once_for_one_clinician(fresh_clinic: Any) -> None:
    c = fresh_clinic()
    page = c.post("other_person", "/account/invite")
    code = re.search(r'id="invitation-code">([A-Z0-9-]+)<', page.text)
    assert code, page.text
    typed = code.group(1).lower().replace("-", " ")  # case and spacing are forgiven
    assert c.post("clinician_without", "/account/redeem", {"code": typed}).status_code == 303
    people = c.client("clinician_without").get("/api/clinic").json()["people"]
    assert [p["person_id"] for p in people] == [c.bob]
    again = c.post("clinician_revoked", "/account/redeem", {"code": code.group(1)})
    assert again.status_code == 422 and "unknown, already used or expired" in again.text
    assert c.client("clinician_revoked").get(f"/clinic/people/{c.bob}").status_code == 404


def test_an_expired_invitation_is_refused(fresh_clinic: Any) -> None:
    from datetime import timedelta

    c = fresh_clinic()
    code = clinic.invite(c.mg, c.accounts["other_person"])
    later = c.mg.clock
    c.mg.clock = lambda: later() + timedelta(days=8)
    try:
        with pytest.raises(InvalidInputError) as refused:
            clinic.redeem(c.mg, c.accounts["clinician_without"], code)
    finally:
        c.mg.clock = later
    assert "expired" in refused.value.problems[0].message


def test_codes_are_stored_only_as_digests(fresh_clinic: Any) -> None:
    c = fresh_clinic()
    code = clinic.invite(c.mg, c.accounts["owner"])
    with c.mg.store.read() as conn:
        stored = [row[0] for row in conn.exec_driver_sql("SELECT code_hash FROM invitations")]
    assert code not in stored and len(stored) == 3


def test_a_clinician_who_logs_in_lands_on_the_dashboard(the_clinic: Any) -> None:
    browser = Browser(the_clinic.entered)
    assert log_in(browser, "dr.grant").headers["location"] == "/clinic"
    assert browser.get("/", follow_redirects=False).headers["location"] == "/clinic"


def test_a_person_deletes_their_own_data_and_only_theirs(fresh_clinic: Any) -> None:
    c = fresh_clinic()
    alices = len(c.mg.history(c.alice))
    refused = c.post("other_person", "/account/delete", {"confirm": "no"})
    assert refused.status_code == 422 and "nothing was deleted" in refused.text
    for role in ("clinician_granted", "admin"):
        assert c.post(role, "/account/delete", {"confirm": "DELETE"}).status_code == 403
    done = c.post("other_person", "/account/delete", {"confirm": "DELETE"})
    assert done.status_code == 303 and done.headers["location"] == "/onboarding"
    assert all(p.id != c.bob for p in c.mg.people())
    assert len(c.mg.history(c.alice)) == alices
    assert c.client("other_person").get("/", follow_redirects=False).headers["location"] == (
        "/onboarding"
    )
    owner_view = c.client("owner").get("/api/account").json()
    assert owner_view["grants"] and all(a["person_id"] == c.alice for a in owner_view["audit"])
    admin_audit = c.client("admin").get("/api/admin").json()["audit"]
    assert any(a["action"] == "data_deleted" and a["person_id"] == c.bob for a in admin_audit)
