"""The busy clinic's dashboard: pseudonyms, counts, filters, sort, dated flags, summaries."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from tests.clinic.conftest import Clinic

from mgcalm.app.clinic.dashboard import person_row
from mgcalm.app.clinic.dashboard_query import DashboardQuery, counts, page_of, select
from mgcalm.domain.pseudonym import pseudonym, shown_name
from mgcalm.store.clinic import summaries
from mgcalm.store.clinic.dashboard import PersonFacts, SafetyFact, ScoreFact

TODAY = date(2026, 11, 26)
WORDS = re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+ [1-9][0-9]$")


def test_a_person_without_a_name_gets_a_readable_stable_pseudonym() -> None:
    name = pseudonym("p-48e672ef15c64a0a9b5f")
    assert WORDS.match(name) and name == pseudonym("p-48e672ef15c64a0a9b5f")
    assert "48e6" not in name
    assert shown_name("", "p-48e672ef15c64a0a9b5f") == name
    assert shown_name("  Sam ", "p-1") == "Sam"
    many = {pseudonym(f"p-{i}") for i in range(500)}
    assert len(many) > 495  # 368,640 names: two of 500 people rarely share one


def _facts(person_id: str, name: str = "", **changes: Any) -> PersonFacts:
    base = PersonFacts(person_id, name, phases=[("maintenance", TODAY - timedelta(days=20), None)])
    base.planned_doses_per_day, base.doses_taken, base.last_logged = 2, 14, TODAY
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def _rows() -> list[dict[str, Any]]:
    item9 = [ScoreFact("phq9", TODAY - timedelta(days=2), [1, 1, 1, 1, 1, 1, 0, 0, 2])]
    stop = SafetyFact("magnesium_stopped", "stop", TODAY - timedelta(days=3), "", "flow", {}, True)
    facts = [
        _facts("p-steady", "Ann"),
        _facts("p-urgent", "Bea", scores=item9),
        _facts("p-paused", "Cal", safety=[stop]),
        _facts("p-quiet", "", last_logged=TODAY - timedelta(days=6)),
        _facts("p-missing", "Dee", doses_taken=5),
    ]
    return [person_row(f, TODAY) for f in facts]


def test_every_person_has_one_status_and_every_flag_a_date() -> None:
    rows = _rows()
    by_id = {r["person_id"]: r for r in rows}
    assert counts(rows) == {"today": 1, "week": 2, "on_track": 1, "paused": 1}
    assert by_id["p-urgent"]["status"] == "today" and by_id["p-paused"]["status"] == "paused"
    assert by_id["p-quiet"]["name"] == pseudonym("p-quiet")
    flags = [flag for row in rows for flag in row["flags"]]
    assert flags and all(date.fromisoformat(flag["day"]) for flag in flags)
    quiet = by_id["p-quiet"]["flags"][0]
    assert (quiet["code"], quiet["day"]) == ("not_logging", (TODAY - timedelta(days=6)).isoformat())


def test_filters_sort_and_search_come_from_query_parameters() -> None:
    rows = _rows()

    def names(**params: str) -> list[str]:
        query = DashboardQuery.from_params(params)
        return [r["name"] for r in select(rows, query, TODAY)]

    assert names()[:2] == ["Bea", "Cal"]  # attention: urgent, then paused
    assert names(sort="name") == sorted(names(sort="name"), key=str.lower)
    assert names(sort="name", order="desc") == names(sort="name")[::-1]
    assert names(flag="missed_doses") == ["Dee"]
    assert names(flag="none") == ["Ann"]
    assert names(status="paused") == ["Cal"]
    assert names(adherence="low") == ["Dee"]
    assert names(seen="quiet") == [pseudonym("p-quiet")]
    assert names(q="BE") == ["Bea"]
    assert names(sort="adherence")[-1] in {"Ann", "Bea", "Cal"}  # 100 % last when ascending
    # Values it does not know are ignored, never an error.
    assert DashboardQuery.from_params({"sort": "drop table", "page": "-3", "flag": "x"}) == (
        DashboardQuery()
    )
    assert page_of(rows, 9) == (rows, 1)


def _summaries(conn: Any) -> tuple[list[Any], list[Any]]:
    days = conn.execute(sa.select(summaries.day_summaries).order_by("person_id", "day")).all()
    people = conn.execute(sa.select(summaries.person_summaries).order_by("person_id")).all()
    return [tuple(r) for r in days], [tuple(r) for r in people]


def test_the_summaries_follow_every_write_amend_and_delete(fresh_clinic: Any) -> None:
    clinic: Clinic = fresh_clinic()
    mg, alice = clinic.mg, clinic.alice
    today = mg.today().isoformat()
    taken = {"day": today, "taken_time": "08:00", "form": "glycinate", "elemental_mg": 100}
    dose = mg.log(alice, "dose", taken)
    mg.log(alice, "side_effect", {"day": today, "bristol_type": 6})
    mg.record_questionnaire(alice, "phq9", [2, 2, 2, 2, 2, 2, 2, 2, 1], mg.today())
    mg.correct(
        alice,
        "dose",
        {"id": dose.entry.id, "missed": True, "missed_reason": "forgot"},
        clear=["taken_time"],
    )
    crisis = mg.log(alice, "checkin", {"day": today, "anxiety": 9, "crisis": True})
    mg.delete_entry(alice, crisis.entry.id, "entered by mistake")
    with mg.store.read() as conn:
        kept = _summaries(conn)
    with mg.store.write() as conn:
        summaries.rebuild(conn)
        rebuilt = _summaries(conn)
    assert kept == rebuilt
    row = next(r for r in kept[0] if r[0] == alice and r[1] == mg.today())
    assert row[2:] == (0, 1, 1, 0)  # the dose now missed, one side effect, the crisis deleted
    view = clinic.clients["clinician_granted"].get("/api/clinic").json()
    codes = [f["code"] for f in view["people"][0]["flags"]]
    assert codes[0] == "item9" and view["people"][0]["flags"][0]["day"] == today


def test_the_page_filters_by_query_parameters_and_counts_everyone(the_clinic: Clinic) -> None:
    browser = the_clinic.clients["clinician_granted"]
    page = browser.get("/clinic?q=alice&sort=name&order=desc")
    assert page.status_code == 200 and "Alice Example" in page.text
    assert 'href="/clinic/pooled"' in page.text
    assert 'aria-sort="descending"' in page.text
    view = browser.get("/api/clinic?q=nobody").json()
    assert view["people"] == [] and view["total"] == 1 and view["matching"] == 0
    assert set(view["counts"]) == {"today", "week", "on_track", "paused"}
    assert sum(view["counts"].values()) == view["total"]
    assert browser.get("/api/clinic?flag=bogus&page=x").status_code == 200


def test_clinic_pages_say_the_data_lives_on_the_clinics_server(the_clinic: Clinic) -> None:
    for role, path in (("clinician_granted", "/clinic"), ("owner", "/settings")):
        text = the_clinic.clients[role].get(path).text
        assert "clinic's server" in text and "stays on this device" not in text, (role, path)
