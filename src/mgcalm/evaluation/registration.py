"""The trial's pre-registration: primary outcome, design and seed, fixed before magnesium starts.

Deciding what counts *before* seeing the data is what keeps one person's trial honest: switching
to whichever of a dozen outcomes happened to move would find a "helped" somewhere by chance far
too often. So the primary outcome, the design and its seed are recorded before the first
magnesium day, and every later change stays on the record — dated, with its reason — in every
report. Pure records: the app layer fills them from the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from mgcalm.domain.outcome_words import outcome_phrase

DesignKind = Literal["quick", "randomised_pairs"]


@dataclass(frozen=True, slots=True)
class OutcomeChoice:
    """One choice of the primary outcome; ``after_start`` when made once the trial had begun."""

    outcome: str
    chosen_on: date
    reason: str = ""
    after_start: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "outcome": self.outcome,
            "chosen_on": self.chosen_on.isoformat(),
            "reason": self.reason,
            "after_start": self.after_start,
        }


@dataclass(frozen=True, slots=True)
class Registration:
    """What was fixed before the first magnesium day, and what changed after.

    ``seed`` is shown only when it cannot unblind anyone (open trials, or after unblinding);
    ``seal`` is the fingerprint of the sealed schedule, shown from the start, so the person can
    check afterwards that the schedule revealed is the one registered.
    """

    history: tuple[OutcomeChoice, ...] = ()
    design: DesignKind = "quick"
    blinded: bool = False
    unblinded_on: date | None = None
    seed: int | None = None
    seal: str | None = None
    registered_on: date | None = None
    first_magnesium_day: date | None = None
    planned_end: date | None = None
    transition_days: int | None = None

    @property
    def primary_outcome(self) -> str | None:
        """The current primary outcome (the latest choice)."""
        return self.history[-1].outcome if self.history else None

    @property
    def changed_after_start(self) -> tuple[OutcomeChoice, ...]:
        """Choices made once the trial had begun."""
        return tuple(c for c in self.history if c.after_start)

    @property
    def sealed(self) -> bool:
        """True while a blinded trial's allocation is still hidden from the person."""
        return self.blinded and self.unblinded_on is None

    @property
    def blinding_status(self) -> str:
        """ "open-label", "blinded" or "blinded, unblinded on DATE" — said in every report."""
        if not self.blinded:
            return "open-label"
        if self.unblinded_on is None:
            return "blinded"
        return f"blinded, unblinded on {self.unblinded_on.isoformat()}"

    def primary_json(self) -> dict[str, Any]:
        """The ``primary_outcome`` entry of every report."""
        first = self.history[0] if self.history else None
        return {
            "outcome": self.primary_outcome,
            "registered_on": first.chosen_on.isoformat() if first else None,
            "registered_before_first_magnesium_day": bool(first and not first.after_start),
            "changed_after_start": bool(self.changed_after_start),
            "history": [c.to_dict() for c in self.history],
        }

    def history_lines(self) -> tuple[str, ...]:
        """The primary outcome and its dated history in plain words."""
        if not self.history:
            return (
                "No primary outcome was chosen, so every estimate below is exploratory "
                "(no verdict).",
            )
        lines = [f"Primary outcome: {outcome_phrase(self.primary_outcome or '')}."]
        for i, c in enumerate(self.history):
            when = "after the trial started" if c.after_start else "before the trial started"
            verb = "Chosen" if i == 0 else "Changed to"
            reason = f" Reason: {c.reason}" if c.reason else ""
            lines.append(
                f"{verb} {outcome_phrase(c.outcome)} on {c.chosen_on.isoformat()} ({when}).{reason}"
            )
        return tuple(lines)

    def design_lines(self) -> tuple[str, ...]:
        """Design, seed, blinding and planned end in plain words."""
        kind = (
            "randomised pairs of periods"
            if self.design == "randomised_pairs"
            else "quick look (baseline, magnesium, back to baseline)"
        )
        lines = [f"Design: {kind}; {self.blinding_status}."]
        if self.seed is not None:
            lines.append(f"Seed of the randomised schedule: {self.seed}.")
        if self.seal:
            lines.append(f"Fingerprint of the sealed schedule: {self.seal[:16]}…")
        if self.planned_end:
            lines.append(f"Planned end: {self.planned_end.isoformat()}.")
        return tuple(lines)

    def json(self) -> dict[str, Any]:
        """The registration entry of a report's design section."""
        return {
            "kind": self.design,
            "blinding": self.blinding_status,
            "open_label": not self.blinded,
            "blinded": self.blinded,
            "unblinded_on": self.unblinded_on.isoformat() if self.unblinded_on else None,
            "seed": self.seed,
            "seal": self.seal,
            "registered_on": self.registered_on.isoformat() if self.registered_on else None,
            "first_magnesium_day": (
                self.first_magnesium_day.isoformat() if self.first_magnesium_day else None
            ),
            "planned_end": self.planned_end.isoformat() if self.planned_end else None,
            "transition_days": self.transition_days,
        }
