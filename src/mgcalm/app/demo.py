"""A made-up person with ten weeks of data, so a newcomer sees every page of ``serve --demo`` full.

Alex (34) lives with PTSD-related anxiety and poor sleep and takes levothyroxine at 06:30. The
weeks follow the protocol: two weeks of baseline, two of titration, six of maintenance, with a
trauma-focused therapy course starting in week 6. Daily ratings are AR(1) noise around a small
improvement (so the effect estimates have honest, wide intervals), a few doses are missed, and
loose stools appear early in titration. Everything is written through the app services, on a
separate database under ``<data dir>/demo/`` so the person's own data is never touched.
"""

from __future__ import annotations

import os
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from mgcalm.app.core import App, open_app
from mgcalm.app.settings import Settings, load_settings
from mgcalm.app.tracking import wearables
from mgcalm.domain.entries import EntryBase, parse_entry
from mgcalm.domain.plan import Plan
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.domain.profile_parse import profile_from_mapping

DEMO_ID = "demo-alex"
RING = "Oura (demo)"
WEEKS = 10
MAX_WEEKS = 520
BASELINE_DAYS, TITRATION_DAYS = 14, 14
THERAPY_FROM_DAY = 35
PROFILE: dict[str, Any] = {
    "person": {"age": 34, "sex": "female"},
    "health": {"kidney": "normal"},
    "day": {
        "wake": "07:00",
        "breakfast": "07:30",
        "lunch": "12:30",
        "dinner": "18:30",
        "bedtime": "23:00",
    },
    "goals": {"focus": ["anxiety", "sleep"]},
    "diet": {"magnesium_mg": 220},
    "medications": [{"name": "levothyroxine", "times": ["06:30"]}],
}
# (catalogue search words, grams): the foods Alex eats most weeks.
FOODS: tuple[tuple[str, float], ...] = (
    ("pumpkin seeds", 28.35),
    ("spinach raw", 30.0),
    ("almonds", 28.35),
    ("black beans cooked", 86.0),
    ("banana raw", 118.0),
    ("oatmeal cooked", 234.0),
)


def demo_settings(base: Settings | None = None) -> Settings:
    """Settings pointing at the demo database: ``<data dir>/demo`` (never the person's own)."""
    base = base or load_settings()
    return base.model_copy(update={"data_dir": base.data_dir / "demo", "database_url": None})


def prepare_demo() -> Path:
    """Point this process at the demo data dir, seeding it on first use; returns the folder."""
    settings = demo_settings()
    os.environ["MGCALM_DATA_DIR"] = str(settings.data_dir)
    os.environ.pop("MGCALM_DATABASE_URL", None)
    app = open_app(settings)
    try:
        if not app.people():
            seed(app, app.today())
    finally:
        app.close()
    return settings.data_dir


def seed_into(settings: Settings, weeks: int) -> tuple[str, int]:
    """``mgcalm demo seed``: the demo person over ``weeks`` weeks in the configured database.

    The entries go in one transaction (the ring's nightly values in a second), so three years
    (156 weeks) take seconds.
    Returns the person's id and how many entries were written; a database that already holds
    the demo person, or weeks outside 1–520, is refused (InvalidInputError naming the field).
    """
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInputError([Problem("weeks", f"{weeks} is out of range", f"1–{MAX_WEEKS}")])
    app = open_app(settings)
    try:
        if any(p.id == DEMO_ID for p in app.people()):
            where = settings.database_url or str(settings.data_dir)
            raise InvalidInputError(
                [Problem("person", f"{DEMO_ID!r} is already in {where}", "an empty data folder")]
            )
        person = seed(app, app.today(), weeks=weeks)
        return person, len(app.history(person))
    finally:
        app.close()


def seed(
    app: App, today: date, seed_value: int = 7, weeks: int = WEEKS, person_id: str = DEMO_ID
) -> str:
    """Write the demo person: profile, plan, phases, questionnaires and ``weeks`` of entries.

    ``person_id`` puts the same data under another id (a clinic account's person, say).
    """
    rng = random.Random(seed_value)
    start = today - timedelta(days=weeks * 7 - 1)
    profile, problems = profile_from_mapping(PROFILE)
    assert profile is not None, problems
    person = app.create_person(profile, person_id=person_id, display_name="Alex (demo)").id
    plan = app.plan_for(person, today=start)
    app.choose_outcome(person, "anxiety", today=start - timedelta(days=1))
    maintenance = _phases(app, person, start, today)
    entries: list[EntryBase] = []
    foods = _foods()
    level = 0.0
    for offset in range(weeks * 7):
        day = start + timedelta(days=offset)
        level = 0.5 * level + rng.gauss(0, 0.9)  # AR(1) day-to-day mood weather
        entries += _day_entries(rng, plan, day, offset, level, today)
        entries += _meals(rng, foods, day, today)
    entries += _questionnaires(start, maintenance, today)
    app.log_entries(person, entries)
    wearables.save_values(app, person, "oura", _ring(start, today, seed_value))
    return person


