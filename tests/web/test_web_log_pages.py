"""One page per kind of log, a check-in in taps, undo, today's entries, and the first check-in."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from fastapi.testclient import TestClient

from .conftest import TOKEN

KINDS = ("checkin", "sleep", "food", "side_effect", "practice", "therapy", "medication_change")


def _services(client: TestClient) -> object:
    from mgcalm.web import deps

    return deps.app_of(client.app)  # type: ignore[arg-type]


def test_each_kind_of_log_has_its_own_page(client: TestClient, person: str) -> None:
    index = client.get("/log").text
    for kind in KINDS:
        assert f'href="/log/{kind}"' in index
        page = client.get(f"/log/{kind}")
        assert page.status_code == 200 and 'id="page-title"' in page.text
        assert len(re.findall(r"<form[^>]*method=\"post\"", page.text)) <= 2, kind


def test_the_checkin_is_rows_of_0_to_10_taps_with_the_primary_outcome_first(
    client: TestClient, person: str
) -> None:
    services = _services(client)
    services.choose_outcome(person, "sleep_quality")  # type: ignore[attr-defined]
    html = client.get("/log/checkin").text
    legends = re.findall(r'<fieldset class="scale" id="checkin-(\w+)"', html)
    assert legends[0] == "sleep_quality" and "anxiety" in legends and len(legends) == 7
    for n in range(11):
        assert f'id="checkin-anxiety-{n}" name="anxiety" value="{n}"' in html
    assert 'type="number" id="checkin-anxiety"' not in html  # no typed boxes for ratings


def test_saving_shows_the_saved_state_with_undo_and_undo_takes_it_back(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    _stop_the_clock(client)  # however slow the machine, the undo comes within its window
    form = {"csrf_token": token("/log/checkin"), "anxiety": "4", "mood": "6"}
    saved = client.post("/log/checkin", data=form, follow_redirects=False)
    assert saved.status_code == 303
    location = saved.headers["location"]
    assert location.startswith("/log/checkin?saved=")
    page = client.get(location).text
    assert 'class="toast"' in page and "Saved ✓" in page and ">Undo<" in page
    entry_id = location.split("saved=", 1)[1]
    assert client.get("/api/today").json()["checkin_done"] is True
    undo = {"csrf_token": TOKEN.search(page).group(1), "entry_id": entry_id, "back": "/log/checkin"}  # type: ignore[union-attr]
    assert client.post("/log/undo", data=undo, follow_redirects=False).status_code == 303
    assert client.get("/api/today").json()["checkin_done"] is False
    revisions = _services(client).revisions(person)  # type: ignore[attr-defined]
    assert [(r.entry_id, r.action) for r in revisions] == [(entry_id, "deleted")]


class StoppedClock:
    """A clock that stands still until the test moves it (the undo window never races it)."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def _stop_the_clock(client: TestClient) -> StoppedClock:
    services = _services(client)
    clock = StoppedClock(services.now())  # type: ignore[attr-defined]
    services.clock = clock  # type: ignore[attr-defined]
    return clock


def test_undo_is_only_for_what_was_just_saved(client: TestClient, person: str) -> None:
    from mgcalm.app.views.entries_today import UNDO_SECONDS

    clock = _stop_the_clock(client)
    saved_at = clock.at
    for entry_id in ("c1", "c2"):
        made = client.post("/api/entries/checkin", json={"id": entry_id, "anxiety": 3}).json()
        assert made["entry"]["created"] is True
    clock.at = saved_at + timedelta(seconds=UNDO_SECONDS + 1)
    late = client.post("/api/entries/c1/undo", json={})
    assert late.status_code == 422 and "too late" in late.text
    clock.at = saved_at + timedelta(seconds=UNDO_SECONDS - 1)
    assert client.post("/api/entries/c2/undo", json={}).json() == {"id": "c2", "action": "undone"}


