"""Plain-language verdicts that are never more certain than the interval behind them.

Four rules keep the words honest:

* **The threshold counts.** "Likely helped" needs the whole 95 % interval on the better side of
  zero *and* a probability of at least one half that the improvement reaches the smallest
  worthwhile change; a clear but smaller change is "small change, probably not worthwhile".
* **Natural change cannot pass for help.** With a single switch (baseline → magnesium, "AB")
  a person who was improving anyway looks exactly like a person helped by magnesium, so such a
  series is never "likely helped": it says the change happened *while on magnesium*. With a
  single return to baseline (ABA) the return itself must point the same way (with 90 %
  probability): natural improvement makes things better after stopping too, a real effect
  makes them worse again.
* **Only the primary outcome gets a verdict.** Every other outcome is an exploratory estimate;
  a dozen verdicts would find a false "helped" somewhere far too often.
* **No verdict before the planned end.** An interval looked at every day crosses zero by chance
  sooner or later, so until the trial ends it is shown as "interim — not a verdict".
"""

from __future__ import annotations

from typing import Literal

VerdictCode = Literal[
    "likely_helped",
    "small_change",
    "unclear",
    "no_sign_of_help",
    "likely_worse",
    "better_while_on_magnesium",
    "worse_while_on_magnesium",
    "not_reversed",
    "exploratory",
    "interim",
]

VERDICT_WORDS: dict[VerdictCode, str] = {
    "likely_helped": "likely helped",
    "small_change": "small change, probably not worthwhile",
    "unclear": "unclear",
    "no_sign_of_help": "no sign of help",
    "likely_worse": "likely worse",
    "better_while_on_magnesium": "better while on magnesium, cause unknown",
    "worse_while_on_magnesium": "worse while on magnesium, cause unknown",
    "not_reversed": "better on magnesium, but no change back after stopping",
    "exploratory": "exploratory — no verdict",
    "interim": "interim — not a verdict",
}

#: P(improvement ≥ the worthwhile threshold) that "likely helped" needs.
MEANINGFUL_PROBABILITY = 0.5
#: With a single return (ABA), P(the return alone shows magnesium better) that it needs. Single-
#: case design standards ask for the effect to reverse when the treatment is withdrawn (What
#: Works Clearinghouse, Single-Case Design Technical Documentation, Kratochwill et al. 2010);
#: 0.9 keeps a bad patch fading at the start below 5 % false "likely helped" (docs/calibration.md).
REVERSAL_PROBABILITY = 0.9

AB_CAVEAT = (
    "There was no return to the comparison condition (an AB comparison), so this cannot "
    "separate magnesium from natural change over the same weeks; a return to baseline (ABA) "
    "or randomised periods can."
)


def improvement(effect: float, higher_is_better: bool) -> float:
    """The effect expressed so that a positive number is an improvement."""
    return effect if higher_is_better else -effect


def verdict(
    ci: tuple[float, float],
    threshold: float,
    higher_is_better: bool,
    p_meaningful: float = 1.0,
    controlled: bool = True,
    p_reversed: float = 1.0,
) -> VerdictCode:
    """Classify an effect interval (magnesium minus comparison).

    ``p_meaningful`` is the posterior probability of an improvement of at least ``threshold``;
    ``controlled`` is False for a series with a single switch (AB); ``p_reversed`` is the
    probability that the last switch alone points to magnesium being better (for ABA; 1 where
    randomisation or more switches make the check unnecessary).
    """
    a, b = (improvement(ci[0], higher_is_better), improvement(ci[1], higher_is_better))
    worst, best = min(a, b), max(a, b)
    if worst > 0:
        if not controlled:
            return "better_while_on_magnesium"
        if p_meaningful < MEANINGFUL_PROBABILITY:
            return "small_change"
        return "likely_helped" if p_reversed >= REVERSAL_PROBABILITY else "not_reversed"
    if best < 0:
        return "likely_worse" if controlled else "worse_while_on_magnesium"
    if best < threshold:
        return "no_sign_of_help"
    return "unclear"


def _amount(value: float, unit: str) -> str:
    """'1.2 points lower' style wording for a signed change."""
    word = "higher" if value > 0 else "lower"
    if abs(value) < 0.05:
        return "about the same"
    return f"{abs(value):.1f} {unit} {word}"


_TAILS: dict[VerdictCode, str] = {
    "likely_helped": "Chance alone is an unlikely explanation, though it cannot show why.",
    "small_change": "The change is probably smaller than the {threshold} that would be worthwhile.",
    "likely_worse": "Chance alone is an unlikely explanation; talk it over with a clinician.",
    "no_sign_of_help": "Even the best end of the interval is smaller than a worthwhile change.",
    "unclear": "The interval includes no change, so these days cannot tell either way.",
    "better_while_on_magnesium": AB_CAVEAT,
    "worse_while_on_magnesium": AB_CAVEAT + " Talk it over with a clinician.",
    "not_reversed": "It did not get worse again when magnesium stopped, so natural improvement "
    "(or an effect that outlasts the capsules) may explain it; randomised periods can tell.",
    "exploratory": "Only the primary outcome gets a verdict; this estimate is exploratory.",
    "interim": "The trial has not reached its planned end, so this is not a verdict yet.",
}


def sentence(
    name: str,
    estimate: float,
    ci: tuple[float, float],
    code: VerdictCode,
    unit: str,
    higher_is_better: bool,
    threshold: float = 1.0,
) -> str:
    """A person-facing sentence: the verdict, the typical change and its 95 % interval."""
    label = name.replace("_", " ").capitalize()
    better = "higher" if higher_is_better else "lower"
    middle = _amount(estimate, unit)
    span = f"95 % interval: {_amount(ci[0], unit)} to {_amount(ci[1], unit)}"
    tail = _TAILS[code].format(threshold=f"{threshold:g} {unit}")
    return (
        f"{label}: {VERDICT_WORDS[code]}. On magnesium it was {middle} on average "
        f"({span}; {better} is better). {tail}"
    )
