"""What a schedule can detect, by simulation, before day 1.

Any schedule — the quick ABA look or randomised pairs — is a list of spans, each a condition with
its first and last day. Null series with AR(1) errors (the person's own day-to-day spread when a
baseline is known) run through exactly the analysis a real trial gets: the same transition days
left out, the same trend rule, the same verdict rule. The posterior of the effect shifts exactly
with the true effect (the autocorrelation's likelihood does not depend on it), so null series are
enough: a true improvement δ is called "likely helped" in a simulated series when δ is beyond
both the null interval's better-side bound and the null median plus the worthwhile threshold —
and, for a single return (ABA), beyond the 90 % quantile of the return-alone contrast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from mgcalm.evaluation import ar1
from mgcalm.evaluation.individual import analysed, design_matrix, reversal_part
from mgcalm.evaluation.series import Observation, Phase, switches
from mgcalm.evaluation.simulate import ar1_noise_many
from mgcalm.evaluation.verdict import REVERSAL_PROBABILITY

Span = tuple[Phase, date, date]
#: Share of trials in which the design should reach its verdict for the effect it "detects".
POWER = 0.8


@dataclass(frozen=True, slots=True)
class Power:
    """Power of one schedule for one day-to-day spread and autocorrelation.

    ``smallest_detectable`` is the smallest improvement called "likely helped" in 80 % of trials
    (``None`` for a single-switch schedule, which never says "likely helped");
    ``interval_detectable`` only asks that the interval exclude zero. ``power`` pairs
    improvements with the share of trials that would call them "likely helped".
    """

    sd: float
    phi: float
    smallest_detectable: float | None
    interval_detectable: float
    power: tuple[tuple[float, float], ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "day_to_day_sd": self.sd,
            "autocorrelation": self.phi,
            "smallest_detectable_improvement": (
                None if self.smallest_detectable is None else round(self.smallest_detectable, 2)
            ),
            "interval_excludes_zero_80_percent": round(self.interval_detectable, 2),
            "power": [
                {"improvement": round(d, 2), "likely_helped": round(p, 3)} for d, p in self.power
            ],
        }


def _skeleton(spans: Sequence[Span], transition_days: int) -> list[Observation]:
    """The analysed days a real series on this schedule would keep (values to be filled in)."""
    days = [
        Observation(a + timedelta(days=i), phase, 0.0)
        for phase, a, b in spans
        for i in range((b - a).days + 1)
    ]
    return analysed(days, transition_days)[0]


def null_bounds(
    spans: Sequence[Span],
    sd: float,
    phi: float,
    transition_days: int,
    series: int = 200,
    seed: int = 1,
) -> tuple[ar1.FloatArray, ...]:
    """Per simulated no-effect trial: the effect's upper 95 % bound, its median, and the
    improvement the return-alone check needs (zero where there is no such check)."""
    kept = _skeleton(spans, transition_days)
    offsets = np.array([(o.day - spans[0][1]).days for o in kept])
    days, _, matrix = design_matrix(kept, switches(kept) >= 2)
    total = (spans[-1][2] - spans[0][1]).days + 1
    # All series share the days and the design, so they are fitted together (``fit_many``);
    # the noise is the same as ``series`` calls of ``ar1_noise`` in a row.
    noise = ar1_noise_many(np.random.default_rng(seed), series, total, phi, sd)[:, offsets]
    posteriors = ar1.fit_many(days, noise, matrix, column=1)
    upper = posteriors.quantile(1.0 - (1.0 - 0.95) / 2.0)  # as CoefficientPosterior.interval
    median = posteriors.quantile(0.5)
    returned = np.full(series, -np.inf)
    part = reversal_part(kept)
    if part is not None:
        back_days, _, back_matrix = design_matrix([kept[i] for i in part], trend=False)
        back = ar1.fit_many(back_days, noise[:, part], back_matrix[:, :2], column=1)
        returned = back.quantile(REVERSAL_PROBABILITY)
    return upper, median, returned


def simulate_power(
    spans: Sequence[Span],
    sd: float,
    phi: float,
    threshold: float,
    transition_days: int,
    series: int = 200,
    seed: int = 1,
) -> Power:
    """Power of the schedule, its smallest detectable improvement and the interval-only one."""
    upper, median, returned = null_bounds(spans, sd, phi, transition_days, series, seed)
    controlled = switches([Observation(a, p, 0.0) for p, a, _ in spans]) >= 2
    needed = np.maximum(np.maximum(upper, median + threshold), returned)
    steps = tuple(threshold * k for k in (1.0, 1.5, 2.0, 3.0))
    power = tuple((d, float(np.mean(needed < d)) if controlled else 0.0) for d in steps)
    return Power(
        sd=sd,
        phi=phi,
        smallest_detectable=float(np.quantile(needed, POWER)) if controlled else None,
        interval_detectable=float(np.quantile(upper, POWER)),
        power=power,
    )