def test_tapping_a_dose_offers_undo(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    _stop_the_clock(client)
    plan = _services(client).plan_for(person)  # type: ignore[attr-defined]
    first = plan.to_json()["doses"][0]["time"]
    form = {"csrf_token": token("/"), "planned_time": first, "action": "taken"}
    fragment = client.post("/today/dose", data=form, headers={"hx-request": "true"}).text
    assert "Taken ✓" in fragment and 'name="entry_id" value="dose-' in fragment
    entry_id = re.search(r'name="entry_id" value="([^"]+)"', fragment).group(1)  # type: ignore[union-attr]
    assert client.post(f"/api/entries/{entry_id}/undo", json={}).status_code == 200
    doses = client.get("/api/today").json()["doses"]
    assert next(d for d in doses if d["time"] == first)["status"] == "due"


def test_todays_entries_can_be_edited_and_deleted_and_the_record_keeps_both(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    client.post("/api/entries/checkin", json={"id": "c2", "anxiety": 7, "note": "rough"})
    client.post("/api/entries/practice", json={"id": "p2", "practice": "breathwork", "minutes": 5})
    listed = client.get("/api/entries/today").json()
    assert {e["id"] for e in listed} == {"c2", "p2"}
    index = client.get("/log").text
    assert 'href="/log/checkin?edit=c2"' in index and "anxiety 7" in index
    edit_page = client.get("/log/checkin?edit=c2").text
    assert 'value="7" checked' in edit_page and 'name="edit_id" value="c2"' in edit_page
    form = {"csrf_token": token("/log/checkin"), "edit_id": "c2", "anxiety": "5", "note": "better"}
    assert client.post("/log/checkin", data=form, follow_redirects=False).status_code == 303
    services = _services(client)
    assert services.history(person, ids=("c2",))[0].entry.anxiety == 5  # type: ignore[attr-defined]
    delete = {"csrf_token": token("/log/checkin")}
    assert (
        client.post("/log/entries/p2/delete", data=delete, follow_redirects=False).status_code
        == 303
    )
    assert [e["id"] for e in client.get("/api/entries/today").json()] == ["c2"]
    actions = sorted((r.entry_id, r.action) for r in services.revisions(person))  # type: ignore[attr-defined]
    assert actions == [("c2", "amended"), ("p2", "deleted")]
    amended = client.put("/api/entries/checkin/c2", json={"anxiety": 2})
    assert amended.status_code == 200 and amended.json()["anxiety"] == 2


def test_a_checkin_before_onboarding_is_kept_and_joins_the_records(
    client: TestClient, token: Callable[[str], str]
) -> None:
    form = {"csrf_token": token("/log/checkin"), "anxiety": "8", "note": "first night"}
    held = client.post("/log/checkin", data=form, follow_redirects=False)
    assert held.status_code == 303 and held.headers["location"] == "/log?held=1"
    assert "1 entry is" in client.get("/log").text
    api = client.post(
        "/api/entries/checkin", json={"id": "early-2", "day": "2026-01-02", "mood": 3}
    )
    assert api.status_code == 201 and api.json()["held_until_onboarding"] is True
    from .test_web_onboarding_plan import ANSWERS

    onboard = {"csrf_token": token("/onboarding"), **ANSWERS}
    assert client.post("/onboarding", data=onboard, follow_redirects=False).status_code == 303
    services = _services(client)
    who = services.person().id  # type: ignore[attr-defined]
    notes = {s.entry.note for s in services.history(who, kinds=["checkin"])}  # type: ignore[attr-defined]
    assert "first night" in notes and len(notes) == 2
    assert "kept for you" not in client.get("/log").text


def test_a_crisis_before_onboarding_still_shows_the_crisis_lines(
    client: TestClient, token: Callable[[str], str]
) -> None:
    form = {"csrf_token": token("/log/checkin"), "crisis": "on"}
    html = client.post("/log/checkin", data=form).text
    assert 'id="crisis"' in html and 'href="tel:988"' in html