def _ring(start: date, today: date, seed_value: int) -> list[tuple[date, str, float, str]]:
    """Alex's ring: sleep, resting heart rate and HRV each night, a little better on magnesium.

    Its own random stream, so the logged entries stay what they were before the ring was added.
    """
    rng = random.Random(seed_value * 1009)
    found: list[tuple[date, str, float, str]] = []
    weather = 0.0
    for offset in range((today - start).days + 1):
        day = start + timedelta(days=offset)
        better = 1.0 if offset >= BASELINE_DAYS else 0.0
        weather = 0.6 * weather + rng.gauss(0, 1.0)  # a rough week shows in every measure
        found += [
            (
                day,
                "sleep_minutes",
                round(395 + 10 * better - 12 * weather + rng.gauss(0, 25)),
                RING,
            ),
            (day, "sleep_efficiency", round(85 + 2 * better - weather + rng.gauss(0, 2), 1), RING),
            (day, "resting_heart_rate", round(63 - 1 * better + weather + rng.gauss(0, 1)), RING),
            (day, "hrv_rmssd", round(36 + 2 * better - 2 * weather + rng.gauss(0, 3), 1), RING),
        ]
    return found


def _phases(app: App, person: str, start: date, today: date) -> date:
    """Baseline, titration, then maintenance, as far as ``today`` reaches (the last one runs).

    Returns maintenance's first day (which may lie after ``today`` in a short demo).
    """
    titration = start + timedelta(days=BASELINE_DAYS)
    maintenance = titration + timedelta(days=TITRATION_DAYS)
    begun = [(p, d) for p, d in (("baseline", start), ("titration", titration)) if d <= today]
    if maintenance <= today:
        begun.append(("maintenance", maintenance))
    for index, (phase, first) in enumerate(begun):
        last = begun[index + 1][1] - timedelta(days=1) if index + 1 < len(begun) else None
        app.start_phase(person, {"id": phase, "phase": phase, "start": first, "end": last})
    return maintenance


def _parse(kind: str, data: dict[str, Any]) -> EntryBase:
    return parse_entry(kind, data)


def _day_entries(
    rng: random.Random, plan: Plan, day: date, offset: int, level: float, today: date
) -> list[EntryBase]:
    on_mg = offset >= BASELINE_DAYS
    therapy = offset >= THERAPY_FROM_DAY
    improvement = (0.7 if on_mg else 0.0) + (0.5 if therapy else 0.0)
    found = [
        _checkin(rng, day, improvement, level),
        _sleep(rng, day, improvement),
    ]
    if on_mg:
        found += _doses(rng, plan, day, offset)
    if rng.random() < 0.8:
        found.append(
            _parse(
                "practice",
                {
                    "id": f"practice-{day}",
                    "day": day,
                    "practice": "breathwork",
                    "minutes": rng.choice((5, 10)),
                },
            )
        )
    if therapy and (offset - THERAPY_FROM_DAY) % 7 == 0:
        found.append(
            _parse("therapy", {"id": f"therapy-{day}", "day": day, "therapy": "cpt", "minutes": 60})
        )
    if BASELINE_DAYS + 2 <= offset <= BASELINE_DAYS + 5 and offset % 2 == 0:
        found.append(_parse("side_effect", {"id": f"stool-{day}", "day": day, "bristol_type": 6}))
    # Today's check-in and doses are left for the newcomer to log with one tap.
    return [e for e in found if e.day < today or e.kind in ("sleep", "practice")]


def _foods() -> list[tuple[str, str, float, float]]:
    """(id, portion, grams, magnesium mg) of each demo food, looked up in the USDA catalogue."""
    from mgcalm.knowledge.foods import search_foods

    found = []
    for words, grams in FOODS:
        food = next((f for f in search_foods(words, 5) if f.magnesium_mg_per_100g), None)
        if food is not None:
            found.append((food.id, f"{grams:g} g", grams, round(food.magnesium_mg(grams) or 0, 1)))
    return found


def _meals(
    rng: random.Random, foods: list[tuple[str, str, float, float]], day: date, today: date
) -> list[EntryBase]:
    if day > today:
        return []
    chosen = rng.sample(foods, k=min(len(foods), rng.randint(1, 3)))
    return [
        _parse(
            "food",
            {
                "id": f"food-{day}-{i}",
                "day": day,
                "food_id": food_id,
                "portion": portion,
                "grams": grams,
                "magnesium_mg": mg,
            },
        )
        for i, (food_id, portion, grams, mg) in enumerate(chosen)
    ]


def _checkin(rng: random.Random, day: date, improvement: float, level: float) -> EntryBase:
    """The day's ratings: shared AR(1) weather plus each rating's own noise."""
    return _parse(
        "checkin",
        {
            "id": f"checkin-{day}",
            "day": day,
            "anxiety": _rating(6.3 - improvement + level),
            "tension": _rating(5.8 - improvement + level + rng.gauss(0, 0.6)),
            "mood": _rating(4.6 + improvement - 0.6 * level + rng.gauss(0, 0.6)),
            "irritability": _rating(5.0 - improvement / 2 + level + rng.gauss(0, 0.7)),
            "energy": _rating(4.4 + improvement / 2 + rng.gauss(0, 0.8)),
            "sleep_quality": _rating(4.0 + improvement - 0.5 * level + rng.gauss(0, 0.8)),
            "panic_episodes": 1 if rng.random() < 0.12 else 0,
        },
    )


