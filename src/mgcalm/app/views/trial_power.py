"""The trial page's design figures: how long each design takes and what it can honestly detect.

Plain words for a phone beside ``mgcalm design``'s own figures (``figures``, the JSON of
``mgcalm design --json`` without the calendar: the registered one shows once registered). The
words follow the evidence notes' habit: estimates, not promises; a small trial may miss a real
change, and "unclear" is not "does nothing".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mgcalm.app.trial.design_power import PREVIEW_ORDER_SEED, DesignFigures, DesignPower, Spread
from mgcalm.app.views.trial_fields import for_form
from mgcalm.domain.outcome_words import outcome_phrase
from mgcalm.domain.problems import Problem
from mgcalm.evaluation.design_preview import SIMULATED_TRIALS, DesignPreview

#: What a randomised design's figures could not be simulated without.
UNREAD = "Check the randomised choices below: these figures need them."


def _number(value: float) -> str:
    """One decimal at most: 1.0 → "1", 1.44 → "1.4"."""
    return f"{round(value, 1):g}"


def _unit(number: str, unit: str) -> str:
    """The unit after ``number``, "point" rather than "points" after a 1."""
    return "point" + unit.removeprefix("points") if number == "1" else unit


def _amount(values: Sequence[float], unit: str) -> str:
    """ "1 point", "30 minutes", or the range the autocorrelations span: "1.4 to 3.3 points"."""
    low, high = _number(min(values)), _number(max(values))
    if low == high:
        return f"{low} {_unit(low, unit)}"
    return f"{low} to {high} {unit}"


def _subject(power: DesignPower) -> str:
    if power.spread.source == "typical_rating":
        return "a 0–10 rating"
    return f"your {outcome_phrase(power.outcome)}"


def _summary(power: DesignPower, found: DesignPreview) -> list[str]:
    """The design's duration, its chance at the worthwhile change and its smallest reliable one."""
    spread = power.spread
    days = found.design.end.toordinal() - found.design.start.toordinal() + 1
    lines = [
        f"Takes {days} days (about {round(days / 7)} weeks): "
        f"{found.design.start.isoformat()} to {found.design.end.isoformat()}."
    ]
    smallest = [p.smallest_detectable for p in found.powers if p.smallest_detectable is not None]
    if not smallest:
        return [
            *lines,
            "It could never say “likely helped”: without going back, natural ups and downs "
            "would look the same.",
        ]
    chances = [p.power[0][1] for p in found.powers]  # at 1 × the worthwhile change
    worthwhile = _amount([spread.threshold], spread.unit)
    low, high = (str(round(10 * c)) for c in (min(chances), max(chances)))
    in_ten = low if low == high else f"{low} to {high}"
    reliable = _amount(smallest, spread.unit)
    return [
        *lines,
        f"If magnesium really changed {_subject(power)} for the better by {worthwhile}, the "
        f"smallest change worth having, this design would say “likely helped” in about "
        f"{in_ten} trials out of 10.",
        f"It says so reliably (8 times in 10) for a change of about {reliable} or more.",
    ]


def _spread_line(power: DesignPower) -> str:
    spread, phrase = power.spread, outcome_phrase(power.outcome)
    if spread.source == "baseline":
        return (
            f"These figures use your own baseline: {spread.baseline_days} days of {phrase}, "
            f"which moved about {_amount([spread.sd], spread.unit)} from one day to the next."
        )
    if spread.source == "typical":
        return (
            f"These figures assume your {phrase} moves about {_amount([spread.sd], 'points')} from "
            "one day to the next, as a 0–10 rating typically does. Each range runs from days "
            "that vary freely to days that run together, where a bad day makes the next one "
            "likelier to be bad too. After 7 baseline days they use your own."
        )
    return (
        f"mgcalm needs 7 baseline days of {phrase} to work these out for it; until then they "
        f"are for a typical 0–10 daily rating that moves about {_amount([spread.sd], 'points')} "
        "a day."
    )


def _lines(power: DesignPower) -> list[str]:
    """What every figure on the page rests on, and how far to trust it."""
    return [
        _spread_line(power),
        f"They come from {SIMULATED_TRIALS} simulated trials: a rough guide, not a promise. "
        "One person's trial is small: a real change smaller than these may be missed, and the "
        "result would then say “unclear”, which is not the same as “magnesium does nothing”.",
        "Randomised figures are for one typical order of periods; yours is drawn when you "
        "register.",
        "Stopping after the magnesium weeks without going back (before and after only) could "
        "never say “likely helped”: natural ups and downs over the same weeks would look the "
        "same.",
    ]


def _figures(found: DesignPreview) -> dict[str, Any]:
    """``mgcalm design --json`` for this design, without its calendar and the preview's seed."""
    return {k: v for k, v in found.to_dict().items() if k not in ("periods", "seed")}


def _design(
    figures: DesignFigures,
    power: DesignPower,
    labels: Mapping[str, str],
    chosen: str,
    unread: Sequence[Problem],
) -> dict[str, Any]:
    found = figures.preview
    problems = for_form(list(figures.problems)) if found is None else []
    if found is None and not problems:
        problems = list(unread)
    return {
        "design": figures.key,
        "label": labels.get(figures.key, figures.key),
        "chosen": figures.key == chosen,
        "summary": _summary(power, found) if found else [UNREAD],
        "problems": [p.as_dict() for p in problems],
        "figures": _figures(found) if found else None,
    }


def _spread_json(spread: Spread) -> dict[str, Any]:
    return {
        "spread_from": spread.source,
        "day_to_day_sd": round(spread.sd, 3),
        "autocorrelations": list(spread.phis),
        "baseline_days": spread.baseline_days,
        "threshold": spread.threshold,
        "unit": spread.unit,
    }


def power_view(
    power: DesignPower,
    labels: Mapping[str, str],
    chosen: str,
    unread: Sequence[Problem] = (),
) -> dict[str, Any]:
    """The ``design_power`` part of the trial page; ``unread`` names unreadable choices."""
    return {
        "outcome": power.outcome,
        **_spread_json(power.spread),
        "simulated_trials": SIMULATED_TRIALS,
        "order_seed": PREVIEW_ORDER_SEED,
        "lines": _lines(power),
        "designs": [_design(f, power, labels, chosen, unread) for f in power.designs],
    }
