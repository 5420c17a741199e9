"""The trial page's data and its forms: register the trial, guess a blinded period, unblind.

The same use cases as ``mgcalm trial register | guess | unblind``; the forms' field names are
the API's, and every problem names the form field (``period_days``, not ``--period-days``).
Nothing here reads the sealed allocation: while a blinded trial is sealed its periods are only
numbered, and the conditions appear once the recorded unblinding has happened.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from mgcalm.app.trial import registered
from mgcalm.app.trial.blinding import helper_sheet, record_guess, unblind
from mgcalm.app.trial.design_power import RandomisedChoice, design_power
from mgcalm.app.trial.registration import RegistrationRequest, planned_run_in, register
from mgcalm.app.views.trial_fields import for_form
from mgcalm.app.views.trial_power import power_view
from mgcalm.domain.entries import OUTCOMES
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.evaluation.blinding import GUESSES
from mgcalm.evaluation.crossover import PAIRS_RANGE, PERIOD_RANGE
from mgcalm.evaluation.run_in import RUN_IN
from mgcalm.evaluation.series import DEFAULT_TRANSITION_DAYS

if TYPE_CHECKING:
    from mgcalm.app.core import App

#: The designs the form offers: the quick look (ABA), randomised pairs open or blinded.
DESIGNS: tuple[tuple[str, str], ...] = (
    ("quick", "Quick look: baseline, magnesium, then back to baseline"),
    ("randomised", "Randomised pairs of periods, open-label (magnesium or nothing)"),
    ("blinded", "Randomised pairs, blinded with identical placebo capsules"),
)
DEFAULTS = {"design": "quick", "pairs": "3", "period_days": "28", "baseline_days": "14"}


def _number(values: Mapping[str, Any], name: str, found: list[Problem], accepted: str) -> int:
    given = values.get(name)
    # 0 from a JSON body is a value (no baseline), not a missing one.
    text = str(DEFAULTS.get(name, "") if given is None or given == "" else given).strip()
    try:
        return int(text)
    except ValueError:
        found.append(Problem(name, f"{text!r} is not a whole number", accepted))
        return 0


def _day(values: Mapping[str, Any], found: list[Problem]) -> date | None:
    text = str(values.get("first_day") or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        found.append(Problem("first_day", f"{text!r} is not a date", "YYYY-MM-DD"))
        return None


def registration_request(values: Mapping[str, Any]) -> RegistrationRequest:
    """A registration from the form (or the API body); every unreadable field is reported."""
    found: list[Problem] = []
    design = str(values.get("design") or "quick")
    if design not in dict(DESIGNS):
        found.append(Problem("design", f"{design!r} is not a design", ", ".join(dict(DESIGNS))))
    outcome = str(values.get("outcome") or "").strip() or None
    pairs = _number(values, "pairs", found, f"{PAIRS_RANGE[0]} to {PAIRS_RANGE[1]}")
    period_days = _number(values, "period_days", found, f"{PERIOD_RANGE[0]} to {PERIOD_RANGE[1]}")
    baseline_days = _number(values, "baseline_days", found, "0, or 7 to 90")
    start = _day(values, found)
    if found:
        raise InvalidInputError(found)
    randomised = design in ("randomised", "blinded")
    return RegistrationRequest(
        outcome=outcome,
        reason=str(values.get("reason") or ""),
        randomised=randomised,
        blinded=design == "blinded",
        pairs=pairs,
        period_days=period_days,
        baseline_days=baseline_days if randomised else 14,
        transition_days=DEFAULT_TRANSITION_DAYS,
        start=start,
    )


def register_trial(app: App, person_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Register the trial from the form; problems name the form's fields."""
    try:
        register(app, person_id, registration_request(values))
    except InvalidInputError as error:
        raise InvalidInputError(for_form(list(error.problems))) from None
    return trial_view(app, person_id)


