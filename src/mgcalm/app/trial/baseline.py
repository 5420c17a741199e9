"""A magnesium dose on a baseline day: saved if the person wants, never silently.

The baseline is the stretch without magnesium that the magnesium weeks are compared with. A
dose logged in it blurs that comparison, and Today would say "no magnesium yet" beside the
dose. So the warning is data: the CLI asks before saving, the web and the API save and carry it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from mgcalm.app.trial.phases import TrialState
from mgcalm.domain.entries import DoseEntry, EntryBase


@dataclass(frozen=True, slots=True)
class TrialWarning:
    """Something about an entry that weakens the trial; the entry itself is valid."""

    code: str
    message: str
    days: tuple[date, ...]

    def to_json(self) -> dict[str, Any]:
        """The form the API and ``--json`` output carry under ``warnings``."""
        return {
            "code": self.code,
            "message": self.message,
            "days": [d.isoformat() for d in self.days],
        }


def baseline_days(state: TrialState, days: Iterable[date]) -> tuple[date, ...]:
    """The given days that fall in a baseline phase, in order."""
    return tuple(
        sorted({d for d in days if (p := state.phase_on(d)) is not None and p.phase == "baseline"})
    )


def dose_in_baseline(state: TrialState, days: Iterable[date]) -> TrialWarning | None:
    """The warning for doses taken on ``days``, or None when none of them is a baseline day."""
    found = baseline_days(state, days)
    if not found:
        return None
    when = ", ".join(d.isoformat() for d in found)
    message = (
        f"{when} is in your baseline, the days without magnesium that the magnesium weeks are "
        "compared with; a dose then makes that comparison less clear. If you have started "
        "magnesium, start the next phase (`mgcalm trial start titration`, or 'Start magnesium "
        "today' on Today); if the dose was logged by mistake, delete it."
    )
    return TrialWarning("dose_in_baseline", message, found)


def baseline_warnings(state: TrialState, entries: Iterable[EntryBase]) -> list[dict[str, Any]]:
    """``warnings`` for saved entries: doses taken (not missed) on baseline days."""
    taken = [e.day for e in entries if isinstance(e, DoseEntry) and not e.missed]
    warning = dose_in_baseline(state, taken) if taken else None
    return [] if warning is None else [warning.to_json()]
