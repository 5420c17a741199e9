"""Commands: log dose | food | checkin | sleep | side-effect | practice | therapy | medication.

Each takes flags; at a terminal, a missing flag is asked for. Every entry has an id (``--id``, or
a fresh one): sending the same entry again changes nothing, and the same id with other content is
refused with a clear message. ``--id ID --replace REASON`` corrects a saved entry on purpose; the
earlier version is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import typer

from mgcalm.cli.output import fail, print_json
from mgcalm.cli.services import services
from mgcalm.cli.tracking_common import (
    DAY,
    ENTRY_ID,
    JSON,
    NOTE,
    PERSON,
    REPLACE,
    ask,
    compact,
    day_or_today,
)

# The red-flag ids, listed in --help without importing the instruments at start-up.
RED_FLAG_IDS = (
    "muscle_weakness",
    "slow_heartbeat",
    "irregular_heartbeat",
    "difficulty_breathing",
    "confusion",
    "low_blood_pressure",
    "persistent_vomiting",
    "urinary_retention",
    "blood_in_stool",
    "dehydration",
)
log_app = typer.Typer(help="Log what you took, ate, felt and did today.", no_args_is_help=True)


def _save(
    kind: str,
    data: dict[str, Any],
    common: tuple[Any, ...],
    symptoms: Sequence[str] = (),
    show: bool = True,
) -> dict[str, Any]:
    """Save one entry, run the safety flow on it and say so (or print JSON); every log uses it.

    With ``show`` false nothing is printed: the caller prints the returned JSON with its own.
    """
    from mgcalm.app.safety.flow import with_red_flags
    from mgcalm.cli.tracking_safety import after_save, render_after_save

    day, entry_id, note, person, as_json, replace = common
    if replace is not None and entry_id is None:
        fail(["--id: say which saved entry --replace corrects (accepted: its id)"])
    with services() as app:
        pid = app.person(person).id
        entry = compact(
            {"id": entry_id, "day": day_or_today(app, day), "note": note or None, **data}
        )
        entry = with_red_flags(entry, symptoms)
        if replace is None:
            stored = app.log(pid, kind, entry)
        else:
            stored = app.amend(pid, kind, entry, replace)
        extra = after_save(app, pid, stored.entry, symptoms)
    payload = {**stored.to_json(), **extra}
    if not show:
        return payload
    if as_json:
        print_json(payload)
    else:
        verb = "Saved" if replace is None else "Corrected (the earlier version is kept)"
        typer.echo(f"{verb} {kind.replace('_', ' ')} {stored.entry.id} for {stored.entry.day}.")
    render_after_save(extra, as_json)
    return payload


@log_app.command("dose")
def dose(
    form: str = typer.Option(None, "--form", help="Magnesium form, e.g. glycinate."),
    mg: float = typer.Option(None, "--mg", help="Elemental magnesium in mg."),
    taken: str = typer.Option(None, "--taken", help="When you took it, HH:MM."),
    planned: str = typer.Option(None, "--planned", help="The planned time, HH:MM."),
    missed: str = typer.Option(None, "--missed", help="Not taken; say why (e.g. 'forgot')."),
    day: str = DAY,
    entry_id: str = ENTRY_ID,
    note: str = NOTE,
    person: str = PERSON,
    replace: str = REPLACE,
    as_json: bool = JSON,
) -> None:
    """Log a magnesium dose taken (form, elemental mg, time) or missed (with the reason)."""
    data = {
        "form": ask(form, "Form"),
        "elemental_mg": ask(mg, "Elemental mg", float),
        "planned_time": planned,
        "missed": missed is not None,
        "missed_reason": missed,
    }
    if missed is None:
        data["taken_time"] = ask(taken, "Taken at (HH:MM)")
    _save("dose", data, (day, entry_id, note, person, as_json, replace))


@log_app.command("food")
def food(
    query: str = typer.Argument(None, help="Food name or id, e.g. almonds or sr28:12061."),
    food_id: str = typer.Option(None, "--food", help="Food id from `mgcalm foods search`."),
    grams: float = typer.Option(None, "--grams", help="How much you ate, in grams."),
    portion: str = typer.Option(None, "--portion", help="A portion of the food, e.g. '1 oz'."),
    amount: float = typer.Option(None, "--amount", help="How many of --portion (default 1)."),
    mg: float = typer.Option(None, "--mg", help="Magnesium in mg (default: from USDA data)."),
    time: str = typer.Option(None, "--time", help="When, HH:MM."),
    day: str = DAY,
    entry_id: str = ENTRY_ID,
    note: str = NOTE,
    person: str = PERSON,
    replace: str = REPLACE,
    as_json: bool = JSON,
) -> None:
    """Log a food eaten (a portion or grams); its magnesium comes from USDA unless you give --mg."""
    from mgcalm.cli.foods_cmds import food_flags

    food = ask(food_id or query, "Food (name or id)")
    if grams is None and portion is None:
        grams = ask(grams, "Grams (blank: a typical serving)", float, True)
    data = {**food_flags(food, grams, portion, amount), "magnesium_mg": mg, "time": time}
    _save("food", data, (day, entry_id, note, person, as_json, replace))


def _rating(name: str) -> Any:
    return typer.Option(None, f"--{name.replace('_', '-')}", help=f"{name} 0–10.")


@log_app.command("checkin")
def checkin(
    anxiety: int = _rating("anxiety"),
    tension: int = _rating("tension"),
    irritability: int = _rating("irritability"),
    mood: int = _rating("mood"),
    energy: int = _rating("energy"),
    sleep_quality: int = _rating("sleep_quality"),
    digestion: int = _rating("digestion"),
    panic: int = typer.Option(None, "--panic", help="Panic episodes today."),
    palpitations: bool = typer.Option(False, "--palpitations", help="Palpitations today."),
    crisis: bool = typer.Option(False, "--crisis", help="I am in crisis: show support now."),
    day: str = DAY,
    entry_id: str = ENTRY_ID,
    note: str = NOTE,
    person: str = PERSON,
    replace: str = REPLACE,
    as_json: bool = JSON,
) -> None:
    """Log the daily check-in: 0–10 ratings, panic episodes, palpitations, crisis marker."""
    given = {
        "anxiety": anxiety,
        "tension": tension,
        "irritability": irritability,
        "mood": mood,
        "energy": energy,
        "sleep_quality": sleep_quality,
        "digestion": digestion,
    }
    data = {
        k: ask(v, f"{k.replace('_', ' ').capitalize()} 0–10", int, True) for k, v in given.items()
    }
    data.update(panic_episodes=panic, palpitations=palpitations, crisis=crisis)
    _save("checkin", data, (day, entry_id, note, person, as_json, replace))


@log_app.command("sleep")
def sleep(
    into_bed: str = typer.Option(None, "--into-bed", help="Got into bed, HH:MM."),
    tried: str = typer.Option(None, "--tried", help="Tried to sleep, HH:MM."),
    latency: int = typer.Option(None, "--latency", help="Minutes to fall asleep."),
    awakenings: int = typer.Option(None, "--awakenings", help="Times woken, not the last."),
    waso: int = typer.Option(None, "--waso", help="Minutes awake in those awakenings."),
    final_wake: str = typer.Option(None, "--final-wake", help="Final awakening, HH:MM."),
    out_of_bed: str = typer.Option(None, "--out-of-bed", help="Got out of bed, HH:MM."),
    quality: int = typer.Option(None, "--quality", help="1 very poor … 5 very good."),
    day: str = DAY,
    entry_id: str = ENTRY_ID,
    note: str = NOTE,
    person: str = PERSON,
    replace: str = REPLACE,
    as_json: bool = JSON,
) -> None:
    """Log last night's sleep diary (Consensus Sleep Diary core items; --day is the morning)."""
    data = {
        "into_bed": ask(into_bed, "Into bed (HH:MM)"),
        "tried_to_sleep": ask(tried, "Tried to sleep (HH:MM)"),
        "latency_min": ask(latency, "Minutes to fall asleep", int),
        "awakenings": ask(awakenings, "Awakenings", int),
        "waso_min": ask(waso, "Minutes awake", int),
        "final_wake": ask(final_wake, "Final awakening (HH:MM)"),
        "out_of_bed": ask(out_of_bed, "Out of bed (HH:MM)"),
        "quality": ask(quality, "Quality 1–5", int),
    }
    _save("sleep", data, (day, entry_id, note, person, as_json, replace))


