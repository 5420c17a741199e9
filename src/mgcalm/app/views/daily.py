"""The daily use cases behind the web pages: today's checklist, one-tap doses and logging.

Every function returns JSON-ready data, so each page and its ``/api`` twin show the same thing.
Safety checks run on what was just logged, and the result says when to bring crisis resources
(or "stop magnesium and seek care") forward.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from mgcalm.app.core import App, new_id
from mgcalm.app.safety.flow import (
    after_entries,
    after_entry,
    after_questionnaire,
    outcome,
    previous_score,
)
from mgcalm.app.safety.stop import current_stop, refuse_while_stopped, stop_json
from mgcalm.app.tracking import due
from mgcalm.app.tracking.questionnaires import parse_logged
from mgcalm.app.tracking.today import today_status
from mgcalm.app.trial.baseline import baseline_warnings
from mgcalm.app.views.forms import FormData, entry_data
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.domain.entries import (
    CheckIn,
    EntryBase,
    QuestionnaireResponse,
    TrialPhase,
    entry_document,
    parse_entry,
)
from mgcalm.domain.plan import Plan
from mgcalm.instruments.safety import (
    RED_FLAGS,
    SafetyAlert,
    check_checkin,
    check_score,
    check_symptoms,
)
from mgcalm.instruments.scoring import score
from mgcalm.knowledge.foods import get_food, search_foods

PHASE_WORDS = {
    "baseline": "Baseline: no magnesium yet. Rate how you feel every day so there is something "
    "to compare with.",
    "titration": "Starting low: your dose rises step by step so your body can adjust.",
    "maintenance": "Steady dose: keep logging so the weeks can show whether it helps.",
    "withdrawal": "A pause from magnesium, to see whether changes go away.",
    "magnesium": "A magnesium period of your randomised trial: take your planned dose.",
    "off": "An off period of your randomised trial: no magnesium; keep rating how you feel.",
    "period": "A period of your blinded trial: take the capsules from your organiser as filled.",
    "run_in": "Run-in before your randomised periods, open-label: magnesium starts low and rises "
    "step by step to your planned dose (today's dose is below). These days are not compared; "
    "the periods start at the dose you reach.",
}
#: Phases on which the day's doses are listed (a blinded period's capsules included).
DOSE_PHASES = ("titration", "maintenance", "magnesium", "period")


def titration_scale(plan: Plan | None, phase: TrialPhase | None, day: date) -> float:
    """The share of the maintenance dose to take on ``day`` (below 1 while titrating)."""
    if plan is None or phase is None or phase.phase != "titration" or not plan.daily_elemental_mg:
        return 1.0
    step_day = (day - phase.start).days + 1
    steps = [s.elemental_mg_per_day for s in plan.titration if s.day <= step_day]
    return min(1.0, (steps[-1] if steps else plan.daily_elemental_mg) / plan.daily_elemental_mg)


def today_view(app: App, person_id: str, day: date | None = None) -> dict[str, Any]:
    """Today's checklist: phase, doses due or done, check-in and diary, magnesium totals.

    With what is due and the safety alerts still current
    (:func:`~mgcalm.app.tracking.due.due_today`): ``due``, ``questionnaires_due``, ``alerts``,
    ``crisis`` and ``crisis_resources``; ``stop`` is the magnesium stop in force (then no dose
    is listed as due), or null.
    """
    with app.store.read():  # one snapshot: every read below joins this transaction
        return _today_view(app, person_id, day or app.today())


def _today_view(app: App, person_id: str, day: date) -> dict[str, Any]:
    plan = app.active_plan(person_id, day)
    status = today_status(plan, app.history(person_id, start=day, end=day), day).to_json()
    trial = app.trial(person_id)
    phase = trial.phase_on(day)
    on_magnesium = phase is not None and phase.phase in DOSE_PHASES
    scale = titration_scale(plan, phase, day)
    for dose in status["doses"]:
        dose["elemental_mg"] = int(dose["elemental_mg"] * scale)
    doses = status["doses"] if on_magnesium or phase is None else []
    stop = current_stop(app, person_id)
    if stop is not None:  # a stop means stop: no dose is due, only what was already logged
        doses = [d for d in doses if d["status"] != "due"]
    return {
        **status,
        "name": app.person(person_id).display_name,
        "phase": trial.shown_phase(phase) if phase else None,
        "phase_day": (day - phase.start).days + 1 if phase else None,
        "phase_words": PHASE_WORDS.get(trial.shown_phase(phase), "") if phase else "",
        "doses": doses,
        "stop": stop_json(stop) if stop else None,
        "primary_outcome": trial.primary_outcome,
        **due.due_today(app, person_id, day).to_json(),
    }


NEXT_PHASE = {"baseline": "titration", "titration": "maintenance", "maintenance": "withdrawal"}


def advance_phase(app: App, person_id: str) -> dict[str, Any]:
    """Move on to the next phase from today: baseline → titration → maintenance → withdrawal."""
    start_next_phase(app, person_id)
    return today_view(app, person_id, app.today())


def start_next_phase(app: App, person_id: str) -> Any:
    """Start the phase after today's (refused on the day the current one began); returns it."""
    today = app.today()
    current = app.trial(person_id).phase_on(today)
    following = NEXT_PHASE.get(current.phase) if current else None
    if current is None or following is None:
        accepted = "baseline, titration or maintenance as the current phase"
        raise InvalidInputError([Problem("phase", "there is no next phase to start", accepted)])
    if current.start >= today:
        raise InvalidInputError(
            [Problem("phase", f"{current.phase} started today; move on tomorrow", "a later day")]
        )
    return app.start_phase(person_id, {"phase": following, "start": today})


