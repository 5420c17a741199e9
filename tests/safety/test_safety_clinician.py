"""Every flag reaches the clinician: first on the dashboard with its date, once in the report."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from mgcalm.app.clinic.dashboard import person_row
from mgcalm.app.safety.events import record_answer
from mgcalm.app.safety.stop import resume
from mgcalm.app.trial.reports import stored_report_input
from mgcalm.app.views.daily import log_entry
from mgcalm.evaluation.report import build_report
from mgcalm.evaluation.report_clinician import clinician_document
from mgcalm.evaluation.report_view import person_document
from mgcalm.store.clinic.dashboard import PersonFacts, SafetyFact, ScoreFact

from .conftest import TODAY


def _fact(code: str, days_ago: int, **extra: Any) -> SafetyFact:
    level = "crisis" if code in ("suicidal_ideation", "high_distress") else "stop_and_seek_care"
    fields = {"message": "", "origin": "x", **extra}
    return SafetyFact(code, level, TODAY - timedelta(days=days_ago), **fields)


def test_every_safety_flag_comes_first_with_its_day() -> None:
    facts = PersonFacts("p1", "Sam", phases=[("maintenance", TODAY - timedelta(days=20), None)])
    facts.planned_doses_per_day, facts.doses_taken, facts.last_logged = 2, 6, TODAY
    facts.scores = [ScoreFact("phq9", TODAY, [2, 2, 2, 1, 1, 1, 1, 1, 1])]  # total 12, item 9 = 1
    facts.safety = [
        _fact("high_distress", 3),
        _fact("suicidal_ideation", 0, origin="answer", detail={"finished": False}),
        _fact("magnesium_red_flag", 1, message="You reported: very slow heartbeat."),
        _fact("magnesium_stopped", 1, message="Magnesium paused since …", active=True),
        _fact("magnesium_stopped", 9, active=False),  # resumed: no longer a flag
        _fact("risky_behaviour", 2),
        _fact("crisis_checkin", 4),
        _fact("sharp_worsening", 5, message="Your gad7 total rose from 2 to 12"),
    ]
    row = person_row(facts, TODAY)
    codes = [f["code"] for f in row["flags"]]
    safety = ["item9", "pcl5_item16", "crisis", "distress", "stop", "red_flag", "worsening"]
    assert codes == [*safety, "missed_doses"]  # the derived item 9 is not listed twice
    assert all(f["day"] and f["safety"] for f in row["flags"][: len(safety)])
    assert "left unfinished" in row["flags"][0]["message"]
    assert "very slow heartbeat" in row["flags"][5]["message"]
    assert [f["urgent"] for f in row["flags"][:7]] == [True] * 6 + [False]


def test_the_report_lists_each_event_once_from_the_first_day(mgcalm_app: Any, person: str) -> None:
    # No trial phase yet: a report can still be made, and it carries every flag.
    record_answer(mgcalm_app, person, "phq9", [0] * 8 + [1], "q-1")
    mgcalm_app.record_questionnaire(person, "phq9", [0] * 8 + [1], TODAY, "q-1")  # finished
    log_entry(mgcalm_app, person, "checkin", {"id": "c1", "anxiety": 10})
    log_entry(mgcalm_app, person, "side_effect", {"id": "s1"}, ["irregular_heartbeat"])
    report = build_report(stored_report_input(mgcalm_app, person, TODAY))
    flags = report.input.safety_flags
    assert len([f for f in flags if "PHQ-9 item 9" in f]) == 1
    assert any("Distress was rated 9–10" in f for f in flags)
    assert any("warning sign" in f and "irregular heartbeat" in f for f in flags)
    assert any(f.startswith("Magnesium paused since") and "Still paused" in f for f in flags)
    section = clinician_document(report, chart=False).sections[1]
    assert section.heading.startswith("Flags: safety")
    assert section.paragraphs[: len(flags)] == flags  # safety first, one line each

    resume(mgcalm_app, person, "Dr Lee", "potassium and ECG normal")
    later = stored_report_input(mgcalm_app, person, TODAY).safety_flags
    assert any("Resumed on" in f and "Dr Lee" in f for f in later)


def test_the_printed_person_report_carries_the_country_lines(mgcalm_app: Any, person: str) -> None:
    from mgcalm.app.safety import country

    with mgcalm_app.store.write() as conn:
        country.save_country(conn, mgcalm_app, person, "UK")
    log_entry(mgcalm_app, person, "checkin", {"id": "c2", "crisis": True})
    help_now = person_document(build_report(stored_report_input(mgcalm_app, person, TODAY)))
    text = " ".join(help_now.sections[0].paragraphs)
    assert "Samaritans: Call 116 123" in text and "Emergency services: Call 999" in text
    assert "mgcalm support" not in text and "988" not in text
    assert "thoughts of self-harm" in text  # the crisis note sits beside the lines


def test_the_dashboard_shows_a_stop_and_an_unfinished_item9(mgcalm_app: Any, person: str) -> None:
    from mgcalm.store.clinic.dashboard import _add_safety

    record_answer(mgcalm_app, person, "phq9", [0] * 8 + [3], "q-9")
    log_entry(mgcalm_app, person, "side_effect", {"id": "s9", "other": "slow pulse"})
    facts = {person: PersonFacts(person, "Me")}
    import sqlalchemy as sa

    from mgcalm.store.tables import people

    with mgcalm_app.store.read() as conn:
        _add_safety(conn, sa.select(people.c.id), facts, TODAY + timedelta(days=60))
    codes = {(f.code, f.active) for f in facts[person].safety}
    # Sixty days on, only the stop still in force is shown; the answer has aged out.
    assert codes == {("magnesium_stopped", True)}
