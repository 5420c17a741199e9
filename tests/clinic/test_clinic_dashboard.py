"""The clinician dashboard: flags from the facts, and a constant number of SQL statements."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from tests.clinic.conftest import Browser, log_in, open_clinic_web

from mgcalm.app.clinic import service as clinic
from mgcalm.app.clinic.dashboard import person_row
from mgcalm.store.clinic.access import insert_grant
from mgcalm.store.clinic.dashboard import PersonFacts, ScoreFact
from mgcalm.store.migrate import alembic_config

TODAY = date(2026, 11, 26)
BENCH_PASSWORD = "benchmark passphrase"


def test_the_migrations_have_a_single_head() -> None:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, heads


def facts(**changes: Any) -> PersonFacts:
    base = PersonFacts("p1", "Sam", phases=[("maintenance", TODAY - timedelta(days=20), None)])
    base.planned_doses_per_day, base.doses_taken, base.last_logged = 2, 14, TODAY
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def codes(row: dict[str, Any]) -> list[str]:
    return [flag["code"] for flag in row["flags"]]


def test_a_steady_person_needs_no_attention() -> None:
    row = person_row(facts(), TODAY)
    assert row["flags"] == [] and row["adherence"] == 100
    assert (row["phase"], row["phase_day"], row["planned_days"]) == ("maintenance", 21, 42)


def test_item_9_comes_first_and_is_urgent() -> None:
    scores = [
        ScoreFact("phq9", TODAY, [2, 2, 2, 1, 1, 1, 1, 1, 1]),  # total 12, item 9 = 1
        ScoreFact("phq9", TODAY - timedelta(days=14), [1, 1, 1, 1, 1, 1, 0, 0, 0]),  # total 6
    ]
    row = person_row(facts(scores=scores, side_effect_days=4), TODAY)
    assert codes(row) == ["item9", "worsening", "side_effects"]
    assert row["flags"][0]["urgent"] and row["scores"]["phq9"]["change"] == 6


def test_a_rise_below_the_reliable_change_threshold_is_not_worsening() -> None:
    scores = [
        ScoreFact("gad7", TODAY, [2, 2, 2, 1, 1, 1, 0]),  # total 9
        ScoreFact("gad7", TODAY - timedelta(days=14), [1, 1, 1, 1, 1, 1, 1]),  # total 7
    ]
    assert codes(person_row(facts(scores=scores), TODAY)) == []


def test_the_dashboard_scores_the_answers_again_and_skips_what_cannot_be_scored() -> None:
    scores = [
        ScoreFact("phq9", TODAY, [0, 0, 0, 0, 0, 0, 0, 0, 3]),  # a client once sent total 0
        ScoreFact("madeup", TODAY, [1, 2]),
        ScoreFact("gad7", TODAY, "not a list"),
        ScoreFact("gad7", TODAY, [9, 9, 9, 9, 9, 9, 9]),
    ]
    row = person_row(facts(scores=scores), TODAY)
    assert codes(row) == ["item9"]
    assert row["scores"] == {
        "phq9": {
            "label": "PHQ-9",
            "total": 3,
            "band": "none-minimal",
            "day": TODAY.isoformat(),
            "change": None,
        }
    }


def test_missed_doses_phase_ending_and_silence_are_flagged() -> None:
    ending = [("baseline", TODAY - timedelta(days=12), None)]
    assert codes(person_row(facts(phases=ending), TODAY)) == ["phase_ending"]
    assert codes(person_row(facts(doses_taken=7), TODAY)) == ["missed_doses"]
    quiet = person_row(facts(last_logged=TODAY - timedelta(days=5)), TODAY)
    assert codes(quiet) == ["not_logging"]
    crisis = person_row(facts(crisis_days=1), TODAY)
    assert codes(crisis) == ["crisis"] and crisis["flags"][0]["urgent"]


def statements(engine: sa.Engine, browser: Browser, path: str) -> int:
    seen: list[str] = []

    def listen(*args: Any) -> None:
        seen.append(args[2])

    sa.event.listen(engine, "before_cursor_execute", listen)
    try:
        assert browser.get(path).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", listen)
    return len(seen)


def test_the_dashboard_costs_the_same_statements_for_3_or_12_people(
    database_url: str, mgcalm_data_dir: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("MGCALM_CLINIC_MODE", "1")
    _, mg, entered = open_clinic_web(database_url, mgcalm_data_dir)
    try:
        done = clinic.seed_benchmark(
            mg, people=12, days=30, clinician="bench.many", password=BENCH_PASSWORD
        )
        assert done.people == 12 and done.entries > 12 * 30
        few = clinic.create_account(mg, "bench.few", BENCH_PASSWORD, "clinician")
        with mg.store.write() as conn:
            for i in range(3):
                insert_grant(conn, f"few-{i}", f"bench-{i:05d}", few.id, mg.now())
        counts = {}
        for who, expected in (("bench.few", 3), ("bench.many", 12)):
            browser = Browser(entered)
            assert log_in(browser, who, BENCH_PASSWORD).status_code == 303
            assert len(browser.get("/api/clinic").json()["people"]) == expected
            counts[who] = (
                statements(mg.store.engine, browser, "/clinic"),
                statements(mg.store.engine, browser, "/api/clinic"),
            )
        assert counts["bench.few"] == counts["bench.many"], counts
        # Session, five dashboard reads, one audit executemany (+ BEGINs that SQLite issues).
        assert counts["bench.many"][0] <= 12
    finally:
        entered.__exit__(None, None, None)