@log_app.command("side-effect")
def side_effect(
    bristol: int = typer.Option(None, "--bristol", help="Bristol stool type 1–7."),
    nausea: int = typer.Option(None, "--nausea", help="Nausea 0–10."),
    other: str = typer.Option(None, "--other", help="Anything else, in words."),
    symptom: list[str] = typer.Option(
        None, "--symptom", help=f"A warning sign (repeatable): {', '.join(RED_FLAG_IDS)}."
    ),
    day: str = DAY,
    entry_id: str = ENTRY_ID,
    note: str = NOTE,
    person: str = PERSON,
    replace: str = REPLACE,
    as_json: bool = JSON,
) -> None:
    """Log side effects: Bristol type (1–7), nausea (0–10), warning signs, anything else.

    A warning sign (e.g. --symptom muscle_weakness) means: stop magnesium and seek care.
    Loose stools (Bristol 6–7) on 2 of the last 3 days step your plan's dose down.
    """
    data = {
        "bristol_type": ask(bristol, "Bristol stool type 1–7", int, True),
        "nausea": ask(nausea, "Nausea 0–10", int, True),
        "other": ask(other, "Other", str, True),
    }
    _save("side_effect", data, (day, entry_id, note, person, as_json, replace), symptom or ())


@log_app.command("practice")
def practice(
    kind: str = typer.Option(
        None,
        "--kind",
        help="breathwork, grounding, vagal, body_scan, mindfulness, movement or other.",
    ),
    minutes: int = typer.Option(None, "--minutes", help="How long, in minutes."),
    day: str = DAY,
    entry_id: str = ENTRY_ID,
    note: str = NOTE,
    person: str = PERSON,
    replace: str = REPLACE,
    as_json: bool = JSON,
) -> None:
    """Log a nervous-system practice done (breathwork, grounding, vagal …) and its minutes."""
    data = {"practice": ask(kind, "Practice"), "minutes": ask(minutes, "Minutes", int)}
    _save("practice", data, (day, entry_id, note, person, as_json, replace))


