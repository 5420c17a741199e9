"""Odd text never breaks anyone's page: NUL and other control characters are refused at the door,
and a row stored before that (on PostgreSQL, where ``\\u0000`` cannot be read as text) never takes
the clinician's dashboard down for the other people on it. SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.clinic.conftest import Clinic

from mgcalm.domain.entries import document_digest
from mgcalm.store import entries as entries_repo
from mgcalm.store.entries import NewEntry

ODD = ("\x00", "\x07", "\x1b", "\x7f", "\x85")


@pytest.mark.parametrize("char", ODD)
def test_the_api_refuses_control_characters_naming_the_field(the_clinic: Any, char: str) -> None:
    client = the_clinic.client("owner")
    day = the_clinic.mg.today().isoformat()
    sent = [
        ("checkin", {"note": f"fine{char}"}, "checkin.note"),
        ("side_effect", {"other": f"x{char}y"}, "side_effect.other"),
        ("medication_change", {"medication": f"a{char}", "change": "started"}, "medication"),
    ]
    for kind, data, field in sent:
        body = {"id": f"odd-{kind}-{ord(char)}", "day": day, **data}
        response = client.post(f"/api/entries/{kind}", json=body)
        assert response.status_code == 422, (kind, response.text)
        locations = [p["location"] for p in response.json()["problems"]]
        assert any(field in where for where in locations), locations
    assert the_clinic.mg.history(the_clinic.alice, ids=[f"odd-checkin-{ord(char)}"]) == []


def _store_raw(mg: Any, person_id: str, kind: str, day: Any, document: dict[str, Any]) -> None:
    """Store a document as an older version did, without today's validation."""
    row = NewEntry(document["id"], kind, day, document, document_digest(document))
    with mg.store.write() as conn:
        entries_repo.put_entries(conn, person_id, [row], mg.now())


def test_a_stored_nul_never_takes_the_dashboard_down(fresh_clinic: Any) -> None:
    c: Clinic = fresh_clinic()
    mg, today = c.mg, c.mg.today()
    from mgcalm.app.clinic import service as clinic

    clinic.redeem(
        mg, c.accounts["clinician_granted"], clinic.invite(mg, c.accounts["other_person"])
    )
    mg.record_questionnaire(c.bob, "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 2], today)  # item 9 = 2
    base = {"day": today.isoformat(), "note": "bad\x00note"}
    _store_raw(
        mg, c.alice, "checkin", today, {**base, "kind": "checkin", "id": "nul-1", "crisis": False}
    )
    _store_raw(
        mg,
        c.alice,
        "side_effect",
        today,
        {**base, "kind": "side_effect", "id": "nul-2", "other": "x\x00"},
    )
    _store_raw(
        mg,
        c.alice,
        "questionnaire",
        today,
        {
            **base,
            "kind": "questionnaire",
            "id": "nul-3",
            "instrument": "gad7",
            "answers": [1] * 7,
            "score": {"total": 7, "band": "mild\x00"},
        },
    )
    _store_raw(
        mg,
        c.alice,
        "dose",
        today,
        {
            **base,
            "kind": "dose",
            "id": "nul-4",
            "form": "glycinate",
            "elemental_mg": 100,
            "taken_time": "08:00",
            "missed": False,
            "missed_reason": "\x00",
        },
    )
    doctor = c.client("clinician_granted")
    for path in ("/clinic", "/api/clinic"):
        response = doctor.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        assert "Bob Example" in response.text and "Alice Example" in response.text
    rows = {row["name"]: row for row in doctor.get("/api/clinic").json()["people"]}
    assert "item9" in [flag["code"] for flag in rows["Bob Example"]["flags"]]
    assert rows["Bob Example"] == doctor.get("/api/clinic").json()["people"][0]  # urgent first
    assert c.client("owner").get("/").status_code == 200  # Alice's own Today still opens
