"""One person's effect of magnesium on one daily outcome: the estimate and its uncertainty.

This is the statistical heart of the personal trial, with no words attached: magnesium days
minus comparison days (baseline, withdrawal, placebo or off), for phases in any order, with the
first days after every switch left out. The errors are AR(1) in calendar days (see ``ar1``);
a linear time trend is fitted where the design can tell it apart from the effect — when the
series switches between the conditions at least twice. Verdicts and wording live in ``effect``;
analyses across people build on :func:`person_effect`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.evaluation import ar1
from mgcalm.evaluation.series import (
    COMPARISON,
    PHASES,
    AnalysisSettings,
    Observation,
    on_magnesium,
    phase_blocks,
    switches,
)

COMPARISON_WORDS = "baseline, withdrawal, placebo or off"


@dataclass(frozen=True, slots=True)
class PersonEffect:
    """Magnesium minus comparison for one person and outcome, in the outcome's units.

    ``estimate`` is the posterior median, ``ci95`` the equal-tailed interval at the settings'
    level and ``sd`` the posterior standard deviation (what a pooled analysis across people
    weighs each person by). ``switches`` counts moves between the two conditions: with fewer
    than two, natural change over time cannot be told apart from the effect.
    """

    estimate: float
    ci95: tuple[float, float]
    sd: float
    n: tuple[tuple[str, int], ...]
    excluded_transition_days: int
    switches: int
    trend: bool
    autocorrelation: float
    posterior: ar1.CoefficientPosterior
    analysed: tuple[Observation, ...]
    #: For a series with exactly two switches (ABA): magnesium minus the final block alone.
    reversal: ar1.CoefficientPosterior | None = None

    @property
    def controlled(self) -> bool:
        """True when the series returns to a condition it left (ABA, ABAB, randomised pairs)."""
        return self.switches >= 2


def analysed(
    observations: Sequence[Observation],
    transition_days: int,
    exposure_changes: Sequence[date] = (),
) -> tuple[list[Observation], int]:
    """Observations left after dropping the first ``transition_days`` after every switch.

    ``exposure_changes`` adds switches the series cannot show (see ``AnalysisSettings``).
    """
    starts = [day for _, day in phase_blocks(observations)[1:]] + list(exposure_changes)
    kept: list[Observation] = []
    for obs in sorted(observations, key=lambda o: o.day):
        last_start = max((s for s in starts if s <= obs.day), default=None)
        if last_start is not None and (obs.day - last_start).days < transition_days:
            continue
        kept.append(obs)
    return kept, len(observations) - len(kept)


def short_period_problems(
    observations: Sequence[Observation], transition_days: int
) -> list[Problem]:
    """Periods after a switch that end before their transition days are over."""
    blocks = phase_blocks(observations)
    if not blocks:
        return []
    last_day = max(o.day for o in observations)
    ends = [start - timedelta(days=1) for _, start in blocks[1:]] + [last_day]
    problems = []
    for (phase, start), end in list(zip(blocks, ends, strict=True))[1:]:
        length = (end - start).days + 1
        if length <= transition_days:
            problems.append(
                Problem(
                    "--transition-days",
                    f"the {phase} period from {start.isoformat()} lasts {length} day(s), all "
                    f"inside the {transition_days} transition days left out after a switch",
                    "periods longer than the transition days (or fewer transition days, 0–28)",
                )
            )
    return problems


def minimum_data_problems(
    kept: Sequence[Observation], name: str, settings: AnalysisSettings
) -> list[Problem]:
    """Problems when there are too few days to estimate an effect honestly."""
    rule = (
        f"needs at least {settings.min_comparison_days} comparison ({COMPARISON_WORDS}) days "
        f"and at least {settings.min_magnesium_days} magnesium days, counted after leaving out "
        f"the first {settings.transition_days} days after each switch"
    )
    on = sum(1 for o in kept if on_magnesium(o.phase))
    problems = []
    for label, have, need in (
        ("comparison", len(kept) - on, settings.min_comparison_days),
        ("magnesium", on, settings.min_magnesium_days),
    ):
        if have < need:
            problems.append(
                Problem(f"{name}: {label} days", f"has {have} {label} days; {rule}", f">= {need}")
            )
    if kept and not problems and len({o.value for o in kept}) == 1:
        # Without any day-to-day variation there is no way to tell chance from change.
        problems.append(
            Problem(
                f"{name}: values",
                f"every day has the same value ({kept[0].value:g})",
                "values that vary from day to day",
            )
        )
    return problems


def capsule_level(kept: Sequence[Observation]) -> bool:
    """True when placebo days sit beside days without capsules (a baseline before a blinded trial).

    Taking a capsule can change how a person feels whatever is in it (a placebo response). Both
    magnesium and placebo days carry that, baseline days do not; so when both kinds of comparison
    day are present, capsule days get their own level and magnesium is compared with placebo
    alone, while the baseline still informs the spread, the autocorrelation and the trend.
    """
    phases = {o.phase for o in kept}
    return "placebo" in phases and bool(phases - {"magnesium", "placebo"})


def design_matrix(kept: Sequence[Observation], trend: bool) -> tuple[ar1.FloatArray, ...]:
    """Day numbers, values and the columns: level, magnesium (capsule level, trend)."""
    days = np.array([(o.day - kept[0].day).days for o in kept], dtype=np.float64)
    columns = [np.ones_like(days), np.array([on_magnesium(o.phase) for o in kept], dtype=float)]
    if capsule_level(kept):
        columns.append(np.array([o.phase in ("magnesium", "placebo") for o in kept], dtype=float))
    if trend:
        columns.append((days - days.mean()) / max(float(np.ptp(days)), 1.0))
    values = np.array([o.value for o in kept], dtype=np.float64)
    return days, values, np.column_stack(columns)


def reversal(kept: Sequence[Observation]) -> ar1.CoefficientPosterior | None:
    """For exactly two switches (ABA, BAB): magnesium minus comparison over the last switch alone.

    A drift — a bad patch fading, a steady natural improvement — makes the first switch look
    like help and the return look like harm; a real effect shows in both. Without randomisation
    to break that link, a "likely helped" needs the return to point the same way.
    """
    part = reversal_part(kept)
    if part is None:
        return None
    days, values, matrix = design_matrix([kept[i] for i in part], trend=False)
    return ar1.fit(days, values, matrix[:, :2], column=1)


def reversal_part(kept: Sequence[Observation]) -> list[int] | None:
    """Positions in ``kept`` of the last switch's two blocks, when ``reversal`` applies."""
    if switches(kept) != 2:
        return None
    blocks = phase_blocks(kept)
    part = [i for i, o in enumerate(kept) if o.day >= blocks[-2][1]]
    if len({on_magnesium(kept[i].phase) for i in part}) < 2 or len(part) < 4:
        return None
    return part


