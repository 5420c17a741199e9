"""A medicine time that magnesium (and other minerals) must keep away from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from mgcalm.planning.circle import Window, window

MAGNESIUM = "magnesium"


@dataclass(frozen=True, slots=True)
class Spacing:
    """One medicine time, the gaps it needs, and which minerals they apply to."""

    medication: str
    at: time
    hours_med_before_mg: float
    hours_mg_before_med: float
    course: tuple[date, date] | None = None
    sources: tuple[str, ...] = ()
    cations: tuple[str, ...] = (MAGNESIUM,)

    def window(self) -> Window:
        """The window on the 24-hour circle."""
        return window(self.medication, self.at, self.hours_med_before_mg, self.hours_mg_before_med)

    @property
    def for_magnesium(self) -> bool:
        """True when planned magnesium doses must keep this window."""
        return MAGNESIUM in self.cations
