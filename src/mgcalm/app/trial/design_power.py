"""Use case: what each trial design can detect on the person's primary outcome, before day 1.

The figures are ``mgcalm design``'s own: ``evaluation.design_preview.preview``, 200 simulated
trials per autocorrelation from a fixed simulation seed, so the same design gives the same
figures here and on the command line. A person's own baseline replaces the typical spread once
it has 7 days of the outcome, as ``mgcalm design --baseline-csv`` does.

One design takes about 0.15 s to simulate, and the trial page shows three before registration.
Fewer simulations would make the page disagree with ``mgcalm design``, so the figures are cached
per design parameters instead: the simulation works in days from the first day, so every start
date gives the same figures, and one cached entry serves every visit until the parameters (or
the person's own spread) change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from mgcalm.app.trial.reports import stored_series
from mgcalm.domain.entries import CHECKIN_RATINGS, OUTCOMES, TrialPhase
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.evaluation.crossover import RandomisedDesign
from mgcalm.evaluation.design import TrialDesign
from mgcalm.evaluation.design_preview import (
    DEFAULT_PHIS,
    TYPICAL_SD,
    Design,
    DesignPreview,
    preview,
)
from mgcalm.evaluation.design_request import baseline_spread
from mgcalm.evaluation.outcomes import outcome_for
from mgcalm.evaluation.series import DEFAULT_TRANSITION_DAYS

if TYPE_CHECKING:
    from mgcalm.app.core import App

#: The order a randomised design is previewed in. The registered order is drawn (and, when
#: blinded, sealed) at registration; the figures change only a little with the order.
PREVIEW_ORDER_SEED = 0
#: The designs a person can register, in the order the trial page offers them.
DESIGN_KEYS = ("quick", "randomised", "blinded")
#: The first day every cached preview is simulated from (figures do not depend on it).
_CACHE_START = date(2000, 1, 3)

SpreadSource = Literal["baseline", "typical", "typical_rating"]


@dataclass(frozen=True, slots=True)
class RandomisedChoice:
    """What the person chose for randomised pairs (open or blinded)."""

    pairs: int = 3
    period_days: int = 28
    baseline_days: int = 14
    first_day: date | None = None


@dataclass(frozen=True, slots=True)
class Spread:
    """The day-to-day spread simulated, and where it comes from.

    ``baseline``: the person's own baseline days of the outcome; ``typical``: a typical 0–10
    rating's spread, for a rating not yet logged for a week; ``typical_rating``: the outcome is
    not a 0–10 rating and has no baseline yet, so the figures are a typical rating's.
    """

    sd: float
    phis: tuple[float, ...]
    threshold: float
    unit: str
    source: SpreadSource
    baseline_days: int = 0


@dataclass(frozen=True, slots=True)
class DesignFigures:
    """One design's preview, or the problems that keep it from being simulated."""

    key: str
    preview: DesignPreview | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class DesignPower:
    """What each registrable design can detect on one outcome."""

    outcome: str
    spread: Spread
    designs: tuple[DesignFigures, ...]


def spread_for(app: App, person_id: str, outcome: str) -> Spread:
    """The person's own baseline spread of ``outcome`` when known, else a typical rating's."""
    found = outcome_for(outcome)
    _, series = stored_series(app, person_id, app.today())
    days = next((s.observations for s in series if s.outcome.name == outcome), ())
    baseline = [o for o in days if o.phase == "baseline"]
    try:
        sd, phis = baseline_spread(baseline)
    except InvalidInputError:  # fewer than 7 baseline days: nothing of the person's own yet
        sd = 0.0
    if sd > 0:  # a baseline that never varied says nothing about the spread
        return Spread(sd, phis, found.threshold, found.unit, "baseline", len(baseline))
    if outcome in dict(CHECKIN_RATINGS):
        return Spread(TYPICAL_SD, DEFAULT_PHIS, found.threshold, found.unit, "typical")
    return Spread(TYPICAL_SD, DEFAULT_PHIS, 1.0, "points", "typical_rating")


@lru_cache(maxsize=64)
def _simulated(
    design: Design, sd: float, phis: tuple[float, ...], threshold: float
) -> DesignPreview:
    return preview(design, sd=sd, phis=phis, threshold=threshold)


def design_preview(design: Design, spread: Spread) -> DesignPreview:
    """``mgcalm design``'s preview of ``design`` at ``spread`` (raises ``InvalidInputError``)."""
    cached = _simulated(
        replace(design, start=_CACHE_START), spread.sd, spread.phis, spread.threshold
    )
    return replace(cached, design=design)


def _designs(
    today: date, phases: Sequence[TrialPhase], choice: RandomisedChoice | None
) -> tuple[tuple[str, Design | None], ...]:
    """The quick look as registration would write it, and both randomised designs as chosen."""
    quick = TrialDesign(phases[0].start if phases else today)
    if choice is None:
        return (("quick", quick), ("randomised", None), ("blinded", None))
    randomised = tuple(
        (
            key,
            RandomisedDesign(
                start=choice.first_day or today,
                seed=PREVIEW_ORDER_SEED,
                pairs=choice.pairs,
                period_days=choice.period_days,
                blinded=key == "blinded",
                baseline_days=choice.baseline_days,
                transition_days=DEFAULT_TRANSITION_DAYS,
            ),
        )
        for key in DESIGN_KEYS[1:]
    )
    return (("quick", quick), *randomised)


def design_power(
    app: App, person_id: str, outcome: str | None, choice: RandomisedChoice | None
) -> DesignPower:
    """What each design can detect on ``outcome`` (default: the primary outcome, else anxiety).

    ``choice`` is None when the person's randomised choices could not be read: only the quick
    look is simulated then.
    """
    state = app.trial(person_id)
    chosen = outcome if outcome in OUTCOMES else None
    name = chosen or state.primary_outcome or "anxiety"
    spread = spread_for(app, person_id, name)
    figures = []
    for key, design in _designs(app.today(), state.phases, choice):
        if design is None:
            figures.append(DesignFigures(key, None))
            continue
        try:
            figures.append(DesignFigures(key, design_preview(design, spread)))
        except InvalidInputError as error:
            figures.append(DesignFigures(key, None, tuple(error.problems)))
    return DesignPower(name, spread, tuple(figures))