def guess_period(app: App, person_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Record the person's guess for a blinded period (default: the current one)."""
    text = str(values.get("period") or "").strip()
    if text and not text.isdigit():
        raise InvalidInputError([Problem("period", f"{text!r} is not a period number", "1, 2…")])
    try:
        record_guess(app, person_id, str(values.get("guess") or ""), int(text) if text else None)
    except InvalidInputError as error:
        raise InvalidInputError(for_form(list(error.problems))) from None
    return trial_view(app, person_id)


def unblind_trial(app: App, person_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Unblind after the person confirmed it; before the planned end only as an early stop."""
    if str(values.get("confirm") or "") != "yes":
        raise InvalidInputError(
            [Problem("confirm", "unblinding was not confirmed", "tick the confirmation box")]
        )
    early = str(values.get("early") or "") in ("yes", "on", "true")
    reason = str(values.get("reason") or "")
    try:
        unblind(app, person_id, early=early, reason=reason)
    except InvalidInputError as error:
        raise InvalidInputError(for_form(list(error.problems))) from None
    return trial_view(app, person_id)


def helper_sheet_pdf(app: App, person_id: str) -> bytes:
    """The helper's sheet as a PDF, for a blinded trial whose schedule is stored here."""
    from mgcalm.evaluation.report_pdf import render_pdf

    return render_pdf(helper_sheet(app, person_id))


def _periods(app: App, person_id: str, today: date) -> list[dict[str, Any]]:
    """The schedule as the person may see it: numbered periods, conditions once revealed."""
    state = app.trial(person_id)
    out, number = [], 0
    for label, first, last in registered.labelled_periods(app, person_id, state):
        is_period = label in registered.PERIOD_KINDS or label == "placebo"
        number += 1 if is_period else 0
        out.append(
            {
                "number": number if is_period else None,
                "label": label,
                "run_in": label == RUN_IN,
                "start": first.isoformat(),
                "end": last.isoformat(),
                "started": first <= today,
                "current": first <= today <= last,
            }
        )
    return out


#: The form fields that shape the design figures (a preview carries them in its address).
CHOICE_FIELDS = ("design", "outcome", "pairs", "period_days", "baseline_days", "first_day")


def preview_query(values: Mapping[str, Any]) -> str:
    """The trial page's address query that shows the figures for the form's choices."""
    return urlencode({k: str(values[k]) for k in CHOICE_FIELDS if values.get(k)})


def _design_power(app: App, person_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """What each design can detect, for the choices in ``values`` (defaults where empty)."""
    unread: list[Problem] = []
    choice: RandomisedChoice | None = None
    try:
        request = registration_request({**values, "design": "randomised"})
        choice = RandomisedChoice(
            request.pairs, request.period_days, request.baseline_days, request.start
        )
    except InvalidInputError as error:
        unread = for_form(list(error.problems))
    power = design_power(app, person_id, values.get("outcome"), choice)
    design = str(values.get("design") or "quick")
    return power_view(power, dict(DESIGNS), design, unread)


NO_RUN_IN = (
    "This trial has no run-in: its randomised periods start at your planned dose, as planned "
    "when it was registered."
)


def _run_in_view(
    app: App, person_id: str, values: Mapping[str, Any], can_register: bool
) -> dict[str, Any] | None:
    """Before registering: the run-in a randomised trial would begin with, or why none.

    After: a randomised trial without a run-in says so; one with a run-in shows it in the
    schedule.
    """
    state = app.trial(person_id)
    if state.randomised:
        return None if state.run_in else {"run_in": None, "why": NO_RUN_IN}
    if not can_register:
        return None
    try:
        request = registration_request({**values, "design": "randomised"})
    except InvalidInputError:
        request = RegistrationRequest()  # the form's problems are shown with the figures
    return planned_run_in(app, person_id, request).to_json()


def trial_view(app: App, person_id: str, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The trial page: registration, schedule, guesses, what can be done now.

    Before registration, ``design_power`` says what each design can detect for the choices
    in ``values`` (the form's field names; defaults where absent).
    """
    today = app.today()
    state = app.trial(person_id)
    reg = state.registration
    report = registered.registration(app, person_id, state)
    periods = _periods(app, person_id, today)
    blinded = reg is not None and reg.blinded
    magnesium = any(p.phase not in ("baseline",) and p.start <= today for p in state.phases)
    guesses = registered.guesses(app, person_id)
    can_register = reg is None and not magnesium
    return {
        "today": today.isoformat(),
        "trial": state.to_json(),
        "lines": [*report.history_lines(), *report.design_lines()],
        "registered": reg is not None,
        "can_register": can_register,
        "blinded": blinded,
        "sealed": state.sealed,
        "planned_end": reg.planned_end.isoformat() if reg else None,
        "before_end": reg is not None and today < reg.planned_end,
        "periods": periods,
        "guessable": [p["number"] for p in periods if p["number"] and p["started"]]
        if state.sealed
        else [],
        "guesses": [
            {"period": g.period, "guess": g.guess, "day": g.day.isoformat()} for g in guesses
        ],
        "primary_outcome": state.primary_outcome,
        "design_power": _design_power(app, person_id, values or {}) if can_register else None,
        "run_in_plan": _run_in_view(app, person_id, values or {}, can_register),
    }


def form_choices() -> dict[str, Any]:
    """The options the registration and guess forms list."""
    return {
        "designs": DESIGNS,
        "outcomes": OUTCOMES,
        "guess_choices": GUESSES,
        "pairs_range": PAIRS_RANGE,
        "period_range": PERIOD_RANGE,
        "transition_days": DEFAULT_TRANSITION_DAYS,
        "defaults": DEFAULTS,
    }
