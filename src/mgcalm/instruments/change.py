"""What change between two totals counts: reliable change and clinically meaningful change.

All three questionnaires score higher when symptoms are worse, so a fall is an improvement.

- PCL-5: 5 points is the National Center for PTSD's minimum for a reliable response and 10 points
  its minimum for clinically meaningful change. Research estimates are stricter (reliable change
  ≥ 15–18 points in veterans, Marx 2022; 9–12 points likely real change in primary care,
  Blanchard 2023) and are given as context for clinicians, not used as the rule.
- GAD-7: the minimal clinically important difference is 4 points (Toussaint 2020). No separate
  reliable-change index is used, so 4 points serves as both thresholds.
- PHQ-9: 5 points, estimated as two standard errors of measurement, is the minimal clinically
  important difference for individual change (Löwe 2004) and serves as both thresholds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.instruments.catalog import get_instrument
from mgcalm.instruments.sources import cite

Direction = Literal["improved", "worsened", "no reliable change"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Points of change needed on one instrument, with where the numbers come from."""

    reliable: int
    meaningful: int
    sources: tuple[str, ...]
    context: str = ""


_PCL5 = Thresholds(
    5,
    10,
    ("va-pcl5-guide", "blanchard2023"),
    "Research thresholds are stricter: reliable change of 15–18 points among veterans "
    "(Marx 2022); changes of 9–12 points likely real and 5 or less likely not reliable in "
    "primary care (Blanchard 2023). Compare the same form (past month or past week) only.",
)
THRESHOLDS: Mapping[str, Thresholds] = MappingProxyType(
    {
        "pcl5": _PCL5,
        "pcl5_week": _PCL5,
        "gad7": Thresholds(4, 4, ("toussaint2020",), "MCID 4 points; no separate RCI used."),
        "phq9": Thresholds(5, 5, ("lowe2004",), "5 points = 2 standard errors of measurement."),
    }
)


@dataclass(frozen=True, slots=True)
class Change:
    """The change between two totals on one instrument, judged against its thresholds."""

    instrument: str
    before: int
    after: int
    delta: int
    direction: Direction
    clinically_meaningful: bool
    reliable_threshold: int
    meaningful_threshold: int
    sources: tuple[str, ...]
    context: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict, citations rendered in full."""
        return {
            "instrument": self.instrument,
            "before": self.before,
            "after": self.after,
            "delta": self.delta,
            "direction": self.direction,
            "clinically_meaningful": self.clinically_meaningful,
            "reliable_threshold": self.reliable_threshold,
            "meaningful_threshold": self.meaningful_threshold,
            "sources": list(cite(self.sources)),
            "context": self.context,
        }


def reliable_change(instrument_id: str, before_total: int, after_total: int) -> Change:
    """Judge the change from ``before_total`` to ``after_total`` on one instrument."""
    instrument = get_instrument(instrument_id)
    problems = [
        Problem(name, f"{value!r} is not a possible total", f"0–{instrument.max_total}")
        for name, value in (("before_total", before_total), ("after_total", after_total))
        if isinstance(value, bool)
        or not isinstance(value, int)
        or not 0 <= value <= instrument.max_total
    ]
    if problems:
        raise InvalidInputError(problems)
    t = THRESHOLDS[instrument.id]
    delta = after_total - before_total
    direction: Direction = "no reliable change"
    if delta <= -t.reliable:
        direction = "improved"
    elif delta >= t.reliable:
        direction = "worsened"
    meaningful = direction != "no reliable change" and abs(delta) >= t.meaningful
    return Change(
        instrument.id,
        before_total,
        after_total,
        delta,
        direction,
        meaningful,
        t.reliable,
        t.meaningful,
        t.sources,
        t.context,
    )


def describe_change(change: Change) -> str:
    """One plain sentence about a change, for the person."""
    points = f"{abs(change.delta)} point{'s' if abs(change.delta) != 1 else ''}"
    if change.direction == "no reliable change":
        return (
            f"Your score moved {points} ({change.before} → {change.after}): less than the "
            f"{change.reliable_threshold} points needed to be sure it is more than chance."
        )
    word = "lower (better)" if change.direction == "improved" else "higher (worse)"
    strength = (
        "a clinically meaningful change"
        if change.clinically_meaningful
        else "a reliable change, smaller than the clinically meaningful "
        f"{change.meaningful_threshold} points"
    )
    return f"Your score is {points} {word} ({change.before} → {change.after}): {strength}."