def _rating(value: float) -> int:
    # Capped at 8: the demo person has hard days, never the 9–10 distress that calls for support.
    return max(0, min(8, round(value)))


def _sleep(rng: random.Random, day: date, improvement: float) -> EntryBase:
    night = datetime.combine(day - timedelta(days=1), time(22, 45))
    latency = max(5, round(rng.gauss(38 - 8 * improvement, 10)))
    waso = max(0, round(rng.gauss(45 - 10 * improvement, 15)))
    wake = datetime.combine(day, time(6, 40)) + timedelta(minutes=rng.randint(-20, 20))
    return _parse(
        "sleep",
        {
            "id": f"sleep-{day}",
            "day": day,
            "into_bed": night,
            "tried_to_sleep": night + timedelta(minutes=15),
            "latency_min": latency,
            "awakenings": rng.randint(1, 3),
            "waso_min": waso,
            "final_wake": wake,
            "out_of_bed": wake + timedelta(minutes=15),
            "quality": max(1, min(5, round(2.4 + improvement + rng.gauss(0, 0.7)))),
        },
    )


def _doses(rng: random.Random, plan: Plan, day: date, offset: int) -> list[EntryBase]:
    """The plan's doses, scaled down along the titration steps; about 1 in 14 missed."""
    step_day = offset - BASELINE_DAYS + 1
    steps = [s for s in plan.titration if s.day <= step_day]
    total = steps[-1].elemental_mg_per_day if steps else plan.daily_elemental_mg
    scale = total / max(plan.daily_elemental_mg, 1)
    found = []
    for dose in plan.doses:
        data: dict[str, Any] = {
            "id": f"dose-{day:%Y%m%d}-{dose.time:%H%M}",
            "day": day,
            "planned_time": dose.time,
            "form": dose.form,
            "elemental_mg": max(1, round(dose.elemental_mg * scale)),
        }
        if rng.random() < 0.07:
            data |= {"missed": True, "missed_reason": rng.choice(("forgot", "away from home"))}
        else:
            data["taken_time"] = time(
                dose.time.hour, min(59, dose.time.minute + rng.randint(0, 20))
            )
        found.append(_parse("dose", data))
    return found


# The questionnaires tell a plain, non-crisis story: PTSD symptoms in the probable range at
# the start, easing slowly on magnesium and therapy; no risk-taking (PCL-5 item 16 is 0), no
# thoughts of self-harm (PHQ-9 item 9 is 0), and no change large enough to count as a worsening.
STORY: dict[str, tuple[tuple[int, ...], ...]] = {
    # baseline, start of maintenance, later (every four weeks after that)
    "pcl5": (
        (2, 2, 2, 3, 2, 3, 2, 1, 2, 2, 2, 2, 2, 1, 2, 0, 3, 3, 2, 3),  # 41
        (2, 2, 1, 2, 2, 2, 2, 1, 2, 2, 1, 2, 1, 1, 2, 0, 2, 3, 2, 2),  # 34
        (1, 2, 1, 2, 1, 2, 2, 1, 1, 2, 1, 1, 1, 1, 2, 0, 2, 2, 2, 2),  # 29
    ),
    "gad7": ((2, 2, 2, 2, 1, 2, 2), (2, 1, 2, 1, 1, 2, 2), (1, 1, 2, 1, 1, 1, 2)),  # 13, 11, 9
    "phq9": (
        (1, 2, 2, 2, 1, 1, 1, 1, 0),  # 11
        (1, 1, 2, 2, 1, 1, 1, 0, 0),  # 9
        (1, 1, 1, 2, 1, 0, 1, 0, 0),  # 7
    ),
}
QUESTIONNAIRE_EVERY_DAYS = 28


def _questionnaires(start: date, maintenance: date, today: date) -> list[EntryBase]:
    """The story's questionnaires: at the start, when maintenance begins, then every 4 weeks."""
    days = [start]
    day = maintenance
    while day < today:
        days.append(day)
        day += timedelta(days=QUESTIONNAIRE_EVERY_DAYS)
    days.append(today)
    return [
        _questionnaire(instrument, list(answers[min(stage, 2)]), when)
        for stage, when in enumerate(sorted(set(days)))
        for instrument, answers in STORY.items()
    ]


def _questionnaire(instrument: str, answers: list[int], day: date) -> EntryBase:
    from mgcalm.instruments import score

    return _parse(
        "questionnaire",
        {
            "id": f"{instrument}-{day}",
            "day": day,
            "instrument": instrument,
            "answers": answers,
            "score": score(instrument, answers).to_json(),
        },
    )
