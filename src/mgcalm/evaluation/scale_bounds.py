"""Ratings stuck at the floor or ceiling of their scale.

A rating of 0 cannot fall further: if many days already sit at the lowest anxiety score, an
improvement cannot show in full, the effect is underestimated and the interval assumes a spread
the scale does not allow. mgcalm flags an outcome when more than 15 % of the analysed days of a
condition sit at a bound — the usual criterion for floor and ceiling effects (Terwee CB et al.,
"Quality criteria were proposed for measurement properties of health status questionnaires",
*J Clin Epidemiol* 2007;60:34–42).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from mgcalm.evaluation.series import Observation, Outcome, on_magnesium

FLOOR_CEILING_SHARE = 0.15


@dataclass(frozen=True, slots=True)
class BoundFlag:
    """Share of one condition's analysed days at the scale's lowest or highest value."""

    bound: Literal["floor", "ceiling"]
    value: float
    condition: Literal["magnesium", "comparison"]
    share: float
    message: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "bound": self.bound,
            "value": self.value,
            "condition": self.condition,
            "share": round(self.share, 3),
            "message": self.message,
        }


def floor_ceiling(kept: Sequence[Observation], outcome: Outcome) -> tuple[BoundFlag, ...]:
    """Flags for each condition and bound where more than 15 % of days sit at the bound."""
    flags = []
    label = outcome.name.replace("_", " ").capitalize()
    for condition in ("magnesium", "comparison"):
        days = [o.value for o in kept if on_magnesium(o.phase) == (condition == "magnesium")]
        for bound, value in zip(("floor", "ceiling"), outcome.scale, strict=True):
            if value is None or not days:
                continue
            share = sum(1 for v in days if v == value) / len(days)
            if share > FLOOR_CEILING_SHARE:
                word = "lowest" if bound == "floor" else "highest"
                flags.append(
                    BoundFlag(
                        bound,  # type: ignore[arg-type]
                        value,
                        condition,
                        share,
                        f"{label} was at its {word} possible value ({value:g}) on {share:.0%} of "
                        f"the {condition} days: the scale cannot show change beyond it, so the "
                        "effect may be underestimated and its interval is less reliable.",
                    )
                )
    return tuple(flags)
