"""When to step down: loose stools (Bristol types 6–7) on two or more days.

Diarrhoea is the first sign of too much supplemental magnesium (the IOM set the UL on it), so
the plan goes back one titration step (``step_down``) rather than pushing on. The tracking layer
passes what was logged; nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

# Bristol Stool Form Scale types 6 (mushy) and 7 (watery): Lewis & Heaton, Scand J
# Gastroenterol 1997;32(9):920–924.
LOOSE_TYPES: frozenset[int] = frozenset({6, 7})
STEP_DOWN_AFTER_DAYS = 2


def loose_days(stool_types: Mapping[date, Iterable[int]], since: date) -> int:
    """Days on or after ``since`` with at least one loose stool logged."""
    return sum(1 for day, types in stool_types.items() if day >= since and LOOSE_TYPES & set(types))


def should_step_down(stool_types: Mapping[date, Iterable[int]], since: date) -> bool:
    """True when loose stools were logged on two or more days since ``since``.

    ``since`` is the start of the current dose step (or of a step-down already made), so one
    episode is counted once and the person gets a fair run at each dose.
    """
    return loose_days(stool_types, since) >= STEP_DOWN_AFTER_DAYS
