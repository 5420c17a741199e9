"""Plain-language verdicts that are never more certain than the interval behind them."""

from __future__ import annotations

from typing import Literal

VerdictCode = Literal["likely_helped", "unclear", "no_sign_of_help", "likely_worse"]

VERDICT_WORDS: dict[VerdictCode, str] = {
    "likely_helped": "likely helped",
    "unclear": "unclear",
    "no_sign_of_help": "no sign of help",
    "likely_worse": "likely worse",
}


def improvement(effect: float, higher_is_better: bool) -> float:
    """The effect expressed so that a positive number is an improvement."""
    return effect if higher_is_better else -effect


def verdict(ci: tuple[float, float], threshold: float, higher_is_better: bool) -> VerdictCode:
    """Classify an effect interval (magnesium minus baseline).

    * likely helped — the whole interval is on the better side of zero;
    * likely worse — the whole interval is on the worse side of zero;
    * no sign of help — the interval includes zero and even its best end falls short of the
      smallest worthwhile improvement ``threshold``;
    * unclear — anything else (the interval includes zero and a worthwhile improvement).
    """
    a, b = (improvement(ci[0], higher_is_better), improvement(ci[1], higher_is_better))
    worst, best = min(a, b), max(a, b)
    if worst > 0:
        return "likely_helped"
    if best < 0:
        return "likely_worse"
    if best < threshold:
        return "no_sign_of_help"
    return "unclear"


def _amount(value: float, unit: str) -> str:
    """'1.2 points lower' style wording for a signed change."""
    word = "higher" if value > 0 else "lower"
    if abs(value) < 0.05:
        return "about the same"
    return f"{abs(value):.1f} {unit} {word}"


def sentence(
    name: str,
    estimate: float,
    ci: tuple[float, float],
    code: VerdictCode,
    unit: str,
    higher_is_better: bool,
) -> str:
    """A person-facing sentence: the verdict, the typical change and its 95 % interval."""
    label = name.replace("_", " ").capitalize()
    better = "higher" if higher_is_better else "lower"
    middle = _amount(estimate, unit)
    span = f"95 % interval: {_amount(ci[0], unit)} to {_amount(ci[1], unit)}"
    tails = {
        "likely_helped": "Chance alone is an unlikely explanation, though it cannot show why.",
        "likely_worse": "Chance alone is an unlikely explanation; talk it over with a clinician.",
        "no_sign_of_help": "Even the best end of the interval is smaller than a worthwhile change.",
        "unclear": "The interval includes no change, so these days cannot tell either way.",
    }
    return (
        f"{label}: {VERDICT_WORDS[code]}. On magnesium it was {middle} on average "
        f"({span}; {better} is better). {tails[code]}"
    )
