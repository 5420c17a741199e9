"""Export → import → export gives back the same document, for any data (property test)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcalm.app import App, ConflictError, Settings, open_app
from mgcalm.domain.profile_parse import parse_profile_toml

PROFILE = """
[person]
age = {age}
sex = "male"
[day]
wake = "06:30"
breakfast = "07:00"
lunch = "12:00"
dinner = "19:00"
bedtime = "22:30"
[goals]
focus = ["sleep"]
"""

# Any text a person can type: control characters (NUL…) are refused at the door.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")),
    max_size=30,
)
IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}", fullmatch=True)
DAYS = st.dates(date(2024, 1, 1), date(2027, 12, 31))
RATING = st.none() | st.integers(0, 10)
CLOCK = st.times().map(lambda t: f"{t:%H:%M}")
STAMPS = st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1), timezones=st.just(UTC))


def _sleep(day: date, draw_minutes: list[int]) -> dict[str, Any]:
    into = datetime.combine(day - timedelta(days=1), time(22, 0)) + timedelta(
        minutes=draw_minutes[0]
    )
    tried = into + timedelta(minutes=draw_minutes[1])
    wake = tried + timedelta(minutes=240 + draw_minutes[2])
    return {
        "into_bed": into.isoformat(),
        "tried_to_sleep": tried.isoformat(),
        "latency_min": draw_minutes[3] % 60,
        "awakenings": draw_minutes[4] % 5,
        "waso_min": draw_minutes[4] % 90 if draw_minutes[4] % 5 else 0,  # no waking, no WASO
        "final_wake": wake.isoformat(),
        "out_of_bed": (wake + timedelta(minutes=draw_minutes[5])).isoformat(),
        "quality": 1 + draw_minutes[5] % 5,
    }


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    day = draw(DAYS)
    base = {"id": draw(IDS), "day": day.isoformat(), "note": draw(TEXT)}
    kind = draw(st.sampled_from(["checkin", "dose", "sleep", "side_effect", "practice", "therapy",
                                 "medication_change", "questionnaire"]))  # fmt: skip
    mg = st.floats(0.01, 2000, allow_nan=False, allow_infinity=False)
    if kind == "checkin":
        names = ("anxiety", "tension", "irritability", "mood", "energy", "sleep_quality")
        extra: dict[str, Any] = {n: draw(RATING) for n in names}
        extra |= {"panic_episodes": draw(st.integers(0, 100)), "crisis": draw(st.booleans())}
    elif kind == "dose":
        missed = draw(st.booleans())
        extra = {"form": draw(st.sampled_from(["glycinate", "citrate"])), "elemental_mg": draw(mg),
                 "planned_time": draw(st.none() | CLOCK), "missed": missed}  # fmt: skip
        extra |= {"missed_reason": "forgot"} if missed else {"taken_time": draw(CLOCK)}
    elif kind == "sleep":
        extra = _sleep(day, draw(st.lists(st.integers(0, 120), min_size=6, max_size=6)))
    elif kind == "side_effect":
        extra = {"bristol_type": draw(st.integers(1, 7)), "nausea": draw(RATING)}
    elif kind == "practice":
        extra = {"practice": draw(st.sampled_from(["breathwork", "vagal"])),
                 "minutes": draw(st.integers(1, 600))}  # fmt: skip
    elif kind == "therapy":
        extra = {"therapy": draw(st.sampled_from(["emdr", "cpt", "somatic"]))}
    elif kind == "medication_change":
        extra = {
            "medication": "sertraline",
            "change": draw(st.sampled_from(["started", "stopped"])),
        }
    else:
        answers = draw(st.lists(st.integers(0, 3), min_size=7, max_size=7))
        extra = {"instrument": "gad7", "answers": answers, "score": {"total": sum(answers)}}
    return {"kind": kind, **base, **extra}


def _app(url: str, now: datetime) -> App:
    return open_app(Settings(database_url=url), clock=lambda: now)


def _fill(app: App, ages: list[int], batch: list[dict[str, Any]], today: date) -> None:
    for index, age in enumerate(ages):
        profile, problems = parse_profile_toml(PROFILE.format(age=age))
        assert profile is not None, problems
        person = app.setup_person(profile, person_id=f"p{index % 2}", display_name=f"Ü {index}")[0]
        unique = {e["id"]: e for e in batch}  # one entry per id, as a client would send
        try:
            app.log_many(person.id, list(unique.values()))
        except ConflictError:
            raise AssertionError("ids are unique within one batch") from None
    pid = app.people()[0].id
    kept = list({e["id"]: e for e in batch}.values())
    if kept:  # a correction, then a deletion: both keep the earlier content as revisions
        first = kept[0]
        app.amend(pid, first["kind"], {**_without_kind(first), "note": "corrected"}, "typo")
        app.delete_entry(pid, kept[-1]["id"], "entered twice")
    app.plan_for(pid, today)
    app.choose_outcome(pid, "anxiety", today=today)
    app.start_phase(pid, {"id": "b", "phase": "baseline", "start": today})
    app.start_phase(pid, {"id": "t", "phase": "titration", "start": today + timedelta(days=14)})


def _without_kind(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k != "kind"}


def _without_stamp(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ages=st.lists(st.integers(18, 90), min_size=1, max_size=3),
    batch=st.lists(entries(), max_size=25),
    now=STAMPS,
    today=DAYS,
)
def test_export_import_export_is_lossless(
    fresh_database: Callable[[], str], ages: list[int], batch: list[dict[str, Any]],
    now: datetime, today: date,
) -> None:  # fmt: skip
    source = _app(fresh_database(), now)
    try:
        _fill(source, ages, batch, today)
        first = source.export()
    finally:
        source.close()
    target = _app(fresh_database(), now + timedelta(days=1))
    try:
        summary = target.import_document(first)
        second = target.export()
        again = target.import_document(second)  # importing the same data twice adds nothing
    finally:
        target.close()
    assert _without_stamp(second) == _without_stamp(first)
    assert again.added == 0 and again.unchanged == summary.added
