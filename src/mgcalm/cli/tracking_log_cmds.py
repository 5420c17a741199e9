"""Commands: log dose | food | checkin | sleep | side-effect | practice | therapy | medication.

Each command reads its own options into an entry; :mod:`mgcalm.cli.log_command` adds the options
every log shares and saves it. At a terminal, a missing option is asked for. Every entry has an
id (``--id``, or a fresh one): sending the same entry again changes nothing, and the same id with
other content is refused with a clear message. ``--id ID --replace REASON`` corrects the options
given and keeps the rest (``--clear FIELD`` empties one); the earlier version is kept.
"""

from __future__ import annotations

from typing import Any

import typer

from mgcalm.cli.log_command import Logged, Shared, log_command
from mgcalm.cli.tracking_common import ask

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


@log_command(log_app, "dose")
def dose(
    form: str = typer.Option(None, "--form", help="Magnesium form, e.g. glycinate."),
    mg: float = typer.Option(None, "--mg", help="Elemental magnesium in mg."),
    taken: str = typer.Option(None, "--taken", help="When you took it, HH:MM."),
    planned: str = typer.Option(None, "--planned", help="The planned time, HH:MM."),
    missed: str = typer.Option(None, "--missed", help="Not taken; say why (e.g. 'forgot')."),
) -> Logged:
    """Log a magnesium dose taken (form, elemental mg, time) or missed (with the reason)."""
    data = {
        "form": ask(form, "Form"),
        "elemental_mg": ask(mg, "Elemental mg", float),
        "planned_time": planned,
        "missed": True if missed is not None else None,
        "missed_reason": missed,
    }
    if missed is None:
        data["taken_time"] = ask(taken, "Taken at (HH:MM)")
    return Logged("dose", data)


@log_command(log_app, "food")
def food(
    query: str = typer.Argument(None, help="Food name or id, e.g. almonds or sr28:12061."),
    food_id: str = typer.Option(None, "--food", help="Food id from `mgcalm foods search`."),
    grams: float = typer.Option(None, "--grams", help="How much you ate, in grams."),
    portion: str = typer.Option(None, "--portion", help="A portion of the food, e.g. '1 oz'."),
    amount: float = typer.Option(None, "--amount", help="How many of --portion (default 1)."),
    mg: float = typer.Option(None, "--mg", help="Magnesium in mg (default: from USDA data)."),
    time: str = typer.Option(None, "--time", help="When, HH:MM."),
) -> Logged:
    """Log a food eaten (a portion or grams); its magnesium comes from USDA unless you give --mg."""
    from mgcalm.cli.foods_cmds import food_flags

    food = ask(food_id or query, "Food (name or id)")
    if grams is None and portion is None:
        grams = ask(grams, "Grams (blank: a typical serving)", float, True)
    fields = food_flags(food, grams, portion, amount, exact_id=food_id is not None)
    data = {**fields, "magnesium_mg": mg, "time": time}
    return Logged("food", data)


def _rating(name: str) -> Any:
    return typer.Option(None, f"--{name.replace('_', '-')}", help=f"{name} 0–10.")


@log_command(log_app, "checkin")
def checkin(
    anxiety: int = _rating("anxiety"),
    tension: int = _rating("tension"),
    irritability: int = _rating("irritability"),
    mood: int = _rating("mood"),
    energy: int = _rating("energy"),
    sleep_quality: int = _rating("sleep_quality"),
    digestion: int = _rating("digestion"),
    panic: int = typer.Option(None, "--panic", help="Panic episodes today."),
    palpitations: bool = typer.Option(None, "--palpitations", help="Palpitations today."),
    crisis: bool = typer.Option(None, "--crisis", help="I am in crisis: show support now."),
) -> Logged:
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
    return Logged("checkin", data)


@log_command(log_app, "sleep")
def sleep(
    into_bed: str = typer.Option(None, "--into-bed", help="Got into bed, HH:MM."),
    tried: str = typer.Option(None, "--tried", help="Tried to sleep, HH:MM."),
    latency: int = typer.Option(None, "--latency", help="Minutes to fall asleep."),
    awakenings: int = typer.Option(None, "--awakenings", help="Times woken, not the last."),
    waso: int = typer.Option(None, "--waso", help="Minutes awake in those awakenings."),
    final_wake: str = typer.Option(None, "--final-wake", help="Final awakening, HH:MM."),
    out_of_bed: str = typer.Option(None, "--out-of-bed", help="Got out of bed, HH:MM."),
    quality: int = typer.Option(None, "--quality", help="1 very poor … 5 very good."),
) -> Logged:
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
    return Logged("sleep", data)


@log_command(log_app, "side-effect")
def side_effect(
    bristol: int = typer.Option(None, "--bristol", help="Bristol stool type 1–7."),
    nausea: int = typer.Option(None, "--nausea", help="Nausea 0–10."),
    other: str = typer.Option(None, "--other", help="Anything else, in words."),
    symptom: list[str] = typer.Option(
        None, "--symptom", help=f"A warning sign (repeatable): {', '.join(RED_FLAG_IDS)}."
    ),
) -> Logged:
    """Log side effects: Bristol type (1–7), nausea (0–10), warning signs, anything else.

    A warning sign (e.g. --symptom muscle_weakness) means: stop magnesium and seek care.
    Loose stools (Bristol 6–7) on 2 of the last 3 days step your plan's dose down.
    """
    data = {
        "bristol_type": ask(bristol, "Bristol stool type 1–7", int, True),
        "nausea": ask(nausea, "Nausea 0–10", int, True),
        "other": ask(other, "Other", str, True),
    }
    return Logged("side_effect", data, symptom or ())


@log_command(log_app, "practice")
def practice(
    kind: str = typer.Option(
        None,
        "--kind",
        help="breathwork, grounding, vagal, body_scan, mindfulness, movement or other.",
    ),
    minutes: int = typer.Option(None, "--minutes", help="How long, in minutes."),
) -> Logged:
    """Log a nervous-system practice done (breathwork, grounding, vagal …) and its minutes."""
    data = {"practice": ask(kind, "Practice"), "minutes": ask(minutes, "Minutes", int)}
    return Logged("practice", data)


@log_command(log_app, "therapy")
def therapy(
    kind: str = typer.Option(None, "--kind", help="emdr, cpt, pe, cbt, somatic or other."),
    minutes: int = typer.Option(None, "--minutes", help="How long, in minutes."),
) -> Logged:
    """Log a therapy session (EMDR, CPT, PE, CBT, somatic, other)."""
    data = {
        "therapy": ask(kind, "Therapy (emdr, cpt, pe, cbt, somatic, other)"),
        "minutes": minutes,
    }
    return Logged("therapy", data)


@log_command(log_app, "medication")
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
    *,
    common: Shared,
) -> Logged:
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
    if data["change"] not in ("started", "stopped") or common.replace is not None:
        return Logged("medication_change", data)
    from mgcalm.cli.medicine_change import parse_times, reconcile

    parsed = parse_times(times)  # a bad time stops here, before anything is saved
    options = (parsed, as_needed, replan)

    def check_and_replan(saved: dict[str, Any]) -> None:
        reconcile(common.person, data["medication"], data["change"], options, common.as_json, saved)

    return Logged("medication_change", data, then=check_and_replan)
