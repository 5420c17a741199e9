"""Confounders: other things that changed during the phases being compared.

A single person's before/after comparison cannot separate magnesium from anything else that
changed at the same time — starting trauma-focused therapy, a new or changed medication, another
supplement. Such events are flagged, never adjusted away silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

EventKind = Literal[
    "therapy_started",
    "therapy_changed",
    "therapy_stopped",
    "medication_started",
    "medication_changed",
    "medication_stopped",
    "supplement_started",
    "supplement_stopped",
    "other",
]

_KIND_WORDS: dict[str, str] = {
    "therapy_started": "therapy started",
    "therapy_changed": "therapy changed",
    "therapy_stopped": "therapy stopped",
    "medication_started": "a medication started",
    "medication_changed": "a medication changed",
    "medication_stopped": "a medication stopped",
    "supplement_started": "another supplement started",
    "supplement_stopped": "another supplement stopped",
    "other": "something else changed",
}

#: A change in the weeks before baseline may still be taking effect during the trial
#: (antidepressants and therapy both act over weeks), so those are flagged too.
LOOKBACK_DAYS = 28


@dataclass(frozen=True, slots=True)
class LifeEvent:
    """Something that happened on a day and might affect the outcomes."""

    day: date
    kind: EventKind
    what: str = ""


@dataclass(frozen=True, slots=True)
class ConfounderFlag:
    """An event that overlaps the compared phases, with a plain explanation."""

    day: date
    kind: EventKind
    what: str
    phase: str
    message: str


def confounder_flags(
    events: Sequence[LifeEvent], spans: Sequence[tuple[str, date, date]]
) -> tuple[ConfounderFlag, ...]:
    """Flag every event from ``LOOKBACK_DAYS`` before the first phase to the end of the last.

    ``spans`` are (phase, first day, last day) in order, as ``TrialDesign.spans()`` gives them.
    """
    if not spans:
        return ()
    start = spans[0][1] - timedelta(days=LOOKBACK_DAYS)
    flags = []
    for event in sorted(events, key=lambda e: e.day):
        if not start <= event.day <= spans[-1][2]:
            continue
        found = next((p for p, a, b in spans if a <= event.day <= b), None)
        phase = found.replace("_", " ") if found else "before the trial"
        label = _KIND_WORDS[event.kind] + (f" ({event.what})" if event.what else "")
        message = (
            f"On {event.day.isoformat()} {label}, "
            f"{'during ' + phase if phase != 'before the trial' else 'shortly before the trial'}: "
            "changes after it may come from this rather than from magnesium."
        )
        flags.append(ConfounderFlag(event.day, event.kind, event.what, phase, message))
    return tuple(flags)
