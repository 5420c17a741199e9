"""Logging through the service layer: idempotent, validated, all-or-nothing, on both databases."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mgcalm.app import App, ConflictError, InvalidInputError, NotFoundError
from mgcalm.domain.profile_parse import parse_profile_toml

PROFILE_TOML = Path(__file__).with_name("profile.toml").read_text(encoding="utf-8")

DAY = date(2026, 11, 26)


def _person(app: App, person_id: str = "me") -> str:
    profile, problems = parse_profile_toml(PROFILE_TOML)
    assert profile is not None, problems
    return app.create_person(profile, person_id=person_id).id


def _locations(error: InvalidInputError) -> set[str]:
    return {p.location for p in error.problems}


def test_create_person_is_idempotent_and_keeps_the_profile(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    assert _person(mgcalm_app) == pid
    assert [p.id for p in mgcalm_app.people()] == ["me"]
    assert mgcalm_app.profile("me").person.age == 34
    assert mgcalm_app.person().id == "me"


def test_profile_versions_are_kept(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    changed, _ = parse_profile_toml(PROFILE_TOML.replace("age = 34", "age = 35"))
    assert changed is not None
    mgcalm_app.update_profile(pid, changed)
    mgcalm_app.update_profile(pid, changed)  # same content: no new version
    history = mgcalm_app.profile_history(pid)
    assert [v.version for v in history] == [1, 2]
    assert mgcalm_app.profile(pid).person.age == 35


def test_log_checkin_and_dose_then_read_history(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    mgcalm_app.log(pid, "checkin", {"id": "c1", "day": DAY, "anxiety": 6, "crisis": False})
    mgcalm_app.log(
        pid,
        "dose",
        {"id": "d1", "day": DAY, "taken_time": "21:30", "form": "glycinate", "elemental_mg": 100},
    )
    rows = mgcalm_app.history(pid)
    assert [r.entry.id for r in rows] == ["c1", "d1"]
    assert rows[0].to_json()["anxiety"] == 6
    assert rows[0].created_at.tzinfo is not None
    assert [r.entry.id for r in mgcalm_app.history(pid, kinds=["dose"])] == ["d1"]


def test_repeated_submit_is_idempotent_and_a_changed_one_is_a_conflict(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    data: dict[str, Any] = {"id": "c1", "day": DAY, "anxiety": 6}
    mgcalm_app.log(pid, "checkin", data)
    mgcalm_app.log(pid, "checkin", data)
    assert len(mgcalm_app.history(pid)) == 1
    with pytest.raises(ConflictError) as caught:
        mgcalm_app.log(pid, "checkin", {**data, "anxiety": 7})
    assert _locations(caught.value) == {"checkin.id"}
    assert mgcalm_app.history(pid)[0].to_json()["anxiety"] == 6


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("checkin", {"anxiety": 11}, "checkin.anxiety"),
        (
            "dose",
            {"taken_time": "25:00", "form": "citrate", "elemental_mg": 100},
            "dose.taken_time",
        ),
        (
            "sleep",
            {
                "into_bed": "2026-11-26T07:00",
                "tried_to_sleep": "2026-11-26T07:10",
                "latency_min": 10,
                "awakenings": 0,
                "waso_min": 0,
                "final_wake": "2026-11-26T06:00",
                "out_of_bed": "2026-11-26T06:30",
                "quality": 3,
            },
            "sleep.final_wake",
        ),
        ("food", {"food_id": "no-such-food", "grams": 28, "magnesium_mg": 150}, "food.food_id"),
        ("side_effect", {"bristol_type": 8}, "side_effect.bristol_type"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    mgcalm_app: App, kind: str, data: dict[str, Any], field: str
) -> None:
    pid = _person(mgcalm_app)
    with pytest.raises(InvalidInputError) as caught:
        mgcalm_app.log(pid, kind, {"id": "x1", "day": DAY, **data})
    assert field in _locations(caught.value)
    assert all(p.accepted or "unknown" in p.message for p in caught.value.problems)
    assert mgcalm_app.history(pid) == []


def test_every_problem_is_reported_at_once(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    with pytest.raises(InvalidInputError) as caught:
        mgcalm_app.log(pid, "checkin", {"day": "2026-13-01", "anxiety": 11, "mood": -1})
    assert {"checkin.day", "checkin.anxiety", "checkin.mood"} <= _locations(caught.value)


def test_a_failing_multi_row_write_leaves_no_rows(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    mgcalm_app.log(pid, "checkin", {"id": "c1", "day": DAY, "anxiety": 6})
    batch = [
        {"kind": "practice", "id": "p1", "day": DAY, "practice": "breathwork", "minutes": 5},
        {"kind": "checkin", "id": "c2", "day": DAY, "mood": 5},
        {"kind": "checkin", "id": "c1", "day": DAY, "anxiety": 2},  # conflicts with c1
    ]
    with pytest.raises(ConflictError):
        mgcalm_app.log_many(pid, batch)
    assert [r.entry.id for r in mgcalm_app.history(pid)] == ["c1"]
    with pytest.raises(InvalidInputError) as caught:
        mgcalm_app.log_many(
            pid, [batch[0], {"kind": "checkin", "id": "c3", "day": DAY, "mood": 12}]
        )
    assert "entries[1].checkin.mood" in _locations(caught.value)
    assert [r.entry.id for r in mgcalm_app.history(pid)] == ["c1"]


def test_unknown_person_is_a_clear_error(mgcalm_app: App) -> None:
    with pytest.raises(NotFoundError) as caught:
        mgcalm_app.person()
    assert "mgcalm init" in caught.value.problems[0].accepted


def test_entries_are_kept_apart_by_person(mgcalm_app: App) -> None:
    a, b = _person(mgcalm_app, "a"), _person(mgcalm_app, "b")
    mgcalm_app.log(a, "checkin", {"id": "same", "day": DAY, "anxiety": 1})
    mgcalm_app.log(b, "checkin", {"id": "same", "day": DAY, "anxiety": 9})
    assert mgcalm_app.history(a)[0].to_json()["anxiety"] == 1
    assert mgcalm_app.history(b)[0].to_json()["anxiety"] == 9


def test_series_can_read_only_some_kinds(mgcalm_app: App) -> None:
    pid = _person(mgcalm_app)
    mgcalm_app.log(pid, "checkin", {"day": DAY, "anxiety": 4})
    night = {
        "day": DAY,
        "into_bed": "2026-11-25T22:30",
        "tried_to_sleep": "2026-11-25T22:40",
        "latency_min": 20,
        "awakenings": 1,
        "waso_min": 10,
        "final_wake": "2026-11-26T06:30",
        "out_of_bed": "2026-11-26T06:45",
        "quality": 3,
    }
    mgcalm_app.log(pid, "sleep", night)
    mgcalm_app.log(pid, "side_effect", {"day": DAY, "nausea": 2})
    every = mgcalm_app.series(pid, DAY, DAY)
    some = mgcalm_app.series(pid, DAY, DAY, ("checkin", "sleep"))
    assert [len(every[k]) for k in ("checkin", "sleep", "side_effect")] == [1, 1, 1]
    assert [len(some[k]) for k in ("checkin", "sleep", "side_effect")] == [1, 1, 0]
