"""A randomised trial's calendar as reports and progress pages see it.

The same shape as the quick design's phases — (label, first day, last day) spans — so reports,
charts and confounder flags treat both designs alike. While a blinded trial is sealed every
randomised period is labelled only ``period``: whoever builds a :class:`Schedule` for the
person's views never hands over the allocation, so no view can show it by mistake. The
baseline and the open-label run-in (``run_in``) come before the randomised periods and are
never numbered or analysed as one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from mgcalm.evaluation.crossover import Period
from mgcalm.evaluation.run_in import RUN_IN

#: The label of a randomised period whose condition is sealed.
SEALED = "period"
#: Labels of the spans before randomisation: never numbered as a period.
BEFORE_RANDOMISATION = ("baseline", RUN_IN)


def is_randomised(label: str) -> bool:
    """True for a randomised period's label (a condition, or ``period`` while sealed)."""
    return label not in BEFORE_RANDOMISATION


DEFAULT_INSTRUMENTS = ("pcl5_week", "gad7", "phq9")


@dataclass(frozen=True, slots=True)
class Schedule:
    """Labelled spans in date order; labels are conditions, or ``period`` when sealed."""

    periods: tuple[tuple[str, date, date], ...]
    instruments: tuple[str, ...] = DEFAULT_INSTRUMENTS

    @classmethod
    def of(cls, periods: Sequence[Period], sealed: bool) -> Schedule:
        """From a randomised design's periods; ``sealed`` hides every condition but baseline."""
        return cls(
            tuple(
                (SEALED if sealed and p.pair is not None else p.condition, p.start, p.end)
                for p in periods
            )
        )

    def spans(self) -> tuple[tuple[str, date, date], ...]:
        """(label, first day, last day) for every period."""
        return self.periods

    @property
    def start(self) -> date:
        """The first day of the trial."""
        return self.periods[0][1]

    @property
    def end(self) -> date:
        """The last day of the trial."""
        return self.periods[-1][2]

    def phase_on(self, day: date) -> str | None:
        """The label of the period ``day`` falls in, or ``None`` outside the trial."""
        return next((label for label, a, b in self.periods if a <= day <= b), None)

    def period_number(self, day: date) -> int | None:
        """The randomised period (1-based; baseline and run-in not counted) ``day`` falls in."""
        number = 0
        for label, a, b in self.periods:
            if is_randomised(label):
                number += 1
                if a <= day <= b:
                    return number
        return None
