"""Clinic privacy: invitation codes are shown only from the store, an admin who resets a
person's password cannot read as them unseen, and refused probes for other people's data are
audited where the person sees them. SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from tests.clinic.conftest import Browser, Clinic, log_in


def _alice_audit(c: Clinic) -> list[dict[str, Any]]:
    audit: list[dict[str, Any]] = c.client("admin").get("/api/admin").json()["audit"]
    return [a for a in audit if a["person_id"] == c.alice]


def test_the_account_page_shows_only_a_live_code_of_ones_own(fresh_clinic: Any) -> None:
    c = fresh_clinic()
    owner = c.client("owner")
    made = owner.post("/api/account/invitations", json={})
    assert made.status_code == 201
    code = made.json()["code"]
    assert code in owner.get(f"/account?code={code.lower()}").text
    for text in ("CALL-0800-EVIL-SCAM", "<b>free</b>", "x" * 500):
        page = owner.get("/account", params={"code": text})
        assert page.status_code == 200 and "invitation-code" not in page.text, text
    assert code not in c.client("other_person").get(f"/account?code={code}").text
    from mgcalm.app.clinic import service as clinic

    clinic.redeem(c.mg, c.accounts["clinician_without"], code)
    assert "invitation-code" not in owner.get(f"/account?code={code}").text  # used: gone


def test_reads_after_an_admin_reset_are_audited_until_the_person_sets_their_own(
    fresh_clinic: Any,
) -> None:
    c = fresh_clinic()
    temporary = "set by the admin 123"
    assert (
        c.post("admin", "/admin/reset", {"username": "alice", "password": temporary}).status_code
        == 200
    )
    as_alice = Browser(c.entered)
    assert log_in(as_alice, "alice", temporary).status_code == 303
    assert as_alice.get("/api/today").status_code == 200
    assert as_alice.get("/progress").status_code == 200
    reads = [a for a in _alice_audit(c) if a["action"] == "read_after_admin_reset"]
    assert {a["detail"].split(";")[0] for a in reads} >= {"GET /api/today", "GET /progress"}
    assert all("admin" in a["detail"] for a in reads)
    page = as_alice.get("/account")
    assert "set by the administrator" in page.text
    changed = as_alice.post(
        "/api/account/password",
        json={"current_password": temporary, "new_password": "alice's own passphrase"},
    )
    assert changed.status_code == 200, changed.text
    before = len(_alice_audit(c))
    assert as_alice.get("/api/today").status_code == 200
    after = _alice_audit(c)
    assert len(after) == before  # her own password: her reads are hers again
    assert "password_changed" in [a["action"] for a in after]


def test_a_wrong_current_password_changes_nothing(fresh_clinic: Any) -> None:
    c = fresh_clinic()
    sent = c.client("owner").post(
        "/api/account/password",
        json={"current_password": "not it at all", "new_password": "a new passphrase"},
    )
    assert sent.status_code == 422
    assert sent.json()["problems"][0]["location"] == "current_password"
    assert log_in(Browser(c.entered), "alice").status_code == 303


def test_refused_probes_for_someone_elses_data_are_audited(fresh_clinic: Any) -> None:
    c = fresh_clinic()
    probe = c.client("clinician_without").get(f"/api/clinic/people/{c.alice}")
    assert probe.status_code == 404
    page = c.client("clinician_revoked").get(f"/clinic/people/{c.alice}")
    assert page.status_code == 404
    assert (
        c.post("clinician_granted", "/account/revoke", {"grant_id": c.alice_grant}).status_code
        == 403
    )
    assert c.post("other_person", "/account/revoke", {"grant_id": c.alice_grant}).status_code == 404
    refused = [a for a in _alice_audit(c) if a["action"] == "access_refused"]
    assert {a["who"] for a in refused} == {"dr.none", "dr.revoked", "dr.grant", "bob"}
    shown = c.client("owner").get("/api/account").json()["audit"]
    assert "access_refused" in [a["action"] for a in shown]  # Alice sees who tried
    made_up = c.client("clinician_without").get("/api/clinic/people/p-made-up")
    assert made_up.status_code == 404  # the same answer for an id that does not exist
