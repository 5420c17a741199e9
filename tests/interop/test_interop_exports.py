"""Exports through the app: the calendar feed follows plan changes; FHIR and CSV hold the data."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from fhir.resources.R4B.bundle import Bundle

from mgcalm.app import App, InvalidInputError, Settings, open_app
from mgcalm.app.exports import calendar, feeds, fhir, tidy_csv
from mgcalm.domain.plan import Plan
from mgcalm.domain.profile_parse import parse_profile_toml

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
PROFILE = """
[person]
age = 34
sex = "female"

[health]
kidney = "normal"

[day]
wake = "07:00"
breakfast = "07:30"
lunch = "12:30"
dinner = "18:30"
bedtime = "23:00"

[goals]
focus = ["anxiety", "sleep"]

[[medications]]
name = "levothyroxine"
times = ["06:30"]

[[supplements]]
name = "zinc"
amount_mg = 15
times = ["08:00"]
"""


def plan_json(dose_time: str = "21:30") -> dict[str, Any]:
    """A complete ``mgcalm.plan/1`` plan with one evening dose."""
    return {
        "schema": "mgcalm.plan/1",
        "status": "ok",
        "reasons": [],
        "warnings": [],
        "reference": {"rda_mg": 310, "supplemental_ul_mg": 350, "diet_mg": 220},
        "target_elemental_mg_per_day": 200,
        "forms": [{"form": "glycinate", "why": "sleep", "evidence_grade": "very_low",
                   "sources": ["nih-ods-mg"]}],
        "titration": [{"day": 1, "elemental_mg_per_day": 100},
                      {"day": 8, "elemental_mg_per_day": 200}],
        "doses": [{"time": dose_time, "form": "glycinate", "elemental_mg": 200,
                   "compound_mg": 1418, "with_food": False, "purpose": "sleep"}],
        "separations": [{"medication": "levothyroxine", "medication_time": "06:30",
                         "min_hours_med_before_mg": 4, "min_hours_mg_before_med": 4,
                         "satisfied": True}],
        "foods": [],
        "routine": [{"time": "22:30", "kind": "wind_down", "what": "Wind down: lights low"}],
    }  # fmt: skip


@pytest.fixture
def app(mgcalm_data_dir: Path) -> Iterator[App]:
    """An app on SQLite with a fixed clock and a planner that returns a fixed plan."""
    settings = Settings(data_dir=mgcalm_data_dir, database_url=None)
    opened = open_app(settings, clock=lambda: NOW)
    opened.planner = lambda _profile: Plan.from_json(plan_json())
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def person(app: App) -> str:
    """A person with a plan, a trial and a few weeks of entries."""
    profile, problems = parse_profile_toml(PROFILE)
    assert profile is not None, problems
    pid = app.create_person(profile, person_id="me").id
    app.start_phase(pid, {"id": "p1", "phase": "baseline", "start": "2026-11-01"})
    app.start_phase(pid, {"id": "p2", "phase": "titration", "start": "2026-11-15"})
    app.plan_for(pid, today=date(2026, 11, 15))
    for day, anxiety in ((date(2026, 11, 2), 7), (date(2026, 11, 16), 5)):
        app.log(pid, "checkin", {"day": day, "anxiety": anxiety, "sleep_quality": 4})
    app.log(pid, "dose", {"day": "2026-11-16", "taken_time": "21:30", "form": "glycinate",
                          "elemental_mg": 100})  # fmt: skip
    app.log(pid, "sleep", {"day": "2026-11-17", "into_bed": "2026-11-16T22:45",
                           "tried_to_sleep": "2026-11-16T23:00", "latency_min": 30,
                           "awakenings": 2, "waso_min": 20, "final_wake": "2026-11-17T06:30",
                           "out_of_bed": "2026-11-17T06:45", "quality": 3})  # fmt: skip
    app.record_questionnaire(pid, "gad7", [2, 2, 1, 2, 1, 1, 1], date(2026, 11, 1))
    app.record_questionnaire(pid, "phq9", [1, 1, 2, 2, 0, 1, 1, 0, 0], date(2026, 11, 1))
    return pid


def summaries(text: str) -> set[str]:
    return {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}


def test_feed_follows_a_plan_change(app: App, person: str) -> None:
    token = feeds.create_calendar_token(app, person, "Europe/London")
    before = feeds.calendar_feed(app, token)
    assert before is not None and "DTSTART;TZID=Europe/London:20261122T213000" in before
    app.planner = lambda _profile: Plan.from_json(plan_json("21:00"))
    app.plan_for(person, today=date(2026, 11, 26))
    after = feeds.calendar_feed(app, token)
    assert after is not None and after != before
    starts = {e.decoded("DTSTART").time().isoformat() for e in
              icalendar.Calendar.from_ical(after).walk("VEVENT") if "RRULE" in e}  # fmt: skip
    assert "21:00:00" in starts and "21:30:00" not in starts


def test_feed_has_doses_phases_and_questionnaire_days(app: App, person: str) -> None:
    text = calendar.calendar_text(app, person, "Europe/London")
    titles = summaries(text)
    assert "Magnesium glycinate 200 mg" in titles
    assert "mgcalm: titration phase starts" in titles
    assert any(t.startswith("mgcalm: questionnaires today") for t in titles)
    assert "Wind down: lights low" in titles


def test_token_is_revocable_and_regenerable(app: App, person: str) -> None:
    first = feeds.create_calendar_token(app, person, "Europe/London")
    second = feeds.create_calendar_token(app, person, "America/New_York")
    assert feeds.calendar_feed(app, first) is None
    assert "America/New_York" in (feeds.calendar_feed(app, second) or "")
    assert feeds.calendar_feed_info(app, person) == {"tz": "America/New_York",
                                                       "created": NOW.isoformat()}  # fmt: skip
    with app.store.read() as conn:
        stored = str(conn.exec_driver_sql("SELECT * FROM calendar_feeds").all())
    assert second not in stored and hashlib.sha256(second.encode()).hexdigest() in stored
    assert feeds.revoke_calendar_token(app, person) is True
    assert feeds.calendar_feed(app, second) is None
    assert feeds.revoke_calendar_token(app, person) is False
    assert feeds.calendar_feed(app, "not-a-token") is None


def test_feed_of_a_deleted_person_answers_nothing(app: App, person: str) -> None:
    token = feeds.create_calendar_token(app, person, "Europe/London")
    app.delete_all()
    assert feeds.calendar_feed(app, token) is None
    assert feeds.calendar_feed_info(app, person) is None  # the orphaned record is gone


def test_default_time_zone_comes_from_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert calendar.local_timezone_name() == "Asia/Tokyo"
    monkeypatch.setenv("TZ", "Not/AZone")
    assert calendar.local_timezone_name() != "Not/AZone"


def test_a_later_plan_version_does_not_restart_the_titration(
    app: App, mgcalm_data_dir: Path
) -> None:
    profile, _ = parse_profile_toml(PROFILE)
    assert profile is not None
    pid = app.create_person(profile, person_id="solo").id
    app.plan_for(pid, today=date(2026, 11, 1))
    app.planner = lambda _profile: Plan.from_json(plan_json("21:00"))
    app.plan_for(pid, today=date(2026, 11, 20))
    text = calendar.calendar_text(app, pid, "Europe/London")
    assert "Magnesium glycinate 200 mg" in summaries(text)
    assert "DTSTART;TZID=Europe/London:20261108T210000" in text  # day 8 of the first plan


def test_unknown_time_zone_is_refused_before_a_token_is_made(app: App, person: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        feeds.create_calendar_token(app, person, "Europe/Londn")
    assert caught.value.problems[0].location == "tz"
    assert feeds.calendar_feed_info(app, person) is None


def test_fhir_bundle_from_stored_data_validates(app: App, person: str, tmp_path: Path) -> None:
    written = fhir.write_fhir(app, tmp_path / "bundle.json", person)
    bundle = Bundle.model_validate_json((tmp_path / "bundle.json").read_text())
    assert written.counts["QuestionnaireResponse"] == 2
    kinds = [e.resource.get_resource_type() for e in bundle.entry]
    assert kinds.count("MedicationStatement") == 3  # magnesium, levothyroxine, zinc
    data = json.loads((tmp_path / "bundle.json").read_text())
    magnesium = next(e["resource"] for e in data["entry"]
                     if e["resource"].get("medicationCodeableConcept", {}).get("text")
                     == "Magnesium glycinate")  # fmt: skip
    assert magnesium["status"] == "active"  # today falls in the titration phase
    assert magnesium["effectivePeriod"]["start"] == "2026-11-15"
    patient = next(
        e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    assert "me" not in json.dumps(patient)
    observations = [
        e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "Observation"
    ]
    anxiety = [o for o in observations if o["code"]["coding"][0]["code"] == "anxiety"]
    assert [a["note"][0]["text"] for a in anxiety] == ["Trial phase: baseline.",
                                                       "Trial phase: titration."]  # fmt: skip


def test_csv_export_reads_back_and_feeds_evaluate(app: App, person: str, tmp_path: Path) -> None:
    written = tidy_csv.write_csv(app, tmp_path / "out", person)
    points = tidy_csv.read_csv(tmp_path / "out" / "series.csv")
    assert points == tidy_csv.series_points(app, person)
    measures = {p.measure for p in points}
    assert {"anxiety", "gad7", "phq9", "magnesium_mg", "total_sleep_min"} <= measures
    sleep = next(p for p in points if p.measure == "total_sleep_min")
    assert (sleep.value, sleep.unit, sleep.phase) == (400.0, "min", "titration")
    anxiety = (tmp_path / "out" / "evaluate" / "anxiety.csv").read_text().splitlines()
    assert anxiety == ["date,phase,value", "2026-11-02,baseline,7", "2026-11-16,magnesium,5"]
    assert written.counts["measures"] == len(measures)


def test_reading_a_broken_csv_names_every_bad_cell(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("date,measure,value,unit,phase\n2026-11-01,anxiety,x,,later\n")
    with pytest.raises(InvalidInputError) as caught:
        tidy_csv.read_csv(path)
    assert [p.location for p in caught.value.problems] == [
        "mine.csv: row 2, column value",
        "mine.csv: row 2, column phase",
    ]