def mark_dose(app: App, person_id: str, planned: str, taken: bool, now: datetime) -> dict[str, Any]:
    """One tap: the plan's dose at ``planned`` (HH:MM) was taken now, or was missed.

    Refused while magnesium is stopped: the stop says no dose is due.
    """
    refuse_while_stopped(app, person_id)
    plan = app.active_plan(person_id)
    dose = next((d for d in plan.doses if f"{d.time:%H:%M}" == planned), None) if plan else None
    if dose is None:
        times = ", ".join(f"{d.time:%H:%M}" for d in plan.doses) if plan else "none planned"
        raise InvalidInputError([Problem("planned_time", f"no dose planned at {planned!r}", times)])
    status = app.today_status(person_id, now.date())
    if any(d.time == planned and d.status != "due" for d in status.doses):
        return today_view(app, person_id, now.date())  # a second tap changes nothing
    phase = app.trial(person_id).phase_on(now.date())
    scale = titration_scale(plan, phase, now.date())
    data: dict[str, Any] = {
        "id": f"dose-{now:%Y%m%d}-{dose.time:%H%M}",
        "day": now.date(),
        "planned_time": dose.time,
        "form": dose.form,
        "elemental_mg": max(1, int(dose.elemental_mg * scale)),
    }
    if taken:
        data["taken_time"] = time(now.hour, now.minute)
    else:
        data |= {"missed": True, "missed_reason": "marked as missed on Today"}
    app.log_entries(person_id, [parse_entry("dose", data)])
    return today_view(app, person_id, now.date())


def log_from_form(app: App, person_id: str, kind: str, form: FormData) -> dict[str, Any]:
    """Validate and save one entry from a web form; return it with any safety alerts."""
    symptoms = form.get("symptoms", [])
    flags = [str(s) for s in (symptoms if isinstance(symptoms, list) else [symptoms]) if s]
    return log_entry(app, person_id, kind, entry_data(kind, form, app.today()), flags)


def log_entry(
    app: App, person_id: str, kind: str, data: dict[str, Any], symptoms: list[str] | None = None
) -> dict[str, Any]:
    """Validate and save one entry (JSON types); safety checks run on what was logged."""
    entry, _ = prepare_entry(app, kind, data, symptoms)
    # Save directly rather than through App.log, which reads the whole history back.
    created = app.log_entries(person_id, [entry])[0]
    return after_logging(app, person_id, entry, created)


def after_logging(app: App, person_id: str, entry: EntryBase, created: bool) -> dict[str, Any]:
    """The saved entry with the safety flow's outcome (alerts, resources, plan change), warnings.

    Ticked red flags are already in the entry's words (``prepare_entry``), so the flow finds
    them there; a loose stool may step the plan down.
    """
    if isinstance(entry, QuestionnaireResponse):  # PHQ-9 item 9, PCL-5 risk, sharp worsening
        previous = previous_score(app, person_id, entry)
        safety = after_questionnaire(app, person_id, entry, previous)
    else:
        safety = after_entry(app, person_id, entry)
    warnings = baseline_warnings(app.trial(person_id), [entry])
    return {**logged(entry, created, safety.alerts), **safety.to_json(), "warnings": warnings}