@log_app.command("therapy")
def therapy(
    kind: str = typer.Option(None, "--kind", help="emdr, cpt, pe, cbt, somatic or other."),
    minutes: int = typer.Option(None, "--minutes", help="How long, in minutes."),
    day: str = DAY,
    entry_id: str = ENTRY_ID,
    note: str = NOTE,
    person: str = PERSON,
    replace: str = REPLACE,
    as_json: bool = JSON,
) -> None:
    """Log a therapy session (EMDR, CPT, PE, CBT, somatic, other)."""
    data = {
        "therapy": ask(kind, "Therapy (emdr, cpt, pe, cbt, somatic, other)"),
        "minutes": minutes,
    }
    _save("therapy", data, (day, entry_id, note, person, as_json, replace))


@log_app.command("medication")
def medication(
    name: str = typer.Option(None, "--name", help="The medication."),
    change: str = typer.Option(None, "--change", help="started, stopped or dose_changed."),
    dose_text: str = typer.Option(None, "--dose", help="The new dose, in words."),
    times: str = typer.Option(
        None, "--times", help="A started medicine's times, HH:MM,HH:MM (asked at a terminal)."
    ),
    as_needed: bool = typer.Option(False, "--as-needed", help="Taken only when needed."),
    replan: bool = typer.Option(
        None, "--replan/--no-replan", help="Update your profile and re-plan (asked at a terminal)."
    ),
    day: str = DAY,
    entry_id: str = ENTRY_ID,
    note: str = NOTE,
    person: str = PERSON,
    replace: str = REPLACE,
    as_json: bool = JSON,
) -> None:
    """Log a medication started, stopped or changed; a start or stop is checked and re-planned.

    A started medicine is checked against magnesium at once (how its name was recognised, its
    interaction notes, the plan it would give); its times are asked for, and re-planning is
    offered. The evaluation takes every change into account.
    """
    data = {
        "medication": ask(name, "Medication"),
        "change": ask(change, "Change (started, stopped, dose_changed)"),
        "dose": dose_text,
    }
    common = (day, entry_id, note, person, as_json, replace)
    if data["change"] not in ("started", "stopped") or replace is not None:
        _save("medication_change", data, common)
        return
    from mgcalm.cli.medicine_change import parse_times, reconcile

    parsed = parse_times(times)  # a bad time stops here, before anything is saved
    saved = _save("medication_change", data, common, show=not as_json)
    options = (parsed, as_needed, replan)
    reconcile(person, data["medication"], data["change"], options, as_json, saved)
