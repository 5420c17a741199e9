"""The guided practices shown on /practices: breathing patterns, grounding and an evening wind-down.

Timings are the published ones; each practice names where it comes from. These practices calm the
body for a moment; they are not a treatment for PTSD and never replace trauma-focused therapy.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Breathing:
    """A paced breathing pattern: seconds to breathe in, hold full, breathe out, hold empty."""

    id: str
    name: str
    inhale: int
    hold_full: int
    exhale: int
    hold_empty: int
    how: str
    dose: str
    source: str

    @property
    def pattern(self) -> str:
        """The pattern as ``"in,hold,out,hold"`` for the pacer script."""
        return f"{self.inhale},{self.hold_full},{self.exhale},{self.hold_empty}"

    @property
    def breaths_per_minute(self) -> float:
        """Breaths per minute at this pattern."""
        return round(60 / (self.inhale + self.hold_full + self.exhale + self.hold_empty), 2)


@dataclass(frozen=True, slots=True)
class Steps:
    """A practice made of steps to follow at one's own pace."""

    id: str
    name: str
    steps: tuple[str, ...]
    note: str
    source: str


BREATHING: tuple[Breathing, ...] = (
    Breathing(
        "box",
        "Box breathing (4-4-4-4)",
        4,
        4,
        4,
        4,
        "Breathe in through the nose for 4, hold gently for 4, breathe out for 4, rest for 4. "
        "Do not clamp down on the holds.",
        "A few minutes; stop whenever you like.",
        "Divine M. TIME, 2016: https://time.com/4316151/breathing-technique-navy-seal-calm-focused/",
    ),
    Breathing(
        "478",
        "4-7-8 breathing",
        4,
        7,
        8,
        0,
        "Breathe in through the nose for 4, hold for 7, breathe out slowly through the mouth for "
        "8. The ratio matters more than the exact seconds.",
        "Four breaths at a time, no more than four for the first month.",
        "Andrew Weil, relaxing breath (4-7-8), as described in his published videos (unverified "
        "primary page).",
    ),
    Breathing(
        "resonance",
        "Resonance breathing (about 6 a minute)",
        5,
        0,
        5,
        0,
        "Breathe in for 5 and out for 5, softly, about six breaths a minute. Your own best pace "
        "may be a little faster or slower.",
        "Ten to twenty minutes a day.",
        "Steffen PR et al. Front Public Health 2017;5:222. doi:10.3389/fpubh.2017.00222",
    ),
    Breathing(
        "gentle",
        "Gentle, no holds (4 in, 6 out)",
        4,
        0,
        6,
        0,
        "For when holding the breath is uncomfortable (panic, lung or heart disease, pregnancy): "
        "breathe in for 4 and out for 6.",
        "A few minutes.",
        "Shaffer F, Meehan ZM. Front Neurosci 2020;14:570400. doi:10.3389/fnins.2020.570400",
    ),
)

GROUNDING = Steps(
    "grounding",
    "5-4-3-2-1 grounding",
    (
        "Name 5 things you can see.",
        "Name 4 things you can touch or feel.",
        "Name 3 things you can hear.",
        "Name 2 things you can smell (or two smells you like).",
        "Name 1 thing you can taste (or a taste you like).",
    ),
    "Keep your eyes open if that helps you stay in the present.",
    "A widely taught grounding exercise; VA MIRECC materials describe keeping eyes open.",
)

WIND_DOWN = Steps(
    "wind-down",
    "Evening wind-down",
    (
        "Dim the lights and put screens away about an hour before bed.",
        "Take your evening magnesium dose if your plan has one.",
        "Five minutes of resonance or gentle breathing.",
        "Write down anything on your mind, then close the notebook.",
        "Go to bed at your usual time; if you cannot sleep after about 20 minutes, get up and do "
        "something quiet in dim light until you feel sleepy.",
    ),
    "A regular rhythm helps sleep more than any single step.",
    "Stimulus control and sleep hygiene as used in CBT for insomnia (VA CBT-i Coach).",
)

SAFETY_NOTES: tuple[str, ...] = (
    "Stop at any time. Stop if you feel dizzy or light-headed.",
    "Do not use the breathing pacer while driving.",
    "Shorten the counts (3 or 2) if 4 feels too long.",
)


def practices_payload() -> dict[str, Any]:
    """Everything /practices shows, as plain data (also the body of ``/api/practices``)."""
    breathing = [
        {**asdict(b), "pattern": b.pattern, "breaths_per_minute": b.breaths_per_minute}
        for b in BREATHING
    ]
    return {
        "breathing": breathing,
        "grounding": asdict(GROUNDING),
        "wind_down": asdict(WIND_DOWN),
        "safety": list(SAFETY_NOTES),
    }