def after_logging_batch(
    app: App,
    person_id: str,
    prepared: list[tuple[EntryBase, tuple[SafetyAlert, ...]]],
    created: list[bool],
) -> dict[str, Any]:
    """Each saved entry with its own alerts, and the batch's safety outcome (one step-down)."""
    batch = after_entries(app, person_id, [entry for entry, _ in prepared])
    own: list[tuple[SafetyAlert, ...]] = []
    for entry, alerts in prepared:
        if isinstance(entry, QuestionnaireResponse):
            previous = previous_score(app, person_id, entry)
            alerts = after_questionnaire(app, person_id, entry, previous).alerts
        own.append(alerts)
    results = [logged(e, c, a) for (e, _), c, a in zip(prepared, created, own, strict=True)]
    everything = [a for alerts in own for a in alerts] + list(batch.alerts)
    safety = outcome(app, person_id, everything, batch.plan_change)
    warnings = baseline_warnings(app.trial(person_id), [entry for entry, _ in prepared])
    return {"results": results, **safety.to_json(), "warnings": warnings}


def prepare_entry(
    app: App, kind: str, data: dict[str, Any], symptoms: list[str] | None = None
) -> tuple[EntryBase, tuple[SafetyAlert, ...]]:
    """Validate one entry (a fresh id unless given) and find the safety alerts it raises."""
    data = app.completed(kind, {"day": app.today(), **data})  # diary clocks, a food's mg
    flags = list(symptoms or data.pop("symptoms", None) or [])
    alerts = check_symptoms(flags) if kind == "side_effect" else ()
    if alerts:
        labels = "; ".join(f.label for f in RED_FLAGS if f.id in flags)
        data["other"] = "; ".join(x for x in (str(data.get("other", "")), labels) if x)
    entry = parse_logged(kind, {"id": new_id(), **data})
    if isinstance(entry, CheckIn):
        alerts = check_checkin(crisis=entry.crisis, distress=entry.anxiety)
    if isinstance(entry, QuestionnaireResponse):  # item 9 shows even on an entry held for later
        alerts = check_score(score(entry.instrument, entry.answers))
    return entry, alerts


def prepare_entries(
    app: App, raw: list[dict[str, Any]]
) -> list[tuple[EntryBase, tuple[SafetyAlert, ...]]]:
    """Validate many entries (each with a ``kind``); every problem of every one, or none saved."""
    prepared, problems = [], []
    for index, item in enumerate(raw):
        data = {k: v for k, v in item.items() if k != "kind"}
        try:
            prepared.append(prepare_entry(app, str(item.get("kind", "")), data))
        except InvalidInputError as error:
            problems += [
                Problem(f"entries[{index}].{p.location}", p.message, p.accepted)
                for p in error.problems
            ]
    if problems:
        raise InvalidInputError(problems)
    return prepared


def logged(entry: EntryBase, created: bool, alerts: tuple[SafetyAlert, ...]) -> dict[str, Any]:
    """What a page or the API shows after saving: the entry, whether it was new, the alerts."""
    return {
        "entry": {**entry_document(entry), "created": created},
        "alerts": [a.to_json() for a in alerts],
        "crisis": any(a.level == "crisis" for a in alerts),
    }


def red_flags() -> list[dict[str, str]]:
    """The symptoms that mean: stop magnesium and seek care the same day."""
    return [{"id": f.id, "label": f.label} for f in RED_FLAGS]


def food_results(query: str, limit: int = 8) -> list[dict[str, Any]]:
    """Foods matching a query, best first, each with household portions and their magnesium."""
    if not query.strip():
        return []
    return [f.as_dict() for f in search_foods(query, limit)]


def log_food(
    app: App, person_id: str, food_id: str, grams_text: str, label: str, entry_id: str = ""
) -> dict[str, Any]:
    """Log a portion of a catalogue food; the magnesium comes from USDA's value per 100 g.

    An ``entry_id`` (the phone's client id) makes a resend store nothing twice.
    """
    food = get_food(food_id)
    try:
        grams = float(grams_text)
    except ValueError:
        raise InvalidInputError(
            [Problem("food.grams", f"{grams_text!r} is not a weight", "grams above 0")]
        ) from None
    magnesium = food.magnesium_mg(grams)
    if magnesium is None:  # never read a missing USDA value as zero
        raise InvalidInputError(
            [Problem("food.food_id", "USDA gives no magnesium value for this food", "another food")]
        )
    data = {
        "food_id": food.id,
        "portion": label[:120],
        "grams": grams,
        "magnesium_mg": round(magnesium, 1),
    }
    if entry_id:
        data["id"] = entry_id
    return log_entry(app, person_id, "food", data)
