"""The blinding check: did the person know which capsules they were taking?

At the end of each period of a blinded trial the person guesses what it was (magnesium, placebo,
or "don't know"). After unblinding the guesses are compared with the schedule: if the capsules
could not be told apart, a guess is right half the time, so a run of right guesses much longer
than chance allows says the blinding may not have held (magnesium's effect on stools is an
obvious giveaway) and the result should be read as partly open-label. The comparison is an exact
one-sided binomial test against one half, on the periods with a definite guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

Guess = Literal["magnesium", "placebo", "unsure"]
GUESSES: tuple[Guess, ...] = ("magnesium", "placebo", "unsure")
#: Below this chance probability the blinding is reported as possibly broken.
BROKEN_BELOW = 0.05


@dataclass(frozen=True, slots=True)
class BlindingGuess:
    """The person's guess for one randomised period (numbered from 1, baseline excluded)."""

    period: int
    guess: Guess
    day: date


@dataclass(frozen=True, slots=True)
class BlindingCheck:
    """Guesses compared with the schedule, and what that says about the blinding."""

    guessed: int
    correct: int
    unsure: int
    chance_probability: float | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "guessed": self.guessed,
            "correct": self.correct,
            "unsure": self.unsure,
            "chance_probability": (
                None if self.chance_probability is None else round(self.chance_probability, 3)
            ),
            "message": self.message,
        }


def pending_check(guesses: Sequence[BlindingGuess]) -> BlindingCheck:
    """Before unblinding: only how many guesses are on record (never whether they were right)."""
    definite = sum(1 for g in guesses if g.guess != "unsure")
    return BlindingCheck(
        definite,
        0,
        len(guesses) - definite,
        None,
        f"{len(guesses)} guess(es) recorded; they are compared with the schedule after unblinding.",
    )


def blinding_check(
    guesses: Sequence[BlindingGuess], conditions: Mapping[int, str]
) -> BlindingCheck:
    """Compare each period's latest guess with its condition (``{period: condition}``)."""
    from scipy.stats import binomtest

    latest = {g.period: g for g in sorted(guesses, key=lambda g: g.day)}
    definite = [g for g in latest.values() if g.guess != "unsure" and g.period in conditions]
    unsure = sum(1 for g in latest.values() if g.guess == "unsure")
    correct = sum(1 for g in definite if g.guess == conditions[g.period])
    if not definite:
        return BlindingCheck(
            0,
            0,
            unsure,
            None,
            "No definite guesses were recorded: whether the blinding held is unknown.",
        )
    p = float(binomtest(correct, len(definite), 0.5, alternative="greater").pvalue)
    message = (
        f"You guessed {correct} of {len(definite)} periods right ({unsure} unsure). If the "
        f"capsules could not be told apart, guessing this well or better has a chance of {p:.0%}."
    )
    if p < BROKEN_BELOW:
        message += (
            " The capsules may have been told apart (for example by their effect on stools), so "
            "the blinding may not have held: read the result as partly open-label."
        )
    return BlindingCheck(len(definite), correct, unsure, p, message)