def person_effect(
    observations: Sequence[Observation],
    settings: AnalysisSettings = AnalysisSettings(),
    name: str = "series",
) -> PersonEffect:
    """The effect for one person's series; raises ``InvalidInputError`` naming every problem.

    Phases may come in any order. ``name`` labels the problems (the outcome or the file).
    """
    problems = short_period_problems(observations, settings.transition_days)
    kept, excluded = analysed(observations, settings.transition_days, settings.exposure_changes)
    problems += minimum_data_problems(kept, name, settings)
    if problems:
        raise InvalidInputError(problems)
    moves = switches(kept)
    use_trend = settings.trend == "on" or (settings.trend == "auto" and moves >= 2)
    days, values, matrix = design_matrix(kept, use_trend)
    posterior = ar1.fit(days, values, matrix, column=1)
    low, high = posterior.interval(settings.level)
    counts = tuple((p, c) for p in PHASES if (c := sum(1 for o in kept if o.phase == p)))
    return PersonEffect(
        estimate=round(posterior.quantile(0.5), 2),
        ci95=(round(low, 2), round(high, 2)),
        sd=round(posterior.sd(), 3),
        n=counts,
        excluded_transition_days=excluded,
        switches=switches(observations),
        trend=use_trend,
        autocorrelation=round(posterior.phi_mean, 2),
        posterior=posterior,
        analysed=tuple(kept),
        reversal=reversal(kept),
    )


__all__ = ["COMPARISON", "PersonEffect", "analysed", "design_matrix", "person_effect"]
