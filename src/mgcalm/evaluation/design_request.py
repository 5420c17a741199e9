"""Turn raw options (text dates, an optional baseline CSV) into a design preview.

Interfaces hand over what the person typed; every problem in it is reported at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.evaluation.crossover import RandomisedDesign
from mgcalm.evaluation.csv_series import parse_series_csv
from mgcalm.evaluation.design import TrialDesign, estimate_variability
from mgcalm.evaluation.design_preview import (
    DEFAULT_PHIS,
    Design,
    DesignPreview,
    preview,
    preview_problems,
    start_problem,
)
from mgcalm.evaluation.series import DEFAULT_TRANSITION_DAYS, Observation


@dataclass(frozen=True, slots=True)
class RandomisedOptions:
    """What ``mgcalm design --randomised`` was given."""

    seed: int | None
    pairs: int = 3
    period_days: int = 28
    blinded: bool = False
    #: False when only --blinded was given: a blinded trial needs randomised periods.
    randomised: bool = True


def _spread(
    sd: float, baseline_csv: tuple[str, str] | None, problems: list[Problem]
) -> tuple[float, tuple[float, ...]]:
    """The day-to-day spread and autocorrelations to simulate: the person's own when known."""
    if baseline_csv is None:
        return sd, DEFAULT_PHIS
    try:
        return baseline_spread(parse_series_csv(baseline_csv[1], baseline_csv[0]))
    except InvalidInputError as error:
        problems.extend(error.problems)
        return sd, DEFAULT_PHIS


def baseline_spread(observations: Sequence[Observation]) -> tuple[float, tuple[float, ...]]:
    """The person's own day-to-day spread and autocorrelation, as every preview simulates them.

    Needs at least 7 baseline days (``InvalidInputError`` otherwise). The autocorrelation is
    rounded to two places, so a page and ``mgcalm design --baseline-csv`` simulate alike.
    """
    own_sd, phi = estimate_variability(observations)
    return own_sd, (round(phi, 2),)


def _randomised_problems(options: RandomisedOptions) -> list[Problem]:
    """The options a randomised design needs: --randomised itself, and a seed."""
    problems = []
    if not options.randomised:
        problems.append(Problem("--blinded", "needs randomised periods", "--randomised --blinded"))
    if options.seed is None:
        problems.append(Problem("--seed", "is required with --randomised", "0 or more"))
    return problems


def preview_from_options(
    start: str,
    lengths: tuple[int, int, int, int],
    instruments: Sequence[str],
    sd: float,
    baseline_csv: tuple[str, str] | None = None,
    *,
    randomised: RandomisedOptions | None = None,
    transition_days: int = DEFAULT_TRANSITION_DAYS,
    threshold: float = 1.0,
) -> DesignPreview:
    """A preview for ``start`` (YYYY-MM-DD) and (baseline, titration, maintenance, withdrawal).

    With ``randomised`` the design is randomised pairs (the baseline length still applies, 0
    for none); with ``baseline_csv`` = (file name, text), the person's own baseline spread and
    autocorrelation replace ``sd`` and the default autocorrelations.
    """
    first, problems = start_problem(start)
    spread, phis = _spread(sd, baseline_csv, problems)
    design: Design
    if randomised is None:
        design = TrialDesign(
            first, *lengths, instruments=tuple(instruments), transition_days=transition_days
        )
    else:
        problems += _randomised_problems(randomised)
        design = RandomisedDesign(
            start=first,
            seed=randomised.seed or 0,
            pairs=randomised.pairs,
            period_days=randomised.period_days,
            blinded=randomised.blinded,
            baseline_days=lengths[0],
            transition_days=transition_days,
        )
    problems += preview_problems(design, spread, threshold)
    if problems:
        raise InvalidInputError(problems)
    return preview(design, sd=spread, phis=phis, threshold=threshold)
