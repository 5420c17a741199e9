"""Adherence and the per-protocol sensitivity analysis.

The main analysis is by intention to treat: every magnesium-phase day counts, taken or not. The
per-protocol analysis keeps only capsule days (magnesium, or placebo in a blinded trial) on which
every planned dose was taken; it is shown beside the main analysis, never instead of it, and if
the two disagree the effect depends on adherence and the report says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from mgcalm.domain import InvalidInputError
from mgcalm.evaluation.effect import Effect, evaluate
from mgcalm.evaluation.series import AnalysisSettings, Observation, Outcome

#: Phases on which capsules are planned: their missed days leave the per-protocol analysis.
CAPSULE_PHASES = ("magnesium", "placebo")


@dataclass(frozen=True, slots=True)
class Adherence:
    """Doses taken out of doses planned over the magnesium days."""

    planned: int
    taken: int
    days_with_missed_doses: int

    @property
    def share(self) -> float:
        """Fraction of planned doses taken (1.0 when nothing was planned)."""
        return self.taken / self.planned if self.planned else 1.0


def adherence(doses: Mapping[date, tuple[int, int]]) -> Adherence:
    """Sum ``{day: (planned, taken)}`` over the days given."""
    planned = sum(p for p, _ in doses.values())
    taken = sum(min(t, p) for p, t in doses.values())
    missed = sum(1 for p, t in doses.values() if t < p)
    return Adherence(planned, taken, missed)


def per_protocol(
    observations: Sequence[Observation], doses: Mapping[date, tuple[int, int]]
) -> tuple[Observation, ...]:
    """Observations without the capsule days on which a planned dose was missed.

    A capsule day with no dose record counts as missed: absence of a log is not adherence.
    """

    def fully_taken(day: date) -> bool:
        """Every planned dose of the day was logged as taken."""
        planned, taken = doses.get(day, (1, 0))
        return taken >= planned

    return tuple(o for o in observations if o.phase not in CAPSULE_PHASES or fully_taken(o.day))


def dosed_only(observations: Sequence[Observation]) -> tuple[Observation, ...]:
    """Observations without capsule days not marked as fully taken (``dosed`` False or absent)."""
    return tuple(o for o in observations if o.phase not in CAPSULE_PHASES or o.dosed is True)


def per_protocol_effect(
    observations: Sequence[Observation],
    doses: Mapping[date, tuple[int, int]],
    outcome: Outcome,
    settings: AnalysisSettings = AnalysisSettings(),
    *,
    primary: bool = True,
    interim_until: date | None = None,
) -> Effect | None:
    """The effect on fully adherent days only, or ``None`` when too few such days remain."""
    try:
        return evaluate(
            per_protocol(observations, doses),
            outcome,
            settings,
            primary=primary,
            interim_until=interim_until,
        )
    except InvalidInputError:
        return None
